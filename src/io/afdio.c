/*
 * Socket transfers: send, recv, accept, connect and disconnect, blocking, non-blocking or overlapped.
 *
 * A transfer is a request. A blocking call on a socket whose fd blocks waits in the host call, as a native
 * program's does. Otherwise the request is tried without waiting (MSG_DONTWAIT, or an fd made non-blocking
 * for good: IopMakeHostNonBlocking), and one that cannot go on yet either waits on the spot (a blocking call
 * polls its fd, up to SO_RCVTIMEO/SO_SNDTIMEO), answers STATUS_CANT_WAIT (a non-blocking call:
 * WSAEWOULDBLOCK), or, overlapped, is queued on its socket and answered STATUS_PENDING. One host thread per
 * process, the poller, waits on an epoll set of every socket that ever had a request queued. The set is
 * edge-triggered (each new readiness is told once), and on each edge the poller tries the socket's queued
 * requests in issue order until one cannot go on. The socket's lock covers both the issuing thread's
 * try-then-queue and the poller's tries, so an edge that comes between a failed try and the queueing is
 * never lost: the poller waits for the lock and finds the request.
 *
 * A request ends as NT's I/O manager ends one: Information then Status in the caller's IO_STATUS_BLOCK
 * (the OVERLAPPED's Internal fields, guest memory: guarded writes), the event set, a packet on the socket's
 * completion port or an APC queued to the issuing thread. A socket in the poller's set is held (a
 * reference) until its last handle closes, which cancels what is queued (STATUS_CANCELLED, which Winsock
 * reports as WSA_OPERATION_ABORTED) and takes it out of the set; the poller drops that reference between
 * two waits, so an edge it is still handling never names a freed socket.
 */
#include <stdlib.h>
#include <string.h>

#include "host/sockets.h"
#include "io/afdp.h"
#include "ke/ke.h"
#include "nt/file.h"
#include "ps/ps.h"

enum afd_kind { AFD_RECV, AFD_SEND, AFD_ACCEPT, AFD_CONNECT };

#define MSG_OOB_WS     1
#define MSG_PEEK_WS    2
#define MSG_WAITALL_WS 8
#define ADDR_MAX       IO_ADDR_MAX

struct afd_request {
    struct afd_request *Next;
    enum afd_kind Kind;
    int Flags;
    NTSTATUS Status;             /* how it ended (on the poller's lists) */
    struct host_iovec *Iov;      /* what is left to move, advanced as bytes move */
    ULONG IovCount;
    ULONG Done;                  /* bytes moved */
    struct host_iovec Inline;    /* Iov of a request with one buffer */
    unsigned char Addr[ADDR_MAX];   /* send: the destination (AddrLen 0: the peer); connect: the peer */
    int AddrLen;
    unsigned char From[ADDR_MAX];   /* recv: the sender, copied to the caller's FromOut at the end */
    int FromLen;
    void *FromOut;
    int *FromLenOut;
    struct io_msg_control Control;  /* Buffer NULL: none */
    struct host_msg_control HostControl;   /* recv: what the last try received (Windows' form) */
    PFILE_OBJECT AcceptFile;     /* accept: the socket the connection goes into (referenced) */
    unsigned char *AcceptBuffer;
    ULONG RecvLen, LocalLen, RemoteLen;
    BOOLEAN Started;             /* connect: the host connect was issued */
    BOOLEAN Wait;                /* send, recv: wait in the host call (a blocking call on a blocking fd) */
    struct io_pending End;       /* an overlapped request's end (File: the socket it was issued on) */
};

static void end_at_once(PFILE_OBJECT f, const struct io_async *async, NTSTATUS status, ULONG done);

/* ---- trying a request ---------------------------------------------------------------------------------------- */

static size_t iov_left(const struct afd_request *r)
{
    size_t n = 0;
    for (ULONG i = 0; i < r->IovCount; i++)
        n += r->Iov[i].len;
    return n;
}

static void iov_advance(struct afd_request *r, size_t n)
{
    r->Done += (ULONG)n;
    while (n && r->IovCount) {
        size_t take = n < r->Iov->len ? n : r->Iov->len;
        r->Iov->base = (char *)r->Iov->base + take;
        r->Iov->len -= take;
        n -= take;
        if (!r->Iov->len) {
            r->Iov++;
            r->IovCount--;
        }
    }
    while (r->IovCount && !r->Iov->len) {
        r->Iov++;
        r->IovCount--;
    }
}

static NTSTATUS try_recv(PFILE_OBJECT f, struct afd_request *r)
{
    struct io_socket *s = f->Socket;
    bool datagram = s->Type == 2;
    for (;;) {
        size_t n = 0;
        r->FromLen = sizeof r->From;
        r->HostControl = (struct host_msg_control){r->Control.Buffer, r->Control.Length, 0};
        NTSTATUS status = host_sock_recv(f->Fd, datagram, r->Iov, r->IovCount, r->Flags & (MSG_OOB_WS | MSG_PEEK_WS),
                                         r->Wait, r->FromOut ? r->From : NULL, &r->FromLen,
                                         r->Control.Buffer ? &r->HostControl : NULL, &n);
        IopEnableSocketEvents(f, IO_FD_READ | IO_FD_OOB);
        if (status == STATUS_CANT_WAIT || (status != STATUS_SUCCESS && status != STATUS_BUFFER_OVERFLOW))
            return status;
        iov_advance(r, n);
        /* MSG_WAITALL: a stream recv ends when the buffers are full, the peer closed or an error came. */
        if (status == STATUS_SUCCESS && !datagram && (r->Flags & MSG_WAITALL_WS) && n && iov_left(r))
            continue;
        return status;
    }
}

/* EPIPE is "shut down for sending" (WSAESHUTDOWN), "never connected" (WSAENOTCONN) or "the peer reset the
 * connection" (WSAECONNRESET). */
static NTSTATUS broken_pipe_status(PFILE_OBJECT f)
{
    if (f->Socket->SendShutdown)
        return STATUS_PIPE_DISCONNECTED;
    return IopSocketConnected(f) ? STATUS_CONNECTION_RESET : STATUS_INVALID_CONNECTION;
}

static NTSTATUS try_send(PFILE_OBJECT f, struct afd_request *r)
{
    bool datagram = f->Socket->Type == 2;
    for (;;) {
        size_t n = 0;
        struct host_msg_control ctl = {r->Control.Buffer, r->Control.Length, 0};
        NTSTATUS status = host_sock_send(f->Fd, r->Iov, r->IovCount, r->Flags, r->Wait, r->AddrLen ? r->Addr : NULL,
                                         r->AddrLen, r->Control.Buffer ? &ctl : NULL, &n);
        if (status == STATUS_CANT_WAIT)
            IopEnableSocketEvents(f, IO_FD_WRITE);
        if (status == STATUS_PIPE_DISCONNECTED)
            status = broken_pipe_status(f);
        if (status != STATUS_SUCCESS)
            return status;
        iov_advance(r, n);
        if (datagram || !iov_left(r))
            return STATUS_SUCCESS;
    }
}

/* The slot AcceptEx leaves an address in: its length, then the SOCKADDR (GetAcceptExSockaddrs reads it). */
static void put_accept_address(unsigned char *slot, ULONG room, const unsigned char *addr, int len)
{
    unsigned char out[sizeof(int) + ADDR_MAX] = {0};
    if (room < sizeof(int) + (ULONG)len)
        return;
    memcpy(out, &len, sizeof len);
    memcpy(out + sizeof len, addr, (size_t)len);
    uint64_t fault;
    host_copy_guarded(slot, out, sizeof(int) + (size_t)len, &fault);
}

/* STATUS_MORE_PROCESSING_REQUIRED: accepted, and the first bytes are still to come on the new connection. */
static NTSTATUS try_accept(PFILE_OBJECT f, struct afd_request *r)
{
    int fd;
    unsigned char remote[ADDR_MAX], local[ADDR_MAX];
    int rlen = sizeof remote, llen = sizeof local;
    NTSTATUS status = host_sock_accept(f->Fd, false, &fd, remote, &rlen);
    IopEnableSocketEvents(f, IO_FD_ACCEPT);
    if (status != STATUS_SUCCESS)
        return status;
    status = host_sock_replace(r->AcceptFile->Fd, fd);
    host_close(fd);
    if (status != STATUS_SUCCESS)
        return status;
    __atomic_store_n(&r->AcceptFile->Socket->HostNonBlocking, FALSE, __ATOMIC_RELEASE);   /* the new fd blocks */
    r->AcceptFile->Socket->WasConnected = TRUE;
    if (host_sock_name(r->AcceptFile->Fd, FALSE, local, &llen) != STATUS_SUCCESS)
        llen = 0;
    unsigned char *slots = r->AcceptBuffer + r->RecvLen;
    put_accept_address(slots, r->LocalLen, local, llen);
    put_accept_address(slots + r->LocalLen, r->RemoteLen, remote, rlen);
    if (!r->RecvLen)
        return STATUS_SUCCESS;
    r->Kind = AFD_RECV;
    r->Inline = (struct host_iovec){r->AcceptBuffer, r->RecvLen};
    r->Iov = &r->Inline;
    r->IovCount = 1;
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS try_connect(PFILE_OBJECT f, struct afd_request *r)
{
    NTSTATUS status;
    if (!r->Started) {
        r->Started = TRUE;
        status = host_sock_connect(f->Fd, r->Addr, r->AddrLen);
    } else {
        status = host_sock_connect_result(f->Fd);
    }
    /* WSAEventSelect's thread tells FD_CONNECT from FD_WRITE by Connecting: set before it looks again. */
    f->Socket->Connecting = status == STATUS_CANT_WAIT;
    if (status == STATUS_SUCCESS)
        f->Socket->WasConnected = TRUE;
    if (status == STATUS_CANT_WAIT)
        IopEnableSocketEvents(f, IO_FD_CONNECT | IO_FD_WRITE);
    if (status != STATUS_SUCCESS || !iov_left(r))
        return status;
    r->Kind = AFD_SEND;   /* ConnectEx's data */
    r->AddrLen = 0;
    return try_send(f, r);
}

/* One try on the socket the request waits on: STATUS_CANT_WAIT while it cannot go on. */
static NTSTATUS attempt(PFILE_OBJECT f, struct afd_request *r)
{
    switch (r->Kind) {
    case AFD_RECV:    return try_recv(f, r);
    case AFD_SEND:    return try_send(f, r);
    case AFD_ACCEPT:  return try_accept(f, r);
    case AFD_CONNECT: return try_connect(f, r);
    }
    return STATUS_INVALID_PARAMETER;
}

static int direction(const struct afd_request *r)
{
    return r->Kind == AFD_RECV || r->Kind == AFD_ACCEPT ? AFD_IN : AFD_OUT;
}

/* ---- calls that end before they return -------------------------------------------------------------------------- */

/* Waits for the socket's readiness in the request's direction, until the deadline (< 0: none). */
static NTSTATUS wait_ready(PFILE_OBJECT f, int dir, int64_t deadline)
{
    int ms = -1;
    if (deadline >= 0) {
        int64_t left = deadline - (int64_t)host_monotonic_ns();
        if (left <= 0)
            return STATUS_IO_TIMEOUT;
        ms = (int)((left + 999999) / 1000000);
    }
    unsigned events = dir == AFD_IN ? HOST_POLL_IN | HOST_POLL_PRI : HOST_POLL_OUT;
    NTSTATUS status = host_sock_wait(f->Fd, events, ms);
    return status == STATUS_TIMEOUT ? STATUS_IO_TIMEOUT : status;
}

static int64_t deadline_of(PFILE_OBJECT f, int dir)
{
    ULONG ms = dir == AFD_IN ? f->Socket->RecvTimeout : f->Socket->SendTimeout;
    return ms ? (int64_t)host_monotonic_ns() + (int64_t)ms * 1000000 : -1;
}

/* A blocking call waits until the request goes through (or SO_RCVTIMEO/SO_SNDTIMEO passes): in the host call
 * while the fd blocks, else in poll; a non-blocking one answers STATUS_CANT_WAIT, or, for a send that moved
 * some bytes, success with those. */
static NTSTATUS run_now(PFILE_OBJECT f, struct afd_request *r)
{
    struct io_socket *s = f->Socket;
    bool block = !s->NonBlocking;
    if (block && !__atomic_load_n(&s->HostNonBlocking, __ATOMIC_ACQUIRE) && r->Kind != AFD_ACCEPT) {
        r->Wait = TRUE;
        NTSTATUS status = attempt(f, r);
        r->Wait = FALSE;
        if (status != STATUS_CANT_WAIT)
            return status;
        /* A send or recv that waited in the host call timed out, unless another thread made the fd
         * non-blocking meanwhile; a connect goes on (an interrupted one), and is waited for below. */
        if (r->Kind != AFD_CONNECT && !__atomic_load_n(&s->HostNonBlocking, __ATOMIC_ACQUIRE))
            return STATUS_IO_TIMEOUT;
    }
    int64_t deadline = -2;
    for (;;) {
        NTSTATUS status = attempt(f, r);
        if (status != STATUS_CANT_WAIT)
            return status;
        if (!block)
            return r->Kind == AFD_SEND && r->Done ? STATUS_SUCCESS : STATUS_CANT_WAIT;
        if (deadline == -2)
            deadline = deadline_of(f, direction(r));
        if ((status = wait_ready(f, direction(r), deadline)) != STATUS_SUCCESS)
            return status;
    }
}

/* A recv's sender and control messages, to the caller's memory as it ends. */
static void give_from(struct afd_request *r, NTSTATUS status)
{
    if (r->Kind != AFD_RECV || (status != STATUS_SUCCESS && status != STATUS_BUFFER_OVERFLOW))
        return;
    uint64_t fault;
    if (r->Control.Buffer) {
        ULONG len = (ULONG)r->HostControl.len, flags = (ULONG)r->HostControl.flags;
        if (r->Control.LengthOut)
            host_copy_guarded(r->Control.LengthOut, &len, sizeof len, &fault);
        if (r->Control.FlagsOut)
            host_copy_guarded(r->Control.FlagsOut, &flags, sizeof flags, &fault);
    }
    /* No sender (a connected stream): from and fromlen are left alone, as recvfrom's page says. */
    if (!r->FromOut || !r->FromLenOut || r->FromLen <= 0)
        return;
    int room;
    if (!host_copy_guarded(&room, r->FromLenOut, sizeof room, &fault))
        return;
    host_copy_guarded(r->FromOut, r->From, (size_t)(r->FromLen < room ? r->FromLen : room), &fault);
    host_copy_guarded(r->FromLenOut, &r->FromLen, sizeof r->FromLen, &fault);
}

/* ---- the poller ---------------------------------------------------------------------------------------------------- */

static struct {
    host_lock Lock;
    bool Started;
    struct host_poller Set;
    PFILE_OBJECT Release;   /* sockets out of the set whose reference the poller drops */
} poller = {HOST_LOCK_INIT, false, {-1, -1}, NULL};

static void finish(struct afd_request *r, NTSTATUS status, bool pending);
static NTSTATUS submit(PFILE_OBJECT f, struct afd_request *r);

static void push(struct afd_request **list, struct afd_request *r, NTSTATUS status)
{
    r->Status = status;
    r->Next = *list;
    *list = r;
}

/* An edge on f: its queued requests are tried in order, in each direction until one cannot go on. */
static void poll_socket(PFILE_OBJECT f)
{
    struct io_socket *s = f->Socket;
    struct afd_request *ended = NULL, *moved = NULL;
    host_lock_acquire(&s->Lock);
    for (int dir = 0; dir < 2; dir++) {
        struct afd_queue *q = &s->Queue[dir];
        struct afd_request *r;
        while ((r = q->Head)) {
            NTSTATUS status = attempt(f, r);
            if (status == STATUS_CANT_WAIT)
                break;
            if (!(q->Head = r->Next))
                q->Tail = NULL;
            push(status == STATUS_MORE_PROCESSING_REQUIRED ? &moved : &ended, r, status);
        }
    }
    host_lock_release(&s->Lock);
    while (ended) {
        struct afd_request *r = ended;
        ended = r->Next;
        finish(r, r->Status, true);
    }
    /* AcceptEx's first bytes are awaited on the new connection. */
    while (moved) {
        struct afd_request *r = moved;
        moved = r->Next;
        NTSTATUS status = submit(r->AcceptFile, r);
        if (status != STATUS_PENDING)
            finish(r, status, true);
    }
    IopAfdPollEdge(f);   /* IOCTL_AFD_POLLs waiting on it (io/afdpoll.c) */
}

static void poller_main(void *arg)
{
    (void)arg;
    for (;;) {
        host_lock_acquire(&poller.Lock);
        PFILE_OBJECT release = poller.Release;
        poller.Release = NULL;
        host_lock_release(&poller.Lock);
        while (release) {
            PFILE_OBJECT next = release->Socket->ReleaseNext;
            ObDereferenceObject(release);
            release = next;
        }
        void *tags[64];
        size_t n = host_poller_wait(&poller.Set, tags, 64, IopAfdPollTimeout());
        for (size_t i = 0; i < n; i++)
            if (tags[i])
                poll_socket(tags[i]);
        IopAfdPollExpire();
    }
}

static NTSTATUS start_poller(void)
{
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&poller.Lock);
    if (!poller.Started && (status = host_poller_create(&poller.Set)) == STATUS_SUCCESS) {
        uint32_t tid;
        if ((status = host_thread_start(poller_main, NULL, &tid)) == STATUS_SUCCESS)
            poller.Started = true;
    }
    host_lock_release(&poller.Lock);
    return status;
}

/* The socket's lock held: puts it in the poller's set, which holds a reference until its last handle goes. */
static NTSTATUS watch(PFILE_OBJECT f)
{
    struct io_socket *s = f->Socket;
    if (s->Polled)
        return STATUS_SUCCESS;
    NTSTATUS status = start_poller();
    if (status != STATUS_SUCCESS)
        return status;
    ObReferenceObject(f);
    if ((status = host_poller_add(&poller.Set, f->Fd, f)) != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    s->Polled = TRUE;
    return STATUS_SUCCESS;
}

NTSTATUS IopWatchSocket(PFILE_OBJECT f)
{
    struct io_socket *s = f->Socket;
    host_lock_acquire(&s->Lock);
    NTSTATUS status = s->Closed ? STATUS_CANCELLED : watch(f);
    host_lock_release(&s->Lock);
    return status;
}

void IopWakePoller(void)
{
    host_lock_acquire(&poller.Lock);
    bool started = poller.Started;
    host_lock_release(&poller.Lock);
    if (started)
        host_poller_wake(&poller.Set);
}

/* Tries an overlapped request on f, queueing it (STATUS_PENDING) when it cannot go on yet; a request behind
 * others waits its turn. */
static NTSTATUS submit(PFILE_OBJECT f, struct afd_request *r)
{
    struct io_socket *s = f->Socket;
    struct afd_queue *q = &s->Queue[direction(r)];
    NTSTATUS status;
    host_lock_acquire(&s->Lock);
    if (s->Closed)
        status = STATUS_CANCELLED;
    else
        status = q->Head ? STATUS_CANT_WAIT : attempt(f, r);
    if (status == STATUS_CANT_WAIT && (status = watch(f)) == STATUS_SUCCESS) {
        r->Next = NULL;
        if (q->Tail)
            q->Tail->Next = r;
        else
            q->Head = r;
        q->Tail = r;
        status = STATUS_PENDING;
    }
    host_lock_release(&s->Lock);
    return status;
}

/* ---- the end of an overlapped request ------------------------------------------------------------------------- */

NTSTATUS IopStartPending(struct io_pending *p, PFILE_OBJECT f, const struct io_async *async)
{
    *p = (struct io_pending){0};
    if (async->Event) {
        NTSTATUS status = ObReferenceObjectByHandle(async->Event, ExEventObjectType, &p->Event);
        if (status != STATUS_SUCCESS)
            return status;
        NtResetEvent(async->Event, NULL);   /* the I/O manager clears it as the request starts */
    }
    ObReferenceObject(f);
    p->File = f;
    p->Io = async->Io;
    p->Apc = (PKNORMAL_ROUTINE)async->Apc;
    p->ApcContext = async->ApcContext;
    p->Thread = PsGetCurrentThread();
    ObReferenceObject(p->Thread);
    p->Io->Status = STATUS_PENDING;
    p->Io->Information = 0;
    return STATUS_SUCCESS;
}

void IopEndPending(struct io_pending *p, NTSTATUS status, ULONG_PTR information, bool pending)
{
    PFILE_OBJECT f = p->File;
    /* Information first: GetOverlappedResult reads Status to tell the end. */
    IO_STATUS_BLOCK done = {.Status = status, .Information = information};
    uint64_t fault;
    host_copy_guarded(&p->Io->Information, &done.Information, sizeof done.Information, &fault);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    host_copy_guarded(&p->Io->Status, &done.Status, sizeof done.Status, &fault);
    host_futex_wake((volatile uint32_t *)&p->Io->Status, INT32_MAX);
    bool queue = pending || NT_SUCCESS(status);
    if (queue && p->Event) {
        KiLockDispatcher();
        KiSetEventLocked(p->Event);
        KiUnlockDispatcher();
    }
    if (queue && p->ApcContext && f->CompletionPort && !p->Apc &&
        (pending || !(f->CompletionModes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)))
        IopPostCompletion(f->CompletionPort, f->CompletionKey, (ULONG_PTR)p->ApcContext, status, information);
    if (queue && p->Apc)
        KeQueueUserApc(p->Thread, p->Apc, (ULONG_PTR)p->ApcContext, (ULONG_PTR)p->Io, 0);
    if (p->Event)
        ObDereferenceObject(p->Event);
    ObDereferenceObject(p->Thread);
    ObDereferenceObject(f);
}

static void finish(struct afd_request *r, NTSTATUS status, bool pending)
{
    give_from(r, status);
    IopEndPending(&r->End, status, r->Done, pending);
    if (r->AcceptFile)
        ObDereferenceObject(r->AcceptFile);
    free(r);   /* with the copy of the buffers' array, allocated with it */
}

/* An overlapped request made from the caller's (stack) one: the buffers' array is copied, as Winsock
 * captures WSABUFs before an overlapped call returns. */
static NTSTATUS start_overlapped(PFILE_OBJECT f, const struct afd_request *proto, const struct io_async *async,
                                 ULONG *done)
{
    struct afd_request *r = malloc(sizeof *r + proto->IovCount * sizeof(struct host_iovec));
    if (!r)
        return STATUS_NO_MEMORY;
    *r = *proto;
    r->Iov = (struct host_iovec *)(r + 1);
    memcpy(r->Iov, proto->Iov, proto->IovCount * sizeof *r->Iov);
    NTSTATUS status = IopStartPending(&r->End, f, async);
    if (status != STATUS_SUCCESS) {
        free(r);
        return status;
    }
    if (r->AcceptFile)
        ObReferenceObject(r->AcceptFile);
    status = submit(f, r);
    if (status == STATUS_MORE_PROCESSING_REQUIRED)
        status = submit(r->AcceptFile, r);
    if (status != STATUS_PENDING) {
        *done = r->Done;
        finish(r, status, false);
    }
    return status;
}

/* Runs a request as the caller asked: at once (async NULL, or a socket made without WSA_FLAG_OVERLAPPED,
 * whose requests end before they return even when overlapped) or overlapped. */
static NTSTATUS transfer(PFILE_OBJECT f, struct afd_request *r, const struct io_async *async, ULONG *done)
{
    if (async && !(f->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)))
        return start_overlapped(f, r, async, done);
    NTSTATUS status = run_now(f, r);
    if (status == STATUS_MORE_PROCESSING_REQUIRED) {
        status = run_now(r->AcceptFile, r);
        if (status == STATUS_CANT_WAIT)
            status = STATUS_SUCCESS;   /* a non-blocking AcceptEx has its connection; no bytes yet */
    }
    *done = r->Done;
    give_from(r, status);
    if (async)
        end_at_once(f, async, status, r->Done);   /* an overlapped call on a synchronous socket */
    return status;
}

/* An overlapped request that ended in the call (not through the queue), ended as the file services end a
 * read or write: the I/O status block, then IopCompleteRequest's event and port packet and the caller's APC,
 * for a success only. */
static void end_at_once(PFILE_OBJECT f, const struct io_async *async, NTSTATUS status, ULONG done)
{
    IO_STATUS_BLOCK io = {.Status = status, .Information = done};
    *async->Io = io;
    IopCompleteRequest(f, async->Event, async->Apc ? NULL : async->ApcContext, status, done);
    IopQueueCompletionApc(async->Apc, async->ApcContext, async->Io, status);
}

/* ---- the calls --------------------------------------------------------------------------------------------------- */

#define MAX_INLINE_BUFFERS 16

static NTSTATUS buffers_of(const struct io_buffer *bufs, ULONG count, struct host_iovec *stack,
                           struct host_iovec **iov)
{
    *iov = count <= MAX_INLINE_BUFFERS ? stack : malloc(count * sizeof **iov);
    if (!*iov)
        return STATUS_NO_MEMORY;
    for (ULONG i = 0; i < count; i++)
        (*iov)[i] = (struct host_iovec){bufs[i].Data, bufs[i].Length};
    return STATUS_SUCCESS;
}

/* A send or recv over the caller's buffers (WSABUFs). */
static NTSTATUS transfer_buffers(HANDLE socket, struct afd_request *r, const struct io_async *async,
                                 const struct io_buffer *bufs, ULONG count, ULONG *done)
{
    *done = 0;
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    struct host_iovec stack[MAX_INLINE_BUFFERS], *iov = NULL;
    if ((status = buffers_of(bufs, count, stack, &iov)) == STATUS_SUCCESS) {
        r->Iov = iov;
        r->IovCount = count;
        status = transfer(f, r, async, done);
    }
    if (iov != stack)
        free(iov);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketSend(HANDLE socket, const struct io_async *async, const struct io_buffer *bufs, ULONG count,
                      int flags, const void *addr, int addrlen, const struct io_msg_control *control, ULONG *done)
{
    *done = 0;
    if (addr && (addrlen < 2 || addrlen > ADDR_MAX))
        return STATUS_INVALID_PARAMETER;
    struct afd_request r = {.Kind = AFD_SEND, .Flags = flags, .AddrLen = addr ? addrlen : 0};
    if (addr)
        memcpy(r.Addr, addr, (size_t)addrlen);
    if (control && control->Length)
        r.Control = *control;
    return transfer_buffers(socket, &r, async, bufs, count, done);
}

NTSTATUS IoSocketRecv(HANDLE socket, const struct io_async *async, const struct io_buffer *bufs, ULONG count,
                      int flags, void *addr, int *addrlen, const struct io_msg_control *control, ULONG *done)
{
    struct afd_request r = {.Kind = AFD_RECV, .Flags = flags, .FromOut = addr, .FromLenOut = addrlen};
    if (control)
        r.Control = *control;
    return transfer_buffers(socket, &r, async, bufs, count, done);
}

NTSTATUS IopSocketTransfer(PFILE_OBJECT f, bool write, HANDLE event, PVOID apc, PVOID apc_context,
                           PIO_STATUS_BLOCK io, void *buffer, ULONG length)
{
    NTSTATUS status = IopSocketState(f);
    if (status != STATUS_SUCCESS)
        return io->Status = status;
    struct afd_request r = {.Kind = write ? AFD_SEND : AFD_RECV, .Inline = {buffer, length}, .IovCount = 1};
    r.Iov = &r.Inline;
    /* A ReadFile or WriteFile nobody can be told the end of (no event, routine or OVERLAPPED) ends before it
     * returns, as kernel32 waits for it on Windows. */
    struct io_async async = {event, apc, apc_context, io};
    ULONG done = 0;
    status = transfer(f, &r, event || apc || apc_context ? &async : NULL, &done);
    if (status != STATUS_PENDING) {
        io->Status = status;
        io->Information = done;
    }
    return status;
}

NTSTATUS IoSocketAccept(HANDLE socket, ULONG attributes, HANDLE *accepted, void *addr, int *len)
{
    *accepted = NULL;
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    struct io_socket *s = f->Socket;
    int fd = -1;
    int64_t deadline = -2;
    if (s->Type != 1)
        status = STATUS_NOT_SUPPORTED;
    else
        for (;;) {
            /* A blocking fd waits in accept itself; the new socket takes the listening socket's mode. */
            status = host_sock_accept(f->Fd, s->NonBlocking, &fd, addr, len);
            IopEnableSocketEvents(f, IO_FD_ACCEPT);
            if (status != STATUS_CANT_WAIT || s->NonBlocking)
                break;
            if (deadline == -2)
                deadline = deadline_of(f, AFD_IN);
            if ((status = wait_ready(f, AFD_IN, deadline)) != STATUS_SUCCESS)
                break;
        }
    if (status == STATUS_SUCCESS) {
        status = IopInsertSocket(fd, s->Family, s->Type, attributes, !(f->Options & FILE_SYNCHRONOUS_IO_NONALERT),
                                 accepted);
        /* Windows' accepted socket takes the listening socket's mode (and an AF_UNIX one its path). */
        PFILE_OBJECT a;
        if (status == STATUS_SUCCESS && IopReferenceSocket(*accepted, &a) == STATUS_SUCCESS) {
            a->Socket->NonBlocking = s->NonBlocking;
            memcpy(a->Socket->UnixName, s->UnixName, sizeof s->UnixName);
            ObDereferenceObject(a);
        }
        host_close(fd);
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketAcceptEx(HANDLE socket, HANDLE accept_socket, const struct io_async *async, void *buffer,
                          ULONG recv_len, ULONG local_len, ULONG remote_len, ULONG *done)
{
    *done = 0;
    PFILE_OBJECT f, a;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    if ((status = IopReferenceSocket(accept_socket, &a)) != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    /* The listening socket must listen, and the accept socket be a fresh one of its kind (WSAEINVAL). */
    if (!f->Socket->Listening || a->Socket->Family != f->Socket->Family || a->Socket->Type != f->Socket->Type ||
        a->Socket->Listening || IopSocketConnected(a))
        status = STATUS_INVALID_PARAMETER;
    else if (!buffer || local_len < sizeof(int) + 16 || remote_len < sizeof(int) + 16)
        status = STATUS_ACCESS_VIOLATION;
    else if ((status = IopMakeHostNonBlocking(f)) == STATUS_SUCCESS) {   /* the poller's accept must not wait */
        memcpy(a->Socket->UnixName, f->Socket->UnixName, sizeof f->Socket->UnixName);
        struct afd_request r = {.Kind = AFD_ACCEPT, .AcceptFile = a, .AcceptBuffer = buffer, .RecvLen = recv_len,
                                .LocalLen = local_len, .RemoteLen = remote_len};
        r.Iov = &r.Inline;
        status = transfer(f, &r, async, done);
    }
    ObDereferenceObject(a);
    ObDereferenceObject(f);
    return status;
}

/* A connect's AF_UNIX peer in host form, its Windows path kept for getpeername. */
static NTSTATUS unix_peer(PFILE_OBJECT f, struct afd_request *r)
{
    if (f->Socket->Family != HOST_WS_AF_UNIX)
        return STATUS_SUCCESS;
    unsigned char host[IO_ADDR_MAX];
    int hlen;
    char name[108];
    NTSTATUS status = IopUnixAddress(r->Addr, r->AddrLen, host, &hlen, name);
    if (status == STATUS_SUCCESS) {
        memcpy(r->Addr, host, (size_t)hlen);
        r->AddrLen = hlen;
        memcpy(f->Socket->UnixPeer, name, sizeof name);
    }
    return status;
}

NTSTATUS IoSocketConnect(HANDLE socket, const void *addr, int len)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    if (len < 2 || len > ADDR_MAX || *(const USHORT *)addr != f->Socket->Family)
        status = STATUS_INVALID_PARAMETER;
    else if (f->Socket->Type == 1 && IopSocketConnected(f))
        status = STATUS_CONNECTION_ACTIVE;   /* Linux's second connect succeeds; Windows' says WSAEISCONN */
    else {
        struct afd_request r = {.Kind = AFD_CONNECT, .AddrLen = len};
        memcpy(r.Addr, addr, (size_t)len);
        r.Iov = &r.Inline;
        ULONG done;
        status = unix_peer(f, &r);
        if (status == STATUS_SUCCESS)
            status = transfer(f, &r, NULL, &done);
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketConnectEx(HANDLE socket, const struct io_async *async, const void *addr, int len,
                           const void *data, ULONG length, ULONG *done)
{
    *done = 0;
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    /* ConnectEx wants a bound stream socket (WSAEINVAL otherwise), not yet connected (WSAEISCONN). */
    if (f->Socket->Type != 1 || len < 2 || len > ADDR_MAX || *(const USHORT *)addr != f->Socket->Family ||
        !IopSocketBound(f))
        status = STATUS_INVALID_PARAMETER;
    else if (IopSocketConnected(f))
        status = STATUS_CONNECTION_ACTIVE;
    else if ((status = IopMakeHostNonBlocking(f)) == STATUS_SUCCESS) {   /* the connect goes on in the background */
        struct afd_request r = {.Kind = AFD_CONNECT, .AddrLen = len, .Inline = {(void *)data, data ? length : 0},
                                .IovCount = data && length ? 1 : 0};
        memcpy(r.Addr, addr, (size_t)len);
        r.Iov = &r.Inline;
        status = unix_peer(f, &r);
        if (status == STATUS_SUCCESS)
            status = transfer(f, &r, async, done);
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketDisconnect(HANDLE socket, const struct io_async *async, BOOLEAN reuse)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    if (f->Socket->Type != 1 || !IopSocketConnected(f))
        status = STATUS_INVALID_CONNECTION;
    else
        status = host_sock_shutdown(f->Fd, 2);
    if (status == STATUS_SUCCESS && reuse) {
        /* TF_REUSE_SOCKET: the handle stays, over a new unconnected socket of the same kind. */
        int fd;
        if ((status = host_sock_create(f->Socket->Family, 1, 0, &fd)) == STATUS_SUCCESS) {
            status = host_sock_replace(f->Fd, fd);
            host_close(fd);
            __atomic_store_n(&f->Socket->HostNonBlocking, FALSE, __ATOMIC_RELEASE);   /* the new fd blocks */
            if (status == STATUS_SUCCESS && f->Socket->NonBlocking)
                status = IopMakeHostNonBlocking(f);
        }
        f->Socket->SendShutdown = FALSE;
    } else if (status == STATUS_SUCCESS) {
        f->Socket->SendShutdown = TRUE;
    }
    if (async)
        end_at_once(f, async, status, 0);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketEndAtOnce(HANDLE socket, const struct io_async *async, NTSTATUS status, ULONG done)
{
    PFILE_OBJECT f;
    NTSTATUS st = IopReferenceSocket(socket, &f);
    if (st != STATUS_SUCCESS)
        return st;
    end_at_once(f, async, status, done);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoWaitForSocketIo(PIO_STATUS_BLOCK io, LONG timeout_ms)
{
    volatile uint32_t *word = (volatile uint32_t *)&io->Status;
    int64_t deadline = timeout_ms < 0 ? -1 : (int64_t)host_monotonic_ns() + (int64_t)timeout_ms * 1000000;
    while (__atomic_load_n(word, __ATOMIC_ACQUIRE) == (uint32_t)STATUS_PENDING) {
        int64_t left = -1;
        if (deadline >= 0 && (left = deadline - (int64_t)host_monotonic_ns()) <= 0)
            return STATUS_TIMEOUT;
        host_futex_wait(word, (uint32_t)STATUS_PENDING, left);
    }
    return STATUS_SUCCESS;
}

/* ---- cancel and close -------------------------------------------------------------------------------------------- */

static struct afd_request *take_requests(struct io_socket *s, PIO_STATUS_BLOCK request, PETHREAD thread)
{
    struct afd_request *taken = NULL;
    for (int dir = 0; dir < 2; dir++) {
        struct afd_queue *q = &s->Queue[dir];
        struct afd_request **link = &q->Head, *prev = NULL;
        while (*link) {
            struct afd_request *r = *link;
            if ((!request || r->End.Io == request) && (!thread || r->End.Thread == thread)) {
                *link = r->Next;
                push(&taken, r, STATUS_CANCELLED);
            } else {
                prev = r;
                link = &r->Next;
            }
        }
        q->Tail = prev;
    }
    return taken;
}

NTSTATUS IopCancelSocketIo(PFILE_OBJECT f, PIO_STATUS_BLOCK request, bool thread_only)
{
    struct io_socket *s = __atomic_load_n(&f->Socket, __ATOMIC_ACQUIRE);
    if (!s)
        return STATUS_NOT_FOUND;
    host_lock_acquire(&s->Lock);
    struct afd_request *taken = take_requests(s, request, thread_only ? PsGetCurrentThread() : NULL);
    host_lock_release(&s->Lock);
    if (!taken)
        return STATUS_NOT_FOUND;
    while (taken) {
        struct afd_request *r = taken;
        taken = r->Next;
        finish(r, STATUS_CANCELLED, true);
    }
    return STATUS_SUCCESS;
}

void IopCloseSocket(PFILE_OBJECT f)
{
    struct io_socket *s = __atomic_load_n(&f->Socket, __ATOMIC_ACQUIRE);
    if (!s)
        return;
    IopAfdPollSocketClosed(f);
    host_lock_acquire(&s->Lock);
    s->Closed = TRUE;
    struct afd_request *taken = take_requests(s, NULL, NULL);
    bool polled = s->Polled;
    s->Polled = FALSE;
    host_lock_release(&s->Lock);
    while (taken) {
        struct afd_request *r = taken;
        taken = r->Next;
        finish(r, STATUS_CANCELLED, true);
    }
    if (polled) {
        host_poller_remove(&poller.Set, f->Fd);
        host_lock_acquire(&poller.Lock);
        s->ReleaseNext = poller.Release;
        poller.Release = f;
        host_lock_release(&poller.Lock);
        host_poller_wake(&poller.Set);
    }
}
