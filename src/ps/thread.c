/*
 * ETHREAD: creation (PspCreateThread: stack, TEB, initial context, host thread), the start of a thread
 * in LdrInitializeThunk, thread exit, and the thread services.
 *
 * A host thread runs each NT thread. It starts on a small host stack (PspThreadStartup), sets GS to the
 * TEB, remembers where to come back (HostFrame), and switches to the guest stack to call ntdll's
 * LdrInitializeThunk with the initial CONTEXT, which NtContinue()s into RtlUserThreadStart. When the NT
 * thread ends, it jumps back to HostFrame and the host thread returns normally.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "ke/apitrace.h"
#include "ke/probe.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "ps/remote.h"

_Thread_local PETHREAD PspCurrentThread;

static void thread_delete(void *object)
{
    PETHREAD t = object;
    free(t->InitialContext);
    free(t->ThreadName.Buffer);
}

static const OBJECT_TYPE thread_type = {"Thread", thread_delete, NULL};
const OBJECT_TYPE *PsThreadType = &thread_type;

PETHREAD PsGetCurrentThread(void)
{
    return PspCurrentThread;
}

PEPROCESS PsGetCurrentProcess(void)
{
    return PspCurrentThread ? PspCurrentThread->Process : PsInitialSystemProcess;
}

/* Windows rounds stack sizes to the allocation granularity and keeps at least this much. */
#define MIN_STACK_RESERVE 0x40000
/* Pages at the bottom of the reservation left inaccessible: touching them is a stack overflow. */
#define STACK_GUARD_PAGES 3

static NTSTATUS create_stack(PEPROCESS p, PETHREAD t, SIZE_T reserve)
{
    if (reserve < MIN_STACK_RESERVE)
        reserve = MIN_STACK_RESERVE;
    reserve = (reserve + MM_ALLOCATION_GRANULARITY - 1) & ~(SIZE_T)(MM_ALLOCATION_GRANULARITY - 1);
    PVOID base;
    NTSTATUS status = MiAllocateVirtual(p, &base, reserve, PAGE_READWRITE, FALSE);
    if (status != STATUS_SUCCESS)
        return status;
    SIZE_T guard = STACK_GUARD_PAGES * host_page_size();
    status = MiProtectPages(p, base, guard, PAGE_NOACCESS);
    t->StackAllocation = base;
    t->StackAllocationSize = reserve;
    t->StackLimit = (BYTE *)base + guard;
    t->StackBase = (BYTE *)base + reserve;
    return status;
}

NTSTATUS PspCreateThreadObject(PEPROCESS p, PETHREAD *thread)
{
    *thread = NULL;
    PETHREAD t;
    NTSTATUS status = ObCreateObject(PsThreadType, sizeof *t, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    KeInitializeDispatcherHeader(&t->Header, DispatcherThread, 0);
    InitializeListHead(&t->OwnedMutants);
    t->Process = p;
    t->Cid.UniqueProcess = (HANDLE)(ULONG_PTR)p->UniqueProcessId;
    t->ExitStatus = STATUS_PENDING;
    t->CreateTime.QuadPart = (LONGLONG)host_system_time();
    *thread = t;
    return STATUS_SUCCESS;
}

void PspInitializeTeb(PTEB teb, PETHREAD t)
{
    teb->NtTib.Self = &teb->NtTib;
    teb->ClientId = t->Cid;
    teb->CurrentLocale = 0x409;  /* en-US */
    teb->StaticUnicodeString.Buffer = teb->StaticUnicodeBuffer;
    teb->StaticUnicodeString.MaximumLength = sizeof teb->StaticUnicodeBuffer;
    t->Teb = teb;
}

/* MmCreateTeb: the TEB in the process's memory, over the thread's stack (the tid comes when it runs). */
static NTSTATUS MmCreateTeb(PEPROCESS p, PETHREAD t)
{
    PTEB teb;
    NTSTATUS status = MiAllocateVirtual(p, (PVOID *)&teb, sizeof *teb, PAGE_READWRITE, FALSE);
    if (status != STATUS_SUCCESS)
        return status;
    PspInitializeTeb(teb, t);
    teb->NtTib.StackBase = t->StackBase;
    teb->NtTib.StackLimit = t->StackLimit;
    teb->DeallocationStack = t->StackAllocation;
    teb->ProcessEnvironmentBlock = p->Peb;
    teb->ActivationContextStackPointer = NULL;
    InitializeListHead(&teb->TlsLinks);
    return STATUS_SUCCESS;
}

static void free_thread_memory(PETHREAD t)
{
    HANDLE self = NtCurrentProcess();
    SIZE_T zero = 0;
    PVOID base = t->StackAllocation;
    if (base)
        NtFreeVirtualMemory(self, &base, &zero, MEM_RELEASE);
    base = t->Teb;
    zero = 0;
    if (base)
        NtFreeVirtualMemory(self, &base, &zero, MEM_RELEASE);
    t->StackAllocation = NULL;
    t->Teb = NULL;
}

/* On the guest stack: hand the initial context to ntdll's LdrInitializeThunk, as Windows does
 * (RCX = the CONTEXT, RDX = ntdll's base); it never returns. */
static void start_user_thread(void *arg)
{
    PETHREAD t = arg;
    CONTEXT ctx __attribute__((aligned(16)));
    memcpy(&ctx, t->InitialContext, sizeof ctx);
    typedef void(WINAPI * ldr_initialize_thunk)(PCONTEXT, PVOID);
    ldr_initialize_thunk init = (ldr_initialize_thunk)PspSystemDllEntries.LdrInitializeThunk;
    init(&ctx, t->Process->NtdllBase);
    host_abort("LdrInitializeThunk returned");
}

static void thread_startup(void *arg)
{
    PETHREAD t = arg;
    PspCurrentThread = t;
    __atomic_store_n(&t->Cid.UniqueThread, (HANDLE)(ULONG_PTR)host_gettid(), __ATOMIC_SEQ_CST);
    t->Teb->ClientId.UniqueThread = t->Cid.UniqueThread;
    host_set_gs_base(t->Teb);
    host_thread_prepare_signals();
    host_thread_set_stop_word(&t->Stopped);
    /* The tid is published above; a thread that NtTerminateProcess(NULL) listed before it was known
     * stops itself here (one of the two sees the other's store). */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&t->Process->Terminating, __ATOMIC_SEQ_CST))
        host_thread_park();
    /* CREATE_SUSPENDED (or suspended before it ran): held here, before the first user instruction, until
     * ResumeThread. From Running on, a suspension stops it by the signal (suspend_running). */
    host_lock_acquire(&t->SuspendLock);
    while (t->SuspendCount > 0) {
        uint32_t seq = __atomic_load_n(&t->SuspendRelease, __ATOMIC_ACQUIRE);
        host_lock_release(&t->SuspendLock);
        host_futex_wait(&t->SuspendRelease, seq, -1);
        host_lock_acquire(&t->SuspendLock);
    }
    t->Running = TRUE;
    host_lock_release(&t->SuspendLock);
    if (setjmp(t->HostFrame) == 0)
        KiCallOnStack(start_user_thread, t, t->StackBase);
    /* Back from PspExitThread, on the host stack: the guest stack and TEB can go. */
    free_thread_memory(t);
    KeApiTraceThreadExit();
    PspCurrentThread = NULL;
    ObDereferenceObject(t);
}

NTSTATUS PspCreateThread(PEPROCESS p, PVOID start, PVOID param, BOOLEAN suspended, SIZE_T stack_reserve,
                         SIZE_T stack_commit, BOOLEAN initial_thread, PETHREAD *thread)
{
    (void)stack_commit;
    *thread = NULL;
    int trace = TRACE_BEGIN("PspCreateThread");
    PETHREAD t;
    NTSTATUS status = PspCreateThreadObject(p, &t);
    if (status != STATUS_SUCCESS)
        goto out;
    t->StartAddress = start;
    t->SuspendCount = suspended ? 1 : 0;
    t->InitialContext = aligned_alloc(16, sizeof(CONTEXT));
    if (!t->InitialContext) {
        status = STATUS_NO_MEMORY;
        goto out_deref;
    }
    status = create_stack(p, t, stack_reserve);
    if (status == STATUS_SUCCESS)
        status = MmCreateTeb(p, t);
    if (status != STATUS_SUCCESS)
        goto out_free;
    int ctx_trace = TRACE_BEGIN("KiInitializeContextThread");
    KiInitializeContextThread(t->InitialContext, PspSystemDllEntries.RtlUserThreadStart, (ULONG_PTR)start,
                              (ULONG_PTR)param, (ULONG_PTR)t->StackBase);
    TRACE_END(ctx_trace, "RIP=RtlUserThreadStart %p, RCX=start %p, RDX=%s %p, RSP=%p",
              (void *)t->InitialContext->Rip, start, initial_thread ? "PEB" : "parameter", param,
              (void *)t->InitialContext->Rsp);
    host_lock_acquire(&p->ThreadListLock);
    if (p->Terminating) {
        /* The process is ending: its threads are being stopped, and no new one starts. */
        host_lock_release(&p->ThreadListLock);
        status = STATUS_PROCESS_IS_TERMINATING;
        goto out_free;
    }
    InsertTailList(&p->ThreadListHead, &t->ThreadListEntry);
    p->ActiveThreads++;
    host_lock_release(&p->ThreadListLock);
    ObReferenceObject(t);  /* the host thread's own reference, dropped when it ends */
    uint32_t tid;
    status = host_thread_start(thread_startup, t, &tid);
    if (status != STATUS_SUCCESS) {
        host_lock_acquire(&p->ThreadListLock);
        RemoveEntryList(&t->ThreadListEntry);
        p->ActiveThreads--;
        host_lock_release(&p->ThreadListLock);
        ObDereferenceObject(t);
        goto out_free;
    }
    t->Cid.UniqueThread = (HANDLE)(ULONG_PTR)tid;
    /* A host thread inherits its creator's CPU set; a Windows thread starts with the process's. */
    PETHREAD creator = PsGetCurrentThread();
    if (creator && creator->Affinity && p->Peb)
        host_set_thread_affinity(tid, p->Peb->ActiveProcessAffinityMask);
    *thread = t;
    TRACE_END(trace, "tid %u, TEB %p, stack %p-%p (%zu KiB)%s", tid, (void *)t->Teb, t->StackLimit, t->StackBase,
              (size_t)(t->StackAllocationSize / 1024), suspended ? ", suspended" : "");
    return STATUS_SUCCESS;
out_free:
    free_thread_memory(t);
out_deref:
    ObDereferenceObject(t);
out:
    TRACE_END(trace, "failed: 0x%08x", (unsigned)status);
    return status;
}

_Noreturn void PspExitThread(NTSTATUS status)
{
    PETHREAD t = PsGetCurrentThread();
    PEPROCESS p = t->Process;
    t->ExitStatus = status;
    t->ExitTime.QuadPart = (LONGLONG)host_system_time();
    KeAbandonOwnedMutants(t);
    host_lock_acquire(&p->ThreadListLock);
    RemoveEntryList(&t->ThreadListEntry);
    bool last = --p->ActiveThreads == 0;
    /* Signaled before the list lock goes: a process being terminated stops this thread when it lets go
     * of its last kernel lock, and waiters must not wait for a thread that is no longer listed. */
    if (!last)
        KeSetSignalState(&t->Header, 1);
    host_lock_release(&p->ThreadListLock);
    /* The last thread takes the process with it, with its own exit code, as on Windows. */
    if (last)
        PspExitProcess(status);
    longjmp(t->HostFrame, 1);
}

/* Records the end of a thread stopped by NtTerminateProcess(NULL): it ended with the process's code,
 * and is signaled. Its stack and TEB stay (the process is ending). ThreadListLock held. */
static void finish_stopped_thread(PEPROCESS p, PETHREAD t, NTSTATUS status)
{
    RemoveEntryList(&t->ThreadListEntry);
    p->ActiveThreads--;
    t->ExitStatus = status;
    t->ExitTime.QuadPart = (LONGLONG)host_system_time();
    KeAbandonOwnedMutants(t);
    KeSetSignalState(&t->Header, 1);
}

/* One pass over the other threads: the stopped ones are finished, the others asked (again) to stop.
 * TRUE when none is left. */
static bool stop_pass(PEPROCESS p, PETHREAD self, NTSTATUS status)
{
    bool done = true;
    host_lock_acquire(&p->ThreadListLock);
    PLIST_ENTRY next;
    for (PLIST_ENTRY e = p->ThreadListHead.Flink; e != &p->ThreadListHead; e = next) {
        next = e->Flink;
        PETHREAD t = CONTAINING_RECORD(e, ETHREAD, ThreadListEntry);
        if (t == self)
            continue;
        if (__atomic_load_n(&t->Stopped, __ATOMIC_ACQUIRE)) {
            finish_stopped_thread(p, t, status);
            continue;
        }
        done = false;
        /* A thread without a tid yet has not started: it stops itself when it sees Terminating. */
        ULONG_PTR tid = (ULONG_PTR)__atomic_load_n(&t->Cid.UniqueThread, __ATOMIC_SEQ_CST);
        if (tid)
            host_thread_stop((uint32_t)tid);
    }
    host_lock_release(&p->ThreadListLock);
    return done;
}

/*
 * PspTerminateOtherThreads: the first step of ExitProcess. Every other thread of the current process
 * stops where it is, never to run again: no unwinding, no DLL_THREAD_DETACH, its exit code the process's,
 * its object signaled. A thread holding a kernel lock (handle table, heap, dispatcher, memory manager) is
 * stopped when it lets go of it, so this thread never waits for a lock a stopped thread holds; user-mode
 * locks (critical sections) may stay owned by a stopped thread, as on Windows (the caller holds the
 * loader and PEB locks, the two every exit path needs). The caller holds no kernel lock.
 */
void PspTerminateOtherThreads(NTSTATUS status)
{
    PETHREAD self = PsGetCurrentThread();
    PEPROCESS p = self->Process;
    /* A thread that is asked to stop answers within a system call or a few instructions; those inside
     * ntexec's own code are asked again until they reach a point where they can stop. */
    uint64_t pause_ns = 20000;
    while (!stop_pass(p, self, status)) {
        host_sleep_ns(pause_ns);
        if (pause_ns < 1000000)
            pause_ns *= 2;
    }
}

NTSTATUS WINAPI NtCreateThreadEx(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, HANDLE process,
                                 PVOID start, PVOID param, ULONG flags, SIZE_T zero_bits, SIZE_T stack_commit,
                                 SIZE_T stack_reserve, PVOID attribute_list)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    (void)zero_bits;
    (void)attribute_list;
    if (!handle)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    PEPROCESS p;
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(process, PsProcessType, (void **)&p, &granted, NULL);
    if (status != STATUS_SUCCESS)
        return status;
    if (!(granted & 0x0002)) {   /* PROCESS_CREATE_THREAD */
        ObDereferenceObject(p);
        return STATUS_ACCESS_DENIED;
    }
    if (p != PsGetCurrentProcess() || !p->AddressSpace) {
        ObDereferenceObject(p);
        return STATUS_NOT_SUPPORTED;   /* remote threads: not in this host */
    }
    if (!stack_reserve && p->SectionObject)
        stack_reserve = p->SectionObject->Image.stack_reserve;
    PETHREAD t;
    status = PspCreateThread(p, start, param, (flags & THREAD_CREATE_FLAGS_CREATE_SUSPENDED) != 0, stack_reserve,
                             stack_commit, FALSE, &t);
    if (status == STATUS_SUCCESS) {
        status = ObInsertHandle(&p->ObjectTable, t, access, attributes ? attributes->Attributes : 0, handle);
        ObDereferenceObject(t);
    }
    ObDereferenceObject(p);
    return status;
}

/*
 * TerminateThread of another thread of this process: it stops where it may (see PspTerminateOtherThreads),
 * and ends with exit_status: no DLL_THREAD_DETACH, its mutants abandoned, its object signaled, its
 * critical sections left owned. A thread already ending on its own ends with its own code.
 */
static void terminate_other_thread(PETHREAD t, NTSTATUS exit_status)
{
    PEPROCESS p = t->Process;
    uint64_t pause_ns = 20000;
    for (;;) {
        host_lock_acquire(&p->ThreadListLock);
        if (t->ExitStatus != STATUS_PENDING) {
            host_lock_release(&p->ThreadListLock);
            return;
        }
        if (__atomic_load_n(&t->Stopped, __ATOMIC_ACQUIRE)) {
            finish_stopped_thread(p, t, exit_status);
            host_lock_release(&p->ThreadListLock);
            return;
        }
        ULONG_PTR tid = (ULONG_PTR)__atomic_load_n(&t->Cid.UniqueThread, __ATOMIC_SEQ_CST);
        if (tid)
            host_thread_stop((uint32_t)tid);
        host_lock_release(&p->ThreadListLock);
        host_sleep_ns(pause_ns);
        if (pause_ns < 1000000)
            pause_ns *= 2;
    }
}

NTSTATUS WINAPI NtTerminateThread(HANDLE handle, NTSTATUS exit_status)
{
    PETHREAD t;
    if (!handle)
        handle = NtCurrentThread();
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    if (t == PsGetCurrentThread()) {
        ObDereferenceObject(t);
        PspExitThread(exit_status);
    }
    if (t->Process != PsGetCurrentProcess() || t->IsSystemThread)
        status = t->ExitStatus != STATUS_PENDING ? STATUS_SUCCESS : STATUS_NOT_SUPPORTED;
    else
        terminate_other_thread(t, exit_status);
    ObDereferenceObject(t);
    return status;
}

/* ---- suspending a running thread ----------------------------------------------------------------------
 *
 * SuspendCount > 0 holds a thread. Before it runs (Running FALSE) it is held in thread_startup and shows
 * its InitialContext. Once it runs, NtSuspendThread signals it (host_thread_suspend) until it parks in
 * park_with with its context published in SuspendContext; the suspender returns only then. In guest code
 * it parks in the signal handler, and a context set meanwhile goes back into the ucontext. Blocked in a
 * system call inside a builtin (or in NtSuspendThread of itself) it parks there, shows its guest caller's
 * side of the builtin call, and a new context is loaded when the builtin returns (KiRedirectTrampoline).
 * Busy in ntexec's code or holding a kernel lock, the builtin's return slot is taken over and it parks
 * on its way back to the guest (KiSuspendTrampoline), with its exact state. See docs/DESIGN.md. */

#define MAXIMUM_SUSPEND_COUNT 127

/* The innermost builtin call still running on this thread whose stack is above rsp, or NULL. */
static KI_BUILTIN_CALL *current_builtin_call(DWORD64 rsp)
{
    size_t n = KiBuiltinCalls.Top / sizeof(KI_BUILTIN_CALL);
    if (n > KI_MAX_BUILTIN_CALLS)
        n = KI_MAX_BUILTIN_CALLS;
    while (n > 0 && KiBuiltinCalls.Call[n - 1].Rsp <= rsp)
        n--;
    return n ? &KiBuiltinCalls.Call[n - 1] : NULL;
}

/* Where the builtin call returns: its return slot, or, when a suspension request took the slot over, the
 * address kept in the call. */
static DWORD64 *return_slot(const KI_BUILTIN_CALL *call)
{
    return (DWORD64 *)(uintptr_t)(call->Rsp - 8);
}

static DWORD64 return_address(const KI_BUILTIN_CALL *call)
{
    DWORD64 rip = *return_slot(call);
    if (rip == (DWORD64)(uintptr_t)KiSuspendTrampoline)
        return call->Reserved;
    if (rip == (DWORD64)(uintptr_t)KiApiTraceReturn)
        return KeApiTraceCaller(call->Rsp);   /* a call `--trace=api` traces */
    return rip;
}

/* The guest caller's side of a builtin call: where it returns, its stack and nonvolatile registers. */
static void context_of_builtin_call(CONTEXT *ctx, const KI_BUILTIN_CALL *call)
{
    ctx->Rax = ctx->Rcx = ctx->Rdx = ctx->R8 = ctx->R9 = ctx->R10 = ctx->R11 = 0;
    ctx->Rip = return_address(call);
    ctx->Rsp = call->Rsp;
    ctx->Rbx = call->Rbx;
    ctx->Rbp = call->Rbp;
    ctx->Rsi = call->Rsi;
    ctx->Rdi = call->Rdi;
    ctx->R12 = call->R12;
    ctx->R13 = call->R13;
    ctx->R14 = call->R14;
    ctx->R15 = call->R15;
    ctx->EFlags = 0x202;
    for (int i = 0; i < 10; i++)
        ctx->FltSave.XmmRegisters[6 + i] = call->Xmm[i];
    ctx->SegCs = 0x33;
    ctx->SegDs = ctx->SegEs = ctx->SegSs = ctx->SegGs = 0x2B;
    ctx->SegFs = 0x53;
}

/* Set while this thread parks (or is about to): a suspension request finds it busy and leaves it. */
static _Thread_local bool parking;

/* On the suspended thread itself: publishes ctx as its context and waits for the count to reach 0.
 * TRUE when NtSetContextThread changed ctx meanwhile. */
static bool park_with(PETHREAD t, CONTEXT *ctx)
{
    ctx->ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
    host_lock_acquire(&t->SuspendLock);
    t->SuspendContext = ctx;
    t->SuspendContextSet = FALSE;
    __atomic_store_n(&t->SuspendParked, 1, __ATOMIC_RELEASE);
    host_futex_wake(&t->SuspendParked, INT32_MAX);
    while (t->SuspendCount > 0) {
        uint32_t seq = __atomic_load_n(&t->SuspendRelease, __ATOMIC_ACQUIRE);
        host_lock_release(&t->SuspendLock);
        host_futex_wait(&t->SuspendRelease, seq, -1);
        host_lock_acquire(&t->SuspendLock);
    }
    bool set = t->SuspendContextSet;
    t->SuspendContext = NULL;
    __atomic_store_n(&t->SuspendParked, 0, __ATOMIC_RELEASE);
    host_lock_release(&t->SuspendLock);
    ctx->ContextFlags = CONTEXT_FULL;
    return set;
}

static bool suspend_wanted(PETHREAD t)
{
    return t && t->Running && __atomic_load_n(&t->SuspendCount, __ATOMIC_ACQUIRE) > 0;
}

/* Parked inside a builtin (blocked in a system call, or suspending itself): shows the guest caller's
 * side of the call; a new context is loaded when the builtin returns to the guest. */
static void park_in_builtin(PETHREAD t, KI_BUILTIN_CALL *call, CONTEXT *ctx)
{
    context_of_builtin_call(ctx, call);
    if (!park_with(t, ctx))
        return;
    if (*return_slot(call) == (DWORD64)(uintptr_t)KiSuspendTrampoline)
        call->Reserved = 0;
    memcpy(&KiRedirectContext, ctx, sizeof *ctx);
    *return_slot(call) = (DWORD64)(uintptr_t)KiRedirectTrampoline;
}

/* The suspension signal's handler, on the thread asked to suspend. */
static void on_suspend_signal(void *ucontext, bool in_host, bool safe)
{
    PETHREAD t = PspCurrentThread;
    if (!suspend_wanted(t) || parking)
        return;
    CONTEXT ctx __attribute__((aligned(16)));
    host_context_to_nt(ucontext, &ctx);
    if (!in_host) {
        if (!safe)
            return;
        parking = true;
        if (park_with(t, &ctx))
            host_context_from_nt(ucontext, &ctx);
        parking = false;
        return;
    }
    if ((char *)(uintptr_t)ctx.Rip >= KiContextCodeStart && (char *)(uintptr_t)ctx.Rip < KiContextCodeEnd)
        return;   /* half-way into or out of the guest: asked again */
    if (KiSuspendReturning)
        return;   /* parking on its way out of a builtin already (KiSuspendReturned) */
    KI_BUILTIN_CALL *call = current_builtin_call(ctx.Rsp);
    if (!call)
        return;   /* not inside a guest's call (thread start or exit): asked again */
    if (safe) {
        parking = true;
        park_in_builtin(t, call, &ctx);
        parking = false;
    } else if (*return_slot(call) != (DWORD64)(uintptr_t)KiSuspendTrampoline) {
        /* Busy in ntexec's code, or holding a kernel lock: it parks when the builtin returns. */
        call->Reserved = *return_slot(call);
        *return_slot(call) = (DWORD64)(uintptr_t)KiSuspendTrampoline;
    }
}

/* KiSuspendTrampoline's call: the builtin has returned, ctx is the guest's exact state. */
static void park_on_return(CONTEXT *ctx)
{
    PETHREAD t = PspCurrentThread;
    if (!suspend_wanted(t))
        return;
    parking = true;
    park_with(t, ctx);
    parking = false;
}

static void park_self(PETHREAD t)
{
    CONTEXT ctx __attribute__((aligned(16)));
    RtlCaptureContext(&ctx);
    KI_BUILTIN_CALL *call = current_builtin_call((DWORD64)(uintptr_t)__builtin_frame_address(0));
    parking = true;
    if (call)
        park_in_builtin(t, call, &ctx);
    else
        park_with(t, &ctx);
    parking = false;
}

static bool thread_gone(PETHREAD t)
{
    return t->ExitStatus != STATUS_PENDING || __atomic_load_n(&t->Stopped, __ATOMIC_ACQUIRE);
}

/* Until the suspended running thread t has parked (or is resumed, or ends). */
static void wait_parked(PETHREAD t)
{
    KiSuspendHook = park_on_return;
    host_thread_set_suspend_handler(on_suspend_signal);
    uint64_t pause_ns = 20000;
    while (!__atomic_load_n(&t->SuspendParked, __ATOMIC_ACQUIRE) &&
           __atomic_load_n(&t->SuspendCount, __ATOMIC_ACQUIRE) > 0 && !thread_gone(t)) {
        host_thread_suspend((uint32_t)(ULONG_PTR)t->Cid.UniqueThread);
        host_futex_wait(&t->SuspendParked, 0, (int64_t)pause_ns);
        if (pause_ns < 1000000)
            pause_ns *= 2;
    }
}

static NTSTATUS suspend_thread(PETHREAD t, ULONG *previous)
{
    if (t->Remote || t->IsSystemThread)
        return STATUS_NOT_SUPPORTED;
    host_lock_acquire(&t->SuspendLock);
    LONG old = t->SuspendCount;
    if (thread_gone(t) && t->Running) {
        host_lock_release(&t->SuspendLock);
        return STATUS_THREAD_IS_TERMINATING;
    }
    if (old >= MAXIMUM_SUSPEND_COUNT) {
        host_lock_release(&t->SuspendLock);
        return STATUS_SUSPEND_COUNT_EXCEEDED;
    }
    __atomic_store_n(&t->SuspendCount, old + 1, __ATOMIC_RELEASE);
    bool running = t->Running;
    host_lock_release(&t->SuspendLock);
    *previous = (ULONG)old;
    if (!running)
        return STATUS_SUCCESS;   /* held at its start */
    if (t == PsGetCurrentThread())
        park_self(t);
    else
        wait_parked(t);
    return STATUS_SUCCESS;
}

static void resume_thread(PETHREAD t, ULONG *previous)
{
    host_lock_acquire(&t->SuspendLock);
    LONG old = t->SuspendCount;
    if (old > 0) {
        __atomic_store_n(&t->SuspendCount, old - 1, __ATOMIC_RELEASE);
        if (old == 1) {
            __atomic_add_fetch(&t->SuspendRelease, 1, __ATOMIC_RELEASE);
            host_futex_wake(&t->SuspendRelease, INT32_MAX);
        }
    }
    host_lock_release(&t->SuspendLock);
    *previous = (ULONG)old;
}

/* A thread of a process in another host is suspended, resumed and read by that host (ps/childhost.c). */
static NTSTATUS remote_thread_request(PETHREAD t, enum psp_request op, ULONG *previous, CONTEXT *ctx)
{
    ULONG64 results[3] = {0};
    NTSTATUS status = PspRemoteRequest(t->Process, op, (ULONG)(ULONG_PTR)t->Cid.UniqueThread, NULL, results, ctx,
                                       NULL);
    if (previous)
        *previous = (ULONG)results[0];
    return status;
}

NTSTATUS PspSuspendThread(PETHREAD t, ULONG *previous)
{
    if (t->Remote)
        return remote_thread_request(t, PSP_REQUEST_SUSPEND, previous, NULL);
    return suspend_thread(t, previous);
}

NTSTATUS PspResumeThread(PETHREAD t, ULONG *previous)
{
    if (t->Remote)
        return remote_thread_request(t, PSP_REQUEST_RESUME, previous, NULL);
    resume_thread(t, previous);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtResumeThread(HANDLE handle, PULONG previous)
{
    if (previous)
        PROBE_FOR_WRITE(previous, sizeof *previous);
    PETHREAD t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG old;
    status = PspResumeThread(t, &old);
    if (previous && status == STATUS_SUCCESS)
        *previous = old;
    ObDereferenceObject(t);
    return status;
}

NTSTATUS WINAPI NtSuspendThread(HANDLE handle, PULONG previous)
{
    if (previous)
        PROBE_FOR_WRITE(previous, sizeof *previous);
    PETHREAD t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG old = 0;
    status = PspSuspendThread(t, &old);
    if (previous && status == STATUS_SUCCESS)
        *previous = old;
    ObDereferenceObject(t);
    return status;
}

#define ThreadQuerySetWin32StartAddress 9
#define ThreadAmILastThread 12
#define ThreadIsIoPending 16
#define ThreadNameInformation 38
#define ThreadSuspendCount 35

typedef struct {
    UNICODE_STRING ThreadName;
} THREAD_NAME_INFORMATION;

/* Guards every ETHREAD.ThreadName: a kernel lock, held only to copy a name. */
static host_lock thread_name_lock = HOST_LOCK_INIT;

/* The host thread's name from the NT one: UTF-16 to UTF-8, cut at 15 bytes on a character boundary
 * (a character outside the BMP counts as '?'). */
static void name_host_thread(PETHREAD t, const WCHAR *name, USHORT chars)
{
    uint32_t tid = (uint32_t)(ULONG_PTR)t->Cid.UniqueThread;
    if (!tid || t->ExitStatus != STATUS_PENDING || t->IsSystemThread)
        return;
    char out[16];
    size_t o = 0;
    for (USHORT i = 0; i < chars; i++) {
        WCHAR c = name[i];
        char enc[3];
        size_t n;
        if (c < 0x80) {
            enc[0] = (char)c;
            n = 1;
        } else if (c < 0x800) {
            enc[0] = (char)(0xC0 | c >> 6);
            enc[1] = (char)(0x80 | (c & 0x3F));
            n = 2;
        } else if (c >= 0xD800 && c < 0xE000) {
            enc[0] = '?';
            n = 1;
        } else {
            enc[0] = (char)(0xE0 | c >> 12);
            enc[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            enc[2] = (char)(0x80 | (c & 0x3F));
            n = 3;
        }
        if (o + n > 15)
            break;
        memcpy(out + o, enc, n);
        o += n;
    }
    out[o] = 0;
    host_thread_set_name(tid, out);
}

static ULONG_PTR process_affinity(PEPROCESS p)
{
    return p->Peb && p->Peb->ActiveProcessAffinityMask ? p->Peb->ActiveProcessAffinityMask : 1;
}

static ULONG_PTR thread_affinity(PETHREAD t)
{
    return t->Affinity ? t->Affinity : process_affinity(t->Process);
}

/* The thread's priority in a NORMAL_PRIORITY_CLASS process (base 8); +-16 saturate to 15 and 1. */
static LONG current_priority(PETHREAD t)
{
    if (t->BasePriority >= 15)
        return 15;
    if (t->BasePriority <= -15)
        return 1;
    return 8 + t->BasePriority;
}

NTSTATUS WINAPI NtQueryInformationThread(HANDLE handle, ULONG info_class, PVOID info, ULONG length,
                                         PULONG return_length)
{
    PROBE_FOR_WRITE(info, length);
    if (return_length)
        PROBE_FOR_WRITE(return_length, sizeof *return_length);
    PETHREAD t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG written = 0;
    switch (info_class) {
    case ThreadBasicInformation: {
        written = sizeof(THREAD_BASIC_INFORMATION);
        if (length != written) {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        THREAD_BASIC_INFORMATION *tbi = info;
        tbi->ExitStatus = t->ExitStatus;
        tbi->TebBaseAddress = t->Teb;
        tbi->ClientId = t->Cid;
        tbi->AffinityMask = thread_affinity(t);
        tbi->BasePriority = t->BasePriority;
        tbi->Priority = current_priority(t);
        break;
    }
    case ThreadPriorityBoost:
        written = sizeof(ULONG);
        if (length != written)
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            *(ULONG *)info = t->DisablePriorityBoost;
        break;
    case ThreadTimes: {
        written = sizeof(KERNEL_USER_TIMES);
        if (length != written) {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        /* CPU times of a running thread; an ended one reports what the host still knows (nothing). */
        KERNEL_USER_TIMES *kut = info;
        uint64_t kernel = 0, user = 0;
        if (t->ExitStatus == STATUS_PENDING && t->Cid.UniqueThread)
            host_thread_cpu_times((uint32_t)(ULONG_PTR)t->Cid.UniqueThread, &kernel, &user);
        kut->CreateTime = t->CreateTime;
        kut->ExitTime = t->ExitTime;
        kut->KernelTime.QuadPart = (LONGLONG)kernel;
        kut->UserTime.QuadPart = (LONGLONG)user;
        break;
    }
    case ThreadAmILastThread:
        written = sizeof(ULONG);
        if (length != written) {
            status = STATUS_INFO_LENGTH_MISMATCH;
        } else {
            host_lock_acquire(&t->Process->ThreadListLock);
            *(ULONG *)info = t->Process->ActiveThreads == 1;
            host_lock_release(&t->Process->ThreadListLock);
        }
        break;
    case ThreadIsIoPending:
        /* Whether the thread has an IRP queued: ntexec's I/O is synchronous on the calling thread (no IRP
         * is ever left pending on a thread), so no thread has I/O pending when another one asks. */
        written = sizeof(ULONG);
        if (length != written)
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            *(ULONG *)info = 0;
        break;
    case ThreadNameInformation: {
        /* The name follows the structure in the caller's buffer, which its UNICODE_STRING points into. */
        host_lock_acquire(&thread_name_lock);
        USHORT bytes = t->ThreadName.Length;
        written = sizeof(THREAD_NAME_INFORMATION) + bytes;
        if (length < written) {
            status = length < sizeof(THREAD_NAME_INFORMATION) ? STATUS_INFO_LENGTH_MISMATCH : STATUS_BUFFER_TOO_SMALL;
        } else {
            THREAD_NAME_INFORMATION *tni = info;
            tni->ThreadName.Length = tni->ThreadName.MaximumLength = bytes;
            tni->ThreadName.Buffer = bytes ? (PWSTR)(tni + 1) : NULL;
            if (bytes)
                memcpy(tni + 1, t->ThreadName.Buffer, bytes);
        }
        host_lock_release(&thread_name_lock);
        break;
    }
    case ThreadSuspendCount:
        written = sizeof(ULONG);
        if (length != written)
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            *(ULONG *)info = (ULONG)t->SuspendCount;
        break;
    case ThreadQuerySetWin32StartAddress:
        written = sizeof(PVOID);
        if (length != written)
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            *(PVOID *)info = t->StartAddress;
        break;
    default:
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
    if (return_length)
        *return_length = written;
    ObDereferenceObject(t);
    return status;
}

/* ThreadZeroTlsCell: TlsFree clears the slot in every thread of the process, as Windows' kernel does. */
static void zero_tls_cell(PEPROCESS p, ULONG index)
{
    host_lock_acquire(&p->ThreadListLock);
    for (PLIST_ENTRY e = p->ThreadListHead.Flink; e != &p->ThreadListHead; e = e->Flink) {
        PTEB teb = CONTAINING_RECORD(e, struct _ETHREAD, ThreadListEntry)->Teb;
        if (!teb)
            continue;
        if (index < TLS_MINIMUM_AVAILABLE)
            teb->TlsSlots[index] = NULL;
        else if (teb->TlsExpansionSlots)
            teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] = NULL;
    }
    host_lock_release(&p->ThreadListLock);
}

static NTSTATUS set_affinity(PETHREAD t, ULONG_PTR mask)
{
    if (!mask || (mask & ~process_affinity(t->Process)))
        return STATUS_INVALID_PARAMETER;
    uint32_t tid = (uint32_t)(ULONG_PTR)t->Cid.UniqueThread;
    if (tid && t->ExitStatus == STATUS_PENDING) {
        NTSTATUS status = host_set_thread_affinity(tid, mask);
        if (status != STATUS_SUCCESS)
            return status;
    }
    t->Affinity = mask;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtSetInformationThread(HANDLE handle, ULONG info_class, PVOID info, ULONG length)
{
    PROBE_FOR_READ(info, length);
    PETHREAD t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    switch (info_class) {
    case ThreadPriority:       /* an absolute priority: kept as the equivalent base */
    case ThreadBasePriority: {
        if (length != sizeof(LONG)) {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        LONG v = *(LONG *)info;
        if (info_class == ThreadPriority)
            v = v < 1 || v > 31 ? 99 : v - 8;
        if (v < -16 || v > 16)
            status = STATUS_INVALID_PARAMETER;
        else
            t->BasePriority = v;
        break;
    }
    case ThreadAffinityMask:
        if (length != sizeof(ULONG_PTR))
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            status = set_affinity(t, *(ULONG_PTR *)info);
        break;
    case ThreadZeroTlsCell:
        if (length != sizeof(ULONG))
            status = STATUS_INFO_LENGTH_MISMATCH;
        else if (*(ULONG *)info >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS)
            status = STATUS_INVALID_PARAMETER;
        else
            zero_tls_cell(t->Process, *(ULONG *)info);
        break;
    case ThreadNameInformation: {
        if (length != sizeof(THREAD_NAME_INFORMATION)) {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        UNICODE_STRING name = ((THREAD_NAME_INFORMATION *)info)->ThreadName;
        if ((name.Length & 1) || name.Length > name.MaximumLength || (name.Length && !name.Buffer)) {
            status = STATUS_INVALID_PARAMETER;
            break;
        }
        PWSTR copy = NULL;
        if (name.Length) {
            copy = malloc(name.Length);
            if (!copy) {
                status = STATUS_NO_MEMORY;
                break;
            }
            status = KeCopyFromUser(copy, name.Buffer, name.Length);
            if (status != STATUS_SUCCESS) {
                free(copy);
                break;
            }
        }
        host_lock_acquire(&thread_name_lock);
        PWSTR old = t->ThreadName.Buffer;
        t->ThreadName.Buffer = copy;
        t->ThreadName.Length = t->ThreadName.MaximumLength = name.Length;
        name_host_thread(t, copy, name.Length / sizeof(WCHAR));
        host_lock_release(&thread_name_lock);
        free(old);
        break;
    }
    case ThreadPriorityBoost:
        if (length != sizeof(ULONG))
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            t->DisablePriorityBoost = *(ULONG *)info != 0;
        break;
    case 17:  /* ThreadHideFromDebugger: no debugger here */
        status = STATUS_SUCCESS;
        break;
    default:
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
    ObDereferenceObject(t);
    return status;
}

/* The parts of src that its ContextFlags name, into dst. */
static void merge_context(CONTEXT *dst, const CONTEXT *src)
{
    DWORD f = src->ContextFlags;
    if ((f & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
        dst->Rip = src->Rip;
        dst->Rsp = src->Rsp;
        dst->EFlags = src->EFlags;
    }
    if ((f & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
        DWORD64 rsp = dst->Rsp;
        memcpy(&dst->Rax, &src->Rax, (size_t)((char *)&dst->R15 - (char *)&dst->Rax) + sizeof dst->R15);
        dst->Rsp = rsp;
    }
    if ((f & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT) {
        dst->FltSave = src->FltSave;
        dst->MxCsr = dst->FltSave.MxCsr = src->MxCsr;
    }
}

NTSTATUS PspGetContextThread(PETHREAD t, PCONTEXT ctx)
{
    DWORD flags = ctx->ContextFlags;
    if (t->Remote) {
        NTSTATUS status = remote_thread_request(t, PSP_REQUEST_GET_CONTEXT, NULL, ctx);
        ctx->ContextFlags = flags;
        return status;
    }
    if (t == PsGetCurrentThread()) {
        RtlCaptureContext(ctx);
        ctx->ContextFlags = flags;
        return STATUS_SUCCESS;
    }
    /* A thread that is not suspended is, for the time of the copy (Windows samples it the same way). */
    ULONG previous, ignored;
    NTSTATUS status = suspend_thread(t, &previous);
    if (status == STATUS_SUCCESS) {
        host_lock_acquire(&t->SuspendLock);
        if (!t->Running)
            memcpy(ctx, t->InitialContext, sizeof *ctx);   /* held before its first instruction */
        else if (t->SuspendParked && t->SuspendContext)
            memcpy(ctx, t->SuspendContext, sizeof *ctx);
        else
            status = STATUS_THREAD_IS_TERMINATING;
        host_lock_release(&t->SuspendLock);
        ctx->ContextFlags = flags;
        resume_thread(t, &ignored);
    }
    return status;
}

NTSTATUS WINAPI NtGetContextThread(HANDLE handle, PCONTEXT ctx)
{
    PROBE_FOR_WRITE(ctx, sizeof *ctx);
    PETHREAD t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    status = PspGetContextThread(t, ctx);
    ObDereferenceObject(t);
    return status;
}

/* A suspended thread takes the new context when it is resumed (before its first instruction, it starts
 * there); a running one is suspended for the time of the change. */
NTSTATUS PspSetContextThread(PETHREAD t, const CONTEXT *ctx)
{
    if (t->Remote) {
        CONTEXT copy __attribute__((aligned(16)));
        memcpy(&copy, ctx, sizeof copy);
        return remote_thread_request(t, PSP_REQUEST_SET_CONTEXT, NULL, &copy);
    }
    if (t == PsGetCurrentThread())
        return STATUS_NOT_SUPPORTED;
    ULONG previous, ignored;
    NTSTATUS status = suspend_thread(t, &previous);
    if (status == STATUS_SUCCESS) {
        host_lock_acquire(&t->SuspendLock);
        if (!t->Running) {
            merge_context(t->InitialContext, ctx);
        } else if (t->SuspendParked && t->SuspendContext) {
            merge_context(t->SuspendContext, ctx);
            t->SuspendContextSet = TRUE;
        } else {
            status = STATUS_THREAD_IS_TERMINATING;
        }
        host_lock_release(&t->SuspendLock);
        resume_thread(t, &ignored);
    }
    return status;
}

NTSTATUS WINAPI NtSetContextThread(HANDLE handle, const CONTEXT *ctx)
{
    PROBE_FOR_READ(ctx, sizeof *ctx);
    PETHREAD t;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    status = PspSetContextThread(t, ctx);
    ObDereferenceObject(t);
    return status;
}
