/* Anonymous pipes: CreatePipe and PeekNamedPipe over io/pipe.c. */
#include "io/io.h"
#include "win32/k32.h"

BOOL WINAPI CreatePipe(PHANDLE read, PHANDLE write, LPSECURITY_ATTRIBUTES sa, DWORD size)
{
    (void)size;   /* the host pipe's own capacity (64 KB) serves any suggested size */
    if (!read || !write) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG attributes = sa && sa->bInheritHandle ? OBJ_INHERIT : 0;
    NTSTATUS status = IoCreateAnonymousPipe(read, write, attributes);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI PeekNamedPipe(HANDLE pipe, LPVOID buffer, DWORD size, LPDWORD read, LPDWORD avail, LPDWORD left)
{
    ULONG copied, n, message_left;
    NTSTATUS status = IoPeekNamedPipe(pipe, buffer, size, &copied, &n, &message_left);   /* \\.\pipe\ */
    if (status == STATUS_SUCCESS) {
        if (read)
            *read = copied;
        if (avail)
            *avail = n;
        if (left)
            *left = message_left;
        return TRUE;
    }
    if (status == STATUS_OBJECT_TYPE_MISMATCH)
        status = IoPeekPipe(pipe, buffer, size, &copied, &n);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    if (read)
        *read = copied;
    if (avail)
        *avail = n;
    if (left)
        *left = 0;   /* a byte-mode pipe has no messages */
    return TRUE;
}
