/*
 * COM's shared vocabulary for combase, ole32 and oleaut32: HRESULT codes, IUnknown's layout as guest
 * code builds it (a pointer to a table of ms_abi functions), and the task allocator every COM DLL frees
 * with.
 */
#ifndef COMBASE_COMBASE_H
#define COMBASE_COMBASE_H

#include "nt/ntdef.h"

typedef LONG HRESULT;
typedef GUID CLSID, IID;
typedef const GUID *REFGUID, *REFCLSID, *REFIID;
typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;

#define S_OK                  ((HRESULT)0)
#define S_FALSE               ((HRESULT)1)
#define E_NOTIMPL             ((HRESULT)0x80004001)
#define E_NOINTERFACE         ((HRESULT)0x80004002)
#define E_POINTER             ((HRESULT)0x80004003)
#define E_UNEXPECTED          ((HRESULT)0x8000FFFF)
#define E_OUTOFMEMORY         ((HRESULT)0x8007000E)
#define E_INVALIDARG          ((HRESULT)0x80070057)
#define CO_E_NOTINITIALIZED   ((HRESULT)0x800401F0)
#define CO_E_CLASSSTRING      ((HRESULT)0x800401F3)
#define CO_E_IIDSTRING        ((HRESULT)0x800401F4)
#define REGDB_E_CLASSNOTREG   ((HRESULT)0x80040154)
#define RPC_E_CHANGED_MODE    ((HRESULT)0x80010106)
#define RPC_E_TOO_LATE        ((HRESULT)0x80010119)
#define RPC_S_CALLPENDING     ((HRESULT)0x80010115)
#define RPC_E_NO_SYNC         ((HRESULT)0x80010120)
#define HRESULT_FROM_WIN32(e) ((HRESULT)(e) <= 0 ? (HRESULT)(e) : (HRESULT)(((e) & 0xFFFF) | 0x80070000))

typedef struct IUnknown IUnknown;
struct IUnknownVtbl {
    HRESULT (WINAPI *QueryInterface)(IUnknown *self, REFIID iid, void **out);
    ULONG (WINAPI *AddRef)(IUnknown *self);
    ULONG (WINAPI *Release)(IUnknown *self);
};
struct IUnknown {
    const struct IUnknownVtbl *lpVtbl;
};

PVOID WINAPI CoTaskMemAlloc(SIZE_T size);
PVOID WINAPI CoTaskMemRealloc(PVOID ptr, SIZE_T size);
void WINAPI CoTaskMemFree(PVOID ptr);

#endif
