/*
 * WSAIoctl and the Microsoft extensions to Windows Sockets: AcceptEx, ConnectEx, DisconnectEx,
 * GetAcceptExSockaddrs, TransmitFile and WSARecvEx. Programs find most of them through WSAIoctl's
 * SIO_GET_EXTENSION_FUNCTION_POINTER (by GUID); mswsock.dll exports AcceptEx, GetAcceptExSockaddrs,
 * TransmitFile and WSARecvEx by name (src/mswsock). The transfers are the I/O layer's (io/afdio.c).
 */
#include <string.h>

#include "ws2_32/ws2_32.h"

#define TF_DISCONNECT   0x01
#define TF_REUSE_SOCKET 0x02

int WINAPI ws_ioctlsocket(SOCKET s, LONG cmd, ULONG *arg);

static BOOL bool_result(int r)
{
    return r == 0;
}

BOOL WINAPI AcceptEx(SOCKET listen_socket, SOCKET accept_socket, PVOID buffer, DWORD recv_len, DWORD local_len,
                     DWORD remote_len, DWORD *received, WSAOVERLAPPED *ov)
{
    if (!WsStarted())
        return FALSE;
    struct io_async async;
    if (!WsAsyncOf(ov, NULL, &async)) {
        WsFail(WSAEINVAL);   /* AcceptEx is overlapped only */
        return FALSE;
    }
    ULONG done = 0;
    NTSTATUS status = IoSocketAcceptEx((HANDLE)listen_socket, (HANDLE)accept_socket, &async, buffer, recv_len,
                                       local_len, remote_len, &done);
    return bool_result(WsOverlappedResult(status, done, received));
}

/* AcceptEx's slots: an int length, then the SOCKADDR (io/afd.h). */
void WINAPI GetAcceptExSockaddrs(PVOID buffer, DWORD recv_len, DWORD local_len, DWORD remote_len, PVOID *local,
                                 int *local_size, PVOID *remote, int *remote_size)
{
    char *slot = (char *)buffer + recv_len;
    if (local && local_size) {
        memcpy(local_size, slot, sizeof(int));
        *local = slot + sizeof(int);
    }
    slot += local_len;
    (void)remote_len;
    if (remote && remote_size) {
        memcpy(remote_size, slot, sizeof(int));
        *remote = slot + sizeof(int);
    }
}

static BOOL WINAPI ConnectEx(SOCKET s, const void *addr, int len, PVOID data, DWORD length, DWORD *sent,
                             WSAOVERLAPPED *ov)
{
    if (!WsStarted())
        return FALSE;
    int e = WsCheckAddress(s, addr, len);
    if (e) {
        WsFail(e);
        return FALSE;
    }
    struct io_async async;
    if (!WsAsyncOf(ov, NULL, &async)) {
        WsFail(WSAEINVAL);
        return FALSE;
    }
    ULONG done = 0;
    unsigned char full[112];
    addr = WsFullUnixAddress(addr, &len, full);
    NTSTATUS status = IoSocketConnectEx((HANDLE)s, &async, addr, len, data, length, &done);
    return bool_result(WsOverlappedResult(status, done, sent));
}

static BOOL WINAPI DisconnectEx(SOCKET s, WSAOVERLAPPED *ov, DWORD flags, DWORD reserved)
{
    if (!WsStarted())
        return FALSE;
    if (reserved || (flags & ~(DWORD)TF_REUSE_SOCKET)) {
        WsFail(WSAEINVAL);
        return FALSE;
    }
    struct io_async async;
    bool overlapped = WsAsyncOf(ov, NULL, &async);
    NTSTATUS status = IoSocketDisconnect((HANDLE)s, overlapped ? &async : NULL, (flags & TF_REUSE_SOCKET) != 0);
    return bool_result(WsOverlappedResult(status, 0, NULL));
}

typedef struct {
    PVOID Head;
    DWORD HeadLength;
    PVOID Tail;
    DWORD TailLength;
} TRANSMIT_FILE_BUFFERS;

/* Sends every byte of one buffer, however the socket's sends split it. */
static NTSTATUS send_all(SOCKET s, const char *data, ULONG length, ULONG *sent)
{
    while (length) {
        struct io_buffer b = {length, (void *)data};
        ULONG done = 0;
        NTSTATUS status = IoSocketSend((HANDLE)s, NULL, &b, 1, 0, NULL, 0, NULL, &done);
        if (status != STATUS_SUCCESS)
            return status;
        data += done;
        length -= done;
        *sent += done;
    }
    return STATUS_SUCCESS;
}

/* TransmitFile: the head, the file from its position (or the OVERLAPPED's offset) and the tail, sent before
 * the call returns; an overlapped call is then told ended as one that ended at once. */
BOOL WINAPI TransmitFile(SOCKET s, HANDLE file, DWORD bytes, DWORD per_send, WSAOVERLAPPED *ov, PVOID buffers,
                         DWORD flags)
{
    (void)per_send;
    if (!WsStarted())
        return FALSE;
    if (flags & ~(DWORD)(TF_DISCONNECT | TF_REUSE_SOCKET | 0x30 /* TF_USE_* */ | 0x04 /* TF_WRITE_BEHIND */)) {
        WsFail(WSAEINVAL);
        return FALSE;
    }
    const TRANSMIT_FILE_BUFFERS *tb = buffers;
    ULONG sent = 0;
    NTSTATUS status = STATUS_SUCCESS;
    if (tb && tb->Head && tb->HeadLength)
        status = send_all(s, tb->Head, tb->HeadLength, &sent);
    if (status == STATUS_SUCCESS && file) {
        static char chunk[65536];
        static host_lock chunk_lock = HOST_LOCK_INIT;
        LARGE_INTEGER offset = {.QuadPart = ov ? (LONGLONG)((ULONG64)ov->OffsetHigh << 32 | ov->Offset) : 0};
        uint64_t left = bytes ? bytes : UINT64_MAX;
        host_lock_acquire(&chunk_lock);
        while (status == STATUS_SUCCESS && left) {
            IO_STATUS_BLOCK io;
            ULONG want = left < sizeof chunk ? (ULONG)left : sizeof chunk;
            status = NtReadFile(file, NULL, NULL, NULL, &io, chunk, want, ov ? &offset : NULL, NULL);
            if (status == STATUS_END_OF_FILE || (status == STATUS_SUCCESS && !io.Information)) {
                status = STATUS_SUCCESS;
                break;
            }
            if (status == STATUS_SUCCESS)
                status = send_all(s, chunk, (ULONG)io.Information, &sent);
            offset.QuadPart += (LONGLONG)io.Information;
            left -= io.Information;
        }
        host_lock_release(&chunk_lock);
    }
    if (status == STATUS_SUCCESS && tb && tb->Tail && tb->TailLength)
        status = send_all(s, tb->Tail, tb->TailLength, &sent);
    if (status == STATUS_SUCCESS && (flags & (TF_DISCONNECT | TF_REUSE_SOCKET)))
        status = IoSocketDisconnect((HANDLE)s, NULL, (flags & TF_REUSE_SOCKET) != 0);
    struct io_async async;
    if (WsAsyncOf(ov, NULL, &async))
        IoSocketEndAtOnce((HANDLE)s, &async, status, sent);
    return bool_result(WsOverlappedResult(status, sent, NULL));
}

/* WSARecvEx: recv, with MSG_PARTIAL for a datagram longer than the buffer. */
int WINAPI WSARecvEx(SOCKET s, char *buf, int len, int *flags)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!flags || len < 0)
        return WsFail(WSAEFAULT);
    struct io_buffer b = {(ULONG)len, buf};
    ULONG done = 0;
    NTSTATUS status = IoSocketRecv((HANDLE)s, NULL, &b, 1, *flags, NULL, NULL, NULL, &done);
    if (status == STATUS_BUFFER_OVERFLOW) {
        *flags = 0x8000;   /* MSG_PARTIAL */
        return (int)done;
    }
    if (status != STATUS_SUCCESS)
        return WsFail(WsError(status));
    *flags = 0;
    return (int)done;
}

/* ---- WSAIoctl ---------------------------------------------------------------------------------------------------- */

#define SIO_GET_EXTENSION_FUNCTION_POINTER 0xC8000006
#define SIO_KEEPALIVE_VALS                 0x98000004
#define SIO_UDP_CONNRESET                  0x9800000C
#define SIO_LOOPBACK_FAST_PATH             0x98000010
#define SIO_BSP_HANDLE                     0x4800001B
#define SIO_BSP_HANDLE_SELECT              0x4800001C
#define SIO_BSP_HANDLE_POLL                0x4800001D
#define SIO_BASE_HANDLE                    0x48000022
#define FIONREAD_WS 0x4004667F
#define FIONBIO_WS  0x8004667E

static const struct {
    GUID Guid;
    void *Function;
} extensions[] = {
    {{0xb5367df1, 0xcbac, 0x11cf, {0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}}, (void *)AcceptEx},
    {{0x25a207b9, 0xddf3, 0x4660, {0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e}}, (void *)ConnectEx},
    {{0x7fda2e11, 0x8630, 0x436f, {0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57}}, (void *)DisconnectEx},
    {{0xb5367df2, 0xcbac, 0x11cf, {0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}}, (void *)GetAcceptExSockaddrs},
    {{0xb5367df0, 0xcbac, 0x11cf, {0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}}, (void *)TransmitFile},
    {{0xf689d7c8, 0x6f1f, 0x436b, {0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22}}, (void *)WSARecvMsg},
    {{0xa441e712, 0x754f, 0x43ca, {0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d}}, (void *)WSASendMsg},
};

struct tcp_keepalive {
    ULONG onoff, keepalivetime, keepaliveinterval;   /* times in ms */
};

static NTSTATUS set_keepalive(SOCKET s, const struct tcp_keepalive *k)
{
    int on = k->onoff != 0;
    NTSTATUS status = IoSocketSetOption((HANDLE)s, 0xFFFF, 0x0008 /* SO_KEEPALIVE */, &on, sizeof on);
    if (status == STATUS_SUCCESS && k->onoff) {
        int idle = (int)(k->keepalivetime / 1000), interval = (int)(k->keepaliveinterval / 1000);
        idle = idle > 0 ? idle : 1;
        interval = interval > 0 ? interval : 1;
        status = IoSocketSetOption((HANDLE)s, 6, 3 /* TCP_KEEPALIVE */, &idle, sizeof idle);
        if (status == STATUS_SUCCESS)
            status = IoSocketSetOption((HANDLE)s, 6, 17 /* TCP_KEEPINTVL */, &interval, sizeof interval);
    }
    return status;
}

int WINAPI WSAIoctl(SOCKET s, DWORD code, PVOID in, DWORD in_len, PVOID out, DWORD out_len, DWORD *returned,
                    WSAOVERLAPPED *ov, PVOID routine)
{
    int family, type;
    if (!WsSocketReady(s, &family, &type))
        return SOCKET_ERROR;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG written = 0;
    switch (code) {
    case SIO_GET_EXTENSION_FUNCTION_POINTER:
        if (!in || in_len < sizeof(GUID) || !out || out_len < sizeof(void *))
            return WsFail(WSAEFAULT);
        status = STATUS_INVALID_PARAMETER;
        for (size_t i = 0; i < ARRAY_SIZE(extensions); i++)
            if (!memcmp(in, &extensions[i].Guid, sizeof(GUID))) {
                memcpy(out, &extensions[i].Function, sizeof(void *));
                written = sizeof(void *);
                status = STATUS_SUCCESS;
            }
        break;
    case FIONBIO_WS:
    case FIONREAD_WS: {
        ULONG v = 0;
        if (code == FIONBIO_WS && (!in || in_len < sizeof v))
            return WsFail(WSAEFAULT);
        if (code == FIONREAD_WS && (!out || out_len < sizeof v))
            return WsFail(WSAEFAULT);
        if (code == FIONBIO_WS)
            memcpy(&v, in, sizeof v);
        if (ws_ioctlsocket(s, (LONG)code, &v) != 0)
            return SOCKET_ERROR;
        if (code == FIONREAD_WS) {
            memcpy(out, &v, sizeof v);
            written = sizeof v;
        }
        break;
    }
    case SIO_KEEPALIVE_VALS:
        if (!in || in_len < sizeof(struct tcp_keepalive))
            return WsFail(WSAEFAULT);
        status = type == 1 ? set_keepalive(s, in) : STATUS_NOT_SUPPORTED;
        break;
    case SIO_BASE_HANDLE:
    case SIO_BSP_HANDLE:
    case SIO_BSP_HANDLE_SELECT:
    case SIO_BSP_HANDLE_POLL:
        /* No layered providers: the base provider's handle is the socket itself. */
        if (!out || out_len < sizeof(SOCKET))
            return WsFail(WSAEFAULT);
        memcpy(out, &s, sizeof s);
        written = sizeof s;
        break;
    case SIO_UDP_CONNRESET:
    case SIO_LOOPBACK_FAST_PATH:
        /* Accepted and without effect: the host reports no ICMP resets on unconnected UDP sockets, and its
         * loopback is already the fast path. */
        break;
    default:
        return WsFail(WSAEOPNOTSUPP);
    }
    if (returned)
        *returned = written;
    struct io_async async;
    if (WsAsyncOf(ov, routine, &async))
        IoSocketEndAtOnce((HANDLE)s, &async, status, written);
    return status == STATUS_SUCCESS ? 0 : WsFail(WsError(status));
}
