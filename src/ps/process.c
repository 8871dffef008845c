/* EPROCESS: allocation (PspAllocateProcess), the PEB (MmCreatePeb), termination and queries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/probe.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "ps/remote.h"
#include "rtl/rtl.h"
#include "se/se.h"

static void process_delete(void *object)
{
    PEPROCESS p = object;
    if (p->Remote)
        PspDeleteRemoteProcess(p);
    /* This host's own process ends with the host; only a process that never ran is taken apart here. */
    if (p->AddressSpace && p->ExitStatus == STATUS_PENDING && !p->ActiveThreads)
        MmDeleteAddressSpace(p);
    free(p->ImageFileName.Buffer);
    if (p->SectionObject)
        ObDereferenceObject(p->SectionObject);
}

static const OBJECT_TYPE process_type = {"Process", process_delete, NULL};
const OBJECT_TYPE *PsProcessType = &process_type;

PEPROCESS PsInitialSystemProcess;
PVOID PspSystemDllBase;

NTSTATUS PspCreateProcessObject(ULONG pid, PEPROCESS *process)
{
    PEPROCESS p;
    NTSTATUS status = ObCreateObject(PsProcessType, sizeof *p, (void **)&p);
    if (status != STATUS_SUCCESS)
        return status;
    KeInitializeDispatcherHeader(&p->Header, DispatcherProcess, 0);
    p->UniqueProcessId = pid;
    p->ExitStatus = STATUS_PENDING;
    p->PidFd = -1;
    p->CreateTime.QuadPart = (LONGLONG)host_system_time();
    InitializeListHead(&p->ThreadListHead);
    ObInitializeHandleTable(&p->ObjectTable);
    p->Token.Uid = host_getuid();
    const char *user = host_user_name();
    for (size_t i = 0; user[i] && i + 1 < ARRAY_SIZE(p->Token.UserName); i++)
        p->Token.UserName[i] = (WCHAR)(unsigned char)user[i];
    *process = p;
    return STATUS_SUCCESS;
}

static size_t wcslen16(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

/* "hello.exe" of "C:\dir\hello.exe", truncated to 15 bytes like EPROCESS.ImageFileName. */
static void set_image_name(PEPROCESS p, PCUNICODE_STRING path)
{
    char base[96];
    RtlpBaseNameUtf8(base, sizeof base, path);
    memcpy(p->ImageName, base, sizeof p->ImageName - 1);   /* truncated to 15 bytes, as EPROCESS does */
    p->ImageName[sizeof p->ImageName - 1] = 0;
    /* Without memory the process has no ImageFileName; its creation goes on. */
    ObCaptureUnicodeString(&p->ImageFileName, path->Buffer, path->Length);
}

/* Maps one image view for the kernel (NtMapViewOfSection's work, without a handle). */
static NTSTATUS map_view(PEPROCESS p, PSECTION section, PVOID *base)
{
    SIZE_T size;
    *base = NULL;
    NTSTATUS status = MmMapViewOfImageSection(p, section, base, &size);
    return status == STATUS_IMAGE_NOT_AT_BASE ? STATUS_SUCCESS : status;
}

/*
 * PspAllocateProcess: the EPROCESS of a new process and its address space, with the exe and ntdll
 * mapped. On failure nothing of the process remains.
 */
NTSTATUS PspAllocateProcess(PEPROCESS parent, PSECTION section, PCUNICODE_STRING image_path, BOOLEAN inherit_handles,
                            PEPROCESS *process)
{
    *process = NULL;
    int trace = TRACE_BEGIN("PspAllocateProcess");
    PEPROCESS p;
    NTSTATUS status = PspCreateProcessObject(host_getpid(), &p);
    if (status != STATUS_SUCCESS)
        goto out;
    /* The shell (the System process) stands for the host's own parent, so a guest sees its real parent. */
    p->InheritedFromUniqueProcessId = parent == PsInitialSystemProcess ? host_getppid() : parent->UniqueProcessId;
    set_image_name(p, image_path);
    if (KeTraceEnabled) {
        char title[128];
        snprintf(title, sizeof title, "%s (pid %u, parent %u)", p->ImageName, p->UniqueProcessId,
                 p->InheritedFromUniqueProcessId);
        KeTraceSetProcessTitle(title);
    }
    ObReferenceObject(section);
    p->SectionObject = section;
    if (inherit_handles) {
        status = ObDuplicateInheritableHandles(&parent->ObjectTable, &p->ObjectTable);
        if (status != STATUS_SUCCESS)
            goto out_deref;
    }
    int mm_trace = TRACE_BEGIN("MmCreateAddressSpace");
    status = MmCreateAddressSpace(p);
    TRACE_END(mm_trace, "KUSER_SHARED_DATA at 0x%llx", (unsigned long long)MM_SHARED_USER_DATA_VA);
    if (status != STATUS_SUCCESS)
        goto out_deref;
    status = map_view(p, section, &p->SectionBaseAddress);
    if (status != STATUS_SUCCESS)
        goto out_deref;
    /* ntdll is at the same address in every process of a boot on Windows: a child host maps it where its
     * parent has it (PspSystemDllBase), when that range is free. */
    if (PspSystemDllBase) {
        SIZE_T size;
        p->NtdllBase = PspSystemDllBase;
        status = MmMapViewOfImageSection(p, PspSystemDllSection, &p->NtdllBase, &size);
        if (status == STATUS_IMAGE_NOT_AT_BASE)
            status = STATUS_SUCCESS;
        if (status != STATUS_SUCCESS)
            p->NtdllBase = NULL;
    }
    if (!p->NtdllBase)
        status = map_view(p, PspSystemDllSection, &p->NtdllBase);
    if (status != STATUS_SUCCESS)
        goto out_deref;
    status = PspLookupSystemDllEntryPoints(p->NtdllBase);
    if (status != STATUS_SUCCESS)
        goto out_deref;
    *process = p;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    WCHAR sid_text[200];
    char sid_utf8[200];
    SeUidToSid(p->Token.Uid, sid);
    RtlpSidToString(sid, sid_text, ARRAY_SIZE(sid_text));
    RtlpUnicodeToUtf8Z(sid_utf8, sizeof sid_utf8, sid_text, wcslen16(sid_text));
    TRACE_END(trace, "pid %u, parent %u, %u inherited handles, token %s (%s)", p->UniqueProcessId,
              p->InheritedFromUniqueProcessId, p->ObjectTable.HandleCount, sid_utf8, host_user_name());
    return STATUS_SUCCESS;
out_deref:
    ObKillHandleTable(&p->ObjectTable);
    ObDereferenceObject(p);
out:
    TRACE_END(trace, "failed: 0x%08x", (unsigned)status);
    return status;
}

/* Copies the parameters (and the environment they point to) into the process as one normalized block. */
static NTSTATUS copy_parameters(PEPROCESS p, PRTL_USER_PROCESS_PARAMETERS src, PRTL_USER_PROCESS_PARAMETERS *out)
{
    RtlNormalizeProcessParams(src);
    SIZE_T env_size = RtlpEnvironmentSize(src->Environment);
    SIZE_T size = ((SIZE_T)src->Length + 15) & ~(SIZE_T)15;
    PVOID block;
    NTSTATUS status = MiAllocateVirtual(p, &block, size + env_size, PAGE_READWRITE, FALSE);
    if (status != STATUS_SUCCESS)
        return status;
    PRTL_USER_PROCESS_PARAMETERS dst = block;
    memcpy(dst, src, src->Length);
    PUNICODE_STRING fields[] = {&dst->CurrentDirectory.DosPath, &dst->DllPath, &dst->ImagePathName,
                                &dst->CommandLine, &dst->WindowTitle, &dst->DesktopInfo, &dst->ShellInfo,
                                &dst->RuntimeData};
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i]->Buffer)
            fields[i]->Buffer = (PWSTR)((BYTE *)dst + ((BYTE *)fields[i]->Buffer - (BYTE *)src));
    dst->MaximumLength = (ULONG)size;
    if (env_size) {
        dst->Environment = (PWSTR)((BYTE *)block + size);
        memcpy(dst->Environment, src->Environment, env_size);
    }
    dst->EnvironmentSize = env_size;
    *out = dst;
    return STATUS_SUCCESS;
}

/* MmCreatePeb: the PEB of the new process, with its parameters and the facts every program reads. */
NTSTATUS MmCreatePeb(PEPROCESS p, PRTL_USER_PROCESS_PARAMETERS parameters)
{
    int trace = TRACE_BEGIN("MmCreatePeb");
    PPEB peb;
    NTSTATUS status = MiAllocateVirtual(p, (PVOID *)&peb, sizeof *peb, PAGE_READWRITE, FALSE);
    if (status == STATUS_SUCCESS)
        status = copy_parameters(p, parameters, &peb->ProcessParameters);
    if (status != STATUS_SUCCESS) {
        TRACE_END(trace, "failed: 0x%08x", (unsigned)status);
        return status;
    }
    const struct pe_image *img = &p->SectionObject->Image;
    peb->ImageBaseAddress = p->SectionBaseAddress;
    peb->NumberOfProcessors = host_cpu_count();
    peb->OSMajorVersion = NTEXEC_OS_MAJOR;
    peb->OSMinorVersion = NTEXEC_OS_MINOR;
    peb->OSBuildNumber = NTEXEC_OS_BUILD;
    peb->OSPlatformId = 2;  /* VER_PLATFORM_WIN32_NT */
    peb->ImageSubsystem = img->subsystem;
    peb->ImageSubsystemMajorVersion = img->subsystem_major;
    peb->ImageSubsystemMinorVersion = img->subsystem_minor;
    peb->ActiveProcessAffinityMask = peb->NumberOfProcessors >= 64 ? ~0ull : (1ull << peb->NumberOfProcessors) - 1;
    /* The host's own affinity (taskset, cgroup cpusets) is the process's, as far as the system has it. */
    if (host_process_affinity() & peb->ActiveProcessAffinityMask)
        peb->ActiveProcessAffinityMask &= host_process_affinity();
    peb->CriticalSectionTimeout.QuadPart = -2592000LL * 10000000LL;  /* 30 days, Windows' default */
    peb->HeapSegmentReserve = img->heap_reserve;
    peb->HeapSegmentCommit = img->heap_commit;
    peb->SessionId = 1;
    peb->MinimumStackCommit = 0;
    p->Peb = peb;
    TRACE_END(trace, "PEB at %p, ImageBaseAddress %p, OS %u.%u.%u, %u processors", (void *)peb,
              peb->ImageBaseAddress, peb->OSMajorVersion, peb->OSMinorVersion, peb->OSBuildNumber,
              peb->NumberOfProcessors);
    return STATUS_SUCCESS;
}

_Noreturn void PspExitProcess(NTSTATUS status)
{
    PEPROCESS p = PsGetCurrentProcess();
    p->ExitStatus = status;
    p->ExitTime.QuadPart = (LONGLONG)host_system_time();
    PspRecordExit(p, status);
    /* The trace goes out before the process object is signaled: a waiting parent in this host (the shell)
     * ends the host process as soon as it wakes. */
    KeTraceFlush("process %u exited with 0x%08x (%u): host status %u", p->UniqueProcessId, (unsigned)status,
                 (unsigned)status, (unsigned)status & 0xff);
    KeSetSignalState(&p->Header, 1);
    host_exit_process((uint32_t)status);
}

/* NtTerminateProcess(NULL): the first thread to get here stops all the others; any other one is stopped. */
static NTSTATUS terminate_other_threads(NTSTATUS exit_status)
{
    PETHREAD self = PsGetCurrentThread();
    PEPROCESS p = PsGetCurrentProcess();
    LONG was = 0;
    if (!__atomic_compare_exchange_n(&p->Terminating, &was, 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        /* Another thread is ending the process and stops this one, unless this is that thread again
         * (ExitProcess called from a DLL's detach, say). */
        if (p->TerminatingThread != self)
            host_thread_park();
        return STATUS_SUCCESS;
    }
    p->TerminatingThread = self;
    PspTerminateOtherThreads(exit_status);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtTerminateProcess(HANDLE handle, NTSTATUS exit_status)
{
    /* NULL: end every other thread of the current process (ExitProcess' first step); the caller goes on. */
    if (!handle)
        return terminate_other_threads(exit_status);
    PEPROCESS p;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsProcessType, (void **)&p);
    if (status != STATUS_SUCCESS)
        return status;
    if (p == PsGetCurrentProcess())
        PspExitProcess(exit_status);
    /* A process of this host that is not the current one is a finished one (or the shell's child, never
     * terminated by the shell); others live in other hosts. */
    if (p->Remote)
        status = PspTerminateRemoteProcess(p, exit_status);
    else
        status = p->ExitStatus != STATUS_PENDING ? STATUS_PROCESS_IS_TERMINATING : STATUS_NOT_SUPPORTED;
    ObDereferenceObject(p);
    return status;
}

#define ProcessVmCounters 3
#define ProcessHandleCount 20
#define ProcessDebugPort 7
#define ProcessWow64Information 26
#define ProcessImageFileName 27
#define ProcessImageFileNameWin32 43
#define ProcessCookie 36

/* The process's pointer-encoding secret (RtlEncodePointer): random, nonzero, chosen at the first query.
 * A host runs one process of its own, so one cookie per host is one per process. */
static NTSTATUS query_cookie(PEPROCESS p, PVOID info, ULONG length, PULONG written)
{
    static volatile ULONG cookie;
    if (p != PsGetCurrentProcess())
        return STATUS_INVALID_PARAMETER;   /* Windows gives only the caller its own cookie */
    *written = sizeof(ULONG);
    if (length != sizeof(ULONG))
        return STATUS_INFO_LENGTH_MISMATCH;
    ULONG c = cookie;
    while (!c) {
        host_random(&c, sizeof c);
        if (c && !__sync_bool_compare_and_swap(&cookie, 0, c))
            c = cookie;
    }
    *(ULONG *)info = c;
    return STATUS_SUCCESS;
}

static NTSTATUS query_image_name(PEPROCESS p, PVOID info, ULONG length, PULONG written)
{
    ULONG need = (ULONG)sizeof(UNICODE_STRING) + p->ImageFileName.Length + sizeof(WCHAR);
    *written = need;
    if (length < need)
        return STATUS_INFO_LENGTH_MISMATCH;
    PUNICODE_STRING us = info;
    us->Buffer = (PWSTR)(us + 1);
    us->Length = p->ImageFileName.Length;
    us->MaximumLength = (USHORT)(p->ImageFileName.Length + sizeof(WCHAR));
    memcpy(us->Buffer, p->ImageFileName.Buffer, p->ImageFileName.Length);
    us->Buffer[us->Length / 2] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryInformationProcess(HANDLE handle, ULONG info_class, PVOID info, ULONG length,
                                          PULONG return_length)
{
    PROBE_FOR_WRITE(info, length);
    if (return_length)
        PROBE_FOR_WRITE(return_length, sizeof *return_length);
    PEPROCESS p;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsProcessType, (void **)&p);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG written = 0;
    switch (info_class) {
    case ProcessBasicInformation: {
        written = sizeof(PROCESS_BASIC_INFORMATION);
        if (length != written) {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        PROCESS_BASIC_INFORMATION *pbi = info;
        pbi->ExitStatus = PspProcessExitStatus(p);
        if (p->Remote) {
            pbi->PebBaseAddress = (PPEB)(ULONG_PTR)p->Record->PebBaseAddress;
            pbi->AffinityMask = p->Record->AffinityMask;
        } else {
            pbi->PebBaseAddress = p->Peb;
            pbi->AffinityMask = p->Peb ? p->Peb->ActiveProcessAffinityMask : 1;
        }
        pbi->BasePriority = 8;  /* NORMAL_PRIORITY_CLASS */
        pbi->UniqueProcessId = p->UniqueProcessId;
        pbi->InheritedFromUniqueProcessId = p->InheritedFromUniqueProcessId;
        break;
    }
    case ProcessTimes: {
        written = sizeof(KERNEL_USER_TIMES);
        if (length != written) {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        KERNEL_USER_TIMES *kut = info;
        uint64_t kernel = 0, user = 0;
        if (p == PsGetCurrentProcess()) {
            host_process_cpu_times(&kernel, &user);
        } else if (p->Remote) {   /* counted by its host when it ends */
            kernel = p->Record->KernelTime;
            user = p->Record->UserTime;
        }
        kut->CreateTime = p->CreateTime;
        kut->ExitTime.QuadPart = p->Remote && PspProcessExitStatus(p) != STATUS_PENDING ? p->Record->ExitTime
                                                                                         : p->ExitTime.QuadPart;
        kut->KernelTime.QuadPart = (LONGLONG)kernel;
        kut->UserTime.QuadPart = (LONGLONG)user;
        break;
    }
    case ProcessHandleCount:
        written = sizeof(ULONG);
        if (length != written)
            status = STATUS_INFO_LENGTH_MISMATCH;
        else if (p->Remote)
            status = STATUS_NOT_SUPPORTED;   /* the table lives in the other host */
        else
            *(ULONG *)info = p->ObjectTable.HandleCount;
        break;
    case ProcessVmCounters: {
        /* VM_COUNTERS, or VM_COUNTERS_EX with PrivateUsage. */
        if (length != 11 * sizeof(SIZE_T) && length != 12 * sizeof(SIZE_T)) {
            written = 11 * sizeof(SIZE_T);
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        struct host_memory m;
        ULONG pid = p == PsGetCurrentProcess() ? 0 : p->UniqueProcessId;
        if (!p->Remote && p != PsGetCurrentProcess()) {
            status = STATUS_PROCESS_IS_TERMINATING;
            break;
        }
        status = PspProcessExitStatus(p) != STATUS_PENDING ? STATUS_PROCESS_IS_TERMINATING
                                                           : host_process_memory(pid, &m);
        if (status != STATUS_SUCCESS)
            break;
        SIZE_T *c = info;
        memset(c, 0, length);
        c[0] = m.peak_virtual;
        c[1] = m.virtual_size;
        *(ULONG *)&c[2] = (ULONG)m.page_faults;
        c[3] = m.peak_resident;
        c[4] = m.resident;
        c[9] = m.private_bytes;    /* PagefileUsage */
        c[10] = m.private_bytes;   /* PeakPagefileUsage: the kernel keeps no peak of it */
        if (length == 12 * sizeof(SIZE_T))
            c[11] = m.private_bytes;   /* PrivateUsage */
        written = length;
        break;
    }
    case ProcessDebugPort:
    case ProcessWow64Information:
        written = sizeof(ULONG_PTR);
        if (length != written)
            status = STATUS_INFO_LENGTH_MISMATCH;
        else
            *(ULONG_PTR *)info = 0;  /* no debugger; not a WOW64 process */
        break;
    case ProcessImageFileNameWin32:
        status = query_image_name(p, info, length, &written);
        break;
    case ProcessCookie:
        status = query_cookie(p, info, length, &written);
        break;
    default:
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
    if (return_length)
        *return_length = written;
    ObDereferenceObject(p);
    return status;
}

/* ProcessAffinityMask: a subset of the system's processors, applied to every thread of the process. */
NTSTATUS WINAPI NtSetInformationProcess(HANDLE handle, ULONG info_class, PVOID info, ULONG length)
{
    PEPROCESS p;
    NTSTATUS status = ObReferenceObjectByHandle(handle, PsProcessType, (void **)&p);
    if (status != STATUS_SUCCESS)
        return status;
    if (info_class != ProcessAffinityMask) {
        status = STATUS_INVALID_INFO_CLASS;
    } else if (length != sizeof(ULONG_PTR)) {
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else {
        ULONG_PTR mask = *(ULONG_PTR *)info;
        unsigned n = host_cpu_count();
        ULONG_PTR system = n >= 64 ? ~0ull : (1ull << n) - 1;
        if (!mask || (mask & ~system) || !p->Peb) {
            status = STATUS_INVALID_PARAMETER;
        } else {
            p->Peb->ActiveProcessAffinityMask = mask;
            host_lock_acquire(&p->ThreadListLock);
            for (PLIST_ENTRY e = p->ThreadListHead.Flink; e != &p->ThreadListHead; e = e->Flink) {
                PETHREAD t = CONTAINING_RECORD(e, struct _ETHREAD, ThreadListEntry);
                t->Affinity = 0;
                if (t->Cid.UniqueThread)
                    host_set_thread_affinity((uint32_t)(ULONG_PTR)t->Cid.UniqueThread, mask);
            }
            host_lock_release(&p->ThreadListLock);
        }
    }
    ObDereferenceObject(p);
    return status;
}

/* NtOpenProcess by client id: this host's process, or an NT process of another host (its record found
 * through /proc); a pid that is no NT process is STATUS_INVALID_CID, as for a pid not in use. */
NTSTATUS WINAPI NtOpenProcess(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, PCLIENT_ID cid)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    PROBE_FOR_READ(cid, sizeof *cid);
    if (attributes)
        PROBE_FOR_READ(attributes, sizeof *attributes);
    *handle = NULL;
    ULONG pid = (ULONG)(ULONG_PTR)cid->UniqueProcess;
    PEPROCESS self = PsGetCurrentProcess(), p;
    NTSTATUS status = STATUS_SUCCESS;
    if (pid == self->UniqueProcessId) {
        p = self;
        ObReferenceObject(p);
    } else if (!pid) {
        return STATUS_INVALID_PARAMETER;   /* the Idle process: access denied on Windows, never opened */
    } else {
        status = PspOpenRemoteProcess(pid, &p);
    }
    if (status != STATUS_SUCCESS)
        return status;
    status = ObInsertHandle(&self->ObjectTable, p, access, attributes ? attributes->Attributes : 0, handle);
    ObDereferenceObject(p);
    return status;
}
