/*
 * MSVC C++ exception handling on x64, as vcruntime140.dll (and msvcrt.dll, ucrtbase.dll) implement it:
 *
 *  - `throw x` is _CxxThrowException(&x, &ThrowInfo): RaiseException(0xE06D7363, NONCONTINUABLE, 4,
 *    {0x19930520, &x, &ThrowInfo, the image base ThrowInfo's RVAs count from}); `throw;` passes NULL, NULL
 *    and the frame handlers substitute the exception being handled.
 *  - Each function with try blocks or objects to destroy names __CxxFrameHandler3 (or 4) in its
 *    UNWIND_INFO, with its table (ehdata.h) as handler data. In the search phase the handler finds a
 *    catch whose type matches one of the ThrowInfo's catchable types, builds the catch object in the
 *    frame, and unwinds to the frame with a STATUS_UNWIND_CONSOLIDATE record; the unwinder calls each
 *    frame's handler to destroy its objects (the unwind map), then calls back call_catch_block with the
 *    thrower's frames still in place, the exception object among them. It calls the catch funclet, which
 *    answers where the function goes on, and the exception object is destroyed.
 *  - A frame whose catch block is running (an entry in the thread's catches) is in the catch: a throw
 *    from the catch block looks for handlers around the whole try/catch, and an unwind through it starts
 *    below the try block, whose objects are gone already.
 */
#include <stdlib.h>
#include <string.h>

#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "nt/ntstatus.h"
#include "nt/pe.h"
#include "rtl/rtl.h"
#include "vcruntime/cxxeh.h"
#include "vcruntime/ehdata.h"
#include "win32/k32.h"

_Noreturn void WINAPI crt_abort_msvcrt(void);
_Noreturn void WINAPI crt_abort_ucrt(void);

typedef void(WINAPI *funclet_void)(void *object);
typedef void(WINAPI *copy_ctor)(void *dst, void *src);
typedef void(WINAPI *copy_ctor_vb)(void *dst, void *src, int most_derived);
typedef PVOID(WINAPI *catch_funclet)(DWORD64 unused, DWORD64 frame);
typedef void(WINAPI *unwind_funclet)(DWORD64 unused, DWORD64 frame);

/* ---- per-thread state ---------------------------------------------------------------------------------- */

/* A C++ exception as the handlers see it: its object and type, and the image whose RVAs the type uses. */
struct cxx_exception {
    void *object;
    const EH_THROW_INFO *info;
    DWORD64 base;
};

/* A catch block that is running: the frame that caught (the unwind's target) and the try block's states. */
struct cxx_catch {
    DWORD64 frame;
    int try_low, catch_high;
    struct cxx_exception exc;
    EXCEPTION_RECORD record;   /* the exception, rethrows resolved: what __current_exception shows */
    CONTEXT *context;
};

/* Allocated when a thread enters its outermost catch block and freed when it leaves it: 13 KiB of static
 * TLS would be zeroed into every host thread, most of which never catch a C++ exception. */
#define MAX_CATCHES 64
static _Thread_local struct cxx_catch *catches;
static _Thread_local unsigned ncatches;
static _Thread_local PVOID current_record;    /* __current_exception */
static _Thread_local PVOID current_context;   /* __current_exception_context */
static _Thread_local int processing_throw;
static _Thread_local int uncaught;
static _Thread_local cxx_se_translator se_translator;
static cxx_terminate_handler terminate_handler;
static PVOID purecall_handler;

enum cxx_flavor { CXX_UCRT, CXX_MSVCRT };

/* ---- std::terminate ------------------------------------------------------------------------------------------ */

_Noreturn static void terminate_with(enum cxx_flavor flavor)
{
    cxx_terminate_handler h = __atomic_load_n(&terminate_handler, __ATOMIC_ACQUIRE);
    if (h)
        h();   /* a terminate handler must not return; if it does, abort as the CRT does */
    if (flavor == CXX_MSVCRT)
        crt_abort_msvcrt();
    crt_abort_ucrt();
}

_Noreturn void WINAPI cxx_terminate_ucrt(void) { terminate_with(CXX_UCRT); }
_Noreturn void WINAPI cxx_terminate_msvcrt(void) { terminate_with(CXX_MSVCRT); }

cxx_terminate_handler WINAPI cxx_set_terminate(cxx_terminate_handler handler)
{
    return __atomic_exchange_n(&terminate_handler, handler, __ATOMIC_ACQ_REL);
}

cxx_terminate_handler WINAPI cxx_get_terminate(void)
{
    return __atomic_load_n(&terminate_handler, __ATOMIC_ACQUIRE);
}

cxx_se_translator WINAPI cxx_set_se_translator(cxx_se_translator translator)
{
    cxx_se_translator old = se_translator;
    se_translator = translator;
    return old;
}

/* ---- reading an exception ------------------------------------------------------------------------------------ */

static bool is_cxx_exception(const EXCEPTION_RECORD *rec)
{
    if (rec->ExceptionCode != EH_EXCEPTION_NUMBER || rec->NumberParameters < 3)
        return false;
    ULONG_PTR magic = rec->ExceptionInformation[0];
    return (magic >= EH_MAGIC_NUMBER1 && magic <= EH_MAGIC_NUMBER3) || magic == EH_PURE_MAGIC_NUMBER1;
}

static struct cxx_exception exception_of(const EXCEPTION_RECORD *rec)
{
    return (struct cxx_exception){(void *)rec->ExceptionInformation[1],
                                  (const EH_THROW_INFO *)rec->ExceptionInformation[2],
                                  rec->NumberParameters >= 4 ? rec->ExceptionInformation[3] : 0};
}

static const void *at_rva(DWORD64 base, int rva)
{
    return rva ? (const void *)(base + (DWORD)rva) : NULL;
}

void *WINAPI cxx_adjust_pointer(void *object, const void *pmd_v)
{
    const EH_PMD *pmd = pmd_v;
    char *p = (char *)object + pmd->mdisp;
    if (pmd->pdisp >= 0) {
        const char *vbtable = *(char *const *)((char *)object + pmd->pdisp);
        p += *(const int *)(vbtable + pmd->vdisp) + pmd->pdisp;
    }
    return p;
}

void WINAPI cxx_destruct_exception_object(PEXCEPTION_RECORD rec)
{
    if (!rec || !is_cxx_exception(rec))
        return;
    struct cxx_exception e = exception_of(rec);
    if (e.object && e.info && e.info->pmfnUnwind)
        ((funclet_void)at_rva(e.base, e.info->pmfnUnwind))(e.object);
}

/* ---- the handler's view of a function ---------------------------------------------------------------------- */

struct decoded {
    struct eh_func f;
    void *heap;
    DWORD64 arena[256];
};

static NTSTATUS decode(struct decoded *d, PDISPATCHER_CONTEXT dc, unsigned format)
{
    d->heap = NULL;
    const IMAGE_NT_HEADERS64 *nt = RtlImageNtHeader((HMODULE)dc->ImageBase);
    if (!nt)
        return STATUS_INVALID_IMAGE_FORMAT;
    struct eh_view v = {(const BYTE *)dc->ImageBase, nt->OptionalHeader.SizeOfImage};
    DWORD rva = *(const DWORD *)dc->HandlerData;
    size_t needed;
    void *arena = d->arena;
    size_t size = sizeof d->arena;
    for (int pass = 0; pass < 2; pass++) {
        NTSTATUS s = format == 4 ? eh_decode_fh4(&v, rva, dc->FunctionEntry->BeginAddress, &d->f, arena, size, &needed)
                                 : eh_decode_fh3(&v, rva, &d->f, arena, size, &needed);
        if (s != STATUS_BUFFER_TOO_SMALL || pass)
            return s;
        d->heap = arena = RtlAllocateHeap(RtlGetProcessHeap(), 0, needed);
        size = needed;
        if (!arena)
            return STATUS_NO_MEMORY;
    }
    return STATUS_UNSUCCESSFUL;
}

static void release(struct decoded *d)
{
    if (d->heap)
        RtlFreeHeap(RtlGetProcessHeap(), 0, d->heap);
    d->heap = NULL;
}

/* FH3: the try block whose catch funclet the frame is (its handler's funclet is the frame's function),
 * -1 for the function's own frame. FH4 funclets have tables of their own: -1. */
static int own_try_block(const struct eh_func *f, PDISPATCHER_CONTEXT dc, unsigned *handler)
{
    if (f->format == 4)
        return -1;
    for (unsigned t = 0; t < f->ntry; t++)
        for (unsigned k = 0; k < f->tries[t].nhandlers; k++)
            if (f->handlers[f->tries[t].first_handler + k].funclet == dc->FunctionEntry->BeginAddress) {
                *handler = f->tries[t].first_handler + k;
                return (int)t;
            }
    return -1;
}

/* The establisher frame of the function that owns frame: a catch funclet's is kept in its own frame. */
static DWORD64 parent_frame(const struct eh_func *f, DWORD64 frame, int own_try, unsigned own_handler)
{
    if (f->format == 4)
        return f->flags & FH4_IS_CATCH ? *(const DWORD64 *)(frame + f->disp_frame) : frame;
    return own_try >= 0 ? *(const DWORD64 *)(frame + f->handlers[own_handler].disp_frame) : frame;
}

static struct cxx_catch *catch_of_frame(DWORD64 frame)
{
    for (unsigned i = ncatches; i-- > 0;)
        if (catches[i].frame == frame)
            return &catches[i];
    return NULL;
}

/* Is the object still the exception of an outer catch block (a rethrow caught inside a catch)? */
static bool object_in_use(const void *object, const struct cxx_catch *except)
{
    for (unsigned i = 0; i < ncatches; i++)
        if (&catches[i] != except && catches[i].exc.object == object)
            return true;
    return false;
}

/* Ends the catch block at index i (and any inner one left behind): its exception object is destroyed
 * unless it goes on being thrown (keep) or an outer catch block still has it. */
static void end_catch(unsigned i, const void *keep)
{
    while (ncatches > i) {
        struct cxx_catch *c = &catches[--ncatches];
        current_record = ncatches ? &catches[ncatches - 1].record : NULL;
        current_context = ncatches ? catches[ncatches - 1].context : NULL;
        if (c->exc.object && c->exc.object != keep && !object_in_use(c->exc.object, c) && c->exc.info &&
            c->exc.info->pmfnUnwind)
            ((funclet_void)at_rva(c->exc.base, c->exc.info->pmfnUnwind))(c->exc.object);
    }
    if (!ncatches) {
        free(catches);
        catches = NULL;
    }
}

/* Destroys the frame's objects from state `from` down to (not including) `target`. */
static void unwind_states(const struct eh_func *f, DWORD64 base, DWORD64 parent, int from, int target,
                          enum cxx_flavor flavor)
{
    int s = from;
    while (s > target && s >= 0) {
        if ((unsigned)s >= f->nunwind)
            terminate_with(flavor);   /* a state the table does not have: the frame is corrupt */
        const struct eh_unwind *u = &f->unwind[s];
        switch (u->kind) {
        case EH_UNWIND_FUNCLET:
            ((unwind_funclet)(base + u->action))(0, parent);
            break;
        case EH_UNWIND_DTOR_OBJ:
            ((funclet_void)(base + u->action))((void *)(parent + u->object));
            break;
        case EH_UNWIND_DTOR_PTR:
            ((funclet_void)(base + u->action))(*(void **)(parent + u->object));
            break;
        case EH_UNWIND_NONE:
            break;
        }
        s = u->to_state;
    }
}

/* ---- matching a catch ------------------------------------------------------------------------------------------ */

static bool type_matches(const struct eh_handler *h, DWORD64 base, const EH_CATCHABLE_TYPE *ct,
                         const struct cxx_exception *e)
{
    const EH_TYPE_DESCRIPTOR *want = at_rva(base, (int)h->type);
    if (!want || !want->name[0])
        return true;   /* catch (...) */
    const EH_TYPE_DESCRIPTOR *have = at_rva(e->base, ct->pType);
    if (!have || (want != have && strcmp(want->name, have->name)))
        return false;
    if ((ct->properties & CT_BY_REFERENCE_ONLY) && !(h->adjectives & HT_IS_REFERENCE))
        return false;
    if ((e->info->attributes & TI_IS_CONST) && !(h->adjectives & HT_IS_CONST))
        return false;
    if ((e->info->attributes & TI_IS_UNALIGNED) && !(h->adjectives & HT_IS_UNALIGNED))
        return false;
    if ((e->info->attributes & TI_IS_VOLATILE) && !(h->adjectives & HT_IS_VOLATILE))
        return false;
    return true;
}

/* Builds the catch object where the catch block expects it, from the exception object (base classes and
 * pointers adjusted by the catchable type's displacement). */
static void build_catch_object(const struct eh_handler *h, DWORD64 base, DWORD64 parent,
                               const EH_CATCHABLE_TYPE *ct, const struct cxx_exception *e)
{
    const EH_TYPE_DESCRIPTOR *want = at_rva(base, (int)h->type);
    if (!want || !want->name[0] || (!h->catch_obj && !(h->adjectives & HT_IS_COMPLUS_EH)))
        return;
    void *dst = (void *)(parent + h->catch_obj);
    if (h->adjectives & HT_IS_REFERENCE) {
        *(void **)dst = cxx_adjust_pointer(e->object, &ct->thisDisplacement);
    } else if (ct->properties & CT_IS_SIMPLE_TYPE) {
        memcpy(dst, e->object, (size_t)ct->sizeOrOffset);
        if (ct->sizeOrOffset == sizeof(void *) && *(void **)dst)
            *(void **)dst = cxx_adjust_pointer(*(void **)dst, &ct->thisDisplacement);
    } else if (!ct->copyFunction) {
        memcpy(dst, cxx_adjust_pointer(e->object, &ct->thisDisplacement), (size_t)ct->sizeOrOffset);
    } else if (ct->properties & CT_HAS_VIRTUAL_BASE) {
        ((copy_ctor_vb)at_rva(e->base, ct->copyFunction))(dst, cxx_adjust_pointer(e->object, &ct->thisDisplacement), 1);
    } else {
        ((copy_ctor)at_rva(e->base, ct->copyFunction))(dst, cxx_adjust_pointer(e->object, &ct->thisDisplacement));
    }
}

/* What call_catch_block needs; it lives in the handler's frame, which stays while the catch block runs. */
struct catch_call {
    DWORD64 frame, parent, base;
    PVOID funclet;
    unsigned ncontinuations;
    DWORD continuation[2];
    int try_low, catch_high;
    struct cxx_exception exc;
    const EXCEPTION_RECORD *rec;
    PCONTEXT context;
};

static PVOID WINAPI call_catch_block(PEXCEPTION_RECORD rec);

static bool is_catch_record(const EXCEPTION_RECORD *rec)
{
    return rec->ExceptionCode == (DWORD)STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters >= 2 &&
           rec->ExceptionInformation[0] == (ULONG_PTR)call_catch_block;
}

/* The catch block runs with the frames below the target still in place; it answers where to go on. */
static PVOID WINAPI call_catch_block(PEXCEPTION_RECORD rec)
{
    const struct catch_call *cc = (const struct catch_call *)rec->ExceptionInformation[1];
    if (!catches)
        catches = malloc(MAX_CATCHES * sizeof *catches);
    if (!catches || ncatches == MAX_CATCHES)
        terminate_with(CXX_UCRT);
    unsigned index = ncatches;
    struct cxx_catch *c = &catches[ncatches++];
    *c = (struct cxx_catch){cc->frame, cc->try_low, cc->catch_high, cc->exc, *cc->rec, cc->context};
    c->record.ExceptionInformation[1] = (ULONG_PTR)cc->exc.object;
    c->record.ExceptionInformation[2] = (ULONG_PTR)cc->exc.info;
    if (c->record.NumberParameters >= 4)
        c->record.ExceptionInformation[3] = cc->exc.base;
    current_record = &c->record;
    current_context = cc->context;
    if (processing_throw > 0)
        processing_throw--;
    if (uncaught > 0)
        uncaught--;
    PVOID next = ((catch_funclet)cc->funclet)(0, cc->parent);
    /* FH4 may keep the continuations in the table: the funclet then answers an index */
    if (cc->ncontinuations && (ULONG_PTR)next < cc->ncontinuations)
        next = (PVOID)(cc->base + cc->continuation[(ULONG_PTR)next]);
    end_catch(index, NULL);
    return next;
}

/* Unwinds to frame and runs the catch block of try block t, handler h; does not return. */
_Noreturn static void catch_it(const struct eh_func *f, struct decoded *d, PDISPATCHER_CONTEXT dc, DWORD64 frame,
                               DWORD64 parent, int own_try, unsigned t, const struct eh_handler *h,
                               const EH_CATCHABLE_TYPE *ct, const struct cxx_exception *e, PEXCEPTION_RECORD rec,
                               PCONTEXT ctx)
{
    if (ct)
        build_catch_object(h, dc->ImageBase, parent, ct, e);
    /* A catch block of the function goes on in the function's frame; one of a try block inside this catch
     * funclet goes on in the funclet (FH3 tables describe both in one) */
    const struct eh_try *tb = &f->tries[t];
    if (own_try >= 0 && !(tb->low > f->tries[own_try].high && tb->high <= f->tries[own_try].catch_high))
        frame = parent;
    struct catch_call cc = {frame, parent, dc->ImageBase, (PVOID)(dc->ImageBase + h->funclet), h->ncontinuations,
                            {h->continuation[0], h->continuation[1]}, f->tries[t].low, f->tries[t].catch_high,
                            *e, rec, ctx};
    release(d);   /* the decoded table is not used past this point */
    EXCEPTION_RECORD consolidate = {.ExceptionCode = (DWORD)STATUS_UNWIND_CONSOLIDATE,
                                    .ExceptionFlags = EXCEPTION_NONCONTINUABLE, .NumberParameters = 2,
                                    .ExceptionInformation = {(ULONG_PTR)call_catch_block, (ULONG_PTR)&cc}};
    CONTEXT scratch;
    RtlUnwindEx((PVOID)frame, (PVOID)dc->ControlPc, &consolidate, NULL, &scratch, dc->HistoryTable);
    __builtin_unreachable();
}

/* ---- the frame handler ---------------------------------------------------------------------------------------- */

static bool is_noexcept(const struct eh_func *f)
{
    return f->format == 4 ? (f->flags & FH4_NO_EXCEPT) != 0
                          : f->magic >= EH_MAGIC_NUMBER3 && (f->flags & FI_EHNOEXCEPT_FLAG);
}

static bool only_cxx(const struct eh_func *f)
{
    return f->format == 4 ? (f->flags & FH4_EHS) != 0 : f->magic >= EH_MAGIC_NUMBER3 && (f->flags & FI_EHS_FLAG);
}

static void handle_unwind(const struct eh_func *f, PEXCEPTION_RECORD rec, DWORD64 frame, DWORD64 parent,
                          PDISPATCHER_CONTEXT dc, int ip_state, int own_try, enum cxx_flavor flavor)
{
    int from = ip_state, target = -1;
    struct cxx_catch *c = catch_of_frame(frame);
    if (c)
        from = c->try_low;   /* the try block's own objects went before its catch block ran */
    if (own_try >= 0)
        target = f->tries[own_try].high;   /* a catch funclet: its own objects; the parent's go with the parent */
    if (rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) {
        if (is_catch_record(rec))
            target = ((const struct catch_call *)rec->ExceptionInformation[1])->try_low;
        else if (rec->ExceptionCode == (DWORD)STATUS_LONGJUMP)
            target = eh_state_from_rva(f, (DWORD)(dc->TargetIp - dc->ImageBase));
    }
    if (c) {
        /* the catch block of this frame is left by the exception being unwound: it ends here, its
         * exception object destroyed unless that is what goes on being thrown */
        const void *keep = NULL;
        if (is_catch_record(rec))
            keep = ((const struct catch_call *)rec->ExceptionInformation[1])->exc.object;
        else if (is_cxx_exception(rec))
            keep = rec->ExceptionInformation[1] ? (void *)rec->ExceptionInformation[1] : c->exc.object;
        end_catch((unsigned)(c - catches), keep);
    }
    unwind_states(f, dc->ImageBase, parent, from, target, flavor);
}

static EXCEPTION_DISPOSITION frame_handler(unsigned format, PEXCEPTION_RECORD rec, PVOID frame_v, PCONTEXT ctx,
                                           PDISPATCHER_CONTEXT dc, enum cxx_flavor flavor)
{
    struct decoded d;
    if (format == 4 && (rec->ExceptionFlags & EXCEPTION_UNWIND) == 0 && rec->ExceptionCode != EH_EXCEPTION_NUMBER) {
        /* /EHs FH4 tables do nothing for SEH exceptions: check the header byte before decoding */
        const BYTE *hdr = (const BYTE *)(dc->ImageBase + *(const DWORD *)dc->HandlerData);
        if (*hdr & FH4_EHS)
            return ExceptionContinueSearch;
    }
    if (decode(&d, dc, format) != STATUS_SUCCESS) {
        release(&d);
        return ExceptionContinueSearch;   /* not a table this runtime knows: as MSVC's, leave the frame alone */
    }
    const struct eh_func *f = &d.f;
    DWORD64 frame = (DWORD64)frame_v;
    unsigned own_handler = 0;
    int own_try = own_try_block(f, dc, &own_handler);
    DWORD64 parent = parent_frame(f, frame, own_try, own_handler);
    int ip_state = eh_state_from_rva(f, (DWORD)(dc->ControlPc - dc->ImageBase));

    if (rec->ExceptionFlags & EXCEPTION_UNWIND) {
        handle_unwind(f, rec, frame, parent, dc, ip_state, own_try, flavor);
        release(&d);
        return ExceptionContinueSearch;
    }

    struct cxx_catch *running = catch_of_frame(frame);
    int state = running ? running->catch_high : ip_state;
    bool cxx = is_cxx_exception(rec);
    struct cxx_exception e = {0};
    if (cxx) {
        e = exception_of(rec);
        if (!e.info && !e.object) {
            /* throw; rethrows the exception of the innermost running catch block */
            if (!ncatches) {
                release(&d);
                return ExceptionContinueSearch;
            }
            e = catches[ncatches - 1].exc;
        }
    } else if (only_cxx(f)) {
        release(&d);
        return ExceptionContinueSearch;
    } else if (se_translator && f->ntry) {
        /* _set_se_translator: the translator sees the SEH exception first; the C++ exception it throws is
         * dispatched from inside this handler, and its search goes on from where the SEH exception was
         * raised (the dispatcher's activation). If it returns, catch (...) blocks see the SEH exception. */
        EXCEPTION_POINTERS info = {rec, ctx};
        cxx_se_translator translate = se_translator;
        translate(rec->ExceptionCode, &info);
    }
    for (unsigned t = 0; t < f->ntry; t++) {
        const struct eh_try *tb = &f->tries[t];
        if (state < tb->low || state > tb->high)
            continue;
        for (unsigned k = 0; k < tb->nhandlers; k++) {
            const struct eh_handler *h = &f->handlers[tb->first_handler + k];
            if (!cxx) {
                const EH_TYPE_DESCRIPTOR *want = at_rva(dc->ImageBase, (int)h->type);
                if (!want || !want->name[0])
                    catch_it(f, &d, dc, frame, parent, own_try, t, h, NULL, &e, rec, ctx);
                continue;
            }
            if (!e.info)
                continue;
            const int *cta = at_rva(e.base, e.info->pCatchableTypeArray);
            for (int i = 0; cta && i < cta[0]; i++) {
                const EH_CATCHABLE_TYPE *ct = at_rva(e.base, cta[1 + i]);
                if (ct && type_matches(h, dc->ImageBase, ct, &e))
                    catch_it(f, &d, dc, frame, parent, own_try, t, h, ct, &e, rec, ctx);
            }
        }
    }
    bool noexcept_violation = cxx && is_noexcept(f) && parent == frame;
    release(&d);
    if (noexcept_violation)
        terminate_with(flavor);   /* the exception would leave a noexcept function */
    return ExceptionContinueSearch;
}

EXCEPTION_DISPOSITION WINAPI cxx_frame_handler3_ucrt(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                    PDISPATCHER_CONTEXT dc)
{
    return frame_handler(3, rec, frame, ctx, dc, CXX_UCRT);
}

EXCEPTION_DISPOSITION WINAPI cxx_frame_handler3_msvcrt(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                      PDISPATCHER_CONTEXT dc)
{
    return frame_handler(3, rec, frame, ctx, dc, CXX_MSVCRT);
}

EXCEPTION_DISPOSITION WINAPI cxx_frame_handler4(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                               PDISPATCHER_CONTEXT dc)
{
    return frame_handler(4, rec, frame, ctx, dc, CXX_UCRT);
}

/* ---- throwing ------------------------------------------------------------------------------------------------- */

void WINAPI cxx_throw_exception(void *object, const void *throw_info)
{
    PVOID base = NULL;
    if (throw_info)
        RtlPcToFileHeader((PVOID)throw_info, &base);
    cxx_throw_exception_based(object, throw_info, (DWORD64)base);
}

void cxx_throw_exception_based(void *object, const void *throw_info, DWORD64 base)
{
    const EH_THROW_INFO *ti = throw_info;
    EXCEPTION_RECORD rec = {.ExceptionCode = EH_EXCEPTION_NUMBER, .ExceptionFlags = EXCEPTION_NONCONTINUABLE,
                            .NumberParameters = EH_EXCEPTION_PARAMETERS};
    rec.ExceptionInformation[0] = ti && (ti->attributes & TI_IS_PURE) ? EH_PURE_MAGIC_NUMBER1 : EH_MAGIC_NUMBER1;
    rec.ExceptionInformation[1] = (ULONG_PTR)object;
    rec.ExceptionInformation[2] = (ULONG_PTR)ti;
    rec.ExceptionInformation[3] = base;
    processing_throw++;
    uncaught++;
    /* raised as kernel32's RaiseException would be from the program's call of _CxxThrowException */
    RtlpRaiseAtGuestCallSite(&rec);
}

BOOL WINAPI cxx_detect_rethrow(PEXCEPTION_POINTERS info)
{
    return info && info->ExceptionRecord && is_cxx_exception(info->ExceptionRecord) &&
           !info->ExceptionRecord->ExceptionInformation[2];
}

BOOL WINAPI cxx_is_exception_typeof(const void *type, PEXCEPTION_POINTERS info)
{
    if (!info || !info->ExceptionRecord || !is_cxx_exception(info->ExceptionRecord))
        return FALSE;
    struct cxx_exception e = exception_of(info->ExceptionRecord);
    const EH_TYPE_DESCRIPTOR *want = type;
    if (!e.info || !want)
        return FALSE;
    const int *cta = at_rva(e.base, e.info->pCatchableTypeArray);
    for (int i = 0; cta && i < cta[0]; i++) {
        const EH_CATCHABLE_TYPE *ct = at_rva(e.base, cta[1 + i]);
        const EH_TYPE_DESCRIPTOR *have = ct ? at_rva(e.base, ct->pType) : NULL;
        if (have && (have == want || !strcmp(have->name, want->name)))
            return TRUE;
    }
    return FALSE;
}

/* _local_unwind: the frames below frame are unwound (their __finally blocks run) and control goes to target. */
void WINAPI cxx_local_unwind(PVOID frame, PVOID target)
{
    CONTEXT scratch;
    RtlUnwindEx(frame, target, NULL, NULL, &scratch, NULL);
}

/* ---- state the program reads -------------------------------------------------------------------------------- */

PVOID *WINAPI cxx_current_exception(void) { return &current_record; }
PVOID *WINAPI cxx_current_exception_context(void) { return &current_context; }
int *WINAPI cxx_processing_throw(void) { return &processing_throw; }
BOOL WINAPI cxx_uncaught_exception(void) { return uncaught > 0; }
int WINAPI cxx_uncaught_exceptions(void) { return uncaught; }

PVOID WINAPI cxx_set_purecall_handler(PVOID handler)
{
    return __atomic_exchange_n(&purecall_handler, handler, __ATOMIC_ACQ_REL);
}

PVOID WINAPI cxx_get_purecall_handler(void)
{
    return __atomic_load_n(&purecall_handler, __ATOMIC_ACQUIRE);
}

/* A pure virtual function called (through a vtable of an abstract class, during construction or
 * destruction): the program's handler if it set one, then abort (msvcrt prints R6025 first). */
static void purecall(enum cxx_flavor flavor)
{
    void(WINAPI * h)(void) = (void(WINAPI *)(void))cxx_get_purecall_handler();
    if (h)
        h();
    if (flavor == CXX_MSVCRT) {
        static const char msg[] = "runtime error R6025\r\n- pure virtual function call\r\n";
        DWORD written;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), msg, sizeof msg - 1, &written, NULL);
        crt_abort_msvcrt();
    }
    crt_abort_ucrt();
}

void WINAPI cxx_purecall_ucrt(void) { purecall(CXX_UCRT); }
void WINAPI cxx_purecall_msvcrt(void) { purecall(CXX_MSVCRT); }
