/*
 * BSTRs: a length-prefixed string on the task allocator. On x64 the block is 8 bytes of header (4 of
 * padding, then the length in bytes as a ULONG) followed by the string and a WCHAR terminator, and the
 * BSTR points just past the header, so SysStringByteLen reads the ULONG at s - 4 as Windows' does. A
 * byte-length BSTR may hold an odd number of bytes; it is still followed by two zero bytes.
 */
#include <string.h>

#include "io/builtin.h"
#include "oleaut32/oleaut32.h"
#include "win32/k32.h"

#define BSTR_HEADER 8

static BSTR bstr_alloc(UINT bytes)
{
    if (bytes > 0x7FFFFFF0u)
        return NULL;
    BYTE *block = CoTaskMemAlloc(BSTR_HEADER + (SIZE_T)bytes + sizeof(WCHAR));
    if (!block)
        return NULL;
    memset(block, 0, 4);
    memcpy(block + 4, &bytes, sizeof bytes);
    memset(block + BSTR_HEADER + bytes, 0, sizeof(WCHAR));
    return (BSTR)(block + BSTR_HEADER);
}

UINT WINAPI SysStringByteLen(BSTR s)
{
    UINT n = 0;
    if (s)
        memcpy(&n, (BYTE *)s - 4, sizeof n);
    return n;
}

UINT WINAPI SysStringLen(BSTR s)
{
    return SysStringByteLen(s) / sizeof(WCHAR);
}

void WINAPI SysFreeString(BSTR s)
{
    if (s)
        CoTaskMemFree((BYTE *)s - BSTR_HEADER);
}

/* len bytes copied from s, or left zeroed when s is NULL. */
BSTR WINAPI SysAllocStringByteLen(const char *s, UINT len)
{
    BSTR b = bstr_alloc(len);
    if (!b)
        return NULL;
    if (s)
        memcpy(b, s, len);
    else
        memset(b, 0, len);
    return b;
}

BSTR WINAPI SysAllocStringLen(const OLECHAR *s, UINT len)
{
    if (len > 0x7FFFFFF0u / sizeof(WCHAR))
        return NULL;
    return SysAllocStringByteLen((const char *)s, len * (UINT)sizeof(WCHAR));
}

BSTR WINAPI SysAllocString(LPCOLESTR s)
{
    if (!s)
        return NULL;
    UINT n = 0;
    while (s[n])
        n++;
    return SysAllocStringLen(s, n);
}

/* The new string may be a part of the old one: it is copied before the old block is freed. */
INT WINAPI SysReAllocStringLen(BSTR *old, const OLECHAR *s, UINT len)
{
    if (!old)
        return FALSE;
    BSTR b = SysAllocStringLen(s, len);
    if (!b)
        return FALSE;
    SysFreeString(*old);
    *old = b;
    return TRUE;
}

INT WINAPI SysReAllocString(BSTR *old, LPCOLESTR s)
{
    if (!old)
        return FALSE;
    if (*old == s)
        return TRUE;
    BSTR b = SysAllocString(s);
    if (s && !b)
        return FALSE;
    SysFreeString(*old);
    *old = b;
    return TRUE;
}

/* VarBstrCat: NULL is the empty string; the lengths are byte lengths, so odd byte strings stay odd. */
HRESULT WINAPI VarBstrCat(BSTR left, BSTR right, BSTR *out)
{
    if (!out)
        return E_INVALIDARG;
    UINT l = SysStringByteLen(left), r = SysStringByteLen(right);
    if (l > 0x7FFFFFF0u - r)
        return E_OUTOFMEMORY;
    BSTR b = SysAllocStringByteLen(NULL, l + r);
    if (!b)
        return E_OUTOFMEMORY;
    if (l)
        memcpy(b, left, l);
    if (r)
        memcpy((BYTE *)b + l, right, r);
    *out = b;
    return S_OK;
}

#define VARCMP_LT 0
#define VARCMP_EQ 1
#define VARCMP_GT 2
#define NORM_IGNORECASE 1

static WCHAR fold(WCHAR c)
{
    return c >= 'A' && c <= 'Z' ? (WCHAR)(c + 32) : c;
}

/* lcid 0 compares the bytes, as Windows does. With a locale Windows sorts linguistically; ntexec has no
 * collation tables, so letters compare case-blind first, then lower case before upper case (the
 * linguistic order for ASCII letters), and other characters by code. */
HRESULT WINAPI VarBstrCmp(BSTR left, BSTR right, LCID lcid, ULONG flags)
{
    UINT l = SysStringByteLen(left), r = SysStringByteLen(right);
    if (!l || !r)
        return !l && !r ? VARCMP_EQ : !l ? VARCMP_LT : VARCMP_GT;
    if (!lcid) {
        int c = memcmp(left, right, l < r ? l : r);
        if (c)
            return c < 0 ? VARCMP_LT : VARCMP_GT;
        return l == r ? VARCMP_EQ : l < r ? VARCMP_LT : VARCMP_GT;
    }
    UINT ln = l / 2, rn = r / 2, n = ln < rn ? ln : rn;
    for (UINT i = 0; i < n; i++) {
        WCHAR a = fold(left[i]), b = fold(right[i]);
        if (a != b)
            return a < b ? VARCMP_LT : VARCMP_GT;
    }
    if (ln != rn)
        return ln < rn ? VARCMP_LT : VARCMP_GT;
    if (flags & NORM_IGNORECASE)
        return VARCMP_EQ;
    for (UINT i = 0; i < n; i++) {
        if (left[i] != right[i])
            return left[i] > right[i] ? VARCMP_LT : VARCMP_GT;   /* 'a' (0x61) sorts before 'A' */
    }
    return VARCMP_EQ;
}
