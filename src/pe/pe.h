/*
 * pe: a bounded PE/COFF reader and validator.
 *
 * Pure: no I/O, no globals, no allocation. Everything read from an image goes through a bounded view
 * (pe_ptr/pe_str), so any byte buffer can be handed in, including a fuzzer's. An image is read either as
 * a file (raw offsets; RVAs are translated through the section table) or as a mapped view (RVA == offset).
 *
 * Status convention: STATUS_SUCCESS, STATUS_NO_MORE_ENTRIES at the end of an iteration (an iterator over
 * an absent directory ends at once; an index past the end of a table is also STATUS_NO_MORE_ENTRIES),
 * STATUS_NOT_FOUND for an absent directory or export, and a precise image status for malformed data
 * (never NT_SUCCESS() alone: STATUS_IMAGE_MACHINE_TYPE_MISMATCH is an informational value, so callers
 * compare with STATUS_SUCCESS). Out-pointers are cleared on entry. docs/pe-reader.md tables the rules.
 */
#ifndef PE_PE_H
#define PE_PE_H

#include <stddef.h>
#include <stdint.h>

#include "nt/ntstatus.h"
#include "nt/pe.h"

/* Bounds the reader enforces (documented in docs/pe-reader.md; each has boundary tests). */
#define PE_MAX_LFANEW        0x10000000u /* e_lfanew beyond 256 MiB is rejected */
#define PE_MAX_SECTIONS      96          /* the Windows loader's limit */
#define PE_MAX_IMAGE_SIZE    0x80000000u /* SizeOfImage: 2 GiB */
#define PE_MAX_IMPORT_DLLS   4096
#define PE_MAX_THUNKS        0x10000
#define PE_MAX_EXPORTS       0x10000     /* ordinals are 16-bit */
#define PE_MAX_TLS_CALLBACKS 1024
#define PE_MAX_NAME          512         /* longest import/export name accepted */
#define PE_MAX_RESOURCE_ENTRIES 0x10000  /* directory entries visited by one resource walk */

struct pe_view {
    const uint8_t *base;
    size_t size;
};

/* Pointer to len bytes at off, or NULL when off + len overflows or passes the end. */
const void *pe_ptr(const struct pe_view *v, uint64_t off, uint64_t len);
/* NUL-terminated string at off of at most max bytes (excluding the NUL), or NULL. Strings returned by
 * the reader point into the image and stay valid as long as its bytes do. */
const char *pe_str(const struct pe_view *v, uint64_t off, size_t max);

static inline uint16_t pe_le16(const void *p)
{
    const uint8_t *b = p;
    return (uint16_t)(b[0] | b[1] << 8);
}
static inline uint32_t pe_le32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}
static inline uint64_t pe_le64(const void *p)
{
    return pe_le32(p) | (uint64_t)pe_le32((const uint8_t *)p + 4) << 32;
}

enum pe_layout { PE_LAYOUT_FILE, PE_LAYOUT_MAPPED };

struct pe_section {
    char     name[IMAGE_SIZEOF_SHORT_NAME + 1]; /* NUL-terminated copy */
    uint32_t rva;
    uint32_t virtual_size;    /* 0 in the file is reported as size_of_raw_data, as the loader treats it */
    uint32_t raw_offset;
    uint32_t raw_size;        /* SizeOfRawData as stored */
    uint32_t raw_used;        /* min(raw_size, virtual_size): the bytes the section takes from the file (the
                               * rest of it is zero-filled); inside the file when parsed as PE_LAYOUT_FILE */
    uint32_t characteristics;
};

/* The decoded, validated headers of an image. */
struct pe_image {
    struct pe_view view;
    enum pe_layout layout;
    uint32_t nt_offset;              /* e_lfanew */
    uint16_t machine;
    uint16_t characteristics;        /* IMAGE_FILE_* */
    uint32_t timestamp;
    uint16_t magic;                  /* IMAGE_NT_OPTIONAL_HDR32_MAGIC or ..64_MAGIC */
    uint8_t  linker_major, linker_minor;
    uint16_t subsystem;
    uint16_t subsystem_major, subsystem_minor;
    uint16_t os_major, os_minor;
    uint16_t dll_characteristics;    /* IMAGE_DLLCHARACTERISTICS_* */
    uint64_t image_base;
    uint32_t entry_rva;              /* 0: no entry point */
    uint32_t size_of_image;
    uint32_t size_of_headers;
    uint32_t section_alignment;
    uint32_t file_alignment;
    uint32_t checksum;
    uint64_t stack_reserve, stack_commit, heap_reserve, heap_commit;
    uint32_t loader_flags;
    uint32_t ndirs;                  /* NumberOfRvaAndSizes, capped at 16 */
    IMAGE_DATA_DIRECTORY dirs[IMAGE_NUMBEROF_DIRECTORY_ENTRIES]; /* entries past ndirs are zero */
    uint16_t nsections;
    uint32_t section_table_offset;
    const char *error;               /* after a failed pe_parse: the check that failed, for messages */
};

/*
 * Validates the headers of data[0..size) and decodes them into *img (cleared first).
 * Accepts any machine and PE32 or PE32+ (for --inspect); see pe_check_runnable for what may run.
 * Checks: DOS header and "MZ"; e_lfanew within PE_MAX_LFANEW and the data (it may point inside the DOS
 * header, as minimal PEs do); "PE\0\0";
 * SizeOfOptionalHeader covers the magic and the declared directories; section count <= PE_MAX_SECTIONS
 * and the table inside SizeOfHeaders; alignments (powers of two, FileAlignment 512..64K unless equal to
 * SectionAlignment < page size; SectionAlignment >= FileAlignment); SizeOfHeaders <= SizeOfImage;
 * sections in ascending, non-overlapping RVA order, aligned, inside SizeOfImage, the first one after the
 * headers (SizeOfHeaders rounded up to SectionAlignment); raw data inside the file (file layout); each
 * data directory inside SizeOfImage (except the security directory, a file offset); entry point inside
 * SizeOfImage; ImageBase 64K-aligned and ImageBase + SizeOfImage not wrapping.
 * Returns STATUS_INVALID_IMAGE_NOT_MZ, STATUS_INVALID_IMAGE_FORMAT or STATUS_SUCCESS; on failure
 * img->error names the failed check in a few words ("section table extends past SizeOfHeaders").
 */
NTSTATUS pe_parse(struct pe_image *img, const void *data, size_t size, enum pe_layout layout);

/* What ntexec can run: machine AMD64 (else STATUS_IMAGE_MACHINE_TYPE_MISMATCH) and PE32+ (else
 * STATUS_INVALID_IMAGE_FORMAT). */
NTSTATUS pe_check_runnable(const struct pe_image *img);

/* Section i (0-based, < img->nsections; past the end: STATUS_NO_MORE_ENTRIES). */
NTSTATUS pe_section_at(const struct pe_image *img, unsigned i, struct pe_section *out);

/* Bounded pointer to len bytes at rva, translated for the image's layout; NULL if outside. In a file,
 * the range must lie in the headers or in one section's raw data (raw_used); zero-filled parts of a
 * section have no bytes there. */
const void *pe_rva_ptr(const struct pe_image *img, uint32_t rva, uint32_t len);
/* NUL-terminated string at rva (at most PE_MAX_NAME bytes), or NULL. */
const char *pe_rva_str(const struct pe_image *img, uint32_t rva);
/* File offset of rva (file layout; the RVA itself for a mapped view), for reports. STATUS_NOT_FOUND when
 * no file byte backs it. */
NTSTATUS pe_rva_to_offset(const struct pe_image *img, uint32_t rva, uint32_t *offset);

/* ---- imports ---------------------------------------------------------------------------------- */

struct pe_import_dll {
    const char *name;       /* points into the image */
    uint32_t name_rva;
    uint32_t lookup_rva;    /* OriginalFirstThunk, or FirstThunk when that is 0 */
    uint32_t iat_rva;       /* FirstThunk: the slots the loader writes */
    uint32_t timestamp;
    uint32_t forwarder_chain;
};

struct pe_import_iter {
    const struct pe_image *img;
    uint32_t next_rva;
    unsigned count;
};

void pe_import_begin(struct pe_import_iter *it, const struct pe_image *img);
/* Next import descriptor; STATUS_NO_MORE_ENTRIES at the terminator, which is, as the Windows loader reads
 * the table, the first descriptor whose Name or FirstThunk is 0 (the directory's Size is not used). More
 * than PE_MAX_IMPORT_DLLS descriptors or an unreadable name is STATUS_INVALID_IMAGE_FORMAT. */
NTSTATUS pe_import_next(struct pe_import_iter *it, struct pe_import_dll *out);

struct pe_thunk {
    int      by_ordinal;
    uint16_t ordinal;       /* when by_ordinal */
    uint16_t hint;          /* when by name */
    const char *name;       /* when by name; points into the image */
    uint32_t iat_rva;       /* the IAT slot this entry resolves */
};

struct pe_thunk_iter {
    const struct pe_image *img;
    uint32_t lookup_rva;
    uint32_t iat_rva;
    unsigned count;
};

/* Walks a lookup table (import or delay-load) beside its IAT; entry width follows the image's magic.
 * Ends at the zero entry (or at once if lookup_rva is 0); more than PE_MAX_THUNKS entries, a name RVA
 * that does not fit 31 bits, an unreadable hint/name or IAT slot is STATUS_INVALID_IMAGE_FORMAT. */
void pe_thunk_begin(struct pe_thunk_iter *it, const struct pe_image *img, uint32_t lookup_rva, uint32_t iat_rva);
NTSTATUS pe_thunk_next(struct pe_thunk_iter *it, struct pe_thunk *out);

/* ---- delay-load imports --------------------------------------------------------------------------- */

struct pe_delay_dll {
    const char *name;
    uint32_t attributes;
    uint32_t name_rva;
    uint32_t module_handle_rva;
    uint32_t iat_rva;
    uint32_t name_table_rva;
    uint32_t bound_iat_rva;
    uint32_t unload_rva;
    uint32_t timestamp;
};

struct pe_delay_iter {
    const struct pe_image *img;
    uint32_t next_rva;
    unsigned count;
};

void pe_delay_begin(struct pe_delay_iter *it, const struct pe_image *img);
/* Next delay-load descriptor. No loader rule exists (the program's own helper reads them), so the table
 * is read as dumpbin does: up to a descriptor with DllNameRVA 0, and never past the directory's Size.
 * Descriptors without attribute bit 0 (old PE32 images) hold VAs; they are converted to RVAs. */
NTSTATUS pe_delay_next(struct pe_delay_iter *it, struct pe_delay_dll *out);

/* ---- exports ---------------------------------------------------------------------------------------- */

struct pe_exports {
    const char *dll_name;    /* may be NULL if the name RVA is bad */
    uint32_t dir_rva, dir_size;
    uint32_t ordinal_base;
    uint32_t nfunctions;     /* capped: > PE_MAX_EXPORTS is STATUS_INVALID_IMAGE_FORMAT */
    uint32_t nnames;
    uint32_t functions_rva, names_rva, ordinals_rva;
    uint32_t timestamp;
};

struct pe_export {
    uint32_t ordinal;        /* biased: ordinal_base + index */
    uint32_t rva;            /* 0: unused slot */
    const char *name;        /* NULL for NONAME exports */
    const char *forwarder;   /* "NTDLL.RtlAllocateHeap" when rva lies in the export directory, else NULL */
};

/* STATUS_NOT_FOUND when the image has no export directory. Checks the counts, the ordinal range (base +
 * nfunctions must not wrap 32 bits) and that the three tables are readable. */
NTSTATUS pe_exports_get(const struct pe_image *img, struct pe_exports *out);
/* Function table entry i (0 <= i < nfunctions), with its name if one refers to it (the first such name;
 * a linear scan of the name table). Export RVAs are not checked against SizeOfImage, as on Windows. */
NTSTATUS pe_export_at(const struct pe_image *img, const struct pe_exports *ex, uint32_t index, struct pe_export *out);
/* Function table entry i without looking for its name (name is NULL): O(1), for callers that pair names
 * with entries themselves through pe_export_name_at. */
NTSTATUS pe_export_function_at(const struct pe_image *img, const struct pe_exports *ex, uint32_t index,
                               struct pe_export *out);
/* Name i of the name table (0 <= i < nnames, sorted) and the function index it refers to: to visit every
 * name in O(n). An index >= nfunctions is STATUS_INVALID_IMAGE_FORMAT. */
NTSTATUS pe_export_name_at(const struct pe_image *img, const struct pe_exports *ex, uint32_t i, uint32_t *index,
                           const char **name);
/* Lookup as the loader does it: the hint first, then binary search of the sorted name table (strcmp order).
 * STATUS_NOT_FOUND if no name matches. */
NTSTATUS pe_export_by_name(const struct pe_image *img, const struct pe_exports *ex, const char *name, uint16_t hint,
                           struct pe_export *out);
/* Lookup by biased ordinal; STATUS_ORDINAL_NOT_FOUND if out of range or unused. */
NTSTATUS pe_export_by_ordinal(const struct pe_image *img, const struct pe_exports *ex, uint32_t ordinal,
                              struct pe_export *out);

/* ---- base relocations ------------------------------------------------------------------------------------ */

struct pe_reloc {
    uint32_t rva;            /* page RVA + offset */
    uint8_t  type;           /* IMAGE_REL_BASED_* */
    uint16_t arg;            /* HIGHADJ: the low 16 bits, carried by the entry after it (consumed) */
};

struct pe_reloc_iter {
    const struct pe_image *img;
    uint32_t block_rva;      /* RVA of the current block header */
    uint32_t end_rva;        /* end of the relocation directory */
    uint32_t next_rva;       /* RVA of the next block header */
    uint32_t page_rva;
    uint32_t entry, nentries;
};

void pe_reloc_begin(struct pe_reloc_iter *it, const struct pe_image *img);
/* Every entry, ABSOLUTE padding included; a block whose size is not 8 + 2n or that leaves the
 * directory, or whose page is outside the image, is STATUS_INVALID_IMAGE_FORMAT. A block with SizeOfBlock 0
 * ends the walk, as in the Windows loader. Targets are not checked against their width here. */
NTSTATUS pe_reloc_next(struct pe_reloc_iter *it, struct pe_reloc *out);
/* The bytes a relocation of this type patches (DIR64 8, HIGHLOW 4, HIGH/LOW/HIGHADJ 2), 0 for ABSOLUTE and
 * the types an x64 image cannot have. */
unsigned pe_reloc_width(uint8_t type);
/* Moves the address r patches at `at` (pe_reloc_width(r->type) bytes) by delta. */
void pe_reloc_apply(const struct pe_reloc *r, uint8_t *at, int64_t delta);

/* ---- TLS --------------------------------------------------------------------------------------------- */

struct pe_tls {
    uint32_t raw_start_rva, raw_end_rva; /* template */
    uint32_t index_rva;                  /* where the loader stores the TLS index */
    uint32_t callbacks_rva;              /* 0: none */
    uint32_t zero_fill;
    uint32_t characteristics;
};

/* The VAs in the TLS directory are converted to RVAs against base: the preferred image base for a
 * file, the actual base for a mapped view that has been relocated. STATUS_NOT_FOUND without TLS. */
NTSTATUS pe_tls_get(const struct pe_image *img, uint64_t base, struct pe_tls *out);
/* Callback i (VA as stored, converted to an RVA against base); STATUS_NO_MORE_ENTRIES at the NULL. A
 * callback outside the image, or a non-NULL entry at index PE_MAX_TLS_CALLBACKS, is invalid. */
NTSTATUS pe_tls_callback_at(const struct pe_image *img, uint64_t base, const struct pe_tls *tls, unsigned i,
                            uint32_t *rva);

/* ---- exception directory (.pdata), load config, resources ---------------------------------------------- */

/* Number of RUNTIME_FUNCTION entries (0 without a directory, and for machines other than AMD64 and
 * IA64, whose entries have another layout). */
uint32_t pe_pdata_count(const struct pe_image *img);
NTSTATUS pe_pdata_at(const struct pe_image *img, uint32_t i, IMAGE_RUNTIME_FUNCTION_ENTRY *out);

struct pe_load_config {
    uint32_t size;
    uint64_t security_cookie_va;
    uint64_t guard_cf_check_va;
    uint32_t guard_flags;
};
/* Fields beyond the structure's own Size field read as 0. STATUS_NOT_FOUND without the directory. */
NTSTATUS pe_load_config_get(const struct pe_image *img, struct pe_load_config *out);

struct pe_resource {
    /* type, name and language: an integer id, or a UTF-16LE name (not NUL-terminated, 2-byte aligned, read
     * it with pe_le16) when *_name != NULL */
    uint32_t type_id, name_id, lang_id;
    const uint16_t *type_name, *name_name;
    uint16_t type_name_len, name_name_len;   /* in UTF-16 units */
    uint32_t data_rva, data_size, codepage;
};
typedef void (*pe_resource_fn)(void *ctx, const struct pe_resource *res);
/* Calls fn for every leaf of the three-level resource tree (type, name, language). Bounded: at most
 * PE_MAX_RESOURCE_ENTRIES entries in all, a subdirectory must lie after its parent (so no cycles), leaves
 * only at the third level and inside the image; else STATUS_INVALID_IMAGE_FORMAT. STATUS_NOT_FOUND without
 * a resource directory. */
NTSTATUS pe_resources_walk(const struct pe_image *img, pe_resource_fn fn, void *ctx);

/* Lookups in the resource tree, one level at a time (FindResource, EnumResource*): a directory is named by
 * its offset from the tree's root. Every offset is checked against the image's bytes; a subdirectory must lie
 * after its parent, so no walk can loop. */
struct pe_resource_dir {
    uint32_t offset;         /* from the root; 0 for the root */
    uint32_t nentries;       /* named + id entries, all readable */
};
struct pe_resource_entry {
    uint32_t id;             /* when name == NULL */
    const uint16_t *name;    /* UTF-16LE, not NUL-terminated, name_len units; 2-byte aligned */
    uint16_t name_len;
    int is_dir;
    uint32_t target;         /* offset from the root of the subdirectory or the data entry */
};
/* The root directory; STATUS_NOT_FOUND without a resource directory, STATUS_INVALID_IMAGE_FORMAT when it
 * cannot be read. */
NTSTATUS pe_resource_root(const struct pe_image *img, struct pe_resource_dir *out);
/* Entry i of dir (i < nentries), its name read and bounded. */
NTSTATUS pe_resource_entry_at(const struct pe_image *img, const struct pe_resource_dir *dir, uint32_t i,
                              struct pe_resource_entry *out);
/* The subdirectory an entry of dir points to: it must be a directory after dir. */
NTSTATUS pe_resource_subdir(const struct pe_image *img, const struct pe_resource_dir *dir,
                            const struct pe_resource_entry *e, struct pe_resource_dir *out);
/* The IMAGE_RESOURCE_DATA_ENTRY an entry points to (a leaf), inside the image's bytes. */
const IMAGE_RESOURCE_DATA_ENTRY *pe_resource_data_entry(const struct pe_image *img, const struct pe_resource_entry *e);
/* The IMAGE_RESOURCE_DIRECTORY header of dir, inside the image's bytes. */
const IMAGE_RESOURCE_DIRECTORY *pe_resource_dir_header(const struct pe_image *img, const struct pe_resource_dir *dir);

/* Printable names for reports. */
const char *pe_machine_name(uint16_t machine);
const char *pe_subsystem_name(uint16_t subsystem);
const char *pe_reloc_type_name(uint8_t type);

#endif
