/*
 * User-mode exception dispatching: KiUserExceptionDispatcher (where the kernel sends faults),
 * RtlRaiseException (software exceptions), RtlDispatchException: vectored handlers first, then frame
 * handlers, then the top-level handler of the thread (kernel32's UnhandledExceptionFilter), whose
 * EXCEPTION_EXECUTE_HANDLER ends the process with the exception code, as RtlUserThreadStart's __except
 * does on Windows.
 *
 * Frame handlers are found by walking the guest's frames with the unwinder (rtl/unwind.c); the walk
 * ends where the guest's frames do (a host frame: the thread's start), and there the top-level handler
 * decides.
 */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/unwind.h"
#include "ps/ps.h"

struct vectored_handler {
    LIST_ENTRY Links;
    PVECTORED_EXCEPTION_HANDLER Handler;
    volatile LONG Refs;
};

static RTL_CRITICAL_SECTION vectored_lock;
static LIST_ENTRY vectored_handlers = {&vectored_handlers, &vectored_handlers};
static LIST_ENTRY continue_handlers = {&continue_handlers, &continue_handlers};
static PTOP_LEVEL_EXCEPTION_FILTER unhandled_filter;

void RtlSetUnhandledExceptionFilter(PTOP_LEVEL_EXCEPTION_FILTER filter)
{
    unhandled_filter = filter;
}

static PVOID add_handler(PLIST_ENTRY list, ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
{
    struct vectored_handler *h = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *h);
    if (!h)
        return NULL;
    h->Handler = handler;
    h->Refs = 1;
    RtlEnterCriticalSection(&vectored_lock);
    if (first)
        InsertHeadList(list, &h->Links);
    else
        InsertTailList(list, &h->Links);
    RtlLeaveCriticalSection(&vectored_lock);
    return h;
}

static ULONG remove_handler(PLIST_ENTRY list, PVOID handle)
{
    ULONG found = 0;
    RtlEnterCriticalSection(&vectored_lock);
    for (PLIST_ENTRY e = list->Flink; e != list; e = e->Flink) {
        if (e == handle) {
            RemoveEntryList(e);
            found = 1;
            break;
        }
    }
    RtlLeaveCriticalSection(&vectored_lock);
    if (found && __atomic_sub_fetch(&((struct vectored_handler *)handle)->Refs, 1, __ATOMIC_ACQ_REL) == 0)
        RtlFreeHeap(RtlGetProcessHeap(), 0, handle);
    return found;
}

PVOID WINAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
{
    return add_handler(&vectored_handlers, first, handler);
}

ULONG WINAPI RtlRemoveVectoredExceptionHandler(PVOID handle)
{
    return remove_handler(&vectored_handlers, handle);
}

PVOID WINAPI RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
{
    return add_handler(&continue_handlers, first, handler);
}

ULONG WINAPI RtlRemoveVectoredContinueHandler(PVOID handle)
{
    return remove_handler(&continue_handlers, handle);
}

/* Calls the handlers of list in order; TRUE when one returned EXCEPTION_CONTINUE_EXECUTION. A handler
 * is kept alive (Refs) while it runs, so another thread may remove it meanwhile. */
static BOOLEAN call_vectored(PLIST_ENTRY list, PEXCEPTION_RECORD rec, PCONTEXT ctx)
{
    EXCEPTION_POINTERS info = {rec, ctx};
    RtlEnterCriticalSection(&vectored_lock);
    for (PLIST_ENTRY e = list->Flink; e != list;) {
        struct vectored_handler *h = CONTAINING_RECORD(e, struct vectored_handler, Links);
        __atomic_add_fetch(&h->Refs, 1, __ATOMIC_ACQ_REL);
        RtlLeaveCriticalSection(&vectored_lock);
        LONG result = h->Handler(&info);
        RtlEnterCriticalSection(&vectored_lock);
        e = e->Flink;
        if (__atomic_sub_fetch(&h->Refs, 1, __ATOMIC_ACQ_REL) == 0)
            RtlFreeHeap(RtlGetProcessHeap(), 0, h);
        if (result == EXCEPTION_CONTINUE_EXECUTION) {
            RtlLeaveCriticalSection(&vectored_lock);
            return TRUE;
        }
    }
    RtlLeaveCriticalSection(&vectored_lock);
    return FALSE;
}

/* The thread's top-level handler: the unhandled exception filter decides. */
static BOOLEAN call_top_level(PEXCEPTION_RECORD rec, PCONTEXT ctx)
{
    if (!unhandled_filter)
        return FALSE;
    EXCEPTION_POINTERS info = {rec, ctx};
    LONG result = unhandled_filter(&info);
    if (result == EXCEPTION_CONTINUE_EXECUTION)
        return TRUE;
    if (result == EXCEPTION_EXECUTE_HANDLER)
        for (;;)
            NtTerminateProcess(NtCurrentProcess(), (NTSTATUS)rec->ExceptionCode);
    return FALSE;
}

/* Continuing an exception raised as noncontinuable raises STATUS_NONCONTINUABLE_EXCEPTION instead. */
static void raise_if_noncontinuable(PEXCEPTION_RECORD rec)
{
    if (rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE) {
        EXCEPTION_RECORD nested = {.ExceptionCode = (DWORD)STATUS_NONCONTINUABLE_EXCEPTION,
                                   .ExceptionFlags = EXCEPTION_NONCONTINUABLE, .ExceptionRecord = rec};
        RtlRaiseException(&nested);
    }
}

/* Frame-based handlers, innermost first. TRUE when one continues execution. */
static BOOLEAN call_frame_handlers(PEXCEPTION_RECORD rec, PCONTEXT ctx, unsigned cursor)
{
    CONTEXT walk = *ctx;
    for (int frames = 0; frames < 100000; frames++) {
        struct rtlp_frame f;
        if (!RtlpUnwindFrame(UNW_FLAG_EHANDLER, &walk, &f)) {
            /* a guarded call from the host ends here; raised inside a handler: on through the frames of the
             * first exception; raised in a callback of a builtin: on from the guest's call of the builtin */
            unsigned peek = cursor;
            if (RtlpGuardTakes(&walk, RtlpNextActivation(&peek, false)))
                RtlpGuardReturn((NTSTATUS)rec->ExceptionCode, walk.Rsp);
            if (!RtlpWalkOnFromHost(&walk, &cursor, false, NULL))
                return FALSE;
            continue;
        }
        if (!f.Handler)
            continue;
        /* As on Windows, the dispatcher context holds the walk's context: the frame's caller, whose RSP is the
         * frame's canonical frame address (libgcc's personality reads it so). */
        DISPATCHER_CONTEXT dc = {f.ControlPc, f.ImageBase, f.FunctionEntry, f.EstablisherFrame, 0, &walk,
                                 f.Handler, f.HandlerData, NULL, 0, 0};
        EXCEPTION_DISPOSITION d = f.Handler(rec, (PVOID)f.EstablisherFrame, ctx, &dc);
        if (d == ExceptionContinueExecution) {
            raise_if_noncontinuable(rec);
            return TRUE;
        }
        if (d == ExceptionNestedException)
            rec->ExceptionFlags |= EXCEPTION_NESTED_CALL;
    }
    return FALSE;
}

BOOLEAN WINAPI RtlDispatchException(PEXCEPTION_RECORD rec, PCONTEXT ctx)
{
    unsigned cursor = RtlpActivationCount();
    if (!RtlpPushActivation(RTLP_DISPATCH, ctx, NULL))   /* an exception in every handler: give up as Windows does */
        return FALSE;
    BOOLEAN handled = call_vectored(&vectored_handlers, rec, ctx) || call_frame_handlers(rec, ctx, cursor) ||
                      call_top_level(rec, ctx);
    if (handled)
        call_vectored(&continue_handlers, rec, ctx);
    RtlpPopActivation();
    return handled;
}

void WINAPI KiUserExceptionDispatcher(PEXCEPTION_RECORD rec, PCONTEXT ctx)
{
    if (RtlDispatchException(rec, ctx))
        NtContinue(ctx, FALSE);
    NtRaiseException(rec, ctx, FALSE);
}

/* Called by RtlRaiseException (raise_amd64.S) with the caller's context. */
void WINAPI RtlpRaiseException(PEXCEPTION_RECORD rec, PCONTEXT ctx)
{
    rec->ExceptionAddress = (PVOID)ctx->Rip;
    RtlpDispatchRaisedException(rec, ctx);
}

void RtlpRaiseAtGuestCallSite(PEXCEPTION_RECORD rec)
{
    CONTEXT ctx;
    RtlCaptureContext(&ctx);
    if (!KeGuestCallSiteContext(&ctx))
        host_abort("an exception raised by a builtin outside any call from guest code");
    rec->ExceptionAddress = (PVOID)ctx.Rip;
    RtlpDispatchRaisedException(rec, &ctx);
    __builtin_unreachable();   /* continued in the guest, or the process ended unhandled */
}

/* A software exception raised in ctx: dispatched, then either continued there or unhandled. */
void RtlpDispatchRaisedException(PEXCEPTION_RECORD rec, PCONTEXT ctx)
{
    if (RtlDispatchException(rec, ctx)) {
        raise_if_noncontinuable(rec);
        NtContinue(ctx, FALSE);
    }
    NtRaiseException(rec, ctx, FALSE);
}

typedef PVOID(WINAPI *PCONSOLIDATE_CALLBACK)(PEXCEPTION_RECORD rec);

/*
 * The end of an unwind whose record is STATUS_UNWIND_CONSOLIDATE: ExceptionInformation[0] is called with
 * the record while the frames below the target are still in place (a C++ catch block runs there, the
 * exception object living in the thrower's frame), and answers where the target frame goes on. On
 * Windows RcConsolidateFrames' machine frame makes a walk from inside the callback go on in the target
 * frame; here the activation does (a throw inside a catch block is searched for from the frame that
 * caught the first).
 */
static void consolidate(PCONTEXT ctx, PEXCEPTION_RECORD rec)
{
    PCONSOLIDATE_CALLBACK callback = (PCONSOLIDATE_CALLBACK)rec->ExceptionInformation[0];
    const CONTEXT target = *ctx;
    bool active = RtlpPushActivation(RTLP_CONSOLIDATE, &target, NULL);
    PVOID ip = callback(rec);
    if (active)
        RtlpPopActivation();
    ctx->Rip = (DWORD64)ip;
}

void WINAPI RtlRestoreContext(PCONTEXT ctx, PEXCEPTION_RECORD rec)
{
    if (rec && rec->ExceptionCode == (DWORD)STATUS_LONGJUMP && rec->NumberParameters >= 1) {
        /* The end of a longjmp: the target's registers are the ones setjmp saved. */
        const JUMP_BUFFER *jb = (const JUMP_BUFFER *)rec->ExceptionInformation[0];
        ctx->Rbx = jb->Rbx;
        ctx->Rsp = jb->Rsp;
        ctx->Rbp = jb->Rbp;
        ctx->Rsi = jb->Rsi;
        ctx->Rdi = jb->Rdi;
        ctx->R12 = jb->R12;
        ctx->R13 = jb->R13;
        ctx->R14 = jb->R14;
        ctx->R15 = jb->R15;
        ctx->Rip = jb->Rip;
        ctx->MxCsr = ctx->FltSave.MxCsr = jb->MxCsr;
        ctx->FltSave.ControlWord = jb->FpCsr;
        memcpy(&ctx->Xmm6, &jb->Xmm6, 10 * sizeof(M128A));
        ctx->ContextFlags |= CONTEXT_FLOATING_POINT;
    }
    if (rec && rec->ExceptionCode == (DWORD)STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters >= 1)
        consolidate(ctx, rec);
    RtlpAbandonActivations(ctx->Rsp);
    NtContinue(ctx, FALSE);
}

PVOID WINAPI RtlPcToFileHeader(PVOID pc, PVOID *base)
{
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByAddress(pc);
    *base = m ? m->Entry.DllBase : NULL;
    LdrpReleaseLoaderLock();
    return *base;
}

SIZE_T WINAPI RtlCompareMemory(const void *a, const void *b, SIZE_T length)
{
    const BYTE *x = a, *y = b;
    SIZE_T i = 0;
    while (i < length && x[i] == y[i])
        i++;
    return i;
}

PPEB WINAPI RtlGetCurrentPeb(void)
{
    return NtCurrentTeb()->ProcessEnvironmentBlock;
}
