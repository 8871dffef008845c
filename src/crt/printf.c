/*
 * The printf family over the format engine (crt/format.c): streams and buffers, narrow and wide. Each CRT
 * face calls these with its own options (msvcrt's legacy formatter, or ucrt's option word). Stream output
 * happens under the stream's lock, with a console stream's temporary buffer lent for the call.
 */
#include <string.h>

#include "crt/crt.h"
#include "crt/printf.h"

int crt_vfprintf(CRT_FILE *f, uint64_t options, const char *fmt, __builtin_ms_va_list ap)
{
    if (!f || !fmt) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    char tmp[CRT_BUFSIZ];
    int n = -1, invalid = 0;
    crt_lock_file(f);
    if (crt_stream_is_ansi(f)) {
        bool lent = crt_stbuf(f, tmp);
        CRT_SINK sink = crt_stream_sink(f);
        n = CrtFormatA(&sink, options, NULL, fmt, ap, &invalid);
        crt_ftbuf(lent, f);
    } else {
        invalid = 1;
    }
    crt_unlock_file(f);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

/* Wide output goes character by character through fputwc's rules (multibyte in text mode, UTF-16 units
 * in binary and Unicode modes); an unconvertible character stops the output with EILSEQ. */
static int wide_stream_write(void *ctx, const WCHAR *s, size_t n)
{
    CRT_FILE *f = ctx;
    for (size_t i = 0; i < n; i++)
        if (crt_fputwc_nolock(s[i], f) == CRT_WEOF)
            return 1;
    return 0;
}

int crt_vfwprintf(CRT_FILE *f, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    if (!f || !fmt) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    bool lent = crt_stbuf(f, tmp);
    CRT_WSINK sink = {wide_stream_write, f};
    int invalid = 0;
    int n = CrtFormatW(&sink, options, NULL, fmt, ap, &invalid);
    crt_ftbuf(lent, f);
    crt_unlock_file(f);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

int crt_vsnprintf(char *buf, size_t count, uint64_t options, const char *fmt, __builtin_ms_va_list ap)
{
    int invalid = 0;   /* a NULL format, or no buffer for a count, is the engine's to report */
    int n = CrtFormatBufferA(buf, count, options, NULL, fmt, ap, &invalid);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

int crt_vsnwprintf(WCHAR *buf, size_t count, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    int invalid = 0;
    int n = CrtFormatBufferW(buf, count, options, NULL, fmt, ap, &invalid);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

/* The _s buffer forms (sprintf_s, _snprintf_s, vswprintf_s...): a destination that is too small is
 * cleared and reported (ERANGE), unless count is _TRUNCATE (-1), which truncates and returns -1. buf and
 * fmt are WCHAR strings when wide, char strings otherwise. */
static int vsprintf_s_common(void *buf, size_t size, size_t count, uint64_t options, const void *fmt,
                             __builtin_ms_va_list ap, bool wide)
{
    size_t unit = wide ? sizeof(WCHAR) : 1;
    if (!fmt || !buf || size == 0) {
        if (buf && size)
            memset(buf, 0, unit);
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    bool truncate = count == (size_t)-1;
    size_t room = truncate || count >= size ? size : count + 1;
    options &= ~(CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION | CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR);
    int invalid = 0;
    int n = wide ? CrtFormatBufferW(buf, room, options, NULL, fmt, ap, &invalid)
                 : CrtFormatBufferA(buf, room, options, NULL, fmt, ap, &invalid);
    if (invalid) {
        memset(buf, 0, unit);
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    if (n == -2) {
        if (truncate || count < size)
            return -1;
        memset(buf, 0, unit);
        crt_invalid_parameter(CRT_ERANGE);
        return -1;
    }
    return n;
}

int crt_vsprintf_s(char *buf, size_t size, size_t count, uint64_t options, const char *fmt,
                   __builtin_ms_va_list ap)
{
    return vsprintf_s_common(buf, size, count, options, fmt, ap, false);
}

int crt_vswprintf_s(WCHAR *buf, size_t size, size_t count, uint64_t options, const WCHAR *fmt,
                    __builtin_ms_va_list ap)
{
    return vsprintf_s_common(buf, size, count, options, fmt, ap, true);
}
