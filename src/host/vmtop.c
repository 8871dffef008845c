/* Top-down placement of anonymous mappings (VirtualAlloc's MEM_TOP_DOWN): Linux has no such mmap flag. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host/host.h"

/* Kept free below the main thread's stack, which grows down into it (Linux keeps the mmap area at least
 * this far below the stack too). */
#define STACK_ROOM (128u << 20)

static int prot_bits(unsigned prot)
{
    return (prot & HOST_PROT_READ ? PROT_READ : 0) | (prot & HOST_PROT_WRITE ? PROT_WRITE : 0) |
           (prot & HOST_PROT_EXEC ? PROT_EXEC : 0);
}

/* The highest aligned address a..a+size inside gap [lo, hi) below limit, or 0. */
static uintptr_t fit(uintptr_t lo, uintptr_t hi, uintptr_t limit, size_t size, size_t align)
{
    if (hi > limit)
        hi = limit;
    if (hi <= lo || hi - lo < size)
        return 0;
    uintptr_t a = (hi - size) & ~(uintptr_t)(align - 1);
    return a >= lo ? a : 0;
}

/* The highest free place for size bytes below limit, from /proc/self/maps (0 when unreadable or full). */
static uintptr_t highest_gap(size_t size, size_t align, uintptr_t limit)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[8192], line[512];
    size_t len = 0;
    uintptr_t prev_end = 0x10000, best = 0;   /* the lowest address Windows and Linux (mmap_min_addr) map */
    bool done = false;
    while (!done) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) {
            done = true;
            n = 0;
            if (len) {        /* a last line without its newline */
                buf[0] = '\n';
                n = 1;
            }
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                if (len < sizeof line - 1)
                    line[len++] = buf[i];
                continue;
            }
            line[len] = 0;
            len = 0;
            char *end;
            unsigned long start = strtoul(line, &end, 16);
            if (*end != '-')
                continue;
            unsigned long stop = strtoul(end + 1, NULL, 16);
            uintptr_t hi = start;
            if (strstr(line, "[stack]"))
                hi = start > STACK_ROOM ? start - STACK_ROOM : 0;
            uintptr_t a = fit(prev_end, hi, limit, size, align);
            if (a)
                best = a;
            if (stop > prev_end)
                prev_end = stop;
        }
    }
    close(fd);
    uintptr_t a = fit(prev_end, UINTPTR_MAX, limit, size, align);
    return a ? a : best;
}

NTSTATUS host_map_top_down(void **addr, size_t size, size_t align, uintptr_t limit, unsigned prot, unsigned flags)
{
    int mflags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | (flags & HOST_MAP_NORESERVE ? MAP_NORESERVE : 0);
    *addr = NULL;
    if (align < host_page_size())
        align = host_page_size();
    /* Another thread may map into the gap between the look and the mmap: look again. */
    for (int attempt = 0; attempt < 8; attempt++) {
        uintptr_t a = highest_gap(size, align, limit);
        if (!a)
            break;
        void *p = mmap((void *)a, size, prot_bits(prot), mflags, -1, 0);
        if (p == (void *)a) {
            *addr = p;
            return STATUS_SUCCESS;
        }
        if (p != MAP_FAILED)
            munmap(p, size);   /* kernels before 4.17 take the flag as a hint */
        else if (errno != EEXIST)
            return host_status(errno);
    }
    /* Without /proc: probe down from the limit, a bounded number of places. */
    uintptr_t a = limit >= size ? (limit - size) & ~(uintptr_t)(align - 1) : 0;
    for (int i = 0; i < 4096 && a >= 0x10000; i++, a -= align) {
        void *p = mmap((void *)a, size, prot_bits(prot), mflags, -1, 0);
        if (p == (void *)a) {
            *addr = p;
            return STATUS_SUCCESS;
        }
        if (p != MAP_FAILED)
            munmap(p, size);
        else if (errno != EEXIST)
            return host_status(errno);
    }
    return STATUS_NO_MEMORY;
}
