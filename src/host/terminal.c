/*
 * Terminals: the line discipline behind the console modes (termios), and whether input is waiting.
 * The first change to a terminal saves its state; host_tty_restore puts every saved state back. It runs
 * when the process ends (host_exit_process, host_abort) and on the signals that kill by default, so a
 * program that turned echo off does not leave the user's shell without it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "host/host.h"

#define MAX_SAVED 4

static struct saved_tty {
    dev_t rdev;
    int fd;                     /* our own duplicate: the guest may close its handle first */
    struct termios state;
} saved[MAX_SAVED];
static volatile int saved_count;   /* entries are complete before the count covers them */
static host_lock saved_lock = HOST_LOCK_INIT;

void host_tty_restore(void)
{
    int n = __atomic_load_n(&saved_count, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n; i++)
        tcsetattr(saved[i].fd, TCSANOW, &saved[i].state);
}

static void restore_and_die(int sig)
{
    /* SA_RESETHAND made the action the default again: the re-raised signal ends the process when this returns. */
    int err = errno;
    host_tty_restore();
    raise(sig);
    errno = err;
}

/* Signals whose default action ends the process restore the terminal first, unless someone handles them. */
static void catch_fatal_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa;
        if (sigaction(sigs[i], NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = restore_and_die;
        sa.sa_flags = SA_RESETHAND | SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

/* The state saved for fd's terminal, saving it (from *current) the first time. */
static const struct termios *saved_state(int fd, const struct termios *current, NTSTATUS *status)
{
    struct stat st;
    *status = STATUS_SUCCESS;
    if (fstat(fd, &st) != 0) {
        *status = host_status(errno);
        return NULL;
    }
    const struct termios *found = NULL;
    host_lock_acquire(&saved_lock);
    for (int i = 0; i < saved_count && !found; i++)
        if (saved[i].rdev == st.st_rdev)
            found = &saved[i].state;
    if (!found && saved_count < MAX_SAVED) {
        struct saved_tty *s = &saved[saved_count];
        s->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (s->fd < 0) {
            *status = host_status(errno);
        } else {
            s->rdev = st.st_rdev;
            s->state = *current;
            found = &s->state;
            if (saved_count == 0)
                catch_fatal_signals();
            __atomic_store_n(&saved_count, saved_count + 1, __ATOMIC_RELEASE);
        }
    } else if (!found) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
    }
    host_lock_release(&saved_lock);
    return found;
}

NTSTATUS host_tty_get(int fd, unsigned *flags)
{
    *flags = 0;
    struct termios t;
    if (tcgetattr(fd, &t) != 0)
        return host_status(errno);
    *flags = (t.c_lflag & ICANON ? HOST_TTY_LINE : 0) | (t.c_lflag & ECHO ? HOST_TTY_ECHO : 0) |
             (t.c_lflag & ISIG ? HOST_TTY_SIGNALS : 0);
    return STATUS_SUCCESS;
}

NTSTATUS host_tty_set(int fd, unsigned flags)
{
    struct termios t;
    if (tcgetattr(fd, &t) != 0)
        return host_status(errno);
    NTSTATUS status;
    const struct termios *orig = saved_state(fd, &t, &status);
    if (!orig)
        return status;
    t.c_lflag = flags & HOST_TTY_LINE ? t.c_lflag | ICANON : t.c_lflag & ~ICANON;
    t.c_lflag = flags & HOST_TTY_ECHO ? t.c_lflag | ECHO : t.c_lflag & ~ECHO;
    t.c_lflag = flags & HOST_TTY_SIGNALS ? t.c_lflag | ISIG : t.c_lflag & ~ISIG;
    /* A console without line input hands over Enter as '\r', the key's own character. */
    t.c_iflag = flags & HOST_TTY_LINE ? (t.c_iflag & ~ICRNL) | (orig->c_iflag & ICRNL) : t.c_iflag & ~ICRNL;
    if (!(flags & HOST_TTY_LINE)) {
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
    }
    if (tcsetattr(fd, TCSANOW, &t) != 0)
        return host_status(errno);
    return STATUS_SUCCESS;
}

NTSTATUS host_input_pending(int fd, bool *pending)
{
    *pending = false;
    struct termios t;
    bool line = tcgetattr(fd, &t) == 0 && (t.c_lflag & ICANON);
    if (line) {
        /* A canonical terminal counts only finished lines: look at the keys typed so far without it. */
        struct termios peek = t;
        peek.c_lflag &= ~ICANON;
        peek.c_cc[VMIN] = 1;
        peek.c_cc[VTIME] = 0;
        if (tcsetattr(fd, TCSANOW, &peek) != 0)
            return host_status(errno);
    }
    int n = 0;
    int rc = ioctl(fd, FIONREAD, &n);
    int err = errno;
    if (line)
        tcsetattr(fd, TCSANOW, &t);
    if (rc != 0)
        return err == ENOTTY || err == EINVAL ? STATUS_SUCCESS : host_status(err);   /* /dev/null: nothing */
    *pending = n > 0;
    return STATUS_SUCCESS;
}

NTSTATUS host_tty_size(int fd, unsigned *columns, unsigned *rows)
{
    struct winsize ws;
    *columns = 80;
    *rows = 24;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0)
        return host_status(errno);
    if (ws.ws_col && ws.ws_row) {
        *columns = ws.ws_col;
        *rows = ws.ws_row;
    }
    return STATUS_SUCCESS;
}
