/*
 * The host's TCP connections and UDP endpoints (/proc/net/tcp, tcp6, udp, udp6), its protocol counters
 * (/proc/net/snmp) and each interface's traffic counters (/proc/net/dev), for iphlpapi's tables and
 * statistics. Only the calling process's network namespace is visible, as for any Linux program.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/host.h"
#include "host/ifaddrs.h"

/* An address as /proc/net prints it: the 4-byte words of the in-memory (network order) address, each as
 * a host-order hexadecimal number. */
static bool parse_address(const char *hex, size_t words, uint8_t *out)
{
    for (size_t w = 0; w < words; w++) {
        char part[9];
        memcpy(part, hex + w * 8, 8);
        part[8] = 0;
        char *end;
        uint32_t v = (uint32_t)strtoul(part, &end, 16);
        if (end != part + 8)
            return false;
        memcpy(out + w * 4, &v, 4);   /* the host's order is the order the kernel printed from */
    }
    return true;
}

/* One /proc/net/{tcp,udp}[6] line: "sl local:port remote:port st ..." */
static bool parse_socket_line(const char *line, uint8_t family, struct host_socket_entry *e)
{
    size_t words = family == 4 ? 1 : 4, hex = words * 8;
    const char *colon = strchr(line, ':');
    if (!colon)
        return false;
    const char *p = colon + 1;
    while (*p == ' ')
        p++;
    memset(e, 0, sizeof *e);
    e->family = family;
    if (strlen(p) < 2 * (hex + 5) + 4 || p[hex] != ':' || !parse_address(p, words, e->local))
        return false;
    e->local_port = (uint16_t)strtoul(p + hex + 1, NULL, 16);
    p += hex + 5;   /* "ADDRESS:PORT", then a space */
    if (*p != ' ' || p[1 + hex] != ':' || !parse_address(p + 1, words, e->remote))
        return false;
    e->remote_port = (uint16_t)strtoul(p + 1 + hex + 1, NULL, 16);
    p += 1 + hex + 5;
    char *end;
    e->state = (uint8_t)strtoul(p, &end, 16);
    /* then tx_queue:rx_queue tr:when retransmits uid timeout inode */
    unsigned long long inode = 0;
    if (sscanf(end, "%*s %*s %*s %*u %*u %llu", &inode) == 1)
        e->inode = inode;
    return true;
}

NTSTATUS host_socket_table(enum host_socket_table which, uint8_t family, struct host_socket_entry **out,
                           uint32_t *count)
{
    *out = NULL;
    *count = 0;
    char path[32];
    snprintf(path, sizeof path, "/proc/net/%s%s", which == HOST_TABLE_TCP ? "tcp" : "udp", family == 6 ? "6" : "");
    FILE *f = fopen(path, "re");
    if (!f)   /* no IPv6 in this kernel: no IPv6 sockets */
        return errno == ENOENT ? STATUS_SUCCESS : host_status(errno);
    char *line = NULL;
    size_t cap = 0;
    uint32_t n = 0, room = 0;
    struct host_socket_entry *list = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    for (bool header = true; getline(&line, &cap, f) > 0; header = false) {
        struct host_socket_entry e;
        if (header || !parse_socket_line(line, family, &e))
            continue;
        if (n == room) {
            room = room ? room * 2 : 64;
            struct host_socket_entry *bigger = realloc(list, room * sizeof *list);
            if (!bigger) {
                status = STATUS_NO_MEMORY;
                break;
            }
            list = bigger;
        }
        list[n++] = e;
    }
    free(line);
    fclose(f);
    if (status != STATUS_SUCCESS) {
        free(list);
        return status;
    }
    *out = list;
    *count = n;
    return STATUS_SUCCESS;
}

void host_socket_owners(struct host_socket_entry *entries, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
        entries[i].owner_pid = 0;
    DIR *proc = opendir("/proc");
    if (!proc)
        return;
    uint32_t left = 0;
    for (uint32_t i = 0; i < count; i++)
        left += entries[i].inode != 0;
    for (struct dirent *d; left && (d = readdir(proc));) {
        char *end;
        unsigned long pid = strtoul(d->d_name, &end, 10);
        if (*end || !pid)
            continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/%lu/fd", pid);
        DIR *fds = opendir(path);   /* another user's process: not ours to look into */
        if (!fds)
            continue;
        for (struct dirent *f; left && (f = readdir(fds));) {
            char link[300], target[64];
            snprintf(link, sizeof link, "/proc/%lu/fd/%s", pid, f->d_name);
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n <= 8 || strncmp(target, "socket:[", 8) != 0)
                continue;
            target[n] = 0;
            unsigned long long inode = strtoull(target + 8, NULL, 10);
            for (uint32_t i = 0; i < count; i++)
                if (entries[i].inode == inode && !entries[i].owner_pid) {
                    entries[i].owner_pid = (uint32_t)pid;
                    left--;
                }
        }
        closedir(fds);
    }
    closedir(proc);
}

/* The values of /proc/net/snmp's line pair for protocol ("Tcp", "Udp"): names on the first, numbers on
 * the second; the value of each name asked for, or -1 when the kernel does not have it. */
static NTSTATUS snmp_values(const char *protocol, const char *const *names, size_t count, long long *values)
{
    for (size_t i = 0; i < count; i++)
        values[i] = -1;
    FILE *f = fopen("/proc/net/snmp", "re");
    if (!f)
        return host_status(errno);
    char *head = NULL, *line = NULL;
    size_t cap = 0, plen = strlen(protocol);
    while (getline(&line, &cap, f) > 0) {
        if (strncmp(line, protocol, plen) != 0 || line[plen] != ':')
            continue;
        if (!head) {   /* the names */
            head = line;
            line = NULL;
            cap = 0;
            continue;
        }
        char *name_save, *value_save;
        char *name = strtok_r(head + plen + 1, " \n", &name_save);
        char *value = strtok_r(line + plen + 1, " \n", &value_save);
        for (; name && value; name = strtok_r(NULL, " \n", &name_save), value = strtok_r(NULL, " \n", &value_save))
            for (size_t i = 0; i < count; i++)
                if (!strcmp(name, names[i]))
                    values[i] = strtoll(value, NULL, 10);
        break;
    }
    free(head);
    free(line);
    fclose(f);
    return STATUS_SUCCESS;
}

NTSTATUS host_tcp_stats(struct host_tcp_stats *s)
{
    static const char *const names[] = {"RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn", "ActiveOpens",
                                        "PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab", "InSegs",
                                        "OutSegs", "RetransSegs", "InErrs", "OutRsts"};
    long long v[14];
    NTSTATUS status = snmp_values("Tcp", names, 14, v);
    if (status != STATUS_SUCCESS)
        return status;
    *s = (struct host_tcp_stats){(uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2], (int32_t)v[3],
                                 (uint64_t)v[4], (uint64_t)v[5], (uint64_t)v[6], (uint64_t)v[7],
                                 (uint64_t)v[8], (uint64_t)v[9], (uint64_t)v[10], (uint64_t)v[11],
                                 (uint64_t)v[12], (uint64_t)v[13]};
    return STATUS_SUCCESS;
}

NTSTATUS host_udp_stats(struct host_udp_stats *s)
{
    static const char *const names[] = {"InDatagrams", "NoPorts", "InErrors", "OutDatagrams"};
    long long v[4];
    NTSTATUS status = snmp_values("Udp", names, 4, v);
    if (status != STATUS_SUCCESS)
        return status;
    *s = (struct host_udp_stats){(uint64_t)v[0], (uint64_t)v[1], (uint64_t)v[2], (uint64_t)v[3]};
    return STATUS_SUCCESS;
}

NTSTATUS host_interface_counters(struct host_if_counters *out, uint32_t max, uint32_t *count)
{
    *count = 0;
    FILE *f = fopen("/proc/net/dev", "re");
    if (!f)
        return host_status(errno);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0 && *count < max) {
        char *p = line, *colon = strchr(line, ':');
        while (*p == ' ')
            p++;
        if (!colon || colon - p >= (ptrdiff_t)sizeof out->name)
            continue;   /* the two header lines have no "name:" */
        unsigned long long v[16];
        if (sscanf(colon + 1, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
                   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11],
                   &v[12], &v[13], &v[14], &v[15]) != 16)
            continue;
        /* receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs
         * drop fifo colls carrier compressed */
        struct host_if_counters *c = &out[(*count)++];
        *c = (struct host_if_counters){.rx_bytes = v[0], .rx_packets = v[1], .rx_errors = v[2],
                                       .rx_dropped = v[3], .rx_multicast = v[7], .tx_bytes = v[8],
                                       .tx_packets = v[9], .tx_errors = v[10], .tx_dropped = v[11]};
        memcpy(c->name, p, (size_t)(colon - p));
        c->name[colon - p] = 0;
    }
    free(line);
    fclose(f);
    return STATUS_SUCCESS;
}
