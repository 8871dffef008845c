/*
 * KUSER_SHARED_DATA at 0x7FFE0000: read-only for the guest, written through a second mapping of the
 * same page. Compiled code reads the version numbers, processor features and clocks from it directly.
 */
#include <string.h>

#include "host/host.h"
#include "ke/ke.h"

KUSER_SHARED_DATA *KiSharedUserDataWritable;

/* Processor level and revision as Windows reports them (SYSTEM_INFO, PROCESSOR_LEVEL/REVISION): the family
 * (plus the extended family for family 0xF), and display model << 8 | stepping, the model including the
 * extended model for families 6 and 0xF. Set by KiInitializeSharedUserData. */
USHORT KeProcessorLevel, KeProcessorRevision;

enum {
    PF_COMPARE_EXCHANGE_DOUBLE = 2, PF_MMX_INSTRUCTIONS_AVAILABLE = 3, PF_XMMI_INSTRUCTIONS_AVAILABLE = 6,
    PF_3DNOW_INSTRUCTIONS_AVAILABLE = 7, PF_RDTSC_INSTRUCTION_AVAILABLE = 8, PF_PAE_ENABLED = 9,
    PF_XMMI64_INSTRUCTIONS_AVAILABLE = 10, PF_SSE_DAZ_MODE_AVAILABLE = 11, PF_NX_ENABLED = 12,
    PF_SSE3_INSTRUCTIONS_AVAILABLE = 13, PF_COMPARE_EXCHANGE128 = 14, PF_XSAVE_ENABLED = 17,
    PF_SECOND_LEVEL_ADDRESS_TRANSLATION = 20, PF_VIRT_FIRMWARE_ENABLED = 21, PF_RDWRFSGSBASE_AVAILABLE = 22,
    PF_FASTFAIL_AVAILABLE = 23, PF_RDRAND_INSTRUCTION_AVAILABLE = 28, PF_RDTSCP_INSTRUCTION_AVAILABLE = 32,
    PF_RDPID_INSTRUCTION_AVAILABLE = 33, PF_MONITORX_INSTRUCTION_AVAILABLE = 35, PF_SSSE3_INSTRUCTIONS_AVAILABLE = 36,
    PF_SSE4_1_INSTRUCTIONS_AVAILABLE = 37, PF_SSE4_2_INSTRUCTIONS_AVAILABLE = 38, PF_AVX_INSTRUCTIONS_AVAILABLE = 39,
    PF_AVX2_INSTRUCTIONS_AVAILABLE = 40, PF_AVX512F_INSTRUCTIONS_AVAILABLE = 41, PF_ERMS_AVAILABLE = 42,
};

#define BIT(r, n) (((r) >> (n)) & 1u)

/* KUSER_SHARED_DATA.ProcessorFeatures from CPUID, as Windows fills it: an instruction set counts only when
 * the processor has it and the kernel enabled its register state (XCR0) or the instructions (FSGSBASE).
 * The PF_* values Windows defines for other architectures (ARM, Itanium, Alpha, PowerPC) stay FALSE. */
static void KiSetProcessorFeatures(BOOLEAN *pf)
{
    uint32_t l1[4], l7[4], e1[4], ea[4], max_ext[4];
    host_cpuid(1, 0, l1);
    host_cpuid(7, 0, l7);
    host_cpuid(0x80000000u, 0, max_ext);
    if (max_ext[0] >= 0x80000001u)
        host_cpuid(0x80000001u, 0, e1);
    else
        memset(e1, 0, sizeof e1);
    uint64_t xcr0 = host_xcr0();
    bool avx_state = (xcr0 & 0x6) == 0x6;              /* XMM and YMM */
    bool avx512_state = avx_state && (xcr0 & 0xE0) == 0xE0;   /* opmask, ZMM_Hi256, Hi16_ZMM */
    pf[PF_COMPARE_EXCHANGE_DOUBLE] = BIT(l1[3], 8);
    pf[PF_MMX_INSTRUCTIONS_AVAILABLE] = BIT(l1[3], 23);
    pf[PF_XMMI_INSTRUCTIONS_AVAILABLE] = BIT(l1[3], 25);
    pf[PF_3DNOW_INSTRUCTIONS_AVAILABLE] = BIT(e1[3], 31);
    pf[PF_RDTSC_INSTRUCTION_AVAILABLE] = BIT(l1[3], 4);
    pf[PF_PAE_ENABLED] = BIT(l1[3], 6);
    pf[PF_XMMI64_INSTRUCTIONS_AVAILABLE] = BIT(l1[3], 26);
    pf[PF_SSE_DAZ_MODE_AVAILABLE] = BIT(l1[3], 24) && host_sse_daz();   /* FXSR, then FXSAVE's mask */
    pf[PF_NX_ENABLED] = BIT(e1[3], 20);
    pf[PF_SSE3_INSTRUCTIONS_AVAILABLE] = BIT(l1[2], 0);
    pf[PF_COMPARE_EXCHANGE128] = BIT(l1[2], 13);
    pf[PF_XSAVE_ENABLED] = BIT(l1[2], 26) && BIT(l1[2], 27);
    /* Hardware virtualization: whether the firmware left VMX on, and Intel's EPT, take MSRs that only the
     * kernel reads, so /proc/cpuinfo answers (read only on such processors: it costs tens of microseconds).
     * AMD reports nested paging in CPUID; its firmware switch (VM_CR.SVMDIS) is not in cpuinfo either. */
    bool svm = BIT(e1[2], 2), vmx = BIT(l1[2], 5);
    if (svm) {
        pf[PF_VIRT_FIRMWARE_ENABLED] = TRUE;
        if (max_ext[0] >= 0x8000000Au) {
            host_cpuid(0x8000000Au, 0, ea);
            pf[PF_SECOND_LEVEL_ADDRESS_TRANSLATION] = BIT(ea[3], 0);
        }
    } else if (vmx) {   /* Linux drops "vmx" when the firmware locked VMX off */
        static const char *const names[] = {"vmx", "ept"};
        unsigned found = host_cpuinfo_flags(names, 2);
        pf[PF_VIRT_FIRMWARE_ENABLED] = (found & 1) != 0;
        pf[PF_SECOND_LEVEL_ADDRESS_TRANSLATION] = found == 3;
    }
    pf[PF_RDWRFSGSBASE_AVAILABLE] = BIT(l7[1], 0) && host_fsgsbase_enabled();
    pf[PF_FASTFAIL_AVAILABLE] = TRUE;   /* every Windows since 8 (int 0x29 is the fault handler's business) */
    pf[PF_RDRAND_INSTRUCTION_AVAILABLE] = BIT(l1[2], 30);
    pf[PF_RDTSCP_INSTRUCTION_AVAILABLE] = BIT(e1[3], 27);
    pf[PF_RDPID_INSTRUCTION_AVAILABLE] = BIT(l7[2], 22);
    pf[PF_MONITORX_INSTRUCTION_AVAILABLE] = BIT(e1[2], 29);
    pf[PF_SSSE3_INSTRUCTIONS_AVAILABLE] = BIT(l1[2], 9);
    pf[PF_SSE4_1_INSTRUCTIONS_AVAILABLE] = BIT(l1[2], 19);
    pf[PF_SSE4_2_INSTRUCTIONS_AVAILABLE] = BIT(l1[2], 20);
    pf[PF_AVX_INSTRUCTIONS_AVAILABLE] = BIT(l1[2], 28) && avx_state;
    pf[PF_AVX2_INSTRUCTIONS_AVAILABLE] = BIT(l7[1], 5) && avx_state;
    pf[PF_AVX512F_INSTRUCTIONS_AVAILABLE] = BIT(l7[1], 16) && avx512_state;
    pf[PF_ERMS_AVAILABLE] = BIT(l7[1], 9);

    unsigned family = (l1[0] >> 8) & 0xF, model = (l1[0] >> 4) & 0xF, stepping = l1[0] & 0xF;
    if (family == 0x6 || family == 0xF)
        model += ((l1[0] >> 16) & 0xF) << 4;
    if (family == 0xF)
        family += (l1[0] >> 20) & 0xFF;
    KeProcessorLevel = (USHORT)family;
    KeProcessorRevision = (USHORT)(model << 8 | stepping);
}

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
    /* Two writers (the clock thread and a caller) must not interleave: a slower one would store an older
     * time after a newer one, and readers would see the interrupt time go back. One writer at a time, and
     * the times are taken inside the lock so that each write is newer than the last. */
    static host_lock writing = HOST_LOCK_INIT;   /* a kernel lock: a thread is not stopped holding it */
    host_lock_acquire(&writing);
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
    host_lock_release(&writing);
}

/*
 * Programs read KUSER_SHARED_DATA directly (Go's runtime reads InterruptTime and SystemTime at 0x7FFE0008
 * and 0x7FFE0014 for nanotime and walltime, without any call), so the page must advance by itself, as
 * the clock interrupt makes it on Windows: KeUpdateSystemTime runs every KE_CLOCK_INTERVAL_NS on the
 * kernel's service thread (host/signal.c, started by ps/init.c; it also receives the console signals),
 * a host thread without a TEB. The Win32 clock functions read the host's clocks themselves
 * (KeQueryTickCount, KeQueryInterruptTimePrecise: the vDSO, a few ns) rather than refreshing the page on
 * every call. Its cost is 64 wake-ups a second.
 */

NTSTATUS KeQueryRandom(PVOID buffer, ULONG length)
{
    if (length && !buffer)
        return STATUS_ACCESS_VIOLATION;
    host_random(buffer, length);
    return STATUS_SUCCESS;
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
    KiSetProcessorFeatures(k->ProcessorFeatures);
    k->NumberOfPhysicalPages = (ULONG)host_physical_pages();
    k->ActiveConsoleId = 1;
    host_random(&k->Cookie, sizeof k->Cookie);
    static_assert(KE_BUILTIN_DISPATCH_VA - MM_SHARED_USER_DATA_VA >= sizeof(KUSER_SHARED_DATA), "the slot is beyond the structure");
    void (*dispatch)(void) = KiBuiltinDispatch;
    memcpy((char *)rw + (KE_BUILTIN_DISPATCH_VA - MM_SHARED_USER_DATA_VA), &dispatch, sizeof dispatch);
    KiSharedUserDataWritable = k;
    KeUpdateSystemTime();
    return STATUS_SUCCESS;
}

NTSTATUS KiQueryMachineInformation(ULONG info_class, PVOID info, ULONG length, PULONG return_length);

NTSTATUS WINAPI NtQuerySystemInformation(ULONG info_class, PVOID info, ULONG length, PULONG return_length)
{
    if (info_class != SystemProcessorInformation)
        return KiQueryMachineInformation(info_class, info, length, return_length);   /* ke/sysinfo.c */
    if (return_length)
        *return_length = sizeof(SYSTEM_PROCESSOR_INFORMATION);
    if (length != sizeof(SYSTEM_PROCESSOR_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (!info)
        return STATUS_ACCESS_VIOLATION;
    SYSTEM_PROCESSOR_INFORMATION *spi = info;
    spi->ProcessorArchitecture = 9;   /* PROCESSOR_ARCHITECTURE_AMD64 */
    spi->ProcessorLevel = KeProcessorLevel;
    spi->ProcessorRevision = KeProcessorRevision;
    spi->MaximumProcessors = (USHORT)host_cpu_count();
    spi->ProcessorFeatureBits = 0;   /* KF_* bits: not reported */
    return STATUS_SUCCESS;
}

ULONGLONG KeQueryInterruptTimePrecise(void)
{
    return host_monotonic_ns() / 100;
}

ULONGLONG KeQueryTickCount(void)
{
    return host_monotonic_coarse_ns() / 1000000u;
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
