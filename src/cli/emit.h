/*
 * The report emitter of ntexec's --inspect and --check: one sequence of calls rendered either as YAML-like
 * text or as one JSON object, so that both outputs always carry the same facts in the same order. A NULL
 * file is a dry run (nothing is written).
 */
#ifndef CLI_EMIT_H
#define CLI_EMIT_H

#include <stdint.h>
#include <stdio.h>

#define EM_DEPTH 8

struct em_frame {
    char arr;          /* array, else object */
    char flow;         /* on one line: {a: 1, b: 2} / [x, y] */
    char dash;         /* text: an object in a block array whose "- " is not printed yet */
    char pending;      /* text: a block array whose "key:" line waits for its first element */
    const char *key;   /* the pending array's key */
    unsigned count;    /* members so far */
    unsigned indent;   /* text: spaces before a member line */
};

struct em {
    FILE *f;           /* NULL: dry run */
    int json;
    int depth;
    struct em_frame st[EM_DEPTH];
};

void em_begin(struct em *e, FILE *f, int json);
void em_finish(struct em *e);
void em_put(struct em *e, const char *s);
void em_printf(struct em *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A string, quoted and escaped in JSON (pure ASCII), with \xNN escapes in text. */
void em_quoted(struct em *e, const char *s);
/* Opens an object (arr 0) or array (arr 1) member named key; flow: on one line. */
void em_open(struct em *e, const char *key, int arr, int flow);
void em_close(struct em *e);
void em_str(struct em *e, const char *key, const char *s, const char *text_if_null);
void em_num(struct em *e, const char *key, uint64_t v);
/* 32-bit values (RVAs, sizes): hex in text, a number in JSON. */
void em_hex(struct em *e, const char *key, uint32_t v);
/* 64-bit values (image base, stack sizes): a "0x..." string in JSON, where numbers stop at 2^53. */
void em_hex64(struct em *e, const char *key, uint64_t v);
void em_bool(struct em *e, const char *key, int v);

/* Reads a whole host file into a malloc'd buffer; 0 or an errno value. */
int cli_read_file(const char *path, uint8_t **data, size_t *size);

#endif
