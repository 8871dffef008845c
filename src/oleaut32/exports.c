/*
 * oleaut32.dll: BSTRs (bstr.c), VARIANTs and dates (variant.c), safe arrays (safearray.c).
 */
#include "io/builtin.h"
#include "oleaut32/oleaut32.h"
#include "win32/k32.h"

BSTR WINAPI SysAllocString(LPCOLESTR s);
BSTR WINAPI SysAllocStringLen(const OLECHAR *s, UINT len);
INT WINAPI SysReAllocString(BSTR *old, LPCOLESTR s);
INT WINAPI SysReAllocStringLen(BSTR *old, const OLECHAR *s, UINT len);
UINT WINAPI SysStringLen(BSTR s);
HRESULT WINAPI VarBstrCat(BSTR left, BSTR right, BSTR *out);
HRESULT WINAPI VarBstrCmp(BSTR left, BSTR right, LCID lcid, ULONG flags);
void WINAPI VariantInit(VARIANTARG *v);
HRESULT WINAPI VariantChangeType(VARIANTARG *dst, const VARIANTARG *src, USHORT flags, VARTYPE vt);
HRESULT WINAPI VariantChangeTypeEx(VARIANTARG *dst, const VARIANTARG *src, LCID lcid, USHORT flags, VARTYPE vt);
INT WINAPI SystemTimeToVariantTime(const SYSTEMTIME *st, double *out);
INT WINAPI VariantTimeToSystemTime(double date, SYSTEMTIME *st);
SAFEARRAY *WINAPI SafeArrayCreate(VARTYPE vt, UINT dims, SAFEARRAYBOUND *bounds);
SAFEARRAY *WINAPI SafeArrayCreateVector(VARTYPE vt, LONG lbound, ULONG count);
HRESULT WINAPI SafeArrayGetElement(SAFEARRAY *psa, LONG *indices, void *out);
HRESULT WINAPI SafeArrayPutElement(SAFEARRAY *psa, LONG *indices, void *value);
HRESULT WINAPI SafeArrayPtrOfIndex(SAFEARRAY *psa, LONG *indices, void **out);
HRESULT WINAPI SafeArrayAccessData(SAFEARRAY *psa, void **data);
HRESULT WINAPI SafeArrayUnaccessData(SAFEARRAY *psa);
HRESULT WINAPI SafeArrayLock(SAFEARRAY *psa);
HRESULT WINAPI SafeArrayUnlock(SAFEARRAY *psa);
HRESULT WINAPI SafeArrayGetLBound(SAFEARRAY *psa, UINT dim, LONG *lbound);
HRESULT WINAPI SafeArrayGetUBound(SAFEARRAY *psa, UINT dim, LONG *ubound);
UINT WINAPI SafeArrayGetDim(SAFEARRAY *psa);
UINT WINAPI SafeArrayGetElemsize(SAFEARRAY *psa);
HRESULT WINAPI SafeArrayGetVartype(SAFEARRAY *psa, VARTYPE *vt);
HRESULT WINAPI LoadTypeLib(LPCOLESTR file, IUnknown **out);
HRESULT WINAPI VariantCopyInd(VARIANTARG *dst, const VARIANTARG *src);
HRESULT WINAPI SafeArrayRedim(SAFEARRAY *psa, SAFEARRAYBOUND *bound);
HRESULT WINAPI VarBstrFromI4(LONG in, LCID lcid, ULONG flags, BSTR *out);
HRESULT WINAPI VarBstrFromUI4(ULONG in, LCID lcid, ULONG flags, BSTR *out);
HRESULT WINAPI VarBstrFromI8(LONGLONG in, LCID lcid, ULONG flags, BSTR *out);
HRESULT WINAPI VarBstrFromR8(double in, LCID lcid, ULONG flags, BSTR *out);
HRESULT WINAPI VarBstrFromBool(VARIANT_BOOL in, LCID lcid, ULONG flags, BSTR *out);
HRESULT WINAPI VarI4FromStr(const OLECHAR *str, LCID lcid, ULONG flags, LONG *out);
HRESULT WINAPI VarUI4FromStr(const OLECHAR *str, LCID lcid, ULONG flags, ULONG *out);
HRESULT WINAPI VarI8FromStr(const OLECHAR *str, LCID lcid, ULONG flags, LONGLONG *out);
HRESULT WINAPI VarR8FromStr(const OLECHAR *str, LCID lcid, ULONG flags, double *out);
HRESULT WINAPI VarBoolFromStr(const OLECHAR *str, LCID lcid, ULONG flags, VARIANT_BOOL *out);
HRESULT WINAPI VarI4FromR8(double in, LONG *out);
HRESULT WINAPI VarR8FromI4(LONG in, double *out);
HRESULT WINAPI VarUI4FromI4(LONG in, ULONG *out);
HRESULT WINAPI VarI4FromUI4(ULONG in, LONG *out);
HRESULT WINAPI LoadTypeLibEx(LPCOLESTR file, DWORD regkind, IUnknown **out);
HRESULT WINAPI LoadRegTypeLib(REFGUID guid, WORD major, WORD minor, LCID lcid, IUnknown **out);

static const struct builtin_export oleaut32_exports[] = {
    BUILTIN_FUNCTION_ORD("SafeArrayAccessData", SafeArrayAccessData, 23),
    BUILTIN_FUNCTION_ORD("SafeArrayCopy", SafeArrayCopy, 27),
    BUILTIN_FUNCTION_ORD("SafeArrayCreate", SafeArrayCreate, 15),
    BUILTIN_FUNCTION_ORD("SafeArrayCreateVector", SafeArrayCreateVector, 411),
    BUILTIN_FUNCTION_ORD("SafeArrayDestroy", SafeArrayDestroy, 16),
    BUILTIN_FUNCTION_ORD("SafeArrayGetDim", SafeArrayGetDim, 17),
    BUILTIN_FUNCTION_ORD("SafeArrayGetElement", SafeArrayGetElement, 25),
    BUILTIN_FUNCTION_ORD("SafeArrayGetElemsize", SafeArrayGetElemsize, 18),
    BUILTIN_FUNCTION_ORD("SafeArrayGetLBound", SafeArrayGetLBound, 20),
    BUILTIN_FUNCTION_ORD("SafeArrayGetUBound", SafeArrayGetUBound, 19),
    BUILTIN_FUNCTION_ORD("SafeArrayGetVartype", SafeArrayGetVartype, 77),
    BUILTIN_FUNCTION_ORD("SafeArrayLock", SafeArrayLock, 21),
    BUILTIN_FUNCTION_ORD("SafeArrayPtrOfIndex", SafeArrayPtrOfIndex, 148),
    BUILTIN_FUNCTION_ORD("SafeArrayPutElement", SafeArrayPutElement, 26),
    BUILTIN_FUNCTION_ORD("SafeArrayUnaccessData", SafeArrayUnaccessData, 24),
    BUILTIN_FUNCTION_ORD("SafeArrayUnlock", SafeArrayUnlock, 22),
    BUILTIN_FUNCTION_ORD("SysAllocString", SysAllocString, 2),
    BUILTIN_FUNCTION_ORD("SysAllocStringByteLen", SysAllocStringByteLen, 150),
    BUILTIN_FUNCTION_ORD("SysAllocStringLen", SysAllocStringLen, 4),
    BUILTIN_FUNCTION_ORD("SysFreeString", SysFreeString, 6),
    BUILTIN_FUNCTION_ORD("SysReAllocString", SysReAllocString, 3),
    BUILTIN_FUNCTION_ORD("SysReAllocStringLen", SysReAllocStringLen, 5),
    BUILTIN_FUNCTION_ORD("SysStringByteLen", SysStringByteLen, 149),
    BUILTIN_FUNCTION_ORD("SysStringLen", SysStringLen, 7),
    BUILTIN_FUNCTION_ORD("SystemTimeToVariantTime", SystemTimeToVariantTime, 184),
    BUILTIN_FUNCTION_ORD("VarBstrCat", VarBstrCat, 313),
    BUILTIN_FUNCTION_ORD("VarBstrCmp", VarBstrCmp, 314),
    BUILTIN_FUNCTION_ORD("VariantChangeType", VariantChangeType, 12),
    BUILTIN_FUNCTION_ORD("VariantChangeTypeEx", VariantChangeTypeEx, 147),
    BUILTIN_FUNCTION_ORD("VariantClear", VariantClear, 9),
    BUILTIN_FUNCTION_ORD("VariantCopy", VariantCopy, 10),
    BUILTIN_FUNCTION_ORD("VariantInit", VariantInit, 8),
    BUILTIN_FUNCTION_ORD("VariantTimeToSystemTime", VariantTimeToSystemTime, 185),
    BUILTIN_FUNCTION_ORD("LoadRegTypeLib", LoadRegTypeLib, 162),
    BUILTIN_FUNCTION_ORD("LoadTypeLib", LoadTypeLib, 161),
    BUILTIN_FUNCTION_ORD("LoadTypeLibEx", LoadTypeLibEx, 183),
    BUILTIN_FORWARDER_ORD("GetErrorInfo", "combase.GetErrorInfo", 200),   /* as on Windows: the COM runtime keeps it */
    BUILTIN_FORWARDER_ORD("SetErrorInfo", "combase.SetErrorInfo", 201),
    BUILTIN_FUNCTION_ORD("VarBoolFromStr", VarBoolFromStr, 125),
    BUILTIN_FUNCTION_ORD("VarBstrFromBool", VarBstrFromBool, 116),
    BUILTIN_FUNCTION_ORD("VarBstrFromI4", VarBstrFromI4, 110),
    BUILTIN_FUNCTION("VarBstrFromI8", VarBstrFromI8),
    BUILTIN_FUNCTION_ORD("VarBstrFromR8", VarBstrFromR8, 112),
    BUILTIN_FUNCTION_ORD("VarBstrFromUI4", VarBstrFromUI4, 231),
    BUILTIN_FUNCTION_ORD("VarI4FromR8", VarI4FromR8, 61),
    BUILTIN_FUNCTION_ORD("VarI4FromStr", VarI4FromStr, 64),
    BUILTIN_FUNCTION_ORD("VarI4FromUI4", VarI4FromUI4, 211),
    BUILTIN_FUNCTION("VarI8FromStr", VarI8FromStr),
    BUILTIN_FUNCTION_ORD("VarR8FromI4", VarR8FromI4, 80),
    BUILTIN_FUNCTION_ORD("VarR8FromStr", VarR8FromStr, 84),
    BUILTIN_FUNCTION_ORD("VarUI4FromI4", VarUI4FromI4, 272),
    BUILTIN_FUNCTION_ORD("VarUI4FromStr", VarUI4FromStr, 277),
    BUILTIN_FUNCTION_ORD("SafeArrayRedim", SafeArrayRedim, 40),
    BUILTIN_FUNCTION_ORD("VariantCopyInd", VariantCopyInd, 11),
};

static const struct builtin_dll oleaut32 = {
    .name = "OLEAUT32.dll",
    .exports = oleaut32_exports,
    .nexports = ARRAY_SIZE(oleaut32_exports),
};
BUILTIN_DLL(oleaut32);
