/*
 * Unix domain sockets, file locks and file watches: what named pipes (io/namedpipe.c) are built on. Each
 * pipe instance is a listening socket bound in a per-user directory; SOCK_SEQPACKET keeps a message-mode
 * pipe's messages whole, SOCK_STREAM carries a byte-mode pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "host/host.h"

/* A directory that must be ours alone: created 0700 if missing, refused if it is a link, another user's,
 * or open to others (someone could bind sockets in it). */
static NTSTATUS private_dir(const char *path)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return host_status(errno);
    struct stat st;
    if (lstat(path, &st) != 0)
        return host_status(errno);
    if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077))
        return STATUS_ACCESS_DENIED;
    return STATUS_SUCCESS;
}

NTSTATUS host_npipe_root(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    char base[256];
    NTSTATUS status;
    if (xdg && xdg[0] == '/' && strlen(xdg) < 64 && access(xdg, W_OK) == 0)
        snprintf(base, sizeof base, "%s/ntexec", xdg);
    else
        snprintf(base, sizeof base, "/tmp/ntexec-%u", (unsigned)getuid());
    if ((status = private_dir(base)) != STATUS_SUCCESS)
        return status;
    if ((size_t)snprintf(buf, size, "%s/pipe", base) >= size)
        return STATUS_NAME_TOO_LONG;
    return private_dir(buf);
}

static NTSTATUS unix_address(const char *path, struct sockaddr_un *sa)
{
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sa->sun_path)
        return STATUS_NAME_TOO_LONG;
    strcpy(sa->sun_path, path);
    return STATUS_SUCCESS;
}

NTSTATUS host_unix_listen(const char *path, bool message, int *fd)
{
    *fd = -1;
    struct sockaddr_un sa;
    NTSTATUS status = unix_address(path, &sa);
    if (status != STATUS_SUCCESS)
        return status;
    int s = socket(AF_UNIX, (message ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0)
        return host_status(errno);
    unlink(path);   /* a socket file its server left behind */
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 4) != 0) {
        status = host_status(errno);
        close(s);
        return status;
    }
    *fd = s;
    return STATUS_SUCCESS;
}

NTSTATUS host_unix_connect(const char *path, bool message, int *fd)
{
    *fd = -1;
    struct sockaddr_un sa;
    NTSTATUS status = unix_address(path, &sa);
    if (status != STATUS_SUCCESS)
        return status;
    int s = socket(AF_UNIX, (message ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0)
        return host_status(errno);
    if (connect(s, (struct sockaddr *)&sa, sizeof sa) != 0) {
        int err = errno;
        close(s);
        /* No listener behind the name (its server died): refused. A full queue: busy. */
        return err == ECONNREFUSED || err == ENOENT ? STATUS_CONNECTION_REFUSED
               : err == EAGAIN                      ? STATUS_PIPE_NOT_AVAILABLE
                                                    : host_status(err);
    }
    /* The connection is blocking from here on, as a pipe handle's I/O is. */
    fcntl(s, F_SETFL, fcntl(s, F_GETFL) & ~O_NONBLOCK);
    *fd = s;
    return STATUS_SUCCESS;
}

NTSTATUS host_unix_accept(int fd, int *conn)
{
    *conn = -1;
    int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0)
        return errno == EAGAIN ? STATUS_PENDING : host_status(errno);
    *conn = c;
    return STATUS_SUCCESS;
}

NTSTATUS host_wait_readable(int fd, int cancel_fd, int64_t timeout_ns)
{
    struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = cancel_fd, .events = POLLIN}};
    int ms = timeout_ns < 0 ? -1 : (int)((timeout_ns + 999999) / 1000000);
    int r = poll(p, cancel_fd >= 0 ? 2 : 1, ms);
    if (r < 0)
        return errno == EINTR ? STATUS_ALERTED : host_status(errno);
    if (r == 0)
        return STATUS_TIMEOUT;
    if (cancel_fd >= 0 && p[1].revents)
        return STATUS_CANCELLED;
    return STATUS_SUCCESS;
}

NTSTATUS host_recv(int fd, void *buf, size_t len, unsigned flags, size_t *got, size_t *message_len)
{
    *got = 0;
    int f = MSG_TRUNC;   /* a packet's whole length comes back even when len is shorter */
    if (flags & HOST_RECV_PEEK)
        f |= MSG_PEEK;
    if (flags & HOST_RECV_NONBLOCK)
        f |= MSG_DONTWAIT;
    ssize_t r;
    do
        r = recv(fd, buf, len, f);
    while (r < 0 && errno == EINTR && !(flags & HOST_RECV_NONBLOCK));
    if (r < 0)
        return errno == EAGAIN ? STATUS_PENDING : errno == ECONNRESET ? STATUS_PIPE_BROKEN : host_status(errno);
    if (message_len)
        *message_len = (size_t)r;
    *got = (size_t)r < len ? (size_t)r : len;
    return STATUS_SUCCESS;
}

NTSTATUS host_send(int fd, const void *buf, size_t len, size_t *done)
{
    *done = 0;
    ssize_t r;
    do
        r = send(fd, buf, len, MSG_NOSIGNAL);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return errno == ECONNRESET ? STATUS_PIPE_BROKEN : host_status(errno);
    *done = (size_t)r;
    return STATUS_SUCCESS;
}

void host_shutdown(int fd)
{
    shutdown(fd, SHUT_RDWR);
}

NTSTATUS host_flock(int fd, bool lock)
{
    while (flock(fd, lock ? LOCK_EX : LOCK_UN) != 0)
        if (errno != EINTR)
            return host_status(errno);
    return STATUS_SUCCESS;
}

NTSTATUS host_file_watch(const char *path, int *fd)
{
    *fd = -1;
    int w = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w < 0)
        return host_status(errno);
    if (inotify_add_watch(w, path, IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF) < 0) {
        NTSTATUS status = host_status(errno);
        close(w);
        return status;
    }
    *fd = w;
    return STATUS_SUCCESS;
}

void host_file_watch_drain(int fd)
{
    char buf[4096];
    while (read(fd, buf, sizeof buf) > 0) {
    }
}

bool host_pid_alive(uint32_t pid)
{
    return pid && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}
