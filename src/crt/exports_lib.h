/*
 * The library half of the CRTs (string.h, ctype.h, wchar.h, stdlib.h, math.h, time.h, locale.h, setjmp.h,
 * signals, the environment): its exports, for the faces' tables.
 *
 *   CRT_LIB_EXPORTS         both faces: the same function behind both DLLs
 *   CRT_LIB_MSVCRT_EXPORTS  msvcrt.dll only: msvcrt's versions of the functions whose behaviour differs
 *                           (number parsing, time limits, invalid parameters, abort, ...) and msvcrt names
 *   CRT_LIB_UCRT_EXPORTS    ucrtbase.dll only: ucrt's versions of the same, and ucrt names
 *   CRT_LIB_DATA_EXPORTS(type, member)   (crt/lib.h) msvcrt's exported variables in its data area
 *
 * Each list is a comma-separated run of struct builtin_export initializers without a trailing comma.
 * In the lists, F(name) exports "name" -> crt_name and A("export", sym) exports "export" -> crt_sym;
 * in the flavored list the symbols get _msvcrt or _ucrt appended.
 */
#ifndef CRT_EXPORTS_LIB_H
#define CRT_EXPORTS_LIB_H

#include "io/builtin.h"

/* ---- shared ----------------------------------------------------------------------------------------------- */

#define CRT_LIB_STRING_LIST(F, A)                                                                           \
    F(memcpy) F(memmove) F(memset) F(memcmp) F(memchr) F(strlen) F(strnlen) F(strcmp) F(strncmp) F(strcpy)   \
    F(strncpy) F(strcat) F(strncat) F(strchr) F(strrchr) F(strstr) F(strspn) F(strcspn) F(strpbrk) F(strtok) \
    F(strcoll) F(strxfrm) A("_strnicmp", strnicmp) A("_stricmp", stricmp) A("_strcmpi", stricmp)            \
    A("_stricmp_l", stricmp_l) A("_strnicmp_l", strnicmp_l) A("_memicmp", memicmp) A("_memicmp_l", memicmp_l) \
    A("_strcoll_l", strcoll_l) A("_stricoll", stricoll) A("_stricoll_l", stricoll_l) A("_strncoll", strncoll) \
    A("_strncoll_l", strncoll_l) A("_strnicoll", strnicoll) A("_strnicoll_l", strnicoll_l)                  \
    A("_strxfrm_l", strxfrm_l) A("_strdup", strdup_export) A("_strlwr", strlwr) A("_strupr", strupr)         \
    A("_strlwr_l", strlwr_l) A("_strupr_l", strupr_l) A("_strrev", strrev) A("_strset", strset)             \
    A("_strnset", strnset) A("_memccpy", memccpy) A("_swab", swab)

#define CRT_LIB_CTYPE_LIST(F, A)                                                                            \
    F(__pwctype_func) F(__pctype_func) F(__p__pctype) F(__p__pwctype) F(_isctype) F(_isctype_l) F(isalpha)  \
    F(isupper) F(islower) F(isdigit) F(isxdigit) F(isspace) F(ispunct) F(isalnum) F(isprint) F(isgraph)      \
    F(iscntrl) F(isblank) F(_isalpha_l) F(_isupper_l) F(_islower_l) F(_isdigit_l) F(_isxdigit_l)            \
    F(_isspace_l) F(_ispunct_l) F(_isalnum_l) F(_isprint_l) F(_isgraph_l) F(_iscntrl_l) F(_isblank_l)       \
    F(__isascii) F(__toascii) F(__iscsym) F(__iscsymf) F(isleadbyte) F(_isleadbyte_l) F(tolower) F(toupper)  \
    F(_tolower_l) F(_toupper_l) F(_tolower) F(_toupper) F(iswctype) A("is_wctype", iswctype) F(_iswctype_l)  \
    F(iswalpha) F(iswupper) F(iswlower) F(iswdigit) F(iswxdigit) F(iswspace) F(iswpunct) F(iswalnum)         \
    F(iswprint) F(iswgraph) F(iswcntrl) F(_iswalpha_l) F(_iswupper_l) F(_iswlower_l) F(_iswdigit_l)         \
    F(_iswxdigit_l) F(_iswspace_l) F(_iswpunct_l) F(_iswalnum_l) F(_iswprint_l) F(_iswgraph_l)              \
    F(_iswcntrl_l) F(iswblank) F(_iswblank_l) F(iswascii) F(__iswcsym) F(__iswcsymf) F(_iswcsym_l)          \
    F(_iswcsymf_l) F(towlower) F(towupper) F(_towlower_l) F(_towupper_l) A("wctype", wctype_export)         \
    F(wctrans) F(towctrans)

#define CRT_LIB_WCHAR_LIST(F, A)                                                                            \
    F(wcslen) F(wcsnlen) F(wcscmp) F(wcsncmp) A("_wcsicmp", wcsicmp) A("_wcsnicmp", wcsnicmp)                \
    A("_wcsicmp_l", wcsicmp_l) A("_wcsnicmp_l", wcsnicmp_l) F(wcscoll) A("_wcscoll_l", wcscoll_l)            \
    A("_wcsicoll", wcsicoll) A("_wcsicoll_l", wcsicoll_l) A("_wcsncoll", wcsncoll) A("_wcsncoll_l", wcsncoll_l) \
    A("_wcsnicoll", wcsnicoll) A("_wcsnicoll_l", wcsnicoll_l) F(wcsxfrm) A("_wcsxfrm_l", wcsxfrm_l)         \
    F(wcscpy) F(wcsncpy) F(wcscat) F(wcsncat) F(wcschr) F(wcsrchr) F(wcsstr) F(wcsspn) F(wcscspn) F(wcspbrk) \
    A("_wcsdup", wcsdup_export) A("_wcslwr", wcslwr) A("_wcsupr", wcsupr) A("_wcslwr_l", wcslwr_l)                 \
    A("_wcsupr_l", wcsupr_l) A("_wcsrev", wcsrev) A("_wcsset", wcsset) A("_wcsnset", wcsnset)

#define CRT_LIB_MBCS_LIST(F, A)                                                                             \
    F(mblen) F(_mblen_l) F(mbtowc) F(_mbtowc_l) F(wctomb) F(_wctomb_l) F(btowc) F(wctob) F(mbrtowc) F(mbrlen) \
    F(wcrtomb) F(mbstowcs) F(_mbstowcs_l) F(wcstombs) F(_wcstombs_l) F(mbsrtowcs) F(wcsrtombs) F(_mbstrlen) \
    F(_mbstrlen_l) F(_mbstrnlen) F(_mbstrnlen_l) F(mbrtoc32) F(c32rtomb) F(mbrtoc16) F(c16rtomb) F(_getmbcp) \
    F(_setmbcp) F(_mbsinc) F(_mbsdec) F(_mbsninc) F(_mbclen) F(_mbsnextc) F(_mbsnbcnt) F(_mbsnccnt)         \
    F(_ismbblead) F(_ismbbtrail) F(_ismbslead) F(_ismbstrail) F(_mbbtype) F(_mbsbtype) F(_mbccpy)           \
    F(_mbctolower) F(_mbctoupper) F(_mbctombb) F(_mbbtombc) F(_mbsspnp) F(_mbstok) F(_ismbcalpha)           \
    F(_ismbcdigit) F(_ismbcalnum) F(_ismbcupper) F(_ismbclower) F(_ismbcspace) F(_ismbcpunct) F(_ismbcprint) \
    F(_ismbcgraph) F(_ismbclegal) F(_ismbbalpha) F(_ismbbalnum) F(_ismbbprint) F(_ismbbpunct) F(_ismbbgraph) \
    F(_ismbbkana) A("_mbslen", strlen) A("_mbsnlen", strnlen) A("_mbschr", strchr) A("_mbsrchr", strrchr)   \
    A("_mbsstr", strstr) A("_mbscmp", strcmp) A("_mbsicmp", stricmp) A("_mbsncmp", strncmp)                 \
    A("_mbsnbcmp", strncmp) A("_mbsnicmp", strnicmp) A("_mbsnbicmp", strnicmp) A("_mbscpy", strcpy)         \
    A("_mbscat", strcat) A("_mbsdup", strdup_export) A("_mbsspn", strspn) A("_mbscspn", strcspn)            \
    A("_mbspbrk", strpbrk) A("_mbsupr", strupr) A("_mbslwr", strlwr) A("_mbsrev", strrev) A("_mbsset", strset) \
    A("_mbsnset", strnset) A("_mbsnbset", strnset) A("_mbsncpy", strncpy) A("_mbsnbcpy", strncpy)           \
    A("_mbsncat", strncat) A("_mbsnbcat", strncat) A("_mbscoll", strcoll) A("_mbsicoll", stricoll)          \
    A("_mbsncoll", strncoll) A("_mbsnbcoll", strncoll) A("_mbsnicoll", strnicoll) A("_mbsnbicoll", strnicoll)

#define CRT_LIB_STDLIB_LIST(F, A)                                                                           \
    F(strtol) A("_strtol_l", strtol_l) F(strtoul) A("_strtoul_l", strtoul_l) A("_strtoi64", strtoi64)       \
    A("_strtoi64_l", strtoi64_l) A("_strtoui64", strtoui64) A("_strtoui64_l", strtoui64_l)                  \
    A("strtoll", strtoi64) A("strtoull", strtoui64) A("_strtoll_l", strtoi64_l) A("_strtoull_l", strtoui64_l) \
    A("strtoimax", strtoi64) A("strtoumax", strtoui64) A("_strtoimax_l", strtoi64_l)                        \
    A("_strtoumax_l", strtoui64_l) F(wcstol) A("_wcstol_l", wcstol_l) F(wcstoul) A("_wcstoul_l", wcstoul_l)  \
    A("_wcstoi64", wcstoi64) A("_wcstoi64_l", wcstoi64_l) A("_wcstoui64", wcstoui64)                        \
    A("_wcstoui64_l", wcstoui64_l) A("wcstoll", wcstoi64) A("wcstoull", wcstoui64)                          \
    A("_wcstoll_l", wcstoi64_l) A("_wcstoull_l", wcstoui64_l) A("wcstoimax", wcstoi64)                      \
    A("wcstoumax", wcstoui64) A("_wcstoimax_l", wcstoi64_l) A("_wcstoumax_l", wcstoui64_l)                  \
    A("_itoa", itoa) A("_itow", itoa_w) A("_ltoa", ltoa) A("_ltow", ltoa_w) A("_ultoa", ultoa)              \
    A("_ultow", ultoa_w) A("_i64toa", i64toa) A("_i64tow", i64toa_w) A("_ui64toa", ui64toa)                 \
    A("_ui64tow", ui64toa_w) A("_ecvt", ecvt) A("_fcvt", fcvt) A("_gcvt", gcvt) F(qsort) F(bsearch)          \
    A("_lfind", lfind) A("_lsearch", lsearch) F(rand) F(srand) F(abs) F(labs) F(llabs) A("_abs64", llabs)   \
    A("imaxabs", llabs) F(div) F(ldiv) F(lldiv) A("imaxdiv", lldiv) A("_rotl", rotl) A("_rotr", rotr)       \
    A("_lrotl", rotl) A("_lrotr", rotr) A("_rotl64", rotl64) A("_rotr64", rotr64)                           \
    A("_byteswap_ushort", byteswap_ushort) A("_byteswap_ulong", byteswap_ulong)                             \
    A("_byteswap_uint64", byteswap_uint64) A("_recalloc", recalloc) A("_aligned_malloc", aligned_malloc)     \
    A("_aligned_free", aligned_free) A("_aligned_realloc", aligned_realloc)                                 \
    A("_aligned_recalloc", aligned_recalloc) A("_aligned_offset_malloc", aligned_offset_malloc)             \
    A("_aligned_offset_realloc", aligned_offset_realloc) A("_aligned_offset_recalloc", aligned_offset_recalloc) \
    A("_aligned_msize", aligned_msize) F(system) A("_wsystem", wsystem) A("_makepath", makepath)            \
    A("_wmakepath", wmakepath) A("_splitpath", splitpath) A("_wsplitpath", wsplitpath)                      \
    A("_searchenv", searchenv)                          \
    A("_wsearchenv", wsearchenv) F(getenv) A("_wgetenv", wgetenv) A("_putenv", putenv) A("_wputenv", wputenv)

#define CRT_LIB_ERRNO_LIST(F, A)                                                                            \
    F(_errno) F(__doserrno) F(_get_errno) F(_set_errno) F(_get_doserrno) F(_set_doserrno) F(__sys_errlist)   \
    F(__sys_nerr) F(signal) F(raise) F(__fpecode) F(_set_abort_behavior)

#define CRT_LIB_MATH_LIST(F, A)                                                                             \
    F(sqrt) F(fabs) F(floor) F(ceil) F(trunc) F(round) F(rint) F(nearbyint) F(modf) F(frexp) F(copysign)     \
    A("_copysign", copysign) F(_chgsign) F(fmax) F(fmin) F(fma) F(cbrt) F(atan) F(atan2) F(tanh) F(asinh)    \
    F(erf) F(erfc) F(_j0) F(_j1) F(_jn) F(fmod) F(remainder) F(remquo) F(acos) F(asin) F(sin) F(cos) F(tan)  \
    F(sinh) F(cosh) F(exp) F(exp2) F(expm1) F(acosh) F(atanh) F(log) F(log10) F(log2) F(log1p) F(logb)       \
    A("_logb", logb) F(ilogb) F(pow) F(hypot) A("_hypot", hypot) F(ldexp) F(scalbn) F(scalbln) F(_scalb)     \
    F(nextafter) A("_nextafter", nextafter) F(nexttoward) F(fdim) F(tgamma) F(lgamma) F(_y0) F(_y1) F(_yn)   \
    F(lround) F(lrint) F(llround) F(llrint) F(nan) F(sqrtf) F(fabsf) F(floorf) F(ceilf) F(truncf) F(roundf)  \
    F(rintf) F(nearbyintf) F(modff) F(frexpf) F(copysignf) A("_copysignf", copysignf) F(_chgsignf) F(fmaxf)  \
    F(fminf) F(fmaf) F(cbrtf) F(atanf) F(atan2f) F(tanhf) F(asinhf) F(erff) F(erfcf) F(acosf) F(asinf)       \
    F(sinf) F(cosf) F(tanf) F(sinhf) F(coshf) F(expf) F(exp2f) F(expm1f) F(acoshf) F(atanhf) F(hypotf)       \
    A("_hypotf", hypotf) F(fdimf) F(logf) F(log10f) F(log2f) F(log1pf) F(logbf) A("_logbf", logbf) F(ilogbf) \
    F(powf) F(fmodf) F(remainderf) F(remquof) F(ldexpf) F(scalbnf) F(scalblnf) F(_scalbf) F(nextafterf)      \
    A("_nextafterf", nextafterf) F(nexttowardf) F(tgammaf) F(lgammaf) F(lroundf) F(lrintf) F(llroundf)       \
    F(llrintf) F(nanf) A("acoshl", acosh) A("asinhl", asinh) A("atanhl", atanh) A("cbrtl", cbrt)             \
    A("copysignl", copysign) A("erfl", erf) A("erfcl", erfc) A("exp2l", exp2) A("expm1l", expm1)            \
    A("fdiml", fdim) A("fmal", fma) A("fmaxl", fmax) A("fminl", fmin) A("ilogbl", ilogb) A("lgammal", lgamma) \
    A("llrintl", llrint) A("llroundl", llround) A("log1pl", log1p) A("log2l", log2) A("logbl", logb)        \
    A("lrintl", lrint) A("lroundl", lround) A("nanl", nan) A("nearbyintl", nearbyint)                       \
    A("nextafterl", nextafter) A("nexttowardl", nexttoward) A("remainderl", remainder) A("remquol", remquo) \
    A("rintl", rint) A("roundl", round) A("scalblnl", scalbln) A("scalbnl", scalbn) A("tgammal", tgamma)    \
    A("truncl", trunc) F(_finite) F(_isnan) F(_finitef) F(_isnanf) F(_fpclass) F(_fpclassf) F(_dclass)      \
    F(_fdclass) A("_ldclass", _dclass) F(_dtest) F(_fdtest) A("_ldtest", _dtest) F(_dsign) F(_fdsign)        \
    A("_ldsign", _dsign) F(_dpcomp) F(_fdpcomp) A("_ldpcomp", _dpcomp) F(_cabs) F(_control87) F(_controlfp) \
    F(_set_controlfp) F(_statusfp) F(_statusfp2) F(_clearfp) F(_fpreset) F(__fpe_flt_rounds) F(fegetround)  \
    F(fesetround) F(fetestexcept) F(feclearexcept) F(fegetexceptflag) F(fesetexceptflag) F(fegetenv)         \
    F(fesetenv) F(feholdexcept)

#define CRT_LIB_TIME_LIST(F, A)                                                                             \
    A("_time64", time64) A("time", time64) A("_time32", time32) F(clock) A("_difftime64", difftime64)        \
    A("difftime", difftime64) A("_difftime32", difftime32) A("_mktime32", mktime32)                         \
    A("_mkgmtime32", mkgmtime32) A("_strdate", strdate) A("_strtime", strtime) A("_wstrdate", wstrdate)      \
    A("_wstrtime", wstrtime) A("_ftime64", ftime64) A("_ftime", ftime64) A("_ftime32", ftime32)             \
    A("_getsystime", getsystime) A("_timespec64_get", timespec64_get) A("_timespec32_get", timespec32_get)   \
    A("_tzset", tzset) A("_get_timezone", get_timezone) A("_get_daylight", get_daylight)                     \
    A("_get_dstbias", get_dstbias) A("_get_tzname", get_tzname) F(__p__timezone) F(__p__daylight)            \
    F(__p__dstbias) F(__p__tzname) A("__timezone", __p__timezone) A("__daylight", __p__daylight)            \
    A("__dstbias", __p__dstbias) A("__tzname", __p__tzname)

#define CRT_LIB_LOCALE_LIST(F, A)                                                                           \
    F(localeconv) F(__lconv_init) F(__initialize_lconv_for_unsigned_char) F(_free_locale) F(_wcreate_locale) \
    F(___lc_collate_cp_func) F(___lc_handle_func) F(___mb_cur_max_l_func)           \
    F(___lc_locale_name_func) F(_lock_locales) F(_unlock_locales)

#define CRT_LIB_SETJMP_LIST(F, A) A("_setjmpex", _setjmp) F(longjmp)

#define CRT_LIB_SHARED_LIST(F, A)                                                                           \
    CRT_LIB_STRING_LIST(F, A) CRT_LIB_CTYPE_LIST(F, A) CRT_LIB_WCHAR_LIST(F, A) CRT_LIB_MBCS_LIST(F, A)     \
    CRT_LIB_STDLIB_LIST(F, A) CRT_LIB_ERRNO_LIST(F, A) CRT_LIB_MATH_LIST(F, A) CRT_LIB_TIME_LIST(F, A)      \
    CRT_LIB_LOCALE_LIST(F, A) CRT_LIB_SETJMP_LIST(F, A)

/* ---- one export per face, over an implementation taking the flavor ------------------------------------------ */

#define CRT_LIB_FLAVORED_LIST(F, A)                                                                         \
    F(strtok_s) F(memcpy_s) F(memmove_s) F(strcpy_s) F(strcat_s) F(strncpy_s) F(strncat_s)                  \
    A("_strlwr_s", strlwr_s) A("_strupr_s", strupr_s) A("_strlwr_s_l", strlwr_s_l) A("_strupr_s_l", strupr_s_l) \
    A("_strset_s", strset_s) A("_strnset_s", strnset_s) A("_mbscpy_s", strcpy_s) A("_mbscat_s", strcat_s)    \
    A("_mbsnbcpy_s", strncpy_s) A("_mbsncpy_s", strncpy_s) A("_mbsnbcat_s", strncat_s)                      \
    A("_mbsncat_s", strncat_s) A("_mbslwr_s", strlwr_s) A("_mbsupr_s", strupr_s) A("_mbsset_s", strset_s)    \
    A("_mbsnset_s", strnset_s) A("_mbsnbset_s", strnset_s) F(wcstok_s) F(wcscpy_s) F(wcscat_s) F(wcsncpy_s)  \
    F(wcsncat_s) F(wmemcpy_s) F(wmemmove_s) A("_wcslwr_s", wcslwr_s) A("_wcsupr_s", wcsupr_s)               \
    A("_wcslwr_s_l", wcslwr_s_l) A("_wcsupr_s_l", wcsupr_s_l) A("_wcsset_s", wcsset_s) A("_wcsnset_s", wcsnset_s) \
    F(wctomb_s) F(_wctomb_s_l) F(wcrtomb_s) F(mbstowcs_s) F(_mbstowcs_s_l) F(wcstombs_s) F(_wcstombs_s_l)    \
    F(mbsrtowcs_s) F(wcsrtombs_s) F(atoi) F(atol) A("_atoi64", atoi64) A("_atoi_l", atoi_l) A("_atol_l", atol_l) \
    A("_atoi64_l", atoi64_l) A("atoll", atoi64) A("_atoll_l", atoi64_l) A("_wtoll", wtoi64)                 \
    A("_wtoll_l", wtoi64_l) F(strtof) A("_strtof_l", strtof_l) F(wcstof) A("_wcstof_l", wcstof_l)           \
    A("strtold", strtod) A("_strtold_l", strtod_l) A("wcstold", wcstod) A("_wcstold_l", wcstod_l)           \
    A("_wtoi", wtoi) A("_wtol", wtol) A("_wtoi64", wtoi64) A("_wtoi_l", wtoi_l)     \
    A("_wtol_l", wtol_l) A("_wtoi64_l", wtoi64_l) F(strtod) A("_strtod_l", strtod_l) F(atof)                \
    A("_atof_l", atof_l) F(wcstod) A("_wcstod_l", wcstod_l) A("_wtof", wtof) A("_wtof_l", wtof_l)            \
    A("_atodbl", atodbl) A("_atodbl_l", atodbl_l) A("_atoflt", atoflt) A("_atoflt_l", atoflt_l)              \
    A("_itoa_s", itoa_s) A("_itow_s", itoa_ws) A("_ltoa_s", ltoa_s) A("_ltow_s", ltoa_ws)                   \
    A("_ultoa_s", ultoa_s) A("_ultow_s", ultoa_ws) A("_i64toa_s", i64toa_s) A("_i64tow_s", i64toa_ws)        \
    A("_ui64toa_s", ui64toa_s) A("_ui64tow_s", ui64toa_ws) A("_ecvt_s", ecvt_s) A("_fcvt_s", fcvt_s)         \
    A("_gcvt_s", gcvt_s) F(qsort_s) F(bsearch_s) A("_lfind_s", lfind_s) A("_lsearch_s", lsearch_s) F(rand_s) \
    A("_makepath_s", makepath_s) A("_wmakepath_s", wmakepath_s) A("_splitpath_s", splitpath_s)              \
    A("_wsplitpath_s", wsplitpath_s) A("_searchenv_s", searchenv_s) A("_wsearchenv_s", wsearchenv_s)        \
    A("_putenv_s", putenv_s) A("_wputenv_s", wputenv_s) F(getenv_s) A("_wgetenv_s", wgetenv_s)               \
    A("_dupenv_s", dupenv_s) A("_wdupenv_s", wdupenv_s) F(strerror) A("_wcserror", wcserror)                 \
    A("_strerror", strerror_msg) F(strerror_s) A("_wcserror_s", wcserror_s) A("_strerror_s", strerror_msg_s) \
    A("__wcserror", wcserror_msg) A("__wcserror_s", wcserror_msg_s)          \
    F(abort) F(_assert) F(_wassert) F(_controlfp_s) A("gmtime", gmtime64)       \
    A("_gmtime64", gmtime64) A("_gmtime32", gmtime32) A("_gmtime64_s", gmtime64_s) A("_gmtime32_s", gmtime32_s) \
    A("localtime", localtime64) A("_localtime64", localtime64) A("_localtime32", localtime32)                \
    A("_localtime64_s", localtime64_s) A("_localtime32_s", localtime32_s) A("mktime", mktime64)              \
    A("_mktime64", mktime64) A("_mkgmtime", mkgmtime64) A("_mkgmtime64", mkgmtime64) F(asctime)              \
    A("_wasctime", wasctime) F(asctime_s) A("_wasctime_s", wasctime_s) A("ctime", ctime64)                   \
    A("_ctime64", ctime64) A("_ctime32", ctime32) A("_wctime", wctime64) A("_wctime64", wctime64)            \
    A("_wctime32", wctime32) A("_ctime64_s", ctime64_s) A("_ctime32_s", ctime32_s)                          \
    A("_wctime64_s", wctime64_s) A("_wctime32_s", wctime32_s) F(strftime) A("_strftime_l", strftime_l)       \
    F(wcsftime) A("_wcsftime_l", wcsftime_l) A("_strdate_s", strdate_s) A("_strtime_s", strtime_s)          \
    A("_wstrdate_s", wstrdate_s) A("_wstrtime_s", wstrtime_s) A("_ftime64_s", ftime64_s)                    \
    A("_ftime_s", ftime64_s) A("_ftime32_s", ftime32_s) F(setlocale) A("_wsetlocale", wsetlocale)           \
    F(_create_locale) F(_get_current_locale)

/* Exports of one face only: the same name means something else in the other DLL, or only one has it. */
#define CRT_LIB_MSVCRT_ONLY_LIST(F, A) A("wcstok", wcstok_msvcrt)

#define CRT_LIB_UCRT_ONLY_LIST(F, A)                                                                        \
    A("wcstok", wcstok_ucrt) A("_wcstok", wcstok_msvcrt) A("__intrinsic_setjmp", _setjmp)                    \
    A("__intrinsic_setjmpex", _setjmp)

/* ---- the tables --------------------------------------------------------------------------------------------- */

/* Only the addresses matter, so every symbol is declared with one neutral type under its real name. */
#define CRT_LIB_DECL(sym) extern void WINAPI crt_lib_##sym(void) __asm__("crt_" #sym);
#define CRT_LIB_DECL_F(name) CRT_LIB_DECL(name)
#define CRT_LIB_DECL_A(exp, sym) CRT_LIB_DECL(sym)
#define CRT_LIB_DECL_FLAVORED_F(name) CRT_LIB_DECL(name##_msvcrt) CRT_LIB_DECL(name##_ucrt)
#define CRT_LIB_DECL_FLAVORED_A(exp, sym) CRT_LIB_DECL_FLAVORED_F(sym)

CRT_LIB_SHARED_LIST(CRT_LIB_DECL_F, CRT_LIB_DECL_A)
CRT_LIB_FLAVORED_LIST(CRT_LIB_DECL_FLAVORED_F, CRT_LIB_DECL_FLAVORED_A)
CRT_LIB_MSVCRT_ONLY_LIST(CRT_LIB_DECL_F, CRT_LIB_DECL_A)
CRT_LIB_UCRT_ONLY_LIST(CRT_LIB_DECL_F, CRT_LIB_DECL_A)
CRT_LIB_DECL(_setjmp)
CRT_LIB_DECL(strdup_export)

#define CRT_LIB_EXP_F(name) BUILTIN_FUNCTION(#name, crt_lib_##name),
#define CRT_LIB_EXP_A(exp, sym) BUILTIN_FUNCTION(exp, crt_lib_##sym),
#define CRT_LIB_EXP_MSVCRT_F(name) BUILTIN_FUNCTION(#name, crt_lib_##name##_msvcrt),
#define CRT_LIB_EXP_MSVCRT_A(exp, sym) BUILTIN_FUNCTION(exp, crt_lib_##sym##_msvcrt),
#define CRT_LIB_EXP_UCRT_F(name) BUILTIN_FUNCTION(#name, crt_lib_##name##_ucrt),
#define CRT_LIB_EXP_UCRT_A(exp, sym) BUILTIN_FUNCTION(exp, crt_lib_##sym##_ucrt),

#define CRT_LIB_EXPORTS                                                                                     \
    CRT_LIB_SHARED_LIST(CRT_LIB_EXP_F, CRT_LIB_EXP_A) BUILTIN_FUNCTION("strdup", crt_lib_strdup_export)

#define CRT_LIB_MSVCRT_EXPORTS                                                                              \
    CRT_LIB_FLAVORED_LIST(CRT_LIB_EXP_MSVCRT_F, CRT_LIB_EXP_MSVCRT_A)                                       \
    CRT_LIB_MSVCRT_ONLY_LIST(CRT_LIB_EXP_F, CRT_LIB_EXP_A) BUILTIN_FUNCTION("_setjmp", crt_lib__setjmp)

#define CRT_LIB_UCRT_EXPORTS                                                                                \
    CRT_LIB_FLAVORED_LIST(CRT_LIB_EXP_UCRT_F, CRT_LIB_EXP_UCRT_A)                                           \
    CRT_LIB_UCRT_ONLY_LIST(CRT_LIB_EXP_F, CRT_LIB_EXP_A) BUILTIN_FUNCTION("_setjmp", crt_lib__setjmp)

#endif
