/* CPU time of a thread or of the whole process, in Windows units (100 ns). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "host/host.h"

static uint64_t timeval_100ns(struct timeval tv)
{
    return (uint64_t)tv.tv_sec * 10000000 + (uint64_t)tv.tv_usec * 10;
}

NTSTATUS host_process_cpu_times(uint64_t *kernel, uint64_t *user)
{
    struct rusage ru;
    *kernel = *user = 0;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return STATUS_UNSUCCESSFUL;
    *kernel = timeval_100ns(ru.ru_stime);
    *user = timeval_100ns(ru.ru_utime);
    return STATUS_SUCCESS;
}

/* The calling thread from getrusage (microseconds); another from /proc/self/task/TID/stat (clock ticks). */
NTSTATUS host_thread_cpu_times(uint32_t tid, uint64_t *kernel, uint64_t *user)
{
    *kernel = *user = 0;
    if (tid == host_gettid()) {
        struct rusage ru;
        if (getrusage(RUSAGE_THREAD, &ru) != 0)
            return STATUS_UNSUCCESSFUL;
        *kernel = timeval_100ns(ru.ru_stime);
        *user = timeval_100ns(ru.ru_utime);
        return STATUS_SUCCESS;
    }
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/task/%u/stat", tid);
    FILE *f = fopen(path, "re");
    if (!f)
        return STATUS_INVALID_HANDLE;   /* the thread has ended */
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    /* Fields after the parenthesized name (which may hold spaces): state is field 3, utime 14, stime 15. */
    char *p = strrchr(buf, ')');
    unsigned long long ut, st;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return STATUS_UNSUCCESSFUL;
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0)
        hz = 100;
    *user = ut * 10000000 / (unsigned long long)hz;
    *kernel = st * 10000000 / (unsigned long long)hz;
    return STATUS_SUCCESS;
}
