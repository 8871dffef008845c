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

BOOL WINAPI ReadProcessMemory(HANDLE process, LPCVOID address, LPVOID buffer, SIZE_T size, SIZE_T *read)
{
    SIZE_T done = 0;
    NTSTATUS status = NtReadVirtualMemory(process, address, buffer, size, &done);
    if (read)
        *read = done;
    return BaseSetNtStatus(status);
}

/*
 * As kernel32 does it: a read-only or execute-read destination is made writable for the copy (through the
 * target's own host when it is another process) and given its protection back; the instruction cache is
 * flushed for code.
 */
BOOL WINAPI WriteProcessMemory(HANDLE process, LPVOID address, LPCVOID buffer, SIZE_T size, SIZE_T *written)
{
    SIZE_T done = 0;
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T ignored;
    ULONG old = 0;
    bool unprotected = false;
    PVOID base = address;
    SIZE_T length = size;
    if (size && NtQueryVirtualMemory(process, address, 0, &mbi, sizeof mbi, &ignored) == STATUS_SUCCESS &&
        mbi.State == MEM_COMMIT && (mbi.Protect == PAGE_READONLY || mbi.Protect == PAGE_EXECUTE_READ)) {
        ULONG writable = mbi.Protect == PAGE_READONLY ? PAGE_READWRITE : PAGE_EXECUTE_READWRITE;
        unprotected = NtProtectVirtualMemory(process, &base, &length, writable, &old) == STATUS_SUCCESS;
    }
    NTSTATUS status = NtWriteVirtualMemory(process, address, buffer, size, &done);
    if (unprotected) {
        ULONG dummy;
        base = address;
        length = size;
        NtProtectVirtualMemory(process, &base, &length, old, &dummy);
        NtFlushInstructionCache(process, address, size);
    }
    if (written)
        *written = done;
    return BaseSetNtStatus(status);
}

SIZE_T WINAPI VirtualQuery(LPCVOID address, MEMORY_BASIC_INFORMATION *info, SIZE_T length)
{
    return VirtualQueryEx(NtCurrentProcess(), address, info, length);
}

BOOL WINAPI FlushInstructionCache(HANDLE process, LPCVOID address, SIZE_T size)
{
    return NtFlushInstructionCache(process, (PVOID)address, size) == STATUS_SUCCESS;
}

/* The PEB's ProcessHeap; the ntexec shell's PEB, built by the kernel, has none: ntdll's default heap. */
HANDLE WINAPI GetProcessHeap(void)
{
    return RtlGetProcessHeap();
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

/*
 * Local and global memory, as kernelbase keeps it: a fixed block is a process-heap pointer; a movable
 * block is a handle, the address of the `ptr` field of an entry in a handle table, so `*(void **)handle`
 * is the data as on Windows and handles never look like heap pointers (they are 8 mod 16, heap payloads
 * are 16-aligned). An entry holds the lock count GlobalLock/GlobalUnlock keep and GlobalFlags reports.
 */
#define LMEM_MOVEABLE       0x0002
#define LMEM_ZEROINIT       0x0040
#define LMEM_MODIFY         0x0080
#define LMEM_DISCARDABLE    0x0F00
#define LMEM_DISCARDED      0x4000
#define LMEM_INVALID_HANDLE 0x8000
#define GMEM_MOVEABLE       0x0002
#define GMEM_NOCOMPACT      0x0010
#define GMEM_MODIFY         0x0080
#define GMEM_DISCARDABLE    0x0100
#define GMEM_NOT_BANKED     0x1000
#define GMEM_NOTIFY         0x4000
#define GMEM_DISCARDED      0x4000
#define GMEM_INVALID_HANDLE 0x8000
#ifndef ERROR_DISCARDED
#define ERROR_DISCARDED     157
#endif

enum { MEM_USED = 1, MEM_DISCARDABLE = 2, MEM_DISCARDED = 4 };

struct mem_entry {
    WORD Flags;
    BYTE Lock;        /* lock count; saturates at 255 (LMEM_LOCKCOUNT) */
    BYTE Reserved[5];
    PVOID Ptr;        /* the handle points here; the next free entry while unused */
};
static_assert(sizeof(struct mem_entry) == 16, "a handle is 8 mod 16");

#define MAX_MEM_HANDLES 0x10000
static _Alignas(16) struct mem_entry mem_entries[MAX_MEM_HANDLES];
static struct mem_entry *mem_free_list;
static ULONG mem_used_count;        /* entries ever handed out (the rest were never used) */
static RTL_CRITICAL_SECTION mem_lock;

static PVOID process_heap(void)
{
    return RtlGetProcessHeap();
}

static bool is_pointer(HANDLE h)
{
    return !((ULONG_PTR)h & 15);
}

static HANDLE handle_of(struct mem_entry *m)
{
    return &m->Ptr;
}

/* The entry behind a movable-block handle, or NULL; mem_lock held. */
static struct mem_entry *mem_of(HANDLE h)
{
    ULONG_PTR first = (ULONG_PTR)&mem_entries[0].Ptr, off = (ULONG_PTR)h - first;
    if ((ULONG_PTR)h < first || off % sizeof(struct mem_entry) || off / sizeof(struct mem_entry) >= mem_used_count)
        return NULL;
    struct mem_entry *m = &mem_entries[off / sizeof(struct mem_entry)];
    return m->Flags & MEM_USED ? m : NULL;
}

static struct mem_entry *new_entry(void)
{
    struct mem_entry *m = mem_free_list;
    if (m)
        mem_free_list = m->Ptr;
    else if (mem_used_count < MAX_MEM_HANDLES)
        m = &mem_entries[mem_used_count++];
    if (m)
        *m = (struct mem_entry){.Flags = MEM_USED};
    return m;
}

static void free_entry(struct mem_entry *m)
{
    m->Flags = 0;
    m->Lock = 0;
    m->Ptr = mem_free_list;
    mem_free_list = m;
}

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size)
{
    ULONG heap_flags = flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0;
    if (!(flags & LMEM_MOVEABLE)) {
        PVOID p = RtlAllocateHeap(process_heap(), heap_flags, size);
        if (!p)
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return p;
    }
    PVOID p = NULL;
    if (size && !(p = RtlAllocateHeap(process_heap(), heap_flags, size))) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = new_entry();
    if (m) {
        m->Ptr = p;
        if (flags & LMEM_DISCARDABLE)
            m->Flags |= MEM_DISCARDABLE;
        if (!size)
            m->Flags |= MEM_DISCARDED;   /* a zero-size movable block starts discarded */
    }
    RtlLeaveCriticalSection(&mem_lock);
    if (!m) {
        RtlFreeHeap(process_heap(), 0, p);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return handle_of(m);
}

HANDLE WINAPI LocalFree(HANDLE mem)
{
    if (!mem)
        return NULL;
    if (is_pointer(mem)) {
        if (RtlFreeHeap(process_heap(), 0, mem))
            return NULL;
        SetLastError(ERROR_INVALID_HANDLE);
        return mem;
    }
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = mem_of(mem);
    if (m) {
        RtlFreeHeap(process_heap(), 0, m->Ptr);  /* even when locked, as on Windows */
        free_entry(m);
    }
    RtlLeaveCriticalSection(&mem_lock);
    if (m)
        return NULL;
    SetLastError(ERROR_INVALID_HANDLE);
    return mem;
}

PVOID WINAPI LocalLock(HANDLE mem)
{
    if (is_pointer(mem)) {
        if (!mem)
            SetLastError(ERROR_INVALID_HANDLE);
        return mem;
    }
    PVOID p = NULL;
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = mem_of(mem);
    if (!m)
        SetLastError(ERROR_INVALID_HANDLE);
    else if (!(p = m->Ptr))
        SetLastError(ERROR_DISCARDED);
    else if (m->Lock < 0xFF)
        m->Lock++;
    RtlLeaveCriticalSection(&mem_lock);
    return p;
}

/* TRUE while the block stays locked; FALSE with NO_ERROR once the count reaches 0, ERROR_NOT_LOCKED for a
 * block that was not locked (fixed blocks never are). */
BOOL WINAPI LocalUnlock(HANDLE mem)
{
    if (is_pointer(mem)) {
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    BOOL locked = FALSE;
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = mem_of(mem);
    if (!m)
        SetLastError(ERROR_INVALID_HANDLE);
    else if (!m->Lock)
        SetLastError(ERROR_NOT_LOCKED);
    else if (!(locked = --m->Lock != 0))
        SetLastError(ERROR_SUCCESS);
    RtlLeaveCriticalSection(&mem_lock);
    return locked;
}

/* The lock count in the low byte, with the discardable and discarded bits. */
static UINT mem_flags(HANDLE mem, UINT discardable)
{
    if (is_pointer(mem))
        return 0;
    UINT flags = LMEM_INVALID_HANDLE;
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = mem_of(mem);
    if (m)
        flags = m->Lock | (m->Flags & MEM_DISCARDABLE ? discardable : 0) |
                (m->Flags & MEM_DISCARDED ? LMEM_DISCARDED : 0);
    RtlLeaveCriticalSection(&mem_lock);
    if (!m)
        SetLastError(ERROR_INVALID_HANDLE);
    return flags;
}

UINT WINAPI LocalFlags(HANDLE mem)
{
    return mem_flags(mem, LMEM_DISCARDABLE);
}

SIZE_T WINAPI LocalSize(HANDLE mem)
{
    SIZE_T size = (SIZE_T)-1;
    if (is_pointer(mem)) {
        if (mem)
            size = RtlSizeHeap(process_heap(), 0, mem);
    } else {
        RtlEnterCriticalSection(&mem_lock);
        struct mem_entry *m = mem_of(mem);
        if (m)
            size = m->Ptr ? RtlSizeHeap(process_heap(), 0, m->Ptr) : 0;
        RtlLeaveCriticalSection(&mem_lock);
    }
    if (size == (SIZE_T)-1) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return size;
}

/* The handle of a block, from its handle or its data pointer. */
HANDLE WINAPI LocalHandle(LPCVOID ptr)
{
    HANDLE h = NULL;
    if (!ptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    RtlEnterCriticalSection(&mem_lock);
    if (mem_of((HANDLE)ptr))
        h = (HANDLE)ptr;
    for (ULONG i = 0; !h && i < mem_used_count; i++)
        if ((mem_entries[i].Flags & MEM_USED) && mem_entries[i].Ptr == ptr)
            h = handle_of(&mem_entries[i]);
    RtlLeaveCriticalSection(&mem_lock);
    if (!h && is_pointer((HANDLE)ptr) && RtlValidateHeap(process_heap(), 0, ptr))
        h = (HANDLE)ptr;
    if (!h)
        SetLastError(ERROR_INVALID_HANDLE);
    return h;
}

/* Without LMEM_MODIFY: resizes; a fixed or locked block only in place unless LMEM_MOVEABLE, and size 0
 * with LMEM_MOVEABLE discards an unlocked movable block. With LMEM_MODIFY only the flags change (a
 * movable block may become discardable); the size is ignored. */
HANDLE WINAPI LocalReAlloc(HANDLE mem, SIZE_T size, UINT flags)
{
    ULONG heap_flags = flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0;
    if (!(flags & LMEM_MODIFY) && (flags & LMEM_DISCARDABLE)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (is_pointer(mem)) {
        if (!mem || !RtlValidateHeap(process_heap(), 0, mem)) {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        if (flags & LMEM_MODIFY)
            return mem;
        if (!(flags & LMEM_MOVEABLE))
            heap_flags |= HEAP_REALLOC_IN_PLACE_ONLY;
        PVOID p = RtlReAllocateHeap(process_heap(), heap_flags, mem, size);
        if (!p)
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return p;
    }
    HANDLE ret = NULL;
    DWORD error = ERROR_SUCCESS;
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = mem_of(mem);
    if (!m) {
        error = ERROR_INVALID_HANDLE;
    } else if (flags & LMEM_MODIFY) {
        if (flags & LMEM_DISCARDABLE)
            m->Flags |= MEM_DISCARDABLE;
        ret = mem;
    } else if (size) {
        if (m->Lock && !(flags & LMEM_MOVEABLE))
            heap_flags |= HEAP_REALLOC_IN_PLACE_ONLY;
        PVOID p = m->Ptr ? RtlReAllocateHeap(process_heap(), heap_flags, m->Ptr, size)
                         : RtlAllocateHeap(process_heap(), heap_flags, size);
        if (p) {
            m->Ptr = p;
            m->Flags &= ~MEM_DISCARDED;
            ret = mem;
        } else {
            error = ERROR_NOT_ENOUGH_MEMORY;
        }
    } else if ((flags & LMEM_MOVEABLE) && !m->Lock) {
        RtlFreeHeap(process_heap(), 0, m->Ptr);
        m->Ptr = NULL;
        m->Flags |= MEM_DISCARDED;
        ret = mem;
    } else {
        error = ERROR_INVALID_PARAMETER;
    }
    RtlLeaveCriticalSection(&mem_lock);
    if (!ret)
        SetLastError(error);
    return ret;
}

HANDLE WINAPI GlobalAlloc(UINT flags, SIZE_T size)
{
    flags &= ~(GMEM_NOCOMPACT | GMEM_NOT_BANKED | GMEM_NOTIFY);
    if (!(flags & GMEM_MOVEABLE) && !size)
        size = 1;   /* GlobalAlloc gives a fixed block one byte at least */
    return LocalAlloc(flags, size);
}

HANDLE WINAPI GlobalFree(HANDLE mem)
{
    return LocalFree(mem);
}

/* LocalReAlloc, except that a locked block is neither discarded nor made discardable, and GMEM_MODIFY
 * with GMEM_MOVEABLE turns a fixed block into a movable one (its pointer stays the data). */
HANDLE WINAPI GlobalReAlloc(HANDLE mem, SIZE_T size, UINT flags)
{
    if (!(flags & GMEM_MODIFY) && !is_pointer(mem) && (!size || (flags & GMEM_DISCARDABLE))) {
        RtlEnterCriticalSection(&mem_lock);
        struct mem_entry *m = mem_of(mem);
        bool locked = m && m->Lock;
        RtlLeaveCriticalSection(&mem_lock);
        if (locked)
            return NULL;
    }
    HANDLE h = LocalReAlloc(mem, size, flags);
    if (!h || !is_pointer(h) || (flags & (GMEM_MOVEABLE | GMEM_MODIFY)) != (GMEM_MOVEABLE | GMEM_MODIFY))
        return h;
    RtlEnterCriticalSection(&mem_lock);
    struct mem_entry *m = new_entry();
    if (m) {
        m->Ptr = h;
        if (flags & GMEM_DISCARDABLE)
            m->Flags |= MEM_DISCARDABLE;
    }
    RtlLeaveCriticalSection(&mem_lock);
    if (!m) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return handle_of(m);
}

PVOID WINAPI GlobalLock(HANDLE mem)
{
    return LocalLock(mem);
}

/* Fixed blocks: TRUE, as Windows answers (LocalUnlock says ERROR_NOT_LOCKED for them). */
BOOL WINAPI GlobalUnlock(HANDLE mem)
{
    return is_pointer(mem) ? TRUE : LocalUnlock(mem);
}

UINT WINAPI GlobalFlags(HANDLE mem)
{
    return mem_flags(mem, GMEM_DISCARDABLE);
}

SIZE_T WINAPI GlobalSize(HANDLE mem)
{
    return LocalSize(mem);
}

HANDLE WINAPI GlobalHandle(LPCVOID ptr)
{
    return LocalHandle(ptr);
}
