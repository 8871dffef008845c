/*
 * The C runtime shared by the builtin msvcrt.dll and ucrtbase.dll.
 *
 * One runtime core per process: low-level descriptors (lowio: fd -> Win32 handle, text/binary mode),
 * streams (stdio on the FILE layout msvcrt exports: _ptr, _cnt, _base, _flag, _file, ...), the CRT heap,
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
#include "nt/peb.h"
#include "rtl/format.h"

/* ---- the FILE layout (msvcrt's struct _iobuf; ucrt's FILE is opaque to programs, so both use it) --------- */

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
static_assert(offsetof(CRT_FILE, _flag) == 24 && offsetof(CRT_FILE, _file) == 28, "msvcrt FILE fields");

/* _flag bits, msvcrt's values (programs and mingw's libraries test some of them). */
#define CRT_IOREAD    0x0001
#define CRT_IOWRT     0x0002
#define CRT_IONBF     0x0004
#define CRT_IOMYBUF   0x0008
#define CRT_IOEOF     0x0010
#define CRT_IOERR     0x0020
#define CRT_IOSTRG    0x0040
#define CRT_IORW      0x0080
#define CRT_IOYOURBUF 0x0100   /* the program's buffer (setvbuf) */
#define CRT_IOSETVBUF 0x0400
#define CRT_IOCOMMIT  0x4000   /* fopen "c": fflush commits to disk */
#define CRT_IOLOCKED  0x8000   /* msvcrt: an _iob entry locked by _lock_file (mingw's emulation sets it too) */

/* A stream is open while it can read or write (msvcrt's inuse()). */
static inline bool crt_stream_inuse(const CRT_FILE *f)
{
    return (f->_flag & (CRT_IOREAD | CRT_IOWRT | CRT_IORW)) != 0;
}

#define CRT_BUFSIZ 4096
#define CRT_EOF (-1)
#define CRT_WEOF 0xFFFF
#define CRT_STD_STREAMS 3

/* ---- per-thread state ------------------------------------------------------------------------------ */

struct crt_thread {
    int errno_value;
    ULONG doserrno;
    unsigned rand_next;
    char *strtok_next;
    WCHAR *wcstok_next;
    char tmpnam_buf[260];
    WCHAR wtmpnam_buf[260];
};
struct crt_thread *crt_thread(void);
void crt_set_errno(int e);
/* errno from a Win32 error (and _doserrno = the error), as _dosmaperr does. */
void crt_dosmaperr(DWORD error);
/* The errno number _dosmaperr gives for a Win32 error (pure). */
int crt_errno_from_win32(DWORD error);

/* ---- lowio: descriptors -------------------------------------------------------------------------------- */

#define CRT_MAX_FDS 2048
/* fd flags, msvcrt's osfile bits */
#define CRT_FOPEN      0x01
#define CRT_FEOFLAG    0x02
#define CRT_FCRLF      0x04   /* the last text read began with a LF whose CR ended the read before */
#define CRT_FPIPE      0x08
#define CRT_FNOINHERIT 0x10
#define CRT_FAPPEND    0x20
#define CRT_FDEV       0x40
#define CRT_FTEXT      0x80

/* translation of a text-mode descriptor (_setmode _O_TEXT / _O_U16TEXT / _O_U8TEXT / _O_WTEXT) */
enum crt_textmode { CRT_TM_ANSI, CRT_TM_UTF8, CRT_TM_UTF16LE };

/* _open flags and modes (fcntl.h, sys/stat.h) */
#define CRT_O_RDONLY     0x0000
#define CRT_O_WRONLY     0x0001
#define CRT_O_RDWR       0x0002
#define CRT_O_APPEND     0x0008
#define CRT_O_RANDOM     0x0010
#define CRT_O_SEQUENTIAL 0x0020
#define CRT_O_TEMPORARY  0x0040
#define CRT_O_NOINHERIT  0x0080
#define CRT_O_CREAT      0x0100
#define CRT_O_TRUNC      0x0200
#define CRT_O_EXCL       0x0400
#define CRT_O_SHORT_LIVED 0x1000
#define CRT_O_TEXT       0x4000
#define CRT_O_BINARY     0x8000
#define CRT_O_WTEXT      0x10000
#define CRT_O_U16TEXT    0x20000
#define CRT_O_U8TEXT     0x40000
#define CRT_S_IFMT   0xF000
#define CRT_S_IFDIR  0x4000
#define CRT_S_IFCHR  0x2000
#define CRT_S_IFIFO  0x1000
#define CRT_S_IFREG  0x8000
#define CRT_S_IREAD  0x0100
#define CRT_S_IWRITE 0x0080
#define CRT_S_IEXEC  0x0040
/* _sopen share flags */
#define CRT_SH_DENYRW 0x10
#define CRT_SH_DENYWR 0x20
#define CRT_SH_DENYRD 0x30
#define CRT_SH_DENYNO 0x40

int crt_lowio_alloc(HANDLE handle, int flags);
HANDLE crt_lowio_handle(int fd);
int crt_lowio_flags(int fd);
enum crt_textmode crt_lowio_textmode(int fd);
int crt_write(int fd, const void *buf, unsigned count);
int crt_read(int fd, void *buf, unsigned count);
int crt_close(int fd);
int64_t crt_lseeki64(int fd, int64_t offset, int whence);
int crt_setmode(int fd, int mode);
int crt_isatty(int fd);
int crt_sopen(const WCHAR *path, int oflag, int shflag, int pmode);
int crt_dup(int fd);
int crt_dup2(int fd, int fd2);
void crt_lowio_init(void);
/* The default translation mode (_fmode) of new descriptors and streams: the first face's _fmode (0 or
 * CRT_O_TEXT: text; CRT_O_BINARY: binary). */
int crt_default_fmode(void);

/* Pure text-mode translations (unit-tested). Expands '\n' to "\r\n" from src into dst (room dst_size >= 2);
 * *taken receives the source bytes consumed; returns the bytes stored. */
size_t crt_text_expand(const char *src, size_t n, char *dst, size_t dst_size, size_t *taken);
/* Wide twin for UTF-16 text (units). */
size_t crt_text_expand_w(const WCHAR *src, size_t n, WCHAR *dst, size_t dst_size, size_t *taken);

/* ---- streams ------------------------------------------------------------------------------------------- */

/* The standard streams of one CRT face live in its data area; the runtime is told where, and which CRT
 * lock numbers guard them (msvcrt locks _iob[i] with _lock(16 + i); -1: locks of their own). */
void crt_stdio_init(CRT_FILE *std_streams, int first_lock);
void crt_lock_file(CRT_FILE *f);
void crt_unlock_file(CRT_FILE *f);
int crt_flsbuf(int c, CRT_FILE *f);     /* the slow path of putc */
int crt_filbuf(CRT_FILE *f);            /* the slow path of getc */
int crt_fflush_nolock(CRT_FILE *f);
int crt_flushall(void);
/* fflush(NULL): every stream being written; 0 or EOF. */
int crt_flush_output_streams(void);
int crt_fputc_nolock(int c, CRT_FILE *f);
int crt_fgetc_nolock(CRT_FILE *f);
size_t crt_fwrite_nolock(const void *buf, size_t size, size_t count, CRT_FILE *f);
size_t crt_fread_nolock(void *buf, size_t size, size_t count, CRT_FILE *f);
int crt_ungetc_nolock(int c, CRT_FILE *f);
int64_t crt_ftell_nolock(CRT_FILE *f);
int crt_fseek_nolock(CRT_FILE *f, int64_t offset, int whence);
/* Whether f is one of the standard streams of a face (stdin/stdout/stderr). */
bool crt_is_std_stream(const CRT_FILE *f);
/* A sink that formats into a stream (printf family). */
CRT_SINK crt_stream_sink(CRT_FILE *f);
/* Temporary buffering of an unbuffered console stream for one call (msvcrt's _stbuf/_ftbuf). */
bool crt_stbuf(CRT_FILE *f, char *buf);
void crt_ftbuf(bool buffered, CRT_FILE *f);
/* Streams: allocation, opening by mode string, closing. */
CRT_FILE *crt_new_stream(void);
void crt_release_stream(CRT_FILE *f);
int crt_fclose_nolock(CRT_FILE *f);
int crt_fcloseall(void);
int crt_rmtmp(void);
/* fopen mode -> stream flags and _open flags; false when the mode is invalid (pure, unit-tested). */
bool crt_parse_fopen_mode(const WCHAR *mode, int *stream_flags, int *open_flags);
CRT_FILE *crt_wfsopen(const WCHAR *path, const WCHAR *mode, int shflag);
CRT_FILE *crt_wfreopen(const WCHAR *path, const WCHAR *mode, CRT_FILE *f);
/* Whether narrow (byte) output to the stream's descriptor is allowed (not a _O_U16TEXT/_O_U8TEXT one). */
bool crt_stream_is_ansi(CRT_FILE *f);
/* Wide character I/O with msvcrt's text-mode rules (lock held by the caller). */
WCHAR crt_fputwc_nolock(WCHAR c, CRT_FILE *f);
WCHAR crt_fgetwc_nolock(CRT_FILE *f);

/* ---- start-up and exit ---------------------------------------------------------------------------------- */

typedef int(WINAPI *crt_onexit_fn)(void);
typedef void(WINAPI *crt_vfn)(void);
typedef int(WINAPI *crt_ifn)(void);

/* argv/envp built from the command line and the environment. */
struct crt_args {
    int argc;
    char **argv;
    WCHAR **wargv;
    char **envp;
    WCHAR **wenvp;
    char *pgmptr;      /* the program's full path (GetModuleFileName of the exe) */
    WCHAR *wpgmptr;
};
extern struct crt_args crt_args;
/* Command-line splitting: msvcrt.dll's rules (msvcrt = true) or ucrt's (a "" inside quotes keeps quoting). */
int crt_parse_args(void);
int crt_parse_wargs(void);
/* Splits cmd into argv (NULL-terminated) with the strings in buf; with argv == NULL it only counts the
 * arguments and the characters they need (pure, unit-tested). */
void crt_split_command_line(const WCHAR *cmd, bool msvcrt, WCHAR **argv, WCHAR *buf, int *argc, size_t *chars);
extern bool crt_args_msvcrt_rules;
int crt_build_environ(void);
int crt_build_wenviron(void);
int crt_build_pgmptr(void);
/* Called by the library half after it replaced crt_args.envp / wenvp (putenv): the faces' exported
 * _environ/_wenviron variables follow. */
void crt_environ_changed(void);
/* A face registers where its exported copies of argc/argv/environ live, so start-up and putenv update them. */
struct crt_face_vars {
    int *argc;
    char ***argv;
    WCHAR ***wargv;
    char ***environ;
    WCHAR ***wenviron;
    char ***initenv;
    WCHAR ***winitenv;
    char **pgmptr;
    WCHAR **wpgmptr;
    int *fmode;
};
void crt_register_face_vars(const struct crt_face_vars *vars);
void crt_publish_args(void);

/* An onexit table (ucrt's _onexit_table_t layout: first, last, end). */
typedef struct crt_onexit_table {
    crt_vfn *first;
    crt_vfn *last;
    crt_vfn *end;
} CRT_ONEXIT_TABLE;
static_assert(sizeof(CRT_ONEXIT_TABLE) == 24, "_onexit_table_t");
int crt_onexit_table_init(CRT_ONEXIT_TABLE *t);
int crt_onexit_table_register(CRT_ONEXIT_TABLE *t, crt_vfn fn);
int crt_onexit_table_execute(CRT_ONEXIT_TABLE *t);
int crt_register_onexit(crt_onexit_fn fn);
int crt_register_quick_exit(crt_vfn fn);
/* The exe's TLS destructor callback (_register_thread_local_exe_atexit_callback): false if one was set. */
typedef void(WINAPI *crt_tls_callback)(PVOID module, DWORD reason, PVOID reserved);
bool crt_register_tls_exe_atexit(crt_tls_callback callback);
/* Runs the exe's TLS destructor callback and the atexit table (once), flushes every stream and removes tmpfile's files: what exit and _cexit do. */
void crt_run_exit(void);
/* quick_exit's table. */
void crt_run_quick_exit(void);
/* Whether exit/_cexit/_exit already ran (the DLL detach then does nothing more). */
bool crt_exit_started(void);
void crt_mark_exit_started(void);
_Noreturn void crt_exit(int code);
/* Start-up exports both faces share: _initterm, _initterm_e, atexit (ucrt's _crt_atexit too). */
void WINAPI crt_initterm(crt_vfn *begin, crt_vfn *end);
int WINAPI crt_initterm_e(crt_ifn *begin, crt_ifn *end);
int WINAPI crt_atexit(crt_vfn fn);
/* _set_fmode/_get_fmode on the calling face's _fmode; _get_pgmptr/_get_wpgmptr (value stored through out). */
int crt_set_fmode(int *fmode, int mode);
int crt_get_fmode(const int *fmode, int *mode);
int crt_get_pointer(void *out, const void *value);

/* ---- heap ----------------------------------------------------------------------------------------------------- */

/* msvcrt's _XcptFilter (misc.c): the filter around main that turns exceptions into C signals. */
struct _EXCEPTION_POINTERS;
LONG WINAPI crt_XcptFilter(DWORD code, struct _EXCEPTION_POINTERS *info);

void *crt_malloc(size_t size);
void *crt_calloc(size_t n, size_t size);
void *crt_realloc(void *p, size_t size);
void crt_free(void *p);
size_t crt_msize(void *p);
char *crt_strdup(const char *s);
WCHAR *crt_wcsdup(const WCHAR *s);

/* ---- paths and strings ------------------------------------------------------------------------------------ */

/* A narrow path argument as UTF-16 (the ANSI code page); NULL with errno set when it cannot be converted. */
WCHAR *crt_path_to_wide(const char *path);
/* A wide result as a heap string in the ANSI code page. */
char *crt_wide_to_ansi(const WCHAR *w);

/* ---- the invalid-parameter handler ----------------------------------------------------------------------- */

typedef void(WINAPI *crt_invalid_parameter_handler)(const WCHAR *, const WCHAR *, const WCHAR *, unsigned, uintptr_t);
/* What the CRTs do on a bad argument: errno = err, then the handler (default: nothing; the call returns
 * its failure value). Windows' default handler ends the process with STATUS_INVALID_CRUNTIME_PARAMETER;
 * ntexec's default returns, as a debugger-less Windows does with a program-installed handler that returns. */
void crt_invalid_parameter(int err);
/* _set_invalid_parameter_handler/_get_invalid_parameter_handler, exported by both faces as they are. */
crt_invalid_parameter_handler WINAPI crt_set_invalid_parameter_handler(crt_invalid_parameter_handler h);
crt_invalid_parameter_handler WINAPI crt_get_invalid_parameter_handler(void);
/* Set when ucrtbase.dll attaches: the shared functions follow ucrt where the CRTs differ (the default
 * invalid-parameter handler ends the process with a fast fail, STATUS_STACK_BUFFER_OVERRUN, where msvcrt's
 * returns; fopen knows C11's "x"). A process normally uses one CRT; one that loads both gets ucrt's rules. */
extern bool crt_ucrt_semantics;

/* ---- misc ------------------------------------------------------------------------------------------------------- */

/* Called by each face's DllMain. */
void crt_process_attach(void);
void crt_process_detach(void);
#define CRT_NLOCKS 64
extern RTL_CRITICAL_SECTION crt_locks[CRT_NLOCKS];
void crt_lock(int n);
void crt_unlock(int n);
#define CRT_EXIT_LOCK 8
#define CRT_ENV_LOCK  7

#endif
