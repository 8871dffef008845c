/*
 * Counted strings and code-page conversions. The ANSI code page of ntexec is UTF-8 (65001): host argv,
 * environment and file names are UTF-8, as in a Windows process whose manifest asks for UTF-8 as its active
 * code page. The OEM code page stays the system's, 437 as on a United States Windows (and under Wine),
 * which console tools convert their redirected output to. These functions are pure; the kernel layers use
 * them too, as ntoskrnl has its own Rtl.
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/cp437.h"
#include "rtl/rtl.h"

/* ---- case mapping -------------------------------------------------------------------------------- */

/* Upper case of a UTF-16 unit for the scripts file names use: ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic. Characters outside map to themselves. */
WCHAR WINAPI RtlUpcaseUnicodeChar(WCHAR c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return (WCHAR)(c - 32);
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        /* Latin Extended-A pairs: upper at even code points, except the 0x139..0x148 and 0x179..0x17E runs */
        bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_upper ? !(c & 1) : (c & 1))
            return (WCHAR)(c - 1);
        return c;
    }
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)
        return (WCHAR)(c - 32);
    if (c >= 0x430 && c <= 0x44F)
        return (WCHAR)(c - 32);
    if (c >= 0x450 && c <= 0x45F)
        return (WCHAR)(c - 80);
    return c;
}

WCHAR WINAPI RtlDowncaseUnicodeChar(WCHAR c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? (WCHAR)(c + 32) : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return (WCHAR)(c + 32);
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x100 && c <= 0x17F && RtlUpcaseUnicodeChar((WCHAR)(c + 1)) == c && c + 1 <= 0x17F)
        return (WCHAR)(c + 1);
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return (WCHAR)(c + 32);
    if (c >= 0x410 && c <= 0x42F)
        return (WCHAR)(c + 32);
    if (c >= 0x400 && c <= 0x40F)
        return (WCHAR)(c + 80);
    return c;
}

/* ---- counted strings ----------------------------------------------------------------------------- */

size_t RtlpWcslen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

void WINAPI RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src)
{
    size_t len = src ? RtlpWcslen(src) * sizeof(WCHAR) : 0;
    if (len > 0xFFFC)
        len = 0xFFFC;
    dst->Length = (USHORT)len;
    dst->MaximumLength = src ? (USHORT)(len + sizeof(WCHAR)) : 0;
    dst->Buffer = (PWSTR)src;
}

void WINAPI RtlInitAnsiString(PANSI_STRING dst, PCSTR src)
{
    size_t len = src ? strlen(src) : 0;
    if (len > 0xFFFE)
        len = 0xFFFE;
    dst->Length = (USHORT)len;
    dst->MaximumLength = src ? (USHORT)(len + 1) : 0;
    dst->Buffer = (PSTR)src;
}

void WINAPI RtlInitString(PSTRING dst, PCSTR src)
{
    RtlInitAnsiString(dst, src);
}

LONG WINAPI RtlCompareUnicodeStrings(const WCHAR *a, SIZE_T alen, const WCHAR *b, SIZE_T blen,
                                     BOOLEAN case_insensitive)
{
    SIZE_T n = alen < blen ? alen : blen;
    for (SIZE_T i = 0; i < n; i++) {
        WCHAR ca = a[i], cb = b[i];
        if (case_insensitive) {
            ca = RtlUpcaseUnicodeChar(ca);
            cb = RtlUpcaseUnicodeChar(cb);
        }
        if (ca != cb)
            return (LONG)ca - (LONG)cb;
    }
    return (LONG)alen - (LONG)blen;
}

LONG WINAPI RtlCompareUnicodeString(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN case_insensitive)
{
    return RtlCompareUnicodeStrings(a->Buffer, a->Length / 2, b->Buffer, b->Length / 2, case_insensitive);
}

BOOLEAN WINAPI RtlEqualUnicodeString(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN case_insensitive)
{
    return a->Length == b->Length && RtlCompareUnicodeString(a, b, case_insensitive) == 0;
}

BOOLEAN WINAPI RtlPrefixUnicodeString(PCUNICODE_STRING prefix, PCUNICODE_STRING s, BOOLEAN case_insensitive)
{
    return prefix->Length <= s->Length &&
           RtlCompareUnicodeStrings(prefix->Buffer, prefix->Length / 2, s->Buffer, prefix->Length / 2,
                                    case_insensitive) == 0;
}

NTSTATUS WINAPI RtlUpcaseUnicodeString(PUNICODE_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate)
{
    if (allocate) {
        dst->Buffer = RtlpAllocateMemory(src->Length + sizeof(WCHAR), FALSE);
        if (!dst->Buffer)
            return STATUS_NO_MEMORY;
        dst->MaximumLength = (USHORT)(src->Length + sizeof(WCHAR));
    } else if (dst->MaximumLength < src->Length) {
        return STATUS_BUFFER_OVERFLOW;
    }
    for (USHORT i = 0; i < src->Length / 2; i++)
        dst->Buffer[i] = RtlUpcaseUnicodeChar(src->Buffer[i]);
    dst->Length = src->Length;
    return STATUS_SUCCESS;
}

void WINAPI RtlCopyUnicodeString(PUNICODE_STRING dst, PCUNICODE_STRING src)
{
    if (!src) {
        dst->Length = 0;
        return;
    }
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    memmove(dst->Buffer, src->Buffer, n);
    dst->Length = n;
    if (n + sizeof(WCHAR) <= dst->MaximumLength)
        dst->Buffer[n / 2] = 0;
}

NTSTATUS WINAPI RtlAppendUnicodeStringToString(PUNICODE_STRING dst, PCUNICODE_STRING src)
{
    if ((ULONG)dst->Length + src->Length > dst->MaximumLength)
        return STATUS_BUFFER_TOO_SMALL;
    memmove((char *)dst->Buffer + dst->Length, src->Buffer, src->Length);
    dst->Length = (USHORT)(dst->Length + src->Length);
    if (dst->Length + sizeof(WCHAR) <= dst->MaximumLength)
        dst->Buffer[dst->Length / 2] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlAppendUnicodeToString(PUNICODE_STRING dst, PCWSTR src)
{
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, src);
    return RtlAppendUnicodeStringToString(dst, &s);
}

BOOLEAN WINAPI RtlCreateUnicodeString(PUNICODE_STRING dst, PCWSTR src)
{
    size_t len = RtlpWcslen(src) * sizeof(WCHAR);
    if (len > 0xFFFC)
        return FALSE;
    dst->Buffer = RtlpAllocateMemory(len + sizeof(WCHAR), FALSE);
    if (!dst->Buffer)
        return FALSE;
    memcpy(dst->Buffer, src, len + sizeof(WCHAR));
    dst->Length = (USHORT)len;
    dst->MaximumLength = (USHORT)(len + sizeof(WCHAR));
    return TRUE;
}

void WINAPI RtlFreeUnicodeString(PUNICODE_STRING s)
{
    if (s->Buffer)
        RtlpFreeMemory(s->Buffer);
    s->Buffer = NULL;
    s->Length = s->MaximumLength = 0;
}

void WINAPI RtlFreeAnsiString(PANSI_STRING s)
{
    if (s->Buffer)
        RtlpFreeMemory(s->Buffer);
    s->Buffer = NULL;
    s->Length = s->MaximumLength = 0;
}

/* ---- UTF-8 <-> UTF-16 ------------------------------------------------------------------------------ */

/* Decodes one UTF-8 sequence at s[0..len); returns its length, or 0 for an invalid one (*cp = U+FFFD). */
size_t RtlpDecodeUtf8(const unsigned char *s, size_t len, uint32_t *cp)
{
    *cp = 0xFFFD;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (!n || n > len)
        return 0;
    uint32_t v = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are invalid. */
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

NTSTATUS WINAPI RtlUTF8ToUnicodeN(PWSTR dst, ULONG dst_bytes, PULONG result_bytes, const CHAR *src, ULONG src_bytes)
{
    const unsigned char *s = (const unsigned char *)src;
    ULONG out = 0, max = dst_bytes / sizeof(WCHAR);
    NTSTATUS status = STATUS_SUCCESS;
    for (ULONG i = 0; i < src_bytes;) {
        uint32_t cp;
        size_t n = RtlpDecodeUtf8(s + i, src_bytes - i, &cp);
        if (!n) {
            status = STATUS_SOME_NOT_MAPPED;
            n = 1;
        }
        i += (ULONG)n;
        ULONG units = cp >= 0x10000 ? 2 : 1;
        if (dst) {
            if (out + units > max) {
                status = STATUS_BUFFER_TOO_SMALL;
                break;
            }
            if (units == 2) {
                dst[out] = (WCHAR)(0xD800 + ((cp - 0x10000) >> 10));
                dst[out + 1] = (WCHAR)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            } else {
                dst[out] = (WCHAR)cp;
            }
        }
        out += units;
    }
    if (result_bytes)
        *result_bytes = out * sizeof(WCHAR);
    return status;
}

/* Decodes one UTF-16 code point; returns units consumed (an unpaired surrogate gives U+FFFD, 1 unit). */
size_t RtlpDecodeUtf16(const WCHAR *s, size_t len, uint32_t *cp, bool *valid)
{
    WCHAR c = s[0];
    *valid = true;
    if (c >= 0xD800 && c <= 0xDBFF && len > 1 && s[1] >= 0xDC00 && s[1] <= 0xDFFF) {
        *cp = 0x10000 + ((uint32_t)(c - 0xD800) << 10) + (s[1] - 0xDC00);
        return 2;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
        *cp = 0xFFFD;
        *valid = false;
        return 1;
    }
    *cp = c;
    return 1;
}

size_t RtlpEncodeUtf8(uint32_t cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | cp >> 6);
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | cp >> 12);
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | cp >> 18);
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

NTSTATUS WINAPI RtlUnicodeToUTF8N(CHAR *dst, ULONG dst_bytes, PULONG result_bytes, const WCHAR *src, ULONG src_bytes)
{
    ULONG out = 0, units = src_bytes / sizeof(WCHAR);
    NTSTATUS status = STATUS_SUCCESS;
    for (ULONG i = 0; i < units;) {
        uint32_t cp;
        bool valid;
        i += (ULONG)RtlpDecodeUtf16(src + i, units - i, &cp, &valid);
        if (!valid)
            status = STATUS_SOME_NOT_MAPPED;
        unsigned char buf[4];
        size_t n = RtlpEncodeUtf8(cp, buf);
        if (dst) {
            if (out + n > dst_bytes) {
                status = STATUS_BUFFER_TOO_SMALL;
                break;
            }
            memcpy(dst + out, buf, n);
        }
        out += (ULONG)n;
    }
    if (result_bytes)
        *result_bytes = out;
    return status;
}

/* The "multi-byte" (ANSI/OEM) code page is UTF-8: these are the UTF-8 conversions, with Windows'
 * truncation rules (fill what fits, report the bytes written). */
NTSTATUS WINAPI RtlMultiByteToUnicodeN(PWSTR dst, ULONG dst_bytes, PULONG result_bytes, const CHAR *src,
                                       ULONG src_bytes)
{
    NTSTATUS status = RtlUTF8ToUnicodeN(dst, dst_bytes, result_bytes, src, src_bytes);
    return status == STATUS_SOME_NOT_MAPPED ? STATUS_SUCCESS : status;
}

NTSTATUS WINAPI RtlUnicodeToMultiByteN(CHAR *dst, ULONG dst_bytes, PULONG result_bytes, const WCHAR *src,
                                       ULONG src_bytes)
{
    NTSTATUS status = RtlUnicodeToUTF8N(dst, dst_bytes, result_bytes, src, src_bytes);
    return status == STATUS_SOME_NOT_MAPPED ? STATUS_SUCCESS : status;
}

NTSTATUS WINAPI RtlMultiByteToUnicodeSize(PULONG size, const CHAR *src, ULONG src_bytes)
{
    return RtlMultiByteToUnicodeN(NULL, 0, size, src, src_bytes);
}

NTSTATUS WINAPI RtlUnicodeToMultiByteSize(PULONG size, const WCHAR *src, ULONG src_bytes)
{
    return RtlUnicodeToMultiByteN(NULL, 0, size, src, src_bytes);
}

/* ---- the OEM code page, 437 ------------------------------------------------------------------------------ */

WCHAR RtlpOemToUnicodeChar(unsigned char b)
{
    return b < 0x80 ? b : cp437_high[b - 0x80];
}

int RtlpUnicodeToOemChar(WCHAR c, bool best_fit)
{
    if (c < 0x80)
        return c;
    size_t lo = 0, hi = ARRAY_SIZE(cp437_from_unicode);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct cp437_run *r = &cp437_from_unicode[mid];
        if (c < r->first) {
            hi = mid;
        } else if (c - r->first >= r->count) {
            lo = mid + 1;
        } else {
            int b = r->byte + (c - r->first) * r->step;
            /* without best fit, only the code page's own characters (the ones that come back); a best fit
             * to an ASCII byte is one only for the character itself */
            bool own = b < 0x80 ? (WCHAR)b == c : cp437_high[b - 0x80] == c;
            return best_fit || own ? b : -1;
        }
    }
    return -1;
}

/* One byte per character both ways; an unmappable character becomes '?', as Windows' default. Windows
 * fills what fits and reports the bytes written. */
NTSTATUS WINAPI RtlOemToUnicodeN(PWSTR dst, ULONG dst_bytes, PULONG result_bytes, const CHAR *src, ULONG src_bytes)
{
    ULONG n = dst ? (src_bytes < dst_bytes / 2 ? src_bytes : dst_bytes / 2) : src_bytes;
    for (ULONG i = 0; dst && i < n; i++)
        dst[i] = RtlpOemToUnicodeChar((unsigned char)src[i]);
    if (result_bytes)
        *result_bytes = n * 2;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlUnicodeToOemN(CHAR *dst, ULONG dst_bytes, PULONG result_bytes, const WCHAR *src, ULONG src_bytes)
{
    ULONG n = dst ? (src_bytes / 2 < dst_bytes ? src_bytes / 2 : dst_bytes) : src_bytes / 2;
    for (ULONG i = 0; dst && i < n; i++) {
        int b = RtlpUnicodeToOemChar(src[i], true);
        dst[i] = (CHAR)(b < 0 ? '?' : b);
    }
    if (result_bytes)
        *result_bytes = n;
    return STATUS_SUCCESS;
}

typedef NTSTATUS(WINAPI *to_unicode_fn)(PWSTR, ULONG, PULONG, const CHAR *, ULONG);
typedef NTSTATUS(WINAPI *from_unicode_fn)(CHAR *, ULONG, PULONG, const WCHAR *, ULONG);

/* ---- counted 8-bit strings, ANSI and OEM ------------------------------------------------------------------ */

static NTSTATUS string_to_unicode(to_unicode_fn convert, PUNICODE_STRING dst, const STRING *src, BOOLEAN allocate)
{
    ULONG size;
    convert(NULL, 0, &size, src->Buffer, src->Length);
    if (size + sizeof(WCHAR) > 0xFFFE)
        return STATUS_INVALID_PARAMETER_2;
    if (allocate) {
        dst->Buffer = RtlpAllocateMemory(size + sizeof(WCHAR), FALSE);
        if (!dst->Buffer)
            return STATUS_NO_MEMORY;
        dst->MaximumLength = (USHORT)(size + sizeof(WCHAR));
    } else if (size > dst->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    convert(dst->Buffer, dst->MaximumLength, &size, src->Buffer, src->Length);
    dst->Length = (USHORT)size;
    if (size + sizeof(WCHAR) <= dst->MaximumLength)
        dst->Buffer[size / 2] = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS unicode_to_string(from_unicode_fn convert, STRING *dst, PCUNICODE_STRING src, BOOLEAN allocate)
{
    ULONG size;
    convert(NULL, 0, &size, src->Buffer, src->Length);
    if (size + 1 > 0xFFFF)
        return STATUS_INVALID_PARAMETER_2;
    if (allocate) {
        dst->Buffer = RtlpAllocateMemory(size + 1, FALSE);
        if (!dst->Buffer)
            return STATUS_NO_MEMORY;
        dst->MaximumLength = (USHORT)(size + 1);
    } else if (size >= dst->MaximumLength) {
        /* What fits, NUL-terminated, and STATUS_BUFFER_OVERFLOW (Windows' answer; none for an empty buffer). */
        if (!dst->MaximumLength)
            return STATUS_BUFFER_OVERFLOW;
        convert(dst->Buffer, dst->MaximumLength - 1u, &size, src->Buffer, src->Length);
        dst->Length = (USHORT)size;
        dst->Buffer[size] = 0;
        return STATUS_BUFFER_OVERFLOW;
    }
    convert(dst->Buffer, dst->MaximumLength, &size, src->Buffer, src->Length);
    dst->Length = (USHORT)size;
    dst->Buffer[size] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING dst, const ANSI_STRING *src, BOOLEAN allocate)
{
    return string_to_unicode(RtlMultiByteToUnicodeN, dst, src, allocate);
}

NTSTATUS WINAPI RtlUnicodeStringToAnsiString(PANSI_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate)
{
    return unicode_to_string(RtlUnicodeToMultiByteN, dst, src, allocate);
}

NTSTATUS WINAPI RtlOemStringToUnicodeString(PUNICODE_STRING dst, const STRING *src, BOOLEAN allocate)
{
    return string_to_unicode(RtlOemToUnicodeN, dst, src, allocate);
}

NTSTATUS WINAPI RtlUnicodeStringToOemString(STRING *dst, PCUNICODE_STRING src, BOOLEAN allocate)
{
    return unicode_to_string(RtlUnicodeToOemN, dst, src, allocate);
}

/* Sizes with the terminating NUL, as Windows counts them. */
ULONG WINAPI RtlOemStringToUnicodeSize(const STRING *s)
{
    return (s->Length + 1u) * sizeof(WCHAR);
}

ULONG WINAPI RtlUnicodeStringToOemSize(PCUNICODE_STRING s)
{
    return s->Length / sizeof(WCHAR) + 1u;
}

/* UTF-8 copy of a counted string into a fixed buffer (truncated), for messages and the trace. */
void RtlpUnicodeToUtf8Z(char *buf, size_t size, const WCHAR *s, size_t units)
{
    ULONG n = 0;
    RtlUnicodeToUTF8N(buf, (ULONG)(size - 1), &n, s, (ULONG)(units * sizeof(WCHAR)));
    buf[n] = 0;
}

size_t RtlpBaseNameStart(PCUNICODE_STRING path)
{
    size_t start = path->Length / sizeof(WCHAR);
    while (start > 0 && path->Buffer[start - 1] != '\\' && path->Buffer[start - 1] != '/')
        start--;
    return start;
}

void RtlpBaseNameUtf8(char *buf, size_t size, PCUNICODE_STRING path)
{
    size_t start = RtlpBaseNameStart(path);
    RtlpUnicodeToUtf8Z(buf, size, path->Buffer + start, path->Length / sizeof(WCHAR) - start);
}

/* Allocates (host heap) a NUL-terminated UTF-16 copy of a UTF-8 string; NULL when out of memory. */
WCHAR *RtlpUtf8ToWideAlloc(const char *s)
{
    ULONG bytes;
    size_t len = strlen(s);
    RtlUTF8ToUnicodeN(NULL, 0, &bytes, s, (ULONG)len);
    WCHAR *w = malloc(bytes + sizeof(WCHAR));
    if (!w)
        return NULL;
    RtlUTF8ToUnicodeN(w, bytes, &bytes, s, (ULONG)len);
    w[bytes / 2] = 0;
    return w;
}

/* Allocates (host heap) a NUL-terminated UTF-8 copy of units UTF-16 units. */
char *RtlpWideToUtf8Alloc(const WCHAR *s, size_t units)
{
    ULONG bytes;
    RtlUnicodeToUTF8N(NULL, 0, &bytes, s, (ULONG)(units * sizeof(WCHAR)));
    char *u = malloc(bytes + 1);
    if (!u)
        return NULL;
    RtlUnicodeToUTF8N(u, bytes, &bytes, s, (ULONG)(units * sizeof(WCHAR)));
    u[bytes] = 0;
    return u;
}
