/*
 * The exported narrow stream functions both faces share (fputc, fwrite, fopen, fseek, tmpfile, ...), on
 * crt/stream.c; named crtio_<export> (crt/exports_io.h lists them). Invalid arguments go through the
 * invalid-parameter handler with EINVAL, as both CRTs do.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"
#include "crt/face.h"

static bool valid_stream(CRT_FILE *f)
{
    if (!f) {
        crt_invalid_parameter(CRT_EINVAL);
        return false;
    }
    return true;
}

/* Narrow output to a _O_U16TEXT/_O_U8TEXT descriptor is refused (the CRTs assert "stream is ANSI"). */
static bool ansi_output(CRT_FILE *f)
{
    if (crt_stream_is_ansi(f))
        return true;
    crt_invalid_parameter(CRT_EINVAL);
    return false;
}

/* ---- characters ---------------------------------------------------------------------------------------- */

int crt_fputc_locked(int c, CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = ansi_output(f) ? crt_fputc_nolock(c, f) : CRT_EOF;
    crt_unlock_file(f);
    return r;
}

int crt_fgetc_locked(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = crt_fgetc_nolock(f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crtio_fputc(int c, CRT_FILE *f) { return crt_fputc_locked(c, f); }
int WINAPI crtio__fputc_nolock(int c, CRT_FILE *f) { return valid_stream(f) ? crt_fputc_nolock(c, f) : CRT_EOF; }
int WINAPI crtio_fgetc(CRT_FILE *f) { return crt_fgetc_locked(f); }
int WINAPI crtio__fgetc_nolock(CRT_FILE *f) { return valid_stream(f) ? crt_fgetc_nolock(f) : CRT_EOF; }
int WINAPI crtio__filbuf(CRT_FILE *f) { return valid_stream(f) ? crt_filbuf(f) : CRT_EOF; }
int WINAPI crtio__flsbuf(int c, CRT_FILE *f) { return valid_stream(f) ? crt_flsbuf(c, f) : CRT_EOF; }

int WINAPI crtio_ungetc(int c, CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = crt_ungetc_nolock(c, f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crtio__ungetc_nolock(int c, CRT_FILE *f)
{
    return valid_stream(f) ? crt_ungetc_nolock(c, f) : CRT_EOF;
}

/* _getw/_putw: an int as its four bytes. */
int WINAPI crtio__getw(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    int value;
    crt_lock_file(f);
    size_t n = crt_fread_nolock(&value, sizeof value, 1, f);
    crt_unlock_file(f);
    return n == 1 ? value : CRT_EOF;
}

int WINAPI crtio__putw(int value, CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    size_t n = crt_fwrite_nolock(&value, sizeof value, 1, f);
    crt_unlock_file(f);
    return n == 1 ? value : CRT_EOF;
}

/* ---- blocks and lines -------------------------------------------------------------------------------------- */

size_t WINAPI crtio_fwrite(const void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    if (!valid_stream(f))
        return 0;
    crt_lock_file(f);
    size_t r = ansi_output(f) ? crt_fwrite_nolock(buf, size, count, f) : 0;
    crt_unlock_file(f);
    return r;
}

size_t WINAPI crtio__fwrite_nolock(const void *buf, size_t size, size_t count, CRT_FILE *f)
{
    return size && count && valid_stream(f) ? crt_fwrite_nolock(buf, size, count, f) : 0;
}

size_t WINAPI crtio_fread(void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    if (!valid_stream(f))
        return 0;
    crt_lock_file(f);
    size_t r = crt_fread_nolock(buf, size, count, f);
    crt_unlock_file(f);
    return r;
}

size_t WINAPI crtio__fread_nolock(void *buf, size_t size, size_t count, CRT_FILE *f)
{
    return size && count && valid_stream(f) ? crt_fread_nolock(buf, size, count, f) : 0;
}

/* fread_s: the destination size is checked first; a short buffer is ERANGE and is cleared. */
size_t WINAPI crtio_fread_s(void *buf, size_t bufsize, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    if (!buf || !valid_stream(f)) {
        if (buf && bufsize)
            memset(buf, 0, bufsize);
        crt_invalid_parameter(CRT_EINVAL);
        return 0;
    }
    if (count > bufsize / size) {
        memset(buf, 0, bufsize);
        crt_invalid_parameter(CRT_ERANGE);
        return 0;
    }
    return crtio_fread(buf, size, count, f);
}

int WINAPI crtio_fputs(const char *s, CRT_FILE *f)
{
    if (!s || !valid_stream(f)) {
        if (!s)
            crt_invalid_parameter(CRT_EINVAL);
        return CRT_EOF;
    }
    size_t n = strlen(s);
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    int r = CRT_EOF;
    if (ansi_output(f)) {
        bool lent = crt_stbuf(f, tmp);
        r = crt_fwrite_nolock(s, 1, n, f) == n ? 0 : CRT_EOF;
        crt_ftbuf(lent, f);
    }
    crt_unlock_file(f);
    return r;
}

int crt_puts_stream(CRT_FILE *f, const char *s)
{
    if (!s) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EOF;
    }
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    int r = CRT_EOF;
    if (ansi_output(f)) {
        bool lent = crt_stbuf(f, tmp);
        size_t n = strlen(s);
        r = crt_fwrite_nolock(s, 1, n, f) == n && crt_fputc_nolock('\n', f) != CRT_EOF ? 0 : CRT_EOF;
        crt_ftbuf(lent, f);
    }
    crt_unlock_file(f);
    return r;
}

char *WINAPI crtio_fgets(char *buf, int n, CRT_FILE *f)
{
    if (!buf || n <= 0 || !valid_stream(f)) {
        if (!buf || n <= 0)
            crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    crt_lock_file(f);
    int i = 0;
    char *result = buf;
    while (i < n - 1) {
        int c = crt_fgetc_nolock(f);
        if (c == CRT_EOF) {
            if (i == 0)
                result = NULL;
            break;
        }
        buf[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (result)
        buf[i] = 0;
    crt_unlock_file(f);
    return result;
}

/* gets/gets_s: a line without its newline. gets_s with a line longer than the buffer empties the buffer,
 * discards the rest of the line and reports ERANGE through the invalid-parameter handler. */
char *crt_gets_stream(CRT_FILE *f, char *buf, size_t size, bool secure)
{
    if (!buf || (secure && size == 0)) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    crt_lock_file(f);
    size_t i = 0;
    bool too_long = false;
    int c = crt_fgetc_nolock(f);
    char *result = buf;
    if (c == CRT_EOF) {
        result = NULL;
    } else {
        for (; c != CRT_EOF && c != '\n'; c = crt_fgetc_nolock(f)) {
            if (i + 1 < size)
                buf[i++] = (char)c;
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

/* ---- state ------------------------------------------------------------------------------------------------- */

int WINAPI crtio_feof(CRT_FILE *f) { return valid_stream(f) ? f->_flag & CRT_IOEOF : 0; }
int WINAPI crtio_ferror(CRT_FILE *f) { return valid_stream(f) ? f->_flag & CRT_IOERR : 0; }
int WINAPI crtio__fileno(CRT_FILE *f) { return valid_stream(f) ? f->_file : -1; }

void WINAPI crtio_clearerr(CRT_FILE *f)
{
    if (!valid_stream(f))
        return;
    crt_lock_file(f);
    f->_flag &= ~(CRT_IOERR | CRT_IOEOF);
    crt_unlock_file(f);
}

int WINAPI crtio_clearerr_s(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EINVAL;
    crtio_clearerr(f);
    return 0;
}

void WINAPI crtio__lock_file(CRT_FILE *f)
{
    if (valid_stream(f))
        crt_lock_file(f);
}

void WINAPI crtio__unlock_file(CRT_FILE *f)
{
    if (valid_stream(f))
        crt_unlock_file(f);
}

int WINAPI crtio_fflush(CRT_FILE *f)
{
    if (!f)
        return crt_flush_output_streams();
    crt_lock_file(f);
    int r = crt_fflush_nolock(f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crtio__fflush_nolock(CRT_FILE *f)
{
    return f ? crt_fflush_nolock(f) : crt_flush_output_streams();
}

int WINAPI crtio__flushall(void)
{
    return crt_flushall();
}

/* ---- buffering ----------------------------------------------------------------------------------------------- */

#define IOFBF_MODE 0x0000
#define IOLBF_MODE 0x0040
#define IONBF_MODE 0x0004

int WINAPI crtio_setvbuf(CRT_FILE *f, char *buf, int mode, size_t size)
{
    if (!valid_stream(f))
        return -1;
    if ((mode != IOFBF_MODE && mode != IOLBF_MODE && mode != IONBF_MODE) ||
        (mode != IONBF_MODE && (size < 2 || size > 0x7FFFFFFF))) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    crt_lock_file(f);
    crt_fflush_nolock(f);
    if (f->_flag & CRT_IOMYBUF)
        crt_free(f->_base);
    f->_flag &= ~(CRT_IOMYBUF | CRT_IOYOURBUF | CRT_IONBF | CRT_IOSETVBUF);
    f->_cnt = 0;
    int r = 0;
    if (mode == IONBF_MODE) {
        f->_flag |= CRT_IONBF;
        f->_base = (char *)&f->_charbuf;
        f->_bufsiz = 2;
    } else {
        /* _IOLBF is full buffering in both CRTs; the size is rounded down to even */
        size &= ~(size_t)1;
        if (buf) {
            f->_flag |= CRT_IOYOURBUF | CRT_IOSETVBUF;
        } else if ((buf = crt_malloc(size))) {
            f->_flag |= CRT_IOMYBUF | CRT_IOSETVBUF;
        } else {
            r = -1;
            f->_base = NULL;
            size = 0;
        }
        f->_base = buf;
        f->_bufsiz = (int)size;
    }
    f->_ptr = f->_base;
    crt_unlock_file(f);
    return r;
}

void WINAPI crtio_setbuf(CRT_FILE *f, char *buf)
{
    crtio_setvbuf(f, buf, buf ? IOFBF_MODE : IONBF_MODE, 512);
}

int WINAPI crtio__getmaxstdio(void) { return 512; }

int WINAPI crtio__setmaxstdio(int n)
{
    return n >= 20 && n <= 512 ? n : -1;
}

/* ---- positions ---------------------------------------------------------------------------------------------- */

int WINAPI crtio__fseeki64(CRT_FILE *f, int64_t offset, int whence)
{
    if (!valid_stream(f))
        return -1;
    crt_lock_file(f);
    int r = crt_fseek_nolock(f, offset, whence);
    crt_unlock_file(f);
    return r;
}

int WINAPI crtio__fseeki64_nolock(CRT_FILE *f, int64_t offset, int whence)
{
    return valid_stream(f) ? crt_fseek_nolock(f, offset, whence) : -1;
}

int WINAPI crtio_fseek(CRT_FILE *f, LONG offset, int whence) { return crtio__fseeki64(f, offset, whence); }
int WINAPI crtio__fseek_nolock(CRT_FILE *f, LONG offset, int whence)
{
    return crtio__fseeki64_nolock(f, offset, whence);
}

int64_t WINAPI crtio__ftelli64(CRT_FILE *f)
{
    if (!valid_stream(f))
        return -1;
    crt_lock_file(f);
    int64_t pos = crt_ftell_nolock(f);
    crt_unlock_file(f);
    return pos;
}

int64_t WINAPI crtio__ftelli64_nolock(CRT_FILE *f)
{
    return valid_stream(f) ? crt_ftell_nolock(f) : -1;
}

LONG WINAPI crtio_ftell(CRT_FILE *f)
{
    int64_t pos = crtio__ftelli64(f);
    if (pos > 0x7FFFFFFF) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    return (LONG)pos;
}

LONG WINAPI crtio__ftell_nolock(CRT_FILE *f)
{
    int64_t pos = crtio__ftelli64_nolock(f);
    return pos > 0x7FFFFFFF ? -1 : (LONG)pos;
}

/* fpos_t is a 64-bit byte offset in both CRTs. */
int WINAPI crtio_fgetpos(CRT_FILE *f, int64_t *pos)
{
    if (!pos || !valid_stream(f)) {
        if (!pos)
            crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    *pos = crtio__ftelli64(f);
    return *pos < 0 ? -1 : 0;
}

int WINAPI crtio_fsetpos(CRT_FILE *f, const int64_t *pos)
{
    if (!pos || !valid_stream(f)) {
        if (!pos)
            crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    return crtio__fseeki64(f, *pos, 0);
}

void WINAPI crtio_rewind(CRT_FILE *f)
{
    if (!valid_stream(f))
        return;
    crt_lock_file(f);
    crt_fseek_nolock(f, 0, 0);
    f->_flag &= ~CRT_IOERR;
    crt_unlock_file(f);
}

/* ---- opening ------------------------------------------------------------------------------------------------ */

/* Mode letters as msvcrt's _openfile reads them: one of r/w/a, then at most one of each group ('+',
 * 't'/'b', 'c'/'n', 'S'/'R', 'T', 'D', 'N', 'x'); a repeated group ends the parse; ",ccs=ENC" picks a
 * Unicode text mode. */
static bool parse_ccs(const WCHAR *p, int *oflag)
{
    while (*p == ' ')
        p++;
    static const WCHAR ccs[] = u"ccs";
    for (int i = 0; ccs[i]; i++, p++)
        if ((*p | 0x20) != ccs[i])
            return false;
    while (*p == ' ')
        p++;
    if (*p++ != '=')
        return false;
    while (*p == ' ')
        p++;
    static const struct { const char *name; int flag; } encodings[] = {
        {"utf-8", CRT_O_U8TEXT}, {"utf-16le", CRT_O_U16TEXT}, {"unicode", CRT_O_WTEXT},
    };
    for (size_t e = 0; e < ARRAY_SIZE(encodings); e++) {
        const char *n = encodings[e].name;
        size_t i = 0;
        while (n[i] && p[i] && (p[i] | (p[i] >= 'A' && p[i] <= 'Z' ? 0x20 : 0)) == (WCHAR)n[i])
            i++;
        if (!n[i] && !p[i]) {
            *oflag |= encodings[e].flag;
            return !(*oflag & CRT_O_BINARY);
        }
    }
    return false;
}

bool crt_parse_fopen_mode(const WCHAR *mode, int *stream_flags, int *open_flags)
{
    int oflag, sflag = 0;
    while (*mode == ' ')
        mode++;
    switch (*mode) {
    case 'r': oflag = CRT_O_RDONLY; sflag = CRT_IOREAD; break;
    case 'w': oflag = CRT_O_WRONLY | CRT_O_CREAT | CRT_O_TRUNC; sflag = CRT_IOWRT; break;
    case 'a': oflag = CRT_O_WRONLY | CRT_O_CREAT | CRT_O_APPEND; sflag = CRT_IOWRT; break;
    default: return false;
    }
    bool commit_set = false, scan_set = false, more = true;
    while (*++mode && more) {
        switch (*mode) {
        case ' ': break;
        case '+':
            if (oflag & CRT_O_RDWR) { more = false; break; }
            oflag = (oflag & ~(CRT_O_RDONLY | CRT_O_WRONLY)) | CRT_O_RDWR;
            sflag = CRT_IORW;
            break;
        case 'b': case 't':
            if (oflag & (CRT_O_TEXT | CRT_O_BINARY)) { more = false; break; }
            oflag |= *mode == 'b' ? CRT_O_BINARY : CRT_O_TEXT;
            break;
        case 'c': case 'n':
            if (commit_set) { more = false; break; }
            commit_set = true;
            sflag = *mode == 'c' ? sflag | CRT_IOCOMMIT : sflag & ~CRT_IOCOMMIT;
            break;
        case 'S': case 'R':
            if (scan_set) { more = false; break; }
            scan_set = true;
            oflag |= *mode == 'S' ? CRT_O_SEQUENTIAL : CRT_O_RANDOM;
            break;
        case 'T': if (oflag & CRT_O_SHORT_LIVED) more = false; else oflag |= CRT_O_SHORT_LIVED; break;
        case 'D': if (oflag & CRT_O_TEMPORARY) more = false; else oflag |= CRT_O_TEMPORARY; break;
        case 'N': if (oflag & CRT_O_NOINHERIT) more = false; else oflag |= CRT_O_NOINHERIT; break;
        case 'x':
            /* C11 exclusive creation: ucrt only; msvcrt.dll predates it and ends the parse there */
            if (!crt_ucrt_semantics) { more = false; break; }
            if ((oflag & (CRT_O_CREAT | CRT_O_APPEND)) != CRT_O_CREAT) return false;
            oflag |= CRT_O_EXCL;
            break;
        case ',':
            if (!parse_ccs(mode + 1, &oflag))
                return false;
            more = false;
            while (mode[1])
                mode++;
            break;
        default:
            return false;
        }
    }
    *stream_flags = sflag;
    *open_flags = oflag;
    return true;
}

int64_t WINAPI crtio__filelengthi64(int fd);   /* crt/lowio.c */

/* ccs= files: a new file gets its byte-order mark; an existing one read with a mark switches to it. */
static void handle_bom(int fd, int oflag)
{
    if (!(oflag & (CRT_O_U8TEXT | CRT_O_U16TEXT | CRT_O_WTEXT)))
        return;
    static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF}, utf16_bom[2] = {0xFF, 0xFE};
    int64_t size = crtio__filelengthi64(fd);
    if ((oflag & 3) != CRT_O_RDONLY && size == 0) {
        if (oflag & CRT_O_WTEXT)
            return;   /* "UNICODE" writes no mark... */
        int saved = crt_setmode(fd, CRT_O_BINARY);
        crt_write(fd, oflag & CRT_O_U8TEXT ? utf8_bom : utf16_bom, oflag & CRT_O_U8TEXT ? 3 : 2);
        crt_setmode(fd, saved);
        return;
    }
    unsigned char head[3] = {0};
    int saved = crt_setmode(fd, CRT_O_BINARY);
    int n = crt_read(fd, head, 3);
    crt_setmode(fd, saved);
    int skip = 0;
    if (n >= 3 && !memcmp(head, utf8_bom, 3)) {
        crt_setmode(fd, CRT_O_U8TEXT);
        skip = 3;
    } else if (n >= 2 && !memcmp(head, utf16_bom, 2)) {
        crt_setmode(fd, CRT_O_U16TEXT);
        skip = 2;
    } else if (oflag & CRT_O_WTEXT) {
        crt_setmode(fd, CRT_O_TEXT);   /* ...and reads a file without a mark as ANSI */
    }
    crt_lseeki64(fd, (oflag & CRT_O_APPEND) ? 0 : skip, (oflag & CRT_O_APPEND) ? 2 : 0);
}

/* Opens path into the stream f (fresh or being reopened). */
static CRT_FILE *open_into(CRT_FILE *f, const WCHAR *path, const WCHAR *mode, int shflag)
{
    int sflag, oflag;
    if (!crt_parse_fopen_mode(mode, &sflag, &oflag)) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    int fd = crt_sopen(path, oflag, shflag, CRT_S_IREAD | CRT_S_IWRITE);
    if (fd < 0)
        return NULL;
    handle_bom(fd, oflag);
    f->_file = fd;
    f->_flag = sflag;
    f->_ptr = f->_base = NULL;
    f->_cnt = f->_bufsiz = 0;
    f->_tmpfname = NULL;
    return f;
}

CRT_FILE *crt_wfsopen(const WCHAR *path, const WCHAR *mode, int shflag)
{
    if (!path || !mode || !*path) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    CRT_FILE *f = crt_new_stream();
    if (!f)
        return NULL;
    if (!open_into(f, path, mode, shflag)) {
        crt_release_stream(f);
        return NULL;
    }
    return f;
}

CRT_FILE *crt_wfreopen(const WCHAR *path, const WCHAR *mode, CRT_FILE *f)
{
    if (!path || !mode || !f) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    crt_lock_file(f);
    if (f->_flag & (CRT_IOREAD | CRT_IOWRT | CRT_IORW))
        crt_fclose_nolock(f);
    CRT_FILE *r = open_into(f, path, mode, CRT_SH_DENYNO);
    if (!r)
        f->_flag = 0;
    crt_unlock_file(f);
    return r;
}

/* Narrow paths and modes to UTF-16 (modes are ASCII). */
static bool widen_mode(const char *mode, WCHAR *out, size_t size)
{
    if (!mode)
        return false;
    size_t i = 0;
    for (; mode[i] && i < size - 1; i++)
        out[i] = (unsigned char)mode[i];
    out[i] = 0;
    return !mode[i];
}

static CRT_FILE *fsopen_narrow(const char *path, const char *mode, int shflag)
{
    WCHAR wmode[64];
    if (!path || !widen_mode(mode, wmode, ARRAY_SIZE(wmode))) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    WCHAR *w = crt_path_to_wide(path);
    if (!w)
        return NULL;
    CRT_FILE *f = crt_wfsopen(w, wmode, shflag);
    BaseFreeWide(w);
    return f;
}

CRT_FILE *WINAPI crtio_fopen(const char *path, const char *mode) { return fsopen_narrow(path, mode, CRT_SH_DENYNO); }
CRT_FILE *WINAPI crtio__fsopen(const char *path, const char *mode, int sh) { return fsopen_narrow(path, mode, sh); }
CRT_FILE *WINAPI crtio__wfopen(const WCHAR *path, const WCHAR *mode) { return crt_wfsopen(path, mode, CRT_SH_DENYNO); }
CRT_FILE *WINAPI crtio__wfsopen(const WCHAR *path, const WCHAR *mode, int sh) { return crt_wfsopen(path, mode, sh); }

/* fopen_s and friends: EINVAL for a NULL result pointer; otherwise errno of the attempt. */
static int secure_result(CRT_FILE **out, CRT_FILE *f)
{
    *out = f;
    return f ? 0 : crt_thread()->errno_value;
}

int WINAPI crtio_fopen_s(CRT_FILE **out, const char *path, const char *mode)
{
    if (!out) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    return secure_result(out, fsopen_narrow(path, mode, CRT_SH_DENYRW));
}

int WINAPI crtio__wfopen_s(CRT_FILE **out, const WCHAR *path, const WCHAR *mode)
{
    if (!out) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    return secure_result(out, crt_wfsopen(path, mode, CRT_SH_DENYRW));
}

CRT_FILE *WINAPI crtio__wfreopen(const WCHAR *path, const WCHAR *mode, CRT_FILE *f)
{
    return crt_wfreopen(path, mode, f);
}

CRT_FILE *WINAPI crtio_freopen(const char *path, const char *mode, CRT_FILE *f)
{
    WCHAR wmode[64];
    if (!path || !widen_mode(mode, wmode, ARRAY_SIZE(wmode)) || !f) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    WCHAR *w = crt_path_to_wide(path);
    if (!w)
        return NULL;
    CRT_FILE *r = crt_wfreopen(w, wmode, f);
    BaseFreeWide(w);
    return r;
}

int WINAPI crtio_freopen_s(CRT_FILE **out, const char *path, const char *mode, CRT_FILE *f)
{
    if (!out) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    return secure_result(out, crtio_freopen(path, mode, f));
}

int WINAPI crtio__wfreopen_s(CRT_FILE **out, const WCHAR *path, const WCHAR *mode, CRT_FILE *f)
{
    if (!out) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    return secure_result(out, crt_wfreopen(path, mode, f));
}

static CRT_FILE *fdopen_w(int fd, const WCHAR *mode)
{
    int sflag, oflag;
    if (!mode || !crt_parse_fopen_mode(mode, &sflag, &oflag)) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    if (crt_lowio_handle(fd) == INVALID_HANDLE_VALUE)
        return NULL;
    CRT_FILE *f = crt_new_stream();
    if (!f)
        return NULL;
    f->_file = fd;
    f->_flag = sflag;
    return f;
}

CRT_FILE *WINAPI crtio__fdopen(int fd, const char *mode)
{
    WCHAR wmode[64];
    if (!widen_mode(mode, wmode, ARRAY_SIZE(wmode))) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    return fdopen_w(fd, wmode);
}

CRT_FILE *WINAPI crtio__wfdopen(int fd, const WCHAR *mode)
{
    return fdopen_w(fd, mode);
}

int WINAPI crtio_fclose(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = crt_fclose_nolock(f);
    crt_unlock_file(f);
    crt_release_stream(f);
    return r;
}

int WINAPI crtio__fclose_nolock(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    int r = crt_fclose_nolock(f);
    crt_release_stream(f);
    return r;
}

int WINAPI crtio__fcloseall(void)
{
    return crt_fcloseall();
}

/* ---- temporary files ------------------------------------------------------------------------------------ */

/* tmpnam names: "s" + the process id in base 32 + "." + a counter in base 32, in the temp directory
 * (ucrt's scheme; msvcrt.dll names files in the drive root, which under ntexec is the host's root). */
static void base32(unsigned v, WCHAR *out, size_t *n)
{
    WCHAR tmp[8];
    size_t k = 0;
    do {
        unsigned d = v % 32;
        tmp[k++] = (WCHAR)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= 32;
    } while (v);
    while (k)
        out[(*n)++] = tmp[--k];
}

bool crt_tmpnam_w(WCHAR *buf, size_t size)
{
    static unsigned counter;
    WCHAR dir[MAX_PATH];
    DWORD len = GetTempPathW(MAX_PATH, dir);
    if (!len || len >= MAX_PATH - 16 || size < len + 16)
        return false;
    for (int tries = 0; tries < 10000; tries++) {
        size_t n = len;
        memcpy(buf, dir, len * sizeof(WCHAR));
        buf[n++] = 's';
        base32(GetCurrentProcessId(), buf, &n);
        buf[n++] = '.';
        base32(__atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED), buf, &n);
        buf[n] = 0;
        if (GetFileAttributesW(buf) == INVALID_FILE_ATTRIBUTES)
            return true;
    }
    return false;
}

static bool tmpnam_narrow(char *buf, size_t size)
{
    WCHAR w[MAX_PATH];
    if (!crt_tmpnam_w(w, MAX_PATH))
        return false;
    char *s = crt_wide_to_ansi(w);
    bool ok = s && strlen(s) < size;
    if (ok)
        strcpy(buf, s);
    crt_free(s);
    return ok;
}

char *WINAPI crtio_tmpnam(char *buf)
{
    char *out = buf ? buf : crt_thread()->tmpnam_buf;
    return tmpnam_narrow(out, buf ? MAX_PATH : sizeof crt_thread()->tmpnam_buf) ? out : NULL;
}

WCHAR *WINAPI crtio__wtmpnam(WCHAR *buf)
{
    WCHAR *out = buf ? buf : crt_thread()->wtmpnam_buf;
    return crt_tmpnam_w(out, MAX_PATH) ? out : NULL;
}

int WINAPI crtio_tmpnam_s(char *buf, size_t size)
{
    if (!buf || !size) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    if (!tmpnam_narrow(buf, size)) {
        buf[0] = 0;
        crt_invalid_parameter(CRT_ERANGE);
        return CRT_ERANGE;
    }
    return 0;
}

/* tmpfile: "w+b", deleted when closed. */
static CRT_FILE *open_tmpfile(void)
{
    WCHAR name[MAX_PATH];
    if (!crt_tmpnam_w(name, MAX_PATH)) {
        crt_set_errno(CRT_EEXIST);
        return NULL;
    }
    CRT_FILE *f = crt_wfsopen(name, u"w+bD", CRT_SH_DENYNO);
    if (f)
        f->_tmpfname = crt_wide_to_ansi(name);
    return f;
}

CRT_FILE *WINAPI crtio_tmpfile(void)
{
    return open_tmpfile();
}

int WINAPI crtio_tmpfile_s(CRT_FILE **out)
{
    if (!out) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    return secure_result(out, open_tmpfile());
}

int WINAPI crtio__rmtmp(void)
{
    return crt_rmtmp();
}

/* _tempnam(dir, prefix): a malloc'ed unique name in %TMP%, else dir, else the temp directory. */
static bool is_directory(const WCHAR *p)
{
    DWORD a = p ? GetFileAttributesW(p) : INVALID_FILE_ATTRIBUTES;
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

WCHAR *WINAPI crtio__wtempnam(const WCHAR *dir, const WCHAR *prefix)
{
    static unsigned counter;
    WCHAR base[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(u"TMP", base, MAX_PATH);
    if (!n || n >= MAX_PATH || !is_directory(base)) {
        if (dir && is_directory(dir) && RtlpWcslen(dir) < MAX_PATH)
            memcpy(base, dir, (RtlpWcslen(dir) + 1) * sizeof(WCHAR));
        else if (!GetTempPathW(MAX_PATH, base))
            return NULL;
    }
    size_t blen = RtlpWcslen(base), plen = prefix ? RtlpWcslen(prefix) : 0;
    WCHAR *out = crt_malloc((blen + plen + 16) * sizeof(WCHAR));
    if (!out)
        return NULL;
    for (int tries = 0; tries < 100000; tries++) {
        size_t k = blen;
        memcpy(out, base, blen * sizeof(WCHAR));
        if (k && out[k - 1] != '\\' && out[k - 1] != '/')
            out[k++] = '\\';
        if (plen)
            memcpy(out + k, prefix, plen * sizeof(WCHAR));
        k += plen;
        base32(__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED), out, &k);
        out[k] = 0;
        if (GetFileAttributesW(out) == INVALID_FILE_ATTRIBUTES)
            return out;
    }
    crt_free(out);
    crt_set_errno(CRT_EEXIST);
    return NULL;
}

char *WINAPI crtio__tempnam(const char *dir, const char *prefix)
{
    WCHAR *wdir = dir ? crt_path_to_wide(dir) : NULL, *wprefix = prefix ? crt_path_to_wide(prefix) : NULL;
    WCHAR *w = crtio__wtempnam(wdir, wprefix);
    BaseFreeWide(wdir);
    BaseFreeWide(wprefix);
    char *s = w ? crt_wide_to_ansi(w) : NULL;
    crt_free(w);
    return s;
}

/* ---- perror ------------------------------------------------------------------------------------------------ */

extern char *WINAPI crt_strerror(int e);

/* perror writes "<s>: <message>\n" to descriptor 2 itself, past the stderr stream (msvcrt, ucrt). */
void WINAPI crtio_perror(const char *s)
{
    int e = crt_thread()->errno_value;
    if (s && *s) {
        crt_write(2, s, (unsigned)strlen(s));
        crt_write(2, ": ", 2);
    }
    const char *msg = crt_strerror(e);
    if (msg)
        crt_write(2, msg, (unsigned)strlen(msg));
    crt_write(2, "\n", 1);
}

void WINAPI crtio__wperror(const WCHAR *s)
{
    char *n = s ? crt_wide_to_ansi(s) : NULL;
    crtio_perror(n);
    crt_free(n);
}
