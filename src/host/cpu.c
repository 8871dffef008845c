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

bool host_cpuinfo_flag(const char *flag)
{
    int fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    /* The first processor's lines are enough: its "flags" (and "vmx flags") come early. */
    char buf[16384];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)n;
    close(fd);
    buf[len] = 0;
    size_t flen = strlen(flag);
    for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (*line == '\n')
            break;   /* the end of the first processor */
        if (strncmp(line, "flags", 5) && strncmp(line, "vmx flags", 9))
            continue;
        char *end = strchr(line, '\n'), *p = strchr(line, ':');
        while (p && (!end || p < end)) {
            p += strspn(p, ": ");
            size_t w = strcspn(p, " \n");
            if (w == flen && !memcmp(p, flag, flen))
                return true;
            p += w;
            if (*p != ' ')
                break;
        }
    }
    return false;
}
