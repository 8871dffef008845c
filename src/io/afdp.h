/*
 * What io/afd.c (socket objects, options, WSAEventSelect) and io/afdio.c (the transfers: blocking,
 * non-blocking and overlapped, and the poller thread that finishes pending ones) share.
 */
#ifndef IO_AFDP_H
#define IO_AFDP_H

#include "io/afd.h"
#include "ke/ke.h"

struct afd_request;
struct afd_poll_entry;
struct afd_poll;

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
    BOOLEAN WasConnected;   /* had a peer once (a reset one has none): IOCTL_AFD_POLL's ABORT */
    ULONG RecvTimeout, SendTimeout;
    char UnixName[108], UnixPeer[108];   /* AF_UNIX: the Windows paths bound (or accepted on) and connected to */   /* SO_RCVTIMEO, SO_SNDTIMEO in ms (0: none) for blocking calls */
    struct io_event_select *Select;   /* WSAEventSelect's state, from its first call to the socket's end */
    /* io/afdio.c: the pending requests, under Lock */
    host_lock Lock;
    struct afd_queue Queue[2];
    BOOLEAN Polled;         /* in the poller's set (holding a reference to the file object) */
    BOOLEAN Closed;         /* the last handle went: nothing more can be queued */
    PFILE_OBJECT ReleaseNext;   /* the poller's list of file objects whose reference it drops */
    struct afd_poll_entry *Polls;   /* io/afdpoll.c: the IOCTL_AFD_POLLs waiting on it, under that file's lock */
    struct afd_poll *MainPoll;      /* io/afdpoll.c: the poll an exclusive one may end (handle_exclusive) */
    NTSTATUS KeptError;     /* SO_ERROR taken from the host by a look that is no read (IopSocketError) */
};

/* How an overlapped request is told its end: the I/O status block, the event, the file's completion port or
 * an APC to the issuing thread (io/afdio.c). */
struct io_pending {
    PFILE_OBJECT File;           /* the file it was issued on (referenced): its completion port */
    PIO_STATUS_BLOCK Io;
    void *Event;                 /* KEVENT (referenced) */
    PKNORMAL_ROUTINE Apc;
    PVOID ApcContext;
    PETHREAD Thread;             /* the issuing thread (referenced) */
};
/* Takes the references of a request about to be answered STATUS_PENDING, resets its event and sets its I/O
 * status block pending. */
NTSTATUS IopStartPending(struct io_pending *p, PFILE_OBJECT f, const struct io_async *async);
/* Ends it as NT's I/O manager does, and drops the references. pending: it was answered STATUS_PENDING; one
 * that ends at once queues nothing when it fails, and no packet for a success when the file skips those
 * (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS). */
void IopEndPending(struct io_pending *p, NTSTATUS status, ULONG_PTR information, bool pending);

/* Puts a socket in the poller's set (io/afdio.c), so that its readiness edges reach IopAfdPollEdge;
 * STATUS_CANCELLED once its last handle closed. */
NTSTATUS IopWatchSocket(PFILE_OBJECT f);
/* Makes the poller look again at IopAfdPollTimeout (a new deadline). */
void IopWakePoller(void);
/* io/afdpoll.c, called by the poller: an edge on a socket; the ms until the nearest IOCTL_AFD_POLL deadline
 * (-1: none); the polls whose deadline passed. And by IopCloseSocket: the socket's polls see LOCAL_CLOSE. */
void IopAfdPollEdge(PFILE_OBJECT socket);
int IopAfdPollTimeout(void);
void IopAfdPollExpire(void);
void IopAfdPollSocketClosed(PFILE_OBJECT socket);

/* The socket's file object (referenced), its state attached; STATUS_INVALID_HANDLE for anything else. */
NTSTATUS IopReferenceSocket(HANDLE handle, PFILE_OBJECT *file);
/* The re-enabling calls of WSAEventSelect's events (recv for FD_READ, accept for FD_ACCEPT, ...). */
void IopEnableSocketEvents(PFILE_OBJECT f, ULONG events);
/* The largest SOCKADDR a socket call takes or gives: a SOCKADDR_UN (110 bytes). */
#define IO_ADDR_MAX 112
/* An AF_UNIX address as the guest gave it (a full Windows path, ws2_32 makes it so) in host form: the path
 * translated to the host's; out holds IO_ADDR_MAX bytes. The Windows path goes to name (108 bytes). */
NTSTATUS IopUnixAddress(const void *addr, int len, unsigned char *out, int *out_len, char *name);
/* SO_ERROR as an NTSTATUS, which the host gives once: take reads it as the program's SO_ERROR does; a look
 * (take false: IOCTL_AFD_POLL's CONNECT_FAIL status) keeps it for the next take. */
NTSTATUS IopSocketError(struct io_socket *s, int fd, bool take);
/* Whether the socket has a peer (getpeername succeeds), and a name of its own (an INET port or an AF_UNIX path). */
bool IopSocketConnected(PFILE_OBJECT f);
bool IopSocketBound(PFILE_OBJECT f);
/* Makes the fd non-blocking for good: a non-blocking guest socket, an overlapped accept or connect. */
NTSTATUS IopMakeHostNonBlocking(PFILE_OBJECT f);
/* A new socket handle over fd (duplicated: the caller keeps fd). */
NTSTATUS IopInsertSocket(int fd, int family, int type, ULONG attributes, BOOLEAN overlapped, HANDLE *handle);

#endif
