/*
 * ICMP echo (ping), for iphlpapi's IcmpSendEcho: one request on a raw ICMP socket and the answer to it, an
 * echo reply or the error a router or the destination sent back about it (unreachable, time exceeded,
 * fragmentation needed), matched by identifier and sequence number. A raw socket needs CAP_NET_RAW; a user
 * without it gets an unprivileged ping socket where net.ipv4.ping_group_range allows one, else
 * STATUS_ACCESS_DENIED: a guest can ping only what its host user can.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "host/host.h"
#include "host/ifaddrs.h"

#define PACKET_MAX (65535 + 60)   /* the largest IPv4 datagram a raw socket hands over, with room to spare */

static uint16_t checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return htons((uint16_t)~sum);
}

static uint64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static enum host_echo_status unreachable_status(uint8_t code)
{
    switch (code) {
    case ICMP_NET_UNREACH: case ICMP_NET_UNKNOWN: case ICMP_NET_ANO: case ICMP_NET_UNR_TOS:
        return HOST_ECHO_NET_UNREACHABLE;
    case ICMP_PROT_UNREACH: return HOST_ECHO_PROTOCOL_UNREACHABLE;
    case ICMP_PORT_UNREACH: return HOST_ECHO_PORT_UNREACHABLE;
    case ICMP_FRAG_NEEDED:  return HOST_ECHO_PACKET_TOO_BIG;
    default:                return HOST_ECHO_HOST_UNREACHABLE;
    }
}

/* What packet (an IPv4 datagram from a raw socket, or the ICMP message alone from a ping socket) says
 * about request id/seq: true when it is the answer, written into *r (from, status, ttl, tos, data). */
static bool answer(const uint8_t *packet, size_t len, bool raw, const uint8_t *dest, uint16_t id, uint16_t seq,
                   struct host_echo *out, uint8_t *data, uint32_t cap)
{
    struct host_echo reply = *out, *r = &reply;
    const uint8_t *icmp = packet;
    if (raw) {
        if (len < 20 || (packet[0] >> 4) != 4)
            return false;
        size_t header = (size_t)(packet[0] & 15) * 4;
        if (header < 20 || len < header + 8)
            return false;
        r->ttl = packet[8];
        r->tos = packet[1];
        memcpy(r->from, packet + 12, 4);
        icmp = packet + header;
        len -= header;
    } else if (len < 8)
        return false;
    uint16_t got_id = (uint16_t)(icmp[4] << 8 | icmp[5]), got_seq = (uint16_t)(icmp[6] << 8 | icmp[7]);
    if (icmp[0] == ICMP_ECHOREPLY) {
        /* A ping socket's kernel owns the identifier: only the sequence tells replies apart. */
        if ((raw && got_id != id) || got_seq != seq || (raw && memcmp(r->from, dest, 4) != 0))
            return false;
        r->status = HOST_ECHO_REPLY;
        r->data_len = (uint32_t)(len - 8 < cap ? len - 8 : cap);
        memcpy(data, icmp + 8, r->data_len);
        *out = reply;
        return true;
    }
    if (!raw || (icmp[0] != ICMP_DEST_UNREACH && icmp[0] != ICMP_TIME_EXCEEDED))
        return false;
    /* The quoted request: its IP header and the first 8 bytes of our echo request. */
    const uint8_t *inner = icmp + 8;
    size_t inner_len = len - 8;
    if (inner_len < 20 || (inner[0] >> 4) != 4 || inner[9] != IPPROTO_ICMP || memcmp(inner + 16, dest, 4) != 0)
        return false;
    size_t inner_header = (size_t)(inner[0] & 15) * 4;
    if (inner_len < inner_header + 8)
        return false;
    const uint8_t *quoted = inner + inner_header;
    if (quoted[0] != ICMP_ECHO || (uint16_t)(quoted[4] << 8 | quoted[5]) != id ||
        (uint16_t)(quoted[6] << 8 | quoted[7]) != seq)
        return false;
    r->status = icmp[0] == ICMP_TIME_EXCEEDED
                    ? (icmp[1] == 0 ? HOST_ECHO_TTL_EXPIRED_TRANSIT : HOST_ECHO_TTL_EXPIRED_REASSEMBLY)
                    : unreachable_status(icmp[1]);
    r->data_len = 0;
    *out = reply;
    return true;
}

/* A ping socket's errors come on its error queue: the ICMP type and code and the router that sent them. */
static bool queued_error(int fd, struct host_echo *r)
{
    char control[512];
    struct sockaddr_in from;
    uint8_t scratch[576];
    struct iovec v = {scratch, sizeof scratch};
    struct msghdr m = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &v, .msg_iovlen = 1,
                       .msg_control = control, .msg_controllen = sizeof control};
    if (recvmsg(fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
        return false;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_RECVERR)
            continue;
        struct sock_extended_err e;
        memcpy(&e, CMSG_DATA(c), sizeof e);
        if (e.ee_origin == SO_EE_ORIGIN_LOCAL && e.ee_errno == EMSGSIZE)
            r->status = HOST_ECHO_PACKET_TOO_BIG;
        else if (e.ee_origin != SO_EE_ORIGIN_ICMP)
            continue;
        else if (e.ee_type == ICMP_TIME_EXCEEDED)
            r->status = e.ee_code == 0 ? HOST_ECHO_TTL_EXPIRED_TRANSIT : HOST_ECHO_TTL_EXPIRED_REASSEMBLY;
        else
            r->status = unreachable_status(e.ee_code);
        struct sockaddr_in offender;
        memcpy(&offender, SO_EE_OFFENDER((struct sock_extended_err *)CMSG_DATA(c)), sizeof offender);
        if (offender.sin_family == AF_INET)
            memcpy(r->from, &offender.sin_addr, 4);
        r->data_len = 0;
        return true;
    }
    return false;
}

NTSTATUS host_icmp_echo(const uint8_t *dest, const uint8_t *source, const struct host_echo_options *o,
                        const void *payload, uint16_t size, uint32_t timeout_ms, struct host_echo *r,
                        uint8_t *data, uint32_t cap)
{
    static _Atomic uint16_t next_seq;
    memset(r, 0, sizeof *r);
    memcpy(r->from, dest, 4);
    bool raw = true;
    int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0 && (errno == EPERM || errno == EACCES)) {
        raw = false;
        fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);
    }
    if (fd < 0)
        return errno == EPERM || errno == EACCES ? STATUS_ACCESS_DENIED : host_status(errno);

    int ttl = o->ttl ? o->ttl : 128, tos = o->tos, on = 1;
    int pmtu = o->dont_fragment ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
    setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);
    setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos);
    setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu, sizeof pmtu);
    if (!raw) {
        setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on);
        setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof on);
        setsockopt(fd, IPPROTO_IP, IP_RECVTOS, &on, sizeof on);
    }
    NTSTATUS status = STATUS_SUCCESS;
    if (source) {
        struct sockaddr_in local = {.sin_family = AF_INET};
        memcpy(&local.sin_addr, source, 4);
        if (bind(fd, (struct sockaddr *)&local, sizeof local) != 0)
            status = errno == EADDRNOTAVAIL ? STATUS_INVALID_ADDRESS_COMPONENT : host_status(errno);
    }

    uint16_t id = (uint16_t)getpid(), seq = ++next_seq;
    uint8_t *request = malloc(8 + (size_t)size), *packet = malloc(PACKET_MAX);
    if (!request || !packet) {
        free(request);
        free(packet);
        close(fd);
        return STATUS_NO_MEMORY;
    }
    request[0] = ICMP_ECHO;
    request[1] = 0;
    request[2] = request[3] = 0;
    request[4] = (uint8_t)(id >> 8);
    request[5] = (uint8_t)id;
    request[6] = (uint8_t)(seq >> 8);
    request[7] = (uint8_t)seq;
    if (size)
        memcpy(request + 8, payload, size);
    uint16_t sum = checksum(request, 8 + (size_t)size);
    memcpy(request + 2, &sum, 2);
    struct sockaddr_in to = {.sin_family = AF_INET};
    memcpy(&to.sin_addr, dest, 4);

    uint64_t start = now_ms();
    if (status == STATUS_SUCCESS &&
        sendto(fd, request, 8 + (size_t)size, 0, (struct sockaddr *)&to, sizeof to) < 0) {
        int e = errno;
        if (e == ENETUNREACH)
            r->status = HOST_ECHO_NET_UNREACHABLE;
        else if (e == EHOSTUNREACH)
            r->status = HOST_ECHO_HOST_UNREACHABLE;
        else if (e == EMSGSIZE)
            r->status = HOST_ECHO_PACKET_TOO_BIG;
        else
            status = host_status(e);
        free(request);
        free(packet);
        close(fd);
        return status;
    }
    r->status = HOST_ECHO_TIMED_OUT;
    uint64_t deadline = start + timeout_ms;
    for (uint64_t t = start; status == STATUS_SUCCESS && t < deadline; t = now_ms()) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int n = poll(&p, 1, (int)(deadline - t));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            status = host_status(errno);
            break;
        }
        if (n == 0)
            break;
        if ((p.revents & POLLERR) && queued_error(fd, r))
            break;
        char control[256];
        struct iovec v = {packet, PACKET_MAX};
        struct msghdr m = {.msg_iov = &v, .msg_iovlen = 1, .msg_control = control,
                           .msg_controllen = sizeof control};
        ssize_t got = recvmsg(fd, &m, MSG_DONTWAIT);
        if (got < 0)
            continue;
        if (!raw)
            for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
                int value = 0;
                if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
                    memcpy(&value, CMSG_DATA(c), sizeof value);
                    r->ttl = (uint8_t)value;
                } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TOS)
                    r->tos = *(uint8_t *)CMSG_DATA(c);
            }
        if (answer(packet, (size_t)got, raw, dest, id, seq, r, data, cap))
            break;
    }
    r->rtt_ms = (uint32_t)(now_ms() - start);
    free(request);
    free(packet);
    close(fd);
    return status;
}
