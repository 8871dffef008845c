/* Named pipes in byte mode between threads of one process: CreateFileW on a missing pipe (2), a client
 * before ConnectNamedPipe (535), a second client of a one-instance pipe (231), WaitNamedPipe's timeout
 * (121), data both ways, PeekNamedPipe, GetNamedPipeInfo, names compared case-insensitively, the errors
 * after the client closes (109 reading, 232 writing), DisconnectNamedPipe (233 on both ends), a blocking
 * ConnectNamedPipe released by a client thread, and the name gone with the last server handle. */
#include <stdio.h>
#include <windows.h>

/* The call first, then what it left: printf's arguments are evaluated in no fixed order. */
static BOOL ok;
static DWORD err;
#define DO(x) (SetLastError(0), ok = (BOOL)(x), err = GetLastError())

static WCHAR NAME[80];   /* ntexec_npipe_basic_<pid>: runs at the same time cannot collide */

static HANDLE open_client(const WCHAR *name)
{
    return CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static DWORD WINAPI late_client(void *arg)
{
    Sleep(100);
    *(HANDLE *)arg = open_client(NAME);   /* main prints it after the join: no race between the lines */
    return 0;
}

int main(void)
{
    swprintf(NAME, 80, L"\\\\.\\pipe\\ntexec_npipe_basic_%lu", GetCurrentProcessId());
    SetLastError(0);
    HANDLE c = open_client(NAME);
    printf("CreateFileW before the server: %s error %lu\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid",
           GetLastError());
    SetLastError(0);
    DO(WaitNamedPipeW(NAME, 10));
    printf("WaitNamedPipeW before the server: %d error %lu\n", ok, err);

    HANDLE s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, 1,
                                1024, 1024, 0, NULL);
    printf("CreateNamedPipeW: %s error %lu\n", s == INVALID_HANDLE_VALUE ? "INVALID" : "valid", GetLastError());
    HANDLE s2 = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    printf("second instance of a 1-instance pipe: %s error %lu\n", s2 == INVALID_HANDLE_VALUE ? "INVALID" : "valid",
           GetLastError());
    printf("WaitNamedPipeW with a listening instance: %d\n", WaitNamedPipeW(NAME, 10));

    WCHAR other_case[80];
    swprintf(other_case, 80, L"\\\\.\\PIPE\\NTEXEC_NPIPE_Basic_%lu", GetCurrentProcessId());
    c = open_client(other_case);
    printf("client (other case): %s\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    SetLastError(0);
    DO(ConnectNamedPipe(s, NULL));
    printf("ConnectNamedPipe after the client: %d error %lu\n", ok, err);
    HANDLE c2 = open_client(NAME);
    printf("second client: %s error %lu\n", c2 == INVALID_HANDLE_VALUE ? "INVALID" : "valid", GetLastError());
    SetLastError(0);
    DO(WaitNamedPipeW(NAME, 100));
    printf("WaitNamedPipeW(100) while busy: %d error %lu\n", ok, err);
    DO(GetFileType(s));
    printf("GetFileType: server %lu client %lu\n", (DWORD)ok, GetFileType(c));

    DWORD n = 0, avail = 0, left = 0;
    char buf[64];
    DO(WriteFile(c, "hello server", 12, &n, NULL));
    printf("client WriteFile: %d n %lu\n", ok, n);
    printf("server PeekNamedPipe: %d", PeekNamedPipe(s, buf, 5, &n, &avail, &left));
    printf(" read %lu avail %lu left %lu \"%.*s\"\n", n, avail, left, (int)n, buf);
    printf("server ReadFile: %d", ReadFile(s, buf, sizeof buf, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    DO(WriteFile(s, "hi client", 9, &n, NULL));
    printf("server WriteFile: %d n %lu\n", ok, n);
    printf("client ReadFile(4): %d", ReadFile(c, buf, 4, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    printf("client ReadFile: %d", ReadFile(c, buf, sizeof buf, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);

    DWORD flags = 0, out = 0, in = 0, max = 0;
    printf("GetNamedPipeInfo server: %d", GetNamedPipeInfo(s, &flags, &out, &in, &max));
    printf(" flags %lu max %lu\n", flags, max);
    printf("GetNamedPipeInfo client: %d", GetNamedPipeInfo(c, &flags, NULL, NULL, &max));
    printf(" flags %lu max %lu\n", flags, max);

    CloseHandle(c);
    SetLastError(0);
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("server ReadFile after the client closed: %d error %lu\n", ok, err);
    SetLastError(0);
    DO(WriteFile(s, "x", 1, &n, NULL));
    printf("server WriteFile after the client closed: %d error %lu\n", ok, err);
    printf("DisconnectNamedPipe: %d\n", DisconnectNamedPipe(s));
    SetLastError(0);
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("server ReadFile after DisconnectNamedPipe: %d error %lu\n", ok, err);

    /* A blocking ConnectNamedPipe, released by a client thread. */
    HANDLE late = INVALID_HANDLE_VALUE;
    HANDLE t = CreateThread(NULL, 0, late_client, &late, 0, NULL);
    SetLastError(0);
    DO(ConnectNamedPipe(s, NULL));
    printf("ConnectNamedPipe (blocking): %d error %lu\n", ok, err);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    printf("late client: %s\n", late != INVALID_HANDLE_VALUE ? "connected" : "failed");
    DO(WriteFile(s, "abc", 3, &n, NULL));
    printf("server WriteFile: %d n %lu\n", ok, n);
    printf("DisconnectNamedPipe with the client open: %d\n", DisconnectNamedPipe(s));
    SetLastError(0);
    DO(ReadFile(late, buf, sizeof buf, &n, NULL));
    printf("client ReadFile after the server disconnected: %d error %lu\n", ok, err);
    SetLastError(0);
    DO(WriteFile(late, "x", 1, &n, NULL));
    printf("client WriteFile after the server disconnected: %d error %lu\n", ok, err);
    CloseHandle(late);

    CloseHandle(s);
    SetLastError(0);
    c = open_client(NAME);
    printf("CreateFileW after the server closed: %s error %lu\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid",
           GetLastError());
    return 0;
}
