/* File information: NtQuery/SetInformationFile, attribute queries by name, volume information. */
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "io/io.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "ps/ps.h"
#include "rtl/rtl.h"

NTSTATUS IopCheckParent(const char *path);   /* io/file.c */

/*
 * The DOS attributes Linux has no place for (HIDDEN, SYSTEM, ARCHIVE, TEMPORARY) live in the user extended
 * attribute "user.DOSATTRIB" as Samba's and Wine's hexadecimal text ("0x22"): the attribute, when present,
 * holds all of them, as in Samba (Wine writes and reads HIDDEN and SYSTEM only, so it sees what ntexec
 * hid). Without it a file is ARCHIVE, a directory has none. READONLY is the permission bits, DIRECTORY the
 * file type.
 */
#define DOSATTRIB_NAME "user.DOSATTRIB"
#define DOSATTRIB_MASK (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_ARCHIVE | FILE_ATTRIBUTE_TEMPORARY)

/* The stored attributes of a file (by fd when fd >= 0, else by path), or false when it has none
 * (or a value that is not in the text form, such as Samba's binary one). */
bool IopReadDosAttributes(int fd, const char *path, ULONG *attributes)
{
    char buf[32];
    size_t n;
    *attributes = 0;
    if (host_xattr_get(fd, path, DOSATTRIB_NAME, buf, sizeof buf - 1, &n) != STATUS_SUCCESS)
        return false;
    buf[n] = 0;
    if (n < 3 || buf[0] != '0' || (buf[1] != 'x' && buf[1] != 'X'))
        return false;
    ULONG v = 0;
    for (size_t i = 2; i < n && buf[i]; i++) {
        int c = buf[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return false;
        v = v << 4 | (ULONG)d;
    }
    *attributes = v & DOSATTRIB_MASK;
    return true;
}

/* Stores the attributes of mask in a file's DOSATTRIB; a file keeping the default (ARCHIVE for a file,
 * nothing for a directory) loses the extended attribute. A file system without user extended attributes
 * keeps the default only: it fails (STATUS_NOT_SUPPORTED) when HIDDEN or SYSTEM were asked for, and lets
 * ARCHIVE and TEMPORARY go, so that the common SetFileAttributes(NORMAL) before a deletion works there. */
NTSTATUS IopWriteDosAttributes(int fd, const char *path, bool directory, ULONG attributes)
{
    ULONG stored = attributes & DOSATTRIB_MASK;
    NTSTATUS status;
    if (stored == (directory ? 0 : FILE_ATTRIBUTE_ARCHIVE)) {
        status = host_xattr_remove(fd, path, DOSATTRIB_NAME);
        return status == STATUS_NOT_FOUND || status == STATUS_NOT_SUPPORTED ? STATUS_SUCCESS : status;
    }
    char text[16];
    size_t n = 0;
    text[n++] = '0';
    text[n++] = 'x';
    bool digits = false;
    for (int shift = 28; shift >= 0; shift -= 4) {
        ULONG d = stored >> shift & 0xF;
        if (d || digits || shift == 0) {
            text[n++] = "0123456789abcdef"[d];
            digits = true;
        }
    }
    status = host_xattr_set(fd, path, DOSATTRIB_NAME, text, n);
    if (status == STATUS_NOT_SUPPORTED && !(stored & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)))
        status = STATUS_SUCCESS;
    return status;
}

/* Windows attributes of a host file: its stored DOS attributes (above), read-only when not writable,
 * hidden for dot files (as Wine shows them), NORMAL when nothing else applies. */
ULONG IopFileAttributes(const struct host_stat *st, const char *name)
{
    bool dir = st->type == HOST_FT_DIR;
    ULONG a = dir ? FILE_ATTRIBUTE_DIRECTORY : 0, stored;
    if (name && IopReadDosAttributes(-1, name, &stored))
        a |= stored;
    else if (!dir)
        a |= FILE_ATTRIBUTE_ARCHIVE;
    if (!st->writable && !dir)
        a |= FILE_ATTRIBUTE_READONLY;
    const char *base = name ? strrchr(name, '/') : NULL;
    if (base && base[1] == '.' && strcmp(base, "/.") && strcmp(base, "/.."))
        a |= FILE_ATTRIBUTE_HIDDEN;
    return a ? a : FILE_ATTRIBUTE_NORMAL;
}

static void fill_basic(FILE_BASIC_INFORMATION *b, const struct host_stat *st, ULONG attributes)
{
    b->CreationTime.QuadPart = (LONGLONG)(st->ctime < st->mtime ? st->ctime : st->mtime);
    b->LastAccessTime.QuadPart = (LONGLONG)st->atime;
    b->LastWriteTime.QuadPart = (LONGLONG)st->mtime;
    b->ChangeTime.QuadPart = (LONGLONG)st->ctime;
    b->FileAttributes = attributes;
}

static void fill_standard(FILE_STANDARD_INFORMATION *s, const struct host_stat *st, BOOLEAN delete_pending)
{
    s->AllocationSize.QuadPart = (LONGLONG)st->alloc_size;
    s->EndOfFile.QuadPart = (LONGLONG)st->size;
    s->NumberOfLinks = st->nlink;
    s->DeletePending = delete_pending;
    s->Directory = st->type == HOST_FT_DIR;
}

static void fill_network_open(FILE_NETWORK_OPEN_INFORMATION *n, const struct host_stat *st, ULONG attributes)
{
    FILE_BASIC_INFORMATION b;
    fill_basic(&b, st, attributes);
    n->CreationTime = b.CreationTime;
    n->LastAccessTime = b.LastAccessTime;
    n->LastWriteTime = b.LastWriteTime;
    n->ChangeTime = b.ChangeTime;
    n->AllocationSize.QuadPart = (LONGLONG)st->alloc_size;
    n->EndOfFile.QuadPart = (LONGLONG)st->size;
    n->FileAttributes = attributes;
}

/* Stat of a file object: the fd, or for a builtin DLL its image size and a fixed read-only file. */
static NTSTATUS stat_file(PFILE_OBJECT f, struct host_stat *st)
{
    if (f->Builtin) {
        memset(st, 0, sizeof *st);
        const void *data;
        size_t size;
        NTSTATUS status = IoGetBuiltinImage(f->Builtin, &data, &size);
        st->size = st->alloc_size = size;
        st->type = HOST_FT_FILE;
        st->nlink = 1;
        return status;
    }
    NTSTATUS status = host_fstat(f->Fd, st);
    if (status == STATUS_SUCCESS && f->HostPath) {
        struct host_stat by_path;
        if (host_stat(f->HostPath, &by_path) == STATUS_SUCCESS)
            st->writable = by_path.writable;
    }
    return status;
}

static NTSTATUS query_name(PFILE_OBJECT f, PVOID info, ULONG length, ULONG *written)
{
    /* The path without the drive ("\dir\file"), as Windows answers FileNameInformation. */
    const WCHAR *name = f->FileName.Buffer;
    ULONG bytes = f->FileName.Length;
    if (bytes >= 4 && name && name[1] == ':') {
        name += 2;
        bytes -= 4;
    }
    FILE_NAME_INFORMATION *n = info;
    if (length < offsetof(FILE_NAME_INFORMATION, FileName))
        return STATUS_INFO_LENGTH_MISMATCH;
    n->FileNameLength = bytes;
    ULONG room = length - (ULONG)offsetof(FILE_NAME_INFORMATION, FileName);
    memcpy(n->FileName, name, bytes < room ? bytes : room);
    *written = (ULONG)offsetof(FILE_NAME_INFORMATION, FileName) + (bytes < room ? bytes : room);
    return bytes <= room ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

static NTSTATUS query_file(PFILE_OBJECT f, PVOID info, ULONG length, ULONG info_class, ULONG *written)
{
    struct host_stat st;
    NTSTATUS status;
    uint64_t pos;
    switch (info_class) {
    case FileBasicInformation:
    case FileStandardInformation:
    case FileNetworkOpenInformation:
    case FileAttributeTagInformation:
    case FileInternalInformation:
        if ((status = stat_file(f, &st)) != STATUS_SUCCESS)
            return status;
        break;
    default:
        break;
    }
    ULONG attributes = info_class == FileNameInformation || info_class == FilePositionInformation
                           ? 0 : IopFileAttributes(&st, f->HostPath);
    switch (info_class) {
    case FileBasicInformation:
        if (length < sizeof(FILE_BASIC_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        fill_basic(info, &st, attributes);
        *written = sizeof(FILE_BASIC_INFORMATION);
        return STATUS_SUCCESS;
    case FileStandardInformation:
        if (length < sizeof(FILE_STANDARD_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        fill_standard(info, &st, f->DeletePending);
        *written = sizeof(FILE_STANDARD_INFORMATION);
        return STATUS_SUCCESS;
    case FileNetworkOpenInformation:
        if (length < sizeof(FILE_NETWORK_OPEN_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        fill_network_open(info, &st, attributes);
        *written = sizeof(FILE_NETWORK_OPEN_INFORMATION);
        return STATUS_SUCCESS;
    case FileAttributeTagInformation:
        if (length < sizeof(FILE_ATTRIBUTE_TAG_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        ((FILE_ATTRIBUTE_TAG_INFORMATION *)info)->FileAttributes = attributes;
        ((FILE_ATTRIBUTE_TAG_INFORMATION *)info)->ReparseTag = 0;
        *written = sizeof(FILE_ATTRIBUTE_TAG_INFORMATION);
        return STATUS_SUCCESS;
    case FileInternalInformation:
        if (length < sizeof(FILE_INTERNAL_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        ((FILE_INTERNAL_INFORMATION *)info)->IndexNumber.QuadPart = (LONGLONG)st.ino;
        *written = sizeof(FILE_INTERNAL_INFORMATION);
        return STATUS_SUCCESS;
    case FilePositionInformation:
        if (length < sizeof(FILE_POSITION_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (f->Fd < 0 || host_seek(f->Fd, 0, 1, &pos) != STATUS_SUCCESS)
            pos = 0;
        ((FILE_POSITION_INFORMATION *)info)->CurrentByteOffset.QuadPart = (LONGLONG)pos;
        *written = sizeof(FILE_POSITION_INFORMATION);
        return STATUS_SUCCESS;
    case FileNameInformation:
        return query_name(f, info, length, written);
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

typedef NTSTATUS (*file_query_fn)(PFILE_OBJECT f, PVOID info, ULONG length, ULONG info_class, ULONG *written);

/* The common body of the query services: the file object behind handle, the query, the I/O status. */
static NTSTATUS query_by_handle(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length, ULONG info_class,
                                file_query_fn query)
{
    PFILE_OBJECT f;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    ULONG written = 0;
    if (status == STATUS_SUCCESS) {
        status = query(f, info, length, info_class, &written);
        ObDereferenceObject(f);
    }
    if (io) {
        io->Status = status;
        io->Information = written;
    }
    return status;
}

NTSTATUS WINAPI NtQueryInformationFile(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length, ULONG info_class)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_WRITE(info, length);
    return query_by_handle(handle, io, info, length, info_class, query_file);
}

static NTSTATUS rename_file(PFILE_OBJECT f, const FILE_RENAME_INFORMATION *r, ULONG length)
{
    if (length < offsetof(FILE_RENAME_INFORMATION, FileName) ||
        r->FileNameLength > length - offsetof(FILE_RENAME_INFORMATION, FileName) || !f->HostPath)
        return STATUS_INVALID_PARAMETER;
    UNICODE_STRING target = {(USHORT)r->FileNameLength, (USHORT)r->FileNameLength, (PWSTR)r->FileName};
    char *to;
    NTSTATUS status = IoTranslatePath(&target, &to);
    if (status != STATUS_SUCCESS)
        return status;
    status = host_rename(f->HostPath, to, r->ReplaceIfExists & 1);
    if (status == STATUS_SUCCESS) {
        free(f->HostPath);
        f->HostPath = to;
    } else {
        free(to);
    }
    return status;
}

/* FileLinkInformation(Ex): a second name for the file (NTFS refuses directories). */
static NTSTATUS link_file(PFILE_OBJECT f, const FILE_LINK_INFORMATION *l, ULONG length, ULONG info_class)
{
    if (length < offsetof(FILE_LINK_INFORMATION, FileName) ||
        l->FileNameLength > length - offsetof(FILE_LINK_INFORMATION, FileName) || !f->HostPath)
        return STATUS_INVALID_PARAMETER;
    if (f->Flags & FO_DIRECTORY || f->HostType == HOST_FT_DIR)
        return STATUS_FILE_IS_A_DIRECTORY;
    bool replace = info_class == FileLinkInformationEx ? (l->Flags & FILE_LINK_REPLACE_IF_EXISTS) != 0
                                                       : l->ReplaceIfExists != 0;
    UNICODE_STRING target = {(USHORT)l->FileNameLength, (USHORT)l->FileNameLength, (PWSTR)l->FileName};
    char *to;
    NTSTATUS status = IoTranslatePath(&target, &to);
    if (status != STATUS_SUCCESS)
        return status;
    status = host_link(f->HostPath, to, replace);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND)
        status = STATUS_OBJECT_PATH_NOT_FOUND;   /* the file is open: what is missing is the new name's directory */
    free(to);
    return status;
}

/* FileBasicInformation's attributes (nonzero; NORMAL alone clears them all). READONLY of a file is its
 * write permission; the others are stored (IopWriteDosAttributes). The permission is given back before
 * the extended attribute is written and taken after, since writing one needs write permission. */
static NTSTATUS set_attributes(PFILE_OBJECT f, ULONG attributes)
{
    struct host_stat st;
    NTSTATUS status = host_stat(f->HostPath, &st);
    if (status != STATUS_SUCCESS)
        return status;
    bool dir = st.type == HOST_FT_DIR, readonly = attributes & FILE_ATTRIBUTE_READONLY;
    if (!dir && !readonly && (status = host_chmod(f->HostPath, st.mode | 0200u)) != STATUS_SUCCESS)
        return status;
    status = IopWriteDosAttributes(-1, f->HostPath, dir, attributes);
    if (status == STATUS_SUCCESS && !dir && readonly)
        status = host_chmod(f->HostPath, st.mode & ~0222u);
    return status;
}

static NTSTATUS set_file(PFILE_OBJECT f, PVOID info, ULONG length, ULONG info_class)
{
    switch (info_class) {
    case FilePositionInformation:
        if (length < sizeof(FILE_POSITION_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (((FILE_POSITION_INFORMATION *)info)->CurrentByteOffset.QuadPart < 0)
            return STATUS_INVALID_PARAMETER;
        return host_seek(f->Fd, ((FILE_POSITION_INFORMATION *)info)->CurrentByteOffset.QuadPart, 0, NULL);
    case FileEndOfFileInformation:
    case FileAllocationInformation: {
        if (length < sizeof(FILE_END_OF_FILE_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (!(f->Access & FILE_WRITE_DATA))
            return STATUS_ACCESS_DENIED;
        uint64_t size = (uint64_t)((FILE_END_OF_FILE_INFORMATION *)info)->EndOfFile.QuadPart;
        /* an allocation size only cuts a file that is longer; a larger one reserves nothing to see */
        struct host_stat st;
        if (info_class == FileAllocationInformation &&
            (host_fstat(f->Fd, &st) != STATUS_SUCCESS || st.size <= size))
            return STATUS_SUCCESS;
        return host_truncate(f->Fd, size);
    }
    case FileDispositionInformation:
        if (length < sizeof(FILE_DISPOSITION_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (!f->HostPath)
            return STATUS_CANNOT_DELETE;
        f->DeletePending = ((FILE_DISPOSITION_INFORMATION *)info)->DeleteFile;
        return STATUS_SUCCESS;
    case FileDispositionInformationEx:
        if (length < sizeof(ULONG))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (!f->HostPath)
            return STATUS_CANNOT_DELETE;
        f->DeletePending = (*(ULONG *)info & 1) != 0;
        return STATUS_SUCCESS;
    case FileBasicInformation: {
        if (length < sizeof(FILE_BASIC_INFORMATION))
            return STATUS_INFO_LENGTH_MISMATCH;
        const FILE_BASIC_INFORMATION *b = info;
        uint64_t atime = b->LastAccessTime.QuadPart > 0 ? (uint64_t)b->LastAccessTime.QuadPart : 0;
        uint64_t mtime = b->LastWriteTime.QuadPart > 0 ? (uint64_t)b->LastWriteTime.QuadPart : 0;
        NTSTATUS status = atime || mtime ? host_set_times(f->Fd, atime, mtime) : STATUS_SUCCESS;
        if (status == STATUS_SUCCESS && b->FileAttributes && f->HostPath)
            status = set_attributes(f, b->FileAttributes);
        return status;
    }
    case FileRenameInformation:
    case FileRenameInformationEx:
        return rename_file(f, info, length);
    case FileLinkInformation:
    case FileLinkInformationEx:
        return link_file(f, info, length, info_class);
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

NTSTATUS WINAPI NtSetInformationFile(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length, ULONG info_class)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_READ(info, length);
    PFILE_OBJECT f;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    if (status == STATUS_SUCCESS) {
        if (info_class == FileCompletionInformation || info_class == FileIoCompletionNotificationInformation)
            status = IopSetCompletionInformation(f, info, length, info_class);
        else
            status = f->Fd < 0 && info_class != FileDispositionInformation ? STATUS_INVALID_HANDLE
                                                                           : set_file(f, info, length, info_class);
        ObDereferenceObject(f);
    }
    if (io) {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

/* Stat by name for NtQueryAttributesFile and friends (builtin DLLs included). */
static NTSTATUS stat_by_name(POBJECT_ATTRIBUTES attributes, struct host_stat *st, char **host_path)
{
    *host_path = NULL;
    if (!attributes || !attributes->ObjectName)
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = IoTranslatePath(attributes->ObjectName, host_path);
    if (status == STATUS_SUCCESS)
        status = host_stat(*host_path, st);
    /* the file itself is missing; a missing directory on the way is a path error */
    if (status == STATUS_OBJECT_NAME_NOT_FOUND && IopCheckParent(*host_path) == STATUS_OBJECT_PATH_NOT_FOUND)
        status = STATUS_OBJECT_PATH_NOT_FOUND;
    return status;
}

NTSTATUS WINAPI NtQueryAttributesFile(POBJECT_ATTRIBUTES attributes, PVOID basic_info)
{
    PROBE_OBJECT_ATTRIBUTES(attributes);
    PROBE_FOR_WRITE(basic_info, sizeof(FILE_BASIC_INFORMATION));
    struct host_stat st;
    char *path;
    NTSTATUS status = stat_by_name(attributes, &st, &path);
    if (status == STATUS_SUCCESS)
        fill_basic(basic_info, &st, IopFileAttributes(&st, path));
    free(path);
    return status;
}

NTSTATUS WINAPI NtQueryFullAttributesFile(POBJECT_ATTRIBUTES attributes, PVOID network_open_info)
{
    PROBE_OBJECT_ATTRIBUTES(attributes);
    PROBE_FOR_WRITE(network_open_info, sizeof(FILE_NETWORK_OPEN_INFORMATION));
    struct host_stat st;
    char *path;
    NTSTATUS status = stat_by_name(attributes, &st, &path);
    if (status == STATUS_SUCCESS)
        fill_network_open(network_open_info, &st, IopFileAttributes(&st, path));
    free(path);
    return status;
}

NTSTATUS WINAPI NtDeleteFile(POBJECT_ATTRIBUTES attributes)
{
    PROBE_OBJECT_ATTRIBUTES(attributes);
    struct host_stat st;
    char *path;
    NTSTATUS status = stat_by_name(attributes, &st, &path);
    /* NtDeleteFile opens the file for DELETE, sharing everything: an open that does not share delete
     * refuses it (DeleteFile of a file held without FILE_SHARE_DELETE, ERROR_SHARING_VIOLATION). */
    if (status == STATUS_SUCCESS && st.type == HOST_FT_FILE)
        status = IopCheckShareAccess(st.dev, st.ino, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE);
    if (status == STATUS_SUCCESS)
        status = st.type == HOST_FT_DIR ? host_rmdir(path) : host_unlink(path);
    free(path);
    return status;
}

/* ---- volume information ---------------------------------------------------------------------------- */

/*
 * The file system ntexec reports for a host one (statfs f_type; blocks = f_blocks, the cluster count on
 * FAT). FAT and exFAT are reported as what they are, with what they can do: names keep their case and
 * are Unicode, nothing more (no hard links, no ACLs). Every other file system (ext4, btrfs, xfs, tmpfs,
 * overlayfs, ...) is "NTFS", as programs expect of drive C:, with the NTFS abilities it really has here:
 * case-preserved Unicode names and hard links (link()). FAT12/16 versus FAT32 follows the cluster count,
 * as the FAT specification defines the type (under 65525 clusters is FAT, which Windows names "FAT").
 */
void IopFileSystemOf(uint64_t magic, uint64_t blocks, const WCHAR **name, ULONG *attributes)
{
    switch (magic) {
    case 0x4d44:       /* MSDOS_SUPER_MAGIC: vfat, msdos */
        *name = blocks < 65525 ? u"FAT" : u"FAT32";
        *attributes = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK;
        break;
    case 0x2011BAB0:   /* EXFAT_SUPER_MAGIC */
        *name = u"exFAT";
        *attributes = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK;
        break;
    default:
        *name = u"NTFS";
        *attributes = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_SUPPORTS_HARD_LINKS;
        break;
    }
}

/*
 * The volume serial number of the host file system behind a file. f_fsid is derived from the file
 * system's UUID on disk file systems, so the number is the same in every run and differs between file
 * systems: (serial, file index) then names one file, as on NTFS, which std::filesystem::equivalent
 * relies on. File systems without an fsid fall back to the device number.
 */
static ULONG volume_serial(const struct host_fsinfo *fs)
{
    uint64_t v = fs->fsid ? fs->fsid : fs->dev;
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdull;
    v ^= v >> 33;
    v *= 0xc4ceb9fe1a85ec53ull;
    v ^= v >> 33;
    return (ULONG)v ? (ULONG)v : 1;
}

/* The host file system of a file object (and its type): its fd, or for a builtin DLL (virtual System32)
 * drive C:. */
static NTSTATUS file_fsinfo(PFILE_OBJECT f, struct host_fsinfo *fs, uint64_t *magic)
{
    *magic = 0;
    if (f->Builtin) {
        const char *root = IoDriveHostRoot('C');
        NTSTATUS status = host_fsinfo(-1, root, fs);
        return status == STATUS_SUCCESS ? host_fs_type(-1, root, magic) : status;
    }
    if (f->Fd < 0 || f->Flags & FO_CONSOLE || f->HostType == HOST_FT_PIPE || f->HostType == HOST_FT_SOCKET ||
        f->HostType == HOST_FT_CHAR)
        return STATUS_INVALID_DEVICE_REQUEST;   /* consoles, pipes and devices are not on a volume */
    NTSTATUS status = host_fsinfo(f->Fd, NULL, fs);
    return status == STATUS_SUCCESS ? host_fs_type(f->Fd, NULL, magic) : status;
}

/* Bytes per sector and sectors per allocation unit for a block size (4096 -> 512 x 8, as NTFS). */
static void fs_geometry(const struct host_fsinfo *fs, ULONG *bytes_per_sector, ULONG *sectors_per_unit)
{
    uint64_t bs = fs->block_size ? fs->block_size : 512;
    if (bs >= 512 && bs % 512 == 0 && bs / 512 <= 0xFFFFFFFFu) {
        *bytes_per_sector = 512;
        *sectors_per_unit = (ULONG)(bs / 512);
    } else {
        *bytes_per_sector = bs <= 0xFFFFFFFFu ? (ULONG)bs : 512;
        *sectors_per_unit = 1;
    }
}

static NTSTATUS query_fs_device(PFILE_OBJECT f, PVOID info, ULONG length, ULONG *written)
{
    if (length < sizeof(FILE_FS_DEVICE_INFORMATION))
        return STATUS_INFO_LENGTH_MISMATCH;
    /* What GetFileType reports: a console, a pipe, or a disk file; /dev/null is a character device
     * (FILE_TYPE_CHAR) on Windows too. */
    FILE_FS_DEVICE_INFORMATION *d = info;
    d->Characteristics = 0;
    d->DeviceType = f->Flags & FO_CONSOLE                                          ? FILE_DEVICE_CONSOLE
                    : f->HostType == HOST_FT_PIPE || f->HostType == HOST_FT_SOCKET ? FILE_DEVICE_NAMED_PIPE
                    : f->HostType == HOST_FT_CHAR                                  ? FILE_DEVICE_NULL
                                                                                   : FILE_DEVICE_DISK;
    *written = sizeof *d;
    return STATUS_SUCCESS;
}

/* The variable-length classes end in a name; a buffer too small for it gets what fits and
 * STATUS_BUFFER_OVERFLOW, as NTFS answers. */
static NTSTATUS query_fs(PFILE_OBJECT f, PVOID info, ULONG length, ULONG info_class, ULONG *written)
{
    static const ULONG min_length[] = {
        [FileFsVolumeInformation] = sizeof(FILE_FS_VOLUME_INFORMATION),
        [FileFsSizeInformation] = sizeof(FILE_FS_SIZE_INFORMATION),
        [FileFsAttributeInformation] = sizeof(FILE_FS_ATTRIBUTE_INFORMATION),
        [FileFsFullSizeInformation] = sizeof(FILE_FS_FULL_SIZE_INFORMATION),
    };
    if (info_class == FileFsDeviceInformation)
        return query_fs_device(f, info, length, written);
    if (info_class >= ARRAY_SIZE(min_length) || !min_length[info_class])
        return STATUS_INVALID_INFO_CLASS;
    if (length < min_length[info_class])
        return STATUS_INFO_LENGTH_MISMATCH;
    struct host_fsinfo fs;
    uint64_t magic;
    NTSTATUS status = file_fsinfo(f, &fs, &magic);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG bps, spu;
    fs_geometry(&fs, &bps, &spu);
    switch (info_class) {
    case FileFsVolumeInformation: {
        /* no label, as a freshly installed C: */
        FILE_FS_VOLUME_INFORMATION *v = info;
        v->VolumeCreationTime.QuadPart = 0;
        v->VolumeSerialNumber = volume_serial(&fs);
        v->VolumeLabelLength = 0;
        v->SupportsObjects = FALSE;
        *written = offsetof(FILE_FS_VOLUME_INFORMATION, VolumeLabel);
        return STATUS_SUCCESS;
    }
    case FileFsSizeInformation: {
        FILE_FS_SIZE_INFORMATION *z = info;
        z->TotalAllocationUnits.QuadPart = (LONGLONG)fs.blocks;
        z->AvailableAllocationUnits.QuadPart = (LONGLONG)fs.blocks_avail;
        z->SectorsPerAllocationUnit = spu;
        z->BytesPerSector = bps;
        *written = sizeof *z;
        return STATUS_SUCCESS;
    }
    case FileFsFullSizeInformation: {
        FILE_FS_FULL_SIZE_INFORMATION *z = info;
        z->TotalAllocationUnits.QuadPart = (LONGLONG)fs.blocks;
        z->CallerAvailableAllocationUnits.QuadPart = (LONGLONG)fs.blocks_avail;
        z->ActualAvailableAllocationUnits.QuadPart = (LONGLONG)fs.blocks_free;
        z->SectorsPerAllocationUnit = spu;
        z->BytesPerSector = bps;
        *written = sizeof *z;
        return STATUS_SUCCESS;
    }
    default: {
        /* Lookups always ignore case, so FILE_CASE_SENSITIVE_SEARCH is never claimed; there are no ACLs,
         * streams or sparse-file controls (IopFileSystemOf). */
        FILE_FS_ATTRIBUTE_INFORMATION *a = info;
        const WCHAR *fs_name;
        ULONG attributes;
        IopFileSystemOf(magic, fs.blocks, &fs_name, &attributes);
        a->FileSystemAttributes = attributes | (fs.read_only ? FILE_READ_ONLY_VOLUME : 0);
        a->MaximumComponentNameLength = fs.name_max ? (LONG)fs.name_max : 255;
        ULONG room = length - (ULONG)offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName);
        ULONG bytes = (ULONG)(RtlpWcslen(fs_name) * sizeof(WCHAR));
        ULONG copy = bytes < room ? bytes : room & ~1u;
        memcpy(a->FileSystemName, fs_name, copy);
        a->FileSystemNameLength = copy;
        *written = (ULONG)offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName) + copy;
        return copy == bytes ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
    }
    }
}

NTSTATUS WINAPI NtQueryVolumeInformationFile(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length,
                                             ULONG info_class)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_WRITE(info, length);
    return query_by_handle(handle, io, info, length, info_class, query_fs);
}
