/*
 * Host sockets for Winsock (io/afd.c): IPv4 and IPv6 over the host's socket calls. Addresses cross this
 * boundary in Windows' layout (SOCKADDR_IN, SOCKADDR_IN6: the same bytes as Linux's except AF_INET6, 23 on
 * Windows and 10 on Linux), options by Windows' level and name; errno comes back as NTSTATUS.
 */
#ifndef HOST_SOCKETS_H
#define HOST_SOCKETS_H

#include "host/host.h"

#define HOST_WS_AF_INET  2
#define HOST_WS_AF_INET6 23
#define HOST_WS_AF_UNIX  1    /* stream only, as on Windows 10; its path crosses in host form */

/* A new socket (type: 1 stream, 2 datagram; protocol 0 or the family's own); IPv6 sockets start
 * IPV6_V6ONLY as Windows' do, stream sockets reuse TIME_WAIT ports as Windows allows. */
NTSTATUS host_sock_create(int family, int type, int protocol, int *fd);
NTSTATUS host_sock_bind(int fd, const void *addr, int len);
NTSTATUS host_sock_listen(int fd, int backlog);
/* A socket's fd starts blocking: a blocking guest call on it waits in the host call (wait true: one system
 * call, as a native program's). The I/O layer makes it non-blocking for good (host_sock_make_nonblocking) once
 * a call must not wait there (a non-blocking guest socket, an overlapped accept or connect); from then on
 * a blocking guest call waits in host_sock_wait. send and recv with wait false never block on any fd. */

/* The accepted connection (its fd non-blocking when asked), or STATUS_CANT_WAIT when the fd is non-blocking
 * and none is waiting; addr may be NULL. */
NTSTATUS host_sock_accept(int fd, bool nonblocking, int *out, void *addr, int *len);
/* STATUS_CANT_WAIT while a connect of a non-blocking fd goes on in the background. */
NTSTATUS host_sock_connect(int fd, const void *addr, int len);
/* A background connect's end: STATUS_CANT_WAIT while it goes on, then its status. */
NTSTATUS host_sock_connect_result(int fd);
/* struct iovec's layout. */
struct host_iovec {
    void *base;
    size_t len;
};
/* Control messages in Windows' form (WSACMSGHDRs, which have struct cmsghdr's layout on x86-64): sent
 * IP_PKTINFO and IPV6_PKTINFO (a source address); received IP_PKTINFO, IPV6_PKTINFO, IP_TTL,
 * IPV6_HOPLIMIT, IP_TOS and IPV6_TCLASS. buf is the caller's memory. */
struct host_msg_control {
    void *buf;
    size_t len;     /* send: the messages' length; recv: room in, bytes written out */
    int flags;      /* recv, out: Windows' MSG_TRUNC 0x100 (a datagram cut short), MSG_CTRUNC 0x200 */
};
/* The most control bytes one call carries on the host. */
#define HOST_CONTROL_MAX 256
/* flags: MSG_OOB 1, MSG_PEEK 2 (Windows' values, the same as Linux's); addr and ctl may be NULL. wait false:
 * STATUS_CANT_WAIT when nothing could move at once; wait true on a blocking fd: the host call waits (until
 * SO_SNDTIMEO/SO_RCVTIMEO: STATUS_CANT_WAIT). A control message the host cannot send: STATUS_INVALID_PARAMETER. */
NTSTATUS host_sock_send(int fd, const struct host_iovec *iov, size_t n, int flags, bool wait, const void *addr,
                        int addrlen, const struct host_msg_control *ctl, size_t *done);
/* datagram: a datagram longer than the buffers fills them and answers STATUS_BUFFER_OVERFLOW. addr NULL:
 * the sender is not asked for (*addrlen, when given, is 0 where there is none). */
NTSTATUS host_sock_recv(int fd, bool datagram, const struct host_iovec *iov, size_t n, int flags, bool wait,
                        void *addr, int *addrlen, struct host_msg_control *ctl, size_t *done);
/* how: 0 receive, 1 send, 2 both */
NTSTATUS host_sock_shutdown(int fd, int how);
NTSTATUS host_sock_name(int fd, bool peer, void *addr, int *len);
/* Sets O_NONBLOCK, for good. */
NTSTATUS host_sock_make_nonblocking(int fd);
bool host_sock_is_nonblocking(int fd);
/* SO_RCVTIMEO (recv) or SO_SNDTIMEO in ms, 0: none. */
NTSTATUS host_sock_set_timeout(int fd, bool recv, uint32_t ms);
/* Makes target refer to source's socket (dup3): AcceptEx's accepted connection in the accept socket. */
NTSTATUS host_sock_replace(int target, int source);
NTSTATUS host_sock_readable_bytes(int fd, uint32_t *n);
/* The type (1 stream, 2 datagram) and Windows family of a socket fd (an inherited one). */
NTSTATUS host_sock_kind(int fd, int *family, int *type);
/* A Windows option (level 0xFFFF SOL_SOCKET, 6 IPPROTO_TCP, 41 IPPROTO_IPV6, 0 IPPROTO_IP) in Windows'
 * bytes: an int (DWORD, BOOL), SO_LINGER's two u_shorts, ip_mreq, ipv6_mreq, IP_MULTICAST_IF's in_addr.
 * SO_ERROR comes back as an NTSTATUS. STATUS_NOT_SUPPORTED for an option without a host equivalent (the
 * caller answers WSAENOPROTOOPT), STATUS_ACCESS_VIOLATION for a length too small for it (WSAEFAULT).
 * getopt: *len in, the value's length out. */
NTSTATUS host_sock_getopt(int fd, int level, int name, void *value, size_t *len);
NTSTATUS host_sock_setopt(int fd, int level, int name, const void *value, size_t len);
/* SO_REUSEPORT, the host's nearest meaning of Windows' SO_REUSEADDR on a stream socket. */
NTSTATUS host_sock_setopt_reuseport(int fd, bool on);

/* poll(): events/revents bits HOST_POLL_*; timeout_ms < 0 waits forever. *ready counts entries with
 * revents. */
#define HOST_POLL_IN  1
#define HOST_POLL_OUT 2
#define HOST_POLL_PRI 4
#define HOST_POLL_ERR 8
#define HOST_POLL_HUP 16
struct host_pollfd {
    int fd;
    unsigned events, revents;
};
NTSTATUS host_sock_poll(struct host_pollfd *fds, size_t n, int timeout_ms, int *ready);
#define HOST_POLL_RDHUP 32   /* the peer shut down sending (host_sock_readiness) */
/* A socket's readiness now: revents of a zero-timeout poll (HOST_POLL_*), and for a readable stream socket
 * without a pending error what a one-byte peek found: 1 data, 0 the end of the stream, 2 nothing after all,
 * -1 an error (a reset). A pending error is left for the program to take. */
struct host_readiness {
    unsigned events;
    int peek;
};
NTSTATUS host_sock_readiness(int fd, bool stream, struct host_readiness *r);
/* Waits until fd is ready for one of events (HOST_POLL_*): STATUS_SUCCESS, or STATUS_TIMEOUT. */
NTSTATUS host_sock_wait(int fd, unsigned events, int timeout_ms);

/* An epoll set that reports each socket's readiness edges with the tag it was added with; a wake-up
 * (host_poller_wake) comes back as a NULL tag. */
struct host_poller {
    int epoll, wake;
};
NTSTATUS host_poller_create(struct host_poller *p);
NTSTATUS host_poller_add(struct host_poller *p, int fd, void *tag);
void host_poller_remove(struct host_poller *p, int fd);
void host_poller_wake(struct host_poller *p);
/* Blocks until something is ready or timeout_ms passes (< 0: no timeout); the tags of what is (at most max). */
size_t host_poller_wait(struct host_poller *p, void **tags, size_t max, int timeout_ms);

#endif
