/*
 * File objects and the file services: NtCreateFile/NtOpenFile, NtReadFile/NtWriteFile, information
 * queries. A file object owns a host fd (or, for a builtin DLL in the virtual System32, its image bytes).
 * All I/O is synchronous; the position of a file object is the fd's.
 */
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "io/afd.h"
#include "io/io.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "ps/ps.h"
#include "rtl/rtl.h"

static void file_delete(void *object)
{
    PFILE_OBJECT f = object;
    IopRemoveShareAccess(f);
    IopDeleteCompletionContext(f);
    IopDeletePipe(f);
    IopDeleteNamedPipe(f);
    IopDeleteSocket(f);
    if (f->DeletePending && f->HostPath) {
        if (f->Flags & FO_DIRECTORY)
            host_rmdir(f->HostPath);
        else
            host_unlink(f->HostPath);
    }
    if (f->ImageData && !f->Builtin)
        host_unmap_file(f->ImageData, f->ImageSize);
    if (f->Dir)
        host_dir_close(f->Dir);
    if (f->Notify)
        host_dirwatch_close(f->Notify);
    if (f->Fd >= 0)
        host_close(f->Fd);
    free(f->FileName.Buffer);
    free(f->HostPath);
    free(f->DirPattern);
}

/* The last handle's close ends a socket's pending requests (io/afdio.c) and the IOCTL_AFD_POLLs issued on
 * an AFD device or a socket, as Windows cancels a file's IRPs at its cleanup. */
static void file_close(void *object, ULONG remaining_handles)
{
    PFILE_OBJECT f = object;
    if (remaining_handles)
        return;
    IopCloseSocket(f);
    if ((f->Flags & FO_AFD_DEVICE) || f->Socket)
        IopCancelAfdPolls(f, NULL, false);
}

static const OBJECT_TYPE file_type = {"File", file_delete, file_close};
const OBJECT_TYPE *IoFileObjectType = &file_type;

NTSTATUS IoInitializeFileSystem(void)
{
    return STATUS_SUCCESS;
}

static NTSTATUS new_file_object(PFILE_OBJECT *out)
{
    PFILE_OBJECT f;
    NTSTATUS status = ObCreateObject(IoFileObjectType, sizeof *f, (void **)&f);
    if (status != STATUS_SUCCESS)
        return status;
    f->Fd = -1;
    f->Flags = FO_SYNCHRONOUS_IO;
    *out = f;
    return STATUS_SUCCESS;
}

NTSTATUS IoCreateFileObjectForFd(int fd, ACCESS_MASK access, PFILE_OBJECT *file)
{
    *file = NULL;
    struct host_stat st;
    NTSTATUS status = host_fstat(fd, &st);
    if (status != STATUS_SUCCESS)
        return status;
    PFILE_OBJECT f;
    status = new_file_object(&f);
    if (status != STATUS_SUCCESS)
        return status;
    status = host_dup(fd, &f->Fd);
    if (status != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    f->HostType = st.type;
    f->Access = access;
    if (st.type == HOST_FT_CHAR && host_isatty(fd))
        f->Flags |= FO_CONSOLE;
    *file = f;
    return STATUS_SUCCESS;
}

NTSTATUS IoGetFileImageData(PFILE_OBJECT file, const void **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    host_lock_acquire(&file->Lock);
    NTSTATUS status = STATUS_SUCCESS;
    if (!file->ImageData) {
        if (file->Builtin)
            status = IoGetBuiltinImage(file->Builtin, &file->ImageData, &file->ImageSize);
        else if (file->Fd >= 0 && file->HostType == HOST_FT_FILE)
            status = host_map_file(file->Fd, &file->ImageData, &file->ImageSize);
        else
            status = STATUS_INVALID_FILE_FOR_SECTION;
    }
    if (status == STATUS_SUCCESS && !file->ImageData)
        status = STATUS_INVALID_FILE_FOR_SECTION;  /* an empty file */
    *data = file->ImageData;
    *size = file->ImageSize;
    host_lock_release(&file->Lock);
    return status;
}

void IoReleaseFileImagePages(PFILE_OBJECT file, size_t keep)
{
    size_t page = host_page_size();
    keep = (keep + page - 1) & ~(page - 1);
    host_lock_acquire(&file->Lock);
    if (file->ImageData && !file->Builtin && file->ImageSize > keep)
        host_release_file_pages((const uint8_t *)file->ImageData + keep, file->ImageSize - keep);
    host_lock_release(&file->Lock);
}

/* ---- opening --------------------------------------------------------------------------------------- */

/* The DOS form of an NT path ("\??\C:\x" -> "C:\x"), pointing into the same buffer. */
static void dos_form(PCUNICODE_STRING nt, const WCHAR **p, size_t *units)
{
    *p = nt->Buffer;
    *units = nt->Length / sizeof(WCHAR);
    if (*units >= 4 && (*p)[0] == '\\' && (*p)[1] == '?' && (*p)[2] == '?' && (*p)[3] == '\\') {
        *p += 4;
        *units -= 4;
    }
}

/* Whether a DOS path names a file directly in the system directory (C:\Windows\System32\<name>). */
static bool in_system_directory(const WCHAR *p, size_t units)
{
    static const WCHAR sysdir[] = IO_SYSTEM_DIRECTORY u"\\";
    size_t n = ARRAY_SIZE(sysdir) - 1;
    if (units <= n || RtlCompareUnicodeStrings(p, n, sysdir, n, TRUE) != 0)
        return false;
    for (size_t i = n; i < units; i++)
        if (p[i] == '\\' || p[i] == '/')
            return false;
    return true;
}

/* A builtin DLL addressed through the system directory: C:\Windows\System32\<name>. */
static const struct builtin_dll *system32_builtin(const WCHAR *p, size_t units)
{
    static const WCHAR sysdir[] = IO_SYSTEM_DIRECTORY u"\\";
    size_t n = ARRAY_SIZE(sysdir) - 1;
    if (!in_system_directory(p, units))
        return NULL;
    char name[64];
    if (units - n >= sizeof name)
        return NULL;
    for (size_t i = n; i < units; i++) {
        if (p[i] >= 0x80)
            return NULL;
        name[i - n] = (char)p[i];
    }
    name[units - n] = 0;
    return IoFindBuiltinDll(name);
}

static ACCESS_MASK map_generic(ACCESS_MASK access)
{
    if (access & GENERIC_READ)
        access |= FILE_GENERIC_READ;
    if (access & GENERIC_WRITE)
        access |= FILE_GENERIC_WRITE;
    if (access & GENERIC_EXECUTE)
        access |= FILE_GENERIC_EXECUTE;
    if (access & GENERIC_ALL)
        access |= FILE_ALL_ACCESS;
    return access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
}

/* The host open flags for a disposition, given whether the file exists. */
static NTSTATUS open_flags(ULONG disposition, bool exists, bool writing, unsigned *flags, ULONG_PTR *information)
{
    *flags = 0;
    switch (disposition) {
    case FILE_OPEN:
        if (!exists)
            return STATUS_OBJECT_NAME_NOT_FOUND;
        *information = FILE_OPENED;
        break;
    case FILE_CREATE:
        if (exists)
            return STATUS_OBJECT_NAME_COLLISION;
        *flags = HOST_O_CREATE | HOST_O_EXCL;
        *information = FILE_CREATED;
        break;
    case FILE_OPEN_IF:
        *flags = exists ? 0 : HOST_O_CREATE;
        *information = exists ? FILE_OPENED : FILE_CREATED;
        break;
    case FILE_OVERWRITE:
        if (!exists)
            return STATUS_OBJECT_NAME_NOT_FOUND;
        *flags = HOST_O_TRUNC;
        *information = FILE_OVERWRITTEN;
        break;
    case FILE_OVERWRITE_IF:
    case FILE_SUPERSEDE:
        *flags = exists ? HOST_O_TRUNC : HOST_O_CREATE;
        *information = exists ? (disposition == FILE_SUPERSEDE ? FILE_SUPERSEDED : FILE_OVERWRITTEN) : FILE_CREATED;
        break;
    default:
        return STATUS_INVALID_PARAMETER;
    }
    if ((*flags & (HOST_O_CREATE | HOST_O_TRUNC)) && !writing)
        *flags |= HOST_O_WRITE;  /* creating needs a writable open even for a read-only handle */
    return STATUS_SUCCESS;
}

static NTSTATUS open_directory(PFILE_OBJECT f, const char *path, bool exists, ULONG disposition,
                               ULONG_PTR *information)
{
    if (!exists) {
        if (disposition != FILE_CREATE && disposition != FILE_OPEN_IF)
            return STATUS_OBJECT_NAME_NOT_FOUND;
        NTSTATUS status = host_mkdir(path);
        if (status != STATUS_SUCCESS)
            return status;
        *information = FILE_CREATED;
    } else {
        if (disposition == FILE_CREATE)
            return STATUS_OBJECT_NAME_COLLISION;
        *information = FILE_OPENED;
    }
    f->Flags |= FO_DIRECTORY;
    f->HostType = HOST_FT_DIR;
    return host_open(path, HOST_O_READ | HOST_O_DIRECTORY, 0, &f->Fd);
}

/*
 * The stored DOS attributes of a file just opened: a created or overwritten file takes the caller's
 * attributes plus ARCHIVE (CreateFile's rule); a file opened for writing whose ARCHIVE is cleared gets
 * it back at its first write, as NTFS marks a changed file. A created file whose HIDDEN or SYSTEM
 * cannot be stored is removed again: the open fails rather than leave a visible file behind.
 */
static NTSTATUS file_dos_attributes(PFILE_OBJECT f, ULONG file_attributes, ULONG_PTR information)
{
    ULONG stored;
    if (information == FILE_CREATED &&
        !(file_attributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_TEMPORARY)))
        return STATUS_SUCCESS;   /* the default: ARCHIVE, no extended attribute */
    if (information == FILE_CREATED || information == FILE_OVERWRITTEN || information == FILE_SUPERSEDED) {
        NTSTATUS status = IopWriteDosAttributes(f->Fd, NULL, false, file_attributes | FILE_ATTRIBUTE_ARCHIVE);
        if (status != STATUS_SUCCESS && information == FILE_CREATED)
            f->DeletePending = TRUE;
        return status;
    }
    if ((f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) && IopReadDosAttributes(f->Fd, NULL, &stored) &&
        !(stored & FILE_ATTRIBUTE_ARCHIVE))
        f->Flags |= FO_SET_ARCHIVE;
    return STATUS_SUCCESS;
}

static NTSTATUS open_file(PFILE_OBJECT f, const char *path, const struct host_stat *st, bool exists,
                          ULONG disposition, ULONG file_attributes, ULONG_PTR *information)
{
    bool reading = f->Access & (FILE_READ_DATA | FILE_EXECUTE);
    bool writing = f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA);
    unsigned flags;
    NTSTATUS status = open_flags(disposition, exists, writing, &flags, information);
    if (status != STATUS_SUCCESS)
        return status;
    if (exists && !st->writable && (writing || (flags & HOST_O_TRUNC)))
        return STATUS_ACCESS_DENIED;   /* FILE_ATTRIBUTE_READONLY */
    flags |= writing ? HOST_O_WRITE : 0;
    flags |= reading || !writing ? HOST_O_READ : 0;
    if ((f->Access & FILE_APPEND_DATA) && !(f->Access & FILE_WRITE_DATA)) {
        flags |= HOST_O_APPEND;
        f->Flags |= FO_APPEND_ONLY;
    }
    /* An existing file is checked against its other opens before it is opened, so that a refused
     * FILE_OVERWRITE truncates nothing; a file this open creates has no other opens. */
    if (exists && st->type == HOST_FT_FILE && (status = IopSetShareAccess(f, st->dev, st->ino)) != STATUS_SUCCESS)
        return status;
    unsigned mode = file_attributes & FILE_ATTRIBUTE_READONLY ? 0444 : 0666;
    status = host_open(path, flags, mode, &f->Fd);
    if (status != STATUS_SUCCESS)
        return status;
    struct host_stat now;
    if (host_fstat(f->Fd, &now) == STATUS_SUCCESS) {
        f->HostType = now.type;
        if (!f->ShareTracked && now.type == HOST_FT_FILE)
            status = IopSetShareAccess(f, now.dev, now.ino);
    }
    if (status != STATUS_SUCCESS)
        return status;
    if (f->HostType == HOST_FT_CHAR && host_isatty(f->Fd))
        f->Flags |= FO_CONSOLE;
    return f->HostType == HOST_FT_FILE ? file_dos_attributes(f, file_attributes, *information) : STATUS_SUCCESS;
}

/* For a host path that does not exist: STATUS_OBJECT_PATH_NOT_FOUND when its directory is missing too (or
 * is not a directory), a path error as Windows reports it, STATUS_SUCCESS when only the last name is. */
NTSTATUS IopCheckParent(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return STATUS_SUCCESS;
    char *parent = malloc((size_t)(slash - path) + 1);
    if (!parent)
        return STATUS_NO_MEMORY;
    memcpy(parent, path, (size_t)(slash - path));
    parent[slash - path] = 0;
    struct host_stat st;
    NTSTATUS status = host_stat(parent, &st);
    free(parent);
    if (status != STATUS_SUCCESS)
        return STATUS_OBJECT_PATH_NOT_FOUND;
    return st.type == HOST_FT_DIR ? STATUS_SUCCESS : STATUS_OBJECT_PATH_NOT_FOUND;
}

/* Special DOS device names (NUL, CON, CONIN$, CONOUT$) -> the host node behind them. */
static const char *device_path(const WCHAR *p, size_t units)
{
    static const struct {
        const WCHAR *name;
        const char *host;
    } devices[] = {{u"NUL", "/dev/null"}, {u"CON", "/dev/tty"}, {u"CONIN$", "/dev/tty"}, {u"CONOUT$", "/dev/tty"}};
    /* "\\.\NUL", "C:\dir\NUL" and bare "NUL" all name the device. */
    size_t start = units;
    while (start > 0 && p[start - 1] != '\\' && p[start - 1] != '/')
        start--;
    for (size_t i = 0; i < ARRAY_SIZE(devices); i++) {
        size_t n = RtlpWcslen(devices[i].name);
        if (units - start == n && RtlCompareUnicodeStrings(p + start, n, devices[i].name, n, TRUE) == 0)
            return devices[i].host;
    }
    return NULL;
}

static NTSTATUS create_file_object(PCUNICODE_STRING name, ACCESS_MASK access, ULONG file_attributes, ULONG share,
                                   ULONG disposition, ULONG options, PFILE_OBJECT *out, ULONG_PTR *information)
{
    const WCHAR *p;
    size_t units;
    dos_form(name, &p, &units);
    PFILE_OBJECT f;
    NTSTATUS status = new_file_object(&f);
    if (status != STATUS_SUCCESS)
        return status;
    f->Access = map_generic(access);
    f->ShareAccess = share;
    f->Options = options;
    status = ObCaptureUnicodeString(&f->FileName, p, units * sizeof(WCHAR));
    const struct builtin_dll *builtin = status == STATUS_SUCCESS ? system32_builtin(p, units) : NULL;
    const char *device = builtin ? NULL : device_path(p, units);
    const WCHAR *pipe_name;
    size_t pipe_units;
    if (status != STATUS_SUCCESS) {
    } else if (IopIsNamedPipePath(name, &pipe_name, &pipe_units) && !pipe_units) {
        f->Flags |= FO_PIPE_ROOT;   /* the pipe file system: a root for pipes created or opened relative to it */
        *information = FILE_OPENED;
    } else if (IopIsNamedPipePath(name, &pipe_name, &pipe_units)) {
        status = IopOpenNamedPipe(f, pipe_name, pipe_units);   /* \\.\pipe\NAME: io/namedpipe.c */
        *information = FILE_OPENED;
    } else if (IopIsAfdDevicePath(p, units)) {
        f->Flags |= FO_AFD_DEVICE;   /* no host file: its polls wait in io/afdpoll.c */
        *information = FILE_OPENED;
    } else if (builtin) {
        f->Builtin = builtin;
        *information = FILE_OPENED;
        if (f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE) || disposition != FILE_OPEN)
            status = disposition == FILE_CREATE ? STATUS_OBJECT_NAME_COLLISION : STATUS_ACCESS_DENIED;
    } else if (device) {
        unsigned flags = (f->Access & FILE_READ_DATA ? HOST_O_READ : 0) |
                         (f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA) ? HOST_O_WRITE : 0);
        status = host_open(device, flags ? flags : HOST_O_READ, 0, &f->Fd);
        f->HostType = HOST_FT_CHAR;
        if (status == STATUS_SUCCESS && host_isatty(f->Fd))
            f->Flags |= FO_CONSOLE;
        *information = FILE_OPENED;
    } else {
        status = IoTranslatePath(name, &f->HostPath);
        struct host_stat st;
        bool exists = status == STATUS_SUCCESS && host_stat(f->HostPath, &st) == STATUS_SUCCESS;
        if (status == STATUS_SUCCESS && !exists && in_system_directory(p, units)) {
            /* The virtual System32 holds the builtin DLLs only (the host may have no such directory): any
             * other name is a file it lacks, and one it cannot create, as for a standard user. */
            status = disposition == FILE_OPEN || disposition == FILE_OVERWRITE ? STATUS_OBJECT_NAME_NOT_FOUND
                                                                                : STATUS_ACCESS_DENIED;
        } else if (status == STATUS_SUCCESS && !exists) {
            status = IopCheckParent(f->HostPath);
        }
        if (status != STATUS_SUCCESS) {
        } else if (exists && st.type == HOST_FT_DIR && (options & FILE_NON_DIRECTORY_FILE)) {
            status = STATUS_FILE_IS_A_DIRECTORY;
        } else if ((exists && st.type == HOST_FT_DIR) || (options & FILE_DIRECTORY_FILE)) {
            status = exists && st.type != HOST_FT_DIR ? STATUS_NOT_A_DIRECTORY
                                                      : open_directory(f, f->HostPath, exists, disposition, information);
        } else {
            status = open_file(f, f->HostPath, &st, exists, disposition, file_attributes, information);
        }
        if (status == STATUS_SUCCESS && (options & FILE_DELETE_ON_CLOSE))
            f->DeletePending = TRUE;
    }
    if (status != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    *out = f;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCreateFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, PIO_STATUS_BLOCK io,
                             PLARGE_INTEGER allocation_size, ULONG file_attributes, ULONG share_access,
                             ULONG disposition, ULONG options, PVOID ea_buffer, ULONG ea_length)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    PROBE_FOR_WRITE(io, sizeof *io);
    if (allocation_size)
        PROBE_FOR_READ(allocation_size, sizeof *allocation_size);
    PROBE_OBJECT_ATTRIBUTES(attributes);
    (void)allocation_size;
    (void)ea_buffer;
    (void)ea_length;
    if (!handle || !attributes || !attributes->ObjectName || !io)
        return STATUS_INVALID_PARAMETER;
    *handle = NULL;
    if ((options & FILE_DIRECTORY_FILE) && (options & FILE_NON_DIRECTORY_FILE))
        return STATUS_INVALID_PARAMETER;
    PFILE_OBJECT f;
    ULONG_PTR information = 0;
    PCUNICODE_STRING name = attributes->ObjectName;
    UNICODE_STRING relative = {0, 0, NULL};
    NTSTATUS status = STATUS_SUCCESS;
    if (attributes->RootDirectory) {
        /* Relative to a handle: only the named pipe file system and pipes are roots (a pipe's client end
         * is its server end's handle with no name); other roots are not looked at. */
        PFILE_OBJECT root;
        if (ObReferenceObjectByHandle(attributes->RootDirectory, IoFileObjectType, (void **)&root) == STATUS_SUCCESS) {
            if ((root->Flags & FO_PIPE_ROOT) || root->NamedPipe) {
                status = IopRelativePipePath(root, attributes->ObjectName, false, &relative);
                name = &relative;
            }
            ObDereferenceObject(root);
        }
    }
    if (status == STATUS_SUCCESS)
        status = create_file_object(name, access, file_attributes, share_access, disposition, options, &f,
                                    &information);
    free(relative.Buffer);
    if (status == STATUS_SUCCESS) {
        status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, f, f->Access, attributes->Attributes, handle);
        ObDereferenceObject(f);
    }
    io->Status = status;
    io->Information = status == STATUS_SUCCESS ? information
                      : status == STATUS_OBJECT_NAME_COLLISION ? FILE_EXISTS : FILE_DOES_NOT_EXIST;
    return status;
}

NTSTATUS WINAPI NtOpenFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, PIO_STATUS_BLOCK io,
                           ULONG share_access, ULONG options)
{
    return NtCreateFile(handle, access, attributes, io, NULL, 0, share_access, FILE_OPEN, options, NULL, 0);
}

/* ---- reading and writing --------------------------------------------------------------------------------- */

static NTSTATUS reference_file(HANDLE handle, PFILE_OBJECT *file)
{
    return ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)file);
}

static bool explicit_offset(const LARGE_INTEGER *offset)
{
    return offset && offset->QuadPart != FILE_USE_FILE_POINTER_POSITION && offset->QuadPart >= 0;
}

/* The byte range an I/O touches must not be locked against it (another file object's lock, or a shared
 * lock for a write): STATUS_FILE_LOCK_CONFLICT, as FsRtlCheckLockForReadAccess/WriteAccess answer. */
static NTSTATUS check_locks(PFILE_OBJECT f, const LARGE_INTEGER *offset, ULONG length, bool write)
{
    if (!f->ShareTracked || !length)
        return STATUS_SUCCESS;
    uint64_t start = 0;
    struct host_stat st;
    if (explicit_offset(offset) && !(write && (f->Flags & FO_APPEND_ONLY)))
        start = (uint64_t)offset->QuadPart;
    else if (write && ((f->Flags & FO_APPEND_ONLY) || (offset && offset->QuadPart == FILE_WRITE_TO_END_OF_FILE)))
        start = host_fstat(f->Fd, &st) == STATUS_SUCCESS ? st.size : 0;
    else if (host_seek(f->Fd, 0, 1, &start) != STATUS_SUCCESS)
        return STATUS_SUCCESS;
    return IopCheckLockedRange(f, start, length, write);
}

/* A file opened for synchronous I/O keeps its current position after a transfer at an explicit offset, as
 * NT's I/O manager does (ReadFile/WriteFile with an OVERLAPPED offset on a synchronous handle move the file
 * pointer past the bytes moved); an asynchronous one has no position to keep. */
static void advance_position(PFILE_OBJECT f, const LARGE_INTEGER *offset, size_t done, NTSTATUS status)
{
    if ((status == STATUS_SUCCESS || status == STATUS_END_OF_FILE) && f->HostType == HOST_FT_FILE &&
        (f->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)))
        host_seek(f->Fd, (int64_t)(offset->QuadPart + (LONGLONG)done), 0, NULL);
}

NTSTATUS WINAPI NtReadFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                           PVOID buffer, ULONG length, PLARGE_INTEGER offset, PULONG key)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_WRITE(buffer, length);
    if (offset)
        PROBE_FOR_READ(offset, sizeof *offset);
    (void)key;
    if (!io)
        return STATUS_ACCESS_VIOLATION;
    io->Information = 0;
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status != STATUS_SUCCESS)
        return io->Status = status;
    /* An APC routine and a completion port exclude each other (IopXxxControlFile's rule). */
    if (apc && f->CompletionPort) {
        ObDereferenceObject(f);
        return STATUS_INVALID_PARAMETER;
    }
    if ((f->Access & FILE_READ_DATA) && f->HostType == HOST_FT_SOCKET && IopSocketState(f) == STATUS_SUCCESS) {
        status = IopSocketTransfer(f, false, event, apc, apc_context, io, buffer, length);
        ObDereferenceObject(f);
        return status;
    }
    size_t done = 0;
    if (!(f->Access & FILE_READ_DATA))
        status = STATUS_ACCESS_DENIED;
    else if (f->NamedPipe)
        status = IopReadNamedPipe(f, buffer, length, &done);
    else if (f->Flags & FO_DIRECTORY)
        status = STATUS_INVALID_DEVICE_REQUEST;
    else if (f->Fd < 0)
        status = STATUS_INVALID_HANDLE;
    else if ((status = check_locks(f, offset, length, false)) != STATUS_SUCCESS)
        ;
    else if (f->Pipe)
        status = IopReadPipe(f, buffer, length, &done);
    else if (explicit_offset(offset)) {
        status = host_pread(f->Fd, buffer, length, (uint64_t)offset->QuadPart, &done);
        advance_position(f, offset, done, status);
    } else
        status = host_read(f->Fd, buffer, length, &done);
    /* End of data: a file says STATUS_END_OF_FILE, a pipe whose writers are gone STATUS_PIPE_BROKEN;
     * a console read of zero bytes (Ctrl-D) succeeds with nothing, as Ctrl-Z does on Windows. */
    if (status == STATUS_SUCCESS && done == 0 && length > 0) {
        if (f->HostType == HOST_FT_SOCKET && !f->NamedPipe)
            ;   /* ReadFile on a socket the peer shut down: TRUE with no bytes, as recv returns 0 */
        else if (f->HostType == HOST_FT_PIPE || f->HostType == HOST_FT_SOCKET)
            status = STATUS_PIPE_BROKEN;
        else if (f->HostType == HOST_FT_FILE)
            status = STATUS_END_OF_FILE;
    }
    io->Information = done;
    io->Status = status;
    IopCompleteRequest(f, event, apc ? NULL : apc_context, status, done);
    IopQueueCompletionApc(apc, apc_context, io, status);
    if (apc && status == STATUS_END_OF_FILE && !(f->Options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT))) {
        /* An asynchronous read with a completion routine (ReadFileEx) that finds the end of the file completes
         * through the routine with ERROR_HANDLE_EOF, as Microsoft's ReadFileEx page describes the end of file
         * ("the call to GetOverlappedResult for that operation returns FALSE and GetLastError returns
         * ERROR_HANDLE_EOF"): the request is pending to its caller. */
        KeQueueUserApc(PsGetCurrentThread(), (PKNORMAL_ROUTINE)apc, (ULONG_PTR)apc_context, (ULONG_PTR)io, 0);
        status = STATUS_PENDING;
    }
    ObDereferenceObject(f);
    return status;
}

NTSTATUS WINAPI NtWriteFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                            const void *buffer, ULONG length, PLARGE_INTEGER offset, PULONG key)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_WRITE_FILE_BUFFER(buffer, length);
    if (offset)
        PROBE_FOR_READ(offset, sizeof *offset);
    (void)key;
    if (!io)
        return STATUS_ACCESS_VIOLATION;
    io->Information = 0;
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status != STATUS_SUCCESS)
        return io->Status = status;
    /* An APC routine and a completion port exclude each other (IopXxxControlFile's rule). */
    if (apc && f->CompletionPort) {
        ObDereferenceObject(f);
        return STATUS_INVALID_PARAMETER;
    }
    if ((f->Access & FILE_WRITE_DATA) && f->HostType == HOST_FT_SOCKET && IopSocketState(f) == STATUS_SUCCESS) {
        status = IopSocketTransfer(f, true, event, apc, apc_context, io, (void *)buffer, length);
        ObDereferenceObject(f);
        return status;
    }
    size_t done = 0;
    if (!(f->Access & (FILE_WRITE_DATA | FILE_APPEND_DATA)))
        status = STATUS_ACCESS_DENIED;
    else if (f->NamedPipe)
        status = IopWriteNamedPipe(f, buffer, length, &done);
    else if (f->Fd < 0 || (f->Flags & FO_DIRECTORY))
        status = STATUS_INVALID_HANDLE;
    else if ((status = check_locks(f, offset, length, true)) != STATUS_SUCCESS)
        ;
    else if (offset && offset->QuadPart == FILE_WRITE_TO_END_OF_FILE)
        status = host_seek(f->Fd, 0, 2, NULL) == STATUS_SUCCESS ? host_write(f->Fd, buffer, length, &done)
                                                                 : STATUS_INVALID_PARAMETER;
    else if (explicit_offset(offset) && !(f->Flags & FO_APPEND_ONLY)) {
        status = host_pwrite(f->Fd, buffer, length, (uint64_t)offset->QuadPart, &done);
        advance_position(f, offset, done, status);
    }
    else
        status = host_write(f->Fd, buffer, length, &done);
    if (done && (f->Flags & FO_SET_ARCHIVE)) {
        ULONG stored;
        f->Flags &= ~FO_SET_ARCHIVE;
        if (IopReadDosAttributes(f->Fd, NULL, &stored))
            IopWriteDosAttributes(f->Fd, NULL, false, stored | FILE_ATTRIBUTE_ARCHIVE);
    }
    io->Information = done;
    io->Status = status;
    IopCompleteRequest(f, event, apc ? NULL : apc_context, status, done);
    IopQueueCompletionApc(apc, apc_context, io, status);
    ObDereferenceObject(f);
    return status;
}

/*
 * Byte-range locks (LockFile/LockFileEx). The handle needs read or write access. Without
 * fail_immediately the caller waits until the range can be locked: I/O is synchronous here, so the
 * thread polls the lock table (a lock is released by another thread's NtUnlockFile or close).
 */
NTSTATUS WINAPI NtLockFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                           PLARGE_INTEGER offset, PLARGE_INTEGER length, ULONG key, BOOLEAN fail_immediately,
                           BOOLEAN exclusive)
{
    (void)event;
    (void)apc;
    (void)apc_context;
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_READ(offset, sizeof *offset);
    PROBE_FOR_READ(length, sizeof *length);
    io->Information = 0;
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status != STATUS_SUCCESS)
        return io->Status = status;
    if (!(f->Access & (FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA)))
        status = STATUS_ACCESS_DENIED;
    else if (offset->QuadPart < 0 || length->QuadPart < 0)
        status = STATUS_INVALID_LOCK_RANGE;
    else if (!f->ShareTracked)
        status = STATUS_INVALID_DEVICE_REQUEST;   /* not a disk file */
    else
        while ((status = IopLockRange(f, (uint64_t)offset->QuadPart, (uint64_t)length->QuadPart, key, exclusive)) ==
                   STATUS_LOCK_NOT_GRANTED && !fail_immediately)
            host_sleep_ns(10 * 1000 * 1000);
    ObDereferenceObject(f);
    return io->Status = status;
}

NTSTATUS WINAPI NtUnlockFile(HANDLE handle, PIO_STATUS_BLOCK io, PLARGE_INTEGER offset, PLARGE_INTEGER length,
                             ULONG key)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PROBE_FOR_READ(offset, sizeof *offset);
    PROBE_FOR_READ(length, sizeof *length);
    io->Information = 0;
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status != STATUS_SUCCESS)
        return io->Status = status;
    status = IopUnlockRange(f, (uint64_t)offset->QuadPart, (uint64_t)length->QuadPart, key);
    ObDereferenceObject(f);
    return io->Status = status;
}

/* The pending requests of f (request NULL: all; thread_only: the calling thread's) end STATUS_CANCELLED. */
static NTSTATUS cancel_io(PFILE_OBJECT f, PIO_STATUS_BLOCK request, bool thread_only)
{
    if (f->NamedPipe)
        return IopCancelNamedPipeIo(f);
    if (f->Socket) {
        NTSTATUS transfers = IopCancelSocketIo(f, request, thread_only);
        NTSTATUS polls = IopCancelAfdPolls(f, request, thread_only);   /* IOCTL_AFD_POLLs issued on it */
        return transfers == STATUS_SUCCESS ? transfers : polls;
    }
    if (f->Flags & FO_AFD_DEVICE)
        return IopCancelAfdPolls(f, request, thread_only);
    return IopCancelNotify(f);
}

/*
 * NtCancelIoFileEx: file reads and writes complete before the call that started them returns (they are
 * synchronous underneath), so the operations that can still be pending are a named pipe's overlapped
 * connect, a directory's change request and a socket's overlapped transfers; anything else has nothing to
 * cancel (STATUS_NOT_FOUND, ERROR_NOT_FOUND).
 */
NTSTATUS WINAPI NtCancelIoFileEx(HANDLE handle, PIO_STATUS_BLOCK request, PIO_STATUS_BLOCK io)
{
    if (io)
        PROBE_FOR_WRITE(io, sizeof *io);
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status == STATUS_SUCCESS) {
        status = cancel_io(f, request, false);
        ObDereferenceObject(f);
    }
    if (io && status == STATUS_SUCCESS) {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

/* NtCancelIoFile (CancelIo): cancels the calling thread's requests on the file; having none is no failure,
 * unlike NtCancelIoFileEx, which reports STATUS_NOT_FOUND when it finds nothing to cancel. */
NTSTATUS WINAPI NtCancelIoFile(HANDLE handle, PIO_STATUS_BLOCK io)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status == STATUS_SUCCESS) {
        status = cancel_io(f, NULL, true);
        ObDereferenceObject(f);
    }
    if (status == STATUS_NOT_FOUND)
        status = STATUS_SUCCESS;
    if (status == STATUS_SUCCESS) {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

NTSTATUS WINAPI NtFlushBuffersFile(HANDLE handle, PIO_STATUS_BLOCK io)
{
    PROBE_FOR_WRITE(io, sizeof *io);
    PFILE_OBJECT f;
    NTSTATUS status = reference_file(handle, &f);
    if (status == STATUS_SUCCESS) {
        if (f->HostType == HOST_FT_FILE)
            status = host_fsync(f->Fd);
        ObDereferenceObject(f);
    }
    if (io) {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

NTSTATUS IoOpenFileObject(PCUNICODE_STRING nt_path, ACCESS_MASK access, ULONG options, PFILE_OBJECT *file)
{
    ULONG_PTR information;
    *file = NULL;
    return create_file_object(nt_path, access, 0, FILE_SHARE_READ | FILE_SHARE_DELETE, FILE_OPEN, options, file,
                              &information);
}
