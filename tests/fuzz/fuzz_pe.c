/*
 * libFuzzer harness for the PE reader (make fuzz): pe_parse in both layouts, then pe_check_runnable,
 * every iterator and every lookup on what parsed. Every string and table the reader hands out is read
 * in full, so the sanitizers see any pointer that escapes its bounds. Walks are capped here (the
 * reader's own bounds allow far longer ones) so that one input stays fast.
 * tests/unit/test_pe_fuzz.c runs the same entry point over the seeds and the regression inputs.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pe/pe.h"

#define CAP_DLLS      64
#define CAP_THUNKS    256
#define CAP_EXPORTS   512
#define CAP_LOOKUPS   64
#define CAP_RELOCS    4096
#define CAP_CALLBACKS 64
#define CAP_PDATA     1024

/* Where reads end up, so the compiler keeps them. */
static volatile uint64_t fuzz_sink;

static void touch_str(const char *s)
{
    if (s)
        fuzz_sink += strlen(s);
}

static void fuzz_thunks(const struct pe_image *img, uint32_t lookup_rva, uint32_t iat_rva)
{
    struct pe_thunk_iter it;
    struct pe_thunk t;
    pe_thunk_begin(&it, img, lookup_rva, iat_rva);
    for (unsigned n = 0; n < CAP_THUNKS && pe_thunk_next(&it, &t) == STATUS_SUCCESS; n++) {
        touch_str(t.name);
        fuzz_sink += t.ordinal + t.hint + t.iat_rva;
    }
}

static void fuzz_imports(const struct pe_image *img)
{
    struct pe_import_iter it;
    struct pe_import_dll dll;
    struct pe_delay_iter dit;
    struct pe_delay_dll delay;

    pe_import_begin(&it, img);
    for (unsigned n = 0; n < CAP_DLLS && pe_import_next(&it, &dll) == STATUS_SUCCESS; n++) {
        touch_str(dll.name);
        fuzz_thunks(img, dll.lookup_rva, dll.iat_rva);
    }
    pe_delay_begin(&dit, img);
    for (unsigned n = 0; n < CAP_DLLS && pe_delay_next(&dit, &delay) == STATUS_SUCCESS; n++) {
        touch_str(delay.name);
        fuzz_thunks(img, delay.name_table_rva, delay.iat_rva);
    }
}

static void touch_export(const struct pe_export *x)
{
    touch_str(x->name);
    touch_str(x->forwarder);
    fuzz_sink += x->ordinal + x->rva;
}

static void fuzz_exports(const struct pe_image *img)
{
    struct pe_exports ex;
    struct pe_export x;
    uint32_t index;
    const char *name;

    if (pe_exports_get(img, &ex) != STATUS_SUCCESS)
        return;
    touch_str(ex.dll_name);
    for (uint32_t i = 0; i < CAP_EXPORTS && pe_export_function_at(img, &ex, i, &x) == STATUS_SUCCESS; i++)
        touch_export(&x);
    /* pe_export_at scans the name table: a few only. */
    for (uint32_t i = 0; i < 8 && pe_export_at(img, &ex, i, &x) == STATUS_SUCCESS; i++)
        touch_export(&x);
    for (uint32_t i = 0; i < CAP_LOOKUPS && pe_export_name_at(img, &ex, i, &index, &name) == STATUS_SUCCESS; i++) {
        /* Found with the right hint, a wrong one, and through the image's own strings. */
        if (pe_export_by_name(img, &ex, name, (uint16_t)i, &x) == STATUS_SUCCESS)
            touch_export(&x);
        if (pe_export_by_name(img, &ex, name, (uint16_t)(i * 7919u), &x) == STATUS_SUCCESS)
            touch_export(&x);
    }
    pe_export_by_name(img, &ex, "", 0, &x);
    pe_export_by_name(img, &ex, "\xff\xff", 0xFFFF, &x);
    const uint32_t ordinals[] = {0, 1, ex.ordinal_base, ex.ordinal_base + 1, ex.ordinal_base + ex.nfunctions - 1,
                                 ex.ordinal_base + ex.nfunctions, 0xFFFFFFFFu};
    for (unsigned i = 0; i < sizeof(ordinals) / sizeof(ordinals[0]); i++)
        if (pe_export_by_ordinal(img, &ex, ordinals[i], &x) == STATUS_SUCCESS)
            touch_export(&x);
}

static void fuzz_relocs(const struct pe_image *img)
{
    struct pe_reloc_iter it;
    struct pe_reloc r;
    pe_reloc_begin(&it, img);
    for (unsigned n = 0; n < CAP_RELOCS && pe_reloc_next(&it, &r) == STATUS_SUCCESS; n++) {
        touch_str(pe_reloc_type_name(r.type));
        fuzz_sink += r.rva + r.arg;
    }
}

static void fuzz_tls(const struct pe_image *img, uint64_t base)
{
    struct pe_tls tls;
    uint32_t rva;
    if (pe_tls_get(img, base, &tls) != STATUS_SUCCESS)
        return;
    fuzz_sink += tls.raw_start_rva + tls.raw_end_rva + tls.index_rva + tls.zero_fill;
    for (unsigned i = 0; i < CAP_CALLBACKS && pe_tls_callback_at(img, base, &tls, i, &rva) == STATUS_SUCCESS; i++)
        fuzz_sink += rva;
}

static void touch_resource(void *ctx, const struct pe_resource *res)
{
    (void)ctx;
    for (uint16_t i = 0; res->type_name && i < res->type_name_len; i++)
        fuzz_sink += pe_le16(res->type_name + i);
    for (uint16_t i = 0; res->name_name && i < res->name_name_len; i++)
        fuzz_sink += pe_le16(res->name_name + i);
    fuzz_sink += res->type_id + res->name_id + res->lang_id + res->data_rva + res->data_size + res->codepage;
}

/* The resource tree one level at a time, as FindResource and the Enum* functions read it (a few entries per
 * level, so shared subdirectories cannot blow the run up). */
static void fuzz_resource_level(const struct pe_image *img, const struct pe_resource_dir *dir, unsigned level)
{
    struct pe_resource_entry e;
    struct pe_resource_dir sub;
    const IMAGE_RESOURCE_DATA_ENTRY *d;
    for (uint32_t i = 0; i < dir->nentries && i < 8 && pe_resource_entry_at(img, dir, i, &e) == STATUS_SUCCESS; i++) {
        for (uint16_t k = 0; e.name && k < e.name_len; k++)
            fuzz_sink += pe_le16(e.name + k);
        fuzz_sink += e.id + e.target;
        if (level < 2 && pe_resource_subdir(img, dir, &e, &sub) == STATUS_SUCCESS)
            fuzz_resource_level(img, &sub, level + 1);
        else if ((d = pe_resource_data_entry(img, &e)))
            fuzz_sink += d->OffsetToData + d->Size;
    }
}

static void fuzz_small_dirs(const struct pe_image *img)
{
    IMAGE_RUNTIME_FUNCTION_ENTRY f;
    struct pe_load_config lc;
    uint32_t n = pe_pdata_count(img);
    for (uint32_t i = 0; i < n && i < CAP_PDATA && pe_pdata_at(img, i, &f) == STATUS_SUCCESS; i++)
        fuzz_sink += f.BeginAddress + f.EndAddress + f.UnwindData;
    if (pe_load_config_get(img, &lc) == STATUS_SUCCESS)
        fuzz_sink += lc.size + lc.security_cookie_va + lc.guard_cf_check_va + lc.guard_flags;
    pe_resources_walk(img, touch_resource, NULL);
    struct pe_resource_dir root;
    if (pe_resource_root(img, &root) == STATUS_SUCCESS && pe_resource_dir_header(img, &root))
        fuzz_resource_level(img, &root, 0);
}

static void fuzz_headers(const struct pe_image *img)
{
    struct pe_section s;
    uint32_t offset;
    fuzz_sink += (uint64_t)pe_check_runnable(img);
    touch_str(pe_machine_name(img->machine));
    touch_str(pe_subsystem_name(img->subsystem));
    for (unsigned i = 0; pe_section_at(img, i, &s) == STATUS_SUCCESS; i++) {
        /* A zero-length range yields a pointer that must not be read (it may be one past the end). */
        uint32_t len = s.raw_used < 64 ? s.raw_used : 64;
        const uint8_t *p = pe_rva_ptr(img, s.rva, len);
        fuzz_sink += s.rva + s.virtual_size + s.raw_offset + s.raw_size + (p && len ? p[len - 1] : 0) + strlen(s.name);
    }
    for (unsigned i = 0; i < img->ndirs; i++) {
        touch_str(pe_rva_str(img, img->dirs[i].VirtualAddress));
        if (pe_rva_to_offset(img, img->dirs[i].VirtualAddress, &offset) == STATUS_SUCCESS)
            fuzz_sink += offset;
    }
    touch_str(pe_rva_str(img, img->entry_rva));
    touch_str(pe_str(&img->view, img->nt_offset + 4, 16));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int layout = PE_LAYOUT_FILE; layout <= PE_LAYOUT_MAPPED; layout++) {
        struct pe_image img;
        if (pe_parse(&img, data, size, (enum pe_layout)layout) != STATUS_SUCCESS) {
            touch_str(img.error);
            continue;
        }
        fuzz_headers(&img);
        fuzz_imports(&img);
        fuzz_exports(&img);
        fuzz_relocs(&img);
        fuzz_tls(&img, img.image_base);
        fuzz_tls(&img, img.image_base + 0x10000); /* a relocated view */
        fuzz_small_dirs(&img);
    }
    return 0;
}
