/* Calendar engine: expectations from the acceptance corpus (crt/time), Microsoft's strftime documentation
 * and the ISO 8601 week rules. */
#include "unit.h"

#include "crt/timecalc.h"

#define MSV CRT_FLAVOR_MSVCRT
#define UCR CRT_FLAVOR_UCRT

static void assert_tm(const CRT_TM *t, int y, int mon, int d, int h, int mi, int s, int wday, int yday)
{
    assert_int_equal(t->tm_year + 1900, y);
    assert_int_equal(t->tm_mon + 1, mon);
    assert_int_equal(t->tm_mday, d);
    assert_int_equal(t->tm_hour, h);
    assert_int_equal(t->tm_min, mi);
    assert_int_equal(t->tm_sec, s);
    assert_int_equal(t->tm_wday, wday);
    assert_int_equal(t->tm_yday, yday);
}

static void test_gmtime(void **state)
{
    (void)state;
    CRT_TM t;
    assert_int_equal(CrtGmTime(0, CRT_MAX_TIME32, &t), 0);
    assert_tm(&t, 1970, 1, 1, 0, 0, 0, 4, 0);
    CrtGmTime(1000000000, CRT_MAX_TIME32, &t);
    assert_tm(&t, 2001, 9, 9, 1, 46, 40, 0, 251);
    CrtGmTime(951782400 + 86399, CRT_MAX_TIME32, &t);
    assert_tm(&t, 2000, 2, 29, 23, 59, 59, 2, 59);
    CrtGmTime(4102444800LL, CRT_MAX_TIME64_MSVCRT, &t);
    assert_tm(&t, 2100, 1, 1, 0, 0, 0, 5, 0);
    CrtGmTime(CRT_MAX_TIME64_MSVCRT, CRT_MAX_TIME64_MSVCRT, &t);
    assert_tm(&t, 3000, 12, 31, 23, 59, 59, 3, 364);
    CrtGmTime(CRT_MAX_TIME64_UCRT, CRT_MAX_TIME64_UCRT, &t);
    assert_tm(&t, 3001, 1, 1, 7, 59, 59, 4, 0);
    CrtGmTime(0x7fffffff, CRT_MAX_TIME32, &t);
    assert_tm(&t, 2038, 1, 19, 3, 14, 7, 2, 18);
    assert_int_equal(CrtGmTime(-1, CRT_MAX_TIME64_MSVCRT, &t), CRT_EINVAL);
    assert_int_equal(CrtGmTime(CRT_MAX_TIME64_MSVCRT + 1, CRT_MAX_TIME64_MSVCRT, &t), CRT_EINVAL);
    assert_int_equal(CrtGmTime(0x80000000LL, CRT_MAX_TIME32, &t), CRT_EINVAL);
}

static void test_mkgmtime(void **state)
{
    (void)state;
    int err;
    CRT_TM t = { 60, 59, 23, 31, 11, 2021 - 1900, 0, 0, 0 };
    assert_int_equal(CrtMkGmTime(&t, CRT_MAX_TIME64_MSVCRT, &err), 1640995200);   /* corpus */
    assert_tm(&t, 2022, 1, 1, 0, 0, 0, 6, 0);
    CRT_TM n = { 0, 0, 12, 32, 0, 2023 - 1900, 0, 0, 0 };
    CrtMkGmTime(&n, CRT_MAX_TIME64_MSVCRT, &err);
    assert_tm(&n, 2023, 2, 1, 12, 0, 0, 3, 31);                                  /* corpus: Jan 32 */
    CRT_TM neg = { -1, 0, 0, 1, 0, 70, 0, 0, 0 };
    assert_int_equal(CrtMkGmTime(&neg, CRT_MAX_TIME64_MSVCRT, &err), -1);         /* before 1970 */
    assert_int_equal(err, CRT_EINVAL);
    CRT_TM m = { 0, 0, 0, 1, -1, 71, 0, 0, 0 };                                   /* month -1 of 1971 */
    assert_int_equal(CrtMkGmTime(&m, CRT_MAX_TIME64_MSVCRT, &err), 334 * 86400);
    assert_tm(&m, 1970, 12, 1, 0, 0, 0, 2, 334);
    CRT_TM big = { 0, 0, 0, 1, 0, 2039 - 1900, 0, 0, 0 };
    assert_int_equal(CrtMkGmTime(&big, CRT_MAX_TIME32, &err), -1);
    assert_int_equal(CrtMkGmTime(&big, CRT_MAX_TIME64_MSVCRT, &err), 2177452800LL);
    CRT_TM huge = { 0, 0, 0, 1, 0, 3001 - 1900, 0, 0, 0 };
    assert_int_equal(CrtMkGmTime(&huge, CRT_MAX_TIME64_MSVCRT, &err), -1);
}

static void test_mktime(void **state)
{
    (void)state;
    int err;
    CRT_TZINFO pst = { 8 * 3600, -3600, { "Pacific Standard Time", "Pacific Daylight Time" }, { NULL, NULL } };
    CRT_TM a = { 0, 0, 12, 10, 0, 2023 - 1900, 0, 0, -1 }, b = a;
    b.tm_mday = 20;
    int64_t ta = CrtMkTime(&a, &pst, 0, CRT_MAX_TIME64_MSVCRT, &err);
    int64_t tb = CrtMkTime(&b, &pst, 0, CRT_MAX_TIME64_MSVCRT, &err);
    assert_int_equal(tb - ta, 864000);                                            /* corpus */
    assert_int_equal(ta, 1673352000 + 8 * 3600);
    assert_int_equal(a.tm_isdst, 0);
    CRT_TM s = { 0, 0, 12, 1, 6, 2023 - 1900, 0, 0, 1 };
    assert_int_equal(CrtMkTime(&s, &pst, 1, CRT_MAX_TIME64_MSVCRT, &err), 1688212800 + 7 * 3600);
    assert_int_equal(s.tm_isdst, 1);
    /* local midnight 1970-01-01 east of UTC is before the epoch: -1 */
    CRT_TZINFO cet = { -3600, -3600, { "CET", "CEST" }, { NULL, NULL } };
    CRT_TM e = { 0, 0, 0, 1, 0, 70, 0, 0, 0 };
    assert_int_equal(CrtMkTime(&e, &cet, 0, CRT_MAX_TIME64_MSVCRT, &err), -1);
    assert_int_equal(err, CRT_EINVAL);
}

static void test_asctime(void **state)
{
    (void)state;
    char buf[26];
    CRT_TM f = { 7, 5, 9, 4, 6, 1999 - 1900, 0, 184, 0 };
    assert_int_equal(CrtAsctime(&f, MSV, buf), 0);
    assert_string_equal(buf, "Sun Jul 04 09:05:07 1999\n");                   /* corpus */
    assert_int_equal(CrtAsctime(&f, UCR, buf), 0);
    assert_string_equal(buf, "Sun Jul  4 09:05:07 1999\n");                   /* ucrt pads with a space */
    CRT_TM bad = f;
    bad.tm_mon = 12;
    assert_int_equal(CrtAsctime(&bad, UCR, buf), CRT_EINVAL);
}

static const char *sft(const char *fmt, const CRT_TM *tm, CRT_FLAVOR fl, size_t *ret, int *err)
{
    static char buf[256];
    static CRT_TZINFO tz = { 8 * 3600, -3600, { "PST", "PDT" }, { NULL, NULL } };
    *ret = CrtStrftimeA(buf, sizeof buf, fmt, tm, &tz, fl, err);
    return buf;
}

#define SFT(fl, tm, fmt, expect)                               \
    do {                                                       \
        size_t r_;                                             \
        int e_;                                                \
        assert_string_equal(sft(fmt, tm, fl, &r_, &e_), expect); \
        assert_int_equal(r_, strlen(expect));                  \
        assert_int_equal(e_, 0);                               \
    } while (0)

static void test_strftime(void **state)
{
    (void)state;
    CRT_TM f = { 7, 5, 9, 4, 6, 1999 - 1900, 0, 184, 0 };
    for (int fl = 0; fl < 2; fl++) {
        SFT(fl, &f, "%Y-%m-%d %H:%M:%S|%y|%j|%a %A|%b %B|%p|%I|%%",
            "1999-07-04 09:05:07|99|185|Sun Sunday|Jul July|AM|09|%");          /* corpus */
        SFT(fl, &f, "%x|%X", "07/04/99|09:05:07");
        SFT(fl, &f, "%#c", "Sunday, July 04, 1999, 09:05:07");
        SFT(fl, &f, "%#x", "Sunday, July 04, 1999");
        SFT(fl, &f, "%#d %#H %#j %#m %#M %#S %#y", "4 9 185 7 5 7 99");
        SFT(fl, &f, "%U %W %w %Z", "27 26 0 PST");
    }
    SFT(MSV, &f, "%c", "07/04/99 09:05:07");
    SFT(UCR, &f, "%c", "Sun Jul  4 09:05:07 1999");
    CRT_TM pm = { 0, 30, 0, 1, 0, 2021 - 1900, 5, 0, 1 };
    SFT(MSV, &pm, "%I %p %z", "12 AM PDT");
    SFT(UCR, &pm, "%I %p %z %Z", "12 AM -0700 PDT");
    SFT(UCR, &f, "%C|%D|%e|%F|%h|%n|%r|%R|%t|%T|%u|%Ey|%Od", "19|07/04/99| 4|1999-07-04|Jul|\n|09:05:07 AM|09:05|\t|09:05:07|7|99|04");
    /* ISO 8601 weeks: 2021-01-01 (Friday) is in week 53 of 2020; 2024-12-30 (Monday) in week 1 of 2025 */
    SFT(UCR, &pm, "%G %g %V", "2020 20 53");
    CRT_TM d = { 0, 0, 0, 30, 11, 2024 - 1900, 1, 364, 0 };
    SFT(UCR, &d, "%G %V %u", "2025 01 1");
    CRT_TM j4 = { 0, 0, 0, 4, 0, 2021 - 1900, 1, 3, 0 };
    SFT(UCR, &j4, "%G %V", "2021 01");
}

static void test_strftime_errors(void **state)
{
    (void)state;
    CRT_TM f = { 7, 5, 9, 4, 6, 1999 - 1900, 0, 184, 0 };
    char small[8];
    int err;
    assert_int_equal(CrtStrftimeA(small, sizeof small, "%Y-%m-%d", &f, NULL, UCR, &err), 0);
    assert_int_equal(err, CRT_ERANGE);
    assert_int_equal(small[0], 0);
    assert_int_equal(CrtStrftimeA(small, 11, "%Y-%m", &f, NULL, UCR, &err), 7);
    assert_int_equal(CrtStrftimeA(small, 8, "%Y-%m-", &f, NULL, UCR, &err), 0);   /* 8 chars + NUL */
    size_t r;
    sft("%C", &f, MSV, &r, &err);            /* msvcrt has no %C */
    assert_int_equal(r, 0);
    assert_int_equal(err, CRT_EINVAL);
    sft("%Q", &f, UCR, &r, &err);
    assert_int_equal(err, CRT_EINVAL);
    CRT_TM bad = f;
    bad.tm_mon = 12;
    sft("%b", &bad, UCR, &r, &err);          /* ucrt validates the fields it formats */
    assert_int_equal(err, CRT_EINVAL);
    sft("%Y", &bad, UCR, &r, &err);
    assert_int_equal(err, 0);
}

static void test_wcsftime(void **state)
{
    (void)state;
    CRT_TM f = { 7, 5, 9, 4, 6, 1999 - 1900, 0, 184, 0 };
    WCHAR fmt[] = { '%', 'A', ' ', '%', 'd', ' ', '%', 'Z', 0 }, out[32];
    WCHAR zname[] = { 'Z', 0x263a, 0 };
    CRT_TZINFO tz = { 0, 0, { "x", "y" }, { zname, zname } };
    int err;
    assert_int_equal(CrtStrftimeW(out, 32, fmt, &f, &tz, UCR, &err), 12);
    const char *expect = "Sunday 04 Z";
    for (int i = 0; i < 11; i++)
        assert_int_equal(out[i], (unsigned char)expect[i]);
    assert_int_equal(out[11], 0x263a);
    assert_int_equal(out[12], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gmtime),
        cmocka_unit_test(test_mkgmtime),
        cmocka_unit_test(test_mktime),
        cmocka_unit_test(test_asctime),
        cmocka_unit_test(test_strftime),
        cmocka_unit_test(test_strftime_errors),
        cmocka_unit_test(test_wcsftime),
    };
    return RUN_TESTS(tests);
}
