/* FLS callbacks at thread exit and at FlsFree (for every thread's non-NULL value), TlsFree clearing the
 * slot in every thread, thread priorities and affinity masks. */
#include <windows.h>
#include <stdio.h>

#define THREADS 8

static DWORD fls, tls;
static volatile LONG exit_calls, exit_sum, free_calls, free_sum, parked;
static HANDLE release;

static void WINAPI on_exit_cb(void *p)
{
    InterlockedIncrement(&exit_calls);
    InterlockedExchangeAdd(&exit_sum, (LONG)(INT_PTR)p);
}

static void WINAPI on_free_cb(void *p)
{
    InterlockedIncrement(&free_calls);
    InterlockedExchangeAdd(&free_sum, (LONG)(INT_PTR)p);
}

static DWORD WINAPI setter(void *arg)
{
    int id = (int)(INT_PTR)arg;
    /* odd threads leave their value NULL: no callback for them */
    if (id % 2 == 0)
        FlsSetValue(fls, (void *)(INT_PTR)(id + 1));
    return FlsGetValue(fls) == (void *)(INT_PTR)(id % 2 == 0 ? id + 1 : 0);
}

static DWORD WINAPI parker(void *arg)
{
    int id = (int)(INT_PTR)arg;
    FlsSetValue(fls, (void *)(INT_PTR)(100 + id));
    TlsSetValue(tls, (void *)(INT_PTR)(200 + id));
    InterlockedIncrement(&parked);
    WaitForSingleObject(release, INFINITE);
    /* FlsFree and TlsFree ran meanwhile: the values are gone */
    return (FlsGetValue(fls) == NULL ? 1 : 0) | (TlsGetValue(tls) == NULL ? 2 : 0);
}

static DWORD WINAPI prio_thread(void *arg)
{
    (void)arg;
    WaitForSingleObject(release, INFINITE);
    return GetThreadPriority(GetCurrentThread());
}

int main(void)
{
    HANDLE h[THREADS];
    fls = FlsAlloc(on_exit_cb);
    printf("FlsAlloc: valid %d, not 0: %d\n", fls != FLS_OUT_OF_INDEXES, fls != 0);
    for (int i = 0; i < THREADS; i++)
        h[i] = CreateThread(NULL, 0, setter, (void *)(INT_PTR)i, 0, NULL);
    WaitForMultipleObjects(THREADS, h, TRUE, INFINITE);
    int good = 0;
    for (int i = 0; i < THREADS; i++) {
        DWORD code;
        GetExitCodeThread(h[i], &code);
        good += code == 1;
        CloseHandle(h[i]);
    }
    printf("thread exit: %d threads saw their own value, callbacks %ld, sum %ld\n", good, exit_calls, exit_sum);
    FlsFree(fls);

    fls = FlsAlloc(on_free_cb);
    tls = TlsAlloc();
    release = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (int i = 0; i < THREADS; i++)
        h[i] = CreateThread(NULL, 0, parker, (void *)(INT_PTR)i, 0, NULL);
    while (parked < THREADS)
        Sleep(1);
    FlsSetValue(fls, (void *)(INT_PTR)1000);
    BOOL ok = FlsFree(fls);
    printf("FlsFree: %d, callbacks %ld (sum %ld) before any thread ends\n", ok, free_calls, free_sum);
    SetLastError(0);
    ok = FlsFree(fls);
    printf("FlsFree again: %d, error %lu\n", ok, GetLastError());
    ok = TlsFree(tls);
    printf("TlsFree: %d\n", ok);
    SetEvent(release);
    WaitForMultipleObjects(THREADS, h, TRUE, INFINITE);
    good = 0;
    for (int i = 0; i < THREADS; i++) {
        DWORD code;
        GetExitCodeThread(h[i], &code);
        good += code == 3;
        CloseHandle(h[i]);
    }
    printf("threads that saw FLS and TLS cleared: %d, callbacks after exits %ld\n", good, free_calls);
    SetLastError(0);
    ok = FlsSetValue(fls, (void *)1);
    printf("FlsSetValue(freed index): %d, error %lu\n", ok, GetLastError());
    SetLastError(0);
    void *v = FlsGetValue(fls);
    printf("FlsGetValue(freed index): %p, error %lu\n", v, GetLastError());
    SetLastError(0);
    v = FlsGetValue(0);
    printf("FlsGetValue(0): %p, error %lu\n", v, GetLastError());
    SetLastError(0);
    ok = FlsSetValue(FLS_MAXIMUM_AVAILABLE, NULL);
    printf("FlsSetValue(FLS_MAXIMUM_AVAILABLE): %d, error %lu\n", ok, GetLastError());

    /* priorities */
    ResetEvent(release);
    HANDLE t = CreateThread(NULL, 0, prio_thread, NULL, 0, NULL);
    printf("priority: new thread %d, main %d\n", GetThreadPriority(t), GetThreadPriority(GetCurrentThread()));
    int set[] = {THREAD_PRIORITY_ABOVE_NORMAL, THREAD_PRIORITY_LOWEST, THREAD_PRIORITY_TIME_CRITICAL,
                 THREAD_PRIORITY_IDLE, THREAD_PRIORITY_HIGHEST, 3, -7};
    for (unsigned i = 0; i < sizeof set / sizeof set[0]; i++) {
        SetLastError(0);
        BOOL ok = SetThreadPriority(t, set[i]);
        DWORD err = GetLastError();
        printf("SetThreadPriority(%d): %d (error %lu), now %d\n", set[i], ok, err, GetThreadPriority(t));
    }
    SetEvent(release);
    WaitForSingleObject(t, INFINITE);
    DWORD code;
    GetExitCodeThread(t, &code);
    printf("the thread saw its own priority: %ld\n", (long)code);
    CloseHandle(t);
    SetLastError(0);
    int prio = GetThreadPriority(NULL);
    printf("GetThreadPriority(bad handle): 0x%x, error %lu\n", prio, GetLastError());
    BOOL disabled = 5;
    GetThreadPriorityBoost(GetCurrentThread(), &disabled);
    printf("priority boost disabled: %d", disabled);
    SetThreadPriorityBoost(GetCurrentThread(), TRUE);
    GetThreadPriorityBoost(GetCurrentThread(), &disabled);
    printf(", after SetThreadPriorityBoost(TRUE): %d\n", disabled);

    /* affinity */
    DWORD_PTR pm = 0, sm = 0;
    ok = GetProcessAffinityMask(GetCurrentProcess(), &pm, &sm);
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    printf("GetProcessAffinityMask: %d, process mask non-zero %d, within the system mask %d, system mask has "
           "NumberOfProcessors bits %d\n", ok, pm != 0, (pm & ~sm) == 0,
           __builtin_popcountll(sm) == (int)si.dwNumberOfProcessors);
    DWORD_PTR low = pm & -pm;
    DWORD_PTR prev = SetThreadAffinityMask(GetCurrentThread(), low);
    DWORD_PTR prev2 = SetThreadAffinityMask(GetCurrentThread(), pm);
    printf("SetThreadAffinityMask: previous was the process mask %d, then the lowest CPU %d\n", prev == pm,
           prev2 == low);
    SetLastError(0);
    prev = SetThreadAffinityMask(GetCurrentThread(), ~sm ? ~sm : 0);
    printf("SetThreadAffinityMask(outside the system): %llu, error %lu\n", (unsigned long long)prev, GetLastError());
    printf("SwitchToThread returns: %d\n", SwitchToThread() == 0 || SwitchToThread() == 1);

    /* CPU times (winpthreads' clocks) and the clock settings */
    volatile double x = 0;
    for (int i = 0; i < 30000000; i++)
        x = x + i * 0.5;
    FILETIME c, e, k, u, pc, pe, pk, pu, now;
    ok = GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u);
    BOOL ok2 = GetProcessTimes(GetCurrentProcess(), &pc, &pe, &pk, &pu);
    GetSystemTimeAsFileTime(&now);
    ULONGLONG user = ((ULONGLONG)u.dwHighDateTime << 32) | u.dwLowDateTime;
    ULONGLONG created = ((ULONGLONG)c.dwHighDateTime << 32) | c.dwLowDateTime;
    ULONGLONG pcreated = ((ULONGLONG)pc.dwHighDateTime << 32) | pc.dwLowDateTime;
    ULONGLONG t_now = ((ULONGLONG)now.dwHighDateTime << 32) | now.dwLowDateTime;
    printf("GetThreadTimes: %d, user time > 0 after a busy loop %d, created in the last minute %d, exit time 0 %d\n",
           ok, user > 0, created <= t_now && t_now - created < 600000000ull, e.dwLowDateTime == 0 && e.dwHighDateTime == 0);
    printf("GetProcessTimes: %d, process created no later than the thread %d\n", ok2, pcreated <= created);
    SetLastError(0);
    ok = GetThreadTimes(NULL, &c, &e, &k, &u);
    printf("GetThreadTimes(NULL): %d, error %lu\n", ok, GetLastError());
    DWORD adj = 0, inc = 0;
    BOOL dis = 5;
    ok = GetSystemTimeAdjustment(&adj, &inc, &dis);
    printf("GetSystemTimeAdjustment: %d, adjustment %lu, increment %lu, disabled %d\n", ok, adj, inc, dis);
    return 0;
}
