/*
 * printf engine (see format.h). The parsing follows the VC++ CRT's state machine, which msvcrt.dll and
 * ucrtbase.dll share: a character that cannot continue a specification ends it and is printed literally
 * ("%5%" prints "%", "%y" prints "y", msvcrt's "%zu" prints "zu"). Numbers are built as a list of parts
 * (digit runs and repeated characters) so that any precision works without a buffer of that size.
 */
#include <limits.h>
#include <string.h>

#include "rtl/crtnum.h"
#include "rtl/format.h"

enum { FL_SIGN = 1, FL_SPACE = 2, FL_LEFT = 4, FL_ZERO = 8, FL_ALT = 0x10 };

/* ucrt length modifiers (one per specification) */
enum { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_BIGL, L_I, L_I32, L_I64, L_W, L_TCHAR };

/* msvcrt size flags (they accumulate, as in the legacy CRT) */
enum { MS_SHORT = 1, MS_LONG = 2, MS_LONGLONG = 4, MS_I64 = 8, MS_WIDE = 0x10 };

typedef struct SPEC {
    unsigned flags;
    int      width;
    int      prec;      /* -1: default */
    int      len;       /* ucrt L_* */
    unsigned ms;        /* msvcrt MS_* */
} SPEC;

typedef struct FMT {
    const CRT_SINK     *na;     /* exactly one of na / wi */
    const CRT_WSINK    *wi;
    const char         *fa;     /* format, same width as the sink */
    const WCHAR        *fw;
    size_t              pos;
    uint64_t            opt;
    const CRT_CODEPAGE *cp;
    __builtin_ms_va_list ap;
    int                 count;  /* code units written, -1 after a failure */
    int                 invalid;
    int                 ms;     /* msvcrt.dll semantics */
} FMT;

/* A formatted field body: parts of ASCII text, or one string argument of either width. */
typedef struct BODY {
    struct { const char *s; int n; char rep; } part[12];
    int          np;
    int          len;           /* characters, for the padding computation */
    const char  *ns;            /* string argument (narrow), ns_bytes long */
    const WCHAR *ws;            /* string argument (wide) */
    int          ns_bytes;
} BODY;

static const WCHAR wnull[] = { '(', 'n', 'u', 'l', 'l', ')', 0 };

int CrtCLocaleWcToMb(void *ctx, WCHAR wc, char *out)
{
    (void)ctx;
    if (wc > 0xff)
        return -1;              /* the "C" locale has no multibyte form for it: EILSEQ */
    out[0] = (char)wc;
    return 1;
}

int CrtCLocaleMbToWc(void *ctx, const char *s, size_t n, WCHAR *wc)
{
    (void)ctx;
    if (n == 0)
        return -1;
    *wc = (unsigned char)s[0];
    return 1;
}

static int cp_wctomb(const FMT *f, WCHAR wc, char *out)
{
    if (f->cp && f->cp->wctomb)
        return f->cp->wctomb(f->cp->ctx, wc, out);
    return CrtCLocaleWcToMb(NULL, wc, out);
}

static int cp_mbtowc(const FMT *f, const char *s, size_t n, WCHAR *wc)
{
    if (f->cp && f->cp->mbtowc)
        return f->cp->mbtowc(f->cp->ctx, s, n, wc);
    return CrtCLocaleMbToWc(NULL, s, n, wc);
}

/* ---- output ------------------------------------------------------------------------------------- */

static void account(FMT *f, int failed, size_t n)
{
    if (failed || n > (size_t)(INT_MAX - f->count))
        f->count = -1;
    else
        f->count += (int)n;
}

static void out_units_a(FMT *f, const char *s, size_t n)
{
    if (f->count < 0 || n == 0)
        return;
    account(f, f->na->write(f->na->ctx, s, n), n);
}

static void out_units_w(FMT *f, const WCHAR *s, size_t n)
{
    if (f->count < 0 || n == 0)
        return;
    account(f, f->wi->write(f->wi->ctx, s, n), n);
}

/* ASCII text produced by the engine itself, widened for a wide sink. */
static void out_ascii(FMT *f, const char *s, size_t n)
{
    if (f->na) {
        out_units_a(f, s, n);
        return;
    }
    WCHAR tmp[64];
    while (n > 0 && f->count >= 0) {
        size_t k = n < 64 ? n : 64;
        for (size_t i = 0; i < k; i++)
            tmp[i] = (unsigned char)s[i];
        out_units_w(f, tmp, k);
        s += k;
        n -= k;
    }
}

static void out_rep(FMT *f, char c, int n)
{
    char buf[64];
    memset(buf, c, sizeof buf);
    while (n > 0 && f->count >= 0) {
        int k = n < 64 ? n : 64;
        out_ascii(f, buf, (size_t)k);
        n -= k;
    }
}

/* A narrow string argument of nchars characters (nbytes bytes). */
static void out_narrow_str(FMT *f, const char *s, int nchars, int nbytes)
{
    if (f->na) {
        out_units_a(f, s, (size_t)nbytes);
        return;
    }
    for (int i = 0, off = 0; i < nchars && f->count >= 0; i++) {
        WCHAR wc;
        int k = cp_mbtowc(f, s + off, (size_t)(nbytes - off), &wc);
        if (k <= 0) {
            f->count = -1;      /* the CRTs give up on an unconvertible character */
            return;
        }
        out_units_w(f, &wc, 1);
        off += k;
    }
}

/* A wide string argument: a narrow sink gets each character's multibyte form. */
static void out_wide_str(FMT *f, const WCHAR *s, int n)
{
    if (f->wi) {
        out_units_w(f, s, (size_t)n);
        return;
    }
    for (int i = 0; i < n && f->count >= 0; i++) {
        char mb[8];
        int k = cp_wctomb(f, s[i], mb);
        if (k <= 0) {
            f->count = -1;      /* msvcrt and ucrt: printf returns -1, output so far stays */
            return;
        }
        out_units_a(f, mb, (size_t)k);
    }
}

static void body_add(BODY *b, const char *s, int n, char rep)
{
    if (n <= 0)
        return;
    b->part[b->np].s = s;
    b->part[b->np].n = n;
    b->part[b->np].rep = rep;
    b->np++;
    b->len += n;
}

static void out_body(FMT *f, const BODY *b)
{
    if (b->ns)
        out_narrow_str(f, b->ns, b->len, b->ns_bytes);
    else if (b->ws)
        out_wide_str(f, b->ws, b->len);
    for (int i = 0; i < b->np; i++) {
        if (b->part[i].s)
            out_ascii(f, b->part[i].s, (size_t)b->part[i].n);
        else
            out_rep(f, b->part[i].rep, b->part[i].n);
    }
}

/* Justification as both CRTs do it: spaces, prefix, zeros, body, then spaces when left-justified. */
static void emit(FMT *f, const SPEC *sp, const char *prefix, const BODY *b)
{
    int plen = (int)strlen(prefix);
    int pad = sp->width - plen - b->len;
    if (!(sp->flags & (FL_LEFT | FL_ZERO)))
        out_rep(f, ' ', pad);
    out_ascii(f, prefix, (size_t)plen);
    if ((sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT))
        out_rep(f, '0', pad);
    out_body(f, b);
    if (sp->flags & FL_LEFT)
        out_rep(f, ' ', pad);
}

/* ---- arguments and sizes ------------------------------------------------------------------------ */

static uint64_t arg_u64(FMT *f)
{
    return __builtin_va_arg(f->ap, uint64_t);
}

static int arg_int(FMT *f)
{
    return (int)(uint32_t)arg_u64(f);
}

static void *arg_ptr(FMT *f)
{
    return __builtin_va_arg(f->ap, void *);
}

/* Integer argument width in bits, 0 for a size prefix ucrt rejects. */
static int int_bits(const FMT *f, const SPEC *sp)
{
    if (f->ms) {
        /* msvcrt: I64/ll are 64-bit, h (and hh) short, everything else (l, L, none) 32-bit */
        if (sp->ms & (MS_I64 | MS_LONGLONG))
            return 64;
        return (sp->ms & MS_SHORT) ? 16 : 32;
    }
    switch (sp->len) {
    case L_NONE: case L_L: case L_I32: return 32;
    case L_HH:                         return 8;
    case L_H:                          return 16;
    case L_LL: case L_J: case L_Z: case L_T: case L_I: case L_I64: return 64;
    default:                           return 0;
    }
}

/* %c/%s/%Z argument width: l and w mean wide, h narrow; otherwise 's'/'c' have the format's natural width
 * (wide in wprintf only with the legacy wide specifiers, which msvcrt always has) and 'S'/'C' the other. */
static int is_wide_arg(const FMT *f, const SPEC *sp, unsigned conv)
{
    if (f->ms) {
        if (conv == 'Z')
            return (sp->ms & MS_WIDE) != 0;
        if (sp->ms & (MS_LONG | MS_WIDE))
            return 1;
        if (sp->ms & MS_SHORT)
            return 0;
    } else {
        if (sp->len == L_L || sp->len == L_W)
            return 1;
        if (sp->len == L_H)
            return 0;
        if (sp->len == L_TCHAR)
            return f->wi != NULL;
    }
    int naturally_wide = f->wi && (f->ms || (f->opt & CRT_PRINTF_LEGACY_WIDE_SPECIFIERS));
    int natural = conv == 'c' || conv == 's';
    return naturally_wide == natural;
}

static int fail_invalid(FMT *f)
{
    f->invalid = 1;
    return 0;
}

/* ---- conversions -------------------------------------------------------------------------------- */

static int conv_int(FMT *f, SPEC *sp, unsigned conv)
{
    int is_signed = conv == 'd' || conv == 'i';
    int bits = conv == 'p' ? 64 : int_bits(f, sp);
    if (bits == 0)
        return fail_invalid(f);
    uint64_t raw = arg_u64(f), num;
    int64_t sv;
    switch (bits) {
    case 8:  sv = is_signed ? (int8_t)raw : (int64_t)(uint8_t)raw; break;
    case 16: sv = is_signed ? (int16_t)raw : (int64_t)(uint16_t)raw; break;
    case 32: sv = is_signed ? (int32_t)raw : (int64_t)(uint32_t)raw; break;
    default: sv = (int64_t)raw; break;
    }
    int neg = is_signed && sv < 0;
    num = neg ? 0 - (uint64_t)sv : (uint64_t)sv;
    if (conv == 'p')
        sp->prec = 16;            /* all 16 hex digits of a 64-bit pointer */
    if (sp->prec < 0)
        sp->prec = 1;
    else
        sp->flags &= ~FL_ZERO;    /* an explicit precision turns off the 0 flag (ANSI) */

    unsigned radix = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
    const char *hex = (conv == 'X' || conv == 'p') ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[24];
    int nd = 0;
    for (uint64_t v = num; v; v /= radix)
        digits[sizeof digits - 1 - nd++] = hex[v % radix];

    BODY b = { 0 };
    int zeros = sp->prec > nd ? sp->prec - nd : 0;
    if (conv == 'o' && (sp->flags & FL_ALT) && zeros == 0 && (nd == 0 || digits[sizeof digits - nd] != '0'))
        zeros = 1;                /* "#o" forces a leading 0 */
    body_add(&b, NULL, zeros, '0');
    body_add(&b, digits + sizeof digits - nd, nd, 0);

    char prefix[4] = "";
    if (is_signed)
        strcpy(prefix, neg ? "-" : (sp->flags & FL_SIGN) ? "+" : (sp->flags & FL_SPACE) ? " " : "");
    /* "0x" for %#x/%#X of a non-zero value; msvcrt also gives %#p a "0X" */
    if ((sp->flags & FL_ALT) && num != 0 && (conv == 'x' || conv == 'X' || (conv == 'p' && f->ms)))
        strcpy(prefix, conv == 'x' ? "0x" : "0X");
    emit(f, sp, prefix, &b);
    return 1;
}

static int conv_count(FMT *f, SPEC *sp)
{
    void *p = arg_ptr(f);
    if (f->ms) {
        /* msvcrt.dll: always enabled; short with h, otherwise a 32-bit int */
        if (sp->ms & MS_SHORT)
            *(int16_t *)p = (int16_t)f->count;
        else
            *(int32_t *)p = f->count;
        return 1;
    }
    if (!(f->opt & CRT_PRINTF_COUNT_OUTPUT))
        return fail_invalid(f);   /* ucrt: disabled unless _set_printf_count_output(1) */
    switch (int_bits(f, sp)) {
    case 8:  *(int8_t *)p = (int8_t)f->count; break;
    case 16: *(int16_t *)p = (int16_t)f->count; break;
    case 32: *(int32_t *)p = f->count; break;
    case 64: *(int64_t *)p = f->count; break;
    default: return fail_invalid(f);
    }
    return 1;
}

static int conv_char(FMT *f, SPEC *sp, unsigned conv)
{
    int wide = is_wide_arg(f, sp, conv);
    uint64_t raw = arg_u64(f);
    char mb[8];
    WCHAR wc;
    BODY b = { 0 };
    if (f->na) {
        if (wide) {
            int k = cp_wctomb(f, (WCHAR)raw, mb);
            if (k < 0)
                return 1;           /* unconvertible: the field is silently dropped, padding too */
            b.ns = mb;
            b.len = b.ns_bytes = k;
        } else {
            mb[0] = (char)raw;
            b.ns = mb;
            b.len = b.ns_bytes = 1;
        }
    } else {
        if (wide) {
            wc = (WCHAR)raw;
        } else {
            mb[0] = (char)raw;
            if (cp_mbtowc(f, mb, 1, &wc) < 0)
                return 1;
        }
        b.ws = &wc;
        b.len = 1;
    }
    emit(f, sp, "", &b);
    return 1;
}

/* Length in characters of a narrow string argument, and its byte length. */
static int narrow_len(const FMT *f, const char *s, int max, int *bytes)
{
    int n = 0, off = 0;
    while (n < max && s[off]) {
        if (f->na) {
            off++;
        } else {
            WCHAR wc;
            int k = cp_mbtowc(f, s + off, s[off + 1] ? 2 : 1, &wc);
            off += k > 0 ? k : 1;   /* a lead byte takes its trail byte with it */
        }
        n++;
    }
    *bytes = off;
    return n;
}

static int conv_string(FMT *f, SPEC *sp, unsigned conv)
{
    const void *p = arg_ptr(f);
    int max = sp->prec < 0 ? INT_MAX : sp->prec;
    BODY b = { 0 };
    if (is_wide_arg(f, sp, conv)) {
        b.ws = p ? p : wnull;
        while (b.len < max && b.ws[b.len])
            b.len++;
    } else {
        b.ns = p ? p : "(null)";
        b.len = narrow_len(f, b.ns, max, &b.ns_bytes);
    }
    emit(f, sp, "", &b);
    return 1;
}

/* %Z: an ANSI_STRING or UNICODE_STRING (Length in bytes), "(null)" for a NULL pointer or buffer. */
static int conv_counted(FMT *f, SPEC *sp)
{
    const STRING *s = arg_ptr(f);
    BODY b = { 0 };
    if (!s || !s->Buffer) {
        b.ns = "(null)";
        b.len = b.ns_bytes = 6;
    } else if (is_wide_arg(f, sp, 'Z')) {
        b.ws = (const WCHAR *)(const void *)s->Buffer;
        b.len = s->Length / 2;
    } else {
        b.ns = s->Buffer;
        b.len = b.ns_bytes = s->Length;
        if (f->wi)
            b.len = narrow_len(f, b.ns, s->Length, &b.ns_bytes);
    }
    emit(f, sp, "", &b);
    return 1;
}

/* ---- floating point ----------------------------------------------------------------------------- */

typedef struct FLOATCTX {
    CRTP_DECIMAL  x;
    CRTP_ROUNDING mode;
    int           upper;
    int           exp_digits;   /* minimum exponent digits */
    char          expbuf[8];
} FLOATCTX;

static void body_exponent(BODY *b, FLOATCTX *c, char letter, int e, int min_digits)
{
    char *p = c->expbuf;
    *p++ = letter;
    *p++ = e < 0 ? '-' : '+';
    unsigned u = e < 0 ? (unsigned)-e : (unsigned)e;
    char tmp[8];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n < min_digits)
        tmp[n++] = '0';
    while (n)
        *p++ = tmp[--n];
    body_add(b, c->expbuf, (int)(p - c->expbuf), 0);
}

/* [-]ddd.ddd: precision digits after the point, from the rounded decimal. */
static void body_fixed(BODY *b, FLOATCTX *c, int prec, int alt)
{
    CRTP_DECIMAL *x = &c->x;
    CrtpRoundDecimal(x, x->exp10 + prec, c->mode);
    if (x->n > 0 && x->exp10 > 0) {
        int k = x->n < x->exp10 ? x->n : x->exp10;
        body_add(b, x->d, k, 0);
        body_add(b, NULL, x->exp10 - k, '0');
    } else {
        body_add(b, "0", 1, 0);
    }
    if (prec > 0 || alt)
        body_add(b, ".", 1, 0);
    int lead = x->n > 0 && x->exp10 < 0 ? -x->exp10 : 0;
    if (lead > prec)
        lead = prec;
    body_add(b, NULL, lead, '0');
    int i0 = x->exp10 > 0 ? x->exp10 : 0, k = 0;
    if (x->n > i0) {
        k = x->n - i0;
        if (k > prec - lead)
            k = prec - lead;
        body_add(b, x->d + i0, k, 0);
    }
    body_add(b, NULL, prec - lead - k, '0');
}

/* d.ddde+XX */
static void body_exp(BODY *b, FLOATCTX *c, int prec, int alt)
{
    CRTP_DECIMAL *x = &c->x;
    CrtpRoundDecimal(x, prec + 1, c->mode);
    body_add(b, x->n ? x->d : "0", 1, 0);
    if (prec > 0 || alt)
        body_add(b, ".", 1, 0);
    int k = x->n > 1 ? x->n - 1 : 0;
    if (k > prec)
        k = prec;
    body_add(b, x->d + 1, k, 0);
    body_add(b, NULL, prec - k, '0');
    body_exponent(b, c, c->upper ? 'E' : 'e', x->n ? x->exp10 - 1 : 0, c->exp_digits);
}

/* %g: P significant digits; exponent style when X < -4 or X >= P; trailing zeros cropped unless '#'. */
static void body_general(BODY *b, FLOATCTX *c, int prec, int alt)
{
    CRTP_DECIMAL *x = &c->x;
    CrtpRoundDecimal(x, prec, c->mode);
    int X = x->n ? x->exp10 - 1 : 0;
    if (X < -4 || X >= prec) {
        int p = prec - 1;
        if (!alt)
            p = x->n > 1 ? x->n - 1 : 0;
        body_exp(b, c, p, alt);
    } else {
        int p = prec - 1 - X;
        if (!alt)
            p = x->n - x->exp10 > 0 ? x->n - x->exp10 : 0;
        body_fixed(b, c, p, alt);
    }
}

/* %a: 0x1.hhhhp+d (the "0x" goes in the prefix so that zero padding follows it). */
static void body_hex(BODY *b, FLOATCTX *c, double v, int prec, int alt)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint64_t mant = bits & ((1ULL << 52) - 1);
    int ef = (int)((bits >> 52) & 0x7ff);
    int e = ef ? ef - 1023 : (mant ? -1022 : 0);
    uint64_t full = ((uint64_t)(ef != 0) << 52) | mant;
    int shown = prec < 13 ? prec : 13;
    if (shown < 13) {
        int shift = (13 - shown) * 4;
        uint64_t rem = full & ((1ULL << shift) - 1), half = 1ULL << (shift - 1);
        full >>= shift;
        if (rem >= half)
            full++;               /* round half up on the hexits */
    }
    const char *hx = c->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = c->x.d;             /* reuse the digit buffer as scratch */
    *p++ = hx[(full >> (shown * 4)) & 0xf];
    if (shown > 0 || alt)
        *p++ = '.';
    for (int i = shown - 1; i >= 0; i--)
        *p++ = hx[(full >> (i * 4)) & 0xf];
    body_add(b, c->x.d, (int)(p - c->x.d), 0);
    body_add(b, NULL, prec - shown, '0');
    body_exponent(b, c, c->upper ? 'P' : 'p', e, 1);
}

/* msvcrt's mantissa strings for specials; its printf rounds them like digits ("%.2f" of inf is "1.#J"). */
static const char *legacy_special(uint64_t bits)
{
    uint64_t mant = bits & ((1ULL << 52) - 1);
    if (mant == 0)
        return "1#INF";
    if (bits == 0xFFF8000000000000ULL)
        return "1#IND";          /* the x86 default NaN */
    return (mant & (1ULL << 51)) ? "1#QNAN" : "1#SNAN";
}

/* ucrt's C99 spellings: inf, nan, nan(snan), nan(ind) (upper case for %E/%F/%G/%A). */
static const char *standard_special(uint64_t bits, int upper)
{
    uint64_t mant = bits & ((1ULL << 52) - 1);
    if (mant == 0)
        return upper ? "INF" : "inf";
    if (bits == 0xFFF8000000000000ULL)
        return upper ? "NAN(IND)" : "nan(ind)";
    if (mant & (1ULL << 51))
        return upper ? "NAN" : "nan";
    return upper ? "NAN(SNAN)" : "nan(snan)";
}

static int conv_float(FMT *f, SPEC *sp, unsigned conv)
{
    double v = __builtin_va_arg(f->ap, double);
    unsigned lc = conv | 0x20;
    FLOATCTX c;
    c.upper = conv != lc;
    c.exp_digits = ((f->ms && !(f->opt & CRT_PRINTF_TWO_DIGIT_EXPONENT)) ||
                    (f->opt & CRT_PRINTF_LEGACY_THREE_DIGIT_EXPONENTS)) ? 3 : 2;
    if (sp->prec < 0)
        sp->prec = lc == 'a' && !f->ms ? 13 : 6;   /* legacy CRT: 6 for every float conversion */
    else if (sp->prec == 0 && lc == 'g')
        sp->prec = 1;
    if (sp->prec > (1 << 30))
        sp->prec = 1 << 30;       /* beyond any exact digit; keeps the length arithmetic in int */

    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int neg = (int)(bits >> 63), finite = ((bits >> 52) & 0x7ff) != 0x7ff;
    char prefix[4];
    strcpy(prefix, neg ? "-" : (sp->flags & FL_SIGN) ? "+" : (sp->flags & FL_SPACE) ? " " : "");
    BODY b = { 0 };
    int legacy = f->ms || (f->opt & CRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY);

    if (!finite && !legacy) {
        sp->flags &= ~FL_ZERO;    /* ucrt pads inf/nan with spaces */
        const char *s = standard_special(bits, c.upper);
        body_add(&b, s, (int)strlen(s), 0);
        emit(f, sp, prefix, &b);
        return 1;
    }
    if (!finite) {
        const char *s = legacy_special(bits);
        c.x.n = (int)strlen(s);
        memcpy(c.x.d, s, (size_t)c.x.n);
        c.x.exp10 = 1;
        c.mode = CRTP_ROUND_CHAR_UP;
        if (lc == 'a')
            lc = 'e';
    } else if (lc == 'a') {
        strcat(prefix, c.upper ? "0X" : "0x");
        body_hex(&b, &c, v, sp->prec, sp->flags & FL_ALT);
        emit(f, sp, prefix, &b);
        return 1;
    } else {
        CrtpDoubleToDecimal(v, &c.x);
        if (f->ms) {
            /* msvcrt converts to 17 significant digits first; more precision prints zeros */
            CrtpRoundDecimal(&c.x, 17, CRTP_ROUND_HALF_UP);
            c.mode = CRTP_ROUND_CHAR_UP;
        } else {
            c.mode = (f->opt & CRT_PRINTF_STANDARD_ROUNDING) ? CRTP_ROUND_HALF_EVEN : CRTP_ROUND_HALF_UP;
        }
    }
    if (lc == 'f')
        body_fixed(&b, &c, sp->prec, sp->flags & FL_ALT);
    else if (lc == 'e')
        body_exp(&b, &c, sp->prec, sp->flags & FL_ALT);
    else
        body_general(&b, &c, sp->prec, sp->flags & FL_ALT);
    emit(f, sp, prefix, &b);
    return 1;
}

static int convert(FMT *f, SPEC *sp, unsigned conv)
{
    switch (conv) {
    case 'c': case 'C': return conv_char(f, sp, conv);
    case 's': case 'S': return conv_string(f, sp, conv);
    case 'Z':           return conv_counted(f, sp);
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
        return conv_int(f, sp, conv);
    case 'n':           return conv_count(f, sp);
    default:            return conv_float(f, sp, conv);  /* aAeEfFgG */
    }
}

/* ---- the state machine -------------------------------------------------------------------------- */

enum { ST_PERCENT, ST_FLAG, ST_WIDTH, ST_DOT, ST_PREC, ST_SIZE, ST_NORMAL, ST_TYPE };
enum { CL_OTHER, CL_PERCENT, CL_DOT, CL_STAR, CL_ZERO, CL_DIGIT, CL_FLAG, CL_SIZE, CL_TYPE };

/* next state by [class][state], states percent..size (the CRTs' transition table) */
static const unsigned char next_state[9][6] = {
    [CL_OTHER]   = { ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL },
    [CL_PERCENT] = { ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL },
    [CL_DOT]     = { ST_DOT, ST_DOT, ST_DOT, ST_NORMAL, ST_NORMAL, ST_NORMAL },
    [CL_STAR]    = { ST_WIDTH, ST_WIDTH, ST_NORMAL, ST_PREC, ST_NORMAL, ST_NORMAL },
    [CL_ZERO]    = { ST_FLAG, ST_FLAG, ST_WIDTH, ST_PREC, ST_PREC, ST_NORMAL },
    [CL_DIGIT]   = { ST_WIDTH, ST_WIDTH, ST_WIDTH, ST_PREC, ST_PREC, ST_NORMAL },
    [CL_FLAG]    = { ST_FLAG, ST_FLAG, ST_NORMAL, ST_NORMAL, ST_NORMAL, ST_NORMAL },
    [CL_SIZE]    = { ST_SIZE, ST_SIZE, ST_SIZE, ST_SIZE, ST_SIZE, ST_SIZE },
    [CL_TYPE]    = { ST_TYPE, ST_TYPE, ST_TYPE, ST_TYPE, ST_TYPE, ST_TYPE },
};

static int classify(const FMT *f, unsigned c)
{
    if (c == ' ' || c == '#' || c == '+' || c == '-')
        return CL_FLAG;
    if (c == '%') return CL_PERCENT;
    if (c == '.') return CL_DOT;
    if (c == '*') return CL_STAR;
    if (c == '0') return CL_ZERO;
    if (c >= '1' && c <= '9') return CL_DIGIT;
    if (c >= 0x80 || c == 0)
        return CL_OTHER;
    /* msvcrt.dll predates C99's j, t and z (and ucrt's T): there they print literally */
    if (strchr(f->ms ? "FILNhlw" : "FILNThjltwz", (int)c))
        return CL_SIZE;
    if (strchr("ACEGSXZacdefginopsux", (int)c))
        return CL_TYPE;
    return CL_OTHER;
}

static unsigned fch(const FMT *f, size_t i)
{
    return f->fa ? (unsigned char)f->fa[i] : f->fw[i];
}

/* The digits of a width or precision. msvcrt accumulates digit by digit; ucrt parses the whole number
 * at the first digit (so "%*5d" takes 5) and fails on overflow. */
static int number_state(FMT *f, unsigned c, int *value)
{
    if (f->ms) {
        *value = (int)((unsigned)*value * 10u + (c - '0'));
        return 1;
    }
    long long v = 0;
    size_t i = f->pos - 1;
    for (unsigned d; (d = fch(f, i)) >= '0' && d <= '9'; i++) {
        v = v * 10 + (d - '0');
        if (v > INT_MAX)
            return 0;
    }
    f->pos = i;
    *value = (int)v;
    return 1;
}

/* Size prefixes. Returns 1 to continue, 0 on an invalid prefix (ucrt), 2 for msvcrt's "%I" followed by
 * anything else, which ends the specification and prints the 'I'. */
static int size_state_ms(FMT *f, SPEC *sp, unsigned c)
{
    unsigned n1 = fch(f, f->pos), n2 = n1 ? fch(f, f->pos + 1) : 0;
    switch (c) {
    case 'h': sp->ms |= MS_SHORT; break;
    case 'w': sp->ms |= MS_WIDE; break;
    case 'l':
        if (n1 == 'l') {
            f->pos++;
            sp->ms |= MS_LONGLONG;
        } else {
            sp->ms |= MS_LONG;
        }
        break;
    case 'I':
        sp->ms |= MS_I64;         /* pointer-sized on Win64 */
        if (n1 == '6' && n2 == '4')
            f->pos += 2;
        else if (n1 == '3' && n2 == '2') {
            f->pos += 2;
            sp->ms &= ~MS_I64;
        } else if (!n1 || !strchr("diouxX", (int)n1))
            return 2;
        break;
    default:                      /* F, N (near/far pointers) and L: accepted and ignored */
        break;
    }
    return 1;
}

static int size_state_ucrt(FMT *f, SPEC *sp, unsigned c)
{
    unsigned n1 = fch(f, f->pos), n2 = n1 ? fch(f, f->pos + 1) : 0;
    int compat = (f->opt & CRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY) != 0;
    if (c == 'F')
        return compat ? 1 : 3;    /* 3: it is the %F conversion */
    if (c == 'N')
        return compat ? 1 : fail_invalid(f);
    if (sp->len != L_NONE)
        return fail_invalid(f);   /* ucrt accepts one size prefix per specification */
    switch (c) {
    case 'h': sp->len = n1 == 'h' ? (f->pos++, L_HH) : L_H; break;
    case 'l': sp->len = n1 == 'l' ? (f->pos++, L_LL) : L_L; break;
    case 'L': sp->len = L_BIGL; break;
    case 'j': sp->len = L_J; break;
    case 'z': sp->len = L_Z; break;
    case 't': sp->len = L_T; break;
    case 'w': sp->len = L_W; break;
    case 'T': sp->len = L_TCHAR; break;
    case 'I':
        if (n1 == '3' && n2 == '2') {
            f->pos += 2;
            sp->len = L_I32;
        } else if (n1 == '6' && n2 == '4') {
            f->pos += 2;
            sp->len = L_I64;
        } else if (n1 && strchr("diouxX", (int)n1)) {
            sp->len = L_I;
        }
        break;
    }
    return 1;
}

static void flag_state(SPEC *sp, unsigned c)
{
    switch (c) {
    case '-': sp->flags |= FL_LEFT; break;
    case '+': sp->flags |= FL_SIGN; break;
    case ' ': sp->flags |= FL_SPACE; break;
    case '#': sp->flags |= FL_ALT; break;
    case '0': sp->flags |= FL_ZERO; break;
    }
}

static void out_fmt_char(FMT *f, unsigned c)
{
    if (f->na) {
        char ch = (char)c;
        out_units_a(f, &ch, 1);
    } else {
        WCHAR wc = (WCHAR)c;
        out_units_w(f, &wc, 1);
    }
}

/* One specification, after its '%'. Returns 0 when the whole call fails. */
static int do_spec(FMT *f)
{
    SPEC sp = { 0, 0, -1, L_NONE, 0 };
    int state = ST_PERCENT;
    for (;;) {
        unsigned c = fch(f, f->pos);
        if (c == 0)
            return 1;             /* format ends inside a specification: nothing printed */
        f->pos++;
        int next = next_state[classify(f, c)][state];
        if (next == ST_NORMAL) {
            out_fmt_char(f, c);
            return 1;
        }
        if (next == ST_TYPE)
            return convert(f, &sp, c);
        state = next;
        int r = 1;
        switch (state) {
        case ST_FLAG:
            flag_state(&sp, c);
            break;
        case ST_WIDTH:
            if (c == '*') {
                sp.width = arg_int(f);
                if (sp.width < 0) {           /* negative width: left-justify */
                    sp.flags |= FL_LEFT;
                    sp.width = (int)(0u - (unsigned)sp.width);
                }
            } else {
                r = number_state(f, c, &sp.width);
            }
            break;
        case ST_DOT:
            sp.prec = 0;
            break;
        case ST_PREC:
            if (c == '*') {
                sp.prec = arg_int(f);
                if (sp.prec < 0)
                    sp.prec = -1;            /* negative precision: as if omitted */
            } else {
                r = number_state(f, c, &sp.prec);
            }
            break;
        case ST_SIZE:
            r = f->ms ? size_state_ms(f, &sp, c) : size_state_ucrt(f, &sp, c);
            if (r == 2) {
                out_fmt_char(f, c);
                return 1;
            }
            if (r == 3)
                return convert(f, &sp, c);
            break;
        }
        if (!r)
            return 0;
    }
}

static int run(FMT *f)
{
    if (!f->fa && !f->fw) {
        f->invalid = 1;
        return -1;
    }
    for (;;) {
        unsigned c = fch(f, f->pos);
        if (c == 0 || f->count < 0)
            break;
        f->pos++;
        if (c != '%')
            out_fmt_char(f, c);
        else if (!do_spec(f))
            return -1;
    }
    return f->count;
}

static void init(FMT *f, uint64_t options, const CRT_CODEPAGE *cp, __builtin_ms_va_list ap)
{
    memset(f, 0, sizeof *f);
    f->opt = options;
    f->cp = cp;
    f->ap = ap;
    f->ms = (options & CRT_PRINTF_MSVCRT) != 0;
}

int CrtFormatA(const CRT_SINK *sink, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
               __builtin_ms_va_list ap, int *invalid)
{
    FMT f;
    init(&f, options, cp, ap);
    f.na = sink;
    f.fa = format;
    int r = run(&f);
    if (invalid)
        *invalid = f.invalid;
    return r;
}

int CrtFormatW(const CRT_WSINK *sink, uint64_t options, const CRT_CODEPAGE *cp, const WCHAR *format,
               __builtin_ms_va_list ap, int *invalid)
{
    FMT f;
    init(&f, options, cp, ap);
    f.wi = sink;
    f.fw = format;
    int r = run(&f);
    if (invalid)
        *invalid = f.invalid;
    return r;
}

/* ---- buffers ------------------------------------------------------------------------------------ */

typedef struct BUFCTX {
    void  *buf;
    size_t count, used, unit;
    int    continue_count;    /* keep counting once full (C99 snprintf, and count-only calls) */
} BUFCTX;

static int buf_write(BUFCTX *b, const void *s, size_t n)
{
    size_t space = b->count - b->used, k = n < space ? n : space;
    if (b->buf && k)
        memcpy((char *)b->buf + b->used * b->unit, s, k * b->unit);
    b->used += k;
    return k < n && !b->continue_count;
}

static int buf_write_a(void *ctx, const char *s, size_t n)
{
    return buf_write(ctx, s, n);
}

static int buf_write_w(void *ctx, const WCHAR *s, size_t n)
{
    return buf_write(ctx, s, n);
}

static void buf_put0(BUFCTX *b, size_t at)
{
    if (b->unit == 1)
        ((char *)b->buf)[at] = 0;
    else
        ((WCHAR *)b->buf)[at] = 0;
}

/* ucrt's common_vsprintf termination rules (see format.h). */
static int buf_finish(BUFCTX *b, uint64_t options, int result)
{
    if (!b->buf)
        return result;
    if (options & CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION) {
        if (b->count == 0 && result != 0)
            return -1;
        if (b->used != b->count)
            buf_put0(b, b->used);
        else if (result >= 0 && (size_t)result > b->count)
            return -1;
    } else if (options & CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR) {
        if (b->count == 0)
            return result;
        if (result < 0)
            buf_put0(b, 0);
        else
            buf_put0(b, b->used == b->count ? b->count - 1 : b->used);
    } else {
        if (b->count == 0)
            return -1;
        if (b->used == b->count) {
            buf_put0(b, b->count - 1);
            return -2;
        }
        buf_put0(b, b->used);
    }
    return result;
}

static int buffer_common(void *buffer, size_t count, size_t unit, uint64_t options, const CRT_CODEPAGE *cp,
                         const void *format, __builtin_ms_va_list ap, int *invalid)
{
    if (invalid)
        *invalid = 0;
    if (!format || (count && !buffer)) {
        if (invalid)
            *invalid = 1;
        return -1;
    }
    BUFCTX b = { buffer, buffer ? count : 0, 0, unit, 0 };
    b.continue_count = (options & CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR) || !buffer;
    int r;
    if (unit == 1) {
        CRT_SINK s = { buf_write_a, &b };
        r = CrtFormatA(&s, options, cp, format, ap, invalid);
    } else {
        CRT_WSINK s = { buf_write_w, &b };
        r = CrtFormatW(&s, options, cp, format, ap, invalid);
    }
    return buf_finish(&b, options, r);
}

int CrtFormatBufferA(char *buffer, size_t count, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
                     __builtin_ms_va_list ap, int *invalid)
{
    return buffer_common(buffer, count, 1, options, cp, format, ap, invalid);
}

int CrtFormatBufferW(WCHAR *buffer, size_t count, uint64_t options, const CRT_CODEPAGE *cp,
                     const WCHAR *format, __builtin_ms_va_list ap, int *invalid)
{
    return buffer_common(buffer, count, 2, options, cp, format, ap, invalid);
}
