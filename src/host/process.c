/* Facts about the host process and machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

#include "host/host.h"
#include "host/identity.h"

extern char **environ;

NTSTATUS host_getcwd(char *buf, size_t size)
{
    return getcwd(buf, size) ? STATUS_SUCCESS : host_status(errno);
}

char *const *host_environ(void)
{
    return environ;
}

NTSTATUS host_environ_append(const char *name, const char *value, char separator)
{
    const char *old = getenv(name);
    if (!old || !*old)
        return setenv(name, value, 1) == 0 ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    size_t n = strlen(old) + strlen(value) + 2;
    char *joined = malloc(n);
    if (!joined)
        return STATUS_NO_MEMORY;
    snprintf(joined, n, "%s%c%s", old, separator, value);
    NTSTATUS status = setenv(name, joined, 1) == 0 ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    free(joined);
    return status;
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

/* The user's login name from the environment ($USER, $LOGNAME), else the uid's /etc/passwd entry (no NSS
 * lookups in a static binary), else "user". */
const char *host_user_name(void)
{
    static char passwd_name[256];
    const char *name = getenv("USER");
    if (!name || !*name)
        name = getenv("LOGNAME");
    if (name && *name)
        return name;
    if (!passwd_name[0] && host_passwd_by_uid(host_getuid(), passwd_name, sizeof passwd_name, NULL, 0))
        strcpy(passwd_name, "user");
    return passwd_name;
}

NTSTATUS host_hostname(char *buf, size_t size)
{
    if (gethostname(buf, size))
        return host_status(errno);
    buf[size - 1] = 0;
    return STATUS_SUCCESS;
}

/* /proc/PID/status and /proc/PID/stat of a process (pid 0: this one). */
NTSTATUS host_process_memory(uint32_t pid, struct host_memory *m)
{
    char path[64], line[256];
    memset(m, 0, sizeof *m);
    if (pid)
        snprintf(path, sizeof path, "/proc/%u/status", pid);
    else
        snprintf(path, sizeof path, "/proc/self/status");
    FILE *f = fopen(path, "re");
    if (!f)
        return errno == ENOENT ? STATUS_PROCESS_IS_TERMINATING : host_status(errno);
    static const struct { const char *name; size_t offset; } fields[] = {
        {"VmPeak:", offsetof(struct host_memory, peak_virtual)}, {"VmSize:", offsetof(struct host_memory, virtual_size)},
        {"VmHWM:", offsetof(struct host_memory, peak_resident)}, {"VmRSS:", offsetof(struct host_memory, resident)},
        {"VmData:", offsetof(struct host_memory, private_bytes)},
    };
    while (fgets(line, sizeof line, f)) {
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
            size_t n = strlen(fields[i].name);
            if (!strncmp(line, fields[i].name, n))
                *(uint64_t *)((char *)m + fields[i].offset) = strtoull(line + n, NULL, 10) * 1024;
        }
    }
    fclose(f);
    if (pid)
        snprintf(path, sizeof path, "/proc/%u/stat", pid);
    else
        snprintf(path, sizeof path, "/proc/self/stat");
    f = fopen(path, "re");
    if (f) {
        /* Fields 10 and 12 (minflt, majflt) follow the command name, which ends at the last ')'. */
        char buf[1024];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        char *p = strrchr(buf, ')');
        unsigned long long minflt = 0, majflt = 0;
        if (p && sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %llu %*u %llu", &minflt, &majflt) == 2)
            m->page_faults = minflt + majflt;
        fclose(f);
    }
    return STATUS_SUCCESS;
}
