/*
 * time.h of the CRTs over the calendar engine (crt/timecalc.c) and kernel32's clocks.
 *
 * Local time follows the CRTs' model, not the host's zone data: _tzset takes the zone from the TZ
 * variable ("PST8PDT": name, hours west of UTC, optional daylight name with the United States rules) or
 * from GetTimeZoneInformation (bias and this year's yearly DST rules, applied to every year, as Windows
 * does); localtime subtracts _timezone and, when the rules say DST applies, _dstbias.
 *
 * time_t is 64-bit: the plain names (time, gmtime, localtime, mktime, ctime, difftime, _ftime) are the
 * 64-bit functions, as in the x64 msvcrt.dll; ucrtbase.dll exports only the suffixed ones. The faces
 * differ in the largest time they accept (timecalc.h) and in the invalid-parameter default.
 */
#include <string.h>

#include "crt/lib.h"
#include "win32/k32.h"

void WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME ft);
void WINAPI GetLocalTime(LPSYSTEMTIME st);
BOOL WINAPI QueryPerformanceCounter(PLARGE_INTEGER counter);
BOOL WINAPI QueryPerformanceFrequency(PLARGE_INTEGER frequency);
int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR def, BOOL *used);

#define TZ_NAME_SIZE 64
#define DAY 86400

static int64_t max_time(CRT_FLAVOR f)
{
    return f == CRT_FLAVOR_MSVCRT ? CRT_MAX_TIME64_MSVCRT : CRT_MAX_TIME64_UCRT;
}

/* ---- clocks -------------------------------------------------------------------------------------------------- */

static int64_t filetime_now(bool precise)
{
    FILETIME ft;
    if (precise)
        GetSystemTimePreciseAsFileTime(&ft);
    else
        GetSystemTimeAsFileTime(&ft);
    return (int64_t)((uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime);
}

static int64_t unix_now(void)
{
    return filetime_now(false) / 10000000 - 11644473600LL;
}

int64_t WINAPI crt_time64(int64_t *out)
{
    int64_t t = unix_now();
    if (out)
        *out = t;
    return t;
}

int32_t WINAPI crt_time32(int32_t *out)
{
    int64_t t = unix_now();
    int32_t r = t > 0x7fffffff ? -1 : (int32_t)t;
    if (out)
        *out = r;
    return r;
}

/* clock(): wall-clock milliseconds since the CRT started (not CPU time), as on Windows. */
static LARGE_INTEGER clock_start;

void crt_time_attach(void)
{
    if (!clock_start.QuadPart)
        QueryPerformanceCounter(&clock_start);
}

LONG WINAPI crt_clock(void)
{
    LARGE_INTEGER now, freq;
    crt_time_attach();
    QueryPerformanceCounter(&now);
    QueryPerformanceFrequency(&freq);
    int64_t ms = (now.QuadPart - clock_start.QuadPart) / (freq.QuadPart / 1000);
    return ms > 0x7fffffff ? -1 : (LONG)ms;
}

/* _difftime64: both times must be valid (>= 0), else 0 and EINVAL. */
double WINAPI crt_difftime64(int64_t a, int64_t b)
{
    if (a < 0 || b < 0) {
        crt_set_errno(CRT_EINVAL);
        return 0;
    }
    return (double)(a - b);
}

double WINAPI crt_difftime32(int32_t a, int32_t b) { return crt_difftime64(a, b); }

/* ---- the time zone -------------------------------------------------------------------------------------------- */

static struct {
    bool done;                    /* __tzset ran (localtime and friends run it once) */
    bool api;                     /* the rules came from GetTimeZoneInformation (else TZ: US rules) */
    TIME_ZONE_INFORMATION tzi;
    int year;                     /* the year the transitions below were computed for */
    int start_yday, end_yday;     /* DST start and end, as year days and milliseconds of local standard time */
    LONG start_ms, end_ms;
} tz = {.year = -1};

static void set_name(int i, const char *s, size_t n)
{
    char *d = crt_lib->tzname[i];
    if (n >= TZ_NAME_SIZE)
        n = TZ_NAME_SIZE - 1;
    memcpy(d, s, n);
    d[n] = 0;
}

static void set_wname(int i, const WCHAR *w)
{
    char *d = crt_lib->tzname[i];
    if (WideCharToMultiByte(CP_ACP, 0, w, -1, d, TZ_NAME_SIZE, NULL, NULL) <= 0)
        d[0] = 0;
    d[TZ_NAME_SIZE - 1] = 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static LONG parse_number(const char **p)
{
    LONG v = 0;
    while (**p == '+')
        (*p)++;
    while (is_digit(**p))
        v = v * 10 + (**p - '0'), (*p)++;
    return v;
}

/* TZ = "XXX[+|-]hh[:mm[:ss]][YYY]": XXX the standard name, hh hours west of UTC, YYY the daylight name. */
static void parse_tz(const char *s)
{
    set_name(0, s, crt_strnlen_internal(s, 3));
    const char *p = s + crt_strnlen_internal(s, 3);
    bool neg = *p == '-';
    if (neg)
        p++;
    LONG bias = parse_number(&p) * 3600;
    if (*p == ':') {
        p++;
        bias += parse_number(&p) * 60;
        if (*p == ':') {
            p++;
            bias += parse_number(&p);
        }
    }
    crt_lib->timezone = neg ? -bias : bias;
    crt_lib->daylight = (unsigned char)*p;   /* the CRTs store the character itself ("_daylight = *TZ") */
    if (*p)
        set_name(1, p, crt_strnlen_internal(p, 3));
    else
        set_name(1, "", 0);
    crt_lib->dstbias = -3600;
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * A TZ value in the CRTs' form starts with a three-letter name and an offset. Linux users often export TZ in
 * the host's forms ("Europe/Berlin", ":/etc/localtime"), which the guest inherits and which the CRTs would
 * misread as a zone named "Eur" at UTC; those are left to GetTimeZoneInformation, which already follows the
 * host's zone.
 */
static bool crt_tz_form(const char *s)
{
    return is_alpha(s[0]) && is_alpha(s[1]) && is_alpha(s[2]) && (s[3] == '+' || s[3] == '-' || is_digit(s[3]));
}

static void tzset_nolock(void)
{
    tz.api = false;
    tz.year = -1;
    const char *env = crt_env_get("TZ");
    if (env && crt_tz_form(env)) {
        parse_tz(env);
        return;
    }
    if (GetTimeZoneInformation(&tz.tzi) == (DWORD)-1)
        return;   /* the variables keep their values */
    tz.api = true;
    LONG bias = tz.tzi.Bias * 60;
    if (tz.tzi.StandardDate.wMonth)
        bias += tz.tzi.StandardBias * 60;
    crt_lib->timezone = bias;
    if (tz.tzi.DaylightDate.wMonth && tz.tzi.DaylightBias) {
        crt_lib->daylight = 1;
        crt_lib->dstbias = (tz.tzi.DaylightBias - tz.tzi.StandardBias) * 60;
    } else {
        crt_lib->daylight = 0;
        crt_lib->dstbias = 0;
    }
    set_wname(0, tz.tzi.StandardName);
    set_wname(1, tz.tzi.DaylightName);
}

void WINAPI crt_tzset(void)
{
    crt_lock(6);   /* _TIME_LOCK */
    tzset_nolock();
    tz.done = true;
    crt_unlock(6);
}

static void tzset_once(void)
{
    if (__atomic_load_n(&tz.done, __ATOMIC_ACQUIRE))
        return;
    crt_lock(6);
    if (!tz.done) {
        tzset_nolock();
        __atomic_store_n(&tz.done, true, __ATOMIC_RELEASE);
    }
    crt_unlock(6);
}

void crt_tz_info(CRT_TZINFO *info)
{
    tzset_once();
    info->bias = crt_lib->timezone;
    info->dst_bias = crt_lib->dstbias;
    info->name[0] = crt_lib->tzname[0];
    info->name[1] = crt_lib->tzname[1];
    info->wname[0] = info->wname[1] = NULL;
}

/* The year day (0-based) of y-m-d, by the calendar engine. */
static int year_day(int y, int m, int d)
{
    return (int)(CrtDaysFromCivil(y, m, d) - CrtDaysFromCivil(y, 1, 1));
}

/* The year day of the week-th (5 = last) `dow` of `month` (1..12) in year y. */
static int rule_yday(int y, int month, int week, int dow)
{
    int64_t first = CrtDaysFromCivil(y, month, 1);
    int length = (int)(CrtDaysFromCivil(y, month + 1, 1) - first);   /* month 13: January of y + 1 */
    int first_dow = (int)((first % 7 + 11) % 7);                      /* 1970-01-01 was a Thursday */
    int d = (dow - first_dow + 7) % 7 + (week - 1) * 7;
    while (d >= length)
        d -= 7;
    return year_day(y, month, 1) + d;
}

/* This year's transitions, in local standard time (the end moves by _dstbias, given in daylight time). */
static void compute_transitions(int year)
{
    int y = year + 1900, sm, sw, sd, em, ew, ed;
    LONG sms, ems;
    if (tz.api) {
        const SYSTEMTIME *s = &tz.tzi.DaylightDate, *e = &tz.tzi.StandardDate;
        sm = s->wMonth, sw = s->wDay, sd = s->wDayOfWeek;
        em = e->wMonth, ew = e->wDay, ed = e->wDayOfWeek;
        sms = ((s->wHour * 60 + s->wMinute) * 60 + s->wSecond) * 1000 + s->wMilliseconds;
        ems = ((e->wHour * 60 + e->wMinute) * 60 + e->wSecond) * 1000 + e->wMilliseconds;
        if (s->wYear) {   /* a fixed date, not a yearly rule */
            tz.start_yday = year_day(y, sm, s->wDay);
            sw = 0;
        }
        if (e->wYear) {
            tz.end_yday = year_day(y, em, e->wDay);
            ew = 0;
        }
    } else if (year > 106) {   /* United States, since 2007 */
        sm = 3, sw = 2, em = 11, ew = 1, sd = ed = 0, sms = ems = 2 * 3600000;
    } else if (year > 86) {    /* 1987..2006 */
        sm = 4, sw = 1, em = 10, ew = 5, sd = ed = 0, sms = ems = 2 * 3600000;
    } else {
        sm = 4, sw = 5, em = 10, ew = 5, sd = ed = 0, sms = ems = 2 * 3600000;
    }
    if (sw)
        tz.start_yday = rule_yday(y, sm, sw, sd);
    if (ew)
        tz.end_yday = rule_yday(y, em, ew, ed);
    tz.start_ms = sms;
    tz.end_ms = ems + crt_lib->dstbias * 1000;
    if (tz.end_ms < 0) {
        tz.end_ms += DAY * 1000;
        tz.end_yday--;
    } else if (tz.end_ms >= DAY * 1000) {
        tz.end_ms -= DAY * 1000;
        tz.end_yday++;
    }
    tz.year = year;
}

/* _isindst: does DST apply to this local standard time? */
static bool is_in_dst(const CRT_TM *tm)
{
    if (!crt_lib->daylight)
        return false;
    crt_lock(6);
    if (tm->tm_year != tz.year)
        compute_transitions(tm->tm_year);
    int s = tz.start_yday, e = tz.end_yday;
    LONG sms = tz.start_ms, ems = tz.end_ms;
    crt_unlock(6);
    if (s < e) {   /* northern hemisphere */
        if (tm->tm_yday < s || tm->tm_yday > e)
            return false;
        if (tm->tm_yday > s && tm->tm_yday < e)
            return true;
    } else {       /* southern */
        if (tm->tm_yday < e || tm->tm_yday > s)
            return true;
        if (tm->tm_yday > e && tm->tm_yday < s)
            return false;
    }
    LONG ms = ((tm->tm_hour * 60 + tm->tm_min) * 60 + tm->tm_sec) * 1000;
    return tm->tm_yday == s ? ms >= sms : ms < ems;
}

/* ---- conversions ------------------------------------------------------------------------------------------------- */

/* _localtime64_s: t in [0, max]. */
static int local_time(int64_t t, int64_t max, CRT_TM *tm)
{
    if (t < 0 || t > max)
        return CRT_EINVAL;
    tzset_once();
    int64_t lt = t - crt_lib->timezone;
    CrtGmTimeAny(lt, tm);
    tm->tm_isdst = 0;
    if (crt_lib->daylight && is_in_dst(tm)) {
        CrtGmTimeAny(lt - crt_lib->dstbias, tm);
        tm->tm_isdst = 1;
    }
    return 0;
}

typedef int (*tm_convert)(int64_t t, int64_t max, CRT_TM *tm);

/* gmtime/localtime: into the thread's tm; NULL with errno when t is NULL or out of range. */
static CRT_TM *thread_tm(CRT_FLAVOR f, bool have_time, int64_t t, int64_t max, tm_convert convert)
{
    if (!have_time) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    CRT_TM tmp;
    int e = convert(t, max, &tmp);
    if (e) {
        crt_set_errno(e);
        return NULL;
    }
    CRT_TM *tm = &crt_lib_thread()->tm;
    *tm = tmp;
    return tm;
}

/* The _s forms: *out holds -1 bytes before the conversion and after a failed one. */
static int tm_s(CRT_FLAVOR f, CRT_TM *out, bool have_time, int64_t t, int64_t max, tm_convert convert)
{
    if (!out)
        return crt_invalid(f, CRT_EINVAL);
    memset(out, 0xff, sizeof *out);
    if (!have_time)
        return crt_invalid(f, CRT_EINVAL);
    int e = convert(t, max, out);
    if (e) {
        memset(out, 0xff, sizeof *out);
        crt_set_errno(e);
    }
    return e;
}

/* The two arguments thread_tm and tm_s take for a time pointer. */
#define TIME_ARG(t) (t) != NULL, (t) ? (int64_t)*(t) : 0

static CRT_TM *gmtime64_impl(CRT_FLAVOR f, const int64_t *t)
{
    return thread_tm(f, TIME_ARG(t), max_time(f), CrtGmTime);
}
CRT_FLAVORS(CRT_TM *, gmtime64, (const int64_t *t), t)
static CRT_TM *gmtime32_impl(CRT_FLAVOR f, const int32_t *t)
{
    return thread_tm(f, TIME_ARG(t), CRT_MAX_TIME32, CrtGmTime);
}
CRT_FLAVORS(CRT_TM *, gmtime32, (const int32_t *t), t)
static int gmtime64_s_impl(CRT_FLAVOR f, CRT_TM *out, const int64_t *t)
{
    return tm_s(f, out, TIME_ARG(t), max_time(f), CrtGmTime);
}
CRT_FLAVORS(int, gmtime64_s, (CRT_TM *out, const int64_t *t), out, t)
static int gmtime32_s_impl(CRT_FLAVOR f, CRT_TM *out, const int32_t *t)
{
    return tm_s(f, out, TIME_ARG(t), CRT_MAX_TIME32, CrtGmTime);
}
CRT_FLAVORS(int, gmtime32_s, (CRT_TM *out, const int32_t *t), out, t)

static CRT_TM *localtime64_impl(CRT_FLAVOR f, const int64_t *t)
{
    return thread_tm(f, TIME_ARG(t), max_time(f), local_time);
}
CRT_FLAVORS(CRT_TM *, localtime64, (const int64_t *t), t)
static CRT_TM *localtime32_impl(CRT_FLAVOR f, const int32_t *t)
{
    return thread_tm(f, TIME_ARG(t), CRT_MAX_TIME32, local_time);
}
CRT_FLAVORS(CRT_TM *, localtime32, (const int32_t *t), t)
static int localtime64_s_impl(CRT_FLAVOR f, CRT_TM *out, const int64_t *t)
{
    return tm_s(f, out, TIME_ARG(t), max_time(f), local_time);
}
CRT_FLAVORS(int, localtime64_s, (CRT_TM *out, const int64_t *t), out, t)
static int localtime32_s_impl(CRT_FLAVOR f, CRT_TM *out, const int32_t *t)
{
    return tm_s(f, out, TIME_ARG(t), CRT_MAX_TIME32, local_time);
}
CRT_FLAVORS(int, localtime32_s, (CRT_TM *out, const int32_t *t), out, t)

/*
 * mktime: tm is local time. As the CRTs do: the fields normalised as standard time give t; localtime(t)
 * says whether DST applies there; with tm_isdst > 0, or < 0 and DST applying, t moves by _dstbias. tm
 * becomes localtime(t); out of range gives -1 and EINVAL with tm unchanged.
 */
static int64_t make_time(CRT_TM *tm, int64_t max)
{
    if (!tm) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return -1;
    }
    CRT_TZINFO info;
    crt_tz_info(&info);
    CRT_TM copy = *tm, lt;
    int err;
    int64_t t = CrtMkTime(&copy, &info, 0, max, &err);
    if (t < 0 || local_time(t, max, &lt)) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    if (tm->tm_isdst > 0 || (tm->tm_isdst < 0 && lt.tm_isdst > 0)) {
        t += crt_lib->dstbias;
        if (local_time(t, max, &lt)) {
            crt_set_errno(CRT_EINVAL);
            return -1;
        }
    }
    *tm = lt;
    return t;
}

static int64_t mktime64_impl(CRT_FLAVOR f, CRT_TM *tm) { return make_time(tm, max_time(f)); }
CRT_FLAVORS(int64_t, mktime64, (CRT_TM *tm), tm)
int32_t WINAPI crt_mktime32(CRT_TM *tm) { return (int32_t)make_time(tm, CRT_MAX_TIME32); }

static int64_t make_gm_time(CRT_TM *tm, int64_t max)
{
    if (!tm) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return -1;
    }
    CRT_TM copy = *tm;
    int err;
    int64_t t = CrtMkGmTime(&copy, max, &err);
    if (err) {
        crt_set_errno(err);
        return -1;
    }
    copy.tm_isdst = 0;
    *tm = copy;
    return t;
}

static int64_t mkgmtime64_impl(CRT_FLAVOR f, CRT_TM *tm) { return make_gm_time(tm, max_time(f)); }
CRT_FLAVORS(int64_t, mkgmtime64, (CRT_TM *tm), tm)
int32_t WINAPI crt_mkgmtime32(CRT_TM *tm) { return (int32_t)make_gm_time(tm, CRT_MAX_TIME32); }

/* ---- text ------------------------------------------------------------------------------------------------------- */

/* The texts are composed in ASCII; the wide forms get them code unit for code unit. */
static void widen(WCHAR *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)s[i];
}

/* The functions with a narrow and a wide buffer (one of them NULL) write n characters of s to it. */
static void put_text(char *buf, WCHAR *wbuf, const char *s, size_t n)
{
    if (buf)
        memcpy(buf, s, n);
    else
        widen(wbuf, s, n);
}

static char *asctime_impl(CRT_FLAVOR f, const CRT_TM *tm)
{
    if (!tm) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    char *buf = crt_lib_thread()->asctime;
    int e = CrtAsctime(tm, f, buf);
    if (e) {
        crt_invalid(f, e);
        return NULL;
    }
    return buf;
}
CRT_FLAVORS(char *, asctime, (const CRT_TM *tm), tm)

static WCHAR *wasctime_impl(CRT_FLAVOR f, const CRT_TM *tm)
{
    char tmp[26];
    if (!tm) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    int e = CrtAsctime(tm, f, tmp);
    if (e) {
        crt_invalid(f, e);
        return NULL;
    }
    WCHAR *buf = crt_lib_thread()->wasctime;
    widen(buf, tmp, 26);
    return buf;
}
CRT_FLAVORS(WCHAR *, wasctime, (const CRT_TM *tm), tm)

static int asctime_s_impl(CRT_FLAVOR f, char *buf, size_t size, const CRT_TM *tm)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    buf[0] = 0;
    char tmp[26];
    /* a buffer under 26 is EINVAL (not ERANGE), and the _s form validates the fields in both CRTs */
    if (!tm || size < 26 || CrtAsctime(tm, CRT_FLAVOR_UCRT, tmp))
        return crt_invalid(f, CRT_EINVAL);
    CrtAsctime(tm, f, buf);
    return 0;
}
CRT_FLAVORS(int, asctime_s, (char *buf, size_t size, const CRT_TM *tm), buf, size, tm)

static int wasctime_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size, const CRT_TM *tm)
{
    char tmp[26];
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    buf[0] = 0;
    int e = asctime_s_impl(f, tmp, size < 26 ? size : 26, tm);
    if (!e)
        widen(buf, tmp, 26);
    return e;
}
CRT_FLAVORS(int, wasctime_s, (WCHAR *buf, size_t size, const CRT_TM *tm), buf, size, tm)

/* ctime = asctime(localtime(t)), without touching localtime's buffer. */
static int ctime_text(CRT_FLAVOR f, int64_t t, int64_t max, char out[26])
{
    CRT_TM tm;
    int e = local_time(t, max, &tm);
    return e ? e : CrtAsctime(&tm, f, out);
}

static char *ctime64_impl(CRT_FLAVOR f, const int64_t *t)
{
    if (!t) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    char *buf = crt_lib_thread()->asctime;
    int e = ctime_text(f, *t, max_time(f), buf);
    if (e) {
        crt_set_errno(e);
        return NULL;
    }
    return buf;
}
CRT_FLAVORS(char *, ctime64, (const int64_t *t), t)

static char *ctime32_impl(CRT_FLAVOR f, const int32_t *t)
{
    if (!t) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    char *buf = crt_lib_thread()->asctime;
    int e = ctime_text(f, *t, CRT_MAX_TIME32, buf);
    if (e) {
        crt_set_errno(e);
        return NULL;
    }
    return buf;
}
CRT_FLAVORS(char *, ctime32, (const int32_t *t), t)

static WCHAR *wctime_common(CRT_FLAVOR f, int64_t t, int64_t max)
{
    char tmp[26];
    int e = ctime_text(f, t, max, tmp);
    if (e) {
        crt_set_errno(e);
        return NULL;
    }
    WCHAR *buf = crt_lib_thread()->wasctime;
    widen(buf, tmp, 26);
    return buf;
}

static WCHAR *wctime64_impl(CRT_FLAVOR f, const int64_t *t)
{
    if (!t) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    return wctime_common(f, *t, max_time(f));
}
CRT_FLAVORS(WCHAR *, wctime64, (const int64_t *t), t)

static WCHAR *wctime32_impl(CRT_FLAVOR f, const int32_t *t)
{
    if (!t) {
        crt_invalid(f, CRT_EINVAL);
        return NULL;
    }
    return wctime_common(f, *t, CRT_MAX_TIME32);
}
CRT_FLAVORS(WCHAR *, wctime32, (const int32_t *t), t)

static int ctime_s_common(CRT_FLAVOR f, char *buf, WCHAR *wbuf, size_t size, const void *t, bool t32)
{
    if ((!buf && !wbuf) || !size)
        return crt_invalid(f, CRT_EINVAL);
    put_text(buf, wbuf, "", 1);
    if (!t || size < 26)
        return crt_invalid(f, CRT_EINVAL);
    int64_t v = t32 ? *(const int32_t *)t : *(const int64_t *)t;
    if (v < 0)
        return crt_invalid(f, CRT_EINVAL);
    char tmp[26];
    int e = ctime_text(f, v, t32 ? CRT_MAX_TIME32 : max_time(f), tmp);
    if (e)
        return crt_invalid(f, e);
    put_text(buf, wbuf, tmp, 26);
    return 0;
}

static int ctime64_s_impl(CRT_FLAVOR f, char *buf, size_t size, const int64_t *t) { return ctime_s_common(f, buf, NULL, size, t, false); }
CRT_FLAVORS(int, ctime64_s, (char *buf, size_t size, const int64_t *t), buf, size, t)
static int ctime32_s_impl(CRT_FLAVOR f, char *buf, size_t size, const int32_t *t) { return ctime_s_common(f, buf, NULL, size, t, true); }
CRT_FLAVORS(int, ctime32_s, (char *buf, size_t size, const int32_t *t), buf, size, t)
static int wctime64_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size, const int64_t *t) { return ctime_s_common(f, NULL, buf, size, t, false); }
CRT_FLAVORS(int, wctime64_s, (WCHAR *buf, size_t size, const int64_t *t), buf, size, t)
static int wctime32_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size, const int32_t *t) { return ctime_s_common(f, NULL, buf, size, t, true); }
CRT_FLAVORS(int, wctime32_s, (WCHAR *buf, size_t size, const int32_t *t), buf, size, t)

/* strftime/wcsftime: an unknown conversion or a field out of range is an invalid parameter; a result
 * that does not fit gives 0 and ERANGE. */
static size_t strftime_impl(CRT_FLAVOR f, char *buf, size_t max, const char *fmt, const CRT_TM *tm)
{
    if (!buf || !max || !fmt || !tm) {
        if (buf && max)
            buf[0] = 0;
        crt_invalid(f, CRT_EINVAL);
        return 0;
    }
    CRT_TZINFO info;
    crt_tz_info(&info);
    int err = 0;
    size_t n = CrtStrftimeA(buf, max, fmt, tm, &info, f, &err);
    if (err == CRT_EINVAL)
        crt_invalid(f, err);
    else if (err)
        crt_set_errno(err);
    return n;
}
CRT_FLAVORS(size_t, strftime, (char *buf, size_t max, const char *fmt, const CRT_TM *tm), buf, max, fmt, tm)
static size_t strftime_l_impl(CRT_FLAVOR f, char *buf, size_t max, const char *fmt, const CRT_TM *tm, void *l) { (void)l; return strftime_impl(f, buf, max, fmt, tm); }
CRT_FLAVORS(size_t, strftime_l, (char *buf, size_t max, const char *fmt, const CRT_TM *tm, void *l), buf, max, fmt, tm, l)

static size_t wcsftime_impl(CRT_FLAVOR f, WCHAR *buf, size_t max, const WCHAR *fmt, const CRT_TM *tm)
{
    if (!buf || !max || !fmt || !tm) {
        if (buf && max)
            buf[0] = 0;
        crt_invalid(f, CRT_EINVAL);
        return 0;
    }
    CRT_TZINFO info;
    crt_tz_info(&info);
    int err = 0;
    size_t n = CrtStrftimeW(buf, max, fmt, tm, &info, f, &err);
    if (err == CRT_EINVAL)
        crt_invalid(f, err);
    else if (err)
        crt_set_errno(err);
    return n;
}
CRT_FLAVORS(size_t, wcsftime, (WCHAR *buf, size_t max, const WCHAR *fmt, const CRT_TM *tm), buf, max, fmt, tm)
static size_t wcsftime_l_impl(CRT_FLAVOR f, WCHAR *buf, size_t max, const WCHAR *fmt, const CRT_TM *tm, void *l) { (void)l; return wcsftime_impl(f, buf, max, fmt, tm); }
CRT_FLAVORS(size_t, wcsftime_l, (WCHAR *buf, size_t max, const WCHAR *fmt, const CRT_TM *tm, void *l), buf, max, fmt, tm, l)

/* _strdate "MM/DD/YY" and _strtime "HH:MM:SS", local time. */
static void two(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

static void date_text(char out[9], bool date)
{
    SYSTEMTIME st;
    GetLocalTime(&st);
    two(out, date ? st.wMonth : st.wHour);
    out[2] = date ? '/' : ':';
    two(out + 3, date ? st.wDay : st.wMinute);
    out[5] = date ? '/' : ':';
    two(out + 6, date ? st.wYear % 100 : st.wSecond);
    out[8] = 0;
}

char *WINAPI crt_strdate(char *buf) { date_text(buf, true); return buf; }
char *WINAPI crt_strtime(char *buf) { date_text(buf, false); return buf; }

WCHAR *WINAPI crt_wstrdate(WCHAR *buf)
{
    char tmp[9];
    date_text(tmp, true);
    widen(buf, tmp, 9);
    return buf;
}

WCHAR *WINAPI crt_wstrtime(WCHAR *buf)
{
    char tmp[9];
    date_text(tmp, false);
    widen(buf, tmp, 9);
    return buf;
}

static int strdate_s_common(CRT_FLAVOR f, char *buf, WCHAR *wbuf, size_t size, bool date)
{
    if ((!buf && !wbuf) || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (size < 9) {
        put_text(buf, wbuf, "", 1);
        return crt_invalid(f, CRT_ERANGE);
    }
    char tmp[9];
    date_text(tmp, date);
    put_text(buf, wbuf, tmp, 9);
    return 0;
}

static int strdate_s_impl(CRT_FLAVOR f, char *buf, size_t size) { return strdate_s_common(f, buf, NULL, size, true); }
CRT_FLAVORS(int, strdate_s, (char *buf, size_t size), buf, size)
static int strtime_s_impl(CRT_FLAVOR f, char *buf, size_t size) { return strdate_s_common(f, buf, NULL, size, false); }
CRT_FLAVORS(int, strtime_s, (char *buf, size_t size), buf, size)
static int wstrdate_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size) { return strdate_s_common(f, NULL, buf, size, true); }
CRT_FLAVORS(int, wstrdate_s, (WCHAR *buf, size_t size), buf, size)
static int wstrtime_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size) { return strdate_s_common(f, NULL, buf, size, false); }
CRT_FLAVORS(int, wstrtime_s, (WCHAR *buf, size_t size), buf, size)

/* ---- _ftime, _getsystime, timespec_get -------------------------------------------------------------------------- */

struct crt_timeb64 {
    int64_t time;
    unsigned short millitm;
    short timezone;   /* minutes west of UTC, standard time */
    short dstflag;
};
static_assert(sizeof(struct crt_timeb64) == 16, "struct __timeb64");

struct crt_timeb32 {
    int32_t time;
    unsigned short millitm;
    short timezone;
    short dstflag;
};
static_assert(sizeof(struct crt_timeb32) == 12, "struct __timeb32");

static void ftime_now(int64_t *t, unsigned short *ms, short *zone, short *dst)
{
    int64_t ft = filetime_now(false);
    *t = ft / 10000000 - 11644473600LL;
    *ms = (unsigned short)(ft / 10000 % 1000);
    CRT_TM tm;
    *dst = !local_time(*t, CRT_MAX_TIME64_UCRT, &tm) && tm.tm_isdst > 0;
    *zone = (short)(crt_lib->timezone / 60);
}

void WINAPI crt_ftime64(struct crt_timeb64 *tb)
{
    ftime_now(&tb->time, &tb->millitm, &tb->timezone, &tb->dstflag);
}

void WINAPI crt_ftime32(struct crt_timeb32 *tb)
{
    int64_t t;
    ftime_now(&t, &tb->millitm, &tb->timezone, &tb->dstflag);
    tb->time = (int32_t)t;
}

static int ftime64_s_impl(CRT_FLAVOR f, struct crt_timeb64 *tb)
{
    if (!tb)
        return crt_invalid(f, CRT_EINVAL);
    crt_ftime64(tb);
    return 0;
}
CRT_FLAVORS(int, ftime64_s, (struct crt_timeb64 *tb), tb)

static int ftime32_s_impl(CRT_FLAVOR f, struct crt_timeb32 *tb)
{
    if (!tb)
        return crt_invalid(f, CRT_EINVAL);
    crt_ftime32(tb);
    return 0;
}
CRT_FLAVORS(int, ftime32_s, (struct crt_timeb32 *tb), tb)

/* _getsystime: the local time and its milliseconds. */
unsigned WINAPI crt_getsystime(CRT_TM *tm)
{
    int64_t ft = filetime_now(false), t = ft / 10000000 - 11644473600LL;
    local_time(t, CRT_MAX_TIME64_UCRT, tm);
    return (unsigned)(ft / 10000 % 1000);
}

struct crt_timespec64 {
    int64_t tv_sec;
    LONG tv_nsec;
};

struct crt_timespec32 {
    int32_t tv_sec;
    LONG tv_nsec;
};

int WINAPI crt_timespec64_get(struct crt_timespec64 *ts, int base)
{
    if (!ts || base != 1 /* TIME_UTC */) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return 0;
    }
    int64_t ft = filetime_now(true) - 116444736000000000LL;
    ts->tv_sec = ft / 10000000;
    ts->tv_nsec = (LONG)(ft % 10000000 * 100);
    return base;
}

int WINAPI crt_timespec32_get(struct crt_timespec32 *ts, int base)
{
    struct crt_timespec64 t;
    int r = crt_timespec64_get(&t, base);
    if (r && ts) {
        ts->tv_sec = (int32_t)t.tv_sec;
        ts->tv_nsec = t.tv_nsec;
    }
    return r;
}

/* ---- the zone variables' accessors ------------------------------------------------------------------------------ */

int WINAPI crt_get_timezone(LONG *v)
{
    if (!v)
        return crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
    *v = crt_lib->timezone;
    return 0;
}

int WINAPI crt_get_daylight(int *v)
{
    if (!v)
        return crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
    *v = crt_lib->daylight;
    return 0;
}

int WINAPI crt_get_dstbias(LONG *v)
{
    if (!v)
        return crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
    *v = crt_lib->dstbias;
    return 0;
}

/* _get_tzname(&length, buffer, size, index): length counts the NUL; a NULL buffer asks for it. */
int WINAPI crt_get_tzname(size_t *ret, char *buf, size_t size, int index)
{
    if (!ret || (index != 0 && index != 1) || (buf && !size) || (!buf && size))
        return crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
    const char *name = crt_lib->tzname[index];
    *ret = strlen(name) + 1;
    if (!buf)
        return 0;
    if (*ret > size)
        return CRT_ERANGE;
    memcpy(buf, name, *ret);
    return 0;
}

LONG *WINAPI crt___p__timezone(void) { return &crt_lib->timezone; }
int *WINAPI crt___p__daylight(void) { return &crt_lib->daylight; }
LONG *WINAPI crt___p__dstbias(void) { return &crt_lib->dstbias; }
char **WINAPI crt___p__tzname(void) { return crt_lib->tzname; }
