/*
 * Calendar engine (see timecalc.h). Days are counted with the proleptic Gregorian "days from civil"
 * formula in 64-bit arithmetic, so normalisation of any int fields cannot overflow.
 */
#include <string.h>

#include "crt/timecalc.h"

static const char *const wday_abbr[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const wday_full[7] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                          "Saturday" };
static const char *const mon_abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                          "Nov", "Dec" };
static const char *const mon_full[12] = { "January", "February", "March", "April", "May", "June", "July",
                                          "August", "September", "October", "November", "December" };

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int64_t CrtDaysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void CrtGmTimeAny(int64_t t, CRT_TM *tm)
{
    int64_t days = floor_div(t, 86400), secs = t - days * 86400, y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    tm->tm_sec = (int)(secs % 60);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_mday = d;
    tm->tm_mon = m - 1;
    tm->tm_year = (int)(y - 1900);
    tm->tm_wday = (int)((days % 7 + 11) % 7);          /* 1970-01-01 was a Thursday */
    tm->tm_yday = (int)(days - CrtDaysFromCivil(y, 1, 1));
    tm->tm_isdst = 0;
}

int CrtGmTime(int64_t t, int64_t max, CRT_TM *tm)
{
    if (t < 0 || t > max)
        return CRT_EINVAL;
    CrtGmTimeAny(t, tm);
    return 0;
}

/* Seconds since the epoch of the (possibly unnormalised) broken-down time, read as UTC. */
static int64_t tm_to_seconds(const CRT_TM *tm, int64_t *year_out)
{
    int64_t mon = tm->tm_mon, year = (int64_t)tm->tm_year + 1900 + floor_div(mon, 12);
    mon -= floor_div(mon, 12) * 12;
    *year_out = year;
    int64_t days = CrtDaysFromCivil(year, (int)mon + 1, 1) + (int64_t)tm->tm_mday - 1;
    return days * 86400 + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 + tm->tm_sec;
}

/* The CRT's intermediate year check: tm_year (after the months) within 69 .. max year + 1. */
static int year_in_range(int64_t year, int64_t max)
{
    int64_t max_year = max == CRT_MAX_TIME32 ? 2038 : 3001;
    return year >= 1969 && year <= max_year;
}

int64_t CrtMkGmTime(CRT_TM *tm, int64_t max, int *err)
{
    int64_t year, t = tm_to_seconds(tm, &year);
    *err = 0;
    if (!year_in_range(year, max) || t < 0 || t > max) {
        *err = CRT_EINVAL;
        return -1;
    }
    CrtGmTimeAny(t, tm);
    return t;
}

int64_t CrtMkTime(CRT_TM *tm, const CRT_TZINFO *tz, int dst, int64_t max, int *err)
{
    int64_t year, local = tm_to_seconds(tm, &year);
    int64_t bias = tz->bias + (dst ? tz->dst_bias : 0);
    int64_t t = local + bias;
    *err = 0;
    if (!year_in_range(year, max) || t < 0 || t > max) {
        *err = CRT_EINVAL;
        return -1;
    }
    CrtGmTimeAny(local, tm);
    tm->tm_isdst = dst ? 1 : 0;
    return t;
}

static int tm_valid(const CRT_TM *tm)
{
    return tm->tm_sec >= 0 && tm->tm_sec <= 59 && tm->tm_min >= 0 && tm->tm_min <= 59 && tm->tm_hour >= 0 &&
           tm->tm_hour <= 23 && tm->tm_mday >= 1 && tm->tm_mday <= 31 && tm->tm_mon >= 0 && tm->tm_mon <= 11 &&
           tm->tm_year >= 0 && tm->tm_year <= 8099 && tm->tm_wday >= 0 && tm->tm_wday <= 6;
}

static const char *name_at(const char *const *names, int n, int i)
{
    return i >= 0 && i < n ? names[i] : "???";   /* msvcrt reads out of range; never crash the host */
}

static char *put_num(char *p, unsigned v, int width, char pad)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = pad;
    while (n)
        *p++ = tmp[--n];
    return p;
}

int CrtAsctime(const CRT_TM *tm, CRT_FLAVOR flavor, char out[26])
{
    if (flavor == CRT_FLAVOR_UCRT && !tm_valid(tm)) {
        memset(out, 0, 26);
        return CRT_EINVAL;
    }
    char *p = out;
    memcpy(p, name_at(wday_abbr, 7, tm->tm_wday), 3);
    p[3] = ' ';
    memcpy(p + 4, name_at(mon_abbr, 12, tm->tm_mon), 3);
    p[7] = ' ';
    p = put_num(p + 8, (unsigned)tm->tm_mday % 100, 2, flavor == CRT_FLAVOR_UCRT ? ' ' : '0');   /* ucrt: C89's "%2d" */
    *p++ = ' ';
    p = put_num(p, (unsigned)tm->tm_hour % 100, 2, '0');
    *p++ = ':';
    p = put_num(p, (unsigned)tm->tm_min % 100, 2, '0');
    *p++ = ':';
    p = put_num(p, (unsigned)tm->tm_sec % 100, 2, '0');
    *p++ = ' ';
    p = put_num(p, (unsigned)(tm->tm_year + 1900) % 10000, 4, '0');
    *p++ = '\n';
    *p = 0;
    return 0;
}

/* ---- strftime ------------------------------------------------------------------------------------- */

typedef struct SF {
    char        *a;         /* output, same width as the format */
    WCHAR       *w;
    size_t       count, used;
    int          full;
    const CRT_TM *tm;
    const CRT_TZINFO *tz;
    int          ms;
    int          err;
} SF;

static void sf_putc(SF *s, unsigned c)
{
    if (s->used + 1 >= s->count) {      /* the NUL must fit too */
        s->full = 1;
        return;
    }
    if (s->a)
        s->a[s->used++] = (char)c;
    else
        s->w[s->used++] = (WCHAR)c;
}

static void sf_puts(SF *s, const char *str)
{
    while (*str)
        sf_putc(s, (unsigned char)*str++);
}

static void sf_num(SF *s, int v, int width, int alt)
{
    char buf[16], *p = buf;
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    p = put_num(p, (unsigned)v, alt ? 1 : width, '0');   /* '#': no leading zeros */
    *p = 0;
    sf_puts(s, buf);
}

static void sf_tzname(SF *s)
{
    int i = s->tm->tm_isdst > 0;
    if (!s->tz)
        return;
    if (s->w && s->tz->wname[i]) {
        for (const WCHAR *p = s->tz->wname[i]; *p; p++)
            sf_putc(s, *p);
    } else if (s->tz->name[i]) {
        sf_puts(s, s->tz->name[i]);
    }
}

/* ISO 8601 week-based year and week (for %g %G %V). */
static int iso_week(const CRT_TM *tm, int *iso_year)
{
    int year = tm->tm_year + 1900, wday = (tm->tm_wday + 6) % 7;   /* Monday = 0 */
    int week = (tm->tm_yday - wday + 10) / 7;
    if (week < 1) {
        year--;
        int pyday = tm->tm_yday + 365 + is_leap(year);
        week = (pyday - wday + 10) / 7;
    } else if (week == 53) {
        int ylen = 365 + is_leap(year);
        if (tm->tm_yday - wday + 3 >= ylen) {
            week = 1;
            year++;
        }
    }
    *iso_year = year;
    return week;
}

static int field_ok(SF *s, int ok)
{
    if (!ok && !s->ms)
        s->err = CRT_EINVAL;    /* ucrt validates each field it formats */
    return ok;
}

static void sf_sub(SF *s, const char *fmt, int alt);

/* One conversion. Returns 0 for an unknown one. */
static int sf_conv(SF *s, unsigned c, int alt)
{
    const CRT_TM *t = s->tm;
    int ucrt = !s->ms, hour12 = t->tm_hour % 12 ? t->tm_hour % 12 : 12, y;
    switch (c) {
    case 'a': if (field_ok(s, t->tm_wday >= 0 && t->tm_wday <= 6)) sf_puts(s, name_at(wday_abbr, 7, t->tm_wday)); return 1;
    case 'A': if (field_ok(s, t->tm_wday >= 0 && t->tm_wday <= 6)) sf_puts(s, name_at(wday_full, 7, t->tm_wday)); return 1;
    case 'b': if (field_ok(s, t->tm_mon >= 0 && t->tm_mon <= 11)) sf_puts(s, name_at(mon_abbr, 12, t->tm_mon)); return 1;
    case 'B': if (field_ok(s, t->tm_mon >= 0 && t->tm_mon <= 11)) sf_puts(s, name_at(mon_full, 12, t->tm_mon)); return 1;
    /* ucrt's "C" locale follows C99 for %c: "Sun Jul  4 09:05:07 1999" */
    case 'c': sf_sub(s, alt ? "%A, %B %d, %Y, %H:%M:%S" : ucrt ? "%a %b %e %H:%M:%S %Y" : "%m/%d/%y %H:%M:%S", alt); return 1;
    case 'x': sf_sub(s, alt ? "%A, %B %d, %Y" : "%m/%d/%y", alt); return 1;
    case 'X': sf_sub(s, "%H:%M:%S", alt); return 1;
    case 'd': if (field_ok(s, t->tm_mday >= 1 && t->tm_mday <= 31)) sf_num(s, t->tm_mday, 2, alt); return 1;
    case 'H': if (field_ok(s, t->tm_hour >= 0 && t->tm_hour <= 23)) sf_num(s, t->tm_hour, 2, alt); return 1;
    case 'I': if (field_ok(s, t->tm_hour >= 0 && t->tm_hour <= 23)) sf_num(s, hour12, 2, alt); return 1;
    case 'j': if (field_ok(s, t->tm_yday >= 0 && t->tm_yday <= 365)) sf_num(s, t->tm_yday + 1, 3, alt); return 1;
    case 'm': if (field_ok(s, t->tm_mon >= 0 && t->tm_mon <= 11)) sf_num(s, t->tm_mon + 1, 2, alt); return 1;
    case 'M': if (field_ok(s, t->tm_min >= 0 && t->tm_min <= 59)) sf_num(s, t->tm_min, 2, alt); return 1;
    case 'S': if (field_ok(s, t->tm_sec >= 0 && t->tm_sec <= 60)) sf_num(s, t->tm_sec, 2, alt); return 1;
    case 'p': sf_puts(s, t->tm_hour < 12 ? "AM" : "PM"); return 1;
    case 'U': sf_num(s, (t->tm_yday + 7 - t->tm_wday) / 7, 2, alt); return 1;
    case 'W': sf_num(s, (t->tm_yday + 7 - (t->tm_wday + 6) % 7) / 7, 2, alt); return 1;
    case 'w': sf_num(s, t->tm_wday, 1, alt); return 1;
    case 'y': if (field_ok(s, t->tm_year >= -1900 && t->tm_year <= 8099)) sf_num(s, (t->tm_year + 1900) % 100, 2, alt); return 1;
    case 'Y': if (field_ok(s, t->tm_year >= -1900 && t->tm_year <= 8099)) sf_num(s, t->tm_year + 1900, 1, alt); return 1;
    case 'Z': sf_tzname(s); return 1;
    case '%': sf_putc(s, '%'); return 1;
    case 'z':
        if (s->ms) {
            sf_tzname(s);       /* the legacy CRT prints the zone name for %z too */
        } else if (s->tz) {
            long off = -(s->tz->bias + (t->tm_isdst > 0 ? s->tz->dst_bias : 0));
            sf_putc(s, off < 0 ? '-' : '+');
            off = off < 0 ? -off : off;
            sf_num(s, (int)(off / 3600), 2, 0);
            sf_num(s, (int)(off / 60 % 60), 2, 0);
        }
        return 1;
    }
    if (!ucrt)
        return 0;
    switch (c) {
    case 'C': sf_num(s, (t->tm_year + 1900) / 100, 2, alt); return 1;
    case 'D': sf_sub(s, "%m/%d/%y", alt); return 1;
    case 'e': if (field_ok(s, t->tm_mday >= 1 && t->tm_mday <= 31)) {
                  if (t->tm_mday < 10 && !alt)
                      sf_putc(s, ' ');
                  sf_num(s, t->tm_mday, 1, alt);
              }
              return 1;
    case 'F': sf_sub(s, "%Y-%m-%d", alt); return 1;
    case 'g': iso_week(t, &y); sf_num(s, y % 100, 2, alt); return 1;
    case 'G': iso_week(t, &y); sf_num(s, y, 1, alt); return 1;
    case 'h': return sf_conv(s, 'b', alt);
    case 'n': sf_putc(s, '\n'); return 1;
    case 'r': sf_sub(s, "%I:%M:%S %p", alt); return 1;
    case 'R': sf_sub(s, "%H:%M", alt); return 1;
    case 't': sf_putc(s, '\t'); return 1;
    case 'T': sf_sub(s, "%H:%M:%S", alt); return 1;
    case 'u': sf_num(s, t->tm_wday ? t->tm_wday : 7, 1, alt); return 1;
    case 'V': sf_num(s, iso_week(t, &y), 2, alt); return 1;
    }
    return 0;
}

typedef struct SFMT {
    const char  *a;
    const WCHAR *w;
} SFMT;

static unsigned sfmt_at(const SFMT *f, size_t i)
{
    return f->a ? (unsigned char)f->a[i] : f->w[i];
}

static void sf_run(SF *s, const SFMT *f)
{
    for (size_t i = 0; sfmt_at(f, i) && !s->full && !s->err; i++) {
        unsigned c = sfmt_at(f, i);
        if (c != '%') {
            sf_putc(s, c);
            continue;
        }
        c = sfmt_at(f, ++i);
        int alt = c == '#';
        if (alt)
            c = sfmt_at(f, ++i);
        if (!s->ms && (c == 'E' || c == 'O'))
            c = sfmt_at(f, ++i);              /* ucrt accepts and ignores the C99 modifiers */
        if (c == 0 || !sf_conv(s, c, alt)) {
            s->err = CRT_EINVAL;              /* unknown conversion: invalid parameter, returns 0 */
            return;
        }
    }
}

/* Composite conversions (%c, %x, %D, ...) expand through the same code. */
static void sf_sub(SF *s, const char *fmt, int alt)
{
    SFMT f = { fmt, NULL };
    (void)alt;
    sf_run(s, &f);
}

static size_t sf_finish(SF *s, int *err)
{
    if (s->err || s->full) {
        *err = s->err ? s->err : CRT_ERANGE;
        if (s->count) {
            if (s->a)
                s->a[0] = 0;
            else
                s->w[0] = 0;
        }
        return 0;
    }
    if (s->a)
        s->a[s->used] = 0;
    else
        s->w[s->used] = 0;
    *err = 0;
    return s->used;
}

size_t CrtStrftimeA(char *buffer, size_t count, const char *format, const CRT_TM *tm, const CRT_TZINFO *tz,
                    CRT_FLAVOR flavor, int *err)
{
    if (!buffer || !count || !format || !tm) {
        *err = CRT_EINVAL;
        return 0;
    }
    SF s = { buffer, NULL, count, 0, 0, tm, tz, flavor == CRT_FLAVOR_MSVCRT, 0 };
    SFMT f = { format, NULL };
    sf_run(&s, &f);
    return sf_finish(&s, err);
}

size_t CrtStrftimeW(WCHAR *buffer, size_t count, const WCHAR *format, const CRT_TM *tm, const CRT_TZINFO *tz,
                    CRT_FLAVOR flavor, int *err)
{
    if (!buffer || !count || !format || !tm) {
        *err = CRT_EINVAL;
        return 0;
    }
    SF s = { NULL, buffer, count, 0, 0, tm, tz, flavor == CRT_FLAVOR_MSVCRT, 0 };
    SFMT f = { NULL, format };
    sf_run(&s, &f);
    return sf_finish(&s, err);
}
