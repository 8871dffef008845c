/*
 * Start-up and exit: argv and the environment copy the CRT hands to main, _initterm, the onexit table,
 * exit/_exit/_cexit. Command lines are split by msvcrt.dll's rules (the first token ends at the next
 * quote or blank without backslash processing; 2n backslashes + '"' give n backslashes and toggle
 * quoting; 2n+1 give n and a literal '"'; "" inside quotes is a literal '"').
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

struct crt_args crt_args;

static bool is_blank(unsigned c)
{
    return c == ' ' || c == '\t';
}

/* Emits one character of an argument (or only counts it when buf is NULL). */
static void emit(WCHAR *buf, size_t *out, WCHAR c)
{
    if (buf)
        buf[*out] = c;
    (*out)++;
}

/* Splits cmd into argv (NULL-terminated) with the strings in buf; with argv == NULL it only counts
 * the arguments and the characters they need. */
static void parse(const WCHAR *p, WCHAR **argv, WCHAR *buf, int *argc, size_t *chars)
{
    int n = 0;
    size_t out = 0;
    /* argv[0], the program name: quotes only delimit it */
    if (argv)
        argv[n] = buf + out;
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            emit(buf, &out, *p);
        if (*p == '"')
            p++;
    } else {
        for (; *p && !is_blank(*p); p++)
            emit(buf, &out, *p);
    }
    emit(buf, &out, 0);
    n++;
    for (;;) {
        while (is_blank(*p))
            p++;
        if (!*p)
            break;
        if (argv)
            argv[n] = buf + out;
        bool quoted = false;
        while (*p && (quoted || !is_blank(*p))) {
            size_t slashes = 0;
            while (*p == '\\') {
                p++;
                slashes++;
            }
            bool copy = true;
            if (*p == '"') {
                if (slashes % 2 == 0) {
                    if (quoted && p[1] == '"') {
                        p++;   /* "" inside quotes: one literal quote, still quoted (msvcrt.dll) */
                    } else {
                        copy = false;
                        quoted = !quoted;
                    }
                }
                slashes /= 2;
            }
            for (; slashes; slashes--)
                emit(buf, &out, '\\');
            if (!*p)
                break;
            if (copy)
                emit(buf, &out, *p);
            p++;
        }
        emit(buf, &out, 0);
        n++;
    }
    if (argv)
        argv[n] = NULL;
    *argc = n;
    *chars = out;
}

int crt_parse_wargs(void)
{
    if (crt_args.wargv)
        return 0;
    const WCHAR *cmd = GetCommandLineW();
    int argc;
    size_t chars;
    parse(cmd, NULL, NULL, &argc, &chars);
    WCHAR **argv = crt_malloc((size_t)(argc + 1) * sizeof *argv + chars * sizeof(WCHAR));
    if (!argv)
        return -1;
    parse(cmd, argv, (WCHAR *)(argv + argc + 1), &argc, &chars);
    crt_args.argc = argc;
    crt_args.wargv = argv;
    return 0;
}

/* The narrow argv is the wide one in the ANSI code page: the separators are ASCII, so splitting first
 * and converting after gives what msvcrt's split of GetCommandLineA gives. */
int crt_parse_args(void)
{
    if (crt_args.argv)
        return 0;
    if (crt_parse_wargs())
        return -1;
    int argc = crt_args.argc;
    size_t bytes = 0;
    for (int i = 0; i < argc; i++) {
        ULONG n;
        RtlUnicodeToMultiByteN(NULL, 0, &n, crt_args.wargv[i], (ULONG)(RtlpWcslen(crt_args.wargv[i]) * sizeof(WCHAR)));
        bytes += n + 1;
    }
    char **argv = crt_malloc((size_t)(argc + 1) * sizeof *argv + bytes);
    if (!argv)
        return -1;
    char *p = (char *)(argv + argc + 1);
    for (int i = 0; i < argc; i++) {
        ULONG n, len = (ULONG)(RtlpWcslen(crt_args.wargv[i]) * sizeof(WCHAR));
        RtlUnicodeToMultiByteN(NULL, 0, &n, crt_args.wargv[i], len);
        RtlUnicodeToMultiByteN(p, n, &n, crt_args.wargv[i], len);
        argv[i] = p;
        p[n] = 0;
        p += n + 1;
    }
    argv[argc] = NULL;
    crt_args.argv = argv;
    return 0;
}

/* The CRT's copy of the environment: every "NAME=value" except the hidden "=X:" entries. */
int crt_build_environ(void)
{
    if (crt_args.envp)
        return 0;
    char *block = GetEnvironmentStringsA();
    if (!block)
        return -1;
    size_t n = 0;
    for (char *p = block; *p; p += strlen(p) + 1)
        n += *p != '=';
    char **env = crt_malloc((n + 1) * sizeof *env);
    if (!env) {
        FreeEnvironmentStringsA(block);
        return -1;
    }
    size_t i = 0;
    for (char *p = block; *p; p += strlen(p) + 1)
        if (*p != '=')
            env[i++] = crt_strdup(p);
    env[i] = NULL;
    FreeEnvironmentStringsA(block);
    crt_args.envp = env;
    return 0;
}

int crt_build_wenviron(void)
{
    if (crt_args.wenvp)
        return 0;
    WCHAR *block = GetEnvironmentStringsW();
    if (!block)
        return -1;
    size_t n = 0;
    for (WCHAR *p = block; *p; p += RtlpWcslen(p) + 1)
        n += *p != '=';
    WCHAR **env = crt_malloc((n + 1) * sizeof *env);
    if (!env) {
        FreeEnvironmentStringsW(block);
        return -1;
    }
    size_t i = 0;
    for (WCHAR *p = block; *p; p += RtlpWcslen(p) + 1) {
        if (*p == '=')
            continue;
        size_t len = (RtlpWcslen(p) + 1) * sizeof(WCHAR);
        env[i] = crt_malloc(len);
        if (env[i])
            memcpy(env[i++], p, len);
    }
    env[i] = NULL;
    FreeEnvironmentStringsW(block);
    crt_args.wenvp = env;
    return 0;
}

/* ---- exit ---------------------------------------------------------------------------------------------- */

static crt_onexit_fn *onexit_table;
static size_t onexit_count, onexit_capacity;
static volatile int exit_done;

int crt_register_onexit(crt_onexit_fn fn)
{
    crt_lock(0);
    if (onexit_count == onexit_capacity) {
        size_t cap = onexit_capacity ? onexit_capacity * 2 : 32;
        crt_onexit_fn *t = crt_realloc(onexit_table, cap * sizeof *t);
        if (!t) {
            crt_unlock(0);
            return -1;
        }
        onexit_table = t;
        onexit_capacity = cap;
    }
    onexit_table[onexit_count++] = fn;
    crt_unlock(0);
    return 0;
}

void crt_run_exit(void)
{
    if (__atomic_exchange_n(&exit_done, 1, __ATOMIC_ACQ_REL))
        return;
    /* Handlers run last-registered first; one may register more, which then run next. */
    for (;;) {
        crt_lock(0);
        crt_onexit_fn fn = onexit_count ? onexit_table[--onexit_count] : NULL;
        crt_unlock(0);
        if (!fn)
            break;
        fn();
    }
    crt_flushall();
}

_Noreturn void crt_exit(int code)
{
    crt_run_exit();
    ExitProcess((UINT)code);
}

/* The DLL detaching at process exit without exit() having run (ExitProcess called directly) still
 * flushes what the program wrote, as msvcrt does; atexit handlers do not run then. */
void crt_process_detach(void)
{
    if (!__atomic_load_n(&exit_done, __ATOMIC_ACQUIRE))
        crt_flushall();
}
