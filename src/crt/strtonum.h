/*
 * Number parsing for msvcrt.dll and ucrtbase.dll: strtol/strtoul/_strtoi64/_strtoui64/strtoll/strtoull,
 * atoi/atol/_atoi64, strtod/strtof/atof, and their wide twins (wcstol, _wtoi, wcstod, ...).
 *
 * Character width: one parser reads either a CHAR or a WCHAR string through an index accessor; the A/W
 * entry points only choose the accessor. Errors are reported through *err as the number the caller stores
 * in the guest errno (0, CRT_ERANGE = 34, CRT_EINVAL = 22); pure otherwise.
 */
#ifndef CRT_STRTONUM_H
#define CRT_STRTONUM_H

#include <stdint.h>

#include "nt/ntdef.h"

#include "crt/crterrno.h"

typedef enum CRT_FLAVOR {
    CRT_FLAVOR_UCRT,     /* ucrtbase.dll */
    CRT_FLAVOR_MSVCRT,   /* msvcrt.dll (legacy VC++ runtime) */
} CRT_FLAVOR;

/* Integer targets: LONG and ULONG are 32-bit on Windows. */
typedef enum CRT_INT_KIND {
    CRT_INT_LONG,        /* strtol, wcstol */
    CRT_INT_ULONG,       /* strtoul, wcstoul */
    CRT_INT_I64,         /* _strtoi64, strtoll, strtoimax */
    CRT_INT_UI64,        /* _strtoui64, strtoull, strtoumax */
} CRT_INT_KIND;

/*
 * CrtStrToIntA/W - strtol and friends. Returns the result's bits (cast to the kind's type). Windows rules:
 * leading white space, optional sign, base 0 picks 8/10/16, "0x" allowed in base 16; no digits -> 0 and
 * *end = s; overflow clamps (LONG_MAX/LONG_MIN, or ULONG_MAX then negated for "-", as the CRT does) with
 * ERANGE; unsigned kinds accept '-' and negate; a base outside 0/2..36 gives 0, *end = s and EINVAL.
 * `end` may be NULL; *end receives the index-equivalent pointer into s.
 */
uint64_t CrtStrToIntA(const char *s, const char **end, int base, CRT_INT_KIND kind, int *err);
uint64_t CrtStrToIntW(const WCHAR *s, const WCHAR **end, int base, CRT_INT_KIND kind, int *err);

/*
 * CrtAtoiA/W - atoi (bits 32), atol (32), _atoi64 (64). msvcrt's atoi/atol accumulate without overflow
 * checks (the value wraps, no errno); its _atoi64 and ucrt's whole family clamp (ucrt sets ERANGE).
 */
int64_t CrtAtoiA(const char *s, int bits, CRT_FLAVOR flavor, int *err);
int64_t CrtAtoiW(const WCHAR *s, int bits, CRT_FLAVOR flavor, int *err);

/*
 * CrtStrToDoubleA/W, CrtStrToFloatA/W - strtod/wcstod/atof and strtof/wcstof.
 * Both: correctly rounded (ties to even), "e"/"E" exponents, no digits -> 0 with *end = s, overflow ->
 * +-HUGE_VAL with ERANGE. ucrt also accepts "0x" hexadecimal mantissas with a "p" exponent, "inf",
 * "infinity", "nan", "nan(chars)", "nan(snan)", "nan(ind)" (case-insensitive) and sets ERANGE on underflow
 * to zero only; msvcrt accepts none of those forms and sets ERANGE for every denormal or zero-from-nonzero
 * result, as its __strgtold12/_ld12tod pair does.
 */
double CrtStrToDoubleA(const char *s, const char **end, CRT_FLAVOR flavor, int *err);
double CrtStrToDoubleW(const WCHAR *s, const WCHAR **end, CRT_FLAVOR flavor, int *err);
float  CrtStrToFloatA(const char *s, const char **end, CRT_FLAVOR flavor, int *err);
float  CrtStrToFloatW(const WCHAR *s, const WCHAR **end, CRT_FLAVOR flavor, int *err);

/* White space as the "C" locale's isspace/iswspace see it: 0x09-0x0D and 0x20. */
int CrtIsSpace(unsigned c);

#endif
