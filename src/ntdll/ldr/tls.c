/*
 * Implicit TLS (the PE TLS directory, __declspec(thread)): each module with a TLS directory gets an
 * index, written where its directory says; each thread gets a vector (TEB.ThreadLocalStoragePointer)
 * with a fresh copy of every module's template, zero-fill included. DLLs loaded later get an index and
 * blocks in every existing thread, as Windows does since Vista. TLS callbacks are called here too.
 */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

#define MAX_TLS_MODULES 256
#define MAX_TLS_THREADS 4096

static LDRP_MODULE *tls_modules[MAX_TLS_MODULES];
static ULONG tls_count;
/* Threads with a TLS vector, so a DLL loaded later can give each of them its block. */
static PTEB tls_threads[MAX_TLS_THREADS];
static ULONG tls_thread_count;

static NTSTATUS module_tls(LDRP_MODULE *m, struct pe_tls *tls)
{
    return pe_tls_get(&m->Image, (ULONG_PTR)m->Entry.DllBase, tls);
}

static PVOID new_block(LDRP_MODULE *m)
{
    struct pe_tls tls;
    if (module_tls(m, &tls) != STATUS_SUCCESS)
        return NULL;
    SIZE_T raw = tls.raw_end_rva > tls.raw_start_rva ? tls.raw_end_rva - tls.raw_start_rva : 0;
    BYTE *block = RtlAllocateHeap(RtlGetProcessHeap(), 0, raw + tls.zero_fill);
    if (!block)
        return NULL;
    memcpy(block, (BYTE *)m->Entry.DllBase + tls.raw_start_rva, raw);
    memset(block + raw, 0, tls.zero_fill);
    return block;
}

static NTSTATUS assign_index(LDRP_MODULE *m)
{
    struct pe_tls tls;
    if (module_tls(m, &tls) != STATUS_SUCCESS)
        return STATUS_SUCCESS;
    /* The slot of a module unloaded since, or a new one. */
    ULONG index = 0;
    while (index < tls_count && tls_modules[index])
        index++;
    if (index == MAX_TLS_MODULES)
        return STATUS_NO_MEMORY;
    if (index == tls_count)
        tls_count++;
    m->TlsIndex = index;
    m->Entry.TlsIndex = (USHORT)index;
    tls_modules[index] = m;
    if (tls.index_rva) {
        struct ldrp_writable w = {0};
        ULONG *slot = (ULONG *)((BYTE *)m->Entry.DllBase + tls.index_rva);
        NTSTATUS status = LdrpMakeWritable(&w, slot, sizeof *slot);
        if (status == STATUS_SUCCESS)
            *slot = m->TlsIndex;
        LdrpRestoreProtection(&w);
        return status;
    }
    return STATUS_SUCCESS;
}

NTSTATUS LdrpAllocateTlsForThread(PTEB teb)
{
    if (!tls_count)
        return STATUS_SUCCESS;
    PVOID *vector = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, MAX_TLS_MODULES * sizeof(PVOID));
    if (!vector)
        return STATUS_NO_MEMORY;
    for (ULONG i = 0; i < tls_count; i++)
        vector[i] = tls_modules[i] ? new_block(tls_modules[i]) : NULL;
    teb->ThreadLocalStoragePointer = vector;
    if (tls_thread_count < MAX_TLS_THREADS)
        tls_threads[tls_thread_count++] = teb;
    return STATUS_SUCCESS;
}

void LdrpFreeTlsForThread(PTEB teb)
{
    PVOID *vector = teb->ThreadLocalStoragePointer;
    for (ULONG i = 0; i < tls_thread_count; i++) {
        if (tls_threads[i] == teb) {
            tls_threads[i] = tls_threads[--tls_thread_count];
            break;
        }
    }
    if (!vector)
        return;
    teb->ThreadLocalStoragePointer = NULL;
    for (ULONG i = 0; i < tls_count; i++)
        RtlFreeHeap(RtlGetProcessHeap(), 0, vector[i]);
    RtlFreeHeap(RtlGetProcessHeap(), 0, vector);
}

NTSTATUS LdrpInitializeTls(void)
{
    PLIST_ENTRY head = &LdrpData->LdrData.InLoadOrderModuleList;
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        NTSTATUS status = assign_index(CONTAINING_RECORD(e, LDRP_MODULE, Entry.InLoadOrderLinks));
        if (status != STATUS_SUCCESS)
            return status;
    }
    return LdrpAllocateTlsForThread(NtCurrentTeb());
}

NTSTATUS LdrpAddModuleTls(LDRP_MODULE *m)
{
    NTSTATUS status = assign_index(m);
    if (status != STATUS_SUCCESS || m->TlsIndex == LDRP_NO_TLS)
        return status;
    /* Vectors have room for every index; each thread gets its block for the new one. */
    for (ULONG i = 0; i < tls_thread_count; i++) {
        PVOID *vector = tls_threads[i]->ThreadLocalStoragePointer;
        if (vector)
            vector[m->TlsIndex] = new_block(m);
    }
    if (!NtCurrentTeb()->ThreadLocalStoragePointer)
        status = LdrpAllocateTlsForThread(NtCurrentTeb());
    return status;
}

/* A module going away: its slot is free again, and every thread's block for it goes. */
void LdrpRemoveModuleTls(LDRP_MODULE *m)
{
    ULONG index = m->TlsIndex;
    if (index == LDRP_NO_TLS || index >= tls_count || tls_modules[index] != m)
        return;
    tls_modules[index] = NULL;
    for (ULONG i = 0; i < tls_thread_count; i++) {
        PVOID *vector = tls_threads[i]->ThreadLocalStoragePointer;
        if (vector) {
            RtlFreeHeap(RtlGetProcessHeap(), 0, vector[index]);
            vector[index] = NULL;
        }
    }
    m->TlsIndex = LDRP_NO_TLS;
}

void LdrpCallTlsCallbacks(LDRP_MODULE *m, ULONG reason)
{
    struct pe_tls tls;
    if (module_tls(m, &tls) != STATUS_SUCCESS || !tls.callbacks_rva)
        return;
    uint32_t rva;
    for (unsigned i = 0; pe_tls_callback_at(&m->Image, (ULONG_PTR)m->Entry.DllBase, &tls, i, &rva) == STATUS_SUCCESS;
         i++) {
        LDRP_TLS_CALLBACK callback = (LDRP_TLS_CALLBACK)((BYTE *)m->Entry.DllBase + rva);
        callback(m->Entry.DllBase, reason, NULL);
    }
}
