/*
 * The child host's side (ps/remote.h has the model): `ntexec --child` boots the kernel half, reads the
 * creation message its parent host wrote, places the inherited handles at their values, and performs
 * NtCreateUserProcess in itself exactly as the shell does for the first process (PspAllocateProcess ...
 * KiInitializeContextThread), with the initial thread held before its first instruction. It then reports
 * to the process record and answers the requests of the hosts that hold handles to its process, for as
 * long as the process lives: the parent's ResumeThread releases the initial thread through it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "ke/apitrace.h"
#include "ke/trace.h"
#include "ps/remote.h"
#include "rtl/rtl.h"

static struct psp_process_record *record;

static const void *at(const BYTE *base, size_t size, ULONG offset, size_t length)
{
    return offset <= size && length <= size - offset ? base + offset : NULL;
}

/* The inherited handles, into the System process's table at their values and inheritable, so that
 * NtCreateUserProcess hands exactly them to the process. */
static NTSTATUS place_handles(const BYTE *m, size_t size, const struct psp_message *msg)
{
    const struct psp_message_handle *handles =
        at(m, size, msg->HandlesOffset, (size_t)msg->HandleCount * sizeof *handles);
    if (msg->HandleCount && !handles)
        return STATUS_INVALID_PARAMETER;
    HANDLE_TABLE *table = &PsInitialSystemProcess->ObjectTable;
    for (ULONG i = 0; i < msg->HandleCount; i++) {
        const struct psp_message_handle *h = &handles[i];
        const WCHAR *name = at(m, size, h->NameOffset, h->NameLength);
        const char *path = h->HostPathOffset ? at(m, size, h->HostPathOffset, 1) : NULL;
        struct io_file_description d = {h->Access, h->FileFlags, h->HostType, h->Options, h->ShareAccess,
                                        (BOOLEAN)h->PipeReadEnd, {0, 0, NULL}, path};
        if (name && h->NameLength) {
            d.FileName.Buffer = (PWSTR)name;
            d.FileName.Length = d.FileName.MaximumLength = (USHORT)h->NameLength;
        }
        int fd = PSP_CHILD_FIRST_HANDLE_FD + (int)i;
        PFILE_OBJECT f;
        NTSTATUS status = IoCreateInheritedFileObject(fd, &d, &f);
        host_close(fd);
        if (status != STATUS_SUCCESS)
            continue;   /* an fd that did not arrive: the handle is not there, as a closed one */
        ObInsertHandleAt(table, (HANDLE)(ULONG_PTR)h->Value, f, h->Access, h->Attributes | OBJ_INHERIT);
        ObDereferenceObject(f);
    }
    return STATUS_SUCCESS;
}

/* The System process's copies go once the process has its own: a pipe's end must close when the
 * process closes it. */
static void drop_placed_handles(void)
{
    struct ob_handle_info *all;
    ULONG count;
    HANDLE_TABLE *table = &PsInitialSystemProcess->ObjectTable;
    if (ObSnapshotHandles(table, 0, &all, &count) != STATUS_SUCCESS)
        return;
    for (ULONG i = 0; i < count; i++)
        if (ObGetObjectType(all[i].Object) == IoFileObjectType)
            ObCloseHandleInTable(table, all[i].Handle);
    ObFreeHandleSnapshot(all, count);
}

static PRTL_USER_PROCESS_PARAMETERS read_parameters(const BYTE *m, size_t size, const struct psp_message *msg)
{
    const BYTE *src = at(m, size, msg->ParamsOffset, msg->ParamsLength);
    const WCHAR *env = at(m, size, msg->EnvOffset, msg->EnvLength);
    if (!src || msg->ParamsLength < sizeof(RTL_USER_PROCESS_PARAMETERS) || !env || msg->EnvLength < sizeof(WCHAR))
        return NULL;
    BYTE *block = malloc(msg->ParamsLength + msg->EnvLength);
    if (!block)
        return NULL;
    memcpy(block, src, msg->ParamsLength);
    memcpy(block + msg->ParamsLength, env, msg->EnvLength);
    PRTL_USER_PROCESS_PARAMETERS p = (PRTL_USER_PROCESS_PARAMETERS)block;
    PUNICODE_STRING fields[] = {&p->CurrentDirectory.DosPath, &p->DllPath, &p->ImagePathName, &p->CommandLine,
                                &p->WindowTitle, &p->DesktopInfo, &p->ShellInfo, &p->RuntimeData};
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        ULONG_PTR offset = (ULONG_PTR)fields[i]->Buffer;
        if (!fields[i]->Buffer)
            continue;
        if (offset > msg->ParamsLength || fields[i]->MaximumLength > msg->ParamsLength - offset) {
            free(block);
            return NULL;
        }
        fields[i]->Buffer = (PWSTR)(block + offset);
    }
    p->Length = msg->ParamsLength;
    p->Environment = (PWSTR)(block + msg->ParamsLength);
    p->Flags |= RTL_USER_PROC_PARAMS_NORMALIZED;
    return p;
}

/* ---- answering requests ------------------------------------------------------------------------------------ */

static PETHREAD reference_thread(PEPROCESS p, ULONG tid)
{
    PETHREAD found = NULL;
    host_lock_acquire(&p->ThreadListLock);
    for (PLIST_ENTRY e = p->ThreadListHead.Flink; e != &p->ThreadListHead && !found; e = e->Flink) {
        PETHREAD t = CONTAINING_RECORD(e, struct _ETHREAD, ThreadListEntry);
        if ((ULONG)(ULONG_PTR)t->Cid.UniqueThread == tid) {
            found = t;
            ObReferenceObject(t);
        }
    }
    host_lock_release(&p->ThreadListLock);
    return found;
}

static NTSTATUS thread_request(struct psp_process_record *r, PEPROCESS p)
{
    PETHREAD t = reference_thread(p, r->ThreadId);
    if (!t)
        return STATUS_THREAD_IS_TERMINATING;
    NTSTATUS status;
    ULONG previous = 0;
    switch (r->Op) {
    case PSP_REQUEST_SUSPEND:
        status = PspSuspendThread(t, &previous);
        break;
    case PSP_REQUEST_RESUME:
        status = PspResumeThread(t, &previous);
        break;
    case PSP_REQUEST_GET_CONTEXT:
        status = PspGetContextThread(t, &r->Context);
        break;
    default:
        status = PspSetContextThread(t, &r->Context);
        break;
    }
    r->Results[0] = previous;
    ObDereferenceObject(t);
    return status;
}

static NTSTATUS memory_request(struct psp_process_record *r, HANDLE process)
{
    PVOID base = (PVOID)(ULONG_PTR)r->Args[0];
    SIZE_T size = (SIZE_T)r->Args[1];
    ULONG old = 0;
    NTSTATUS status;
    switch (r->Op) {
    case PSP_REQUEST_ALLOCATE:
        status = NtAllocateVirtualMemory(process, &base, 0, &size, (ULONG)r->Args[2], (ULONG)r->Args[3]);
        break;
    case PSP_REQUEST_FREE:
        status = NtFreeVirtualMemory(process, &base, &size, (ULONG)r->Args[2]);
        break;
    case PSP_REQUEST_PROTECT:
        status = NtProtectVirtualMemory(process, &base, &size, (ULONG)r->Args[2], &old);
        break;
    default: {
        SIZE_T written;
        return NtQueryVirtualMemory(process, base, 0 /* MemoryBasicInformation */, &r->Info, sizeof r->Info, &written);
    }
    }
    r->Results[0] = (ULONG64)(ULONG_PTR)base;
    r->Results[1] = size;
    r->Results[2] = old;
    return status;
}

/* DuplicateHandle from another host into this process: the fd is taken from the source (pidfd_getfd)
 * and becomes a file object described as the source's. */
static NTSTATUS insert_file(struct psp_process_record *r, PEPROCESS p)
{
    int pidfd, fd;
    NTSTATUS status = host_pidfd_open((uint32_t)r->Args[0], &pidfd);
    if (status != STATUS_SUCCESS)
        return STATUS_INVALID_HANDLE;
    status = host_pidfd_getfd(pidfd, (int)r->Args[1], &fd);
    host_close(pidfd);
    if (status != STATUS_SUCCESS)
        return status;
    struct io_file_description d;
    PspGetFileDescription(r, (ACCESS_MASK)r->Args[2], &d);
    PFILE_OBJECT f;
    status = IoCreateInheritedFileObject(fd, &d, &f);
    host_close(fd);
    if (status != STATUS_SUCCESS)
        return status;
    HANDLE h;
    status = ObInsertHandle(&p->ObjectTable, f, (ACCESS_MASK)r->Args[2], (ULONG)r->Args[3], &h);
    ObDereferenceObject(f);
    r->Results[0] = (ULONG_PTR)h;
    return status;
}

/* DuplicateHandle out of this process: what the asker needs to take the object (a file's fd and description). */
static NTSTATUS describe_handle(struct psp_process_record *r, PEPROCESS p)
{
    void *object;
    ACCESS_MASK access;
    ULONG attributes;
    NTSTATUS status = ObReferenceObjectInTable(&p->ObjectTable, (HANDLE)(ULONG_PTR)r->Args[0], &object, &access,
                                               &attributes);
    if (status != STATUS_SUCCESS)
        return status;
    struct io_file_description d;
    if (ObGetObjectType(object) != IoFileObjectType || !IoDescribeFileObject(object, &d)) {
        ObDereferenceObject(object);
        return STATUS_NOT_SUPPORTED;
    }
    PspPutFileDescription(r, &d);
    r->Results[0] = (ULONG)((PFILE_OBJECT)object)->Fd;
    r->Results[1] = access;
    r->Results[2] = attributes;
    ObDereferenceObject(object);   /* the fd stays open while the handle does: the asker takes it next */
    return STATUS_SUCCESS;
}

static _Noreturn void serve(struct psp_process_record *r, HANDLE process, PEPROCESS p)
{
    host_thread_set_name(host_gettid(), "ntexec-requests");
    uint32_t seen = 0;
    for (;;) {
        uint32_t seq = __atomic_load_n(&r->RequestSeq, __ATOMIC_ACQUIRE);
        if (seq == seen) {
            host_shared_futex_wait(&r->RequestSeq, seen, -1);
            continue;
        }
        seen = seq;
        __atomic_store_n(&r->Serving, seq, __ATOMIC_SEQ_CST);
        if (r->Op <= PSP_REQUEST_SET_CONTEXT)
            r->Status = thread_request(r, p);
        else if (r->Op == PSP_REQUEST_INSERT_FILE)
            r->Status = insert_file(r, p);
        else if (r->Op == PSP_REQUEST_DESCRIBE_HANDLE)
            r->Status = describe_handle(r, p);
        else if (r->Op == PSP_REQUEST_CLOSE_HANDLE)
            r->Status = ObCloseHandleInTable(&p->ObjectTable, (HANDLE)(ULONG_PTR)r->Args[0]);
        else
            r->Status = memory_request(r, process);
        __atomic_store_n(&r->ReplySeq, seq, __ATOMIC_RELEASE);
        host_shared_futex_wake(&r->ReplySeq, INT32_MAX);
    }
}

/* ---- the child host ------------------------------------------------------------------------------------------ */

static void report(struct psp_process_record *r, NTSTATUS status)
{
    r->CreateStatus = status;
    __atomic_store_n(&r->Ready, 1, __ATOMIC_RELEASE);
    host_shared_futex_wake(&r->Ready, INT32_MAX);
}

static void describe(struct psp_process_record *r, PEPROCESS p, PETHREAD t)
{
    r->ProcessId = p->UniqueProcessId;
    r->ParentId = p->InheritedFromUniqueProcessId;
    r->InitialThreadId = (uint32_t)(ULONG_PTR)t->Cid.UniqueThread;
    r->CreateTime = p->CreateTime.QuadPart;
    r->PebBaseAddress = (ULONG_PTR)p->Peb;
    r->ImageBaseAddress = (ULONG_PTR)p->SectionBaseAddress;
    r->InitialTebAddress = (ULONG_PTR)t->Teb;
    r->AffinityMask = p->Peb->ActiveProcessAffinityMask;
    r->ImageSubsystem = p->Peb->ImageSubsystem;
    USHORT n = p->ImageFileName.Length;
    if (n > sizeof r->ImageFileName)
        n = sizeof r->ImageFileName;
    memcpy(r->ImageFileName, p->ImageFileName.Buffer, n);
    r->ImageFileNameLength = n;
}

void PspRecordExit(PEPROCESS p, NTSTATUS status)
{
    struct psp_process_record *r = p->Record;
    if (!r)
        return;
    /* A request being answered may be what let the process end (the resume of its initial thread): the
     * answer goes out before the host does, or its asker would see a process gone without a reply. Bounded,
     * for a request that waits on a thread this exit has stopped. */
    for (int i = 0; i < 50; i++) {
        uint32_t serving = __atomic_load_n(&r->Serving, __ATOMIC_SEQ_CST);
        uint32_t reply = __atomic_load_n(&r->ReplySeq, __ATOMIC_SEQ_CST);
        if (serving == reply)
            break;
        host_shared_futex_wait(&r->ReplySeq, reply, 2 * 1000 * 1000);
    }
    uint64_t kernel = 0, user = 0;
    host_process_cpu_times(&kernel, &user);
    r->KernelTime = kernel;
    r->UserTime = user;
    LONG pending = STATUS_PENDING;
    if (__atomic_compare_exchange_n(&r->ExitStatus, &pending, status, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        r->ExitTime = p->ExitTime.QuadPart;
}

int PsRunChildHost(void)
{
    const void *data;
    size_t size;
    if (host_shared_map(PSP_CHILD_RECORD_FD, sizeof *record, (void **)&record) != STATUS_SUCCESS ||
        record->Magic != PSP_RECORD_MAGIC) {
        host_print_error("ntexec: --child is started by ntexec itself, for a Windows program's CreateProcess\n");
        return 125;
    }
    NTSTATUS status = host_map_file(PSP_CHILD_MESSAGE_FD, &data, &size);
    host_close(PSP_CHILD_MESSAGE_FD);
    const BYTE *m = data;
    const struct psp_message *msg = data;
    if (status == STATUS_SUCCESS && (size < sizeof *msg || msg->Magic != PSP_MESSAGE_MAGIC || msg->Size > size))
        status = STATUS_INVALID_PARAMETER;
    const char *root = status == STATUS_SUCCESS ? at(m, size, msg->DriveRootOffset, 2) : NULL;
    if (status == STATUS_SUCCESS && root && strcmp(root, "/"))
        status = IoSetDriveRoot('C', root);
    if (status == STATUS_SUCCESS && msg->TraceFd >= 0) {
        KeTraceInherit(msg->TraceFd, msg->TraceJsonFd, msg->TraceChain, msg->TraceKinds);
        char filter[sizeof msg->TraceApiFilter];
        memcpy(filter, msg->TraceApiFilter, sizeof filter);
        filter[sizeof filter - 1] = 0;
        KeApiTraceSetFilter(filter);
    }
    if (status == STATUS_SUCCESS)
        status = PspInitializeSystem(false);
    if (status == STATUS_SUCCESS) {
        PspSystemDllBase = (PVOID)(ULONG_PTR)msg->NtdllBase;
        PspConsoleRootId = msg->ConsoleRootId;
        status = place_handles(m, size, msg);
    }
    PRTL_USER_PROCESS_PARAMETERS params = status == STATUS_SUCCESS ? read_parameters(m, size, msg) : NULL;
    const WCHAR *image = status == STATUS_SUCCESS ? at(m, size, msg->ImageOffset, msg->ImageLength) : NULL;
    if (status == STATUS_SUCCESS && (!params || !image))
        status = STATUS_INVALID_PARAMETER;
    if (status != STATUS_SUCCESS) {
        report(record, status);
        return 125;
    }
    static char group[96];
    snprintf(group, sizeof group, "kernel (child host %u): NtCreateUserProcess for parent process %u",
             host_getpid(), msg->ParentId);
    KeTraceGroup(group);
    PS_ATTRIBUTE_LIST attrs = {sizeof(SIZE_T) + sizeof(PS_ATTRIBUTE), {{0}}};
    attrs.Attributes[0].Attribute = PS_ATTRIBUTE_IMAGE_NAME;
    attrs.Attributes[0].Size = msg->ImageLength;
    attrs.Attributes[0].ValuePtr = (PVOID)image;
    OBJECT_ATTRIBUTES poa = {sizeof poa, NULL, NULL, 0, NULL, NULL};
    OBJECT_ATTRIBUTES toa = {sizeof toa, NULL, NULL, 0, NULL, NULL};
    PS_CREATE_INFO info = {sizeof info, 0, 0, 0, 0};
    HANDLE process = NULL, thread = NULL;
    status = NtCreateUserProcess(&process, &thread, 0x1FFFFF, 0x1FFFFF, &poa, &toa,
                                 msg->ProcessFlags | PROCESS_CREATE_FLAGS_INHERIT_HANDLES,
                                 THREAD_CREATE_FLAGS_CREATE_SUSPENDED, params, &info, &attrs);
    drop_placed_handles();
    free(params);
    host_unmap_file(data, size);
    PEPROCESS p = NULL;
    PETHREAD t = NULL;
    if (status == STATUS_SUCCESS)
        status = ObReferenceObjectByHandle(process, PsProcessType, (void **)&p);
    if (status == STATUS_SUCCESS)
        status = ObReferenceObjectByHandle(thread, PsThreadType, (void **)&t);
    if (status != STATUS_SUCCESS) {
        report(record, status);
        return 125;
    }
    p->Record = record;
    PRTL_USER_PROCESS_PARAMETERS own = p->Peb->ProcessParameters;
    if (own->ProcessGroupId == PS_NEW_PROCESS_GROUP)
        own->ProcessGroupId = p->UniqueProcessId;
    describe(record, p, t);
    ObDereferenceObject(t);
    report(record, STATUS_SUCCESS);
    serve(record, process, p);
}

/*
 * The shell's process (the first one, in the ntexec command's own host) gets a record too, so that the
 * processes it starts can open it (OpenProcess of their parent) and act on it; the shell's thread then
 * answers its requests instead of waiting (the process's end ends this host).
 */
_Noreturn void PsServeProcess(HANDLE process, HANDLE thread)
{
    PEPROCESS p = NULL;
    PETHREAD t = NULL;
    struct psp_process_record *r = NULL;
    int fd;
    if (ObReferenceObjectByHandle(process, PsProcessType, (void **)&p) == STATUS_SUCCESS &&
        ObReferenceObjectByHandle(thread, PsThreadType, (void **)&t) == STATUS_SUCCESS &&
        host_shared_create(PSP_RECORD_NAME, sizeof *r, &fd, (void **)&r) == STATUS_SUCCESS) {
        r->Magic = PSP_RECORD_MAGIC;
        r->ExitStatus = STATUS_PENDING;
        describe(r, p, t);
        p->Record = r;
        report(r, STATUS_SUCCESS);
        ObDereferenceObject(t);
        serve(r, process, p);   /* fd stays open: OpenProcess finds the record through /proc */
    }
    /* Without a record the process is only waited for. */
    NtWaitForSingleObject(process, FALSE, NULL);
    host_exit_process((uint32_t)p->ExitStatus);
}
