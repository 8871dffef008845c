/*
 * Guarded calls: host code calling guest code that must not take the host's frames with it when it raises,
 * as the loader calls DllMain during LoadLibrary (Windows' loader and Wine's run it inside their own
 * __try). An exception the guest's own frames leave unhandled ends the call instead: the dispatcher, when
 * its walk reaches the host code of the newest guard, returns there with the exception code. The guest
 * frames between are abandoned without their termination handlers.
 */
#include <setjmp.h>

#include "ke/ke.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/unwind.h"

struct rtlp_guard {
    jmp_buf jump;
    struct rtlp_guard *outer;
    DWORD64 frame;            /* RtlpCallGuarded's frame, on the thread's stack */
    volatile NTSTATUS code;
};

static _Thread_local struct rtlp_guard *guards;

NTSTATUS RtlpCallGuarded(void (*fn)(void *), void *arg)
{
    struct rtlp_guard guard = {.outer = guards, .frame = (DWORD64)__builtin_frame_address(0), .code = STATUS_SUCCESS};
    if (setjmp(guard.jump) == 0) {
        guards = &guard;
        fn(arg);
    }
    guards = guard.outer;
    return guard.code;
}

bool RtlpGuardTakes(const CONTEXT *walk, const struct rtlp_activation *next)
{
    struct rtlp_guard *g = guards;
    /* The guard's frame must be above where the walk left the guest (it made that call) and below the next
     * activation, if any (an activation nearer the exception comes first); and the host code reached must
     * be the guard's own, not a builtin the guarded guest code called (a qsort whose comparator raised). */
    return g && g->frame > walk->Rsp && (!next || g->frame < (DWORD64)next->Context) &&
           !KeGuestCallBetween(walk->Rsp, g->frame);
}

void RtlpGuardReturn(NTSTATUS code, DWORD64 rsp)
{
    struct rtlp_guard *g = guards;
    (void)rsp;
    g->code = code;
    RtlpAbandonActivations(g->frame);
    longjmp(g->jump, 1);
}
