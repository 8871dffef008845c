/*
 * More files by name and by handle: MoveFileEx, SetFileAttributes, GetFileAttributesEx,
 * GetFileInformationByHandle, GetTempPath, and directory listing (FindFirstFile/FindNextFile/FindClose
 * over NtQueryDirectoryFile). A find handle is a small heap block holding the directory's handle.
 */
#include <string.h>

#include "io/io.h"
#include "win32/k32.h"

static FILETIME filetime_of(LARGE_INTEGER t)
{
    return (FILETIME){(DWORD)t.QuadPart, (DWORD)((ULONGLONG)t.QuadPart >> 32)};
}

/* ---- moving ---------------------------------------------------------------------------------------------- */

/*
 * Copies the data, attributes and last write time of one file to another (CREATE_NEW when fail_if_exists,
 * else CREATE_ALWAYS). On failure a partly written target is removed, as CopyFile does.
 */
typedef DWORD(WINAPI *LPPROGRESS_ROUTINE)(LARGE_INTEGER total, LARGE_INTEGER transferred, LARGE_INTEGER stream_size,
                                          LARGE_INTEGER stream_transferred, DWORD stream, DWORD reason, HANDLE from,
                                          HANDLE to, LPVOID context);
#define CALLBACK_CHUNK_FINISHED  0
#define CALLBACK_STREAM_SWITCH   1
#define PROGRESS_CONTINUE        0
#define PROGRESS_QUIET           3
#define COPY_FILE_FAIL_IF_EXISTS 0x1

/* CopyFileEx's reporting: the routine and its context, and whether it asked for quiet. */
struct copy_progress {
    LPPROGRESS_ROUTINE routine;
    LPVOID context;
    BOOL *cancel;
    BOOL quiet;
};

/* FALSE (ERROR_REQUEST_ABORTED) when the routine cancels or stops the copy, or *cancel became TRUE. */
static BOOL report(struct copy_progress *p, ULONGLONG total, ULONGLONG done, DWORD reason, HANDLE in, HANDLE out)
{
    if (p && p->cancel && *p->cancel) {
        SetLastError(ERROR_REQUEST_ABORTED);
        return FALSE;
    }
    if (!p || !p->routine || p->quiet)
        return TRUE;
    LARGE_INTEGER t = {.QuadPart = (LONGLONG)total}, d = {.QuadPart = (LONGLONG)done};
    DWORD answer = p->routine(t, d, t, d, 1, reason, in, out, p->context);
    if (answer == PROGRESS_QUIET)
        p->quiet = TRUE;
    else if (answer != PROGRESS_CONTINUE) {
        SetLastError(ERROR_REQUEST_ABORTED);
        return FALSE;
    }
    return TRUE;
}

static BOOL copy_file(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists, struct copy_progress *progress)
{
    HANDLE in = CreateFileW(from, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (in == INVALID_HANDLE_VALUE)
        return FALSE;
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(in, &info)) {
        CloseHandle(in);
        return FALSE;
    }
    /* the copy is written first and made read-only (or hidden) afterwards */
    HANDLE out = CreateFileW(to, GENERIC_WRITE, 0, NULL, fail_if_exists ? CREATE_NEW : CREATE_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL, NULL);
    if (out == INVALID_HANDLE_VALUE) {
        CloseHandle(in);
        return FALSE;
    }
    ULONGLONG total = (ULONGLONG)info.nFileSizeHigh << 32 | info.nFileSizeLow, done = 0;
    enum { CHUNK = 65536 };
    char *buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, CHUNK);
    BOOL ok = buffer != NULL;
    if (!ok)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    if (ok)
        ok = report(progress, total, 0, CALLBACK_STREAM_SWITCH, in, out);
    for (DWORD got; ok && (ok = ReadFile(in, buffer, CHUNK, &got, NULL)) && got;) {
        DWORD put;
        ok = WriteFile(out, buffer, got, &put, NULL) && put == got;
        done += got;
        if (ok)
            ok = report(progress, total, done, CALLBACK_CHUNK_FINISHED, in, out);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, buffer);
    if (ok)
        ok = SetFileTime(out, NULL, NULL, &info.ftLastWriteTime);
    DWORD error = GetLastError();
    CloseHandle(out);
    CloseHandle(in);
    if (ok && !(ok = SetFileAttributesW(to, info.dwFileAttributes)))
        error = GetLastError();
    if (!ok) {
        DeleteFileW(to);
        SetLastError(error);
    }
    return ok;
}

static BOOL copy_checked(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists, struct copy_progress *progress)
{
    if (!from || !to) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (copy_file(from, to, fail_if_exists, progress)) {
        SetLastError(ERROR_SUCCESS);
        return TRUE;
    }
    return FALSE;
}

/* CopyFile with a progress routine (called once as the stream starts, then after each chunk; its CANCEL or
 * STOP, or *cancel set, abandon the copy with ERROR_REQUEST_ABORTED and delete the partial copy). Of the
 * flags, COPY_FILE_FAIL_IF_EXISTS counts; the others ask for what a single-stream copy does anyway. */
BOOL WINAPI CopyFileExW(LPCWSTR from, LPCWSTR to, LPPROGRESS_ROUTINE routine, LPVOID context, BOOL *cancel,
                        DWORD flags)
{
    struct copy_progress progress = {routine, context, cancel, FALSE};
    return copy_checked(from, to, (flags & COPY_FILE_FAIL_IF_EXISTS) != 0, &progress);
}

BOOL WINAPI CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists)
{
    return copy_checked(from, to, fail_if_exists, NULL);
}

BOOL WINAPI CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists)
{
    BOOL ok1, ok2;
    WCHAR *wf = BaseAnsiToWide(from, &ok1), *wt = BaseAnsiToWide(to, &ok2);
    BOOL r = ok1 && ok2 && CopyFileW(wf, wt, fail_if_exists);
    BaseFreeWide(wf);
    BaseFreeWide(wt);
    return r;
}

/*
 * A rename; across file systems (STATUS_NOT_SAME_DEVICE) with MOVEFILE_COPY_ALLOWED, a copy of the file
 * and the deletion of the original, as Windows moves a file between volumes (MoveFile and the CRT's
 * rename pass MOVEFILE_COPY_ALLOWED). A directory cannot be copied that way: opening it as a file fails
 * (ERROR_ACCESS_DENIED, Wine's answer too).
 */
static BOOL move_file(LPCWSTR from, LPCWSTR to, DWORD flags, struct copy_progress *progress)
{
    if (!from || !to)
        return BaseSetNtStatus(STATUS_INVALID_PARAMETER);
    HANDLE h;
    NTSTATUS status = BaseOpenPath(from, DELETE, FILE_OPEN_FOR_BACKUP_INTENT, &h);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    UNICODE_STRING nt;
    status = BaseDosPathToNtPath(to, &nt);
    if (status == STATUS_SUCCESS) {
        status = BaseSetFileName(h, &nt, (flags & MOVEFILE_REPLACE_EXISTING) != 0, FileRenameInformation);
        RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    }
    NtClose(h);
    if (status != STATUS_NOT_SAME_DEVICE || !(flags & MOVEFILE_COPY_ALLOWED))
        return BaseSetNtStatus(status);
    if (!copy_file(from, to, !(flags & MOVEFILE_REPLACE_EXISTING), progress))
        return FALSE;
    /* "If the file is successfully copied to a different volume and the original file is unable to be
     * deleted, the function succeeds leaving the source file intact" (MoveFileEx documentation). */
    DeleteFileW(from);
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

BOOL WINAPI MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags)
{
    return move_file(from, to, flags, NULL);
}

/* MoveFileEx that reports a copy's progress as CopyFileEx does; a rename copies nothing and reports nothing. */
BOOL WINAPI MoveFileWithProgressW(LPCWSTR from, LPCWSTR to, LPPROGRESS_ROUTINE routine, LPVOID context, DWORD flags)
{
    struct copy_progress progress = {routine, context, NULL, FALSE};
    return move_file(from, to, flags, &progress);
}

BOOL WINAPI MoveFileW(LPCWSTR from, LPCWSTR to)
{
    return MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags)
{
    BOOL ok1, ok2;
    WCHAR *wf = BaseAnsiToWide(from, &ok1), *wt = BaseAnsiToWide(to, &ok2);
    BOOL r = ok1 && ok2 && MoveFileExW(wf, wt, flags);
    BaseFreeWide(wf);
    BaseFreeWide(wt);
    return r;
}

BOOL WINAPI MoveFileA(LPCSTR from, LPCSTR to)
{
    return MoveFileExA(from, to, MOVEFILE_COPY_ALLOWED);
}

/* ---- attributes ----------------------------------------------------------------------------------------------- */

BOOL WINAPI SetFileAttributesW(LPCWSTR name, DWORD attributes)
{
    HANDLE h;
    NTSTATUS status = BaseOpenPath(name, FILE_WRITE_ATTRIBUTES, FILE_OPEN_FOR_BACKUP_INTENT, &h);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    FILE_BASIC_INFORMATION info;
    memset(&info, 0, sizeof info);
    /* 0 in FileAttributes means "unchanged" to NT; Win32's 0 means "normal" */
    info.FileAttributes = attributes ? attributes : FILE_ATTRIBUTE_NORMAL;
    IO_STATUS_BLOCK io;
    status = NtSetInformationFile(h, &io, &info, sizeof info, FileBasicInformation);
    NtClose(h);
    return BaseSetNtStatus(status);
}

BOOL WINAPI SetFileAttributesA(LPCSTR name, DWORD attributes)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    BOOL r = ok && SetFileAttributesW(w, attributes);
    BaseFreeWide(w);
    return r;
}

/* level 0 = GetFileExInfoStandard, the only level */
BOOL WINAPI GetFileAttributesExW(LPCWSTR name, int level, PVOID out)
{
    if (level != 0 || !out || !name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    UNICODE_STRING nt;
    NTSTATUS status = BaseDosPathToNtPath(name, &nt);
    FILE_NETWORK_OPEN_INFORMATION info;
    if (status == STATUS_SUCCESS) {
        OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
        status = NtQueryFullAttributesFile(&oa, &info);
        RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    }
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    WIN32_FILE_ATTRIBUTE_DATA *d = out;
    d->dwFileAttributes = info.FileAttributes;
    d->ftCreationTime = filetime_of(info.CreationTime);
    d->ftLastAccessTime = filetime_of(info.LastAccessTime);
    d->ftLastWriteTime = filetime_of(info.LastWriteTime);
    ULONGLONG size = info.FileAttributes & FILE_ATTRIBUTE_DIRECTORY ? 0 : (ULONGLONG)info.EndOfFile.QuadPart;
    d->nFileSizeHigh = (DWORD)(size >> 32);
    d->nFileSizeLow = (DWORD)size;
    return TRUE;
}

BOOL WINAPI GetFileAttributesExA(LPCSTR name, int level, PVOID out)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    BOOL r = ok && GetFileAttributesExW(w, level, out);
    BaseFreeWide(w);
    return r;
}

BOOL WINAPI GetFileInformationByHandle(HANDLE file, LPBY_HANDLE_FILE_INFORMATION out)
{
    FILE_BASIC_INFORMATION basic;
    FILE_STANDARD_INFORMATION standard;
    FILE_INTERNAL_INFORMATION internal;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryInformationFile(file, &io, &basic, sizeof basic, FileBasicInformation);
    if (status == STATUS_SUCCESS)
        status = NtQueryInformationFile(file, &io, &standard, sizeof standard, FileStandardInformation);
    if (status == STATUS_SUCCESS)
        status = NtQueryInformationFile(file, &io, &internal, sizeof internal, FileInternalInformation);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    /* the serial number of the file's volume (host file system), so that the serial and the index name
     * one file; files that are on no volume (pipes) report 0 */
    FILE_FS_VOLUME_INFORMATION volume;
    if (NtQueryVolumeInformationFile(file, &io, &volume, sizeof volume, FileFsVolumeInformation) != STATUS_SUCCESS)
        volume.VolumeSerialNumber = 0;
    out->dwFileAttributes = basic.FileAttributes;
    out->ftCreationTime = filetime_of(basic.CreationTime);
    out->ftLastAccessTime = filetime_of(basic.LastAccessTime);
    out->ftLastWriteTime = filetime_of(basic.LastWriteTime);
    out->dwVolumeSerialNumber = volume.VolumeSerialNumber;
    out->nFileSizeHigh = (DWORD)((ULONGLONG)standard.EndOfFile.QuadPart >> 32);
    out->nFileSizeLow = (DWORD)standard.EndOfFile.QuadPart;
    out->nNumberOfLinks = standard.NumberOfLinks;
    out->nFileIndexHigh = (DWORD)((ULONGLONG)internal.IndexNumber.QuadPart >> 32);
    out->nFileIndexLow = (DWORD)internal.IndexNumber.QuadPart;
    return TRUE;
}

/* ---- file times -------------------------------------------------------------------------------------------- */

BOOL WINAPI GetFileTime(HANDLE file, LPFILETIME creation, LPFILETIME access, LPFILETIME write)
{
    FILE_BASIC_INFORMATION basic;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryInformationFile(file, &io, &basic, sizeof basic, FileBasicInformation);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    if (creation)
        *creation = filetime_of(basic.CreationTime);
    if (access)
        *access = filetime_of(basic.LastAccessTime);
    if (write)
        *write = filetime_of(basic.LastWriteTime);
    return TRUE;
}

/* NULL (or a zero time) leaves a time as it is. The host keeps no creation time: setting it is accepted
 * and has no effect. */
BOOL WINAPI SetFileTime(HANDLE file, const FILETIME *creation, const FILETIME *access, const FILETIME *write)
{
    FILE_BASIC_INFORMATION basic;
    memset(&basic, 0, sizeof basic);
    if (creation)
        basic.CreationTime.QuadPart = (LONGLONG)((ULONGLONG)creation->dwHighDateTime << 32 | creation->dwLowDateTime);
    if (access)
        basic.LastAccessTime.QuadPart = (LONGLONG)((ULONGLONG)access->dwHighDateTime << 32 | access->dwLowDateTime);
    if (write)
        basic.LastWriteTime.QuadPart = (LONGLONG)((ULONGLONG)write->dwHighDateTime << 32 | write->dwLowDateTime);
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtSetInformationFile(file, &io, &basic, sizeof basic, FileBasicInformation);
    return BaseSetNtStatus(status);
}

/* ---- the temporary directory -------------------------------------------------------------------------------- */

/* %TMP%, else %TEMP%, else %USERPROFILE%, else the Windows directory; always with a final backslash. */
DWORD WINAPI GetTempPathW(DWORD size, LPWSTR buf)
{
    static const WCHAR *const vars[] = {u"TMP", u"TEMP", u"USERPROFILE"};
    WCHAR path[MAX_PATH + 1];
    DWORD n = 0;
    for (size_t i = 0; i < ARRAY_SIZE(vars) && (n == 0 || n >= MAX_PATH); i++)
        n = GetEnvironmentVariableW(vars[i], path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) {
        static const WCHAR windir[] = u"C:\\Windows";
        memcpy(path, windir, sizeof windir);
        n = ARRAY_SIZE(windir) - 1;
    }
    WCHAR full[MAX_PATH + 2];
    n = BaseGetFullPathName(path, MAX_PATH, full, NULL);
    if (n == 0 || n >= MAX_PATH)
        return 0;
    if (full[n - 1] != '\\') {
        full[n++] = '\\';
        full[n] = 0;
    }
    if (!buf || size <= n)
        return n + 1;
    memcpy(buf, full, (n + 1) * sizeof(WCHAR));
    return n;
}

DWORD WINAPI GetTempPathA(DWORD size, LPSTR buf)
{
    WCHAR w[MAX_PATH + 2];
    DWORD n = GetTempPathW(ARRAY_SIZE(w), w);
    return n ? BaseWideResultToAnsi(w, n, buf, size) : 0;
}

/* ---- directory listing ---------------------------------------------------------------------------------------- */

/* A FindFirstFile listing (dir), or a FindFirstStream one (dir NULL): FindClose ends both. */
struct find_handle {
    HANDLE dir;
    ULONG streams_left;
};

#define FIND_BUFFER 4096

/* The next entry of the listing into a WIN32_FIND_DATAW. */
static NTSTATUS find_next(struct find_handle *fh, PUNICODE_STRING pattern, BOOLEAN restart, LPWIN32_FIND_DATAW data)
{
    ULONGLONG buffer[FIND_BUFFER / sizeof(ULONGLONG)];
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryDirectoryFile(fh->dir, NULL, NULL, NULL, &io, buffer, sizeof buffer,
                                           FileBothDirectoryInformation, TRUE, pattern, restart);
    if (status != STATUS_SUCCESS)
        return status;
    const FILE_BOTH_DIR_INFORMATION *e = (const FILE_BOTH_DIR_INFORMATION *)buffer;
    memset(data, 0, sizeof *data);
    data->dwFileAttributes = e->FileAttributes;
    data->ftCreationTime = filetime_of(e->CreationTime);
    data->ftLastAccessTime = filetime_of(e->LastAccessTime);
    data->ftLastWriteTime = filetime_of(e->LastWriteTime);
    data->nFileSizeHigh = (DWORD)((ULONGLONG)e->EndOfFile.QuadPart >> 32);
    data->nFileSizeLow = (DWORD)e->EndOfFile.QuadPart;
    size_t units = e->FileNameLength / sizeof(WCHAR);
    if (units >= MAX_PATH)
        units = MAX_PATH - 1;
    memcpy(data->cFileName, e->FileName, units * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* Splits "dir\pattern" into the directory to open and the pattern ("*.*" is every name). */
static void split_pattern(LPCWSTR path, WCHAR *dir, size_t dir_size, const WCHAR **pattern)
{
    size_t n = RtlpWcslen(path), cut = n;
    while (cut > 0 && path[cut - 1] != '\\' && path[cut - 1] != '/' && !(cut == 2 && path[1] == ':'))
        cut--;
    *pattern = path + cut;
    if (cut == 0) {
        dir[0] = '.';
        dir[1] = 0;
        return;
    }
    if (cut >= dir_size)
        cut = dir_size - 1;
    memcpy(dir, path, cut * sizeof(WCHAR));
    /* keep the root's backslash ("C:\", "\"); drop any other final separator */
    if (cut > 1 && !(cut == 3 && dir[1] == ':') && (dir[cut - 1] == '\\' || dir[cut - 1] == '/'))
        cut--;
    dir[cut] = 0;
}

#define FindExInfoStandard             0
#define FindExInfoBasic                1
#define FindExSearchNameMatch          0
#define FindExSearchLimitToDirectories 1

/*
 * FindFirstFileExW: FindFirstFileW with an information level and a search operation. Both levels give
 * the same data here (FindExInfoBasic leaves out the short name, which this listing never has); the
 * directory-only search is advisory, as Microsoft documents it ("if the file system does not support
 * directory filtering, this flag is silently ignored"), so files come too. FIND_FIRST_EX_CASE_SENSITIVE
 * and FIND_FIRST_EX_LARGE_FETCH are accepted: names compare case-insensitively on NTFS by default, and
 * the fetch size is the listing's own. Other levels and operations fail with ERROR_INVALID_PARAMETER.
 */
HANDLE WINAPI FindFirstFileExW(LPCWSTR path, int level, LPVOID out, int search, LPVOID filter, DWORD flags)
{
    (void)filter;
    (void)flags;
    LPWIN32_FIND_DATAW data = out;
    if ((level != FindExInfoStandard && level != FindExInfoBasic) ||
        (search != FindExSearchNameMatch && search != FindExSearchLimitToDirectories)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (!path || !data) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    WCHAR dir[MAX_PATH * 2];
    const WCHAR *pattern;
    split_pattern(path, dir, ARRAY_SIZE(dir), &pattern);
    if (!*pattern) {
        SetLastError(ERROR_FILE_NOT_FOUND);   /* "dir\" names no file */
        return INVALID_HANDLE_VALUE;
    }
    struct find_handle *fh = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *fh);
    if (!fh) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    NTSTATUS status = BaseOpenPath(dir, FILE_LIST_DIRECTORY, FILE_DIRECTORY_FILE | FILE_OPEN_FOR_BACKUP_INTENT, &fh->dir);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND || status == STATUS_NOT_A_DIRECTORY)
        status = STATUS_OBJECT_PATH_NOT_FOUND;
    if (status == STATUS_SUCCESS) {
        UNICODE_STRING p;
        RtlInitUnicodeString(&p, pattern);
        status = find_next(fh, &p, TRUE, data);
        if (status == STATUS_NO_MORE_FILES)
            status = STATUS_NO_SUCH_FILE;   /* nothing matched: ERROR_FILE_NOT_FOUND */
        if (status != STATUS_SUCCESS)
            NtClose(fh->dir);
    }
    if (status != STATUS_SUCCESS) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, fh);
        BaseSetLastNTError(status);
        return INVALID_HANDLE_VALUE;
    }
    return fh;
}

HANDLE WINAPI FindFirstFileW(LPCWSTR path, LPWIN32_FIND_DATAW data)
{
    return FindFirstFileExW(path, FindExInfoStandard, data, FindExSearchNameMatch, NULL, 0);
}

BOOL WINAPI FindNextFileW(HANDLE find, LPWIN32_FIND_DATAW data)
{
    if (!find || find == INVALID_HANDLE_VALUE || !data) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    NTSTATUS status = find_next(find, NULL, FALSE, data);
    return BaseSetNtStatus(status);
}

BOOL WINAPI FindClose(HANDLE find)
{
    if (!find || find == INVALID_HANDLE_VALUE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    struct find_handle *fh = find;
    if (fh->dir)
        NtClose(fh->dir);
    RtlFreeHeap(RtlGetProcessHeap(), 0, fh);
    return TRUE;
}

/* ---- streams ------------------------------------------------------------------------------------------------ */

typedef struct {
    LARGE_INTEGER StreamSize;
    WCHAR cStreamName[MAX_PATH + 36];
} WIN32_FIND_STREAM_DATA;

#define FindStreamInfoStandard 0

/*
 * The data streams of a file: the host's files have one, the unnamed "::$DATA" of the file's size, and
 * directories none (ERROR_HANDLE_EOF, as for an NTFS directory without named streams). Alternate data
 * streams do not exist on the host's file systems.
 */
HANDLE WINAPI FindFirstStreamW(LPCWSTR path, DWORD level, LPVOID data, DWORD flags)
{
    if (level != FindStreamInfoStandard || flags || !data) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE file;
    NTSTATUS status = BaseOpenPath(path, FILE_READ_ATTRIBUTES, FILE_OPEN_FOR_BACKUP_INTENT, &file);
    FILE_STANDARD_INFORMATION info;
    if (status == STATUS_SUCCESS) {
        IO_STATUS_BLOCK io;
        status = NtQueryInformationFile(file, &io, &info, sizeof info, FileStandardInformation);
        NtClose(file);
    }
    if (status == STATUS_SUCCESS && info.Directory)
        status = STATUS_END_OF_FILE;
    struct find_handle *fh = NULL;
    if (status == STATUS_SUCCESS && !(fh = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *fh)))
        status = STATUS_NO_MEMORY;
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return INVALID_HANDLE_VALUE;
    }
    WIN32_FIND_STREAM_DATA *stream = data;
    stream->StreamSize = info.EndOfFile;
    static const WCHAR unnamed[] = u"::$DATA";
    memcpy(stream->cStreamName, unnamed, sizeof unnamed);
    return fh;
}

BOOL WINAPI FindNextStreamW(HANDLE find, LPVOID data)
{
    (void)data;
    struct find_handle *fh = find;
    if (!find || find == INVALID_HANDLE_VALUE || fh->dir) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    SetLastError(ERROR_HANDLE_EOF);   /* the unnamed stream was the only one */
    return FALSE;
}

static void find_data_to_ansi(const WIN32_FIND_DATAW *w, LPWIN32_FIND_DATAA a)
{
    memset(a, 0, sizeof *a);
    memcpy(a, w, offsetof(WIN32_FIND_DATAA, cFileName));
    BaseWideResultToAnsi(w->cFileName, RtlpWcslen(w->cFileName), a->cFileName, MAX_PATH);
}

HANDLE WINAPI FindFirstFileA(LPCSTR path, LPWIN32_FIND_DATAA data)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    WIN32_FIND_DATAW wd;
    HANDLE h = ok && data ? FindFirstFileW(w, &wd) : INVALID_HANDLE_VALUE;
    BaseFreeWide(w);
    if (h != INVALID_HANDLE_VALUE)
        find_data_to_ansi(&wd, data);
    return h;
}

BOOL WINAPI FindNextFileA(HANDLE find, LPWIN32_FIND_DATAA data)
{
    WIN32_FIND_DATAW wd;
    if (!data || !FindNextFileW(find, &wd))
        return FALSE;
    find_data_to_ansi(&wd, data);
    return TRUE;
}
