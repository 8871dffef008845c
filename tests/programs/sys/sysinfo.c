/* System information: GlobalMemoryStatus(Ex), GetPhysicallyInstalledSystemMemory, GetSystemTimes, GetNativeSystemInfo
 * and the Windows Error Reporting registrations. Machine-dependent figures are printed as relations that hold on
 * every machine (totals non-zero, available within total, times growing), not as numbers. */
#include <stdio.h>
#include <windows.h>

/* mingw-w64's werapi.h does not compile on its own; the functions are kernel32's, found by name */
typedef HRESULT(WINAPI *flags_set)(DWORD);
typedef HRESULT(WINAPI *flags_get)(HANDLE, PDWORD);
typedef HRESULT(WINAPI *block_reg)(PVOID, DWORD);
typedef HRESULT(WINAPI *block_unreg)(PVOID);
typedef HRESULT(WINAPI *file_reg)(PCWSTR, int, DWORD);
typedef HRESULT(WINAPI *file_unreg)(PCWSTR);
#define WER_FAULT_REPORTING_FLAG_NOHEAP 1
#define WerRegFileTypeOther 5

static ULONGLONG ft(FILETIME f)
{
    return (ULONGLONG)f.dwHighDateTime << 32 | f.dwLowDateTime;
}

int main(void)
{
    MEMORYSTATUSEX m = {0};
    SetLastError(0);
    BOOL ok = GlobalMemoryStatusEx(&m);
    printf("GlobalMemoryStatusEx(dwLength 0): %d err=%lu\n", ok, GetLastError());
    m.dwLength = sizeof m;
    ok = GlobalMemoryStatusEx(&m);
    printf("GlobalMemoryStatusEx: %d total>0=%d avail<=total=%d load<=100=%d pagefile>=avail=%d "
           "virtual=%llx availvirtual<=virtual=%d extended=%llu\n",
           ok, m.ullTotalPhys > 0, m.ullAvailPhys <= m.ullTotalPhys, m.dwMemoryLoad <= 100,
           m.ullTotalPageFile >= m.ullAvailPageFile, m.ullTotalVirtual, m.ullAvailVirtual <= m.ullTotalVirtual,
           m.ullAvailExtendedVirtual);
    MEMORYSTATUS s = {0};
    GlobalMemoryStatus(&s);
    printf("GlobalMemoryStatus: length=%lu same total=%d\n", s.dwLength, s.dwTotalPhys == m.ullTotalPhys);

    ULONGLONG kb = 0;
    ok = GetPhysicallyInstalledSystemMemory(&kb);
    printf("GetPhysicallyInstalledSystemMemory: %d at least total=%d\n", ok, kb * 1024 >= m.ullTotalPhys);
    SetLastError(0);
    ok = GetPhysicallyInstalledSystemMemory(NULL);
    printf("GetPhysicallyInstalledSystemMemory(NULL): %d err=%lu\n", ok, GetLastError());

    FILETIME idle, kernel, user, idle2, kernel2, user2;
    ok = GetSystemTimes(&idle, &kernel, &user);
    volatile unsigned spin = 0;
    for (unsigned i = 0; i < 100000000; i++)
        spin += i;
    BOOL ok2 = GetSystemTimes(&idle2, &kernel2, &user2);
    printf("GetSystemTimes: %d %d kernel>=idle=%d user>0=%d growing=%d\n", ok, ok2, ft(kernel) >= ft(idle),
           ft(user) > 0, ft(kernel2) + ft(user2) >= ft(kernel) + ft(user));
    printf("GetSystemTimes(NULLs): %d\n", GetSystemTimes(NULL, NULL, &user));

    SYSTEM_INFO si;
    GetNativeSystemInfo(&si);
    printf("GetNativeSystemInfo: arch=%u page=%lu granularity=%lx cpus>0=%d\n", si.wProcessorArchitecture,
           si.dwPageSize, si.dwAllocationGranularity, si.dwNumberOfProcessors > 0);

    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    flags_set WerSetFlags = (flags_set)GetProcAddress(k32, "WerSetFlags");
    flags_get WerGetFlags = (flags_get)GetProcAddress(k32, "WerGetFlags");
    block_reg WerRegisterMemoryBlock = (block_reg)GetProcAddress(k32, "WerRegisterMemoryBlock");
    block_unreg WerUnregisterMemoryBlock = (block_unreg)GetProcAddress(k32, "WerUnregisterMemoryBlock");
    file_reg WerRegisterFile = (file_reg)GetProcAddress(k32, "WerRegisterFile");
    file_unreg WerUnregisterFile = (file_unreg)GetProcAddress(k32, "WerUnregisterFile");
    if (!WerSetFlags || !WerGetFlags || !WerRegisterMemoryBlock || !WerUnregisterMemoryBlock || !WerRegisterFile ||
        !WerUnregisterFile) {
        printf("Wer functions missing\n");
        return 1;
    }
    static char block[64];
    DWORD flags = 7;
    printf("WerSetFlags: %lx\n", (unsigned long)WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP));
    printf("WerGetFlags: %lx flags=%lx\n", (unsigned long)WerGetFlags(GetCurrentProcess(), &flags), flags);
    printf("WerRegisterMemoryBlock: %lx\n", (unsigned long)WerRegisterMemoryBlock(block, sizeof block));
    printf("WerUnregisterMemoryBlock: %lx\n", (unsigned long)WerUnregisterMemoryBlock(block));
    printf("WerUnregisterMemoryBlock again: %lx\n", (unsigned long)WerUnregisterMemoryBlock(block));
    printf("WerRegisterFile: %lx\n", (unsigned long)WerRegisterFile(L"C:\\log.txt", WerRegFileTypeOther, 0));
    printf("WerUnregisterFile: %lx\n", (unsigned long)WerUnregisterFile(L"C:\\log.txt"));
    printf("WerUnregisterFile again: %lx\n", (unsigned long)WerUnregisterFile(L"C:\\log.txt"));
    return 0;
}
