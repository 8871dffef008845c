/*
 * Low-level I/O: CRT descriptors over Win32 handles (_open_osfhandle, _get_osfhandle, _read, _write,
 * _close, _lseeki64, _setmode). Text mode is done here, as msvcrt does: "\n" is written as "\r\n", and
 * reading turns "\r\n" into "\n" and stops at Ctrl-Z (0x1A) in files.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

struct crt_fd {
    HANDLE handle;
    int flags;          /* CRT_F* */
    char pending_cr;    /* a text-mode read ended in '\r': it decides with the next byte */
    RTL_CRITICAL_SECTION lock;
};

static struct crt_fd fds[CRT_MAX_FDS];
static RTL_CRITICAL_SECTION fd_table_lock;

#define O_TEXT   0x4000
#define O_BINARY 0x8000
#define O_WTEXT  0x10000
#define O_U16TEXT 0x20000
#define O_U8TEXT 0x40000

DWORD WINAPI GetFileType(HANDLE file);

static int device_flags(HANDLE h)
{
    switch (GetFileType(h)) {
    case 2:  return CRT_FDEV;     /* FILE_TYPE_CHAR */
    case 3:  return CRT_FPIPE;    /* FILE_TYPE_PIPE */
    default: return 0;
    }
}

void crt_lowio_init(void)
{
    static const DWORD std[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    for (int fd = 0; fd < 3; fd++) {
        HANDLE h = GetStdHandle(std[fd]);
        if (!h || h == INVALID_HANDLE_VALUE) {
            /* msvcrt marks a missing standard handle as -2 ("no console"). */
            fds[fd].handle = (HANDLE)(LONG_PTR)-2;
            continue;
        }
        fds[fd].handle = h;
        fds[fd].flags = CRT_FOPEN | CRT_FTEXT | device_flags(h);
    }
}

static struct crt_fd *fd_of(int fd)
{
    if (fd < 0 || fd >= CRT_MAX_FDS || !(fds[fd].flags & CRT_FOPEN)) {
        crt_set_errno(CRT_EBADF);
        crt_thread()->doserrno = 0;
        return NULL;
    }
    return &fds[fd];
}

int crt_lowio_alloc(HANDLE handle, int flags)
{
    RtlEnterCriticalSection(&fd_table_lock);
    int fd = 0;
    while (fd < CRT_MAX_FDS && (fds[fd].flags & CRT_FOPEN))
        fd++;
    if (fd == CRT_MAX_FDS) {
        RtlLeaveCriticalSection(&fd_table_lock);
        crt_set_errno(CRT_EMFILE);
        return -1;
    }
    fds[fd].handle = handle;
    fds[fd].flags = flags | CRT_FOPEN | device_flags(handle);
    fds[fd].pending_cr = 0;
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

/* Writes text-mode data in chunks with every '\n' preceded by '\r'; returns source bytes consumed. */
static int write_text(struct crt_fd *f, const char *buf, unsigned count)
{
    char chunk[1024];
    unsigned done = 0;
    while (done < count) {
        unsigned n = 0, taken = 0;
        while (done + taken < count && n < sizeof chunk - 1) {
            char c = buf[done + taken++];
            if (c == '\n')
                chunk[n++] = '\r';
            chunk[n++] = c;
        }
        DWORD written;
        if (!WriteFile(f->handle, chunk, n, &written, NULL) || written < n) {
            crt_dosmaperr(GetLastError());
            return done ? (int)done : -1;
        }
        done += taken;
    }
    return (int)done;
}

int crt_write(int fd, const void *buf, unsigned count)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (!buf && count) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    RtlEnterCriticalSection(&f->lock);
    int result;
    if (f->flags & CRT_FAPPEND) {
        LARGE_INTEGER zero = {.QuadPart = 0};
        SetFilePointerEx(f->handle, zero, NULL, 2);
    }
    if (f->flags & CRT_FTEXT) {
        result = write_text(f, buf, count);
    } else {
        DWORD written;
        if (WriteFile(f->handle, buf, count, &written, NULL)) {
            result = (int)written;
        } else {
            crt_dosmaperr(GetLastError());
            result = -1;
        }
    }
    RtlLeaveCriticalSection(&f->lock);
    return result;
}

/* Text-mode translation of what was read, in place: "\r\n" -> "\n", Ctrl-Z ends a file. */
static int translate_read(struct crt_fd *f, char *buf, int n)
{
    int out = 0;
    for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == 0x1A && !(f->flags & (CRT_FDEV | CRT_FPIPE))) {
            f->flags |= CRT_FEOFLAG;
            break;
        }
        if (c == '\r') {
            if (i + 1 < n) {
                if (buf[i + 1] == '\n')
                    continue;   /* the '\n' is kept by the next round */
            } else {
                /* a '\r' at the end of the block: look at the next byte */
                char next;
                DWORD got;
                if (ReadFile(f->handle, &next, 1, &got, NULL) && got == 1) {
                    if (next == '\n') {
                        buf[out++] = '\n';
                        continue;
                    }
                    f->pending_cr = next;   /* delivered first by the next read */
                    f->flags |= CRT_FCRLF;
                }
            }
        }
        buf[out++] = c;
    }
    return out;
}

int crt_read(int fd, void *buffer, unsigned count)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (count == 0)
        return 0;
    char *buf = buffer;
    RtlEnterCriticalSection(&f->lock);
    int result = 0;
    if (f->flags & CRT_FEOFLAG) {
        RtlLeaveCriticalSection(&f->lock);
        return 0;
    }
    if (f->flags & CRT_FCRLF) {
        *buf++ = f->pending_cr;
        count--;
        result = 1;
        f->flags &= ~CRT_FCRLF;
    }
    DWORD got = 0;
    if (count && !ReadFile(f->handle, buf, count, &got, NULL)) {
        DWORD error = GetLastError();
        /* A pipe whose writer is gone is an end of file to the CRT. */
        if (error != ERROR_BROKEN_PIPE) {
            crt_dosmaperr(error);
            RtlLeaveCriticalSection(&f->lock);
            return -1;
        }
        got = 0;
    }
    int n = (int)got;
    if (f->flags & CRT_FTEXT)
        n = translate_read(f, buf - result, n + result) - result;
    RtlLeaveCriticalSection(&f->lock);
    return result + n;
}

int crt_close(int fd)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    RtlEnterCriticalSection(&fd_table_lock);
    HANDLE h = f->handle;
    f->flags = 0;
    f->handle = INVALID_HANDLE_VALUE;
    RtlLeaveCriticalSection(&fd_table_lock);
    /* The standard handles stay open for the process; closing fd 0-2 only detaches the CRT from them. */
    if (fd > 2 && !CloseHandle(h)) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

int64_t crt_lseeki64(int fd, int64_t offset, int whence)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (whence < 0 || whence > 2) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    if (f->flags & (CRT_FDEV | CRT_FPIPE)) {
        crt_set_errno(CRT_ESPIPE);
        return -1;
    }
    LARGE_INTEGER d = {.QuadPart = offset}, pos;
    if (!SetFilePointerEx(f->handle, d, &pos, (DWORD)whence)) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    f->flags &= ~(CRT_FEOFLAG | CRT_FCRLF);
    return pos.QuadPart;
}

int crt_setmode(int fd, int mode)
{
    struct crt_fd *f = fd_of(fd);
    if (!f)
        return -1;
    if (mode != O_TEXT && mode != O_BINARY && mode != O_WTEXT && mode != O_U16TEXT && mode != O_U8TEXT) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    int old = f->flags & CRT_FTEXT ? O_TEXT : O_BINARY;
    if (mode == O_BINARY)
        f->flags &= ~CRT_FTEXT;
    else
        f->flags |= CRT_FTEXT;
    return old;
}

int crt_isatty(int fd)
{
    return fd >= 0 && fd < CRT_MAX_FDS && (fds[fd].flags & CRT_FOPEN) && (fds[fd].flags & CRT_FDEV) ? 1 : 0;
}

/* ---- opening descriptors ------------------------------------------------------------------------------ */

#define O_RDONLY 0x0000
#define O_WRONLY 0x0001
#define O_RDWR   0x0002
#define O_APPEND 0x0008
#define O_CREAT  0x0100
#define O_TRUNC  0x0200
#define O_EXCL   0x0400
#define O_NOINHERIT 0x0080
#define S_IWRITE 0x0080

/* _fmode: the default translation mode of new descriptors (_O_TEXT unless the program changes it). */
int crt_fmode = O_TEXT;

int WINAPI crt_wopen(const WCHAR *path, int oflag, int pmode)
{
    DWORD access = (oflag & 3) == O_WRONLY ? GENERIC_WRITE : (oflag & 3) == O_RDWR ? GENERIC_READ | GENERIC_WRITE
                                                                                  : GENERIC_READ;
    DWORD creation;
    switch (oflag & (O_CREAT | O_EXCL | O_TRUNC)) {
    case O_CREAT:                     creation = 4; break;  /* OPEN_ALWAYS */
    case O_CREAT | O_EXCL:
    case O_CREAT | O_EXCL | O_TRUNC:  creation = 1; break;  /* CREATE_NEW */
    case O_CREAT | O_TRUNC:           creation = 2; break;  /* CREATE_ALWAYS */
    case O_TRUNC:
    case O_TRUNC | O_EXCL:            creation = 5; break;  /* TRUNCATE_EXISTING */
    default:                          creation = 3; break;  /* OPEN_EXISTING */
    }
    DWORD attributes = (oflag & O_CREAT) && !(pmode & S_IWRITE) ? FILE_ATTRIBUTE_READONLY : FILE_ATTRIBUTE_NORMAL;
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, !(oflag & O_NOINHERIT)};
    HANDLE h = CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, creation, attributes, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    int text = oflag & O_BINARY ? 0 : oflag & O_TEXT ? CRT_FTEXT : (crt_fmode & O_BINARY ? 0 : CRT_FTEXT);
    int fd = crt_lowio_alloc(h, text | (oflag & O_APPEND ? CRT_FAPPEND : 0) |
                                    (oflag & O_NOINHERIT ? CRT_FNOINHERIT : 0));
    if (fd < 0)
        CloseHandle(h);
    return fd;
}

int WINAPI crt_open(const char *path, int oflag, int pmode)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok || !w) {
        crt_set_errno(ok ? CRT_EINVAL : CRT_ENOMEM);
        return -1;
    }
    int fd = crt_wopen(w, oflag, pmode);
    BaseFreeWide(w);
    return fd;
}

int WINAPI crt_open_osfhandle(INT_PTR handle, int flags)
{
    int text = flags & O_BINARY ? 0 : flags & O_TEXT ? CRT_FTEXT : (crt_fmode & O_BINARY ? 0 : CRT_FTEXT);
    return crt_lowio_alloc((HANDLE)handle, text | (flags & O_APPEND ? CRT_FAPPEND : 0));
}

INT_PTR WINAPI crt_get_osfhandle(int fd)
{
    return (INT_PTR)crt_lowio_handle(fd);
}
