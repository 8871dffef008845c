/*
 * msvcrt.dll: the face of the runtime core that mingw-w64 programs link against by default. Its exported
 * variables (_iob, _acmdln, __initenv, _fmode, ...) live in its data area; its printf is the legacy
 * formatter (3-digit exponents, 1.#INF); its command line follows msvcrt.dll's splitting rules; when the
 * process ends without exit() (ExitProcess), its detach runs _cexit as msvcrt.dll's _CRTDLL_INIT does.
 */
#include <string.h>

#include "crt/crt.h"
#include "crt/lib.h"
#include "win32/k32.h"
#include "crt/face.h"
#include "crt/printf.h"
#include "crt/scan.h"
#include "crt/thread.h"
#include "io/builtin.h"
#include "vcruntime/cxxeh.h"

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
    unsigned osver, winver, winmajor, winminor, osplatform;
    char *pgmptr;
    WCHAR *wpgmptr;
    int app_type;
    struct crt_lib_data lib;   /* the library half's variables (crt/lib.h) */
};

static struct msvcrt_data *data;
static uint64_t printf_options = CRT_PRINTF_MSVCRT;

#define STDIN (&data->iob[0])
#define STDOUT (&data->iob[1])
#define STDERR (&data->iob[2])

/* ---- start-up ---------------------------------------------------------------------------------------------- */

typedef struct {
    int newmode;
} crt_startupinfo;

static int newmode;

/* Wildcard expansion (CRT_glob) is not done: arguments reach main as typed. */
int WINAPI msvcrt___getmainargs(int *argc, char ***argv, char ***envp, int wildcard, crt_startupinfo *si)
{
    (void)wildcard;
    if (si)
        newmode = si->newmode;
    if (crt_parse_args() || crt_build_environ())
        return -1;
    crt_build_pgmptr();
    crt_publish_args();
    *argc = crt_args.argc;
    *argv = crt_args.argv;
    *envp = crt_args.envp;
    return 0;
}

int WINAPI msvcrt___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp, int wildcard, crt_startupinfo *si)
{
    (void)wildcard;
    if (si)
        newmode = si->newmode;
    if (crt_parse_wargs() || crt_build_wenviron())
        return -1;
    crt_build_pgmptr();
    crt_publish_args();
    *argc = crt_args.argc;
    *argv = crt_args.wargv;
    *envp = crt_args.wenvp;
    return 0;
}

void WINAPI msvcrt___set_app_type(int type) { data->app_type = type; }
void WINAPI msvcrt___setusermatherr(PVOID handler) { crt_set_matherr(handler); }

crt_onexit_fn WINAPI msvcrt__onexit(crt_onexit_fn fn)
{
    return crt_register_onexit(fn) ? NULL : fn;
}

/* A DLL's private onexit table (mingw's DLL start-up): appended in place, grown as needed. */
crt_onexit_fn WINAPI msvcrt___dllonexit(crt_onexit_fn fn, crt_onexit_fn **begin, crt_onexit_fn **end)
{
    if (!begin || !end)
        return NULL;
    crt_lock(CRT_EXIT_LOCK);
    size_t n = (size_t)(*end - *begin);
    crt_onexit_fn *table = crt_realloc(*begin, (n + 1) * sizeof *table);
    if (table) {
        table[n] = fn;
        *begin = table;
        *end = table + n + 1;
    }
    crt_unlock(CRT_EXIT_LOCK);
    return table ? fn : NULL;
}

_Noreturn void WINAPI msvcrt_exit(int code) { crt_exit(code); }

/* _exit: no atexit handlers and no flushing; buffered output is lost, as on Windows. */
_Noreturn void WINAPI msvcrt__exit(int code)
{
    crt_mark_exit_started();
    ExitProcess((UINT)code);
}

void WINAPI msvcrt__cexit(void) { crt_run_exit(); }
void WINAPI msvcrt__c_exit(void) { crt_mark_exit_started(); }

/* _amsg_exit: the CRT's fatal run-time error banner on stderr, then _exit(255). */
_Noreturn void WINAPI msvcrt__amsg_exit(int error)
{
    char line[64] = "\r\nruntime error R6";
    size_t n = strlen(line);
    line[n++] = (char)('0' + error / 100 % 10);
    line[n++] = (char)('0' + error / 10 % 10);
    line[n++] = (char)('0' + error % 10);
    line[n++] = '\r';
    line[n++] = '\n';
    DWORD written;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)n, &written, NULL);
    msvcrt__exit(255);
}

CRT_FILE *WINAPI msvcrt___iob_func(void) { return data->iob; }

int WINAPI msvcrt____lc_codepage_func(void) { return 0; }   /* the "C" locale */
int WINAPI msvcrt____mb_cur_max_func(void) { return data->mb_cur_max; }

int *WINAPI msvcrt___p___argc(void) { return &data->argc; }
char ***WINAPI msvcrt___p___argv(void) { return &data->argv; }
WCHAR ***WINAPI msvcrt___p___wargv(void) { return &data->wargv; }
char ***WINAPI msvcrt___p__environ(void) { return &data->environ; }
WCHAR ***WINAPI msvcrt___p__wenviron(void) { return &data->wenviron; }
char ***WINAPI msvcrt___p___initenv(void) { return &data->initenv; }
WCHAR ***WINAPI msvcrt___p___winitenv(void) { return &data->winitenv; }
int *WINAPI msvcrt___p__fmode(void) { return &data->fmode; }
int *WINAPI msvcrt___p__commode(void) { return &data->commode; }
char **WINAPI msvcrt___p__acmdln(void) { return &data->acmdln; }
WCHAR **WINAPI msvcrt___p__wcmdln(void) { return &data->wcmdln; }
char **WINAPI msvcrt___p__pgmptr(void) { return &data->pgmptr; }
WCHAR **WINAPI msvcrt___p__wpgmptr(void) { return &data->wpgmptr; }
CRT_FILE *WINAPI msvcrt___p__iob(void) { return data->iob; }
int *WINAPI msvcrt___p___mb_cur_max(void) { return &data->mb_cur_max; }

int WINAPI msvcrt__get_pgmptr(char **out)
{
    crt_build_pgmptr();
    crt_publish_args();
    return crt_get_pointer(out, data->pgmptr);
}

int WINAPI msvcrt__get_wpgmptr(WCHAR **out)
{
    crt_build_pgmptr();
    crt_publish_args();
    return crt_get_pointer(out, data->wpgmptr);
}

int WINAPI msvcrt__set_fmode(int mode) { return crt_set_fmode(&data->fmode, mode); }
int WINAPI msvcrt__get_fmode(int *mode) { return crt_get_fmode(&data->fmode, mode); }

void WINAPI msvcrt__lock(int n) { crt_lock(n); }
void WINAPI msvcrt__unlock(int n) { crt_unlock(n); }

void WINAPI msvcrt__invalid_parameter(const WCHAR *expr, const WCHAR *func, const WCHAR *file, unsigned line,
                                      uintptr_t reserved)
{
    crt_invalid_parameter_handler h = crt_get_invalid_parameter_handler();
    if (h)
        h(expr, func, file, line, reserved);
}

/* ---- heap -------------------------------------------------------------------------------------------------- */

void *WINAPI msvcrt_malloc(size_t n) { return crt_malloc(n); }
void *WINAPI msvcrt_calloc(size_t n, size_t s) { return crt_calloc(n, s); }
void *WINAPI msvcrt_realloc(void *p, size_t n) { return crt_realloc(p, n); }
void WINAPI msvcrt_free(void *p) { crt_free(p); }
size_t WINAPI msvcrt__msize(void *p) { return crt_msize(p); }

/* ---- printf family (msvcrt's formatter) ---------------------------------------------------------------- */

#define PO printf_options
#define LT CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION
#define INT_MAX_COUNT 0x7FFFFFFF

#define VA(last, expr)                      \
    {                                       \
        __builtin_ms_va_list ap;            \
        __builtin_ms_va_start(ap, last);    \
        int n_ = (expr);                    \
        __builtin_ms_va_end(ap);            \
        return n_;                          \
    }

/* to a standard stream (printf, wprintf and their _l/_s/_p forms; the locale argument is ignored) */
#define PF(name, CH, VF, OUT) int WINAPI msvcrt_##name(const CH *fmt, ...) VA(fmt, VF(OUT, PO, fmt, ap))
#define PF_L(name, CH, VF, OUT) \
    int WINAPI msvcrt_##name(const CH *fmt, void *loc, ...) VA(loc, VF(OUT, PO, fmt, ap))
#define VPF(name, CH, VF, OUT) \
    int WINAPI msvcrt_##name(const CH *fmt, __builtin_ms_va_list ap) { return VF(OUT, PO, fmt, ap); }
#define VPF_L(name, CH, VF, OUT)                                                           \
    int WINAPI msvcrt_##name(const CH *fmt, void *loc, __builtin_ms_va_list ap)            \
    {                                                                                      \
        (void)loc;                                                                         \
        return VF(OUT, PO, fmt, ap);                                                       \
    }
/* to a given stream */
#define FPF(name, CH, VF) int WINAPI msvcrt_##name(CRT_FILE *f, const CH *fmt, ...) VA(fmt, VF(f, PO, fmt, ap))
#define FPF_L(name, CH, VF) \
    int WINAPI msvcrt_##name(CRT_FILE *f, const CH *fmt, void *loc, ...) VA(loc, VF(f, PO, fmt, ap))
#define VFPF(name, CH, VF) \
    int WINAPI msvcrt_##name(CRT_FILE *f, const CH *fmt, __builtin_ms_va_list ap) { return VF(f, PO, fmt, ap); }
#define VFPF_L(name, CH, VF)                                                               \
    int WINAPI msvcrt_##name(CRT_FILE *f, const CH *fmt, void *loc, __builtin_ms_va_list ap) \
    {                                                                                      \
        (void)loc;                                                                         \
        return VF(f, PO, fmt, ap);                                                         \
    }
/* into buffers: sprintf (no count), _snprintf (count), _scprintf (count only) */
#define SPF(name, CH, VS) \
    int WINAPI msvcrt_##name(CH *buf, const CH *fmt, ...) VA(fmt, VS(buf, INT_MAX_COUNT, PO | LT, fmt, ap))
#define SPF_L(name, CH, VS) \
    int WINAPI msvcrt_##name(CH *buf, const CH *fmt, void *loc, ...) VA(loc, VS(buf, INT_MAX_COUNT, PO | LT, fmt, ap))
#define VSPF(name, CH, VS)                                                                 \
    int WINAPI msvcrt_##name(CH *buf, const CH *fmt, __builtin_ms_va_list ap)              \
    {                                                                                      \
        return VS(buf, INT_MAX_COUNT, PO | LT, fmt, ap);                                   \
    }
#define VSPF_L(name, CH, VS)                                                               \
    int WINAPI msvcrt_##name(CH *buf, const CH *fmt, void *loc, __builtin_ms_va_list ap)   \
    {                                                                                      \
        (void)loc;                                                                         \
        return VS(buf, INT_MAX_COUNT, PO | LT, fmt, ap);                                   \
    }
#define SNPF(name, CH, VS) \
    int WINAPI msvcrt_##name(CH *buf, size_t n, const CH *fmt, ...) VA(fmt, VS(buf, n, PO | LT, fmt, ap))
#define SNPF_L(name, CH, VS) \
    int WINAPI msvcrt_##name(CH *buf, size_t n, const CH *fmt, void *loc, ...) VA(loc, VS(buf, n, PO | LT, fmt, ap))
#define VSNPF(name, CH, VS)                                                                \
    int WINAPI msvcrt_##name(CH *buf, size_t n, const CH *fmt, __builtin_ms_va_list ap)    \
    {                                                                                      \
        return VS(buf, n, PO | LT, fmt, ap);                                               \
    }
#define VSNPF_L(name, CH, VS)                                                                     \
    int WINAPI msvcrt_##name(CH *buf, size_t n, const CH *fmt, void *loc, __builtin_ms_va_list ap) \
    {                                                                                             \
        (void)loc;                                                                                \
        return VS(buf, n, PO | LT, fmt, ap);                                                      \
    }
#define SCPF(name, CH, VS) int WINAPI msvcrt_##name(const CH *fmt, ...) VA(fmt, VS(NULL, 0, PO, fmt, ap))
#define SCPF_L(name, CH, VS) \
    int WINAPI msvcrt_##name(const CH *fmt, void *loc, ...) VA(loc, VS(NULL, 0, PO, fmt, ap))
#define VSCPF(name, CH, VS) \
    int WINAPI msvcrt_##name(const CH *fmt, __builtin_ms_va_list ap) { return VS(NULL, 0, PO, fmt, ap); }
#define VSCPF_L(name, CH, VS)                                                              \
    int WINAPI msvcrt_##name(const CH *fmt, void *loc, __builtin_ms_va_list ap)            \
    {                                                                                      \
        (void)loc;                                                                         \
        return VS(NULL, 0, PO, fmt, ap);                                                   \
    }
/* the _s buffer forms: sprintf_s (size), _snprintf_s (size and count) */
#define SPFS(name, CH, VSS) \
    int WINAPI msvcrt_##name(CH *buf, size_t size, const CH *fmt, ...) VA(fmt, VSS(buf, size, size, PO, fmt, ap))
#define SPFS_L(name, CH, VSS)                                                                   \
    int WINAPI msvcrt_##name(CH *buf, size_t size, const CH *fmt, void *loc, ...)               \
        VA(loc, VSS(buf, size, size, PO, fmt, ap))
#define VSPFS(name, CH, VSS)                                                                    \
    int WINAPI msvcrt_##name(CH *buf, size_t size, const CH *fmt, __builtin_ms_va_list ap)      \
    {                                                                                           \
        return VSS(buf, size, size, PO, fmt, ap);                                               \
    }
#define VSPFS_L(name, CH, VSS)                                                                          \
    int WINAPI msvcrt_##name(CH *buf, size_t size, const CH *fmt, void *loc, __builtin_ms_va_list ap)   \
    {                                                                                                   \
        (void)loc;                                                                                      \
        return VSS(buf, size, size, PO, fmt, ap);                                                       \
    }
#define SNPFS(name, CH, VSS)                                                                    \
    int WINAPI msvcrt_##name(CH *buf, size_t size, size_t count, const CH *fmt, ...)            \
        VA(fmt, VSS(buf, size, count, PO, fmt, ap))
#define SNPFS_L(name, CH, VSS)                                                                  \
    int WINAPI msvcrt_##name(CH *buf, size_t size, size_t count, const CH *fmt, void *loc, ...) \
        VA(loc, VSS(buf, size, count, PO, fmt, ap))
#define VSNPFS(name, CH, VSS)                                                                             \
    int WINAPI msvcrt_##name(CH *buf, size_t size, size_t count, const CH *fmt, __builtin_ms_va_list ap)  \
    {                                                                                                     \
        return VSS(buf, size, count, PO, fmt, ap);                                                        \
    }
#define VSNPFS_L(name, CH, VSS)                                                                             \
    int WINAPI msvcrt_##name(CH *buf, size_t size, size_t count, const CH *fmt, void *loc,                 \
                             __builtin_ms_va_list ap)                                                       \
    {                                                                                                       \
        (void)loc;                                                                                          \
        return VSS(buf, size, count, PO, fmt, ap);                                                          \
    }

/* One family: plain, _s (format validation is not separate here), _p (no positional arguments), _l forms. */
#define STREAM_FAMILY(base, CH, VF, OUT)                                                                  \
    PF(base, CH, VF, OUT) VPF(v##base, CH, VF, OUT) PF(base##_s, CH, VF, OUT) VPF(v##base##_s, CH, VF, OUT) \
    PF_L(_##base##_l, CH, VF, OUT) VPF_L(_v##base##_l, CH, VF, OUT) PF_L(_##base##_s_l, CH, VF, OUT)       \
    VPF_L(_v##base##_s_l, CH, VF, OUT) PF(_##base##_p, CH, VF, OUT) VPF(_v##base##_p, CH, VF, OUT)         \
    PF_L(_##base##_p_l, CH, VF, OUT) VPF_L(_v##base##_p_l, CH, VF, OUT)
#define FILE_FAMILY(base, CH, VF)                                                                         \
    FPF(base, CH, VF) VFPF(v##base, CH, VF) FPF(base##_s, CH, VF) VFPF(v##base##_s, CH, VF)                 \
    FPF_L(_##base##_l, CH, VF) VFPF_L(_v##base##_l, CH, VF) FPF_L(_##base##_s_l, CH, VF)                   \
    VFPF_L(_v##base##_s_l, CH, VF) FPF(_##base##_p, CH, VF) VFPF(_v##base##_p, CH, VF)                     \
    FPF_L(_##base##_p_l, CH, VF) VFPF_L(_v##base##_p_l, CH, VF)

STREAM_FAMILY(printf, char, crt_vfprintf, STDOUT)
STREAM_FAMILY(wprintf, WCHAR, crt_vfwprintf, STDOUT)
FILE_FAMILY(fprintf, char, crt_vfprintf)
FILE_FAMILY(fwprintf, WCHAR, crt_vfwprintf)

SPF(sprintf, char, crt_vsnprintf) VSPF(vsprintf, char, crt_vsnprintf)
SPF_L(_sprintf_l, char, crt_vsnprintf) VSPF_L(_vsprintf_l, char, crt_vsnprintf)
SNPF(_snprintf, char, crt_vsnprintf) VSNPF(_vsnprintf, char, crt_vsnprintf)
SNPF_L(_snprintf_l, char, crt_vsnprintf) VSNPF_L(_vsnprintf_l, char, crt_vsnprintf)
SCPF(_scprintf, char, crt_vsnprintf) VSCPF(_vscprintf, char, crt_vsnprintf)
SCPF_L(_scprintf_l, char, crt_vsnprintf) VSCPF_L(_vscprintf_l, char, crt_vsnprintf)
SCPF(_scprintf_p, char, crt_vsnprintf) VSCPF(_vscprintf_p, char, crt_vsnprintf)
SPFS(sprintf_s, char, crt_vsprintf_s) VSPFS(vsprintf_s, char, crt_vsprintf_s)
SPFS_L(_sprintf_s_l, char, crt_vsprintf_s) VSPFS_L(_vsprintf_s_l, char, crt_vsprintf_s)
SPFS(_sprintf_p, char, crt_vsprintf_s) VSPFS(_vsprintf_p, char, crt_vsprintf_s)
SNPFS(_snprintf_s, char, crt_vsprintf_s) VSNPFS(_vsnprintf_s, char, crt_vsprintf_s)
SNPFS_L(_snprintf_s_l, char, crt_vsprintf_s) VSNPFS_L(_vsnprintf_s_l, char, crt_vsprintf_s)

/* msvcrt's swprintf/vswprintf are the old ones without a count (as _swprintf). */
SPF(swprintf, WCHAR, crt_vsnwprintf) VSPF(vswprintf, WCHAR, crt_vsnwprintf)
SPF(_swprintf, WCHAR, crt_vsnwprintf) VSPF(_vswprintf, WCHAR, crt_vsnwprintf)
SNPF(_snwprintf, WCHAR, crt_vsnwprintf) VSNPF(_vsnwprintf, WCHAR, crt_vsnwprintf)
SNPF_L(_snwprintf_l, WCHAR, crt_vsnwprintf) VSNPF_L(_vsnwprintf_l, WCHAR, crt_vsnwprintf)
SCPF(_scwprintf, WCHAR, crt_vsnwprintf) VSCPF(_vscwprintf, WCHAR, crt_vsnwprintf)
SCPF_L(_scwprintf_l, WCHAR, crt_vsnwprintf) VSCPF_L(_vscwprintf_l, WCHAR, crt_vsnwprintf)
SPFS(swprintf_s, WCHAR, crt_vswprintf_s) VSPFS(vswprintf_s, WCHAR, crt_vswprintf_s)
SPFS_L(_swprintf_s_l, WCHAR, crt_vswprintf_s) VSPFS_L(_vswprintf_s_l, WCHAR, crt_vswprintf_s)
SNPFS(_snwprintf_s, WCHAR, crt_vswprintf_s) VSNPFS(_vsnwprintf_s, WCHAR, crt_vswprintf_s)
SNPFS_L(_snwprintf_s_l, WCHAR, crt_vswprintf_s) VSNPFS_L(_vsnwprintf_s_l, WCHAR, crt_vswprintf_s)

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

/* ---- scanf family ------------------------------------------------------------------------------------- */

#define SO (CRT_SCANF_MSVCRT | CRT_SCANF_LEGACY_WIDE_SPECIFIERS)
#define SOS (SO | CRT_SCANF_SECURECRT)

#define SF(name, CH, VF, IN, OPT) int WINAPI msvcrt_##name(const CH *fmt, ...) VA(fmt, VF(IN, OPT, fmt, ap))
#define SF_L(name, CH, VF, IN, OPT) \
    int WINAPI msvcrt_##name(const CH *fmt, void *loc, ...) VA(loc, VF(IN, OPT, fmt, ap))
#define FSF(name, CH, VF, OPT) \
    int WINAPI msvcrt_##name(CRT_FILE *f, const CH *fmt, ...) VA(fmt, VF(f, OPT, fmt, ap))
#define FSF_L(name, CH, VF, OPT) \
    int WINAPI msvcrt_##name(CRT_FILE *f, const CH *fmt, void *loc, ...) VA(loc, VF(f, OPT, fmt, ap))
#define SSF(name, CH, VS, OPT) \
    int WINAPI msvcrt_##name(const CH *s, const CH *fmt, ...) VA(fmt, VS(s, SIZE_MAX, OPT, fmt, ap))
#define SSF_L(name, CH, VS, OPT) \
    int WINAPI msvcrt_##name(const CH *s, const CH *fmt, void *loc, ...) VA(loc, VS(s, SIZE_MAX, OPT, fmt, ap))
#define SNSF(name, CH, VS, OPT) \
    int WINAPI msvcrt_##name(const CH *s, size_t n, const CH *fmt, ...) VA(fmt, VS(s, n, OPT, fmt, ap))
#define SNSF_L(name, CH, VS, OPT) \
    int WINAPI msvcrt_##name(const CH *s, size_t n, const CH *fmt, void *loc, ...) VA(loc, VS(s, n, OPT, fmt, ap))

#define SCAN_FAMILY(base, CH, VF, VS, IN)                                                              \
    SF(base, CH, VF, IN, SO) SF_L(_##base##_l, CH, VF, IN, SO) SF(base##_s, CH, VF, IN, SOS)             \
    SF_L(_##base##_s_l, CH, VF, IN, SOS) FSF(f##base, CH, VF, SO) FSF_L(_f##base##_l, CH, VF, SO)         \
    FSF(f##base##_s, CH, VF, SOS) FSF_L(_f##base##_s_l, CH, VF, SOS)

SCAN_FAMILY(scanf, char, crt_vfscanf, crt_vsnscanf, STDIN)
SCAN_FAMILY(wscanf, WCHAR, crt_vfwscanf, crt_vsnwscanf, STDIN)
SSF(sscanf, char, crt_vsnscanf, SO) SSF_L(_sscanf_l, char, crt_vsnscanf, SO)
SSF(sscanf_s, char, crt_vsnscanf, SOS) SSF_L(_sscanf_s_l, char, crt_vsnscanf, SOS)
SNSF(_snscanf, char, crt_vsnscanf, SO) SNSF_L(_snscanf_l, char, crt_vsnscanf, SO)
SNSF(_snscanf_s, char, crt_vsnscanf, SOS) SNSF_L(_snscanf_s_l, char, crt_vsnscanf, SOS)
SSF(swscanf, WCHAR, crt_vsnwscanf, SO) SSF_L(_swscanf_l, WCHAR, crt_vsnwscanf, SO)
SSF(swscanf_s, WCHAR, crt_vsnwscanf, SOS) SSF_L(_swscanf_s_l, WCHAR, crt_vsnwscanf, SOS)
SNSF(_snwscanf, WCHAR, crt_vsnwscanf, SO) SNSF_L(_snwscanf_l, WCHAR, crt_vsnwscanf, SO)
SNSF(_snwscanf_s, WCHAR, crt_vsnwscanf, SOS) SNSF_L(_snwscanf_s_l, WCHAR, crt_vsnwscanf, SOS)

/* ---- the standard streams -------------------------------------------------------------------------------- */

int WINAPI msvcrt_putchar(int c) { return crt_fputc_locked(c, STDOUT); }
int WINAPI msvcrt__fputchar(int c) { return crt_fputc_locked(c, STDOUT); }
int WINAPI msvcrt_getchar(void) { return crt_fgetc_locked(STDIN); }
int WINAPI msvcrt__fgetchar(void) { return crt_fgetc_locked(STDIN); }
WCHAR WINAPI msvcrt_putwchar(WCHAR c) { return crt_fputwc_locked(c, STDOUT); }
WCHAR WINAPI msvcrt__fputwchar(WCHAR c) { return crt_fputwc_locked(c, STDOUT); }
WCHAR WINAPI msvcrt_getwchar(void) { return crt_fgetwc_locked(STDIN); }
WCHAR WINAPI msvcrt__fgetwchar(void) { return crt_fgetwc_locked(STDIN); }
int WINAPI msvcrt_puts(const char *s) { return crt_puts_stream(STDOUT, s); }
int WINAPI msvcrt__putws(const WCHAR *s) { return crt_putws_stream(STDOUT, s); }
char *WINAPI msvcrt_gets(char *buf) { return crt_gets_stream(STDIN, buf, SIZE_MAX, false); }
char *WINAPI msvcrt_gets_s(char *buf, size_t n) { return crt_gets_stream(STDIN, buf, n, true); }
WCHAR *WINAPI msvcrt__getws(WCHAR *buf) { return crt_getws_stream(STDIN, buf, SIZE_MAX, false); }
WCHAR *WINAPI msvcrt__getws_s(WCHAR *buf, size_t n) { return crt_getws_stream(STDIN, buf, n, true); }

/* ---- the DLL --------------------------------------------------------------------------------------------------- */

static void publish_version(void)
{
    /* _osver/_winver as msvcrt computes them from GetVersionEx (Windows 10 reported as 6.2 to the old CRT) */
    data->osver = 9200;
    data->winmajor = 6;
    data->winminor = 2;
    data->winver = 6 << 8 | 2;
    data->osplatform = 2;   /* VER_PLATFORM_WIN32_NT */
}

static void attach(HMODULE module)
{
    data = builtin_data(module);
    crt_process_attach();
    crt_stdio_init(data->iob, 16);   /* msvcrt's _STREAM_LOCKS */
    data->acmdln = GetCommandLineA();
    data->wcmdln = GetCommandLineW();
    data->mb_cur_max = 1;
    publish_version();
    crt_lib_attach(&data->lib);
    struct crt_face_vars vars = {
        &data->argc, &data->argv, &data->wargv, &data->environ, &data->wenviron, &data->initenv,
        &data->winitenv, &data->pgmptr, &data->wpgmptr, &data->fmode,
    };
    crt_register_face_vars(&vars);
    /* msvcrt builds its narrow environment when it loads; programs read _environ before main too */
    crt_build_environ();
    crt_build_pgmptr();
    crt_publish_args();
}

static BOOL WINAPI msvcrt_main(HMODULE module, DWORD reason, PVOID reserved)
{
    (void)reserved;
    if (reason == 1 /* DLL_PROCESS_ATTACH */)
        attach(module);
    else if (reason == 0 /* DLL_PROCESS_DETACH */)
        crt_process_detach();
    return TRUE;
}

#include "crt/exports_io.h"
#include "crt/exports_lib.h"

#define F(name) BUILTIN_FUNCTION(#name, msvcrt_##name)
#define FA(export, name) BUILTIN_FUNCTION(export, msvcrt_##name)
#define D(name, field) BUILTIN_VARIABLE(#name, offsetof(struct msvcrt_data, field))
#define IO_AS(export, name) CRT_IO_EXPORT_AS(export, name)

#define PRINTF_FAMILY_EXPORTS(base)                                                                       \
    F(base), F(v##base), F(base##_s), F(v##base##_s), F(_##base##_l), F(_v##base##_l), F(_##base##_s_l),  \
        F(_v##base##_s_l), F(_##base##_p), F(_v##base##_p), F(_##base##_p_l), F(_v##base##_p_l)
#define SCANF_FAMILY_EXPORTS(base)                                                                         \
    F(base), F(_##base##_l), F(base##_s), F(_##base##_s_l), F(f##base), F(_f##base##_l), F(f##base##_s),   \
        F(_f##base##_s_l)

static const struct builtin_export msvcrt_exports[] = {
    /* start-up and exit */
    F(__getmainargs), F(__wgetmainargs), F(__set_app_type), F(__setusermatherr), CRT_RUNTIME_EXPORTS,
    F(_onexit), F(__dllonexit), F(exit), F(_exit), F(_cexit), F(_c_exit), F(_amsg_exit),
    F(__iob_func), F(__p__iob), F(___lc_codepage_func), F(___mb_cur_max_func), F(__p___mb_cur_max),
    F(__p___argc), F(__p___argv), F(__p___wargv), F(__p__environ), F(__p__wenviron), F(__p___initenv),
    F(__p___winitenv), F(__p__fmode), F(__p__commode), F(__p__acmdln), F(__p__wcmdln), F(__p__pgmptr),
    F(__p__wpgmptr), F(_get_pgmptr), F(_get_wpgmptr), F(_set_fmode), F(_get_fmode), F(_lock), F(_unlock),
    F(_invalid_parameter),
    CRT_THREAD_EXPORTS,
    /* heap */
    F(malloc), F(calloc), F(realloc), F(free), F(_msize),
    /* printf */
    PRINTF_FAMILY_EXPORTS(printf), PRINTF_FAMILY_EXPORTS(wprintf), PRINTF_FAMILY_EXPORTS(fprintf),
    PRINTF_FAMILY_EXPORTS(fwprintf),
    F(sprintf), F(vsprintf), F(_sprintf_l), F(_vsprintf_l), F(_snprintf), F(_vsnprintf), F(_snprintf_l),
    F(_vsnprintf_l), F(_scprintf), F(_vscprintf), F(_scprintf_l), F(_vscprintf_l), F(_scprintf_p),
    F(_vscprintf_p), F(sprintf_s), F(vsprintf_s), F(_sprintf_s_l), F(_vsprintf_s_l), F(_sprintf_p),
    F(_vsprintf_p), F(_snprintf_s), F(_vsnprintf_s), F(_snprintf_s_l), F(_vsnprintf_s_l),
    F(swprintf), F(vswprintf), F(_swprintf), F(_vswprintf), F(_snwprintf), F(_vsnwprintf), F(_snwprintf_l),
    F(_vsnwprintf_l), F(_scwprintf), F(_vscwprintf), F(_scwprintf_l), F(_vscwprintf_l), F(swprintf_s),
    F(vswprintf_s), F(_swprintf_s_l), F(_vswprintf_s_l), F(_snwprintf_s), F(_vsnwprintf_s),
    F(_snwprintf_s_l), F(_vsnwprintf_s_l), F(_set_output_format), F(_get_output_format),
    /* scanf */
    SCANF_FAMILY_EXPORTS(scanf), SCANF_FAMILY_EXPORTS(wscanf),
    F(sscanf), F(_sscanf_l), F(sscanf_s), F(_sscanf_s_l), F(_snscanf), F(_snscanf_l), F(_snscanf_s),
    F(_snscanf_s_l), F(swscanf), F(_swscanf_l), F(swscanf_s), F(_swscanf_s_l), F(_snwscanf), F(_snwscanf_l),
    F(_snwscanf_s), F(_snwscanf_s_l),
    /* the standard streams */
    F(putchar), F(_fputchar), F(getchar), F(_fgetchar), F(putwchar), F(_fputwchar), F(getwchar),
    F(_fgetwchar), F(puts), F(_putws), F(gets), F(gets_s), F(_getws), F(_getws_s),
    /* shared I/O, and msvcrt's names for the x64 structure layouts (time_t is 64-bit) */
    CRT_IO_EXPORTS,
    IO_AS("_stat", _stat64i32), IO_AS("_wstat", _wstat64i32), IO_AS("_fstat", _fstat64i32),
    IO_AS("_stati64", _stat64), IO_AS("_wstati64", _wstat64), IO_AS("_fstati64", _fstat64),
    IO_AS("_findfirst", _findfirst64i32), IO_AS("_findnext", _findnext64i32),
    IO_AS("_findfirsti64", _findfirst64), IO_AS("_findnexti64", _findnext64),
    IO_AS("_wfindfirst", _wfindfirst64i32), IO_AS("_wfindnext", _wfindnext64i32),
    IO_AS("_wfindfirsti64", _wfindfirst64), IO_AS("_wfindnexti64", _wfindnext64),
    IO_AS("_utime", _utime64), IO_AS("_wutime", _wutime64), IO_AS("_futime", _futime64),
    /* the library half */
    CRT_LIB_EXPORTS,
    CRT_LIB_MSVCRT_EXPORTS,
    CRT_LIB_DATA_EXPORTS(struct msvcrt_data, lib),
    BUILTIN_FORWARDER("__C_specific_handler", "NTDLL.__C_specific_handler"),
    /* C++ exception handling and RTTI support (vcruntime/cxxeh.c, vcruntime/typeinfo.c): msvcrt.dll has
     * its own copy of the runtime, whose std::terminate ends in msvcrt's abort */
    BUILTIN_FUNCTION("_CxxThrowException", cxx_throw_exception),
    BUILTIN_FUNCTION("__CxxFrameHandler", cxx_frame_handler3_msvcrt),
    BUILTIN_FUNCTION("__CxxFrameHandler2", cxx_frame_handler3_msvcrt),
    BUILTIN_FUNCTION("__CxxFrameHandler3", cxx_frame_handler3_msvcrt),
    BUILTIN_FUNCTION("__CxxDetectRethrow", cxx_detect_rethrow),
    BUILTIN_FUNCTION("__DestructExceptionObject", cxx_destruct_exception_object),
    BUILTIN_FUNCTION("_local_unwind", cxx_local_unwind),
    BUILTIN_FUNCTION("__uncaught_exception", cxx_uncaught_exception),
    BUILTIN_FUNCTION("_XcptFilter", crt_XcptFilter),
    BUILTIN_FUNCTION("?terminate@@YAXXZ", cxx_terminate_msvcrt),
    BUILTIN_FUNCTION("?set_terminate@@YAP6AXXZP6AXXZ@Z", cxx_set_terminate),
    BUILTIN_FUNCTION("_get_terminate", cxx_get_terminate),
    BUILTIN_FUNCTION("?_set_se_translator@@YAP6AXIPEAU_EXCEPTION_POINTERS@@@ZP6AXI0@Z@Z", cxx_set_se_translator),
    BUILTIN_FUNCTION("_purecall", cxx_purecall_msvcrt),
    BUILTIN_FUNCTION("??1type_info@@UEAA@XZ", cxx_type_info_dtor),
    BUILTIN_FUNCTION("?name@type_info@@QEBAPEBDXZ", cxx_type_info_name),
    BUILTIN_FUNCTION("?raw_name@type_info@@QEBAPEBDXZ", cxx_type_info_raw_name),
    BUILTIN_FUNCTION("??8type_info@@QEBAHAEBV0@@Z", cxx_type_info_equal),
    BUILTIN_FUNCTION("??9type_info@@QEBAHAEBV0@@Z", cxx_type_info_unequal),
    BUILTIN_FUNCTION("?before@type_info@@QEBAHAEBV1@@Z", cxx_type_info_before),
    BUILTIN_FUNCTION("__RTDynamicCast", cxx_rt_dynamic_cast),
    BUILTIN_FUNCTION("__RTtypeid", cxx_rt_typeid),
    BUILTIN_FUNCTION("__RTCastToVoid", cxx_rt_cast_to_void),
    /* data */
    D(_iob, iob), D(_acmdln, acmdln), D(_wcmdln, wcmdln), D(__initenv, initenv), D(__winitenv, winitenv),
    D(_fmode, fmode), D(_commode, commode), D(__argc, argc), D(__argv, argv), D(__wargv, wargv),
    D(_environ, environ), D(_wenviron, wenviron), D(__mb_cur_max, mb_cur_max), D(_osver, osver),
    D(_winver, winver), D(_winmajor, winmajor), D(_winminor, winminor), D(_osplatform, osplatform),
    D(_pgmptr, pgmptr), D(_wpgmptr, wpgmptr),
};

static const struct builtin_dll msvcrt = {
    .name = "msvcrt.dll",
    .exports = msvcrt_exports,
    .nexports = ARRAY_SIZE(msvcrt_exports),
    .data_size = sizeof(struct msvcrt_data),
    .entry = msvcrt_main,
};
BUILTIN_DLL(msvcrt);
