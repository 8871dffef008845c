/* signal/raise/abort, strerror, the "C" locale, and the number conversions over crt/strtonum.c. */
#include <string.h>

#include "crt/crt.h"
#include "crt/strtonum.h"
#include "win32/k32.h"

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

crt_sighandler WINAPI crt_signal(int sig, crt_sighandler handler)
{
    int slot = signal_slot(sig);
    if (slot < 0 || handler == (crt_sighandler)2 /* SIG_SGE */ || handler == (crt_sighandler)3 /* SIG_ACK */) {
        crt_set_errno(CRT_EINVAL);
        return CRT_SIG_ERR;
    }
    return __atomic_exchange_n(&handlers[slot], handler, __ATOMIC_ACQ_REL);
}

_Noreturn static void abort_message_and_exit(void)
{
    static const char msg[] = "\nThis application has requested the Runtime to terminate it in an unusual way.\n"
                              "Please contact the application's support team for more information.\n";
    crt_write(2, msg, sizeof msg - 1);
    ExitProcess(3);
}

/* raise: SIG_IGN ignores; a handler runs after its disposition goes back to SIG_DFL (SIGFPE passes its
 * code too); the default ends the process with exit code 3. */
int WINAPI crt_raise(int sig)
{
    int slot = signal_slot(sig);
    if (slot < 0) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    crt_sighandler h = handlers[slot];
    if (h == CRT_SIG_IGN)
        return 0;
    if (h == CRT_SIG_DFL) {
        if (slot == CRT_SIGABRT)
            abort_message_and_exit();
        ExitProcess(3);
    }
    handlers[slot] = CRT_SIG_DFL;
    if (slot == CRT_SIGFPE) {
        /* SIGFPE handlers take the FPE code as a second argument (_FPE_EXPLICITGEN for raise). */
        void(WINAPI * fpe)(int, int);
        memcpy(&fpe, &h, sizeof fpe);
        fpe(sig, 0x8c);
    } else {
        h(sig);
    }
    return 0;
}

_Noreturn void WINAPI crt_abort(void)
{
    if (handlers[CRT_SIGABRT] != CRT_SIG_DFL && handlers[CRT_SIGABRT] != CRT_SIG_IGN)
        crt_raise(CRT_SIGABRT);
    abort_message_and_exit();
}

/* ---- strerror ---------------------------------------------------------------------------------------------- */

static const char *const sys_errlist[] = {
    "No error", "Operation not permitted", "No such file or directory", "No such process",
    "Interrupted function call", "Input/output error", "No such device or address", "Arg list too long",
    "Exec format error", "Bad file descriptor", "No child processes", "Resource temporarily unavailable",
    "Not enough space", "Permission denied", "Bad address", "Unknown error", "Resource device", "File exists",
    "Improper link", "No such device", "Not a directory", "Is a directory", "Invalid argument",
    "Too many open files in system", "Too many open files", "Inappropriate I/O control operation",
    "Unknown error", "File too large", "No space left on device", "Invalid seek", "Read-only file system",
    "Too many links", "Broken pipe", "Domain error", "Result too large", "Unknown error",
    "Resource deadlock avoided", "Unknown error", "Filename too long", "No locks available",
    "Function not implemented", "Directory not empty", "Illegal byte sequence", "Unknown error",
};

char *WINAPI crt_strerror(int e)
{
    return (char *)sys_errlist[e >= 0 && e < (int)ARRAY_SIZE(sys_errlist) ? e : (int)ARRAY_SIZE(sys_errlist) - 1];
}

/* ---- the "C" locale ------------------------------------------------------------------------------------------- */

struct crt_lconv {
    char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol, *currency_symbol, *mon_decimal_point;
    char *mon_thousands_sep, *mon_grouping, *positive_sign, *negative_sign;
    char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes, n_sep_by_space;
    char p_sign_posn, n_sign_posn;
    WCHAR *w_decimal_point, *w_thousands_sep, *w_int_curr_symbol, *w_currency_symbol, *w_mon_decimal_point;
    WCHAR *w_mon_thousands_sep, *w_positive_sign, *w_negative_sign;
};

struct crt_lconv *WINAPI crt_localeconv(void)
{
    static char point[] = ".", empty[] = "";
    static WCHAR wpoint[] = {'.', 0}, wempty[] = {0};
    static struct crt_lconv c = {point, empty, empty, empty, empty, empty, empty, empty, empty, empty,
                                 127, 127, 127, 127, 127, 127, 127, 127,
                                 wpoint, wempty, wempty, wempty, wempty, wempty, wempty, wempty};
    return &c;
}

/* ---- numbers ---------------------------------------------------------------------------------------------------- */

int WINAPI crt_atoi(const char *s)
{
    int err = 0;
    int64_t v = CrtAtoiA(s, 32, CRT_FLAVOR_MSVCRT, &err);
    if (err)
        crt_set_errno(err);
    return (int)v;
}

LONG WINAPI crt_atol(const char *s)
{
    return crt_atoi(s);
}

int64_t WINAPI crt_atoi64(const char *s)
{
    int err = 0;
    int64_t v = CrtAtoiA(s, 64, CRT_FLAVOR_MSVCRT, &err);
    if (err)
        crt_set_errno(err);
    return v;
}

LONG WINAPI crt_strtol(const char *s, char **end, int base)
{
    int err = 0;
    LONG v = (LONG)CrtStrToIntA(s, (const char **)end, base, CRT_INT_LONG, &err);
    if (err)
        crt_set_errno(err);
    return v;
}

ULONG WINAPI crt_strtoul(const char *s, char **end, int base)
{
    int err = 0;
    ULONG v = (ULONG)CrtStrToIntA(s, (const char **)end, base, CRT_INT_ULONG, &err);
    if (err)
        crt_set_errno(err);
    return v;
}

int64_t WINAPI crt_strtoi64(const char *s, char **end, int base)
{
    int err = 0;
    int64_t v = (int64_t)CrtStrToIntA(s, (const char **)end, base, CRT_INT_I64, &err);
    if (err)
        crt_set_errno(err);
    return v;
}

uint64_t WINAPI crt_strtoui64(const char *s, char **end, int base)
{
    int err = 0;
    uint64_t v = CrtStrToIntA(s, (const char **)end, base, CRT_INT_UI64, &err);
    if (err)
        crt_set_errno(err);
    return v;
}

double WINAPI crt_strtod(const char *s, char **end)
{
    int err = 0;
    double v = CrtStrToDoubleA(s, (const char **)end, CRT_FLAVOR_MSVCRT, &err);
    if (err)
        crt_set_errno(err);
    return v;
}

double WINAPI crt_atof(const char *s)
{
    return crt_strtod(s, NULL);
}
