/*
 * user32's own printf: wsprintfA/W and wvsprintfA/W (and shlwapi's wnsprintf, which is the same engine
 * with a caller-given size). Not the CRT's rules: no floating point, no %n, no '+' or ' ' flags; a
 * specification is [-][#][0][width][.precision][l|h|w|I|I32|I64]type with types c C d i s S u x X p;
 * %s and %c take the width of the function (%hs/%hc narrow, %ls/%lc/%ws wide), %S/%C the other width.
 * An unknown type prints the character itself. wsprintf writes at most 1024 characters, the NUL
 * included (Microsoft's documentation: "The maximum size of the buffer is 1,024 bytes").
 */
#include <string.h>

#include "user32/user32.h"
#include "win32/k32.h"

int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL *used_default);

enum { LEFT = 1, HEXPREFIX = 2, ZERO = 4, LONGF = 8, SHORTF = 0x10, UPPER = 0x20, WIDEF = 0x40, PTRF = 0x80,
       I64F = 0x100 };
enum spec_type { T_UNKNOWN, T_CHAR, T_WCHAR, T_STRING, T_WSTRING, T_SIGNED, T_UNSIGNED, T_HEX };

struct spec {
    unsigned flags, width, precision;
    enum spec_type type;
};

struct out {
    BOOL wide;          /* output (and format) of WCHARs */
    void *buf;
    unsigned pos, max;  /* max: room for characters, the NUL excluded */
};

static unsigned fmt_at(const void *fmt, BOOL wide, size_t i)
{
    return wide ? ((const WCHAR *)fmt)[i] : (unsigned char)((const char *)fmt)[i];
}

static BOOL put(struct out *o, unsigned c)
{
    if (o->pos >= o->max)
        return FALSE;
    if (o->wide)
        ((WCHAR *)o->buf)[o->pos++] = (WCHAR)c;
    else
        ((char *)o->buf)[o->pos++] = (char)c;
    return TRUE;
}

/* Parses the specification after '%' at fmt[i]; returns the index after it (an unknown type character
 * is left in place, to be printed as text). */
static size_t parse_spec(const void *fmt, BOOL wide, size_t i, struct spec *s)
{
    memset(s, 0, sizeof *s);
    unsigned c = fmt_at(fmt, wide, i);
    if (c == '-') { s->flags |= LEFT; c = fmt_at(fmt, wide, ++i); }
    if (c == '#') { s->flags |= HEXPREFIX; c = fmt_at(fmt, wide, ++i); }
    if (c == '0') { s->flags |= ZERO; c = fmt_at(fmt, wide, ++i); }
    for (; c >= '0' && c <= '9'; c = fmt_at(fmt, wide, ++i))
        s->width = s->width * 10 + (c - '0');
    if (c == '.')
        for (c = fmt_at(fmt, wide, ++i); c >= '0' && c <= '9'; c = fmt_at(fmt, wide, ++i))
            s->precision = s->precision * 10 + (c - '0');
    if (c == 'l') { s->flags |= LONGF; c = fmt_at(fmt, wide, ++i); }
    else if (c == 'h') { s->flags |= SHORTF; c = fmt_at(fmt, wide, ++i); }
    else if (c == 'w') { s->flags |= WIDEF; c = fmt_at(fmt, wide, ++i); }
    else if (c == 'I') {
        if (fmt_at(fmt, wide, i + 1) == '6' && fmt_at(fmt, wide, i + 2) == '4') { s->flags |= I64F; i += 3; }
        else if (fmt_at(fmt, wide, i + 1) == '3' && fmt_at(fmt, wide, i + 2) == '2') i += 3;
        else { s->flags |= PTRF; i++; }
        c = fmt_at(fmt, wide, i);
    }
    /* "Own width" for c and s: narrow in the A functions, wide in the W functions. */
    BOOL w_own = wide ? !(s->flags & SHORTF) || (s->flags & WIDEF) : (s->flags & (LONGF | WIDEF)) != 0;
    BOOL w_other = wide ? (s->flags & (LONGF | WIDEF)) != 0 : !(s->flags & (SHORTF | WIDEF)) || (s->flags & WIDEF);
    switch (c) {
    case 'c': s->type = w_own ? T_WCHAR : T_CHAR; break;
    case 'C': s->type = w_other ? T_WCHAR : T_CHAR; break;
    case 's': s->type = w_own ? T_WSTRING : T_STRING; break;
    case 'S': s->type = w_other ? T_WSTRING : T_STRING; break;
    case 'd': case 'i': s->type = T_SIGNED; break;
    case 'u': s->type = T_UNSIGNED; break;
    case 'p':
        s->width = 2 * sizeof(void *);
        s->flags |= ZERO | PTRF | UPPER;
        s->type = T_HEX;
        break;
    case 'X': s->flags |= UPPER; /* fall through */
    case 'x': s->type = T_HEX; break;
    default: s->type = T_UNKNOWN; return i;
    }
    return i + 1;
}

/* Bytes of the ANSI form of one UTF-16 unit (surrogates: counted by pairs, 4 bytes for the pair). */
static int ansi_len(const WCHAR *p)
{
    int units = (p[0] >= 0xD800 && p[0] < 0xDC00 && p[1] >= 0xDC00 && p[1] < 0xE000) ? 2 : 1;
    return WideCharToMultiByte(CP_ACP, 0, p, units, NULL, 0, NULL, NULL);
}

int User32pFormat(void *buffer, BOOL wide, unsigned maxlen, const void *fmt, __builtin_ms_va_list ap, BOOL *truncated)
{
    struct out o = {wide, buffer, 0, maxlen ? maxlen - 1 : 0};
    size_t i = 0;
    *truncated = FALSE;
    if (!maxlen)
        return -1;
    while (fmt_at(fmt, wide, i)) {
        unsigned c = fmt_at(fmt, wide, i);
        if (o.pos >= o.max) {
            *truncated = TRUE;
            break;
        }
        if (c != '%' || fmt_at(fmt, wide, i + 1) == '%') {
            put(&o, c);
            i += c == '%' ? 2 : 1;
            continue;
        }
        struct spec s;
        i = parse_spec(fmt, wide, i + 1, &s);
        unsigned room = o.max - o.pos;
        LONGLONG v = 0;
        const char *str = NULL;
        const WCHAR *wstr = NULL;
        unsigned ch = 0;
        switch (s.type) {
        case T_CHAR: ch = (unsigned char)__builtin_va_arg(ap, int); break;
        case T_WCHAR: ch = (WCHAR)__builtin_va_arg(ap, int); break;
        case T_STRING: str = __builtin_va_arg(ap, const char *); if (!str) str = "(null)"; break;
        case T_WSTRING: wstr = __builtin_va_arg(ap, const WCHAR *); if (!wstr) wstr = u"(null)"; break;
        case T_SIGNED: case T_UNSIGNED: case T_HEX:
            if (s.flags & PTRF)
                v = __builtin_va_arg(ap, LONGLONG);
            else if (s.flags & I64F)
                v = __builtin_va_arg(ap, LONGLONG);
            else
                v = __builtin_va_arg(ap, INT);
            break;
        case T_UNKNOWN: break;
        }
        if (s.flags & LEFT)
            s.flags &= ~ZERO;
        if (s.width > room)
            s.width = room;
        /* len: the body's characters; s.precision: the characters the body takes with zero padding. */
        unsigned len = 0, sign = 0, prefix = 0;
        char number[24];
        switch (s.type) {
        case T_CHAR: case T_WCHAR: len = s.precision = 1; break;
        case T_STRING:
            while ((!s.precision || len < s.precision) && str[len])
                len++;
            if (len > room) len = room;
            s.precision = len;
            break;
        case T_WSTRING:
            if (wide) {
                while ((!s.precision || len < s.precision) && wstr[len])
                    len++;
            } else {
                for (const WCHAR *p = wstr; (!s.precision || len < s.precision) && *p; p++)
                    len += ansi_len(p);
                if (s.precision && len > s.precision) len = s.precision;
            }
            if (len > room) len = room;
            s.precision = len;
            break;
        case T_SIGNED: case T_UNSIGNED: case T_HEX: {
            const char *digits = (s.flags & UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
            ULONGLONG n = (ULONGLONG)v;
            unsigned base = s.type == T_HEX ? 16 : 10;
            if (s.type == T_SIGNED && v < 0) {
                number[len++] = '-';
                sign = 1;
                n = -(ULONGLONG)v;
            }
            if (!(s.flags & (PTRF | I64F)))
                n = (UINT)n;
            char rev[24];
            unsigned k = 0;
            do {
                rev[k++] = digits[n % base];
                n /= base;
            } while (n);
            while (k)
                number[len++] = rev[--k];
            if (len > room) len = room;
            if (s.precision < len) s.precision = len;
            if (s.precision > room) s.precision = room;
            if ((s.flags & ZERO) && s.width > s.precision) s.precision = s.width;
            if (s.type == T_HEX && (s.flags & HEXPREFIX) && room > 2)
                prefix = 2;
            break;
        }
        case T_UNKNOWN: break;
        }
        if (!(s.flags & LEFT))
            for (unsigned k = s.precision; k < s.width; k++)
                put(&o, ' ');
        switch (s.type) {
        case T_CHAR: case T_WCHAR: put(&o, ch); break;
        case T_STRING:
            for (unsigned k = 0; k < len; k++)
                put(&o, (unsigned char)str[k]);
            break;
        case T_WSTRING:
            if (wide) {
                for (unsigned k = 0; k < len; k++)
                    put(&o, wstr[k]);
            } else {
                unsigned done = 0;
                for (const WCHAR *p = wstr; done < len && *p; p++) {
                    char mb[8];
                    int units = (p[0] >= 0xD800 && p[0] < 0xDC00 && p[1] >= 0xDC00 && p[1] < 0xE000) ? 2 : 1;
                    int n = WideCharToMultiByte(CP_ACP, 0, p, units, mb, sizeof mb, NULL, NULL);
                    if (n <= 0 || done + (unsigned)n > len)
                        break;   /* a character that does not fit whole is left out */
                    for (int k = 0; k < n; k++)
                        put(&o, (unsigned char)mb[k]);
                    done += n;
                    p += units - 1;
                }
            }
            break;
        case T_SIGNED: case T_UNSIGNED: case T_HEX:
            if (prefix) {
                put(&o, '0');
                put(&o, (s.flags & UPPER) ? 'X' : 'x');
            }
            if (sign)
                put(&o, '-');
            for (unsigned k = len; k < s.precision; k++)
                put(&o, '0');
            for (unsigned k = sign; k < len; k++)
                put(&o, (unsigned char)number[k]);
            break;
        case T_UNKNOWN: break;
        }
        if (s.flags & LEFT)
            for (unsigned k = s.precision; k < s.width; k++)
                put(&o, ' ');
    }
    if (fmt_at(fmt, wide, i))
        *truncated = TRUE;
    if (wide)
        ((WCHAR *)buffer)[o.pos] = 0;
    else
        ((char *)buffer)[o.pos] = 0;
    return (int)o.pos;
}

/* A full buffer (1023 characters and the NUL) answers 1024, as Wine's user32 does. */
int WINAPI wvsprintfW(LPWSTR buffer, LPCWSTR format, __builtin_ms_va_list ap)
{
    BOOL truncated;
    int n = User32pFormat(buffer, TRUE, USER32_WSPRINTF_MAX, format, ap, &truncated);
    return n == USER32_WSPRINTF_MAX - 1 ? USER32_WSPRINTF_MAX : n;
}

int WINAPI wvsprintfA(LPSTR buffer, LPCSTR format, __builtin_ms_va_list ap)
{
    BOOL truncated;
    int n = User32pFormat(buffer, FALSE, USER32_WSPRINTF_MAX, format, ap, &truncated);
    return n == USER32_WSPRINTF_MAX - 1 ? USER32_WSPRINTF_MAX : n;
}

int WINAPI wsprintfW(LPWSTR buffer, LPCWSTR format, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = wvsprintfW(buffer, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int WINAPI wsprintfA(LPSTR buffer, LPCSTR format, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = wvsprintfA(buffer, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}
