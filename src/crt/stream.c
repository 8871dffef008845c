/*
 * Streams: the buffering layer over lowio, on the FILE layout the CRTs share. Buffers hold what the
 * program wrote ("\n" alone); text translation happens when lowio writes. As msvcrt does: a stream on a
 * character device (a console) has no buffer of its own and the printf family lends it one for the call
 * (crt_stbuf/crt_ftbuf), so console output appears call by call; streams on files and pipes get a 4 KiB
 * buffer at their first use and are flushed when full, by fflush, and at exit.
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
    RTL_CRITICAL_SECTION locks[CRT_STD_STREAMS];
} std_sets[MAX_STD_SETS];
static int nstd_sets;
static RTL_CRITICAL_SECTION streams_lock;

void crt_stdio_init(CRT_FILE *std)
{
    static const int modes[CRT_STD_STREAMS] = {CRT_IOREAD, CRT_IOWRT, CRT_IOWRT};
    RtlEnterCriticalSection(&streams_lock);
    if (nstd_sets < MAX_STD_SETS) {
        std_sets[nstd_sets].base = std;
        nstd_sets++;
    }
    RtlLeaveCriticalSection(&streams_lock);
    for (int i = 0; i < CRT_STD_STREAMS; i++) {
        memset(&std[i], 0, sizeof std[i]);
        std[i]._file = i;
        std[i]._flag = modes[i] | CRT_IOINUSE;
    }
}

static RTL_CRITICAL_SECTION *lock_of(CRT_FILE *f)
{
    for (int s = 0; s < nstd_sets; s++)
        if (f >= std_sets[s].base && f < std_sets[s].base + CRT_STD_STREAMS)
            return &std_sets[s].locks[f - std_sets[s].base];
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

static bool is_std(CRT_FILE *f)
{
    for (int s = 0; s < nstd_sets; s++)
        if (f >= std_sets[s].base && f < std_sets[s].base + CRT_STD_STREAMS)
            return true;
    return false;
}

/* A stream with no buffer gets one, unless it is stdout/stderr on a console (those write through). */
static void get_buffer(CRT_FILE *f)
{
    if (f->_base || (f->_flag & CRT_IONBF))
        return;
    if (is_std(f) && f->_file != 0 && crt_isatty(f->_file))
        return;
    char *buf = crt_malloc(CRT_BUFSIZ);
    if (!buf) {
        f->_flag |= CRT_IONBF;
        return;
    }
    f->_base = f->_ptr = buf;
    f->_bufsiz = CRT_BUFSIZ;
    f->_cnt = 0;
    f->_flag |= CRT_IOMYBUF;
}

static bool has_buffer(const CRT_FILE *f)
{
    return f->_base != NULL && !(f->_flag & CRT_IONBF);
}

int crt_fflush_nolock(CRT_FILE *f)
{
    int result = 0;
    if ((f->_flag & (CRT_IOREAD | CRT_IOWRT)) == CRT_IOWRT && has_buffer(f)) {
        int n = (int)(f->_ptr - f->_base);
        if (n > 0 && crt_write(f->_file, f->_base, (unsigned)n) != n) {
            f->_flag |= CRT_IOERR;
            result = CRT_EOF;
        }
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
    /* A read/write stream may change direction after a flush. */
    if (f->_flag & CRT_IORW)
        f->_flag &= ~(CRT_IOWRT | CRT_IOREAD);
    return result;
}

int crt_flushall(void)
{
    int count = 0;
    for (int s = 0; s < nstd_sets; s++) {
        for (int i = 0; i < CRT_STD_STREAMS; i++) {
            CRT_FILE *f = &std_sets[s].base[i];
            crt_lock_file(f);
            if (f->_flag & CRT_IOWRT)
                crt_fflush_nolock(f);
            crt_unlock_file(f);
            count++;
        }
    }
    RtlEnterCriticalSection(&streams_lock);
    for (int i = 0; i < MAX_STREAMS; i++) {
        if (!streams[i])
            continue;
        crt_lock_file(&streams[i]->file);
        if (streams[i]->file._flag & CRT_IOWRT)
            crt_fflush_nolock(&streams[i]->file);
        crt_unlock_file(&streams[i]->file);
        count++;
    }
    RtlLeaveCriticalSection(&streams_lock);
    return count;
}

/* Whether the stream can be written now (switching a read/write stream to writing). */
static bool can_write(CRT_FILE *f)
{
    if (f->_flag & CRT_IOSTRG)
        return false;
    if (f->_flag & CRT_IOREAD) {
        if (!(f->_flag & CRT_IORW))
            return false;
        f->_cnt = 0;
        if (!(f->_flag & CRT_IOEOF))
            return false;   /* reading then writing needs an fseek in between */
        f->_ptr = f->_base;
        f->_flag &= ~CRT_IOREAD;
    }
    f->_flag |= CRT_IOWRT;
    f->_flag &= ~CRT_IOEOF;
    return true;
}

/* putc's slow path: the buffer is full (or absent). */
int crt_flsbuf(int c, CRT_FILE *f)
{
    if (!can_write(f)) {
        f->_flag |= CRT_IOERR;
        return CRT_EOF;
    }
    get_buffer(f);
    unsigned char ch = (unsigned char)c;
    if (!has_buffer(f)) {
        if (crt_write(f->_file, &ch, 1) != 1) {
            f->_flag |= CRT_IOERR;
            return CRT_EOF;
        }
        return ch;
    }
    int pending = (int)(f->_ptr - f->_base);
    if (pending >= f->_bufsiz) {
        if (crt_write(f->_file, f->_base, (unsigned)pending) != pending) {
            f->_flag |= CRT_IOERR;
            f->_ptr = f->_base;
            f->_cnt = f->_bufsiz;
            return CRT_EOF;
        }
        f->_ptr = f->_base;
    }
    *f->_ptr++ = (char)ch;
    f->_cnt = f->_bufsiz - (int)(f->_ptr - f->_base);
    if ((f->_flag & CRT_IOLBF) && ch == '\n' && crt_fflush_nolock(f))
        return CRT_EOF;
    return ch;
}

int crt_fputc_nolock(int c, CRT_FILE *f)
{
    if (--f->_cnt >= 0 && !(f->_flag & CRT_IOLBF)) {
        *f->_ptr++ = (char)c;
        return (unsigned char)c;
    }
    f->_cnt = f->_cnt < 0 ? 0 : f->_cnt + 1;
    return crt_flsbuf(c, f);
}

size_t crt_fwrite_nolock(const void *buf, size_t size, size_t count, CRT_FILE *f)
{
    if (!size || !count)
        return 0;
    size_t total = size * count;
    if (total / size != count) {
        crt_set_errno(CRT_EINVAL);
        return 0;
    }
    const char *p = buf;
    size_t done = 0;
    if (!can_write(f)) {
        f->_flag |= CRT_IOERR;
        return 0;
    }
    get_buffer(f);
    if (!has_buffer(f)) {
        /* Straight to lowio in one write (a console stream without its temporary buffer). */
        int n = crt_write(f->_file, p, (unsigned)total);
        if (n < 0) {
            f->_flag |= CRT_IOERR;
            return 0;
        }
        return (size_t)n / size;
    }
    while (done < total) {
        int room = f->_bufsiz - (int)(f->_ptr - f->_base);
        if (room <= 0) {
            if (crt_fflush_nolock(f))
                return done / size;
            f->_flag |= CRT_IOWRT;
            continue;
        }
        size_t n = total - done < (size_t)room ? total - done : (size_t)room;
        memcpy(f->_ptr, p + done, n);
        f->_ptr += n;
        done += n;
    }
    f->_cnt = f->_bufsiz - (int)(f->_ptr - f->_base);
    if (f->_flag & CRT_IOLBF) {
        for (size_t i = 0; i < total; i++)
            if (p[i] == '\n') {
                crt_fflush_nolock(f);
                break;
            }
    }
    return count;
}

/* getc's slow path: refill the buffer. */
int crt_filbuf(CRT_FILE *f)
{
    if (!(f->_flag & (CRT_IOREAD | CRT_IORW)) || (f->_flag & CRT_IOSTRG) || (f->_flag & CRT_IOWRT &&
                                                                           !(f->_flag & CRT_IORW))) {
        if (!(f->_flag & CRT_IOSTRG))
            f->_flag |= CRT_IOERR;
        return CRT_EOF;
    }
    if (f->_flag & CRT_IOWRT) {
        if (crt_fflush_nolock(f))
            return CRT_EOF;
    }
    f->_flag |= CRT_IOREAD;
    if (!f->_base && !(f->_flag & CRT_IONBF)) {
        char *buf = crt_malloc(CRT_BUFSIZ);
        if (buf) {
            f->_base = buf;
            f->_bufsiz = CRT_BUFSIZ;
            f->_flag |= CRT_IOMYBUF;
        } else {
            f->_flag |= CRT_IONBF;
        }
    }
    char *base = f->_flag & CRT_IONBF ? (char *)&f->_charbuf : f->_base;
    int size = f->_flag & CRT_IONBF ? 1 : f->_bufsiz;
    int n = crt_read(f->_file, base, (unsigned)size);
    if (n <= 0) {
        f->_flag |= n == 0 ? CRT_IOEOF : CRT_IOERR;
        f->_cnt = 0;
        f->_ptr = base;
        return CRT_EOF;
    }
    f->_ptr = base + 1;
    f->_cnt = n - 1;
    return (unsigned char)base[0];
}

/* ---- temporary buffering of console streams for one call (msvcrt's _stbuf / _ftbuf) ------------------ */

bool crt_stbuf(CRT_FILE *f, char *buf)
{
    if (!is_std(f) || f->_file == 0 || !crt_isatty(f->_file) || has_buffer(f) || (f->_flag & CRT_IONBF))
        return false;
    f->_base = f->_ptr = buf;
    f->_bufsiz = CRT_BUFSIZ;
    f->_cnt = CRT_BUFSIZ;
    return true;
}

void crt_ftbuf(bool buffered, CRT_FILE *f)
{
    if (!buffered)
        return;
    crt_fflush_nolock(f);
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
    if (!s) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
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
    s->file._flag = CRT_IOINUSE;
    return &s->file;
}

void crt_release_stream(CRT_FILE *f)
{
    if (is_std(f)) {
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
    if (!(f->_flag & (CRT_IOREAD | CRT_IOWRT | CRT_IORW | CRT_IOINUSE))) {
        crt_set_errno(CRT_EINVAL);
        return CRT_EOF;
    }
    int result = crt_fflush_nolock(f);
    if (f->_flag & CRT_IOMYBUF)
        crt_free(f->_base);
    f->_base = f->_ptr = NULL;
    f->_cnt = 0;
    if (crt_close(f->_file) < 0)
        result = CRT_EOF;
    if (f->_tmpfname) {
        crt_free(f->_tmpfname);
        f->_tmpfname = NULL;
    }
    return result;
}
