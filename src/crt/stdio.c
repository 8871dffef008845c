/* The exported stream functions (fputc, fwrite, fflush, fopen, fgets, ...), on crt/stream.c. */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

CRT_FILE *crt_new_stream(void);
void crt_release_stream(CRT_FILE *f);
int crt_fclose_nolock(CRT_FILE *f);

#define O_RDONLY 0x0000
#define O_WRONLY 0x0001
#define O_RDWR   0x0002
#define O_APPEND 0x0008
#define O_CREAT  0x0100
#define O_TRUNC  0x0200
#define O_EXCL   0x0400
#define O_TEXT   0x4000
#define O_BINARY 0x8000

static bool valid_stream(CRT_FILE *f)
{
    if (!f) {
        crt_set_errno(CRT_EINVAL);
        return false;
    }
    return true;
}

int WINAPI crt_fputc(int c, CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = crt_fputc_nolock(c, f);
    crt_unlock_file(f);
    return r;
}

size_t WINAPI crt_fwrite(const void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!valid_stream(f))
        return 0;
    crt_lock_file(f);
    size_t r = crt_fwrite_nolock(buf, size, count, f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crt_fputs(const char *s, CRT_FILE *f)
{
    if (!s || !valid_stream(f))
        return CRT_EOF;
    size_t n = strlen(s);
    char tmp[CRT_BUFSIZ];
    crt_lock_file(f);
    bool lent = crt_stbuf(f, tmp);
    size_t w = crt_fwrite_nolock(s, 1, n, f);
    crt_ftbuf(lent, f);
    crt_unlock_file(f);
    return w == n ? 0 : CRT_EOF;
}

int WINAPI crt_fflush(CRT_FILE *f)
{
    if (!f)
        return crt_flushall() >= 0 ? 0 : CRT_EOF;
    crt_lock_file(f);
    int r = crt_fflush_nolock(f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crt_flushall_export(void)
{
    return crt_flushall();
}

int WINAPI crt_fgetc(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = --f->_cnt >= 0 ? (unsigned char)*f->_ptr++ : crt_filbuf(f);
    if (f->_cnt < 0)
        f->_cnt = 0;
    crt_unlock_file(f);
    return r;
}

int WINAPI crt_ungetc(int c, CRT_FILE *f)
{
    if (!valid_stream(f) || c == CRT_EOF)
        return CRT_EOF;
    crt_lock_file(f);
    int r = CRT_EOF;
    if ((f->_flag & CRT_IOREAD) || ((f->_flag & CRT_IORW) && !(f->_flag & CRT_IOWRT))) {
        if (!f->_base) {
            crt_filbuf(f);   /* get a buffer to push into */
            if (f->_base) {
                f->_ptr--;
                f->_cnt++;
            }
        }
        if (f->_base && f->_ptr > f->_base) {
            f->_flag |= CRT_IOREAD;
            *--f->_ptr = (char)c;
            f->_cnt++;
            f->_flag &= ~CRT_IOEOF;
            r = (unsigned char)c;
        }
    }
    crt_unlock_file(f);
    return r;
}

char *WINAPI crt_fgets(char *buf, int n, CRT_FILE *f)
{
    if (!buf || n <= 0 || !valid_stream(f))
        return NULL;
    crt_lock_file(f);
    int i = 0;
    while (i < n - 1) {
        int c = --f->_cnt >= 0 ? (unsigned char)*f->_ptr++ : crt_filbuf(f);
        if (f->_cnt < 0)
            f->_cnt = 0;
        if (c == CRT_EOF)
            break;
        buf[i++] = (char)c;
        if (c == '\n')
            break;
    }
    crt_unlock_file(f);
    if (i == 0)
        return NULL;
    buf[i] = 0;
    return buf;
}

size_t WINAPI crt_fread(void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    if (!valid_stream(f) || !buf || count > (size_t)-1 / size)
        return 0;
    char *p = buf;
    size_t total = size * count, done = 0;
    crt_lock_file(f);
    while (done < total) {
        if (f->_cnt > 0) {
            size_t n = total - done < (size_t)f->_cnt ? total - done : (size_t)f->_cnt;
            memcpy(p + done, f->_ptr, n);
            f->_ptr += n;
            f->_cnt -= (int)n;
            done += n;
            continue;
        }
        int c = crt_filbuf(f);
        if (c == CRT_EOF)
            break;
        p[done++] = (char)c;
    }
    crt_unlock_file(f);
    return done / size;
}

int WINAPI crt_feof(CRT_FILE *f)
{
    return valid_stream(f) ? f->_flag & CRT_IOEOF : 0;
}

int WINAPI crt_ferror(CRT_FILE *f)
{
    return valid_stream(f) ? f->_flag & CRT_IOERR : 0;
}

void WINAPI crt_clearerr(CRT_FILE *f)
{
    if (valid_stream(f))
        f->_flag &= ~(CRT_IOERR | CRT_IOEOF);
}

int WINAPI crt_fileno(CRT_FILE *f)
{
    return valid_stream(f) ? f->_file : -1;
}

/* fopen mode letters -> stream flags and _open flags, as the CRT parses them ("r+b", "wt", "a+x"). */
static bool parse_mode(const char *mode, int *stream_flags, int *open_flags)
{
    int oflag, sflag;
    switch (*mode++) {
    case 'r': oflag = O_RDONLY; sflag = CRT_IOREAD; break;
    case 'w': oflag = O_WRONLY | O_CREAT | O_TRUNC; sflag = CRT_IOWRT; break;
    case 'a': oflag = O_WRONLY | O_CREAT | O_APPEND; sflag = CRT_IOWRT; break;
    default: return false;
    }
    for (; *mode; mode++) {
        switch (*mode) {
        case '+': oflag = (oflag & ~(O_RDONLY | O_WRONLY)) | O_RDWR; sflag = CRT_IORW; break;
        case 'b': oflag |= O_BINARY; break;
        case 't': oflag |= O_TEXT; break;
        case 'x': oflag |= O_EXCL; break;
        case 'c': case 'n': case 'N': case 'S': case 'R': case 'T': case 'D': case ' ': break;
        case ',': mode += strlen(mode) - 1; break;   /* ",ccs=..." */
        default: return false;
        }
    }
    *stream_flags = sflag;
    *open_flags = oflag;
    return true;
}

int WINAPI crt_wopen(const WCHAR *path, int oflag, int pmode);
extern int crt_fmode;

CRT_FILE *crt_wfsopen_impl(const WCHAR *path, const char *mode)
{
    int sflag, oflag;
    if (!path || !mode || !parse_mode(mode, &sflag, &oflag)) {
        crt_set_errno(CRT_EINVAL);
        return NULL;
    }
    CRT_FILE *f = crt_new_stream();
    if (!f)
        return NULL;
    int fd = crt_wopen(path, oflag, 0666);
    if (fd < 0) {
        crt_release_stream(f);
        return NULL;
    }
    f->_file = fd;
    f->_flag |= sflag;
    return f;
}

CRT_FILE *WINAPI crt_wfopen(const WCHAR *path, const WCHAR *mode)
{
    char m[32];
    size_t i = 0;
    for (; mode && mode[i] && i < sizeof m - 1; i++)
        m[i] = (char)mode[i];
    m[i] = 0;
    return crt_wfsopen_impl(path, mode ? m : NULL);
}

CRT_FILE *WINAPI crt_fopen(const char *path, const char *mode)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    CRT_FILE *f = crt_wfsopen_impl(w, mode);
    BaseFreeWide(w);
    return f;
}

CRT_FILE *WINAPI crt_fdopen(int fd, const char *mode)
{
    int sflag, oflag;
    if (!mode || !parse_mode(mode, &sflag, &oflag) || crt_lowio_handle(fd) == INVALID_HANDLE_VALUE) {
        crt_set_errno(CRT_EINVAL);
        return NULL;
    }
    CRT_FILE *f = crt_new_stream();
    if (!f)
        return NULL;
    f->_file = fd;
    f->_flag |= sflag;
    return f;
}

int WINAPI crt_fclose(CRT_FILE *f)
{
    if (!valid_stream(f))
        return CRT_EOF;
    crt_lock_file(f);
    int r = crt_fclose_nolock(f);
    crt_unlock_file(f);
    crt_release_stream(f);
    return r;
}

#define CRT_IOFBF_MODE 0x0000
#define CRT_IOLBF_MODE 0x0040
#define CRT_IONBF_MODE 0x0004

int WINAPI crt_setvbuf(CRT_FILE *f, char *buf, int mode, size_t size)
{
    if (!valid_stream(f) || (mode != CRT_IOFBF_MODE && mode != CRT_IOLBF_MODE && mode != CRT_IONBF_MODE) ||
        (mode != CRT_IONBF_MODE && (size < 2 || size > 0x7FFFFFFF))) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    crt_lock_file(f);
    crt_fflush_nolock(f);
    if (f->_flag & CRT_IOMYBUF)
        crt_free(f->_base);
    f->_flag &= ~(CRT_IOMYBUF | CRT_IONBF | CRT_IOLBF);
    f->_cnt = 0;
    if (mode == CRT_IONBF_MODE) {
        f->_flag |= CRT_IONBF;
        f->_base = f->_ptr = (char *)&f->_charbuf;
        f->_bufsiz = 2;
    } else {
        /* msvcrt treats _IOLBF as _IOFBF. */
        size &= ~(size_t)1;
        if (!buf) {
            buf = crt_malloc(size);
            if (!buf) {
                crt_unlock_file(f);
                return -1;
            }
            f->_flag |= CRT_IOMYBUF;
        }
        f->_base = f->_ptr = buf;
        f->_bufsiz = (int)size;
    }
    crt_unlock_file(f);
    return 0;
}

void WINAPI crt_setbuf(CRT_FILE *f, char *buf)
{
    crt_setvbuf(f, buf, buf ? CRT_IOFBF_MODE : CRT_IONBF_MODE, CRT_BUFSIZ);
}

int WINAPI crt_fseeki64(CRT_FILE *f, int64_t offset, int whence)
{
    if (!valid_stream(f) || whence < 0 || whence > 2) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    crt_lock_file(f);
    /* Reading ahead moved the descriptor: a relative seek is from where the program is. */
    if (whence == 1 && (f->_flag & CRT_IOREAD))
        offset -= f->_cnt;
    crt_fflush_nolock(f);
    f->_flag &= ~CRT_IOEOF;
    if (f->_flag & CRT_IORW)
        f->_flag &= ~(CRT_IOREAD | CRT_IOWRT);
    int r = crt_lseeki64(f->_file, offset, whence) < 0 ? -1 : 0;
    crt_unlock_file(f);
    return r;
}

int WINAPI crt_fseek(CRT_FILE *f, LONG offset, int whence)
{
    return crt_fseeki64(f, offset, whence);
}

int64_t WINAPI crt_ftelli64(CRT_FILE *f)
{
    if (!valid_stream(f))
        return -1;
    crt_lock_file(f);
    int64_t pos = crt_lseeki64(f->_file, 0, 1);
    if (pos >= 0 && f->_base) {
        if (f->_flag & CRT_IOWRT)
            pos += f->_ptr - f->_base;
        else if (f->_flag & CRT_IOREAD)
            pos -= f->_cnt;
    }
    crt_unlock_file(f);
    return pos;
}

LONG WINAPI crt_ftell(CRT_FILE *f)
{
    int64_t pos = crt_ftelli64(f);
    if (pos > 0x7FFFFFFF) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    return (LONG)pos;
}

void WINAPI crt_rewind(CRT_FILE *f)
{
    if (crt_fseeki64(f, 0, 0) == 0)
        f->_flag &= ~CRT_IOERR;
}
