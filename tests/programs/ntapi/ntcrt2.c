/* More of ntdll's own C library, called through GetProcAddress: character helpers, wide spans, 64-bit wide
 * parsing, multibyte conversions, _splitpath, the secure copies with their errno_t results,
 * the math functions. Each line prints return values and buffers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static HMODULE nt;
#define GET(type, name) ((type)GetProcAddress(nt, #name))

typedef int(__cdecl *ci_t)(int);
typedef int(__cdecl *wi_t)(WCHAR);
typedef int(__cdecl *memicmp_t)(const void *, const void *, size_t);
typedef void *(__cdecl *memccpy_t)(void *, const void *, int, size_t);
typedef size_t(__cdecl *wspn_t)(const WCHAR *, const WCHAR *);
typedef WCHAR *(__cdecl *wpbrk_t)(const WCHAR *, const WCHAR *);
typedef WCHAR *(__cdecl *wncat_t)(WCHAR *, const WCHAR *, size_t);
typedef __int64(__cdecl *wtoi64_t)(const WCHAR *, WCHAR **, int);
typedef unsigned __int64(__cdecl *wtoui64_t)(const WCHAR *, WCHAR **, int);
typedef size_t(__cdecl *mbs_t)(WCHAR *, const char *, size_t);
typedef size_t(__cdecl *wcs_t)(char *, const WCHAR *, size_t);
typedef void(__cdecl *split_t)(const char *, char *, char *, char *, char *);
typedef int(__cdecl *mcpys_t)(void *, size_t, const void *, size_t);
typedef int(__cdecl *scpys_t)(char *, size_t, const char *);
typedef int(__cdecl *sncpys_t)(char *, size_t, const char *, size_t);
typedef int(__cdecl *wcpys_t)(WCHAR *, size_t, const WCHAR *);
typedef int(__cdecl *wncpys_t)(WCHAR *, size_t, const WCHAR *, size_t);
typedef double(__cdecl *m1_t)(double);
typedef double(__cdecl *m2_t)(double, double);
typedef int(__cdecl *icmp_t)(const char *, const char *);

static void show(const char *what, const char *b, size_t n)
{
    printf("%s [", what);
    for (size_t i = 0; i < n; i++)
        putchar(b[i] ? b[i] : '0');
    printf("]\n");
}

int main(void)
{
    nt = GetModuleHandleW(L"ntdll.dll");
    ci_t isascii_ = GET(ci_t, __isascii), iscsym = GET(ci_t, __iscsym), iscsymf = GET(ci_t, __iscsymf);
    ci_t toascii_ = GET(ci_t, __toascii), tolower_ = GET(ci_t, _tolower), toupper_ = GET(ci_t, _toupper);
    wi_t iswascii_ = GET(wi_t, iswascii);
    printf("isascii %d %d %d iscsym %d %d %d iscsymf %d %d %d\n", isascii_('a'), isascii_(0x80), isascii_(-1) != 0,
           iscsym('_') != 0, iscsym('5') != 0, iscsym('-') != 0, iscsymf('_') != 0, iscsymf('5') != 0,
           iscsymf('z') != 0);
    printf("toascii %d _tolower %d %d _toupper %d %d iswascii %d %d\n", toascii_(0xE9), tolower_('A'), tolower_('a'),
           toupper_('a'), toupper_('A'), iswascii_(0x7F), iswascii_(0x100));

    memicmp_t memicmp_ = GET(memicmp_t, _memicmp);
    printf("_memicmp %d %d %d\n", memicmp_("HeLLo", "hello", 5), memicmp_("abc", "abd", 3) < 0,
           memicmp_("b", "A", 1) > 0);
    char b[16];
    memset(b, 'x', sizeof b);
    char *r = GET(memccpy_t, _memccpy)(b, "abc;def", ';', 7);
    printf("_memccpy %d", r ? (int)(r - b) : -1), show("", b, 8);
    r = GET(memccpy_t, _memccpy)(b, "abcdef", ';', 3);
    printf("_memccpy none %d\n", r ? (int)(r - b) : -1);

    wspn_t spn = GET(wspn_t, wcsspn), cspn = GET(wspn_t, wcscspn);
    wpbrk_t pbrk = GET(wpbrk_t, wcspbrk);
    const WCHAR *s = L"  abc, def";
    WCHAR *p = pbrk(s, L",;");
    printf("wcsspn %u wcscspn %u %u wcspbrk %d %d\n", (unsigned)spn(s, L" "), (unsigned)cspn(s, L","),
           (unsigned)cspn(s, L"!"), p ? (int)(p - s) : -1, pbrk(s, L"!") == NULL);
    WCHAR w[16] = L"ab";
    GET(wncat_t, wcsncat)(w, L"cdef", 2);
    printf("wcsncat '%ls'\n", w);
    GET(wncat_t, wcsncat)(w, L"XY", 10);
    printf("wcsncat '%ls'\n", w);

    wtoi64_t wtoi64 = GET(wtoi64_t, _wcstoi64);
    wtoui64_t wtoui64 = GET(wtoui64_t, _wcstoui64);
    WCHAR *end;
    const WCHAR *nums[] = { L" -9223372036854775808x", L"9223372036854775808", L"0x7fffffffffffffff", L"-1",
                            L"zz", L"077" };
    for (int i = 0; i < 6; i++) {
        __int64 v = wtoi64(nums[i], &end, 0);
        unsigned __int64 u = wtoui64(nums[i], NULL, 0);
        printf("_wcstoi64 %lld end %d _wcstoui64 %llu\n", v, (int)(end - nums[i]), u);
    }
    printf("_wcstoui64 overflow %llu base36 %llu\n", wtoui64(L"99999999999999999999", NULL, 10),
           wtoui64(L"zz", NULL, 36));

    mbs_t mbstowcs_ = GET(mbs_t, mbstowcs);
    wcs_t wcstombs_ = GET(wcs_t, wcstombs);
    WCHAR wb[16];
    wmemset(wb, L'x', 16);
    size_t n = mbstowcs_(wb, "hello", 16);
    printf("mbstowcs %u '%ls' need %u\n", (unsigned)n, wb, (unsigned)mbstowcs_(NULL, "hello", 0));
    wmemset(wb, L'x', 16);
    n = mbstowcs_(wb, "hello", 3);
    printf("mbstowcs cut %u %c%c%c%c\n", (unsigned)n, wb[0], wb[1], wb[2], wb[3]);
    memset(b, 'x', sizeof b);
    n = wcstombs_(b, L"world", sizeof b);
    printf("wcstombs %u '%s' need %u\n", (unsigned)n, b, (unsigned)wcstombs_(NULL, L"world", 0));
    memset(b, 'x', sizeof b);
    n = wcstombs_(b, L"world", 2);
    printf("wcstombs cut %u", (unsigned)n), show("", b, 4);

    /* (_vscprintf and _vscwprintf are exported but not called here: Wine 8's write through a NULL buffer.) */

    char drive[8], dir[64], fname[64], ext[16];
    const char *paths[] = { "C:\\dir\\sub\\name.tar.gz", "rel/path/file", "D:name.", "\\\\server\\share\\x.y",
                            "noext", ".hidden" };
    for (int i = 0; i < 6; i++) {
        GET(split_t, _splitpath)(paths[i], drive, dir, fname, ext);
        printf("_splitpath '%s' -> '%s' '%s' '%s' '%s'\n", paths[i], drive, dir, fname, ext);
    }
    GET(split_t, _splitpath)("C:\\a\\b.c", NULL, dir, NULL, ext);
    printf("_splitpath partial '%s' '%s'\n", dir, ext);

    mcpys_t memcpy_s_ = GET(mcpys_t, memcpy_s), memmove_s_ = GET(mcpys_t, memmove_s);
    memset(b, 'x', sizeof b);
    int e = memcpy_s_(b, 4, "abcdef", 3);
    printf("memcpy_s %d", e), show("", b, 6);
    e = memcpy_s_(b, 4, "abcdef", 6);
    printf("memcpy_s small %d", e), show("", b, 6);
    memset(b, 'x', sizeof b);
    e = memcpy_s_(b, 4, NULL, 2);
    printf("memcpy_s null src %d", e), show("", b, 6);
    printf("memcpy_s null dst %d zero count %d\n", memcpy_s_(NULL, 4, "a", 1), memcpy_s_(NULL, 0, NULL, 0));
    memset(b, 'x', sizeof b);
    e = memmove_s_(b, 4, "abcdef", 6);
    printf("memmove_s small %d", e), show("", b, 6);
    strcpy(b, "abcdef");
    e = memmove_s_(b + 1, 8, b, 4);
    printf("memmove_s overlap %d", e), show("", b, 7);

    scpys_t strcpy_s_ = GET(scpys_t, strcpy_s), strcat_s_ = GET(scpys_t, strcat_s);
    sncpys_t strncpy_s_ = GET(sncpys_t, strncpy_s);
    memset(b, 'x', sizeof b);
    e = strcpy_s_(b, 8, "hello");
    printf("strcpy_s %d", e), show("", b, 8);
    memset(b, 'x', sizeof b);
    e = strcpy_s_(b, 5, "hello");
    printf("strcpy_s small %d", e), show("", b, 8);
    memset(b, 'x', sizeof b);
    e = strcpy_s_(b, 5, NULL);
    printf("strcpy_s null %d", e), show("", b, 3);
    printf("strcpy_s null dst %d size0 %d\n", strcpy_s_(NULL, 5, "a"), strcpy_s_(b, 0, "a"));
    strcpy(b, "ab");
    e = strcat_s_(b, 8, "cde");
    printf("strcat_s %d", e), show("", b, 8);
    e = strcat_s_(b, 8, "fgh");
    printf("strcat_s small %d", e), show("", b, 8);
    memset(b, 'x', sizeof b);
    e = strcat_s_(b, 4, "a");
    printf("strcat_s unterminated %d", e), show("", b, 5);
    memset(b, 'x', sizeof b);
    e = strncpy_s_(b, 8, "hello", 3);
    printf("strncpy_s %d", e), show("", b, 8);
    memset(b, 'x', sizeof b);
    e = strncpy_s_(b, 4, "hello", 5);
    printf("strncpy_s small %d", e), show("", b, 6);
    memset(b, 'x', sizeof b);
    e = strncpy_s_(b, 4, "hello", (size_t)-1);
    printf("strncpy_s truncate %d", e), show("", b, 6);
    memset(b, 'x', sizeof b);
    e = strncpy_s_(b, 4, "hello", 0);
    printf("strncpy_s zero %d", e), show("", b, 3);

    wcpys_t wcscpy_s_ = GET(wcpys_t, wcscpy_s), wcscat_s_ = GET(wcpys_t, wcscat_s);
    wncpys_t wcsncpy_s_ = GET(wncpys_t, wcsncpy_s);
    wmemset(wb, L'x', 16);
    e = wcscpy_s_(wb, 4, L"abc");
    printf("wcscpy_s %d '%ls'\n", e, wb);
    e = wcscpy_s_(wb, 3, L"abc");
    printf("wcscpy_s small %d first %d\n", e, wb[0]);
    wcscpy(wb, L"ab");
    e = wcscat_s_(wb, 5, L"cd");
    printf("wcscat_s %d '%ls'\n", e, wb);
    e = wcscat_s_(wb, 5, L"e");
    printf("wcscat_s small %d first %d\n", e, wb[0]);
    wmemset(wb, L'x', 16);
    e = wcsncpy_s_(wb, 4, L"abcdef", (size_t)-1);
    printf("wcsncpy_s truncate %d '%ls'\n", e, wb);

    m1_t f1[] = { GET(m1_t, sin), GET(m1_t, cos), GET(m1_t, tan), GET(m1_t, atan), GET(m1_t, log), GET(m1_t, sqrt),
                  GET(m1_t, fabs), GET(m1_t, ceil), GET(m1_t, floor) };
    const char *n1[] = { "sin", "cos", "tan", "atan", "log", "sqrt", "fabs", "ceil", "floor" };
    for (int i = 0; i < 9; i++)
        printf("%s(0.5) %.12f %s(-2.5) %.6f\n", n1[i], f1[i](0.5), n1[i], i == 4 || i == 5 ? 0.0 : f1[i](-2.5));
    printf("atan2 %.12f pow %.12f %.1f\n", GET(m2_t, atan2)(1.0, -1.0), GET(m2_t, pow)(2.0, 0.5),
           GET(m2_t, pow)(2.0, 10.0));
    printf("_strcmpi %d %d\n", GET(icmp_t, _strcmpi)("ABC", "abc"), GET(icmp_t, _strcmpi)("abc", "abd") < 0);
    return 0;
}
