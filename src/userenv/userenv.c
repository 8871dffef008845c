/*
 * userenv.dll: the user's profile and environment. ntexec's user profile is the directory USERPROFILE
 * names (the host's home directory unless the host environment sets USERPROFILE, see ps/init.c), and the
 * profiles directory is its parent. The token is not examined (a process has one user here); NULL is
 * refused as Windows refuses it. CreateEnvironmentBlock builds the block from the process environment:
 * all of it when inheriting, else the variables a Windows logon sets (those of them this session has).
 */
#include <string.h>

#include "io/builtin.h"
#include "win32/k32.h"

static const WCHAR userprofile[] = u"USERPROFILE";

/* The path in a variable as a new heap string (*len characters), or NULL with the last error set. */
static WCHAR *variable(const WCHAR *name, DWORD *len)
{
    DWORD n = GetEnvironmentVariableW(name, NULL, 0);
    WCHAR *v = n ? RtlAllocateHeap(RtlGetProcessHeap(), 0, n * sizeof(WCHAR)) : NULL;
    if (!n) {
        SetLastError(ERROR_FILE_NOT_FOUND);   /* no profile: what Windows says for a user without one */
        return NULL;
    }
    if (!v) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    *len = GetEnvironmentVariableW(name, v, n);
    return v;
}

/* The size protocol of the profile functions: sizes in characters with the NUL, both on success and when
 * the buffer is missing or too small (ERROR_INSUFFICIENT_BUFFER). */
static BOOL answer(const WCHAR *s, DWORD len, LPWSTR out, LPDWORD size)
{
    BOOL ok = out && *size > len;
    if (ok)
        memcpy(out, s, (len + 1) * sizeof(WCHAR));
    else
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
    *size = len + 1;
    return ok;
}

BOOL WINAPI GetUserProfileDirectoryW(HANDLE token, LPWSTR out, LPDWORD size)
{
    if (!token) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD len;
    WCHAR *dir = variable(userprofile, &len);
    if (!dir)
        return FALSE;
    BOOL ok = answer(dir, len, out, size);
    RtlFreeHeap(RtlGetProcessHeap(), 0, dir);
    return ok;
}

BOOL WINAPI GetProfilesDirectoryW(LPWSTR out, LPDWORD size)
{
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD len;
    WCHAR *dir = variable(userprofile, &len);
    if (!dir)
        return FALSE;
    /* The parent: up to the last backslash, keeping it after a drive ("C:\"). */
    DWORD cut = len;
    while (cut && dir[cut - 1] != '\\')
        cut--;
    if (cut > 1 && !(cut == 3 && dir[1] == ':'))
        cut--;
    dir[cut] = 0;
    BOOL ok = answer(dir, cut, out, size);
    RtlFreeHeap(RtlGetProcessHeap(), 0, dir);
    return ok;
}

/* ---- environment blocks --------------------------------------------------------------------------- */

/* The variables of a fresh logon; the last three only with a user's token. */
static const WCHAR *const logon_vars[] = {
    u"ALLUSERSPROFILE", u"CommonProgramFiles", u"COMPUTERNAME", u"ComSpec", u"NUMBER_OF_PROCESSORS", u"OS",
    u"Path", u"PATHEXT", u"PROCESSOR_ARCHITECTURE", u"PROCESSOR_IDENTIFIER", u"PROCESSOR_LEVEL",
    u"PROCESSOR_REVISION", u"ProgramData", u"ProgramFiles", u"PUBLIC", u"SystemDrive", u"SystemRoot", u"TEMP",
    u"TMP", u"USERDOMAIN", u"USERNAME", u"windir", u"APPDATA", u"LOCALAPPDATA", u"USERPROFILE",
};
#define USER_ONLY 3

static size_t wlen(const WCHAR *s)
{
    return RtlpWcslen(s);
}

/* Does entry ("NAME=value") name one of the logon variables? */
static BOOL is_logon_var(const WCHAR *entry, BOOL user)
{
    size_t n = 0;
    while (entry[n] && entry[n] != '=')
        n++;
    size_t count = ARRAY_SIZE(logon_vars) - (user ? 0 : USER_ONLY);
    for (size_t i = 0; i < count; i++)
        if (wlen(logon_vars[i]) == n && !RtlCompareUnicodeStrings(entry, n, logon_vars[i], n, TRUE))
            return TRUE;
    return FALSE;
}

BOOL WINAPI CreateEnvironmentBlock(LPVOID *out, HANDLE token, BOOL inherit)
{
    if (!out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *out = NULL;
    WCHAR *env = GetEnvironmentStringsW();
    if (!env) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    size_t total = 0;
    for (const WCHAR *p = env; *p; p += wlen(p) + 1)
        total += wlen(p) + 1;
    WCHAR *block = RtlAllocateHeap(RtlGetProcessHeap(), 0, (total + 2) * sizeof(WCHAR));
    if (!block) {
        FreeEnvironmentStringsW(env);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    WCHAR *w = block;
    for (const WCHAR *p = env; *p; p += wlen(p) + 1) {
        if (!inherit && (*p == '=' || !is_logon_var(p, token != NULL)))
            continue;
        size_t n = wlen(p) + 1;
        memcpy(w, p, n * sizeof(WCHAR));
        w += n;
    }
    *w++ = 0;
    if (w == block + 1)
        *w = 0;   /* an empty block is two NULs */
    FreeEnvironmentStringsW(env);
    *out = block;
    return TRUE;
}

BOOL WINAPI DestroyEnvironmentBlock(LPVOID block)
{
    if (!block) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return RtlFreeHeap(RtlGetProcessHeap(), 0, block);
}

static const struct builtin_export userenv_exports[] = {
    BUILTIN_FUNCTION("CreateEnvironmentBlock", CreateEnvironmentBlock),
    BUILTIN_FUNCTION("DestroyEnvironmentBlock", DestroyEnvironmentBlock),
    BUILTIN_FUNCTION("GetProfilesDirectoryW", GetProfilesDirectoryW),
    BUILTIN_FUNCTION("GetUserProfileDirectoryW", GetUserProfileDirectoryW),
};

static const struct builtin_dll userenv = {
    .name = "USERENV.dll",
    .exports = userenv_exports,
    .nexports = ARRAY_SIZE(userenv_exports),
};
BUILTIN_DLL(userenv);
