/*
 * ntdll's thread pool: the Tp* functions behind kernel32's CreateThreadpoolWork/Timer/Wait and friends,
 * and the older interfaces built on the same machinery (RtlQueueWorkItem, timer queues, RtlRegisterWait).
 *
 * Model. A pool is a FIFO of callback requests served by worker threads (NT threads made with
 * NtCreateThreadEx, so callbacks run with a TEB like any thread of the process); a worker sleeps on the
 * pool's futex while the queue is empty. Every work, timer, wait or simple callback is a struct tp_object
 * with a reference count (the creator, each queued request, each running callback) and the number of its
 * requests queued and running, on which WaitForThreadpool*Callbacks sleeps (the object's own futex).
 * Timers and waits are served by one service thread per process: it waits with NtWaitForMultipleObjects
 * on a control event and the armed waits' handles (63 at most at once), with the timeout of the nearest
 * timer or wait deadline, and queues a request on the object's pool when one is due. One lock guards all
 * of it (queues, counts, armed timers and waits, cleanup groups); nothing blocks while holding it.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/ke.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/threadpool.h"
#include "ps/ps.h"

enum tp_kind { TP_WORK_KIND, TP_SIMPLE_KIND, TP_TIMER_KIND, TP_WAIT_KIND, TP_IO_KIND };
/* What a legacy object's callback is: RtlQueueWorkItem's, or a WAITORTIMERCALLBACK. */
enum tp_legacy { TP_NATIVE, TP_LEGACY_WORKITEM, TP_LEGACY_WAITORTIMER };

struct tp_pool {
    volatile uint32_t Sequence;    /* workers sleep on it; bumped by every post and by the release */
    struct tp_request *Head, *Tail;
    ULONG Pending, Threads, Idle, Max, Min;
    BOOLEAN Released;
};

struct tp_group {
    struct tp_object *First;
};

struct tp_object {
    enum tp_kind Kind;
    enum tp_legacy Legacy;
    volatile LONG Refs;
    struct tp_pool *Pool;
    struct tp_group *Group;
    struct tp_object *GroupNext, *GroupPrev;
    PVOID Callback, Context;
    PVOID GroupCancel;             /* PTP_CLEANUP_GROUP_CANCEL_CALLBACK */
    ULONG Queued, Running;
    volatile uint32_t Sequence;    /* bumped when Queued + Running drops to 0 */
    BOOLEAN Released;
    HANDLE DoneEvent;              /* legacy deletes: signaled when the object is freed */
    /* timers */
    BOOLEAN TimerSet;
    uint64_t Due;                  /* monotonic ns */
    ULONG Period;                  /* ms */
    struct tp_object *TimerNext;
    /* waits */
    BOOLEAN WaitSet, Rearm;
    HANDLE WaitHandle;
    uint64_t WaitDeadline;         /* monotonic ns, UINT64_MAX for none */
    ULONG WaitTimeoutMs;           /* legacy waits re-armed after each firing */
    ULONG WaitGeneration;
    struct tp_object *WaitNext;
    /* thread-pool I/O */
    ULONG IoPending;               /* StartThreadpoolIo calls not yet matched by a packet or a cancel */
};

struct tp_request {
    struct tp_request *Next;
    struct tp_object *Object;
    ULONG WaitResult;              /* waits: the result; I/O: the packet's status */
    PVOID Overlapped;              /* I/O: the packet's context and bytes */
    ULONG_PTR Information;
};

/* TP_CALLBACK_INSTANCE: lives on the worker's stack for one callback. */
struct tp_instance {
    struct tp_object *Object;
    HANDLE Event, Semaphore, Mutex;
    LONG SemaphoreCount;
    PRTL_CRITICAL_SECTION Section;
    PVOID Dll;
    BOOLEAN Disassociated, MayRunLong;
};

/* TP_CALLBACK_ENVIRON (V1 and V3 share these fields). */
typedef struct {
    ULONG Version;
    struct tp_pool *Pool;
    struct tp_group *CleanupGroup;
    PVOID CleanupGroupCancelCallback;
    PVOID RaceDll;
    PVOID ActivationContext;
    PVOID FinalizationCallback;
    ULONG Flags;
} TP_ENVIRON;

#define TP_DEFAULT_MAX 500
/* Threads created on demand stop at this many (more come only through CallbackMayRunLong or the pool's
 * minimum), so that a burst of posts does not make a thread per post. */
#define TP_SOFT_MAX 16
#define TP_MAX_WAITS 63
#define TP_INFINITE 0xFFFFFFFFu

static host_lock tp_lock = HOST_LOCK_INIT;
static struct tp_pool default_pool = {.Max = TP_DEFAULT_MAX};
static struct tp_object *armed_timers, *armed_waits;
static HANDLE service_event;           /* wakes the service thread when timers or waits change */
static BOOLEAN service_started;

typedef void(WINAPI *work_callback)(PVOID, PVOID, PVOID);
typedef void(WINAPI *simple_callback)(PVOID, PVOID);
typedef void(WINAPI *wait_callback)(PVOID, PVOID, PVOID, ULONG);
typedef void(WINAPI *io_callback)(PVOID, PVOID, PVOID, ULONG, ULONG_PTR, PVOID);
typedef ULONG(WINAPI *workitem_callback)(PVOID);
typedef void(WINAPI *waitortimer_callback)(PVOID, BOOLEAN);
typedef void(WINAPI *group_cancel_callback)(PVOID, PVOID);

static void tp_reference(struct tp_object *o)
{
    __atomic_add_fetch(&o->Refs, 1, __ATOMIC_RELAXED);
}

static void tp_dereference(struct tp_object *o)
{
    if (__atomic_sub_fetch(&o->Refs, 1, __ATOMIC_ACQ_REL))
        return;
    if (o->DoneEvent)
        NtSetEvent(o->DoneEvent, NULL);
    free(o);
}

/* ---- workers ---------------------------------------------------------------------------------------------- */

static ULONG WINAPI tp_worker(PVOID param);

/* Starts one worker. tp_lock held, and kept: the new thread only needs it once it runs, and callers walk
 * lists that must not change under them. */
static void tp_add_thread(struct tp_pool *pool)
{
    HANDLE thread;
    pool->Threads++;
    pool->Idle++;          /* counted idle until it looks at the queue */
    NTSTATUS status = NtCreateThreadEx(&thread, 0x1FFFFF, NULL, NtCurrentProcess(), (PVOID)tp_worker, pool, 0, 0, 0,
                                       0, NULL);
    if (status != STATUS_SUCCESS) {
        pool->Threads--;
        pool->Idle--;
        return;
    }
    NtClose(thread);
}

/* Queues one request for o (taking a reference), starting a worker if none is free. tp_lock held. */
static NTSTATUS tp_post(struct tp_object *o, ULONG wait_result)
{
    struct tp_pool *pool = o->Pool;
    struct tp_request *r = malloc(sizeof *r);
    if (!r)
        return STATUS_NO_MEMORY;
    r->Next = NULL;
    r->Object = o;
    r->WaitResult = wait_result;
    r->Overlapped = NULL;
    r->Information = 0;
    tp_reference(o);
    o->Queued++;
    if (pool->Tail)
        pool->Tail->Next = r;
    else
        pool->Head = r;
    pool->Tail = r;
    pool->Pending++;
    pool->Sequence++;
    host_futex_wake(&pool->Sequence, 1);
    if (pool->Pending > pool->Idle && pool->Threads < pool->Max && pool->Threads < TP_SOFT_MAX)
        tp_add_thread(pool);
    return STATUS_SUCCESS;
}

/* Queued + Running reached 0: wake WaitForThreadpool*Callbacks. tp_lock held. */
static void tp_check_idle(struct tp_object *o)
{
    if (!o->Queued && !o->Running) {
        o->Sequence++;
        host_futex_wake(&o->Sequence, INT32_MAX);
    }
}

static void tp_group_remove(struct tp_object *o)
{
    if (!o->Group)
        return;
    if (o->GroupPrev)
        o->GroupPrev->GroupNext = o->GroupNext;
    else
        o->Group->First = o->GroupNext;
    if (o->GroupNext)
        o->GroupNext->GroupPrev = o->GroupPrev;
    o->Group = NULL;
    o->GroupNext = o->GroupPrev = NULL;
}

static void tp_run(struct tp_object *o, struct tp_instance *inst, const struct tp_request *r)
{
    ULONG wait_result = r->WaitResult;
    PVOID ctx = o->Context;
    switch (o->Legacy) {
    case TP_LEGACY_WORKITEM:
        ((workitem_callback)o->Callback)(ctx);
        return;
    case TP_LEGACY_WAITORTIMER:
        ((waitortimer_callback)o->Callback)(ctx, o->Kind == TP_TIMER_KIND || wait_result == STATUS_TIMEOUT);
        return;
    case TP_NATIVE:
        break;
    }
    switch (o->Kind) {
    case TP_SIMPLE_KIND:
        ((simple_callback)o->Callback)(inst, ctx);
        break;
    case TP_WORK_KIND:
    case TP_TIMER_KIND:
        ((work_callback)o->Callback)(inst, ctx, o);
        break;
    case TP_WAIT_KIND:
        ((wait_callback)o->Callback)(inst, ctx, o, wait_result);
        break;
    case TP_IO_KIND:
        ((io_callback)o->Callback)(inst, ctx, r->Overlapped, RtlNtStatusToDosError((NTSTATUS)r->WaitResult),
                                   r->Information, o);
        break;
    }
}

/* The actions a callback asked for with the *WhenCallbackReturns functions, in Windows' order. */
static void tp_instance_complete(struct tp_instance *inst)
{
    if (inst->Section)
        RtlLeaveCriticalSection(inst->Section);
    if (inst->Mutex)
        NtReleaseMutant(inst->Mutex, NULL);
    if (inst->Semaphore)
        NtReleaseSemaphore(inst->Semaphore, inst->SemaphoreCount, NULL);
    if (inst->Event)
        NtSetEvent(inst->Event, NULL);
    if (inst->Dll)
        LdrUnloadDll(inst->Dll);
}

static ULONG WINAPI tp_worker(PVOID param)
{
    struct tp_pool *pool = param;
    host_lock_acquire(&tp_lock);
    for (;;) {
        while (!pool->Head) {
            if (pool->Released) {
                pool->Threads--;
                pool->Idle--;
                host_lock_release(&tp_lock);
                return 0;
            }
            uint32_t seen = pool->Sequence;
            host_lock_release(&tp_lock);
            host_futex_wait(&pool->Sequence, seen, -1);
            host_lock_acquire(&tp_lock);
        }
        struct tp_request *r = pool->Head;
        pool->Head = r->Next;
        if (!pool->Head)
            pool->Tail = NULL;
        pool->Pending--;
        pool->Idle--;
        struct tp_object *o = r->Object;
        o->Queued--;
        o->Running++;
        host_lock_release(&tp_lock);

        struct tp_instance inst = {.Object = o};
        tp_run(o, &inst, r);
        free(r);
        tp_instance_complete(&inst);

        host_lock_acquire(&tp_lock);
        if (!inst.Disassociated)
            o->Running--;
        tp_check_idle(o);
        /* A simple callback leaves its cleanup group when it is done; the group's reference goes with it. */
        bool group_ref = o->Kind == TP_SIMPLE_KIND && o->Group;
        if (group_ref)
            tp_group_remove(o);
        pool->Idle++;
        host_lock_release(&tp_lock);
        if (group_ref)
            tp_dereference(o);
        tp_dereference(o);
        host_lock_acquire(&tp_lock);
    }
}

/* ---- objects ---------------------------------------------------------------------------------------------- */

static NTSTATUS tp_alloc(enum tp_kind kind, PVOID callback, PVOID context, const TP_ENVIRON *env,
                         struct tp_object **out)
{
    *out = NULL;
    struct tp_object *o = calloc(1, sizeof *o);
    if (!o)
        return STATUS_NO_MEMORY;
    o->Kind = kind;
    o->Refs = 1;
    o->Callback = callback;
    o->Context = context;
    o->Pool = env && env->Pool ? env->Pool : &default_pool;
    o->WaitDeadline = UINT64_MAX;
    if (env && env->CleanupGroup) {
        o->GroupCancel = env->CleanupGroupCancelCallback;
        if (kind == TP_SIMPLE_KIND)
            o->Refs++;     /* the group's: a simple callback has no creator to close it */
        host_lock_acquire(&tp_lock);
        o->Group = env->CleanupGroup;
        o->GroupNext = o->Group->First;
        if (o->GroupNext)
            o->GroupNext->GroupPrev = o;
        o->Group->First = o;
        host_lock_release(&tp_lock);
    }
    *out = o;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI TpAllocWork(PVOID *out, PVOID callback, PVOID context, PVOID env)
{
    if (!out || !callback)
        return STATUS_INVALID_PARAMETER;
    return tp_alloc(TP_WORK_KIND, callback, context, env, (struct tp_object **)out);
}

NTSTATUS WINAPI TpAllocTimer(PVOID *out, PVOID callback, PVOID context, PVOID env)
{
    if (!out || !callback)
        return STATUS_INVALID_PARAMETER;
    return tp_alloc(TP_TIMER_KIND, callback, context, env, (struct tp_object **)out);
}

NTSTATUS WINAPI TpAllocWait(PVOID *out, PVOID callback, PVOID context, PVOID env)
{
    if (!out || !callback)
        return STATUS_INVALID_PARAMETER;
    return tp_alloc(TP_WAIT_KIND, callback, context, env, (struct tp_object **)out);
}

void WINAPI TpPostWork(PVOID work)
{
    struct tp_object *o = work;
    host_lock_acquire(&tp_lock);
    tp_post(o, 0);
    host_lock_release(&tp_lock);
}

NTSTATUS WINAPI TpSimpleTryPost(PVOID callback, PVOID context, PVOID env)
{
    struct tp_object *o;
    NTSTATUS status = tp_alloc(TP_SIMPLE_KIND, callback, context, env, &o);
    if (status != STATUS_SUCCESS)
        return status;
    host_lock_acquire(&tp_lock);
    status = tp_post(o, 0);
    host_lock_release(&tp_lock);
    tp_dereference(o);
    return status;
}

/* Drops o's queued requests (their callbacks will not run). tp_lock held. */
static void tp_cancel_queued(struct tp_object *o, struct tp_request **dropped)
{
    struct tp_pool *pool = o->Pool;
    struct tp_request **link = &pool->Head, *last = NULL;
    while (*link) {
        struct tp_request *r = *link;
        if (r->Object == o) {
            *link = r->Next;
            pool->Pending--;
            o->Queued--;
            r->Next = *dropped;
            *dropped = r;
        } else {
            last = r;
            link = &r->Next;
        }
    }
    pool->Tail = last;
}

static void tp_free_dropped(struct tp_request *dropped)
{
    while (dropped) {
        struct tp_request *r = dropped;
        dropped = r->Next;
        tp_dereference(r->Object);
        free(r);
    }
}

/* WaitForThreadpool*Callbacks: optionally cancels what is queued, then waits for the running callbacks. */
static void tp_wait_callbacks(struct tp_object *o, BOOL cancel)
{
    struct tp_request *dropped = NULL;
    host_lock_acquire(&tp_lock);
    if (cancel) {
        tp_cancel_queued(o, &dropped);
        tp_check_idle(o);
    }
    while (o->Queued || o->Running) {
        uint32_t seen = o->Sequence;
        host_lock_release(&tp_lock);
        host_futex_wait(&o->Sequence, seen, -1);
        host_lock_acquire(&tp_lock);
    }
    host_lock_release(&tp_lock);
    tp_free_dropped(dropped);
}

void WINAPI TpWaitForWork(PVOID work, BOOL cancel)
{
    tp_wait_callbacks(work, cancel);
}

void WINAPI TpWaitForTimer(PVOID timer, BOOL cancel)
{
    tp_wait_callbacks(timer, cancel);
}

void WINAPI TpWaitForWait(PVOID wait, BOOL cancel)
{
    tp_wait_callbacks(wait, cancel);
}

/* ---- timers and waits: the service thread ---------------------------------------------------------------- */

static void tp_unlink(struct tp_object **list, struct tp_object *o, size_t next_offset)
{
    for (struct tp_object **link = list; *link; link = (struct tp_object **)((char *)*link + next_offset))
        if (*link == o) {
            *link = *(struct tp_object **)((char *)o + next_offset);
            return;
        }
}

static void tp_disarm_timer(struct tp_object *o)
{
    if (o->TimerSet) {
        tp_unlink(&armed_timers, o, offsetof(struct tp_object, TimerNext));
        o->TimerSet = FALSE;
        tp_dereference(o);
    }
}

static void tp_disarm_wait(struct tp_object *o)
{
    if (o->WaitSet) {
        tp_unlink(&armed_waits, o, offsetof(struct tp_object, WaitNext));
        o->WaitSet = FALSE;
        o->WaitGeneration++;
        tp_dereference(o);
    }
}

/* An NT timeout (negative: relative 100 ns, positive: absolute system time, 0: now) as a monotonic time. */
static uint64_t tp_deadline(const LARGE_INTEGER *t)
{
    uint64_t now = host_monotonic_ns();
    if (t->QuadPart <= 0)
        return now + (uint64_t)(-t->QuadPart) * 100;
    int64_t ahead = t->QuadPart - (int64_t)host_system_time();
    return now + (ahead > 0 ? (uint64_t)ahead * 100 : 0);
}

/* Fires due timers and timed-out waits, returns the nearest deadline. tp_lock held. */
static uint64_t tp_fire_due(void)
{
    uint64_t now = host_monotonic_ns(), next = UINT64_MAX;
    for (struct tp_object *o = armed_timers, *n; o; o = n) {
        n = o->TimerNext;
        if (o->Due <= now) {
            tp_post(o, 0);
            if (o->Period) {
                o->Due += (uint64_t)o->Period * 1000000;
                if (o->Due <= now)
                    o->Due = now + (uint64_t)o->Period * 1000000;
            } else {
                tp_disarm_timer(o);
                continue;
            }
        }
        if (o->Due < next)
            next = o->Due;
    }
    for (struct tp_object *o = armed_waits, *n; o; o = n) {
        n = o->WaitNext;
        if (o->WaitDeadline <= now) {
            tp_post(o, STATUS_TIMEOUT);
            if (o->Rearm && o->WaitTimeoutMs != TP_INFINITE) {
                o->WaitDeadline = now + (uint64_t)o->WaitTimeoutMs * 1000000;
            } else if (!o->Rearm) {
                tp_disarm_wait(o);
                continue;
            } else {
                o->WaitDeadline = UINT64_MAX;
            }
        }
        if (o->WaitDeadline < next)
            next = o->WaitDeadline;
    }
    return next;
}

static ULONG WINAPI tp_service(PVOID param)
{
    (void)param;
    HANDLE handles[TP_MAX_WAITS + 1];
    struct tp_object *objects[TP_MAX_WAITS];
    ULONG generations[TP_MAX_WAITS];
    handles[0] = service_event;
    for (;;) {
        host_lock_acquire(&tp_lock);
        uint64_t next = tp_fire_due();
        ULONG n = 0;
        for (struct tp_object *o = armed_waits; o && n < TP_MAX_WAITS; o = o->WaitNext) {
            tp_reference(o);
            objects[n] = o;
            generations[n] = o->WaitGeneration;
            handles[1 + n++] = o->WaitHandle;
        }
        host_lock_release(&tp_lock);
        LARGE_INTEGER timeout, *pt = NULL;
        if (next != UINT64_MAX) {
            uint64_t now = host_monotonic_ns();
            timeout.QuadPart = next > now ? -(LONGLONG)((next - now + 99) / 100) : 0;
            pt = &timeout;
        }
        ULONG status = (ULONG)NtWaitForMultipleObjects(n + 1, handles, WaitAny, FALSE, pt);
        host_lock_acquire(&tp_lock);
        if (status >= STATUS_WAIT_0 + 1 && status <= STATUS_WAIT_0 + n) {
            ULONG i = status - STATUS_WAIT_0 - 1;
            struct tp_object *o = objects[i];
            if (o->WaitSet && o->WaitGeneration == generations[i]) {
                tp_post(o, STATUS_WAIT_0);
                if (o->Rearm)
                    o->WaitDeadline = o->WaitTimeoutMs == TP_INFINITE ? UINT64_MAX
                                                                   : host_monotonic_ns() +
                                                                         (uint64_t)o->WaitTimeoutMs * 1000000;
                else
                    tp_disarm_wait(o);
            }
        } else if (status >= STATUS_ABANDONED_WAIT_0 + 1 && status <= STATUS_ABANDONED_WAIT_0 + n) {
            struct tp_object *o = objects[status - STATUS_ABANDONED_WAIT_0 - 1];
            if (o->WaitSet && o->WaitGeneration == generations[status - STATUS_ABANDONED_WAIT_0 - 1]) {
                tp_post(o, STATUS_ABANDONED_WAIT_0);
                tp_disarm_wait(o);
            }
        } else if (!NT_SUCCESS((NTSTATUS)status)) {
            /* A handle that cannot be waited on (closed, or not waitable): its wait is dropped. */
            LARGE_INTEGER zero = {.QuadPart = 0};
            for (ULONG i = 0; i < n; i++)
                if (!NT_SUCCESS(NtWaitForSingleObject(handles[1 + i], FALSE, &zero)) && objects[i]->WaitSet &&
                    objects[i]->WaitGeneration == generations[i])
                    tp_disarm_wait(objects[i]);
        }
        host_lock_release(&tp_lock);
        for (ULONG i = 0; i < n; i++)
            tp_dereference(objects[i]);
    }
    return 0;
}

/* Wakes the service thread (starting it the first time). tp_lock held. */
static void tp_kick_service(void)
{
    if (!service_started) {
        if (NtCreateEvent(&service_event, 0x1F0003, NULL, 1, FALSE) != STATUS_SUCCESS)
            return;
        HANDLE thread;
        if (NtCreateThreadEx(&thread, 0x1FFFFF, NULL, NtCurrentProcess(), (PVOID)tp_service, NULL, 0, 0, 0, 0,
                             NULL) != STATUS_SUCCESS)
            return;
        NtClose(thread);
        service_started = TRUE;
    }
    NtSetEvent(service_event, NULL);
}

/* Arms (due != NULL) or disarms the timer; returns whether it was set. */
static BOOL tp_set_timer(struct tp_object *o, const LARGE_INTEGER *due, LONG period, LONG window)
{
    (void)window;
    host_lock_acquire(&tp_lock);
    BOOL was_set = o->TimerSet;
    tp_disarm_timer(o);
    if (due) {
        o->Due = tp_deadline(due);
        o->Period = period > 0 ? (ULONG)period : 0;
        o->TimerSet = TRUE;
        tp_reference(o);
        o->TimerNext = armed_timers;
        armed_timers = o;
    }
    tp_kick_service();
    host_lock_release(&tp_lock);
    return was_set;
}

void WINAPI TpSetTimer(PVOID timer, LARGE_INTEGER *due, LONG period, LONG window)
{
    tp_set_timer(timer, due, period, window);
}

BOOL WINAPI TpSetTimerEx(PVOID timer, LARGE_INTEGER *due, LONG period, LONG window)
{
    return tp_set_timer(timer, due, period, window);
}

BOOL WINAPI TpIsTimerSet(PVOID timer)
{
    return ((struct tp_object *)timer)->TimerSet;
}

static BOOL tp_set_wait(struct tp_object *o, HANDLE handle, const LARGE_INTEGER *timeout)
{
    host_lock_acquire(&tp_lock);
    BOOL was_set = o->WaitSet;
    tp_disarm_wait(o);
    if (handle) {
        o->WaitHandle = handle;
        o->WaitDeadline = timeout ? tp_deadline(timeout) : UINT64_MAX;
        o->WaitSet = TRUE;
        tp_reference(o);
        o->WaitNext = armed_waits;
        armed_waits = o;
    }
    tp_kick_service();
    host_lock_release(&tp_lock);
    return was_set;
}

void WINAPI TpSetWait(PVOID wait, HANDLE handle, LARGE_INTEGER *timeout)
{
    tp_set_wait(wait, handle, timeout);
}

BOOL WINAPI TpSetWaitEx(PVOID wait, HANDLE handle, LARGE_INTEGER *timeout, PVOID reserved)
{
    (void)reserved;
    return tp_set_wait(wait, handle, timeout);
}

/* Close*: no new callbacks; queued and running ones still run, and the object goes after them. */
static void tp_release(struct tp_object *o)
{
    host_lock_acquire(&tp_lock);
    o->Released = TRUE;
    tp_disarm_timer(o);
    tp_disarm_wait(o);
    tp_group_remove(o);
    host_lock_release(&tp_lock);
    tp_dereference(o);
}

void WINAPI TpReleaseWork(PVOID work)
{
    tp_release(work);
}

void WINAPI TpReleaseTimer(PVOID timer)
{
    tp_release(timer);
}

void WINAPI TpReleaseWait(PVOID wait)
{
    tp_release(wait);
}

/* ---- callback instances ---------------------------------------------------------------------------------- */

NTSTATUS WINAPI TpCallbackMayRunLong(PVOID instance)
{
    struct tp_instance *inst = instance;
    struct tp_pool *pool = inst->Object->Pool;
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&tp_lock);
    if (!inst->MayRunLong) {
        inst->MayRunLong = TRUE;
        /* Another thread takes over the queue while this one runs long, if the pool may have one. */
        if (pool->Idle < pool->Pending + 1) {
            if (pool->Threads < pool->Max)
                tp_add_thread(pool);
            else
                status = STATUS_TOO_MANY_THREADS;
        }
    }
    host_lock_release(&tp_lock);
    return status;
}

void WINAPI TpCallbackSetEventOnCompletion(PVOID instance, HANDLE event)
{
    ((struct tp_instance *)instance)->Event = event;
}

void WINAPI TpCallbackReleaseSemaphoreOnCompletion(PVOID instance, HANDLE semaphore, LONG count)
{
    struct tp_instance *inst = instance;
    inst->Semaphore = semaphore;
    inst->SemaphoreCount = count;
}

void WINAPI TpCallbackReleaseMutexOnCompletion(PVOID instance, HANDLE mutex)
{
    ((struct tp_instance *)instance)->Mutex = mutex;
}

void WINAPI TpCallbackLeaveCriticalSectionOnCompletion(PVOID instance, PRTL_CRITICAL_SECTION section)
{
    ((struct tp_instance *)instance)->Section = section;
}

void WINAPI TpCallbackUnloadDllOnCompletion(PVOID instance, PVOID module)
{
    ((struct tp_instance *)instance)->Dll = module;
}

/* The callback no longer counts as the object's: WaitForThreadpool*Callbacks stops waiting for it. */
void WINAPI TpDisassociateCallback(PVOID instance)
{
    struct tp_instance *inst = instance;
    host_lock_acquire(&tp_lock);
    if (!inst->Disassociated) {
        inst->Disassociated = TRUE;
        inst->Object->Running--;
        tp_check_idle(inst->Object);
    }
    host_lock_release(&tp_lock);
}

/* ---- pools and cleanup groups ----------------------------------------------------------------------------- */

NTSTATUS WINAPI TpAllocPool(PVOID *out, PVOID reserved)
{
    (void)reserved;
    struct tp_pool *pool = calloc(1, sizeof *pool);
    if (!pool)
        return STATUS_NO_MEMORY;
    pool->Max = TP_DEFAULT_MAX;
    *out = pool;
    return STATUS_SUCCESS;
}

/* The workers end once the queue is empty. The pool itself is not freed: objects may still name it. */
void WINAPI TpReleasePool(PVOID p)
{
    struct tp_pool *pool = p;
    if (pool == &default_pool)
        return;
    host_lock_acquire(&tp_lock);
    pool->Released = TRUE;
    pool->Sequence++;
    host_futex_wake(&pool->Sequence, INT32_MAX);
    host_lock_release(&tp_lock);
}

void WINAPI TpSetPoolMaxThreads(PVOID p, ULONG max)
{
    struct tp_pool *pool = p;
    host_lock_acquire(&tp_lock);
    pool->Max = max ? max : 1;
    if (pool->Min > pool->Max)
        pool->Min = pool->Max;
    host_lock_release(&tp_lock);
}

BOOL WINAPI TpSetPoolMinThreads(PVOID p, ULONG min)
{
    struct tp_pool *pool = p;
    host_lock_acquire(&tp_lock);
    pool->Min = min;
    if (pool->Max < min)
        pool->Max = min;
    while (pool->Threads < pool->Min) {
        ULONG before = pool->Threads;
        tp_add_thread(pool);
        if (pool->Threads == before)
            break;
    }
    host_lock_release(&tp_lock);
    return TRUE;
}

NTSTATUS WINAPI TpAllocCleanupGroup(PVOID *out)
{
    struct tp_group *group = calloc(1, sizeof *group);
    if (!group)
        return STATUS_NO_MEMORY;
    *out = group;
    return STATUS_SUCCESS;
}

void WINAPI TpReleaseCleanupGroup(PVOID group)
{
    free(group);
}

/*
 * CloseThreadpoolCleanupGroupMembers: every member is released as if closed, after its queued callbacks
 * were dropped (cancel: the group's cancel callback runs for each object) or run, and its running ones
 * finished.
 */
void WINAPI TpReleaseCleanupGroupMembers(PVOID g, BOOL cancel, PVOID parameter)
{
    struct tp_group *group = g;
    host_lock_acquire(&tp_lock);
    struct tp_object *members = group->First;
    group->First = NULL;
    for (struct tp_object *o = members, *next; o; o = next) {
        next = o->GroupNext;
        o->Group = NULL;
        if (cancel && o->Kind != TP_SIMPLE_KIND) {
            tp_disarm_timer(o);
            tp_disarm_wait(o);
        }
    }
    host_lock_release(&tp_lock);
    for (struct tp_object *o = members, *next; o; o = next) {
        next = o->GroupNext;
        if (cancel && o->GroupCancel && o->Kind != TP_SIMPLE_KIND)
            ((group_cancel_callback)o->GroupCancel)(o->Context, parameter);
        tp_wait_callbacks(o, cancel);
        if (o->Kind == TP_SIMPLE_KIND)
            tp_dereference(o);
        else
            tp_release(o);
    }
}

/* ---- the older interfaces: work items, timer queues, registered waits ---------------------------------------- */

#define WT_EXECUTEONLYONCE 0x00000008

NTSTATUS WINAPI RtlQueueWorkItem(PVOID function, PVOID context, ULONG flags)
{
    (void)flags;
    struct tp_object *o;
    NTSTATUS status = tp_alloc(TP_SIMPLE_KIND, function, context, NULL, &o);
    if (status != STATUS_SUCCESS)
        return status;
    o->Legacy = TP_LEGACY_WORKITEM;
    host_lock_acquire(&tp_lock);
    status = tp_post(o, 0);
    host_lock_release(&tp_lock);
    tp_dereference(o);
    return status;
}

/*
 * Ends a legacy object (a registered wait or a timer-queue timer): completion NULL returns
 * STATUS_PENDING if a callback still runs; INVALID_HANDLE_VALUE waits for the callbacks; an event is
 * signaled once they are done and the object is gone.
 */
static NTSTATUS tp_legacy_delete(struct tp_object *o, HANDLE completion)
{
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&tp_lock);
    tp_disarm_timer(o);
    tp_disarm_wait(o);
    tp_group_remove(o);
    if (completion && completion != INVALID_HANDLE_VALUE)
        o->DoneEvent = completion;
    else if (!completion && o->Running)
        status = STATUS_PENDING;
    host_lock_release(&tp_lock);
    if (completion == INVALID_HANDLE_VALUE)
        tp_wait_callbacks(o, FALSE);
    tp_dereference(o);
    return status;
}

NTSTATUS WINAPI RtlRegisterWait(PHANDLE out, HANDLE object, PVOID callback, PVOID context, ULONG ms, ULONG flags)
{
    struct tp_object *o;
    NTSTATUS status = tp_alloc(TP_WAIT_KIND, callback, context, NULL, &o);
    if (status != STATUS_SUCCESS)
        return status;
    o->Legacy = TP_LEGACY_WAITORTIMER;
    o->Rearm = !(flags & WT_EXECUTEONLYONCE);
    o->WaitTimeoutMs = ms;
    LARGE_INTEGER t = {.QuadPart = -(LONGLONG)ms * 10000};
    tp_set_wait(o, object, ms == TP_INFINITE ? NULL : &t);
    *out = (HANDLE)o;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlDeregisterWaitEx(HANDLE wait, HANDLE completion)
{
    if (!wait)
        return STATUS_INVALID_HANDLE;
    return tp_legacy_delete((struct tp_object *)wait, completion);
}

NTSTATUS WINAPI RtlDeregisterWait(HANDLE wait)
{
    return RtlDeregisterWaitEx(wait, NULL);
}

/* A timer queue is a cleanup group of timers; NULL names the process's default queue. */
static struct tp_group default_queue;

static struct tp_group *tp_queue(HANDLE queue)
{
    return queue ? (struct tp_group *)queue : &default_queue;
}

NTSTATUS WINAPI RtlCreateTimerQueue(PHANDLE out)
{
    return TpAllocCleanupGroup((PVOID *)out);
}

NTSTATUS WINAPI RtlCreateTimer(HANDLE queue, PHANDLE out, PVOID callback, PVOID context, ULONG due, ULONG period,
                               ULONG flags)
{
    TP_ENVIRON env = {.Version = 1, .CleanupGroup = tp_queue(queue)};
    struct tp_object *o;
    NTSTATUS status = tp_alloc(TP_TIMER_KIND, callback, context, &env, &o);
    if (status != STATUS_SUCCESS)
        return status;
    o->Legacy = TP_LEGACY_WAITORTIMER;
    LARGE_INTEGER t = {.QuadPart = -(LONGLONG)due * 10000};
    tp_set_timer(o, &t, flags & WT_EXECUTEONLYONCE ? 0 : (LONG)period, 0);
    *out = (HANDLE)o;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlUpdateTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period)
{
    (void)queue;
    if (!timer)
        return STATUS_INVALID_PARAMETER;
    LARGE_INTEGER t = {.QuadPart = -(LONGLONG)due * 10000};
    tp_set_timer((struct tp_object *)timer, &t, (LONG)period, 0);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlDeleteTimer(HANDLE queue, HANDLE timer, HANDLE completion)
{
    (void)queue;
    if (!timer)
        return STATUS_INVALID_PARAMETER_2;
    return tp_legacy_delete((struct tp_object *)timer, completion);
}

/* Deletes every timer of the queue, then the queue; completion as for RtlDeleteTimer. */
NTSTATUS WINAPI RtlDeleteTimerQueueEx(HANDLE queue, HANDLE completion)
{
    if (!queue)
        return STATUS_INVALID_HANDLE;
    struct tp_group *group = queue;
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&tp_lock);
    struct tp_object *members = group->First;
    group->First = NULL;
    for (struct tp_object *o = members; o; o = o->GroupNext)
        o->Group = NULL;
    host_lock_release(&tp_lock);
    for (struct tp_object *o = members, *next; o; o = next) {
        next = o->GroupNext;
        /* The queue's event is for the queue as a whole: each timer is waited for here. */
        HANDLE each = completion && completion != INVALID_HANDLE_VALUE ? INVALID_HANDLE_VALUE : completion;
        if (tp_legacy_delete(o, each) == STATUS_PENDING)
            status = STATUS_PENDING;
    }
    free(group);
    if (completion && completion != INVALID_HANDLE_VALUE)
        NtSetEvent(completion, NULL);
    return status;
}

/* ---- thread-pool I/O ----------------------------------------------------------------------------------------- */

/*
 * Files given to CreateThreadpoolIo join one completion port of the process, with their TP_IO as the key;
 * a thread of the pool's own removes the packets and queues each as a callback request. StartThreadpoolIo
 * counts an operation to come (and holds a reference until its packet arrives or CancelThreadpoolIo);
 * a packet nothing was started for is dropped.
 */
static HANDLE io_port;

/* param: the port (io_port may not be stored yet when the thread starts). */
static ULONG WINAPI tp_io_thread(PVOID param)
{
    for (;;) {
        ULONG_PTR key, context;
        IO_STATUS_BLOCK iosb;
        if (NtRemoveIoCompletion((HANDLE)param, &key, &context, &iosb, NULL) != STATUS_SUCCESS)
            return 0;
        struct tp_object *o = (struct tp_object *)key;
        host_lock_acquire(&tp_lock);
        bool started = o->IoPending > 0;
        if (started) {
            o->IoPending--;
            struct tp_request *before = o->Pool->Tail;
            if (tp_post(o, (ULONG)iosb.Status) == STATUS_SUCCESS && o->Pool->Tail != before) {
                o->Pool->Tail->Overlapped = (PVOID)context;
                o->Pool->Tail->Information = iosb.Information;
            }
        }
        host_lock_release(&tp_lock);
        if (started)
            tp_dereference(o);     /* StartThreadpoolIo's */
    }
}

NTSTATUS WINAPI TpAllocIoCompletion(PVOID *out, HANDLE file, PVOID callback, PVOID context, PVOID env)
{
    if (!out || !callback)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&tp_lock);
    if (!io_port) {
        HANDLE port, thread;
        status = NtCreateIoCompletion(&port, IO_COMPLETION_ALL_ACCESS, NULL, 0);
        if (status == STATUS_SUCCESS &&
            (status = NtCreateThreadEx(&thread, 0x1FFFFF, NULL, NtCurrentProcess(), (PVOID)tp_io_thread, port, 0, 0,
                                       0, 0, NULL)) != STATUS_SUCCESS)
            NtClose(port);
        if (status == STATUS_SUCCESS) {
            NtClose(thread);
            io_port = port;
        }
    }
    host_lock_release(&tp_lock);
    if (status != STATUS_SUCCESS)
        return status;
    struct tp_object *o;
    if ((status = tp_alloc(TP_IO_KIND, callback, context, env, &o)) != STATUS_SUCCESS)
        return status;
    FILE_COMPLETION_INFORMATION info = {io_port, (ULONG_PTR)o};
    IO_STATUS_BLOCK iosb;
    status = NtSetInformationFile(file, &iosb, &info, sizeof info, FileCompletionInformation);
    if (status != STATUS_SUCCESS) {
        tp_release(o);
        return status;
    }
    *out = o;
    return STATUS_SUCCESS;
}

void WINAPI TpStartAsyncIoOperation(PVOID io)
{
    struct tp_object *o = io;
    tp_reference(o);
    host_lock_acquire(&tp_lock);
    o->IoPending++;
    host_lock_release(&tp_lock);
}

void WINAPI TpCancelAsyncIoOperation(PVOID io)
{
    struct tp_object *o = io;
    host_lock_acquire(&tp_lock);
    bool started = o->IoPending > 0;
    if (started)
        o->IoPending--;
    host_lock_release(&tp_lock);
    if (started)
        tp_dereference(o);
}

void WINAPI TpWaitForIoCompletion(PVOID io, BOOL cancel)
{
    tp_wait_callbacks(io, cancel);
}

void WINAPI TpReleaseIoCompletion(PVOID io)
{
    tp_release(io);
}
