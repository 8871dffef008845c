/*
 * pe_parse: header validation, once, when an image is opened. The rules are the Windows loader's where
 * they are known (ReactOS's and Wine's image section code follow it); docs/pe-reader.md tables them.
 * Each failed check leaves a few words in img->error.
 */
#include <string.h>

#include "pe/pe_int.h"

#define DOS_HEADER_SIZE      64
#define NT_FIXED_SIZE        24      /* "PE\0\0" + IMAGE_FILE_HEADER */
#define MIN_FILE_ALIGNMENT   0x200u
#define MAX_FILE_ALIGNMENT   0x10000u
#define IMAGE_BASE_ALIGNMENT 0x10000u /* allocation granularity */

static NTSTATUS reject(struct pe_image *img, NTSTATUS status, const char *why)
{
    img->error = why;
    return status;
}

static NTSTATUS bad(struct pe_image *img, const char *why)
{
    return reject(img, STATUS_INVALID_IMAGE_FORMAT, why);
}

static NTSTATUS parse_dos_header(struct pe_image *img)
{
    const uint8_t *dos = pe_ptr(&img->view, 0, DOS_HEADER_SIZE);
    if (!dos)
        return reject(img, STATUS_INVALID_IMAGE_NOT_MZ, "too small for a DOS header");
    if (pe_le16(dos) != IMAGE_DOS_SIGNATURE)
        return reject(img, STATUS_INVALID_IMAGE_NOT_MZ, "no MZ signature");
    /* e_lfanew is signed on disk: a negative one reads as a huge offset and fails the cap. */
    img->nt_offset = pe_le32(dos + offsetof(IMAGE_DOS_HEADER, e_lfanew));
    if (img->nt_offset > PE_MAX_LFANEW)
        return bad(img, "e_lfanew beyond 256 MiB");
    return STATUS_SUCCESS;
}

/* The fields whose offset or width differ between PE32 and PE32+ are ImageBase and the four
 * stack/heap sizes; everything from NumberOfRvaAndSizes on moves with them. */
static void decode_optional(struct pe_image *img, const uint8_t *o, unsigned w)
{
    const uint8_t *sizes = o + 72;
    img->linker_major = o[2];
    img->linker_minor = o[3];
    img->entry_rva = pe_le32(o + 16);
    img->image_base = w == 8 ? pe_le64(o + 24) : pe_le32(o + 28);
    img->section_alignment = pe_le32(o + 32);
    img->file_alignment = pe_le32(o + 36);
    img->os_major = pe_le16(o + 40);
    img->os_minor = pe_le16(o + 42);
    img->subsystem_major = pe_le16(o + 48);
    img->subsystem_minor = pe_le16(o + 50);
    img->size_of_image = pe_le32(o + 56);
    img->size_of_headers = pe_le32(o + 60);
    img->checksum = pe_le32(o + 64);
    img->subsystem = pe_le16(o + 68);
    img->dll_characteristics = pe_le16(o + 70);
    img->stack_reserve = pe_word(sizes, w);
    img->stack_commit = pe_word(sizes + w, w);
    img->heap_reserve = pe_word(sizes + 2 * w, w);
    img->heap_commit = pe_word(sizes + 3 * w, w);
    img->loader_flags = pe_le32(sizes + 4 * w);
}

static NTSTATUS parse_nt_headers(struct pe_image *img)
{
    const uint8_t *nt = pe_ptr(&img->view, img->nt_offset, NT_FIXED_SIZE);
    if (!nt)
        return bad(img, "NT headers outside the file");
    if (pe_le32(nt) != IMAGE_NT_SIGNATURE)
        return bad(img, "no PE signature");
    img->machine = pe_le16(nt + 4);
    img->nsections = pe_le16(nt + 6);
    img->timestamp = pe_le32(nt + 8);
    img->characteristics = pe_le16(nt + 22);

    uint16_t opt_size = pe_le16(nt + 20);
    const uint8_t *o = pe_ptr(&img->view, (uint64_t)img->nt_offset + NT_FIXED_SIZE, opt_size);
    if (!o)
        return bad(img, "optional header outside the file");
    img->magic = opt_size >= 2 ? pe_le16(o) : 0;
    if (img->magic != IMAGE_NT_OPTIONAL_HDR32_MAGIC && img->magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
        return bad(img, "not a PE32 or PE32+ optional header");
    unsigned w = pe_ptr_width(img);
    uint32_t fixed = 72 + 4 * w + 8; /* through NumberOfRvaAndSizes: 96 (PE32), 112 (PE32+) */
    if (opt_size < fixed)
        return bad(img, "optional header too small");
    decode_optional(img, o, w);

    /* Directories past the sixteenth are ignored, as the loader does. */
    uint32_t ndirs = pe_le32(o + fixed - 4);
    img->ndirs = ndirs < IMAGE_NUMBEROF_DIRECTORY_ENTRIES ? ndirs : IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    if (opt_size - fixed < img->ndirs * sizeof(IMAGE_DATA_DIRECTORY))
        return bad(img, "optional header too small for its data directories");
    for (uint32_t i = 0; i < img->ndirs; i++) {
        img->dirs[i].VirtualAddress = pe_le32(o + fixed + 8 * i);
        img->dirs[i].Size = pe_le32(o + fixed + 8 * i + 4);
    }
    img->section_table_offset = img->nt_offset + NT_FIXED_SIZE + opt_size;
    return STATUS_SUCCESS;
}

static int is_pow2(uint32_t x)
{
    return x && !(x & (x - 1));
}

static NTSTATUS check_alignment(struct pe_image *img)
{
    uint32_t sa = img->section_alignment, fa = img->file_alignment;
    if (!is_pow2(sa) || !is_pow2(fa))
        return bad(img, "alignment not a power of two");
    /* Below a page, sections are mapped straight from the file, so both alignments must agree. */
    if (sa < PE_PAGE_SIZE)
        return fa == sa ? STATUS_SUCCESS : bad(img, "FileAlignment differs from a sub-page SectionAlignment");
    if (fa < MIN_FILE_ALIGNMENT || fa > MAX_FILE_ALIGNMENT)
        return bad(img, "FileAlignment outside 512..64K");
    if (sa < fa)
        return bad(img, "SectionAlignment below FileAlignment");
    return STATUS_SUCCESS;
}

static NTSTATUS check_sizes(struct pe_image *img)
{
    if (img->size_of_image > PE_MAX_IMAGE_SIZE)
        return bad(img, "SizeOfImage above 2 GiB");
    if (img->image_base > UINT64_MAX - img->size_of_image)
        return bad(img, "image base plus SizeOfImage wraps");
    if (img->image_base % IMAGE_BASE_ALIGNMENT)
        return bad(img, "image base not 64K-aligned");
    if (img->size_of_headers > img->size_of_image)
        return bad(img, "SizeOfHeaders above SizeOfImage");
    if (img->entry_rva && img->entry_rva >= img->size_of_image)
        return bad(img, "entry point outside the image");
    return STATUS_SUCCESS;
}

static NTSTATUS check_section_table(struct pe_image *img)
{
    uint64_t len = (uint64_t)img->nsections * sizeof(IMAGE_SECTION_HEADER);
    if (img->nsections > PE_MAX_SECTIONS)
        return bad(img, "more than 96 sections");
    if (!pe_ptr(&img->view, img->section_table_offset, len))
        return bad(img, "section table outside the file");
    if (len > img->size_of_headers || img->section_table_offset > img->size_of_headers - len)
        return bad(img, "section table extends past SizeOfHeaders");
    return STATUS_SUCCESS;
}

static uint64_t align_up(uint64_t x, uint32_t a)
{
    return (x + a - 1) & ~(uint64_t)(a - 1);
}

/* *next_free: the first RVA the section may use, after the (aligned) headers or previous section. */
static NTSTATUS check_section(struct pe_image *img, const struct pe_section *s, uint64_t *next_free)
{
    if (s->rva % img->section_alignment)
        return bad(img, "section address not aligned");
    if (s->rva < *next_free)
        return bad(img, "section overlaps the headers or the previous section");
    if (s->virtual_size == 0)
        return bad(img, "section has no size");
    if (s->virtual_size > img->size_of_image || s->rva > img->size_of_image - s->virtual_size)
        return bad(img, "section extends past SizeOfImage");
    if (s->raw_size > UINT32_MAX - s->raw_offset)
        return bad(img, "section raw data wraps");
    if (img->layout == PE_LAYOUT_FILE && s->raw_used && !pe_ptr(&img->view, s->raw_offset, s->raw_used))
        return bad(img, "section raw data outside the file");
    *next_free = align_up((uint64_t)s->rva + s->virtual_size, img->section_alignment);
    return STATUS_SUCCESS;
}

static NTSTATUS check_sections(struct pe_image *img)
{
    uint64_t next_free = align_up(img->size_of_headers, img->section_alignment);
    struct pe_section s;
    for (unsigned i = 0; pe_section_at(img, i, &s) == STATUS_SUCCESS; i++) {
        NTSTATUS status = check_section(img, &s, &next_free);
        if (status != STATUS_SUCCESS)
            return status;
    }
    return STATUS_SUCCESS;
}

static const char *const dir_outside[IMAGE_NUMBEROF_DIRECTORY_ENTRIES] = {
    "export directory outside the image",       "import directory outside the image",
    "resource directory outside the image",     "exception directory outside the image",
    "security directory",                       "relocation directory outside the image",
    "debug directory outside the image",        "architecture directory outside the image",
    "global pointer directory outside the image", "TLS directory outside the image",
    "load config directory outside the image",  "bound import directory outside the image",
    "IAT directory outside the image",          "delay import directory outside the image",
    "COM descriptor outside the image",         "reserved directory outside the image",
};

static NTSTATUS check_directories(struct pe_image *img)
{
    for (unsigned i = 0; i < img->ndirs; i++) {
        const IMAGE_DATA_DIRECTORY *d = &img->dirs[i];
        /* The security directory holds a file offset to certificates that are never mapped. */
        if (i == IMAGE_DIRECTORY_ENTRY_SECURITY || d->VirtualAddress == 0)
            continue;
        if (d->Size > img->size_of_image || d->VirtualAddress > img->size_of_image - d->Size)
            return bad(img, dir_outside[i]);
    }
    return STATUS_SUCCESS;
}

NTSTATUS pe_parse(struct pe_image *img, const void *data, size_t size, enum pe_layout layout)
{
    memset(img, 0, sizeof(*img));
    img->view.base = data;
    img->view.size = size;
    img->layout = layout;

    NTSTATUS status = parse_dos_header(img);
    if (status == STATUS_SUCCESS)
        status = parse_nt_headers(img);
    if (status == STATUS_SUCCESS)
        status = check_alignment(img);
    if (status == STATUS_SUCCESS)
        status = check_sizes(img);
    if (status == STATUS_SUCCESS)
        status = check_section_table(img);
    if (status == STATUS_SUCCESS)
        status = check_sections(img);
    if (status == STATUS_SUCCESS)
        status = check_directories(img);
    return status;
}

NTSTATUS pe_check_runnable(const struct pe_image *img)
{
    if (img->machine != IMAGE_FILE_MACHINE_AMD64)
        return STATUS_IMAGE_MACHINE_TYPE_MISMATCH;
    if (img->magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
        return STATUS_INVALID_IMAGE_FORMAT;
    return STATUS_SUCCESS;
}
