/*
 * ntexec --inspect (cli_inspect): the report of real fixtures against `objdump -p`, the JSON form checked
 * by a small validating parser, and the one-line errors for malformed and unreadable files.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pe_builder.h"
#include "pe_fixture.h"
#include "cli/inspect.h"

struct run {
    int rc;
    char *out, *err;
};

static struct run inspect(const char *path, int json)
{
    struct run r;
    size_t out_len, err_len;
    FILE *out = open_memstream(&r.out, &out_len);
    FILE *err = open_memstream(&r.err, &err_len);
    assert_non_null(out);
    assert_non_null(err);
    r.rc = cli_inspect(path, json, out, err);
    fclose(out);
    fclose(err);
    return r;
}

static void run_free(struct run *r)
{
    free(r->out);
    free(r->err);
}

/* A scratch file holding data[0..size); the path is static. */
static const char *scratch_file(const void *data, size_t size)
{
    static char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof(path), "%s/ntexec-inspect-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, size), (ssize_t)size);
    close(fd);
    return path;
}

/* ---- a validating JSON parser (RFC 8259 grammar, no semantics) ------------------------------------------ */

static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
    return p + strspn(p, " \t\r\n");
}

static const char *json_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    for (; *p != '"'; p++) {
        if ((unsigned char)*p < 0x20)
            return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                p += 4;
            } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
                return NULL;
            }
        }
    }
    return p + 1;
}

static const char *json_number(const char *p)
{
    const char *start = p;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        p += strspn(p, "0123456789");
    else
        return NULL;
    return p > start ? p : NULL;
}

static const char *json_members(const char *p, int depth, char close, int keyed)
{
    p = json_ws(p + 1);
    if (*p == close)
        return p + 1;
    for (;;) {
        if (keyed) {
            p = json_string(p);
            if (!p || *(p = json_ws(p)) != ':')
                return NULL;
            p = json_ws(p + 1);
        }
        p = json_value(p, depth + 1);
        if (!p)
            return NULL;
        p = json_ws(p);
        if (*p == close)
            return p + 1;
        if (*p != ',')
            return NULL;
        p = json_ws(p + 1);
    }
}

static const char *json_value(const char *p, int depth)
{
    if (depth > 32)
        return NULL;
    switch (*p) {
    case '{': return json_members(p, depth, '}', 1);
    case '[': return json_members(p, depth, ']', 0);
    case '"': return json_string(p);
    case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
    case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
    case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
    default: return json_number(p);
    }
}

/* One JSON object, then a single newline. */
static void assert_json(const char *text)
{
    assert_int_equal(text[0], '{');
    const char *end = json_value(text, 0);
    if (!end)
        fprintf(stderr, "invalid JSON: %.200s\n", text);
    assert_non_null(end);
    assert_string_equal(end, "\n");
}

static void t_json_parser_self_test(void **state)
{
    (void)state;
    assert_non_null(json_value("{\"a\":[1,-2,true,null,\"\\u00e9\\n\"],\"b\":{}}", 0));
    assert_null(json_value("{\"a\":1,}", 0));
    assert_null(json_value("{\"a\" 1}", 0));
    assert_null(json_value("[\"\x01\"]", 0));
    assert_null(json_value("[\"\\x41\"]", 0));
    assert_null(json_value("[01]", 0));
}

/* ---- hello.exe against objdump ------------------------------------------------------------------------- */

/* Calls fn(dll, name, hint) for every by-name import in an objdump listing. */
static void listing_imports(const char *listing, void (*fn)(void *, const char *, const char *, unsigned), void *ctx)
{
    char dll[128] = "";
    for (const char *p = listing; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != 0)) {
        char name[256];
        unsigned long long value;
        unsigned hint;
        if (sscanf(p, "\tDLL Name: %127s", dll) == 1)
            continue;
        /* thunk lines start with a tab; the descriptor table's lines with a space */
        if (dll[0] && p[0] == '\t' && sscanf(p, "\t%llx\t%u %255s", &value, &hint, name) == 3 &&
            strcmp(name, "<none>") != 0)
            fn(ctx, dll, name, hint);
    }
}

struct text_check {
    const char *report;
    unsigned n;
};

/* In the text report the function line follows its DLL's line, before the next DLL's. */
static void check_text_import(void *ctx, const char *dll, const char *name, unsigned hint)
{
    struct text_check *c = ctx;
    char want[512];
    snprintf(want, sizeof(want), "  - dll: %s\n", dll);
    const char *at = strstr(c->report, want);
    assert_non_null(at);
    const char *next = strstr(at + 1, "  - dll: ");
    snprintf(want, sizeof(want), "\n      - {name: %s, hint: %u}\n", name, hint);
    const char *line = strstr(at, want);
    if (!line || (next && line > next))
        fprintf(stderr, "missing under %s: %s", dll, want + 1);
    assert_true(line && (!next || line < next));
    c->n++;
}

static void check_json_import(void *ctx, const char *dll, const char *name, unsigned hint)
{
    struct text_check *c = ctx;
    char want[512];
    snprintf(want, sizeof(want), "{\"dll\":\"%s\",\"functions\":[", dll);
    const char *at = strstr(c->report, want);
    assert_non_null(at);
    const char *end = strstr(at, "]}");
    snprintf(want, sizeof(want), "{\"name\":\"%s\",\"hint\":%u}", name, hint);
    const char *item = strstr(at, want);
    assert_true(item && item < end);
    c->n++;
}

static void t_hello_text(void **state)
{
    (void)state;
    char *listing = fx_listing("hello.exe.objdump");
    struct run r = inspect(fx_path("", "hello.exe"), 0);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "\nmachine: AMD64\nformat: PE32+\n"));
    assert_non_null(strstr(r.out, "\nsubsystem: WINDOWS_CUI\n"));
    assert_non_null(strstr(r.out, "\nimage_base: 0x140000000\n"));
    assert_non_null(strstr(r.out, "DYNAMIC_BASE"));
    assert_non_null(strstr(r.out, "\n  - {name: .text, rva: 0x1000, "));
    assert_non_null(strstr(r.out, "protection: r-x}\n"));
    assert_non_null(strstr(r.out, "\nimports:\n  - dll: KERNEL32.dll\n    functions:\n      - {name: "));
    assert_non_null(strstr(r.out, "\n  - dll: msvcrt.dll\n"));
    assert_non_null(strstr(r.out, "\nexports: none\n"));
    assert_non_null(strstr(r.out, "\ntls:\n  template_size: "));
    /* Every by-name import objdump lists, with its hint, under the right DLL. */
    struct text_check c = {r.out, 0};
    listing_imports(listing, check_text_import, &c);
    assert_true(c.n > 40);
    /* A few by name, whatever their hints in this mingw-w64 version. */
    const char *const names[] = {"Sleep", "VirtualProtect", "GetLastError", "__getmainargs", "_initterm", "malloc"};
    for (unsigned i = 0; i < 6; i++) {
        char want[64];
        snprintf(want, sizeof(want), "{name: %s, hint: ", names[i]);
        assert_non_null(strstr(r.out, want));
    }
    run_free(&r);
    free(listing);
}

static void t_hello_json(void **state)
{
    (void)state;
    char *listing = fx_listing("hello.exe.objdump");
    struct run r = inspect(fx_path("", "hello.exe"), 1);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_json(r.out);
    assert_int_equal(strncmp(r.out, "{\"file\":\"", 9), 0);
    assert_non_null(strstr(r.out, ",\"machine\":\"AMD64\",\"format\":\"PE32+\","));
    assert_non_null(strstr(r.out, ",\"image_base\":\"0x140000000\","));
    assert_non_null(strstr(r.out, ",\"sections\":[{\"name\":\".text\",\"rva\":4096,"));
    assert_non_null(strstr(r.out, ",\"imports\":[{\"dll\":\"KERNEL32.dll\",\"functions\":[{\"name\":\""));
    assert_non_null(strstr(r.out, ",\"delay_imports\":[],\"exports\":null,\"relocations\":{"));
    assert_non_null(strstr(r.out, ",\"load_config\":null,\"resources\":0}"));
    struct text_check c = {r.out, 0};
    listing_imports(listing, check_json_import, &c);
    assert_true(c.n > 40);
    run_free(&r);
    free(listing);
}

/* The top-level keys, in their fixed order, for any image. */
static void t_key_order(void **state)
{
    (void)state;
    const char *const keys[] = {"file", "machine", "format", "characteristics", "subsystem", "subsystem_version",
                                "image_base", "entry_rva", "size_of_image", "size_of_headers", "dll_characteristics",
                                "stack_reserve", "stack_commit", "heap_reserve", "heap_commit", "sections", "imports",
                                "delay_imports", "exports", "relocations", "tls", "pdata_entries", "load_config",
                                "resources"};
    struct run r = inspect(fx_path("", "pe_exports.dll"), 1);
    assert_int_equal(r.rc, 0);
    const char *p = r.out;
    for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        char want[64];
        snprintf(want, sizeof(want), "%c\"%s\":", i ? ',' : '{', keys[i]);
        const char *at = strstr(p, want);
        if (!at)
            fprintf(stderr, "key %s missing or out of order\n", keys[i]);
        assert_non_null(at);
        p = at;
    }
    run_free(&r);
}

static void t_all_fixtures(void **state)
{
    (void)state;
    const char *const names[] = {"hello.exe", "pe_exports.dll", "pe_imports.exe", "pe_tls.exe",
                                 "pe_reloc.exe", "pe_delay.exe", "pe32.exe"};
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        for (int json = 0; json < 2; json++) {
            struct run r = inspect(fx_path("", names[i]), json);
            assert_int_equal(r.rc, 0);
            assert_string_equal(r.err, "");
            if (json)
                assert_json(r.out);
            else
                assert_non_null(strstr(r.out, "\nresources: "));
            run_free(&r);
        }
}

static void t_exports_report(void **state)
{
    (void)state;
    struct run r = inspect(fx_path("", "pe_exports.dll"), 0);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\nexports:\n  dll: pe_exports.dll\n  ordinal_base: 1\n  functions_count: 7\n"));
    assert_non_null(strstr(r.out, "\n    - {ordinal: 1, rva: 0x"));
    assert_non_null(strstr(r.out, ", name: pe_add}\n"));
    assert_non_null(strstr(r.out, "\n    - {ordinal: 4, forwarder: NTDLL.RtlAllocateHeap, name: pe_alloc}\n"));
    assert_non_null(strstr(r.out, "\n    - {ordinal: 5, forwarder: KERNEL32.GetCurrentProcessId, name: pe_getpid}\n"));
    assert_non_null(strstr(r.out, ", name: (noname)}\n"));
    assert_null(strstr(r.out, "{ordinal: 6,")); /* the unused slot */
    assert_non_null(strstr(r.out, "\nresources: 4\n"));
    run_free(&r);
    r = inspect(fx_path("", "pe_exports.dll"), 1);
    assert_non_null(strstr(r.out, "{\"ordinal\":4,\"forwarder\":\"NTDLL.RtlAllocateHeap\",\"name\":\"pe_alloc\"}"));
    assert_non_null(strstr(r.out, "{\"ordinal\":7,\"rva\":"));
    assert_non_null(strstr(r.out, ",\"name\":null}"));
    run_free(&r);
}

/* Relocation counts by type and TLS callbacks, against objdump and the export table. */
static void t_relocs_and_tls_report(void **state)
{
    (void)state;
    char *listing = fx_listing("pe_tls.exe.objdump");
    unsigned dir64 = 0, absolute = 0;
    for (const char *p = listing; (p = strstr(p, "] DIR64\n")); p++)
        dir64++;
    for (const char *p = listing; (p = strstr(p, "] ABSOLUTE\n")); p++)
        absolute++;
    char want[128];
    snprintf(want, sizeof(want), "\nrelocations: {ABSOLUTE: %u, DIR64: %u}\n", absolute, dir64);
    struct run r = inspect(fx_path("", "pe_tls.exe"), 0);
    assert_non_null(strstr(r.out, want));
    /* The two callbacks of ours, exported as pe_tls_first and pe_tls_second, end the list. */
    const char *first = strstr(r.out, "{ordinal: 1, rva: "), *second = strstr(r.out, "{ordinal: 2, rva: ");
    assert_non_null(first);
    assert_non_null(second);
    unsigned a = (unsigned)strtoul(first + 18, NULL, 16), b = (unsigned)strtoul(second + 18, NULL, 16);
    snprintf(want, sizeof(want), ", 0x%x, 0x%x]\n", a, b);
    assert_non_null(strstr(r.out, want));
    assert_non_null(strstr(r.out, "\n  callbacks: [0x"));
    run_free(&r);
    free(listing);
}

/* ---- crafted images ------------------------------------------------------------------------------------- */

static void t_empty_tables(void **state)
{
    (void)state;
    struct pe_builder b;
    pb_init(&b, NULL);
    const char *path = scratch_file(b.buf, b.size);
    struct run r = inspect(path, 0);
    unlink(path);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\nimports: []\ndelay_imports: []\nexports: none\nrelocations: {}\ntls: none\n"
                                  "pdata_entries: 0\nload_config: none\nresources: 0\n"));
    assert_non_null(strstr(r.out, "\ndll_characteristics: []\n"));
    run_free(&r);
    pb_free(&b);
}

static void t_escaping(void **state)
{
    (void)state;
    struct pe_builder b;
    pb_init(&b, NULL);
    uint32_t d = b.data_rva;
    pb_u32(&b, d + 12, d + 0x100);
    pb_u32(&b, d + 16, d + 0x200); /* FirstThunk: an empty list */
    pb_str(&b, d + 0x100, "a\"b\\c\x01" "d\xe9.dll");
    pb_dir(&b, IMAGE_DIRECTORY_ENTRY_IMPORT, d, 40);
    const char *path = scratch_file(b.buf, b.size);
    struct run r = inspect(path, 1);
    assert_int_equal(r.rc, 0);
    assert_json(r.out);
    assert_non_null(strstr(r.out, "\"imports\":[{\"dll\":\"a\\\"b\\\\c\\u0001d\\u00e9.dll\",\"functions\":[]}]"));
    run_free(&r);
    r = inspect(path, 0);
    assert_non_null(strstr(r.out, "\n  - dll: a\"b\\c\\x01d\\xe9.dll\n    functions: []\n"));
    run_free(&r);
    unlink(path);
    pb_free(&b);
}

static void t_load_config_report(void **state)
{
    (void)state;
    struct pe_builder b;
    pb_init(&b, NULL);
    uint32_t d = b.data_rva;
    pb_u32(&b, d, 0x94);
    pb_u64(&b, d + 0x58, 0x140002100ull);
    pb_u32(&b, d + 0x90, 0x500);
    pb_dir(&b, IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG, d, 0x94);
    const char *path = scratch_file(b.buf, b.size);
    struct run r = inspect(path, 0);
    assert_non_null(strstr(r.out, "\nload_config: {size: 0x94, security_cookie: true, guard_cf: false, "
                                  "guard_flags: 0x500}\n"));
    run_free(&r);
    r = inspect(path, 1);
    assert_non_null(strstr(r.out, "\"load_config\":{\"size\":148,\"security_cookie\":true,\"guard_cf\":false,"));
    run_free(&r);
    unlink(path);
    pb_free(&b);
}

/* ---- errors ------------------------------------------------------------------------------------------- */

static void expect_error(const void *data, size_t size, const char *reason)
{
    const char *path = scratch_file(data, size);
    char want[512];
    snprintf(want, sizeof(want), "ntexec: %s: %s\n", path, reason);
    for (int json = 0; json < 2; json++) {
        struct run r = inspect(path, json);
        assert_int_equal(r.rc, 1);
        assert_string_equal(r.out, "");
        assert_string_equal(r.err, want);
        run_free(&r);
    }
    unlink(path);
}

static void t_error_not_mz(void **state)
{
    (void)state;
    expect_error("#!/bin/sh\necho hello\n", 21, "too small for a DOS header (STATUS_INVALID_IMAGE_NOT_MZ)");
    uint8_t text[100];
    memset(text, 'x', sizeof(text));
    expect_error(text, sizeof(text), "no MZ signature (STATUS_INVALID_IMAGE_NOT_MZ)");
    expect_error("", 0, "too small for a DOS header (STATUS_INVALID_IMAGE_NOT_MZ)");
}

static void t_error_truncated(void **state)
{
    (void)state;
    size_t size;
    uint8_t *hello = fx_image("hello.exe", &size);
    uint32_t lfanew = pe_le32(hello + 0x3C);
    uint32_t table = lfanew + 24 + pe_le16(hello + lfanew + 20);
    uint32_t headers = pe_le32(hello + lfanew + 24 + OPT_SIZE_OF_HEADERS);
    expect_error(hello, headers, "section raw data outside the file (STATUS_INVALID_IMAGE_FORMAT)");
    expect_error(hello, table + 40, "section table outside the file (STATUS_INVALID_IMAGE_FORMAT)");
    expect_error(hello, table - 1, "optional header outside the file (STATUS_INVALID_IMAGE_FORMAT)");
    expect_error(hello, lfanew + 23, "NT headers outside the file (STATUS_INVALID_IMAGE_FORMAT)");
    free(hello);
}

static void t_error_malformed_directory(void **state)
{
    (void)state;
    struct pe_builder b;
    pb_init(&b, NULL);
    uint32_t d = b.data_rva;
    pb_u32(&b, d + 12, 0xFFFFFF00u); /* the DLL name is outside the image */
    pb_u32(&b, d + 16, d + 0x200);
    pb_dir(&b, IMAGE_DIRECTORY_ENTRY_IMPORT, d, 40);
    expect_error(b.buf, b.size, "malformed import table (STATUS_INVALID_IMAGE_FORMAT)");
    pb_dir(&b, IMAGE_DIRECTORY_ENTRY_IMPORT, 0, 0);
    pb_u32(&b, d, 0x1000);
    pb_u32(&b, d + 4, 7); /* SizeOfBlock not 8 + 2n */
    pb_dir(&b, IMAGE_DIRECTORY_ENTRY_BASERELOC, d, 16);
    expect_error(b.buf, b.size, "malformed base relocations (STATUS_INVALID_IMAGE_FORMAT)");
    pb_free(&b);
}

static void t_error_unreadable(void **state)
{
    (void)state;
    struct run r = inspect("/nonexistent/dir/x.exe", 0);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "ntexec: /nonexistent/dir/x.exe: No such file or directory\n");
    run_free(&r);
    r = inspect("/", 1);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.err, "ntexec: /: Is a directory\n");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_json_parser_self_test), cmocka_unit_test(t_hello_text), cmocka_unit_test(t_hello_json),
        cmocka_unit_test(t_key_order), cmocka_unit_test(t_all_fixtures), cmocka_unit_test(t_exports_report),
        cmocka_unit_test(t_relocs_and_tls_report), cmocka_unit_test(t_empty_tables), cmocka_unit_test(t_escaping),
        cmocka_unit_test(t_load_config_report), cmocka_unit_test(t_error_not_mz), cmocka_unit_test(t_error_truncated),
        cmocka_unit_test(t_error_malformed_directory), cmocka_unit_test(t_error_unreadable),
    };
    return RUN_TESTS(tests);
}
