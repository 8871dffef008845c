/* Virtual memory and heaps: VirtualAlloc/Free/Protect/Query, Heap*, Local*, Global*. */
#include <string.h>

#include "mm/mm.h"
#include "win32/k32.h"

PVOID WINAPI VirtualAllocEx(HANDLE process, PVOID address, SIZE_T size, DWORD type, DWORD protect)
{
    PVOID base = address;
    NTSTATUS status = NtAllocateVirtualMemory(process, &base, 0, &size, type, protect);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return base;
}

PVOID WINAPI VirtualAlloc(PVOID address, SIZE_T size, DWORD type, DWORD protect)
{
    return VirtualAllocEx(NtCurrentProcess(), address, size, type, protect);
}

BOOL WINAPI VirtualFreeEx(HANDLE process, PVOID address, SIZE_T size, DWORD type)
{
    /* MEM_RELEASE needs size 0, as NtFreeVirtualMemory checks. */
    return BaseSetNtStatus(NtFreeVirtualMemory(process, &address, &size, type));
}

BOOL WINAPI VirtualFree(PVOID address, SIZE_T size, DWORD type)
{
    return VirtualFreeEx(NtCurrentProcess(), address, size, type);
}

BOOL WINAPI VirtualProtectEx(HANDLE process, PVOID address, SIZE_T size, DWORD protect, LPDWORD old)
{
    ULONG previous = 0;
    NTSTATUS status = NtProtectVirtualMemory(process, &address, &size, protect, &previous);
    if (old)
        *old = previous;
    return BaseSetNtStatus(status);
}

BOOL WINAPI VirtualProtect(PVOID address, SIZE_T size, DWORD protect, LPDWORD old)
{
    if (!old) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    return VirtualProtectEx(NtCurrentProcess(), address, size, protect, old);
}

SIZE_T WINAPI VirtualQueryEx(HANDLE process, LPCVOID address, MEMORY_BASIC_INFORMATION *info, SIZE_T length)
{
    SIZE_T written;
    NTSTATUS status = NtQueryVirtualMemory(process, (PVOID)address, 0, info, length, &written);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return 0;
    }
    return written;
}

SIZE_T WINAPI VirtualQuery(LPCVOID address, MEMORY_BASIC_INFORMATION *info, SIZE_T length)
{
    return VirtualQueryEx(NtCurrentProcess(), address, info, length);
}

BOOL WINAPI FlushInstructionCache(HANDLE process, LPCVOID address, SIZE_T size)
{
    return NtFlushInstructionCache(process, (PVOID)address, size) == STATUS_SUCCESS;
}

HANDLE WINAPI GetProcessHeap(void)
{
    return BaseCurrentPeb()->ProcessHeap;
}

DWORD WINAPI GetProcessHeaps(DWORD count, PHANDLE heaps)
{
    return RtlGetProcessHeaps(count, heaps);
}

HANDLE WINAPI HeapCreate(DWORD options, SIZE_T initial, SIZE_T maximum)
{
    HANDLE h = RtlCreateHeap(options, NULL, maximum, initial, NULL, NULL);
    if (!h)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return h;
}

BOOL WINAPI HeapDestroy(HANDLE heap)
{
    if (RtlDestroyHeap(heap)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI HeapFree(HANDLE heap, DWORD flags, PVOID ptr)
{
    return RtlFreeHeap(heap, flags, ptr);
}

SIZE_T WINAPI HeapSize(HANDLE heap, DWORD flags, LPCVOID ptr)
{
    return RtlSizeHeap(heap, flags, ptr);
}

BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, LPCVOID ptr)
{
    return RtlValidateHeap(heap, flags, ptr);
}

BOOL WINAPI HeapSetInformation(HANDLE heap, DWORD info_class, PVOID info, SIZE_T length)
{
    (void)heap;
    (void)info_class;
    (void)info;
    (void)length;
    return TRUE;  /* low-fragmentation and terminate-on-corruption settings: accepted */
}

/* Local and global memory: fixed blocks from the process heap (movable blocks are never moved). */
#define LMEM_ZEROINIT 0x40

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size)
{
    PVOID p = RtlAllocateHeap(BaseCurrentPeb()->ProcessHeap, flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0, size);
    if (!p)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

HANDLE WINAPI LocalFree(HANDLE mem)
{
    if (mem && !RtlFreeHeap(BaseCurrentPeb()->ProcessHeap, 0, mem)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return mem;
    }
    return NULL;
}

HANDLE WINAPI LocalReAlloc(HANDLE mem, SIZE_T size, UINT flags)
{
    PVOID p = RtlReAllocateHeap(BaseCurrentPeb()->ProcessHeap, flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0, mem,
                                size);
    if (!p)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

HANDLE WINAPI GlobalAlloc(UINT flags, SIZE_T size)
{
    return LocalAlloc(flags, size);
}

HANDLE WINAPI GlobalFree(HANDLE mem)
{
    return LocalFree(mem);
}

HANDLE WINAPI GlobalReAlloc(HANDLE mem, SIZE_T size, UINT flags)
{
    return LocalReAlloc(mem, size, flags);
}

PVOID WINAPI GlobalLock(HANDLE mem)
{
    return mem;
}

BOOL WINAPI GlobalUnlock(HANDLE mem)
{
    (void)mem;
    return TRUE;
}
