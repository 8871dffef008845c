/*
 * The Rtl services of ntdll that need the thread or the kernel: the thread's last error and status (TEB),
 * stack back traces (the unwinder over the guest's .pdata), the performance counter.
 */
#include "host/host.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/unwind.h"
#include "ps/ps.h"

NTSTATUS WINAPI NtQueryPerformanceCounter(PLARGE_INTEGER counter, PLARGE_INTEGER frequency);

ULONG WINAPI RtlGetLastWin32Error(void)
{
    return NtCurrentTeb()->LastErrorValue;
}

void WINAPI RtlSetLastWin32Error(ULONG error)
{
    NtCurrentTeb()->LastErrorValue = error;
}

NTSTATUS WINAPI RtlGetLastNtStatus(void)
{
    return (NTSTATUS)NtCurrentTeb()->LastStatusValue;
}

/* Both the status and its Win32 error, as the kernel32 wrappers of Nt* services leave them. */
ULONG WINAPI RtlSetLastWin32ErrorAndNtStatusFromNtStatus(NTSTATUS status)
{
    PTEB teb = NtCurrentTeb();
    teb->LastStatusValue = (ULONG)status;
    return teb->LastErrorValue = RtlNtStatusToDosError(status);
}

/* The thread's hard error mode (TEB HardErrorMode): RTL_SEM_FAILCRITICALERRORS 0x10,
 * RTL_SEM_NOGPFAULTERRORBOX 0x20, RTL_SEM_NOALIGNMENTFAULTEXCEPT 0x40; other bits are refused. */
NTSTATUS WINAPI RtlSetThreadErrorMode(DWORD mode, LPDWORD old)
{
    if (mode & ~0x70u)
        return STATUS_INVALID_PARAMETER_1;
    PTEB teb = NtCurrentTeb();
    if (old)
        *old = teb->HardErrorMode;
    teb->HardErrorMode = mode;
    return STATUS_SUCCESS;
}

DWORD WINAPI RtlGetThreadErrorMode(void)
{
    return NtCurrentTeb()->HardErrorMode;
}

/* The process cookie (NtQueryInformationProcess ProcessCookie), asked once. */
static ULONG pointer_cookie(void)
{
    static volatile ULONG cookie;
    ULONG c = cookie;
    if (!c) {
        if (NtQueryInformationProcess(NtCurrentProcess(), 36 /* ProcessCookie */, &c, sizeof c, NULL) != STATUS_SUCCESS)
            host_abort("RtlEncodePointer: no process cookie");
        cookie = c;
    }
    return c;
}

/*
 * RtlEncodePointer/RtlDecodePointer: a pointer XORed with the process cookie and rotated right by its low
 * six bits, as Windows x64 encodes it, so an encoded pointer is useless outside the process that made it.
 */
PVOID WINAPI RtlEncodePointer(PVOID ptr)
{
    ULONG_PTR c = pointer_cookie(), v = (ULONG_PTR)ptr ^ c;
    unsigned r = c & 63;
    return (PVOID)(r ? (v >> r) | (v << (64 - r)) : v);
}

PVOID WINAPI RtlDecodePointer(PVOID ptr)
{
    ULONG_PTR c = pointer_cookie(), v = (ULONG_PTR)ptr;
    unsigned r = c & 63;
    return (PVOID)((r ? (v << r) | (v >> (64 - r)) : v) ^ c);
}

BOOLEAN WINAPI RtlQueryPerformanceCounter(PLARGE_INTEGER counter)
{
    return NtQueryPerformanceCounter(counter, NULL) == STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlQueryPerformanceFrequency(PLARGE_INTEGER frequency)
{
    LARGE_INTEGER counter;
    return NtQueryPerformanceCounter(&counter, frequency) == STATUS_SUCCESS;
}

/*
 * The return addresses of the caller's frames, innermost first, after skipping `skip` of them; *hash (if
 * given) is their sum. The walk starts at this function's own return address (the export thunk jumps, so
 * it is the guest caller's) and unwinds guest frames through their .pdata; a frame without an entry is a
 * leaf (its return address at RSP). It stops at the first address outside any image or a zero one.
 */
__attribute__((noinline)) USHORT WINAPI RtlCaptureStackBackTrace(ULONG skip, ULONG count, PVOID *trace, PULONG hash)
{
    CONTEXT ctx = { 0 };
    DWORD64 *frame = __builtin_frame_address(0);
    ctx.Rip = (DWORD64)__builtin_return_address(0);
    ctx.Rsp = (DWORD64)(frame + 2);   /* the caller's RSP after our return */
    ULONG taken = 0, sum = 0;
    for (ULONG depth = 0; taken < count && depth < skip + count && ctx.Rip; depth++) {
        if (depth >= skip) {
            trace[taken++] = (PVOID)ctx.Rip;
            sum += (ULONG)ctx.Rip;
        }
        DWORD64 base = 0;
        PRUNTIME_FUNCTION rf = RtlLookupFunctionEntry(ctx.Rip, &base, NULL);
        if (!rf) {
            PVOID module;
            if (!RtlPcToFileHeader((PVOID)ctx.Rip, &module))
                break;   /* not in any image: the end of the guest's frames */
            ctx.Rip = *(DWORD64 *)ctx.Rsp;
            ctx.Rsp += 8;
            continue;
        }
        PVOID data;
        DWORD64 establisher;
        RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, ctx.Rip, rf, &ctx, &data, &establisher, NULL);
    }
    if (hash)
        *hash = sum;
    return (USHORT)taken;
}

/* The processor features KUSER_SHARED_DATA lists (PF_* indexes), as IsProcessorFeaturePresent reads them. */
BOOLEAN WINAPI RtlIsProcessorFeaturePresent(ULONG feature)
{
    return feature < 64 && ((const KUSER_SHARED_DATA *)MM_SHARED_USER_DATA_VA)->ProcessorFeatures[feature];
}
