/*
 * Safe arrays of the simple types, BSTR, VARIANT and interface pointers, in any number of dimensions.
 * The descriptor has 16 hidden bytes before it (the element VARTYPE in the last 4 of them, as
 * FADF_HAVEVARTYPE says; SafeArrayGetVartype reads it there). rgsabound keeps the dimensions in reverse
 * order, and the data is laid out with the first index varying fastest. Elements are owned: BSTRs are
 * copied in and out, interfaces AddRef'd, VARIANTs copied, and everything is released on destruction.
 */
#include <string.h>

#include "io/builtin.h"
#include "oleaut32/oleaut32.h"
#include "win32/k32.h"

#define FADF_AUTO         0x0001
#define FADF_STATIC       0x0002
#define FADF_EMBEDDED     0x0004
#define FADF_FIXEDSIZE    0x0010
#define FADF_RECORD       0x0020
#define FADF_HAVEIID      0x0040
#define FADF_HAVEVARTYPE  0x0080
#define FADF_BSTR         0x0100
#define FADF_UNKNOWN      0x0200
#define FADF_DISPATCH     0x0400
#define FADF_VARIANT      0x0800
#define FADF_CREATEVECTOR 0x2000

#define HIDDEN 16

static ULONG elem_size(VARTYPE vt)
{
    switch (vt) {
    case VT_I1: case VT_UI1: return 1;
    case VT_I2: case VT_UI2: case VT_BOOL: return 2;
    case VT_I4: case VT_UI4: case VT_INT: case VT_UINT: case VT_R4: case VT_ERROR: return 4;
    case VT_I8: case VT_UI8: case VT_R8: case VT_CY: case VT_DATE: case VT_BSTR: case VT_UNKNOWN:
    case VT_DISPATCH: return 8;
    case VT_DECIMAL: return 16;
    case VT_VARIANT: return sizeof(VARIANT);
    default: return 0;
    }
}

static USHORT type_features(VARTYPE vt)
{
    switch (vt) {
    case VT_BSTR: return FADF_BSTR;
    case VT_UNKNOWN: return FADF_UNKNOWN;
    case VT_DISPATCH: return FADF_DISPATCH | FADF_HAVEIID;
    case VT_VARIANT: return FADF_VARIANT;
    default: return 0;
    }
}

static ULONGLONG cell_count(const SAFEARRAY *psa)
{
    ULONGLONG n = 1;
    for (USHORT i = 0; i < psa->cDims; i++)
        n *= psa->rgsabound[i].cElements;
    return n;
}

static SAFEARRAY *descriptor_alloc(USHORT dims)
{
    BYTE *p = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY,
                              HIDDEN + sizeof(SAFEARRAY) + (dims - 1) * sizeof(SAFEARRAYBOUND));
    return p ? (SAFEARRAY *)(p + HIDDEN) : NULL;
}

static void descriptor_free(SAFEARRAY *psa)
{
    RtlFreeHeap(RtlGetProcessHeap(), 0, (BYTE *)psa - HIDDEN);
}

VARTYPE safearray_vartype(const SAFEARRAY *psa)
{
    DWORD vt;
    memcpy(&vt, (const BYTE *)psa - 4, sizeof vt);
    return (VARTYPE)vt;
}

HRESULT WINAPI SafeArrayGetVartype(SAFEARRAY *psa, VARTYPE *vt)
{
    if (!psa || !vt)
        return E_INVALIDARG;
    if (psa->fFeatures & FADF_HAVEVARTYPE)
        *vt = safearray_vartype(psa);
    else if (psa->fFeatures & FADF_BSTR)
        *vt = VT_BSTR;
    else if (psa->fFeatures & FADF_UNKNOWN)
        *vt = VT_UNKNOWN;
    else if (psa->fFeatures & FADF_DISPATCH)
        *vt = VT_DISPATCH;
    else if (psa->fFeatures & FADF_VARIANT)
        *vt = VT_VARIANT;
    else
        return E_INVALIDARG;
    return S_OK;
}

static SAFEARRAY *create(VARTYPE vt, UINT dims, const SAFEARRAYBOUND *bounds, USHORT extra)
{
    ULONG size = elem_size(vt);
    if (!dims || !bounds || !size || dims > 0xFFFF)
        return NULL;
    SAFEARRAY *psa = descriptor_alloc((USHORT)dims);
    if (!psa)
        return NULL;
    psa->cDims = (USHORT)dims;
    psa->cbElements = size;
    psa->fFeatures = (USHORT)(FADF_HAVEVARTYPE | type_features(vt) | extra);
    DWORD vt32 = vt;
    memcpy((BYTE *)psa - 4, &vt32, sizeof vt32);
    for (UINT i = 0; i < dims; i++)
        psa->rgsabound[dims - 1 - i] = bounds[i];
    ULONGLONG cells = cell_count(psa);
    if (cells > (1ULL << 40) / size) {
        descriptor_free(psa);
        return NULL;
    }
    psa->pvData = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, cells ? cells * size : 1);
    if (!psa->pvData) {
        descriptor_free(psa);
        return NULL;
    }
    return psa;
}

SAFEARRAY *WINAPI SafeArrayCreate(VARTYPE vt, UINT dims, SAFEARRAYBOUND *bounds)
{
    return create(vt, dims, bounds, 0);
}

SAFEARRAY *WINAPI SafeArrayCreateVector(VARTYPE vt, LONG lbound, ULONG count)
{
    SAFEARRAYBOUND b = {count, lbound};
    return create(vt, 1, &b, FADF_CREATEVECTOR);
}

/* Releases what the cells own, leaving them zeroed. */
static void release_cells(SAFEARRAY *psa)
{
    ULONGLONG n = cell_count(psa);
    if (!psa->pvData)
        return;
    if (psa->fFeatures & FADF_BSTR) {
        BSTR *b = psa->pvData;
        for (ULONGLONG i = 0; i < n; i++)
            SysFreeString(b[i]), b[i] = NULL;
    } else if (psa->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) {
        IUnknown **u = psa->pvData;
        for (ULONGLONG i = 0; i < n; i++)
            if (u[i])
                u[i]->lpVtbl->Release(u[i]), u[i] = NULL;
    } else if (psa->fFeatures & FADF_VARIANT) {
        VARIANT *v = psa->pvData;
        for (ULONGLONG i = 0; i < n; i++)
            VariantClear(&v[i]);
    }
}

HRESULT WINAPI SafeArrayDestroy(SAFEARRAY *psa)
{
    if (!psa)
        return S_OK;
    if (psa->cLocks)
        return DISP_E_ARRAYISLOCKED;
    release_cells(psa);
    RtlFreeHeap(RtlGetProcessHeap(), 0, psa->pvData);
    descriptor_free(psa);
    return S_OK;
}

HRESULT WINAPI SafeArrayLock(SAFEARRAY *psa)
{
    if (!psa)
        return E_INVALIDARG;
    if (__atomic_add_fetch(&psa->cLocks, 1, __ATOMIC_SEQ_CST) > 0xFFFF) {
        __atomic_sub_fetch(&psa->cLocks, 1, __ATOMIC_SEQ_CST);
        return E_UNEXPECTED;
    }
    return S_OK;
}

HRESULT WINAPI SafeArrayUnlock(SAFEARRAY *psa)
{
    if (!psa)
        return E_INVALIDARG;
    ULONG n = __atomic_load_n(&psa->cLocks, __ATOMIC_SEQ_CST);
    do {
        if (!n)
            return E_UNEXPECTED;
    } while (!__atomic_compare_exchange_n(&psa->cLocks, &n, n - 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return S_OK;
}

HRESULT WINAPI SafeArrayAccessData(SAFEARRAY *psa, void **data)
{
    if (!psa || !data)
        return E_INVALIDARG;
    HRESULT hr = SafeArrayLock(psa);
    *data = hr >= 0 ? psa->pvData : NULL;
    return hr;
}

HRESULT WINAPI SafeArrayUnaccessData(SAFEARRAY *psa)
{
    return SafeArrayUnlock(psa);
}

UINT WINAPI SafeArrayGetDim(SAFEARRAY *psa)
{
    return psa ? psa->cDims : 0;
}

UINT WINAPI SafeArrayGetElemsize(SAFEARRAY *psa)
{
    return psa ? psa->cbElements : 0;
}

HRESULT WINAPI SafeArrayGetLBound(SAFEARRAY *psa, UINT dim, LONG *lbound)
{
    if (!psa || !lbound)
        return E_INVALIDARG;
    if (!dim || dim > psa->cDims)
        return DISP_E_BADINDEX;
    *lbound = psa->rgsabound[psa->cDims - dim].lLbound;
    return S_OK;
}

HRESULT WINAPI SafeArrayGetUBound(SAFEARRAY *psa, UINT dim, LONG *ubound)
{
    if (!psa || !ubound)
        return E_INVALIDARG;
    if (!dim || dim > psa->cDims)
        return DISP_E_BADINDEX;
    const SAFEARRAYBOUND *b = &psa->rgsabound[psa->cDims - dim];
    *ubound = (LONG)(b->lLbound + (LONGLONG)b->cElements - 1);
    return S_OK;
}

/* The cell of indices[0..cDims), the first index varying fastest; NULL when one is out of bounds. */
static void *cell(SAFEARRAY *psa, const LONG *indices)
{
    ULONGLONG offset = 0, stride = 1;
    for (USHORT d = 0; d < psa->cDims; d++) {
        const SAFEARRAYBOUND *b = &psa->rgsabound[psa->cDims - 1 - d];
        LONGLONG i = (LONGLONG)indices[d] - b->lLbound;
        if (i < 0 || (ULONGLONG)i >= b->cElements)
            return NULL;
        offset += (ULONGLONG)i * stride;
        stride *= b->cElements;
    }
    return (BYTE *)psa->pvData + offset * psa->cbElements;
}

HRESULT WINAPI SafeArrayPtrOfIndex(SAFEARRAY *psa, LONG *indices, void **out)
{
    if (!psa || !indices || !out)
        return E_INVALIDARG;
    void *c = cell(psa, indices);
    if (!c)
        return DISP_E_BADINDEX;
    *out = c;
    return S_OK;
}

HRESULT WINAPI SafeArrayGetElement(SAFEARRAY *psa, LONG *indices, void *out)
{
    if (!psa || !indices || !out)
        return E_INVALIDARG;
    void *c = cell(psa, indices);
    if (!c)
        return DISP_E_BADINDEX;
    HRESULT hr = SafeArrayLock(psa);
    if (hr < 0)
        return hr;
    if (psa->fFeatures & FADF_BSTR) {
        BSTR b = *(BSTR *)c, copy = NULL;
        if (b && !(copy = SysAllocStringByteLen((const char *)b, SysStringByteLen(b))))
            hr = E_OUTOFMEMORY;
        else
            *(BSTR *)out = copy;
    } else if (psa->fFeatures & FADF_VARIANT) {
        VARIANT *v = out;
        v->vt = VT_EMPTY;
        hr = VariantCopy(v, c);
    } else {
        memcpy(out, c, psa->cbElements);
        if ((psa->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) && *(IUnknown **)out)
            (*(IUnknown **)out)->lpVtbl->AddRef(*(IUnknown **)out);
    }
    SafeArrayUnlock(psa);
    return hr;
}

/* For BSTR and interface arrays the value itself is passed, for the others a pointer to it. */
HRESULT WINAPI SafeArrayPutElement(SAFEARRAY *psa, LONG *indices, void *value)
{
    if (!psa || !indices)
        return E_INVALIDARG;
    if (!value && !(psa->fFeatures & (FADF_BSTR | FADF_UNKNOWN | FADF_DISPATCH)))
        return E_INVALIDARG;
    void *c = cell(psa, indices);
    if (!c)
        return DISP_E_BADINDEX;
    HRESULT hr = SafeArrayLock(psa);
    if (hr < 0)
        return hr;
    if (psa->fFeatures & FADF_BSTR) {
        BSTR b = value, copy = NULL;
        if (b && !(copy = SysAllocStringByteLen((const char *)b, SysStringByteLen(b)))) {
            hr = E_OUTOFMEMORY;
        } else {
            SysFreeString(*(BSTR *)c);
            *(BSTR *)c = copy;
        }
    } else if (psa->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) {
        IUnknown *u = value, *old = *(IUnknown **)c;
        if (u)
            u->lpVtbl->AddRef(u);
        if (old)
            old->lpVtbl->Release(old);
        *(IUnknown **)c = u;
    } else if (psa->fFeatures & FADF_VARIANT) {
        hr = VariantCopy(c, value);
    } else {
        memcpy(c, value, psa->cbElements);
    }
    SafeArrayUnlock(psa);
    return hr;
}

HRESULT WINAPI SafeArrayCopy(SAFEARRAY *psa, SAFEARRAY **out)
{
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    if (!psa)
        return S_OK;
    VARTYPE vt;
    if (SafeArrayGetVartype(psa, &vt) < 0)
        return E_INVALIDARG;
    SAFEARRAYBOUND bounds[64], *b = bounds;
    if (psa->cDims > 64)
        return E_OUTOFMEMORY;
    for (USHORT i = 0; i < psa->cDims; i++)
        b[i] = psa->rgsabound[psa->cDims - 1 - i];
    SAFEARRAY *copy = create(vt, psa->cDims, b, psa->fFeatures & FADF_CREATEVECTOR);
    if (!copy)
        return E_OUTOFMEMORY;
    ULONGLONG n = cell_count(psa);
    HRESULT hr = S_OK;
    for (ULONGLONG i = 0; i < n && hr >= 0; i++) {
        void *from = (BYTE *)psa->pvData + i * psa->cbElements, *to = (BYTE *)copy->pvData + i * psa->cbElements;
        if (psa->fFeatures & FADF_BSTR) {
            BSTR s = *(BSTR *)from;
            if (s && !(*(BSTR *)to = SysAllocStringByteLen((const char *)s, SysStringByteLen(s))))
                hr = E_OUTOFMEMORY;
        } else if (psa->fFeatures & FADF_VARIANT) {
            hr = VariantCopy(to, from);
        } else {
            memcpy(to, from, psa->cbElements);
            if ((psa->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) && *(IUnknown **)to)
                (*(IUnknown **)to)->lpVtbl->AddRef(*(IUnknown **)to);
        }
    }
    if (hr < 0) {
        SafeArrayDestroy(copy);
        return hr;
    }
    *out = copy;
    return S_OK;
}

/* A new extent for the last dimension (rgsabound[0], whose cells are contiguous at the end): cells
 * cut off are released, new ones zeroed. */
HRESULT WINAPI SafeArrayRedim(SAFEARRAY *psa, SAFEARRAYBOUND *bound)
{
    if (!psa || !bound)
        return E_INVALIDARG;
    if (psa->cLocks)
        return DISP_E_ARRAYISLOCKED;
    if (psa->fFeatures & FADF_FIXEDSIZE)
        return E_INVALIDARG;
    ULONGLONG inner = 1;
    for (USHORT i = 1; i < psa->cDims; i++)
        inner *= psa->rgsabound[i].cElements;
    ULONGLONG old_cells = inner * psa->rgsabound[0].cElements, new_cells = inner * bound->cElements;
    if (new_cells > (1ULL << 40) / psa->cbElements)
        return E_OUTOFMEMORY;
    if (new_cells < old_cells) {
        /* Release what the dropped cells own, through a view of just those cells. */
        SAFEARRAY tail = *psa;
        tail.cDims = 1;
        tail.rgsabound[0].cElements = (ULONG)(old_cells - new_cells);
        tail.pvData = (BYTE *)psa->pvData + new_cells * psa->cbElements;
        release_cells(&tail);
    }
    PVOID data = RtlReAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, psa->pvData,
                                   new_cells ? new_cells * psa->cbElements : 1);
    if (!data)
        return E_OUTOFMEMORY;
    psa->pvData = data;
    psa->rgsabound[0] = *bound;
    return S_OK;
}
