/*
 * kernel32/kernelbase's thread-pool functions that are not plain forwarders to ntdll's Tp* (those are rows
 * of the export table, as in Wine's kernel32): object creation, TrySubmitThreadpoolCallback,
 * CallbackMayRunLong, QueueUserWorkItem, timer queues and registered waits, with Win32 errors.
 */
#include "ntdll/rtl/threadpool.h"
#include "win32/k32.h"

/* The object an allocation made, or NULL with the error (callers evaluate the call first: argument order
 * is unspecified in C). */
static PVOID tp_result(NTSTATUS status, PVOID object)
{
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return object;
}

PVOID WINAPI CreateThreadpool(PVOID reserved)
{
    PVOID pool = NULL;
    NTSTATUS status = TpAllocPool(&pool, reserved);
    return tp_result(status, pool);
}

PVOID WINAPI CreateThreadpoolCleanupGroup(void)
{
    PVOID group = NULL;
    NTSTATUS status = TpAllocCleanupGroup(&group);
    return tp_result(status, group);
}

PVOID WINAPI CreateThreadpoolWork(PVOID callback, PVOID context, PVOID env)
{
    PVOID work = NULL;
    NTSTATUS status = TpAllocWork(&work, callback, context, env);
    return tp_result(status, work);
}

PVOID WINAPI CreateThreadpoolTimer(PVOID callback, PVOID context, PVOID env)
{
    PVOID timer = NULL;
    NTSTATUS status = TpAllocTimer(&timer, callback, context, env);
    return tp_result(status, timer);
}

PVOID WINAPI CreateThreadpoolWait(PVOID callback, PVOID context, PVOID env)
{
    PVOID wait = NULL;
    NTSTATUS status = TpAllocWait(&wait, callback, context, env);
    return tp_result(status, wait);
}

PVOID WINAPI CreateThreadpoolIo(HANDLE file, PVOID callback, PVOID context, PVOID env)
{
    PVOID io = NULL;
    NTSTATUS status = TpAllocIoCompletion(&io, file, callback, context, env);
    return tp_result(status, io);
}

BOOL WINAPI TrySubmitThreadpoolCallback(PVOID callback, PVOID context, PVOID env)
{
    return BaseSetNtStatus(TpSimpleTryPost(callback, context, env));
}

BOOL WINAPI CallbackMayRunLong(PVOID instance)
{
    return BaseSetNtStatus(TpCallbackMayRunLong(instance));
}

BOOL WINAPI QueueUserWorkItem(PVOID function, PVOID context, ULONG flags)
{
    return BaseSetNtStatus(RtlQueueWorkItem(function, context, flags));
}

/* STATUS_PENDING (a callback still runs and no completion was asked for): FALSE with ERROR_IO_PENDING. */
static BOOL pending_result(NTSTATUS status)
{
    if (status == STATUS_PENDING) {
        SetLastError(ERROR_IO_PENDING);
        return FALSE;
    }
    return BaseSetNtStatus(status);
}

HANDLE WINAPI CreateTimerQueue(void)
{
    HANDLE queue = NULL;
    NTSTATUS status = RtlCreateTimerQueue(&queue);
    return tp_result(status, queue);
}

BOOL WINAPI CreateTimerQueueTimer(PHANDLE timer, HANDLE queue, PVOID callback, PVOID parameter, DWORD due,
                                  DWORD period, ULONG flags)
{
    return BaseSetNtStatus(RtlCreateTimer(queue, timer, callback, parameter, due, period, flags));
}

HANDLE WINAPI SetTimerQueueTimer(HANDLE queue, PVOID callback, PVOID parameter, DWORD due, DWORD period,
                                 BOOL prefer_io)
{
    HANDLE timer = NULL;
    (void)prefer_io;
    NTSTATUS status = RtlCreateTimer(queue, &timer, callback, parameter, due, period, 0);
    return tp_result(status, timer);
}

BOOL WINAPI ChangeTimerQueueTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period)
{
    return BaseSetNtStatus(RtlUpdateTimer(queue, timer, due, period));
}

BOOL WINAPI DeleteTimerQueueTimer(HANDLE queue, HANDLE timer, HANDLE completion)
{
    return pending_result(RtlDeleteTimer(queue, timer, completion));
}

BOOL WINAPI CancelTimerQueueTimer(HANDLE queue, HANDLE timer)
{
    return DeleteTimerQueueTimer(queue, timer, NULL);
}

BOOL WINAPI DeleteTimerQueueEx(HANDLE queue, HANDLE completion)
{
    return pending_result(RtlDeleteTimerQueueEx(queue, completion));
}

BOOL WINAPI DeleteTimerQueue(HANDLE queue)
{
    return DeleteTimerQueueEx(queue, NULL);
}

BOOL WINAPI RegisterWaitForSingleObject(PHANDLE wait, HANDLE object, PVOID callback, PVOID context, ULONG ms,
                                        ULONG flags)
{
    return BaseSetNtStatus(RtlRegisterWait(wait, object, callback, context, ms, flags));
}

HANDLE WINAPI RegisterWaitForSingleObjectEx(HANDLE object, PVOID callback, PVOID context, ULONG ms, ULONG flags)
{
    HANDLE wait = NULL;
    NTSTATUS status = RtlRegisterWait(&wait, object, callback, context, ms, flags);
    return tp_result(status, wait);
}

BOOL WINAPI UnregisterWaitEx(HANDLE wait, HANDLE completion)
{
    return pending_result(RtlDeregisterWaitEx(wait, completion));
}

BOOL WINAPI UnregisterWait(HANDLE wait)
{
    return UnregisterWaitEx(wait, NULL);
}
