/*
 * The virtual System32: builtin DLL descriptions (io/builtin.h) become real PE32+ images.
 *
 *   RVA 0x0000  headers
 *   RVA 0x1000  .data   the DLL's data area (exported variables), read-write
 *   ...         .text   the entry thunk, then one 32-byte thunk per function, in the order the description
 *                       lists them: mov eax, the function's offset in ntexec's image; jmp [KUSER_SHARED_DATA
 *                       slot] to KiBuiltinDispatch (ke/context_amd64.S), which makes it an address, records
 *                       the call and jumps to it. Such an image is the same in every process of one ntexec
 *                       binary, so it is built once into the image cache and mapped from there
 *                       (docs/DESIGN.md, "Image views"). Under `--trace=api`, or for a function outside
 *                       ntexec's image (the sanitizer build's libc), the thunks hold addresses instead:
 *                       mov rax, host_address; jmp KiBuiltinEntry (KiApiTraceEntry first for a traced one),
 *                       and the image is built in every process.
 *   ...         .rdata  export directory: functions, sorted names, name ordinals, strings, forwarders
 *   ...         .reloc  one block of ABSOLUTE entries: nothing to fix (the thunks hold no address of the
 *                       image), but the image may be placed anywhere, like a DYNAMIC_BASE DLL
 *
 * File offsets equal RVAs, so the bytes are both the "file" and what a view looks like. The image goes
 * through the same validator and loader as any DLL on disk.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "io/builtin.h"
#include "io/io.h"
#include "ke/apitrace.h"
#include "ke/ke.h"
#include "ke/trace.h"
#include "nt/pe.h"
#include "nt/memory.h"
#include "nt/peb.h"
#include "pe/pe.h"
#include "rtl/rtl.h"

extern const struct builtin_dll *const __start_ntexec_builtins[];
extern const struct builtin_dll *const __stop_ntexec_builtins[];

#define PAGE 0x1000u
#define THUNK_SIZE 32
#define BUILTIN_IMAGE_BASE 0x180000000ull

static uint32_t page_round(uint32_t v)
{
    return (v + PAGE - 1) & ~(PAGE - 1);
}

static char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Case-insensitive match of a DLL name, ".dll" optional on the request. */
static bool dll_name_matches(const char *dll, const char *want)
{
    size_t n = strlen(want);
    for (size_t i = 0; i < n; i++) {
        if (!dll[i] || lower_ascii(dll[i]) != lower_ascii(want[i]))
            return false;
    }
    const char *ext = dll + n;
    return !*ext || (ext[0] == '.' && lower_ascii(ext[1]) == 'd' && lower_ascii(ext[2]) == 'l' &&
                     lower_ascii(ext[3]) == 'l' && !ext[4]);
}

const struct builtin_dll *IoFindBuiltinDll(const char *name)
{
    for (const struct builtin_dll *const *d = __start_ntexec_builtins; d < __stop_ntexec_builtins; d++)
        if (dll_name_matches((*d)->name, name))
            return *d;
    return NULL;
}

/* ---- image building ------------------------------------------------------------------------------ */

struct layout {
    uint32_t data_rva, data_size;
    uint32_t text_rva, text_size;
    uint32_t rdata_rva, rdata_size;
    uint32_t reloc_rva;
    uint32_t size_of_image;
    uint32_t nfunctions;
    uint32_t nslots;      /* entries of the export address table: the exports, or up to the highest fixed ordinal */
    /* offsets inside .rdata */
    uint32_t functions_off, names_off, ordinals_off, strings_off;
};

static int compare_exports(const void *a, const void *b)
{
    const struct builtin_export *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

static uint32_t strings_size(const struct builtin_dll *dll)
{
    uint32_t n = (uint32_t)strlen(dll->name) + 1;
    for (size_t i = 0; i < dll->nexports; i++) {
        n += (uint32_t)strlen(dll->exports[i].name) + 1;
        if (dll->exports[i].kind == BUILTIN_FORWARD)
            n += (uint32_t)strlen(dll->exports[i].value.forward) + 1;
    }
    return n;
}

/* The highest fixed ordinal of dll's exports (0 without any). */
static uint32_t max_fixed_ordinal(const struct builtin_dll *dll)
{
    uint32_t max = 0;
    for (size_t i = 0; i < dll->nexports; i++)
        if (dll->exports[i].ordinal > max)
            max = dll->exports[i].ordinal;
    return max;
}

/* Exports without a fixed ordinal take those after the highest fixed one, in name order; the ordinals
 * below it that no export has stay empty (an import of one fails, as on Windows). */
static uint32_t export_slots(const struct builtin_dll *dll)
{
    uint32_t slots = max_fixed_ordinal(dll);
    for (size_t i = 0; i < dll->nexports; i++)
        slots += !dll->exports[i].ordinal;
    return slots;
}

static void plan(const struct builtin_dll *dll, struct layout *l)
{
    memset(l, 0, sizeof *l);
    for (size_t i = 0; i < dll->nexports; i++)
        l->nfunctions += dll->exports[i].kind == BUILTIN_FUNC;
    uint32_t rva = PAGE;
    l->data_rva = rva;
    l->data_size = (uint32_t)dll->data_size;
    rva += page_round(l->data_size ? l->data_size : 1);
    l->text_rva = rva;
    l->text_size = (l->nfunctions + 1) * THUNK_SIZE;
    rva += page_round(l->text_size);
    l->rdata_rva = rva;
    uint32_t n = (uint32_t)dll->nexports;
    l->nslots = export_slots(dll);
    l->functions_off = sizeof(IMAGE_EXPORT_DIRECTORY);
    l->names_off = l->functions_off + 4 * l->nslots;
    l->ordinals_off = l->names_off + 4 * n;
    l->strings_off = l->ordinals_off + 2 * n;
    l->rdata_size = l->strings_off + strings_size(dll);
    rva += page_round(l->rdata_size);
    l->reloc_rva = rva;
    rva += PAGE;
    l->size_of_image = rva;
}

/* mov rax, value; jmp [rip+0]; dq entry. The plain thunk has value = the function and entry =
 * KiBuiltinEntry, which records the guest's side of the call (so a fault in the function is raised at the
 * call site) and jumps to rax; a function traced by `--trace=api` has its KE_API_TRACE_SITE and
 * KiApiTraceEntry instead (ke/apitrace.c), which goes on through KiBuiltinEntry. */
static void put_thunk(uint8_t *at, const void *value, void (*entry)(void))
{
    static const uint8_t mov_rax[2] = {0x48, 0xB8};
    static const uint8_t jmp_rip[6] = {0xFF, 0x25, 0, 0, 0, 0};
    uint64_t addr = (uint64_t)(uintptr_t)value, target = (uint64_t)(uintptr_t)entry;
    memcpy(at, mov_rax, sizeof mov_rax);
    memcpy(at + 2, &addr, 8);
    memcpy(at + 10, jmp_rip, sizeof jmp_rip);
    memcpy(at + 16, &target, 8);
    memset(at + 24, 0xCC, THUNK_SIZE - 24);
}

/* Whether function is inside ntexec's own image, at an offset a shared thunk can hold. */
static bool in_own_image(const void *function)
{
    uintptr_t f = (uintptr_t)function, start = (uintptr_t)KE_BUILTIN_IMAGE_START;
    return f >= start && f - start <= UINT32_MAX;
}

/* mov eax, offset; jmp [KE_BUILTIN_DISPATCH_VA]: the thunk of a shared image (in_own_image(function)). */
static void put_shared_thunk(uint8_t *at, const void *function)
{
    static const uint8_t jmp_abs[3] = {0xFF, 0x24, 0x25};
    uint32_t offset = (uint32_t)((uintptr_t)function - (uintptr_t)KE_BUILTIN_IMAGE_START);
    uint32_t slot = (uint32_t)KE_BUILTIN_DISPATCH_VA;
    at[0] = 0xB8;
    memcpy(at + 1, &offset, 4);
    memcpy(at + 5, jmp_abs, sizeof jmp_abs);
    memcpy(at + 8, &slot, 4);
    memset(at + 12, 0xCC, THUNK_SIZE - 12);
}

/* A function's thunk: traced when `--trace=api` asks for it (decided once, as the image is built), shared
 * when the image is. */
static void put_function_thunk(uint8_t *at, const struct builtin_dll *dll, const void *function, const char *name,
                               bool shared)
{
    const KE_API_TRACE_SITE *site = !shared && KeApiTraceWants(dll->name, name)
                                        ? KeApiTraceSite(dll->name, name, function) : NULL;
    if (site)
        put_thunk(at, site, KiApiTraceEntry);
    else if (shared)
        put_shared_thunk(at, function);
    else
        put_thunk(at, function, KiBuiltinEntry);
}

/* Whether dll's image can be shared between processes: no function traced (`--trace=api` decides per
 * function, and its thunks hold the sites), all in ntexec's image. */
static bool shareable(const struct builtin_dll *dll)
{
    if (KeTraceKinds & KE_TRACE_API)
        return false;
    if (dll->entry && !in_own_image((const void *)dll->entry))
        return false;
    for (size_t i = 0; i < dll->nexports; i++)
        if (dll->exports[i].kind == BUILTIN_FUNC && !in_own_image(dll->exports[i].value.func))
            return false;
    return true;
}

static void put_section(IMAGE_SECTION_HEADER *s, const char *name, uint32_t rva, uint32_t size, uint32_t flags)
{
    memset(s, 0, sizeof *s);
    memcpy(s->Name, name, strlen(name));
    s->VirtualAddress = rva;
    s->VirtualSize = size ? size : 1;
    s->PointerToRawData = rva;
    s->SizeOfRawData = page_round(size ? size : 1);
    s->Characteristics = flags;
}

static void put_headers(uint8_t *img, const struct builtin_dll *dll, const struct layout *l, uint32_t entry_rva)
{
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)img;
    dos->e_magic = IMAGE_DOS_SIGNATURE;
    dos->e_lfanew = sizeof *dos;
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)(img + dos->e_lfanew);
    nt->Signature = IMAGE_NT_SIGNATURE;
    nt->FileHeader.Machine = IMAGE_FILE_MACHINE_AMD64;
    nt->FileHeader.NumberOfSections = 4;
    nt->FileHeader.SizeOfOptionalHeader = sizeof nt->OptionalHeader;
    nt->FileHeader.Characteristics = IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_LARGE_ADDRESS_AWARE | IMAGE_FILE_DLL;
    IMAGE_OPTIONAL_HEADER64 *oh = &nt->OptionalHeader;
    oh->Magic = IMAGE_NT_OPTIONAL_HDR64_MAGIC;
    oh->MajorLinkerVersion = 14;
    oh->SizeOfCode = page_round(l->text_size);
    oh->SizeOfInitializedData = page_round(l->data_size ? l->data_size : 1) + page_round(l->rdata_size) + PAGE;
    oh->AddressOfEntryPoint = dll->entry ? entry_rva : 0;
    oh->BaseOfCode = l->text_rva;
    oh->ImageBase = BUILTIN_IMAGE_BASE;
    oh->SectionAlignment = PAGE;
    oh->FileAlignment = 0x200;
    oh->MajorOperatingSystemVersion = oh->MajorImageVersion = oh->MajorSubsystemVersion = NTEXEC_OS_MAJOR;
    oh->SizeOfImage = l->size_of_image;
    oh->SizeOfHeaders = PAGE;
    oh->Subsystem = IMAGE_SUBSYSTEM_WINDOWS_CUI;
    oh->DllCharacteristics = IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE | IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA |
                             IMAGE_DLLCHARACTERISTICS_NX_COMPAT;
    oh->SizeOfStackReserve = 0x40000;
    oh->SizeOfStackCommit = 0x1000;
    oh->SizeOfHeapReserve = 0x100000;
    oh->SizeOfHeapCommit = 0x1000;
    oh->NumberOfRvaAndSizes = IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    oh->DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT] = (IMAGE_DATA_DIRECTORY){l->rdata_rva, l->rdata_size};
    oh->DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC] = (IMAGE_DATA_DIRECTORY){l->reloc_rva, 12};
    IMAGE_SECTION_HEADER *s = (IMAGE_SECTION_HEADER *)(oh + 1);
    put_section(&s[0], ".data", l->data_rva, l->data_size,
                IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE);
    put_section(&s[1], ".text", l->text_rva, l->text_size,
                IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_EXECUTE);
    put_section(&s[2], ".rdata", l->rdata_rva, l->rdata_size, IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ);
    put_section(&s[3], ".reloc", l->reloc_rva, 12,
                IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_DISCARDABLE);
}

/* The orders the build computed (tools/builtin-order.c); absent (weak, NULL) from the unit tests and the
 * build tool itself, which link the descriptions without them. */
extern const struct builtin_order IoBuiltinOrders[] __attribute__((weak));
extern const size_t IoBuiltinOrderCount __attribute__((weak));

/* dll's exports in strcmp order of their names into sorted: the build's order when it still holds (one
 * comparison per name), else sorted here. */
static void sort_exports(const struct builtin_dll *dll, const struct builtin_export **sorted)
{
    size_t norders = &IoBuiltinOrderCount ? IoBuiltinOrderCount : 0;
    for (size_t k = 0; k < norders; k++) {
        const struct builtin_order *o = &IoBuiltinOrders[k];
        if (strcmp(o->dll, dll->name) || o->count != dll->nexports)
            continue;
        size_t i = 0;
        for (; i < dll->nexports && o->index[i] < dll->nexports; i++) {
            sorted[i] = &dll->exports[o->index[i]];
            if (i && strcmp(sorted[i - 1]->name, sorted[i]->name) >= 0)
                break;
        }
        if (i == dll->nexports)
            return;
        break;
    }
    for (size_t i = 0; i < dll->nexports; i++)
        sorted[i] = &dll->exports[i];
    qsort(sorted, dll->nexports, sizeof *sorted, compare_exports);
}

/* The export directory, names in strcmp order (the loader binary-searches them). */
static NTSTATUS put_exports(uint8_t *img, const struct builtin_dll *dll, const struct layout *l, bool shared)
{
    const struct builtin_export **sorted = malloc(dll->nexports * sizeof *sorted + 1);
    uint32_t *thunk_of = malloc(dll->nexports * sizeof *thunk_of + 1);
    if (!sorted || !thunk_of) {
        free(sorted);
        free(thunk_of);
        return STATUS_NO_MEMORY;
    }
    sort_exports(dll, sorted);
    uint8_t *rdata = img + l->rdata_rva;
    IMAGE_EXPORT_DIRECTORY *dir = (IMAGE_EXPORT_DIRECTORY *)rdata;
    uint32_t *functions = (uint32_t *)(rdata + l->functions_off);
    uint32_t *names = (uint32_t *)(rdata + l->names_off);
    uint16_t *ordinals = (uint16_t *)(rdata + l->ordinals_off);
    uint32_t str = l->strings_off;
    size_t len = strlen(dll->name) + 1;
    memcpy(rdata + str, dll->name, len);
    dir->Name = l->rdata_rva + str;
    str += (uint32_t)len;
    dir->Base = 1;
    dir->NumberOfFunctions = l->nslots;
    dir->NumberOfNames = (uint32_t)dll->nexports;
    uint32_t next_free = max_fixed_ordinal(dll);   /* 0-based slot of the next export without an ordinal */
    dir->AddressOfFunctions = l->rdata_rva + l->functions_off;
    dir->AddressOfNames = l->rdata_rva + l->names_off;
    dir->AddressOfNameOrdinals = l->rdata_rva + l->ordinals_off;
    /* The functions' thunks, in the order of the description (thunk 0 is the entry point's). */
    uint32_t thunk = 1;
    for (size_t i = 0; i < dll->nexports; i++) {
        const struct builtin_export *e = &dll->exports[i];
        if (e->kind != BUILTIN_FUNC)
            continue;
        thunk_of[i] = thunk;
        put_function_thunk(img + l->text_rva + thunk++ * THUNK_SIZE, dll, e->value.func, e->name, shared);
    }
    NTSTATUS status = STATUS_SUCCESS;
    for (size_t i = 0; i < dll->nexports; i++) {
        const struct builtin_export *e = sorted[i];
        if (i && !strcmp(e->name, sorted[i - 1]->name))
            status = STATUS_INTERNAL_ERROR;   /* a description exporting one name twice */
        len = strlen(e->name) + 1;
        memcpy(rdata + str, e->name, len);
        names[i] = l->rdata_rva + str;
        uint32_t slot = e->ordinal ? e->ordinal - 1u : next_free++;
        if (functions[slot])
            status = STATUS_INTERNAL_ERROR;   /* two exports with one ordinal */
        ordinals[i] = (uint16_t)slot;
        str += (uint32_t)len;
        if (e->kind == BUILTIN_FUNC) {
            functions[slot] = l->text_rva + thunk_of[e - dll->exports] * THUNK_SIZE;
        } else if (e->kind == BUILTIN_DATA) {
            if (e->value.data_offset >= dll->data_size)
                status = STATUS_INTERNAL_ERROR;
            functions[slot] = l->data_rva + (uint32_t)e->value.data_offset;
        } else {
            len = strlen(e->value.forward) + 1;
            memcpy(rdata + str, e->value.forward, len);
            functions[slot] = l->rdata_rva + str;
            str += (uint32_t)len;
        }
    }
    free(sorted);
    free(thunk_of);
    return status;
}

/* An image's memory: fresh pages, zero already, populated in one call. From the heap they were cleared
 * page by page, each first write a page fault (a quarter of a hello.exe's faults). */
static uint8_t *new_image_memory(size_t size)
{
    void *img = NULL;
    if (host_map(&img, size, host_page_size(), HOST_PROT_READ | HOST_PROT_WRITE, 0) != STATUS_SUCCESS)
        return NULL;
    host_prefault(img, size);
    return img;
}

static NTSTATUS build_image(const struct builtin_dll *dll, bool shared, uint8_t **out, size_t *size)
{
    struct layout l;
    plan(dll, &l);
    uint8_t *img = new_image_memory(l.size_of_image);
    if (!img)
        return STATUS_NO_MEMORY;
    put_headers(img, dll, &l, l.text_rva);
    if (dll->entry && shared)
        put_shared_thunk(img + l.text_rva, (const void *)dll->entry);
    else if (dll->entry)
        put_thunk(img + l.text_rva, (const void *)dll->entry, KiBuiltinEntry);
    NTSTATUS status = put_exports(img, dll, &l, shared);
    if (status != STATUS_SUCCESS) {
        host_unmap(img, l.size_of_image);
        return status;
    }
    /* One relocation block: page l.text_rva, two ABSOLUTE (no-op) entries. */
    IMAGE_BASE_RELOCATION *reloc = (IMAGE_BASE_RELOCATION *)(img + l.reloc_rva);
    reloc->VirtualAddress = l.text_rva;
    reloc->SizeOfBlock = 12;
    *out = img;
    *size = l.size_of_image;
    return STATUS_SUCCESS;
}

/* Whether the bytes of a cache entry are dll's image: valid PE headers (the PE reader's checks) and an
 * export directory naming dll with as many names as it has. The entry is named for this very ntexec
 * binary, so this guards only against a damaged file; the loader validates the rest as for any DLL. */
static bool entry_is_image_of(const struct builtin_dll *dll, const void *data, size_t size)
{
    struct pe_image img;
    struct pe_exports ex;
    return pe_parse(&img, data, size, PE_LAYOUT_FILE) == STATUS_SUCCESS && img.size_of_image == size &&
           pe_exports_get(&img, &ex) == STATUS_SUCCESS && ex.nnames == dll->nexports && ex.dll_name &&
           !strcmp(ex.dll_name, dll->name);
}

/* An ASLR base for a shared image: an address the system would give a reservation of its size now. Every
 * process maps the image there when it is free (mm/section.c), as Windows maps a system DLL at the same
 * address in every process of a boot: no relocation, headers included, and the pages stay shared. */
static uint64_t shared_image_base(size_t size)
{
    void *probe = NULL;
    if (host_map(&probe, size, MM_ALLOCATION_GRANULARITY, HOST_PROT_NONE, HOST_MAP_NORESERVE) != STATUS_SUCCESS)
        return BUILTIN_IMAGE_BASE;
    host_unmap(probe, size);
    return (uint64_t)(uintptr_t)probe;
}

/* Writes a shareable image just built to the image cache, for the next processes, with an ASLR base of its
 * own in its headers; *fd the entry's file. */
static void save_image(struct host_image_entry *entry, uint8_t *img, size_t size, int *fd)
{
    size_t done;
    if (host_image_cache_create(entry, size, fd) != STATUS_SUCCESS)
        return;
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)img;
    ((IMAGE_NT_HEADERS64 *)(img + dos->e_lfanew))->OptionalHeader.ImageBase = shared_image_base(size);
    if (host_pwrite(*fd, img, size, 0, &done) == STATUS_SUCCESS && done == size) {
        host_image_cache_publish(entry);
    } else {
        host_image_cache_discard(entry, *fd);
        *fd = -1;
    }
}

struct built_image {
    const struct builtin_dll *dll;
    const uint8_t *data;
    size_t size;
    int fd;               /* its image cache entry (the image's bytes and its view's layout), or -1 */
};

static host_lock cache_lock = HOST_LOCK_INIT;
static struct built_image cache[32];
static size_t ncached;

/* dll's image: from its image cache entry, or built now (and saved there when it is shareable). */
static NTSTATUS get_image(const struct builtin_dll *dll, struct built_image *b)
{
    b->dll = dll;
    b->fd = -1;
    /* Only a shareable image was ever saved: the look-up needs no check of every function first. */
    struct host_image_entry entry;
    int fd = -1;
    NTSTATUS status = KeTraceKinds & KE_TRACE_API ? STATUS_NOT_SUPPORTED
                                                  : host_image_cache_lookup(-1, dll->name, 0, &entry, &fd);
    if (status == STATUS_SUCCESS) {
        const void *data;
        size_t size;
        if (host_map_file(fd, &data, &size) == STATUS_SUCCESS && data) {
            if (entry_is_image_of(dll, data, size)) {
                b->data = data;
                b->size = size;
                b->fd = fd;
                return STATUS_SUCCESS;
            }
            host_unmap_file(data, size);
        }
        host_close(fd);
        status = STATUS_NOT_FOUND;
    }
    uint8_t *img;
    size_t size;
    bool shared = shareable(dll);
    NTSTATUS built = build_image(dll, shared, &img, &size);
    if (built != STATUS_SUCCESS)
        return built;
    b->data = img;
    b->size = size;
    if (shared && status == STATUS_NOT_FOUND)
        save_image(&entry, img, size, &b->fd);
    return STATUS_SUCCESS;
}

/* The image of dll in this process, made once. */
static NTSTATUS find_image(const struct builtin_dll *dll, struct built_image **out)
{
    NTSTATUS status = STATUS_SUCCESS;
    host_lock_acquire(&cache_lock);
    size_t i = 0;
    while (i < ncached && cache[i].dll != dll)
        i++;
    if (i == ncached) {
        if (ncached == ARRAY_SIZE(cache))
            status = STATUS_INSUFFICIENT_RESOURCES;
        else
            status = get_image(dll, &cache[i]);
        if (status == STATUS_SUCCESS)
            ncached++;
    }
    *out = &cache[i];
    host_lock_release(&cache_lock);
    return status;
}

NTSTATUS IoGetBuiltinImage(const struct builtin_dll *dll, const void **data, size_t *size)
{
    struct built_image *b;
    NTSTATUS status = find_image(dll, &b);
    if (status == STATUS_SUCCESS) {
        *data = b->data;
        *size = b->size;
    }
    return status;
}

NTSTATUS IoGetBuiltinImageFile(const struct builtin_dll *dll, int *fd)
{
    struct built_image *b;
    *fd = -1;
    NTSTATUS status = find_image(dll, &b);
    if (status == STATUS_SUCCESS)
        status = b->fd >= 0 ? host_dup(b->fd, fd) : STATUS_NOT_SUPPORTED;
    return status;
}
