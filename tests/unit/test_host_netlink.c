/* host/netlink.c: the changes a watch reads from rtnetlink messages (a new interface, the same one again, an
 * address of each family, an address of another family, a truncated message, a removal, a second removal),
 * and the route to the loopback addresses. Notifications reaching a program are tested end to end
 * (tests/e2e/iphlp_route); making real interface changes needs privileges a test does not have. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include "unit.h"

#include "host/ifaddrs.h"

#define NOT_AN_INDEX 7777   /* no interface of the host has it */

static size_t put_link(char *at, unsigned short type, int index, unsigned flags)
{
    struct nlmsghdr *n = (struct nlmsghdr *)at;
    memset(n, 0, NLMSG_SPACE(sizeof(struct ifinfomsg)));
    n->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
    n->nlmsg_type = type;
    struct ifinfomsg *i = NLMSG_DATA(n);
    i->ifi_index = index;
    i->ifi_flags = flags;
    return NLMSG_ALIGN(n->nlmsg_len);
}

static size_t put_addr(char *at, unsigned short type, unsigned index, unsigned char family)
{
    struct nlmsghdr *n = (struct nlmsghdr *)at;
    memset(n, 0, NLMSG_SPACE(sizeof(struct ifaddrmsg)));
    n->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
    n->nlmsg_type = type;
    struct ifaddrmsg *a = NLMSG_DATA(n);
    a->ifa_index = index;
    a->ifa_family = family;
    return NLMSG_ALIGN(n->nlmsg_len);
}

static void test_watch_changes(void **state)
{
    (void)state;
    struct host_if_watch *w;
    assert_int_equal(host_if_watch_open(&w), STATUS_SUCCESS);
    char buffer[1024] __attribute__((aligned(8)));
    size_t len = 0;
    len += put_link(buffer + len, RTM_NEWLINK, NOT_AN_INDEX, IFF_UP);
    len += put_link(buffer + len, RTM_NEWLINK, NOT_AN_INDEX, IFF_UP | IFF_RUNNING);
    len += put_addr(buffer + len, RTM_NEWADDR, NOT_AN_INDEX, AF_INET);
    len += put_addr(buffer + len, RTM_DELADDR, NOT_AN_INDEX, AF_INET6);
    len += put_addr(buffer + len, RTM_NEWADDR, NOT_AN_INDEX, AF_PACKET);   /* not an IP address: no change */
    len += put_link(buffer + len, RTM_DELLINK, NOT_AN_INDEX, 0);
    struct host_if_change c[8];
    uint32_t n = host_if_watch_parse(w, buffer, len, c, 8);
    assert_int_equal(n, 5);
    assert_int_equal(c[0].kind, HOST_IF_ADDED);      /* an index the watch has not seen */
    assert_int_equal(c[0].index, NOT_AN_INDEX);
    assert_int_equal(c[0].family, 0);
    assert_int_equal(c[1].kind, HOST_IF_CHANGED);    /* the same index again */
    assert_int_equal(c[1].family, 0);
    assert_int_equal(c[2].kind, HOST_IF_CHANGED);
    assert_int_equal(c[2].family, 4);
    assert_int_equal(c[3].kind, HOST_IF_CHANGED);
    assert_int_equal(c[3].family, 6);
    assert_int_equal(c[4].kind, HOST_IF_REMOVED);
    assert_int_equal(c[4].index, NOT_AN_INDEX);

    /* Removed, the index is new again; the loopback flag comes from the link and stays with its addresses. */
    len = put_link(buffer, RTM_NEWLINK, NOT_AN_INDEX, IFF_UP | IFF_LOOPBACK);
    len += put_addr(buffer + len, RTM_NEWADDR, NOT_AN_INDEX, AF_INET6);
    n = host_if_watch_parse(w, buffer, len, c, 8);
    assert_int_equal(n, 2);
    assert_int_equal(c[0].kind, HOST_IF_ADDED);
    assert_true(c[0].loopback);
    assert_true(c[1].loopback);

    /* A message shorter than its header's body is skipped; the output holds at most max changes. */
    len = put_link(buffer, RTM_NEWLINK, NOT_AN_INDEX, 0);
    ((struct nlmsghdr *)buffer)->nlmsg_len = NLMSG_LENGTH(4);
    n = host_if_watch_parse(w, buffer, len, c, 8);
    assert_int_equal(n, 0);
    len = 0;
    for (int i = 0; i < 4; i++)
        len += put_addr(buffer + len, RTM_NEWADDR, NOT_AN_INDEX, AF_INET);
    assert_int_equal(host_if_watch_parse(w, buffer, len, c, 3), 3);
    host_if_watch_close(w);
}

static void test_loopback_routes(void **state)
{
    (void)state;
    struct host_route r;
    const uint8_t v4[4] = {127, 0, 0, 1};
    assert_int_equal(host_best_route(4, v4, NULL, 0, &r), STATUS_SUCCESS);
    assert_int_equal(r.index, if_nametoindex("lo"));
    assert_true(r.local);
    assert_false(r.has_gateway);
    assert_true(r.has_source);
    assert_memory_equal(r.source, v4, 4);
    assert_int_equal(r.prefix_len, 32);       /* the local table's host route, not 127.0.0.0/8 */
    assert_memory_equal(r.prefix, v4, 4);
    assert_int_equal(r.origin, HOST_ROUTE_KERNEL);

    const uint8_t v6[16] = {[15] = 1};
    NTSTATUS st = host_best_route(6, v6, NULL, 0, &r);
    if (st == STATUS_SUCCESS) {   /* a host without IPv6 has no route */
        assert_int_equal(r.index, if_nametoindex("lo"));
        assert_int_equal(r.prefix_len, 128);
        assert_memory_equal(r.prefix, v6, 16);
    } else
        assert_int_equal(st, STATUS_NETWORK_UNREACHABLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_watch_changes),
        cmocka_unit_test(test_loopback_routes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
