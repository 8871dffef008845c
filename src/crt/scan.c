/*
 * scanf engine (see scan.h). Mirrors the legacy CRT's input loop: white space in the format skips white
 * space in the input, other characters must match, each %-directive converts one field.
 */
#include <string.h>

#include "crt/scan.h"
#include "crt/strtonum.h"

enum { SZ_DEFAULT, SZ_HH, SZ_H, SZ_L, SZ_64, SZ_BIGL, SZ_WIDE };

typedef struct SC {
    const CRT_SOURCE   *src;
    const char         *fa;       /* format, same width as the source */
    const WCHAR        *fw;
    size_t              pos;
    uint64_t            opt;
    const CRT_CODEPAGE *cp;
    __builtin_ms_va_list ap;
    int                 wide;     /* source and format are WCHAR */
    int                 ms;
    int                 nread;    /* units consumed, for %n */
    int                 eof;
    int                 assigned;
    int                 matched;  /* conversions that matched (assigned or suppressed) */
    int                 invalid;
} SC;

typedef struct FIELD {
    int      suppress;
    int      width;               /* 0: none */
    int      size;
    unsigned conv;
} FIELD;

static unsigned fch(const SC *s, size_t i)
{
    return s->fa ? (unsigned char)s->fa[i] : s->fw[i];
}

static int in_get(SC *s)
{
    int c = s->src->get(s->src->ctx);
    if (c < 0)
        s->eof = 1;
    else
        s->nread++;
    return c;
}

static void in_unget(SC *s, int c)
{
    if (c < 0)
        return;
    s->src->unget(s->src->ctx, c);
    s->nread--;
}

static void skip_space(SC *s)
{
    int c;
    while ((c = in_get(s)) >= 0 && CrtIsSpace((unsigned)c))
        ;
    in_unget(s, c);
}

static void *arg_ptr(SC *s)
{
    return __builtin_va_arg(s->ap, void *);
}

/* Reads the next character of a field within its width; -1 at the end of the field. */
static int field_get(SC *s, int *left)
{
    if (*left == 0)
        return -1;
    int c = in_get(s);
    if (c >= 0 && *left > 0)
        (*left)--;
    return c;
}

/* ---- numbers ------------------------------------------------------------------------------------- */

static int is_digit_in(unsigned c, int base)
{
    unsigned d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
    return d < (unsigned)base;
}

/* Collects an integer token (sign, optional 0x, digits) into tok; returns the base used, or 0 when no
 * digit was read ("0x" alone converts as 0, as in the legacy CRT). */
static int scan_int_token(SC *s, int base, int width, char *tok, int cap)
{
    int left = width ? width : -1, n = 0, ndig = 0, c = field_get(s, &left);
    if (c == '+' || c == '-') {
        tok[n++] = (char)c;
        c = field_get(s, &left);
    }
    if (c == '0' && (base == 0 || base == 16)) {
        tok[n++] = '0';
        ndig++;
        c = field_get(s, &left);
        if (c == 'x' || c == 'X') {
            tok[n++] = 'x';
            c = field_get(s, &left);
            base = 16;
        } else if (base == 0) {
            base = 8;
        }
    }
    if (base == 0)
        base = 10;
    while (c >= 0 && c < 0x80 && is_digit_in((unsigned)c, base) && n < cap - 1) {
        tok[n++] = (char)c;
        ndig++;
        c = field_get(s, &left);
    }
    in_unget(s, c);
    tok[n] = 0;
    return ndig ? base : 0;
}

/* Stores an integer at p with the field's size; the value wraps like the CRTs' accumulators. */
static void store_int(SC *s, const FIELD *f, void *p, uint64_t v)
{
    int bits = 32;
    if (f->conv == 'p' || f->size == SZ_64)
        bits = 64;
    else if (f->size == SZ_H)
        bits = 16;
    else if (f->size == SZ_HH)
        bits = s->ms ? 16 : 8;    /* msvcrt has no hh: it is h */
    switch (bits) {
    case 8:  *(uint8_t *)p = (uint8_t)v; break;
    case 16: *(uint16_t *)p = (uint16_t)v; break;
    case 32: *(uint32_t *)p = (uint32_t)v; break;
    default: *(uint64_t *)p = v; break;
    }
}

static int conv_int(SC *s, const FIELD *f)
{
    int base = f->conv == 'd' || f->conv == 'u' ? 10 : f->conv == 'o' ? 8 : f->conv == 'i' ? 0 : 16;
    char tok[128];
    skip_space(s);
    base = scan_int_token(s, base, f->width, tok, sizeof tok);
    if (!base)
        return 0;
    /* accumulate modulo 2^64 (scanf does not clamp) */
    const char *p = tok;
    int neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (base == 16 && p[0] == '0' && p[1] == 'x')
        p += 2;
    uint64_t v = 0;
    for (; *p; p++)
        v = v * (unsigned)base + (unsigned)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
    if (neg)
        v = 0 - v;
    if (!f->suppress) {
        store_int(s, f, arg_ptr(s), v);
        s->assigned++;
    }
    return 1;
}

/* Greedy float token: [sign] digits [. digits] [e [sign] digits]; ucrt also inf/nan words and 0x forms. */
static int scan_float_token(SC *s, int width, char *tok, int cap)
{
    int left = width ? width : -1, n = 0, c = field_get(s, &left), digits = 0, hex = 0;
#define TAKE() do { if (n < cap - 1) tok[n++] = (char)c; c = field_get(s, &left); } while (0)
    if (c == '+' || c == '-')
        TAKE();
    if (!s->ms && c >= 0 && ((c | 0x20) == 'i' || (c | 0x20) == 'n')) {
        const char *word = (c | 0x20) == 'i' ? "infinity" : "nan";
        for (int k = 0; word[k] && c >= 0 && (c | 0x20) == word[k]; k++)
            TAKE();
        in_unget(s, c);
        tok[n] = 0;
        return 1;
    }
    if (!s->ms && c == '0') {
        TAKE();
        digits = 1;
        if (c == 'x' || c == 'X') {
            TAKE();
            hex = 1;
            digits = 0;
        }
    }
    while (c >= 0 && c < 0x80 && is_digit_in((unsigned)c, hex ? 16 : 10)) {
        TAKE();
        digits++;
    }
    if (c == '.') {
        TAKE();
        while (c >= 0 && c < 0x80 && is_digit_in((unsigned)c, hex ? 16 : 10)) {
            TAKE();
            digits++;
        }
    }
    if (digits && c >= 0 && (c | 0x20) == (hex ? 'p' : 'e')) {
        TAKE();
        if (c == '+' || c == '-')
            TAKE();
        while (c >= '0' && c <= '9')
            TAKE();
    }
#undef TAKE
    in_unget(s, c);
    tok[n] = 0;
    return digits > 0;
}

static int conv_float(SC *s, const FIELD *f)
{
    char tok[512];
    skip_space(s);
    if (!scan_float_token(s, f->width, tok, sizeof tok))
        return 0;
    int err;
    CRT_FLAVOR fl = s->ms ? CRT_FLAVOR_MSVCRT : CRT_FLAVOR_UCRT;
    const char *end;
    double d = CrtStrToDoubleA(tok, &end, fl, &err);
    if (end == tok)
        return 0;
    if (!f->suppress) {
        void *p = arg_ptr(s);
        if (f->size == SZ_L || f->size == SZ_BIGL || f->size == SZ_64)
            *(double *)p = d;
        else
            *(float *)p = CrtStrToFloatA(tok, NULL, fl, &err);
        s->assigned++;
    }
    return 1;
}

/* ---- characters and strings ---------------------------------------------------------------------- */

/* Destination of %c/%s/%[: wide if l/w, narrow if h, otherwise natural for c/s/[ and opposite for C/S. */
static int dest_wide(const SC *s, const FIELD *f)
{
    if (f->size == SZ_L || f->size == SZ_WIDE)
        return 1;
    if (f->size == SZ_H)
        return 0;
    int natural = f->conv == 'c' || f->conv == 's' || f->conv == '[';
    int naturally_wide = s->wide && (s->ms || (s->opt & CRT_SCANF_LEGACY_WIDE_SPECIFIERS));
    return naturally_wide == natural;
}

typedef struct DEST {
    char   *a;
    WCHAR  *w;
    size_t  cap;                  /* units available (scanf_s), SIZE_MAX otherwise */
    size_t  n;
    int     overflow;
} DEST;

/* Stores one input unit into the destination, converting between widths. */
static void dest_put(SC *s, DEST *d, int c)
{
    char mb[8];
    int k = 1;
    if (d->w) {
        WCHAR wc = (WCHAR)c;
        if (!s->wide) {
            mb[0] = (char)c;
            if ((s->cp && s->cp->mbtowc ? s->cp->mbtowc(s->cp->ctx, mb, 1, &wc) : CrtCLocaleMbToWc(NULL, mb, 1, &wc)) < 0)
                wc = '?';
        }
        if (d->n >= d->cap) {
            d->overflow = 1;
            return;
        }
        d->w[d->n++] = wc;
        return;
    }
    if (s->wide) {
        k = s->cp && s->cp->wctomb ? s->cp->wctomb(s->cp->ctx, (WCHAR)c, mb) : CrtCLocaleWcToMb(NULL, (WCHAR)c, mb);
        if (k < 0) {
            mb[0] = '?';
            k = 1;
        }
    } else {
        mb[0] = (char)c;
    }
    if (d->n + (size_t)k > d->cap) {
        d->overflow = 1;
        return;
    }
    if (d->a) {
        memcpy(d->a + d->n, mb, (size_t)k);
        d->n += (size_t)k;
    }
}

static int dest_open(SC *s, const FIELD *f, DEST *d)
{
    memset(d, 0, sizeof *d);
    d->cap = SIZE_MAX;
    if (f->suppress)
        return 1;
    void *p = arg_ptr(s);
    if (s->opt & CRT_SCANF_SECURECRT)
        d->cap = (uint32_t)__builtin_va_arg(s->ap, uint64_t);   /* scanf_s: size in characters */
    if (dest_wide(s, f))
        d->w = p;
    else
        d->a = p;
    return 1;
}

/* NUL-terminates (except %c); scanf_s empties a too-small buffer and stops. */
static int dest_close(SC *s, const FIELD *f, DEST *d, int terminate)
{
    if (f->suppress)
        return 1;
    if (terminate && !d->overflow) {
        if (d->n >= d->cap)
            d->overflow = 1;
        else if (d->w)
            d->w[d->n] = 0;
        else
            d->a[d->n] = 0;
    }
    if (d->overflow) {
        if (d->cap > 0) {
            if (d->w)
                d->w[0] = 0;
            else
                d->a[0] = 0;
        }
        s->invalid = 1;           /* ENOMEM in ucrt's scanf_s: the scan ends here */
        return 0;
    }
    s->assigned++;
    return 1;
}

static int conv_char(SC *s, const FIELD *f)
{
    int width = f->width ? f->width : 1, got = 0, c = 0;
    DEST d;
    dest_open(s, f, &d);
    while (got < width && (c = in_get(s)) >= 0) {
        if (!f->suppress)
            dest_put(s, &d, c);
        got++;
    }
    if (got == 0)
        return 0;
    return dest_close(s, f, &d, 0);
}

/* %[...]: the set spans from just after '[' (a leading ']' or "^]" is a member) to the closing ']'. */
static int in_scanset(const SC *s, size_t first, size_t last, unsigned c)
{
    int negate = fch(s, first) == '^', hit = 0;
    for (size_t i = first + negate; i < last && !hit; i++) {
        unsigned a = fch(s, i);
        if (fch(s, i + 1) == '-' && i + 2 < last) {
            unsigned b = fch(s, i + 2);
            hit = (a <= b) ? (c >= a && c <= b) : (c >= b && c <= a);
            i += 2;
        } else {
            hit = c == a;
        }
    }
    return hit != negate;
}

static int conv_string(SC *s, const FIELD *f, size_t set_first, size_t set_last)
{
    int left = f->width ? f->width : -1, got = 0, c;
    DEST d;
    if (f->conv != '[')
        skip_space(s);
    dest_open(s, f, &d);
    while ((c = field_get(s, &left)) >= 0) {
        int ok = f->conv == '[' ? in_scanset(s, set_first, set_last, (unsigned)c) : !CrtIsSpace((unsigned)c);
        if (!ok)
            break;
        if (!f->suppress)
            dest_put(s, &d, c);
        got++;
    }
    in_unget(s, c);
    if (got == 0)
        return 0;
    return dest_close(s, f, &d, 1);
}

/* ---- directives ---------------------------------------------------------------------------------- */

/* Size prefix at pos; returns 0 for one ucrt rejects. */
static int parse_size(SC *s, FIELD *f)
{
    unsigned c = fch(s, s->pos), n1 = fch(s, s->pos + 1), n2 = n1 ? fch(s, s->pos + 2) : 0;
    switch (c) {
    case 'h': f->size = n1 == 'h' ? (s->pos++, SZ_HH) : SZ_H; break;
    case 'l': f->size = n1 == 'l' ? (s->pos++, SZ_64) : SZ_L; break;
    case 'L': f->size = SZ_BIGL; break;
    case 'w': f->size = SZ_WIDE; break;
    case 'I':
        if (n1 == '6' && n2 == '4') {
            s->pos += 2;
            f->size = SZ_64;
        } else if (n1 == '3' && n2 == '2') {
            s->pos += 2;
            f->size = SZ_DEFAULT;
        } else {
            f->size = SZ_64;      /* pointer-sized */
        }
        break;
    case 'j': case 'z': case 't':
        if (s->ms)
            return 1;             /* msvcrt does not know them: the letter becomes the conversion */
        f->size = SZ_64;
        break;
    default:
        return 1;
    }
    s->pos++;
    return 1;
}

/* One directive after '%'. Returns 1 to continue, 0 to stop scanning. */
static int do_directive(SC *s)
{
    FIELD f = { 0, 0, SZ_DEFAULT, 0 };
    if (fch(s, s->pos) == '*') {
        f.suppress = 1;
        s->pos++;
    }
    for (unsigned c; (c = fch(s, s->pos)) >= '0' && c <= '9'; s->pos++)
        if (f.width < 100000000)
            f.width = f.width * 10 + (int)(c - '0');   /* absurd widths saturate instead of overflowing */
    if (!parse_size(s, &f))
        return 0;
    f.conv = fch(s, s->pos);
    if (f.conv == 0)
        return 0;
    s->pos++;
    int ok;
    switch (f.conv) {
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
        ok = conv_int(s, &f);
        break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
        ok = conv_float(s, &f);
        break;
    case 'c': case 'C':
        ok = conv_char(s, &f);
        break;
    case 's': case 'S':
        ok = conv_string(s, &f, 0, 0);
        break;
    case '[': {
        size_t first = s->pos, i = first + (fch(s, first) == '^');
        if (fch(s, i) == ']')
            i++;                  /* "[]...]" and "[^]...]": the first ']' is a member */
        while (fch(s, i) && fch(s, i) != ']')
            i++;
        if (!fch(s, i))
            return 0;
        s->pos = i + 1;
        ok = conv_string(s, &f, first, i);
        break;
    }
    case 'n':
        if (!f.suppress)
            store_int(s, &f, arg_ptr(s), (uint64_t)(int64_t)s->nread);
        return 1;                 /* %n neither counts nor matches input */
    case '%': {
        int c = in_get(s);
        if (c != '%') {
            in_unget(s, c);
            return 0;
        }
        return 1;
    }
    default:
        return 0;                 /* unknown conversion: scanning stops */
    }
    if (ok)
        s->matched++;
    return ok;
}

static int run(SC *s)
{
    if (!s->fa && !s->fw) {
        s->invalid = 1;
        return -1;
    }
    for (;;) {
        unsigned c = fch(s, s->pos);
        if (c == 0)
            break;
        if (CrtIsSpace(c)) {
            while (CrtIsSpace(fch(s, s->pos)))
                s->pos++;
            skip_space(s);
            continue;
        }
        s->pos++;
        if (c == '%') {
            if (!do_directive(s))
                break;
            continue;
        }
        int in = in_get(s);
        if (in != (int)c) {       /* literal mismatch */
            in_unget(s, in);
            break;
        }
    }
    /* EOF only when the input ended before anything matched */
    return s->eof && s->matched == 0 && s->assigned == 0 ? -1 : s->assigned;
}

static void init(SC *s, const CRT_SOURCE *src, uint64_t options, const CRT_CODEPAGE *cp, __builtin_ms_va_list ap)
{
    memset(s, 0, sizeof *s);
    s->src = src;
    s->opt = options;
    s->cp = cp;
    s->ap = ap;
    s->ms = (options & CRT_SCANF_MSVCRT) != 0;
}

int CrtScanA(const CRT_SOURCE *src, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
             __builtin_ms_va_list ap, int *invalid)
{
    SC s;
    init(&s, src, options, cp, ap);
    s.fa = format;
    int r = run(&s);
    if (invalid)
        *invalid = s.invalid;
    return r;
}

int CrtScanW(const CRT_SOURCE *src, uint64_t options, const CRT_CODEPAGE *cp, const WCHAR *format,
             __builtin_ms_va_list ap, int *invalid)
{
    SC s;
    init(&s, src, options, cp, ap);
    s.fw = format;
    s.wide = 1;
    int r = run(&s);
    if (invalid)
        *invalid = s.invalid;
    return r;
}

/* String sources for sscanf/swscanf. */
typedef struct STRSRC {
    const char  *a;
    const WCHAR *w;
    size_t       pos, length;
} STRSRC;

static int str_get(void *ctx)
{
    STRSRC *t = ctx;
    if (t->pos >= t->length)
        return -1;
    int c = t->a ? (unsigned char)t->a[t->pos] : t->w[t->pos];
    if (c == 0)
        return -1;
    t->pos++;
    return c;
}

static void str_unget(void *ctx, int c)
{
    (void)c;
    ((STRSRC *)ctx)->pos--;
}

int CrtScanStringA(const char *str, size_t length, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
                   __builtin_ms_va_list ap, int *invalid)
{
    if (!str) {
        if (invalid)
            *invalid = 1;
        return -1;
    }
    STRSRC t = { str, NULL, 0, length };
    CRT_SOURCE src = { str_get, str_unget, &t };
    return CrtScanA(&src, options, cp, format, ap, invalid);
}

int CrtScanStringW(const WCHAR *str, size_t length, uint64_t options, const CRT_CODEPAGE *cp,
                   const WCHAR *format, __builtin_ms_va_list ap, int *invalid)
{
    if (!str) {
        if (invalid)
            *invalid = 1;
        return -1;
    }
    STRSRC t = { NULL, str, 0, length };
    CRT_SOURCE src = { str_get, str_unget, &t };
    return CrtScanW(&src, options, cp, format, ap, invalid);
}
