/*
 * Processes in other host processes (docs/DESIGN.md, "Child processes"). Private to ps/.
 *
 * A guest's CreateProcess starts a new ntexec host (the child host) that performs the kernel half of
 * NtCreateUserProcess in itself. Two pieces of memory cross between the hosts:
 *  - the creation message (a memfd, the child's fd 3): the parameters, the environment, the image path and
 *    the inherited handles; the host fds behind those handles are the child's fds 5, 6, ...;
 *  - the process record (a memfd named PSP_RECORD_NAME, the child's fd 4, kept open so that OpenProcess
 *    can find it through /proc): what every holder of a handle to the process must see (ready, exit
 *    status, times, the PEB's address) and a mailbox through which a holder asks the child host to act
 *    on its process (suspend, resume, contexts, virtual memory), answered by the child host's first thread.
 */
#ifndef PS_REMOTE_H
#define PS_REMOTE_H

#include "io/io.h"
#include "ps/psp.h"

#define PSP_RECORD_NAME "ntexec-process"
#define PSP_RECORD_MAGIC 0x5052544eu   /* "NTRP" */
#define PSP_MESSAGE_MAGIC 0x4d43544eu  /* "NTCM" */

/* The child's fds. */
#define PSP_CHILD_MESSAGE_FD 3
#define PSP_CHILD_RECORD_FD 4
#define PSP_CHILD_FIRST_HANDLE_FD 5

enum psp_request {
    PSP_REQUEST_SUSPEND = 1,
    PSP_REQUEST_RESUME,
    PSP_REQUEST_GET_CONTEXT,
    PSP_REQUEST_SET_CONTEXT,
    PSP_REQUEST_ALLOCATE,    /* Args: base, size, type, protect -> Results: base, size */
    PSP_REQUEST_FREE,        /* Args: base, size, type -> Results: base, size */
    PSP_REQUEST_PROTECT,     /* Args: base, size, protect -> Results: base, size, old protect */
    PSP_REQUEST_QUERY,       /* Args: base -> Info */
    PSP_REQUEST_INSERT_FILE, /* Args: source pid, source fd, access, attributes; File -> Results: handle */
    PSP_REQUEST_DESCRIBE_HANDLE, /* Args: handle -> File, Results: fd, access, attributes */
    PSP_REQUEST_CLOSE_HANDLE,    /* Args: handle */
};

struct psp_process_record {
    uint32_t Magic;
    volatile uint32_t Ready;          /* futex: 1 once the child host has built the process (or failed) */
    NTSTATUS CreateStatus;            /* the child host's NtCreateUserProcess result */
    uint32_t ProcessId, ParentId, InitialThreadId;
    volatile LONG ExitStatus;         /* STATUS_PENDING while the process runs */
    LONGLONG CreateTime, ExitTime;
    ULONGLONG KernelTime, UserTime;   /* at exit */
    ULONGLONG PebBaseAddress, ImageBaseAddress, InitialTebAddress, AffinityMask;
    ULONG ImageSubsystem;
    USHORT ImageFileNameLength;       /* bytes */
    WCHAR ImageFileName[520];
    /* The mailbox: RequestLock (0 free, 1 held, 2 held with waiters) makes one request at a time. */
    volatile uint32_t RequestLock;
    volatile uint32_t RequestSeq, ReplySeq;
    volatile uint32_t Serving;        /* the request being answered (== ReplySeq once answered) */
    ULONG Op, ThreadId;
    NTSTATUS Status;
    ULONG64 Args[4], Results[3];
    MEMORY_BASIC_INFORMATION Info;
    struct {                          /* PSP_REQUEST_INSERT_FILE: the file object's description */
        ULONG Flags, HostType, Options, ShareAccess, PipeReadEnd;
        USHORT NameLength;            /* bytes of Name */
        WCHAR Name[520];
        char HostPath[1024];          /* "" for none */
    } File;
    CONTEXT Context __attribute__((aligned(16)));
};

/* One inherited handle in the creation message; its fd is PSP_CHILD_FIRST_HANDLE_FD + its index. */
struct psp_message_handle {
    ULONG64 Value;
    ULONG Access, Attributes;
    ULONG FileFlags, HostType, Options, ShareAccess;
    ULONG PipeReadEnd;
    ULONG NameOffset, NameLength;      /* FileName (UTF-16), bytes */
    ULONG HostPathOffset;              /* UTF-8, NUL-terminated; 0: none */
};

struct psp_message {
    uint32_t Magic, Size;
    uint32_t ParentId;
    int32_t TraceFd, TraceJsonFd;      /* the child's fds of the parent's trace files, -1: not tracing */
    uint32_t TraceChain, TraceKinds;   /* the chain tree on; the line traces on (ke/trace.h) */
    char TraceApiFilter[256];          /* --trace=api's patterns */
    ULONG ProcessFlags, ThreadFlags, ProcessAttributes, ThreadAttributes;
    ULONG ImageOffset, ImageLength;    /* the NT path of the image, UTF-16 bytes */
    ULONG ParamsOffset, ParamsLength;  /* RTL_USER_PROCESS_PARAMETERS, denormalized */
    ULONG EnvOffset, EnvLength;
    ULONG DriveRootOffset;             /* host directory of C:, UTF-8 */
    ULONG64 NtdllBase;                 /* the parent's ntdll: the child maps its own there */
    ULONG ConsoleRootId;               /* the console's root host (GenerateConsoleCtrlEvent) */
    ULONG HandleCount, HandlesOffset;  /* struct psp_message_handle[HandleCount] */
};

/* Creating a process in a child host (NtCreateUserProcess for a guest parent). */
NTSTATUS PspCreateChildHostProcess(PEPROCESS parent, PCUNICODE_STRING image, PRTL_USER_PROCESS_PARAMETERS params,
                                   ULONG process_flags, ULONG thread_flags, const HANDLE *handle_list,
                                   SIZE_T handle_list_count, POBJECT_ATTRIBUTES process_attributes,
                                   POBJECT_ATTRIBUTES thread_attributes, PHANDLE process_handle,
                                   PHANDLE thread_handle);
/* A request to the host of remote process p (thread tid for thread requests); record fields in and out
 * are the mailbox's. */
NTSTATUS PspRemoteRequest(PEPROCESS p, enum psp_request op, ULONG tid, const ULONG64 args[4], ULONG64 results[3],
                          CONTEXT *context, MEMORY_BASIC_INFORMATION *info);
/* A file object's description into / out of the record's mailbox (under its lock). */
void PspPutFileDescription(struct psp_process_record *r, const struct io_file_description *d);
void PspGetFileDescription(struct psp_process_record *r, ACCESS_MASK access, struct io_file_description *d);
/* The exit status of a process in any host. */
LONG PspProcessExitStatus(PEPROCESS p);
NTSTATUS PspTerminateRemoteProcess(PEPROCESS p, NTSTATUS status);
/* NtOpenProcess of a pid that is not this host's process. */
NTSTATUS PspOpenRemoteProcess(ULONG pid, PEPROCESS *process);

#endif
