/*
 * Named pipes (\\.\pipe\NAME) between any processes of the user, without a server process: each instance
 * is a listening Unix domain socket, SOCK_STREAM for a byte-type pipe and SOCK_SEQPACKET for a message-type
 * pipe, bound in the per-user directory host_npipe_root() gives, under <root>/<KEY>/<slot>.sock; KEY is the
 * name upper-cased (names are case-insensitive, as NPFS compares them) and escaped, or a hash of it when long.
 *
 * Beside the sockets, <root>/<KEY>/state records what every process must agree on: the pipe's type,
 * direction and instance limit, and per slot its state (listening, connected, disconnected), the pid of
 * the server owning it and a generation counted up by each client that connects. Every reader and writer
 * holds an exclusive flock() on the state file, which is what makes "find a listening instance and take
 * it" one step for a client: an instance serves one client until its server disconnects it, and a second
 * client finds it busy (ERROR_PIPE_BUSY), as on Windows. A slot whose server process is gone (a crash left
 * it behind) counts as unused. WaitNamedPipe sleeps on an inotify watch of the state file, which every
 * change of a slot writes, so it wakes when an instance starts listening and never polls.
 *
 * Reads of a message that does not fit the buffer take the whole packet (a SOCK_SEQPACKET read would drop
 * the rest) and keep the remainder for the next reads: STATUS_BUFFER_OVERFLOW (ERROR_MORE_DATA) in message
 * read mode. An overlapped ConnectNamedPipe waits for its client on a host thread of its own, which then
 * completes the OVERLAPPED, sets the event and posts to the completion port.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "ps/ps.h"
#include "rtl/rtl.h"

#define NP_SLOTS 256
#define NP_MAGIC 0x5050544eu   /* "NTPP" */

enum { SLOT_UNUSED, SLOT_LISTENING, SLOT_CONNECTED, SLOT_DISCONNECTED };

struct np_slot {
    uint32_t State, Pid, Generation, Reserved;
};

struct np_state {
    uint32_t Magic, Message, MaxInstances, DefaultTimeout, Access, InBuffer, OutBuffer, Reserved;
    struct np_slot Slots[NP_SLOTS];
};

struct io_npipe {
    volatile uint32_t Refs;     /* the file object's and a pending ConnectNamedPipe's */
    bool Server, Message, Nowait, MessageRead, Disconnected, Closed;
    ULONG MaxInstances, InBuffer, OutBuffer;
    char *Dir;
    WCHAR *Name;                /* server: the pipe's name (NAME of \??\pipe\NAME), for opens relative to it */
    size_t NameUnits;
    unsigned Slot;
    uint32_t Generation;        /* client: the connection it made */
    int ListenFd, DataFd;
    int StateFd;                /* client: the state file, to see its server disconnect it */
    int Cancel[2];              /* server: written at close, wakes a waiting ConnectNamedPipe */
    volatile uint32_t ConnectPending;   /* an overlapped ConnectNamedPipe waits (connect_worker) */
    volatile uint32_t CancelRequested;  /* CancelIoEx asked it to end with STATUS_CANCELLED */
    host_lock Lock;             /* DataFd, Disconnected */
    host_lock ReadLock;         /* a user lock: reads (Rest) */
    unsigned char *Rest;        /* the unread part of a message */
    size_t RestOffset, RestLength;
};

static void np_release(struct io_npipe *p)
{
    if (__atomic_sub_fetch(&p->Refs, 1, __ATOMIC_ACQ_REL))
        return;
    if (p->ListenFd >= 0)
        host_close(p->ListenFd);
    if (p->DataFd >= 0)
        host_close(p->DataFd);
    if (p->StateFd >= 0)
        host_close(p->StateFd);
    if (p->Server) {
        host_close(p->Cancel[0]);
        host_close(p->Cancel[1]);
    }
    free(p->Rest);
    free(p->Dir);
    free(p->Name);
    free(p);
}

/* ---- names and the state file ------------------------------------------------------------------------------- */

bool IopIsNamedPipePath(PCUNICODE_STRING nt, const WCHAR **name, size_t *units)
{
    static const WCHAR *const prefixes[] = {u"\\??\\pipe\\", u"\\Device\\NamedPipe\\"};
    size_t n = nt->Length / sizeof(WCHAR);
    for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
        size_t k = RtlpWcslen(prefixes[i]);
        if (n >= k && RtlCompareUnicodeStrings(nt->Buffer, k, prefixes[i], k, TRUE) == 0) {
            *name = nt->Buffer + k;
            *units = n - k;
            return true;
        }
    }
    return false;
}

/* <root>/<KEY> for a pipe name; KEY keeps letters, digits, '-' and '_' and writes other units as %XXXX. */
static NTSTATUS pipe_dir(const WCHAR *name, size_t units, char **dir)
{
    *dir = NULL;
    if (!units)
        return STATUS_OBJECT_NAME_INVALID;
    char root[200], key[72];
    NTSTATUS status = host_npipe_root(root, sizeof root);
    if (status != STATUS_SUCCESS)
        return status;
    size_t k = 0;
    uint64_t h1 = 1469598103934665603ull, h2 = 7809847782465536322ull;
    for (size_t i = 0; i < units; i++) {
        WCHAR c = RtlUpcaseUnicodeChar(name[i]);
        h1 = (h1 ^ c) * 1099511628211ull;
        h2 = (h2 ^ c) * 1099511628211ull + i;
        if (k > 64)
            continue;
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            key[k++] = (char)c;
        else
            k += (size_t)snprintf(key + k, sizeof key - k, "%%%04x", c);
    }
    if (k > 64)
        snprintf(key, sizeof key, "~%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
    else
        key[k] = 0;
    size_t len = strlen(root) + 1 + strlen(key) + 1;
    if (!(*dir = malloc(len)))
        return STATUS_NO_MEMORY;
    snprintf(*dir, len, "%s/%s", root, key);
    return STATUS_SUCCESS;
}

static void slot_path(const char *dir, unsigned slot, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%u.sock", dir, slot);
}

/* Held with the flock: a kernel lock, so that no thread is stopped (TerminateThread, ExitProcess) while it
 * holds a lock other processes wait for. */
static host_lock state_lock = HOST_LOCK_INIT;

/* Opens and locks the state file of dir (creating it with create); a file unlinked while we waited for the
 * lock (its last server closed) is left for the new one. STATUS_OBJECT_NAME_NOT_FOUND without the pipe. */
static NTSTATUS lock_state_file(const char *dir, bool create, int *fd, struct np_state *st)
{
    char path[256];
    snprintf(path, sizeof path, "%s/state", dir);
    for (;;) {
        if (create)
            host_mkdir(dir);
        NTSTATUS status = host_open(path, HOST_O_READ | HOST_O_WRITE | (create ? HOST_O_CREATE : 0), 0600, fd);
        if (status != STATUS_SUCCESS)
            return status == STATUS_OBJECT_PATH_NOT_FOUND ? STATUS_OBJECT_NAME_NOT_FOUND : status;
        struct host_stat hs;
        if ((status = host_flock(*fd, true)) == STATUS_SUCCESS)
            status = host_fstat(*fd, &hs);
        if (status == STATUS_SUCCESS && hs.nlink == 0) {
            host_close(*fd);
            if (!create)
                return STATUS_OBJECT_NAME_NOT_FOUND;
            continue;
        }
        size_t got = 0;
        memset(st, 0, sizeof *st);
        if (status == STATUS_SUCCESS)
            status = host_pread(*fd, st, sizeof *st, 0, &got);
        if (status != STATUS_SUCCESS) {
            host_close(*fd);
            return status;
        }
        if (st->Magic != NP_MAGIC)
            memset(st, 0, sizeof *st);
        return STATUS_SUCCESS;
    }
}

static NTSTATUS lock_state(const char *dir, bool create, int *fd, struct np_state *st)
{
    host_lock_acquire(&state_lock);
    NTSTATUS status = lock_state_file(dir, create, fd, st);
    if (status != STATUS_SUCCESS)
        host_lock_release(&state_lock);
    return status;
}

static void unlock_state(int fd)
{
    host_close(fd);   /* drops the flock */
    host_lock_release(&state_lock);
}

static NTSTATUS write_state(int fd, const struct np_state *st)
{
    size_t done;
    return host_pwrite(fd, st, sizeof *st, 0, &done);
}

static bool slot_live(const struct np_slot *s)
{
    return s->State != SLOT_UNUSED && (s->Pid == host_getpid() || host_pid_alive(s->Pid));
}

static unsigned live_slots(const struct np_state *st)
{
    unsigned n = 0;
    for (unsigned i = 0; i < NP_SLOTS; i++)
        n += slot_live(&st->Slots[i]);
    return n;
}

/* Sets this server instance's slot to state (and unlinks the state file once no instance is left). */
static void set_slot(struct io_npipe *p, uint32_t state)
{
    int fd;
    struct np_state st;
    if (lock_state(p->Dir, false, &fd, &st) != STATUS_SUCCESS)
        return;
    struct np_slot *s = &st.Slots[p->Slot];
    if (s->Pid == host_getpid() && s->State != SLOT_UNUSED) {
        if (state == SLOT_UNUSED) {
            char path[256];
            slot_path(p->Dir, p->Slot, path, sizeof path);
            host_unlink(path);
        }
        s->State = state;
        write_state(fd, &st);
    }
    if (!live_slots(&st)) {
        char path[256];
        snprintf(path, sizeof path, "%s/state", p->Dir);
        host_unlink(path);
        host_rmdir(p->Dir);
    }
    unlock_state(fd);
}

/* ---- creating and opening ------------------------------------------------------------------------------------- */

NTSTATUS IoCreateNamedPipe(PCUNICODE_STRING nt_path, const struct io_npipe_params *params, ULONG attributes,
                           HANDLE *handle, ULONG_PTR *information)
{
    *handle = NULL;
    *information = 0;
    const WCHAR *name;
    size_t units;
    ULONG direction = params->OpenMode & 3;   /* PIPE_ACCESS_INBOUND 1, OUTBOUND 2, DUPLEX 3 */
    bool message = params->PipeMode & 4;      /* PIPE_TYPE_MESSAGE */
    if (!IopIsNamedPipePath(nt_path, &name, &units))
        return STATUS_OBJECT_NAME_INVALID;
    if (!direction || (!message && (params->PipeMode & 2)) || params->MaxInstances == 0)
        return STATUS_INVALID_PARAMETER;
    ULONG max = params->MaxInstances;   /* 0xFFFFFFFF: unlimited */
    struct io_npipe *p = calloc(1, sizeof *p);
    if (!p)
        return STATUS_NO_MEMORY;
    p->Refs = 1;
    p->Server = true;
    p->Message = message;
    p->MessageRead = params->PipeMode & 2;
    p->Nowait = params->PipeMode & 1;
    p->ListenFd = p->DataFd = p->StateFd = -1;
    p->Cancel[0] = p->Cancel[1] = -1;
    NTSTATUS status = pipe_dir(name, units, &p->Dir);
    if (status == STATUS_SUCCESS && !(p->Name = malloc((units + 1) * sizeof(WCHAR))))
        status = STATUS_NO_MEMORY;
    if (status == STATUS_SUCCESS) {
        memcpy(p->Name, name, units * sizeof(WCHAR));
        p->NameUnits = units;
        status = host_pipe(p->Cancel);
    }
    int fd = -1;
    struct np_state st;
    if (status == STATUS_SUCCESS)
        status = lock_state(p->Dir, true, &fd, &st);
    if (status != STATUS_SUCCESS) {
        np_release(p);
        return status;
    }
    *information = live_slots(&st) ? FILE_OPENED : FILE_CREATED;
    if (!live_slots(&st)) {
        memset(&st, 0, sizeof st);
        st.Magic = NP_MAGIC;
        st.Message = message;
        st.MaxInstances = max;
        st.DefaultTimeout = params->DefaultTimeout ? params->DefaultTimeout : 50;
        st.Access = direction;
        st.InBuffer = params->InBuffer;
        st.OutBuffer = params->OutBuffer;
    } else if (live_slots(&st) >= st.MaxInstances) {
        status = STATUS_INSTANCE_NOT_AVAILABLE;   /* before the first-instance check, as Wine's NPFS answers */
    } else if (params->OpenMode & 0x00080000) {   /* FILE_FLAG_FIRST_PIPE_INSTANCE */
        status = STATUS_ACCESS_DENIED;
    } else if (st.Access != direction || st.Message != message) {
        status = STATUS_ACCESS_DENIED;
    }
    unsigned slot = 0;
    while (status == STATUS_SUCCESS && slot < NP_SLOTS && slot_live(&st.Slots[slot]))
        slot++;
    if (status == STATUS_SUCCESS && slot == NP_SLOTS)
        status = STATUS_INSTANCE_NOT_AVAILABLE;
    char path[256];
    if (status == STATUS_SUCCESS) {
        slot_path(p->Dir, slot, path, sizeof path);
        status = host_unix_listen(path, message, &p->ListenFd);
    }
    if (status == STATUS_SUCCESS) {
        st.Slots[slot].State = SLOT_LISTENING;
        st.Slots[slot].Pid = host_getpid();
        p->Slot = slot;
        p->MaxInstances = st.MaxInstances;
        p->InBuffer = st.InBuffer;
        p->OutBuffer = st.OutBuffer;
        status = write_state(fd, &st);
    }
    unlock_state(fd);
    PFILE_OBJECT f = NULL;
    if (status == STATUS_SUCCESS)
        status = IoCreateFileObjectForFd(p->ListenFd, 0, &f);
    if (status != STATUS_SUCCESS) {
        if (p->ListenFd >= 0)
            set_slot(p, SLOT_UNUSED);
        np_release(p);
        return status;
    }
    /* The server end is no fd-backed handle: a child inheriting it would get the listening socket alone. */
    host_close(f->Fd);
    f->Fd = -1;
    f->Access = SYNCHRONIZE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES |
                (direction & 1 ? FILE_GENERIC_READ : 0) | (direction & 2 ? FILE_GENERIC_WRITE : 0);
    if (params->OpenMode & 0x40000000)   /* FILE_FLAG_OVERLAPPED */
        f->Flags &= ~FO_SYNCHRONOUS_IO;
    f->NamedPipe = p;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, f, f->Access, attributes, handle);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IopOpenNamedPipe(PFILE_OBJECT f, const WCHAR *name, size_t units)
{
    struct io_npipe *p = calloc(1, sizeof *p);
    if (!p)
        return STATUS_NO_MEMORY;
    p->Refs = 1;
    p->ListenFd = p->DataFd = p->StateFd = -1;
    NTSTATUS status = pipe_dir(name, units, &p->Dir);
    int fd = -1;
    struct np_state st;
    if (status == STATUS_SUCCESS)
        status = lock_state(p->Dir, false, &fd, &st);
    if (status != STATUS_SUCCESS) {
        np_release(p);
        return status;
    }
    bool reading = f->Access & FILE_READ_DATA, writing = f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA);
    bool any = false;
    status = STATUS_PIPE_NOT_AVAILABLE;
    if ((reading && !(st.Access & 2)) || (writing && !(st.Access & 1)))
        status = live_slots(&st) ? STATUS_ACCESS_DENIED : STATUS_OBJECT_NAME_NOT_FOUND;
    for (unsigned i = 0; status == STATUS_PIPE_NOT_AVAILABLE && i < NP_SLOTS; i++) {
        struct np_slot *s = &st.Slots[i];
        if (!slot_live(s))
            continue;
        any = true;
        if (s->State != SLOT_LISTENING)
            continue;
        char path[256];
        slot_path(p->Dir, i, path, sizeof path);
        NTSTATUS r = host_unix_connect(path, st.Message, &p->DataFd);
        if (r == STATUS_CONNECTION_REFUSED) {
            s->State = SLOT_UNUSED;   /* its server is gone */
            continue;
        }
        if (r != STATUS_SUCCESS)
            continue;
        s->State = SLOT_CONNECTED;
        p->Slot = i;
        p->Generation = ++s->Generation;
        status = STATUS_SUCCESS;
    }
    if (status == STATUS_PIPE_NOT_AVAILABLE && !any)
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    write_state(fd, &st);
    char path[256];
    snprintf(path, sizeof path, "%s/state", p->Dir);
    if (status == STATUS_SUCCESS)   /* its own open: a dup would share, and keep, the flock */
        status = host_open(path, HOST_O_READ, 0, &p->StateFd);
    unlock_state(fd);
    if (status != STATUS_SUCCESS) {
        np_release(p);
        return status;
    }
    p->Message = st.Message;
    p->MaxInstances = st.MaxInstances;
    p->InBuffer = st.InBuffer;
    p->OutBuffer = st.OutBuffer;
    /* The client end's fd is the connection: a child that inherits the handle (a pipe as its standard
     * output, as libuv and Python's subprocess make them) gets a socket file object that reads and writes
     * the same byte stream. */
    status = host_dup(p->DataFd, &f->Fd);
    if (status != STATUS_SUCCESS) {
        np_release(p);
        return status;
    }
    f->HostType = HOST_FT_SOCKET;
    f->NamedPipe = p;
    return STATUS_SUCCESS;
}

void IopDeleteNamedPipe(PFILE_OBJECT f)
{
    struct io_npipe *p = f->NamedPipe;
    if (!p)
        return;
    f->NamedPipe = NULL;
    if (p->Server) {
        /* The slot first: a client that sees its connection end then finds the instance gone (109). */
        set_slot(p, SLOT_UNUSED);
        size_t done;
        host_write(p->Cancel[1], "x", 1, &done);
    }
    /* A server's connection ends with its handle. A client's socket may live on in a child that inherited
     * the handle (f->Fd is a duplicate): shutting it down would end the child's end too, so it is only
     * closed, when the last reference goes. */
    host_lock_acquire(&p->Lock);
    p->Closed = true;
    if (p->Server && p->DataFd >= 0)
        host_shutdown(p->DataFd);
    host_lock_release(&p->Lock);
    np_release(p);
}

static NTSTATUS reference_pipe(HANDLE handle, PFILE_OBJECT *file, struct io_npipe **pipe)
{
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)file);
    if (status != STATUS_SUCCESS)
        return status;
    if (!(*pipe = (*file)->NamedPipe)) {
        /* A disk file refuses the pipe requests as NTFS does (ERROR_NOT_SUPPORTED); other handles (an
         * anonymous pipe, a console) are the caller's to tell apart. */
        enum host_file_type type = (*file)->HostType;
        ObDereferenceObject(*file);
        return type == HOST_FT_FILE || type == HOST_FT_DIR ? STATUS_NOT_SUPPORTED : STATUS_OBJECT_TYPE_MISMATCH;
    }
    return STATUS_SUCCESS;
}

/* ---- connecting ------------------------------------------------------------------------------------------------ */

/* Takes a client waiting on the server's listening socket, without blocking: STATUS_PENDING if none. */
static NTSTATUS try_accept(struct io_npipe *p)
{
    host_lock_acquire(&p->Lock);
    NTSTATUS status = STATUS_PIPE_CONNECTED;
    if (p->DataFd < 0) {
        int c;
        status = p->Disconnected ? STATUS_PENDING : host_unix_accept(p->ListenFd, &c);
        if (status == STATUS_SUCCESS)
            p->DataFd = c;
    }
    host_lock_release(&p->Lock);
    return status;
}

static NTSTATUS wait_accept(struct io_npipe *p)
{
    for (;;) {
        NTSTATUS status = try_accept(p);
        if (status != STATUS_PENDING)
            return status == STATUS_PIPE_CONNECTED ? STATUS_SUCCESS : status;
        status = host_wait_readable(p->ListenFd, p->Cancel[0], -1);
        if (status == STATUS_CANCELLED && __atomic_exchange_n(&p->CancelRequested, 0, __ATOMIC_ACQ_REL)) {
            char byte;
            size_t done;
            host_read(p->Cancel[0], &byte, 1, &done);   /* CancelIoEx's byte; a close's stays */
            return STATUS_CANCELLED;
        }
        if (status == STATUS_CANCELLED)
            return STATUS_PIPE_BROKEN;
        if (status != STATUS_SUCCESS && status != STATUS_ALERTED)
            return status;
    }
}

struct connect_op {
    struct io_npipe *Pipe;
    KEVENT *Event;
    void *Port;
    ULONG_PTR Key, Context;
    PIO_STATUS_BLOCK Io;
};

static void connect_worker(void *arg)
{
    struct connect_op *op = arg;
    NTSTATUS status = wait_accept(op->Pipe);
    __atomic_store_n(&op->Pipe->ConnectPending, 0, __ATOMIC_RELEASE);
    if (status != STATUS_CANCELLED && __atomic_exchange_n(&op->Pipe->CancelRequested, 0, __ATOMIC_ACQ_REL)) {
        /* A cancel that came after the client: its byte must not end the next connect. */
        char byte;
        size_t done;
        host_read(op->Pipe->Cancel[0], &byte, 1, &done);
    }
    /* The OVERLAPPED is guest memory that may be gone (a thread's stack): a guarded write, Information
     * first, as GetOverlappedResult reads Status to tell completion. */
    IO_STATUS_BLOCK done = {.Status = status, .Information = 0};
    uint64_t fault;
    host_copy_guarded(&op->Io->Information, &done.Information, sizeof done.Information, &fault);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    host_copy_guarded(&op->Io->Status, &done.Status, sizeof done.Status, &fault);
    if (op->Event) {
        KiLockDispatcher();
        KiSetEventLocked(op->Event);
        KiUnlockDispatcher();
        ObDereferenceObject(op->Event);
    }
    if (op->Port) {
        if (NT_SUCCESS(status))
            IopPostCompletion(op->Port, op->Key, op->Context, status, 0);
        ObDereferenceObject(op->Port);
    }
    np_release(op->Pipe);
    free(op);
}

/* An overlapped ConnectNamedPipe: a host thread waits for the client and completes io. */
static NTSTATUS start_connect(PFILE_OBJECT f, struct io_npipe *p, HANDLE event, PIO_STATUS_BLOCK io,
                              PVOID apc_context)
{
    struct connect_op *op = calloc(1, sizeof *op);
    if (!op)
        return STATUS_NO_MEMORY;
    NTSTATUS status = STATUS_SUCCESS;
    if (event && (status = ObReferenceObjectByHandle(event, ExEventObjectType, (void **)&op->Event)) != STATUS_SUCCESS) {
        free(op);
        return status;
    }
    if (event)
        NtResetEvent(event, NULL);
    if (f->CompletionPort && apc_context && !(f->CompletionModes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)) {
        ObReferenceObject(f->CompletionPort);
        op->Port = f->CompletionPort;
        op->Key = f->CompletionKey;
        op->Context = (ULONG_PTR)apc_context;
    }
    op->Pipe = p;
    op->Io = io;
    io->Status = STATUS_PENDING;
    io->Information = 0;
    __atomic_add_fetch(&p->Refs, 1, __ATOMIC_ACQ_REL);
    __atomic_store_n(&p->ConnectPending, 1, __ATOMIC_RELEASE);
    uint32_t tid;
    status = host_thread_start(connect_worker, op, &tid);
    if (status != STATUS_SUCCESS) {
        p->ConnectPending = 0;
        np_release(p);
        if (op->Event)
            ObDereferenceObject(op->Event);
        if (op->Port)
            ObDereferenceObject(op->Port);
        free(op);
        return status;
    }
    return STATUS_PENDING;
}

NTSTATUS IoConnectNamedPipe(HANDLE handle, HANDLE event, PIO_STATUS_BLOCK io, PVOID apc_context)
{
    PFILE_OBJECT f;
    struct io_npipe *p;
    NTSTATUS status = reference_pipe(handle, &f, &p);
    if (status != STATUS_SUCCESS)
        return status;
    if (!p->Server) {
        ObDereferenceObject(f);
        return STATUS_ILLEGAL_FUNCTION;
    }
    if (p->Disconnected) {
        host_lock_acquire(&p->Lock);
        p->Disconnected = false;
        host_lock_release(&p->Lock);
        set_slot(p, SLOT_LISTENING);
    }
    status = try_accept(p);
    if (status == STATUS_SUCCESS)
        status = STATUS_PIPE_CONNECTED;   /* the client came first */
    else if (status == STATUS_PENDING && p->Nowait)
        status = STATUS_PIPE_LISTENING;
    else if (status == STATUS_PENDING && io && !(f->Flags & FO_SYNCHRONOUS_IO))
        status = start_connect(f, p, event, io, apc_context);
    else if (status == STATUS_PENDING) {
        /* A synchronous handle waits here even with an OVERLAPPED, which then receives the result. */
        status = wait_accept(p);
        if (io) {
            io->Status = status;
            io->Information = 0;
            IopCompleteRequest(f, event, apc_context, status, 0);
        }
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoDisconnectNamedPipe(HANDLE handle)
{
    PFILE_OBJECT f;
    struct io_npipe *p;
    NTSTATUS status = reference_pipe(handle, &f, &p);
    if (status != STATUS_SUCCESS)
        return status;
    if (!p->Server) {
        ObDereferenceObject(f);
        return STATUS_ILLEGAL_FUNCTION;
    }
    /* The slot first, so that the client reading its end of the connection learns it was disconnected. */
    set_slot(p, SLOT_DISCONNECTED);
    host_lock_acquire(&p->Lock);
    int fd = p->DataFd, c;
    p->DataFd = -1;
    p->Disconnected = true;
    while (host_unix_accept(p->ListenFd, &c) == STATUS_SUCCESS) {   /* a client that never got served */
        host_shutdown(c);
        host_close(c);
    }
    host_lock_release(&p->Lock);
    /* The shutdown wakes a read blocked on the connection (it holds the read lock) before the lock is taken. */
    if (fd >= 0)
        host_shutdown(fd);
    host_user_lock_acquire(&p->ReadLock);
    free(p->Rest);
    p->Rest = NULL;
    p->RestLength = p->RestOffset = 0;
    host_user_lock_release(&p->ReadLock);
    if (fd >= 0)
        host_close(fd);
    ObDereferenceObject(f);
    return STATUS_SUCCESS;
}

NTSTATUS IoWaitNamedPipe(PCUNICODE_STRING nt_path, ULONG ms)
{
    const WCHAR *name;
    size_t units;
    if (!IopIsNamedPipePath(nt_path, &name, &units))
        return STATUS_OBJECT_NAME_NOT_FOUND;
    char *dir;
    NTSTATUS status = pipe_dir(name, units, &dir);
    if (status != STATUS_SUCCESS)
        return status;
    char path[256];
    snprintf(path, sizeof path, "%s/state", dir);
    int watch = -1;
    int64_t deadline = -2;
    for (;;) {
        int fd;
        struct np_state st;
        if ((status = lock_state(dir, false, &fd, &st)) != STATUS_SUCCESS)
            break;
        bool any = false, listening = false;
        for (unsigned i = 0; i < NP_SLOTS; i++) {
            any |= slot_live(&st.Slots[i]);
            listening |= slot_live(&st.Slots[i]) && st.Slots[i].State == SLOT_LISTENING;
        }
        if (deadline == -2) {
            ULONG t = ms == 0 ? st.DefaultTimeout : ms;   /* NMPWAIT_USE_DEFAULT_WAIT */
            deadline = t == 0xFFFFFFFFu ? -1 : (int64_t)(host_monotonic_ns() + (uint64_t)t * 1000000);
        }
        /* The watch is in place before the lock goes: no change after this check is missed. */
        if (any && !listening && watch < 0)
            status = host_file_watch(path, &watch);
        unlock_state(fd);
        if (!any || listening || status != STATUS_SUCCESS) {
            status = !any ? STATUS_OBJECT_NAME_NOT_FOUND : status;
            break;
        }
        int64_t left = deadline < 0 ? -1 : deadline - (int64_t)host_monotonic_ns();
        if (deadline >= 0 && left <= 0) {
            status = STATUS_IO_TIMEOUT;
            break;
        }
        status = host_wait_readable(watch, -1, left);
        if (status == STATUS_TIMEOUT) {
            status = STATUS_IO_TIMEOUT;
            break;
        }
        host_file_watch_drain(watch);
        status = STATUS_SUCCESS;
    }
    if (watch >= 0)
        host_close(watch);
    free(dir);
    return status;
}

/* ---- reading and writing ------------------------------------------------------------------------------------------- */

/* The connection: the server takes a client that connected before ConnectNamedPipe, as Windows connects it. */
static int data_fd(struct io_npipe *p, NTSTATUS *status)
{
    *status = STATUS_SUCCESS;
    if (p->Server)
        try_accept(p);
    host_lock_acquire(&p->Lock);
    int fd = p->DataFd;
    host_lock_release(&p->Lock);
    if (fd < 0)
        *status = p->Disconnected || !p->Server ? STATUS_PIPE_DISCONNECTED : STATUS_PIPE_LISTENING;
    return fd;
}

/* Why a client's connection ended: its server disconnected it (STATUS_PIPE_DISCONNECTED, 233) or closed
 * the instance (STATUS_PIPE_BROKEN, 109). A server's ends because its client closed. */
static NTSTATUS connection_lost(struct io_npipe *p)
{
    if (p->Server)   /* DisconnectNamedPipe while this read waited: 233, as Windows ends a pending read */
        return p->Disconnected ? STATUS_PIPE_DISCONNECTED : STATUS_PIPE_BROKEN;
    int fd;
    struct np_state st;
    if (lock_state(p->Dir, false, &fd, &st) != STATUS_SUCCESS)
        return STATUS_PIPE_BROKEN;
    const struct np_slot *s = &st.Slots[p->Slot];
    bool broken = !slot_live(s) || (s->State == SLOT_CONNECTED && s->Generation == p->Generation);
    unlock_state(fd);
    return broken ? STATUS_PIPE_BROKEN : STATUS_PIPE_DISCONNECTED;
}

/* Has the server disconnected this client (DisconnectNamedPipe)? Then what it had not read is gone, as
 * Windows discards it: reads and writes fail with STATUS_PIPE_DISCONNECTED from then on. */
static bool client_disconnected(struct io_npipe *p)
{
    struct np_slot s;
    size_t got = 0;
    if (p->Server || p->StateFd < 0 ||
        host_pread(p->StateFd, &s, sizeof s, offsetof(struct np_state, Slots) + p->Slot * sizeof s, &got) !=
            STATUS_SUCCESS || got != sizeof s)
        return false;
    return s.Generation != p->Generation || s.State == SLOT_DISCONNECTED || s.State == SLOT_LISTENING;
}

static size_t take_rest(struct io_npipe *p, void *buffer, size_t length)
{
    size_t n = length < p->RestLength ? length : p->RestLength;
    memcpy(buffer, p->Rest + p->RestOffset, n);
    p->RestOffset += n;
    p->RestLength -= n;
    if (!p->RestLength) {
        free(p->Rest);
        p->Rest = NULL;
        p->RestOffset = 0;
    }
    return n;
}

static NTSTATUS read_message(struct io_npipe *p, int fd, void *buffer, size_t length, unsigned flags, size_t *done)
{
    size_t got, whole;
    NTSTATUS status = host_recv(fd, NULL, 0, flags | HOST_RECV_PEEK, &got, &whole);
    if (status != STATUS_SUCCESS || whole == 0)
        return status;
    if (whole <= length)
        return host_recv(fd, buffer, length, flags, done, NULL);
    if (!(p->Rest = malloc(whole)))
        return STATUS_NO_MEMORY;
    status = host_recv(fd, p->Rest, whole, flags, &got, NULL);
    p->RestOffset = 0;
    p->RestLength = status == STATUS_SUCCESS ? got : 0;
    *done = take_rest(p, buffer, length);
    return STATUS_SUCCESS;
}

NTSTATUS IopReadNamedPipe(PFILE_OBJECT f, void *buffer, size_t length, size_t *done)
{
    struct io_npipe *p = f->NamedPipe;
    *done = 0;
    NTSTATUS status = STATUS_SUCCESS;
    host_user_lock_acquire(&p->ReadLock);
    if (client_disconnected(p)) {
        status = STATUS_PIPE_DISCONNECTED;
    } else if (p->RestLength) {
        *done = take_rest(p, buffer, length);
    } else {
        int fd = data_fd(p, &status);
        unsigned flags = p->Nowait ? HOST_RECV_NONBLOCK : 0;
        if (fd < 0)
            ;
        else if (p->Message)
            status = read_message(p, fd, buffer, length, flags, done);
        else
            status = host_recv(fd, buffer, length, flags, done, NULL);
        if (status == STATUS_PENDING)
            status = STATUS_PIPE_EMPTY;   /* PIPE_NOWAIT with nothing written: ERROR_NO_DATA */
        else if ((status == STATUS_SUCCESS && *done == 0 && length) || status == STATUS_PIPE_BROKEN)
            status = connection_lost(p);
    }
    if (status == STATUS_SUCCESS && p->RestLength && p->MessageRead)
        status = STATUS_BUFFER_OVERFLOW;   /* ERROR_MORE_DATA: the rest of the message comes next */
    host_user_lock_release(&p->ReadLock);
    return status;
}

NTSTATUS IopWriteNamedPipe(PFILE_OBJECT f, const void *buffer, size_t length, size_t *done)
{
    struct io_npipe *p = f->NamedPipe;
    *done = 0;
    NTSTATUS status;
    int fd = data_fd(p, &status);
    if (fd < 0)
        return status;
    if (client_disconnected(p))
        return STATUS_PIPE_DISCONNECTED;
    status = host_send(fd, buffer, length, done);
    if (status == STATUS_PIPE_BROKEN)
        status = connection_lost(p);
    return status;
}

NTSTATUS IoPeekNamedPipe(HANDLE handle, void *buffer, ULONG size, ULONG *copied, ULONG *available, ULONG *left)
{
    *copied = *available = *left = 0;
    PFILE_OBJECT f;
    struct io_npipe *p;
    NTSTATUS status = reference_pipe(handle, &f, &p);
    if (status != STATUS_SUCCESS)
        return status;
    if (!(f->Access & FILE_READ_DATA)) {
        ObDereferenceObject(f);
        return STATUS_ACCESS_DENIED;
    }
    int fd = data_fd(p, &status);
    size_t waiting = 0, got = 0, whole = 0;
    if (fd >= 0 && host_user_lock_try(&p->ReadLock)) {   /* a read in progress: the count alone */
        status = host_pipe_available(fd, &waiting);
        if (p->RestLength) {
            got = size < p->RestLength ? size : p->RestLength;
            if (buffer)
                memcpy(buffer, p->Rest + p->RestOffset, got);
            whole = p->RestLength;
            waiting += p->RestLength;
        } else if (status == STATUS_SUCCESS && waiting) {
            status = host_recv(fd, buffer, buffer ? size : 0, HOST_RECV_PEEK | HOST_RECV_NONBLOCK, &got, &whole);
            if (status == STATUS_PENDING)
                status = STATUS_SUCCESS;
        }
        host_user_lock_release(&p->ReadLock);
    } else if (fd >= 0) {
        status = host_pipe_available(fd, &waiting);
    }
    if (status == STATUS_SUCCESS && !waiting && host_pipe_writer_gone(fd))
        status = connection_lost(p);
    if (status == STATUS_SUCCESS) {
        *copied = (ULONG)got;
        *available = waiting > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)waiting;
        *left = p->Message ? (ULONG)(whole - got) : 0;
    }
    ObDereferenceObject(f);
    return status;
}

/* ---- information ------------------------------------------------------------------------------------------------- */

NTSTATUS IoQueryNamedPipe(HANDLE handle, ULONG *flags, ULONG *out_size, ULONG *in_size, ULONG *max)
{
    PFILE_OBJECT f;
    struct io_npipe *p;
    NTSTATUS status = reference_pipe(handle, &f, &p);
    if (status != STATUS_SUCCESS)
        return status;
    *flags = (p->Server ? 1 : 0) | (p->Message ? 4 : 0);   /* PIPE_SERVER_END, PIPE_TYPE_MESSAGE */
    *out_size = p->OutBuffer;
    *in_size = p->InBuffer;
    *max = p->MaxInstances;
    ObDereferenceObject(f);
    return STATUS_SUCCESS;
}

NTSTATUS IoSetNamedPipeMode(HANDLE handle, ULONG mode)
{
    PFILE_OBJECT f;
    struct io_npipe *p;
    NTSTATUS status = reference_pipe(handle, &f, &p);
    if (status != STATUS_SUCCESS)
        return status;
    if ((mode & ~3u) || ((mode & 2) && !p->Message)) {   /* PIPE_READMODE_MESSAGE on a byte pipe */
        status = STATUS_INVALID_PARAMETER;
    } else {
        p->MessageRead = mode & 2;
        p->Nowait = mode & 1;
    }
    ObDereferenceObject(f);
    return status;
}

/* CancelIoEx on a named pipe: the only operation that can be pending is an overlapped ConnectNamedPipe. */
NTSTATUS IopCancelNamedPipeIo(PFILE_OBJECT f)
{
    struct io_npipe *p = f->NamedPipe;
    if (!p || !p->Server || !__atomic_load_n(&p->ConnectPending, __ATOMIC_ACQUIRE))
        return STATUS_NOT_FOUND;
    __atomic_store_n(&p->CancelRequested, 1, __ATOMIC_RELEASE);
    size_t done;
    host_write(p->Cancel[1], "c", 1, &done);
    return STATUS_SUCCESS;
}

/* ---- NtCreateNamedPipeFile and names relative to a handle --------------------------------------------------- */

/*
 * The NT path of a name opened relative to root: under the pipe file system (a handle of "\??\pipe\"),
 * "\??\pipe\" + name, or for an empty name in a create, a new unique name, which is how an unnamed
 * pipe is made (Rust's std opens "\??\PIPE\" and creates its pipes in it with no name); relative to a
 * pipe's server end with an empty name, that pipe, which is how its client end is opened. The path is
 * allocated (free). STATUS_OBJECT_NAME_INVALID for any other root.
 */
NTSTATUS IopRelativePipePath(PFILE_OBJECT root, PCUNICODE_STRING name, bool create, UNICODE_STRING *path)
{
    static const WCHAR prefix[] = u"\\??\\pipe\\";
    static volatile uint32_t unnamed;
    WCHAR generated[64];
    const WCHAR *tail = name ? name->Buffer : NULL;
    size_t units = name ? name->Length / sizeof(WCHAR) : 0;
    memset(path, 0, sizeof *path);
    if (root->Flags & FO_PIPE_ROOT) {
        if (!units && !create)
            return STATUS_OBJECT_NAME_INVALID;
        if (!units) {
            uint64_t r;
            host_random(&r, sizeof r);
            char a[64];
            int n = snprintf(a, sizeof a, "Anonymous-%u-%u-%016llx", (unsigned)host_getpid(),
                             (unsigned)__atomic_add_fetch(&unnamed, 1, __ATOMIC_RELAXED), (unsigned long long)r);
            for (int i = 0; i <= n; i++)
                generated[i] = (unsigned char)a[i];
            tail = generated;
            units = (size_t)n;
        }
    } else if (root->NamedPipe && root->NamedPipe->Server && !units) {
        tail = root->NamedPipe->Name;
        units = root->NamedPipe->NameUnits;
    } else {
        return STATUS_OBJECT_NAME_INVALID;
    }
    size_t k = ARRAY_SIZE(prefix) - 1;
    if (k + units > 0x7FFE / sizeof(WCHAR))
        return STATUS_OBJECT_NAME_INVALID;
    path->Buffer = malloc((k + units + 1) * sizeof(WCHAR));
    if (!path->Buffer)
        return STATUS_NO_MEMORY;
    memcpy(path->Buffer, prefix, k * sizeof(WCHAR));
    memcpy(path->Buffer + k, tail, units * sizeof(WCHAR));
    path->Buffer[k + units] = 0;
    path->Length = (USHORT)((k + units) * sizeof(WCHAR));
    path->MaximumLength = (USHORT)(path->Length + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/*
 * NtCreateNamedPipeFile: a server instance, as NPFS makes it. The pipe's direction is the sharing its
 * clients get (FILE_SHARE_READ: outbound, FILE_SHARE_WRITE: inbound, both: duplex); FILE_CREATE asks for
 * the first instance, FILE_OPEN_IF for any; without FILE_SYNCHRONOUS_IO_* the handle is asynchronous (an
 * overlapped ConnectNamedPipe); FILE_OPEN is taken as FILE_OPEN_IF, as Wine's NPFS takes it. The type, read mode and completion mode are 0 or 1, MaximumInstances is
 * at least 1 (0xFFFFFFFF: unlimited), the default timeout a relative time (NULL: 50 ms). The name is
 * "\??\pipe\NAME", or relative to a handle of the pipe file system.
 */
NTSTATUS WINAPI NtCreateNamedPipeFile(PHANDLE handle, ULONG access, POBJECT_ATTRIBUTES attributes,
                                      PIO_STATUS_BLOCK io, ULONG share, ULONG disposition, ULONG options,
                                      ULONG type, ULONG read_mode, ULONG completion, ULONG max_instances,
                                      ULONG in_quota, ULONG out_quota, PLARGE_INTEGER timeout)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_OBJECT_ATTRIBUTES(attributes);
    if (timeout)
        PROBE_FOR_READ(timeout, sizeof *timeout);
    (void)access;   /* the server end's access follows its direction, as IoCreateNamedPipe sets it */
    if (!handle || !io || !attributes || !attributes->ObjectName)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    ULONG direction = (share & FILE_SHARE_WRITE ? 1 : 0) | (share & FILE_SHARE_READ ? 2 : 0);
    if (!direction || (share & ~(ULONG)(FILE_SHARE_READ | FILE_SHARE_WRITE)) ||
        (disposition != FILE_CREATE && disposition != FILE_OPEN && disposition != FILE_OPEN_IF) || type > 1 || read_mode > 1 ||
        completion > 1 || (timeout && timeout->QuadPart > 0))
        return io->Status = STATUS_INVALID_PARAMETER;
    struct io_npipe_params params = {
        .OpenMode = direction | (disposition == FILE_CREATE ? 0x00080000 /* FILE_FLAG_FIRST_PIPE_INSTANCE */ : 0) |
                    (options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT) ? 0
                                                                                          : 0x40000000 /* OVERLAPPED */),
        .PipeMode = type << 2 | read_mode << 1 | completion,
        .MaxInstances = max_instances,
        .OutBuffer = out_quota,
        .InBuffer = in_quota,
        .DefaultTimeout = timeout ? (ULONG)(-timeout->QuadPart / 10000) : 0,
    };
    UNICODE_STRING relative = {0, 0, NULL};
    PCUNICODE_STRING path = attributes->ObjectName;
    NTSTATUS status = STATUS_SUCCESS;
    if (attributes->RootDirectory) {
        PFILE_OBJECT root;
        status = ObReferenceObjectByHandle(attributes->RootDirectory, IoFileObjectType, (void **)&root);
        if (status == STATUS_SUCCESS) {
            status = IopRelativePipePath(root, attributes->ObjectName, true, &relative);
            ObDereferenceObject(root);
        }
        path = &relative;
    }
    ULONG_PTR information = 0;
    if (status == STATUS_SUCCESS)
        status = IoCreateNamedPipe(path, &params, attributes->Attributes & OBJ_INHERIT, handle, &information);
    free(relative.Buffer);
    io->Status = status;
    io->Information = status == STATUS_SUCCESS ? information : 0;
    return status;
}
