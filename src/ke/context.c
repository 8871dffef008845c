/* The initial context of a thread, and NtContinue. */
#include <string.h>

#include "host/host.h"
#include "ke/ke.h"
#include "ke/probe.h"

_Thread_local CONTEXT KiRedirectContext __attribute__((aligned(16)));

void KiInitializeContextThread(CONTEXT *ctx, ULONG_PTR user_thread_start, ULONG_PTR start, ULONG_PTR param,
                               ULONG_PTR stack_top)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->ContextFlags = CONTEXT_FULL;
    ctx->Rip = user_thread_start;
    ctx->Rcx = start;
    ctx->Rdx = param;
    /* As if RtlUserThreadStart had been called: a return-address slot below 16-byte alignment, with the
     * callee's 32-byte home area above it. */
    ctx->Rsp = (stack_top & ~(ULONG_PTR)15) - 0x28;
    ctx->EFlags = 0x200;   /* IF, as GetThreadContext shows a new Windows thread */
    ctx->SegCs = 0x33;
    ctx->SegDs = ctx->SegEs = ctx->SegSs = ctx->SegGs = 0x2B;
    ctx->SegFs = 0x53;
    /* The floating-point state a new Windows thread starts with: all exceptions masked, 53-bit x87
     * precision, round to nearest. */
    ctx->MxCsr = 0x1F80;
    ctx->FltSave.MxCsr = 0x1F80;
    ctx->FltSave.MxCsr_Mask = 0xFFFF;
    ctx->FltSave.ControlWord = 0x027F;
}

NTSTATUS WINAPI NtContinue(PCONTEXT ctx, BOOLEAN alertable)
{
    PROBE_FOR_READ(ctx, sizeof *ctx);
    if (alertable)
        NtTestAlert();   /* the user APCs queued meanwhile run first (a new thread's, at its start) */
    host_abandon_stack(ctx->Rsp);
    KiRestoreContext(ctx);
}

void (*KiSuspendHook)(CONTEXT *ctx);
_Thread_local volatile int KiSuspendReturning;

void KiSuspendReturned(CONTEXT *ctx)
{
    /* The call that returned: its RSP after the return is the CONTEXT's. */
    KI_BUILTIN_CALL *call = NULL;
    for (int i = KI_MAX_BUILTIN_CALLS - 1; i >= 0 && !call; i--)
        if (KiBuiltinCalls.Call[i].Rsp == ctx->Rsp && KiBuiltinCalls.Call[i].Reserved)
            call = &KiBuiltinCalls.Call[i];
    if (!call)
        host_abort("a builtin returned to the suspension trampoline, its return address lost");
    ctx->Rip = call->Reserved;
    call->Reserved = 0;
    ctx->ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
    ctx->SegCs = 0x33;
    ctx->SegDs = ctx->SegEs = ctx->SegSs = ctx->SegGs = 0x2B;
    ctx->SegFs = 0x53;
    if (KiSuspendHook)
        KiSuspendHook(ctx);
    ctx->ContextFlags = CONTEXT_FULL;
}
