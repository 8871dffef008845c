/*
 * KUSER_SHARED_DATA at 0x7FFE0000: read-only for the guest, written through a second mapping of the
 * same page. Compiled code reads the version numbers, processor features and clocks from it directly.
 */
#include <string.h>

#include "host/host.h"
#include "ke/ke.h"

KUSER_SHARED_DATA *KiSharedUserDataWritable;

/* PF_* indexes of KUSER_SHARED_DATA.ProcessorFeatures that every x86-64 CPU ntexec runs on has. */
static const unsigned x64_features[] = {
    2,  /* PF_COMPARE_EXCHANGE_DOUBLE */
    3,  /* PF_MMX_INSTRUCTIONS_AVAILABLE */
    6,  /* PF_XMMI_INSTRUCTIONS_AVAILABLE (SSE) */
    8,  /* PF_RDTSC_INSTRUCTION_AVAILABLE */
    9,  /* PF_PAE_ENABLED */
    10, /* PF_XMMI64_INSTRUCTIONS_AVAILABLE (SSE2) */
    12, /* PF_NX_ENABLED */
    13, /* PF_SSE3_INSTRUCTIONS_AVAILABLE */
    14, /* PF_COMPARE_EXCHANGE128 */
    23, /* PF_FASTFAIL_AVAILABLE */
};

static void write_ksystem_time(volatile KSYSTEM_TIME *t, uint64_t value)
{
    /* Readers loop until High1Time == High2Time, so High2Time goes first and High1Time last. */
    t->High2Time = (LONG)(value >> 32);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    t->LowPart = (ULONG)value;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    t->High1Time = (LONG)(value >> 32);
}

void KeUpdateSystemTime(void)
{
    KUSER_SHARED_DATA *k = KiSharedUserDataWritable;
    if (!k)
        return;
    /* CLOCK_MONOTONIC counts from boot, as the Windows tick count and interrupt time do. */
    uint64_t since_boot = host_monotonic_ns(), system_time = host_system_time();
    write_ksystem_time(&k->InterruptTime, since_boot / 100);
    write_ksystem_time(&k->SystemTime, system_time);
    uint64_t ms = since_boot / 1000000u;
    write_ksystem_time(&k->TickCount, ms);
    k->TickCountLowDeprecated = (ULONG)ms;
    /* The time zone bias (UTC - local, 100 ns units) is looked up again at most once a second. */
    static volatile int64_t bias_second = -1;
    int64_t now = (int64_t)(system_time / 10000000u) - 11644473600LL;
    if (now != bias_second) {
        int dst;
        const char *name;
        int64_t offset = host_utc_offset(now, &dst, &name);
        write_ksystem_time(&k->TimeZoneBias, (uint64_t)(-offset * 10000000LL));
        bias_second = now;
    }
}

NTSTATUS KiInitializeSharedUserData(void)
{
    void *rw;
    NTSTATUS status = host_map_shared_page((void *)MM_SHARED_USER_DATA_VA, host_page_size(), &rw);
    if (status != STATUS_SUCCESS)
        return status;
    KUSER_SHARED_DATA *k = rw;
    memset(k, 0, sizeof *k);
    /* TickCount holds milliseconds; a multiplier of 1.0 in 8.24 fixed point keeps GetTickCount exact. */
    k->TickCountMultiplier = 1u << 24;
    static const char root[] = "C:\\Windows";
    for (size_t i = 0; i < sizeof root; i++)
        k->NtSystemRoot[i] = (WCHAR)root[i];
    k->NtBuildNumber = NTEXEC_OS_BUILD;
    k->NtProductType = 1;   /* NtProductWinNt: a workstation */
    k->ProductTypeIsValid = TRUE;
    k->NativeProcessorArchitecture = 9;  /* PROCESSOR_ARCHITECTURE_AMD64 */
    k->NtMajorVersion = NTEXEC_OS_MAJOR;
    k->NtMinorVersion = NTEXEC_OS_MINOR;
    for (size_t i = 0; i < ARRAY_SIZE(x64_features); i++)
        k->ProcessorFeatures[x64_features[i]] = TRUE;
    k->NumberOfPhysicalPages = (ULONG)host_physical_pages();
    k->ActiveConsoleId = 1;
    host_random(&k->Cookie, sizeof k->Cookie);
    KiSharedUserDataWritable = k;
    KeUpdateSystemTime();
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQuerySystemTime(PLARGE_INTEGER time)
{
    if (!time)
        return STATUS_ACCESS_VIOLATION;
    time->QuadPart = (LONGLONG)host_system_time();
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return KeDelayExecution(alertable, timeout);
}

NTSTATUS WINAPI NtYieldExecution(void)
{
    host_yield();
    return STATUS_SUCCESS;
}
