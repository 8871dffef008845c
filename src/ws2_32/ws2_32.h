/*
 * What ws2_32.c (the BSD calls, WSASend/WSARecv, names) and extensions.c (WSAIoctl and the Microsoft
 * extensions mswsock.dll also exports: AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs,
 * TransmitFile) share: Winsock's error codes from NTSTATUS, the started check, OVERLAPPED requests.
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

/* WSAOVERLAPPED: its first two fields are the request's IO_STATUS_BLOCK. */
typedef struct {
    ULONG_PTR Internal, InternalHigh;
    DWORD Offset, OffsetHigh;
    HANDLE hEvent;
} WSAOVERLAPPED;

/* The WSAE* code of a status from the I/O layer, as Windows' ws2_32 maps AFD's completion statuses. */
int WsError(NTSTATUS status);
/* SOCKET_ERROR, with error set as the last error. */
int WsFail(int error);
/* false, with WSANOTINITIALISED set, before WSAStartup. */
bool WsStarted(void);
/* The request an OVERLAPPED (and completion routine) describe; false for none. */
bool WsAsyncOf(WSAOVERLAPPED *ov, PVOID routine, struct io_async *async);
/* An overlapped call's answer: 0 with *count set, or SOCKET_ERROR with WSA_IO_PENDING or the error. */
int WsOverlappedResult(NTSTATUS status, ULONG done, DWORD *count);
/* 0, or the WSAE* code of an address that is not one of the socket's family (or too short for it). */
int WsCheckAddress(SOCKET s, const void *addr, int len);

/* An AF_UNIX address with its path made full (GetFullPathNameA) in out; any other address as it is. */
const void *WsFullUnixAddress(const void *addr, int *len, unsigned char out[112]);

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
