/* lpCurrentDirectory: absolute, relative (to the parent's directory), with a trailing backslash, with "..", NULL
 * (the parent's current directory, after SetCurrentDirectoryW too), a missing directory and a file (FALSE,
 * ERROR_DIRECTORY 267), and (`proc_cwd.exe appname`) a relative lpApplicationName, which is found from the parent's
 * directory, not from lpCurrentDirectory. The child prints its directory relative to the parent's starting
 * directory, which the parent passes it on the command line, so that no temporary path is printed. */
#include "proc.h"

static WCHAR g_base[MAX_PATH];

static void child(const char *base)
{
    WCHAR cwd[MAX_PATH], wbase[MAX_PATH];
    MultiByteToWideChar(CP_UTF8, 0, base, -1, wbase, MAX_PATH);
    DWORD n = GetCurrentDirectoryW(MAX_PATH, cwd);
    size_t len = wcslen(wbase);
    if (n >= len && !_wcsnicmp(cwd, wbase, len)) {
        printf("  child cwd: <base>");
        put_wide(cwd + len);
    } else {
        printf("  child cwd outside the parent's directory: ");
        put_wide(cwd);
    }
    printf(" length %lu\n", n - (DWORD)len);
    DWORD attrs = GetFileAttributesW(L"marker.txt");
    printf("  marker.txt here: %d\n", attrs != INVALID_FILE_ATTRIBUTES);
}

static void run(const char *what, const WCHAR *app, const WCHAR *dir)
{
    WCHAR cmd[MAX_PATH + 16];
    char base[MAX_PATH * 3];
    WideCharToMultiByte(CP_UTF8, 0, g_base, -1, base, sizeof base, NULL, NULL);
    swprintf(cmd, MAX_PATH + 16, L"x child \"%ls\"", g_base);
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    HANDLE out = inheritable_stdout();
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = si.hStdError = out;
    printf("%s\n", what);
    SetLastError(0xdead);
    BOOL ok = CreateProcessW(app, cmd, NULL, NULL, TRUE, 0, NULL, dir, &si, &pi);
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
    if (argc > 2 && !strcmp(argv[1], "child")) {
        child(argv[2]);
        return 0;
    }
    GetCurrentDirectoryW(MAX_PATH, g_base);
    CreateDirectoryW(L"sub", NULL);
    CreateDirectoryW(L"sub\\deeper", NULL);
    CloseHandle(CreateFileW(L"sub\\marker.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    CloseHandle(CreateFileW(L"plainfile", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    WCHAR abs[MAX_PATH];
    swprintf(abs, MAX_PATH, L"%ls\\sub", g_base);

    if (argc > 1 && !strcmp(argv[1], "appname")) {
        run("relative application name, lpCurrentDirectory sub", L"proc\\proc_cwd.exe", L"sub");
        run("relative application name missing from the parent's directory", L"proc_cwd.exe", L"proc");
        return 0;
    }
    run("NULL", g_self, NULL);
    run("absolute", g_self, abs);
    run("relative sub", g_self, L"sub");
    run("relative sub\\ with a trailing backslash", g_self, L"sub\\");
    run("relative sub\\deeper\\..", g_self, L"sub\\deeper\\..");
    run("relative .", g_self, L".");
    run("missing directory", g_self, L"nosuchdir");
    run("a file", g_self, L"plainfile");
    SetCurrentDirectoryW(L"sub");
    run("NULL after SetCurrentDirectoryW(sub)", g_self, NULL);
    run("relative deeper after SetCurrentDirectoryW(sub)", g_self, L"deeper");
    return 0;
}
