/* The CRT's own printf family (not mingw's C99 one): the stream and buffer forms, narrow and wide, and
 * what differs between msvcrt.dll (3-digit exponents, 1.#INF, %s wide in wprintf) and ucrtbase.dll
 * (2-digit exponents, inf/nan, C99 snprintf, %n off until enabled). */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void WINAPI_handler(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned line, uintptr_t r)
{
    (void)e, (void)f, (void)file, (void)line, (void)r;
    printf("  (invalid parameter handler called)\n");
}

int main(void)
{
    volatile double zero = 0.0;
    char buf[64];
    wchar_t wbuf[64];
    int r;

    printf("e/g: [%e] [%.2E] [%g] [%G]\n", 12345.678, 0.00012, 1e-10, 2.5e20);
    printf("f: [%.3f] [%10.1f] [%-8.2f|] [%+.0f] [%.0f]\n", 3.14159, -2.25, 1.5, 2.5, 3.5);
    printf("inf/nan: [%f] [%e] [%.1f]\n", 1 / zero, -1 / zero, zero / zero);
    printf("ints: [%d] [%5u] [%-5x|] [%#o] [%lld] [%hd]\n", -7, 42u, 255, 8, 1LL << 40, (short)70000);
    printf("strings: [%s] [%.2s] [%5c] [%-3c|]\n", "text", "abc", 'x', 'y');
    printf("pointer: [%p]\n", (void *)(size_t)0xABCDEF);
    r = printf("%s", "");
    printf("empty printf returns %d\n", r);

    r = sprintf(buf, "%05d|%-4s|%x", 42, "ab", 48879);
    printf("sprintf: %d [%s]\n", r, buf);
    memset(buf, '#', sizeof buf);
    r = _snprintf(buf, 5, "%s", "123456789");
    buf[10] = 0;
    printf("_snprintf 5 of 9: %d [%.5s] byte5 %c\n", r, buf, buf[5]);
    r = _snprintf(buf, 9, "%s", "123456789");
    printf("_snprintf exactly 9: %d, NUL written: %d\n", r, buf[9] == 0);
    r = _scprintf("%d-%s", 1234, "abc");
    printf("_scprintf: %d\n", r);
    volatile size_t four = 4;
    r = snprintf(buf, four, "%d", 123456);
    printf("snprintf 4 of 6: %d [%s]\n", r, buf);

    r = _snwprintf(wbuf, 64, L"%d|%ls|%hs", 5, L"wide", "narrow");
    printf("_snwprintf: %d [%ls]\n", r, wbuf);
    r = _snwprintf(wbuf, 3, L"%s", L"abcdef");
    printf("_snwprintf 3 of 6: %d\n", r);
    r = _scwprintf(L"%ls %d", L"xyz", 10);
    printf("_scwprintf: %d\n", r);
    fwprintf(stdout, L"fwprintf: %d %ls\n", 3, L"wide");
    wprintf(L"wprintf: %c%c\n", L'o', L'k');
    fflush(stdout);

    /* sprintf_s: too small a buffer is an error reported to the handler and the buffer is emptied (Wine
     * leaves the truncated text); mingw's msvcrt import library keeps the handler to itself */
    _set_invalid_parameter_handler(WINAPI_handler);
    buf[0] = 'Z';
    r = sprintf_s(buf, 4, "%s", "toolong");
    printf("sprintf_s too small: %d, buf[0] %d\n", r, buf[0]);
    r = _snprintf_s(buf, 8, _TRUNCATE, "%s", "truncated text");
    printf("_snprintf_s _TRUNCATE: %d [%s]\n", r, buf);
    r = sprintf_s(buf, sizeof buf, "%d+%d", 2, 3);
    printf("sprintf_s fits: %d [%s]\n", r, buf);
    fflush(stdout);
    return 0;
}
