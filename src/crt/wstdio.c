/*
 * Wide character stream I/O (fputwc, fgetwc, fputws, fgetws, ungetwc) with msvcrt's rules, which ucrt
 * keeps: on a text-mode descriptor a character goes out as its multibyte form in the current locale (the
 * "C" locale: U+0000..U+00FF as one byte, anything else fails with EILSEQ); on a binary descriptor, and on
 * _O_U16TEXT/_O_U8TEXT ones (lowio encodes those), it is the two bytes of the UTF-16 unit.
 */
#include <string.h>

#include "crt/crt.h"
#include "crt/face.h"

/* Whether wide characters go to the stream's buffer as UTF-16 units rather than multibyte characters. */
static bool stream_is_utf16(CRT_FILE *f)
{
    if (f->_flag & CRT_IOSTRG)
        return true;
    return !(crt_lowio_flags(f->_file) & CRT_FTEXT) || crt_lowio_textmode(f->_file) != CRT_TM_ANSI;
}

WCHAR crt_fputwc_nolock(WCHAR c, CRT_FILE *f)
{
    if (stream_is_utf16(f))
        return crt_fwrite_nolock(&c, sizeof c, 1, f) == 1 ? c : CRT_WEOF;
    char mb[8];
    int n = CrtCLocaleWcToMb(NULL, c, mb);
    if (n < 0) {
        crt_set_errno(CRT_EILSEQ);
        return CRT_WEOF;
    }
    for (int i = 0; i < n; i++)
        if (crt_fputc_nolock((unsigned char)mb[i], f) == CRT_EOF)
            return CRT_WEOF;
    return c;
}

WCHAR crt_fgetwc_nolock(CRT_FILE *f)
{
    if (stream_is_utf16(f)) {
        WCHAR c;
        return crt_fread_nolock(&c, sizeof c, 1, f) == 1 ? c : CRT_WEOF;
    }
    int b = crt_fgetc_nolock(f);
    if (b == CRT_EOF)
        return CRT_WEOF;
    char mb = (char)b;
    WCHAR c;
    if (CrtCLocaleMbToWc(NULL, &mb, 1, &c) < 0) {
        crt_set_errno(CRT_EILSEQ);
        return CRT_WEOF;
    }
    return c;
}

static WCHAR ungetwc_nolock(WCHAR c, CRT_FILE *f)
{
    if (c == CRT_WEOF)
        return CRT_WEOF;
    if (stream_is_utf16(f)) {
        /* two bytes back, high one first so that the unit reads back little-endian */
        if (crt_ungetc_nolock(c >> 8, f) == CRT_EOF)
            return CRT_WEOF;
        if (crt_ungetc_nolock(c & 0xFF, f) == CRT_EOF) {
            crt_fgetc_nolock(f);
            return CRT_WEOF;
        }
        return c;
    }
    char mb[8];
    if (CrtCLocaleWcToMb(NULL, c, mb) != 1)
        return CRT_WEOF;
    return crt_ungetc_nolock((unsigned char)mb[0], f) == CRT_EOF ? CRT_WEOF : c;
}

WCHAR crt_fputwc_locked(WCHAR c, CRT_FILE *f)
{
    if (!f) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_WEOF;
    }
    crt_lock_file(f);
    WCHAR r = crt_fputwc_nolock(c, f);
    crt_unlock_file(f);
    return r;
}

WCHAR crt_fgetwc_locked(CRT_FILE *f)
{
    if (!f) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_WEOF;
    }
    crt_lock_file(f);
    WCHAR r = crt_fgetwc_nolock(f);
    crt_unlock_file(f);
    return r;
}

/* wint_t is an unsigned short in both CRTs. */
WCHAR WINAPI crtio_fputwc(WCHAR c, CRT_FILE *f) { return crt_fputwc_locked(c, f); }
WCHAR WINAPI crtio_fgetwc(CRT_FILE *f) { return crt_fgetwc_locked(f); }
WCHAR WINAPI crtio__fputwc_nolock(WCHAR c, CRT_FILE *f) { return f ? crt_fputwc_nolock(c, f) : CRT_WEOF; }
WCHAR WINAPI crtio__fgetwc_nolock(CRT_FILE *f) { return f ? crt_fgetwc_nolock(f) : CRT_WEOF; }

WCHAR WINAPI crtio_ungetwc(WCHAR c, CRT_FILE *f)
{
    if (!f) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_WEOF;
    }
    crt_lock_file(f);
    WCHAR r = ungetwc_nolock(c, f);
    crt_unlock_file(f);
    return r;
}

WCHAR WINAPI crtio__ungetwc_nolock(WCHAR c, CRT_FILE *f)
{
    return f ? ungetwc_nolock(c, f) : CRT_WEOF;
}

static int fputws_locked(const WCHAR *s, CRT_FILE *f, bool newline)
{
    if (!s || !f) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_WEOF;
    }
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    bool lent = crt_stbuf(f, tmp);
    int r = 0;
    for (; *s && r == 0; s++)
        if (crt_fputwc_nolock(*s, f) == CRT_WEOF)
            r = CRT_WEOF;
    if (r == 0 && newline && crt_fputwc_nolock('\n', f) == CRT_WEOF)
        r = CRT_WEOF;
    crt_ftbuf(lent, f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crtio_fputws(const WCHAR *s, CRT_FILE *f) { return fputws_locked(s, f, false); }
int crt_putws_stream(CRT_FILE *f, const WCHAR *s) { return fputws_locked(s, f, true); }

WCHAR *WINAPI crtio_fgetws(WCHAR *buf, int n, CRT_FILE *f)
{
    if (!buf || n <= 0 || !f) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    crt_lock_file(f);
    int i = 0;
    WCHAR *result = buf;
    while (i < n - 1) {
        WCHAR c = crt_fgetwc_nolock(f);
        if (c == CRT_WEOF) {
            if (i == 0)
                result = NULL;
            break;
        }
        buf[i++] = c;
        if (c == '\n')
            break;
    }
    if (result)
        buf[i] = 0;
    crt_unlock_file(f);
    return result;
}

WCHAR *crt_getws_stream(CRT_FILE *f, WCHAR *buf, size_t size, bool secure)
{
    if (!buf || (secure && size == 0)) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    crt_lock_file(f);
    size_t i = 0;
    bool too_long = false;
    WCHAR c = crt_fgetwc_nolock(f);
    WCHAR *result = buf;
    if (c == CRT_WEOF) {
        result = NULL;
    } else {
        for (; c != CRT_WEOF && c != '\n'; c = crt_fgetwc_nolock(f)) {
            if (i + 1 < size)
                buf[i++] = c;
            else
                too_long = true;
        }
        buf[i] = 0;
    }
    crt_unlock_file(f);
    if (secure && too_long) {
        buf[0] = 0;
        crt_invalid_parameter(CRT_ERANGE);
        return NULL;
    }
    return result;
}
