/*
 * host/ifaddrs: what iphlpapi.dll asks of the host's network. The interfaces, their addresses and the
 * resolver configuration (host/ifaddrs.c); routes, default gateways and a watch on interface changes
 * (host/netlink.c); the socket tables and counters (host/ipstats.c); ICMP echo (host/icmp.c). Addresses
 * are raw bytes in network order (4 for IPv4, 16 for IPv6).
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

struct host_gateway {
    uint32_t index;                    /* the interface the gateway is reached through */
    uint8_t family;                    /* 4 or 6 */
    uint8_t addr[16];
};

/* The default routes' gateways of the main routing table, up to max of them (host/netlink.c). */
NTSTATUS host_default_gateways(struct host_gateway *out, uint32_t max, uint32_t *count);

/* The host's sockets and counters (host/ipstats.c). */
enum host_socket_table { HOST_TABLE_TCP, HOST_TABLE_UDP };

/* Linux's TCP states, as /proc/net/tcp numbers them. */
enum host_tcp_state {
    HOST_TCP_ESTABLISHED = 1, HOST_TCP_SYN_SENT, HOST_TCP_SYN_RECV, HOST_TCP_FIN_WAIT1, HOST_TCP_FIN_WAIT2,
    HOST_TCP_TIME_WAIT, HOST_TCP_CLOSE, HOST_TCP_CLOSE_WAIT, HOST_TCP_LAST_ACK, HOST_TCP_LISTEN, HOST_TCP_CLOSING,
};

struct host_socket_entry {
    uint8_t family;                    /* 4 or 6 */
    uint8_t state;                     /* enum host_tcp_state (UDP: 1 connected, 7 not) */
    uint16_t local_port, remote_port;  /* host order */
    uint8_t local[16], remote[16];     /* network order */
    uint64_t inode;                    /* the socket's, 0 when the kernel shows none (TIME_WAIT) */
    uint32_t owner_pid;                /* filled by host_socket_owners; 0: unknown */
};

/* The TCP connections or UDP endpoints of a family, in the kernel's order, as a malloc'd array. */
NTSTATUS host_socket_table(enum host_socket_table which, uint8_t family, struct host_socket_entry **out,
                           uint32_t *count);
/* The process holding each entry's socket, found by its inode among the fds of the processes this user may
 * look into (/proc/PID/fd); the others' stay 0. A Windows process id under ntexec is its host pid. */
void host_socket_owners(struct host_socket_entry *entries, uint32_t count);

struct host_tcp_stats {
    uint32_t rto_algorithm, rto_min, rto_max;
    int32_t max_conn;                  /* -1: no limit */
    uint64_t active_opens, passive_opens, attempt_fails, estab_resets, curr_estab, in_segs, out_segs,
        retrans_segs, in_errs, out_rsts;
};

struct host_udp_stats {
    uint64_t in_datagrams, no_ports, in_errors, out_datagrams;
};

/* /proc/net/snmp's IPv4 TCP and UDP counters (Linux counts both families' packets there). */
NTSTATUS host_tcp_stats(struct host_tcp_stats *stats);
NTSTATUS host_udp_stats(struct host_udp_stats *stats);

struct host_if_counters {
    char name[16];                     /* the Linux name */
    uint64_t rx_bytes, rx_packets, rx_errors, rx_dropped, rx_multicast;
    uint64_t tx_bytes, tx_packets, tx_errors, tx_dropped;
};

/* Every interface's traffic since it came up, read once from /proc/net/dev: up to max into out, their
 * number in *count. */
NTSTATUS host_interface_counters(struct host_if_counters *out, uint32_t max, uint32_t *count);

/* ICMP echo (host/icmp.c). */
enum host_echo_status {
    HOST_ECHO_REPLY,
    HOST_ECHO_TIMED_OUT,
    HOST_ECHO_NET_UNREACHABLE,
    HOST_ECHO_HOST_UNREACHABLE,
    HOST_ECHO_PROTOCOL_UNREACHABLE,
    HOST_ECHO_PORT_UNREACHABLE,
    HOST_ECHO_PACKET_TOO_BIG,
    HOST_ECHO_TTL_EXPIRED_TRANSIT,
    HOST_ECHO_TTL_EXPIRED_REASSEMBLY,
};

struct host_echo_options {
    uint8_t ttl;                       /* 0: the default, 128 as Windows */
    uint8_t tos;
    bool dont_fragment;
};

struct host_echo {
    enum host_echo_status status;
    uint8_t from[4];                   /* who answered: the destination, or a router reporting an error */
    uint32_t rtt_ms;
    uint8_t ttl, tos;                  /* of the reply */
    uint32_t data_len;                 /* echoed bytes copied to the caller's data */
};

/* Sends one echo request of size payload bytes to dest (IPv4, from source when not NULL) and waits up to
 * timeout_ms for its answer, into *reply and up to cap echoed bytes into data. A failure to ask at all is
 * the NTSTATUS (STATUS_ACCESS_DENIED without the privilege to send ICMP); an answer that is not a reply,
 * or none, is the status in *reply. */
NTSTATUS host_icmp_echo(const uint8_t *dest, const uint8_t *source, const struct host_echo_options *options,
                        const void *payload, uint16_t size, uint32_t timeout_ms, struct host_echo *reply,
                        uint8_t *data, uint32_t cap);

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
