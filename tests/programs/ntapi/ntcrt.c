/* ntdll's own small C library, called through GetProcAddress (the same names link to msvcrt otherwise):
 * printf into buffers (ntdll's _snprintf truncates without a NUL and returns -1, like msvcrt's), string,
 * character and number functions, qsort/bsearch. Each line prints the observable results. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static HMODULE nt;
#define GET(type, name) ((type)GetProcAddress(nt, #name))

typedef int(__cdecl *snprintf_t)(char *, size_t, const char *, ...);
typedef int(__cdecl *snwprintf_t)(wchar_t *, size_t, const wchar_t *, ...);
typedef int(__cdecl *sprintf_t)(char *, const char *, ...);
typedef int(__cdecl *swprintf_t)(wchar_t *, const wchar_t *, ...);
typedef int(__cdecl *vsnprintf_t)(char *, size_t, const char *, va_list);
typedef int(__cdecl *snprintf_s_t)(char *, size_t, size_t, const char *, ...);
typedef size_t(__cdecl *strlen_t)(const char *);
typedef size_t(__cdecl *strnlen_t)(const char *, size_t);
typedef size_t(__cdecl *wcslen_t)(const wchar_t *);
typedef int(__cdecl *strcmp_t)(const char *, const char *);
typedef int(__cdecl *strncmp_t)(const char *, const char *, size_t);
typedef int(__cdecl *wcscmp_t)(const wchar_t *, const wchar_t *);
typedef int(__cdecl *wcsncmp_t)(const wchar_t *, const wchar_t *, size_t);
typedef char *(__cdecl *strchr_t)(const char *, int);
typedef char *(__cdecl *strstr_t)(const char *, const char *);
typedef wchar_t *(__cdecl *wcschr_t)(const wchar_t *, wchar_t);
typedef wchar_t *(__cdecl *wcsstr_t)(const wchar_t *, const wchar_t *);
typedef int(__cdecl *ctype_t)(int);
typedef int(__cdecl *wctype_t2)(wint_t);
typedef long(__cdecl *strtol_t)(const char *, char **, int);
typedef unsigned long(__cdecl *strtoul_t)(const char *, char **, int);
typedef long(__cdecl *wcstol_t)(const wchar_t *, wchar_t **, int);
typedef int(__cdecl *atoi_t)(const char *);
typedef __int64(__cdecl *atoi64_t)(const char *);
typedef int(__cdecl *wtoi_t)(const wchar_t *);
typedef char *(__cdecl *itoa_t)(int, char *, int);
typedef char *(__cdecl *ui64toa_t)(unsigned __int64, char *, int);
typedef wchar_t *(__cdecl *itow_t)(int, wchar_t *, int);
typedef wchar_t *(__cdecl *i64tow_t)(__int64, wchar_t *, int);
typedef void(__cdecl *qsort_t)(void *, size_t, size_t, int(__cdecl *)(const void *, const void *));
typedef void *(__cdecl *bsearch_t)(const void *, const void *, size_t, size_t, int(__cdecl *)(const void *, const void *));
typedef void *(__cdecl *memchr_t)(const void *, int, size_t);
typedef int(__cdecl *memcmp_t)(const void *, const void *, size_t);
typedef void *(__cdecl *memset_t)(void *, int, size_t);
typedef void *(__cdecl *memmove_t)(void *, const void *, size_t);
typedef char *(__cdecl *strcpy_t)(char *, const char *);
typedef char *(__cdecl *strncpy_t)(char *, const char *, size_t);
typedef wchar_t *(__cdecl *wcscpy_t)(wchar_t *, const wchar_t *);
typedef wchar_t *(__cdecl *wcsncpy_t)(wchar_t *, const wchar_t *, size_t);
typedef int(__cdecl *abs_t)(int);
typedef __int64(__cdecl *abs64_t)(__int64);

static void show(const char *label, const char *buf, size_t n)
{
    printf("%s [", label);
    for (size_t i = 0; i < n; i++)
        putchar(buf[i] ? buf[i] : '0');
    printf("]\n");
}

static void wshow(const char *label, const wchar_t *buf, size_t n)
{
    printf("%s [", label);
    for (size_t i = 0; i < n; i++)
        putchar(buf[i] ? (char)buf[i] : '0');
    printf("]\n");
}

static int __cdecl cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static int vcall(vsnprintf_t f, char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = f(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    nt = GetModuleHandleA("ntdll.dll");
    char b[64];
    wchar_t w[32];

    snprintf_t p_snprintf = GET(snprintf_t, _snprintf);
    memset(b, 'x', sizeof b);
    int r = p_snprintf(b, 8, "%d-%s", 1234, "abcdef");
    printf("_snprintf cut: %d", r), show("", b, 10);
    memset(b, 'x', sizeof b);
    r = p_snprintf(b, 11, "%d-%s", 1234, "abcdef");
    printf("_snprintf exact: %d", r), show("", b, 12);
    memset(b, 'x', sizeof b);
    r = p_snprintf(b, sizeof b, "%5.2s|%-4x|%04X|%c|%%|%lu", "xyz", 255, 0xab, 'Q', 4000000000ul);
    printf("_snprintf fmt: %d", r), show("", b, r + 1);
    r = p_snprintf(b, sizeof b, "%I64d %llx %hd %p", -5ll, 0x123456789all, (short)-2, (void *)0x1234);
    printf("_snprintf sizes: %d", r), show("", b, r + 1);
    r = p_snprintf(b, sizeof b, "%ls %ws %S", L"wide", L"ws", L"S");
    printf("_snprintf wide args: %d", r), show("", b, r + 1);
    r = p_snprintf(b, sizeof b, "%s|%5c|%-3d|", (char *)NULL, 'z', 7);
    printf("_snprintf null: %d", r), show("", b, r + 1);

    r = vcall(GET(vsnprintf_t, _vsnprintf), b, 4, "%s", "hello");
    printf("_vsnprintf cut: %d", r), show("", b, 4);

    sprintf_t p_sprintf = GET(sprintf_t, sprintf);
    r = p_sprintf(b, "%+d %o %#x", 42, 8, 255);
    printf("sprintf: %d", r), show("", b, r + 1);

    snwprintf_t p_snwprintf = GET(snwprintf_t, _snwprintf);
    wmemset(w, L'x', 32);
    r = p_snwprintf(w, 5, L"%s=%d", L"key", 77);
    printf("_snwprintf cut: %d", r), wshow("", w, 7);
    r = p_snwprintf(w, 32, L"%hs %S %c", "narrow", "S", L'c');
    printf("_snwprintf args: %d", r), wshow("", w, r + 1);
    swprintf_t p_swprintf = GET(swprintf_t, swprintf);
    r = p_swprintf(w, L"<%3d>", 5);
    printf("swprintf: %d", r), wshow("", w, r + 1);

    snprintf_s_t p_snprintf_s = GET(snprintf_s_t, _snprintf_s);
    if (p_snprintf_s) {
        memset(b, 'x', sizeof b);
        r = p_snprintf_s(b, 6, (size_t)-1, "%s", "truncated");
        printf("_snprintf_s truncate: %d", r), show("", b, 7);
        r = p_snprintf_s(b, 16, 3, "%s", "abcdef");
        printf("_snprintf_s count: %d", r), show("", b, 4);
    } else {
        printf("_snprintf_s: missing\n");
    }

    printf("strlen %u strnlen %u %u wcslen %u wcsnlen %u\n", (unsigned)GET(strlen_t, strlen)("hello"),
           (unsigned)GET(strnlen_t, strnlen)("hello", 3), (unsigned)GET(strnlen_t, strnlen)("hi", 9),
           (unsigned)GET(wcslen_t, wcslen)(L"wide!"), (unsigned)GET(strnlen_t, wcsnlen)((const char *)L"abc", 2));
    printf("strcmp %d %d %d strncmp %d _stricmp %d _strnicmp %d\n", GET(strcmp_t, strcmp)("a", "b") < 0,
           GET(strcmp_t, strcmp)("b", "a") > 0, GET(strcmp_t, strcmp)("x", "x"), GET(strncmp_t, strncmp)("abcd", "abce", 3),
           GET(strcmp_t, _stricmp)("HeLLo", "hello"), GET(strncmp_t, _strnicmp)("ABCx", "abcy", 3));
    printf("wcscmp %d wcsncmp %d _wcsicmp %d %d _wcsnicmp %d\n", GET(wcscmp_t, wcscmp)(L"a", L"a"),
           GET(wcsncmp_t, wcsncmp)(L"ab", L"ac", 1), GET(wcscmp_t, _wcsicmp)(L"Path", L"PATH"),
           GET(wcscmp_t, _wcsicmp)(L"a", L"B") < 0, GET(wcsncmp_t, _wcsnicmp)(L"ABz", L"aby", 2));
    const char *s = "path/to/file";
    printf("strchr %d strrchr %d strstr %d strchr0 %d\n", (int)(GET(strchr_t, strchr)(s, '/') - s),
           (int)(GET(strchr_t, strrchr)(s, '/') - s), (int)(GET(strstr_t, strstr)(s, "to") - s),
           GET(strchr_t, strchr)(s, 'z') == NULL);
    const wchar_t *ws = L"a\\b\\c";
    printf("wcschr %d wcsrchr %d wcsstr %d\n", (int)(GET(wcschr_t, wcschr)(ws, L'\\') - ws),
           (int)(GET(wcschr_t, wcsrchr)(ws, L'\\') - ws), (int)(GET(wcsstr_t, wcsstr)(ws, L"b\\") - ws));
    strcpy_t p_strcpy = GET(strcpy_t, strcpy);
    p_strcpy(b, "ab");
    GET(strcpy_t, strcat)(b, "cd");
    printf("strcpy+strcat %s\n", b);
    memset(b, 'x', sizeof b);
    GET(strncpy_t, strncpy)(b, "abc", 5);
    show("strncpy", b, 6);
    GET(wcscpy_t, wcscpy)(w, L"wc");
    GET(wcscpy_t, wcscat)(w, L"cat");
    wshow("wcscpy+wcscat", w, 6);
    wmemset(w, L'x', 8);
    GET(wcsncpy_t, wcsncpy)(w, L"ab", 4);
    wshow("wcsncpy", w, 5);
    char m[8] = "abcdefg";
    GET(memmove_t, memmove)(m + 1, m, 4);
    GET(memmove_t, memcpy)(b, m, 8);
    GET(memset_t, memset)(b + 6, '-', 1);
    printf("memmove/memcpy/memset %s memchr %d memcmp %d\n", b, (int)((char *)GET(memchr_t, memchr)(m, 'd', 7) - m),
           GET(memcmp_t, memcmp)("abc", "abd", 3) < 0);

    printf("tolower %c toupper %c towlower %c towupper %c\n", GET(ctype_t, tolower)('Q'), GET(ctype_t, toupper)('q'),
           GET(wctype_t2, towlower)(L'W'), GET(wctype_t2, towupper)(L'w'));
    static const char *cnames[] = {"isalpha", "isdigit", "isspace", "isupper", "islower", "isxdigit", "isalnum",
                                   "ispunct", "isprint", "iscntrl", "isgraph"};
    static const int chars[] = {'a', 'Z', '5', ' ', '\t', '!', 'f', 0x7f};
    for (size_t i = 0; i < sizeof cnames / sizeof *cnames; i++) {
        ctype_t f = (ctype_t)GetProcAddress(nt, cnames[i]);
        printf("%s", cnames[i]);
        for (size_t j = 0; j < sizeof chars / sizeof *chars; j++)
            printf(" %d", f ? f(chars[j]) != 0 : -1);
        printf("\n");
    }
    static const char *wnames[] = {"iswalpha", "iswdigit", "iswspace", "iswlower", "iswxdigit", "iswalnum"};
    for (size_t i = 0; i < sizeof wnames / sizeof *wnames; i++) {
        wctype_t2 f = (wctype_t2)GetProcAddress(nt, wnames[i]);
        printf("%s", wnames[i]);
        for (size_t j = 0; j < sizeof chars / sizeof *chars; j++)
            printf(" %d", f ? f((wint_t)chars[j]) != 0 : -1);
        printf("\n");
    }

    char *end;
    long l = GET(strtol_t, strtol)("  -0x1fz", &end, 0);
    printf("strtol %ld end %d\n", l, (int)(end - "  -0x1fz"));
    l = GET(strtol_t, strtol)("99999999999", &end, 10);
    printf("strtol overflow %ld\n", l);
    unsigned long ul = GET(strtoul_t, strtoul)("777", &end, 8);
    printf("strtoul %lu\n", ul);
    wchar_t *wend;
    const wchar_t *wnum = L"123abc";
    long wl = GET(wcstol_t, wcstol)(wnum, &wend, 10);
    printf("wcstol %ld end %d wcstoul %lu\n", wl, (int)(wend - wnum), (unsigned long)GET(wcstol_t, wcstoul)(L"ff", NULL, 16));
    printf("atoi %d atol %ld _atoi64 %lld _wtoi %d\n", GET(atoi_t, atoi)(" -42x"), (long)GET(atoi_t, atol)("17"),
           GET(atoi64_t, _atoi64)("-9000000000"), GET(wtoi_t, _wtoi)(L"314"));
    printf("_itoa %s", GET(itoa_t, _itoa)(-255, b, 16));
    printf(" _ltoa %s", GET(itoa_t, _ltoa)(-255, b, 10));
    printf(" _ui64toa %s\n", GET(ui64toa_t, _ui64toa)(18446744073709551615ull, b, 36));
    wshow("_itow", GET(itow_t, _itow)(-12, w, 10), 3);
    wshow("_i64tow", GET(i64tow_t, _i64tow)(-1234567890123ll, w, 10), 14);
    wshow("_ui64tow", GET(i64tow_t, _ui64tow)(255, w, 2), 8);
    int arr[] = {5, -3, 9, 0, 2};
    GET(qsort_t, qsort)(arr, 5, sizeof(int), cmp_int);
    int key = 2;
    int *found = GET(bsearch_t, bsearch)(&key, arr, 5, sizeof(int), cmp_int);
    printf("qsort %d %d %d %d %d bsearch %d\n", arr[0], arr[1], arr[2], arr[3], arr[4], (int)(found - arr));
    abs_t p_abs = GET(abs_t, abs), p_labs = GET(abs_t, labs);
    abs64_t p_abs64 = GET(abs64_t, _abs64);
    printf("abs %d labs %d _abs64 %lld\n", p_abs ? p_abs(-7) : -1, p_labs ? p_labs(-8) : -1,
           p_abs64 ? p_abs64(-9000000000ll) : -1ll);
    return 0;
}
