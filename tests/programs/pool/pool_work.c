/* Thread-pool work, timers, waits, callback instances and cleanup groups (CreateThreadpool*). */
#include <stdio.h>
#include <windows.h>

#define ITEMS 1000
#define SUBMITTERS 8

static volatile LONG seen[ITEMS];
static volatile LONG done_count;
static HANDLE all_done;

static void CALLBACK count_item(PTP_CALLBACK_INSTANCE inst, void *ctx)
{
    (void)inst;
    InterlockedIncrement(&seen[(ULONG_PTR)ctx]);
    if (InterlockedIncrement(&done_count) == ITEMS)
        SetEvent(all_done);
}

static DWORD WINAPI submitter(void *arg)
{
    int base = (int)(ULONG_PTR)arg * (ITEMS / SUBMITTERS);
    int failures = 0;
    for (int i = 0; i < ITEMS / SUBMITTERS; i++)
        if (!TrySubmitThreadpoolCallback(count_item, (void *)(ULONG_PTR)(base + i), NULL))
            failures++;
    return failures;
}

static void simple_callbacks(void)
{
    all_done = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t[SUBMITTERS];
    for (int i = 0; i < SUBMITTERS; i++)
        t[i] = CreateThread(NULL, 0, submitter, (void *)(ULONG_PTR)i, 0, NULL);
    WaitForMultipleObjects(SUBMITTERS, t, TRUE, INFINITE);
    DWORD failures = 0;
    for (int i = 0; i < SUBMITTERS; i++) {
        DWORD code;
        GetExitCodeThread(t[i], &code);
        failures += code;
        CloseHandle(t[i]);
    }
    DWORD w = WaitForSingleObject(all_done, 20000);
    Sleep(50);
    int once = 0, other = 0;
    for (int i = 0; i < ITEMS; i++)
        seen[i] == 1 ? once++ : other++;
    printf("1000 callbacks from 8 submitters: wait=%lu submit_failures=%lu once=%d other=%d total=%ld\n", w, failures,
           once, other, done_count);
}

static volatile LONG work_runs, slow_finished;

static void CALLBACK work_count(PTP_CALLBACK_INSTANCE inst, void *ctx, PTP_WORK work)
{
    (void)inst;
    (void)ctx;
    (void)work;
    InterlockedIncrement(&work_runs);
}

static void CALLBACK work_slow(PTP_CALLBACK_INSTANCE inst, void *ctx, PTP_WORK work)
{
    (void)inst;
    (void)work;
    Sleep((DWORD)(ULONG_PTR)ctx);
    InterlockedIncrement(&slow_finished);
}

static HANDLE gate, started;

static void CALLBACK work_gated(PTP_CALLBACK_INSTANCE inst, void *ctx, PTP_WORK work)
{
    (void)inst;
    (void)ctx;
    (void)work;
    SetEvent(started);
    WaitForSingleObject(gate, INFINITE);
    InterlockedIncrement(&work_runs);
}

static DWORD WINAPI open_gate_later(void *arg)
{
    (void)arg;
    Sleep(200);
    SetEvent(gate);
    return 0;
}

static void work_objects(void)
{
    PTP_WORK work = CreateThreadpoolWork(work_count, NULL, NULL);
    for (int i = 0; i < 1000; i++)
        SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    printf("one work object submitted 1000 times: runs=%ld\n", work_runs);
    CloseThreadpoolWork(work);

    /* WaitForThreadpoolWorkCallbacks waits for callbacks that are still running. */
    work = CreateThreadpoolWork(work_slow, (void *)300, NULL);
    SubmitThreadpoolWork(work);
    SubmitThreadpoolWork(work);
    DWORD t0 = GetTickCount();
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    DWORD took = GetTickCount() - t0;
    printf("wait for two 300 ms callbacks: finished=%ld waited>=250ms:%d\n", slow_finished, took >= 250);
    CloseThreadpoolWork(work);

    /* A private pool of one thread: with the first callback blocked, cancelling drops the queued ones. */
    PTP_POOL pool = CreateThreadpool(NULL);
    SetThreadpoolThreadMaximum(pool, 1);
    BOOL min_ok = SetThreadpoolThreadMinimum(pool, 1);
    TP_CALLBACK_ENVIRON env;
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackPool(&env, pool);
    gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    started = CreateEventA(NULL, TRUE, FALSE, NULL);
    work_runs = 0;
    work = CreateThreadpoolWork(work_gated, NULL, &env);
    for (int i = 0; i < 10; i++)
        SubmitThreadpoolWork(work);
    WaitForSingleObject(started, INFINITE);
    /* The gate opens 200 ms later, while WaitForThreadpoolWorkCallbacks has cancelled the 9 queued
     * callbacks and waits for the running one. */
    HANDLE opener = CreateThread(NULL, 0, open_gate_later, NULL, 0, NULL);
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    WaitForSingleObject(opener, INFINITE);
    CloseHandle(opener);
    printf("private pool of 1 thread: min_ok=%d runs after cancelling=%ld\n", min_ok, work_runs);
    CloseThreadpoolWork(work);
    CloseThreadpool(pool);
}

static volatile LONG ticks;

static void CALLBACK timer_tick(PTP_CALLBACK_INSTANCE inst, void *ctx, PTP_TIMER timer)
{
    (void)inst;
    (void)timer;
    InterlockedIncrement(&ticks);
    if (ctx)
        SetEvent(ctx);
}

static void relative_ms(FILETIME *ft, LONGLONG ms)
{
    ULARGE_INTEGER u;
    u.QuadPart = (ULONGLONG)(-ms * 10000);
    ft->dwLowDateTime = u.LowPart;
    ft->dwHighDateTime = u.HighPart;
}

static void timers(void)
{
    PTP_TIMER timer = CreateThreadpoolTimer(timer_tick, NULL, NULL);
    printf("timer set before SetThreadpoolTimer: %d\n", IsThreadpoolTimerSet(timer));
    FILETIME due;
    relative_ms(&due, 50);
    SetThreadpoolTimer(timer, &due, 50, 0);
    printf("timer set after: %d\n", IsThreadpoolTimerSet(timer));
    Sleep(525);
    SetThreadpoolTimer(timer, NULL, 0, 0);
    printf("timer set after cancelling: %d\n", IsThreadpoolTimerSet(timer));
    WaitForThreadpoolTimerCallbacks(timer, TRUE);
    LONG n = ticks;
    printf("periodic 50 ms timer over 525 ms: ticks>=6:%d ticks<=12:%d\n", n >= 6, n <= 12);
    Sleep(150);
    printf("no tick after cancelling: %d\n", ticks == n);
    CloseThreadpoolTimer(timer);

    /* A one-shot timer due at once (a zero due time). */
    HANDLE fired = CreateEventA(NULL, FALSE, FALSE, NULL);
    ticks = 0;
    timer = CreateThreadpoolTimer(timer_tick, fired, NULL);
    FILETIME zero = {0, 0};
    SetThreadpoolTimer(timer, &zero, 0, 0);
    DWORD w = WaitForSingleObject(fired, 5000);
    WaitForThreadpoolTimerCallbacks(timer, FALSE);
    Sleep(100);
    printf("one-shot timer: wait=%lu ticks=%ld\n", w, ticks);
    CloseThreadpoolTimer(timer);
    CloseHandle(fired);
}

static volatile LONG wait_results[4];
static volatile LONG wait_calls;

static void CALLBACK wait_done(PTP_CALLBACK_INSTANCE inst, void *ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    (void)wait;
    LONG i = InterlockedIncrement(&wait_calls) - 1;
    if (i < 4)
        wait_results[i] = (LONG)result;
    SetEventWhenCallbackReturns(inst, (HANDLE)ctx);
}

static void waits(void)
{
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    PTP_WAIT wait = CreateThreadpoolWait(wait_done, done, NULL);
    SetThreadpoolWait(wait, ev, NULL);
    Sleep(100);
    printf("wait armed, nothing signaled: calls=%ld\n", wait_calls);
    SetEvent(ev);
    DWORD w1 = WaitForSingleObject(done, 5000);
    WaitForThreadpoolWaitCallbacks(wait, FALSE);
    /* A wait is one-shot: signaling again does nothing until it is set again. */
    SetEvent(ev);
    Sleep(100);
    printf("wait on an event: done=%lu calls=%ld result=%ld\n", w1, wait_calls, wait_results[0]);

    FILETIME timeout;
    relative_ms(&timeout, 100);
    ResetEvent(ev);
    DWORD t0 = GetTickCount();
    SetThreadpoolWait(wait, ev, &timeout);
    DWORD w2 = WaitForSingleObject(done, 5000);
    DWORD took = GetTickCount() - t0;
    WaitForThreadpoolWaitCallbacks(wait, FALSE);
    printf("wait timing out: done=%lu calls=%ld result=%ld after>=80ms:%d\n", w2, wait_calls, wait_results[1],
           took >= 80);

    /* A zero timeout times out at once ("If this parameter points to 0, the wait times out immediately"). */
    FILETIME now = {0, 0};
    SetThreadpoolWait(wait, ev, &now);
    DWORD w4 = WaitForSingleObject(done, 5000);
    WaitForThreadpoolWaitCallbacks(wait, FALSE);
    printf("zero timeout, unsignaled object: done=%lu calls=%ld result=%ld\n", w4, wait_calls, wait_results[2]);

    /* Cancelled by SetThreadpoolWait(NULL) before the event is signaled. */
    SetThreadpoolWait(wait, ev, NULL);
    SetThreadpoolWait(wait, NULL, NULL);
    SetEvent(ev);
    Sleep(150);
    printf("cancelled wait: calls=%ld\n", wait_calls);
    CloseThreadpoolWait(wait);
    CloseHandle(ev);
    CloseHandle(done);
}

static volatile LONG group_runs, cancel_calls;

static void CALLBACK group_work(PTP_CALLBACK_INSTANCE inst, void *ctx, PTP_WORK work)
{
    (void)work;
    (void)ctx;
    BOOL may = CallbackMayRunLong(inst);
    Sleep(20);
    if (may)
        InterlockedIncrement(&group_runs);
}

static void CALLBACK group_cancel(void *object_ctx, void *cleanup_ctx)
{
    (void)object_ctx;
    (void)cleanup_ctx;
    InterlockedIncrement(&cancel_calls);
}

static void groups(void)
{
    PTP_CLEANUP_GROUP group = CreateThreadpoolCleanupGroup();
    TP_CALLBACK_ENVIRON env;
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackCleanupGroup(&env, group, group_cancel);
    for (int i = 0; i < 4; i++) {
        PTP_WORK w = CreateThreadpoolWork(group_work, NULL, &env);
        SubmitThreadpoolWork(w);
        SubmitThreadpoolWork(w);
    }
    CloseThreadpoolCleanupGroupMembers(group, FALSE, NULL);
    printf("cleanup group members closed: runs=%ld cancel_callbacks=%ld\n", group_runs, cancel_calls);
    CloseThreadpoolCleanupGroup(group);
}

int main(void)
{
    simple_callbacks();
    work_objects();
    timers();
    waits();
    groups();
    return 0;
}
