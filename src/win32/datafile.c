/*
 * Modules mapped as data: LoadLibraryEx with LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE) or
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE. Such a "module" is a view of the file and nothing more (no relocation, no
 * imports, no DllMain, no entry in the PEB's loader lists), so GetModuleHandle, GetModuleFileName and
 * GetProcAddress do not know it; the resource functions do (ntdll/ldr/resource.c). Its handle carries the
 * low bits Windows gives it: base|1 for a flat view of the file (file layout), base|2 for an image section's
 * view (LOAD_LIBRARY_AS_IMAGE_RESOURCE, with or without AS_DATAFILE). A name that is already loaded as a
 * module answers that module's handle, with one more reference, as Windows does.
 *
 * The views made here are kept in a small list (under the loader lock, as Windows keeps them beside the
 * loader's state): FreeLibrary accepts only handles it holds, and an EXCLUSIVE data file keeps its file open,
 * without write sharing, until then ("Other processes cannot open the DLL file for write access while it is
 * in use", LoadLibraryEx's documentation).
 */
#include "mm/mm.h"
#include "ntdll/ldr/ldrp.h"
#include "win32/k32.h"

struct data_module {
    struct data_module *next;
    HMODULE handle;     /* base|1 or base|2 */
    HANDLE file;        /* EXCLUSIVE: the open file; else NULL */
};

static struct data_module *data_modules;

DWORD WINAPI SearchPathW(LPCWSTR path, LPCWSTR name, LPCWSTR ext, DWORD size, LPWSTR out, LPWSTR *file_part);   /* guarded by the loader lock */

/* A module of that name loaded already: its handle with one more load reference, or NULL. */
static HMODULE loaded_module(LPCWSTR name)
{
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, name);
    PVOID base = NULL;
    LdrpAcquireLoaderLock();
    if (LdrGetDllHandle(NULL, NULL, &us, &base) != STATUS_SUCCESS || LdrLoadDll(NULL, NULL, &us, &base) != STATUS_SUCCESS)
        base = NULL;
    LdrpReleaseLoaderLock();
    return base;
}

/* Does the flat view (size bytes of a file) start with the DOS and NT signatures? Windows' test before it
 * hands out a data file (RtlImageNtHeaderEx against the view's size). */
static BOOLEAN has_nt_headers(const BYTE *view, ULONGLONG size)
{
    if (size < sizeof(IMAGE_DOS_HEADER) || ((const IMAGE_DOS_HEADER *)view)->e_magic != IMAGE_DOS_SIGNATURE)
        return FALSE;
    LONG lfanew = ((const IMAGE_DOS_HEADER *)view)->e_lfanew;
    if (lfanew < 0 || (ULONGLONG)lfanew > size - 4)
        return FALSE;
    const BYTE *sig = view + lfanew;
    return sig[0] == 'P' && sig[1] == 'E' && sig[2] == 0 && sig[3] == 0;
}

/* Maps the open file: an image section (image) or a read-only view of its bytes, checked for PE headers. */
static NTSTATUS map_file(HANDLE file, BOOL image, PVOID *base)
{
    HANDLE section;
    LARGE_INTEGER size;
    *base = NULL;
    if (!image && !GetFileSizeEx(file, &size))
        return STATUS_INVALID_IMAGE_NOT_MZ;
    NTSTATUS status = NtCreateSection(&section, SECTION_MAP_READ | SECTION_QUERY, NULL, NULL, PAGE_READONLY,
                                      image ? SEC_IMAGE : SEC_COMMIT, file);
    /* An empty file has nothing to map: it is refused as any file without PE headers is. */
    if (status == STATUS_MAPPED_FILE_SIZE_ZERO)
        return STATUS_INVALID_IMAGE_NOT_MZ;
    if (status != STATUS_SUCCESS)
        return status;
    SIZE_T view_size = 0;
    status = NtMapViewOfSection(section, NtCurrentProcess(), base, 0, 0, NULL, &view_size, 1 /* ViewShare */, 0,
                                PAGE_READONLY);
    NtClose(section);
    if (status == STATUS_IMAGE_NOT_AT_BASE)
        status = STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && !image && !has_nt_headers(*base, (ULONGLONG)size.QuadPart)) {
        NtUnmapViewOfSection(NtCurrentProcess(), *base);
        *base = NULL;
        status = STATUS_INVALID_IMAGE_FORMAT;
    }
    return status;
}

/*
 * LoadLibraryExW for the data flags (LoadLibraryExW checked the arguments). The file is found as
 * LoadLibrary's standard search finds it (SearchPath's default order, ".dll" added to a name without an
 * extension); a missing one is ERROR_FILE_NOT_FOUND (the search's answer, not the loader's
 * ERROR_MOD_NOT_FOUND), one that is not a PE file ERROR_BAD_EXE_FORMAT.
 */
HMODULE BaseLoadLibraryAsData(LPCWSTR name, DWORD flags)
{
    HMODULE module = loaded_module(name);
    if (module)
        return module;
    WCHAR path[MAX_PATH * 4];
    DWORD n = SearchPathW(NULL, name, u".dll", ARRAY_SIZE(path), path, NULL);
    if (n >= ARRAY_SIZE(path))
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
    if (!n || n >= ARRAY_SIZE(path))
        return NULL;   /* SearchPath's error: a missing file is ERROR_FILE_NOT_FOUND, not the loader's 126 */
    BOOL image = (flags & LOAD_LIBRARY_AS_IMAGE_RESOURCE) != 0;
    BOOL exclusive = (flags & LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE) != 0;
    HANDLE file = CreateFileW(path, GENERIC_READ, exclusive ? FILE_SHARE_READ : FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                              NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return NULL;
    struct data_module *dm = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *dm);
    PVOID base = NULL;
    NTSTATUS status = dm ? map_file(file, image, &base) : STATUS_NO_MEMORY;
    if (status != STATUS_SUCCESS) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, dm);
        CloseHandle(file);
        BaseSetLastNTError(status);
        return NULL;
    }
    if (!exclusive) {
        CloseHandle(file);
        file = NULL;
    }
    dm->handle = (HMODULE)((ULONG_PTR)base | (image ? 2 : 1));
    dm->file = file;
    LdrpAcquireLoaderLock();
    dm->next = data_modules;
    data_modules = dm;
    LdrpReleaseLoaderLock();
    return dm->handle;
}

/* FreeLibrary of a handle with low bits set: unmaps a view made above. Any other such handle names no mapped
 * image: ERROR_BAD_EXE_FORMAT, Windows' answer when the handle's view holds no image headers. */
BOOL BaseFreeDataModule(HMODULE module)
{
    LdrpAcquireLoaderLock();
    struct data_module **link = &data_modules;
    while (*link && (*link)->handle != module)
        link = &(*link)->next;
    struct data_module *dm = *link;
    if (dm)
        *link = dm->next;
    LdrpReleaseLoaderLock();
    if (!dm) {
        SetLastError(ERROR_BAD_EXE_FORMAT);
        return FALSE;
    }
    NTSTATUS status = NtUnmapViewOfSection(NtCurrentProcess(), (PVOID)((ULONG_PTR)module & ~(ULONG_PTR)3));
    if (dm->file)
        CloseHandle(dm->file);
    RtlFreeHeap(RtlGetProcessHeap(), 0, dm);
    return BaseSetNtStatus(status);
}
