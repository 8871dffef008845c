/* Many connections at once through one I/O completion port, the way servers and runtimes drive sockets:
 * AcceptEx and ConnectEx (found with WSAIoctl's SIO_GET_EXTENSION_FUNCTION_POINTER), overlapped WSARecv and
 * WSASend, GetQueuedCompletionStatusEx taking many packets per call. Each client connects with a message
 * (ConnectEx's send data), the server echoes it, the client checks the echo and closes, the server sees the
 * end of the stream and closes. Only deterministic facts are printed. Usage: iocp.exe [connections]. */
#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { ACCEPT, CONNECT, SERVER_RECV, SERVER_SEND, CLIENT_RECV };

struct op {
    OVERLAPPED ov;   /* first: the packet's lpOverlapped is the op */
    enum kind kind;
    int index;
    SOCKET s;
    char buf[128];
    WSABUF wb;
};

static LPFN_ACCEPTEX accept_ex;
static LPFN_CONNECTEX connect_ex;
static LPFN_GETACCEPTEXSOCKADDRS get_sockaddrs;
static int failures;

static void *extension(SOCKET s, GUID guid)
{
    void *fn = NULL;
    DWORD n = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof guid, &fn, sizeof fn, &n, NULL, NULL) != 0)
        printf("WSAIoctl failed: %d\n", WSAGetLastError());
    return fn;
}

static void check(int ok, const char *what, struct op *o)
{
    if (!ok && failures++ < 5)
        printf("%s failed for connection %d: %d\n", what, o->index, WSAGetLastError());
}

static void post_recv(struct op *o, enum kind kind)
{
    DWORD flags = 0;
    memset(&o->ov, 0, sizeof o->ov);
    o->kind = kind;
    o->wb.buf = o->buf;
    o->wb.len = sizeof o->buf;
    int r = WSARecv(o->s, &o->wb, 1, NULL, &flags, &o->ov, NULL);
    check(r == 0 || WSAGetLastError() == WSA_IO_PENDING, "WSARecv", o);
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 1000;
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);

    SOCKET l = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)&a, sizeof a);
    int alen = sizeof a;
    getsockname(l, (struct sockaddr *)&a, &alen);
    listen(l, SOMAXCONN);
    printf("listener associated: %d\n", CreateIoCompletionPort((HANDLE)l, port, 1, 0) == port);

    accept_ex = (LPFN_ACCEPTEX)extension(l, (GUID)WSAID_ACCEPTEX);
    connect_ex = (LPFN_CONNECTEX)extension(l, (GUID)WSAID_CONNECTEX);
    get_sockaddrs = (LPFN_GETACCEPTEXSOCKADDRS)extension(l, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
    printf("extensions found: %d %d %d\n", accept_ex != NULL, connect_ex != NULL, get_sockaddrs != NULL);
    GUID unknown = { 0x12345678, 0x1234, 0x1234, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    void *fn = NULL;
    DWORD n = 0;
    int r = WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &unknown, sizeof unknown, &fn, sizeof fn, &n, NULL, NULL);
    printf("unknown extension: %d error %d\n", r, WSAGetLastError());

    struct op *server = calloc(count, sizeof *server), *client = calloc(count, sizeof *client);
    for (int i = 0; i < count; i++) {
        struct op *s = &server[i], *c = &client[i];
        s->index = c->index = i;
        s->kind = ACCEPT;
        s->s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        DWORD got = 0;
        BOOL ok = accept_ex(l, s->s, s->buf, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
                            &got, &s->ov);
        check(ok || WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx", s);
    }
    for (int i = 0; i < count; i++) {
        struct op *c = &client[i];
        c->kind = CONNECT;
        c->s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        struct sockaddr_in any = { .sin_family = AF_INET };
        bind(c->s, (struct sockaddr *)&any, sizeof any);
        CreateIoCompletionPort((HANDLE)c->s, port, 2, 0);
        int len = sprintf(c->buf, "message %d", i);
        BOOL ok = connect_ex(c->s, (struct sockaddr *)&a, sizeof a, c->buf, (DWORD)len, NULL, &c->ov);
        check(ok || WSAGetLastError() == ERROR_IO_PENDING, "ConnectEx", c);
    }

    int accepted = 0, connected = 0, echoed = 0, verified = 0, eofs = 0, calls = 0, packets = 0, most = 0;
    int addresses_ok = 0;
    while (verified + eofs < 2 * count && !failures) {
        OVERLAPPED_ENTRY e[64];
        ULONG got = 0;
        if (!GetQueuedCompletionStatusEx(port, e, 64, &got, 10000, FALSE)) {
            printf("GetQueuedCompletionStatusEx: %lu\n", GetLastError());
            break;
        }
        calls++;
        packets += (int)got;
        if ((int)got > most)
            most = (int)got;
        for (ULONG i = 0; i < got; i++) {
            struct op *o = (struct op *)e[i].lpOverlapped;
            DWORD bytes = 0, flags = 0;
            BOOL ok = WSAGetOverlappedResult(o->s, &o->ov, &bytes, FALSE, &flags);
            check(ok, "completion", o);
            if (!ok)
                continue;
            switch (o->kind) {
            case ACCEPT: {
                accepted++;
                setsockopt(o->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l);
                struct sockaddr *local, *remote;
                int llen, rlen;
                get_sockaddrs(o->buf, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &local,
                              &llen, &remote, &rlen);
                struct sockaddr_in peer;
                int plen = sizeof peer;
                getpeername(o->s, (struct sockaddr *)&peer, &plen);
                addresses_ok += llen == sizeof(struct sockaddr_in) &&
                                ((struct sockaddr_in *)local)->sin_port == a.sin_port &&
                                ((struct sockaddr_in *)remote)->sin_port == peer.sin_port;
                CreateIoCompletionPort((HANDLE)o->s, port, 3, 0);
                post_recv(o, SERVER_RECV);
                break;
            }
            case CONNECT:
                connected++;
                setsockopt(o->s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0);
                post_recv(o, CLIENT_RECV);
                break;
            case SERVER_RECV:
                if (bytes == 0) {   /* the client closed */
                    eofs++;
                    closesocket(o->s);
                    break;
                }
                memset(&o->ov, 0, sizeof o->ov);
                o->kind = SERVER_SEND;
                o->wb.len = bytes;
                r = WSASend(o->s, &o->wb, 1, NULL, 0, &o->ov, NULL);
                check(r == 0 || WSAGetLastError() == WSA_IO_PENDING, "WSASend", o);
                break;
            case SERVER_SEND:
                echoed++;
                post_recv(o, SERVER_RECV);
                break;
            case CLIENT_RECV: {
                char want[32];
                int len = sprintf(want, "message %d", o->index);
                verified += (int)bytes == len && !memcmp(o->buf, want, (size_t)len);
                closesocket(o->s);
                break;
            }
            }
        }
    }
    printf("accepted: %d\nconnected: %d\nechoed: %d\nverified: %d\nend of stream seen: %d\n", accepted, connected,
           echoed, verified, eofs);
    printf("AcceptEx addresses right: %d\n", addresses_ok);
    printf("packets: %d (taken in fewer calls: %d)\n", packets, calls < packets);
    (void)most;
    OVERLAPPED_ENTRY e[4];
    ULONG got = 99;
    BOOL ok = GetQueuedCompletionStatusEx(port, e, 4, &got, 0, FALSE);
    printf("port empty: %d error %lu\n", ok, GetLastError());
    closesocket(l);
    CloseHandle(port);
    WSACleanup();
    return failures ? 1 : 0;
}
