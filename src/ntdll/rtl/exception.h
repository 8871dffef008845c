/* ntdll's exception dispatching (rtl/exception.c, rtl/raise_amd64.S). */
#ifndef NTDLL_RTL_EXCEPTION_H
#define NTDLL_RTL_EXCEPTION_H

#include "nt/context.h"
#include "nt/peb.h"

typedef LONG(WINAPI *PVECTORED_EXCEPTION_HANDLER)(PEXCEPTION_POINTERS info);
typedef LONG(WINAPI *PTOP_LEVEL_EXCEPTION_FILTER)(PEXCEPTION_POINTERS info);

void WINAPI KiUserExceptionDispatcher(PEXCEPTION_RECORD rec, PCONTEXT ctx);
BOOLEAN WINAPI RtlDispatchException(PEXCEPTION_RECORD rec, PCONTEXT ctx);
void WINAPI RtlRaiseException(PEXCEPTION_RECORD rec);
void WINAPI RtlRestoreContext(PCONTEXT ctx, PEXCEPTION_RECORD rec);
PVOID WINAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler);
ULONG WINAPI RtlRemoveVectoredExceptionHandler(PVOID handle);
PVOID WINAPI RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler);
ULONG WINAPI RtlRemoveVectoredContinueHandler(PVOID handle);
void RtlpDispatchRaisedException(PEXCEPTION_RECORD rec, PCONTEXT ctx);
/* rec raised by builtin code as if the guest's call into the builtin had raised it (the builtin's own
 * frames are abandoned once a handler unwinds); never returns. */
__attribute__((noreturn)) void RtlpRaiseAtGuestCallSite(PEXCEPTION_RECORD rec);
/* kernel32 registers its UnhandledExceptionFilter: the last step of dispatching. */
void RtlSetUnhandledExceptionFilter(PTOP_LEVEL_EXCEPTION_FILTER filter);
PVOID WINAPI RtlPcToFileHeader(PVOID pc, PVOID *base);
SIZE_T WINAPI RtlCompareMemory(const void *a, const void *b, SIZE_T length);
PPEB WINAPI RtlGetCurrentPeb(void);

#endif
