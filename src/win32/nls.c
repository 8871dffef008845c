/*
 * National language support: string comparison (CompareString*, lstrcmp*), mapping (LCMapString*, FoldStringW),
 * character types (GetStringType*) and the Win32 string helpers (lstrcpy*, lstrcat*).
 *
 * Comparison follows the shape of Windows' sort keys: every character has a primary weight (symbols, then
 * digits, then letters; case and accents folded), a diacritic weight and a case weight (lowercase first), and
 * a string compares level by level: primaries, then diacritics, then case. In the default "word sort" the
 * hyphen and the apostrophe only weigh at a last level, so "coop" < "co-op" < "cop"; SORT_STRINGSORT makes them
 * symbols. The order of the ASCII symbols is Windows' (as Wine's tables have it): ' - space ! " # $ % & ( ) *
 * , . / : ; ? @ [ \ ] ^ _ ` { | } ~ + < = >. Beyond Latin-1, letters weigh by their lowercase code point.
 * CompareString compares the sort keys LCMapString(LCMAP_SORTKEY) gives, so both always agree.
 */
#include <string.h>

#include "win32/k32.h"
#include "win32/nls.h"

#define NORM_IGNORECASE         0x00000001
#define NORM_IGNORENONSPACE     0x00000002
#define NORM_IGNORESYMBOLS      0x00000004
#define SORT_DIGITSASNUMBERS    0x00000008
#define LINGUISTIC_IGNORECASE   0x00000010
#define LINGUISTIC_IGNOREDIACRITIC 0x00000020
#define SORT_STRINGSORT         0x00001000
#define LOCALE_USE_CP_ACP       0x40000000   /* accepted, as are Windows' own undocumented 0x10000000 */
#define NORM_IGNOREKANATYPE     0x00010000
#define NORM_IGNOREWIDTH        0x00020000
#define NORM_LINGUISTIC_CASING  0x08000000
#define COMPARE_FLAGS                                                                                           \
    (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | LINGUISTIC_IGNORECASE |                        \
     LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH |                     \
     NORM_LINGUISTIC_CASING | SORT_DIGITSASNUMBERS | LOCALE_USE_CP_ACP | 0x10000000)

#define LCMAP_LOWERCASE          0x00000100
#define LCMAP_UPPERCASE          0x00000200
#define LCMAP_SORTKEY            0x00000400
#define LCMAP_BYTEREV            0x00000800
#define LCMAP_HIRAGANA           0x00100000
#define LCMAP_KATAKANA           0x00200000
#define LCMAP_HALFWIDTH          0x00400000
#define LCMAP_FULLWIDTH          0x00800000
#define LCMAP_LINGUISTIC_CASING  0x01000000
#define LCMAP_SIMPLIFIED_CHINESE 0x02000000
#define LCMAP_TRADITIONAL_CHINESE 0x04000000

#define CSTR_LESS_THAN    1
#define CSTR_EQUAL        2
#define CSTR_GREATER_THAN 3

/* ---- weights ------------------------------------------------------------------------------------------- */

static const char symbol_order[] = "'- !\"#$%&()*,./:;?@[\\]^_`{|}~+<=>";

/* Latin-1 letters U+00C0..U+00FF: the base letter and the accent (1 grave, 2 acute, 3 circumflex, 4 tilde,
 * 5 diaeresis, 6 ring, 7 cedilla, 8 stroke, 9 ligature or other); 0 for the two symbols × and ÷. */
static const char latin1_base[] = "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYTsaaaaaaaceeeeiiiidnooooo\0ouuuuyty";
static const unsigned char latin1_accent[] = {1, 2, 3, 4, 5, 6, 9, 7, 1, 2, 3, 5, 1, 2, 3, 5, 8, 4, 1, 2, 3, 4,
                                              5, 0, 8, 1, 2, 3, 5, 2, 9, 9, 1, 2, 3, 4, 5, 6, 9, 7, 1, 2, 3, 5,
                                              1, 2, 3, 5, 8, 4, 1, 2, 3, 4, 5, 0, 8, 1, 2, 3, 5, 2, 9, 5};

struct nls_weight {
    uint32_t primary;    /* 0: weighs at no level but the special one */
    uint8_t accent;
    uint8_t upper;
    uint8_t special;     /* word sort's hyphen (2) and apostrophe (1) */
    bool symbol;
};

static bool is_upper(WCHAR c)
{
    return RtlDowncaseUnicodeChar(c) != c;
}

static struct nls_weight weigh(WCHAR c, DWORD flags)
{
    struct nls_weight w = {0};
    if ((flags & NORM_IGNOREWIDTH) && c >= 0xFF01 && c <= 0xFF5E)
        c = (WCHAR)(c - 0xFF01 + 0x21);
    if (c == 0x3000 && (flags & NORM_IGNOREWIDTH))
        c = ' ';
    if (c >= 0xC0 && c <= 0xFF && latin1_base[c - 0xC0]) {
        w.accent = latin1_accent[c - 0xC0];
        w.upper = c < 0xDF;
        c = (WCHAR)latin1_base[c - 0xC0];
    }
    const char *s = c && c < 0x80 ? strchr(symbol_order, c) : NULL;
    if (s) {
        w.symbol = true;
        if (!(flags & SORT_STRINGSORT) && (c == '\'' || c == '-'))
            w.special = c == '\'' ? 1 : 2;
        else
            w.primary = 0x40 + (uint32_t)(s - symbol_order);
    } else if (c < 0x20 || c == 0x7F) {
        w.primary = 1 + (c == 0x7F ? 0x20 : c);   /* controls first */
    } else if (c >= '0' && c <= '9') {
        w.primary = 0x20000 + (c - '0');
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        w.primary = 0x30000 + ((c | 0x20) - 'a');
        w.upper = w.upper || (c < 'a');
    } else if (c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c < 0x2C00) || (c >= 0x3000 && c < 0x3040)) {
        w.symbol = true;
        w.primary = 0x100 + c;
    } else {
        w.upper = is_upper(c);
        w.primary = 0x40000 + RtlDowncaseUnicodeChar(c);
    }
    if (flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE))
        w.upper = 0;
    if (flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC))
        w.accent = 0;
    return w;
}

/* Appends v as four bytes of six bits each plus 2, so that no weight byte is 0 or 1 (the level separator and
 * the end): keys then compare with memcmp. */
static size_t put_weight(BYTE *key, size_t at, uint32_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--) {
        if (key)
            key[at] = (BYTE)(2 + ((v >> (6 * i)) & 0x3F));
        at++;
    }
    return at;
}

/* The sort key of s (n units) into key (NULL: only the size), ending with a 0 byte. */
static size_t sort_key(const WCHAR *s, size_t n, DWORD flags, BYTE *key)
{
    size_t at = 0;
    for (int level = 0; level < 4; level++) {
        size_t position = 0;
        for (size_t i = 0; i < n; i++) {
            if ((flags & SORT_DIGITSASNUMBERS) && s[i] >= '0' && s[i] <= '9') {
                /* a run of digits weighs as one number: its length without leading zeros, then its
                 * digits; more leading zeros sort first ("x007" < "x7") */
                size_t j = i, zeros;
                while (j < n && s[j] >= '0' && s[j] <= '9')
                    j++;
                for (zeros = 0; i + zeros + 1 < j && s[i + zeros] == '0'; zeros++)
                    ;
                if (level == 0) {
                    at = put_weight(key, at, 0x20100 + (uint32_t)(j - i - zeros), 4);
                    for (size_t d = i + zeros; d < j; d++)
                        at = put_weight(key, at, 0x20000 + (uint32_t)(s[d] - '0'), 4);
                } else if (level == 1) {
                    at = put_weight(key, at, 0x3F - (uint32_t)(zeros < 0x3F ? zeros : 0x3F), 1);
                } else if (level == 2) {
                    at = put_weight(key, at, 0, 1);
                }
                position++;
                i = j - 1;
                continue;
            }
            struct nls_weight w = weigh(s[i], flags);
            if (w.symbol && (flags & NORM_IGNORESYMBOLS))
                continue;
            if (level == 3 && w.special) {
                at = put_weight(key, at, (uint32_t)position, 3);
                at = put_weight(key, at, w.special, 1);
            }
            if (!w.primary)
                continue;
            position++;
            if (level == 0)
                at = put_weight(key, at, w.primary, 4);
            else if (level == 1)
                at = put_weight(key, at, w.accent, 1);
            else if (level == 2)
                at = put_weight(key, at, w.upper, 1);
        }
        if (key)
            key[at] = level == 3 ? 0 : 1;
        at++;
    }
    return at;
}

/* ---- locales and comparison --------------------------------------------------------------------------- */

static int compare_keys(const WCHAR *a, size_t na, const WCHAR *b, size_t nb, DWORD flags)
{
    size_t ka = sort_key(a, na, flags, NULL), kb = sort_key(b, nb, flags, NULL);
    BYTE *buf = RtlAllocateHeap(RtlGetProcessHeap(), 0, ka + kb);
    if (!buf) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    sort_key(a, na, flags, buf);
    sort_key(b, nb, flags, buf + ka);
    int r = memcmp(buf, buf + ka, ka < kb ? ka : kb);
    if (!r)
        r = ka < kb ? -1 : ka > kb;
    RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
    return r < 0 ? CSTR_LESS_THAN : r > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL;
}

int WINAPI CompareStringEx(LPCWSTR locale, DWORD flags, LPCWSTR a, int na, LPCWSTR b, int nb, PVOID version,
                           PVOID reserved, LPARAM param)
{
    if (!a || !b || version || reserved || param) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & ~COMPARE_FLAGS) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (!NlsLocaleValidName(locale)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t la = na < 0 ? RtlpWcslen(a) : (size_t)na, lb = nb < 0 ? RtlpWcslen(b) : (size_t)nb;
    return compare_keys(a, la, b, lb, flags);
}

int WINAPI CompareStringW(LCID lcid, DWORD flags, LPCWSTR a, int na, LPCWSTR b, int nb)
{
    if (!a || !b) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & ~COMPARE_FLAGS) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (!NlsLocaleValid(lcid)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t la = na < 0 ? RtlpWcslen(a) : (size_t)na, lb = nb < 0 ? RtlpWcslen(b) : (size_t)nb;
    return compare_keys(a, la, b, lb, flags);
}

int WINAPI CompareStringA(LCID lcid, DWORD flags, LPCSTR a, int na, LPCSTR b, int nb)
{
    if (!a || !b) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t la, lb;
    WCHAR *wa = BaseAnsiToWideN(a, na < 0 ? strlen(a) : (size_t)na, &la);
    WCHAR *wb = BaseAnsiToWideN(b, nb < 0 ? strlen(b) : (size_t)nb, &lb);
    int r = 0;
    if (!wa || !wb)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else
        r = CompareStringW(lcid, flags, wa, (int)la, wb, (int)lb);
    BaseFreeWide(wa);
    BaseFreeWide(wb);
    return r;
}

/* Code unit by code unit; with ignore_case both sides upper-cased first (Windows' uppercase table). */
int WINAPI CompareStringOrdinal(LPCWSTR a, int na, LPCWSTR b, int nb, BOOL ignore_case)
{
    if (!a || !b) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t la = na < 0 ? RtlpWcslen(a) : (size_t)na, lb = nb < 0 ? RtlpWcslen(b) : (size_t)nb;
    for (size_t i = 0; i < la && i < lb; i++) {
        WCHAR ca = a[i], cb = b[i];
        if (ignore_case) {
            ca = RtlUpcaseUnicodeChar(ca);
            cb = RtlUpcaseUnicodeChar(cb);
        }
        if (ca != cb)
            return ca < cb ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
    }
    return la < lb ? CSTR_LESS_THAN : la > lb ? CSTR_GREATER_THAN : CSTR_EQUAL;
}

/* lstrcmp*: CompareString in the thread's locale minus 2; NULL sorts before every string. */
int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b)
{
    if (!a || !b)
        return !a && !b ? 0 : !a ? -1 : 1;
    return CompareStringW(NLS_LCID_EN_US, 0, a, -1, b, -1) - 2;
}

int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
    if (!a || !b)
        return !a && !b ? 0 : !a ? -1 : 1;
    return CompareStringW(NLS_LCID_EN_US, NORM_IGNORECASE, a, -1, b, -1) - 2;
}

int WINAPI lstrcmpA(LPCSTR a, LPCSTR b)
{
    if (!a || !b)
        return !a && !b ? 0 : !a ? -1 : 1;
    return CompareStringA(NLS_LCID_EN_US, 0, a, -1, b, -1) - 2;
}

int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b)
{
    if (!a || !b)
        return !a && !b ? 0 : !a ? -1 : 1;
    return CompareStringA(NLS_LCID_EN_US, NORM_IGNORECASE, a, -1, b, -1) - 2;
}

/* ---- mapping ------------------------------------------------------------------------------------------- */

static int map_string(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len)
{
    if (!src || src_len == 0 || dst_len < 0 || (dst_len && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t n = src_len < 0 ? RtlpWcslen(src) + 1 : (size_t)src_len;
    if (flags & LCMAP_SORTKEY) {
        if (flags & ~(LCMAP_SORTKEY | COMPARE_FLAGS)) {
            SetLastError(ERROR_INVALID_FLAGS);
            return 0;
        }
        if (src_len < 0)
            n--;
        size_t need = sort_key(src, n, flags, NULL);
        if (!dst_len)
            return (int)need;
        if (need > (size_t)dst_len) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        sort_key(src, n, flags, (BYTE *)dst);
        return (int)need;
    }
    DWORD casing = flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE);
    if (casing == (LCMAP_LOWERCASE | LCMAP_UPPERCASE) ||
        (flags & ~(LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_BYTEREV | LCMAP_LINGUISTIC_CASING | NORM_IGNORECASE |
                   NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | NORM_IGNOREWIDTH | NORM_IGNOREKANATYPE)) ||
        !flags) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if ((flags & NORM_IGNORESYMBOLS) && dst == src) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        WCHAR c = src[i];
        if ((flags & NORM_IGNORESYMBOLS) && c && weigh(c, SORT_STRINGSORT).symbol)
            continue;
        if (casing == LCMAP_LOWERCASE || (flags & NORM_IGNORECASE))
            c = RtlDowncaseUnicodeChar(c);
        else if (casing == LCMAP_UPPERCASE)
            c = RtlUpcaseUnicodeChar(c);
        if ((flags & NORM_IGNOREWIDTH) && c >= 0xFF01 && c <= 0xFF5E)
            c = (WCHAR)(c - 0xFF01 + 0x21);
        if (flags & LCMAP_BYTEREV)
            c = (WCHAR)((c >> 8) | (c << 8));
        if (dst_len) {
            if (out >= (size_t)dst_len) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            dst[out] = c;
        }
        out++;
    }
    return (int)out;
}

int WINAPI LCMapStringEx(LPCWSTR locale, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len,
                         PVOID version, PVOID reserved, LPARAM param)
{
    if (version || reserved || param || !NlsLocaleValidName(locale)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return map_string(flags, src, src_len, dst, dst_len);
}

int WINAPI LCMapStringW(LCID lcid, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len)
{
    if (!NlsLocaleValid(lcid)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return map_string(flags, src, src_len, dst, dst_len);
}

/* The "A" form converts in and out with the ANSI code page; a sort key is bytes and is not converted. */
int WINAPI LCMapStringA(LCID lcid, DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len)
{
    if (!src || src_len == 0 || dst_len < 0 || (dst_len && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t n;
    WCHAR *w = BaseAnsiToWideN(src, src_len < 0 ? strlen(src) + 1 : (size_t)src_len, &n);
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    int r = 0;
    if (flags & LCMAP_SORTKEY) {
        r = LCMapStringW(lcid, flags, w, src_len < 0 ? -1 : (int)n, (LPWSTR)dst, dst_len);
    } else {
        int units = LCMapStringW(lcid, flags, w, (int)n, NULL, 0);
        WCHAR *out = units ? RtlAllocateHeap(RtlGetProcessHeap(), 0, (size_t)units * sizeof(WCHAR)) : NULL;
        if (out && LCMapStringW(lcid, flags, w, (int)n, out, units)) {
            r = WideCharToMultiByte(CP_ACP, 0, out, units, dst, dst_len, NULL, NULL);
        } else if (units && !out) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
        if (out)
            RtlFreeHeap(RtlGetProcessHeap(), 0, out);
    }
    BaseFreeWide(w);
    return r;
}

#define MAP_FOLDCZONE        0x0010
#define MAP_PRECOMPOSED      0x0020
#define MAP_COMPOSITE        0x0040
#define MAP_FOLDDIGITS       0x0080
#define MAP_EXPAND_LIGATURES 0x2000

/* The zero of each run of ten decimal digits that MAP_FOLDDIGITS folds to ASCII. */
static const WCHAR digit_zeros[] = {0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
                                    0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810,
                                    0xFF10};

/* MAP_FOLDDIGITS and MAP_FOLDCZONE (full-width forms) fold; composition is the identity for text that is
 * already precomposed, which is what this table-free implementation keeps: MAP_COMPOSITE and
 * MAP_EXPAND_LIGATURES, which need decomposition tables, fail with ERROR_INVALID_FLAGS. */
int WINAPI FoldStringW(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len)
{
    if (!src || !src_len || dst_len < 0 || (dst_len && !dst) || src == dst) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!flags || (flags & ~(MAP_FOLDCZONE | MAP_PRECOMPOSED | MAP_COMPOSITE | MAP_FOLDDIGITS |
                             MAP_EXPAND_LIGATURES)) ||
        (flags & (MAP_COMPOSITE | MAP_EXPAND_LIGATURES))) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    size_t n = src_len < 0 ? RtlpWcslen(src) + 1 : (size_t)src_len;
    for (size_t i = 0; i < n; i++) {
        WCHAR c = src[i];
        if (flags & MAP_FOLDDIGITS)
            for (size_t z = 0; z < ARRAY_SIZE(digit_zeros); z++)
                if (c >= digit_zeros[z] && c <= digit_zeros[z] + 9)
                    c = (WCHAR)('0' + c - digit_zeros[z]);
        if ((flags & MAP_FOLDCZONE) && c >= 0xFF01 && c <= 0xFF5E)
            c = (WCHAR)(c - 0xFF01 + 0x21);
        if ((flags & MAP_FOLDCZONE) && c == 0x3000)
            c = ' ';
        if (dst_len) {
            if (i >= (size_t)dst_len) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            dst[i] = c;
        }
    }
    return (int)n;
}

/* ---- character types ------------------------------------------------------------------------------------ */

#define CT_CTYPE1 1
#define CT_CTYPE2 2
#define CT_CTYPE3 4
#define C1_UPPER  0x0001
#define C1_LOWER  0x0002
#define C1_DIGIT  0x0004
#define C1_SPACE  0x0008
#define C1_PUNCT  0x0010
#define C1_CNTRL  0x0020
#define C1_BLANK  0x0040
#define C1_XDIGIT 0x0080
#define C1_ALPHA  0x0100
#define C1_DEFINED 0x0200
#define C2_LEFTTORIGHT 1
#define C2_EUROPENUMBER 3
#define C2_EUROPESEPARATOR 4
#define C2_EUROPETERMINATOR 5
#define C2_ARABICNUMBER 6
#define C2_COMMONSEPARATOR 7
#define C2_BLOCKSEPARATOR 8
#define C2_SEGMENTSEPARATOR 9
#define C2_WHITESPACE 10
#define C2_OTHERNEUTRAL 11
#define C2_NOTAPPLICABLE 0
#define C3_NONSPACING 0x0001
#define C3_DIACRITIC  0x0002
#define C3_SYMBOL     0x0008
#define C3_ALPHA      0x8000

static WORD ctype1(WCHAR c)
{
    WORD t = C1_DEFINED;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        t |= C1_CNTRL;
    if ((c >= 9 && c <= 13) || c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
        c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || (c >= 0x1C && c <= 0x1F))
        t |= C1_SPACE;
    if (c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
        c == 0x205F || c == 0x3000)
        t |= C1_BLANK;
    if ((c >= '0' && c <= '9') || c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0xFF10 && c <= 0xFF19))
        t |= C1_DIGIT;
    for (size_t z = 0; z < ARRAY_SIZE(digit_zeros); z++)
        if (c >= digit_zeros[z] && c <= digit_zeros[z] + 9)
            t |= C1_DIGIT;
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') || (c >= 0xFF10 && c <= 0xFF19) ||
        (c >= 0xFF21 && c <= 0xFF26) || (c >= 0xFF41 && c <= 0xFF46))
        t |= C1_XDIGIT;
    if (RtlDowncaseUnicodeChar(c) != c)
        t |= C1_UPPER | C1_ALPHA;
    else if (RtlUpcaseUnicodeChar(c) != c || c == 0xDF || c == 0xAA || c == 0xBA || c == 0xB5)
        t |= C1_LOWER | C1_ALPHA;
    else if (c >= 0x250 && !(t & (C1_SPACE | C1_DIGIT | C1_CNTRL)) &&
             !(c >= 0x2000 && c < 0x2C00) && !(c >= 0x3000 && c < 0x3040) && !(c >= 0xFE30 && c < 0xFE70) &&
             !(c >= 0xFF00 && c < 0xFF66) && !(c >= 0xD800 && c < 0xF900) && c != 0xFEFF && c != 0xFFFF &&
             !(c >= 0x300 && c < 0x370))
        t |= C1_ALPHA;
    if (!(t & (C1_ALPHA | C1_DIGIT | C1_SPACE | C1_CNTRL)) && c != 0xFEFF && !(c >= 0xD800 && c < 0xE000) &&
        c != 0xFFFF && c != 0xFFFE)
        t |= C1_PUNCT;
    if ((c >= 0xD800 && c < 0xE000) || c == 0xFFFF || c == 0xFFFE)
        t = 0;
    if (c == 0xB2 || c == 0xB3 || c == 0xB9)
        t |= C1_PUNCT;
    return t;
}

static WORD ctype2(WCHAR c)
{
    WORD t1 = ctype1(c);
    if (c >= '0' && c <= '9')
        return C2_EUROPENUMBER;
    if (c >= 0x660 && c <= 0x669)
        return C2_ARABICNUMBER;
    if (c == '+' || c == '-')
        return C2_EUROPESEPARATOR;
    if (c == '#' || c == '$' || c == '%' || (c >= 0xA2 && c <= 0xA5) || c == 0xB0 || c == 0xB1)
        return C2_EUROPETERMINATOR;
    if (c == ',' || c == '.' || c == '/' || c == ':' || c == 0xA0)
        return C2_COMMONSEPARATOR;
    if (c == '\n' || c == '\r' || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 || c == 0x2029)
        return C2_BLOCKSEPARATOR;
    if (c == '\t' || c == 0x0B || c == 0x1F)
        return C2_SEGMENTSEPARATOR;
    if (c == ' ' || c == '\f' || (c >= 0x2000 && c <= 0x200A) || c == 0x3000 || c == 0x2028)
        return C2_WHITESPACE;
    if (t1 & C1_ALPHA)
        return C2_LEFTTORIGHT;
    if (t1 & C1_CNTRL || !t1)
        return C2_NOTAPPLICABLE;
    return C2_OTHERNEUTRAL;
}

/* Letters that decompose into a base letter and a combining mark (the Latin-1 ones with an accent) are
 * non-spacing and diacritic, as Windows' tables mark them; spaces and punctuation are symbols. */
static WORD ctype3(WCHAR c)
{
    WORD t1 = ctype1(c), t = 0;
    if (c >= 0x300 && c < 0x370)
        t |= C3_NONSPACING | C3_DIACRITIC;
    if (c >= 0xC0 && c <= 0xFF && latin1_accent[c - 0xC0] >= 1 && latin1_accent[c - 0xC0] <= 7)
        t |= C3_NONSPACING | C3_DIACRITIC;
    if (t1 & (C1_PUNCT | C1_SPACE | C1_BLANK))
        t |= C3_SYMBOL;
    if (t1 & C1_ALPHA)
        t |= C3_ALPHA;
    return t;
}

BOOL WINAPI GetStringTypeW(DWORD type, LPCWSTR src, int n, LPWORD out)
{
    if (!src || !out || (type != CT_CTYPE1 && type != CT_CTYPE2 && type != CT_CTYPE3)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t len = n < 0 ? RtlpWcslen(src) + 1 : (size_t)n;
    for (size_t i = 0; i < len; i++)
        out[i] = type == CT_CTYPE1 ? ctype1(src[i]) : type == CT_CTYPE2 ? ctype2(src[i]) : ctype3(src[i]);
    return TRUE;
}

BOOL WINAPI GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR src, int n, LPWORD out)
{
    (void)lcid;   /* Windows ignores the locale here */
    return GetStringTypeW(type, src, n, out);
}

/* One type per byte of the ANSI text (UTF-8: a character's type repeats over its bytes, as its bytes are
 * the units the caller counts). */
BOOL WINAPI GetStringTypeA(LCID lcid, DWORD type, LPCSTR src, int n, LPWORD out)
{
    (void)lcid;
    if (!src || !out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t len = n < 0 ? strlen(src) + 1 : (size_t)n;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = RtlpDecodeUtf8((const unsigned char *)src + i, len - i, &c);
        if (!k) {
            k = 1;
            c = 0xFFFD;
        }
        WCHAR w = c > 0xFFFF ? 0xFFFD : (WCHAR)c;
        WORD t;
        if (!GetStringTypeW(type, &w, 1, &t))
            return FALSE;
        for (size_t j = 0; j < k; j++)
            out[i + j] = t;
        i += k;
    }
    return TRUE;
}

BOOL WINAPI GetStringTypeExA(LCID lcid, DWORD type, LPCSTR src, int n, LPWORD out)
{
    return GetStringTypeA(lcid, type, src, n, out);
}

/* ---- lstrcpy and friends ---------------------------------------------------------------------------------- */

/* Windows' lstr* guard against bad pointers and return NULL for them; a NULL argument is the case that
 * matters here. */
LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src)
{
    if (!dst || !src)
        return NULL;
    memmove(dst, src, (RtlpWcslen(src) + 1) * sizeof(WCHAR));
    return dst;
}

LPSTR WINAPI lstrcpyA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src)
        return NULL;
    memmove(dst, src, strlen(src) + 1);
    return dst;
}

/* Copies at most n - 1 units and always terminates (n of 0 writes nothing). */
LPWSTR WINAPI lstrcpynW(LPWSTR dst, LPCWSTR src, int n)
{
    if (!dst || !src)
        return NULL;
    int i = 0;
    for (; i + 1 < n && src[i]; i++)
        dst[i] = src[i];
    if (n > 0)
        dst[i] = 0;
    return dst;
}

LPSTR WINAPI lstrcpynA(LPSTR dst, LPCSTR src, int n)
{
    if (!dst || !src)
        return NULL;
    int i = 0;
    for (; i + 1 < n && src[i]; i++)
        dst[i] = src[i];
    if (n > 0)
        dst[i] = 0;
    return dst;
}

LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src)
{
    if (!dst || !src)
        return NULL;
    lstrcpyW(dst + RtlpWcslen(dst), src);
    return dst;
}

LPSTR WINAPI lstrcatA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src)
        return NULL;
    lstrcpyA(dst + strlen(dst), src);
    return dst;
}

/* ---- code pages and the A form of FoldString ---------------------------------------------------------------- */

typedef BOOL(WINAPI *CODEPAGE_ENUMPROCW)(LPWSTR);
typedef BOOL(WINAPI *CODEPAGE_ENUMPROCA)(LPSTR);

#define CP_INSTALLED 0x00000001
#define CP_SUPPORTED 0x00000002

/* The pages the conversions know (IsValidCodePage), installed and supported alike, each as its number in
 * decimal, until the callback returns FALSE. */
static const char *const code_pages[] = {"437", "20127", "28591", "65001"};

BOOL WINAPI EnumSystemCodePagesW(CODEPAGE_ENUMPROCW proc, DWORD flags)
{
    if (!proc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (flags != CP_INSTALLED && flags != CP_SUPPORTED) {
        SetLastError(ERROR_INVALID_FLAGS);
        return FALSE;
    }
    for (size_t i = 0; i < ARRAY_SIZE(code_pages); i++) {
        WCHAR name[8];
        size_t k = 0;
        for (; code_pages[i][k]; k++)
            name[k] = (WCHAR)code_pages[i][k];
        name[k] = 0;
        if (!proc(name))
            break;
    }
    return TRUE;
}

BOOL WINAPI EnumSystemCodePagesA(CODEPAGE_ENUMPROCA proc, DWORD flags)
{
    if (!proc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (flags != CP_INSTALLED && flags != CP_SUPPORTED) {
        SetLastError(ERROR_INVALID_FLAGS);
        return FALSE;
    }
    for (size_t i = 0; i < ARRAY_SIZE(code_pages); i++) {
        char name[8];
        memcpy(name, code_pages[i], strlen(code_pages[i]) + 1);
        if (!proc(name))
            break;
    }
    return TRUE;
}

/* FoldStringW over the ANSI page (UTF-8): the lengths are in bytes. */
int WINAPI FoldStringA(DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len)
{
    if (!src || !src_len || dst_len < 0 || (dst_len && !dst) || (dst_len && src == dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    int units = MultiByteToWideChar(CP_ACP, 0, src, src_len, NULL, 0);
    if (!units)
        return 0;
    PVOID heap = RtlGetProcessHeap();
    WCHAR *wide = RtlAllocateHeap(heap, 0, units * sizeof(WCHAR));
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    MultiByteToWideChar(CP_ACP, 0, src, src_len, wide, units);
    int folded = FoldStringW(flags, wide, units, NULL, 0);
    WCHAR *out = folded ? RtlAllocateHeap(heap, 0, folded * sizeof(WCHAR)) : NULL;
    int n = 0;
    if (folded && !out)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else if (out && FoldStringW(flags, wide, units, out, folded))
        n = WideCharToMultiByte(CP_ACP, 0, out, folded, dst, dst_len, NULL, NULL);
    if (out)
        RtlFreeHeap(heap, 0, out);
    RtlFreeHeap(heap, 0, wide);
    return n;
}
