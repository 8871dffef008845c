/* System information: versions, processors, memory. */
#include <string.h>

#include "ke/ke.h"
#include "ps/ps.h"
#include "win32/k32.h"

typedef struct _SYSTEM_INFO {
    union {
        DWORD dwOemId;
        struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        };
    };
    DWORD dwPageSize;
    PVOID lpMinimumApplicationAddress;
    PVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO;
static_assert(sizeof(SYSTEM_INFO) == 48, "SYSTEM_INFO");

void WINAPI GetSystemInfo(SYSTEM_INFO *si)
{
    PPEB peb = BaseCurrentPeb();
    memset(si, 0, sizeof *si);
    si->wProcessorArchitecture = 9;   /* PROCESSOR_ARCHITECTURE_AMD64 */
    si->dwPageSize = 0x1000;
    si->lpMinimumApplicationAddress = (PVOID)0x10000;
    si->lpMaximumApplicationAddress = (PVOID)0x7FFFFFFEFFFFull;
    si->dwActiveProcessorMask = peb->ActiveProcessAffinityMask;
    si->dwNumberOfProcessors = peb->NumberOfProcessors;
    si->dwProcessorType = 8664;       /* PROCESSOR_AMD_X8664 */
    si->dwAllocationGranularity = MM_ALLOCATION_GRANULARITY;
    /* The processor's family and model << 8 | stepping, as NtQuerySystemInformation reports them. */
    SYSTEM_PROCESSOR_INFORMATION spi;
    if (NtQuerySystemInformation(SystemProcessorInformation, &spi, sizeof spi, NULL) == STATUS_SUCCESS) {
        si->wProcessorLevel = spi.ProcessorLevel;
        si->wProcessorRevision = spi.ProcessorRevision;
    }
}

void WINAPI GetNativeSystemInfo(SYSTEM_INFO *si)
{
    GetSystemInfo(si);
}

/* GetVersion: build << 16 | minor << 8 | major; programs without a manifest see Windows 8 (6.2) from
 * GetVersionEx, as on Windows 10, but GetVersion reports the same compatibility answer. */
#define COMPAT_MAJOR 6
#define COMPAT_MINOR 2
#define COMPAT_BUILD 9200

DWORD WINAPI GetVersion(void)
{
    return (DWORD)COMPAT_BUILD << 16 | COMPAT_MINOR << 8 | COMPAT_MAJOR;
}

typedef struct _OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
} OSVERSIONINFOEXW;

static_assert(sizeof(OSVERSIONINFOEXW) - offsetof(OSVERSIONINFOEXW, wServicePackMajor) == 8, "version tail");

typedef struct _OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
} OSVERSIONINFOEXA;

/* What follows szCSDVersion in the Ex structures (the A and W ones differ only in szCSDVersion). */
struct version_tail {
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
};

/* The fields GetVersionExA and GetVersionExW share; tail is NULL for the short structures. */
static void fill_version(DWORD *major, DWORD *minor, DWORD *build, DWORD *platform, struct version_tail *tail)
{
    *major = COMPAT_MAJOR;
    *minor = COMPAT_MINOR;
    *build = COMPAT_BUILD;
    *platform = 2;   /* VER_PLATFORM_WIN32_NT */
    if (tail)
        *tail = (struct version_tail){0, 0, 0x100 /* VER_SUITE_SINGLEUSERTS */, 1 /* VER_NT_WORKSTATION */, 0};
}

BOOL WINAPI GetVersionExW(OSVERSIONINFOEXW *v)
{
    bool ex = v->dwOSVersionInfoSize == sizeof *v;
    if (!ex && v->dwOSVersionInfoSize != offsetof(OSVERSIONINFOEXW, wServicePackMajor)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memset(v->szCSDVersion, 0, sizeof v->szCSDVersion);
    fill_version(&v->dwMajorVersion, &v->dwMinorVersion, &v->dwBuildNumber, &v->dwPlatformId,
                 ex ? (struct version_tail *)((BYTE *)v + offsetof(OSVERSIONINFOEXW, wServicePackMajor)) : NULL);
    return TRUE;
}

BOOL WINAPI GetVersionExA(OSVERSIONINFOEXA *v)
{
    bool ex = v->dwOSVersionInfoSize == sizeof *v;
    if (!ex && v->dwOSVersionInfoSize != offsetof(OSVERSIONINFOEXA, wServicePackMajor)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memset(v->szCSDVersion, 0, sizeof v->szCSDVersion);
    fill_version(&v->dwMajorVersion, &v->dwMinorVersion, &v->dwBuildNumber, &v->dwPlatformId,
                 ex ? (struct version_tail *)((BYTE *)v + offsetof(OSVERSIONINFOEXA, wServicePackMajor)) : NULL);
    return TRUE;
}

BOOL WINAPI IsProcessorFeaturePresent(DWORD feature)
{
    return feature < 64 && ((const KUSER_SHARED_DATA *)MM_SHARED_USER_DATA_VA)->ProcessorFeatures[feature];
}

BOOL WINAPI IsWow64Process(HANDLE process, BOOL *wow64)
{
    (void)process;
    *wow64 = FALSE;
    return TRUE;
}

#define MAX_COMPUTERNAME_LENGTH 15

/* The computer name: the session's COMPUTERNAME, which the shell sets from the host name. */
BOOL WINAPI GetComputerNameW(LPWSTR name, LPDWORD size)
{
    WCHAR buf[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD n = GetEnvironmentVariableW(u"COMPUTERNAME", buf, ARRAY_SIZE(buf));
    if (!n || n >= ARRAY_SIZE(buf)) {
        memcpy(buf, u"NTEXEC", 7 * sizeof(WCHAR));
        n = 6;
    }
    if (!name || *size <= n) {
        *size = n + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    memcpy(name, buf, (n + 1) * sizeof(WCHAR));
    *size = n;
    return TRUE;
}

BOOL WINAPI GetComputerNameA(LPSTR name, LPDWORD size)
{
    WCHAR w[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD n = ARRAY_SIZE(w);
    if (!GetComputerNameW(w, &n))
        return FALSE;
    if (!name || *size <= n) {
        *size = n + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    ULONG bytes;
    RtlUnicodeToMultiByteN(name, *size - 1, &bytes, w, n * sizeof(WCHAR));
    name[bytes] = 0;
    *size = bytes;
    return TRUE;
}

/* ---- memory and processor times (NtQuerySystemInformation's machine classes, ke/sysinfo.c) ---- */

typedef struct {
    DWORD dwLength, dwMemoryLoad;
    ULONGLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile, ullTotalVirtual, ullAvailVirtual,
        ullAvailExtendedVirtual;
} MEMORYSTATUSEX;
static_assert(sizeof(MEMORYSTATUSEX) == 64, "MEMORYSTATUSEX");

typedef struct {
    DWORD dwLength, dwMemoryLoad;
    SIZE_T dwTotalPhys, dwAvailPhys, dwTotalPageFile, dwAvailPageFile, dwTotalVirtual, dwAvailVirtual;
} MEMORYSTATUS;
static_assert(sizeof(MEMORYSTATUS) == 56, "MEMORYSTATUS");

#define SystemBasicInformation                0
#define SystemPerformanceInformation          2
#define SystemProcessorPerformanceInformation 8

typedef struct {
    ULONG Reserved, TimerResolution, PageSize, NumberOfPhysicalPages, LowestPhysicalPageNumber,
        HighestPhysicalPageNumber, AllocationGranularity;
    ULONG_PTR MinimumUserModeAddress, MaximumUserModeAddress, ActiveProcessorsAffinityMask;
    CHAR NumberOfProcessors;
} SYSTEM_BASIC_INFORMATION;

typedef struct {
    LARGE_INTEGER IdleProcessTime, IoReadTransferCount, IoWriteTransferCount, IoOtherTransferCount;
    ULONG IoReadOperationCount, IoWriteOperationCount, IoOtherOperationCount;
    ULONG AvailablePages, CommittedPages, CommitLimit, PeakCommitment;
    BYTE rest[312 - 64];
} SYSTEM_PERFORMANCE_INFORMATION;
static_assert(sizeof(SYSTEM_PERFORMANCE_INFORMATION) == 312, "SYSTEM_PERFORMANCE_INFORMATION");

/* The large page of x86-64, 2 MiB: what Windows answers there (VirtualAlloc's MEM_LARGE_PAGES itself needs
 * SeLockMemoryPrivilege, which no ntexec token holds). */
SIZE_T WINAPI GetLargePageMinimum(void)
{
    return 2 * 1024 * 1024;
}

/*
 * Physical memory and the commit charge of the machine; the virtual figures are this process's user
 * address space, less what its mappings take (ProcessVmCounters' VirtualSize).
 */
BOOL WINAPI GlobalMemoryStatusEx(MEMORYSTATUSEX *m)
{
    if (m->dwLength != sizeof *m) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SYSTEM_BASIC_INFORMATION basic;
    SYSTEM_PERFORMANCE_INFORMATION perf;
    NTSTATUS status = NtQuerySystemInformation(SystemBasicInformation, &basic, sizeof basic, NULL);
    if (status == STATUS_SUCCESS)
        status = NtQuerySystemInformation(SystemPerformanceInformation, &perf, sizeof perf, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    ULONGLONG page = basic.PageSize;
    m->ullTotalPhys = (ULONGLONG)basic.NumberOfPhysicalPages * page;
    m->ullAvailPhys = (ULONGLONG)perf.AvailablePages * page;
    if (m->ullAvailPhys > m->ullTotalPhys)
        m->ullAvailPhys = m->ullTotalPhys;
    m->ullTotalPageFile = (ULONGLONG)perf.CommitLimit * page;
    m->ullAvailPageFile = perf.CommitLimit > perf.CommittedPages
                              ? (ULONGLONG)(perf.CommitLimit - perf.CommittedPages) * page : 0;
    m->ullTotalVirtual = basic.MaximumUserModeAddress - basic.MinimumUserModeAddress + 1;
    SIZE_T vm[12];
    ULONGLONG used = 0;
    if (NtQueryInformationProcess(NtCurrentProcess(), 3 /* ProcessVmCounters */, vm, sizeof vm, NULL) ==
        STATUS_SUCCESS)
        used = vm[1];   /* VirtualSize */
    m->ullAvailVirtual = used < m->ullTotalVirtual ? m->ullTotalVirtual - used : 0;
    m->ullAvailExtendedVirtual = 0;
    m->dwMemoryLoad = m->ullTotalPhys ? (DWORD)((m->ullTotalPhys - m->ullAvailPhys) * 100 / m->ullTotalPhys) : 0;
    return TRUE;
}

void WINAPI GlobalMemoryStatus(MEMORYSTATUS *m)
{
    MEMORYSTATUSEX ex = {.dwLength = sizeof ex};
    memset(m, 0, sizeof *m);
    m->dwLength = sizeof *m;
    if (!GlobalMemoryStatusEx(&ex))
        return;
    m->dwMemoryLoad = ex.dwMemoryLoad;
    m->dwTotalPhys = ex.ullTotalPhys;
    m->dwAvailPhys = ex.ullAvailPhys;
    m->dwTotalPageFile = ex.ullTotalPageFile;
    m->dwAvailPageFile = ex.ullAvailPageFile;
    m->dwTotalVirtual = ex.ullTotalVirtual;
    m->dwAvailVirtual = ex.ullAvailVirtual;
}

/* Windows reads the memory the firmware's SMBIOS tables list; the host's total is the figure here (it
 * leaves out what the firmware and kernel reserve, so it is a little lower than a Windows machine shows). */
BOOL WINAPI GetPhysicallyInstalledSystemMemory(ULONGLONG *kilobytes)
{
    if (!kilobytes) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SYSTEM_BASIC_INFORMATION basic;
    NTSTATUS status = NtQuerySystemInformation(SystemBasicInformation, &basic, sizeof basic, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    *kilobytes = (ULONGLONG)basic.NumberOfPhysicalPages * basic.PageSize / 1024;
    return TRUE;
}

typedef struct {
    LARGE_INTEGER IdleTime, KernelTime, UserTime, DpcTime, InterruptTime;
    ULONG InterruptCount;
} SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION;

/* The processors' idle, kernel (idle included) and user times summed, as FILETIMEs. */
BOOL WINAPI GetSystemTimes(LPFILETIME idle, LPFILETIME kernel, LPFILETIME user)
{
    enum { MAX = 256 };
    SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION *p =
        RtlAllocateHeap(RtlGetProcessHeap(), 0, MAX * sizeof *p);
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    ULONG got = 0;
    NTSTATUS status = NtQuerySystemInformation(SystemProcessorPerformanceInformation, p, MAX * sizeof *p, &got);
    ULONGLONG sum[3] = {0};
    for (ULONG i = 0; status == STATUS_SUCCESS && i < got / sizeof *p; i++) {
        sum[0] += (ULONGLONG)p[i].IdleTime.QuadPart;
        sum[1] += (ULONGLONG)p[i].KernelTime.QuadPart;
        sum[2] += (ULONGLONG)p[i].UserTime.QuadPart;
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, p);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    LPFILETIME out[3] = {idle, kernel, user};
    for (int i = 0; i < 3; i++)
        if (out[i])
            *out[i] = (FILETIME){(DWORD)sum[i], (DWORD)(sum[i] >> 32)};
    return TRUE;
}

/* ---- Windows Error Reporting: the registrations are kept and answered; no report is ever collected or
 * sent (there is no WER service), which a program cannot tell from a machine with reporting turned off. ---- */

typedef LONG HRESULT;
#define S_OK 0
#define E_INVALIDARG ((HRESULT)0x80070057)
#define WER_E_NOT_FOUND ((HRESULT)0x80070490)   /* HRESULT_FROM_WIN32(ERROR_NOT_FOUND) */
#define WER_MAX_REGISTERED_ENTRIES 512
#define WER_E_FULL ((HRESULT)0x8007000E)        /* E_OUTOFMEMORY when the table is full */

static DWORD wer_flags;
static struct {
    PVOID address;
    WCHAR *file;
} wer_entries[WER_MAX_REGISTERED_ENTRIES];
static volatile LONG wer_lock;

static void wer_acquire(void)
{
    while (__atomic_exchange_n(&wer_lock, 1, __ATOMIC_ACQUIRE))
        NtYieldExecution();
}

static void wer_release(void)
{
    __atomic_store_n(&wer_lock, 0, __ATOMIC_RELEASE);
}

HRESULT WINAPI WerSetFlags(DWORD flags)
{
    wer_flags = flags;
    return S_OK;
}

HRESULT WINAPI WerGetFlags(HANDLE process, LPDWORD flags)
{
    if (!flags)
        return E_INVALIDARG;
    if (process != NtCurrentProcess() && GetProcessId(process) != GetCurrentProcessId()) {
        *flags = 0;   /* another process's flags live in that process; none are set there that we know of */
        return S_OK;
    }
    *flags = wer_flags;
    return S_OK;
}

static size_t wcslen16(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static HRESULT wer_add(PVOID address, const WCHAR *file)
{
    HRESULT hr = WER_E_FULL;
    WCHAR *copy = NULL;
    if (file) {
        size_t n = wcslen16(file);
        if (!(copy = RtlAllocateHeap(RtlGetProcessHeap(), 0, (n + 1) * sizeof(WCHAR))))
            return WER_E_FULL;
        memcpy(copy, file, (n + 1) * sizeof(WCHAR));
    }
    wer_acquire();
    for (size_t i = 0; i < WER_MAX_REGISTERED_ENTRIES; i++)
        if (!wer_entries[i].address && !wer_entries[i].file) {
            wer_entries[i].address = address;
            wer_entries[i].file = copy;
            hr = S_OK;
            break;
        }
    wer_release();
    if (hr != S_OK && copy)
        RtlFreeHeap(RtlGetProcessHeap(), 0, copy);
    return hr;
}

static HRESULT wer_remove(PVOID address, const WCHAR *file)
{
    HRESULT hr = WER_E_NOT_FOUND;
    wer_acquire();
    for (size_t i = 0; i < WER_MAX_REGISTERED_ENTRIES; i++) {
        bool match = file ? wer_entries[i].file && !RtlCompareUnicodeStrings(wer_entries[i].file,
                                                                            wcslen16(wer_entries[i].file), file,
                                                                            wcslen16(file), TRUE)
                          : wer_entries[i].address == address && !wer_entries[i].file;
        if (match && (file || address)) {
            if (wer_entries[i].file)
                RtlFreeHeap(RtlGetProcessHeap(), 0, wer_entries[i].file);
            wer_entries[i].address = NULL;
            wer_entries[i].file = NULL;
            hr = S_OK;
            break;
        }
    }
    wer_release();
    return hr;
}

HRESULT WINAPI WerRegisterMemoryBlock(PVOID address, DWORD size)
{
    if (!address || !size)
        return E_INVALIDARG;
    return wer_add(address, NULL);
}

HRESULT WINAPI WerUnregisterMemoryBlock(PVOID address)
{
    return wer_remove(address, NULL);
}

HRESULT WINAPI WerRegisterFile(LPCWSTR file, int type, DWORD flags)
{
    (void)flags;
    if (!file || !*file || type < 1 || type > 5)   /* WerRegFileTypeUserDocument .. WerRegFileTypeOther */
        return E_INVALIDARG;
    return wer_add(NULL, file);
}

HRESULT WINAPI WerUnregisterFile(LPCWSTR file)
{
    if (!file)
        return E_INVALIDARG;
    return wer_remove(NULL, file);
}

HRESULT WINAPI WerRegisterRuntimeExceptionModule(LPCWSTR dll, PVOID context)
{
    (void)context;
    if (!dll || !*dll)
        return E_INVALIDARG;
    return wer_add(NULL, dll);
}

HRESULT WINAPI WerUnregisterRuntimeExceptionModule(LPCWSTR dll, PVOID context)
{
    (void)context;
    if (!dll)
        return E_INVALIDARG;
    return wer_remove(NULL, dll);
}

/* ---- processor topology (SystemLogicalProcessorInformation, from the host's /sys) ---- */

#define SystemLogicalProcessorInformation 73

/* The records are SYSTEM_LOGICAL_PROCESSOR_INFORMATION as winnt.h lays them out (32 bytes each); a buffer too
 * small gets ERROR_INSUFFICIENT_BUFFER and the size needed. */
BOOL WINAPI GetLogicalProcessorInformation(PVOID buffer, LPDWORD length)
{
    if (!length) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG need = 0;
    NTSTATUS status = NtQuerySystemInformation(SystemLogicalProcessorInformation, buffer, *length, &need);
    if (status == STATUS_INFO_LENGTH_MISMATCH) {
        *length = need;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    *length = need;
    return TRUE;
}

/* The winnt.h record GetLogicalProcessorInformation returns. */
typedef struct {
    ULONG_PTR ProcessorMask;
    LONG Relationship;
    union {
        BYTE Flags;
        struct {
            BYTE Level, Associativity;
            WORD LineSize;
            DWORD Size;
            LONG Type;
        } Cache;
        ULONGLONG Reserved[2];
    };
} LPI;

enum { REL_CORE, REL_NUMA, REL_CACHE, REL_PACKAGE, REL_GROUP, REL_ALL = 0xFFFF };

/* The size of one SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX record of a relation (one GROUP_AFFINITY each). */
static DWORD ex_size(LONG rel)
{
    switch (rel) {
    case REL_CORE:
    case REL_PACKAGE: return 48;   /* header 8 + PROCESSOR_RELATIONSHIP 24 + GROUP_AFFINITY 16 */
    case REL_NUMA:    return 48;   /* header 8 + NUMA_NODE_RELATIONSHIP 24 + GROUP_AFFINITY 16 */
    case REL_CACHE:   return 56;   /* header 8 + CACHE_RELATIONSHIP 32 + GROUP_AFFINITY 16 */
    case REL_GROUP:   return 80;   /* header 8 + GROUP_RELATIONSHIP 24 + PROCESSOR_GROUP_INFO 48 */
    default:          return 0;
    }
}

static void put_affinity(BYTE *at, ULONG_PTR mask)
{
    memset(at, 0, 16);
    memcpy(at, &mask, sizeof mask);   /* GROUP_AFFINITY: Mask, Group 0 */
}

/* Writes one record at out (which has room) from a basic record; returns its size. */
static DWORD fill_ex(BYTE *out, LONG rel, const LPI *r, ULONG_PTR all, DWORD ncpus)
{
    DWORD size = ex_size(rel);
    memset(out, 0, size);
    memcpy(out, &rel, 4);
    memcpy(out + 4, &size, 4);
    BYTE *body = out + 8;
    WORD one = 1;
    switch (rel) {
    case REL_CORE:
    case REL_PACKAGE:
        body[0] = rel == REL_CORE ? r->Flags : 0;
        memcpy(body + 22, &one, 2);   /* GroupCount */
        put_affinity(body + 24, r->ProcessorMask);
        break;
    case REL_NUMA:
        memcpy(body + 22, &one, 2);   /* NodeNumber 0, GroupCount 1 */
        put_affinity(body + 24, r->ProcessorMask);
        break;
    case REL_CACHE:
        body[0] = r->Cache.Level;
        body[1] = r->Cache.Associativity;
        memcpy(body + 2, &r->Cache.LineSize, 2);
        memcpy(body + 4, &r->Cache.Size, 4);
        memcpy(body + 8, &r->Cache.Type, 4);
        memcpy(body + 30, &one, 2);   /* GroupCount */
        put_affinity(body + 32, r->ProcessorMask);
        break;
    case REL_GROUP:
        memcpy(body, &one, 2);        /* MaximumGroupCount */
        memcpy(body + 2, &one, 2);    /* ActiveGroupCount */
        body[24] = (BYTE)ncpus;       /* MaximumProcessorCount */
        body[25] = (BYTE)ncpus;       /* ActiveProcessorCount */
        memcpy(body + 24 + 40, &all, sizeof all);
        break;
    }
    return size;
}

/*
 * The variable-size records of the relations asked for (RelationAll: every kind), from the same topology as
 * GetLogicalProcessorInformation, in one processor group. A buffer too small gets ERROR_INSUFFICIENT_BUFFER and
 * the size needed.
 */
BOOL WINAPI GetLogicalProcessorInformationEx(LONG relationship, PVOID buffer, LPDWORD length)
{
    if (!length || (relationship != REL_ALL && (relationship < REL_CORE || relationship > REL_GROUP))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD basic_len = 0;
    GetLogicalProcessorInformation(NULL, &basic_len);
    LPI *basic = RtlAllocateHeap(RtlGetProcessHeap(), 0, basic_len ? basic_len : 1);
    if (!basic) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    if (!GetLogicalProcessorInformation(basic, &basic_len)) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, basic);
        return FALSE;
    }
    DWORD n = basic_len / sizeof *basic, need = 0, ncpus = 0;
    ULONG_PTR all = 0;
    for (DWORD i = 0; i < n; i++)
        if (basic[i].Relationship == REL_CORE)
            all |= basic[i].ProcessorMask;
    for (ULONG_PTR m = all; m; m &= m - 1)
        ncpus++;
    for (DWORD i = 0; i < n; i++)
        if (relationship == REL_ALL || basic[i].Relationship == relationship)
            need += ex_size(basic[i].Relationship);
    if (relationship == REL_ALL || relationship == REL_GROUP)
        need += ex_size(REL_GROUP);
    BOOL ok = *length >= need && buffer;
    if (ok) {
        BYTE *out = buffer;
        for (DWORD i = 0; i < n; i++)
            if (relationship == REL_ALL || basic[i].Relationship == relationship)
                out += fill_ex(out, basic[i].Relationship, &basic[i], all, ncpus);
        if (relationship == REL_ALL || relationship == REL_GROUP)
            fill_ex(out, REL_GROUP, NULL, all, ncpus);
    } else
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
    *length = need;
    RtlFreeHeap(RtlGetProcessHeap(), 0, basic);
    return ok;
}
