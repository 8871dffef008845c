/* Named pipes, the rest: the ANSI functions (CreateNamedPipeA, CreateFileA, WaitNamedPipeA, CallNamedPipeA
 * refusing a byte pipe), a name outside \\.\pipe\, a long name, one-way pipes (access a direction does not
 * allow: 5), a server reading while no client came (536), PeekNamedPipe and GetNamedPipeInfo on a file
 * that is no pipe, and DisconnectNamedPipe ending a read another thread is blocked in. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static BOOL ok;
static DWORD err;
#define DO(x) (SetLastError(0), ok = (BOOL)(x), err = GetLastError())

static const char *valid(HANDLE h) { return h == INVALID_HANDLE_VALUE ? "INVALID" : "valid"; }

static HANDLE g_server;
static DWORD g_read_ok, g_read_err;

static DWORD WINAPI blocked_reader(void *arg)
{
    (void)arg;
    char buf[16];
    DWORD n;
    SetLastError(0);
    g_read_ok = ReadFile(g_server, buf, sizeof buf, &n, NULL);
    g_read_err = GetLastError();
    return 0;
}

int main(void)
{
    char name[80];   /* ..._<pid>: runs at the same time cannot collide */
    sprintf(name, "\\\\.\\pipe\\ntexec_npipe_misc_%lu", GetCurrentProcessId());
    HANDLE s = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE, 2, 256, 256, 0, NULL);
    printf("CreateNamedPipeA (inbound): %s\n", valid(s));
    printf("WaitNamedPipeA: %d\n", WaitNamedPipeA(name, 0));
    char buf[64];
    DWORD n = 0;
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("server ReadFile with no client: %d error %lu\n", ok, err);
    DO(WriteFile(s, "x", 1, &n, NULL));
    printf("server WriteFile on an inbound pipe: %d error %lu\n", ok, err);
    HANDLE c;
    DO((c = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL)) != INVALID_HANDLE_VALUE);
    printf("client GENERIC_READ|GENERIC_WRITE on an inbound pipe: %s error %lu\n", valid(c), err);
    c = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("client GENERIC_WRITE: %s\n", valid(c));
    DO(ReadFile(c, buf, sizeof buf, &n, NULL));
    printf("client ReadFile on a write-only end: %d error %lu\n", ok, err);
    printf("client WriteFile: %d\n", WriteFile(c, "one way", 7, &n, NULL));
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("server ReadFile: %d n %lu \"%.*s\"\n", ok, n, (int)n, buf);

    /* A read blocked in another thread ends when the server disconnects. */
    g_server = s;
    HANDLE t = CreateThread(NULL, 0, blocked_reader, NULL, 0, NULL);
    Sleep(100);
    printf("DisconnectNamedPipe during a read: %d\n", DisconnectNamedPipe(s));
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    printf("the blocked ReadFile: %lu error %lu\n", g_read_ok, g_read_err);
    CloseHandle(c);
    CloseHandle(s);

    /* CallNamedPipeA needs a message pipe: on a byte pipe SetNamedPipeHandleState fails. */
    s = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 256, 256, 0, NULL);
    DO(CallNamedPipeA(name, "q", 1, buf, sizeof buf, &n, 100));
    printf("CallNamedPipeA on a byte pipe: %d error %lu\n", ok, err);
    CloseHandle(s);

    HANDLE bad;
    DO((bad = CreateNamedPipeA("C:\\not_a_pipe", PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 256, 256, 0, NULL)) !=
       INVALID_HANDLE_VALUE);
    printf("CreateNamedPipeA outside \\\\.\\pipe\\: %s error %lu\n", valid(bad), err);

    WCHAR longname[200];
    swprintf(longname, 200, L"\\\\.\\pipe\\%lu", GetCurrentProcessId());
    for (int i = 0; i < 150; i++)
        wcscat(longname, i % 10 == 9 ? L"." : L"x");
    s = CreateNamedPipeW(longname, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 256, 256, 0, NULL);
    c = CreateFileW(longname, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("a name of over 150 characters: server %s client %s\n", valid(s), valid(c));
    printf("write and read: %d", WriteFile(c, "long", 4, &n, NULL));
    ok = ReadFile(s, buf, sizeof buf, &n, NULL);
    printf(" %d n %lu\n", ok, n);
    CloseHandle(c);
    CloseHandle(s);

    /* A disk file is no pipe. */
    char path[MAX_PATH];
    GetTempPathA(MAX_PATH, path);
    strcat(path, "npipe_misc.tmp");
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    DWORD flags, avail;
    DO(GetNamedPipeInfo(f, &flags, NULL, NULL, NULL));
    printf("GetNamedPipeInfo on a file: %d error %lu\n", ok, err);
    DO(PeekNamedPipe(f, NULL, 0, NULL, &avail, NULL));
    printf("PeekNamedPipe on a file: %d error %lu\n", ok, err);
    DO(DisconnectNamedPipe(f));
    printf("DisconnectNamedPipe on a file: %d error %lu\n", ok, err);
    CloseHandle(f);
    return 0;
}
