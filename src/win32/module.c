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

BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *module)
{
    if (!module) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *module = NULL;
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
        PVOID base;
        if (!RtlPcToFileHeader((PVOID)name, &base)) {
            SetLastError(ERROR_MOD_NOT_FOUND);
            return FALSE;
        }
        *module = base;
        return TRUE;
    }
    *module = GetModuleHandleW(name);
    return *module != NULL;
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

/*
 * The DLL directory (SetDllDirectory), as given (a relative one is taken from the current directory at each
 * load), NULL when none is set: LoadLibrary searches it after the application's directory. It is passed to the loader as the search path, which the loader
 * searches after the application and current directories (Windows drops the current directory from the
 * search while a DLL directory is set; the loader here keeps it, ahead of the DLL directory).
 */
static WCHAR *dll_directory;

static size_t wide_length(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}


static void lock_peb(void)
{
    RtlEnterCriticalSection(BaseCurrentPeb()->FastPebLock);
}

static void unlock_peb(void)
{
    RtlLeaveCriticalSection(BaseCurrentPeb()->FastPebLock);
}

BOOL WINAPI SetDllDirectoryW(LPCWSTR dir)
{
    WCHAR *copy = NULL;
    if (dir && *dir) {
        size_t n = wide_length(dir) + 1;
        copy = RtlAllocateHeap(BaseCurrentPeb()->ProcessHeap, 0, n * sizeof(WCHAR));
        if (!copy) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        memcpy(copy, dir, n * sizeof(WCHAR));
    }
    lock_peb();
    WCHAR *old = dll_directory;
    dll_directory = copy;
    unlock_peb();
    if (old)
        RtlFreeHeap(BaseCurrentPeb()->ProcessHeap, 0, old);
    return TRUE;
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
    lock_peb();
    DWORD len = dll_directory ? (DWORD)wide_length(dll_directory) : 0;
    DWORD r = len;
    if (size > len) {
        if (len)
            memcpy(buffer, dll_directory, (len + 1) * sizeof(WCHAR));
        else
            buffer[0] = 0;
    } else
        r = len + 1;
    unlock_peb();
    return r;
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

HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    if (!name || !*name || file) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (flags & BASE_LOAD_AS_DATA_FLAGS)
        return BaseLoadLibraryAsData(name, flags);
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, name);
    PVOID base;
    WCHAR search[MAX_PATH * 4];
    search[0] = 0;
    lock_peb();
    if (dll_directory) {
        DWORD n = GetFullPathNameW(dll_directory, ARRAY_SIZE(search), search, NULL);
        if (!n || n >= ARRAY_SIZE(search))
            search[0] = 0;
    }
    unlock_peb();
    NTSTATUS status = LdrLoadDll(search[0] ? search : NULL, NULL, &us, &base);
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
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(module);
    if (m)
        m->Entry.Flags |= LDRP_DONT_CALL_FOR_THREADS;
    LdrpReleaseLoaderLock();
    if (!m) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
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
