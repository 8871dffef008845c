/*
 * errno and _doserrno (the thread's, crt/runtime.c), their texts (strerror, _strerror, perror, _sys_errlist and the wide forms) and the invalid-parameter
 * handler of the CRTs.
 *
 * The texts are the CRTs' own (not the host's): "No such file or directory", "Not enough space", ...;
 * errno values above 42 are "Unknown error", except that ucrt also knows the POSIX numbers 100..140.
 * strerror copies the text into a per-thread buffer, as both CRTs do. perror is the I/O half's (crt/stdio.c,
 * over crt_strerror); the invalid-parameter handler is the runtime's (crt/runtime.c).
 */
#include <string.h>

#include "crt/lib.h"
#include "win32/k32.h"

const char *const crt_sys_errlist[CRT_SYS_NERR + 1] = {
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

/* ucrt's messages for the POSIX errno values 100 (EADDRINUSE) .. 140 (EWOULDBLOCK). */
static const char *const posix_errlist[] = {
    "address in use", "address not available", "address family not supported", "connection already in progress",
    "bad message", "operation canceled", "connection aborted", "connection refused", "connection reset",
    "destination address required", "host unreachable", "identifier removed", "operation in progress",
    "already connected", "too many symbolic link levels", "message size", "network down", "network reset",
    "network unreachable", "no buffer space", "no message available", "no link", "no message",
    "no protocol option", "no stream resources", "not a stream", "not connected", "state not recoverable",
    "not a socket", "not supported", "operation not supported", "unknown error", "value too large",
    "owner dead", "protocol error", "protocol not supported", "wrong protocol type", "timed out", "timed out",
    "text file busy", "operation would block",
};

static const char *message(CRT_FLAVOR f, int e)
{
    if (f == CRT_FLAVOR_UCRT && e >= 100 && e < 100 + (int)ARRAY_SIZE(posix_errlist))
        return posix_errlist[e - 100];
    return crt_sys_errlist[(unsigned)e < CRT_SYS_NERR ? e : CRT_SYS_NERR];
}

static char *copy_to_thread(const char *s)
{
    char *buf = crt_lib_thread()->strerror;
    size_t n = strlen(s);
    if (n >= sizeof crt_lib_thread()->strerror)
        n = sizeof crt_lib_thread()->strerror - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    return buf;
}

static void widen(WCHAR *out, size_t size, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++)
        out[i] = (unsigned char)s[i];
    out[i] = 0;
}

static char *strerror_impl(CRT_FLAVOR f, int e) { return copy_to_thread(message(f, e)); }
CRT_FLAVORS(char *, strerror, (int e), e)

static WCHAR *wcserror_impl(CRT_FLAVOR f, int e)
{
    WCHAR *buf = crt_lib_thread()->wcserror;
    widen(buf, ARRAY_SIZE(crt_lib_thread()->wcserror), message(f, e));
    return buf;
}
CRT_FLAVORS(WCHAR *, wcserror, (int e), e)

/* "<msg>: <text of errno>\n", or the text alone when msg is NULL or empty. */
static size_t compose(CRT_FLAVOR f, const char *msg, char *out, size_t size)
{
    const char *text = message(f, crt_thread()->errno_value);
    size_t n = 0;
    if (msg && *msg) {
        for (; *msg && n + 1 < size; msg++)
            out[n++] = *msg;
        for (const char *p = ": "; *p && n + 1 < size; p++)
            out[n++] = *p;
    }
    for (; *text && n + 1 < size; text++)
        out[n++] = *text;
    if (n + 1 < size)
        out[n++] = '\n';
    out[n] = 0;
    return n;
}

static size_t composed_length(CRT_FLAVOR f, const char *msg)
{
    return (msg && *msg ? strlen(msg) + 2 : 0) + strlen(message(f, crt_thread()->errno_value)) + 1;
}

static char *strerror_msg_impl(CRT_FLAVOR f, const char *msg)
{
    char *buf = crt_lib_thread()->strerror;
    compose(f, msg, buf, sizeof crt_lib_thread()->strerror);
    return buf;
}
CRT_FLAVORS(char *, strerror_msg, (const char *msg), msg)

static int strerror_s_impl(CRT_FLAVOR f, char *buf, size_t size, int e)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    const char *text = message(f, e);
    size_t n = strlen(text);
    if (n >= size)
        n = size - 1;   /* truncated, still success */
    memcpy(buf, text, n);
    buf[n] = 0;
    return 0;
}
CRT_FLAVORS(int, strerror_s, (char *buf, size_t size, int e), buf, size, e)

static int wcserror_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size, int e)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    widen(buf, size, message(f, e));
    return 0;
}
CRT_FLAVORS(int, wcserror_s, (WCHAR *buf, size_t size, int e), buf, size, e)

static int strerror_msg_s_impl(CRT_FLAVOR f, char *buf, size_t size, const char *msg)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    if (composed_length(f, msg) >= size) {
        buf[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    compose(f, msg, buf, size);
    return 0;
}
CRT_FLAVORS(int, strerror_msg_s, (char *buf, size_t size, const char *msg), buf, size, msg)

static char *narrow_message(const WCHAR *msg, char *tmp, size_t size)
{
    if (!msg)
        return NULL;
    size_t i = 0;
    for (; msg[i] && i + 1 < size; i++)
        tmp[i] = msg[i] < 0x100 ? (char)msg[i] : '?';
    tmp[i] = 0;
    return tmp;
}

static WCHAR *wcserror_msg_impl(CRT_FLAVOR f, const WCHAR *msg)
{
    char tmp[96], out[192];
    compose(f, narrow_message(msg, tmp, sizeof tmp), out, sizeof out);
    WCHAR *buf = crt_lib_thread()->wcserror;
    widen(buf, ARRAY_SIZE(crt_lib_thread()->wcserror), out);
    return buf;
}
CRT_FLAVORS(WCHAR *, wcserror_msg, (const WCHAR *msg), msg)

static int wcserror_msg_s_impl(CRT_FLAVOR f, WCHAR *buf, size_t size, const WCHAR *msg)
{
    if (!buf || !size)
        return crt_invalid(f, CRT_EINVAL);
    char tmp[256], out[320];
    const char *m = narrow_message(msg, tmp, sizeof tmp);
    if (composed_length(f, m) >= size) {
        buf[0] = 0;
        return crt_invalid(f, CRT_ERANGE);
    }
    compose(f, m, out, sizeof out);
    widen(buf, size, out);
    return 0;
}
CRT_FLAVORS(int, wcserror_msg_s, (WCHAR *buf, size_t size, const WCHAR *msg), buf, size, msg)

/* The text of errno e for the process's CRT (perror in crt/stdio.c). */
char *WINAPI crt_strerror(int e)
{
    return strerror_impl(crt_ucrt_semantics ? CRT_FLAVOR_UCRT : CRT_FLAVOR_MSVCRT, e);
}

const char *const *WINAPI crt___sys_errlist(void) { return crt_lib->sys_errlist; }
int *WINAPI crt___sys_nerr(void) { return &crt_lib->sys_nerr; }

/* ---- invalid parameters ------------------------------------------------------------------------------------------- */

int crt_invalid(CRT_FLAVOR f, int e)
{
    (void)f;   /* the runtime decides the default from the face in use (crt_ucrt_semantics) */
    crt_invalid_parameter(e);
    return e;
}

/* ---- errno and _doserrno ---------------------------------------------------------------------------------- */

int *WINAPI crt__errno(void)
{
    return &crt_thread()->errno_value;
}

ULONG *WINAPI crt___doserrno(void)
{
    return &crt_thread()->doserrno;
}

int WINAPI crt__get_errno(int *value)
{
    if (!value) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    *value = crt_thread()->errno_value;
    return 0;
}

int WINAPI crt__set_errno(int value)
{
    crt_thread()->errno_value = value;
    return 0;
}

int WINAPI crt__get_doserrno(ULONG *value)
{
    if (!value) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    *value = crt_thread()->doserrno;
    return 0;
}

int WINAPI crt__set_doserrno(ULONG value)
{
    crt_thread()->doserrno = value;
    return 0;
}
