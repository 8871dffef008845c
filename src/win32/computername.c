/*
 * GetComputerNameExA/W. The NetBIOS forms are GetComputerName's (the session's COMPUTERNAME); the DNS
 * forms come from the host name: the host part before the first dot, the domain after it (empty when the
 * host name has none), and the whole. The "Physical" forms are the same names (no cluster virtual names).
 */
#include <string.h>

#include "se/se.h"
#include "win32/k32.h"

enum {
    ComputerNameNetBIOS, ComputerNameDnsHostname, ComputerNameDnsDomain, ComputerNameDnsFullyQualified,
    ComputerNamePhysicalNetBIOS, ComputerNamePhysicalDnsHostname, ComputerNamePhysicalDnsDomain,
    ComputerNamePhysicalDnsFullyQualified, ComputerNameMax
};

BOOL WINAPI GetComputerNameW(LPWSTR name, LPDWORD size);

BOOL WINAPI GetComputerNameExW(ULONG format, LPWSTR name, LPDWORD size)
{
    if (format >= ComputerNameMax || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR buf[256];
    DWORD n;
    if (format == ComputerNameNetBIOS || format == ComputerNamePhysicalNetBIOS) {
        n = ARRAY_SIZE(buf);
        if (!GetComputerNameW(buf, &n))
            return FALSE;
    } else {
        char host[256];
        SeHostName(host, sizeof host);
        const char *dot = strchr(host, '.');
        const char *from = host, *to = host + strlen(host);
        ULONG f = format >= ComputerNamePhysicalNetBIOS ? format - 4 : format;
        if (f == ComputerNameDnsHostname && dot)
            to = dot;
        else if (f == ComputerNameDnsDomain)
            from = dot ? dot + 1 : to;
        n = 0;
        for (const char *p = from; p < to && n + 1 < ARRAY_SIZE(buf); p++)
            buf[n++] = (WCHAR)(unsigned char)*p;
        buf[n] = 0;
    }
    if (!name || *size <= n) {
        *size = n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    memcpy(name, buf, (n + 1) * sizeof(WCHAR));
    *size = n;
    return TRUE;
}

BOOL WINAPI GetComputerNameExA(ULONG format, LPSTR name, LPDWORD size)
{
    WCHAR w[256];
    DWORD n = ARRAY_SIZE(w);
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!GetComputerNameExW(format, w, &n))
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
