/*
 * ntdll's own small C library: the printf, string, character and number functions Windows' ntdll exports
 * for programs and runtimes that call it directly (and for native code that has no CRT). ntdll sits below
 * msvcrt and ucrtbase and never calls them: printf is the shared pure engine (rtl/format.c) with msvcrt's
 * rules (_snprintf truncates without a NUL and returns -1), the rest is here. Character classes are the
 * "C" locale's (ASCII); the wide ones go beyond ASCII through the Unicode case tables and the Unicode
 * space characters. Nothing here sets errno: ntdll has none.
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "ntdll/crt.h"
#include "rtl/format.h"
#include "rtl/rtl.h"

#define NTDLL_PRINTF (CRT_PRINTF_MSVCRT | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION)
#define NTDLL_TRUNCATE ((size_t)-1)

/* ---- printf into buffers ------------------------------------------------------------------------------- */

int WINAPI ntdll__vsnprintf(char *buf, size_t count, const char *fmt, __builtin_ms_va_list ap)
{
    return CrtFormatBufferA(buf, count, NTDLL_PRINTF, NULL, fmt, ap, NULL);
}

int WINAPI ntdll__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return CrtFormatBufferW(buf, count, NTDLL_PRINTF, NULL, fmt, ap, NULL);
}

#define VA(last, expr)                      \
    {                                       \
        __builtin_ms_va_list ap;            \
        __builtin_ms_va_start(ap, last);    \
        int n_ = (expr);                    \
        __builtin_ms_va_end(ap);            \
        return n_;                          \
    }

int WINAPI ntdll__snprintf(char *buf, size_t count, const char *fmt, ...) VA(fmt, ntdll__vsnprintf(buf, count, fmt, ap))
int WINAPI ntdll__snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...)
    VA(fmt, ntdll__vsnwprintf(buf, count, fmt, ap))
int WINAPI ntdll_sprintf(char *buf, const char *fmt, ...) VA(fmt, ntdll__vsnprintf(buf, INT_MAX, fmt, ap))
int WINAPI ntdll_vsprintf(char *buf, const char *fmt, __builtin_ms_va_list ap)
{
    return ntdll__vsnprintf(buf, INT_MAX, fmt, ap);
}
/* ntdll's swprintf is the old one without a count, as msvcrt's. */
int WINAPI ntdll_swprintf(WCHAR *buf, const WCHAR *fmt, ...) VA(fmt, ntdll__vsnwprintf(buf, INT_MAX, fmt, ap))
int WINAPI ntdll_vswprintf(WCHAR *buf, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return ntdll__vsnwprintf(buf, INT_MAX, fmt, ap);
}

/* The _s forms (Microsoft's documentation of _snprintf_s): at most count characters, always NUL-terminated;
 * with count _TRUNCATE (or count < size) what fits is kept and -1 returned; when count does not fit the
 * buffer the output is cleared and -1 returned (ntdll has no invalid-parameter handler to call). */
static int vsnprintf_s_common(void *buf, size_t size, size_t count, const void *fmt, __builtin_ms_va_list ap,
                              bool wide)
{
    size_t unit = wide ? sizeof(WCHAR) : 1;
    if (!fmt || !buf || size == 0) {
        if (buf && size)
            memset(buf, 0, unit);
        return -1;
    }
    bool truncate = count == NTDLL_TRUNCATE;
    size_t room = truncate || count >= size ? size : count + 1;
    int invalid = 0;
    int n = wide ? CrtFormatBufferW(buf, room, CRT_PRINTF_MSVCRT, NULL, fmt, ap, &invalid)
                 : CrtFormatBufferA(buf, room, CRT_PRINTF_MSVCRT, NULL, fmt, ap, &invalid);
    if (invalid || (n == -2 && !truncate && count >= size)) {
        memset(buf, 0, unit);
        return -1;
    }
    return n < 0 ? -1 : n;
}

int WINAPI ntdll__vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, __builtin_ms_va_list ap)
{
    return vsnprintf_s_common(buf, size, count, fmt, ap, false);
}

int WINAPI ntdll__vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return vsnprintf_s_common(buf, size, count, fmt, ap, true);
}

int WINAPI ntdll__snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...)
    VA(fmt, vsnprintf_s_common(buf, size, count, fmt, ap, false))
int WINAPI ntdll__snwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, ...)
    VA(fmt, vsnprintf_s_common(buf, size, count, fmt, ap, true))

/* ---- memory and strings ---------------------------------------------------------------------------------- */

/* memcpy is overlap-safe, as ntdll's and msvcrt's are. */
void *WINAPI ntdll_memcpy(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *WINAPI ntdll_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *WINAPI ntdll_memset(void *d, int c, size_t n) { return memset(d, c, n); }
int WINAPI ntdll_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
void *WINAPI ntdll_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }
size_t WINAPI ntdll_strlen(const char *s) { return strlen(s); }
size_t WINAPI ntdll_strnlen(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i])
        i++;
    return i;
}
int WINAPI ntdll_strcmp(const char *a, const char *b) { return strcmp(a, b); }
int WINAPI ntdll_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
char *WINAPI ntdll_strchr(const char *s, int c) { return strchr(s, c); }
char *WINAPI ntdll_strrchr(const char *s, int c) { return strrchr(s, c); }
char *WINAPI ntdll_strstr(const char *s, const char *t) { return strstr(s, t); }
char *WINAPI ntdll_strcpy(char *d, const char *s) { return strcpy(d, s); }
char *WINAPI ntdll_strcat(char *d, const char *s) { return strcat(d, s); }
char *WINAPI ntdll_strncpy(char *d, const char *s, size_t n) { return strncpy(d, s, n); }
char *WINAPI ntdll_strncat(char *d, const char *s, size_t n) { return strncat(d, s, n); }
size_t WINAPI ntdll_strspn(const char *s, const char *set) { return strspn(s, set); }
size_t WINAPI ntdll_strcspn(const char *s, const char *set) { return strcspn(s, set); }
char *WINAPI ntdll_strpbrk(const char *s, const char *set) { return strpbrk(s, set); }

static int lower_a(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static WCHAR lower_w(WCHAR c) { return c < 0x80 ? (WCHAR)lower_a(c) : RtlDowncaseUnicodeChar(c); }

int WINAPI ntdll__strnicmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = lower_a((unsigned char)a[i]), y = lower_a((unsigned char)b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}
int WINAPI ntdll__stricmp(const char *a, const char *b) { return ntdll__strnicmp(a, b, (size_t)-1); }
char *WINAPI ntdll__strlwr(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)lower_a((unsigned char)*p);
    return s;
}
char *WINAPI ntdll__strupr(char *s)
{
    for (char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    return s;
}

size_t WINAPI ntdll_wcslen(const WCHAR *s) { return RtlpWcslen(s); }
size_t WINAPI ntdll_wcsnlen(const WCHAR *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i])
        i++;
    return i;
}
int WINAPI ntdll_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i])
            return (int)a[i] - (int)b[i];
    }
    return 0;
}
int WINAPI ntdll_wcscmp(const WCHAR *a, const WCHAR *b) { return ntdll_wcsncmp(a, b, (size_t)-1); }
int WINAPI ntdll__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = lower_w(a[i]), y = lower_w(b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}
int WINAPI ntdll__wcsicmp(const WCHAR *a, const WCHAR *b) { return ntdll__wcsnicmp(a, b, (size_t)-1); }
WCHAR *WINAPI ntdll_wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c)
            return (WCHAR *)s;
        if (!*s)
            return NULL;
    }
}
WCHAR *WINAPI ntdll_wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++) {
        if (*s == c)
            last = s;
        if (!*s)
            return (WCHAR *)last;
    }
}
WCHAR *WINAPI ntdll_wcsstr(const WCHAR *s, const WCHAR *t)
{
    size_t n = RtlpWcslen(t);
    for (; *s; s++)
        if (!ntdll_wcsncmp(s, t, n))
            return (WCHAR *)s;
    return *t ? NULL : (WCHAR *)s;
}
WCHAR *WINAPI ntdll_wcscpy(WCHAR *d, const WCHAR *s)
{
    memmove(d, s, (RtlpWcslen(s) + 1) * sizeof(WCHAR));
    return d;
}
WCHAR *WINAPI ntdll_wcscat(WCHAR *d, const WCHAR *s)
{
    ntdll_wcscpy(d + RtlpWcslen(d), s);
    return d;
}
WCHAR *WINAPI ntdll_wcsncpy(WCHAR *d, const WCHAR *s, size_t n)
{
    size_t i = 0;
    for (; i < n && s[i]; i++)
        d[i] = s[i];
    for (; i < n; i++)
        d[i] = 0;
    return d;
}
WCHAR *WINAPI ntdll__wcslwr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++)
        *p = lower_w(*p);
    return s;
}
WCHAR *WINAPI ntdll__wcsupr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++)
        *p = RtlUpcaseUnicodeChar(*p);
    return s;
}

/* ---- character classes ("C" locale) ---------------------------------------------------------------------- */

enum { C_UPPER = 1, C_LOWER = 2, C_DIGIT = 4, C_SPACE = 8, C_PUNCT = 0x10, C_CNTRL = 0x20, C_BLANK = 0x40,
       C_HEX = 0x80 };

static unsigned ascii_class(unsigned c)
{
    if (c >= 0x80)
        return 0;
    unsigned k = 0;
    if (c >= 'A' && c <= 'Z')
        k |= C_UPPER;
    if (c >= 'a' && c <= 'z')
        k |= C_LOWER;
    if (c >= '0' && c <= '9')
        k |= C_DIGIT | C_HEX;
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
        k |= C_HEX;
    if ((c >= 9 && c <= 13) || c == ' ')
        k |= C_SPACE;
    if (c == ' ')
        k |= C_BLANK;
    if (c < 0x20 || c == 0x7f)
        k |= C_CNTRL;
    if (c > 0x20 && c < 0x7f && !(k & (C_UPPER | C_LOWER | C_DIGIT)))
        k |= C_PUNCT;
    return k;
}

/* Beyond ASCII: letters are what has a case mapping, spaces Unicode's space separators. */
static unsigned wide_class(WCHAR c)
{
    if (c < 0x80)
        return ascii_class(c);
    unsigned k = 0;
    if (RtlDowncaseUnicodeChar(c) != c)
        k |= C_UPPER;
    if (RtlUpcaseUnicodeChar(c) != c)
        k |= C_LOWER;
    if (c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
        c == 0x202F || c == 0x205F || c == 0x3000)
        k |= C_SPACE;
    if (c < 0xA0)
        k |= C_CNTRL;
    return k;
}

#define ALPHA (C_UPPER | C_LOWER)
#define CTYPE(name, test)                                                               \
    int WINAPI ntdll_##name(int c) { unsigned k = ascii_class((unsigned)c); return (test) ? 1 : 0; } \
    int WINAPI ntdll_w##name(WCHAR c) { unsigned k = wide_class(c); return (test) ? 1 : 0; }
CTYPE(isalpha, k & ALPHA)
CTYPE(isupper, k & C_UPPER)
CTYPE(islower, k & C_LOWER)
CTYPE(isdigit, k & C_DIGIT)
CTYPE(isxdigit, k & C_HEX)
CTYPE(isspace, k & C_SPACE)
CTYPE(ispunct, k & C_PUNCT)
CTYPE(isalnum, k & (ALPHA | C_DIGIT))
CTYPE(iscntrl, k & C_CNTRL)
CTYPE(isgraph, k & (ALPHA | C_DIGIT | C_PUNCT))
CTYPE(isprint, (k & (ALPHA | C_DIGIT | C_PUNCT | C_BLANK)) || (c >= 0x80 && !(k & C_CNTRL)))

int WINAPI ntdll_tolower(int c) { return lower_a(c); }
int WINAPI ntdll_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
WCHAR WINAPI ntdll_towlower(WCHAR c) { return lower_w(c); }
WCHAR WINAPI ntdll_towupper(WCHAR c) { return RtlUpcaseUnicodeChar(c); }

/* ---- numbers --------------------------------------------------------------------------------------------- */

/* strtol's grammar over either width: spaces, a sign, 0x/0 prefixes for base 16/0, digits. Returns the
 * magnitude saturated at limit (the caller's type), *neg, and where parsing stopped. */
#define PARSE_NUMBER(NAME, CH)                                                                          \
    static unsigned long long NAME(const CH *s, const CH **end, int base, unsigned long long limit,       \
                                   bool *neg, bool *overflow)                                            \
    {                                                                                                    \
        const CH *p = s, *digits_start;                                                                 \
        *neg = false;                                                                                    \
        *overflow = false;                                                                               \
        if (base < 0 || base == 1 || base > 36) {                                                       \
            *end = s;                                                                                    \
            return 0;                                                                                    \
        }                                                                                                \
        while ((*p >= 9 && *p <= 13) || *p == ' ')                                                      \
            p++;                                                                                         \
        if (*p == '-' || *p == '+')                                                                     \
            *neg = *p++ == '-';                                                                          \
        if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {                 \
            p += 2;                                                                                      \
            base = 16;                                                                                   \
        } else if (base == 0) {                                                                          \
            base = p[0] == '0' ? 8 : 10;                                                                 \
        }                                                                                                \
        digits_start = p;                                                                                \
        unsigned long long v = 0;                                                                        \
        for (;; p++) {                                                                                   \
            unsigned c = *p, d;                                                                          \
            if (c >= '0' && c <= '9')                                                                   \
                d = c - '0';                                                                             \
            else if (c >= 'a' && c <= 'z')                                                              \
                d = c - 'a' + 10;                                                                        \
            else if (c >= 'A' && c <= 'Z')                                                              \
                d = c - 'A' + 10;                                                                        \
            else                                                                                         \
                break;                                                                                   \
            if (d >= (unsigned)base)                                                                     \
                break;                                                                                   \
            if (v > (limit - d) / (unsigned)base)                                                       \
                *overflow = true;                                                                        \
            else                                                                                         \
                v = v * (unsigned)base + d;                                                              \
        }                                                                                                \
        *end = p == digits_start ? s : p;                                                                \
        return *overflow ? limit : v;                                                                    \
    }
PARSE_NUMBER(parse_a, char)
PARSE_NUMBER(parse_w, WCHAR)

static long signed_long(unsigned long long v, bool neg, bool overflow)
{
    if (overflow || (!neg && v > LONG_MAX))
        return neg ? LONG_MIN : LONG_MAX;
    if (neg && v > (unsigned long long)LONG_MAX + 1)
        return LONG_MIN;
    return neg ? (long)(0 - v) : (long)v;
}

/* Windows' long is 32 bits: these return int32_t through the LLP64 LONG. */
LONG WINAPI ntdll_strtol(const char *s, char **end, int base)
{
    const char *e;
    bool neg, ov;
    unsigned long long v = parse_a(s, &e, base, (unsigned long long)INT32_MAX + 1, &neg, &ov);
    if (end)
        *end = (char *)e;
    if (!neg && v > INT32_MAX)
        return INT32_MAX;
    return (LONG)signed_long(v, neg, false);
}

ULONG WINAPI ntdll_strtoul(const char *s, char **end, int base)
{
    const char *e;
    bool neg, ov;
    unsigned long long v = parse_a(s, &e, base, UINT32_MAX, &neg, &ov);
    if (end)
        *end = (char *)e;
    return ov ? UINT32_MAX : (ULONG)(neg ? 0 - v : v);
}

LONG WINAPI ntdll_wcstol(const WCHAR *s, WCHAR **end, int base)
{
    const WCHAR *e;
    bool neg, ov;
    unsigned long long v = parse_w(s, &e, base, (unsigned long long)INT32_MAX + 1, &neg, &ov);
    if (end)
        *end = (WCHAR *)e;
    if (!neg && v > INT32_MAX)
        return INT32_MAX;
    return (LONG)signed_long(v, neg, false);
}

ULONG WINAPI ntdll_wcstoul(const WCHAR *s, WCHAR **end, int base)
{
    const WCHAR *e;
    bool neg, ov;
    unsigned long long v = parse_w(s, &e, base, UINT32_MAX, &neg, &ov);
    if (end)
        *end = (WCHAR *)e;
    return ov ? UINT32_MAX : (ULONG)(neg ? 0 - v : v);
}

/* atoi and friends: base 10, no overflow check (the value wraps, as ntdll's does). */
LONGLONG WINAPI ntdll__atoi64(const char *s)
{
    const char *e;
    bool neg, ov;
    unsigned long long v = parse_a(s, &e, 10, ULLONG_MAX, &neg, &ov);
    return (LONGLONG)(neg ? 0 - v : v);
}
int WINAPI ntdll_atoi(const char *s) { return (int)ntdll__atoi64(s); }
LONG WINAPI ntdll_atol(const char *s) { return (LONG)ntdll__atoi64(s); }
LONGLONG WINAPI ntdll__wtoi64(const WCHAR *s)
{
    const WCHAR *e;
    bool neg, ov;
    unsigned long long v = parse_w(s, &e, 10, ULLONG_MAX, &neg, &ov);
    return (LONGLONG)(neg ? 0 - v : v);
}
int WINAPI ntdll__wtoi(const WCHAR *s) { return (int)ntdll__wtoi64(s); }
LONG WINAPI ntdll__wtol(const WCHAR *s) { return (LONG)ntdll__wtoi64(s); }

/* _itoa and friends: a '-' only in radix 10; other radixes show the two's complement of the type. */
static char *to_a(unsigned long long v, bool neg, char *out, int radix)
{
    char tmp[72];
    int n = 0;
    if (radix < 2 || radix > 36) {
        *out = 0;
        return out;
    }
    do {
        unsigned d = (unsigned)(v % (unsigned)radix);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= (unsigned)radix;
    } while (v);
    char *p = out;
    if (neg)
        *p++ = '-';
    while (n)
        *p++ = tmp[--n];
    *p = 0;
    return out;
}

static WCHAR *to_w(unsigned long long v, bool neg, WCHAR *out, int radix)
{
    char tmp[72];
    to_a(v, neg, tmp, radix);
    for (int i = 0;; i++) {
        out[i] = (unsigned char)tmp[i];
        if (!tmp[i])
            break;
    }
    return out;
}

char *WINAPI ntdll__itoa(int v, char *out, int radix)
{
    bool neg = radix == 10 && v < 0;
    return to_a(neg ? 0 - (unsigned long long)(long long)v : (uint32_t)v, neg, out, radix);
}
char *WINAPI ntdll__ltoa(LONG v, char *out, int radix) { return ntdll__itoa(v, out, radix); }
char *WINAPI ntdll__ultoa(ULONG v, char *out, int radix) { return to_a(v, false, out, radix); }
char *WINAPI ntdll__i64toa(LONGLONG v, char *out, int radix)
{
    bool neg = radix == 10 && v < 0;
    return to_a(neg ? 0 - (unsigned long long)v : (unsigned long long)v, neg, out, radix);
}
char *WINAPI ntdll__ui64toa(ULONGLONG v, char *out, int radix) { return to_a(v, false, out, radix); }
WCHAR *WINAPI ntdll__itow(int v, WCHAR *out, int radix)
{
    bool neg = radix == 10 && v < 0;
    return to_w(neg ? 0 - (unsigned long long)(long long)v : (uint32_t)v, neg, out, radix);
}
WCHAR *WINAPI ntdll__ltow(LONG v, WCHAR *out, int radix) { return ntdll__itow(v, out, radix); }
WCHAR *WINAPI ntdll__ultow(ULONG v, WCHAR *out, int radix) { return to_w(v, false, out, radix); }
WCHAR *WINAPI ntdll__i64tow(LONGLONG v, WCHAR *out, int radix)
{
    bool neg = radix == 10 && v < 0;
    return to_w(neg ? 0 - (unsigned long long)v : (unsigned long long)v, neg, out, radix);
}
WCHAR *WINAPI ntdll__ui64tow(ULONGLONG v, WCHAR *out, int radix) { return to_w(v, false, out, radix); }

int WINAPI ntdll_abs(int v) { return v < 0 ? -v : v; }
LONG WINAPI ntdll_labs(LONG v) { return v < 0 ? -v : v; }

/* ---- sorting and searching (the comparator is guest code: Microsoft x64 calling convention) -------------- */

static void swap_bytes(char *a, char *b, size_t n)
{
    while (n--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Heapsort: in place, O(n log n) on every input, no recursion. */
static void sift_down(char *base, size_t root, size_t count, size_t size, NTDLL_COMPARE cmp)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= count)
            return;
        if (child + 1 < count && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + root * size, base + child * size) >= 0)
            return;
        swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

void WINAPI ntdll_qsort(void *base, size_t count, size_t size, NTDLL_COMPARE cmp)
{
    if (!base || count < 2 || !size || !cmp)
        return;
    char *b = base;
    for (size_t i = count / 2; i-- > 0;)
        sift_down(b, i, count, size, cmp);
    for (size_t end = count - 1; end > 0; end--) {
        swap_bytes(b, b + end * size, size);
        sift_down(b, 0, end, size, cmp);
    }
}

void *WINAPI ntdll_bsearch(const void *key, const void *base, size_t count, size_t size, NTDLL_COMPARE cmp)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *p = (const char *)base + mid * size;
        int c = cmp(key, p);
        if (!c)
            return (void *)p;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- more of ntdll's C library: character helpers, wide spans, 64-bit wide parsing, conversions ------------ */

int WINAPI ntdll___isascii(int c) { return (unsigned)c < 0x80; }
int WINAPI ntdll___iscsym(int c) { return ntdll_isalnum(c) || c == '_'; }
int WINAPI ntdll___iscsymf(int c) { return ntdll_isalpha(c) || c == '_'; }
int WINAPI ntdll___toascii(int c) { return c & 0x7F; }
/* The unconditional forms: the caller promises an upper (lower) case letter. */
int WINAPI ntdll__tolower(int c) { return c - 'A' + 'a'; }
int WINAPI ntdll__toupper(int c) { return c - 'a' + 'A'; }
int WINAPI ntdll_iswascii(WCHAR c) { return c < 0x80; }

int WINAPI ntdll__memicmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (size_t i = 0; i < n; i++) {
        int d = lower_a(p[i]) - lower_a(q[i]);
        if (d)
            return d;
    }
    return 0;
}

void *WINAPI ntdll__memccpy(void *d, const void *s, int c, size_t n)
{
    unsigned char *dst = d;
    const unsigned char *src = s;
    for (size_t i = 0; i < n; i++) {
        dst[i] = src[i];
        if (src[i] == (unsigned char)c)
            return dst + i + 1;
    }
    return NULL;
}

static bool in_set(WCHAR c, const WCHAR *set)
{
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

size_t WINAPI ntdll_wcsspn(const WCHAR *s, const WCHAR *set)
{
    size_t n = 0;
    while (s[n] && in_set(s[n], set))
        n++;
    return n;
}

size_t WINAPI ntdll_wcscspn(const WCHAR *s, const WCHAR *set)
{
    size_t n = 0;
    while (s[n] && !in_set(s[n], set))
        n++;
    return n;
}

WCHAR *WINAPI ntdll_wcspbrk(const WCHAR *s, const WCHAR *set)
{
    s += ntdll_wcscspn(s, set);
    return *s ? (WCHAR *)s : NULL;
}

WCHAR *WINAPI ntdll_wcsncat(WCHAR *d, const WCHAR *s, size_t n)
{
    WCHAR *p = d + RtlpWcslen(d);
    while (n-- && *s)
        *p++ = *s++;
    *p = 0;
    return d;
}

/* Saturating at the 64-bit limits, as msvcrt's do (without errno: ntdll has none). */
LONGLONG WINAPI ntdll__wcstoi64(const WCHAR *s, WCHAR **end, int base)
{
    const WCHAR *e;
    bool neg, ov;
    unsigned long long v = parse_w(s, &e, base, (unsigned long long)LLONG_MAX + 1, &neg, &ov);
    if (end)
        *end = (WCHAR *)e;
    if (!neg && v > LLONG_MAX)
        return LLONG_MAX;
    return neg ? (LONGLONG)(0 - v) : (LONGLONG)v;
}

ULONGLONG WINAPI ntdll__wcstoui64(const WCHAR *s, WCHAR **end, int base)
{
    const WCHAR *e;
    bool neg, ov;
    unsigned long long v = parse_w(s, &e, base, ULLONG_MAX, &neg, &ov);
    if (end)
        *end = (WCHAR *)e;
    return ov ? ULLONG_MAX : neg ? 0 - v : v;
}

/* The ANSI code page (UTF-8 in ntexec). dst NULL: the length the conversion needs, without the NUL. */
size_t WINAPI ntdll_mbstowcs(WCHAR *dst, const char *src, size_t n)
{
    ULONG bytes;
    if (!dst) {
        RtlMultiByteToUnicodeSize(&bytes, src, (ULONG)strlen(src));
        return bytes / sizeof(WCHAR);
    }
    ULONG room = n > 0x7FFFFFFF / sizeof(WCHAR) ? 0x7FFFFFFF : (ULONG)(n * sizeof(WCHAR));
    RtlMultiByteToUnicodeN(dst, room, &bytes, src, (ULONG)strlen(src));
    size_t len = bytes / sizeof(WCHAR);
    if (len < n)
        dst[len] = 0;
    return len;
}

size_t WINAPI ntdll_wcstombs(char *dst, const WCHAR *src, size_t n)
{
    ULONG bytes;
    ULONG units = (ULONG)RtlpWcslen(src) * sizeof(WCHAR);
    if (!dst) {
        RtlUnicodeToMultiByteSize(&bytes, src, units);
        return bytes;
    }
    RtlUnicodeToMultiByteN(dst, n > 0x7FFFFFFF ? 0x7FFFFFFF : (ULONG)n, &bytes, src, units);
    if (bytes < n)
        dst[bytes] = 0;
    return bytes;
}

int WINAPI ntdll__vscprintf(const char *fmt, __builtin_ms_va_list ap)
{
    return CrtFormatBufferA(NULL, 0, NTDLL_PRINTF, NULL, fmt, ap, NULL);
}

int WINAPI ntdll__vscwprintf(const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return CrtFormatBufferW(NULL, 0, NTDLL_PRINTF, NULL, fmt, ap, NULL);
}

/* "C:\dir\sub\name.ext" -> "C:", "\dir\sub\", "name", ".ext" (the extension from the last dot of the
 * last component); any of the outputs may be NULL. */
void WINAPI ntdll__splitpath(const char *path, char *drive, char *dir, char *fname, char *ext)
{
    const char *p = path;
    if (p[0] && p[1] == ':') {
        if (drive) {
            drive[0] = p[0];
            drive[1] = ':';
            drive[2] = 0;
        }
        p += 2;
    } else if (drive) {
        drive[0] = 0;
    }
    const char *name = p, *dot = NULL;
    for (const char *q = p; *q; q++)
        if (*q == '\\' || *q == '/')
            name = q + 1;
    for (const char *q = name; *q; q++)
        if (*q == '.')
            dot = q;
    if (!dot)
        dot = name + strlen(name);
    if (dir) {
        memcpy(dir, p, (size_t)(name - p));
        dir[name - p] = 0;
    }
    if (fname) {
        memcpy(fname, name, (size_t)(dot - name));
        fname[dot - name] = 0;
    }
    if (ext)
        strcpy(ext, dot);
}

/* ---- the secure copies: errno_t results (EINVAL 22, ERANGE 34, STRUNCATE 80), no handler in ntdll ---------- */

#define NT_EINVAL    22
#define NT_ERANGE    34
#define NT_STRUNCATE 80

int WINAPI ntdll_memcpy_s(void *d, size_t size, const void *s, size_t n)
{
    if (!n)
        return 0;
    if (!d)
        return NT_EINVAL;
    if (!s) {
        memset(d, 0, size);
        return NT_EINVAL;
    }
    if (size < n) {
        memset(d, 0, size);
        return NT_ERANGE;
    }
    memmove(d, s, n);
    return 0;
}

int WINAPI ntdll_memmove_s(void *d, size_t size, const void *s, size_t n)
{
    if (!n)
        return 0;
    if (!d || !s)
        return NT_EINVAL;
    if (size < n)
        return NT_ERANGE;
    memmove(d, s, n);
    return 0;
}

#define SECURE_COPIES(CH, SUFFIX, LEN)                                                                    \
    int WINAPI ntdll_##SUFFIX##cpy_s(CH *d, size_t size, const CH *s)                                     \
    {                                                                                                     \
        if (!d || !size)                                                                                  \
            return NT_EINVAL;                                                                             \
        if (!s) {                                                                                         \
            d[0] = 0;                                                                                     \
            return NT_EINVAL;                                                                             \
        }                                                                                                 \
        size_t n = LEN(s);                                                                                \
        if (n >= size) { /* what fits is copied, then the string reset (ucrt does the same) */            \
            memmove(d, s, size * sizeof(CH));                                                             \
            d[0] = 0;                                                                                     \
            return NT_ERANGE;                                                                             \
        }                                                                                                 \
        memmove(d, s, (n + 1) * sizeof(CH));                                                              \
        return 0;                                                                                         \
    }                                                                                                     \
    int WINAPI ntdll_##SUFFIX##cat_s(CH *d, size_t size, const CH *s)                                     \
    {                                                                                                     \
        if (!d || !size)                                                                                  \
            return NT_EINVAL;                                                                             \
        if (!s) {                                                                                         \
            d[0] = 0;                                                                                     \
            return NT_EINVAL;                                                                             \
        }                                                                                                 \
        size_t used = 0;                                                                                  \
        while (used < size && d[used])                                                                    \
            used++;                                                                                       \
        if (used == size) /* not terminated inside its buffer: EINVAL, left as it is (the documentation) */ \
            return NT_EINVAL;                                                                             \
        size_t n = LEN(s);                                                                                \
        if (n >= size - used) {                                                                           \
            memmove(d + used, s, (size - used) * sizeof(CH));                                             \
            d[0] = 0;                                                                                     \
            return NT_ERANGE;                                                                             \
        }                                                                                                 \
        memmove(d + used, s, (n + 1) * sizeof(CH));                                                       \
        return 0;                                                                                         \
    }                                                                                                     \
    int WINAPI ntdll_##SUFFIX##ncpy_s(CH *d, size_t size, const CH *s, size_t count)                      \
    {                                                                                                     \
        if (!count && !d && !size)                                                                        \
            return 0;                                                                                     \
        if (!d || !size)                                                                                  \
            return NT_EINVAL;                                                                             \
        if (!count) {                                                                                     \
            d[0] = 0;                                                                                     \
            return 0;                                                                                     \
        }                                                                                                 \
        if (!s) {                                                                                         \
            d[0] = 0;                                                                                     \
            return NT_EINVAL;                                                                             \
        }                                                                                                 \
        size_t n = 0;                                                                                     \
        while (n < count && s[n])                                                                         \
            n++;                                                                                          \
        if (n >= size) {                                                                                  \
            if (count == NTDLL_TRUNCATE) {                                                                \
                memmove(d, s, (size - 1) * sizeof(CH));                                                   \
                d[size - 1] = 0;                                                                          \
                return NT_STRUNCATE;                                                                      \
            }                                                                                             \
            memmove(d, s, (size - 1) * sizeof(CH));                                                       \
            d[0] = 0;                                                                                     \
            return NT_ERANGE;                                                                             \
        }                                                                                                 \
        memmove(d, s, n * sizeof(CH));                                                                    \
        d[n] = 0;                                                                                         \
        return 0;                                                                                         \
    }
SECURE_COPIES(char, str, strlen)
SECURE_COPIES(WCHAR, wcs, RtlpWcslen)

/* ---- math: the few functions ntdll exports (x64 ntdll carries them for code without a CRT) ------------------ */

double WINAPI ntdll_sin(double x) { return sin(x); }
double WINAPI ntdll_cos(double x) { return cos(x); }
double WINAPI ntdll_tan(double x) { return tan(x); }
double WINAPI ntdll_atan(double x) { return atan(x); }
double WINAPI ntdll_atan2(double y, double x) { return atan2(y, x); }
double WINAPI ntdll_log(double x) { return log(x); }
double WINAPI ntdll_pow(double x, double y) { return pow(x, y); }
double WINAPI ntdll_sqrt(double x) { return sqrt(x); }
double WINAPI ntdll_fabs(double x) { return fabs(x); }
double WINAPI ntdll_ceil(double x) { return ceil(x); }
double WINAPI ntdll_floor(double x) { return floor(x); }
