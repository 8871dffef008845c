/*
 * Critical sections. The guest-visible fields keep their Windows meaning (LockCount -1 when free,
 * RecursionCount, OwningThread = thread id); the blocking is a futex on the low 32 bits of
 * LockSemaphore (0 free, 1 held, 2 held with waiters), so an all-zero section works too.
 */
#include "host/host.h"
#include "ntdll/ldr/ldrp.h"
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

/* The uncontended paths of host_lock (0 free, 1 held, 2 held with waiters), inline: a call from this
 * ms_abi code into the host's sysv code costs the saving of xmm6-xmm15, more than the lock itself. */
static inline bool try_lock(PRTL_CRITICAL_SECTION cs)
{
    uint32_t free = 0;
    return __atomic_compare_exchange_n(&futex_of(cs)->word, &free, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* The slow paths are ms_abi functions of their own, so only they pay for calling the host. */
static __attribute__((noinline)) void WINAPI wake_waiter(PRTL_CRITICAL_SECTION cs)
{
    host_futex_wake(&futex_of(cs)->word, 1);
}

static inline void unlock(PRTL_CRITICAL_SECTION cs)
{
    if (__atomic_exchange_n(&futex_of(cs)->word, 0, __ATOMIC_RELEASE) == 2)
        wake_waiter(cs);
}

/* Only the owner writes the guest-visible fields, so plain stores do (the futex word is the lock).
 * An owned section counts in host_locks_held: a fault inside a builtin that entered one (the CRT's stream
 * locks) cannot be handed to the guest, whose unwinding would never leave it. */
static void take_ownership(PRTL_CRITICAL_SECTION cs, HANDLE tid)
{
    host_locks_held++;
    cs->OwningThread = tid;
    cs->RecursionCount = 1;
    __atomic_store_n(&cs->LockCount, 0, __ATOMIC_RELAXED);
}

static __attribute__((noinline)) void WINAPI enter_contended(PRTL_CRITICAL_SECTION cs, HANDLE tid)
{
    /* A short spin first, as SpinCount asks, before sleeping on the futex. */
    for (ULONG_PTR i = 0; i < cs->SpinCount; i++) {
        if (!__atomic_load_n(&futex_of(cs)->word, __ATOMIC_RELAXED) && try_lock(cs)) {
            take_ownership(cs, tid);
            return;
        }
        __builtin_ia32_pause();
    }
    /* During ExitProcess' DLL detach every other thread is stopped, so a section another thread owns is
     * orphaned: Windows (Vista and later) ends the process rather than wait forever. */
    PPEB peb = NtCurrentTeb()->ProcessEnvironmentBlock;
    PEB_LDR_DATA *ldr = peb ? peb->Ldr : NULL;
    if (ldr && ldr->ShutdownInProgress && ldr->ShutdownThreadId == tid) {
        if (!try_lock(cs))
            NtTerminateProcess(NtCurrentProcess(), LdrpShutdownStatus);
    } else {
        /* A user lock: its owner may be stopped by NtTerminateProcess (host_lock_* would defer that). */
        host_user_lock_acquire(futex_of(cs));
    }
    take_ownership(cs, tid);
}

NTSTATUS WINAPI RtlEnterCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    HANDLE tid = current_tid();
    if (__atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED) == tid) {
        cs->RecursionCount++;
        return STATUS_SUCCESS;
    }
    if (try_lock(cs))
        take_ownership(cs, tid);
    else
        enter_contended(cs, tid);
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlTryEnterCriticalSection(PRTL_CRITICAL_SECTION cs)
{
    HANDLE tid = current_tid();
    if (__atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED) == tid) {
        cs->RecursionCount++;
        return TRUE;
    }
    if (!try_lock(cs))
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
    host_locks_held--;
    unlock(cs);
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
