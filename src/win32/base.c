/* Last-error values, ANSI <-> UTF-16 helpers of the "A" functions, and DOS path handling. */
#include <string.h>

#include "io/io.h"
#include "win32/k32.h"

DWORD BaseSetLastNTError(NTSTATUS status)
{
    DWORD error = RtlNtStatusToDosError(status);
    BaseCurrentTeb()->LastErrorValue = error;
    BaseCurrentTeb()->LastStatusValue = (ULONG)status;
    return error;
}

POBJECT_ATTRIBUTES BaseObjectAttributes(struct base_named *n, LPCWSTR name, LPSECURITY_ATTRIBUTES sa)
{
    RtlInitUnicodeString(&n->name, name);
    n->oa = (OBJECT_ATTRIBUTES){sizeof n->oa, NULL, name ? &n->name : NULL,
                                OBJ_OPENIF | (sa && sa->bInheritHandle ? OBJ_INHERIT : 0), NULL, NULL};
    return &n->oa;
}

HANDLE BaseCreatedHandle(NTSTATUS status, HANDLE handle)
{
    if (status == STATUS_OBJECT_NAME_EXISTS) {
        SetLastError(ERROR_ALREADY_EXISTS);
        return handle;
    }
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    SetLastError(ERROR_SUCCESS);
    return handle;
}

HANDLE BaseOpenedHandle(NTSTATUS status, HANDLE handle)
{
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return NULL;
    }
    return handle;
}

void WINAPI SetLastError(DWORD error)
{
    BaseCurrentTeb()->LastErrorValue = error;
}

DWORD WINAPI GetLastError(void)
{
    return BaseCurrentTeb()->LastErrorValue;
}

WCHAR *BaseAnsiToWideN(const char *s, size_t n, size_t *units)
{
    ULONG bytes = 0;
    RtlMultiByteToUnicodeN(NULL, 0, &bytes, s, (ULONG)n);
    WCHAR *w = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + sizeof(WCHAR));
    if (!w)
        return NULL;
    RtlMultiByteToUnicodeN(w, bytes, &bytes, s, (ULONG)n);
    w[bytes / sizeof(WCHAR)] = 0;
    if (units)
        *units = bytes / sizeof(WCHAR);
    return w;
}

WCHAR *BaseAnsiToWide(LPCSTR s, BOOL *ok)
{
    *ok = TRUE;
    if (!s)
        return NULL;
    WCHAR *w = BaseAnsiToWideN(s, strlen(s), NULL);
    if (!w) {
        *ok = FALSE;
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    return w;
}

void BaseFreeWide(WCHAR *w)
{
    if (w)
        RtlFreeHeap(RtlGetProcessHeap(), 0, w);
}

DWORD BaseWideResultToAnsi(const WCHAR *w, size_t units, LPSTR out, DWORD size)
{
    ULONG need;
    RtlUnicodeToMultiByteN(NULL, 0, &need, w, (ULONG)(units * sizeof(WCHAR)));
    if (!out || need + 1 > size)
        return need + 1;
    RtlUnicodeToMultiByteN(out, need, &need, w, (ULONG)(units * sizeof(WCHAR)));
    out[need] = 0;
    return need;
}

/* ---- paths ----------------------------------------------------------------------------------------- */

/* GetFullPathNameW's rules (the runtime library's, which ntdll's RtlGetFullPathName_U shares) against the
 * process's current directory. */
DWORD BaseGetFullPathName(PCWSTR path, DWORD size, PWSTR out, PWSTR *file_part)
{
    return RtlpGetFullPathName(&BaseParameters()->CurrentDirectory.DosPath, path, size, out, file_part);
}

DWORD WINAPI GetFullPathNameW(PCWSTR path, DWORD size, PWSTR out, PWSTR *file_part)
{
    if (!path || !*path) {
        SetLastError(ERROR_INVALID_NAME);
        return 0;
    }
    return BaseGetFullPathName(path, size, out, file_part);
}

DWORD WINAPI GetFullPathNameA(LPCSTR path, DWORD size, LPSTR out, LPSTR *file_part)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok)
        return 0;
    if (!w || !*w) {
        BaseFreeWide(w);
        SetLastError(ERROR_INVALID_NAME);
        return 0;
    }
    WCHAR full[32768 / 2];
    PWSTR part;
    DWORD n = BaseGetFullPathName(w, ARRAY_SIZE(full), full, &part);
    BaseFreeWide(w);
    if (n >= ARRAY_SIZE(full))
        return 0;
    DWORD r = BaseWideResultToAnsi(full, n, out, size);
    if (file_part) {
        *file_part = NULL;
        if (r < size && part) {
            ULONG prefix;
            RtlUnicodeToMultiByteN(NULL, 0, &prefix, full, (ULONG)((part - full) * sizeof(WCHAR)));
            *file_part = out + prefix;
        }
    }
    return r;
}

NTSTATUS BaseDosPathToNtPath(PCWSTR dos, PUNICODE_STRING nt)
{
    WCHAR full[32768 / 2];
    DWORD n = BaseGetFullPathName(dos, ARRAY_SIZE(full), full, NULL);
    if (n == 0 || n >= ARRAY_SIZE(full))
        return STATUS_OBJECT_NAME_INVALID;
    size_t skip = 0, prefix = 4;
    if (BaseIsDevicePath(full, n))
        skip = 4;   /* "\\?\C:\x" -> "\??\C:\x" */
    size_t units = prefix + n - skip;
    nt->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, (units + 1) * sizeof(WCHAR));
    if (!nt->Buffer)
        return STATUS_NO_MEMORY;
    memcpy(nt->Buffer, u"\\??\\", prefix * sizeof(WCHAR));
    memcpy(nt->Buffer + prefix, full + skip, (n - skip + 1) * sizeof(WCHAR));
    nt->Length = (USHORT)(units * sizeof(WCHAR));
    nt->MaximumLength = (USHORT)((units + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSTATUS BaseQueryAttributes(PCWSTR path, ULONG *attributes)
{
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(path, &nt);
    if (status != STATUS_SUCCESS)
        return status;
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    FILE_BASIC_INFORMATION info;
    status = NtQueryAttributesFile(&oa, &info);
    RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    if (status == STATUS_SUCCESS)
        *attributes = info.FileAttributes;
    return status;
}

NTSTATUS BaseOpenPath(LPCWSTR path, ACCESS_MASK access, ULONG options, HANDLE *h)
{
    *h = NULL;
    if (!path)
        return STATUS_INVALID_PARAMETER;
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(path, &nt);
    if (status != STATUS_SUCCESS)
        return status;
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    IO_STATUS_BLOCK io;
    status = NtOpenFile(h, access | SYNCHRONIZE, &oa, &io, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                        options | FILE_SYNCHRONOUS_IO_NONALERT);
    RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    return status;
}

NTSTATUS BaseSetFileName(HANDLE file, PCUNICODE_STRING nt, BOOLEAN replace, FILE_INFORMATION_CLASS info_class)
{
    ULONG size = (ULONG)offsetof(FILE_RENAME_INFORMATION, FileName) + nt->Length;
    FILE_RENAME_INFORMATION *info = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, size);
    if (!info)
        return STATUS_NO_MEMORY;
    info->ReplaceIfExists = replace;
    info->FileNameLength = nt->Length;
    memcpy(info->FileName, nt->Buffer, nt->Length);
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtSetInformationFile(file, &io, info, size, info_class);
    RtlFreeHeap(RtlGetProcessHeap(), 0, info);
    return status;
}
