/*
 * VARIANTs: initialisation, clearing, copying and the type conversions between the integer types,
 * R4/R8/DATE, BOOL and BSTR with Windows' rules: floating values round half to even, a value out of the
 * target's range is DISP_E_OVERFLOW, text that is not a number DISP_E_TYPEMISMATCH, VT_NULL converts to
 * nothing but VT_NULL. Text is parsed and written with the invariant (English) number format; the
 * conversions of CY, DECIMAL and of DATE to or from text, and those through IDispatch, answer E_NOTIMPL.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "oleaut32/oleaut32.h"
#include "win32/k32.h"

BSTR WINAPI SysAllocStringLen(const OLECHAR *s, UINT len);
UINT WINAPI SysStringLen(BSTR s);

#define VARIANT_ALPHABOOL 0x2
#define VARIANT_LOCALBOOL 0x10

void WINAPI VariantInit(VARIANTARG *v)
{
    v->vt = VT_EMPTY;
}

static BOOL base_type_valid(VARTYPE t)
{
    return t <= VT_DECIMAL || (t >= VT_I1 && t <= VT_UINT) || t == VT_RECORD;
}

static HRESULT validate(VARTYPE vt)
{
    VARTYPE base = vt & VT_TYPEMASK;
    if (vt & ~(VT_TYPEMASK | VT_ARRAY | VT_BYREF))
        return DISP_E_BADVARTYPE;
    if (!base_type_valid(base))
        return DISP_E_BADVARTYPE;
    if ((vt & (VT_ARRAY | VT_BYREF)) == 0 && base == VT_VARIANT)
        return DISP_E_BADVARTYPE;   /* a VARIANT holds a VARIANT only by reference or in an array */
    return S_OK;
}

HRESULT WINAPI VariantClear(VARIANTARG *v)
{
    HRESULT hr = validate(v->vt);
    if (hr < 0)
        return hr;
    if (!(v->vt & VT_BYREF)) {
        if (v->vt & VT_ARRAY)
            hr = SafeArrayDestroy(v->parray);
        else if (v->vt == VT_BSTR)
            SysFreeString(v->bstrVal);
        else if ((v->vt == VT_UNKNOWN || v->vt == VT_DISPATCH) && v->punkVal)
            v->punkVal->lpVtbl->Release(v->punkVal);
        if (hr < 0)
            return hr;
    }
    v->vt = VT_EMPTY;
    return S_OK;
}

HRESULT WINAPI VariantCopy(VARIANTARG *dst, const VARIANTARG *src)
{
    HRESULT hr = validate(src->vt);
    if (hr < 0)
        return hr;
    if (dst == src)
        return S_OK;
    hr = VariantClear(dst);
    if (hr < 0)
        return hr;
    VARIANT v = *src;
    if (!(v.vt & VT_BYREF)) {
        if (v.vt & VT_ARRAY) {
            hr = src->parray ? SafeArrayCopy(src->parray, &v.parray) : S_OK;
        } else if (v.vt == VT_BSTR && src->bstrVal) {
            v.bstrVal = SysAllocStringByteLen((const char *)src->bstrVal, SysStringByteLen(src->bstrVal));
            if (!v.bstrVal)
                hr = E_OUTOFMEMORY;
        } else if ((v.vt == VT_UNKNOWN || v.vt == VT_DISPATCH) && v.punkVal) {
            v.punkVal->lpVtbl->AddRef(v.punkVal);
        } else if (v.vt == VT_RECORD) {
            hr = E_NOTIMPL;   /* copying a record needs its IRecordInfo */
        }
    }
    if (hr < 0)
        return hr;
    *dst = v;
    return S_OK;
}

/* ---- conversions ---- */

/* A source value in one of three forms. */
struct num {
    enum { N_INT, N_UINT, N_REAL } kind;
    LONGLONG i;
    ULONGLONG u;
    double d;
};

/* The number syntax of VarParseNumFromStr with NUMPRS_STD: blanks around, a leading sign, digits with
 * thousands separators, a decimal point, an exponent, or &H hexadecimal / &O octal. */
static HRESULT parse_number(const WCHAR *s, UINT len, struct num *out)
{
    char buf[400];
    UINT n = 0, i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len - i >= 3 && s[i] == '&' && (s[i + 1] == 'H' || s[i + 1] == 'h' || s[i + 1] == 'O' || s[i + 1] == 'o')) {
        unsigned base = (s[i + 1] == 'H' || s[i + 1] == 'h') ? 16 : 8;
        ULONGLONG v = 0;
        for (i += 2; i < len; i++) {
            WCHAR c = s[i];
            unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? c - 'a' + 10u
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10u : 99u;
            if (d >= base || v > (~0ULL >> (base == 16 ? 4 : 3)))
                return d >= base ? DISP_E_TYPEMISMATCH : DISP_E_OVERFLOW;
            v = v * base + d;
        }
        out->kind = N_UINT, out->u = v;
        return S_OK;
    }
    BOOL digits = FALSE, real = FALSE;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        buf[n++] = (char)s[i++];
    for (; i < len && n < sizeof buf - 1; i++) {
        WCHAR c = s[i];
        if (c >= '0' && c <= '9') {
            buf[n++] = (char)c, digits = TRUE;
        } else if (c == ',' && digits && !real) {
            continue;
        } else if (c == '.' && !real) {
            buf[n++] = '.', real = TRUE;
        } else if ((c == 'e' || c == 'E') && digits) {
            buf[n++] = 'e', real = TRUE;
            if (i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-'))
                buf[n++] = (char)s[++i];
            if (i + 1 >= len)
                return DISP_E_TYPEMISMATCH;
            for (i++; i < len && n < sizeof buf - 1; i++) {
                if (s[i] < '0' || s[i] > '9')
                    return DISP_E_TYPEMISMATCH;
                buf[n++] = (char)s[i];
            }
            break;
        } else {
            return DISP_E_TYPEMISMATCH;
        }
    }
    if (!digits || i < len)
        return DISP_E_TYPEMISMATCH;
    buf[n] = 0;
    if (!real) {
        BOOL neg = buf[0] == '-';
        ULONGLONG v = 0;
        BOOL big = FALSE;
        for (const char *p = buf + (buf[0] == '-' || buf[0] == '+'); *p; p++) {
            if (v > (~0ULL - (ULONGLONG)(*p - '0')) / 10) {
                big = TRUE;
                break;
            }
            v = v * 10 + (ULONGLONG)(*p - '0');
        }
        if (!big) {
            if (!neg) {
                out->kind = N_UINT, out->u = v;
                return S_OK;
            }
            if (v <= (1ULL << 63)) {
                out->kind = N_INT, out->i = (LONGLONG)(0 - v);
                return S_OK;
            }
        }
    }
    double d = strtod(buf, NULL);
    if (isinf(d))
        return DISP_E_OVERFLOW;
    out->kind = N_REAL, out->d = d;
    return S_OK;
}

static BOOL bstr_equal_ci(BSTR s, const char *word)
{
    UINT n = SysStringLen(s), k = (UINT)strlen(word);
    if (n != k)
        return FALSE;
    for (UINT i = 0; i < n; i++) {
        WCHAR c = s[i] >= 'a' && s[i] <= 'z' ? (WCHAR)(s[i] - 32) : s[i];
        if (c != (WCHAR)word[i])
            return FALSE;
    }
    return TRUE;
}

static HRESULT source_number(const VARIANT *v, VARTYPE target, struct num *n)
{
    n->kind = N_INT;
    switch (v->vt) {
    case VT_EMPTY: n->i = 0; return S_OK;
    case VT_I1: n->i = (signed char)v->cVal; return S_OK;
    case VT_I2: n->i = v->iVal; return S_OK;
    case VT_BOOL: n->i = v->boolVal; return S_OK;
    case VT_I4: case VT_INT: n->i = v->lVal; return S_OK;
    case VT_I8: n->i = v->llVal; return S_OK;
    case VT_UI1: n->i = v->bVal; return S_OK;
    case VT_UI2: n->i = v->uiVal; return S_OK;
    case VT_UI4: case VT_UINT: n->i = v->ulVal; return S_OK;
    case VT_UI8: n->kind = N_UINT, n->u = v->ullVal; return S_OK;
    case VT_R4: n->kind = N_REAL, n->d = v->fltVal; return S_OK;
    case VT_R8: case VT_DATE: n->kind = N_REAL, n->d = v->dblVal; return S_OK;
    case VT_BSTR:
        if (target == VT_BOOL) {
            if (bstr_equal_ci(v->bstrVal, "TRUE") || bstr_equal_ci(v->bstrVal, "#TRUE#")) {
                n->i = -1;
                return S_OK;
            }
            if (bstr_equal_ci(v->bstrVal, "FALSE") || bstr_equal_ci(v->bstrVal, "#FALSE#")) {
                n->i = 0;
                return S_OK;
            }
        }
        return parse_number(v->bstrVal ? v->bstrVal : (const WCHAR *)L"", SysStringLen(v->bstrVal), n);
    case VT_NULL:
        return DISP_E_TYPEMISMATCH;
    default:
        return E_NOTIMPL;
    }
}

/* The integer range of each integer type, and where its value goes. */
static HRESULT store_integer(VARIANT *d, VARTYPE vt, const struct num *n)
{
    LONGLONG lo, i;
    ULONGLONG hi, u;
    switch (vt) {
    case VT_I1: lo = -128, hi = 127; break;
    case VT_I2: lo = -32768, hi = 32767; break;
    case VT_I4: case VT_INT: lo = INT32_MIN, hi = INT32_MAX; break;
    case VT_I8: lo = INT64_MIN, hi = INT64_MAX; break;
    case VT_UI1: lo = 0, hi = 255; break;
    case VT_UI2: lo = 0, hi = 65535; break;
    case VT_UI4: case VT_UINT: lo = 0, hi = UINT32_MAX; break;
    default: lo = 0, hi = UINT64_MAX; break;   /* VT_UI8 */
    }
    BOOL neg;
    if (n->kind == N_REAL) {
        double r = nearbyint(n->d);   /* the default rounding: half to even */
        if (isnan(r) || r < -9223372036854775808.0 || r >= 18446744073709551616.0)
            return DISP_E_OVERFLOW;
        neg = r < 0;
        if (neg)
            i = (LONGLONG)r, u = 0;
        else
            u = (ULONGLONG)r, i = 0;
    } else if (n->kind == N_UINT) {
        neg = FALSE, u = n->u, i = 0;
    } else {
        neg = n->i < 0, i = n->i, u = neg ? 0 : (ULONGLONG)n->i;
    }
    if (neg ? i < lo : u > hi)
        return DISP_E_OVERFLOW;
    LONGLONG value = neg ? i : (LONGLONG)u;
    switch (vt) {
    case VT_I1: d->cVal = (CHAR)value; break;
    case VT_UI1: d->bVal = (BYTE)value; break;
    case VT_I2: case VT_UI2: d->iVal = (SHORT)value; break;
    case VT_I4: case VT_INT: case VT_UI4: case VT_UINT: d->lVal = (LONG)value; break;
    default: d->llVal = value; break;
    }
    d->vt = vt;
    return S_OK;
}

static double num_to_double(const struct num *n)
{
    return n->kind == N_REAL ? n->d : n->kind == N_UINT ? (double)n->u : (double)n->i;
}

static HRESULT bstr_from_ascii(const char *s, BSTR *out)
{
    WCHAR w[64];
    UINT n = 0;
    for (; s[n] && n < 63; n++)
        w[n] = (WCHAR)(unsigned char)s[n];
    *out = SysAllocStringLen(w, n);
    return *out ? S_OK : E_OUTOFMEMORY;
}

/* VarBstrFromR8/R4: 15 (7) significant digits, the exponent form beyond them, as "%G" writes it. */
static HRESULT bstr_from_value(const VARIANT *s, USHORT flags, BSTR *out)
{
    char buf[64];
    switch (s->vt) {
    case VT_EMPTY: buf[0] = 0; break;
    case VT_BOOL:
        if (flags & (VARIANT_ALPHABOOL | VARIANT_LOCALBOOL))
            return bstr_from_ascii(s->boolVal ? "True" : "False", out);
        snprintf(buf, sizeof buf, "%d", s->boolVal ? -1 : 0);
        break;
    case VT_I1: snprintf(buf, sizeof buf, "%d", (signed char)s->cVal); break;
    case VT_I2: snprintf(buf, sizeof buf, "%d", s->iVal); break;
    case VT_I4: case VT_INT: snprintf(buf, sizeof buf, "%d", s->lVal); break;
    case VT_I8: snprintf(buf, sizeof buf, "%lld", (long long)s->llVal); break;
    case VT_UI1: snprintf(buf, sizeof buf, "%u", s->bVal); break;
    case VT_UI2: snprintf(buf, sizeof buf, "%u", s->uiVal); break;
    case VT_UI4: case VT_UINT: snprintf(buf, sizeof buf, "%u", s->ulVal); break;
    case VT_UI8: snprintf(buf, sizeof buf, "%llu", (unsigned long long)s->ullVal); break;
    case VT_R4: snprintf(buf, sizeof buf, "%.7G", (double)s->fltVal); break;
    case VT_R8: snprintf(buf, sizeof buf, "%.15G", s->dblVal); break;
    case VT_NULL: return DISP_E_TYPEMISMATCH;
    default: return E_NOTIMPL;
    }
    return bstr_from_ascii(buf, out);
}

static int int_size(VARTYPE vt)
{
    switch (vt) {
    case VT_I1: case VT_UI1: return 1;
    case VT_I2: case VT_UI2: return 2;
    case VT_I4: case VT_UI4: case VT_INT: case VT_UINT: return 4;
    case VT_I8: case VT_UI8: return 8;
    default: return 0;
    }
}

static HRESULT coerce(VARIANT *d, const VARIANT *s, USHORT flags, VARTYPE vt, BOOL keep_bits)
{
    struct num n;
    HRESULT hr;
    if (vt == VT_EMPTY) {
        d->vt = VT_EMPTY;
        return S_OK;
    }
    if (vt == VT_NULL)
        return s->vt == VT_EMPTY ? (d->vt = VT_NULL, S_OK) : DISP_E_TYPEMISMATCH;
    if (vt == VT_BSTR) {
        hr = bstr_from_value(s, flags, &d->bstrVal);
        if (hr >= 0)
            d->vt = VT_BSTR;
        return hr;
    }
    switch (vt) {
    case VT_I1: case VT_I2: case VT_I4: case VT_I8: case VT_UI1: case VT_UI2: case VT_UI4: case VT_UI8:
    case VT_INT: case VT_UINT: case VT_R4: case VT_R8: case VT_BOOL: case VT_DATE:
        break;
    default:
        return E_NOTIMPL;
    }
    /* Between the signed and unsigned integer types of one size VariantChangeType keeps the bits (-1 as
     * VT_I4 becomes 4294967295 as VT_UI4), although VarUI4FromI4 itself answers DISP_E_OVERFLOW. */
    int ss = int_size(s->vt), ds = int_size(vt);
    if (keep_bits && ss && ss == ds) {
        d->llVal = 0;
        memcpy(&d->llVal, &s->llVal, (size_t)ss);
        d->vt = vt;
        return S_OK;
    }
    if (vt == VT_DATE && s->vt == VT_BSTR)
        return E_NOTIMPL;   /* date text needs the locale's date formats */
    hr = source_number(s, vt, &n);
    if (hr < 0)
        return hr;
    double x;
    switch (vt) {
    case VT_BOOL:
        d->boolVal = (n.kind == N_REAL ? n.d != 0 : n.kind == N_UINT ? n.u != 0 : n.i != 0) ? VARIANT_TRUE
                                                                                        : VARIANT_FALSE;
        d->vt = VT_BOOL;
        return S_OK;
    case VT_R4:
        x = num_to_double(&n);
        if (fabs(x) > FLT_MAX)
            return DISP_E_OVERFLOW;
        d->fltVal = (float)x;
        d->vt = VT_R4;
        return S_OK;
    case VT_R8:
        d->dblVal = num_to_double(&n);
        d->vt = VT_R8;
        return S_OK;
    case VT_DATE:
        x = num_to_double(&n);
        if (x < -657434.0 || x >= 2958466.0)   /* 1 January 100 to 31 December 9999 */
            return DISP_E_OVERFLOW;
        d->date = x;
        d->vt = VT_DATE;
        return S_OK;
    default:
        return store_integer(d, vt, &n);
    }
}

/* A copy of src with a VT_BYREF reference replaced by the value it points at (dst starts empty). */
static HRESULT copy_ind(VARIANT *dst, const VARIANT *src)
{
    if (!(src->vt & VT_BYREF))
        return VariantCopy(dst, src);
    VARTYPE base = src->vt & ~VT_BYREF;
    if (!src->byref)
        return E_INVALIDARG;
    if (base == VT_VARIANT)
        return VariantCopy(dst, src->byref);
    if (base & VT_ARRAY)
        return E_NOTIMPL;
    VARIANT tmp = {0};
    tmp.vt = base;
    size_t size = base == VT_I8 || base == VT_UI8 || base == VT_R8 || base == VT_DATE || base == VT_BSTR
               || base == VT_UNKNOWN || base == VT_DISPATCH || base == VT_CY ? 8 : base == VT_DECIMAL ? 16 : 4;
    if (base == VT_I1 || base == VT_UI1)
        size = 1;
    else if (base == VT_I2 || base == VT_UI2 || base == VT_BOOL)
        size = 2;
    if (size > sizeof tmp.llVal)
        return E_NOTIMPL;   /* DECIMAL fills the whole VARIANT */
    memcpy(&tmp.llVal, src->byref, size);
    return VariantCopy(dst, &tmp);
}

HRESULT WINAPI VariantCopyInd(VARIANTARG *dst, const VARIANTARG *src)
{
    HRESULT hr = validate(src->vt);
    if (hr < 0)
        return hr;
    VARIANT v;
    v.vt = VT_EMPTY;
    hr = copy_ind(&v, src);
    if (hr < 0)
        return hr;
    hr = VariantClear(dst);
    if (hr < 0) {
        VariantClear(&v);
        return hr;
    }
    *dst = v;
    return S_OK;
}

HRESULT WINAPI VariantChangeTypeEx(VARIANTARG *dst, const VARIANTARG *src, LCID lcid, USHORT flags, VARTYPE vt)
{
    (void)lcid;
    HRESULT hr = validate(src->vt);
    if (hr < 0)
        return hr;
    hr = validate(vt);
    if (hr < 0)
        return hr;
    VARIANT s, d;
    s.vt = VT_EMPTY;
    hr = copy_ind(&s, src);
    if (hr < 0)
        return hr;
    if (s.vt == vt) {
        d = s;
        s.vt = VT_EMPTY;
    } else if ((vt & (VT_ARRAY | VT_BYREF)) || (s.vt & VT_ARRAY)) {
        hr = DISP_E_TYPEMISMATCH;
    } else {
        d.vt = VT_EMPTY;
        d.wReserved1 = d.wReserved2 = d.wReserved3 = 0;
        hr = coerce(&d, &s, flags, vt, TRUE);
    }
    VariantClear(&s);
    if (hr < 0)
        return hr;
    hr = VariantClear(dst);
    if (hr < 0) {
        VariantClear(&d);
        return hr;
    }
    *dst = d;
    return S_OK;
}

HRESULT WINAPI VariantChangeType(VARIANTARG *dst, const VARIANTARG *src, USHORT flags, VARTYPE vt)
{
    return VariantChangeTypeEx(dst, src, 0x0400 /* LOCALE_USER_DEFAULT */, flags, vt);
}

/* ---- dates: days since 30 December 1899, the time of day as the fraction's magnitude ---- */

static LONGLONG days_from_civil(LONGLONG y, unsigned m, unsigned d)
{
    y -= m <= 2;
    LONGLONG era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (LONGLONG)doe - 719468;
}

static void civil_from_days(LONGLONG z, LONGLONG *y, unsigned *m, unsigned *d)
{
    z += 719468;
    LONGLONG era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (LONGLONG)yoe + era * 400 + (*m <= 2);
}

#define DATE_EPOCH_DAYS (-25569LL)   /* 1899-12-30 relative to 1970-01-01 */

INT WINAPI SystemTimeToVariantTime(const SYSTEMTIME *st, double *out)
{
    if (!st || !out)
        return FALSE;
    /* A day past the month's end rolls into the next month (29 February 2023 is 1 March), as the
     * conversion through VarDateFromUdate does. */
    if (st->wYear < 100 || st->wYear > 9999 || st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1
        || st->wDay > 31 || st->wHour > 23 || st->wMinute > 59 || st->wSecond > 59)
        return FALSE;
    LONGLONG days = days_from_civil(st->wYear, st->wMonth, 1) + st->wDay - 1 - DATE_EPOCH_DAYS;
    double frac = (st->wHour * 3600.0 + st->wMinute * 60.0 + st->wSecond) / 86400.0;
    *out = days < 0 ? (double)days - frac : (double)days + frac;
    return TRUE;
}

/* The time of day is rounded to the nearest second. */
INT WINAPI VariantTimeToSystemTime(double date, SYSTEMTIME *st)
{
    if (!st || !(date >= -657434.0 && date < 2958466.0))
        return FALSE;
    double whole = trunc(date);
    LONGLONG days = (LONGLONG)whole;
    LONGLONG secs = llround(fabs(date - whole) * 86400.0);
    if (secs >= 86400) {
        secs -= 86400;
        days += days < 0 ? -1 : 1;
    }
    LONGLONG y;
    unsigned m, d;
    LONGLONG z = days + DATE_EPOCH_DAYS;
    civil_from_days(z, &y, &m, &d);
    if (y < 100 || y > 9999)
        return FALSE;
    st->wYear = (WORD)y, st->wMonth = (WORD)m, st->wDay = (WORD)d;
    st->wDayOfWeek = (WORD)(((z % 7) + 7 + 4) % 7);   /* 1970-01-01 was a Thursday */
    st->wHour = (WORD)(secs / 3600), st->wMinute = (WORD)(secs / 60 % 60), st->wSecond = (WORD)(secs % 60);
    st->wMilliseconds = 0;
    return TRUE;
}

/* ---- the direct conversions VarXxxFromYyy: the same rules, with the range checked for every pair ---- */

static HRESULT var_from(VARTYPE from, const void *in, size_t in_size, USHORT flags, VARTYPE to, void *out,
                        size_t out_size)
{
    if (!out)
        return E_INVALIDARG;
    VARIANT s = {0}, d = {0};
    s.vt = from;
    memcpy(&s.llVal, in, in_size);
    HRESULT hr = coerce(&d, &s, flags, to, FALSE);
    if (hr >= 0)
        memcpy(out, &d.llVal, out_size);
    return hr;
}

HRESULT WINAPI VarBstrFromI4(LONG in, LCID lcid, ULONG flags, BSTR *out)
{
    (void)lcid;
    return var_from(VT_I4, &in, sizeof in, (USHORT)flags, VT_BSTR, out, sizeof *out);
}

HRESULT WINAPI VarBstrFromUI4(ULONG in, LCID lcid, ULONG flags, BSTR *out)
{
    (void)lcid;
    return var_from(VT_UI4, &in, sizeof in, (USHORT)flags, VT_BSTR, out, sizeof *out);
}

HRESULT WINAPI VarBstrFromI8(LONGLONG in, LCID lcid, ULONG flags, BSTR *out)
{
    (void)lcid;
    return var_from(VT_I8, &in, sizeof in, (USHORT)flags, VT_BSTR, out, sizeof *out);
}

HRESULT WINAPI VarBstrFromR8(double in, LCID lcid, ULONG flags, BSTR *out)
{
    (void)lcid;
    return var_from(VT_R8, &in, sizeof in, (USHORT)flags, VT_BSTR, out, sizeof *out);
}

HRESULT WINAPI VarBstrFromBool(VARIANT_BOOL in, LCID lcid, ULONG flags, BSTR *out)
{
    (void)lcid;
    return var_from(VT_BOOL, &in, sizeof in, (USHORT)flags, VT_BSTR, out, sizeof *out);
}

/* Text is read, not taken: the string is wrapped in a BSTR for the conversion. */
static HRESULT from_str(const OLECHAR *str, ULONG flags, VARTYPE to, void *out, size_t out_size)
{
    if (!out)
        return E_INVALIDARG;
    if (!str)
        return DISP_E_TYPEMISMATCH;
    UINT n = 0;
    while (str[n])
        n++;
    BSTR b = SysAllocStringLen(str, n);
    if (!b)
        return E_OUTOFMEMORY;
    HRESULT hr = var_from(VT_BSTR, &b, sizeof b, (USHORT)flags, to, out, out_size);
    SysFreeString(b);
    return hr;
}

HRESULT WINAPI VarI4FromStr(const OLECHAR *str, LCID lcid, ULONG flags, LONG *out)
{
    (void)lcid;
    return from_str(str, flags, VT_I4, out, sizeof *out);
}

HRESULT WINAPI VarUI4FromStr(const OLECHAR *str, LCID lcid, ULONG flags, ULONG *out)
{
    (void)lcid;
    return from_str(str, flags, VT_UI4, out, sizeof *out);
}

HRESULT WINAPI VarI8FromStr(const OLECHAR *str, LCID lcid, ULONG flags, LONGLONG *out)
{
    (void)lcid;
    return from_str(str, flags, VT_I8, out, sizeof *out);
}

HRESULT WINAPI VarR8FromStr(const OLECHAR *str, LCID lcid, ULONG flags, double *out)
{
    (void)lcid;
    return from_str(str, flags, VT_R8, out, sizeof *out);
}

HRESULT WINAPI VarBoolFromStr(const OLECHAR *str, LCID lcid, ULONG flags, VARIANT_BOOL *out)
{
    (void)lcid;
    return from_str(str, flags, VT_BOOL, out, sizeof *out);
}

HRESULT WINAPI VarI4FromR8(double in, LONG *out)
{
    return var_from(VT_R8, &in, sizeof in, 0, VT_I4, out, sizeof *out);
}

HRESULT WINAPI VarR8FromI4(LONG in, double *out)
{
    return var_from(VT_I4, &in, sizeof in, 0, VT_R8, out, sizeof *out);
}

HRESULT WINAPI VarUI4FromI4(LONG in, ULONG *out)
{
    return var_from(VT_I4, &in, sizeof in, 0, VT_UI4, out, sizeof *out);
}

HRESULT WINAPI VarI4FromUI4(ULONG in, LONG *out)
{
    return var_from(VT_UI4, &in, sizeof in, 0, VT_I4, out, sizeof *out);
}
