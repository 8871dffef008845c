/*
 * The CRT's copy of the environment: getenv/_putenv and friends.
 *
 * As in msvcrt.dll and ucrtbase.dll, the CRT keeps "NAME=value" arrays of its own (_environ, and
 * _wenviron once something wide asks for it), built from the process environment block at start-up.
 * getenv reads only the copy; _putenv changes the copy (both widths) and the block; SetEnvironmentVariable
 * changes only the block, so getenv does not see it. The first change copies the arrays, so that the
 * envp main received (__initenv) keeps the environment the program started with.
 */
#include <string.h>

#include "crt/lib.h"
#include "win32/k32.h"

#define ENV_LOCK CRT_ENV_LOCK
#define MAX_ENV 32767

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value);
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len);

static bool narrow_owned, wide_owned;   /* the arrays are our private copies (not also __initenv) */

/* ---- conversions between the two arrays ---------------------------------------------------------------- */

static WCHAR *to_wide(const char *s)
{
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = n > 0 ? crt_malloc((size_t)n * sizeof(WCHAR)) : NULL;
    if (w)
        MultiByteToWideChar(CP_ACP, 0, s, -1, w, n);
    return w;
}

static size_t count_narrow(char **env)
{
    size_t n = 0;
    while (env && env[n])
        n++;
    return n;
}

static size_t count_wide(WCHAR **env)
{
    size_t n = 0;
    while (env && env[n])
        n++;
    return n;
}

/* The narrow copy exists (from the wide one if only that exists, as msvcrt's __wtomb_environ does). */
static int ensure_narrow(void)
{
    if (crt_args.envp)
        return 0;
    if (!crt_args.wenvp)
        return crt_build_environ();
    size_t n = count_wide(crt_args.wenvp), j = 0;
    char **env = crt_malloc((n + 1) * sizeof *env);
    if (!env)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((env[j] = crt_wide_to_ansi(crt_args.wenvp[i])))
            j++;
    env[j] = NULL;
    crt_args.envp = env;
    narrow_owned = true;
    return 0;
}

static int ensure_wide(void)
{
    if (crt_args.wenvp)
        return 0;
    if (!crt_args.envp)
        return crt_build_wenviron();
    size_t n = count_narrow(crt_args.envp), j = 0;
    WCHAR **env = crt_malloc((n + 1) * sizeof *env);
    if (!env)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((env[j] = to_wide(crt_args.envp[i])))
            j++;
    env[j] = NULL;
    crt_args.wenvp = env;
    wide_owned = true;
    return 0;
}

/* Our own copies before the first change, with room for one more entry. */
static int own_narrow(void)
{
    if (narrow_owned)
        return 0;
    size_t n = count_narrow(crt_args.envp);
    char **env = crt_malloc((n + 2) * sizeof *env);
    if (!env)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(env[i] = crt_strdup(crt_args.envp[i])))
            return -1;
    env[n] = NULL;
    crt_args.envp = env;
    narrow_owned = true;
    return 0;
}

static int own_wide(void)
{
    if (wide_owned || !crt_args.wenvp)
        return 0;
    size_t n = count_wide(crt_args.wenvp);
    WCHAR **env = crt_malloc((n + 2) * sizeof *env);
    if (!env)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(env[i] = crt_wcsdup(crt_args.wenvp[i])))
            return -1;
    env[n] = NULL;
    crt_args.wenvp = env;
    wide_owned = true;
    return 0;
}

/* ---- lookup ------------------------------------------------------------------------------------------------ */

/* Index of the entry "name=..." (name: len characters, no NUL among them; names compare as _strnicmp
 * does in the "C" locale), or -1. */
static long find_narrow(char **env, const char *name, size_t len)
{
    for (long i = 0; env && env[i]; i++)
        if (!crt_strnicmp(env[i], name, len) && env[i][len] == '=')
            return i;
    return -1;
}

static long find_wide(WCHAR **env, const WCHAR *name, size_t len)
{
    for (long i = 0; env && env[i]; i++)
        if (!crt_wcsnicmp(env[i], name, len) && env[i][len] == '=')
            return i;
    return -1;
}

char *crt_env_get(const char *name)
{
    crt_lock(ENV_LOCK);
    char *r = NULL;
    size_t len = strlen(name);
    if (len && len < MAX_ENV && !ensure_narrow()) {
        long i = find_narrow(crt_args.envp, name, len);
        if (i >= 0)
            r = crt_args.envp[i] + len + 1;
    }
    crt_unlock(ENV_LOCK);
    return r;
}

WCHAR *crt_env_wget(const WCHAR *name)
{
    crt_lock(ENV_LOCK);
    WCHAR *r = NULL;
    size_t len = RtlpWcslen(name);
    if (len && len < MAX_ENV && !ensure_wide()) {
        long i = find_wide(crt_args.wenvp, name, len);
        if (i >= 0)
            r = crt_args.wenvp[i] + len + 1;
        crt_environ_changed();   /* _wenviron may have just been built */
    }
    crt_unlock(ENV_LOCK);
    return r;
}

/* ---- changes ----------------------------------------------------------------------------------------------- */

/* Replaces, adds or (entry NULL) removes the variable in a NULL-terminated array we own. */
static int update_narrow(const char *name, size_t len, char *entry)
{
    long i = find_narrow(crt_args.envp, name, len);
    size_t n = count_narrow(crt_args.envp);
    if (i >= 0) {
        crt_free(crt_args.envp[i]);
        if (entry) {
            crt_args.envp[i] = entry;
        } else {
            memmove(&crt_args.envp[i], &crt_args.envp[i + 1], (n - (size_t)i) * sizeof(char *));
        }
        return 0;
    }
    if (!entry)
        return 0;
    char **env = crt_realloc(crt_args.envp, (n + 2) * sizeof *env);
    if (!env)
        return -1;
    env[n] = entry;
    env[n + 1] = NULL;
    crt_args.envp = env;
    return 0;
}

static int update_wide(const WCHAR *name, size_t len, WCHAR *entry)
{
    long i = find_wide(crt_args.wenvp, name, len);
    size_t n = count_wide(crt_args.wenvp);
    if (i >= 0) {
        crt_free(crt_args.wenvp[i]);
        if (entry)
            crt_args.wenvp[i] = entry;
        else
            memmove(&crt_args.wenvp[i], &crt_args.wenvp[i + 1], (n - (size_t)i) * sizeof(WCHAR *));
        return 0;
    }
    if (!entry)
        return 0;
    WCHAR **env = crt_realloc(crt_args.wenvp, (n + 2) * sizeof *env);
    if (!env)
        return -1;
    env[n] = entry;
    env[n + 1] = NULL;
    crt_args.wenvp = env;
    return 0;
}

/* "name=value" (value NULL or "" removes) into both CRT arrays and the process block. */
static int put_both(const char *name, const char *value, const WCHAR *wname, const WCHAR *wvalue)
{
    bool remove = !value || !*value;
    size_t len = strlen(name), wlen = RtlpWcslen(wname);
    if (ensure_narrow() || own_narrow() || own_wide())
        return -1;
    char *entry = NULL;
    if (!remove) {
        entry = crt_malloc(len + strlen(value) + 2);
        if (!entry)
            return -1;
        memcpy(entry, name, len);
        entry[len] = '=';
        strcpy(entry + len + 1, value);
    }
    if (update_narrow(name, len, entry)) {
        crt_free(entry);
        return -1;
    }
    if (crt_args.wenvp) {
        WCHAR *wentry = NULL;
        if (!remove) {
            size_t vlen = RtlpWcslen(wvalue);
            wentry = crt_malloc((wlen + vlen + 2) * sizeof(WCHAR));
            if (!wentry)
                return -1;
            memcpy(wentry, wname, wlen * sizeof(WCHAR));
            wentry[wlen] = '=';
            memcpy(wentry + wlen + 1, wvalue, (vlen + 1) * sizeof(WCHAR));
        }
        if (update_wide(wname, wlen, wentry)) {
            crt_free(wentry);
            return -1;
        }
    }
    crt_environ_changed();
    if (!SetEnvironmentVariableW(wname, remove ? NULL : wvalue) && !remove) {
        crt_dosmaperr(GetLastError());
        return -1;
    }
    return 0;
}

static bool valid_name(const char *name)
{
    return name && *name && !strchr(name, '=') && strlen(name) < MAX_ENV;
}

int crt_env_put(const char *name, const char *value)
{
    if (!valid_name(name)) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    WCHAR *wname = to_wide(name), *wvalue = value ? to_wide(value) : NULL;
    int r = -1;
    if (wname && (wvalue || !value)) {
        crt_lock(ENV_LOCK);
        r = put_both(name, value, wname, wvalue);
        crt_unlock(ENV_LOCK);
    }
    crt_free(wname);
    crt_free(wvalue);
    return r;
}

int crt_env_wput(const WCHAR *name, const WCHAR *value)
{
    char *n = name ? crt_wide_to_ansi(name) : NULL, *v = value ? crt_wide_to_ansi(value) : NULL;
    int r = -1;
    if (!valid_name(n))
        crt_set_errno(CRT_EINVAL);
    else if (v || !value) {
        crt_lock(ENV_LOCK);
        /* make sure the wide copy exists before the change, so that it gets it too */
        r = ensure_narrow() || ensure_wide() ? -1 : put_both(n, v, name, value);
        crt_unlock(ENV_LOCK);
    }
    crt_free(n);
    crt_free(v);
    return r;
}

/* ---- exports ---------------------------------------------------------------------------------------------------- */

char *WINAPI crt_getenv(const char *name)
{
    if (!name) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return NULL;
    }
    return crt_env_get(name);
}

WCHAR *WINAPI crt_wgetenv(const WCHAR *name)
{
    if (!name) {
        crt_invalid(CRT_FLAVOR_MSVCRT, CRT_EINVAL);
        return NULL;
    }
    return crt_env_wget(name);
}

/* _putenv("NAME=value"); "NAME=" removes. */
int WINAPI crt_putenv(const char *option)
{
    const char *eq = option ? strchr(option, '=') : NULL;
    if (!eq || eq == option) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    size_t len = (size_t)(eq - option);
    char *name = crt_malloc(len + 1);
    if (!name)
        return -1;
    memcpy(name, option, len);
    name[len] = 0;
    int r = crt_env_put(name, eq + 1);
    crt_free(name);
    return r;
}

int WINAPI crt_wputenv(const WCHAR *option)
{
    const WCHAR *eq = option;
    while (eq && *eq && *eq != '=')
        eq++;
    if (!eq || !*eq || eq == option) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    size_t len = (size_t)(eq - option);
    WCHAR *name = crt_malloc((len + 1) * sizeof(WCHAR));
    if (!name)
        return -1;
    memcpy(name, option, len * sizeof(WCHAR));
    name[len] = 0;
    int r = crt_env_wput(name, eq + 1);
    crt_free(name);
    return r;
}

static int putenv_s_impl(CRT_FLAVOR f, const char *name, const char *value)
{
    if (!name || !value)
        return crt_invalid(f, CRT_EINVAL);
    if (crt_env_put(name, value))
        return crt_thread()->errno_value;
    return 0;
}
CRT_FLAVORS(int, putenv_s, (const char *name, const char *value), name, value)

static int wputenv_s_impl(CRT_FLAVOR f, const WCHAR *name, const WCHAR *value)
{
    if (!name || !value)
        return crt_invalid(f, CRT_EINVAL);
    if (crt_env_wput(name, value))
        return crt_thread()->errno_value;
    return 0;
}
CRT_FLAVORS(int, wputenv_s, (const WCHAR *name, const WCHAR *value), name, value)

/* getenv_s: *ret = length with NUL (0: not set); a too small buffer gives ERANGE, without a copy. */
static int getenv_s_impl(CRT_FLAVOR f, size_t *ret, char *buf, size_t size, const char *name)
{
    if (!ret)
        return crt_invalid(f, CRT_EINVAL);
    *ret = 0;
    if ((buf && !size) || (!buf && size))
        return crt_invalid(f, CRT_EINVAL);
    if (buf)
        buf[0] = 0;
    if (!name)
        return crt_invalid(f, CRT_EINVAL);
    crt_lock(ENV_LOCK);
    const char *v = crt_env_get(name);
    int r = 0;
    if (v) {
        *ret = strlen(v) + 1;
        if (size && *ret > size)
            r = CRT_ERANGE;
        else if (size)
            memcpy(buf, v, *ret);
    }
    crt_unlock(ENV_LOCK);
    return r;
}
CRT_FLAVORS(int, getenv_s, (size_t *ret, char *buf, size_t size, const char *name), ret, buf, size, name)

static int wgetenv_s_impl(CRT_FLAVOR f, size_t *ret, WCHAR *buf, size_t size, const WCHAR *name)
{
    if (!ret)
        return crt_invalid(f, CRT_EINVAL);
    *ret = 0;
    if ((buf && !size) || (!buf && size))
        return crt_invalid(f, CRT_EINVAL);
    if (buf)
        buf[0] = 0;
    if (!name)
        return crt_invalid(f, CRT_EINVAL);
    crt_lock(ENV_LOCK);
    const WCHAR *v = crt_env_wget(name);
    int r = 0;
    if (v) {
        *ret = RtlpWcslen(v) + 1;
        if (size && *ret > size)
            r = CRT_ERANGE;
        else if (size)
            memcpy(buf, v, *ret * sizeof(WCHAR));
    }
    crt_unlock(ENV_LOCK);
    return r;
}
CRT_FLAVORS(int, wgetenv_s, (size_t *ret, WCHAR *buf, size_t size, const WCHAR *name), ret, buf, size, name)

/* _dupenv_s: a malloc'ed copy; not set: NULL, 0 and success. */
static int dupenv_s_impl(CRT_FLAVOR f, char **buf, size_t *len, const char *name)
{
    if (!buf || !name)
        return crt_invalid(f, CRT_EINVAL);
    *buf = NULL;
    if (len)
        *len = 0;
    crt_lock(ENV_LOCK);
    const char *v = crt_env_get(name);
    int r = 0;
    if (v) {
        size_t n = strlen(v) + 1;
        *buf = crt_malloc(n);
        if (!*buf) {
            r = CRT_ENOMEM;
        } else {
            memcpy(*buf, v, n);
            if (len)
                *len = n;
        }
    }
    crt_unlock(ENV_LOCK);
    return r;
}
CRT_FLAVORS(int, dupenv_s, (char **buf, size_t *len, const char *name), buf, len, name)

static int wdupenv_s_impl(CRT_FLAVOR f, WCHAR **buf, size_t *len, const WCHAR *name)
{
    if (!buf || !name)
        return crt_invalid(f, CRT_EINVAL);
    *buf = NULL;
    if (len)
        *len = 0;
    crt_lock(ENV_LOCK);
    const WCHAR *v = crt_env_wget(name);
    int r = 0;
    if (v) {
        *buf = crt_wcsdup(v);
        if (!*buf)
            r = CRT_ENOMEM;
        else if (len)
            *len = RtlpWcslen(v) + 1;
    }
    crt_unlock(ENV_LOCK);
    return r;
}
CRT_FLAVORS(int, wdupenv_s, (WCHAR **buf, size_t *len, const WCHAR *name), buf, len, name)
