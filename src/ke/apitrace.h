/*
 * `--trace=api[:FILTER]` (ke/apitrace.c): a line for every call from guest code into a builtin DLL.
 *
 * Signatures (ke/apisig.c) are "R:ARGS", one letter per value: i int, u unsigned, x hex DWORD, b BOOL,
 * I/U 64-bit signed/unsigned, X hex 64-bit, h HANDLE, p pointer, s char string, w WCHAR string, S PUNICODE_STRING,
 * O POBJECT_ATTRIBUTES (its name), '.' variadic rest; R may also be v (void) or d (double).
 */
#ifndef KE_APITRACE_H
#define KE_APITRACE_H

#include <stdbool.h>

#include "nt/context.h"
#include "nt/ntdef.h"

typedef struct _KE_API_TRACE_SITE {   /* one traced export: what its thunk hands KiApiTraceEntry */
    const void *Target;               /* the host function */
    const char *Function;             /* the export name */
    const char *Signature;            /* NULL: unknown (four register arguments in hex) */
    char Dll[32];                     /* "kernel32" */
} KE_API_TRACE_SITE;

/* The functions to trace: comma-separated patterns ('*', '?'; "dll!function", a function or a DLL name,
 * case-insensitive); "" traces every call. False when too long. */
bool KeApiTraceSetFilter(const char *patterns);
const char *KeApiTraceFilter(void);
/* Whether calls to dll!function are traced (API tracing on, and the filter matches). */
bool KeApiTraceWants(const char *dll, const char *function);
/* The site of a traced export (kept for the process's life), or NULL when out of memory. */
const KE_API_TRACE_SITE *KeApiTraceSite(const char *dll, const char *function, const void *target);
/* The signature of dll!function (dll lower-case without ".dll"), or NULL. */
const char *KeApiSignature(const char *dll, const char *function);
/* The real return address of the traced call whose RSP after the return is rsp (KiApiTraceReturn stands
 * in its return slot), or 0. */
DWORD64 KeApiTraceCaller(DWORD64 rsp);
/* Frees the calling thread's record of traced calls; on its host stack, after its guest part ended. */
void KeApiTraceThreadExit(void);

/* ke/context_amd64.S, and the two halves in C it calls */
void KiApiTraceEntry(void);
void KiApiTraceReturn(void);
__attribute__((ms_abi)) const void *KiApiTraceEnter(const KE_API_TRACE_SITE *site, const DWORD64 *regs,
                                                    const M128A *xmm, DWORD64 *rsp);
__attribute__((ms_abi)) DWORD64 KiApiTraceLeave(DWORD64 result, const M128A *xmm0, DWORD64 rsp);
/* RtlCaptureContext and the entries that capture their caller (ke/capture_caller.inc) when the captured
 * RIP is KiApiTraceReturn: the real return address, so that setjmp, unwinding and raising see the guest. */
void KiApiTraceFixContext(CONTEXT *ctx);

#endif
