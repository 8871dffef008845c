/* AFD poll, the socket readiness mechanism of mio (tokio) and wepoll (libuv's uv_poll sends the same ioctl):
   IOCTL_AFD_POLL on a \Device\Afd\Mio handle, completing through a completion port. ACCEPT, SEND, RECEIVE,
   DISCONNECT, cancellation, LOCAL_CLOSE, CONNECT_FAIL, two handles in one poll, a finite timeout, UDP. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <winternl.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "loopback.h"

#define IOCTL_AFD_POLL 0x00012024
#define POLL_RECEIVE 0x1
#define POLL_SEND 0x4
#define POLL_DISCONNECT 0x8
#define POLL_ABORT 0x10
#define POLL_LOCAL_CLOSE 0x20
#define POLL_ACCEPT 0x80
#define POLL_CONNECT_FAIL 0x100
#define ST_PENDING 0x103L
#define WAIT_MS 2000

typedef struct {
    HANDLE Handle;
    ULONG Events;
    NTSTATUS Status;
} POLL_HANDLE;

typedef struct {
    LARGE_INTEGER Timeout;
    ULONG NumberOfHandles;
    ULONG Exclusive;
    POLL_HANDLE Handles[2];
} POLL_INFO;

/* One poll request: the ApcContext given to NtDeviceIoControlFile is the address of this structure. */
struct poll {
    IO_STATUS_BLOCK iosb;
    POLL_INFO info;
    HANDLE base[2];
    NTSTATUS started;
};

typedef NTSTATUS(NTAPI *create_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, PIO_STATUS_BLOCK, PLARGE_INTEGER, ULONG,
                                   ULONG, ULONG, ULONG, PVOID, ULONG);
typedef NTSTATUS(NTAPI *ioctl_fn)(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK, ULONG, PVOID, ULONG, PVOID,
                                  ULONG);
typedef NTSTATUS(NTAPI *cancel_fn)(HANDLE, PIO_STATUS_BLOCK, PIO_STATUS_BLOCK);

static create_fn pNtCreateFile;
static ioctl_fn pNtDeviceIoControlFile;
static cancel_fn pNtCancelIoFileEx;
static HANDLE afd, port;

static HANDLE base_handle(SOCKET s)
{
    SOCKET b = INVALID_SOCKET;
    DWORD n = 0;
    WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &b, sizeof b, &n, NULL, NULL);
    return (HANDLE)b;
}

/* Starts polling s0 (and s1 when n is 2) for ev0 (ev1); returns what NtDeviceIoControlFile returned. */
static NTSTATUS start(struct poll *p, LONGLONG timeout, ULONG n, SOCKET s0, ULONG ev0, SOCKET s1, ULONG ev1)
{
    ULONG size = (ULONG)(offsetof(POLL_INFO, Handles) + n * sizeof(POLL_HANDLE));
    memset(p, 0, sizeof *p);
    p->iosb.Status = ST_PENDING;
    p->info.Timeout.QuadPart = timeout;
    p->info.NumberOfHandles = n;
    p->base[0] = p->info.Handles[0].Handle = base_handle(s0);
    p->info.Handles[0].Events = ev0;
    if (n > 1) {
        p->base[1] = p->info.Handles[1].Handle = base_handle(s1);
        p->info.Handles[1].Events = ev1;
    }
    p->started = pNtDeviceIoControlFile(afd, NULL, NULL, p, &p->iosb, IOCTL_AFD_POLL, &p->info, size, &p->info, size);
    return p->started;
}

/* Waits for p's completion on the port and prints it; a poll that does not complete in time is cancelled. */
static void finish(const char *what, struct poll *p, DWORD ms)
{
    OVERLAPPED_ENTRY e;
    ULONG n = 0;
    if (p->started != 0 && p->started != ST_PENDING) {
        printf("%s: not started\n", what);
        return;
    }
    if (!GetQueuedCompletionStatusEx(port, &e, 1, &n, ms, FALSE) || n != 1) {
        printf("%s: no completion within %lu s, error %lu\n", what, ms / 1000, GetLastError());
        IO_STATUS_BLOCK c;
        pNtCancelIoFileEx(afd, &p->iosb, &c);
        GetQueuedCompletionStatusEx(port, &e, 1, &n, 200, FALSE);
        return;
    }
    printf("%s: key %lu, context is the poll %d, status 0x%08lx, information %lu, handles %lu", what,
           (unsigned long)e.lpCompletionKey, e.lpOverlapped == (LPOVERLAPPED)p, (unsigned long)p->iosb.Status,
           (unsigned long)p->iosb.Information, p->info.NumberOfHandles);
    if (p->iosb.Status == 0 && p->info.NumberOfHandles >= 1 && p->info.NumberOfHandles <= 2) {
        POLL_HANDLE *h = &p->info.Handles[0];
        int which = h->Handle == p->base[0] ? 0 : h->Handle == p->base[1] ? 1 : -1;
        printf(", events 0x%lx, handle #%d, handle status 0x%08lx", h->Events, which, (unsigned long)h->Status);
    }
    printf("\n");
}

static void print_start(const char *what, NTSTATUS st)
{
    printf("%s: NtDeviceIoControlFile 0x%08lx\n", what, (unsigned long)st);
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    pNtCreateFile = (create_fn)(void (*)(void))GetProcAddress(ntdll, "NtCreateFile");
    pNtDeviceIoControlFile = (ioctl_fn)(void (*)(void))GetProcAddress(ntdll, "NtDeviceIoControlFile");
    pNtCancelIoFileEx = (cancel_fn)(void (*)(void))GetProcAddress(ntdll, "NtCancelIoFileEx");
    printf("ntdll functions found: %d %d %d\n", pNtCreateFile != NULL, pNtDeviceIoControlFile != NULL,
           pNtCancelIoFileEx != NULL);
    if (!pNtCreateFile || !pNtDeviceIoControlFile || !pNtCancelIoFileEx)
        return 0;

    /* 1. The AFD helper handle, associated with a completion port (key 7), as mio and wepoll open it. */
    static WCHAR name[] = L"\\Device\\Afd\\Mio";
    UNICODE_STRING uname = { sizeof name - sizeof(WCHAR), sizeof name - sizeof(WCHAR), name };
    OBJECT_ATTRIBUTES oa = { .Length = sizeof oa, .ObjectName = &uname };
    IO_STATUS_BLOCK iosb;
    NTSTATUS st = pNtCreateFile(&afd, SYNCHRONIZE, &oa, &iosb, NULL, 0, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                FILE_OPEN, 0, NULL, 0);
    printf("NtCreateFile \\Device\\Afd\\Mio: 0x%08lx\n", (unsigned long)st);
    if (st != 0)
        return 0;
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    printf("CreateIoCompletionPort association: %d\n", CreateIoCompletionPort(afd, port, 7, 0) == port);
    printf("SetFileCompletionNotificationModes: %d\n",
           SetFileCompletionNotificationModes(afd, FILE_SKIP_SET_EVENT_ON_HANDLE) != 0);

    /* 2. ACCEPT on a listening socket: pending until a client connects. */
    static struct poll p2, p3, p4, p5, p6, p7, p8, p9, p10, p11;
    struct sockaddr_in addr;
    SOCKET lst = loopback_listener(&addr, 4);
    u_long one = 1;
    ioctlsocket(lst, FIONBIO, &one);
    print_start("accept", start(&p2, INT64_MAX, 1, lst, POLL_ACCEPT, 0, 0));
    SOCKET cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("accept: connect %d\n", connect(cli, (struct sockaddr *)&addr, sizeof addr));
    finish("accept", &p2, WAIT_MS);

    /* 3. SEND on the accepted socket: writable at once. */
    SOCKET srv = accept(lst, NULL, NULL);
    printf("send: accepted %d\n", srv != INVALID_SOCKET);
    print_start("send", start(&p3, INT64_MAX, 1, srv, POLL_SEND, 0, 0));
    finish("send", &p3, WAIT_MS);

    /* 4. RECEIVE: pending until the client sends. */
    print_start("receive", start(&p4, INT64_MAX, 1, srv, POLL_RECEIVE | POLL_DISCONNECT | POLL_ABORT, 0, 0));
    printf("receive: client send %d\n", send(cli, "hello", 5, 0));
    finish("receive", &p4, WAIT_MS);
    char buf[64];
    int r = recv(srv, buf, sizeof buf, 0);
    printf("receive: recv %d [%.*s]\n", r, r > 0 ? r : 0, buf);

    /* 5. DISCONNECT: the client shuts its sending side down (nothing left to read). */
    print_start("disconnect", start(&p5, INT64_MAX, 1, srv, POLL_RECEIVE | POLL_DISCONNECT, 0, 0));
    printf("disconnect: client shutdown %d\n", shutdown(cli, SD_SEND));
    finish("disconnect", &p5, WAIT_MS);
    printf("disconnect: recv %d\n", recv(srv, buf, sizeof buf, 0));

    /* 5b. The client sends and shuts down before the poll: data left to read and the FIN, both reported. */
    static struct poll p5b;
    SOCKET cli2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int c2 = connect(cli2, (struct sockaddr *)&addr, sizeof addr);
    SOCKET srv2 = accept(lst, NULL, NULL);
    int sent = send(cli2, "end", 3, 0);
    printf("data and FIN: connect %d accepted %d send %d shutdown %d\n", c2, srv2 != INVALID_SOCKET, sent,
           shutdown(cli2, SD_SEND));
    Sleep(200);
    print_start("data and FIN", start(&p5b, INT64_MAX, 1, srv2, POLL_RECEIVE | POLL_DISCONNECT, 0, 0));
    finish("data and FIN", &p5b, WAIT_MS);
    r = recv(srv2, buf, sizeof buf, 0);
    printf("data and FIN: recv %d [%.*s]", r, r > 0 ? r : 0, buf);
    printf(", then %d\n", recv(srv2, buf, sizeof buf, 0));
    closesocket(srv2);
    closesocket(cli2);

    /* 6. Cancel a poll nothing completes. */
    print_start("cancel", start(&p6, INT64_MAX, 1, cli, POLL_RECEIVE, 0, 0));
    IO_STATUS_BLOCK cancel_iosb;
    st = pNtCancelIoFileEx(afd, &p6.iosb, &cancel_iosb);
    printf("cancel: NtCancelIoFileEx 0x%08lx\n", (unsigned long)st);
    finish("cancel", &p6, WAIT_MS);
    st = pNtCancelIoFileEx(afd, &p6.iosb, &cancel_iosb);
    printf("cancel again: NtCancelIoFileEx 0x%08lx\n", (unsigned long)st);

    /* 7. LOCAL_CLOSE: closesocket of the polled socket. */
    print_start("local close", start(&p7, INT64_MAX, 1, cli, POLL_RECEIVE | POLL_LOCAL_CLOSE, 0, 0));
    printf("local close: closesocket %d\n", closesocket(cli));
    finish("local close", &p7, WAIT_MS);
    closesocket(srv);

    /* 8. CONNECT_FAIL: a non-blocking connect to a port nobody listens on (Windows takes about 2 s to give up). */
    SOCKET gone = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in dead = { 0 };
    dead.sin_family = AF_INET;
    dead.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(gone, (struct sockaddr *)&dead, sizeof dead);
    int len = sizeof dead;
    getsockname(gone, (struct sockaddr *)&dead, &len);
    closesocket(gone);
    SOCKET cf = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ioctlsocket(cf, FIONBIO, &one);
    r = connect(cf, (struct sockaddr *)&dead, sizeof dead);
    printf("connect fail: connect %d error %d\n", r, WSAGetLastError());
    st = start(&p8, INT64_MAX, 1, cf, POLL_SEND | POLL_CONNECT_FAIL | POLL_ABORT, 0, 0);
    printf("connect fail: poll started %d\n", st == 0 || st == ST_PENDING);
    finish("connect fail", &p8, 5000);
    int err = 0;
    len = sizeof err;
    getsockopt(cf, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
    printf("connect fail: SO_ERROR %d\n", err);
    closesocket(cf);

    /* 9. Two handles in one poll: the one that becomes readable is reported, alone, as entry 0. */
    SOCKET a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(a, (struct sockaddr *)&addr, sizeof addr);
    SOCKET b = accept(lst, NULL, NULL);
    print_start("two handles", start(&p9, INT64_MAX, 2, a, POLL_RECEIVE, b, POLL_RECEIVE));
    printf("two handles: send %d\n", send(a, "x", 1, 0));
    finish("two handles", &p9, WAIT_MS);

    /* 10. A finite timeout (100 ms, relative) with nothing happening. */
    print_start("timeout", start(&p10, -1000000, 1, a, POLL_RECEIVE, 0, 0));
    finish("timeout", &p10, WAIT_MS);
    closesocket(a);
    closesocket(b);
    closesocket(lst);

    /* 11. UDP: RECEIVE when a datagram arrives. */
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), v = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in ua = { 0 };
    ua.sin_family = AF_INET;
    ua.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u, (struct sockaddr *)&ua, sizeof ua);
    len = sizeof ua;
    getsockname(u, (struct sockaddr *)&ua, &len);
    print_start("udp", start(&p11, INT64_MAX, 1, u, POLL_RECEIVE, 0, 0));
    printf("udp: sendto %d\n", sendto(v, "datagram", 8, 0, (struct sockaddr *)&ua, sizeof ua));
    finish("udp", &p11, WAIT_MS);
    r = recv(u, buf, sizeof buf, 0);
    printf("udp: recv %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    closesocket(v);

    /* 12. Through a socket handle, as libuv polls (the handle of a socket of the same protocol): the poll
     * ends through that handle's request, here its event. */
    static struct poll p12;
    SOCKET w = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in wa = ua;
    wa.sin_port = 0;
    int wl = sizeof wa;
    bind(w, (struct sockaddr *)&wa, sizeof wa);
    getsockname(w, (struct sockaddr *)&wa, &wl);
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    ULONG one_size = (ULONG)(offsetof(POLL_INFO, Handles) + sizeof(POLL_HANDLE));
    p12.info.Timeout.QuadPart = INT64_MAX;
    p12.info.NumberOfHandles = 1;
    p12.info.Handles[0].Handle = base_handle(w);
    p12.info.Handles[0].Events = POLL_RECEIVE;
    st = pNtDeviceIoControlFile(base_handle(u), ev, NULL, NULL, &p12.iosb, IOCTL_AFD_POLL, &p12.info, one_size,
                                &p12.info, one_size);
    printf("through a socket: NtDeviceIoControlFile 0x%08lx\n", (unsigned long)st);
    printf("through a socket: sendto %d\n", sendto(u, "x", 1, 0, (struct sockaddr *)&wa, sizeof wa));
    DWORD waited = WaitForSingleObject(ev, WAIT_MS);
    printf("through a socket: wait %lu, status 0x%08lx, handles %lu, events 0x%lx, the polled socket %d\n", waited,
           (unsigned long)p12.iosb.Status, p12.info.NumberOfHandles, p12.info.Handles[0].Events,
           p12.info.Handles[0].Handle == base_handle(w));

    r = recv(w, buf, sizeof buf, 0);
    printf("through a socket: recv %d\n", r);

    /* 13. Closing a polled socket ends the poll with LOCAL_CLOSE even when it was not asked for. */
    static struct poll p13;
    print_start("close unasked", start(&p13, INT64_MAX, 1, w, POLL_RECEIVE, 0, 0));
    printf("close unasked: closesocket %d\n", closesocket(w));
    finish("close unasked", &p13, WAIT_MS);
    closesocket(u);
    CloseHandle(ev);

    /* 14. The peer resets the connection (SO_LINGER 0, then close): a waiting poll sees ABORT, and a poll
     * for everything afterwards SEND | CONNECT | ABORT. */
    static struct poll p14, p14b;
    SOCKET rl = loopback_listener(&addr, 1);
    SOCKET rc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int rcon = connect(rc, (struct sockaddr *)&addr, sizeof addr);
    SOCKET rs = accept(rl, NULL, NULL);
    printf("reset: connect %d accepted %d\n", rcon, rs != INVALID_SOCKET);
    print_start("reset", start(&p14, INT64_MAX, 1, rc, POLL_RECEIVE | POLL_DISCONNECT | POLL_ABORT, 0, 0));
    struct linger hard = {1, 0};
    setsockopt(rs, SOL_SOCKET, SO_LINGER, (const char *)&hard, sizeof hard);
    printf("reset: closesocket %d\n", closesocket(rs));
    finish("reset", &p14, WAIT_MS);
    print_start("after the reset", start(&p14b, INT64_MAX, 1, rc, 0x1ff & ~POLL_LOCAL_CLOSE, 0, 0));
    finish("after the reset", &p14b, WAIT_MS);
    closesocket(rc);
    closesocket(rl);

    /* 15. Exclusive polls (libuv's): an exclusive poll ends the exclusive one already waiting on its socket
     * at once, with no events, and leaves a plain one waiting; it then waits as any poll does. */
    static struct poll p15a, p15b, p15c;
    SOCKET x = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), y = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in xa = ua;
    xa.sin_port = 0;
    int xl = sizeof xa;
    bind(x, (struct sockaddr *)&xa, sizeof xa);
    getsockname(x, (struct sockaddr *)&xa, &xl);
    print_start("plain", start(&p15a, INT64_MAX, 1, x, POLL_RECEIVE, 0, 0));
    struct poll *ex[2] = {&p15b, &p15c};
    for (int i = 0; i < 2; i++) {
        memset(ex[i], 0, sizeof *ex[i]);
        ex[i]->iosb.Status = ST_PENDING;
        ex[i]->info.Timeout.QuadPart = INT64_MAX;
        ex[i]->info.NumberOfHandles = 1;
        ex[i]->info.Exclusive = 1;
        ex[i]->base[0] = ex[i]->info.Handles[0].Handle = base_handle(x);
        ex[i]->info.Handles[0].Events = POLL_RECEIVE;
        ex[i]->started = pNtDeviceIoControlFile(afd, NULL, NULL, ex[i], &ex[i]->iosb, IOCTL_AFD_POLL, &ex[i]->info,
                                                one_size, &ex[i]->info, one_size);
        print_start(i ? "second exclusive" : "first exclusive", ex[i]->started);
    }
    finish("first exclusive, ended by the second", &p15b, WAIT_MS);
    printf("exclusive: sendto %d\n", sendto(y, "z", 1, 0, (struct sockaddr *)&xa, sizeof xa));
    finish("plain or second exclusive", &p15a, WAIT_MS);
    finish("the other", &p15c, WAIT_MS);

    r = recv(x, buf, sizeof buf, 0);
    printf("exclusive: recv %d\n", r);

    /* 16. With no plain poll first, the first exclusive poll is the socket's main poll: a second ends it. */
    static struct poll p16a, p16b;
    struct poll *ex16[2] = {&p16a, &p16b};
    for (int i = 0; i < 2; i++) {
        *ex16[i] = *ex[i];
        memset(&ex16[i]->iosb, 0, sizeof ex16[i]->iosb);
        ex16[i]->iosb.Status = ST_PENDING;
        memset(&ex16[i]->info.Handles[0].Status, 0, sizeof ex16[i]->info.Handles[0].Status);
        ex16[i]->info.NumberOfHandles = 1;
        ex16[i]->info.Handles[0].Handle = ex16[i]->base[0];
        ex16[i]->info.Handles[0].Events = POLL_RECEIVE;
        ex16[i]->started = pNtDeviceIoControlFile(afd, NULL, NULL, ex16[i], &ex16[i]->iosb, IOCTL_AFD_POLL,
                                                  &ex16[i]->info, one_size, &ex16[i]->info, one_size);
        print_start(i ? "exclusive after exclusive" : "exclusive alone", ex16[i]->started);
    }
    finish("exclusive alone, ended by the next", &p16a, WAIT_MS);
    printf("exclusive: sendto %d\n", sendto(y, "z", 1, 0, (struct sockaddr *)&xa, sizeof xa));
    finish("exclusive after exclusive", &p16b, WAIT_MS);
    closesocket(x);
    closesocket(y);

    CloseHandle(afd);
    CloseHandle(port);
    WSACleanup();
    return 0;
}
