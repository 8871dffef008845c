/* Waiting and synchronization objects: Sleep, WaitFor*, events, mutexes, semaphores. */
#include <string.h>

#include "ke/ke.h"
#include "ntdll/rtl/sync.h"
#include "win32/k32.h"

#define WAIT_IO_COMPLETION 0x000000C0u   /* STATUS_USER_APC: an alertable wait ran APCs */

/* A Win32 timeout in milliseconds as an NT relative timeout (NULL for INFINITE). */
static LARGE_INTEGER *nt_timeout(DWORD ms, LARGE_INTEGER *storage)
{
    if (ms == INFINITE)
        return NULL;
    storage->QuadPart = -(LONGLONG)ms * 10000;
    return storage;
}

/* An alert (NtAlertThread) ends an alertable wait with STATUS_ALERTED; kernel32 waits again, as Windows'
 * does. The time left is not recomputed (Windows does not either). */
DWORD WINAPI SleepEx(DWORD ms, BOOL alertable)
{
    LARGE_INTEGER t;
    NTSTATUS status;
    do
        status = NtDelayExecution((BOOLEAN)alertable, nt_timeout(ms, &t));
    while (alertable && status == STATUS_ALERTED);
    return status == STATUS_USER_APC ? WAIT_IO_COMPLETION : 0;
}

void WINAPI Sleep(DWORD ms)
{
    SleepEx(ms, FALSE);
}

BOOL WINAPI SwitchToThread(void)
{
    return NtYieldExecution() == STATUS_SUCCESS;
}

static DWORD wait_result(NTSTATUS status)
{
    if (status < 0) {
        BaseSetLastNTError(status);
        return WAIT_FAILED;
    }
    return (DWORD)status;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL all, DWORD ms, BOOL alertable)
{
    LARGE_INTEGER t;
    NTSTATUS status;
    do
        status = NtWaitForMultipleObjects(count, handles, all ? WaitAll : WaitAny, (BOOLEAN)alertable,
                                          nt_timeout(ms, &t));
    while (alertable && status == STATUS_ALERTED);
    return wait_result(status);
}

DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE *handles, BOOL all, DWORD ms)
{
    return WaitForMultipleObjectsEx(count, handles, all, ms, FALSE);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE handle, DWORD ms, BOOL alertable)
{
    LARGE_INTEGER t;
    NTSTATUS status;
    do
        status = NtWaitForSingleObject(handle, (BOOLEAN)alertable, nt_timeout(ms, &t));
    while (alertable && status == STATUS_ALERTED);
    return wait_result(status);
}

DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable)
{
    LARGE_INTEGER t;
    NTSTATUS status = NtSignalAndWaitForSingleObject(signal, wait, (BOOLEAN)alertable, nt_timeout(ms, &t));
    while (alertable && status == STATUS_ALERTED)
        status = NtWaitForSingleObject(wait, TRUE, nt_timeout(ms, &t));
    return wait_result(status);
}


typedef void(WINAPI *PAPCFUNC)(ULONG_PTR);

/* The routine gets data as its one argument (the other two of the NT APC are ignored by it). */
DWORD WINAPI QueueUserAPC(PAPCFUNC fn, HANDLE thread, ULONG_PTR data)
{
    NTSTATUS status = NtQueueApcThread(thread, (PKNORMAL_ROUTINE)(void (*)(void))fn, data, 0, 0);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return 0;
    }
    return 1;
}

DWORD WINAPI WaitForSingleObject(HANDLE handle, DWORD ms)
{
    return WaitForSingleObjectEx(handle, ms, FALSE);
}

/* ---- named objects: OBJECT_ATTRIBUTES from a Win32 name ------------------------------------------------ */

#define CREATE_EVENT_MANUAL_RESET   0x1
#define CREATE_EVENT_INITIAL_SET    0x2
#define CREATE_MUTEX_INITIAL_OWNER  0x1

HANDLE WINAPI CreateEventExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct base_named n;
    HANDLE h;
    NTSTATUS status = NtCreateEvent(&h, access, BaseObjectAttributes(&n, name, sa),
                                    flags & CREATE_EVENT_MANUAL_RESET ? 0 : 1,
                                    (flags & CREATE_EVENT_INITIAL_SET) != 0);
    return BaseCreatedHandle(status, h);
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCWSTR name)
{
    return CreateEventExW(sa, name, (manual ? CREATE_EVENT_MANUAL_RESET : 0) | (initial ? CREATE_EVENT_INITIAL_SET : 0),
                          0x1F0003);
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? CreateEventW(sa, manual, initial, w) : NULL;
    BaseFreeWide(w);
    return h;
}

HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, LPCWSTR name)
{
    struct base_named n;
    HANDLE h;
    POBJECT_ATTRIBUTES oa = BaseObjectAttributes(&n, name, NULL);
    oa->Attributes = inherit ? OBJ_INHERIT : 0;
    NTSTATUS status = NtOpenEvent(&h, access, oa);
    return BaseOpenedHandle(status, h);
}

HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? OpenEventW(access, inherit, w) : NULL;
    BaseFreeWide(w);
    return h;
}

BOOL WINAPI SetEvent(HANDLE event)
{
    return BaseSetNtStatus(NtSetEvent(event, NULL));
}

BOOL WINAPI ResetEvent(HANDLE event)
{
    return BaseSetNtStatus(NtResetEvent(event, NULL));
}

BOOL WINAPI PulseEvent(HANDLE event)
{
    return BaseSetNtStatus(NtPulseEvent(event, NULL));
}

HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct base_named n;
    HANDLE h;
    NTSTATUS status = NtCreateMutant(&h, access, BaseObjectAttributes(&n, name, sa),
                                     (flags & CREATE_MUTEX_INITIAL_OWNER) != 0);
    return BaseCreatedHandle(status, h);
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES sa, BOOL owner, LPCWSTR name)
{
    return CreateMutexExW(sa, name, owner ? CREATE_MUTEX_INITIAL_OWNER : 0, 0x1F0001);
}

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES sa, BOOL owner, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? CreateMutexW(sa, owner, w) : NULL;
    BaseFreeWide(w);
    return h;
}

HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name)
{
    struct base_named n;
    HANDLE h;
    POBJECT_ATTRIBUTES oa = BaseObjectAttributes(&n, name, NULL);
    oa->Attributes = inherit ? OBJ_INHERIT : 0;
    NTSTATUS status = NtOpenMutant(&h, access, oa);
    return BaseOpenedHandle(status, h);
}

BOOL WINAPI ReleaseMutex(HANDLE mutex)
{
    return BaseSetNtStatus(NtReleaseMutant(mutex, NULL));
}

HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG maximum, LPCWSTR name, DWORD flags,
                                 DWORD access)
{
    (void)flags;
    struct base_named n;
    HANDLE h;
    NTSTATUS status = NtCreateSemaphore(&h, access, BaseObjectAttributes(&n, name, sa), initial, maximum);
    return BaseCreatedHandle(status, h);
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG maximum, LPCWSTR name)
{
    return CreateSemaphoreExW(sa, initial, maximum, name, 0, 0x1F0003);
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG maximum, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? CreateSemaphoreW(sa, initial, maximum, w) : NULL;
    BaseFreeWide(w);
    return h;
}

HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name)
{
    struct base_named n;
    HANDLE h;
    POBJECT_ATTRIBUTES oa = BaseObjectAttributes(&n, name, NULL);
    oa->Attributes = inherit ? OBJ_INHERIT : 0;
    NTSTATUS status = NtOpenSemaphore(&h, access, oa);
    return BaseOpenedHandle(status, h);
}

BOOL WINAPI ReleaseSemaphore(HANDLE semaphore, LONG count, PLONG previous)
{
    return BaseSetNtStatus(NtReleaseSemaphore(semaphore, count, previous));
}

/* ---- waitable timers ------------------------------------------------------------------------------------- */

#define CREATE_WAITABLE_TIMER_MANUAL_RESET    0x1
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2

HANDLE WINAPI CreateWaitableTimerExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    if (flags & ~(DWORD)(CREATE_WAITABLE_TIMER_MANUAL_RESET | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    /* Every timer here is high resolution (the host's monotonic clock, no tick granularity). */
    struct base_named n;
    HANDLE h;
    NTSTATUS status = NtCreateTimer(&h, access, BaseObjectAttributes(&n, name, sa),
                                    flags & CREATE_WAITABLE_TIMER_MANUAL_RESET ? 0 : 1);
    return BaseCreatedHandle(status, h);
}

HANDLE WINAPI CreateWaitableTimerExA(LPSECURITY_ATTRIBUTES sa, LPCSTR name, DWORD flags, DWORD access)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? CreateWaitableTimerExW(sa, w, flags, access) : NULL;
    BaseFreeWide(w);
    return h;
}

HANDLE WINAPI CreateWaitableTimerW(LPSECURITY_ATTRIBUTES sa, BOOL manual, LPCWSTR name)
{
    return CreateWaitableTimerExW(sa, name, manual ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0, 0x1F0003);
}

HANDLE WINAPI CreateWaitableTimerA(LPSECURITY_ATTRIBUTES sa, BOOL manual, LPCSTR name)
{
    return CreateWaitableTimerExA(sa, name, manual ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0, 0x1F0003);
}

HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name)
{
    struct base_named n;
    HANDLE h;
    POBJECT_ATTRIBUTES oa = BaseObjectAttributes(&n, name, NULL);
    oa->Attributes = inherit ? OBJ_INHERIT : 0;
    NTSTATUS status = NtOpenTimer(&h, access, oa);
    return BaseOpenedHandle(status, h);
}

HANDLE WINAPI OpenWaitableTimerA(DWORD access, BOOL inherit, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? OpenWaitableTimerW(access, inherit, w) : NULL;
    BaseFreeWide(w);
    return h;
}

BOOL WINAPI SetWaitableTimer(HANDLE timer, const LARGE_INTEGER *due, LONG period, PTIMER_APC_ROUTINE routine,
                             PVOID context, BOOL resume)
{
    return BaseSetNtStatus(NtSetTimer(timer, due, routine, context, (BOOLEAN)resume, period, NULL));
}

BOOL WINAPI SetWaitableTimerEx(HANDLE timer, const LARGE_INTEGER *due, LONG period, PTIMER_APC_ROUTINE routine,
                               PVOID context, PVOID wake_context, ULONG tolerable_delay)
{
    (void)wake_context;
    (void)tolerable_delay;
    return BaseSetNtStatus(NtSetTimer(timer, due, routine, context, FALSE, period, NULL));
}

BOOL WINAPI CancelWaitableTimer(HANDLE timer)
{
    return BaseSetNtStatus(NtCancelTimer(timer, NULL));
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(PRTL_CRITICAL_SECTION cs, DWORD spin)
{
    RtlInitializeCriticalSectionAndSpinCount(cs, spin);
    return TRUE;
}

BOOL WINAPI InitializeCriticalSectionEx(PRTL_CRITICAL_SECTION cs, DWORD spin, DWORD flags)
{
    RtlInitializeCriticalSectionEx(cs, spin, flags);
    return TRUE;
}

/* ---- user-mode primitives: the Win32 faces of ntdll's SRW locks, condition variables, run-once and
 * wait-on-address (ntdll/rtl/sync.h) ---------------------------------------------------------------------- */

BOOL WINAPI SleepConditionVariableCS(PRTL_CONDITION_VARIABLE cv, PRTL_CRITICAL_SECTION cs, DWORD ms)
{
    LARGE_INTEGER t;
    NTSTATUS status = RtlSleepConditionVariableCS(cv, cs, nt_timeout(ms, &t));
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);   /* STATUS_TIMEOUT -> ERROR_TIMEOUT */
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SleepConditionVariableSRW(PRTL_CONDITION_VARIABLE cv, PRTL_SRWLOCK lock, DWORD ms, ULONG flags)
{
    LARGE_INTEGER t;
    NTSTATUS status = RtlSleepConditionVariableSRW(cv, lock, nt_timeout(ms, &t), flags);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI InitOnceBeginInitialize(PRTL_RUN_ONCE once, DWORD flags, BOOL *pending, PVOID *context)
{
    NTSTATUS status = RtlRunOnceBeginInitialize(once, flags, context);
    if (status != STATUS_SUCCESS && status != STATUS_PENDING) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    *pending = status == STATUS_PENDING;
    return TRUE;
}

BOOL WINAPI InitOnceComplete(PRTL_RUN_ONCE once, DWORD flags, PVOID context)
{
    return BaseSetNtStatus(RtlRunOnceComplete(once, flags, context));
}

typedef BOOL(WINAPI *PINIT_ONCE_FN)(PRTL_RUN_ONCE, PVOID, PVOID *);

BOOL WINAPI InitOnceExecuteOnce(PRTL_RUN_ONCE once, PINIT_ONCE_FN fn, PVOID param, PVOID *context)
{
    /* A failing callback's own SetLastError is what the caller sees, as on Windows. */
    return RtlRunOnceExecuteOnce(once, (PRTL_RUN_ONCE_INIT_FN)fn, param, context) == STATUS_SUCCESS;
}

BOOL WINAPI WaitOnAddress(volatile void *address, PVOID compare, SIZE_T size, DWORD ms)
{
    LARGE_INTEGER t;
    NTSTATUS status = RtlWaitOnAddress((const void *)address, compare, size, nt_timeout(ms, &t));
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}
