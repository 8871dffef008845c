/*
 * Slim reader/writer locks. The pointer-sized SRWLOCK holds two 32-bit words: the low one is the lock
 * state and the futex every waiter sleeps on (0 free, SRW_EXCLUSIVE, or the number of shared owners),
 * the high one counts the sleepers (writers in the low 16 bits, readers in the high 16). Like Windows'
 * SRW locks they are unfair, not recursive, and an all-zero SRWLOCK (SRWLOCK_INIT) is a free lock.
 *
 * A sleeper counts itself before it looks at the state for the last time, and a releaser changes the
 * state before it looks at the counts; both steps are locked instructions, so either the releaser sees
 * the sleeper and wakes it, or the sleeper sees the new state and the futex wait returns at once.
 */
#include "ntdll/rtl/sync.h"
#include "ps/ps.h"

#define SRW_EXCLUSIVE   0x80000000u
#define WRITER_WAITING  0x00000001u
#define READER_WAITING  0x00010000u
#define SPIN_ROUNDS     200

static volatile uint32_t *state_of(PRTL_SRWLOCK lock)
{
    return (volatile uint32_t *)&lock->Ptr;
}

static volatile uint32_t *waiters_of(PRTL_SRWLOCK lock)
{
    return (volatile uint32_t *)&lock->Ptr + 1;
}

/* Spinning only pays when another processor can be releasing the lock meanwhile. */
static unsigned spin_rounds(void)
{
    return NtCurrentTeb()->ProcessEnvironmentBlock->NumberOfProcessors > 1 ? SPIN_ROUNDS : 0;
}

void WINAPI RtlInitializeSRWLock(PRTL_SRWLOCK lock)
{
    lock->Ptr = NULL;
}

BOOLEAN WINAPI RtlTryAcquireSRWLockExclusive(PRTL_SRWLOCK lock)
{
    uint32_t free = 0;
    return __atomic_compare_exchange_n(state_of(lock), &free, SRW_EXCLUSIVE, false, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

BOOLEAN WINAPI RtlTryAcquireSRWLockShared(PRTL_SRWLOCK lock)
{
    volatile uint32_t *s = state_of(lock);
    uint32_t v = __atomic_load_n(s, __ATOMIC_RELAXED);
    while (!(v & SRW_EXCLUSIVE)) {
        if (__atomic_compare_exchange_n(s, &v, v + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return TRUE;
    }
    return FALSE;
}

void WINAPI RtlAcquireSRWLockExclusive(PRTL_SRWLOCK lock)
{
    if (RtlTryAcquireSRWLockExclusive(lock))
        return;
    volatile uint32_t *s = state_of(lock);
    if (RtlpSpinFor(s, ~0u, spin_rounds()) && RtlTryAcquireSRWLockExclusive(lock))
        return;
    for (;;) {
        __atomic_add_fetch(waiters_of(lock), WRITER_WAITING, __ATOMIC_SEQ_CST);
        uint32_t v = __atomic_load_n(s, __ATOMIC_SEQ_CST);
        if (v != 0)
            host_futex_wait(s, v, -1);
        __atomic_sub_fetch(waiters_of(lock), WRITER_WAITING, __ATOMIC_RELAXED);
        if (RtlTryAcquireSRWLockExclusive(lock))
            return;
    }
}

void WINAPI RtlAcquireSRWLockShared(PRTL_SRWLOCK lock)
{
    if (RtlTryAcquireSRWLockShared(lock))
        return;
    volatile uint32_t *s = state_of(lock);
    if (RtlpSpinFor(s, SRW_EXCLUSIVE, spin_rounds()) && RtlTryAcquireSRWLockShared(lock))
        return;
    for (;;) {
        __atomic_add_fetch(waiters_of(lock), READER_WAITING, __ATOMIC_SEQ_CST);
        uint32_t v = __atomic_load_n(s, __ATOMIC_SEQ_CST);
        if (v & SRW_EXCLUSIVE)
            host_futex_wait(s, v, -1);
        __atomic_sub_fetch(waiters_of(lock), READER_WAITING, __ATOMIC_RELAXED);
        if (RtlTryAcquireSRWLockShared(lock))
            return;
    }
}

/* The futex wake is an ms_abi function of its own: a call from ms_abi code into the host's sysv code
 * saves xmm6-xmm15, which the uncontended release should not pay. */
static __attribute__((noinline)) void WINAPI wake(PRTL_SRWLOCK lock, int count)
{
    host_futex_wake(state_of(lock), count);
}

/* After a release: readers waiting can all go in together; otherwise one writer is enough (it wakes
 * the next when it releases in turn). */
static inline void wake_after_release(PRTL_SRWLOCK lock)
{
    uint32_t w = __atomic_load_n(waiters_of(lock), __ATOMIC_SEQ_CST);
    if (w)
        wake(lock, w >= READER_WAITING ? 0x7fffffff : 1);
}

void WINAPI RtlReleaseSRWLockExclusive(PRTL_SRWLOCK lock)
{
    __atomic_exchange_n(state_of(lock), 0, __ATOMIC_SEQ_CST);
    wake_after_release(lock);
}

void WINAPI RtlReleaseSRWLockShared(PRTL_SRWLOCK lock)
{
    if (__atomic_sub_fetch(state_of(lock), 1, __ATOMIC_SEQ_CST) == 0)
        wake_after_release(lock);
}
