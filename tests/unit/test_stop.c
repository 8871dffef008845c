/* host_thread_stop, what NtTerminateProcess(NULL) stops the other threads with: a thread blocked in a
 * system call stops at once, one holding a kernel lock (host_lock) only when it releases it (and the lock
 * is free afterwards), one running ntexec's own code only once it leaves it (here: enters a sleep). */
#include "unit.h"

#include <unistd.h>

#include "host/host.h"

struct worker {
    volatile uint32_t stopped;
    volatile uint32_t phase;
    int fd;
    host_lock *lock;
};

/* Asks tid to stop every millisecond until it has, or the time (ms) runs out; TRUE if it stopped. */
static bool stop_within(struct worker *w, uint32_t tid, int ms)
{
    for (int i = 0; i < ms; i++) {
        if (__atomic_load_n(&w->stopped, __ATOMIC_ACQUIRE))
            return true;
        host_thread_stop(tid);
        host_sleep_ns(1000000);
    }
    return __atomic_load_n(&w->stopped, __ATOMIC_ACQUIRE) != 0;
}

static void reader(void *arg)
{
    struct worker *w = arg;
    host_thread_set_stop_word(&w->stopped);
    char c;
    size_t done;
    w->phase = 1;
    host_read(w->fd, &c, 1, &done);
    w->phase = 2;   /* never: the pipe stays empty */
}

static void test_blocked_read(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct worker w = {.fd = fds[0]};
    uint32_t tid;
    assert_int_equal(host_thread_start(reader, &w, &tid), STATUS_SUCCESS);
    while (!w.phase)
        host_sleep_ns(1000000);
    host_sleep_ns(10000000);   /* in read() by now */
    assert_true(stop_within(&w, tid, 2000));
    assert_int_equal(w.phase, 1);
    close(fds[0]);
    close(fds[1]);
}

static void waiter(void *arg)
{
    struct worker *w = arg;
    host_thread_set_stop_word(&w->stopped);
    w->phase = 1;
    for (;;)
        host_futex_wait(&w->phase, 1, -1);
}

static void test_blocked_futex(void **state)
{
    (void)state;
    struct worker w = {0};
    uint32_t tid;
    assert_int_equal(host_thread_start(waiter, &w, &tid), STATUS_SUCCESS);
    while (!w.phase)
        host_sleep_ns(1000000);
    assert_true(stop_within(&w, tid, 2000));
}

static void lock_holder(void *arg)
{
    struct worker *w = arg;
    host_thread_set_stop_word(&w->stopped);
    host_lock_acquire(w->lock);
    w->phase = 1;
    for (int i = 0; i < 30; i++)
        host_sleep_ns(1000000);   /* interrupted by the requests, but the lock is held */
    w->phase = 2;
    host_lock_release(w->lock);   /* stops here */
    w->phase = 3;
}

static void test_kernel_lock_defers(void **state)
{
    (void)state;
    host_lock lock = HOST_LOCK_INIT;
    struct worker w = {.lock = &lock};
    uint32_t tid;
    assert_int_equal(host_thread_start(lock_holder, &w, &tid), STATUS_SUCCESS);
    while (!w.phase)
        host_sleep_ns(1000000);
    assert_true(stop_within(&w, tid, 2000));
    assert_int_equal(w.phase, 2);          /* it stopped at the release, not before, not after */
    assert_true(host_lock_try(&lock));     /* and the lock is free */
    host_lock_release(&lock);
}

static __attribute__((noinline)) void spin(volatile uint32_t *phase)
{
    while (__atomic_load_n(phase, __ATOMIC_ACQUIRE) == 1)
        ;
}

static void spinner(void *arg)
{
    struct worker *w = arg;
    host_thread_set_stop_word(&w->stopped);
    w->phase = 1;
    spin(&w->phase);   /* host code: no stop here */
    for (;;)
        host_sleep_ns(1000000);
}

static void test_host_code_defers(void **state)
{
    (void)state;
    struct worker w = {0};
    uint32_t tid;
    assert_int_equal(host_thread_start(spinner, &w, &tid), STATUS_SUCCESS);
    while (!w.phase)
        host_sleep_ns(1000000);
    assert_false(stop_within(&w, tid, 30));
    __atomic_store_n(&w.phase, 2, __ATOMIC_RELEASE);
    assert_true(stop_within(&w, tid, 2000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocked_read),
        cmocka_unit_test(test_blocked_futex),
        cmocka_unit_test(test_kernel_lock_defers),
        cmocka_unit_test(test_host_code_defers),
    };
    return RUN_TESTS(tests);
}
