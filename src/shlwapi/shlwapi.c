/*
 * shlwapi.dll: the path and string helpers console programs use. Paths are strings here (no file system
 * access except PathFileExists and PathIsDirectory); buffers are MAX_PATH characters as the documentation
 * requires of the Path* functions that write. "A" functions: ASCII separators are the same bytes in
 * UTF-8 (the ANSI code page), so the ones that only find a position work on bytes; the ones that rewrite
 * a path convert to UTF-16 and call their "W" twin.
 * wnsprintf is user32's wsprintf engine with a caller-given size (shlwapi imports user32 on Windows too).
 */
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "user32/user32.h"
#include "win32/k32.h"

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);

static size_t wlen(const WCHAR *s) { return RtlpWcslen(s); }

static BOOL is_sep(WCHAR c) { return c == '\\' || c == '/'; }

static BOOL is_unc(const WCHAR *p) { return p && p[0] == '\\' && p[1] == '\\'; }

/* ---- Path*W ---------------------------------------------------------------------------------------- */

LPWSTR WINAPI PathAddBackslashW(LPWSTR path)
{
    if (!path)
        return NULL;
    size_t n = wlen(path);
    if (n >= MAX_PATH - 1) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);   /* no room for the backslash and the NUL */
        return NULL;
    }
    if (n && path[n - 1] != '\\') {
        path[n++] = '\\';
        path[n] = 0;
    }
    return path + n;
}

BOOL WINAPI PathIsRelativeW(LPCWSTR path)
{
    if (!path || !*path)
        return TRUE;
    return !(path[0] == '\\' || (path[0] && path[1] == ':'));
}

BOOL WINAPI PathIsUNCW(LPCWSTR path) { return is_unc(path); }

/* After the root: "X:\" (3), "\\server\share\" (past the share's backslash), "\" (1); NULL without one. */
LPWSTR WINAPI PathSkipRootW(LPCWSTR path)
{
    if (!path || !*path)
        return NULL;
    if (is_unc(path)) {
        /* "\\server\share\": both backslashes after the server and after the share are needed. */
        const WCHAR *p = path + 2;
        while (*p && *p != '\\')
            p++;
        if (!*p)
            return NULL;
        for (p++; *p && *p != '\\'; p++)
            ;
        return *p ? (LPWSTR)p + 1 : NULL;
    }
    if (path[0] == '\\')
        return (LPWSTR)path + 1;
    if (path[0] && path[1] == ':' && path[2] == '\\')
        return (LPWSTR)path + 3;
    return NULL;
}

BOOL WINAPI PathIsRootW(LPCWSTR path)
{
    if (!path || !*path)
        return FALSE;
    if (path[0] == '\\') {
        if (!path[1])
            return TRUE;                       /* "\" */
        if (path[1] == '\\') {                 /* "\\server" or "\\server\share", nothing more */
            int seps = 0;
            for (const WCHAR *p = path + 2; *p; p++)
                if (*p == '\\' && (++seps > 1 || !p[1]))
                    return FALSE;
            return TRUE;
        }
        return FALSE;
    }
    return path[1] == ':' && path[2] == '\\' && !path[3];
}

/* The last component: after the last '\', '/' or ':' that is followed by more than a separator. */
LPWSTR WINAPI PathFindFileNameW(LPCWSTR path)
{
    if (!path)
        return NULL;
    const WCHAR *last = path;
    for (const WCHAR *p = path; *p; p++)
        if ((is_sep(*p) || *p == ':') && p[1] && !is_sep(p[1]))
            last = p + 1;
    return (LPWSTR)last;
}

/* The last '.' of the last component (not after a space), or the terminating NUL. */
LPWSTR WINAPI PathFindExtensionW(LPCWSTR path)
{
    if (!path)
        return NULL;
    const WCHAR *dot = NULL, *p = path;
    for (; *p; p++) {
        if (*p == '\\' || *p == ' ')
            dot = NULL;
        else if (*p == '.')
            dot = p;
    }
    return (LPWSTR)(dot ? dot : p);
}

void WINAPI PathRemoveExtensionW(LPWSTR path)
{
    if (path)
        *PathFindExtensionW(path) = 0;
}

BOOL WINAPI PathRenameExtensionW(LPWSTR path, LPCWSTR ext)
{
    if (!path || !ext)
        return FALSE;
    WCHAR *dot = PathFindExtensionW(path);
    if ((size_t)(dot - path) + wlen(ext) >= MAX_PATH)
        return FALSE;
    memcpy(dot, ext, (wlen(ext) + 1) * sizeof(WCHAR));
    return TRUE;
}

void WINAPI PathStripPathW(LPWSTR path)
{
    if (!path)
        return;
    WCHAR *name = PathFindFileNameW(path);
    if (name != path)
        memmove(path, name, (wlen(name) + 1) * sizeof(WCHAR));
}

/* Cuts the path at its last backslash, keeping a root: after up to two leading backslashes, and after
 * "X:" or "X:\\" ("C:\\dir" -> "C:\\", "\\dir" -> "\\"). TRUE when something was removed. */
BOOL WINAPI PathRemoveFileSpecW(LPWSTR path)
{
    if (!path)
        return FALSE;
    WCHAR *p = path, *cut = path;
    if (*p == '\\')
        cut = ++p;
    if (*p == '\\')
        cut = ++p;
    for (; *p; p++) {
        if (*p == '\\') {
            cut = p;
        } else if (*p == ':') {
            cut = p + 1;
            if (p[1] == '\\')
                cut = ++p + 1;   /* the root's backslash is not a separator to cut at */
        }
    }
    if (!*cut)
        return FALSE;
    *cut = 0;
    return TRUE;
}

/* "\\\\server\\share" with nothing after the share. */
static BOOL is_unc_server_share(const WCHAR *p)
{
    if (!is_unc(p))
        return FALSE;
    int seps = 0;
    for (p += 2; *p; p++)
        if (*p == '\\' && ++seps > 1)
            return FALSE;
    return seps == 1;
}

/*
 * Shell path canonicalization, character by character as shlwapi does it (not GetFullPathName's): the
 * root ("\\" or "X:" and its "\\") is copied; ".\\" at the start of a component is dropped; ".." after
 * a backslash backs up over the previous component but never over a drive's root, a UNC server or share,
 * and when it backs up to the start it leaves "\\" (so "a\\..\\..\\b" is "\\b"); a "." or ".." that is
 * not a whole component, a trailing "." and a leading ".." stay. "" is "\\"; "X:" becomes "X:\\".
 */
BOOL WINAPI PathCanonicalizeW(LPWSTR dst, LPCWSTR src)
{
    if (dst)
        *dst = 0;
    if (!dst || !src) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (wlen(src) >= MAX_PATH) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return FALSE;
    }
    WCHAR *const buf = dst;
    const WCHAR *const start = src;
    if (!*src) {
        buf[0] = '\\';
        buf[1] = 0;
        return TRUE;
    }
    if (*src == '\\') {
        *dst++ = *src++;
    } else if (src[0] && src[1] == ':') {
        *dst++ = *src++;
        *dst++ = *src++;
        if (*src == '\\')
            *dst++ = *src++;
    }
    while (*src) {
        if (*src != '.') {
            *dst++ = *src++;
        } else if (src[1] == '\\' && (src == start || src[-1] == '\\' || src[-1] == ':')) {
            src += 2;
        } else if (src[1] == '.' && dst != buf && dst[-1] == '\\') {
            *dst = 0;
            if (dst > buf + 1 && dst[-1] == '\\' && (dst[-2] != '\\' || dst > buf + 2)) {
                if (dst[-2] == ':' && (dst > buf + 3 || dst[-3] == ':')) {
                    dst -= 2;
                    while (dst > buf && *dst != '\\')
                        dst--;
                    if (*dst == '\\')
                        dst++;
                    else
                        dst = buf;
                } else if (dst[-2] != ':' && !is_unc_server_share(buf)) {
                    dst -= 2;
                }
            }
            while (dst > buf && *dst != '\\')
                dst--;
            if (dst == buf) {
                *dst++ = '\\';
                src++;
            }
            src += 2;
        } else {
            *dst++ = *src++;
        }
    }
    if (dst - buf == 2 && dst[-1] == ':')
        *dst++ = '\\';
    *dst = 0;
    return TRUE;
}

/* dir and file joined and canonicalized into dst (MAX_PATH); a file that is not relative replaces dir
 * ("\x" keeps dir's root). NULL (dst empty) when the result does not fit. */
LPWSTR WINAPI PathCombineW(LPWSTR dst, LPCWSTR dir, LPCWSTR file)
{
    if (!dst)
        return NULL;
    if (!dir && !file) {
        dst[0] = 0;
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    WCHAR tmp[MAX_PATH * 2];
    size_t dl = dir ? wlen(dir) : 0, fl = file ? wlen(file) : 0;
    if (dl >= MAX_PATH || fl >= MAX_PATH) {
        dst[0] = 0;
        return NULL;
    }
    if (!file || !*file) {
        memcpy(tmp, dir, (dl + 1) * sizeof(WCHAR));
    } else if (!dir || !*dir || !PathIsRelativeW(file)) {
        if (!dir || !*dir || file[0] != '\\' || is_unc(file)) {
            memcpy(tmp, file, (fl + 1) * sizeof(WCHAR));
        } else {
            memcpy(tmp, dir, (dl + 1) * sizeof(WCHAR));
            WCHAR *r = PathSkipRootW(tmp);
            size_t keep = r ? (size_t)(r - tmp) : (tmp[0] && tmp[1] == ':' ? 2 : 0);
            if (keep && tmp[keep - 1] == '\\')
                keep--;
            memcpy(tmp + keep, file, (fl + 1) * sizeof(WCHAR));
        }
    } else {
        memcpy(tmp, dir, dl * sizeof(WCHAR));
        size_t o = dl;
        if (tmp[o - 1] != '\\')
            tmp[o++] = '\\';
        memcpy(tmp + o, file, (fl + 1) * sizeof(WCHAR));
    }
    if (wlen(tmp) >= MAX_PATH || !PathCanonicalizeW(dst, tmp)) {
        dst[0] = 0;
        return NULL;
    }
    return dst;
}

BOOL WINAPI PathAppendW(LPWSTR path, LPCWSTR more)
{
    if (!path || !more)
        return FALSE;
    if (!is_unc(more))
        while (*more == '\\')
            more++;
    WCHAR tmp[MAX_PATH];
    if (!PathCombineW(tmp, path, more))
        return FALSE;
    memcpy(path, tmp, (wlen(tmp) + 1) * sizeof(WCHAR));
    return TRUE;
}

BOOL WINAPI PathFileExistsW(LPCWSTR path)
{
    if (!path)
        return FALSE;
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

/* FILE_ATTRIBUTE_DIRECTORY (0x10) for a directory, else FALSE. */
BOOL WINAPI PathIsDirectoryW(LPCWSTR path)
{
    if (!path)
        return FALSE;
    DWORD a = GetFileAttributesW(path);
    return a == INVALID_FILE_ATTRIBUTES ? FALSE : (BOOL)(a & FILE_ATTRIBUTE_DIRECTORY);
}

/* Quotes a path with a space in it, when the quotes fit in MAX_PATH. */
BOOL WINAPI PathQuoteSpacesW(LPWSTR path)
{
    if (!path)
        return FALSE;
    size_t n = wlen(path);
    BOOL space = FALSE;
    for (size_t i = 0; i < n; i++)
        space |= path[i] == ' ';
    if (!space || n + 2 >= MAX_PATH)
        return FALSE;
    memmove(path + 1, path, n * sizeof(WCHAR));
    path[0] = '"';
    path[n + 1] = '"';
    path[n + 2] = 0;
    return TRUE;
}

void WINAPI PathUnquoteSpacesW(LPWSTR path)
{
    if (!path || path[0] != '"')
        return;
    size_t n = wlen(path);
    if (n < 2 || path[n - 1] != '"')
        return;
    memmove(path, path + 1, (n - 2) * sizeof(WCHAR));
    path[n - 2] = 0;
}

/* One mask (up to ';' or its end) against the whole name, case-insensitively; '*' any run, '?' one. */
static BOOL match_mask(const WCHAR *name, const WCHAR *mask)
{
    while (*name && *mask && *mask != ';') {
        if (*mask == '*') {
            do {
                if (match_mask(name, mask + 1))
                    return TRUE;
            } while (*name++);
            return FALSE;
        }
        if (RtlUpcaseUnicodeChar(*mask) != RtlUpcaseUnicodeChar(*name) && *mask != '?')
            return FALSE;
        mask++;
        name++;
    }
    if (!*name) {
        while (*mask == '*')
            mask++;
        if (!*mask || *mask == ';')
            return TRUE;
    }
    return FALSE;
}

/* Masks separated by ';' (leading spaces skipped); "*.*" matches everything. */
BOOL WINAPI PathMatchSpecW(LPCWSTR path, LPCWSTR mask)
{
    if (!path || !mask)
        return FALSE;
    static const WCHAR all[] = u"*.*";
    if (!RtlCompareUnicodeStrings(mask, wlen(mask), all, 3, FALSE))
        return TRUE;
    while (*mask) {
        while (*mask == ' ')
            mask++;
        if (match_mask(path, mask))
            return TRUE;
        while (*mask && *mask != ';')
            mask++;
        if (*mask == ';')
            mask++;
    }
    return FALSE;
}

/* ---- Path*A: positions on bytes, rewrites through the W functions ---------------------------------- */

LPSTR WINAPI PathFindFileNameA(LPCSTR path)
{
    if (!path)
        return NULL;
    const char *last = path;
    for (const char *p = path; *p; p++)
        if ((*p == '\\' || *p == '/' || *p == ':') && p[1] && p[1] != '\\' && p[1] != '/')
            last = p + 1;
    return (LPSTR)last;
}

LPSTR WINAPI PathFindExtensionA(LPCSTR path)
{
    if (!path)
        return NULL;
    const char *dot = NULL, *p = path;
    for (; *p; p++) {
        if (*p == '\\' || *p == ' ')
            dot = NULL;
        else if (*p == '.')
            dot = p;
    }
    return (LPSTR)(dot ? dot : p);
}

LPSTR WINAPI PathAddBackslashA(LPSTR path)
{
    if (!path)
        return NULL;
    size_t n = strlen(path);
    if (n >= MAX_PATH - 1) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return NULL;
    }
    if (n && path[n - 1] != '\\') {
        path[n++] = '\\';
        path[n] = 0;
    }
    return path + n;
}

BOOL WINAPI PathIsRelativeA(LPCSTR path)
{
    if (!path || !*path)
        return TRUE;
    return !(path[0] == '\\' || (path[0] && path[1] == ':'));
}

void WINAPI PathRemoveExtensionA(LPSTR path)
{
    if (path)
        *PathFindExtensionA(path) = 0;
}

static WCHAR *to_wide(LPCSTR s)
{
    return s ? RtlpUtf8ToWideAlloc(s) : NULL;
}

/* Copies the W result back as UTF-8 into a MAX_PATH buffer; FALSE if it does not fit. */
static BOOL from_wide(LPSTR dst, const WCHAR *w)
{
    char *u = RtlpWideToUtf8Alloc(w, wlen(w));
    BOOL ok = u && strlen(u) < MAX_PATH;
    if (ok)
        strcpy(dst, u);
    free(u);
    return ok;
}

BOOL WINAPI PathRemoveFileSpecA(LPSTR path)
{
    if (!path)
        return FALSE;
    WCHAR *w = to_wide(path);
    BOOL r = w && PathRemoveFileSpecW(w) && from_wide(path, w);
    free(w);
    return r;
}

LPSTR WINAPI PathCombineA(LPSTR dst, LPCSTR dir, LPCSTR file)
{
    if (!dst)
        return NULL;
    WCHAR *wd = to_wide(dir), *wf = to_wide(file), out[MAX_PATH];
    LPSTR r = PathCombineW(out, wd, wf) && from_wide(dst, out) ? dst : NULL;
    if (!r)
        dst[0] = 0;
    free(wd);
    free(wf);
    return r;
}

BOOL WINAPI PathAppendA(LPSTR path, LPCSTR more)
{
    if (!path || !more)
        return FALSE;
    WCHAR *wp = to_wide(path), *wm = to_wide(more), out[MAX_PATH];
    BOOL r = FALSE;
    if (wp && wm && wlen(wp) < MAX_PATH) {
        memcpy(out, wp, (wlen(wp) + 1) * sizeof(WCHAR));
        r = PathAppendW(out, wm) && from_wide(path, out);
    }
    free(wp);
    free(wm);
    return r;
}

BOOL WINAPI PathFileExistsA(LPCSTR path)
{
    WCHAR *w = to_wide(path);
    BOOL r = PathFileExistsW(w);
    free(w);
    return r;
}

BOOL WINAPI PathIsDirectoryA(LPCSTR path)
{
    WCHAR *w = to_wide(path);
    BOOL r = PathIsDirectoryW(w);
    free(w);
    return r;
}

/* ---- Str* --------------------------------------------------------------------------------------------- */

static int sign(LONG v) { return v < 0 ? -1 : v > 0; }

int WINAPI StrCmpIW(LPCWSTR a, LPCWSTR b)
{
    return sign(RtlCompareUnicodeStrings(a, wlen(a), b, wlen(b), TRUE));
}

int WINAPI StrCmpNIW(LPCWSTR a, LPCWSTR b, int n)
{
    if (n <= 0)
        return 0;
    size_t al = 0, bl = 0;
    while (al < (size_t)n && a[al])
        al++;
    while (bl < (size_t)n && b[bl])
        bl++;
    return sign(RtlCompareUnicodeStrings(a, al, b, bl, TRUE));
}

int WINAPI StrCmpW(LPCWSTR a, LPCWSTR b)
{
    return sign(RtlCompareUnicodeStrings(a, wlen(a), b, wlen(b), FALSE));
}

int WINAPI StrCmpNW(LPCWSTR a, LPCWSTR b, int n)
{
    if (n <= 0)
        return 0;
    size_t al = 0, bl = 0;
    while (al < (size_t)n && a[al])
        al++;
    while (bl < (size_t)n && b[bl])
        bl++;
    return sign(RtlCompareUnicodeStrings(a, al, b, bl, FALSE));
}

LPWSTR WINAPI StrStrIW(LPCWSTR s, LPCWSTR find)
{
    if (!s || !find || !*find)
        return NULL;
    size_t n = wlen(find);
    for (; *s; s++)
        if (!StrCmpNIW(s, find, (int)n))
            return (LPWSTR)s;
    return NULL;
}

LPWSTR WINAPI StrStrW(LPCWSTR s, LPCWSTR find)
{
    if (!s || !find || !*find)
        return NULL;
    size_t n = wlen(find);
    for (; *s; s++)
        if (!memcmp(s, find, n * sizeof(WCHAR)))
            return (LPWSTR)s;
    return NULL;
}

LPWSTR WINAPI StrChrW(LPCWSTR s, WCHAR c)
{
    if (!s)
        return NULL;
    for (; *s; s++)
        if (*s == c)
            return (LPWSTR)s;
    return NULL;
}

LPWSTR WINAPI StrChrIW(LPCWSTR s, WCHAR c)
{
    if (!s)
        return NULL;
    for (; *s; s++)
        if (RtlUpcaseUnicodeChar(*s) == RtlUpcaseUnicodeChar(c))
            return (LPWSTR)s;
    return NULL;
}

/* The last c in [s, end) (end NULL: the whole string). */
LPWSTR WINAPI StrRChrW(LPCWSTR s, LPCWSTR end, WCHAR c)
{
    if (!s)
        return NULL;
    if (!end)
        end = s + wlen(s);
    const WCHAR *found = NULL;
    for (; s < end && *s; s++)
        if (*s == c)
            found = s;
    return (LPWSTR)found;
}

#define STIF_SUPPORT_HEX 1

/* Leading blanks, a sign, then decimal digits (or "0x" and hex digits with STIF_SUPPORT_HEX). FALSE
 * without a digit. */
BOOL WINAPI StrToIntExW(LPCWSTR s, DWORD flags, int *ret)
{
    if (!s || !ret) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    BOOL neg = FALSE;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    unsigned v = 0;
    if ((flags & STIF_SUPPORT_HEX) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        int digits = 0;
        for (;; s++, digits++) {
            unsigned d = *s >= '0' && *s <= '9' ? *s - 0x30u : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10u
                       : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10u : 16u;
            if (d == 16)
                break;
            v = v * 16 + d;
        }
        if (!digits)
            return FALSE;
        *ret = (int)v;
        return TRUE;
    }
    if (*s < '0' || *s > '9')
        return FALSE;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (*s - '0');
    *ret = neg ? -(int)v : (int)v;
    return TRUE;
}

int WINAPI StrToIntW(LPCWSTR s)
{
    int v = 0;
    if (!s)
        return 0;
    /* No leading blanks here: StrToInt stops at the first character that is not a sign or digit. */
    if (*s == '-' || *s == '+' || (*s >= '0' && *s <= '9'))
        StrToIntExW(s, 0, &v);
    return v;
}

LPWSTR WINAPI StrDupW(LPCWSTR s)
{
    size_t n = s ? wlen(s) + 1 : 1;
    LPWSTR d = LocalAlloc(0, n * sizeof(WCHAR));
    if (d) {
        if (s)
            memcpy(d, s, n * sizeof(WCHAR));
        else
            d[0] = 0;
    }
    return d;
}

/* Removes the characters of chars from both ends; TRUE when something was removed. */
BOOL WINAPI StrTrimW(LPWSTR s, LPCWSTR chars)
{
    if (!s || !chars || !*s)
        return FALSE;
    size_t n = wlen(s), a = 0, b = n;
    while (a < n && StrChrW(chars, s[a]))
        a++;
    while (b > a && StrChrW(chars, s[b - 1]))
        b--;
    if (a == 0 && b == n)
        return FALSE;
    memmove(s, s + a, (b - a) * sizeof(WCHAR));
    s[b - a] = 0;
    return TRUE;
}

/* "N bytes" below 1 KB; else three significant digits, truncated, in KB, MB, GB, TB, PB or EB
 * ("1.50 KB", "10.0 KB", "100 KB"; 1000 to 1023 of a unit shows as "0.97" of the next). */
LPWSTR WINAPI StrFormatByteSizeW(LONGLONG bytes, LPWSTR buf, UINT cch)
{
    if (!buf || !cch)
        return NULL;
    char out[32];
    if (bytes < 1024) {
        int i = 0;
        char digits[24];
        ULONGLONG v = bytes < 0 ? 0 : (ULONGLONG)bytes;
        do {
            digits[i++] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        int o = 0;
        while (i)
            out[o++] = digits[--i];
        strcpy(out + o, " bytes");
    } else {
        static const char units[] = "KMGTPE";
        unsigned __int128 unit = 1024;
        int u = 0;
        while (u < 5 && (unsigned __int128)bytes >= unit * 1000)
            unit *= 1024, u++;
        unsigned __int128 b = (unsigned __int128)bytes;
        int decimals = b < unit * 10 ? 2 : b < unit * 100 ? 1 : 0;
        unsigned __int128 scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
        ULONGLONG n = (ULONGLONG)(b * scale / unit);
        ULONGLONG ip = n / scale, fp = n % scale;
        int o = 0;
        char digits[24];
        int i = 0;
        do {
            digits[i++] = (char)('0' + ip % 10);
            ip /= 10;
        } while (ip);
        while (i)
            out[o++] = digits[--i];
        if (decimals) {
            out[o++] = '.';
            if (decimals == 2)
                out[o++] = (char)('0' + fp / 10);
            out[o++] = (char)('0' + fp % 10);
        }
        out[o++] = ' ';
        out[o++] = units[u];
        out[o++] = 'B';
        out[o] = 0;
    }
    size_t n = strlen(out);
    if (n >= cch)
        n = cch - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (WCHAR)out[i];
    buf[n] = 0;
    return buf;
}

/* The wsprintf engine with room for max characters (the NUL included): -1 when the output filled it. */
int WINAPI wvnsprintfW(LPWSTR buf, int max, LPCWSTR fmt, __builtin_ms_va_list ap)
{
    if (!buf || max <= 0)
        return -1;
    BOOL truncated;
    int n = User32pFormat(buf, TRUE, (unsigned)max, fmt, ap, &truncated);
    return truncated || n == max - 1 ? -1 : n;
}

int WINAPI wvnsprintfA(LPSTR buf, int max, LPCSTR fmt, __builtin_ms_va_list ap)
{
    if (!buf || max <= 0)
        return -1;
    BOOL truncated;
    int n = User32pFormat(buf, FALSE, (unsigned)max, fmt, ap, &truncated);
    return truncated || n == max - 1 ? -1 : n;
}

int WINAPI wnsprintfW(LPWSTR buf, int max, LPCWSTR fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int r = wvnsprintfW(buf, max, fmt, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int WINAPI wnsprintfA(LPSTR buf, int max, LPCSTR fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int r = wvnsprintfA(buf, max, fmt, ap);
    __builtin_ms_va_end(ap);
    return r;
}

static const struct builtin_export shlwapi_exports[] = {
    BUILTIN_FUNCTION("PathAddBackslashA", PathAddBackslashA),
    BUILTIN_FUNCTION("PathAddBackslashW", PathAddBackslashW),
    BUILTIN_FUNCTION("PathAppendA", PathAppendA),
    BUILTIN_FUNCTION("PathAppendW", PathAppendW),
    BUILTIN_FUNCTION("PathCanonicalizeW", PathCanonicalizeW),
    BUILTIN_FUNCTION("PathCombineA", PathCombineA),
    BUILTIN_FUNCTION("PathCombineW", PathCombineW),
    BUILTIN_FUNCTION("PathFileExistsA", PathFileExistsA),
    BUILTIN_FUNCTION("PathFileExistsW", PathFileExistsW),
    BUILTIN_FUNCTION("PathFindExtensionA", PathFindExtensionA),
    BUILTIN_FUNCTION("PathFindExtensionW", PathFindExtensionW),
    BUILTIN_FUNCTION("PathFindFileNameA", PathFindFileNameA),
    BUILTIN_FUNCTION("PathFindFileNameW", PathFindFileNameW),
    BUILTIN_FUNCTION("PathIsDirectoryA", PathIsDirectoryA),
    BUILTIN_FUNCTION("PathIsDirectoryW", PathIsDirectoryW),
    BUILTIN_FUNCTION("PathIsRelativeA", PathIsRelativeA),
    BUILTIN_FUNCTION("PathIsRelativeW", PathIsRelativeW),
    BUILTIN_FUNCTION("PathIsRootW", PathIsRootW),
    BUILTIN_FUNCTION("PathIsUNCW", PathIsUNCW),
    BUILTIN_FUNCTION("PathMatchSpecW", PathMatchSpecW),
    BUILTIN_FUNCTION("PathQuoteSpacesW", PathQuoteSpacesW),
    BUILTIN_FUNCTION("PathRemoveExtensionA", PathRemoveExtensionA),
    BUILTIN_FUNCTION("PathRemoveExtensionW", PathRemoveExtensionW),
    BUILTIN_FUNCTION("PathRemoveFileSpecA", PathRemoveFileSpecA),
    BUILTIN_FUNCTION("PathRemoveFileSpecW", PathRemoveFileSpecW),
    BUILTIN_FUNCTION("PathRenameExtensionW", PathRenameExtensionW),
    BUILTIN_FUNCTION("PathSkipRootW", PathSkipRootW),
    BUILTIN_FUNCTION("PathStripPathW", PathStripPathW),
    BUILTIN_FUNCTION("PathUnquoteSpacesW", PathUnquoteSpacesW),
    BUILTIN_FUNCTION("StrChrIW", StrChrIW),
    BUILTIN_FUNCTION("StrChrW", StrChrW),
    BUILTIN_FUNCTION("StrCmpIW", StrCmpIW),
    BUILTIN_FUNCTION("StrCmpNIW", StrCmpNIW),
    BUILTIN_FUNCTION("StrCmpNW", StrCmpNW),
    BUILTIN_FUNCTION("StrCmpW", StrCmpW),
    BUILTIN_FUNCTION("StrDupW", StrDupW),
    BUILTIN_FUNCTION("StrFormatByteSizeW", StrFormatByteSizeW),
    BUILTIN_FUNCTION("StrRChrW", StrRChrW),
    BUILTIN_FUNCTION("StrStrIW", StrStrIW),
    BUILTIN_FUNCTION("StrStrW", StrStrW),
    BUILTIN_FUNCTION("StrToIntExW", StrToIntExW),
    BUILTIN_FUNCTION("StrToIntW", StrToIntW),
    BUILTIN_FUNCTION("StrTrimW", StrTrimW),
    BUILTIN_FUNCTION("wnsprintfA", wnsprintfA),
    BUILTIN_FUNCTION("wnsprintfW", wnsprintfW),
    BUILTIN_FUNCTION("wvnsprintfA", wvnsprintfA),
    BUILTIN_FUNCTION("wvnsprintfW", wvnsprintfW),
};

static const struct builtin_dll shlwapi = {
    .name = "SHLWAPI.dll",
    .exports = shlwapi_exports,
    .nexports = ARRAY_SIZE(shlwapi_exports),
};
BUILTIN_DLL(shlwapi);
