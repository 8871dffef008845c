/*
 * Calendar engine of msvcrt.dll and ucrtbase.dll: gmtime/_gmtime32/_gmtime64, _mkgmtime, mktime given a
 * time-zone bias, asctime, strftime/wcsftime in the "C" locale. Pure: local time is the caller's job
 * (it passes _timezone/_dstbias and whether DST applies); errors come back as errno numbers.
 *
 * Character width: strftime's engine reads a CHAR or WCHAR format through an accessor and writes ASCII
 * text into a buffer of the same width; only the time-zone names come in both widths.
 */
#ifndef CRT_TIMECALC_H
#define CRT_TIMECALC_H

#include <stddef.h>
#include <stdint.h>

#include "crt/strtonum.h"
#include "nt/ntdef.h"

/* Windows' struct tm: the nine ints of C, in C's order. */
typedef struct CRT_TM {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
} CRT_TM;

/* Largest time_t values: _MAX__TIME32_T, and _MAX__TIME64_T (msvcrt: 3000-12-31 23:59:59 UTC; ucrt added
 * eight hours so that local times of that last day still convert). */
#define CRT_MAX_TIME32        0x7fffffffLL
#define CRT_MAX_TIME64_MSVCRT 32535215999LL
#define CRT_MAX_TIME64_UCRT   32535244799LL

/* Time-zone facts for mktime and strftime's %z/%Z: bias = UTC - local standard time in seconds
 * (_timezone), dst_bias added while DST is in effect (_dstbias, usually -3600), and _tzname[]. */
typedef struct CRT_TZINFO {
    long         bias;
    long         dst_bias;
    const char  *name[2];     /* standard, daylight (narrow strftime) */
    const WCHAR *wname[2];    /* the same for wcsftime; NULL: widen name[] */
} CRT_TZINFO;

/*
 * CrtDaysFromCivil - days since 1970-01-01 (negative before) of the proleptic Gregorian date y-m-d, month
 * 1..12 (13 is January of y + 1); a day past the month's end runs on into the next.
 */
int64_t CrtDaysFromCivil(int64_t y, int m, int d);

/*
 * CrtGmTime - _gmtime64 (max = CRT_MAX_TIME64_*) and _gmtime32 (max = CRT_MAX_TIME32).
 * Returns 0, or CRT_EINVAL for t < 0 or t > max (gmtime then returns NULL).
 */
int CrtGmTime(int64_t t, int64_t max, CRT_TM *tm);

/* CrtGmTimeAny - the broken-down UTC of any t, negative too (local time near the epoch lies before it). */
void CrtGmTimeAny(int64_t t, CRT_TM *tm);

/*
 * CrtMkGmTime - _mkgmtime32/64: normalises *tm (any field may be out of range) as UTC, fills tm_wday and
 * tm_yday, returns the time or -1 with *err = CRT_EINVAL when out of [0, max] (tm unchanged then).
 */
int64_t CrtMkGmTime(CRT_TM *tm, int64_t max, int *err);

/*
 * CrtMkTime - mktime/_mktime32/_mktime64 for a caller-known zone: tm is local time; dst says whether DST
 * applies to it (the caller resolves tm_isdst < 0 with its rules). Normalises *tm, sets tm_isdst = dst,
 * returns UTC seconds or -1 (CRT_EINVAL) outside [0, max].
 */
int64_t CrtMkTime(CRT_TM *tm, const CRT_TZINFO *tz, int dst, int64_t max, int *err);

/*
 * CrtAsctime - asctime's 26 bytes "Sun Jul 04 09:05:07 1999\n\0" (Windows pads the day with a zero).
 * ucrt validates the fields (CRT_EINVAL); msvcrt formats whatever it gets.
 */
int CrtAsctime(const CRT_TM *tm, CRT_FLAVOR flavor, char out[26]);

/*
 * CrtStrftimeA/W - strftime/wcsftime/_strftime_l in the "C" locale. Returns the characters written
 * (without the NUL) or 0 when the result with its NUL does not fit (buffer[0] = 0, *err = CRT_ERANGE) or
 * the format has an unknown conversion or a field out of range (*err = CRT_EINVAL; the caller raises the
 * invalid-parameter handler). ucrt adds %C %D %e %F %g %G %h %n %r %R %t %T %u %V and the E/O modifiers,
 * and %z as "+hhmm"; in msvcrt %z is the zone name like %Z. '#' drops leading zeros from numbers and
 * selects the long forms of %c and %x.
 */
size_t CrtStrftimeA(char *buffer, size_t count, const char *format, const CRT_TM *tm, const CRT_TZINFO *tz,
                    CRT_FLAVOR flavor, int *err);
size_t CrtStrftimeW(WCHAR *buffer, size_t count, const WCHAR *format, const CRT_TM *tm, const CRT_TZINFO *tz,
                    CRT_FLAVOR flavor, int *err);

#endif
