/*
 * Start-up and exit: argv and the environment copy the CRT hands to main, the onexit tables,
 * exit/_exit/_cexit/quick_exit. Command lines are split by the CRT's rules (RtlpSplitCommandLine, shared
 * with shell32's CommandLineToArgvW).
 */
#include <string.h>

#include "crt/crt.h"
#include "ntdll/rtl/rtl.h"
#include "win32/k32.h"

struct crt_args crt_args;
bool crt_args_msvcrt_rules = true;

/* ---- command line ----------------------------------------------------------------------------------------- */

void crt_split_command_line(const WCHAR *cmd, bool msvcrt, WCHAR **argv, WCHAR *buf, int *argc, size_t *chars)
{
    RtlpSplitCommandLine(cmd, msvcrt ? RTLP_ARGS_MSVCRT : RTLP_ARGS_UCRT, argv, buf, argc, chars);
}

int crt_parse_wargs(void)
{
    if (crt_args.wargv)
        return 0;
    const WCHAR *cmd = GetCommandLineW();
    int argc;
    size_t chars;
    crt_split_command_line(cmd, crt_args_msvcrt_rules, NULL, NULL, &argc, &chars);
    WCHAR **argv = crt_malloc((size_t)(argc + 1) * sizeof *argv + chars * sizeof(WCHAR));
    if (!argv)
        return -1;
    crt_split_command_line(cmd, crt_args_msvcrt_rules, argv, (WCHAR *)(argv + argc + 1), &argc, &chars);
    crt_args.argc = argc;
    crt_args.wargv = argv;
    return 0;
}

/* The narrow argv is the wide one in the ANSI code page: the separators are ASCII, so splitting first
 * and converting after gives what a split of GetCommandLineA gives. */
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
    char *p = (char *)(argv + argc + 1), *end = p + bytes;
    for (int i = 0; i < argc; i++) {
        ULONG n;   /* the room was counted above: each argument converts whole */
        RtlUnicodeToMultiByteN(p, (ULONG)(end - p), &n, crt_args.wargv[i],
                               (ULONG)(RtlpWcslen(crt_args.wargv[i]) * sizeof(WCHAR)));
        argv[i] = p;
        p[n] = 0;
        p += n + 1;
    }
    argv[argc] = NULL;
    crt_args.argv = argv;
    return 0;
}

/* _pgmptr/_wpgmptr: the full path of the program. */
int crt_build_pgmptr(void)
{
    if (crt_args.wpgmptr)
        return 0;
    WCHAR path[MAX_PATH + 1];
    DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
    if (!n || n > MAX_PATH)
        return -1;
    path[n] = 0;
    crt_args.wpgmptr = crt_wcsdup(path);
    crt_args.pgmptr = crt_wide_to_ansi(path);
    return crt_args.wpgmptr && crt_args.pgmptr ? 0 : -1;
}

/* ---- environment ------------------------------------------------------------------------------------------- */

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
        if (*p != '=' && (env[i] = crt_strdup(p)))
            i++;
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
    for (WCHAR *p = block; *p; p += RtlpWcslen(p) + 1)
        if (*p != '=' && (env[i] = crt_wcsdup(p)))
            i++;
    env[i] = NULL;
    FreeEnvironmentStringsW(block);
    crt_args.wenvp = env;
    return 0;
}

/* ---- the faces' exported copies ---------------------------------------------------------------------------- */

#define MAX_FACES 2
static struct crt_face_vars faces[MAX_FACES];
static int nfaces;

void crt_register_face_vars(const struct crt_face_vars *vars)
{
    if (nfaces < MAX_FACES)
        faces[nfaces++] = *vars;
}

/* Copies what start-up built into every face's variables (__argc, __argv, _environ, _pgmptr, ...). */
void crt_publish_args(void)
{
    for (int i = 0; i < nfaces; i++) {
        const struct crt_face_vars *v = &faces[i];
        if (v->argc && crt_args.argv)
            *v->argc = crt_args.argc;
        if (v->argc && crt_args.wargv)
            *v->argc = crt_args.argc;
        if (v->argv && crt_args.argv)
            *v->argv = crt_args.argv;
        if (v->wargv && crt_args.wargv)
            *v->wargv = crt_args.wargv;
        if (v->pgmptr && crt_args.pgmptr)
            *v->pgmptr = crt_args.pgmptr;
        if (v->wpgmptr && crt_args.wpgmptr)
            *v->wpgmptr = crt_args.wpgmptr;
        /* __initenv is the environment main received: set once */
        if (v->initenv && !*v->initenv && crt_args.envp)
            *v->initenv = crt_args.envp;
        if (v->winitenv && !*v->winitenv && crt_args.wenvp)
            *v->winitenv = crt_args.wenvp;
    }
    crt_environ_changed();
}

int crt_default_fmode(void)
{
    for (int i = 0; i < nfaces; i++)
        if (faces[i].fmode)
            return *faces[i].fmode;
    return CRT_O_TEXT;
}

void crt_environ_changed(void)
{
    for (int i = 0; i < nfaces; i++) {
        if (faces[i].environ && crt_args.envp)
            *faces[i].environ = crt_args.envp;
        if (faces[i].wenviron && crt_args.wenvp)
            *faces[i].wenviron = crt_args.wenvp;
    }
}

/* ---- onexit tables ------------------------------------------------------------------------------------------ */

int crt_onexit_table_init(CRT_ONEXIT_TABLE *t)
{
    if (!t)
        return -1;
    if (!t->first)   /* a table in use is left alone, as ucrt does */
        t->last = t->end = NULL;
    return 0;
}

int crt_onexit_table_register(CRT_ONEXIT_TABLE *t, crt_vfn fn)
{
    if (!t)
        return -1;
    crt_lock(CRT_EXIT_LOCK);
    int r = 0;
    if (t->last == t->end) {
        size_t n = (size_t)(t->last - t->first), cap = n ? n * 2 : 32;
        crt_vfn *grown = crt_realloc(t->first, cap * sizeof *grown);
        if (grown) {
            t->first = grown;
            t->last = grown + n;
            t->end = grown + cap;
        } else {
            r = -1;
        }
    }
    if (!r)
        *t->last++ = fn;
    crt_unlock(CRT_EXIT_LOCK);
    return r;
}

/* Runs the table last-registered first; a function registered while it runs runs next. The table is
 * empty afterwards. */
int crt_onexit_table_execute(CRT_ONEXIT_TABLE *t)
{
    if (!t)
        return -1;
    for (;;) {
        crt_lock(CRT_EXIT_LOCK);
        crt_vfn fn = t->last > t->first ? *--t->last : NULL;
        crt_unlock(CRT_EXIT_LOCK);
        if (!fn)
            break;
        fn();
    }
    crt_lock(CRT_EXIT_LOCK);
    crt_free(t->first);
    t->first = t->last = t->end = NULL;
    crt_unlock(CRT_EXIT_LOCK);
    return 0;
}

static CRT_ONEXIT_TABLE atexit_table, quick_exit_table;
static volatile int exit_started, exit_done;

int crt_register_onexit(crt_onexit_fn fn)
{
    crt_vfn v;
    memcpy(&v, &fn, sizeof v);   /* _onexit's int-returning functions run like atexit's */
    return crt_onexit_table_register(&atexit_table, v);
}

int crt_register_quick_exit(crt_vfn fn)
{
    return crt_onexit_table_register(&quick_exit_table, fn);
}

bool crt_exit_started(void)
{
    return __atomic_load_n(&exit_started, __ATOMIC_ACQUIRE) != 0;
}

void crt_mark_exit_started(void)
{
    __atomic_store_n(&exit_started, 1, __ATOMIC_RELEASE);
}

/* The exe's thread_local destructor callback (_register_thread_local_exe_atexit_callback): set once. */
static crt_tls_callback tls_exe_atexit_callback;

bool crt_register_tls_exe_atexit(crt_tls_callback callback)
{
    return __atomic_exchange_n(&tls_exe_atexit_callback, callback, __ATOMIC_ACQ_REL) == NULL;
}

void crt_run_exit(void)
{
    crt_mark_exit_started();
    if (__atomic_exchange_n(&exit_done, 1, __ATOMIC_ACQ_REL))
        return;
    /* The main thread's thread_local objects go first, before the atexit table, as the UCRT's exit does. */
    crt_tls_callback tls = __atomic_load_n(&tls_exe_atexit_callback, __ATOMIC_ACQUIRE);
    if (tls)
        tls(NULL, 0 /* DLL_PROCESS_DETACH */, NULL);
    crt_onexit_table_execute(&atexit_table);
    crt_flushall();
    crt_rmtmp();
}

void crt_run_quick_exit(void)
{
    crt_mark_exit_started();
    crt_onexit_table_execute(&quick_exit_table);
}

_Noreturn void crt_exit(int code)
{
    crt_run_exit();
    ExitProcess((UINT)code);
}

/* ---- start-up exports both faces share ------------------------------------------------------------------ */

/* _initterm: the initializers between two section markers; NULL entries are skipped. */
void WINAPI crt_initterm(crt_vfn *begin, crt_vfn *end)
{
    for (; begin < end; begin++)
        if (*begin)
            (*begin)();
}

/* _initterm_e: the same, stopping at the first initializer that returns non-zero (the result). */
int WINAPI crt_initterm_e(crt_ifn *begin, crt_ifn *end)
{
    for (; begin < end; begin++)
        if (*begin) {
            int r = (*begin)();
            if (r)
                return r;
        }
    return 0;
}

/* atexit (ucrt's _crt_atexit): 0, or -1 when the table cannot grow. */
int WINAPI crt_atexit(crt_vfn fn)
{
    return crt_onexit_table_register(&atexit_table, fn) ? -1 : 0;
}

/* _set_fmode/_get_fmode on a face's _fmode variable. */
int crt_set_fmode(int *fmode, int mode)
{
    if (mode != CRT_O_TEXT && mode != CRT_O_BINARY && mode != CRT_O_WTEXT) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    *fmode = mode;
    return 0;
}

int crt_get_fmode(const int *fmode, int *mode)
{
    if (!mode) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    *mode = *fmode;
    return 0;
}

/* _get_pgmptr/_get_wpgmptr: stores value through out (a char ** or WCHAR **). */
int crt_get_pointer(void *out, const void *value)
{
    if (!out) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    memcpy(out, &value, sizeof value);
    return 0;
}

/* msvcrt.dll detaching at process exit without exit() having run (ExitProcess called directly): its
 * _CRTDLL_INIT runs _cexit, so the atexit table runs and the streams are flushed. */
void crt_process_detach(void)
{
    if (!crt_exit_started())
        crt_run_exit();
}
