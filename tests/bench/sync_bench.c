/*
 * Synchronization micro-benchmarks, built twice from this one source: as a Windows program (SRW locks,
 * CRITICAL_SECTION, events, CreateThread) run under ntexec, and as a native Linux program doing the same
 * operations with pthreads (rwlock, mutex, mutex+condvar events, pthread_create). Each line is
 * "name nanoseconds-per-operation"; scripts/bench-sync.sh prints the two side by side with their ratio.
 */
#include <stdint.h>
#include <stdio.h>

#ifdef _WIN32
#include <windows.h>
typedef SRWLOCK rwlock_t;
typedef CRITICAL_SECTION mutex_t;
typedef HANDLE event_t;
typedef HANDLE thread_t;
static void rw_init(rwlock_t *l) { InitializeSRWLock(l); }
static void rw_lock(rwlock_t *l) { AcquireSRWLockExclusive(l); }
static void rw_unlock(rwlock_t *l) { ReleaseSRWLockExclusive(l); }
static void mx_init(mutex_t *m) { InitializeCriticalSectionAndSpinCount(m, 4000); }
static void mx_lock(mutex_t *m) { EnterCriticalSection(m); }
static void mx_unlock(mutex_t *m) { LeaveCriticalSection(m); }
static void ev_init(event_t *e) { *e = CreateEventA(NULL, FALSE, FALSE, NULL); }
static void ev_set(event_t *e) { SetEvent(*e); }
static void ev_wait(event_t *e) { WaitForSingleObject(*e, INFINITE); }
static DWORD WINAPI trampoline(void *arg) { ((void (*)(void))arg)(); return 0; }
static void th_start(thread_t *t, void (*fn)(void)) { *t = CreateThread(NULL, 0, trampoline, (void *)fn, 0, NULL); }
static void th_join(thread_t *t) { WaitForSingleObject(*t, INFINITE); CloseHandle(*t); }
static int64_t now_ns(void)
{
    static LARGE_INTEGER f;
    LARGE_INTEGER c;
    if (!f.QuadPart)
        QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (int64_t)((double)c.QuadPart * 1e9 / (double)f.QuadPart);
}
#else
#include <pthread.h>
#include <time.h>
typedef pthread_rwlock_t rwlock_t;
typedef pthread_mutex_t mutex_t;
typedef struct { pthread_mutex_t m; pthread_cond_t c; int set; } event_t;
typedef pthread_t thread_t;
static void rw_init(rwlock_t *l) { pthread_rwlock_init(l, NULL); }
static void rw_lock(rwlock_t *l) { pthread_rwlock_wrlock(l); }
static void rw_unlock(rwlock_t *l) { pthread_rwlock_unlock(l); }
static void mx_init(mutex_t *m) { pthread_mutex_init(m, NULL); }
static void mx_lock(mutex_t *m) { pthread_mutex_lock(m); }
static void mx_unlock(mutex_t *m) { pthread_mutex_unlock(m); }
static void ev_init(event_t *e) { pthread_mutex_init(&e->m, NULL); pthread_cond_init(&e->c, NULL); e->set = 0; }
static void ev_set(event_t *e)
{
    pthread_mutex_lock(&e->m);
    e->set = 1;
    pthread_cond_signal(&e->c);
    pthread_mutex_unlock(&e->m);
}
static void ev_wait(event_t *e)   /* auto-reset */
{
    pthread_mutex_lock(&e->m);
    while (!e->set)
        pthread_cond_wait(&e->c, &e->m);
    e->set = 0;
    pthread_mutex_unlock(&e->m);
}
static void *trampoline(void *arg) { ((void (*)(void))arg)(); return NULL; }
static void th_start(thread_t *t, void (*fn)(void)) { pthread_create(t, NULL, trampoline, (void *)fn); }
static void th_join(thread_t *t) { pthread_join(*t, NULL); }
static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
#endif

#define UNCONTENDED 2000000
#define CONTENDED   500000
#define PINGPONG    20000
#define SPAWNS      2000
#define CONTENDERS  4

static rwlock_t rw;
static mutex_t mx;
static event_t ping, pong;
static volatile long counter;

static void rw_contender(void)
{
    for (int i = 0; i < CONTENDED; i++) {
        rw_lock(&rw);
        counter++;
        rw_unlock(&rw);
    }
}

static void mx_contender(void)
{
    for (int i = 0; i < CONTENDED; i++) {
        mx_lock(&mx);
        counter++;
        mx_unlock(&mx);
    }
}

static void ponger(void)
{
    for (int i = 0; i < PINGPONG; i++) {
        ev_wait(&ping);
        ev_set(&pong);
    }
}

static void nothing(void) {}

static void contend(const char *name, void (*fn)(void))
{
    thread_t t[CONTENDERS];
    counter = 0;
    int64_t t0 = now_ns();
    for (int i = 0; i < CONTENDERS; i++)
        th_start(&t[i], fn);
    for (int i = 0; i < CONTENDERS; i++)
        th_join(&t[i]);
    int64_t dt = now_ns() - t0;
    if (counter != (long)CONTENDERS * CONTENDED)
        printf("%s lost updates: %ld\n", name, counter);
    printf("%s %.1f\n", name, (double)dt / ((double)CONTENDERS * CONTENDED));
}

int main(void)
{
    rw_init(&rw);
    mx_init(&mx);
    ev_init(&ping);
    ev_init(&pong);

    int64_t t0 = now_ns();
    for (int i = 0; i < UNCONTENDED; i++) {
        rw_lock(&rw);
        counter++;
        rw_unlock(&rw);
    }
    printf("srw_uncontended %.1f\n", (double)(now_ns() - t0) / UNCONTENDED);
    t0 = now_ns();
    for (int i = 0; i < UNCONTENDED; i++) {
        mx_lock(&mx);
        counter++;
        mx_unlock(&mx);
    }
    printf("critsec_uncontended %.1f\n", (double)(now_ns() - t0) / UNCONTENDED);
    contend("srw_contended_4_threads", rw_contender);
    contend("critsec_contended_4_threads", mx_contender);

    thread_t t;
    th_start(&t, ponger);
    t0 = now_ns();
    for (int i = 0; i < PINGPONG; i++) {
        ev_set(&ping);
        ev_wait(&pong);
    }
    printf("event_pingpong_roundtrip %.1f\n", (double)(now_ns() - t0) / PINGPONG);
    th_join(&t);

    t0 = now_ns();
    for (int i = 0; i < SPAWNS; i++) {
        th_start(&t, nothing);
        th_join(&t);
    }
    printf("thread_create_join %.1f\n", (double)(now_ns() - t0) / SPAWNS);
    return 0;
}
