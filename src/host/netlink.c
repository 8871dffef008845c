/*
 * rtnetlink, for iphlpapi: the route the kernel takes to a destination (RTM_GETROUTE: once for the
 * resolved route, its output interface and preferred source; once with RTM_F_FIB_MATCH for the routing
 * table entry that matched, its prefix, gateway, metric and origin), the default gateways (a dump of the
 * routes), and a watch on the host's interfaces
 * and addresses (the link and address multicast groups) that one thread blocks on and another can wake.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "host/host.h"
#include "host/ifaddrs.h"

static void add_attr(struct nlmsghdr *n, size_t cap, unsigned short type, const void *data, size_t len)
{
    struct rtattr *a = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));
    if (NLMSG_ALIGN(n->nlmsg_len) + RTA_SPACE(len) > cap)
        return;
    a->rta_type = type;
    a->rta_len = (unsigned short)RTA_LENGTH(len);
    memcpy(RTA_DATA(a), data, len);
    n->nlmsg_len = (uint32_t)(NLMSG_ALIGN(n->nlmsg_len) + RTA_SPACE(len));
}

/* A netlink route socket with req sent on it: the fd, or -errno. */
static int route_request(const struct nlmsghdr *req)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return -errno;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, req, req->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    return fd;
}

/* An RTM_NEWROUTE message's route into *r, and the table it is in. */
static void read_route(const struct nlmsghdr *n, struct host_route *r, uint32_t *table)
{
    const struct rtmsg *rt = NLMSG_DATA(n);
    size_t alen = rt->rtm_family == AF_INET ? 4 : 16;
    memset(r, 0, sizeof *r);
    *table = rt->rtm_table;
    r->prefix_len = rt->rtm_dst_len;
    r->local = rt->rtm_type == RTN_LOCAL;
    r->origin = rt->rtm_protocol == RTPROT_KERNEL ? HOST_ROUTE_KERNEL
                : rt->rtm_protocol == RTPROT_DHCP ? HOST_ROUTE_DHCP
                : rt->rtm_protocol == RTPROT_RA   ? HOST_ROUTE_ROUTER_ADVERTISEMENT
                                                  : HOST_ROUTE_CONFIGURED;
    size_t left = RTM_PAYLOAD(n);
    for (const struct rtattr *a = RTM_RTA(rt); RTA_OK(a, left); a = RTA_NEXT(a, left)) {
        size_t len = RTA_PAYLOAD(a);
        if (a->rta_type == RTA_DST && len == alen)
            memcpy(r->prefix, RTA_DATA(a), alen);
        else if (a->rta_type == RTA_GATEWAY && len == alen) {
            memcpy(r->gateway, RTA_DATA(a), alen);
            r->has_gateway = true;
        } else if (a->rta_type == RTA_PREFSRC && len == alen) {
            memcpy(r->source, RTA_DATA(a), alen);
            r->has_source = true;
        } else if (a->rta_type == RTA_OIF && len == 4)
            memcpy(&r->index, RTA_DATA(a), 4);
        else if (a->rta_type == RTA_PRIORITY && len == 4)
            memcpy(&r->metric, RTA_DATA(a), 4);
        else if (a->rta_type == RTA_TABLE && len == 4)
            memcpy(table, RTA_DATA(a), 4);
    }
}

static bool unreachable(const struct nlmsghdr *n)
{
    const struct rtmsg *rt = NLMSG_DATA(n);
    return rt->rtm_type == RTN_UNREACHABLE || rt->rtm_type == RTN_BLACKHOLE || rt->rtm_type == RTN_PROHIBIT;
}

/* One RTM_GETROUTE round trip; the reply's route into r. 0 or an errno. */
static int get_route(uint8_t family, const uint8_t *dest, const uint8_t *source, uint32_t oif, bool fib_match,
                     struct host_route *r)
{
    size_t alen = family == 4 ? 4 : 16;
    struct {
        struct nlmsghdr n;
        struct rtmsg r;
        char attrs[128];
    } req;
    memset(&req, 0, sizeof req);
    req.n.nlmsg_len = NLMSG_LENGTH(sizeof req.r);
    req.n.nlmsg_type = RTM_GETROUTE;
    req.n.nlmsg_flags = NLM_F_REQUEST;
    req.n.nlmsg_seq = 1;
    req.r.rtm_family = family == 4 ? AF_INET : AF_INET6;
    req.r.rtm_dst_len = (unsigned char)(alen * 8);
    req.r.rtm_flags = fib_match ? RTM_F_FIB_MATCH : 0;
    add_attr(&req.n, sizeof req, RTA_DST, dest, alen);
    if (source) {
        req.r.rtm_src_len = (unsigned char)(alen * 8);
        add_attr(&req.n, sizeof req, RTA_SRC, source, alen);
    }
    if (oif)
        add_attr(&req.n, sizeof req, RTA_OIF, &oif, sizeof oif);

    int fd = route_request(&req.n);
    if (fd < 0)
        return -fd;
    union {
        struct nlmsghdr n;
        char bytes[4096];
    } reply;
    ssize_t got;
    do
        got = recv(fd, &reply, sizeof reply, 0);
    while (got < 0 && errno == EINTR);
    int err = got < 0 ? errno : 0;
    close(fd);
    if (err)
        return err;
    size_t left = (size_t)got;
    for (struct nlmsghdr *n = &reply.n; NLMSG_OK(n, left); n = NLMSG_NEXT(n, left)) {
        if (n->nlmsg_type == NLMSG_ERROR) {
            const struct nlmsgerr *e = NLMSG_DATA(n);
            return e->error ? -e->error : EPROTO;
        }
        if (n->nlmsg_type != RTM_NEWROUTE)
            continue;
        if (unreachable(n))
            return ENETUNREACH;
        uint32_t table;
        read_route(n, r, &table);
        return 0;
    }
    return EPROTO;
}

NTSTATUS host_best_route(uint8_t family, const uint8_t *dest, const uint8_t *source, uint32_t oif,
                         struct host_route *r)
{
    struct host_route resolved, entry;
    int err = get_route(family, dest, source, oif, false, &resolved);
    if (err == ENETUNREACH || err == EHOSTUNREACH || err == EINVAL || err == ENODEV)
        return STATUS_NETWORK_UNREACHABLE;
    if (err)
        return host_status(err);
    *r = resolved;
    /* The matching table entry (Linux 4.13 and later); without it, the resolved route is a host route. */
    if (get_route(family, dest, source, oif, true, &entry) == 0) {
        memcpy(r->prefix, entry.prefix, sizeof r->prefix);
        r->prefix_len = entry.prefix_len;
        memcpy(r->gateway, entry.gateway, sizeof r->gateway);
        r->has_gateway = entry.has_gateway;
        r->metric = entry.metric;
        r->origin = entry.origin;
    }
    return STATUS_SUCCESS;
}

/* The main table's default routes with a gateway (an RTM_GETROUTE dump of both families). */
NTSTATUS host_default_gateways(struct host_gateway *out, uint32_t max, uint32_t *count)
{
    *count = 0;
    struct {
        struct nlmsghdr n;
        struct rtmsg r;
    } req = {
        .n = {.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)), .nlmsg_type = RTM_GETROUTE,
              .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1},
        .r = {.rtm_family = AF_UNSPEC},
    };
    int fd = route_request(&req.n);
    if (fd < 0)
        return host_status(-fd);
    union {
        struct nlmsghdr n;
        char bytes[16384];
    } reply;
    NTSTATUS status = STATUS_SUCCESS;
    for (bool done = false; !done;) {
        ssize_t got = recv(fd, &reply, sizeof reply, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            status = got < 0 ? host_status(errno) : STATUS_UNSUCCESSFUL;
            break;
        }
        size_t left = (size_t)got;
        for (struct nlmsghdr *n = &reply.n; NLMSG_OK(n, left); n = NLMSG_NEXT(n, left)) {
            if (n->nlmsg_type == NLMSG_DONE || n->nlmsg_type == NLMSG_ERROR) {
                done = true;
                break;
            }
            const struct rtmsg *rt = NLMSG_DATA(n);
            if (n->nlmsg_type != RTM_NEWROUTE || rt->rtm_type != RTN_UNICAST ||
                (rt->rtm_family != AF_INET && rt->rtm_family != AF_INET6))
                continue;
            struct host_route r;
            uint32_t table;
            read_route(n, &r, &table);
            if (r.prefix_len == 0 && r.has_gateway && r.index && table == RT_TABLE_MAIN && *count < max) {
                struct host_gateway *g = &out[(*count)++];
                *g = (struct host_gateway){.index = r.index, .family = rt->rtm_family == AF_INET ? 4 : 6};
                memcpy(g->addr, r.gateway, sizeof g->addr);
            }
        }
    }
    close(fd);
    return status;
}

/* ---- the watch ---- */

#define WATCH_MAX_LINKS 256

struct host_if_watch {
    int netlink;
    int wake;
    uint32_t nlinks;
    struct {
        uint32_t index;
        bool loopback;
    } links[WATCH_MAX_LINKS];
};

static int link_slot(struct host_if_watch *w, uint32_t index)
{
    for (uint32_t i = 0; i < w->nlinks; i++)
        if (w->links[i].index == index)
            return (int)i;
    return -1;
}

NTSTATUS host_if_watch_open(struct host_if_watch **out)
{
    *out = NULL;
    struct host_if_watch *w = calloc(1, sizeof *w);
    if (!w)
        return STATUS_NO_MEMORY;
    w->netlink = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    w->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct sockaddr_nl groups = {
        .nl_family = AF_NETLINK,
        .nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR,
    };
    int err = w->netlink < 0 || w->wake < 0 ? errno : 0;
    if (!err && bind(w->netlink, (struct sockaddr *)&groups, sizeof groups) != 0)
        err = errno;
    if (err) {
        host_if_watch_close(w);
        return host_status(err);
    }
    /* The interfaces there are now, so that a later RTM_NEWLINK tells a new one from a changed one. */
    struct host_iface *now = calloc(WATCH_MAX_LINKS, sizeof *now);
    uint32_t n = 0;
    if (now && host_interfaces(now, WATCH_MAX_LINKS, &n) == STATUS_SUCCESS)
        for (uint32_t i = 0; i < n && i < WATCH_MAX_LINKS; i++) {
            w->links[w->nlinks].index = now[i].index;
            w->links[w->nlinks++].loopback = now[i].loopback;
        }
    free(now);
    *out = w;
    return STATUS_SUCCESS;
}

static void put_change(struct host_if_change *out, uint32_t max, uint32_t *count, uint32_t index, uint8_t family,
                       enum host_if_change_kind kind, bool loopback)
{
    if (*count < max)
        out[(*count)++] = (struct host_if_change){index, family, kind, loopback};
}

uint32_t host_if_watch_parse(struct host_if_watch *w, const void *buffer, size_t length,
                             struct host_if_change *out, uint32_t max)
{
    uint32_t count = 0;
    size_t left = length;
    for (const struct nlmsghdr *n = buffer; NLMSG_OK(n, left); n = NLMSG_NEXT(n, left)) {
        if (n->nlmsg_type == RTM_NEWLINK || n->nlmsg_type == RTM_DELLINK) {
            if (n->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)))
                continue;
            const struct ifinfomsg *i = NLMSG_DATA(n);
            uint32_t index = (uint32_t)i->ifi_index;
            bool loopback = (i->ifi_flags & IFF_LOOPBACK) != 0;
            int slot = link_slot(w, index);
            if (n->nlmsg_type == RTM_DELLINK) {
                if (slot >= 0)
                    w->links[slot] = w->links[--w->nlinks];
                put_change(out, max, &count, index, 0, HOST_IF_REMOVED, loopback);
            } else if (slot < 0) {
                if (w->nlinks < WATCH_MAX_LINKS) {
                    w->links[w->nlinks].index = index;
                    w->links[w->nlinks++].loopback = loopback;
                }
                put_change(out, max, &count, index, 0, HOST_IF_ADDED, loopback);
            } else
                put_change(out, max, &count, index, 0, HOST_IF_CHANGED, loopback);
        } else if (n->nlmsg_type == RTM_NEWADDR || n->nlmsg_type == RTM_DELADDR) {
            if (n->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg)))
                continue;
            const struct ifaddrmsg *a = NLMSG_DATA(n);
            if (a->ifa_family != AF_INET && a->ifa_family != AF_INET6)
                continue;
            int slot = link_slot(w, a->ifa_index);
            put_change(out, max, &count, a->ifa_index, a->ifa_family == AF_INET ? 4 : 6, HOST_IF_CHANGED,
                       slot >= 0 && w->links[slot].loopback);
        }
    }
    return count;
}

NTSTATUS host_if_watch_wait(struct host_if_watch *w, struct host_if_change *out, uint32_t max, uint32_t *count)
{
    *count = 0;
    for (;;) {
        struct pollfd p[2] = {{.fd = w->netlink, .events = POLLIN}, {.fd = w->wake, .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return host_status(errno);
        }
        if (p[1].revents) {
            uint64_t value;
            if (read(w->wake, &value, sizeof value) < 0 && errno != EAGAIN)
                return host_status(errno);
            return STATUS_SUCCESS;
        }
        union {
            struct nlmsghdr n;
            char bytes[16384];
        } buffer;
        ssize_t got = recv(w->netlink, &buffer, sizeof buffer, MSG_DONTWAIT);
        if (got < 0 && errno == ENOBUFS) {
            /* Changes were lost: every interface known may have changed. */
            for (uint32_t i = 0; i < w->nlinks; i++)
                put_change(out, max, count, w->links[i].index, 0, HOST_IF_CHANGED, w->links[i].loopback);
            return STATUS_SUCCESS;
        }
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return host_status(errno);
        }
        *count = host_if_watch_parse(w, &buffer, (size_t)got, out, max);
        if (*count)
            return STATUS_SUCCESS;
    }
}

void host_if_watch_wake(struct host_if_watch *w)
{
    uint64_t one = 1;
    while (write(w->wake, &one, sizeof one) < 0 && errno == EINTR)
        ;
}

void host_if_watch_close(struct host_if_watch *w)
{
    if (!w)
        return;
    if (w->netlink >= 0)
        close(w->netlink);
    if (w->wake >= 0)
        close(w->wake);
    free(w);
}
