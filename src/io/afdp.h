/*
 * What io/afd.c (socket objects, options, WSAEventSelect) and io/afdio.c (the transfers: blocking,
 * non-blocking and overlapped, and the poller thread that finishes pending ones) share.
 */
#ifndef IO_AFDP_H
#define IO_AFDP_H

#include "io/afd.h"

struct afd_request;

/* A queue of pending requests in issue order: one for each direction a socket waits in. */
struct afd_queue {
    struct afd_request *Head, *Tail;
};
#define AFD_IN  0   /* recv, accept */
#define AFD_OUT 1   /* send, connect */

struct io_socket {
    int Family, Type;
    BOOLEAN NonBlocking;
    BOOLEAN HostNonBlocking;   /* the fd's O_NONBLOCK, set for good once a call must not wait in the host */
    BOOLEAN ReuseAddr, ExclusiveAddr;
    BOOLEAN SendShutdown;   /* shutdown(SD_SEND or SD_BOTH) was called */
    BOOLEAN Listening, Connecting;
    ULONG RecvTimeout, SendTimeout;
    char UnixName[108], UnixPeer[108];   /* AF_UNIX: the Windows paths bound (or accepted on) and connected to */   /* SO_RCVTIMEO, SO_SNDTIMEO in ms (0: none) for blocking calls */
    struct io_event_select *Select;   /* WSAEventSelect's state, from its first call to the socket's end */
    /* io/afdio.c: the pending requests, under Lock */
    host_lock Lock;
    struct afd_queue Queue[2];
    BOOLEAN Polled;         /* in the poller's set (holding a reference to the file object) */
    BOOLEAN Closed;         /* the last handle went: nothing more can be queued */
    PFILE_OBJECT ReleaseNext;   /* the poller's list of file objects whose reference it drops */
};

/* The socket's file object (referenced), its state attached; STATUS_INVALID_HANDLE for anything else. */
NTSTATUS IopReferenceSocket(HANDLE handle, PFILE_OBJECT *file);
/* The re-enabling calls of WSAEventSelect's events (recv for FD_READ, accept for FD_ACCEPT, ...). */
void IopEnableSocketEvents(PFILE_OBJECT f, ULONG events);
/* The largest SOCKADDR a socket call takes or gives: a SOCKADDR_UN (110 bytes). */
#define IO_ADDR_MAX 112
/* An AF_UNIX address as the guest gave it (a full Windows path, ws2_32 makes it so) in host form: the path
 * translated to the host's; out holds IO_ADDR_MAX bytes. The Windows path goes to name (108 bytes). */
NTSTATUS IopUnixAddress(const void *addr, int len, unsigned char *out, int *out_len, char *name);
/* Whether the socket has a peer (getpeername succeeds), and a name of its own (an INET port or an AF_UNIX path). */
bool IopSocketConnected(PFILE_OBJECT f);
bool IopSocketBound(PFILE_OBJECT f);
/* Makes the fd non-blocking for good: a non-blocking guest socket, an overlapped accept or connect. */
NTSTATUS IopMakeHostNonBlocking(PFILE_OBJECT f);
/* A new socket handle over fd (duplicated: the caller keeps fd). */
NTSTATUS IopInsertSocket(int fd, int family, int type, ULONG attributes, BOOLEAN overlapped, HANDLE *handle);

#endif
