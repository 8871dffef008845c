/*
 * DOS path rules shared by kernel32's GetFullPathNameW and ntdll's RtlGetFullPathName_U: a path made
 * absolute against a given current directory. Pure: the caller passes the directory.
 */
#include <string.h>

#include "rtl/rtl.h"

static bool is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

/*
 * GetFullPathNameW: makes path absolute against the current directory (and drive), turns '/' into '\',
 * collapses "." and "..", and keeps a trailing separator. Device names and "\\?\" paths pass through.
 */
ULONG RtlpGetFullPathName(PCUNICODE_STRING cwd, PCWSTR path, ULONG size, PWSTR out, PWSTR *file_part)
{
    WCHAR buf[32768 / 2];
    size_t n = 0, root = 3;   /* "C:\" stays whatever ".." does */
    size_t plen = RtlpWcslen(path);
    if (file_part)
        *file_part = NULL;
    if (RtlpIsDevicePath(path, plen)) {
        if (plen + 1 > size)
            return (ULONG)plen + 1;
        memcpy(out, path, (plen + 1) * sizeof(WCHAR));
        if (file_part && out[plen - 1] != '\\') {
            size_t f = plen;
            while (f > 4 && out[f - 1] != '\\')
                f--;
            *file_part = out + f;
        }
        return (ULONG)plen;
    }
    if (plen >= 2 && path[1] == ':') {
        buf[n++] = RtlUpcaseUnicodeChar(path[0]);
        buf[n++] = ':';
        buf[n++] = '\\';
        path += 2;
        plen -= 2;
        /* "C:rel" is relative to the current directory when that is on the same drive */
        if (!(plen && is_sep(path[0])) && cwd->Length >= 4 && RtlUpcaseUnicodeChar(cwd->Buffer[0]) == buf[0]) {
            n = cwd->Length / sizeof(WCHAR);
            memcpy(buf, cwd->Buffer, n * sizeof(WCHAR));
        }
    } else if (plen && is_sep(path[0])) {
        buf[n++] = cwd->Length >= 2 ? cwd->Buffer[0] : 'C';
        buf[n++] = ':';
        buf[n++] = '\\';
    } else {
        n = cwd->Length / sizeof(WCHAR);
        memcpy(buf, cwd->Buffer, n * sizeof(WCHAR));
    }
    if (n == 0 || !is_sep(buf[n - 1]))
        buf[n++] = '\\';
    for (size_t i = 0; i < plen && n + 2 < (sizeof buf / sizeof *buf);) {
        while (i < plen && is_sep(path[i]))
            i++;
        size_t start = i;
        while (i < plen && !is_sep(path[i]))
            i++;
        size_t len = i - start;
        bool sep_after = i < plen;
        if (len == 1 && path[start] == '.')
            continue;
        if (len == 2 && path[start] == '.' && path[start + 1] == '.') {
            if (n > root) {
                n--;   /* the '\' after the last component */
                while (n > root && buf[n - 1] != '\\')
                    n--;
            }
            continue;
        }
        if (!len)
            continue;
        if (n + len + 2 >= (sizeof buf / sizeof *buf))
            break;
        memcpy(buf + n, path + start, len * sizeof(WCHAR));
        n += len;
        /* Windows drops trailing dots and spaces of a component */
        while (n > root && (buf[n - 1] == '.' || buf[n - 1] == ' ') && !sep_after)
            n--;
        if (sep_after)
            buf[n++] = '\\';
    }
    bool trailing = plen && is_sep(path[plen - 1]);
    if (!trailing && n > root && buf[n - 1] == '\\')
        n--;
    buf[n] = 0;
    if (n + 1 > size)
        return (ULONG)n + 1;
    memcpy(out, buf, (n + 1) * sizeof(WCHAR));
    if (file_part && n && out[n - 1] != '\\') {
        size_t f = n;
        while (f > 0 && out[f - 1] != '\\')
            f--;
        *file_part = out + f;
    }
    return (ULONG)n;
}
