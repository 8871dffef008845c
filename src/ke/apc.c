/*
 * User APCs and alerts. Each thread has a queue of user APCs (NtQueueApcThread, QueueUserAPC, a waitable
 * timer's completion routine); they run, oldest first, when the thread waits alertably (or calls
 * NtTestAlert), and that wait returns STATUS_USER_APC. A non-alertable wait leaves them queued. An alert
 * (NtAlertThread) ends an alertable wait with STATUS_ALERTED. The queue and the alert flag are guarded
 * by the dispatcher lock, so a wait cannot miss an APC queued while it begins.
 */
#include <stdlib.h>

#include "ke/ke.h"
#include "ob/ob.h"
#include "ps/ps.h"

typedef struct _KAPC {
    struct _KAPC *Next;
    PKNORMAL_ROUTINE Routine;
    ULONG_PTR Arg1, Arg2, Arg3;
} KAPC;

NTSTATUS KiQueueUserApcLocked(PETHREAD thread, PKNORMAL_ROUTINE routine, ULONG_PTR arg1, ULONG_PTR arg2,
                              ULONG_PTR arg3)
{
    if (thread->Header.SignalState > 0)   /* the thread has ended */
        return STATUS_UNSUCCESSFUL;
    KAPC *apc = calloc(1, sizeof *apc);
    if (!apc)
        return STATUS_NO_MEMORY;
    *apc = (KAPC){NULL, routine, arg1, arg2, arg3};
    if (thread->UserApcTail)
        thread->UserApcTail->Next = apc;
    else
        thread->UserApcHead = apc;
    thread->UserApcTail = apc;
    KiUnwaitAlertable(thread, STATUS_USER_APC);
    return STATUS_SUCCESS;
}

NTSTATUS KeQueueUserApc(PETHREAD thread, PKNORMAL_ROUTINE routine, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3)
{
    KiLockDispatcher();
    NTSTATUS status = KiQueueUserApcLocked(thread, routine, arg1, arg2, arg3);
    KiUnlockDispatcher();
    return status;
}

NTSTATUS KiCheckAlertable(PETHREAD thread)
{
    if (thread->Alerted) {
        thread->Alerted = FALSE;
        return STATUS_ALERTED;
    }
    return thread->UserApcHead ? STATUS_USER_APC : STATUS_SUCCESS;
}

static KAPC *pop_apc(PETHREAD thread)
{
    KiLockDispatcher();
    KAPC *apc = thread->UserApcHead;
    if (apc) {
        thread->UserApcHead = apc->Next;
        if (!thread->UserApcHead)
            thread->UserApcTail = NULL;
    }
    KiUnlockDispatcher();
    return apc;
}

void KiDeliverUserApcs(void)
{
    PETHREAD thread = PsGetCurrentThread();
    KAPC *apc;
    /* APCs an APC routine queues to its own thread run in this same delivery, as on Windows. */
    while ((apc = pop_apc(thread))) {
        KAPC copy = *apc;
        free(apc);
        copy.Routine(copy.Arg1, copy.Arg2, copy.Arg3);
    }
}

void KeFlushUserApcs(PETHREAD thread)
{
    KiLockDispatcher();
    KAPC *apc = thread->UserApcHead;
    thread->UserApcHead = thread->UserApcTail = NULL;
    KiUnlockDispatcher();
    while (apc) {
        KAPC *next = apc->Next;
        free(apc);
        apc = next;
    }
}

NTSTATUS WINAPI NtQueueApcThread(HANDLE handle, PKNORMAL_ROUTINE routine, ULONG_PTR arg1, ULONG_PTR arg2,
                                 ULONG_PTR arg3)
{
    if (!routine)
        return STATUS_INVALID_PARAMETER;
    PETHREAD thread;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&thread);
    if (status != STATUS_SUCCESS)
        return status;
    status = KeQueueUserApc(thread, routine, arg1, arg2, arg3);
    ObDereferenceObject(thread);
    return status;
}

NTSTATUS WINAPI NtTestAlert(void)
{
    PETHREAD thread = PsGetCurrentThread();
    KiLockDispatcher();
    NTSTATUS status = KiCheckAlertable(thread);
    KiUnlockDispatcher();
    if (status == STATUS_USER_APC) {
        KiDeliverUserApcs();
        status = STATUS_SUCCESS;
    }
    return status;
}

static NTSTATUS alert(HANDLE handle)
{
    PETHREAD thread;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&thread);
    if (status != STATUS_SUCCESS)
        return status;
    KiLockDispatcher();
    if (!KiUnwaitAlertable(thread, STATUS_ALERTED))
        thread->Alerted = TRUE;   /* kept for its next alertable wait */
    KiUnlockDispatcher();
    ObDereferenceObject(thread);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtAlertThread(HANDLE thread)
{
    return alert(thread);
}

NTSTATUS WINAPI NtAlertResumeThread(HANDLE thread, PULONG count)
{
    NTSTATUS status = alert(thread);
    if (status != STATUS_SUCCESS)
        return status;
    return NtResumeThread(thread, count);
}
