/* The C runtime's I/O half, the parts that run without a process: command-line splitting (msvcrt.dll and
 * ucrt rules, and the round trip from the ntexec command line), text-mode expansion, fopen mode parsing,
 * the Win32 error -> errno table, the api-ms-win-crt API set names, and the export tables of both faces
 * (no name twice, the names mingw-w64's start-up code and stdio need). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cmdline.h"
#include "crt/crt.h"
#include "io/builtin.h"
#include "io/io.h"
#include "ntdll/ldr/ldrp.h"

/* ---- helpers ----------------------------------------------------------------------------------------------- */

static WCHAR *widen(const char *s)
{
    size_t n = strlen(s);
    WCHAR *w = calloc(n + 1, sizeof(WCHAR));
    for (size_t i = 0; i < n; i++)
        w[i] = (unsigned char)s[i];
    return w;
}

static char *narrow(const WCHAR *w)
{
    size_t n = 0;
    while (w[n])
        n++;
    char *s = calloc(n + 1, 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)w[i];
    return s;
}

/* Splits cmd with the given rules and compares with the expected arguments (argv[0] included). */
static void check_split(const char *cmd, bool msvcrt, int expect_argc, const char *const *expect)
{
    WCHAR *w = widen(cmd);
    int argc;
    size_t chars;
    crt_split_command_line(w, msvcrt, NULL, NULL, &argc, &chars);
    assert_int_equal(argc, expect_argc);
    WCHAR **argv = calloc((size_t)argc + 1, sizeof *argv);
    WCHAR *buf = calloc(chars + 1, sizeof(WCHAR));
    int argc2;
    size_t chars2;
    crt_split_command_line(w, msvcrt, argv, buf, &argc2, &chars2);
    assert_int_equal(argc2, argc);
    assert_int_equal(chars2, chars);
    assert_null(argv[argc]);
    for (int i = 0; i < argc; i++) {
        char *a = narrow(argv[i]);
        assert_string_equal(a, expect[i]);
        free(a);
    }
    free(argv);
    free(buf);
    free(w);
}

/* ---- command lines ------------------------------------------------------------------------------------------- */

static void test_split_basic(void **state)
{
    (void)state;
    static const char *const e1[] = {"prog.exe", "a", "b c", "d\"e", "f\\\\g", "h\\", ""};
    check_split("prog.exe a \"b c\" d\\\"e f\\\\g h\\ \"\"", true, 7, e1);
    check_split("prog.exe a \"b c\" d\\\"e f\\\\g h\\ \"\"", false, 7, e1);
    static const char *const e2[] = {"p", "x\\", "\\\"y"};
    check_split("p \"x\\\\\" \\\\\\\"y", true, 3, e2);
    static const char *const e3[] = {"C:\\Program Files\\x.exe", "arg"};
    check_split("\"C:\\Program Files\\x.exe\" arg", true, 2, e3);
    /* quotes toggle inside the program name, which ends at the next blank outside them */
    static const char *const e4[] = {"ab c.exe", "z"};
    check_split("a\"b c\".exe z", true, 2, e4);
    check_split("a\"b c\".exe z", false, 2, e4);
    static const char *const e5[] = {"p"};
    check_split("p   \t ", true, 1, e5);
    static const char *const e6[] = {"", "x"};
    check_split("\"\" x", false, 2, e6);
}

/* "" inside quotes: msvcrt.dll's stdargv.c copies one quote and ends the quoted part, ucrt stays quoted. */
static void test_split_double_quotes(void **state)
{
    (void)state;
    static const char *const ms[] = {"p", "a\"b", "c", "d x\"", "y"};
    check_split("p \"a\"\"b c d\" \"x\"\"\" y", true, 5, ms);
    static const char *const uc[] = {"p", "a\"b c d", "x\"", "y"};
    check_split("p \"a\"\"b c d\" \"x\"\"\" y", false, 4, uc);
    static const char *const ms2[] = {"p", "e\"f"};
    check_split("p e\"\"\"f\"", true, 2, ms2);
    static const char *const uc2[] = {"p", "e\"f"};
    check_split("p e\"\"\"f\"", false, 2, uc2);
}

/* The acceptance corpus' crt/argv arguments survive ntexec's quoting and the CRT's splitting. */
static void test_split_round_trip(void **state)
{
    (void)state;
    char *const args[] = {"argv.exe", "plain", "two words", "dq\"inside", "back\\slash", "trail\\", "two\\\\",
                          "q\\\"x", "", "\ttab\t", "ends\"", "\\\\\"", "a\\\\b c", "*.exe", "semi;colon",
                          "%PATH%", "it's", "\\", "\"", " "};
    int n = (int)(sizeof args / sizeof args[0]);
    char *line = cli_build_command_line(n, args);
    assert_non_null(line);
    check_split(line, true, n, (const char *const *)args);
    check_split(line, false, n, (const char *const *)args);
    free(line);
}

/* ---- text mode --------------------------------------------------------------------------------------------- */

static void test_text_expand(void **state)
{
    (void)state;
    char out[16];
    size_t taken;
    size_t n = crt_text_expand("a\nb\n\n", 5, out, sizeof out, &taken);
    assert_int_equal(n, 8);
    assert_int_equal(taken, 5);
    assert_memory_equal(out, "a\r\nb\r\n\r\n", 8);
    /* room for two bytes only: a '\n' is never split from its '\r' */
    n = crt_text_expand("x\ny", 3, out, 2, &taken);
    assert_int_equal(n, 1);
    assert_int_equal(taken, 1);
    n = crt_text_expand("\ny", 2, out, 2, &taken);
    assert_int_equal(n, 2);
    assert_int_equal(taken, 1);
    assert_memory_equal(out, "\r\n", 2);
    /* "\r\n" already there becomes "\r\r\n", as on Windows */
    n = crt_text_expand("\r\n", 2, out, sizeof out, &taken);
    assert_int_equal(n, 3);
    assert_memory_equal(out, "\r\r\n", 3);
    WCHAR wout[8];
    static const WCHAR win[] = {'a', '\n', 0x263A};
    n = crt_text_expand_w(win, 3, wout, 8, &taken);
    assert_int_equal(n, 4);
    assert_int_equal(wout[1], '\r');
    assert_int_equal(wout[2], '\n');
    assert_int_equal(wout[3], 0x263A);
}

/* ---- fopen modes ------------------------------------------------------------------------------------------- */

static bool mode(const char *m, int *sflag, int *oflag)
{
    WCHAR *w = widen(m);
    bool ok = crt_parse_fopen_mode(w, sflag, oflag);
    free(w);
    return ok;
}

static void test_fopen_modes(void **state)
{
    (void)state;
    int s, o;
    assert_true(mode("r", &s, &o));
    assert_int_equal(s, CRT_IOREAD);
    assert_int_equal(o, CRT_O_RDONLY);
    assert_true(mode("w", &s, &o));
    assert_int_equal(s, CRT_IOWRT);
    assert_int_equal(o, CRT_O_WRONLY | CRT_O_CREAT | CRT_O_TRUNC);
    assert_true(mode("a+b", &s, &o));
    assert_int_equal(s, CRT_IORW);
    assert_int_equal(o, CRT_O_RDWR | CRT_O_CREAT | CRT_O_APPEND | CRT_O_BINARY);
    assert_true(mode("rt+", &s, &o));
    assert_int_equal(o, CRT_O_RDWR | CRT_O_TEXT);
    assert_true(mode("wbc", &s, &o));
    assert_int_equal(s, CRT_IOWRT | CRT_IOCOMMIT);
    assert_true(mode("w+TD", &s, &o));
    assert_int_equal(o & (CRT_O_SHORT_LIVED | CRT_O_TEMPORARY), CRT_O_SHORT_LIVED | CRT_O_TEMPORARY);
    /* a second letter of a group ends the parse: "rbt" is binary, the 't' ignored */
    assert_true(mode("rbt", &s, &o));
    assert_int_equal(o & (CRT_O_TEXT | CRT_O_BINARY), CRT_O_BINARY);
    assert_false(mode("q", &s, &o));
    assert_false(mode("", &s, &o));
    assert_false(mode("rz", &s, &o));
    assert_true(mode("w, ccs=UTF-8", &s, &o));
    assert_int_equal(o & CRT_O_U8TEXT, CRT_O_U8TEXT);
    assert_true(mode("r,ccs=UNICODE", &s, &o));
    assert_int_equal(o & CRT_O_WTEXT, CRT_O_WTEXT);
    assert_true(mode("a, ccs=utf-16le", &s, &o));
    assert_int_equal(o & CRT_O_U16TEXT, CRT_O_U16TEXT);
    assert_false(mode("wb, ccs=UTF-8", &s, &o));
    assert_false(mode("w, ccs=latin1", &s, &o));
    /* "x" is C11: ucrt creates exclusively; msvcrt.dll stops reading the mode there */
    crt_ucrt_semantics = true;
    assert_true(mode("wx", &s, &o));
    assert_int_equal(o & CRT_O_EXCL, CRT_O_EXCL);
    assert_false(mode("rx", &s, &o));
    crt_ucrt_semantics = false;
    assert_true(mode("wx", &s, &o));
    assert_int_equal(o & CRT_O_EXCL, 0);
}

/* ---- errno --------------------------------------------------------------------------------------------------- */

static void test_dosmaperr(void **state)
{
    (void)state;
    assert_int_equal(crt_errno_from_win32(2), CRT_ENOENT);
    assert_int_equal(crt_errno_from_win32(3), CRT_ENOENT);
    assert_int_equal(crt_errno_from_win32(5), CRT_EACCES);
    assert_int_equal(crt_errno_from_win32(6), CRT_EBADF);
    assert_int_equal(crt_errno_from_win32(32), CRT_EACCES);      /* sharing violation, in the 19..36 range */
    assert_int_equal(crt_errno_from_win32(80), CRT_EEXIST);
    assert_int_equal(crt_errno_from_win32(183), CRT_EEXIST);
    assert_int_equal(crt_errno_from_win32(109), CRT_EPIPE);
    assert_int_equal(crt_errno_from_win32(112), CRT_ENOSPC);
    assert_int_equal(crt_errno_from_win32(145), CRT_ENOTEMPTY);
    assert_int_equal(crt_errno_from_win32(193), CRT_ENOEXEC);    /* the 188..202 range */
    assert_int_equal(crt_errno_from_win32(267), CRT_EINVAL);     /* not in the table */
    assert_int_equal(crt_errno_from_win32(0), CRT_EINVAL);
}

/* ---- API sets ------------------------------------------------------------------------------------------------ */

static void test_api_sets(void **state)
{
    (void)state;
    /* every api-ms-win-crt DLL mingw-w64's libucrt.a imports from */
    static const char *const sets[] = {
        "conio", "convert", "environment", "filesystem", "heap", "locale", "math", "multibyte",
        "private", "process", "runtime", "stdio", "string", "time", "utility",
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "api-ms-win-crt-%s-l1-1-0.dll", sets[i]);
        const char *host = LdrpResolveApiSet(name);
        assert_non_null(host);
        assert_string_equal(host, "ucrtbase.dll");
        snprintf(name, sizeof name, "API-MS-WIN-CRT-%s-L1-1-0", sets[i]);
        assert_non_null(LdrpResolveApiSet(name));
    }
}

/* ---- export tables ------------------------------------------------------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const struct builtin_export *find_export(const struct builtin_dll *dll, const char *name)
{
    for (size_t i = 0; i < dll->nexports; i++)
        if (strcmp(dll->exports[i].name, name) == 0)
            return &dll->exports[i];
    return NULL;
}

/* Every name once: two halves of the CRT exporting one name would leave the loader's pick to chance. */
static void check_unique(const char *dll_name)
{
    const struct builtin_dll *dll = IoFindBuiltinDll(dll_name);
    assert_non_null(dll);
    const char **names = calloc(dll->nexports, sizeof *names);
    for (size_t i = 0; i < dll->nexports; i++)
        names[i] = dll->exports[i].name;
    qsort(names, dll->nexports, sizeof *names, compare_names);
    for (size_t i = 1; i < dll->nexports; i++)
        if (strcmp(names[i - 1], names[i]) == 0)
            fail_msg("%s exports %s twice", dll_name, names[i]);
    free(names);
}

static void check_present(const char *dll_name, const char *const *names, size_t n)
{
    const struct builtin_dll *dll = IoFindBuiltinDll(dll_name);
    assert_non_null(dll);
    for (size_t i = 0; i < n; i++)
        if (!find_export(dll, names[i]))
            fail_msg("%s lacks %s", dll_name, names[i]);
}

static void test_exports_msvcrt(void **state)
{
    (void)state;
    check_unique("msvcrt.dll");
    /* what mingw-w64's crt2.o/dllcrt2.o and its stdio need, and the data exports */
    static const char *const need[] = {
        "__getmainargs", "__wgetmainargs", "__set_app_type", "__setusermatherr", "_initterm", "_onexit",
        "atexit", "__dllonexit", "exit", "_exit", "_cexit", "_c_exit", "_amsg_exit", "__iob_func", "_errno",
        "__doserrno", "__p__fmode", "__p__commode", "_fmode", "_commode", "__initenv", "_acmdln", "_wcmdln",
        "_iob", "__argc", "__argv", "_environ", "_pgmptr", "_lock", "_unlock", "_lock_file", "_unlock_file",
        "printf", "fprintf", "vfprintf", "sprintf", "_snprintf", "_vsnprintf", "_vscprintf", "_snwprintf",
        "_vsnwprintf", "wprintf", "fwprintf", "swprintf", "sprintf_s", "_snprintf_s", "scanf", "fscanf",
        "sscanf", "swscanf", "_snscanf", "fwscanf", "fopen", "_wfopen", "fclose", "fread", "fwrite", "fgets",
        "fputs", "fgetc", "fputc", "getc", "putc", "ungetc", "fseek", "ftell", "_fseeki64", "_ftelli64",
        "fgetpos", "fsetpos", "fflush", "_flushall", "_fcloseall", "setvbuf", "setbuf", "tmpfile", "tmpnam",
        "freopen", "_fdopen", "_fileno", "_filbuf", "_flsbuf", "fputwc", "fgetwc", "fputws", "fgetws",
        "_putws", "putwchar", "_open", "_wopen", "_sopen", "_close", "_read", "_write", "_lseek", "_lseeki64",
        "_tell", "_telli64", "_eof", "_commit", "_chsize", "_filelength", "_dup", "_dup2", "_setmode",
        "_isatty", "_get_osfhandle", "_open_osfhandle", "_access", "_waccess", "_stat", "_stat64", "_stati64",
        "_fstat", "_fstat64", "_wstat", "_wstat64", "_unlink", "remove", "rename", "_wremove", "_wrename",
        "_mkdir", "_rmdir", "_getcwd", "_wgetcwd", "_chdir", "_getdcwd", "_findfirst", "_findnext",
        "_findfirst64", "_findnext64", "_wfindfirst", "_findclose", "_getpid", "perror", "puts", "gets",
        "getchar", "putchar", "_getch", "_putch", "_cputs",
    };
    check_present("msvcrt.dll", need, sizeof need / sizeof need[0]);
    const struct builtin_dll *dll = IoFindBuiltinDll("msvcrt.dll");
    assert_int_equal(find_export(dll, "_iob")->kind, BUILTIN_DATA);
    assert_int_equal(find_export(dll, "printf")->kind, BUILTIN_FUNC);
}

static void test_exports_ucrtbase(void **state)
{
    (void)state;
    check_unique("ucrtbase.dll");
    static const char *const need[] = {
        "_configure_narrow_argv", "_configure_wide_argv", "_initialize_narrow_environment",
        "_initialize_wide_environment", "_get_initial_narrow_environment", "_get_initial_wide_environment",
        "__p___argc", "__p___argv", "__p___wargv", "__p__environ", "__p__wenviron", "__p__acmdln", "__p__fmode",
        "__p__commode", "_initterm", "_initterm_e", "_crt_atexit", "_crt_at_quick_exit",
        "_register_onexit_function", "_initialize_onexit_table", "_execute_onexit_table", "_seh_filter_exe",
        "_seh_filter_dll", "_set_app_type", "__acrt_iob_func", "_configthreadlocale", "_set_new_mode",
        "__setusermatherr", "_set_fmode", "_get_fmode", "_set_invalid_parameter_handler", "exit", "_exit",
        "_cexit", "quick_exit", "_errno", "__doserrno", "__stdio_common_vfprintf", "__stdio_common_vsprintf",
        "__stdio_common_vsnprintf_s", "__stdio_common_vsprintf_s", "__stdio_common_vswprintf",
        "__stdio_common_vfwprintf", "__stdio_common_vfscanf", "__stdio_common_vsscanf",
        "__stdio_common_vfwscanf", "__stdio_common_vswscanf", "fopen", "fwrite", "fread", "puts", "fputs",
        "putchar", "_lock_file", "_unlock_file", "_stat64", "_fstat64", "_stat64i32", "_findfirst64", "_open",
        "_read", "_write", "_close",
    };
    check_present("ucrtbase.dll", need, sizeof need / sizeof need[0]);
    /* ucrt's FILE is opaque: no _iob variable */
    assert_null(find_export(IoFindBuiltinDll("ucrtbase.dll"), "_iob"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_basic),
        cmocka_unit_test(test_split_double_quotes),
        cmocka_unit_test(test_split_round_trip),
        cmocka_unit_test(test_text_expand),
        cmocka_unit_test(test_fopen_modes),
        cmocka_unit_test(test_dosmaperr),
        cmocka_unit_test(test_api_sets),
        cmocka_unit_test(test_exports_msvcrt),
        cmocka_unit_test(test_exports_ucrtbase),
    };
    return RUN_TESTS(tests);
}
