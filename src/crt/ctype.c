/*
 * ctype.h and wctype.h in the "C" locale. Narrow classes come from the _ctype table (ASCII; bytes 0x80..0xFF
 * are in no class), and the functions return the table bits masked as the CRT macros do (isalpha('a') is 2,
 * isprint(' ') is 0x40). Wide classes: _pwctype covers U+0000..U+00FF (Latin-1, as GetStringTypeW classifies it); above it
 * the CRTs ask GetStringTypeW, approximated here by the Unicode blocks programs meet in practice (see
 * docs/crt-lib.md). Case mapping in the "C" locale is ASCII only, narrow and wide (towupper(0xE9) == 0xE9).
 */
#include <string.h>

#include "crt/lib.h"

#define U CRT_UPPER
#define L CRT_LOWER
#define D CRT_DIGIT
#define S CRT_SPACE
#define P CRT_PUNCT
#define C CRT_CONTROL
#define B CRT_BLANK
#define H CRT_HEX
#define A CRT_ALPHA

#define C8 C, C, C, C, C, C, C, C
#define P8 P, P, P, P, P, P, P, P
#define Z16 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

/* Index c + 1: the first entry is EOF's. The "C" table has no C1_ALPHA bits (isalpha('a') is 2), unlike the
 * wide table, which is GetStringTypeW's classification (iswalpha('a') is 0x102). */
const unsigned short crt_ctype_table[257] = {
    0,
    C8, C, S | C, S | C, S | C, S | C, S | C, C, C, C8, C8,                                    /* 0x00 */
    S | B, P, P, P, P, P, P, P, P8,                                                            /* 0x20 */
    D | H, D | H, D | H, D | H, D | H, D | H, D | H, D | H, D | H, D | H, P, P, P, P, P, P,     /* 0x30 */
    P, U | H, U | H, U | H, U | H, U | H, U | H, U, U, U, U, U, U, U, U, U,                     /* 0x40 */
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,                                            /* 0x50 */
    P, L | H, L | H, L | H, L | H, L | H, L | H, L, L, L, L, L, L, L, L, L,                     /* 0x60 */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, C,                                            /* 0x70 */
    Z16, Z16, Z16, Z16, Z16, Z16, Z16, Z16,                                                    /* 0x80 */
};

/* U+0000..U+00FF as GetStringTypeW(CT_CTYPE1) classifies them (the CRTs' _pwctype). */
static unsigned short latin1_class(unsigned c)
{
    if (c < 0x80) {
        unsigned short v = crt_ctype_table[c + 1];
        return v & (U | L) ? v | A : v;
    }
    if (c < 0xA0)
        return C;
    if (c == 0xA0)
        return S | B;
    if (c == 0xAA || c == 0xB5 || c == 0xBA)
        return L | A;
    if (c == 0xB2 || c == 0xB3 || c == 0xB9)
        return D | P;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return P;
    return c < 0xDF ? U | A : L | A;
}

static unsigned short wctype_table[256];

static const unsigned short *pwctype(void)
{
    if (!wctype_table['A'])
        for (unsigned c = 0; c < 256; c++)
            wctype_table[c] = latin1_class(c);
    return wctype_table;
}

const unsigned short *WINAPI crt___pwctype_func(void) { return pwctype(); }
unsigned short *WINAPI crt___pctype_func(void) { return crt_lib->pctype; }
/* msvcrt's __p__pctype / __p__pwctype: the addresses of the pointer variables. */
unsigned short **WINAPI crt___p__pctype(void) { return &crt_lib->pctype; }
const unsigned short **WINAPI crt___p__pwctype(void) { return &crt_lib->pwctype; }

/* Lower/upper pairs of the letters above U+00FF that programs meet: Latin Extended-A/B (alternating),
 * Greek, Cyrillic, full-width Latin. Returns U, L or 0 (letter without case, or not a letter). */
static unsigned short wide_case(unsigned c)
{
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x138 || c == 0x149 || c == 0x17F)
            return L;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return c & 1 ? U : L;
        if (c == 0x178)
            return U;
        return c & 1 ? L : U;
    }
    if (c >= 0x180 && c <= 0x24F)
        return c & 1 ? L : U;   /* Latin Extended-B: pairs, roughly */
    if (c >= 0x250 && c <= 0x2AF)
        return L;               /* IPA extensions */
    if ((c >= 0x391 && c <= 0x3AB) || c == 0x386 || (c >= 0x388 && c <= 0x38F))
        return c == 0x390 || c == 0x3A2 ? 0 : U;
    if (c >= 0x3AC && c <= 0x3CE)
        return L;
    if (c >= 0x400 && c <= 0x42F)
        return U;
    if (c >= 0x430 && c <= 0x45F)
        return L;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x52F))
        return c & 1 ? L : U;
    if (c >= 0x1E00 && c <= 0x1EFF)
        return c & 1 ? L : U;   /* Latin Extended Additional */
    if (c >= 0xFF21 && c <= 0xFF3A)
        return U;
    if (c >= 0xFF41 && c <= 0xFF5A)
        return L;
    return 0;
}

/* GetStringTypeW's CT_CTYPE1 above U+00FF, by block. */
static unsigned short wide_class(unsigned c)
{
    unsigned short cs = wide_case(c);
    if (cs)
        return cs | A;
    static const struct {
        unsigned short lo, hi, cls;
    } ranges[] = {
        {0x02B0, 0x02FF, P},     {0x0300, 0x036F, P},     {0x037E, 0x037E, P},     {0x0531, 0x0587, A},
        {0x05D0, 0x05EA, A},     {0x0600, 0x065F, A},     {0x0660, 0x0669, D},     {0x066A, 0x066D, P},
        {0x066E, 0x06EF, A},     {0x06F0, 0x06F9, D},     {0x0900, 0x0965, A},     {0x0966, 0x096F, D},
        {0x0E00, 0x0E4F, A},     {0x0E50, 0x0E59, D},     {0x10A0, 0x10FF, A},     {0x1100, 0x11FF, A},
        {0x1680, 0x1680, S | B}, {0x2000, 0x200A, S | B}, {0x200B, 0x200F, C},     {0x2010, 0x2027, P},
        {0x2028, 0x2029, S},     {0x202A, 0x202E, C},     {0x202F, 0x202F, S | B}, {0x2030, 0x205E, P},
        {0x205F, 0x205F, S | B}, {0x2070, 0x209F, P},     {0x20A0, 0x20CF, P},     {0x2100, 0x214F, P},
        {0x2150, 0x218F, P},     {0x2190, 0x2BFF, P},     {0x3000, 0x3000, S | B}, {0x3001, 0x303F, P},
        {0x3040, 0x30FF, A},     {0x3100, 0x31FF, A},     {0x3400, 0x4DBF, A},     {0x4E00, 0x9FFF, A},
        {0xA000, 0xA4CF, A},     {0xAC00, 0xD7A3, A},     {0xD800, 0xDFFF, 0},     {0xE000, 0xF8FF, 0},
        {0xF900, 0xFAFF, A},     {0xFE30, 0xFE4F, P},     {0xFEFF, 0xFEFF, 0},     {0xFF01, 0xFF0F, P},
        {0xFF10, 0xFF19, D},     {0xFF1A, 0xFF20, P},     {0xFF3B, 0xFF40, P},     {0xFF5B, 0xFF65, P},
        {0xFF66, 0xFFDC, A},     {0xFFE0, 0xFFEE, P},
    };
    for (size_t i = 0; i < ARRAY_SIZE(ranges); i++)
        if (c >= ranges[i].lo && c <= ranges[i].hi)
            return ranges[i].cls;
    return 0;
}

unsigned short crt_wctype(WCHAR c)
{
    return c < 256 ? pwctype()[c] : wide_class(c);
}

WCHAR crt_towlower_internal(WCHAR c) { return c >= 'A' && c <= 'Z' ? (WCHAR)(c + 32) : c; }
WCHAR crt_towupper_internal(WCHAR c) { return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c; }

/* ---- narrow -------------------------------------------------------------------------------------------------- */

int WINAPI crt__isctype(int c, int mask)
{
    return (unsigned)(c + 1) <= 256 ? crt_lib->pctype[c] & mask : 0;
}

int WINAPI crt__isctype_l(int c, int mask, void *locale) { (void)locale; return crt__isctype(c, mask); }

#define NARROW(name, mask)                                                                            \
    int WINAPI crt_##name(int c) { return crt__isctype(c, mask); }                                  \
    int WINAPI crt__##name##_l(int c, void *locale) { (void)locale; return crt__isctype(c, mask); }
NARROW(isalpha, A | U | L)
NARROW(isupper, U)
NARROW(islower, L)
NARROW(isdigit, D)
NARROW(isxdigit, H)
NARROW(isspace, S)
NARROW(ispunct, P)
NARROW(isalnum, A | U | L | D)
NARROW(isprint, B | P | A | U | L | D)
NARROW(isgraph, P | A | U | L | D)
NARROW(iscntrl, C)

int WINAPI crt_isblank(int c) { return c == '\t' ? B : crt__isctype(c, B); }
int WINAPI crt__isblank_l(int c, void *locale) { (void)locale; return crt_isblank(c); }
int WINAPI crt___isascii(int c) { return (unsigned)c < 0x80; }
int WINAPI crt___toascii(int c) { return c & 0x7f; }
int WINAPI crt___iscsym(int c) { return crt_isalnum(c) || c == '_'; }
int WINAPI crt___iscsymf(int c) { return crt_isalpha(c) || c == '_'; }
int WINAPI crt_isleadbyte(int c) { (void)c; return 0; }   /* no lead bytes in the "C" locale */
int WINAPI crt__isleadbyte_l(int c, void *locale) { (void)locale; (void)c; return 0; }

int WINAPI crt_tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
int WINAPI crt_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int WINAPI crt__tolower_l(int c, void *locale) { (void)locale; return crt_tolower(c); }
int WINAPI crt__toupper_l(int c, void *locale) { (void)locale; return crt_toupper(c); }
/* _tolower/_toupper assume a letter of the other case and just shift it. */
int WINAPI crt__tolower(int c) { return c - 'A' + 'a'; }
int WINAPI crt__toupper(int c) { return c - 'a' + 'A'; }

/* ---- wide -------------------------------------------------------------------------------------------------- */

int WINAPI crt_iswctype(WCHAR c, unsigned short mask)
{
    return c == 0xFFFF ? 0 : crt_wctype(c) & mask;   /* WEOF is in no class */
}

int WINAPI crt__iswctype_l(WCHAR c, unsigned short mask, void *locale) { (void)locale; return crt_iswctype(c, mask); }

#define WIDE(name, mask)                                                                              \
    int WINAPI crt_##name(WCHAR c) { return crt_iswctype(c, mask); }                                \
    int WINAPI crt__##name##_l(WCHAR c, void *locale) { (void)locale; return crt_iswctype(c, mask); }
WIDE(iswalpha, A | U | L)
WIDE(iswupper, U)
WIDE(iswlower, L)
WIDE(iswdigit, D)
WIDE(iswxdigit, H)
WIDE(iswspace, S)
WIDE(iswpunct, P)
WIDE(iswalnum, A | U | L | D)
WIDE(iswprint, B | P | A | U | L | D)
WIDE(iswgraph, P | A | U | L | D)
WIDE(iswcntrl, C)

int WINAPI crt_iswblank(WCHAR c) { return c == '\t' ? B : crt_iswctype(c, B); }
int WINAPI crt__iswblank_l(WCHAR c, void *locale) { (void)locale; return crt_iswblank(c); }
int WINAPI crt_iswascii(WCHAR c) { return c < 0x80; }
int WINAPI crt___iswcsym(WCHAR c) { return crt_iswalnum(c) || c == '_'; }
int WINAPI crt___iswcsymf(WCHAR c) { return crt_iswalpha(c) || c == '_'; }
int WINAPI crt__iswcsym_l(WCHAR c, void *locale) { (void)locale; return crt___iswcsym(c); }
int WINAPI crt__iswcsymf_l(WCHAR c, void *locale) { (void)locale; return crt___iswcsymf(c); }

WCHAR WINAPI crt_towlower(WCHAR c) { return crt_towlower_internal(c); }
WCHAR WINAPI crt_towupper(WCHAR c) { return crt_towupper_internal(c); }
WCHAR WINAPI crt__towlower_l(WCHAR c, void *locale) { (void)locale; return crt_towlower(c); }
WCHAR WINAPI crt__towupper_l(WCHAR c, void *locale) { (void)locale; return crt_towupper(c); }

/* wctype/wctrans: the class masks and ucrt's two transformation numbers. */
unsigned short WINAPI crt_wctype_export(const char *name)
{
    static const struct {
        const char *name;
        unsigned short mask;
    } classes[] = {
        {"alnum", A | U | L | D}, {"alpha", A | U | L}, {"blank", B}, {"cntrl", C}, {"digit", D},
        {"graph", P | A | U | L | D}, {"lower", L}, {"print", B | P | A | U | L | D}, {"punct", P},
        {"space", S}, {"upper", U}, {"xdigit", H},
    };
    for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
        if (!strcmp(classes[i].name, name))
            return classes[i].mask;
    return 0;
}

unsigned short WINAPI crt_wctrans(const char *name)
{
    return !strcmp(name, "toupper") ? 1 : !strcmp(name, "tolower") ? 2 : 0;
}

WCHAR WINAPI crt_towctrans(WCHAR c, unsigned short trans)
{
    return trans == 1 ? crt_towupper(c) : trans == 2 ? crt_towlower(c) : c;
}
