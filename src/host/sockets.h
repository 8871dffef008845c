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

/* A new socket (type: 1 stream, 2 datagram; protocol 0 or the family's own); IPv6 sockets start
 * IPV6_V6ONLY as Windows' do, stream sockets reuse TIME_WAIT ports as Windows allows. */
NTSTATUS host_sock_create(int family, int type, int protocol, int *fd);
NTSTATUS host_sock_bind(int fd, const void *addr, int len);
NTSTATUS host_sock_listen(int fd, int backlog);
/* The accepted connection (blocking unless fd is non-blocking: STATUS_CANT_WAIT); addr may be NULL. */
NTSTATUS host_sock_accept(int fd, int *out, void *addr, int *len);
/* STATUS_CANT_WAIT when a non-blocking connect goes on in the background. */
NTSTATUS host_sock_connect(int fd, const void *addr, int len);
/* flags: MSG_OOB 1, MSG_PEEK 2 (Windows' values, the same as Linux's); addr may be NULL. */
NTSTATUS host_sock_send(int fd, const void *buf, size_t len, int flags, const void *addr, int addrlen,
                        size_t *done);
/* datagram: a datagram longer than len fills buf and answers STATUS_BUFFER_OVERFLOW. */
NTSTATUS host_sock_recv(int fd, bool datagram, void *buf, size_t len, int flags, void *addr, int *addrlen,
                        size_t *done);
/* how: 0 receive, 1 send, 2 both */
NTSTATUS host_sock_shutdown(int fd, int how);
NTSTATUS host_sock_name(int fd, bool peer, void *addr, int *len);
NTSTATUS host_sock_set_nonblocking(int fd, bool on);
NTSTATUS host_sock_readable_bytes(int fd, uint32_t *n);
/* The type (1 stream, 2 datagram) and Windows family of a socket fd (an inherited one). */
NTSTATUS host_sock_kind(int fd, int *family, int *type);
/* A Windows option (level 0xFFFF SOL_SOCKET, 6 IPPROTO_TCP, 41 IPPROTO_IPV6, 0 IPPROTO_IP) as an int,
 * or SO_LINGER's two u_shorts; SO_ERROR comes back as an NTSTATUS in *value. STATUS_NOT_SUPPORTED for an
 * option without a host equivalent (the caller answers WSAENOPROTOOPT). */
NTSTATUS host_sock_getopt(int fd, int level, int name, int *value);
NTSTATUS host_sock_setopt(int fd, int level, int name, int value);
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

#endif
