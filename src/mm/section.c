/* Image sections (SEC_IMAGE) and their views. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "io/io.h"
#include "ke/probe.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "rtl/rtl.h"

struct mm_region *MiFindRegionLocked(struct mm_address_space *as, ULONG_PTR address);
struct mm_region *MiNewRegion(ULONG_PTR base, SIZE_T size, ULONG type, ULONG protect);
void MiInsertRegionLocked(struct mm_address_space *as, struct mm_region *region);
void MiSetPagesLocked(struct mm_region *r, ULONG_PTR start, ULONG_PTR end, ULONG value);
unsigned MiHostProtection(ULONG protect);
NTSTATUS MiReferenceProcess(HANDLE handle, PEPROCESS *process);

static void section_delete(void *object)
{
    PSECTION s = object;
    free(s->FileName.Buffer);
    if (s->File)
        ObDereferenceObject(s->File);
}

static const OBJECT_TYPE section_type = {"Section", section_delete, NULL};
const OBJECT_TYPE *MmSectionObjectType = &section_type;

NTSTATUS MmCreateImageSection(PFILE_OBJECT file, PSECTION *section)
{
    *section = NULL;
    const void *data;
    size_t size;
    NTSTATUS status = IoGetFileImageData(file, &data, &size);
    if (status != STATUS_SUCCESS)
        return status;
    struct pe_image img;
    status = pe_parse(&img, data, size, PE_LAYOUT_FILE);
    if (status == STATUS_SUCCESS)
        status = pe_check_runnable(&img);
    if (status != STATUS_SUCCESS)
        return status;
    PSECTION s;
    status = ObCreateObject(MmSectionObjectType, sizeof *s, (void **)&s);
    if (status != STATUS_SUCCESS)
        return status;
    s->Image = img;
    s->Data = data;
    s->DataSize = size;
    s->AllocationAttributes = SEC_IMAGE;
    ObReferenceObject(file);
    s->File = file;
    if (ObCaptureUnicodeString(&s->FileName, file->FileName.Buffer, file->FileName.Length) != STATUS_SUCCESS) {
        ObDereferenceObject(s);
        return STATUS_NO_MEMORY;
    }
    *section = s;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCreateSection(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                PLARGE_INTEGER maximum_size, ULONG protect, ULONG allocation_attributes, HANDLE file)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    if (maximum_size)
        PROBE_FOR_READ(maximum_size, sizeof *maximum_size);
    (void)maximum_size;
    (void)protect;
    if (!handle)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    if (!(allocation_attributes & SEC_IMAGE))
        return STATUS_NOT_SUPPORTED;   /* file mappings of data: not yet */
    PFILE_OBJECT fo;
    NTSTATUS status = ObReferenceObjectByHandle(file, IoFileObjectType, (void **)&fo);
    if (status != STATUS_SUCCESS)
        return status;
    PSECTION section;
    status = MmCreateImageSection(fo, &section);
    ObDereferenceObject(fo);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG handle_attributes = attributes ? attributes->Attributes : 0;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, section, access, handle_attributes, handle);
    ObDereferenceObject(section);
    return status;
}

/* The protection Windows gives an image section's pages (writable sections are copy-on-write). */
static ULONG section_protection(uint32_t characteristics)
{
    bool r = characteristics & IMAGE_SCN_MEM_READ, w = characteristics & IMAGE_SCN_MEM_WRITE,
         x = characteristics & IMAGE_SCN_MEM_EXECUTE;
    if (x)
        return w ? PAGE_EXECUTE_WRITECOPY : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    if (w)
        return PAGE_WRITECOPY;
    return r ? PAGE_READONLY : PAGE_NOACCESS;
}

/* An image can move unless its relocations were stripped; one without a relocation directory simply has
 * nothing to fix (a program without absolute addresses), as the Windows loader treats it. */
static bool has_relocations(const struct pe_image *img)
{
    return !(img->characteristics & IMAGE_FILE_RELOCS_STRIPPED);
}

/* Chooses where the view goes and reserves it: the wanted address, an ASLR address for DYNAMIC_BASE
 * images (below 4 GiB unless HIGH_ENTROPY_VA, as Windows does), else the preferred base, or any address
 * when that is taken and the image can be relocated. */
static NTSTATUS reserve_view(const struct pe_image *img, SIZE_T size, void **base)
{
    unsigned rw = HOST_PROT_READ | HOST_PROT_WRITE;
    if (*base)
        return host_map(base, size, MM_ALLOCATION_GRANULARITY, rw, HOST_MAP_FIXED);
    bool relocatable = has_relocations(img);
    if ((img->dll_characteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) && relocatable) {
        bool low = !(img->dll_characteristics & IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA);
        return host_map(base, size, MM_ALLOCATION_GRANULARITY, rw, low ? HOST_MAP_LOW4G : 0);
    }
    *base = (void *)(ULONG_PTR)img->image_base;
    NTSTATUS status = STATUS_CONFLICTING_ADDRESSES;
    if (img->image_base % MM_ALLOCATION_GRANULARITY == 0 && img->image_base < 0x7FFFFFFF0000ull)
        status = host_map(base, size, MM_ALLOCATION_GRANULARITY, rw, HOST_MAP_FIXED);
    if (status == STATUS_CONFLICTING_ADDRESSES && relocatable) {
        *base = NULL;
        status = host_map(base, size, MM_ALLOCATION_GRANULARITY, rw, 0);
    }
    return status;
}

/* Copies headers and section contents from the file into the view (the view is zero-filled). */
static void copy_image(const SECTION *s, uint8_t *view)
{
    const struct pe_image *img = &s->Image;
    memcpy(view, s->Data, img->size_of_headers < s->DataSize ? img->size_of_headers : s->DataSize);
    for (unsigned i = 0; i < img->nsections; i++) {
        struct pe_section sec;
        if (pe_section_at(img, i, &sec) != STATUS_SUCCESS)
            continue;
        uint32_t n = sec.raw_size < sec.virtual_size ? sec.raw_size : sec.virtual_size;
        if (n && sec.raw_offset < s->DataSize)
            memcpy(view + sec.rva, (const uint8_t *)s->Data + sec.raw_offset,
                   n < s->DataSize - sec.raw_offset ? n : s->DataSize - sec.raw_offset);
    }
}

/* Page protections: headers read-only, each section its own, and the region recorded as MEM_IMAGE. */
static NTSTATUS protect_image(const SECTION *s, ULONG_PTR base, SIZE_T size, struct mm_region *region)
{
    const struct pe_image *img = &s->Image;
    size_t page = host_page_size();
    MiSetPagesLocked(region, base, base + size, PAGE_READONLY | MM_PAGE_COMMITTED);
    for (unsigned i = 0; i < img->nsections; i++) {
        struct pe_section sec;
        if (pe_section_at(img, i, &sec) != STATUS_SUCCESS)
            continue;
        ULONG_PTR start = base + (sec.rva & ~(page - 1));
        ULONG_PTR end = base + ((sec.rva + (ULONG_PTR)sec.virtual_size + page - 1) & ~(page - 1));
        if (end > base + size)
            end = base + size;
        if (end > start)
            MiSetPagesLocked(region, start, end, section_protection(sec.characteristics) | MM_PAGE_COMMITTED);
    }
    /* Apply runs of equal protection with one mprotect each. */
    for (ULONG_PTR a = base; a < base + size;) {
        ULONG v = region->Pages[(a - base) / page];
        ULONG_PTR b = a;
        while (b < base + size && region->Pages[(b - base) / page] == v)
            b += page;
        NTSTATUS status = host_protect((void *)a, b - a, MiHostProtection(v & ~MM_PAGE_COMMITTED));
        if (status != STATUS_SUCCESS)
            return status;
        a = b;
    }
    return STATUS_SUCCESS;
}

NTSTATUS MiMapImageView(PEPROCESS process, PSECTION section, PVOID *base, SIZE_T *size)
{
    const struct pe_image *img = &section->Image;
    struct mm_address_space *as = process->AddressSpace;
    SIZE_T view_size = ((SIZE_T)img->size_of_image + host_page_size() - 1) & ~(host_page_size() - 1);
    void *addr = *base;
    NTSTATUS status = reserve_view(img, view_size, &addr);
    if (status != STATUS_SUCCESS)
        return status;
    struct mm_region *region = MiNewRegion((ULONG_PTR)addr, view_size, MEM_IMAGE, PAGE_EXECUTE_WRITECOPY);
    if (!region) {
        host_unmap(addr, view_size);
        return STATUS_NO_MEMORY;
    }
    copy_image(section, addr);
    status = protect_image(section, (ULONG_PTR)addr, view_size, region);
    if (status != STATUS_SUCCESS) {
        free(region);
        host_unmap(addr, view_size);
        return status;
    }
    ObReferenceObject(section);
    region->Section = section;
    host_lock_acquire(&as->Lock);
    MiInsertRegionLocked(as, region);
    host_lock_release(&as->Lock);
    *base = addr;
    *size = view_size;
    return (ULONG_PTR)addr == img->image_base ? STATUS_SUCCESS : STATUS_IMAGE_NOT_AT_BASE;
}

NTSTATUS MmMapViewOfImageSection(PEPROCESS process, PSECTION section, PVOID *base, SIZE_T *size)
{
    int trace = TRACE_BEGIN("NtMapViewOfSection");
    NTSTATUS status = MiMapImageView(process, section, base, size);
    if (trace >= 0) {
        char name[96], where[64];
        RtlpBaseNameUtf8(name, sizeof name, &section->FileName);
        ULONG_PTR got = (ULONG_PTR)*base, want = section->Image.image_base;
        if (status == STATUS_IMAGE_NOT_AT_BASE)
            snprintf(where, sizeof where, "ASLR delta %s0x%llx", got >= want ? "+" : "-",
                     (unsigned long long)(got >= want ? got - want : want - got));
        else if (status == STATUS_SUCCESS)
            snprintf(where, sizeof where, "its preferred base");
        else
            snprintf(where, sizeof where, "failed: 0x%08x", (unsigned)status);
        TRACE_END(trace, "%s at %p (%zu KiB), %s", name, *base, (size_t)(*size / 1024), where);
    }
    return status;
}

NTSTATUS WINAPI NtMapViewOfSection(HANDLE section_handle, HANDLE process_handle, PVOID *base, ULONG_PTR zero_bits,
                                   SIZE_T commit, PLARGE_INTEGER offset, PSIZE_T view_size, ULONG inherit,
                                   ULONG allocation_type, ULONG protect)
{
    PROBE_FOR_WRITE(base, sizeof *base);
    PROBE_FOR_WRITE(view_size, sizeof *view_size);
    if (offset)
        PROBE_FOR_READ(offset, sizeof *offset);
    (void)zero_bits;
    (void)commit;
    (void)offset;
    (void)inherit;
    (void)allocation_type;
    (void)protect;
    if (!base || !view_size)
        return STATUS_INVALID_PARAMETER;
    PSECTION section;
    NTSTATUS status = ObReferenceObjectByHandle(section_handle, MmSectionObjectType, (void **)&section);
    if (status != STATUS_SUCCESS)
        return status;
    PEPROCESS process;
    status = MiReferenceProcess(process_handle, &process);
    if (status == STATUS_SUCCESS) {
        status = MmMapViewOfImageSection(process, section, base, view_size);
        ObDereferenceObject(process);
    }
    ObDereferenceObject(section);
    return status;
}

NTSTATUS WINAPI NtUnmapViewOfSection(HANDLE process_handle, PVOID base)
{
    PEPROCESS process;
    NTSTATUS status = MiReferenceProcess(process_handle, &process);
    if (status != STATUS_SUCCESS)
        return status;
    struct mm_address_space *as = process->AddressSpace;
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, (ULONG_PTR)base);
    PSECTION section = NULL;
    if (!r || r->Type != MEM_IMAGE) {
        status = STATUS_NOT_MAPPED_VIEW;
    } else {
        RemoveEntryList(&r->Links);
        host_unmap((void *)r->Base, r->Size);
        section = r->Section;
        free(r);
    }
    host_lock_release(&as->Lock);
    if (section)
        ObDereferenceObject(section);
    ObDereferenceObject(process);
    return status;
}

NTSTATUS WINAPI NtQuerySection(HANDLE section_handle, ULONG info_class, PVOID info, SIZE_T length,
                               PSIZE_T return_length)
{
    PROBE_FOR_WRITE(info, length);
    if (return_length)
        PROBE_FOR_WRITE(return_length, sizeof *return_length);
    if (info_class != 1)  /* SectionImageInformation */
        return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(SECTION_IMAGE_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    PSECTION s;
    NTSTATUS status = ObReferenceObjectByHandle(section_handle, MmSectionObjectType, (void **)&s);
    if (status != STATUS_SUCCESS)
        return status;
    const struct pe_image *img = &s->Image;
    SECTION_IMAGE_INFORMATION *sii = info;
    memset(sii, 0, sizeof *sii);
    sii->TransferAddress = img->entry_rva ? (PVOID)(ULONG_PTR)(img->image_base + img->entry_rva) : NULL;
    sii->MaximumStackSize = img->stack_reserve;
    sii->CommittedStackSize = img->stack_commit;
    sii->SubSystemType = img->subsystem;
    sii->SubSystemMajorVersion = img->subsystem_major;
    sii->SubSystemMinorVersion = img->subsystem_minor;
    sii->ImageCharacteristics = img->characteristics;
    sii->DllCharacteristics = img->dll_characteristics;
    sii->Machine = img->machine;
    sii->ImageContainsCode = TRUE;
    sii->LoaderFlags = img->loader_flags;
    sii->ImageFileSize = (ULONG)s->DataSize;
    sii->CheckSum = img->checksum;
    if (return_length)
        *return_length = sizeof *sii;
    ObDereferenceObject(s);
    return STATUS_SUCCESS;
}

PSECTION MmGetImageSectionAt(ULONG_PTR address, ULONG_PTR *view_base)
{
    struct mm_address_space *as = PsGetCurrentProcess()->AddressSpace;
    if (!as)
        return NULL;
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, address);
    PSECTION s = r && r->Type == MEM_IMAGE ? r->Section : NULL;
    if (s) {
        ObReferenceObject(s);
        *view_base = r->Base;
    }
    host_lock_release(&as->Lock);
    return s;
}
