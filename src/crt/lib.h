/*
 * The library half of the CRTs (string.h, ctype.h, stdlib.h, math.h, time.h, locale.h, setjmp.h, the
 * environment): what the faces (msvcrt.c, ucrtbase.c) and the start-up need from it, and what its files
 * share. Exports reach the faces through exports_lib.h.
 */
#ifndef CRT_LIB_H
#define CRT_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crt/crt.h"
#include "crt/strtonum.h"
#include "crt/timecalc.h"

/* ---- exported data ------------------------------------------------------------------------------------ */

#define CRT_SYS_NERR 43   /* _sys_nerr: the messages of errno 0..42 */
extern const char *const crt_sys_errlist[CRT_SYS_NERR + 1];

/*
 * The variables msvcrt.dll exports as data. A face that exports them embeds this structure in its data
 * area, lists CRT_LIB_DATA_EXPORTS(its struct, member) in its export table and calls crt_lib_attach()
 * from DllMain; the library then keeps these variables there (the guest may read and write them), and
 * functions like __p__timezone() return addresses inside it. Until a face attaches (unit tests), a host
 * copy serves.
 */
struct crt_lib_data {
    unsigned short ctype[257];   /* _ctype: the "C" classification of EOF (-1), then of 0..255 */
    unsigned short *pctype;      /* _pctype = &ctype[1] */
    const unsigned short *pwctype; /* _pwctype: 256 entries for 0..255 */
    int sys_nerr;                /* _sys_nerr */
    const char *sys_errlist[CRT_SYS_NERR + 1];   /* _sys_errlist (the last, "Unknown error", ends it) */
    LONG timezone;               /* _timezone: UTC - local standard time, seconds */
    int daylight;                /* _daylight: the zone has a DST rule */
    LONG dstbias;                /* _dstbias: added during DST, seconds (usually -3600) */
    char *tzname[2];             /* _tzname: standard and daylight names */
    double huge;                 /* _HUGE: +infinity */
    unsigned char mbctype[257];  /* _mbctype: no lead bytes in the single-byte code pages */
    unsigned char mbcasemap[257];
    UINT lc_codepage;            /* __lc_codepage: 0 in the "C" locale */
    UINT lc_collate_cp;          /* __lc_collate_cp */
    int fpecode;                 /* _fpecode (msvcrt keeps it per thread; one is enough here) */
};

#define CRT_LIB_DATA_EXPORTS(type, m)                                                                     \
    BUILTIN_VARIABLE("_ctype", offsetof(type, m.ctype)), BUILTIN_VARIABLE("_pctype", offsetof(type, m.pctype)), \
    BUILTIN_VARIABLE("_pwctype", offsetof(type, m.pwctype)),                                             \
    BUILTIN_VARIABLE("_sys_nerr", offsetof(type, m.sys_nerr)),                                           \
    BUILTIN_VARIABLE("_sys_errlist", offsetof(type, m.sys_errlist)),                                     \
    BUILTIN_VARIABLE("_timezone", offsetof(type, m.timezone)),                                           \
    BUILTIN_VARIABLE("_daylight", offsetof(type, m.daylight)),                                           \
    BUILTIN_VARIABLE("_dstbias", offsetof(type, m.dstbias)), BUILTIN_VARIABLE("_tzname", offsetof(type, m.tzname)), \
    BUILTIN_VARIABLE("_HUGE", offsetof(type, m.huge)), BUILTIN_VARIABLE("_mbctype", offsetof(type, m.mbctype)), \
    BUILTIN_VARIABLE("_mbcasemap", offsetof(type, m.mbcasemap)),                                         \
    BUILTIN_VARIABLE("__lc_codepage", offsetof(type, m.lc_codepage)),                                    \
    BUILTIN_VARIABLE("__lc_collate_cp", offsetof(type, m.lc_collate_cp))

/* The live copy of the exported variables (the attached face's, or the host fallback). */
extern struct crt_lib_data *crt_lib;

/*
 * crt_lib_attach - called by each face's DLL_PROCESS_ATTACH: msvcrt passes its data area (the variables are
 * filled and become the live copy), ucrtbase NULL. clock() counts from the first attach, the CRT's start.
 */
void crt_lib_attach(struct crt_lib_data *data);

/* ---- per-thread state of the library half ------------------------------------------------------------ */

struct crt_lib_thread {
    CRT_TM tm;                   /* gmtime/localtime share one buffer per thread, as in the CRTs */
    char asctime[26];            /* asctime/ctime share one */
    WCHAR wasctime[26];          /* _wasctime/_wctime */
    char strerror[96];           /* strerror, _strerror */
    WCHAR wcserror[96];          /* _wcserror, __wcserror */
    char *mbstok_next;           /* _mbstok's position (strtok's and wcstok's are in struct crt_thread) */
};
struct crt_lib_thread *crt_lib_thread(void);

/* ---- one implementation, two exports ---------------------------------------------------------------------- */

/* The msvcrt and ucrt exports (crt_NAME_msvcrt, crt_NAME_ucrt) of NAME_impl(flavor, args...). */
#define CRT_FLAVORS(ret, name, params, ...)                                                                   \
    ret WINAPI crt_##name##_msvcrt params { return name##_impl(CRT_FLAVOR_MSVCRT, __VA_ARGS__); }             \
    ret WINAPI crt_##name##_ucrt params { return name##_impl(CRT_FLAVOR_UCRT, __VA_ARGS__); }

#define CRT_STRUNCATE 80                 /* what _TRUNCATE copies return when they cut */
#define CRT_TRUNCATE ((size_t)-1)
#define CRT_NLSCMPERROR 0x7fffffff       /* comparisons' error value */

/* ---- invalid parameters (the _s functions and friends) ----------------------------------------------- */

/*
 * crt_invalid - a function of the given face saw an invalid argument: errno = e and the invalid-parameter
 * handler (crt.h: crt_invalid_parameter; without a program's handler msvcrt.dll lets the call fail,
 * ucrtbase.dll ends the process with a fast fail). Returns e, the usual tail of a failing _s function.
 */
int crt_invalid(CRT_FLAVOR flavor, int e);

/* ---- the environment (env.c) -------------------------------------------------------------------------- */

/*
 * The CRT keeps its own copy of the environment: the narrow array (_environ, crt_args.envp) built at
 * start-up by crt_build_environ(), and the wide one (_wenviron) built on first use. getenv reads the copy;
 * _putenv changes the copy and the process environment block (and calls crt_environ_changed() so the
 * faces' _environ/_wenviron follow); SetEnvironmentVariable changes only the block, as on Windows.
 */
char *crt_env_get(const char *name);          /* getenv on the CRT copy */
WCHAR *crt_env_wget(const WCHAR *name);       /* _wgetenv */
int crt_env_put(const char *name, const char *value);      /* value NULL or "" removes; 0 or -1 */
int crt_env_wput(const WCHAR *name, const WCHAR *value);

/* ---- shared helpers ---------------------------------------------------------------------------------------- */

/* "C" locale classification of 0..255 (the _ctype bits: _UPPER 1, _LOWER 2, _DIGIT 4, _SPACE 8, _PUNCT 0x10,
 * _CONTROL 0x20, _BLANK 0x40, _HEX 0x80, _ALPHA 0x100) and of wide characters (iswctype). */
#define CRT_UPPER   0x1
#define CRT_LOWER   0x2
#define CRT_DIGIT   0x4
#define CRT_SPACE   0x8
#define CRT_PUNCT   0x10
#define CRT_CONTROL 0x20
#define CRT_BLANK   0x40
#define CRT_HEX     0x80
#define CRT_ALPHA   0x100
#define CRT_LEADBYTE 0x8000
extern const unsigned short crt_ctype_table[257];   /* index c + 1 */
unsigned short crt_wctype(WCHAR c);
WCHAR crt_towlower_internal(WCHAR c);
WCHAR crt_towupper_internal(WCHAR c);

/* __setusermatherr: the program's _matherr, asked first about each math error (math.c). */
void crt_set_matherr(void *handler);

/* The time zone after _tzset (time.c). */
void crt_tz_info(CRT_TZINFO *tz);

size_t crt_strnlen_internal(const char *s, size_t n);
/* _strnicmp/_wcsnicmp ("C" locale: ASCII case folded). */
int WINAPI crt_strnicmp(const char *a, const char *b, size_t n);
int WINAPI crt_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
/* strtok's scan: the token of s (NULL: continue at *next) delimited by delim; *next becomes where to go on. */
char *crt_strtok_core(char *s, const char *delim, char **next);

#endif
