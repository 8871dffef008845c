/*
 * LdrInitializeThunk: where every new thread starts in user mode. For the first thread, LdrpInitialize
 * builds the process's loader state (PEB->Ldr, process heap, modules of the exe and ntdll), loads
 * kernel32 and everything the exe imports, relocates, sets up TLS and runs the DLL initializers; other
 * threads get their TLS and DLL_THREAD_ATTACH. Then the thread NtContinue()s into the context the kernel
 * prepared: RtlUserThreadStart(start, parameter).
 */
#include <string.h>

#include "io/builtin.h"
#include "ke/trace.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/sync.h"
#include "ps/ps.h"

struct ntdll_data *LdrpData;
LDRP_MODULE *LdrpExeModule;
LDRP_MODULE *LdrpNtdllModule;
BOOLEAN LdrpInLdrInit;
NTSTATUS LdrpShutdownStatus;
static volatile LONG process_initialized;

void LdrpAcquireLoaderLock(void)
{
    RtlEnterCriticalSection(&LdrpData->LoaderLock);
}

void LdrpReleaseLoaderLock(void)
{
    RtlLeaveCriticalSection(&LdrpData->LoaderLock);
}

static void initialize_peb_loader_data(PPEB peb)
{
    PEB_LDR_DATA *ldr = &LdrpData->LdrData;
    ldr->Length = sizeof *ldr;
    ldr->Initialized = TRUE;
    InitializeListHead(&ldr->InLoadOrderModuleList);
    InitializeListHead(&ldr->InMemoryOrderModuleList);
    InitializeListHead(&ldr->InInitializationOrderModuleList);
    RtlInitializeCriticalSection(&LdrpData->LoaderLock);
    RtlInitializeCriticalSection(&LdrpData->FastPebLock);
    peb->Ldr = ldr;
    peb->LoaderLock = &LdrpData->LoaderLock;
    peb->FastPebLock = &LdrpData->FastPebLock;
    peb->TlsBitmap = LdrpData->TlsBitmapBits;
    peb->TlsExpansionBitmap = LdrpData->TlsExpansionBitmapBits;
}

static NTSTATUS create_initial_modules(PPEB peb, PVOID ntdll_base)
{
    NTSTATUS status = LdrpCreateModule(peb->ImageBaseAddress, &peb->ProcessParameters->ImagePathName,
                                       &LdrpExeModule);
    if (status != STATUS_SUCCESS)
        return status;
    LdrpExeModule->Entry.Flags &= ~LDRP_IMAGE_DLL;
    UNICODE_STRING ntdll_name;
    RtlInitUnicodeString(&ntdll_name, u"C:\\Windows\\System32\\ntdll.dll");
    status = LdrpCreateModule(ntdll_base, &ntdll_name, &LdrpNtdllModule);
    if (status != STATUS_SUCCESS)
        return status;
    LdrpNtdllModule->Static = TRUE;
    LdrpExeModule->Static = TRUE;
    /* ntdll needs no initializer call: it is initializing itself right now. */
    LdrpNtdllModule->Initialized = TRUE;
    LdrpNtdllModule->Entry.Flags |= LDRP_ENTRY_PROCESSED | LDRP_PROCESS_ATTACH_CALLED;
    InsertTailList(&LdrpData->LdrData.InInitializationOrderModuleList,
                   &LdrpNtdllModule->Entry.InInitializationOrderLinks);
    LdrpNtdllModule->InInitOrder = TRUE;
    return STATUS_SUCCESS;
}

/* Everything before the exe's entry point. */
static NTSTATUS LdrpInitializeProcess(PPEB peb, PVOID ntdll_base)
{
    peb->ProcessHeap = RtlCreateHeap(0x2 /* HEAP_GROWABLE */, NULL, peb->HeapSegmentReserve, peb->HeapSegmentCommit,
                                     NULL, NULL);
    if (!peb->ProcessHeap)
        return STATUS_NO_MEMORY;
    peb->NumberOfHeaps = 1;
    initialize_peb_loader_data(peb);
    NTSTATUS status = create_initial_modules(peb, ntdll_base);
    if (status != STATUS_SUCCESS)
        return status;
    LdrpAcquireLoaderLock();
    LdrpInLdrInit = TRUE;
    status = LdrpHandleRelocations(LdrpExeModule);
    if (status == STATUS_SUCCESS)
        status = LdrpHandleRelocations(LdrpNtdllModule);
    /* kernel32 is part of every Win32 process, whether the exe imports it or not. */
    LDRP_MODULE *kernel32;
    struct ldrp_load load;   /* the default search path; a process that cannot start is not unwound */
    LdrpBeginLoad(&load, NULL, NULL);
    if (status == STATUS_SUCCESS)
        status = LdrpLoadDll("kernel32.dll", NULL, &kernel32);
    if (status == STATUS_SUCCESS)
        status = LdrpSnapImports(LdrpExeModule);
    if (status == STATUS_SUCCESS)
        status = LdrpInitializeTls();
    if (status == STATUS_SUCCESS)
        status = LdrpRunInitializeRoutines();
    LdrpEndLoad(&load, STATUS_SUCCESS);
    LdrpInLdrInit = FALSE;
    LdrpReleaseLoaderLock();
    return status;
}

/* A new thread's TLS blocks and DLL_THREAD_ATTACH. */
static void LdrpInitializeThread(void)
{
    LdrpAcquireLoaderLock();
    LdrpAllocateTlsForThread(NtCurrentTeb());
    LdrpCallThreadRoutines(DLL_THREAD_ATTACH);
    LdrpReleaseLoaderLock();
}

/*
 * LdrpInitialize: process initialization on the first thread, thread initialization on the others.
 * A process that cannot start reports the hard error and ends with its status, as Windows does.
 */
static void LdrpInitialize(PCONTEXT ctx, PVOID ntdll_base)
{
    (void)ctx;
    PPEB peb = NtCurrentTeb()->ProcessEnvironmentBlock;
    if (__atomic_exchange_n(&process_initialized, 1, __ATOMIC_ACQ_REL)) {
        LdrpInitializeThread();
        return;
    }
    int trace = TRACE_BEGIN("LdrpInitialize");
    NTSTATUS status = LdrpInitializeProcess(peb, ntdll_base);
    TRACE_END(trace, "%s", status == STATUS_SUCCESS ? "process initialized" : "process initialization failed");
    if (status != STATUS_SUCCESS)
        NtTerminateProcess(NtCurrentProcess(), status);
}

void WINAPI LdrInitializeThunk(PCONTEXT ctx, PVOID ntdll_base)
{
    LdrpData = builtin_data(ntdll_base);
    if (!process_initialized)
        KeTraceGroup("user (child): the new process's first thread");
    int trace = TRACE_BEGIN("LdrInitializeThunk");
    LdrpInitialize(ctx, ntdll_base);
    TRACE_END(trace, "NtContinue to RIP %p", (void *)ctx->Rip);
    NtContinue(ctx, TRUE);   /* TRUE: APCs queued to the thread before it started run now, as on Windows */
}

typedef ULONG(WINAPI *BASE_THREAD_INIT_THUNK)(ULONG flags, PVOID start, PVOID param);

/* RtlUserThreadStart: the first user-mode frame of every thread; kernel32 runs the start routine. */
/* The trace names where a thread's user code starts ("hello.exe+0x14d0"). */
static void trace_thread_start(PVOID start)
{
    if (!KeTraceEnabled)
        return;
    char name[96] = "?";
    ULONG_PTR offset = (ULONG_PTR)start;
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByAddress(start);
    if (m) {
        RtlpBaseNameUtf8(name, sizeof name, &m->Entry.FullDllName);
        offset -= (ULONG_PTR)m->Entry.DllBase;
    }
    LdrpReleaseLoaderLock();
    KeTraceEvent("RtlUserThreadStart", "-> BaseThreadInitThunk -> %s+0x%llx%s", name, (unsigned long long)offset,
                 m == LdrpExeModule ? " (AddressOfEntryPoint)" : "");
}

void WINAPI RtlUserThreadStart(PVOID start, PVOID param)
{
    trace_thread_start(start);
    BASE_THREAD_INIT_THUNK thunk = (BASE_THREAD_INIT_THUNK)LdrpData->Kernel32ThreadInitThunkFunction;
    if (thunk) {
        thunk(0, start, param);
    } else {
        typedef ULONG(WINAPI * start_routine)(PVOID);
        RtlExitUserThread((NTSTATUS)((start_routine)start)(param));
    }
    RtlExitUserThread(STATUS_SUCCESS);
}

void WINAPI LdrShutdownThread(void)
{
    /* FLS callbacks first, outside the loader lock, then the block goes (ntdll/rtl/fls.c). */
    RtlProcessFlsData(NtCurrentTeb()->FlsData, 3);
    LdrpAcquireLoaderLock();
    LdrpCallThreadRoutines(DLL_THREAD_DETACH);
    LdrpFreeTlsForThread(NtCurrentTeb());
    LdrpReleaseLoaderLock();
}

void WINAPI LdrShutdownProcess(void)
{
    TRACE_EVENT("LdrShutdownProcess", "DLL_PROCESS_DETACH in reverse initialization order");
    LdrpAcquireLoaderLock();
    LdrpData->LdrData.ShutdownInProgress = TRUE;
    LdrpData->LdrData.ShutdownThreadId = NtCurrentTeb()->ClientId.UniqueThread;
    LdrpRunDetachRoutines(TRUE);
    LdrpReleaseLoaderLock();
}

#define ThreadAmILastThread 12

void WINAPI RtlExitUserThread(NTSTATUS status)
{
    /* The last thread ends the process the way ExitProcess does (DLL_PROCESS_DETACH, not THREAD_DETACH),
     * with its own exit code. */
    ULONG last = 0;
    if (NtQueryInformationThread(NtCurrentThread(), ThreadAmILastThread, &last, sizeof last, NULL) ==
            STATUS_SUCCESS && last)
        RtlExitUserProcess(status);
    LdrShutdownThread();
    for (;;)
        NtTerminateThread(NtCurrentThread(), status);
}

void WINAPI RtlExitUserProcess(NTSTATUS status)
{
    /* The loader lock and the PEB lock first, as Windows takes them: the other threads are stopped
     * wherever they are, and the detach routines below need both, so neither may be left owned by a
     * stopped thread. A second ExitProcess waits here and is stopped by the first. Then the other
     * threads stop, the DLLs detach on this thread, and the process ends. */
    TRACE_EVENT("RtlExitUserProcess", "ExitProcess(0x%x)", (unsigned)status);
    LdrpAcquireLoaderLock();
    RtlEnterCriticalSection(&LdrpData->FastPebLock);
    NtTerminateProcess(NULL, status);
    LdrpShutdownStatus = status;
    LdrShutdownProcess();
    for (;;)
        NtTerminateProcess(NtCurrentProcess(), status);
}

/*
 * The loader lock for the program (LdrLockLoaderLock): flags 1 raises instead of returning an error, 2
 * only tries (*state: 1 taken, 2 busy). The cookie names the owning thread, so that LdrUnlockLoaderLock
 * can tell a wrong one (STATUS_INVALID_PARAMETER_2).
 */
#define LDR_LOCK_LOADER_LOCK_FLAG_RAISE_ON_ERRORS 0x1
#define LDR_LOCK_LOADER_LOCK_FLAG_TRY_ONLY        0x2

static ULONG_PTR lock_cookie(void)
{
    return 0x10000000ull | ((ULONG_PTR)NtCurrentTeb()->ClientId.UniqueThread & 0xFFFFFFF);
}

static NTSTATUS lock_error(ULONG flags, NTSTATUS status)
{
    if (flags & LDR_LOCK_LOADER_LOCK_FLAG_RAISE_ON_ERRORS) {
        EXCEPTION_RECORD rec = {.ExceptionCode = (DWORD)status, .ExceptionFlags = EXCEPTION_NONCONTINUABLE};
        RtlpRaiseAtGuestCallSite(&rec);
    }
    return status;
}

NTSTATUS WINAPI LdrLockLoaderLock(ULONG flags, ULONG *state, ULONG_PTR *cookie)
{
    if (flags & ~(LDR_LOCK_LOADER_LOCK_FLAG_RAISE_ON_ERRORS | LDR_LOCK_LOADER_LOCK_FLAG_TRY_ONLY))
        return lock_error(flags, STATUS_INVALID_PARAMETER_1);
    if (state)
        *state = 0;
    if (!cookie)
        return lock_error(flags, STATUS_INVALID_PARAMETER_3);
    *cookie = 0;
    if (flags & LDR_LOCK_LOADER_LOCK_FLAG_TRY_ONLY) {
        if (!state)
            return lock_error(flags, STATUS_INVALID_PARAMETER_2);
        if (!RtlTryEnterCriticalSection(&LdrpData->LoaderLock)) {
            *state = 2;
            return STATUS_SUCCESS;
        }
    } else {
        LdrpAcquireLoaderLock();
    }
    if (state)
        *state = 1;
    *cookie = lock_cookie();
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LdrUnlockLoaderLock(ULONG flags, ULONG_PTR cookie)
{
    if (flags & ~LDR_LOCK_LOADER_LOCK_FLAG_RAISE_ON_ERRORS)
        return lock_error(flags, STATUS_INVALID_PARAMETER_1);
    if (!cookie)
        return STATUS_SUCCESS;
    if (cookie != lock_cookie())
        return lock_error(flags, STATUS_INVALID_PARAMETER_2);
    LdrpReleaseLoaderLock();
    return STATUS_SUCCESS;
}
