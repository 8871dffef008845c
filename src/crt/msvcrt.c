/*
 * msvcrt.dll: the face of the runtime core that mingw-w64 programs link against by default. Its exported
 * variables (_iob, _acmdln, __initenv, _fmode, ...) live in its data area; its printf is the legacy
 * formatter (3-digit exponents, 1.#INF).
 */
#include <string.h>

#include "crt/crt.h"
#include "crt/lib.h"
#include "crt/printf.h"
#include "io/builtin.h"
#include "ntdll/rtl/exception.h"
#include "win32/k32.h"

#define MSVCRT_IOB_ENTRIES 20

struct msvcrt_data {
    CRT_FILE iob[MSVCRT_IOB_ENTRIES];
    char *acmdln;
    WCHAR *wcmdln;
    char **initenv;
    WCHAR **winitenv;
    int fmode;
    int commode;
    int argc;
    char **argv;
    WCHAR **wargv;
    char **environ;
    WCHAR **wenviron;
    int mb_cur_max;
    unsigned osver, winver, winmajor, winminor;
    char *pgmptr;
    WCHAR *wpgmptr;
    struct crt_lib_data lib;
};

static struct msvcrt_data *data;
static uint64_t printf_options = CRT_PRINTF_MSVCRT;
extern int crt_fmode;

#define STDOUT (&data->iob[1])
#define STDERR (&data->iob[2])
#define STDIN (&data->iob[0])

/* ---- start-up ---------------------------------------------------------------------------------------------- */

typedef struct {
    int newmode;
} crt_startupinfo;

static void publish_args(void)
{
    data->argc = crt_args.argc;
    data->argv = crt_args.argv;
    data->wargv = crt_args.wargv;
    data->environ = crt_args.envp;
    data->wenviron = crt_args.wenvp;
    data->initenv = crt_args.envp;
    data->winitenv = crt_args.wenvp;
}

int WINAPI msvcrt___getmainargs(int *argc, char ***argv, char ***envp, int wildcard, crt_startupinfo *si)
{
    (void)wildcard;   /* expanding wildcards is the program's choice at link time (CRT_glob), not done */
    (void)si;
    if (crt_parse_args() || crt_build_environ())
        return -1;
    publish_args();
    *argc = crt_args.argc;
    *argv = crt_args.argv;
    *envp = crt_args.envp;
    return 0;
}

int WINAPI msvcrt___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp, int wildcard, crt_startupinfo *si)
{
    (void)wildcard;
    (void)si;
    if (crt_parse_wargs() || crt_build_wenviron())
        return -1;
    publish_args();
    *argc = crt_args.argc;
    *argv = crt_args.wargv;
    *envp = crt_args.wenvp;
    return 0;
}

void WINAPI msvcrt___set_app_type(int type)
{
    (void)type;   /* console or GUI: the same here */
}

void WINAPI msvcrt___setusermatherr(PVOID handler)
{
    (void)handler;   /* math errors set errno; there is no _matherr callback */
}

void WINAPI msvcrt__initterm(crt_vfn *begin, crt_vfn *end)
{
    for (; begin < end; begin++)
        if (*begin)
            (*begin)();
}

int WINAPI msvcrt__initterm_e(crt_ifn *begin, crt_ifn *end)
{
    for (; begin < end; begin++)
        if (*begin) {
            int r = (*begin)();
            if (r)
                return r;
        }
    return 0;
}

crt_onexit_fn WINAPI msvcrt__onexit(crt_onexit_fn fn)
{
    return crt_register_onexit(fn) ? NULL : fn;
}

int WINAPI msvcrt_atexit(crt_vfn fn)
{
    return crt_register_onexit((crt_onexit_fn)fn) ? -1 : 0;
}

/* A DLL's private onexit table (mingw's DLL start-up): appended in place, grown as needed. */
crt_onexit_fn WINAPI msvcrt___dllonexit(crt_onexit_fn fn, crt_onexit_fn **begin, crt_onexit_fn **end)
{
    size_t n = (size_t)(*end - *begin);
    crt_onexit_fn *table = crt_realloc(*begin, (n + 1) * sizeof *table);
    if (!table)
        return NULL;
    table[n] = fn;
    *begin = table;
    *end = table + n + 1;
    return fn;
}

_Noreturn void WINAPI msvcrt_exit(int code)
{
    crt_exit(code);
}

_Noreturn void WINAPI msvcrt__exit(int code)
{
    ExitProcess((UINT)code);
}

void WINAPI msvcrt__cexit(void)
{
    crt_run_exit();
}

void WINAPI msvcrt__c_exit(void)
{
}

/* _amsg_exit: the fatal run-time error message of the CRT, then exit code 255. */
_Noreturn void WINAPI msvcrt__amsg_exit(int error)
{
    char line[64];
    int n = 0;
    const char *head = "runtime error R6";
    while (head[n])
        line[n] = head[n], n++;
    line[n++] = (char)('0' + error / 100 % 10);
    line[n++] = (char)('0' + error / 10 % 10);
    line[n++] = (char)('0' + error % 10);
    line[n++] = '\n';
    crt_write(2, line, (unsigned)n);
    ExitProcess(255);
}

CRT_FILE *WINAPI msvcrt___iob_func(void)
{
    return data->iob;
}

int *WINAPI msvcrt__errno(void)
{
    return &crt_thread()->errno_value;
}

unsigned long *WINAPI msvcrt___doserrno(void)
{
    return &crt_thread()->doserrno;
}

int WINAPI msvcrt____lc_codepage_func(void)
{
    return 0;   /* the "C" locale */
}

int WINAPI msvcrt____mb_cur_max_func(void)
{
    return data->mb_cur_max;
}

int *WINAPI msvcrt___p___argc(void) { return &data->argc; }
char ***WINAPI msvcrt___p___argv(void) { return &data->argv; }
WCHAR ***WINAPI msvcrt___p___wargv(void) { return &data->wargv; }
char ***WINAPI msvcrt___p__environ(void) { return &data->environ; }
WCHAR ***WINAPI msvcrt___p__wenviron(void) { return &data->wenviron; }
int *WINAPI msvcrt___p__fmode(void) { return &data->fmode; }
int *WINAPI msvcrt___p__commode(void) { return &data->commode; }
char **WINAPI msvcrt___p__acmdln(void) { return &data->acmdln; }
WCHAR **WINAPI msvcrt___p__wcmdln(void) { return &data->wcmdln; }

void WINAPI msvcrt__lock(int n)
{
    crt_lock(n);
}

void WINAPI msvcrt__unlock(int n)
{
    crt_unlock(n);
}

/* ---- heap -------------------------------------------------------------------------------------------------- */

void *WINAPI msvcrt_malloc(size_t n) { return crt_malloc(n); }
void *WINAPI msvcrt_calloc(size_t n, size_t s) { return crt_calloc(n, s); }
void *WINAPI msvcrt_realloc(void *p, size_t n) { return crt_realloc(p, n); }
void WINAPI msvcrt_free(void *p) { crt_free(p); }
size_t WINAPI msvcrt__msize(void *p) { return crt_msize(p); }

/* ---- printf family (msvcrt's formatter) ---------------------------------------------------------------- */

int WINAPI msvcrt_vfprintf(CRT_FILE *f, const char *fmt, __builtin_ms_va_list ap)
{
    return crt_vfprintf(f, printf_options, fmt, ap);
}

int WINAPI msvcrt_fprintf(CRT_FILE *f, const char *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vfprintf(f, printf_options, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt_vprintf(const char *fmt, __builtin_ms_va_list ap)
{
    return crt_vfprintf(STDOUT, printf_options, fmt, ap);
}

int WINAPI msvcrt_printf(const char *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vfprintf(STDOUT, printf_options, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

#define LEGACY_TERMINATION (CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION)

int WINAPI msvcrt_vsprintf(char *buf, const char *fmt, __builtin_ms_va_list ap)
{
    return crt_vsnprintf(buf, 0x7FFFFFFF, printf_options | LEGACY_TERMINATION, fmt, ap);
}

int WINAPI msvcrt_sprintf(char *buf, const char *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vsnprintf(buf, 0x7FFFFFFF, printf_options | LEGACY_TERMINATION, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt__vsnprintf(char *buf, size_t count, const char *fmt, __builtin_ms_va_list ap)
{
    return crt_vsnprintf(buf, count, printf_options | LEGACY_TERMINATION, fmt, ap);
}

int WINAPI msvcrt__snprintf(char *buf, size_t count, const char *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vsnprintf(buf, count, printf_options | LEGACY_TERMINATION, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt__vscprintf(const char *fmt, __builtin_ms_va_list ap)
{
    return crt_vsnprintf(NULL, 0, printf_options, fmt, ap);
}

int WINAPI msvcrt__scprintf(const char *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vsnprintf(NULL, 0, printf_options, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt_vfwprintf(CRT_FILE *f, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return crt_vfwprintf(f, printf_options, fmt, ap);
}

int WINAPI msvcrt_fwprintf(CRT_FILE *f, const WCHAR *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vfwprintf(f, printf_options, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt_vwprintf(const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return crt_vfwprintf(STDOUT, printf_options, fmt, ap);
}

int WINAPI msvcrt_wprintf(const WCHAR *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vfwprintf(STDOUT, printf_options, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return crt_vsnwprintf(buf, count, printf_options | LEGACY_TERMINATION, fmt, ap);
}

int WINAPI msvcrt__snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vsnwprintf(buf, count, printf_options | LEGACY_TERMINATION, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

/* msvcrt's swprintf is the old one without a count. */
int WINAPI msvcrt_swprintf(WCHAR *buf, const WCHAR *fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int n = crt_vsnwprintf(buf, 0x7FFFFFFF, printf_options | LEGACY_TERMINATION, fmt, ap);
    __builtin_ms_va_end(ap);
    return n;
}

int WINAPI msvcrt_vswprintf(WCHAR *buf, const WCHAR *fmt, __builtin_ms_va_list ap)
{
    return crt_vsnwprintf(buf, 0x7FFFFFFF, printf_options | LEGACY_TERMINATION, fmt, ap);
}

#define TWO_DIGIT_EXPONENT 1

unsigned WINAPI msvcrt__set_output_format(unsigned format)
{
    unsigned old = printf_options & CRT_PRINTF_TWO_DIGIT_EXPONENT ? TWO_DIGIT_EXPONENT : 0;
    if (format & TWO_DIGIT_EXPONENT)
        printf_options |= CRT_PRINTF_TWO_DIGIT_EXPONENT;
    else
        printf_options &= ~CRT_PRINTF_TWO_DIGIT_EXPONENT;
    return old;
}

unsigned WINAPI msvcrt__get_output_format(void)
{
    return printf_options & CRT_PRINTF_TWO_DIGIT_EXPONENT ? TWO_DIGIT_EXPONENT : 0;
}

/* ---- character output on the standard streams ---------------------------------------------------------- */

int WINAPI crt_fputc(int c, CRT_FILE *f);
int WINAPI crt_fputs(const char *s, CRT_FILE *f);

int WINAPI msvcrt_putchar(int c)
{
    return crt_fputc(c, STDOUT);
}

int WINAPI msvcrt_puts(const char *s)
{
    char tmp[CRT_BUFSIZ];
    CRT_FILE *f = STDOUT;
    crt_lock_file(f);
    bool lent = crt_stbuf(f, tmp);
    size_t n = strlen(s);
    int r = crt_fwrite_nolock(s, 1, n, f) == n && crt_fputc_nolock('\n', f) != CRT_EOF ? 0 : CRT_EOF;
    crt_ftbuf(lent, f);
    crt_unlock_file(f);
    return r;
}

int WINAPI crt_fgetc(CRT_FILE *f);

int WINAPI msvcrt_getchar(void)
{
    return crt_fgetc(STDIN);
}

/* ---- lowio faces ---------------------------------------------------------------------------------------------- */

int WINAPI msvcrt__write(int fd, const void *buf, unsigned n) { return crt_write(fd, buf, n); }
int WINAPI msvcrt__read(int fd, void *buf, unsigned n) { return crt_read(fd, buf, n); }
int WINAPI msvcrt__close(int fd) { return crt_close(fd); }
int WINAPI msvcrt__setmode(int fd, int mode) { return crt_setmode(fd, mode); }
int WINAPI msvcrt__isatty(int fd) { return crt_isatty(fd); }
LONG WINAPI msvcrt__lseek(int fd, LONG off, int whence) { return (LONG)crt_lseeki64(fd, off, whence); }
int64_t WINAPI msvcrt__lseeki64(int fd, int64_t off, int whence) { return crt_lseeki64(fd, off, whence); }

/* ---- the DLL --------------------------------------------------------------------------------------------------- */

static BOOL WINAPI msvcrt_main(HMODULE module, DWORD reason, PVOID reserved)
{
    (void)reserved;
    if (reason == 1 /* DLL_PROCESS_ATTACH */) {
        data = builtin_data(module);
        crt_process_attach();
        crt_stdio_init(data->iob);
        crt_lib_attach(&data->lib, &data->environ, &data->wenviron);
        data->acmdln = GetCommandLineA();
        data->wcmdln = GetCommandLineW();
        data->fmode = crt_fmode;
        data->mb_cur_max = 1;
        data->osver = 9200;
        data->winmajor = 6;
        data->winminor = 2;
        data->winver = 6 << 8 | 2;
    } else if (reason == 0 /* DLL_PROCESS_DETACH */) {
        crt_process_detach();
    }
    return TRUE;
}

#define F(name) BUILTIN_FUNCTION(#name, msvcrt_##name)
#define C(name) BUILTIN_FUNCTION(#name, crt_##name)
#define D(name, field) BUILTIN_VARIABLE(#name, offsetof(struct msvcrt_data, field))

/* Core functions named crt_* elsewhere in the runtime. */
extern int WINAPI crt_fflush(CRT_FILE *);
extern size_t WINAPI crt_fwrite(const void *, size_t, size_t, CRT_FILE *);
extern size_t WINAPI crt_fread(void *, size_t, size_t, CRT_FILE *);
extern char *WINAPI crt_fgets(char *, int, CRT_FILE *);
extern int WINAPI crt_ungetc(int, CRT_FILE *);
extern int WINAPI crt_feof(CRT_FILE *);
extern int WINAPI crt_ferror(CRT_FILE *);
extern void WINAPI crt_clearerr(CRT_FILE *);
extern int WINAPI crt_fileno(CRT_FILE *);
extern CRT_FILE *WINAPI crt_fopen(const char *, const char *);
extern CRT_FILE *WINAPI crt_wfopen(const WCHAR *, const WCHAR *);
extern CRT_FILE *WINAPI crt_fdopen(int, const char *);
extern int WINAPI crt_fclose(CRT_FILE *);
extern int WINAPI crt_setvbuf(CRT_FILE *, char *, int, size_t);
extern void WINAPI crt_setbuf(CRT_FILE *, char *);
extern int WINAPI crt_fseek(CRT_FILE *, LONG, int);
extern int WINAPI crt_fseeki64(CRT_FILE *, int64_t, int);
extern LONG WINAPI crt_ftell(CRT_FILE *);
extern int64_t WINAPI crt_ftelli64(CRT_FILE *);
extern void WINAPI crt_rewind(CRT_FILE *);
extern int WINAPI crt_flushall_export(void);
extern int WINAPI crt_open(const char *, int, int);
extern int WINAPI crt_wopen(const WCHAR *, int, int);
extern int WINAPI crt_open_osfhandle(INT_PTR, int);
extern INT_PTR WINAPI crt_get_osfhandle(int);
#include "crt/exports_lib.h"

static const struct builtin_export msvcrt_exports[] = {
    F(__getmainargs), F(__wgetmainargs), F(__set_app_type), F(__setusermatherr), F(_initterm), F(_initterm_e),
    F(_onexit), F(atexit), F(__dllonexit), F(exit), F(_exit), F(_cexit), F(_c_exit), F(_amsg_exit),
    F(__iob_func), F(_errno), F(__doserrno), F(___lc_codepage_func), F(___mb_cur_max_func),
    F(__p___argc), F(__p___argv), F(__p___wargv), F(__p__environ), F(__p__wenviron), F(__p__fmode),
    F(__p__commode), F(__p__acmdln), F(__p__wcmdln), F(_lock), F(_unlock),
    F(malloc), F(calloc), F(realloc), F(free), F(_msize),
    F(vfprintf), F(fprintf), F(vprintf), F(printf), F(vsprintf), F(sprintf), F(_vsnprintf), F(_snprintf),
    F(_vscprintf), F(_scprintf), F(vfwprintf), F(fwprintf), F(vwprintf), F(wprintf), F(_vsnwprintf),
    F(_snwprintf), F(swprintf), F(vswprintf), F(_set_output_format), F(_get_output_format),
    F(putchar), F(puts), F(getchar),
    F(_write), F(_read), F(_close), F(_setmode), F(_isatty), F(_lseek), F(_lseeki64),
    C(fputc), C(fwrite), C(fputs), C(fflush), C(fgetc), C(ungetc), C(fgets), C(fread), C(feof), C(ferror),
    C(clearerr), C(fileno), C(fopen), C(fclose), C(setvbuf), C(setbuf), C(fseek), C(ftell), C(rewind),
    C(open), C(wopen), C(fdopen), C(wfopen),
    BUILTIN_FUNCTION("_fileno", crt_fileno), BUILTIN_FUNCTION("_fdopen", crt_fdopen),
    BUILTIN_FUNCTION("_wfopen", crt_wfopen), BUILTIN_FUNCTION("_fseeki64", crt_fseeki64),
    BUILTIN_FUNCTION("_ftelli64", crt_ftelli64), BUILTIN_FUNCTION("_flushall", crt_flushall_export),
    BUILTIN_FUNCTION("_open", crt_open), BUILTIN_FUNCTION("_wopen", crt_wopen),
    BUILTIN_FUNCTION("_open_osfhandle", crt_open_osfhandle), BUILTIN_FUNCTION("_get_osfhandle", crt_get_osfhandle),
    BUILTIN_FUNCTION("putc", crt_fputc), BUILTIN_FUNCTION("getc", crt_fgetc),
    CRT_LIB_EXPORTS,
    CRT_LIB_MSVCRT_EXPORTS,
    CRT_LIB_DATA_EXPORTS(struct msvcrt_data, lib),
    BUILTIN_FORWARDER("__C_specific_handler", "NTDLL.__C_specific_handler"),
    D(_iob, iob), D(_acmdln, acmdln), D(_wcmdln, wcmdln), D(__initenv, initenv), D(__winitenv, winitenv),
    D(_fmode, fmode), D(_commode, commode), D(__argc, argc), D(__argv, argv), D(__wargv, wargv),
    D(_environ, environ), D(_wenviron, wenviron), D(__mb_cur_max, mb_cur_max), D(_osver, osver),
    D(_winver, winver), D(_winmajor, winmajor), D(_winminor, winminor), D(_pgmptr, pgmptr), D(_wpgmptr, wpgmptr),
};

static const struct builtin_dll msvcrt = {
    .name = "msvcrt.dll",
    .exports = msvcrt_exports,
    .nexports = ARRAY_SIZE(msvcrt_exports),
    .data_size = sizeof(struct msvcrt_data),
    .entry = msvcrt_main,
};
BUILTIN_DLL(msvcrt);
