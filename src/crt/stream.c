/*
 * Streams: the buffering layer over lowio, on msvcrt's FILE layout and with its rules (_flsbuf, _filbuf,
 * _flush, _ftelli64). Buffers hold what the program wrote ("\n" alone); text translation happens when
 * lowio writes, so a buffered '\n' of a text stream counts as two bytes of the file. A stream on a
 * character device (a console) has no buffer of its own and the printf family lends it one for the call
 * (crt_stbuf/crt_ftbuf), so console output appears call by call; streams on files and pipes get a 4 KiB
 * buffer at their first use and are flushed when full, by fflush, and at exit. ucrtbase's stderr is the
 * exception: it starts unbuffered (_IOBUFFER_NONE in the UCRT's _iob), so every write reaches the file at
 * once, whatever the program does next (abort, TerminateProcess); msvcrt.dll's stderr on a file or pipe is
 * fully buffered like stdout, as it is on Windows 10.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

/* Streams opened by fopen and friends carry their lock with them (msvcrt's _FILEX). */
struct crt_stream {
    CRT_FILE file;
    RTL_CRITICAL_SECTION lock;
};

#define MAX_STREAMS 512
#define MAX_STD_SETS 2

static struct crt_stream *streams[MAX_STREAMS];
static struct {
    CRT_FILE *base;
    int first_lock;
    RTL_CRITICAL_SECTION locks[CRT_STD_STREAMS];
} std_sets[MAX_STD_SETS];
static int nstd_sets;
static RTL_CRITICAL_SECTION streams_lock;

void crt_stdio_init(CRT_FILE *std, int first_lock)
{
    static const int modes[CRT_STD_STREAMS] = {CRT_IOREAD, CRT_IOWRT, CRT_IOWRT};
    RtlEnterCriticalSection(&streams_lock);
    if (nstd_sets < MAX_STD_SETS) {
        std_sets[nstd_sets].base = std;
        std_sets[nstd_sets].first_lock = first_lock;
        nstd_sets++;
    }
    RtlLeaveCriticalSection(&streams_lock);
    for (int i = 0; i < CRT_STD_STREAMS; i++) {
        memset(&std[i], 0, sizeof std[i]);
        std[i]._file = i;
        std[i]._flag = modes[i];
    }
    /* ucrtbase attaches with crt_ucrt_semantics set: its stderr is as setvbuf(stderr, NULL, _IONBF, 0)
     * leaves a stream, so _flsbuf never gives it a buffer and fwrite writes through. */
    if (crt_ucrt_semantics) {
        std[2]._flag |= CRT_IONBF;
        std[2]._base = std[2]._ptr = (char *)&std[2]._charbuf;
        std[2]._bufsiz = 2;
    }
}

/* Which standard stream f is (0..2), or -1. */
static int std_index(const CRT_FILE *f)
{
    for (int s = 0; s < nstd_sets; s++)
        if (f >= std_sets[s].base && f < std_sets[s].base + CRT_STD_STREAMS)
            return (int)(f - std_sets[s].base);
    return -1;
}

bool crt_is_std_stream(const CRT_FILE *f)
{
    return std_index(f) >= 0;
}

static RTL_CRITICAL_SECTION *lock_of(CRT_FILE *f)
{
    for (int s = 0; s < nstd_sets; s++)
        if (f >= std_sets[s].base && f < std_sets[s].base + CRT_STD_STREAMS)
            return std_sets[s].first_lock >= 0 ? &crt_locks[std_sets[s].first_lock + (f - std_sets[s].base)]
                                               : &std_sets[s].locks[f - std_sets[s].base];
    return &((struct crt_stream *)f)->lock;
}

void crt_lock_file(CRT_FILE *f)
{
    RtlEnterCriticalSection(lock_of(f));
}

void crt_unlock_file(CRT_FILE *f)
{
    RtlLeaveCriticalSection(lock_of(f));
}

static bool any_buffer(const CRT_FILE *f)
{
    return (f->_flag & (CRT_IOMYBUF | CRT_IONBF | CRT_IOYOURBUF)) != 0;
}

static bool big_buffer(const CRT_FILE *f)
{
    return (f->_flag & (CRT_IOMYBUF | CRT_IOYOURBUF)) != 0;
}

/* stdout/stderr on a console stay unbuffered (each call writes through, see crt_stbuf). */
static bool console_std_output(const CRT_FILE *f)
{
    int i = std_index(f);
    return (i == 1 || i == 2) && crt_isatty(f->_file);
}

/* msvcrt's _getbuf: a 4 KiB buffer, or the one-character buffer when memory is short. */
static void get_buffer(CRT_FILE *f)
{
    char *buf = crt_malloc(CRT_BUFSIZ);
    if (buf) {
        f->_flag |= CRT_IOMYBUF;
        f->_base = buf;
        f->_bufsiz = CRT_BUFSIZ;
    } else {
        f->_flag |= CRT_IONBF;
        f->_base = (char *)&f->_charbuf;
        f->_bufsiz = 2;
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
}

bool crt_stream_is_ansi(CRT_FILE *f)
{
    return (f->_flag & CRT_IOSTRG) || crt_lowio_textmode(f->_file) == CRT_TM_ANSI;
}

/* ---- flushing ------------------------------------------------------------------------------------------ */

int crt_fflush_nolock(CRT_FILE *f)
{
    int result = 0;
    if ((f->_flag & (CRT_IOREAD | CRT_IOWRT)) == CRT_IOWRT && big_buffer(f)) {
        int n = (int)(f->_ptr - f->_base);
        if (n > 0 && crt_write(f->_file, f->_base, (unsigned)n) != n) {
            f->_flag |= CRT_IOERR;
            result = CRT_EOF;
        }
        /* a read/write stream may read next */
        if (!result && (f->_flag & CRT_IORW))
            f->_flag &= ~CRT_IOWRT;
        if (!result && (f->_flag & CRT_IOCOMMIT))
            FlushFileBuffers(crt_lowio_handle(f->_file));
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
    return result;
}

static int flush_locked(CRT_FILE *f, bool only_writing)
{
    crt_lock_file(f);
    int r = 0;
    if (crt_stream_inuse(f) && (!only_writing || (f->_flag & CRT_IOWRT)))
        r = crt_fflush_nolock(f);
    crt_unlock_file(f);
    return r;
}

/* Flushes every stream; returns the number of open streams (_flushall), or -1 if one failed (fflush(NULL)). */
static int flush_every(bool count_all)
{
    int count = 0, failed = 0;
    for (int s = 0; s < nstd_sets; s++)
        for (int i = 0; i < CRT_STD_STREAMS; i++) {
            CRT_FILE *f = &std_sets[s].base[i];
            failed |= flush_locked(f, !count_all);
            count += crt_stream_inuse(f);
        }
    RtlEnterCriticalSection(&streams_lock);
    for (int i = 0; i < MAX_STREAMS; i++) {
        if (!streams[i])
            continue;
        failed |= flush_locked(&streams[i]->file, !count_all);
        count++;
    }
    RtlLeaveCriticalSection(&streams_lock);
    return count_all ? count : failed ? -1 : 0;
}

int crt_flushall(void)
{
    return flush_every(true);
}

int crt_flush_output_streams(void)
{
    return flush_every(false);
}

/* ---- writing ------------------------------------------------------------------------------------------ */

/* Whether the stream can be written now (switching a read/write stream to writing). */
static bool start_writing(CRT_FILE *f)
{
    if ((f->_flag & CRT_IOSTRG) || !(f->_flag & (CRT_IOWRT | CRT_IORW))) {
        crt_set_errno(CRT_EBADF);
        f->_flag |= CRT_IOERR;
        return false;
    }
    if (f->_flag & CRT_IOREAD) {
        f->_cnt = 0;
        if (!(f->_flag & CRT_IOEOF)) {
            /* reading then writing needs an fseek or fflush in between */
            f->_flag |= CRT_IOERR;
            return false;
        }
        f->_ptr = f->_base;
        f->_flag &= ~CRT_IOREAD;
    }
    f->_flag |= CRT_IOWRT;
    f->_flag &= ~CRT_IOEOF;
    return true;
}

/* putc's slow path (msvcrt's _flsbuf): the buffer is full, or the stream has none yet. */
int crt_flsbuf(int c, CRT_FILE *f)
{
    if (!start_writing(f))
        return CRT_EOF;
    f->_cnt = 0;
    if (!any_buffer(f) && !console_std_output(f))
        get_buffer(f);
    char ch = (char)c;
    int pending = 1, written;
    if (big_buffer(f)) {
        pending = (int)(f->_ptr - f->_base);
        f->_ptr = f->_base + 1;
        f->_cnt = f->_bufsiz - 1;
        written = pending > 0 ? crt_write(f->_file, f->_base, (unsigned)pending) : 0;
        *f->_base = ch;
    } else {
        written = crt_write(f->_file, &ch, 1);
    }
    if (written != pending) {
        f->_flag |= CRT_IOERR;
        return CRT_EOF;
    }
    return (unsigned char)ch;
}

int crt_fputc_nolock(int c, CRT_FILE *f)
{
    if (--f->_cnt >= 0)
        return (unsigned char)(*f->_ptr++ = (char)c);
    return crt_flsbuf(c, f);
}

size_t crt_fwrite_nolock(const void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    if (!buf || count > (size_t)-1 / size) {
        crt_invalid_parameter(CRT_EINVAL);
        return 0;
    }
    if (!start_writing(f))
        return 0;
    const char *p = buf;
    size_t total = size * count, left = total;
    while (left) {
        if (big_buffer(f) && f->_cnt > 0) {
            size_t n = left < (size_t)f->_cnt ? left : (size_t)f->_cnt;
            memcpy(f->_ptr, p, n);
            f->_ptr += n;
            f->_cnt -= (int)n;
            p += n;
            left -= n;
        } else if (!big_buffer(f) && (any_buffer(f) || console_std_output(f))) {
            /* unbuffered: straight to lowio in one write (msvcrt goes character by character; the
             * bytes are the same) */
            int n = crt_write(f->_file, p, (unsigned)(left > 0x7FFFFFFF ? 0x7FFFFFFF : left));
            if (n <= 0) {
                f->_flag |= CRT_IOERR;
                break;
            }
            p += n;
            left -= (size_t)n;
        } else if (big_buffer(f) && left >= (size_t)f->_bufsiz) {
            /* more than a buffer: flush, then write whole buffers directly */
            if (crt_fflush_nolock(f))
                break;
            f->_flag |= CRT_IOWRT;
            size_t n = left - left % (size_t)f->_bufsiz;
            int w = crt_write(f->_file, p, (unsigned)(n > 0x7FFFF000 ? 0x7FFFF000 : n));
            if (w <= 0) {
                f->_flag |= CRT_IOERR;
                break;
            }
            p += w;
            left -= (size_t)w;
        } else {
            if (crt_flsbuf((unsigned char)*p, f) == CRT_EOF)
                break;
            p++;
            left--;
        }
    }
    return (total - left) / size;
}

/* ---- reading ------------------------------------------------------------------------------------------ */

/* getc's slow path (msvcrt's _filbuf): refill the buffer. */
int crt_filbuf(CRT_FILE *f)
{
    if (!crt_stream_inuse(f) || (f->_flag & CRT_IOSTRG))
        return CRT_EOF;
    if ((f->_flag & CRT_IOWRT) || !(f->_flag & (CRT_IOREAD | CRT_IORW))) {
        f->_flag |= CRT_IOERR;
        return CRT_EOF;
    }
    f->_flag |= CRT_IOREAD;
    if (!any_buffer(f))
        get_buffer(f);
    else
        f->_ptr = f->_base;
    int n = crt_read(f->_file, f->_base, (unsigned)f->_bufsiz);
    if (n <= 0) {
        f->_flag |= n ? CRT_IOERR : CRT_IOEOF;
        f->_cnt = 0;
        return CRT_EOF;
    }
    f->_cnt = n - 1;
    return (unsigned char)*f->_ptr++;
}

int crt_fgetc_nolock(CRT_FILE *f)
{
    if (--f->_cnt >= 0)
        return (unsigned char)*f->_ptr++;
    f->_cnt = 0;
    return crt_filbuf(f);
}

size_t crt_fread_nolock(void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    if (!buf || count > (size_t)-1 / size) {
        crt_invalid_parameter(CRT_EINVAL);
        return 0;
    }
    char *p = buf;
    size_t total = size * count, done = 0;
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
    return done / size;
}

/* msvcrt's _ungetc_nolock: pushes into the buffer (getting one if needed); one character of room at its
 * start is all an unread buffer has. */
int crt_ungetc_nolock(int c, CRT_FILE *f)
{
    if (c == CRT_EOF)
        return CRT_EOF;
    if (!((f->_flag & CRT_IOREAD) || ((f->_flag & CRT_IORW) && !(f->_flag & CRT_IOWRT))))
        return CRT_EOF;
    if (!f->_base)
        get_buffer(f);
    if (f->_ptr == f->_base) {
        if (f->_cnt)
            return CRT_EOF;
        f->_ptr++;
    }
    if (f->_flag & CRT_IOSTRG) {
        if (*--f->_ptr != (char)c) {
            f->_ptr++;
            return CRT_EOF;
        }
    } else {
        *--f->_ptr = (char)c;
    }
    f->_cnt++;
    f->_flag &= ~CRT_IOEOF;
    f->_flag |= CRT_IOREAD;
    return (unsigned char)c;
}

/* ---- positions ------------------------------------------------------------------------------------------ */

/* Bytes of the file behind n buffered characters: a text-mode '\n' stands for "\r\n". */
static int64_t file_bytes(const char *p, int n, bool text)
{
    int64_t bytes = n;
    if (text)
        for (int i = 0; i < n; i++)
            bytes += p[i] == '\n';
    return bytes;
}

int64_t crt_ftell_nolock(CRT_FILE *f)
{
    if (f->_cnt < 0)
        f->_cnt = 0;
    bool text = (crt_lowio_flags(f->_file) & CRT_FTEXT) != 0;
    int64_t pos;
    if ((f->_flag & CRT_IOWRT) && big_buffer(f) && (crt_lowio_flags(f->_file) & CRT_FAPPEND) && f->_ptr > f->_base)
        pos = crt_lseeki64(f->_file, 0, 2);   /* what is buffered goes to the end */
    else
        pos = crt_lseeki64(f->_file, 0, 1);
    if (pos < 0)
        return -1;
    if ((f->_flag & CRT_IOWRT) && big_buffer(f))
        return pos + file_bytes(f->_base, (int)(f->_ptr - f->_base), text);
    if ((f->_flag & CRT_IOREAD) && f->_cnt > 0) {
        /* the unread rest of the buffer: text lines are assumed to end in "\r\n", as msvcrt assumes */
        pos -= file_bytes(f->_ptr, f->_cnt, text);
        return pos < 0 ? 0 : pos;
    }
    return pos;
}

int crt_fseek_nolock(CRT_FILE *f, int64_t offset, int whence)
{
    if (!crt_stream_inuse(f) || whence < 0 || whence > 2) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    f->_flag &= ~CRT_IOEOF;
    if (whence == 1) {
        int64_t here = crt_ftell_nolock(f);
        if (here < 0)
            return -1;
        offset += here;
        whence = 0;
    }
    crt_fflush_nolock(f);
    if (f->_flag & CRT_IORW)
        f->_flag &= ~(CRT_IOWRT | CRT_IOREAD);
    return crt_lseeki64(f->_file, offset, whence) < 0 ? -1 : 0;
}

/* ---- temporary buffering of console streams for one call (msvcrt's _stbuf / _ftbuf) ------------------ */

bool crt_stbuf(CRT_FILE *f, char *buf)
{
    if (!console_std_output(f) || any_buffer(f))
        return false;
    f->_base = f->_ptr = buf;
    f->_bufsiz = f->_cnt = CRT_BUFSIZ;
    f->_flag |= CRT_IOWRT | CRT_IOYOURBUF;
    return true;
}

void crt_ftbuf(bool buffered, CRT_FILE *f)
{
    if (!buffered)
        return;
    crt_fflush_nolock(f);
    f->_flag &= ~CRT_IOYOURBUF;
    f->_base = f->_ptr = NULL;
    f->_bufsiz = 0;
    f->_cnt = 0;
}

static int sink_write(void *ctx, const char *s, size_t n)
{
    CRT_FILE *f = ctx;
    return crt_fwrite_nolock(s, 1, n, f) == n ? 0 : 1;
}

CRT_SINK crt_stream_sink(CRT_FILE *f)
{
    return (CRT_SINK){sink_write, f};
}

/* ---- opening and closing ----------------------------------------------------------------------------------- */

CRT_FILE *crt_new_stream(void)
{
    struct crt_stream *s = crt_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    RtlInitializeCriticalSection(&s->lock);
    RtlEnterCriticalSection(&streams_lock);
    int i = 0;
    while (i < MAX_STREAMS && streams[i])
        i++;
    if (i < MAX_STREAMS)
        streams[i] = s;
    RtlLeaveCriticalSection(&streams_lock);
    if (i == MAX_STREAMS) {
        crt_free(s);
        crt_set_errno(CRT_EMFILE);
        return NULL;
    }
    return &s->file;
}

void crt_release_stream(CRT_FILE *f)
{
    if (crt_is_std_stream(f)) {
        f->_flag = 0;
        return;
    }
    RtlEnterCriticalSection(&streams_lock);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (streams[i] == (struct crt_stream *)f)
            streams[i] = NULL;
    RtlLeaveCriticalSection(&streams_lock);
    RtlDeleteCriticalSection(&((struct crt_stream *)f)->lock);
    crt_free(f);
}

int crt_fclose_nolock(CRT_FILE *f)
{
    if (!crt_stream_inuse(f)) {
        f->_flag = 0;
        return CRT_EOF;
    }
    int result = crt_fflush_nolock(f);
    if (f->_flag & CRT_IOMYBUF)
        crt_free(f->_base);
    f->_base = f->_ptr = NULL;
    f->_cnt = f->_bufsiz = 0;
    if (crt_close(f->_file) < 0)
        result = CRT_EOF;
    if (f->_tmpfname) {
        /* tmpfile's file goes away with its stream */
        WCHAR *w = crt_path_to_wide(f->_tmpfname);
        if (w) {
            DeleteFileW(w);
            BaseFreeWide(w);
        }
        crt_free(f->_tmpfname);
        f->_tmpfname = NULL;
    }
    f->_flag = 0;
    return result;
}

/* Closes the streams in the table (the standard ones are not there), or only tmpfile's; returns how many. */
static int close_streams(bool tmpfile_only)
{
    int count = 0;
    for (;;) {
        CRT_FILE *f = NULL;
        RtlEnterCriticalSection(&streams_lock);
        for (int i = 0; i < MAX_STREAMS && !f; i++)
            if (streams[i] && (!tmpfile_only || streams[i]->file._tmpfname))
                f = &streams[i]->file;
        RtlLeaveCriticalSection(&streams_lock);
        if (!f)
            break;
        crt_lock_file(f);
        crt_fclose_nolock(f);
        crt_unlock_file(f);
        crt_release_stream(f);
        count++;
    }
    return count;
}

/* _fcloseall: every stream but the standard ones; returns how many were closed. */
int crt_fcloseall(void)
{
    return close_streams(false);
}

/* _rmtmp: closes (and so deletes) the streams tmpfile opened; returns how many. exit runs it too, so the
 * files do not outlive the process. */
int crt_rmtmp(void)
{
    return close_streams(true);
}
