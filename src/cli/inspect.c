/*
 * ntexec --inspect: what the PE reader sees in a file. The report is written through a small emitter
 * that renders one sequence of calls either as YAML-like text or as one JSON object, so both outputs
 * always carry the same facts in the same order. The report runs twice: a dry run with no output that
 * only validates (so a malformed directory gives one error line and no partial report), then for real.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/emit.h"
#include "cli/inspect.h"
#include "io/builtin.h"
#include "io/io.h"
#include "nt/ntstatus.h"
#include "pe/pe.h"

/* ---- report -------------------------------------------------------------------------------------- */

struct flag_name {
    uint16_t bit;
    const char *name;
};

static const struct flag_name file_flags[] = {
    {IMAGE_FILE_RELOCS_STRIPPED, "RELOCS_STRIPPED"},     {IMAGE_FILE_EXECUTABLE_IMAGE, "EXECUTABLE_IMAGE"},
    {IMAGE_FILE_LARGE_ADDRESS_AWARE, "LARGE_ADDRESS_AWARE"}, {IMAGE_FILE_32BIT_MACHINE, "32BIT_MACHINE"},
    {IMAGE_FILE_DEBUG_STRIPPED, "DEBUG_STRIPPED"},       {IMAGE_FILE_SYSTEM, "SYSTEM"},
    {IMAGE_FILE_DLL, "DLL"},
};

static const struct flag_name dll_flags[] = {
    {IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA, "HIGH_ENTROPY_VA"},
    {IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE, "DYNAMIC_BASE"},
    {IMAGE_DLLCHARACTERISTICS_FORCE_INTEGRITY, "FORCE_INTEGRITY"},
    {IMAGE_DLLCHARACTERISTICS_NX_COMPAT, "NX_COMPAT"},
    {IMAGE_DLLCHARACTERISTICS_NO_ISOLATION, "NO_ISOLATION"},
    {IMAGE_DLLCHARACTERISTICS_NO_SEH, "NO_SEH"},
    {IMAGE_DLLCHARACTERISTICS_NO_BIND, "NO_BIND"},
    {IMAGE_DLLCHARACTERISTICS_APPCONTAINER, "APPCONTAINER"},
    {IMAGE_DLLCHARACTERISTICS_WDM_DRIVER, "WDM_DRIVER"},
    {IMAGE_DLLCHARACTERISTICS_GUARD_CF, "GUARD_CF"},
    {IMAGE_DLLCHARACTERISTICS_TERMINAL_SERVER_AWARE, "TERMINAL_SERVER_AWARE"},
};

static void report_flags(struct em *e, const char *key, uint16_t value, const struct flag_name *names, size_t n)
{
    em_open(e, key, 1, 1);
    for (size_t i = 0; i < n; i++)
        if (value & names[i].bit)
            em_str(e, NULL, names[i].name, "");
    em_close(e);
}

static void report_headers(struct em *e, const char *path, const struct pe_image *img)
{
    char version[16];
    em_str(e, "file", path, "");
    em_str(e, "machine", pe_machine_name(img->machine), "");
    em_str(e, "format", img->magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC ? "PE32+" : "PE32", "");
    report_flags(e, "characteristics", img->characteristics, file_flags, ARRAY_SIZE(file_flags));
    em_str(e, "subsystem", pe_subsystem_name(img->subsystem), "");
    snprintf(version, sizeof(version), "%u.%u", img->subsystem_major, img->subsystem_minor);
    em_str(e, "subsystem_version", version, "");
    em_hex64(e, "image_base", img->image_base);
    em_hex(e, "entry_rva", img->entry_rva);
    em_hex(e, "size_of_image", img->size_of_image);
    em_hex(e, "size_of_headers", img->size_of_headers);
    report_flags(e, "dll_characteristics", img->dll_characteristics, dll_flags, ARRAY_SIZE(dll_flags));
    em_hex64(e, "stack_reserve", img->stack_reserve);
    em_hex64(e, "stack_commit", img->stack_commit);
    em_hex64(e, "heap_reserve", img->heap_reserve);
    em_hex64(e, "heap_commit", img->heap_commit);
}

static NTSTATUS report_sections(struct em *e, const struct pe_image *img)
{
    struct pe_section s;
    em_open(e, "sections", 1, 0);
    for (unsigned i = 0; pe_section_at(img, i, &s) == STATUS_SUCCESS; i++) {
        char prot[4] = {s.characteristics & IMAGE_SCN_MEM_READ ? 'r' : '-',
                        s.characteristics & IMAGE_SCN_MEM_WRITE ? 'w' : '-',
                        s.characteristics & IMAGE_SCN_MEM_EXECUTE ? 'x' : '-', 0};
        em_open(e, NULL, 0, 1);
        em_str(e, "name", s.name, "");
        em_hex(e, "rva", s.rva);
        em_hex(e, "virtual_size", s.virtual_size);
        em_hex(e, "raw_offset", s.raw_offset);
        em_hex(e, "raw_size", s.raw_size);
        em_str(e, "protection", prot, "");
        em_close(e);
    }
    em_close(e);
    return STATUS_SUCCESS;
}

static NTSTATUS report_thunks(struct em *e, const struct pe_image *img, uint32_t lookup_rva, uint32_t iat_rva)
{
    struct pe_thunk_iter it;
    struct pe_thunk t;
    NTSTATUS status;

    em_open(e, "functions", 1, 0);
    pe_thunk_begin(&it, img, lookup_rva, iat_rva);
    while ((status = pe_thunk_next(&it, &t)) == STATUS_SUCCESS) {
        em_open(e, NULL, 0, 1);
        if (t.by_ordinal) {
            em_num(e, "ordinal", t.ordinal);
        } else {
            em_str(e, "name", t.name, "");
            em_num(e, "hint", t.hint);
        }
        em_close(e);
    }
    em_close(e);
    return status == STATUS_NO_MORE_ENTRIES ? STATUS_SUCCESS : status;
}

static NTSTATUS report_imports(struct em *e, const struct pe_image *img)
{
    struct pe_import_iter it;
    struct pe_import_dll dll;
    NTSTATUS status;

    em_open(e, "imports", 1, 0);
    pe_import_begin(&it, img);
    while ((status = pe_import_next(&it, &dll)) == STATUS_SUCCESS) {
        em_open(e, NULL, 0, 0);
        em_str(e, "dll", dll.name, "");
        status = report_thunks(e, img, dll.lookup_rva, dll.iat_rva);
        em_close(e);
        if (status != STATUS_SUCCESS)
            return status;
    }
    em_close(e);
    return status == STATUS_NO_MORE_ENTRIES ? STATUS_SUCCESS : status;
}

static NTSTATUS report_delay_imports(struct em *e, const struct pe_image *img)
{
    struct pe_delay_iter it;
    struct pe_delay_dll dll;
    NTSTATUS status;

    em_open(e, "delay_imports", 1, 0);
    pe_delay_begin(&it, img);
    while ((status = pe_delay_next(&it, &dll)) == STATUS_SUCCESS) {
        em_open(e, NULL, 0, 0);
        em_str(e, "dll", dll.name, "");
        status = report_thunks(e, img, dll.name_table_rva, dll.iat_rva);
        em_close(e);
        if (status != STATUS_SUCCESS)
            return status;
    }
    em_close(e);
    return status == STATUS_NO_MORE_ENTRIES ? STATUS_SUCCESS : status;
}

/* The names of each function slot, as chains through the name table: head[index] and next[name] hold
 * 1 + a name index (0 ends the chain), in name-table order. */
struct export_names {
    uint32_t *head, *next;
};

static NTSTATUS export_names_build(const struct pe_image *img, const struct pe_exports *ex, struct export_names *n)
{
    n->head = calloc(ex->nfunctions + 1, sizeof(uint32_t));
    n->next = calloc(ex->nnames + 1, sizeof(uint32_t));
    if (!n->head || !n->next)
        return STATUS_NO_MEMORY;
    for (uint32_t i = ex->nnames; i-- > 0;) {
        uint32_t index;
        const char *name;
        NTSTATUS status = pe_export_name_at(img, ex, i, &index, &name);
        if (status != STATUS_SUCCESS)
            return status;
        n->next[i] = n->head[index];
        n->head[index] = i + 1;
    }
    return STATUS_SUCCESS;
}

static void report_export_row(struct em *e, const struct pe_export *x, const char *name)
{
    em_open(e, NULL, 0, 1);
    em_num(e, "ordinal", x->ordinal);
    if (x->forwarder)
        em_str(e, "forwarder", x->forwarder, "");
    else
        em_hex(e, "rva", x->rva);
    em_str(e, "name", name, "(noname)");
    em_close(e);
}

/* One row per name, and one for a used slot without a name; unused slots (RVA 0) are left out. */
static NTSTATUS report_export_rows(struct em *e, const struct pe_image *img, const struct pe_exports *ex,
                                   const struct export_names *n)
{
    for (uint32_t i = 0; i < ex->nfunctions; i++) {
        struct pe_export x;
        NTSTATUS status = pe_export_function_at(img, ex, i, &x);
        if (status != STATUS_SUCCESS)
            return status;
        if (x.rva == 0)
            continue;
        if (!n->head[i])
            report_export_row(e, &x, NULL);
        for (uint32_t k = n->head[i]; k; k = n->next[k - 1]) {
            uint32_t index;
            const char *name;
            pe_export_name_at(img, ex, k - 1, &index, &name); /* checked by export_names_build */
            report_export_row(e, &x, name);
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS report_exports(struct em *e, const struct pe_image *img)
{
    struct pe_exports ex;
    struct export_names names = {NULL, NULL};

    NTSTATUS status = pe_exports_get(img, &ex);
    if (status == STATUS_NOT_FOUND) {
        em_str(e, "exports", NULL, "none");
        return STATUS_SUCCESS;
    }
    if (status == STATUS_SUCCESS)
        status = export_names_build(img, &ex, &names);
    if (status == STATUS_SUCCESS) {
        em_open(e, "exports", 0, 0);
        em_str(e, "dll", ex.dll_name, "(none)");
        em_num(e, "ordinal_base", ex.ordinal_base);
        em_num(e, "functions_count", ex.nfunctions);
        em_num(e, "names_count", ex.nnames);
        em_open(e, "functions", 1, 0);
        status = report_export_rows(e, img, &ex, &names);
        em_close(e);
        em_close(e);
    }
    free(names.head);
    free(names.next);
    return status;
}

static NTSTATUS report_relocs(struct em *e, const struct pe_image *img)
{
    uint32_t counts[16] = {0};
    struct pe_reloc_iter it;
    struct pe_reloc r;
    NTSTATUS status;

    pe_reloc_begin(&it, img);
    while ((status = pe_reloc_next(&it, &r)) == STATUS_SUCCESS)
        counts[r.type & 15]++;
    if (status != STATUS_NO_MORE_ENTRIES)
        return status;
    em_open(e, "relocations", 0, 1);
    for (unsigned type = 0; type < 16; type++)
        if (counts[type])
            em_num(e, pe_reloc_type_name((uint8_t)type), counts[type]);
    em_close(e);
    return STATUS_SUCCESS;
}

static NTSTATUS report_tls(struct em *e, const struct pe_image *img)
{
    struct pe_tls tls;
    uint32_t rva;
    NTSTATUS status = pe_tls_get(img, img->image_base, &tls);

    if (status == STATUS_NOT_FOUND) {
        em_str(e, "tls", NULL, "none");
        return STATUS_SUCCESS;
    }
    if (status != STATUS_SUCCESS)
        return status;
    em_open(e, "tls", 0, 0);
    em_hex(e, "template_size", tls.raw_end_rva - tls.raw_start_rva);
    em_hex(e, "zero_fill", tls.zero_fill);
    em_open(e, "callbacks", 1, 1);
    for (unsigned i = 0; (status = pe_tls_callback_at(img, img->image_base, &tls, i, &rva)) == STATUS_SUCCESS; i++)
        em_hex(e, NULL, rva);
    em_close(e);
    em_close(e);
    return status == STATUS_NO_MORE_ENTRIES ? STATUS_SUCCESS : status;
}

static NTSTATUS report_pdata(struct em *e, const struct pe_image *img)
{
    IMAGE_RUNTIME_FUNCTION_ENTRY f;
    uint32_t n = pe_pdata_count(img);
    for (uint32_t i = 0; i < n; i++) {
        NTSTATUS status = pe_pdata_at(img, i, &f);
        if (status != STATUS_SUCCESS)
            return status;
    }
    em_num(e, "pdata_entries", n);
    return STATUS_SUCCESS;
}

static NTSTATUS report_load_config(struct em *e, const struct pe_image *img)
{
    struct pe_load_config lc;
    NTSTATUS status = pe_load_config_get(img, &lc);

    if (status == STATUS_NOT_FOUND) {
        em_str(e, "load_config", NULL, "none");
        return STATUS_SUCCESS;
    }
    if (status != STATUS_SUCCESS)
        return status;
    em_open(e, "load_config", 0, 1);
    em_hex(e, "size", lc.size);
    em_bool(e, "security_cookie", lc.security_cookie_va != 0);
    em_bool(e, "guard_cf", lc.guard_cf_check_va != 0);
    em_hex(e, "guard_flags", lc.guard_flags);
    em_close(e);
    return STATUS_SUCCESS;
}

static void count_resource(void *ctx, const struct pe_resource *res)
{
    (void)res;
    ++*(uint32_t *)ctx;
}

static NTSTATUS report_resources(struct em *e, const struct pe_image *img)
{
    uint32_t n = 0;
    NTSTATUS status = pe_resources_walk(img, count_resource, &n);
    if (status != STATUS_SUCCESS && status != STATUS_NOT_FOUND)
        return status;
    em_num(e, "resources", n);
    return STATUS_SUCCESS;
}

static const struct {
    NTSTATUS (*fn)(struct em *, const struct pe_image *);
    const char *what;
} report_parts[] = {
    {report_sections, "malformed section table"},
    {report_imports, "malformed import table"},
    {report_delay_imports, "malformed delay-load import table"},
    {report_exports, "malformed export directory"},
    {report_relocs, "malformed base relocations"},
    {report_tls, "malformed TLS directory"},
    {report_pdata, "malformed exception directory"},
    {report_load_config, "malformed load config directory"},
    {report_resources, "malformed resource directory"},
};

/* The whole report to f (NULL: validate only). On failure *what names the part that failed. */
static NTSTATUS report(FILE *f, int json, const char *path, const struct pe_image *img, const char **what)
{
    struct em e;
    em_begin(&e, f, json);
    report_headers(&e, path, img);
    for (size_t i = 0; i < ARRAY_SIZE(report_parts); i++) {
        NTSTATUS status = report_parts[i].fn(&e, img);
        if (status != STATUS_SUCCESS) {
            *what = report_parts[i].what;
            return status;
        }
    }
    em_finish(&e);
    return STATUS_SUCCESS;
}


/* ---- entry ---------------------------------------------------------------------------------------- */

static void print_status_error(FILE *err, const char *path, const char *reason, NTSTATUS status)
{
    const char *name = RtlpNtStatusName(status);
    if (name)
        fprintf(err, "ntexec: %s: %s (%s)\n", path, reason, name);
    else
        fprintf(err, "ntexec: %s: %s (0x%08X)\n", path, reason, (unsigned)status);
}

int cli_inspect(const char *path, int json, FILE *out, FILE *err)
{
    struct pe_image img;
    uint8_t *data = NULL;
    size_t size = 0;
    const char *what = NULL;

    int error = cli_read_file(path, &data, &size);
    const struct builtin_dll *builtin = error == ENOENT && !strpbrk(path, "/\\") ? IoFindBuiltinDll(path) : NULL;
    const void *image;
    if (builtin && IoGetBuiltinImage(builtin, &image, &size) == STATUS_SUCCESS && (data = malloc(size))) {
        memcpy(data, image, size);   /* a builtin DLL's name with no such file here: the image ntexec makes */
        error = 0;
    }
    if (error) {
        fprintf(err, "ntexec: %s: %s\n", path, strerror(error));
        return 1;
    }
    NTSTATUS status = pe_parse(&img, data, size, PE_LAYOUT_FILE);
    if (status == STATUS_SUCCESS)
        status = report(NULL, json, path, &img, &what);
    if (status == STATUS_SUCCESS)
        report(out, json, path, &img, &what);
    else
        print_status_error(err, path, what ? what : img.error ? img.error : "malformed image", status);
    free(data);
    return status == STATUS_SUCCESS ? 0 : 1;
}
