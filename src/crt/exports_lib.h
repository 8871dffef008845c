/* The library half of the CRTs (string.h, ctype.h, stdlib.h, math.h, time.h, signals, locale...): exports both
 * faces share, as CRT_LIB_EXPORTS. */
#ifndef CRT_EXPORTS_LIB_H
#define CRT_EXPORTS_LIB_H

#include "io/builtin.h"

#define CRT_DECLARE(name) extern void WINAPI crt_##name##_shared(void) __asm__("crt_" #name);
#define CRT_SHARED(name) BUILTIN_FUNCTION(#name, crt_##name##_shared)
#define CRT_SHARED_AS(export, name) BUILTIN_FUNCTION(export, crt_##name##_shared)

#define CRT_LIB_FUNCTIONS(X)                                                                          \
    X(memcpy) X(memmove) X(memset) X(memcmp) X(memchr) X(strlen) X(strnlen) X(strcmp) X(strncmp)         \
    X(strcpy) X(strncpy) X(strcat) X(strncat) X(strchr) X(strrchr) X(strstr) X(strspn) X(strcspn)        \
    X(strpbrk) X(isalpha) X(isdigit) X(isalnum) X(isspace) X(isupper) X(islower) X(isxdigit) X(ispunct)   \
    X(isprint) X(isgraph) X(iscntrl) X(tolower) X(toupper) X(stricmp) X(strnicmp) X(wcslen) X(wcscmp)     \
    X(wcsncmp) X(wcsicmp) X(wcsnicmp) X(wcscpy) X(wcsncpy) X(wcscat) X(wcschr) X(wcsrchr) X(wcsstr)       \
    X(signal) X(raise) X(abort) X(strerror) X(localeconv) X(atoi) X(atol) X(atoi64) X(strtol) X(strtoul)  \
    X(strtoi64) X(strtoui64) X(strtod) X(atof) X(strdup_export)

CRT_LIB_FUNCTIONS(CRT_DECLARE)

#define CRT_LIB_EXPORTS                                                                                  \
    CRT_SHARED(memcpy), CRT_SHARED(memmove), CRT_SHARED(memset), CRT_SHARED(memcmp), CRT_SHARED(memchr),     \
    CRT_SHARED(strlen), CRT_SHARED(strnlen), CRT_SHARED(strcmp), CRT_SHARED(strncmp), CRT_SHARED(strcpy),    \
    CRT_SHARED(strncpy), CRT_SHARED(strcat), CRT_SHARED(strncat), CRT_SHARED(strchr), CRT_SHARED(strrchr),   \
    CRT_SHARED(strstr), CRT_SHARED(strspn), CRT_SHARED(strcspn), CRT_SHARED(strpbrk), CRT_SHARED(isalpha),   \
    CRT_SHARED(isdigit), CRT_SHARED(isalnum), CRT_SHARED(isspace), CRT_SHARED(isupper), CRT_SHARED(islower), \
    CRT_SHARED(isxdigit), CRT_SHARED(ispunct), CRT_SHARED(isprint), CRT_SHARED(isgraph),                     \
    CRT_SHARED(iscntrl), CRT_SHARED(tolower), CRT_SHARED(toupper), CRT_SHARED_AS("_stricmp", stricmp),       \
    CRT_SHARED_AS("_strnicmp", strnicmp), CRT_SHARED_AS("_strcmpi", stricmp), CRT_SHARED(wcslen),            \
    CRT_SHARED(wcscmp), CRT_SHARED(wcsncmp), CRT_SHARED_AS("_wcsicmp", wcsicmp),                             \
    CRT_SHARED_AS("_wcsnicmp", wcsnicmp), CRT_SHARED(wcscpy), CRT_SHARED(wcsncpy), CRT_SHARED(wcscat),       \
    CRT_SHARED(wcschr), CRT_SHARED(wcsrchr), CRT_SHARED(wcsstr), CRT_SHARED(signal), CRT_SHARED(raise),      \
    CRT_SHARED(abort), CRT_SHARED(strerror), CRT_SHARED(localeconv), CRT_SHARED(atoi), CRT_SHARED(atol),     \
    CRT_SHARED_AS("_atoi64", atoi64), CRT_SHARED(strtol), CRT_SHARED(strtoul),                               \
    CRT_SHARED_AS("_strtoi64", strtoi64), CRT_SHARED_AS("_strtoui64", strtoui64), CRT_SHARED(strtod),        \
    CRT_SHARED(atof), CRT_SHARED_AS("_strdup", strdup_export), CRT_SHARED_AS("strdup", strdup_export)

#endif
