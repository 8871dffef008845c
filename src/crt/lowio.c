/*
 * Low-level I/O: CRT descriptors over Win32 handles (_open, _read, _write, _close, _lseeki64, _dup2,
 * _setmode, ...). Text mode lives here, as in msvcrt's lowio: "\n" is written as "\r\n"; reading turns
 * "\r\n" into "\n" and stops at Ctrl-Z (0x1A) in files. A '\r' that ends a read is resolved by peeking at
 * the next byte: a disk file is seeked back, a pipe or console keeps the byte for the next read
 * (msvcrt's pipech). _O_U16TEXT/_O_U8TEXT descriptors take UTF-16 from the wide stdio functions and write
 * it as UTF-16LE or UTF-8 (with "\r\n"), or as characters on a console.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

struct crt_fd {
    HANDLE handle;
    int flags;                  /* CRT_F* */
    enum crt_textmode textmode;
    int pipech;                 /* a byte read ahead from a pipe or console, or -1 */
    unsigned char utf8_pending[4];  /* _O_U8TEXT: an incomplete UTF-8 sequence read ahead */
    int npending;
    RTL_CRITICAL_SECTION lock;
};

static struct crt_fd fds[CRT_MAX_FDS];
static RTL_CRITICAL_SECTION fd_table_lock;


#define NO_HANDLE ((HANDLE)(LONG_PTR)-2)   /* msvcrt's mark for a standard handle that does not exist */

static int device_flags(HANDLE h)
{
    switch (GetFileType(h)) {
    case FILE_TYPE_CHAR: return CRT_FDEV;
    case FILE_TYPE_PIPE: return CRT_FPIPE;
    default:             return 0;
    }
}

/* The descriptors a parent's CRT passed in STARTUPINFO's lpReserved2 (_spawn, _exec): an int count, count
 * osfile bytes, count handles. Open ones whose handle is usable keep their number and flags. */
static void inherit_descriptors(void)
{
    STARTUPINFOW si;
    GetStartupInfoW(&si);
    if (!si.lpReserved2 || si.cbReserved2 < sizeof(int))
        return;
    int count;
    memcpy(&count, si.lpReserved2, sizeof count);
    int room = (int)((si.cbReserved2 - sizeof(int)) / (1 + sizeof(HANDLE)));
    if (count > room)
        count = room;
    if (count > CRT_MAX_FDS)
        count = CRT_MAX_FDS;
    const BYTE *flags = si.lpReserved2 + sizeof(int);
    const BYTE *handles = flags + (count > 0 ? count : 0);
    for (int fd = 0; fd < count; fd++) {
        HANDLE h;
        memcpy(&h, handles + (size_t)fd * sizeof h, sizeof h);
        if (!(flags[fd] & CRT_FOPEN) || h == INVALID_HANDLE_VALUE || h == NO_HANDLE)
            continue;
        if (!(flags[fd] & CRT_FPIPE) && GetFileType(h) == FILE_TYPE_UNKNOWN)
            continue;
        fds[fd].handle = h;
        fds[fd].flags = flags[fd] & ~CRT_FNOINHERIT;
        fds[fd].textmode = CRT_TM_ANSI;
        fds[fd].pipech = -1;
    }
}

void crt_lowio_init(void)
{
    static const DWORD std[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    inherit_descriptors();
    /* Only the standard descriptors: a descriptor claimed later is set up then (the table is 2048 entries,
     * whose pages are better left untouched at start-up). */
    for (int fd = 0; fd < 3; fd++) {
        fds[fd].pipech = -1;
        if (fds[fd].flags & CRT_FOPEN) {
            /* Passed by the parent: always text mode, as both CRTs' start-up makes it. */
            fds[fd].flags |= CRT_FTEXT;
            continue;
        }
        HANDLE h = GetStdHandle(std[fd]);
        if (!h || h == INVALID_HANDLE_VALUE) {
            /* msvcrt keeps the descriptor open with handle -2 ("no console"): writes fail with EBADF. */
            fds[fd].handle = NO_HANDLE;
            fds[fd].flags = CRT_FOPEN | CRT_FTEXT | CRT_FDEV;
            continue;
        }
        fds[fd].handle = h;
        fds[fd].flags = CRT_FOPEN | CRT_FTEXT | device_flags(h);
    }
}

/* A descriptor that is not open is an invalid parameter (EBADF): msvcrt returns -1, ucrt's default
 * handler ends the process. */
static struct crt_fd *fd_of(int fd)
{
    if (fd < 0 || fd >= CRT_MAX_FDS || !(fds[fd].flags & CRT_FOPEN)) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EBADF);
        return NULL;
    }
    return &fds[fd];
}

/* Claims the lowest free descriptor at or above `from`; fd_table_lock held. */
static int claim_fd(int from, HANDLE handle, int flags, enum crt_textmode textmode)
{
    int fd = from;
    while (fd < CRT_MAX_FDS && (fds[fd].flags & CRT_FOPEN))
        fd++;
    if (fd == CRT_MAX_FDS) {
        crt_set_errno(CRT_EMFILE);
        crt_thread()->doserrno = 0;
        return -1;
    }
    fds[fd].handle = handle;
    fds[fd].flags = flags | CRT_FOPEN;
    fds[fd].textmode = textmode;
    fds[fd].pipech = -1;
    fds[fd].npending = 0;
    return fd;
}

int crt_lowio_alloc(HANDLE handle, int flags)
{
    RtlEnterCriticalSection(&fd_table_lock);
    int fd = claim_fd(0, handle, flags | device_flags(handle), CRT_TM_ANSI);
    RtlLeaveCriticalSection(&fd_table_lock);
    return fd;
}

HANDLE crt_lowio_handle(int fd)
{
    struct crt_fd *f = fd_of(fd);
    return f ? f->handle : INVALID_HANDLE_VALUE;
}

int crt_lowio_flags(int fd)
{
    return fd >= 0 && fd < CRT_MAX_FDS ? fds[fd].flags : 0;
}

enum crt_textmode crt_lowio_textmode(int fd)
{
    return fd >= 0 && fd < CRT_MAX_FDS && (fds[fd].flags & CRT_FTEXT) ? fds[fd].textmode : CRT_TM_ANSI;
}

/* ---- writing ------------------------------------------------------------------------------------------- */

size_t crt_text_expand(const char *src, size_t n, char *dst, size_t dst_size, size_t *taken)
{
    size_t in = 0, out = 0;
    while (in < n && out + 2 <= dst_size) {
        if (src[in] == '\n')
            dst[out++] = '\r';
        dst[out++] = src[in++];
    }
    *taken = in;
    return out;
}

size_t crt_text_expand_w(const WCHAR *src, size_t n, WCHAR *dst, size_t dst_size, size_t *taken)
{
    size_t in = 0, out = 0;
    while (in < n && out + 2 <= dst_size) {
        if (src[in] == '\n')
            dst[out++] = '\r';
        dst[out++] = src[in++];
    }
    *taken = in;
    return out;
}

/* A failed WriteFile: errno as msvcrt sets it (a handle without write access is EBADF). */
static void write_error(void)
{
    DWORD error = GetLastError();
    if (error == ERROR_ACCESS_DENIED) {
        crt_set_errno(CRT_EBADF);
        crt_thread()->doserrno = error;
    } else {
        crt_dosmaperr(error);
    }
}

static bool write_all(struct crt_fd *f, const void *buf, DWORD n, DWORD *written)
{
    *written = 0;
    if (f->handle == NO_HANDLE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return false;
    }
    return WriteFile(f->handle, buf, n, written, NULL) != 0;
}

/* Nothing written and no error: a full disk (ENOSPC), except a Ctrl-Z written to a device. */
static int short_write(struct crt_fd *f, const char *buf, int done)
{
    if (done)
        return done;
    if ((f->flags & CRT_FDEV) && buf[0] == 0x1A)
        return 0;
    crt_set_errno(CRT_ENOSPC);
    crt_thread()->doserrno = 0;
    return -1;
}

/* A write that failed part-way still reports what reached the file (msvcrt: bytes written, if any, win
 * over the error; the error stays in errno). */
static int write_binary(struct crt_fd *f, const char *buf, unsigned count)
{
    DWORD written;
    if (!write_all(f, buf, count, &written)) {
        write_error();
        return written ? (int)written : -1;
    }
    return written ? (int)written : short_write(f, buf, 0);
}

/* The program's bytes behind `written` bytes of expanded text: a "\r\n" pair stands for one '\n', which
 * counts only when both bytes went out. */
static size_t text_bytes_behind(const char *src, size_t written)
{
    size_t out = 0, in = 0;
    while (out < written) {
        size_t w = src[in] == '\n' ? 2 : 1;
        if (out + w > written)
            break;
        out += w;
        in++;
    }
    return in;
}

/* ANSI text: chunks with every '\n' preceded by '\r'; returns the program's bytes written. */
static int write_text(struct crt_fd *f, const char *buf, unsigned count)
{
    char chunk[1025];
    size_t done = 0;
    while (done < count) {
        size_t taken, n = crt_text_expand(buf + done, count - done, chunk, sizeof chunk, &taken);
        DWORD written;
        if (!write_all(f, chunk, (DWORD)n, &written)) {
            write_error();
            done += text_bytes_behind(buf + done, written);
            return done ? (int)done : -1;
        }
        if (written < n)
            return short_write(f, buf, (int)(done + text_bytes_behind(buf + done, written)));
        done += taken;
    }
    return (int)done;
}

static bool is_console(struct crt_fd *f)
{
    DWORD mode;
    return (f->flags & CRT_FDEV) && GetConsoleMode(f->handle, &mode);
}

/* Writes UTF-16 units (already "\r\n"-expanded) as the descriptor's encoding. */
static bool write_units(struct crt_fd *f, const WCHAR *w, size_t n)
{
    DWORD written;
    if (is_console(f))
        return WriteConsoleW(f->handle, w, (DWORD)n, &written, NULL) && written == n;
    if (f->textmode == CRT_TM_UTF16LE)
        return write_all(f, w, (DWORD)(n * 2), &written) && written == n * 2;
    char utf8[3 * 1025];
    ULONG bytes;
    RtlUnicodeToUTF8N(utf8, sizeof utf8, &bytes, w, (ULONG)(n * sizeof(WCHAR)));
    return write_all(f, utf8, bytes, &written) && written == bytes;
}

/* _O_U16TEXT / _O_U8TEXT: the buffer holds UTF-16; returns the bytes of it written. */
static int write_wide(struct crt_fd *f, const char *buf, unsigned count)
{
    const WCHAR *src = (const WCHAR *)buf;
    size_t units = count / 2, done = 0;
    WCHAR chunk[1025];
    while (done < units) {
        size_t taken, n = crt_text_expand_w(src + done, units - done, chunk, ARRAY_SIZE(chunk) - 1, &taken);
        /* keep a surrogate pair together for the UTF-8 conversion */
        if (done + taken < units && taken > 1 && src[done + taken - 1] >= 0xD800 && src[done + taken - 1] < 0xDC00) {
            taken--;
            n--;
        }
        if (!write_units(f, chunk, n)) {
            write_error();
            return done ? (int)(done * 2) : -1;
        }
        done += taken;
    }
    return (int)count;
}

int crt_write(int fd, const void *buf, unsigned count)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (!count)
        return 0;
    if (!buf || ((f->flags & CRT_FTEXT) && f->textmode != CRT_TM_ANSI && (count & 1))) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    RtlEnterCriticalSection(&f->lock);
    if (f->flags & CRT_FAPPEND) {
        LARGE_INTEGER zero = {.QuadPart = 0};
        SetFilePointerEx(f->handle, zero, NULL, 2);
    }
    int result;
    if (!(f->flags & CRT_FTEXT))
        result = write_binary(f, buf, count);
    else if (f->textmode == CRT_TM_ANSI)
        result = write_text(f, buf, count);
    else
        result = write_wide(f, buf, count);
    RtlLeaveCriticalSection(&f->lock);
    return result;
}

/* ---- reading --------------------------------------------------------------------------------------------- */

/* ReadFile with the CRT's reading of errors: a pipe whose writer is gone is an end of file; a handle
 * without read access is EBADF. Returns the bytes read or -1. */
static int raw_read(struct crt_fd *f, void *buf, DWORD count)
{
    DWORD got = 0;
    if (f->handle == NO_HANDLE)
        return 0;
    if (ReadFile(f->handle, buf, count, &got, NULL))
        return (int)got;
    DWORD error = GetLastError();
    if (error == ERROR_BROKEN_PIPE)
        return 0;
    if (error == ERROR_ACCESS_DENIED) {
        crt_set_errno(CRT_EBADF);
        crt_thread()->doserrno = error;
    } else {
        crt_dosmaperr(error);
    }
    return -1;
}

static void seek_back(struct crt_fd *f, int64_t n)
{
    LARGE_INTEGER d = {.QuadPart = -n};
    SetFilePointerEx(f->handle, d, NULL, 1);
}

/* A '\r' ended the raw data: decide with the next byte. Returns the bytes to store at q (0 or 1). */
static int resolve_final_cr(struct crt_fd *f, char *q, bool nothing_stored)
{
    char peek;
    DWORD got = 0;
    if (!ReadFile(f->handle, &peek, 1, &got, NULL) || got == 0) {
        *q = '\r';
        return 1;
    }
    if (f->flags & (CRT_FDEV | CRT_FPIPE)) {
        /* cannot seek back: a LF completes the pair, anything else waits in pipech */
        if (peek == '\n') {
            *q = '\n';
        } else {
            *q = '\r';
            f->pipech = (unsigned char)peek;
        }
        return 1;
    }
    if (nothing_stored && peek == '\n') {
        *q = '\n';   /* a one-byte read must make progress: consume the pair */
        return 1;
    }
    seek_back(f, 1);
    if (peek == '\n')
        return 0;    /* the pair is read again next time, from its LF */
    *q = '\r';
    return 1;
}

/* Text-mode translation of n bytes in place: "\r\n" -> "\n", Ctrl-Z ends a file. Returns the new length. */
static int translate_read(struct crt_fd *f, char *buf, int n)
{
    if (n > 0 && buf[0] == '\n')
        f->flags |= CRT_FCRLF;
    else
        f->flags &= ~CRT_FCRLF;
    char *p = buf, *q = buf, *end = buf + n;
    while (p < end) {
        if (*p == 0x1A) {
            if (f->flags & CRT_FDEV)
                *q++ = *p;
            else
                f->flags |= CRT_FEOFLAG;
            break;
        }
        if (*p != '\r') {
            *q++ = *p++;
        } else if (p + 1 < end) {
            if (p[1] == '\n') {
                *q++ = '\n';
                p += 2;
            } else {
                *q++ = *p++;
            }
        } else {
            p++;
            q += resolve_final_cr(f, q, q == buf);
        }
    }
    return (int)(q - buf);
}

/* UTF-16 text: "\r\n" -> "\n" on units, Ctrl-Z ends a file. Returns the new length in units. */
static size_t translate_read_w(struct crt_fd *f, WCHAR *buf, size_t n)
{
    size_t i = 0, out = 0;
    while (i < n) {
        if (buf[i] == 0x1A && !(f->flags & CRT_FDEV)) {
            f->flags |= CRT_FEOFLAG;
            break;
        }
        if (buf[i] == '\r' && i + 1 < n && buf[i + 1] == '\n') {
            buf[out++] = '\n';
            i += 2;
            continue;
        }
        buf[out++] = buf[i++];
    }
    return out;
}

/* Bytes at the end of s[0..n) that start an incomplete UTF-8 sequence. */
static int utf8_incomplete_tail(const unsigned char *s, int n)
{
    for (int back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = s[n - back];
        if ((c & 0xC0) == 0x80)
            continue;
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

/* _O_U8TEXT: UTF-8 in the file, UTF-16 to the program. count is in bytes of UTF-16. */
static int read_utf8(struct crt_fd *f, WCHAR *buf, unsigned count)
{
    unsigned char raw[2048 + 4];
    unsigned want = count / 2 < 2048 ? count / 2 : 2048;
    int have = f->npending;
    memcpy(raw, f->utf8_pending, (size_t)have);
    f->npending = 0;
    int n = raw_read(f, raw + have, want > (unsigned)have ? want - (unsigned)have : 1);
    if (n < 0)
        return -1;
    n += have;
    int tail = n > have ? utf8_incomplete_tail(raw, n) : 0;
    if (tail) {
        if (f->flags & (CRT_FDEV | CRT_FPIPE)) {
            memcpy(f->utf8_pending, raw + n - tail, (size_t)tail);
            f->npending = tail;
        } else {
            seek_back(f, tail);
        }
        n -= tail;
    }
    ULONG bytes;
    RtlUTF8ToUnicodeN(buf, count & ~1u, &bytes, (const char *)raw, (ULONG)n);
    return (int)(translate_read_w(f, buf, bytes / 2) * 2);
}

static int read_locked(struct crt_fd *f, char *buf, unsigned count)
{
    if (f->flags & CRT_FEOFLAG)
        return 0;
    if ((f->flags & CRT_FTEXT) && f->textmode == CRT_TM_UTF8)
        return read_utf8(f, (WCHAR *)buf, count);
    if ((f->flags & CRT_FTEXT) && f->textmode == CRT_TM_UTF16LE) {
        int n = raw_read(f, buf, count & ~1u);
        return n <= 0 ? n : (int)(translate_read_w(f, (WCHAR *)buf, (size_t)n / 2) * 2);
    }
    int got = 0;
    if ((f->flags & (CRT_FPIPE | CRT_FDEV)) && f->pipech >= 0) {
        buf[got++] = (char)f->pipech;
        f->pipech = -1;
    }
    int n = (unsigned)got < count ? raw_read(f, buf + got, count - (unsigned)got) : 0;
    if (n < 0)
        return -1;
    got += n;
    return f->flags & CRT_FTEXT ? translate_read(f, buf, got) : got;
}

int crt_read(int fd, void *buffer, unsigned count)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (count == 0)
        return 0;
    if (!buffer || count > 0x7FFFFFFF || ((f->flags & CRT_FTEXT) && f->textmode != CRT_TM_ANSI && count < 2)) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    RtlEnterCriticalSection(&f->lock);
    int n = read_locked(f, buffer, count);
    RtlLeaveCriticalSection(&f->lock);
    return n;
}

/* ---- closing, seeking, modes ----------------------------------------------------------------------------- */

int crt_close(int fd)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    RtlEnterCriticalSection(&fd_table_lock);
    HANDLE h = f->handle;
    /* stdout and stderr sharing one handle: closing one leaves the handle to the other (msvcrt) */
    bool shared = (fd == 1 || fd == 2) && (fds[3 - fd].flags & CRT_FOPEN) && fds[3 - fd].handle == h;
    f->flags = 0;
    f->handle = INVALID_HANDLE_VALUE;
    f->pipech = -1;
    RtlLeaveCriticalSection(&fd_table_lock);
    int result = 0;
    if (h != NO_HANDLE && !shared && !CloseHandle(h)) {
        crt_dosmaperr(GetLastError());
        result = -1;
    }
    if (fd <= 2)
        SetStdHandle(fd == 0 ? STD_INPUT_HANDLE : fd == 1 ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE, NULL);
    return result;
}

int64_t crt_lseeki64(int fd, int64_t offset, int whence)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (whence < 0 || whence > 2) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    if (f->flags & CRT_FPIPE) {
        /* the pipe refuses a position (ERROR_INVALID_PARAMETER) */
        crt_dosmaperr(ERROR_INVALID_PARAMETER);
        return -1;
    }
    RtlEnterCriticalSection(&f->lock);
    LARGE_INTEGER d = {.QuadPart = offset}, pos;
    int64_t result = -1;
    if (!SetFilePointerEx(f->handle, d, &pos, (DWORD)whence)) {
        crt_dosmaperr(GetLastError());
    } else {
        f->flags &= ~CRT_FEOFLAG;
        f->npending = 0;
        result = pos.QuadPart;
    }
    RtlLeaveCriticalSection(&f->lock);
    return result;
}

static int mode_of(const struct crt_fd *f)
{
    if (!(f->flags & CRT_FTEXT))
        return CRT_O_BINARY;
    switch (f->textmode) {
    case CRT_TM_UTF8:    return CRT_O_U8TEXT;
    case CRT_TM_UTF16LE: return CRT_O_U16TEXT;
    default:             return CRT_O_TEXT;
    }
}

int crt_setmode(int fd, int mode)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (mode != CRT_O_TEXT && mode != CRT_O_BINARY && mode != CRT_O_WTEXT && mode != CRT_O_U16TEXT &&
        mode != CRT_O_U8TEXT) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    RtlEnterCriticalSection(&f->lock);
    int old = mode_of(f);
    f->flags = mode == CRT_O_BINARY ? f->flags & ~CRT_FTEXT : f->flags | CRT_FTEXT;
    f->textmode = mode == CRT_O_U8TEXT ? CRT_TM_UTF8
                  : mode == CRT_O_U16TEXT || mode == CRT_O_WTEXT ? CRT_TM_UTF16LE : CRT_TM_ANSI;
    RtlLeaveCriticalSection(&f->lock);
    return old;
}

/* msvcrt returns the FDEV bit itself (0x40), not 1; a NUL device counts as a character device too. */
int crt_isatty(int fd)
{
    if (fd < 0 || fd >= CRT_MAX_FDS) {
        crt_invalid_parameter(CRT_EBADF);
        return 0;
    }
    return fds[fd].flags & CRT_FOPEN ? fds[fd].flags & CRT_FDEV : 0;
}

/* ---- opening descriptors ------------------------------------------------------------------------------ */

static int text_flags(int oflag, enum crt_textmode *tm)
{
    *tm = oflag & CRT_O_U8TEXT ? CRT_TM_UTF8 : oflag & (CRT_O_U16TEXT | CRT_O_WTEXT) ? CRT_TM_UTF16LE : CRT_TM_ANSI;
    if (oflag & CRT_O_BINARY)
        return 0;
    if (oflag & (CRT_O_TEXT | CRT_O_WTEXT | CRT_O_U16TEXT | CRT_O_U8TEXT))
        return CRT_FTEXT;
    return crt_default_fmode() & CRT_O_BINARY ? 0 : CRT_FTEXT;
}

static DWORD creation_of(int oflag)
{
    switch (oflag & (CRT_O_CREAT | CRT_O_EXCL | CRT_O_TRUNC)) {
    case CRT_O_CREAT:                             return OPEN_ALWAYS;
    case CRT_O_CREAT | CRT_O_EXCL:
    case CRT_O_CREAT | CRT_O_EXCL | CRT_O_TRUNC:  return CREATE_NEW;
    case CRT_O_CREAT | CRT_O_TRUNC:               return CREATE_ALWAYS;
    case CRT_O_TRUNC:
    case CRT_O_TRUNC | CRT_O_EXCL:                return TRUNCATE_EXISTING;
    default:                                      return OPEN_EXISTING;
    }
}

static bool share_of(int shflag, DWORD *share)
{
    switch (shflag) {
    case CRT_SH_DENYRW: *share = 0; return true;
    case CRT_SH_DENYWR: *share = FILE_SHARE_READ; return true;
    case CRT_SH_DENYRD: *share = FILE_SHARE_WRITE; return true;
    case CRT_SH_DENYNO: *share = FILE_SHARE_READ | FILE_SHARE_WRITE; return true;
    default: return false;
    }
}

/* A text file opened for reading and writing loses a final Ctrl-Z, so appending continues the text. */
static void strip_final_ctrlz(int fd)
{
    int64_t pos = crt_lseeki64(fd, -1, 2);
    if (pos < 0)
        return;
    char c = 0;
    if (crt_read(fd, &c, 1) == 0 && c == 0x1A) {
        LARGE_INTEGER d = {.QuadPart = pos};
        SetFilePointerEx(fds[fd].handle, d, NULL, 0);
        SetEndOfFile(fds[fd].handle);
    }
    crt_lseeki64(fd, 0, 0);
}

int crt_sopen(const WCHAR *path, int oflag, int shflag, int pmode)
{
    DWORD share;
    if (!path || !share_of(shflag, &share) || (oflag & 3) == 3) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    DWORD access = (oflag & 3) == CRT_O_WRONLY ? GENERIC_WRITE
                   : (oflag & 3) == CRT_O_RDWR ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ;
    DWORD attributes = (oflag & CRT_O_CREAT) && !(pmode & CRT_S_IWRITE) ? FILE_ATTRIBUTE_READONLY
                                                                         : FILE_ATTRIBUTE_NORMAL;
    if (oflag & CRT_O_TEMPORARY) {
        attributes |= FILE_FLAG_DELETE_ON_CLOSE;
        access |= DELETE;
        share |= FILE_SHARE_DELETE;
    }
    if (oflag & CRT_O_SHORT_LIVED)
        attributes |= FILE_ATTRIBUTE_TEMPORARY;
    if (oflag & CRT_O_SEQUENTIAL)
        attributes |= FILE_FLAG_SEQUENTIAL_SCAN;
    else if (oflag & CRT_O_RANDOM)
        attributes |= FILE_FLAG_RANDOM_ACCESS;
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, !(oflag & CRT_O_NOINHERIT)};
    HANDLE h = CreateFileW(path, access, share, &sa, creation_of(oflag), attributes, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    enum crt_textmode tm;
    int flags = text_flags(oflag, &tm) | (oflag & CRT_O_APPEND ? CRT_FAPPEND : 0) |
                (oflag & CRT_O_NOINHERIT ? CRT_FNOINHERIT : 0) | device_flags(h);
    RtlEnterCriticalSection(&fd_table_lock);
    int fd = claim_fd(0, h, flags, tm);
    RtlLeaveCriticalSection(&fd_table_lock);
    if (fd < 0) {
        CloseHandle(h);
        return -1;
    }
    if ((flags & CRT_FTEXT) && tm == CRT_TM_ANSI && (oflag & CRT_O_RDWR) && !(flags & (CRT_FDEV | CRT_FPIPE)))
        strip_final_ctrlz(fd);
    return fd;
}

/* ---- duplicating ---------------------------------------------------------------------------------------- */

static HANDLE duplicate(HANDLE h, bool inherit)
{
    HANDLE out = NULL;
    if (h == NO_HANDLE)
        return NULL;
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &out, 0, inherit, DUPLICATE_SAME_ACCESS)) {
        crt_dosmaperr(GetLastError());
        return NULL;
    }
    return out;
}

int crt_dup(int fd)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    HANDLE h = duplicate(f->handle, true);
    if (!h)
        return -1;
    RtlEnterCriticalSection(&fd_table_lock);
    int nfd = claim_fd(0, h, f->flags & ~CRT_FNOINHERIT, f->textmode);
    RtlLeaveCriticalSection(&fd_table_lock);
    if (nfd < 0)
        CloseHandle(h);
    return nfd;
}

int crt_dup2(int fd, int fd2)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (fd2 < 0 || fd2 >= CRT_MAX_FDS) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EBADF);
        return -1;
    }
    if (fd == fd2)
        return 0;
    HANDLE h = duplicate(f->handle, true);
    if (!h)
        return -1;
    if (fds[fd2].flags & CRT_FOPEN)
        crt_close(fd2);
    RtlEnterCriticalSection(&fd_table_lock);
    int flags = f->flags & ~CRT_FNOINHERIT;
    fds[fd2].handle = h;
    fds[fd2].flags = flags | CRT_FOPEN;
    fds[fd2].textmode = f->textmode;
    fds[fd2].pipech = -1;
    fds[fd2].npending = 0;
    RtlLeaveCriticalSection(&fd_table_lock);
    if (fd2 <= 2)
        SetStdHandle(fd2 == 0 ? STD_INPUT_HANDLE : fd2 == 1 ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE, h);
    return 0;
}

/* ---- exports: descriptors ------------------------------------------------------------------------------ */

int WINAPI crtio__write(int fd, const void *buf, unsigned n) { return crt_write(fd, buf, n); }
int WINAPI crtio__read(int fd, void *buf, unsigned n) { return crt_read(fd, buf, n); }
int WINAPI crtio__close(int fd) { return crt_close(fd); }
int WINAPI crtio__setmode(int fd, int mode) { return crt_setmode(fd, mode); }
int WINAPI crtio__isatty(int fd) { return crt_isatty(fd); }
int WINAPI crtio__dup(int fd) { return crt_dup(fd); }
int WINAPI crtio__dup2(int fd, int fd2) { return crt_dup2(fd, fd2); }
int64_t WINAPI crtio__lseeki64(int fd, int64_t off, int whence) { return crt_lseeki64(fd, off, whence); }
int64_t WINAPI crtio__telli64(int fd) { return crt_lseeki64(fd, 0, 1); }

LONG WINAPI crtio__lseek(int fd, LONG off, int whence)
{
    int64_t pos = crt_lseeki64(fd, off, whence);
    if (pos > 0x7FFFFFFF) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    return (LONG)pos;
}

LONG WINAPI crtio__tell(int fd)
{
    return crtio__lseek(fd, 0, 1);
}

int WINAPI crtio__eof(int fd)
{
    int64_t here = crt_lseeki64(fd, 0, 1);
    if (here < 0)
        return -1;
    int64_t end = crt_lseeki64(fd, 0, 2);
    if (end < 0)
        return -1;
    crt_lseeki64(fd, here, 0);
    return here == end ? 1 : 0;
}

int WINAPI crtio__commit(int fd)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (!FlushFileBuffers(f->handle)) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

int64_t WINAPI crtio__filelengthi64(int fd)
{
    int64_t here = crt_lseeki64(fd, 0, 1);
    if (here < 0)
        return -1;
    int64_t end = crt_lseeki64(fd, 0, 2);
    crt_lseeki64(fd, here, 0);
    return end;
}

LONG WINAPI crtio__filelength(int fd)
{
    int64_t n = crtio__filelengthi64(fd);
    return n > 0x7FFFFFFF ? -1 : (LONG)n;
}

/* _chsize_s: the file becomes `size` bytes (zeros appended); the position stays. Returns an errno. */
int WINAPI crtio__chsize_s(int fd, int64_t size)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return CRT_EBADF;
    if (size < 0) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    RtlEnterCriticalSection(&f->lock);
    LARGE_INTEGER zero = {.QuadPart = 0}, here, to = {.QuadPart = size};
    int err = 0;
    if (!SetFilePointerEx(f->handle, zero, &here, 1) || !SetFilePointerEx(f->handle, to, NULL, 0) ||
        !SetEndOfFile(f->handle)) {
        DWORD e = GetLastError();
        crt_dosmaperr(e);
        err = e == ERROR_ACCESS_DENIED ? CRT_EACCES : crt_thread()->errno_value;
    }
    SetFilePointerEx(f->handle, here, NULL, 0);
    RtlLeaveCriticalSection(&f->lock);
    return err;
}

int WINAPI crtio__chsize(int fd, LONG size)
{
    int err = crtio__chsize_s(fd, size);
    if (err)
        crt_set_errno(err);
    return err ? -1 : 0;
}

int WINAPI crtio__open_osfhandle(INT_PTR handle, int flags)
{
    enum crt_textmode tm;
    int fdflags = text_flags(flags, &tm) | (flags & CRT_O_APPEND ? CRT_FAPPEND : 0) |
                  (flags & CRT_O_NOINHERIT ? CRT_FNOINHERIT : 0);
    if (GetFileType((HANDLE)handle) == FILE_TYPE_UNKNOWN && GetLastError() != 0) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    RtlEnterCriticalSection(&fd_table_lock);
    int fd = claim_fd(0, (HANDLE)handle, fdflags | device_flags((HANDLE)handle), tm);
    RtlLeaveCriticalSection(&fd_table_lock);
    return fd;
}

INT_PTR WINAPI crtio__get_osfhandle(int fd)
{
    struct crt_fd *f = fd_of(fd);
    return f ? (INT_PTR)f->handle : -1;
}

static int open_narrow(const char *path, int oflag, int shflag, int pmode)
{
    WCHAR *w = crt_path_to_wide(path);
    if (!w)
        return -1;
    int fd = crt_sopen(w, oflag, shflag, pmode);
    BaseFreeWide(w);
    return fd;
}

/* _open/_wopen/_sopen take the permission argument only with _O_CREAT (a variadic third argument). */
int WINAPI crtio__open(const char *path, int oflag, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, oflag);
    int pmode = oflag & CRT_O_CREAT ? __builtin_va_arg(ap, int) : 0;
    __builtin_ms_va_end(ap);
    return open_narrow(path, oflag, CRT_SH_DENYNO, pmode);
}

int WINAPI crtio__wopen(const WCHAR *path, int oflag, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, oflag);
    int pmode = oflag & CRT_O_CREAT ? __builtin_va_arg(ap, int) : 0;
    __builtin_ms_va_end(ap);
    return crt_sopen(path, oflag, CRT_SH_DENYNO, pmode);
}

int WINAPI crtio__sopen(const char *path, int oflag, int shflag, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, shflag);
    int pmode = oflag & CRT_O_CREAT ? __builtin_va_arg(ap, int) : 0;
    __builtin_ms_va_end(ap);
    return open_narrow(path, oflag, shflag, pmode);
}

int WINAPI crtio__wsopen(const WCHAR *path, int oflag, int shflag, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, shflag);
    int pmode = oflag & CRT_O_CREAT ? __builtin_va_arg(ap, int) : 0;
    __builtin_ms_va_end(ap);
    return crt_sopen(path, oflag, shflag, pmode);
}

int WINAPI crtio__sopen_s(int *pfd, const char *path, int oflag, int shflag, int pmode)
{
    if (!pfd) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    *pfd = open_narrow(path, oflag, shflag, pmode);
    return *pfd < 0 ? crt_thread()->errno_value : 0;
}

int WINAPI crtio__wsopen_s(int *pfd, const WCHAR *path, int oflag, int shflag, int pmode)
{
    if (!pfd) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    *pfd = crt_sopen(path, oflag, shflag, pmode);
    return *pfd < 0 ? crt_thread()->errno_value : 0;
}

int WINAPI crtio__creat(const char *path, int pmode)
{
    return open_narrow(path, CRT_O_CREAT | CRT_O_TRUNC | CRT_O_RDWR, CRT_SH_DENYNO, pmode);
}

int WINAPI crtio__wcreat(const WCHAR *path, int pmode)
{
    return crt_sopen(path, CRT_O_CREAT | CRT_O_TRUNC | CRT_O_RDWR, CRT_SH_DENYNO, pmode);
}

/*
 * _locking: a byte-range lock of n bytes at the current position, over LockFile/UnlockFile as the
 * Microsoft CRT does: _LK_LOCK and _LK_RLCK try 10 times, 1 s apart, then fail with EDEADLOCK;
 * _LK_NBLCK and _LK_NBRLCK try once (ERROR_LOCK_VIOLATION -> EACCES); _LK_UNLCK unlocks exactly that
 * range. Read locks are exclusive too (Windows has no shared LockFile).
 */
#define CRT_LK_UNLCK 0
#define CRT_LK_LOCK  1
#define CRT_LK_RLCK  3
int WINAPI crtio__locking(int fd, int mode, LONG n)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (n < 0) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    int64_t pos = crt_lseeki64(fd, 0, 1);
    if (pos < 0)
        return -1;
    int tries = mode == CRT_LK_LOCK || mode == CRT_LK_RLCK ? 10 : 1;
    BOOL ok = FALSE;
    for (int i = 0; i < tries && !ok; i++) {
        if (i)
            Sleep(1000);
        ok = mode == CRT_LK_UNLCK ? UnlockFile(f->handle, (DWORD)pos, (DWORD)((uint64_t)pos >> 32), (DWORD)n, 0)
                                  : LockFile(f->handle, (DWORD)pos, (DWORD)((uint64_t)pos >> 32), (DWORD)n, 0);
    }
    if (ok)
        return 0;
    if (tries > 1) {
        crt_thread()->doserrno = GetLastError();
        crt_thread()->errno_value = CRT_EDEADLK;
    } else {
        crt_dosmaperr(GetLastError());
    }
    return -1;
}

/* _pipe: two descriptors over CreatePipe, pfds[0] reading and pfds[1] writing. textmode takes _O_BINARY or
 * _O_TEXT (neither: the default _fmode) and _O_NOINHERIT; without it both handles are inheritable, as
 * msvcrt makes them for the child processes _pipe exists for. */
int WINAPI crtio__pipe(int *pfds, unsigned size, int textmode)
{
    if (!pfds) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, !(textmode & CRT_O_NOINHERIT)};
    HANDLE r, w;
    if (!CreatePipe(&r, &w, &sa, size)) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    enum crt_textmode tm;
    int flags = text_flags(textmode, &tm) | CRT_FPIPE | (textmode & CRT_O_NOINHERIT ? CRT_FNOINHERIT : 0);
    RtlEnterCriticalSection(&fd_table_lock);
    int rfd = claim_fd(0, r, flags, tm);
    int wfd = rfd < 0 ? -1 : claim_fd(0, w, flags, tm);
    if (wfd < 0 && rfd >= 0)
        fds[rfd].flags = 0;
    RtlLeaveCriticalSection(&fd_table_lock);
    if (wfd < 0) {
        CloseHandle(r);
        CloseHandle(w);
        return -1;
    }
    pfds[0] = rfd;
    pfds[1] = wfd;
    return 0;
}
