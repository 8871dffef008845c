/* The host's local time-zone rules (host/timezone.c), for the kernel's time-zone query (ke/timezone.c). */
#ifndef HOST_TIMEZONE_H
#define HOST_TIMEZONE_H

#include <stdint.h>

struct host_tz_rules {
    int32_t std_offset;   /* local standard time - UTC, seconds */
    int32_t dst_offset;   /* local daylight time - UTC, seconds (== std_offset without DST) */
    char std_name[16];    /* abbreviations as the host's zone data gives them ("CET", "EST", "UTC") */
    char dst_name[16];
    int64_t dst_start;    /* Unix times of the year's two transitions (0, 0 when the zone has no DST) */
    int64_t dst_end;
};

/* The rules in force in the year that contains unix_time. */
void host_tz_rules(int64_t unix_time, struct host_tz_rules *rules);

#endif
