/*
 * File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex), UnmapViewOfFile and
 * FlushViewOfFile over the section services (mm/section.c). A mapping of INVALID_HANDLE_VALUE is backed
 * by the paging file; its size must then be given.
 */
#include "io/io.h"
#include "mm/mm.h"
#include "win32/k32.h"

#define FILE_MAP_COPY    0x0001
#define FILE_MAP_WRITE   0x0002
#define FILE_MAP_READ    0x0004
#define FILE_MAP_EXECUTE 0x0020

HANDLE WINAPI CreateFileMappingW(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCWSTR name)
{
    ULONG attributes = protect & 0xFFFFFF00u;
    protect &= 0xFF;
    if (!attributes)
        attributes = SEC_COMMIT;
    LARGE_INTEGER size = {.QuadPart = (LONGLONG)((ULONG64)size_high << 32 | size_low)};
    if (file == INVALID_HANDLE_VALUE) {
        file = NULL;
        if (!size.QuadPart) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
    }
    struct base_named n;
    HANDLE h;
    ACCESS_MASK access = SECTION_ALL_ACCESS & ~(ACCESS_MASK)(protect == PAGE_EXECUTE_READ ||
                                                                 protect == PAGE_EXECUTE_READWRITE ||
                                                                 protect == PAGE_EXECUTE_WRITECOPY
                                                             ? 0 : SECTION_MAP_EXECUTE);
    NTSTATUS status = NtCreateSection(&h, access, BaseObjectAttributes(&n, name, sa), size.QuadPart ? &size : NULL,
                                      protect, attributes, file);
    return BaseCreatedHandle(status, h);
}

HANDLE WINAPI CreateFileMappingA(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? CreateFileMappingW(file, sa, protect, size_high, size_low, w) : NULL;
    BaseFreeWide(w);
    return h;
}

HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct base_named n;
    HANDLE h;
    POBJECT_ATTRIBUTES oa = BaseObjectAttributes(&n, name, NULL);
    oa->Attributes = inherit ? OBJ_INHERIT : 0;
    if (access == FILE_MAP_COPY)
        access = SECTION_MAP_READ;   /* a copy-on-write view reads the section */
    NTSTATUS status = NtOpenSection(&h, access, oa);
    return BaseOpenedHandle(status, h);
}

HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    HANDLE h = ok ? OpenFileMappingW(access, inherit, w) : NULL;
    BaseFreeWide(w);
    return h;
}

/* The page protection of a view of FILE_MAP_* access, in the order Windows tests the rights. */
static ULONG view_protection(DWORD access)
{
    bool execute = access & FILE_MAP_EXECUTE;
    if (access & FILE_MAP_WRITE)
        return execute ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    if (access & FILE_MAP_COPY)
        return execute ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
    return execute ? PAGE_EXECUTE_READ : PAGE_READONLY;
}

PVOID WINAPI MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T bytes,
                             PVOID base)
{
    LARGE_INTEGER offset = {.QuadPart = (LONGLONG)((ULONG64)offset_high << 32 | offset_low)};
    SIZE_T size = bytes;
    PVOID address = base;
    NTSTATUS status = NtMapViewOfSection(mapping, NtCurrentProcess(), &address, 0, 0, &offset, &size, 1 /* ViewShare */,
                                         0, view_protection(access));
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return address;
}

PVOID WINAPI MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T bytes)
{
    return MapViewOfFileEx(mapping, access, offset_high, offset_low, bytes, NULL);
}

BOOL WINAPI UnmapViewOfFile(LPCVOID address)
{
    return BaseSetNtStatus(NtUnmapViewOfSection(NtCurrentProcess(), (PVOID)address));
}

BOOL WINAPI FlushViewOfFile(LPCVOID address, SIZE_T bytes)
{
    PVOID base = (PVOID)address;
    SIZE_T size = bytes;
    IO_STATUS_BLOCK io;
    return BaseSetNtStatus(NtFlushVirtualMemory(NtCurrentProcess(), &base, &size, &io));
}
