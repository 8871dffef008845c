/*
 * LdrpHandleRelocations: an image not at its preferred base gets every absolute address in it moved by
 * the difference (base relocations: DIR64, HIGHLOW, HIGH, LOW, HIGHADJ; ABSOLUTE is padding). Pages are
 * made writable while they are patched and get their protection back afterwards, as Windows does.
 */
#include <stdio.h>
#include <string.h>

#include "ke/trace.h"
#include "mm/mm.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"

#define PAGE_SIZE_LDR 0x1000u

void LdrpRestoreProtection(struct ldrp_writable *w)
{
    for (unsigned i = 0; i < w->count; i++) {
        PVOID base = (PVOID)w->pages[i];
        SIZE_T size = PAGE_SIZE_LDR;
        ULONG old;
        NtProtectVirtualMemory(NtCurrentProcess(), &base, &size, w->old[i], &old);
    }
    w->count = 0;
}

NTSTATUS LdrpMakeWritable(struct ldrp_writable *w, void *address, size_t len)
{
    ULONG_PTR first = (ULONG_PTR)address & ~(ULONG_PTR)(PAGE_SIZE_LDR - 1);
    ULONG_PTR last = ((ULONG_PTR)address + len - 1) & ~(ULONG_PTR)(PAGE_SIZE_LDR - 1);
    for (ULONG_PTR page = first; page <= last; page += PAGE_SIZE_LDR) {
        bool known = false;
        for (unsigned i = 0; i < w->count && !known; i++)
            known = w->pages[i] == page;
        if (known)
            continue;
        if (w->count == ARRAY_SIZE(w->pages))
            LdrpRestoreProtection(w);
        PVOID base = (PVOID)page;
        SIZE_T size = PAGE_SIZE_LDR;
        ULONG old;
        NTSTATUS status = NtProtectVirtualMemory(NtCurrentProcess(), &base, &size, PAGE_READWRITE, &old);
        if (status != STATUS_SUCCESS)
            return status;
        w->pages[w->count] = page;
        w->old[w->count++] = old;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS relocate(LDRP_MODULE *m, LONG_PTR delta, unsigned counts[16])
{
    struct pe_reloc_iter it;
    struct pe_reloc r;
    struct ldrp_writable w = {0};
    BYTE *base = m->Entry.DllBase;
    NTSTATUS status;
    pe_reloc_begin(&it, &m->Image);
    while ((status = pe_reloc_next(&it, &r)) == STATUS_SUCCESS) {
        counts[r.type & 15]++;
        if (r.type == IMAGE_REL_BASED_ABSOLUTE)
            continue;
        unsigned width = pe_reloc_width(r.type);
        if (!width || r.rva > m->Image.size_of_image - width) {
            status = STATUS_INVALID_IMAGE_FORMAT;
            break;
        }
        status = LdrpMakeWritable(&w, base + r.rva, width);
        if (status != STATUS_SUCCESS)
            break;
        pe_reloc_apply(&r, base + r.rva, delta);
    }
    LdrpRestoreProtection(&w);
    return status == STATUS_NO_MORE_ENTRIES ? STATUS_SUCCESS : status;
}

/* The in-memory header records where the image really is, as Windows' loader does. */
static NTSTATUS update_image_base(LDRP_MODULE *m)
{
    BYTE *base = m->Entry.DllBase;
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)(base + m->Image.nt_offset);
    struct ldrp_writable w = {0};
    NTSTATUS status = LdrpMakeWritable(&w, &nt->OptionalHeader.ImageBase, sizeof nt->OptionalHeader.ImageBase);
    if (status == STATUS_SUCCESS)
        nt->OptionalHeader.ImageBase = (ULONG_PTR)base;
    LdrpRestoreProtection(&w);
    return status;
}

NTSTATUS LdrpHandleRelocations(LDRP_MODULE *m)
{
    LONG_PTR delta = (LONG_PTR)((ULONG_PTR)m->Entry.DllBase - m->Image.image_base);
    if (!delta)
        return STATUS_SUCCESS;
    int trace = TRACE_BEGIN("LdrpHandleRelocations");
    unsigned counts[16] = {0};
    NTSTATUS status = relocate(m, delta, counts);
    if (status == STATUS_SUCCESS)
        status = update_image_base(m);
    if (trace >= 0 || (KeTraceKinds & KE_TRACE_LOADER)) {
        char name[96], what[224];
        RtlpBaseNameUtf8(name, sizeof name, &m->Entry.FullDllName);
        snprintf(what, sizeof what, "%s: delta %s0x%llx, %u DIR64 + %u HIGHLOW applied, %u ABSOLUTE%s", name,
                 delta < 0 ? "-" : "+", (unsigned long long)(delta < 0 ? -delta : delta),
                 counts[IMAGE_REL_BASED_DIR64], counts[IMAGE_REL_BASED_HIGHLOW], counts[IMAGE_REL_BASED_ABSOLUTE],
                 status == STATUS_SUCCESS ? "" : " (failed)");
        TRACE_END(trace, "%s", what);
        TRACE_LOADER("relocate %s", what);
    }
    return status;
}
