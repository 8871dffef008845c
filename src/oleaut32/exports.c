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
    BUILTIN_FUNCTION("SafeArrayAccessData", SafeArrayAccessData),
    BUILTIN_FUNCTION("SafeArrayCopy", SafeArrayCopy),
    BUILTIN_FUNCTION("SafeArrayCreate", SafeArrayCreate),
    BUILTIN_FUNCTION("SafeArrayCreateVector", SafeArrayCreateVector),
    BUILTIN_FUNCTION("SafeArrayDestroy", SafeArrayDestroy),
    BUILTIN_FUNCTION("SafeArrayGetDim", SafeArrayGetDim),
    BUILTIN_FUNCTION("SafeArrayGetElement", SafeArrayGetElement),
    BUILTIN_FUNCTION("SafeArrayGetElemsize", SafeArrayGetElemsize),
    BUILTIN_FUNCTION("SafeArrayGetLBound", SafeArrayGetLBound),
    BUILTIN_FUNCTION("SafeArrayGetUBound", SafeArrayGetUBound),
    BUILTIN_FUNCTION("SafeArrayGetVartype", SafeArrayGetVartype),
    BUILTIN_FUNCTION("SafeArrayLock", SafeArrayLock),
    BUILTIN_FUNCTION("SafeArrayPtrOfIndex", SafeArrayPtrOfIndex),
    BUILTIN_FUNCTION("SafeArrayPutElement", SafeArrayPutElement),
    BUILTIN_FUNCTION("SafeArrayUnaccessData", SafeArrayUnaccessData),
    BUILTIN_FUNCTION("SafeArrayUnlock", SafeArrayUnlock),
    BUILTIN_FUNCTION("SysAllocString", SysAllocString),
    BUILTIN_FUNCTION("SysAllocStringByteLen", SysAllocStringByteLen),
    BUILTIN_FUNCTION("SysAllocStringLen", SysAllocStringLen),
    BUILTIN_FUNCTION("SysFreeString", SysFreeString),
    BUILTIN_FUNCTION("SysReAllocString", SysReAllocString),
    BUILTIN_FUNCTION("SysReAllocStringLen", SysReAllocStringLen),
    BUILTIN_FUNCTION("SysStringByteLen", SysStringByteLen),
    BUILTIN_FUNCTION("SysStringLen", SysStringLen),
    BUILTIN_FUNCTION("SystemTimeToVariantTime", SystemTimeToVariantTime),
    BUILTIN_FUNCTION("VarBstrCat", VarBstrCat),
    BUILTIN_FUNCTION("VarBstrCmp", VarBstrCmp),
    BUILTIN_FUNCTION("VariantChangeType", VariantChangeType),
    BUILTIN_FUNCTION("VariantChangeTypeEx", VariantChangeTypeEx),
    BUILTIN_FUNCTION("VariantClear", VariantClear),
    BUILTIN_FUNCTION("VariantCopy", VariantCopy),
    BUILTIN_FUNCTION("VariantInit", VariantInit),
    BUILTIN_FUNCTION("VariantTimeToSystemTime", VariantTimeToSystemTime),
    BUILTIN_FUNCTION("LoadRegTypeLib", LoadRegTypeLib),
    BUILTIN_FUNCTION("LoadTypeLib", LoadTypeLib),
    BUILTIN_FUNCTION("LoadTypeLibEx", LoadTypeLibEx),
    BUILTIN_FORWARDER("GetErrorInfo", "combase.GetErrorInfo"),   /* as on Windows: the COM runtime keeps it */
    BUILTIN_FORWARDER("SetErrorInfo", "combase.SetErrorInfo"),
    BUILTIN_FUNCTION("VarBoolFromStr", VarBoolFromStr),
    BUILTIN_FUNCTION("VarBstrFromBool", VarBstrFromBool),
    BUILTIN_FUNCTION("VarBstrFromI4", VarBstrFromI4),
    BUILTIN_FUNCTION("VarBstrFromI8", VarBstrFromI8),
    BUILTIN_FUNCTION("VarBstrFromR8", VarBstrFromR8),
    BUILTIN_FUNCTION("VarBstrFromUI4", VarBstrFromUI4),
    BUILTIN_FUNCTION("VarI4FromR8", VarI4FromR8),
    BUILTIN_FUNCTION("VarI4FromStr", VarI4FromStr),
    BUILTIN_FUNCTION("VarI4FromUI4", VarI4FromUI4),
    BUILTIN_FUNCTION("VarI8FromStr", VarI8FromStr),
    BUILTIN_FUNCTION("VarR8FromI4", VarR8FromI4),
    BUILTIN_FUNCTION("VarR8FromStr", VarR8FromStr),
    BUILTIN_FUNCTION("VarUI4FromI4", VarUI4FromI4),
    BUILTIN_FUNCTION("VarUI4FromStr", VarUI4FromStr),
    BUILTIN_FUNCTION("SafeArrayRedim", SafeArrayRedim),
    BUILTIN_FUNCTION("VariantCopyInd", VariantCopyInd),
};

static const struct builtin_dll oleaut32 = {
    .name = "OLEAUT32.dll",
    .exports = oleaut32_exports,
    .nexports = ARRAY_SIZE(oleaut32_exports),
};
BUILTIN_DLL(oleaut32);
