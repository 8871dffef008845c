/*
 * Multibyte <-> wide conversions of the "C" locale and the _mbs* family.
 *
 * In the "C" locale of both CRTs a byte b is the wide character U+00bb and back; a wide character above
 * U+00FF has no multibyte form (EILSEQ). The _mbs* functions work in the multibyte code page (_getmbcp),
 * which is single-byte here (no lead bytes), so they are the byte-string functions under other names.
 * ucrt's uchar.h functions (mbrtoc16, c16rtomb, ...) always speak UTF-8, whatever the locale.
 */
#include <string.h>

#include "crt/lib.h"
#include "ntdll/rtl/rtl.h"

#define CRT_WEOF 0xFFFF

/* ---- single characters ------------------------------------------------------------------------------------ */

/* The "C" locale's multibyte form of wc: one byte for U+0000..U+00FF, none above. */
static int encode(WCHAR wc, char *out)
{
    if (wc > 0xFF)
        return -1;
    *out = (char)wc;
    return 1;
}

int WINAPI crt_mblen(const char *s, size_t n)
{
    return !s || !n || !*s ? 0 : 1;
}

int WINAPI crt__mblen_l(const char *s, size_t n, void *l) { (void)l; return crt_mblen(s, n); }

int WINAPI crt_mbtowc(WCHAR *wc, const char *s, size_t n)
{
    if (!s || !n)
        return 0;
    if (wc)
        *wc = (unsigned char)*s;
    return *s ? 1 : 0;
}

int WINAPI crt__mbtowc_l(WCHAR *wc, const char *s, size_t n, void *l) { (void)l; return crt_mbtowc(wc, s, n); }

int WINAPI crt_wctomb(char *s, WCHAR wc)
{
    if (!s)
        return 0;
    int r = encode(wc, s);
    if (r < 0)
        crt_set_errno(CRT_EILSEQ);
    return r;
}

int WINAPI crt__wctomb_l(char *s, WCHAR wc, void *l) { (void)l; return crt_wctomb(s, wc); }

static int wctomb_s_impl(CRT_FLAVOR f, int *ret, char *s, size_t size, WCHAR wc)
{
    if (ret)
        *ret = -1;
    if (!s) {
        if (size)
            return crt_invalid(f, CRT_EINVAL);
        if (ret)
            *ret = 0;   /* no state-dependent encodings */
        return 0;
    }
    char tmp[4];
    int n = encode(wc, tmp);
    if (n < 0) {
        crt_set_errno(CRT_EILSEQ);
        return CRT_EILSEQ;
    }
    if ((size_t)n > size)
        return crt_invalid(f, CRT_ERANGE);
    memcpy(s, tmp, (size_t)n);
    if (ret)
        *ret = n;
    return 0;
}
CRT_FLAVORS(int, wctomb_s, (int *ret, char *s, size_t size, WCHAR wc), ret, s, size, wc)
static int _wctomb_s_l_impl(CRT_FLAVOR f, int *ret, char *s, size_t size, WCHAR wc, void *l) { (void)l; return wctomb_s_impl(f, ret, s, size, wc); }
CRT_FLAVORS(int, _wctomb_s_l, (int *ret, char *s, size_t size, WCHAR wc, void *l), ret, s, size, wc, l)

WCHAR WINAPI crt_btowc(int c)
{
    return c == -1 ? CRT_WEOF : (WCHAR)(unsigned char)c;
}

int WINAPI crt_wctob(WCHAR wc)
{
    return wc > 0xFF ? -1 : wc;
}

/* The restartable forms keep no state: every character is one byte. */
size_t WINAPI crt_mbrtowc(WCHAR *wc, const char *s, size_t n, uint32_t *state)
{
    (void)state;
    if (!s)
        return 0;
    if (!n)
        return (size_t)-2;
    if (wc)
        *wc = (unsigned char)*s;
    return *s ? 1 : 0;
}

size_t WINAPI crt_mbrlen(const char *s, size_t n, uint32_t *state)
{
    return crt_mbrtowc(NULL, s, n, state);
}

size_t WINAPI crt_wcrtomb(char *s, WCHAR wc, uint32_t *state)
{
    if (state)
        *state = 0;
    if (!s)
        return 1;
    int r = encode(wc, s);
    if (r < 0) {
        crt_set_errno(CRT_EILSEQ);
        return (size_t)-1;
    }
    return (size_t)r;
}

static int wcrtomb_s_impl(CRT_FLAVOR f, size_t *ret, char *s, size_t size, WCHAR wc, uint32_t *state)
{
    if (ret)
        *ret = (size_t)-1;
    if (s && !size)
        return crt_invalid(f, CRT_EINVAL);
    if (state)
        *state = 0;
    if (!s) {
        if (ret)
            *ret = 1;
        return 0;
    }
    if (encode(wc, s) < 0) {
        crt_set_errno(CRT_EILSEQ);
        return CRT_EILSEQ;
    }
    if (ret)
        *ret = 1;
    return 0;
}
CRT_FLAVORS(int, wcrtomb_s, (size_t *ret, char *s, size_t size, WCHAR wc, uint32_t *state), ret, s, size, wc, state)

/* ---- strings ------------------------------------------------------------------------------------------------- */

/* Widens up to n characters of s (all of it with d NULL); returns the count without NUL. *used: the bytes
 * consumed, or (size_t)-1 when the NUL was reached. */
static size_t to_wide(WCHAR *d, const char *s, size_t n, size_t *used)
{
    size_t i = 0;
    for (; !d || i < n; i++) {
        if (d)
            d[i] = (unsigned char)s[i];
        if (!s[i]) {
            if (used)
                *used = (size_t)-1;
            return i;
        }
    }
    if (used)
        *used = i;
    return i;
}

/* Narrows into at most n bytes of d (all of s with d NULL); (size_t)-1 at an unconvertible character.
 * *consumed: the characters taken, or (size_t)-1 when the NUL was reached. */
static size_t to_multibyte(char *d, const WCHAR *s, size_t n, size_t *consumed)
{
    size_t i = 0;
    for (; !d || i < n; i++) {
        if (s[i] > 0xFF) {
            crt_set_errno(CRT_EILSEQ);
            if (consumed)
                *consumed = i;
            return (size_t)-1;
        }
        if (d)
            d[i] = (char)s[i];
        if (!s[i]) {
            if (consumed)
                *consumed = (size_t)-1;
            return i;
        }
    }
    if (consumed)
        *consumed = i;
    return i;
}

size_t WINAPI crt_mbstowcs(WCHAR *d, const char *s, size_t n)
{
    return to_wide(d, s, n, NULL);
}

size_t WINAPI crt__mbstowcs_l(WCHAR *d, const char *s, size_t n, void *l) { (void)l; return crt_mbstowcs(d, s, n); }

size_t WINAPI crt_wcstombs(char *d, const WCHAR *s, size_t n)
{
    return to_multibyte(d, s, n, NULL);
}

size_t WINAPI crt__wcstombs_l(char *d, const WCHAR *s, size_t n, void *l) { (void)l; return crt_wcstombs(d, s, n); }

size_t WINAPI crt_mbsrtowcs(WCHAR *d, const char **src, size_t n, uint32_t *state)
{
    (void)state;
    size_t used;
    size_t r = to_wide(d, *src, n, &used);
    if (d)
        *src = used == (size_t)-1 ? NULL : *src + used;
    return r;
}

size_t WINAPI crt_wcsrtombs(char *d, const WCHAR **src, size_t n, uint32_t *state)
{
    if (state)
        *state = 0;
    size_t consumed;
    size_t r = to_multibyte(d, *src, n, &consumed);
    if (d)
        *src = consumed == (size_t)-1 ? NULL : *src + consumed;
    return r;
}

/*
 * mbstowcs_s(ret, dst, size, src, count): converts at most count characters (_TRUNCATE: what fits) and
 * always terminates; *ret counts the terminator. With dst NULL only the size needed is returned.
 */
static int mbstowcs_s_impl(CRT_FLAVOR f, size_t *ret, WCHAR *d, size_t size, const char *s, size_t count)
{
    if (ret)
        *ret = 0;
    if ((!d && size) || (d && !size) || !s)
        return crt_invalid(f, CRT_EINVAL);
    size_t len = strlen(s);
    if (!d) {
        if (ret)
            *ret = len + 1;
        return 0;
    }
    size_t n = len < count ? len : count;
    int e = 0;
    if (n >= size) {
        if (count != CRT_TRUNCATE) {
            d[0] = 0;
            return crt_invalid(f, CRT_ERANGE);
        }
        n = size - 1;
        e = CRT_STRUNCATE;
    }
    to_wide(d, s, n, NULL);
    d[n] = 0;
    if (ret)
        *ret = n + 1;
    return e;
}
CRT_FLAVORS(int, mbstowcs_s, (size_t *ret, WCHAR *d, size_t size, const char *s, size_t count), ret, d, size, s, count)
static int _mbstowcs_s_l_impl(CRT_FLAVOR f, size_t *ret, WCHAR *d, size_t size, const char *s, size_t count, void *l) { (void)l; return mbstowcs_s_impl(f, ret, d, size, s, count); }
CRT_FLAVORS(int, _mbstowcs_s_l, (size_t *ret, WCHAR *d, size_t size, const char *s, size_t count, void *l), ret, d, size, s, count, l)

/* wcstombs_s: count is in bytes of output. */
static int wcstombs_s_impl(CRT_FLAVOR f, size_t *ret, char *d, size_t size, const WCHAR *s, size_t count)
{
    if (ret)
        *ret = 0;
    if ((!d && size) || (d && !size) || !s)
        return crt_invalid(f, CRT_EINVAL);
    size_t len = to_multibyte(NULL, s, 0, NULL);
    if (len == (size_t)-1) {
        if (d)
            d[0] = 0;
        return CRT_EILSEQ;
    }
    if (!d) {
        if (ret)
            *ret = len + 1;
        return 0;
    }
    size_t n = len < count ? len : count;
    int e = 0;
    if (n >= size) {
        if (count != CRT_TRUNCATE) {
            d[0] = 0;
            return crt_invalid(f, CRT_ERANGE);
        }
        n = size - 1;
        e = CRT_STRUNCATE;
    }
    to_multibyte(d, s, n, NULL);
    d[n] = 0;
    if (ret)
        *ret = n + 1;
    return e;
}
CRT_FLAVORS(int, wcstombs_s, (size_t *ret, char *d, size_t size, const WCHAR *s, size_t count), ret, d, size, s, count)
static int _wcstombs_s_l_impl(CRT_FLAVOR f, size_t *ret, char *d, size_t size, const WCHAR *s, size_t count, void *l) { (void)l; return wcstombs_s_impl(f, ret, d, size, s, count); }
CRT_FLAVORS(int, _wcstombs_s_l, (size_t *ret, char *d, size_t size, const WCHAR *s, size_t count, void *l), ret, d, size, s, count, l)

static int mbsrtowcs_s_impl(CRT_FLAVOR f, size_t *ret, WCHAR *d, size_t size, const char **src, size_t count, uint32_t *state)
{
    (void)state;
    if (!src)
        return crt_invalid(f, CRT_EINVAL);
    int e = mbstowcs_s_impl(f, ret, d, size, *src, count);
    if (!e && d)
        *src = NULL;
    return e;
}
CRT_FLAVORS(int, mbsrtowcs_s, (size_t *ret, WCHAR *d, size_t size, const char **src, size_t count, uint32_t *state), ret, d, size, src, count, state)

static int wcsrtombs_s_impl(CRT_FLAVOR f, size_t *ret, char *d, size_t size, const WCHAR **src, size_t count, uint32_t *state)
{
    (void)state;
    if (!src)
        return crt_invalid(f, CRT_EINVAL);
    int e = wcstombs_s_impl(f, ret, d, size, *src, count);
    if (!e && d)
        *src = NULL;
    return e;
}
CRT_FLAVORS(int, wcsrtombs_s, (size_t *ret, char *d, size_t size, const WCHAR **src, size_t count, uint32_t *state), ret, d, size, src, count, state)

size_t WINAPI crt__mbstrlen(const char *s) { return strlen(s); }
size_t WINAPI crt__mbstrlen_l(const char *s, void *l) { (void)l; return strlen(s); }
size_t WINAPI crt__mbstrnlen(const char *s, size_t n) { return crt_strnlen_internal(s, n); }
size_t WINAPI crt__mbstrnlen_l(const char *s, size_t n, void *l) { (void)l; return crt__mbstrnlen(s, n); }

/* ---- uchar.h (ucrt): always UTF-8 ---------------------------------------------------------------------------- */

/* The state holds a pending low surrogate (mbrtoc16) or the bytes still expected and the partial code point. */
size_t WINAPI crt_mbrtoc32(uint32_t *out, const char *s, size_t n, uint32_t *state)
{
    static _Thread_local uint32_t internal;
    if (!state)
        state = &internal;
    if (!s)
        return crt_mbrtoc32(NULL, "", 1, state);
    uint32_t need = *state >> 24, cp = *state & 0x1FFFFF;
    size_t used = 0;
    while (used < n) {
        unsigned char b = (unsigned char)s[used++];
        if (!need) {
            if (b < 0x80) {
                cp = b;
            } else if (b >= 0xC2 && b < 0xE0) {
                cp = b & 0x1F, need = 1;
            } else if (b >= 0xE0 && b < 0xF0) {
                cp = b & 0x0F, need = 2;
            } else if (b >= 0xF0 && b < 0xF5) {
                cp = b & 0x07, need = 3;
            } else {
                goto bad;
            }
        } else {
            if ((b & 0xC0) != 0x80)
                goto bad;
            cp = cp << 6 | (b & 0x3F);
            need--;
        }
        if (!need) {
            if ((cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
                goto bad;
            *state = 0;
            if (out)
                *out = cp;
            return cp ? used : 0;
        }
    }
    *state = need << 24 | cp;
    return (size_t)-2;
bad:
    *state = 0;
    crt_set_errno(CRT_EILSEQ);
    return (size_t)-1;
}

size_t WINAPI crt_c32rtomb(char *s, uint32_t c, uint32_t *state)
{
    if (state)
        *state = 0;
    if (!s)
        return 1;
    if ((c >= 0xD800 && c < 0xE000) || c > 0x10FFFF) {
        crt_set_errno(CRT_EILSEQ);
        return (size_t)-1;
    }
    return RtlpEncodeUtf8(c, (unsigned char *)s);
}

size_t WINAPI crt_mbrtoc16(WCHAR *out, const char *s, size_t n, uint32_t *state)
{
    static _Thread_local uint32_t internal;
    if (!state)
        state = &internal;
    if (*state >> 31) {   /* the second half of a surrogate pair is pending */
        if (out)
            *out = (WCHAR)(*state & 0xFFFF);
        *state = 0;
        return (size_t)-3;
    }
    uint32_t cp;
    size_t r = crt_mbrtoc32(&cp, s, n, state);
    if (r >= (size_t)-2 || !s)
        return r;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        if (out)
            *out = (WCHAR)(0xD800 | cp >> 10);
        *state = 1u << 31 | (0xDC00 | (cp & 0x3FF));
    } else if (out) {
        *out = (WCHAR)cp;
    }
    return r;
}

size_t WINAPI crt_c16rtomb(char *s, WCHAR c, uint32_t *state)
{
    static _Thread_local uint32_t internal;
    if (!state)
        state = &internal;
    if (!s) {
        *state = 0;
        return 1;
    }
    if (*state) {   /* a high surrogate came before */
        uint32_t high = *state;
        *state = 0;
        if (c < 0xDC00 || c > 0xDFFF) {
            crt_set_errno(CRT_EILSEQ);
            return (size_t)-1;
        }
        return crt_c32rtomb(s, 0x10000 + ((high - 0xD800) << 10) + (c - 0xDC00), NULL);
    }
    if (c >= 0xD800 && c < 0xDC00) {
        *state = c;
        return 0;
    }
    return crt_c32rtomb(s, c, NULL);
}

/* ---- _mbs*: the multibyte code page is single-byte ---------------------------------------------------------------- */

static int mbcp;   /* _getmbcp(): 0, the "C" locale's */

int WINAPI crt__getmbcp(void) { return mbcp; }

/* _setmbcp: the single-byte pages and the pseudo pages (_MB_CP_SBCS 0, _MB_CP_OEM -2, _MB_CP_ANSI -3,
 * _MB_CP_LOCALE -4) are accepted; DBCS pages are not implemented (EINVAL). */
int WINAPI crt__setmbcp(int cp)
{
    if (cp == 0 || cp == -2 || cp == -3 || cp == -4 || cp == 65001 || cp == 1252 || cp == 437 || cp == 850 ||
        cp == 28591) {
        mbcp = cp == -2 || cp == -3 ? 65001 : cp == -4 ? 0 : cp;
        return 0;
    }
    crt_set_errno(CRT_EINVAL);
    return -1;
}

unsigned char *WINAPI crt__mbsinc(const unsigned char *s) { return (unsigned char *)s + 1; }
unsigned char *WINAPI crt__mbsdec(const unsigned char *start, const unsigned char *s) { return s > start ? (unsigned char *)s - 1 : NULL; }
unsigned char *WINAPI crt__mbsninc(const unsigned char *s, size_t n) { return s ? (unsigned char *)s + crt_strnlen_internal((const char *)s, n) : NULL; }
size_t WINAPI crt__mbclen(const unsigned char *s) { (void)s; return 1; }
unsigned WINAPI crt__mbsnextc(const unsigned char *s) { return *s; }
size_t WINAPI crt__mbsnbcnt(const unsigned char *s, size_t n) { return crt_strnlen_internal((const char *)s, n); }
size_t WINAPI crt__mbsnccnt(const unsigned char *s, size_t n) { return crt_strnlen_internal((const char *)s, n); }
int WINAPI crt__ismbblead(unsigned c) { (void)c; return 0; }
int WINAPI crt__ismbbtrail(unsigned c) { (void)c; return 0; }
int WINAPI crt__ismbslead(const unsigned char *start, const unsigned char *s) { (void)start; (void)s; return 0; }
int WINAPI crt__ismbstrail(const unsigned char *start, const unsigned char *s) { (void)start; (void)s; return 0; }
int WINAPI crt__mbbtype(unsigned char c, int type) { (void)c; return type == 1 ? -1 : 0; }  /* _MBC_SINGLE, _MBC_ILLEGAL after a lead */
int WINAPI crt__mbsbtype(const unsigned char *s, size_t n) { return crt_strnlen_internal((const char *)s, n) < n ? -1 : 0; }
void WINAPI crt__mbccpy(unsigned char *d, const unsigned char *s) { *d = *s; }
unsigned WINAPI crt__mbctolower(unsigned c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
unsigned WINAPI crt__mbctoupper(unsigned c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
unsigned WINAPI crt__mbctombb(unsigned c) { return c; }
unsigned WINAPI crt__mbbtombc(unsigned c) { return c; }

unsigned char *WINAPI crt__mbsspnp(const unsigned char *s, const unsigned char *set)
{
    s += strspn((const char *)s, (const char *)set);
    return *s ? (unsigned char *)s : NULL;
}

unsigned char *WINAPI crt__mbstok(unsigned char *s, const unsigned char *delim)
{
    return (unsigned char *)crt_strtok_core((char *)s, (const char *)delim, &crt_lib_thread()->mbstok_next);
}

/* The class tests of single-byte characters are the ctype ones. */
int WINAPI crt_isalpha(int c);
int WINAPI crt_isdigit(int c);
int WINAPI crt_isalnum(int c);
int WINAPI crt_isupper(int c);
int WINAPI crt_islower(int c);
int WINAPI crt_isspace(int c);
int WINAPI crt_ispunct(int c);
int WINAPI crt_isprint(int c);
int WINAPI crt_isgraph(int c);
int WINAPI crt__ismbcalpha(unsigned c) { return c < 256 && crt_isalpha((int)c); }
int WINAPI crt__ismbcdigit(unsigned c) { return c < 256 && crt_isdigit((int)c); }
int WINAPI crt__ismbcalnum(unsigned c) { return c < 256 && crt_isalnum((int)c); }
int WINAPI crt__ismbcupper(unsigned c) { return c < 256 && crt_isupper((int)c); }
int WINAPI crt__ismbclower(unsigned c) { return c < 256 && crt_islower((int)c); }
int WINAPI crt__ismbcspace(unsigned c) { return c < 256 && crt_isspace((int)c); }
int WINAPI crt__ismbcpunct(unsigned c) { return c < 256 && crt_ispunct((int)c); }
int WINAPI crt__ismbcprint(unsigned c) { return c < 256 && crt_isprint((int)c); }
int WINAPI crt__ismbcgraph(unsigned c) { return c < 256 && crt_isgraph((int)c); }
int WINAPI crt__ismbclegal(unsigned c) { (void)c; return 0; }
int WINAPI crt__ismbbalpha(unsigned c) { return crt__ismbcalpha(c & 0xFF); }
int WINAPI crt__ismbbalnum(unsigned c) { return crt__ismbcalnum(c & 0xFF); }
int WINAPI crt__ismbbprint(unsigned c) { return crt__ismbcprint(c & 0xFF); }
int WINAPI crt__ismbbpunct(unsigned c) { return crt__ismbcpunct(c & 0xFF); }
int WINAPI crt__ismbbgraph(unsigned c) { return crt__ismbcgraph(c & 0xFF); }
int WINAPI crt__ismbbkana(unsigned c) { (void)c; return 0; }
