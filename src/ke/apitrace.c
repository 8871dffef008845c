/*
 * `--trace=api[:FILTER]`: one line for every call from guest code into a builtin DLL, like strace's:
 *
 *   [4242] kernel32!CreateFileW(L"C:\\tmp\\x.txt", 0x80000000, 0x1, NULL, 0x3, 0x80, NULL)
 *          = INVALID_HANDLE_VALUE (last error 2)
 *
 * The thunk of a traced export (io/builtin.c, chosen when the image is built, so untraced exports and
 * untraced runs keep the plain thunk and pay nothing) enters KiApiTraceEntry (ke/context_amd64.S) with its
 * KE_API_TRACE_SITE. KiApiTraceEnter decodes the arguments by the function's signature (ke/apisig.c; the
 * four register arguments in hex for a function without one), keeps the call on a per-thread stack and
 * puts KiApiTraceReturn in the guest's return slot; KiApiTraceLeave completes the line with the result
 * and the last error, when the call changed it, and returns to the guest's real return address. Calls
 * that never return (ExitProcess, RaiseException, ...) are printed at once, with " = ?". Nested calls (a
 * builtin calling back into guest code that calls a builtin) print in the order they return.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "ke/apitrace.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "ke/trace.h"
#include "nt/peb.h"
#include "ob/ob.h"

#define MAX_PENDING 64
#define LINE_MAX_LEN 640
#define STRING_MAX 120    /* characters of a string argument shown before "..." */

struct pending {
    DWORD64 return_address;
    DWORD64 rsp;              /* the guest's RSP after the return */
    const KE_API_TRACE_SITE *site;
    DWORD last_error;         /* at the call */
    size_t len;
    char line[LINE_MAX_LEN];
};

/* Allocated at a thread's first traced call and freed when the thread ends (KeApiTraceThreadExit): 40 KiB
 * of static TLS would be zeroed, page by page, into every host thread of every run, traced or not. */
static _Thread_local struct pending *pending;
static _Thread_local unsigned npending;

static char filter[256];   /* comma-separated patterns; "" traces everything */

/* ---- filter ------------------------------------------------------------------------------------------ */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Case-insensitive glob ('*' and '?') of pattern[0..n) against s. */
static bool glob_match(const char *p, size_t n, const char *s)
{
    if (!n)
        return !*s;
    if (*p == '*') {
        for (;; s++) {
            if (glob_match(p + 1, n - 1, s))
                return true;
            if (!*s)
                return false;
        }
    }
    return *s && (*p == '?' || lower(*p) == lower(*s)) && glob_match(p + 1, n - 1, s + 1);
}

bool KeApiTraceSetFilter(const char *patterns)
{
    if (strlen(patterns) >= sizeof filter)
        return false;
    strcpy(filter, patterns);
    return true;
}

const char *KeApiTraceFilter(void)
{
    return filter;
}

/* A pattern with '!' matches "dll!function" (dll without ".dll"); one without matches the function name or
 * the DLL's name ("kernel32" traces all of kernel32). */
bool KeApiTraceWants(const char *dll, const char *function)
{
    if (!(KeTraceKinds & KE_TRACE_API))
        return false;
    if (!filter[0])
        return true;
    char dll_base[64], qualified[64 + 256];
    size_t d = 0;
    while (dll[d] && dll[d] != '.' && d + 1 < sizeof dll_base) {
        dll_base[d] = dll[d];
        d++;
    }
    dll_base[d] = 0;
    snprintf(qualified, sizeof qualified, "%s!%s", dll_base, function);
    for (const char *p = filter; *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n && (memchr(p, '!', n) ? glob_match(p, n, qualified)
                                    : glob_match(p, n, function) || glob_match(p, n, dll_base)))
            return true;
        p += n + (end != NULL);
    }
    return false;
}

const KE_API_TRACE_SITE *KeApiTraceSite(const char *dll, const char *function, const void *target)
{
    KE_API_TRACE_SITE *site = malloc(sizeof *site);
    if (!site)
        return NULL;
    size_t d = 0;
    while (dll[d] && dll[d] != '.' && d + 1 < sizeof site->Dll) {
        site->Dll[d] = lower(dll[d]);
        d++;
    }
    site->Dll[d] = 0;
    site->Function = function;
    site->Target = target;
    site->Signature = KeApiSignature(site->Dll, function);
    return site;
}

/* ---- formatting ------------------------------------------------------------------------------------------ */

static void put(struct pending *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct pending *p, const char *fmt, ...)
{
    if (p->len >= sizeof p->line)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p->line + p->len, sizeof p->line - p->len, fmt, ap);
    va_end(ap);
    p->len = n < 0 ? p->len : p->len + (size_t)n >= sizeof p->line ? sizeof p->line - 1 : p->len + (size_t)n;
}

/* A guest string (narrow, or UTF-16 when wide), quoted and escaped like a C literal; "NULL" or the
 * pointer when it cannot be read. length: characters, or -1 for NUL-terminated. */
static void put_string(struct pending *p, const void *s, bool wide, long length)
{
    if (!s) {
        put(p, "NULL");
        return;
    }
    put(p, "%s\"", wide ? "L" : "");
    size_t unit = wide ? 2 : 1;
    for (long i = 0; length < 0 || i < length; i++) {
        unsigned c = 0;
        if (KeCopyFromUser(&c, (const BYTE *)s + (size_t)i * unit, unit) != STATUS_SUCCESS) {
            put(p, "\"<unreadable %p>", s);
            return;
        }
        if (!c && length < 0)
            break;
        if (i == STRING_MAX) {
            put(p, "\"...");
            return;
        }
        if (c == '"' || c == '\\')
            put(p, "\\%c", c);
        else if (c == '\n')
            put(p, "\\n");
        else if (c == '\r')
            put(p, "\\r");
        else if (c == '\t')
            put(p, "\\t");
        else if (c >= 0x20 && c < 0x7f)
            put(p, "%c", c);
        else if (c < 0x100 && !wide)
            put(p, "\\x%02x", c);
        else
            put(p, "\\u%04x", c);
    }
    put(p, "\"");
}

static void put_unicode_string(struct pending *p, const void *address)
{
    UNICODE_STRING us;
    if (!address) {
        put(p, "NULL");
        return;
    }
    if (KeCopyFromUser(&us, address, sizeof us) != STATUS_SUCCESS) {
        put(p, "<unreadable %p>", address);
        return;
    }
    put_string(p, us.Buffer, true, us.Length / 2);
}

/* One value by its signature letter (ke/apitrace.h). */
static void put_value(struct pending *p, char kind, DWORD64 v)
{
    switch (kind) {
    case 'i': put(p, "%d", (int)(DWORD)v); break;
    case 'u': put(p, "%u", (unsigned)(DWORD)v); break;
    case 'x': put(p, "0x%x", (unsigned)(DWORD)v); break;
    case 'b': put(p, "%s", (DWORD)v ? "TRUE" : "FALSE"); break;
    case 'I': put(p, "%lld", (long long)v); break;
    case 'U': put(p, "%llu", (unsigned long long)v); break;
    case 'X': put(p, "0x%llx", (unsigned long long)v); break;   /* a register whose meaning is unknown */
    case 'h':
        if ((LONG64)v == -1)
            put(p, "INVALID_HANDLE_VALUE");
        else if ((LONG64)v >= -12 && (LONG64)v <= -1)
            put(p, "%lld", (long long)v);   /* pseudo-handles: -1 process, -2 thread, ... */
        else
            put(p, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 's': put_string(p, (const void *)v, false, -1); break;
    case 'w': put_string(p, (const void *)v, true, -1); break;
    case 'S': put_unicode_string(p, (const void *)v); break;
    case 'O': {
        OBJECT_ATTRIBUTES oa;
        if (v && KeCopyFromUser(&oa, (const void *)v, sizeof oa) == STATUS_SUCCESS)
            put_unicode_string(p, oa.ObjectName);
        else
            put(p, v ? "<unreadable %p>" : "NULL", (void *)v);
        break;
    }
    case 'v': break;
    default: put(p, v ? "0x%llx" : "NULL", (unsigned long long)v); break;   /* 'p' and anything else */
    }
}

static DWORD64 argument(const DWORD64 *regs, const DWORD64 *rsp, unsigned i)
{
    DWORD64 v = 0;
    if (i < 4)
        return regs[i];
    /* stack arguments: past the return address and the four home slots */
    if (KeCopyFromUser(&v, rsp + 5 + (i - 4), sizeof v) != STATUS_SUCCESS)
        return 0;
    return v;
}

static void write_line(struct pending *p)
{
    put(p, "\n");
    KeTraceWriteLine(p->line, p->len);
}

/* Functions that do not return to their caller: their line is printed at the call. */
static bool never_returns(const char *name)
{
    static const char *const names[] = {"ExitProcess", "ExitThread", "FreeLibraryAndExitThread",
                                        "RtlExitUserProcess", "RtlExitUserThread", "RaiseException",
                                        "RtlRaiseException", "_CxxThrowException", "exit", "_exit", "_Exit",
                                        "abort", "longjmp", "RtlUnwind", "RtlUnwindEx", "NtContinue",
                                        "RtlRestoreContext", "quick_exit", "_cexit_noreturn"};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (!strcmp(name, names[i]))
            return true;
    return false;
}

/* ---- entry and return -------------------------------------------------------------------------------- */

__attribute__((ms_abi)) const void *KiApiTraceEnter(const KE_API_TRACE_SITE *site, const DWORD64 *regs,
                                                    const M128A *xmm, DWORD64 *rsp)
{
    (void)xmm;
    /* calls whose frames are gone (a longjmp or an exception left them) */
    DWORD64 after = (DWORD64)(rsp + 1);
    while (npending && pending[npending - 1].rsp <= after)
        npending--;
    if (!pending)
        pending = calloc(MAX_PENDING, sizeof *pending);
    struct pending scratch, *p = pending && npending < MAX_PENDING ? &pending[npending] : &scratch;
    p->len = 0;
    p->site = site;
    PTEB teb = NtCurrentTeb();
    p->last_error = teb->LastErrorValue;
    put(p, "[%u] %s!%s(", (unsigned)(ULONG_PTR)teb->ClientId.UniqueThread, site->Dll, site->Function);
    const char *sig = site->Signature;
    const char *args = sig ? strchr(sig, ':') + 1 : "XXXX";
    for (unsigned i = 0; args[i]; i++) {
        if (args[i] == '.') {
            put(p, "%s...", i ? ", " : "");
            break;
        }
        put(p, i ? ", " : "");
        put_value(p, args[i], argument(regs, rsp, i));
    }
    if (!sig)
        put(p, ", ...");
    put(p, ")");
    if (p == &scratch || never_returns(site->Function)) {
        put(p, " = ?");
        write_line(p);
        return site->Target;
    }
    p->return_address = *rsp;
    p->rsp = after;
    npending++;
    *rsp = (DWORD64)KiApiTraceReturn;
    return site->Target;
}

__attribute__((ms_abi)) DWORD64 KiApiTraceLeave(DWORD64 result, const M128A *xmm0, DWORD64 rsp)
{
    while (npending && pending[npending - 1].rsp < rsp)
        npending--;   /* frames a longjmp skipped */
    if (!npending || pending[npending - 1].rsp != rsp) {
        static const char lost[] = "ntexec: --trace=api lost the return address of a call\n";
        KeTraceWriteLine(lost, sizeof lost - 1);
        host_exit_process(125);
    }
    struct pending *p = &pending[--npending];
    char kind = p->site->Signature ? p->site->Signature[0] : 'X';
    if (kind == 'v') {
        put(p, " = void");
    } else if (kind == 'd') {
        double d;
        memcpy(&d, xmm0, sizeof d);
        put(p, " = %g", d);
    } else {
        put(p, " = ");
        put_value(p, kind, result);
    }
    DWORD error = NtCurrentTeb()->LastErrorValue;
    if (error != p->last_error)
        put(p, " (last error %u)", (unsigned)error);
    write_line(p);
    return p->return_address;
}

void KiApiTraceFixContext(CONTEXT *ctx)
{
    DWORD64 rip = KeApiTraceCaller(ctx->Rsp);
    if (rip)
        ctx->Rip = rip;
}

void KeApiTraceThreadExit(void)
{
    free(pending);
    pending = NULL;
    npending = 0;
}

DWORD64 KeApiTraceCaller(DWORD64 rsp)
{
    for (unsigned i = npending; i-- > 0;)
        if (pending[i].rsp == rsp)
            return pending[i].return_address;
    return 0;
}
