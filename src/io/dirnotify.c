/*
 * NtNotifyChangeDirectoryFile (ReadDirectoryChangesW): the changes in a directory since the previous call,
 * as FILE_NOTIFY_INFORMATION records. The first call starts the watch (host/dirwatch.c, over inotify); the
 * watch lives as long as the file object and queues the changes that come between two calls, as the
 * directory's notify buffer does on Windows. A synchronous handle waits for a change; an asynchronous one
 * answers at once when changes are queued, else a host thread waits and completes the request (event,
 * completion port) when one comes. Changes that do not fit the caller's buffer are dropped and the call
 * reports STATUS_NOTIFY_ENUM_DIR with no records, as Windows does when its buffer overflows.
 * The filter and the subtree choice are the first call's, as Windows keeps them for the handle; a subtree
 * watch names changes below the directory by their relative path ("sub\file.txt").
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "rtl/rtl.h"

#define STATUS_NOTIFY_ENUM_DIR ((NTSTATUS)0x0000010C)
#define NOTIFY_FILTER_VALID    0x00000FFFu

struct records {
    unsigned char *buf;
    ULONG size, used, last;   /* last: offset of the last record, for its NextEntryOffset */
    ULONG filter;
    bool overflow;
};

static void add_record(void *ctx, unsigned action, unsigned kinds, const char *name)
{
    struct records *r = ctx;
    if (!(kinds & r->filter) || r->overflow)
        return;
    WCHAR wname[1024];
    ULONG bytes = 0;
    if (RtlUTF8ToUnicodeN(wname, sizeof wname, &bytes, name, (ULONG)strlen(name)) != STATUS_SUCCESS)
        return;
    /* Records start on 4-byte boundaries; the last one's size is its own, unpadded, as Windows counts it. */
    ULONG start = (r->used + 3) & ~3u, need = 12 + bytes;
    if (start + need > r->size) {
        r->overflow = true;
        return;
    }
    memset(r->buf + r->used, 0, start - r->used);
    unsigned char *p = r->buf + start;
    ULONG zero = 0, a = action;
    memcpy(p, &zero, 4);
    memcpy(p + 4, &a, 4);
    memcpy(p + 8, &bytes, 4);
    memcpy(p + 12, wname, bytes);
    if (start) {
        ULONG next = start - r->last;
        memcpy(r->buf + r->last, &next, 4);
    }
    r->last = start;
    r->used = start + need;
}

/* Reads the queued changes into r; STATUS_PENDING when there are none and wait is false. */
static NTSTATUS collect(struct host_dirwatch *fd, bool wait, struct records *r)
{
    for (;;) {
        NTSTATUS status = host_dirwatch_read(fd, wait, add_record, r);
        if (status != STATUS_SUCCESS)
            return status;
        if (r->overflow) {
            /* drop what else is queued: the caller has to list the directory again anyway */
            struct records rest = {.buf = NULL, .size = 0, .filter = 0};   /* keeps nothing */
            while (host_dirwatch_read(fd, false, add_record, &rest) == STATUS_SUCCESS)
                ;
            r->used = 0;
            return STATUS_NOTIFY_ENUM_DIR;
        }
        if (r->used)
            return STATUS_SUCCESS;
        /* only changes the filter leaves out: keep waiting (or report nothing yet) */
        if (!wait)
            return STATUS_PENDING;
    }
}

struct notify_op {
    PFILE_OBJECT File;
    KEVENT *Event;
    void *Port;
    ULONG_PTR Key, Context;
    PIO_STATUS_BLOCK Io;
    PVOID Buffer;
    struct records Records;
};

static void notify_worker(void *arg)
{
    struct notify_op *op = arg;
    NTSTATUS status = collect(op->File->Notify, true, &op->Records);
    __atomic_sub_fetch(&op->File->NotifyPending, 1, __ATOMIC_ACQ_REL);   /* before the caller can see the end */
    uint64_t fault;
    /* The buffer and the OVERLAPPED are guest memory that may be gone: guarded writes, Status last, as
     * GetOverlappedResult reads it to tell completion. */
    if (op->Records.used)
        host_copy_guarded(op->Buffer, op->Records.buf, op->Records.used, &fault);
    IO_STATUS_BLOCK done = {.Status = status, .Information = op->Records.used};
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
        /* a request that went pending posts its packet whatever its end, a cancel included */
        IopPostCompletion(op->Port, op->Key, op->Context, status, op->Records.used);
        ObDereferenceObject(op->Port);
    }
    ObDereferenceObject(op->File);
    free(op->Records.buf);
    free(op);
}

static NTSTATUS start_worker(PFILE_OBJECT f, HANDLE event, PVOID apc_context, PIO_STATUS_BLOCK io, PVOID buffer,
                             ULONG length, ULONG filter)
{
    struct notify_op *op = calloc(1, sizeof *op);
    if (!op || !(op->Records.buf = malloc(length ? length : 1))) {
        free(op);
        return STATUS_NO_MEMORY;
    }
    op->Records.size = length;
    op->Records.filter = filter;
    NTSTATUS status;
    if (event && (status = ObReferenceObjectByHandle(event, ExEventObjectType, (void **)&op->Event)) != STATUS_SUCCESS) {
        free(op->Records.buf);
        free(op);
        return status;
    }
    if (f->CompletionPort && apc_context) {
        ObReferenceObject(f->CompletionPort);
        op->Port = f->CompletionPort;
        op->Key = f->CompletionKey;
        op->Context = (ULONG_PTR)apc_context;
    }
    ObReferenceObject(f);
    op->File = f;
    op->Io = io;
    op->Buffer = buffer;
    io->Status = STATUS_PENDING;
    io->Information = 0;
    uint32_t tid;
    __atomic_add_fetch(&f->NotifyPending, 1, __ATOMIC_ACQ_REL);
    status = host_thread_start(notify_worker, op, &tid);
    if (status != STATUS_SUCCESS) {
        __atomic_sub_fetch(&f->NotifyPending, 1, __ATOMIC_ACQ_REL);
        ObDereferenceObject(f);
        if (op->Event)
            ObDereferenceObject(op->Event);
        if (op->Port)
            ObDereferenceObject(op->Port);
        free(op->Records.buf);
        free(op);
        return status;
    }
    return STATUS_PENDING;
}

/* CancelIo(Ex) on a directory: the host thread waiting for its change ends the request with STATUS_CANCELLED
 * (ERROR_OPERATION_ABORTED in GetOverlappedResult, a packet on the completion port). */
NTSTATUS IopCancelNotify(PFILE_OBJECT f)
{
    if (!f->Notify || !__atomic_load_n(&f->NotifyPending, __ATOMIC_ACQUIRE))
        return STATUS_NOT_FOUND;
    host_dirwatch_cancel(f->Notify);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtNotifyChangeDirectoryFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context,
                                            PIO_STATUS_BLOCK io, PVOID buffer, ULONG length, ULONG filter,
                                            BOOLEAN subtree)
{
    (void)apc;
    PROBE_FOR_WRITE(io, sizeof *io);
    if (length)
        PROBE_FOR_WRITE(buffer, length);
    if (!filter || (filter & ~NOTIFY_FILTER_VALID))
        return STATUS_INVALID_PARAMETER;
    PFILE_OBJECT f;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    if (status != STATUS_SUCCESS)
        return status;
    if (!(f->Flags & FO_DIRECTORY) || !f->HostPath)
        status = STATUS_INVALID_PARAMETER;
    else if (!(f->Access & FILE_LIST_DIRECTORY))
        status = STATUS_ACCESS_DENIED;
    if (status != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    host_lock_acquire(&f->Lock);
    if (!f->Notify) {
        status = host_dirwatch_open(f->HostPath, subtree != 0, &f->Notify);
        if (status == STATUS_SUCCESS)
            f->NotifyFilter = filter;
    }
    filter = f->NotifyFilter;   /* the first call's filter and subtree hold for the watch's life, as on Windows */
    host_lock_release(&f->Lock);
    if (status != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    if (event)
        NtResetEvent(event, NULL);
    struct records r = {.buf = malloc(length ? length : 1), .size = length, .filter = filter};
    if (!r.buf) {
        ObDereferenceObject(f);
        return STATUS_NO_MEMORY;
    }
    bool sync = (f->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) != 0;
    status = collect(f->Notify, sync, &r);
    if (status == STATUS_PENDING) {
        status = start_worker(f, event, apc_context, io, buffer, length, filter);
    } else {
        if (r.used)
            memcpy(buffer, r.buf, r.used);
        io->Status = status;
        io->Information = r.used;
        IopCompleteRequest(f, event, apc_context, status, r.used);
    }
    free(r.buf);
    ObDereferenceObject(f);
    return status;
}
