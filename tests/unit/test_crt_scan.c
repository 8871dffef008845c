/* scanf engine: the acceptance corpus crt/stdin case replayed on a string source, plus the C/Windows rules
 * for widths, scansets, %n, suppression, sizes, wide destinations and the EOF return. */
#include "unit.h"

#include "crt/scan.h"

#define MS (CRT_SCANF_MSVCRT | CRT_SCANF_LEGACY_WIDE_SPECIFIERS)
#define UC (CRT_SCANF_LEGACY_WIDE_SPECIFIERS)

__attribute__((ms_abi)) static int ss(uint64_t opt, const char *in, const char *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    int r = CrtScanStringA(in, SIZE_MAX, opt, NULL, f, ap, NULL);
    __builtin_ms_va_end(ap);
    return r;
}

__attribute__((ms_abi)) static int ssn(uint64_t opt, const char *in, size_t len, const char *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    int r = CrtScanStringA(in, len, opt, NULL, f, ap, NULL);
    __builtin_ms_va_end(ap);
    return r;
}

__attribute__((ms_abi)) static int sw(uint64_t opt, const WCHAR *in, const WCHAR *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    int r = CrtScanStringW(in, SIZE_MAX, opt, NULL, f, ap, NULL);
    __builtin_ms_va_end(ap);
    return r;
}

/* A stream-like source with a position, to check what is left unread (the corpus reads on with getchar). */
typedef struct STREAM {
    const char *s;
    size_t      pos;
} STREAM;

static int st_get(void *ctx)
{
    STREAM *t = ctx;
    return t->s[t->pos] ? (unsigned char)t->s[t->pos++] : -1;
}

static void st_unget(void *ctx, int c)
{
    (void)c;
    ((STREAM *)ctx)->pos--;
}

__attribute__((ms_abi)) static int sst(STREAM *t, const char *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    CRT_SOURCE src = { st_get, st_unget, t };
    int r = CrtScanA(&src, MS, NULL, f, ap, NULL);
    __builtin_ms_va_end(ap);
    return r;
}

/* crt/stdin: scanf("%d %lf %31s") then getchar() sees the '\n'; scanf(" %31[^,],%d") */
static void test_corpus_stdin(void **state)
{
    (void)state;
    STREAM t = { "42 3.5 word\nline", 0 };
    int i = 0;
    double d = 0;
    char word[32];
    assert_int_equal(sst(&t, "%d %lf %31s", &i, &d, word), 3);
    assert_int_equal(i, 42);
    assert_true(d == 3.5);
    assert_string_equal(word, "word");
    assert_int_equal(t.s[t.pos], '\n');
    STREAM u = { "key name,77\nlast", 0 };
    assert_int_equal(sst(&u, " %31[^,],%d", word, &i), 2);
    assert_string_equal(word, "key name");
    assert_int_equal(i, 77);
    assert_int_equal(u.s[u.pos], '\n');
}

static void test_integers(void **state)
{
    (void)state;
    int a = 0, b = 0, c = 0;
    short h = 0;
    long long ll = 0;
    assert_int_equal(ss(MS, "  -12 0x1f 077", "%d %x %o", &a, &b, &c), 3);
    assert_int_equal(a, -12);
    assert_int_equal(b, 31);
    assert_int_equal(c, 63);
    assert_int_equal(ss(MS, "0x10 010 10", "%i %i %i", &a, &b, &c), 3);
    assert_int_equal(a, 16);
    assert_int_equal(b, 8);
    assert_int_equal(c, 10);
    assert_int_equal(ss(MS, "12345", "%3d%d", &a, &b), 2);
    assert_int_equal(a, 123);
    assert_int_equal(b, 45);
    assert_int_equal(ss(MS, "70000 -9223372036854775807", "%hd %I64d", &h, &ll), 2);
    assert_int_equal(h, (short)70000);
    assert_int_equal(ll, -9223372036854775807LL);
    assert_int_equal(ss(MS, "99999999999", "%d", &a), 1);      /* no clamping: the low 32 bits */
    assert_int_equal(a, 1215752191);
    assert_int_equal(ss(MS, "-1", "%u", &a), 1);
    assert_int_equal((unsigned)a, 4294967295u);
    long l = 0;
    int32_t l32[2] = { 7, 7 };
    assert_int_equal(ss(MS, "5", "%ld", l32), 1);             /* %ld stores 32 bits */
    assert_int_equal(l32[0], 5);
    assert_int_equal(l32[1], 7);
    (void)l;
    void *p = NULL;
    assert_int_equal(ss(MS, "00000000DEADBEEF", "%p", &p), 1);
    assert_ptr_equal(p, (void *)0xdeadbeefULL);
    unsigned char hh[2] = { 9, 9 };
    assert_int_equal(ss(UC, "300", "%hhd", hh), 1);            /* ucrt: hh stores a char */
    assert_int_equal(hh[0], 44);
    assert_int_equal(hh[1], 9);
    size_t z = 0;
    assert_int_equal(ss(UC, "123456789012", "%zu", &z), 1);
    assert_int_equal(z, 123456789012ULL);
}

static void test_floats(void **state)
{
    (void)state;
    float f = 0;
    double d = 0;
    assert_int_equal(ss(MS, "1.5e3 -0.25", "%f %lf", &f, &d), 2);
    assert_true(f == 1500.0f);
    assert_true(d == -0.25);
    assert_int_equal(ss(MS, "3.14159", "%4lf", &d), 1);
    assert_true(d == 3.14);
    assert_int_equal(ss(UC, "inf 0x1p4", "%lf %lf", &d, &d), 2);
    assert_true(d == 16.0);
    assert_int_equal(ss(MS, "abc", "%lf", &d), 0);
    assert_int_equal(ss(MS, "1e+x", "%lf", &d), 1);           /* greedy token "1e+": converts as 1 */
    assert_true(d == 1.0);
}

static void test_strings_and_sets(void **state)
{
    (void)state;
    char a[16], b[16], c[4] = "xyz";
    assert_int_equal(ss(MS, "  hello world", "%s%s", a, b), 2);
    assert_string_equal(a, "hello");
    assert_string_equal(b, "world");
    assert_int_equal(ss(MS, "abcdef", "%3s%s", a, b), 2);
    assert_string_equal(a, "abc");
    assert_string_equal(b, "def");
    assert_int_equal(ss(MS, " x", "%c", c), 1);               /* %c does not skip white space */
    assert_int_equal(c[0], ' ');
    assert_int_equal(ss(MS, "abcd", "%3c", c), 1);            /* no terminator for %c */
    assert_memory_equal(c, "abc", 3);
    assert_int_equal(ss(MS, "]a-b:rest", "%[]a-z-]:%s", a, b), 2);
    assert_string_equal(a, "]a-b");
    assert_string_equal(b, "rest");
    assert_int_equal(ss(MS, "123abc", "%[0-9]%[^0-9]", a, b), 2);
    assert_string_equal(a, "123");
    assert_string_equal(b, "abc");
    assert_int_equal(ss(MS, "abc", "%[0-9]", a), 0);
}

static void test_control(void **state)
{
    (void)state;
    int a = 0, b = 0, n = 0, n2 = 0;
    assert_int_equal(ss(MS, "10 20", "%*d %d%n", &a, &n), 1);
    assert_int_equal(a, 20);
    assert_int_equal(n, 5);
    assert_int_equal(ss(MS, "", "%d", &a), -1);                /* input ended before the first conversion */
    assert_int_equal(ss(MS, "   ", "%d", &a), -1);
    assert_int_equal(ss(MS, "x", "%d", &a), 0);                /* matching failure */
    assert_int_equal(ss(MS, "7", "%d %d", &a, &b), 1);
    assert_int_equal(ss(MS, "5%", "%d%%%n", &a, &n2), 1);
    assert_int_equal(n2, 2);
    assert_int_equal(ss(MS, "a=1,b=2", "a=%d,b=%d", &a, &b), 2);
    assert_int_equal(b, 2);
    assert_int_equal(ss(MS, "a=1;b=2", "a=%d,b=%d", &a, &b), 1);
    assert_int_equal(ss(MS, "42", "%99999999999999d", &a), 1);
    assert_int_equal(a, 42);
    assert_int_equal(ssn(MS, "12345", 3, "%d", &a), 1);        /* _snscanf: only 3 characters */
    assert_int_equal(a, 123);
}

static void test_wide(void **state)
{
    (void)state;
    WCHAR w[16];
    char n[16];
    int i = 0;
    /* wscanf: %s wide, %S narrow (legacy wide specifiers; always in msvcrt) */
    assert_int_equal(sw(MS, W("wide narrow 42"), W("%s %S %d"), w, n, &i), 3);
    assert_int_equal(w[0], 'w');
    assert_int_equal(w[4], 0);
    assert_string_equal(n, "narrow");
    assert_int_equal(i, 42);
    /* sscanf with %ls converts each byte to a wide char */
    assert_int_equal(ss(MS, "\xe9t\xe9", "%ls", w), 1);
    assert_int_equal(w[0], 0xe9);
    assert_int_equal(w[3], 0);
    /* ucrt without the legacy option: C99, %s in wscanf is narrow */
    assert_int_equal(sw(0, W("abc"), W("%s"), n), 1);
    assert_string_equal(n, "abc");
    WCHAR in[] = { 'a', 0x263a, 0 };
    assert_int_equal(sw(0, in, W("%s"), n), 1);                  /* unconvertible: '?' */
    assert_string_equal(n, "a?");
}

__attribute__((ms_abi)) static int ss_s(const char *in, const char *f, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, f);
    int inv = 0;
    int r = CrtScanStringA(in, SIZE_MAX, UC | CRT_SCANF_SECURECRT, NULL, f, ap, &inv);
    __builtin_ms_va_end(ap);
    return inv ? -100 - r : r;
}

/* sscanf_s: a buffer size follows each %s/%c/%[ pointer; too small empties the buffer and stops. */
static void test_secure(void **state)
{
    (void)state;
    char a[4], b[8];
    int i = 0;
    assert_int_equal(ss_s("abc 12", "%s %d", a, (unsigned)sizeof a, &i), 2);
    assert_string_equal(a, "abc");
    assert_int_equal(i, 12);
    assert_int_equal(ss_s("abcd 12", "%s %d", a, (unsigned)sizeof a, &i), -100);
    assert_int_equal(a[0], 0);
    assert_int_equal(ss_s("xy", "%2c", b, 2u), 1);
    assert_memory_equal(b, "xy", 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_stdin),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_floats),
        cmocka_unit_test(test_strings_and_sets),
        cmocka_unit_test(test_control),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_secure),
    };
    return RUN_TESTS(tests);
}
