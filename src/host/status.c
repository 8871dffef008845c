/* The one errno -> NTSTATUS table (STYLE.md: only host/ sees errno). */
#define _GNU_SOURCE
#include <errno.h>

#include "host/host.h"

NTSTATUS host_status(int err)
{
    switch (err) {
    case 0:            return STATUS_SUCCESS;
    case ENOENT:       return STATUS_OBJECT_NAME_NOT_FOUND;
    case ENOTDIR:      return STATUS_OBJECT_PATH_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EROFS:        return STATUS_ACCESS_DENIED;
    case EEXIST:       return STATUS_OBJECT_NAME_COLLISION;
    case EISDIR:       return STATUS_FILE_IS_A_DIRECTORY;
    case ENOTEMPTY:    return STATUS_DIRECTORY_NOT_EMPTY;
    case EBADF:        return STATUS_INVALID_HANDLE;
    case EINVAL:       return STATUS_INVALID_PARAMETER;
    case ENOMEM:       return STATUS_NO_MEMORY;
    case ENOSPC:
    case EDQUOT:       return STATUS_DISK_FULL;
    case EMFILE:
    case ENFILE:       return STATUS_TOO_MANY_OPENED_FILES;
    case ENAMETOOLONG: return STATUS_NAME_TOO_LONG;
    case EPIPE:        return STATUS_PIPE_BROKEN;
    case EXDEV:        return STATUS_NOT_SAME_DEVICE;
    case EBUSY:
    case ETXTBSY:      return STATUS_SHARING_VIOLATION;
    /* EAGAIN is "no resources now" (thread creation, locked memory); never STATUS_PENDING, which is a
     * success code: the I/O paths wait for readiness instead (host/file.c). */
    case EAGAIN:       return STATUS_INSUFFICIENT_RESOURCES;
    case EFBIG:        return STATUS_DISK_FULL;
    case EINTR:        return STATUS_ALERTED;
    case ETIMEDOUT:    return STATUS_TIMEOUT;
    case ESPIPE:       return STATUS_INVALID_PARAMETER;
    case ELOOP:        return STATUS_OBJECT_PATH_NOT_FOUND;
    case EIO:          return STATUS_IO_DEVICE_ERROR;
    case EFAULT:       return STATUS_ACCESS_VIOLATION;
    case ENOSYS:
    case EOPNOTSUPP:   return STATUS_NOT_SUPPORTED;
    case ESRCH:        return STATUS_INVALID_CID;
    case EMLINK:       return STATUS_TOO_MANY_LINKS;
    default:           return STATUS_UNSUCCESSFUL;
    }
}
