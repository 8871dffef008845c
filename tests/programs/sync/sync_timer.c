/* Waitable timers: periodic ticks counted in a window, manual and synchronization timers, absolute due
 * times, completion routines as APCs to the setting thread, cancel. Times are printed as booleans. */
#include <windows.h>
#include <stdio.h>

#ifndef CREATE_WAITABLE_TIMER_HIGH_RESOLUTION
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2
#endif

static volatile LONG routine_calls;
static void *routine_arg;
static DWORD routine_thread;

static void CALLBACK on_timer(void *arg, DWORD low, DWORD high)
{
    (void)low;
    (void)high;
    routine_arg = arg;
    routine_thread = GetCurrentThreadId();
    InterlockedIncrement(&routine_calls);
}

static HANDLE shared_timer;
static volatile LONG woken;

static DWORD WINAPI timer_waiter(void *arg)
{
    (void)arg;
    if (WaitForSingleObject(shared_timer, 5000) == WAIT_OBJECT_0)
        InterlockedIncrement(&woken);
    return 0;
}

int main(void)
{
    /* a synchronization timer with a 20 ms period: count ticks in 500 ms */
    HANDLE t = CreateWaitableTimerW(NULL, FALSE, NULL);
    printf("create: %d\n", t != NULL);
    LARGE_INTEGER due = {.QuadPart = -20 * 10000};
    printf("set periodic: %d\n", SetWaitableTimer(t, &due, 20, NULL, NULL, FALSE));
    ULONGLONG t0 = GetTickCount64();
    int ticks = 0, timeouts = 0;
    while (GetTickCount64() - t0 < 500) {
        if (WaitForSingleObject(t, 1000) == WAIT_OBJECT_0)
            ticks++;
        else
            timeouts++;
    }
    printf("ticks in 500 ms: at least 15 %d, at most 30 %d, timeouts %d\n", ticks >= 15, ticks <= 30, timeouts);
    printf("cancel: %d\n", CancelWaitableTimer(t));
    printf("after cancel: %lx\n", WaitForSingleObject(t, 100));
    CloseHandle(t);

    /* a manual-reset timer stays signaled; re-setting it resets it */
    t = CreateWaitableTimerExW(NULL, NULL, CREATE_WAITABLE_TIMER_MANUAL_RESET | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION,
                               TIMER_ALL_ACCESS);
    printf("create high resolution manual: %d\n", t != NULL);
    due.QuadPart = -50 * 10000;
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    printf("before due: %lx\n", WaitForSingleObject(t, 0));
    t0 = GetTickCount64();
    DWORD r = WaitForSingleObject(t, 2000);
    ULONGLONG dt = GetTickCount64() - t0;
    printf("due: %lx, after at least 40 ms %d, under 1 s %d\n", r, dt >= 40, dt < 1000);
    r = WaitForSingleObject(t, 0);
    printf("still signaled: %lx\n", r);
    due.QuadPart = -10000000;
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    printf("reset by set: %lx\n", WaitForSingleObject(t, 0));
    CancelWaitableTimer(t);

    /* a manual timer wakes every waiter; an absolute due time */
    shared_timer = t;
    HANDLE h[8];
    for (int i = 0; i < 8; i++)
        h[i] = CreateThread(NULL, 0, timer_waiter, NULL, 0, NULL);
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    due.QuadPart = (LONGLONG)(((ULONGLONG)ft.dwHighDateTime << 32 | ft.dwLowDateTime) + 100 * 10000);
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    WaitForMultipleObjects(8, h, TRUE, INFINITE);
    for (int i = 0; i < 8; i++)
        CloseHandle(h[i]);
    printf("absolute: waiters woken %ld\n", woken);
    CloseHandle(t);

    /* a synchronization timer releases one waiter per expiry */
    t = CreateWaitableTimerA(NULL, FALSE, NULL);
    shared_timer = t;
    woken = 0;
    for (int i = 0; i < 4; i++)
        h[i] = CreateThread(NULL, 0, timer_waiter, NULL, 0, NULL);
    Sleep(100);
    due.QuadPart = -10 * 10000;
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    Sleep(300);
    printf("synchronization timer: woken %ld\n", woken);
    due.QuadPart = -10 * 10000;
    SetWaitableTimer(t, &due, 100, NULL, NULL, FALSE);
    WaitForMultipleObjects(4, h, TRUE, INFINITE);
    printf("periodic: all woken %ld\n", woken);
    CancelWaitableTimer(t);
    for (int i = 0; i < 4; i++)
        CloseHandle(h[i]);

    /* completion routine: an APC to the setting thread, run only in its alertable waits */
    due.QuadPart = -10 * 10000;
    SetWaitableTimer(t, &due, 10, on_timer, (void *)0x1234, FALSE);
    Sleep(100);
    printf("after non-alertable sleep: calls %ld\n", routine_calls);
    int io = 0;
    for (int i = 0; i < 5; i++)
        if (SleepEx(INFINITE, TRUE) == WAIT_IO_COMPLETION)
            io++;
    CancelWaitableTimer(t);
    printf("alertable sleeps: %d io completions, calls at least 5 %d, arg %p, on this thread %d\n", io,
           routine_calls >= 5, routine_arg, routine_thread == GetCurrentThreadId());
    SleepEx(0, TRUE);
    LONG calls = routine_calls;
    Sleep(100);
    r = SleepEx(50, TRUE);
    printf("after cancel: %lx, no new calls %d\n", r, routine_calls == calls);

    /* named timers */
    HANDLE n1 = CreateWaitableTimerW(NULL, TRUE, L"ntexec-test-timer");
    HANDLE n2 = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"ntexec-test-timer");
    due.QuadPart = -1;
    SetWaitableTimer(n1, &due, 0, NULL, NULL, FALSE);
    printf("named: opened %d, signaled through the other handle %lx\n", n2 != NULL, WaitForSingleObject(n2, 1000));
    SetLastError(0);
    HANDLE n3 = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"ntexec-no-such-timer");
    printf("open missing: %d error %lu\n", n3 != NULL, GetLastError());
    return 0;
}
