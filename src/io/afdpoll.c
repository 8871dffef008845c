/*
 * \Device\Afd as a file, and IOCTL_AFD_POLL on it: the readiness interface under Rust's mio (tokio),
 * libuv's uv_poll and wepoll. A program opens \Device\Afd (any name under it, mio's \Device\Afd\Mio),
 * associates the handle with a completion port, and asks NtDeviceIoControlFile(IOCTL_AFD_POLL) with an
 * AFD_POLL_INFO naming sockets and the AFD_POLL_* events it waits for; the request ends, with the events
 * that happened written back into the same structure, when one of them happens on one of the sockets,
 * when its timeout passes (STATUS_TIMEOUT), or when it is cancelled (STATUS_CANCELLED).
 *
 * A pending poll waits in the sockets' own lists, fed by the poller of io/afdio.c: each readiness edge of
 * a socket looks at the polls waiting on it (IopAfdPollEdge), and the poller's wait ends at the nearest
 * poll deadline. One lock covers every poll and every socket's list of them; a poll's state is read from
 * the host after its entries are in the lists, so an edge between the look and the queueing is never lost
 * (the poller waits for the lock and finds them).
 *
 * What a socket reports follows Windows' states, not Linux's revents: a stream socket never connected
 * reports nothing (Linux says POLLOUT | POLLHUP), a listening one ACCEPT, a connecting one CONNECT_FAIL
 * when its connect fails, a connected one CONNECT always (as Windows does; mio does not ask for it),
 * RECEIVE while data waits, DISCONNECT once the peer's FIN came (with or without data left to read), ABORT
 * after a reset, SEND while it may send; LOCAL_CLOSE, asked for or not, when its last handle closes under
 * the poll. An exclusive poll ends the exclusive main poll of its sockets (handle_exclusive). As on
 * Windows, a socket handle takes IOCTL_AFD_POLL as well as \Device\Afd does (libuv polls through a socket
 * of the same protocol).
 */
#include <stdlib.h>
#include <string.h>

#include "host/sockets.h"
#include "io/afdp.h"
#include "ke/ke.h"
#include "nt/file.h"
#include "ps/ps.h"
#include "rtl/rtl.h"

#define IOCTL_AFD_POLL 0x00012024

#define AFD_POLL_RECEIVE           0x0001
#define AFD_POLL_RECEIVE_EXPEDITED 0x0002
#define AFD_POLL_SEND              0x0004
#define AFD_POLL_DISCONNECT        0x0008
#define AFD_POLL_ABORT             0x0010
#define AFD_POLL_LOCAL_CLOSE       0x0020
#define AFD_POLL_CONNECT           0x0040
#define AFD_POLL_ACCEPT            0x0080
#define AFD_POLL_CONNECT_FAIL      0x0100

/* AFD_POLL_INFO and its AFD_POLL_HANDLE_INFO entries (x64 layout). */
struct afd_poll_handle_info {
    HANDLE Handle;
    ULONG Events;
    NTSTATUS Status;
};
struct afd_poll_info {
    LARGE_INTEGER Timeout;
    ULONG NumberOfHandles;
    ULONG Exclusive;
    struct afd_poll_handle_info Handles[];
};
static_assert(sizeof(struct afd_poll_info) == 16 && sizeof(struct afd_poll_handle_info) == 16, "AFD_POLL_INFO");

struct afd_poll;

/* One socket of a poll, in that socket's list while the poll waits. */
struct afd_poll_entry {
    struct afd_poll_entry *Next;
    struct afd_poll *Poll;
    PFILE_OBJECT Socket;        /* referenced */
    HANDLE Handle;              /* as the caller named it, written back */
    ULONG Asked, Got;
    NTSTATUS Status;            /* written back with Got: CONNECT_FAIL's error */
};

struct afd_poll {
    struct afd_poll *Next;      /* the pending list; also the list of polls ending together */
    struct io_pending End;      /* End.File: the file the poll was issued on (\Device\Afd or a socket) */
    struct afd_poll_info *Out;  /* the caller's AFD_POLL_INFO, written as the poll ends */
    LARGE_INTEGER Timeout;      /* as given, written back */
    int64_t Deadline;           /* host_monotonic_ns, -1: none */
    ULONG Exclusive;
    ULONG Count;
    struct afd_poll_entry Entries[];
};

static host_lock poll_lock = HOST_LOCK_INIT;
static struct afd_poll *pending;

bool IopIsAfdDevicePath(const WCHAR *p, size_t units)
{
    static const WCHAR afd[] = u"\\Device\\Afd";
    size_t n = ARRAY_SIZE(afd) - 1;
    return units >= n && RtlCompareUnicodeStrings(p, n, afd, n, TRUE) == 0 && (units == n || p[n] == '\\');
}

/* ---- what a socket reports --------------------------------------------------------------------------------------- */

/* The AFD_POLL_* events the socket reports now; *error: CONNECT_FAIL's status (the connect's error). */
static ULONG socket_events(PFILE_OBJECT f, NTSTATUS *error)
{
    *error = STATUS_SUCCESS;
    struct io_socket *s = f->Socket;
    bool stream = s->Type == 1;
    struct host_readiness r;
    if (host_sock_readiness(f->Fd, stream, &r) != STATUS_SUCCESS)
        return 0;
    unsigned e = r.events;
    if (stream && s->Listening)
        return e & (HOST_POLL_IN | HOST_POLL_ERR | HOST_POLL_HUP) ? AFD_POLL_ACCEPT : 0;
    bool connected = !stream || IopSocketConnected(f);
    if (stream && !connected && !s->WasConnected) {
        if (!s->Connecting || !(e & (HOST_POLL_ERR | HOST_POLL_HUP)))
            return 0;
        *error = IopSocketError(s, f->Fd, false);
        return AFD_POLL_CONNECT_FAIL;
    }
    if (stream && !connected) {
        /* The connection is gone: reset (an error pending; Windows then reports WRITE | CONNECT | RESET,
         * as Wine's afd tests check there) or closed by both sides (the peer's FIN seen, no error). */
        bool reset = (e & HOST_POLL_ERR) || r.peek < 0 || !((e & HOST_POLL_RDHUP) || r.peek == 0);
        return AFD_POLL_CONNECT | (reset ? AFD_POLL_ABORT : AFD_POLL_DISCONNECT) |
               ((e & HOST_POLL_OUT) && !s->SendShutdown ? AFD_POLL_SEND : 0);
    }
    ULONG got = stream ? AFD_POLL_CONNECT : 0;
    if (stream && (e & HOST_POLL_IN))
        got |= r.peek == 1 ? AFD_POLL_RECEIVE : r.peek == 0 ? AFD_POLL_DISCONNECT : r.peek < 0 ? AFD_POLL_ABORT : 0;
    else if (e & HOST_POLL_IN)
        got |= AFD_POLL_RECEIVE;
    if (stream && (e & HOST_POLL_RDHUP))
        got |= AFD_POLL_DISCONNECT;   /* the FIN came, with data still unread: READ|HUP on Windows (Wine's afd tests) */
    if (stream && (e & HOST_POLL_ERR))
        got |= AFD_POLL_ABORT;
    else if (stream && (e & HOST_POLL_HUP))
        got |= AFD_POLL_DISCONNECT;
    if (e & HOST_POLL_PRI)
        got |= AFD_POLL_RECEIVE_EXPEDITED;
    if ((e & HOST_POLL_OUT) && !(stream && s->SendShutdown))
        got |= AFD_POLL_SEND;
    return got;
}

/* ---- the lists, under poll_lock ------------------------------------------------------------------------------------ */

static void unlink_entry(struct afd_poll_entry *e)
{
    struct afd_poll_entry **link = &e->Socket->Socket->Polls;
    while (*link && *link != e)
        link = &(*link)->Next;
    if (*link)
        *link = e->Next;
}

/* A poll that ends is no longer its sockets' main poll. */
static void release_main(struct afd_poll *p)
{
    for (ULONG i = 0; i < p->Count; i++)
        if (p->Entries[i].Socket->Socket->MainPoll == p)
            p->Entries[i].Socket->Socket->MainPoll = NULL;
}

/* Takes a waiting poll out of every list and onto *ending. */
static void take_poll(struct afd_poll *p, struct afd_poll **ending)
{
    release_main(p);
    for (ULONG i = 0; i < p->Count; i++)
        unlink_entry(&p->Entries[i]);
    struct afd_poll **link = &pending;
    while (*link && *link != p)
        link = &(*link)->Next;
    if (*link)
        *link = p->Next;
    p->Next = *ending;
    *ending = p;
}

/* ---- the end of a poll ---------------------------------------------------------------------------------------------- */

/* Writes the events that happened back into the caller's AFD_POLL_INFO (none for a cancelled poll) and ends
 * the request; drops the poll's references. */
static void end_poll(struct afd_poll *p, NTSTATUS status, bool was_pending)
{
    ULONG_PTR information = 0;
    if (status != STATUS_CANCELLED) {
        struct afd_poll_info head = {.Timeout = p->Timeout, .Exclusive = p->Exclusive};
        uint64_t fault;
        for (ULONG i = 0; i < p->Count; i++) {
            struct afd_poll_entry *e = &p->Entries[i];
            if (!e->Got || status != STATUS_SUCCESS)
                continue;
            struct afd_poll_handle_info h = {e->Handle, e->Got, e->Status};
            host_copy_guarded(&p->Out->Handles[head.NumberOfHandles++], &h, sizeof h, &fault);
        }
        host_copy_guarded(p->Out, &head, sizeof head, &fault);
        information = sizeof head + head.NumberOfHandles * sizeof(struct afd_poll_handle_info);
    }
    IopEndPending(&p->End, status, information, was_pending);
    for (ULONG i = 0; i < p->Count; i++)
        ObDereferenceObject(p->Entries[i].Socket);
    free(p);
}

static void end_polls(struct afd_poll *ending, NTSTATUS status)
{
    while (ending) {
        struct afd_poll *p = ending;
        ending = p->Next;
        end_poll(p, status, true);
    }
}

/* ---- the poller's side ----------------------------------------------------------------------------------------------- */

void IopAfdPollEdge(PFILE_OBJECT socket)
{
    struct afd_poll *ending = NULL;
    host_lock_acquire(&poll_lock);
    struct io_socket *s = socket->Socket;
    if (s->Polls) {
        NTSTATUS error;
        ULONG got = socket_events(socket, &error);
        struct afd_poll_entry *e = s->Polls;
        while (e) {
            struct afd_poll_entry *next = e->Next;
            if (e->Asked & got) {
                e->Got = e->Asked & got;
                e->Status = error;
                take_poll(e->Poll, &ending);
                next = s->Polls;   /* the list changed: start again (what ended is out of it) */
            }
            e = next;
        }
    }
    host_lock_release(&poll_lock);
    end_polls(ending, STATUS_SUCCESS);
}

int IopAfdPollTimeout(void)
{
    int64_t nearest = -1;
    host_lock_acquire(&poll_lock);
    for (struct afd_poll *p = pending; p; p = p->Next)
        if (p->Deadline >= 0 && (nearest < 0 || p->Deadline < nearest))
            nearest = p->Deadline;
    host_lock_release(&poll_lock);
    if (nearest < 0)
        return -1;
    int64_t left = nearest - (int64_t)host_monotonic_ns();
    return left <= 0 ? 0 : left >= (int64_t)INT32_MAX * 1000000 ? INT32_MAX : (int)((left + 999999) / 1000000);
}

void IopAfdPollExpire(void)
{
    struct afd_poll *ending = NULL;
    int64_t now = (int64_t)host_monotonic_ns();
    host_lock_acquire(&poll_lock);
    for (struct afd_poll *p = pending, *next; p; p = next) {
        next = p->Next;
        if (p->Deadline >= 0 && p->Deadline <= now)
            take_poll(p, &ending);
    }
    host_lock_release(&poll_lock);
    end_polls(ending, STATUS_TIMEOUT);
}

void IopAfdPollSocketClosed(PFILE_OBJECT socket)
{
    struct afd_poll *ending = NULL;
    host_lock_acquire(&poll_lock);
    struct io_socket *s = socket->Socket;
    /* "AFD_POLL_CLOSE is always returned, regardless of whether it's polled for" (Wine's afd tests, which
     * pass on Windows). */
    while (s->Polls) {
        s->Polls->Got = AFD_POLL_LOCAL_CLOSE;
        take_poll(s->Polls->Poll, &ending);
    }
    host_lock_release(&poll_lock);
    end_polls(ending, STATUS_SUCCESS);
}

/* ---- cancel and close ------------------------------------------------------------------------------------------------- */

NTSTATUS IopCancelAfdPolls(PFILE_OBJECT device, PIO_STATUS_BLOCK request, bool thread_only)
{
    struct afd_poll *ending = NULL;
    PETHREAD thread = thread_only ? PsGetCurrentThread() : NULL;
    host_lock_acquire(&poll_lock);
    for (struct afd_poll *p = pending, *next; p; p = next) {
        next = p->Next;
        if (p->End.File == device && (!request || p->End.Io == request) && (!thread || p->End.Thread == thread))
            take_poll(p, &ending);
    }
    host_lock_release(&poll_lock);
    if (!ending)
        return STATUS_NOT_FOUND;
    end_polls(ending, STATUS_CANCELLED);
    return STATUS_SUCCESS;
}

/* ---- IOCTL_AFD_POLL ---------------------------------------------------------------------------------------------------- */

static int64_t deadline_of(LARGE_INTEGER timeout)
{
    if (timeout.QuadPart == INT64_MAX)
        return -1;
    int64_t now = (int64_t)host_monotonic_ns();
    if (timeout.QuadPart < 0)   /* relative, in 100 ns */
        return timeout.QuadPart < -(INT64_MAX / 100) ? -1 : now - timeout.QuadPart * 100;
    int64_t left = timeout.QuadPart - (int64_t)host_system_time();   /* absolute system time */
    return left <= 0 ? now : left > INT64_MAX / 100 - now / 100 ? -1 : now + left * 100;
}

/* Each socket has a main poll: the first that came while it had none. An exclusive poll ends its sockets'
 * main polls that are exclusive too (with no events), and becomes the main poll where there is none; a
 * plain main poll stays, as Wine's afd tests (run on Windows) have it. */
static void handle_exclusive(struct afd_poll *p, struct afd_poll **ending)
{
    for (ULONG i = 0; i < p->Count; i++) {
        struct io_socket *s = p->Entries[i].Socket->Socket;
        if (s->MainPoll && s->MainPoll->Exclusive && p->Exclusive)
            take_poll(s->MainPoll, ending);
        if (!s->MainPoll)
            s->MainPoll = p;
    }
}

static NTSTATUS afd_poll(PFILE_OBJECT device, const struct io_async *async, const void *in, ULONG in_length,
                         void *out, ULONG out_length)
{
    struct afd_poll_info head;
    if (!in || in_length < sizeof head || !out)
        return STATUS_INVALID_PARAMETER;
    memcpy(&head, in, sizeof head);
    ULONG count = head.NumberOfHandles;
    size_t size = sizeof head + (size_t)count * sizeof(struct afd_poll_handle_info);
    if (!count || in_length < size || out_length < in_length)
        return STATUS_INVALID_PARAMETER;
    struct afd_poll *p = calloc(1, sizeof *p + count * sizeof p->Entries[0]);
    if (!p)
        return STATUS_NO_MEMORY;
    p->Out = out;
    p->Timeout = head.Timeout;
    p->Deadline = deadline_of(head.Timeout);
    p->Exclusive = head.Exclusive;
    NTSTATUS status = STATUS_SUCCESS;
    const struct afd_poll_handle_info *asked = ((const struct afd_poll_info *)in)->Handles;
    for (; p->Count < count; p->Count++) {
        struct afd_poll_entry *e = &p->Entries[p->Count];
        e->Poll = p;
        e->Handle = asked[p->Count].Handle;
        e->Asked = asked[p->Count].Events;
        if ((status = IopReferenceSocket(e->Handle, &e->Socket)) != STATUS_SUCCESS ||
            (status = IopWatchSocket(e->Socket)) != STATUS_SUCCESS) {
            if (e->Socket)
                ObDereferenceObject(e->Socket);
            break;
        }
    }
    if (status == STATUS_SUCCESS)
        status = IopStartPending(&p->End, device, async);
    if (status != STATUS_SUCCESS) {
        for (ULONG i = 0; i < p->Count; i++)
            ObDereferenceObject(p->Entries[i].Socket);
        free(p);
        return status == STATUS_OBJECT_TYPE_MISMATCH ? STATUS_INVALID_HANDLE : status;
    }
    /* The sockets are in the poller's set: an edge from now on looks at the lists, which are ours until
     * the lock goes. */
    struct afd_poll *ending = NULL;
    bool ready = false;
    host_lock_acquire(&poll_lock);
    handle_exclusive(p, &ending);
    for (ULONG i = 0; i < p->Count; i++) {
        struct afd_poll_entry *e = &p->Entries[i];
        e->Got = e->Asked & socket_events(e->Socket, &e->Status);
        ready |= e->Got != 0;
    }
    bool expired = !ready && p->Deadline >= 0 && p->Deadline <= (int64_t)host_monotonic_ns();
    if (!ready && !expired) {
        for (ULONG i = 0; i < p->Count; i++) {
            struct afd_poll_entry *e = &p->Entries[i];
            e->Next = e->Socket->Socket->Polls;
            e->Socket->Socket->Polls = e;
        }
        p->Next = pending;
        pending = p;
    } else {
        release_main(p);
    }
    host_lock_release(&poll_lock);
    end_polls(ending, STATUS_SUCCESS);
    if (ready || expired) {
        status = ready ? STATUS_SUCCESS : STATUS_TIMEOUT;
        end_poll(p, status, false);
        return status;
    }
    if (p->Deadline >= 0)
        IopWakePoller();   /* a nearer deadline, perhaps */
    return STATUS_PENDING;
}

NTSTATUS IopAfdDeviceControl(PFILE_OBJECT device, const struct io_async *async, ULONG code, const void *in,
                             ULONG in_length, void *out, ULONG out_length)
{
    if (code != IOCTL_AFD_POLL)
        return STATUS_INVALID_DEVICE_REQUEST;
    NTSTATUS status = afd_poll(device, async, in, in_length, out, out_length);
    /* A handle for synchronous I/O waits for the end, as the I/O manager waits for its IRPs. */
    if (status == STATUS_PENDING && (device->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT))) {
        IoWaitForSocketIo(async->Io, -1);
        status = async->Io->Status;
    }
    return status;
}
