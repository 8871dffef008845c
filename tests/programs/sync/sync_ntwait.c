/* The native layer of waits and APCs: NtQueueApcThread's three arguments, NtDelayExecution and
 * NtWaitForSingleObject alertable (STATUS_USER_APC), NtTestAlert, absolute NT timeouts, NtQueryTimer,
 * NtSignalAndWaitForSingleObject. */
#include <windows.h>
#include <stdio.h>

typedef LONG NTSTATUS;
typedef void(WINAPI *APC)(ULONG_PTR, ULONG_PTR, ULONG_PTR);
static NTSTATUS(WINAPI *pNtQueueApcThread)(HANDLE, APC, ULONG_PTR, ULONG_PTR, ULONG_PTR);
static NTSTATUS(WINAPI *pNtDelayExecution)(BOOLEAN, const LARGE_INTEGER *);
static NTSTATUS(WINAPI *pNtWaitForSingleObject)(HANDLE, BOOLEAN, const LARGE_INTEGER *);
static NTSTATUS(WINAPI *pNtTestAlert)(void);
static NTSTATUS(WINAPI *pNtQueryTimer)(HANDLE, int, void *, ULONG, ULONG *);
static NTSTATUS(WINAPI *pNtSignalAndWaitForSingleObject)(HANDLE, HANDLE, BOOLEAN, const LARGE_INTEGER *);
static NTSTATUS(WINAPI *pNtSetEvent)(HANDLE, LONG *);

static ULONG_PTR seen[3];
static volatile LONG calls;

static void WINAPI apc3(ULONG_PTR a, ULONG_PTR b, ULONG_PTR c)
{
    seen[0] = a;
    seen[1] = b;
    seen[2] = c;
    calls++;
}

int main(void)
{
    HMODULE nt = GetModuleHandleW(L"ntdll.dll");
#define GET(name) p##name = (void *)GetProcAddress(nt, #name)
    GET(NtQueueApcThread);
    GET(NtDelayExecution);
    GET(NtWaitForSingleObject);
    GET(NtTestAlert);
    GET(NtQueryTimer);
    GET(NtSignalAndWaitForSingleObject);
    GET(NtSetEvent);
    printf("found: %d\n", pNtQueueApcThread && pNtDelayExecution && pNtWaitForSingleObject && pNtTestAlert &&
                              pNtQueryTimer && pNtSignalAndWaitForSingleObject && pNtSetEvent);

    NTSTATUS s = pNtQueueApcThread(GetCurrentThread(), apc3, 1, 2, 3);
    LARGE_INTEGER t = {.QuadPart = -10 * 10000};
    NTSTATUS d = pNtDelayExecution(FALSE, &t);
    printf("queue %lx, non-alertable delay %lx, calls %ld\n", s, d, calls);
    d = pNtDelayExecution(TRUE, &t);
    printf("alertable delay %lx, calls %ld, args %llu %llu %llu\n", d, calls, (unsigned long long)seen[0],
           (unsigned long long)seen[1], (unsigned long long)seen[2]);
    d = pNtDelayExecution(TRUE, &t);
    printf("again %lx\n", d);

    pNtQueueApcThread(GetCurrentThread(), apc3, 4, 5, 6);
    s = pNtTestAlert();
    printf("test alert %lx, calls %ld, first arg %llu\n", s, calls, (unsigned long long)seen[0]);
    printf("test alert, nothing queued %lx\n", pNtTestAlert());

    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    pNtQueueApcThread(GetCurrentThread(), apc3, 7, 8, 9);
    s = pNtWaitForSingleObject(ev, TRUE, NULL);
    printf("alertable object wait %lx, calls %ld\n", s, calls);

    /* absolute timeout: now + 50 ms, as system time */
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    t.QuadPart = (LONGLONG)(((ULONGLONG)ft.dwHighDateTime << 32 | ft.dwLowDateTime) + 50 * 10000);
    ULONGLONG t0 = GetTickCount64();
    s = pNtWaitForSingleObject(ev, FALSE, &t);
    ULONGLONG dt = GetTickCount64() - t0;
    printf("absolute timeout %lx, at least 40 ms %d, under 1 s %d\n", s, dt >= 40, dt < 1000);
    t.QuadPart = 0;
    printf("zero timeout %lx\n", pNtWaitForSingleObject(ev, FALSE, &t));

    struct { LARGE_INTEGER remaining; BOOLEAN state; } info;
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    ULONG len = 0;
    t.QuadPart = -10000000;
    SetWaitableTimer(timer, &t, 0, NULL, NULL, FALSE);
    s = pNtQueryTimer(timer, 0, &info, sizeof info, &len);
    printf("query set timer %lx len %lu state %d remaining in (0, 1 s] %d\n", s, len, info.state,
           info.remaining.QuadPart > 0 && info.remaining.QuadPart <= 10000000);
    t.QuadPart = -1;
    SetWaitableTimer(timer, &t, 0, NULL, NULL, FALSE);
    WaitForSingleObject(timer, INFINITE);
    s = pNtQueryTimer(timer, 0, &info, sizeof info, &len);
    printf("query signaled timer %lx state %d\n", s, info.state);
    s = pNtQueryTimer(timer, 0, &info, 4, &len);
    printf("query short buffer %lx\n", s);

    HANDLE a = CreateEventW(NULL, FALSE, FALSE, NULL);
    t.QuadPart = -10 * 10000;
    s = pNtSignalAndWaitForSingleObject(a, ev, FALSE, &t);
    printf("signal and wait %lx, signaled %lx\n", s, WaitForSingleObject(a, 0));
    s = pNtSignalAndWaitForSingleObject(ev, a, FALSE, &t);
    printf("signal and wait on the other %lx\n", s);
    s = pNtSignalAndWaitForSingleObject(timer, ev, FALSE, &t);
    printf("signal a timer %lx\n", s);
    LONG prev = -1;
    s = pNtSetEvent(ev, &prev);
    printf("set event %lx previous %ld\n", s, prev);
    return 0;
}
