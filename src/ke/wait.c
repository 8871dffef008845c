/*
 * The dispatcher: waits on events, mutants, semaphores, processes and threads. One lock guards every
 * signal state; waiters sleep on a generation counter that every state change bumps (a futex), then
 * re-check. Simple and correct for the object counts console programs use.
 */
#include "ke/ke.h"
#include "host/host.h"
#include "ps/ps.h"

static host_lock dispatcher_lock = HOST_LOCK_INIT;
static volatile uint32_t dispatcher_generation;

void KeInitializeDispatcherHeader(DISPATCHER_HEADER *h, DISPATCHER_TYPE type, LONG state)
{
    h->Type = type;
    h->SignalState = state;
}

static void wake_waiters_locked(void)
{
    __atomic_add_fetch(&dispatcher_generation, 1, __ATOMIC_RELEASE);
    host_futex_wake(&dispatcher_generation, 0x7fffffff);
}

static bool satisfiable(const DISPATCHER_HEADER *h, PETHREAD thread)
{
    if (h->Type == DispatcherMutant)
        return h->SignalState > 0 || ((const KMUTANT *)h)->OwnerThread == thread;
    return h->SignalState > 0;
}

/* Applies what a satisfied wait does to the object; returns STATUS_ABANDONED for an abandoned mutant. */
static NTSTATUS satisfy(DISPATCHER_HEADER *h, PETHREAD thread)
{
    switch (h->Type) {
    case DispatcherSynchronizationEvent:
        h->SignalState = 0;
        return STATUS_SUCCESS;
    case DispatcherSemaphore:
        h->SignalState--;
        return STATUS_SUCCESS;
    case DispatcherMutant: {
        KMUTANT *m = (KMUTANT *)h;
        if (!m->OwnerThread) {
            m->OwnerThread = thread;
            InsertTailList(&thread->OwnedMutants, &m->MutantListEntry);
        }
        h->SignalState--;
        if (m->Abandoned) {
            m->Abandoned = FALSE;
            return STATUS_ABANDONED;
        }
        return STATUS_SUCCESS;
    }
    default:
        return STATUS_SUCCESS;
    }
}

/* NT timeouts: negative = relative, positive = absolute system time, in 100 ns units. */
static int64_t deadline_of(const LARGE_INTEGER *timeout)
{
    if (!timeout)
        return -1;
    uint64_t now = host_monotonic_ns();
    if (timeout->QuadPart <= 0)
        return (int64_t)(now + (uint64_t)(-timeout->QuadPart) * 100);
    uint64_t sys = host_system_time();
    uint64_t rel = (uint64_t)timeout->QuadPart > sys ? ((uint64_t)timeout->QuadPart - sys) * 100 : 0;
    return (int64_t)(now + rel);
}

static NTSTATUS try_satisfy_locked(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, PETHREAD thread,
                                   bool *done)
{
    *done = false;
    if (type == WaitAny) {
        for (ULONG i = 0; i < count; i++) {
            if (satisfiable(objects[i], thread)) {
                *done = true;
                return satisfy(objects[i], thread) == STATUS_ABANDONED ? STATUS_ABANDONED_WAIT_0 + (NTSTATUS)i
                                                                       : STATUS_WAIT_0 + (NTSTATUS)i;
            }
        }
        return STATUS_TIMEOUT;
    }
    for (ULONG i = 0; i < count; i++)
        if (!satisfiable(objects[i], thread))
            return STATUS_TIMEOUT;
    NTSTATUS status = STATUS_WAIT_0;
    for (ULONG i = 0; i < count; i++)
        if (satisfy(objects[i], thread) == STATUS_ABANDONED)
            status = STATUS_ABANDONED_WAIT_0;
    *done = true;
    return status;
}

NTSTATUS KeWaitForMultipleObjects(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, BOOLEAN alertable,
                                  const LARGE_INTEGER *timeout)
{
    (void)alertable;
    PETHREAD thread = PsGetCurrentThread();
    int64_t deadline = deadline_of(timeout);
    for (;;) {
        host_lock_acquire(&dispatcher_lock);
        bool done;
        NTSTATUS status = try_satisfy_locked(count, objects, type, thread, &done);
        if (done) {
            wake_waiters_locked();  /* consuming a mutant/semaphore may unblock a WaitAll elsewhere */
            host_lock_release(&dispatcher_lock);
            return status;
        }
        uint32_t generation = __atomic_load_n(&dispatcher_generation, __ATOMIC_ACQUIRE);
        host_lock_release(&dispatcher_lock);
        int64_t remaining = -1;
        if (deadline >= 0) {
            remaining = deadline - (int64_t)host_monotonic_ns();
            if (remaining <= 0)
                return STATUS_TIMEOUT;
        }
        host_futex_wait(&dispatcher_generation, generation, remaining);
    }
}

LONG KeSetSignalState(DISPATCHER_HEADER *h, LONG state)
{
    host_lock_acquire(&dispatcher_lock);
    LONG old = h->SignalState;
    h->SignalState = state;
    if (state > 0)
        wake_waiters_locked();
    host_lock_release(&dispatcher_lock);
    return old;
}

LONG KePulseEvent(KEVENT *event)
{
    /* Threads already waiting re-check after the generation bump while the state is still 1; this is
     * the documented unreliability of PulseEvent, kept. */
    host_lock_acquire(&dispatcher_lock);
    LONG old = event->Header.SignalState;
    event->Header.SignalState = 1;
    wake_waiters_locked();
    host_lock_release(&dispatcher_lock);
    host_yield();
    host_lock_acquire(&dispatcher_lock);
    event->Header.SignalState = 0;
    host_lock_release(&dispatcher_lock);
    return old;
}

NTSTATUS KeReleaseMutant(KMUTANT *m, BOOLEAN abandon, LONG *previous)
{
    host_lock_acquire(&dispatcher_lock);
    PETHREAD thread = PsGetCurrentThread();
    if (previous)
        *previous = m->Header.SignalState;
    if (!abandon && m->OwnerThread != thread) {
        host_lock_release(&dispatcher_lock);
        return STATUS_MUTANT_NOT_OWNED;
    }
    m->Header.SignalState = abandon ? 1 : m->Header.SignalState + 1;
    if (m->Header.SignalState == 1) {
        if (m->OwnerThread)
            RemoveEntryList(&m->MutantListEntry);
        m->OwnerThread = NULL;
        m->Abandoned = abandon;
        wake_waiters_locked();
    }
    host_lock_release(&dispatcher_lock);
    return STATUS_SUCCESS;
}

NTSTATUS KeReleaseSemaphore(KSEMAPHORE *s, LONG count, LONG *previous)
{
    host_lock_acquire(&dispatcher_lock);
    LONG old = s->Header.SignalState;
    if (previous)
        *previous = old;
    if (count <= 0 || old > s->Limit - count) {
        host_lock_release(&dispatcher_lock);
        return STATUS_SEMAPHORE_LIMIT_EXCEEDED;
    }
    s->Header.SignalState = old + count;
    wake_waiters_locked();
    host_lock_release(&dispatcher_lock);
    return STATUS_SUCCESS;
}

void KeAbandonOwnedMutants(PETHREAD thread)
{
    host_lock_acquire(&dispatcher_lock);
    while (!IsListEmpty(&thread->OwnedMutants)) {
        KMUTANT *m = CONTAINING_RECORD(thread->OwnedMutants.Flink, KMUTANT, MutantListEntry);
        RemoveEntryList(&m->MutantListEntry);
        m->OwnerThread = NULL;
        m->Abandoned = TRUE;
        m->Header.SignalState = 1;
    }
    wake_waiters_locked();
    host_lock_release(&dispatcher_lock);
}

NTSTATUS KeDelayExecution(BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    (void)alertable;
    int64_t deadline = deadline_of(timeout);
    if (deadline < 0) {
        for (;;)
            host_sleep_ns(3600ull * 1000000000u);
    }
    int64_t remaining;
    while ((remaining = deadline - (int64_t)host_monotonic_ns()) > 0)
        host_sleep_ns((uint64_t)remaining);
    if (timeout && timeout->QuadPart == 0)
        host_yield();
    return STATUS_SUCCESS;
}
