/* The pure Rtl services of src/rtl/bitmap.c and src/rtl/misc.c, on the host: bitmaps at word edges, time
 * fields against known dates (a brute-force walk over every day of 1601..2400 against the civil calendar),
 * CRC-32 check values, integer text at its buffer limits. */
#include "unit.h"

#include "rtl/rtl.h"

static void test_bitmap_edges(void **state)
{
    (void)state;
    ULONG buf[4] = { 0, 0, 0, 0xDEADBEEF };
    RTL_BITMAP b;
    RtlInitializeBitMap(&b, buf, 96);
    RtlSetBits(&b, 31, 34);   /* crosses two word boundaries */
    assert_int_equal(buf[0], 0x80000000u);
    assert_int_equal(buf[1], 0xFFFFFFFFu);
    assert_int_equal(buf[2], 0x1u);
    assert_int_equal(buf[3], 0xDEADBEEFu);
    assert_true(RtlTestBit(&b, 31));
    assert_true(RtlTestBit(&b, 64));
    assert_false(RtlTestBit(&b, 65));
    assert_false(RtlTestBit(&b, 96));   /* past the end */
    assert_int_equal(RtlNumberOfSetBits(&b), 34);
    assert_int_equal(RtlNumberOfClearBits(&b), 62);
    assert_true(RtlAreBitsSet(&b, 31, 34));
    assert_false(RtlAreBitsSet(&b, 31, 0));
    assert_false(RtlAreBitsClear(&b, 90, 7));   /* runs past the end */
    assert_true(RtlAreBitsClear(&b, 65, 31));
    assert_int_equal(RtlFindClearBits(&b, 31, 0), 0);
    assert_int_equal(RtlFindClearBits(&b, 31, 1), 65);    /* from the hint on */
    assert_int_equal(RtlFindClearBits(&b, 31, 80), 0);    /* nothing after the hint: wraps to the start */
    assert_int_equal(RtlFindClearBits(&b, 32, 70), 0xFFFFFFFFu);
    assert_int_equal(RtlFindSetBits(&b, 34, 50), 31);
    assert_int_equal(RtlFindClearBitsAndSet(&b, 31, 40), 65);
    assert_int_equal(buf[2], 0xFFFFFFFFu);
    ULONG start;
    assert_int_equal(RtlFindLongestRunClear(&b, &start), 31);
    assert_int_equal(start, 0);
    RtlSetAllBits(&b);
    assert_int_equal(RtlFindFirstRunClear(&b, &start), 0);
    assert_int_equal(buf[3], 0xDEADBEEFu);   /* only the bitmap's own words */
}

/* Days from 1601-01-01 by counting, the reference for the arithmetic of RtlTimeToTimeFields. */
static void test_time_fields_every_day(void **state)
{
    (void)state;
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    LONGLONG day = 0;
    for (int y = 1601; y <= 2400; y++) {
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int n = mdays[m - 1] + (m == 2 && leap);
            for (int d = 1; d <= n; d++, day++) {
                LARGE_INTEGER t = { .QuadPart = day * 864000000000LL + 12345678LL };
                TIME_FIELDS f;
                RtlTimeToTimeFields(&t, &f);
                if (f.Year != y || f.Month != m || f.Day != d || f.Weekday != (day + 1) % 7)
                    fail_msg("day %lld: got %d-%d-%d wd %d, want %d-%d-%d", day, f.Year, f.Month, f.Day, f.Weekday,
                             y, m, d);
                LARGE_INTEGER back;
                assert_true(RtlTimeFieldsToTime(&f, &back));
                assert_int_equal(back.QuadPart, t.QuadPart - 5678);   /* milliseconds resolution */
            }
        }
    }
    TIME_FIELDS feb29 = { 2023, 2, 29, 0, 0, 0, 0, 0 };
    LARGE_INTEGER t = { .QuadPart = 1 };
    assert_false(RtlTimeFieldsToTime(&feb29, &t));
    assert_int_equal(t.QuadPart, 1);
}

static void test_crc32(void **state)
{
    (void)state;
    assert_int_equal(RtlComputeCrc32(0, (const BYTE *)"123456789", 9), 0xCBF43926u);
    assert_int_equal(RtlComputeCrc32(0, (const BYTE *)"", 0), 0);
    assert_int_equal(RtlComputeCrc32(0, (const BYTE *)"The quick brown fox jumps over the lazy dog", 43),
                     0x414FA339u);
}

static void test_integer_text(void **state)
{
    (void)state;
    char buf[40];
    memset(buf, 'x', sizeof buf);
    assert_int_equal(RtlIntegerToChar(0xFFFFFFFFu, 2, 32, buf), STATUS_SUCCESS);
    assert_int_equal(buf[31], '1');
    assert_int_equal(buf[32], 'x');   /* no room for the NUL: none written */
    assert_int_equal(RtlIntegerToChar(0, 0, 2, buf), STATUS_SUCCESS);
    assert_string_equal(buf, "0");
    ULONG v = 0;
    assert_int_equal(RtlCharToInteger("-0x10", 0, &v), STATUS_SUCCESS);
    assert_int_equal((LONG)v, -16);
    assert_int_equal(RtlCharToInteger("777", 8, &v), STATUS_SUCCESS);
    assert_int_equal(v, 511);
    assert_int_equal(RtlCharToInteger("1", 3, &v), STATUS_INVALID_PARAMETER);
    UNICODE_STRING s = { 8, 8, (PWSTR)W("12345") };   /* counted: only "1234" */
    assert_int_equal(RtlUnicodeStringToInteger(&s, 10, &v), STATUS_SUCCESS);
    assert_int_equal(v, 1234);
}

static void test_hash_and_ipv4(void **state)
{
    (void)state;
    UNICODE_STRING a, b;
    RtlInitUnicodeString(&a, W("abc"));
    RtlInitUnicodeString(&b, W("ABC"));
    ULONG ha, hb;
    assert_int_equal(RtlHashUnicodeString(&a, TRUE, 0, &ha), STATUS_SUCCESS);
    assert_int_equal(RtlHashUnicodeString(&b, FALSE, 1, &hb), STATUS_SUCCESS);
    assert_int_equal(ha, hb);
    assert_int_equal(hb, ((ULONG)'A' * 65599u + 'B') * 65599u + 'C');
    BYTE addr[4] = { 255, 0, 10, 1 };
    char text[32];
    ULONG len = sizeof text;
    assert_int_equal(RtlIpv4AddressToStringExA(addr, 0x5000 /* port 80 */, text, &len), STATUS_SUCCESS);
    assert_string_equal(text, "255.0.10.1:80");
    assert_int_equal(len, 14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bitmap_edges), cmocka_unit_test(test_time_fields_every_day),
        cmocka_unit_test(test_crc32),        cmocka_unit_test(test_integer_text),
        cmocka_unit_test(test_hash_and_ipv4),
    };
    return RUN_TESTS(tests);
}
