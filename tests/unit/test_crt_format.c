/* printf engine: expectations are what Windows prints (acceptance corpus crt/printf and crt/wide, Microsoft's
 * documentation, and Wine probes where Wine and Windows agree; see the comments where they do not). */
#include "unit.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>

#include "rtl/format.h"

#define MS  (CRT_PRINTF_MSVCRT | CRT_PRINTF_LEGACY_WIDE_SPECIFIERS)
#define UC  (CRT_PRINTF_LEGACY_WIDE_SPECIFIERS)
#define UCS (CRT_PRINTF_LEGACY_WIDE_SPECIFIERS | CRT_PRINTF_STANDARD_ROUNDING)

static char out[8192];
static WCHAR wout[1024];
static int last_invalid;

/* The engine takes a Microsoft x64 va_list, so the tests call it through ms_abi variadic wrappers. */
__attribute__((ms_abi)) static int fmt(uint64_t opt, const char *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    memset(out, 0x55, sizeof out);
    int r = CrtFormatBufferA(out, sizeof out, opt | CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, NULL, f, ap,
                             &last_invalid);
    __builtin_ms_va_end(ap);
    return r;
}

__attribute__((ms_abi)) static int bfmt(char *buf, size_t n, uint64_t opt, const char *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    int r = CrtFormatBufferA(buf, n, opt, NULL, f, ap, &last_invalid);
    __builtin_ms_va_end(ap);
    return r;
}

__attribute__((ms_abi)) static int wfmt(uint64_t opt, const WCHAR *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    int r = CrtFormatBufferW(wout, 1024, opt | CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, NULL, f, ap,
                             &last_invalid);
    __builtin_ms_va_end(ap);
    return r;
}

static void assert_wide(const char *expect)
{
    size_t i = 0;
    for (; expect[i]; i++)
        if (wout[i] != (unsigned char)expect[i])
            fail_msg("wide output differs at %zu (expected \"%s\")", i, expect);
    assert_int_equal(wout[i], 0);
}

#define CHECK(opt, expect, ...)                                \
    do {                                                       \
        int r_ = fmt(opt, __VA_ARGS__);                        \
        assert_string_equal(out, expect);                      \
        assert_int_equal(r_, (int)strlen(expect));             \
    } while (0)

static double dbl_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* crt/printf expected.stdout, line by line (msvcrt.dll) */
static void test_corpus_printf(void **state)
{
    (void)state;
    CHECK(MS, "d/i: [42] [-42] [2147483647] [-2147483648]", "d/i: [%d] [%i] [%d] [%d]", 42, -42, INT_MAX, INT_MIN);
    CHECK(MS, "u: [3000000000] [4294967295]", "u: [%u] [%u]", 3000000000u, (unsigned)-1);
    CHECK(MS, "x/X/o: [beef] [BEEF] [10] [0xff] [0XFF] [010]", "x/X/o: [%x] [%X] [%o] [%#x] [%#X] [%#o]",
          0xbeef, 0xbeef, 8, 255, 255, 8);
    CHECK(MS, "c/s: [Z] [string] [abc] [   ab] [ab   ]", "c/s: [%c] [%s] [%.3s] [%5s] [%-5s]", 'Z', "string",
          "abcdef", "ab", "ab");
    CHECK(MS, "width/flags: [   42] [42   ] [00042] [+42] [ 42] [  -42] [+42  ] [     7] [7     ]",
          "width/flags: [%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d] [%*d] [%-*d]", 42, 42, 42, 42, 42, -42, 42,
          6, 7, 6, 7);
    CHECK(MS, "precision: [00042] [     042] [] [0009]", "precision: [%.5d] [%8.3d] [%.0d] [%.*d]", 42, 42, 0, 4, 9);
    CHECK(MS, "long is 32-bit: [2147483647] [4294967295] [ffffffff]", "long is 32-bit: [%ld] [%lu] [%lx]",
          (int32_t)INT_MAX, (uint32_t)UINT_MAX, (int32_t)-1);
    CHECK(MS, "I64: [-1234567890123] [18446744073709551615] [123456789abcdef] [FEDCBA9876543210]",
          "I64: [%I64d] [%I64u] [%I64x] [%I64X]", -1234567890123LL, 18446744073709551615ULL, 0x123456789abcdefLL,
          0xfedcba9876543210ULL);
    CHECK(MS, "ll: [-9223372036854775808] [12345678901234567890] [deadbeefcafe]", "ll: [%lld] [%llu] [%llx]",
          LLONG_MIN, 12345678901234567890ULL, 0xdeadbeefcafeULL);
    CHECK(MS, "I (pointer-sized): [16000000000] [-5] [abcdef0123]", "I (pointer-sized): [%Iu] [%Id] [%Ix]",
          16000000000ULL, -5LL, 0xabcdef0123ULL);
    CHECK(MS, "h: [-1234] [65000] [abcd]", "h: [%hd] [%hu] [%hx]", -1234, 65000, 0xabcd);
    CHECK(MS, "f: [3.141593] [ 3.14] [2.500   ] [-003.142] [+2.3] [8] [0.1000000000]",
          "f: [%f] [%5.2f] [%-8.3f] [%08.3f] [%+.1f] [%.0f] [%.10f]", 3.14159265, 3.14159265, 2.5, -3.14159, 2.26,
          7.7, 0.1);
    CHECK(MS, "f big/small: [1234567.89] [-0.001] [1000000000000000.000000]", "f big/small: [%.2f] [%.3f] [%f]",
          1234567.891, -0.0006, 1e15);
    CHECK(MS, "e: [1.234568e+004] [-1.235e-004] [6.022141E+023] [5e-300] [0.000000e+000]",
          "e: [%e] [%.3e] [%E] [%.0e] [%e]", 12345.678, -0.000123456, 6.02214076e23, 5e-300, 0.0);
    CHECK(MS, "g: [100] [0.0001234] [123456] [3.5] [0.5] [3.14] [1.00000] [1.23457e+006] [1.234e-005] [1E+100]",
          "g: [%g] [%g] [%g] [%g] [%G] [%.3g] [%#g] [%g] [%g] [%G]", 100.0, 0.0001234, 123456.0, 3.5, 0.5, 3.14159,
          1.0, 1234567.0, 0.00001234, 1e100);
    double inf = INFINITY, ind = dbl_bits(0xFFF8000000000000ULL);
    CHECK(MS, "inf/nan: [1.#INF00] [-1.#INF00] [-1.#IND00] [1.#INF00e+000] [-1.#INF]",
          "inf/nan: [%f] [%f] [%f] [%e] [%g]", inf, -inf, ind, inf, -inf);
    CHECK(MS, "round half away from zero: [1] [2] [3] [0.3] [1.00]",
          "round half away from zero: [%.0f] [%.0f] [%.0f] [%.1f] [%.2f]", 0.5, 1.5, 2.5, 0.25, 1.005);
    CHECK(MS, "pointer-free %p of a constant: [0000000000001234]", "pointer-free %%p of a constant: [%p]",
          (void *)0x1234);
    WCHAR wide[] = { 'w', 'i', 'd', 'e', 0 }, wide2[] = { 'w', 'i', 'd', 'e', '2', 0 };
    WCHAR ab[] = { 'a', 'b', 0 }, abcd[] = { 'a', 'b', 'c', 'd', 0 };
    CHECK(MS, "wide: [wide] [wide2] [narrow] [W] [X] [   ab] [ab]", "wide: [%ls] [%S] [%hs] [%lc] [%C] [%5ls] [%.2ls]",
          wide, wide2, "narrow", (int)'W', (int)'X', ab, abcd);
    int n1 = 0, n2 = 0;
    CHECK(MS, "count: [xyz]", "count:%n [%s]%n", &n1, "xyz", &n2);
    assert_int_equal(n1, 6);
    assert_int_equal(n2, 12);
    CHECK(MS, "percent: [%] [100%]", "percent: [%%] [100%%]");
    CHECK(MS, "77-seven", "%d-%s", 77, "seven");
}

/* msvcrt.dll's _snprintf/_vsnprintf: no terminator when full, -1 when cut (corpus: _snprintf(4) returns -1) */
static void test_buffer_legacy(void **state)
{
    (void)state;
    char buf[16];
    memset(buf, 'X', sizeof buf);
    assert_int_equal(bfmt(buf, 4, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "%s", "abcdefgh"), -1);
    assert_memory_equal(buf, "abcdX", 5);
    memset(buf, 'X', sizeof buf);
    assert_int_equal(bfmt(buf, 4, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "%s", "abcd"), 4);
    assert_memory_equal(buf, "abcdX", 5);       /* fits exactly: count returned, no NUL (documented) */
    assert_int_equal(bfmt(buf, 16, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "%d", 123), 3);
    assert_string_equal(buf, "123");
    assert_int_equal(bfmt(NULL, 0, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "%d-%s", 77, "seven"), 8);
    assert_int_equal(bfmt(buf, 0, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "x"), -1);
    assert_int_equal(bfmt(buf, 0, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, ""), 0);
}

/* ucrt's three termination modes (__stdio_common_vsprintf) */
static void test_buffer_ucrt(void **state)
{
    (void)state;
    char buf[16];
    memset(buf, 'X', sizeof buf);
    assert_int_equal(bfmt(buf, 6, UC | CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, "%s", "truncate me"), 11);
    assert_string_equal(buf, "trunc");       /* C99 snprintf, as the corpus' snprintf(6) line */
    assert_int_equal(bfmt(buf, 0, UC | CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, "%s", "abc"), 3);
    memset(buf, 'X', sizeof buf);
    assert_int_equal(bfmt(buf, 4, UC, "%s", "abcdef"), -2);
    assert_string_equal(buf, "abc");
    assert_int_equal(bfmt(buf, 4, UC, "%s", "abc"), 3);
    assert_int_equal(bfmt(buf, 0, UC, "%s", "abc"), -1);
    assert_int_equal(bfmt(NULL, 0, UC, "%s", "abcdef"), 6);   /* _vscprintf */
    assert_int_equal(bfmt(NULL, 5, UC, "%s", "abc"), -1);     /* buffer NULL with a count: EINVAL */
    assert_int_equal(last_invalid, 1);
    assert_int_equal(bfmt(buf, 5, UC, NULL), -1);
    assert_int_equal(last_invalid, 1);
}

/* msvcrt's legacy special values: the "1#INF" mantissa is rounded like digits (Wine reproduces this). */
static void test_msvcrt_specials(void **state)
{
    (void)state;
    double inf = INFINITY, qnan = dbl_bits(0x7ff8000000000000ULL), ind = dbl_bits(0xFFF8000000000000ULL);
    double snan = dbl_bits(0x7ff0000000000001ULL);
    /* Wine 8 prints "1.#INF    " for %-10f; the legacy CRT pads the same text either side */
    CHECK(MS, "[  1.#INF00] [1.#INF00  |] [001.#INF00] [+1.#INF00] [ 1.#INF00]", "[%10f] [%-10f|] [%010f] [%+f] [% f]",
          inf, inf, inf, inf, inf);
    CHECK(MS, "[1.#J] [1] [1.] [1.$e+000] [1.#INF] [1.#INF]", "[%.2f] [%.0f] [%#.0f] [%.1e] [%g] [%G]", inf, inf,
          inf, inf, inf, inf);
    CHECK(MS, "[1.#QNAN0] [1.#R] [1.$] [1] [1.#QNAN0e+000] [1.#QNAN] [  1.#QNAN0] [1.#QNAN00000]",
          "[%f] [%.2f] [%.1f] [%.0f] [%e] [%g] [%10f] [%.10f]", qnan, qnan, qnan, qnan, qnan, qnan, qnan, qnan);
    CHECK(MS, "[-1.#IND00E+000] [-1.#IND] [-1.#IND00]", "[%E] [%G] [%f]", ind, ind, ind);
    CHECK(MS, "[1.#IO] [1.#INF] [1.#INF0] [1.#INF00000] [1.#J] [-1.#IND] [1]", "[%.3f] [%.4f] [%.5f] [%.9f] [%.3g] [%.10g] [%.1g]",
          inf, inf, inf, inf, inf, ind, inf);
    /* A signalling NaN is "1.#SNAN" in the legacy CRT; Wine 8 prints 1.#QNAN0 here. */
    CHECK(MS, "[1.#SNAN0]", "[%f]", snan);
    CHECK(MS, "[-1.#QNAN0] [-1.#IND00]", "[%f] [%f]", dbl_bits(0xFFF8000000000001ULL), -qnan);
}

/* msvcrt: 17 significant digits, then zeros (Wine 8 prints the exact expansion instead). */
static void test_msvcrt_17_digits(void **state)
{
    (void)state;
    CHECK(MS, "0.10000000000000001000", "%.20f", 0.1);
    CHECK(MS, "1.0000000000000001000000000000e-001", "%.28e", 0.1);
    CHECK(MS, "99999999999999992000000.000000", "%f", 1e23);
    CHECK(MS, "0.10000000000000001", "%.17g", 0.1);
    CHECK(MS, "123456789012345680.000000", "%f", 123456789012345678.0);
    CHECK(MS, "0.13", "%.2f", 0.125);
    CHECK(MS, "0.300000000000000", "%.15f", 0.1 + 0.2);
    CHECK(MS, "1.000000e-310 1e-310 4.941e-324", "%e %g %.3e", 1e-310, 1e-310, 5e-324);
    CHECK(MS, "1.000000e+100 1e+001 -0.000000 -0.000000e+000 -0 -0", "%e %.0e %f %e %g %+.0f", 9.9999999e99,
          9.5, -0.0, -0.0, -0.0, -0.4);
}

static void test_ucrt_floats(void **state)
{
    (void)state;
    double inf = INFINITY, ind = dbl_bits(0xFFF8000000000000ULL), qnan = dbl_bits(0x7ff8000000000000ULL);
    double snan = dbl_bits(0x7ff0000000000001ULL);
    CHECK(UC, "[1.500000e+00] [1.000000e+100] [1e-05] [1.23457e+08] [1E+100]", "[%e] [%e] [%g] [%g] [%G]", 1.5,
          1e100, 1e-5, 123456789.0, 1e100);
    CHECK(UC, "[0.10000000000000000555] [1.000000000000000055511151231258e-01] [99999999999999991611392.000000]",
          "[%.20f] [%.30e] [%f]", 0.1, 0.1, 1e23);
    CHECK(UC, "[       inf] [inf       |] [       inf] [+inf] [ inf] [inf] [INF]", "[%10f] [%-10f|] [%010f] [%+f] [% f] [%.2f] [%G]",
          inf, inf, inf, inf, inf, inf, inf);
    CHECK(UC, "[-nan(ind)] [nan] [-NAN(IND)] [-inf] [nan] [-nan]", "[%f] [%.1e] [%G] [%g] [%a] [%f]", ind, qnan, ind,
          -inf, qnan, dbl_bits(0xFFF8000000000001ULL));
    /* ucrt spells signalling NaNs "nan(snan)" (Wine 8: "nan") */
    CHECK(UC, "[nan(snan)] [NAN(SNAN)]", "[%f] [%E]", snan, snan);
    CHECK(UC, "[0.0001234] [0.000100000] [100.] [1e+02] [1.e+00] [3.] [0.1] [0.10000000000000001]",
          "[%g] [%#g] [%#.3g] [%.0g] [%#.0e] [%#.0f] [%.15g] [%.17g]", 0.0001234, 0.0001, 100.0, 123.0, 1.0, 3.0,
          0.1, 0.1);
    CHECK(UC, "1.000000e-310 4.9406564584124654417656879286822137236506e-324", "%e %.40e", 1e-310, 4.9e-324);
    CHECK(UC, "2.225073858507201383090233e-308", "%.25g", 2.2250738585072014e-308);
    /* legacy three-digit exponents on request */
    CHECK(UC | CRT_PRINTF_LEGACY_THREE_DIGIT_EXPONENTS, "1.500000e+000", "%e", 1.5);
    /* msvcrt compatibility mode: 1.#INF strings */
    CHECK(UC | CRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY, "1.#INF00 -1.#IND00", "%f %f", inf, ind);
}

/* Rounding of exact ties: ucrt before Windows 10 2004 (and without STANDARD_ROUNDING) rounds half up;
 * with it, ties go to even (documented on learn.microsoft.com; Wine 8 ignores the option). */
static void test_ucrt_rounding(void **state)
{
    (void)state;
    CHECK(UC, "[1] [2] [3] [0.13] [0.3] [1.00] [2.4]", "[%.0f] [%.0f] [%.0f] [%.2f] [%.1f] [%.2f] [%.1f]", 0.5, 1.5,
          2.5, 0.125, 0.25, 1.005, 2.35);
    CHECK(UCS, "[0] [2] [2] [0.12] [0.2] [1.00] [2.4]", "[%.0f] [%.0f] [%.0f] [%.2f] [%.1f] [%.2f] [%.1f]", 0.5,
          1.5, 2.5, 0.125, 0.25, 1.005, 2.35);
    CHECK(UCS, "[2e+00] [1e+01] [0.5]", "[%.0e] [%.0e] [%.1g]", 2.5, 9.5, 0.45);
}

static void test_hex_floats(void **state)
{
    (void)state;
    CHECK(UC, "[0x1.0000000000000p+0] [-0X1.FF00000000000P+7] [0x1.55p-2] [0x0.0000000000000p+0]",
          "[%a] [%A] [%.2a] [%a]", 1.0, -255.5, 1.0 / 3, 0.0);
    CHECK(UC, "[0x0.0000000000001p-1022] [0x1p+0] [0x1.p+0] [0x001.8p+1] [  0x1.8p+1]", "[%a] [%.0a] [%#.0a] [%010.1a] [%10.1a]",
          4.9e-324, 1.0, 1.0, 3.0, 3.0);
    /* msvcrt's legacy formatter defaults every float conversion to precision 6 (Wine 8 uses 13) */
    CHECK(MS, "[0x1.000000p+0]", "[%a]", 1.0);
}

static void test_int_edges(void **state)
{
    (void)state;
    CHECK(MS, "[0] [0] [0X0000000000000012] [0000000000000000] [0XAB] [0] [] [  0x1] [000ab] [3    ] [5] [7]",
          "[%#x] [%#o] [%#p] [%p] [%#X] [%#.0o] [%.0x] [%#5x] [%05s] [%-05d] [%+u] [% x]", 0, 0, (void *)0x12,
          (void *)0, 0xab, 0, 0, 1, "ab", 3, 5u, 7);
    /* ucrt: no "0x" for %#p */
    CHECK(UC, "[0000000000000012]", "[%#p]", (void *)0x12);
    CHECK(MS, "[-5] [ -005] [+05   |] [ffffffff] [37777777777] [] [+] [ |] [010] [010]",
          "[%d] [%5.3d] [%-+6.2d|] [%x] [%o] [%.0d] [%+.0d] [% .0d|] [%#.3o] [%#o]", -5, -5, 5, -1, -1, 0, 0, 0, 8, 8);
    CHECK(MS, "[-1] [ffffffffffffffff] [ffffffffffffffff] [ffffffff] [ffff] [-25536] [4294967295] [ffffffff]",
          "[%lld] [%I64x] [%llx] [%lx] [%hx] [%hd] [%lu] [%Lx]", -1LL, -1LL, -1LL, -1, -1, 40000, -1, -1LL);
    CHECK(MS, "[1   ] [2   ] [5] [2.500000] [    ab|]", "[%*d] [%-*d] [%.*d] [%.*f] [%*.*s|]", -4, 1, 4, 2, -3, 5, -1,
          2.5, 6, 2, "abcd");
    CHECK(MS, "[-1] [-2] [1ff]", "[%I32d] [%I64d] [%hhx]", -1, -2LL, 0x1ff);
    /* msvcrt.dll: hh is h (short), so 300 stays 300 */
    CHECK(MS, "[300]", "[%hhd]", 300);
    /* ucrt: hh is char */
    CHECK(UC, "[44] [ff] [5] [6] [7] [-1]", "[%hhd] [%hhx] [%zu] [%jd] [%td] [%Id]", 300, -1, (size_t)5, 6LL, 7LL, -1LL);
    CHECK(UC, "[1000000000000]", "[%Iu]", 1000000000000ULL);
}

/* Specifications that end early print the offending character; msvcrt does not know z, j, t. */
static void test_literal_fallbacks(void **state)
{
    (void)state;
    /* "zu" printed literally on Windows msvcrt.dll (Wine 8 implements %zu in msvcrt) */
    CHECK(MS, "[zu] [jd] [td]", "[%zu] [%jd] [%td]", (size_t)5);
    CHECK(MS, "[Is] [I] [y] [q]", "[%Is] [%I] [%y] [%5.2q]");
    /* "%5%" prints '%' in both (the CRTs' state table; Wine 8 prints nothing) */
    CHECK(MS, "[%] [%] [%]", "[%5%] [%-5%] [%%]");
    CHECK(UC, "[%] [y]", "[%5%] [%y]");
    CHECK(MS, "[1.500000] [2.500000] [3.500000] [n] [    a] [b  |]", "[%lf] [%Lf] [%llf] [%hs] [%5c] [%-3c|]", 1.5,
          2.5, 3.5, "n", 'a', 'b');
    /* msvcrt: F and N are (ignored) pointer size prefixes; ucrt: %F is upper-case %f */
    CHECK(MS, "[2.5] [.1Ff]", "[%.1NFf] [%N.1Ff]", 2.5);
    CHECK(UC, "[INF] [2.500000]", "[%F] [%F]", INFINITY, 2.5);
    CHECK(MS, "abc", "abc%");
}

static void test_ucrt_invalid(void **state)
{
    (void)state;
    int n = 0;
    assert_int_equal(fmt(UC, "ab%n", &n), -1);      /* %n is off unless _set_printf_count_output */
    assert_int_equal(last_invalid, 1);
    assert_int_equal(fmt(UC | CRT_PRINTF_COUNT_OUTPUT, "ab%n", &n), 2);
    assert_int_equal(n, 2);
    assert_int_equal(fmt(UC, "%Lx", 1), -1);        /* L is not an integer size in ucrt */
    assert_int_equal(last_invalid, 1);
    assert_int_equal(fmt(UC, "%N", 1), -1);
    assert_int_equal(fmt(UC, "%lhd", 1), -1);       /* one size prefix per specification */
    assert_int_equal(fmt(UC | CRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY, "%Nd", 7), 1);
    assert_string_equal(out, "7");
}

static void test_strings(void **state)
{
    (void)state;
    CHECK(MS, "[(null)] [(null)] [(nu] [(null)] [(null)]", "[%s] [%ls] [%.3s] [%S] [%Z]", (char *)0, (WCHAR *)0,
          (char *)0, (WCHAR *)0, (void *)0);
    STRING as = { 3, 4, "abcd" };
    WCHAR wbuf[] = { 'x', 'y', 'z' };
    UNICODE_STRING us = { 4, 6, wbuf };
    CHECK(MS, "[abc] [xy]", "[%Z] [%wZ]", &as, &us);
    /* chars 0x80..0xFF convert to single bytes in the "C" locale */
    WCHAR latin[] = { 0xe9, 0xff, 0 };
    CHECK(MS, "[\xe9\xff] [\xe9]", "[%ls] [%lc]", latin, 0xe9);
}

/* An unconvertible %ls character ends the call with -1 (output before it stays); an unconvertible %lc is
 * dropped, padding included. */
static void test_unconvertible(void **state)
{
    (void)state;
    char buf[32];
    WCHAR s[] = { 'a', 0x263a, 'b', 0 };
    memset(buf, 0, sizeof buf);
    assert_int_equal(bfmt(buf, sizeof buf, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "[%ls]", s), -1);
    assert_memory_equal(buf, "[a", 2);
    assert_int_equal(fmt(MS, "[%lc] [%5lc]", 0x263a, 0x263a), 5);
    assert_string_equal(out, "[] []");
    assert_int_equal(fmt(UC, "[%ls]", s), -1);
}

/* wprintf: %s wide and %S narrow in msvcrt and with ucrt's legacy wide specifiers (corpus crt/wide) */
static void test_wide(void **state)
{
    (void)state;
    WCHAR ws[] = { 'w', 'i', 'd', 'e', '-', 's', 0 }, wls[] = { 'w', 'i', 'd', 'e', '-', 'l', 's', 0 };
    int r = wfmt(MS, W("wprintf: %d %s|%S|%hs|%ls|%c|%C"), 7, ws, "narrow-S", "narrow-hs", wls, (int)'w', (int)'n');
    assert_wide("wprintf: 7 wide-s|narrow-S|narrow-hs|wide-ls|w|n");
    assert_int_equal(r, 48);
    wfmt(MS, W("fwprintf: %5.1f [%-4s]"), 2.25, W("ab"));
    assert_wide("fwprintf:   2.3 [ab  ]");
    wfmt(MS, W("%d-%ls"), 12, W("ab"));
    assert_wide("12-ab");
    /* ucrt without the legacy option: C99, %s is narrow in wprintf */
    wfmt(0, W("%s|%ls|%S"), "narrow", W("wide"), W("wide2"));
    assert_wide("narrow|wide|wide2");
    wfmt(MS, W("%e|%p|%5.2s|%-3c|"), 1.5, (void *)0xab, W("xyz"), (int)'q');
    assert_wide("1.500000e+000|00000000000000AB|   xy|q  |");
    wfmt(MS, W("[%s] [%S]"), (WCHAR *)0, (char *)0);
    assert_wide("[(null)] [(null)]");
}

static void test_large_precision(void **state)
{
    (void)state;
    int r = fmt(UC, "%.600f", 1e-300);
    assert_int_equal(r, 602);
    assert_memory_equal(out + 301, "10000000000000000250590918352087596856961468077037052499", 56);
    r = fmt(UC, "%f", 1e300);
    assert_int_equal(r, 301 + 7);
    assert_memory_equal(out, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000", 308);
    r = fmt(MS, "%f", 1e300);
    assert_memory_equal(out, "100000000000000010000000", 24);   /* 17 digits (rounded), then zeros */
    r = fmt(UC, "%.1074f", 4.9e-324);
    assert_int_equal(r, 1076);
    assert_memory_equal(out + 1076 - 12, "533447265625", 12);
    r = fmt(UC, "%.3000e", 1.0);
    assert_int_equal(r, 3006);
    r = fmt(UC, "%5000d|", 1);
    assert_int_equal(r, 5001);
    char small[16];
    assert_int_equal(bfmt(small, sizeof small, UC | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "%.2147483647f", 1.0), -1);
    assert_int_equal(bfmt(small, sizeof small, MS | CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, "%.2147483647e|%99999999999d", 1.0, 1), -1);
}

/* Exactness oracle: ucrt with STANDARD_ROUNDING rounds the exact binary value ties-to-even, which is what
 * glibc does in the default rounding mode; compare on many deterministic pseudo-random doubles. */
static void test_exact_vs_host(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    static const char *fmts[] = { "%.17g", "%.3e", "%.0e", "%f", "%.25f", "%.1g", "%.40e", "%g" };
    char host[4096];
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t bits = x;
        if (i % 3 == 0)
            bits = (x >> 12) | ((uint64_t)(1023 + (int)(x % 41) - 20) << 52);   /* near 1.0: many ties */
        double d;
        memcpy(&d, &bits, sizeof d);
        if (isnan(d) || isinf(d))
            continue;
        const char *f = fmts[i % 8];
        fmt(UCS, f, d);
        snprintf(host, sizeof host, f, d);
        assert_string_equal(out, host);
    }
    /* exact ties */
    static const double ties[] = { 0.5, 1.5, 2.5, 0.125, 0.375, 1e22, 5e-324, 2.5e-5 };
    for (size_t i = 0; i < ARRAY_SIZE(ties); i++) {
        fmt(UCS, "%.0f %.2f %.1e", ties[i], ties[i], ties[i]);
        snprintf(host, sizeof host, "%.0f %.2f %.1e", ties[i], ties[i], ties[i]);
        assert_string_equal(out, host);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_printf),
        cmocka_unit_test(test_buffer_legacy),
        cmocka_unit_test(test_buffer_ucrt),
        cmocka_unit_test(test_msvcrt_specials),
        cmocka_unit_test(test_msvcrt_17_digits),
        cmocka_unit_test(test_ucrt_floats),
        cmocka_unit_test(test_ucrt_rounding),
        cmocka_unit_test(test_hex_floats),
        cmocka_unit_test(test_int_edges),
        cmocka_unit_test(test_literal_fallbacks),
        cmocka_unit_test(test_ucrt_invalid),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_unconvertible),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_large_precision),
        cmocka_unit_test(test_exact_vs_host),
    };
    return RUN_TESTS(tests);
}
