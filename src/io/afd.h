/*
 * Sockets (io/afd.c), the part of Windows' AFD driver ws2_32 needs: a socket is a file object over a host
 * socket fd, so CloseHandle, ReadFile/WriteFile, DuplicateHandle and inheritance treat it like a pipe.
 * ws2_32 calls these directly, as kernel32 calls IoCreateAnonymousPipe. Addresses are Windows' SOCKADDR
 * bytes; failures are NTSTATUS (STATUS_INVALID_HANDLE: the handle is not a socket).
 */
#ifndef IO_AFD_H
#define IO_AFD_H

#include "io/io.h"

/* family: 2 AF_INET, 23 AF_INET6; type: 1 SOCK_STREAM, 2 SOCK_DGRAM; attributes: OBJ_INHERIT. */
NTSTATUS IoCreateSocket(int family, int type, int protocol, ULONG attributes, HANDLE *handle);
NTSTATUS IoSocketBind(HANDLE socket, const void *addr, int len);
NTSTATUS IoSocketListen(HANDLE socket, int backlog);
/* The new connection's handle (inheritable like the listening socket's); STATUS_CANT_WAIT when the
 * socket is non-blocking and nobody waits. */
NTSTATUS IoSocketAccept(HANDLE socket, ULONG attributes, HANDLE *accepted, void *addr, int *len);
NTSTATUS IoSocketConnect(HANDLE socket, const void *addr, int len);
NTSTATUS IoSocketSend(HANDLE socket, const void *buf, ULONG len, int flags, const void *addr, int addrlen,
                      ULONG *done);
NTSTATUS IoSocketRecv(HANDLE socket, void *buf, ULONG len, int flags, void *addr, int *addrlen, ULONG *done);
NTSTATUS IoSocketShutdown(HANDLE socket, int how);
NTSTATUS IoSocketName(HANDLE socket, BOOLEAN peer, void *addr, int *len);
NTSTATUS IoSocketSetNonBlocking(HANDLE socket, BOOLEAN on);
NTSTATUS IoSocketReadable(HANDLE socket, ULONG *bytes);
/* Options by Windows' level and name; SO_ERROR comes back as an NTSTATUS. STATUS_NOT_SUPPORTED: unknown. */
NTSTATUS IoSocketGetOption(HANDLE socket, int level, int name, int *value);
NTSTATUS IoSocketSetOption(HANDLE socket, int level, int name, int value);
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
