/* host/cpu.c and host/vmtop.c: /proc/cpuinfo flags, CPUID, and top-down placement of mappings. */
#include "unit.h"

#include "host/host.h"

static void test_cpuinfo_flags(void **state)
{
    (void)state;
    /* Every x86-64 processor Linux runs on lists these; no processor lists a made-up one. */
    static const char *const names[] = {"fpu", "sse2", "no_such_flag", "tsc", "sse"};
    assert_int_equal(host_cpuinfo_flags(names, 5), 0x1Bu);
    static const char *const prefix[] = {"ss", "sse4"};   /* words match whole, not as prefixes */
    unsigned found = host_cpuinfo_flags(prefix, 2);
    assert_int_equal(found & 2u, 0);
}

static void test_cpuid(void **state)
{
    (void)state;
    uint32_t r[4];
    host_cpuid(0, 0, r);
    assert_true(r[0] >= 1);                       /* leaf 1 exists */
    host_cpuid(1, 0, r);
    assert_true(r[3] & (1u << 26));               /* SSE2 on every x86-64 processor */
    host_cpuid(0x7FFFFFFF, 0, r);                 /* above the maximum: zeros */
    assert_int_equal(r[0] | r[1] | r[2] | r[3], 0);
}

static void test_map_top_down(void **state)
{
    (void)state;
    const uintptr_t top = 0x7FFFFFFF0000ull;
    void *low = NULL, *high = NULL, *high2 = NULL, *below2g = NULL;
    assert_int_equal(host_map(&low, 0x10000, 0x10000, HOST_PROT_READ, 0), STATUS_SUCCESS);
    assert_int_equal(host_map_top_down(&high, 0x10000, 0x10000, top, HOST_PROT_READ | HOST_PROT_WRITE, 0),
                     STATUS_SUCCESS);
    assert_int_equal(host_map_top_down(&high2, 0x30000, 0x10000, top, HOST_PROT_READ, 0), STATUS_SUCCESS);
    assert_true((uintptr_t)high > (uintptr_t)low);
    assert_true((uintptr_t)high + 0x10000 <= top);
    assert_int_equal((uintptr_t)high & 0xFFFF, 0);
    assert_true((uintptr_t)high2 + 0x30000 <= (uintptr_t)high);   /* the next one goes below */
    ((volatile char *)high)[0xFFFF] = 1;
    assert_int_equal(host_map_top_down(&below2g, 0x10000, 0x10000, 0x80000000u, HOST_PROT_READ, 0),
                     STATUS_SUCCESS);
    assert_true((uintptr_t)below2g + 0x10000 <= 0x80000000u);
    assert_true((uintptr_t)below2g >= 0x10000);
    host_unmap(low, 0x10000);
    host_unmap(high, 0x10000);
    host_unmap(high2, 0x30000);
    host_unmap(below2g, 0x10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cpuinfo_flags),
        cmocka_unit_test(test_cpuid),
        cmocka_unit_test(test_map_top_down),
    };
    return RUN_TESTS(tests);
}
