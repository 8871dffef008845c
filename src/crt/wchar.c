/*
 * The wide-string half of string.h/wchar.h on 16-bit WCHARs (the host's wchar_t is 32-bit, so nothing
 * here can use the host library). Case-insensitive functions fold ASCII only, as the "C" locale does.
 */
#include <string.h>

#include "crt/lib.h"
#include "ntdll/rtl/rtl.h"

size_t WINAPI crt_wcslen(const WCHAR *s) { return RtlpWcslen(s); }

size_t WINAPI crt_wcsnlen(const WCHAR *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i])
        i++;
    return i;
}

int WINAPI crt_wcscmp(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a < *b ? -1 : *a > *b;
}

int WINAPI crt_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return *a < *b ? -1 : *a > *b;
    return 0;
}

int WINAPI crt_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    if (!n)
        return 0;
    if (!a || !b) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return CRT_NLSCMPERROR;
    }
    for (; n; n--, a++, b++) {
        WCHAR x = crt_towlower_internal(*a), y = crt_towlower_internal(*b);
        if (x != y || !x)
            return (int)x - (int)y;
    }
    return 0;
}

int WINAPI crt_wcsicmp(const WCHAR *a, const WCHAR *b) { return crt_wcsnicmp(a, b, (size_t)-1); }
int WINAPI crt_wcsicmp_l(const WCHAR *a, const WCHAR *b, void *l) { (void)l; return crt_wcsicmp(a, b); }
int WINAPI crt_wcsnicmp_l(const WCHAR *a, const WCHAR *b, size_t n, void *l) { (void)l; return crt_wcsnicmp(a, b, n); }
int WINAPI crt_wcscoll(const WCHAR *a, const WCHAR *b) { return crt_wcscmp(a, b); }
int WINAPI crt_wcscoll_l(const WCHAR *a, const WCHAR *b, void *l) { (void)l; return crt_wcscmp(a, b); }
int WINAPI crt_wcsicoll(const WCHAR *a, const WCHAR *b) { return crt_wcsicmp(a, b); }
int WINAPI crt_wcsicoll_l(const WCHAR *a, const WCHAR *b, void *l) { (void)l; return crt_wcsicmp(a, b); }
int WINAPI crt_wcsncoll(const WCHAR *a, const WCHAR *b, size_t n) { return crt_wcsncmp(a, b, n); }
int WINAPI crt_wcsncoll_l(const WCHAR *a, const WCHAR *b, size_t n, void *l) { (void)l; return crt_wcsncmp(a, b, n); }
int WINAPI crt_wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n) { return crt_wcsnicmp(a, b, n); }
int WINAPI crt_wcsnicoll_l(const WCHAR *a, const WCHAR *b, size_t n, void *l) { (void)l; return crt_wcsnicmp(a, b, n); }

size_t WINAPI crt_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n)
{
    size_t len = crt_wcslen(s);
    if (d && n)
        memcpy(d, s, (len < n ? len + 1 : n) * sizeof(WCHAR));
    return len;
}

size_t WINAPI crt_wcsxfrm_l(WCHAR *d, const WCHAR *s, size_t n, void *l) { (void)l; return crt_wcsxfrm(d, s, n); }

WCHAR *WINAPI crt_wcscpy(WCHAR *d, const WCHAR *s)
{
    memmove(d, s, (crt_wcslen(s) + 1) * sizeof(WCHAR));
    return d;
}

WCHAR *WINAPI crt_wcsncpy(WCHAR *d, const WCHAR *s, size_t n)
{
    size_t i = 0;
    for (; i < n && s[i]; i++)
        d[i] = s[i];
    for (; i < n; i++)
        d[i] = 0;
    return d;
}

WCHAR *WINAPI crt_wcscat(WCHAR *d, const WCHAR *s)
{
    crt_wcscpy(d + crt_wcslen(d), s);
    return d;
}

WCHAR *WINAPI crt_wcsncat(WCHAR *d, const WCHAR *s, size_t n)
{
    WCHAR *p = d + crt_wcslen(d);
    size_t i = 0;
    for (; i < n && s[i]; i++)
        p[i] = s[i];
    p[i] = 0;
    return d;
}

WCHAR *WINAPI crt_wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c)
            return (WCHAR *)s;
        if (!*s)
            return NULL;
    }
}

WCHAR *WINAPI crt_wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++) {
        if (*s == c)
            last = s;
        if (!*s)
            return (WCHAR *)last;
    }
}

WCHAR *WINAPI crt_wcsstr(const WCHAR *s, const WCHAR *t)
{
    size_t n = crt_wcslen(t);
    for (; *s; s++)
        if (!crt_wcsncmp(s, t, n))
            return (WCHAR *)s;
    return n ? NULL : (WCHAR *)s;
}

static bool in_set(WCHAR c, const WCHAR *set)
{
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

size_t WINAPI crt_wcsspn(const WCHAR *s, const WCHAR *set)
{
    size_t i = 0;
    while (s[i] && in_set(s[i], set))
        i++;
    return i;
}

size_t WINAPI crt_wcscspn(const WCHAR *s, const WCHAR *set)
{
    size_t i = 0;
    while (s[i] && !in_set(s[i], set))
        i++;
    return i;
}

WCHAR *WINAPI crt_wcspbrk(const WCHAR *s, const WCHAR *set)
{
    s += crt_wcscspn(s, set);
    return *s ? (WCHAR *)s : NULL;
}

static WCHAR *wcstok_core(WCHAR *s, const WCHAR *delim, WCHAR **next)
{
    if (!s)
        s = *next;
    if (!s)
        return NULL;
    s += crt_wcsspn(s, delim);
    if (!*s) {
        *next = s;
        return NULL;
    }
    WCHAR *end = s + crt_wcscspn(s, delim);
    if (*end)
        *end++ = 0;
    *next = end;
    return s;
}

/* msvcrt's wcstok has two parameters and a per-thread position; ucrt's follows C11 (a third, the
 * context, NULL meaning the per-thread one) and keeps the old form as _wcstok. */
WCHAR *WINAPI crt_wcstok_msvcrt(WCHAR *s, const WCHAR *delim)
{
    return wcstok_core(s, delim, &crt_thread()->wcstok_next);
}

WCHAR *WINAPI crt_wcstok_ucrt(WCHAR *s, const WCHAR *delim, WCHAR **context)
{
    return wcstok_core(s, delim, context ? context : &crt_thread()->wcstok_next);
}

static WCHAR *wcstok_s_impl(CRT_FLAVOR f, WCHAR *s, const WCHAR *delim, WCHAR **context)
{
    if (!context || !delim || (!s && !*context)) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    return wcstok_core(s, delim, context);
}
CRT_FLAVORS(WCHAR *, wcstok_s, (WCHAR *s, const WCHAR *delim, WCHAR **context), s, delim, context)

WCHAR *WINAPI crt_wcsdup_export(const WCHAR *s)
{
    return s ? crt_wcsdup(s) : NULL;
}

WCHAR *WINAPI crt_wcslwr(WCHAR *s)
{
    for (WCHAR *p = s; p && *p; p++)
        *p = crt_towlower_internal(*p);
    return s;
}

WCHAR *WINAPI crt_wcsupr(WCHAR *s)
{
    for (WCHAR *p = s; p && *p; p++)
        *p = crt_towupper_internal(*p);
    return s;
}

WCHAR *WINAPI crt_wcslwr_l(WCHAR *s, void *l) { (void)l; return crt_wcslwr(s); }
WCHAR *WINAPI crt_wcsupr_l(WCHAR *s, void *l) { (void)l; return crt_wcsupr(s); }

WCHAR *WINAPI crt_wcsrev(WCHAR *s)
{
    size_t n = crt_wcslen(s);
    for (size_t i = 0; i < n / 2; i++) {
        WCHAR t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return s;
}

WCHAR *WINAPI crt_wcsset(WCHAR *s, WCHAR c)
{
    for (WCHAR *p = s; *p; p++)
        *p = c;
    return s;
}

WCHAR *WINAPI crt_wcsnset(WCHAR *s, WCHAR c, size_t n)
{
    for (WCHAR *p = s; n && *p; p++, n--)
        *p = c;
    return s;
}

/* ---- bounds-checked ---------------------------------------------------------------------------------------- */

static int wcscpy_s_impl(CRT_FLAVOR f, WCHAR *d, size_t size, const WCHAR *s)
{
    if (!d || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (!s) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = crt_wcslen(s);
    if (n >= size) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d, s, (n + 1) * sizeof(WCHAR));
    return 0;
}
CRT_FLAVORS(int, wcscpy_s, (WCHAR *d, size_t size, const WCHAR *s), d, size, s)

static int wcscat_s_impl(CRT_FLAVOR f, WCHAR *d, size_t size, const WCHAR *s)
{
    if (!d || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (!s) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t len = crt_wcsnlen(d, size);
    if (len == size) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = crt_wcslen(s);
    if (n >= size - len) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d + len, s, (n + 1) * sizeof(WCHAR));
    return 0;
}
CRT_FLAVORS(int, wcscat_s, (WCHAR *d, size_t size, const WCHAR *s), d, size, s)

static int wcsncpy_s_impl(CRT_FLAVOR f, WCHAR *d, size_t size, const WCHAR *s, size_t count)
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
    size_t n = crt_wcsnlen(s, count);
    if (count == CRT_TRUNCATE && n >= size) {
        memmove(d, s, (size - 1) * sizeof(WCHAR));
        d[size - 1] = 0;
        return CRT_STRUNCATE;
    }
    if (n >= size) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d, s, n * sizeof(WCHAR));
    d[n] = 0;
    return 0;
}
CRT_FLAVORS(int, wcsncpy_s, (WCHAR *d, size_t size, const WCHAR *s, size_t count), d, size, s, count)

static int wcsncat_s_impl(CRT_FLAVOR f, WCHAR *d, size_t size, const WCHAR *s, size_t count)
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
    size_t len = crt_wcsnlen(d, size);
    if (len == size) {
        d[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    size_t n = crt_wcsnlen(s, count), room = size - len;
    if (count == CRT_TRUNCATE && n >= room) {
        memmove(d + len, s, (room - 1) * sizeof(WCHAR));
        d[size - 1] = 0;
        return CRT_STRUNCATE;
    }
    if (n >= room) {
        d[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    memmove(d + len, s, n * sizeof(WCHAR));
    d[len + n] = 0;
    return 0;
}
CRT_FLAVORS(int, wcsncat_s, (WCHAR *d, size_t size, const WCHAR *s, size_t count), d, size, s, count)

static int wmemcpy_s_impl(CRT_FLAVOR f, WCHAR *d, size_t size, const WCHAR *s, size_t n)
{
    if (!n)
        return 0;
    if (!d)
        return crt_invalid(f, CRT_EINVAL);
    if (!s || size < n) {
        memset(d, 0, size * sizeof(WCHAR));
        return crt_invalid(f, s ? CRT_ERANGE : CRT_EINVAL);
    }
    memmove(d, s, n * sizeof(WCHAR));
    return 0;
}
CRT_FLAVORS(int, wmemcpy_s, (WCHAR *d, size_t size, const WCHAR *s, size_t n), d, size, s, n)

static int wmemmove_s_impl(CRT_FLAVOR f, WCHAR *d, size_t size, const WCHAR *s, size_t n)
{
    if (!n)
        return 0;
    if (!d || !s)
        return crt_invalid(f, CRT_EINVAL);
    if (size < n)
        return crt_invalid(f, CRT_ERANGE);
    memmove(d, s, n * sizeof(WCHAR));
    return 0;
}
CRT_FLAVORS(int, wmemmove_s, (WCHAR *d, size_t size, const WCHAR *s, size_t n), d, size, s, n)

static int check_terminated(CRT_FLAVOR f, WCHAR *s, size_t size)
{
    if (!s || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (crt_wcsnlen(s, size) == size) {
        s[0] = 0;
        return crt_invalid(f, CRT_EINVAL);
    }
    return 0;
}

static int wcslwr_s_impl(CRT_FLAVOR f, WCHAR *s, size_t size)
{
    int e = check_terminated(f, s, size);
    if (!e)
        crt_wcslwr(s);
    return e;
}
CRT_FLAVORS(int, wcslwr_s, (WCHAR *s, size_t size), s, size)

static int wcsupr_s_impl(CRT_FLAVOR f, WCHAR *s, size_t size)
{
    int e = check_terminated(f, s, size);
    if (!e)
        crt_wcsupr(s);
    return e;
}
CRT_FLAVORS(int, wcsupr_s, (WCHAR *s, size_t size), s, size)

static int wcslwr_s_l_impl(CRT_FLAVOR f, WCHAR *s, size_t size, void *l) { (void)l; return wcslwr_s_impl(f, s, size); }
CRT_FLAVORS(int, wcslwr_s_l, (WCHAR *s, size_t size, void *l), s, size, l)
static int wcsupr_s_l_impl(CRT_FLAVOR f, WCHAR *s, size_t size, void *l) { (void)l; return wcsupr_s_impl(f, s, size); }
CRT_FLAVORS(int, wcsupr_s_l, (WCHAR *s, size_t size, void *l), s, size, l)

static int wcsset_s_impl(CRT_FLAVOR f, WCHAR *s, size_t size, WCHAR c)
{
    int e = check_terminated(f, s, size);
    if (!e)
        crt_wcsset(s, c);
    return e;
}
CRT_FLAVORS(int, wcsset_s, (WCHAR *s, size_t size, WCHAR c), s, size, c)

static int wcsnset_s_impl(CRT_FLAVOR f, WCHAR *s, size_t size, WCHAR c, size_t n)
{
    if (!n && !s && !size)
        return 0;
    int e = check_terminated(f, s, size);
    if (!e)
        crt_wcsnset(s, c, n);
    return e;
}
CRT_FLAVORS(int, wcsnset_s, (WCHAR *s, size_t size, WCHAR c, size_t n), s, size, c, n)
