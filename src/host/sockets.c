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

NTSTATUS host_sock_send(int fd, const struct host_iovec *iov, size_t n, int flags, bool wait, const void *addr,
                        int addrlen, size_t *done)
{
    *done = 0;
    struct sockaddr_storage ss;
    socklen_t sl = 0;
    if (addr && !to_host_addr(addr, addrlen, &ss, &sl))
        return STATUS_INVALID_PARAMETER;
    struct msghdr m = { .msg_name = addr ? &ss : NULL, .msg_namelen = sl, .msg_iov = (struct iovec *)iov,
                        .msg_iovlen = n };
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
                        void *addr, int *addrlen, size_t *done)
{
    *done = 0;
    struct sockaddr_storage ss;
    struct msghdr m = { .msg_name = &ss, .msg_namelen = sizeof ss, .msg_iov = (struct iovec *)iov, .msg_iovlen = n };
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
    /* MSG_TRUNC (on a datagram socket only: on a stream socket it discards the bytes) reports a long
     * datagram's whole length; Windows fills the buffer and answers WSAEMSGSIZE. */
    if ((size_t)r > len) {
        *done = len;
        return STATUS_BUFFER_OVERFLOW;
    }
    *done = (size_t)r;
    return STATUS_SUCCESS;
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

/* Windows (level, name) -> host; false when the host has no such option. */
static bool host_option(int level, int name, int *hl, int *hn)
{
    if (level == 0xFFFF) {
        *hl = SOL_SOCKET;
        switch (name) {
        case 0x0004: *hn = SO_REUSEADDR; return true;   /* the caller keeps Windows' meaning */
        case 0x0008: *hn = SO_KEEPALIVE; return true;
        case 0x0020: *hn = SO_BROADCAST; return true;
        case 0x0080: *hn = SO_LINGER; return true;
        case 0x0100: *hn = SO_OOBINLINE; return true;
        case 0x1001: *hn = SO_SNDBUF; return true;
        case 0x1002: *hn = SO_RCVBUF; return true;
        case 0x1007: *hn = SO_ERROR; return true;
        case 0x1008: *hn = SO_TYPE; return true;
        case 0x0002: *hn = SO_ACCEPTCONN; return true;
        }
    } else if (level == 6) {
        *hl = IPPROTO_TCP;
        switch (name) {
        case 1:  *hn = TCP_NODELAY; return true;
        case 3:  *hn = TCP_KEEPIDLE; return true;   /* Windows' TCP_KEEPALIVE: seconds before the first probe */
        case 16: *hn = TCP_KEEPCNT; return true;
        case 17: *hn = TCP_KEEPINTVL; return true;
        }
    } else if (level == 41 && name == 27) {
        *hl = IPPROTO_IPV6;
        *hn = IPV6_V6ONLY;
        return true;
    } else if (level == 0 && name == 4) {
        *hl = IPPROTO_IP;
        *hn = IP_TTL;
        return true;
    }
    return false;
}

NTSTATUS host_sock_getopt(int fd, int level, int name, int *value)
{
    int hl, hn;
    *value = 0;
    if (!host_option(level, name, &hl, &hn))
        return STATUS_NOT_SUPPORTED;
    if (hn == SO_LINGER && hl == SOL_SOCKET) {
        struct linger lg;
        socklen_t l = sizeof lg;
        if (getsockopt(fd, hl, hn, &lg, &l) != 0)
            return sock_status(errno);
        *value = (lg.l_onoff ? 1 : 0) | (lg.l_linger & 0xFFFF) << 16;
        return STATUS_SUCCESS;
    }
    int v = 0;
    socklen_t l = sizeof v;
    if (getsockopt(fd, hl, hn, &v, &l) != 0)
        return sock_status(errno);
    if (hl == SOL_SOCKET && hn == SO_ERROR)
        v = v ? (int)sock_status(v) : 0;
    else if (hl == SOL_SOCKET && hn == SO_TYPE)
        v = v == SOCK_STREAM ? 1 : v == SOCK_DGRAM ? 2 : v;
    else if (hl == SOL_SOCKET && (hn == SO_RCVBUF || hn == SO_SNDBUF))
        v /= 2;   /* Linux reports twice what was set (its bookkeeping); Windows reports what was set */
    *value = v;
    return STATUS_SUCCESS;
}

NTSTATUS host_sock_setopt(int fd, int level, int name, int value)
{
    int hl, hn;
    if (!host_option(level, name, &hl, &hn) || (hl == SOL_SOCKET && (hn == SO_ERROR || hn == SO_TYPE ||
                                                                     hn == SO_ACCEPTCONN)))
        return STATUS_NOT_SUPPORTED;
    int r;
    if (hl == SOL_SOCKET && hn == SO_LINGER) {
        struct linger lg = { .l_onoff = value & 0xFFFF ? 1 : 0, .l_linger = (value >> 16) & 0xFFFF };
        r = setsockopt(fd, hl, hn, &lg, sizeof lg);
    } else {
        r = setsockopt(fd, hl, hn, &value, sizeof value);
    }
    return r == 0 ? STATUS_SUCCESS : sock_status(errno);
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

size_t host_poller_wait(struct host_poller *p, void **tags, size_t max)
{
    struct epoll_event ev[64];
    if (max > 64)
        max = 64;
    int n;
    do
        n = epoll_wait(p->epoll, ev, (int)max, -1);
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
