/*
 * Files by handle, the newer way: GetFileInformationByHandleEx / SetFileInformationByHandle (each
 * FILE_INFO_BY_HANDLE_CLASS onto its NtQueryInformationFile, NtSetInformationFile or NtQueryDirectoryFile
 * class), GetFinalPathNameByHandle, and ReplaceFile.
 */
#include <string.h>

#include "io/io.h"
#include "win32/k32.h"

enum {
    FileBasicInfo, FileStandardInfo, FileNameInfo, FileRenameInfo, FileDispositionInfo, FileAllocationInfo,
    FileEndOfFileInfo, FileStreamInfo, FileCompressionInfo, FileAttributeTagInfo, FileIdBothDirectoryInfo,
    FileIdBothDirectoryRestartInfo, FileIoPriorityHintInfo, FileRemoteProtocolInfo, FileFullDirectoryInfo,
    FileFullDirectoryRestartInfo, FileStorageInfo, FileAlignmentInfo, FileIdInfo, FileIdExtdDirectoryInfo,
    FileIdExtdDirectoryRestartInfo, FileDispositionInfoEx, FileRenameInfoEx, MaximumFileInfoByHandleClass
};

#define ERROR_UNABLE_TO_REMOVE_REPLACED   1175
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT  1176
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 1177
#define ERROR_NO_MORE_FILES_ 18
#define ERROR_MORE_DATA_ 234

typedef struct {
    ULONGLONG VolumeSerialNumber;
    BYTE FileId[16];
} FILE_ID_INFO;

/* The query classes whose layouts are the NT ones, and their NT class. */
static int nt_query_class(int c)
{
    switch (c) {
    case FileBasicInfo:        return FileBasicInformation;
    case FileStandardInfo:     return FileStandardInformation;
    case FileNameInfo:         return FileNameInformation;
    case FileAttributeTagInfo: return FileAttributeTagInformation;
    default:                   return -1;
    }
}

static ULONG volume_serial(HANDLE file)
{
    union {
        FILE_FS_VOLUME_INFORMATION v;
        BYTE room[sizeof(FILE_FS_VOLUME_INFORMATION) + 64 * sizeof(WCHAR)];
    } u;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryVolumeInformationFile(file, &io, &u, sizeof u, FileFsVolumeInformation);
    return status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW ? u.v.VolumeSerialNumber : 0;
}

BOOL WINAPI GetFileInformationByHandleEx(HANDLE file, int info_class, PVOID info, DWORD size)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    int nt = nt_query_class(info_class);
    if (nt >= 0) {
        status = NtQueryInformationFile(file, &io, info, size, (ULONG)nt);
        if (status == STATUS_BUFFER_OVERFLOW) {   /* FileNameInfo: the length is there, the name cut */
            SetLastError(ERROR_MORE_DATA_);
            return FALSE;
        }
        return status == STATUS_SUCCESS || BaseSetNtStatus(status);   /* too small: ERROR_BAD_LENGTH */
    }
    switch (info_class) {
    case FileIdBothDirectoryInfo:
    case FileIdBothDirectoryRestartInfo:
    case FileFullDirectoryInfo:
    case FileFullDirectoryRestartInfo: {
        bool both = info_class == FileIdBothDirectoryInfo || info_class == FileIdBothDirectoryRestartInfo;
        bool restart = info_class == FileIdBothDirectoryRestartInfo || info_class == FileFullDirectoryRestartInfo;
        status = NtQueryDirectoryFile(file, NULL, NULL, NULL, &io, info, size,
                                      both ? FileIdBothDirectoryInformation : FileFullDirectoryInformation, FALSE,
                                      NULL, restart);
        if (status == STATUS_NO_MORE_FILES) {
            SetLastError(ERROR_NO_MORE_FILES_);
            return FALSE;
        }
        return status == STATUS_SUCCESS || BaseSetNtStatus(status);
    }
    case FileIdInfo: {
        if (size < sizeof(FILE_ID_INFO)) {
            SetLastError(ERROR_BAD_LENGTH);
            return FALSE;
        }
        FILE_INTERNAL_INFORMATION internal;
        status = NtQueryInformationFile(file, &io, &internal, sizeof internal, FileInternalInformation);
        if (status != STATUS_SUCCESS)
            return BaseSetNtStatus(status);
        FILE_ID_INFO *id = info;
        id->VolumeSerialNumber = volume_serial(file);
        memset(id->FileId, 0, sizeof id->FileId);
        memcpy(id->FileId, &internal.IndexNumber, sizeof internal.IndexNumber);
        return TRUE;
    }
    case FileRenameInfo:
    case FileDispositionInfo:
    case FileAllocationInfo:
    case FileEndOfFileInfo:
    case FileIoPriorityHintInfo:
    case FileDispositionInfoEx:
    case FileRenameInfoEx:
        /* classes that can only be set */
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
}

typedef struct {
    union {
        BOOLEAN ReplaceIfExists;
        DWORD Flags;
    };
    HANDLE RootDirectory;
    DWORD FileNameLength;
    WCHAR FileName[1];
} FILE_RENAME_INFO;

/* FileRenameInfo names the target as a DOS path; NtSetInformationFile wants the NT form. */
static BOOL rename_by_handle(HANDLE file, const FILE_RENAME_INFO *r, DWORD size, bool ex)
{
    if (size < offsetof(FILE_RENAME_INFO, FileName) || r->FileNameLength > size - offsetof(FILE_RENAME_INFO, FileName)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t units = r->FileNameLength / sizeof(WCHAR);
    WCHAR *name = RtlAllocateHeap(RtlGetProcessHeap(), 0, (units + 1) * sizeof(WCHAR));
    if (!name) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(name, r->FileName, units * sizeof(WCHAR));
    name[units] = 0;
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(name, &nt);
    RtlFreeHeap(RtlGetProcessHeap(), 0, name);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    status = BaseSetFileName(file, &nt, ex ? (r->Flags & 1) != 0 : r->ReplaceIfExists,
                             ex ? FileRenameInformationEx : FileRenameInformation);
    RtlFreeUnicodeString(&nt);
    return status == STATUS_SUCCESS || BaseSetNtStatus(status);
}

BOOL WINAPI SetFileInformationByHandle(HANDLE file, int info_class, PVOID info, DWORD size)
{
    IO_STATUS_BLOCK io;
    ULONG nt;
    switch (info_class) {
    case FileBasicInfo:         nt = FileBasicInformation; break;
    case FileDispositionInfo:   nt = FileDispositionInformation; break;
    case FileDispositionInfoEx: nt = FileDispositionInformationEx; break;
    case FileAllocationInfo:    nt = FileAllocationInformation; break;
    case FileEndOfFileInfo:     nt = FileEndOfFileInformation; break;
    case FileRenameInfo:
    case FileRenameInfoEx:
        return rename_by_handle(file, info, size, info_class == FileRenameInfoEx);
    case FileIoPriorityHintInfo:
        /* an I/O priority hint: accepted (the host schedules I/O by itself), after checking the value */
        if (size < sizeof(DWORD) || *(DWORD *)info >= 5) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        return TRUE;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = NtSetInformationFile(file, &io, info, size, nt);
    return status == STATUS_SUCCESS || BaseSetNtStatus(status);
}

/* ---- GetFinalPathNameByHandle -------------------------------------------------------------------------- */

#define FILE_NAME_OPENED   0x8
#define VOLUME_NAME_GUID   0x1
#define VOLUME_NAME_NT     0x2
#define VOLUME_NAME_NONE   0x4

DWORD WINAPI GetLongPathNameW(LPCWSTR path, LPWSTR out, DWORD size);

/*
 * The file's path on its volume ("\dir\file", FileNameInformation) behind the volume's name in the form
 * asked: "\\?\C:" (DOS), "\\?\Volume{...}" (GUID), "\Device\HarddiskVolume1" (NT) or nothing. ntexec has
 * one volume, drive C:. FILE_NAME_NORMALIZED spells each component as the directory lists it.
 */
DWORD WINAPI GetFinalPathNameByHandleW(HANDLE file, LPWSTR out, DWORD size, DWORD flags)
{
    if (flags & ~(DWORD)(FILE_NAME_OPENED | VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE) ||
        ((flags & 7) & ((flags & 7) - 1))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    union {
        FILE_NAME_INFORMATION n;
        BYTE room[sizeof(FILE_NAME_INFORMATION) + 32768 * sizeof(WCHAR)];
    } *u = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *u);
    WCHAR *full = RtlAllocateHeap(RtlGetProcessHeap(), 0, 32800 * sizeof(WCHAR));
    DWORD result = 0;
    if (!u || !full) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        goto out;
    }
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryInformationFile(file, &io, u, sizeof *u - sizeof(WCHAR), FileNameInformation);
    if (status != STATUS_SUCCESS) {
        BaseSetNtStatus(status);
        goto out;
    }
    size_t n = u->n.FileNameLength / sizeof(WCHAR);
    WCHAR *path = u->n.FileName;
    path[n] = 0;
    /* "C:" + the path, normalized when asked (a name that no longer resolves stays as opened) */
    full[0] = 'C';
    full[1] = ':';
    memcpy(full + 2, path, (n + 1) * sizeof(WCHAR));
    if (!(flags & FILE_NAME_OPENED)) {
        DWORD len = GetLongPathNameW(full, full, 32800);
        if (len && len < 32800 && full[0] == 'C' && full[1] == ':') {
            n = len - 2;
            memcpy(path, full + 2, (n + 1) * sizeof(WCHAR));
        }
    }
    const WCHAR *prefix;
    switch (flags & 7) {
    case VOLUME_NAME_GUID: prefix = u"\\\\?\\" IO_SYSTEM_VOLUME_NAME; break;
    case VOLUME_NAME_NT:   prefix = u"\\Device\\HarddiskVolume1"; break;
    case VOLUME_NAME_NONE: prefix = u""; break;
    default:               prefix = u"\\\\?\\C:"; break;
    }
    size_t p = 0;
    while (prefix[p])
        p++;
    if (!out || size <= p + n) {
        result = (DWORD)(p + n + 1);
        goto out;
    }
    memcpy(out, prefix, p * sizeof(WCHAR));
    memcpy(out + p, path, (n + 1) * sizeof(WCHAR));
    result = (DWORD)(p + n);
out:
    RtlFreeHeap(RtlGetProcessHeap(), 0, u);
    RtlFreeHeap(RtlGetProcessHeap(), 0, full);
    return result;
}

DWORD WINAPI GetFinalPathNameByHandleA(HANDLE file, LPSTR out, DWORD size, DWORD flags)
{
    DWORD need = GetFinalPathNameByHandleW(file, NULL, 0, flags);
    if (!need)
        return 0;
    WCHAR *w = RtlAllocateHeap(RtlGetProcessHeap(), 0, need * sizeof(WCHAR));
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD n = GetFinalPathNameByHandleW(file, w, need, flags);
    DWORD r = n ? BaseWideResultToAnsi(w, n, out, size) : 0;
    RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    return r;
}

/* ---- ReplaceFile ---------------------------------------------------------------------------------------- */

/*
 * The replacement file takes the replaced file's name, keeping the replaced file's creation time and
 * attributes; with a backup name the replaced file is moved there first. Errors as Microsoft documents:
 * ERROR_UNABLE_TO_REMOVE_REPLACED when the replaced file cannot be moved out of the way (both files keep
 * their names), ERROR_UNABLE_TO_MOVE_REPLACEMENT when the replacement cannot take the name (no backup was
 * made), ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 when it cannot after the backup (the replaced file is now the
 * backup). Either file missing: ERROR_FILE_NOT_FOUND.
 */
BOOL WINAPI ReplaceFileW(LPCWSTR replaced, LPCWSTR replacement, LPCWSTR backup, DWORD flags, PVOID exclude,
                         PVOID reserved)
{
    (void)flags;   /* REPLACEFILE_WRITE_THROUGH / IGNORE_MERGE_ERRORS / IGNORE_ACL_ERRORS: nothing to merge here */
    if (exclude || reserved || !replaced || !replacement) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    HANDLE old = CreateFileW(replaced, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                             OPEN_EXISTING, 0, NULL);
    if (old == INVALID_HANDLE_VALUE)
        return FALSE;
    BY_HANDLE_FILE_INFORMATION info;
    BOOL ok = GetFileInformationByHandle(old, &info);
    CloseHandle(old);
    if (!ok)
        return FALSE;
    HANDLE repl = CreateFileW(replacement, GENERIC_READ | FILE_WRITE_ATTRIBUTES,
                              FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    if (repl == INVALID_HANDLE_VALUE)
        return FALSE;
    SetFileTime(repl, &info.ftCreationTime, NULL, NULL);
    CloseHandle(repl);
    DWORD keep = info.dwFileAttributes & (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM |
                                          FILE_ATTRIBUTE_ARCHIVE | FILE_ATTRIBUTE_TEMPORARY);
    if (backup) {
        if (!MoveFileExW(replaced, backup, MOVEFILE_REPLACE_EXISTING)) {
            SetLastError(ERROR_UNABLE_TO_REMOVE_REPLACED);
            return FALSE;
        }
    }
    if (!MoveFileExW(replacement, replaced, MOVEFILE_REPLACE_EXISTING)) {
        SetLastError(backup ? ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 : ERROR_UNABLE_TO_MOVE_REPLACEMENT);
        return FALSE;
    }
    if (keep)
        SetFileAttributesW(replaced, keep);
    return TRUE;
}

BOOL WINAPI ReplaceFileA(LPCSTR replaced, LPCSTR replacement, LPCSTR backup, DWORD flags, PVOID exclude, PVOID reserved)
{
    BOOL ok1, ok2, ok3;
    WCHAR *a = BaseAnsiToWide(replaced, &ok1), *b = BaseAnsiToWide(replacement, &ok2),
          *c = BaseAnsiToWide(backup, &ok3);
    BOOL r = ok1 && ok2 && ok3 && ReplaceFileW(a, b, c, flags, exclude, reserved);
    BaseFreeWide(a);
    BaseFreeWide(b);
    BaseFreeWide(c);
    return r;
}
