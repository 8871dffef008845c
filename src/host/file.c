/* File descriptors, paths and directories. Paths here are host paths; Windows paths are io/'s business. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "host/host.h"

#define EPOCH_DIFF_SECONDS 11644473600ull

NTSTATUS host_open(const char *path, unsigned flags, unsigned mode, int *fd)
{
    int o = O_CLOEXEC;
    if (flags & HOST_O_PATH)
        o |= O_PATH;
    else if ((flags & HOST_O_READ) && (flags & HOST_O_WRITE))
        o |= O_RDWR;
    else if (flags & HOST_O_WRITE)
        o |= O_WRONLY;
    else
        o |= O_RDONLY;
    o |= (flags & HOST_O_CREATE ? O_CREAT : 0) | (flags & HOST_O_EXCL ? O_EXCL : 0) |
         (flags & HOST_O_TRUNC ? O_TRUNC : 0) | (flags & HOST_O_APPEND ? O_APPEND : 0) |
         (flags & HOST_O_DIRECTORY ? O_DIRECTORY : 0);
    int r = open(path, o, mode);
    if (r < 0) {
        *fd = -1;
        return host_status(errno);
    }
    *fd = r;
    return STATUS_SUCCESS;
}

NTSTATUS host_close(int fd)
{
    return close(fd) && errno != EINTR ? host_status(errno) : STATUS_SUCCESS;
}

/*
 * Every file object is synchronous (no FILE_FLAG_OVERLAPPED), so a read or write blocks until it is done,
 * as on Windows, even when the fd is non-blocking: a parent may hand down a pipe with O_NONBLOCK set on
 * its (shared) open file description. EAGAIN means "wait until the fd is ready", never a failure.
 * Returns false when the wait itself failed (errno set).
 */
static bool wait_ready(int fd, short events)
{
    struct pollfd p = {.fd = fd, .events = events};
    int r;
    do
        r = poll(&p, 1, -1);
    while (r < 0 && errno == EINTR);
    return r >= 0;
}

NTSTATUS host_read(int fd, void *buf, size_t len, size_t *done)
{
    ssize_t r;
    for (;;) {
        r = read(fd, buf, len);
        if (r >= 0 || (errno != EINTR && !((errno == EAGAIN || errno == EWOULDBLOCK) && wait_ready(fd, POLLIN))))
            break;
    }
    *done = r > 0 ? (size_t)r : 0;
    return r < 0 ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_write(int fd, const void *buf, size_t len, size_t *done)
{
    size_t total = 0;
    while (total < len) {
        ssize_t r = write(fd, (const char *)buf + total, len - total);
        if (r < 0) {
            if (errno == EINTR || ((errno == EAGAIN || errno == EWOULDBLOCK) && wait_ready(fd, POLLOUT)))
                continue;
            *done = total;
            return host_status(errno);
        }
        total += (size_t)r;
    }
    *done = total;
    return STATUS_SUCCESS;
}

NTSTATUS host_pread(int fd, void *buf, size_t len, uint64_t off, size_t *done)
{
    ssize_t r;
    for (;;) {
        r = pread(fd, buf, len, (off_t)off);
        if (r >= 0 || (errno != EINTR && !((errno == EAGAIN || errno == EWOULDBLOCK) && wait_ready(fd, POLLIN))))
            break;
    }
    *done = r > 0 ? (size_t)r : 0;
    return r < 0 ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_pwrite(int fd, const void *buf, size_t len, uint64_t off, size_t *done)
{
    size_t total = 0;
    while (total < len) {
        ssize_t r = pwrite(fd, (const char *)buf + total, len - total, (off_t)(off + total));
        if (r < 0) {
            if (errno == EINTR || ((errno == EAGAIN || errno == EWOULDBLOCK) && wait_ready(fd, POLLOUT)))
                continue;
            *done = total;
            return host_status(errno);
        }
        total += (size_t)r;
    }
    *done = total;
    return STATUS_SUCCESS;
}

NTSTATUS host_seek(int fd, int64_t off, int whence, uint64_t *pos)
{
    off_t r = lseek(fd, (off_t)off, whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END);
    if (r < 0)
        return host_status(errno);
    if (pos)
        *pos = (uint64_t)r;
    return STATUS_SUCCESS;
}

NTSTATUS host_truncate(int fd, uint64_t size)
{
    return ftruncate(fd, (off_t)size) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_fsync(int fd)
{
    return fsync(fd) && errno != EINVAL ? host_status(errno) : STATUS_SUCCESS;
}

static uint64_t filetime_of(struct timespec ts)
{
    if (ts.tv_sec < -(int64_t)EPOCH_DIFF_SECONDS)
        return 0;
    return ((uint64_t)ts.tv_sec + EPOCH_DIFF_SECONDS) * 10000000u + (uint64_t)ts.tv_nsec / 100;
}

static void fill_stat(const struct stat *s, struct host_stat *st)
{
    st->size = (uint64_t)s->st_size;
    st->alloc_size = (uint64_t)s->st_blocks * 512;
    st->type = S_ISREG(s->st_mode) ? HOST_FT_FILE : S_ISDIR(s->st_mode) ? HOST_FT_DIR
             : S_ISCHR(s->st_mode) ? HOST_FT_CHAR : S_ISFIFO(s->st_mode) ? HOST_FT_PIPE
             : S_ISSOCK(s->st_mode) ? HOST_FT_SOCKET : HOST_FT_OTHER;
    st->mode = s->st_mode & 07777;
    st->nlink = (uint32_t)s->st_nlink;
    st->dev = s->st_dev;
    st->ino = s->st_ino;
    st->atime = filetime_of(s->st_atim);
    st->mtime = filetime_of(s->st_mtim);
    st->ctime = filetime_of(s->st_ctim);
}

NTSTATUS host_fstat(int fd, struct host_stat *st)
{
    struct stat s;
    memset(st, 0, sizeof *st);
    if (fstat(fd, &s))
        return host_status(errno);
    fill_stat(&s, st);
    st->writable = (s.st_mode & 0222) != 0;
    return STATUS_SUCCESS;
}

NTSTATUS host_stat(const char *path, struct host_stat *st)
{
    struct stat s;
    memset(st, 0, sizeof *st);
    if (stat(path, &s))
        return host_status(errno);
    fill_stat(&s, st);
    /* FILE_ATTRIBUTE_READONLY is the file's own property: no write bit at all is read-only even for root,
     * whom access(W_OK) always allows */
    st->writable = (s.st_mode & 0222) != 0 && access(path, W_OK) == 0;
    return STATUS_SUCCESS;
}

bool host_exists(const char *path)
{
    struct stat s;
    return stat(path, &s) == 0;
}

static struct timespec timespec_of(uint64_t filetime)
{
    struct timespec ts;
    if (!filetime) {
        ts.tv_sec = 0;
        ts.tv_nsec = UTIME_OMIT;
        return ts;
    }
    ts.tv_sec = (time_t)(filetime / 10000000u) - (time_t)EPOCH_DIFF_SECONDS;
    ts.tv_nsec = (long)(filetime % 10000000u) * 100;
    return ts;
}

NTSTATUS host_set_times(int fd, uint64_t atime, uint64_t mtime)
{
    struct timespec ts[2] = {timespec_of(atime), timespec_of(mtime)};
    return futimens(fd, ts) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_dup(int fd, int *out)
{
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    *out = r;
    return r < 0 ? host_status(errno) : STATUS_SUCCESS;
}

bool host_isatty(int fd)
{
    return isatty(fd) == 1;
}

NTSTATUS host_mkdir(const char *path)
{
    return mkdir(path, 0777) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_rmdir(const char *path)
{
    return rmdir(path) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_unlink(const char *path)
{
    return unlink(path) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_rename(const char *from, const char *to, bool replace)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, replace ? 0 : RENAME_NOREPLACE) == 0)
        return STATUS_SUCCESS;
    if (errno == EINVAL && !replace) {  /* file systems without RENAME_NOREPLACE */
        if (access(to, F_OK) == 0)
            return STATUS_OBJECT_NAME_COLLISION;
        return rename(from, to) ? host_status(errno) : STATUS_SUCCESS;
    }
    return host_status(errno);
}

NTSTATUS host_chmod(const char *path, uint32_t mode)
{
    return chmod(path, mode) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_link(const char *from, const char *to, bool replace)
{
    if (link(from, to) == 0)
        return STATUS_SUCCESS;
    if (errno != EEXIST || !replace)
        return host_status(errno);
    struct stat a, b;
    if (stat(from, &a) == 0 && lstat(to, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return STATUS_SUCCESS;   /* already a name of the file (rename() would leave the temporary name) */
    /* Replace atomically: link to a fresh name beside the target, then rename it over the target. */
    size_t n = strlen(to);
    char *tmp = malloc(n + 24);
    if (!tmp)
        return STATUS_NO_MEMORY;
    NTSTATUS status = STATUS_OBJECT_NAME_COLLISION;
    for (int attempt = 0; attempt < 16 && status == STATUS_OBJECT_NAME_COLLISION; attempt++) {
        uint32_t r;
        host_random(&r, sizeof r);
        snprintf(tmp, n + 24, "%s.ntexec-%08x", to, r);
        status = link(from, tmp) == 0 ? STATUS_SUCCESS : host_status(errno);
    }
    if (status == STATUS_SUCCESS && rename(tmp, to) != 0) {
        status = host_status(errno);
        unlink(tmp);
    }
    free(tmp);
    return status;
}

NTSTATUS host_fsinfo(int fd, const char *path, struct host_fsinfo *info)
{
    struct statvfs v;
    struct stat s;
    memset(info, 0, sizeof *info);
    if (fd >= 0 ? fstatvfs(fd, &v) || fstat(fd, &s) : statvfs(path, &v) || stat(path, &s))
        return host_status(errno);
    info->block_size = v.f_frsize ? v.f_frsize : v.f_bsize;
    info->blocks = v.f_blocks;
    info->blocks_free = v.f_bfree;
    info->blocks_avail = v.f_bavail;
    info->fsid = v.f_fsid;
    info->dev = s.st_dev;
    info->name_max = (uint32_t)v.f_namemax;
    info->read_only = (v.f_flag & ST_RDONLY) != 0;
    return STATUS_SUCCESS;
}

NTSTATUS host_copy_file_range(int in, uint64_t in_offset, int out, uint64_t out_offset, uint64_t len)
{
    bool in_kernel = true;
    char *buf = NULL;
    while (len) {
        size_t chunk = len < (1u << 30) ? (size_t)len : (1u << 30);
        ssize_t n = -1;
        if (in_kernel) {
            loff_t from = (loff_t)in_offset, to = (loff_t)out_offset;
            n = copy_file_range(in, &from, out, &to, chunk, 0);
            if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)) {
                in_kernel = false;   /* another file system type, or no support: through a buffer */
                continue;
            }
        } else {
            if (!buf && !(buf = malloc(1u << 16)))
                return STATUS_NO_MEMORY;
            n = pread(in, buf, chunk < (1u << 16) ? chunk : (1u << 16), (off_t)in_offset);
            if (n > 0) {
                for (ssize_t done = 0, w; done < n; done += w)
                    if ((w = pwrite(out, buf + done, (size_t)(n - done), (off_t)(out_offset + (uint64_t)done))) <= 0) {
                        n = -1;
                        break;
                    }
            }
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            NTSTATUS status = n ? host_status(errno) : STATUS_END_OF_FILE;
            free(buf);
            return status;
        }
        in_offset += (uint64_t)n;
        out_offset += (uint64_t)n;
        len -= (uint64_t)n;
    }
    free(buf);
    return STATUS_SUCCESS;
}

NTSTATUS host_make_directories(const char *path)
{
    char dir[4096];
    size_t n = strlen(path);
    if (!n || n >= sizeof dir)
        return STATUS_NAME_TOO_LONG;
    memcpy(dir, path, n + 1);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        mkdir(dir, 0700);
        *p = '/';
    }
    return mkdir(dir, 0700) && errno != EEXIST ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_user_path(const char *xdg_var, const char *home_default, const char *sub, char *path, size_t size)
{
    const char *xdg = getenv(xdg_var), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(path, size, "%s/%s", xdg, sub);
    else if (home && *home)
        n = snprintf(path, size, "%s/%s/%s", home, home_default, sub);
    else
        return STATUS_OBJECT_PATH_NOT_FOUND;
    return n < 0 || (size_t)n >= size ? STATUS_NAME_TOO_LONG : STATUS_SUCCESS;
}

NTSTATUS host_user_directory(const char *xdg_var, const char *home_default, const char *sub, char *path,
                             size_t size)
{
    NTSTATUS status = host_user_path(xdg_var, home_default, sub, path, size);
    return status == STATUS_SUCCESS ? host_make_directories(path) : status;
}

NTSTATUS host_map_file(int fd, const void **data, size_t *size)
{
    struct stat s;
    *data = NULL;
    *size = 0;
    if (fstat(fd, &s))
        return host_status(errno);
    if (!S_ISREG(s.st_mode))
        return STATUS_INVALID_FILE_FOR_SECTION;
    if (s.st_size == 0)
        return STATUS_SUCCESS;
    void *p = mmap(NULL, (size_t)s.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return host_status(errno);
    *data = p;
    *size = (size_t)s.st_size;
    return STATUS_SUCCESS;
}

void host_release_file_pages(const void *data, size_t size)
{
    if (data)
        (void)madvise((void *)data, size, MADV_DONTNEED);
}

void host_unmap_file(const void *data, size_t size)
{
    if (data)
        munmap((void *)data, size);
}

/* A directory's names, read whole at open and sorted as NTFS lists them: "." and ".." first, then by the
 * upper-cased name (NTFS's collation; the letters of other scripts compare as their UTF-8 bytes), so
 * listings come out in the same order on every Linux file system, as they do on Windows and under Wine. */
struct host_dir {
    char *path;
    char **names;
    size_t count, capacity, next;
};

static int dot_rank(const char *name)
{
    return !strcmp(name, ".") ? 0 : !strcmp(name, "..") ? 1 : 2;
}

static int ntfs_order(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    int ra = dot_rank(a), rb = dot_rank(b);
    if (ra != rb || ra < 2)
        return ra - rb;
    for (;; a++, b++) {
        int ca = toupper((unsigned char)*a), cb = toupper((unsigned char)*b);
        if (ca != cb || !ca)
            return ca != cb ? ca - cb : strcmp(a, b);
    }
}

static void free_names(host_dir *dir)
{
    for (size_t i = 0; i < dir->count; i++)
        free(dir->names[i]);
    dir->count = dir->next = 0;
}

void host_dir_close(host_dir *dir)
{
    if (!dir)
        return;
    free_names(dir);
    free(dir->names);
    free(dir->path);
    free(dir);
}

/* Reads the directory's names afresh and sorts them. */
static NTSTATUS load_names(host_dir *dir)
{
    free_names(dir);
    DIR *d = opendir(dir->path);
    if (!d)
        return host_status(errno);
    NTSTATUS status = STATUS_SUCCESS;
    for (struct dirent *e; status == STATUS_SUCCESS;) {
        errno = 0;
        if (!(e = readdir(d))) {
            status = errno ? host_status(errno) : STATUS_SUCCESS;
            break;
        }
        if (dir->count == dir->capacity) {
            size_t capacity = dir->capacity ? dir->capacity * 2 : 64;
            char **grown = realloc(dir->names, capacity * sizeof *grown);
            if (!grown) {
                status = STATUS_NO_MEMORY;
                break;
            }
            dir->names = grown;
            dir->capacity = capacity;
        }
        if (!(dir->names[dir->count] = strdup(e->d_name)))
            status = STATUS_NO_MEMORY;
        else
            dir->count++;
    }
    closedir(d);
    if (dir->count)
        qsort(dir->names, dir->count, sizeof *dir->names, ntfs_order);
    return status;
}

NTSTATUS host_dir_open(const char *path, host_dir **dir)
{
    *dir = NULL;
    host_dir *hd = calloc(1, sizeof *hd);
    if (!hd || !(hd->path = strdup(path))) {
        free(hd);
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = load_names(hd);
    if (status != STATUS_SUCCESS) {
        host_dir_close(hd);
        return status;
    }
    *dir = hd;
    return STATUS_SUCCESS;
}

NTSTATUS host_dir_read(host_dir *dir, char *name, size_t size)
{
    if (dir->next == dir->count)
        return STATUS_NO_MORE_FILES;
    const char *next = dir->names[dir->next];
    size_t len = strlen(next);
    if (len >= size)
        return STATUS_BUFFER_OVERFLOW;
    memcpy(name, next, len + 1);
    dir->next++;
    return STATUS_SUCCESS;
}

/* Starts the listing again with the directory's present names (a restart scan sees files created since). */
void host_dir_rewind(host_dir *dir)
{
    if (load_names(dir) != STATUS_SUCCESS)
        free_names(dir);
}

/* ---- extended attributes and file system types ---------------------------------------------------------------- */
#include <sys/statfs.h>
#include <sys/xattr.h>

/* ENODATA (no such attribute) is STATUS_NOT_FOUND; a file system without user attributes says
 * STATUS_NOT_SUPPORTED. */
static NTSTATUS xattr_status(int err)
{
    return err == ENODATA ? STATUS_NOT_FOUND : err == ENOTSUP ? STATUS_NOT_SUPPORTED : host_status(err);
}

NTSTATUS host_xattr_get(int fd, const char *path, const char *name, void *buf, size_t size, size_t *len)
{
    *len = 0;
    ssize_t n = fd >= 0 ? fgetxattr(fd, name, buf, size) : getxattr(path, name, buf, size);
    if (n < 0)
        return xattr_status(errno);
    *len = (size_t)n;
    return STATUS_SUCCESS;
}

NTSTATUS host_xattr_set(int fd, const char *path, const char *name, const void *buf, size_t len)
{
    int r = fd >= 0 ? fsetxattr(fd, name, buf, len, 0) : setxattr(path, name, buf, len, 0);
    return r ? xattr_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_xattr_remove(int fd, const char *path, const char *name)
{
    int r = fd >= 0 ? fremovexattr(fd, name) : removexattr(path, name);
    return r ? xattr_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_fs_type(int fd, const char *path, uint64_t *magic)
{
    struct statfs s;
    *magic = 0;
    if (fd >= 0 ? fstatfs(fd, &s) : statfs(path, &s))
        return host_status(errno);
    *magic = (uint64_t)s.f_type;
    return STATUS_SUCCESS;
}

NTSTATUS host_pipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) != 0)
        return host_status(errno);
    return STATUS_SUCCESS;
}

NTSTATUS host_pipe_available(int fd, size_t *avail)
{
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0)
        return host_status(errno);
    *avail = n > 0 ? (size_t)n : 0;
    return STATUS_SUCCESS;
}

bool host_pipe_writer_gone(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) != 0;
}

/*
 * Byte-range locks between processes: open-file-description locks (F_OFD_SETLK), owned by the open file
 * (one per NT file object) rather than by the process, as NT's locks belong to a file object. kind 0
 * unlocks, 1 takes a shared (read) lock, 2 an exclusive (write) one; never waits. A conflict is
 * STATUS_LOCK_NOT_GRANTED; a range past the host's off_t is clamped to "to the end and beyond".
 */
NTSTATUS host_range_lock(int fd, uint64_t offset, uint64_t length, int kind)
{
    if (!length || offset > (uint64_t)INT64_MAX)
        return STATUS_SUCCESS;   /* nothing the host can express: a zero-length lock conflicts with nothing */
    struct flock fl = {0};
    fl.l_type = kind == 0 ? F_UNLCK : kind == 1 ? F_RDLCK : F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = (off_t)offset;
    fl.l_len = length > (uint64_t)INT64_MAX - offset ? 0 : (off_t)length;
    if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
        return STATUS_SUCCESS;
    if (errno == EAGAIN || errno == EACCES)
        return STATUS_LOCK_NOT_GRANTED;
    return host_status(errno);
}
