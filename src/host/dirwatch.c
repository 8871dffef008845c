/*
 * Directory change watches over inotify (ReadDirectoryChangesW, io/dirnotify.c): one inotify descriptor
 * per watched directory, each event handed back as a Windows-numbered action with the kinds of change it
 * is (so that io can apply the caller's FILE_NOTIFY_CHANGE_* filter). The kernel's inotify queue is the
 * buffer that keeps changes between two reads, as the directory's notify buffer does on Windows.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "host/host.h"

#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | \
                    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

NTSTATUS host_dirwatch_open(const char *dir, int *fd)
{
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (in < 0)
        return host_status(errno);
    if (inotify_add_watch(in, dir, WATCH_MASK) < 0) {
        int err = errno;
        close(in);
        return host_status(err);
    }
    *fd = in;
    return STATUS_SUCCESS;
}

/* A rename's old name is paired with the new one by cookie within one read; an unpaired half is a file
 * that left (removed) or came in from elsewhere (added), as Windows reports moves across directories. */
static bool has_cookie(const char *buf, ssize_t n, uint32_t mask, uint32_t cookie)
{
    for (ssize_t off = 0; off < n;) {
        const struct inotify_event *e = (const struct inotify_event *)(buf + off);
        if ((e->mask & mask) && e->cookie == cookie)
            return true;
        off += (ssize_t)(sizeof *e + e->len);
    }
    return false;
}

NTSTATUS host_dirwatch_read(int fd, bool wait, host_dirwatch_fn fn, void *ctx)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;
    for (;;) {
        n = read(fd, buf, sizeof buf);
        if (n > 0)
            break;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            return host_status(errno);
        if (!wait)
            return STATUS_PENDING;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, -1) < 0 && errno != EINTR)
            return host_status(errno);
    }
    for (ssize_t off = 0; off < n;) {
        const struct inotify_event *e = (const struct inotify_event *)(buf + off);
        off += (ssize_t)(sizeof *e + e->len);
        if (!e->len)
            continue;   /* the watched directory itself */
        bool dir = (e->mask & IN_ISDIR) != 0;
        unsigned name_kind = dir ? HOST_CHANGE_DIR_NAME : HOST_CHANGE_FILE_NAME;
        if (e->mask & IN_CREATE)
            fn(ctx, HOST_ACTION_ADDED, name_kind, e->name);
        else if (e->mask & IN_DELETE)
            fn(ctx, HOST_ACTION_REMOVED, name_kind, e->name);
        else if (e->mask & IN_MOVED_FROM)
            fn(ctx, has_cookie(buf, n, IN_MOVED_TO, e->cookie) ? HOST_ACTION_RENAMED_OLD : HOST_ACTION_REMOVED,
               name_kind, e->name);
        else if (e->mask & IN_MOVED_TO)
            fn(ctx, has_cookie(buf, n, IN_MOVED_FROM, e->cookie) ? HOST_ACTION_RENAMED_NEW : HOST_ACTION_ADDED,
               name_kind, e->name);
        else if (e->mask & IN_MODIFY)
            fn(ctx, HOST_ACTION_MODIFIED, HOST_CHANGE_SIZE | HOST_CHANGE_LAST_WRITE, e->name);
        else if (e->mask & IN_ATTRIB)
            fn(ctx, HOST_ACTION_MODIFIED, HOST_CHANGE_ATTRIBUTES | HOST_CHANGE_SECURITY, e->name);
    }
    return STATUS_SUCCESS;
}
