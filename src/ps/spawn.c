/*
 * The parent's side of a process in another host (ps/remote.h has the model). NtCreateUserProcess of a
 * guest parent validates the image in the parent, then PspCreateChildHostProcess writes the creation
 * message, starts the child host (this binary with `--child`), waits until the child host has built the
 * process, and gives the parent process and thread objects that stand for it ("remote" objects). One
 * host thread per parent (the child watcher) waits on the pidfds of the processes this host holds and
 * signals their objects when they end, reaping its own children as it goes (no zombies).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/apitrace.h"
#include "ke/trace.h"
#include "ps/remote.h"
#include "rtl/rtl.h"

#define STARTF_USESTDHANDLES 0x00000100

/* ---- the creation message ------------------------------------------------------------------------------ */

struct message_builder {
    BYTE *buf;
    size_t len, cap;
    bool failed;
};

static ULONG put(struct message_builder *b, const void *data, size_t size)
{
    size_t at = (b->len + 7) & ~(size_t)7;
    if (at + size > b->cap) {
        size_t cap = (at + size) * 2 + 4096;
        BYTE *nb = realloc(b->buf, cap);
        if (!nb) {
            b->failed = true;
            return 0;
        }
        memset(nb + b->len, 0, cap - b->len);
        b->buf = nb;
        b->cap = cap;
    }
    if (size)
        memcpy(b->buf + at, data, size);
    b->len = at + size;
    return (ULONG)at;
}

/* The parameters as one block whose string pointers are offsets from its start (denormalized). */
static ULONG put_parameters(struct message_builder *b, PRTL_USER_PROCESS_PARAMETERS params, ULONG *length)
{
    RtlNormalizeProcessParams(params);
    ULONG at = put(b, params, params->Length);
    if (b->failed)
        return 0;
    PRTL_USER_PROCESS_PARAMETERS copy = (PRTL_USER_PROCESS_PARAMETERS)(b->buf + at);
    PUNICODE_STRING fields[] = {&copy->CurrentDirectory.DosPath, &copy->DllPath, &copy->ImagePathName,
                                &copy->CommandLine, &copy->WindowTitle, &copy->DesktopInfo, &copy->ShellInfo,
                                &copy->RuntimeData};
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i]->Buffer)
            fields[i]->Buffer = (PWSTR)((BYTE *)fields[i]->Buffer - (BYTE *)params);
    copy->Environment = NULL;
    copy->Flags &= ~RTL_USER_PROC_PARAMS_NORMALIZED;
    *length = params->Length;
    return at;
}

static bool is_std_handle(PRTL_USER_PROCESS_PARAMETERS params, HANDLE h)
{
    return h && (h == params->StandardInput || h == params->StandardOutput || h == params->StandardError);
}

struct inheritance {
    bool inherit;
    const HANDLE *list;     /* PROC_THREAD_ATTRIBUTE_HANDLE_LIST: only these (inheritable ones) */
    SIZE_T count;
};

static bool listed(const struct inheritance *in, HANDLE h)
{
    if (!in->list)
        return true;
    for (SIZE_T i = 0; i < in->count; i++)
        if (in->list[i] == h)
            return true;
    return false;
}

/*
 * The handles that cross: every inheritable one when the parent asked for inheritance (only the listed
 * ones with a handle list), and the standard handles of a child that did not name its own (a console child
 * gets its parent's, duplicated, as Windows' PsRequestDuplicate does). Only file objects with a host fd
 * can cross hosts.
 */
static NTSTATUS put_handles(struct message_builder *b, struct psp_message *m, PEPROCESS parent,
                            PRTL_USER_PROCESS_PARAMETERS params, const struct inheritance *in, int **fds)
{
    struct ob_handle_info *all;
    ULONG count;
    NTSTATUS status = ObSnapshotHandles(&parent->ObjectTable, 0, &all, &count);
    if (status != STATUS_SUCCESS)
        return status;
    *fds = malloc((count ? count : 1) * sizeof **fds);
    struct psp_message_handle *handles = calloc(count ? count : 1, sizeof *handles);
    if (!*fds || !handles) {
        free(handles);
        ObFreeHandleSnapshot(all, count);
        return STATUS_NO_MEMORY;
    }
    bool std_too = !(params->WindowFlags & STARTF_USESTDHANDLES);
    ULONG n = 0;
    for (ULONG i = 0; i < count; i++) {
        bool wanted = (in->inherit && (all[i].Attributes & OBJ_INHERIT) && listed(in, all[i].Handle)) ||
                      (std_too && is_std_handle(params, all[i].Handle));
        struct io_file_description d;
        if (!wanted || ObGetObjectType(all[i].Object) != IoFileObjectType ||
            !IoDescribeFileObject(all[i].Object, &d))
            continue;
        struct psp_message_handle *h = &handles[n];
        h->Value = (ULONG64)(ULONG_PTR)all[i].Handle;
        h->Access = all[i].Access;
        h->Attributes = all[i].Attributes;
        h->FileFlags = d.Flags;
        h->HostType = d.HostType;
        h->Options = d.Options;
        h->ShareAccess = d.ShareAccess;
        h->PipeReadEnd = d.PipeReadEnd;
        h->NameLength = d.FileName.Length;
        h->NameOffset = put(b, d.FileName.Buffer, d.FileName.Length);
        h->HostPathOffset = d.HostPath ? put(b, d.HostPath, strlen(d.HostPath) + 1) : 0;
        (*fds)[n++] = ((PFILE_OBJECT)all[i].Object)->Fd;
    }
    m->HandleCount = n;
    m->HandlesOffset = put(b, handles, n * sizeof *handles);
    free(handles);
    /* The fds stay open while the parent's handles hold their objects: the caller spawns before it
     * returns to the guest. */
    ObFreeHandleSnapshot(all, count);
    return b->failed ? STATUS_NO_MEMORY : STATUS_SUCCESS;
}

static NTSTATUS build_message(struct message_builder *b, PEPROCESS parent, PCUNICODE_STRING image,
                              PRTL_USER_PROCESS_PARAMETERS params, ULONG process_flags, ULONG thread_flags,
                              const struct inheritance *in, ULONG process_attributes, ULONG thread_attributes,
                              int **fds, size_t *nfds)
{
    struct psp_message m = {.Magic = PSP_MESSAGE_MAGIC, .ParentId = parent->UniqueProcessId, .TraceFd = -1,
                            .TraceJsonFd = -1, .ProcessFlags = process_flags, .ThreadFlags = thread_flags,
                            .ProcessAttributes = process_attributes, .ThreadAttributes = thread_attributes};
    put(b, &m, sizeof m);
    m.ImageOffset = put(b, image->Buffer, image->Length);
    m.ImageLength = image->Length;
    m.ParamsOffset = put_parameters(b, params, &m.ParamsLength);
    SIZE_T env_size = RtlpEnvironmentSize(params->Environment);
    m.EnvOffset = put(b, params->Environment, env_size);
    m.EnvLength = (ULONG)env_size;
    const char *root = IoDriveHostRoot('C');
    m.DriveRootOffset = put(b, root ? root : "/", strlen(root ? root : "/") + 1);
    m.NtdllBase = (ULONG_PTR)parent->NtdllBase;
    m.ConsoleRootId = PspConsoleRootId;
    NTSTATUS status = put_handles(b, &m, parent, params, in, fds);
    if (status != STATUS_SUCCESS)
        return status;
    if (b->failed)
        return STATUS_NO_MEMORY;
    *nfds = m.HandleCount;
    /* A traced parent's child traces into the same files: their fds follow the handles' (the caller adds
     * them to the fd list in this order). */
    if (KeTraceAny()) {
        int trace_fd, json_fd;
        KeTraceFiles(&trace_fd, &json_fd);
        m.TraceFd = PSP_CHILD_FIRST_HANDLE_FD + (int)m.HandleCount;
        m.TraceJsonFd = json_fd >= 0 ? m.TraceFd + 1 : -1;
        m.TraceChain = KeTraceEnabled;
        m.TraceKinds = KeTraceKinds;
        snprintf(m.TraceApiFilter, sizeof m.TraceApiFilter, "%s", KeApiTraceFilter());
    }
    m.Size = (uint32_t)b->len;
    memcpy(b->buf, &m, sizeof m);
    return STATUS_SUCCESS;
}

/* ---- watching the processes of other hosts ----------------------------------------------------------- */

static host_lock watch_lock = HOST_LOCK_INIT;
static int watch_fd = -1;
static PEPROCESS *watched;     /* referenced, until their end is seen */
static size_t nwatched, watched_cap;

LONG PspProcessExitStatus(PEPROCESS p)
{
    return p->Remote ? __atomic_load_n(&p->Record->ExitStatus, __ATOMIC_ACQUIRE) : p->ExitStatus;
}

/* The end of a remote process: its record tells the status; a host that died without writing it
 * (killed from outside, or crashed itself) gets the closest Windows status. */
static void remote_process_ended(PEPROCESS p)
{
    int value;
    enum host_child_end how = host_pidfd_reap(p->PidFd, &value);
    struct psp_process_record *r = p->Record;
    LONG fallback = how == HOST_CHILD_EXITED    ? value
                    : how == HOST_CHILD_CRASHED ? (LONG)STATUS_ACCESS_VIOLATION
                                                : 1;   /* killed: as TerminateProcess by another tool */
    LONG pending = STATUS_PENDING;
    __atomic_compare_exchange_n(&r->ExitStatus, &pending, fallback, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    if (!r->ExitTime)
        r->ExitTime = (LONGLONG)host_system_time();
    p->ExitStatus = r->ExitStatus;
    p->ExitTime.QuadPart = r->ExitTime;
    PETHREAD t = p->RemoteInitialThread;
    if (t) {
        t->ExitStatus = p->ExitStatus;
        t->ExitTime = p->ExitTime;
        KeSetSignalState(&t->Header, 1);
    }
    KeSetSignalState(&p->Header, 1);
}

static void watch_children(void *arg)
{
    (void)arg;
    host_thread_set_name(host_gettid(), "ntexec-children");
    for (;;) {
        PEPROCESS p = host_watch_next(watch_fd);
        remote_process_ended(p);
        host_lock_acquire(&watch_lock);
        for (size_t i = 0; i < nwatched; i++) {
            if (watched[i] == p) {
                watched[i] = watched[--nwatched];
                break;
            }
        }
        host_lock_release(&watch_lock);
        host_watch_remove(watch_fd, p->PidFd);
        ObDereferenceObject(p);
    }
}

static NTSTATUS watch(PEPROCESS p)
{
    host_lock_acquire(&watch_lock);
    NTSTATUS status = STATUS_SUCCESS;
    if (watch_fd < 0) {
        status = host_watch_create(&watch_fd);
        if (status == STATUS_SUCCESS && (status = host_thread_start(watch_children, NULL, NULL)) != STATUS_SUCCESS) {
            host_close(watch_fd);
            watch_fd = -1;
        }
    }
    if (status == STATUS_SUCCESS && nwatched == watched_cap) {
        size_t cap = watched_cap ? watched_cap * 2 : 16;
        PEPROCESS *nw = realloc(watched, cap * sizeof *nw);
        if (nw) {
            watched = nw;
            watched_cap = cap;
        } else {
            status = STATUS_NO_MEMORY;
        }
    }
    if (status == STATUS_SUCCESS) {
        ObReferenceObject(p);
        watched[nwatched++] = p;
        status = host_watch_add(watch_fd, p->PidFd, p);
        if (status != STATUS_SUCCESS) {
            nwatched--;
            ObDereferenceObject(p);
        }
    }
    host_lock_release(&watch_lock);
    return status;
}

void PspForwardConsoleSignal(enum host_console_signal sig)
{
    host_lock_acquire(&watch_lock);
    for (size_t i = 0; i < nwatched; i++)
        if (watched[i]->Record->ParentId == host_getpid())   /* children, not processes merely opened */
            host_console_signal_send(watched[i]->UniqueProcessId, sig);
    host_lock_release(&watch_lock);
}

/* A remote process this host already stands for (referenced), or NULL. */
static PEPROCESS find_watched(ULONG pid)
{
    PEPROCESS found = NULL;
    host_lock_acquire(&watch_lock);
    for (size_t i = 0; i < nwatched && !found; i++) {
        if (watched[i]->UniqueProcessId == pid) {
            found = watched[i];
            ObReferenceObject(found);
        }
    }
    host_lock_release(&watch_lock);
    return found;
}

/* ---- remote objects --------------------------------------------------------------------------------------- */

static NTSTATUS create_remote_process(struct psp_process_record *record, int pidfd, PEPROCESS *out)
{
    PEPROCESS p;
    NTSTATUS status = PspCreateProcessObject(record->ProcessId, &p);
    if (status != STATUS_SUCCESS)
        return status;
    p->Remote = TRUE;
    p->Record = record;
    p->PidFd = pidfd;
    p->InheritedFromUniqueProcessId = record->ParentId;
    p->CreateTime.QuadPart = record->CreateTime;
    UNICODE_STRING name = {record->ImageFileNameLength, record->ImageFileNameLength, record->ImageFileName};
    if (name.Length) {
        char base[96];
        RtlpBaseNameUtf8(base, sizeof base, &name);
        memcpy(p->ImageName, base, sizeof p->ImageName - 1);
        ObCaptureUnicodeString(&p->ImageFileName, name.Buffer, name.Length);
    }
    *out = p;
    return STATUS_SUCCESS;
}

void PspDeleteRemoteProcess(PEPROCESS p)
{
    if (p->RemoteInitialThread)
        ObDereferenceObject(p->RemoteInitialThread);
    if (p->Record)
        host_shared_unmap(p->Record, sizeof *p->Record);
    if (p->PidFd >= 0)
        host_close(p->PidFd);
}

static NTSTATUS wait_ready(struct psp_process_record *r, int pidfd)
{
    while (!__atomic_load_n(&r->Ready, __ATOMIC_ACQUIRE)) {
        if (host_pidfd_exited(pidfd))
            return __atomic_load_n(&r->Ready, __ATOMIC_ACQUIRE) ? STATUS_SUCCESS : STATUS_PROCESS_IS_TERMINATING;
        host_shared_futex_wait(&r->Ready, 0, 20 * 1000 * 1000);
    }
    return STATUS_SUCCESS;
}

NTSTATUS PspCreateChildHostProcess(PEPROCESS parent, PCUNICODE_STRING image, PRTL_USER_PROCESS_PARAMETERS params,
                                   ULONG process_flags, ULONG thread_flags, const HANDLE *handle_list,
                                   SIZE_T handle_list_count, POBJECT_ATTRIBUTES process_attributes,
                                   POBJECT_ATTRIBUTES thread_attributes, PHANDLE process_handle,
                                   PHANDLE thread_handle)
{
    int trace = TRACE_BEGIN("PspCreateChildHost");
    struct message_builder b = {0};
    int *handle_fds = NULL;
    size_t nhandles = 0;
    struct psp_process_record *record = NULL;
    int record_fd = -1, message_fd = -1, pidfd = -1;
    uint32_t pid = 0;
    struct inheritance in = {(process_flags & PROCESS_CREATE_FLAGS_INHERIT_HANDLES) != 0, handle_list,
                             handle_list_count};
    /* A new process group (CREATE_NEW_PROCESS_GROUP) is a host process group: Ctrl-C at the terminal does
     * not reach it, as on Windows. */
    bool new_group = params->ProcessGroupId == PS_NEW_PROCESS_GROUP;
    NTSTATUS status = build_message(&b, parent, image, params, process_flags, thread_flags, &in,
                                    process_attributes ? process_attributes->Attributes : 0,
                                    thread_attributes ? thread_attributes->Attributes : 0, &handle_fds, &nhandles);
    void *message_map = NULL;
    if (status == STATUS_SUCCESS)
        status = host_shared_create("ntexec-create", b.len, &message_fd, &message_map);
    if (status == STATUS_SUCCESS) {
        memcpy(message_map, b.buf, b.len);
        host_shared_unmap(message_map, b.len);
        status = host_shared_create(PSP_RECORD_NAME, sizeof *record, &record_fd, (void **)&record);
    }
    if (status == STATUS_SUCCESS) {
        record->Magic = PSP_RECORD_MAGIC;
        record->ExitStatus = STATUS_PENDING;
        int *fds = malloc((4 + nhandles) * sizeof *fds);
        if (!fds) {
            status = STATUS_NO_MEMORY;
        } else {
            fds[0] = message_fd;
            fds[1] = record_fd;
            memcpy(fds + 2, handle_fds, nhandles * sizeof *fds);
            size_t nfds = 2 + nhandles;
            if (KeTraceAny()) {
                int trace_fd, json_fd;
                KeTraceFiles(&trace_fd, &json_fd);
                fds[nfds++] = trace_fd;
                if (json_fd >= 0)
                    fds[nfds++] = json_fd;
            }
            char image_utf8[512];
            RtlpBaseNameUtf8(image_utf8, sizeof image_utf8, image);
            const char *argv[] = {"ntexec", "--child", image_utf8, NULL};
            status = host_spawn_self(argv, fds, nfds, new_group, &pid, &pidfd);
            free(fds);
        }
    }
    free(b.buf);
    free(handle_fds);
    if (message_fd >= 0)
        host_close(message_fd);
    if (record_fd >= 0)
        host_close(record_fd);
    if (status == STATUS_SUCCESS)
        status = wait_ready(record, pidfd);
    if (status == STATUS_SUCCESS)
        status = record->CreateStatus;
    PEPROCESS p = NULL;
    if (status == STATUS_SUCCESS) {
        status = create_remote_process(record, pidfd, &p);
        if (status == STATUS_SUCCESS)
            record = NULL, pidfd = -1;   /* p owns them */
    }
    PETHREAD t = NULL;
    if (status == STATUS_SUCCESS)
        status = PspCreateThreadObject(p, &t);
    if (status == STATUS_SUCCESS) {
        t->Remote = TRUE;
        t->Cid.UniqueThread = (HANDLE)(ULONG_PTR)p->Record->InitialThreadId;
        t->CreateTime = p->CreateTime;
        p->RemoteInitialThread = t;
        ObReferenceObject(t);
        status = watch(p);
    }
    if (status == STATUS_SUCCESS)
        status = ObInsertHandle(&parent->ObjectTable, p, 0x1FFFFF,
                                process_attributes ? process_attributes->Attributes : 0, process_handle);
    if (status == STATUS_SUCCESS)
        status = ObInsertHandle(&parent->ObjectTable, t, 0x1FFFFF,
                                thread_attributes ? thread_attributes->Attributes : 0, thread_handle);
    if (status != STATUS_SUCCESS && *process_handle) {
        ObCloseHandleInTable(&parent->ObjectTable, *process_handle);
        *process_handle = NULL;
    }
    if (status != STATUS_SUCCESS && p)
        PspTerminateRemoteProcess(p, STATUS_UNSUCCESSFUL);   /* the parent cannot hold it: it must not run */
    if (t)
        ObDereferenceObject(t);
    if (p)
        ObDereferenceObject(p);
    if (record)
        host_shared_unmap(record, sizeof *record);
    if (pidfd >= 0) {
        host_pidfd_kill(pidfd);
        int ignored;
        host_pidfd_reap(pidfd, &ignored);
        host_close(pidfd);
    }
    if (status == STATUS_SUCCESS)
        TRACE_END(trace, "child host pid %u built the process; its initial thread %u waits", pid,
                  (unsigned)(ULONG_PTR)t->Cid.UniqueThread);
    else
        TRACE_END(trace, "failed: 0x%08x", (unsigned)status);
    return status;
}

/* ---- requests to the host of a remote process ------------------------------------------------------------- */

static void request_lock(volatile uint32_t *l)
{
    uint32_t c = 0;
    if (__atomic_compare_exchange_n(l, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        host_shared_futex_wait(l, 2, 50 * 1000 * 1000);
        c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
    }
}

static void request_unlock(volatile uint32_t *l)
{
    if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
        host_shared_futex_wake(l, 1);
}

/* One request and its answer; the caller holds the mailbox's lock. */
static NTSTATUS request_locked(PEPROCESS p, enum psp_request op, ULONG tid, const ULONG64 args[4],
                               ULONG64 results[3], CONTEXT *context, MEMORY_BASIC_INFORMATION *info)
{
    struct psp_process_record *r = p->Record;
    r->Op = op;
    r->ThreadId = tid;
    if (args)
        memcpy(r->Args, args, sizeof r->Args);
    if (context)
        memcpy(&r->Context, context, sizeof *context);
    uint32_t seq = r->RequestSeq + 1;
    __atomic_store_n(&r->RequestSeq, seq, __ATOMIC_RELEASE);
    host_shared_futex_wake(&r->RequestSeq, 1);
    for (;;) {
        uint32_t reply = __atomic_load_n(&r->ReplySeq, __ATOMIC_ACQUIRE);
        if (reply == seq)
            break;
        if (host_pidfd_exited(p->PidFd))
            return op <= PSP_REQUEST_SET_CONTEXT ? STATUS_THREAD_IS_TERMINATING : STATUS_PROCESS_IS_TERMINATING;
        host_shared_futex_wait(&r->ReplySeq, reply, 20 * 1000 * 1000);
    }
    if (results)
        memcpy(results, r->Results, sizeof r->Results);
    if (context)
        memcpy(context, &r->Context, sizeof *context);
    if (info)
        *info = r->Info;
    return r->Status;
}

NTSTATUS PspRemoteRequest(PEPROCESS p, enum psp_request op, ULONG tid, const ULONG64 args[4], ULONG64 results[3],
                          CONTEXT *context, MEMORY_BASIC_INFORMATION *info)
{
    if (PspProcessExitStatus(p) != STATUS_PENDING)
        return op <= PSP_REQUEST_SET_CONTEXT ? STATUS_THREAD_IS_TERMINATING : STATUS_PROCESS_IS_TERMINATING;
    request_lock(&p->Record->RequestLock);
    NTSTATUS status = request_locked(p, op, tid, args, results, context, info);
    request_unlock(&p->Record->RequestLock);
    return status;
}

NTSTATUS PsRemoteMemoryRequest(PEPROCESS p, enum ps_remote_memory op, const ULONG64 args[4], ULONG64 results[3],
                               MEMORY_BASIC_INFORMATION *info)
{
    static const enum psp_request requests[] = {PSP_REQUEST_ALLOCATE, PSP_REQUEST_FREE, PSP_REQUEST_PROTECT,
                                                PSP_REQUEST_QUERY};
    return PspRemoteRequest(p, requests[op], 0, args, results, NULL, info);
}

/* A file object's description in the mailbox (PSP_REQUEST_INSERT_FILE, PSP_REQUEST_DESCRIBE_HANDLE). */
void PspPutFileDescription(struct psp_process_record *r, const struct io_file_description *d)
{
    r->File.Flags = d->Flags;
    r->File.HostType = d->HostType;
    r->File.Options = d->Options;
    r->File.ShareAccess = d->ShareAccess;
    r->File.PipeReadEnd = d->PipeReadEnd;
    r->File.NameLength = d->FileName.Length <= sizeof r->File.Name ? d->FileName.Length : 0;
    if (r->File.NameLength)   /* a nameless object (a socket, a pipe) has no buffer */
        memcpy(r->File.Name, d->FileName.Buffer, r->File.NameLength);
    r->File.HostPath[0] = 0;
    if (d->HostPath && strlen(d->HostPath) < sizeof r->File.HostPath)
        memcpy(r->File.HostPath, d->HostPath, strlen(d->HostPath) + 1);
}

/* The mailbox's description as an io_file_description pointing into the record (valid under its lock). */
void PspGetFileDescription(struct psp_process_record *r, ACCESS_MASK access, struct io_file_description *d)
{
    r->File.HostPath[sizeof r->File.HostPath - 1] = 0;
    *d = (struct io_file_description){access, r->File.Flags, r->File.HostType, r->File.Options,
                                      r->File.ShareAccess, (BOOLEAN)r->File.PipeReadEnd, {0, 0, NULL},
                                      r->File.HostPath[0] ? r->File.HostPath : NULL};
    if (r->File.NameLength && r->File.NameLength <= sizeof r->File.Name) {
        d->FileName.Buffer = r->File.Name;
        d->FileName.Length = d->FileName.MaximumLength = r->File.NameLength;
    }
}

/* DuplicateHandle into a process of another host: file objects with a host fd can go (the target's host
 * takes the fd with pidfd_getfd); other objects live in this host only. */
NTSTATUS PsInsertHandleInRemote(PEPROCESS p, void *object, ACCESS_MASK access, ULONG attributes, HANDLE *handle)
{
    struct io_file_description d;
    if (ObGetObjectType(object) != IoFileObjectType || !IoDescribeFileObject(object, &d))
        return STATUS_NOT_SUPPORTED;
    struct psp_process_record *r = p->Record;
    ULONG64 args[4] = {PsGetCurrentProcess()->UniqueProcessId, (ULONG)((PFILE_OBJECT)object)->Fd, access,
                       attributes},
            results[3] = {0};
    if (PspProcessExitStatus(p) != STATUS_PENDING)
        return STATUS_PROCESS_IS_TERMINATING;
    /* The description rides in the mailbox: filled under its lock by the request itself. */
    request_lock(&r->RequestLock);
    PspPutFileDescription(r, &d);
    NTSTATUS status = request_locked(p, PSP_REQUEST_INSERT_FILE, 0, args, results, NULL, NULL);
    request_unlock(&r->RequestLock);
    if (status == STATUS_SUCCESS)
        *handle = (HANDLE)(ULONG_PTR)results[0];
    return status;
}

NTSTATUS PsTakeHandleFromRemote(PEPROCESS p, HANDLE source, HANDLE_TABLE *table, ACCESS_MASK access,
                                ULONG attributes, ULONG options, HANDLE *target)
{
    ULONG64 args[4] = {(ULONG_PTR)source, 0, 0, 0}, results[3] = {0};
    NTSTATUS status = STATUS_SUCCESS;
    if (table) {
        if (PspProcessExitStatus(p) != STATUS_PENDING)
            return STATUS_PROCESS_IS_TERMINATING;
        struct psp_process_record *r = p->Record;
        request_lock(&r->RequestLock);
        status = request_locked(p, PSP_REQUEST_DESCRIBE_HANDLE, 0, args, results, NULL, NULL);
        int fd = -1;
        if (status == STATUS_SUCCESS)
            status = host_pidfd_getfd(p->PidFd, (int)results[0], &fd);
        /* The file object is made while the mailbox still holds its description. */
        PFILE_OBJECT f = NULL;
        if (status == STATUS_SUCCESS) {
            struct io_file_description d;
            PspGetFileDescription(r, options & DUPLICATE_SAME_ACCESS ? (ACCESS_MASK)results[1] : access, &d);
            status = IoCreateInheritedFileObject(fd, &d, &f);
            host_close(fd);
        }
        request_unlock(&r->RequestLock);
        if (status == STATUS_SUCCESS) {
            ULONG attrs = options & DUPLICATE_SAME_ATTRIBUTES ? (ULONG)results[2] : attributes;
            status = ObInsertHandle(table, f, f->Access, attrs, target);
            ObDereferenceObject(f);
        }
    }
    if (status == STATUS_SUCCESS && (options & DUPLICATE_CLOSE_SOURCE))
        status = PspRemoteRequest(p, PSP_REQUEST_CLOSE_HANDLE, 0, args, NULL, NULL, NULL);
    return status;
}

NTSTATUS PspTerminateRemoteProcess(PEPROCESS p, NTSTATUS status)
{
    LONG pending = STATUS_PENDING;
    if (!__atomic_compare_exchange_n(&p->Record->ExitStatus, &pending, status, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST))
        return STATUS_PROCESS_IS_TERMINATING;
    p->Record->ExitTime = (LONGLONG)host_system_time();
    return host_pidfd_kill(p->PidFd);
}

/* ---- OpenProcess ------------------------------------------------------------------------------------------ */

NTSTATUS PspOpenRemoteProcess(ULONG pid, PEPROCESS *process)
{
    *process = find_watched(pid);
    if (*process)
        return STATUS_SUCCESS;
    int pidfd, fd;
    NTSTATUS status = host_pidfd_open(pid, &pidfd);
    if (status != STATUS_SUCCESS)
        return STATUS_INVALID_CID;
    /* Only ntexec hosts are NT processes: the others are not in this system. */
    status = host_find_shared(pid, PSP_RECORD_NAME, &fd);
    if (status != STATUS_SUCCESS) {
        host_close(pidfd);
        return status == STATUS_ACCESS_DENIED ? status : STATUS_INVALID_CID;
    }
    struct psp_process_record *record;
    status = host_shared_map(fd, sizeof *record, (void **)&record);
    host_close(fd);
    if (status == STATUS_SUCCESS && (record->Magic != PSP_RECORD_MAGIC || !record->Ready || record->CreateStatus)) {
        host_shared_unmap(record, sizeof *record);
        status = STATUS_INVALID_CID;
    }
    PEPROCESS p = NULL;
    if (status == STATUS_SUCCESS) {
        status = create_remote_process(record, pidfd, &p);
        if (status != STATUS_SUCCESS)
            host_shared_unmap(record, sizeof *record);
    }
    if (status != STATUS_SUCCESS) {
        host_close(pidfd);
        return status;
    }
    status = watch(p);
    if (status != STATUS_SUCCESS) {
        ObDereferenceObject(p);
        return status;
    }
    *process = p;
    return STATUS_SUCCESS;
}
