/*
 * host/resolver: the hosts file, then DNS through libresolv (see resolver.h). Each lookup reads the hosts
 * file and starts a resolver state of its own (glibc keeps resolv.conf parsed and notices when it changes),
 * so there is nothing shared to lock and a changed file counts at the next lookup, as on Windows.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "host/resolver.h"

#define ANSWER_SIZE 16384

static const char *hosts_path(void)
{
    const char *path = getenv("NTEXEC_HOSTS");
    return path && *path ? path : "/etc/hosts";
}

/* The address a hosts file line starts with (a scope after '%' is dropped); false for none. */
static bool parse_address(const char *text, struct host_name_addr *a)
{
    char buf[INET6_ADDRSTRLEN + 16];
    size_t n = strcspn(text, "%");
    if (n >= sizeof buf)
        return false;
    memcpy(buf, text, n);
    buf[n] = 0;
    memset(a, 0, sizeof *a);
    if (inet_pton(AF_INET, buf, a->addr) == 1)
        a->family = 4;
    else if (inet_pton(AF_INET6, buf, a->addr) == 1)
        a->family = 6;
    return a->family != 0;
}

static bool same_address(const struct host_name_addr *a, const struct host_name_addr *b)
{
    return a->family == b->family && !memcmp(a->addr, b->addr, a->family == 4 ? 4 : 16);
}

static void add_address(const struct host_name_addr *a, struct host_name_addr *out, uint32_t max, uint32_t *count)
{
    for (uint32_t i = 0; i < *count; i++)
        if (same_address(&out[i], a))
            return;
    if (*count < max)
        out[(*count)++] = *a;
}

bool host_dns_same_name(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la && a[la - 1] == '.')
        la--;
    if (lb && b[lb - 1] == '.')
        lb--;
    return la == lb && !strncasecmp(a, b, la);
}

static void copy_name(char *out, size_t size, const char *name)
{
    if (size)
        snprintf(out, size, "%s", name);
}

/* Calls line for every line of the hosts file with an address and at least one name (names is that
 * line's names, NUL-separated, ending with an empty one) until it answers true. */
static void each_hosts_line(bool (*line)(const struct host_name_addr *a, char *names, void *ctx), void *ctx)
{
    FILE *f = fopen(hosts_path(), "re");
    if (!f)
        return;
    char text[1024];
    while (fgets(text, sizeof text, f)) {
        text[strcspn(text, "#\r\n")] = 0;
        char *save = NULL, *word = strtok_r(text, " \t", &save);
        struct host_name_addr a;
        if (!word || !parse_address(word, &a))
            continue;
        char names[sizeof text], *end = names;
        while ((word = strtok_r(NULL, " \t", &save))) {
            size_t n = strlen(word) + 1;
            memcpy(end, word, n);
            end += n;
        }
        *end = 0;
        if (end != names && line(&a, names, ctx))
            break;
    }
    fclose(f);
}

struct name_search {
    const char *name;
    bool want4, want6;
    struct host_name_addr *out;
    uint32_t max, *count;
    char *canon;
    size_t canon_size;
};

static bool match_name(const struct host_name_addr *a, char *names, void *ctx)
{
    struct name_search *s = ctx;
    for (const char *n = names; *n; n += strlen(n) + 1) {
        if (!host_dns_same_name(n, s->name))
            continue;
        if ((a->family == 4 && s->want4) || (a->family == 6 && s->want6)) {
            if (!*s->count)
                copy_name(s->canon, s->canon_size, names);
            add_address(a, s->out, s->max, s->count);
        }
        break;
    }
    return false;
}

struct address_search {
    const struct host_name_addr *addr;
    char *name;
    size_t size;
    bool found;
};

static bool match_address(const struct host_name_addr *a, char *names, void *ctx)
{
    struct address_search *s = ctx;
    if (!same_address(a, s->addr))
        return false;
    copy_name(s->name, s->size, names);
    return s->found = true;
}

/* ---- DNS ----------------------------------------------------------------------------------------------- */

bool host_nameserver_override(struct host_nameserver *out, uint32_t max, uint32_t *count)
{
    *count = 0;
    const char *list = getenv("NTEXEC_NAMESERVERS");
    if (!list || !*list)
        return false;
    char copy[512];
    copy_name(copy, sizeof copy, list);
    char *save = NULL;
    for (char *word = strtok_r(copy, ", \t", &save); word && *count < max; word = strtok_r(NULL, ", \t", &save)) {
        char *colon = strchr(word, ':');
        unsigned long port = 53;
        if (colon) {
            char *end;
            *colon = 0;
            port = strtoul(colon + 1, &end, 10);
            if (*end || port == 0 || port > 65535)
                continue;
        }
        struct host_nameserver *server = &out[*count];
        if (inet_pton(AF_INET, word, server->addr) != 1)
            continue;
        server->port = (uint16_t)port;
        ++*count;
    }
    return true;
}

/* servers in place of resolv.conf's. */
static void use_servers(res_state st, const struct host_nameserver *servers, uint32_t n)
{
    if (n > MAXNS)
        n = MAXNS;
    for (int i = 0; i < st->nscount && i < MAXNS; i++)
        if (st->_u._ext.nsaddrs[i]) {   /* an IPv6 server of resolv.conf's lives there */
            free(st->_u._ext.nsaddrs[i]);
            st->_u._ext.nsaddrs[i] = NULL;
        }
    for (uint32_t i = 0; i < n; i++) {
        st->nsaddr_list[i] = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(servers[i].port) };
        memcpy(&st->nsaddr_list[i].sin_addr, servers[i].addr, 4);
    }
    st->nscount = (int)n;
}

static NTSTATUS dns_open(res_state st, unsigned flags, const struct host_nameserver *servers, uint32_t nservers)
{
    struct host_nameserver named[MAXNS];
    if (!servers && host_nameserver_override(named, MAXNS, &nservers)) {
        if (!nservers)
            return STATUS_IO_TIMEOUT;   /* the variable names no server that can be used */
        servers = named;
    }
    memset(st, 0, sizeof *st);
    if (res_ninit(st) != 0)
        return STATUS_IO_TIMEOUT;
    if (servers)
        use_servers(st, servers, nservers);
    if (flags & HOST_DNS_TCP)
        st->options |= RES_USEVC;
    if (flags & HOST_DNS_NO_RECURSE)
        st->options &= ~(unsigned long)RES_RECURSE;
    return STATUS_SUCCESS;
}

/* Why a query failed: h_errno, and for "try again" the reply's code when a server did answer (answer's
 * header is cleared before the query, so a code there is the server's). */
static NTSTATUS dns_failure(res_state st, const uint8_t *answer)
{
    switch (st->res_h_errno) {
    case HOST_NOT_FOUND: return STATUS_NOT_FOUND;
    case NO_DATA:        return STATUS_NO_MORE_ENTRIES;
    case TRY_AGAIN:
        switch (answer[3] & 15) {
        case ns_r_noerror:  return STATUS_IO_TIMEOUT;
        case ns_r_servfail: return STATUS_RETRY;
        default:            return STATUS_INVALID_NETWORK_RESPONSE;
        }
    default:             return STATUS_INVALID_NETWORK_RESPONSE;
    }
}

/* A resolver state (dns_open) and a buffer for its answers; dns_end releases both. */
static NTSTATUS dns_begin(res_state st, unsigned flags, const struct host_nameserver *servers, uint32_t nservers,
                          uint8_t **answer)
{
    NTSTATUS status = dns_open(st, flags, servers, nservers);
    if (status)
        return status;
    if (!(*answer = malloc(ANSWER_SIZE))) {
        res_nclose(st);
        return STATUS_NO_MEMORY;
    }
    return STATUS_SUCCESS;
}

static void dns_end(res_state st, uint8_t *answer)
{
    free(answer);
    res_nclose(st);
}

static int dns_ask(res_state st, const char *name, int type, bool as_is, uint8_t *answer)
{
    memset(answer, 0, NS_HFIXEDSZ);
    return as_is ? res_nquery(st, name, ns_c_in, type, answer, ANSWER_SIZE)
                 : res_nsearch(st, name, ns_c_in, type, answer, ANSWER_SIZE);
}

/* The answer section's records of type (A or AAAA) into out; canon gets the first one's owner. */
static void answer_addresses(const uint8_t *msg, int len, int type, struct host_name_addr *out, uint32_t max,
                             uint32_t *count, char *canon, size_t canon_size)
{
    ns_msg m;
    if (ns_initparse(msg, len, &m) < 0)
        return;
    for (int i = 0; i < ns_msg_count(m, ns_s_an); i++) {
        ns_rr rr;
        if (ns_parserr(&m, ns_s_an, i, &rr) < 0)
            return;
        if (ns_rr_class(rr) != ns_c_in || (int)ns_rr_type(rr) != type)
            continue;
        struct host_name_addr a = { .family = type == ns_t_a ? 4 : 6 };
        if (ns_rr_rdlen(rr) != (type == ns_t_a ? 4 : 16))
            continue;
        memcpy(a.addr, ns_rr_rdata(rr), ns_rr_rdlen(rr));
        if (!*count && canon_size && !*canon)
            copy_name(canon, canon_size, ns_rr_name(rr));
        add_address(&a, out, max, count);
    }
}

/* The host prefers IPv6 destinations when it has an IPv6 address of its own beyond loopback and link-local. */
static bool host_prefers_ipv6(void)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0)
        return false;
    bool global = false;
    for (struct ifaddrs *a = list; a && !global; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET6)
            continue;
        const struct in6_addr *v6 = &((const struct sockaddr_in6 *)a->ifa_addr)->sin6_addr;
        global = !IN6_IS_ADDR_LOOPBACK(v6) && !IN6_IS_ADDR_LINKLOCAL(v6) && !IN6_IS_ADDR_V4MAPPED(v6);
    }
    freeifaddrs(list);
    return global;
}

/* The addresses of the preferred family first, each family in the order found (the host's own addresses
 * are asked only when both families are there). */
static void order_addresses(struct host_name_addr *a, uint32_t n)
{
    bool mixed = false;
    for (uint32_t i = 1; i < n && !mixed; i++)
        mixed = a[i].family != a[0].family;
    if (!mixed)
        return;
    uint8_t first = host_prefers_ipv6() ? 6 : 4;
    struct host_name_addr sorted[HOST_NAME_MAX_ADDRS];
    uint32_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < n && k < HOST_NAME_MAX_ADDRS; i++)
            if ((a[i].family == first) == (pass == 0))
                sorted[k++] = a[i];
    memcpy(a, sorted, k * sizeof *a);
}

NTSTATUS host_hosts_name(const char *name, bool want4, bool want6, struct host_name_addr *out, uint32_t max,
                         uint32_t *count, char *canon, size_t canon_size)
{
    *count = 0;
    if (canon_size)
        canon[0] = 0;
    if (max > HOST_NAME_MAX_ADDRS)
        max = HOST_NAME_MAX_ADDRS;
    struct name_search s = { name, want4, want6, out, max, count, canon, canon_size };
    each_hosts_line(match_name, &s);
    if (!*count)
        return STATUS_NOT_FOUND;
    order_addresses(out, *count);
    return STATUS_SUCCESS;
}

NTSTATUS host_hosts_address(const struct host_name_addr *addr, char *name, size_t size)
{
    if (size)
        name[0] = 0;
    struct address_search s = { addr, name, size, false };
    each_hosts_line(match_address, &s);
    return s.found ? STATUS_SUCCESS : STATUS_NOT_FOUND;
}

NTSTATUS host_resolve_name(const char *name, bool want4, bool want6, struct host_name_addr *out, uint32_t max,
                           uint32_t *count, char *canon, size_t canon_size)
{
    if (host_hosts_name(name, want4, want6, out, max, count, canon, canon_size) == STATUS_SUCCESS)
        return STATUS_SUCCESS;
    if (max > HOST_NAME_MAX_ADDRS)
        max = HOST_NAME_MAX_ADDRS;
    struct __res_state st;
    uint8_t *answer;
    NTSTATUS status = dns_begin(&st, 0, NULL, 0, &answer);
    if (status)
        return status;
    /* Each family's failure; the lookup fails with the most hopeful of them when neither answers. */
    NTSTATUS failed[2] = { STATUS_NOT_FOUND, STATUS_NOT_FOUND };
    static const int types[2] = { ns_t_aaaa, ns_t_a };
    for (int i = 0; i < 2; i++) {
        if (!(i == 0 ? want6 : want4))
            continue;
        int len = dns_ask(&st, name, types[i], false, answer);
        if (len < 0)
            failed[i] = dns_failure(&st, answer);
        else
            answer_addresses(answer, len < ANSWER_SIZE ? len : ANSWER_SIZE, types[i], out, max, count, canon,
                             canon_size);
    }
    dns_end(&st, answer);
    if (*count) {
        order_addresses(out, *count);
        return STATUS_SUCCESS;
    }
    /* A server that could not answer one family says "try again"; a name with records of the other
     * family only, or an answer that held no address (only a CNAME), is a name without data. */
    for (int i = 0; i < 2; i++)
        if (failed[i] != STATUS_NOT_FOUND && failed[i] != STATUS_NO_MORE_ENTRIES)
            return failed[i];
    if ((want6 && failed[0] != STATUS_NOT_FOUND) || (want4 && failed[1] != STATUS_NOT_FOUND))
        return STATUS_NO_MORE_ENTRIES;
    return STATUS_NOT_FOUND;
}

/* in-addr.arpa or ip6.arpa name of an address. */
static void reverse_name(const struct host_name_addr *a, char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    if (a->family == 4) {
        snprintf(out, size, "%u.%u.%u.%u.in-addr.arpa", a->addr[3], a->addr[2], a->addr[1], a->addr[0]);
        return;
    }
    for (int i = 15; i >= 0 && k + 4 < size; i--) {
        out[k++] = hex[a->addr[i] & 15];
        out[k++] = '.';
        out[k++] = hex[a->addr[i] >> 4];
        out[k++] = '.';
    }
    snprintf(out + k, size - k, "ip6.arpa");
}

NTSTATUS host_resolve_address(const struct host_name_addr *addr, char *name, size_t size)
{
    if (host_hosts_address(addr, name, size) == STATUS_SUCCESS)
        return STATUS_SUCCESS;
    struct __res_state st;
    uint8_t *answer;
    NTSTATUS status = dns_begin(&st, 0, NULL, 0, &answer);
    if (status)
        return status;
    char query[80];
    reverse_name(addr, query, sizeof query);
    int len = dns_ask(&st, query, ns_t_ptr, true, answer);
    status = len < 0 ? dns_failure(&st, answer) : STATUS_NO_MORE_ENTRIES;
    ns_msg m;
    if (len >= 0 && ns_initparse(answer, len < ANSWER_SIZE ? len : ANSWER_SIZE, &m) == 0) {
        for (int i = 0; i < ns_msg_count(m, ns_s_an); i++) {
            ns_rr rr;
            char target[NS_MAXDNAME];
            if (ns_parserr(&m, ns_s_an, i, &rr) < 0)
                break;
            if (ns_rr_class(rr) != ns_c_in || ns_rr_type(rr) != ns_t_ptr ||
                ns_name_uncompress(ns_msg_base(m), ns_msg_end(m), ns_rr_rdata(rr), target, sizeof target) < 0)
                continue;
            copy_name(name, size, target);
            status = STATUS_SUCCESS;
            break;
        }
    }
    dns_end(&st, answer);
    return status;
}

NTSTATUS host_dns_query(const char *name, uint16_t type, unsigned flags, const struct host_nameserver *servers,
                        uint32_t nservers, uint8_t **reply, size_t *len)
{
    *reply = NULL;
    *len = 0;
    struct __res_state st;
    uint8_t *answer;
    NTSTATUS status = dns_begin(&st, flags, servers, nservers, &answer);
    if (status)
        return status;
    int n = dns_ask(&st, name, type, flags & HOST_DNS_AS_IS, answer);
    if (n < 0) {
        status = dns_failure(&st, answer);
        dns_end(&st, answer);
        return status;
    }
    *reply = answer;
    *len = n < ANSWER_SIZE ? (size_t)n : ANSWER_SIZE;   /* a longer reply was cut to the buffer */
    res_nclose(&st);
    return STATUS_SUCCESS;
}

bool host_dns_record(const uint8_t *reply, size_t len, int section, int index, struct host_dns_record *rr)
{
    static const ns_sect sections[] = { ns_s_an, ns_s_ns, ns_s_ar };
    ns_msg m;
    ns_rr r;
    if (section < 1 || section > 3 || ns_initparse(reply, (int)len, &m) < 0 ||
        index >= ns_msg_count(m, sections[section - 1]) || ns_parserr(&m, sections[section - 1], index, &r) < 0)
        return false;
    rr->section = (uint8_t)section;
    rr->type = ns_rr_type(r);
    rr->ttl = ns_rr_ttl(r);
    rr->data = ns_rr_rdata(r);
    rr->length = ns_rr_rdlen(r);
    copy_name(rr->name, sizeof rr->name, ns_rr_name(r));
    return true;
}

bool host_dns_name(const uint8_t *reply, size_t len, const uint8_t *at, char *name, size_t size, size_t *used)
{
    char text[NS_MAXDNAME];
    int n = ns_name_uncompress(reply, reply + len, at, text, sizeof text);
    if (n < 0)
        return false;
    copy_name(name, size, text);
    *used = (size_t)n;
    return true;
}
