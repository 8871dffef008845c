/*
 * Anonymous pipes (CreatePipe): two file objects of the pipe kind over one host pipe. Reads and writes go
 * through NtReadFile/NtWriteFile like any file object (io/file.c maps a zero-byte pipe read to
 * STATUS_PIPE_BROKEN and EPIPE to the same status; SIGPIPE is ignored process-wide in host/signal.c).
 */
#include "io/io.h"
#include "nt/file.h"
#include "ps/ps.h"

static NTSTATUS pipe_end(int fd, ACCESS_MASK access, ULONG attributes, HANDLE *handle)
{
    PFILE_OBJECT f;
    NTSTATUS status = IoCreateFileObjectForFd(fd, access, &f);
    if (status != STATUS_SUCCESS)
        return status;
    f->HostType = HOST_FT_PIPE;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, f, f->Access, attributes, handle);
    ObDereferenceObject(f);
    return status;
}

NTSTATUS IoCreateAnonymousPipe(HANDLE *read, HANDLE *write, ULONG attributes)
{
    int fds[2];
    NTSTATUS status = host_pipe(fds);
    if (status != STATUS_SUCCESS)
        return status;
    /* The file objects hold duplicates; the originals go once both ends exist. */
    status = pipe_end(fds[0], FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTES, attributes, read);
    if (status == STATUS_SUCCESS) {
        status = pipe_end(fds[1], FILE_GENERIC_WRITE | FILE_READ_ATTRIBUTES, attributes, write);
        if (status != STATUS_SUCCESS)
            ObCloseHandleInTable(&PsGetCurrentProcess()->ObjectTable, *read);
    }
    host_close(fds[0]);
    host_close(fds[1]);
    return status;
}

NTSTATUS IoPeekPipe(HANDLE handle, ULONG *available)
{
    *available = 0;
    PFILE_OBJECT f;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    if (status != STATUS_SUCCESS)
        return status;
    size_t n = 0;
    if (f->HostType != HOST_FT_PIPE || f->Fd < 0)
        status = STATUS_INVALID_PARAMETER;
    else if ((status = host_pipe_available(f->Fd, &n)) == STATUS_SUCCESS && n == 0 && host_pipe_writer_gone(f->Fd))
        status = STATUS_PIPE_BROKEN;
    *available = n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)n;
    ObDereferenceObject(f);
    return status;
}
