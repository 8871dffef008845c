/*
 * string.h / wchar.h / ctype.h of the CRTs. Byte-string functions behave the same in the host C library
 * (the "C" locale), so they are thin Microsoft-ABI wrappers; wide-string functions work on 16-bit WCHARs
 * and are written here; case-insensitive ones use the "C" locale (ASCII), as the CRTs do by default.
 */
#include <ctype.h>
#include <string.h>

#include "crt/crt.h"

void *WINAPI crt_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
void *WINAPI crt_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
void *WINAPI crt_memset(void *d, int c, size_t n) { return memset(d, c, n); }
int WINAPI crt_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
void *WINAPI crt_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }
size_t WINAPI crt_strlen(const char *s) { return strlen(s); }
size_t WINAPI crt_strnlen(const char *s, size_t n) { const char *e = memchr(s, 0, n); return e ? (size_t)(e - s) : n; }
int WINAPI crt_strcmp(const char *a, const char *b) { return strcmp(a, b); }
int WINAPI crt_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
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

/* ctype in the "C" locale: ASCII classes only; EOF and bytes >= 0x80 are in no class. */
static int in_c_locale(int c)
{
    return c >= 0 && c < 0x80;
}
int WINAPI crt_isalpha(int c) { return in_c_locale(c) && isalpha(c) ? 0x103 : 0; }
int WINAPI crt_isdigit(int c) { return in_c_locale(c) && isdigit(c) ? 0x4 : 0; }
int WINAPI crt_isalnum(int c) { return in_c_locale(c) && isalnum(c) ? 0x107 : 0; }
int WINAPI crt_isspace(int c) { return in_c_locale(c) && isspace(c) ? 0x8 : 0; }
int WINAPI crt_isupper(int c) { return in_c_locale(c) && isupper(c) ? 0x1 : 0; }
int WINAPI crt_islower(int c) { return in_c_locale(c) && islower(c) ? 0x2 : 0; }
int WINAPI crt_isxdigit(int c) { return in_c_locale(c) && isxdigit(c) ? 0x80 : 0; }
int WINAPI crt_ispunct(int c) { return in_c_locale(c) && ispunct(c) ? 0x10 : 0; }
int WINAPI crt_isprint(int c) { return in_c_locale(c) && isprint(c) ? 0x157 : 0; }
int WINAPI crt_isgraph(int c) { return in_c_locale(c) && isgraph(c) ? 0x117 : 0; }
int WINAPI crt_iscntrl(int c) { return in_c_locale(c) && iscntrl(c) ? 0x20 : 0; }
int WINAPI crt_tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
int WINAPI crt_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

int WINAPI crt_stricmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = crt_tolower((unsigned char)*a), y = crt_tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
}

int WINAPI crt_strnicmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int x = crt_tolower((unsigned char)*a), y = crt_tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

char *WINAPI crt_strdup_export(const char *s)
{
    return s ? crt_strdup(s) : NULL;
}

/* ---- wide strings ----------------------------------------------------------------------------------------- */

size_t WINAPI crt_wcslen(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
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

static WCHAR wlower(WCHAR c)
{
    return c >= 'A' && c <= 'Z' ? (WCHAR)(c + 32) : c;
}

int WINAPI crt_wcsicmp(const WCHAR *a, const WCHAR *b)
{
    for (;; a++, b++) {
        WCHAR x = wlower(*a), y = wlower(*b);
        if (x != y || !x)
            return (int)x - (int)y;
    }
}

int WINAPI crt_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        WCHAR x = wlower(*a), y = wlower(*b);
        if (x != y || !x)
            return (int)x - (int)y;
    }
    return 0;
}

WCHAR *WINAPI crt_wcscpy(WCHAR *d, const WCHAR *s)
{
    WCHAR *r = d;
    while ((*d++ = *s++))
        ;
    return r;
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
