/* x64 unwind structures and the unwinder's entry points (rtl/unwind.c, rtl/unwind_amd64.S). */
#ifndef NTDLL_RTL_UNWIND_H
#define NTDLL_RTL_UNWIND_H

#include <stdbool.h>

#include "nt/context.h"
#include "nt/pe.h"

typedef IMAGE_RUNTIME_FUNCTION_ENTRY RUNTIME_FUNCTION, *PRUNTIME_FUNCTION;
typedef DWORD64 *PDWORD64;

typedef union _UNWIND_CODE {
    struct {
        BYTE CodeOffset;
        BYTE UnwindOp : 4;
        BYTE OpInfo : 4;
    };
    USHORT FrameOffset;
} UNWIND_CODE;

typedef struct _UNWIND_INFO {
    BYTE Version : 3;
    BYTE Flags : 5;
    BYTE SizeOfProlog;
    BYTE CountOfCodes;
    BYTE FrameRegister : 4;
    BYTE FrameOffset : 4;
    UNWIND_CODE UnwindCode[];
} UNWIND_INFO;

static_assert(sizeof(UNWIND_CODE) == 2, "UNWIND_CODE");
static_assert(sizeof(UNWIND_INFO) == 4, "UNWIND_INFO header");

typedef struct _KNONVOLATILE_CONTEXT_POINTERS {
    M128A *FloatingContext[16];
    DWORD64 *IntegerContext[16];
} KNONVOLATILE_CONTEXT_POINTERS, *PKNONVOLATILE_CONTEXT_POINTERS;

struct _DISPATCHER_CONTEXT;
typedef EXCEPTION_DISPOSITION(WINAPI *PEXCEPTION_ROUTINE)(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                          struct _DISPATCHER_CONTEXT *dc);

typedef struct _DISPATCHER_CONTEXT {
    DWORD64 ControlPc;
    DWORD64 ImageBase;
    PRUNTIME_FUNCTION FunctionEntry;
    DWORD64 EstablisherFrame;
    DWORD64 TargetIp;
    PCONTEXT ContextRecord;
    PEXCEPTION_ROUTINE LanguageHandler;
    PVOID HandlerData;
    PVOID HistoryTable;
    DWORD ScopeIndex;
    DWORD Fill0;
} DISPATCHER_CONTEXT, *PDISPATCHER_CONTEXT;

static_assert(sizeof(DISPATCHER_CONTEXT) == 80, "DISPATCHER_CONTEXT");

PRUNTIME_FUNCTION WINAPI RtlLookupFunctionEntry(DWORD64 pc, PDWORD64 base, PVOID history);
PEXCEPTION_ROUTINE WINAPI RtlVirtualUnwind(DWORD type, DWORD64 base, DWORD64 pc, PRUNTIME_FUNCTION rf, PCONTEXT ctx,
                                           PVOID *handler_data, PDWORD64 establisher,
                                           PKNONVOLATILE_CONTEXT_POINTERS ptrs);
void WINAPI RtlUnwindEx(PVOID target_frame, PVOID target_ip, PEXCEPTION_RECORD rec, PVOID retval, PCONTEXT ctx,
                        PVOID history);
/* RtlUnwindEx from a given starting context (the caller's, for RtlUnwindEx itself). */
void WINAPI RtlpUnwindEx(PVOID target_frame, PVOID target_ip, PEXCEPTION_RECORD rec, PVOID retval, PCONTEXT out,
                         PVOID history, PCONTEXT caller);
void WINAPI RtlUnwind(PVOID target_frame, PVOID target_ip, PEXCEPTION_RECORD rec, PVOID retval);
BOOLEAN WINAPI RtlAddFunctionTable(PRUNTIME_FUNCTION table, DWORD count, DWORD64 base);
BOOLEAN WINAPI RtlDeleteFunctionTable(PRUNTIME_FUNCTION table);
EXCEPTION_DISPOSITION WINAPI __C_specific_handler(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                  PDISPATCHER_CONTEXT dc);

/* One frame of a walk (rtl/unwind.c). */
struct rtlp_frame {
    DWORD64 ControlPc;
    DWORD64 ImageBase;
    PRUNTIME_FUNCTION FunctionEntry;
    DWORD64 EstablisherFrame;
    PEXCEPTION_ROUTINE Handler;
    PVOID HandlerData;
};
bool RtlpUnwindFrame(DWORD type, PCONTEXT ctx, struct rtlp_frame *f);
bool RtlpIsHostCode(DWORD64 pc);

/* Activations (rtl/activation.c): where guest code is inside the host's dispatching or unwinding. */
enum rtlp_activation_kind {
    RTLP_DISPATCH,         /* RtlDispatchException; Context: where the exception was raised */
    RTLP_UNWIND,           /* RtlUnwindEx; Context: its caller */
    RTLP_UNWIND_HANDLER,   /* a handler called by RtlUnwindEx; Context: its frame, Dispatch: the unwind's state */
    RTLP_CONSOLIDATE,      /* an unwind's consolidation callback (a C++ catch block); Context: the target frame */
};
struct rtlp_activation {
    enum rtlp_activation_kind Kind;
    const CONTEXT *Context;   /* stored in the activation's host frames */
    PDISPATCHER_CONTEXT Dispatch;
};
bool RtlpPushActivation(enum rtlp_activation_kind kind, const CONTEXT *context, PDISPATCHER_CONTEXT dispatch);
void RtlpPopActivation(void);
unsigned RtlpActivationCount(void);
/* For a walk that reached host code: the activation it goes on from, below *cursor (start at the walk's own
 * activation); a search skips termination handlers (it goes on from the unwind's caller). NULL at the end. */
const struct rtlp_activation *RtlpNextActivation(unsigned *cursor, bool unwinding);
/* A walk that reached host code at ctx goes on from the activation or the guest's call into a builtin that
 * owns those host frames (rtl/unwind.c); false at the walk's end. */
bool RtlpWalkOnFromHost(PCONTEXT ctx, unsigned *cursor, bool unwinding, const struct rtlp_activation **act);
/* Control is restored to a guest frame at rsp: every activation below it is over. */
void RtlpAbandonActivations(DWORD64 rsp);

/* Guarded calls (rtl/guard.c): fn(arg), ended with the exception code when guest code it calls raises an
 * exception no guest frame takes; STATUS_SUCCESS when it returns. */
NTSTATUS RtlpCallGuarded(void (*fn)(void *), void *arg);
/* For a walk that reached host code at walk: whether the newest guard takes the exception (before next). */
bool RtlpGuardTakes(const CONTEXT *walk, const struct rtlp_activation *next);
/* Ends the newest guarded call with code (the walk left the guest at rsp); the activations below the guard
 * are over. Does not return. */
__attribute__((noreturn)) void RtlpGuardReturn(NTSTATUS code, DWORD64 rsp);

#endif
