/*
 * The local time zone's rules for one year, from the host's zone data (TZ / /etc/localtime through
 * localtime_r): the standard and daylight offsets and names, and the instants daylight time starts and
 * ends. Windows describes a zone by such yearly rules (TIME_ZONE_INFORMATION); ke/timezone.c turns them
 * into that form.
 */
#define _GNU_SOURCE
#include <string.h>
#include <time.h>

#include "host/timezone.h"

static void local(int64_t t, struct tm *tm)
{
    time_t tt = (time_t)t;
    if (!localtime_r(&tt, tm)) {
        memset(tm, 0, sizeof *tm);
        tm->tm_zone = "UTC";
    }
}

static void copy_name(char *out, const char *name)
{
    strncpy(out, name ? name : "UTC", 15);
    out[15] = 0;
}

/* The first second in (lo, hi] whose isdst differs from lo's (lo and hi differ). */
static int64_t transition(int64_t lo, int64_t hi)
{
    struct tm a, m;
    local(lo, &a);
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        local(mid, &m);
        if (m.tm_isdst == a.tm_isdst && m.tm_gmtoff == a.tm_gmtoff)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

void host_tz_rules(int64_t unix_time, struct host_tz_rules *r)
{
    static int ready;
    if (!ready) {
        tzset();
        ready = 1;
    }
    memset(r, 0, sizeof *r);
    struct tm tm;
    local(unix_time, &tm);
    /* the year's first instant, then day by day to find the changes of isdst */
    struct tm jan = {.tm_year = tm.tm_year, .tm_mon = 0, .tm_mday = 1, .tm_isdst = -1};
    time_t start = mktime(&jan);
    struct tm first;
    local(start, &first);
    int64_t prev = start;
    struct tm prev_tm = first;
    int found = 0;
    int64_t changes[2] = {0, 0};
    for (int day = 1; day <= 366 && found < 2; day++) {
        int64_t t = start + (int64_t)day * 86400;
        struct tm cur;
        local(t, &cur);
        if (cur.tm_isdst != prev_tm.tm_isdst || cur.tm_gmtoff != prev_tm.tm_gmtoff)
            changes[found++] = transition(prev, t);
        prev = t;
        prev_tm = cur;
    }
    /* the standard side: the state without isdst (a zone whose names change without DST keeps one) */
    struct tm std = first, dst = first;
    if (found == 2) {
        struct tm after;
        local(changes[0], &after);
        if (after.tm_isdst > 0) {
            dst = after;
            r->dst_start = changes[0];
            r->dst_end = changes[1];
        } else {
            std = after;
            r->dst_start = changes[1];
            r->dst_end = changes[0];
        }
        if (first.tm_isdst > 0)
            dst = first;
        else
            std = first;
    } else {
        std = dst = tm;   /* no DST this year: the current state is the standard one */
    }
    r->std_offset = (int32_t)std.tm_gmtoff;
    r->dst_offset = (int32_t)dst.tm_gmtoff;
    copy_name(r->std_name, std.tm_zone);
    copy_name(r->dst_name, found == 2 ? dst.tm_zone : std.tm_zone);
}
