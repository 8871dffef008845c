/* Shared by the parent/child programs of tests/programs/proc: each program is its own child (argv[1] names
 * the child's part), so the parent starts GetModuleFileNameW's path again with a different command line.
 * Output is unbuffered so that the parent's and the children's lines come out in the order they happen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static WCHAR g_self[MAX_PATH];

static inline void proc_init(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    GetModuleFileNameW(NULL, g_self, MAX_PATH);
}

/* An inheritable duplicate of this process's stdout, for a child's STARTF_USESTDHANDLES. */
static inline HANDLE inheritable_stdout(void)
{
    HANDLE h = NULL;
    DuplicateHandle(GetCurrentProcess(), GetStdHandle(STD_OUTPUT_HANDLE), GetCurrentProcess(), &h, 0, TRUE,
                    DUPLICATE_SAME_ACCESS);
    return h;
}

/* Starts this program with the command line "x ARGS" (x is argv[0]), stdout shared, all inheritable handles
 * inherited.  Returns CreateProcessW's result; *err is GetLastError() after it. */
static inline BOOL spawn_self(const WCHAR *args, DWORD flags, PROCESS_INFORMATION *pi, DWORD *err)
{
    WCHAR cmd[1024];
    swprintf(cmd, 1024, L"x %ls", args);
    STARTUPINFOW si = {sizeof si};
    HANDLE out = inheritable_stdout();
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = out;
    si.hStdError = out;
    BOOL ok = CreateProcessW(g_self, cmd, NULL, NULL, TRUE, flags, NULL, NULL, &si, pi);
    if (err)
        *err = GetLastError();
    CloseHandle(out);
    return ok;
}

/* Waits for a child, closes its handles and returns its exit code. */
static inline DWORD finish(PROCESS_INFORMATION *pi)
{
    DWORD code = 0xFFFFFFFF;
    WaitForSingleObject(pi->hProcess, INFINITE);
    GetExitCodeProcess(pi->hProcess, &code);
    CloseHandle(pi->hThread);
    CloseHandle(pi->hProcess);
    return code;
}

/* Prints a UTF-16 string in brackets, printable ASCII as itself, a tab as \t, other code units as \uXXXX,
 * so that the output does not depend on the console's code page. */
static inline void put_wide(const WCHAR *s)
{
    putchar('[');
    for (; *s; s++) {
        if (*s == '\t')
            fputs("\\t", stdout);
        else if (*s >= 0x20 && *s < 0x7f)
            putchar((char)*s);
        else
            printf("\\u%04X", (unsigned)*s);
    }
    putchar(']');
}
