/*
 * Heaps (RtlCreateHeap/RtlAllocateHeap...). Blocks come from the host allocator with a 32-byte header
 * that keeps the requested size (HeapSize and _msize answer it exactly, as Windows does) and links the
 * block into its heap, so HeapDestroy releases everything and HeapWalk can enumerate. Payloads are
 * 16-byte aligned, like Windows x64 heap blocks.
 *
 * A heap created with a maximum size (HeapCreate's dwMaximumSize, RtlCreateHeap's reserve) does not grow:
 * it counts what its blocks would take in a Windows heap of that size (a 16-byte HEAP_ENTRY per block,
 * sizes in 16-byte units, the first page for the heap's own header) and refuses what would not fit, and
 * blocks above the limit where Windows would go to VirtualAlloc, which only growable heaps do.
 *
 * A failed allocation raises STATUS_NO_MEMORY instead of returning NULL when the heap or the call asks for
 * HEAP_GENERATE_EXCEPTIONS. It must be raised in the guest caller's context, so the exported
 * RtlAllocateHeap and RtlReAllocateHeap are assembly entries (heap_amd64.S) around RtlpAllocateHeap and
 * RtlpReAllocateHeap that raise after the call failed, with the caller's registers intact.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

#define HEAP_SIGNATURE 0x70616548u /* "Heap" */
#define BLOCK_SIGNATURE 0x6b6c4221u

#define HEAP_GROWABLE 0x00000002
#define HEAP_HEADER_COST 0x1000            /* what a fixed-size heap gives its own header */
/* The largest block a fixed-size heap has, header included: the heap's VirtualMemoryThreshold, above which
 * only growable heaps take blocks (from VirtualAlloc). RTL_HEAP_PARAMETERS documents its maximum as 0x7F000
 * (508 KiB, 32-bit), HeapCreate "slightly less than 1,024 KB for a 64-bit process": 0x7F000 in 8-byte
 * units counted in the x64 heap's 16-byte ones. (Wine 8.0's largest such block is 0xFEFD8 bytes.) */
#define HEAP_MAX_FIXED_BLOCK 0xFE000

/* What a block really holds: its size rounded up to the x64 heap's 16-byte unit, as a Windows block does.
 * Programs that read a little past a string's end inside that unit (Wine's xcopy does) read memory that is
 * there, as on Windows; the sanitizer build, whose host allocator is exact, would stop them. */
static SIZE_T payload_bytes(SIZE_T size)
{
    return size ? (size + 15) & ~(SIZE_T)15 : 16;
}

struct heap {
    ULONG Signature;
    ULONG Flags;
    host_lock Lock;
    LIST_ENTRY Blocks;
    LIST_ENTRY HeapLinks;
    SIZE_T Limit;      /* fixed-size heaps: the reserve; 0 for growable heaps */
    SIZE_T Used;       /* fixed-size heaps: what the blocks take, HEAP_HEADER_COST included */
};

struct heap_block {
    LIST_ENTRY Links;
    SIZE_T Size;
    struct heap *Heap;
};
static_assert(sizeof(struct heap_block) == 32, "heap block header keeps payloads 16-byte aligned");

static host_lock heaps_lock = HOST_LOCK_INIT;
static LIST_ENTRY heaps = {&heaps, &heaps};
static struct heap *default_heap;

/* What a block of size bytes takes in a Windows heap: its HEAP_ENTRY and the size in 16-byte units. */
static SIZE_T block_cost(SIZE_T size)
{
    return ((size + 15) & ~(SIZE_T)15) + 16;
}

/* A reserve of 0 (HeapCreate's maximum 0) or HEAP_GROWABLE makes a growable heap; otherwise the heap is
 * fixed at the reserve (at least the commit), in whole pages. */
PVOID WINAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID params)
{
    (void)base;
    (void)lock;
    (void)params;
    struct heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->Signature = HEAP_SIGNATURE;
    if (!reserve)
        flags |= HEAP_GROWABLE;
    h->Flags = flags;
    if (!(flags & HEAP_GROWABLE)) {
        SIZE_T page = host_page_size(), limit = reserve > commit ? reserve : commit;
        h->Limit = limit > (SIZE_T)-1 - page ? (SIZE_T)-1 & ~(page - 1) : (limit + page - 1) & ~(page - 1);
        h->Used = HEAP_HEADER_COST;
    }
    InitializeListHead(&h->Blocks);
    host_lock_acquire(&heaps_lock);
    InsertTailList(&heaps, &h->HeapLinks);
    host_lock_release(&heaps_lock);
    return h;
}

PVOID RtlGetProcessHeap(void)
{
    PETHREAD thread = PsGetCurrentThread();
    PPEB peb = thread ? thread->Process->Peb : NULL;
    if (peb && peb->ProcessHeap)
        return peb->ProcessHeap;
    /* The ntexec shell's thread has no PEB; it shares one heap. */
    if (!__atomic_load_n(&default_heap, __ATOMIC_ACQUIRE)) {
        struct heap *h = RtlCreateHeap(0, NULL, 0, 0, NULL, NULL);
        struct heap *expected = NULL;
        if (!__atomic_compare_exchange_n(&default_heap, &expected, h, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            RtlDestroyHeap(h);
    }
    return default_heap;
}

/* The pure Rtl's allocating functions (src/rtl/memory.c) take the process heap, as ntdll's do on Windows;
 * registered before main, so that no string changes allocator during its life. */
PVOID WINAPI RtlpAllocateHeap(PVOID handle, ULONG flags, SIZE_T size);

static PVOID rtl_allocate(SIZE_T size, BOOLEAN zero)
{
    return RtlpAllocateHeap(RtlGetProcessHeap(), zero ? HEAP_ZERO_MEMORY : 0, size);
}

static void rtl_free(PVOID ptr)
{
    RtlFreeHeap(RtlGetProcessHeap(), 0, ptr);
}

__attribute__((constructor)) static void register_rtl_memory(void)
{
    RtlpSetMemoryRoutines(rtl_allocate, rtl_free);
}

static struct heap *heap_of(PVOID handle)
{
    struct heap *h = handle;
    return h && h->Signature == HEAP_SIGNATURE ? h : NULL;
}

static struct heap_block *block_of(const void *ptr)
{
    return (struct heap_block *)ptr - 1;
}

PVOID WINAPI RtlDestroyHeap(PVOID handle)
{
    struct heap *h = heap_of(handle);
    if (!h)
        return handle;
    host_lock_acquire(&heaps_lock);
    RemoveEntryList(&h->HeapLinks);
    host_lock_release(&heaps_lock);
    while (!IsListEmpty(&h->Blocks)) {
        struct heap_block *b = CONTAINING_RECORD(h->Blocks.Flink, struct heap_block, Links);
        RemoveEntryList(&b->Links);
        free(b);
    }
    h->Signature = 0;
    free(h);
    return NULL;
}

/* Fixed-size heaps: takes room for a block growing from old_cost to new_cost bytes; h->Lock held. */
static bool charge_locked(struct heap *h, SIZE_T old_cost, SIZE_T new_cost)
{
    if (!h->Limit || new_cost <= old_cost) {
        if (h->Limit)
            h->Used -= old_cost - new_cost;
        return true;
    }
    if (new_cost > HEAP_MAX_FIXED_BLOCK || new_cost - old_cost > h->Limit - h->Used)
        return false;
    h->Used += new_cost - old_cost;
    return true;
}

/* Does a failed call on handle with flags raise STATUS_NO_MEMORY? (heap_amd64.S asks after a failure.) */
BOOLEAN WINAPI RtlpHeapRaisesOnFailure(PVOID handle, ULONG flags)
{
    struct heap *h = heap_of(handle);
    return ((flags | (h ? h->Flags : 0)) & HEAP_GENERATE_EXCEPTIONS) != 0;
}

/* Called by heap_amd64.S in the context of the guest's call that failed: raises STATUS_NO_MEMORY with the
 * size asked for as its one parameter, as Windows' heap does. Continuing the exception returns NULL. */
void WINAPI RtlpRaiseHeapFailure(SIZE_T size, PCONTEXT ctx)
{
    EXCEPTION_RECORD rec = {.ExceptionCode = (DWORD)STATUS_NO_MEMORY, .ExceptionAddress = (PVOID)ctx->Rip,
                            .NumberParameters = 1, .ExceptionInformation = {size}};
    ctx->Rax = 0;
    RtlpDispatchRaisedException(&rec, ctx);
}

PVOID WINAPI RtlpAllocateHeap(PVOID handle, ULONG flags, SIZE_T size)
{
    struct heap *h = heap_of(handle);
    if (!h || size > (SIZE_T)0x7FFFFFFFFFFF0000ull)
        return NULL;
    host_lock_acquire(&h->Lock);
    bool room = charge_locked(h, 0, block_cost(size));
    host_lock_release(&h->Lock);
    if (!room)
        return NULL;
    struct heap_block *b = (flags | h->Flags) & HEAP_ZERO_MEMORY ? calloc(1, sizeof *b + payload_bytes(size))
                                                                  : malloc(sizeof *b + payload_bytes(size));
    host_lock_acquire(&h->Lock);
    if (b)
        InsertTailList(&h->Blocks, &b->Links);
    else
        charge_locked(h, block_cost(size), 0);
    host_lock_release(&h->Lock);
    if (!b)
        return NULL;
    b->Size = size;
    b->Heap = h;
    return b + 1;
}

BOOLEAN WINAPI RtlFreeHeap(PVOID handle, ULONG flags, PVOID ptr)
{
    (void)flags;
    if (!ptr)
        return TRUE;
    struct heap_block *b = block_of(ptr);
    struct heap *h = heap_of(b->Heap);
    if (!h || !heap_of(handle))
        return FALSE;
    host_lock_acquire(&h->Lock);
    RemoveEntryList(&b->Links);
    charge_locked(h, block_cost(b->Size), 0);
    host_lock_release(&h->Lock);
    b->Heap = NULL;
    free(b);
    return TRUE;
}

PVOID WINAPI RtlpReAllocateHeap(PVOID handle, ULONG flags, PVOID ptr, SIZE_T size)
{
    if (!ptr)
        return NULL;  /* Windows: HeapReAlloc(NULL) fails */
    struct heap_block *b = block_of(ptr);
    struct heap *h = heap_of(b->Heap);
    if (!h || !heap_of(handle) || size > (SIZE_T)0x7FFFFFFFFFFF0000ull)
        return NULL;
    SIZE_T old = b->Size;
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        if (size > old)
            return NULL;
        host_lock_acquire(&h->Lock);
        charge_locked(h, block_cost(old), block_cost(size));
        b->Size = size;
        host_lock_release(&h->Lock);
        return ptr;
    }
    host_lock_acquire(&h->Lock);
    if (!charge_locked(h, block_cost(old), block_cost(size))) {
        host_lock_release(&h->Lock);
        return NULL;
    }
    RemoveEntryList(&b->Links);
    struct heap_block *nb = realloc(b, sizeof *b + payload_bytes(size));
    if (!nb) {
        charge_locked(h, block_cost(size), block_cost(old));
        InsertTailList(&h->Blocks, &b->Links);
        host_lock_release(&h->Lock);
        return NULL;
    }
    nb->Size = size;
    InsertTailList(&h->Blocks, &nb->Links);
    host_lock_release(&h->Lock);
    if (size > old && ((flags | h->Flags) & HEAP_ZERO_MEMORY))
        memset((char *)(nb + 1) + old, 0, size - old);
    return nb + 1;
}

SIZE_T WINAPI RtlSizeHeap(PVOID handle, ULONG flags, const void *ptr)
{
    (void)flags;
    if (!ptr || !heap_of(handle) || !heap_of(block_of(ptr)->Heap))
        return (SIZE_T)-1;
    return block_of(ptr)->Size;
}

BOOLEAN WINAPI RtlValidateHeap(PVOID handle, ULONG flags, const void *ptr)
{
    (void)flags;
    if (!heap_of(handle))
        return FALSE;
    return !ptr || heap_of(block_of(ptr)->Heap) != NULL;
}

ULONG WINAPI RtlGetProcessHeaps(ULONG count, PVOID *out)
{
    ULONG n = 0;
    host_lock_acquire(&heaps_lock);
    for (PLIST_ENTRY e = heaps.Flink; e != &heaps; e = e->Flink, n++)
        if (n < count)
            out[n] = CONTAINING_RECORD(e, struct heap, HeapLinks);
    host_lock_release(&heaps_lock);
    return n;
}
