/*
 * longjmp's unwinding (setjmp_amd64.S holds setjmp/longjmp themselves).
 *
 * Windows' longjmp with a frame in the jump buffer calls RtlUnwind(frame, rip, {STATUS_LONGJUMP, buffer})
 * so that the __finally blocks and C++ cleanups of the frames it leaves run. RtlUnwindEx starts from its
 * caller's frame, and frames of host code cannot be unwound (no unwind data), so the call comes from a
 * small trampoline in guest memory whose unwind data is registered with RtlAddFunctionTable: unwinding it
 * leads straight to longjmp's guest caller, with every register as that caller left it. When host code
 * stands between the caller and the target (see target_reachable), the buffer is restored directly.
 */
#include <string.h>

#include "crt/lib.h"
#include "ntdll/rtl/unwind.h"
#include "win32/k32.h"

PVOID WINAPI VirtualAlloc(PVOID address, SIZE_T size, DWORD type, DWORD protect);
void WINAPI crt_longjmp_landing(void);

#define STATUS_LONGJUMP 0x80000026u

/* Per thread: what the landing needs once RtlUnwindEx reaches the target frame (rax points here), and the
 * guest caller's context. The offsets are setjmp_amd64.S's. */
struct longjmp_state {
    void *buffer;
    int value;
    int unwind;                       /* 0: restore the buffer directly */
    EXCEPTION_RECORD record;
    CONTEXT context;
};
static_assert(offsetof(struct longjmp_state, unwind) == 12, "longjmp_state layout");
static_assert(offsetof(struct longjmp_state, record) == 16, "longjmp_state layout");
static_assert(offsetof(struct longjmp_state, context) == 0xb0, "longjmp_state layout");

static _Thread_local struct longjmp_state state;

void *crt_longjmp_trampoline;   /* read by crt_longjmp */

/*
 * The trampoline: entered by a jump with the guest's return address at [rsp] and RtlUnwindEx's first four
 * arguments in registers.
 *     sub  $0x38, %rsp                 ; the prolog the unwind data describes
 *     movq $0, 0x20(%rsp)              ; ContextRecord = NULL
 *     movq $0, 0x28(%rsp)              ; HistoryTable = NULL
 *     movabs $RtlUnwindEx, %rax
 *     call *%rax
 *     ud2
 */
struct trampoline_page {
    unsigned char code[48];
    RUNTIME_FUNCTION function;
    struct {
        BYTE version_flags, prolog, count, frame;
        UNWIND_CODE codes[2];
    } unwind;
};

static void *make_trampoline(void)
{
    struct trampoline_page *p = VirtualAlloc(NULL, 4096, 0x3000 /* MEM_COMMIT | MEM_RESERVE */,
                                             0x40 /* PAGE_EXECUTE_READWRITE */);
    if (!p)
        return NULL;
    static const unsigned char head[] = {0x48, 0x83, 0xec, 0x38, 0x48, 0xc7, 0x44, 0x24, 0x20, 0, 0, 0, 0,
                                         0x48, 0xc7, 0x44, 0x24, 0x28, 0, 0, 0, 0, 0x48, 0xb8};
    static const unsigned char tail[] = {0xff, 0xd0, 0x0f, 0x0b};
    uint64_t target = (uint64_t)(uintptr_t)RtlUnwindEx;
    size_t n = 0;
    memcpy(p->code, head, sizeof head);
    n += sizeof head;
    memcpy(p->code + n, &target, 8);
    n += 8;
    memcpy(p->code + n, tail, sizeof tail);
    n += sizeof tail;
    p->unwind.version_flags = 1;          /* version 1, no handler */
    p->unwind.prolog = 4;
    p->unwind.count = 1;
    p->unwind.frame = 0;
    p->unwind.codes[0].CodeOffset = 4;
    p->unwind.codes[0].UnwindOp = 2;      /* UWOP_ALLOC_SMALL: (OpInfo + 1) * 8 = 0x38 */
    p->unwind.codes[0].OpInfo = 6;
    p->function.BeginAddress = 0;
    p->function.EndAddress = (DWORD)n;
    p->function.UnwindData = (DWORD)offsetof(struct trampoline_page, unwind);
    if (!RtlAddFunctionTable(&p->function, 1, (DWORD64)(uintptr_t)p))
        return NULL;
    return p->code;
}

struct longjmp_state *WINAPI crt_longjmp_state(void)
{
    return &state;
}

/*
 * Can RtlUnwindEx get from the guest caller's frame to the target frame? It walks guest frames, and passes
 * the host frames of an exception being dispatched through the dispatch's context; host code calling back
 * into the guest (a qsort comparator, a raise() handler) has no unwind data and would end the walk. Then
 * the frames up to the target are left without running their handlers, as a plain longjmp would.
 */
static bool target_reachable(CONTEXT ctx, DWORD64 target)
{
    for (int frames = 0; frames < 100000; frames++) {
        struct rtlp_frame f;
        if (!RtlpUnwindFrame(UNW_FLAG_NHANDLER, &ctx, &f))
            return RtlpActivationCount() != 0;
        if (f.EstablisherFrame >= target)
            return true;   /* found, or passed: RtlUnwindEx then reports the bad target as Windows does */
    }
    return false;
}

/* Called by crt_longjmp after it captured the context into the state (Microsoft ABI, so the guest's
 * nonvolatile registers survive the call). */
struct longjmp_state *WINAPI crt_longjmp_prepare(void *buffer, int value, DWORD64 entry_rsp)
{
    if (!__atomic_load_n(&crt_longjmp_trampoline, __ATOMIC_ACQUIRE)) {
        crt_lock(13);
        if (!crt_longjmp_trampoline)
            __atomic_store_n(&crt_longjmp_trampoline, make_trampoline(), __ATOMIC_RELEASE);
        crt_unlock(13);
    }
    state.buffer = buffer;
    state.value = value;
    memset(&state.record, 0, sizeof state.record);
    state.record.ExceptionCode = STATUS_LONGJUMP;
    state.record.NumberParameters = 1;
    state.record.ExceptionInformation[0] = (ULONG_PTR)buffer;
    state.context.Rip = *(DWORD64 *)entry_rsp;
    state.context.Rsp = entry_rsp + 8;
    state.unwind = crt_longjmp_trampoline && target_reachable(state.context, *(DWORD64 *)buffer);
    return &state;
}
