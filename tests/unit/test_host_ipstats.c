/* host/ipstats.c: a listener and a UDP socket this test opens (IPv4 and IPv6 loopback) are found in the
 * host's tables with their addresses, ports, states and owner (this process); the counters read from
 * /proc/net/snmp move. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unit.h"

#include "host/ifaddrs.h"

static int open_bound(int family, int type, uint16_t *port)
{
    int fd = socket(family, type, 0);
    struct sockaddr_storage a = {0};
    socklen_t len;
    if (family == AF_INET) {
        struct sockaddr_in *s = (void *)&a;
        s->sin_family = AF_INET;
        s->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *s;
    } else {
        struct sockaddr_in6 *s = (void *)&a;
        s->sin6_family = AF_INET6;
        s->sin6_addr = in6addr_loopback;
        len = sizeof *s;
    }
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, len) != 0 || (type == SOCK_STREAM && listen(fd, 1) != 0)) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    getsockname(fd, (struct sockaddr *)&a, &len);
    *port = ntohs(family == AF_INET ? ((struct sockaddr_in *)&a)->sin_port : ((struct sockaddr_in6 *)&a)->sin6_port);
    return fd;
}

static const struct host_socket_entry *find(const struct host_socket_entry *e, uint32_t n, uint16_t port)
{
    for (uint32_t i = 0; i < n; i++)
        if (e[i].local_port == port)
            return &e[i];
    return NULL;
}

static void check_family(uint8_t family)
{
    int af = family == 4 ? AF_INET : AF_INET6;
    uint16_t tcp_port, udp_port;
    int tcp = open_bound(af, SOCK_STREAM, &tcp_port), udp = open_bound(af, SOCK_DGRAM, &udp_port);
    if (tcp < 0 || udp < 0) {   /* a host without IPv6 */
        assert_int_equal(family, 6);
        return;
    }
    uint8_t loopback[16] = {0};
    if (family == 4)
        memcpy(loopback, (uint8_t[]){127, 0, 0, 1}, 4);
    else
        loopback[15] = 1;
    struct host_socket_entry *all;
    uint32_t n;
    assert_int_equal(host_socket_table(HOST_TABLE_TCP, family, &all, &n), STATUS_SUCCESS);
    const struct host_socket_entry *e = find(all, n, tcp_port);
    assert_non_null(e);
    assert_int_equal(e->family, family);
    assert_int_equal(e->state, HOST_TCP_LISTEN);
    assert_memory_equal(e->local, loopback, family == 4 ? 4 : 16);
    assert_int_equal(e->remote_port, 0);
    assert_true(e->inode != 0);
    host_socket_owners(all, n);
    e = find(all, n, tcp_port);
    assert_int_equal(e->owner_pid, (uint32_t)getpid());   /* the listener is this process's */
    free(all);
    assert_int_equal(host_socket_table(HOST_TABLE_UDP, family, &all, &n), STATUS_SUCCESS);
    e = find(all, n, udp_port);
    assert_non_null(e);
    assert_memory_equal(e->local, loopback, family == 4 ? 4 : 16);
    free(all);
    close(tcp);
    close(udp);
}

static void test_tables(void **state)
{
    (void)state;
    check_family(4);
    check_family(6);
}

static void test_counters(void **state)
{
    (void)state;
    struct host_udp_stats before, after;
    assert_int_equal(host_udp_stats(&before), STATUS_SUCCESS);
    uint16_t port;
    int fd = open_bound(AF_INET, SOCK_DGRAM, &port);
    assert_true(fd >= 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof to), 1);
    close(fd);
    assert_int_equal(host_udp_stats(&after), STATUS_SUCCESS);
    assert_true(after.out_datagrams > before.out_datagrams);
    struct host_tcp_stats t;
    assert_int_equal(host_tcp_stats(&t), STATUS_SUCCESS);
    assert_true(t.rto_min > 0);
    struct host_if_counters c[64];
    uint32_t nc;
    assert_int_equal(host_interface_counters(c, 64, &nc), STATUS_SUCCESS);
    const struct host_if_counters *lo = NULL, *missing = NULL;
    for (uint32_t i = 0; i < nc; i++) {
        if (!strcmp(c[i].name, "lo"))
            lo = &c[i];
        if (!strcmp(c[i].name, "no-such-if"))
            missing = &c[i];
    }
    assert_non_null(lo);
    assert_true(lo->tx_packets > 0);
    assert_null(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_counters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
