/* User APCs and alertable waits: APCs run in queue order only in an alertable wait (which then returns
 * WAIT_IO_COMPLETION), a non-alertable wait leaves them queued, QueueUserAPC wakes a thread sleeping in
 * SleepEx, and SignalObjectAndWait signals and waits in one step. */
#include <windows.h>
#include <stdio.h>

static char order[64];
static volatile LONG order_len;

static void WINAPI record(ULONG_PTR c)
{
    LONG i = InterlockedIncrement(&order_len) - 1;
    if (i < 63)
        order[i] = (char)c;
}

/* An APC that queues another to its own thread: it runs in the same alertable wait. */
static void WINAPI chain(ULONG_PTR c)
{
    record(c);
    QueueUserAPC(record, GetCurrentThread(), c + 1);
}

static HANDLE ready, go;

static DWORD WINAPI sleeper(void *arg)
{
    (void)arg;
    SetEvent(ready);
    DWORD r = SleepEx(INFINITE, TRUE);
    return r;
}

static DWORD WINAPI non_alertable(void *arg)
{
    (void)arg;
    SetEvent(ready);
    DWORD r = WaitForSingleObjectEx(go, INFINITE, FALSE);
    LONG before = order_len;
    DWORD r2 = SleepEx(0, TRUE);
    return r | (DWORD)before << 8 | r2 << 16;
}

static HANDLE a, b;
static volatile LONG bounces;

static DWORD WINAPI bouncer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        if (WaitForSingleObject(a, 10000) != WAIT_OBJECT_0)
            return 1;
        InterlockedIncrement(&bounces);
        SetEvent(b);
    }
    return 0;
}

int main(void)
{
    HANDLE self;
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &self, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    DWORD q1 = QueueUserAPC(record, self, 'a');
    DWORD q2 = QueueUserAPC(record, self, 'b');
    DWORD q3 = QueueUserAPC(chain, self, 'c');
    printf("queue: %lu %lu %lu\n", q1, q2, q3);
    HANDLE unset = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD r = SleepEx(0, FALSE);
    printf("non-alertable sleep: %lu, ran %ld\n", r, order_len);
    r = WaitForSingleObjectEx(unset, 10, FALSE);
    printf("non-alertable wait: %lx, ran %ld\n", r, order_len);
    r = SleepEx(5000, TRUE);
    printf("alertable sleep: %lx, ran %ld: %s\n", r, order_len, order);
    r = SleepEx(0, TRUE);
    printf("nothing queued: %lx\n", r);

    /* APCs pending when an alertable wait on a signaled object begins: they win */
    HANDLE set = CreateEventW(NULL, TRUE, TRUE, NULL);
    order_len = 0;
    memset(order, 0, sizeof order);
    QueueUserAPC(record, self, 'x');
    r = WaitForSingleObjectEx(set, INFINITE, TRUE);
    printf("signaled + apc: %lx, ran %ld\n", r, order_len);
    r = WaitForSingleObjectEx(set, INFINITE, TRUE);
    printf("then: %lx\n", r);
    QueueUserAPC(record, self, 'y');
    HANDLE both[2] = {unset, unset};
    r = WaitForMultipleObjectsEx(2, both, FALSE, INFINITE, TRUE);
    printf("waitmultiple alertable: %lx, ran %ld: %s\n", r, order_len, order);

    /* QueueUserAPC to a thread sleeping in SleepEx */
    ready = CreateEventW(NULL, FALSE, FALSE, NULL);
    go = CreateEventW(NULL, FALSE, FALSE, NULL);
    order_len = 0;
    HANDLE t = CreateThread(NULL, 0, sleeper, NULL, 0, NULL);
    WaitForSingleObject(ready, INFINITE);
    Sleep(100);
    printf("apc to sleeper: %lu\n", QueueUserAPC(record, t, 's'));
    WaitForSingleObject(t, 5000);
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    printf("sleeper returned %lx, ran %ld\n", code, order_len);
    CloseHandle(t);

    /* a non-alertable waiter keeps the APC until it waits alertably */
    order_len = 0;
    t = CreateThread(NULL, 0, non_alertable, NULL, 0, NULL);
    WaitForSingleObject(ready, INFINITE);
    Sleep(100);
    QueueUserAPC(record, t, 'n');
    Sleep(100);
    LONG ran_early = order_len;
    SetEvent(go);
    WaitForSingleObject(t, 5000);
    GetExitCodeThread(t, &code);
    printf("non-alertable waiter: ran while waiting %ld, wait %lx, ran before SleepEx %lu, SleepEx %lx, ran %ld\n",
           ran_early, code & 0xff, (code >> 8) & 0xff, code >> 16, order_len);
    CloseHandle(t);

    /* an APC queued to a new suspended thread runs when it starts, before its start routine */
    SetLastError(0);
    DWORD q = QueueUserAPC(record, t = CreateThread(NULL, 0, sleeper, NULL, CREATE_SUSPENDED, NULL), 'z');
    printf("queue to suspended thread: %lu\n", q);
    ResumeThread(t);
    WaitForSingleObject(t, 300);   /* it sleeps on: its APC ran before SleepEx */
    GetExitCodeThread(t, &code);
    printf("it returned %lx\n", code);
    CloseHandle(t);

    /* SignalObjectAndWait ping-pong */
    a = CreateEventW(NULL, FALSE, FALSE, NULL);
    b = CreateEventW(NULL, FALSE, FALSE, NULL);
    t = CreateThread(NULL, 0, bouncer, NULL, 0, NULL);
    int ok = 0;
    for (int i = 0; i < 1000; i++)
        if (SignalObjectAndWait(a, b, 10000, FALSE) == WAIT_OBJECT_0)
            ok++;
    WaitForSingleObject(t, 5000);
    GetExitCodeThread(t, &code);
    printf("signal-and-wait: %d rounds, bounces %ld, bouncer %lu\n", ok, bounces, code);
    CloseHandle(t);

    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    SetLastError(0);
    r = SignalObjectAndWait(m, set, 0, FALSE);
    printf("signal unowned mutex: %lx error %lu\n", r, GetLastError());
    HANDLE s = CreateSemaphoreW(NULL, 1, 1, NULL);
    SetLastError(0);
    r = SignalObjectAndWait(s, set, 0, FALSE);
    printf("signal full semaphore: %lx error %lu\n", r, GetLastError());
    WaitForSingleObject(m, 0);
    r = SignalObjectAndWait(m, m, 0, FALSE);
    printf("release and retake mutex: %lx\n", r);
    ReleaseMutex(m);
    QueueUserAPC(record, self, 'w');
    order_len = 0;
    r = SignalObjectAndWait(s = CreateEventW(NULL, FALSE, FALSE, NULL), unset, INFINITE, TRUE);
    LONG ran = order_len;
    printf("signal-and-wait alertable: %lx ran %ld, event left %lx\n", r, ran, WaitForSingleObject(s, 0));
    return 0;
}
