/* Environment blocks handed to a child: an explicit UTF-16 block (CREATE_UNICODE_ENVIRONMENT), an ANSI block, an
 * empty block (`proc_env.exe empty`, alone), an unsorted block (the child sees its order and finds names case-
 * insensitively), a name given twice, and inheritance of the parent's environment after SetEnvironmentVariable
 * added and removed variables. The child prints its block's PT_* and =P: entries in order, a few lookups and, given
 * an explicit block, its number of entries. */
#include "proc.h"

static void child(int total)
{
    WCHAR *env = GetEnvironmentStringsW();
    int n = 0;
    for (WCHAR *p = env; *p; p += wcslen(p) + 1) {
        n++;
        if (!_wcsnicmp(p, L"PT_", 3) || !wcsncmp(p, L"=P:", 3)) {
            fputs("  entry ", stdout);
            put_wide(p);
            putchar('\n');
        }
    }
    FreeEnvironmentStringsW(env);
    WCHAR buf[64];
    DWORD r = GetEnvironmentVariableW(L"pt_a", buf, 64);
    printf("  GetEnvironmentVariableW(pt_a): %lu ", r);
    put_wide(r ? buf : L"");
    printf(" error %lu\n", r ? 0 : GetLastError());
    char abuf[64];
    r = GetEnvironmentVariableA("PT_Z", abuf, 64);
    printf("  GetEnvironmentVariableA(PT_Z): %lu %s\n", r, r ? abuf : "-");
    printf("  getenv(PT_M): %s\n", getenv("PT_M") ? getenv("PT_M") : "(null)");
    if (total)
        printf("  total %d\n", n);
}

static void run(const char *what, void *env, DWORD flags)
{
    WCHAR cmd[32];
    wcscpy(cmd, env ? L"x child total" : L"x child");
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    HANDLE out = inheritable_stdout();
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = si.hStdError = out;
    printf("%s\n", what);
    BOOL ok = CreateProcessW(g_self, cmd, NULL, NULL, TRUE, flags, env, NULL, &si, &pi);
    DWORD err = GetLastError();
    CloseHandle(out);
    if (!ok) {
        printf("  CreateProcessW: 0 error %lu\n", err);
        return;
    }
    printf("  exit %lu\n", finish(&pi));
}

int main(int argc, char **argv)
{
    proc_init();
    if (argc > 1 && !strcmp(argv[1], "child")) {
        child(argc > 2);
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "empty")) {
        static const WCHAR empty[] = L"\0";
        run("empty block", (void *)empty, CREATE_UNICODE_ENVIRONMENT);
        return 0;
    }
    static const WCHAR wide[] = L"PT_Z=wide z\0PT_A=\u00e9t\u00e9\0=P:=P:\\dir\0PT_M=m\0";
    run("unicode block", (void *)wide, CREATE_UNICODE_ENVIRONMENT);
    static const char ansi[] = "PT_A=ansi a\0PT_M=ansi m\0PT_Z=ansi z\0";
    run("ansi block", (void *)ansi, 0);
    static const WCHAR dup[] = L"PT_A=first\0pt_a=second\0";
    run("same name twice", (void *)dup, CREATE_UNICODE_ENVIRONMENT);

    /* Set in name order, so that the child's order is the same whether a new variable goes to the end of the
     * block or to its place in the sorted order. */
    SetEnvironmentVariableW(L"PT_A", L"inherited a");
    SetEnvironmentVariableW(L"PT_DEL", L"gone");
    _putenv("PT_M=crt only");
    SetEnvironmentVariableW(L"PT_Z", L"inherited z");
    SetEnvironmentVariableW(L"PT_DEL", NULL);
    run("inherited after SetEnvironmentVariableW and _putenv", NULL, 0);
    return 0;
}
