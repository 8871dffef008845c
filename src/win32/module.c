/* Modules: GetModuleHandle, LoadLibrary, GetProcAddress, FreeLibrary, GetModuleFileName. */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/exception.h"
#include "ps/ps.h"
#include "win32/k32.h"

#define GET_MODULE_HANDLE_EX_FLAG_PIN                0x1
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x2
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS       0x4

HMODULE WINAPI GetModuleHandleW(LPCWSTR name)
{
    if (!name)
        return BaseCurrentPeb()->ImageBaseAddress;
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, name);
    PVOID base;
    NTSTATUS status = LdrGetDllHandle(NULL, NULL, &us, &base);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return base;
}

HMODULE WINAPI GetModuleHandleA(LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return NULL;
    HMODULE m = GetModuleHandleW(w);
    BaseFreeWide(w);
    return m;
}

/* The module, and one more reference to it unless UNCHANGED_REFCOUNT (PIN: it never unloads). */
BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *module)
{
    const DWORD known = GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT |
                        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS;
    if (module)
        *module = NULL;
    if (!module || (flags & ~known) ||
        (flags & (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) ==
            (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    PVOID base;
    LdrpAcquireLoaderLock();   /* the module cannot go between finding it and counting the reference */
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
        LDRP_MODULE *m = LdrpFindModuleByAddress(name);
        base = m ? m->Entry.DllBase : NULL;
    } else {
        base = GetModuleHandleW(name);
    }
    NTSTATUS status = STATUS_SUCCESS;
    if (!base)
        status = STATUS_DLL_NOT_FOUND;
    else if (flags & GET_MODULE_HANDLE_EX_FLAG_PIN)
        status = LdrAddRefDll(LDR_ADDREF_DLL_PIN, base);
    else if (!(flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT))
        status = LdrAddRefDll(0, base);
    LdrpReleaseLoaderLock();
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    *module = base;
    return TRUE;
}

BOOL WINAPI GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *module)
{
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)
        return GetModuleHandleExW(flags, (LPCWSTR)name, module);
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return FALSE;
    BOOL r = GetModuleHandleExW(flags, w, module);
    BaseFreeWide(w);
    return r;
}

/* The DLL directories live in the loader (ntdll/ldr/search.c), which searches them. */
BOOL WINAPI SetDllDirectoryW(LPCWSTR dir)
{
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, dir);
    return BaseSetNtStatus(LdrSetDllDirectory(dir ? &us : NULL));
}

BOOL WINAPI SetDllDirectoryA(LPCSTR dir)
{
    if (!dir)
        return SetDllDirectoryW(NULL);
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(dir, &ok);
    if (!ok)
        return FALSE;
    BOOL r = SetDllDirectoryW(w);
    BaseFreeWide(w);
    return r;
}

/* The length without the terminator when the directory fits, else the size needed with it; 0 when none is set. */
DWORD WINAPI GetDllDirectoryW(DWORD size, LPWSTR buffer)
{
    UNICODE_STRING us = {0, (USHORT)(size > 0x7FFF ? 0xFFFE : size * sizeof(WCHAR)), buffer};
    NTSTATUS status = LdrGetDllDirectory(&us);
    DWORD len = us.Length / sizeof(WCHAR);
    return status == STATUS_SUCCESS ? len : len + 1;
}

DWORD WINAPI GetDllDirectoryA(DWORD size, LPSTR buffer)
{
    WCHAR w[MAX_PATH * 4];
    DWORD n = GetDllDirectoryW(ARRAY_SIZE(w), w);
    if (n >= ARRAY_SIZE(w))
        return 0;
    if (!n) {
        if (size)
            buffer[0] = 0;
        return 0;
    }
    return BaseWideResultToAnsi(w, n, buffer, size);
}

/* A directory LOAD_LIBRARY_SEARCH_USER_DIRS searches: a full path that exists. The cookie removes it. */
PVOID WINAPI AddDllDirectory(LPCWSTR dir)
{
    UNICODE_STRING us;
    if (!dir) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    RtlInitUnicodeString(&us, dir);
    PVOID cookie;
    NTSTATUS status = LdrAddDllDirectory(&us, &cookie);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return cookie;
}

BOOL WINAPI RemoveDllDirectory(PVOID cookie)
{
    return BaseSetNtStatus(LdrRemoveDllDirectory(cookie));
}

BOOL WINAPI SetDefaultDllDirectories(DWORD flags)
{
    return BaseSetNtStatus(LdrSetDefaultDllDirectories(flags));
}

#define DONT_RESOLVE_DLL_REFERENCES             0x00000001
#define LOAD_WITH_ALTERED_SEARCH_PATH           0x00000008

/*
 * The loader's search (ntdll/ldr/search.c) gets the LOAD_LIBRARY_SEARCH_* flags, or
 * LOAD_WITH_ALTERED_SEARCH_PATH for a full path, as flags | 1 in LdrLoadDll's path argument, and
 * DONT_RESOLVE_DLL_REFERENCES as IMAGE_FILE_EXECUTABLE_IMAGE in its characteristics, as Windows' kernel32
 * passes them; the data flags map the file in datafile.c instead. Flags in the high word are no flags at
 * all (ERROR_INVALID_PARAMETER); the low word's others (code authorization, signing, integrity) change
 * nothing here.
 */
HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    if (!name || !*name || file || (flags & 0xFFFF0000) ||
        ((flags & LOAD_WITH_ALTERED_SEARCH_PATH) && (flags & LDRP_SEARCH_DIRECTORY_FLAGS)) ||
        ((flags & LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) && !LdrpIsFullPath(name))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (flags & BASE_LOAD_AS_DATA_FLAGS)
        return BaseLoadLibraryAsData(name, flags);
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, name);
    ULONG search = flags & LDRP_SEARCH_DIRECTORY_FLAGS;
    if ((flags & LOAD_WITH_ALTERED_SEARCH_PATH) && LdrpIsFullPath(name))
        search |= LDRP_SEARCH_ALTERED;
    ULONG characteristics = flags & DONT_RESOLVE_DLL_REFERENCES ? LDRP_DONT_RESOLVE_REFERENCES : 0;
    PVOID base;
    NTSTATUS status = LdrLoadDll(search ? (PCWSTR)(ULONG_PTR)(search | 1) : NULL, &characteristics, &us, &base);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return base;
}

HMODULE WINAPI LoadLibraryW(LPCWSTR name)
{
    return LoadLibraryExW(name, NULL, 0);
}

HMODULE WINAPI LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return NULL;
    HMODULE m = LoadLibraryExW(w, file, flags);
    BaseFreeWide(w);
    return m;
}

HMODULE WINAPI LoadLibraryA(LPCSTR name)
{
    return LoadLibraryExA(name, NULL, 0);
}

BOOL WINAPI FreeLibrary(HMODULE module)
{
    if (BaseIsDataModule(module))
        return BaseFreeDataModule(module);
    return BaseSetNtStatus(LdrUnloadDll(module));
}

/* For a thread running in a DLL it loaded: the DLL goes, and the thread ends without returning into it. */
void WINAPI FreeLibraryAndExitThread(HMODULE module, DWORD code)
{
    FreeLibrary(module);
    RtlExitUserThread((NTSTATUS)code);
}

/* GetProcAddress: a name, or an ordinal in the low word of the pointer (MAKEINTRESOURCE). */
PVOID WINAPI GetProcAddress(HMODULE module, LPCSTR name)
{
    if (!module)
        module = BaseCurrentPeb()->ImageBaseAddress;
    /* A module mapped as data has no exports to bind (LoadLibraryEx: "you cannot call ... GetProcAddress with
     * this DLL"); the loader does not know the handle, STATUS_DLL_NOT_FOUND. */
    if (BaseIsDataModule(module))
        return BaseSetLastNTError(STATUS_DLL_NOT_FOUND), NULL;
    PVOID address;
    NTSTATUS status;
    if ((ULONG_PTR)name >> 16 == 0) {
        status = LdrGetProcedureAddress(module, NULL, (ULONG)(ULONG_PTR)name, &address);
    } else {
        ANSI_STRING as;
        RtlInitAnsiString(&as, name);
        status = LdrGetProcedureAddress(module, &as, 0, &address);
    }
    if (status != STATUS_SUCCESS) {
        /* A bad ordinal is "procedure not found" to Win32 callers too. */
        BaseSetLastNTError(status == STATUS_ORDINAL_NOT_FOUND ? STATUS_PROCEDURE_NOT_FOUND : status);
        return NULL;
    }
    return address;
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE module)
{
    return BaseSetNtStatus(LdrDisableThreadCalloutsForDll(module));
}

/* GetModuleFileName: the full path; a short buffer gets what fits, returns size, ERROR_INSUFFICIENT_BUFFER. */
DWORD WINAPI GetModuleFileNameW(HMODULE module, LPWSTR name, DWORD size)
{
    if (!module)
        module = BaseCurrentPeb()->ImageBaseAddress;
    /* A module mapped as data has no loader entry, hence no name (LoadLibraryEx's documentation). */
    if (BaseIsDataModule(module)) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return 0;
    }
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(module);
    DWORD len = 0;
    if (m) {
        len = m->Entry.FullDllName.Length / sizeof(WCHAR);
        if (len < size) {
            memcpy(name, m->Entry.FullDllName.Buffer, len * sizeof(WCHAR));
            name[len] = 0;
            SetLastError(ERROR_SUCCESS);
        } else if (size) {
            memcpy(name, m->Entry.FullDllName.Buffer, size * sizeof(WCHAR));
            name[size - 1] = 0;
            len = size;
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
        } else {
            len = 0;
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
        }
    } else {
        SetLastError(ERROR_MOD_NOT_FOUND);
    }
    LdrpReleaseLoaderLock();
    return len;
}

DWORD WINAPI GetModuleFileNameA(HMODULE module, LPSTR name, DWORD size)
{
    WCHAR wide[MAX_PATH * 4];
    DWORD n = GetModuleFileNameW(module, wide, ARRAY_SIZE(wide));
    if (!n)
        return 0;
    ULONG bytes;
    RtlUnicodeToMultiByteN(NULL, 0, &bytes, wide, n * sizeof(WCHAR));
    if (bytes < size) {
        RtlUnicodeToMultiByteN(name, bytes, &bytes, wide, n * sizeof(WCHAR));
        name[bytes] = 0;
        SetLastError(ERROR_SUCCESS);
        return bytes;
    }
    if (size) {
        RtlUnicodeToMultiByteN(name, size, &bytes, wide, n * sizeof(WCHAR));
        name[size - 1] = 0;
    }
    SetLastError(ERROR_INSUFFICIENT_BUFFER);
    return size;
}

/* The system's delay-load failure hook (ResolveDelayLoadedAPI calls it when a delay-loaded function cannot
 * be had). Windows answers a stub for some functions of its own API sets; ntexec has none, so the call
 * fails as the loader's resolver does without a hook (ntdll/ldr/delayload.c). */
PVOID WINAPI DelayLoadFailureHook(LPCSTR dll, LPCSTR procedure)
{
    LdrpRaiseDelayLoadFailure(dll, procedure);
}
