/* Code pages: MultiByteToWideChar, WideCharToMultiByte, GetACP, the DBCS queries. ANSI and OEM are UTF-8. */
#include <string.h>

#include "win32/k32.h"

#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_ERR_INVALID_CHARS 0x00000080

UINT WINAPI GetACP(void)
{
    return NTEXEC_ACP;
}

UINT WINAPI GetOEMCP(void)
{
    return NTEXEC_ACP;
}

static bool supported_cp(UINT cp)
{
    return cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP || cp == CP_UTF8 || cp == NTEXEC_ACP ||
           cp == 20127 /* US-ASCII */ || cp == 28591 /* Latin-1 */;
}

static bool is_latin1(UINT cp)
{
    return cp == 28591;
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
    info->MaxCharSize = is_latin1(cp) || cp == 20127 ? 1 : 4;
    info->DefaultChar[0] = '?';
    return TRUE;
}

/* UTF-8 (or Latin-1) -> UTF-16 with MultiByteToWideChar's rules: -1 length includes the NUL, a zero
 * output size asks for the size, invalid input becomes U+FFFD unless MB_ERR_INVALID_CHARS. */
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len)
{
    if (!src || src_len == 0 || dst_len < 0 || (dst_len && !dst) || !supported_cp(cp) ||
        (dst && (const void *)dst == (const void *)src)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t len = src_len < 0 ? strlen(src) + 1 : (size_t)src_len;
    const unsigned char *s = (const unsigned char *)src;
    int out = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n;
        if (is_latin1(cp)) {
            c = s[i];
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

int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL *used_default)
{
    if (!src || src_len == 0 || dst_len < 0 || (dst_len && !dst) || !supported_cp(cp) ||
        (dst && (const void *)dst == (const void *)src)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    /* For UTF-8 the default-character arguments must be NULL, as Windows requires. */
    if (!is_latin1(cp) && (default_char || used_default)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (used_default)
        *used_default = FALSE;
    size_t len = src_len < 0 ? RtlpWcslen(src) + 1 : (size_t)src_len;
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
        size_t n;
        if (is_latin1(cp)) {
            buf[0] = c < 256 ? (unsigned char)c : (unsigned char)(default_char ? *default_char : '?');
            if (c >= 256 && used_default)
                *used_default = TRUE;
            n = 1;
        } else {
            n = RtlpEncodeUtf8(c, buf);
        }
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
