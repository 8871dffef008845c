/* Command lines round-tripped through CreateProcessW: the parent passes each line as lpCommandLine with
 * lpApplicationName naming the child (argv[1], a path relative to the cwd), and the child (proc_args.c) prints
 * what it received, GetCommandLineW and its runtime's argv: quotes, 2n and 2n+1 backslashes before a quote,
 * trailing backslashes, tabs, empty "" arguments, "" inside quotes, a quoted argv[0] with blanks, UTF-16 beyond ASCII
 * and surrogate pairs.
 * `proc_cmdline.exe CHILD shell32` also asks the child for CommandLineToArgvW's split. */
#include "proc.h"

static const WCHAR *const lines[] = {
    L"x a b c",
    L"x \"a b\" c",
    L"x a\\\\b c\\d",
    L"x a\\\"b",
    L"x a\\\\\"b c\"",
    L"x a\\\\\\\"b",
    L"x a\\\\\\\\\"b\"",
    L"x \"trailing\\\\\"",
    L"x trailing\\",
    L"x trailing\\\\",
    L"x \"a\tb\" c\td",
    L"x \"\" b \"\"",
    L"x a\"\"b",
    L"x \"a\"\"b c\" d",
    L"x \"unterminated b c",
    L"x \\\"a\\\" \"\\\\server\\share\"",
    L"x  \t lead   trail \t ",
    L"\"C:\\dir with space\\x.exe\" a",
    L"x \"a b\"c\"d e\" f",
    L"x h\u00e9llo \u20acuro \U0001F600 \"\u4e2d \u6587\"",
};

int main(int argc, char **argv)
{
    proc_init();
    if (argc < 2)
        return 2;
    WCHAR app[MAX_PATH];
    MultiByteToWideChar(CP_ACP, 0, argv[1], -1, app, MAX_PATH);
    if (argc > 2 && !strcmp(argv[2], "shell32"))
        SetEnvironmentVariableW(L"PROC_ARGS_SHELL32", L"1");
    int n = sizeof lines / sizeof *lines;
    for (int i = 0; i < n; i++) {
        WCHAR buf[256];
        STARTUPINFOW si = {sizeof si};
        PROCESS_INFORMATION pi;
        WCHAR *cmd = wcscpy(buf, lines[i]);
        printf("line %d\n", i + 1);
        HANDLE out = inheritable_stdout();
        si.dwFlags = STARTF_USESTDHANDLES;
        si.hStdOutput = si.hStdError = out;
        BOOL ok = CreateProcessW(app, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
        CloseHandle(out);
        if (!ok) {
            printf("  CreateProcessW failed, error %lu\n", GetLastError());
            continue;
        }
        if (wcscmp(cmd, lines[i]))
            printf("  lpCommandLine was modified\n");
        printf("  exit %lu\n", finish(&pi));
    }
    return 0;
}
