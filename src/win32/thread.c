/* Threads: BaseThreadInitThunk (the start of every thread's user code), CreateThread, exit, TLS slots. */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/sync.h"
#include "ps/ps.h"
#include "win32/k32.h"

/* Called by ntdll's RtlUserThreadStart: runs the start routine, and its return value ends the thread. */
void WINAPI BaseThreadInitThunk(ULONG flags, LPTHREAD_START_ROUTINE start, PVOID param)
{
    (void)flags;
    RtlExitUserThread((NTSTATUS)start(param));
}

#define CREATE_SUSPENDED 0x00000004
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000

HANDLE WINAPI CreateRemoteThread(HANDLE process, LPSECURITY_ATTRIBUTES sa, SIZE_T stack, LPTHREAD_START_ROUTINE start,
                                 PVOID param, DWORD flags, LPDWORD tid)
{
    HANDLE thread;
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, NULL, sa && sa->bInheritHandle ? OBJ_INHERIT : 0, NULL, NULL};
    SIZE_T reserve = flags & STACK_SIZE_PARAM_IS_A_RESERVATION ? stack : 0;
    SIZE_T commit = flags & STACK_SIZE_PARAM_IS_A_RESERVATION ? 0 : stack;
    if (commit > reserve)
        reserve = commit;
    NTSTATUS status = NtCreateThreadEx(&thread, 0x1FFFFF, &oa, process, (PVOID)start, param,
                                       flags & CREATE_SUSPENDED ? THREAD_CREATE_FLAGS_CREATE_SUSPENDED : 0, 0, commit,
                                       reserve, NULL);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    if (tid)
        *tid = GetThreadId(thread);
    return thread;
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES sa, SIZE_T stack, LPTHREAD_START_ROUTINE start, PVOID param,
                           DWORD flags, LPDWORD tid)
{
    return CreateRemoteThread(NtCurrentProcess(), sa, stack, start, param, flags, tid);
}

_Noreturn void WINAPI ExitThread(DWORD code)
{
    RtlExitUserThread((NTSTATUS)code);
    for (;;)
        ;
}

BOOL WINAPI TerminateThread(HANDLE thread, DWORD code)
{
    return BaseSetNtStatus(NtTerminateThread(thread, (NTSTATUS)code));
}

HANDLE WINAPI GetCurrentThread(void)
{
    return NtCurrentThread();
}

DWORD WINAPI GetCurrentThreadId(void)
{
    return (DWORD)(ULONG_PTR)BaseCurrentTeb()->ClientId.UniqueThread;
}

/* ThreadBasicInformation; false with the last error set when the handle is bad. */
static bool thread_info(HANDLE thread, THREAD_BASIC_INFORMATION *info)
{
    NTSTATUS status = NtQueryInformationThread(thread, ThreadBasicInformation, info, sizeof *info, NULL);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return false;
    }
    return true;
}

DWORD WINAPI GetThreadId(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;
    return thread_info(thread, &info) ? (DWORD)(ULONG_PTR)info.ClientId.UniqueThread : 0;
}

BOOL WINAPI GetExitCodeThread(HANDLE thread, LPDWORD code)
{
    THREAD_BASIC_INFORMATION info;
    if (!thread_info(thread, &info))
        return FALSE;
    *code = (DWORD)info.ExitStatus;
    return TRUE;
}

DWORD WINAPI ResumeThread(HANDLE thread)
{
    ULONG previous;
    NTSTATUS status = NtResumeThread(thread, &previous);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return (DWORD)-1;
    }
    return previous;
}

DWORD WINAPI SuspendThread(HANDLE thread)
{
    ULONG previous;
    NTSTATUS status = NtSuspendThread(thread, &previous);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return (DWORD)-1;
    }
    return previous;
}

/* ---- TLS slots: TEB.TlsSlots[64], then TEB.TlsExpansionSlots[1024], allocated from the PEB bitmaps ---- */

#define TLS_OUT_OF_INDEXES 0xFFFFFFFFu
#define TLS_TOTAL (TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS)

static bool bit_test(const ULONG *bits, DWORD i)
{
    return bits[i / 32] & (1u << (i % 32));
}

DWORD WINAPI TlsAlloc(void)
{
    PPEB peb = BaseCurrentPeb();
    RtlEnterCriticalSection(peb->FastPebLock);
    DWORD index = TLS_OUT_OF_INDEXES;
    for (DWORD i = 0; i < TLS_TOTAL && index == TLS_OUT_OF_INDEXES; i++) {
        ULONG *bits = i < TLS_MINIMUM_AVAILABLE ? peb->TlsBitmap : peb->TlsExpansionBitmap;
        DWORD bit = i < TLS_MINIMUM_AVAILABLE ? i : i - TLS_MINIMUM_AVAILABLE;
        if (!bit_test(bits, bit)) {
            bits[bit / 32] |= 1u << (bit % 32);
            index = i;
        }
    }
    RtlLeaveCriticalSection(peb->FastPebLock);
    if (index == TLS_OUT_OF_INDEXES) {
        SetLastError(ERROR_NO_MORE_ITEMS);
        return index;
    }
    /* A new slot starts at NULL in this thread; other threads clear theirs when freed (TlsFree). */
    TlsSetValue(index, NULL);
    return index;
}

BOOL WINAPI TlsFree(DWORD index)
{
    PPEB peb = BaseCurrentPeb();
    if (index >= TLS_TOTAL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG *bits = index < TLS_MINIMUM_AVAILABLE ? peb->TlsBitmap : peb->TlsExpansionBitmap;
    DWORD bit = index < TLS_MINIMUM_AVAILABLE ? index : index - TLS_MINIMUM_AVAILABLE;
    RtlEnterCriticalSection(peb->FastPebLock);
    bool allocated = bit_test(bits, bit);
    if (allocated)
        bits[bit / 32] &= ~(1u << (bit % 32));
    RtlLeaveCriticalSection(peb->FastPebLock);
    if (!allocated) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* The slot is emptied in every thread, so the next TlsAlloc hands it out clean. */
    NtSetInformationThread(NtCurrentThread(), ThreadZeroTlsCell, &index, sizeof index);
    return TRUE;
}

PVOID WINAPI TlsGetValue(DWORD index)
{
    PTEB teb = BaseCurrentTeb();
    if (index < TLS_MINIMUM_AVAILABLE) {
        teb->LastErrorValue = ERROR_SUCCESS;
        return teb->TlsSlots[index];
    }
    if (index >= TLS_TOTAL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    teb->LastErrorValue = ERROR_SUCCESS;
    return teb->TlsExpansionSlots ? teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] : NULL;
}

BOOL WINAPI TlsSetValue(DWORD index, PVOID value)
{
    PTEB teb = BaseCurrentTeb();
    if (index < TLS_MINIMUM_AVAILABLE) {
        teb->TlsSlots[index] = value;
        return TRUE;
    }
    if (index >= TLS_TOTAL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!teb->TlsExpansionSlots) {
        teb->TlsExpansionSlots = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, TLS_EXPANSION_SLOTS *
                                                                                            sizeof(PVOID));
        if (!teb->TlsExpansionSlots) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
    }
    teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] = value;
    return TRUE;
}

/* ---- fiber-local storage (ntdll/rtl/fls.c) ---------------------------------------------------------- */

#define FLS_OUT_OF_INDEXES 0xFFFFFFFFu

DWORD WINAPI FlsAlloc(PFLS_CALLBACK_FUNCTION callback)
{
    ULONG index;
    NTSTATUS status = RtlFlsAlloc(callback, &index);
    if (status != STATUS_SUCCESS) {
        SetLastError(status == STATUS_NO_MEMORY ? ERROR_NO_MORE_ITEMS : RtlNtStatusToDosError(status));
        return FLS_OUT_OF_INDEXES;
    }
    return index;
}

BOOL WINAPI FlsFree(DWORD index)
{
    return BaseSetNtStatus(RtlFlsFree(index));
}

PVOID WINAPI FlsGetValue(DWORD index)
{
    PVOID value;
    NTSTATUS status = RtlFlsGetValue(index, &value);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    SetLastError(ERROR_SUCCESS);
    return value;
}

BOOL WINAPI FlsSetValue(DWORD index, PVOID value)
{
    return BaseSetNtStatus(RtlFlsSetValue(index, value));
}

/* ---- priority, affinity, context ---------------------------------------------------------------------- */

#define THREAD_PRIORITY_IDLE          (-15)
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_ERROR_RETURN  0x7FFFFFFF
/* The kernel's saturation values for TIME_CRITICAL and IDLE (LOW_REALTIME_PRIORITY / 2 + 1). */
#define THREAD_BASE_PRIORITY_LOWRT    16

int WINAPI GetThreadPriority(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;
    if (!thread_info(thread, &info))
        return THREAD_PRIORITY_ERROR_RETURN;
    if (info.BasePriority >= THREAD_BASE_PRIORITY_LOWRT)
        return THREAD_PRIORITY_TIME_CRITICAL;
    if (info.BasePriority <= -THREAD_BASE_PRIORITY_LOWRT)
        return THREAD_PRIORITY_IDLE;
    return info.BasePriority;
}

BOOL WINAPI SetThreadPriority(HANDLE thread, int priority)
{
    LONG base = priority;
    if (priority == THREAD_PRIORITY_TIME_CRITICAL)
        base = THREAD_BASE_PRIORITY_LOWRT;
    else if (priority == THREAD_PRIORITY_IDLE)
        base = -THREAD_BASE_PRIORITY_LOWRT;
    else if (priority < -2 || priority > 2) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return BaseSetNtStatus(NtSetInformationThread(thread, ThreadBasePriority, &base, sizeof base));
}

BOOL WINAPI GetThreadPriorityBoost(HANDLE thread, BOOL *disabled)
{
    ULONG value;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadPriorityBoost, &value, sizeof value, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    *disabled = value != 0;
    return TRUE;
}

BOOL WINAPI SetThreadPriorityBoost(HANDLE thread, BOOL disable)
{
    ULONG value = disable != 0;
    return BaseSetNtStatus(NtSetInformationThread(thread, ThreadPriorityBoost, &value, sizeof value));
}

DWORD_PTR WINAPI SetThreadAffinityMask(HANDLE thread, DWORD_PTR mask)
{
    THREAD_BASIC_INFORMATION info;
    if (!thread_info(thread, &info))
        return 0;
    NTSTATUS status = NtSetInformationThread(thread, ThreadAffinityMask, &mask, sizeof mask);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return 0;
    }
    return info.AffinityMask;
}

static DWORD_PTR system_affinity(void)
{
    ULONG n = BaseCurrentPeb()->NumberOfProcessors;
    return n >= 64 ? ~(DWORD_PTR)0 : ((DWORD_PTR)1 << n) - 1;
}

BOOL WINAPI GetProcessAffinityMask(HANDLE process, DWORD_PTR *process_mask, DWORD_PTR *system_mask)
{
    PROCESS_BASIC_INFORMATION info;
    NTSTATUS status = NtQueryInformationProcess(process, ProcessBasicInformation, &info, sizeof info, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    if (process_mask)
        *process_mask = info.AffinityMask;
    if (system_mask)
        *system_mask = system_affinity();
    return TRUE;
}

BOOL WINAPI SetProcessAffinityMask(HANDLE process, DWORD_PTR mask)
{
    return BaseSetNtStatus(NtSetInformationProcess(process, ProcessAffinityMask, &mask, sizeof mask));
}

BOOL WINAPI GetThreadContext(HANDLE thread, PCONTEXT context)
{
    return BaseSetNtStatus(NtGetContextThread(thread, context));
}

BOOL WINAPI SetThreadContext(HANDLE thread, const CONTEXT *context)
{
    return BaseSetNtStatus(NtSetContextThread(thread, context));
}

/* Any NT process of the user's tree by pid (ntexec hosts); another pid is ERROR_INVALID_PARAMETER, Windows'
 * answer for a pid that is not in use. */
HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD pid)
{
    HANDLE h;
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, NULL, inherit ? OBJ_INHERIT : 0, NULL, NULL};
    CLIENT_ID cid = {(HANDLE)(ULONG_PTR)pid, NULL};
    NTSTATUS status = NtOpenProcess(&h, access, &oa, &cid);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return h;
}

/* ---- CPU times ------------------------------------------------------------------------------------------ */

static void filetime_of(LPFILETIME ft, LARGE_INTEGER v)
{
    ft->dwLowDateTime = (DWORD)v.QuadPart;
    ft->dwHighDateTime = (DWORD)((ULONGLONG)v.QuadPart >> 32);
}

BOOL WINAPI GetThreadTimes(HANDLE thread, LPFILETIME creation, LPFILETIME exit, LPFILETIME kernel, LPFILETIME user)
{
    KERNEL_USER_TIMES t;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadTimes, &t, sizeof t, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    filetime_of(creation, t.CreateTime);
    filetime_of(exit, t.ExitTime);
    filetime_of(kernel, t.KernelTime);
    filetime_of(user, t.UserTime);
    return TRUE;
}

BOOL WINAPI GetProcessTimes(HANDLE process, LPFILETIME creation, LPFILETIME exit, LPFILETIME kernel,
                            LPFILETIME user)
{
    KERNEL_USER_TIMES t;
    NTSTATUS status = NtQueryInformationProcess(process, ProcessTimes, &t, sizeof t, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    filetime_of(creation, t.CreateTime);
    filetime_of(exit, t.ExitTime);
    filetime_of(kernel, t.KernelTime);
    filetime_of(user, t.UserTime);
    return TRUE;
}

BOOL WINAPI GetProcessHandleCount(HANDLE process, LPDWORD count)
{
    ULONG n;
    NTSTATUS status = NtQueryInformationProcess(process, 20 /* ProcessHandleCount */, &n, sizeof n, NULL);
    if (status == STATUS_SUCCESS)
        *count = n;
    return BaseSetNtStatus(status);
}

/* PROCESS_MEMORY_COUNTERS(_EX): psapi's GetProcessMemoryInfo is this kernel32 export since Windows 7. */
BOOL WINAPI K32GetProcessMemoryInfo(HANDLE process, PVOID counters, DWORD cb)
{
    SIZE_T vm[12];
    if (cb < sizeof(DWORD) + 9 * sizeof(SIZE_T) + 4) {   /* sizeof(PROCESS_MEMORY_COUNTERS) == 72 */
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    NTSTATUS status = NtQueryInformationProcess(process, 3 /* ProcessVmCounters */, vm, sizeof vm, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    /* PROCESS_MEMORY_COUNTERS is VM_COUNTERS without the two virtual sizes, after cb. */
    DWORD *out = counters;
    SIZE_T *fields = (SIZE_T *)(out + 2);
    bool ex = cb >= 80;
    out[0] = ex ? 80 : 72;
    out[1] = *(ULONG *)&vm[2];   /* PageFaultCount */
    for (int i = 0; i < 8; i++)
        fields[i] = vm[3 + i];
    if (ex)
        fields[8] = vm[11];      /* PrivateUsage */
    return TRUE;
}

/* ---- thread functions runtimes use at start-up ---- */

#define ThreadIsIoPending 16

HANDLE WINAPI CreateRemoteThreadEx(HANDLE process, LPSECURITY_ATTRIBUTES sa, SIZE_T stack,
                                   LPTHREAD_START_ROUTINE start, PVOID param, DWORD flags, PVOID attributes,
                                   LPDWORD tid)
{
    /* PROC_THREAD_ATTRIBUTE_LIST entries (group affinity, ideal processor, ...) are not modelled: a
     * caller that passes a list is told so rather than having it ignored. */
    if (attributes) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    return CreateRemoteThread(process, sa, stack, start, param, flags, tid);
}

DWORD WINAPI GetProcessIdOfThread(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;
    return thread_info(thread, &info) ? (DWORD)(ULONG_PTR)info.ClientId.UniqueProcess : 0;
}

/* The whole reserved stack: from its deallocation base (the guard pages included) to its top. */
void WINAPI GetCurrentThreadStackLimits(PULONG_PTR low, PULONG_PTR high)
{
    PTEB teb = BaseCurrentTeb();
    *low = (ULONG_PTR)teb->DeallocationStack;
    *high = (ULONG_PTR)teb->NtTib.StackBase;
}

/* The stack kept for the stack-overflow handler: rounded up to pages, at least two on x64; it only
 * grows; the previous value comes back in *size (kernelbase's rules). */
BOOL WINAPI SetThreadStackGuarantee(PULONG size)
{
    PTEB teb = BaseCurrentTeb();
    ULONG previous = teb->GuaranteedStackBytes;
    ULONG wanted = (*size + 4095) & ~4095u;
    if (wanted && wanted < 8192)
        wanted = 8192;
    *size = previous;
    if (wanted >= (ULONG_PTR)((char *)teb->NtTib.StackBase - (char *)teb->DeallocationStack)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (wanted > previous)
        teb->GuaranteedStackBytes = wanted;
    return TRUE;
}

BOOL WINAPI GetThreadIOPendingFlag(HANDLE thread, BOOL *pending)
{
    ULONG value;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadIsIoPending, &value, sizeof value, NULL);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    *pending = value != 0;
    return TRUE;
}

/* A process's priority boost: one flag for the process (ProcessPriorityBoost); threads created later
 * inherit it on Windows. ntexec keeps it per process and reports it back. */
static volatile LONG process_boost_disabled;

BOOL WINAPI SetProcessPriorityBoost(HANDLE process, BOOL disable)
{
    if (process != NtCurrentProcess() && GetProcessId(process) != GetCurrentProcessId()) {
        if (!GetProcessId(process))
            return FALSE;
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    process_boost_disabled = disable != 0;
    return TRUE;
}

BOOL WINAPI GetProcessPriorityBoost(HANDLE process, BOOL *disabled)
{
    if (process != NtCurrentProcess() && GetProcessId(process) != GetCurrentProcessId()) {
        if (!GetProcessId(process))
            return FALSE;
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    *disabled = process_boost_disabled;
    return TRUE;
}

/* The system directory ntexec presents: C:\Windows\System32 (where the builtin DLLs live). */
static const char system_directory[] = "C:\\Windows\\system32";

UINT WINAPI GetSystemDirectoryW(LPWSTR buffer, UINT size)
{
    UINT len = sizeof system_directory - 1;
    if (!buffer || size <= len)
        return len + 1;
    for (UINT i = 0; i <= len; i++)
        buffer[i] = (WCHAR)system_directory[i];
    return len;
}

UINT WINAPI GetSystemDirectoryA(LPSTR buffer, UINT size)
{
    UINT len = sizeof system_directory - 1;
    if (!buffer || size <= len)
        return len + 1;
    memcpy(buffer, system_directory, len + 1);
    return len;
}

/* ---- thread descriptions (ThreadNameInformation): HRESULT_FROM_NT of the service's status, success included
 * (0x10000000: SUCCEEDED, not S_OK, as on Windows) ---- */

#define ThreadNameInformation 38
#define HRESULT_FROM_NT(s) ((HRESULT)((ULONG)(s) | 0x10000000u))
typedef LONG HRESULT;

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);

typedef struct {
    UNICODE_STRING ThreadName;
} THREAD_NAME_INFORMATION;

HRESULT WINAPI SetThreadDescription(HANDLE thread, PCWSTR description)
{
    THREAD_NAME_INFORMATION info;
    NTSTATUS status = STATUS_SUCCESS;
    SIZE_T chars = 0;
    if (description)
        while (description[chars])
            chars++;
    if (chars * sizeof(WCHAR) > 0xFFFC) {   /* what a UNICODE_STRING holds (RtlInitUnicodeStringEx) */
        status = STATUS_NAME_TOO_LONG;
    } else {
        info.ThreadName.Length = (USHORT)(chars * sizeof(WCHAR));
        info.ThreadName.MaximumLength = description ? (USHORT)(info.ThreadName.Length + sizeof(WCHAR)) : 0;
        info.ThreadName.Buffer = (PWSTR)description;
        status = NtSetInformationThread(thread, ThreadNameInformation, &info, sizeof info);
    }
    return HRESULT_FROM_NT(status);   /* 0x10000000 on success, as kernelbase returns it */
}

/* The description in a LocalAlloc'd, NUL-terminated string the caller frees with LocalFree ("" when the
 * thread has none). */
HRESULT WINAPI GetThreadDescription(HANDLE thread, PWSTR *description)
{
    *description = NULL;
    ULONG length = 0;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadNameInformation, NULL, 0, &length);
    if (status != STATUS_BUFFER_TOO_SMALL && status != STATUS_INFO_LENGTH_MISMATCH)
        return HRESULT_FROM_NT(status);
    for (;;) {
        THREAD_NAME_INFORMATION *info = RtlAllocateHeap(RtlGetProcessHeap(), 0, length);
        if (!info)
            return HRESULT_FROM_NT(STATUS_NO_MEMORY);
        status = NtQueryInformationThread(thread, ThreadNameInformation, info, length, &length);
        if (status == STATUS_SUCCESS) {
            USHORT bytes = info->ThreadName.Length;
            *description = LocalAlloc(0, bytes + sizeof(WCHAR));
            if (*description) {
                if (bytes)   /* a thread never named has no buffer */
                    memcpy(*description, info->ThreadName.Buffer, bytes);
                (*description)[bytes / sizeof(WCHAR)] = 0;
            } else {
                status = STATUS_NO_MEMORY;
            }
        }
        RtlFreeHeap(RtlGetProcessHeap(), 0, info);
        if (status != STATUS_BUFFER_TOO_SMALL)   /* renamed between the two calls: ask again */
            return HRESULT_FROM_NT(status);
    }
}
