/*
 * The reader's iterators and lookups on crafted images: imports (PE32+ and PE32 thunks), delay-load,
 * exports, base relocations, TLS, .pdata, load config and resources; each cap at, past, and wrapping.
 * The tables live in the image's last section (".data", at D below).
 */
#include "pe_builder.h"

static struct pe_builder B;
static struct pe_image I;

static void build(const struct pb_opts *o)
{
    pb_free(&B);
    pb_init(&B, o);
}

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

/* Parses B (it must be valid) into I, in the given layout. */
static void parse_as(enum pe_layout layout)
{
    NTSTATUS status = pb_parse(&B, layout, &I);
    if (status != STATUS_SUCCESS)
        fprintf(stderr, "pe_parse: %s\n", I.error);
    assert_int_equal(status, STATUS_SUCCESS);
}

static void parse(void)
{
    parse_as(PE_LAYOUT_FILE);
}

/* A hint/name entry: 16-bit hint, then the name. */
static void put_hint_name(uint32_t rva, uint16_t hint, const char *name)
{
    pb_u16(&B, rva, hint);
    pb_str(&B, rva + 2, name);
}

static void put_import_desc(uint32_t rva, uint32_t oft, uint32_t name, uint32_t ft)
{
    pb_u32(&B, rva, oft);
    pb_u32(&B, rva + 4, 0);
    pb_u32(&B, rva + 8, 0);
    pb_u32(&B, rva + 12, name);
    pb_u32(&B, rva + 16, ft);
}

/* ---- imports --------------------------------------------------------------------------------------- */

/* Two DLLs: the first with a lookup table (a name, an ordinal), the second with FirstThunk only. */
static void build_imports(int pe32)
{
    struct pb_opts o = {.pe32 = pe32};
    build(&o);
    uint32_t d = B.data_rva, w = pb_width(&B);
    uint64_t flag = pe32 ? IMAGE_ORDINAL_FLAG32 : IMAGE_ORDINAL_FLAG64;
    put_import_desc(d, d + 0x100, d + 0x300, d + 0x200);
    put_import_desc(d + 20, 0, d + 0x310, d + 0x400);
    pb_str(&B, d + 0x300, "KERNEL32.dll");
    pb_str(&B, d + 0x310, "user32.dll");
    put_hint_name(d + 0x500, 0x12, "ExitProcess");
    put_hint_name(d + 0x520, 5, "MessageBoxA");
    for (uint32_t t = d + 0x100; t <= d + 0x200; t += 0x100) { /* lookup table and its unbound IAT copy */
        pb_word(&B, t, d + 0x500);
        pb_word(&B, t + w, flag | 7);
    }
    pb_word(&B, d + 0x400, d + 0x520);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, d, 40);
}

static void check_imports(int pe32)
{
    build_imports(pe32);
    uint32_t d = B.data_rva, w = pb_width(&B);
    for (int layout = 0; layout < 2; layout++) {
        struct pe_import_iter it;
        struct pe_import_dll dll;
        struct pe_thunk_iter ti;
        struct pe_thunk t;
        parse_as((enum pe_layout)layout);
        pe_import_begin(&it, &I);
        assert_int_equal(pe_import_next(&it, &dll), STATUS_SUCCESS);
        assert_string_equal(dll.name, "KERNEL32.dll");
        assert_int_equal(dll.name_rva, d + 0x300);
        assert_int_equal(dll.lookup_rva, d + 0x100);
        assert_int_equal(dll.iat_rva, d + 0x200);
        pe_thunk_begin(&ti, &I, dll.lookup_rva, dll.iat_rva);
        assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
        assert_false(t.by_ordinal);
        assert_string_equal(t.name, "ExitProcess");
        assert_int_equal(t.hint, 0x12);
        assert_int_equal(t.iat_rva, d + 0x200);
        assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
        assert_true(t.by_ordinal);
        assert_int_equal(t.ordinal, 7);
        assert_null(t.name);
        assert_int_equal(t.iat_rva, d + 0x200 + w);
        assert_int_equal(pe_thunk_next(&ti, &t), STATUS_NO_MORE_ENTRIES);
        assert_int_equal(pe_thunk_next(&ti, &t), STATUS_NO_MORE_ENTRIES);

        assert_int_equal(pe_import_next(&it, &dll), STATUS_SUCCESS);
        assert_string_equal(dll.name, "user32.dll");
        assert_int_equal(dll.lookup_rva, d + 0x400); /* no OriginalFirstThunk: FirstThunk */
        pe_thunk_begin(&ti, &I, dll.lookup_rva, dll.iat_rva);
        assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
        assert_string_equal(t.name, "MessageBoxA");
        assert_int_equal(pe_thunk_next(&ti, &t), STATUS_NO_MORE_ENTRIES);

        assert_int_equal(pe_import_next(&it, &dll), STATUS_NO_MORE_ENTRIES);
        assert_null(dll.name);
        assert_int_equal(pe_import_next(&it, &dll), STATUS_NO_MORE_ENTRIES);
    }
}

static void t_imports_pe64(void **state)
{
    (void)state;
    check_imports(0);
}

static void t_imports_pe32(void **state)
{
    (void)state;
    check_imports(1);
}

static void t_import_terminator(void **state)
{
    (void)state;
    struct pe_import_iter it;
    struct pe_import_dll dll;
    build_imports(0);
    /* As the loader reads it, Name == 0 or FirstThunk == 0 ends the table. */
    pb_u32(&B, B.data_rva + 20 + 12, 0);
    parse();
    pe_import_begin(&it, &I);
    assert_int_equal(pe_import_next(&it, &dll), STATUS_SUCCESS);
    assert_int_equal(pe_import_next(&it, &dll), STATUS_NO_MORE_ENTRIES);
    pb_u32(&B, B.data_rva + 20 + 12, B.data_rva + 0x310);
    pb_u32(&B, B.data_rva + 16, 0);
    pe_import_begin(&it, &I);
    assert_int_equal(pe_import_next(&it, &dll), STATUS_NO_MORE_ENTRIES);
    /* Without an import directory the walk ends at once. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, 0, 0);
    parse();
    pe_import_begin(&it, &I);
    assert_int_equal(pe_import_next(&it, &dll), STATUS_NO_MORE_ENTRIES);
}

static unsigned count_imports(NTSTATUS *end)
{
    struct pe_import_iter it;
    struct pe_import_dll dll;
    unsigned n = 0;
    pe_import_begin(&it, &I);
    while ((*end = pe_import_next(&it, &dll)) == STATUS_SUCCESS)
        n++;
    return n;
}

static void t_import_dll_cap(void **state)
{
    (void)state;
    NTSTATUS end;
    struct pb_opts o = {.data_size = 0x16000};
    build(&o);
    uint32_t d = B.data_rva, name = d + 0x15000, empty_lookup = d + 0x15100;
    pb_str(&B, name, "x.dll");
    for (unsigned i = 0; i <= PE_MAX_IMPORT_DLLS; i++)
        put_import_desc(d + 20 * i, empty_lookup, name, empty_lookup);
    put_import_desc(d + 20 * PE_MAX_IMPORT_DLLS, 0, 0, 0); /* terminator right after the cap */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, d, 20);
    parse();
    assert_int_equal(count_imports(&end), PE_MAX_IMPORT_DLLS);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    put_import_desc(d + 20 * PE_MAX_IMPORT_DLLS, empty_lookup, name, empty_lookup); /* one more */
    assert_int_equal(count_imports(&end), PE_MAX_IMPORT_DLLS);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

static void t_import_descriptor_bounds(void **state)
{
    (void)state;
    NTSTATUS end;
    build_imports(0);
    uint32_t last = (uint32_t)B.size - 20;
    /* A descriptor ending exactly at SizeOfImage is read; its terminator would be past it. */
    put_import_desc(last, 0, B.data_rva + 0x300, B.data_rva + 0x400);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, last, 20);
    parse();
    assert_int_equal(count_imports(&end), 1);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    /* One byte further: the descriptor itself crosses the end. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_IMPORT, last + 1, 1);
    parse();
    assert_int_equal(count_imports(&end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

static void t_import_name_bounds(void **state)
{
    (void)state;
    NTSTATUS end;
    char name[PE_MAX_NAME + 2];
    build_imports(0);
    memset(name, 'n', sizeof(name));
    name[PE_MAX_NAME] = 0;
    pb_str(&B, B.data_rva + 0x800, name);
    pb_u32(&B, B.data_rva + 12, B.data_rva + 0x800);
    parse();
    assert_int_equal(count_imports(&end), 2);
    name[PE_MAX_NAME] = 'n';
    name[PE_MAX_NAME + 1] = 0;
    pb_str(&B, B.data_rva + 0x800, name);
    assert_int_equal(count_imports(&end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, B.data_rva + 12, 0xFFFFFFF0u); /* name outside the image */
    assert_int_equal(count_imports(&end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

static unsigned count_thunks(uint32_t lookup, uint32_t iat, NTSTATUS *end)
{
    struct pe_thunk_iter it;
    struct pe_thunk t;
    unsigned n = 0;
    pe_thunk_begin(&it, &I, lookup, iat);
    while ((*end = pe_thunk_next(&it, &t)) == STATUS_SUCCESS)
        n++;
    return n;
}

static void t_thunk_cap(void **state)
{
    (void)state;
    NTSTATUS end;
    struct pb_opts o = {.data_size = (PE_MAX_THUNKS + 2) * 8};
    build(&o);
    uint32_t d = B.data_rva;
    for (uint32_t i = 0; i <= PE_MAX_THUNKS; i++)
        pb_u64(&B, d + 8ull * i, IMAGE_ORDINAL_FLAG64 | (i & 0xFFFF) | 1);
    pb_u64(&B, d + 8ull * PE_MAX_THUNKS, 0);
    parse();
    assert_int_equal(count_thunks(d, d, &end), PE_MAX_THUNKS);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    pb_u64(&B, d + 8ull * PE_MAX_THUNKS, IMAGE_ORDINAL_FLAG64 | 1);
    assert_int_equal(count_thunks(d, d, &end), PE_MAX_THUNKS);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

static void t_thunk_entries(void **state)
{
    (void)state;
    NTSTATUS end;
    struct pe_thunk_iter it;
    struct pe_thunk t;
    build_imports(0);
    uint32_t d = B.data_rva, lookup = d + 0x600, end_rva = (uint32_t)B.size;
    parse();
    /* Ordinal entries: the loader takes the low 16 bits and ignores the rest. */
    pb_u64(&B, lookup, IMAGE_ORDINAL_FLAG64 | 0x1234560007ull);
    pe_thunk_begin(&it, &I, lookup, 0);
    assert_int_equal(pe_thunk_next(&it, &t), STATUS_SUCCESS);
    assert_int_equal(t.ordinal, 7);
    assert_int_equal(t.iat_rva, 0);
    /* A name RVA must fit 31 bits. */
    pb_u64(&B, lookup, 0x80000000u);
    assert_int_equal(count_thunks(lookup, 0, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    pb_u64(&B, lookup, 0x7FFFFFFFu);
    assert_int_equal(count_thunks(lookup, 0, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    /* Hint and name ending exactly at the end of the image; then one byte short of a NUL. */
    put_hint_name(end_rva - 4, 9, "f");
    pb_u64(&B, lookup, end_rva - 4);
    pe_thunk_begin(&it, &I, lookup, 0);
    assert_int_equal(pe_thunk_next(&it, &t), STATUS_SUCCESS);
    assert_string_equal(t.name, "f");
    assert_int_equal(t.hint, 9);
    pb_u8(&B, end_rva - 1, 'g');
    assert_int_equal(count_thunks(lookup, 0, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    /* A lookup table that runs off the image without a terminator. */
    for (uint32_t r = end_rva - 16; r < end_rva; r += 8)
        pb_u64(&B, r, IMAGE_ORDINAL_FLAG64 | 1);
    assert_int_equal(count_thunks(end_rva - 16, 0, &end), 2);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    /* The IAT slot beside an entry must be readable too. */
    pb_u64(&B, lookup, IMAGE_ORDINAL_FLAG64 | 1);
    pb_u64(&B, lookup + 8, 0);
    assert_int_equal(count_thunks(lookup, end_rva - 8, &end), 1);
    assert_int_equal(count_thunks(lookup, end_rva - 7, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(count_thunks(lookup, 0xFFFFFFFCu, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(count_thunks(0, 0, &end), 0);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
}

/* ---- delay-load imports --------------------------------------------------------------------------------- */

static void put_delay_desc(uint32_t rva, uint32_t attr, uint64_t bias, uint32_t name, uint32_t iat, uint32_t intab)
{
    uint32_t fields[8] = {attr, name, iat - 0x100, iat, intab, 0, 0, 0x5EED};
    for (unsigned i = 0; i < 8; i++)
        pb_u32(&B, rva + 4 * i, i >= 1 && i <= 4 ? (uint32_t)(fields[i] + bias) : fields[i]);
}

static void build_delay(int pe32, uint32_t attr)
{
    struct pb_opts o = {.pe32 = pe32};
    build(&o);
    uint32_t d = B.data_rva, w = pb_width(&B);
    uint64_t bias = attr & 1 ? 0 : pb_base(&B);
    put_delay_desc(d, attr, bias, d + 0x200, d + 0x300, d + 0x400);
    pb_str(&B, d + 0x200, "pe_exports.dll");
    put_hint_name(d + 0x500, 1, "pe_add");
    pb_word(&B, d + 0x400, d + 0x500);
    pb_word(&B, d + 0x400 + w, (pe32 ? IMAGE_ORDINAL_FLAG32 : IMAGE_ORDINAL_FLAG64) | 7);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT, d, 32);
}

static unsigned count_delay(NTSTATUS *end)
{
    struct pe_delay_iter it;
    struct pe_delay_dll dll;
    unsigned n = 0;
    pe_delay_begin(&it, &I);
    while ((*end = pe_delay_next(&it, &dll)) == STATUS_SUCCESS)
        n++;
    return n;
}

static void check_delay(int pe32, uint32_t attr)
{
    struct pe_delay_iter it;
    struct pe_delay_dll dll;
    struct pe_thunk_iter ti;
    struct pe_thunk t;
    build_delay(pe32, attr);
    uint32_t d = B.data_rva;
    parse();
    pe_delay_begin(&it, &I);
    assert_int_equal(pe_delay_next(&it, &dll), STATUS_SUCCESS);
    assert_string_equal(dll.name, "pe_exports.dll");
    assert_int_equal(dll.attributes, attr);
    assert_int_equal(dll.name_rva, d + 0x200);
    assert_int_equal(dll.module_handle_rva, d + 0x200);
    assert_int_equal(dll.iat_rva, d + 0x300);
    assert_int_equal(dll.name_table_rva, d + 0x400);
    assert_int_equal(dll.timestamp, 0x5EED);
    pe_thunk_begin(&ti, &I, dll.name_table_rva, dll.iat_rva);
    assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
    assert_string_equal(t.name, "pe_add");
    assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
    assert_int_equal(t.ordinal, 7);
    assert_int_equal(pe_thunk_next(&ti, &t), STATUS_NO_MORE_ENTRIES);
    /* Size 32 holds one descriptor: the walk stops there even without a terminator. */
    assert_int_equal(pe_delay_next(&it, &dll), STATUS_NO_MORE_ENTRIES);
}

static void t_delay_rva(void **state)
{
    (void)state;
    check_delay(0, 1);
    check_delay(1, 1);
}

static void t_delay_va_pe32(void **state)
{
    (void)state;
    check_delay(1, 0); /* old PE32 descriptors hold VAs */
    NTSTATUS end;
    pb_u32(&B, B.data_rva + 4, 0x1000); /* a VA below the image base */
    assert_int_equal(count_delay(&end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

static void t_delay_bounds(void **state)
{
    (void)state;
    NTSTATUS end;
    build_delay(0, 1);
    uint32_t d = B.data_rva;
    parse();
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT, d, 31); /* not room for one */
    parse();
    assert_int_equal(count_delay(&end), 0);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT, d, 64); /* a zero terminator within the size */
    parse();
    assert_int_equal(count_delay(&end), 1);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    put_delay_desc(d + 32, 1, 0, d + 0x200, d + 0x300, d + 0x400);
    assert_int_equal(count_delay(&end), 2);
    pb_u32(&B, d + 32 + 4, 0xFFFFFF00u); /* name outside the image */
    assert_int_equal(count_delay(&end), 1);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);

    struct pb_opts o = {.data_size = 0x22000};
    build(&o);
    d = B.data_rva;
    pb_str(&B, d + 0x21000, "x.dll");
    for (unsigned i = 0; i <= PE_MAX_IMPORT_DLLS; i++)
        put_delay_desc(d + 32 * i, 1, 0, d + 0x21000, d + 0x21100, d + 0x21200);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT, d, 32 * PE_MAX_IMPORT_DLLS);
    parse();
    assert_int_equal(count_delay(&end), PE_MAX_IMPORT_DLLS);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT, d, 32 * (PE_MAX_IMPORT_DLLS + 1));
    parse();
    assert_int_equal(count_delay(&end), PE_MAX_IMPORT_DLLS);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

/* ---- exports ------------------------------------------------------------------------------------------ */

/*
 * Base 5, five slots: Alpha, (unused), Fwd -> NTDLL.RtlAllocateHeap, a NONAME export, and one function
 * with two names (Beta, Gamma). Names sorted: Alpha, Beta, Fwd, Gamma.
 */
static void build_exports(void)
{
    build(NULL);
    uint32_t d = B.data_rva;
    static const struct { const char *name; uint16_t index; } names[] = {
        {"Alpha", 0}, {"Beta", 4}, {"Fwd", 2}, {"Gamma", 4},
    };
    const uint32_t functions[] = {0x1010, 0, d + 0x220, 0x1030, 0x1040};
    pb_u32(&B, d + 4, 0x12345678);     /* TimeDateStamp */
    pb_u32(&B, d + 12, d + 0x200);     /* Name */
    pb_u32(&B, d + 16, 5);             /* Base */
    pb_u32(&B, d + 20, 5);
    pb_u32(&B, d + 24, 4);
    pb_u32(&B, d + 28, d + 0x100);
    pb_u32(&B, d + 32, d + 0x140);
    pb_u32(&B, d + 36, d + 0x160);
    for (unsigned i = 0; i < 5; i++)
        pb_u32(&B, d + 0x100 + 4 * i, functions[i]);
    for (unsigned i = 0; i < 4; i++) {
        pb_u32(&B, d + 0x140 + 4 * i, d + 0x400 + 0x10 * i);
        pb_u16(&B, d + 0x160 + 2 * i, names[i].index);
        pb_str(&B, d + 0x400 + 0x10 * i, names[i].name);
    }
    pb_str(&B, d + 0x200, "test.dll");
    pb_str(&B, d + 0x220, "NTDLL.RtlAllocateHeap");
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_EXPORT, d, 0x300);
}

static void t_exports_table(void **state)
{
    (void)state;
    struct pe_exports ex;
    struct pe_export x;
    build_exports();
    parse();
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    assert_string_equal(ex.dll_name, "test.dll");
    assert_int_equal(ex.ordinal_base, 5);
    assert_int_equal(ex.nfunctions, 5);
    assert_int_equal(ex.nnames, 4);
    assert_int_equal(ex.timestamp, 0x12345678);
    assert_int_equal(ex.dir_size, 0x300);

    assert_int_equal(pe_export_at(&I, &ex, 0, &x), STATUS_SUCCESS);
    assert_int_equal(x.ordinal, 5);
    assert_int_equal(x.rva, 0x1010);
    assert_string_equal(x.name, "Alpha");
    assert_null(x.forwarder);
    assert_int_equal(pe_export_at(&I, &ex, 1, &x), STATUS_SUCCESS);
    assert_int_equal(x.rva, 0);
    assert_null(x.name);
    assert_int_equal(pe_export_at(&I, &ex, 2, &x), STATUS_SUCCESS);
    assert_string_equal(x.forwarder, "NTDLL.RtlAllocateHeap");
    assert_string_equal(x.name, "Fwd");
    assert_int_equal(pe_export_at(&I, &ex, 3, &x), STATUS_SUCCESS);
    assert_int_equal(x.rva, 0x1030);
    assert_null(x.name); /* NONAME */
    assert_int_equal(pe_export_at(&I, &ex, 4, &x), STATUS_SUCCESS);
    assert_string_equal(x.name, "Beta"); /* the first of its two names */
    assert_int_equal(pe_export_at(&I, &ex, 5, &x), STATUS_NO_MORE_ENTRIES);
    assert_int_equal(pe_export_function_at(&I, &ex, 4, &x), STATUS_SUCCESS);
    assert_int_equal(x.rva, 0x1040);
    assert_null(x.name);
    assert_int_equal(pe_export_function_at(&I, &ex, 5, &x), STATUS_NO_MORE_ENTRIES);

    uint32_t index;
    const char *name;
    assert_int_equal(pe_export_name_at(&I, &ex, 3, &index, &name), STATUS_SUCCESS);
    assert_string_equal(name, "Gamma");
    assert_int_equal(index, 4);
    assert_int_equal(pe_export_name_at(&I, &ex, 4, &index, &name), STATUS_NO_MORE_ENTRIES);
    assert_null(name);
}

static void t_export_lookups(void **state)
{
    (void)state;
    struct pe_exports ex;
    struct pe_export x;
    build_exports();
    parse();
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    /* The right hint, a wrong one, one past the table: the same answer. */
    const uint16_t hints[] = {3, 0, 2, 4, 0xFFFF};
    for (unsigned i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
        assert_int_equal(pe_export_by_name(&I, &ex, "Gamma", hints[i], &x), STATUS_SUCCESS);
        assert_int_equal(x.rva, 0x1040);
        assert_int_equal(x.ordinal, 9);
        assert_string_equal(x.name, "Gamma");
    }
    assert_int_equal(pe_export_by_name(&I, &ex, "Alpha", 0, &x), STATUS_SUCCESS);
    assert_int_equal(x.rva, 0x1010);
    assert_int_equal(pe_export_by_name(&I, &ex, "Fwd", 1, &x), STATUS_SUCCESS);
    assert_string_equal(x.forwarder, "NTDLL.RtlAllocateHeap");
    assert_int_equal(pe_export_by_name(&I, &ex, "Delta", 0, &x), STATUS_NOT_FOUND);
    assert_int_equal(x.rva, 0);
    assert_int_equal(pe_export_by_name(&I, &ex, "", 0, &x), STATUS_NOT_FOUND);
    assert_int_equal(pe_export_by_name(&I, &ex, "alpha", 0, &x), STATUS_NOT_FOUND); /* case-sensitive */
    assert_int_equal(pe_export_by_name(&I, &ex, "Zeta", 0, &x), STATUS_NOT_FOUND);

    assert_int_equal(pe_export_by_ordinal(&I, &ex, 5, &x), STATUS_SUCCESS);
    assert_string_equal(x.name, "Alpha");
    assert_int_equal(pe_export_by_ordinal(&I, &ex, 8, &x), STATUS_SUCCESS);
    assert_int_equal(x.rva, 0x1030);
    assert_null(x.name);
    assert_int_equal(pe_export_by_ordinal(&I, &ex, 9, &x), STATUS_SUCCESS);
    assert_int_equal(pe_export_by_ordinal(&I, &ex, 4, &x), STATUS_ORDINAL_NOT_FOUND);  /* below the base */
    assert_int_equal(pe_export_by_ordinal(&I, &ex, 6, &x), STATUS_ORDINAL_NOT_FOUND);  /* unused slot */
    assert_int_equal(pe_export_by_ordinal(&I, &ex, 10, &x), STATUS_ORDINAL_NOT_FOUND); /* past the end */
    assert_int_equal(pe_export_by_ordinal(&I, &ex, 0xFFFFFFFFu, &x), STATUS_ORDINAL_NOT_FOUND);
    assert_int_equal(x.rva, 0);
}

static void t_export_malformed(void **state)
{
    (void)state;
    struct pe_exports ex;
    struct pe_export x;
    uint32_t index;
    const char *name;
    build_exports();
    uint32_t d = B.data_rva;
    parse();
    /* A name referring past the function table. */
    pb_u16(&B, d + 0x160, 5);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    assert_int_equal(pe_export_name_at(&I, &ex, 0, &index, &name), STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(pe_export_by_name(&I, &ex, "Alpha", 0, &x), STATUS_INVALID_IMAGE_FORMAT);
    pb_u16(&B, d + 0x160, 0);
    /* A forwarder string running off the image. */
    memset(B.buf + B.size - 8, 'x', 8);
    pb_u32(&B, d + 0x100 + 8, (uint32_t)B.size - 8);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_EXPORT, d, (uint32_t)B.size - d);
    parse();
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    assert_int_equal(pe_export_at(&I, &ex, 2, &x), STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(x.rva, 0);
    /* A name string pointing outside the image. */
    pb_u32(&B, d + 0x140, 0xFFFFFFF0u);
    assert_int_equal(pe_export_name_at(&I, &ex, 0, &index, &name), STATUS_INVALID_IMAGE_FORMAT);
    /* No export directory. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_EXPORT, 0, 0);
    parse();
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_NOT_FOUND);
}

static void t_export_counts(void **state)
{
    (void)state;
    struct pe_exports ex;
    struct pb_opts o = {.data_size = 0xA1000};
    build(&o);
    uint32_t d = B.data_rva, end = (uint32_t)B.size;
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_EXPORT, d, 40);
    pb_u32(&B, d + 16, 1);
    pb_u32(&B, d + 28, d + 0x1000);    /* 0x40000 bytes of functions */
    pb_u32(&B, d + 32, d + 0x41000);   /* 0x40000 of names */
    pb_u32(&B, d + 36, d + 0x81000);   /* 0x20000 of ordinals */
    parse();
    pb_u32(&B, d + 20, PE_MAX_EXPORTS);
    pb_u32(&B, d + 24, PE_MAX_EXPORTS);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    assert_int_equal(ex.nfunctions, PE_MAX_EXPORTS);
    pb_u32(&B, d + 20, PE_MAX_EXPORTS + 1);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(ex.nfunctions, 0);
    pb_u32(&B, d + 20, 1);
    pb_u32(&B, d + 24, PE_MAX_EXPORTS + 1);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, d + 24, 0);
    /* Ordinal range: base + count may reach 2^32 (last ordinal 0xFFFFFFFF), not pass it. */
    pb_u32(&B, d + 16, 0xFFFFFFFFu);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    pb_u32(&B, d + 20, 2);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, d + 16, 0xFFFF0001u);
    pb_u32(&B, d + 20, 0xFFFF);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    pb_u32(&B, d + 20, 0x10000);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_INVALID_IMAGE_FORMAT);
    /* The function table must fit the image: ending exactly at its end, then one byte over. */
    pb_u32(&B, d + 16, 1);
    pb_u32(&B, d + 20, 4);
    pb_u32(&B, d + 28, end - 16);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    pb_u32(&B, d + 28, end - 15);
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, d + 28, 0xFFFFFFF8u); /* table RVA + size wraps */
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_INVALID_IMAGE_FORMAT);
}

static void t_export_binary_search(void **state)
{
    (void)state;
    struct pe_exports ex;
    struct pe_export x;
    struct pb_opts o = {.data_size = 0x6000};
    build(&o);
    uint32_t d = B.data_rva, n = 1000;
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_EXPORT, d, 40);
    pb_u32(&B, d + 16, 1);
    pb_u32(&B, d + 20, n);
    pb_u32(&B, d + 24, n);
    pb_u32(&B, d + 28, d + 0x100);
    pb_u32(&B, d + 32, d + 0x1100);
    pb_u32(&B, d + 36, d + 0x2100);
    for (uint32_t i = 0; i < n; i++) {
        char name[8];
        snprintf(name, sizeof(name), "f%04u", (unsigned)i);
        pb_u32(&B, d + 0x100 + 4 * i, 0x1000 + i);
        pb_u32(&B, d + 0x1100 + 4 * i, d + 0x2900 + 8 * i);
        pb_u16(&B, d + 0x2100 + 2 * i, (uint16_t)(n - 1 - i));
        pb_str(&B, d + 0x2900 + 8 * i, name);
    }
    parse();
    assert_int_equal(pe_exports_get(&I, &ex), STATUS_SUCCESS);
    for (uint32_t i = 0; i < n; i++) {
        char name[8];
        snprintf(name, sizeof(name), "f%04u", (unsigned)i);
        assert_int_equal(pe_export_by_name(&I, &ex, name, 0, &x), STATUS_SUCCESS);
        assert_int_equal(x.rva, 0x1000 + (n - 1 - i));
    }
    assert_int_equal(pe_export_by_name(&I, &ex, "f0500a", 0, &x), STATUS_NOT_FOUND);
    assert_int_equal(pe_export_by_name(&I, &ex, "e", 0, &x), STATUS_NOT_FOUND);
    assert_int_equal(pe_export_by_name(&I, &ex, "g", 0, &x), STATUS_NOT_FOUND);
}

/* ---- base relocations ---------------------------------------------------------------------------------- */

struct reloc_want {
    uint8_t type;
    uint32_t rva;
    uint16_t arg;
};

/* Three blocks: page 0x1000 (DIR64, HIGHLOW, ABSOLUTE, HIGHADJ + its argument, type 5), page 0x2000
 * empty, page 0x2000 again (DIR64 at its last 8 bytes, ABSOLUTE padding). 40 bytes. */
static void build_relocs(void)
{
    build(NULL);
    uint32_t d = B.data_rva;
    const uint16_t block1[] = {0xA010, 0x3020, 0x0000, 0x4030, 0x1234, 0x5040};
    pb_u32(&B, d, 0x1000);
    pb_u32(&B, d + 4, 8 + sizeof(block1));
    for (unsigned i = 0; i < 6; i++)
        pb_u16(&B, d + 8 + 2 * i, block1[i]);
    pb_u32(&B, d + 20, 0x2000);
    pb_u32(&B, d + 24, 8);
    pb_u32(&B, d + 28, 0x2000);
    pb_u32(&B, d + 32, 12);
    pb_u16(&B, d + 36, 0xAFF8);
    pb_u16(&B, d + 38, 0x0000);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_BASERELOC, d, 40);
}

static const struct reloc_want reloc_all[] = {
    {IMAGE_REL_BASED_DIR64, 0x1010, 0}, {IMAGE_REL_BASED_HIGHLOW, 0x1020, 0}, {IMAGE_REL_BASED_ABSOLUTE, 0x1000, 0},
    {IMAGE_REL_BASED_HIGHADJ, 0x1030, 0x1234}, {5, 0x1040, 0}, {IMAGE_REL_BASED_DIR64, 0x2FF8, 0},
    {IMAGE_REL_BASED_ABSOLUTE, 0x2000, 0},
};

/* Walks the relocations comparing with want[0..n); returns the status that ended the walk. */
static NTSTATUS walk_relocs(const struct reloc_want *want, unsigned n)
{
    struct pe_reloc_iter it;
    struct pe_reloc r;
    NTSTATUS status;
    unsigned i = 0;
    pe_reloc_begin(&it, &I);
    while ((status = pe_reloc_next(&it, &r)) == STATUS_SUCCESS) {
        assert_true(i < n);
        assert_int_equal(r.type, want[i].type);
        assert_int_equal(r.rva, want[i].rva);
        assert_int_equal(r.arg, want[i].arg);
        i++;
    }
    assert_int_equal(i, n);
    return status;
}

static void t_relocs(void **state)
{
    (void)state;
    build_relocs();
    parse_as(PE_LAYOUT_MAPPED);
    assert_int_equal(walk_relocs(reloc_all, 7), STATUS_NO_MORE_ENTRIES);
    parse();
    assert_int_equal(walk_relocs(reloc_all, 7), STATUS_NO_MORE_ENTRIES);
    /* The directory one byte short: the last block leaves it. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_BASERELOC, B.data_rva, 39);
    parse();
    assert_int_equal(walk_relocs(reloc_all, 5), STATUS_INVALID_IMAGE_FORMAT);
    /* Four bytes after the last block: not room for a block header. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_BASERELOC, B.data_rva, 44);
    parse();
    assert_int_equal(walk_relocs(reloc_all, 7), STATUS_INVALID_IMAGE_FORMAT);
    /* Zero padding after it: a zero-sized block ends the walk, as in the loader. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_BASERELOC, B.data_rva, 48);
    parse();
    assert_int_equal(walk_relocs(reloc_all, 7), STATUS_NO_MORE_ENTRIES);
    /* No directory: nothing. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_BASERELOC, 0, 0);
    parse();
    assert_int_equal(walk_relocs(NULL, 0), STATUS_NO_MORE_ENTRIES);
}

static void t_reloc_bad_blocks(void **state)
{
    (void)state;
    const uint32_t sizes[] = {0xFFFFFFFFu, 4, 9, 42, 0xFFFFFFF8u};
    build_relocs();
    parse();
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        pb_u32(&B, B.data_rva + 24, sizes[i]); /* the second block's SizeOfBlock */
        assert_int_equal(walk_relocs(reloc_all, 5), STATUS_INVALID_IMAGE_FORMAT);
    }
    pb_u32(&B, B.data_rva + 24, 8);
    /* A page outside the image; the last page inside it is fine. */
    pb_u32(&B, B.data_rva + 20, 0x3000);
    assert_int_equal(walk_relocs(reloc_all, 5), STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, B.data_rva + 20, 0x2FFF);
    assert_int_equal(walk_relocs(reloc_all, 7), STATUS_NO_MORE_ENTRIES);
    /* HIGHADJ as a block's last entry has no argument. */
    pb_u16(&B, B.data_rva + 18, 0x4050);
    assert_int_equal(walk_relocs(reloc_all, 4), STATUS_INVALID_IMAGE_FORMAT);
}

/* ---- TLS -------------------------------------------------------------------------------------------------- */

/* The TLS directory at D against image base `base`: template D+0x100..D+0x108, index at D+0x110, two
 * callbacks (0x1000, 0x1010) at D+0x120. */
static void build_tls(int pe32, uint64_t base)
{
    struct pb_opts o = {.pe32 = pe32, .data_size = 0x3000};
    build(&o);
    uint32_t d = B.data_rva, w = pb_width(&B);
    pb_word(&B, d, base + d + 0x100);
    pb_word(&B, d + w, base + d + 0x108);
    pb_word(&B, d + 2 * w, base + d + 0x110);
    pb_word(&B, d + 3 * w, base + d + 0x120);
    pb_u32(&B, d + 4 * w, 0x20);
    pb_u32(&B, d + 4 * w + 4, 0x00300000);
    pb_word(&B, d + 0x120, base + 0x1000);
    pb_word(&B, d + 0x120 + w, base + 0x1010);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_TLS, d, 4 * w + 8);
}

static unsigned count_callbacks(uint64_t base, NTSTATUS *end)
{
    struct pe_tls tls;
    uint32_t rva;
    unsigned n = 0;
    *end = pe_tls_get(&I, base, &tls);
    if (*end != STATUS_SUCCESS)
        return 0;
    while ((*end = pe_tls_callback_at(&I, base, &tls, n, &rva)) == STATUS_SUCCESS)
        n++;
    return n;
}

static void check_tls(int pe32)
{
    struct pe_tls tls;
    uint32_t rva;
    uint64_t base = pe32 ? 0x400000 : 0x140000000ull;
    build_tls(pe32, base);
    uint32_t d = B.data_rva;
    parse();
    assert_int_equal(pe_tls_get(&I, base, &tls), STATUS_SUCCESS);
    assert_int_equal(tls.raw_start_rva, d + 0x100);
    assert_int_equal(tls.raw_end_rva, d + 0x108);
    assert_int_equal(tls.index_rva, d + 0x110);
    assert_int_equal(tls.callbacks_rva, d + 0x120);
    assert_int_equal(tls.zero_fill, 0x20);
    assert_int_equal(tls.characteristics, 0x00300000);
    assert_int_equal(pe_tls_callback_at(&I, base, &tls, 0, &rva), STATUS_SUCCESS);
    assert_int_equal(rva, 0x1000);
    assert_int_equal(pe_tls_callback_at(&I, base, &tls, 1, &rva), STATUS_SUCCESS);
    assert_int_equal(rva, 0x1010);
    assert_int_equal(pe_tls_callback_at(&I, base, &tls, 2, &rva), STATUS_NO_MORE_ENTRIES);
    assert_int_equal(rva, 0);
}

static void t_tls(void **state)
{
    (void)state;
    check_tls(0);
    check_tls(1);
}

static void t_tls_relocated(void **state)
{
    (void)state;
    /* A mapped view relocated to another base holds VAs against that base. */
    const uint64_t actual = 0x7FF612340000ull;
    NTSTATUS end;
    build_tls(0, actual);
    parse_as(PE_LAYOUT_MAPPED);
    assert_int_equal(count_callbacks(actual, &end), 2);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    assert_int_equal(count_callbacks(0x140000000ull, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
}

static void t_tls_bounds(void **state)
{
    (void)state;
    NTSTATUS end;
    struct pe_tls tls;
    uint64_t base = 0x140000000ull;
    build_tls(0, base);
    uint32_t d = B.data_rva, cb = d + 0x200;
    pb_u64(&B, d + 24, base + cb);
    parse();
    for (unsigned i = 0; i < PE_MAX_TLS_CALLBACKS; i++)
        pb_u64(&B, cb + 8 * i, base + 0x1000 + i);
    assert_int_equal(count_callbacks(base, &end), PE_MAX_TLS_CALLBACKS);
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    pb_u64(&B, cb + 8 * PE_MAX_TLS_CALLBACKS, base + 0x1000);
    assert_int_equal(count_callbacks(base, &end), PE_MAX_TLS_CALLBACKS);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    pb_u64(&B, cb + 8 * PE_MAX_TLS_CALLBACKS, 0);
    /* A callback in the image's last byte, at its end, below its base. */
    pb_u64(&B, cb, base + B.size - 1);
    assert_int_equal(count_callbacks(base, &end), PE_MAX_TLS_CALLBACKS);
    pb_u64(&B, cb, base + B.size);
    assert_int_equal(count_callbacks(base, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    pb_u64(&B, cb, base - 1);
    assert_int_equal(count_callbacks(base, &end), 0);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    /* A callback array that runs off the image without its NULL. */
    memset(B.buf + cb, 0, 8 * (PE_MAX_TLS_CALLBACKS + 1));
    pb_u64(&B, d + 24, base + B.size - 8);
    pb_u64(&B, B.size - 8, base + 0x1000);
    assert_int_equal(count_callbacks(base, &end), 1);
    assert_int_equal(end, STATUS_INVALID_IMAGE_FORMAT);
    /* Template end before its start; a VA past the image. */
    pb_u64(&B, d + 24, 0);
    pb_u64(&B, d + 8, base + d);
    assert_int_equal(pe_tls_get(&I, base, &tls), STATUS_INVALID_IMAGE_FORMAT);
    pb_u64(&B, d + 8, base + B.size + 1);
    assert_int_equal(pe_tls_get(&I, base, &tls), STATUS_INVALID_IMAGE_FORMAT);
    pb_u64(&B, d + 8, base + d + 0x108);
    assert_int_equal(count_callbacks(base, &end), 0); /* no callback array */
    assert_int_equal(end, STATUS_NO_MORE_ENTRIES);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_TLS, 0, 0);
    parse();
    assert_int_equal(pe_tls_get(&I, base, &tls), STATUS_NOT_FOUND);
    /* A directory cut by the end of the image. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_TLS, (uint32_t)B.size - 39, 39);
    parse();
    assert_int_equal(pe_tls_get(&I, base, &tls), STATUS_INVALID_IMAGE_FORMAT);
}

/* ---- .pdata, load config ----------------------------------------------------------------------------- */

static void t_pdata(void **state)
{
    (void)state;
    IMAGE_RUNTIME_FUNCTION_ENTRY f;
    uint32_t d = B.data_rva;
    for (uint32_t i = 0; i < 3; i++) {
        pb_u32(&B, d + 12 * i, 0x1000 + 0x10 * i);
        pb_u32(&B, d + 12 * i + 4, 0x1008 + 0x10 * i);
        pb_u32(&B, d + 12 * i + 8, 0x2800 + 8 * i);
    }
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_EXCEPTION, d, 37); /* three entries and a stray byte */
    parse();
    assert_int_equal(pe_pdata_count(&I), 3);
    assert_int_equal(pe_pdata_at(&I, 2, &f), STATUS_SUCCESS);
    assert_int_equal(f.BeginAddress, 0x1020);
    assert_int_equal(f.EndAddress, 0x1028);
    assert_int_equal(f.UnwindData, 0x2810);
    assert_int_equal(pe_pdata_at(&I, 3, &f), STATUS_NO_MORE_ENTRIES);
    assert_int_equal(f.BeginAddress, 0);
    /* In a file, entries past the section's raw data cannot be read. */
    pb_sec(&B, 1, SEC_RAW_SIZE, 24);
    parse();
    assert_int_equal(pe_pdata_at(&I, 1, &f), STATUS_SUCCESS);
    assert_int_equal(pe_pdata_at(&I, 2, &f), STATUS_INVALID_IMAGE_FORMAT);
    parse_as(PE_LAYOUT_MAPPED);
    assert_int_equal(pe_pdata_at(&I, 2, &f), STATUS_SUCCESS);
    /* x86 images have no such table. */
    pb_u16(&B, B.nt + 4, IMAGE_FILE_MACHINE_I386);
    parse();
    assert_int_equal(pe_pdata_count(&I), 0);
}

static void t_load_config(void **state)
{
    (void)state;
    struct pe_load_config lc;
    uint32_t d = B.data_rva;
    pb_u32(&B, d, 0x94);
    pb_u64(&B, d + 0x58, 0x140002100ull);
    pb_u64(&B, d + 0x70, 0x140002200ull);
    pb_u32(&B, d + 0x90, 0x10500);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG, d, 0x94);
    parse();
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_SUCCESS);
    assert_int_equal(lc.size, 0x94);
    assert_true(lc.security_cookie_va == 0x140002100ull);
    assert_true(lc.guard_cf_check_va == 0x140002200ull);
    assert_int_equal(lc.guard_flags, 0x10500);
    /* Fields past the structure's own Size read as 0: the cookie needs Size >= 0x60. */
    pb_u32(&B, d, 0x60);
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_SUCCESS);
    assert_true(lc.security_cookie_va == 0x140002100ull);
    assert_int_equal(lc.guard_flags, 0);
    pb_u32(&B, d, 0x5F);
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_SUCCESS);
    assert_true(lc.security_cookie_va == 0);
    pb_u32(&B, d, 3);
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, d, 0x1000); /* exactly to the end of the image */
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_SUCCESS);
    pb_u32(&B, d, 0x1001);
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_INVALID_IMAGE_FORMAT);
    pb_u32(&B, d, 0xFFFFFFFFu);
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_INVALID_IMAGE_FORMAT);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG, 0, 0);
    parse();
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_NOT_FOUND);
}

static void t_load_config_pe32(void **state)
{
    (void)state;
    struct pe_load_config lc;
    struct pb_opts o = {.pe32 = 1};
    build(&o);
    uint32_t d = B.data_rva;
    pb_u32(&B, d, 0x5C);
    pb_u32(&B, d + 0x3C, 0x402100);
    pb_u32(&B, d + 0x48, 0x402200);
    pb_u32(&B, d + 0x58, 0x100);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG, d, 0x40);
    parse();
    assert_int_equal(pe_load_config_get(&I, &lc), STATUS_SUCCESS);
    assert_true(lc.security_cookie_va == 0x402100);
    assert_true(lc.guard_cf_check_va == 0x402200);
    assert_int_equal(lc.guard_flags, 0x100);
}

/* ---- resources ----------------------------------------------------------------------------------------- */

struct leaf_log {
    unsigned n;
    struct pe_resource res[8];
};

static void log_leaf(void *ctx, const struct pe_resource *res)
{
    struct leaf_log *log = ctx;
    if (log->n < 8)
        log->res[log->n] = *res;
    log->n++;
}

/* Resource offsets are relative to the directory at D. */
static void put_rsrc_dir(uint32_t off, uint16_t named, uint16_t ids)
{
    pb_u16(&B, B.data_rva + off + 12, named);
    pb_u16(&B, B.data_rva + off + 14, ids);
}

static void put_rsrc_entry(uint32_t dir_off, unsigned i, uint32_t name, uint32_t target)
{
    pb_u32(&B, B.data_rva + dir_off + 16 + 8 * i, name);
    pb_u32(&B, B.data_rva + dir_off + 16 + 8 * i + 4, target);
}

static void put_rsrc_string(uint32_t off, const char *s)
{
    pb_u16(&B, B.data_rva + off, (uint16_t)strlen(s));
    for (size_t i = 0; s[i]; i++)
        pb_u16(&B, B.data_rva + off + 2 + 2 * i, (uint8_t)s[i]);
}

static void put_rsrc_data(uint32_t off, uint32_t rva, uint32_t size, uint32_t codepage)
{
    pb_u32(&B, B.data_rva + off, rva);
    pb_u32(&B, B.data_rva + off + 4, size);
    pb_u32(&B, B.data_rva + off + 8, codepage);
}

#define HI 0x80000000u

/*
 * root(0): "MYTYPE" -> T1(0x40), 10 -> T2(0x60)
 * T1: 1 -> N1(0x100);  T2: "PEDATA" -> N2(0x140), 7 -> N3(0x180)
 * N1: 0x409 -> E1(0x300);  N2: 0x409 -> E2(0x310);  N3: 0x407 -> E3(0x320), 0x409 -> E3
 */
static void build_resources(void)
{
    build(NULL);
    put_rsrc_dir(0, 1, 1);
    put_rsrc_entry(0, 0, HI | 0x200, HI | 0x40);
    put_rsrc_entry(0, 1, 10, HI | 0x60);
    put_rsrc_dir(0x40, 0, 1);
    put_rsrc_entry(0x40, 0, 1, HI | 0x100);
    put_rsrc_dir(0x60, 1, 1);
    put_rsrc_entry(0x60, 0, HI | 0x220, HI | 0x140);
    put_rsrc_entry(0x60, 1, 7, HI | 0x180);
    put_rsrc_dir(0x100, 0, 1);
    put_rsrc_entry(0x100, 0, 0x409, 0x300);
    put_rsrc_dir(0x140, 0, 1);
    put_rsrc_entry(0x140, 0, 0x409, 0x310);
    put_rsrc_dir(0x180, 0, 2);
    put_rsrc_entry(0x180, 0, 0x407, 0x320);
    put_rsrc_entry(0x180, 1, 0x409, 0x320);
    put_rsrc_string(0x200, "MYTYPE");
    put_rsrc_string(0x220, "PEDATA");
    put_rsrc_data(0x300, B.data_rva + 0x800, 4, 1252);
    put_rsrc_data(0x310, B.data_rva + 0x808, 5, 0);
    put_rsrc_data(0x320, B.data_rva + 0x810, 0x7F0, 0);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_RESOURCE, B.data_rva, 0x330);
}

static int utf16_is(const uint16_t *s, uint16_t len, const char *want)
{
    if (len != strlen(want))
        return 0;
    for (uint16_t i = 0; i < len; i++)
        if (pe_le16(s + i) != (uint8_t)want[i])
            return 0;
    return 1;
}

static void t_resources(void **state)
{
    (void)state;
    struct leaf_log log = {0};
    build_resources();
    parse();
    assert_int_equal(pe_resources_walk(&I, log_leaf, &log), STATUS_SUCCESS);
    assert_int_equal(log.n, 4);
    assert_true(utf16_is(log.res[0].type_name, log.res[0].type_name_len, "MYTYPE"));
    assert_int_equal(log.res[0].name_id, 1);
    assert_null(log.res[0].name_name);
    assert_int_equal(log.res[0].lang_id, 0x409);
    assert_int_equal(log.res[0].data_rva, B.data_rva + 0x800);
    assert_int_equal(log.res[0].data_size, 4);
    assert_int_equal(log.res[0].codepage, 1252);
    assert_int_equal(log.res[1].type_id, 10);
    assert_null(log.res[1].type_name);
    assert_true(utf16_is(log.res[1].name_name, log.res[1].name_name_len, "PEDATA"));
    assert_int_equal(log.res[2].name_id, 7);
    assert_int_equal(log.res[2].lang_id, 0x407);
    assert_int_equal(log.res[3].lang_id, 0x409);
    assert_int_equal(log.res[3].data_size, 0x7F0); /* ends exactly at the end of the image */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_RESOURCE, 0, 0);
    parse();
    assert_int_equal(pe_resources_walk(&I, log_leaf, &log), STATUS_NOT_FOUND);
}

static NTSTATUS walk_count(unsigned *n)
{
    struct leaf_log log = {0};
    NTSTATUS status = pe_resources_walk(&I, log_leaf, &log);
    *n = log.n;
    return status;
}

static void t_resource_malformed(void **state)
{
    (void)state;
    unsigned n;
    build_resources();
    parse();
    /* A data entry one byte past the image. */
    put_rsrc_data(0x320, B.data_rva + 0x810, 0x7F1, 0);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_data(0x320, B.data_rva + 0x810, 0x7F0, 0);
    /* Cycles: a subdirectory at or before its parent. */
    put_rsrc_entry(0x60, 1, 7, HI | 0x60);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0x60, 1, 7, HI | 0);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0x60, 1, 7, HI | 0x180);
    /* A well-formed language directory placed before its parent is refused all the same; after it, fine. */
    put_rsrc_dir(0x20, 0, 1);
    put_rsrc_entry(0x20, 0, 0x407, 0x320);
    put_rsrc_entry(0x60, 1, 7, HI | 0x20);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_dir(0x1C0, 0, 1);
    put_rsrc_entry(0x1C0, 0, 0x407, 0x320);
    put_rsrc_entry(0x60, 1, 7, HI | 0x1C0);
    assert_int_equal(walk_count(&n), STATUS_SUCCESS);
    assert_int_equal(n, 3);
    put_rsrc_entry(0x60, 1, 7, HI | 0x180);
    /* A leaf above the language level; a subdirectory at it. */
    put_rsrc_entry(0, 1, 10, 0x300);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0, 1, 10, HI | 0x60);
    put_rsrc_entry(0x180, 1, 0x409, HI | 0x1C0);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0x180, 1, 0x409, 0x320);
    assert_int_equal(walk_count(&n), STATUS_SUCCESS);
    /* Names: at an odd offset, or longer than the image. */
    put_rsrc_entry(0, 0, HI | 0x201, HI | 0x40);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0, 0, HI | 0x200, HI | 0x40);
    pb_u16(&B, B.data_rva + 0x200, 0xFFFF);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    pb_u16(&B, B.data_rva + 0x200, 6);
    /* Entry counts that run the directory off the image; an offset that wraps the RVA. */
    put_rsrc_dir(0x180, 0xFFFF, 0xFFFF);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_dir(0x180, 0, 2);
    put_rsrc_entry(0x60, 1, 7, HI | 0x7FFFFFFFu);
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
}

static void t_resource_budget(void **state)
{
    (void)state;
    unsigned n;
    /* root -> 1 type -> 1 name -> 65534 languages: 65536 entries, exactly the budget. */
    const uint32_t langs = PE_MAX_RESOURCE_ENTRIES - 2;
    struct pb_opts o = {.data_size = 0x82000};
    build(&o);
    put_rsrc_dir(0, 0, 1);
    put_rsrc_entry(0, 0, 10, HI | 0x20);
    put_rsrc_dir(0x20, 0, 1);
    put_rsrc_entry(0x20, 0, 1, HI | 0x40);
    put_rsrc_dir(0x40, 0, (uint16_t)langs);
    for (uint32_t i = 0; i <= langs; i++)
        put_rsrc_entry(0x40, i, i, 0x81000);
    put_rsrc_data(0x81000, B.data_rva, 16, 0);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_RESOURCE, B.data_rva, 0x81010);
    parse();
    assert_int_equal(walk_count(&n), STATUS_SUCCESS);
    assert_int_equal(n, langs);
    put_rsrc_dir(0x40, 0, (uint16_t)(langs + 1));
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(n, langs);
}

static void t_resource_shared_subdirs(void **state)
{
    (void)state;
    unsigned n;
    /* 200 types sharing one name directory of 200 entries sharing one language directory of 200
     * entries would be 8 million leaves; the budget stops the walk after 65536 entries. */
    struct pb_opts o = {.data_size = 0x2000};
    build(&o);
    put_rsrc_dir(0, 0, 200);
    put_rsrc_dir(0x800, 0, 200);
    put_rsrc_dir(0x1000, 0, 200);
    for (unsigned i = 0; i < 200; i++) {
        put_rsrc_entry(0, i, i, HI | 0x800);
        put_rsrc_entry(0x800, i, i, HI | 0x1000);
        put_rsrc_entry(0x1000, i, i, 0x1800);
    }
    put_rsrc_data(0x1800, B.data_rva, 16, 0);
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_RESOURCE, B.data_rva, 0x1810);
    parse();
    assert_int_equal(walk_count(&n), STATUS_INVALID_IMAGE_FORMAT);
    assert_true(n < PE_MAX_RESOURCE_ENTRIES);
}

/* ---- resource lookups, one level at a time ---------------------------------------------------------------- */

/* Entry i of dir, which must read. */
static struct pe_resource_entry rsrc_entry(const struct pe_resource_dir *dir, uint32_t i)
{
    struct pe_resource_entry e;
    assert_int_equal(pe_resource_entry_at(&I, dir, i, &e), STATUS_SUCCESS);
    return e;
}

static void t_resource_levels(void **state)
{
    (void)state;
    build_resources();
    for (int layout = 0; layout < 2; layout++) {
        parse_as(layout ? PE_LAYOUT_MAPPED : PE_LAYOUT_FILE);
        struct pe_resource_dir root, names, langs;
        assert_int_equal(pe_resource_root(&I, &root), STATUS_SUCCESS);
        assert_int_equal(root.offset, 0);
        assert_int_equal(root.nentries, 2);
        assert_non_null(pe_resource_dir_header(&I, &root));
        struct pe_resource_entry e = rsrc_entry(&root, 0);
        assert_true(e.is_dir);
        assert_true(utf16_is(e.name, e.name_len, "MYTYPE"));
        e = rsrc_entry(&root, 1);
        assert_null(e.name);
        assert_int_equal(e.id, 10);
        assert_null(pe_resource_data_entry(&I, &e));   /* a directory, not a leaf */
        assert_int_equal(pe_resource_subdir(&I, &root, &e, &names), STATUS_SUCCESS);
        assert_int_equal(names.offset, 0x60);
        assert_int_equal(names.nentries, 2);
        assert_true(utf16_is(rsrc_entry(&names, 0).name, rsrc_entry(&names, 0).name_len, "PEDATA"));
        e = rsrc_entry(&names, 1);
        assert_int_equal(e.id, 7);
        assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_SUCCESS);
        assert_int_equal(langs.nentries, 2);
        e = rsrc_entry(&langs, 1);
        assert_int_equal(e.id, 0x409);
        assert_false(e.is_dir);
        struct pe_resource_dir none;
        assert_int_equal(pe_resource_subdir(&I, &langs, &e, &none), STATUS_INVALID_IMAGE_FORMAT);
        const IMAGE_RESOURCE_DATA_ENTRY *d = pe_resource_data_entry(&I, &e);
        assert_non_null(d);
        assert_int_equal(d->OffsetToData, B.data_rva + 0x810);
        assert_int_equal(d->Size, 0x7F0);
        assert_int_equal(pe_resource_entry_at(&I, &langs, 2, &e), STATUS_NO_MORE_ENTRIES);
    }
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_RESOURCE, 0, 0);
    parse();
    struct pe_resource_dir root;
    assert_int_equal(pe_resource_root(&I, &root), STATUS_NOT_FOUND);
}

static void t_resource_levels_malformed(void **state)
{
    (void)state;
    build_resources();
    parse();
    struct pe_resource_dir root, names, langs, sub;
    assert_int_equal(pe_resource_root(&I, &root), STATUS_SUCCESS);
    struct pe_resource_entry e = rsrc_entry(&root, 1);
    assert_int_equal(pe_resource_subdir(&I, &root, &e, &names), STATUS_SUCCESS);
    /* Loops: a subdirectory at or before its parent. */
    put_rsrc_entry(0x60, 1, 7, HI | 0x60);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &sub), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0x60, 1, 7, HI | 0);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &sub), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0x60, 1, 7, HI | 0x180);
    /* A directory whose entries run past the image; a subdirectory offset that wraps the RVA. */
    put_rsrc_dir(0x180, 0xFFFF, 0xFFFF);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_dir(0x180, 0, 2);
    put_rsrc_entry(0x60, 1, 7, HI | 0x7FFFFFFFu);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0x60, 1, 7, HI | 0x180);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_SUCCESS);
    /* Data entries: ending exactly at the image's end, one byte past it, misaligned. */
    uint32_t last = (uint32_t)(B.size - B.data_rva - sizeof(IMAGE_RESOURCE_DATA_ENTRY));
    put_rsrc_entry(0x180, 0, 0x407, last);
    assert_non_null(pe_resource_data_entry(&I, &(struct pe_resource_entry){.target = last}));
    assert_null(pe_resource_data_entry(&I, &(struct pe_resource_entry){.target = last + 1}));
    assert_null(pe_resource_data_entry(&I, &(struct pe_resource_entry){.target = 0x322}));
    assert_null(pe_resource_data_entry(&I, &(struct pe_resource_entry){.target = 0xFFFFFFF0u}));
    /* Names: at an odd offset, longer than the image, past the image. */
    put_rsrc_entry(0, 0, HI | 0x201, HI | 0x40);
    assert_int_equal(pe_resource_entry_at(&I, &root, 0, &e), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_entry(0, 0, HI | 0x200, HI | 0x40);
    pb_u16(&B, B.data_rva + 0x200, 0xFFFF);
    assert_int_equal(pe_resource_entry_at(&I, &root, 0, &e), STATUS_INVALID_IMAGE_FORMAT);
    pb_u16(&B, B.data_rva + 0x200, 6);
    put_rsrc_entry(0, 0, HI | 0x7FFFFFF0u, HI | 0x40);
    assert_int_equal(pe_resource_entry_at(&I, &root, 0, &e), STATUS_INVALID_IMAGE_FORMAT);
    /* A root whose entries do not fit the image. */
    put_rsrc_dir(0, 0xFFFF, 0);
    assert_int_equal(pe_resource_root(&I, &root), STATUS_INVALID_IMAGE_FORMAT);
    put_rsrc_dir(0, 1, 1);
    /* A directory RVA that leaves the image. */
    pb_dir(&B, IMAGE_DIRECTORY_ENTRY_RESOURCE, B.data_rva, 0x330);
    I.dirs[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress = (uint32_t)B.size - 8;
    assert_int_equal(pe_resource_root(&I, &root), STATUS_INVALID_IMAGE_FORMAT);
}

/* In a file, a directory in a section's zero-filled tail (past its raw data) has no bytes: refused there, read
 * when mapped. */
static void t_resource_levels_raw_tail(void **state)
{
    (void)state;
    build_resources();
    pb_sec(&B, B.nsections - 1, SEC_RAW_SIZE, 0x180);
    parse_as(PE_LAYOUT_FILE);
    struct pe_resource_dir root, names, langs;
    assert_int_equal(pe_resource_root(&I, &root), STATUS_SUCCESS);
    struct pe_resource_entry e = rsrc_entry(&root, 1);
    assert_int_equal(pe_resource_subdir(&I, &root, &e, &names), STATUS_SUCCESS);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_INVALID_IMAGE_FORMAT);
    pb_sec(&B, B.nsections - 1, SEC_RAW_SIZE, 0x1C0);
    parse_as(PE_LAYOUT_FILE);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_SUCCESS);
    e = rsrc_entry(&langs, 0);
    assert_null(pe_resource_data_entry(&I, &e));   /* at 0x320, past the raw data */
    pb_sec(&B, B.nsections - 1, SEC_RAW_SIZE, 0x180);
    parse_as(PE_LAYOUT_MAPPED);
    e = rsrc_entry(&names, 1);
    assert_int_equal(pe_resource_subdir(&I, &names, &e, &langs), STATUS_SUCCESS);
    assert_non_null(pe_resource_data_entry(&I, &(struct pe_resource_entry){.target = 0x320}));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(t_imports_pe64), T(t_imports_pe32), T(t_import_terminator), T(t_import_dll_cap),
        T(t_import_descriptor_bounds), T(t_import_name_bounds), T(t_thunk_cap), T(t_thunk_entries),
        T(t_delay_rva), T(t_delay_va_pe32), T(t_delay_bounds), T(t_exports_table), T(t_export_lookups),
        T(t_export_malformed), T(t_export_counts), T(t_export_binary_search), T(t_relocs), T(t_reloc_bad_blocks),
        T(t_tls), T(t_tls_relocated), T(t_tls_bounds), T(t_pdata), T(t_load_config), T(t_load_config_pe32),
        T(t_resources), T(t_resource_malformed), T(t_resource_budget), T(t_resource_shared_subdirs),
        T(t_resource_levels), T(t_resource_levels_malformed), T(t_resource_levels_raw_tail),
    };
    return RUN_TESTS(tests);
}
