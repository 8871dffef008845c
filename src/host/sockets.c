/*
 * Host sockets for Winsock: see sockets.h. Socket errors have their own errno -> NTSTATUS table (the
 * statuses Windows' AFD driver completes requests with), because host_status() maps EAGAIN and
 * EINPROGRESS for files and threads, not for a network.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "host/ifaddrs.h"
#include "host/sockets.h"

static NTSTATUS sock_status(int err)
{
    switch (err) {
    case EAGAIN:
    case EINPROGRESS:   return STATUS_CANT_WAIT;
    case ECONNREFUSED:  return STATUS_CONNECTION_REFUSED;
    case EADDRINUSE:    return STATUS_ADDRESS_ALREADY_EXISTS;
    case EADDRNOTAVAIL: return STATUS_INVALID_ADDRESS_COMPONENT;
    case ECONNRESET:    return STATUS_CONNECTION_RESET;
    case ECONNABORTED:  return STATUS_CONNECTION_ABORTED;
    case ENETUNREACH:   return STATUS_NETWORK_UNREACHABLE;
    case EHOSTUNREACH:  return STATUS_HOST_UNREACHABLE;
    case ENOTCONN:      return STATUS_INVALID_CONNECTION;
    case EISCONN:       return STATUS_CONNECTION_ACTIVE;
    case ETIMEDOUT:     return STATUS_IO_TIMEOUT;
    case EPIPE:
    case ESHUTDOWN:     return STATUS_PIPE_DISCONNECTED;
    case EMSGSIZE:      return STATUS_BUFFER_OVERFLOW;
    case EAFNOSUPPORT:
    case EPROTONOSUPPORT:
    case ESOCKTNOSUPPORT:
    case EOPNOTSUPP:    return STATUS_NOT_SUPPORTED;
    case ENOBUFS:       return STATUS_INSUFFICIENT_RESOURCES;
    default:            return host_status(err);
    }
}

/* Windows' address bytes <-> the host's: only AF_INET6's number differs. */
static bool to_host_addr(const void *addr, int len, struct sockaddr_storage *ss, socklen_t *sl)
{
    if (len < 2 || (size_t)len > sizeof *ss)
        return false;
    memcpy(ss, addr, (size_t)len);
    if (ss->ss_family == HOST_WS_AF_INET6) {
        if (len < (int)sizeof(struct sockaddr_in6))
            return false;
        ss->ss_family = AF_INET6;
        len = sizeof(struct sockaddr_in6);
    } else if (ss->ss_family == HOST_WS_AF_INET) {
        if (len < (int)sizeof(struct sockaddr_in))
            return false;
        len = sizeof(struct sockaddr_in);
    } else if (ss->ss_family == HOST_WS_AF_UNIX) {
        if (len < 3 || len > (int)sizeof(struct sockaddr_un))   /* a path, in host form (the I/O layer's) */
            return false;
    } else {
        return false;
    }
    *sl = (socklen_t)len;
    return true;
}

static void from_host_addr(const struct sockaddr_storage *ss, socklen_t sl, void *addr, int *len)
{
    struct sockaddr_storage w = *ss;
    if (w.ss_family == AF_INET6)
        w.ss_family = HOST_WS_AF_INET6;
    size_t n = sl < (socklen_t)*len ? sl : (size_t)*len;
    memcpy(addr, &w, n);
    *len = (int)sl;
}

NTSTATUS host_sock_create(int family, int type, int protocol, int *fd)
{
    *fd = -1;
    int af = family == HOST_WS_AF_INET    ? AF_INET
             : family == HOST_WS_AF_INET6 ? AF_INET6
             : family == HOST_WS_AF_UNIX  ? AF_UNIX
                                          : -1;
    int st = type == 1 ? SOCK_STREAM : type == 2 ? SOCK_DGRAM : -1;
    if (af < 0 || st < 0)
        return STATUS_NOT_SUPPORTED;
    int s = socket(af, st | SOCK_CLOEXEC, protocol);
    if (s < 0)
        return sock_status(errno);
    int one = 1;
    if (af == AF_INET6)
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    /* Windows binds a port whose old connections linger in TIME_WAIT; Linux needs SO_REUSEADDR for that,
     * and on a stream socket it does not let two sockets listen on one port. */
    if (st == SOCK_STREAM && af != AF_UNIX)
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    *fd = s;
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_bind(int fd, const void *addr, int len)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    if (!to_host_addr(addr, len, &ss, &sl))
        return STATUS_INVALID_PARAMETER;
    return bind(fd, (struct sockaddr *)&ss, sl) == 0 ? STATUS_SUCCESS : sock_status(errno);
}

NTSTATUS host_sock_listen(int fd, int backlog)
{
    return listen(fd, backlog) == 0 ? STATUS_SUCCESS : sock_status(errno);
}

NTSTATUS host_sock_accept(int fd, bool nonblocking, int *out, void *addr, int *len)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    int s;
    do
        s = accept4(fd, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC | (nonblocking ? SOCK_NONBLOCK : 0));
    while (s < 0 && errno == EINTR);
    *out = s;
    if (s < 0)
        return sock_status(errno);
    if (addr && len)
        from_host_addr(&ss, sl, addr, len);
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_connect(int fd, const void *addr, int len)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    if (!to_host_addr(addr, len, &ss, &sl))
        return STATUS_INVALID_PARAMETER;
    int r;
    do
        r = connect(fd, (struct sockaddr *)&ss, sl);
    while (r != 0 && errno == EINTR);
    return r == 0 ? STATUS_SUCCESS : errno == EALREADY ? STATUS_CANT_WAIT : sock_status(errno);
}

NTSTATUS host_sock_connect_result(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLOUT };
    int r;
    do
        r = poll(&p, 1, 0);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return STATUS_CANT_WAIT;
    int err = 0;
    socklen_t el = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0)
        return sock_status(errno);
    return err ? sock_status(err) : STATUS_SUCCESS;
}

/* ---- control messages -------------------------------------------------------------------------------------------
 * WSACMSGHDR has struct cmsghdr's layout on x86-64 (a SIZE_T length, the level, the type, data aligned to 8),
 * so only levels, types and some payloads differ. Windows (ws2ipdef.h) -> Linux:
 *   IPPROTO_IP 0, IP_PKTINFO 19: IN_PKTINFO {IN_ADDR ipi_addr; ULONG ipi_ifindex} <-> SOL_IP, IP_PKTINFO 8:
 *       struct in_pktinfo {int ipi_ifindex; in_addr ipi_spec_dst; in_addr ipi_addr}
 *   IPPROTO_IP 0, IP_TTL 4: an INT <- SOL_IP, IP_TTL 2 (asked for with IP_HOPLIMIT/IP_RECVTTL 21, as
 *       Microsoft's msquic reads it)
 *   IPPROTO_IP 0, IP_TOS 3: an INT <- SOL_IP, IP_TOS 1: a byte (IP_RECVTOS)
 *   IPPROTO_IPV6 41, IPV6_PKTINFO 19: IN6_PKTINFO <-> IPV6_PKTINFO 50 (the same bytes)
 *   IPPROTO_IPV6 41, IPV6_HOPLIMIT 21: an INT <- IPV6_HOPLIMIT 52 (IPV6_RECVHOPLIMIT)
 *   IPPROTO_IPV6 41, IPV6_TCLASS 39: an INT <- IPV6_TCLASS 67 (IPV6_RECVTCLASS) */

#define WS_IP_PKTINFO   19
#define WS_IP_TTL       4
#define WS_IPV6_HOPLIMIT 21
#define WS_IP_TOS       3
#define WS_IPV6_TCLASS  39
#define WS_MSG_TRUNC    0x0100
#define WS_MSG_CTRUNC   0x0200

struct ws_in_pktinfo {
    struct in_addr addr;
    uint32_t ifindex;
};

/* Appends one control message to buf (Windows' or the host's: the same header); false when it does not fit. */
static bool put_cmsg(unsigned char *buf, size_t room, size_t *used, int level, int type, const void *data,
                     size_t len)
{
    size_t space = CMSG_SPACE(len);
    if (*used + CMSG_LEN(len) > room)
        return false;
    struct cmsghdr h = { .cmsg_len = CMSG_LEN(len), .cmsg_level = level, .cmsg_type = type };
    memcpy(buf + *used, &h, sizeof h);
    memcpy(buf + *used + CMSG_LEN(0), data, len);
    *used += space <= room - *used ? space : room - *used;
    return true;
}

/* Windows' control messages for sending -> the host's; STATUS_INVALID_PARAMETER for a malformed one or one
 * the host cannot send. */
static NTSTATUS host_control(const struct host_msg_control *ctl, unsigned char *out, size_t room, size_t *used)
{
    *used = 0;
    const unsigned char *p = ctl->buf;
    size_t off = 0;
    while (off + sizeof(struct cmsghdr) <= ctl->len) {
        struct cmsghdr h;
        memcpy(&h, p + off, sizeof h);
        if (h.cmsg_len < CMSG_LEN(0) || h.cmsg_len > ctl->len - off)
            return STATUS_INVALID_PARAMETER;
        const unsigned char *data = p + off + CMSG_LEN(0);
        size_t len = h.cmsg_len - CMSG_LEN(0);
        bool ok;
        if (h.cmsg_level == 0 && h.cmsg_type == WS_IP_PKTINFO && len >= sizeof(struct ws_in_pktinfo)) {
            struct ws_in_pktinfo w;
            memcpy(&w, data, sizeof w);
            /* ipi_spec_dst chooses the source address, as IN_PKTINFO's ipi_addr does on Windows. */
            struct in_pktinfo in = { .ipi_ifindex = (int)w.ifindex, .ipi_spec_dst = w.addr };
            ok = put_cmsg(out, room, used, SOL_IP, IP_PKTINFO, &in, sizeof in);
        } else if (h.cmsg_level == 41 && h.cmsg_type == WS_IP_PKTINFO && len >= sizeof(struct in6_pktinfo)) {
            ok = put_cmsg(out, room, used, SOL_IPV6, IPV6_PKTINFO, data, sizeof(struct in6_pktinfo));
        } else {
            return STATUS_INVALID_PARAMETER;
        }
        if (!ok)
            return STATUS_INVALID_PARAMETER;
        off += CMSG_ALIGN(h.cmsg_len);
    }
    return STATUS_SUCCESS;
}

/* The host's received control messages -> Windows' in ctl (len: room in, bytes used out; WS_MSG_CTRUNC
 * when one did not fit or the host cut them short). Messages Windows has no form for are left out. */
static void guest_control(struct msghdr *m, struct host_msg_control *ctl)
{
    size_t used = 0;
    if (m->msg_flags & MSG_CTRUNC)
        ctl->flags |= WS_MSG_CTRUNC;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
        const unsigned char *data = CMSG_DATA(c);
        bool ok = true;
        if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo in;
            memcpy(&in, data, sizeof in);
            struct ws_in_pktinfo w = { .addr = in.ipi_addr, .ifindex = (uint32_t)in.ipi_ifindex };
            ok = put_cmsg(ctl->buf, ctl->len, &used, 0, WS_IP_PKTINFO, &w, sizeof w);
        } else if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL) {
            ok = put_cmsg(ctl->buf, ctl->len, &used, 0, WS_IP_TTL, data, sizeof(int));
        } else if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_TOS) {
            int tos = *data;
            ok = put_cmsg(ctl->buf, ctl->len, &used, 0, WS_IP_TOS, &tos, sizeof tos);
        } else if (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_TCLASS) {
            ok = put_cmsg(ctl->buf, ctl->len, &used, 41, WS_IPV6_TCLASS, data, sizeof(int));
        } else if (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            ok = put_cmsg(ctl->buf, ctl->len, &used, 41, WS_IP_PKTINFO, data, sizeof(struct in6_pktinfo));
        } else if (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_HOPLIMIT) {
            ok = put_cmsg(ctl->buf, ctl->len, &used, 41, WS_IPV6_HOPLIMIT, data, sizeof(int));
        }
        if (!ok) {
            ctl->flags |= WS_MSG_CTRUNC;
            break;
        }
    }
    ctl->len = used;
}

NTSTATUS host_sock_send(int fd, const struct host_iovec *iov, size_t n, int flags, bool wait, const void *addr,
                        int addrlen, const struct host_msg_control *ctl, size_t *done)
{
    *done = 0;
    struct sockaddr_storage ss;
    socklen_t sl = 0;
    if (addr && !to_host_addr(addr, addrlen, &ss, &sl))
        return STATUS_INVALID_PARAMETER;
    struct msghdr m = { .msg_name = addr ? &ss : NULL, .msg_namelen = sl, .msg_iov = (struct iovec *)iov,
                        .msg_iovlen = n };
    union {
        struct cmsghdr align;
        unsigned char buf[HOST_CONTROL_MAX];
    } control;
    if (ctl && ctl->len) {
        size_t used;
        NTSTATUS status = host_control(ctl, control.buf, sizeof control.buf, &used);
        if (status != STATUS_SUCCESS)
            return status;
        m.msg_control = used ? control.buf : NULL;
        m.msg_controllen = used;
    }
    ssize_t r;
    do
        r = sendmsg(fd, &m, (flags & (MSG_OOB | MSG_DONTROUTE)) | MSG_NOSIGNAL | (wait ? 0 : MSG_DONTWAIT));
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return sock_status(errno);
    *done = (size_t)r;
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_recv(int fd, bool datagram, const struct host_iovec *iov, size_t n, int flags, bool wait,
                        void *addr, int *addrlen, struct host_msg_control *ctl, size_t *done)
{
    *done = 0;
    struct sockaddr_storage ss;
    struct msghdr m = { .msg_name = addr ? &ss : NULL, .msg_namelen = addr ? sizeof ss : 0,
                        .msg_iov = (struct iovec *)iov, .msg_iovlen = n };
    union {
        struct cmsghdr align;
        unsigned char buf[HOST_CONTROL_MAX];
    } control;
    if (ctl) {
        m.msg_control = control.buf;
        m.msg_controllen = sizeof control.buf;
    }
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += iov[i].len;
    ssize_t r;
    do
        r = recvmsg(fd, &m, (flags & (MSG_OOB | MSG_PEEK)) | (wait ? 0 : MSG_DONTWAIT) | (datagram ? MSG_TRUNC : 0));
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return sock_status(errno);
    if (addr && addrlen && m.msg_namelen > 0)
        from_host_addr(&ss, m.msg_namelen, addr, addrlen);
    else if (addrlen)
        *addrlen = 0;
    if (ctl) {
        ctl->flags = 0;
        guest_control(&m, ctl);
    }
    /* MSG_TRUNC (on a datagram socket only: on a stream socket it discards the bytes) reports a long
     * datagram's whole length; Windows fills the buffer and answers WSAEMSGSIZE, as it does when the
     * control messages did not fit (the WSAMSG page: MSG_TRUNC and MSG_CTRUNC tell which). */
    *done = (size_t)r > len ? len : (size_t)r;
    if ((size_t)r > len && ctl)
        ctl->flags |= WS_MSG_TRUNC;
    return (size_t)r > len || (ctl && (ctl->flags & WS_MSG_CTRUNC)) ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS host_sock_shutdown(int fd, int how)
{
    int h = how == 0 ? SHUT_RD : how == 1 ? SHUT_WR : SHUT_RDWR;
    return shutdown(fd, h) == 0 ? STATUS_SUCCESS : sock_status(errno);
}

NTSTATUS host_sock_name(int fd, bool peer, void *addr, int *len)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    int r = peer ? getpeername(fd, (struct sockaddr *)&ss, &sl) : getsockname(fd, (struct sockaddr *)&ss, &sl);
    if (r != 0)
        return sock_status(errno);
    from_host_addr(&ss, sl, addr, len);
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_make_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (!(fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0))
        return sock_status(errno);
    return STATUS_SUCCESS;
}

bool host_sock_is_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl >= 0 && (fl & O_NONBLOCK);
}

NTSTATUS host_sock_set_timeout(int fd, bool recv, uint32_t ms)
{
    struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
    return setsockopt(fd, SOL_SOCKET, recv ? SO_RCVTIMEO : SO_SNDTIMEO, &tv, sizeof tv) == 0 ? STATUS_SUCCESS
                                                                                            : sock_status(errno);
}

NTSTATUS host_sock_replace(int target, int source)
{
    int r;
    do
        r = dup3(source, target, O_CLOEXEC);
    while (r < 0 && errno == EINTR);
    return r < 0 ? sock_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_sock_readable_bytes(int fd, uint32_t *n)
{
    int v = 0;
    *n = 0;
    if (ioctl(fd, FIONREAD, &v) != 0)
        return sock_status(errno);
    *n = (uint32_t)v;
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_kind(int fd, int *family, int *type)
{
    int d = 0, t = 0;
    socklen_t l = sizeof d;
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &d, &l) != 0)
        return sock_status(errno);
    l = sizeof t;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &t, &l) != 0)
        return sock_status(errno);
    if ((d != AF_INET && d != AF_INET6 && !(d == AF_UNIX && t == SOCK_STREAM)) || (t != SOCK_STREAM && t != SOCK_DGRAM))
        return STATUS_NOT_SUPPORTED;
    *family = d == AF_INET ? HOST_WS_AF_INET : d == AF_INET6 ? HOST_WS_AF_INET6 : HOST_WS_AF_UNIX;
    *type = t == SOCK_STREAM ? 1 : 2;
    return STATUS_SUCCESS;
}

/* How an option's value is carried between Windows' bytes and the host's. */
enum opt_form {
    OPT_INT,        /* an int (a DWORD or BOOL) both sides */
    OPT_LINGER,     /* Windows' two u_shorts <-> struct linger */
    OPT_MREQ4,      /* ip_mreq (group, interface) -> ip_mreqn; an interface in 0.x.x.x is an index */
    OPT_MCAST_IF4,  /* an in_addr, or an index in 0.x.x.x, -> ip_mreqn; read back as the in_addr */
    OPT_MREQ6,      /* ipv6_mreq: the same bytes both sides (an in6_addr and an interface index) */
    OPT_DONTFRAG4,  /* Windows' BOOL <-> IP_MTU_DISCOVER (IP_PMTUDISC_DO: set) */
};

struct host_opt {
    int level, name;
    enum opt_form form;
};

/* Windows (level, name) -> host; false when the host has no such option. The numbers are ws2def.h's and
 * ws2ipdef.h's on the left, the host's on the right. */
static bool host_option(int level, int name, struct host_opt *o)
{
    o->form = OPT_INT;
    if (level == 0xFFFF) {
        o->level = SOL_SOCKET;
        switch (name) {
        case 0x0004: o->name = SO_REUSEADDR; return true;   /* the caller keeps Windows' meaning */
        case 0x0008: o->name = SO_KEEPALIVE; return true;
        case 0x0020: o->name = SO_BROADCAST; return true;
        case 0x0080: o->name = SO_LINGER; o->form = OPT_LINGER; return true;
        case 0x0100: o->name = SO_OOBINLINE; return true;
        case 0x1001: o->name = SO_SNDBUF; return true;
        case 0x1002: o->name = SO_RCVBUF; return true;
        case 0x1007: o->name = SO_ERROR; return true;
        case 0x1008: o->name = SO_TYPE; return true;
        case 0x0002: o->name = SO_ACCEPTCONN; return true;
        }
    } else if (level == 6) {
        o->level = IPPROTO_TCP;
        switch (name) {
        case 1:  o->name = TCP_NODELAY; return true;
        case 3:  o->name = TCP_KEEPIDLE; return true;   /* Windows' TCP_KEEPALIVE: seconds before the first probe */
        case 16: o->name = TCP_KEEPCNT; return true;
        case 17: o->name = TCP_KEEPINTVL; return true;
        }
    } else if (level == 0) {
        o->level = IPPROTO_IP;
        switch (name) {
        case 3:  o->name = IP_TOS; return true;
        case 4:  o->name = IP_TTL; return true;
        case 9:  o->name = IP_MULTICAST_IF; o->form = OPT_MCAST_IF4; return true;
        case 10: o->name = IP_MULTICAST_TTL; return true;
        case 11: o->name = IP_MULTICAST_LOOP; return true;
        case 12: o->name = IP_ADD_MEMBERSHIP; o->form = OPT_MREQ4; return true;
        case 13: o->name = IP_DROP_MEMBERSHIP; o->form = OPT_MREQ4; return true;
        case 14: o->name = IP_MTU_DISCOVER; o->form = OPT_DONTFRAG4; return true;   /* IP_DONTFRAGMENT */
        case 19: o->name = IP_PKTINFO; return true;
        case 21: o->name = IP_RECVTTL; return true;     /* IP_HOPLIMIT, IP_RECVTTL */
        case 31: o->name = IP_UNICAST_IF; return true;  /* an index in network byte order on both */
        case 40: o->name = IP_RECVTOS; return true;
        case 73: o->name = IP_MTU; return true;
        }
    } else if (level == 41) {
        o->level = IPPROTO_IPV6;
        switch (name) {
        case 4:  o->name = IPV6_UNICAST_HOPS; return true;
        case 9:  o->name = IPV6_MULTICAST_IF; return true;
        case 10: o->name = IPV6_MULTICAST_HOPS; return true;
        case 11: o->name = IPV6_MULTICAST_LOOP; return true;
        case 12: o->name = IPV6_ADD_MEMBERSHIP; o->form = OPT_MREQ6; return true;
        case 13: o->name = IPV6_DROP_MEMBERSHIP; o->form = OPT_MREQ6; return true;
        case 14: o->name = IPV6_DONTFRAG; return true;
        case 19: o->name = IPV6_RECVPKTINFO; return true;     /* IPV6_PKTINFO: receive the control message */
        case 21: o->name = IPV6_RECVHOPLIMIT; return true;    /* IPV6_HOPLIMIT */
        case 27: o->name = IPV6_V6ONLY; return true;
        case 31: o->name = IPV6_UNICAST_IF; return true;
        case 39: o->name = IPV6_TCLASS; return true;
        case 40: o->name = IPV6_RECVTCLASS; return true;
        case 72: o->name = IPV6_MTU; return true;
        }
    }
    return false;
}

/* Windows' interface for IPv4 multicast: an address, or "any IP address in the 0.x.x.x block (first octet
 * of 0) except 0.0.0.0" standing for the interface index (IPPROTO_IP socket options' page). An index is
 * given with its interface's address, so that IP_MULTICAST_IF reads back as an address the index is found
 * from (Windows reads back the index). */
static void interface_of(const unsigned char addr[4], struct ip_mreqn *m)
{
    uint32_t v;
    memcpy(&v, addr, 4);
    if (addr[0] == 0 && v != 0) {
        m->imr_ifindex = (int)ntohl(v);
        host_interface_address(4, ntohl(v), (uint8_t *)&m->imr_address);
    } else {
        memcpy(&m->imr_address, addr, 4);
    }
}

NTSTATUS host_sock_getopt(int fd, int level, int name, void *value, size_t *len)
{
    struct host_opt o;
    if (!host_option(level, name, &o))
        return STATUS_NOT_SUPPORTED;
    if (o.form == OPT_MREQ4 || o.form == OPT_MREQ6)
        return STATUS_NOT_SUPPORTED;   /* set only */
    if (*len < sizeof(int))
        return STATUS_ACCESS_VIOLATION;   /* WSAEFAULT: "optlen ... too small" */
    int v = 0;
    if (o.form == OPT_LINGER) {
        struct linger lg;
        socklen_t l = sizeof lg;
        if (getsockopt(fd, o.level, o.name, &lg, &l) != 0)
            return sock_status(errno);
        v = (lg.l_onoff ? 1 : 0) | (lg.l_linger & 0xFFFF) << 16;
    } else if (o.form == OPT_MCAST_IF4) {
        /* "When getting this option, the optval returns the current default interface index ... in host
         * byte order": the index of the interface holding the address the host keeps (0: none chosen). */
        struct in_addr a;
        socklen_t l = sizeof a;
        if (getsockopt(fd, o.level, o.name, &a, &l) != 0)
            return sock_status(errno);
        uint32_t index = 0;
        if (a.s_addr && !host_address_interface(4, (const uint8_t *)&a, &index))
            index = 0;
        v = (int)index;
    } else {
        socklen_t l = sizeof v;
        if (getsockopt(fd, o.level, o.name, &v, &l) != 0)
            return sock_status(errno);
        if (l == 1)
            v = *(unsigned char *)&v;   /* IP_MULTICAST_TTL, IP_MULTICAST_LOOP, IP_TOS: a byte on Linux */
        if (o.level == SOL_SOCKET && o.name == SO_ERROR)
            v = v ? (int)sock_status(v) : 0;
        else if (o.level == SOL_SOCKET && o.name == SO_TYPE)
            v = v == SOCK_STREAM ? 1 : v == SOCK_DGRAM ? 2 : v;
        else if (o.level == SOL_SOCKET && (o.name == SO_RCVBUF || o.name == SO_SNDBUF))
            v /= 2;   /* Linux reports twice what was set (its bookkeeping); Windows reports what was set */
        else if (o.form == OPT_DONTFRAG4)
            v = v == IP_PMTUDISC_DO || v == IP_PMTUDISC_PROBE;
    }
    memcpy(value, &v, sizeof v);
    *len = sizeof v;
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_setopt(int fd, int level, int name, const void *value, size_t len)
{
    struct host_opt o;
    if (!host_option(level, name, &o) ||
        (o.level == SOL_SOCKET && (o.name == SO_ERROR || o.name == SO_TYPE || o.name == SO_ACCEPTCONN)) ||
        (o.level == IPPROTO_IP && o.name == IP_MTU) || (o.level == IPPROTO_IPV6 && o.name == IPV6_MTU))
        return STATUS_NOT_SUPPORTED;
    size_t need = o.form == OPT_MREQ4 ? 8 : o.form == OPT_MREQ6 ? sizeof(struct ipv6_mreq) : sizeof(int);
    if (len < need)
        return STATUS_ACCESS_VIOLATION;
    int v;
    memcpy(&v, value, sizeof v);
    int r;
    switch (o.form) {
    case OPT_LINGER: {
        struct linger lg = { .l_onoff = v & 0xFFFF ? 1 : 0, .l_linger = (v >> 16) & 0xFFFF };
        r = setsockopt(fd, o.level, o.name, &lg, sizeof lg);
        break;
    }
    case OPT_MREQ4: {
        struct ip_mreqn m = {0};
        memcpy(&m.imr_multiaddr, value, 4);
        interface_of((const unsigned char *)value + 4, &m);
        r = setsockopt(fd, o.level, o.name, &m, sizeof m);
        break;
    }
    case OPT_MCAST_IF4: {
        struct ip_mreqn m = {0};
        interface_of(value, &m);
        r = setsockopt(fd, o.level, o.name, &m, sizeof m);
        break;
    }
    case OPT_MREQ6:
        r = setsockopt(fd, o.level, o.name, value, sizeof(struct ipv6_mreq));
        break;
    case OPT_DONTFRAG4:
        v = v ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
        r = setsockopt(fd, o.level, o.name, &v, sizeof v);
        break;
    default:
        r = setsockopt(fd, o.level, o.name, &v, sizeof v);
        break;
    }
    if (r == 0)
        return STATUS_SUCCESS;
    /* Leaving a group the socket is not in: WSAEINVAL, as Wine answers (Linux: EADDRNOTAVAIL). */
    if (errno == EADDRNOTAVAIL && (o.form == OPT_MREQ4 || o.form == OPT_MREQ6) &&
        (o.name == IP_DROP_MEMBERSHIP || o.name == IPV6_DROP_MEMBERSHIP))
        return STATUS_INVALID_PARAMETER;
    return sock_status(errno);
}

NTSTATUS host_sock_setopt_reuseport(int fd, bool on)
{
    int v = on;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &v, sizeof v) == 0 ? STATUS_SUCCESS : sock_status(errno);
}

NTSTATUS host_sock_poll(struct host_pollfd *fds, size_t n, int timeout_ms, int *ready)
{
    *ready = 0;
    struct pollfd stack[64], *p = n <= 64 ? stack : calloc(n, sizeof *p);
    if (!p)
        return STATUS_NO_MEMORY;
    for (size_t i = 0; i < n; i++) {
        p[i].fd = fds[i].fd;
        p[i].events = (short)((fds[i].events & HOST_POLL_IN ? POLLIN : 0) |
                              (fds[i].events & HOST_POLL_OUT ? POLLOUT : 0) |
                              (fds[i].events & HOST_POLL_PRI ? POLLPRI : 0) | POLLRDHUP);
        p[i].revents = 0;
    }
    int r;
    do
        r = poll(p, n, timeout_ms);
    while (r < 0 && errno == EINTR);   /* a signal's restart keeps the whole timeout: good enough */
    NTSTATUS status = r < 0 ? sock_status(errno) : STATUS_SUCCESS;
    for (size_t i = 0; i < n; i++) {
        short re = r < 0 ? 0 : p[i].revents;
        fds[i].revents = (re & POLLIN ? HOST_POLL_IN : 0) | (re & POLLOUT ? HOST_POLL_OUT : 0) |
                         (re & POLLPRI ? HOST_POLL_PRI : 0) | (re & POLLERR ? HOST_POLL_ERR : 0) |
                         (re & (POLLHUP | POLLRDHUP) ? HOST_POLL_HUP : 0);
    }
    if (r > 0)
        *ready = r;
    if (p != stack)
        free(p);
    return status;
}

NTSTATUS host_sock_wait(int fd, unsigned events, int timeout_ms)
{
    struct host_pollfd p = { .fd = fd, .events = events };
    int ready;
    NTSTATUS status = host_sock_poll(&p, 1, timeout_ms, &ready);
    return status != STATUS_SUCCESS ? status : ready ? STATUS_SUCCESS : STATUS_TIMEOUT;
}

NTSTATUS host_sock_readiness(int fd, bool stream, struct host_readiness *r)
{
    struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI | POLLRDHUP };
    *r = (struct host_readiness){0};
    int n;
    do
        n = poll(&p, 1, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return sock_status(errno);
    r->events = (p.revents & POLLIN ? HOST_POLL_IN : 0) | (p.revents & POLLOUT ? HOST_POLL_OUT : 0) |
                (p.revents & POLLPRI ? HOST_POLL_PRI : 0) | (p.revents & POLLERR ? HOST_POLL_ERR : 0) |
                (p.revents & POLLHUP ? HOST_POLL_HUP : 0) | (p.revents & POLLRDHUP ? HOST_POLL_RDHUP : 0);
    /* A pending error (POLLERR) is left alone: a peek would take it (as SO_ERROR would) from the program,
     * which asks for it next. */
    if (stream && (p.revents & POLLIN) && !(p.revents & POLLERR)) {
        char byte;
        ssize_t got = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        r->peek = got > 0 ? 1 : got == 0 ? 0 : errno == EAGAIN ? 2 : -1;
    }
    return STATUS_SUCCESS;
}

/* ---- the poller ----------------------------------------------------------------------------------------------- */

NTSTATUS host_poller_create(struct host_poller *p)
{
    p->epoll = epoll_create1(EPOLL_CLOEXEC);
    if (p->epoll < 0)
        return sock_status(errno);
    p->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
    if (p->wake < 0 || epoll_ctl(p->epoll, EPOLL_CTL_ADD, p->wake, &ev) != 0) {
        NTSTATUS status = sock_status(errno);
        if (p->wake >= 0)
            close(p->wake);
        close(p->epoll);
        return status;
    }
    return STATUS_SUCCESS;
}

NTSTATUS host_poller_add(struct host_poller *p, int fd, void *tag)
{
    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLPRI | EPOLLRDHUP | EPOLLET, .data.ptr = tag };
    return epoll_ctl(p->epoll, EPOLL_CTL_ADD, fd, &ev) == 0 ? STATUS_SUCCESS : sock_status(errno);
}

void host_poller_remove(struct host_poller *p, int fd)
{
    epoll_ctl(p->epoll, EPOLL_CTL_DEL, fd, NULL);
}

void host_poller_wake(struct host_poller *p)
{
    uint64_t one = 1;
    ssize_t r;
    do
        r = write(p->wake, &one, sizeof one);
    while (r < 0 && errno == EINTR);
}

size_t host_poller_wait(struct host_poller *p, void **tags, size_t max, int timeout_ms)
{
    struct epoll_event ev[64];
    if (max > 64)
        max = 64;
    int n;
    do
        n = epoll_wait(p->epoll, ev, (int)max, timeout_ms);
    while (n < 0 && errno == EINTR);
    size_t got = 0;
    for (int i = 0; i < n; i++) {
        if (!ev[i].data.ptr) {
            uint64_t count;
            ssize_t r = read(p->wake, &count, sizeof count);
            (void)r;
        }
        tags[got++] = ev[i].data.ptr;
    }
    return got;
}
