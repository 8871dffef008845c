/*
 * ntexec --check: which imports of a program would not resolve, all at once, without running it.
 *
 * The walk follows the loader's rules (ntdll/ldr/load.c) on the files alone: an API set name goes to the
 * DLL that implements it, a builtin DLL is System32's (a KnownDLL), any other DLL is looked for in the
 * program's directory, then the current directory, case-insensitively as NTFS does. Every DLL found is
 * read with the PE reader: its exports answer the imports (forwarders followed into their DLL), and a
 * DLL on disk brings its own imports into the walk. Delay-load imports are checked too (they fail only
 * when called, so they are reported apart). Nothing is mapped and no code runs.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"
#include "cli/emit.h"
#include "host/host.h"
#include "io/builtin.h"
#include "io/io.h"
#include "nt/ntstatus.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"
#include "pe/pe.h"

#define CHECK_MAX_MODULES 256
#define CHECK_MAX_FORWARDS 16   /* a longer forwarder chain is reported as unresolved */
#define NAME_MAX_LEN 260

struct module {
    char name[NAME_MAX_LEN];   /* lower-case base name: "kernel32.dll" */
    char *host_path;           /* NULL: a builtin, or not found */
    bool builtin, found, scanned;
    uint8_t *file;             /* the file's bytes (a DLL on disk or the program); builtins are not copied */
    struct pe_image img;
    bool has_exports;
    struct pe_exports ex;
};

struct missing {
    const char *dll;           /* as imported ("api-ms-win-core-x.dll", "USER32.dll") */
    char function[NAME_MAX_LEN];   /* "" when the DLL itself is missing; "#12" for an ordinal */
    const char *importer;
    bool delay;
    char why[NAME_MAX_LEN + 40];   /* "not found", "missing", "forwarded to X.Y, which is missing", ... */
};

struct check {
    const char *program_dir;   /* host directory of the program */
    struct module *modules[CHECK_MAX_MODULES];
    size_t nmodules;
    struct missing *missing;
    size_t nmissing, cap;
    size_t nfunctions;         /* imports checked */
    bool failed;               /* a DLL on disk could not be read or is malformed */
};

static char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* "KERNEL32" -> "kernel32.dll", as the loader normalizes a name (no extension: ".dll" is added). */
static void normalized_name(const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s", name);
    size_t n = strlen(out);
    if (n && out[n - 1] == '.')
        out[n - 1] = 0;
    else if (!strchr(out, '.') && n + 4 < size)
        strcat(out, ".dll");
    for (char *p = out; *p; p++)
        *p = lower_ascii(*p);
}

static void add_missing(struct check *c, const char *dll, const char *function, const char *importer, bool delay,
                        const char *why)
{
    for (size_t i = 0; i < c->nmissing; i++) {
        struct missing *m = &c->missing[i];
        if (!strcmp(m->dll, dll) && !strcmp(m->function, function ? function : "") && !strcmp(m->importer, importer))
            return;
    }
    if (c->nmissing == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        struct missing *grown = realloc(c->missing, cap * sizeof *grown);
        if (!grown) {
            c->failed = true;
            return;
        }
        c->missing = grown;
        c->cap = cap;
    }
    struct missing *m = &c->missing[c->nmissing++];
    m->dll = dll;
    snprintf(m->function, sizeof m->function, "%s", function ? function : "");
    m->importer = importer;
    m->delay = delay;
    snprintf(m->why, sizeof m->why, "%s", why);
}

/* A file called name (any case) in the host directory dir, as a host path (malloc'd), or NULL. */
static char *find_in_directory(const char *dir, const char *name)
{
    WCHAR *dos_dir;
    if (!dir || IoHostPathToDos(dir, &dos_dir) != STATUS_SUCCESS)
        return NULL;
    size_t n = RtlpWcslen(dos_dir), k = strlen(name);
    WCHAR *path = malloc((n + k + 2) * sizeof(WCHAR));
    char *host = NULL;
    if (path) {
        memcpy(path, dos_dir, n * sizeof(WCHAR));
        if (n && path[n - 1] != '\\')
            path[n++] = '\\';
        for (size_t i = 0; i <= k; i++)
            path[n + i] = (unsigned char)name[i];
        UNICODE_STRING us;
        RtlInitUnicodeString(&us, path);
        if (IoTranslatePath(&us, &host) == STATUS_SUCCESS) {
            FILE *f = fopen(host, "rb");
            if (f)
                fclose(f);
            else {
                free(host);
                host = NULL;
            }
        }
        free(path);
    }
    free(dos_dir);
    return host;
}

static struct module *find_module(struct check *c, const char *name)
{
    for (size_t i = 0; i < c->nmodules; i++)
        if (!strcmp(c->modules[i]->name, name))
            return c->modules[i];
    return NULL;
}

static void read_exports(struct module *m)
{
    m->has_exports = pe_exports_get(&m->img, &m->ex) == STATUS_SUCCESS;
}

/* The module an import of dll_name resolves to (NULL only when out of memory); ->found says whether the
 * DLL exists. */
static struct module *open_module(struct check *c, const char *dll_name)
{
    const char *api = LdrpResolveApiSet(dll_name);
    char name[NAME_MAX_LEN];
    normalized_name(api ? api : dll_name, name, sizeof name);
    struct module *m = find_module(c, name);
    if (m)
        return m;
    if (c->nmodules == CHECK_MAX_MODULES || !(m = calloc(1, sizeof *m))) {
        c->failed = true;
        return NULL;
    }
    c->modules[c->nmodules++] = m;
    snprintf(m->name, sizeof m->name, "%s", name);
    const struct builtin_dll *builtin = IoFindBuiltinDll(name);
    if (builtin) {
        const void *data;
        size_t size;
        if (IoGetBuiltinImage(builtin, &data, &size) != STATUS_SUCCESS ||
            pe_parse(&m->img, data, size, PE_LAYOUT_MAPPED) != STATUS_SUCCESS) {
            c->failed = true;
            return m;
        }
        m->builtin = m->found = m->scanned = true;   /* builtins import nothing */
        read_exports(m);
        return m;
    }
    m->host_path = find_in_directory(c->program_dir, name);
    if (!m->host_path) {
        char cwd[4096];
        if (host_getcwd(cwd, sizeof cwd) == STATUS_SUCCESS)
            m->host_path = find_in_directory(cwd, name);
    }
    if (!m->host_path)
        return m;
    size_t size;
    if (cli_read_file(m->host_path, &m->file, &size) || pe_parse(&m->img, m->file, size, PE_LAYOUT_FILE)) {
        fprintf(stderr, "ntexec: %s: not a valid DLL\n", m->host_path);
        c->failed = true;
        m->scanned = true;
        return m;
    }
    m->found = true;
    read_exports(m);
    return m;
}

/* Resolves one import (name, or ordinal when name is NULL) in m, following forwarders. NULL when it
 * resolves, else why not (for the report). */
static const char *resolve(struct check *c, struct module *m, const char *name, uint32_t ordinal, int depth,
                           char *where, size_t where_size)
{
    if (!m->has_exports)
        return "the DLL exports nothing";
    struct pe_export e;
    NTSTATUS status = name ? pe_export_by_name(&m->img, &m->ex, name, 0, &e)
                           : pe_export_by_ordinal(&m->img, &m->ex, ordinal, &e);
    if (status != STATUS_SUCCESS || !e.rva)
        return "missing";
    if (!e.forwarder)
        return NULL;
    if (depth >= CHECK_MAX_FORWARDS)
        return "forwarder chain too long";
    /* "DLL.Function" or "DLL.#ordinal": the DLL part may hold dots of its own ("api-ms-win-x.y") */
    const char *dot = strrchr(e.forwarder, '.');
    if (!dot || dot == e.forwarder)
        return "malformed forwarder";
    char dll[NAME_MAX_LEN];
    snprintf(dll, sizeof dll, "%.*s", (int)(dot - e.forwarder), e.forwarder);
    snprintf(where, where_size, "%s", e.forwarder);
    struct module *target = open_module(c, dll);
    if (!target || !target->found)
        return "forwarded to a DLL that is missing";
    if (dot[1] == '#')
        return resolve(c, target, NULL, (uint32_t)strtoul(dot + 2, NULL, 10), depth + 1, where, where_size);
    return resolve(c, target, dot + 1, 0, depth + 1, where, where_size);
}

static void check_thunks(struct check *c, struct module *importer, const char *dll_name, struct module *target,
                         uint32_t lookup_rva, uint32_t iat_rva, bool delay)
{
    struct pe_thunk_iter it;
    struct pe_thunk t;
    pe_thunk_begin(&it, &importer->img, lookup_rva, iat_rva);
    while (pe_thunk_next(&it, &t) == STATUS_SUCCESS) {
        c->nfunctions++;
        char function[NAME_MAX_LEN], where[NAME_MAX_LEN] = "";
        if (t.by_ordinal)
            snprintf(function, sizeof function, "#%u", t.ordinal);
        else
            snprintf(function, sizeof function, "%s", t.name);
        const char *why = resolve(c, target, t.by_ordinal ? NULL : t.name, t.ordinal, 0, where, sizeof where);
        if (why) {
            char text[sizeof ((struct missing *)0)->why];
            if (*where) {   /* keep the forwarder in the report */
                snprintf(text, sizeof text, "forwarded to %s, which is missing", where);
                why = text;
            }
            add_missing(c, dll_name, function, importer->name, delay, why);
        }
    }
}

static void scan(struct check *c, struct module *m);

static void check_dll(struct check *c, struct module *importer, const char *dll_name, uint32_t lookup_rva,
                      uint32_t iat_rva, bool delay)
{
    struct module *target = open_module(c, dll_name);
    if (!target)
        return;
    if (!target->found) {
        if (!target->scanned)   /* a malformed DLL was reported already */
            add_missing(c, dll_name, NULL, importer->name, delay, "not found");
        return;
    }
    check_thunks(c, importer, dll_name, target, lookup_rva, iat_rva, delay);
    scan(c, target);
}

/* Walks a module's imports and delay imports (once). */
static void scan(struct check *c, struct module *m)
{
    if (m->scanned)
        return;
    m->scanned = true;
    struct pe_import_iter it;
    struct pe_import_dll d;
    pe_import_begin(&it, &m->img);
    while (pe_import_next(&it, &d) == STATUS_SUCCESS)
        check_dll(c, m, d.name, d.lookup_rva, d.iat_rva, false);
    struct pe_delay_iter dit;
    struct pe_delay_dll dd;
    pe_delay_begin(&dit, &m->img);
    while (pe_delay_next(&dit, &dd) == STATUS_SUCCESS)
        check_dll(c, m, dd.name, dd.name_table_rva, dd.iat_rva, true);
}

static size_t count_missing(const struct check *c, bool dlls)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nmissing; i++)
        n += !c->missing[i].function[0] == dlls;
    return n;
}

static void report_text(const struct check *c, const char *path, FILE *out)
{
    for (size_t i = 0; i < c->nmissing; i++) {
        const struct missing *m = &c->missing[i];
        if (m->function[0])
            fprintf(out, "%s!%s: %s (%simported by %s)\n", m->dll, m->function, m->why, m->delay ? "delay-" : "",
                    m->importer);
        else
            fprintf(out, "%s: %s (%simported by %s)\n", m->dll, m->why, m->delay ? "delay-" : "", m->importer);
    }
    size_t builtins = 0, found = 0;
    for (size_t i = 1; i < c->nmodules; i++) {
        builtins += c->modules[i]->builtin;
        found += c->modules[i]->found;
    }
    size_t dlls = count_missing(c, true), functions = count_missing(c, false);
    fprintf(out, "%s: %zu DLLs found (%zu builtin), %zu imports checked: ", path, found, builtins, c->nfunctions);
    if (!dlls && !functions)
        fprintf(out, "every import resolves\n");
    else
        fprintf(out, "%zu DLL%s and %zu function%s would not resolve\n", dlls, dlls == 1 ? "" : "s", functions,
                functions == 1 ? "" : "s");
}

static void report_json(const struct check *c, const char *path, FILE *out)
{
    struct em e;
    em_begin(&e, out, 1);
    em_str(&e, "file", path, NULL);
    em_bool(&e, "ok", !c->nmissing);
    em_num(&e, "imports_checked", c->nfunctions);
    em_open(&e, "dlls", 1, 0);
    for (size_t i = 1; i < c->nmodules; i++) {
        const struct module *m = c->modules[i];
        em_open(&e, NULL, 0, 1);
        em_str(&e, "name", m->name, NULL);
        em_str(&e, "kind", m->builtin ? "builtin" : m->found ? "file" : "missing", NULL);
        em_str(&e, "path", m->host_path, NULL);
        em_close(&e);
    }
    em_close(&e);
    em_open(&e, "missing", 1, 0);
    for (size_t i = 0; i < c->nmissing; i++) {
        const struct missing *m = &c->missing[i];
        em_open(&e, NULL, 0, 1);
        em_str(&e, "dll", m->dll, NULL);
        em_str(&e, "function", m->function[0] ? m->function : NULL, NULL);
        em_str(&e, "importer", m->importer, NULL);
        em_bool(&e, "delay", m->delay);
        em_str(&e, "reason", m->why, NULL);
        em_close(&e);
    }
    em_close(&e);
    em_finish(&e);
}

int cli_check(const char *path, int json, FILE *out, FILE *err)
{
    struct check c = {0};
    struct module *program = calloc(1, sizeof *program);
    char *dir = malloc(strlen(path) + 3);
    if (!program || !dir) {
        free(program);
        free(dir);
        return 125;
    }
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(dir, strlen(path) + 3, "%.*s", (int)(slash - path + (slash == path)), path);
    else
        strcpy(dir, ".");
    char absolute[4096];
    if (dir[0] != '/' && host_getcwd(absolute, sizeof absolute) == STATUS_SUCCESS &&
        strlen(absolute) + strlen(dir) + 2 < sizeof absolute) {
        strcat(absolute, "/");
        strcat(absolute, dir);
        c.program_dir = absolute;
    } else {
        c.program_dir = dir;
    }
    const char *base = slash ? slash + 1 : path;
    snprintf(program->name, sizeof program->name, "%s", base);
    c.modules[c.nmodules++] = program;
    size_t size;
    int error = cli_read_file(path, &program->file, &size);
    int code;
    if (error) {
        fprintf(err, "ntexec: %s: %s\n", path, strerror(error));
        code = 127;
    } else if (pe_parse(&program->img, program->file, size, PE_LAYOUT_FILE) != STATUS_SUCCESS) {
        fprintf(err, "ntexec: %s: not a valid Win32 application (%s)\n", path,
                program->img.error ? program->img.error : "STATUS_INVALID_IMAGE_FORMAT");
        code = 126;
    } else {
        scan(&c, program);
        (json ? report_json : report_text)(&c, path, out);
        code = c.nmissing ? 1 : c.failed ? 126 : 0;
    }
    for (size_t i = 0; i < c.nmodules; i++) {
        free(c.modules[i]->file);
        free(c.modules[i]->host_path);
        free(c.modules[i]);
    }
    free(c.missing);
    free(dir);
    return code;
}
