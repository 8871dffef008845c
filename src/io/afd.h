/*
 * Sockets (io/afd.c), the part of Windows' AFD driver ws2_32 needs: a socket is a file object over a host
 * socket fd, so CloseHandle, ReadFile/WriteFile, DuplicateHandle and inheritance treat it like a pipe.
 * ws2_32 calls these directly, as kernel32 calls IoCreateAnonymousPipe. Addresses are Windows' SOCKADDR
 * bytes; failures are NTSTATUS (STATUS_INVALID_HANDLE: the handle is not a socket).
 */
#ifndef IO_AFD_H
#define IO_AFD_H

#include "io/io.h"

/* family: 2 AF_INET, 23 AF_INET6; type: 1 SOCK_STREAM, 2 SOCK_DGRAM; attributes: OBJ_INHERIT; overlapped:
 * the socket can take overlapped requests (WSA_FLAG_OVERLAPPED, which socket() implies). */
NTSTATUS IoCreateSocket(int family, int type, int protocol, ULONG attributes, BOOLEAN overlapped, HANDLE *handle);
NTSTATUS IoSocketBind(HANDLE socket, const void *addr, int len);
NTSTATUS IoSocketListen(HANDLE socket, int backlog);

/*
 * The transfers (io/afdio.c). async NULL: the call ends before it returns: it blocks while the socket is
 * blocking (up to SO_RCVTIMEO/SO_SNDTIMEO: STATUS_IO_TIMEOUT) and answers STATUS_CANT_WAIT when it is not.
 * Otherwise the request is overlapped, as NT's I/O manager runs one: it may answer STATUS_PENDING and end
 * later, from the poller thread, through Io (an OVERLAPPED's Internal and InternalHigh), Event, the APC
 * (queued to the calling thread) or the socket's completion port (ApcContext, when not NULL, is the
 * packet's value). A request that ends at once ends the same way, except that a failure at once queues
 * nothing and FILE_SKIP_COMPLETION_PORT_ON_SUCCESS keeps a success off the port.
 */
struct io_async {
    HANDLE Event;
    PVOID Apc, ApcContext;
    PIO_STATUS_BLOCK Io;
};
/* WSABUF's layout. */
struct io_buffer {
    ULONG Length;
    void *Data;
};
/* The new connection's handle (inheritable like the listening socket's). */
NTSTATUS IoSocketAccept(HANDLE socket, ULONG attributes, HANDLE *accepted, void *addr, int *len);
/* AcceptEx: the next connection becomes accept_socket; buffer receives the first recv_len bytes the peer
 * sends (recv_len 0: none awaited), then the local and the remote address, each in a slot of local_len
 * and remote_len bytes (an int length, then the SOCKADDR: GetAcceptExSockaddrs's layout). */
NTSTATUS IoSocketAcceptEx(HANDLE socket, HANDLE accept_socket, const struct io_async *async, void *buffer,
                          ULONG recv_len, ULONG local_len, ULONG remote_len, ULONG *done);
NTSTATUS IoSocketConnect(HANDLE socket, const void *addr, int len);
/* ConnectEx: a connect of a bound stream socket, then a send of data. */
NTSTATUS IoSocketConnectEx(HANDLE socket, const struct io_async *async, const void *addr, int len,
                           const void *data, ULONG length, ULONG *done);
/* WSASendMsg's and WSARecvMsg's control messages (WSACMSGHDRs; host_msg_control says which): Buffer and
 * Length are the caller's WSABUF; a recv writes the length used to *LengthOut and its MSG_TRUNC and
 * MSG_CTRUNC to *FlagsOut when it ends (the caller's WSAMSG, which must stay valid until then). */
struct io_msg_control {
    void *Buffer;
    ULONG Length;
    ULONG *LengthOut;
    ULONG *FlagsOut;
};
/* flags: MSG_OOB, MSG_DONTROUTE; addr NULL: the connected peer; control may be NULL. A stream send ends
 * once every byte is taken, except a non-blocking one, which takes what fits. */
NTSTATUS IoSocketSend(HANDLE socket, const struct io_async *async, const struct io_buffer *bufs, ULONG count,
                      int flags, const void *addr, int addrlen, const struct io_msg_control *control, ULONG *done);
/* flags: MSG_OOB, MSG_PEEK, MSG_WAITALL. addr and addrlen (may be NULL) receive the sender's address, and
 * control (may be NULL) the control messages: an overlapped request writes them when it ends, so they must
 * stay valid until then. */
NTSTATUS IoSocketRecv(HANDLE socket, const struct io_async *async, const struct io_buffer *bufs, ULONG count,
                      int flags, void *addr, int *addrlen, const struct io_msg_control *control, ULONG *done);
/* DisconnectEx: the connection is shut down; reuse: the socket becomes a new unconnected one (TF_REUSE_SOCKET). */
NTSTATUS IoSocketDisconnect(HANDLE socket, const struct io_async *async, BOOLEAN reuse);
/* Waits up to timeout_ms (< 0: forever) for an overlapped request on a socket to end (its Io's Status leaves
 * STATUS_PENDING): GetOverlappedResult of a request given no event. STATUS_SUCCESS or STATUS_TIMEOUT. */
NTSTATUS IoWaitForSocketIo(PIO_STATUS_BLOCK io, LONG timeout_ms);
/* An overlapped request that ended before it returned (DisconnectEx, TransmitFile), told as such a request
 * is: the status and count in Io, then the event, the port or the APC, for a success only. */
NTSTATUS IoSocketEndAtOnce(HANDLE socket, const struct io_async *async, NTSTATUS status, ULONG done);
/* Attaches a socket's state to a file object over a host socket fd that has none yet (one inherited or
 * duplicated from another process). STATUS_INVALID_HANDLE: not a socket Winsock serves. */
NTSTATUS IopSocketState(PFILE_OBJECT f);
/* The file services' side: ReadFile and WriteFile of a socket (a recv and a send), CancelIo(Ex). */
NTSTATUS IopSocketTransfer(PFILE_OBJECT f, bool write, HANDLE event, PVOID apc, PVOID apc_context,
                           PIO_STATUS_BLOCK io, void *buffer, ULONG length);
/* request NULL: every request; thread_only: only the calling thread's (CancelIo). STATUS_NOT_FOUND when
 * none was pending. */
NTSTATUS IopCancelSocketIo(PFILE_OBJECT f, PIO_STATUS_BLOCK request, bool thread_only);
void IopCloseSocket(PFILE_OBJECT f);

/* io/afdpoll.c: \Device\Afd (or a name under it, as mio's \Device\Afd\Mio) opened as a file (FO_AFD_DEVICE),
 * and IOCTL_AFD_POLL on it or on a socket; any other control code is STATUS_INVALID_DEVICE_REQUEST. A poll
 * that cannot end at once answers STATUS_PENDING and ends through async (a handle for synchronous I/O
 * waits for it). */
bool IopIsAfdDevicePath(const WCHAR *p, size_t units);
NTSTATUS IopAfdDeviceControl(PFILE_OBJECT device, const struct io_async *async, ULONG code, const void *in,
                             ULONG in_length, void *out, ULONG out_length);
/* Ends the pending polls issued on a file (request NULL: all; thread_only: the calling thread's) with
 * STATUS_CANCELLED; STATUS_NOT_FOUND when none was pending. */
NTSTATUS IopCancelAfdPolls(PFILE_OBJECT device, PIO_STATUS_BLOCK request, bool thread_only);
NTSTATUS IoSocketShutdown(HANDLE socket, int how);
NTSTATUS IoSocketName(HANDLE socket, BOOLEAN peer, void *addr, int *len);
NTSTATUS IoSocketSetNonBlocking(HANDLE socket, BOOLEAN on);
NTSTATUS IoSocketReadable(HANDLE socket, ULONG *bytes);
/* Options by Windows' level and name, in Windows' bytes (host_sock_getopt); SO_ERROR comes back as an
 * NTSTATUS. STATUS_NOT_SUPPORTED: unknown; STATUS_ACCESS_VIOLATION: len too small for the option. */
NTSTATUS IoSocketGetOption(HANDLE socket, int level, int name, void *value, ULONG *len);
NTSTATUS IoSocketSetOption(HANDLE socket, int level, int name, const void *value, ULONG len);
/* The family and type a socket was made with. */
NTSTATUS IoSocketKind(HANDLE socket, int *family, int *type);

#define IO_POLL_IN  1    /* readable, a connection to accept, or the peer closed */
#define IO_POLL_OUT 2    /* writable, a connect finished */
#define IO_POLL_PRI 4
#define IO_POLL_ERR 8    /* an error waits in SO_ERROR (a failed connect) */
#define IO_POLL_HUP 16
#define IO_POLL_NVAL 32  /* not a socket */
struct io_socket_poll {
    HANDLE Socket;
    ULONG Events, Revents;
};
/* Waits until one of the sockets is ready or timeout_ms passes (< 0: forever); *ready counts the entries
 * with Revents. A handle that is no socket gets IO_POLL_NVAL and ends the wait at once. */
NTSTATUS IoSocketPoll(struct io_socket_poll *entries, ULONG n, LONG timeout_ms, ULONG *ready);

/* WSAEventSelect's network events (FD_*) and their error slots' indices. */
#define IO_FD_READ    0x01
#define IO_FD_WRITE   0x02
#define IO_FD_OOB     0x04
#define IO_FD_ACCEPT  0x08
#define IO_FD_CONNECT 0x10
#define IO_FD_CLOSE   0x20
#define IO_FD_CONNECT_BIT 4
#define IO_FD_CLOSE_BIT   5
#define IO_FD_MAX_EVENTS  10
/* Records the mask's events on the socket and sets event when one happens (mask 0: no more); the socket
 * becomes non-blocking. */
NTSTATUS IoSocketEventSelect(HANDLE socket, HANDLE event, ULONG mask);
/* The events recorded since the last call, cleared; errors[i] the status of event bit i (FD_CONNECT's and
 * FD_CLOSE's). */
NTSTATUS IoSocketEnumEvents(HANDLE socket, ULONG *events, NTSTATUS errors[IO_FD_MAX_EVENTS]);

void IopDeleteSocket(PFILE_OBJECT f);

#endif
