/*
 * ke: the kernel core. Thread contexts (capture, restore, the initial context of a new thread), the
 * dispatcher (waiting on events, mutants, semaphores, processes and threads), the fault -> exception
 * path, and the trace of the chain.
 */
#ifndef KE_KE_H
#define KE_KE_H

#include <stdbool.h>

#include "nt/context.h"
#include "nt/ntstatus.h"
#include "nt/peb.h"

typedef struct _EPROCESS EPROCESS, *PEPROCESS;
typedef struct _ETHREAD ETHREAD, *PETHREAD;

/* ---- dispatcher objects -------------------------------------------------------------------------------- */

typedef enum {
    DispatcherNotificationEvent,    /* stays signaled until reset (manual-reset event) */
    DispatcherSynchronizationEvent, /* a satisfied wait resets it (auto-reset event) */
    DispatcherMutant,
    DispatcherSemaphore,
    DispatcherProcess,
    DispatcherThread,
    DispatcherNotificationTimer,    /* manual-reset waitable timer */
    DispatcherSynchronizationTimer, /* auto-reset waitable timer */
} DISPATCHER_TYPE;

/* First member of every waitable object body. */
typedef struct _DISPATCHER_HEADER {
    DISPATCHER_TYPE Type;
    LONG SignalState;   /* events/processes/threads: 0 or 1; semaphores: count; mutants: 1 - recursion */
    LIST_ENTRY WaitListHead;   /* the wait blocks of the threads waiting on it, in arrival order */
} DISPATCHER_HEADER;

typedef struct _KMUTANT {
    DISPATCHER_HEADER Header;
    PETHREAD   OwnerThread;
    LIST_ENTRY MutantListEntry;   /* in the owner's list, so its exit can abandon it */
    BOOLEAN    Abandoned;
} KMUTANT;

typedef struct _KSEMAPHORE {
    DISPATCHER_HEADER Header;
    LONG Limit;
} KSEMAPHORE;

typedef struct _KEVENT {
    DISPATCHER_HEADER Header;
} KEVENT;

typedef enum { WaitAll, WaitAny } WAIT_TYPE;
#define MAXIMUM_WAIT_OBJECTS 64

void KeInitializeDispatcherHeader(DISPATCHER_HEADER *h, DISPATCHER_TYPE type, LONG state);
/*
 * Waits for objects (each starting with a DISPATCHER_HEADER) as NtWaitForMultipleObjects does:
 * STATUS_WAIT_0 + i, STATUS_ABANDONED_WAIT_0 + i, STATUS_TIMEOUT, or STATUS_USER_APC/STATUS_ALERTED.
 * timeout: NULL = infinite; negative = relative, positive = absolute, in 100 ns units (NT convention).
 */
/* An NT timeout (NULL infinite, negative relative, positive absolute system time, in 100 ns units) as a
 * deadline on the monotonic clock in ns; -1 for infinite (or beyond the clock's range). The one conversion
 * of every wait: dispatcher objects, completion ports, the ntdll futex waits. */
int64_t KeTimeoutDeadline(const LARGE_INTEGER *timeout);
NTSTATUS KeWaitForMultipleObjects(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, BOOLEAN alertable,
                                  const LARGE_INTEGER *timeout);
/* Sets SignalState under the dispatcher lock and wakes waiters; returns the previous state. */
LONG KeSetSignalState(DISPATCHER_HEADER *h, LONG state);
/* Event pulse: wakes what waits now, then resets. */
LONG KePulseEvent(KEVENT *event);
NTSTATUS KeReleaseMutant(KMUTANT *m, BOOLEAN abandon, LONG *previous);
NTSTATUS KeReleaseSemaphore(KSEMAPHORE *s, LONG count, LONG *previous);
/* A terminating thread abandons the mutants it owns. */
void KeAbandonOwnedMutants(PETHREAD thread);
/* Sleeps (NtDelayExecution): same timeout convention as the waits. */
NTSTATUS KeDelayExecution(BOOLEAN alertable, const LARGE_INTEGER *timeout);
/*
 * The wait with an atomic signal first (NtSignalAndWaitForSingleObject): signal(arg) runs under the
 * dispatcher lock before the wait begins; a failure ends the call with its status.
 */
NTSTATUS KiWaitWithSignal(ULONG count, DISPATCHER_HEADER *const *objects, WAIT_TYPE type, BOOLEAN alertable,
                          const LARGE_INTEGER *timeout, NTSTATUS (*signal)(void *), void *arg);
/* The dispatcher lock and what may run under it (ke/wait.c). */
void KiLockDispatcher(void);
void KiUnlockDispatcher(void);
/* Satisfies, in queue order, the waits that the signaled object h can now satisfy. Lock held. */
void KiWaitTest(DISPATCHER_HEADER *h);
LONG KiSetEventLocked(KEVENT *event);
NTSTATUS KiReleaseMutantLocked(KMUTANT *m, LONG *previous);
NTSTATUS KiReleaseSemaphoreLocked(KSEMAPHORE *s, LONG count, LONG *previous);
/* Ends the current wait of thread with status if it waits alertably (an APC or alert arrived). Lock held. */
bool KiUnwaitAlertable(PETHREAD thread, NTSTATUS status);

struct _OBJECT_ATTRIBUTES;
struct _OBJECT_TYPE;

/* ---- APCs and alerts (ke/apc.c) --------------------------------------------------------------------- */

/* A user APC: routine(arg1, arg2, arg3) in the target thread's alertable wait (PS_APC_ROUTINE). */
typedef void(WINAPI *PKNORMAL_ROUTINE)(ULONG_PTR, ULONG_PTR, ULONG_PTR);
NTSTATUS KeQueueUserApc(PETHREAD thread, PKNORMAL_ROUTINE routine, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3);
NTSTATUS KiQueueUserApcLocked(PETHREAD thread, PKNORMAL_ROUTINE routine, ULONG_PTR arg1, ULONG_PTR arg2,
                              ULONG_PTR arg3);
/* Lock held: STATUS_ALERTED (alert consumed), STATUS_USER_APC (APCs queued) or STATUS_SUCCESS. */
NTSTATUS KiCheckAlertable(PETHREAD thread);
/* Runs and frees every queued user APC of the current thread, in queue order (no lock held). */
void KiDeliverUserApcs(void);
/* A terminating thread's queued APCs are dropped. */
void KeFlushUserApcs(PETHREAD thread);
NTSTATUS WINAPI NtQueueApcThread(HANDLE thread, PKNORMAL_ROUTINE routine, ULONG_PTR arg1, ULONG_PTR arg2,
                                 ULONG_PTR arg3);
NTSTATUS WINAPI NtTestAlert(void);
NTSTATUS WINAPI NtAlertThread(HANDLE thread);
NTSTATUS WINAPI NtAlertResumeThread(HANDLE thread, PULONG count);
NTSTATUS WINAPI NtSignalAndWaitForSingleObject(HANDLE signal, HANDLE wait, BOOLEAN alertable,
                                               const LARGE_INTEGER *timeout);

/* ---- waitable timers (ke/timer.c) ------------------------------------------------------------------- */

typedef void(WINAPI *PTIMER_APC_ROUTINE)(PVOID context, ULONG low, LONG high);
extern const struct _OBJECT_TYPE *ExTimerObjectType;
NTSTATUS WINAPI NtCreateTimer(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes, int type);
NTSTATUS WINAPI NtOpenTimer(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes);
NTSTATUS WINAPI NtSetTimer(HANDLE handle, const LARGE_INTEGER *due, PTIMER_APC_ROUTINE routine, PVOID context,
                           BOOLEAN resume, LONG period, BOOLEAN *previous);
NTSTATUS WINAPI NtSetTimerEx(HANDLE handle, int info_class, PVOID info, ULONG length);
NTSTATUS WINAPI NtCancelTimer(HANDLE handle, BOOLEAN *previous);
NTSTATUS WINAPI NtQueryTimer(HANDLE handle, int info_class, PVOID info, ULONG length, PULONG return_length);
/* Shared with ke/objects.c's create_named/open_named. */
NTSTATUS KiCreateNamedObject(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes,
                             const struct _OBJECT_TYPE *type, size_t size, void (*init)(void *, const void *),
                             const void *init_arg);
NTSTATUS KiOpenNamedObject(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes,
                           const struct _OBJECT_TYPE *type);

/* ---- keyed events (ke/keyedevent.c) ------------------------------------------------------------------- */

NTSTATUS WINAPI NtCreateKeyedEvent(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes,
                                   ULONG flags);
NTSTATUS WINAPI NtOpenKeyedEvent(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes);
NTSTATUS WINAPI NtWaitForKeyedEvent(HANDLE handle, PVOID key, BOOLEAN alertable, const LARGE_INTEGER *timeout);
NTSTATUS WINAPI NtReleaseKeyedEvent(HANDLE handle, PVOID key, BOOLEAN alertable, const LARGE_INTEGER *timeout);

/* Executive objects (ke/objects.c) and the wait services. */
struct _OBJECT_TYPE;
extern const struct _OBJECT_TYPE *ExEventObjectType, *ExMutantObjectType, *ExSemaphoreObjectType;
struct _OBJECT_ATTRIBUTES;
NTSTATUS WINAPI NtCreateEvent(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes, int type,
                              BOOLEAN state);
NTSTATUS WINAPI NtOpenEvent(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes);
NTSTATUS WINAPI NtSetEvent(HANDLE handle, PLONG previous);
NTSTATUS WINAPI NtResetEvent(HANDLE handle, PLONG previous);
NTSTATUS WINAPI NtPulseEvent(HANDLE handle, PLONG previous);
NTSTATUS WINAPI NtCreateMutant(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes,
                               BOOLEAN owned);
NTSTATUS WINAPI NtOpenMutant(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes);
NTSTATUS WINAPI NtReleaseMutant(HANDLE handle, PLONG previous);
NTSTATUS WINAPI NtCreateSemaphore(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes,
                                  LONG initial, LONG maximum);
NTSTATUS WINAPI NtOpenSemaphore(PHANDLE handle, ACCESS_MASK access, struct _OBJECT_ATTRIBUTES *attributes);
NTSTATUS WINAPI NtReleaseSemaphore(HANDLE handle, LONG count, PLONG previous);
NTSTATUS WINAPI NtWaitForMultipleObjects(ULONG count, const HANDLE *handles, int wait_type, BOOLEAN alertable,
                                         const LARGE_INTEGER *timeout);
NTSTATUS WINAPI NtWaitForSingleObject(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER *timeout);

/* ---- thread contexts --------------------------------------------------------------------------------- */

/*
 * KiInitializeContextThread: the CONTEXT a new user thread starts from, as Windows builds it:
 * RIP = RtlUserThreadStart, RCX = start address, RDX = parameter (the PEB for the initial thread),
 * RSP = top of the new stack (aligned so the callee sees a normal call frame).
 */
void KiInitializeContextThread(CONTEXT *ctx, ULONG_PTR user_thread_start, ULONG_PTR start, ULONG_PTR param,
                               ULONG_PTR stack_top);
/* Loads ctx into the CPU and continues there (NtContinue's core). Never returns. */
_Noreturn void KiRestoreContext(const CONTEXT *ctx);
/* Calls fn(arg) with RSP at stack_top (16-byte aligned). fn must not return. */
_Noreturn void KiCallOnStack(void (*fn)(void *), void *arg, void *stack_top);

NTSTATUS WINAPI NtContinue(PCONTEXT ctx, BOOLEAN alertable);
NTSTATUS WINAPI NtRaiseException(PEXCEPTION_RECORD rec, PCONTEXT ctx, BOOLEAN first_chance);
void WINAPI RtlCaptureContext(PCONTEXT ctx);

/* ---- faults ------------------------------------------------------------------------------------------- */

/* Installs the host fault handler that turns guest faults into Windows exceptions. */
NTSTATUS KiInitializeExceptions(void);
/* The user-mode exception dispatcher's entry point in ntdll (set by the loader once ntdll is mapped). */
extern ULONG_PTR KiUserExceptionDispatcherAddress;

/*
 * The guest side of the builtin calls a thread is in, newest last, recorded by KiBuiltinEntry (where every
 * builtin DLL's function thunks jump): a fault in host code running on behalf of a guest call is raised at
 * that call's site. Layout fixed by context_amd64.S.
 */
typedef struct _KI_BUILTIN_CALL {
    DWORD64 Rip;        /* the return address in the caller */
    DWORD64 Rsp;        /* RSP after the return */
    DWORD64 Rbx, Rbp, Rsi, Rdi, R12, R13, R14, R15;
    DWORD64 Locks;      /* host_locks_held at the call */
    DWORD64 Reserved;
    M128A Xmm[10];      /* xmm6-xmm15 */
} KI_BUILTIN_CALL;
static_assert(sizeof(KI_BUILTIN_CALL) == 256, "context_amd64.S: BC_SIZE");
#define KI_MAX_BUILTIN_CALLS 8
typedef struct _KI_BUILTIN_CALLS {
    DWORD64 Top;        /* byte offset of the next free Call: the number of calls * sizeof(KI_BUILTIN_CALL) */
    DWORD64 Reserved;
    KI_BUILTIN_CALL Call[KI_MAX_BUILTIN_CALLS];
} KI_BUILTIN_CALLS;
extern _Thread_local KI_BUILTIN_CALLS KiBuiltinCalls;
/* The guest's side of the innermost builtin call made from guest code, in ctx (which holds a full context
 * already: the call's return address, RSP after the return and nonvolatile registers replace its own), so
 * that a builtin can raise an exception where the guest called it; FALSE when there is no such call. */
BOOLEAN KeGuestCallSiteContext(CONTEXT *ctx);
/* Whether guest code made a builtin call that has not returned whose guest RSP lies in (low, high). */
BOOLEAN KeGuestCallBetween(DWORD64 low, DWORD64 high);
/* The guest's side of the innermost builtin call made from guest code whose frames lie above rsp (a walk
 * of the stack that reached that builtin's host frames goes on there), in ctx as for
 * KeGuestCallSiteContext; FALSE when there is none, or when the builtin holds a host lock taken since. */
BOOLEAN KeBuiltinCallerContext(DWORD64 rsp, CONTEXT *ctx);
/* The thunk target of builtin functions (not a C function: see context_amd64.S). */
void KiBuiltinEntry(void);
/* The thunk target of builtin images shared between processes, with eax = the function's offset from
 * KE_BUILTIN_IMAGE_START (context_amd64.S); their thunks reach it through the pointer at
 * KE_BUILTIN_DISPATCH_VA, the last quadword of KUSER_SHARED_DATA's page (beyond the structure, so no
 * program reads it), which every process sets (ke/shared_data.c). */
void KiBuiltinDispatch(void);
extern const char __ehdr_start[];
#define KE_BUILTIN_IMAGE_START __ehdr_start
#define KE_BUILTIN_DISPATCH_VA (MM_SHARED_USER_DATA_VA + 0xFF8)
/* A suspended thread redirected (NtSetContextThread) while inside a builtin: the builtin returns to
 * KiRedirectTrampoline, which loads this thread's KiRedirectContext (context_amd64.S). */
extern _Thread_local CONTEXT KiRedirectContext;
/* Set by KiSuspendTrampoline while its KiSuspendReturned runs: the returned builtin call's entry is still in
 * KiBuiltinCalls and its return slot holds the trampoline's saved flags, so a suspension signal then must
 * leave both alone (the thread parks in KiSuspendReturned itself). */
extern _Thread_local volatile int KiSuspendReturning;
void KiRedirectTrampoline(void);
/* A thread asked to suspend while inside a builtin: the builtin returns to KiSuspendTrampoline, which saves
 * the guest's registers and calls KiSuspendReturned, which calls KiSuspendHook (ps) with them, RIP being
 * the call's real return address (kept in the call's Reserved), then goes on with that CONTEXT. */
void KiSuspendTrampoline(void);
void KiSuspendReturned(CONTEXT *ctx);
extern void (*KiSuspendHook)(CONTEXT *ctx);
/* The code between them (context_amd64.S) never hosts a suspension request. */
extern char KiContextCodeStart[], KiContextCodeEnd[];

NTSTATUS WINAPI NtQuerySystemTime(PLARGE_INTEGER time);

/* NtQuerySystemInformation: SystemProcessorInformation (ke/shared_data.c) and the machine classes (ke/sysinfo.c). */
#define SystemProcessorInformation 1
typedef struct _SYSTEM_PROCESSOR_INFORMATION {
    USHORT ProcessorArchitecture;
    USHORT ProcessorLevel;
    USHORT ProcessorRevision;
    USHORT MaximumProcessors;
    ULONG ProcessorFeatureBits;
} SYSTEM_PROCESSOR_INFORMATION;
static_assert(sizeof(SYSTEM_PROCESSOR_INFORMATION) == 12, "SYSTEM_PROCESSOR_INFORMATION");
NTSTATUS WINAPI NtQuerySystemInformation(ULONG info_class, PVOID info, ULONG length, PULONG return_length);
NTSTATUS WINAPI NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER *timeout);
NTSTATUS WINAPI NtYieldExecution(void);

/* ---- KUSER_SHARED_DATA -------------------------------------------------------------------------------- */

NTSTATUS KiInitializeSharedUserData(void);
/* Refreshes the time fields (tick count, system and interrupt time): the clock's tick, every
 * KE_CLOCK_INTERVAL_NS (Windows' default clock interval). */
void KeUpdateSystemTime(void);
#define KE_CLOCK_INTERVAL_NS 15625000u
/* The Win32 clocks, read without a lock or a system call (the vDSO): the interrupt time (100 ns since boot)
 * at full resolution, for QueryPerformanceCounter, and the tick count (ms since boot) at the host kernel's
 * tick, a few ms apart (Windows' moves every 15.6 ms), for GetTickCount. */
ULONGLONG KeQueryInterruptTimePrecise(void);
ULONGLONG KeQueryTickCount(void);
/* length random bytes from the host's generator (getrandom): what \\Device\\KsecDD answers on Windows. */
NTSTATUS KeQueryRandom(PVOID buffer, ULONG length);
extern KUSER_SHARED_DATA *KiSharedUserDataWritable;

#endif
