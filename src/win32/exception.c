/* Exceptions at the Win32 level: RaiseException, the unhandled exception filter, error modes. */
#include <string.h>

#include "ke/ke.h"
#include "ntdll/rtl/exception.h"
#include "win32/k32.h"

static PTOP_LEVEL_EXCEPTION_FILTER top_level_filter;
static UINT error_mode;

PTOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(PTOP_LEVEL_EXCEPTION_FILTER filter)
{
    return __atomic_exchange_n(&top_level_filter, filter, __ATOMIC_ACQ_REL);
}

/*
 * The last step of dispatching (ntdll calls it for the thread's top-level handler): the program's
 * filter decides; without one, the exception is unhandled (EXCEPTION_CONTINUE_SEARCH) and the process
 * ends with its code, as under Windows Error Reporting without a debugger.
 */
LONG WINAPI UnhandledExceptionFilter(PEXCEPTION_POINTERS info)
{
    PTOP_LEVEL_EXCEPTION_FILTER filter = __atomic_load_n(&top_level_filter, __ATOMIC_ACQUIRE);
    if (!filter)
        return EXCEPTION_CONTINUE_SEARCH;
    return filter(info);
}

/* Where kernel32's RaiseException is, for ExceptionAddress (set when kernel32 attaches). */
PVOID BaseRaiseExceptionAddress;

/* RaiseException's body (win32/raise_amd64.S captured ctx, the caller's context). As on Windows the
 * exception's address is in RaiseException's module, while the search starts in the caller's frame. */
void WINAPI BaseRaiseException(DWORD code, DWORD flags, DWORD nargs, const ULONG_PTR *args, PCONTEXT ctx)
{
    EXCEPTION_RECORD rec;
    memset(&rec, 0, sizeof rec);
    rec.ExceptionCode = code;
    rec.ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE;
    if (args) {
        rec.NumberParameters = nargs > EXCEPTION_MAXIMUM_PARAMETERS ? EXCEPTION_MAXIMUM_PARAMETERS : nargs;
        memcpy(rec.ExceptionInformation, args, rec.NumberParameters * sizeof(ULONG_PTR));
    }
    rec.ExceptionAddress = BaseRaiseExceptionAddress ? BaseRaiseExceptionAddress : (PVOID)ctx->Rip;
    RtlpDispatchRaisedException(&rec, ctx);
}

UINT WINAPI SetErrorMode(UINT mode)
{
    return __atomic_exchange_n(&error_mode, mode, __ATOMIC_ACQ_REL);
}

UINT WINAPI GetErrorMode(void)
{
    return __atomic_load_n(&error_mode, __ATOMIC_ACQUIRE);
}

NTSTATUS WINAPI RtlSetThreadErrorMode(DWORD mode, LPDWORD old);
DWORD WINAPI RtlGetThreadErrorMode(void);

/* SEM_FAILCRITICALERRORS 0x1, SEM_NOGPFAULTERRORBOX 0x2 and SEM_NOOPENFILEERRORBOX 0x8000 are kept in the
 * TEB as ntdll's 0x10, 0x20 and 0x40, as kernelbase translates them. */
static DWORD thread_mode_to_win32(DWORD rtl)
{
    return (rtl & 0x10 ? 0x1 : 0) | (rtl & 0x20 ? 0x2 : 0) | (rtl & 0x40 ? 0x8000 : 0);
}

BOOL WINAPI SetThreadErrorMode(DWORD mode, LPDWORD old)
{
    if (mode & ~(DWORD)0x8003) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD rtl = (mode & 0x1 ? 0x10 : 0) | (mode & 0x2 ? 0x20 : 0) | (mode & 0x8000 ? 0x40 : 0), prev;
    NTSTATUS status = RtlSetThreadErrorMode(rtl, &prev);
    if (status == STATUS_SUCCESS && old)
        *old = thread_mode_to_win32(prev);
    return BaseSetNtStatus(status);
}

DWORD WINAPI GetThreadErrorMode(void)
{
    return thread_mode_to_win32(RtlGetThreadErrorMode());
}

/* No fiber functions exist yet, so no thread has been converted; the flag is read where Windows keeps it. */
BOOL WINAPI IsThreadAFiber(void)
{
    return (NtCurrentTeb()->SameTebFlags & TEB_HAS_FIBER_DATA) != 0;
}

BOOL WINAPI IsDebuggerPresent(void)
{
    return BaseCurrentPeb()->BeingDebugged;
}

void WINAPI OutputDebugStringA(LPCSTR s)
{
    (void)s;   /* no debugger listens */
}

void WINAPI OutputDebugStringW(LPCWSTR s)
{
    (void)s;
}

/* Ends the process at once with the exception's code (STATUS_FAIL_FAST_EXCEPTION without a record):
 * no handler runs, as Windows bypasses them all and reports the failure. */
void WINAPI RaiseFailFastException(PEXCEPTION_RECORD record, PCONTEXT context, DWORD flags)
{
    (void)flags;
    CONTEXT here;
    if (!context) {
        RtlCaptureContext(&here);
        KeGuestCallSiteContext(&here);   /* where the program called: the report names its address */
        context = &here;
    }
    EXCEPTION_RECORD rec = {.ExceptionCode = (DWORD)STATUS_FAIL_FAST_EXCEPTION,
                            .ExceptionFlags = EXCEPTION_NONCONTINUABLE,
                            .ExceptionAddress = (PVOID)context->Rip};
    if (record)
        rec = *record;
    rec.ExceptionFlags |= EXCEPTION_NONCONTINUABLE;
    NtRaiseException(&rec, context, FALSE);   /* the second chance: reported, and the process ends */
}
