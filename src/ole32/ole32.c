/*
 * ole32.dll: since Windows 8 the COM runtime lives in combase.dll and ole32 exports those functions
 * as forwarders to it; what stays in ole32 is OLE proper (OleInitialize, which needs a single-threaded
 * apartment).
 */
#include "combase/combase.h"
#include "io/builtin.h"
#include "win32/k32.h"

HRESULT WINAPI OleInitialize(PVOID reserved);
void WINAPI OleUninitialize(void);

static const struct builtin_export ole32_exports[] = {
    BUILTIN_FORWARDER("CLSIDFromProgID", "combase.CLSIDFromProgID"),
    BUILTIN_FORWARDER("CLSIDFromString", "combase.CLSIDFromString"),
    BUILTIN_FORWARDER("CoCreateGuid", "combase.CoCreateGuid"),
    BUILTIN_FORWARDER("CoCreateInstance", "combase.CoCreateInstance"),
    BUILTIN_FORWARDER("CoCreateInstanceEx", "combase.CoCreateInstanceEx"),
    BUILTIN_FORWARDER("CoFreeUnusedLibraries", "combase.CoFreeUnusedLibraries"),
    BUILTIN_FORWARDER("CoFreeUnusedLibrariesEx", "combase.CoFreeUnusedLibrariesEx"),
    BUILTIN_FORWARDER("CoGetApartmentType", "combase.CoGetApartmentType"),
    BUILTIN_FORWARDER("CoGetClassObject", "combase.CoGetClassObject"),
    BUILTIN_FORWARDER("CoGetMalloc", "combase.CoGetMalloc"),
    BUILTIN_FORWARDER("CoInitialize", "combase.CoInitialize"),
    BUILTIN_FORWARDER("CoInitializeEx", "combase.CoInitializeEx"),
    BUILTIN_FORWARDER("CoInitializeSecurity", "combase.CoInitializeSecurity"),
    BUILTIN_FORWARDER("CoSetProxyBlanket", "combase.CoSetProxyBlanket"),
    BUILTIN_FORWARDER("CoTaskMemAlloc", "combase.CoTaskMemAlloc"),
    BUILTIN_FORWARDER("CoTaskMemFree", "combase.CoTaskMemFree"),
    BUILTIN_FORWARDER("CoTaskMemRealloc", "combase.CoTaskMemRealloc"),
    BUILTIN_FORWARDER("CoUninitialize", "combase.CoUninitialize"),
    BUILTIN_FORWARDER("CoWaitForMultipleHandles", "combase.CoWaitForMultipleHandles"),
    BUILTIN_FORWARDER("IIDFromString", "combase.IIDFromString"),
    BUILTIN_FUNCTION("OleInitialize", OleInitialize),
    BUILTIN_FUNCTION("OleUninitialize", OleUninitialize),
    BUILTIN_FORWARDER("StringFromCLSID", "combase.StringFromCLSID"),
    BUILTIN_FORWARDER("StringFromGUID2", "combase.StringFromGUID2"),
    BUILTIN_FORWARDER("StringFromIID", "combase.StringFromIID"),
    BUILTIN_FORWARDER("GetErrorInfo", "combase.GetErrorInfo"),
    BUILTIN_FORWARDER("SetErrorInfo", "combase.SetErrorInfo"),
};

static const struct builtin_dll ole32 = {
    .name = "ole32.dll",
    .exports = ole32_exports,
    .nexports = ARRAY_SIZE(ole32_exports),
};
BUILTIN_DLL(ole32);
