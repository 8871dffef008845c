/*
 * ws2_32.dll over host sockets: a SOCKET is a handle to a file object over a host socket fd (io/afd.c), so
 * CloseHandle, ReadFile/WriteFile, DuplicateHandle and inheritance work on it as on a pipe. Winsock's
 * errors are the WSAE* codes, from the NTSTATUS the I/O layer answers with (ws_error). Name resolution
 * knows numeric addresses and "localhost" only; DNS is not reached yet. Overlapped requests (an OVERLAPPED,
 * a completion routine) are the I/O layer's (io/afdio.c); the Microsoft extensions are extensions.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "ob/ob.h"
#include "host/resolver.h"
#include "ws2_32/ws2_32.h"

#define WSAENOTSOCK        10038
#define WSAVERNOTSUPPORTED 10092
#define WSANOTINITIALISED  10093

/* WSADATA as x64 Windows lays it out (the counts and vendor pointer before the strings on 64-bit). */
typedef struct {
    WORD wVersion;
    WORD wHighVersion;
    USHORT iMaxSockets;
    USHORT iMaxUdpDg;
    char *lpVendorInfo;
    char szDescription[257];
    char szSystemStatus[129];
} WSADATA;

static volatile LONG startups;   /* successful WSAStartup calls not yet matched by WSACleanup */

/* ws2_32 serves versions 1.0 to 2.2 (WSAStartup's documentation): a higher request gets 2.2, a request
 * below 1.0 is refused. */
int WINAPI WSAStartup(WORD version, WSADATA *data)
{
    BYTE major = (BYTE)version, minor = (BYTE)(version >> 8);
    if (major < 1)
        return WSAVERNOTSUPPORTED;
    if (!data)
        return 10014;   /* WSAEFAULT */
    memset(data, 0, sizeof *data);
    data->wVersion = major > 2 || (major == 2 && minor >= 2) ? 0x0202 : version;
    data->wHighVersion = 0x0202;
    strcpy(data->szDescription, "WinSock 2.0");
    strcpy(data->szSystemStatus, "Running");
    __atomic_add_fetch(&startups, 1, __ATOMIC_RELAXED);
    return 0;
}

int WINAPI WSACleanup(void)
{
    LONG n = __atomic_load_n(&startups, __ATOMIC_RELAXED);
    do {
        if (n == 0) {
            SetLastError(WSANOTINITIALISED);
            return -1;   /* SOCKET_ERROR */
        }
    } while (!__atomic_compare_exchange_n(&startups, &n, n - 1, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    return 0;
}

int WINAPI WSAGetLastError(void)
{
    return (int)GetLastError();
}

void WINAPI WSASetLastError(int error)
{
    SetLastError((DWORD)error);
}

/* ---- errors ------------------------------------------------------------------------------------------------ */

#define WSAEINTR           10004
#define WSAEACCES          10013
#define WSAEMFILE          10024
#define WSAEWOULDBLOCK     10035
#define WSAEMSGSIZE        10040
#define WSAEPROTOTYPE      10041
#define WSAENOPROTOOPT     10042
#define WSAEPROTONOSUPPORT 10043
#define WSAESOCKTNOSUPPORT 10044
#define WSAEADDRINUSE      10048
#define WSAEADDRNOTAVAIL   10049
#define WSAENETUNREACH     10051
#define WSAECONNABORTED    10053
#define WSAECONNRESET      10054
#define WSAENOBUFS         10055
#define WSAEISCONN         10056
#define WSAENOTCONN        10057
#define WSAESHUTDOWN       10058
#define WSAETIMEDOUT       10060
#define WSAECONNREFUSED    10061
#define WSAEHOSTUNREACH    10065
#define WSATYPE_NOT_FOUND  10109
#define WSAHOST_NOT_FOUND  11001


int WsError(NTSTATUS status)
{
    switch (status) {
    case STATUS_SUCCESS:                   return 0;
    case STATUS_PENDING:                   return WSA_IO_PENDING;
    case STATUS_CANCELLED:                 return 995;   /* WSA_OPERATION_ABORTED */
    case STATUS_CANT_WAIT:                 return WSAEWOULDBLOCK;
    case STATUS_CONNECTION_REFUSED:        return WSAECONNREFUSED;
    case STATUS_ADDRESS_ALREADY_EXISTS:    return WSAEADDRINUSE;
    case STATUS_INVALID_ADDRESS_COMPONENT: return WSAEADDRNOTAVAIL;
    case STATUS_CONNECTION_RESET:          return WSAECONNRESET;
    case STATUS_CONNECTION_ABORTED:        return WSAECONNABORTED;
    case STATUS_NETWORK_UNREACHABLE:       return WSAENETUNREACH;
    case STATUS_HOST_UNREACHABLE:          return WSAEHOSTUNREACH;
    case STATUS_INVALID_CONNECTION:        return WSAENOTCONN;
    case STATUS_CONNECTION_ACTIVE:         return WSAEISCONN;
    case STATUS_IO_TIMEOUT:                return WSAETIMEDOUT;
    case STATUS_PIPE_DISCONNECTED:         return WSAESHUTDOWN;
    case STATUS_BUFFER_OVERFLOW:           return WSAEMSGSIZE;
    case STATUS_NOT_SUPPORTED:             return WSAEOPNOTSUPP;
    case STATUS_NO_MEMORY:
    case STATUS_INSUFFICIENT_RESOURCES:    return WSAENOBUFS;
    case STATUS_INVALID_HANDLE:
    case STATUS_OBJECT_TYPE_MISMATCH:      return WSAENOTSOCK;
    case STATUS_ACCESS_VIOLATION:          return WSAEFAULT;
    case STATUS_ACCESS_DENIED:             return WSAEACCES;
    case STATUS_TOO_MANY_OPENED_FILES:     return WSAEMFILE;
    default:                               return WSAEINVAL;
    }
}

int WsFail(int error)
{
    SetLastError((DWORD)error);
    return SOCKET_ERROR;
}

/* SOCKET_ERROR with the status's WSAE* code set, or 0. */
static int ws_result(NTSTATUS status)
{
    return status == STATUS_SUCCESS ? 0 : WsFail(WsError(status));
}

bool WsStarted(void)
{
    if (__atomic_load_n(&startups, __ATOMIC_RELAXED))
        return true;
    SetLastError(WSANOTINITIALISED);
    return false;
}

bool WsSocketReady(SOCKET s, int *family, int *type)
{
    if (!WsStarted())
        return false;
    int f, t;
    NTSTATUS status = IoSocketKind((HANDLE)s, family ? family : &f, type ? type : &t);
    if (status != STATUS_SUCCESS) {
        WsFail(WsError(status));
        return false;
    }
    return true;
}

/* ---- byte order -------------------------------------------------------------------------------------------- */

USHORT WINAPI ws_htons(USHORT v) { return (USHORT)(v << 8 | v >> 8); }
ULONG WINAPI ws_htonl(ULONG v) { return __builtin_bswap32(v); }

/* The WSA forms ask the socket's provider for its byte order: every provider here is big-endian
 * (BIGENDIAN in the catalogue), so they are htonl/htons once the socket is known to be one. */
static int wsa_byte_order(SOCKET s, const void *out)
{
    if (!WsSocketReady(s, NULL, NULL))
        return SOCKET_ERROR;
    return out ? 0 : WsFail(WSAEFAULT);
}

int WINAPI WSAHtonl(SOCKET s, ULONG v, ULONG *out)
{
    int r = wsa_byte_order(s, out);
    if (r == 0)
        *out = ws_htonl(v);
    return r;
}

int WINAPI WSAHtons(SOCKET s, USHORT v, USHORT *out)
{
    int r = wsa_byte_order(s, out);
    if (r == 0)
        *out = ws_htons(v);
    return r;
}

/* ---- sockets ----------------------------------------------------------------------------------------------- */

#define AF_UNSPEC_WS 0
#define AF_INET_WS   2
#define AF_INET6_WS  23
#define AF_UNIX_WS   1
#define SOCK_STREAM_WS 1
#define SOCK_DGRAM_WS  2
#define IPPROTO_TCP_WS 6
#define IPPROTO_UDP_WS 17
#define WSA_FLAG_OVERLAPPED        0x01
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80

/* socket()'s checks in Windows' order: the family, then the type, then the protocol the two allow. */
static SOCKET create_socket(int af, int type, int protocol, DWORD flags)
{
    if (!WsStarted())
        return INVALID_SOCKET;
    if (af != AF_INET_WS && af != AF_INET6_WS && af != AF_UNIX_WS)
        return (SOCKET)(LONG_PTR)WsFail(WSAEAFNOSUPPORT);
    /* AF_UNIX is stream only on Windows 10, with protocol 0. */
    if ((type != SOCK_STREAM_WS && type != SOCK_DGRAM_WS) || (af == AF_UNIX_WS && type != SOCK_STREAM_WS))
        return (SOCKET)(LONG_PTR)WsFail(WSAESOCKTNOSUPPORT);
    if (protocol != 0 && (af == AF_UNIX_WS || protocol != (type == SOCK_STREAM_WS ? IPPROTO_TCP_WS : IPPROTO_UDP_WS)))
        return (SOCKET)(LONG_PTR)WsFail(WSAEPROTONOSUPPORT);
    HANDLE h;
    /* socket()'s handles are inheritable unless WSA_FLAG_NO_HANDLE_INHERIT (WSASocketW's page). */
    NTSTATUS status = IoCreateSocket(af, type, protocol, flags & WSA_FLAG_NO_HANDLE_INHERIT ? 0 : OBJ_INHERIT,
                                     (flags & WSA_FLAG_OVERLAPPED) != 0, &h);
    if (status != STATUS_SUCCESS)
        return (SOCKET)(LONG_PTR)WsFail(WsError(status));
    return (SOCKET)h;
}


SOCKET WINAPI ws_socket(int af, int type, int protocol)
{
    return create_socket(af, type, protocol, WSA_FLAG_OVERLAPPED);
}

#define FROM_PROTOCOL_INFO (-1)

SOCKET WINAPI WSASocketW(int af, int type, int protocol, PVOID info, ULONG group, DWORD flags)
{
    (void)group;
    if (!info)
        return create_socket(af, type, protocol, flags);
    if (!WsStarted())
        return INVALID_SOCKET;
    /* A socket WSADuplicateSocketW handed to this process: the handle is already in its table. */
    const WSAPROTOCOL_INFOW *pi = info;
    HANDLE h = (HANDLE)(ULONG_PTR)pi->dwProviderReserved;
    int family, kind;
    if (!h || IoSocketKind(h, &family, &kind) != STATUS_SUCCESS || family != pi->iAddressFamily ||
        kind != pi->iSocketType || (af != FROM_PROTOCOL_INFO && af != family) ||
        (type != FROM_PROTOCOL_INFO && type != kind))
        return (SOCKET)(LONG_PTR)WsFail(WSAEINVAL);
    (void)protocol;
    return (SOCKET)h;
}

SOCKET WINAPI WSASocketA(int af, int type, int protocol, PVOID info, ULONG group, DWORD flags)
{
    /* WSAPROTOCOL_INFOA differs from the W form only in its trailing string, which is not read. */
    return WSASocketW(af, type, protocol, info, group, flags);
}

HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD pid);

int WINAPI WSADuplicateSocketW(SOCKET s, DWORD pid, WSAPROTOCOL_INFOW *info)
{
    int family, type;
    if (!WsSocketReady(s, &family, &type))
        return SOCKET_ERROR;
    if (!info)
        return WsFail(WSAEFAULT);
    HANDLE process = OpenProcess(0x0040 /* PROCESS_DUP_HANDLE */, FALSE, pid), target = NULL;
    if (!process)
        return WsFail(WSAEINVAL);
    BOOL ok = DuplicateHandle(GetCurrentProcess(), (HANDLE)s, process, &target, 0, FALSE, DUPLICATE_SAME_ACCESS);
    NtClose(process);
    if (!ok)
        return WsFail(WSAEINVAL);
    /* The socket's catalogue entry (every kind socket() creates has one), with the handle for WSASocketW. */
    WsProtocolInfo(family, type, info);
    info->dwProviderReserved = (DWORD)(ULONG_PTR)target;
    return 0;
}

int WINAPI WSADuplicateSocketA(SOCKET s, DWORD pid, WSAPROTOCOL_INFOA *info)
{
    /* WSAPROTOCOL_INFOA's name is 256 chars, not WCHARs: written apart. */
    WSAPROTOCOL_INFOW w;
    int r = WSADuplicateSocketW(s, pid, info ? &w : NULL);
    if (r == 0) {
        memcpy(info, &w, offsetof(WSAPROTOCOL_INFOW, szProtocol));
        for (size_t i = 0; i < 256; i++)
            info->szProtocol[i] = (char)w.szProtocol[i];
    }
    return r;
}

int WINAPI ws_closesocket(SOCKET s)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    int family, type;
    NTSTATUS status = IoSocketKind((HANDLE)s, &family, &type);
    if (status == STATUS_SUCCESS)
        status = NtClose((HANDLE)s);
    return ws_result(status);
}

/* The least length of a SOCKADDR of the socket's family (WSAEFAULT below it). */
static int addr_len(int family)
{
    return family == AF_INET6_WS ? 28 : family == AF_UNIX_WS ? 3 : 16;   /* AF_UNIX: the family and a path */
}

DWORD WINAPI GetFullPathNameA(const char *name, DWORD size, char *buffer, char **file_part);

const void *WsFullUnixAddress(const void *addr, int *len, unsigned char out[112])
{
    if (!addr || *len < 3 || *(const USHORT *)addr != AF_UNIX_WS)
        return addr;
    /* A SOCKADDR_UN path is relative to the current directory: made full here, where the directory is known. */
    char path[109] = {0};
    int n = *len - 2 < 108 ? *len - 2 : 108;
    memcpy(path, (const char *)addr + 2, (size_t)n);
    char full[260];
    DWORD got = GetFullPathNameA(path, sizeof full, full, NULL);
    if (!got || got >= 108)
        return addr;   /* too long for a SOCKADDR_UN: the I/O layer refuses it */
    memset(out, 0, 112);
    *(USHORT *)out = AF_UNIX_WS;
    memcpy(out + 2, full, got + 1);
    *len = (int)(2 + got + 1);
    return out;
}

int WsCheckAddress(SOCKET s, const void *addr, int len)
{
    int family, type;
    NTSTATUS status = IoSocketKind((HANDLE)s, &family, &type);
    if (status != STATUS_SUCCESS)
        return WsError(status);
    if (!addr || len < addr_len(family))
        return WSAEFAULT;
    if (*(const USHORT *)addr != family)
        return WSAEAFNOSUPPORT;
    return 0;
}

int WINAPI ws_bind(SOCKET s, const void *addr, int len)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    int e = WsCheckAddress(s, addr, len);
    unsigned char full[112];
    addr = WsFullUnixAddress(addr, &len, full);
    return e ? WsFail(e) : ws_result(IoSocketBind((HANDLE)s, addr, len));
}

int WINAPI ws_listen(SOCKET s, int backlog)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    return ws_result(IoSocketListen((HANDLE)s, backlog < 0 ? 0 : backlog > 0x7FFFFFF ? 0x7FFFFFF : backlog));
}

int WINAPI ws_connect(SOCKET s, const void *addr, int len)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    int e = WsCheckAddress(s, addr, len);
    unsigned char full[112];
    addr = WsFullUnixAddress(addr, &len, full);
    return e ? WsFail(e) : ws_result(IoSocketConnect((HANDLE)s, addr, len));
}

/* Connect data and QoS: Windows' TCP/IP providers have neither (no XP1_CONNECT_DATA or XP1_QOS_SUPPORTED in
 * the catalogue), so data to send is refused with WSAENOPROTOOPT and a flow spec with WSAEOPNOTSUPP, as
 * WSAConnect's page lists; no data comes back (lpCalleeData's len 0). */
int WINAPI WSAConnect(SOCKET s, const void *addr, int len, WSABUF *caller_data, WSABUF *callee_data, void *sqos,
                      void *gqos)
{
    if (!WsSocketReady(s, NULL, NULL))
        return SOCKET_ERROR;
    if (caller_data && caller_data->len)
        return WsFail(WSAENOPROTOOPT);
    if (sqos || gqos)
        return WsFail(WSAEOPNOTSUPP);
    int r = ws_connect(s, addr, len);
    if (r == 0 && callee_data)
        callee_data->len = 0;
    return r;
}

/* Copies a host-reported address to the caller's buffer: WSAEFAULT when it does not fit. */
static int give_addr(const unsigned char *addr, int got, void *out, int *out_len)
{
    if (!out)
        return 0;
    if (!out_len || *out_len < got)
        return WSAEFAULT;
    memcpy(out, addr, (size_t)got);
    *out_len = got;
    return 0;
}

SOCKET WINAPI ws_accept(SOCKET s, void *addr, int *len)
{
    int family, type;
    if (!WsSocketReady(s, &family, &type))
        return INVALID_SOCKET;
    NTSTATUS status;
    if (addr && (!len || *len < addr_len(family)))
        return (SOCKET)(LONG_PTR)WsFail(WSAEFAULT);
    unsigned char a[128];
    int alen = sizeof a;
    HANDLE h;
    status = IoSocketAccept((HANDLE)s, OBJ_INHERIT, &h, a, &alen);
    if (status != STATUS_SUCCESS)
        return (SOCKET)(LONG_PTR)WsFail(WsError(status));
    give_addr(a, alen, addr, len);
    return (SOCKET)h;
}

#define CF_ACCEPT 0
#define CF_REJECT 1
#define CF_DEFER  2
#define WSATRY_AGAIN 11002

typedef int (WINAPI *CONDITIONPROC)(WSABUF *caller_id, WSABUF *caller_data, void *sqos, void *gqos,
                                    WSABUF *callee_id, WSABUF *callee_data, unsigned *group, ULONG_PTR data);

/* accept, then the condition function's verdict on the connection, told the peer's and the local address
 * (no connect data or QoS: those parameters are NULL, as WSAAccept's page says when there are none).
 * Without SO_CONDITIONAL_ACCEPT Windows has completed the handshake before asking, as the host has here.
 * CF_REJECT closes the connection (WSAECONNREFUSED). CF_DEFER is WSATRY_AGAIN, as Windows answers it; the
 * connection is closed too, where Windows keeps it for the next call: the host has no way to put an
 * accepted connection back in the listen queue. */
SOCKET WINAPI WSAAccept(SOCKET s, void *addr, int *len, CONDITIONPROC condition, ULONG_PTR data)
{
    if (!condition)
        return ws_accept(s, addr, len);
    int family, type;
    if (!WsSocketReady(s, &family, &type))
        return INVALID_SOCKET;
    if (addr && (!len || *len < addr_len(family)))
        return (SOCKET)(LONG_PTR)WsFail(WSAEFAULT);
    unsigned char remote[128], local[128];
    int remote_len = sizeof remote, local_len = sizeof local;
    SOCKET a = ws_accept(s, remote, &remote_len);
    if (a == INVALID_SOCKET)
        return INVALID_SOCKET;
    if (IoSocketName((HANDLE)a, FALSE, local, &local_len) != STATUS_SUCCESS)
        local_len = 0;
    WSABUF caller = { (ULONG)remote_len, (char *)remote }, callee = { (ULONG)local_len, (char *)local };
    unsigned group = 0;
    int verdict = condition(&caller, NULL, NULL, NULL, local_len ? &callee : NULL, NULL, &group, data);
    if (verdict == CF_ACCEPT) {
        give_addr(remote, remote_len, addr, len);
        return a;
    }
    NtClose((HANDLE)a);
    return (SOCKET)(LONG_PTR)WsFail(verdict == CF_REJECT ? WSAECONNREFUSED : verdict == CF_DEFER ? WSATRY_AGAIN
                                                                                                 : WSAEINVAL);
}

static int name_of(SOCKET s, BOOLEAN peer, void *addr, int *len)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    unsigned char a[128];
    int alen = sizeof a;
    NTSTATUS status = IoSocketName((HANDLE)s, peer, a, &alen);
    if (status != STATUS_SUCCESS)
        return ws_result(status);
    if (!addr || !len)
        return WsFail(WSAEFAULT);
    int e = give_addr(a, alen, addr, len);
    return e ? WsFail(e) : 0;
}

int WINAPI ws_getsockname(SOCKET s, void *addr, int *len)
{
    /* An unbound socket (port 0): WSAEINVAL, where Linux reports the any address and port 0. */
    int r = name_of(s, FALSE, addr, len);
    if (r == 0 && *len >= 4 && ((unsigned char *)addr)[2] == 0 && ((unsigned char *)addr)[3] == 0)
        return WsFail(WSAEINVAL);
    return r;
}

int WINAPI ws_getpeername(SOCKET s, void *addr, int *len)
{
    return name_of(s, TRUE, addr, len);
}

#define MSG_OOB_WS      1
#define MSG_PEEK_WS     2
#define MSG_DONTROUTE_WS 4
#define MSG_WAITALL_WS  8

static int do_send(SOCKET s, const void *buf, ULONG len, int flags, const void *to, int tolen)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (flags & ~(MSG_OOB_WS | MSG_DONTROUTE_WS))
        return WsFail(WSAEOPNOTSUPP);
    if (to) {
        int e = WsCheckAddress(s, to, tolen);
        if (e)
            return WsFail(e);
    }
    struct io_buffer b = {len, (void *)buf};
    ULONG done;
    NTSTATUS status = IoSocketSend((HANDLE)s, NULL, &b, 1, flags, to, tolen, NULL, &done);
    return status == STATUS_SUCCESS ? (int)done : ws_result(status);
}

int WINAPI ws_send(SOCKET s, const char *buf, int len, int flags)
{
    return len < 0 ? (WsStarted() ? WsFail(WSAEFAULT) : SOCKET_ERROR) : do_send(s, buf, (ULONG)len, flags, NULL, 0);
}

int WINAPI ws_sendto(SOCKET s, const char *buf, int len, int flags, const void *to, int tolen)
{
    return len < 0 ? (WsStarted() ? WsFail(WSAEFAULT) : SOCKET_ERROR) : do_send(s, buf, (ULONG)len, flags, to, tolen);
}

static int do_recv(SOCKET s, void *buf, ULONG len, int flags, void *from, int *fromlen)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (flags & ~(MSG_OOB_WS | MSG_PEEK_WS | MSG_WAITALL_WS))
        return WsFail(WSAEOPNOTSUPP);
    unsigned char a[128];
    int alen = sizeof a;
    ULONG done;
    struct io_buffer b = {len, buf};
    NTSTATUS status = IoSocketRecv((HANDLE)s, NULL, &b, 1, flags, from ? a : NULL, from ? &alen : NULL, NULL, &done);
    if (status != STATUS_SUCCESS)
        return ws_result(status);
    if (from) {
        int e = give_addr(a, alen, from, fromlen);
        if (e)
            return WsFail(e);
    }
    return (int)done;
}

int WINAPI ws_recv(SOCKET s, char *buf, int len, int flags)
{
    return len < 0 ? (WsStarted() ? WsFail(WSAEFAULT) : SOCKET_ERROR) : do_recv(s, buf, (ULONG)len, flags, NULL, NULL);
}

int WINAPI ws_recvfrom(SOCKET s, char *buf, int len, int flags, void *from, int *fromlen)
{
    if (len < 0 || (from && (!fromlen || *fromlen < 16)))
        return WsStarted() ? WsFail(WSAEFAULT) : SOCKET_ERROR;
    return do_recv(s, buf, (ULONG)len, flags, from, fromlen);
}

int WINAPI ws_shutdown(SOCKET s, int how)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (how < 0 || how > 2)
        return WsFail(WSAEINVAL);
    return ws_result(IoSocketShutdown((HANDLE)s, how));
}

/* shutdown with disconnect data, which Windows' TCP/IP does not carry (no XP1_DISCONNECT_DATA): data to
 * send is WSAENOPROTOOPT, as WSASendDisconnect's page says; none is ever received (len 0). */
int WINAPI WSASendDisconnect(SOCKET s, WSABUF *data)
{
    if (!WsSocketReady(s, NULL, NULL))
        return SOCKET_ERROR;
    if (data && data->len)
        return WsFail(WSAENOPROTOOPT);
    return ws_shutdown(s, 1 /* SD_SEND */);
}

int WINAPI WSARecvDisconnect(SOCKET s, WSABUF *data)
{
    int r = ws_shutdown(s, 0 /* SD_RECEIVE */);
    if (r == 0 && data)
        data->len = 0;
    return r;
}

#define FIONREAD_WS 0x4004667F
#define FIONBIO_WS  0x8004667E

int WINAPI ws_ioctlsocket(SOCKET s, LONG cmd, ULONG *arg)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!arg)
        return WsFail(WSAEFAULT);
    if ((ULONG)cmd == FIONBIO_WS)
        return ws_result(IoSocketSetNonBlocking((HANDLE)s, *arg != 0));
    if ((ULONG)cmd == FIONREAD_WS)
        return ws_result(IoSocketReadable((HANDLE)s, arg));
    int family, type;
    NTSTATUS status = IoSocketKind((HANDLE)s, &family, &type);
    return status != STATUS_SUCCESS ? ws_result(status) : WsFail(WSAEINVAL);
}

/* ---- options ----------------------------------------------------------------------------------------------- */

#define SOL_SOCKET_WS   0xFFFF
#define SO_LINGER_WS    0x0080
#define SO_ERROR_WS     0x1007

int WINAPI ws_getsockopt(SOCKET s, int level, int name, char *value, int *len)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!value || !len || *len < 0)
        return WsFail(WSAEFAULT);
    ULONG n = (ULONG)*len;
    NTSTATUS status = IoSocketGetOption((HANDLE)s, level, name, value, &n);
    if (status == STATUS_NOT_SUPPORTED)
        return WsFail(WSAENOPROTOOPT);
    if (status != STATUS_SUCCESS)
        return ws_result(status);
    if (level == SOL_SOCKET_WS && name == SO_ERROR_WS) {
        int v;
        memcpy(&v, value, sizeof v);
        v = WsError((NTSTATUS)v);
        memcpy(value, &v, sizeof v);
    }
    *len = (int)n;   /* SO_LINGER: two u_shorts, l_onoff first, as packed by the host layer */
    return 0;
}

int WINAPI ws_setsockopt(SOCKET s, int level, int name, const char *value, int len)
{
    if (!WsSocketReady(s, NULL, NULL))
        return SOCKET_ERROR;
    if (!value || len < 1)
        return WsFail(WSAEFAULT);
    /* A one-byte BOOL, which Windows takes for boolean options, is widened to the int every layer below
     * reads; SO_LINGER's two u_shorts must be whole. */
    int v;
    if (len < (int)sizeof v) {
        if (level == SOL_SOCKET_WS && name == SO_LINGER_WS)
            return WsFail(WSAEFAULT);
        v = (unsigned char)value[0];
        value = (const char *)&v;
        len = sizeof v;
    }
    NTSTATUS status = IoSocketSetOption((HANDLE)s, level, name, value, (ULONG)len);
    return status == STATUS_NOT_SUPPORTED ? WsFail(WSAENOPROTOOPT) : ws_result(status);
}

/* ---- select and WSAPoll ------------------------------------------------------------------------------------ */

typedef struct {
    UINT fd_count;
    SOCKET fd_array[64];   /* FD_SETSIZE: a program may define it larger; fd_count is what counts */
} ws_fd_set;

typedef struct {
    LONG tv_sec, tv_usec;
} ws_timeval;

static LONG timeout_of(const ws_timeval *t)
{
    if (!t)
        return -1;
    int64_t ms = (int64_t)t->tv_sec * 1000 + (t->tv_usec + 999) / 1000;
    return ms < 0 ? 0 : ms > 0x7FFFFFFF ? 0x7FFFFFFF : (LONG)ms;
}

static ULONG add_entries(struct io_socket_poll *e, ULONG n, const ws_fd_set *set, ULONG events)
{
    for (UINT i = 0; set && i < set->fd_count; i++) {
        ULONG j = 0;
        while (j < n && e[j].Socket != (HANDLE)set->fd_array[i])
            j++;
        if (j == n) {
            e[n].Socket = (HANDLE)set->fd_array[i];
            e[n].Events = 0;
            n++;
        }
        e[j].Events |= events;
    }
    return n;
}

/* Keeps the sockets of set that are ready as want says; the count kept. */
static int keep_ready(ws_fd_set *set, const struct io_socket_poll *e, ULONG n, int kind)
{
    if (!set)
        return 0;
    UINT kept = 0;
    for (UINT i = 0; i < set->fd_count; i++) {
        ULONG j = 0;
        while (j < n && e[j].Socket != (HANDLE)set->fd_array[i])
            j++;
        ULONG r = j < n ? e[j].Revents : 0;
        /* Windows: readable is data, a connection to accept, or the peer gone; writable a connected
         * socket with room; a failed connect shows in the exception set only. */
        bool ready = kind == 0   ? (r & IO_POLL_IN) || ((r & IO_POLL_HUP) && !(r & IO_POLL_ERR))
                     : kind == 1 ? (r & IO_POLL_OUT) && !(r & IO_POLL_ERR)
                                 : (r & (IO_POLL_ERR | IO_POLL_PRI)) != 0;
        if (ready)
            set->fd_array[kept++] = set->fd_array[i];
    }
    set->fd_count = kept;
    return (int)kept;
}

int WINAPI ws_select(int nfds, ws_fd_set *r, ws_fd_set *w, ws_fd_set *x, const ws_timeval *timeout)
{
    (void)nfds;
    if (!WsStarted())
        return SOCKET_ERROR;
    ULONG total = (r ? r->fd_count : 0) + (w ? w->fd_count : 0) + (x ? x->fd_count : 0);
    if (total == 0)
        return WsFail(WSAEINVAL);
    if (timeout && (timeout->tv_sec < 0 || timeout->tv_usec < 0))
        return WsFail(WSAEINVAL);
    struct io_socket_poll *e = malloc(total * sizeof *e);
    if (!e)
        return WsFail(WSAENOBUFS);
    ULONG n = add_entries(e, 0, r, IO_POLL_IN);
    n = add_entries(e, n, w, IO_POLL_OUT);
    n = add_entries(e, n, x, IO_POLL_PRI);
    ULONG ready;
    NTSTATUS status = IoSocketPoll(e, n, timeout_of(timeout), &ready);
    int result = 0;
    for (ULONG i = 0; status == STATUS_SUCCESS && i < n; i++)
        if (e[i].Revents & IO_POLL_NVAL)
            status = STATUS_INVALID_HANDLE;   /* WSAENOTSOCK, the sets untouched */
    if (status == STATUS_SUCCESS)
        result = keep_ready(r, e, n, 0) + keep_ready(w, e, n, 1) + keep_ready(x, e, n, 2);
    free(e);
    return status == STATUS_SUCCESS ? result : ws_result(status);
}

int WINAPI __WSAFDIsSet(SOCKET s, ws_fd_set *set)
{
    for (UINT i = 0; set && i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return 1;
    return 0;
}

typedef struct {
    SOCKET fd;
    SHORT events, revents;
} WSAPOLLFD;

#define POLLRDNORM_WS 0x0100
#define POLLRDBAND_WS 0x0200
#define POLLPRI_WS    0x0400
#define POLLWRNORM_WS 0x0010
#define POLLWRBAND_WS 0x0020
#define POLLERR_WS    0x0001
#define POLLHUP_WS    0x0002
#define POLLNVAL_WS   0x0004

int WINAPI WSAPoll(WSAPOLLFD *fds, ULONG n, INT timeout)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!fds)
        return WsFail(WSAEFAULT);
    if (n == 0)
        return WsFail(WSAEINVAL);
    struct io_socket_poll *e = malloc(n * sizeof *e);
    if (!e)
        return WsFail(WSAENOBUFS);
    for (ULONG i = 0; i < n; i++) {
        if (fds[i].events & ~(POLLRDNORM_WS | POLLRDBAND_WS | POLLPRI_WS | POLLWRNORM_WS | POLLWRBAND_WS)) {
            free(e);
            return WsFail(WSAEINVAL);
        }
        e[i].Socket = (HANDLE)fds[i].fd;
        e[i].Events = (fds[i].events & (POLLRDNORM_WS | POLLRDBAND_WS) ? IO_POLL_IN : 0) |
                      (fds[i].events & (POLLWRNORM_WS | POLLWRBAND_WS) ? IO_POLL_OUT : 0) |
                      (fds[i].events & POLLPRI_WS ? IO_POLL_PRI : 0);
    }
    ULONG ready;
    NTSTATUS status = IoSocketPoll(e, n, timeout < 0 ? -1 : timeout, &ready);
    for (ULONG i = 0; status == STATUS_SUCCESS && i < n; i++) {
        ULONG r = e[i].Revents;
        SHORT out = (SHORT)((r & IO_POLL_NVAL ? POLLNVAL_WS : 0) | (r & IO_POLL_ERR ? POLLERR_WS : 0) |
                            (r & IO_POLL_HUP ? POLLHUP_WS : 0));
        ULONG waiting = 0;
        /* The peer's close is POLLHUP, without POLLRDNORM once nothing is left to read (Wine does so,
         * following Windows). */
        if ((r & IO_POLL_HUP) && IoSocketReadable(e[i].Socket, &waiting) == STATUS_SUCCESS && !waiting)
            r &= ~IO_POLL_IN;
        if (r & IO_POLL_IN)
            out |= fds[i].events & POLLRDNORM_WS ? POLLRDNORM_WS : POLLRDBAND_WS;
        if (r & IO_POLL_OUT)
            out |= POLLWRNORM_WS;
        if (r & IO_POLL_PRI)
            out |= POLLPRI_WS;
        fds[i].revents = (SHORT)(out & (fds[i].events | POLLERR_WS | POLLHUP_WS | POLLNVAL_WS));
    }
    free(e);
    if (status != STATUS_SUCCESS)
        return ws_result(status);
    int count = 0;
    for (ULONG i = 0; i < n; i++)
        count += fds[i].revents != 0;
    return count;
}

/* ---- WSASend, WSARecv and their overlapped requests --------------------------------------------------------- */

static_assert(sizeof(WSABUF) == sizeof(struct io_buffer), "WSABUF");

typedef void (WINAPI *WSA_COMPLETION_ROUTINE)(DWORD error, DWORD transferred, WSAOVERLAPPED *ov, DWORD flags);

/* The APC of an overlapped call given a completion routine: the routine, told the end as Winsock tells it. */
static void WINAPI completion_apc(ULONG_PTR routine, ULONG_PTR overlapped, ULONG_PTR unused)
{
    (void)unused;
    WSAOVERLAPPED *ov = (WSAOVERLAPPED *)overlapped;
    NTSTATUS status = (NTSTATUS)ov->Internal;
    ((WSA_COMPLETION_ROUTINE)routine)(NT_SUCCESS(status) ? 0 : (DWORD)WsError(status), (DWORD)ov->InternalHigh, ov,
                                      0);
}

bool WsAsyncOf(WSAOVERLAPPED *ov, PVOID routine, struct io_async *async)
{
    if (!ov)
        return false;
    /* A completion routine leaves hEvent to the caller; an event whose low bit is set asks for no packet on
     * the completion port (GetQueuedCompletionStatus's page). */
    ULONG_PTR event = (ULONG_PTR)ov->hEvent;
    async->Event = routine ? NULL : (HANDLE)(event & ~(ULONG_PTR)1);
    async->Apc = routine ? (PVOID)completion_apc : NULL;
    async->ApcContext = routine ? routine : (event & 1) ? NULL : (PVOID)ov;
    async->Io = (PIO_STATUS_BLOCK)ov;
    return true;
}

int WsOverlappedResult(NTSTATUS status, ULONG done, DWORD *count)
{
    if (status == STATUS_PENDING)
        return WsFail(WSA_IO_PENDING);
    if (status != STATUS_SUCCESS)
        return WsFail(WsError(status));
    if (count)
        *count = done;
    return 0;
}

static int send_request(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, const void *to, int tolen,
                        const struct io_msg_control *control, WSAOVERLAPPED *ov, PVOID routine)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!bufs || !count)
        return WsFail(WSAEINVAL);
    if (flags & ~(MSG_OOB_WS | MSG_DONTROUTE_WS))
        return WsFail(WSAEOPNOTSUPP);
    if (to) {
        int e = WsCheckAddress(s, to, tolen);
        if (e)
            return WsFail(e);
    }
    struct io_async async;
    bool overlapped = WsAsyncOf(ov, routine, &async);
    ULONG done;
    NTSTATUS status = IoSocketSend((HANDLE)s, overlapped ? &async : NULL, (const struct io_buffer *)bufs, count,
                                   (int)flags, to, tolen, control, &done);
    return WsOverlappedResult(status, done, sent);
}

int WINAPI WSASend(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, WSAOVERLAPPED *ov,
                   PVOID routine)
{
    return send_request(s, bufs, count, sent, flags, NULL, 0, NULL, ov, routine);
}

int WINAPI WSASendTo(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, const void *to, int tolen,
                     WSAOVERLAPPED *ov, PVOID routine)
{
    return send_request(s, bufs, count, sent, flags, to, tolen, NULL, ov, routine);
}

static int recv_request(SOCKET s, WSABUF *bufs, DWORD count, DWORD *received, DWORD *flags, void *from,
                        int *fromlen, const struct io_msg_control *control, WSAOVERLAPPED *ov, PVOID routine)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!bufs || !count || !flags)
        return WsFail(!flags ? WSAEFAULT : WSAEINVAL);
    if (*flags & ~(DWORD)(MSG_OOB_WS | MSG_PEEK_WS | MSG_WAITALL_WS))
        return WsFail(WSAEOPNOTSUPP);
    if (from && (!fromlen || *fromlen < 16))
        return WsFail(WSAEFAULT);
    struct io_async async;
    bool overlapped = WsAsyncOf(ov, routine, &async);
    ULONG done;
    int in = (int)*flags;
    if (ov)
        ov->Offset = 0;   /* the flags WSAGetOverlappedResult reports: none (no MSG_PARTIAL on these sockets) */
    /* An overlapped request writes the sender's address itself when it ends: the caller keeps from valid. */
    unsigned char a[128];
    int alen = sizeof a;
    NTSTATUS status = IoSocketRecv((HANDLE)s, overlapped ? &async : NULL, (const struct io_buffer *)bufs, count, in,
                                   overlapped ? from : from ? a : NULL, overlapped ? fromlen : from ? &alen : NULL,
                                   control, &done);
    if (status == STATUS_SUCCESS && from && !overlapped) {
        int e = give_addr(a, alen, from, fromlen);
        if (e)
            return WsFail(e);
    }
    if (status == STATUS_SUCCESS)
        *flags = 0;
    return WsOverlappedResult(status, done, received);
}

int WINAPI WSARecv(SOCKET s, WSABUF *bufs, DWORD count, DWORD *received, DWORD *flags, WSAOVERLAPPED *ov,
                   PVOID routine)
{
    return recv_request(s, bufs, count, received, flags, NULL, NULL, NULL, ov, routine);
}

int WINAPI WSARecvFrom(SOCKET s, WSABUF *bufs, DWORD count, DWORD *received, DWORD *flags, void *from,
                       int *fromlen, WSAOVERLAPPED *ov, PVOID routine)
{
    return recv_request(s, bufs, count, received, flags, from, fromlen, NULL, ov, routine);
}

/* What WSASendMsg and WSARecvMsg check of the WSAMSG and the socket: a name or control buffer NULL with a
 * length (WSAEFAULT); the pages say both "can only be used with datagrams and raw sockets". For a stream
 * socket WSASendMsg answers WSAEINVAL (Wine's conformance test, run on Windows), and WSARecvMsg WSAEOPNOTSUPP
 * when dwFlags has MSG_PEEK (its page); without it, it receives as WSARecv does. */
static int check_msg(SOCKET s, const WSAMSG *msg, bool send)
{
    int family, type;
    if (!WsSocketReady(s, &family, &type))
        return SOCKET_ERROR;
    if (!msg || (!msg->name && msg->namelen) || (!msg->Control.buf && msg->Control.len))
        return WsFail(WSAEFAULT);
    if (type != 2 && send)
        return WsFail(WSAEINVAL);
    if (type != 2 && (msg->dwFlags & MSG_PEEK_WS))
        return WsFail(WSAEOPNOTSUPP);
    return 0;
}

/* WSARecvMsg (through SIO_GET_EXTENSION_FUNCTION_POINTER): WSARecvFrom with control messages. The WSAMSG's
 * namelen, Control.len and dwFlags (MSG_TRUNC, MSG_CTRUNC) are written as the receive ends. */
int WINAPI WSARecvMsg(SOCKET s, WSAMSG *msg, DWORD *received, WSAOVERLAPPED *ov, PVOID routine)
{
    if (check_msg(s, msg, false))
        return SOCKET_ERROR;
    struct io_msg_control control = {msg->Control.buf, msg->Control.len, &msg->Control.len, &msg->dwFlags};
    DWORD flags = msg->dwFlags;
    return recv_request(s, msg->lpBuffers, msg->dwBufferCount, received, &flags, msg->name,
                        msg->name ? &msg->namelen : NULL, msg->Control.buf ? &control : NULL, ov, routine);
}

/* WSASendMsg: WSASendTo with control messages (IP_PKTINFO, IPV6_PKTINFO: the source address). */
int WINAPI WSASendMsg(SOCKET s, WSAMSG *msg, DWORD flags, DWORD *sent, WSAOVERLAPPED *ov, PVOID routine)
{
    if (check_msg(s, msg, true))
        return SOCKET_ERROR;
    struct io_msg_control control = {msg->Control.buf, msg->Control.len, NULL, NULL};
    return send_request(s, msg->lpBuffers, msg->dwBufferCount, sent, flags, msg->name, msg->namelen,
                        msg->Control.len ? &control : NULL, ov, routine);
}

BOOL WINAPI WSAGetOverlappedResult(SOCKET s, WSAOVERLAPPED *ov, DWORD *transferred, BOOL wait, DWORD *flags)
{
    if (!WsSocketReady(s, NULL, NULL))
        return FALSE;
    NTSTATUS status;
    if (!ov || !transferred) {
        WsFail(WSAEFAULT);
        return FALSE;
    }
    if ((NTSTATUS)ov->Internal == STATUS_PENDING) {
        if (!wait) {
            WsFail(WSA_IO_INCOMPLETE);
            return FALSE;
        }
        IoWaitForSocketIo((PIO_STATUS_BLOCK)ov, -1);
    }
    *transferred = (DWORD)ov->InternalHigh;
    if (flags)
        *flags = ov->Offset;
    status = (NTSTATUS)ov->Internal;
    if (status != STATUS_SUCCESS) {
        WsFail(WsError(status));
        return FALSE;
    }
    return TRUE;
}

/* ---- WSAEventSelect ---------------------------------------------------------------------------------------- */

#define FD_ALL_EVENTS_WS 0x3FF

HANDLE WINAPI CreateEventW(PVOID sa, BOOL manual, BOOL initial, const WCHAR *name);
DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL all, DWORD ms, BOOL alertable);
BOOL WINAPI SetEvent(HANDLE event);
BOOL WINAPI ResetEvent(HANDLE event);

int WINAPI WSAEventSelect(SOCKET s, HANDLE event, LONG mask)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    /* Bits beyond FD_ALL_EVENTS are ignored, as Wine does. */
    mask &= FD_ALL_EVENTS_WS;
    NTSTATUS status = IoSocketEventSelect((HANDLE)s, mask ? event : NULL, (ULONG)mask);
    if (status == STATUS_OBJECT_TYPE_MISMATCH)
        return WsFail(WSAEINVAL);   /* the event handle is no event; ws_error would say WSAENOTSOCK */
    return ws_result(status);
}

typedef struct {
    LONG lNetworkEvents;
    int iErrorCode[IO_FD_MAX_EVENTS];
} WSANETWORKEVENTS;

int WINAPI WSAEnumNetworkEvents(SOCKET s, HANDLE event, WSANETWORKEVENTS *events)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!events)
        return WsFail(WSAEFAULT);
    ULONG got;
    NTSTATUS errors[IO_FD_MAX_EVENTS];
    NTSTATUS status = IoSocketEnumEvents((HANDLE)s, &got, errors);
    if (status != STATUS_SUCCESS)
        return ws_result(status);
    events->lNetworkEvents = (LONG)got;
    for (int i = 0; i < IO_FD_MAX_EVENTS; i++)
        events->iErrorCode[i] = WsError(errors[i]);
    /* "The event object ... is reset" when one is given (WSAEnumNetworkEvents' page). */
    if (event && !ResetEvent(event))
        return WsFail(WSAEINVAL);
    return 0;
}

/* The WSA event functions are the kernel32 ones: a manual-reset event, unsignaled. */
HANDLE WINAPI WSACreateEvent(void)
{
    return CreateEventW(NULL, TRUE, FALSE, NULL);
}

BOOL WINAPI WSACloseEvent(HANDLE event)
{
    return CloseHandle(event);
}

BOOL WINAPI WSASetEvent(HANDLE event)
{
    return SetEvent(event);
}

BOOL WINAPI WSAResetEvent(HANDLE event)
{
    return ResetEvent(event);
}

DWORD WINAPI WSAWaitForMultipleEvents(DWORD count, const HANDLE *events, BOOL all, DWORD ms, BOOL alertable)
{
    return WaitForMultipleObjectsEx(count, events, all, ms, alertable);
}

/* ---- addresses as text ------------------------------------------------------------------------------------- */

static int parse_ipv4(const char *s, unsigned char out[4])
{
    for (int i = 0; i < 4; i++) {
        if (*s < '0' || *s > '9')
            return 0;
        unsigned v = 0, digits = 0;
        while (*s >= '0' && *s <= '9') {
            v = v * 10 + (unsigned)(*s++ - '0');
            if (++digits > 3 || v > 255)
                return 0;
        }
        if (digits > 1 && s[-(int)digits] == '0')
            return 0;   /* inet_pton refuses leading zeros */
        out[i] = (unsigned char)v;
        if (i < 3 && *s++ != '.')
            return 0;
    }
    return *s == 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int parse_ipv6(const char *s, unsigned char out[16])
{
    USHORT words[8];
    int n = 0, gap = -1;
    if (s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
        if (!*s)
            goto done;
    } else if (*s == ':') {
        return 0;
    }
    for (;;) {
        const char *start = s;
        unsigned v = 0;
        int digits = 0;
        while (hexval(*s) >= 0 && digits < 5) {
            v = v << 4 | (unsigned)hexval(*s++);
            digits++;
        }
        if (*s == '.' && n <= 6) {   /* an IPv4 tail */
            unsigned char v4[4];
            if (!parse_ipv4(start, v4))
                return 0;
            words[n++] = (USHORT)(v4[0] << 8 | v4[1]);
            words[n++] = (USHORT)(v4[2] << 8 | v4[3]);
            break;
        }
        if (!digits || digits > 4 || n == 8)
            return 0;
        words[n++] = (USHORT)v;
        if (!*s)
            break;
        if (*s++ != ':')
            return 0;
        if (*s == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            s++;
            if (!*s)
                break;
        }
    }
done:
    if (gap < 0 ? n != 8 : n > 7)
        return 0;
    memset(out, 0, 16);
    int tail = gap < 0 ? 0 : n - gap;
    for (int i = 0; i < n; i++) {
        int at = gap >= 0 && i >= gap ? 8 - tail + (i - gap) : i;
        out[2 * at] = (unsigned char)(words[i] >> 8);
        out[2 * at + 1] = (unsigned char)words[i];
    }
    return 1;
}

static void format_ipv4(const unsigned char *a, char *out)
{
    int n = 0;
    for (int i = 0; i < 4; i++) {
        unsigned v = a[i];
        if (v >= 100)
            out[n++] = (char)('0' + v / 100);
        if (v >= 10)
            out[n++] = (char)('0' + v / 10 % 10);
        out[n++] = (char)('0' + v % 10);
        out[n++] = i < 3 ? '.' : 0;
    }
}

/* RFC 5952's form, as Windows writes it: lowercase, the longest run of two or more zero words as "::",
 * and the IPv4 tail of a mapped (::ffff:a.b.c.d) or compatible address in dotted form. */
static void format_ipv6(const unsigned char *a, char *out)
{
    USHORT w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (USHORT)(a[2 * i] << 8 | a[2 * i + 1]);
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && !w[j])
            j++;
        if (j - i > best_len && j - i >= 2) {
            best = i;
            best_len = j - i;
        }
        i = j == i ? i + 1 : j;
    }
    bool v4 = best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xFFFF));
    char *p = out;
    int words = v4 ? 6 : 8;
    for (int i = 0; i < words; i++) {
        if (i == best) {
            *p++ = ':';
            if (i == 0)
                *p++ = ':';
            i += best_len - 1;
            continue;
        }
        static const char hex[] = "0123456789abcdef";
        bool started_digits = false;
        for (int sh = 12; sh >= 0; sh -= 4) {
            int d = w[i] >> sh & 15;
            if (d || started_digits || sh == 0) {
                *p++ = hex[d];
                started_digits = true;
            }
        }
        if (i < 7)
            *p++ = ':';
    }
    if (v4)
        format_ipv4(a + 12, p);
    else
        *p = 0;
}

int WINAPI ws_inet_pton(int family, const char *src, void *dst)
{
    if (!src || !dst)
        return WsFail(WSAEFAULT);
    unsigned char v4[4];
    if (family == AF_INET_WS) {
        if (!parse_ipv4(src, v4))
            return 0;   /* dst untouched */
        memcpy(dst, v4, 4);
        return 1;
    }
    if (family == AF_INET6_WS)
        return parse_ipv6(src, dst);
    return WsFail(WSAEAFNOSUPPORT);
}

const char *WINAPI ws_inet_ntop(int family, const void *src, char *dst, SIZE_T size)
{
    char text[64];
    /* inet_ntop's page: ERROR_INVALID_PARAMETER (87) for a NULL pointer or a buffer too small. */
    if (!src || !dst) {
        SetLastError(87);
        return NULL;
    }
    if (family == AF_INET_WS)
        format_ipv4(src, text);
    else if (family == AF_INET6_WS)
        format_ipv6(src, text);
    else {
        SetLastError(WSAEAFNOSUPPORT);
        return NULL;
    }
    if (strlen(text) >= size) {
        SetLastError(87);
        return NULL;
    }
    strcpy(dst, text);
    return dst;
}

/* The W forms: the text is ASCII, so it is narrowed and widened character by character; a character
 * beyond ASCII makes no address. */
int WINAPI InetPtonW(int family, const WCHAR *src, void *dst)
{
    if (!src || !dst)
        return WsFail(WSAEFAULT);
    char text[64];
    size_t i = 0;
    for (; src[i] && i + 1 < sizeof text && src[i] < 0x80; i++)
        text[i] = (char)src[i];
    text[i] = 0;
    if (src[i]) {   /* too long or not ASCII: no address of any family */
        if (family != AF_INET_WS && family != AF_INET6_WS)
            return WsFail(WSAEAFNOSUPPORT);
        return 0;
    }
    return ws_inet_pton(family, text, dst);
}

const WCHAR *WINAPI InetNtopW(int family, const void *src, WCHAR *dst, SIZE_T size)
{
    char text[64];
    if (!ws_inet_ntop(family, src, text, dst ? (size < sizeof text ? size : sizeof text) : 0))
        return NULL;
    for (size_t i = 0; i == 0 || text[i - 1]; i++)
        dst[i] = (unsigned char)text[i];
    return dst;
}

/* The BSD forms: up to four parts, each decimal, octal (0...) or hex (0x...); the last fills the bytes left. */
ULONG WINAPI ws_inet_addr(const char *s)
{
    ULONG parts[4];
    int n = 0;
    if (!s)
        return 0xFFFFFFFF;
    for (;;) {
        if (n == 4 || *s < '0' || *s > '9')
            return 0xFFFFFFFF;
        ULONG v = 0, base = 10;
        if (*s == '0') {
            base = 8;
            s++;
            if (*s == 'x' || *s == 'X') {
                base = 16;
                s++;
            }
        }
        for (int d; *s && (d = hexval(*s)) >= 0 && (ULONG)d < base; s++) {
            if (v > 0xFFFFFFFF / base)
                return 0xFFFFFFFF;
            v = v * base + (ULONG)d;
        }
        parts[n++] = v;
        if (*s != '.')
            break;
        s++;
    }
    if (*s && *s != ' ')
        return 0xFFFFFFFF;
    static const ULONG max_last[] = { 0xFFFFFFFF, 0xFFFFFF, 0xFFFF, 0xFF };
    if (parts[n - 1] > max_last[n - 1])
        return 0xFFFFFFFF;
    ULONG v = parts[n - 1];
    for (int i = 0; i < n - 1; i++) {
        if (parts[i] > 255)
            return 0xFFFFFFFF;
        v |= parts[i] << (24 - 8 * i);
    }
    return ws_htonl(v);
}

char *WINAPI ws_inet_ntoa(ULONG addr)
{
    static _Thread_local char text[16];
    format_ipv4((const unsigned char *)&addr, text);
    return text;
}

int WINAPI ws_gethostname(char *name, int len);

/* gethostname's answer widened; the room is counted in WCHARs. */
int WINAPI GetHostNameW(WCHAR *name, int len)
{
    char text[256];
    if (ws_gethostname(text, sizeof text))
        return SOCKET_ERROR;
    int n = (int)strlen(text);
    if (!name || len <= n)
        return WsFail(WSAEFAULT);
    for (int i = 0; i <= n; i++)
        name[i] = (unsigned char)text[i];
    return 0;
}

/* ---- names ------------------------------------------------------------------------------------------------- */

BOOL WINAPI GetComputerNameExA(ULONG format, LPSTR name, LPDWORD size);

int WINAPI ws_gethostname(char *name, int len)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    char buf[256];
    DWORD n = sizeof buf;
    if (!GetComputerNameExA(1 /* ComputerNameDnsHostname */, buf, &n))
        return WsFail(WSAEFAULT);
    if (!name || len <= (int)n)
        return WsFail(WSAEFAULT);
    memcpy(name, buf, n + 1);
    return 0;
}

typedef struct ws_addrinfo {
    int ai_flags, ai_family, ai_socktype, ai_protocol;
    SIZE_T ai_addrlen;
    char *ai_canonname;
    void *ai_addr;
    struct ws_addrinfo *ai_next;
} ADDRINFOA;
static_assert(sizeof(ADDRINFOA) == 48, "ADDRINFOA");

#define AI_PASSIVE     0x01
#define AI_CANONNAME   0x02
#define AI_NUMERICHOST 0x04
#define AI_NUMERICSERV 0x08

static int parse_service(const char *serv, int flags, USHORT *port)
{
    *port = 0;
    if (!serv)
        return 0;
    if (*serv >= '0' && *serv <= '9') {
        unsigned long v = 0;
        for (const char *p = serv; *p; p++) {
            if (*p < '0' || *p > '9' || (v = v * 10 + (unsigned long)(*p - '0')) > 65535)
                return WSATYPE_NOT_FOUND;
        }
        *port = (USHORT)v;
        return 0;
    }
    if (flags & AI_NUMERICSERV)
        return WSAHOST_NOT_FOUND;
    const struct ws_service *known = WsServiceByName(serv, NULL);   /* Windows' services file */
    if (!known)
        return WSATYPE_NOT_FOUND;
    *port = known->port;
    return 0;
}

static bool name_is(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20))
            return false;
    return !*a && !*b;
}

static ADDRINFOA *new_entry(int family, const void *bytes, USHORT port, const ADDRINFOA *hints, const char *canon)
{
    ADDRINFOA *ai = calloc(1, sizeof *ai + 28);
    if (!ai)
        return NULL;
    unsigned char *sa = (unsigned char *)(ai + 1);
    ai->ai_family = family;
    ai->ai_socktype = hints ? hints->ai_socktype : 0;
    ai->ai_protocol = hints ? hints->ai_protocol : 0;
    ai->ai_addr = sa;
    ai->ai_addrlen = family == AF_INET6_WS ? 28 : 16;
    *(USHORT *)sa = (USHORT)family;
    *(USHORT *)(sa + 2) = ws_htons(port);
    memcpy(sa + (family == AF_INET6_WS ? 8 : 4), bytes, family == AF_INET6_WS ? 16 : 4);
    if (canon) {
        size_t n = strlen(canon) + 1;
        if (!(ai->ai_canonname = malloc(n))) {
            free(ai);
            return NULL;
        }
        memcpy(ai->ai_canonname, canon, n);
    }
    return ai;
}

void WINAPI ws_freeaddrinfo(ADDRINFOA *ai)
{
    while (ai) {
        ADDRINFOA *next = ai->ai_next;
        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}

#define WSATRY_AGAIN   11002
#define WSANO_RECOVERY 11003
#define WSANO_DATA     11004

/* The WSA code of a failed lookup (host/resolver.h's outcomes), as Windows' name providers answer. */
static int lookup_error(NTSTATUS status)
{
    switch (status) {
    case STATUS_NOT_FOUND:       return WSAHOST_NOT_FOUND;
    case STATUS_NO_MORE_ENTRIES: return WSANO_DATA;
    case STATUS_IO_TIMEOUT:
    case STATUS_RETRY:           return WSATRY_AGAIN;
    case STATUS_NO_MEMORY:       return 8;   /* WSA_NOT_ENOUGH_MEMORY */
    default:                     return WSANO_RECOVERY;
    }
}

/* The addresses node names (of the families asked for) into out, canonical name into canon: numeric
 * addresses as they are, "localhost" as Windows answers it itself (::1 then 127.0.0.1), any other name as
 * the host resolves it (host/resolver.c: the hosts file, then DNS). 0 or the WSA code. */
static int resolve_node(const char *node, int flags, bool want4, bool want6, struct host_name_addr *out,
                        uint32_t *count, char canon[256])
{
    *count = 0;
    canon[0] = 0;
    struct host_name_addr a = { 0 };
    if (parse_ipv4(node, a.addr)) {
        a.family = 4;
        if (want4)
            out[(*count)++] = a;
        return want4 ? 0 : WSAHOST_NOT_FOUND;
    }
    if (parse_ipv6(node, a.addr)) {
        a.family = 6;
        if (want6)
            out[(*count)++] = a;
        return want6 ? 0 : WSAHOST_NOT_FOUND;
    }
    if (flags & AI_NUMERICHOST)
        return WSAHOST_NOT_FOUND;
    if (name_is(node, "localhost")) {
        strcpy(canon, "localhost");
        if (want6)
            out[(*count)++] = (struct host_name_addr){ .family = 6, .addr[15] = 1 };
        if (want4)
            out[(*count)++] = (struct host_name_addr){ .family = 4, .addr = { 127, 0, 0, 1 } };
        return 0;
    }
    NTSTATUS status = host_resolve_name(node, want4, want6, out, HOST_NAME_MAX_ADDRS, count, canon, 256);
    if (status)
        return lookup_error(status);
    if (!canon[0])
        snprintf(canon, 256, "%s", node);
    return 0;
}

/* No name at all is AI_PASSIVE's any address, else loopback, IPv6 first. */
int WINAPI ws_getaddrinfo(const char *node, const char *serv, const ADDRINFOA *hints, ADDRINFOA **res)
{
    if (res)
        *res = NULL;
    if (!WsStarted())
        return WSANOTINITIALISED;
    int flags = hints ? hints->ai_flags : 0;
    int family = hints ? hints->ai_family : AF_UNSPEC_WS;
    int e = 0;
    if (!node && !serv)
        e = WSAHOST_NOT_FOUND;
    else if (!res)
        e = WSAEINVAL;
    else if (family != AF_UNSPEC_WS && family != AF_INET_WS && family != AF_INET6_WS)
        e = WSAEAFNOSUPPORT;
    else if (hints && hints->ai_socktype != 0 && hints->ai_socktype != SOCK_STREAM_WS &&
             hints->ai_socktype != SOCK_DGRAM_WS && hints->ai_socktype != 3)
        e = WSAESOCKTNOSUPPORT;
    USHORT port = 0;
    if (!e)
        e = parse_service(serv, flags, &port);
    if (e) {
        SetLastError((DWORD)e);
        return e;
    }
    bool want4 = family != AF_INET6_WS, want6 = family != AF_INET_WS;
    struct host_name_addr addrs[HOST_NAME_MAX_ADDRS];
    uint32_t n = 0;
    char canon[256] = "";
    if (!node) {
        bool loopback = !(flags & AI_PASSIVE);
        if (want6)
            addrs[n++] = (struct host_name_addr){ .family = 6, .addr[15] = loopback };
        if (want4)
            addrs[n++] = (struct host_name_addr){ .family = 4, .addr = { loopback ? 127 : 0, 0, 0, loopback } };
    } else {
        e = resolve_node(node, flags, want4, want6, addrs, &n, canon);
    }
    if (e) {
        SetLastError((DWORD)e);
        return e;
    }
    ADDRINFOA *first = NULL, **link = &first;
    const char *name = flags & AI_CANONNAME && canon[0] ? canon : NULL;
    for (uint32_t i = 0; i < n; i++, name = NULL) {
        if (!(*link = new_entry(addrs[i].family == 6 ? AF_INET6_WS : AF_INET_WS, addrs[i].addr, port, hints,
                                name))) {
            ws_freeaddrinfo(first);
            SetLastError(WSAENOBUFS);
            return WSAENOBUFS;
        }
        link = &(*link)->ai_next;
    }
    *res = first;
    return 0;
}

typedef struct ws_addrinfow {
    int ai_flags, ai_family, ai_socktype, ai_protocol;
    SIZE_T ai_addrlen;
    WCHAR *ai_canonname;
    void *ai_addr;
    struct ws_addrinfow *ai_next;
} ADDRINFOW;

/* UTF-16 -> UTF-8 for the names above (ASCII in practice); NULL stays NULL. */
static bool narrow(const WCHAR *w, char *out, size_t size)
{
    if (!w) {
        out[0] = 0;
        return true;
    }
    size_t i = 0;
    for (; w[i]; i++) {
        if (i + 1 >= size || w[i] > 0x7F)
            return false;
        out[i] = (char)w[i];
    }
    out[i] = 0;
    return true;
}

/* ADDRINFOW and ADDRINFOEXW begin alike; they differ in what follows the address (ADDRINFOEXW's blob and
 * provider) and so in where ai_next sits. */
struct wide_addrinfo_head {
    int ai_flags, ai_family, ai_socktype, ai_protocol;
    SIZE_T ai_addrlen;
    WCHAR *ai_canonname;
    void *ai_addr;
};

static void free_wide_list(void *list, size_t next_at)
{
    while (list) {
        void *next = *(void **)((char *)list + next_at);
        free(((struct wide_addrinfo_head *)list)->ai_canonname);
        free(list);
        list = next;
    }
}

/* getaddrinfo's answers as a list of entries of size bytes (ADDRINFOW or ADDRINFOEXW), each with its
 * address after it and its canonical name widened. */
static int get_wide_list(const WCHAR *node, const WCHAR *serv, const ADDRINFOA *hints, size_t size, size_t next_at,
                         void **res)
{
    char n[256], s[64];
    if (res)
        *res = NULL;
    if (!narrow(node, n, sizeof n) || !narrow(serv, s, sizeof s)) {
        SetLastError(WSAHOST_NOT_FOUND);
        return WSAHOST_NOT_FOUND;
    }
    ADDRINFOA *a = NULL;
    int e = ws_getaddrinfo(node ? n : NULL, serv ? s : NULL, hints, res ? &a : NULL);
    if (e || !res)
        return e;
    void *first = NULL, **link = &first;
    for (const ADDRINFOA *i = a; i && !e; i = i->ai_next) {
        struct wide_addrinfo_head *w = calloc(1, size + i->ai_addrlen);
        if (!w) {
            e = WSAENOBUFS;
            break;
        }
        *link = w;
        link = (void **)((char *)w + next_at);
        memcpy(w, i, offsetof(struct wide_addrinfo_head, ai_canonname));   /* the flags to the address's length */
        w->ai_addr = (char *)w + size;
        memcpy(w->ai_addr, i->ai_addr, i->ai_addrlen);
        if (i->ai_canonname) {
            size_t len = strlen(i->ai_canonname);
            if (!(w->ai_canonname = calloc(len + 1, sizeof(WCHAR))))
                e = WSAENOBUFS;
            for (size_t k = 0; w->ai_canonname && k < len; k++)
                w->ai_canonname[k] = (unsigned char)i->ai_canonname[k];
        }
    }
    ws_freeaddrinfo(a);
    if (e) {
        free_wide_list(first, next_at);
        SetLastError((DWORD)e);
        return e;
    }
    *res = first;
    return 0;
}

void WINAPI FreeAddrInfoW(ADDRINFOW *ai)
{
    free_wide_list(ai, offsetof(ADDRINFOW, ai_next));
}

int WINAPI GetAddrInfoW(const WCHAR *node, const WCHAR *serv, const ADDRINFOW *hints, ADDRINFOW **res)
{
    /* ADDRINFOW's hints are ADDRINFOA's bytes (only the four ints are read). */
    return get_wide_list(node, serv, (const ADDRINFOA *)hints, sizeof(ADDRINFOW), offsetof(ADDRINFOW, ai_next),
                         (void **)res);
}

/* ---- GetAddrInfoExW: GetAddrInfoW's answers in ADDRINFOEXW form ------------------------------------------ */

typedef struct ws_addrinfoexw {
    int ai_flags, ai_family, ai_socktype, ai_protocol;
    SIZE_T ai_addrlen;
    WCHAR *ai_canonname;
    void *ai_addr;
    void *ai_blob;
    SIZE_T ai_bloblen;
    GUID *ai_provider;
    struct ws_addrinfoexw *ai_next;
} ADDRINFOEXW;
static_assert(sizeof(ADDRINFOEXW) == 72, "ADDRINFOEXW");

#define NS_ALL 0
#define NS_DNS 12

void WINAPI FreeAddrInfoExW(ADDRINFOEXW *ai)
{
    free_wide_list(ai, offsetof(ADDRINFOEXW, ai_next));
}

#define WSAEINPROGRESS  10036
#define WSA_E_CANCELLED 10111
#define WSA_INVALID_HANDLE 6

BOOL WINAPI TrySubmitThreadpoolCallback(PVOID callback, PVOID context, PVOID env);
PVOID WINAPI CreateThreadpoolTimer(PVOID callback, PVOID context, PVOID env);
void WINAPI TpSetTimer(PVOID timer, LARGE_INTEGER *due, LONG period, LONG window);
void WINAPI TpReleaseTimer(PVOID timer);
BOOL WINAPI SetEvent(HANDLE event);

typedef void(WINAPI *lookup_completion)(DWORD error, DWORD bytes, WSAOVERLAPPED *ov);

/*
 * An asynchronous GetAddrInfoExW (Windows 8 and later): the lookup runs on the thread pool. It ends once,
 * with its answer, or earlier when it is cancelled (GetAddrInfoExCancel: WSA_E_CANCELLED, delivered at
 * once) or its timeout passes (a thread pool timer: WSAETIMEDOUT); the resolver itself cannot be
 * stopped, so a lookup that ended early still runs to its end and its answer is thrown away, as
 * Microsoft documents for providers that cannot cancel. The end is written as the error code in the
 * OVERLAPPED's Internal (GetAddrInfoExOverlappedResult reads it), then the completion routine runs or the
 * OVERLAPPED's event is set. The request is the handle GetAddrInfoExCancel takes; it is in the list of
 * pending lookups until it ends, and freed when the resolver and the timer are both done with it.
 */
struct lookup_request {
    struct lookup_request *next;
    WCHAR *node, *serv;          /* copies; NULL as given */
    ADDRINFOA hints;
    bool has_hints;
    ADDRINFOEXW **res;
    WSAOVERLAPPED *ov;
    lookup_completion routine;
    PVOID timer;                 /* the timeout's, or NULL */
    int refs;                    /* the resolver's work, the timer's */
};

static host_lock lookups_lock = HOST_LOCK_INIT;
static struct lookup_request *pending_lookups;

static WCHAR *copy_wide(const WCHAR *w)
{
    if (!w)
        return NULL;
    size_t n = 0;
    while (w[n])
        n++;
    WCHAR *c = malloc((n + 1) * sizeof *c);
    if (c)
        memcpy(c, w, (n + 1) * sizeof *c);
    return c;
}

static void release_lookup(struct lookup_request *r)
{
    host_lock_acquire(&lookups_lock);
    bool last = --r->refs == 0;
    host_lock_release(&lookups_lock);
    if (!last)
        return;
    if (r->timer)
        TpReleaseTimer(r->timer);
    free(r->node);
    free(r->serv);
    free(r);
}


struct lookup_end {
    ADDRINFOEXW **res;
    WSAOVERLAPPED *ov;
    lookup_completion routine;
};

/* Ends r: takes it off the pending list, unless it has ended already (it is not there: then false); *end
 * what delivering the end needs (lookups_lock held). */
static bool end_lookup_locked(struct lookup_request *r, struct lookup_end *end)
{
    struct lookup_request **link = &pending_lookups;
    while (*link && *link != r)
        link = &(*link)->next;
    if (!*link)
        return false;
    *link = r->next;
    *end = (struct lookup_end){r->res, r->ov, r->routine};
    return true;
}

static void deliver_lookup(const struct lookup_end *end, int e, ADDRINFOEXW *list)
{
    *end->res = list;
    end->ov->InternalHigh = 0;
    __atomic_store_n(&end->ov->Internal, (ULONG_PTR)e, __ATOMIC_RELEASE);
    if (end->routine)
        end->routine((DWORD)e, 0, end->ov);
    else if (end->ov->hEvent)
        SetEvent(end->ov->hEvent);
}

/* Ends r with e and list, unless it has ended already: then list is thrown away. */
static void finish_lookup(struct lookup_request *r, int e, ADDRINFOEXW *list)
{
    struct lookup_end end;
    host_lock_acquire(&lookups_lock);
    bool first = end_lookup_locked(r, &end);
    host_lock_release(&lookups_lock);
    if (first)
        deliver_lookup(&end, e, list);
    else
        free_wide_list(list, offsetof(ADDRINFOEXW, ai_next));
}

static void WINAPI run_lookup(void *instance, void *context)
{
    (void)instance;
    struct lookup_request *r = context;
    void *list = NULL;
    int e = get_wide_list(r->node, r->serv, r->has_hints ? &r->hints : NULL, sizeof(ADDRINFOEXW),
                          offsetof(ADDRINFOEXW, ai_next), &list);
    finish_lookup(r, e, list);   /* cancelled or timed out already: the answer is thrown away */
    release_lookup(r);
}

static void WINAPI lookup_timed_out(void *instance, void *context, void *timer)
{
    (void)instance;
    (void)timer;
    struct lookup_request *r = context;
    finish_lookup(r, WSAETIMEDOUT, NULL);
    release_lookup(r);
}

static int start_lookup(const WCHAR *node, const WCHAR *serv, const ADDRINFOA *hints, ADDRINFOEXW **res,
                        WSAOVERLAPPED *ov, lookup_completion routine, const ws_timeval *timeout, HANDLE *handle)
{
    struct lookup_request *r = calloc(1, sizeof *r);
    if (!r || (node && !(r->node = copy_wide(node))) || (serv && !(r->serv = copy_wide(serv))) ||
        (timeout && !(r->timer = CreateThreadpoolTimer((PVOID)lookup_timed_out, r, NULL)))) {
        if (r) {
            r->refs = 1;
            release_lookup(r);
        }
        SetLastError(WSAENOBUFS);
        return WSAENOBUFS;
    }
    if (hints) {
        r->hints = *hints;
        r->has_hints = true;
    }
    r->res = res;
    r->ov = ov;
    r->routine = routine;
    r->refs = timeout ? 2 : 1;
    ov->Internal = WSAEINPROGRESS;
    host_lock_acquire(&lookups_lock);
    r->next = pending_lookups;
    pending_lookups = r;
    if (handle)
        *handle = r;
    host_lock_release(&lookups_lock);
    if (timeout) {
        LARGE_INTEGER due = {.QuadPart = -((LONGLONG)timeout->tv_sec * 10000000 + (LONGLONG)timeout->tv_usec * 10)};
        TpSetTimer(r->timer, &due, 0, 0);
    }
    if (!TrySubmitThreadpoolCallback(run_lookup, r, NULL)) {
        struct lookup_end end;
        host_lock_acquire(&lookups_lock);
        bool first = end_lookup_locked(r, &end);   /* unless the timer ended it: the call fails instead */
        host_lock_release(&lookups_lock);
        if (handle)
            *handle = NULL;
        release_lookup(r);
        if (first) {
            SetLastError(WSAENOBUFS);
            return WSAENOBUFS;
        }
    }
    SetLastError(WSA_IO_PENDING);
    return WSA_IO_PENDING;
}

/* Synchronous, or with an OVERLAPPED asynchronous (above), where a timeout is kept (Windows 8 and later);
 * a synchronous lookup has the resolver's own timeouts (resolv.conf's). */
int WINAPI GetAddrInfoExW(const WCHAR *node, const WCHAR *serv, DWORD name_space, GUID *provider,
                          const ADDRINFOEXW *hints, ADDRINFOEXW **res, void *timeout, void *overlapped,
                          void *routine, HANDLE *handle)
{
    if (res)
        *res = NULL;
    if (handle)
        *handle = NULL;
    const ws_timeval *t = timeout;
    if (provider || (name_space != NS_ALL && name_space != NS_DNS) || (routine && !overlapped) ||
        (overlapped && !res) || (overlapped && t && (t->tv_sec < 0 || t->tv_usec < 0))) {
        SetLastError(WSAEINVAL);
        return WSAEINVAL;
    }
    ADDRINFOA h = {0};
    if (hints) {
        h.ai_flags = hints->ai_flags;
        h.ai_family = hints->ai_family;
        h.ai_socktype = hints->ai_socktype;
        h.ai_protocol = hints->ai_protocol;
    }
    if (overlapped) {
        if (!WsStarted())
            return WSANOTINITIALISED;
        return start_lookup(node, serv, hints ? &h : NULL, res, overlapped, (lookup_completion)routine, t, handle);
    }
    return get_wide_list(node, serv, hints ? &h : NULL, sizeof(ADDRINFOEXW), offsetof(ADDRINFOEXW, ai_next),
                         (void **)res);
}

/* The end of an asynchronous GetAddrInfoExW: its error code, WSAEINPROGRESS while it goes on. */
int WINAPI GetAddrInfoExOverlappedResult(WSAOVERLAPPED *ov)
{
    if (!ov)
        return WSAEINVAL;
    return (int)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
}

/* Ends a pending lookup at once with WSA_E_CANCELLED and no answer (its completion runs on this thread);
 * the resolver's work goes on and is thrown away. A handle of no pending lookup is WSA_INVALID_HANDLE. */
int WINAPI GetAddrInfoExCancel(HANDLE *handle)
{
    if (!handle)
        return WSA_INVALID_HANDLE;
    struct lookup_end end;
    host_lock_acquire(&lookups_lock);
    bool found = end_lookup_locked((struct lookup_request *)*handle, &end);   /* read only once found */
    host_lock_release(&lookups_lock);
    if (!found)
        return WSA_INVALID_HANDLE;
    deliver_lookup(&end, WSA_E_CANCELLED, NULL);
    return 0;
}

/* ---- WSAStringToAddress and WSAAddressToString: an address with its port ---------------------------------- */

/* "a.b.c.d[:port]" or "ipv6", "[ipv6][:port]" (and "%scope"), into a SOCKADDR_IN or SOCKADDR_IN6. */
static int string_to_address(const char *text, int family, unsigned char *out, int *len)
{
    char host[64];
    unsigned long port = 0;
    const char *colon = NULL, *p = text;
    unsigned long scope = 0;
    if (family == AF_INET_WS) {
        colon = strchr(text, ':');
        size_t n = colon ? (size_t)(colon - text) : strlen(text);
        if (n >= sizeof host)
            return WSAEINVAL;
        memcpy(host, text, n);
        host[n] = 0;
    } else if (family == AF_INET6_WS) {
        if (*p == '[') {
            const char *end = strchr(p, ']');
            if (!end || (size_t)(end - p - 1) >= sizeof host)
                return WSAEINVAL;
            memcpy(host, p + 1, (size_t)(end - p - 1));
            host[end - p - 1] = 0;
            if (end[1] == ':')
                colon = end + 1;
            else if (end[1])
                return WSAEINVAL;
        } else {
            if (strlen(p) >= sizeof host)
                return WSAEINVAL;
            strcpy(host, p);
        }
        char *pct = strchr(host, '%');
        if (pct) {
            char *e;
            scope = strtoul(pct + 1, &e, 10);
            if (*e || e == pct + 1)
                return WSAEINVAL;
            *pct = 0;
        }
    } else {
        return WSAEINVAL;
    }
    if (colon) {   /* a port given must be 1 to 65535 */
        char *e;
        port = strtoul(colon + 1, &e, 10);
        if (*e || e == colon + 1 || !port || port > 0xFFFF)
            return WSAEINVAL;
    }
    int need = family == AF_INET6_WS ? 28 : 16;
    if (*len < need) {
        *len = need;
        return WSAEFAULT;
    }
    memset(out, 0, (size_t)need);
    *(USHORT *)out = (USHORT)family;
    *(USHORT *)(out + 2) = ws_htons((USHORT)port);
    if (family == AF_INET_WS) {
        /* Not strict, as inet_addr: "a.b.c" and "a.b" forms, octal and hex parts. */
        ULONG v = ws_inet_addr(host);
        if (v == 0xFFFFFFFFu && strcmp(host, "255.255.255.255"))
            return WSAEINVAL;
        memcpy(out + 4, &v, 4);
    } else if (!parse_ipv6(host, out + 8)) {
        return WSAEINVAL;
    }
    if (family == AF_INET6_WS)
        memcpy(out + 24, &scope, 4);
    *len = need;
    return 0;
}

int WINAPI WSAStringToAddressA(char *text, int family, void *info, void *addr, int *len)
{
    (void)info;
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!text || !addr || !len)
        return WsFail(WSAEFAULT);
    int e = string_to_address(text, family, addr, len);
    return e ? WsFail(e) : 0;
}

int WINAPI WSAStringToAddressW(WCHAR *text, int family, void *info, void *addr, int *len)
{
    char narrowed[128];
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!text || !addr || !len)
        return WsFail(WSAEFAULT);
    if (!narrow(text, narrowed, sizeof narrowed))
        return WsFail(WSAEINVAL);
    return WSAStringToAddressA(narrowed, family, info, addr, len);
}

/* "a.b.c.d[:port]" / "[ipv6][%scope]:port" or "ipv6": the port only when it is not 0, as Windows writes it.
 * false for an address of no family it knows. */
static bool address_to_string(const unsigned char *addr, DWORD len, char text[96])
{
    char host[64];
    USHORT family = *(const USHORT *)addr, port = ws_htons(*(const USHORT *)(addr + 2));
    if (family == AF_INET_WS && len >= 16) {
        format_ipv4(addr + 4, host);
        snprintf(text, 96, port ? "%s:%u" : "%s", host, port);
    } else if (family == AF_INET6_WS && len >= 28) {
        format_ipv6(addr + 8, host);
        ULONG scope;
        memcpy(&scope, addr + 24, 4);
        char sc[16] = "";
        if (scope)
            snprintf(sc, sizeof sc, "%%%lu", (unsigned long)scope);
        if (port)
            snprintf(text, 96, "[%s%s]:%u", host, sc, port);
        else
            snprintf(text, 96, "%s%s", host, sc);
    } else {
        return false;
    }
    return true;
}

/* The text of addr and its size with the terminator (*size: the room, in characters): 0, or the WSAE* code. */
static int address_text(void *addr, DWORD len, const void *out, DWORD *size, char text[96])
{
    if (!addr || !out || !size)
        return WSAEFAULT;
    if (!address_to_string(addr, len, text))
        return WSAEINVAL;
    DWORD need = (DWORD)strlen(text) + 1, room = *size;
    *size = need;
    return room < need ? WSAEFAULT : 0;
}

/* WSAAddressToStringA and W: the text into out, as bytes or as UTF-16 units. */
static int address_to_string_call(void *addr, DWORD len, void *out, DWORD *size, bool wide)
{
    char text[96];
    if (!WsStarted())
        return SOCKET_ERROR;
    int e = address_text(addr, len, out, size, text);
    if (e)
        return WsFail(e);
    for (DWORD i = 0; i < *size; i++) {
        if (wide)
            ((WCHAR *)out)[i] = (unsigned char)text[i];
        else
            ((char *)out)[i] = text[i];
    }
    return 0;
}

int WINAPI WSAAddressToStringA(void *addr, DWORD len, void *info, char *out, DWORD *size)
{
    (void)info;
    return address_to_string_call(addr, len, out, size, false);
}

int WINAPI WSAAddressToStringW(void *addr, DWORD len, void *info, WCHAR *out, DWORD *size)
{
    (void)info;
    return address_to_string_call(addr, len, out, size, true);
}

#define NI_NOFQDN      0x01
#define NI_NUMERICHOST 0x02
#define NI_NAMEREQD    0x04
#define NI_NUMERICSERV 0x08
#define NI_DGRAM       0x10
#define NI_MAXHOST_WS  1025

/* NI_NOFQDN: a host of this machine's DNS domain keeps its first label only, as Windows gives a local host. */
static void strip_local_domain(char *name)
{
    char domain[256];
    DWORD n = sizeof domain;
    char *dot = strchr(name, '.');
    if (dot && GetComputerNameExA(2 /* ComputerNameDnsDomain */, domain, &n) && n && name_is(dot + 1, domain))
        *dot = 0;
}

/* The host's name for an address (host/resolver.c: the hosts file, then a PTR query) unless NI_NUMERICHOST;
 * an address without a name is given as text, or fails with NI_NAMEREQD. */
int WINAPI ws_getnameinfo(const void *sa, int salen, char *host, DWORD hostlen, char *serv, DWORD servlen, int flags)
{
    if (!WsStarted())
        return WSANOTINITIALISED;
    int e = 0;
    const unsigned char *a = sa;
    if (!sa || salen < 16)
        e = WSAEFAULT;
    else if (*(const USHORT *)a != AF_INET_WS && *(const USHORT *)a != AF_INET6_WS)
        e = WSAEAFNOSUPPORT;
    else if (*(const USHORT *)a == AF_INET6_WS && salen < 28)
        e = WSAEFAULT;
    else if (!host && !serv)
        e = WSAHOST_NOT_FOUND;
    char text[NI_MAXHOST_WS];
    if (!e && host) {
        bool v4 = *(const USHORT *)a == AF_INET_WS;
        struct host_name_addr addr = { .family = v4 ? 4 : 6 };
        memcpy(addr.addr, a + (v4 ? 4 : 8), v4 ? 4 : 16);
        NTSTATUS status = flags & NI_NUMERICHOST ? STATUS_NOT_FOUND : host_resolve_address(&addr, text, sizeof text);
        if (status == STATUS_SUCCESS && (flags & NI_NOFQDN))
            strip_local_domain(text);
        if (status == STATUS_SUCCESS)
            ;
        else if (flags & NI_NAMEREQD)
            e = status == STATUS_NO_MORE_ENTRIES ? WSAHOST_NOT_FOUND : lookup_error(status);
        else if (v4)
            format_ipv4(a + 4, text);
        else
            format_ipv6(a + 8, text);
        if (e)
            ;
        else if (strlen(text) >= hostlen)
            e = WSAEFAULT;
        else
            strcpy(host, text);
    }
    if (!e && serv) {
        USHORT port = ws_htons(*(const USHORT *)(a + 2));
        const char *name = NULL;
        const struct ws_service *known = flags & NI_NUMERICSERV ? NULL :
                                         WsServiceByPort(port, flags & NI_DGRAM ? "udp" : "tcp");
        if (known)
            name = known->name;
        char num[8];
        int k = 0;
        char rev[8];
        unsigned v = port;
        do
            rev[k++] = (char)('0' + v % 10);
        while (v /= 10);
        for (int j = 0; j < k; j++)
            num[j] = rev[k - 1 - j];
        num[k] = 0;
        if (!name)
            name = num;
        if (strlen(name) >= servlen)
            e = WSAEFAULT;
        else
            strcpy(serv, name);
    }
    if (e)
        SetLastError((DWORD)e);
    return e;
}

/* getnameinfo with the names in UTF-16 (the host and service names are ASCII: DNS's and the table's). */
int WINAPI GetNameInfoW(const void *sa, int salen, WCHAR *host, DWORD hostlen, WCHAR *serv, DWORD servlen, int flags)
{
    char h[NI_MAXHOST_WS], sv[32];
    int e = ws_getnameinfo(sa, salen, host ? h : NULL, host ? (hostlen < sizeof h ? hostlen : sizeof h) : 0,
                           serv ? sv : NULL, serv ? (servlen < sizeof sv ? servlen : sizeof sv) : 0, flags);
    for (size_t i = 0; !e && host && (i == 0 || h[i - 1]); i++)
        host[i] = (unsigned char)h[i];
    for (size_t i = 0; !e && serv && (i == 0 || sv[i - 1]); i++)
        serv[i] = (unsigned char)sv[i];
    return e;
}

/* HOSTENT as x64 Windows lays it out. */
typedef struct {
    char *h_name;
    char **h_aliases;
    short h_addrtype, h_length;
    char **h_addr_list;
} HOSTENT;
static_assert(sizeof(HOSTENT) == 32, "HOSTENT");

/* The HOSTENT gethostbyname and gethostbyaddr answer with: one per thread, as Windows keeps it, valid
 * until the thread's next call. */
static _Thread_local struct thread_hostent {
    HOSTENT entry;
    char name[NI_MAXHOST_WS];
    char *aliases[1];
    char *list[HOST_NAME_MAX_ADDRS + 1];
    unsigned char addrs[HOST_NAME_MAX_ADDRS][16];
} hostent_of_thread;

static HOSTENT *fill_hostent(const char *name, const struct host_name_addr *addrs, uint32_t n)
{
    struct thread_hostent *h = &hostent_of_thread;
    snprintf(h->name, sizeof h->name, "%s", name);
    h->aliases[0] = NULL;
    for (uint32_t i = 0; i < n; i++) {
        memcpy(h->addrs[i], addrs[i].addr, 16);
        h->list[i] = (char *)h->addrs[i];
    }
    h->list[n] = NULL;
    bool v6 = n && addrs[0].family == 6;
    h->entry = (HOSTENT){ .h_name = h->name, .h_aliases = h->aliases, .h_addrtype = v6 ? AF_INET6_WS : AF_INET_WS,
                          .h_length = v6 ? 16 : 4, .h_addr_list = h->list };
    return &h->entry;
}

/* IPv4 only, as documented; no name is this host's; a dotted address is its own answer. */
HOSTENT *WINAPI ws_gethostbyname(const char *name)
{
    if (!WsStarted())
        return NULL;
    char self[256];
    if (!name) {
        if (ws_gethostname(self, sizeof self))
            return NULL;
        name = self;
    }
    struct host_name_addr addrs[HOST_NAME_MAX_ADDRS];
    uint32_t n;
    char canon[256];
    int e = resolve_node(name, 0, true, false, addrs, &n, canon);
    if (e) {
        SetLastError((DWORD)e);
        return NULL;
    }
    return fill_hostent(canon[0] ? canon : name, addrs, n);
}

HOSTENT *WINAPI ws_gethostbyaddr(const char *addr, int len, int type)
{
    if (!WsStarted())
        return NULL;
    int e = 0;
    if (!addr)
        e = WSAEFAULT;
    else if (type != AF_INET_WS && type != AF_INET6_WS)
        e = WSAEAFNOSUPPORT;
    else if (len < (type == AF_INET_WS ? 4 : 16))
        e = WSAEFAULT;
    if (e) {
        SetLastError((DWORD)e);
        return NULL;
    }
    struct host_name_addr a = { .family = type == AF_INET_WS ? 4 : 6 };
    memcpy(a.addr, addr, a.family == 4 ? 4 : 16);
    char name[NI_MAXHOST_WS];
    NTSTATUS status = host_resolve_address(&a, name, sizeof name);
    if (status) {
        SetLastError((DWORD)(status == STATUS_NO_MORE_ENTRIES ? WSAHOST_NOT_FOUND : lookup_error(status)));
        return NULL;
    }
    return fill_hostent(name, &a, 1);
}

static const struct builtin_export ws2_32_exports[] = {
    BUILTIN_FUNCTION_ORD("WSACleanup", WSACleanup, 116),
    BUILTIN_FUNCTION("WSAEnumProtocolsA", WSAEnumProtocolsA),
    BUILTIN_FUNCTION("WSAEnumProtocolsW", WSAEnumProtocolsW),
    BUILTIN_FUNCTION_ORD("WSAGetLastError", WSAGetLastError, 111),
    BUILTIN_FUNCTION("WSAGetOverlappedResult", WSAGetOverlappedResult),
    BUILTIN_FUNCTION_ORD("WSASetLastError", WSASetLastError, 112),
    BUILTIN_FUNCTION_ORD("WSAStartup", WSAStartup, 115),
    BUILTIN_FUNCTION("FreeAddrInfoW", FreeAddrInfoW),
    BUILTIN_FUNCTION("GetAddrInfoW", GetAddrInfoW),
    BUILTIN_FUNCTION("WSAPoll", WSAPoll),
    BUILTIN_FUNCTION("WSARecv", WSARecv),
    BUILTIN_FUNCTION("WSASend", WSASend),
    BUILTIN_FUNCTION("WSASocketA", WSASocketA),
    BUILTIN_FUNCTION("WSASocketW", WSASocketW),
    BUILTIN_FUNCTION_ORD("__WSAFDIsSet", __WSAFDIsSet, 151),
    BUILTIN_FUNCTION_ORD("accept", ws_accept, 1),
    BUILTIN_FUNCTION_ORD("bind", ws_bind, 2),
    BUILTIN_FUNCTION_ORD("closesocket", ws_closesocket, 3),
    BUILTIN_FUNCTION_ORD("connect", ws_connect, 4),
    BUILTIN_FUNCTION("freeaddrinfo", ws_freeaddrinfo),
    BUILTIN_FUNCTION("getaddrinfo", ws_getaddrinfo),
    BUILTIN_FUNCTION_ORD("gethostname", ws_gethostname, 57),
    BUILTIN_FUNCTION("getnameinfo", ws_getnameinfo),
    BUILTIN_FUNCTION_ORD("getpeername", ws_getpeername, 5),
    BUILTIN_FUNCTION_ORD("getsockname", ws_getsockname, 6),
    BUILTIN_FUNCTION_ORD("getsockopt", ws_getsockopt, 7),
    BUILTIN_FUNCTION_ORD("htonl", ws_htonl, 8),
    BUILTIN_FUNCTION_ORD("htons", ws_htons, 9),
    BUILTIN_FUNCTION_ORD("inet_addr", ws_inet_addr, 11),
    BUILTIN_FUNCTION_ORD("inet_ntoa", ws_inet_ntoa, 12),
    BUILTIN_FUNCTION("inet_ntop", ws_inet_ntop),
    BUILTIN_FUNCTION("inet_pton", ws_inet_pton),
    BUILTIN_FUNCTION_ORD("ioctlsocket", ws_ioctlsocket, 10),
    BUILTIN_FUNCTION_ORD("listen", ws_listen, 13),
    BUILTIN_FUNCTION_ORD("ntohl", ws_htonl, 14),
    BUILTIN_FUNCTION_ORD("ntohs", ws_htons, 15),
    BUILTIN_FUNCTION_ORD("recv", ws_recv, 16),
    BUILTIN_FUNCTION_ORD("recvfrom", ws_recvfrom, 17),
    BUILTIN_FUNCTION_ORD("select", ws_select, 18),
    BUILTIN_FUNCTION_ORD("send", ws_send, 19),
    BUILTIN_FUNCTION_ORD("sendto", ws_sendto, 20),
    BUILTIN_FUNCTION_ORD("setsockopt", ws_setsockopt, 21),
    BUILTIN_FUNCTION_ORD("shutdown", ws_shutdown, 22),
    BUILTIN_FUNCTION_ORD("socket", ws_socket, 23),
    BUILTIN_FUNCTION("WSACloseEvent", WSACloseEvent),
    BUILTIN_FUNCTION("WSACreateEvent", WSACreateEvent),
    BUILTIN_FUNCTION("WSAEnumNetworkEvents", WSAEnumNetworkEvents),
    BUILTIN_FUNCTION("WSAEventSelect", WSAEventSelect),
    BUILTIN_FUNCTION("WSAResetEvent", WSAResetEvent),
    BUILTIN_FUNCTION("WSASetEvent", WSASetEvent),
    BUILTIN_FUNCTION("WSAWaitForMultipleEvents", WSAWaitForMultipleEvents),
    BUILTIN_FUNCTION("WSARecvFrom", WSARecvFrom),
    BUILTIN_FUNCTION("WSASendTo", WSASendTo),
    BUILTIN_FUNCTION("WSAIoctl", WSAIoctl),
    BUILTIN_FUNCTION("WSADuplicateSocketA", WSADuplicateSocketA),
    BUILTIN_FUNCTION("WSADuplicateSocketW", WSADuplicateSocketW),
    BUILTIN_FUNCTION("FreeAddrInfoExW", FreeAddrInfoExW),
    BUILTIN_FUNCTION("GetAddrInfoExW", GetAddrInfoExW),
    BUILTIN_FUNCTION("WSAAddressToStringA", WSAAddressToStringA),
    BUILTIN_FUNCTION("WSAAddressToStringW", WSAAddressToStringW),
    BUILTIN_FUNCTION("WSAStringToAddressA", WSAStringToAddressA),
    BUILTIN_FUNCTION("WSAStringToAddressW", WSAStringToAddressW),
    BUILTIN_FUNCTION("GetNameInfoW", GetNameInfoW),
    BUILTIN_FUNCTION_ORD("gethostbyaddr", ws_gethostbyaddr, 51),
    BUILTIN_FUNCTION_ORD("gethostbyname", ws_gethostbyname, 52),
    BUILTIN_FUNCTION_ORD("getservbyname", ws_getservbyname, 55),
    BUILTIN_FUNCTION_ORD("getservbyport", ws_getservbyport, 56),
    BUILTIN_FUNCTION_ORD("getprotobyname", ws_getprotobyname, 53),
    BUILTIN_FUNCTION_ORD("getprotobynumber", ws_getprotobynumber, 54),
    BUILTIN_FUNCTION("WSAHtonl", WSAHtonl),
    BUILTIN_FUNCTION("WSAHtons", WSAHtons),
    BUILTIN_FUNCTION("WSANtohl", WSAHtonl),
    BUILTIN_FUNCTION("WSANtohs", WSAHtons),
    BUILTIN_FUNCTION("InetNtopW", InetNtopW),
    BUILTIN_FUNCTION("InetPtonW", InetPtonW),
    BUILTIN_FUNCTION("GetHostNameW", GetHostNameW),
    BUILTIN_FUNCTION("WSAConnect", WSAConnect),
    BUILTIN_FUNCTION("WSAAccept", WSAAccept),
    BUILTIN_FUNCTION("WSASendDisconnect", WSASendDisconnect),
    BUILTIN_FUNCTION("WSARecvDisconnect", WSARecvDisconnect),
    BUILTIN_FUNCTION("GetAddrInfoExCancel", GetAddrInfoExCancel),
    BUILTIN_FUNCTION("GetAddrInfoExOverlappedResult", GetAddrInfoExOverlappedResult),
    BUILTIN_FUNCTION("WSASendMsg", WSASendMsg),
};

static const struct builtin_dll ws2_32 = {
    .name = "WS2_32.dll",
    .exports = ws2_32_exports,
    .nexports = ARRAY_SIZE(ws2_32_exports),
};
BUILTIN_DLL(ws2_32);
