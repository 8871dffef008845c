/*
 * string.h of the CRTs: memory and byte-string functions, the _str* extensions and the bounds-checked _s
 * family. The byte functions behave like the host C library's in the "C" locale, so they are thin
 * Microsoft-ABI wrappers; case mapping and collation use the "C" locale (ASCII), as the CRTs do by default.
 *
 * _s functions differ between the faces only in what an invalid argument does (lib.h:
 * crt_invalid_parameter), so each has an msvcrt and a ucrt export over one implementation.
 */
#include <string.h>

#include "crt/lib.h"

void *WINAPI crt_memcpy(void *d, const void *s, size_t n) { return memmove(d, s, n); }  /* overlap-safe, as msvcrt's is */
void *WINAPI crt_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *WINAPI crt_memset(void *d, int c, size_t n) { return memset(d, c, n); }
/* The x64 CRTs answer comparisons with -1, 0 or 1. */
int WINAPI crt_memcmp(const void *a, const void *b, size_t n) { int r = memcmp(a, b, n); return (r > 0) - (r < 0); }
void *WINAPI crt_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }
size_t WINAPI crt_strlen(const char *s) { return strlen(s); }
size_t crt_strnlen_internal(const char *s, size_t n) { const char *e = memchr(s, 0, n); return e ? (size_t)(e - s) : n; }
size_t WINAPI crt_strnlen(const char *s, size_t n) { return crt_strnlen_internal(s, n); }
int WINAPI crt_strcmp(const char *a, const char *b) { int r = strcmp(a, b); return (r > 0) - (r < 0); }
int WINAPI crt_strncmp(const char *a, const char *b, size_t n) { int r = strncmp(a, b, n); return (r > 0) - (r < 0); }
char *WINAPI crt_strcpy(char *d, const char *s) { return strcpy(d, s); }
char *WINAPI crt_strncpy(char *d, const char *s, size_t n) { return strncpy(d, s, n); }
char *WINAPI crt_strcat(char *d, const char *s) { return strcat(d, s); }
char *WINAPI crt_strncat(char *d, const char *s, size_t n) { return strncat(d, s, n); }
char *WINAPI crt_strchr(const char *s, int c) { return strchr(s, c); }
char *WINAPI crt_strrchr(const char *s, int c) { return strrchr(s, c); }
char *WINAPI crt_strstr(const char *s, const char *t) { return strstr(s, t); }
size_t WINAPI crt_strspn(const char *s, const char *t) { return strspn(s, t); }
size_t WINAPI crt_strcspn(const char *s, const char *t) { return strcspn(s, t); }
char *WINAPI crt_strpbrk(const char *s, const char *t) { return strpbrk(s, t); }

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* ---- case-insensitive comparison and collation ("C" locale) ------------------------------------------- */

int WINAPI crt_strnicmp(const char *a, const char *b, size_t n)
{
    if (!n)
        return 0;
    if (!a || !b) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return CRT_NLSCMPERROR;
    }
    for (; n; n--, a++, b++) {
        int x = lower((unsigned char)*a), y = lower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

int WINAPI crt_stricmp(const char *a, const char *b)
{
    return crt_strnicmp(a, b, (size_t)-1);
}

int WINAPI crt_stricmp_l(const char *a, const char *b, void *locale) { (void)locale; return crt_stricmp(a, b); }
int WINAPI crt_strnicmp_l(const char *a, const char *b, size_t n, void *locale) { (void)locale; return crt_strnicmp(a, b, n); }

int WINAPI crt_memicmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    if (n && (!a || !b)) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return CRT_NLSCMPERROR;
    }
    for (; n; n--, x++, y++) {
        int p = lower(*x), q = lower(*y);
        if (p != q)
            return p - q;
    }
    return 0;
}

int WINAPI crt_memicmp_l(const void *a, const void *b, size_t n, void *locale) { (void)locale; return crt_memicmp(a, b, n); }

/* strcoll and friends in the "C" locale compare bytes (_stricoll: case-folded), as strcmp does. */
int WINAPI crt_strcoll(const char *a, const char *b) { return crt_strcmp(a, b); }
int WINAPI crt_strcoll_l(const char *a, const char *b, void *locale) { (void)locale; return crt_strcmp(a, b); }
int WINAPI crt_stricoll(const char *a, const char *b) { return crt_stricmp(a, b); }
int WINAPI crt_stricoll_l(const char *a, const char *b, void *locale) { (void)locale; return crt_stricmp(a, b); }
int WINAPI crt_strncoll(const char *a, const char *b, size_t n) { return crt_strncmp(a, b, n); }
int WINAPI crt_strncoll_l(const char *a, const char *b, size_t n, void *locale) { (void)locale; return crt_strncmp(a, b, n); }
int WINAPI crt_strnicoll(const char *a, const char *b, size_t n) { return crt_strnicmp(a, b, n); }
int WINAPI crt_strnicoll_l(const char *a, const char *b, size_t n, void *locale) { (void)locale; return crt_strnicmp(a, b, n); }

/* strxfrm in the "C" locale is a copy; the length of the transformed string is returned even when it does
 * not fit (the buffer then holds what fitted, unterminated, as the CRT leaves it). */
size_t WINAPI crt_strxfrm(char *d, const char *s, size_t n)
{
    size_t len = strlen(s);
    if (d && n)
        memcpy(d, s, len < n ? len + 1 : n);
    return len;
}

size_t WINAPI crt_strxfrm_l(char *d, const char *s, size_t n, void *locale) { (void)locale; return crt_strxfrm(d, s, n); }

/* ---- _str* extensions --------------------------------------------------------------------------------------- */

char *WINAPI crt_strdup_export(const char *s)
{
    return s ? crt_strdup(s) : NULL;
}

char *WINAPI crt_strlwr(char *s)
{
    for (char *p = s; p && *p; p++)
        *p = (char)lower((unsigned char)*p);
    return s;
}

char *WINAPI crt_strupr(char *s)
{
    for (char *p = s; p && *p; p++)
        *p = (char)upper((unsigned char)*p);
    return s;
}

char *WINAPI crt_strlwr_l(char *s, void *locale) { (void)locale; return crt_strlwr(s); }
char *WINAPI crt_strupr_l(char *s, void *locale) { (void)locale; return crt_strupr(s); }

char *WINAPI crt_strrev(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return s;
}

char *WINAPI crt_strset(char *s, int c)
{
    for (char *p = s; *p; p++)
        *p = (char)c;
    return s;
}

char *WINAPI crt_strnset(char *s, int c, size_t n)
{
    for (char *p = s; n && *p; p++, n--)
        *p = (char)c;
    return s;
}

void *WINAPI crt_memccpy(void *d, const void *s, int c, size_t n)
{
    unsigned char *dst = d;
    const unsigned char *src = s;
    for (; n; n--) {
        *dst = *src++;
        if (*dst++ == (unsigned char)c)
            return dst;
    }
    return NULL;
}

/* strtok keeps its position per thread (msvcrt's _token), as does strtok_s in the caller's context
 * (and _mbstok, whose bytes are the same in a single-byte code page). */
char *crt_strtok_core(char *s, const char *delim, char **next)
{
    if (!s)
        s = *next;
    if (!s)
        return NULL;
    s += strspn(s, delim);
    if (!*s) {
        *next = s;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end)
        *end++ = 0;
    *next = end;
    return s;
}

char *WINAPI crt_strtok(char *s, const char *delim)
{
    return crt_strtok_core(s, delim, &crt_thread()->strtok_next);
}

static char *strtok_s_impl(CRT_FLAVOR f, char *s, const char *delim, char **context)
{
    if (!context || !delim || (!s && !*context)) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    return crt_strtok_core(s, delim, context);
}
CRT_FLAVORS(char *, strtok_s, (char *s, const char *delim, char **context), s, delim, context)

void WINAPI crt_swab(char *src, char *dst, int n)
{
    for (int i = 0; i + 1 < n; i += 2) {
        char t = src[i];
        dst[i] = src[i + 1];
        dst[i + 1] = t;
    }
}

/* ---- bounds-checked copies ------------------------------------------------------------------------------------ */

static int memcpy_s_impl(CRT_FLAVOR f, void *d, size_t size, const void *s, size_t n)
{
    if (!n)
        return 0;
    if (!d)
        return crt_invalid(f, CRT_EINVAL);
    if (!s || size < n) {
        memset(d, 0, size);   /* memcpy_s clears the destination on failure */
        return crt_invalid(f, s ? CRT_ERANGE : CRT_EINVAL);
    }
    memmove(d, s, n);
    return 0;
}
CRT_FLAVORS(int, memcpy_s, (void *d, size_t size, const void *s, size_t n), d, size, s, n)

static int memmove_s_impl(CRT_FLAVOR f, void *d, size_t size, const void *s, size_t n)
{
    if (!n)
        return 0;
    if (!d || !s)
        return crt_invalid(f, CRT_EINVAL);
    if (size < n)
        return crt_invalid(f, CRT_ERANGE);
    memmove(d, s, n);
    return 0;
}
CRT_FLAVORS(int, memmove_s, (void *d, size_t size, const void *s, size_t n), d, size, s, n)

static int strcpy_s_impl(CRT_FLAVOR f, char *d, size_t size, const char *s)
{
    if (!d || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (!s) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = strlen(s);
    if (n >= size) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d, s, n + 1);
    return 0;
}
CRT_FLAVORS(int, strcpy_s, (char *d, size_t size, const char *s), d, size, s)

static int strcat_s_impl(CRT_FLAVOR f, char *d, size_t size, const char *s)
{
    if (!d || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (!s) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t len = crt_strnlen(d, size);
    if (len == size) {   /* the destination is not terminated */
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = strlen(s);
    if (n >= size - len) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d + len, s, n + 1);
    return 0;
}
CRT_FLAVORS(int, strcat_s, (char *d, size_t size, const char *s), d, size, s)

/* strncpy_s/strncat_s: count == _TRUNCATE copies what fits and returns STRUNCATE when cut. */
static int strncpy_s_impl(CRT_FLAVOR f, char *d, size_t size, const char *s, size_t count)
{
    if (!count && !d && !size)
        return 0;
    if (!d || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (!count) {
        d[0] = 0;
        return 0;
    }
    if (!s) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = crt_strnlen(s, count);
    if (count == CRT_TRUNCATE && n >= size) {
        memmove(d, s, size - 1);
        d[size - 1] = 0;
        return CRT_STRUNCATE;
    }
    if (n >= size) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d, s, n);
    d[n] = 0;
    return 0;
}
CRT_FLAVORS(int, strncpy_s, (char *d, size_t size, const char *s, size_t count), d, size, s, count)

static int strncat_s_impl(CRT_FLAVOR f, char *d, size_t size, const char *s, size_t count)
{
    if (!count && !d && !size)
        return 0;
    if (!d || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (!count)
        return 0;
    if (!s) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t len = crt_strnlen(d, size);
    if (len == size) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = crt_strnlen(s, count);
    size_t room = size - len;
    if (count == CRT_TRUNCATE && n >= room) {
        memmove(d + len, s, room - 1);
        d[size - 1] = 0;
        return CRT_STRUNCATE;
    }
    if (n >= room) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d + len, s, n);
    d[len + n] = 0;
    return 0;
}
CRT_FLAVORS(int, strncat_s, (char *d, size_t size, const char *s, size_t count), d, size, s, count)

/* In-place _s transformations: the string must be terminated within size. */
static int check_terminated(CRT_FLAVOR f, char *s, size_t size)
{
    if (!s || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (crt_strnlen(s, size) == size) {
        s[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    return 0;
}

static int strlwr_s_impl(CRT_FLAVOR f, char *s, size_t size)
{
    int e = check_terminated(f, s, size);
    if (!e)
        crt_strlwr(s);
    return e;
}
CRT_FLAVORS(int, strlwr_s, (char *s, size_t size), s, size)

static int strupr_s_impl(CRT_FLAVOR f, char *s, size_t size)
{
    int e = check_terminated(f, s, size);
    if (!e)
        crt_strupr(s);
    return e;
}
CRT_FLAVORS(int, strupr_s, (char *s, size_t size), s, size)

static int strlwr_s_l_impl(CRT_FLAVOR f, char *s, size_t size, void *locale) { (void)locale; return strlwr_s_impl(f, s, size); }
CRT_FLAVORS(int, strlwr_s_l, (char *s, size_t size, void *locale), s, size, locale)
static int strupr_s_l_impl(CRT_FLAVOR f, char *s, size_t size, void *locale) { (void)locale; return strupr_s_impl(f, s, size); }
CRT_FLAVORS(int, strupr_s_l, (char *s, size_t size, void *locale), s, size, locale)

static int strset_s_impl(CRT_FLAVOR f, char *s, size_t size, int c)
{
    int e = check_terminated(f, s, size);
    if (!e)
        crt_strset(s, c);
    return e;
}
CRT_FLAVORS(int, strset_s, (char *s, size_t size, int c), s, size, c)

static int strnset_s_impl(CRT_FLAVOR f, char *s, size_t size, int c, size_t n)
{
    if (!n && !s && !size)
        return 0;
    int e = check_terminated(f, s, size);
    if (!e)
        crt_strnset(s, c, n);
    return e;
}
CRT_FLAVORS(int, strnset_s, (char *s, size_t size, int c, size_t n), s, size, c, n)
