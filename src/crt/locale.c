/*
 * locale.h: setlocale and friends. The CRTs start in the "C" locale and ntexec implements that one fully.
 *
 * setlocale(LC_ALL, "") asks for the user's default locale. ntexec reports UTF-8 as the ANSI code page,
 * so the user default is "English_United States" with code page 65001: ucrtbase.dll (which supports UTF-8
 * locales since Windows 10 1803) names it "English_United States.utf8" and its LC_CTYPE then speaks UTF-8
 * (MB_CUR_MAX 4); msvcrt.dll cannot load UTF-8 code pages, so there setlocale returns NULL and the "C"
 * locale stays, as on a Windows system with the UTF-8 ANSI code page. Other locale names are refused.
 * Every other category keeps "C" behaviour (localeconv, strftime, collation) in either case.
 */
#include <string.h>

#include "crt/lib.h"

enum { LC_ALL, LC_COLLATE, LC_CTYPE, LC_MONETARY, LC_NUMERIC, LC_TIME, LC_COUNT };

static const char *const utf8_name = "English_United States.utf8";
static UINT ctype_cp;                    /* 0: "C"; 65001: the UTF-8 user default (ucrt) */
static bool category_utf8[LC_COUNT];     /* which categories hold the user default */

UINT crt_lc_codepage(void) { return ctype_cp; }
int crt_mb_cur_max(void) { return ctype_cp == 65001 ? 4 : 1; }

/* The name setlocale(cat, NULL) reports; LC_ALL with mixed categories gives the composite form. */
static const char *category_name(int cat)
{
    return category_utf8[cat] ? utf8_name : "C";
}

static char *query(int cat)
{
    static _Thread_local char buf[320];
    if (cat != LC_ALL)
        return (char *)category_name(cat);
    bool same = true;
    for (int c = LC_COLLATE + 1; c < LC_COUNT; c++)
        same &= category_utf8[c] == category_utf8[LC_COLLATE];
    if (same)
        return (char *)category_name(LC_COLLATE);
    static const char *const labels[] = {"", "LC_COLLATE=", "LC_CTYPE=", "LC_MONETARY=", "LC_NUMERIC=", "LC_TIME="};
    buf[0] = 0;
    for (int c = LC_COLLATE; c < LC_COUNT; c++) {
        if (c > LC_COLLATE)
            strcat(buf, ";");
        strcat(buf, labels[c]);
        strcat(buf, category_name(c));
    }
    return buf;
}

static bool ascii_equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a, y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* 0: "C"; 1: the UTF-8 user default; -1: unknown. */
static int classify(const char *name)
{
    if (!strcmp(name, "C"))
        return 0;
    if (!*name || ascii_equal_nocase(name, ".utf8") || ascii_equal_nocase(name, ".utf-8") ||
        ascii_equal_nocase(name, ".65001") || ascii_equal_nocase(name, utf8_name) ||
        ascii_equal_nocase(name, "en_US.UTF-8") || ascii_equal_nocase(name, "en-US.utf8"))
        return 1;
    return -1;
}

static char *setlocale_impl(CRT_FLAVOR f, int cat, const char *name)
{
    if (cat < LC_ALL || cat >= LC_COUNT) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    if (!name)
        return query(cat);
    int kind = classify(name);
    if (kind < 0 || (kind == 1 && f == CRT_FLAVOR_MSVCRT))
        return NULL;
    crt_lock(12);   /* _SETLOCALE_LOCK */
    for (int c = LC_COLLATE; c < LC_COUNT; c++)
        if (cat == LC_ALL || cat == c)
            category_utf8[c] = kind == 1;
    ctype_cp = category_utf8[LC_CTYPE] ? 65001 : 0;
    crt_lib->lc_codepage = ctype_cp;
    crt_unlock(12);
    return query(cat);
}

char *WINAPI crt_setlocale_msvcrt(int cat, const char *name) { return setlocale_impl(CRT_FLAVOR_MSVCRT, cat, name); }
char *WINAPI crt_setlocale_ucrt(int cat, const char *name) { return setlocale_impl(CRT_FLAVOR_UCRT, cat, name); }

static WCHAR *wsetlocale_impl(CRT_FLAVOR f, int cat, const WCHAR *name)
{
    static _Thread_local WCHAR wbuf[320];
    char narrow[64];
    const char *n = NULL;
    if (name) {
        size_t i = 0;
        for (; name[i] && i + 1 < sizeof narrow; i++)
            narrow[i] = name[i] < 0x80 ? (char)name[i] : '?';
        narrow[i] = 0;
        n = narrow;
    }
    const char *r = setlocale_impl(f, cat, n);
    if (!r)
        return NULL;
    size_t i = 0;
    for (; r[i] && i + 1 < ARRAY_SIZE(wbuf); i++)
        wbuf[i] = (unsigned char)r[i];
    wbuf[i] = 0;
    return wbuf;
}

WCHAR *WINAPI crt_wsetlocale_msvcrt(int cat, const WCHAR *name) { return wsetlocale_impl(CRT_FLAVOR_MSVCRT, cat, name); }
WCHAR *WINAPI crt_wsetlocale_ucrt(int cat, const WCHAR *name) { return wsetlocale_impl(CRT_FLAVOR_UCRT, cat, name); }

/* ---- localeconv: the "C" values (CHAR_MAX = 127 for "not available") ------------------------------------ */

struct crt_lconv {
    char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol, *currency_symbol, *mon_decimal_point;
    char *mon_thousands_sep, *mon_grouping, *positive_sign, *negative_sign;
    char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes, n_sep_by_space;
    char p_sign_posn, n_sign_posn;
    WCHAR *w_decimal_point, *w_thousands_sep, *w_int_curr_symbol, *w_currency_symbol, *w_mon_decimal_point;
    WCHAR *w_mon_thousands_sep, *w_positive_sign, *w_negative_sign;
};
static_assert(sizeof(struct crt_lconv) == 152, "struct lconv");

static char point[] = ".", empty[] = "";
static WCHAR wpoint[] = {'.', 0}, wempty[] = {0};
static struct crt_lconv c_lconv = {point, empty, empty, empty, empty, empty, empty, empty, empty, empty,
                                   127, 127, 127, 127, 127, 127, 127, 127,
                                   wpoint, wempty, wempty, wempty, wempty, wempty, wempty, wempty};

struct crt_lconv *WINAPI crt_localeconv(void)
{
    return &c_lconv;
}

/* __lconv_init (msvcrt): makes the "C" lconv's CHAR_MAX fields match a program built with unsigned char
 * (mingw's -funsigned-char start-up calls it); 127 serves both here. */
int WINAPI crt___lconv_init(void) { return 0; }
int WINAPI crt___initialize_lconv_for_unsigned_char(void) { return 0; }

/* ---- locale objects (_create_locale) -------------------------------------------------------------------- */

/* msvcrt's threadlocinfo (its documented prefix is all programs look at) and ucrt's public part. */
struct msvcrt_locinfo {
    int refcount;
    unsigned lc_codepage, lc_collate_cp;
    ULONG lc_handle[6];
    struct { unsigned short language, country, codepage; } lc_id[6];
    struct { char *locale; WCHAR *wlocale; int *refcount, *wrefcount; } lc_category[6];
    int lc_clike, mb_cur_max;
    int *lconv_intl_refcount, *lconv_num_refcount, *lconv_mon_refcount;
    struct crt_lconv *lconv;
    int *ctype1_refcount;
    unsigned short *ctype1;
    const unsigned short *pctype;
    const unsigned char *pclmap, *pcumap;
    void *lc_time_curr;
};
static_assert(offsetof(struct msvcrt_locinfo, lc_category) == 72, "threadlocinfo.lc_category");
static_assert(offsetof(struct msvcrt_locinfo, mb_cur_max) == 268, "threadlocinfo.mb_cur_max");
static_assert(offsetof(struct msvcrt_locinfo, pctype) == 320, "threadlocinfo.pctype");

struct ucrt_locinfo {
    const unsigned short *pctype;
    int mb_cur_max;
    unsigned lc_codepage;
};

struct crt_locale {
    void *locinfo;
    void *mbcinfo;
    union {
        struct msvcrt_locinfo m;
        struct ucrt_locinfo u;
    } info;
    unsigned char mbcinfo_data[1024];
};

static unsigned char clmap[256], cumap[256];

static struct crt_locale *new_locale(CRT_FLAVOR f, bool utf8)
{
    struct crt_locale *l = crt_calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->locinfo = &l->info;
    l->mbcinfo = l->mbcinfo_data;
    if (f == CRT_FLAVOR_UCRT) {
        l->info.u.pctype = crt_lib->pctype;
        l->info.u.mb_cur_max = utf8 ? 4 : 1;
        l->info.u.lc_codepage = utf8 ? 65001 : 0;
    } else {
        if (!clmap['A'])
            for (int c = 0; c < 256; c++) {
                clmap[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                cumap[c] = (unsigned char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            }
        l->info.m.refcount = 1;
        l->info.m.lc_clike = 1;
        l->info.m.mb_cur_max = 1;
        l->info.m.lconv = &c_lconv;
        l->info.m.pctype = crt_lib->pctype;
        l->info.m.pclmap = clmap;
        l->info.m.pcumap = cumap;
        static char c_name[] = "C";
        for (int i = 0; i < 6; i++)
            l->info.m.lc_category[i].locale = c_name;
    }
    return l;
}

static struct crt_locale *create_locale_impl(CRT_FLAVOR f, int cat, const char *name)
{
    if (cat < LC_ALL || cat >= LC_COUNT || !name)
        return NULL;
    int kind = classify(name);
    if (kind < 0 || (kind == 1 && f == CRT_FLAVOR_MSVCRT))
        return NULL;
    return new_locale(f, kind == 1 && (cat == LC_ALL || cat == LC_CTYPE));
}

void *WINAPI crt__create_locale_msvcrt(int cat, const char *name) { return create_locale_impl(CRT_FLAVOR_MSVCRT, cat, name); }
void *WINAPI crt__create_locale_ucrt(int cat, const char *name) { return create_locale_impl(CRT_FLAVOR_UCRT, cat, name); }

void *WINAPI crt__wcreate_locale(int cat, const WCHAR *name)
{
    char narrow[64];
    if (!name)
        return NULL;
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof narrow; i++)
        narrow[i] = name[i] < 0x80 ? (char)name[i] : '?';
    narrow[i] = 0;
    return create_locale_impl(CRT_FLAVOR_UCRT, cat, narrow);
}

void *WINAPI crt__get_current_locale_msvcrt(void) { return new_locale(CRT_FLAVOR_MSVCRT, false); }
void *WINAPI crt__get_current_locale_ucrt(void) { return new_locale(CRT_FLAVOR_UCRT, ctype_cp == 65001); }
void WINAPI crt__free_locale(void *l) { crt_free(l); }

/* _configthreadlocale: per-thread locales are not separate here; the setting is remembered and reported. */
int WINAPI crt__configthreadlocale(int type)
{
    static _Thread_local int setting = 2;   /* _DISABLE_PER_THREAD_LOCALE */
    int old = setting;
    if (type == 1 || type == 2)
        setting = type;
    else if (type != 0 && type != -1) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return -1;
    }
    return old;
}

UINT WINAPI crt____lc_codepage_func(void) { return ctype_cp; }
int WINAPI crt____mb_cur_max_func(void) { return crt_mb_cur_max(); }
int WINAPI crt____mb_cur_max_l_func(void *locale)
{
    return locale ? ((struct ucrt_locinfo *)((struct crt_locale *)locale)->locinfo)->mb_cur_max : crt_mb_cur_max();
}
UINT WINAPI crt____lc_collate_cp_func(void) { return 0; }
ULONG *WINAPI crt____lc_handle_func(void)
{
    static ULONG handles[6];
    return handles;
}
WCHAR **WINAPI crt____lc_locale_name_func(void)
{
    static WCHAR *names[6];
    return names;
}
void WINAPI crt__lock_locales(void) { crt_lock(12); }
void WINAPI crt__unlock_locales(void) { crt_unlock(12); }
