/* Handles and files: the standard handles, CreateFile, ReadFile/WriteFile, CloseHandle, GetFileType. */
#include <string.h>

#include "io/io.h"
#include "win32/k32.h"

HANDLE WINAPI GetStdHandle(DWORD which)
{
    PRTL_USER_PROCESS_PARAMETERS p = BaseParameters();
    switch (which) {
    case STD_INPUT_HANDLE:  return p->StandardInput;
    case STD_OUTPUT_HANDLE: return p->StandardOutput;
    case STD_ERROR_HANDLE:  return p->StandardError;
    default:
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
}

BOOL WINAPI SetStdHandle(DWORD which, HANDLE handle)
{
    PRTL_USER_PROCESS_PARAMETERS p = BaseParameters();
    switch (which) {
    case STD_INPUT_HANDLE:  p->StandardInput = handle; return TRUE;
    case STD_OUTPUT_HANDLE: p->StandardOutput = handle; return TRUE;
    case STD_ERROR_HANDLE:  p->StandardError = handle; return TRUE;
    default:
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
}

BOOL WINAPI CloseHandle(HANDLE handle)
{
    return BaseSetNtStatus(NtClose(handle));
}

BOOL WINAPI DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process, PHANDLE target,
                            DWORD access, BOOL inherit, DWORD options)
{
    return BaseSetNtStatus(NtDuplicateObject(source_process, source, target_process, target, access,
                                             inherit ? OBJ_INHERIT : 0, options));
}

#define HANDLE_FLAG_INHERIT            0x1
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x2

BOOL WINAPI SetHandleInformation(HANDLE handle, DWORD mask, DWORD flags)
{
    ULONG m = (mask & HANDLE_FLAG_INHERIT ? OBJ_INHERIT : 0) | (mask & HANDLE_FLAG_PROTECT_FROM_CLOSE ? OBJ_PROTECT_CLOSE : 0);
    ULONG a = (flags & HANDLE_FLAG_INHERIT ? OBJ_INHERIT : 0) | (flags & HANDLE_FLAG_PROTECT_FROM_CLOSE ? OBJ_PROTECT_CLOSE : 0);
    return BaseSetNtStatus(ObSetHandleAttributes(handle, m, a));
}

BOOL WINAPI GetHandleInformation(HANDLE handle, LPDWORD flags)
{
    void *object;
    ULONG attributes;
    NTSTATUS status = ObReferenceObjectByHandleEx(handle, NULL, &object, NULL, &attributes);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    ObDereferenceObject(object);
    *flags = (attributes & OBJ_INHERIT ? HANDLE_FLAG_INHERIT : 0) |
             (attributes & OBJ_PROTECT_CLOSE ? HANDLE_FLAG_PROTECT_FROM_CLOSE : 0);
    return TRUE;
}

static ULONG nt_disposition(DWORD creation)
{
    switch (creation) {
    case CREATE_NEW:        return FILE_CREATE;
    case CREATE_ALWAYS:     return FILE_OVERWRITE_IF;
    case OPEN_EXISTING:     return FILE_OPEN;
    case OPEN_ALWAYS:       return FILE_OPEN_IF;
    case TRUNCATE_EXISTING: return FILE_OVERWRITE;
    default:                return (ULONG)-1;
    }
}

HANDLE WINAPI CreateFileW(LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD creation,
                          DWORD flags, HANDLE template_file)
{
    (void)template_file;
    ULONG disposition = nt_disposition(creation);
    if (!name || disposition == (ULONG)-1) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (!*name) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(name, &nt);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return INVALID_HANDLE_VALUE;
    }
    ULONG options = flags & FILE_FLAG_OVERLAPPED ? 0 : FILE_SYNCHRONOUS_IO_NONALERT;
    if (!(flags & FILE_FLAG_BACKUP_SEMANTICS))
        options |= FILE_NON_DIRECTORY_FILE;
    if (flags & FILE_FLAG_DELETE_ON_CLOSE)
        options |= FILE_DELETE_ON_CLOSE;
    if (flags & FILE_FLAG_WRITE_THROUGH)
        options |= FILE_WRITE_THROUGH;
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE | (sa && sa->bInheritHandle ? OBJ_INHERIT : 0),
                            NULL, NULL};
    IO_STATUS_BLOCK io;
    HANDLE handle;
    status = NtCreateFile(&handle, access | SYNCHRONIZE | FILE_READ_ATTRIBUTES, &oa, &io, NULL,
                          flags & 0xFFFF, share, disposition, options, NULL, 0);
    RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    if (status != STATUS_SUCCESS) {
        /* CREATE_NEW on an existing file says ERROR_FILE_EXISTS, not ERROR_ALREADY_EXISTS. */
        if (status == STATUS_OBJECT_NAME_COLLISION)
            SetLastError(ERROR_FILE_EXISTS);
        else if (status == STATUS_FILE_IS_A_DIRECTORY)
            SetLastError(ERROR_ACCESS_DENIED);
        else
            BaseSetLastNTError(status);
        return INVALID_HANDLE_VALUE;
    }
    /* OPEN_ALWAYS / CREATE_ALWAYS on an existing file succeed with ERROR_ALREADY_EXISTS. */
    bool existed = (creation == OPEN_ALWAYS || creation == CREATE_ALWAYS) && io.Information != FILE_CREATED;
    SetLastError(existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return handle;
}

HANDLE WINAPI CreateFileA(LPCSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD creation,
                          DWORD flags, HANDLE template_file)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return INVALID_HANDLE_VALUE;
    HANDLE h = CreateFileW(w, access, share, sa, creation, flags, template_file);
    BaseFreeWide(w);
    return h;
}

static LARGE_INTEGER *overlapped_offset(const OVERLAPPED *ov, LARGE_INTEGER *storage)
{
    if (!ov)
        return NULL;
    storage->LowPart = ov->Offset;
    storage->HighPart = (LONG)ov->OffsetHigh;
    return storage;
}

/* With an OVERLAPPED, the I/O status goes into its Internal/InternalHigh (set to STATUS_PENDING first),
 * hEvent is signaled at completion, and the OVERLAPPED is the packet a completion port receives, unless
 * the low bit of hEvent asks for no packet (as Windows documents for GetQueuedCompletionStatus). */
static HANDLE overlapped_event(const OVERLAPPED *ov)
{
    return ov ? (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1) : NULL;
}

static PVOID overlapped_context(OVERLAPPED *ov)
{
    return ov && !((ULONG_PTR)ov->hEvent & 1) ? ov : NULL;
}

static PIO_STATUS_BLOCK overlapped_io(OVERLAPPED *ov, IO_STATUS_BLOCK *io)
{
    if (!ov)
        return io;
    ov->Internal = (ULONG_PTR)STATUS_PENDING;
    ov->InternalHigh = 0;
    return (PIO_STATUS_BLOCK)ov;
}

BOOL WINAPI ReadFile(HANDLE file, PVOID buffer, DWORD length, LPDWORD read, LPOVERLAPPED ov)
{
    IO_STATUS_BLOCK io;
    LARGE_INTEGER offset;
    if (read)
        *read = 0;
    NTSTATUS status = NtReadFile(file, overlapped_event(ov), NULL, overlapped_context(ov), overlapped_io(ov, &io),
                                 buffer, length, overlapped_offset(ov, &offset), NULL);
    if (ov)
        io.Information = ov->InternalHigh;
    if (status == STATUS_END_OF_FILE && !ov) {
        /* Reading at the end of a file is a successful read of nothing; with an OVERLAPPED (an explicit
         * offset) it fails with ERROR_HANDLE_EOF, as ReadFile's documentation says of synchronous handles. */
        return TRUE;
    }
    if (status == STATUS_BUFFER_OVERFLOW && read)
        *read = (DWORD)io.Information;   /* ERROR_MORE_DATA: a message-mode pipe read the part that fits */
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    if (read)
        *read = (DWORD)io.Information;
    return TRUE;
}

BOOL WINAPI WriteFile(HANDLE file, LPCVOID buffer, DWORD length, LPDWORD written, LPOVERLAPPED ov)
{
    IO_STATUS_BLOCK io = {.Information = 0};   /* a write that fails before the I/O leaves it unwritten */
    LARGE_INTEGER offset;
    if (written)
        *written = 0;
    NTSTATUS status = NtWriteFile(file, overlapped_event(ov), NULL, overlapped_context(ov), overlapped_io(ov, &io),
                                  buffer, length, overlapped_offset(ov, &offset), NULL);
    if (ov)
        io.Information = ov->InternalHigh;
    if (written)
        *written = (DWORD)io.Information;
    if (status != STATUS_SUCCESS) {
        /* A pipe whose reader is gone: ERROR_NO_DATA, as Windows reports writes to a closing pipe. */
        if (status == STATUS_PIPE_BROKEN)
            SetLastError(ERROR_NO_DATA);
        else
            BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

/* ReadFileEx/WriteFileEx's APC: the completion routine gets the Win32 error, the bytes and the OVERLAPPED
 * (which is the I/O status block), as kernelbase's read_write_apc passes them. */
static void WINAPI file_ex_apc(PVOID routine, PIO_STATUS_BLOCK io, ULONG reserved)
{
    (void)reserved;
    LPOVERLAPPED_COMPLETION_ROUTINE done = (LPOVERLAPPED_COMPLETION_ROUTINE)routine;
    done(RtlNtStatusToDosError(io->Status), (DWORD)io->Information, (LPOVERLAPPED)io);
}

/*
 * ReadFileEx/WriteFileEx: I/O at the OVERLAPPED's offset whose completion routine is queued to this thread
 * as a user APC, run by its next alertable wait (SleepEx, WaitFor*Ex, MsgWaitForMultipleObjectsEx); the
 * OVERLAPPED's hEvent is the caller's to use. Without an OVERLAPPED, ERROR_INVALID_PARAMETER; a request
 * that fails at once (end of file, a closed pipe) returns FALSE with its error and queues nothing.
 */
BOOL WINAPI ReadFileEx(HANDLE file, LPVOID buffer, DWORD length, LPOVERLAPPED ov,
                       LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    LARGE_INTEGER offset;
    if (!ov) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = NtReadFile(file, NULL, (PVOID)file_ex_apc, (PVOID)routine, overlapped_io(ov, NULL), buffer,
                                 length, overlapped_offset(ov, &offset), NULL);
    if (status == STATUS_PENDING)
        return TRUE;
    return BaseSetNtStatus(status);
}

BOOL WINAPI WriteFileEx(HANDLE file, LPCVOID buffer, DWORD length, LPOVERLAPPED ov,
                        LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    LARGE_INTEGER offset;
    if (!ov) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = NtWriteFile(file, NULL, (PVOID)file_ex_apc, (PVOID)routine, overlapped_io(ov, NULL), buffer,
                                  length, overlapped_offset(ov, &offset), NULL);
    if (status == STATUS_PENDING)
        return TRUE;
    if (status == STATUS_PIPE_BROKEN) {
        SetLastError(ERROR_NO_DATA);
        return FALSE;
    }
    return BaseSetNtStatus(status);
}

BOOL WINAPI CancelIoEx(HANDLE file, LPOVERLAPPED overlapped)
{
    IO_STATUS_BLOCK io;
    return BaseSetNtStatus(NtCancelIoFileEx(file, (PIO_STATUS_BLOCK)overlapped, &io));
}

BOOL WINAPI CancelIo(HANDLE file)
{
    IO_STATUS_BLOCK io;
    return BaseSetNtStatus(NtCancelIoFile(file, &io));
}

BOOL WINAPI FlushFileBuffers(HANDLE file)
{
    IO_STATUS_BLOCK io;
    return BaseSetNtStatus(NtFlushBuffersFile(file, &io));
}

DWORD WINAPI GetFileType(HANDLE file)
{
    IO_STATUS_BLOCK io;
    FILE_FS_DEVICE_INFORMATION info;
    NTSTATUS status = NtQueryVolumeInformationFile(file, &io, &info, sizeof info, FileFsDeviceInformation);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FILE_TYPE_UNKNOWN;
    }
    SetLastError(ERROR_SUCCESS);
    switch (info.DeviceType) {
    case FILE_DEVICE_CONSOLE:
    case FILE_DEVICE_NULL:       return FILE_TYPE_CHAR;
    case FILE_DEVICE_NAMED_PIPE: return FILE_TYPE_PIPE;
    default:                     return FILE_TYPE_DISK;
    }
}

#define FILE_BEGIN   0
#define FILE_CURRENT 1
#define FILE_END     2
#define INVALID_SET_FILE_POINTER 0xFFFFFFFFu

BOOL WINAPI SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, PLARGE_INTEGER new_position, DWORD method)
{
    IO_STATUS_BLOCK io;
    FILE_POSITION_INFORMATION pos;
    FILE_STANDARD_INFORMATION std;
    NTSTATUS status = STATUS_SUCCESS;
    LONGLONG base = 0;
    if (method == FILE_CURRENT) {
        status = NtQueryInformationFile(file, &io, &pos, sizeof pos, FilePositionInformation);
        base = pos.CurrentByteOffset.QuadPart;
    } else if (method == FILE_END) {
        status = NtQueryInformationFile(file, &io, &std, sizeof std, FileStandardInformation);
        base = std.EndOfFile.QuadPart;
    } else if (method != FILE_BEGIN) {
        status = STATUS_INVALID_PARAMETER;
    }
    if (status == STATUS_SUCCESS) {
        pos.CurrentByteOffset.QuadPart = base + distance.QuadPart;
        status = pos.CurrentByteOffset.QuadPart < 0
                     ? STATUS_INVALID_PARAMETER
                     : NtSetInformationFile(file, &io, &pos, sizeof pos, FilePositionInformation);
    }
    if (status != STATUS_SUCCESS) {
        /* Moving before the start of the file is ERROR_NEGATIVE_SEEK. */
        if (status == STATUS_INVALID_PARAMETER && method <= FILE_END)
            SetLastError(ERROR_NEGATIVE_SEEK);
        else
            BaseSetLastNTError(status);
        return FALSE;
    }
    if (new_position)
        *new_position = pos.CurrentByteOffset;
    return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE file, LONG distance, LONG *high, DWORD method)
{
    LARGE_INTEGER d, result;
    d.QuadPart = high ? ((LONGLONG)*high << 32) | (ULONG)distance : (LONGLONG)distance;
    if (!SetFilePointerEx(file, d, &result, method))
        return INVALID_SET_FILE_POINTER;
    if (high)
        *high = result.HighPart;
    else if (result.HighPart) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_SET_FILE_POINTER;
    }
    SetLastError(ERROR_SUCCESS);
    return result.LowPart;
}

BOOL WINAPI GetFileSizeEx(HANDLE file, PLARGE_INTEGER size)
{
    IO_STATUS_BLOCK io;
    FILE_STANDARD_INFORMATION std;
    NTSTATUS status = NtQueryInformationFile(file, &io, &std, sizeof std, FileStandardInformation);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    *size = std.EndOfFile;
    return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE file, LPDWORD high)
{
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size))
        return 0xFFFFFFFFu;
    if (high)
        *high = (DWORD)size.HighPart;
    SetLastError(ERROR_SUCCESS);
    return size.LowPart;
}

BOOL WINAPI SetEndOfFile(HANDLE file)
{
    IO_STATUS_BLOCK io;
    FILE_POSITION_INFORMATION pos;
    NTSTATUS status = NtQueryInformationFile(file, &io, &pos, sizeof pos, FilePositionInformation);
    if (status == STATUS_SUCCESS) {
        FILE_END_OF_FILE_INFORMATION eof = {pos.CurrentByteOffset};
        status = NtSetInformationFile(file, &io, &eof, sizeof eof, FileEndOfFileInformation);
    }
    return BaseSetNtStatus(status);
}

/* DeleteFile and RemoveDirectory: the name must be a file (resp. a directory) and, for a file, not
 * read-only (ERROR_ACCESS_DENIED, as Windows refuses). */
static BOOL delete_path(LPCWSTR name, bool directory)
{
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(name, &nt);
    if (status == STATUS_SUCCESS) {
        OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
        FILE_BASIC_INFORMATION info;
        status = NtQueryAttributesFile(&oa, &info);
        bool is_dir = status == STATUS_SUCCESS && (info.FileAttributes & FILE_ATTRIBUTE_DIRECTORY);
        if (status == STATUS_SUCCESS && is_dir != directory)
            status = directory ? STATUS_NOT_A_DIRECTORY : STATUS_FILE_IS_A_DIRECTORY;
        else if (status == STATUS_SUCCESS && !directory && (info.FileAttributes & FILE_ATTRIBUTE_READONLY))
            status = STATUS_CANNOT_DELETE;
        if (status == STATUS_SUCCESS)
            status = NtDeleteFile(&oa);
        RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    }
    return BaseSetNtStatus(status);
}

BOOL WINAPI DeleteFileW(LPCWSTR name)
{
    return delete_path(name, false);
}

BOOL WINAPI DeleteFileA(LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return FALSE;
    BOOL r = DeleteFileW(w);
    BaseFreeWide(w);
    return r;
}

DWORD WINAPI GetFileAttributesW(LPCWSTR name)
{
    ULONG attributes;
    NTSTATUS status = BaseQueryAttributes(name, &attributes);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return INVALID_FILE_ATTRIBUTES;
    }
    return attributes;
}

DWORD WINAPI GetFileAttributesA(LPCSTR name)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return INVALID_FILE_ATTRIBUTES;
    DWORD r = GetFileAttributesW(w);
    BaseFreeWide(w);
    return r;
}

BOOL WINAPI CreateDirectoryW(LPCWSTR path, LPSECURITY_ATTRIBUTES sa)
{
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(path, &nt);
    if (status == STATUS_SUCCESS) {
        OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE | (sa && sa->bInheritHandle ? OBJ_INHERIT : 0),
                                NULL, NULL};
        IO_STATUS_BLOCK io;
        HANDLE h;
        status = NtCreateFile(&h, FILE_LIST_DIRECTORY | SYNCHRONIZE, &oa, &io, NULL, FILE_ATTRIBUTE_NORMAL,
                              FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE,
                              FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
        if (status == STATUS_SUCCESS)
            NtClose(h);
        RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    }
    return BaseSetNtStatus(status);
}

BOOL WINAPI CreateDirectoryA(LPCSTR path, LPSECURITY_ATTRIBUTES sa)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    BOOL r = ok && CreateDirectoryW(w, sa);
    BaseFreeWide(w);
    return r;
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR path)
{
    return delete_path(path, true);
}

BOOL WINAPI RemoveDirectoryA(LPCSTR path)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    BOOL r = ok && RemoveDirectoryW(w);
    BaseFreeWide(w);
    return r;
}

/* ---- byte-range locks ------------------------------------------------------------------------------------- */

#define LOCKFILE_FAIL_IMMEDIATELY 0x1
#define LOCKFILE_EXCLUSIVE_LOCK   0x2

static BOOL lock_file(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD low, DWORD high, BOOLEAN fail_now,
                      BOOLEAN exclusive)
{
    LARGE_INTEGER offset = {.QuadPart = (LONGLONG)((ULONGLONG)offset_high << 32 | offset_low)};
    LARGE_INTEGER length = {.QuadPart = (LONGLONG)((ULONGLONG)high << 32 | low)};
    IO_STATUS_BLOCK io;
    return BaseSetNtStatus(NtLockFile(file, NULL, NULL, NULL, &io, &offset, &length, 0, fail_now, exclusive));
}

/* LockFile never waits and always locks exclusively: a conflict is ERROR_LOCK_VIOLATION. */
BOOL WINAPI LockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD low, DWORD high)
{
    return lock_file(file, offset_low, offset_high, low, high, TRUE, TRUE);
}

BOOL WINAPI LockFileEx(HANDLE file, DWORD flags, DWORD reserved, DWORD low, DWORD high, LPOVERLAPPED ov)
{
    if (reserved || !ov) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return lock_file(file, ov->Offset, ov->OffsetHigh, low, high, (flags & LOCKFILE_FAIL_IMMEDIATELY) != 0,
                     (flags & LOCKFILE_EXCLUSIVE_LOCK) != 0);
}

/* The range must be one that was locked, exactly: anything else is ERROR_NOT_LOCKED. */
BOOL WINAPI UnlockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD low, DWORD high)
{
    LARGE_INTEGER offset = {.QuadPart = (LONGLONG)((ULONGLONG)offset_high << 32 | offset_low)};
    LARGE_INTEGER length = {.QuadPart = (LONGLONG)((ULONGLONG)high << 32 | low)};
    IO_STATUS_BLOCK io;
    return BaseSetNtStatus(NtUnlockFile(file, &io, &offset, &length, 0));
}

BOOL WINAPI UnlockFileEx(HANDLE file, DWORD reserved, DWORD low, DWORD high, LPOVERLAPPED ov)
{
    if (reserved || !ov) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return UnlockFile(file, ov->Offset, ov->OffsetHigh, low, high);
}

/* ---- directory change notifications ---------------------------------------------------------------------- */

typedef void(WINAPI *LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD, DWORD, LPOVERLAPPED);

/*
 * ReadDirectoryChangesW over NtNotifyChangeDirectoryFile. With an OVERLAPPED the call returns TRUE once
 * the request is started; the records and their size come with its completion (GetOverlappedResult).
 * Completion routines (APCs) are not delivered here: such a call fails with ERROR_CALL_NOT_IMPLEMENTED.
 */
BOOL WINAPI ReadDirectoryChangesW(HANDLE dir, LPVOID buffer, DWORD length, BOOL subtree, DWORD filter,
                                  LPDWORD returned, LPOVERLAPPED ov, LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    if (routine) {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return FALSE;
    }
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtNotifyChangeDirectoryFile(dir, overlapped_event(ov), NULL, overlapped_context(ov),
                                                  overlapped_io(ov, &io), buffer, length, filter,
                                                  (BOOLEAN)(subtree != 0));
    if (!NT_SUCCESS(status) || (status == STATUS_PENDING && !ov)) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    if (!ov && returned)
        *returned = (DWORD)io.Information;
    return TRUE;
}
