/* Clocks, the local time zone and sleeping. */
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>

#include "host/host.h"

/* Seconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
#define EPOCH_DIFF_SECONDS 11644473600ull

uint64_t host_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t host_monotonic_coarse_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t host_system_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + EPOCH_DIFF_SECONDS) * 10000000u + (uint64_t)ts.tv_nsec / 100;
}

int64_t host_utc_offset(int64_t unix_time, int *dst, const char **name)
{
    static int tz_ready;
    if (!tz_ready) {
        tzset();
        tz_ready = 1;
    }
    time_t t = (time_t)unix_time;
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        *dst = 0;
        *name = "UTC";
        return 0;
    }
    *dst = tm.tm_isdst > 0;
    *name = tm.tm_zone ? tm.tm_zone : "UTC";
    return tm.tm_gmtoff;
}

NTSTATUS host_sleep_ns(uint64_t ns)
{
    struct timespec ts = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
    if (nanosleep(&ts, NULL))
        return errno == EINTR ? STATUS_ALERTED : host_status(errno);
    return STATUS_SUCCESS;
}
