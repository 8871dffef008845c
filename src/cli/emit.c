/* The report emitter (cli/emit.h) and the file reader --inspect and --check share. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/emit.h"


void em_put(struct em *e, const char *s)
{
    if (e->f)
        fputs(s, e->f);
}

void em_printf(struct em *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void em_printf(struct em *e, const char *fmt, ...)
{
    va_list ap;
    if (!e->f)
        return;
    va_start(ap, fmt);
    vfprintf(e->f, fmt, ap);
    va_end(ap);
}

/* JSON strings are escaped to pure ASCII (bytes >= 0x80 as \u00XX), so the output is valid UTF-8 whatever
 * the image holds; text escapes control and non-ASCII bytes as \xNN to keep one item per line. */
void em_quoted(struct em *e, const char *s)
{
    if (e->json)
        em_put(e, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (e->json && (*p == '"' || *p == '\\'))
            em_printf(e, "\\%c", *p);
        else if (*p >= 0x20 && *p < 0x7F)
            em_printf(e, "%c", *p);
        else
            em_printf(e, e->json ? "\\u%04x" : "\\x%02x", *p);
    }
    if (e->json)
        em_put(e, "\"");
}

static void em_indent(struct em *e, unsigned n)
{
    em_printf(e, "%*s", (int)n, "");
}

/* Text: a block array's "key:" line, once it has an element. */
static void em_flush_pending(struct em *e);

/* Starts a member of the current container: separator, line prefix, key. on_line: the value follows on
 * the same line (scalars, flow containers), else a block container's lines follow. */
static void em_member(struct em *e, const char *key, int on_line)
{
    em_flush_pending(e);
    struct em_frame *f = &e->st[e->depth];
    int first = f->count++ == 0;
    if (e->json) {
        em_put(e, first ? "" : ",");
        if (!f->arr)
            em_printf(e, "\"%s\":", key);
    } else if (f->flow) {
        em_put(e, first ? "" : ", ");
        if (!f->arr)
            em_printf(e, "%s: ", key);
    } else if (f->arr) {
        em_indent(e, f->indent);
        em_put(e, "- ");
    } else {
        em_indent(e, f->dash ? f->indent - 2 : f->indent);
        em_put(e, f->dash ? "- " : "");
        f->dash = 0;
        em_printf(e, on_line ? "%s: " : "%s:", key);
    }
}

static void em_flush_pending(struct em *e)
{
    struct em_frame *f = &e->st[e->depth];
    if (!f->pending)
        return;
    f->pending = 0;
    e->depth--;
    em_member(e, f->key, 0);
    em_put(e, "\n");
    e->depth++;
}

/* Ends a scalar or a flow container: a block parent gets a newline. */
static void em_end_line(struct em *e)
{
    if (!e->json && !e->st[e->depth].flow)
        em_put(e, "\n");
}

void em_open(struct em *e, const char *key, int arr, int flow)
{
    struct em_frame *parent = &e->st[e->depth];
    int block = !e->json && !flow && !parent->flow;

    if (e->depth + 1 >= EM_DEPTH)
        abort(); /* the report's shape is fixed and shallower */
    if (!block) {
        em_member(e, key, 1);
        em_put(e, arr ? "[" : "{");
    } else if (!arr && !parent->arr) {
        em_member(e, key, 0);
        em_put(e, "\n");
    } else if (!arr) {
        em_flush_pending(e);
        parent->count++; /* the object's first member prints the "- " */
    } /* else a block array: its "key:" line waits for the first element, or becomes "key: []" */
    struct em_frame *f = &e->st[++e->depth];
    memset(f, 0, sizeof(*f));
    f->arr = (char)arr;
    f->flow = (char)!block;
    f->pending = (char)(block && arr);
    f->dash = (char)(block && !arr && parent->arr);
    f->key = key;
    f->indent = parent->indent + 2;
}

void em_close(struct em *e)
{
    struct em_frame *f = &e->st[e->depth];
    if (f->pending) {
        f->pending = 0;
        e->depth--;
        em_member(e, f->key, 1);
        em_put(e, "[]\n");
        return;
    }
    if (f->flow)
        em_put(e, f->arr ? "]" : "}");
    e->depth--;
    if (f->flow)
        em_end_line(e);
}

void em_str(struct em *e, const char *key, const char *s, const char *text_if_null)
{
    em_member(e, key, 1);
    if (s)
        em_quoted(e, s);
    else
        em_put(e, e->json ? "null" : text_if_null);
    em_end_line(e);
}

void em_num(struct em *e, const char *key, uint64_t v)
{
    em_member(e, key, 1);
    em_printf(e, "%llu", (unsigned long long)v);
    em_end_line(e);
}

/* 32-bit values (RVAs, sizes): hex in text, a number in JSON. */
void em_hex(struct em *e, const char *key, uint32_t v)
{
    em_member(e, key, 1);
    em_printf(e, e->json ? "%u" : "0x%x", v);
    em_end_line(e);
}

/* 64-bit values (image base, stack sizes): a "0x..." string in JSON, where numbers stop at 2^53. */
void em_hex64(struct em *e, const char *key, uint64_t v)
{
    em_member(e, key, 1);
    em_printf(e, e->json ? "\"0x%llx\"" : "0x%llx", (unsigned long long)v);
    em_end_line(e);
}

void em_bool(struct em *e, const char *key, int v)
{
    em_member(e, key, 1);
    em_put(e, v ? "true" : "false");
    em_end_line(e);
}

void em_begin(struct em *e, FILE *f, int json)
{
    memset(e, 0, sizeof(*e));
    e->f = f;
    e->json = json;
    e->st[0].flow = (char)json; /* JSON containers all take the flow path: commas, no lines */
    em_put(e, json ? "{" : "");
}

void em_finish(struct em *e)
{
    em_put(e, e->json ? "}\n" : "");
}

/* ---- files ---------------------------------------------------------------------------------------- */

/* Reads the whole file; 0 or an errno value. */
int cli_read_file(const char *path, uint8_t **data, size_t *size)
{
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    int error = 0;
    FILE *f = fopen(path, "rb");

    if (!f)
        return errno;
    for (;;) {
        if (n == cap) {
            uint8_t *grown = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap ? cap * 2 : 0x10000);
            if (!grown) {
                error = ENOMEM;
                break;
            }
            buf = grown;
            cap = cap ? cap * 2 : 0x10000;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            error = ferror(f) ? (errno ? errno : EIO) : 0;
            break;
        }
    }
    fclose(f);
    if (error) {
        free(buf);
        return error;
    }
    *data = buf;
    *size = n;
    return 0;
}

