/*
 * The process environment (PEB->ProcessParameters->Environment: "NAME=value" strings, names compared
 * case-insensitively) and the current directory. Changes replace the block under the PEB lock; the
 * block the kernel copied at creation is never freed, later ones are heap blocks.
 */
#include <string.h>

#include "win32/k32.h"

static WCHAR *heap_environment;   /* the block we allocated last, if the current one is ours */

static void lock_peb(void)
{
    RtlEnterCriticalSection(BaseCurrentPeb()->FastPebLock);
}

static void unlock_peb(void)
{
    RtlLeaveCriticalSection(BaseCurrentPeb()->FastPebLock);
}

DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR value, DWORD size)
{
    if (!name || !*name) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    lock_peb();
    const WCHAR *entry = RtlpFindEnvironmentVariable(BaseParameters()->Environment, name, RtlpWcslen(name));
    DWORD result = 0;
    if (!entry) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
    } else {
        const WCHAR *v = entry + RtlpEnvironmentNameLength(entry) + 1;
        DWORD len = (DWORD)RtlpWcslen(v);
        if (len < size && value) {
            memcpy(value, v, (len + 1) * sizeof(WCHAR));
            result = len;
            if (!len)
                SetLastError(ERROR_SUCCESS);
        } else {
            result = len + 1;
        }
    }
    unlock_peb();
    return result;
}

DWORD WINAPI GetEnvironmentVariableA(LPCSTR name, LPSTR value, DWORD size)
{
    BOOL ok;
    WCHAR *wname = BaseAnsiToWide(name, &ok);
    if (!ok)
        return 0;
    WCHAR buf[32768];
    DWORD n = GetEnvironmentVariableW(wname, buf, ARRAY_SIZE(buf));
    BaseFreeWide(wname);
    if (n == 0 || n >= ARRAY_SIZE(buf)) {
        if (n == 0 && size && value && GetLastError() == ERROR_SUCCESS)
            value[0] = 0;
        return 0;
    }
    return BaseWideResultToAnsi(buf, n, value, size);
}

/* Writes "name=value\0" at o; returns the position after it. */
static WCHAR *put_entry(WCHAR *o, const WCHAR *name, size_t len, const WCHAR *value)
{
    memcpy(o, name, len * sizeof(WCHAR));
    o += len;
    *o++ = '=';
    size_t vl = RtlpWcslen(value) + 1;
    memcpy(o, value, vl * sizeof(WCHAR));
    return o + vl;
}

/* A new block: env without name, plus name=value (value NULL: removed) in sorted position. */
static WCHAR *rebuild(const WCHAR *env, const WCHAR *name, size_t len, const WCHAR *value)
{
    size_t total = RtlpEnvironmentSize(env) / sizeof(WCHAR) + len + (value ? RtlpWcslen(value) : 0) + 3;
    WCHAR *out = RtlAllocateHeap(RtlGetProcessHeap(), 0, total * sizeof(WCHAR));
    if (!out)
        return NULL;
    WCHAR *o = out;
    bool inserted = !value;
    for (const WCHAR *p = env; p && *p; p += RtlpWcslen(p) + 1) {
        size_t n = RtlpEnvironmentNameLength(p);
        if (n == len && RtlCompareUnicodeStrings(p, n, name, len, TRUE) == 0)
            continue;
        if (!inserted && p[0] != '=' && RtlCompareUnicodeStrings(p, n, name, len, TRUE) > 0) {
            o = put_entry(o, name, len, value);
            inserted = true;
        }
        size_t l = RtlpWcslen(p) + 1;
        memcpy(o, p, l * sizeof(WCHAR));
        o += l;
    }
    if (!inserted)
        o = put_entry(o, name, len, value);
    *o = 0;
    return out;
}

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value)
{
    size_t len = name ? RtlpWcslen(name) : 0;
    bool bad = !len;
    for (size_t i = 1; i < len; i++)
        bad |= name[i] == '=';
    if (bad) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    lock_peb();
    PRTL_USER_PROCESS_PARAMETERS p = BaseParameters();
    WCHAR *block = rebuild(p->Environment, name, len, value);
    if (block) {
        WCHAR *old = heap_environment;
        p->Environment = block;
        p->EnvironmentSize = RtlpEnvironmentSize(block);
        heap_environment = block;
        if (old)
            RtlFreeHeap(RtlGetProcessHeap(), 0, old);
    }
    unlock_peb();
    if (!block) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetEnvironmentVariableA(LPCSTR name, LPCSTR value)
{
    BOOL ok1, ok2;
    WCHAR *wn = BaseAnsiToWide(name, &ok1), *wv = BaseAnsiToWide(value, &ok2);
    BOOL r = ok1 && ok2 && SetEnvironmentVariableW(wn, wv);
    BaseFreeWide(wn);
    BaseFreeWide(wv);
    return r;
}

LPWSTR WINAPI GetEnvironmentStringsW(void)
{
    lock_peb();
    const WCHAR *env = BaseParameters()->Environment;
    SIZE_T size = RtlpEnvironmentSize(env);
    WCHAR *copy = RtlAllocateHeap(RtlGetProcessHeap(), 0, size ? size : sizeof(WCHAR) * 2);
    if (copy) {
        if (size)
            memcpy(copy, env, size);
        else
            copy[0] = copy[1] = 0;
    }
    unlock_peb();
    return copy;
}

LPSTR WINAPI GetEnvironmentStringsA(void)
{
    WCHAR *w = GetEnvironmentStringsW();
    if (!w)
        return NULL;
    ULONG bytes, units = (ULONG)(RtlpEnvironmentSize(w) / sizeof(WCHAR));
    if (!units)
        units = 2;
    RtlUnicodeToMultiByteN(NULL, 0, &bytes, w, units * sizeof(WCHAR));
    char *a = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + 1);
    if (a)
        RtlUnicodeToMultiByteN(a, bytes, &bytes, w, units * sizeof(WCHAR));
    RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    return a;
}

BOOL WINAPI FreeEnvironmentStringsW(LPWSTR block)
{
    return RtlFreeHeap(RtlGetProcessHeap(), 0, block);
}

BOOL WINAPI FreeEnvironmentStringsA(LPSTR block)
{
    return RtlFreeHeap(RtlGetProcessHeap(), 0, block);
}

/* %NAME% is replaced when NAME is defined and left as it is otherwise; returns characters with the NUL. */
DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size)
{
    DWORD out = 0;
    WCHAR value[32768];
    for (const WCHAR *p = src; *p;) {
        const WCHAR *end = p[0] == '%' ? p + 1 : NULL;
        while (end && *end && *end != '%')
            end++;
        const WCHAR *piece = p;
        size_t len = 1;
        if (end && *end == '%' && end > p + 1) {
            WCHAR name[1024];
            size_t n = (size_t)(end - p - 1);
            if (n < ARRAY_SIZE(name)) {
                memcpy(name, p + 1, n * sizeof(WCHAR));
                name[n] = 0;
                DWORD v = GetEnvironmentVariableW(name, value, ARRAY_SIZE(value));
                if (v && v < ARRAY_SIZE(value)) {
                    piece = value;
                    len = v;
                    p = end + 1;
                    goto emit;
                }
            }
            len = (size_t)(end - p);   /* undefined: copy "%NAME" and go on from the closing '%' */
        }
        p += len;
    emit:
        for (size_t i = 0; i < len; i++, out++)
            if (out < size)
                dst[out] = piece[i];
    }
    if (out < size)
        dst[out] = 0;
    return out + 1;
}

DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(src, &ok);
    if (!ok || !w)
        return 0;
    WCHAR buf[32768];
    DWORD n = ExpandEnvironmentStringsW(w, buf, ARRAY_SIZE(buf));
    BaseFreeWide(w);
    if (n > ARRAY_SIZE(buf))
        return 0;
    ULONG bytes;
    RtlUnicodeToMultiByteN(NULL, 0, &bytes, buf, n * sizeof(WCHAR));
    if (bytes <= size && dst)
        RtlUnicodeToMultiByteN(dst, bytes, &bytes, buf, n * sizeof(WCHAR));
    return bytes;
}

/* ---- current directory ------------------------------------------------------------------------------- */

DWORD WINAPI GetCurrentDirectoryW(DWORD size, LPWSTR buf)
{
    lock_peb();
    PUNICODE_STRING cwd = &BaseParameters()->CurrentDirectory.DosPath;
    DWORD len = cwd->Length / sizeof(WCHAR);
    /* Stored with a trailing '\'; reported without it, except for a drive root ("C:\"). */
    if (len > 3 && cwd->Buffer[len - 1] == '\\')
        len--;
    DWORD result = len + 1;
    if (len < size && buf) {
        memcpy(buf, cwd->Buffer, len * sizeof(WCHAR));
        buf[len] = 0;
        result = len;
    }
    unlock_peb();
    return result;
}

DWORD WINAPI GetCurrentDirectoryA(DWORD size, LPSTR buf)
{
    WCHAR w[MAX_PATH * 4];
    DWORD n = GetCurrentDirectoryW(ARRAY_SIZE(w), w);
    if (!n || n >= ARRAY_SIZE(w))
        return 0;
    return BaseWideResultToAnsi(w, n, buf, size);
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR path)
{
    if (!path || !*path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR full[MAX_PATH + 2];
    DWORD n = BaseGetFullPathName(path, MAX_PATH, full, NULL);
    if (!n || n >= MAX_PATH) {
        SetLastError(n ? ERROR_FILENAME_EXCED_RANGE : ERROR_INVALID_NAME);
        return FALSE;
    }
    DWORD attributes = GetFileAttributesW(full);
    if (attributes == INVALID_FILE_ATTRIBUTES)
        return FALSE;
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        SetLastError(ERROR_DIRECTORY);
        return FALSE;
    }
    if (full[n - 1] != '\\') {
        full[n++] = '\\';
        full[n] = 0;
    }
    lock_peb();
    PUNICODE_STRING cwd = &BaseParameters()->CurrentDirectory.DosPath;
    BOOL ok = (n + 1) * sizeof(WCHAR) <= cwd->MaximumLength;
    if (ok) {
        memcpy(cwd->Buffer, full, (n + 1) * sizeof(WCHAR));
        cwd->Length = (USHORT)(n * sizeof(WCHAR));
    }
    unlock_peb();
    if (!ok)
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
    return ok;
}

BOOL WINAPI SetCurrentDirectoryA(LPCSTR path)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok)
        return FALSE;
    BOOL r = SetCurrentDirectoryW(w);
    BaseFreeWide(w);
    return r;
}
