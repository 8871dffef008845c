/*
 * combase.dll: the COM runtime console programs call. Apartments are per-thread counts kept in
 * TEB.ReservedForOle, as Windows keeps its tlsdata there: the first CoInitializeEx of a thread gives
 * S_OK, a repeat with the same model S_FALSE, another model RPC_E_CHANGED_MODE; each success needs its
 * CoUninitialize. The task allocator is the process heap (Windows' IMalloc allocates there too, so
 * memory from shell32 or oleaut32 is freed with CoTaskMemFree). GUIDs come from the kernel's random
 * source. There is no class registration and no COM server: CoCreateInstance, CoGetClassObject and
 * CLSIDFromProgID answer as Windows does for a class that is not registered.
 */
#include <string.h>

#include "combase/combase.h"
#include "io/builtin.h"
#include "ke/ke.h"
#include "ps/ps.h"
#include "win32/k32.h"

DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL all, DWORD ms, BOOL alertable);

#define COINIT_APARTMENTTHREADED 0x2

enum { APTTYPE_CURRENT = -1, APTTYPE_STA = 0, APTTYPE_MTA = 1, APTTYPE_NA = 2, APTTYPE_MAINSTA = 3 };
enum { APTTYPEQUALIFIER_NONE = 0, APTTYPEQUALIFIER_IMPLICIT_MTA = 1 };

struct ole_tls {
    LONG inits;          /* successful CoInitializeEx calls not yet undone */
    DWORD model;         /* COINIT_APARTMENTTHREADED or 0 (multithreaded), valid while inits > 0 */
    LONG ole_inits;      /* OleInitialize calls not yet undone */
    IUnknown *error_info; /* SetErrorInfo's object (an IErrorInfo), owned, until GetErrorInfo takes it */
};

static volatile LONG mta_threads;     /* threads in the multithreaded apartment */
static volatile DWORD main_sta;       /* thread id of the first single-threaded apartment, 0 if none */
static volatile LONG security_done;   /* CoInitializeSecurity has run */

static struct ole_tls *ole_tls(BOOL create)
{
    TEB *teb = NtCurrentTeb();
    if (!teb->ReservedForOle && create)
        teb->ReservedForOle = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(struct ole_tls));
    return teb->ReservedForOle;
}

static DWORD current_tid(void)
{
    return (DWORD)(ULONG_PTR)NtCurrentTeb()->ClientId.UniqueThread;
}

HRESULT WINAPI CoInitializeEx(PVOID reserved, DWORD model)
{
    if (reserved)
        return E_INVALIDARG;
    struct ole_tls *t = ole_tls(TRUE);
    if (!t)
        return E_OUTOFMEMORY;
    model &= COINIT_APARTMENTTHREADED;
    if (t->inits > 0) {
        if (t->model != model)
            return RPC_E_CHANGED_MODE;
        t->inits++;
        return S_FALSE;
    }
    t->model = model;
    t->inits = 1;
    if (model == COINIT_APARTMENTTHREADED) {
        DWORD none = 0;
        __atomic_compare_exchange_n(&main_sta, &none, current_tid(), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        __atomic_add_fetch(&mta_threads, 1, __ATOMIC_SEQ_CST);
    }
    return S_OK;
}

HRESULT WINAPI CoInitialize(PVOID reserved)
{
    (void)reserved;   /* ignored, as on Windows */
    return CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
}

void WINAPI CoUninitialize(void)
{
    struct ole_tls *t = ole_tls(FALSE);
    if (!t || t->inits <= 0)
        return;   /* an unbalanced call is ignored */
    if (--t->inits > 0)
        return;
    if (t->model == COINIT_APARTMENTTHREADED) {
        DWORD me = current_tid();
        __atomic_compare_exchange_n(&main_sta, &me, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        __atomic_sub_fetch(&mta_threads, 1, __ATOMIC_SEQ_CST);
    }
}

/* OLE needs a single-threaded apartment. The first OleInitialize of a thread answers S_OK even in an
 * apartment CoInitialize already made (Windows does; Wine's ole2 tests check it), later ones S_FALSE. */
HRESULT WINAPI OleInitialize(PVOID reserved)
{
    (void)reserved;
    HRESULT hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (hr < 0)
        return hr;
    if (ole_tls(FALSE)->ole_inits++ == 0)
        hr = S_OK;
    return hr;
}

void WINAPI OleUninitialize(void)
{
    struct ole_tls *t = ole_tls(FALSE);
    if (!t || t->ole_inits <= 0)
        return;
    t->ole_inits--;
    CoUninitialize();
}

static BOOL thread_in_apartment(void)
{
    struct ole_tls *t = ole_tls(FALSE);
    return (t && t->inits > 0) || __atomic_load_n(&mta_threads, __ATOMIC_SEQ_CST) > 0;
}

HRESULT WINAPI CoGetApartmentType(int *type, int *qualifier)
{
    if (!type || !qualifier)
        return E_INVALIDARG;
    struct ole_tls *t = ole_tls(FALSE);
    *type = APTTYPE_CURRENT;
    *qualifier = APTTYPEQUALIFIER_NONE;
    if (t && t->inits > 0) {
        if (t->model == COINIT_APARTMENTTHREADED)
            *type = __atomic_load_n(&main_sta, __ATOMIC_SEQ_CST) == current_tid() ? APTTYPE_MAINSTA : APTTYPE_STA;
        else
            *type = APTTYPE_MTA;
        return S_OK;
    }
    if (__atomic_load_n(&mta_threads, __ATOMIC_SEQ_CST) > 0) {
        /* A thread with no apartment of its own belongs to the process's MTA once one exists. */
        *type = APTTYPE_MTA;
        *qualifier = APTTYPEQUALIFIER_IMPLICIT_MTA;
        return S_OK;
    }
    return CO_E_NOTINITIALIZED;
}

/* ---- the task allocator ---- */

PVOID WINAPI CoTaskMemAlloc(SIZE_T size)
{
    return RtlAllocateHeap(RtlGetProcessHeap(), 0, size);
}

/* IMalloc::Realloc: a NULL block allocates, a size of zero frees. */
PVOID WINAPI CoTaskMemRealloc(PVOID ptr, SIZE_T size)
{
    if (!ptr)
        return CoTaskMemAlloc(size);
    if (!size) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, ptr);
        return NULL;
    }
    return RtlReAllocateHeap(RtlGetProcessHeap(), 0, ptr, size);
}

void WINAPI CoTaskMemFree(PVOID ptr)
{
    if (ptr)
        RtlFreeHeap(RtlGetProcessHeap(), 0, ptr);
}

typedef struct IMalloc IMalloc;
struct IMallocVtbl {
    HRESULT (WINAPI *QueryInterface)(IMalloc *self, REFIID iid, void **out);
    ULONG (WINAPI *AddRef)(IMalloc *self);
    ULONG (WINAPI *Release)(IMalloc *self);
    PVOID (WINAPI *Alloc)(IMalloc *self, SIZE_T size);
    PVOID (WINAPI *Realloc)(IMalloc *self, PVOID ptr, SIZE_T size);
    void (WINAPI *Free)(IMalloc *self, PVOID ptr);
    SIZE_T (WINAPI *GetSize)(IMalloc *self, PVOID ptr);
    int (WINAPI *DidAlloc)(IMalloc *self, PVOID ptr);
    void (WINAPI *HeapMinimize)(IMalloc *self);
};
struct IMalloc {
    const struct IMallocVtbl *lpVtbl;
};

static const GUID IID_IUnknown = {0x00000000, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IMalloc = {0x00000002, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IClientSecurity = {0x0000013D, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

static HRESULT WINAPI malloc_QueryInterface(IMalloc *self, REFIID iid, void **out)
{
    if (!out)
        return E_POINTER;
    if (!memcmp(iid, &IID_IUnknown, sizeof(GUID)) || !memcmp(iid, &IID_IMalloc, sizeof(GUID))) {
        *out = self;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
/* The task allocator is a process-wide object that is never destroyed: its count stays at 1. */
static ULONG WINAPI malloc_AddRef(IMalloc *self) { (void)self; return 1; }
static ULONG WINAPI malloc_Release(IMalloc *self) { (void)self; return 1; }
static PVOID WINAPI malloc_Alloc(IMalloc *self, SIZE_T size) { (void)self; return CoTaskMemAlloc(size); }
static PVOID WINAPI malloc_Realloc(IMalloc *self, PVOID p, SIZE_T size) { (void)self; return CoTaskMemRealloc(p, size); }
static void WINAPI malloc_Free(IMalloc *self, PVOID p) { (void)self; CoTaskMemFree(p); }
static SIZE_T WINAPI malloc_GetSize(IMalloc *self, PVOID p)
{
    (void)self;
    return p ? RtlSizeHeap(RtlGetProcessHeap(), 0, p) : (SIZE_T)-1;
}
/* -1: "cannot tell", what Windows answers for a heap block it does not track. */
static int WINAPI malloc_DidAlloc(IMalloc *self, PVOID p) { (void)self; return p ? -1 : 0; }
static void WINAPI malloc_HeapMinimize(IMalloc *self) { (void)self; }

static const struct IMallocVtbl malloc_vtbl = {
    malloc_QueryInterface, malloc_AddRef, malloc_Release, malloc_Alloc, malloc_Realloc,
    malloc_Free, malloc_GetSize, malloc_DidAlloc, malloc_HeapMinimize,
};
static IMalloc task_malloc = {&malloc_vtbl};

#define MEMCTX_TASK 1

HRESULT WINAPI CoGetMalloc(DWORD context, IMalloc **out)
{
    if (!out)
        return E_POINTER;
    if (context != MEMCTX_TASK) {
        *out = NULL;
        return E_INVALIDARG;
    }
    *out = &task_malloc;
    return S_OK;
}

/* ---- GUIDs ---- */

/* A version-4 GUID (RFC 4122 §4.4): 122 random bits, the version nibble 4, the variant bits 10. */
HRESULT WINAPI CoCreateGuid(GUID *guid)
{
    if (!guid)
        return E_INVALIDARG;
    NTSTATUS status = KeQueryRandom(guid, sizeof *guid);
    if (!NT_SUCCESS(status))
        return HRESULT_FROM_WIN32(RtlNtStatusToDosError(status));
    guid->Data3 = (USHORT)((guid->Data3 & 0x0FFF) | 0x4000);
    guid->Data4[0] = (UCHAR)((guid->Data4[0] & 0x3F) | 0x80);
    return S_OK;
}

#define CHARS_IN_GUID 39

static void guid_to_string(const GUID *g, WCHAR *out)
{
    static const char hex[] = "0123456789ABCDEF";
    BYTE b[16];
    for (int i = 0; i < 4; i++)
        b[i] = (BYTE)(g->Data1 >> (24 - 8 * i));
    b[4] = (BYTE)(g->Data2 >> 8), b[5] = (BYTE)g->Data2;
    b[6] = (BYTE)(g->Data3 >> 8), b[7] = (BYTE)g->Data3;
    memcpy(b + 8, g->Data4, 8);
    WCHAR *p = out;
    *p++ = '{';
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = (WCHAR)hex[b[i] >> 4];
        *p++ = (WCHAR)hex[b[i] & 15];
    }
    *p++ = '}';
    *p = 0;
}

static int hexval(WCHAR c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", hex digits in either case, nothing after the brace. */
static BOOL guid_from_string(LPCOLESTR s, GUID *g)
{
    BYTE b[16];
    if (s[0] != '{')
        return FALSE;
    const WCHAR *p = s + 1;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            if (*p++ != '-')
                return FALSE;
        }
        int hi = hexval(p[0]), lo = hi < 0 ? -1 : hexval(p[1]);
        if (hi < 0 || lo < 0)
            return FALSE;
        b[i] = (BYTE)(hi << 4 | lo);
        p += 2;
    }
    if (p[0] != '}' || p[1] != 0)
        return FALSE;
    g->Data1 = (ULONG)b[0] << 24 | (ULONG)b[1] << 16 | (ULONG)b[2] << 8 | b[3];
    g->Data2 = (USHORT)(b[4] << 8 | b[5]);
    g->Data3 = (USHORT)(b[6] << 8 | b[7]);
    memcpy(g->Data4, b + 8, 8);
    return TRUE;
}

INT WINAPI StringFromGUID2(REFGUID guid, LPOLESTR out, INT size)
{
    if (!guid || !out || size < CHARS_IN_GUID)
        return 0;
    guid_to_string(guid, out);
    return CHARS_IN_GUID;
}

HRESULT WINAPI StringFromCLSID(REFCLSID clsid, LPOLESTR *out)
{
    if (!out)
        return E_INVALIDARG;
    *out = CoTaskMemAlloc(CHARS_IN_GUID * sizeof(WCHAR));
    if (!*out)
        return E_OUTOFMEMORY;
    guid_to_string(clsid, *out);
    return S_OK;
}

HRESULT WINAPI StringFromIID(REFIID iid, LPOLESTR *out)
{
    return StringFromCLSID(iid, out);
}

/* A ProgID names a class through the registry's HKCR\<ProgID>\CLSID; no class is registered here. */
HRESULT WINAPI CLSIDFromProgID(LPCOLESTR progid, CLSID *clsid)
{
    if (!progid || !clsid)
        return E_INVALIDARG;
    memset(clsid, 0, sizeof *clsid);
    return CO_E_CLASSSTRING;
}

/* NULL is CLSID_NULL; a string that is not a braced GUID is tried as a ProgID. */
HRESULT WINAPI CLSIDFromString(LPCOLESTR s, CLSID *clsid)
{
    if (!clsid)
        return E_INVALIDARG;
    if (!s) {
        memset(clsid, 0, sizeof *clsid);
        return S_OK;
    }
    if (guid_from_string(s, clsid))
        return S_OK;
    CLSID tmp;
    HRESULT hr = CLSIDFromProgID(s, &tmp);
    if (hr >= 0)
        *clsid = tmp;
    return hr;
}

HRESULT WINAPI IIDFromString(LPCOLESTR s, IID *iid)
{
    if (!s) {
        memset(iid, 0, sizeof *iid);
        return S_OK;
    }
    size_t n = 0;
    while (s[n])
        n++;
    if (n + 1 != CHARS_IN_GUID)
        return E_INVALIDARG;
    return guid_from_string(s, iid) ? S_OK : CO_E_IIDSTRING;
}

/* ---- activation: no class is registered ---- */

typedef struct {
    const IID *pIID;
    IUnknown *pItf;
    HRESULT hr;
} MULTI_QI;

HRESULT WINAPI CoGetClassObject(REFCLSID clsid, DWORD context, PVOID server, REFIID iid, void **out)
{
    (void)context, (void)server, (void)iid;
    if (!out || !clsid)
        return E_INVALIDARG;
    *out = NULL;
    if (!thread_in_apartment())
        return CO_E_NOTINITIALIZED;
    return REGDB_E_CLASSNOTREG;
}

HRESULT WINAPI CoCreateInstance(REFCLSID clsid, IUnknown *outer, DWORD context, REFIID iid, void **out)
{
    (void)outer, (void)context;
    if (!out || !iid)
        return E_POINTER;
    *out = NULL;
    if (!clsid)
        return E_INVALIDARG;
    if (!thread_in_apartment())
        return CO_E_NOTINITIALIZED;
    return REGDB_E_CLASSNOTREG;
}

HRESULT WINAPI CoCreateInstanceEx(REFCLSID clsid, IUnknown *outer, DWORD context, PVOID server, ULONG count,
                                  MULTI_QI *results)
{
    (void)outer, (void)context, (void)server;
    if (!count || !results)
        return E_INVALIDARG;
    for (ULONG i = 0; i < count; i++) {
        results[i].pItf = NULL;
        results[i].hr = E_NOINTERFACE;
    }
    if (!clsid)
        return E_INVALIDARG;
    if (!thread_in_apartment())
        return CO_E_NOTINITIALIZED;
    return REGDB_E_CLASSNOTREG;   /* the entries keep E_NOINTERFACE: no QueryInterface ran */
}

/* No COM server DLL is ever loaded, so there is nothing to unload. */
void WINAPI CoFreeUnusedLibrariesEx(DWORD delay, DWORD reserved)
{
    (void)delay, (void)reserved;
}

void WINAPI CoFreeUnusedLibraries(void)
{
}

/* ---- security ---- */

/* The process's security defaults can be set once, before any interface is marshalled. */
HRESULT WINAPI CoInitializeSecurity(PVOID sd, LONG nauth, PVOID auth, PVOID reserved1, DWORD authn_level,
                                    DWORD imp_level, PVOID reserved2, DWORD capabilities, PVOID reserved3)
{
    (void)sd, (void)nauth, (void)auth, (void)reserved1, (void)authn_level, (void)imp_level;
    (void)reserved2, (void)capabilities, (void)reserved3;
    if (__atomic_exchange_n(&security_done, 1, __ATOMIC_SEQ_CST))
        return RPC_E_TOO_LATE;
    return S_OK;
}

typedef struct IClientSecurity IClientSecurity;
struct IClientSecurityVtbl {
    HRESULT (WINAPI *QueryInterface)(IClientSecurity *self, REFIID iid, void **out);
    ULONG (WINAPI *AddRef)(IClientSecurity *self);
    ULONG (WINAPI *Release)(IClientSecurity *self);
    HRESULT (WINAPI *QueryBlanket)(IClientSecurity *self, IUnknown *proxy, DWORD *authn, DWORD *authz,
                                   OLECHAR **server, DWORD *authn_level, DWORD *imp_level, void **auth, DWORD *caps);
    HRESULT (WINAPI *SetBlanket)(IClientSecurity *self, IUnknown *proxy, DWORD authn, DWORD authz,
                                 OLECHAR *server, DWORD authn_level, DWORD imp_level, void *auth, DWORD caps);
};
struct IClientSecurity {
    const struct IClientSecurityVtbl *lpVtbl;
};

/* As Windows does: the blanket is set through the proxy's IClientSecurity; an object that is not a
 * proxy (every object here: nothing is marshalled) answers E_NOINTERFACE. */
HRESULT WINAPI CoSetProxyBlanket(IUnknown *proxy, DWORD authn, DWORD authz, OLECHAR *server, DWORD authn_level,
                                 DWORD imp_level, void *auth, DWORD caps)
{
    if (!proxy)
        return E_INVALIDARG;
    IClientSecurity *cs = NULL;
    HRESULT hr = proxy->lpVtbl->QueryInterface(proxy, &IID_IClientSecurity, (void **)&cs);
    if (hr < 0)
        return hr;
    hr = cs->lpVtbl->SetBlanket(cs, proxy, authn, authz, server, authn_level, imp_level, auth, caps);
    cs->lpVtbl->Release(cs);
    return hr;
}

/* ---- waiting ---- */

#define COWAIT_WAITALL   1
#define COWAIT_ALERTABLE 2
#define WAIT_TIMEOUT_     258
#define WAIT_FAILED_      0xFFFFFFFFu

/* A real wait on the handles. Nothing is ever posted to a COM apartment here (there are no
 * cross-apartment calls), so there are no messages to pump while waiting. */
HRESULT WINAPI CoWaitForMultipleHandles(DWORD flags, DWORD timeout, ULONG count, HANDLE *handles, DWORD *index)
{
    if (!index)
        return E_INVALIDARG;
    *index = 0;
    if (!handles)
        return E_INVALIDARG;
    if (!count)
        return RPC_E_NO_SYNC;
    DWORD r = WaitForMultipleObjectsEx(count, handles, (flags & COWAIT_WAITALL) != 0, timeout,
                                       (flags & COWAIT_ALERTABLE) != 0);
    if (r == WAIT_TIMEOUT_)
        return RPC_S_CALLPENDING;
    if (r == WAIT_FAILED_)
        return HRESULT_FROM_WIN32(GetLastError());
    *index = r;
    return S_OK;
}

/* The thread's error object: SetErrorInfo replaces it (NULL clears it), GetErrorInfo hands it over and
 * leaves none, S_FALSE when there is none. Neither needs COM initialised. */
HRESULT WINAPI SetErrorInfo(ULONG reserved, IUnknown *info)
{
    if (reserved)
        return E_INVALIDARG;
    struct ole_tls *t = ole_tls(TRUE);
    if (!t)
        return E_OUTOFMEMORY;
    if (info)
        info->lpVtbl->AddRef(info);
    IUnknown *old = t->error_info;
    t->error_info = info;
    if (old)
        old->lpVtbl->Release(old);
    return S_OK;
}

HRESULT WINAPI GetErrorInfo(ULONG reserved, IUnknown **out)
{
    if (reserved || !out)
        return E_INVALIDARG;
    struct ole_tls *t = ole_tls(FALSE);
    *out = t ? t->error_info : NULL;
    if (!*out)
        return S_FALSE;
    t->error_info = NULL;
    return S_OK;
}

static const struct builtin_export combase_exports[] = {
    BUILTIN_FUNCTION("CLSIDFromProgID", CLSIDFromProgID),
    BUILTIN_FUNCTION("CLSIDFromString", CLSIDFromString),
    BUILTIN_FUNCTION("CoCreateGuid", CoCreateGuid),
    BUILTIN_FUNCTION("CoCreateInstance", CoCreateInstance),
    BUILTIN_FUNCTION("CoCreateInstanceEx", CoCreateInstanceEx),
    BUILTIN_FUNCTION("CoFreeUnusedLibraries", CoFreeUnusedLibraries),
    BUILTIN_FUNCTION("CoFreeUnusedLibrariesEx", CoFreeUnusedLibrariesEx),
    BUILTIN_FUNCTION("CoGetApartmentType", CoGetApartmentType),
    BUILTIN_FUNCTION("CoGetClassObject", CoGetClassObject),
    BUILTIN_FUNCTION("CoGetMalloc", CoGetMalloc),
    BUILTIN_FUNCTION("CoInitialize", CoInitialize),
    BUILTIN_FUNCTION("CoInitializeEx", CoInitializeEx),
    BUILTIN_FUNCTION("CoInitializeSecurity", CoInitializeSecurity),
    BUILTIN_FUNCTION("CoSetProxyBlanket", CoSetProxyBlanket),
    BUILTIN_FUNCTION("CoTaskMemAlloc", CoTaskMemAlloc),
    BUILTIN_FUNCTION("CoTaskMemFree", CoTaskMemFree),
    BUILTIN_FUNCTION("CoTaskMemRealloc", CoTaskMemRealloc),
    BUILTIN_FUNCTION("CoUninitialize", CoUninitialize),
    BUILTIN_FUNCTION("CoWaitForMultipleHandles", CoWaitForMultipleHandles),
    BUILTIN_FUNCTION("IIDFromString", IIDFromString),
    BUILTIN_FUNCTION("StringFromCLSID", StringFromCLSID),
    BUILTIN_FUNCTION("StringFromGUID2", StringFromGUID2),
    BUILTIN_FUNCTION("StringFromIID", StringFromIID),
    BUILTIN_FUNCTION("GetErrorInfo", GetErrorInfo),
    BUILTIN_FUNCTION("SetErrorInfo", SetErrorInfo),
};

static const struct builtin_dll combase = {
    .name = "combase.dll",
    .exports = combase_exports,
    .nexports = ARRAY_SIZE(combase_exports),
};
BUILTIN_DLL(combase);
