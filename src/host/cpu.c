/* The processor: CPUID, what the kernel enabled (XCR0, FSGSBASE), and the flags only Linux knows. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "host/host.h"

#ifndef HWCAP2_FSGSBASE
#define HWCAP2_FSGSBASE (1 << 1)
#endif

void host_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
    memset(regs, 0, 4 * sizeof *regs);
    if (__get_cpuid_max(leaf & 0x80000000u, NULL) < leaf)
        return;
    __cpuid_count(leaf, subleaf, regs[0], regs[1], regs[2], regs[3]);
}

uint64_t host_xcr0(void)
{
    uint32_t r[4];
    host_cpuid(1, 0, r);
    if (!(r[2] & (1u << 27)))   /* OSXSAVE: the kernel turned XSAVE on, so XGETBV works */
        return 0;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

bool host_fsgsbase_enabled(void)
{
    return (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0;
}

bool host_sse_daz(void)
{
    /* FXSAVE stores MXCSR_MASK at byte 28; bit 6 is DAZ (a zero mask means the default 0xFFBF, no DAZ). */
    _Alignas(16) uint8_t area[512];
    memset(area, 0, sizeof area);
    __asm__ volatile("fxsave %0" : "=m"(area));
    uint32_t mask;
    memcpy(&mask, area + 28, sizeof mask);
    return (mask & (1u << 6)) != 0;
}

/* Is word one of the space-separated words of the line at p (up to end)? */
static bool line_has(const char *p, const char *end, const char *word)
{
    size_t wlen = strlen(word);
    while (p < end) {
        p += strspn(p, " \t:");
        size_t w = strcspn(p, " \n");
        if (w == wlen && !memcmp(p, word, wlen))
            return true;
        p += w ? w : 1;
    }
    return false;
}

unsigned host_cpuinfo_flags(const char *const *names, unsigned count)
{
    int fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    /* The first processor's lines are enough: its "flags" and "vmx flags" come in the first few KiB, and
     * reading no further spares the kernel formatting every other processor. */
    char buf[16384];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0) {
        len += (size_t)n;
        buf[len] = 0;
        if (strstr(buf, "\n\n"))
            break;
    }
    close(fd);
    buf[len] = 0;
    unsigned found = 0;
    for (char *line = buf; *line && *line != '\n';) {
        char *end = strchr(line, '\n');
        if (!end)
            break;
        char *colon = memchr(line, ':', (size_t)(end - line));
        if (colon && (!strncmp(line, "flags", 5) || !strncmp(line, "vmx flags", 9)))
            for (unsigned i = 0; i < count && i < 32; i++)
                if (line_has(colon + 1, end, names[i]))
                    found |= 1u << i;
        line = end + 1;
    }
    return found;
}
