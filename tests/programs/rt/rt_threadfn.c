/* Thread functions runtimes use at start-up (tests/e2e/rt_threadfn): ids, stack limits and guarantee,
 * the I/O pending flag, CreateRemoteThread(Ex) on the own process, priority boosts, SwitchToThread. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static DWORD WINAPI worker(void *arg)
{
    return (DWORD)(ULONG_PTR)arg + 1;
}

static void join(const char *what, HANDLE h)
{
    DWORD code = 0;
    DWORD w = WaitForSingleObject(h, 5000);
    BOOL ok = GetExitCodeThread(h, &code);
    printf("%s: wait=%lu exitcode ok=%d code=%lu\n", what, w, ok, code);
    CloseHandle(h);
}

int main(void)
{
    /* GetThreadId / GetProcessIdOfThread of the current thread's pseudo and real handles */
    printf("GetThreadId(current) == GetCurrentThreadId: %d\n", GetThreadId(GetCurrentThread()) == GetCurrentThreadId());
    printf("GetProcessIdOfThread(current) == GetCurrentProcessId: %d\n",
           GetProcessIdOfThread(GetCurrentThread()) == GetCurrentProcessId());
    SetLastError(0);
    DWORD id = GetThreadId(NULL);
    printf("GetThreadId(NULL) = %lu, error %lu\n", id, GetLastError());
    SetLastError(0);
    id = GetProcessIdOfThread(NULL);
    printf("GetProcessIdOfThread(NULL) = %lu, error %lu\n", id, GetLastError());

    /* stack limits: low < a local < high, and the reservation is at least 64 KiB */
    ULONG_PTR low = 0, high = 0;
    int local = 0;
    GetCurrentThreadStackLimits(&low, &high);
    printf("stack: low < &local < high: %d, high - low >= 64K: %d, page aligned: %d\n",
           low < (ULONG_PTR)&local && (ULONG_PTR)&local < high, high - low >= 65536, (low | high) % 4096 == 0);

    /* the stack guarantee: query, grow (rounded to pages, 2 pages minimum), no shrink, too big fails */
    ULONG size = 0;
    BOOL ok = SetThreadStackGuarantee(&size);
    printf("guarantee query: ok=%d previous=%lu\n", ok, size);
    size = 100;
    ok = SetThreadStackGuarantee(&size);
    printf("guarantee 100: ok=%d previous=%lu\n", ok, size);
    size = 20000;
    ok = SetThreadStackGuarantee(&size);
    printf("guarantee 20000: ok=%d previous=%lu\n", ok, size);
    size = 4096;
    ok = SetThreadStackGuarantee(&size);
    printf("guarantee 4096: ok=%d previous=%lu\n", ok, size);
    size = 0;
    ok = SetThreadStackGuarantee(&size);
    printf("guarantee query: ok=%d previous=%lu\n", ok, size);
    size = 0x40000000;
    SetLastError(0);
    ok = SetThreadStackGuarantee(&size);
    printf("guarantee 1 GiB: ok=%d error=%lu previous=%lu\n", ok, GetLastError(), size);

    /* the I/O pending flag */
    BOOL pending = 7;
    ok = GetThreadIOPendingFlag(GetCurrentThread(), &pending);
    printf("GetThreadIOPendingFlag: ok=%d pending=%d\n", ok, pending);
    SetLastError(0);
    ok = GetThreadIOPendingFlag(NULL, &pending);
    printf("GetThreadIOPendingFlag(NULL): ok=%d error=%lu\n", ok, GetLastError());

    /* CreateRemoteThread(Ex) on the own process: the pseudo handle and a real handle of the own pid */
    DWORD tid = 0;
    HANDLE t = CreateRemoteThread(GetCurrentProcess(), NULL, 0, worker, (void *)41, 0, &tid);
    printf("CreateRemoteThread(self): handle=%d tid matches=%d\n", t != NULL, t && GetThreadId(t) == tid);
    join("remote thread", t);
    HANDLE self = OpenProcess(PROCESS_ALL_ACCESS, FALSE, GetCurrentProcessId());
    t = CreateRemoteThreadEx(self, NULL, 0, worker, (void *)99, 0, NULL, &tid);
    printf("CreateRemoteThreadEx(own pid handle): handle=%d\n", t != NULL);
    join("remote thread ex", t);
    CloseHandle(self);
    SetLastError(0);
    t = CreateRemoteThread(NULL, NULL, 0, worker, NULL, 0, NULL);
    printf("CreateRemoteThread(NULL): handle=%d error=%lu\n", t != NULL, GetLastError());

    HANDLE query = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
    SetLastError(0);
    t = CreateRemoteThread(query, NULL, 0, worker, NULL, 0, NULL);
    printf("CreateRemoteThread(own pid, query-only handle): handle=%d error=%lu\n", t != NULL, GetLastError());
    CloseHandle(query);

    /* priority boost: thread and process */
    BOOL disabled = 7;
    ok = GetThreadPriorityBoost(GetCurrentThread(), &disabled);
    printf("GetThreadPriorityBoost: ok=%d disabled=%d\n", ok, disabled);
    ok = SetThreadPriorityBoost(GetCurrentThread(), TRUE);
    GetThreadPriorityBoost(GetCurrentThread(), &disabled);
    printf("SetThreadPriorityBoost(TRUE): ok=%d now disabled=%d\n", ok, disabled);
    ok = GetProcessPriorityBoost(GetCurrentProcess(), &disabled);
    printf("GetProcessPriorityBoost: ok=%d disabled=%d\n", ok, disabled);
    ok = SetProcessPriorityBoost(GetCurrentProcess(), TRUE);
    GetProcessPriorityBoost(GetCurrentProcess(), &disabled);
    printf("SetProcessPriorityBoost(TRUE): ok=%d now disabled=%d\n", ok, disabled);
    SetProcessPriorityBoost(GetCurrentProcess(), FALSE);
    GetProcessPriorityBoost(GetCurrentProcess(), &disabled);
    printf("SetProcessPriorityBoost(FALSE): now disabled=%d\n", disabled);

    /* SwitchToThread returns a BOOL either way; it must return */
    BOOL sw = SwitchToThread();
    printf("SwitchToThread returned a BOOL: %d\n", sw == TRUE || sw == FALSE);

    /* the system directory: length protocol */
    char dir[MAX_PATH];
    UINT need = GetSystemDirectoryA(NULL, 0);
    UINT len = GetSystemDirectoryA(dir, sizeof dir);
    printf("GetSystemDirectoryA: need=len+1 %d, ends with \\system32: %d\n", need == len + 1,
           len >= 9 && _stricmp(dir + len - 9, "\\system32") == 0);
    return 0;
}
