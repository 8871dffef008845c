/* Checks: wchar.h's string functions on 16-bit wchar_t (wcstok's two forms, the _wcs*_s family), wide
 * number parsing, and wcsftime. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

static void handler(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned line, uintptr_t r)
{
    (void)e, (void)f, (void)file, (void)line, (void)r;
}

int main(void)
{
    _set_invalid_parameter_handler(handler);
    wchar_t buf[32];
    wcscpy(buf, L"Hello, World");
    printf("wcslen %d, wcschr %ls, wcsrchr %ls, wcsstr %ls\n", (int)wcslen(buf), wcschr(buf, L','),
           wcsrchr(buf, L'o'), wcsstr(buf, L"Wor"));
    printf("wcsspn %d, wcscspn %d, wcspbrk %ls\n", (int)wcsspn(buf, L"Hel"), (int)wcscspn(buf, L" ,"),
           wcspbrk(buf, L"Wd"));
    printf("wcscmp %d %d, _wcsicmp %d, _wcsnicmp %d, wcsncmp %d\n", wcscmp(L"a", L"b"), wcscmp(L"\u00e9", L"e"),
           _wcsicmp(L"ABC", L"abd") < 0, _wcsnicmp(L"ABCx", L"abcy", 3), wcsncmp(L"abc", L"abd", 3) < 0);
    wchar_t low[] = L"MiXeD \u00c9";
    _wcslwr(low);
    unsigned accented = low[6];
    low[6] = 0;
    printf("_wcslwr: [%ls] then U+%04X (stays)\n", low, accented);
    wchar_t up[] = L"MiXeD";
    _wcsupr(up);
    printf("_wcsupr: %ls", up);
    printf(", _wcsrev: %ls\n", _wcsrev(up));
    wchar_t text[] = L"a b,,c";
#ifdef _UCRT
    wchar_t *ctx = NULL;
    printf("wcstok (ucrt, 3 arguments):");
    for (wchar_t *t = wcstok(text, L" ,", &ctx); t; t = wcstok(NULL, L" ,", &ctx))
        printf(" [%ls]", t);
#else
    printf("wcstok (msvcrt, 2 arguments):");
    for (wchar_t *t = wcstok(text, L" ,"); t; t = wcstok(NULL, L" ,"))
        printf(" [%ls]", t);
#endif
    printf("\n");
    int e = wcscpy_s(buf, 4, L"toolong");
    printf("wcscpy_s too long: %d buf[0] %d\n", e, buf[0]);
    e = wcsncpy_s(buf, 5, L"truncate", _TRUNCATE);
    printf("wcsncpy_s _TRUNCATE: %d [%ls]\n", e, buf);
    wcscpy(buf, L"ab");
    e = wcscat_s(buf, 6, L"cde");
    printf("wcscat_s: %d [%ls]\n", e, buf);
    wchar_t *end;
    long l = wcstol(L" -0x1Fz", &end, 16);
    printf("wcstol: %ld [%ls], wcstoul: %lu, _wtoi64: %lld\n", l, end, wcstoul(L"4294967295", NULL, 10),
           _wtoi64(L"-9223372036854775807"));
    errno = 0;
    double d = wcstod(L"1e400", NULL);
    int e2 = errno;
    printf("wcstod overflow: %d errno %d, _wtof: %.3f\n", d > 1e308, e2, _wtof(L"2.125x"));
    printf("iswctype: %x %x %x, towlower(U+00C9) %04X\n", iswctype(L'a', _ALPHA), iswctype(L'9', _DIGIT),
           iswctype(0x00A0, _SPACE), towlower(0xC9));
    struct tm t = {7, 5, 9, 4, 6, 99, 0, 184, 0};
    size_t n = wcsftime(buf, 32, L"%Y-%m-%d %H:%M:%S %a", &t);
    printf("wcsftime: %d [%ls]\n", (int)n, buf);
    wchar_t *dup = _wcsdup(L"copy");
    printf("_wcsdup: %ls\n", dup);
    free(dup);
    return 0;
}
