/* CompareString*, lstrcmp*, LCMapString*, FoldStringW, GetStringType* and lstrcpy*: results and errors. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static void w2u(const WCHAR *w, int n, char *out, int size)
{
    int k = WideCharToMultiByte(CP_UTF8, 0, w, n, out, size - 1, NULL, NULL);
    out[k > 0 ? k : 0] = 0;
}

static WCHAR *wide(const char *s)
{
    static WCHAR buf[8][64];
    static int i;
    WCHAR *w = buf[i++ % 8];
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, 64);
    return w;
}

static DWORD sortflags;
static int by_compare(const void *a, const void *b)
{
    WCHAR x[2] = {*(const WCHAR *)a, 0}, y[2] = {*(const WCHAR *)b, 0};
    return CompareStringW(LOCALE_USER_DEFAULT, sortflags, x, 1, y, 1) - 2;
}

static void order(DWORD flags)
{
    WCHAR c[95];
    for (int i = 0; i < 95; i++)
        c[i] = (WCHAR)(0x20 + i);
    sortflags = flags;
    qsort(c, 95, sizeof(WCHAR), by_compare);
    printf("order %#lx: ", (unsigned long)flags);
    for (int i = 0; i < 95; i++)
        printf("%c", (char)c[i]);
    printf("\n");
}

int main(void)
{
    static const char *pairs[][2] = {
        {"co-op", "coop"}, {"coop", "co-op"}, {"co-op", "cop"}, {"a", "B"}, {"a", "A"}, {"ab", "a-c"},
        {"a-b", "ab"}, {"a b", "ab"}, {"a1", "a-"}, {"abc", "ABC"}, {"\xc3\xa4", "a"}, {"\xc3\xa4", "b"},
        {"\xc3\x84", "\xc3\xa4"}, {"r\xc3\xa9sum\xc3\xa9", "resume"}, {"1", "a"}, {"10", "9"}, {"_", "a"},
        {"a'b", "ab"}, {"ab", "a'c"}, {"", ""}, {"a", ""}, {"-", "'"}, {"--", "-"}, {"file.txt", "File.TXT"},
        {"a!b", "ab"}, {"Zebra", "apple"}, {"\xd0\xb1", "\xd0\x91"}, {"x", "\xd0\xb1"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        WCHAR *a = wide(pairs[i][0]), *b = wide(pairs[i][1]);
        /* the "A" forms only for ASCII: the ANSI code page differs (ntexec's is UTF-8) */
        int ascii = 1;
        for (const char *s = pairs[i][0]; *s; s++)
            ascii &= (unsigned char)*s < 0x80;
        for (const char *s = pairs[i][1]; *s; s++)
            ascii &= (unsigned char)*s < 0x80;
        printf("[%s] [%s]: word %d string %d icase %d nonspace %d symbols %d lstrcmpW %d lstrcmpiW %d lstrcmpA %d"
               " lstrcmpiA %d ordinal %d/%d\n",
               pairs[i][0], pairs[i][1], CompareStringW(0x409, 0, a, -1, b, -1),
               CompareStringW(0x409, SORT_STRINGSORT, a, -1, b, -1),
               CompareStringW(0x409, NORM_IGNORECASE, a, -1, b, -1),
               CompareStringW(0x409, NORM_IGNORENONSPACE, a, -1, b, -1),
               CompareStringW(0x409, NORM_IGNORESYMBOLS, a, -1, b, -1), lstrcmpW(a, b), lstrcmpiW(a, b),
               ascii ? lstrcmpA(pairs[i][0], pairs[i][1]) : 9, ascii ? lstrcmpiA(pairs[i][0], pairs[i][1]) : 9,
               CompareStringOrdinal(a, -1, b, -1, FALSE), CompareStringOrdinal(a, -1, b, -1, TRUE));
    }
    order(0);
    order(SORT_STRINGSORT);
    order(NORM_IGNORECASE | SORT_STRINGSORT);

    /* counted lengths, the Ex form, CompareStringA */
    printf("counted: %d %d\n", CompareStringW(0x409, 0, L"abcd", 2, L"abx", 2),
           CompareStringW(0x409, 0, L"abcd", 3, L"ab", -1));
    printf("Ex: %d %d\n", CompareStringEx(L"en-US", NORM_IGNORECASE, L"Hello", -1, L"hello", -1, NULL, NULL, 0),
           CompareStringEx(NULL, 0, L"a", -1, L"b", -1, NULL, NULL, 0));
    printf("digits as numbers: %d %d %d %d %d\n",
           CompareStringEx(L"en-US", SORT_DIGITSASNUMBERS, L"a10", -1, L"a9", -1, NULL, NULL, 0),
           CompareStringEx(L"en-US", 0, L"a10", -1, L"a9", -1, NULL, NULL, 0),
           CompareStringEx(L"en-US", SORT_DIGITSASNUMBERS, L"file2.txt", -1, L"file010.txt", -1, NULL, NULL, 0),
           CompareStringEx(L"en-US", SORT_DIGITSASNUMBERS, L"x007", -1, L"x7", -1, NULL, NULL, 0),
           CompareStringEx(L"en-US", SORT_DIGITSASNUMBERS, L"v1.10", -1, L"v1.9", -1, NULL, NULL, 0));
    printf("A: %d %d\n", CompareStringA(LOCALE_SYSTEM_DEFAULT, 0, "abc", -1, "abd", -1),
           CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "ABC", 3, "abc", 3));
    /* errors */
    SetLastError(0);
    { int r_ = CompareStringW(0x409, 0x400000, L"a", -1, L"b", -1); printf("bad flags: %d err %lu\n", r_, GetLastError()); }
    SetLastError(0);
    { int r_ = CompareStringW(0x409, 0, NULL, -1, L"b", -1); printf("null string: %d err %lu\n", r_, GetLastError()); }
    SetLastError(0);
    { int r_ = CompareStringOrdinal(NULL, -1, L"b", -1, FALSE); printf("ordinal null: %d err %lu\n", r_, GetLastError()); }
    printf("lstrcmp null: %d %d %d\n", lstrcmpW(NULL, L"a"), lstrcmpW(L"a", NULL), lstrcmpW(NULL, NULL));

    /* LCMapString */
    WCHAR buf[64];
    char u8[128];
    int n = LCMapStringW(0x409, LCMAP_UPPERCASE, L"Hello, W\x00f6rld", -1, buf, 64);
    w2u(buf, n, u8, sizeof u8);
    printf("upper: %d [%s]\n", n, u8);
    n = LCMapStringW(0x409, LCMAP_LOWERCASE, L"Hello, W\x00d6RLD", 5, buf, 64);
    w2u(buf, n, u8, sizeof u8);
    printf("lower: %d [%s]\n", n, u8);
    printf("size only: %d\n", LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc", -1, NULL, 0));
    n = LCMapStringEx(L"en-US", LCMAP_LOWERCASE, L"ABC", 3, buf, 64, NULL, NULL, 0);
    printf("Ex lower: %d [%c%c%c]\n", n, (char)buf[0], (char)buf[1], (char)buf[2]);
    char abuf[32];
    n = LCMapStringA(0x409, LCMAP_UPPERCASE, "mixed Case", -1, abuf, sizeof abuf);
    printf("A upper: %d [%s]\n", n, abuf);
    SetLastError(0);
    { int r_ = LCMapStringW(0x409, LCMAP_UPPERCASE | LCMAP_LOWERCASE, L"a", -1, buf, 64); printf("upper+lower: %d err %lu\n", r_, GetLastError()); }
    SetLastError(0);
    { int r_ = LCMapStringW(0x409, LCMAP_UPPERCASE, L"abcdef", -1, buf, 3); printf("small buffer: %d err %lu\n", r_, GetLastError()); }
    /* sort keys order strings as CompareString does */
    static const WCHAR *keys[] = {L"a", L"A", L"b", L"co-op", L"coop", L"cop", L"10", L"9"};
    BYTE k[8][64];
    int kn[8];
    for (int i = 0; i < 8; i++)
        kn[i] = LCMapStringW(0x409, LCMAP_SORTKEY, keys[i], -1, (WCHAR *)k[i], 64);
    printf("sortkey sizes nonzero:");
    for (int i = 0; i < 8; i++)
        printf(" %d", kn[i] > 0 && k[i][kn[i] - 1] == 0);
    printf("\nsortkey order:");
    for (int i = 0; i + 1 < 8; i++) {
        int m = memcmp(k[i], k[i + 1], kn[i] < kn[i + 1] ? kn[i] : kn[i + 1]);
        if (!m)
            m = kn[i] - kn[i + 1];
        printf(" %d/%d", m < 0 ? 1 : m > 0 ? 3 : 2, CompareStringW(0x409, 0, keys[i], -1, keys[i + 1], -1));
    }
    printf("\n");

    /* FoldStringW */
    n = FoldStringW(MAP_FOLDDIGITS, L"\x0661\x0662\x0663-\x0966", -1, buf, 64);
    w2u(buf, n, u8, sizeof u8);
    printf("fold digits: %d [%s]\n", n, u8);
    n = FoldStringW(MAP_FOLDCZONE, L"\xff21\xff42\xff13", 3, buf, 64);
    w2u(buf, n, u8, sizeof u8);
    printf("fold czone: %d [%s]\n", n, u8);
    SetLastError(0);
    { int r_ = FoldStringW(0, L"a", -1, buf, 64); printf("fold bad flags: %d err %lu\n", r_, GetLastError()); }

    /* GetStringType */
    WORD t[16];
    const WCHAR *sample = L"aZ5 \t!\x00e9\x00c9\x0431\x4e00\x0660_";
    int len = lstrlenW(sample);
    GetStringTypeW(CT_CTYPE1, sample, len, t);
    printf("ctype1:");
    for (int i = 0; i < len; i++)
        printf(" %03x", t[i]);
    GetStringTypeW(CT_CTYPE2, sample, len, t);
    printf("\nctype2:");
    for (int i = 0; i < len; i++)
        printf(" %x", t[i]);
    GetStringTypeW(CT_CTYPE3, sample, len, t);
    printf("\nctype3:");
    for (int i = 0; i < len; i++)
        printf(" %x", t[i] & 0x800b);
    printf("\n");
    BOOL ok = GetStringTypeExW(LOCALE_USER_DEFAULT, CT_CTYPE1, L"A1", 2, t);
    printf("ExW: %d %03x %03x\n", ok, t[0], t[1]);
    ok = GetStringTypeA(LOCALE_USER_DEFAULT, CT_CTYPE1, "b ", 2, t);
    printf("A: %d %03x %03x\n", ok, t[0], t[1]);
    SetLastError(0);
    { int r_ = GetStringTypeW(8, L"a", 1, t); printf("bad type: %d err %lu\n", r_, GetLastError()); }

    /* lstrcpy and friends */
    WCHAR w[8] = L"xxxxxxx";
    lstrcpynW(w, L"abcdef", 4);
    char c8[8] = "xxxxxxx";
    lstrcpynA(c8, "abcdef", 4);
    printf("lstrcpyn: [%ls] [%s] len %d %d\n", w, c8, lstrlenW(w), lstrlenA(c8));
    lstrcpyW(w, L"ab");
    lstrcatW(w, L"cd");
    lstrcpyA(c8, "12");
    lstrcatA(c8, "34");
    printf("lstrcat: [%ls] [%s]\n", w, c8);
    printf("lstrcpyn zero: %d\n", lstrcpynA(c8, "zz", 0) == c8 && c8[0] == '1');

    /* code pages */
    CPINFOEXW cpx;
    ok = GetCPInfoExW(CP_UTF8, 0, &cpx);
    w2u(cpx.CodePageName, -1, u8, sizeof u8);
    printf("cpinfoex utf8: %d max %u cp %u udef %04x [%s]\n", ok, cpx.MaxCharSize, cpx.CodePage,
           cpx.UnicodeDefaultChar, u8);
    ok = GetCPInfoExW(20127, 0, &cpx);
    w2u(cpx.CodePageName, -1, u8, sizeof u8);
    printf("cpinfoex 20127: %d max %u cp %u def %02x udef %04x [%s]\n", ok, cpx.MaxCharSize, cpx.CodePage,
           cpx.DefaultChar[0], cpx.UnicodeDefaultChar, u8);
    SetLastError(0);
    { int r_ = GetCPInfoExW(12345, 0, &cpx); printf("cpinfoex bad: %d err %lu\n", r_, GetLastError()); }
    printf("valid cp: %d %d %d\n", IsValidCodePage(65001), IsValidCodePage(12345), IsValidCodePage(0));
    return 0;
}
