/*
 * The host's network interfaces (getifaddrs, plus an ioctl for the MTU), the route to a destination (the
 * local address the kernel picks for a connected UDP socket: nothing is sent) and /etc/resolv.conf.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "host/host.h"
#include "host/ifaddrs.h"
#include "host/resolver.h"

static unsigned mask_bits(const uint8_t *m, size_t len)
{
    unsigned n = 0;
    for (size_t i = 0; i < len; i++)
        n += (unsigned)__builtin_popcount(m[i]);
    return n;
}

static uint32_t iface_mtu(int fd, const char *name)
{
    struct ifreq r;
    memset(&r, 0, sizeof r);
    snprintf(r.ifr_name, sizeof r.ifr_name, "%s", name);
    return fd >= 0 && ioctl(fd, SIOCGIFMTU, &r) == 0 ? (uint32_t)r.ifr_mtu : 0;
}

/* The entry for name in the list, added (kept sorted by index) when new. */
static struct host_iface *iface_slot(struct host_iface *all, uint32_t *n, uint32_t cap, const char *name)
{
    for (uint32_t i = 0; i < *n; i++)
        if (!strcmp(all[i].name, name))
            return &all[i];
    uint32_t index = if_nametoindex(name);
    if (!index || *n == cap)
        return NULL;
    uint32_t at = *n;
    while (at && all[at - 1].index > index)
        at--;
    memmove(&all[at + 1], &all[at], (*n - at) * sizeof *all);
    (*n)++;
    memset(&all[at], 0, sizeof *all);
    snprintf(all[at].name, sizeof all[at].name, "%s", name);
    all[at].index = index;
    return &all[at];
}

static void iface_add(struct host_iface *f, const struct ifaddrs *a)
{
    int fam = a->ifa_addr->sa_family;
    f->loopback = (a->ifa_flags & IFF_LOOPBACK) != 0;
    f->running = (a->ifa_flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
    if (fam == AF_PACKET) {
        const struct sockaddr_ll *ll = (const void *)a->ifa_addr;
        f->hwlen = ll->sll_halen <= sizeof f->hwaddr ? ll->sll_halen : 0;
        memcpy(f->hwaddr, ll->sll_addr, f->hwlen);
        return;
    }
    if (f->naddrs == HOST_IF_MAX_ADDRS)
        return;
    struct host_ifaddr *x = &f->addrs[f->naddrs++];
    if (fam == AF_INET) {
        x->family = 4;
        memcpy(x->addr, &((const struct sockaddr_in *)(const void *)a->ifa_addr)->sin_addr, 4);
        if (a->ifa_netmask)
            x->prefix = (uint8_t)mask_bits((const uint8_t *)&((const struct sockaddr_in *)(const void *)
                                                              a->ifa_netmask)->sin_addr, 4);
    } else {
        x->family = 6;
        memcpy(x->addr, &((const struct sockaddr_in6 *)(const void *)a->ifa_addr)->sin6_addr, 16);
        if (a->ifa_netmask)
            x->prefix = (uint8_t)mask_bits((const uint8_t *)&((const struct sockaddr_in6 *)(const void *)
                                                              a->ifa_netmask)->sin6_addr, 16);
    }
}

NTSTATUS host_interfaces(struct host_iface *out, uint32_t max, uint32_t *count)
{
    struct ifaddrs *list;
    *count = 0;
    if (getifaddrs(&list) != 0)
        return host_status(errno);
    enum { CAP = 256 };
    struct host_iface *all = calloc(CAP, sizeof *all);
    if (!all) {
        freeifaddrs(list);
        return STATUS_NO_MEMORY;
    }
    uint32_t n = 0;
    for (const struct ifaddrs *a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr)
            continue;
        int fam = a->ifa_addr->sa_family;
        if (fam != AF_INET && fam != AF_INET6 && fam != AF_PACKET)
            continue;
        struct host_iface *f = iface_slot(all, &n, CAP, a->ifa_name);
        if (f)
            iface_add(f, a);
    }
    freeifaddrs(list);
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    for (uint32_t i = 0; i < n; i++)
        all[i].mtu = iface_mtu(fd, all[i].name);
    if (fd >= 0)
        close(fd);
    memcpy(out, all, (n < max ? n : max) * sizeof *all);
    *count = n;
    free(all);
    return STATUS_SUCCESS;
}

NTSTATUS host_route_interface(uint8_t family, const uint8_t *dest, uint32_t *index)
{
    struct sockaddr_storage to, me;
    socklen_t len = family == 4 ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    *index = 0;
    memset(&to, 0, sizeof to);
    if (family == 4) {
        struct sockaddr_in *s = (void *)&to;
        s->sin_family = AF_INET;
        s->sin_port = htons(9);   /* any port: connect() on UDP only chooses the route */
        memcpy(&s->sin_addr, dest, 4);
    } else {
        struct sockaddr_in6 *s = (void *)&to;
        s->sin6_family = AF_INET6;
        s->sin6_port = htons(9);
        memcpy(&s->sin6_addr, dest, 16);
    }
    int fd = socket(to.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errno == EAFNOSUPPORT ? STATUS_SUCCESS : host_status(errno);   /* no IPv6: no route */
    socklen_t mlen = sizeof me;
    int rc = connect(fd, (struct sockaddr *)&to, len);
    if (rc == 0)
        rc = getsockname(fd, (struct sockaddr *)&me, &mlen);
    int err = errno;
    close(fd);
    if (rc != 0)   /* no route (or no such family) is an answer, index 0; anything else a failure */
        return err == ENETUNREACH || err == EHOSTUNREACH || err == EINVAL ? STATUS_SUCCESS : host_status(err);
    const void *local = family == 4 ? (const void *)&((struct sockaddr_in *)&me)->sin_addr
                                    : (const void *)&((struct sockaddr_in6 *)&me)->sin6_addr;
    uint8_t addr[16];
    memcpy(addr, local, family == 4 ? 4 : 16);
    if (!host_address_interface(family, addr, index))
        *index = 0;
    return STATUS_SUCCESS;
}

/* The first interface (getifaddrs' order) with an address of family: the one equal to addr, or, with
 * by_index, any of interface *index; its address and index are written back. */
static bool find_address(uint8_t family, uint8_t *addr, uint32_t *index, bool by_index)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0)
        return false;
    bool found = false;
    size_t len = family == 4 ? 4 : 16;
    for (const struct ifaddrs *a = list; a && !found; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != (family == 4 ? AF_INET : AF_INET6))
            continue;
        const void *mine = family == 4 ? (const void *)&((struct sockaddr_in *)(void *)a->ifa_addr)->sin_addr
                                       : (const void *)&((struct sockaddr_in6 *)(void *)a->ifa_addr)->sin6_addr;
        uint32_t n = if_nametoindex(a->ifa_name);
        if (by_index ? n == *index : !memcmp(mine, addr, len)) {
            memcpy(addr, mine, len);
            *index = n;
            found = true;
        }
    }
    freeifaddrs(list);
    return found;
}

bool host_address_interface(uint8_t family, const uint8_t *addr, uint32_t *index)
{
    uint8_t copy[16];
    memcpy(copy, addr, family == 4 ? 4 : 16);
    return find_address(family, copy, index, false);
}

bool host_interface_address(uint8_t family, uint32_t index, uint8_t *addr)
{
    return find_address(family, addr, &index, true);
}

NTSTATUS host_resolver(uint8_t (*servers)[4], uint32_t max, uint32_t *count, char *domain, size_t size)
{
    *count = 0;
    if (size)
        domain[0] = 0;
    struct host_nameserver named[8];
    uint32_t n;
    bool override = host_nameserver_override(named, 8, &n);
    for (uint32_t i = 0; override && i < n && *count < max; i++)
        memcpy(servers[(*count)++], named[i].addr, 4);
    FILE *f = fopen("/etc/resolv.conf", "re");
    if (!f)
        return errno == ENOENT ? STATUS_SUCCESS : host_status(errno);
    char line[512], word[256];
    while (fgets(line, sizeof line, f)) {
        struct in_addr a;
        if (sscanf(line, "nameserver %255s", word) == 1) {
            if (!override && *count < max && inet_pton(AF_INET, word, &a) == 1)
                memcpy(servers[(*count)++], &a, 4);
        } else if ((sscanf(line, "domain %255s", word) == 1 || (sscanf(line, "search %255s", word) == 1
                    && !domain[0])) && size) {
            snprintf(domain, size, "%s", word);
        }
    }
    fclose(f);
    return STATUS_SUCCESS;
}
