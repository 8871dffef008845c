/*
 * Activations: the places where this thread's guest code is inside host code that dispatches or unwinds an
 * exception. On Windows a walk of the stack passes straight through ntdll's dispatcher frames: a handler
 * that raises is searched from the new exception up through the dispatcher into the frames of the first
 * one; an unwind started inside a termination handler collides with the unwind that called it and goes on
 * from the frame being unwound. Our dispatcher is host code, which has no unwind data, so a walk that
 * reaches it goes on from the activation that code belongs to, newest first.
 *
 * Entries live as long as the host frames of their activation: they go when those frames return, or when
 * control is restored to a guest frame above them (an unwind reaching its target, a longjmp).
 */
#include "ntdll/rtl/unwind.h"

#define MAX_ACTIVATIONS 64

static _Thread_local struct rtlp_activation activations[MAX_ACTIVATIONS];
static _Thread_local unsigned activation_count;

bool RtlpPushActivation(enum rtlp_activation_kind kind, const CONTEXT *context, PDISPATCHER_CONTEXT dispatch)
{
    if (activation_count == MAX_ACTIVATIONS)
        return false;
    activations[activation_count++] = (struct rtlp_activation){kind, context, dispatch};
    return true;
}

void RtlpPopActivation(void)
{
    if (activation_count)
        activation_count--;
}

unsigned RtlpActivationCount(void)
{
    return activation_count;
}

const struct rtlp_activation *RtlpNextActivation(unsigned *cursor, bool unwinding)
{
    while (*cursor > 0) {
        if (*cursor > activation_count)
            *cursor = activation_count;
        const struct rtlp_activation *a = &activations[--*cursor];
        /* An exception raised by a termination handler is searched for from the caller of the unwind. */
        if (a->Kind == RTLP_UNWIND_HANDLER && !unwinding)
            continue;
        return a;
    }
    return NULL;
}

void RtlpAbandonActivations(DWORD64 rsp)
{
    /* Each entry's context is stored in its activation's host frames, deeper for newer entries: those below
     * rsp are gone once control is back at rsp. */
    while (activation_count && (DWORD64)activations[activation_count - 1].Context < rsp)
        activation_count--;
}
