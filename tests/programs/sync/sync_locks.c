/* SRW locks, critical sections and condition variables under contention: lost updates, torn reads,
 * missed wake-ups and wrong timeouts show up as wrong counts (or a hang the test runner times out). */
#include <windows.h>
#include <stdio.h>

#define THREADS 16
#define ROUNDS 20000

static SRWLOCK srw = SRWLOCK_INIT;
static CRITICAL_SECTION cs;
static volatile long counter, pair_a, pair_b, torn, shared_inside, shared_max;

static void run(LPTHREAD_START_ROUTINE fn, int n)
{
    HANDLE h[64];
    for (int i = 0; i < n; i++)
        h[i] = CreateThread(NULL, 0, fn, (void *)(INT_PTR)i, 0, NULL);
    WaitForMultipleObjects(n, h, TRUE, INFINITE);
    for (int i = 0; i < n; i++)
        CloseHandle(h[i]);
}

/* Writers bump both halves of a pair under the exclusive lock; readers check them under the shared lock. */
static DWORD WINAPI srw_worker(void *arg)
{
    int id = (int)(INT_PTR)arg;
    for (int i = 0; i < ROUNDS; i++) {
        if (id % 2 == 0) {
            AcquireSRWLockExclusive(&srw);
            long v = counter;
            pair_a = v + 1;
            counter = v + 1;
            pair_b = v + 1;
            ReleaseSRWLockExclusive(&srw);
        } else {
            AcquireSRWLockShared(&srw);
            long in = InterlockedIncrement(&shared_inside);
            long m;
            while ((m = shared_max) < in && InterlockedCompareExchange(&shared_max, in, m) != m) {}
            if (pair_a != pair_b)
                InterlockedIncrement(&torn);
            InterlockedDecrement(&shared_inside);
            ReleaseSRWLockShared(&srw);
        }
    }
    return 0;
}

static DWORD WINAPI second_reader(void *arg)
{
    (void)arg;
    AcquireSRWLockShared(&srw);
    ReleaseSRWLockShared(&srw);
    return 0;
}

static DWORD WINAPI try_worker(void *arg)
{
    (void)arg;
    int done = 0;
    while (done < ROUNDS / 4) {
        if (TryAcquireSRWLockExclusive(&srw)) {
            counter++;
            done++;
            ReleaseSRWLockExclusive(&srw);
        } else {
            SwitchToThread();
        }
    }
    return 0;
}

static DWORD WINAPI cs_worker(void *arg)
{
    int id = (int)(INT_PTR)arg;
    for (int i = 0; i < ROUNDS; i++) {
        if (id % 4 == 3) {
            while (!TryEnterCriticalSection(&cs))
                SwitchToThread();
        } else {
            EnterCriticalSection(&cs);
        }
        EnterCriticalSection(&cs);   /* recursion */
        counter++;
        LeaveCriticalSection(&cs);
        LeaveCriticalSection(&cs);
    }
    return 0;
}

/* A bounded queue: producers wait while it is full, consumers while it is empty. */
#define QCAP 8
#define ITEMS 4000
#define PRODUCERS 4
#define CONSUMERS 4
static CONDITION_VARIABLE not_full = CONDITION_VARIABLE_INIT, not_empty = CONDITION_VARIABLE_INIT;
static long queue[QCAP], qhead, qcount, consumed_sum, consumed_n, max_depth;
static int use_cs;

static void lock_q(void) { if (use_cs) EnterCriticalSection(&cs); else AcquireSRWLockExclusive(&srw); }
static void unlock_q(void) { if (use_cs) LeaveCriticalSection(&cs); else ReleaseSRWLockExclusive(&srw); }
static void wait_q(CONDITION_VARIABLE *cv)
{
    if (use_cs)
        SleepConditionVariableCS(cv, &cs, INFINITE);
    else
        SleepConditionVariableSRW(cv, &srw, INFINITE, 0);
}

static DWORD WINAPI producer(void *arg)
{
    int id = (int)(INT_PTR)arg;
    for (int i = 1; i <= ITEMS; i++) {
        lock_q();
        while (qcount == QCAP)
            wait_q(&not_full);
        queue[(qhead + qcount) % QCAP] = id * 100000 + i;
        qcount++;
        if (qcount > max_depth)
            max_depth = qcount;
        unlock_q();
        WakeConditionVariable(&not_empty);
    }
    return 0;
}

static DWORD WINAPI consumer(void *arg)
{
    (void)arg;
    for (;;) {
        lock_q();
        while (qcount == 0 && consumed_n < PRODUCERS * ITEMS)
            wait_q(&not_empty);
        if (qcount == 0) {
            unlock_q();
            return 0;
        }
        long v = queue[qhead];
        qhead = (qhead + 1) % QCAP;
        qcount--;
        consumed_sum += v % 100000;
        if (++consumed_n == PRODUCERS * ITEMS)
            WakeAllConditionVariable(&not_empty);   /* the other consumers can stop */
        unlock_q();
        WakeConditionVariable(&not_full);
    }
}

static DWORD WINAPI pc_worker(void *arg)
{
    int id = (int)(INT_PTR)arg;
    return id < PRODUCERS ? producer(arg) : consumer(arg);
}

static int shared_waiters_woken;
static volatile LONG flag;
static DWORD WINAPI shared_waiter(void *arg)
{
    (void)arg;
    AcquireSRWLockShared(&srw);
    while (!flag)
        SleepConditionVariableSRW(&not_empty, &srw, INFINITE, CONDITION_VARIABLE_LOCKMODE_SHARED);
    InterlockedIncrement((LONG *)&shared_waiters_woken);
    ReleaseSRWLockShared(&srw);
    return 0;
}

int main(void)
{
    InitializeCriticalSectionAndSpinCount(&cs, 4000);

    run(srw_worker, THREADS);
    printf("srw: exclusive counter %ld (expected %d), torn reads %ld\n", counter, THREADS / 2 * ROUNDS, torn);

    counter = 0;
    run(try_worker, 8);
    printf("srw: TryAcquire counter %ld (expected %d)\n", counter, 8 * ROUNDS / 4);

    AcquireSRWLockShared(&srw);
    HANDLE second = CreateThread(NULL, 0, second_reader, NULL, 0, NULL);
    printf("srw: a second reader gets in while one holds it shared: %d\n",
           WaitForSingleObject(second, 5000) == WAIT_OBJECT_0);
    CloseHandle(second);
    printf("srw: shared held: TryAcquireShared %d, TryAcquireExclusive %d\n", TryAcquireSRWLockShared(&srw) != 0,
           TryAcquireSRWLockExclusive(&srw) != 0);
    ReleaseSRWLockShared(&srw);
    ReleaseSRWLockShared(&srw);
    AcquireSRWLockExclusive(&srw);
    printf("srw: exclusive held: TryAcquireShared %d\n", TryAcquireSRWLockShared(&srw) != 0);
    ReleaseSRWLockExclusive(&srw);

    counter = 0;
    run(cs_worker, THREADS);
    printf("critical section: counter %ld (expected %d), free after: %d\n", counter, THREADS * ROUNDS,
           TryEnterCriticalSection(&cs) != 0);
    LeaveCriticalSection(&cs);
    printf("SetCriticalSectionSpinCount returns the old count: %lu\n", SetCriticalSectionSpinCount(&cs, 100));

    for (use_cs = 0; use_cs < 2; use_cs++) {
        qhead = qcount = consumed_sum = consumed_n = max_depth = 0;
        run(pc_worker, PRODUCERS + CONSUMERS);
        printf("condition variable (%s): consumed %ld items, sum %ld (expected %ld), queue never over %d: %d\n",
               use_cs ? "CS" : "SRW", consumed_n, consumed_sum, (long)PRODUCERS * ITEMS * (ITEMS + 1) / 2, QCAP,
               max_depth <= QCAP);
    }

    CONDITION_VARIABLE cv;
    InitializeConditionVariable(&cv);
    AcquireSRWLockExclusive(&srw);
    SetLastError(0);
    DWORD t0 = GetTickCount();
    BOOL ok = SleepConditionVariableSRW(&cv, &srw, 50, 0);
    DWORD err = GetLastError();
    DWORD took = GetTickCount() - t0;
    printf("SleepConditionVariableSRW timeout: %d, error %lu, waited >= 40 ms: %d, lock held again: %d\n", ok,
           err, took >= 40, TryAcquireSRWLockShared(&srw) == 0);
    ReleaseSRWLockExclusive(&srw);
    EnterCriticalSection(&cs);
    SetLastError(0);
    ok = SleepConditionVariableCS(&cv, &cs, 0);
    err = GetLastError();
    printf("SleepConditionVariableCS(0): %d, error %lu\n", ok, err);
    LeaveCriticalSection(&cs);

    HANDLE h[6];
    for (int i = 0; i < 6; i++)
        h[i] = CreateThread(NULL, 0, shared_waiter, NULL, 0, NULL);
    Sleep(50);
    AcquireSRWLockExclusive(&srw);
    flag = 1;
    ReleaseSRWLockExclusive(&srw);
    WakeAllConditionVariable(&not_empty);
    WaitForMultipleObjects(6, h, TRUE, INFINITE);
    printf("shared-mode waiters woken by WakeAll: %d\n", shared_waiters_woken);
    DeleteCriticalSection(&cs);
    return 0;
}
