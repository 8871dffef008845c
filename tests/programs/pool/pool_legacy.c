/* The older pool interfaces: QueueUserWorkItem, timer queues, RegisterWaitForSingleObject. */
#include <stdio.h>
#include <windows.h>

static volatile LONG items;
static HANDLE items_done;

static DWORD WINAPI work_item(void *ctx)
{
    if (InterlockedIncrement(&items) == 200)
        SetEvent(items_done);
    return (DWORD)(ULONG_PTR)ctx;
}

static void work_items(void)
{
    items_done = CreateEventA(NULL, TRUE, FALSE, NULL);
    int failures = 0;
    for (int i = 0; i < 200; i++)
        if (!QueueUserWorkItem(work_item, (void *)(ULONG_PTR)i, WT_EXECUTEDEFAULT))
            failures++;
    DWORD w = WaitForSingleObject(items_done, 10000);
    Sleep(50);
    printf("QueueUserWorkItem x200: failures=%d wait=%lu items=%ld\n", failures, w, items);
}

static volatile LONG ticks, oneshot, fired_flags;

static void CALLBACK tick(void *ctx, BOOLEAN fired)
{
    InterlockedIncrement((volatile LONG *)ctx);
    if (fired)
        InterlockedIncrement(&fired_flags);
}

static void timer_queues(void)
{
    HANDLE queue = CreateTimerQueue();
    printf("queue created: %d\n", queue != NULL);
    HANDLE periodic = NULL, once = NULL;
    BOOL ok1 = CreateTimerQueueTimer(&periodic, queue, tick, (void *)&ticks, 50, 50, WT_EXECUTEDEFAULT);
    BOOL ok2 = CreateTimerQueueTimer(&once, queue, tick, (void *)&oneshot, 30, 0, WT_EXECUTEONLYONCE);
    Sleep(525);
    BOOL del = DeleteTimerQueueTimer(queue, periodic, INVALID_HANDLE_VALUE);
    LONG n = ticks;
    printf("timers created: %d %d; periodic deleted: %d\n", ok1, ok2, del);
    printf("periodic 50 ms timer over 525 ms: ticks>=6:%d ticks<=12:%d one-shot=%ld all_fired_true=%d\n", n >= 6,
           n <= 12, oneshot, fired_flags == n + oneshot);
    Sleep(150);
    printf("no tick after deleting: %d\n", ticks == n);

    /* ChangeTimerQueueTimer: the one-shot timer runs again. */
    HANDLE again = NULL;
    oneshot = 0;
    CreateTimerQueueTimer(&again, queue, tick, (void *)&oneshot, 10000, 0, 0);
    BOOL changed = ChangeTimerQueueTimer(queue, again, 20, 0);
    Sleep(300);
    printf("changed to 20 ms: ret=%d runs=%ld\n", changed, oneshot);

    HANDLE done = CreateEventA(NULL, TRUE, FALSE, NULL);
    /* Windows answers TRUE, or FALSE with ERROR_IO_PENDING (Wine's conformance tests accept both). */
    BOOL qdel = DeleteTimerQueueEx(queue, done) || GetLastError() == ERROR_IO_PENDING;
    DWORD w = WaitForSingleObject(done, 5000);
    printf("queue deleted: ok=%d completion_event=%lu\n", qdel, w);

    /* The default queue (NULL). */
    HANDLE t = NULL;
    ticks = 0;
    CreateTimerQueueTimer(&t, NULL, tick, (void *)&ticks, 10, 0, 0);
    Sleep(200);
    printf("default queue: runs=%ld deleted=%d\n", ticks, DeleteTimerQueueTimer(NULL, t, INVALID_HANDLE_VALUE));
}

static volatile LONG wait_calls, wait_timeouts;
static HANDLE callback_done;

static void CALLBACK waited(void *ctx, BOOLEAN timed_out)
{
    (void)ctx;
    InterlockedIncrement(&wait_calls);
    if (timed_out)
        InterlockedIncrement(&wait_timeouts);
    SetEvent(callback_done);
}

static void registered_waits(void)
{
    callback_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE wait = NULL;
    BOOL ok = RegisterWaitForSingleObject(&wait, ev, waited, NULL, INFINITE, WT_EXECUTEONLYONCE);
    Sleep(100);
    printf("registered, nothing signaled: ret=%d calls=%ld\n", ok, wait_calls);
    SetEvent(ev);
    DWORD w = WaitForSingleObject(callback_done, 5000);
    Sleep(50);
    SetEvent(ev);
    Sleep(150);
    printf("WT_EXECUTEONLYONCE, signaled twice: wait=%lu calls=%ld timeouts=%ld\n", w, wait_calls, wait_timeouts);
    printf("unregistered: %d\n", UnregisterWaitEx(wait, INVALID_HANDLE_VALUE));

    /* Without WT_EXECUTEONLYONCE, every signal of an auto-reset event runs the callback. */
    wait_calls = 0;
    ResetEvent(ev);
    ok = RegisterWaitForSingleObject(&wait, ev, waited, NULL, INFINITE, WT_EXECUTEDEFAULT);
    for (int i = 0; i < 3; i++) {
        SetEvent(ev);
        WaitForSingleObject(callback_done, 5000);
        Sleep(30);
    }
    printf("repeating wait, 3 signals: ret=%d calls=%ld\n", ok, wait_calls);
    printf("unregistered: %d\n", UnregisterWaitEx(wait, INVALID_HANDLE_VALUE));

    /* A timeout: the callback runs with TimerOrWaitFired TRUE. */
    wait_calls = 0;
    wait_timeouts = 0;
    DWORD t0 = GetTickCount();
    ok = RegisterWaitForSingleObject(&wait, ev, waited, NULL, 100, WT_EXECUTEONLYONCE);
    w = WaitForSingleObject(callback_done, 5000);
    DWORD took = GetTickCount() - t0;
    Sleep(50);
    printf("timeout: ret=%d wait=%lu calls=%ld timeouts=%ld after>=80ms:%d\n", ok, w, wait_calls, wait_timeouts,
           took >= 80);
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok = UnregisterWaitEx(wait, done);
    printf("unregistered with an event: ret=%d event=%lu\n", ok, WaitForSingleObject(done, 5000));
    CloseHandle(ev);
}

int main(void)
{
    work_items();
    timer_queues();
    registered_waits();
    return 0;
}
