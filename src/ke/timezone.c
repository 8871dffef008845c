/*
 * The local time zone in NT's terms, from the host's zone rules. Windows keeps a zone as a bias and two
 * yearly rules ("the last Sunday of March at 02:00"); the host keeps a table of instants, so the rules
 * are derived from this year's two transitions. The time-zone bias of KUSER_SHARED_DATA (ke/shared_data.c)
 * stays the authority for "now"; this serves GetTimeZoneInformation and the C runtime's _tzset.
 */
#include <string.h>

#include "host/host.h"
#include "host/timezone.h"
#include "ke/timezone.h"

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static bool leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The local wall-clock time `local` (seconds since 1970 in local time) as a yearly rule. */
static void to_rule(int64_t local, TIME_FIELDS *rule)
{
    int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400, secs = local - days * 86400;
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    int length = month_days[m - 1] + (m == 2 && leap(y));
    memset(rule, 0, sizeof *rule);
    rule->Year = 0;
    rule->Month = (SHORT)m;
    rule->Day = (SHORT)(d + 7 > length ? 5 : (d - 1) / 7 + 1);
    rule->Weekday = (SHORT)((days % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
    rule->Hour = (SHORT)(secs / 3600);
    rule->Minute = (SHORT)(secs / 60 % 60);
    rule->Second = (SHORT)(secs % 60);
}

static void put_name(WCHAR out[32], const char *name)
{
    if (!strcmp(name, "UTC") || !strcmp(name, "GMT") || !strcmp(name, "UCT"))
        name = "Coordinated Universal Time";
    size_t i = 0;
    for (; name[i] && i < 31; i++)
        out[i] = (unsigned char)name[i];
    out[i] = 0;
}

/* The zone with the rules of the year that contains unix_time. */
static NTSTATUS zone_at(int64_t unix_time, PRTL_TIME_ZONE_INFORMATION tzi)
{
    struct host_tz_rules r;
    host_tz_rules(unix_time, &r);
    memset(tzi, 0, sizeof *tzi);
    tzi->Bias = -r.std_offset / 60;
    put_name(tzi->StandardName, r.std_name);
    put_name(tzi->DaylightName, r.dst_name);
    if (r.dst_start || r.dst_end) {
        tzi->DaylightBias = -(r.dst_offset - r.std_offset) / 60;
        to_rule(r.dst_start + r.std_offset, &tzi->DaylightStart);   /* in standard time, before the change */
        to_rule(r.dst_end + r.dst_offset, &tzi->StandardStart);     /* in daylight time, before the change */
    }
    return STATUS_SUCCESS;
}

NTSTATUS KeQueryTimeZoneInformation(PRTL_TIME_ZONE_INFORMATION tzi)
{
    return zone_at((int64_t)(host_system_time() / 10000000u) - 11644473600LL, tzi);
}

NTSTATUS KeQueryTimeZoneInformationForYear(unsigned year, PRTL_TIME_ZONE_INFORMATION tzi)
{
    /* July 1st of the year at noon UTC: inside the year in every zone (days from the civil date, as in
     * to_rule's inverse) */
    int64_t y = (int64_t)year, era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (7 - 3) + 2) / 5, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return zone_at(days * 86400 + 43200, tzi);
}
