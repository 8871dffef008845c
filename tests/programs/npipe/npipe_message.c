/* Named pipes in message mode between threads of one process: messages kept whole, a read smaller than
 * the message (FALSE, ERROR_MORE_DATA 234, the rest read next), PeekNamedPipe's bytes left in the message,
 * SetNamedPipeHandleState, GetNamedPipeInfo, TransactNamedPipe and CallNamedPipeW against a server thread,
 * and the parameter errors (87) for a message read mode on a byte pipe. */
#include <stdio.h>
#include <windows.h>

/* The call first, then what it left: printf's arguments are evaluated in no fixed order. */
static BOOL ok;
static DWORD err;
#define DO(x) (SetLastError(0), ok = (BOOL)(x), err = GetLastError())

static WCHAR NAME[80];   /* ntexec_npipe_message_<pid>: runs at the same time cannot collide */

static DWORD g_echo_end;   /* the echo server's last ReadFile error, printed by main after the join */

/* Answers each request on s with "re:" + the request, until the client goes. */
static DWORD WINAPI echo_server(void *arg)
{
    HANDLE s = arg;
    if (!ConnectNamedPipe(s, NULL) && GetLastError() != ERROR_PIPE_CONNECTED)
        printf("echo server: ConnectNamedPipe error %lu\n", GetLastError());
    char req[64], rep[80];
    DWORD n, w;
    while (ReadFile(s, req, sizeof req, &n, NULL)) {
        memcpy(rep, "re:", 3);
        memcpy(rep + 3, req, n);
        WriteFile(s, rep, n + 3, &w, NULL);
    }
    g_echo_end = GetLastError();
    DisconnectNamedPipe(s);
    return 0;
}

int main(void)
{
    swprintf(NAME, 80, L"\\\\.\\pipe\\ntexec_npipe_message_%lu", GetCurrentProcessId());
    HANDLE s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                PIPE_UNLIMITED_INSTANCES, 512, 512, 0, NULL);
    printf("CreateNamedPipeW (message): %s\n", s == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    HANDLE c = CreateFileW(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("client: %s\n", c == INVALID_HANDLE_VALUE ? "INVALID" : "valid");
    DWORD mode = PIPE_READMODE_MESSAGE;
    printf("SetNamedPipeHandleState(client, MESSAGE): %d\n", SetNamedPipeHandleState(c, &mode, NULL, NULL));
    DWORD flags = 0, max = 0;
    printf("GetNamedPipeInfo server: %d", GetNamedPipeInfo(s, &flags, NULL, NULL, &max));
    printf(" flags %lu max %lu\n", flags, max);
    printf("GetNamedPipeInfo client: %d", GetNamedPipeInfo(c, &flags, NULL, NULL, NULL));
    printf(" flags %lu\n", flags);

    DWORD n = 0, avail = 0, left = 0;
    char buf[64];
    DO(WriteFile(c, "hello", 5, &n, NULL));
    printf("client WriteFile \"hello\": %d n %lu\n", ok, n);
    DO(WriteFile(c, "world!!", 7, &n, NULL));
    printf("client WriteFile \"world!!\": %d n %lu\n", ok, n);
    printf("server PeekNamedPipe(2): %d", PeekNamedPipe(s, buf, 2, &n, &avail, &left));
    printf(" read %lu avail %lu left %lu \"%.*s\"\n", n, avail, left, (int)n, buf);
    SetLastError(0);
    DO(ReadFile(s, buf, 3, &n, NULL));
    printf("server ReadFile(3): %d error %lu", ok, err);
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    printf("server PeekNamedPipe: %d", PeekNamedPipe(s, NULL, 0, NULL, &avail, &left));
    printf(" avail %lu left %lu\n", avail, left);
    SetLastError(0);
    DO(ReadFile(s, buf, sizeof buf, &n, NULL));
    printf("server ReadFile(64): %d error %lu", ok, err);
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    printf("server ReadFile(64): %d", ReadFile(s, buf, sizeof buf, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    printf("server WriteFile \"one\", \"two\": %d", WriteFile(s, "one", 3, &n, NULL));
    printf(" %d\n", WriteFile(s, "two", 3, &n, NULL));
    printf("client ReadFile(64): %d", ReadFile(c, buf, sizeof buf, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    printf("client ReadFile(64): %d", ReadFile(c, buf, sizeof buf, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    CloseHandle(c);
    DisconnectNamedPipe(s);

    /* TransactNamedPipe against a server thread. */
    HANDLE t = CreateThread(NULL, 0, echo_server, s, 0, NULL);
    WaitNamedPipeW(NAME, NMPWAIT_WAIT_FOREVER);   /* until the thread listens again */
    c = CreateFileW(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    mode = PIPE_READMODE_MESSAGE;
    SetNamedPipeHandleState(c, &mode, NULL, NULL);
    DO(TransactNamedPipe(c, "ping", 4, buf, sizeof buf, &n, NULL));
    printf("TransactNamedPipe: %d error %lu", ok, err);
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    SetLastError(0);
    DO(TransactNamedPipe(c, "pong", 4, buf, 4, &n, NULL));
    printf("TransactNamedPipe(out 4): %d error %lu", ok, err);
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    printf("ReadFile of the rest: %d", ReadFile(c, buf, sizeof buf, &n, NULL));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    CloseHandle(c);
    WaitForSingleObject(t, INFINITE);
    printf("echo server: ReadFile ended with error %lu\n", g_echo_end);
    CloseHandle(t);

    /* CallNamedPipeW: connect, write, read one message, close. */
    t = CreateThread(NULL, 0, echo_server, s, 0, NULL);
    printf("CallNamedPipeW: %d", CallNamedPipeW(NAME, "call", 4, buf, sizeof buf, &n, NMPWAIT_WAIT_FOREVER));
    printf(" n %lu \"%.*s\"\n", n, (int)n, buf);
    WaitForSingleObject(t, INFINITE);
    printf("echo server: ReadFile ended with error %lu\n", g_echo_end);
    CloseHandle(t);
    CloseHandle(s);

    /* A byte pipe cannot be read in message mode. */
    SetLastError(0);
    s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE, 1, 512, 512, 0, NULL);
    printf("CreateNamedPipeW(BYTE, READMODE_MESSAGE): %s error %lu\n", s == INVALID_HANDLE_VALUE ? "INVALID" : "valid",
           GetLastError());
    s = CreateNamedPipeW(NAME, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    c = CreateFileW(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    mode = PIPE_READMODE_MESSAGE;
    SetLastError(0);
    DO(SetNamedPipeHandleState(c, &mode, NULL, NULL));
    printf("SetNamedPipeHandleState(byte pipe, MESSAGE): %d error %lu\n", ok, err);
    CloseHandle(c);
    CloseHandle(s);
    return 0;
}
