/*
 * oleaut32's types as guest code lays them out (x64): BSTR, VARIANT (24 bytes), SAFEARRAY.
 */
#ifndef OLEAUT32_OLEAUT32_H
#define OLEAUT32_OLEAUT32_H

#include "combase/combase.h"

typedef OLECHAR *BSTR;
typedef USHORT VARTYPE;
typedef SHORT VARIANT_BOOL;
typedef double DATE;
typedef ULONG LCID;

#define VARIANT_TRUE  ((VARIANT_BOOL)-1)
#define VARIANT_FALSE ((VARIANT_BOOL)0)

enum {
    VT_EMPTY = 0, VT_NULL = 1, VT_I2 = 2, VT_I4 = 3, VT_R4 = 4, VT_R8 = 5, VT_CY = 6, VT_DATE = 7,
    VT_BSTR = 8, VT_DISPATCH = 9, VT_ERROR = 10, VT_BOOL = 11, VT_VARIANT = 12, VT_UNKNOWN = 13,
    VT_DECIMAL = 14, VT_I1 = 16, VT_UI1 = 17, VT_UI2 = 18, VT_UI4 = 19, VT_I8 = 20, VT_UI8 = 21,
    VT_INT = 22, VT_UINT = 23, VT_RECORD = 36,
    VT_ARRAY = 0x2000, VT_BYREF = 0x4000, VT_TYPEMASK = 0xFFF,
};

#define DISP_E_BADVARTYPE    ((HRESULT)0x80020008)
#define DISP_E_OVERFLOW      ((HRESULT)0x8002000A)
#define DISP_E_TYPEMISMATCH  ((HRESULT)0x80020005)
#define DISP_E_BADINDEX      ((HRESULT)0x8002000B)
#define DISP_E_ARRAYISLOCKED ((HRESULT)0x8002000D)

typedef struct tagSAFEARRAYBOUND {
    ULONG cElements;
    LONG lLbound;
} SAFEARRAYBOUND;

typedef struct tagSAFEARRAY {
    USHORT cDims;
    USHORT fFeatures;
    ULONG cbElements;
    ULONG cLocks;
    PVOID pvData;
    SAFEARRAYBOUND rgsabound[1];   /* cDims entries, the last dimension first */
} SAFEARRAY;

typedef struct tagVARIANT {
    VARTYPE vt;
    WORD wReserved1, wReserved2, wReserved3;
    union {
        LONGLONG llVal;
        ULONGLONG ullVal;
        LONG lVal;
        ULONG ulVal;
        SHORT iVal;
        USHORT uiVal;
        CHAR cVal;
        BYTE bVal;
        float fltVal;
        double dblVal;
        VARIANT_BOOL boolVal;
        HRESULT scode;
        DATE date;
        BSTR bstrVal;
        IUnknown *punkVal;
        SAFEARRAY *parray;
        PVOID byref;
        struct { PVOID pvRecord; PVOID pRecInfo; } rec;
    };
} VARIANT, VARIANTARG;

static_assert(sizeof(VARIANT) == 24, "VARIANT");
static_assert(offsetof(SAFEARRAY, rgsabound) == 24, "SAFEARRAY.rgsabound");

void WINAPI SysFreeString(BSTR s);
BSTR WINAPI SysAllocStringByteLen(const char *s, UINT len);
UINT WINAPI SysStringByteLen(BSTR s);
HRESULT WINAPI VariantClear(VARIANTARG *v);
HRESULT WINAPI VariantCopy(VARIANTARG *dst, const VARIANTARG *src);
HRESULT WINAPI SafeArrayCopy(SAFEARRAY *psa, SAFEARRAY **out);
HRESULT WINAPI SafeArrayDestroy(SAFEARRAY *psa);

#endif
