/*
 * x64 unwinding ("x64 exception handling", Microsoft docs): function tables (.pdata and dynamic ones),
 * RtlVirtualUnwind over UNWIND_INFO, RtlUnwindEx with termination handlers, and the C language handler
 * __C_specific_handler (__try/__except/__finally).
 *
 * Builtin DLLs are host code without unwind data. Frames of host code are never unwound: a walk that
 * reaches one goes on from the activation of the dispatcher or unwinder it belongs to (rtl/activation.c),
 * and ends when there is none (the thread's start, or a builtin calling back).
 */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/unwind.h"
#include "ps/ps.h"

/* ---- function tables -------------------------------------------------------------------------------- */

struct dynamic_table {
    LIST_ENTRY Links;
    PRUNTIME_FUNCTION Table;
    DWORD Count;
    DWORD64 Base;
    DWORD64 Start, End;   /* the code range covered */
};

static LIST_ENTRY dynamic_tables = {&dynamic_tables, &dynamic_tables};
static RTL_CRITICAL_SECTION dynamic_lock;

BOOLEAN WINAPI RtlAddFunctionTable(PRUNTIME_FUNCTION table, DWORD count, DWORD64 base)
{
    struct dynamic_table *t = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *t);
    if (!t)
        return FALSE;
    t->Table = table;
    t->Count = count;
    t->Base = base;
    t->Start = ~0ull;
    t->End = 0;
    for (DWORD i = 0; i < count; i++) {
        if (base + table[i].BeginAddress < t->Start)
            t->Start = base + table[i].BeginAddress;
        if (base + table[i].EndAddress > t->End)
            t->End = base + table[i].EndAddress;
    }
    RtlEnterCriticalSection(&dynamic_lock);
    InsertTailList(&dynamic_tables, &t->Links);
    RtlLeaveCriticalSection(&dynamic_lock);
    return TRUE;
}

BOOLEAN WINAPI RtlDeleteFunctionTable(PRUNTIME_FUNCTION table)
{
    BOOLEAN found = FALSE;
    RtlEnterCriticalSection(&dynamic_lock);
    for (PLIST_ENTRY e = dynamic_tables.Flink; e != &dynamic_tables; e = e->Flink) {
        struct dynamic_table *t = CONTAINING_RECORD(e, struct dynamic_table, Links);
        if (t->Table == table) {
            RemoveEntryList(e);
            RtlFreeHeap(RtlGetProcessHeap(), 0, t);
            found = TRUE;
            break;
        }
    }
    RtlLeaveCriticalSection(&dynamic_lock);
    return found;
}

static PRUNTIME_FUNCTION search_table(PRUNTIME_FUNCTION table, DWORD count, DWORD rva)
{
    DWORD lo = 0, hi = count;
    while (lo < hi) {
        DWORD mid = lo + (hi - lo) / 2;
        if (rva < table[mid].BeginAddress)
            hi = mid;
        else if (rva >= table[mid].EndAddress)
            lo = mid + 1;
        else
            return &table[mid];
    }
    return NULL;
}

/* An entry whose UnwindData has bit 0 set points to the primary entry it shares unwind data with. */
static PRUNTIME_FUNCTION primary_entry(PRUNTIME_FUNCTION rf, DWORD64 base)
{
    for (int i = 0; rf && (rf->UnwindData & 1) && i < 32; i++)
        rf = (PRUNTIME_FUNCTION)(base + (rf->UnwindData & ~1u));
    return rf;
}

PRUNTIME_FUNCTION WINAPI RtlLookupFunctionEntry(DWORD64 pc, PDWORD64 base, PVOID history)
{
    (void)history;
    *base = 0;
    PVOID module;
    if (RtlPcToFileHeader((PVOID)pc, &module)) {
        ULONG size;
        PRUNTIME_FUNCTION table = RtlImageDirectoryEntryToData(module, TRUE, IMAGE_DIRECTORY_ENTRY_EXCEPTION, &size);
        if (!table)
            return NULL;
        PRUNTIME_FUNCTION rf = search_table(table, size / sizeof *table, (DWORD)(pc - (DWORD64)module));
        if (rf)
            *base = (DWORD64)module;
        return primary_entry(rf, (DWORD64)module);
    }
    PRUNTIME_FUNCTION found = NULL;
    RtlEnterCriticalSection(&dynamic_lock);
    for (PLIST_ENTRY e = dynamic_tables.Flink; e != &dynamic_tables && !found; e = e->Flink) {
        struct dynamic_table *t = CONTAINING_RECORD(e, struct dynamic_table, Links);
        if (pc >= t->Start && pc < t->End) {
            found = search_table(t->Table, t->Count, (DWORD)(pc - t->Base));
            if (found)
                *base = t->Base;
        }
    }
    RtlLeaveCriticalSection(&dynamic_lock);
    return primary_entry(found, *base);
}

/* ---- RtlVirtualUnwind ------------------------------------------------------------------------------------ */

static DWORD64 *reg_of(PCONTEXT ctx, unsigned reg)
{
    return &ctx->Rax + reg;   /* Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi, R8..R15: the x64 register numbers */
}

static void set_reg(PCONTEXT ctx, PKNONVOLATILE_CONTEXT_POINTERS ptrs, unsigned reg, DWORD64 *where)
{
    *reg_of(ctx, reg) = *where;
    if (ptrs)
        ptrs->IntegerContext[reg] = where;
}

static void set_xmm(PCONTEXT ctx, PKNONVOLATILE_CONTEXT_POINTERS ptrs, unsigned reg, M128A *where)
{
    memcpy(&(&ctx->Xmm0)[reg], where, sizeof(M128A));
    if (ptrs)
        ptrs->FloatingContext[reg] = where;
}

static unsigned code_slots(const UNWIND_CODE *code)
{
    switch (code->UnwindOp) {
    case UWOP_ALLOC_LARGE:     return code->OpInfo ? 3 : 2;
    case UWOP_SAVE_NONVOL:
    case UWOP_SAVE_XMM128:
    case UWOP_EPILOG:          return 2;
    case UWOP_SAVE_NONVOL_FAR:
    case UWOP_SAVE_XMM128_FAR: return 3;
    case 7 /* UWOP_SPARE_CODE */: return 3;
    default:                   return 1;
    }
}

/*
 * Does a direct jump at p leave the function (a tail call, so the end of an epilog)? A jump inside it is
 * ordinary control flow, except one to its first byte: a recursive tail call.
 */
static bool jump_leaves_function(const BYTE *p, DWORD64 base, PRUNTIME_FUNCTION rf)
{
    DWORD64 target = (DWORD64)p;
    if (p[0] == 0xEB) {
        target += 2 + (int8_t)p[1];
    } else {
        int32_t rel;
        memcpy(&rel, p + 1, 4);
        target += 5 + (int64_t)rel;
    }
    return target <= base + rf->BeginAddress || target >= base + rf->EndAddress;
}

/* Is the code at pc an epilog (add/lea rsp; pops; ret or a jump out)? Then undo it as it would run. */
static bool unwind_epilog(const BYTE *pc, DWORD64 base, PRUNTIME_FUNCTION rf, PCONTEXT ctx,
                          PKNONVOLATILE_CONTEXT_POINTERS ptrs, unsigned frame_reg)
{
    const BYTE *p = pc;
    DWORD64 rsp = ctx->Rsp;
    if (p[0] == 0x48 && p[1] == 0x83 && p[2] == 0xC4) {
        rsp += (int8_t)p[3];
        p += 4;
    } else if (p[0] == 0x48 && p[1] == 0x81 && p[2] == 0xC4) {
        int32_t imm;
        memcpy(&imm, p + 3, 4);
        rsp += imm;
        p += 7;
    } else if ((p[0] & 0xFE) == 0x48 && p[1] == 0x8D && (p[2] & 0x38) == 0x20 && frame_reg) {
        /* lea rsp, [frame + disp8/disp32] with the frame register */
        unsigned rm = (p[2] & 7) | ((p[0] & 1) << 3);
        int32_t disp;
        if (rm != frame_reg)
            return false;
        if ((p[2] & 0xC0) == 0x40) {
            disp = (int8_t)p[3];
            p += 4;
        } else if ((p[2] & 0xC0) == 0x80) {
            memcpy(&disp, p + 3, 4);
            p += 7;
        } else {
            return false;
        }
        rsp = *reg_of(ctx, rm) + disp;
    }
    unsigned regs[16], nregs = 0;
    while (nregs < 16) {
        if (p[0] >= 0x58 && p[0] <= 0x5F) {
            regs[nregs++] = p[0] - 0x58u;
            p++;
        } else if (p[0] == 0x41 && p[1] >= 0x58 && p[1] <= 0x5F) {
            regs[nregs++] = p[1] - 0x58u + 8;
            p += 2;
        } else {
            break;
        }
    }
    bool ends = p[0] == 0xC3 || (p[0] == 0xF3 && p[1] == 0xC3) ||
                ((p[0] == 0xE9 || p[0] == 0xEB) && jump_leaves_function(p, base, rf)) ||
                (p[0] == 0xFF && p[1] == 0x25) || (p[0] == 0x48 && p[1] == 0xFF && p[2] == 0x25);
    if (!ends)
        return false;
    ctx->Rsp = rsp;
    for (unsigned i = 0; i < nregs; i++) {
        set_reg(ctx, ptrs, regs[i], (DWORD64 *)ctx->Rsp);
        ctx->Rsp += 8;
    }
    ctx->Rip = *(DWORD64 *)ctx->Rsp;
    ctx->Rsp += 8;
    return true;
}

/* Undoes the prolog operations of info that have run at prolog offset `offset`. */
static bool unwind_codes(const UNWIND_INFO *info, DWORD offset, DWORD64 frame, PCONTEXT ctx,
                         PKNONVOLATILE_CONTEXT_POINTERS ptrs)
{
    bool mach_frame = false;
    const UNWIND_CODE *codes = info->UnwindCode;
    for (unsigned i = 0; i < info->CountOfCodes; i += code_slots(&codes[i])) {
        const UNWIND_CODE *c = &codes[i];
        if (offset < c->CodeOffset && c->UnwindOp != UWOP_EPILOG)
            continue;   /* not executed yet */
        switch (c->UnwindOp) {
        case UWOP_PUSH_NONVOL:
            set_reg(ctx, ptrs, c->OpInfo, (DWORD64 *)ctx->Rsp);
            ctx->Rsp += 8;
            break;
        case UWOP_ALLOC_LARGE:
            if (c->OpInfo)
                ctx->Rsp += *(const DWORD *)&codes[i + 1];
            else
                ctx->Rsp += (DWORD64)codes[i + 1].FrameOffset * 8;
            break;
        case UWOP_ALLOC_SMALL:
            ctx->Rsp += (DWORD64)c->OpInfo * 8 + 8;
            break;
        case UWOP_SET_FPREG:
            ctx->Rsp = *reg_of(ctx, info->FrameRegister) - (DWORD64)info->FrameOffset * 16;
            break;
        case UWOP_SAVE_NONVOL:
            set_reg(ctx, ptrs, c->OpInfo, (DWORD64 *)(frame + (DWORD64)codes[i + 1].FrameOffset * 8));
            break;
        case UWOP_SAVE_NONVOL_FAR:
            set_reg(ctx, ptrs, c->OpInfo, (DWORD64 *)(frame + *(const DWORD *)&codes[i + 1]));
            break;
        case UWOP_SAVE_XMM128:
            set_xmm(ctx, ptrs, c->OpInfo, (M128A *)(frame + (DWORD64)codes[i + 1].FrameOffset * 16));
            break;
        case UWOP_SAVE_XMM128_FAR:
            set_xmm(ctx, ptrs, c->OpInfo, (M128A *)(frame + *(const DWORD *)&codes[i + 1]));
            break;
        case UWOP_PUSH_MACHFRAME:
            /* An interrupt frame: [rsp(+8 error code)] = rip, then cs, eflags, rsp. */
            if (c->OpInfo)
                ctx->Rsp += 8;
            ctx->Rip = *(DWORD64 *)ctx->Rsp;
            ctx->Rsp = *(DWORD64 *)(ctx->Rsp + 24);
            mach_frame = true;
            break;
        default:
            break;   /* UWOP_EPILOG (version 2) describes epilogs only */
        }
    }
    return mach_frame;
}

/* Offset at which UWOP_SET_FPREG runs in info's prolog (where the frame register becomes valid). */
static DWORD set_fpreg_offset(const UNWIND_INFO *info)
{
    const UNWIND_CODE *codes = info->UnwindCode;
    for (unsigned i = 0; i < info->CountOfCodes; i += code_slots(&codes[i]))
        if (codes[i].UnwindOp == UWOP_SET_FPREG)
            return codes[i].CodeOffset;
    return 0;
}

PEXCEPTION_ROUTINE WINAPI RtlVirtualUnwind(DWORD type, DWORD64 base, DWORD64 pc, PRUNTIME_FUNCTION rf,
                                           PCONTEXT ctx, PVOID *handler_data, PDWORD64 establisher,
                                           PKNONVOLATILE_CONTEXT_POINTERS ptrs)
{
    *handler_data = NULL;
    const UNWIND_INFO *info = (const UNWIND_INFO *)(base + rf->UnwindData);
    DWORD offset = (DWORD)(pc - base - rf->BeginAddress);
    /* The establisher frame: the frame register (minus its offset) once the prolog set it, else RSP. */
    DWORD fpreg_offset = set_fpreg_offset(info);
    if (info->FrameRegister && offset >= fpreg_offset && fpreg_offset <= info->SizeOfProlog)
        *establisher = *reg_of(ctx, info->FrameRegister) - (DWORD64)info->FrameOffset * 16;
    else
        *establisher = ctx->Rsp;
    if (offset > info->SizeOfProlog && unwind_epilog((const BYTE *)pc, base, rf, ctx, ptrs, info->FrameRegister))
        return NULL;
    bool mach_frame = false;
    const UNWIND_INFO *primary = info;
    DWORD primary_offset = offset;
    for (int depth = 0; depth < 32; depth++) {
        mach_frame |= unwind_codes(info, offset, *establisher, ctx, ptrs);
        if (!(info->Flags & UNW_FLAG_CHAININFO))
            break;
        const RUNTIME_FUNCTION *chained = (const RUNTIME_FUNCTION *)&info->UnwindCode[(info->CountOfCodes + 1) & ~1];
        info = (const UNWIND_INFO *)(base + chained->UnwindData);
        offset = ~0u;   /* a chained parent's prolog has run completely */
    }
    if (!mach_frame) {
        ctx->Rip = *(DWORD64 *)ctx->Rsp;
        ctx->Rsp += 8;
    }
    if (!(primary->Flags & type) || primary_offset < primary->SizeOfProlog)
        return NULL;
    const DWORD *handler = (const DWORD *)&primary->UnwindCode[(primary->CountOfCodes + 1) & ~1];
    *handler_data = (PVOID)(handler + 1);
    return (PEXCEPTION_ROUTINE)(base + *handler);
}

/* ---- walking the guest's frames ------------------------------------------------------------------------------ */

extern const char __executable_start[], etext[];

bool RtlpIsHostCode(DWORD64 pc)
{
    return pc >= (DWORD64)__executable_start && pc < (DWORD64)etext;
}

static bool frame_in_stack(DWORD64 frame)
{
    PTEB teb = NtCurrentTeb();
    return frame >= (DWORD64)teb->DeallocationStack && frame < (DWORD64)teb->NtTib.StackBase;
}

/*
 * One frame up from ctx: the handler of the current frame (for type), the establisher frame, and ctx
 * becomes the caller's. FALSE when there is no guest frame to go to (host code, zero, off the stack).
 */
bool RtlpUnwindFrame(DWORD type, PCONTEXT ctx, struct rtlp_frame *f)
{
    memset(f, 0, sizeof *f);
    if (!ctx->Rip || RtlpIsHostCode(ctx->Rip) || !frame_in_stack(ctx->Rsp))
        return false;
    f->ControlPc = ctx->Rip;
    f->FunctionEntry = RtlLookupFunctionEntry(ctx->Rip, &f->ImageBase, NULL);
    if (!f->FunctionEntry) {
        /* A leaf function: no prolog, the return address is at RSP. */
        f->EstablisherFrame = ctx->Rsp;
        ctx->Rip = *(DWORD64 *)ctx->Rsp;
        ctx->Rsp += 8;
        return true;
    }
    f->Handler = RtlVirtualUnwind(type, f->ImageBase, ctx->Rip, f->FunctionEntry, ctx, &f->HandlerData,
                                  &f->EstablisherFrame, NULL);
    return true;
}

/*
 * A walk that reached host code at ctx (RIP in ntexec, RSP just above that code's frame) goes on from
 * whoever owns the host frames there, the nearest above: an activation of the dispatcher or unwinder
 * (below *cursor), or a builtin function called from guest code that called the guest back (qsort's
 * comparator, an enumeration's callback, a thread routine). In the second case the walk goes on from
 * the guest's call of the builtin, its nonvolatile registers as KiBuiltinEntry saved them: that is what
 * Windows' walk finds after unwinding through the DLL's own frames, and an unwind to a handler above
 * abandons the builtin's frames as it would free Windows' (host allocations they made leak; a builtin
 * holding a host lock is not crossed). *act is the activation taken, NULL for a builtin call.
 */
bool RtlpWalkOnFromHost(PCONTEXT ctx, unsigned *cursor, bool unwinding, const struct rtlp_activation **act)
{
    unsigned peek = *cursor;
    const struct rtlp_activation *a = RtlpNextActivation(&peek, unwinding);
    CONTEXT caller = *ctx;
    if (act)
        *act = NULL;
    if (KeBuiltinCallerContext(ctx->Rsp, &caller) && (!a || caller.Rsp <= (DWORD64)a->Context)) {
        *ctx = caller;
        return true;
    }
    if (!a)
        return false;
    *cursor = peek;
    *ctx = *a->Context;
    if (act)
        *act = a;
    return true;
}

/* ---- RtlUnwindEx ----------------------------------------------------------------------------------------------- */

/*
 * Called by RtlUnwindEx (unwind_amd64.S) with the context of its caller, and by the CRTs' longjmp with
 * the context of its guest caller. Calls the termination handlers of every frame from there up to
 * target_frame, then continues at target_ip in the target frame with RAX = retval.
 */
void WINAPI RtlpUnwindEx(PVOID target_frame, PVOID target_ip, PEXCEPTION_RECORD rec, PVOID retval, PCONTEXT out,
                         PVOID history, PCONTEXT caller)
{
    EXCEPTION_RECORD local = {.ExceptionCode = (DWORD)STATUS_UNWIND, .ExceptionAddress = (PVOID)caller->Rip};
    if (!rec)
        rec = &local;
    rec->ExceptionFlags |= EXCEPTION_UNWINDING | (target_frame ? 0 : EXCEPTION_EXIT_UNWIND);
    /* The activation's context lives in this frame (activations are ordered by where they live). */
    const CONTEXT start = *caller;
    unsigned cursor = RtlpActivationCount();
    bool active = RtlpPushActivation(RTLP_UNWIND, &start, NULL);
    CONTEXT ctx = start;
    DWORD scope = 0;   /* where a collided unwind resumes the handler's scopes */
    for (;;) {
        CONTEXT next = ctx;
        struct rtlp_frame f;
        if (!RtlpUnwindFrame(UNW_FLAG_UHANDLER, &next, &f)) {
            const struct rtlp_activation *a = NULL;
            if (RtlpWalkOnFromHost(&ctx, &cursor, true, &a)) {
                if (a && a->Kind == RTLP_UNWIND_HANDLER) {
                    /* A collided unwind: the frame whose handler started this one is unwound again, its
                     * handler resuming where it was. */
                    rec->ExceptionFlags |= EXCEPTION_COLLIDED_UNWIND;
                    scope = a->Dispatch->ScopeIndex;
                }
                continue;
            }
            if (active)
                RtlpPopActivation();
            if (target_frame) {
                EXCEPTION_RECORD bad = {.ExceptionCode = (DWORD)STATUS_INVALID_UNWIND_TARGET,
                                        .ExceptionFlags = EXCEPTION_NONCONTINUABLE};
                RtlRaiseException(&bad);
            }
            NtTerminateThread(NtCurrentThread(), (NTSTATUS)rec->ExceptionCode);   /* an exit unwind's end */
        }
        if ((PVOID)f.EstablisherFrame == target_frame)
            rec->ExceptionFlags |= EXCEPTION_TARGET_UNWIND;
        if (f.Handler) {
            DISPATCHER_CONTEXT dc = {f.ControlPc, f.ImageBase, f.FunctionEntry, f.EstablisherFrame,
                                     (DWORD64)target_ip, &ctx, f.Handler, f.HandlerData, history, scope, 0};
            bool handler_active = RtlpPushActivation(RTLP_UNWIND_HANDLER, &ctx, &dc);
            f.Handler(rec, (PVOID)f.EstablisherFrame, &ctx, &dc);
            if (handler_active)
                RtlpPopActivation();
        }
        rec->ExceptionFlags &= ~(DWORD)EXCEPTION_COLLIDED_UNWIND;
        scope = 0;
        if ((PVOID)f.EstablisherFrame == target_frame)
            break;
        if (target_frame && f.EstablisherFrame > (DWORD64)target_frame) {
            if (active)
                RtlpPopActivation();
            EXCEPTION_RECORD bad = {.ExceptionCode = (DWORD)STATUS_INVALID_UNWIND_TARGET,
                                    .ExceptionFlags = EXCEPTION_NONCONTINUABLE};
            RtlRaiseException(&bad);
        }
        ctx = next;
    }
    ctx.Rax = (DWORD64)retval;
    ctx.Rip = (DWORD64)target_ip;
    if (out)
        *out = ctx;
    RtlRestoreContext(&ctx, rec);
}

void WINAPI RtlUnwind(PVOID target_frame, PVOID target_ip, PEXCEPTION_RECORD rec, PVOID retval)
{
    CONTEXT ctx;
    RtlUnwindEx(target_frame, target_ip, rec, retval, &ctx, NULL);
}

/* ---- __C_specific_handler ------------------------------------------------------------------------------------------ */

typedef struct {
    DWORD Count;
    struct {
        DWORD BeginAddress, EndAddress, HandlerAddress, JumpTarget;
    } ScopeRecord[];
} SCOPE_TABLE;

typedef LONG(WINAPI *EXCEPTION_FILTER)(PEXCEPTION_POINTERS info, PVOID frame);
typedef void(WINAPI *TERMINATION_HANDLER)(BOOLEAN abnormal, PVOID frame);

EXCEPTION_DISPOSITION WINAPI __C_specific_handler(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                  PDISPATCHER_CONTEXT dc)
{
    const SCOPE_TABLE *table = dc->HandlerData;
    DWORD64 pc = dc->ControlPc - dc->ImageBase;
    if (rec->ExceptionFlags & EXCEPTION_UNWIND) {
        DWORD64 target = dc->TargetIp - dc->ImageBase;
        for (DWORD i = dc->ScopeIndex; i < table->Count; i++) {
            if (pc < table->ScopeRecord[i].BeginAddress || pc >= table->ScopeRecord[i].EndAddress)
                continue;
            /* Unwinding into the target's own __except: stop at its scope. */
            if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) && table->ScopeRecord[i].JumpTarget == target)
                break;
            if (table->ScopeRecord[i].JumpTarget)
                continue;   /* __except scopes have no termination handler */
            dc->ScopeIndex = i + 1;
            ((TERMINATION_HANDLER)(dc->ImageBase + table->ScopeRecord[i].HandlerAddress))(TRUE, frame);
        }
        return ExceptionContinueSearch;
    }
    for (DWORD i = dc->ScopeIndex; i < table->Count; i++) {
        if (pc < table->ScopeRecord[i].BeginAddress || pc >= table->ScopeRecord[i].EndAddress ||
            !table->ScopeRecord[i].JumpTarget)
            continue;
        LONG verdict = EXCEPTION_EXECUTE_HANDLER;
        if (table->ScopeRecord[i].HandlerAddress != EXCEPTION_EXECUTE_HANDLER) {
            EXCEPTION_POINTERS info = {rec, ctx};
            verdict = ((EXCEPTION_FILTER)(dc->ImageBase + table->ScopeRecord[i].HandlerAddress))(&info, frame);
        }
        if (verdict < 0)
            return ExceptionContinueExecution;
        if (verdict > 0)
            RtlUnwindEx(frame, (PVOID)(dc->ImageBase + table->ScopeRecord[i].JumpTarget), rec,
                        (PVOID)(ULONG_PTR)rec->ExceptionCode, dc->ContextRecord, dc->HistoryTable);
    }
    return ExceptionContinueSearch;
}
