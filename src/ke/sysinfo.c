/*
 * NtQuerySystemInformation's machine-wide classes beyond SystemProcessorInformation: SystemBasicInformation,
 * SystemPerformanceInformation (the memory fields) and SystemProcessorPerformanceInformation (per-processor
 * times), answered from the host (host/sysinfo.c). GlobalMemoryStatusEx and GetSystemTimes read them.
 */
#include <string.h>

#include "host/host.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "nt/memory.h"

#define SystemBasicInformation                0
#define SystemPerformanceInformation          2
#define SystemProcessorPerformanceInformation 8
#define SystemLogicalProcessorInformation     73

typedef struct {
    ULONG Reserved;
    ULONG TimerResolution;
    ULONG PageSize;
    ULONG NumberOfPhysicalPages;
    ULONG LowestPhysicalPageNumber;
    ULONG HighestPhysicalPageNumber;
    ULONG AllocationGranularity;
    ULONG_PTR MinimumUserModeAddress;
    ULONG_PTR MaximumUserModeAddress;
    ULONG_PTR ActiveProcessorsAffinityMask;
    CHAR NumberOfProcessors;
} SYSTEM_BASIC_INFORMATION;
static_assert(sizeof(SYSTEM_BASIC_INFORMATION) == 64, "SYSTEM_BASIC_INFORMATION");

/* The leading fields of SYSTEM_PERFORMANCE_INFORMATION (winternl.h gives its size, 312 bytes). */
typedef struct {
    LARGE_INTEGER IdleProcessTime;
    LARGE_INTEGER IoReadTransferCount, IoWriteTransferCount, IoOtherTransferCount;
    ULONG IoReadOperationCount, IoWriteOperationCount, IoOtherOperationCount;
    ULONG AvailablePages;
    ULONG CommittedPages;
    ULONG CommitLimit;
    ULONG PeakCommitment;
} SYSTEM_PERFORMANCE_HEAD;
#define SYSTEM_PERFORMANCE_SIZE 312

typedef struct {
    LARGE_INTEGER IdleTime, KernelTime, UserTime, DpcTime, InterruptTime;
    ULONG InterruptCount;
} SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION;
static_assert(sizeof(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION) == 48, "SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION");

#define MAX_CPUS 256

static NTSTATUS basic(PVOID info, ULONG length, PULONG return_length)
{
    if (return_length)
        *return_length = sizeof(SYSTEM_BASIC_INFORMATION);
    if (length != sizeof(SYSTEM_BASIC_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    SYSTEM_BASIC_INFORMATION *b = info;
    memset(b, 0, sizeof *b);
    unsigned cpus = host_cpu_count();
    uint64_t pages = host_physical_pages();
    b->TimerResolution = 156250;   /* 15.625 ms in 100 ns units, the default clock interval */
    b->PageSize = 0x1000;
    b->NumberOfPhysicalPages = (ULONG)pages;
    b->LowestPhysicalPageNumber = 1;
    b->HighestPhysicalPageNumber = (ULONG)pages;
    b->AllocationGranularity = MM_ALLOCATION_GRANULARITY;
    b->MinimumUserModeAddress = 0x10000;
    b->MaximumUserModeAddress = 0x7FFFFFFEFFFF;
    b->ActiveProcessorsAffinityMask = cpus >= 64 ? ~(ULONG_PTR)0 : ((ULONG_PTR)1 << cpus) - 1;
    b->NumberOfProcessors = (CHAR)(cpus > 64 ? 64 : cpus);
    return STATUS_SUCCESS;
}

static NTSTATUS performance(PVOID info, ULONG length, PULONG return_length)
{
    if (return_length)
        *return_length = SYSTEM_PERFORMANCE_SIZE;
    if (length < SYSTEM_PERFORMANCE_SIZE)
        return STATUS_INFO_LENGTH_MISMATCH;
    struct host_memory_status m;
    NTSTATUS status = host_memory_status(&m);
    if (status != STATUS_SUCCESS)
        return status;
    memset(info, 0, SYSTEM_PERFORMANCE_SIZE);
    SYSTEM_PERFORMANCE_HEAD *p = info;
    static struct host_cpu_times cpus[MAX_CPUS];   /* only summed; races merely mix two samples */
    unsigned n = host_cpu_times(cpus, MAX_CPUS);
    uint64_t idle = 0;
    for (unsigned i = 0; i < n; i++)
        idle += cpus[i].idle;
    p->IdleProcessTime.QuadPart = (LONGLONG)idle;
    p->AvailablePages = (ULONG)(m.available / 0x1000);
    p->CommittedPages = (ULONG)(m.committed / 0x1000);
    p->CommitLimit = (ULONG)(m.commit_limit / 0x1000);
    p->PeakCommitment = p->CommittedPages;
    return STATUS_SUCCESS;
}

static NTSTATUS processor_performance(PVOID info, ULONG length, PULONG return_length)
{
    static struct host_cpu_times cpus[MAX_CPUS];
    static volatile LONG busy;
    while (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE))
        host_yield();
    unsigned n = host_cpu_times(cpus, MAX_CPUS);
    ULONG need = n * (ULONG)sizeof(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION);
    NTSTATUS status = STATUS_SUCCESS;
    if (return_length)
        *return_length = need;
    if (!n)
        status = STATUS_UNSUCCESSFUL;
    else if (length < need)
        status = STATUS_INFO_LENGTH_MISMATCH;
    else {
        SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION *p = info;
        for (unsigned i = 0; i < n; i++) {
            memset(&p[i], 0, sizeof p[i]);
            p[i].IdleTime.QuadPart = (LONGLONG)cpus[i].idle;
            p[i].KernelTime.QuadPart = (LONGLONG)cpus[i].kernel;
            p[i].UserTime.QuadPart = (LONGLONG)cpus[i].user;
            p[i].InterruptTime.QuadPart = (LONGLONG)cpus[i].interrupt;
        }
    }
    __atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
    return status;
}

/* SYSTEM_LOGICAL_PROCESSOR_INFORMATION (winnt.h), 32 bytes on x64. */
typedef struct {
    ULONG_PTR ProcessorMask;
    LONG Relationship;   /* RelationProcessorCore 0, NumaNode 1, Cache 2, ProcessorPackage 3 */
    union {
        struct {
            BYTE Flags;
        } ProcessorCore;
        struct {
            DWORD NodeNumber;
        } NumaNode;
        struct {
            BYTE Level, Associativity;
            WORD LineSize;
            DWORD Size;
            LONG Type;   /* CacheUnified 0, Instruction 1, Data 2 */
        } Cache;
        ULONGLONG Reserved[2];
    };
} SYSTEM_LOGICAL_PROCESSOR_INFORMATION;
static_assert(sizeof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION) == 32, "SYSTEM_LOGICAL_PROCESSOR_INFORMATION");

#define MAX_LPI 512
static SYSTEM_LOGICAL_PROCESSOR_INFORMATION lpi[MAX_LPI];
static ULONG lpi_count;
static volatile LONG lpi_state;   /* 0 not built, 1 building, 2 built: the topology does not change */

/* Cores (with their hyperthreads), caches, packages and one NUMA node, from the host's /sys topology. */
static void build_lpi(void)
{
    static struct host_cpu_topology cpus[64];
    static struct host_cache caches[128];
    unsigned ncaches = 0, n = host_cpu_topology(cpus, 64, caches, 128, &ncaches);
    ULONG count = 0;
    ULONG_PTR all = 0, done = 0;
    for (unsigned c = 0; c < n; c++)
        all |= (ULONG_PTR)1 << c;
    for (unsigned c = 0; c < n && count < MAX_LPI; c++) {
        if (done & ((ULONG_PTR)1 << c))
            continue;
        ULONG_PTR mask = 0;
        for (unsigned d = c; d < n; d++)
            if (cpus[d].package == cpus[c].package && cpus[d].core == cpus[c].core)
                mask |= (ULONG_PTR)1 << d;
        done |= mask;
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION *e = &lpi[count++];
        e->ProcessorMask = mask;
        e->Relationship = 0;
        e->ProcessorCore.Flags = (mask & (mask - 1)) != 0;   /* LTP_PC_SMT: the core runs several threads */
    }
    for (unsigned k = 0; k < ncaches && count < MAX_LPI; k++) {
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION *e = &lpi[count++];
        e->ProcessorMask = (ULONG_PTR)caches[k].mask & all;
        e->Relationship = 2;
        e->Cache.Level = caches[k].level;
        e->Cache.Associativity = caches[k].ways;
        e->Cache.LineSize = caches[k].line;
        e->Cache.Size = caches[k].size;
        e->Cache.Type = caches[k].type == HOST_CACHE_INSTRUCTION ? 1 : caches[k].type == HOST_CACHE_DATA ? 2 : 0;
    }
    done = 0;
    for (unsigned c = 0; c < n && count < MAX_LPI; c++) {
        if (done & ((ULONG_PTR)1 << c))
            continue;
        ULONG_PTR mask = 0;
        for (unsigned d = c; d < n; d++)
            if (cpus[d].package == cpus[c].package)
                mask |= (ULONG_PTR)1 << d;
        done |= mask;
        lpi[count].ProcessorMask = mask;
        lpi[count++].Relationship = 3;
    }
    if (count < MAX_LPI) {
        lpi[count].ProcessorMask = all;
        lpi[count++].Relationship = 1;   /* node 0 */
    }
    lpi_count = count;
}

static NTSTATUS logical_processors(PVOID info, ULONG length, PULONG return_length)
{
    LONG expected = 0;
    if (__atomic_compare_exchange_n(&lpi_state, &expected, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        build_lpi();
        __atomic_store_n(&lpi_state, 2, __ATOMIC_RELEASE);
    }
    while (__atomic_load_n(&lpi_state, __ATOMIC_ACQUIRE) != 2)
        host_yield();
    ULONG need = lpi_count * (ULONG)sizeof *lpi;
    if (return_length)
        *return_length = need;
    if (length < need)
        return STATUS_INFO_LENGTH_MISMATCH;
    memcpy(info, lpi, need);
    return STATUS_SUCCESS;
}

NTSTATUS KiQueryMachineInformation(ULONG info_class, PVOID info, ULONG length, PULONG return_length)
{
    if (length)
        PROBE_FOR_WRITE(info, length);
    if (return_length)
        PROBE_FOR_WRITE(return_length, sizeof *return_length);
    switch (info_class) {
    case SystemBasicInformation:                return basic(info, length, return_length);
    case SystemPerformanceInformation:          return performance(info, length, return_length);
    case SystemProcessorPerformanceInformation: return processor_performance(info, length, return_length);
    case SystemLogicalProcessorInformation:     return logical_processors(info, length, return_length);
    default:                                    return STATUS_INVALID_INFO_CLASS;
    }
}
