/*
 * stdlib.h: number conversions (over crt/strtonum.c), _itoa and friends, qsort/bsearch/_lfind, rand,
 * abs/div, rotations, aligned allocation, path splitting and building (system is in process.c).
 *
 * Number parsing differs between the faces (strtonum.h: atoi's overflow, strtod's accepted forms), so those
 * exports come in an msvcrt and a ucrt version.
 */
#include <string.h>

#include "crt/lib.h"
#include "rtl/format.h"
#include "win32/k32.h"

DWORD WINAPI GetFullPathNameA(LPCSTR path, DWORD size, LPSTR out, LPSTR *file_part);
DWORD WINAPI GetFileAttributesA(LPCSTR name);
BOOL WINAPI QueryPerformanceCounter(PLARGE_INTEGER counter);
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len);
int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR def, BOOL *used);

static void set_err(int e)
{
    if (e)
        crt_set_errno(e);
}

/* ---- integers ---------------------------------------------------------------------------------------------- */

#define STRTOINT(name, type, kind)                                                                        \
    type WINAPI crt_##name(const char *s, char **end, int base)                                           \
    {                                                                                                     \
        int err = 0;                                                                                      \
        type v = (type)CrtStrToIntA(s, (const char **)end, base, kind, &err);                             \
        set_err(err);                                                                                     \
        return v;                                                                                         \
    }                                                                                                     \
    type WINAPI crt_##name##_l(const char *s, char **end, int base, void *l)                              \
    {                                                                                                     \
        (void)l;                                                                                          \
        return crt_##name(s, end, base);                                                                  \
    }
STRTOINT(strtol, LONG, CRT_INT_LONG)
STRTOINT(strtoul, ULONG, CRT_INT_ULONG)
STRTOINT(strtoi64, int64_t, CRT_INT_I64)
STRTOINT(strtoui64, uint64_t, CRT_INT_UI64)

#define WCSTOINT(name, type, kind)                                                                        \
    type WINAPI crt_##name(const WCHAR *s, WCHAR **end, int base)                                         \
    {                                                                                                     \
        int err = 0;                                                                                      \
        type v = (type)CrtStrToIntW(s, (const WCHAR **)end, base, kind, &err);                            \
        set_err(err);                                                                                     \
        return v;                                                                                         \
    }                                                                                                     \
    type WINAPI crt_##name##_l(const WCHAR *s, WCHAR **end, int base, void *l)                            \
    {                                                                                                     \
        (void)l;                                                                                          \
        return crt_##name(s, end, base);                                                                  \
    }
WCSTOINT(wcstol, LONG, CRT_INT_LONG)
WCSTOINT(wcstoul, ULONG, CRT_INT_ULONG)
WCSTOINT(wcstoi64, int64_t, CRT_INT_I64)
WCSTOINT(wcstoui64, uint64_t, CRT_INT_UI64)

/* atoi and friends: msvcrt wraps on overflow, ucrt clamps with ERANGE. */
static int64_t atoi_a(CRT_FLAVOR f, const char *s, int bits)
{
    int err = 0;
    int64_t v = CrtAtoiA(s, bits, f, &err);
    set_err(err);
    return v;
}

static int64_t atoi_w(CRT_FLAVOR f, const WCHAR *s, int bits)
{
    int err = 0;
    int64_t v = CrtAtoiW(s, bits, f, &err);
    set_err(err);
    return v;
}

static int atoi_impl(CRT_FLAVOR f, const char *s) { return (int)atoi_a(f, s, 32); }
CRT_FLAVORS(int, atoi, (const char *s), s)
static LONG atol_impl(CRT_FLAVOR f, const char *s) { return (LONG)atoi_a(f, s, 32); }
CRT_FLAVORS(LONG, atol, (const char *s), s)
static int64_t atoi64_impl(CRT_FLAVOR f, const char *s) { return atoi_a(f, s, 64); }
CRT_FLAVORS(int64_t, atoi64, (const char *s), s)
static int atoi_l_impl(CRT_FLAVOR f, const char *s, void *l) { (void)l; return (int)atoi_a(f, s, 32); }
CRT_FLAVORS(int, atoi_l, (const char *s, void *l), s, l)
static LONG atol_l_impl(CRT_FLAVOR f, const char *s, void *l) { (void)l; return (LONG)atoi_a(f, s, 32); }
CRT_FLAVORS(LONG, atol_l, (const char *s, void *l), s, l)
static int64_t atoi64_l_impl(CRT_FLAVOR f, const char *s, void *l) { (void)l; return atoi_a(f, s, 64); }
CRT_FLAVORS(int64_t, atoi64_l, (const char *s, void *l), s, l)
static int wtoi_impl(CRT_FLAVOR f, const WCHAR *s) { return (int)atoi_w(f, s, 32); }
CRT_FLAVORS(int, wtoi, (const WCHAR *s), s)
static LONG wtol_impl(CRT_FLAVOR f, const WCHAR *s) { return (LONG)atoi_w(f, s, 32); }
CRT_FLAVORS(LONG, wtol, (const WCHAR *s), s)
static int64_t wtoi64_impl(CRT_FLAVOR f, const WCHAR *s) { return atoi_w(f, s, 64); }
CRT_FLAVORS(int64_t, wtoi64, (const WCHAR *s), s)
static int wtoi_l_impl(CRT_FLAVOR f, const WCHAR *s, void *l) { (void)l; return (int)atoi_w(f, s, 32); }
CRT_FLAVORS(int, wtoi_l, (const WCHAR *s, void *l), s, l)
static LONG wtol_l_impl(CRT_FLAVOR f, const WCHAR *s, void *l) { (void)l; return (LONG)atoi_w(f, s, 32); }
CRT_FLAVORS(LONG, wtol_l, (const WCHAR *s, void *l), s, l)
static int64_t wtoi64_l_impl(CRT_FLAVOR f, const WCHAR *s, void *l) { (void)l; return atoi_w(f, s, 64); }
CRT_FLAVORS(int64_t, wtoi64_l, (const WCHAR *s, void *l), s, l)

/* ---- floating point ---------------------------------------------------------------------------------------------- */

static double strtod_impl(CRT_FLAVOR f, const char *s, char **end)
{
    int err = 0;
    double v = CrtStrToDoubleA(s, (const char **)end, f, &err);
    set_err(err);
    return v;
}
CRT_FLAVORS(double, strtod, (const char *s, char **end), s, end)
static double strtod_l_impl(CRT_FLAVOR f, const char *s, char **end, void *l) { (void)l; return strtod_impl(f, s, end); }
CRT_FLAVORS(double, strtod_l, (const char *s, char **end, void *l), s, end, l)
static double atof_impl(CRT_FLAVOR f, const char *s) { return strtod_impl(f, s, NULL); }
CRT_FLAVORS(double, atof, (const char *s), s)
static double atof_l_impl(CRT_FLAVOR f, const char *s, void *l) { (void)l; return strtod_impl(f, s, NULL); }
CRT_FLAVORS(double, atof_l, (const char *s, void *l), s, l)

static float strtof_impl(CRT_FLAVOR f, const char *s, char **end)
{
    int err = 0;
    float v = CrtStrToFloatA(s, (const char **)end, f, &err);
    set_err(err);
    return v;
}
CRT_FLAVORS(float, strtof, (const char *s, char **end), s, end)
static float strtof_l_impl(CRT_FLAVOR f, const char *s, char **end, void *l) { (void)l; return strtof_impl(f, s, end); }
CRT_FLAVORS(float, strtof_l, (const char *s, char **end, void *l), s, end, l)

static double wcstod_impl(CRT_FLAVOR f, const WCHAR *s, WCHAR **end)
{
    int err = 0;
    double v = CrtStrToDoubleW(s, (const WCHAR **)end, f, &err);
    set_err(err);
    return v;
}
CRT_FLAVORS(double, wcstod, (const WCHAR *s, WCHAR **end), s, end)
static double wcstod_l_impl(CRT_FLAVOR f, const WCHAR *s, WCHAR **end, void *l) { (void)l; return wcstod_impl(f, s, end); }
CRT_FLAVORS(double, wcstod_l, (const WCHAR *s, WCHAR **end, void *l), s, end, l)
static double wtof_impl(CRT_FLAVOR f, const WCHAR *s) { return wcstod_impl(f, s, NULL); }
CRT_FLAVORS(double, wtof, (const WCHAR *s), s)
static double wtof_l_impl(CRT_FLAVOR f, const WCHAR *s, void *l) { (void)l; return wcstod_impl(f, s, NULL); }
CRT_FLAVORS(double, wtof_l, (const WCHAR *s, void *l), s, l)

static float wcstof_impl(CRT_FLAVOR f, const WCHAR *s, WCHAR **end)
{
    int err = 0;
    float v = CrtStrToFloatW(s, (const WCHAR **)end, f, &err);
    set_err(err);
    return v;
}
CRT_FLAVORS(float, wcstof, (const WCHAR *s, WCHAR **end), s, end)
static float wcstof_l_impl(CRT_FLAVOR f, const WCHAR *s, WCHAR **end, void *l) { (void)l; return wcstof_impl(f, s, end); }
CRT_FLAVORS(float, wcstof_l, (const WCHAR *s, WCHAR **end, void *l), s, end, l)

/* _atodbl/_atoflt: the value through a structure; 0, _OVERFLOW (3) or _UNDERFLOW (4), errno untouched. */
static int atodbl_impl(CRT_FLAVOR f, double *out, const char *s)
{
    int err = 0;
    *out = CrtStrToDoubleA(s, NULL, f, &err);
    return err != CRT_ERANGE ? 0 : *out == 0 ? 4 : (*out > 1 || *out < -1) ? 3 : 4;
}
CRT_FLAVORS(int, atodbl, (double *out, const char *s), out, s)
static int atodbl_l_impl(CRT_FLAVOR f, double *out, const char *s, void *l) { (void)l; return atodbl_impl(f, out, s); }
CRT_FLAVORS(int, atodbl_l, (double *out, const char *s, void *l), out, s, l)

static int atoflt_impl(CRT_FLAVOR f, float *out, const char *s)
{
    int err = 0;
    *out = CrtStrToFloatA(s, NULL, f, &err);
    return err != CRT_ERANGE ? 0 : *out == 0 ? 4 : (*out > 1 || *out < -1) ? 3 : 4;
}
CRT_FLAVORS(int, atoflt, (float *out, const char *s), out, s)
static int atoflt_l_impl(CRT_FLAVOR f, float *out, const char *s, void *l) { (void)l; return atoflt_impl(f, out, s); }
CRT_FLAVORS(int, atoflt_l, (float *out, const char *s, void *l), out, s, l)

/* ---- integer to text ------------------------------------------------------------------------------------------- */

/* Digits of v in radix into buf (lower-case letters); negative only for radix 10 with is_signed. */
static size_t xtoa(uint64_t v, bool negative, unsigned radix, char *buf)
{
    char tmp[66];
    size_t n = 0, out = 0;
    do {
        unsigned d = (unsigned)(v % radix);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= radix;
    } while (v);
    if (negative)
        buf[out++] = '-';
    while (n)
        buf[out++] = tmp[--n];
    buf[out] = 0;
    return out;
}

/* value's text: signed decimal for is_signed kinds in radix 10, otherwise the bits as unsigned. */
static size_t format_int(int64_t value, uint64_t bits, bool is_signed, unsigned radix, char *out)
{
    bool neg = is_signed && radix == 10 && value < 0;
    return xtoa(neg ? (uint64_t)0 - (uint64_t)value : bits, neg, radix, out);
}

/* The _s forms: the whole text with its NUL must fit, else buffer[0] = 0 and ERANGE. */
static int xtoa_s(CRT_FLAVOR f, int64_t value, uint64_t bits, bool is_signed, char *buf, size_t size, int radix)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    buf[0] = 0;
    if (radix < 2 || radix > 36)
        return crt_invalid(f, CRT_EINVAL);
    char tmp[68];
    size_t n = format_int(value, bits, is_signed, (unsigned)radix, tmp);
    if (n >= size)
        return crt_invalid(f, CRT_ERANGE);
    memcpy(buf, tmp, n + 1);
    return 0;
}

static int xtow_s(CRT_FLAVOR f, int64_t value, uint64_t bits, bool is_signed, WCHAR *buf, size_t size, int radix)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    buf[0] = 0;
    if (radix < 2 || radix > 36)
        return crt_invalid(f, CRT_EINVAL);
    char tmp[68];
    size_t n = format_int(value, bits, is_signed, (unsigned)radix, tmp);
    if (n >= size)
        return crt_invalid(f, CRT_ERANGE);
    for (size_t i = 0; i <= n; i++)
        buf[i] = (unsigned char)tmp[i];
    return 0;
}

/* The plain forms trust the buffer; a bad radix leaves an empty string (ucrt validates it like _itoa_s). */
#define ITOA(name, type, utype, is_signed)                                                                  \
    char *WINAPI crt_##name(type v, char *buf, int radix)                                                   \
    {                                                                                                       \
        xtoa_s(CRT_FLAVOR_MSVCRT, (int64_t)v, (utype)v, is_signed, buf, (size_t)-1 / 2, radix);            \
        return buf;                                                                                         \
    }                                                                                                       \
    WCHAR *WINAPI crt_##name##_w(type v, WCHAR *buf, int radix)                                             \
    {                                                                                                       \
        xtow_s(CRT_FLAVOR_MSVCRT, (int64_t)v, (utype)v, is_signed, buf, (size_t)-1 / 4, radix);            \
        return buf;                                                                                         \
    }                                                                                                       \
    static int name##_s_impl(CRT_FLAVOR f, type v, char *buf, size_t size, int radix)                      \
    {                                                                                                       \
        return xtoa_s(f, (int64_t)v, (utype)v, is_signed, buf, size, radix);                               \
    }                                                                                                       \
    CRT_FLAVORS(int, name##_s, (type v, char *buf, size_t size, int radix), v, buf, size, radix)            \
    static int name##_ws_impl(CRT_FLAVOR f, type v, WCHAR *buf, size_t size, int radix)                    \
    {                                                                                                       \
        return xtow_s(f, (int64_t)v, (utype)v, is_signed, buf, size, radix);                               \
    }                                                                                                       \
    CRT_FLAVORS(int, name##_ws, (type v, WCHAR *buf, size_t size, int radix), v, buf, size, radix)
ITOA(itoa, int, unsigned, true)
ITOA(ltoa, LONG, ULONG, true)
ITOA(ultoa, ULONG, ULONG, false)
ITOA(i64toa, int64_t, uint64_t, true)
ITOA(ui64toa, uint64_t, uint64_t, false)

/* ---- floating point to text: _ecvt, _fcvt, _gcvt ----------------------------------------------------------- */

/* msvcrt's digits (17 significant, then zeros) through the printf engine. */
static int WINAPI format_double(char *buf, size_t size, const char *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int invalid = 0;
    int n = CrtFormatBufferA(buf, size, CRT_PRINTF_MSVCRT | CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, NULL, fmt, ap,
                             &invalid);
    __builtin_ms_va_end(ap);
    return n;
}

/*
 * The digits of v: ndigits significant (ecvt) or ndigits after the point (fcvt), without point or sign,
 * *decpt the position of the point relative to the digits. Infinities and NaNs give msvcrt's "1#INF" forms.
 */
static void cvt_digits(double v, int ndigits, bool fixed, char *out, size_t size, int *decpt, int *sign)
{
    char tmp[400];
    *sign = __builtin_signbit(v) != 0;
    if (v != v || __builtin_isinf(v)) {
        format_double(tmp, sizeof tmp, "%e", v);
        const char *p = tmp + (tmp[0] == '-');
        size_t i = 0;
        for (; *p && *p != 'e' && i + 1 < size; p++)
            if (*p != '.')
                out[i++] = *p;
        out[i] = 0;
        *decpt = 1;
        return;
    }
    if (v == 0) {
        int n = ndigits > 0 ? ndigits : 0;
        if ((size_t)n >= size)
            n = (int)size - 1;
        memset(out, '0', (size_t)n);
        out[n] = 0;
        *decpt = fixed ? 0 : 1;
        return;
    }
    int exp10;
    format_double(tmp, sizeof tmp, "%.16e", v);
    exp10 = atoi_impl(CRT_FLAVOR_MSVCRT, strchr(tmp, 'e') + 1);
    int sig = fixed ? exp10 + 1 + ndigits : ndigits;
    if (sig > 349)
        sig = 349;
    if (sig <= 0) {
        /* rounds to nothing or to one unit of the last place */
        format_double(tmp, sizeof tmp, "%.0e", v);
        int e = atoi_impl(CRT_FLAVOR_MSVCRT, strchr(tmp, 'e') + 1);
        if (sig == 0 && e > exp10) {
            out[0] = '1';
            out[1] = 0;
            *decpt = e + 1;
            return;
        }
        out[0] = 0;
        *decpt = fixed ? -ndigits : exp10 + 1;
        return;
    }
    format_double(tmp, sizeof tmp, "%.*e", sig - 1, v);
    const char *p = tmp + (tmp[0] == '-');
    size_t i = 0;
    for (; *p != 'e'; p++)
        if (*p != '.' && i + 1 < size)
            out[i++] = *p;
    out[i] = 0;
    *decpt = atoi_impl(CRT_FLAVOR_MSVCRT, p + 1) + 1;
}

static _Thread_local char cvt_buffer[352];

char *WINAPI crt_ecvt(double v, int ndigits, int *decpt, int *sign)
{
    if (ndigits > 348)
        ndigits = 348;
    cvt_digits(v, ndigits, false, cvt_buffer, sizeof cvt_buffer, decpt, sign);
    return cvt_buffer;
}

char *WINAPI crt_fcvt(double v, int ndigits, int *decpt, int *sign)
{
    cvt_digits(v, ndigits, true, cvt_buffer, sizeof cvt_buffer, decpt, sign);
    return cvt_buffer;
}

static int ecvt_s_impl(CRT_FLAVOR f, char *buf, size_t size, double v, int ndigits, int *decpt, int *sign)
{
    if (!buf || !size || !decpt || !sign)
        return crt_invalid(f, CRT_EINVAL);
    if (ndigits > 0 && (size_t)ndigits >= size) {
        buf[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    cvt_digits(v, ndigits, false, buf, size, decpt, sign);
    return 0;
}
CRT_FLAVORS(int, ecvt_s, (char *buf, size_t size, double v, int ndigits, int *decpt, int *sign), buf, size, v, ndigits, decpt, sign)

static int fcvt_s_impl(CRT_FLAVOR f, char *buf, size_t size, double v, int ndigits, int *decpt, int *sign)
{
    if (!buf || !size || !decpt || !sign)
        return crt_invalid(f, CRT_EINVAL);
    cvt_digits(v, ndigits, true, buf, size, decpt, sign);
    return 0;
}
CRT_FLAVORS(int, fcvt_s, (char *buf, size_t size, double v, int ndigits, int *decpt, int *sign), buf, size, v, ndigits, decpt, sign)

/* _gcvt: %e or %f by the magnitude, trailing zeros of the fraction removed but the point kept ("100."). */
char *WINAPI crt_gcvt(double v, int ndigits, char *buf)
{
    char digits[352];
    int decpt, sign;
    if (ndigits < 1)
        ndigits = 1;
    cvt_digits(v, ndigits, false, digits, sizeof digits, &decpt, &sign);
    int magnitude = decpt - 1;
    if (v != 0 && (magnitude < -1 || magnitude > ndigits - 1))
        format_double(buf, 400, "%.*e", ndigits - 1, v);
    else
        format_double(buf, 400, "%.*f", v == 0 ? ndigits - 1 : ndigits - decpt, v);
    char *p = strchr(buf, '.');
    if (p) {
        char *e = p + 1;
        while (*e && *e != 'e')
            e++;
        char *stop = e;
        while (e[-1] == '0')
            e--;
        memmove(e, stop, strlen(stop) + 1);
    }
    return buf;
}

static int gcvt_s_impl(CRT_FLAVOR f, char *buf, size_t size, double v, int ndigits)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    char tmp[420];
    crt_gcvt(v, ndigits > 350 ? 350 : ndigits, tmp);
    if (strlen(tmp) >= size) {
        buf[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    strcpy(buf, tmp);
    return 0;
}
CRT_FLAVORS(int, gcvt_s, (char *buf, size_t size, double v, int ndigits), buf, size, v, ndigits)

/* ---- sorting and searching ------------------------------------------------------------------------------------ */

typedef int(WINAPI *crt_compare)(const void *, const void *);
typedef int(WINAPI *crt_compare_s)(void *, const void *, const void *);

struct sorter {
    crt_compare cmp;
    crt_compare_s cmp_s;
    void *context;
};

static int compare(const struct sorter *s, const void *a, const void *b)
{
    return s->cmp ? s->cmp(a, b) : s->cmp_s(s->context, a, b);
}

static void swap(char *a, char *b, size_t width)
{
    if (a != b)
        while (width--) {
            char t = *a;
            *a++ = *b;
            *b++ = t;
        }
}

/* The CRT's small-array sort: repeatedly moves the largest element to the end. */
static void shortsort(char *lo, char *hi, size_t width, const struct sorter *s)
{
    while (hi > lo) {
        char *max = lo;
        for (char *p = lo + width; p <= hi; p += width)
            if (compare(s, p, max) > 0)
                max = p;
        swap(max, hi, width);
        hi -= width;
    }
}

/*
 * The CRTs' qsort (VC++'s qsort.c, in msvcrt.dll and ucrtbase.dll alike): quicksort on the median of the
 * first, middle and last elements, a three-way split around the partition element, the smaller side first
 * with an explicit stack, and shortsort below 9 elements. It is reproduced step for step so that elements
 * that compare equal end in the order Windows leaves them.
 */
static void crt_qsort_core(void *base, size_t num, size_t width, const struct sorter *s)
{
    enum { CUTOFF = 8, STKSIZ = 8 * sizeof(void *) - 2 };
    char *lostk[STKSIZ], *histk[STKSIZ];
    int stkptr = 0;
    if (num < 2)
        return;
    char *lo = base, *hi = (char *)base + width * (num - 1);
recurse:;
    size_t size = (size_t)(hi - lo) / width + 1;
    if (size <= CUTOFF) {
        shortsort(lo, hi, width, s);
    } else {
        char *mid = lo + (size / 2) * width;
        if (compare(s, lo, mid) > 0)
            swap(lo, mid, width);
        if (compare(s, lo, hi) > 0)
            swap(lo, hi, width);
        if (compare(s, mid, hi) > 0)
            swap(mid, hi, width);
        char *loguy = lo, *higuy = hi;
        for (;;) {
            /* the doubled loops never compare mid with itself, as the CRT avoids it */
            if (mid > loguy)
                do
                    loguy += width;
                while (loguy < mid && compare(s, loguy, mid) <= 0);
            if (mid <= loguy)
                do
                    loguy += width;
                while (loguy <= hi && compare(s, loguy, mid) <= 0);
            do
                higuy -= width;
            while (higuy > mid && compare(s, higuy, mid) > 0);
            if (higuy < loguy)
                break;
            swap(loguy, higuy, width);
            if (mid == higuy)
                mid = loguy;
        }
        higuy += width;
        if (mid < higuy)
            do
                higuy -= width;
            while (higuy > mid && compare(s, higuy, mid) == 0);
        if (mid >= higuy)
            do
                higuy -= width;
            while (higuy > lo && compare(s, higuy, mid) == 0);
        if (higuy - lo >= hi - loguy) {
            if (lo < higuy) {
                lostk[stkptr] = lo;
                histk[stkptr++] = higuy;
            }
            if (loguy < hi) {
                lo = loguy;
                goto recurse;
            }
        } else {
            if (loguy < hi) {
                lostk[stkptr] = loguy;
                histk[stkptr++] = hi;
            }
            if (lo < higuy) {
                hi = higuy;
                goto recurse;
            }
        }
    }
    if (--stkptr >= 0) {
        lo = lostk[stkptr];
        hi = histk[stkptr];
        goto recurse;
    }
}

void WINAPI crt_qsort(void *base, size_t num, size_t width, crt_compare cmp)
{
    if ((!base && num) || !width || !cmp) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return;
    }
    struct sorter s = {cmp, NULL, NULL};
    crt_qsort_core(base, num, width, &s);
}

static void qsort_s_impl(CRT_FLAVOR f, void *base, size_t num, size_t width, crt_compare_s cmp, void *context)
{
    if ((!base && num) || !width || !cmp) {
        crt_invalid(f, CRT_EINVAL);
        return;
    }
    struct sorter s = {NULL, cmp, context};
    crt_qsort_core(base, num, width, &s);
}

void WINAPI crt_qsort_s_msvcrt(void *base, size_t num, size_t width, crt_compare_s cmp, void *context)
{
    qsort_s_impl(CRT_FLAVOR_MSVCRT, base, num, width, cmp, context);
}

void WINAPI crt_qsort_s_ucrt(void *base, size_t num, size_t width, crt_compare_s cmp, void *context)
{
    qsort_s_impl(CRT_FLAVOR_UCRT, base, num, width, cmp, context);
}

/* The CRTs' bsearch, halving exactly as they do (which of several equal keys it returns depends on it). */
static void *bsearch_core(const void *key, const void *base, size_t num, size_t width, const struct sorter *s)
{
    const char *lo = base, *hi = (const char *)base + (num - 1) * width;
    while (lo <= hi) {
        size_t half = num / 2;
        if (half) {
            const char *mid = lo + (num & 1 ? half : half - 1) * width;
            int r = compare(s, key, mid);
            if (!r)
                return (void *)mid;
            if (r < 0) {
                hi = mid - width;
                num = num & 1 ? half : half - 1;
            } else {
                lo = mid + width;
                num = half;
            }
        } else if (num) {
            return compare(s, key, lo) ? NULL : (void *)lo;
        } else {
            break;
        }
    }
    return NULL;
}

void *WINAPI crt_bsearch(const void *key, const void *base, size_t num, size_t width, crt_compare cmp)
{
    if ((!base && num) || !width || !cmp) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return NULL;
    }
    if (!num)
        return NULL;
    struct sorter s = {cmp, NULL, NULL};
    return bsearch_core(key, base, num, width, &s);
}

static void *bsearch_s_impl(CRT_FLAVOR f, const void *key, const void *base, size_t num, size_t width,
                            crt_compare_s cmp, void *context)
{
    if ((!base && num) || !width || !cmp) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    if (!num)
        return NULL;
    struct sorter s = {NULL, cmp, context};
    return bsearch_core(key, base, num, width, &s);
}
CRT_FLAVORS(void *, bsearch_s, (const void *key, const void *base, size_t num, size_t width, crt_compare_s cmp, void *context),
            key, base, num, width, cmp, context)

static void *lfind_core(const void *key, const void *base, unsigned *num, size_t width, const struct sorter *s)
{
    const char *p = base;
    for (unsigned i = 0; i < *num; i++, p += width)
        if (!compare(s, key, p))
            return (void *)p;
    return NULL;
}

void *WINAPI crt_lfind(const void *key, const void *base, unsigned *num, size_t width, crt_compare cmp)
{
    struct sorter s = {cmp, NULL, NULL};
    return lfind_core(key, base, num, width, &s);
}

void *WINAPI crt_lsearch(const void *key, void *base, unsigned *num, size_t width, crt_compare cmp)
{
    struct sorter s = {cmp, NULL, NULL};
    void *p = lfind_core(key, base, num, width, &s);
    if (p)
        return p;
    p = (char *)base + (size_t)*num * width;
    memcpy(p, key, width);
    (*num)++;
    return p;
}

static void *lfind_s_impl(CRT_FLAVOR f, const void *key, const void *base, unsigned *num, size_t width,
                          crt_compare_s cmp, void *context)
{
    if (!key || !num || (!base && *num) || !width || !cmp) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    struct sorter s = {NULL, cmp, context};
    return lfind_core(key, base, num, width, &s);
}
CRT_FLAVORS(void *, lfind_s, (const void *key, const void *base, unsigned *num, size_t width, crt_compare_s cmp, void *context),
            key, base, num, width, cmp, context)

static void *lsearch_s_impl(CRT_FLAVOR f, const void *key, void *base, unsigned *num, size_t width,
                            crt_compare_s cmp, void *context)
{
    void *p = lfind_s_impl(f, key, base, num, width, cmp, context);
    if (p || !key || !num || !base || !width || !cmp)
        return p;
    p = (char *)base + (size_t)*num * width;
    memcpy(p, key, width);
    (*num)++;
    return p;
}
CRT_FLAVORS(void *, lsearch_s, (const void *key, void *base, unsigned *num, size_t width, crt_compare_s cmp, void *context),
            key, base, num, width, cmp, context)

/* ---- rand ------------------------------------------------------------------------------------------------------ */

/* The CRTs' linear congruential generator; each thread starts with seed 1. */
int WINAPI crt_rand(void)
{
    struct crt_thread *t = crt_thread();
    t->rand_next = t->rand_next * 214013u + 2531011u;
    return (int)(t->rand_next >> 16 & 0x7fff);
}

void WINAPI crt_srand(unsigned seed)
{
    crt_thread()->rand_next = seed;
}

/*
 * rand_s: Windows asks RtlGenRandom. Here: the CPU's RDRAND when it has one, else a SplitMix64 stream
 * seeded from the time-stamp counter, the performance counter and the process and thread ids.
 */
static bool rdrand(uint64_t *v)
{
    static int have = -1;
    if (have < 0) {
        unsigned a = 1, b, c, d;
        __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
        have = c >> 30 & 1;
    }
    if (!have)
        return false;
    for (int i = 0; i < 10; i++) {
        unsigned char ok;
        __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        if (ok)
            return true;
    }
    return false;
}

static uint64_t fallback_random(void)
{
    static uint64_t state;
    uint64_t z = __atomic_load_n(&state, __ATOMIC_RELAXED);
    if (!z) {
        LARGE_INTEGER qpc;
        QueryPerformanceCounter(&qpc);
        z = __builtin_ia32_rdtsc() ^ (uint64_t)qpc.QuadPart << 17 ^ (uint64_t)GetCurrentProcessId() << 40 ^
            GetCurrentThreadId() ^ (uint64_t)(uintptr_t)&z;
    }
    z += 0x9e3779b97f4a7c15ull;
    __atomic_store_n(&state, z, __ATOMIC_RELAXED);
    z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ z >> 27) * 0x94d049bb133111ebull;
    return z ^ z >> 31;
}

static int rand_s_impl(CRT_FLAVOR f, unsigned *out)
{
    if (!out)
        return crt_invalid(f, CRT_EINVAL);
    uint64_t v;
    if (!rdrand(&v))
        v = fallback_random();
    *out = (unsigned)v;
    return 0;
}
CRT_FLAVORS(int, rand_s, (unsigned *out), out)

/* ---- arithmetic ------------------------------------------------------------------------------------------------- */

int WINAPI crt_abs(int v) { return v < 0 ? (int)(0u - (unsigned)v) : v; }
LONG WINAPI crt_labs(LONG v) { return crt_abs(v); }
int64_t WINAPI crt_llabs(int64_t v) { return v < 0 ? (int64_t)(0ull - (uint64_t)v) : v; }

typedef struct { int quot, rem; } crt_div_t;
typedef struct { int64_t quot, rem; } crt_lldiv_t;

/* div_t is returned in RAX (8 bytes); lldiv_t (16 bytes) through a hidden pointer, as MSVC does. */
crt_div_t WINAPI crt_div(int a, int b) { return (crt_div_t){a / b, a % b}; }
crt_div_t WINAPI crt_ldiv(LONG a, LONG b) { return (crt_div_t){a / b, a % b}; }
crt_lldiv_t WINAPI crt_lldiv(int64_t a, int64_t b) { return (crt_lldiv_t){a / b, a % b}; }

unsigned WINAPI crt_rotl(unsigned v, int n) { n &= 31; return n ? v << n | v >> (32 - n) : v; }
unsigned WINAPI crt_rotr(unsigned v, int n) { n &= 31; return n ? v >> n | v << (32 - n) : v; }
uint64_t WINAPI crt_rotl64(uint64_t v, int n) { n &= 63; return n ? v << n | v >> (64 - n) : v; }
uint64_t WINAPI crt_rotr64(uint64_t v, int n) { n &= 63; return n ? v >> n | v << (64 - n) : v; }
unsigned short WINAPI crt_byteswap_ushort(unsigned short v) { return __builtin_bswap16(v); }
ULONG WINAPI crt_byteswap_ulong(ULONG v) { return __builtin_bswap32(v); }
uint64_t WINAPI crt_byteswap_uint64(uint64_t v) { return __builtin_bswap64(v); }

/* ---- allocation helpers ----------------------------------------------------------------------------------------- */

/* _recalloc: realloc that zeroes what grows beyond the old block. */
void *WINAPI crt_recalloc(void *p, size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    size_t old = p ? crt_msize(p) : 0, total = n * size;
    void *q = crt_realloc(p, total);
    if (q && total > old)
        memset((char *)q + old, 0, total - old);
    return q;
}

/*
 * _aligned_offset_malloc: the CRT's layout, so that blocks can be inspected the way programs sometimes do:
 * the pointer malloc returned is stored in the pointer-sized slot just below the (pointer-aligned) user
 * block; (user + offset) is aligned.
 */
#define PTR_SZ sizeof(void *)

void *WINAPI crt_aligned_offset_malloc(size_t size, size_t align, size_t offset)
{
    if (!align || (align & (align - 1)) || (offset && offset >= size)) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return NULL;
    }
    align = (align > PTR_SZ ? align : PTR_SZ) - 1;
    uintptr_t gap = (0 - offset) & (PTR_SZ - 1);
    size_t overhead = PTR_SZ + gap + align;
    if (size > (size_t)-1 - overhead) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    uintptr_t p = (uintptr_t)crt_malloc(overhead + size);
    if (!p)
        return NULL;
    uintptr_t r = ((p + overhead + offset) & ~align) - offset;
    ((uintptr_t *)(r - gap))[-1] = p;
    return (void *)r;
}

void *WINAPI crt_aligned_malloc(size_t size, size_t align)
{
    return crt_aligned_offset_malloc(size, align, 0);
}

static void *aligned_base(void *p)
{
    return *(void **)(((uintptr_t)p & ~(PTR_SZ - 1)) - PTR_SZ);
}

void WINAPI crt_aligned_free(void *p)
{
    if (p)
        crt_free(aligned_base(p));
}

size_t WINAPI crt_aligned_msize(void *p, size_t align, size_t offset)
{
    (void)align;
    (void)offset;
    if (!p) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return (size_t)-1;
    }
    char *base = aligned_base(p);
    return crt_msize(base) - (size_t)((char *)p - base);
}

void *WINAPI crt_aligned_offset_realloc(void *p, size_t size, size_t align, size_t offset)
{
    if (!p)
        return crt_aligned_offset_malloc(size, align, offset);
    if (!size) {
        crt_aligned_free(p);
        return NULL;
    }
    size_t old = crt_aligned_msize(p, align, offset);
    void *q = crt_aligned_offset_malloc(size, align, offset);
    if (!q)
        return NULL;
    memcpy(q, p, old < size ? old : size);
    crt_aligned_free(p);
    return q;
}

void *WINAPI crt_aligned_realloc(void *p, size_t size, size_t align)
{
    return crt_aligned_offset_realloc(p, size, align, 0);
}

void *WINAPI crt_aligned_offset_recalloc(void *p, size_t n, size_t size, size_t align, size_t offset)
{
    if (size && n > (size_t)-1 / size) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    size_t old = p ? crt_aligned_msize(p, align, offset) : 0, total = n * size;
    void *q = crt_aligned_offset_realloc(p, total, align, offset);
    if (q && total > old)
        memset((char *)q + old, 0, total - old);
    return q;
}

void *WINAPI crt_aligned_recalloc(void *p, size_t n, size_t size, size_t align)
{
    return crt_aligned_offset_recalloc(p, n, size, align, 0);
}

/* ---- paths ---------------------------------------------------------------------------------------------------- */

#define CRT_MAX_DRIVE 3
#define CRT_MAX_DIR   256
#define CRT_MAX_FNAME 256
#define CRT_MAX_EXT   256
#define CRT_MAX_PATH  260

static bool is_slash(unsigned c)
{
    return c == '/' || c == '\\';
}

/* _makepath: "d:" + dir (with a separator added if it lacks one) + name + ("." if missing) + ext. Returns
 * the length the path needs (without NUL); writes it when out is not NULL. */
static size_t make_path(char *out, const char *drive, const char *dir, const char *fname, const char *ext)
{
    size_t n = 0;
#define PUT(c) (out ? (void)(out[n] = (char)(c)) : (void)0, n++)
    if (drive && *drive) {
        PUT(*drive);
        PUT(':');
    }
    if (dir && *dir) {
        size_t len = strlen(dir);
        for (size_t i = 0; i < len; i++)
            PUT(dir[i]);
        if (!is_slash((unsigned char)dir[len - 1]))
            PUT('\\');
    }
    if (fname)
        for (const char *p = fname; *p; p++)
            PUT(*p);
    if (ext && *ext) {
        if (*ext != '.')
            PUT('.');
        for (const char *p = ext; *p; p++)
            PUT(*p);
    }
    if (out)
        out[n] = 0;
#undef PUT
    return n;
}

void WINAPI crt_makepath(char *path, const char *drive, const char *dir, const char *fname, const char *ext)
{
    make_path(path, drive, dir, fname, ext);
}

static int makepath_s_impl(CRT_FLAVOR f, char *path, size_t size, const char *drive, const char *dir,
                           const char *fname, const char *ext)
{
    if (!path || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (make_path(NULL, drive, dir, fname, ext) >= size) {
        path[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    make_path(path, drive, dir, fname, ext);
    return 0;
}
CRT_FLAVORS(int, makepath_s, (char *path, size_t size, const char *drive, const char *dir, const char *fname, const char *ext),
            path, size, drive, dir, fname, ext)

/* The four parts of a path: [drive "X:"] [dir up to the last separator] [name] [ext from the last '.']. */
struct path_parts {
    size_t drive, dir, fname, ext;   /* lengths; the parts follow each other in the path */
};

static struct path_parts split_path(const char *path)
{
    struct path_parts r = {0, 0, 0, 0};
    const char *p = path;
    if (p[0] && p[1] == ':') {
        r.drive = 2;
        p += 2;
    }
    const char *last_slash = NULL, *last_dot = NULL;
    for (const char *q = p; *q; q++) {
        if (is_slash((unsigned char)*q))
            last_slash = q;
        else if (*q == '.')
            last_dot = q;
    }
    const char *name = last_slash ? last_slash + 1 : p;
    r.dir = (size_t)(name - p);
    size_t rest = strlen(name);
    if (last_dot && last_dot >= name) {
        r.fname = (size_t)(last_dot - name);
        r.ext = rest - r.fname;
    } else {
        r.fname = rest;
    }
    return r;
}

static void put_part(char *out, const char *src, size_t n)
{
    if (out) {
        memcpy(out, src, n);
        out[n] = 0;
    }
}

/* _splitpath truncates parts to the _MAX_* sizes, as the CRT's unchecked version does. */
void WINAPI crt_splitpath(const char *path, char *drive, char *dir, char *fname, char *ext)
{
    struct path_parts s = split_path(path);
    const char *p = path;
    put_part(drive, p, s.drive < CRT_MAX_DRIVE ? s.drive : CRT_MAX_DRIVE - 1);
    p += s.drive;
    put_part(dir, p, s.dir < CRT_MAX_DIR ? s.dir : CRT_MAX_DIR - 1);
    p += s.dir;
    put_part(fname, p, s.fname < CRT_MAX_FNAME ? s.fname : CRT_MAX_FNAME - 1);
    p += s.fname;
    put_part(ext, p, s.ext < CRT_MAX_EXT ? s.ext : CRT_MAX_EXT - 1);
}

static int splitpath_s_impl(CRT_FLAVOR f, const char *path, char *drive, size_t ndrive, char *dir, size_t ndir,
                            char *fname, size_t nfname, char *ext, size_t next)
{
    if (!path || (drive && !ndrive) || (!drive && ndrive) || (dir && !ndir) || (!dir && ndir) ||
        (fname && !nfname) || (!fname && nfname) || (ext && !next) || (!ext && next))
        return crt_invalid(f, CRT_EINVAL);
    struct path_parts s = split_path(path);
    if ((drive && s.drive >= ndrive) || (dir && s.dir >= ndir) || (fname && s.fname >= nfname) ||
        (ext && s.ext >= next)) {
        if (drive)
            drive[0] = 0;
        if (dir)
            dir[0] = 0;
        if (fname)
            fname[0] = 0;
        if (ext)
            ext[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    const char *p = path;
    put_part(drive, p, s.drive);
    p += s.drive;
    put_part(dir, p, s.dir);
    p += s.dir;
    put_part(fname, p, s.fname);
    p += s.fname;
    put_part(ext, p, s.ext);
    return 0;
}
CRT_FLAVORS(int, splitpath_s, (const char *path, char *drive, size_t ndrive, char *dir, size_t ndir, char *fname, size_t nfname, char *ext, size_t next),
            path, drive, ndrive, dir, ndir, fname, nfname, ext, next)

/* Wide paths go through the narrow ones in UTF-8 (the separators and '.' are ASCII). */
static char *narrow(const WCHAR *w)
{
    if (!w)
        return NULL;
    int n = WideCharToMultiByte(65001, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = crt_malloc(n > 0 ? (size_t)n : 1);
    if (s)
        WideCharToMultiByte(65001, 0, w, -1, s, n, NULL, NULL);
    return s;
}

static size_t widen_into(WCHAR *out, size_t size, const char *s)
{
    int n = MultiByteToWideChar(65001, 0, s, -1, NULL, 0);
    if (out && (size_t)n <= size)
        MultiByteToWideChar(65001, 0, s, -1, out, (int)size);
    return n > 0 ? (size_t)n - 1 : 0;
}

void WINAPI crt_wmakepath(WCHAR *path, const WCHAR *drive, const WCHAR *dir, const WCHAR *fname, const WCHAR *ext)
{
    char *d = narrow(drive), *p = narrow(dir), *f = narrow(fname), *e = narrow(ext);
    char *out = crt_malloc(make_path(NULL, d, p, f, e) + 1);
    if (out) {
        make_path(out, d, p, f, e);
        widen_into(path, (size_t)-1 / 4, out);
    }
    crt_free(out), crt_free(d), crt_free(p), crt_free(f), crt_free(e);
}

static int wmakepath_s_impl(CRT_FLAVOR f, WCHAR *path, size_t size, const WCHAR *drive, const WCHAR *dir,
                            const WCHAR *fname, const WCHAR *ext)
{
    if (!path || !size)
        return crt_invalid(f, CRT_EINVAL);
    char *d = narrow(drive), *p = narrow(dir), *n = narrow(fname), *e = narrow(ext);
    char *out = crt_malloc(make_path(NULL, d, p, n, e) + 1);
    int r = 0;
    if (out) {
        make_path(out, d, p, n, e);
        if (widen_into(NULL, 0, out) >= size) {
            path[0] = 0;
            r = crt_invalid(f, CRT_ERANGE);
        } else {
            widen_into(path, size, out);
        }
    }
    crt_free(out), crt_free(d), crt_free(p), crt_free(n), crt_free(e);
    return r;
}
CRT_FLAVORS(int, wmakepath_s, (WCHAR *path, size_t size, const WCHAR *drive, const WCHAR *dir, const WCHAR *fname, const WCHAR *ext),
            path, size, drive, dir, fname, ext)

/* The wide split works on code units directly (every separator is one unit). */
static void wsplit(const WCHAR *path, WCHAR *parts[4], const size_t sizes[4], size_t lens[4])
{
    const WCHAR *p = path;
    lens[0] = p[0] && p[1] == ':' ? 2 : 0;
    p += lens[0];
    const WCHAR *last_slash = NULL, *last_dot = NULL;
    for (const WCHAR *q = p; *q; q++) {
        if (is_slash(*q))
            last_slash = q;
        else if (*q == '.')
            last_dot = q;
    }
    const WCHAR *name = last_slash ? last_slash + 1 : p;
    lens[1] = (size_t)(name - p);
    size_t rest = RtlpWcslen(name);
    lens[2] = last_dot && last_dot >= name ? (size_t)(last_dot - name) : rest;
    lens[3] = rest - lens[2];
    p = path;
    for (int i = 0; i < 4; p += lens[i], i++) {
        if (!parts[i])
            continue;
        size_t n = lens[i] < sizes[i] ? lens[i] : sizes[i] - 1;
        memcpy(parts[i], p, n * sizeof(WCHAR));
        parts[i][n] = 0;
    }
}

void WINAPI crt_wsplitpath(const WCHAR *path, WCHAR *drive, WCHAR *dir, WCHAR *fname, WCHAR *ext)
{
    WCHAR *parts[4] = {drive, dir, fname, ext};
    const size_t sizes[4] = {CRT_MAX_DRIVE, CRT_MAX_DIR, CRT_MAX_FNAME, CRT_MAX_EXT};
    size_t lens[4];
    wsplit(path, parts, sizes, lens);
}

static int wsplitpath_s_impl(CRT_FLAVOR f, const WCHAR *path, WCHAR *drive, size_t ndrive, WCHAR *dir, size_t ndir,
                             WCHAR *fname, size_t nfname, WCHAR *ext, size_t next)
{
    WCHAR *parts[4] = {drive, dir, fname, ext};
    const size_t sizes[4] = {ndrive, ndir, nfname, next};
    if (!path)
        return crt_invalid(f, CRT_EINVAL);
    for (int i = 0; i < 4; i++)
        if (!parts[i] != !sizes[i])
            return crt_invalid(f, CRT_EINVAL);
    size_t lens[4];
    WCHAR *none[4] = {NULL, NULL, NULL, NULL};
    wsplit(path, none, sizes, lens);
    for (int i = 0; i < 4; i++)
        if (parts[i] && lens[i] >= sizes[i]) {
            for (int j = 0; j < 4; j++)
                if (parts[j])
                    parts[j][0] = 0;
            return crt_invalid(f, CRT_ERANGE);
        }
    wsplit(path, parts, sizes, lens);
    return 0;
}
CRT_FLAVORS(int, wsplitpath_s, (const WCHAR *path, WCHAR *drive, size_t ndrive, WCHAR *dir, size_t ndir, WCHAR *fname, size_t nfname, WCHAR *ext, size_t next),
            path, drive, ndrive, dir, ndir, fname, nfname, ext, next)

/* The absolute form of path into buf (size bytes); NULL when it does not fit or cannot be made. */
static char *full_path(char *buf, const char *path, size_t size)
{
    DWORD need = GetFullPathNameA(path, 0, NULL, NULL);
    if (!need || need > size)
        return NULL;
    GetFullPathNameA(path, (DWORD)size, buf, NULL);
    return buf;
}

/*
 * _searchenv: the file as given if it exists (made absolute), else the first directory of the variable's
 * ';'-separated list that holds it; not found: "" and ENOENT.
 */
static int searchenv(const char *file, const char *var, char *out, size_t size)
{
    char candidate[CRT_MAX_PATH * 2];
    out[0] = 0;
    if (GetFileAttributesA(file) != (DWORD)-1) {
        if (!full_path(candidate, file, sizeof candidate))
            return CRT_ENOENT;
        if (strlen(candidate) >= size)
            return CRT_ERANGE;
        strcpy(out, candidate);
        return 0;
    }
    const char *list = crt_env_get(var);
    size_t flen = strlen(file);
    while (list && *list) {
        const char *end = strchr(list, ';');
        size_t n = end ? (size_t)(end - list) : strlen(list);
        if (n && n + flen + 2 < sizeof candidate) {
            memcpy(candidate, list, n);
            if (!is_slash((unsigned char)candidate[n - 1]))
                candidate[n++] = '\\';
            memcpy(candidate + n, file, flen + 1);
            if (GetFileAttributesA(candidate) != (DWORD)-1) {
                if (strlen(candidate) >= size)
                    return CRT_ERANGE;
                strcpy(out, candidate);
                return 0;
            }
        }
        list = end ? end + 1 : NULL;
    }
    return CRT_ENOENT;
}

void WINAPI crt_searchenv(const char *file, const char *var, char *out)
{
    int e = searchenv(file, var, out, CRT_MAX_PATH);
    if (e)
        crt_set_errno(e);
}

static int searchenv_s_impl(CRT_FLAVOR f, const char *file, const char *var, char *out, size_t size)
{
    if (!out || !size || !file || !var)
        return crt_invalid(f, CRT_EINVAL);
    int e = searchenv(file, var, out, size);
    if (e == CRT_ERANGE)
        return crt_invalid(f, e);
    if (e)
        crt_set_errno(e);
    return e;
}
CRT_FLAVORS(int, searchenv_s, (const char *file, const char *var, char *out, size_t size), file, var, out, size)

void WINAPI crt_wsearchenv(const WCHAR *file, const WCHAR *var, WCHAR *out)
{
    char *f = narrow(file), *v = narrow(var), buf[CRT_MAX_PATH];
    int e = f && v ? searchenv(f, v, buf, sizeof buf) : CRT_ENOMEM;
    out[0] = 0;
    if (e)
        crt_set_errno(e);
    else
        widen_into(out, CRT_MAX_PATH, buf);
    crt_free(f), crt_free(v);
}

static int wsearchenv_s_impl(CRT_FLAVOR fl, const WCHAR *file, const WCHAR *var, WCHAR *out, size_t size)
{
    if (!out || !size || !file || !var)
        return crt_invalid(fl, CRT_EINVAL);
    char *f = narrow(file), *v = narrow(var), buf[CRT_MAX_PATH * 2];
    int e = f && v ? searchenv(f, v, buf, sizeof buf) : CRT_ENOMEM;
    crt_free(f), crt_free(v);
    out[0] = 0;
    if (!e && widen_into(NULL, 0, buf) >= size)
        e = CRT_ERANGE;
    if (e == CRT_ERANGE)
        return crt_invalid(fl, e);
    if (e) {
        crt_set_errno(e);
        return e;
    }
    widen_into(out, size, buf);
    return 0;
}
CRT_FLAVORS(int, wsearchenv_s, (const WCHAR *file, const WCHAR *var, WCHAR *out, size_t size), file, var, out, size)
