/*
 * Critical sections. The guest-visible fields keep their Windows meaning (LockCount -1 when free,
 * RecursionCount, OwningThread = thread id); the blocking is a futex on the low 32 bits of
 * LockSemaphore (0 free, 1 held, 2 held with waiters), so an all-zero section works too.
 */
#include "host/host.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

#define RTL_CRITICAL_SECTION_FLAG_NO_DEBUG_INFO 0x01000000

static host_lock *futex_of(PRTL_CRITICAL_SECTION cs)
{
    static_assert(sizeof(host_lock) == 4, "the futex word fits the low half of LockSemaphore");
    return (host_lock *)&cs->LockSemaphore;
}

static HANDLE current_tid(void)
{
    return NtCurrentTeb()->ClientId.UniqueThread;
}

NTSTATUS WINAPI RtlInitializeCriticalSectionEx(PRTL_CRITICAL_SECTION cs, ULONG spin, ULONG flags)
{
    (void)flags;
    cs->DebugInfo = (RTL_CRITICAL_SECTION_DEBUG *)(LONG_PTR)-1;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = NULL;
    cs->LockSemaphore = NULL;
    cs->SpinCount = spin & 0x00FFFFFF;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlInitializeCriticalSectionAndSpinCount(PRTL_CRITICAL_SECTION cs, ULONG spin)
{
    return RtlInitializeCriticalSectionEx(cs, spin, 0);
}

NTSTATUS WINAPI RtlInitializeCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    return RtlInitializeCriticalSectionEx(cs, 0, 0);
}

NTSTATUS WINAPI RtlDeleteCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    cs->DebugInfo = NULL;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = NULL;
    cs->LockSemaphore = NULL;
    return STATUS_SUCCESS;
}

static void take_ownership(PRTL_CRITICAL_SECTION cs, HANDLE tid)
{
    cs->OwningThread = tid;
    cs->RecursionCount = 1;
    __atomic_add_fetch(&cs->LockCount, 1, __ATOMIC_RELAXED);
}

NTSTATUS WINAPI RtlEnterCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    HANDLE tid = current_tid();
    if (__atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED) == tid) {
        cs->RecursionCount++;
        return STATUS_SUCCESS;
    }
    /* A short spin first, as SpinCount asks, before sleeping on the futex. */
    for (ULONG_PTR i = 0; i < cs->SpinCount; i++) {
        if (!__atomic_load_n(&futex_of(cs)->word, __ATOMIC_RELAXED) && host_lock_try(futex_of(cs))) {
            take_ownership(cs, tid);
            return STATUS_SUCCESS;
        }
        __builtin_ia32_pause();
    }
    host_lock_acquire(futex_of(cs));
    take_ownership(cs, tid);
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlTryEnterCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    HANDLE tid = current_tid();
    if (__atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED) == tid) {
        cs->RecursionCount++;
        return TRUE;
    }
    if (!host_lock_try(futex_of(cs)))
        return FALSE;
    take_ownership(cs, tid);
    return TRUE;
}

NTSTATUS WINAPI RtlLeaveCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    if (--cs->RecursionCount > 0)
        return STATUS_SUCCESS;
    cs->RecursionCount = 0;
    cs->OwningThread = NULL;
    __atomic_store_n(&cs->LockCount, -1, __ATOMIC_RELAXED);
    host_lock_release(futex_of(cs));
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlIsCriticalSectionLockedByThread(PRTL_CRITICAL_SECTION cs)
{
    return __atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED) == current_tid() && cs->RecursionCount > 0;
}

/* Returns the previous spin count; a uniprocessor keeps spinning off, as Windows does. */
ULONG WINAPI RtlSetCriticalSectionSpinCount(PRTL_CRITICAL_SECTION cs, ULONG spin)
{
    ULONG old = (ULONG)cs->SpinCount;
    cs->SpinCount = NtCurrentTeb()->ProcessEnvironmentBlock->NumberOfProcessors > 1 ? spin & 0x00FFFFFF : 0;
    return old;
}

BOOLEAN WINAPI RtlIsCriticalSectionLocked(PRTL_CRITICAL_SECTION cs)
{
    return __atomic_load_n(&cs->RecursionCount, __ATOMIC_RELAXED) > 0;
}
