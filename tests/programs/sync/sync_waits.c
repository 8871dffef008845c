/* Kernel objects under contention: a wait must wake only when its object lets it, a release must never be
 * lost, a WaitAll takes every object at once, an owner's exit abandons its mutex. A broken dispatcher shows
 * as wrong counts, wrong wait results or a hang (the runner's timeout). */
#include <windows.h>
#include <stdio.h>

#define IDLE 32
#define PINGS 5000

static HANDLE ping, pong, idle, sem, mtx, ev;
static volatile LONG idle_woken, inside, violations, total;

static DWORD WINAPI idle_waiter(void *arg)
{
    (void)arg;
    DWORD r = WaitForSingleObject(idle, 30000);
    if (r == WAIT_OBJECT_0)
        InterlockedIncrement(&idle_woken);
    return r;
}

static DWORD WINAPI ponger(void *arg)
{
    (void)arg;
    for (int i = 0; i < PINGS; i++) {
        if (WaitForSingleObject(ping, 10000) != WAIT_OBJECT_0)
            return 1;
        SetEvent(pong);
    }
    return 0;
}

/* 16 threads: 8 release one unit at a time, 8 take them; nothing may be lost. */
#define SEM_THREADS 16
#define SEM_ROUNDS 2000
static volatile LONG sem_taken, sem_timeouts;

static DWORD WINAPI sem_worker(void *arg)
{
    int id = (int)(INT_PTR)arg;
    for (int i = 0; i < SEM_ROUNDS; i++) {
        if (id % 2) {
            if (!ReleaseSemaphore(sem, 1, NULL))
                return GetLastError();
        } else if (WaitForSingleObject(sem, 10000) == WAIT_OBJECT_0) {
            InterlockedIncrement(&sem_taken);
        } else {
            InterlockedIncrement(&sem_timeouts);
        }
    }
    return 0;
}

/* WaitAll over a mutex, a semaphore and an auto-reset event: all three or nothing. */
#define ALL_THREADS 8
#define ALL_ROUNDS 400

static DWORD WINAPI all_worker(void *arg)
{
    (void)arg;
    HANDLE objs[3] = {mtx, sem, ev};
    for (int i = 0; i < ALL_ROUNDS; i++) {
        DWORD r = WaitForMultipleObjects(3, objs, TRUE, 10000);
        if (r != WAIT_OBJECT_0)
            return r;
        if (InterlockedIncrement(&inside) != 1)
            InterlockedIncrement(&violations);
        total++;
        InterlockedDecrement(&inside);
        SetEvent(ev);
        ReleaseSemaphore(sem, 1, NULL);
        ReleaseMutex(mtx);
    }
    return 0;
}

/* WaitAny on the same objects from other threads at the same time: each takes one object alone. */
static DWORD WINAPI any_worker(void *arg)
{
    (void)arg;
    HANDLE objs[2] = {sem, ev};
    for (int i = 0; i < ALL_ROUNDS; i++) {
        DWORD r = WaitForMultipleObjects(2, objs, FALSE, 10000);
        if (r == WAIT_OBJECT_0)
            ReleaseSemaphore(sem, 1, NULL);
        else if (r == WAIT_OBJECT_0 + 1)
            SetEvent(ev);
        else
            return r;
    }
    return 0;
}

static DWORD WINAPI take_and_exit(void *arg)
{
    return WaitForSingleObject((HANDLE)arg, 0);
}

static DWORD WINAPI pulse_waiter(void *arg)
{
    DWORD r = WaitForSingleObject((HANDLE)arg, 5000);
    if (r == WAIT_OBJECT_0)
        InterlockedIncrement(&idle_woken);
    return r;
}

static void join(HANDLE *h, int n, const char *what)
{
    DWORD codes = 0;
    for (int i = 0; i < n; i += 64)
        WaitForMultipleObjects(n - i < 64 ? n - i : 64, h + i, TRUE, INFINITE);
    for (int i = 0; i < n; i++) {
        DWORD c;
        GetExitCodeThread(h[i], &c);
        codes |= c;
        CloseHandle(h[i]);
    }
    printf("%s: exit codes or'ed %lu\n", what, codes);
}

int main(void)
{
    HANDLE h[64];

    /* ping-pong beside 32 idle waiters that must stay asleep */
    ping = CreateEventW(NULL, FALSE, FALSE, NULL);
    pong = CreateEventW(NULL, FALSE, FALSE, NULL);
    idle = CreateEventW(NULL, TRUE, FALSE, NULL);
    for (int i = 0; i < IDLE; i++)
        h[i] = CreateThread(NULL, 0, idle_waiter, NULL, 0, NULL);
    h[IDLE] = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
    int pongs = 0;
    for (int i = 0; i < PINGS; i++) {
        SetEvent(ping);
        if (WaitForSingleObject(pong, 10000) == WAIT_OBJECT_0)
            pongs++;
    }
    printf("ping-pong: %d pongs, idle woken during it %ld\n", pongs, idle_woken);
    SetEvent(idle);
    join(h, IDLE + 1, "ping-pong");
    printf("idle woken at the end %ld\n", idle_woken);

    /* semaphore from 16 threads */
    sem = CreateSemaphoreW(NULL, 0, SEM_THREADS * SEM_ROUNDS, NULL);
    for (int i = 0; i < SEM_THREADS; i++)
        h[i] = CreateThread(NULL, 0, sem_worker, (void *)(INT_PTR)i, 0, NULL);
    join(h, SEM_THREADS, "semaphore");
    LONG prev = -1;
    DWORD r = WaitForSingleObject(sem, 0);
    printf("semaphore: taken %ld, timeouts %ld, left: wait %lx\n", sem_taken, sem_timeouts, r);
    BOOL ok = ReleaseSemaphore(sem, 1, &prev);
    printf("release 1: %d previous %ld\n", ok, prev);
    CloseHandle(sem);

    /* WaitAll over mixed objects, against WaitAny */
    mtx = CreateMutexW(NULL, FALSE, NULL);
    sem = CreateSemaphoreW(NULL, 2, 2, NULL);
    ev = CreateEventW(NULL, FALSE, TRUE, NULL);
    for (int i = 0; i < ALL_THREADS; i++)
        h[i] = CreateThread(NULL, 0, i % 4 == 3 ? any_worker : all_worker, NULL, 0, NULL);
    join(h, ALL_THREADS, "waitall");
    printf("waitall: total %ld, violations %ld\n", total, violations);
    prev = -1;
    r = WaitForSingleObject(ev, 0);
    ok = ReleaseSemaphore(sem, 1, &prev);
    printf("after: event %lx, semaphore release %d previous %ld", r, ok, prev);
    printf(", mutex %lx\n", WaitForSingleObject(mtx, 0));
    ReleaseMutex(mtx);

    /* duplicates: refused in WaitAll, allowed in WaitAny */
    HANDLE dup[2] = {ev, ev};
    SetEvent(ev);
    SetLastError(0);
    r = WaitForMultipleObjects(2, dup, TRUE, 0);
    printf("waitall duplicate: %lx error %lu\n", r, GetLastError());
    SetEvent(ev);
    printf("waitany duplicate: %lx\n", WaitForMultipleObjects(2, dup, FALSE, 0));
    SetLastError(0);
    r = WaitForMultipleObjects(65, h, FALSE, 0);
    printf("65 objects: %lx error %lu\n", r, GetLastError());

    /* mutex: recursion, not owner, abandonment */
    HANDLE m = CreateMutexW(NULL, TRUE, NULL);
    r = WaitForSingleObject(m, 0);
    printf("recursive: %lx %lx\n", r, WaitForSingleObject(m, 0));
    for (int i = 0; i < 3; i++)
        printf("release %d: %d\n", i + 1, ReleaseMutex(m));
    SetLastError(0);
    ok = ReleaseMutex(m);
    printf("release 4: %d error %lu\n", ok, GetLastError());
    HANDLE t = CreateThread(NULL, 0, take_and_exit, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    DWORD code;
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    HANDLE pair[2] = {ev, m};
    ResetEvent(ev);
    r = WaitForMultipleObjects(2, pair, FALSE, 0);
    printf("abandoned: taker got %lx, waitany %lx", code, r);
    printf(", again %lx\n", WaitForSingleObject(m, 0));
    ReleaseMutex(m);
    ReleaseMutex(m);
    t = CreateThread(NULL, 0, take_and_exit, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    SetEvent(ev);
    printf("abandoned in waitall: %lx\n", WaitForMultipleObjects(2, pair, TRUE, 0));
    ReleaseMutex(m);

    /* PulseEvent: wakes the threads waiting now, leaves the event reset */
    HANDLE pe = CreateEventW(NULL, TRUE, FALSE, NULL);
    idle_woken = 0;
    for (int i = 0; i < 4; i++)
        h[i] = CreateThread(NULL, 0, pulse_waiter, pe, 0, NULL);
    Sleep(300);
    printf("pulse: %d\n", PulseEvent(pe));
    join(h, 4, "pulse");
    printf("pulse: woken %ld, state after %lx\n", idle_woken, WaitForSingleObject(pe, 0));
    HANDLE pa = CreateEventW(NULL, FALSE, FALSE, NULL);
    idle_woken = 0;
    for (int i = 0; i < 3; i++)
        h[i] = CreateThread(NULL, 0, pulse_waiter, pa, 0, NULL);
    Sleep(300);
    PulseEvent(pa);
    Sleep(300);
    printf("auto pulse: woken %ld, state after %lx\n", idle_woken, WaitForSingleObject(pa, 0));
    SetEvent(pa);
    SetEvent(pa);
    join(h, 3, "auto pulse");

    /* timeouts */
    ULONGLONG t0 = GetTickCount64();
    r = WaitForSingleObject(pe, 100);
    ULONGLONG dt = GetTickCount64() - t0;
    printf("timeout: %lx, at least 90 ms %d, under 1 s %d\n", r, dt >= 90, dt < 1000);
    t0 = GetTickCount64();
    HANDLE two[2] = {pe, pa};
    r = WaitForMultipleObjects(2, two, TRUE, 50);
    dt = GetTickCount64() - t0;
    printf("waitall timeout: %lx, at least 40 ms %d, under 1 s %d\n", r, dt >= 40, dt < 1000);
    return 0;
}
