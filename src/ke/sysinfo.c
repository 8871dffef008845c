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
    default:                                    return STATUS_INVALID_INFO_CLASS;
    }
}
