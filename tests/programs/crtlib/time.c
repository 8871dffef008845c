/* Checks: time.h with zones taken from TZ (set by _putenv, so the output does not depend on the host):
 * _tzset's variables, localtime/mktime around US daylight-saving changes, zones without DST and east of
 * UTC, strftime's %Z/%z, the largest times each CRT accepts, _mkgmtime normalisation, the _s forms. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void invalid_handler(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned line, uintptr_t r)
{
    (void)e, (void)f, (void)file, (void)line, (void)r;
}

static void show(const char *label, const struct tm *t)
{
    if (!t) {
        printf("%s: NULL errno %d\n", label, errno);
        return;
    }
    printf("%s: %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d dst %d\n", label, t->tm_year + 1900, t->tm_mon + 1,
           t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec, t->tm_wday, t->tm_yday, t->tm_isdst);
}

static void zone(const char *tz)
{
    char env[64];
    snprintf(env, sizeof env, "TZ=%s", tz);
    _putenv(env);
    _tzset();
    printf("TZ=%s: _timezone %ld _daylight %d _dstbias %ld _tzname [%s] [%s]\n", tz, (long)_timezone, _daylight,
           (long)_dstbias, _tzname[0], _tzname[1]);
}

static void local(const char *label, __time64_t t)
{
    errno = 0;
    show(label, _localtime64(&t));
}

static void make(int y, int mon, int d, int h, int mi, int isdst)
{
    struct tm t = {0, mi, h, d, mon - 1, y - 1900, 0, 0, isdst};
    errno = 0;
    __time64_t r = _mktime64(&t);
    printf("mktime %04d-%02d-%02d %02d:%02d isdst %d -> %lld errno %d, ", y, mon, d, h, mi, isdst, (long long)r, errno);
    show("tm", &t);
}

int main(void)
{
    _set_invalid_parameter_handler(invalid_handler);
    zone("EST5EDT");
    local("2023-03-12 06:59:59Z", 1678604399);   /* 01:59:59 EST */
    local("2023-03-12 07:00:00Z", 1678604400);   /* 03:00:00 EDT */
    local("2023-11-05 05:59:59Z", 1699163999);   /* 01:59:59 EDT */
    local("2023-11-05 06:00:00Z", 1699164000);   /* 01:00:00 EST */
    local("1999-07-04 12:00:00Z", 931089600);    /* the 1987-2006 rules */
    local("epoch", 0);
    make(2023, 3, 12, 2, 30, -1);                /* in the gap */
    make(2023, 11, 5, 1, 30, -1);                /* in the overlap */
    make(2023, 11, 5, 1, 30, 0);
    make(2023, 11, 5, 1, 30, 1);
    make(2023, 7, 1, 12, 0, 0);                  /* standard time asked for in summer */
    make(2023, 1, 32, 25, 61, -1);               /* normalisation */
    make(1969, 12, 31, 19, 0, -1);               /* the epoch, as local time */
    char buf[128];
    struct tm summer = {0, 0, 12, 1, 6, 123, 0, 0, 1};
    size_t n = strftime(buf, sizeof buf, "%Z|%z|%c|%x|%X", &summer);
    printf("strftime summer: %d [%s]\n", (int)n, buf);
    summer.tm_isdst = 0;
    strftime(buf, sizeof buf, "%Z|%z", &summer);
    printf("strftime winter: [%s]\n", buf);
    errno = 0;
    n = strftime(buf, 5, "%Y-%m-%d", &summer);
    printf("strftime too small: %d errno %d buf[0] %d\n", (int)n, errno, buf[0]);
    __time64_t t = 1000000000;
    printf("ctime: %s", _ctime64(&t));
    errno = 0;
    printf("_ctime64_s small buffer: %d\n", _ctime64_s(buf, 10, &t));
    printf("_ctime64_s: %d [%.24s]\n", _ctime64_s(buf, sizeof buf, &t), buf);

    zone("JST-9");
    local("1000000000 in Tokyo", 1000000000);
    make(2001, 9, 9, 10, 46, -1);
    zone("IST-5:30");
    local("1000000000 in India", 1000000000);
    zone("GMT0BST");
    local("summer in London", 1688212800);

    __time64_t last = 32535215999LL, past = 32535215999LL + 1;
    errno = 0;
    show("_gmtime64(3000-12-31 23:59:59)", _gmtime64(&last));
    errno = 0;
    show("_gmtime64(one second later)", _gmtime64(&past));
    __time64_t neg = -1;
    errno = 0;
    show("_gmtime64(-1)", _gmtime64(&neg));
    __time32_t t32 = 0x7fffffff;
    show("_gmtime32(max)", _gmtime32(&t32));
    struct tm g;
    errno = 0;
    int e = _gmtime64_s(&g, &neg);
    printf("_gmtime64_s(-1): %d, tm_year %d\n", e, g.tm_year);
    struct tm m = {59, 59, 23, 31, 11, 1100, 0, 0, 0};   /* 3000-12-31 23:59:59 */
    printf("_mkgmtime64(3000-12-31 23:59:59): %lld\n", (long long)_mkgmtime64(&m));
    m.tm_sec = 60;
    errno = 0;
    long long r = _mkgmtime64(&m);
    printf("_mkgmtime64(one second later): %lld errno %d\n", r, errno);
    struct tm leap = {0, 0, 0, 29, 1, 100, 0, 0, 0};
    leap.tm_mday += 366;
    printf("_mkgmtime64(2000-02-29 + 366 days): %lld, ", (long long)_mkgmtime64(&leap));
    show("tm", &leap);
    printf("difftime: %.0f\n", _difftime64(100, 40));
    return 0;
}
