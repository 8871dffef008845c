/* Threads: BaseThreadInitThunk (the start of every thread's user code), CreateThread, exit, TLS slots. */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ps/ps.h"
#include "win32/k32.h"

typedef DWORD(WINAPI *LPTHREAD_START_ROUTINE)(PVOID);

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

DWORD WINAPI GetThreadId(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadBasicInformation, &info, sizeof info, NULL);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return 0;
    }
    return (DWORD)(ULONG_PTR)info.ClientId.UniqueThread;
}

BOOL WINAPI GetExitCodeThread(HANDLE thread, LPDWORD code)
{
    THREAD_BASIC_INFORMATION info;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadBasicInformation, &info, sizeof info, NULL);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
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
    TlsSetValue(index, NULL);
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
