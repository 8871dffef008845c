/* Checks: the library half's string.h/stdlib.h: _s functions' errors (under an invalid-parameter handler),
 * qsort's order of equal keys, bsearch among equal keys, rand's sequence, _itoa family, _splitpath/_makepath,
 * strtok_s, _strerror texts, ctype values, the "C" locale conversions. */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int invalid;

static void handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file, unsigned line, uintptr_t r)
{
    (void)expr, (void)func, (void)file, (void)line, (void)r;
    invalid++;
}

struct item {
    int key, id;
};

static int compares_same;

static int by_key(const void *a, const void *b)
{
    if (a == b)
        compares_same++;
    return ((const struct item *)a)->key - ((const struct item *)b)->key;
}

static int by_key_s(void *ctx, const void *a, const void *b)
{
    ++*(int *)ctx;
    return by_key(a, b);
}

static void show_items(const char *label, const struct item *v, int n)
{
    printf("%s:", label);
    for (int i = 0; i < n; i++)
        printf(" %d.%d", v[i].key, v[i].id);
    printf("\n");
}

int main(void)
{
    _set_invalid_parameter_handler(handler);
    char buf[8];
    int e;

    e = strcpy_s(buf, sizeof buf, "1234567");
    printf("strcpy_s fits: %d [%s]\n", e, buf);
    errno = 0, invalid = 0;
    e = strcpy_s(buf, sizeof buf, "12345678");
    printf("strcpy_s too long: %d errno %d buf[0] %d invalid %d\n", e, errno, buf[0], invalid);
    errno = 0, invalid = 0;
    e = strcpy_s(NULL, 4, "x");
    printf("strcpy_s NULL: %d errno %d invalid %d\n", e, errno, invalid);
    strcpy(buf, "abc");
    e = strcat_s(buf, sizeof buf, "defg");
    printf("strcat_s fits: %d [%s]\n", e, buf);
    strcpy(buf, "abc");
    invalid = 0;
    e = strcat_s(buf, sizeof buf, "defgh");
    printf("strcat_s too long: %d buf[0] %d invalid %d\n", e, buf[0], invalid);
    e = strncpy_s(buf, sizeof buf, "truncated text", _TRUNCATE);
    printf("strncpy_s _TRUNCATE: %d [%s]\n", e, buf);
    e = strncpy_s(buf, sizeof buf, "abcdef", 3);
    printf("strncpy_s count 3: %d [%s]\n", e, buf);
    strcpy(buf, "ab");
    e = strncat_s(buf, sizeof buf, "cdefghij", _TRUNCATE);
    printf("strncat_s _TRUNCATE: %d [%s]\n", e, buf);
    memset(buf, 'z', sizeof buf);
    invalid = 0;
    e = memcpy_s(buf, 4, "0123456789", 6);
    printf("memcpy_s too small: %d cleared %d invalid %d\n", e, buf[0] == 0 && buf[3] == 0 && buf[4] == 'z', invalid);
    e = memmove_s(buf, sizeof buf, "xy", 3);
    printf("memmove_s: %d [%s]\n", e, buf);
    char word[] = "MiXeD";
    e = _strlwr_s(word, sizeof word);
    printf("_strlwr_s: %d [%s]\n", e, word);
    invalid = 0;
    e = _strupr_s(word, 3);
    printf("_strupr_s short size: %d invalid %d\n", e, invalid);

    /* qsort: which of the equal keys ends first is the algorithm's business */
    struct item items[] = {{3, 0}, {1, 1}, {3, 2}, {2, 3}, {1, 4}, {3, 5}, {2, 6}, {1, 7},
                           {3, 8}, {1, 9}, {2, 10}, {3, 11}, {2, 12}, {1, 13}, {3, 14}};
    int n = (int)(sizeof items / sizeof items[0]);
    qsort(items, n, sizeof items[0], by_key);
    show_items("qsort equal keys", items, n);
    printf("qsort compared an element with itself: %d\n", compares_same);
    struct item few[] = {{2, 0}, {1, 1}, {2, 2}, {1, 3}, {2, 4}, {1, 5}};
    qsort(few, 6, sizeof few[0], by_key);
    show_items("qsort short", few, 6);
    struct item more[40];
    for (int i = 0; i < 40; i++)
        more[i] = (struct item){(i * 7) % 5, i};
    int calls = 0;
    qsort_s(more, 40, sizeof more[0], by_key_s, &calls);
    show_items("qsort_s", more, 40);
    printf("qsort_s comparisons: %d\n", calls);
    struct item key = {2, -1};
    struct item *hit = bsearch(&key, items, n, sizeof items[0], by_key);
    printf("bsearch among equal keys: index %d\n", hit ? (int)(hit - items) : -1);
    key.key = 5;
    printf("bsearch missing: %s\n", bsearch(&key, items, n, sizeof items[0], by_key) ? "found" : "null");

    printf("rand:");
    for (int i = 0; i < 6; i++)
        printf(" %d", rand());
    srand(12345);
    printf(", after srand(12345):");
    for (int i = 0; i < 3; i++)
        printf(" %d", rand());
    printf("\n");

    char num[70];
    printf("_itoa: %s", _itoa(-255, num, 16));
    printf(" %s", _itoa(-255, num, 10));
    printf(" %s", _ultoa(4000000000u, num, 36));
    printf(" %s", _i64toa(-9223372036854775807LL - 1, num, 10));
    printf(" %s\n", _ui64toa(18446744073709551615ull, num, 2) + 60);
    invalid = 0;
    e = _itoa_s(123456, num, 4, 10);
    printf("_itoa_s small: %d [%s] invalid %d\n", e, num, invalid);
    wchar_t wnum[20];
    _i64tow(-42, wnum, 10);
    printf("_i64tow: %ls\n", wnum);

    char drive[8], dir[64], fname[64], ext[16], path[128];
    _splitpath("c:\\dir.x\\sub/name.tar.gz", drive, dir, fname, ext);
    printf("_splitpath: [%s] [%s] [%s] [%s]\n", drive, dir, fname, ext);
    _splitpath("noext", drive, dir, fname, ext);
    printf("_splitpath noext: [%s] [%s] [%s] [%s]\n", drive, dir, fname, ext);
    _makepath(path, "d", "top\\mid", "file", "txt");
    printf("_makepath: %s\n", path);
    _makepath(path, NULL, "a/", "b", ".c");
    printf("_makepath slash/dot: %s\n", path);
    invalid = 0;
    e = _splitpath_s("c:\\long\\path.txt", drive, 3, dir, 4, NULL, 0, NULL, 0);
    printf("_splitpath_s small: %d invalid %d\n", e, invalid);

    char text[] = "one,two;;three";
    char *ctx = NULL;
    printf("strtok_s:");
    for (char *t = strtok_s(text, ",;", &ctx); t; t = strtok_s(NULL, ",;", &ctx))
        printf(" [%s]", t);
    printf("\n");

    errno = ENOENT;
    printf("_strerror: %s", _strerror("ctx"));
    printf("strerror(42): %s\n", strerror(42));   /* one call per line: the text lives in a per-thread buffer */
    printf("strerror(43): %s\n", strerror(43));
    printf("strerror(100): %s\n", strerror(100));
    char err[12];
    e = strerror_s(err, sizeof err, ENOMEM);
    printf("strerror_s truncates: %d [%s]\n", e, err);

    printf("ctype: %x %x %x %x %x %x %x\n", isalpha('a'), isalpha('Z'), isdigit('5'), isspace(' '), ispunct('!'),
           isxdigit('F'), isprint(' '));
    printf("ctype bytes >= 0x80: %d %d, _isctype('q', _LOWER): %x\n", isalpha(0xE9), isupper(0xC0), _isctype('q', _LOWER));
    printf("toupper/_toupper: %c %c %d\n", toupper('q'), _toupper('q'), toupper(0xE9));
    printf("iswalpha(U+00E9) %d, iswupper(U+00C9) %d, towupper(U+00E9) %04X, iswdigit(U+0663) %d, iswspace(U+3000) %d\n",
           iswalpha(0xE9) != 0, iswupper(0xC9) != 0, towupper(0xE9), iswdigit(0x663) != 0, iswspace(0x3000) != 0);

    printf("setlocale(LC_ALL, NULL): %s\n", setlocale(LC_ALL, NULL));
    printf("localeconv: [%s] [%s] %d\n", localeconv()->decimal_point, localeconv()->thousands_sep,
           localeconv()->frac_digits);
    wchar_t w[8];
    size_t r = mbstowcs(w, "A\xe9z", 8);
    printf("mbstowcs: %d %04X %04X\n", (int)r, w[1], w[2]);
    char mb[8];
    errno = 0;
    r = wcstombs(mb, L"a\x20ac", sizeof mb);
    printf("wcstombs unconvertible: %d errno %d\n", (int)r, errno);
    int len = wctomb(mb, 0xFF);
    printf("wctomb(U+00FF): %d %02X, mblen: %d\n", len, (unsigned char)mb[0], mblen("x", 1));
    return 0;
}
