/*
 * Named pipes: CreateNamedPipe, ConnectNamedPipe, DisconnectNamedPipe, WaitNamedPipe, GetNamedPipeInfo,
 * SetNamedPipeHandleState, TransactNamedPipe and CallNamedPipe over io/namedpipe.c. The client end is
 * CreateFile on \\.\pipe\NAME; reads, writes and PeekNamedPipe go through the file services.
 */
#include "io/io.h"
#include "ke/ke.h"
#include "win32/k32.h"

#define PIPE_ACCESS_INBOUND   0x1
#define PIPE_ACCESS_OUTBOUND  0x2
#define PIPE_NOWAIT           0x1
#define PIPE_READMODE_MESSAGE 0x2
#define PIPE_TYPE_MESSAGE     0x4
#define PIPE_UNLIMITED_INSTANCES 255
#define FILE_FLAG_FIRST_PIPE_INSTANCE 0x00080000
#define NMPWAIT_WAIT_FOREVER  0xFFFFFFFFu

static BOOL fail(NTSTATUS status)
{
    BaseSetLastNTError(status);
    return FALSE;
}

/* Through NtCreateNamedPipeFile, as kernelbase does: the direction becomes the clients' sharing, a missing
 * FILE_FLAG_OVERLAPPED a synchronous handle, FILE_FLAG_FIRST_PIPE_INSTANCE FILE_CREATE, 255 instances
 * unlimited and the timeout (0: 50 ms) a relative time. */
HANDLE WINAPI CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                               DWORD in_size, DWORD timeout, LPSECURITY_ATTRIBUTES sa)
{
    UNICODE_STRING nt;
    if (!name) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    if (max_instances == 0 || max_instances > PIPE_UNLIMITED_INSTANCES) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    ULONG share = (open_mode & PIPE_ACCESS_INBOUND ? FILE_SHARE_WRITE : 0) |
                  (open_mode & PIPE_ACCESS_OUTBOUND ? FILE_SHARE_READ : 0);
    ACCESS_MASK access = SYNCHRONIZE | (open_mode & PIPE_ACCESS_INBOUND ? GENERIC_READ : 0) |
                         (open_mode & PIPE_ACCESS_OUTBOUND ? GENERIC_WRITE : 0);
    NTSTATUS status = BaseDosPathToNtPath(name, &nt);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return INVALID_HANDLE_VALUE;
    }
    const WCHAR *pipe;
    size_t units;
    HANDLE h = NULL;
    if (!IopIsNamedPipePath(&nt, &pipe, &units)) {
        status = STATUS_OBJECT_NAME_INVALID;   /* ERROR_INVALID_NAME: not under \\.\pipe\ */
    } else {
        OBJECT_ATTRIBUTES attr = {sizeof attr, NULL, &nt, sa && sa->bInheritHandle ? OBJ_INHERIT : 0, NULL, NULL};
        IO_STATUS_BLOCK io;
        LARGE_INTEGER wait = {.QuadPart = (LONGLONG)(timeout ? timeout : 50) * -10000};
        status = NtCreateNamedPipeFile(&h, access, &attr, &io, share,
                                       open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE ? FILE_CREATE : FILE_OPEN_IF,
                                       open_mode & FILE_FLAG_OVERLAPPED ? 0 : FILE_SYNCHRONOUS_IO_NONALERT,
                                       (pipe_mode & PIPE_TYPE_MESSAGE) != 0, (pipe_mode & PIPE_READMODE_MESSAGE) != 0,
                                       (pipe_mode & PIPE_NOWAIT) != 0,
                                       max_instances == PIPE_UNLIMITED_INSTANCES ? 0xFFFFFFFFu : max_instances,
                                       in_size, out_size, &wait);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return INVALID_HANDLE_VALUE;
    }
    SetLastError(ERROR_SUCCESS);
    return h;
}

HANDLE WINAPI CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                               DWORD in_size, DWORD timeout, LPSECURITY_ATTRIBUTES sa)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return INVALID_HANDLE_VALUE;
    HANDLE h = CreateNamedPipeW(w, open_mode, pipe_mode, max_instances, out_size, in_size, timeout, sa);
    BaseFreeWide(w);
    return h;
}

BOOL WINAPI ConnectNamedPipe(HANDLE pipe, LPOVERLAPPED ov)
{
    PIO_STATUS_BLOCK io = ov ? (PIO_STATUS_BLOCK)ov : NULL;
    HANDLE event = ov ? (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1) : NULL;
    PVOID context = ov && !((ULONG_PTR)ov->hEvent & 1) ? ov : NULL;
    NTSTATUS status = IoConnectNamedPipe(pipe, event, io, context);
    if (status == STATUS_OBJECT_TYPE_MISMATCH)
        status = STATUS_NOT_SUPPORTED;
    if (status == STATUS_SUCCESS)
        return TRUE;
    if (status == STATUS_PENDING) {
        SetLastError(ERROR_IO_PENDING);
        return FALSE;
    }
    return fail(status);
}

BOOL WINAPI DisconnectNamedPipe(HANDLE pipe)
{
    NTSTATUS status = IoDisconnectNamedPipe(pipe);
    if (status == STATUS_OBJECT_TYPE_MISMATCH)
        status = STATUS_NOT_SUPPORTED;
    return status == STATUS_SUCCESS ? TRUE : fail(status);
}

BOOL WINAPI WaitNamedPipeW(LPCWSTR name, DWORD ms)
{
    UNICODE_STRING nt;
    if (!name)
        return fail(STATUS_OBJECT_NAME_INVALID);
    NTSTATUS status = BaseDosPathToNtPath(name, &nt);
    if (status != STATUS_SUCCESS)
        return fail(status);
    status = IoWaitNamedPipe(&nt, ms);
    RtlFreeHeap(RtlGetProcessHeap(), 0, nt.Buffer);
    return status == STATUS_SUCCESS ? TRUE : fail(status);
}

BOOL WINAPI WaitNamedPipeA(LPCSTR name, DWORD ms)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return FALSE;
    BOOL r = WaitNamedPipeW(w, ms);
    BaseFreeWide(w);
    return r;
}

BOOL WINAPI GetNamedPipeInfo(HANDLE pipe, LPDWORD flags, LPDWORD out_size, LPDWORD in_size, LPDWORD max)
{
    ULONG f, o, i, m;
    NTSTATUS status = IoQueryNamedPipe(pipe, &f, &o, &i, &m);
    if (status == STATUS_NOT_SUPPORTED || status == STATUS_OBJECT_TYPE_MISMATCH)
        status = STATUS_INVALID_DEVICE_REQUEST;   /* ERROR_INVALID_FUNCTION: no pipe behind the handle */
    if (status != STATUS_SUCCESS)
        return fail(status);
    if (flags)
        *flags = f;
    if (out_size)
        *out_size = o;
    if (in_size)
        *in_size = i;
    if (max)
        *max = m;
    return TRUE;
}

BOOL WINAPI SetNamedPipeHandleState(HANDLE pipe, LPDWORD mode, LPDWORD max_collection, LPDWORD timeout)
{
    (void)max_collection;   /* collection applies to remote pipes only */
    (void)timeout;
    if (!mode)
        return TRUE;
    NTSTATUS status = IoSetNamedPipeMode(pipe, *mode);
    if (status != STATUS_SUCCESS)
        return fail(status == STATUS_OBJECT_TYPE_MISMATCH ? STATUS_INVALID_PARAMETER : status);
    return TRUE;
}

/* A write of the request, then a read of the answer; ERROR_MORE_DATA when it does not fit, the rest left
 * for ReadFile, as on Windows. */
BOOL WINAPI TransactNamedPipe(HANDLE pipe, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD read,
                              LPOVERLAPPED ov)
{
    DWORD n = 0;
    if (read)
        *read = 0;
    if (!WriteFile(pipe, in, in_size, &n, NULL))
        return FALSE;
    BOOL ok = ReadFile(pipe, out, out_size, &n, NULL);
    if (read)
        *read = n;
    if (ov) {
        ov->Internal = ok ? STATUS_SUCCESS : (ULONG_PTR)(LONG)STATUS_BUFFER_OVERFLOW;
        ov->InternalHigh = n;
        if (ov->hEvent)
            NtSetEvent((HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1), NULL);
    }
    return ok;
}

BOOL WINAPI CallNamedPipeW(LPCWSTR name, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD read,
                           DWORD ms)
{
    HANDLE h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY) {
        if (!WaitNamedPipeW(name, ms))
            return FALSE;
        h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    }
    if (h == INVALID_HANDLE_VALUE)
        return FALSE;
    DWORD mode = PIPE_READMODE_MESSAGE;
    BOOL ok = SetNamedPipeHandleState(h, &mode, NULL, NULL) &&
              TransactNamedPipe(h, in, in_size, out, out_size, read, NULL);
    DWORD err = GetLastError();
    CloseHandle(h);
    SetLastError(err);
    return ok;
}

BOOL WINAPI CallNamedPipeA(LPCSTR name, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD read, DWORD ms)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return FALSE;
    BOOL r = CallNamedPipeW(w, in, in_size, out, out_size, read, ms);
    BaseFreeWide(w);
    return r;
}
