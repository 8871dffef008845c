/* The C runtime's library half, called as a guest would (Microsoft ABI): the parts that need no process
 * (strings, sorting, rand, conversions, ctype, errno texts, math errors, the floating-point control word,
 * local time from a TZ variable). Expectations: Windows behaviour as documented or as the CRT sources have
 * it; docs/crt-lib.md lists where Wine differs. */
#define _GNU_SOURCE   /* setenv */
#include "unit.h"

#include <math.h>
#include <stdlib.h>

#include "crt/lib.h"
#include "ke/timezone.h"
#include "ps/ps.h"

typedef int(WINAPI *cmp_fn)(const void *, const void *);
void WINAPI crt_qsort(void *base, size_t num, size_t width, cmp_fn cmp);
void *WINAPI crt_bsearch(const void *key, const void *base, size_t num, size_t width, cmp_fn cmp);
int WINAPI crt_rand(void);
void WINAPI crt_srand(unsigned seed);
char *WINAPI crt_itoa(int v, char *buf, int radix);
char *WINAPI crt_i64toa(int64_t v, char *buf, int radix);
char *WINAPI crt_ultoa(ULONG v, char *buf, int radix);
int WINAPI crt_itoa_s_msvcrt(int v, char *buf, size_t size, int radix);
int WINAPI crt_strcpy_s_msvcrt(char *d, size_t size, const char *s);
int WINAPI crt_strcat_s_msvcrt(char *d, size_t size, const char *s);
int WINAPI crt_strncpy_s_msvcrt(char *d, size_t size, const char *s, size_t count);
int WINAPI crt_memcpy_s_msvcrt(void *d, size_t size, const void *s, size_t n);
char *WINAPI crt_strtok_s_msvcrt(char *s, const char *delim, char **context);
int WINAPI crt_stricmp(const char *a, const char *b);
int WINAPI crt_strcmp(const char *a, const char *b);
char *WINAPI crt_strerror_msvcrt(int e);
char *WINAPI crt_strerror_ucrt(int e);
char *WINAPI crt_strerror_msg_msvcrt(const char *msg);
void WINAPI crt_splitpath(const char *path, char *drive, char *dir, char *fname, char *ext);
void WINAPI crt_makepath(char *path, const char *drive, const char *dir, const char *fname, const char *ext);
int WINAPI crt_isalpha(int c);
int WINAPI crt_isprint(int c);
int WINAPI crt_isspace(int c);
int WINAPI crt_iswalpha(WCHAR c);
int WINAPI crt_iswspace(WCHAR c);
WCHAR WINAPI crt_towupper(WCHAR c);
size_t WINAPI crt_mbstowcs(WCHAR *d, const char *s, size_t n);
size_t WINAPI crt_wcstombs(char *d, const WCHAR *s, size_t n);
size_t WINAPI crt_mbrtoc16(WCHAR *out, const char *s, size_t n, uint32_t *state);
size_t WINAPI crt_c16rtomb(char *s, WCHAR c, uint32_t *state);
double WINAPI crt_sqrt(double x);
double WINAPI crt_log(double x);
double WINAPI crt_exp(double x);
double WINAPI crt_pow(double x, double y);
double WINAPI crt_fmod(double x, double y);
int WINAPI crt__fpclass(double x);
unsigned WINAPI crt__controlfp(unsigned cw, unsigned mask);
unsigned WINAPI crt__statusfp(void);
unsigned WINAPI crt__clearfp(void);
void WINAPI crt_tzset(void);
CRT_TM *WINAPI crt_localtime64_msvcrt(const int64_t *t);
int64_t WINAPI crt_mktime64_msvcrt(CRT_TM *tm);
int WINAPI crt_wcscmp(const WCHAR *a, const WCHAR *b);
WCHAR *WINAPI crt_wcstok_ucrt(WCHAR *s, const WCHAR *delim, WCHAR **context);

static int errno_now(void)
{
    return crt_thread()->errno_value;
}

static void test_rand(void **state)
{
    (void)state;
    static const int first[] = {41, 18467, 6334, 26500, 19169, 15724, 11478, 29358, 26962, 24464};
    crt_srand(1);
    for (size_t i = 0; i < ARRAY_SIZE(first); i++)
        assert_int_equal(crt_rand(), first[i]);   /* the VC++ sequence */
    crt_srand(12345);
    assert_int_equal(crt_rand(), 7584);
}

struct item {
    int key, id;
};

static int same_pointer;

static int WINAPI by_key(const void *a, const void *b)
{
    if (a == b)
        same_pointer++;
    return ((const struct item *)a)->key - ((const struct item *)b)->key;
}

static void test_qsort(void **state)
{
    (void)state;
    /* The order of equal keys is the CRT algorithm's (the crtlib_strings e2e case has the same arrays). */
    struct item v[] = {{3, 0}, {1, 1}, {3, 2}, {2, 3}, {1, 4}, {3, 5}, {2, 6}, {1, 7},
                       {3, 8}, {1, 9}, {2, 10}, {3, 11}, {2, 12}, {1, 13}, {3, 14}};
    static const int ids[] = {7, 1, 9, 13, 4, 6, 3, 10, 12, 2, 11, 8, 5, 0, 14};
    crt_qsort(v, ARRAY_SIZE(v), sizeof v[0], by_key);
    for (size_t i = 0; i < ARRAY_SIZE(v); i++)
        assert_int_equal(v[i].id, ids[i]);
    struct item few[] = {{2, 0}, {1, 1}, {2, 2}, {1, 3}, {2, 4}, {1, 5}};
    static const int few_ids[] = {1, 3, 5, 4, 2, 0};   /* shortsort: the largest goes last */
    crt_qsort(few, 6, sizeof few[0], by_key);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(few[i].id, few_ids[i]);
    /* larger arrays come out sorted, and no element is ever compared with itself */
    static struct item big[5000];
    unsigned seed = 7;
    for (size_t i = 0; i < ARRAY_SIZE(big); i++) {
        seed = seed * 1103515245u + 12345u;
        big[i] = (struct item){(int)(seed >> 16) % 100, (int)i};
    }
    same_pointer = 0;
    crt_qsort(big, ARRAY_SIZE(big), sizeof big[0], by_key);
    for (size_t i = 1; i < ARRAY_SIZE(big); i++)
        assert_true(big[i - 1].key <= big[i].key);
    assert_int_equal(same_pointer, 0);
    struct item key = {2, -1};
    struct item *hit = crt_bsearch(&key, v, ARRAY_SIZE(v), sizeof v[0], by_key);
    assert_non_null(hit);
    assert_int_equal(hit - v, 7);   /* which of the equal keys: the CRT's halving */
    key.key = 4;
    assert_null(crt_bsearch(&key, v, ARRAY_SIZE(v), sizeof v[0], by_key));
}

static void test_itoa(void **state)
{
    (void)state;
    char buf[70];
    assert_string_equal(crt_itoa(-255, buf, 16), "ffffff01");     /* other radixes: the bits, unsigned */
    assert_string_equal(crt_itoa(-255, buf, 10), "-255");
    assert_string_equal(crt_ultoa(4000000000u, buf, 36), "1u5hvr4");
    assert_string_equal(crt_i64toa(INT64_MIN, buf, 10), "-9223372036854775808");
    assert_string_equal(crt_i64toa(-1, buf, 2) + 60, "1111");
    assert_int_equal(crt_itoa_s_msvcrt(123456, buf, 4, 10), CRT_ERANGE);
    assert_string_equal(buf, "");
    assert_int_equal(crt_itoa_s_msvcrt(5, buf, 4, 37), CRT_EINVAL);
    assert_int_equal(crt_itoa_s_msvcrt(123, buf, 4, 10), 0);
    assert_string_equal(buf, "123");
}

static void test_bounded_strings(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(crt_strcpy_s_msvcrt(buf, sizeof buf, "1234567"), 0);
    assert_int_equal(crt_strcpy_s_msvcrt(buf, sizeof buf, "12345678"), CRT_ERANGE);
    assert_int_equal(buf[0], 0);
    assert_int_equal(errno_now(), CRT_ERANGE);
    assert_int_equal(crt_strcpy_s_msvcrt(NULL, 4, "x"), CRT_EINVAL);
    strcpy(buf, "abc");
    assert_int_equal(crt_strcat_s_msvcrt(buf, sizeof buf, "defg"), 0);
    assert_string_equal(buf, "abcdefg");
    strcpy(buf, "abc");
    assert_int_equal(crt_strcat_s_msvcrt(buf, sizeof buf, "defgh"), CRT_ERANGE);
    assert_int_equal(buf[0], 0);
    assert_int_equal(crt_strncpy_s_msvcrt(buf, sizeof buf, "truncated", (size_t)-1), 80);   /* STRUNCATE */
    assert_string_equal(buf, "truncat");
    assert_int_equal(crt_strncpy_s_msvcrt(buf, sizeof buf, "abcdef", 3), 0);
    assert_string_equal(buf, "abc");
    memset(buf, 'z', sizeof buf);
    assert_int_equal(crt_memcpy_s_msvcrt(buf, 4, "0123456789", 6), CRT_ERANGE);
    assert_true(buf[0] == 0 && buf[3] == 0 && buf[4] == 'z');   /* the destination is cleared */
    char text[] = "one,two;;three", *ctx = NULL;
    assert_string_equal(crt_strtok_s_msvcrt(text, ",;", &ctx), "one");
    assert_string_equal(crt_strtok_s_msvcrt(NULL, ",;", &ctx), "two");
    assert_string_equal(crt_strtok_s_msvcrt(NULL, ",;", &ctx), "three");
    assert_null(crt_strtok_s_msvcrt(NULL, ",;", &ctx));
    assert_int_equal(crt_stricmp("HeLLo", "hello"), 0);
    assert_true(crt_stricmp("a", "B") < 0);
    assert_int_equal(crt_strcmp("b", "a"), 1);   /* -1, 0 or 1 on x64 */
    WCHAR wtext[] = u"a b,,c", *wctx = NULL;
    assert_int_equal(crt_wcscmp(crt_wcstok_ucrt(wtext, u" ,", &wctx), u"a"), 0);
    assert_int_equal(crt_wcscmp(crt_wcstok_ucrt(NULL, u" ,", &wctx), u"b"), 0);
    assert_int_equal(crt_wcscmp(crt_wcstok_ucrt(NULL, u" ,", &wctx), u"c"), 0);
}

static void test_errno_texts(void **state)
{
    (void)state;
    assert_string_equal(crt_strerror_msvcrt(2), "No such file or directory");
    assert_string_equal(crt_strerror_msvcrt(12), "Not enough space");
    assert_string_equal(crt_strerror_msvcrt(42), "Illegal byte sequence");
    assert_string_equal(crt_strerror_msvcrt(43), "Unknown error");
    assert_string_equal(crt_strerror_msvcrt(100), "Unknown error");
    assert_string_equal(crt_strerror_ucrt(100), "address in use");       /* ucrt's POSIX numbers */
    assert_string_equal(crt_strerror_ucrt(140), "operation would block");
    crt_set_errno(CRT_ENOENT);
    assert_string_equal(crt_strerror_msg_msvcrt("ctx"), "ctx: No such file or directory\n");
    assert_string_equal(crt_strerror_msg_msvcrt(NULL), "No such file or directory\n");
}

static void test_paths(void **state)
{
    (void)state;
    char drive[8], dir[64], fname[64], ext[16], path[128];
    crt_splitpath("c:\\dir.x\\sub/name.tar.gz", drive, dir, fname, ext);
    assert_string_equal(drive, "c:");
    assert_string_equal(dir, "\\dir.x\\sub/");
    assert_string_equal(fname, "name.tar");
    assert_string_equal(ext, ".gz");
    crt_splitpath("noext", drive, dir, fname, ext);
    assert_string_equal(fname, "noext");
    assert_string_equal(ext, "");
    crt_makepath(path, "d", "top\\mid", "file", "txt");
    assert_string_equal(path, "d:top\\mid\\file.txt");
    crt_makepath(path, NULL, "a/", "b", ".c");
    assert_string_equal(path, "a/b.c");
}

static void test_ctype(void **state)
{
    (void)state;
    assert_int_equal(crt_isalpha('a'), 2);       /* the "C" table has no C1_ALPHA bit */
    assert_int_equal(crt_isalpha('A'), 1);
    assert_int_equal(crt_isalpha(0xE9), 0);      /* no class above 0x7F */
    assert_int_equal(crt_isalpha(-1), 0);        /* EOF */
    assert_int_equal(crt_isprint(' '), 0x40);
    assert_int_equal(crt_isspace('\t'), 8);
    assert_int_equal(crt_iswalpha('a'), 0x102);  /* the wide table is GetStringTypeW's */
    assert_true(crt_iswalpha(0xE9));             /* Latin-1 letters are letters */
    assert_true(crt_iswalpha(0x4E2D));           /* CJK */
    assert_true(crt_iswspace(0x3000));
    assert_false(crt_iswalpha(0xFFFF));
    assert_int_equal(crt_towupper(0xE9), 0xE9);  /* "C" locale case mapping is ASCII only */
    assert_int_equal(crt_towupper('q'), 'Q');
}

static void test_conversions(void **state)
{
    (void)state;
    WCHAR w[8];
    assert_int_equal(crt_mbstowcs(w, "A\xe9z", 8), 3);
    assert_int_equal(w[1], 0xE9);                /* "C": a byte is the code point */
    assert_int_equal(crt_mbstowcs(NULL, "abcd", 0), 4);
    char mb[8];
    crt_set_errno(0);
    assert_int_equal(crt_wcstombs(mb, u"a\x20ac", sizeof mb), (size_t)-1);
    assert_int_equal(errno_now(), CRT_EILSEQ);
    assert_int_equal(crt_wcstombs(mb, u"\xff", sizeof mb), 1);
    assert_int_equal((unsigned char)mb[0], 0xFF);
    /* ucrt's uchar.h functions speak UTF-8 whatever the locale: a surrogate pair comes out in two calls */
    uint32_t st = 0;
    WCHAR c;
    assert_int_equal(crt_mbrtoc16(&c, "\xf0\x9f\x98\x80", 4, &st), 4);
    assert_int_equal(c, 0xD83D);
    assert_int_equal(crt_mbrtoc16(&c, "", 0, &st), (size_t)-3);
    assert_int_equal(c, 0xDE00);
    char out[8];
    st = 0;
    assert_int_equal(crt_c16rtomb(out, 0xD83D, &st), 0);
    assert_int_equal(crt_c16rtomb(out, 0xDE00, &st), 4);
    assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
}

static void test_math_errors(void **state)
{
    (void)state;
    crt_set_errno(0);
    assert_true(isnan(crt_sqrt(-1)));
    assert_int_equal(errno_now(), CRT_EDOM);
    crt_set_errno(0);
    assert_true(isinf(crt_log(0)) && crt_log(0) < 0);
    assert_int_equal(errno_now(), CRT_ERANGE);
    crt_set_errno(0);
    assert_true(isinf(crt_exp(1000)));
    assert_int_equal(errno_now(), CRT_ERANGE);
    crt_set_errno(0);
    assert_true(crt_exp(-1000) == 0);
    assert_int_equal(errno_now(), 0);            /* underflow sets nothing */
    crt_set_errno(0);
    assert_true(isnan(crt_pow(-8, 1.0 / 3)));
    assert_int_equal(errno_now(), CRT_EDOM);
    crt_set_errno(0);
    assert_true(isnan(crt_fmod(1, 0)));
    assert_int_equal(errno_now(), 0);            /* only an infinite x is a domain error */
    assert_true(signbit(crt_sqrt(-1)));          /* the indefinite NaN: -nan(ind) */
    assert_int_equal(crt__fpclass(1.0), 0x100);
    assert_int_equal(crt__fpclass(-0.0), 0x20);
    assert_int_equal(crt__fpclass(-INFINITY), 4);
    assert_int_equal(crt__fpclass(5e-324), 0x80);
}

static void test_control_word(void **state)
{
    (void)state;
    unsigned saved = crt__controlfp(0, 0);
    assert_int_equal(saved, 0x8001F);            /* everything masked, nearest, no x87 precision bits on x64 */
    assert_int_equal(crt__controlfp(0x200, 0x300) & 0x300, 0x200);   /* _RC_UP */
    volatile double third = 1.0, three = 3.0;
    double up = third / three;
    crt__controlfp(0x100, 0x300);                /* _RC_DOWN */
    double down = third / three;
    assert_true(up > down);
    crt__controlfp(saved, 0xFFFFFFFF);
    assert_int_equal(crt__controlfp(0, 0), saved);
    crt__clearfp();
    volatile double zero = 0.0;
    volatile double r = 1.0 / zero;
    (void)r;
    assert_int_equal(crt__statusfp() & 0x8, 0x8);   /* _SW_ZERODIVIDE */
    crt__clearfp();
    assert_int_equal(crt__statusfp(), 0);
}

static void test_local_time(void **state)
{
    (void)state;
    static char tz[] = "TZ=EST5EDT";
    static char *env[] = {tz, NULL};
    char **saved = crt_args.envp;
    crt_args.envp = env;   /* the CRT's copy of the environment, without a process */
    crt_tzset();
    assert_int_equal(crt_lib->timezone, 18000);
    assert_int_equal(crt_lib->daylight, 'E');    /* the CRTs keep the character of the DST name */
    assert_string_equal(crt_lib->tzname[0], "EST");
    assert_string_equal(crt_lib->tzname[1], "EDT");
    int64_t before = 1678604399, after = 1678604400;   /* 2023-03-12 06:59:59Z and 07:00:00Z */
    CRT_TM *tm = crt_localtime64_msvcrt(&before);
    assert_int_equal(tm->tm_hour, 1);
    assert_int_equal(tm->tm_isdst, 0);
    tm = crt_localtime64_msvcrt(&after);
    assert_int_equal(tm->tm_hour, 3);
    assert_int_equal(tm->tm_isdst, 1);
    int64_t epoch = 0;
    tm = crt_localtime64_msvcrt(&epoch);
    assert_int_equal(tm->tm_year, 69);           /* local time before 1970 */
    assert_int_equal(tm->tm_hour, 19);
    CRT_TM gap = {0, 30, 2, 12, 2, 123, 0, 0, -1};   /* 02:30 does not exist that day */
    assert_int_equal(crt_mktime64_msvcrt(&gap), 1678602600);
    assert_int_equal(gap.tm_hour, 1);
    CRT_TM summer = {0, 0, 12, 1, 6, 123, 0, 0, 0};  /* standard time asked for in July */
    assert_int_equal(crt_mktime64_msvcrt(&summer), 1688230800);
    assert_int_equal(summer.tm_hour, 13);
    assert_int_equal(summer.tm_isdst, 1);
    CRT_TM local_epoch = {0, 0, 19, 31, 11, 69, 0, 0, -1};
    assert_int_equal(crt_mktime64_msvcrt(&local_epoch), 0);
    static char tz_india[] = "TZ=IST-5:30";
    env[0] = tz_india;
    crt_tzset();
    assert_int_equal(crt_lib->timezone, -19800);
    assert_int_equal(crt_lib->daylight, 0);
    crt_args.envp = saved;
}

/* The kernel's description of the host zone (what GetTimeZoneInformation and _tzset without TZ use): a
 * POSIX TZ rule makes it independent of the host's zone data. */
static void test_time_zone_information(void **state)
{
    (void)state;
    setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);   /* read by the first query of the process */
    RTL_TIME_ZONE_INFORMATION tzi;
    assert_int_equal(KeQueryTimeZoneInformation(&tzi), STATUS_SUCCESS);
    assert_int_equal(tzi.Bias, 300);
    assert_int_equal(tzi.StandardBias, 0);
    assert_int_equal(tzi.DaylightBias, -60);
    assert_memory_equal(tzi.StandardName, u"EST", 8);
    assert_memory_equal(tzi.DaylightName, u"EDT", 8);
    /* the second Sunday of March at 02:00 standard time, the first Sunday of November at 02:00 daylight time */
    assert_int_equal(tzi.DaylightStart.Month, 3);
    assert_int_equal(tzi.DaylightStart.Day, 2);
    assert_int_equal(tzi.DaylightStart.Weekday, 0);
    assert_int_equal(tzi.DaylightStart.Hour, 2);
    assert_int_equal(tzi.DaylightStart.Year, 0);
    assert_int_equal(tzi.StandardStart.Month, 11);
    assert_int_equal(tzi.StandardStart.Day, 1);
    assert_int_equal(tzi.StandardStart.Weekday, 0);
    assert_int_equal(tzi.StandardStart.Hour, 2);
}

/* A TEB for this thread (the CRT's locks are critical sections, which ask for the owner's thread id). */
static int setup(void **state)
{
    (void)state;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rand),          cmocka_unit_test(test_qsort),
        cmocka_unit_test(test_itoa),          cmocka_unit_test(test_bounded_strings),
        cmocka_unit_test(test_errno_texts),   cmocka_unit_test(test_paths),
        cmocka_unit_test(test_ctype),         cmocka_unit_test(test_conversions),
        cmocka_unit_test(test_math_errors),   cmocka_unit_test(test_control_word),
        cmocka_unit_test(test_local_time),    cmocka_unit_test(test_time_zone_information),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
