/*
 * The printf family over the format engine (crt/format.c): streams and buffers, narrow and wide. Each CRT
 * face calls these with its own options (msvcrt's legacy formatter, or ucrt's option word).
 */
#include <string.h>

#include "crt/crt.h"
#include "crt/printf.h"

int crt_vfprintf(CRT_FILE *f, uint64_t options, const char *fmt, __builtin_ms_va_list ap)
{
    if (!f || !fmt) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    bool lent = crt_stbuf(f, tmp);
    CRT_SINK sink = crt_stream_sink(f);
    int invalid = 0;
    int n = CrtFormatA(&sink, options, NULL, fmt, ap, &invalid);
    crt_ftbuf(lent, f);
    crt_unlock_file(f);
    if (invalid)
        crt_set_errno(CRT_EINVAL);
    return n;
}

/* Wide output to a stream goes out as multibyte characters of the current ("C") locale, as msvcrt's
 * fputwc does in text mode: a character without one stops the output with EILSEQ. */
struct wide_stream {
    CRT_FILE *f;
};

static int wide_stream_write(void *ctx, const WCHAR *s, size_t n)
{
    struct wide_stream *w = ctx;
    for (size_t i = 0; i < n; i++) {
        char mb[8];
        int len = CrtCLocaleWcToMb(NULL, s[i], mb);
        if (len < 0) {
            crt_set_errno(CRT_EILSEQ);
            return 1;
        }
        if (crt_fwrite_nolock(mb, 1, (size_t)len, w->f) != (size_t)len)
            return 1;
    }
    return 0;
}

int crt_vfwprintf(CRT_FILE *f, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    if (!f || !fmt) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    bool lent = crt_stbuf(f, tmp);
    struct wide_stream ws = {f};
    CRT_WSINK sink = {wide_stream_write, &ws};
    int invalid = 0;
    int n = CrtFormatW(&sink, options, NULL, fmt, ap, &invalid);
    crt_ftbuf(lent, f);
    crt_unlock_file(f);
    if (invalid)
        crt_set_errno(CRT_EINVAL);
    return n;
}

int crt_vsnprintf(char *buf, size_t count, uint64_t options, const char *fmt, __builtin_ms_va_list ap)
{
    if (!fmt || (!buf && count)) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    int invalid = 0;
    int n = CrtFormatBufferA(buf, count, options, NULL, fmt, ap, &invalid);
    if (invalid)
        crt_set_errno(CRT_EINVAL);
    return n;
}

int crt_vsnwprintf(WCHAR *buf, size_t count, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    if (!fmt || (!buf && count)) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    int invalid = 0;
    int n = CrtFormatBufferW(buf, count, options, NULL, fmt, ap, &invalid);
    if (invalid)
        crt_set_errno(CRT_EINVAL);
    return n;
}
