/*
 * Volumes, drives and hard links: GetVolumeInformation(ByHandle), GetDiskFreeSpace(Ex), the volume names
 * (FindFirstVolume/FindNextVolume, GetVolumeNameForVolumeMountPoint, GetVolumePathName(s)), the drives
 * (GetLogicalDrives, GetLogicalDriveStrings, GetDriveType), DeviceIoControl and CreateHardLink, over
 * NtQueryVolumeInformationFile, NtDeviceIoControlFile and NtSetInformationFile(FileLinkInformation).
 *
 * ntexec has one volume, drive C:, named "\\?\Volume{...}\" with a fixed GUID (IO_SYSTEM_VOLUME_NAME).
 * Host file systems mounted below C:'s root are not separate volumes here (no mount points): their files
 * report their own serial number (docs/win32-volume-message.md).
 */
#include <string.h>

#include "io/console.h"
#include "io/io.h"
#include "win32/k32.h"

#define VOLUME_NAME_UNITS 49   /* "\\?\Volume{GUID}\" */

/* The one volume's name, with its final backslash. */
static const WCHAR volume_name[] = u"\\\\?\\" IO_SYSTEM_VOLUME_NAME u"\\";
static_assert(ARRAY_SIZE(volume_name) - 1 == VOLUME_NAME_UNITS, "volume names are 49 characters");

/* Is s (n units) the volume's name? Case does not matter. */
static BOOL is_volume_name(const WCHAR *s, size_t n)
{
    return n == VOLUME_NAME_UNITS && RtlCompareUnicodeStrings(s, n, volume_name, n, TRUE) == 0;
}

static BOOL fail_error(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

static BOOL is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

/* Opens a directory (or the volume root) for queries; the caller closes the handle. */
static NTSTATUS open_directory(LPCWSTR path, HANDLE *h)
{
    NTSTATUS status = BaseOpenPath(path, FILE_READ_ATTRIBUTES, FILE_DIRECTORY_FILE | FILE_OPEN_FOR_BACKUP_INTENT, h);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND)
        status = STATUS_OBJECT_PATH_NOT_FOUND;   /* a directory that is not there is a path error */
    return status;
}

/* The root of the current directory's drive ("C:\"), for the functions that take NULL as "here". */
static void current_root(WCHAR root[4])
{
    PUNICODE_STRING cwd = &BaseParameters()->CurrentDirectory.DosPath;
    root[0] = cwd->Length >= 2 * sizeof(WCHAR) && cwd->Buffer[1] == ':' ? cwd->Buffer[0] : 'C';
    root[1] = ':';
    root[2] = '\\';
    root[3] = 0;
}

/* Is the full path the root of a volume: "C:\", "\\?\C:\", "\\.\C:\" or "\\?\Volume{...}\"? */
static BOOL is_volume_root(const WCHAR *full, size_t n)
{
    if (is_volume_name(full, n))
        return TRUE;
    if (n == 7 && BaseIsDevicePath(full, n))
        full += 4, n -= 4;
    return n == 3 && full[1] == ':' && is_sep(full[2]);
}

/* ---- GetVolumeInformation ------------------------------------------------------------------------------- */

/* Copies a counted UTF-16 string into a caller's buffer of size units; ERROR_BAD_LENGTH when it does not fit. */
static BOOL copy_name(const WCHAR *s, ULONG bytes, LPWSTR out, DWORD size)
{
    if (!out)
        return TRUE;
    size_t units = bytes / sizeof(WCHAR);
    if (units + 1 > size)
        return fail_error(ERROR_BAD_LENGTH);
    memcpy(out, s, units * sizeof(WCHAR));
    out[units] = 0;
    return TRUE;
}

static BOOL volume_information(HANDLE h, LPWSTR label, DWORD label_size, LPDWORD serial, LPDWORD max_component,
                               LPDWORD flags, LPWSTR fs_name, DWORD fs_size)
{
    union {
        FILE_FS_VOLUME_INFORMATION v;
        FILE_FS_ATTRIBUTE_INFORMATION a;
        WCHAR pad[MAX_PATH + 32];
    } u;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryVolumeInformationFile(h, &io, &u, sizeof u, FileFsVolumeInformation);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    if (!copy_name(u.v.VolumeLabel, u.v.VolumeLabelLength, label, label_size))
        return FALSE;
    if (serial)
        *serial = u.v.VolumeSerialNumber;
    status = NtQueryVolumeInformationFile(h, &io, &u, sizeof u, FileFsAttributeInformation);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    if (max_component)
        *max_component = (DWORD)u.a.MaximumComponentNameLength;
    if (flags)
        *flags = u.a.FileSystemAttributes;
    return copy_name(u.a.FileSystemName, u.a.FileSystemNameLength, fs_name, fs_size);
}

/*
 * The root must name a volume: "C:\" (or "C:" while C:'s current directory is its root), "\\?\C:\",
 * the volume's GUID name; NULL is the current drive. Another directory fails with ERROR_DIR_NOT_ROOT,
 * or ERROR_INVALID_NAME without a final backslash, as on Windows.
 */
BOOL WINAPI GetVolumeInformationW(LPCWSTR root, LPWSTR label, DWORD label_size, LPDWORD serial,
                                  LPDWORD max_component, LPDWORD flags, LPWSTR fs_name, DWORD fs_size)
{
    WCHAR here[4], full[MAX_PATH + 64];
    if (!root) {
        current_root(here);
        root = here;
    }
    DWORD n = BaseGetFullPathName(root, ARRAY_SIZE(full), full, NULL);
    if (n == 0 || n >= ARRAY_SIZE(full))
        return fail_error(ERROR_INVALID_NAME);
    if (!is_volume_root(full, n)) {
        size_t len = RtlpWcslen(root);
        return fail_error(len && is_sep(root[len - 1]) ? ERROR_DIR_NOT_ROOT : ERROR_INVALID_NAME);
    }
    HANDLE h;
    NTSTATUS status = open_directory(full, &h);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    BOOL ok = volume_information(h, label, label_size, serial, max_component, flags, fs_name, fs_size);
    NtClose(h);
    return ok;
}

BOOL WINAPI GetVolumeInformationByHandleW(HANDLE file, LPWSTR label, DWORD label_size, LPDWORD serial,
                                          LPDWORD max_component, LPDWORD flags, LPWSTR fs_name, DWORD fs_size)
{
    return volume_information(file, label, label_size, serial, max_component, flags, fs_name, fs_size);
}

BOOL WINAPI GetVolumeInformationA(LPCSTR root, LPSTR label, DWORD label_size, LPDWORD serial,
                                  LPDWORD max_component, LPDWORD flags, LPSTR fs_name, DWORD fs_size)
{
    BOOL ok;
    WCHAR *wroot = BaseAnsiToWide(root, &ok);
    WCHAR wlabel[MAX_PATH + 1], wfs[MAX_PATH + 1];
    if (ok)
        ok = GetVolumeInformationW(wroot, label ? wlabel : NULL, MAX_PATH + 1, serial, max_component, flags,
                                   fs_name ? wfs : NULL, MAX_PATH + 1);
    BaseFreeWide(wroot);
    if (ok && label && BaseWideResultToAnsi(wlabel, RtlpWcslen(wlabel), label, label_size) >= label_size)
        return fail_error(ERROR_BAD_LENGTH);
    if (ok && fs_name && BaseWideResultToAnsi(wfs, RtlpWcslen(wfs), fs_name, fs_size) >= fs_size)
        return fail_error(ERROR_BAD_LENGTH);
    return ok;
}

/* ---- free space ----------------------------------------------------------------------------------------- */

/* Any directory of the volume; NULL is the current drive's root. */
static BOOL disk_space(LPCWSTR dir, FS_INFORMATION_CLASS info_class, void *info, ULONG size)
{
    WCHAR here[4];
    if (!dir) {
        current_root(here);
        dir = here;
    }
    HANDLE h;
    NTSTATUS status = open_directory(dir, &h);
    if (status == STATUS_SUCCESS) {
        IO_STATUS_BLOCK io;
        status = NtQueryVolumeInformationFile(h, &io, info, size, info_class);
        NtClose(h);
    }
    return BaseSetNtStatus(status);
}

/* The caller's free bytes, the volume's size and its free bytes (quotas are not modelled: the caller's
 * share is what the host lets an unprivileged user have). */
BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR dir, ULARGE_INTEGER * caller_free, ULARGE_INTEGER * total,
                                ULARGE_INTEGER * total_free)
{
    FILE_FS_FULL_SIZE_INFORMATION info;
    if (!disk_space(dir, FileFsFullSizeInformation, &info, sizeof info))
        return FALSE;
    ULONGLONG unit = (ULONGLONG)info.SectorsPerAllocationUnit * info.BytesPerSector;
    if (caller_free)
        caller_free->QuadPart = (ULONGLONG)info.CallerAvailableAllocationUnits.QuadPart * unit;
    if (total)
        total->QuadPart = (ULONGLONG)info.TotalAllocationUnits.QuadPart * unit;
    if (total_free)
        total_free->QuadPart = (ULONGLONG)info.ActualAvailableAllocationUnits.QuadPart * unit;
    return TRUE;
}

/* Cluster counts beyond 32 bits are reported as 0xFFFFFFFF (GetDiskFreeSpaceEx has the real sizes). */
BOOL WINAPI GetDiskFreeSpaceW(LPCWSTR root, LPDWORD sectors_per_cluster, LPDWORD bytes_per_sector,
                              LPDWORD free_clusters, LPDWORD total_clusters)
{
    FILE_FS_SIZE_INFORMATION info;
    if (!disk_space(root, FileFsSizeInformation, &info, sizeof info))
        return FALSE;
    ULONGLONG avail = (ULONGLONG)info.AvailableAllocationUnits.QuadPart;
    ULONGLONG all = (ULONGLONG)info.TotalAllocationUnits.QuadPart;
    if (sectors_per_cluster)
        *sectors_per_cluster = info.SectorsPerAllocationUnit;
    if (bytes_per_sector)
        *bytes_per_sector = info.BytesPerSector;
    if (free_clusters)
        *free_clusters = avail > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)avail;
    if (total_clusters)
        *total_clusters = all > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)all;
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceExA(LPCSTR dir, ULARGE_INTEGER * caller_free, ULARGE_INTEGER * total,
                                ULARGE_INTEGER * total_free)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(dir, &ok);
    ok = ok && GetDiskFreeSpaceExW(w, caller_free, total, total_free);
    BaseFreeWide(w);
    return ok;
}

BOOL WINAPI GetDiskFreeSpaceA(LPCSTR root, LPDWORD sectors_per_cluster, LPDWORD bytes_per_sector,
                              LPDWORD free_clusters, LPDWORD total_clusters)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(root, &ok);
    ok = ok && GetDiskFreeSpaceW(w, sectors_per_cluster, bytes_per_sector, free_clusters, total_clusters);
    BaseFreeWide(w);
    return ok;
}

/* ---- volume names --------------------------------------------------------------------------------------- */

/* Writes "\\?\Volume{GUID}\" into out (size units); ERROR_FILENAME_EXCED_RANGE when it does not fit. */
static BOOL put_volume_name(LPWSTR out, DWORD size)
{
    if (!out || size < ARRAY_SIZE(volume_name))
        return fail_error(ERROR_FILENAME_EXCED_RANGE);
    memcpy(out, volume_name, sizeof volume_name);
    return TRUE;
}

struct volume_find {
    DWORD magic;
    DWORD next;           /* index of the next volume to report */
};
#define VOLUME_FIND_MAGIC 0x4C4F5646u   /* "FVOL" */

HANDLE WINAPI FindFirstVolumeW(LPWSTR name, DWORD size)
{
    if (!put_volume_name(name, size))
        return INVALID_HANDLE_VALUE;
    struct volume_find *f = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *f);
    if (!f) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    f->magic = VOLUME_FIND_MAGIC;
    f->next = 1;
    return f;
}

/* There is one volume: the next call ends the enumeration with ERROR_NO_MORE_FILES. */
BOOL WINAPI FindNextVolumeW(HANDLE find, LPWSTR name, DWORD size)
{
    struct volume_find *f = find;
    (void)name;
    (void)size;
    if (!f || find == INVALID_HANDLE_VALUE || f->magic != VOLUME_FIND_MAGIC)
        return fail_error(ERROR_INVALID_HANDLE);
    return fail_error(ERROR_NO_MORE_FILES);
}

BOOL WINAPI FindVolumeClose(HANDLE find)
{
    struct volume_find *f = find;
    if (!f || find == INVALID_HANDLE_VALUE || f->magic != VOLUME_FIND_MAGIC)
        return fail_error(ERROR_INVALID_HANDLE);
    f->magic = 0;
    RtlFreeHeap(RtlGetProcessHeap(), 0, f);
    return TRUE;
}

HANDLE WINAPI FindFirstVolumeA(LPSTR name, DWORD size)
{
    WCHAR w[VOLUME_NAME_UNITS + 1];
    if (size < VOLUME_NAME_UNITS + 1) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = FindFirstVolumeW(w, ARRAY_SIZE(w));
    if (h != INVALID_HANDLE_VALUE)
        BaseWideResultToAnsi(w, VOLUME_NAME_UNITS, name, size);
    return h;
}

BOOL WINAPI FindNextVolumeA(HANDLE find, LPSTR name, DWORD size)
{
    WCHAR w[VOLUME_NAME_UNITS + 1];
    (void)name;
    (void)size;
    return FindNextVolumeW(find, w, ARRAY_SIZE(w));
}

/*
 * The volume name of a mount point: "C:\" (with its final backslash, else ERROR_INVALID_NAME). A drive
 * that is not mapped fails with ERROR_FILE_NOT_FOUND, another directory with ERROR_NOT_A_REPARSE_POINT.
 */
BOOL WINAPI GetVolumeNameForVolumeMountPointW(LPCWSTR mount, LPWSTR name, DWORD size)
{
    if (!mount || !name || size == 0)
        return fail_error(ERROR_INVALID_PARAMETER);
    size_t len = RtlpWcslen(mount);
    if (!len || !is_sep(mount[len - 1]))
        return fail_error(ERROR_INVALID_NAME);
    WCHAR full[MAX_PATH + 64];
    DWORD n = BaseGetFullPathName(mount, ARRAY_SIZE(full), full, NULL);
    if (n == 0 || n >= ARRAY_SIZE(full))
        return fail_error(ERROR_INVALID_NAME);
    if (is_volume_root(full, n)) {
        const WCHAR *drive = full[0] == '\\' ? full + 4 : full;
        BOOL c = drive[1] != ':' || drive[0] == 'C' || drive[0] == 'c';   /* the GUID name, or C: */
        return c ? put_volume_name(name, size) : fail_error(ERROR_FILE_NOT_FOUND);
    }
    HANDLE h;
    NTSTATUS status = open_directory(full, &h);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    NtClose(h);
    return fail_error(ERROR_NOT_A_REPARSE_POINT);   /* a directory, but no mount point */
}

BOOL WINAPI GetVolumeNameForVolumeMountPointA(LPCSTR mount, LPSTR name, DWORD size)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(mount, &ok);
    WCHAR vol[VOLUME_NAME_UNITS + 1];
    if (ok && size < VOLUME_NAME_UNITS + 1 && size)
        ok = fail_error(ERROR_FILENAME_EXCED_RANGE);
    if (ok)
        ok = GetVolumeNameForVolumeMountPointW(w, size ? vol : NULL, size ? ARRAY_SIZE(vol) : 0);
    BaseFreeWide(w);
    if (ok)
        BaseWideResultToAnsi(vol, VOLUME_NAME_UNITS, name, size);
    return ok;
}

/* The mount point of the volume holding a path, which need not exist: its drive's root ("C:\"). */
BOOL WINAPI GetVolumePathNameW(LPCWSTR path, LPWSTR out, DWORD size)
{
    if (!path || !*path || !out)
        return fail_error(ERROR_INVALID_PARAMETER);
    WCHAR full[MAX_PATH + 64];
    DWORD n = BaseGetFullPathName(path, ARRAY_SIZE(full), full, NULL);
    if (n == 0 || n >= ARRAY_SIZE(full))
        return fail_error(ERROR_FILENAME_EXCED_RANGE);
    size_t vlen = VOLUME_NAME_UNITS - 1;   /* the name without its final backslash */
    WCHAR root[VOLUME_NAME_UNITS + 1];
    size_t units;
    if (n >= vlen && RtlCompareUnicodeStrings(full, vlen, volume_name, vlen, TRUE) == 0) {
        memcpy(root, volume_name, VOLUME_NAME_UNITS * sizeof(WCHAR));
        units = VOLUME_NAME_UNITS;
    } else {
        const WCHAR *p = full;
        size_t prefix = 0;
        if (BaseIsDevicePath(full, n))
            prefix = 4, p += 4;
        if (n - prefix < 2 || p[1] != ':')
            return fail_error(ERROR_INVALID_PARAMETER);   /* UNC shares are not volumes here */
        memcpy(root, full, (prefix + 2) * sizeof(WCHAR));
        root[prefix + 2] = '\\';
        units = prefix + 3;
    }
    if (size < units + 1)
        return fail_error(ERROR_FILENAME_EXCED_RANGE);
    memcpy(out, root, units * sizeof(WCHAR));
    out[units] = 0;
    return TRUE;
}

BOOL WINAPI GetVolumePathNameA(LPCSTR path, LPSTR out, DWORD size)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    WCHAR root[VOLUME_NAME_UNITS + 1];
    ok = ok && GetVolumePathNameW(w, root, ARRAY_SIZE(root));
    BaseFreeWide(w);
    if (ok && BaseWideResultToAnsi(root, RtlpWcslen(root), out, size) >= size)
        return fail_error(ERROR_FILENAME_EXCED_RANGE);
    return ok;
}

/* The mount points of a volume as a list of strings ending with an empty one: "C:\" for the one volume. */
BOOL WINAPI GetVolumePathNamesForVolumeNameW(LPCWSTR volume, LPWSTR out, DWORD size, DWORD *returned)
{
    static const WCHAR paths[] = u"C:\\\0";   /* "C:\", "" */
    if (!volume)
        return fail_error(ERROR_INVALID_PARAMETER);
    if (!is_volume_name(volume, RtlpWcslen(volume)))
        return fail_error(ERROR_INVALID_NAME);
    if (returned)
        *returned = ARRAY_SIZE(paths);
    if (!out || size < ARRAY_SIZE(paths))
        return fail_error(ERROR_MORE_DATA);
    memcpy(out, paths, sizeof paths);
    return TRUE;
}

/* ---- hard links ------------------------------------------------------------------------------------------- */

/* A second name for an existing file (not a directory); an existing `link` is not replaced. */
BOOL WINAPI CreateHardLinkW(LPCWSTR link, LPCWSTR existing, LPSECURITY_ATTRIBUTES sa)
{
    (void)sa;
    if (!link || !existing)
        return fail_error(ERROR_INVALID_PARAMETER);
    UNICODE_STRING to;
    NTSTATUS status = BaseDosPathToNtPath(link, &to);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    HANDLE h;
    status = BaseOpenPath(existing, FILE_WRITE_ATTRIBUTES, FILE_OPEN_FOR_BACKUP_INTENT, &h);
    if (status == STATUS_SUCCESS) {
        status = BaseSetFileName(h, &to, FALSE, FileLinkInformation);
        NtClose(h);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, to.Buffer);
    return BaseSetNtStatus(status);
}

BOOL WINAPI CreateHardLinkA(LPCSTR link, LPCSTR existing, LPSECURITY_ATTRIBUTES sa)
{
    BOOL ok1, ok2;
    WCHAR *wl = BaseAnsiToWide(link, &ok1), *we = BaseAnsiToWide(existing, &ok2);
    BOOL r = ok1 && ok2 && CreateHardLinkW(wl, we, sa);
    BaseFreeWide(wl);
    BaseFreeWide(we);
    return r;
}

/* ---- drives and device controls ------------------------------------------------------------------------- */

/* The drives whose root opens: C:, and any other letter given a host directory. */
DWORD WINAPI GetLogicalDrives(void)
{
    DWORD mask = 0;
    for (WCHAR letter = 'A'; letter <= 'Z'; letter++) {
        WCHAR root[4] = {letter, ':', '\\', 0};
        HANDLE h;
        if (open_directory(root, &h) == STATUS_SUCCESS) {
            mask |= 1u << (letter - 'A');
            NtClose(h);
        }
    }
    SetLastError(ERROR_SUCCESS);
    return mask;
}

/* "C:\<NUL>...<NUL>": the length written without the final NUL, or the size needed when size is short. */
DWORD WINAPI GetLogicalDriveStringsW(DWORD size, LPWSTR buffer)
{
    DWORD mask = GetLogicalDrives(), needed = 0;
    for (int i = 0; i < 26; i++)
        needed += mask >> i & 1 ? 4 : 0;
    if (size < needed + 1)
        return needed + 1;
    for (int i = 0; i < 26; i++) {
        if (!(mask >> i & 1))
            continue;
        *buffer++ = (WCHAR)('A' + i);
        *buffer++ = ':';
        *buffer++ = '\\';
        *buffer++ = 0;
    }
    *buffer = 0;
    return needed;
}

DWORD WINAPI GetLogicalDriveStringsA(DWORD size, LPSTR buffer)
{
    WCHAR wide[26 * 4 + 1];
    DWORD n = GetLogicalDriveStringsW(ARRAY_SIZE(wide), wide);
    if (size < n + 1)
        return n + 1;
    for (DWORD i = 0; i <= n; i++)
        buffer[i] = (char)wide[i];   /* drive letters, ':', '\\' and NULs: ASCII */
    return n;
}

#define DRIVE_NO_ROOT_DIR 1
#define DRIVE_FIXED 3

/* Every drive is a fixed disk (host directories); a path that is not an existing directory has no root.
 * NULL is the current directory's drive; "C:" counts as "C:\". */
UINT WINAPI GetDriveTypeW(LPCWSTR root)
{
    WCHAR here[4], drive[4];
    if (!root) {
        current_root(here);
        root = here;
    } else if (root[0] && root[1] == ':' && !root[2]) {
        drive[0] = root[0];
        drive[1] = ':';
        drive[2] = '\\';
        drive[3] = 0;
        root = drive;
    }
    HANDLE h;
    if (open_directory(root, &h) != STATUS_SUCCESS)
        return DRIVE_NO_ROOT_DIR;
    NtClose(h);
    return DRIVE_FIXED;
}

UINT WINAPI GetDriveTypeA(LPCSTR root)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(root, &ok);
    UINT type = ok ? GetDriveTypeW(w) : DRIVE_NO_ROOT_DIR;
    BaseFreeWide(w);
    return type;
}

/* The device controls ntexec's drivers know (the console's); any other fails as an unknown control does,
 * ERROR_INVALID_FUNCTION. */
BOOL WINAPI DeviceIoControl(HANDLE device, DWORD code, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size,
                            LPDWORD returned, LPOVERLAPPED ov)
{
    IO_STATUS_BLOCK io = {.Information = 0};
    NTSTATUS status = NtDeviceIoControlFile(device, ov ? ov->hEvent : NULL, NULL, NULL, &io, code, in, in_size,
                                            out, out_size);
    if (ov) {
        ov->Internal = (ULONG_PTR)status;
        ov->InternalHigh = io.Information;
    }
    if (returned)
        *returned = (DWORD)io.Information;
    return BaseSetNtStatus(status);
}
