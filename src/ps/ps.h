/*
 * ps: processes and threads. One NT process is one host process; EPROCESS describes it (and, for
 * handles to other processes, their recorded state). Every NT thread is a host thread with a TEB in
 * guest memory, a guest stack and GS = TEB.
 */
#ifndef PS_PS_H
#define PS_PS_H

#include <setjmp.h>

#include "ke/ke.h"
#include "nt/memory.h"
#include "nt/peb.h"
#include "ob/ob.h"

struct mm_address_space;
struct _SECTION;

typedef struct _TOKEN {
    ULONG Uid;             /* the host user; its SID: SeUidToSid (src/se) */
    WCHAR UserName[64];
} TOKEN;

struct _EPROCESS {
    DISPATCHER_HEADER Header;      /* signaled when the process has exited */
    ULONG UniqueProcessId;
    ULONG InheritedFromUniqueProcessId;
    HANDLE_TABLE ObjectTable;
    struct mm_address_space *AddressSpace;
    struct _SECTION *SectionObject;   /* the exe's image section */
    PVOID SectionBaseAddress;        /* where the exe is mapped */
    PVOID NtdllBase;
    PPEB Peb;
    TOKEN Token;
    UNICODE_STRING ImageFileName;    /* full Windows path of the exe */
    char ImageName[16];              /* EPROCESS.ImageFileName: the first 15 bytes of the base name */
    volatile LONG ExitStatus;        /* STATUS_PENDING (= STILL_ACTIVE) while running */
    LARGE_INTEGER CreateTime, ExitTime;
    host_lock ThreadListLock;
    LIST_ENTRY ThreadListHead;
    ULONG ActiveThreads;
    volatile LONG Terminating;       /* NtTerminateProcess(NULL) has run: no new thread starts */
    struct _ETHREAD *TerminatingThread;   /* the thread that ran it (the one ExitProcess goes on on) */
    /* Processes of other hosts (ps/spawn.c): Remote ones are described by Record, shared with the host
     * that runs them, and watched through PidFd. A child host's own process has a Record too. */
    BOOLEAN Remote;
    struct psp_process_record *Record;
    int PidFd;
    struct _ETHREAD *RemoteInitialThread;  /* its initial thread, when this host created it */
};

struct _ETHREAD {
    DISPATCHER_HEADER Header;      /* signaled when the thread has exited */
    CLIENT_ID Cid;
    PEPROCESS Process;
    PTEB Teb;
    PVOID StackBase;               /* top of the guest stack (exclusive) */
    PVOID StackLimit;              /* lowest usable address */
    PVOID StackAllocation;         /* the whole reservation, guard page included */
    SIZE_T StackAllocationSize;
    CONTEXT *InitialContext;       /* KiInitializeContextThread's result; GetThreadContext while suspended */
    PVOID StartAddress;
    volatile LONG ExitStatus;
    volatile LONG SuspendCount;
    volatile uint32_t ResumeWord;  /* futex the creator releases on ResumeThread */
    LIST_ENTRY ThreadListEntry;
    LIST_ENTRY OwnedMutants;
    LARGE_INTEGER CreateTime, ExitTime;
    jmp_buf HostFrame;             /* where the host thread returns when the NT thread ends */
    BOOLEAN IsSystemThread;        /* the ntexec shell's thread: no guest code runs on it */
    BOOLEAN Remote;                /* a thread of a Remote process (requests go to its host) */
    BOOLEAN HostThreadStarted;
    volatile uint32_t Stopped;     /* set by the host thread once it has stopped for good (host_thread_park) */
    BOOLEAN DisablePriorityBoost;  /* SetThreadPriorityBoost */
    LONG BasePriority;             /* relative to the process class: -2..2, or +-16 (saturated) */
    ULONG_PTR Affinity;            /* SetThreadAffinityMask's mask; 0 = the process's */
    UNICODE_STRING ThreadName;     /* ThreadNameInformation (SetThreadDescription); Buffer is malloc'd */
    /* ke/wait.c, ke/apc.c (under the dispatcher lock) */
    struct _KWAIT *WaitState;      /* the wait the thread is in (its wait blocks), NULL when running */
    struct _KAPC *UserApcHead, *UserApcTail;   /* queued user APCs, oldest first */
    BOOLEAN Alerted;               /* NtAlertThread, consumed by an alertable wait or NtTestAlert */
    /* Suspension (ps/thread.c, "Suspending a running thread" in docs/DESIGN.md). SuspendLock (a kernel
     * lock) orders SuspendCount's changes with Running and with the parked context. */
    host_lock SuspendLock;
    BOOLEAN Running;               /* past the start hold: a suspension now needs the signal */
    BOOLEAN SuspendContextSet;     /* NtSetContextThread changed SuspendContext: applied at the release */
    volatile uint32_t SuspendParked;   /* futex: 1 while parked with SuspendContext */
    volatile uint32_t SuspendRelease;  /* futex: bumped when the count reaches 0 */
    CONTEXT *SuspendContext;       /* while parked: its context as NtGetContextThread shows it */
};

extern const OBJECT_TYPE *PsProcessType;
extern const OBJECT_TYPE *PsThreadType;
/* The System process (pid 4): owner of the ntexec shell's thread and its handles. */
extern PEPROCESS PsInitialSystemProcess;

PEPROCESS PsGetCurrentProcess(void);
PETHREAD PsGetCurrentThread(void);

/* Boots the kernel half in this host process: object types, KUSER_SHARED_DATA, faults, the System
 * process, and an NT thread (with a TEB) for the calling host thread, so the shell can call Win32. */
NTSTATUS PsInitializeSystem(void);
/* Virtual memory services on a process of another host, done by that host (ps/spawn.c). args and results
 * as NtAllocate/Free/ProtectVirtualMemory's: base, size, type or protection; results: base, size, old. */
enum ps_remote_memory { PS_REMOTE_ALLOCATE, PS_REMOTE_FREE, PS_REMOTE_PROTECT, PS_REMOTE_QUERY };
NTSTATUS PsRemoteMemoryRequest(PEPROCESS p, enum ps_remote_memory op, const ULONG64 args[4], ULONG64 results[3],
                               MEMORY_BASIC_INFORMATION *info);
/* DuplicateHandle into a process of another host (file objects only; others STATUS_NOT_SUPPORTED). */
NTSTATUS PsInsertHandleInRemote(PEPROCESS p, void *object, ACCESS_MASK access, ULONG attributes, HANDLE *handle);
/* The shell's last step once it has created the first process: makes the process reachable from other hosts
 * (its record) and answers their requests until the process ends, which ends this host. */
_Noreturn void PsServeProcess(HANDLE process, HANDLE thread);
/* DuplicateHandle out of a process of another host: its file object (the fd taken with pidfd_getfd) into table
 * (NULL: none), the source closed there with DUPLICATE_CLOSE_SOURCE. */
NTSTATUS PsTakeHandleFromRemote(PEPROCESS p, HANDLE source, HANDLE_TABLE *table, ACCESS_MASK access,
                                ULONG attributes, ULONG options, HANDLE *target);
/* `ntexec --child`: the host of a process a guest created (ps/childhost.c); returns only on failure. */
int PsRunChildHost(void);

/* Creation attributes of NtCreateUserProcess (PS_ATTRIBUTE_LIST), the subset ntexec uses. */
#define PS_ATTRIBUTE_IMAGE_NAME 0x00020005
#define PS_ATTRIBUTE_CLIENT_ID  0x00010003
#define PS_ATTRIBUTE_IMAGE_INFO 0x00000006
/* RTL_USER_PROCESS_PARAMETERS.ProcessGroupId of a CREATE_NEW_PROCESS_GROUP child, replaced by its pid. */
#define PS_NEW_PROCESS_GROUP 0xFFFFFFFFu
/* RTL_USER_PROCESS_PARAMETERS.ConsoleHandle of a DETACHED_PROCESS child (kernelbase's value). */
#define PS_CONSOLE_DETACHED ((HANDLE)(LONG_PTR)-1)
#define PS_ATTRIBUTE_HANDLE_LIST 0x00020012   /* the only handles a child inherits (HANDLE[Size / 8]) */

typedef struct _PS_ATTRIBUTE {
    ULONG_PTR Attribute;
    SIZE_T Size;
    union {
        ULONG_PTR Value;
        PVOID ValuePtr;
    };
    PSIZE_T ReturnLength;
} PS_ATTRIBUTE;

typedef struct _PS_ATTRIBUTE_LIST {
    SIZE_T TotalLength;
    PS_ATTRIBUTE Attributes[4];
} PS_ATTRIBUTE_LIST;

/* PS_CREATE_INFO reduced to what ntexec reports back: the failure state and the image's facts. */
typedef struct _PS_CREATE_INFO {
    SIZE_T Size;
    ULONG State;                   /* 0 initial, PsCreateFailOnSectionCreate, PsCreateSuccess, ... */
    NTSTATUS ImageStatus;          /* why the image was refused, when it was */
    ULONG_PTR ImageBase;
    ULONG ImageSubsystem;
} PS_CREATE_INFO;

#define PROCESS_CREATE_FLAGS_INHERIT_HANDLES 0x00000004
#define THREAD_CREATE_FLAGS_CREATE_SUSPENDED 0x00000001

typedef struct _SECTION_IMAGE_INFORMATION {
    PVOID TransferAddress;
    ULONG ZeroBits;
    SIZE_T MaximumStackSize;
    SIZE_T CommittedStackSize;
    ULONG SubSystemType;
    USHORT SubSystemMinorVersion, SubSystemMajorVersion;
    ULONG GpValue;
    USHORT ImageCharacteristics, DllCharacteristics;
    USHORT Machine;
    BOOLEAN ImageContainsCode;
    UCHAR ImageFlags;
    ULONG LoaderFlags, ImageFileSize, CheckSum;
} SECTION_IMAGE_INFORMATION;

NTSTATUS WINAPI NtCreateUserProcess(PHANDLE process_handle, PHANDLE thread_handle, ACCESS_MASK process_access,
                                    ACCESS_MASK thread_access, POBJECT_ATTRIBUTES process_attributes,
                                    POBJECT_ATTRIBUTES thread_attributes, ULONG process_flags, ULONG thread_flags,
                                    PRTL_USER_PROCESS_PARAMETERS parameters, PS_CREATE_INFO *create_info,
                                    PS_ATTRIBUTE_LIST *attributes);
NTSTATUS WINAPI NtCreateThreadEx(PHANDLE thread_handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                 HANDLE process, PVOID start, PVOID param, ULONG flags, SIZE_T zero_bits,
                                 SIZE_T stack_commit, SIZE_T stack_reserve, PVOID attribute_list);
NTSTATUS WINAPI NtTerminateProcess(HANDLE process, NTSTATUS status);
NTSTATUS WINAPI NtTerminateThread(HANDLE thread, NTSTATUS status);
NTSTATUS WINAPI NtResumeThread(HANDLE thread, PULONG previous);
NTSTATUS WINAPI NtSuspendThread(HANDLE thread, PULONG previous);
/* The basic information classes, which kernel32 reads too (GetProcessId, GetExitCodeThread, ...). */
typedef struct _PROCESS_BASIC_INFORMATION {
    NTSTATUS ExitStatus;
    PPEB PebBaseAddress;
    ULONG_PTR AffinityMask;
    LONG BasePriority;
    ULONG_PTR UniqueProcessId;
    ULONG_PTR InheritedFromUniqueProcessId;
} PROCESS_BASIC_INFORMATION;
static_assert(sizeof(PROCESS_BASIC_INFORMATION) == 48, "PROCESS_BASIC_INFORMATION");

#define ProcessBasicInformation 0

typedef struct _THREAD_BASIC_INFORMATION {
    NTSTATUS ExitStatus;
    PVOID TebBaseAddress;
    CLIENT_ID ClientId;
    ULONG_PTR AffinityMask;
    LONG Priority;
    LONG BasePriority;
} THREAD_BASIC_INFORMATION;
static_assert(sizeof(THREAD_BASIC_INFORMATION) == 48, "THREAD_BASIC_INFORMATION");

#define ThreadBasicInformation 0
#define ThreadTimes            1
#define ThreadPriority         2
#define ThreadBasePriority     3
#define ThreadAffinityMask     4
#define ThreadZeroTlsCell      10
#define ThreadPriorityBoost    14
#define ProcessAffinityMask    21
#define ProcessTimes           4

typedef struct _KERNEL_USER_TIMES {
    LARGE_INTEGER CreateTime, ExitTime, KernelTime, UserTime;
} KERNEL_USER_TIMES;

NTSTATUS WINAPI NtOpenProcess(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, PCLIENT_ID cid);
NTSTATUS WINAPI NtQueryInformationProcess(HANDLE process, ULONG info_class, PVOID info, ULONG length,
                                          PULONG return_length);
NTSTATUS WINAPI NtQueryInformationThread(HANDLE thread, ULONG info_class, PVOID info, ULONG length,
                                         PULONG return_length);
NTSTATUS WINAPI NtSetInformationThread(HANDLE thread, ULONG info_class, PVOID info, ULONG length);
NTSTATUS WINAPI NtGetContextThread(HANDLE thread, PCONTEXT ctx);
NTSTATUS WINAPI NtSetContextThread(HANDLE thread, const CONTEXT *ctx);
NTSTATUS WINAPI NtSetInformationProcess(HANDLE process, ULONG info_class, PVOID info, ULONG length);

NTSTATUS WINAPI NtRaiseHardError(NTSTATUS status, ULONG count, ULONG string_mask, PULONG_PTR params, ULONG option,
                                 PULONG response);

/* Internal stages (the names of ARCHITECTURE.md §1). */
NTSTATUS PspAllocateProcess(PEPROCESS parent, struct _SECTION *section, PCUNICODE_STRING image_path,
                            BOOLEAN inherit_handles, PEPROCESS *process);
NTSTATUS PspCreateThread(PEPROCESS process, PVOID start, PVOID param, BOOLEAN suspended, SIZE_T stack_reserve,
                         SIZE_T stack_commit, BOOLEAN initial_thread, PETHREAD *thread);
NTSTATUS MmCreatePeb(PEPROCESS process, PRTL_USER_PROCESS_PARAMETERS parameters);
/* Ends the current thread (RtlExitUserThread's kernel half); the last thread ends the process. */
_Noreturn void PspExitThread(NTSTATUS status);
/* Stops every other thread of the current process for good (NtTerminateProcess(NULL)). */
void PspTerminateOtherThreads(NTSTATUS status);
/* Ends the current process now, after the loader's shutdown has run (ExitProcess' last step). */
_Noreturn void PspExitProcess(NTSTATUS status);

#endif
