/*
 * I/O completion ports: NtCreateIoCompletion, NtSetIoCompletion, NtRemoveIoCompletion(Ex), and the
 * association of a file object with a port (FileCompletionInformation) through which the I/O path posts
 * a packet for each request that completes (IopCompleteRequest).
 *
 * A port is a FIFO of packets behind one kernel lock, with its own futex: a sequence word bumped by every
 * post and by the close of the last handle. A waiter reads the word under the lock after finding the
 * queue empty, then sleeps while it is unchanged, so a post between the check and the sleep is never
 * missed. Each post wakes one sleeper; the close of the last handle wakes them all, and they leave with
 * STATUS_ABANDONED_WAIT_0 (GetQueuedCompletionStatus: ERROR_ABANDONED_WAIT_0), as on Windows.
 * Ports do not use the dispatcher (ke/wait.c): a port is not a waitable object for WaitForSingleObject
 * here, and the concurrency value (how many threads the port lets run at once) is kept but not enforced.
 */
#include <stdlib.h>

#include "io/io.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "ps/ps.h"

struct io_packet {
    struct io_packet *Next;
    FILE_IO_COMPLETION_INFORMATION Info;
};

typedef struct _IO_COMPLETION {
    host_lock Lock;
    volatile uint32_t Sequence;     /* the futex waiters sleep on */
    struct io_packet *Head, *Tail;
    ULONG Count;
    ULONG Concurrency;
    BOOLEAN Closed;                 /* the last handle went: waiters leave, nothing is queued */
} IO_COMPLETION;

static void completion_delete(void *object)
{
    IO_COMPLETION *port = object;
    for (struct io_packet *p = port->Head, *next; p; p = next) {
        next = p->Next;
        free(p);
    }
}

static void completion_close(void *object, ULONG remaining_handles)
{
    IO_COMPLETION *port = object;
    if (remaining_handles)
        return;
    host_lock_acquire(&port->Lock);
    port->Closed = TRUE;
    port->Sequence++;
    host_lock_release(&port->Lock);
    host_futex_wake(&port->Sequence, INT32_MAX);
}

static const OBJECT_TYPE completion_type = {"IoCompletion", completion_delete, completion_close};
const OBJECT_TYPE *IoCompletionObjectType = &completion_type;

NTSTATUS WINAPI NtCreateIoCompletion(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                     ULONG concurrency)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    (void)attributes;
    if (!handle)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    IO_COMPLETION *port;
    NTSTATUS status = ObCreateObject(IoCompletionObjectType, sizeof *port, (void **)&port);
    if (status != STATUS_SUCCESS)
        return status;
    port->Concurrency = concurrency;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, port, access ? access : IO_COMPLETION_ALL_ACCESS,
                            attributes ? attributes->Attributes & OBJ_INHERIT : 0, handle);
    ObDereferenceObject(port);
    return status;
}

/* Queues one packet on a port the caller holds a reference to. */
NTSTATUS IopPostCompletion(void *object, ULONG_PTR key, ULONG_PTR context, NTSTATUS status, ULONG_PTR information)
{
    IO_COMPLETION *port = object;
    struct io_packet *p = malloc(sizeof *p);
    if (!p)
        return STATUS_NO_MEMORY;
    p->Next = NULL;
    p->Info.CompletionKey = key;
    p->Info.CompletionValue = context;
    p->Info.IoStatusBlock.Status = status;
    p->Info.IoStatusBlock.Information = information;
    host_lock_acquire(&port->Lock);
    if (port->Closed) {
        /* A file still associated with a port whose handles are all closed: nobody can remove it. */
        host_lock_release(&port->Lock);
        free(p);
        return STATUS_SUCCESS;
    }
    if (port->Tail)
        port->Tail->Next = p;
    else
        port->Head = p;
    port->Tail = p;
    port->Count++;
    port->Sequence++;
    host_lock_release(&port->Lock);
    host_futex_wake(&port->Sequence, 1);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtSetIoCompletion(HANDLE handle, ULONG_PTR key, ULONG_PTR context, NTSTATUS status,
                                  ULONG_PTR information)
{
    IO_COMPLETION *port;
    NTSTATUS st = ObReferenceObjectByHandle(handle, IoCompletionObjectType, (void **)&port);
    if (st != STATUS_SUCCESS)
        return st;
    st = IopPostCompletion(port, key, context, status, information);
    ObDereferenceObject(port);
    return st;
}

/*
 * Takes up to count packets, waiting until the first arrives or the deadline passes. Returns
 * STATUS_SUCCESS with *taken >= 1, STATUS_TIMEOUT, or STATUS_ABANDONED_WAIT_0 once the port is closed.
 */
static NTSTATUS remove_packets(IO_COMPLETION *port, FILE_IO_COMPLETION_INFORMATION *out, ULONG count, ULONG *taken,
                               const LARGE_INTEGER *timeout)
{
    int64_t deadline = KeTimeoutDeadline(timeout);
    *taken = 0;
    host_lock_acquire(&port->Lock);
    for (;;) {
        if (port->Closed) {
            host_lock_release(&port->Lock);
            return STATUS_ABANDONED_WAIT_0;
        }
        if (port->Head)
            break;
        uint32_t seen = port->Sequence;
        host_lock_release(&port->Lock);
        int64_t left = -1;
        if (deadline >= 0) {
            int64_t now = (int64_t)host_monotonic_ns();
            if (now >= deadline)
                return STATUS_TIMEOUT;
            left = deadline - now;
        }
        host_futex_wait(&port->Sequence, seen, left);
        host_lock_acquire(&port->Lock);
    }
    struct io_packet *done = NULL, **tail = &done;
    while (port->Head && *taken < count) {
        struct io_packet *p = port->Head;
        port->Head = p->Next;
        port->Count--;
        *tail = p;
        tail = &p->Next;
        ++*taken;
    }
    *tail = NULL;
    if (!port->Head)
        port->Tail = NULL;
    /* Packets left behind: pass the wake-up on, the post that queued them woke only this thread. */
    bool more = port->Head != NULL;
    host_lock_release(&port->Lock);
    if (more)
        host_futex_wake(&port->Sequence, 1);
    for (ULONG i = 0; done; i++) {
        struct io_packet *p = done;
        done = p->Next;
        out[i] = p->Info;
        free(p);
    }
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtRemoveIoCompletion(HANDLE handle, PULONG_PTR key, PULONG_PTR context, PIO_STATUS_BLOCK io,
                                     PLARGE_INTEGER timeout)
{
    PROBE_FOR_WRITE(key, sizeof *key);
    PROBE_FOR_WRITE(context, sizeof *context);
    PROBE_FOR_WRITE(io, sizeof *io);
    if (timeout)
        PROBE_FOR_READ(timeout, sizeof *timeout);
    IO_COMPLETION *port;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoCompletionObjectType, (void **)&port);
    if (status != STATUS_SUCCESS)
        return status;
    FILE_IO_COMPLETION_INFORMATION info;
    ULONG taken;
    status = remove_packets(port, &info, 1, &taken, timeout);
    ObDereferenceObject(port);
    if (status == STATUS_SUCCESS) {
        *key = info.CompletionKey;
        *context = info.CompletionValue;
        *io = info.IoStatusBlock;
    }
    return status;
}

NTSTATUS WINAPI NtRemoveIoCompletionEx(HANDLE handle, FILE_IO_COMPLETION_INFORMATION *info, ULONG count,
                                       PULONG removed, PLARGE_INTEGER timeout, BOOLEAN alertable)
{
    (void)alertable;
    if (count > 0x10000000)
        return STATUS_INVALID_PARAMETER;
    PROBE_FOR_WRITE(info, count * sizeof *info);
    PROBE_FOR_WRITE(removed, sizeof *removed);
    if (timeout)
        PROBE_FOR_READ(timeout, sizeof *timeout);
    if (!count)
        return STATUS_INVALID_PARAMETER;
    IO_COMPLETION *port;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoCompletionObjectType, (void **)&port);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG taken = 0;
    status = remove_packets(port, info, count, &taken, timeout);
    ObDereferenceObject(port);
    if (removed)
        *removed = taken;
    return status;
}

NTSTATUS WINAPI NtQueryIoCompletion(HANDLE handle, ULONG info_class, PVOID info, ULONG length, PULONG returned)
{
    if (info_class != 0)
        return STATUS_INVALID_PARAMETER;
    if (length < sizeof(LONG))
        return STATUS_INFO_LENGTH_MISMATCH;
    PROBE_FOR_WRITE(info, sizeof(LONG));
    IO_COMPLETION *port;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoCompletionObjectType, (void **)&port);
    if (status != STATUS_SUCCESS)
        return status;
    *(LONG *)info = (LONG)port->Count;   /* IO_COMPLETION_BASIC_INFORMATION.Depth */
    ObDereferenceObject(port);
    if (returned)
        *returned = sizeof(LONG);
    return STATUS_SUCCESS;
}

/* ---- files associated with a port ---------------------------------------------------------------------------- */

/*
 * NtSetInformationFile's FileCompletionInformation (port handle + key; once per file, only for files
 * opened for asynchronous I/O) and FileIoCompletionNotificationInformation (the FILE_SKIP_* modes).
 */
NTSTATUS IopSetCompletionInformation(PFILE_OBJECT f, const void *info, ULONG length, ULONG info_class)
{
    if (info_class == FileIoCompletionNotificationInformation) {
        if (length < sizeof(ULONG))
            return STATUS_INFO_LENGTH_MISMATCH;
        ULONG modes = *(const ULONG *)info;
        if (modes & ~(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE))
            return STATUS_INVALID_PARAMETER;
        f->CompletionModes |= modes;
        return STATUS_SUCCESS;
    }
    if (length < sizeof(FILE_COMPLETION_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    const FILE_COMPLETION_INFORMATION *ci = info;
    if (f->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT))
        return STATUS_INVALID_PARAMETER;
    IO_COMPLETION *port;
    NTSTATUS status = ObReferenceObjectByHandle(ci->Port, IoCompletionObjectType, (void **)&port);
    if (status != STATUS_SUCCESS)
        return status;
    host_lock_acquire(&f->Lock);
    void *old = f->CompletionPort;
    if (!old) {
        f->CompletionPort = port;
        f->CompletionKey = ci->Key;
    }
    host_lock_release(&f->Lock);
    if (old) {
        ObDereferenceObject(port);
        return STATUS_INVALID_PARAMETER;
    }
    return STATUS_SUCCESS;
}

void IopDeleteCompletionContext(PFILE_OBJECT f)
{
    if (f->CompletionPort)
        ObDereferenceObject(f->CompletionPort);
    f->CompletionPort = NULL;
}

/*
 * The end of a read or write (all complete before the service returns here): sets the caller's event,
 * and posts the packet (key, apc_context = the OVERLAPPED, status, bytes) to the file's port, unless
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS asked to skip synchronous successes. A request that fails at once
 * queues nothing, as Windows does.
 */
void IopCompleteRequest(PFILE_OBJECT f, HANDLE event, PVOID apc_context, NTSTATUS status, ULONG_PTR information)
{
    if (!NT_SUCCESS(status))
        return;
    if (event)
        NtSetEvent(event, NULL);
    if (f->CompletionPort && apc_context && !(f->CompletionModes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
        IopPostCompletion(f->CompletionPort, f->CompletionKey, (ULONG_PTR)apc_context, status, information);
}

/*
 * A read or write given an APC routine (ReadFileEx, WriteFileEx): the routine is queued to the calling
 * thread as a user APC (context, the I/O status block, 0), to run at its next alertable wait, as NT's
 * I/O manager queues it at completion. A request that fails at once queues nothing.
 */
void IopQueueCompletionApc(PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io, NTSTATUS status)
{
    if (apc && NT_SUCCESS(status))
        KeQueueUserApc(PsGetCurrentThread(), (PKNORMAL_ROUTINE)apc, (ULONG_PTR)apc_context, (ULONG_PTR)io, 0);
}
