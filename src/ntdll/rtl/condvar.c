/*
 * Condition variables. The pointer-sized CONDITION_VARIABLE holds a wake sequence in its low 32 bits
 * (the futex sleepers wait on) and the number of sleepers in its high 32 bits. A sleeper reads the
 * sequence while it still holds the lock, so a wake issued after the lock is released (and the
 * predicate changed under it) always bumps the sequence the sleeper waits against: no wake-up is lost.
 * As on Windows, a wait may end spuriously and callers re-check their predicate.
 */
#include "ke/ke.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/sync.h"
#include "ps/ps.h"

static volatile uint32_t *seq_of(PRTL_CONDITION_VARIABLE cv)
{
    return (volatile uint32_t *)&cv->Ptr;
}

static volatile uint32_t *sleepers_of(PRTL_CONDITION_VARIABLE cv)
{
    return (volatile uint32_t *)&cv->Ptr + 1;
}

NTSTATUS RtlpFutexWaitUntil(volatile uint32_t *word, uint32_t expected, int64_t deadline)
{
    int64_t rel = -1;
    if (deadline >= 0) {
        uint64_t now = host_monotonic_ns();
        if ((uint64_t)deadline <= now)
            return STATUS_TIMEOUT;
        rel = deadline - (int64_t)now;
    }
    NTSTATUS status = host_futex_wait(word, expected, rel);
    return status == STATUS_TIMEOUT ? STATUS_TIMEOUT : STATUS_SUCCESS;
}

void WINAPI RtlInitializeConditionVariable(PRTL_CONDITION_VARIABLE cv)
{
    cv->Ptr = NULL;
}

static __attribute__((noinline)) void WINAPI wake(PRTL_CONDITION_VARIABLE cv, int count)
{
    host_futex_wake(seq_of(cv), count);
}

/* Without sleepers a wake is one locked increment and a load (no system call, no host call). */
void WINAPI RtlWakeConditionVariable(PRTL_CONDITION_VARIABLE cv)
{
    __atomic_add_fetch(seq_of(cv), 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(sleepers_of(cv), __ATOMIC_SEQ_CST))
        wake(cv, 1);
}

void WINAPI RtlWakeAllConditionVariable(PRTL_CONDITION_VARIABLE cv)
{
    __atomic_add_fetch(seq_of(cv), 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(sleepers_of(cv), __ATOMIC_SEQ_CST))
        wake(cv, 0x7fffffff);
}

/* Called with the lock held; returns with the lock released and the sequence to wait against. */
static uint32_t prepare_sleep(PRTL_CONDITION_VARIABLE cv)
{
    __atomic_add_fetch(sleepers_of(cv), 1, __ATOMIC_SEQ_CST);
    return __atomic_load_n(seq_of(cv), __ATOMIC_SEQ_CST);
}

static NTSTATUS sleep_on(PRTL_CONDITION_VARIABLE cv, uint32_t seq, const LARGE_INTEGER *timeout)
{
    NTSTATUS status = RtlpFutexWaitUntil(seq_of(cv), seq, KeTimeoutDeadline(timeout));
    __atomic_sub_fetch(sleepers_of(cv), 1, __ATOMIC_RELAXED);
    return status;
}

/* The critical section must be entered exactly once (Microsoft's documentation); it is left once and
 * entered again before returning, on a timeout too. */
NTSTATUS WINAPI RtlSleepConditionVariableCS(PRTL_CONDITION_VARIABLE cv, PRTL_CRITICAL_SECTION cs,
                                            const LARGE_INTEGER *timeout)
{
    uint32_t seq = prepare_sleep(cv);
    RtlLeaveCriticalSection(cs);
    NTSTATUS status = sleep_on(cv, seq, timeout);
    RtlEnterCriticalSection(cs);
    return status;
}

NTSTATUS WINAPI RtlSleepConditionVariableSRW(PRTL_CONDITION_VARIABLE cv, PRTL_SRWLOCK lock,
                                             const LARGE_INTEGER *timeout, ULONG flags)
{
    bool shared = flags & CONDITION_VARIABLE_LOCKMODE_SHARED;
    uint32_t seq = prepare_sleep(cv);
    if (shared)
        RtlReleaseSRWLockShared(lock);
    else
        RtlReleaseSRWLockExclusive(lock);
    NTSTATUS status = sleep_on(cv, seq, timeout);
    if (shared)
        RtlAcquireSRWLockShared(lock);
    else
        RtlAcquireSRWLockExclusive(lock);
    return status;
}
