/*
 * Other host processes: starting this binary again as a child host (posix_spawn, with chosen fds at
 * fixed numbers), pidfds (wait, reap, kill), shared memory between hosts (memfd), futexes on it, and
 * reading and writing another host's memory (process_vm_readv/writev).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host/host.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

extern char **environ;

NTSTATUS host_spawn_self(const char *const *argv, const int *fds, size_t nfds, bool new_group, uint32_t *pid,
                         int *pidfd)
{
    char exe[4096];
    NTSTATUS status = host_self_exe(exe, sizeof exe);
    if (status != STATUS_SUCCESS)
        return status;
    /* Copies above every target number first, so that placing fds[i] at 3 + i never overwrites a source
     * still to be placed; the copies are close-on-exec and go after the spawn. */
    int *tmp = calloc(nfds ? nfds : 1, sizeof *tmp);
    if (!tmp)
        return STATUS_NO_MEMORY;
    size_t made = 0;
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    for (; made < nfds; made++) {
        tmp[made] = fcntl(fds[made], F_DUPFD_CLOEXEC, (int)(3 + nfds));
        if (tmp[made] < 0) {
            status = host_status(errno);
            goto out;
        }
        posix_spawn_file_actions_adddup2(&actions, tmp[made], (int)(3 + made));
    }
    /* The child host's own fds 0 and 1 are /dev/null: its process uses the handles it was given, and a
     * reader of this host's stdout must see the end when the processes holding it have ended. fd 2 stays
     * for the child host's own diagnostics (a program that cannot start, --trace). */
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    /* Only what was chosen crosses: fds this host inherited without close-on-exec stay behind too. */
    posix_spawn_file_actions_addclosefrom_np(&actions, (int)(3 + nfds));
    /* The child starts with no signal blocked; its own start-up blocks what it receives on a thread. */
    sigset_t none;
    sigemptyset(&none);
    short flags = POSIX_SPAWN_SETSIGMASK;
    posix_spawnattr_setsigmask(&attr, &none);
    if (new_group) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&attr, 0);
    }
    posix_spawnattr_setflags(&attr, flags);
    pid_t child;
    int err = posix_spawn(&child, exe, &actions, &attr, (char *const *)argv, environ);
    if (err) {
        status = host_status(err);
        goto out;
    }
    int fd = (int)syscall(SYS_pidfd_open, child, 0);
    if (fd < 0) {
        status = host_status(errno);
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        goto out;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    *pid = (uint32_t)child;
    *pidfd = fd;
out:
    for (size_t i = 0; i < made; i++)
        close(tmp[i]);
    free(tmp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return status;
}

NTSTATUS host_pidfd_open(uint32_t pid, int *pidfd)
{
    int fd = (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
    if (fd < 0)
        return host_status(errno);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    *pidfd = fd;
    return STATUS_SUCCESS;
}

bool host_pidfd_exited(int pidfd)
{
    struct timespec zero = {0, 0};
    fd_set set;
    FD_ZERO(&set);
    FD_SET(pidfd, &set);
    return pselect(pidfd + 1, &set, NULL, NULL, &zero, NULL) > 0;
}

NTSTATUS host_pidfd_kill(int pidfd)
{
    if (syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) && errno != ESRCH)
        return host_status(errno);
    return STATUS_SUCCESS;
}

/* How the process ended, when it is this host's child; reaps it. */
enum host_child_end host_pidfd_reap(int pidfd, int *value)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    *value = 0;
    if (waitid((idtype_t)P_PIDFD, (id_t)pidfd, &info, WEXITED) != 0)
        return HOST_CHILD_UNKNOWN;   /* not a child of this host (OpenProcess): only the shared record tells */
    *value = info.si_status;
    if (info.si_code == CLD_EXITED)
        return HOST_CHILD_EXITED;
    return info.si_status == SIGSEGV || info.si_status == SIGBUS || info.si_status == SIGILL ||
                   info.si_status == SIGFPE
               ? HOST_CHILD_CRASHED
               : HOST_CHILD_KILLED;
}

/* ---- watching many pidfds from one thread ------------------------------------------------------------- */

NTSTATUS host_watch_create(int *watch)
{
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0)
        return host_status(errno);
    *watch = fd;
    return STATUS_SUCCESS;
}

NTSTATUS host_watch_add(int watch, int fd, void *cookie)
{
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.ptr = cookie};
    return epoll_ctl(watch, EPOLL_CTL_ADD, fd, &ev) ? host_status(errno) : STATUS_SUCCESS;
}

void *host_watch_next(int watch)
{
    for (;;) {
        struct epoll_event ev;
        int n = epoll_wait(watch, &ev, 1, -1);
        if (n == 1)
            return ev.data.ptr;
        if (n < 0 && errno != EINTR)
            host_abort("epoll_wait on child processes failed");
    }
}

void host_watch_remove(int watch, int fd)
{
    epoll_ctl(watch, EPOLL_CTL_DEL, fd, NULL);
}

/* ---- memory shared between hosts ------------------------------------------------------------------------ */

NTSTATUS host_shared_create(const char *name, size_t size, int *fd, void **addr)
{
    int f = memfd_create(name, MFD_CLOEXEC);
    if (f < 0)
        return host_status(errno);
    if (ftruncate(f, (off_t)size)) {
        int err = errno;
        close(f);
        return host_status(err);
    }
    NTSTATUS status = host_shared_map(f, size, addr);
    if (status != STATUS_SUCCESS) {
        close(f);
        return status;
    }
    *fd = f;
    return STATUS_SUCCESS;
}

NTSTATUS host_shared_map(int fd, size_t size, void **addr)
{
    struct stat st;
    if (fstat(fd, &st) || (size_t)st.st_size < size)
        return STATUS_INVALID_PARAMETER;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return host_status(errno);
    *addr = p;
    return STATUS_SUCCESS;
}

void host_shared_unmap(void *addr, size_t size)
{
    munmap(addr, size);
}

NTSTATUS host_shared_futex_wait(volatile uint32_t *word, uint32_t expected, int64_t timeout_ns)
{
    struct timespec ts, *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = timeout_ns / 1000000000;
        ts.tv_nsec = timeout_ns % 1000000000;
        tsp = &ts;
    }
    long r = syscall(SYS_futex, word, FUTEX_WAIT, expected, tsp, NULL, 0);
    if (r == 0 || errno == EAGAIN)
        return STATUS_SUCCESS;
    return errno == ETIMEDOUT ? STATUS_TIMEOUT : STATUS_ALERTED;
}

void host_shared_futex_wake(volatile uint32_t *word, int count)
{
    syscall(SYS_futex, word, FUTEX_WAKE, count, NULL, NULL, 0);
}

/* The memfd another host keeps for a process record (its link reads "/memfd:NAME (deleted)"). */
NTSTATUS host_find_shared(uint32_t pid, const char *name, int *fd)
{
    char dir[64], path[384], link[256], want[128];
    snprintf(dir, sizeof dir, "/proc/%u/fd", pid);
    snprintf(want, sizeof want, "/memfd:%s (deleted)", name);
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? STATUS_INVALID_CID : host_status(errno);
    NTSTATUS status = STATUS_OBJECT_NAME_NOT_FOUND;
    struct dirent *e;
    while ((e = readdir(d))) {
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n <= 0)
            continue;
        link[n] = 0;
        if (strcmp(link, want))
            continue;
        int f = open(path, O_RDWR | O_CLOEXEC);
        status = f >= 0 ? STATUS_SUCCESS : host_status(errno);
        if (f >= 0)
            *fd = f;
        break;
    }
    closedir(d);
    return status;
}

/* ---- another host's memory ------------------------------------------------------------------------------ */

NTSTATUS host_process_read(uint32_t pid, uint64_t addr, void *buf, size_t len, size_t *done)
{
    struct iovec local = {buf, len}, remote = {(void *)(uintptr_t)addr, len};
    ssize_t n = process_vm_readv((pid_t)pid, &local, 1, &remote, 1, 0);
    *done = n > 0 ? (size_t)n : 0;
    if (n < 0)
        return errno == EFAULT ? STATUS_ACCESS_VIOLATION : host_status(errno);
    return (size_t)n == len ? STATUS_SUCCESS : STATUS_PARTIAL_COPY;
}

NTSTATUS host_process_write(uint32_t pid, uint64_t addr, const void *buf, size_t len, size_t *done)
{
    struct iovec local = {(void *)buf, len}, remote = {(void *)(uintptr_t)addr, len};
    ssize_t n = process_vm_writev((pid_t)pid, &local, 1, &remote, 1, 0);
    if (n < 0 && errno == EFAULT) {
        /* A read-only page (code, an IAT before it is snapped): written through /proc/PID/mem, which
         * ignores the protection as WriteProcessMemory does. */
        char path[64];
        snprintf(path, sizeof path, "/proc/%u/mem", pid);
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            n = pwrite(fd, buf, len, (off_t)addr);
            if (n < 0)
                errno = EFAULT;
            close(fd);
        } else {
            errno = EFAULT;
        }
    }
    *done = n > 0 ? (size_t)n : 0;
    if (n < 0)
        return errno == EFAULT ? STATUS_ACCESS_VIOLATION : host_status(errno);
    return (size_t)n == len ? STATUS_SUCCESS : STATUS_PARTIAL_COPY;
}

NTSTATUS host_pidfd_getfd(int pidfd, int fd, int *out)
{
    int r = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
    if (r < 0)
        return host_status(errno);
    *out = r;   /* close-on-exec, as pidfd_getfd makes it */
    return STATUS_SUCCESS;
}
