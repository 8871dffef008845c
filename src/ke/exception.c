/*
 * Faults become Windows exceptions. The host signal handler builds an EXCEPTION_RECORD and a CONTEXT
 * from the interrupted state, copies both onto the faulting thread's stack and makes the thread resume
 * (when the signal handler returns) in ntdll's KiUserExceptionDispatcher(record, context), exactly where
 * Windows' kernel sends a user-mode exception. The dispatcher then runs on the guest stack, outside any
 * signal context.
 */
#include <stdio.h>
#include <string.h>

#include "host/host.h"
#include "ke/apitrace.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "ps/ps.h"
#include "rtl/rtl.h"

ULONG_PTR KiUserExceptionDispatcherAddress;

/* The ntexec binary's own code, for telling host faults from guest ones (GNU ld symbols). */
extern const char __executable_start[], etext[];

static bool in_host_code(ULONG_PTR rip)
{
    return rip >= (ULONG_PTR)__executable_start && rip < (ULONG_PTR)etext;
}

static DWORD float_status(const CONTEXT *ctx)
{
    /* MXCSR's unmasked, raised flag says which; the x87 status word is not used by x64 code. */
    DWORD flags = ctx->MxCsr & 0x3F;
    if (flags & 0x04)
        return (DWORD)STATUS_FLOAT_DIVIDE_BY_ZERO;
    if (flags & 0x08)
        return (DWORD)STATUS_FLOAT_OVERFLOW;
    if (flags & 0x10)
        return (DWORD)STATUS_FLOAT_UNDERFLOW;
    if (flags & 0x20)
        return (DWORD)STATUS_FLOAT_INEXACT_RESULT;
    if (flags & 0x02)
        return (DWORD)STATUS_FLOAT_DENORMAL_OPERAND;
    return (DWORD)STATUS_FLOAT_INVALID_OPERATION;
}

/* The exception a fault means on Windows. */
static void fill_record(const struct host_fault *f, CONTEXT *ctx, EXCEPTION_RECORD *rec, PETHREAD t)
{
    memset(rec, 0, sizeof *rec);
    rec->ExceptionAddress = (PVOID)ctx->Rip;
    switch (f->kind) {
    case HOST_FAULT_ACCESS:
    case HOST_FAULT_BUS:
        if (f->address != ~0ull && MmHandleGuardPageFault(f->address)) {
            rec->ExceptionCode = (DWORD)STATUS_GUARD_PAGE_VIOLATION;
        } else if (t && f->address >= (ULONG_PTR)t->StackAllocation && f->address < (ULONG_PTR)t->StackLimit) {
            rec->ExceptionCode = (DWORD)STATUS_STACK_OVERFLOW;
            /* The guard is spent: the handler runs in what it protected, as after Windows' guard page. */
            MiProtectPages(t->Process, t->StackAllocation,
                           (ULONG_PTR)t->StackLimit - (ULONG_PTR)t->StackAllocation, PAGE_READWRITE);
        } else {
            rec->ExceptionCode = (DWORD)STATUS_ACCESS_VIOLATION;
        }
        rec->NumberParameters = 2;
        rec->ExceptionInformation[0] = (ULONG_PTR)f->write;
        rec->ExceptionInformation[1] = f->address;   /* ~0 when the CPU gave none (a general-protection fault) */
        break;
    case HOST_FAULT_ILLEGAL:
        rec->ExceptionCode = (DWORD)STATUS_ILLEGAL_INSTRUCTION;
        break;
    case HOST_FAULT_PRIV:
        rec->ExceptionCode = (DWORD)STATUS_PRIVILEGED_INSTRUCTION;
        break;
    case HOST_FAULT_DIVIDE:
        rec->ExceptionCode = (DWORD)STATUS_INTEGER_DIVIDE_BY_ZERO;
        break;
    case HOST_FAULT_OVERFLOW:
        rec->ExceptionCode = (DWORD)STATUS_INTEGER_OVERFLOW;
        break;
    case HOST_FAULT_FPE:
        rec->ExceptionCode = float_status(ctx);
        break;
    case HOST_FAULT_BREAKPOINT:
        /* Linux reports the address after int3; Windows points RIP and the address at the int3. */
        ctx->Rip--;
        rec->ExceptionAddress = (PVOID)ctx->Rip;
        rec->ExceptionCode = (DWORD)STATUS_BREAKPOINT;
        rec->NumberParameters = 1;
        break;
    case HOST_FAULT_SINGLE_STEP:
        rec->ExceptionCode = (DWORD)STATUS_SINGLE_STEP;
        break;
    }
}

_Noreturn static void fatal_host_fault(const struct host_fault *f, const CONTEXT *ctx)
{
    host_print_error("ntexec: internal error: fault %d at %p (address %p) outside any Windows thread\n",
                     (int)f->kind, (void *)ctx->Rip, (void *)f->address);
    host_exit_process(127);
}

_Thread_local KI_BUILTIN_CALLS KiBuiltinCalls;

/*
 * The guest call a fault in host code belongs to: the newest builtin call recorded by KiBuiltinEntry whose
 * frames are still live above the fault (calls at or below the faulting RSP have returned), made from
 * guest code, its return address still in place, and no host lock taken since it began (a builtin that
 * faults holding one is a host bug: the lock would never be released). NULL when there is none.
 */
static const KI_BUILTIN_CALL *faulting_builtin_call(const CONTEXT *ctx, PETHREAD t)
{
    ULONG_PTR low = (ULONG_PTR)t->StackAllocation, high = (ULONG_PTR)t->StackBase;
    if (ctx->Rsp < low || ctx->Rsp >= high)
        return NULL;
    DWORD64 count = KiBuiltinCalls.Top / sizeof(KI_BUILTIN_CALL);
    for (DWORD64 i = count < KI_MAX_BUILTIN_CALLS ? count : KI_MAX_BUILTIN_CALLS; i-- > 0;) {
        const KI_BUILTIN_CALL *c = &KiBuiltinCalls.Call[i];
        if (c->Rsp <= ctx->Rsp)
            continue;
        /* a call `--trace=api` traces returns through KiApiTraceReturn: its real return address is kept */
        DWORD64 rip = c->Rip == (DWORD64)KiApiTraceReturn ? KeApiTraceCaller(c->Rsp) : c->Rip;
        if (c->Rsp > high || !rip || host_is_code(rip) || *(const DWORD64 *)(c->Rsp - 8) != c->Rip ||
            c->Locks != host_locks_held)
            return NULL;
        return c;
    }
    return NULL;
}

/*
 * A fault in a builtin function is raised at the guest's call site, as if the call had raised it: the
 * context is the caller's at the return address (RSP after the return, its nonvolatile registers, RAX 0),
 * so the guest's frame handlers are found from there; the builtin's host frames are abandoned. This is
 * what Windows shows a program whose argument made ucrtbase or kernel32 fault, less the DLL's own frames.
 */
static void raise_at_call_site(const KI_BUILTIN_CALL *c, CONTEXT *ctx, EXCEPTION_RECORD *rec)
{
    ctx->Rip = c->Rip == (DWORD64)KiApiTraceReturn ? KeApiTraceCaller(c->Rsp) : c->Rip;
    ctx->Rsp = c->Rsp;
    ctx->Rbx = c->Rbx;
    ctx->Rbp = c->Rbp;
    ctx->Rsi = c->Rsi;
    ctx->Rdi = c->Rdi;
    ctx->R12 = c->R12;
    ctx->R13 = c->R13;
    ctx->R14 = c->R14;
    ctx->R15 = c->R15;
    ctx->Rax = 0;
    memcpy(&ctx->FltSave.XmmRegisters[6], c->Xmm, sizeof c->Xmm);
    rec->ExceptionAddress = (PVOID)ctx->Rip;
}

/* The innermost builtin call made from guest code whose guest RSP lies above rsp (0: any), or NULL. Calls
 * made by ntexec's own code (a hook it calls back, ...) are skipped: their activation, not the call, owns
 * the frames. */
static const KI_BUILTIN_CALL *innermost_guest_call(DWORD64 rsp)
{
    DWORD64 count = KiBuiltinCalls.Top / sizeof(KI_BUILTIN_CALL);
    for (DWORD64 i = count < KI_MAX_BUILTIN_CALLS ? count : KI_MAX_BUILTIN_CALLS; i-- > 0;) {
        const KI_BUILTIN_CALL *c = &KiBuiltinCalls.Call[i];
        if (c->Rsp <= rsp)
            continue;   /* returned, or below the walk */
        DWORD64 rip = c->Rip == (DWORD64)KiApiTraceReturn ? KeApiTraceCaller(c->Rsp) : c->Rip;
        if (rip && !host_is_code(rip))
            return c;
    }
    return NULL;
}

BOOLEAN KeGuestCallSiteContext(CONTEXT *ctx)
{
    const KI_BUILTIN_CALL *c = innermost_guest_call(0);
    if (!c)
        return FALSE;
    EXCEPTION_RECORD unused;
    raise_at_call_site(c, ctx, &unused);
    return TRUE;
}

BOOLEAN KeGuestCallBetween(DWORD64 low, DWORD64 high)
{
    const KI_BUILTIN_CALL *c = innermost_guest_call(low);
    return c && c->Rsp < high;
}

BOOLEAN KeBuiltinCallerContext(DWORD64 rsp, CONTEXT *ctx)
{
    const KI_BUILTIN_CALL *c = innermost_guest_call(rsp);
    if (!c || *(const DWORD64 *)(c->Rsp - 8) != c->Rip || c->Locks != host_locks_held)
        return FALSE;
    EXCEPTION_RECORD unused;
    raise_at_call_site(c, ctx, &unused);
    return TRUE;
}

/*
 * __fastfail(code) is `int 0x29` with the code in ECX. Windows ends the process at once with
 * STATUS_STACK_BUFFER_OVERRUN, without any exception handler seeing it ("__fastfail", Microsoft C++
 * documentation). Linux makes the instruction a general-protection fault; on_fault sends the thread here.
 */
static void describe_address(ULONG_PTR address, char *out, size_t size);

_Noreturn static void WINAPI KiFastFail(ULONG code, ULONG_PTR address)
{
    char where[160], image[128];
    describe_address(address, where, sizeof where);
    RtlpBaseNameUtf8(image, sizeof image, &PsGetCurrentProcess()->ImageFileName);
    host_print_error("ntexec: %s: fast fail %u at %s (0xC0000409, STATUS_STACK_BUFFER_OVERRUN)\n", image, (unsigned)code,
                     where);
    TRACE_EVENT("fast fail", "%u at %s", (unsigned)code, where);
    PspExitProcess(STATUS_STACK_BUFFER_OVERRUN);
}

static bool is_fast_fail(const struct host_fault *f, const CONTEXT *ctx)
{
    if (f->kind != HOST_FAULT_ACCESS || f->address != ~0ull || host_is_code(ctx->Rip))
        return false;
    const unsigned char *ip = (const unsigned char *)ctx->Rip;
    return ip[0] == 0xCD && ip[1] == 0x29;
}

static void on_fault(struct host_fault *f)
{
    CONTEXT ctx;
    EXCEPTION_RECORD rec;
    host_context_to_nt(f->ucontext, &ctx);
    PETHREAD t = PsGetCurrentThread();
    if (!t || t->IsSystemThread || !KiUserExceptionDispatcherAddress)
        fatal_host_fault(f, &ctx);
    /* Room below the interrupted stack (past a System V red zone, should host code have faulted). */
    ULONG_PTR sp = (ctx.Rsp - 128) & ~(ULONG_PTR)15;
    if (is_fast_fail(f, &ctx)) {
        CONTEXT entry = ctx;
        entry.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
        entry.Rsp = sp - 0x28;
        entry.Rip = (ULONG_PTR)KiFastFail;
        entry.Rcx = (ULONG)ctx.Rcx;
        entry.Rdx = ctx.Rip;
        entry.EFlags &= ~0x100u;
        host_context_from_nt(f->ucontext, &entry);
        return;
    }
    fill_record(f, &ctx, &rec, t);
    if (host_is_code(ctx.Rip) && f->kind != HOST_FAULT_BREAKPOINT && f->kind != HOST_FAULT_SINGLE_STEP) {
        const KI_BUILTIN_CALL *c = faulting_builtin_call(&ctx, t);
        if (c)
            raise_at_call_site(c, &ctx, &rec);
    }
    sp -= (sizeof(CONTEXT) + 15) & ~(size_t)15;
    CONTEXT *ctx_copy = (CONTEXT *)sp;
    sp -= (sizeof(EXCEPTION_RECORD) + 15) & ~(size_t)15;
    EXCEPTION_RECORD *rec_copy = (EXCEPTION_RECORD *)sp;
    sp -= 0x28;  /* home space and a return-address slot: the dispatcher is entered as if called */
    memcpy(ctx_copy, &ctx, sizeof ctx);
    memcpy(rec_copy, &rec, sizeof rec);
    *(ULONG_PTR *)sp = 0;
    CONTEXT entry = ctx;
    entry.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
    entry.Rsp = sp;
    entry.Rip = KiUserExceptionDispatcherAddress;
    entry.Rcx = (ULONG_PTR)rec_copy;
    entry.Rdx = (ULONG_PTR)ctx_copy;
    entry.EFlags &= ~0x100u;  /* no single-stepping into the dispatcher */
    host_context_from_nt(f->ucontext, &entry);
}

NTSTATUS KiInitializeExceptions(void)
{
    return host_signals_init(on_fault);
}

/* Where the faulting code is, as "image+0xoffset" when it is in a mapped image. */
static void describe_address(ULONG_PTR address, char *out, size_t size)
{
    ULONG_PTR base;
    PSECTION s = MmGetImageSectionAt(address, &base);
    if (s) {
        char name[96];
        RtlpBaseNameUtf8(name, sizeof name, &s->FileName);
        snprintf(out, size, "%s+0x%llx", name, (unsigned long long)(address - base));
        ObDereferenceObject(s);
    } else if (in_host_code(address)) {
        snprintf(out, size, "ntexec+0x%llx, a builtin function", (unsigned long long)(address -
                                                                                     (ULONG_PTR)__executable_start));
    } else {
        snprintf(out, size, "%p", (void *)address);
    }
}

/*
 * NtRaiseException: first chance goes to the user-mode dispatcher; second chance (nothing handled it)
 * ends the process with the exception code, after one line on stderr where Windows would show its
 * crash dialog.
 */
NTSTATUS WINAPI NtRaiseException(PEXCEPTION_RECORD rec, PCONTEXT ctx, BOOLEAN first_chance)
{
    PROBE_FOR_READ(rec, sizeof *rec);
    PROBE_FOR_WRITE(ctx, sizeof *ctx);
    if (first_chance) {
        typedef void(WINAPI * dispatcher)(PEXCEPTION_RECORD, PCONTEXT);
        ((dispatcher)KiUserExceptionDispatcherAddress)(rec, ctx);
        return STATUS_SUCCESS;
    }
    char where[160], image[128];
    describe_address((ULONG_PTR)rec->ExceptionAddress, where, sizeof where);
    RtlpBaseNameUtf8(image, sizeof image, &PsGetCurrentProcess()->ImageFileName);
    const char *name = RtlpNtStatusName((NTSTATUS)rec->ExceptionCode);
    host_print_error("ntexec: %s: unhandled exception 0x%08X%s%s%s at %s\n", image, (unsigned)rec->ExceptionCode,
                     name ? " (" : "", name ? name : "", name ? ")" : "", where);
    TRACE_EVENT("unhandled exception", "0x%08X at %s", (unsigned)rec->ExceptionCode, where);
    PspExitProcess((NTSTATUS)rec->ExceptionCode);
}
