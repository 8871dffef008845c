/*
 * Crafted PE images for the reader's unit tests. Sections are placed at file offsets equal to their RVAs
 * (FileAlignment = SectionAlignment = 0x1000) and the buffer is exactly SizeOfImage long, so one buffer is
 * a valid image in both layouts (PE_LAYOUT_FILE and PE_LAYOUT_MAPPED). Tests then break one field.
 *
 * Layout: DOS header (e_lfanew = lfanew), NT headers, section table, headers padded to a page; then
 * nsections sections of one page each, the last one (".data", read-write) data_size bytes rounded up to a
 * page. With the defaults: ".text" at 0x1000, ".data" at 0x2000, SizeOfImage 0x3000.
 */
#ifndef TESTS_UNIT_PE_BUILDER_H
#define TESTS_UNIT_PE_BUILDER_H

#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "pe/pe.h"

#define PB_PAGE 0x1000u

/* Optional header field offsets shared by PE32 and PE32+. */
#define OPT_MAGIC          0
#define OPT_ENTRY          16
#define OPT_SECTION_ALIGN  32
#define OPT_FILE_ALIGN     36
#define OPT_SIZE_OF_IMAGE  56
#define OPT_SIZE_OF_HEADERS 60
#define OPT_SUBSYSTEM      68
#define OPT_DLL_CHARS      70

/* Section header field offsets. */
#define SEC_VSIZE    8
#define SEC_RVA      12
#define SEC_RAW_SIZE 16
#define SEC_RAW_OFF  20
#define SEC_CHARS    36

struct pb_opts {
    int pe32;            /* PE32 (i386) instead of PE32+ (AMD64) */
    uint32_t lfanew;     /* 0: 0x40 */
    int nsections;       /* -1: 0 sections; 0: the default 2 */
    uint32_t data_size;  /* size of the last section; 0: one page */
};

struct pe_builder {
    uint8_t *buf;
    size_t size;         /* == SizeOfImage */
    int pe64;
    uint32_t nt, opt, table;
    unsigned nsections;
    uint32_t headers;    /* SizeOfHeaders */
    uint32_t data_rva;   /* the last section, 0 without sections */
};

static inline uint32_t pb_align(uint64_t x)
{
    return (uint32_t)((x + PB_PAGE - 1) & ~(uint64_t)(PB_PAGE - 1));
}

static inline void pb_u8(struct pe_builder *b, uint64_t off, uint8_t v)
{
    assert_true(off < b->size);
    b->buf[off] = v;
}

static inline void pb_u16(struct pe_builder *b, uint64_t off, uint16_t v)
{
    pb_u8(b, off, (uint8_t)v);
    pb_u8(b, off + 1, (uint8_t)(v >> 8));
}

static inline void pb_u32(struct pe_builder *b, uint64_t off, uint32_t v)
{
    pb_u16(b, off, (uint16_t)v);
    pb_u16(b, off + 2, (uint16_t)(v >> 16));
}

static inline void pb_u64(struct pe_builder *b, uint64_t off, uint64_t v)
{
    pb_u32(b, off, (uint32_t)v);
    pb_u32(b, off + 4, (uint32_t)(v >> 32));
}

/* Pointer-sized value (PE32+: 8 bytes, PE32: 4). */
static inline void pb_word(struct pe_builder *b, uint64_t off, uint64_t v)
{
    if (b->pe64)
        pb_u64(b, off, v);
    else
        pb_u32(b, off, (uint32_t)v);
}

static inline unsigned pb_width(const struct pe_builder *b)
{
    return b->pe64 ? 8 : 4;
}

/* Offsets that move between PE32 and PE32+. */
static inline uint32_t pb_opt_ndirs(const struct pe_builder *b)
{
    return b->opt + (b->pe64 ? 108 : 92);
}

static inline uint32_t pb_opt_dirs(const struct pe_builder *b)
{
    return b->opt + (b->pe64 ? 112 : 96);
}

static inline void pb_opt32(struct pe_builder *b, uint32_t field, uint32_t v)
{
    pb_u32(b, b->opt + field, v);
}

static inline void pb_image_base(struct pe_builder *b, uint64_t base)
{
    if (b->pe64)
        pb_u64(b, b->opt + 24, base);
    else
        pb_u32(b, b->opt + 28, (uint32_t)base);
}

static inline uint64_t pb_base(const struct pe_builder *b)
{
    return b->pe64 ? 0x140000000ull : 0x400000u;
}

static inline void pb_dir(struct pe_builder *b, unsigned i, uint32_t rva, uint32_t size)
{
    pb_u32(b, pb_opt_dirs(b) + 8 * i, rva);
    pb_u32(b, pb_opt_dirs(b) + 8 * i + 4, size);
}

static inline void pb_sec(struct pe_builder *b, unsigned i, uint32_t field, uint32_t v)
{
    pb_u32(b, b->table + 40 * i + field, v);
}

static inline void pb_nsections(struct pe_builder *b, uint16_t n)
{
    pb_u16(b, b->nt + 6, n);
}

/* The buffer at rva (file offset == RVA). */
static inline uint8_t *pb_at(struct pe_builder *b, uint32_t rva)
{
    assert_true(rva < b->size);
    return b->buf + rva;
}

static inline void pb_str(struct pe_builder *b, uint32_t rva, const char *s)
{
    size_t n = strlen(s) + 1;
    assert_true(rva <= b->size && n <= b->size - rva);
    memcpy(b->buf + rva, s, n);
}

static inline void pb_section(struct pe_builder *b, unsigned i, const char *name, uint32_t rva, uint32_t size,
                              uint32_t chars)
{
    memcpy(b->buf + b->table + 40 * i, name, strlen(name) < 8 ? strlen(name) : 8);
    pb_sec(b, i, SEC_VSIZE, size);
    pb_sec(b, i, SEC_RVA, rva);
    pb_sec(b, i, SEC_RAW_SIZE, size);
    pb_sec(b, i, SEC_RAW_OFF, rva);
    pb_sec(b, i, SEC_CHARS, chars);
}

static inline void pb_init(struct pe_builder *b, const struct pb_opts *o)
{
    const struct pb_opts none = {0};
    if (!o)
        o = &none;
    memset(b, 0, sizeof(*b));
    b->pe64 = !o->pe32;
    b->nsections = o->nsections < 0 ? 0 : o->nsections == 0 ? 2 : (unsigned)o->nsections;
    b->nt = o->lfanew ? o->lfanew : 0x40;
    b->opt = b->nt + 24;
    uint16_t opt_size = b->pe64 ? 240 : 224;
    b->table = b->opt + opt_size;
    b->headers = pb_align((uint64_t)b->table + 40ull * b->nsections);
    uint32_t data = b->nsections ? pb_align(o->data_size ? o->data_size : PB_PAGE) : 0;
    b->data_rva = b->nsections ? b->headers + (b->nsections - 1) * PB_PAGE : 0;
    b->size = b->nsections ? (size_t)b->data_rva + data : b->headers;
    b->buf = calloc(1, b->size);
    assert_non_null(b->buf);

    pb_u16(b, 0, IMAGE_DOS_SIGNATURE);
    pb_u32(b, 0x3C, b->nt);
    pb_u32(b, b->nt, IMAGE_NT_SIGNATURE);
    pb_u16(b, b->nt + 4, b->pe64 ? IMAGE_FILE_MACHINE_AMD64 : IMAGE_FILE_MACHINE_I386);
    pb_nsections(b, (uint16_t)b->nsections);
    pb_u16(b, b->nt + 20, opt_size);
    pb_u16(b, b->nt + 22,
           IMAGE_FILE_EXECUTABLE_IMAGE | (b->pe64 ? IMAGE_FILE_LARGE_ADDRESS_AWARE : IMAGE_FILE_32BIT_MACHINE));
    pb_u16(b, b->opt + OPT_MAGIC, b->pe64 ? IMAGE_NT_OPTIONAL_HDR64_MAGIC : IMAGE_NT_OPTIONAL_HDR32_MAGIC);
    pb_opt32(b, OPT_ENTRY, b->nsections ? b->headers : 0);
    pb_image_base(b, pb_base(b));
    pb_opt32(b, OPT_SECTION_ALIGN, PB_PAGE);
    pb_opt32(b, OPT_FILE_ALIGN, PB_PAGE);
    pb_opt32(b, OPT_SIZE_OF_IMAGE, (uint32_t)b->size);
    pb_opt32(b, OPT_SIZE_OF_HEADERS, b->headers);
    pb_u16(b, b->opt + OPT_SUBSYSTEM, IMAGE_SUBSYSTEM_WINDOWS_CUI);
    pb_u32(b, pb_opt_ndirs(b), IMAGE_NUMBEROF_DIRECTORY_ENTRIES);

    for (unsigned i = 0; i + 1 < b->nsections; i++)
        pb_section(b, i, i == 0 ? ".text" : ".rdata", b->headers + i * PB_PAGE, PB_PAGE,
                   i == 0 ? IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_EXECUTE : IMAGE_SCN_MEM_READ);
    if (b->nsections)
        pb_section(b, b->nsections - 1, ".data", b->data_rva, data,
                   IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE);
}

static inline void pb_free(struct pe_builder *b)
{
    free(b->buf);
    b->buf = NULL;
}

static inline NTSTATUS pb_parse(struct pe_builder *b, enum pe_layout layout, struct pe_image *img)
{
    return pe_parse(img, b->buf, b->size, layout);
}

/* Parses in both layouts, expecting the same status, and leaves the file-layout result in *img. */
static inline void pb_expect(struct pe_builder *b, NTSTATUS want, struct pe_image *img)
{
    NTSTATUS mapped = pb_parse(b, PE_LAYOUT_MAPPED, img);
    NTSTATUS file = pb_parse(b, PE_LAYOUT_FILE, img);
    if (file != want || mapped != want)
        fprintf(stderr, "pe_parse: file 0x%08X, mapped 0x%08X, want 0x%08X (%s)\n", (unsigned)file,
                (unsigned)mapped, (unsigned)want, img->error ? img->error : "no error");
    assert_int_equal(file, want);
    assert_int_equal(mapped, want);
    if (want == STATUS_SUCCESS)
        assert_null(img->error);
    else
        assert_non_null(img->error);
}

#endif
