/*
 * locale.h: setlocale and friends. ntexec implements the "C" locale, the one the CRTs start in, and takes it as
 * the user's default too: setlocale(LC_ALL, "") succeeds and returns "C". (Windows returns the user's locale
 * there, e.g. "English_United States.1252" on an en-US system, and switches ctype, the multibyte code page and
 * localeconv to it; a program that prints the name sees the difference, one that only calls it does not.)
 * Every other locale name is refused with NULL, as the CRTs refuse names they do not know.
 */
#include <string.h>

#include "crt/lib.h"

enum { LC_ALL, LC_COLLATE, LC_CTYPE, LC_MONETARY, LC_NUMERIC, LC_TIME, LC_COUNT };

static char c_name[] = "C";

static bool known(const char *name)
{
    return !*name || !strcmp(name, "C");
}

static char *setlocale_impl(CRT_FLAVOR f, int cat, const char *name)
{
    if (cat < LC_ALL || cat >= LC_COUNT) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    return !name || known(name) ? c_name : NULL;
}

char *WINAPI crt_setlocale_msvcrt(int cat, const char *name) { return setlocale_impl(CRT_FLAVOR_MSVCRT, cat, name); }
char *WINAPI crt_setlocale_ucrt(int cat, const char *name) { return setlocale_impl(CRT_FLAVOR_UCRT, cat, name); }

static WCHAR *wsetlocale_impl(CRT_FLAVOR f, int cat, const WCHAR *name)
{
    static WCHAR wc_name[] = {'C', 0};
    if (cat < LC_ALL || cat >= LC_COUNT) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    return !name || !name[0] || (name[0] == 'C' && !name[1]) ? wc_name : NULL;
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

static struct crt_locale *new_locale(CRT_FLAVOR f)
{
    struct crt_locale *l = crt_calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->locinfo = &l->info;
    l->mbcinfo = l->mbcinfo_data;
    if (f == CRT_FLAVOR_UCRT) {
        l->info.u.pctype = crt_lib->pctype;
        l->info.u.mb_cur_max = 1;
        l->info.u.lc_codepage = 0;
        return l;
    }
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
    for (int i = 0; i < 6; i++)
        l->info.m.lc_category[i].locale = c_name;
    return l;
}

static struct crt_locale *create_locale_impl(CRT_FLAVOR f, int cat, const char *name)
{
    if (cat < LC_ALL || cat >= LC_COUNT || !name || !known(name))
        return NULL;
    return new_locale(f);
}

void *WINAPI crt__create_locale_msvcrt(int cat, const char *name) { return create_locale_impl(CRT_FLAVOR_MSVCRT, cat, name); }
void *WINAPI crt__create_locale_ucrt(int cat, const char *name) { return create_locale_impl(CRT_FLAVOR_UCRT, cat, name); }

void *WINAPI crt__wcreate_locale(int cat, const WCHAR *name)
{
    if (!name || (name[0] && (name[0] != 'C' || name[1])))
        return NULL;
    return create_locale_impl(CRT_FLAVOR_UCRT, cat, "C");
}

void *WINAPI crt__get_current_locale_msvcrt(void) { return new_locale(CRT_FLAVOR_MSVCRT); }
void *WINAPI crt__get_current_locale_ucrt(void) { return new_locale(CRT_FLAVOR_UCRT); }
void WINAPI crt__free_locale(void *l) { crt_free(l); }

/* The locale queries the faces do not answer themselves (___lc_codepage_func and ___mb_cur_max_func are theirs). */
int WINAPI crt____mb_cur_max_l_func(void *locale) { (void)locale; return 1; }
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
