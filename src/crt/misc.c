/*
 * The library half's glue (exported data, per-thread state, attaching to a face) and the signal functions:
 * signal/raise/abort.
 */
#include <stdio.h>
#include <string.h>

#include "crt/lib.h"
#include "win32/k32.h"

void crt_time_attach(void);
const unsigned short *WINAPI crt___pwctype_func(void);

/* ---- exported data and per-thread state ---------------------------------------------------------------- */

static struct crt_lib_data fallback_data;
struct crt_lib_data *crt_lib = &fallback_data;

static char tzname_std[64] = "PST", tzname_dst[64] = "PDT";

/* The values the CRTs start with: "C" tables, and Pacific time until _tzset runs (as msvcrt.dll has). */
static void init_data(struct crt_lib_data *d)
{
    memcpy(d->ctype, crt_ctype_table, sizeof d->ctype);
    d->pctype = &d->ctype[1];
    d->pwctype = crt___pwctype_func();
    d->sys_nerr = CRT_SYS_NERR;
    memcpy(d->sys_errlist, crt_sys_errlist, sizeof d->sys_errlist);
    d->timezone = 8 * 3600;
    d->daylight = 1;
    d->dstbias = -3600;
    d->tzname[0] = tzname_std;
    d->tzname[1] = tzname_dst;
    d->huge = __builtin_inf();
    for (int c = 0; c < 256; c++) {
        if (c >= 'A' && c <= 'Z') {
            d->mbctype[c + 1] = 0x10;   /* _SBUP */
            d->mbcasemap[c + 1] = (unsigned char)(c + 32);
        } else if (c >= 'a' && c <= 'z') {
            d->mbctype[c + 1] = 0x20;   /* _SBLOW */
            d->mbcasemap[c + 1] = (unsigned char)(c - 32);
        }
    }
    d->lc_codepage = 0;
    d->lc_collate_cp = 0;
}

static void ensure_fallback(void)
{
    if (!fallback_data.pctype)
        init_data(&fallback_data);
}

void crt_lib_attach(struct crt_lib_data *data)
{
    ensure_fallback();
    crt_time_attach();
    if (data && data != crt_lib) {
        *data = *crt_lib;
        data->pctype = &data->ctype[1];
        crt_lib = data;
    }
}

__attribute__((constructor)) static void crt_lib_init(void)
{
    ensure_fallback();
}

struct crt_lib_thread *crt_lib_thread(void)
{
    static _Thread_local struct crt_lib_thread data;
    return &data;
}

/* ---- signals --------------------------------------------------------------------------------------------- */

#define CRT_SIGINT   2
#define CRT_SIGILL   4
#define CRT_SIGFPE   8
#define CRT_SIGSEGV  11
#define CRT_SIGTERM  15
#define CRT_SIGBREAK 21
#define CRT_SIGABRT  22
#define CRT_SIGABRT_COMPAT 6
#define CRT_SIG_DFL  ((crt_sighandler)0)
#define CRT_SIG_IGN  ((crt_sighandler)1)
#define CRT_SIG_ERR  ((crt_sighandler)-1)
#define CRT_FPE_EXPLICITGEN 0x8c

typedef void(WINAPI *crt_sighandler)(int);
static crt_sighandler handlers[32];

static int signal_slot(int sig)
{
    switch (sig) {
    case CRT_SIGINT: case CRT_SIGILL: case CRT_SIGFPE: case CRT_SIGSEGV: case CRT_SIGTERM: case CRT_SIGBREAK:
    case CRT_SIGABRT: case CRT_SIGABRT_COMPAT:
        return sig == CRT_SIGABRT_COMPAT ? CRT_SIGABRT : sig;
    default:
        return -1;
    }
}

/*
 * SIGINT and SIGBREAK come from the console: Windows starts a new thread for a Ctrl-C (Microsoft's signal
 * documentation), and the CRT's console control handler, registered by the first signal() for either, turns
 * CTRL_C_EVENT into SIGINT and any other event into SIGBREAK (as the CRTs' ctrlevent_capture does). A
 * handler is reset to SIG_DFL before it runs; SIG_DFL leaves the event to the next handler (FALSE), down to
 * kernel32's default, which ends the process; SIG_IGN swallows it.
 */
#define CRT_CTRL_C_EVENT 0

BOOL WINAPI SetConsoleCtrlHandler(BOOL(WINAPI *handler)(DWORD), BOOL add);

static BOOL WINAPI crt_ctrl_event(DWORD type)
{
    int slot = type == CRT_CTRL_C_EVENT ? CRT_SIGINT : CRT_SIGBREAK;
    crt_sighandler h = __atomic_load_n(&handlers[slot], __ATOMIC_ACQUIRE);
    if (h == CRT_SIG_IGN)
        return TRUE;
    if (h == CRT_SIG_DFL || (h = __atomic_exchange_n(&handlers[slot], CRT_SIG_DFL, __ATOMIC_ACQ_REL)) == CRT_SIG_DFL)
        return FALSE;
    h(slot);
    return TRUE;
}

crt_sighandler WINAPI crt_signal(int sig, crt_sighandler handler)
{
    static volatile LONG ctrl_handler_installed;
    int slot = signal_slot(sig);
    if (slot < 0 || handler == (crt_sighandler)2 /* SIG_SGE */ || handler == (crt_sighandler)3 /* SIG_ACK */) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return CRT_SIG_ERR;
    }
    if ((slot == CRT_SIGINT || slot == CRT_SIGBREAK) && !__atomic_exchange_n(&ctrl_handler_installed, 1, __ATOMIC_ACQ_REL) &&
        !SetConsoleCtrlHandler(crt_ctrl_event, TRUE)) {
        ctrl_handler_installed = 0;
        crt_set_errno(CRT_EINVAL);
        return CRT_SIG_ERR;
    }
    return __atomic_exchange_n(&handlers[slot], handler, __ATOMIC_ACQ_REL);
}

/* raise: SIG_IGN ignores; a handler runs after its disposition goes back to SIG_DFL (SIGFPE handlers get
 * _FPE_EXPLICITGEN as a second argument); the default ends the process with exit code 3 (_exit(3)). */
int WINAPI crt_raise(int sig)
{
    int slot = signal_slot(sig);
    if (slot < 0) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return -1;
    }
    crt_sighandler h = handlers[slot];
    if (h == CRT_SIG_IGN)
        return 0;
    if (h == CRT_SIG_DFL)
        ExitProcess(3);
    handlers[slot] = CRT_SIG_DFL;
    if (slot == CRT_SIGFPE) {
        void(WINAPI * fpe)(int, int);
        memcpy(&fpe, &h, sizeof fpe);
        crt_lib->fpecode = CRT_FPE_EXPLICITGEN;
        fpe(sig, CRT_FPE_EXPLICITGEN);
    } else {
        h(sig);
    }
    return 0;
}

/*
 * abort: msvcrt.dll writes its message to stderr, runs a SIGABRT handler if there is one and ends with
 * exit code 3. ucrtbase.dll (release) writes nothing and, with _CALL_REPORTFAULT set as it is by default,
 * ends with a fast fail (0xC0000409) after the handler; _set_abort_behavior can change both.
 */
static unsigned abort_behavior = 3;   /* ucrt: _WRITE_ABORT_MSG | _CALL_REPORTFAULT */

unsigned WINAPI crt__set_abort_behavior(unsigned flags, unsigned mask)
{
    unsigned old = abort_behavior;
    abort_behavior = (old & ~mask) | (flags & mask);
    return old;
}

_Noreturn static void abort_impl(CRT_FLAVOR f)
{
    if (f == CRT_FLAVOR_MSVCRT) {
        static const char msg[] = "\r\nThis application has requested the Runtime to terminate it in an unusual way.\n"
                                  "Please contact the application's support team for more information.\r\n";
        crt_write(2, msg, sizeof msg - 1);
    }
    if (handlers[CRT_SIGABRT] != CRT_SIG_DFL && handlers[CRT_SIGABRT] != CRT_SIG_IGN)
        crt_raise(CRT_SIGABRT);
    if (f == CRT_FLAVOR_UCRT && (abort_behavior & 2))
        for (;;)
            TerminateProcess(GetCurrentProcess(), 0xC0000409);
    ExitProcess(3);
}

_Noreturn void WINAPI crt_abort_msvcrt(void) { abort_impl(CRT_FLAVOR_MSVCRT); }
_Noreturn void WINAPI crt_abort_ucrt(void) { abort_impl(CRT_FLAVOR_UCRT); }

/*
 * assert(): "Assertion failed: expression, file name, line n" on stderr (a console program's report),
 * then abort() of the CRT that failed: msvcrt ends with its abort message and exit code 3, ucrtbase with
 * a fast fail (0xC0000409) unless _set_abort_behavior says otherwise.
 */
_Noreturn static void assert_impl(CRT_FLAVOR f, const char *expr, const char *file, unsigned line)
{
    char msg[1024];
    int n = snprintf(msg, sizeof msg, "Assertion failed: %s, file %s, line %u\n", expr ? expr : "(null)",
                     file ? file : "(null)", line);
    crt_write(2, msg, n < 0 ? 0 : (unsigned)n >= sizeof msg ? sizeof msg - 1 : (unsigned)n);
    abort_impl(f);
}

_Noreturn static void wassert_impl(CRT_FLAVOR f, const WCHAR *expr, const WCHAR *file, unsigned line)
{
    char *e = expr ? crt_wide_to_ansi(expr) : NULL, *fl = file ? crt_wide_to_ansi(file) : NULL;
    assert_impl(f, e, fl, line);
}

_Noreturn void WINAPI crt__assert_msvcrt(const char *e, const char *f, unsigned l) { assert_impl(CRT_FLAVOR_MSVCRT, e, f, l); }
_Noreturn void WINAPI crt__assert_ucrt(const char *e, const char *f, unsigned l) { assert_impl(CRT_FLAVOR_UCRT, e, f, l); }
_Noreturn void WINAPI crt__wassert_msvcrt(const WCHAR *e, const WCHAR *f, unsigned l) { wassert_impl(CRT_FLAVOR_MSVCRT, e, f, l); }
_Noreturn void WINAPI crt__wassert_ucrt(const WCHAR *e, const WCHAR *f, unsigned l) { wassert_impl(CRT_FLAVOR_UCRT, e, f, l); }

/* __fpecode / _fpecode: the code of the last floating-point signal. */
int *WINAPI crt___fpecode(void) { return &crt_lib->fpecode; }

/*
 * _XcptFilter: the filter msvcrt's start-up code puts around main. An exception that has a C signal
 * (an access violation SIGSEGV, an illegal or privileged instruction SIGILL, a floating-point error SIGFPE
 * with its _FPE_ code) goes to the program's handler for it: SIG_IGN continues execution, a handler runs
 * (its disposition back to SIG_DFL first) and execution continues. Everything else, and SIG_DFL, is
 * decided by the unhandled exception filter, as msvcrt's does.
 */
LONG WINAPI UnhandledExceptionFilter(PEXCEPTION_POINTERS info);

LONG WINAPI crt_XcptFilter(DWORD code, PEXCEPTION_POINTERS info)
{
    static const struct { DWORD code; int sig, fpe; } actions[] = {
        {0xC0000005, CRT_SIGSEGV, 0},    {0xC000001D, CRT_SIGILL, 0},     {0xC0000096, CRT_SIGILL, 0},
        {0xC000008D, CRT_SIGFPE, 0x82},  {0xC000008E, CRT_SIGFPE, 0x83},  {0xC000008F, CRT_SIGFPE, 0x86},
        {0xC0000090, CRT_SIGFPE, 0x81},  {0xC0000091, CRT_SIGFPE, 0x84},  {0xC0000092, CRT_SIGFPE, 0x8a},
        {0xC0000093, CRT_SIGFPE, 0x85},
    };
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        if (actions[i].code != code)
            continue;
        int slot = actions[i].sig;
        crt_sighandler h = __atomic_load_n(&handlers[slot], __ATOMIC_ACQUIRE);
        if (h == CRT_SIG_DFL)
            break;
        if (h == CRT_SIG_IGN)
            return EXCEPTION_CONTINUE_EXECUTION;
        handlers[slot] = CRT_SIG_DFL;
        if (slot == CRT_SIGFPE) {
            void(WINAPI * fpe)(int, int);
            memcpy(&fpe, &h, sizeof fpe);
            crt_lib->fpecode = actions[i].fpe;
            fpe(slot, actions[i].fpe);
        } else {
            h(slot);
        }
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    return UnhandledExceptionFilter(info);
}
