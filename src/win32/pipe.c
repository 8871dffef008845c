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
    (void)buffer;
    (void)size;
    ULONG n;
    NTSTATUS status = IoPeekPipe(pipe, &n);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    /* The bytes themselves are not copied (a host pipe cannot be peeked): read reports 0. */
    if (read)
        *read = 0;
    if (avail)
        *avail = n;
    if (left)
        *left = 0;
    return TRUE;
}
