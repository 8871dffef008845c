/* Futexes, and the small lock built on them (Drepper, "Futexes Are Tricky", mutex 2). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "host/host.h"
#include "host/hostp.h"

NTSTATUS host_futex_wait(volatile uint32_t *word, uint32_t expected, int64_t timeout_ns)
{
    struct timespec ts, *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = timeout_ns / 1000000000;
        ts.tv_nsec = timeout_ns % 1000000000;
        tsp = &ts;
    }
    /* Private futex: every waiter and waker lives in this host process. */
    long r = syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, tsp, NULL, 0);
    if (r == 0 || errno == EAGAIN)
        return STATUS_SUCCESS;
    if (errno == ETIMEDOUT)
        return STATUS_TIMEOUT;
    return STATUS_ALERTED;
}

void host_futex_wake(volatile uint32_t *word, int count)
{
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}

/* How many host locks this thread holds: a fault in a builtin is handed to the guest only if the builtin
 * took none (ke/exception.c compares the count at the builtin's entry, kept by KiBuiltinEntry, with the
 * count at the fault). Critical sections add themselves (ntdll/rtl/critsec.c). */
_Thread_local uint32_t host_locks_held;

bool host_user_lock_try(host_lock *l)
{
    uint32_t zero = 0;
    return __atomic_compare_exchange_n(&l->word, &zero, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void host_user_lock_acquire(host_lock *l)
{
    uint32_t c = 0;
    if (__atomic_compare_exchange_n(&l->word, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(&l->word, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        host_futex_wait(&l->word, 2, -1);
        c = __atomic_exchange_n(&l->word, 2, __ATOMIC_ACQUIRE);
    }
}

void host_user_lock_release(host_lock *l)
{
    if (__atomic_exchange_n(&l->word, 0, __ATOMIC_RELEASE) == 2)
        host_futex_wake(&l->word, 1);
}

/* A kernel lock: the holder cannot be stopped (NtTerminateProcess) until it lets go of its last one, as
 * NT defers the termination of a thread inside a critical region. */
bool host_lock_try(host_lock *l)
{
    if (!host_user_lock_try(l))
        return false;
    host_lock_depth++;
    host_locks_held++;
    return true;
}

void host_lock_acquire(host_lock *l)
{
    host_user_lock_acquire(l);
    host_lock_depth++;
    host_locks_held++;
}

void host_lock_release(host_lock *l)
{
    host_user_lock_release(l);
    host_locks_held--;
    if (--host_lock_depth == 0 && host_stop_pending)
        host_thread_park();
}
