/*
 * The reader on real images built by mingw-w64 (tests/programs/pe), compared with what the toolchain says
 * it put in them: `objdump -p` listings for headers, imports, exports, relocations, .pdata and resources,
 * `nm` for TLS callbacks and delay-load tables. Each image is also "mapped" the way the loader lays it out
 * (headers and sections copied to their RVAs) and read again as a PE_LAYOUT_MAPPED view: both layouts
 * must tell the same story.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>

#include "pe_fixture.h"
#include "pe/pe.h"

static const char *const fixtures[] = {
    "hello.exe", "pe_exports.dll", "pe_imports.exe", "pe_tls.exe", "pe_reloc.exe", "pe_delay.exe", "pe32.exe",
};
#define NFIXTURES (sizeof(fixtures) / sizeof(fixtures[0]))

struct fixture {
    uint8_t *data;
    size_t size;
    struct pe_image img;
    char *listing;
};

static void fx_open(struct fixture *f, const char *name)
{
    char listing[128];
    f->data = fx_image(name, &f->size);
    NTSTATUS status = pe_parse(&f->img, f->data, f->size, PE_LAYOUT_FILE);
    if (status != STATUS_SUCCESS)
        fprintf(stderr, "%s: %s\n", name, f->img.error);
    assert_int_equal(status, STATUS_SUCCESS);
    snprintf(listing, sizeof(listing), "%s.objdump", name);
    f->listing = fx_listing(listing);
}

static void fx_close(struct fixture *f)
{
    free(f->data);
    free(f->listing);
}

/* ---- listing parsing ------------------------------------------------------------------------------ */

/* Copies the line at *p into buf (without its newline) and advances; NULL at the end. */
static char *next_line(const char **p, char *buf, size_t n)
{
    if (!**p)
        return NULL;
    size_t len = strcspn(*p, "\n");
    size_t keep = len < n - 1 ? len : n - 1;
    memcpy(buf, *p, keep);
    buf[keep] = 0;
    *p += (*p)[len] == '\n' ? len + 1 : len;
    return buf;
}

/* The line after the one starting with `start`, or NULL. */
static const char *after_line(const char *text, const char *start)
{
    const char *p = strstr(text, start);
    if (!p)
        return NULL;
    p = strchr(p, '\n');
    return p ? p + 1 : NULL;
}

/* "Key<tabs>value" header lines; the value in hex. */
static uint64_t listing_hex(const char *text, const char *key)
{
    char pattern[64];
    snprintf(pattern, sizeof(pattern), "\n%s\t", key);
    const char *p = strstr(text, pattern);
    if (!p)
        fprintf(stderr, "listing has no %s\n", key);
    assert_non_null(p);
    return strtoull(p + strlen(pattern) + strspn(p + strlen(pattern), "\t"), NULL, 16);
}

/* An `nm` symbol's value. */
static uint64_t nm_symbol(const char *nm, const char *name)
{
    char pattern[128];
    snprintf(pattern, sizeof(pattern), " %s\n", name);
    for (const char *p = strstr(nm, pattern); p; p = strstr(p + 1, pattern)) {
        const char *line = p;
        while (line > nm && line[-1] != '\n')
            line--;
        if (p - line == 18) /* "0000000140001000 T" */
            return strtoull(line, NULL, 16);
    }
    fprintf(stderr, "nm listing has no %s\n", name);
    fail();
    return 0;
}

/* ---- headers --------------------------------------------------------------------------------------------- */

static void t_headers(void **state)
{
    (void)state;
    for (size_t k = 0; k < NFIXTURES; k++) {
        struct fixture f;
        fx_open(&f, fixtures[k]);
        const struct pe_image *img = &f.img;
        assert_int_equal(img->magic, listing_hex(f.listing, "Magic"));
        assert_true(img->image_base == listing_hex(f.listing, "ImageBase"));
        assert_int_equal(img->size_of_image, listing_hex(f.listing, "SizeOfImage"));
        assert_int_equal(img->size_of_headers, listing_hex(f.listing, "SizeOfHeaders"));
        assert_int_equal(img->entry_rva, listing_hex(f.listing, "AddressOfEntryPoint"));
        assert_int_equal(img->section_alignment, listing_hex(f.listing, "SectionAlignment"));
        assert_int_equal(img->file_alignment, listing_hex(f.listing, "FileAlignment"));
        assert_int_equal(img->subsystem, listing_hex(f.listing, "Subsystem"));
        assert_int_equal(img->dll_characteristics, listing_hex(f.listing, "DllCharacteristics"));
        assert_true(img->stack_reserve == listing_hex(f.listing, "SizeOfStackReserve"));
        assert_true(img->heap_commit == listing_hex(f.listing, "SizeOfHeapCommit"));
        assert_int_equal(img->ndirs, listing_hex(f.listing, "NumberOfRvaAndSizes"));
        for (unsigned i = 0; i < img->ndirs; i++) {
            char key[32];
            unsigned long long rva;
            unsigned size;
            snprintf(key, sizeof(key), "\nEntry %x ", i);
            const char *p = strstr(f.listing, key);
            assert_non_null(p);
            assert_int_equal(sscanf(p + strlen(key), "%llx %x", &rva, &size), 2);
            assert_int_equal(img->dirs[i].VirtualAddress, rva);
            assert_int_equal(img->dirs[i].Size, size);
        }
        int amd64 = strcmp(fixtures[k], "pe32.exe") != 0;
        assert_int_equal(pe_check_runnable(img), amd64 ? STATUS_SUCCESS : STATUS_IMAGE_MACHINE_TYPE_MISMATCH);
        fx_close(&f);
    }
}

/* ---- imports ----------------------------------------------------------------------------------------------- */

/* Checks one DLL's thunks against the listing lines after its "DLL Name:" line. */
static void check_thunks(const struct pe_image *img, const struct pe_import_dll *dll, const char **p)
{
    struct pe_thunk_iter it;
    struct pe_thunk t;
    char line[512];
    uint64_t flag = img->magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC ? IMAGE_ORDINAL_FLAG64 : IMAGE_ORDINAL_FLAG32;

    assert_non_null(next_line(p, line, sizeof(line))); /* "vma:  Hint/Ord Member-Name Bound-To" */
    pe_thunk_begin(&it, img, dll->lookup_rva, dll->iat_rva);
    while (next_line(p, line, sizeof(line)) && line[0]) {
        unsigned long long value;
        unsigned hint;
        char name[256];
        assert_int_equal(sscanf(line, "\t%llx\t%u %255s", &value, &hint, name), 3);
        assert_int_equal(pe_thunk_next(&it, &t), STATUS_SUCCESS);
        if (value & flag) {
            assert_true(t.by_ordinal);
            assert_int_equal(t.ordinal, value & 0xFFFF);
        } else {
            assert_false(t.by_ordinal);
            assert_string_equal(t.name, name);
            assert_int_equal(t.hint, hint);
        }
    }
    assert_int_equal(pe_thunk_next(&it, &t), STATUS_NO_MORE_ENTRIES);
}

static void t_imports(void **state)
{
    (void)state;
    for (size_t k = 0; k < NFIXTURES; k++) {
        struct fixture f;
        struct pe_import_iter it;
        struct pe_import_dll dll;
        unsigned n = 0;
        fx_open(&f, fixtures[k]);
        const char *p = f.listing;
        pe_import_begin(&it, &f.img);
        while (pe_import_next(&it, &dll) == STATUS_SUCCESS) {
            char key[300];
            snprintf(key, sizeof(key), "\tDLL Name: %s\n", dll.name);
            p = after_line(p, key);
            assert_non_null(p);
            check_thunks(&f.img, &dll, &p);
            n++;
        }
        assert_null(strstr(p, "DLL Name:")); /* nothing the reader missed */
        assert_true(n >= 1);
        fx_close(&f);
    }
}

/* pe_imports.exe's imports from pe_exports.dll resolve in pe_exports.dll exactly by their hints. */
static void t_imports_resolve(void **state)
{
    (void)state;
    struct fixture exe, dll;
    struct pe_exports ex;
    struct pe_import_iter it;
    struct pe_import_dll d;
    struct pe_thunk_iter ti;
    struct pe_thunk t;
    struct pe_export x;
    unsigned by_name = 0, by_ordinal = 0;

    fx_open(&exe, "pe_imports.exe");
    fx_open(&dll, "pe_exports.dll");
    assert_int_equal(pe_exports_get(&dll.img, &ex), STATUS_SUCCESS);
    pe_import_begin(&it, &exe.img);
    while (pe_import_next(&it, &d) == STATUS_SUCCESS) {
        if (strcmp(d.name, "pe_exports.dll") != 0)
            continue;
        pe_thunk_begin(&ti, &exe.img, d.lookup_rva, d.iat_rva);
        while (pe_thunk_next(&ti, &t) == STATUS_SUCCESS) {
            /* Hints are only hints (dlltool writes the ordinal): the lookup must find the name anyway. */
            if (t.by_ordinal) {
                assert_int_equal(pe_export_by_ordinal(&dll.img, &ex, t.ordinal, &x), STATUS_SUCCESS);
                assert_int_equal(t.ordinal, 7);
                assert_null(x.name); /* pe_hidden is NONAME */
                by_ordinal++;
            } else {
                assert_int_equal(pe_export_by_name(&dll.img, &ex, t.name, t.hint, &x), STATUS_SUCCESS);
                assert_string_equal(x.name, t.name);
                assert_true(x.rva != 0);
                by_name++;
            }
        }
    }
    assert_int_equal(by_name, 2);   /* pe_add, pe_counter */
    assert_int_equal(by_ordinal, 1);
    fx_close(&exe);
    fx_close(&dll);
}

/* ---- exports ------------------------------------------------------------------------------------------- */

static void t_exports(void **state)
{
    (void)state;
    const char *const with_exports[] = {"pe_exports.dll", "pe_tls.exe", "pe32.exe"};
    for (size_t k = 0; k < 3; k++) {
        struct fixture f;
        struct pe_exports ex;
        struct pe_export x;
        char line[512];
        unsigned base, slots = 0, names = 0;
        fx_open(&f, with_exports[k]);
        assert_int_equal(pe_exports_get(&f.img, &ex), STATUS_SUCCESS);
        assert_string_equal(ex.dll_name, with_exports[k]);
        const char *p = strstr(f.listing, "Export Address Table -- Ordinal Base ");
        assert_non_null(p);
        assert_int_equal(sscanf(p, "Export Address Table -- Ordinal Base %u", &base), 1);
        assert_int_equal(ex.ordinal_base, base);
        p = strchr(p, '\n') + 1;
        /* "\t[   1] +base[   2] 1380 Export RVA" or "... 8078 Forwarder RVA -- NTDLL.RtlAllocateHeap" */
        while (next_line(&p, line, sizeof(line)) && line[0]) {
            unsigned index, ordinal, rva;
            char kind[16], fwd[256] = "";
            assert_true(sscanf(line, "\t[%u] +base[%u] %x %15s RVA -- %255s", &index, &ordinal, &rva, kind, fwd) >= 4);
            assert_int_equal(pe_export_function_at(&f.img, &ex, index, &x), STATUS_SUCCESS);
            assert_int_equal(x.ordinal, ordinal);
            assert_int_equal(x.rva, rva);
            if (strcmp(kind, "Forwarder") == 0)
                assert_string_equal(x.forwarder, fwd);
            else
                assert_null(x.forwarder);
            slots++;
        }
        /* "\t[   0] pe_add": the function index, then the name, in name-table order */
        p = after_line(p, "[Ordinal/Name Pointer] Table");
        assert_non_null(p);
        while (next_line(&p, line, sizeof(line)) && line[0]) {
            unsigned want_index;
            char want[256];
            uint32_t index;
            const char *name;
            assert_int_equal(sscanf(line, "\t[%u] %255s", &want_index, want), 2);
            assert_int_equal(pe_export_name_at(&f.img, &ex, names, &index, &name), STATUS_SUCCESS);
            assert_string_equal(name, want);
            assert_int_equal(index, want_index);
            assert_int_equal(pe_export_by_name(&f.img, &ex, want, 0, &x), STATUS_SUCCESS);
            assert_int_equal(x.ordinal, base + want_index);
            names++;
        }
        assert_int_equal(names, ex.nnames);
        assert_true(slots <= ex.nfunctions); /* objdump skips unused slots */
        fx_close(&f);
    }
}

/* What tests/programs/pe/pe_exports.def asked for. */
static void t_exports_def(void **state)
{
    (void)state;
    struct fixture f;
    struct pe_exports ex;
    struct pe_export x;
    fx_open(&f, "pe_exports.dll");
    assert_true(f.img.characteristics & IMAGE_FILE_DLL);
    assert_int_equal(pe_exports_get(&f.img, &ex), STATUS_SUCCESS);
    assert_int_equal(ex.ordinal_base, 1);
    assert_int_equal(ex.nfunctions, 7);
    assert_int_equal(ex.nnames, 5);
    assert_int_equal(pe_export_by_name(&f.img, &ex, "pe_add", 0, &x), STATUS_SUCCESS);
    assert_int_equal(x.ordinal, 1);
    assert_int_equal(pe_export_by_name(&f.img, &ex, "pe_alloc", 0, &x), STATUS_SUCCESS);
    assert_int_equal(x.ordinal, 4);
    assert_string_equal(x.forwarder, "NTDLL.RtlAllocateHeap");
    assert_int_equal(pe_export_by_ordinal(&f.img, &ex, 5, &x), STATUS_SUCCESS);
    assert_string_equal(x.forwarder, "KERNEL32.GetCurrentProcessId");
    assert_string_equal(x.name, "pe_getpid");
    assert_int_equal(pe_export_by_ordinal(&f.img, &ex, 6, &x), STATUS_ORDINAL_NOT_FOUND); /* left unused */
    assert_int_equal(pe_export_by_ordinal(&f.img, &ex, 7, &x), STATUS_SUCCESS);
    assert_null(x.name);
    assert_int_equal(pe_export_by_name(&f.img, &ex, "pe_hidden", 0, &x), STATUS_NOT_FOUND);
    /* pe_counter is data: its RVA lies in a writable section. */
    assert_int_equal(pe_export_by_name(&f.img, &ex, "pe_counter", 2, &x), STATUS_SUCCESS);
    struct pe_section s;
    int found = 0;
    for (unsigned i = 0; pe_section_at(&f.img, i, &s) == STATUS_SUCCESS; i++)
        if (x.rva >= s.rva && x.rva - s.rva < s.virtual_size)
            found = (s.characteristics & IMAGE_SCN_MEM_WRITE) != 0;
    assert_true(found);
    fx_close(&f);
}

/* ---- relocations, .pdata -------------------------------------------------------------------------------- */

static void t_relocs(void **state)
{
    (void)state;
    for (size_t k = 0; k < NFIXTURES; k++) {
        struct fixture f;
        struct pe_reloc_iter it;
        struct pe_reloc r;
        char line[256];
        unsigned n = 0;
        fx_open(&f, fixtures[k]);
        const char *p = after_line(f.listing, "PE File Base Relocations");
        pe_reloc_begin(&it, &f.img);
        /* "\treloc    0 offset  ca8 [7ca8] DIR64", under "Virtual Address: ..." block lines */
        while (p && next_line(&p, line, sizeof(line))) {
            unsigned i, offset, rva;
            char type[32];
            if (sscanf(line, "\treloc %u offset %x [%x] %31s", &i, &offset, &rva, type) != 4)
                continue;
            assert_int_equal(pe_reloc_next(&it, &r), STATUS_SUCCESS);
            assert_int_equal(r.rva, rva);
            assert_string_equal(pe_reloc_type_name(r.type), type);
            n++;
        }
        assert_int_equal(pe_reloc_next(&it, &r), STATUS_NO_MORE_ENTRIES);
        assert_true(n > 0);
        fx_close(&f);
    }
}

/* DYNAMIC_BASE images carry DIR64 fixups (PE32+) or HIGHLOW (PE32), padded with ABSOLUTE. */
static void t_reloc_types(void **state)
{
    (void)state;
    const char *const names[] = {"pe_reloc.exe", "pe32.exe"};
    for (unsigned k = 0; k < 2; k++) {
        struct fixture f;
        struct pe_reloc_iter it;
        struct pe_reloc r;
        unsigned counts[16] = {0};
        fx_open(&f, names[k]);
        assert_true(f.img.dll_characteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE);
        pe_reloc_begin(&it, &f.img);
        while (pe_reloc_next(&it, &r) == STATUS_SUCCESS)
            counts[r.type]++;
        unsigned wide = k == 0 ? IMAGE_REL_BASED_DIR64 : IMAGE_REL_BASED_HIGHLOW;
        unsigned other = k == 0 ? IMAGE_REL_BASED_HIGHLOW : IMAGE_REL_BASED_DIR64;
        assert_true(counts[wide] > 0);
        assert_int_equal(counts[other], 0);
        for (unsigned type = 0; type < 16; type++)
            if (type != wide && type != IMAGE_REL_BASED_ABSOLUTE)
                assert_int_equal(counts[type], 0);
        fx_close(&f);
    }
}

static void t_pdata(void **state)
{
    (void)state;
    for (size_t k = 0; k < NFIXTURES; k++) {
        struct fixture f;
        IMAGE_RUNTIME_FUNCTION_ENTRY e;
        char line[256];
        uint32_t n = 0;
        fx_open(&f, fixtures[k]);
        const char *p = after_line(f.listing, "The Function Table");
        if (p) {
            next_line(&p, line, sizeof(line)); /* column titles */
            /* " 000000014000a000:\t0000000140001000 0000000140001001 000000014000b000" (VAs) */
            while (next_line(&p, line, sizeof(line)) && line[0] == ' ') {
                unsigned long long at, begin, end, unwind;
                assert_int_equal(sscanf(line, " %llx:\t%llx %llx %llx", &at, &begin, &end, &unwind), 4);
                assert_int_equal(pe_pdata_at(&f.img, n, &e), STATUS_SUCCESS);
                assert_true(e.BeginAddress == begin - f.img.image_base);
                assert_true(e.EndAddress == end - f.img.image_base);
                assert_true(e.UnwindData == unwind - f.img.image_base);
                n++;
            }
        }
        assert_int_equal(pe_pdata_count(&f.img), n);
        assert_int_equal(n > 0, f.img.machine == IMAGE_FILE_MACHINE_AMD64);
        fx_close(&f);
    }
}

/* ---- TLS and delay-load, against nm ------------------------------------------------------------------- */

static void t_tls_callbacks(void **state)
{
    (void)state;
    struct fixture f;
    struct pe_tls tls;
    struct pe_exports ex;
    struct pe_export first, second;
    uint32_t rva[8];
    unsigned n = 0;
    char *nm = fx_listing("pe_tls.exe.nm");
    fx_open(&f, "pe_tls.exe");
    uint64_t base = f.img.image_base;
    assert_int_equal(pe_tls_get(&f.img, base, &tls), STATUS_SUCCESS);
    /* mingw's TLS directory: callbacks start after the __xl_a sentinel and end at __xl_z. */
    uint64_t xl_a = nm_symbol(nm, "__xl_a"), xl_z = nm_symbol(nm, "__xl_z");
    assert_true(tls.callbacks_rva == xl_a + 8 - base);
    while (n < 8 && pe_tls_callback_at(&f.img, base, &tls, n, &rva[n]) == STATUS_SUCCESS)
        n++;
    assert_int_equal(n, (xl_z - xl_a) / 8 - 1);
    assert_true(nm_symbol(nm, "_tls_used") - base == f.img.dirs[IMAGE_DIRECTORY_ENTRY_TLS].VirtualAddress);
    /* Ours come last (.CRT$XLE, .CRT$XLF) and are exported. */
    assert_int_equal(pe_exports_get(&f.img, &ex), STATUS_SUCCESS);
    assert_int_equal(pe_export_by_name(&f.img, &ex, "pe_tls_first", 0, &first), STATUS_SUCCESS);
    assert_int_equal(pe_export_by_name(&f.img, &ex, "pe_tls_second", 1, &second), STATUS_SUCCESS);
    assert_true(n >= 2);
    assert_int_equal(rva[n - 2], first.rva);
    assert_int_equal(rva[n - 1], second.rva);
    assert_int_equal(rva[n - 2], nm_symbol(nm, "pe_tls_first") - base);
    free(nm);
    fx_close(&f);
}

static void t_delay_imports(void **state)
{
    (void)state;
    struct fixture f;
    struct pe_delay_iter it;
    struct pe_delay_dll d;
    struct pe_thunk_iter ti;
    struct pe_thunk t;
    char *nm = fx_listing("pe_delay.exe.nm");
    fx_open(&f, "pe_delay.exe");
    uint64_t base = f.img.image_base;
    pe_delay_begin(&it, &f.img);
    assert_int_equal(pe_delay_next(&it, &d), STATUS_SUCCESS);
    assert_string_equal(d.name, "pe_exports.dll");
    assert_int_equal(d.attributes, 1);
    assert_true(d.iat_rva == nm_symbol(nm, "__IAT_libpe_exports_delay_a") - base);
    assert_true(d.name_table_rva == nm_symbol(nm, "__INT_libpe_exports_delay_a") - base);
    assert_true(d.module_handle_rva == nm_symbol(nm, "__DLL_HANDLE_libpe_exports_delay_a") - base);
    assert_true(d.name_rva == nm_symbol(nm, "__libpe_exports_delay_a_iname") - base);
    pe_thunk_begin(&ti, &f.img, d.name_table_rva, d.iat_rva);
    assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
    assert_string_equal(t.name, "pe_add");
    assert_true(t.iat_rva == nm_symbol(nm, "__imp_pe_add") - base);
    assert_int_equal(pe_thunk_next(&ti, &t), STATUS_SUCCESS);
    assert_string_equal(t.name, "pe_mul");
    assert_true(t.iat_rva == nm_symbol(nm, "__imp_pe_mul") - base);
    assert_int_equal(pe_thunk_next(&ti, &t), STATUS_NO_MORE_ENTRIES);
    assert_int_equal(pe_delay_next(&it, &d), STATUS_NO_MORE_ENTRIES);
    free(nm);
    fx_close(&f);
}

/* ---- resources ------------------------------------------------------------------------------------------ */

struct leaf {
    uint32_t type, lang, rva, size, codepage;
    char name[32]; /* the id in decimal, or the name */
};

struct leaves {
    unsigned n;
    struct leaf v[16];
};

static void collect_leaf(void *ctx, const struct pe_resource *res)
{
    struct leaves *l = ctx;
    assert_true(l->n < 16);
    struct leaf *o = &l->v[l->n++];
    o->type = res->type_id;
    o->lang = res->lang_id;
    o->rva = res->data_rva;
    o->size = res->data_size;
    o->codepage = res->codepage;
    if (res->name_name) {
        unsigned i;
        for (i = 0; i < res->name_name_len && i < sizeof(o->name) - 1; i++)
            o->name[i] = (char)pe_le16(res->name_name + i);
        o->name[i] = 0;
    } else {
        snprintf(o->name, sizeof(o->name), "%u", (unsigned)res->name_id);
    }
}

static void t_resources(void **state)
{
    (void)state;
    struct fixture f;
    struct leaves got = {0};
    char line[256];
    unsigned n = 0, type = 0, lang = 0;
    char name[32] = "";
    fx_open(&f, "pe_exports.dll");
    assert_int_equal(pe_resources_walk(&f.img, collect_leaf, &got), STATUS_SUCCESS);
    /* objdump's tree: "010   Entry: ID: 0x000006", "060     Entry: name: [val: 800000a8 len 6]: PEDATA, ...",
     * "0b8        Leaf: Addr: 0x00c0f8, Size: 0x00002a, Codepage: 0"; the indent gives the level. */
    const char *p = after_line(f.listing, "The .rsrc Resource Directory section:");
    assert_non_null(p);
    while (next_line(&p, line, sizeof(line)) && strlen(line) > 4 && line[0] != ' ') {
        size_t indent = strspn(line + 3, " ");
        const char *rest = line + 3 + indent;
        unsigned id, addr, size, cp;
        if (sscanf(rest, "Entry: ID: %x", &id) == 1) {
            if (indent == 3)
                type = id;
            else if (indent == 5)
                snprintf(name, sizeof(name), "%u", id);
            else
                lang = id;
        } else if (strncmp(rest, "Entry: name:", 12) == 0) {
            assert_int_equal(indent, 5);
            assert_int_equal(sscanf(strstr(rest, "]: ") + 3, "%31[^,]", name), 1);
        } else if (sscanf(rest, "Leaf: Addr: %x, Size: %x, Codepage: %u", &addr, &size, &cp) == 3) {
            assert_true(n < got.n);
            assert_int_equal(got.v[n].type, type);
            assert_string_equal(got.v[n].name, name);
            assert_int_equal(got.v[n].lang, lang);
            assert_int_equal(got.v[n].rva, addr);
            assert_int_equal(got.v[n].size, size);
            assert_int_equal(got.v[n].codepage, cp);
            n++;
        }
    }
    assert_int_equal(n, got.n);
    assert_int_equal(n, 4);
    /* RCDATA 1 in German holds "eins" (pe_exports.rc). */
    for (unsigned i = 0; i < n; i++)
        if (got.v[i].type == 10 && got.v[i].lang == 0x407) {
            const char *data = pe_rva_ptr(&f.img, got.v[i].rva, got.v[i].size);
            assert_non_null(data);
            assert_memory_equal(data, "eins", 4);
        }
    fx_close(&f);
}

/* ---- both layouts --------------------------------------------------------------------------------------- */

/* The view the loader builds: SizeOfImage bytes, headers at 0, each section's raw data at its RVA. */
static uint8_t *map_image(const struct pe_image *img)
{
    struct pe_section s;
    uint8_t *m = calloc(1, img->size_of_image);
    assert_non_null(m);
    memcpy(m, img->view.base, img->size_of_headers < img->view.size ? img->size_of_headers : img->view.size);
    for (unsigned i = 0; pe_section_at(img, i, &s) == STATUS_SUCCESS; i++)
        memcpy(m + s.rva, img->view.base + s.raw_offset, s.raw_used);
    return m;
}

static void count_leaf(void *ctx, const struct pe_resource *res)
{
    (void)res;
    ++*(unsigned *)ctx;
}

/* Everything the reader finds, as text. */
static char *digest(const struct pe_image *img, uint64_t base)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    struct pe_import_iter ii;
    struct pe_import_dll d;
    struct pe_thunk_iter ti;
    struct pe_thunk t;
    struct pe_exports ex;
    struct pe_export x;
    struct pe_reloc_iter ri;
    struct pe_reloc r;
    struct pe_tls tls;
    IMAGE_RUNTIME_FUNCTION_ENTRY e;
    uint32_t rva;
    unsigned leaves = 0;

    assert_non_null(out);
    pe_import_begin(&ii, img);
    while (pe_import_next(&ii, &d) == STATUS_SUCCESS) {
        fprintf(out, "import %s\n", d.name);
        for (pe_thunk_begin(&ti, img, d.lookup_rva, d.iat_rva); pe_thunk_next(&ti, &t) == STATUS_SUCCESS;)
            fprintf(out, " %d %u %u %s %x\n", t.by_ordinal, t.ordinal, t.hint, t.name ? t.name : "-", t.iat_rva);
    }
    if (pe_exports_get(img, &ex) == STATUS_SUCCESS)
        for (uint32_t i = 0; pe_export_at(img, &ex, i, &x) == STATUS_SUCCESS; i++)
            fprintf(out, "export %u %x %s %s\n", x.ordinal, x.rva, x.name ? x.name : "-",
                    x.forwarder ? x.forwarder : "-");
    for (pe_reloc_begin(&ri, img); pe_reloc_next(&ri, &r) == STATUS_SUCCESS;)
        fprintf(out, "reloc %u %x\n", r.type, r.rva);
    if (pe_tls_get(img, base, &tls) == STATUS_SUCCESS)
        for (unsigned i = 0; pe_tls_callback_at(img, base, &tls, i, &rva) == STATUS_SUCCESS; i++)
            fprintf(out, "tls %x\n", rva);
    for (uint32_t i = 0; pe_pdata_at(img, i, &e) == STATUS_SUCCESS; i++)
        fprintf(out, "pdata %x %x %x\n", e.BeginAddress, e.EndAddress, e.UnwindData);
    pe_resources_walk(img, count_leaf, &leaves);
    fprintf(out, "resources %u\n", leaves);
    fclose(out);
    return text;
}

/* Applies the DIR64/HIGHLOW fixups of a mapped image for a load at base + delta. */
static void relocate(const struct pe_image *img, uint8_t *m, uint64_t delta)
{
    struct pe_reloc_iter it;
    struct pe_reloc r;
    pe_reloc_begin(&it, img);
    while (pe_reloc_next(&it, &r) == STATUS_SUCCESS) {
        unsigned width = r.type == IMAGE_REL_BASED_DIR64 ? 8 : r.type == IMAGE_REL_BASED_HIGHLOW ? 4 : 0;
        if (!width)
            continue;
        assert_true(r.rva <= img->size_of_image - width);
        uint64_t v = width == 8 ? pe_le64(m + r.rva) : pe_le32(m + r.rva);
        v += delta;
        for (unsigned i = 0; i < width; i++)
            m[r.rva + i] = (uint8_t)(v >> (8 * i));
    }
}

static void t_layouts_agree(void **state)
{
    (void)state;
    for (size_t k = 0; k < NFIXTURES; k++) {
        struct fixture f;
        struct pe_image mapped;
        fx_open(&f, fixtures[k]);
        uint8_t *m = map_image(&f.img);
        assert_int_equal(pe_parse(&mapped, m, f.img.size_of_image, PE_LAYOUT_MAPPED), STATUS_SUCCESS);
        char *a = digest(&f.img, f.img.image_base), *b = digest(&mapped, mapped.image_base);
        assert_string_equal(a, b);
        assert_true(strlen(a) > 100);
        /* Relocated to another base, a mapped view reads the same against that base (TLS VAs moved). */
        const uint64_t delta = 0x10000000;
        relocate(&mapped, m, delta);
        char *c = digest(&mapped, mapped.image_base + delta);
        assert_string_equal(a, c);
        free(a);
        free(b);
        free(c);
        free(m);
        fx_close(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_headers), cmocka_unit_test(t_imports), cmocka_unit_test(t_imports_resolve),
        cmocka_unit_test(t_exports), cmocka_unit_test(t_exports_def), cmocka_unit_test(t_relocs),
        cmocka_unit_test(t_reloc_types), cmocka_unit_test(t_pdata), cmocka_unit_test(t_tls_callbacks),
        cmocka_unit_test(t_delay_imports), cmocka_unit_test(t_resources), cmocka_unit_test(t_layouts_agree),
    };
    return RUN_TESTS(tests);
}
