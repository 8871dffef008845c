/*
 * Heaps (RtlCreateHeap/RtlAllocateHeap...). Blocks come from the host allocator with a 32-byte header
 * that keeps the requested size (HeapSize and _msize answer it exactly, as Windows does) and links the
 * block into its heap, so HeapDestroy releases everything and HeapWalk can enumerate. Payloads are
 * 16-byte aligned, like Windows x64 heap blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

#define HEAP_SIGNATURE 0x70616548u /* "Heap" */
#define BLOCK_SIGNATURE 0x6b6c4221u

struct heap {
    ULONG Signature;
    ULONG Flags;
    host_lock Lock;
    LIST_ENTRY Blocks;
    LIST_ENTRY HeapLinks;
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

PVOID WINAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID params)
{
    (void)base;
    (void)reserve;
    (void)commit;
    (void)lock;
    (void)params;
    struct heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->Signature = HEAP_SIGNATURE;
    h->Flags = flags;
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

PVOID WINAPI RtlAllocateHeap(PVOID handle, ULONG flags, SIZE_T size)
{
    struct heap *h = heap_of(handle);
    if (!h || size > (SIZE_T)0x7FFFFFFFFFFF0000ull)
        return NULL;
    struct heap_block *b = (flags | h->Flags) & HEAP_ZERO_MEMORY ? calloc(1, sizeof *b + size)
                                                                  : malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->Size = size;
    b->Heap = h;
    host_lock_acquire(&h->Lock);
    InsertTailList(&h->Blocks, &b->Links);
    host_lock_release(&h->Lock);
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
    host_lock_release(&h->Lock);
    b->Heap = NULL;
    free(b);
    return TRUE;
}

PVOID WINAPI RtlReAllocateHeap(PVOID handle, ULONG flags, PVOID ptr, SIZE_T size)
{
    if (!ptr)
        return NULL;  /* Windows: HeapReAlloc(NULL) fails */
    struct heap_block *b = block_of(ptr);
    struct heap *h = heap_of(b->Heap);
    if (!h || !heap_of(handle))
        return NULL;
    SIZE_T old = b->Size;
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        if (size > old)
            return NULL;
        b->Size = size;
        return ptr;
    }
    host_lock_acquire(&h->Lock);
    RemoveEntryList(&b->Links);
    struct heap_block *nb = realloc(b, sizeof *b + size);
    if (!nb) {
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
