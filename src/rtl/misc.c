/*
 * The small pure Rtl services programs call directly: CRC-32, time fields and epoch conversions, string
 * hashing, pseudo-random numbers, IPv4 address text, 8-bit counted strings and integer <-> text. Pure: the
 * only state is the caller's.
 */
#include <string.h>

#include "rtl/rtl.h"

/* ---- CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib's crc32) ------------------------------ */

static ULONG crc_table[256];

static void crc_init(void)
{
    for (ULONG n = 0; n < 256; n++) {
        ULONG c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

/* initial is the CRC of the data before (0 to start), so a long input can be fed in pieces. */
ULONG WINAPI RtlComputeCrc32(ULONG initial, const BYTE *data, INT length)
{
    if (!crc_table[1])
        crc_init();   /* idempotent: racing threads write the same values */
    ULONG crc = ~initial;
    for (INT i = 0; i < length; i++)
        crc = crc_table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

/* ---- time fields ------------------------------------------------------------------------------------------ */

#define TICKS_PER_SECOND 10000000LL
#define TICKS_PER_DAY    (86400LL * TICKS_PER_SECOND)
#define TICKS_1970       116444736000000000LL   /* 1970-01-01 in 100 ns units since 1601-01-01 */
#define TICKS_1980       119600064000000000LL

static bool is_leap(LONG year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static const SHORT month_days[2][12] = {
    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
};

/* 1601 starts a 400-year cycle: 100-year blocks of 36524 days (the cycle's last one has 36525), 4-year
 * blocks of 1461 (the last year of each the leap one). */
void WINAPI RtlTimeToTimeFields(const LARGE_INTEGER *time, PTIME_FIELDS fields)
{
    LONGLONG t = time->QuadPart;
    LONGLONG days = t / TICKS_PER_DAY, rest = t % TICKS_PER_DAY;
    fields->Milliseconds = (SHORT)(rest % TICKS_PER_SECOND / 10000);
    LONG seconds = (LONG)(rest / TICKS_PER_SECOND);
    fields->Hour = (SHORT)(seconds / 3600);
    fields->Minute = (SHORT)(seconds / 60 % 60);
    fields->Second = (SHORT)(seconds % 60);
    fields->Weekday = (SHORT)((days + 1) % 7);   /* 1601-01-01 was a Monday */
    LONG y400 = (LONG)(days / 146097), d = (LONG)(days % 146097);
    LONG y100 = d / 36524;
    if (y100 == 4)
        y100 = 3;
    d -= y100 * 36524;
    LONG y4 = d / 1461;
    d %= 1461;
    LONG y1 = d / 365;
    if (y1 == 4)
        y1 = 3;
    d -= y1 * 365;
    LONG year = 1601 + y400 * 400 + y100 * 100 + y4 * 4 + y1;
    const SHORT *md = month_days[is_leap(year)];
    int month = 0;
    while (d >= md[month])
        d -= md[month++];
    fields->Year = (SHORT)year;
    fields->Month = (SHORT)(month + 1);
    fields->Day = (SHORT)(d + 1);
}

/* FALSE, time untouched, when a field is out of range; Weekday is ignored. */
BOOLEAN WINAPI RtlTimeFieldsToTime(PTIME_FIELDS fields, PLARGE_INTEGER time)
{
    const TIME_FIELDS *f = fields;
    if (f->Milliseconds < 0 || f->Milliseconds > 999 || f->Second < 0 || f->Second > 59 || f->Minute < 0 ||
        f->Minute > 59 || f->Hour < 0 || f->Hour > 23 || f->Month < 1 || f->Month > 12 || f->Year < 1601 ||
        f->Day < 1 || f->Day > month_days[is_leap(f->Year)][f->Month - 1])
        return FALSE;
    LONGLONG n = f->Year - 1601;
    LONGLONG days = n * 365 + n / 4 - n / 100 + n / 400;
    for (int m = 0; m < f->Month - 1; m++)
        days += month_days[is_leap(f->Year)][m];
    days += f->Day - 1;
    time->QuadPart = days * TICKS_PER_DAY +
                     ((LONGLONG)f->Hour * 3600 + f->Minute * 60 + f->Second) * TICKS_PER_SECOND +
                     (LONGLONG)f->Milliseconds * 10000;
    return TRUE;
}

static BOOLEAN to_seconds(const LARGE_INTEGER *time, LONGLONG epoch, PULONG seconds)
{
    LONGLONG s = (time->QuadPart - epoch) / TICKS_PER_SECOND;
    if (time->QuadPart < epoch || s > 0xFFFFFFFFLL)
        return FALSE;
    *seconds = (ULONG)s;
    return TRUE;
}

BOOLEAN WINAPI RtlTimeToSecondsSince1970(const LARGE_INTEGER *time, PULONG seconds)
{
    return to_seconds(time, TICKS_1970, seconds);
}

BOOLEAN WINAPI RtlTimeToSecondsSince1980(const LARGE_INTEGER *time, PULONG seconds)
{
    return to_seconds(time, TICKS_1980, seconds);
}

void WINAPI RtlSecondsSince1970ToTime(ULONG seconds, PLARGE_INTEGER time)
{
    time->QuadPart = (LONGLONG)seconds * TICKS_PER_SECOND + TICKS_1970;
}

void WINAPI RtlSecondsSince1980ToTime(ULONG seconds, PLARGE_INTEGER time)
{
    time->QuadPart = (LONGLONG)seconds * TICKS_PER_SECOND + TICKS_1980;
}

/* ---- string hashing ------------------------------------------------------------------------------------ */

#define HASH_STRING_ALGORITHM_DEFAULT 0
#define HASH_STRING_ALGORITHM_X65599  1

NTSTATUS WINAPI RtlHashUnicodeString(PCUNICODE_STRING s, BOOLEAN case_insensitive, ULONG algorithm, PULONG hash)
{
    if (!s || !hash ||
        (algorithm != HASH_STRING_ALGORITHM_DEFAULT && algorithm != HASH_STRING_ALGORITHM_X65599))
        return STATUS_INVALID_PARAMETER;
    ULONG h = 0;
    for (USHORT i = 0; i < s->Length / sizeof(WCHAR); i++)
        h = h * 65599 + (case_insensitive ? RtlUpcaseUnicodeChar(s->Buffer[i]) : s->Buffer[i]);
    *hash = h;
    return STATUS_SUCCESS;
}

/* ---- pseudo-random numbers ------------------------------------------------------------------------------- */

/* A multiplicative congruential step modulo 2^31 - 1 (Park and Miller's 48271, with an increment so that a
 * zero seed moves): the result and the new seed lie in [0, MAXLONG - 1], as Microsoft documents. */
ULONG WINAPI RtlRandomEx(PULONG seed)
{
    ULONG r = (ULONG)(((ULONGLONG)*seed * 48271u + 11u) % 0x7FFFFFFFu);
    *seed = r;
    return r;
}

ULONG WINAPI RtlRandom(PULONG seed)
{
    return RtlRandomEx(seed);
}

/* ---- IPv4 address text --------------------------------------------------------------------------------- */

/* addr is an IN_ADDR: four bytes in network order; port (Ex forms) in network order too, 0 = none. */
static ULONG ipv4_text(const BYTE *addr, USHORT port, char *out)
{
    char *p = out;
    for (int i = 0; i < 4; i++) {
        unsigned v = addr[i];
        if (i)
            *p++ = '.';
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
    }
    if (port) {
        unsigned v = (unsigned)(port >> 8 | (port & 0xFF) << 8), div = 10000;
        *p++ = ':';
        while (div > 1 && v < div)
            div /= 10;
        for (; div; div /= 10)
            *p++ = (char)('0' + v / div % 10);
    }
    *p = 0;
    return (ULONG)(p - out);
}

PSTR WINAPI RtlIpv4AddressToStringA(const void *addr, PSTR s)
{
    return s + ipv4_text(addr, 0, s);
}

PWSTR WINAPI RtlIpv4AddressToStringW(const void *addr, PWSTR s)
{
    char buf[24];
    ULONG n = ipv4_text(addr, 0, buf);
    for (ULONG i = 0; i <= n; i++)
        s[i] = (WCHAR)buf[i];
    return s + n;
}

/* *length: the buffer's characters in, the text's with its NUL out (also when too small:
 * STATUS_INVALID_PARAMETER then). */
NTSTATUS WINAPI RtlIpv4AddressToStringExA(const void *addr, USHORT port, PSTR s, PULONG length)
{
    if (!addr || !length)
        return STATUS_INVALID_PARAMETER;
    char buf[24];
    ULONG n = ipv4_text(addr, port, buf) + 1;
    if (!s || *length < n) {
        *length = n;
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(s, buf, n);
    *length = n;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlIpv4AddressToStringExW(const void *addr, USHORT port, PWSTR s, PULONG length)
{
    if (!addr || !length)
        return STATUS_INVALID_PARAMETER;
    char buf[24];
    ULONG n = ipv4_text(addr, port, buf) + 1;
    if (!s || *length < n) {
        *length = n;
        return STATUS_INVALID_PARAMETER;
    }
    for (ULONG i = 0; i < n; i++)
        s[i] = (WCHAR)buf[i];
    *length = n;
    return STATUS_SUCCESS;
}

/* ---- 8-bit counted strings ---------------------------------------------------------------------------- */

static int upper_a(int c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

LONG WINAPI RtlCompareString(const STRING *a, const STRING *b, BOOLEAN case_insensitive)
{
    USHORT n = a->Length < b->Length ? a->Length : b->Length;
    for (USHORT i = 0; i < n; i++) {
        int ca = (unsigned char)a->Buffer[i], cb = (unsigned char)b->Buffer[i];
        if (case_insensitive) {
            ca = upper_a(ca);
            cb = upper_a(cb);
        }
        if (ca != cb)
            return ca - cb;
    }
    return (LONG)a->Length - (LONG)b->Length;
}

BOOLEAN WINAPI RtlEqualString(const STRING *a, const STRING *b, BOOLEAN case_insensitive)
{
    return a->Length == b->Length && !RtlCompareString(a, b, case_insensitive);
}

void WINAPI RtlCopyString(PSTRING dst, const STRING *src)
{
    if (!src) {
        dst->Length = 0;
        return;
    }
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    memcpy(dst->Buffer, src->Buffer, n);
    dst->Length = n;
}

void WINAPI RtlUpperString(PSTRING dst, const STRING *src)
{
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    for (USHORT i = 0; i < n; i++)
        dst->Buffer[i] = (CHAR)upper_a((unsigned char)src->Buffer[i]);
    dst->Length = n;
}

NTSTATUS WINAPI RtlInitUnicodeStringEx(PUNICODE_STRING dst, PCWSTR src)
{
    if (src && RtlpWcslen(src) * sizeof(WCHAR) > 0xFFFC)
        return STATUS_NAME_TOO_LONG;
    RtlInitUnicodeString(dst, src);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlDowncaseUnicodeString(PUNICODE_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate)
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
        dst->Buffer[i] = RtlDowncaseUnicodeChar(src->Buffer[i]);
    dst->Length = src->Length;
    return STATUS_SUCCESS;
}

/* Bytes the conversion needs, the terminating NUL included. */
ULONG WINAPI RtlUnicodeStringToAnsiSize(PCUNICODE_STRING s)
{
    ULONG size = 0;
    RtlUnicodeToMultiByteSize(&size, s->Buffer, s->Length);
    return size + 1;
}

ULONG WINAPI RtlAnsiStringToUnicodeSize(const STRING *s)
{
    ULONG size = 0;
    RtlMultiByteToUnicodeSize(&size, s->Buffer, s->Length);
    return size + sizeof(WCHAR);
}

/* ---- integers and text -------------------------------------------------------------------------------- */

static int digit_value(WCHAR c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Leading blanks (<= ' '), a sign, with base 0 a 0x/0o/0b prefix (else decimal), then digits up to the first
 * that is not one; n characters at most. Base other than 0, 2, 8, 10, 16: STATUS_INVALID_PARAMETER. */
static NTSTATUS parse_integer(const void *text, bool wide, size_t n, ULONG base, PULONG value)
{
#define AT(i) (wide ? ((const WCHAR *)text)[i] : (WCHAR)((const unsigned char *)text)[i])
    size_t i = 0;
    while (i < n && AT(i) && AT(i) <= ' ')
        i++;
    bool neg = false;
    if (i < n && (AT(i) == '+' || AT(i) == '-'))
        neg = AT(i++) == '-';
    if (base == 0) {
        base = 10;
        if (i + 1 < n && AT(i) == '0') {
            WCHAR p = AT(i + 1);
            if (p == 'x' || p == 'X')
                base = 16;
            else if (p == 'o' || p == 'O')
                base = 8;
            else if (p == 'b' || p == 'B')
                base = 2;
            if (base != 10)
                i += 2;
        }
    } else if (base != 2 && base != 8 && base != 10 && base != 16) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!value)
        return STATUS_ACCESS_VIOLATION;
    ULONG v = 0;
    for (; i < n && AT(i); i++) {
        int d = digit_value(AT(i));
        if (d >= (int)base)
            break;
        v = v * base + (ULONG)d;
    }
    *value = neg ? (ULONG)-(LONG)v : v;
    return STATUS_SUCCESS;
#undef AT
}

NTSTATUS WINAPI RtlUnicodeStringToInteger(PCUNICODE_STRING s, ULONG base, PULONG value)
{
    return parse_integer(s->Buffer, true, s->Length / sizeof(WCHAR), base, value);
}

NTSTATUS WINAPI RtlCharToInteger(const char *s, ULONG base, PULONG value)
{
    return parse_integer(s, false, (size_t)-1, base, value);
}

/* Digits of value in base (0 = 10); 0 when the base is not 2, 8, 10 or 16. */
static int integer_text(ULONG value, ULONG base, char out[33])
{
    if (!base)
        base = 10;
    if (base != 2 && base != 8 && base != 10 && base != 16)
        return 0;
    char tmp[33];
    int n = 0;
    do {
        tmp[n++] = "0123456789ABCDEF"[value % base];
        value /= base;
    } while (value);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* length is the buffer's size in bytes; the NUL is written only when it fits. */
NTSTATUS WINAPI RtlIntegerToChar(ULONG value, ULONG base, ULONG length, char *s)
{
    char buf[33];
    int n = integer_text(value, base, buf);
    if (!n)
        return STATUS_INVALID_PARAMETER;
    if ((ULONG)n > length)
        return STATUS_BUFFER_OVERFLOW;
    memcpy(s, buf, (size_t)n);
    if ((ULONG)n < length)
        s[n] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlIntegerToUnicodeString(ULONG value, ULONG base, PUNICODE_STRING s)
{
    char buf[33];
    int n = integer_text(value, base, buf);
    if (!n)
        return STATUS_INVALID_PARAMETER;
    if ((ULONG)n * sizeof(WCHAR) > s->MaximumLength)
        return STATUS_BUFFER_OVERFLOW;
    for (int i = 0; i < n; i++)
        s->Buffer[i] = (WCHAR)buf[i];
    s->Length = (USHORT)(n * sizeof(WCHAR));
    if (s->Length < s->MaximumLength)
        s->Buffer[n] = 0;
    return STATUS_SUCCESS;
}

/* ---- IPv4 address parsing ----------------------------------------------------------------------------- */

/* One to four parts separated by dots; strict: exactly four decimal parts of 0..255, else each part decimal,
 * octal (leading 0) or hexadecimal (0x), the last one filling the bytes left (a.b.c: c is 16 bits). *end
 * is where parsing stopped. addr gets the four bytes in network order. */
static NTSTATUS ipv4_parse(const void *text, bool wide, bool strict, size_t *end, BYTE addr[4])
{
#define CH(i) (wide ? ((const WCHAR *)text)[i] : (WCHAR)((const unsigned char *)text)[i])
    ULONG parts[4];
    int count = 0;
    size_t i = 0;
    for (;;) {
        int base = 10;
        if (CH(i) == '0' && (CH(i + 1) == 'x' || CH(i + 1) == 'X')) {
            base = 16;
            i += 2;
        } else if (CH(i) == '0' && CH(i + 1) >= '0' && CH(i + 1) <= '9') {
            base = 8;
            i += 1;
        }
        if (strict && base != 10) {   /* strict: decimal only, no leading zeros; stops after the prefix */
            *end = i;
            return STATUS_INVALID_PARAMETER;
        }
        size_t start = i;
        ULONGLONG v = 0;
        while (digit_value(CH(i)) < base) {
            v = v * (ULONGLONG)base + (ULONGLONG)digit_value(CH(i));
            if (v > 0xFFFFFFFFu) {
                *end = i;
                return STATUS_INVALID_PARAMETER;
            }
            i++;
        }
        if (i == start && base != 8) {   /* an empty part; a '.' there is taken as its end */
            *end = i + (CH(i) == '.');
            return STATUS_INVALID_PARAMETER;
        }
        parts[count++] = (ULONG)v;
        if (CH(i) != '.')
            break;
        if (count == 4) {   /* a fifth part */
            *end = i;
            return STATUS_INVALID_PARAMETER;
        }
        i++;
    }
    *end = i;
    if (strict && count != 4)
        return STATUS_INVALID_PARAMETER;
    ULONG value = 0;
    for (int k = 0; k < count - 1; k++) {
        if (parts[k] > 255)
            return STATUS_INVALID_PARAMETER;
        value |= parts[k] << (24 - 8 * k);
    }
    ULONG last = parts[count - 1], room = count == 1 ? 0xFFFFFFFFu : (1u << (8 * (5 - count))) - 1;
    if (last > room)
        return STATUS_INVALID_PARAMETER;
    value |= last;
    addr[0] = (BYTE)(value >> 24);
    addr[1] = (BYTE)(value >> 16);
    addr[2] = (BYTE)(value >> 8);
    addr[3] = (BYTE)value;
    return STATUS_SUCCESS;
#undef CH
}

NTSTATUS WINAPI RtlIpv4StringToAddressA(const char *s, BOOLEAN strict, const char **terminator, void *addr)
{
    size_t end;
    NTSTATUS status = ipv4_parse(s, false, strict, &end, addr);
    if (terminator)
        *terminator = s + end;
    return status;
}

NTSTATUS WINAPI RtlIpv4StringToAddressW(PCWSTR s, BOOLEAN strict, PCWSTR *terminator, void *addr)
{
    size_t end;
    NTSTATUS status = ipv4_parse(s, true, strict, &end, addr);
    if (terminator)
        *terminator = s + end;
    return status;
}

/* The whole string: an address and an optional ":port" (decimal, 1..65535, stored in network order; *port is
 * left alone when there is none). The address is stored once it parses, even if the port then fails. */
static NTSTATUS ipv4_parse_ex(const void *s, bool wide, BOOLEAN strict, void *addr, USHORT *port)
{
#define CH(i) (wide ? ((const WCHAR *)s)[i] : (WCHAR)((const unsigned char *)s)[i])
    if (!s || !addr || !port)
        return STATUS_INVALID_PARAMETER;
    size_t i;
    NTSTATUS status = ipv4_parse(s, wide, strict, &i, addr);
    if (status != STATUS_SUCCESS)
        return status;
    if (CH(i) == ':') {
        ULONG p = 0;
        size_t start = ++i;
        while (CH(i) >= '0' && CH(i) <= '9' && p <= 65535)
            p = p * 10 + (ULONG)(CH(i++) - '0');
        if (i == start || p == 0 || p > 65535 || CH(i))
            return STATUS_INVALID_PARAMETER;
        *port = (USHORT)((p >> 8) | (p & 0xFF) << 8);
        return STATUS_SUCCESS;
    }
    return CH(i) ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
#undef CH
}

NTSTATUS WINAPI RtlIpv4StringToAddressExA(const char *s, BOOLEAN strict, void *addr, USHORT *port)
{
    return ipv4_parse_ex(s, false, strict, addr, port);
}

NTSTATUS WINAPI RtlIpv4StringToAddressExW(PCWSTR s, BOOLEAN strict, void *addr, USHORT *port)
{
    return ipv4_parse_ex(s, true, strict, addr, port);
}

/* ---- strings from NUL-terminated ANSI text ------------------------------------------------------------- */

BOOLEAN WINAPI RtlCreateUnicodeStringFromAsciiz(PUNICODE_STRING dst, const char *src)
{
    ANSI_STRING a;
    RtlInitAnsiString(&a, src);
    return RtlAnsiStringToUnicodeString(dst, &a, TRUE) == STATUS_SUCCESS;
}
