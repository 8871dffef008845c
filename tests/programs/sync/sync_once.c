/* InitOnce from 32 threads at once (the callback runs once, everyone sees its context), the
 * Begin/Complete protocol (CHECK_ONLY, ASYNC, INIT_FAILED), and WaitOnAddress (ping-pong between two
 * threads, WakeByAddressSingle waking one waiter at a time, timeouts), linked through
 * api-ms-win-core-synch-l1-2-0. */
#include <windows.h>
#include <stdio.h>

#define THREADS 32

static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG calls, bad_context, ready;
static HANDLE go;
static int payload = 42;

static BOOL CALLBACK init_fn(PINIT_ONCE o, PVOID param, PVOID *context)
{
    (void)o;
    InterlockedIncrement(&calls);
    Sleep(20);   /* the others pile up waiting meanwhile */
    *context = param;
    return TRUE;
}

static DWORD WINAPI once_worker(void *arg)
{
    (void)arg;
    InterlockedIncrement(&ready);
    WaitForSingleObject(go, INFINITE);
    void *ctx = NULL;
    if (!InitOnceExecuteOnce(&once, init_fn, &payload, &ctx) || ctx != &payload)
        InterlockedIncrement(&bad_context);
    return 0;
}

static BOOL CALLBACK failing_fn(PINIT_ONCE o, PVOID param, PVOID *context)
{
    (void)o;
    (void)param;
    (void)context;
    InterlockedIncrement(&calls);
    SetLastError(1234);
    return FALSE;
}

static volatile LONG ball, pings, pongs;
#define VOLLEYS 2000

static DWORD WINAPI ponger(void *arg)
{
    (void)arg;
    for (int i = 0; i < VOLLEYS; i++) {
        LONG expect = 0;
        while (ball == 0)
            WaitOnAddress(&ball, &expect, sizeof ball, INFINITE);
        pongs++;
        ball = 0;
        WakeByAddressSingle((PVOID)&ball);
    }
    return 0;
}

static volatile LONG gate, passed;
static DWORD WINAPI gate_waiter(void *arg)
{
    (void)arg;
    LONG closed = 0;
    while (gate == 0)
        WaitOnAddress(&gate, &closed, sizeof gate, INFINITE);
    InterlockedIncrement(&passed);
    return 0;
}

int main(void)
{
    go = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE h[THREADS];
    for (int i = 0; i < THREADS; i++)
        h[i] = CreateThread(NULL, 0, once_worker, NULL, 0, NULL);
    while (ready < THREADS)
        Sleep(1);
    SetEvent(go);
    WaitForMultipleObjects(THREADS, h, TRUE, INFINITE);
    for (int i = 0; i < THREADS; i++)
        CloseHandle(h[i]);
    printf("InitOnceExecuteOnce from %d threads: callback ran %ld time(s), wrong contexts %ld\n", THREADS, calls,
           bad_context);

    INIT_ONCE o;
    InitOnceInitialize(&o);
    BOOL pending = 7;
    void *ctx = (void *)1;
    SetLastError(0);
    BOOL ok = InitOnceBeginInitialize(&o, INIT_ONCE_CHECK_ONLY, &pending, &ctx);
    printf("CHECK_ONLY before: %d, error %lu\n", ok, GetLastError());
    ok = InitOnceBeginInitialize(&o, 0, &pending, &ctx);
    printf("Begin: %d, pending %d\n", ok, pending);
    SetLastError(0);
    ok = InitOnceComplete(&o, 0, (void *)3);
    printf("Complete with reserved context bits: %d, error %lu\n", ok, GetLastError());
    ok = InitOnceComplete(&o, INIT_ONCE_INIT_FAILED, NULL);
    printf("Complete(INIT_FAILED): %d\n", ok);
    ok = InitOnceBeginInitialize(&o, 0, &pending, &ctx);
    printf("Begin again after failure: %d, pending %d\n", ok, pending);
    ok = InitOnceComplete(&o, 0, &payload);
    ctx = NULL;
    BOOL ok2 = InitOnceBeginInitialize(&o, INIT_ONCE_CHECK_ONLY, &pending, &ctx);
    printf("Complete: %d; CHECK_ONLY after: %d, pending %d, context right %d\n", ok, ok2, pending, ctx == &payload);

    INIT_ONCE a = INIT_ONCE_STATIC_INIT;
    BOOL p1, p2;
    InitOnceBeginInitialize(&a, INIT_ONCE_ASYNC, &p1, &ctx);
    InitOnceBeginInitialize(&a, INIT_ONCE_ASYNC, &p2, &ctx);
    SetLastError(0);
    ok = InitOnceBeginInitialize(&a, 0, &pending, &ctx);
    printf("ASYNC: both pending %d %d; a synchronous Begin meanwhile: %d, error %lu\n", p1, p2, ok, GetLastError());
    ok = InitOnceComplete(&a, INIT_ONCE_ASYNC, &payload);
    SetLastError(0);
    ok2 = InitOnceComplete(&a, INIT_ONCE_ASYNC, &go);
    DWORD err = GetLastError();
    ctx = NULL;
    InitOnceBeginInitialize(&a, INIT_ONCE_ASYNC, &pending, &ctx);
    printf("ASYNC: first Complete %d, second %d (error %lu), winner's context kept %d, pending %d\n", ok, ok2, err,
           ctx == &payload, pending);

    INIT_ONCE f = INIT_ONCE_STATIC_INIT;
    calls = 0;
    SetLastError(0);
    ok = InitOnceExecuteOnce(&f, failing_fn, NULL, NULL);
    err = GetLastError();
    ok2 = InitOnceExecuteOnce(&f, failing_fn, NULL, NULL);
    printf("failing callback: %d (error %lu), runs again next time: %d, calls %ld\n", ok, err, ok2, calls);

    /* WaitOnAddress: KERNELBASE's (and the API set's), not kernel32's */
    int in_k32 = GetProcAddress(GetModuleHandleA("kernel32.dll"), "WaitOnAddress") != NULL;
    int in_kb = GetProcAddress(LoadLibraryA("kernelbase.dll"), "WaitOnAddress") != NULL;
    printf("WaitOnAddress exported by kernel32: %d, by kernelbase: %d\n", in_k32, in_kb);
    LONG value = 5, other = 6;
    printf("WaitOnAddress on a different value returns at once: %d\n",
           WaitOnAddress(&value, &other, sizeof value, INFINITE));
    SetLastError(0);
    DWORD t0 = GetTickCount();
    ok = WaitOnAddress(&value, &value, sizeof value, 50);
    err = GetLastError();
    printf("WaitOnAddress timeout: %d, error %lu, waited >= 40 ms: %d\n", ok, err, GetTickCount() - t0 >= 40);

    HANDLE p = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
    for (int i = 0; i < VOLLEYS; i++) {
        LONG expect = 1;
        pings++;
        ball = 1;
        WakeByAddressSingle((PVOID)&ball);
        while (ball == 1)
            WaitOnAddress(&ball, &expect, sizeof ball, INFINITE);
    }
    WaitForSingleObject(p, INFINITE);
    CloseHandle(p);
    printf("ping-pong: %ld pings, %ld pongs\n", pings, pongs);

    HANDLE g[8];
    for (int i = 0; i < 8; i++)
        g[i] = CreateThread(NULL, 0, gate_waiter, NULL, 0, NULL);
    Sleep(100);
    printf("gate closed: passed %ld\n", passed);
    /* The value changes, but a waiter only looks again when woken: WakeByAddressSingle lets one through. */
    gate = 1;
    WakeByAddressSingle((PVOID)&gate);
    for (int i = 0; i < 5000 && passed < 1; i++)
        Sleep(1);
    Sleep(100);
    printf("gate opened, WakeByAddressSingle: passed %ld\n", passed);
    WakeByAddressAll((PVOID)&gate);
    WaitForMultipleObjects(8, g, TRUE, INFINITE);
    printf("then WakeByAddressAll: passed %ld\n", passed);
    return 0;
}
