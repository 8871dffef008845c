/*
 * Type libraries: ntexec reads no type-library resources or .tlb files, so loading one fails the way
 * Windows fails for a file without a type library (TYPE_E_CANTLOADLIBRARY), and as no type library is
 * registered, LoadRegTypeLib answers TYPE_E_LIBNOTREGISTERED. *out is NULL after every failure.
 */
#include "io/builtin.h"
#include "oleaut32/oleaut32.h"
#include "win32/k32.h"

#define TYPE_E_LIBNOTREGISTERED ((HRESULT)0x8002801D)
#define TYPE_E_CANTLOADLIBRARY  ((HRESULT)0x80029C4A)

HRESULT WINAPI LoadTypeLibEx(LPCOLESTR file, DWORD regkind, IUnknown **out)
{
    (void)regkind;
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    if (!file)
        return E_INVALIDARG;
    return TYPE_E_CANTLOADLIBRARY;
}

HRESULT WINAPI LoadTypeLib(LPCOLESTR file, IUnknown **out)
{
    return LoadTypeLibEx(file, 0 /* REGKIND_DEFAULT */, out);
}

HRESULT WINAPI LoadRegTypeLib(REFGUID guid, WORD major, WORD minor, LCID lcid, IUnknown **out)
{
    (void)guid, (void)major, (void)minor, (void)lcid;
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    return TYPE_E_LIBNOTREGISTERED;
}
