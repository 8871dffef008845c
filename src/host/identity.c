/*
 * Host identity facts: the passwd database, the machine id, file owners. See host/identity.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/host.h"
#include "host/identity.h"

static void copy_field(char *dst, size_t size, const char *src, size_t len)
{
    if (!size)
        return;
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = 0;
}

/* Walks /etc/passwd for the entry whose name (when want_name) or uid matches. Fields are split in place. */
static NTSTATUS passwd_lookup(const char *want_name, uint32_t want_uid, char *name, size_t name_size,
                              char *gecos, size_t gecos_size, uint32_t *uid_out)
{
    FILE *f = fopen("/etc/passwd", "re");
    if (!f)
        return STATUS_NONE_MAPPED;
    char line[1024];
    NTSTATUS status = STATUS_NONE_MAPPED;
    while (fgets(line, sizeof line, f)) {
        char *field[7] = {0};
        char *p = line;
        int n = 0;
        for (; n < 7 && p; n++) {
            field[n] = p;
            p = strchr(p, ':');
            if (p)
                *p++ = 0;
        }
        if (n < 5 || !field[2] || !*field[2])
            continue;
        char *end;
        unsigned long uid = strtoul(field[2], &end, 10);
        if (*end || uid > 0xFFFFFFFFul)
            continue;
        if (want_name ? strcmp(field[0], want_name) != 0 : uid != want_uid)
            continue;
        if (name)
            copy_field(name, name_size, field[0], strlen(field[0]));
        if (gecos)
            copy_field(gecos, gecos_size, field[4], strcspn(field[4], ",\n"));
        if (uid_out)
            *uid_out = (uint32_t)uid;
        status = STATUS_SUCCESS;
        break;
    }
    fclose(f);
    return status;
}

NTSTATUS host_passwd_by_uid(uint32_t uid, char *name, size_t name_size, char *gecos, size_t gecos_size)
{
    return passwd_lookup(NULL, uid, name, name_size, gecos, gecos_size, NULL);
}

NTSTATUS host_passwd_by_name(const char *name, uint32_t *uid)
{
    return passwd_lookup(name, 0, NULL, 0, NULL, 0, uid);
}

NTSTATUS host_machine_id(char hex[33])
{
    static const char *const paths[] = {"/etc/machine-id", "/var/lib/dbus/machine-id"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        FILE *f = fopen(paths[i], "re");
        if (!f)
            continue;
        char line[64] = {0};
        bool ok = fgets(line, sizeof line, f) && strspn(line, "0123456789abcdefABCDEF") == 32;
        fclose(f);
        if (ok) {
            memcpy(hex, line, 32);
            hex[32] = 0;
            return STATUS_SUCCESS;
        }
    }
    return STATUS_NOT_FOUND;
}

NTSTATUS host_fd_owner(int fd, uint32_t *uid, uint32_t *gid, uint32_t *mode)
{
    struct stat st;
    if (fstat(fd, &st))
        return host_status(errno);
    *uid = st.st_uid;
    *gid = st.st_gid;
    *mode = st.st_mode & 07777;
    return STATUS_SUCCESS;
}

NTSTATUS host_path_owner(const char *path, uint32_t *uid, uint32_t *gid, uint32_t *mode)
{
    struct stat st;
    if (stat(path, &st))
        return host_status(errno);
    *uid = st.st_uid;
    *gid = st.st_gid;
    *mode = st.st_mode & 07777;
    return STATUS_SUCCESS;
}

NTSTATUS host_set_mode(int fd, const char *path, uint32_t mode)
{
    return (fd >= 0 ? fchmod(fd, mode & 07777) : chmod(path, mode & 07777)) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_set_group(int fd, const char *path, uint32_t gid)
{
    return (fd >= 0 ? fchown(fd, (uid_t)-1, gid) : chown(path, (uid_t)-1, gid)) ? host_status(errno) : STATUS_SUCCESS;
}

uint32_t host_getgid(void)
{
    return (uint32_t)getegid();
}
