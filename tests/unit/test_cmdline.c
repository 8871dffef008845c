/* The ntexec command's quoting of arguments into a Windows command line. */
#include "unit.h"

#include <stdlib.h>

#include "cli/cmdline.h"

static void check(const char *arg, const char *want)
{
    char out[256];
    size_t n = cli_quote_argument(arg, out);
    out[n] = 0;
    assert_string_equal(out, want);
    assert_int_equal(cli_quote_argument(arg, NULL), n);
}

static void test_quoting(void **state)
{
    (void)state;
    check("plain", "plain");
    check("two words", "\"two words\"");
    check("", "\"\"");
    check("back\\slash", "back\\slash");           /* backslashes alone are literal */
    check("trail\\", "trail\\");
    check("a\"b", "\"a\\\"b\"");
    check("x\\\"y", "\"x\\\\\\\"y\"");             /* x\"y: the backslash doubled, the quote escaped */
    check("sp ace\\", "\"sp ace\\\\\"");           /* a trailing backslash before the closing quote doubles */
    check("\ttab", "\"\ttab\"");
}

static void test_whole_line(void **state)
{
    (void)state;
    char *argv[] = {"C:\\dir with space\\p.exe", "a", "b c", ""};
    char *line = cli_build_command_line(4, argv);
    assert_string_equal(line, "\"C:\\dir with space\\p.exe\" a \"b c\" \"\"");
    free(line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_quoting), cmocka_unit_test(test_whole_line)};
    return RUN_TESTS(tests);
}
