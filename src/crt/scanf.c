/*
 * The scanf family over the scan engine (crt/scan.c): streams (under the stream's lock, characters
 * pushed back with ungetc as the CRTs do) and strings, narrow and wide. The faces pass their options.
 */
#include "crt/crt.h"
#include "crt/printf.h"
#include "crt/scan.h"

static int stream_get(void *ctx)
{
    int c = crt_fgetc_nolock(ctx);
    return c == CRT_EOF ? -1 : c;
}

static void stream_unget(void *ctx, int c)
{
    crt_ungetc_nolock(c, ctx);
}

static int wstream_get(void *ctx)
{
    WCHAR c = crt_fgetwc_nolock(ctx);
    return c == CRT_WEOF ? -1 : c;
}

static void wstream_unget(void *ctx, int c)
{
    CRT_FILE *f = ctx;
    WCHAR w = (WCHAR)c;
    /* the unit goes back the way fgetwc took it: one byte in text mode, two otherwise */
    if ((crt_lowio_flags(f->_file) & CRT_FTEXT) && crt_lowio_textmode(f->_file) == CRT_TM_ANSI) {
        crt_ungetc_nolock(w & 0xFF, f);
    } else {
        crt_ungetc_nolock(w >> 8, f);
        crt_ungetc_nolock(w & 0xFF, f);
    }
}

int crt_vfscanf(CRT_FILE *f, uint64_t options, const char *fmt, __builtin_ms_va_list ap)
{
    if (!f || !fmt) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EOF;
    }
    crt_lock_file(f);
    CRT_SOURCE src = {stream_get, stream_unget, f};
    int invalid = 0;
    int n = CrtScanA(&src, options, NULL, fmt, ap, &invalid);
    crt_unlock_file(f);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

int crt_vfwscanf(CRT_FILE *f, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    if (!f || !fmt) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EOF;
    }
    crt_lock_file(f);
    CRT_SOURCE src = {wstream_get, wstream_unget, f};
    int invalid = 0;
    int n = CrtScanW(&src, options, NULL, fmt, ap, &invalid);
    crt_unlock_file(f);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

int crt_vsnscanf(const char *s, size_t length, uint64_t options, const char *fmt, __builtin_ms_va_list ap)
{
    int invalid = 0;   /* a NULL string or format is the engine's to report */
    int n = CrtScanStringA(s, length, options, NULL, fmt, ap, &invalid);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}

int crt_vsnwscanf(const WCHAR *s, size_t length, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    int invalid = 0;
    int n = CrtScanStringW(s, length, options, NULL, fmt, ap, &invalid);
    if (invalid)
        crt_invalid_parameter(CRT_EINVAL);
    return n;
}
