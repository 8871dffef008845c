/*
 * What ws2_32.c (the BSD calls, WSASend/WSARecv, names) and extensions.c (WSAIoctl and the Microsoft
 * extensions mswsock.dll also exports: AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs,
 * TransmitFile) share: Winsock's error codes from NTSTATUS, the started check, OVERLAPPED requests; and what
 * catalog.c (the protocol catalogue) and database.c (the services and protocol files) give the others.
 */
#ifndef WS2_32_WS2_32_H
#define WS2_32_WS2_32_H

#include "io/afd.h"
#include "win32/k32.h"

typedef ULONG_PTR SOCKET;
#define SOCKET_ERROR   (-1)
#define INVALID_SOCKET (~(ULONG_PTR)0)

#define WSAEFAULT          10014
#define WSAEINVAL          10022
#define WSAEOPNOTSUPP      10045
#define WSAEAFNOSUPPORT    10047
#define WSA_IO_PENDING     997
#define WSA_IO_INCOMPLETE  996

typedef struct {
    ULONG len;
    char *buf;
} WSABUF;

/* WSAOVERLAPPED: its first two fields are the request's IO_STATUS_BLOCK. */
typedef struct {
    ULONG_PTR Internal, InternalHigh;
    DWORD Offset, OffsetHigh;
    HANDLE hEvent;
} WSAOVERLAPPED;

/* WSAPROTOCOL_INFOW and WSAPROTOCOL_INFOA as x64 Windows lays them out (628 and 372 bytes): the same
 * fields, then the name in WCHARs or chars. WSADuplicateSocketW leaves the handle it made in the target
 * process in dwProviderReserved, where WSASocketW finds it, as Windows' provider does. */
#define WSAPROTOCOL_INFO_FIELDS \
    DWORD dwServiceFlags1, dwServiceFlags2, dwServiceFlags3, dwServiceFlags4; \
    DWORD dwProviderFlags; \
    GUID ProviderId; \
    DWORD dwCatalogEntryId; \
    struct { \
        int ChainLen; \
        DWORD ChainEntries[7]; \
    } ProtocolChain; \
    int iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType, iProtocol, iProtocolMaxOffset; \
    int iNetworkByteOrder, iSecurityScheme; \
    DWORD dwMessageSize, dwProviderReserved;
typedef struct {
    WSAPROTOCOL_INFO_FIELDS
    WCHAR szProtocol[256];
} WSAPROTOCOL_INFOW;
typedef struct {
    WSAPROTOCOL_INFO_FIELDS
    char szProtocol[256];
} WSAPROTOCOL_INFOA;
static_assert(sizeof(WSAPROTOCOL_INFOW) == 628, "WSAPROTOCOL_INFOW");
static_assert(sizeof(WSAPROTOCOL_INFOA) == 372, "WSAPROTOCOL_INFOA");
static_assert(offsetof(WSAPROTOCOL_INFOW, szProtocol) == offsetof(WSAPROTOCOL_INFOA, szProtocol), "szProtocol");

/* The WSAE* code of a status from the I/O layer, as Windows' ws2_32 maps AFD's completion statuses. */
int WsError(NTSTATUS status);
/* SOCKET_ERROR, with error set as the last error. */
int WsFail(int error);
/* false, with WSANOTINITIALISED set, before WSAStartup. */
bool WsStarted(void);
/* false, with the error set (WSANOTINITIALISED, WSAENOTSOCK, ...), unless Winsock is started and s is a
 * socket; then its family and type (1 stream, 2 datagram) when asked for. */
bool WsSocketReady(SOCKET s, int *family, int *type);
/* The request an OVERLAPPED (and completion routine) describe; false for none. */
bool WsAsyncOf(WSAOVERLAPPED *ov, PVOID routine, struct io_async *async);
/* An overlapped call's answer: 0 with *count set, or SOCKET_ERROR with WSA_IO_PENDING or the error. */
int WsOverlappedResult(NTSTATUS status, ULONG done, DWORD *count);
/* 0, or the WSAE* code of an address that is not one of the socket's family (or too short for it). */
int WsCheckAddress(SOCKET s, const void *addr, int len);

/* WSAMSG (ws2def.h), the Posix.1g msghdr of WSASendMsg and WSARecvMsg. */
typedef struct {
    void *name;
    INT namelen;
    WSABUF *lpBuffers;
    ULONG dwBufferCount;
    WSABUF Control;
    ULONG dwFlags;
} WSAMSG;
static_assert(offsetof(WSAMSG, Control) == 32 && offsetof(WSAMSG, dwFlags) == 48 && sizeof(WSAMSG) == 56, "WSAMSG");
int WINAPI WSARecvMsg(SOCKET s, WSAMSG *msg, DWORD *received, WSAOVERLAPPED *ov, PVOID routine);
int WINAPI WSASendMsg(SOCKET s, WSAMSG *msg, DWORD flags, DWORD *sent, WSAOVERLAPPED *ov, PVOID routine);

/* An AF_UNIX address with its path made full (GetFullPathNameA) in out; any other address as it is. */
const void *WsFullUnixAddress(const void *addr, int *len, unsigned char out[112]);

/* catalog.c: the catalogue entry of a family and socket type (false for none), as WSAEnumProtocolsW gives it. */
bool WsProtocolInfo(int family, int type, WSAPROTOCOL_INFOW *info);
int WINAPI WSAEnumProtocolsA(int *protocols, PVOID buffer, DWORD *length);
int WINAPI WSAEnumProtocolsW(int *protocols, PVOID buffer, DWORD *length);

/* database.c: an entry of Windows' services file, by name (or alias) or by port (host order), for proto
 * ("tcp", "udp") or any protocol (NULL); NULL for none. aliases: space-separated, or NULL. */
struct ws_service {
    const char *name;
    USHORT port;
    const char *proto;
    const char *aliases;
};
const struct ws_service *WsServiceByName(const char *name, const char *proto);
const struct ws_service *WsServiceByPort(USHORT port, const char *proto);
USHORT WINAPI ws_htons(USHORT v);
struct ws_servent;
struct ws_protoent;
struct ws_servent *WINAPI ws_getservbyname(const char *name, const char *proto);
struct ws_servent *WINAPI ws_getservbyport(int port, const char *proto);
struct ws_protoent *WINAPI ws_getprotobyname(const char *name);
struct ws_protoent *WINAPI ws_getprotobynumber(int number);

/* extensions.c */
int WINAPI WSAIoctl(SOCKET s, DWORD code, PVOID in, DWORD in_len, PVOID out, DWORD out_len, DWORD *returned,
                    WSAOVERLAPPED *ov, PVOID routine);
BOOL WINAPI AcceptEx(SOCKET listen_socket, SOCKET accept_socket, PVOID buffer, DWORD recv_len, DWORD local_len,
                     DWORD remote_len, DWORD *received, WSAOVERLAPPED *ov);
void WINAPI GetAcceptExSockaddrs(PVOID buffer, DWORD recv_len, DWORD local_len, DWORD remote_len, PVOID *local,
                                 int *local_size, PVOID *remote, int *remote_size);
BOOL WINAPI TransmitFile(SOCKET s, HANDLE file, DWORD bytes, DWORD per_send, WSAOVERLAPPED *ov, PVOID buffers,
                         DWORD flags);
int WINAPI WSARecvEx(SOCKET s, char *buf, int len, int *flags);

#endif
