/*
 * pe_parse and the bounded accessors on crafted images. For every bound: an image that ends exactly at
 * it (accepted), one a byte past (rejected with its status and reason), and one whose sum wraps.
 */
#include "pe_builder.h"

static struct pe_builder B;

static int setup(void **state)
{
    (void)state;
    pb_init(&B, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pb_free(&B);
    return 0;
}

static void expect_ok(struct pe_builder *b)
{
    struct pe_image img;
    pb_expect(b, STATUS_SUCCESS, &img);
}

static void expect_bad(struct pe_builder *b, const char *reason)
{
    struct pe_image img;
    pb_expect(b, STATUS_INVALID_IMAGE_FORMAT, &img);
    assert_string_equal(img.error, reason);
}

/* Rebuilds B with other options (the fixture's B is the default image). */
static void rebuild(const struct pb_opts *o)
{
    pb_free(&B);
    pb_init(&B, o);
}

/* ---- accessors ---------------------------------------------------------------------------------- */

static void t_ptr_bounds(void **state)
{
    (void)state;
    uint8_t data[16] = {0};
    struct pe_view v = {data, sizeof(data)};
    assert_ptr_equal(pe_ptr(&v, 0, 16), data);
    assert_ptr_equal(pe_ptr(&v, 16, 0), data + 16); /* empty range at the end */
    assert_null(pe_ptr(&v, 0, 17));
    assert_null(pe_ptr(&v, 15, 2));
    assert_null(pe_ptr(&v, 17, 0));
    assert_null(pe_ptr(&v, UINT64_MAX, 2));             /* off + len wraps 64 bits */
    assert_null(pe_ptr(&v, 2, UINT64_MAX));
    struct pe_view empty = {NULL, 0};
    assert_null(pe_ptr(&empty, 0, 0));
}

static void t_str_bounds(void **state)
{
    (void)state;
    char data[8] = "abc\0defg";                  /* no NUL after "defg" */
    struct pe_view v = {(const uint8_t *)data, sizeof(data)};
    assert_string_equal(pe_str(&v, 0, 3), "abc");  /* exactly max bytes */
    assert_null(pe_str(&v, 0, 2));                 /* one past max */
    assert_string_equal(pe_str(&v, 3, 0), "");
    assert_null(pe_str(&v, 4, 100));               /* runs off the view */
    assert_null(pe_str(&v, 8, 100));
    assert_null(pe_str(&v, UINT64_MAX, 100));
}

static void t_le_reads(void **state)
{
    (void)state;
    const uint8_t b[8] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88};
    assert_int_equal(pe_le16(b), 0x0201);
    assert_int_equal(pe_le32(b), 0x04030201);
    assert_true(pe_le64(b) == 0x8807060504030201ull);
}

/* ---- DOS header and e_lfanew ---------------------------------------------------------------------- */

static void t_default_image(void **state)
{
    (void)state;
    struct pe_image img;
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.machine, IMAGE_FILE_MACHINE_AMD64);
    assert_int_equal(img.magic, IMAGE_NT_OPTIONAL_HDR64_MAGIC);
    assert_int_equal(img.nt_offset, 0x40);
    assert_true(img.image_base == 0x140000000ull);
    assert_int_equal(img.size_of_image, 0x3000);
    assert_int_equal(img.size_of_headers, 0x1000);
    assert_int_equal(img.entry_rva, 0x1000);
    assert_int_equal(img.nsections, 2);
    assert_int_equal(img.ndirs, 16);
    assert_int_equal(img.subsystem, IMAGE_SUBSYSTEM_WINDOWS_CUI);
    assert_int_equal(img.section_table_offset, 0x40 + 24 + 240);
    assert_int_equal(pe_check_runnable(&img), STATUS_SUCCESS);
}

static void t_dos_header(void **state)
{
    (void)state;
    struct pe_image img;
    assert_int_equal(pe_parse(&img, NULL, 0, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_NOT_MZ);
    assert_string_equal(img.error, "too small for a DOS header");
    assert_int_equal(pe_parse(&img, B.buf, 63, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_NOT_MZ);
    assert_string_equal(img.error, "too small for a DOS header");
    /* 64 bytes hold the DOS header; the NT headers are then missing. */
    assert_int_equal(pe_parse(&img, B.buf, 64, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "NT headers outside the file");
    pb_u16(&B, 0, 0x4D5A); /* "ZM" */
    assert_int_equal(pe_parse(&img, B.buf, B.size, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_NOT_MZ);
    assert_string_equal(img.error, "no MZ signature");
}

static void t_lfanew_cap(void **state)
{
    (void)state;
    struct pb_opts at_cap = {.lfanew = PE_MAX_LFANEW};
    rebuild(&at_cap);
    struct pe_image img;
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.nt_offset, PE_MAX_LFANEW);
    /* One past the cap: rejected before anything is read there. */
    pb_u32(&B, 0x3C, PE_MAX_LFANEW + 1);
    expect_bad(&B, "e_lfanew beyond 256 MiB");
    /* e_lfanew is signed on disk: -4 wraps to 0xFFFFFFFC. */
    pb_u32(&B, 0x3C, 0xFFFFFFFCu);
    expect_bad(&B, "e_lfanew beyond 256 MiB");
}

static void t_nt_headers_in_file(void **state)
{
    (void)state;
    struct pe_image img;
    /* "PE\0\0" + file header end exactly at the end of the data: the optional header is then missing. */
    assert_int_equal(pe_parse(&img, B.buf, 0x40 + 24, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "optional header outside the file");
    assert_int_equal(pe_parse(&img, B.buf, 0x40 + 23, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "NT headers outside the file");
    /* e_lfanew near the end of a file: offset + 24 passes it. */
    pb_u32(&B, 0x3C, (uint32_t)B.size - 23);
    expect_bad(&B, "NT headers outside the file");
    pb_u32(&B, 0x3C, 0x40);
    pb_u32(&B, 0x40, 0x01004550); /* "PE\0\1" */
    expect_bad(&B, "no PE signature");
}

/* A minimal image: e_lfanew = 4 points inside the DOS header, so the DOS header's e_lfanew field (0x3C) is
 * also SectionAlignment (optional header + 32); both alignments are 4, below a page. */
static void t_lfanew_inside_dos_header(void **state)
{
    (void)state;
    uint8_t buf[0x200] = {0};
    struct pe_builder b = {buf, sizeof(buf), 1, 4, 4 + 24, 4 + 24 + 240, 0, 0x200, 0};
    pb_u16(&b, 0, IMAGE_DOS_SIGNATURE);
    pb_u32(&b, 4, IMAGE_NT_SIGNATURE);
    pb_u16(&b, 8, IMAGE_FILE_MACHINE_AMD64);
    pb_u16(&b, 4 + 20, 240);
    pb_u16(&b, b.opt, IMAGE_NT_OPTIONAL_HDR64_MAGIC);
    pb_image_base(&b, 0x400000);
    pb_opt32(&b, OPT_SECTION_ALIGN, 4); /* == e_lfanew */
    pb_opt32(&b, OPT_FILE_ALIGN, 4);
    pb_opt32(&b, OPT_SIZE_OF_IMAGE, 0x200);
    pb_opt32(&b, OPT_SIZE_OF_HEADERS, 0x200);
    pb_opt32(&b, OPT_ENTRY, 0x1F0);
    pb_u32(&b, pb_opt_ndirs(&b), 16);
    assert_int_equal(pe_le32(buf + 0x3C), 4);
    struct pe_image img;
    pb_expect(&b, STATUS_SUCCESS, &img);
    assert_int_equal(img.nt_offset, 4);
    assert_int_equal(img.section_alignment, 4);
    assert_int_equal(img.nsections, 0);
}

/* ---- optional header ----------------------------------------------------------------------------------- */

static void t_optional_header_size(void **state)
{
    (void)state;
    struct pe_image img;
    /* 16 directories need exactly 240 bytes; 239 is one short. */
    pb_u16(&B, B.nt + 20, 239);
    expect_bad(&B, "optional header too small for its data directories");
    /* With no directories, the fixed part alone (112 bytes) is enough; 111 is not. */
    pb_u32(&B, pb_opt_ndirs(&B), 0);
    pb_u16(&B, B.nt + 20, 112);
    memmove(B.buf + B.opt + 112, B.buf + B.table, 2 * 40); /* keep the section table after it */
    B.table = B.opt + 112;
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.ndirs, 0);
    assert_int_equal(img.section_table_offset, B.opt + 112);
    pb_u16(&B, B.nt + 20, 111);
    expect_bad(&B, "optional header too small");
    pb_u16(&B, B.nt + 20, 1);
    expect_bad(&B, "not a PE32 or PE32+ optional header");
    pb_u16(&B, B.nt + 20, 0);
    expect_bad(&B, "not a PE32 or PE32+ optional header");
}

static void t_optional_header_past_file(void **state)
{
    (void)state;
    struct pe_image img;
    /* The optional header ends exactly at the data's end: accepted as far as it goes (the section table,
     * empty, is there too). */
    pb_nsections(&B, 0);
    assert_int_equal(pe_parse(&img, B.buf, B.table, PE_LAYOUT_MAPPED), STATUS_SUCCESS);
    assert_int_equal(pe_parse(&img, B.buf, B.table - 1, PE_LAYOUT_MAPPED), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "optional header outside the file");
    pb_u16(&B, B.nt + 20, 0xFFFF);
    expect_bad(&B, "optional header outside the file");
}

static void t_magic(void **state)
{
    (void)state;
    pb_u16(&B, B.opt, 0x107); /* ROM image */
    expect_bad(&B, "not a PE32 or PE32+ optional header");
}

static void t_ndirs_capped(void **state)
{
    (void)state;
    struct pe_image img;
    /* NumberOfRvaAndSizes is capped at 16 before it multiplies: 0xFFFFFFFF * 8 would wrap 32 bits. */
    pb_u32(&B, pb_opt_ndirs(&B), 0xFFFFFFFFu);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.ndirs, 16);
    pb_u32(&B, pb_opt_ndirs(&B), 17);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.ndirs, 16);
    /* Entries past NumberOfRvaAndSizes read as absent even if the bytes are there. */
    pb_u32(&B, pb_opt_ndirs(&B), 2);
    pb_dir(&B, 5, 0x2000, 0x10);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.ndirs, 2);
    assert_int_equal(img.dirs[5].VirtualAddress, 0);
}

static void t_pe32_fields(void **state)
{
    (void)state;
    struct pb_opts pe32 = {.pe32 = 1};
    rebuild(&pe32);
    pb_u32(&B, B.opt + 72, 0x00300000); /* SizeOfStackReserve, 4 bytes in PE32 */
    pb_u32(&B, B.opt + 76, 0x2000);
    pb_u32(&B, B.opt + 80, 0x00400000);
    pb_u32(&B, B.opt + 84, 0x3000);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, 0x2000, 0x28);
    struct pe_image img;
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.magic, IMAGE_NT_OPTIONAL_HDR32_MAGIC);
    assert_int_equal(img.machine, IMAGE_FILE_MACHINE_I386);
    assert_true(img.image_base == 0x400000);
    assert_true(img.stack_reserve == 0x300000 && img.stack_commit == 0x2000);
    assert_true(img.heap_reserve == 0x400000 && img.heap_commit == 0x3000);
    assert_int_equal(img.dirs[IMAGE_DIRECTORY_ENTRY_IMPORT].Size, 0x28);
    assert_int_equal(img.section_table_offset, 0x40 + 24 + 224);
    /* Readable, not runnable. */
    assert_int_equal(pe_check_runnable(&img), STATUS_IMAGE_MACHINE_TYPE_MISMATCH);
    pb_u16(&B, B.nt + 4, IMAGE_FILE_MACHINE_AMD64);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(pe_check_runnable(&img), STATUS_INVALID_IMAGE_FORMAT);
}

static void t_pe64_fields(void **state)
{
    (void)state;
    pb_u64(&B, B.opt + 72, 0x123456789ull);
    pb_u64(&B, B.opt + 80, 0x1000);
    pb_u64(&B, B.opt + 88, 0x2000000000ull);
    pb_u64(&B, B.opt + 96, 0x2000);
    pb_u32(&B, B.opt + 104, 0x77);
    pb_u16(&B, B.opt + OPT_DLL_CHARS, 0x8160);
    pb_u16(&B, B.opt + 48, 6);
    pb_u16(&B, B.opt + 50, 2);
    struct pe_image img;
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_true(img.stack_reserve == 0x123456789ull && img.stack_commit == 0x1000);
    assert_true(img.heap_reserve == 0x2000000000ull && img.heap_commit == 0x2000);
    assert_int_equal(img.loader_flags, 0x77);
    assert_int_equal(img.dll_characteristics, 0x8160);
    assert_int_equal(img.subsystem_major, 6);
    assert_int_equal(img.subsystem_minor, 2);
    pb_u16(&B, B.nt + 4, IMAGE_FILE_MACHINE_ARM64);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(pe_check_runnable(&img), STATUS_IMAGE_MACHINE_TYPE_MISMATCH);
}

/* ---- alignment ---------------------------------------------------------------------------------------- */

static void t_file_alignment_range(void **state)
{
    (void)state;
    pb_opt32(&B, OPT_FILE_ALIGN, 0x200);
    expect_ok(&B);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x100);
    expect_bad(&B, "FileAlignment outside 512..64K");
    /* 64K is the top, and needs a SectionAlignment at least as large (no sections to misalign here). */
    pb_nsections(&B, 0);
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x10000);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x10000);
    expect_ok(&B);
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x20000);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x20000);
    expect_bad(&B, "FileAlignment outside 512..64K");
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x1000);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x2000);
    expect_bad(&B, "SectionAlignment below FileAlignment");
}

static void t_sub_page_alignment(void **state)
{
    (void)state;
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x200);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x200);
    expect_ok(&B);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x400);
    expect_bad(&B, "FileAlignment differs from a sub-page SectionAlignment");
    /* Below a page, the 512 minimum does not apply. */
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x10);
    pb_opt32(&B, OPT_FILE_ALIGN, 0x10);
    expect_ok(&B);
}

static void t_alignment_power_of_two(void **state)
{
    (void)state;
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x1800);
    expect_bad(&B, "alignment not a power of two");
    pb_opt32(&B, OPT_SECTION_ALIGN, 0x1000);
    pb_opt32(&B, OPT_FILE_ALIGN, 0);
    expect_bad(&B, "alignment not a power of two");
    pb_opt32(&B, OPT_FILE_ALIGN, 0x1000);
    pb_opt32(&B, OPT_SECTION_ALIGN, 0);
    expect_bad(&B, "alignment not a power of two");
}

/* ---- sizes, image base, entry point --------------------------------------------------------------------- */

static void t_size_of_image_cap(void **state)
{
    (void)state;
    /* SizeOfImage may exceed the data in both layouts: nothing reads past the view. */
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, PE_MAX_IMAGE_SIZE);
    expect_ok(&B);
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, PE_MAX_IMAGE_SIZE + 1);
    expect_bad(&B, "SizeOfImage above 2 GiB");
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, 0xFFFFFFFFu);
    expect_bad(&B, "SizeOfImage above 2 GiB");
}

static void t_image_base(void **state)
{
    (void)state;
    pb_nsections(&B, 0);
    pb_opt32(&B, OPT_ENTRY, 0);
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, 0xFFFF);
    /* ImageBase + SizeOfImage ends exactly at 2^64 - 1; one more byte wraps. */
    pb_image_base(&B, 0xFFFFFFFFFFFF0000ull);
    expect_ok(&B);
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, 0x10000);
    expect_bad(&B, "image base plus SizeOfImage wraps");
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, 0x3000);
    pb_image_base(&B, 0x140001000ull);
    expect_bad(&B, "image base not 64K-aligned");
    pb_image_base(&B, 0x140010000ull);
    expect_ok(&B);
}

static void t_headers_vs_image(void **state)
{
    (void)state;
    pb_nsections(&B, 0);
    pb_opt32(&B, OPT_ENTRY, 0);
    pb_opt32(&B, OPT_SIZE_OF_HEADERS, 0x3000);
    expect_ok(&B);
    pb_opt32(&B, OPT_SIZE_OF_HEADERS, 0x3001);
    expect_bad(&B, "SizeOfHeaders above SizeOfImage");
}

static void t_entry_point(void **state)
{
    (void)state;
    pb_opt32(&B, OPT_ENTRY, 0x2FFF);
    expect_ok(&B);
    pb_opt32(&B, OPT_ENTRY, 0x3000);
    expect_bad(&B, "entry point outside the image");
    pb_opt32(&B, OPT_ENTRY, 0xFFFFFFFFu);
    expect_bad(&B, "entry point outside the image");
    pb_opt32(&B, OPT_ENTRY, 0); /* a DLL without DllMain */
    expect_ok(&B);
}

/* ---- section table ------------------------------------------------------------------------------------- */

static void t_section_count_cap(void **state)
{
    (void)state;
    struct pb_opts at_cap = {.nsections = PE_MAX_SECTIONS};
    rebuild(&at_cap);
    struct pe_image img;
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(img.nsections, PE_MAX_SECTIONS);
    struct pb_opts past = {.nsections = PE_MAX_SECTIONS + 1};
    rebuild(&past);
    expect_bad(&B, "more than 96 sections");
    /* The count is 16 bits: the largest one is rejected before the table is sized. */
    pb_nsections(&B, 0xFFFF);
    expect_bad(&B, "more than 96 sections");
}

static void t_section_table_in_headers(void **state)
{
    (void)state;
    uint32_t end = B.table + 2 * 40;
    pb_opt32(&B, OPT_SIZE_OF_HEADERS, end);
    expect_ok(&B);
    pb_opt32(&B, OPT_SIZE_OF_HEADERS, end - 1);
    expect_bad(&B, "section table extends past SizeOfHeaders");
}

static void t_section_table_in_file(void **state)
{
    (void)state;
    struct pe_image img;
    uint32_t end = B.table + 2 * 40;
    /* Sections without raw data, so the file may end right after the table. */
    pb_sec(&B, 0, SEC_RAW_SIZE, 0);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0);
    assert_int_equal(pe_parse(&img, B.buf, end, PE_LAYOUT_FILE), STATUS_SUCCESS);
    assert_int_equal(pe_parse(&img, B.buf, end - 1, PE_LAYOUT_FILE), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "section table outside the file");
}

static void t_section_alignment_and_order(void **state)
{
    (void)state;
    pb_sec(&B, 1, SEC_RVA, 0x2001);
    expect_bad(&B, "section address not aligned");
    /* .text spans one page: .data may start right after it, not inside it. */
    pb_sec(&B, 1, SEC_RVA, 0x1000);
    expect_bad(&B, "section overlaps the headers or the previous section");
    pb_sec(&B, 1, SEC_RVA, 0x2000);
    pb_sec(&B, 0, SEC_VSIZE, 0x1001);
    expect_bad(&B, "section overlaps the headers or the previous section");
    pb_sec(&B, 0, SEC_VSIZE, 0x1000);
    expect_ok(&B);
    /* Descending order is rejected even without overlap. */
    pb_sec(&B, 0, SEC_RVA, 0x2000);
    pb_sec(&B, 1, SEC_RVA, 0x1000);
    pb_sec(&B, 1, SEC_RAW_OFF, 0x1000);
    pb_sec(&B, 0, SEC_RAW_OFF, 0x2000);
    expect_bad(&B, "section overlaps the headers or the previous section");
}

static void t_section_after_headers(void **state)
{
    (void)state;
    /* SizeOfHeaders rounds up to SectionAlignment: 0x1001 headers take two pages. */
    pb_opt32(&B, OPT_SIZE_OF_HEADERS, 0x1000);
    expect_ok(&B);
    pb_opt32(&B, OPT_SIZE_OF_HEADERS, 0x1001);
    expect_bad(&B, "section overlaps the headers or the previous section");
}

static void t_section_in_image(void **state)
{
    (void)state;
    pb_sec(&B, 1, SEC_VSIZE, 0x1000); /* ends exactly at SizeOfImage */
    expect_ok(&B);
    pb_sec(&B, 1, SEC_VSIZE, 0x1001);
    expect_bad(&B, "section extends past SizeOfImage");
    pb_sec(&B, 1, SEC_VSIZE, 0xFFFFF000u); /* rva + size wraps 32 bits */
    expect_bad(&B, "section extends past SizeOfImage");
}

static void t_section_sizes(void **state)
{
    (void)state;
    struct pe_image img;
    struct pe_section s;
    /* VirtualSize 0: the loader uses SizeOfRawData. */
    pb_sec(&B, 1, SEC_VSIZE, 0);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0x800);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(pe_section_at(&img, 1, &s), STATUS_SUCCESS);
    assert_string_equal(s.name, ".data");
    assert_int_equal(s.virtual_size, 0x800);
    assert_int_equal(s.raw_used, 0x800);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0);
    expect_bad(&B, "section has no size");
    /* Raw data longer than the section is cut at VirtualSize; only that part must be in the file. */
    pb_sec(&B, 1, SEC_VSIZE, 0x100);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0x7FFFFFFF);
    pb_expect(&B, STATUS_SUCCESS, &img);
    assert_int_equal(pe_section_at(&img, 1, &s), STATUS_SUCCESS);
    assert_int_equal(s.raw_size, 0x7FFFFFFF);
    assert_int_equal(s.raw_used, 0x100);
    assert_int_equal(pe_section_at(&img, 2, &s), STATUS_NO_MORE_ENTRIES);
    assert_int_equal(s.rva, 0);
}

static void t_section_raw_in_file(void **state)
{
    (void)state;
    struct pe_image img;
    /* .data's raw data ends exactly at the end of the file. */
    expect_ok(&B);
    /* One byte more (SizeOfImage grown so the section itself is fine): only the file layout cares. */
    pb_opt32(&B, OPT_SIZE_OF_IMAGE, 0x4000);
    pb_sec(&B, 1, SEC_VSIZE, 0x1001);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0x1001);
    assert_int_equal(pb_parse(&B, PE_LAYOUT_MAPPED, &img), STATUS_SUCCESS);
    assert_int_equal(pb_parse(&B, PE_LAYOUT_FILE, &img), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "section raw data outside the file");
}

static void t_section_raw_wrap(void **state)
{
    (void)state;
    struct pe_image img;
    /* PointerToRawData + SizeOfRawData: the largest end offset a 32-bit field can hold, then 2^32. */
    pb_sec(&B, 1, SEC_RAW_OFF, 0xFFFFF000u);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0xFFF);
    assert_int_equal(pb_parse(&B, PE_LAYOUT_MAPPED, &img), STATUS_SUCCESS);
    assert_int_equal(pb_parse(&B, PE_LAYOUT_FILE, &img), STATUS_INVALID_IMAGE_FORMAT);
    assert_string_equal(img.error, "section raw data outside the file");
    pb_sec(&B, 1, SEC_RAW_SIZE, 0x1000);
    expect_bad(&B, "section raw data wraps");
    /* Without raw data (.bss), PointerToRawData means nothing. */
    pb_sec(&B, 1, SEC_RAW_OFF, 0xFFFFFFF0u);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0);
    expect_ok(&B);
}

/* ---- data directories ---------------------------------------------------------------------------------- */

static void t_directory_in_image(void **state)
{
    (void)state;
    for (unsigned i = 0; i < IMAGE_NUMBEROF_DIRECTORY_ENTRIES; i++) {
        if (i == IMAGE_DIRECTORY_ENTRY_SECURITY)
            continue;
        pb_dir(&B, i, 0x2000, 0x1000); /* ends exactly at SizeOfImage */
        expect_ok(&B);
        pb_dir(&B, i, 0x2000, 0x1001);
        struct pe_image img;
        pb_expect(&B, STATUS_INVALID_IMAGE_FORMAT, &img);
        assert_non_null(strstr(img.error, "outside the image"));
        pb_dir(&B, i, 0x2000, 0xFFFFF000u); /* wraps 32 bits */
        pb_expect(&B, STATUS_INVALID_IMAGE_FORMAT, &img);
        pb_dir(&B, i, 0, 0xFFFFFFFFu);      /* absent: the size does not matter */
        expect_ok(&B);
        pb_dir(&B, i, 0, 0);
    }
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, 0x3000, 1);
    expect_bad(&B, "import directory outside the image");
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, 0, 0);
    /* The security directory is a file offset to certificates appended to the file: not checked. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_SECURITY, 0x7FFF0000u, 0x20000);
    expect_ok(&B);
}

/* ---- RVA translation ----------------------------------------------------------------------------------- */

static void t_rva_translation(void **state)
{
    (void)state;
    struct pe_image file, mapped;
    uint32_t off;
    /* .data's file bytes come from offset 0x1000 (shared with .text), and only 0x800 of them. */
    pb_sec(&B, 1, SEC_RAW_OFF, 0x1000);
    pb_sec(&B, 1, SEC_RAW_SIZE, 0x800);
    assert_int_equal(pb_parse(&B, PE_LAYOUT_FILE, &file), STATUS_SUCCESS);
    assert_int_equal(pb_parse(&B, PE_LAYOUT_MAPPED, &mapped), STATUS_SUCCESS);

    assert_ptr_equal(pe_rva_ptr(&file, 0x2010, 4), B.buf + 0x1010);
    assert_ptr_equal(pe_rva_ptr(&mapped, 0x2010, 4), B.buf + 0x2010);
    assert_int_equal(pe_rva_to_offset(&file, 0x2010, &off), STATUS_SUCCESS);
    assert_int_equal(off, 0x1010);
    assert_int_equal(pe_rva_to_offset(&mapped, 0x2010, &off), STATUS_SUCCESS);
    assert_int_equal(off, 0x2010);
    /* The raw part ends at 0x2800: a range may end there, not cross it. The rest is zero fill. */
    assert_non_null(pe_rva_ptr(&file, 0x27FC, 4));
    assert_null(pe_rva_ptr(&file, 0x27FD, 4));
    assert_null(pe_rva_ptr(&file, 0x2800, 1));
    assert_int_equal(pe_rva_to_offset(&file, 0x2800, &off), STATUS_NOT_FOUND);
    assert_int_equal(off, 0);
    assert_non_null(pe_rva_ptr(&mapped, 0x2800, 0x800));
    /* Headers translate as themselves; their end is SizeOfHeaders. */
    assert_ptr_equal(pe_rva_ptr(&file, 0, 2), B.buf);
    assert_non_null(pe_rva_ptr(&file, 0xFFC, 4));
    assert_null(pe_rva_ptr(&file, 0xFFC, 5)); /* no range crosses from the headers into a section */
    /* Past SizeOfImage, and wrapping. */
    assert_null(pe_rva_ptr(&mapped, 0x2FFF, 2));
    assert_non_null(pe_rva_ptr(&mapped, 0x2FFF, 1));
    assert_null(pe_rva_ptr(&mapped, 0x3000, 0));
    assert_null(pe_rva_ptr(&mapped, 0xFFFFFFFFu, 2));
    assert_null(pe_rva_ptr(&file, 0x1000, 0xFFFFFFFFu));
}

static void t_rva_str(void **state)
{
    (void)state;
    struct pe_image img;
    char name[PE_MAX_NAME + 2];
    memset(name, 'a', sizeof(name));
    name[PE_MAX_NAME] = 0;
    pb_str(&B, 0x2000, name);                      /* 512 characters + NUL */
    assert_int_equal(pb_parse(&B, PE_LAYOUT_FILE, &img), STATUS_SUCCESS);
    assert_non_null(pe_rva_str(&img, 0x2000));
    assert_int_equal(strlen(pe_rva_str(&img, 0x2000)), PE_MAX_NAME);
    name[PE_MAX_NAME] = 'a';
    name[PE_MAX_NAME + 1] = 0;
    pb_str(&B, 0x2000, name);                      /* 513 */
    assert_null(pe_rva_str(&img, 0x2000));
    /* A NUL as the last byte of the image is found; no NUL before the end is not. */
    pb_u8(&B, 0x2FFE, 'x');
    pb_u8(&B, 0x2FFF, 0);
    assert_string_equal(pe_rva_str(&img, 0x2FFE), "x");
    pb_u8(&B, 0x2FFF, 'y');
    assert_null(pe_rva_str(&img, 0x2FFE));
    assert_null(pe_rva_str(&img, 0x3000));
    assert_null(pe_rva_str(&img, 0xFFFFFFFFu));
}

static void t_va_in_truncated_view(void **state)
{
    (void)state;
    /* A mapped view shorter than SizeOfImage: reads stop at the view. */
    struct pe_image img;
    assert_int_equal(pe_parse(&img, B.buf, 0x2800, PE_LAYOUT_MAPPED), STATUS_SUCCESS);
    assert_non_null(pe_rva_ptr(&img, 0x27FF, 1));
    assert_null(pe_rva_ptr(&img, 0x27FF, 2));
    assert_null(pe_rva_str(&img, 0x2900));
}

static void t_names(void **state)
{
    (void)state;
    assert_string_equal(pe_machine_name(IMAGE_FILE_MACHINE_AMD64), "AMD64");
    assert_string_equal(pe_machine_name(IMAGE_FILE_MACHINE_I386), "I386");
    assert_string_equal(pe_machine_name(0x1234), "unknown");
    assert_string_equal(pe_subsystem_name(IMAGE_SUBSYSTEM_WINDOWS_CUI), "WINDOWS_CUI");
    assert_string_equal(pe_subsystem_name(IMAGE_SUBSYSTEM_WINDOWS_GUI), "WINDOWS_GUI");
    assert_string_equal(pe_subsystem_name(0xFFFF), "unknown");
    assert_string_equal(pe_reloc_type_name(IMAGE_REL_BASED_DIR64), "DIR64");
    assert_string_equal(pe_reloc_type_name(IMAGE_REL_BASED_HIGHLOW), "HIGHLOW");
    assert_string_equal(pe_reloc_type_name(IMAGE_REL_BASED_ABSOLUTE), "ABSOLUTE");
    assert_string_equal(pe_reloc_type_name(200), "unknown");
}

/* What a base relocation patches and how (PE/COFF specification, "Base Relocation Types"): DIR64 all 64
 * bits, HIGHLOW all 32, HIGH the high 16 bits of the difference added to a 16-bit field, LOW the low 16;
 * ABSOLUTE is padding and patches nothing, as does a type an x64 image cannot have. */
static void t_reloc_apply(void **state)
{
    (void)state;
    assert_int_equal(pe_reloc_width(IMAGE_REL_BASED_DIR64), 8);
    assert_int_equal(pe_reloc_width(IMAGE_REL_BASED_HIGHLOW), 4);
    assert_int_equal(pe_reloc_width(IMAGE_REL_BASED_HIGH), 2);
    assert_int_equal(pe_reloc_width(IMAGE_REL_BASED_LOW), 2);
    assert_int_equal(pe_reloc_width(IMAGE_REL_BASED_ABSOLUTE), 0);
    assert_int_equal(pe_reloc_width(7), 0);
    uint8_t buf[8];
    struct pe_reloc r = {.type = IMAGE_REL_BASED_DIR64};
    uint64_t v64 = 0x140001000ull, got64;
    memcpy(buf, &v64, 8);
    pe_reloc_apply(&r, buf, 0x7ff600000000ll - 0x140000000ll);
    memcpy(&got64, buf, 8);
    assert_int_equal(got64, 0x7ff600001000ull);
    memcpy(buf, &v64, 8);
    pe_reloc_apply(&r, buf, -0x40000000ll);   /* moved down */
    memcpy(&got64, buf, 8);
    assert_int_equal(got64, 0x100001000ull);
    r.type = IMAGE_REL_BASED_HIGHLOW;
    uint32_t v32 = 0x00401000, got32;
    memcpy(buf, &v32, 4);
    memset(buf + 4, 0xAA, 4);
    pe_reloc_apply(&r, buf, 0x10000);
    memcpy(&got32, buf, 4);
    assert_int_equal(got32, 0x00411000);
    assert_int_equal(buf[4], 0xAA);   /* nothing past its width */
    r.type = IMAGE_REL_BASED_HIGH;
    uint16_t v16 = 0x0040, got16;
    memcpy(buf, &v16, 2);
    pe_reloc_apply(&r, buf, 0x00021234);
    memcpy(&got16, buf, 2);
    assert_int_equal(got16, 0x0042);
    r.type = IMAGE_REL_BASED_LOW;
    v16 = 0x1000;
    memcpy(buf, &v16, 2);
    pe_reloc_apply(&r, buf, 0x00021234);
    memcpy(&got16, buf, 2);
    assert_int_equal(got16, 0x2234);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(t_ptr_bounds), T(t_str_bounds), T(t_reloc_apply), T(t_le_reads), T(t_default_image), T(t_dos_header), T(t_lfanew_cap),
        T(t_nt_headers_in_file), T(t_lfanew_inside_dos_header), T(t_optional_header_size),
        T(t_optional_header_past_file), T(t_magic), T(t_ndirs_capped), T(t_pe32_fields), T(t_pe64_fields),
        T(t_file_alignment_range), T(t_sub_page_alignment), T(t_alignment_power_of_two), T(t_size_of_image_cap),
        T(t_image_base), T(t_headers_vs_image), T(t_entry_point), T(t_section_count_cap),
        T(t_section_table_in_headers), T(t_section_table_in_file), T(t_section_alignment_and_order),
        T(t_section_after_headers), T(t_section_in_image), T(t_section_sizes), T(t_section_raw_in_file),
        T(t_section_raw_wrap), T(t_directory_in_image), T(t_rva_translation), T(t_rva_str),
        T(t_va_in_truncated_view), T(t_names),
    };
    return RUN_TESTS(tests);
}
