/*
 * Waitable timers (NtCreateTimer, NtSetTimer(Ex), NtCancelTimer, NtQueryTimer). A set timer sits in one
 * list sorted by due time (monotonic ns), guarded by the dispatcher lock; one host thread, started with the
 * first set timer, sleeps on a futex word until the earliest due time (or until a set moves it), then
 * signals the expired timers (KiWaitTest wakes their waiters), queues their completion routines as user
 * APCs to the threads that set them, and puts periodic timers back at their next due time.
 */
#include <stdlib.h>

#include "host/host.h"
#include "ke/ke.h"
#include "ob/ob.h"
#include "ps/ps.h"

typedef struct _KTIMER {
    DISPATCHER_HEADER Header;
    LIST_ENTRY TimerListEntry;   /* in timer_list while set */
    BOOLEAN Inserted;
    uint64_t Due;                /* monotonic ns */
    LONG Period;                 /* ms, 0 = once */
    PTIMER_APC_ROUTINE Routine;
    PVOID Context;
    PETHREAD ApcThread;          /* referenced while set with a routine */
} KTIMER;

static LIST_ENTRY timer_list = {&timer_list, &timer_list};
static volatile uint32_t timer_word;   /* bumped when the earliest due time may have moved */
static bool timer_thread_started;

static void timer_delete(void *object);
static const OBJECT_TYPE timer_type = {"Timer", timer_delete, NULL};
const OBJECT_TYPE *ExTimerObjectType = &timer_type;

/* Lock held. */
static void insert_timer(KTIMER *t)
{
    LIST_ENTRY *e = timer_list.Flink;
    while (e != &timer_list && CONTAINING_RECORD(e, KTIMER, TimerListEntry)->Due <= t->Due)
        e = e->Flink;
    InsertTailList(e, &t->TimerListEntry);   /* before e */
    t->Inserted = TRUE;
    __atomic_add_fetch(&timer_word, 1, __ATOMIC_RELEASE);
    host_futex_wake(&timer_word, 1);
}

/* Lock held; returns the thread reference the caller drops after unlocking. */
static PETHREAD remove_timer(KTIMER *t)
{
    if (t->Inserted) {
        RemoveEntryList(&t->TimerListEntry);
        t->Inserted = FALSE;
    }
    PETHREAD thread = t->ApcThread;
    t->ApcThread = NULL;
    t->Routine = NULL;
    return thread;
}

static void timer_thread(void *arg)
{
    (void)arg;
    for (;;) {
        KiLockDispatcher();
        uint32_t word = __atomic_load_n(&timer_word, __ATOMIC_ACQUIRE);
        uint64_t now = host_monotonic_ns();
        int64_t wait = -1;
        while (!IsListEmpty(&timer_list)) {
            KTIMER *t = CONTAINING_RECORD(timer_list.Flink, KTIMER, TimerListEntry);
            if (t->Due > now) {
                wait = (int64_t)(t->Due - now);
                break;
            }
            RemoveEntryList(&t->TimerListEntry);
            t->Inserted = FALSE;
            t->Header.SignalState = 1;
            KiWaitTest(&t->Header);
            if (t->Routine && t->ApcThread) {
                uint64_t st = host_system_time();
                KiQueueUserApcLocked(t->ApcThread, (PKNORMAL_ROUTINE)(void (*)(void))t->Routine, (ULONG_PTR)t->Context,
                                     (ULONG)st, (ULONG)(st >> 32));
            }
            if (t->Period) {
                t->Due += (uint64_t)t->Period * 1000000u;
                if (t->Due <= now)
                    t->Due = now + (uint64_t)t->Period * 1000000u;   /* missed periods are skipped */
                insert_timer(t);
            }
        }
        KiUnlockDispatcher();
        host_futex_wait(&timer_word, word, wait);
    }
}

static bool start_timer_thread(void)
{
    static host_lock start_lock = HOST_LOCK_INIT;
    if (__atomic_load_n(&timer_thread_started, __ATOMIC_ACQUIRE))
        return true;
    host_lock_acquire(&start_lock);
    if (!timer_thread_started && host_thread_start(timer_thread, NULL, NULL) == STATUS_SUCCESS)
        __atomic_store_n(&timer_thread_started, true, __ATOMIC_RELEASE);
    host_lock_release(&start_lock);
    return timer_thread_started;
}

static void timer_delete(void *object)
{
    KiLockDispatcher();
    PETHREAD thread = remove_timer(object);
    KiUnlockDispatcher();
    if (thread)
        ObDereferenceObject(thread);
}

static void init_timer(void *object, const void *arg)
{
    KTIMER *t = object;
    KeInitializeDispatcherHeader(&t->Header, *(const int *)arg ? DispatcherSynchronizationTimer
                                                               : DispatcherNotificationTimer, 0);
    InitializeListHead(&t->TimerListEntry);
}

NTSTATUS WINAPI NtCreateTimer(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes, int type)
{
    if (type != 0 && type != 1)
        return STATUS_INVALID_PARAMETER;
    return KiCreateNamedObject(handle, access, attributes, &timer_type, sizeof(KTIMER), init_timer, &type);
}

NTSTATUS WINAPI NtOpenTimer(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes)
{
    return KiOpenNamedObject(handle, access, attributes, &timer_type);
}

NTSTATUS WINAPI NtSetTimer(HANDLE handle, const LARGE_INTEGER *due, PTIMER_APC_ROUTINE routine, PVOID context,
                           BOOLEAN resume, LONG period, BOOLEAN *previous)
{
    (void)resume;   /* no sleep states here */
    if (!due || period < 0)
        return STATUS_INVALID_PARAMETER;
    KTIMER *t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, &timer_type, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    uint64_t when = (uint64_t)KeTimeoutDeadline(due);   /* -1, beyond the clock's range: never */
    if (!start_timer_thread()) {
        ObDereferenceObject(t);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    PETHREAD self = PsGetCurrentThread();
    if (routine)
        ObReferenceObject(self);
    KiLockDispatcher();
    if (previous)
        *previous = t->Header.SignalState > 0;
    PETHREAD old = remove_timer(t);
    t->Header.SignalState = 0;
    t->Due = when;
    t->Period = period;
    t->Routine = routine;
    t->Context = context;
    t->ApcThread = routine ? self : NULL;
    insert_timer(t);
    KiUnlockDispatcher();
    if (old)
        ObDereferenceObject(old);
    ObDereferenceObject(t);
    return STATUS_SUCCESS;
}

/* TIMER_SET_INFORMATION_CLASS: TimerSetCoalescableTimer (0) only, the tolerable delay ignored. */
typedef struct {
    LARGE_INTEGER DueTime;
    PTIMER_APC_ROUTINE TimerApcRoutine;
    PVOID TimerContext;
    PVOID WakeContext;
    ULONG Period;
    ULONG TolerableDelay;
    BOOLEAN *PreviousState;
} TIMER_SET_COALESCABLE_TIMER_INFO;

NTSTATUS WINAPI NtSetTimerEx(HANDLE handle, int info_class, PVOID info, ULONG length)
{
    if (info_class != 0 || !info || length != sizeof(TIMER_SET_COALESCABLE_TIMER_INFO))
        return STATUS_INVALID_PARAMETER;
    TIMER_SET_COALESCABLE_TIMER_INFO *i = info;
    return NtSetTimer(handle, &i->DueTime, i->TimerApcRoutine, i->TimerContext, FALSE, (LONG)i->Period,
                      i->PreviousState);
}

NTSTATUS WINAPI NtCancelTimer(HANDLE handle, BOOLEAN *previous)
{
    KTIMER *t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, &timer_type, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    KiLockDispatcher();
    if (previous)
        *previous = t->Header.SignalState > 0;
    PETHREAD old = remove_timer(t);
    KiUnlockDispatcher();
    if (old)
        ObDereferenceObject(old);
    ObDereferenceObject(t);
    return STATUS_SUCCESS;
}

/* TimerBasicInformation (0): the time left (100 ns; negative once due) and the state. */
typedef struct {
    LARGE_INTEGER RemainingTime;
    BOOLEAN TimerState;
} TIMER_BASIC_INFORMATION;

NTSTATUS WINAPI NtQueryTimer(HANDLE handle, int info_class, PVOID info, ULONG length, PULONG return_length)
{
    if (info_class != 0)
        return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(TIMER_BASIC_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    KTIMER *t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, &timer_type, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    TIMER_BASIC_INFORMATION *b = info;
    KiLockDispatcher();
    b->TimerState = t->Header.SignalState > 0;
    b->RemainingTime.QuadPart = t->Inserted ? ((int64_t)t->Due - (int64_t)host_monotonic_ns()) / 100 : 0;
    KiUnlockDispatcher();
    if (return_length)
        *return_length = sizeof *b;
    ObDereferenceObject(t);
    return STATUS_SUCCESS;
}
