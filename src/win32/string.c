/*
 * Code pages: MultiByteToWideChar, WideCharToMultiByte, GetACP, the DBCS queries. ANSI is UTF-8, OEM is 437
 * (src/rtl/unicode.c says why); the single-byte pages are 437, 20127 (US-ASCII) and 28591 (ISO 8859-1), with
 * Windows' tables.
 */
#include <stddef.h>
#include <string.h>

#include "win32/bestfit.h"
#include "win32/k32.h"

#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_NO_BEST_FIT_CHARS 0x00000400
#define WC_ERR_INVALID_CHARS 0x00000080

UINT WINAPI GetACP(void)
{
    return NTEXEC_ACP;
}

UINT WINAPI GetOEMCP(void)
{
    return NTEXEC_OEMCP;
}

/* Whether the "A" file functions take names in the ANSI (TRUE) or the OEM code page. The choice is kept and
 * reported; the "A" functions convert names from UTF-8 either way, the host's own encoding of names. */
static BOOL file_apis_ansi = TRUE;

void WINAPI SetFileApisToOEM(void)
{
    file_apis_ansi = FALSE;
}

void WINAPI SetFileApisToANSI(void)
{
    file_apis_ansi = TRUE;
}

BOOL WINAPI AreFileApisANSI(void)
{
    return file_apis_ansi;
}

static bool supported_cp(UINT cp)
{
    return cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP || cp == CP_UTF8 || cp == NTEXEC_ACP ||
           cp == NTEXEC_OEMCP || cp == 20127 /* US-ASCII */ || cp == 28591 /* Latin-1 */;
}

/* The page a CP_ value stands for. */
static UINT resolve_cp(UINT cp)
{
    return cp == CP_OEMCP ? NTEXEC_OEMCP : cp == CP_ACP || cp == CP_THREAD_ACP ? NTEXEC_ACP : cp;
}

static bool is_latin1(UINT cp)
{
    return cp == 28591;
}

/* A single-byte code page: 437, 20127 or 28591. */
static bool is_sbcs(UINT cp)
{
    return cp == NTEXEC_OEMCP || cp == 20127 || is_latin1(cp);
}

/* Windows' 20127 maps bytes 0x80-0xFF to U+0000-U+007F (the high bit dropped); 28591 is U+0000-U+00FF. */
static WCHAR sbcs_to_unicode(UINT cp, unsigned char b)
{
    if (cp == NTEXEC_OEMCP)
        return RtlpOemToUnicodeChar(b);
    return is_latin1(cp) ? b : b & 0x7F;
}

/* The byte for c in a single-byte page, or -1 when only the default character will do. */
static int sbcs_from_unicode(UINT cp, WCHAR c, bool best_fit)
{
    if (cp == NTEXEC_OEMCP)
        return RtlpUnicodeToOemChar(c, best_fit);
    if (c < (is_latin1(cp) ? 0x100 : 0x80))
        return c;
    if (!best_fit)
        return -1;
    const struct bestfit_run *t = is_latin1(cp) ? bestfit_28591 : bestfit_20127;
    size_t lo = 0, hi = is_latin1(cp) ? ARRAY_SIZE(bestfit_28591) : ARRAY_SIZE(bestfit_20127);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < t[mid].first)
            hi = mid;
        else if (c - t[mid].first >= t[mid].count)
            lo = mid + 1;
        else
            return t[mid].byte + (c - t[mid].first) * t[mid].step;
    }
    return -1;
}

BOOL WINAPI IsValidCodePage(UINT cp)
{
    return cp != CP_ACP && cp != CP_OEMCP && supported_cp(cp);
}

BOOL WINAPI IsDBCSLeadByteEx(UINT cp, BYTE c)
{
    (void)cp;
    (void)c;
    return FALSE;   /* UTF-8 has no DBCS lead bytes */
}

BOOL WINAPI IsDBCSLeadByte(BYTE c)
{
    (void)c;
    return FALSE;
}

typedef struct _CPINFO {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
} CPINFO;

BOOL WINAPI GetCPInfo(UINT cp, CPINFO *info)
{
    if (!supported_cp(cp) || !info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    memset(info, 0, sizeof *info);
    info->MaxCharSize = is_sbcs(resolve_cp(cp)) ? 1 : 4;
    info->DefaultChar[0] = '?';
    return TRUE;
}

typedef struct _CPINFOEXW {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    WCHAR CodePageName[MAX_PATH];
} CPINFOEXW;

typedef struct _CPINFOEXA {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    char CodePageName[MAX_PATH];
} CPINFOEXA;

/* GetCPInfo plus the page's number and name as Windows' registry names them. */
BOOL WINAPI GetCPInfoExW(UINT cp, DWORD flags, CPINFOEXW *info)
{
    CPINFO base;
    if (flags || !info || !GetCPInfo(cp, &base)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    cp = resolve_cp(cp);
    memset(info, 0, sizeof *info);
    info->MaxCharSize = base.MaxCharSize;
    memcpy(info->DefaultChar, base.DefaultChar, sizeof base.DefaultChar);
    info->UnicodeDefaultChar = is_sbcs(cp) ? '?' : 0xFFFD;
    info->CodePage = cp;
    const char *name = cp == 20127   ? "20127 (US-ASCII)"
                       : cp == 28591 ? "28591 (ISO 8859-1 Latin I)"
                       : cp == 437   ? "437   (OEM - United States)"
                                     : "65001 (UTF-8)";
    for (size_t i = 0; name[i]; i++)
        info->CodePageName[i] = (WCHAR)name[i];
    return TRUE;
}

BOOL WINAPI GetCPInfoExA(UINT cp, DWORD flags, CPINFOEXA *info)
{
    CPINFOEXW w;
    if (!info || !GetCPInfoExW(cp, flags, &w))
        return FALSE;
    memcpy(info, &w, offsetof(CPINFOEXW, CodePageName));
    for (size_t i = 0; i < MAX_PATH; i++)
        info->CodePageName[i] = (char)w.CodePageName[i];
    return TRUE;
}

/* UTF-8 (or a single-byte page) -> UTF-16 with MultiByteToWideChar's rules: -1 length includes the NUL, a zero
 * output size asks for the size, invalid input becomes U+FFFD unless MB_ERR_INVALID_CHARS. */
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len)
{
    if (!src || src_len == 0 || dst_len < 0 || (dst_len && !dst) || !supported_cp(cp) ||
        (dst && (const void *)dst == (const void *)src)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    cp = resolve_cp(cp);
    size_t len = src_len < 0 ? strlen(src) + 1 : (size_t)src_len;
    const unsigned char *s = (const unsigned char *)src;
    int out = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n;
        if (is_sbcs(cp)) {
            c = sbcs_to_unicode(cp, s[i]);
            n = 1;
        } else {
            n = RtlpDecodeUtf8(s + i, len - i, &c);
        }
        if (!n) {
            if (flags & MB_ERR_INVALID_CHARS) {
                SetLastError(ERROR_NO_UNICODE_TRANSLATION);
                return 0;
            }
            n = 1;
        }
        i += n;
        int units = c >= 0x10000 ? 2 : 1;
        if (dst_len) {
            if (out + units > dst_len) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            if (units == 2) {
                dst[out] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
                dst[out + 1] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
            } else {
                dst[out] = (WCHAR)c;
            }
        }
        out += units;
    }
    return out;
}

/* UTF-16 -> a single-byte page, one byte per UTF-16 unit: best fit unless WC_NO_BEST_FIT_CHARS, else the
 * default character (default_char's first byte, or '?'), which sets *used_default. */
static int wide_to_sbcs(UINT cp, DWORD flags, LPCWSTR src, size_t len, LPSTR dst, int dst_len, LPCSTR default_char,
                        BOOL *used_default)
{
    if (dst_len && len > (size_t)dst_len) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (len > INT32_MAX) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    BOOL used = FALSE;
    for (size_t i = 0; i < len; i++) {
        int b = sbcs_from_unicode(cp, src[i], !(flags & WC_NO_BEST_FIT_CHARS));
        if (b < 0) {
            b = default_char ? (unsigned char)*default_char : '?';
            used = TRUE;
        }
        if (dst_len)
            dst[i] = (char)b;
    }
    if (used_default)
        *used_default = used;
    return (int)len;
}

int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL *used_default)
{
    if (!src || src_len == 0 || dst_len < 0 || (dst_len && !dst) || !supported_cp(cp) ||
        (dst && (const void *)dst == (const void *)src)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    cp = resolve_cp(cp);
    size_t len = src_len < 0 ? RtlpWcslen(src) + 1 : (size_t)src_len;
    if (is_sbcs(cp))
        return wide_to_sbcs(cp, flags, src, len, dst, dst_len, default_char, used_default);
    /* For UTF-8 the default-character arguments must be NULL (Microsoft's documentation; Wine ignores them). */
    if (default_char || used_default) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    int out = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        bool valid;
        i += RtlpDecodeUtf16(src + i, len - i, &c, &valid);
        if (!valid && (flags & WC_ERR_INVALID_CHARS)) {
            SetLastError(ERROR_NO_UNICODE_TRANSLATION);
            return 0;
        }
        unsigned char buf[4];
        size_t n = RtlpEncodeUtf8(c, buf);
        if (dst_len) {
            if (out + (int)n > dst_len) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            memcpy(dst + out, buf, n);
        }
        out += (int)n;
    }
    return out;
}

int WINAPI lstrlenA(LPCSTR s)
{
    return s ? (int)strlen(s) : 0;
}

int WINAPI lstrlenW(LPCWSTR s)
{
    return s ? (int)RtlpWcslen(s) : 0;
}
