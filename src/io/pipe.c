/*
 * Anonymous pipes (CreatePipe): two file objects of the pipe kind over one host pipe. Writes go through
 * NtWriteFile like any file object (EPIPE is STATUS_PIPE_BROKEN; SIGPIPE is ignored process-wide in
 * host/signal.c); NtReadFile maps a zero-byte pipe read to STATUS_PIPE_BROKEN.
 *
 * PeekNamedPipe must show bytes without consuming them, which a host pipe cannot do: the read end's
 * struct io_pipe keeps the bytes a peek took out of the host pipe, and reads drain them first. Its lock
 * serializes the reads of the file object (a synchronous file object's I/O is serialized on Windows too) and
 * guards the buffer. It is a user lock: a reader blocked in the host read may be stopped at ExitProcess.
 * A peek never blocks: when a read holds the lock (it is waiting for data, or copying), the peek reports
 * the host pipe's count and copies nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "nt/file.h"
#include "ps/ps.h"

#define PEEK_MAX (64 * 1024)   /* a host pipe's default capacity: more is never waiting */

struct io_pipe {
    host_lock Lock;
    unsigned char *Peeked;     /* bytes taken from the host pipe by a peek, not yet read */
    size_t PeekedLength;
};

static NTSTATUS pipe_end(int fd, ACCESS_MASK access, bool read_end, ULONG attributes, HANDLE *handle)
{
    PFILE_OBJECT f;
    NTSTATUS status = IoCreateFileObjectForFd(fd, access, &f);
    if (status != STATUS_SUCCESS)
        return status;
    f->HostType = HOST_FT_PIPE;
    if (read_end && !(f->Pipe = calloc(1, sizeof *f->Pipe)))
        status = STATUS_NO_MEMORY;
    if (status == STATUS_SUCCESS)
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
    status = pipe_end(fds[0], FILE_GENERIC_READ | FILE_WRITE_ATTRIBUTES, true, attributes, read);
    if (status == STATUS_SUCCESS) {
        status = pipe_end(fds[1], FILE_GENERIC_WRITE | FILE_READ_ATTRIBUTES, false, attributes, write);
        if (status != STATUS_SUCCESS)
            ObCloseHandleInTable(&PsGetCurrentProcess()->ObjectTable, *read);
    }
    host_close(fds[0]);
    host_close(fds[1]);
    return status;
}

NTSTATUS IopInitializePipeReadEnd(PFILE_OBJECT f)
{
    f->HostType = HOST_FT_PIPE;
    if (!f->Pipe && !(f->Pipe = calloc(1, sizeof *f->Pipe)))
        return STATUS_NO_MEMORY;
    return STATUS_SUCCESS;
}

void IopDeletePipe(PFILE_OBJECT f)
{
    if (f->Pipe) {
        free(f->Pipe->Peeked);
        free(f->Pipe);
        f->Pipe = NULL;
    }
}

NTSTATUS IopReadPipe(PFILE_OBJECT f, void *buffer, size_t length, size_t *done)
{
    struct io_pipe *p = f->Pipe;
    *done = 0;
    host_user_lock_acquire(&p->Lock);
    NTSTATUS status = STATUS_SUCCESS;
    if (p->PeekedLength) {
        size_t n = length < p->PeekedLength ? length : p->PeekedLength;
        memcpy(buffer, p->Peeked, n);
        memmove(p->Peeked, p->Peeked + n, p->PeekedLength - n);
        p->PeekedLength -= n;
        *done = n;
    } else {
        status = host_read(f->Fd, buffer, length, done);
    }
    host_user_lock_release(&p->Lock);
    return status;
}

/* Moves up to want waiting bytes from the host pipe into the peek buffer; the lock is held. Only what
 * FIONREAD reported is read, so the read does not block. */
static NTSTATUS fill_peek(PFILE_OBJECT f, struct io_pipe *p, size_t want, size_t waiting)
{
    if (want > PEEK_MAX)
        want = PEEK_MAX;
    if (p->PeekedLength >= want || !waiting)
        return STATUS_SUCCESS;
    size_t n = want - p->PeekedLength < waiting ? want - p->PeekedLength : waiting;
    if (!p->Peeked && !(p->Peeked = malloc(PEEK_MAX)))
        return STATUS_NO_MEMORY;
    size_t got = 0;
    NTSTATUS status = host_read(f->Fd, p->Peeked + p->PeekedLength, n, &got);
    p->PeekedLength += got;
    return status;
}

NTSTATUS IoPeekPipe(HANDLE handle, void *buffer, ULONG size, ULONG *copied, ULONG *available)
{
    *copied = 0;
    *available = 0;
    PFILE_OBJECT f;
    NTSTATUS status = ObReferenceObjectByHandle(handle, IoFileObjectType, (void **)&f);
    if (status != STATUS_SUCCESS)
        return status;
    if (f->HostType != HOST_FT_PIPE || f->Fd < 0 || !(f->Access & FILE_READ_DATA)) {
        /* PeekNamedPipe needs GENERIC_READ: the write end of an anonymous pipe is refused. */
        status = f->HostType != HOST_FT_PIPE || f->Fd < 0 ? STATUS_INVALID_PARAMETER : STATUS_ACCESS_DENIED;
        ObDereferenceObject(f);
        return status;
    }
    size_t waiting = 0, peeked = 0;
    struct io_pipe *p = f->Pipe;
    if (p && host_user_lock_try(&p->Lock)) {
        status = host_pipe_available(f->Fd, &waiting);
        if (status == STATUS_SUCCESS && buffer && size)
            status = fill_peek(f, p, size, waiting);
        if (status == STATUS_SUCCESS && buffer && size) {
            *copied = (ULONG)(size < p->PeekedLength ? size : p->PeekedLength);
            if (*copied)   /* nothing peeked yet: no buffer either */
                memcpy(buffer, p->Peeked, *copied);
        }
        peeked = p->PeekedLength;
        if (status == STATUS_SUCCESS)
            status = host_pipe_available(f->Fd, &waiting);
        host_user_lock_release(&p->Lock);
    } else {
        status = host_pipe_available(f->Fd, &waiting);
    }
    size_t total = peeked + waiting;
    *available = total > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)total;
    if (status == STATUS_SUCCESS && total == 0 && host_pipe_writer_gone(f->Fd))
        status = STATUS_PIPE_BROKEN;
    ObDereferenceObject(f);
    return status;
}
