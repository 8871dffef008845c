/*
 * Sections and their views: image sections (SEC_IMAGE), which the loader maps, and data sections (file
 * mappings: CreateFileMapping/MapViewOfFile), whose views are host mappings of one file, so that every
 * shared view of a section, and the file itself, see the same bytes. A section backed by the paging file
 * is a memory file (memfd). Sections are objects of one process: named ones are found by name in it, and
 * their handles do not cross to child processes (docs/DESIGN.md, "Child processes").
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "io/io.h"
#include "ke/probe.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "nt/file.h"
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
    if (s->Fd >= 0)
        host_close(s->Fd);
}

static const OBJECT_TYPE section_type = {"Section", section_delete, NULL};
/* Guards an image section's Fd and LayoutBase, set by its first view. */
static host_lock MiSectionLock = HOST_LOCK_INIT;
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
    s->Fd = -1;
    ObReferenceObject(file);
    s->File = file;
    if (ObCaptureUnicodeString(&s->FileName, file->FileName.Buffer, file->FileName.Length) != STATUS_SUCCESS) {
        ObDereferenceObject(s);
        return STATUS_NO_MEMORY;
    }
    *section = s;
    return STATUS_SUCCESS;
}

/* The page protections a data section may have, and what its views may ask of it. */
static bool writable_protection(ULONG protect)
{
    protect &= 0xFF;
    return protect == PAGE_READWRITE || protect == PAGE_EXECUTE_READWRITE;
}

static bool valid_section_protection(ULONG protect)
{
    switch (protect) {
    case PAGE_READONLY: case PAGE_READWRITE: case PAGE_WRITECOPY:
    case PAGE_EXECUTE_READ: case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY:
        return true;
    default:
        return false;
    }
}

/* A data section over file (NULL: the paging file) of maximum_size bytes (0: the file's size). A file
 * shorter than the section grows to its size when the section is writable, as NTFS extends it. */
static NTSTATUS create_data_section(PFILE_OBJECT file, uint64_t maximum_size, ULONG protect, ULONG attributes,
                                    PSECTION *section)
{
    *section = NULL;
    if (!valid_section_protection(protect))
        return STATUS_INVALID_PAGE_PROTECTION;
    int fd = -1;
    NTSTATUS status;
    if (!file) {
        if (!maximum_size)
            return STATUS_INVALID_PARAMETER_4;
        status = host_memfd("ntexec-section", maximum_size, &fd);
    } else {
        if (file->Fd < 0 || file->HostType != HOST_FT_FILE)
            return STATUS_INVALID_FILE_FOR_SECTION;
        if (!(file->Access & FILE_READ_DATA) ||
            (writable_protection(protect) && !(file->Access & FILE_WRITE_DATA)))
            return STATUS_ACCESS_DENIED;
        struct host_stat st;
        status = host_fstat(file->Fd, &st);
        if (status == STATUS_SUCCESS && !maximum_size && !st.size)
            status = STATUS_MAPPED_FILE_SIZE_ZERO;
        if (status == STATUS_SUCCESS && maximum_size > st.size)
            status = writable_protection(protect) ? host_truncate(file->Fd, maximum_size) : STATUS_SECTION_TOO_BIG;
        if (status == STATUS_SUCCESS && !maximum_size)
            maximum_size = st.size;
        if (status == STATUS_SUCCESS)
            status = host_dup(file->Fd, &fd);
    }
    if (status != STATUS_SUCCESS)
        return status;
    PSECTION s;
    status = ObCreateObject(MmSectionObjectType, sizeof *s, (void **)&s);
    if (status != STATUS_SUCCESS) {
        host_close(fd);
        return status;
    }
    s->Fd = fd;
    s->MaximumSize = maximum_size;
    s->PageProtection = protect;
    s->AllocationAttributes = attributes & SEC_RESERVE ? SEC_RESERVE : SEC_COMMIT;
    if (file) {
        ObReferenceObject(file);
        s->File = file;
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
    if (attributes)
        PROBE_OBJECT_ATTRIBUTES(attributes);
    if (!handle)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    PFILE_OBJECT fo = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    if (file)
        status = ObReferenceObjectByHandle(file, IoFileObjectType, (void **)&fo);
    else if (allocation_attributes & SEC_IMAGE)
        status = STATUS_INVALID_FILE_FOR_SECTION;
    if (status != STATUS_SUCCESS)
        return status;
    PSECTION section;
    if (allocation_attributes & SEC_IMAGE)
        status = MmCreateImageSection(fo, &section);
    else if (maximum_size && maximum_size->QuadPart < 0)
        status = STATUS_SECTION_TOO_BIG;
    else
        status = create_data_section(fo, maximum_size ? (uint64_t)maximum_size->QuadPart : 0, protect,
                                     allocation_attributes, &section);
    if (fo)
        ObDereferenceObject(fo);
    if (status != STATUS_SUCCESS)
        return status;
    NTSTATUS result = STATUS_SUCCESS;
    if (attributes && attributes->ObjectName && attributes->ObjectName->Length) {
        void *existing;
        status = ObInsertNamedObject(section, attributes->ObjectName, &existing);
        if (status == STATUS_OBJECT_NAME_COLLISION) {
            /* CreateFileMapping of a name in use opens that section (ERROR_ALREADY_EXISTS) */
            ObDereferenceObject(section);
            if (ObGetObjectType(existing) != MmSectionObjectType) {
                ObDereferenceObject(existing);
                return STATUS_OBJECT_TYPE_MISMATCH;
            }
            section = existing;
            result = STATUS_OBJECT_NAME_EXISTS;
        } else if (status != STATUS_SUCCESS) {
            ObDereferenceObject(section);
            return status;
        }
    }
    ULONG handle_attributes = attributes ? attributes->Attributes : 0;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, section, access, handle_attributes, handle);
    ObDereferenceObject(section);
    return status == STATUS_SUCCESS ? result : status;
}

NTSTATUS WINAPI NtOpenSection(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    PROBE_OBJECT_ATTRIBUTES(attributes);
    if (!handle || !attributes || !attributes->ObjectName)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    void *section;
    NTSTATUS status = ObLookupNamedObject(attributes->ObjectName, MmSectionObjectType, &section);
    if (status != STATUS_SUCCESS)
        return status;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, section, access, attributes->Attributes, handle);
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

/* The bytes of section i that come from the file: *size 0 when none. */
static void raw_part(const SECTION *s, unsigned i, uint32_t *rva, uint32_t *offset, uint32_t *size)
{
    struct pe_section sec;
    *size = 0;
    if (pe_section_at(&s->Image, i, &sec) != STATUS_SUCCESS || sec.raw_offset >= s->DataSize)
        return;
    uint32_t n = sec.raw_size < sec.virtual_size ? sec.raw_size : sec.virtual_size;
    *rva = sec.rva;
    *offset = sec.raw_offset;
    *size = n < s->DataSize - sec.raw_offset ? n : (uint32_t)(s->DataSize - sec.raw_offset);
}

/* Prefaults the pages copy_image fills, one call per run of adjacent pages: a page fault costs several
 * times what populating a page costs, and nearly every page of a copied image would take one. Pages only
 * the zero fill covers (uninitialized data) are left to fault in when used. */
static void prefault_image(const SECTION *s, uint8_t *view)
{
    size_t page = host_page_size();
    ULONG_PTR start = 0, end = s->Image.size_of_headers;
    for (unsigned i = 0; i < s->Image.nsections; i++) {
        uint32_t rva, offset, size;
        raw_part(s, i, &rva, &offset, &size);
        if (!size)
            continue;
        ULONG_PTR a = rva & ~(page - 1), b = ((ULONG_PTR)rva + size + page - 1) & ~(page - 1);
        if (a > ((end + page - 1) & ~(page - 1))) {
            host_prefault(view + start, end - start);
            start = a;
        }
        if (b > end)
            end = b;
    }
    host_prefault(view + start, ((end + page - 1) & ~(page - 1)) - start);
}

/* Copies headers and section contents from the file into the view (the view is zero-filled). */
static void copy_image(const SECTION *s, uint8_t *view)
{
    const struct pe_image *img = &s->Image;
    prefault_image(s, view);
    memcpy(view, s->Data, img->size_of_headers < s->DataSize ? img->size_of_headers : s->DataSize);
    for (unsigned i = 0; i < img->nsections; i++) {
        uint32_t rva, offset, size;
        raw_part(s, i, &rva, &offset, &size);
        if (size)
            memcpy(view + rva, (const uint8_t *)s->Data + offset, size);
    }
}

/* Writes the view's bytes (headers and section contents; the rest stays zero) to the file dst. */
static NTSTATUS write_layout(const SECTION *s, int src, int dst)
{
    const struct pe_image *img = &s->Image;
    NTSTATUS status = host_copy_file_range(src, 0, dst, 0,
                                           img->size_of_headers < s->DataSize ? img->size_of_headers : s->DataSize);
    for (unsigned i = 0; i < img->nsections && status == STATUS_SUCCESS; i++) {
        uint32_t rva, offset, size;
        raw_part(s, i, &rva, &offset, &size);
        if (size)
            status = host_copy_file_range(src, offset, dst, rva, size);
    }
    return status;
}

/* Where OptionalHeader.ImageBase is in the image (the headers a layout's check reads hold it). */
#define LAYOUT_HEADER_MAX 4096u
static uint32_t image_base_offset(const SECTION *s)
{
    return s->Image.nt_offset + (uint32_t)offsetof(IMAGE_NT_HEADERS64, OptionalHeader.ImageBase);
}

static size_t layout_header_size(const SECTION *s)
{
    size_t n = s->Image.size_of_headers < s->DataSize ? s->Image.size_of_headers : s->DataSize;
    return n < LAYOUT_HEADER_MAX ? n : LAYOUT_HEADER_MAX;
}

/* Relocates the layout in the file fd (view_size bytes) for an image at new_base, as Windows' memory
 * manager relocates an ASLR image's section once for every process: addresses moved, the header's
 * ImageBase the new base. Writes the file through a shared mapping. */
static NTSTATUS relocate_layout(const SECTION *s, int fd, SIZE_T view_size, ULONG_PTR new_base)
{
    int trace = TRACE_BEGIN("MiRelocateImage");
    void *p = NULL;
    NTSTATUS status = host_map(&p, view_size, host_page_size(), HOST_PROT_NONE, HOST_MAP_NORESERVE);
    if (status == STATUS_SUCCESS)
        status = host_map_fd(p, view_size, HOST_PROT_READ | HOST_PROT_WRITE, fd, 0, true);
    int64_t delta = (int64_t)(new_base - s->Image.image_base);
    unsigned counts[16] = {0};
    struct pe_reloc_iter it;
    struct pe_reloc r;
    pe_reloc_begin(&it, &s->Image);
    while (status == STATUS_SUCCESS && (status = pe_reloc_next(&it, &r)) == STATUS_SUCCESS) {
        unsigned width = pe_reloc_width(r.type);
        counts[r.type & 15]++;
        if (r.type != IMAGE_REL_BASED_ABSOLUTE && (!width || r.rva > view_size - width))
            status = STATUS_INVALID_IMAGE_FORMAT;   /* the loader would refuse it too */
        else if (width)
            pe_reloc_apply(&r, (uint8_t *)p + r.rva, delta);
    }
    if (status == STATUS_NO_MORE_ENTRIES) {
        uint64_t base = new_base;
        memcpy((uint8_t *)p + image_base_offset(s), &base, sizeof base);
        status = STATUS_SUCCESS;
    }
    if (p)
        host_unmap(p, view_size);
    if (trace >= 0 || (KeTraceKinds & KE_TRACE_LOADER)) {
        char name[96], what[224];
        RtlpBaseNameUtf8(name, sizeof name, &s->FileName);
        uint64_t magnitude = delta < 0 ? 0 - (uint64_t)delta : (uint64_t)delta;
        snprintf(what, sizeof what, "%s: delta %s0x%llx, %u DIR64 + %u HIGHLOW applied, %u ABSOLUTE%s", name,
                 delta < 0 ? "-" : "+", (unsigned long long)magnitude, counts[IMAGE_REL_BASED_DIR64],
                 counts[IMAGE_REL_BASED_HIGHLOW], counts[IMAGE_REL_BASED_ABSOLUTE],
                 status == STATUS_SUCCESS ? "" : " (failed)");
        TRACE_END(trace, "%s, in its layout in the image cache (every view at this base shares it)", what);
        TRACE_LOADER("relocate %s (by the memory manager, in the image's cached layout)", what);
    }
    return status;
}

/* Whether the cache file fd begins with the image's headers (an entry made from another file, or damaged,
 * does not), ImageBase aside: *layout_base gets the entry's. */
static bool layout_matches(const SECTION *s, int fd, ULONG_PTR *layout_base)
{
    uint8_t head[LAYOUT_HEADER_MAX];
    size_t n = layout_header_size(s), got;
    uint32_t at = image_base_offset(s);
    if (host_pread(fd, head, n, 0, &got) != STATUS_SUCCESS || got != n)
        return false;
    uint64_t base;
    memcpy(&base, head + at, sizeof base);
    memcpy(head + at, (const uint8_t *)s->Data + at, sizeof base);
    *layout_base = (ULONG_PTR)base;
    return !memcmp(head, s->Data, n);
}

/* An image the system places at an address of its choice (ASLR) and the loader may move. */
static bool aslr_image(const struct pe_image *img)
{
    return (img->dll_characteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) && has_relocations(img);
}

/* Keeps the layout file f (relocated for base) in the section for its later views; *fd and *base what the
 * section has (another thread's, if it got there first). */
static void keep_layout(PSECTION s, int f, ULONG_PTR base, int *fd, ULONG_PTR *kept_base)
{
    host_lock_acquire(&MiSectionLock);
    if (s->Fd < 0) {
        s->LayoutBase = base;   /* before the fd, which readers without the lock look at first */
        __atomic_store_n(&s->Fd, f, __ATOMIC_RELEASE);
    } else {
        host_close(f);
    }
    *fd = s->Fd;
    *kept_base = s->LayoutBase;
    host_lock_release(&MiSectionLock);
}

/* The file holding the section's view layout (host/imagecache.c) and the base it is relocated for: the
 * section's, a builtin's image, or the image cache entry made from the image file before. STATUS_NOT_FOUND
 * when the file has no entry yet: *entry names the one make_layout makes. */
static NTSTATUS find_layout(PSECTION s, SIZE_T view_size, ULONG_PTR *base, int *fd, struct host_image_entry *entry)
{
    *fd = __atomic_load_n(&s->Fd, __ATOMIC_ACQUIRE);
    if (*fd >= 0) {
        *base = s->LayoutBase;
        return STATUS_SUCCESS;
    }
    if (!s->File)
        return STATUS_NOT_SUPPORTED;
    int f;
    NTSTATUS status;
    ULONG_PTR made_for = s->Image.image_base;
    if (s->File->Builtin) {   /* a builtin's image is its layout already (io/builtin.c) */
        status = IoGetBuiltinImageFile(s->File->Builtin, &f);
    } else if (s->File->Fd < 0 || image_base_offset(s) + sizeof(uint64_t) > layout_header_size(s)) {
        status = STATUS_NOT_SUPPORTED;   /* no host file, or headers too odd for an entry's check */
    } else {
        status = host_image_cache_lookup(s->File->Fd, NULL, view_size, entry, &f);
        if (status == STATUS_SUCCESS && !layout_matches(s, f, &made_for)) {
            host_close(f);
            status = STATUS_NOT_FOUND;
        }
    }
    if (status == STATUS_SUCCESS)
        keep_layout(s, f, made_for, fd, base);
    return status;
}

/* Lays the image out into the new image cache entry `entry`, relocated for base, and keeps it. */
static NTSTATUS make_layout(PSECTION s, SIZE_T view_size, ULONG_PTR *base, int *fd, struct host_image_entry *entry)
{
    int f;
    NTSTATUS status = host_image_cache_create(entry, view_size, &f);
    if (status != STATUS_SUCCESS)
        return status;
    status = write_layout(s, s->File->Fd, f);
    if (status == STATUS_SUCCESS && *base != s->Image.image_base)
        status = relocate_layout(s, f, view_size, *base);
    if (status != STATUS_SUCCESS) {
        host_image_cache_discard(entry, f);
        return status;
    }
    host_image_cache_publish(entry);
    keep_layout(s, f, *base, fd, base);
    return STATUS_SUCCESS;
}

/* Maps the view from its layout in the image cache, copy-on-write: the pages come from the page cache as
 * they are touched, and only the ones written (imports, data) become the process's own. */
static NTSTATUS map_image_layout(PSECTION s, void *view, SIZE_T view_size, int fd)
{
    NTSTATUS status = host_map_fd(view, view_size, HOST_PROT_READ | HOST_PROT_WRITE, fd, 0, false);
    /* A builtin image is small and nearly all of it is used (thunks, exports): its pages are mapped in one
     * call rather than one fault each. */
    if (status == STATUS_SUCCESS && s->File && s->File->Builtin)
        host_prefault_read(view, view_size);
    return status;
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
    /* Apply runs of equal protection with one mprotect each; writable runs keep the reservation's
     * read-write without one (reserve_view). */
    for (ULONG_PTR a = base; a < base + size;) {
        ULONG v = region->Pages[(a - base) / page];
        ULONG_PTR b = a;
        while (b < base + size && region->Pages[(b - base) / page] == v)
            b += page;
        unsigned host = MiHostProtection(v & ~MM_PAGE_COMMITTED);
        NTSTATUS status = host == (HOST_PROT_READ | HOST_PROT_WRITE) ? STATUS_SUCCESS
                                                                     : host_protect((void *)a, b - a, host);
        if (status != STATUS_SUCCESS)
            return status;
        a = b;
    }
    return STATUS_SUCCESS;
}

/*
 * The view's address and bytes. An image's layout in the image cache is relocated for one base, the first
 * view's (for ASLR images, an address of the system's choice; otherwise the preferred base), and later
 * views of it, in this process or another, go to that base when it is free: like Windows, which chooses
 * an ASLR image's base once and relocates its section for every process, they need no relocation by the
 * loader, and their pages stay shared. Elsewhere, the loader moves the image from the layout's base.
 * Without a layout the view is a copy of the file at the preferred base's addresses.
 */
NTSTATUS MiMapImageView(PEPROCESS process, PSECTION section, PVOID *base, SIZE_T *size)
{
    const struct pe_image *img = &section->Image;
    struct mm_address_space *as = process->AddressSpace;
    SIZE_T view_size = ((SIZE_T)img->size_of_image + host_page_size() - 1) & ~(host_page_size() - 1);
    void *addr = *base;
    ULONG_PTR layout_base = 0;
    int fd = -1;
    struct host_image_entry entry;
    NTSTATUS found = find_layout(section, view_size, &layout_base, &fd, &entry);
    NTSTATUS status = STATUS_CONFLICTING_ADDRESSES;
    if (found == STATUS_SUCCESS && !addr && aslr_image(img)) {
        addr = (void *)layout_base;
        status = host_map(&addr, view_size, MM_ALLOCATION_GRANULARITY, HOST_PROT_READ | HOST_PROT_WRITE,
                          HOST_MAP_FIXED);
        if (status != STATUS_SUCCESS)
            addr = NULL;
    }
    if (status != STATUS_SUCCESS)
        status = reserve_view(img, view_size, &addr);
    if (status != STATUS_SUCCESS)
        return status;
    if (found == STATUS_NOT_FOUND) {   /* one made for this view's base (the preferred one unless ASLR) */
        layout_base = aslr_image(img) ? (ULONG_PTR)addr : img->image_base;
        if (make_layout(section, view_size, &layout_base, &fd, &entry) != STATUS_SUCCESS)
            fd = -1;
    }
    struct mm_region *region = MiNewRegion((ULONG_PTR)addr, view_size, MEM_IMAGE, PAGE_EXECUTE_WRITECOPY);
    if (!region) {
        host_unmap(addr, view_size);
        return STATUS_NO_MEMORY;
    }
    if (fd < 0 || map_image_layout(section, addr, view_size, fd) != STATUS_SUCCESS) {
        copy_image(section, addr);
        layout_base = img->image_base;
    }
    /* The view has its bytes: the file's own pages past the headers (all of them read by a copy, the
     * kernel's read-around of the headers otherwise) leave the process. */
    IoReleaseFileImagePages(section->File, section->Image.size_of_headers);
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
    return (ULONG_PTR)addr == layout_base ? STATUS_SUCCESS : STATUS_IMAGE_NOT_AT_BASE;
}

NTSTATUS MmMapViewOfImageSection(PEPROCESS process, PSECTION section, PVOID *base, SIZE_T *size)
{
    int trace = TRACE_BEGIN("NtMapViewOfSection");
    NTSTATUS status = MiMapImageView(process, section, base, size);
    if (trace >= 0) {
        char name[96], where[96];
        RtlpBaseNameUtf8(name, sizeof name, &section->FileName);
        ULONG_PTR got = (ULONG_PTR)*base, want = section->Image.image_base;
        if (status == STATUS_IMAGE_NOT_AT_BASE || (status == STATUS_SUCCESS && got != want))
            snprintf(where, sizeof where, "ASLR delta %s0x%llx%s", got >= want ? "+" : "-",
                     (unsigned long long)(got >= want ? got - want : want - got),
                     status == STATUS_SUCCESS ? " (relocated in its layout)" : "");
        else if (status == STATUS_SUCCESS)
            snprintf(where, sizeof where, "its preferred base");
        else
            snprintf(where, sizeof where, "failed: 0x%08x", (unsigned)status);
        const char *how = status != STATUS_SUCCESS && status != STATUS_IMAGE_NOT_AT_BASE ? ""
                          : section->Fd >= 0 ? ", pages from the image cache" : ", copied";
        TRACE_END(trace, "%s at %p (%zu KiB), %s%s", name, *base, (size_t)(*size / 1024), where, how);
    }
    return status;
}

/* Whether a view of protection view_protect may be made of a section of protection section_protect. */
static bool view_allowed(ULONG section_protect, ULONG view_protect)
{
    bool exec = view_protect == PAGE_EXECUTE_READ || view_protect == PAGE_EXECUTE_READWRITE ||
                view_protect == PAGE_EXECUTE_WRITECOPY || view_protect == PAGE_EXECUTE;
    bool section_exec = section_protect == PAGE_EXECUTE_READ || section_protect == PAGE_EXECUTE_READWRITE ||
                        section_protect == PAGE_EXECUTE_WRITECOPY;
    if (exec && !section_exec)
        return false;
    switch (view_protect) {
    case PAGE_READONLY: case PAGE_EXECUTE: case PAGE_EXECUTE_READ: case PAGE_NOACCESS:
        return true;
    case PAGE_READWRITE: case PAGE_EXECUTE_READWRITE:
        return writable_protection(section_protect);
    case PAGE_WRITECOPY: case PAGE_EXECUTE_WRITECOPY:
        return section_protect != PAGE_READONLY && section_protect != PAGE_EXECUTE_READ;
    default:
        return false;
    }
}

/* Whether a handle with access granted may map a view of protection protect (MapViewOfFile's check of the
 * FILE_MAP_* rights the handle was opened with). */
static bool view_access_granted(ACCESS_MASK granted, ULONG protect)
{
    ACCESS_MASK need = SECTION_MAP_READ;
    switch (protect & 0xFF) {
    case PAGE_READWRITE:         need = SECTION_MAP_WRITE | SECTION_MAP_READ; break;
    case PAGE_EXECUTE:           need = SECTION_MAP_EXECUTE; break;
    case PAGE_EXECUTE_READ:
    case PAGE_EXECUTE_WRITECOPY: need = SECTION_MAP_EXECUTE | SECTION_MAP_READ; break;
    case PAGE_EXECUTE_READWRITE: need = SECTION_MAP_EXECUTE | SECTION_MAP_WRITE | SECTION_MAP_READ; break;
    case PAGE_NOACCESS:          need = 0; break;
    default: break;
    }
    return (granted & need) == need;
}

/* A view of a data section: [offset, offset + *size) of its file (*size 0: to the section's end), at *base
 * or where the system chooses, shared unless copy-on-write. */
static NTSTATUS map_data_view(PEPROCESS process, PSECTION section, PVOID *base, LONGLONG offset, PSIZE_T size,
                              ULONG protect)
{
    if (offset < 0 || offset % MM_ALLOCATION_GRANULARITY || (ULONG_PTR)*base % MM_ALLOCATION_GRANULARITY)
        return STATUS_MAPPED_ALIGNMENT;
    if (!view_allowed(section->PageProtection, protect))   /* a view wanting more than the section allows */
        return protect & ~0xFFu || !protect ? STATUS_INVALID_PAGE_PROTECTION : STATUS_ACCESS_DENIED;
    if ((uint64_t)offset >= section->MaximumSize)
        return STATUS_INVALID_VIEW_SIZE;
    uint64_t length = *size ? *size : section->MaximumSize - (uint64_t)offset;
    if (length > section->MaximumSize - (uint64_t)offset)
        return STATUS_INVALID_VIEW_SIZE;
    size_t page = host_page_size();
    SIZE_T view_size = (length + page - 1) & ~(page - 1);
    void *addr = *base;
    NTSTATUS status = host_map(&addr, view_size, MM_ALLOCATION_GRANULARITY, HOST_PROT_NONE,
                               addr ? HOST_MAP_FIXED | HOST_MAP_NORESERVE : HOST_MAP_NORESERVE);
    if (status != STATUS_SUCCESS)
        return status;
    bool copy = protect == PAGE_WRITECOPY || protect == PAGE_EXECUTE_WRITECOPY;
    struct mm_region *region = MiNewRegion((ULONG_PTR)addr, view_size, MEM_MAPPED, protect);
    status = region ? host_map_fd(addr, view_size, MiHostProtection(protect), section->Fd, (uint64_t)offset, !copy)
                    : STATUS_NO_MEMORY;
    if (status != STATUS_SUCCESS) {
        free(region);
        host_unmap(addr, view_size);
        return status;
    }
    MiSetPagesLocked(region, region->Base, region->Base + view_size, protect | MM_PAGE_COMMITTED);
    ObReferenceObject(section);
    region->Section = section;
    struct mm_address_space *as = process->AddressSpace;
    host_lock_acquire(&as->Lock);
    MiInsertRegionLocked(as, region);
    host_lock_release(&as->Lock);
    *base = addr;
    *size = view_size;
    return STATUS_SUCCESS;
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
    (void)inherit;
    (void)allocation_type;
    if (!base || !view_size)
        return STATUS_INVALID_PARAMETER;
    PSECTION section;
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(section_handle, MmSectionObjectType, (void **)&section, &granted,
                                                  NULL);
    if (status != STATUS_SUCCESS)
        return status;
    if (!(section->AllocationAttributes & SEC_IMAGE) && !view_access_granted(granted, protect)) {
        ObDereferenceObject(section);
        return STATUS_ACCESS_DENIED;
    }
    PEPROCESS process;
    status = MiReferenceProcess(process_handle, &process);
    if (status == STATUS_SUCCESS) {
        if (section->AllocationAttributes & SEC_IMAGE)
            status = MmMapViewOfImageSection(process, section, base, view_size);
        else if (process != PsGetCurrentProcess())
            status = STATUS_NOT_SUPPORTED;   /* another process is another host: its memory is not ours to map */
        else
            status = map_data_view(process, section, base, offset ? offset->QuadPart : 0, view_size, protect);
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
    if (!r || (r->Type != MEM_IMAGE && r->Type != MEM_MAPPED)) {
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
    if (info_class != 0 && info_class != 1)  /* SectionBasicInformation, SectionImageInformation */
        return STATUS_INVALID_INFO_CLASS;
    if (length < (info_class ? sizeof(SECTION_IMAGE_INFORMATION) : sizeof(SECTION_BASIC_INFORMATION)))
        return STATUS_INFO_LENGTH_MISMATCH;
    PSECTION s;
    NTSTATUS status = ObReferenceObjectByHandle(section_handle, MmSectionObjectType, (void **)&s);
    if (status != STATUS_SUCCESS)
        return status;
    if (info_class == 0) {
        SECTION_BASIC_INFORMATION *sbi = info;
        sbi->BaseAddress = NULL;
        sbi->AllocationAttributes = s->AllocationAttributes | (s->File ? SEC_FILE : 0);
        sbi->MaximumSize.QuadPart = s->AllocationAttributes & SEC_IMAGE ? (LONGLONG)s->Image.size_of_image
                                                                         : (LONGLONG)s->MaximumSize;
        if (return_length)
            *return_length = sizeof *sbi;
        ObDereferenceObject(s);
        return STATUS_SUCCESS;
    }
    if (!(s->AllocationAttributes & SEC_IMAGE)) {
        ObDereferenceObject(s);
        return STATUS_SECTION_NOT_IMAGE;
    }
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

NTSTATUS WINAPI NtFlushVirtualMemory(HANDLE process_handle, PVOID *base, PSIZE_T size, PIO_STATUS_BLOCK io)
{
    PROBE_FOR_WRITE(base, sizeof *base);
    PROBE_FOR_WRITE(size, sizeof *size);
    PROBE_FOR_WRITE(io, sizeof *io);
    PEPROCESS process;
    NTSTATUS status = MiReferenceProcess(process_handle, &process);
    if (status != STATUS_SUCCESS)
        return status;
    struct mm_address_space *as = process->AddressSpace;
    size_t page = host_page_size();
    ULONG_PTR start = (ULONG_PTR)*base & ~(page - 1);
    host_lock_acquire(&as->Lock);
    struct mm_region *r = MiFindRegionLocked(as, start);
    if (!r || r->Type != MEM_MAPPED) {
        status = STATUS_NOT_MAPPED_VIEW;
    } else {
        /* 0 bytes: to the end of the view; the range stays inside the view */
        ULONG_PTR end = *size ? ((ULONG_PTR)*base + *size + page - 1) & ~(page - 1) : r->Base + r->Size;
        if (end > r->Base + r->Size)
            end = r->Base + r->Size;
        status = host_sync((void *)start, end - start);
        if (status == STATUS_SUCCESS) {
            *base = (PVOID)start;
            *size = end - start;
        }
    }
    host_lock_release(&as->Lock);
    ObDereferenceObject(process);
    if (status == STATUS_SUCCESS) {
        io->Status = STATUS_SUCCESS;
        io->Information = 0;
    }
    return status;
}
