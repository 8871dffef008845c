/*
 * One-time initialization (RTL_RUN_ONCE, kernel32's INIT_ONCE). The low two bits of the pointer-sized
 * value say the state, as on Windows: 0 not started, 1 a synchronous initialization is running,
 * 3 asynchronous initializations are running, 2 done, the other bits then holding the context (whose low
 * RTL_RUN_ONCE_CTX_RESERVED_BITS must be clear). While state 1 has sleepers, bit 2 is set and they wait
 * on the low 32 bits as a futex; a completion that sees the bit wakes them all.
 */
#include "ntdll/rtl/sync.h"

#define ONCE_NEW      0
#define ONCE_SYNC     1
#define ONCE_DONE     2
#define ONCE_ASYNC    3
#define ONCE_STATE    3
#define ONCE_SLEEPERS 4

static volatile ULONG_PTR *word_of(PRTL_RUN_ONCE once)
{
    return (volatile ULONG_PTR *)&once->Ptr;
}

void WINAPI RtlRunOnceInitialize(PRTL_RUN_ONCE once)
{
    once->Ptr = NULL;
}

NTSTATUS WINAPI RtlRunOnceBeginInitialize(PRTL_RUN_ONCE once, ULONG flags, PVOID *context)
{
    if (flags & ~(RTL_RUN_ONCE_CHECK_ONLY | RTL_RUN_ONCE_ASYNC))
        return STATUS_INVALID_PARAMETER;
    volatile ULONG_PTR *w = word_of(once);
    ULONG_PTR v = __atomic_load_n(w, __ATOMIC_ACQUIRE);
    if (flags & RTL_RUN_ONCE_CHECK_ONLY) {
        if (flags & RTL_RUN_ONCE_ASYNC)
            return STATUS_INVALID_PARAMETER;
        if ((v & ONCE_STATE) != ONCE_DONE)
            return STATUS_UNSUCCESSFUL;
        if (context)
            *context = (PVOID)(v & ~(ULONG_PTR)ONCE_STATE);
        return STATUS_SUCCESS;
    }
    for (;;) {
        switch (v & ONCE_STATE) {
        case ONCE_DONE:
            if (context)
                *context = (PVOID)(v & ~(ULONG_PTR)ONCE_STATE);
            return STATUS_SUCCESS;
        case ONCE_NEW: {
            ULONG_PTR next = flags & RTL_RUN_ONCE_ASYNC ? ONCE_ASYNC : ONCE_SYNC;
            if (__atomic_compare_exchange_n(w, &v, next, false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
                return STATUS_PENDING;
            break;
        }
        case ONCE_ASYNC:
            /* Every asynchronous caller runs its own initialization; the first to complete wins. */
            if (!(flags & RTL_RUN_ONCE_ASYNC))
                return STATUS_INVALID_PARAMETER;
            return STATUS_PENDING;
        case ONCE_SYNC:
            if (flags & RTL_RUN_ONCE_ASYNC)
                return STATUS_INVALID_PARAMETER;
            if (!(v & ONCE_SLEEPERS) &&
                !__atomic_compare_exchange_n(w, &v, v | ONCE_SLEEPERS, false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
                break;
            host_futex_wait((volatile uint32_t *)w, (uint32_t)(v | ONCE_SLEEPERS), -1);
            v = __atomic_load_n(w, __ATOMIC_ACQUIRE);
            break;
        }
    }
}

NTSTATUS WINAPI RtlRunOnceComplete(PRTL_RUN_ONCE once, ULONG flags, PVOID context)
{
    if (flags & ~(RTL_RUN_ONCE_ASYNC | RTL_RUN_ONCE_INIT_FAILED))
        return STATUS_INVALID_PARAMETER;
    if ((ULONG_PTR)context & ((1 << RTL_RUN_ONCE_CTX_RESERVED_BITS) - 1))
        return STATUS_INVALID_PARAMETER;
    volatile ULONG_PTR *w = word_of(once);
    ULONG_PTR v = __atomic_load_n(w, __ATOMIC_ACQUIRE);
    if (flags & RTL_RUN_ONCE_INIT_FAILED) {
        /* A failed synchronous attempt lets the next caller try again; async ones cannot fail this way. */
        if ((flags & RTL_RUN_ONCE_ASYNC) || context || (v & ONCE_STATE) != ONCE_SYNC)
            return STATUS_INVALID_PARAMETER;
        v = __atomic_exchange_n(w, ONCE_NEW, __ATOMIC_RELEASE);
    } else if (flags & RTL_RUN_ONCE_ASYNC) {
        if ((v & ONCE_STATE) == ONCE_DONE)
            return STATUS_UNSUCCESSFUL;    /* another asynchronous initialization won */
        if ((v & ONCE_STATE) != ONCE_ASYNC)
            return STATUS_INVALID_PARAMETER;
        if (!__atomic_compare_exchange_n(w, &v, (ULONG_PTR)context | ONCE_DONE, false, __ATOMIC_RELEASE,
                                         __ATOMIC_ACQUIRE))
            return STATUS_UNSUCCESSFUL;
        return STATUS_SUCCESS;
    } else {
        if ((v & ONCE_STATE) != ONCE_SYNC)
            return STATUS_UNSUCCESSFUL;
        v = __atomic_exchange_n(w, (ULONG_PTR)context | ONCE_DONE, __ATOMIC_RELEASE);
    }
    if (v & ONCE_SLEEPERS)
        host_futex_wake((volatile uint32_t *)w, 0x7fffffff);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlRunOnceExecuteOnce(PRTL_RUN_ONCE once, PRTL_RUN_ONCE_INIT_FN fn, PVOID param, PVOID *context)
{
    NTSTATUS status = RtlRunOnceBeginInitialize(once, 0, context);
    if (status != STATUS_PENDING)
        return status;
    PVOID value = NULL;
    if (!fn(once, param, &value)) {
        RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, NULL);
        return STATUS_UNSUCCESSFUL;
    }
    status = RtlRunOnceComplete(once, 0, value);
    if (status != STATUS_SUCCESS) {
        /* A context with its reserved bits set: let the waiters retry rather than sleep for ever. */
        RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, NULL);
        return status;
    }
    if (context)
        *context = value;
    return STATUS_SUCCESS;
}
