/*
 * Sockets: file objects over host socket fds (see afd.h). The state Windows keeps and Linux does not (the
 * family and type the socket was made with, non-blocking mode, SO_REUSEADDR and SO_EXCLUSIVEADDRUSE with
 * their Windows meanings) lives in struct io_socket. A socket that crossed into a child host arrives as a
 * file object of the socket kind; its state is rebuilt from the fd on first use.
 *
 * The transfers (send, recv, accept, connect: blocking, non-blocking or overlapped) are io/afdio.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "host/sockets.h"
#include "io/afdp.h"
#include "ke/ke.h"
#include "nt/file.h"
#include "ps/ps.h"

/* WSAEventSelect: a host thread polls the socket for the events the mask asks for and are enabled, records
 * them and sets the event. A recorded event is disabled until the call that re-enables it (recv for FD_READ,
 * accept for FD_ACCEPT, a send that would block for FD_WRITE), as Windows does, so the thread never spins
 * on a level that stays ready. The wake pipe tells it that the mask or the enabled set changed. */
struct io_event_select {
    host_lock Lock;
    void *Event;              /* the KEVENT (referenced), or NULL */
    ULONG Mask, Enabled, Recorded;
    NTSTATUS Errors[IO_FD_MAX_EVENTS];
    int Fd, Wake[2];
    bool Stop;
    volatile uint32_t Running;   /* 1 until the thread ends (a futex word) */
};

#define SOL_SOCKET_WS       0xFFFF
#define SO_REUSEADDR_WS     0x0004
#define SO_EXCLUSIVE_WS     ((int)~SO_REUSEADDR_WS)
#define SO_ERROR_WS         0x1007
#define SO_SNDTIMEO_WS      0x1005
#define SO_RCVTIMEO_WS      0x1006
#define SO_UPDATE_ACCEPT_CONTEXT_WS  0x700B
#define SO_UPDATE_CONNECT_CONTEXT_WS 0x7010

static void wake_select(struct io_event_select *es)
{
    size_t n;
    host_write(es->Wake[1], "w", 1, &n);
}

/* The re-enabling calls: events become recordable again. */
void IopEnableSocketEvents(PFILE_OBJECT f, ULONG events)
{
    struct io_event_select *es = __atomic_load_n(&f->Socket->Select, __ATOMIC_ACQUIRE);
    if (!es)
        return;
    host_lock_acquire(&es->Lock);
    /* A connect that starts changes what the thread polls for even when FD_CONNECT was enabled already. */
    bool changed = (es->Enabled & events) != events || (events & IO_FD_CONNECT);
    es->Enabled |= events;
    host_lock_release(&es->Lock);
    if (changed)
        wake_select(es);
}

void IopDeleteSocket(PFILE_OBJECT f)
{
    struct io_event_select *es = f->Socket ? f->Socket->Select : NULL;
    if (es) {
        host_lock_acquire(&es->Lock);
        es->Stop = true;
        host_lock_release(&es->Lock);
        wake_select(es);
        while (__atomic_load_n(&es->Running, __ATOMIC_ACQUIRE))
            host_futex_wait(&es->Running, 1, -1);
        host_close(es->Wake[0]);
        host_close(es->Wake[1]);
        if (es->Event)
            ObDereferenceObject(es->Event);
        free(es);
    }
    free(f->Socket);
    f->Socket = NULL;
}

static NTSTATUS attach_state(PFILE_OBJECT f, int family, int type)
{
    struct io_socket *s = calloc(1, sizeof *s);
    if (!s)
        return STATUS_NO_MEMORY;
    s->Family = family;
    s->Type = type;
    s->HostNonBlocking = host_sock_is_nonblocking(f->Fd);
    unsigned char peer[IO_ADDR_MAX];
    int len = sizeof peer;
    s->WasConnected = host_sock_name(f->Fd, TRUE, peer, &len) == STATUS_SUCCESS;   /* accepted, inherited */
    struct io_socket *none = NULL;
    if (!__atomic_compare_exchange_n(&f->Socket, &none, s, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        free(s);   /* another thread rebuilt it first */
    return STATUS_SUCCESS;
}

NTSTATUS IopUnixAddress(const void *addr, int len, unsigned char *out, int *out_len, char *name)
{
    const char *path = (const char *)addr + 2;
    size_t n = 0, room = len > 2 ? (size_t)len - 2 : 0;
    if (room > 108)
        room = 108;
    while (n < room && path[n])
        n++;
    if (!n || n >= 108)
        return STATUS_INVALID_PARAMETER;
    WCHAR wide[108];
    for (size_t i = 0; i < n; i++)
        wide[i] = (unsigned char)path[i];
    UNICODE_STRING us = {(USHORT)(n * sizeof(WCHAR)), (USHORT)(n * sizeof(WCHAR)), wide};
    char *host;
    NTSTATUS status = IoTranslatePath(&us, &host);
    if (status != STATUS_SUCCESS)
        return status;
    size_t hl = strlen(host);
    if (hl >= IO_ADDR_MAX - 3) {   /* sockaddr_un holds 108 bytes of path */
        free(host);
        return STATUS_NAME_TOO_LONG;
    }
    memset(out, 0, IO_ADDR_MAX);
    *(USHORT *)out = HOST_WS_AF_UNIX;
    memcpy(out + 2, host, hl + 1);
    *out_len = (int)(2 + hl + 1);
    free(host);
    memcpy(name, path, n);
    name[n] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS IopSocketError(struct io_socket *s, int fd, bool take)
{
    NTSTATUS kept = __atomic_exchange_n(&s->KeptError, STATUS_SUCCESS, __ATOMIC_ACQ_REL);
    if (kept == STATUS_SUCCESS) {
        int err = 0;
        size_t len = sizeof err;
        if (host_sock_getopt(fd, SOL_SOCKET_WS, SO_ERROR_WS, &err, &len) == STATUS_SUCCESS)
            kept = (NTSTATUS)err;
    }
    if (!take && kept != STATUS_SUCCESS)
        __atomic_store_n(&s->KeptError, kept, __ATOMIC_RELEASE);
    return kept;
}

bool IopSocketConnected(PFILE_OBJECT f)
{
    unsigned char peer[IO_ADDR_MAX];
    int len = sizeof peer;
    bool connected = host_sock_name(f->Fd, TRUE, peer, &len) == STATUS_SUCCESS;
    if (connected)
        f->Socket->WasConnected = TRUE;
    return connected;
}

bool IopSocketBound(PFILE_OBJECT f)
{
    if (f->Socket->Family == HOST_WS_AF_UNIX)
        return f->Socket->UnixName[0] != 0;
    unsigned char name[IO_ADDR_MAX];
    int len = sizeof name;
    /* An unbound INET socket reports port 0 (the any address); Windows has no name for it at all. */
    return host_sock_name(f->Fd, FALSE, name, &len) == STATUS_SUCCESS && (name[2] || name[3]);
}

NTSTATUS IopMakeHostNonBlocking(PFILE_OBJECT f)
{
    struct io_socket *s = f->Socket;
    if (__atomic_load_n(&s->HostNonBlocking, __ATOMIC_ACQUIRE))
        return STATUS_SUCCESS;
    NTSTATUS status = host_sock_make_nonblocking(f->Fd);
    if (status == STATUS_SUCCESS)
        __atomic_store_n(&s->HostNonBlocking, TRUE, __ATOMIC_RELEASE);
    return status;
}

/* A socket's state, attached on first use to a file object that came over a host socket fd (inherited or
 * duplicated from another process); STATUS_INVALID_HANDLE for a file that is no socket. */
NTSTATUS IopSocketState(PFILE_OBJECT f)
{
    if (__atomic_load_n(&f->Socket, __ATOMIC_ACQUIRE))
        return STATUS_SUCCESS;
    int family, type;
    if (f->HostType != HOST_FT_SOCKET || f->NamedPipe || f->Fd < 0 || (f->Flags & FO_HOST_SOCKET))
        return STATUS_INVALID_HANDLE;
    if (host_sock_kind(f->Fd, &family, &type) != STATUS_SUCCESS) {
        f->Flags |= FO_HOST_SOCKET;   /* remembered: ReadFile and WriteFile ask on every call */
        return STATUS_INVALID_HANDLE;
    }
    return attach_state(f, family, type);
}

NTSTATUS IopReferenceSocket(HANDLE handle, PFILE_OBJECT *file)
{
    PFILE_OBJECT f;
    *file = NULL;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    if (status != STATUS_SUCCESS)
        return STATUS_INVALID_HANDLE;
    if ((status = IopSocketState(f)) != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    *file = f;
    return STATUS_SUCCESS;
}

NTSTATUS IopInsertSocket(int fd, int family, int type, ULONG attributes, BOOLEAN overlapped, HANDLE *handle)
{
    PFILE_OBJECT f;
    NTSTATUS status = IoCreateFileObjectForFd(fd, FILE_GENERIC_READ | FILE_GENERIC_WRITE, &f);
    if (status != STATUS_SUCCESS)
        return status;
    f->HostType = HOST_FT_SOCKET;
    /* A socket made for overlapped I/O is an asynchronous file object (it can join a completion port);
     * one made without WSA_FLAG_OVERLAPPED does every transfer before the call returns. */
    f->Flags &= ~FO_SYNCHRONOUS_IO;
    if (!overlapped)
        f->Options |= FILE_SYNCHRONOUS_IO_NONALERT;
    status = attach_state(f, family, type);
    if (status == STATUS_SUCCESS)
        status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, f, f->Access, attributes, handle);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoCreateSocket(int family, int type, int protocol, ULONG attributes, BOOLEAN overlapped, HANDLE *handle)
{
    int fd;
    *handle = NULL;
    NTSTATUS status = host_sock_create(family, type, protocol, &fd);
    if (status != STATUS_SUCCESS)
        return status;
    status = IopInsertSocket(fd, family, type, attributes, overlapped, handle);
    host_close(fd);   /* the file object holds a duplicate */
    return status;
}

NTSTATUS IoSocketBind(HANDLE socket, const void *addr, int len)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    struct io_socket *s = f->Socket;
    /* The family must be the socket's: Linux would take an IPv4 address on an IPv6 socket's bind. */
    if (len < 2 || *(const USHORT *)addr != s->Family)
        status = STATUS_INVALID_PARAMETER;
    else if (s->Family == HOST_WS_AF_UNIX) {
        unsigned char host[IO_ADDR_MAX];
        int hlen;
        char name[108];
        if ((status = IopUnixAddress(addr, len, host, &hlen, name)) == STATUS_SUCCESS &&
            (status = host_sock_bind(f->Fd, host, hlen)) == STATUS_SUCCESS)
            memcpy(s->UnixName, name, sizeof name);
    } else
        status = host_sock_bind(f->Fd, addr, len);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketListen(HANDLE socket, int backlog)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    /* Windows refuses to listen on an unbound socket (Linux would bind it to a free port). */
    if (f->Socket->Type != 1)
        status = STATUS_NOT_SUPPORTED;
    else
        status = IopSocketBound(f) ? host_sock_listen(f->Fd, backlog) : STATUS_INVALID_PARAMETER;
    if (status == STATUS_SUCCESS)
        f->Socket->Listening = TRUE;
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketShutdown(HANDLE socket, int how)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    status = host_sock_shutdown(f->Fd, how);
    if (status == STATUS_SUCCESS && how != 0)
        f->Socket->SendShutdown = TRUE;
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketName(HANDLE socket, BOOLEAN peer, void *addr, int *len)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    if (f->Socket->Family == HOST_WS_AF_UNIX) {
        /* The Windows paths the socket was bound and connected with (the host knows host paths only). */
        const char *name = peer ? f->Socket->UnixPeer : f->Socket->UnixName;
        unsigned char host[IO_ADDR_MAX];
        int hlen = sizeof host;
        status = host_sock_name(f->Fd, peer, host, &hlen);
        if (status == STATUS_SUCCESS) {
            unsigned char out[IO_ADDR_MAX] = {0};
            *(USHORT *)out = HOST_WS_AF_UNIX;
            size_t n = strlen(name);
            memcpy(out + 2, name, n);
            int need = (int)(2 + (n ? n + 1 : 0));
            memcpy(addr, out, (size_t)(need < *len ? need : *len));
            *len = need;
        }
    } else {
        status = host_sock_name(f->Fd, peer, addr, len);
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketSetNonBlocking(HANDLE socket, BOOLEAN on)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    /* The fd goes non-blocking with the socket, and stays so: a blocking call then waits in poll. */
    if (on)
        status = IopMakeHostNonBlocking(f);
    if (status == STATUS_SUCCESS)
        f->Socket->NonBlocking = on;
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketReadable(HANDLE socket, ULONG *bytes)
{
    *bytes = 0;
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    uint32_t n = 0;
    status = host_sock_readable_bytes(f->Fd, &n);
    *bytes = n;
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketKind(HANDLE socket, int *family, int *type)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    *family = f->Socket->Family;
    *type = f->Socket->Type;
    ObDereferenceObject(f);
    return STATUS_SUCCESS;
}

NTSTATUS IoSocketGetOption(HANDLE socket, int level, int name, void *value, ULONG *len)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    int v;
    bool own = true;   /* an option kept here, not the host's */
    if (level == SOL_SOCKET_WS && name == SO_REUSEADDR_WS)
        v = f->Socket->ReuseAddr;
    else if (level == SOL_SOCKET_WS && name == SO_EXCLUSIVE_WS)
        v = f->Socket->ExclusiveAddr;
    else if (level == SOL_SOCKET_WS && (name == SO_RCVTIMEO_WS || name == SO_SNDTIMEO_WS))
        v = (int)(name == SO_RCVTIMEO_WS ? f->Socket->RecvTimeout : f->Socket->SendTimeout);
    else if (level == SOL_SOCKET_WS && name == SO_ERROR_WS)
        v = (int)IopSocketError(f->Socket, f->Fd, true);
    else {
        own = false;
        size_t n = *len;
        status = host_sock_getopt(f->Fd, level, name, value, &n);
        *len = (ULONG)n;
    }
    if (own && *len < sizeof v) {
        status = STATUS_ACCESS_VIOLATION;
    } else if (own) {
        memcpy(value, &v, sizeof v);
        *len = sizeof v;
    }
    ObDereferenceObject(f);
    return status;
}

/* SO_REUSEADDR on Windows lets a socket bind a port others hold, listening or not; the nearest host
 * meaning is SO_REUSEPORT on stream sockets and SO_REUSEADDR on datagram ones. SO_EXCLUSIVEADDRUSE
 * refuses that sharing, which Linux does by default; the two exclude each other (WSAEINVAL). */
static NTSTATUS set_reuse(PFILE_OBJECT f, bool exclusive, int value)
{
    struct io_socket *s = f->Socket;
    if (value && (exclusive ? s->ReuseAddr : s->ExclusiveAddr))
        return STATUS_INVALID_PARAMETER;
    if (!exclusive) {
        int on = value != 0;
        NTSTATUS status = s->Type == 2 ? host_sock_setopt(f->Fd, SOL_SOCKET_WS, SO_REUSEADDR_WS, &on, sizeof on)
                                       : host_sock_setopt_reuseport(f->Fd, on);
        if (status != STATUS_SUCCESS)
            return status;
        s->ReuseAddr = value != 0;
    } else {
        s->ExclusiveAddr = value != 0;
    }
    return STATUS_SUCCESS;
}

NTSTATUS IoSocketSetOption(HANDLE socket, int level, int name, const void *value, ULONG len)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    bool own = level == SOL_SOCKET_WS && (name == SO_REUSEADDR_WS || name == SO_EXCLUSIVE_WS ||
                                         name == SO_RCVTIMEO_WS || name == SO_SNDTIMEO_WS);
    int v = 0;
    if (own && len < sizeof v)
        status = STATUS_ACCESS_VIOLATION;
    else if (own)
        memcpy(&v, value, sizeof v);
    if (status != STATUS_SUCCESS)
        ;
    else if (level == SOL_SOCKET_WS && (name == SO_REUSEADDR_WS || name == SO_EXCLUSIVE_WS))
        status = set_reuse(f, name == SO_EXCLUSIVE_WS, v);
    else if (level == SOL_SOCKET_WS && (name == SO_UPDATE_ACCEPT_CONTEXT_WS || name == SO_UPDATE_CONNECT_CONTEXT_WS))
        ;   /* AcceptEx's and ConnectEx's sockets are whole host connections already: nothing to carry over */
    else if (level == SOL_SOCKET_WS && (name == SO_RCVTIMEO_WS || name == SO_SNDTIMEO_WS)) {
        /* For a blocking call waiting in the host call (the host's option) or in poll (io/afdio.c's). */
        status = host_sock_set_timeout(f->Fd, name == SO_RCVTIMEO_WS, (uint32_t)v);
        if (status == STATUS_SUCCESS)
            *(name == SO_RCVTIMEO_WS ? &f->Socket->RecvTimeout : &f->Socket->SendTimeout) = (ULONG)v;
    }
    else
        status = host_sock_setopt(f->Fd, level, name, value, len);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketPoll(struct io_socket_poll *entries, ULONG n, LONG timeout_ms, ULONG *ready)
{
    *ready = 0;
    PFILE_OBJECT stack[64], *files = n <= 64 ? stack : calloc(n, sizeof *files);
    struct host_pollfd pstack[64], *p = n <= 64 ? pstack : calloc(n, sizeof *p);
    NTSTATUS status = files && p ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    ULONG referenced = 0, invalid = 0;
    for (; status == STATUS_SUCCESS && referenced < n; referenced++) {
        entries[referenced].Revents = 0;
        if (IopReferenceSocket(entries[referenced].Socket, &files[referenced]) != STATUS_SUCCESS) {
            files[referenced] = NULL;
            entries[referenced].Revents = IO_POLL_NVAL;
            invalid++;
            p[referenced].fd = -1;   /* poll ignores it */
        } else {
            p[referenced].fd = files[referenced]->Fd;
        }
        p[referenced].events = entries[referenced].Events & (IO_POLL_IN | IO_POLL_OUT | IO_POLL_PRI);
    }
    int got = 0;
    if (status == STATUS_SUCCESS)
        status = host_sock_poll(p, n, invalid ? 0 : timeout_ms, &got);
    for (ULONG i = 0; i < referenced; i++) {
        if (files[i]) {
            if (status == STATUS_SUCCESS)
                entries[i].Revents = p[i].revents;
            ObDereferenceObject(files[i]);
        }
    }
    if (status == STATUS_SUCCESS)
        *ready = (ULONG)got + invalid;
    if (files && files != stack)
        free(files);
    if (p && p != pstack)
        free(p);
    return status;
}

/* One round of the select thread: what to poll for, given the lock. */
static unsigned select_poll_events(struct io_event_select *es, PFILE_OBJECT f)
{
    const struct io_socket *s = f->Socket;
    ULONG want = es->Mask & es->Enabled;
    unsigned ev = 0;
    uint32_t waiting = 0;
    if (want & (IO_FD_READ | IO_FD_ACCEPT | IO_FD_OOB))
        ev |= HOST_POLL_IN;
    /* FD_CLOSE comes once the data is read (WSAEventSelect's page): poll for it only on an empty socket. */
    if ((want & IO_FD_CLOSE) && !s->Listening && host_sock_readable_bytes(es->Fd, &waiting) == STATUS_SUCCESS &&
        !waiting)
        ev |= HOST_POLL_IN;
    /* A stream socket neither connected nor connecting polls writable and hung up at once: nothing to wait
     * for until its connect starts (IopEnableSocketEvents wakes the thread then). */
    if ((want & (IO_FD_WRITE | IO_FD_CONNECT)) && (s->Type != 1 || s->Connecting || IopSocketConnected(f)))
        ev |= HOST_POLL_OUT;
    return ev;
}

static ULONG select_record(struct io_event_select *es, struct io_socket *s, unsigned re)
{
    ULONG want = es->Mask & es->Enabled, got = 0;
    uint32_t waiting = 0;
    if (s->Connecting && (re & (HOST_POLL_OUT | HOST_POLL_ERR))) {
        s->Connecting = FALSE;
        int err = (int)IopSocketError(s, es->Fd, true);
        if (want & IO_FD_CONNECT) {
            got |= IO_FD_CONNECT;
            es->Errors[IO_FD_CONNECT_BIT] = err;
        }
        if (err)
            re &= ~HOST_POLL_OUT;
    }
    if ((re & HOST_POLL_OUT) && (want & IO_FD_WRITE) && !s->Connecting)
        got |= IO_FD_WRITE;
    if (re & (HOST_POLL_IN | HOST_POLL_HUP)) {
        if (s->Listening) {
            got |= want & IO_FD_ACCEPT;
        } else if (host_sock_readable_bytes(es->Fd, &waiting) == STATUS_SUCCESS && waiting) {
            got |= want & IO_FD_READ;
        } else if (s->Type == 1 && (want & IO_FD_CLOSE)) {
            got |= IO_FD_CLOSE;
            es->Errors[IO_FD_CLOSE_BIT] = (re & HOST_POLL_ERR) ? STATUS_CONNECTION_RESET : STATUS_SUCCESS;
        } else if (s->Type == 2) {
            got |= want & IO_FD_READ;   /* an empty datagram */
        }
    }
    es->Recorded |= got;
    es->Enabled &= ~got;
    return got;
}

static void select_worker(void *arg)
{
    PFILE_OBJECT f = arg;
    struct io_socket *s = f->Socket;
    struct io_event_select *es = s->Select;
    bool idle = false;   /* nothing was recordable last round: wait for the wake pipe only */
    for (;;) {
        host_lock_acquire(&es->Lock);
        if (es->Stop) {
            host_lock_release(&es->Lock);
            break;
        }
        unsigned ev = idle ? 0 : select_poll_events(es, f);
        host_lock_release(&es->Lock);
        struct host_pollfd p[2] = { { .fd = es->Wake[0], .events = HOST_POLL_IN }, { .fd = es->Fd, .events = ev } };
        int ready;
        if (host_sock_poll(p, ev ? 2 : 1, -1, &ready) != STATUS_SUCCESS)
            break;
        if (p[0].revents & HOST_POLL_IN) {
            char drain[64];
            size_t n;
            host_read(es->Wake[0], drain, sizeof drain, &n);
            idle = false;
        }
        if (!ev || !p[1].revents)
            continue;
        host_lock_acquire(&es->Lock);
        ULONG got = select_record(es, s, p[1].revents);
        idle = !got;
        if (got && es->Event) {
            KiLockDispatcher();
            KiSetEventLocked(es->Event);
            KiUnlockDispatcher();
        }
        host_lock_release(&es->Lock);
    }
    __atomic_store_n(&es->Running, 0, __ATOMIC_RELEASE);
    host_futex_wake(&es->Running, 1);
}

static NTSTATUS start_select(PFILE_OBJECT f)
{
    struct io_event_select *es = calloc(1, sizeof *es);
    if (!es)
        return STATUS_NO_MEMORY;
    NTSTATUS status = host_pipe(es->Wake);
    if (status != STATUS_SUCCESS) {
        free(es);
        return status;
    }
    es->Fd = f->Fd;
    es->Running = 1;
    f->Socket->Select = es;
    uint32_t tid;
    /* The thread does not reference the file object: the socket's end (IopDeleteSocket) stops it first. */
    status = host_thread_start(select_worker, f, &tid);
    if (status != STATUS_SUCCESS) {
        f->Socket->Select = NULL;
        host_close(es->Wake[0]);
        host_close(es->Wake[1]);
        free(es);
    }
    return status;
}

static host_lock select_start_lock = HOST_LOCK_INIT;

NTSTATUS IoSocketEventSelect(HANDLE socket, HANDLE event, ULONG mask)
{
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    void *ev = NULL;
    if (event && (status = ObReferenceObjectByHandle(event, ExEventObjectType, &ev)) != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    /* WSAEventSelect makes the socket non-blocking (its page). */
    status = IopMakeHostNonBlocking(f);
    if (status == STATUS_SUCCESS)
        f->Socket->NonBlocking = TRUE;
    host_lock_acquire(&select_start_lock);
    if (status == STATUS_SUCCESS && !f->Socket->Select)
        status = start_select(f);
    host_lock_release(&select_start_lock);
    if (status == STATUS_SUCCESS) {
        struct io_event_select *es = f->Socket->Select;
        host_lock_acquire(&es->Lock);
        void *old = es->Event;
        es->Event = mask ? ev : NULL;
        es->Mask = mask;
        es->Enabled = ~0u;
        es->Recorded = 0;   /* a new selection clears the record */
        host_lock_release(&es->Lock);
        if (old)
            ObDereferenceObject(old);
        if (!mask && ev)
            ObDereferenceObject(ev);
        wake_select(es);
    } else if (ev) {
        ObDereferenceObject(ev);
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoSocketEnumEvents(HANDLE socket, ULONG *events, NTSTATUS errors[IO_FD_MAX_EVENTS])
{
    *events = 0;
    memset(errors, 0, IO_FD_MAX_EVENTS * sizeof *errors);
    PFILE_OBJECT f;
    NTSTATUS status = IopReferenceSocket(socket, &f);
    if (status != STATUS_SUCCESS)
        return status;
    struct io_event_select *es = __atomic_load_n(&f->Socket->Select, __ATOMIC_ACQUIRE);
    if (es) {
        host_lock_acquire(&es->Lock);
        *events = es->Recorded;
        memcpy(errors, es->Errors, IO_FD_MAX_EVENTS * sizeof *errors);
        es->Recorded = 0;
        memset(es->Errors, 0, sizeof es->Errors);
        host_lock_release(&es->Lock);
    }
    ObDereferenceObject(f);
    return STATUS_SUCCESS;
}
