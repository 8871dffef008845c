/* Number parsing: expectations from the acceptance corpus (crt/string, crt/wide) and Windows behaviour
 * confirmed with Wine probes of msvcrt.dll and ucrtbase.dll (differences noted). */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "crt/strtonum.h"

#define MSV CRT_FLAVOR_MSVCRT
#define UCR CRT_FLAVOR_UCRT

static int64_t strtol_(const char *s, int base, int *consumed, int *err)
{
    const char *end;
    int64_t v = (int32_t)(uint32_t)CrtStrToIntA(s, &end, base, CRT_INT_LONG, err);
    *consumed = (int)(end - s);
    return v;
}

#define LONG_CASE(str, base, value, used, errno_)                   \
    do {                                                            \
        int c_, e_;                                                 \
        assert_int_equal(strtol_(str, base, &c_, &e_), value);      \
        assert_int_equal(c_, used);                                 \
        assert_int_equal(e_, errno_);                               \
    } while (0)

static void test_strtol(void **state)
{
    (void)state;
    LONG_CASE("  -1234xyz", 10, -1234, 7, 0);               /* corpus: rest [xyz] */
    LONG_CASE("ff", 16, 255, 2, 0);
    LONG_CASE("0x1A", 0, 26, 4, 0);
    LONG_CASE("0755", 0, 493, 4, 0);
    LONG_CASE("1011", 2, 11, 4, 0);
    LONG_CASE("99999999999", 10, 2147483647, 11, CRT_ERANGE);   /* corpus: errno 34 */
    LONG_CASE("2147483648", 10, 2147483647, 10, CRT_ERANGE);
    LONG_CASE("-2147483649", 10, -2147483647 - 1, 11, CRT_ERANGE);
    LONG_CASE("-2147483648", 10, -2147483647 - 1, 11, 0);
    LONG_CASE(" \t\n+12", 10, 12, 6, 0);
    LONG_CASE("0x", 16, 0, 0, 0);                          /* prefix without digits: nothing converted */
    LONG_CASE("0x", 0, 0, 0, 0);
    LONG_CASE("0xg", 16, 0, 0, 0);
    LONG_CASE("z", 36, 35, 1, 0);
    LONG_CASE("Z", 36, 35, 1, 0);
    LONG_CASE("12", 1, 0, 0, CRT_EINVAL);
    LONG_CASE("12", 37, 0, 0, CRT_EINVAL);
    LONG_CASE("-0", 10, 0, 2, 0);
    LONG_CASE("08", 0, 0, 1, 0);
    LONG_CASE("  -0x1F", 0, -31, 7, 0);
    LONG_CASE("", 10, 0, 0, 0);
    LONG_CASE("   ", 10, 0, 0, 0);
}

static void test_strtoul_and_64(void **state)
{
    (void)state;
    int err;
    const char *end;
    const char *s = "-1";
    assert_int_equal(CrtStrToIntA(s, &end, 10, CRT_INT_ULONG, &err), 4294967295u);
    assert_int_equal(err, 0);
    assert_int_equal(CrtStrToIntA("4294967295", NULL, 10, CRT_INT_ULONG, &err), 4294967295u);   /* corpus */
    assert_int_equal(CrtStrToIntA("4294967296", NULL, 10, CRT_INT_ULONG, &err), 4294967295u);
    assert_int_equal(err, CRT_ERANGE);
    /* clamp to ULONG_MAX, then the '-' negates it (legacy strtoxl; Wine agrees) */
    assert_int_equal(CrtStrToIntA("-4294967296", NULL, 10, CRT_INT_ULONG, &err), 1);
    assert_int_equal(err, CRT_ERANGE);
    assert_int_equal(CrtStrToIntA("-4294967295", NULL, 10, CRT_INT_ULONG, &err), 1);
    assert_int_equal(err, 0);
    assert_int_equal((int64_t)CrtStrToIntA("-9223372036854775807", NULL, 10, CRT_INT_I64, &err),
                     -9223372036854775807LL);                                             /* corpus */
    assert_int_equal((int64_t)CrtStrToIntA("9223372036854775808", NULL, 10, CRT_INT_I64, &err), INT64_MAX);
    assert_int_equal(err, CRT_ERANGE);
    assert_int_equal((int64_t)CrtStrToIntA("-9223372036854775809", NULL, 10, CRT_INT_I64, &err), INT64_MIN);
    assert_int_equal(err, CRT_ERANGE);
    assert_int_equal(CrtStrToIntA("-1", NULL, 10, CRT_INT_UI64, &err), UINT64_MAX);
    assert_int_equal(CrtStrToIntA("18446744073709551616", NULL, 10, CRT_INT_UI64, &err), UINT64_MAX);
    assert_int_equal(err, CRT_ERANGE);
    WCHAR w[] = { '-', '0', 'x', '1', 'f', 0 };
    const WCHAR *wend;
    assert_int_equal((int32_t)CrtStrToIntW(w, &wend, 16, CRT_INT_LONG, &err), -31);     /* corpus crt/wide */
    assert_ptr_equal(wend, w + 5);
}

static void test_atoi(void **state)
{
    (void)state;
    int err;
    assert_int_equal(CrtAtoiA("  42abc", 32, MSV, &err), 42);       /* corpus */
    assert_int_equal(CrtAtoiA("-17", 32, MSV, &err), -17);
    assert_int_equal(CrtAtoiA("x", 32, MSV, &err), 0);
    assert_int_equal(CrtAtoiA("2147483647", 32, MSV, &err), 2147483647);
    /* msvcrt's atoi/atol wrap; ucrt's clamp */
    assert_int_equal(CrtAtoiA("99999999999", 32, MSV, &err), 1215752191);
    assert_int_equal(CrtAtoiA("-99999999999", 32, MSV, &err), -1215752191);
    assert_int_equal(CrtAtoiA("3000000000", 32, MSV, &err), -1294967296);
    assert_int_equal(err, 0);
    assert_int_equal(CrtAtoiA("99999999999", 32, UCR, &err), 2147483647);
    assert_int_equal(err, CRT_ERANGE);
    assert_int_equal(CrtAtoiA("-99999999999", 32, UCR, &err), -2147483647 - 1);
    assert_int_equal(CrtAtoiA("99999999999999999999", 64, MSV, &err), INT64_MAX);
    WCHAR w[] = { '1', '2', '3', 'a', 'b', 'c', 0 };
    assert_int_equal(CrtAtoiW(w, 32, MSV, &err), 123);             /* corpus crt/wide: _wtoi */
}

static double sd(const char *s, CRT_FLAVOR fl, int *used, int *err)
{
    const char *end;
    double d = CrtStrToDoubleA(s, &end, fl, err);
    *used = (int)(end - s);
    return d;
}

#define DBL_CASE(fl, str, value, used_, errno_)            \
    do {                                                   \
        int u_, e_;                                        \
        double d_ = sd(str, fl, &u_, &e_);                 \
        assert_true(d_ == (value));                        \
        assert_int_equal(u_, used_);                       \
        assert_int_equal(e_, errno_);                      \
    } while (0)

static void test_strtod_common(void **state)
{
    (void)state;
    for (int fl = 0; fl < 2; fl++) {
        DBL_CASE(fl, "3.25e2rest", 325.0, 6, 0);           /* corpus */
        DBL_CASE(fl, "-0.0625", -0.0625, 7, 0);
        DBL_CASE(fl, "  .5e", 0.5, 4, 0);
        DBL_CASE(fl, "5e+", 5.0, 1, 0);
        DBL_CASE(fl, ".", 0.0, 0, 0);
        DBL_CASE(fl, "-", 0.0, 0, 0);
        DBL_CASE(fl, "+.e1", 0.0, 0, 0);
        DBL_CASE(fl, "1.5E3x", 1500.0, 5, 0);
        DBL_CASE(fl, "1d2", 1.0, 1, 0);                    /* only e/E introduce an exponent */
        DBL_CASE(fl, "1e-400", 0.0, 6, CRT_ERANGE);
        DBL_CASE(fl, "1e400", HUGE_VAL, 5, CRT_ERANGE);
        DBL_CASE(fl, "-1e400", -HUGE_VAL, 6, CRT_ERANGE);
        DBL_CASE(fl, "1.7976931348623158e308", 1.7976931348623157e308, 22, 0);
        DBL_CASE(fl, "1.7976931348623159e308", HUGE_VAL, 22, CRT_ERANGE);
        DBL_CASE(fl, "2.4703282292062327e-324", 0.0, 23, CRT_ERANGE);   /* just below half the minimum */
        DBL_CASE(fl, "0.500000000000000166533453693773481063544750213623046875", 0.50000000000000022, 56, 0);
        DBL_CASE(fl, "9214843084008499", 9214843084008500.0, 16, 0);
        DBL_CASE(fl, "30078505129381147446200", 3.007850512938115e22, 23, 0);
        DBL_CASE(fl, "1.8254370818746402660437411213933955878019332885742187", 1.8254370818746402, 54, 0);
        DBL_CASE(fl, "0.1", 0.1, 3, 0);
        DBL_CASE(fl, "123456789012345678901234567890e-10", 12345678901234567890.1234567890, 34, 0);
    }
    /* a 1,000-digit mantissa still rounds correctly: 1 followed by 999 zeros then 1, times 10^-1000 */
    static char big[1100];
    big[0] = '1';
    memset(big + 1, '0', 999);
    strcpy(big + 1000, "1e-1000");
    int u, e;
    assert_true(sd(big, UCR, &u, &e) == 1.0);
    assert_int_equal(u, 1007);
}

/* Denormal results: msvcrt reports ERANGE, ucrt only when the result underflows to zero. */
static void test_strtod_denormals(void **state)
{
    (void)state;
    DBL_CASE(MSV, "1e-310", 1e-310, 6, CRT_ERANGE);
    DBL_CASE(UCR, "1e-310", 1e-310, 6, 0);
    DBL_CASE(MSV, "4.9e-324", 4.9406564584124654e-324, 8, CRT_ERANGE);
    DBL_CASE(UCR, "4.9e-324", 4.9406564584124654e-324, 8, 0);
    DBL_CASE(UCR, "2.4703282292062328e-324", 4.9406564584124654e-324, 23, 0);
    DBL_CASE(MSV, "2.2250738585072011e-308", 2.2250738585072009e-308, 23, CRT_ERANGE);
    DBL_CASE(UCR, "2.2250738585072014e-308", 2.2250738585072014e-308, 23, 0);
}

/* ucrt's C99 forms; the legacy msvcrt parser stops before them (Wine 8's msvcrt accepts them). */
static void test_strtod_c99_forms(void **state)
{
    (void)state;
    DBL_CASE(UCR, "0x1p3", 8.0, 5, 0);
    DBL_CASE(UCR, "0x1.8P-1", 0.75, 8, 0);
    DBL_CASE(UCR, "-0x.8", -0.5, 5, 0);
    DBL_CASE(UCR, "0x", 0.0, 1, 0);
    DBL_CASE(UCR, "0x1p", 1.0, 3, 0);
    DBL_CASE(UCR, "inf", HUGE_VAL, 3, 0);
    DBL_CASE(UCR, "-Infinity", -HUGE_VAL, 9, 0);
    DBL_CASE(UCR, "infinit", HUGE_VAL, 3, 0);
    int u, e;
    assert_true(isnan(sd("nan", UCR, &u, &e)) && u == 3);
    assert_true(isnan(sd("NaN(123)", UCR, &u, &e)) && u == 8);
    assert_true(isnan(sd("nan(1 2)", UCR, &u, &e)) && u == 3);
    double ind = sd("nan(ind)", UCR, &u, &e);
    assert_true(isnan(ind) && signbit(ind) && u == 8);
    DBL_CASE(UCR, "0x1p-1075", 0.0, 9, CRT_ERANGE);
    DBL_CASE(UCR, "0x1p1024", HUGE_VAL, 8, CRT_ERANGE);
    DBL_CASE(MSV, "0x1p3", 0.0, 1, 0);
    DBL_CASE(MSV, "inf", 0.0, 0, 0);
    DBL_CASE(MSV, "nan", 0.0, 0, 0);
}

static void test_strtof(void **state)
{
    (void)state;
    int err;
    const char *end;
    assert_true(CrtStrToFloatA("1.1", &end, UCR, &err) == 1.1f);
    assert_true(CrtStrToFloatA("1e39", &end, UCR, &err) == HUGE_VALF);
    assert_int_equal(err, CRT_ERANGE);
    assert_true(CrtStrToFloatA("1e-46", &end, MSV, &err) == 0.0f);
    assert_int_equal(err, CRT_ERANGE);
    assert_true(CrtStrToFloatA("1e-40", &end, MSV, &err) == 1e-40f);
    assert_int_equal(err, CRT_ERANGE);
    /* Just below the float rounding boundary: FLT_MAX when rounded directly (ucrt). Wine 8 goes through double,
     * lands exactly on the boundary and returns inf. */
    assert_true(CrtStrToFloatA("3.4028235677973366e38", &end, UCR, &err) == 3.40282347e38f);
    assert_true(CrtStrToFloatA("3.4028235677973367e38", &end, UCR, &err) == HUGE_VALF);
    assert_true(CrtStrToFloatA("3.4028234e38", &end, UCR, &err) == 3.4028234e38f);
    assert_int_equal(err, 0);
    /* decimal -> float directly, not through double (no double rounding) */
    assert_true(CrtStrToFloatA("1.00000005960464477539062500001", &end, UCR, &err) == 1.00000011920928955078125f);
    assert_true(isinf(CrtStrToFloatA("-inf", &end, UCR, &err)));
    assert_true(isnan(CrtStrToFloatA("nan", &end, UCR, &err)));
    WCHAR w[] = { '2', '.', '5', 0 };
    const WCHAR *wend;
    assert_true(CrtStrToDoubleW(w, &wend, MSV, &err) == 2.5);             /* corpus crt/wide: wcstod */
    assert_ptr_equal(wend, w + 3);
    assert_true(CrtStrToFloatW(w, &wend, MSV, &err) == 2.5f);
}

/* Correct rounding oracle: glibc's strtod/strtof are correctly rounded; random decimal strings of up to
 * 40 digits and any exponent, and the shortest round-trip strings of random doubles, must agree. */
static void test_strtod_vs_host(void **state)
{
    (void)state;
    uint64_t x = 0x243F6A8885A308D3ULL;
    char buf[96];
    for (int i = 0; i < 4000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        if (i & 1) {
            int nd = 1 + (int)(x >> 58) % 40, len = 0;
            uint64_t y = x;
            for (int k = 0; k < nd; k++) {
                y = y * 6364136223846793005ULL + 1;
                buf[len++] = (char)('0' + (y >> 60) % 10);
            }
            len += snprintf(buf + len, sizeof buf - (size_t)len, "e%d", (int)((x >> 20) % 700) - 350);
        } else {
            double d;
            uint64_t bits = x & 0x7fffffffffffffffULL;
            memcpy(&d, &bits, sizeof d);
            if (isnan(d) || isinf(d))
                continue;
            snprintf(buf, sizeof buf, "%.17g", d);
        }
        int err;
        const char *end;
        double mine = CrtStrToDoubleA(buf, &end, UCR, &err);
        double host = strtod(buf, NULL);
        assert_memory_equal(&mine, &host, sizeof mine);
        float mf = CrtStrToFloatA(buf, &end, UCR, &err), hf = strtof(buf, NULL);
        assert_memory_equal(&mf, &hf, sizeof mf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strtol),
        cmocka_unit_test(test_strtoul_and_64),
        cmocka_unit_test(test_atoi),
        cmocka_unit_test(test_strtod_common),
        cmocka_unit_test(test_strtod_denormals),
        cmocka_unit_test(test_strtod_c99_forms),
        cmocka_unit_test(test_strtof),
        cmocka_unit_test(test_strtod_vs_host),
    };
    return RUN_TESTS(tests);
}
