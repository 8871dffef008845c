/*
 * ntdll's user-mode synchronization: SRW locks, condition variables, run-once, WaitOnAddress and
 * fiber-local storage (SLists, which need no kernel, are in src/rtl). All of them live in the caller's
 * memory and block on host futexes, with no kernel object and no server, as on Windows (where they block on keyed events / the wait-on-address
 * table). The structures keep their Windows sizes; their bits are ntexec's own except where Windows
 * documents them (SLIST_HEADER, RTL_RUN_ONCE's context bits).
 */
#ifndef NTDLL_RTL_SYNC_H
#define NTDLL_RTL_SYNC_H

#include "host/host.h"
#include "nt/ntstatus.h"
#include "nt/peb.h"
#include "rtl/rtl.h"

typedef struct _RTL_SRWLOCK {
    PVOID Ptr;
} RTL_SRWLOCK, *PRTL_SRWLOCK;

typedef struct _RTL_CONDITION_VARIABLE {
    PVOID Ptr;
} RTL_CONDITION_VARIABLE, *PRTL_CONDITION_VARIABLE;

typedef union _RTL_RUN_ONCE {
    PVOID Ptr;
} RTL_RUN_ONCE, *PRTL_RUN_ONCE;


#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1
#define RTL_RUN_ONCE_CHECK_ONLY     0x1
#define RTL_RUN_ONCE_ASYNC          0x2
#define RTL_RUN_ONCE_INIT_FAILED    0x4
#define RTL_RUN_ONCE_CTX_RESERVED_BITS 2

typedef ULONG(WINAPI *PRTL_RUN_ONCE_INIT_FN)(PRTL_RUN_ONCE, PVOID, PVOID *);
typedef void(WINAPI *PFLS_CALLBACK_FUNCTION)(PVOID);

/* srwlock.c */
void WINAPI RtlInitializeSRWLock(PRTL_SRWLOCK lock);
void WINAPI RtlAcquireSRWLockExclusive(PRTL_SRWLOCK lock);
void WINAPI RtlAcquireSRWLockShared(PRTL_SRWLOCK lock);
void WINAPI RtlReleaseSRWLockExclusive(PRTL_SRWLOCK lock);
void WINAPI RtlReleaseSRWLockShared(PRTL_SRWLOCK lock);
BOOLEAN WINAPI RtlTryAcquireSRWLockExclusive(PRTL_SRWLOCK lock);
BOOLEAN WINAPI RtlTryAcquireSRWLockShared(PRTL_SRWLOCK lock);

/* condvar.c */
void WINAPI RtlInitializeConditionVariable(PRTL_CONDITION_VARIABLE cv);
void WINAPI RtlWakeConditionVariable(PRTL_CONDITION_VARIABLE cv);
void WINAPI RtlWakeAllConditionVariable(PRTL_CONDITION_VARIABLE cv);
NTSTATUS WINAPI RtlSleepConditionVariableCS(PRTL_CONDITION_VARIABLE cv, PRTL_CRITICAL_SECTION cs,
                                            const LARGE_INTEGER *timeout);
NTSTATUS WINAPI RtlSleepConditionVariableSRW(PRTL_CONDITION_VARIABLE cv, PRTL_SRWLOCK lock,
                                             const LARGE_INTEGER *timeout, ULONG flags);

/* runonce.c */
void WINAPI RtlRunOnceInitialize(PRTL_RUN_ONCE once);
NTSTATUS WINAPI RtlRunOnceBeginInitialize(PRTL_RUN_ONCE once, ULONG flags, PVOID *context);
NTSTATUS WINAPI RtlRunOnceComplete(PRTL_RUN_ONCE once, ULONG flags, PVOID context);
NTSTATUS WINAPI RtlRunOnceExecuteOnce(PRTL_RUN_ONCE once, PRTL_RUN_ONCE_INIT_FN fn, PVOID param, PVOID *context);

/* waitaddr.c */
NTSTATUS WINAPI RtlWaitOnAddress(const void *address, const void *compare, SIZE_T size,
                                 const LARGE_INTEGER *timeout);
void WINAPI RtlWakeAddressSingle(const void *address);
void WINAPI RtlWakeAddressAll(const void *address);

/* fls.c */
NTSTATUS WINAPI RtlFlsAlloc(PFLS_CALLBACK_FUNCTION callback, ULONG *index);
NTSTATUS WINAPI RtlFlsFree(ULONG index);
NTSTATUS WINAPI RtlFlsGetValue(ULONG index, PVOID *value);
NTSTATUS WINAPI RtlFlsSetValue(ULONG index, PVOID value);
/* flags 1: run the callbacks of the non-NULL values; 2: free the block (thread exit does both). */
void WINAPI RtlProcessFlsData(PVOID fls_data, ULONG flags);

/* critsec.c additions */
ULONG WINAPI RtlSetCriticalSectionSpinCount(PRTL_CRITICAL_SECTION cs, ULONG spin);
BOOLEAN WINAPI RtlIsCriticalSectionLocked(PRTL_CRITICAL_SECTION cs);

/* Futex wait until the deadline: STATUS_SUCCESS (woken, value changed, or spurious) or STATUS_TIMEOUT. */
NTSTATUS RtlpFutexWaitUntil(volatile uint32_t *word, uint32_t expected, int64_t deadline);
/* Spins a little (only where another CPU can release), true once pred(word) holds. */
static inline bool RtlpSpinFor(volatile uint32_t *word, uint32_t busy_mask, unsigned rounds)
{
    for (unsigned i = 0; i < rounds; i++) {
        if (!(__atomic_load_n(word, __ATOMIC_RELAXED) & busy_mask))
            return true;
        __builtin_ia32_pause();
    }
    return false;
}

#endif
