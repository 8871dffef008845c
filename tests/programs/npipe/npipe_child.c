/* Named pipes between a parent and the child it starts (run without arguments; the child is this program
 * with an argument): the child finds the parent's pipe by name (WaitNamedPipeW, CreateFileW) and talks to
 * it in message mode; then a client end opened by the parent with an inheritable handle becomes the
 * child's standard output (STARTF_USESTDHANDLES), and what the child prints arrives at the server end,
 * followed by ERROR_BROKEN_PIPE when the child exits. Only the parent prints to the real stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

/* ..._<parent pid>: runs at the same time cannot collide; the child is told the pid on its command line. */
static WCHAR NAME[80], STDNAME[80];

static void make_names(unsigned long pid)
{
    swprintf(NAME, 80, L"\\\\.\\pipe\\ntexec_npipe_child_%lu", pid);
    swprintf(STDNAME, 80, L"\\\\.\\pipe\\ntexec_npipe_child_stdout_%lu", pid);
}

static int child(void)
{
    if (!WaitNamedPipeW(NAME, 5000))
        return 10;
    HANDLE c = CreateFileW(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (c == INVALID_HANDLE_VALUE)
        return 11;
    DWORD mode = PIPE_READMODE_MESSAGE, n;
    if (!SetNamedPipeHandleState(c, &mode, NULL, NULL))
        return 12;
    char buf[64];
    if (!WriteFile(c, "hello from the child", 20, &n, NULL))
        return 13;
    BOOL ok = ReadFile(c, buf, 4, &n, NULL);
    DWORD err = GetLastError();
    /* The parent answers "reply!": 4 bytes and ERROR_MORE_DATA, then the rest. */
    if (ok || err != ERROR_MORE_DATA || n != 4)
        return 14;
    if (!ReadFile(c, buf + 4, sizeof buf - 4, &n, NULL) || n != 2 || memcmp(buf, "reply!", 6) != 0)
        return 15;
    CloseHandle(c);
    return 42;
}

static HANDLE start_child(HANDLE std_out)
{
    WCHAR cmd[MAX_PATH + 32], exe[MAX_PATH];
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    swprintf(cmd, MAX_PATH + 32, L"\"%ls\" %ls %lu", exe, std_out ? L"print" : L"talk", GetCurrentProcessId());
    STARTUPINFOW si = {sizeof si};
    if (std_out) {
        si.dwFlags = STARTF_USESTDHANDLES;
        si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
        si.hStdOutput = std_out;
        si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    }
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(NULL, cmd, NULL, NULL, std_out != NULL, 0, NULL, NULL, &si, &pi)) {
        printf("CreateProcessW failed: %lu\n", GetLastError());
        return NULL;
    }
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

int main(int argc, char **argv)
{
    make_names(argc > 2 ? strtoul(argv[2], NULL, 10) : GetCurrentProcessId());
    if (argc > 1 && !strcmp(argv[1], "talk"))
        return child();
    if (argc > 1 && !strcmp(argv[1], "print")) {
        printf("printed by the child");
        return 7;
    }

    HANDLE s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT, 1,
                                512, 512, 0, NULL);
    printf("CreateNamedPipeW: %s\n", s == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    HANDLE p = start_child(NULL);
    SetLastError(0);
    BOOL ok = ConnectNamedPipe(s, NULL);
    DWORD err = GetLastError();
    printf("ConnectNamedPipe: %s\n", ok || err == ERROR_PIPE_CONNECTED ? "connected" : "failed");
    char buf[64];
    DWORD n = 0;
    ok = ReadFile(s, buf, sizeof buf, &n, NULL);
    printf("server ReadFile: %d n %lu \"%.*s\"\n", ok, n, (int)n, buf);
    ok = WriteFile(s, "reply!", 6, &n, NULL);
    printf("server WriteFile: %d n %lu\n", ok, n);
    SetLastError(0);
    ok = ReadFile(s, buf, sizeof buf, &n, NULL);
    err = GetLastError();
    printf("server ReadFile after the child closed: %d error %lu\n", ok, err);
    WaitForSingleObject(p, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(p, &code);
    printf("child exit code: %lu\n", code);
    CloseHandle(p);
    CloseHandle(s);

    /* An inheritable client end as the child's standard output. */
    s = CreateNamedPipeW(STDNAME, PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 4096, 4096, 0, NULL);
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE out = CreateFileW(STDNAME, GENERIC_WRITE, 0, &sa, OPEN_EXISTING, 0, NULL);
    printf("inheritable client: %s\n", out == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    p = start_child(out);
    CloseHandle(out);   /* the child's copy is the only writer now */
    char all[128];
    DWORD total = 0;
    while (total < sizeof all && ReadFile(s, all + total, sizeof all - total, &n, NULL))
        total += n;
    err = GetLastError();
    printf("read from the child's stdout: \"%.*s\", then error %lu\n", (int)total, all, err);
    WaitForSingleObject(p, INFINITE);
    GetExitCodeProcess(p, &code);
    printf("child exit code: %lu\n", code);
    CloseHandle(p);
    CloseHandle(s);
    return 0;
}
