/*
 * secur32.dll: the names of the current user in the formats of GetUserNameEx. The machine is stand-alone
 * (no domain), so only the formats a stand-alone Windows answers are answered: NameSamCompatible
 * ("COMPUTER\user") and NameDisplay (the passwd GECOS full name); the directory formats fail with
 * ERROR_NONE_MAPPED, and GetComputerObjectName with ERROR_CANT_ACCESS_DOMAIN_INFO, as they do there.
 */
#include <string.h>

#include "advapi32/security.h"
#include "io/builtin.h"
#include "win32/k32.h"

enum { NameUnknown = 0, NameSamCompatible = 2, NameDisplay = 3 };

/* Copies w into name (size chars): ERROR_MORE_DATA with the size needed (with the NUL) when short. */
static BOOLEAN put_name(const WCHAR *w, LPWSTR name, PULONG size)
{
    ULONG n = 0;
    while (w[n])
        n++;
    if (!name || *size <= n) {
        *size = n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    memcpy(name, w, (n + 1) * sizeof(WCHAR));
    *size = n;
    return TRUE;
}

BOOLEAN WINAPI GetUserNameExW(ULONG format, LPWSTR name, PULONG size)
{
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR buf[330];
    if (format == NameSamCompatible) {
        BYTE tu[16 + SECURITY_MAX_SID_SIZE];
        ULONG len, use;
        WCHAR user[257], domain[64];
        NTSTATUS status = NtQueryInformationToken((HANDLE)(LONG_PTR)-4, TokenUser, tu, sizeof tu, &len);
        if (status == STATUS_SUCCESS)
            status = SeLookupSid(((SID_AND_ATTRIBUTES *)tu)->Sid, user, 257, domain, 64, &use);
        if (status != STATUS_SUCCESS)
            return BaseSetNtStatus(status);
        ULONG n = 0;
        for (ULONG i = 0; domain[i]; i++)
            buf[n++] = domain[i];
        buf[n++] = '\\';
        for (ULONG i = 0; user[i]; i++)
            buf[n++] = user[i];
        buf[n] = 0;
        return put_name(buf, name, size);
    }
    if (format == NameDisplay) {
        if (SeQueryDisplayName(SeCurrentUid(), buf, ARRAY_SIZE(buf)) != STATUS_SUCCESS || !buf[0]) {
            SetLastError(ERROR_NONE_MAPPED);
            return FALSE;
        }
        return put_name(buf, name, size);
    }
    SetLastError(format == NameUnknown || format > 14 ? ERROR_INVALID_PARAMETER : ERROR_NONE_MAPPED);
    return FALSE;
}

BOOLEAN WINAPI GetUserNameExA(ULONG format, LPSTR name, PULONG size)
{
    WCHAR w[330];
    ULONG n = ARRAY_SIZE(w);
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!GetUserNameExW(format, w, &n))
        return FALSE;
    DWORD need = BaseWideResultToAnsi(w, n, NULL, 0);
    if (!name || *size < need) {
        *size = need;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    *size = BaseWideResultToAnsi(w, n, name, *size);
    return TRUE;
}

BOOLEAN WINAPI GetComputerObjectNameW(ULONG format, LPWSTR name, PULONG size)
{
    (void)name;
    if (!size || format == NameUnknown || format > 14) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SetLastError(ERROR_CANT_ACCESS_DOMAIN_INFO);
    return FALSE;
}

BOOLEAN WINAPI GetComputerObjectNameA(ULONG format, LPSTR name, PULONG size)
{
    (void)name;
    return GetComputerObjectNameW(format, NULL, size);
}

static const struct builtin_export secur32_exports[] = {
    BUILTIN_FUNCTION("GetUserNameExA", GetUserNameExA),
    BUILTIN_FUNCTION("GetUserNameExW", GetUserNameExW),
    BUILTIN_FUNCTION("GetComputerObjectNameA", GetComputerObjectNameA),
    BUILTIN_FUNCTION("GetComputerObjectNameW", GetComputerObjectNameW),
};

static const struct builtin_dll secur32 = {
    .name = "SECUR32.dll",
    .exports = secur32_exports,
    .nexports = ARRAY_SIZE(secur32_exports),
};
BUILTIN_DLL(secur32);
