/*
 * host/ifaddrs: the host's network interfaces, their addresses and routes, and its resolver configuration,
 * for iphlpapi.dll. Addresses are raw bytes in network order (4 for IPv4, 16 for IPv6).
 */
#ifndef HOST_IFADDRS_H
#define HOST_IFADDRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nt/ntstatus.h"

#define HOST_IF_MAX_ADDRS 16

struct host_ifaddr {
    uint8_t family;          /* 4 or 6 */
    uint8_t prefix;          /* bits in the netmask */
    uint8_t addr[16];
};

struct host_iface {
    char name[16];           /* the Linux name (IFNAMSIZ) */
    uint32_t index;          /* the Linux ifindex */
    uint32_t mtu;
    uint8_t hwaddr[8];
    uint32_t hwlen;
    bool loopback;
    bool running;            /* IFF_UP and IFF_RUNNING: carrier present */
    uint32_t naddrs;         /* at most HOST_IF_MAX_ADDRS; further addresses are dropped */
    struct host_ifaddr addrs[HOST_IF_MAX_ADDRS];
};

/* The host's interfaces in ifindex order: up to max of them in out, the number there is in *count (which
 * may be larger than max; then call again with a bigger array). */
NTSTATUS host_interfaces(struct host_iface *out, uint32_t max, uint32_t *count);

/* The interface the host would send a datagram to dest through (family 4 or 6): a connected UDP socket's
 * local address, found among the interfaces' addresses. *index is 0 when there is no route. */
NTSTATUS host_route_interface(uint8_t family, const uint8_t *dest, uint32_t *index);

/* The index of the interface holding addr (family 4 or 6, network order); the first address of that family
 * interface index has. false when there is none. */
bool host_address_interface(uint8_t family, const uint8_t *addr, uint32_t *index);
bool host_interface_address(uint8_t family, uint32_t index, uint8_t *addr);

/* How a route came to be in the table (rtm_protocol). */
enum host_route_origin {
    HOST_ROUTE_KERNEL,                 /* made with an address: the subnet's and the local routes */
    HOST_ROUTE_CONFIGURED,             /* by hand, at boot, by a daemon */
    HOST_ROUTE_DHCP,
    HOST_ROUTE_ROUTER_ADVERTISEMENT,
};

struct host_route {
    uint32_t index;                    /* the interface the kernel sends through */
    uint8_t prefix[16];                /* the table entry that matched: its prefix and length */
    uint8_t prefix_len;
    bool has_gateway;                  /* false: on-link */
    uint8_t gateway[16];
    bool has_source;
    uint8_t source[16];                /* the source address the kernel would choose */
    uint32_t metric;
    bool local;                        /* the destination is one of the host's own addresses */
    enum host_route_origin origin;
};

/* The route the host would send to dest by (family 4 or 6), from source when not NULL and through
 * interface oif when not 0 (host/netlink.c). STATUS_NETWORK_UNREACHABLE when there is none. */
NTSTATUS host_best_route(uint8_t family, const uint8_t *dest, const uint8_t *source, uint32_t oif,
                         struct host_route *route);

/* A watch on the host's interfaces and their addresses (rtnetlink's link and address groups). */
struct host_if_watch;

enum host_if_change_kind { HOST_IF_ADDED, HOST_IF_REMOVED, HOST_IF_CHANGED };

struct host_if_change {
    uint32_t index;
    uint8_t family;                    /* 4 or 6 for an address; 0 for the interface itself (both) */
    enum host_if_change_kind kind;
    bool loopback;
};

NTSTATUS host_if_watch_open(struct host_if_watch **watch);
/* Blocks until interfaces change (up to max changes into out, their number in *count) or until
 * host_if_watch_wake (no changes). */
NTSTATUS host_if_watch_wait(struct host_if_watch *watch, struct host_if_change *out, uint32_t max,
                            uint32_t *count);
void host_if_watch_wake(struct host_if_watch *watch);
void host_if_watch_close(struct host_if_watch *watch);
/* The changes in a buffer of rtnetlink messages (what host_if_watch_wait reads; for tests). */
uint32_t host_if_watch_parse(struct host_if_watch *watch, const void *buffer, size_t length,
                             struct host_if_change *out, uint32_t max);

/* /etc/resolv.conf (NTEXEC_NAMESERVERS' servers in place of its own when set): up to max IPv4 name servers
 * (4 bytes each) into servers, their number in *count, and the search domain (or "") into domain. A missing
 * file is no servers and no domain. */
NTSTATUS host_resolver(uint8_t (*servers)[4], uint32_t max, uint32_t *count, char *domain, size_t size);

#endif
