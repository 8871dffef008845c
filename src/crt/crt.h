/*
 * The C runtime shared by the builtin msvcrt.dll and ucrtbase.dll.
 *
 * One runtime core per process: low-level descriptors (lowio: fd -> Win32 handle, text/binary mode),
 * streams (stdio on the FILE layout both CRTs use: _ptr, _cnt, _base, _flag, _file, ...), the CRT heap,
 * errno, exit handling. Each DLL is a face over it: its own exported data (msvcrt's _iob, _acmdln, ...),
 * its own standard streams, its own printf flavor. Host C library names collide with the CRT's, so the
 * implementations are named crt_<name> and the export tables give the Windows names.
 */
#ifndef CRT_CRT_H
#define CRT_CRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crt/crterrno.h"
#include "crt/format.h"
#include "nt/peb.h"

/* ---- the FILE layout (msvcrt's struct _iobuf; ucrt's internal stream data starts the same) ---------- */

typedef struct crt_file {
    char *_ptr;        /* next character in the buffer */
    int   _cnt;        /* characters left to read, or room left to write */
    char *_base;       /* the buffer */
    int   _flag;       /* CRT_IO* */
    int   _file;       /* the descriptor */
    int   _charbuf;    /* one-character buffer of unbuffered streams */
    int   _bufsiz;
    char *_tmpfname;
} CRT_FILE;
static_assert(sizeof(CRT_FILE) == 48, "msvcrt FILE is 48 bytes on x64");

#define CRT_IOREAD   0x0001
#define CRT_IOWRT    0x0002
#define CRT_IONBF    0x0004
#define CRT_IOMYBUF  0x0008
#define CRT_IOEOF    0x0010
#define CRT_IOERR    0x0020
#define CRT_IOSTRG   0x0040
#define CRT_IORW     0x0080
#define CRT_IOLBF    0x0100   /* ntexec: line-buffered (stdout on a console) */
#define CRT_IOINUSE  0x8000   /* ntexec: slot taken */

#define CRT_BUFSIZ 4096
#define CRT_EOF (-1)
#define CRT_STD_STREAMS 3

/* ---- per-thread state ------------------------------------------------------------------------------ */

struct crt_thread {
    int errno_value;
    unsigned long doserrno;
    unsigned rand_next;
    char *strtok_next;
    WCHAR *wcstok_next;
};
struct crt_thread *crt_thread(void);
void crt_set_errno(int e);
/* errno from a Win32 error (and _doserrno = the error), as _dosmaperr does. */
void crt_dosmaperr(DWORD error);

/* ---- lowio: descriptors -------------------------------------------------------------------------------- */

#define CRT_MAX_FDS 2048
/* fd flags, msvcrt's osfile bits */
#define CRT_FOPEN    0x01
#define CRT_FEOFLAG  0x02
#define CRT_FCRLF    0x04
#define CRT_FPIPE    0x08
#define CRT_FNOINHERIT 0x10
#define CRT_FAPPEND  0x20
#define CRT_FDEV     0x40
#define CRT_FTEXT    0x80

int crt_lowio_alloc(HANDLE handle, int flags);
HANDLE crt_lowio_handle(int fd);
int crt_lowio_flags(int fd);
int crt_write(int fd, const void *buf, unsigned count);
int crt_read(int fd, void *buf, unsigned count);
int crt_close(int fd);
int64_t crt_lseeki64(int fd, int64_t offset, int whence);
int crt_setmode(int fd, int mode);
int crt_isatty(int fd);
void crt_lowio_init(void);

/* ---- streams ------------------------------------------------------------------------------------------- */

/* The standard streams of one CRT face live in its data area; the runtime is told where. */
void crt_stdio_init(CRT_FILE *std_streams);
void crt_lock_file(CRT_FILE *f);
void crt_unlock_file(CRT_FILE *f);
int crt_flsbuf(int c, CRT_FILE *f);     /* the slow path of putc */
int crt_filbuf(CRT_FILE *f);            /* the slow path of getc */
int crt_fflush_nolock(CRT_FILE *f);
int crt_flushall(void);
int crt_fputc_nolock(int c, CRT_FILE *f);
size_t crt_fwrite_nolock(const void *buf, size_t size, size_t count, CRT_FILE *f);
/* A sink that formats into a stream (printf family). */
CRT_SINK crt_stream_sink(CRT_FILE *f);
/* Temporary buffering of an unbuffered console stream for one printf call (msvcrt's _stbuf/_ftbuf). */
bool crt_stbuf(CRT_FILE *f, char *buf);
void crt_ftbuf(bool buffered, CRT_FILE *f);

/* ---- start-up and exit ---------------------------------------------------------------------------------- */

typedef int(WINAPI *crt_onexit_fn)(void);
typedef void(WINAPI *crt_vfn)(void);
typedef int(WINAPI *crt_ifn)(void);

/* argv/envp built from the command line and the environment (msvcrt's parsing rules). */
struct crt_args {
    int argc;
    char **argv;
    WCHAR **wargv;
    char **envp;
    WCHAR **wenvp;
};
extern struct crt_args crt_args;
int crt_parse_args(void);
int crt_parse_wargs(void);
int crt_build_environ(void);
int crt_build_wenviron(void);
int crt_register_onexit(crt_onexit_fn fn);
/* Runs the atexit table (once), then flushes every stream. */
void crt_run_exit(void);
_Noreturn void crt_exit(int code);

/* ---- heap ----------------------------------------------------------------------------------------------------- */

void *crt_malloc(size_t size);
void *crt_calloc(size_t n, size_t size);
void *crt_realloc(void *p, size_t size);
void crt_free(void *p);
size_t crt_msize(void *p);
char *crt_strdup(const char *s);

/* ---- misc ------------------------------------------------------------------------------------------------------- */

/* Called by each face's DllMain. */
void crt_process_attach(void);
void crt_process_detach(void);
extern RTL_CRITICAL_SECTION crt_locks[32];
void crt_lock(int n);
void crt_unlock(int n);

#endif
