/*
 * host/resolver: names to addresses and addresses to names as the host resolves them, for ws2_32: its
 * hosts file first, then DNS through its resolv.conf (servers, search list, ndots, timeouts: glibc's stub
 * resolver, libresolv, does the queries and the retries). Two variables of ntexec's own replace the
 * host's files, for a sandbox or a test: NTEXEC_HOSTS names another hosts file, NTEXEC_NAMESERVERS lists the
 * servers to ask instead of resolv.conf's ("127.0.0.1:5353,192.0.2.1": IPv4, with an optional port).
 *
 * Outcomes, as NTSTATUS: STATUS_NOT_FOUND the name does not exist (NXDOMAIN; ws2_32's WSAHOST_NOT_FOUND),
 * STATUS_NO_MORE_ENTRIES the name exists with no record of the kind asked for (WSANO_DATA), STATUS_IO_TIMEOUT
 * no server answered (WSATRY_AGAIN), STATUS_RETRY a server failed for now (SERVFAIL; WSATRY_AGAIN),
 * STATUS_INVALID_NETWORK_RESPONSE a server refused or answered what cannot be used (WSANO_RECOVERY).
 */
#ifndef HOST_RESOLVER_H
#define HOST_RESOLVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nt/ntstatus.h"

#define HOST_NAME_MAX_ADDRS 32

struct host_name_addr {
    uint8_t family;          /* 4 or 6 */
    uint8_t addr[16];        /* network order; 4 bytes for IPv4 */
};

/* The addresses of name (of the families asked for), up to max of them, IPv6 first when the host has a
 * global IPv6 address of its own and IPv4 first otherwise (what RFC 6724's ordering gives such a host);
 * canon gets the canonical name (the hosts file line's first name, or the owner of DNS's address records
 * at the end of its CNAME chain). */
NTSTATUS host_resolve_name(const char *name, bool want4, bool want6, struct host_name_addr *out, uint32_t max,
                           uint32_t *count, char *canon, size_t canon_size);

/* NTEXEC_NAMESERVERS' servers (up to max; those that are not an IPv4 address with an optional port are
 * left out); false when the variable is not set, and resolv.conf's servers count. */
struct host_nameserver {
    uint8_t addr[4];
    uint16_t port;
};
bool host_nameserver_override(struct host_nameserver *out, uint32_t max, uint32_t *count);

/* Whether two DNS names are one: without case, and a final dot changes nothing ("host." is "host"). */
bool host_dns_same_name(const char *a, const char *b);

/* The hosts file alone: name's addresses of the families asked for (canon: its line's first name), or an
 * address's first name. STATUS_NOT_FOUND when no line has them. */
NTSTATUS host_hosts_name(const char *name, bool want4, bool want6, struct host_name_addr *out, uint32_t max,
                         uint32_t *count, char *canon, size_t canon_size);
NTSTATUS host_hosts_address(const struct host_name_addr *addr, char *name, size_t size);

/* A DNS query for dnsapi: the reply to a question of type for name, malloc'd into *reply (free it), asked
 * of servers (port 53 unless given; NULL: NTEXEC_NAMESERVERS' or resolv.conf's). A reply that answers
 * nothing is a failure (above); its records are read with host_dns_record. */
#define HOST_DNS_TCP        1u   /* over TCP only */
#define HOST_DNS_NO_RECURSE 2u   /* without asking the server to recurse */
#define HOST_DNS_AS_IS      4u   /* the name as it is, without resolv.conf's search list */
NTSTATUS host_dns_query(const char *name, uint16_t type, unsigned flags, const struct host_nameserver *servers,
                        uint32_t nservers, uint8_t **reply, size_t *len);

/* One resource record of a reply: its owner name and where its data lies in the reply. */
struct host_dns_record {
    uint8_t section;         /* 1 answer, 2 authority, 3 additional */
    uint16_t type;
    uint32_t ttl;
    const uint8_t *data;
    uint16_t length;
    char name[1025];
};
/* The index-th record of a section (1 to 3) of a reply; false past the last or when malformed. */
bool host_dns_record(const uint8_t *reply, size_t len, int section, int index, struct host_dns_record *rr);
/* The (compressed) domain name at at, inside a reply, as text; *used is the bytes it takes at at. */
bool host_dns_name(const uint8_t *reply, size_t len, const uint8_t *at, char *name, size_t size, size_t *used);

/* The name of an address: the hosts file's first name for it, else DNS's PTR record. */
NTSTATUS host_resolve_address(const struct host_name_addr *addr, char *name, size_t size);

#endif
