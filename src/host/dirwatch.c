/*
 * Directory change watches over inotify (ReadDirectoryChangesW, io/dirnotify.c): one inotify descriptor
 * per watched directory, each event handed back as a Windows-numbered action with the kinds of change it
 * is (so that io can apply the caller's FILE_NOTIFY_CHANGE_* filter). The kernel's inotify queue is the
 * buffer that keeps changes between two reads, as the directory's notify buffer does on Windows.
 * A subtree watch puts one inotify watch on every directory below (and on each new one as it appears)
 * and names a change by its path relative to the watched directory, with '\' between the parts.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "host/host.h"

#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | \
                    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct watched_dir {
    int wd;
    char *rel;   /* "" for the top directory, else "a\b" */
};

struct host_dirwatch {
    int fd;
    int cancel;   /* eventfd: host_dirwatch_cancel wakes a waiting read */
    bool subtree;
    char *root;
    struct watched_dir *dirs;
    size_t count, cap;
};

static const char *rel_of(const host_dirwatch *w, int wd)
{
    for (size_t i = 0; i < w->count; i++)
        if (w->dirs[i].wd == wd)
            return w->dirs[i].rel;
    return NULL;
}

static void forget(host_dirwatch *w, int wd)
{
    for (size_t i = 0; i < w->count; i++)
        if (w->dirs[i].wd == wd) {
            free(w->dirs[i].rel);
            w->dirs[i] = w->dirs[--w->count];
            return;
        }
}

/* Watches the directory root/rel (rel "" or "a\b"), and with a subtree every directory below it. */
static int add_dir(host_dirwatch *w, const char *rel)
{
    size_t rl = strlen(w->root), l = strlen(rel);
    char *path = malloc(rl + l + 2);
    if (!path)
        return ENOMEM;
    memcpy(path, w->root, rl);
    path[rl] = 0;
    if (l) {
        path[rl] = '/';
        for (size_t i = 0; i <= l; i++)
            path[rl + 1 + i] = rel[i] == '\\' ? '/' : rel[i];
    }
    int wd = inotify_add_watch(w->fd, path, WATCH_MASK);
    if (wd < 0) {
        int err = errno;
        free(path);
        return err;
    }
    if (!rel_of(w, wd)) {
        if (w->count == w->cap) {
            size_t cap = w->cap ? w->cap * 2 : 8;
            struct watched_dir *d = realloc(w->dirs, cap * sizeof *d);
            if (!d) {
                free(path);
                return ENOMEM;
            }
            w->dirs = d;
            w->cap = cap;
        }
        w->dirs[w->count].wd = wd;
        w->dirs[w->count].rel = strdup(rel);
        if (!w->dirs[w->count].rel) {
            free(path);
            return ENOMEM;
        }
        w->count++;
    }
    if (w->subtree) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *sub = malloc(l + strlen(e->d_name) + 2);
            if (!sub)
                break;
            sprintf(sub, "%s%s%s", rel, l ? "\\" : "", e->d_name);
            add_dir(w, sub);   /* a directory gone meanwhile is no failure */
            free(sub);
        }
        if (d)
            closedir(d);
    }
    free(path);
    return 0;
}

/* What a new directory below a subtree watch already holds when its own watch starts (made between its
 * creation and the watch): reported as added, as Windows reports each creation. */
static void report_contents(host_dirwatch *w, const char *rel, host_dirwatch_fn fn, void *ctx)
{
    size_t rl = strlen(w->root), l = strlen(rel);
    char *path = malloc(rl + l + 2);
    if (!path)
        return;
    memcpy(path, w->root, rl);
    path[rl] = '/';
    for (size_t i = 0; i <= l; i++)
        path[rl + 1 + i] = rel[i] == '\\' ? '/' : rel[i];
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *sub = malloc(l + strlen(e->d_name) + 2);
        if (!sub)
            break;
        sprintf(sub, "%s\\%s", rel, e->d_name);
        bool dir = e->d_type == DT_DIR;
        fn(ctx, HOST_ACTION_ADDED, dir ? HOST_CHANGE_DIR_NAME : HOST_CHANGE_FILE_NAME, sub);
        if (dir)
            report_contents(w, sub, fn, ctx);
        free(sub);
    }
    if (d)
        closedir(d);
    free(path);
}

void host_dirwatch_cancel(host_dirwatch *w)
{
    uint64_t one = 1;
    if (write(w->cancel, &one, sizeof one) < 0) {
        /* the counter is already set: the waiter wakes anyway */
    }
}

void host_dirwatch_close(host_dirwatch *w)
{
    if (!w)
        return;
    close(w->fd);
    if (w->cancel >= 0)
        close(w->cancel);
    for (size_t i = 0; i < w->count; i++)
        free(w->dirs[i].rel);
    free(w->dirs);
    free(w->root);
    free(w);
}

NTSTATUS host_dirwatch_open(const char *dir, bool subtree, host_dirwatch **out)
{
    host_dirwatch *w = calloc(1, sizeof *w);
    if (!w || !(w->root = strdup(dir))) {
        free(w);
        return STATUS_NO_MEMORY;
    }
    w->subtree = subtree;
    w->cancel = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0 || w->cancel < 0) {
        int err = errno;
        if (w->fd >= 0)
            close(w->fd);
        if (w->cancel >= 0)
            close(w->cancel);
        free(w->root);
        free(w);
        return host_status(err);
    }
    int err = add_dir(w, "");
    if (err) {
        host_dirwatch_close(w);
        return host_status(err);
    }
    *out = w;
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

NTSTATUS host_dirwatch_read(host_dirwatch *w, bool wait, host_dirwatch_fn fn, void *ctx)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;
    for (;;) {
        n = read(w->fd, buf, sizeof buf);
        if (n > 0)
            break;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            return host_status(errno);
        if (!wait)
            return STATUS_PENDING;
        struct pollfd p[2] = {{.fd = w->fd, .events = POLLIN}, {.fd = w->cancel, .events = POLLIN}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            return host_status(errno);
        uint64_t count;
        if ((p[1].revents & POLLIN) && read(w->cancel, &count, sizeof count) == (ssize_t)sizeof count)
            return STATUS_CANCELLED;
    }
    char name[8192];
    for (ssize_t off = 0; off < n;) {
        const struct inotify_event *e = (const struct inotify_event *)(buf + off);
        off += (ssize_t)(sizeof *e + e->len);
        if (e->mask & IN_IGNORED) {
            forget(w, e->wd);
            continue;
        }
        const char *rel = rel_of(w, e->wd);
        if (!e->len || !rel)
            continue;   /* the watched directory itself */
        snprintf(name, sizeof name, "%s%s%s", rel, *rel ? "\\" : "", e->name);
        bool dir = (e->mask & IN_ISDIR) != 0;
        unsigned name_kind = dir ? HOST_CHANGE_DIR_NAME : HOST_CHANGE_FILE_NAME;
        if (dir && w->subtree && (e->mask & (IN_CREATE | IN_MOVED_TO)))
            add_dir(w, name);
        if (e->mask & IN_CREATE) {
            fn(ctx, HOST_ACTION_ADDED, name_kind, name);
            if (dir && w->subtree)
                report_contents(w, name, fn, ctx);
        }
        else if (e->mask & IN_DELETE)
            fn(ctx, HOST_ACTION_REMOVED, name_kind, name);
        else if (e->mask & IN_MOVED_FROM)
            fn(ctx, has_cookie(buf, n, IN_MOVED_TO, e->cookie) ? HOST_ACTION_RENAMED_OLD : HOST_ACTION_REMOVED,
               name_kind, name);
        else if (e->mask & IN_MOVED_TO)
            fn(ctx, has_cookie(buf, n, IN_MOVED_FROM, e->cookie) ? HOST_ACTION_RENAMED_NEW : HOST_ACTION_ADDED,
               name_kind, name);
        else if (e->mask & IN_MODIFY)
            fn(ctx, HOST_ACTION_MODIFIED, HOST_CHANGE_SIZE | HOST_CHANGE_LAST_WRITE, name);
        else if (e->mask & IN_ATTRIB)
            fn(ctx, HOST_ACTION_MODIFIED, HOST_CHANGE_ATTRIBUTES | HOST_CHANGE_SECURITY, name);
    }
    return STATUS_SUCCESS;
}
