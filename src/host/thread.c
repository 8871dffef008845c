/* Host threads, ids, the GS base (= the TEB of the NT thread running on it), process exit. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <limits.h>
#include <link.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdio.h>

#include "host/host.h"
#include "host/hostp.h"

struct thread_start {
    void (*fn)(void *);
    void *arg;
    volatile uint32_t tid;  /* 0 until the thread has started; a creator that wants the tid waits on it */
    bool owned;             /* nobody waits: the thread frees this */
};

static void *thread_main(void *p)
{
    struct thread_start *start = p;
    void (*fn)(void *) = start->fn;
    void *arg = start->arg;
    if (start->owned) {
        free(start);
    } else {
        __atomic_store_n(&start->tid, host_gettid(), __ATOMIC_RELEASE);
        host_futex_wake(&start->tid, 1);
        /* start is gone from here on: the creator returns as soon as it sees the tid. */
    }
    fn(arg);
    return NULL;
}

NTSTATUS host_thread_start(void (*fn)(void *), void *arg, uint32_t *tid)
{
    struct thread_start local = {fn, arg, 0, false}, *start = &local;
    if (tid) {
        *tid = 0;
    } else {
        start = malloc(sizeof *start);
        if (!start)
            return STATUS_NO_MEMORY;
        *start = (struct thread_start){fn, arg, 0, true};
    }
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The host part of an NT thread only trampolines into the guest stack and back: 256 KiB is plenty,
     * and signal handlers run on their own alternate stack. */
    pthread_attr_setstacksize(&attr, 256 * 1024);
    int err = pthread_create(&thread, &attr, thread_main, start);
    pthread_attr_destroy(&attr);
    if (err) {
        if (!tid)
            free(start);
        return host_status(err);
    }
    if (!tid)
        return STATUS_SUCCESS;
    while (!__atomic_load_n(&start->tid, __ATOMIC_ACQUIRE))
        host_futex_wait(&start->tid, 0, -1);
    *tid = start->tid;
    return STATUS_SUCCESS;
}

uint32_t host_gettid(void)
{
    return (uint32_t)syscall(SYS_gettid);
}

uint32_t host_getpid(void)
{
    return (uint32_t)getpid();
}

uint32_t host_getppid(void)
{
    return (uint32_t)getppid();
}

void host_set_gs_base(void *base)
{
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, base))
        host_abort("arch_prctl(ARCH_SET_GS) failed");
}

void *host_get_gs_base(void)
{
    unsigned long base = 0;
    syscall(SYS_arch_prctl, ARCH_GET_GS, &base);
    return (void *)base;
}

void host_yield(void)
{
    sched_yield();
}

_Noreturn void host_exit_process(uint32_t status)
{
    host_tty_restore();
    _exit((int)(status & 0xff));
}

_Noreturn void host_abort(const char *what)
{
    host_print_error("ntexec: internal error: %s\n", what);
    host_tty_restore();
    _exit(127);
}

/* ---- stopping threads ------------------------------------------------------------------------------ */

/* The signal that asks a thread to stop. glibc keeps SIGRTMIN's first ones; this one is ntexec's. */
#define STOP_SIGNAL (SIGRTMIN + 6)

_Thread_local unsigned host_lock_depth;
_Thread_local volatile int host_stop_pending;
static _Thread_local volatile uint32_t *stop_word;

/* The executable segments of the host's ELF objects (ntexec, and the C library and sanitizer runtime
 * when they are shared): code there may hold the C library's own locks (malloc's, say). Guest images are
 * not ELF objects, so they are not listed. Gathered once, before the first stop request. */
static struct {
    uintptr_t start, end;
} host_code[32];
static unsigned host_code_count;

static int add_host_code(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (unsigned i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X) || host_code_count == 32)
            continue;
        host_code[host_code_count].start = info->dlpi_addr + ph->p_vaddr;
        host_code[host_code_count].end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        host_code_count++;
    }
    return 0;
}

static bool in_host_code(uintptr_t rip)
{
    for (unsigned i = 0; i < host_code_count; i++)
        if (rip >= host_code[i].start + 2 && rip < host_code[i].end)
            return true;
    return false;
}

void host_thread_set_stop_word(volatile uint32_t *word)
{
    stop_word = word;
}

_Noreturn void host_thread_park(void)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    if (stop_word) {
        __atomic_store_n(stop_word, 1, __ATOMIC_RELEASE);
        host_futex_wake(stop_word, INT_MAX);
    }
    static uint32_t never;
    for (;;)
        syscall(SYS_futex, &never, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
}

/*
 * Where a thread may stop without leaving ntexec's state half-changed: in code that is not ntexec's
 * (guest code, builtin thunks, the vDSO), or in a system call the signal interrupted (a futex wait, a
 * read, a sleep: rax is -EINTR right after a `syscall` instruction, as the handler is installed without
 * SA_RESTART); in both cases only if it holds no kernel lock. Anywhere else in ntexec (inside malloc,
 * say) it only marks the request, and the requester signals again.
 */
/* Whether the interrupted thread may stop here (see above); *in_host tells whether it is in ntexec's code. */
static bool at_safe_point(const ucontext_t *uc, bool *in_host)
{
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    *in_host = in_host_code(rip);
    const unsigned char *code = (const unsigned char *)rip;
    bool in_syscall = *in_host && uc->uc_mcontext.gregs[REG_RAX] == -EINTR && code[-2] == 0x0f && code[-1] == 0x05;
    return host_lock_depth == 0 && (!*in_host || in_syscall);
}

static void on_stop(int sig, siginfo_t *info, void *uc_ptr)
{
    (void)sig;
    (void)info;
    if (!stop_word)
        return;
    bool in_host;
    if (at_safe_point(uc_ptr, &in_host))
        host_thread_park();
    host_stop_pending = 1;
}

static pthread_once_t host_code_once = PTHREAD_ONCE_INIT;

static void list_host_code(void)
{
    dl_iterate_phdr(add_host_code, NULL);
}

static void install_stop_handler(void)
{
    pthread_once(&host_code_once, list_host_code);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_stop;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;   /* no SA_RESTART: a blocked system call must show -EINTR */
    sigfillset(&sa.sa_mask);
    if (sigaction(STOP_SIGNAL, &sa, NULL))
        host_abort("sigaction(stop signal) failed");
}

void host_thread_stop(uint32_t tid)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_stop_handler);
    syscall(SYS_tgkill, getpid(), (pid_t)tid, STOP_SIGNAL);
}

void host_thread_set_name(uint32_t tid, const char *name)
{
    /* /proc/self/task/TID/comm names any thread of the process (prctl(PR_SET_NAME) only the caller);
     * the kernel keeps 15 bytes. A failure leaves the old name: the name is for people, nothing depends on it. */
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%u/comm", tid);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t n = write(fd, name, strnlen(name, 15));
    (void)n;
    close(fd);
}

/* ---- suspending threads -------------------------------------------------------------------------------- */

/* The signal that asks a thread to suspend itself (SuspendThread): SIGRTMIN+7, the one after the stop
 * signal. Its handler runs with every signal blocked but the stop signal, so that a suspended thread can
 * still be stopped for good (ExitProcess, TerminateThread) while it waits in the handler. */
#define SUSPEND_SIGNAL (SIGRTMIN + 7)

static host_suspend_handler suspend_handler;

static void on_suspend(int sig, siginfo_t *info, void *uc_ptr)
{
    (void)sig;
    (void)info;
    int saved_errno = errno;
    bool in_host;
    bool safe = at_safe_point(uc_ptr, &in_host);
    if (suspend_handler)
        suspend_handler(uc_ptr, in_host, safe);
    errno = saved_errno;
}

static void install_suspend_handler(void)
{
    pthread_once(&host_code_once, list_host_code);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_suspend;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;   /* no SA_RESTART: see on_stop */
    sigfillset(&sa.sa_mask);
    sigdelset(&sa.sa_mask, STOP_SIGNAL);
    if (sigaction(SUSPEND_SIGNAL, &sa, NULL))
        host_abort("sigaction(suspend signal) failed");
}

static pthread_once_t suspend_once = PTHREAD_ONCE_INIT;

void host_thread_set_suspend_handler(host_suspend_handler handler)
{
    suspend_handler = handler;
    pthread_once(&suspend_once, install_suspend_handler);
}

void host_thread_suspend(uint32_t tid)
{
    pthread_once(&suspend_once, install_suspend_handler);
    syscall(SYS_tgkill, getpid(), (pid_t)tid, SUSPEND_SIGNAL);
}
