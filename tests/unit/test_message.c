/* kernel32's FormatMessageA/W: the insert engine (inserts, printf formats, '*' arguments from a va_list and
 * from an array, escapes, line wrapping), the buffer rules and errors, and the system message table. The
 * expected results are what Windows gives (the cases Wine's tests establish). */
#include "unit.h"

#include <stdlib.h>

#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"
#include "win32/k32.h"

#define FROM_STRING    0x00000400
#define FROM_SYSTEM    0x00001000
#define FROM_HMODULE   0x00000800
#define ALLOCATE       0x00000100
#define IGNORE_INSERTS 0x00000200
#define ARGUMENT_ARRAY 0x00002000
#define MAX_WIDTH      0x000000FF

HANDLE WINAPI LocalFree(HANDLE mem);

/* FormatMessage with its inserts as a va_list, the way a Windows caller builds one. */
__attribute__((ms_abi)) static DWORD fmt_a(DWORD flags, const void *src, char *out, DWORD size, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, size);
    DWORD r = FormatMessageA(flags, src, 0, 0, out, size, &ap);
    __builtin_ms_va_end(ap);
    return r;
}

__attribute__((ms_abi)) static DWORD fmt_w(DWORD flags, const void *src, WCHAR *out, DWORD size, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, size);
    DWORD r = FormatMessageW(flags, src, 0, 0, out, size, &ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* The caller's va_list after the call: which argument comes next. */
__attribute__((ms_abi)) static const WCHAR *next_after_w(DWORD flags, const WCHAR *src, WCHAR *out, DWORD size, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, size);
    FormatMessageW(flags, src, 0, 0, out, size, &ap);
    const WCHAR *next = __builtin_va_arg(ap, const WCHAR *);
    __builtin_ms_va_end(ap);
    return next;
}

static char *narrow(const WCHAR *w)
{
    static char buf[4][1024];
    static int slot;
    char *s = buf[slot++ & 3];
    size_t i = 0;
    for (; w[i] && i + 1 < sizeof buf[0]; i++)
        s[i] = w[i] < 0x80 ? (char)w[i] : '?';
    s[i] = 0;
    return s;
}

/* A-version result check: the return value is the length and the text matches. */
#define CHECK_A(expect, r, out)                       \
    do {                                              \
        assert_string_equal((out), (expect));         \
        assert_int_equal((r), strlen(expect));        \
    } while (0)
#define CHECK_W(expect, r, out)                       \
    do {                                              \
        assert_string_equal(narrow(out), (expect));   \
        assert_int_equal((r), strlen(expect));        \
    } while (0)

static void test_inserts(void **state)
{
    (void)state;
    char a[256];
    WCHAR w[256];
    DWORD r;
    r = fmt_a(FROM_STRING, "test", a, sizeof a);
    CHECK_A("test", r, a);
    r = fmt_a(FROM_STRING, "%1!s!", a, sizeof a, "test");
    CHECK_A("test", r, a);
    r = fmt_a(FROM_STRING, "%1%3%2%1", a, sizeof a, "t", "s", "e");
    CHECK_A("test", r, a);
    r = fmt_w(FROM_STRING, u"%1%2", w, 256, u"te", u"st");
    CHECK_W("test", r, w);
    /* s is the caller's kind of string, S the other kind; ls/ws are wide and hs narrow in both */
    r = fmt_a(FROM_STRING, "%1!S!%2!ls!%3!ws!%4!hs!", a, sizeof a, u"a", u"b", u"c", "d");
    CHECK_A("abcd", r, a);
    r = fmt_w(FROM_STRING, u"%1!S!%2!s!%3!hs!%4!ls!", w, 256, "a", u"b", "c", u"d");
    CHECK_W("abcd", r, w);
    r = fmt_a(FROM_STRING, "%1!c!%2!C!%3!lc!%4!hc!", a, sizeof a, 't', u'e', u's', 't');
    CHECK_A("test", r, a);
    r = fmt_w(FROM_STRING, u"%1!c!%2!C!%3!wc!", w, 256, u't', 'e', u's');
    CHECK_W("tes", r, w);
    r = fmt_a(FROM_STRING, "%1", a, sizeof a, NULL);
    CHECK_A("(null)", r, a);
}

static void test_numbers(void **state)
{
    (void)state;
    char a[256];
    WCHAR w[256];
    DWORD r;
    r = fmt_a(FROM_STRING, "%1!d!%2!d!%3!d!", a, sizeof a, 1, 2, 3);
    CHECK_A("123", r, a);
    r = fmt_a(FROM_STRING, "[%1!4d!][%2!-4d!][%3!4x!][%4!4X!][%5!-4X!][%6!4X!]", a, sizeof a, 1, 1, 11, 11, 11, 0x1ab);
    CHECK_A("[   1][1   ][   b][   B][B   ][ 1AB]", r, a);
    r = fmt_w(FROM_STRING, u"%1!4.2u!|%2!+d!|%3!#x!|%4!o!|%5!i!", w, 256, 3, 5, 255, 8, -7);
    CHECK_W("  03|+5|0xff|10|-7", r, w);
    r = fmt_a(FROM_STRING, "%1!I64u!|%2!I64d!|%3!I64d!|%4!u!", a, sizeof a, 0xFFFFFFFFFFFFFFFFull, -1LL,
              -0x7FFFFFFFFFFFFFFFLL, 0xFFFFFFFFu);
    CHECK_A("18446744073709551615|-1|-9223372036854775807|4294967295", r, a);
    r = fmt_a(FROM_STRING, "%1!p!", a, sizeof a, (void *)0x12ab);
    CHECK_A("00000000000012AB", r, a);
}

/* Width and precision from the arguments: a va_list drops an argument after them (Windows' behaviour),
 * an array does not. */
static void test_star_arguments(void **state)
{
    (void)state;
    char a[256];
    DWORD r;
    r = fmt_a(FROM_STRING, "%1!3s!", a, sizeof a, "t");
    CHECK_A("  t", r, a);
    r = fmt_a(FROM_STRING, "%1!*s!", a, sizeof a, 4, "t");
    CHECK_A("   t", r, a);
    r = fmt_a(FROM_STRING, "%1!*.*u!", a, sizeof a, 5, 3, 1);
    CHECK_A("  001", r, a);
    r = fmt_a(FROM_STRING, "%1!*.*u!,%1!*.*u!", a, sizeof a, 5, 3, 1, 4, 2);
    CHECK_A("  001, 0002", r, a);
    r = fmt_a(FROM_STRING, "%1!*.*u!,%3!*.*u!", a, sizeof a, 5, 3, 1, 6, 4, 2);
    CHECK_A("  001,  0002", r, a);
    ULONG_PTR args[] = {6, 4, 2, 5, 3, 1};
    r = FormatMessageA(FROM_STRING | ARGUMENT_ARRAY, "%1!*.*u!,%1!*.*u!", 0, 0, a, sizeof a, (void *)args);
    CHECK_A("  0002, 00003", r, a);
    r = FormatMessageA(FROM_STRING | ARGUMENT_ARRAY, "%1!*.*u!,%4!*.*u!", 0, 0, a, sizeof a, (void *)args);
    CHECK_A("  0002,  001", r, a);
    ULONG_PTR strs[] = {(ULONG_PTR)"one", (ULONG_PTR)"two"};
    r = FormatMessageA(FROM_STRING | ARGUMENT_ARRAY, "%2 %1 %2", 0, 0, a, sizeof a, (void *)strs);
    CHECK_A("two one two", r, a);
}

static void test_escapes_and_line_breaks(void **state)
{
    (void)state;
    char a[256];
    DWORD r;
    r = fmt_a(FROM_STRING, " %%%% ", a, sizeof a);
    CHECK_A(" %% ", r, a);
    r = fmt_a(FROM_STRING, " %.%. %1!d!", a, sizeof a, 0x1ab);
    CHECK_A(" .. 427", r, a);
    r = fmt_a(FROM_STRING, "test%0test", a, sizeof a);
    CHECK_A("test", r, a);
    r = fmt_a(FROM_STRING, "yah%!%0   ", a, sizeof a);
    CHECK_A("yah!", r, a);
    r = fmt_a(FROM_STRING, "% %   ", a, sizeof a);
    CHECK_A("    ", r, a);
    r = fmt_a(FROM_STRING, "%n%r%t", a, sizeof a);
    CHECK_A("\r\n\r\t", r, a);
    r = fmt_a(FROM_STRING, "hi\n", a, sizeof a);
    CHECK_A("hi\r\n", r, a);
    r = fmt_a(FROM_STRING, "hi\r\n", a, sizeof a);
    CHECK_A("hi\r\n", r, a);
    r = fmt_a(FROM_STRING, "\r", a, sizeof a);
    CHECK_A("\r\n", r, a);
    r = fmt_a(FROM_STRING, "\r\r\n", a, sizeof a);
    CHECK_A("\r\n\r\n", r, a);
    /* FORMAT_MESSAGE_MAX_WIDTH_MASK: line breaks of the text become spaces, %n stays */
    r = fmt_a(FROM_STRING | MAX_WIDTH, "hi\n", a, sizeof a);
    CHECK_A("hi ", r, a);
    r = fmt_a(FROM_STRING | MAX_WIDTH, "hi\r\n", a, sizeof a);
    CHECK_A("hi ", r, a);
    r = fmt_a(FROM_STRING | MAX_WIDTH, "\r\r\n", a, sizeof a);
    CHECK_A("  ", r, a);
    r = fmt_a(FROM_STRING | MAX_WIDTH, "a%nb", a, sizeof a);
    CHECK_A("a\r\nb", r, a);
}

static void test_ignore_inserts(void **state)
{
    (void)state;
    char a[256];
    WCHAR w[256];
    DWORD r;
    r = fmt_a(FROM_STRING | IGNORE_INSERTS, "test%1%2!*.*s!%99", a, sizeof a);
    CHECK_A("test%1%2!*.*s!%99", r, a);
    r = fmt_a(FROM_STRING | IGNORE_INSERTS, "%%% %.%!", a, sizeof a);
    CHECK_A("%%% %.%!", r, a);
    r = fmt_a(FROM_STRING | IGNORE_INSERTS, "%n%r%t", a, sizeof a);
    CHECK_A("\r\n\r\t", r, a);
    r = fmt_a(FROM_STRING | IGNORE_INSERTS, "test%0test", a, sizeof a);
    CHECK_A("test", r, a);
    /* nothing left: 0 with ERROR_NO_WORK_DONE; FormatMessageA leaves the buffer, FormatMessageW ends it */
    memcpy(a, "xxxxx", 6);
    SetLastError(0xdeadbeef);
    r = fmt_a(FROM_STRING | IGNORE_INSERTS, "%0test", a, sizeof a);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_NO_WORK_DONE);
    assert_string_equal(a, "xxxxx");
    w[0] = 'x';
    SetLastError(0xdeadbeef);
    r = fmt_w(FROM_STRING | IGNORE_INSERTS, u"%0test", w, 256);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_NO_WORK_DONE);
    assert_int_equal(w[0], 0);
}

/* Wrapping at a width of N: lines strictly shorter than N, broken at the last run of spaces, or inside a
 * word longer than a line. */
static void test_wrapping(void **state)
{
    (void)state;
    static const struct {
        DWORD width;
        const char *in, *out;
    } cases[] = {
        {20, "short long line", "short long line"},
        {11, "short long line", "short long\r\nline"},
        {20, "short long long line", "short long long\r\nline"},
        {10, "short long line", "short\r\nlong line"},
        {16, "short long    line", "short long\r\nline"},
        {16, "short long    wordlongerthanaline", "short long\r\nwordlongerthanal\r\nine"},
        {12, "short long    line", "short long\r\n  line"},
        {12, "short long    wordlongerthanaline", "short long\r\n\r\nwordlongerth\r\nanaline"},
        {15, "   short line", "   short line"},
        {11, "   shortlong line", "\r\nshortlong\r\nline"},
        {11, "l1%n   shortlong line", "l1\r\n\r\nshortlong\r\nline"},
        {5, "                ", "\r\n\r\n\r\n "},
        {5, "l1               ", "l1\r\n\r\n\r\n  "},
        {8, "shortlon", "shortlon\r\n"},
        {8, "shortlongline", "shortlon\r\ngline"},
        {7, "short long line", "short\r\nlong\r\nline"},
        {11, "short\nlong line", "short long\r\nline"},
        {8, "shortlon%n", "shortlon\r\n\r\n"},
        {10, "short%nlong line", "short\r\nlong line"},
        {8, "short%nlong line", "short\r\nlong\r\nline"},
        {10, "short%rlong line", "short\rlong line"},
        {8, "short%rlong line", "short\rlong\r\nline"},
        {11, "short long\tline", "short\r\nlong\tline"},
        {11, "short long-line", "short\r\nlong-line"},
    };
    char a[300];
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        DWORD r = fmt_a(FROM_STRING | cases[i].width, cases[i].in, a, sizeof a);
        CHECK_A(cases[i].out, r, a);
    }
    DWORD r = fmt_a(FROM_STRING | IGNORE_INSERTS | 8, "short%nlong line%1", a, sizeof a);
    CHECK_A("short\r\nlong\r\nline%1", r, a);
}

static void test_errors(void **state)
{
    (void)state;
    char a[8];
    WCHAR w[8];
    DWORD r;
    static const char *const invalid[] = {"%", "test%", "%1"};
    for (size_t i = 0; i < ARRAY_SIZE(invalid); i++) {
        memcpy(a, "xxxxx", 6);
        SetLastError(0xdeadbeef);
        r = FormatMessageA(FROM_STRING, invalid[i], 0, 0, a, sizeof a, NULL);   /* no arguments at all */
        assert_int_equal(r, 0);
        assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
        assert_string_equal(a, "xxxxx");
    }
    r = FormatMessageA(FROM_STRING | ARGUMENT_ARRAY, "%1", 0, 0, a, sizeof a, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* no source: invalid, and an ALLOCATE_BUFFER pointer is cleared first */
    r = FormatMessageA(0, "test", 0, 0, a, sizeof a, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    char *p = (char *)0xdeadbeef;
    r = FormatMessageA(ALLOCATE, "test", 0, 0, (char *)&p, 0, NULL);
    assert_int_equal(r, 0);
    assert_null(p);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* FROM_STRING wins over the other sources */
    r = FormatMessageA(FROM_STRING | FROM_SYSTEM | FROM_HMODULE, "test", 0, 0, a, sizeof a, NULL);
    CHECK_A("test", r, a);
    /* empty */
    SetLastError(0xdeadbeef);
    p = (char *)0xdeadbeef;
    r = FormatMessageA(FROM_STRING | ALLOCATE, "", 0, 0, (char *)&p, 0, NULL);
    assert_int_equal(r, 0);
    assert_null(p);
    assert_int_equal(GetLastError(), ERROR_NO_WORK_DONE);
    /* NULL buffers: FormatMessageW checks the pointer, FormatMessageA the size; A with ALLOCATE and no
     * place for the pointer is out of memory */
    r = FormatMessageW(FROM_SYSTEM, NULL, 0, 0, NULL, 256, NULL);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    r = FormatMessageA(FROM_SYSTEM, NULL, 0, 0, NULL, 0, NULL);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    r = FormatMessageA(FROM_SYSTEM | ALLOCATE, NULL, 0, 0, NULL, 0, NULL);
    assert_int_equal(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
    (void)w;
}

static void test_buffers(void **state)
{
    (void)state;
    char a[5];
    WCHAR w[8];
    DWORD r;
    /* too small: FormatMessageA leaves the buffer alone */
    for (DWORD size = 0; size <= 4; size++) {
        memcpy(a, "xxxxx", 5);
        SetLastError(0xdeadbeef);
        r = FormatMessageA(FROM_STRING, "test", 0, 0, a, size, NULL);
        assert_int_equal(r, 0);
        assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
        assert_memory_equal(a, "xxxxx", 5);
    }
    /* FormatMessageW writes what fits, terminated */
    memcpy(w, u"xxxxxx", 14);
    r = FormatMessageW(FROM_STRING, u"test", 0, 0, w, 1, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_memory_equal(w, u"\0xxxxx", 12);
    memcpy(w, u"xxxxxx", 14);
    r = FormatMessageW(FROM_STRING, u"test", 0, 0, w, 4, NULL);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_memory_equal(w, u"tes\0xx", 12);
    r = FormatMessageW(FROM_STRING, u"test", 0, 0, w, 5, NULL);
    CHECK_W("test", r, w);
    /* ... and stops taking arguments from the caller's list where the buffer ends */
    WCHAR one[1];
    assert_string_equal(narrow(next_after_w(FROM_STRING, u"%1!s! %2!s!", one, 1, u"eaten", u"unused")), "unused");
    /* ALLOCATE_BUFFER: LocalAlloc'ed, at least nSize */
    char *p = NULL;
    r = FormatMessageA(FROM_STRING | ALLOCATE, "test", 0, 0, (char *)&p, 0, NULL);
    CHECK_A("test", r, p);
    LocalFree(p);
    r = FormatMessageA(FROM_STRING | ALLOCATE, "test", 0, 0, (char *)&p, 1024, NULL);
    CHECK_A("test", r, p);
    assert_true(RtlSizeHeap(RtlGetProcessHeap(), 0, p) >= 1024);
    LocalFree(p);
    WCHAR *wp = NULL;
    r = FormatMessageW(FROM_STRING | ALLOCATE, u"test", 0, 0, (WCHAR *)&wp, 0, NULL);
    CHECK_W("test", r, wp);
    LocalFree(wp);
    /* FormatMessageA refuses 32767 characters and more; FormatMessageW does not */
    size_t n = 40000;
    char *big = malloc(n + 1);
    WCHAR *wbig = malloc((n + 1) * sizeof(WCHAR));
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('A' + i % 26), wbig[i] = (WCHAR)big[i];
    big[n] = 0, wbig[n] = 0;
    r = FormatMessageA(FROM_STRING | ALLOCATE, big, 0, 0, (char *)&p, 0, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    big[32766] = 0;
    r = FormatMessageA(FROM_STRING | ALLOCATE, big, 0, 0, (char *)&p, 0, NULL);
    assert_int_equal(r, 32766);
    LocalFree(p);
    r = FormatMessageW(FROM_STRING | ALLOCATE, wbig, 0, 0, (WCHAR *)&wp, 0, NULL);
    assert_int_equal(r, n);
    LocalFree(wp);
    free(big);
    free(wbig);
}

__attribute__((ms_abi)) static DWORD sys_a(DWORD flags, DWORD id, DWORD lang, char *out, DWORD size, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, size);
    DWORD r = FormatMessageA(flags, NULL, id, lang, out, size, &ap);
    __builtin_ms_va_end(ap);
    return r;
}

static void test_system_messages(void **state)
{
    (void)state;
    char a[512];
    WCHAR w[512];
    DWORD r;
    r = FormatMessageA(FROM_SYSTEM, NULL, 2, 0, a, sizeof a, NULL);
    CHECK_A("The system cannot find the file specified.\r\n", r, a);
    r = FormatMessageW(FROM_SYSTEM, NULL, 5, 0x409, w, 512, NULL);
    CHECK_W("Access is denied.\r\n", r, w);
    r = FormatMessageA(FROM_SYSTEM, NULL, 0x80070005, 0, a, sizeof a, NULL);   /* HRESULT_FROM_WIN32 */
    CHECK_A("Access is denied.\r\n", r, a);
    r = FormatMessageA(FROM_SYSTEM, NULL, 0x80004005, 0, a, sizeof a, NULL);   /* E_FAIL */
    CHECK_A("Unspecified error\r\n", r, a);
    r = FormatMessageA(FROM_SYSTEM | MAX_WIDTH, NULL, 3, 0, a, sizeof a, NULL);
    CHECK_A("The system cannot find the path specified. ", r, a);
    /* inserts in system texts: need arguments unless ignored */
    SetLastError(0);
    r = FormatMessageA(FROM_SYSTEM, NULL, 193, 0, a, sizeof a, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    r = FormatMessageA(FROM_SYSTEM | IGNORE_INSERTS, NULL, 193, 0, a, sizeof a, NULL);
    CHECK_A("%1 is not a valid Win32 application.\r\n", r, a);
    r = sys_a(FROM_SYSTEM, 193, 0, a, sizeof a, "x.exe");
    CHECK_A("x.exe is not a valid Win32 application.\r\n", r, a);
    /* an unknown id, a language that is not installed */
    SetLastError(0);
    r = FormatMessageA(FROM_SYSTEM, NULL, 3044, 0, a, sizeof a, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_MR_MID_NOT_FOUND);
    r = FormatMessageA(FROM_SYSTEM, NULL, 2, 0x407, a, sizeof a, NULL);
    assert_int_equal(r, 0);
    assert_int_equal(GetLastError(), ERROR_RESOURCE_LANG_NOT_FOUND);
    /* every error code ntexec uses has its text, ending like the system's */
    static const DWORD codes[] = {
        ERROR_SUCCESS, ERROR_INVALID_FUNCTION, ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND,
        ERROR_TOO_MANY_OPEN_FILES, ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_NOT_ENOUGH_MEMORY,
        ERROR_BAD_ENVIRONMENT, ERROR_BAD_FORMAT, ERROR_INVALID_ACCESS, ERROR_INVALID_DATA, ERROR_OUTOFMEMORY,
        ERROR_INVALID_DRIVE, ERROR_CURRENT_DIRECTORY, ERROR_NOT_SAME_DEVICE, ERROR_NO_MORE_FILES,
        ERROR_WRITE_PROTECT, ERROR_NOT_READY, ERROR_BAD_LENGTH, ERROR_GEN_FAILURE, ERROR_SHARING_VIOLATION,
        ERROR_LOCK_VIOLATION, ERROR_HANDLE_EOF, ERROR_HANDLE_DISK_FULL, ERROR_NOT_SUPPORTED, ERROR_FILE_EXISTS,
        ERROR_INVALID_PARAMETER, ERROR_BROKEN_PIPE, ERROR_OPEN_FAILED, ERROR_BUFFER_OVERFLOW, ERROR_DISK_FULL,
        ERROR_CALL_NOT_IMPLEMENTED, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_NAME, ERROR_MOD_NOT_FOUND,
        ERROR_PROC_NOT_FOUND, ERROR_WAIT_NO_CHILDREN, ERROR_NEGATIVE_SEEK, ERROR_DIR_NOT_ROOT,
        ERROR_DIR_NOT_EMPTY, ERROR_NOT_LOCKED, ERROR_BAD_PATHNAME, ERROR_BUSY, ERROR_INVALID_ORDINAL,
        ERROR_ALREADY_EXISTS, ERROR_BAD_EXE_FORMAT, ERROR_ENVVAR_NOT_FOUND, ERROR_FILENAME_EXCED_RANGE,
        ERROR_EXE_MACHINE_TYPE_MISMATCH, ERROR_BAD_PIPE, ERROR_PIPE_BUSY, ERROR_NO_DATA, ERROR_PIPE_NOT_CONNECTED,
        ERROR_MORE_DATA, ERROR_NO_WORK_DONE, ERROR_NO_MORE_ITEMS, ERROR_DIRECTORY, ERROR_NOT_OWNER,
        ERROR_TOO_MANY_POSTS, ERROR_DELETE_PENDING, ERROR_MR_MID_NOT_FOUND, ERROR_INVALID_ADDRESS,
        ERROR_ARITHMETIC_OVERFLOW, ERROR_IMAGE_MACHINE_TYPE_MISMATCH, ERROR_OPERATION_ABORTED,
        ERROR_IO_PENDING, ERROR_NOACCESS, ERROR_STACK_OVERFLOW, ERROR_INVALID_FLAGS, ERROR_NO_TOKEN,
        ERROR_NO_UNICODE_TRANSLATION, ERROR_DLL_INIT_FAILED, ERROR_IO_DEVICE, ERROR_TOO_MANY_LINKS,
        ERROR_NOT_FOUND, ERROR_PRIVILEGE_NOT_HELD, ERROR_INTERNAL_ERROR, ERROR_NO_SYSTEM_RESOURCES,
        ERROR_TIMEOUT, ERROR_RESOURCE_DATA_NOT_FOUND, ERROR_RESOURCE_TYPE_NOT_FOUND,
        ERROR_RESOURCE_NAME_NOT_FOUND, ERROR_RESOURCE_LANG_NOT_FOUND, ERROR_NOT_A_REPARSE_POINT,
        /* the statuses' DOS errors not named in winerror.h */
        999, 1006,
    };
    for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
        const char *text = BaseSystemMessageText(codes[i]);
        if (!text)
            fail_msg("no system message for %u", (unsigned)codes[i]);
        size_t n = strlen(text);
        assert_true(n > 2 && text[n - 2] == '\r' && text[n - 1] == '\n' && text[n - 3] != ' ');
    }
}

static int setup(void **state)
{
    (void)state;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inserts),          cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_star_arguments),   cmocka_unit_test(test_escapes_and_line_breaks),
        cmocka_unit_test(test_ignore_inserts),   cmocka_unit_test(test_wrapping),
        cmocka_unit_test(test_errors),           cmocka_unit_test(test_buffers),
        cmocka_unit_test(test_system_messages),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
