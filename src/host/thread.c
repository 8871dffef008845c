/* Host threads, ids, the GS base (= the TEB of the NT thread running on it), process exit. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "host/host.h"

struct thread_start {
    void (*fn)(void *);
    void *arg;
    volatile uint32_t tid;  /* 0 until the thread has started; the creator waits on it */
};

static void *thread_main(void *p)
{
    struct thread_start *start = p;
    void (*fn)(void *) = start->fn;
    void *arg = start->arg;
    __atomic_store_n(&start->tid, host_gettid(), __ATOMIC_RELEASE);
    host_futex_wake(&start->tid, 1);
    /* start is gone from here on: the creator returns as soon as it sees the tid. */
    fn(arg);
    return NULL;
}

NTSTATUS host_thread_start(void (*fn)(void *), void *arg, uint32_t *tid)
{
    struct thread_start start = {fn, arg, 0};
    pthread_attr_t attr;
    pthread_t thread;
    *tid = 0;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The host part of an NT thread only trampolines into the guest stack and back: 256 KiB is plenty,
     * and signal handlers run on their own alternate stack. */
    pthread_attr_setstacksize(&attr, 256 * 1024);
    int err = pthread_create(&thread, &attr, thread_main, &start);
    pthread_attr_destroy(&attr);
    if (err)
        return host_status(err);
    while (!__atomic_load_n(&start.tid, __ATOMIC_ACQUIRE))
        host_futex_wait(&start.tid, 0, -1);
    *tid = start.tid;
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
