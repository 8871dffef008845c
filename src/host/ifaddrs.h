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

/* /etc/resolv.conf (NTEXEC_NAMESERVERS' servers in place of its own when set): up to max IPv4 name servers
 * (4 bytes each) into servers, their number in *count, and the search domain (or "") into domain. A missing
 * file is no servers and no domain. */
NTSTATUS host_resolver(uint8_t (*servers)[4], uint32_t max, uint32_t *count, char *domain, size_t size);

#endif
