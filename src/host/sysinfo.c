/* The machine as Linux reports it: memory from /proc/meminfo, processor times from /proc/stat. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
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

/* A small sysfs file's first line as text (without its newline); false when absent. */
static bool read_sys(const char *path, char *buf, size_t size)
{
    if (!read_proc(path, buf, size))
        return false;
    buf[strcspn(buf, "\n")] = 0;
    return true;
}

/* "0-3,8,10-11" into a mask of the processors below 64. */
static uint64_t cpu_list_mask(const char *s)
{
    uint64_t mask = 0;
    while (*s) {
        char *end;
        unsigned long a = strtoul(s, &end, 10), b = a;
        if (end == s)
            break;
        if (*end == '-')
            b = strtoul(end + 1, &end, 10);
        for (unsigned long i = a; i <= b && i < 64; i++)
            mask |= 1ull << i;
        s = *end == ',' ? end + 1 : end;
    }
    return mask;
}

/* "32K" / "8M" / "1024" into bytes. */
static uint32_t size_bytes(const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*end == 'K')
        v *= 1024;
    else if (*end == 'M')
        v *= 1024 * 1024;
    return (uint32_t)v;
}

static void add_cache(struct host_cache *caches, unsigned max_caches, unsigned *ncaches, const struct host_cache *k)
{
    for (unsigned j = 0; j < *ncaches; j++)
        if (caches[j].level == k->level && caches[j].type == k->type && caches[j].mask == k->mask)
            return;
    if (*ncaches < max_caches)
        caches[(*ncaches)++] = *k;
}

/* AMD's leaves 0x80000005 (L1, per core) and 0x80000006 (L2 per core, L3 shared by all). */
static void amd_legacy_caches(unsigned c, unsigned n, struct host_cache *caches, unsigned max_caches,
                              unsigned *ncaches)
{
    static const uint8_t ways[16] = {0, 1, 2, 3, 4, 0, 8, 0, 16, 0, 32, 48, 64, 96, 128, 0xFF};
    uint32_t r[4];
    host_cpuid(0x80000000u, 0, r);
    if (r[0] < 0x80000006u)
        return;
    uint64_t own = 1ull << (c < 64 ? c : 63), all = n >= 64 ? ~0ull : (1ull << n) - 1;
    host_cpuid(0x80000005u, 0, r);
    struct host_cache l1d = {1, HOST_CACHE_DATA, (uint8_t)(r[2] >> 16), (uint16_t)(r[2] & 0xFF), (r[2] >> 24) * 1024,
                             own};
    struct host_cache l1i = {1, HOST_CACHE_INSTRUCTION, (uint8_t)(r[3] >> 16), (uint16_t)(r[3] & 0xFF),
                             (r[3] >> 24) * 1024, own};
    host_cpuid(0x80000006u, 0, r);
    struct host_cache l2 = {2, HOST_CACHE_UNIFIED, ways[(r[2] >> 12) & 0xF], (uint16_t)(r[2] & 0xFF),
                            (r[2] >> 16) * 1024, own};
    struct host_cache l3 = {3, HOST_CACHE_UNIFIED, ways[(r[3] >> 12) & 0xF], (uint16_t)(r[3] & 0xFF),
                            (r[3] >> 18) * 512 * 1024, all};
    if (l1d.size)
        add_cache(caches, max_caches, ncaches, &l1d);
    if (l1i.size)
        add_cache(caches, max_caches, ncaches, &l1i);
    if (l2.size)
        add_cache(caches, max_caches, ncaches, &l2);
    if (l3.size)
        add_cache(caches, max_caches, ncaches, &l3);
}

/*
 * The caches of cpu c from CPUID's deterministic cache parameters (leaf 4 on Intel, 0x8000001D on AMD), for
 * a machine whose /sys has no cache directories (some virtual machines): each cache is taken as shared by
 * the consecutive CPUs its "logical processors sharing" count covers.
 */
static void cpuid_caches(unsigned c, unsigned n, struct host_cache *caches, unsigned max_caches, unsigned *ncaches)
{
    uint32_t r[4], leaf = 4;
    host_cpuid(0, 0, r);
    bool amd = r[1] == 0x68747541;   /* "Auth" of AuthenticAMD */
    if (amd) {
        host_cpuid(0x80000001u, 0, r);
        if (!(r[2] & (1u << 22))) {   /* no TOPOEXT (leaf 0x8000001D): the older leaves */
            amd_legacy_caches(c, n, caches, max_caches, ncaches);
            return;
        }
        leaf = 0x8000001Du;
    } else if (r[0] < 4) {
        return;
    }
    for (uint32_t i = 0; i < 16; i++) {
        host_cpuid(leaf, i, r);
        unsigned type = r[0] & 0x1F;
        if (!type)
            break;
        unsigned share = ((r[0] >> 14) & 0xFFF) + 1;
        if (share > 64)
            share = 64;
        struct host_cache k = {
            .level = (uint8_t)((r[0] >> 5) & 7),
            .type = type == 1 ? HOST_CACHE_DATA : type == 2 ? HOST_CACHE_INSTRUCTION : HOST_CACHE_UNIFIED,
            .ways = (uint8_t)((r[1] >> 22) + 1),
            .line = (uint16_t)((r[1] & 0xFFF) + 1),
        };
        k.size = ((r[1] >> 22) + 1) * (((r[1] >> 12) & 0x3FF) + 1) * ((r[1] & 0xFFF) + 1) * (r[2] + 1);
        unsigned first = c / share * share;
        for (unsigned j = first; j < first + share && j < n && j < 64; j++)
            k.mask |= 1ull << j;
        add_cache(caches, max_caches, ncaches, &k);
    }
}

unsigned host_cpu_topology(struct host_cpu_topology *cpus, unsigned max, struct host_cache *caches,
                           unsigned max_caches, unsigned *ncaches)
{
    unsigned n = host_cpu_count();
    if (n > max)
        n = max;
    *ncaches = 0;
    char path[128], text[256];
    for (unsigned c = 0; c < n; c++) {
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/topology/physical_package_id", c);
        cpus[c].package = read_sys(path, text, sizeof text) ? atoi(text) : 0;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/topology/core_id", c);
        cpus[c].core = read_sys(path, text, sizeof text) ? atoi(text) : (int)c;
        for (unsigned i = 0; *ncaches < max_caches; i++) {
            struct host_cache k = {0};
            snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cache/index%u/level", c, i);
            if (!read_sys(path, text, sizeof text)) {
                if (i == 0)
                    cpuid_caches(c, n, caches, max_caches, ncaches);
                break;
            }
            k.level = (uint8_t)atoi(text);
            snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cache/index%u/type", c, i);
            read_sys(path, text, sizeof text);
            k.type = !strcmp(text, "Instruction") ? HOST_CACHE_INSTRUCTION
                     : !strcmp(text, "Data")      ? HOST_CACHE_DATA
                                                  : HOST_CACHE_UNIFIED;
            snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cache/index%u/size", c, i);
            k.size = read_sys(path, text, sizeof text) ? size_bytes(text) : 0;
            snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cache/index%u/coherency_line_size", c, i);
            k.line = read_sys(path, text, sizeof text) ? (uint16_t)atoi(text) : 64;
            snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cache/index%u/ways_of_associativity", c, i);
            k.ways = read_sys(path, text, sizeof text) ? (uint8_t)atoi(text) : 0;
            snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cache/index%u/shared_cpu_list", c, i);
            k.mask = read_sys(path, text, sizeof text) ? cpu_list_mask(text) : 1ull << c;
            add_cache(caches, max_caches, ncaches, &k);
        }
    }
    return n;
}
