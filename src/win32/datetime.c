/*
 * GetDateFormat and GetTimeFormat: a SYSTEMTIME (NULL: now, local time) through a picture, the locale's own
 * (LOCALE_SSHORTDATE, LOCALE_SLONGDATE, LOCALE_SYEARMONTH, LOCALE_STIMEFORMAT) or the caller's. Text in single
 * quotes is copied as it stands ('' is one quote); other characters that are no picture letters too.
 */
#include <string.h>

#include "win32/nls.h"

#define DATE_SHORTDATE        0x00000001
#define DATE_LONGDATE         0x00000002
#define DATE_USE_ALT_CALENDAR 0x00000004
#define DATE_YEARMONTH        0x00000008
#define DATE_LTRREADING       0x00000010
#define DATE_RTLREADING       0x00000020
#define DATE_AUTOLAYOUT       0x00000040
#define DATE_MONTHDAY         0x00000080
#define TIME_NOMINUTESORSECONDS 0x00000001
#define TIME_NOSECONDS          0x00000002
#define TIME_NOTIMEMARKER       0x00000004
#define TIME_FORCE24HOURFORMAT  0x00000008
#define LOCALE_NOUSEROVERRIDE   0x80000000
#define LOCALE_USE_CP_ACP       0x40000000

void WINAPI GetLocalTime(LPSYSTEMTIME st);

/* The result is built here first (a picture longer than this is truncated), then copied out. */
struct out {
    WCHAR buf[512];
    int n, field_end;
};

static void put(struct out *o, WCHAR c)
{
    if (o->n < (int)ARRAY_SIZE(o->buf))
        o->buf[o->n++] = c;
}

static void put_str(struct out *o, const WCHAR *s)
{
    while (*s)
        put(o, *s++);
}

static void put_num(struct out *o, unsigned v, int digits)
{
    WCHAR tmp[12];
    int n = 0;
    do {
        tmp[n++] = (WCHAR)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < digits)
        tmp[n++] = '0';
    while (n)
        put(o, tmp[--n]);
}

/* Day of the week (0 = Sunday) by Zeller's congruence, as Windows computes it rather than trusting the
 * caller's wDayOfWeek. */
static int day_of_week(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static bool valid_date(const SYSTEMTIME *st)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (st->wMonth < 1 || st->wMonth > 12 || st->wYear < 1601 || st->wYear > 30827 || st->wDay < 1)
        return false;
    int y = st->wYear;
    int max = days[st->wMonth - 1] + (st->wMonth == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
    return st->wDay <= max;
}

static bool valid_time(const SYSTEMTIME *st)
{
    return st->wHour < 24 && st->wMinute < 60 && st->wSecond < 60 && st->wMilliseconds < 1000;
}

/* Runs picture p for st: date letters (d M y g) when date, time letters (h H m s t) when !date. Letters of
 * the other kind are copied as text. Returns the length with the NUL. */
static int format(LCID lcid, const SYSTEMTIME *st, const WCHAR *p, bool date, DWORD flags, struct out *o)
{
    while (*p) {
        WCHAR c = *p;
        if (c == '\'') {
            p++;
            while (*p) {
                if (*p == '\'') {
                    if (p[1] != '\'')
                        break;
                    p++;
                }
                put(o, *p++);
            }
            if (*p)
                p++;
            continue;
        }
        int count = 1;
        while (p[count] == c)
            count++;
        bool letter = date ? (c == 'd' || c == 'M' || c == 'y' || c == 'g')
                           : (c == 'h' || c == 'H' || c == 'm' || c == 's' || c == 't');
        if (!letter) {
            put(o, c);
            p++;
            continue;
        }
        p += count;
        if (!date && (flags & TIME_NOMINUTESORSECONDS) && (c == 'm' || c == 's'))
            goto skip_separator;
        if (!date && (flags & TIME_NOSECONDS) && c == 's')
            goto skip_separator;
        if (!date && (flags & TIME_NOTIMEMARKER) && c == 't')
            goto skip_separator;
        switch (c) {
        case 'd':
            if (count <= 2)
                put_num(o, st->wDay, count);
            else
                put_str(o, NlsLocaleString(lcid, (count == 3 ? 0x31 : 0x2A) +
                                                     (day_of_week(st->wYear, st->wMonth, st->wDay) + 6) % 7));
            break;
        case 'M':
            if (count <= 2)
                put_num(o, st->wMonth, count);
            else
                put_str(o, NlsLocaleString(lcid, (count == 3 ? 0x44 : 0x38) + st->wMonth - 1));
            break;
        case 'y':
            if (count <= 2)
                put_num(o, st->wYear % 100, count);
            else
                put_num(o, st->wYear, 1);
            break;
        case 'g':
            put_str(o, u"A.D.");
            break;
        case 'h':
        case 'H': {
            unsigned h = st->wHour;
            if (c == 'h' && !(flags & TIME_FORCE24HOURFORMAT)) {
                h %= 12;
                if (!h)
                    h = 12;
            }
            put_num(o, h, count > 1 ? 2 : 1);
            break;
        }
        case 'm':
            put_num(o, st->wMinute, count > 1 ? 2 : 1);
            break;
        case 's':
            put_num(o, st->wSecond, count > 1 ? 2 : 1);
            break;
        case 't': {
            const WCHAR *marker = NlsLocaleString(lcid, st->wHour < 12 ? 0x28 : 0x29);
            if (count == 1)
                put(o, marker[0]);
            else
                put_str(o, marker);
            break;
        }
        }
        o->field_end = o->n;
        continue;
    skip_separator:
        /* the text since the previous field goes with a left-out field (h:mm:ss tt -> h:mm tt) */
        o->n = o->field_end;
    }
    put(o, 0);
    return o->n;
}

static int finish(const struct out *o, LPWSTR buf, int size)
{
    if (!size)
        return o->n;
    if (o->n > size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(buf, o->buf, o->n * sizeof(WCHAR));
    return o->n;
}

static int date_format(LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCWSTR picture, LPWSTR buf, int size)
{
    if (size < 0 || (size && !buf)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD kind = flags & (DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_MONTHDAY);
    if ((flags & ~(DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_MONTHDAY | DATE_USE_ALT_CALENDAR |
                   DATE_LTRREADING | DATE_RTLREADING | DATE_AUTOLAYOUT | LOCALE_NOUSEROVERRIDE |
                   LOCALE_USE_CP_ACP)) ||
        (kind & (kind - 1)) || (picture && kind) ||
        (flags & (DATE_LTRREADING | DATE_RTLREADING)) == (DATE_LTRREADING | DATE_RTLREADING)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    SYSTEMTIME now;
    if (!st) {
        GetLocalTime(&now);
        st = &now;
    } else if (!valid_date(st)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!picture)
        picture = NlsLocaleString(id, kind == DATE_LONGDATE ? 0x20 : kind == DATE_YEARMONTH ? 0x1006
                                                             : kind == DATE_MONTHDAY ? 0x78 : 0x1F);
    struct out o = {.n = 0};
    format(id, st, picture, true, 0, &o);
    return finish(&o, buf, size);
}

static int time_format(LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCWSTR picture, LPWSTR buf, int size)
{
    if (size < 0 || (size && !buf)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if ((flags & ~(TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT |
                   LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP)) ||
        (picture && (flags & LOCALE_NOUSEROVERRIDE))) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    SYSTEMTIME now;
    if (!st) {
        GetLocalTime(&now);
        st = &now;
    } else if (!valid_time(st)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!picture)
        picture = NlsLocaleString(id, 0x1003);
    struct out o = {.n = 0};
    format(id, st, picture, false, flags, &o);
    return finish(&o, buf, size);
}

int WINAPI GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCWSTR picture, LPWSTR buf, int size)
{
    return date_format(lcid, flags, st, picture, buf, size);
}

int WINAPI GetDateFormatEx(LPCWSTR name, DWORD flags, const SYSTEMTIME *st, LPCWSTR picture, LPWSTR buf,
                           int size, LPCWSTR calendar)
{
    LCID lcid = NlsResolveName(name);
    if (!lcid || calendar) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return date_format(lcid, flags, st, picture, buf, size);
}

int WINAPI GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCWSTR picture, LPWSTR buf, int size)
{
    return time_format(lcid, flags, st, picture, buf, size);
}

int WINAPI GetTimeFormatEx(LPCWSTR name, DWORD flags, const SYSTEMTIME *st, LPCWSTR picture, LPWSTR buf,
                           int size)
{
    LCID lcid = NlsResolveName(name);
    if (!lcid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return time_format(lcid, flags, st, picture, buf, size);
}

/* The "A" forms: the picture in, the result out through the ANSI code page; sizes count bytes. */
static int ansi_format(bool date, LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCSTR picture, LPSTR buf,
                       int size)
{
    if (size < 0 || (size && !buf)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    BOOL ok = TRUE;
    WCHAR *wpic = BaseAnsiToWide(picture, &ok);
    if (!ok)
        return 0;
    WCHAR out[256];
    int n = date ? date_format(lcid, flags, st, wpic, out, ARRAY_SIZE(out))
                 : time_format(lcid, flags, st, wpic, out, ARRAY_SIZE(out));
    BaseFreeWide(wpic);
    if (!n)
        return 0;
    return WideCharToMultiByte(CP_ACP, 0, out, n, buf, size, NULL, NULL);
}

int WINAPI GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCSTR picture, LPSTR buf, int size)
{
    return ansi_format(true, lcid, flags, st, picture, buf, size);
}

int WINAPI GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *st, LPCSTR picture, LPSTR buf, int size)
{
    return ansi_format(false, lcid, flags, st, picture, buf, size);
}

/* ---- numbers ------------------------------------------------------------------------------------------------ */

typedef struct _NUMBERFMTW {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPWSTR lpDecimalSep;
    LPWSTR lpThousandSep;
    UINT NegativeOrder;
} NUMBERFMTW;

static UINT locale_uint(LCID lcid, LCTYPE type)
{
    const WCHAR *s = NlsLocaleString(lcid, type);
    UINT v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

/* "3;0" (the locale's form) as the NUMBERFMT number 3; "3;2;0" as 32. */
static UINT locale_grouping(LCID lcid)
{
    const WCHAR *s = NlsLocaleString(lcid, 0x0010);
    UINT v = 0;
    for (; *s; s++)
        if (*s >= '1' && *s <= '9')
            v = v * 10 + (*s - '0');
    return v;
}

/* A number string ("-1234.5678": an optional minus, digits, an optional point and digits) formatted with the
 * locale's or the caller's NUMBERFMT: rounded half up to NumDigits, grouped, the negative order of
 * LOCALE_INEGNUMBER (0 "(1.1)", 1 "-1.1", 2 "- 1.1", 3 "1.1-", 4 "1.1 -"). */
static int number_format(LCID id, DWORD flags, LPCWSTR value, const NUMBERFMTW *fmt, LPWSTR buf, int size)
{
    if (!value || size < 0 || (size && !buf)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if ((flags & ~LOCALE_NOUSEROVERRIDE) || (fmt && flags)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    NUMBERFMTW f;
    if (fmt) {
        f = *fmt;
        if (!f.lpDecimalSep || !f.lpThousandSep || f.NegativeOrder > 4) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
    } else {
        f = (NUMBERFMTW){locale_uint(id, 0x0011), locale_uint(id, 0x0012), locale_grouping(id),
                         (LPWSTR)NlsLocaleString(id, 0x000E), (LPWSTR)NlsLocaleString(id, 0x000F),
                         locale_uint(id, 0x1010)};
    }
    const WCHAR *p = value;
    bool negative = *p == '-';
    if (negative)
        p++;
    char digits[128];
    size_t ni = 0, nf = 0;
    for (; *p >= '0' && *p <= '9'; p++)
        if (ni < 64)
            digits[ni++] = (char)*p;
    char frac[64];
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (nf < sizeof frac)
                frac[nf++] = (char)*p;
    if (*p || f.NumDigits > 9) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    /* round half up at NumDigits, carrying into the integer part */
    memcpy(digits + ni, frac, nf);
    size_t total = ni + nf, keep = ni + f.NumDigits;
    while (total < keep)
        digits[total++] = '0';
    if (total > keep && digits[keep] >= '5') {
        size_t i = keep;
        while (i > 0 && digits[i - 1] == '9')
            digits[--i] = '0';
        if (i == 0) {
            memmove(digits + 1, digits, keep);
            digits[0] = '1';
            ni++;
            keep++;
        } else {
            digits[i - 1]++;
        }
    }
    /* a negative number that rounds to zero keeps its sign ("-0.001" is "-0.00"), as Wine has it */
    struct out o = {.n = 0};
    if (negative && f.NegativeOrder == 0)
        put(&o, '(');
    if (negative && (f.NegativeOrder == 1 || f.NegativeOrder == 2)) {
        put_str(&o, NlsLocaleString(id, 0x0051));
        if (f.NegativeOrder == 2)
            put(&o, ' ');
    }
    /* the integer part without leading zeros, grouped: the first group size, then the second repeated */
    size_t start = 0;
    while (start < ni && digits[start] == '0')
        start++;
    size_t len = ni - start;
    if (!len && (f.LeadingZero || !f.NumDigits))
        put(&o, '0');
    UINT g1 = f.Grouping % 10, g2 = g1, grouping = f.Grouping;
    if (grouping >= 10) {
        g2 = grouping % 10;
        g1 = grouping / 10 % 10;
    }
    for (size_t i = 0; i < len; i++) {
        put(&o, (WCHAR)digits[start + i]);
        size_t left = len - i - 1;
        if (!left || !g1)
            continue;
        bool sep = left == g1 || (left > g1 && g2 && (left - g1) % g2 == 0);
        if (sep)
            put_str(&o, f.lpThousandSep);
    }
    if (f.NumDigits) {
        put_str(&o, f.lpDecimalSep);
        for (size_t i = ni; i < keep; i++)
            put(&o, (WCHAR)digits[i]);
    }
    if (negative && (f.NegativeOrder == 3 || f.NegativeOrder == 4)) {
        if (f.NegativeOrder == 4)
            put(&o, ' ');
        put_str(&o, NlsLocaleString(id, 0x0051));
    }
    if (negative && f.NegativeOrder == 0)
        put(&o, ')');
    put(&o, 0);
    return finish(&o, buf, size);
}

int WINAPI GetNumberFormatW(LCID lcid, DWORD flags, LPCWSTR value, const NUMBERFMTW *fmt, LPWSTR buf, int size)
{
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return number_format(id, flags, value, fmt, buf, size);
}

int WINAPI GetNumberFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value, const NUMBERFMTW *fmt, LPWSTR buf, int size)
{
    LCID id = NlsResolveName(name);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return number_format(id, flags, value, fmt, buf, size);
}

/* ---- currency ----------------------------------------------------------------------------------------------- */

typedef struct _CURRENCYFMTW {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPWSTR lpDecimalSep;
    LPWSTR lpThousandSep;
    UINT NegativeOrder;
    UINT PositiveOrder;
    LPWSTR lpCurrencySymbol;
} CURRENCYFMTW;

/* LOCALE_ICURRENCY's and LOCALE_INEGCURR's orders as Microsoft lists them: '$' the symbol, 'n' the number,
 * '-' the negative sign. */
static const char *const positive_currency[4] = {"$n", "n$", "$ n", "n $"};
static const char *const negative_currency[16] = {"($n)", "-$n", "$-n", "$n-", "(n$)", "-n$", "n-$", "n$-",
                                                  "-n $", "-$ n", "n $-", "$ n-", "$ -n", "n- $", "($ n)", "(n $)"};

/* The number as GetNumberFormat gives it without its sign, placed in the order with the currency symbol. */
static int currency_format(LCID id, DWORD flags, LPCWSTR value, const CURRENCYFMTW *fmt, LPWSTR buf, int size)
{
    if (!value || size < 0 || (size && !buf)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if ((flags & ~LOCALE_NOUSEROVERRIDE) || (fmt && flags)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    CURRENCYFMTW f;
    if (fmt) {
        f = *fmt;
        if (!f.lpDecimalSep || !f.lpThousandSep || !f.lpCurrencySymbol || f.NegativeOrder > 15 ||
            f.PositiveOrder > 3) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
    } else {
        const WCHAR *g = NlsLocaleString(id, 0x0018);   /* LOCALE_SMONGROUPING, "3;0" */
        UINT grouping = 0;
        for (; *g; g++)
            if (*g >= '1' && *g <= '9')
                grouping = grouping * 10 + (*g - '0');
        f = (CURRENCYFMTW){locale_uint(id, 0x0019), locale_uint(id, 0x0012), grouping,
                           (LPWSTR)NlsLocaleString(id, 0x0016), (LPWSTR)NlsLocaleString(id, 0x0017),
                           locale_uint(id, 0x001C), locale_uint(id, 0x001B), (LPWSTR)NlsLocaleString(id, 0x0014)};
        if (f.NegativeOrder > 15 || f.PositiveOrder > 3)
            f.NegativeOrder = f.PositiveOrder = 0;
    }
    bool negative = *value == '-';
    NUMBERFMTW n = {f.NumDigits, f.LeadingZero, f.Grouping, f.lpDecimalSep, f.lpThousandSep, 1};
    WCHAR number[256];
    if (!number_format(id, 0, negative ? value + 1 : value, &n, number, ARRAY_SIZE(number)))
        return 0;
    struct out o = {.n = 0};
    for (const char *p = negative ? negative_currency[f.NegativeOrder] : positive_currency[f.PositiveOrder]; *p;
         p++) {
        if (*p == '$')
            put_str(&o, f.lpCurrencySymbol);
        else if (*p == 'n')
            put_str(&o, number);
        else if (*p == '-')
            put_str(&o, NlsLocaleString(id, 0x0051));
        else
            put(&o, (WCHAR)*p);
    }
    put(&o, 0);
    return finish(&o, buf, size);
}

int WINAPI GetCurrencyFormatW(LCID lcid, DWORD flags, LPCWSTR value, const CURRENCYFMTW *fmt, LPWSTR buf, int size)
{
    LCID id = NlsResolveLcid(lcid);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return currency_format(id, flags, value, fmt, buf, size);
}

int WINAPI GetCurrencyFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value, const CURRENCYFMTW *fmt, LPWSTR buf,
                               int size)
{
    LCID id = NlsResolveName(name);
    if (!id) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return currency_format(id, flags, value, fmt, buf, size);
}

/* The A forms: strings in the ANSI page (UTF-8) both ways; the result's length is in bytes. */
typedef struct _NUMBERFMTA {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPSTR lpDecimalSep;
    LPSTR lpThousandSep;
    UINT NegativeOrder;
} NUMBERFMTA;

typedef struct _CURRENCYFMTA {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPSTR lpDecimalSep;
    LPSTR lpThousandSep;
    UINT NegativeOrder;
    UINT PositiveOrder;
    LPSTR lpCurrencySymbol;
} CURRENCYFMTA;

static int ansi_number(bool currency, LCID lcid, DWORD flags, LPCSTR value, const void *fmt, LPSTR buf, int size)
{
    if (!value || size < 0 || (size && !buf)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    BOOL ok = TRUE;
    WCHAR *wvalue = BaseAnsiToWide(value, &ok), *dec = NULL, *thou = NULL, *sym = NULL;
    WCHAR out[256];
    int n = 0;
    if (!ok)
        return 0;
    if (currency) {
        const CURRENCYFMTA *a = fmt;
        CURRENCYFMTW w;
        if (a) {
            BOOL ok1, ok2, ok3;
            dec = BaseAnsiToWide(a->lpDecimalSep, &ok1);
            thou = BaseAnsiToWide(a->lpThousandSep, &ok2);
            sym = BaseAnsiToWide(a->lpCurrencySymbol, &ok3);
            ok = ok1 && ok2 && ok3;
            w = (CURRENCYFMTW){a->NumDigits, a->LeadingZero, a->Grouping, dec, thou, a->NegativeOrder,
                               a->PositiveOrder, sym};
        }
        if (ok)
            n = GetCurrencyFormatW(lcid, flags, wvalue, a ? &w : NULL, out, ARRAY_SIZE(out));
    } else {
        const NUMBERFMTA *a = fmt;
        NUMBERFMTW w;
        if (a) {
            BOOL ok1, ok2;
            dec = BaseAnsiToWide(a->lpDecimalSep, &ok1);
            thou = BaseAnsiToWide(a->lpThousandSep, &ok2);
            ok = ok1 && ok2;
            w = (NUMBERFMTW){a->NumDigits, a->LeadingZero, a->Grouping, dec, thou, a->NegativeOrder};
        }
        if (ok)
            n = GetNumberFormatW(lcid, flags, wvalue, a ? &w : NULL, out, ARRAY_SIZE(out));
    }
    BaseFreeWide(wvalue);
    BaseFreeWide(dec);
    BaseFreeWide(thou);
    BaseFreeWide(sym);
    if (!n)
        return 0;
    return WideCharToMultiByte(CP_ACP, 0, out, n, buf, size, NULL, NULL);
}

int WINAPI GetNumberFormatA(LCID lcid, DWORD flags, LPCSTR value, const NUMBERFMTA *fmt, LPSTR buf, int size)
{
    return ansi_number(false, lcid, flags, value, fmt, buf, size);
}

int WINAPI GetCurrencyFormatA(LCID lcid, DWORD flags, LPCSTR value, const CURRENCYFMTA *fmt, LPSTR buf, int size)
{
    return ansi_number(true, lcid, flags, value, fmt, buf, size);
}
