/* Facts about the host process and machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

#include "host/host.h"

extern char **environ;

NTSTATUS host_getcwd(char *buf, size_t size)
{
    return getcwd(buf, size) ? STATUS_SUCCESS : host_status(errno);
}

char *const *host_environ(void)
{
    return environ;
}

NTSTATUS host_self_exe(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n < 0)
        return host_status(errno);
    if ((size_t)n >= size - 1)
        return STATUS_NAME_TOO_LONG;
    buf[n] = 0;
    return STATUS_SUCCESS;
}

/* Counted once: glibc reads /sys/devices/system/cpu/online on every call, and Windows fixes
 * NumberOfProcessors at boot. */
unsigned host_cpu_count(void)
{
    static unsigned count;
    if (!count) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        count = n > 0 ? (unsigned)n : 1;
    }
    return count;
}

uint64_t host_physical_pages(void)
{
    long n = sysconf(_SC_PHYS_PAGES);
    return n > 0 ? (uint64_t)n : 0;
}

void host_random(void *buf, size_t size)
{
    uint8_t *p = buf;
    while (size) {
        ssize_t n = getrandom(p, size, 0);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            host_abort("getrandom failed");
        }
        p += n;
        size -= (size_t)n;
    }
}

void host_write_all(int fd, const void *buf, size_t len)
{
    size_t done;
    (void)host_write(fd, buf, len, &done);
}

void host_print_error(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0)
        host_write_all(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

uint32_t host_getuid(void)
{
    return (uint32_t)getuid();
}

/* The user's login name from the environment ($USER, $LOGNAME), else "user": no NSS lookups in a
 * static binary. */
const char *host_user_name(void)
{
    const char *name = getenv("USER");
    if (!name || !*name)
        name = getenv("LOGNAME");
    return name && *name ? name : "user";
}

NTSTATUS host_hostname(char *buf, size_t size)
{
    if (gethostname(buf, size))
        return host_status(errno);
    buf[size - 1] = 0;
    return STATUS_SUCCESS;
}
