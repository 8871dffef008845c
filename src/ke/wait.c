/*
 * The dispatcher: waits on events, mutants, semaphores, timers, processes and threads, as NT's KWAIT_BLOCK
 * design does. One lock guards every signal state and wait list. A waiting thread queues one wait block
 * on each object it waits on and sleeps on its own futex word (KWAIT.Done); a signal runs KiWaitTest over
 * that object's queue, in arrival order, and wakes only the waits it satisfies: a notification event all
 * of them, a synchronization event, mutant or semaphore unit one each. A WaitAll is satisfied (every
 * object consumed) in one step under the lock, or not at all.
 */
#include "ke/ke.h"
#include "host/host.h"
#include "ps/ps.h"

typedef struct _KWAIT_BLOCK {
    LIST_ENTRY WaitListEntry;   /* in Object->WaitListHead */
    struct _KWAIT *Wait;
    DISPATCHER_HEADER *Object;
    ULONG WaitKey;              /* the index in the wait's object array */
} KWAIT_BLOCK;

/* One wait of one thread, on its stack: the thread sleeps on Done until a signal, alert or timeout. */
typedef struct _KWAIT {
    volatile uint32_t Done;
    NTSTATUS Status;
    WAIT_TYPE Type;
    BOOLEAN Alertable;
    ULONG Count;
    PETHREAD Thread;
    DISPATCHER_HEADER *const *Objects;
    KWAIT_BLOCK Blocks[MAXIMUM_WAIT_OBJECTS];
} KWAIT;

static host_lock dispatcher_lock = HOST_LOCK_INIT;

void KiLockDispatcher(void)
{
    host_lock_acquire(&dispatcher_lock);
}

void KiUnlockDispatcher(void)
{
    host_lock_release(&dispatcher_lock);
}

void KeInitializeDispatcherHeader(DISPATCHER_HEADER *h, DISPATCHER_TYPE type, LONG state)
{
    h->Type = type;
    h->SignalState = state;
    InitializeListHead(&h->WaitListHead);
}

static void ensure_wait_list(DISPATCHER_HEADER *h)
{
    if (!h->WaitListHead.Flink)
        InitializeListHead(&h->WaitListHead);
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
    case DispatcherSynchronizationTimer:
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

int64_t KeTimeoutDeadline(const LARGE_INTEGER *timeout)
{
    if (!timeout)
        return -1;
    uint64_t now = host_monotonic_ns();
    int64_t t = timeout->QuadPart;
    uint64_t ticks;   /* 100 ns units from now */
    if (t <= 0) {
        ticks = 0 - (uint64_t)t;
    } else {
        uint64_t sys = host_system_time();
        ticks = (uint64_t)t > sys ? (uint64_t)t - sys : 0;
    }
    if (ticks > ((uint64_t)INT64_MAX - now) / 100)
        return -1;   /* beyond the monotonic clock's range: no deadline */
    return (int64_t)(now + ticks * 100);
}

static NTSTATUS try_satisfy(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, PETHREAD thread,
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

static void unlink_wait(KWAIT *w)
{
    for (ULONG i = 0; i < w->Count; i++)
        RemoveEntryList(&w->Blocks[i].WaitListEntry);
    w->Count = 0;
    if (w->Thread->WaitState == w)
        w->Thread->WaitState = NULL;
}

/* Ends a wait with status and wakes its thread (the lock is held, so the thread cannot have returned). */
static void complete_wait(KWAIT *w, NTSTATUS status)
{
    unlink_wait(w);
    w->Status = status;
    __atomic_store_n(&w->Done, 1, __ATOMIC_RELEASE);
    host_futex_wake(&w->Done, 1);
}

void KiWaitTest(DISPATCHER_HEADER *h)
{
    ensure_wait_list(h);
    LIST_ENTRY *e = h->WaitListHead.Flink;
    while (e != &h->WaitListHead && h->SignalState > 0) {
        KWAIT_BLOCK *b = CONTAINING_RECORD(e, KWAIT_BLOCK, WaitListEntry);
        KWAIT *w = b->Wait;
        bool done = false;
        NTSTATUS status;
        if (w->Type == WaitAny) {
            done = true;
            status = satisfy(h, w->Thread) == STATUS_ABANDONED ? STATUS_ABANDONED_WAIT_0 + (NTSTATUS)b->WaitKey
                                                               : STATUS_WAIT_0 + (NTSTATUS)b->WaitKey;
        } else {
            status = try_satisfy(w->Count, w->Objects, WaitAll, w->Thread, &done);
        }
        if (done) {
            complete_wait(w, status);
            e = h->WaitListHead.Flink;   /* the completed wait's blocks left every list: start over */
        } else {
            e = e->Flink;
        }
    }
}

bool KiUnwaitAlertable(PETHREAD thread, NTSTATUS status)
{
    KWAIT *w = thread->WaitState;
    if (!w || !w->Alertable)
        return false;
    complete_wait(w, status);
    return true;
}

NTSTATUS KiWaitWithSignal(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, BOOLEAN alertable,
                          const LARGE_INTEGER *timeout, NTSTATUS (*signal)(void *), void *arg)
{
    PETHREAD thread = PsGetCurrentThread();
    int64_t deadline = KeTimeoutDeadline(timeout);
    KWAIT w;
    NTSTATUS status;
    bool done;
    host_lock_acquire(&dispatcher_lock);
    if (signal && (status = signal(arg)) < 0) {
        host_lock_release(&dispatcher_lock);
        return status;
    }
    /* As KeWaitForMultipleObjects: a signaled object wins over a pending alert or APC, which win over a
     * zero timeout. */
    status = try_satisfy(count, objects, type, thread, &done);
    if (!done && alertable && (status = KiCheckAlertable(thread)) != STATUS_SUCCESS) {
        host_lock_release(&dispatcher_lock);
        goto out;
    }
    if (done || (deadline >= 0 && deadline <= (int64_t)host_monotonic_ns())) {
        status = done ? status : STATUS_TIMEOUT;
        host_lock_release(&dispatcher_lock);
        return status;
    }
    w.Done = 0;
    w.Status = STATUS_TIMEOUT;
    w.Type = type;
    w.Alertable = alertable;
    w.Count = count;
    w.Thread = thread;
    w.Objects = objects;
    for (ULONG i = 0; i < count; i++) {
        ensure_wait_list(objects[i]);
        w.Blocks[i] = (KWAIT_BLOCK){.Wait = &w, .Object = objects[i], .WaitKey = i};
        InsertTailList(&objects[i]->WaitListHead, &w.Blocks[i].WaitListEntry);
    }
    thread->WaitState = &w;
    host_lock_release(&dispatcher_lock);
    for (;;) {
        int64_t remaining = -1;
        if (deadline >= 0) {
            remaining = deadline - (int64_t)host_monotonic_ns();
            if (remaining < 0)
                remaining = 0;
        }
        /* An interrupted host wait (a suspend signal: STATUS_ALERTED from the futex) is no alert: only
         * Done, set under the lock by a signal, an APC or NtAlertThread, ends the wait early. */
        if (remaining != 0)
            host_futex_wait(&w.Done, 0, remaining);
        host_lock_acquire(&dispatcher_lock);
        if (__atomic_load_n(&w.Done, __ATOMIC_ACQUIRE)) {
            status = w.Status;
            host_lock_release(&dispatcher_lock);
            break;
        }
        if (deadline >= 0 && (int64_t)host_monotonic_ns() >= deadline) {
            unlink_wait(&w);
            status = STATUS_TIMEOUT;
            host_lock_release(&dispatcher_lock);
            break;
        }
        host_lock_release(&dispatcher_lock);
    }
out:
    if (status == STATUS_USER_APC)
        KiDeliverUserApcs();
    return status;
}

NTSTATUS KeWaitForMultipleObjects(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, BOOLEAN alertable,
                                  const LARGE_INTEGER *timeout)
{
    return KiWaitWithSignal(count, objects, type, alertable, timeout, NULL, NULL);
}

LONG KeSetSignalState(DISPATCHER_HEADER *h, LONG state)
{
    host_lock_acquire(&dispatcher_lock);
    LONG old = h->SignalState;
    h->SignalState = state;
    if (state > 0)
        KiWaitTest(h);
    host_lock_release(&dispatcher_lock);
    return old;
}

LONG KiSetEventLocked(KEVENT *event)
{
    LONG old = event->Header.SignalState;
    event->Header.SignalState = 1;
    KiWaitTest(&event->Header);
    return old;
}

LONG KePulseEvent(KEVENT *event)
{
    /* Satisfies the waits queued now (all of them for a notification event, one for a synchronization
     * event), then resets: nobody arriving later sees it signaled. */
    host_lock_acquire(&dispatcher_lock);
    LONG old = KiSetEventLocked(event);
    event->Header.SignalState = 0;
    host_lock_release(&dispatcher_lock);
    return old;
}

NTSTATUS KiReleaseMutantLocked(KMUTANT *m, LONG *previous)
{
    PETHREAD thread = PsGetCurrentThread();
    if (m->OwnerThread != thread)
        return STATUS_MUTANT_NOT_OWNED;
    if (previous)
        *previous = m->Header.SignalState;
    if (++m->Header.SignalState == 1) {
        RemoveEntryList(&m->MutantListEntry);
        m->OwnerThread = NULL;
        m->Abandoned = FALSE;
        KiWaitTest(&m->Header);
    }
    return STATUS_SUCCESS;
}

NTSTATUS KeReleaseMutant(KMUTANT *m, BOOLEAN abandon, LONG *previous)
{
    host_lock_acquire(&dispatcher_lock);
    NTSTATUS status;
    if (!abandon) {
        status = KiReleaseMutantLocked(m, previous);
    } else {
        if (previous)
            *previous = m->Header.SignalState;
        if (m->OwnerThread)
            RemoveEntryList(&m->MutantListEntry);
        m->OwnerThread = NULL;
        m->Abandoned = TRUE;
        m->Header.SignalState = 1;
        KiWaitTest(&m->Header);
        status = STATUS_SUCCESS;
    }
    host_lock_release(&dispatcher_lock);
    return status;
}

NTSTATUS KiReleaseSemaphoreLocked(KSEMAPHORE *s, LONG count, LONG *previous)
{
    LONG old = s->Header.SignalState;
    if (count <= 0 || old > s->Limit - count)
        return STATUS_SEMAPHORE_LIMIT_EXCEEDED;   /* *previous untouched, as on Windows */
    if (previous)
        *previous = old;
    s->Header.SignalState = old + count;
    KiWaitTest(&s->Header);
    return STATUS_SUCCESS;
}

NTSTATUS KeReleaseSemaphore(KSEMAPHORE *s, LONG count, LONG *previous)
{
    host_lock_acquire(&dispatcher_lock);
    NTSTATUS status = KiReleaseSemaphoreLocked(s, count, previous);
    host_lock_release(&dispatcher_lock);
    return status;
}

void KeAbandonOwnedMutants(PETHREAD thread)
{
    host_lock_acquire(&dispatcher_lock);
    /* A thread stopped inside a wait leaves it: its wait blocks live on a stack that is going away. */
    if (thread->WaitState)
        unlink_wait(thread->WaitState);
    while (!IsListEmpty(&thread->OwnedMutants)) {
        KMUTANT *m = CONTAINING_RECORD(thread->OwnedMutants.Flink, KMUTANT, MutantListEntry);
        RemoveEntryList(&m->MutantListEntry);
        m->OwnerThread = NULL;
        m->Abandoned = TRUE;
        m->Header.SignalState = 1;
        KiWaitTest(&m->Header);
    }
    host_lock_release(&dispatcher_lock);
    KeFlushUserApcs(thread);
}

NTSTATUS KeDelayExecution(BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    if (timeout && timeout->QuadPart == 0 && !alertable) {
        host_yield();
        return STATUS_SUCCESS;
    }
    NTSTATUS status = KiWaitWithSignal(0, NULL, WaitAny, alertable, timeout, NULL, NULL);
    if (status == STATUS_TIMEOUT)
        status = STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && timeout && timeout->QuadPart == 0)
        host_yield();
    return status;
}
