/* Alerts: NtAlertThread ends an alertable wait with STATUS_ALERTED, or leaves the thread alerted for its
 * next alertable wait (or NtTestAlert); a non-alertable wait ignores it; kernel32's alertable waits wait
 * on after an alert. NtAlertResumeThread alerts and resumes. */
#include <windows.h>
#include <stdio.h>

typedef LONG NTSTATUS;
static NTSTATUS(WINAPI *pNtAlertThread)(HANDLE);
static NTSTATUS(WINAPI *pNtAlertResumeThread)(HANDLE, ULONG *);
static NTSTATUS(WINAPI *pNtDelayExecution)(BOOLEAN, const LARGE_INTEGER *);
static NTSTATUS(WINAPI *pNtTestAlert)(void);

static HANDLE ready;

static DWORD WINAPI delayer(void *arg)
{
    (void)arg;
    SetEvent(ready);
    LARGE_INTEGER t = {.QuadPart = -50000000};   /* 5 s */
    return (DWORD)pNtDelayExecution(TRUE, &t);
}

static DWORD WINAPI sleeper(void *arg)
{
    (void)arg;
    SetEvent(ready);
    return SleepEx(300, TRUE);   /* the alert does not end it: kernel32 waits again */
}

int main(void)
{
    HMODULE nt = GetModuleHandleW(L"ntdll.dll");
    pNtAlertThread = (void *)GetProcAddress(nt, "NtAlertThread");
    pNtAlertResumeThread = (void *)GetProcAddress(nt, "NtAlertResumeThread");
    pNtDelayExecution = (void *)GetProcAddress(nt, "NtDelayExecution");
    pNtTestAlert = (void *)GetProcAddress(nt, "NtTestAlert");
    ready = CreateEventW(NULL, FALSE, FALSE, NULL);

    NTSTATUS s = pNtAlertThread(GetCurrentThread());
    LARGE_INTEGER t = {.QuadPart = -10 * 10000};
    NTSTATUS d = pNtDelayExecution(FALSE, &t);
    printf("alert self %lx, non-alertable delay %lx\n", s, d);
    d = pNtDelayExecution(TRUE, &t);
    printf("alertable delay %lx\n", d);
    d = pNtDelayExecution(TRUE, &t);
    printf("again %lx\n", d);
    pNtAlertThread(GetCurrentThread());
    s = pNtTestAlert();
    printf("test alert %lx, then %lx\n", s, pNtTestAlert());

    HANDLE h = CreateThread(NULL, 0, delayer, NULL, 0, NULL);
    WaitForSingleObject(ready, INFINITE);
    Sleep(100);
    s = pNtAlertThread(h);
    ULONGLONG t0 = GetTickCount64();
    DWORD r = WaitForSingleObject(h, 5000);
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    printf("alert waiting thread %lx: ended %lx, it got %lx, within 2 s %d\n", s, r, code,
           GetTickCount64() - t0 < 2000);
    CloseHandle(h);

    h = CreateThread(NULL, 0, sleeper, NULL, 0, NULL);
    WaitForSingleObject(ready, INFINITE);
    Sleep(100);
    pNtAlertThread(h);
    WaitForSingleObject(h, 5000);
    GetExitCodeThread(h, &code);
    printf("SleepEx after an alert returned %lu\n", code);
    CloseHandle(h);

    h = CreateThread(NULL, 0, delayer, NULL, CREATE_SUSPENDED, NULL);
    ULONG count = 99;
    s = pNtAlertResumeThread(h, &count);
    printf("alert-resume %lx previous count %lu\n", s, count);
    WaitForSingleObject(ready, INFINITE);
    Sleep(100);
    pNtAlertThread(h);
    r = WaitForSingleObject(h, 1000);
    GetExitCodeThread(h, &code);
    printf("then alerted: ended %lx, it got %lx\n", r, code);
    return 0;
}
