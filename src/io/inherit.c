/*
 * File objects crossing into a child host (a guest's CreateProcess with inherited handles). The host fd
 * crosses by exec (ps/spawn.c places it); the object's fields cross in the creation message, so that the
 * child's file object is the parent's: same open file description (position, append mode), same name,
 * access and kind. What stays behind: a pending delete (the parent's object deletes the file when it
 * goes), enumeration state, and the share-mode record (io/share.c is per host; see docs/DESIGN.md).
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"

BOOLEAN IoDescribeFileObject(PFILE_OBJECT f, struct io_file_description *d)
{
    if (f->Fd < 0)
        return FALSE;
    memset(d, 0, sizeof *d);
    d->Access = f->Access;
    d->Flags = f->Flags;
    d->HostType = f->HostType;
    d->Options = f->Options;
    d->ShareAccess = f->ShareAccess;
    d->PipeReadEnd = f->Pipe != NULL;
    d->FileName = f->FileName;
    d->HostPath = f->HostPath;
    return TRUE;
}

NTSTATUS IoCreateInheritedFileObject(int fd, const struct io_file_description *d, PFILE_OBJECT *file)
{
    PFILE_OBJECT f;
    NTSTATUS status = IoCreateFileObjectForFd(fd, d->Access, &f);
    if (status != STATUS_SUCCESS)
        return status;
    f->Flags = d->Flags;
    f->HostType = (enum host_file_type)d->HostType;
    f->Options = d->Options;
    f->ShareAccess = d->ShareAccess;
    if (d->FileName.Length)
        status = ObCaptureUnicodeString(&f->FileName, d->FileName.Buffer, d->FileName.Length);
    if (status == STATUS_SUCCESS && d->HostPath) {
        size_t n = strlen(d->HostPath) + 1;
        if ((f->HostPath = malloc(n)))
            memcpy(f->HostPath, d->HostPath, n);
        else
            status = STATUS_NO_MEMORY;
    }
    if (status == STATUS_SUCCESS && d->PipeReadEnd)
        status = IopInitializePipeReadEnd(f);
    if (status != STATUS_SUCCESS) {
        ObDereferenceObject(f);
        return status;
    }
    *file = f;
    return STATUS_SUCCESS;
}
