/* The machine as Linux reports it: memory from /proc/meminfo, processor times from /proc/stat. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/host.h"

/* Reads a whole small /proc file into buf (NUL-terminated); false when it cannot be read. */
static bool read_proc(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t got = 0;
    while (got < size - 1) {
        ssize_t n = read(fd, buf + got, size - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    buf[got] = 0;
    return got > 0;
}

/* The kB value of a "Name:   123 kB" line of /proc/meminfo, in bytes (0 when absent). */
static uint64_t meminfo_field(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (!strncmp(p, name, n) && p[n] == ':')
            return strtoull(p + n + 1, NULL, 10) * 1024;
    return 0;
}

NTSTATUS host_memory_status(struct host_memory_status *m)
{
    char local[8192];
    memset(m, 0, sizeof *m);
    if (!read_proc("/proc/meminfo", local, sizeof local))
        return STATUS_UNSUCCESSFUL;
    m->total = meminfo_field(local, "MemTotal");
    m->available = meminfo_field(local, "MemAvailable");
    if (!m->available)
        m->available = meminfo_field(local, "MemFree") + meminfo_field(local, "Cached");
    m->commit_limit = m->total + meminfo_field(local, "SwapTotal");
    m->committed = meminfo_field(local, "Committed_AS");
    if (m->committed > m->commit_limit)
        m->committed = m->commit_limit;
    return STATUS_SUCCESS;
}

unsigned host_cpu_times(struct host_cpu_times *cpus, unsigned max)
{
    char *text = malloc(65536);
    unsigned n = 0;
    if (!text)
        return 0;
    if (read_proc("/proc/stat", text, 65536)) {
        long hz = sysconf(_SC_CLK_TCK);
        uint64_t unit = hz > 0 ? 10000000ull / (uint64_t)hz : 100000;   /* FILETIME units per tick */
        for (char *p = text; p && *p && n < max; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
            if (strncmp(p, "cpu", 3) || p[3] < '0' || p[3] > '9')
                continue;
            char *q = p + 3;
            strtoul(q, &q, 10);
            uint64_t v[8] = {0};   /* user nice system idle iowait irq softirq steal */
            for (int i = 0; i < 8; i++)
                v[i] = strtoull(q, &q, 10);
            cpus[n].user = (v[0] + v[1]) * unit;
            cpus[n].idle = (v[3] + v[4]) * unit;
            cpus[n].interrupt = (v[5] + v[6]) * unit;
            cpus[n].kernel = (v[2] + v[5] + v[6] + v[7]) * unit + cpus[n].idle;   /* Windows counts idle as kernel */
            n++;
        }
    }
    free(text);
    return n;
}
