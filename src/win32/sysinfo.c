/* System information: versions, processors, memory. */
#include <string.h>

#include "ke/ke.h"
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
