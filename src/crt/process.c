/*
 * Child processes of the C runtime: the _spawn and _exec families (narrow and wide), _cwait, system and
 * _popen/_pclose, on kernel32's CreateProcessW, WaitForSingleObject and GetExitCodeProcess, with the
 * Microsoft CRTs' rules (ucrt's spawnv.cpp, cenvarg.cpp, system.cpp, popen.cpp; msvcrt.dll's are the same):
 *
 *  - the command line is argv joined with single spaces, without quoting: an argument holding a space
 *    reaches the child as two (the program quotes its own arguments);
 *  - a file name without a directory is taken relative to the current directory (".\name"); one without
 *    an extension is tried with .com, .exe, .bat and .cmd; the "p" forms then search PATH;
 *  - an explicit environment gets the "=X:" current-directory entries of the process's own in front;
 *  - the descriptor table goes to the child in STARTUPINFO's lpReserved2 (the count, the osfile flags, the
 *    handles), except descriptors opened with _O_NOINHERIT;
 *  - _P_WAIT returns the exit code, _P_NOWAIT/_P_NOWAITO the process handle (for _cwait), _P_DETACH 0,
 *    _P_OVERLAY (the _exec family) ends this process with _exit(0) once the child started;
 *  - system() runs "%COMSPEC% /c command", and cmd.exe from the current directory or PATH when COMSPEC is
 *    unset or cannot be run; _popen does the same with the child's stdin or stdout on a pipe.
 */
#include <string.h>

#include "crt/crt.h"
#include "crt/lib.h"
#include "win32/k32.h"

#define P_WAIT    0
#define P_NOWAIT  1
#define P_OVERLAY 2
#define P_NOWAITO 3
#define P_DETACH  4

#define DETACHED_PROCESS           0x00000008
#define CREATE_UNICODE_ENVIRONMENT 0x00000400
#define STARTF_USESTDHANDLES       0x00000100
#define WAIT_INFINITE              0xFFFFFFFFu

/* lowio.c and stdio.c: the exported functions _popen builds on. */
int WINAPI crtio__pipe(int *pfds, unsigned size, int textmode);
CRT_FILE *WINAPI crtio__wfdopen(int fd, const WCHAR *mode);
int WINAPI crtio_fclose(CRT_FILE *f);

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static WCHAR *wrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (; *s; s++)
        if (*s == c)
            last = s;
    return (WCHAR *)last;
}

/* A heap string of the concatenation of up to three parts (NULL parts are empty). */
static WCHAR *wconcat(const WCHAR *a, const WCHAR *b, const WCHAR *c)
{
    size_t na = a ? wlen(a) : 0, nb = b ? wlen(b) : 0, nc = c ? wlen(c) : 0;
    WCHAR *s = crt_malloc((na + nb + nc + 1) * sizeof(WCHAR));
    if (!s) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    if (na)
        memcpy(s, a, na * sizeof(WCHAR));
    if (nb)
        memcpy(s + na, b, nb * sizeof(WCHAR));
    if (nc)
        memcpy(s + na + nb, c, nc * sizeof(WCHAR));
    s[na + nb + nc] = 0;
    return s;
}

/* _access(path, 0): whether the file exists; errno from the failure (ENOENT) otherwise. */
static bool file_exists(const WCHAR *path)
{
    if (GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES)
        return true;
    crt_dosmaperr(GetLastError());
    return false;
}

/* ---- the command line, the environment, the descriptor table ------------------------------------------ */

/* argv joined with spaces, as the CRTs pack it: no quoting, no escaping. */
static WCHAR *pack_command_line(const WCHAR *const *argv)
{
    size_t n = 0;
    for (const WCHAR *const *a = argv; *a; a++)
        n += wlen(*a) + 1;
    WCHAR *cmd = crt_malloc((n ? n : 1) * sizeof(WCHAR));
    if (!cmd) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    WCHAR *p = cmd;
    for (const WCHAR *const *a = argv; *a; a++) {
        size_t k = wlen(*a);
        memcpy(p, *a, k * sizeof(WCHAR));
        p += k;
        *p++ = ' ';
    }
    if (p > cmd)
        p--;
    *p = 0;
    return cmd;
}

/* The environment block for envp (NULL: inherit, *block stays NULL): the process's "=X:" entries first,
 * as the CRTs keep the child's per-drive directories, then envp's strings, then the final NUL. */
static bool pack_environment(const WCHAR *const *envp, WCHAR **block)
{
    *block = NULL;
    if (!envp)
        return true;
    WCHAR *os = GetEnvironmentStringsW();
    const WCHAR *cwd_end = os;
    while (cwd_end && *cwd_end == '=')
        cwd_end += wlen(cwd_end) + 1;
    size_t ncwd = os ? (size_t)(cwd_end - os) : 0, n = ncwd;
    for (const WCHAR *const *e = envp; *e; e++)
        n += wlen(*e) + 1;
    WCHAR *b = crt_malloc((n + 2) * sizeof(WCHAR));
    if (!b) {
        if (os)
            FreeEnvironmentStringsW(os);
        crt_set_errno(CRT_ENOMEM);
        return false;
    }
    if (ncwd)
        memcpy(b, os, ncwd * sizeof(WCHAR));
    WCHAR *p = b + ncwd;
    for (const WCHAR *const *e = envp; *e; e++) {
        size_t k = wlen(*e) + 1;
        memcpy(p, *e, k * sizeof(WCHAR));
        p += k;
    }
    if (p == b)
        *p++ = 0;   /* an empty block is two NULs */
    *p = 0;
    if (os)
        FreeEnvironmentStringsW(os);
    *block = b;
    return true;
}

/* The lowio table in the form the CRTs read at start-up from lpReserved2: an int count, count osfile
 * bytes, count handles (unaligned). Descriptors not open or opened with _O_NOINHERIT pass as closed, and so
 * do 0..2 for a detached child (with_std false), as ucrt's accumulate_inheritable_handles does. */
static BYTE *pack_handle_table(WORD *size, bool with_std)
{
    int count = 0;
    for (int fd = 0; fd < CRT_MAX_FDS; fd++)
        if (crt_lowio_flags(fd) & CRT_FOPEN)
            count = fd + 1;
    /* cbReserved2 is a WORD: the CRTs cut the table where it still fits. */
    int max = (0xFFFF - (int)sizeof(int)) / (1 + (int)sizeof(HANDLE));
    if (count > max)
        count = max;
    size_t bytes = sizeof(int) + (size_t)count * (1 + sizeof(HANDLE));
    BYTE *t = crt_calloc(1, bytes);
    if (!t) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    memcpy(t, &count, sizeof count);
    BYTE *flags = t + sizeof(int);
    BYTE *handles = flags + count;
    for (int fd = 0; fd < count; fd++) {
        int f = crt_lowio_flags(fd);
        HANDLE h = INVALID_HANDLE_VALUE;
        if ((f & CRT_FOPEN) && !(f & CRT_FNOINHERIT) && (with_std || fd > 2))
            h = crt_lowio_handle(fd);
        else
            f = 0;
        flags[fd] = (BYTE)f;
        memcpy(handles + (size_t)fd * sizeof(HANDLE), &h, sizeof h);
    }
    *size = (WORD)bytes;
    return t;
}

/* ---- spawning --------------------------------------------------------------------------------------------- */

/* Starts file (a resolved name) with argv and envp in the given mode: ucrt's execute_command. */
static intptr_t execute(int mode, const WCHAR *file, const WCHAR *const *argv, const WCHAR *const *envp)
{
    if (mode < P_WAIT || mode > P_DETACH) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    WCHAR *cmd = pack_command_line(argv), *env = NULL;
    WORD table_size = 0;
    BYTE *table = NULL;
    intptr_t ret = -1;
    if (!cmd || !pack_environment(envp, &env) || !(table = pack_handle_table(&table_size, mode != P_DETACH)))
        goto out;

    STARTUPINFOW si = {0};
    si.cb = sizeof si;
    si.cbReserved2 = table_size;
    si.lpReserved2 = table;
    PROCESS_INFORMATION pi = {0};
    DWORD flags = (mode == P_DETACH ? DETACHED_PROCESS : 0) | (env ? CREATE_UNICODE_ENVIRONMENT : 0);
    if (!CreateProcessW(file, cmd, NULL, NULL, TRUE, flags, env, NULL, &si, &pi)) {
        crt_dosmaperr(GetLastError());
        goto out;
    }
    CloseHandle(pi.hThread);
    switch (mode) {
    case P_OVERLAY:
        /* exec: the child runs on, this process ends as _exit does (no atexit handlers, no flushing). */
        crt_mark_exit_started();
        ExitProcess(0);
    case P_WAIT: {
        DWORD code = 0;
        WaitForSingleObject(pi.hProcess, WAIT_INFINITE);
        if (GetExitCodeProcess(pi.hProcess, &code))
            ret = (int)code;
        else
            crt_dosmaperr(GetLastError());
        CloseHandle(pi.hProcess);
        break;
    }
    case P_DETACH:
        CloseHandle(pi.hProcess);
        ret = 0;
        break;
    default:   /* _P_NOWAIT, _P_NOWAITO: the handle is the "process id" _cwait takes */
        ret = (intptr_t)pi.hProcess;
        break;
    }
out:
    crt_free(table);
    crt_free(env);
    crt_free(cmd);
    return ret;
}

static bool bad_spawn_arguments(const WCHAR *file, const WCHAR *const *argv)
{
    if (!file || !file[0] || !argv || !argv[0] || !argv[0][0]) {
        crt_invalid_parameter(CRT_EINVAL);
        return true;
    }
    return false;
}

/* _wspawnve: a name without a directory is made relative (".\name": no search); a name whose last
 * component has no '.' is tried with .com, .exe, .bat and .cmd, in that order. */
static intptr_t spawnve(int mode, const WCHAR *file, const WCHAR *const *argv, const WCHAR *const *envp)
{
    if (bad_spawn_arguments(file, argv))
        return -1;
    const WCHAR *bs = wrchr(file, '\\'), *sl = wrchr(file, '/');
    const WCHAR *dir_end = !sl || (bs && bs > sl) ? bs : sl;
    WCHAR *relative = NULL;
    if (!dir_end)
        dir_end = wrchr(file, ':');
    if (!dir_end) {
        if (!(relative = wconcat(u".\\", file, NULL)))
            return -1;
        file = relative;
        dir_end = file + 1;
    }
    intptr_t ret = -1;
    if (wrchr(dir_end, '.')) {
        if (file_exists(file))
            ret = execute(mode, file, argv, envp);
        crt_free(relative);
        return ret;
    }
    static const WCHAR *const extensions[] = {u".com", u".exe", u".bat", u".cmd"};
    int saved = crt_thread()->errno_value;
    for (size_t i = 0; i < ARRAY_SIZE(extensions); i++) {
        WCHAR *name = wconcat(file, extensions[i], NULL);
        if (!name)
            break;
        if (file_exists(name)) {
            crt_set_errno(saved);
            ret = execute(mode, name, argv, envp);
            crt_free(name);
            break;
        }
        crt_free(name);
    }
    crt_free(relative);
    return ret;
}

/* The next directory of a PATH-like list: entries end at ';' outside quotes, quotes are dropped, empty
 * entries skipped (ucrt's __acrt_getpath). Returns the position after it, NULL at the end. */
static const WCHAR *next_path_entry(const WCHAR *list, WCHAR *out, size_t size)
{
    while (*list == ';')
        list++;
    if (!*list)
        return NULL;
    size_t n = 0;
    bool quoted = false;
    for (; *list && (quoted || *list != ';'); list++) {
        if (*list == '"')
            quoted = !quoted;
        else if (n + 1 < size)
            out[n++] = *list;
    }
    out[n] = 0;
    return list;
}

/* _wspawnvpe: _wspawnve, then, when the file was not found and its name has no directory, each directory
 * of PATH in turn. */
static intptr_t spawnvpe(int mode, const WCHAR *file, const WCHAR *const *argv, const WCHAR *const *envp)
{
    intptr_t ret = spawnve(mode, file, argv, envp);
    if (ret != -1 || crt_thread()->errno_value != CRT_ENOENT)
        return ret;
    if (wrchr(file, '\\') || wrchr(file, '/') || (file[0] && file[1] == ':'))
        return -1;
    const WCHAR *path = crt_env_wget(u"PATH");
    if (!path)
        return -1;
    WCHAR *copy = wconcat(path, NULL, NULL);   /* the environment may change in the child's wait */
    if (!copy)
        return -1;
    WCHAR dir[MAX_PATH * 2];
    for (const WCHAR *p = copy; (p = next_path_entry(p, dir, ARRAY_SIZE(dir)));) {
        size_t n = wlen(dir);
        bool sep = n && (dir[n - 1] == '\\' || dir[n - 1] == '/');
        WCHAR *name = wconcat(dir, sep ? NULL : u"\\", file);
        if (!name)
            break;
        ret = spawnve(mode, name, argv, envp);
        bool unc = (name[0] == '\\' || name[0] == '/') && (name[1] == '\\' || name[1] == '/');
        crt_free(name);
        /* a network directory may be down: only ENOENT (or a UNC entry) goes on to the next one */
        if (ret != -1 || (crt_thread()->errno_value != CRT_ENOENT && !unc))
            break;
    }
    crt_free(copy);
    return ret;
}

/* ---- narrow arguments ------------------------------------------------------------------------------------ */

static void free_wide_vector(WCHAR **v)
{
    if (!v)
        return;
    for (WCHAR **p = v; *p; p++)
        BaseFreeWide(*p);
    crt_free(v);
}

/* A NULL-terminated vector of ANSI strings as UTF-16; *ok false (errno set) when it cannot be converted.
 * NULL stays NULL. */
static WCHAR **wide_vector(const char *const *v, bool *ok)
{
    *ok = true;
    if (!v)
        return NULL;
    size_t n = 0;
    while (v[n])
        n++;
    WCHAR **w = crt_calloc(n + 1, sizeof *w);
    if (!w) {
        crt_set_errno(CRT_ENOMEM);
        *ok = false;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(w[i] = crt_path_to_wide(v[i]))) {
            free_wide_vector(w);
            *ok = false;
            return NULL;
        }
    }
    return w;
}

typedef intptr_t (*spawn_fn)(int, const WCHAR *, const WCHAR *const *, const WCHAR *const *);

static intptr_t spawn_narrow(spawn_fn fn, int mode, const char *file, const char *const *argv,
                             const char *const *envp)
{
    if (!file || !argv) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    bool ok_a = false, ok_e = false;
    WCHAR *wfile = crt_path_to_wide(file);
    WCHAR **wargv = wfile ? wide_vector(argv, &ok_a) : NULL;
    WCHAR **wenvp = wfile && ok_a ? wide_vector(envp, &ok_e) : NULL;
    intptr_t ret = -1;
    if (wfile && ok_a && ok_e)
        ret = fn(mode, wfile, (const WCHAR *const *)wargv, (const WCHAR *const *)wenvp);
    free_wide_vector(wenvp);
    free_wide_vector(wargv);
    if (wfile)
        BaseFreeWide(wfile);
    return ret;
}

/* The l forms: the arguments up to the NULL pointer as a vector (and, for the e forms, the environment
 * vector after it). Every variadic argument is one pointer-sized slot in the x64 convention. */
static const void **collect_arguments(const void *arg0, __builtin_ms_va_list *ap, const void **envp)
{
    size_t cap = 16, n = 0;
    const void **v = crt_malloc(cap * sizeof *v);
    if (!v) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    for (const void *a = arg0;; a = __builtin_va_arg(*ap, const void *)) {
        if (n == cap) {
            const void **bigger = crt_realloc(v, 2 * cap * sizeof *v);
            if (!bigger) {
                crt_free(v);
                crt_set_errno(CRT_ENOMEM);
                return NULL;
            }
            v = bigger;
            cap *= 2;
        }
        v[n++] = a;
        if (!a)
            break;
    }
    if (envp)
        *envp = __builtin_va_arg(*ap, const void *);
    return v;
}

/* ---- exports: _spawn*, _wspawn*, _exec*, _wexec* ------------------------------------------------------------ */

#define SPAWN_V(name, wname, fn, has_env)                                                                     \
    intptr_t WINAPI crtio_##name(int mode, const char *file, const char *const *argv,                         \
                                 const char *const *envp)                                                     \
    {                                                                                                         \
        return spawn_narrow(fn, mode, file, argv, has_env ? envp : NULL);                                     \
    }                                                                                                         \
    intptr_t WINAPI crtio_##wname(int mode, const WCHAR *file, const WCHAR *const *argv,                      \
                                  const WCHAR *const *envp)                                                   \
    {                                                                                                         \
        if (!file || !argv) {                                                                                 \
            crt_invalid_parameter(CRT_EINVAL);                                                                \
            return -1;                                                                                        \
        }                                                                                                     \
        return fn(mode, file, argv, has_env ? envp : NULL);                                                   \
    }

SPAWN_V(_spawnv, _wspawnv, spawnve, false)
SPAWN_V(_spawnve, _wspawnve, spawnve, true)
SPAWN_V(_spawnvp, _wspawnvp, spawnvpe, false)
SPAWN_V(_spawnvpe, _wspawnvpe, spawnvpe, true)

#define SPAWN_L(name, wname, fn, has_env)                                                                     \
    intptr_t WINAPI crtio_##name(int mode, const char *file, const char *arg0, ...)                           \
    {                                                                                                         \
        __builtin_ms_va_list ap;                                                                              \
        __builtin_ms_va_start(ap, arg0);                                                                      \
        const void *envp = NULL;                                                                              \
        const void **argv = collect_arguments(arg0, &ap, has_env ? &envp : NULL);                             \
        __builtin_ms_va_end(ap);                                                                              \
        if (!argv)                                                                                            \
            return -1;                                                                                        \
        intptr_t r = spawn_narrow(fn, mode, file, (const char *const *)argv, envp);                           \
        crt_free(argv);                                                                                       \
        return r;                                                                                             \
    }                                                                                                         \
    intptr_t WINAPI crtio_##wname(int mode, const WCHAR *file, const WCHAR *arg0, ...)                        \
    {                                                                                                         \
        __builtin_ms_va_list ap;                                                                              \
        __builtin_ms_va_start(ap, arg0);                                                                      \
        const void *envp = NULL;                                                                              \
        const void **argv = collect_arguments(arg0, &ap, has_env ? &envp : NULL);                             \
        __builtin_ms_va_end(ap);                                                                              \
        if (!argv)                                                                                            \
            return -1;                                                                                        \
        intptr_t r = -1;                                                                                      \
        if (!file)                                                                                            \
            crt_invalid_parameter(CRT_EINVAL);                                                                \
        else                                                                                                  \
            r = fn(mode, file, (const WCHAR *const *)argv, envp);                                             \
        crt_free(argv);                                                                                       \
        return r;                                                                                             \
    }

SPAWN_L(_spawnl, _wspawnl, spawnve, false)
SPAWN_L(_spawnle, _wspawnle, spawnve, true)
SPAWN_L(_spawnlp, _wspawnlp, spawnvpe, false)
SPAWN_L(_spawnlpe, _wspawnlpe, spawnvpe, true)

/* The _exec family is _spawn with _P_OVERLAY: it returns only when the child could not be started. */
#define EXEC_V(name, wname, spawn, wspawn, has_env)                                                           \
    intptr_t WINAPI crtio_##name(const char *file, const char *const *argv, const char *const *envp)          \
    {                                                                                                         \
        return crtio_##spawn(P_OVERLAY, file, argv, has_env ? envp : NULL);                                   \
    }                                                                                                         \
    intptr_t WINAPI crtio_##wname(const WCHAR *file, const WCHAR *const *argv, const WCHAR *const *envp)      \
    {                                                                                                         \
        return crtio_##wspawn(P_OVERLAY, file, argv, has_env ? envp : NULL);                                  \
    }

EXEC_V(_execv, _wexecv, _spawnv, _wspawnv, false)
EXEC_V(_execve, _wexecve, _spawnve, _wspawnve, true)
EXEC_V(_execvp, _wexecvp, _spawnvp, _wspawnvp, false)
EXEC_V(_execvpe, _wexecvpe, _spawnvpe, _wspawnvpe, true)

#define EXEC_L(name, wname, fn, has_env)                                                                      \
    intptr_t WINAPI crtio_##name(const char *file, const char *arg0, ...)                                     \
    {                                                                                                         \
        __builtin_ms_va_list ap;                                                                              \
        __builtin_ms_va_start(ap, arg0);                                                                      \
        const void *envp = NULL;                                                                              \
        const void **argv = collect_arguments(arg0, &ap, has_env ? &envp : NULL);                             \
        __builtin_ms_va_end(ap);                                                                              \
        if (!argv)                                                                                            \
            return -1;                                                                                        \
        intptr_t r = spawn_narrow(fn, P_OVERLAY, file, (const char *const *)argv, envp);                      \
        crt_free(argv);                                                                                       \
        return r;                                                                                             \
    }                                                                                                         \
    intptr_t WINAPI crtio_##wname(const WCHAR *file, const WCHAR *arg0, ...)                                  \
    {                                                                                                         \
        __builtin_ms_va_list ap;                                                                              \
        __builtin_ms_va_start(ap, arg0);                                                                      \
        const void *envp = NULL;                                                                              \
        const void **argv = collect_arguments(arg0, &ap, has_env ? &envp : NULL);                             \
        __builtin_ms_va_end(ap);                                                                              \
        if (!argv)                                                                                            \
            return -1;                                                                                        \
        intptr_t r = -1;                                                                                      \
        if (!file)                                                                                            \
            crt_invalid_parameter(CRT_EINVAL);                                                                \
        else                                                                                                  \
            r = fn(P_OVERLAY, file, (const WCHAR *const *)argv, envp);                                        \
        crt_free(argv);                                                                                       \
        return r;                                                                                             \
    }

EXEC_L(_execl, _wexecl, spawnve, false)
EXEC_L(_execle, _wexecle, spawnve, true)
EXEC_L(_execlp, _wexeclp, spawnvpe, false)
EXEC_L(_execlpe, _wexeclpe, spawnvpe, true)

/* _cwait: waits for the process whose handle _spawn returned, stores its exit code and closes the handle.
 * The action (_WAIT_CHILD, _WAIT_GRANDCHILD) is not looked at, as in the CRTs. -1 and -2, the pseudo-handles
 * of this process and thread, would wait forever: ECHILD; a handle that is not one is ECHILD too. */
intptr_t WINAPI crtio__cwait(int *status, intptr_t handle, int action)
{
    (void)action;
    if (status)
        *status = -1;
    if (handle == -1 || handle == -2) {
        crt_thread()->doserrno = 0;
        crt_set_errno(CRT_ECHILD);
        return -1;
    }
    DWORD code;
    intptr_t ret = handle;
    if (WaitForSingleObject((HANDLE)handle, WAIT_INFINITE) == 0 && GetExitCodeProcess((HANDLE)handle, &code)) {
        if (status)
            *status = (int)code;
    } else {
        DWORD error = GetLastError();
        if (error == ERROR_INVALID_HANDLE) {
            crt_set_errno(CRT_ECHILD);
            crt_thread()->doserrno = error;
        } else {
            crt_dosmaperr(error);
        }
        ret = -1;
    }
    CloseHandle((HANDLE)handle);
    return ret;
}

/* ---- system ------------------------------------------------------------------------------------------------ */

/* system(NULL): whether a command processor is there (COMSPEC set and the file it names exists; when it
 * does not, errno is ENOENT). system(cmd): "%COMSPEC% /c cmd" waited for, its exit code; when COMSPEC is unset
 * or cannot be run (ENOENT, EACCES), cmd.exe from the current directory or PATH; -1 and ENOENT when none. */
int WINAPI crt_wsystem(const WCHAR *command)
{
    const WCHAR *comspec = crt_env_wget(u"COMSPEC");
    if (!command)
        return comspec ? file_exists(comspec) : 0;
    WCHAR *shell = comspec ? wconcat(comspec, NULL, NULL) : NULL;
    const WCHAR *argv[4] = {shell, u"/c", command, NULL};
    if (shell) {
        int saved = crt_thread()->errno_value;
        crt_set_errno(0);
        intptr_t r = spawnve(P_WAIT, shell, argv, NULL);
        int e = crt_thread()->errno_value;
        crt_free(shell);
        if (r != -1 || (e != CRT_ENOENT && e != CRT_EACCES)) {
            if (r != -1)
                crt_set_errno(saved);
            return (int)r;
        }
        crt_set_errno(saved);
    }
    argv[0] = u"cmd.exe";
    return (int)spawnvpe(P_WAIT, argv[0], argv, NULL);
}

int WINAPI crt_system(const char *command)
{
    if (!command)
        return crt_wsystem(NULL);
    WCHAR *w = crt_path_to_wide(command);
    if (!w)
        return -1;
    int r = crt_wsystem(w);
    BaseFreeWide(w);
    return r;
}

/* ---- _popen, _pclose ------------------------------------------------------------------------------------- */

struct popen_entry {
    CRT_FILE *stream;
    HANDLE process;
};
static struct popen_entry *popen_table;
static size_t popen_count;
static RTL_CRITICAL_SECTION popen_lock;

static bool remember_popen(CRT_FILE *stream, HANDLE process)
{
    bool ok = false;
    RtlEnterCriticalSection(&popen_lock);
    for (size_t i = 0; i < popen_count; i++) {
        if (!popen_table[i].stream) {
            popen_table[i] = (struct popen_entry){stream, process};
            ok = true;
            goto out;
        }
    }
    struct popen_entry *bigger = crt_realloc(popen_table, (popen_count + 8) * sizeof *bigger);
    if (bigger) {
        memset(bigger + popen_count, 0, 8 * sizeof *bigger);
        popen_table = bigger;
        popen_table[popen_count] = (struct popen_entry){stream, process};
        popen_count += 8;
        ok = true;
    }
out:
    RtlLeaveCriticalSection(&popen_lock);
    return ok;
}

/* Takes stream's entry out of the table: its process handle, or NULL when _popen did not open it. */
static HANDLE forget_popen(CRT_FILE *stream)
{
    HANDLE process = NULL;
    RtlEnterCriticalSection(&popen_lock);
    for (size_t i = 0; i < popen_count; i++) {
        if (popen_table[i].stream == stream) {
            process = popen_table[i].process;
            popen_table[i] = (struct popen_entry){0};
            break;
        }
    }
    RtlLeaveCriticalSection(&popen_lock);
    return process;
}

/* A _popen mode, as ucrt reads it: spaces, 'r' or 'w', spaces, then the end, 't' or 'b' (what follows them is
 * not looked at). *canonical receives "r", "rt", "rb", ...; *pipe_mode _O_TEXT, _O_BINARY or 0 (_fmode). */
static bool parse_popen_mode(const WCHAR *mode, WCHAR canonical[3], int *pipe_mode)
{
    while (*mode == ' ')
        mode++;
    if (*mode != 'r' && *mode != 'w')
        return false;
    canonical[0] = *mode++;
    canonical[1] = canonical[2] = 0;
    *pipe_mode = 0;
    while (*mode == ' ')
        mode++;
    if (*mode == 't' || *mode == 'b') {
        canonical[1] = *mode;
        *pipe_mode = *mode == 't' ? CRT_O_TEXT : CRT_O_BINARY;
        return true;
    }
    return *mode == 0;
}

static HANDLE std_handle_of(int fd)
{
    return crt_lowio_flags(fd) & CRT_FOPEN ? crt_lowio_handle(fd) : INVALID_HANDLE_VALUE;
}

/* Starts "%COMSPEC% /c command" (or "cmd.exe /c command") with si, as ucrt's _popen does: the command
 * processor's name as it is when that file exists, else each directory of PATH followed by that name. The
 * command line keeps the name as given. */
static bool start_command_processor(const WCHAR *command, STARTUPINFOW *si, PROCESS_INFORMATION *pi)
{
    const WCHAR *comspec = crt_env_wget(u"COMSPEC");
    const WCHAR *shell = comspec ? comspec : u"cmd.exe";
    WCHAR *cmd = wconcat(shell, u" /c ", command), *found = NULL;
    bool started = false;
    if (!cmd)
        return false;
    if (GetFileAttributesW(shell) != INVALID_FILE_ATTRIBUTES) {
        found = wconcat(shell, NULL, NULL);
    } else {
        const WCHAR *path = crt_env_wget(u"PATH");
        WCHAR *copy = path ? wconcat(path, NULL, NULL) : NULL;
        WCHAR dir[MAX_PATH * 2];
        for (const WCHAR *p = copy; !found && p && (p = next_path_entry(p, dir, ARRAY_SIZE(dir)));) {
            size_t n = wlen(dir);
            bool sep = n && (dir[n - 1] == '\\' || dir[n - 1] == '/');
            WCHAR *name = wconcat(dir, sep ? NULL : u"\\", shell);
            if (name && GetFileAttributesW(name) != INVALID_FILE_ATTRIBUTES)
                found = name;
            else
                crt_free(name);
        }
        crt_free(copy);
    }
    if (found)
        started = CreateProcessW(found, cmd, NULL, NULL, TRUE, 0, NULL, NULL, si, pi);
    crt_free(found);
    crt_free(cmd);
    return started;
}

/* _wpopen: a stream on a pipe to the command processor running command; "r" reads its stdout, "w" writes
 * its stdin. The pipe's ends are not inheritable; the child's end is duplicated inheritable for the
 * child's standard handle, so the stream's end reaches end of file when the child exits. NULL when no
 * command processor could be started (errno unchanged, as in ucrt). */
CRT_FILE *WINAPI crtio__wpopen(const WCHAR *command, const WCHAR *mode)
{
    WCHAR canonical[3];
    int pipe_mode, fds[2];
    if (!command || !mode || !parse_popen_mode(mode, canonical, &pipe_mode)) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    if (crtio__pipe(fds, 1024, pipe_mode | CRT_O_NOINHERIT) == -1)
        return NULL;
    bool reading = canonical[0] == 'r';
    int mine = reading ? fds[0] : fds[1], theirs = reading ? fds[1] : fds[0];
    HANDLE child_end = NULL;
    if (!DuplicateHandle(GetCurrentProcess(), crt_lowio_handle(theirs), GetCurrentProcess(), &child_end, 0, TRUE,
                         DUPLICATE_SAME_ACCESS)) {
        crt_dosmaperr(GetLastError());
        crt_close(theirs);
        crt_close(mine);
        return NULL;
    }
    crt_close(theirs);

    STARTUPINFOW si = {0};
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = reading ? std_handle_of(0) : child_end;
    si.hStdOutput = reading ? child_end : std_handle_of(1);
    si.hStdError = std_handle_of(2);
    PROCESS_INFORMATION pi = {0};
    /* ucrt leaves errno as it was when no command processor could be started */
    int saved = crt_thread()->errno_value;
    bool started = start_command_processor(command, &si, &pi);
    crt_set_errno(saved);
    CloseHandle(child_end);
    if (!started) {
        crt_close(mine);
        return NULL;
    }
    CloseHandle(pi.hThread);
    CRT_FILE *stream = crtio__wfdopen(mine, canonical);
    if (!stream || !remember_popen(stream, pi.hProcess)) {
        if (stream)
            crtio_fclose(stream);
        else
            crt_close(mine);
        CloseHandle(pi.hProcess);
        return NULL;
    }
    return stream;
}

CRT_FILE *WINAPI crtio__popen(const char *command, const char *mode)
{
    if (!command || !mode) {
        crt_invalid_parameter(CRT_EINVAL);
        return NULL;
    }
    WCHAR *wcommand = crt_path_to_wide(command), *wmode = wcommand ? crt_path_to_wide(mode) : NULL;
    CRT_FILE *f = wmode ? crtio__wpopen(wcommand, wmode) : NULL;
    if (wmode)
        BaseFreeWide(wmode);
    if (wcommand)
        BaseFreeWide(wcommand);
    return f;
}

/* _pclose: closes the stream, waits for its command processor and returns its exit code (-1 and EBADF
 * for a stream _popen did not open). */
int WINAPI crtio__pclose(CRT_FILE *stream)
{
    if (!stream) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    HANDLE process = forget_popen(stream);
    if (!process) {
        crt_set_errno(CRT_EBADF);
        return -1;
    }
    crtio_fclose(stream);
    int saved = crt_thread()->errno_value, status = -1;
    crt_set_errno(0);
    intptr_t r = crtio__cwait(&status, (intptr_t)process, 1);
    crt_set_errno(saved);   /* ucrt keeps errno, even when the wait failed */
    return r != -1 ? status : -1;
}
