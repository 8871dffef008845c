/*
 * Fiber-local storage. Windows 10 has FLS_MAXIMUM_AVAILABLE (4080) slots; index 0 is never handed out.
 * The process keeps one callback per slot; each thread that uses FLS gets a block (TEB->FlsData) with
 * its values in chunks of FLS_CHUNK slots allocated on first use, linked into a process-wide list so
 * that FlsFree can run the callback on every thread's value. A thread's callbacks run at its exit, in
 * LdrShutdownThread (RtlProcessFlsData). Fibers share their thread's block here (no per-fiber switch).
 */
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/sync.h"
#include "ps/ps.h"

#define FLS_MAXIMUM_AVAILABLE 4080
#define FLS_CHUNK 128
#define FLS_CHUNKS ((FLS_MAXIMUM_AVAILABLE + FLS_CHUNK - 1) / FLS_CHUNK)

/* A slot allocated without a callback. */
#define FLS_NO_CALLBACK ((PFLS_CALLBACK_FUNCTION)(ULONG_PTR)1)

struct fls_block {
    LIST_ENTRY link;
    PVOID *chunks[FLS_CHUNKS];
};

static RTL_CRITICAL_SECTION fls_lock;   /* all-zero is a free critical section; recursive for callbacks */
static LIST_ENTRY fls_blocks = {&fls_blocks, &fls_blocks};
static PFLS_CALLBACK_FUNCTION fls_callbacks[FLS_MAXIMUM_AVAILABLE];

/* Get and Set take any index in range, allocated or not (as Windows 10 does); Free only an allocated one. */
static bool in_range(ULONG index)
{
    return index && index < FLS_MAXIMUM_AVAILABLE;
}

static bool allocated(ULONG index)
{
    return in_range(index) && __atomic_load_n(&fls_callbacks[index], __ATOMIC_ACQUIRE);
}

static struct fls_block *current_block(bool create)
{
    PTEB teb = NtCurrentTeb();
    struct fls_block *b = teb->FlsData;
    if (b || !create)
        return b;
    b = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *b);
    if (!b)
        return NULL;
    RtlEnterCriticalSection(&fls_lock);
    InsertTailList(&fls_blocks, &b->link);
    RtlLeaveCriticalSection(&fls_lock);
    teb->FlsData = b;
    return b;
}

static PVOID *cell(struct fls_block *b, ULONG index, bool create)
{
    PVOID *chunk = b->chunks[index / FLS_CHUNK];
    if (!chunk && create) {
        chunk = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, FLS_CHUNK * sizeof(PVOID));
        b->chunks[index / FLS_CHUNK] = chunk;
    }
    return chunk ? &chunk[index % FLS_CHUNK] : NULL;
}

NTSTATUS WINAPI RtlFlsAlloc(PFLS_CALLBACK_FUNCTION callback, ULONG *index)
{
    *index = 0;
    if (!current_block(true))
        return STATUS_NO_MEMORY;
    RtlEnterCriticalSection(&fls_lock);
    ULONG i = 1;
    while (i < FLS_MAXIMUM_AVAILABLE && fls_callbacks[i])
        i++;
    if (i < FLS_MAXIMUM_AVAILABLE)
        __atomic_store_n(&fls_callbacks[i], callback ? callback : FLS_NO_CALLBACK, __ATOMIC_RELEASE);
    RtlLeaveCriticalSection(&fls_lock);
    if (i == FLS_MAXIMUM_AVAILABLE)
        return STATUS_NO_MEMORY;
    *index = i;
    return STATUS_SUCCESS;
}

/* Runs the slot's callback on every thread's non-NULL value (in the caller's thread, as Windows does),
 * clears the values, and frees the slot. */
NTSTATUS WINAPI RtlFlsFree(ULONG index)
{
    RtlEnterCriticalSection(&fls_lock);
    if (!allocated(index)) {
        RtlLeaveCriticalSection(&fls_lock);
        return STATUS_INVALID_PARAMETER;
    }
    PFLS_CALLBACK_FUNCTION callback = fls_callbacks[index];
    for (PLIST_ENTRY e = fls_blocks.Flink; e != &fls_blocks; e = e->Flink) {
        PVOID *c = cell(CONTAINING_RECORD(e, struct fls_block, link), index, false);
        if (!c || !*c)
            continue;
        PVOID value = *c;
        *c = NULL;
        if (callback != FLS_NO_CALLBACK)
            callback(value);
    }
    __atomic_store_n(&fls_callbacks[index], NULL, __ATOMIC_RELEASE);
    RtlLeaveCriticalSection(&fls_lock);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlFlsGetValue(ULONG index, PVOID *value)
{
    *value = NULL;
    if (!in_range(index))
        return STATUS_INVALID_PARAMETER;
    struct fls_block *b = current_block(false);
    PVOID *c = b ? cell(b, index, false) : NULL;
    *value = c ? *c : NULL;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlFlsSetValue(ULONG index, PVOID value)
{
    if (!in_range(index))
        return STATUS_INVALID_PARAMETER;
    struct fls_block *b = current_block(true);
    PVOID *c = b ? cell(b, index, true) : NULL;
    if (!c)
        return STATUS_NO_MEMORY;
    *c = value;
    return STATUS_SUCCESS;
}

void WINAPI RtlProcessFlsData(PVOID fls_data, ULONG flags)
{
    struct fls_block *b = fls_data;
    if (!b)
        return;
    if (flags & 1) {
        RtlEnterCriticalSection(&fls_lock);
        for (ULONG i = 1; i < FLS_MAXIMUM_AVAILABLE; i++) {
            PVOID *c = cell(b, i, false);
            if (!c) {
                i += FLS_CHUNK - 1 - i % FLS_CHUNK;   /* a whole chunk never used */
                continue;
            }
            PFLS_CALLBACK_FUNCTION callback = fls_callbacks[i];
            if (!*c || !callback || callback == FLS_NO_CALLBACK)
                continue;
            PVOID value = *c;
            *c = NULL;
            callback(value);
        }
        RtlLeaveCriticalSection(&fls_lock);
    }
    if (flags & 2) {
        RtlEnterCriticalSection(&fls_lock);
        RemoveEntryList(&b->link);
        RtlLeaveCriticalSection(&fls_lock);
        for (ULONG k = 0; k < FLS_CHUNKS; k++)
            RtlFreeHeap(RtlGetProcessHeap(), 0, b->chunks[k]);
        if (NtCurrentTeb()->FlsData == b)
            NtCurrentTeb()->FlsData = NULL;
        RtlFreeHeap(RtlGetProcessHeap(), 0, b);
    }
}
