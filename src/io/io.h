/*
 * io: file objects over host file descriptors, the console, and the Windows path <-> host path mapping.
 * System32 is virtual: the builtin DLLs appear there as files whose bytes are synthesized PE images
 * (io/builtin.c), so the loader opens, maps and walks them exactly like DLLs on disk.
 */
#ifndef IO_IO_H
#define IO_IO_H

#include "host/host.h"
#include "nt/ntdef.h"
#include "ob/ob.h"

struct builtin_dll;

/* FILE_OBJECT.Flags */
#define FO_SYNCHRONOUS_IO 0x00000002
#define FO_DIRECTORY      0x00000100   /* ntexec: opened as a directory */
#define FO_CONSOLE        0x00000200   /* ntexec: a terminal */
#define FO_APPEND_ONLY    0x00000400   /* FILE_APPEND_DATA without FILE_WRITE_DATA */
#define FO_SET_ARCHIVE    0x00000800   /* ntexec: ARCHIVE is stored cleared; the first write sets it */
#define FO_PIPE_ROOT      0x00001000   /* ntexec: the named pipe file system itself ("\??\pipe\") */
#define FO_HOST_SOCKET    0x00002000   /* ntexec: a host socket Winsock does not serve (AF_UNIX from the host) */
#define FO_AFD_DEVICE     0x00004000   /* ntexec: \Device\Afd, for IOCTL_AFD_POLL (io/afdpoll.c) */

typedef struct _FILE_OBJECT {
    int Fd;                         /* -1 for virtual files */
    ULONG Flags;
    enum host_file_type HostType;
    UNICODE_STRING FileName;        /* DOS-style full path: C:\dir\file.exe */
    char *HostPath;                 /* resolved host path, NULL for pipes and std streams */
    ACCESS_MASK Access;
    ULONG ShareAccess;
    ULONG Options;                  /* FILE_* create options */
    BOOLEAN DeletePending;
    host_lock Lock;                 /* position updates of synchronous I/O */
    const struct builtin_dll *Builtin;
    const void *ImageData;          /* the bytes a section maps: mapped file or builtin image */
    size_t ImageSize;
    struct host_dir *Dir;           /* directory enumeration state (NtQueryDirectoryFile) */
    WCHAR *DirPattern;              /* the pattern of the first NtQueryDirectoryFile call */
    BOOLEAN ShareTracked;           /* counted in the share table (io/share.c) under ShareDev/ShareIno */
    uint64_t ShareDev, ShareIno;    /* the host file's identity */
    void *CompletionPort;           /* io/completion.c: the port completions go to (referenced), or NULL */
    ULONG_PTR CompletionKey;
    ULONG CompletionModes;          /* FILE_SKIP_* (SetFileCompletionNotificationModes) */
    struct io_pipe *Pipe;           /* io/pipe.c: a pipe's read end (its peek buffer), or NULL */
    struct io_npipe *NamedPipe;     /* io/namedpipe.c: either end of a named pipe instance, or NULL */
    struct io_socket *Socket;       /* io/afd.c: a Winsock socket's state, or NULL */
    struct host_dirwatch *Notify;   /* io/dirnotify.c: the directory's change watch, or NULL */
    volatile LONG NotifyPending;    /* io/dirnotify.c: overlapped requests a host thread waits for */
    ULONG NotifyFilter;             /* io/dirnotify.c: the watch's FILE_NOTIFY_CHANGE_* (its first call's) */
} FILE_OBJECT, *PFILE_OBJECT;

extern const OBJECT_TYPE *IoFileObjectType;

typedef struct _IO_STATUS_BLOCK {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

NTSTATUS IoInitializeFileSystem(void);
/* Where drive letter's root is on the host ("/" for C: unless the user chose another). */
NTSTATUS IoSetDriveRoot(WCHAR letter, const char *host_root);
/* The host directory a drive letter stands for, or NULL for a drive that is not mapped. */
const char *IoDriveHostRoot(WCHAR letter);
/* Drive C: as a volume: the name FindFirstVolume and GetVolumeNameForVolumeMountPoint report
 * ("\\?\" + this + "\\"); IoTranslatePath accepts it in place of "C:". */
#define IO_SYSTEM_VOLUME_NAME u"Volume{4e544558-0000-4000-8000-000000000043}"
/* Opens a file object without a handle (the kernel opening an image). nt_path: "\??\C:\x.exe". */
NTSTATUS IoOpenFileObject(PCUNICODE_STRING nt_path, ACCESS_MASK access, ULONG options, PFILE_OBJECT *file);
/* A file object for an inherited host fd (the standard handles of the first process). */
NTSTATUS IoCreateFileObjectForFd(int fd, ACCESS_MASK access, PFILE_OBJECT *file);
/* The bytes of the file, for an image section (mapped once, kept while the file object lives). */
NTSTATUS IoGetFileImageData(PFILE_OBJECT file, const void **data, size_t *size);
/* After a view has copied them: a host file's image bytes past the first keep (the headers, which the
 * loader reads again) stop counting in the process's resident memory (they are read back from the page
 * cache if needed again); a builtin image's memory is left alone. */
void IoReleaseFileImagePages(PFILE_OBJECT file, size_t keep);

/* Windows path (DOS "C:\x", NT "\??\C:\x", or "\x" on the current drive) -> host path, resolving each
 * component case-insensitively as NTFS would. The last component need not exist. Caller frees. */
NTSTATUS IoTranslatePath(PCUNICODE_STRING path, char **host_path);
/* Host absolute path -> DOS path on the drive whose root contains it ("C:\tmp\x"). Caller frees. */
NTSTATUS IoHostPathToDos(const char *host_path, WCHAR **dos_path);

/* ---- share access and byte-range locks (io/share.c) --------------------------------------------------------- */

NTSTATUS IopSetShareAccess(PFILE_OBJECT f, uint64_t dev, uint64_t ino);
NTSTATUS IopCheckShareAccess(uint64_t dev, uint64_t ino, ACCESS_MASK access, ULONG share);
void IopRemoveShareAccess(PFILE_OBJECT f);
NTSTATUS IopLockRange(PFILE_OBJECT f, uint64_t offset, uint64_t length, ULONG key, bool exclusive);
NTSTATUS IopUnlockRange(PFILE_OBJECT f, uint64_t offset, uint64_t length, ULONG key);
NTSTATUS IopCheckLockedRange(PFILE_OBJECT f, uint64_t offset, uint64_t length, bool write);

/* The DOS attributes kept in a file's extended attribute (io/fileinfo.c). */
bool IopReadDosAttributes(int fd, const char *path, ULONG *attributes);
NTSTATUS IopWriteDosAttributes(int fd, const char *path, bool directory, ULONG attributes);

/* The file system name and FILE_FS_ATTRIBUTE_INFORMATION attributes reported for a host file system type
 * (statfs f_type) of blocks clusters (io/fileinfo.c). */
void IopFileSystemOf(uint64_t magic, uint64_t blocks, const WCHAR **name, ULONG *attributes);

/* ---- the virtual System32 ------------------------------------------------------------------------------ */

/* The longest file name component, in UTF-16 units (NTFS's and FAT32's 255, as GetVolumeInformation
 * reports it). */
#define IO_MAX_COMPONENT 255

/* The system directory the builtin DLLs live in, as Windows names it. */
#define IO_SYSTEM_DIRECTORY u"C:\\Windows\\System32"

/* The builtin DLL called name (case-insensitive, ".dll" optional), or NULL. */
const struct builtin_dll *IoFindBuiltinDll(const char *name);
/* The synthesized PE image of a builtin DLL (built once, then shared). */
NTSTATUS IoGetBuiltinImage(const struct builtin_dll *dll, const void **data, size_t *size);
/* The image cache file holding dll's image (file offsets are RVAs, so it is also its views' layout), a
 * new fd; STATUS_NOT_SUPPORTED when the process built the image for itself alone. */
NTSTATUS IoGetBuiltinImageFile(const struct builtin_dll *dll, int *fd);

/* ---- Nt services ------------------------------------------------------------------------------------------ */

NTSTATUS WINAPI NtCreateFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, PIO_STATUS_BLOCK io,
                             PLARGE_INTEGER allocation_size, ULONG file_attributes, ULONG share_access,
                             ULONG disposition, ULONG options, PVOID ea_buffer, ULONG ea_length);
NTSTATUS WINAPI NtOpenFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, PIO_STATUS_BLOCK io,
                           ULONG share_access, ULONG options);
NTSTATUS WINAPI NtReadFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                           PVOID buffer, ULONG length, PLARGE_INTEGER offset, PULONG key);
NTSTATUS WINAPI NtWriteFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                            const void *buffer, ULONG length, PLARGE_INTEGER offset, PULONG key);
NTSTATUS WINAPI NtLockFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                           PLARGE_INTEGER offset, PLARGE_INTEGER length, ULONG key, BOOLEAN fail_immediately,
                           BOOLEAN exclusive);
NTSTATUS WINAPI NtUnlockFile(HANDLE handle, PIO_STATUS_BLOCK io, PLARGE_INTEGER offset, PLARGE_INTEGER length,
                             ULONG key);
NTSTATUS WINAPI NtFlushBuffersFile(HANDLE handle, PIO_STATUS_BLOCK io);
NTSTATUS WINAPI NtQueryInformationFile(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length, ULONG info_class);
NTSTATUS WINAPI NtSetInformationFile(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length, ULONG info_class);
NTSTATUS WINAPI NtQueryAttributesFile(POBJECT_ATTRIBUTES attributes, PVOID basic_info);
NTSTATUS WINAPI NtQueryFullAttributesFile(POBJECT_ATTRIBUTES attributes, PVOID network_open_info);
NTSTATUS WINAPI NtQueryDirectoryFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                                     PVOID info, ULONG length, ULONG info_class, BOOLEAN single_entry,
                                     PUNICODE_STRING pattern, BOOLEAN restart);
NTSTATUS WINAPI NtQueryVolumeInformationFile(HANDLE handle, PIO_STATUS_BLOCK io, PVOID info, ULONG length,
                                             ULONG info_class);
NTSTATUS WINAPI NtDeleteFile(POBJECT_ATTRIBUTES attributes);

/* ---- I/O completion ports (io/completion.c) ------------------------------------------------------------------- */

#define FileCompletionInformation               30
#define FileIoCompletionNotificationInformation 41
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE        0x2
#define IO_COMPLETION_ALL_ACCESS             0x001F0003

typedef struct _FILE_COMPLETION_INFORMATION {
    HANDLE Port;
    ULONG_PTR Key;
} FILE_COMPLETION_INFORMATION;

typedef struct _FILE_IO_COMPLETION_INFORMATION {
    ULONG_PTR CompletionKey;
    ULONG_PTR CompletionValue;
    IO_STATUS_BLOCK IoStatusBlock;
} FILE_IO_COMPLETION_INFORMATION;
static_assert(sizeof(FILE_IO_COMPLETION_INFORMATION) == 32, "FILE_IO_COMPLETION_INFORMATION");

extern const OBJECT_TYPE *IoCompletionObjectType;
NTSTATUS IopPostCompletion(void *port, ULONG_PTR key, ULONG_PTR context, NTSTATUS status, ULONG_PTR information);
/* NtSetInformationFile's FileCompletionInformation and FileIoCompletionNotificationInformation. */
NTSTATUS IopSetCompletionInformation(PFILE_OBJECT f, const void *info, ULONG length, ULONG info_class);
/* Drops the file's port reference (file deletion). */
void IopDeleteCompletionContext(PFILE_OBJECT f);
/* A read or write completed (synchronously): set event, post to the file's port when apc_context is given. */
void IopCompleteRequest(PFILE_OBJECT f, HANDLE event, PVOID apc_context, NTSTATUS status, ULONG_PTR information);
/* A read or write with an APC routine completed: queue it to the current thread. */
void IopQueueCompletionApc(PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io, NTSTATUS status);

NTSTATUS WINAPI NtCreateIoCompletion(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                     ULONG concurrency);
NTSTATUS WINAPI NtSetIoCompletion(HANDLE handle, ULONG_PTR key, ULONG_PTR context, NTSTATUS status,
                                  ULONG_PTR information);
NTSTATUS WINAPI NtRemoveIoCompletion(HANDLE handle, PULONG_PTR key, PULONG_PTR context, PIO_STATUS_BLOCK io,
                                     PLARGE_INTEGER timeout);
NTSTATUS WINAPI NtRemoveIoCompletionEx(HANDLE handle, FILE_IO_COMPLETION_INFORMATION *info, ULONG count,
                                       PULONG removed, PLARGE_INTEGER timeout, BOOLEAN alertable);
NTSTATUS WINAPI NtQueryIoCompletion(HANDLE handle, ULONG info_class, PVOID info, ULONG length, PULONG returned);

/* ---- anonymous pipes (io/pipe.c) --------------------------------------------------------------------------- */

/* A pipe as two file objects over one host pipe, inserted as handles (attributes: OBJ_INHERIT). */
NTSTATUS IoCreateAnonymousPipe(HANDLE *read, HANDLE *write, ULONG attributes);
/* PeekNamedPipe: copies up to size waiting bytes without consuming them; *available counts all waiting
 * bytes. STATUS_PIPE_BROKEN when the pipe is empty and every write end closed. */
NTSTATUS IoPeekPipe(HANDLE handle, void *buffer, ULONG size, ULONG *copied, ULONG *available);
/* NtReadFile on a pipe's read end: the peeked bytes first, else a (blocking) host read. */
NTSTATUS IopReadPipe(PFILE_OBJECT f, void *buffer, size_t length, size_t *done);
void IopDeletePipe(PFILE_OBJECT f);
/* Makes f a pipe's read end (its peek state), for a read end that crossed into a child host. */
NTSTATUS IopInitializePipeReadEnd(PFILE_OBJECT f);
/* CancelIoEx of a named pipe's pending overlapped connect (STATUS_NOT_FOUND when none is pending). */
NTSTATUS IopCancelNamedPipeIo(PFILE_OBJECT f);
NTSTATUS WINAPI NtCancelIoFileEx(HANDLE handle, PIO_STATUS_BLOCK request, PIO_STATUS_BLOCK io);
NTSTATUS WINAPI NtCancelIoFile(HANDLE handle, PIO_STATUS_BLOCK io);
/* Cancels the directory-change requests pending on f (io/dirnotify.c): STATUS_NOT_FOUND when none. */
NTSTATUS IopCancelNotify(PFILE_OBJECT f);
NTSTATUS WINAPI NtNotifyChangeDirectoryFile(HANDLE handle, HANDLE event, PVOID apc, PVOID apc_context,
                                            PIO_STATUS_BLOCK io, PVOID buffer, ULONG length, ULONG filter,
                                            BOOLEAN subtree);

/* A file object as it crosses into a child host (io/inherit.c): the host fd goes with the fields below. */
struct io_file_description {
    ACCESS_MASK Access;
    ULONG Flags, HostType, Options, ShareAccess;
    BOOLEAN PipeReadEnd;
    UNICODE_STRING FileName;     /* may be empty */
    const char *HostPath;        /* may be NULL */
};
/* What a child host needs to rebuild f; FALSE for file objects without a host fd (builtin images). */
BOOLEAN IoDescribeFileObject(PFILE_OBJECT f, struct io_file_description *d);
/* The file object of a child host for an inherited fd (duplicated: the caller keeps fd). */
NTSTATUS IoCreateInheritedFileObject(int fd, const struct io_file_description *d, PFILE_OBJECT *file);

/* ---- named pipes (io/namedpipe.c) ------------------------------------------------------------------------------ */

/* CreateNamedPipe's parameters, as Win32 gives them. */
struct io_npipe_params {
    ULONG OpenMode, PipeMode, MaxInstances, OutBuffer, InBuffer, DefaultTimeout;
};
/* Is nt_path "\??\pipe\NAME" or "\Device\NamedPipe\NAME"? *name points at NAME. */
bool IopIsNamedPipePath(PCUNICODE_STRING nt_path, const WCHAR **name, size_t *units);
/* A new server instance of the pipe, inserted as a handle (attributes: OBJ_INHERIT); *information is
 * FILE_CREATED for the pipe's first instance, FILE_OPENED for another. */
NTSTATUS IoCreateNamedPipe(PCUNICODE_STRING nt_path, const struct io_npipe_params *params, ULONG attributes,
                           HANDLE *handle, ULONG_PTR *information);
/* The NT path of a name opened relative to root, a handle of the pipe file system or of a server end
 * (io/namedpipe.c); create: an empty name makes a new unique one. Free path->Buffer with free(). */
NTSTATUS IopRelativePipePath(PFILE_OBJECT root, PCUNICODE_STRING name, bool create, UNICODE_STRING *path);
NTSTATUS WINAPI NtCreateNamedPipeFile(PHANDLE handle, ULONG access, POBJECT_ATTRIBUTES attributes,
                                      PIO_STATUS_BLOCK io, ULONG share, ULONG disposition, ULONG options,
                                      ULONG type, ULONG read_mode, ULONG completion, ULONG max_instances,
                                      ULONG in_quota, ULONG out_quota, PLARGE_INTEGER timeout);
/* The client end: f (being opened by NtCreateFile, its Access set) connects to a listening instance.
 * STATUS_OBJECT_NAME_NOT_FOUND without one, STATUS_PIPE_NOT_AVAILABLE when every instance is busy. */
NTSTATUS IopOpenNamedPipe(PFILE_OBJECT f, const WCHAR *name, size_t units);
/* ConnectNamedPipe: with io, an overlapped wait (STATUS_PENDING; io completed, event set and apc_context
 * posted to the file's completion port later); STATUS_PIPE_CONNECTED when the client came first. */
NTSTATUS IoConnectNamedPipe(HANDLE handle, HANDLE event, PIO_STATUS_BLOCK io, PVOID apc_context);
NTSTATUS IoDisconnectNamedPipe(HANDLE handle);
/* WaitNamedPipe: until an instance listens (STATUS_IO_TIMEOUT after ms; 0 the pipe's default, ~0 forever). */
NTSTATUS IoWaitNamedPipe(PCUNICODE_STRING nt_path, ULONG ms);
/* PeekNamedPipe on a named pipe (STATUS_OBJECT_TYPE_MISMATCH for any other handle). */
NTSTATUS IoPeekNamedPipe(HANDLE handle, void *buffer, ULONG size, ULONG *copied, ULONG *available, ULONG *left);
NTSTATUS IoQueryNamedPipe(HANDLE handle, ULONG *flags, ULONG *out_size, ULONG *in_size, ULONG *max);
/* SetNamedPipeHandleState's mode: PIPE_READMODE_MESSAGE (2), PIPE_NOWAIT (1). */
NTSTATUS IoSetNamedPipeMode(HANDLE handle, ULONG mode);
NTSTATUS IopReadNamedPipe(PFILE_OBJECT f, void *buffer, size_t length, size_t *done);
NTSTATUS IopWriteNamedPipe(PFILE_OBJECT f, const void *buffer, size_t length, size_t *done);
void IopDeleteNamedPipe(PFILE_OBJECT f);

#endif
