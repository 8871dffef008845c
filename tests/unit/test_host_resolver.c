/* host/resolver.c: the hosts file's lines (comments, tabs, scope ids, several lines for a name, a name on
 * no line) and NTEXEC_NAMESERVERS' list. DNS itself is tested end to end (tests/e2e/net_resolve). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

#include "host/resolver.h"

static char hosts_file[64];

static int write_hosts(void **state)
{
    (void)state;
    snprintf(hosts_file, sizeof hosts_file, "/tmp/ntexec-hosts-%d", (int)getpid());
    FILE *f = fopen(hosts_file, "w");
    if (!f)
        return -1;
    fputs("# comment line\n"
          "   \n"
          "192.0.2.1\tone.example\tone   # names after a tab, a comment after them\n"
          "192.0.2.2 two.example\n"
          "192.0.2.3\n"                               /* an address with no name: no line at all */
          "fe80::1%eth0 two.example link\n"           /* a scope id is dropped */
          "192.0.2.4 two.example\n"                   /* a second line for the same name adds its address */
          "192.0.2.2 again.example two.example\n"     /* the same address twice is listed once */
          "not-an-address bad.example\n"
          "2001:db8::5 six.example\n",
          f);
    fclose(f);
    setenv("NTEXEC_HOSTS", hosts_file, 1);
    setenv("NTEXEC_NAMESERVERS", "127.0.0.1:1", 1);   /* nothing answers there: DNS fails at once */
    return 0;
}

static int remove_hosts(void **state)
{
    (void)state;
    unlink(hosts_file);
    unsetenv("NTEXEC_HOSTS");
    unsetenv("NTEXEC_NAMESERVERS");
    return 0;
}

static void test_hosts_names(void **state)
{
    (void)state;
    struct host_name_addr a[HOST_NAME_MAX_ADDRS];
    uint32_t n;
    char canon[64];
    assert_int_equal(host_resolve_name("ONE", true, true, a, 8, &n, canon, sizeof canon), STATUS_SUCCESS);
    assert_int_equal(n, 1);
    assert_string_equal(canon, "one.example");
    assert_int_equal(a[0].family, 4);
    assert_memory_equal(a[0].addr, ((uint8_t[]){ 192, 0, 2, 1 }), 4);

    assert_int_equal(host_resolve_name("two.example.", true, false, a, 8, &n, canon, sizeof canon), STATUS_SUCCESS);
    assert_int_equal(n, 2);
    assert_int_equal(a[0].addr[3], 2);
    assert_int_equal(a[1].addr[3], 4);

    assert_int_equal(host_resolve_name("two.example", false, true, a, 8, &n, canon, sizeof canon), STATUS_SUCCESS);
    assert_int_equal(n, 1);
    assert_int_equal(a[0].family, 6);
    assert_int_equal(a[0].addr[0], 0xfe);
    assert_int_equal(a[0].addr[15], 1);

    /* Both families: the preferred one first, so look for each. */
    assert_int_equal(host_resolve_name("two.example", true, true, a, 8, &n, canon, sizeof canon), STATUS_SUCCESS);
    assert_int_equal(n, 3);
    assert_int_equal(host_resolve_name("two.example", true, true, a, 1, &n, canon, sizeof canon), STATUS_SUCCESS);
    assert_int_equal(n, 1);   /* max holds */

    /* No line for the family or the name: DNS is asked, and nobody answers there. */
    assert_int_equal(host_resolve_name("six.example", true, false, a, 8, &n, canon, sizeof canon), STATUS_IO_TIMEOUT);
    assert_int_equal(n, 0);
    assert_int_equal(host_resolve_name("bad.example", true, true, a, 8, &n, canon, sizeof canon), STATUS_IO_TIMEOUT);
    assert_int_equal(host_resolve_name("192.0.2.3", true, true, a, 8, &n, canon, sizeof canon), STATUS_IO_TIMEOUT);
}

static void test_hosts_addresses(void **state)
{
    (void)state;
    char name[64];
    struct host_name_addr two = { .family = 4, .addr = { 192, 0, 2, 2 } };
    assert_int_equal(host_resolve_address(&two, name, sizeof name), STATUS_SUCCESS);
    assert_string_equal(name, "two.example");   /* the first line's first name */
    struct host_name_addr six = { .family = 6, .addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 5 } };
    assert_int_equal(host_resolve_address(&six, name, sizeof name), STATUS_SUCCESS);
    assert_string_equal(name, "six.example");
    char small[4];
    assert_int_equal(host_resolve_address(&six, small, sizeof small), STATUS_SUCCESS);
    assert_string_equal(small, "six");          /* cut to the buffer, never past it */
    struct host_name_addr none = { .family = 4, .addr = { 192, 0, 2, 99 } };
    assert_int_equal(host_resolve_address(&none, name, sizeof name), STATUS_IO_TIMEOUT);
}

static void test_nameserver_list(void **state)
{
    (void)state;
    struct host_nameserver s[3];
    uint32_t n;
    setenv("NTEXEC_NAMESERVERS", "127.0.0.1:5353, 192.0.2.9,bad,10.0.0.1:0,10.0.0.2:70000,10.0.0.3:53x,::1,"
           "10.0.0.4:99,10.0.0.5", 1);
    assert_true(host_nameserver_override(s, 3, &n));
    assert_int_equal(n, 3);
    assert_memory_equal(s[0].addr, ((uint8_t[]){ 127, 0, 0, 1 }), 4);
    assert_int_equal(s[0].port, 5353);
    assert_memory_equal(s[1].addr, ((uint8_t[]){ 192, 0, 2, 9 }), 4);
    assert_int_equal(s[1].port, 53);
    assert_memory_equal(s[2].addr, ((uint8_t[]){ 10, 0, 0, 4 }), 4);
    assert_int_equal(s[2].port, 99);
    setenv("NTEXEC_NAMESERVERS", "bad", 1);
    assert_true(host_nameserver_override(s, 3, &n));
    assert_int_equal(n, 0);
    struct host_name_addr a[4];
    char canon[8];
    assert_int_equal(host_resolve_name("nothing.example", true, true, a, 4, &n, canon, sizeof canon),
                     STATUS_IO_TIMEOUT);   /* no usable server: nothing is asked */
    unsetenv("NTEXEC_NAMESERVERS");
    assert_false(host_nameserver_override(s, 3, &n));
    setenv("NTEXEC_NAMESERVERS", "127.0.0.1:1", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hosts_names),
        cmocka_unit_test(test_hosts_addresses),
        cmocka_unit_test(test_nameserver_list),
    };
    return cmocka_run_group_tests(tests, write_hosts, remove_hosts);
}
