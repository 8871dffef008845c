/*
 * Number parsing (see strtonum.h). Strings of either width are read through STR; floating-point values go
 * through the exact converter in crtnum.c.
 */
#include <string.h>

#include "crt/strtonum.h"
#include "rtl/crtnum.h"

typedef struct STR {
    const char  *a;
    const WCHAR *w;
} STR;

static unsigned ch(const STR *s, size_t i)
{
    return s->a ? (unsigned char)s->a[i] : s->w[i];
}

int CrtIsSpace(unsigned c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0d);
}

static unsigned digit_value(unsigned c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

static unsigned lower(unsigned c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* ---- integers ------------------------------------------------------------------------------------ */

/* Returns the index where the scan stopped (0 when nothing was converted). */
static size_t parse_int(const STR *s, int base, CRT_INT_KIND kind, uint64_t *out, int *err)
{
    int wide64 = kind == CRT_INT_I64 || kind == CRT_INT_UI64;
    int is_unsigned = kind == CRT_INT_ULONG || kind == CRT_INT_UI64;
    uint64_t limit = wide64 ? UINT64_MAX : UINT32_MAX;
    size_t i = 0;
    *out = 0;
    *err = 0;
    if (base != 0 && (base < 2 || base > 36)) {
        *err = CRT_EINVAL;
        return 0;
    }
    while (CrtIsSpace(ch(s, i)))
        i++;
    int neg = ch(s, i) == '-';
    if (ch(s, i) == '-' || ch(s, i) == '+')
        i++;
    if (base == 0)
        base = ch(s, i) != '0' ? 10 : lower(ch(s, i + 1)) == 'x' ? 16 : 8;
    if (base == 16 && ch(s, i) == '0' && lower(ch(s, i + 1)) == 'x')
        i += 2;
    uint64_t num = 0;
    int any = 0, overflow = 0;
    for (unsigned d; (d = digit_value(ch(s, i))) < (unsigned)base; i++) {
        any = 1;
        if (num > (limit - d) / (unsigned)base)
            overflow = 1;
        else
            num = num * (unsigned)base + d;
    }
    if (!any)
        return 0;                 /* no digits: 0, and the end pointer goes back to the start */
    uint64_t smax = wide64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
    if (!overflow && !is_unsigned && num > smax + (uint64_t)neg)
        overflow = 1;
    if (overflow) {
        *err = CRT_ERANGE;
        num = is_unsigned ? limit : smax + (uint64_t)neg;
    }
    if (neg)
        num = (0 - num) & limit;  /* the CRT negates after clamping: strtoul("-4294967296") is 1 */
    if (!is_unsigned && !wide64)
        num = (uint64_t)(int64_t)(int32_t)(uint32_t)num;
    *out = num;
    return i;
}

uint64_t CrtStrToIntA(const char *s, const char **end, int base, CRT_INT_KIND kind, int *err)
{
    STR str = { s, NULL };
    uint64_t v;
    size_t n = parse_int(&str, base, kind, &v, err);
    if (end)
        *end = s + n;
    return v;
}

uint64_t CrtStrToIntW(const WCHAR *s, const WCHAR **end, int base, CRT_INT_KIND kind, int *err)
{
    STR str = { NULL, s };
    uint64_t v;
    size_t n = parse_int(&str, base, kind, &v, err);
    if (end)
        *end = s + n;
    return v;
}

/* msvcrt's atoi/atol: the legacy atox loop, no overflow check. */
static int64_t atoi_wrapping(const STR *s, int bits)
{
    size_t i = 0;
    while (CrtIsSpace(ch(s, i)))
        i++;
    int neg = ch(s, i) == '-';
    if (ch(s, i) == '-' || ch(s, i) == '+')
        i++;
    uint64_t total = 0;
    for (; ch(s, i) >= '0' && ch(s, i) <= '9'; i++)
        total = total * 10 + (ch(s, i) - '0');
    if (neg)
        total = 0 - total;
    return bits == 32 ? (int64_t)(int32_t)(uint32_t)total : (int64_t)total;
}

static int64_t atoi_common(const STR *s, int bits, CRT_FLAVOR flavor, int *err)
{
    *err = 0;
    if (flavor == CRT_FLAVOR_MSVCRT && bits == 32)
        return atoi_wrapping(s, bits);
    uint64_t v;
    parse_int(s, 10, bits == 32 ? CRT_INT_LONG : CRT_INT_I64, &v, err);
    if (flavor == CRT_FLAVOR_MSVCRT)
        *err = 0;                 /* msvcrt's _atoi64 clamps quietly */
    return (int64_t)v;
}

int64_t CrtAtoiA(const char *s, int bits, CRT_FLAVOR flavor, int *err)
{
    STR str = { s, NULL };
    return atoi_common(&str, bits, flavor, err);
}

int64_t CrtAtoiW(const WCHAR *s, int bits, CRT_FLAVOR flavor, int *err)
{
    STR str = { NULL, s };
    return atoi_common(&str, bits, flavor, err);
}

/* ---- floating point ------------------------------------------------------------------------------ */

typedef struct FPPARSE {
    char     digits[CRTP_MAX_DIGITS + 1];
    int      n;           /* significant digits kept */
    int      sticky;      /* non-zero digits dropped after them */
    int      e10;         /* value = digits x 10^e10 */
    int      neg;
    uint64_t bits;        /* result pattern (positive), set by the special forms */
    int      special;     /* 1: inf/nan parsed into bits */
} FPPARSE;

/* Case-insensitive match of an ASCII word at i. */
static int match_word(const STR *s, size_t i, const char *word)
{
    for (size_t k = 0; word[k]; k++)
        if (lower(ch(s, i + k)) != (unsigned char)word[k])
            return 0;
    return 1;
}

/* ucrt: inf, infinity, nan, nan(snan), nan(ind), nan(chars). Returns the end index or 0. */
static size_t parse_special(const STR *s, size_t i, FPPARSE *p)
{
    p->special = 1;
    if (match_word(s, i, "inf")) {
        p->bits = 0x7ff0000000000000ULL;
        return i + (match_word(s, i + 3, "inity") ? 8 : 3);
    }
    if (!match_word(s, i, "nan"))
        return 0;
    p->bits = 0x7ff8000000000000ULL;
    i += 3;
    if (ch(s, i) != '(')
        return i;
    if (match_word(s, i + 1, "snan)")) {
        p->bits = 0x7ff4000000000000ULL;
        return i + 6;
    }
    if (match_word(s, i + 1, "ind)")) {
        p->bits = 0xfff8000000000000ULL;
        p->neg = 0;               /* the indeterminate NaN carries its own sign */
        return i + 5;
    }
    size_t k = i + 1;
    for (unsigned c; (c = ch(s, k)) != ')'; k++)
        if (!(digit_value(c) < 36 || c == '_'))
            return i;             /* not a valid n-char-sequence: "nan" alone */
    return k + 1;
}

static void add_digit(FPPARSE *p, unsigned d, int integral)
{
    if (p->n == 0 && d == 0) {
        if (!integral)
            p->e10--;             /* leading zeros after the point only scale */
        return;
    }
    if (p->n < CRTP_MAX_DIGITS) {
        p->digits[p->n++] = (char)('0' + d);
        if (!integral)
            p->e10--;
    } else {
        p->sticky |= d != 0;
        if (integral)
            p->e10++;
    }
}

/* Optional exponent at i ("e"/"p" already checked by the caller); returns the new end. */
static size_t parse_exponent(const STR *s, size_t i, long *exp)
{
    size_t k = i + 1;
    int eneg = ch(s, k) == '-';
    if (ch(s, k) == '-' || ch(s, k) == '+')
        k++;
    if (!(ch(s, k) >= '0' && ch(s, k) <= '9'))
        return i;                 /* "1e" or "1e+": the exponent is not part of the number */
    long e = 0;
    for (; ch(s, k) >= '0' && ch(s, k) <= '9'; k++)
        if (e < 100000)
            e = e * 10 + (long)(ch(s, k) - '0');
    *exp = eneg ? -e : e;
    return k;
}

static size_t parse_decimal(const STR *s, size_t i, FPPARSE *p)
{
    int any = 0;
    for (; ch(s, i) >= '0' && ch(s, i) <= '9'; i++, any = 1)
        add_digit(p, ch(s, i) - '0', 1);
    if (ch(s, i) == '.') {
        size_t k = i + 1;
        for (; ch(s, k) >= '0' && ch(s, k) <= '9'; k++, any = 1)
            add_digit(p, ch(s, k) - '0', 0);
        if (any)
            i = k;
    }
    if (!any)
        return 0;
    if (lower(ch(s, i)) == 'e') {
        long e = 0;
        i = parse_exponent(s, i, &e);
        p->e10 += (int)e;
    }
    return i;
}

/* ucrt hexadecimal form: the mantissa into 64 bits (+ sticky), a binary exponent. */
static size_t parse_hex(const STR *s, size_t i, FPPARSE *p, int mant_bits, int *range)
{
    uint64_t q = 0;
    int e2 = 0, any = 0, sticky = 0, point = 0;
    for (;; i++) {
        unsigned c = ch(s, i), d = digit_value(c);
        if (c == '.' && !point) {
            point = 1;
            continue;
        }
        if (d >= 16)
            break;
        any = 1;
        if (q >> 60) {
            sticky |= d != 0;
            e2 += point ? 0 : 4;
        } else {
            q = q << 4 | d;
            e2 -= point ? 4 : 0;
        }
    }
    if (!any)
        return 0;
    if (lower(ch(s, i)) == 'p') {
        long e = 0;
        i = parse_exponent(s, i, &e);
        e2 += (int)e;
    }
    p->special = 1;
    p->bits = CrtpMakeBinary(q, e2, sticky, mant_bits, range);
    return i;
}

/* Parses the number and produces the IEEE pattern for mant_bits (53 or 24), sign excluded. */
static size_t parse_float(const STR *s, CRT_FLAVOR flavor, int mant_bits, FPPARSE *p, uint64_t *bits, int *err)
{
    size_t i = 0;
    int range = 0;
    p->n = p->sticky = p->e10 = p->special = 0;
    *err = 0;
    *bits = 0;
    while (CrtIsSpace(ch(s, i)))
        i++;
    p->neg = ch(s, i) == '-';
    if (ch(s, i) == '-' || ch(s, i) == '+')
        i++;
    size_t end;
    if (flavor == CRT_FLAVOR_UCRT && (lower(ch(s, i)) == 'i' || lower(ch(s, i)) == 'n')) {
        end = parse_special(s, i, p);
        if (!end)
            return 0;
        /* the float patterns keep the double's sign, quiet bit and top payload bits */
        *bits = mant_bits == 53 ? p->bits
                                : ((p->bits >> 32) & 0x80000000u) | 0x7f800000u | ((p->bits >> 29) & 0x7fffffu);
        return end;
    }
    if (flavor == CRT_FLAVOR_UCRT && ch(s, i) == '0' && lower(ch(s, i + 1)) == 'x') {
        end = parse_hex(s, i + 2, p, mant_bits, &range);
        if (!end)
            return i + 1;         /* "0x" alone: the subject is "0" */
        *bits = p->bits;
    } else {
        end = parse_decimal(s, i, p);
        if (!end)
            return 0;
        *bits = CrtpDecimalToBinary(p->digits, p->n, p->e10, p->sticky, mant_bits, &range);
    }
    int frac_bits = mant_bits - 1;
    int denormal = *bits != 0 && (*bits >> frac_bits) == 0;
    if (range > 0)
        *err = CRT_ERANGE;
    else if (range < 0 && *bits == 0)
        *err = CRT_ERANGE;        /* underflow to zero */
    else if (flavor == CRT_FLAVOR_MSVCRT && denormal)
        *err = CRT_ERANGE;        /* msvcrt: every denormal result is an underflow */
    return end;
}

static double to_double(uint64_t bits, int neg)
{
    bits |= (uint64_t)neg << 63;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static float to_float(uint64_t bits, int neg)
{
    uint32_t b = (uint32_t)bits | ((uint32_t)neg << 31);
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

double CrtStrToDoubleA(const char *s, const char **end, CRT_FLAVOR flavor, int *err)
{
    STR str = { s, NULL };
    FPPARSE p;
    uint64_t bits;
    size_t n = parse_float(&str, flavor, 53, &p, &bits, err);
    if (end)
        *end = s + n;
    return n ? to_double(bits, p.neg) : 0.0;
}

double CrtStrToDoubleW(const WCHAR *s, const WCHAR **end, CRT_FLAVOR flavor, int *err)
{
    STR str = { NULL, s };
    FPPARSE p;
    uint64_t bits;
    size_t n = parse_float(&str, flavor, 53, &p, &bits, err);
    if (end)
        *end = s + n;
    return n ? to_double(bits, p.neg) : 0.0;
}

float CrtStrToFloatA(const char *s, const char **end, CRT_FLAVOR flavor, int *err)
{
    STR str = { s, NULL };
    FPPARSE p;
    uint64_t bits;
    size_t n = parse_float(&str, flavor, 24, &p, &bits, err);
    if (end)
        *end = s + n;
    return n ? to_float(bits, p.neg) : 0.0f;
}

float CrtStrToFloatW(const WCHAR *s, const WCHAR **end, CRT_FLAVOR flavor, int *err)
{
    STR str = { NULL, s };
    FPPARSE p;
    uint64_t bits;
    size_t n = parse_float(&str, flavor, 24, &p, &bits, err);
    if (end)
        *end = s + n;
    return n ? to_float(bits, p.neg) : 0.0f;
}
