/* The time-zone description of NT (RTL_TIME_ZONE_INFORMATION, what NtQuerySystemInformation's
 * SystemCurrentTimeZoneInformation returns; kernel32's TIME_ZONE_INFORMATION has the same size with
 * SYSTEMTIME in place of TIME_FIELDS). */
#ifndef NT_TIMEZONE_H
#define NT_TIMEZONE_H

#include "nt/ntdef.h"

typedef struct _TIME_FIELDS {
    SHORT Year, Month, Day, Hour, Minute, Second, Milliseconds, Weekday;
} TIME_FIELDS, *PTIME_FIELDS;

/* Bias = UTC - local standard time in minutes; StandardStart/DaylightStart with Year 0 are yearly rules
 * (Day = the week of the month, 1..4 or 5 for the last; Weekday = the day, Sunday 0); Month 0 = no DST. */
typedef struct _RTL_TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    TIME_FIELDS StandardStart;
    LONG StandardBias;
    WCHAR DaylightName[32];
    TIME_FIELDS DaylightStart;
    LONG DaylightBias;
} RTL_TIME_ZONE_INFORMATION, *PRTL_TIME_ZONE_INFORMATION;

static_assert(sizeof(TIME_FIELDS) == 16, "TIME_FIELDS");
static_assert(sizeof(RTL_TIME_ZONE_INFORMATION) == 172, "RTL_TIME_ZONE_INFORMATION");
static_assert(offsetof(RTL_TIME_ZONE_INFORMATION, StandardBias) == 84, "StandardBias");
static_assert(offsetof(RTL_TIME_ZONE_INFORMATION, DaylightBias) == 168, "DaylightBias");

#endif
