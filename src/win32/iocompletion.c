/*
 * I/O completion ports on the Win32 side: CreateIoCompletionPort, GetQueuedCompletionStatus(Ex),
 * PostQueuedCompletionStatus, SetFileCompletionNotificationModes, GetOverlappedResult(Ex). The port is
 * io/completion.c's object; these are thin layers over its Nt services, as in kernelbase.
 */
#include "io/io.h"
#include "ke/ke.h"
#include "win32/k32.h"

#define ERROR_ABANDONED_WAIT_0 735
#define ERROR_IO_INCOMPLETE    996
#define WAIT_IO_COMPLETION     0x000000C0u

typedef struct _OVERLAPPED_ENTRY {
    ULONG_PTR lpCompletionKey;
    LPOVERLAPPED lpOverlapped;
    ULONG_PTR Internal;
    DWORD dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY;
static_assert(sizeof(OVERLAPPED_ENTRY) == 32, "OVERLAPPED_ENTRY");

static LARGE_INTEGER *ms_timeout(DWORD ms, LARGE_INTEGER *storage)
{
    if (ms == INFINITE)
        return NULL;
    storage->QuadPart = -(LONGLONG)ms * 10000;
    return storage;
}

/*
 * A new port (file INVALID_HANDLE_VALUE, existing NULL), and/or the association of file with a port and
 * key. Returns the port; a new port is closed again if the association fails.
 */
HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD threads)
{
    HANDLE port = existing;
    NTSTATUS status;
    if (!existing) {
        if ((status = NtCreateIoCompletion(&port, IO_COMPLETION_ALL_ACCESS, NULL, threads)) != STATUS_SUCCESS) {
            BaseSetLastNTError(status);
            return NULL;
        }
    } else if (file == INVALID_HANDLE_VALUE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (file != INVALID_HANDLE_VALUE) {
        FILE_COMPLETION_INFORMATION info = {port, key};
        IO_STATUS_BLOCK io;
        status = NtSetInformationFile(file, &io, &info, sizeof info, FileCompletionInformation);
        if (status != STATUS_SUCCESS) {
            if (!existing)
                NtClose(port);
            BaseSetLastNTError(status);
            return NULL;
        }
    }
    return port;
}

/*
 * One packet. A packet of a failed I/O returns FALSE with its error and still fills the outputs; a
 * timeout FALSE with WAIT_TIMEOUT and *overlapped NULL; a port closed under the wait
 * ERROR_ABANDONED_WAIT_0.
 */
BOOL WINAPI GetQueuedCompletionStatus(HANDLE port, LPDWORD bytes, PULONG_PTR key, LPOVERLAPPED *overlapped, DWORD ms)
{
    IO_STATUS_BLOCK io;
    ULONG_PTR k, ctx;
    LARGE_INTEGER t;
    if (!overlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *overlapped = NULL;
    NTSTATUS status = NtRemoveIoCompletion(port, &k, &ctx, &io, ms_timeout(ms, &t));
    if (status == STATUS_SUCCESS) {
        *bytes = (DWORD)io.Information;
        *key = k;
        *overlapped = (LPOVERLAPPED)ctx;
        if (!NT_SUCCESS(io.Status)) {
            BaseSetLastNTError(io.Status);
            return FALSE;
        }
        return TRUE;
    }
    if (status == STATUS_TIMEOUT)
        SetLastError(WAIT_TIMEOUT);
    else if (status == STATUS_ABANDONED_WAIT_0)
        SetLastError(ERROR_ABANDONED_WAIT_0);
    else
        BaseSetLastNTError(status);
    return FALSE;
}

BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY *entries, ULONG count, PULONG removed, DWORD ms,
                                        BOOL alertable)
{
    LARGE_INTEGER t;
    if (!entries || !count || !removed) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* OVERLAPPED_ENTRY and FILE_IO_COMPLETION_INFORMATION share their layout: key, context, status, bytes. */
    NTSTATUS status = NtRemoveIoCompletionEx(port, (FILE_IO_COMPLETION_INFORMATION *)entries, count, removed,
                                             ms_timeout(ms, &t), (BOOLEAN)alertable);
    if (status == STATUS_SUCCESS)
        return TRUE;
    *removed = 0;
    if (status == STATUS_TIMEOUT)
        SetLastError(WAIT_TIMEOUT);
    else if (status == STATUS_ABANDONED_WAIT_0)
        SetLastError(ERROR_ABANDONED_WAIT_0);
    else if (status == STATUS_USER_APC)
        SetLastError(WAIT_IO_COMPLETION);
    else
        BaseSetLastNTError(status);
    return FALSE;
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key, LPOVERLAPPED overlapped)
{
    NTSTATUS status = NtSetIoCompletion(port, key, (ULONG_PTR)overlapped, STATUS_SUCCESS, bytes);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetFileCompletionNotificationModes(HANDLE file, UCHAR flags)
{
    ULONG modes = flags;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtSetInformationFile(file, &io, &modes, sizeof modes, FileIoCompletionNotificationInformation);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

/*
 * The result of an overlapped operation: waits (on hEvent, or on the file handle when there is none)
 * while Internal is STATUS_PENDING if asked to; ERROR_IO_INCOMPLETE otherwise; WAIT_TIMEOUT when the
 * Ex form's timeout passes. The operation's error is the call's.
 */
BOOL WINAPI GetOverlappedResultEx(HANDLE file, LPOVERLAPPED ov, LPDWORD bytes, DWORD ms, BOOL alertable)
{
    if ((NTSTATUS)ov->Internal == STATUS_PENDING) {
        if (!ms) {
            SetLastError(ERROR_IO_INCOMPLETE);
            return FALSE;
        }
        HANDLE wait_on = ov->hEvent ? (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1) : file;
        LARGE_INTEGER t;
        NTSTATUS r = NtWaitForSingleObject(wait_on, (BOOLEAN)alertable, ms_timeout(ms, &t));
        if (r == STATUS_TIMEOUT || r == STATUS_USER_APC) {
            SetLastError(r == STATUS_TIMEOUT ? WAIT_TIMEOUT : WAIT_IO_COMPLETION);
            return FALSE;
        }
        if (!NT_SUCCESS(r)) {
            BaseSetLastNTError(r);
            return FALSE;
        }
    }
    *bytes = (DWORD)ov->InternalHigh;
    NTSTATUS status = (NTSTATUS)ov->Internal;
    if (!NT_SUCCESS(status)) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GetOverlappedResult(HANDLE file, LPOVERLAPPED ov, LPDWORD bytes, BOOL wait)
{
    return GetOverlappedResultEx(file, ov, bytes, wait ? INFINITE : 0, FALSE);
}
