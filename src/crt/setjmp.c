/*
 * longjmp (setjmp_amd64.S holds setjmp and longjmp's entry, which captures its guest caller's context).
 *
 * Windows' longjmp with a frame in the jump buffer unwinds to it with a STATUS_LONGJUMP record, so the
 * __finally blocks and C++ cleanups of the frames it leaves run, and the unwind's final RtlRestoreContext
 * takes the registers from the buffer. Here the unwind starts from the guest caller's context
 * (RtlpUnwindEx), since longjmp itself is host code. When the walk could not reach the target (host code
 * calling back into the program stands between them, see target_reachable), or the buffer has no frame,
 * the buffer is restored directly.
 */
#include "crt/lib.h"
#include "nt/ntstatus.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/unwind.h"

_Noreturn void WINAPI crt_longjmp_from(const JUMP_BUFFER *buffer, int value, PCONTEXT caller);

/*
 * Can the unwinder get from the guest caller's frame to the target frame? Its walk goes through guest
 * frames and, past host code, on from the activations of dispatches and unwinds in progress; host code
 * that called back into the program outside those (a qsort comparator, a raise() handler) ends it. Then
 * the frames up to the target are left without running their handlers, as a plain longjmp would.
 */
static bool target_reachable(CONTEXT ctx, DWORD64 target)
{
    unsigned cursor = RtlpActivationCount();
    for (int frames = 0; frames < 100000; frames++) {
        struct rtlp_frame f;
        if (!RtlpUnwindFrame(UNW_FLAG_NHANDLER, &ctx, &f)) {
            const struct rtlp_activation *a = RtlpNextActivation(&cursor, true);
            if (!a)
                return false;
            ctx = *a->Context;
            continue;
        }
        if (f.EstablisherFrame >= target)
            return true;   /* found, or passed: the unwinder then reports the bad target as Windows does */
    }
    return false;
}

_Noreturn void WINAPI crt_longjmp_from(const JUMP_BUFFER *buffer, int value, PCONTEXT caller)
{
    EXCEPTION_RECORD rec = {.ExceptionCode = (DWORD)STATUS_LONGJUMP, .NumberParameters = 1,
                            .ExceptionInformation = {(ULONG_PTR)buffer}};
    if (!value)
        value = 1;
    if (buffer->Frame && target_reachable(*caller, buffer->Frame))
        RtlpUnwindEx((PVOID)buffer->Frame, (PVOID)buffer->Rip, &rec, (PVOID)(INT_PTR)value, NULL, NULL, caller);
    caller->Rax = (DWORD64)(INT_PTR)value;
    RtlRestoreContext(caller, &rec);
    __builtin_unreachable();
}
