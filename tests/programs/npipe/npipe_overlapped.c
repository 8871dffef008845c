/* Named pipes with FILE_FLAG_OVERLAPPED and several instances, in one thread where it can be: an overlapped
 * ConnectNamedPipe pending (ERROR_IO_PENDING, event unsignaled) until a client opens the name, then its
 * event and GetOverlappedResult; ERROR_PIPE_CONNECTED when the client came first; three instances of an
 * unlimited pipe each given to one client; WaitNamedPipeW(NMPWAIT_WAIT_FOREVER) released when an instance
 * is freed; a completion port's packet for the connect; PIPE_NOWAIT's ConnectNamedPipe (536) and empty
 * read (232). */
#include <stdio.h>
#include <windows.h>

/* The call first, then what it left: printf's arguments are evaluated in no fixed order. */
static BOOL ok;
static DWORD err;
#define DO(x) (SetLastError(0), ok = (BOOL)(x), err = GetLastError())

static WCHAR NAME[80];   /* ntexec_npipe_overlapped_<pid>: runs at the same time cannot collide */
static WCHAR MULTI[80];   /* ntexec_npipe_multi_<pid>: runs at the same time cannot collide */

static HANDLE open_client(const WCHAR *name)
{
    return CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static HANDLE g_server, g_client;

/* Frees the only instance after 100 ms: closes its client, disconnects, listens again. */
static DWORD WINAPI freer(void *arg)
{
    (void)arg;
    Sleep(100);
    CloseHandle(g_client);
    DisconnectNamedPipe(g_server);
    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD n;
    if (!ConnectNamedPipe(g_server, &ov) && GetLastError() == ERROR_IO_PENDING)
        GetOverlappedResult(g_server, &ov, &n, TRUE);   /* a thread's pending I/O ends with the thread */
    CloseHandle(ov.hEvent);
    return 0;
}

int main(void)
{
    swprintf(NAME, 80, L"\\\\.\\pipe\\ntexec_npipe_overlapped_%lu", GetCurrentProcessId());
    swprintf(MULTI, 80, L"\\\\.\\pipe\\ntexec_npipe_multi_%lu", GetCurrentProcessId());
    HANDLE s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 512, 512, 0,
                                NULL);
    printf("CreateNamedPipeW (overlapped): %s\n", s == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    SetLastError(0);
    DO(ConnectNamedPipe(s, &ov));
    printf("ConnectNamedPipe(overlapped): %d error %lu\n", ok, err);
    printf("event before the client: %lu\n", WaitForSingleObject(ov.hEvent, 0));
    DWORD n = 0;
    SetLastError(0);
    DO(GetOverlappedResult(s, &ov, &n, FALSE));
    printf("GetOverlappedResult(no wait): %d error %lu\n", ok, err);
    HANDLE c = open_client(NAME);
    printf("client: %s\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    printf("event after the client: %lu\n", WaitForSingleObject(ov.hEvent, 5000));
    DO(GetOverlappedResult(s, &ov, &n, TRUE));
    printf("GetOverlappedResult: %d n %lu\n", ok, n);
    char buf[32];
    printf("client WriteFile: %d\n", WriteFile(c, "over", 4, &n, NULL));
    OVERLAPPED rov = {0};
    rov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    BOOL ok = ReadFile(s, buf, sizeof buf, NULL, &rov);
    DWORD err = ok ? 0 : GetLastError();
    printf("server overlapped ReadFile: %s\n", ok || err == ERROR_IO_PENDING ? "started" : "failed");
    printf("GetOverlappedResult: %d", GetOverlappedResult(s, &rov, &n, TRUE));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    CloseHandle(c);
    DisconnectNamedPipe(s);
    SetLastError(0);
    c = open_client(NAME);
    printf("client after DisconnectNamedPipe: %s error %lu\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid",
           GetLastError());
    CloseHandle(s);

    /* The client first: ERROR_PIPE_CONNECTED. */
    s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    c = open_client(NAME);
    ResetEvent(ov.hEvent);
    SetLastError(0);
    DO(ConnectNamedPipe(s, &ov));
    printf("ConnectNamedPipe(overlapped) after the client: %d error %lu\n", ok, err);

    /* The only instance busy: WaitNamedPipeW(NMPWAIT_WAIT_FOREVER) returns once it is freed. */
    g_server = s;
    g_client = c;
    HANDLE t = CreateThread(NULL, 0, freer, NULL, 0, NULL);
    c = open_client(NAME);
    printf("client while busy: %s error %lu\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid", GetLastError());
    printf("WaitNamedPipeW(NMPWAIT_WAIT_FOREVER): %d\n", WaitNamedPipeW(NAME, NMPWAIT_WAIT_FOREVER));
    c = open_client(NAME);
    printf("client after the wait: %s\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseHandle(c);
    CloseHandle(s);
    CloseHandle(ov.hEvent);

    /* Three instances, three clients: each client talks to its own instance. */
    HANDLE inst[3], cl[3];
    for (int i = 0; i < 3; i++)
        inst[i] = CreateNamedPipeW(MULTI, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES, 512, 512, 0,
                                   NULL);
    for (int i = 0; i < 3; i++)
        cl[i] = open_client(MULTI);
    printf("instances: %s %s %s\n", inst[0] != INVALID_HANDLE_VALUE ? "valid" : "INVALID",
           inst[1] != INVALID_HANDLE_VALUE ? "valid" : "INVALID", inst[2] != INVALID_HANDLE_VALUE ? "valid" : "INVALID");
    printf("clients: %s %s %s\n", cl[0] != INVALID_HANDLE_VALUE ? "valid" : "INVALID",
           cl[1] != INVALID_HANDLE_VALUE ? "valid" : "INVALID", cl[2] != INVALID_HANDLE_VALUE ? "valid" : "INVALID");
    HANDLE first = CreateNamedPipeW(MULTI, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_TYPE_BYTE,
                                    PIPE_UNLIMITED_INSTANCES, 512, 512, 0, NULL);
    printf("FILE_FLAG_FIRST_PIPE_INSTANCE on an existing name: %s error %lu\n",
           first == INVALID_HANDLE_VALUE ? "INVALID" : "valid", GetLastError());
    SetLastError(0);
    HANDLE extra = open_client(MULTI);
    printf("fourth client: %s error %lu\n", extra == INVALID_HANDLE_VALUE ? "INVALID" : "valid", GetLastError());
    for (int i = 0; i < 3; i++) {
        char tag = (char)('A' + i);
        WriteFile(inst[i], &tag, 1, &n, NULL);
    }
    int seen = 0;
    for (int i = 0; i < 3; i++) {
        char tag = 0;
        if (ReadFile(cl[i], &tag, 1, &n, NULL) && tag >= 'A' && tag <= 'C')
            seen |= 1 << (tag - 'A');
    }
    printf("each instance reached one client: %s (mask %d)\n", seen == 7 ? "yes" : "no", seen);
    for (int i = 0; i < 3; i++) {
        CloseHandle(cl[i]);
        CloseHandle(inst[i]);
    }

    /* A completion port receives the finished ConnectNamedPipe: its key and OVERLAPPED. */
    s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    HANDLE port = CreateIoCompletionPort(s, NULL, 77, 1);
    OVERLAPPED pov = {0};
    SetLastError(0);
    DO(ConnectNamedPipe(s, &pov));
    printf("ConnectNamedPipe with a completion port: %d error %lu\n", ok, err);
    DWORD bytes = 1;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    DO(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    printf("packet before the client: %d error %lu\n", ok, err);
    c = open_client(NAME);
    DO(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    printf("packet after the client: %d key %lu bytes %lu overlapped %s\n", ok, (DWORD)key, bytes,
           got == &pov ? "ours" : "other");
    CloseHandle(c);
    CloseHandle(s);
    CloseHandle(port);

    /* PIPE_NOWAIT: nothing blocks. */
    s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_NOWAIT, 1, 512, 512, 0, NULL);
    SetLastError(0);
    DO(ConnectNamedPipe(s, NULL));
    printf("ConnectNamedPipe(PIPE_NOWAIT) without a client: %d error %lu\n", ok, err);
    c = open_client(NAME);
    SetLastError(0);
    DO(ConnectNamedPipe(s, NULL));
    printf("ConnectNamedPipe(PIPE_NOWAIT) with a client: %d error %lu\n", ok, err);
    SetLastError(0);
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("ReadFile(PIPE_NOWAIT) with nothing written: %d error %lu n %lu\n", ok, err, n);
    WriteFile(c, "z", 1, &n, NULL);
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("ReadFile(PIPE_NOWAIT) after a write: %d n %lu\n", ok, n);
    CloseHandle(c);
    CloseHandle(s);
    return 0;
}
