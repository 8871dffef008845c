/* Probes of service arguments (ke/probe.c): inaccessible, read-only and out-of-range memory fail cleanly
 * with the status NT's services return, and nothing is raised. */
#include "unit.h"

#include "host/host.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "mm/mm.h"
#include "ps/ps.h"

static uint8_t *pages;   /* read-write, read-only, no access */

/* cmocka puts its own SIGSEGV handler around each test (and restores ours without SA_SIGINFO): put
 * ntexec's back first. */
static void own_handler(void)
{
    assert_int_equal(KiInitializeExceptions(), STATUS_SUCCESS);
}

static void test_ranges(void **state)
{
    (void)state;
    own_handler();
    assert_int_equal(KeProbeForRead(NULL, 0), STATUS_SUCCESS);            /* length 0 checks nothing */
    assert_int_equal(KeProbeForRead(NULL, 1), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeProbeForWrite((void *)8, 8), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeProbeForRead((void *)KE_USER_PROBE_ADDRESS, 1), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeProbeForRead((void *)(KE_USER_PROBE_ADDRESS - 1), 2), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeProbeForRead(pages, ~(SIZE_T)0), STATUS_ACCESS_VIOLATION);   /* wraps */
}

static void test_protections(void **state)
{
    (void)state;
    own_handler();
    assert_int_equal(KeProbeForWrite(pages, 4096), STATUS_SUCCESS);
    assert_int_equal(KeProbeForRead(pages + 4096, 4096), STATUS_SUCCESS);
    assert_int_equal(KeProbeForWrite(pages + 4096, 1), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeProbeForWrite(pages + 4000, 97), STATUS_ACCESS_VIOLATION);   /* the last byte is read-only */
    assert_int_equal(KeProbeForRead(pages + 8191, 2), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeProbeWriteFileBuffer(pages + 8192, 16), STATUS_INVALID_USER_BUFFER);
    assert_int_equal(KeProbeWriteFileBuffer(NULL, 16), STATUS_INVALID_USER_BUFFER);
    assert_int_equal(KeProbeWriteFileBuffer((void *)KE_USER_PROBE_ADDRESS, 16), STATUS_ACCESS_VIOLATION);
    /* the probes wrote nothing */
    assert_int_equal(pages[4096], 'r');
}

static void test_copies(void **state)
{
    (void)state;
    own_handler();
    char buf[16] = "untouched";
    assert_int_equal(KeCopyFromUser(buf, pages + 4096, 9), STATUS_SUCCESS);
    assert_memory_equal(buf, "read-only", 9);
    assert_int_equal(KeCopyFromUser(buf, pages + 8192 - 4, 8), STATUS_ACCESS_VIOLATION);
    assert_int_equal(KeCopyToUser(pages + 4096, "x", 1), STATUS_ACCESS_VIOLATION);
    assert_int_equal(pages[4096], 'r');
    assert_int_equal(KeCopyToUser(pages, "abc", 4), STATUS_SUCCESS);
    assert_string_equal((char *)pages, "abc");
}

/* The services that take a whole CONTEXT return the probe's status instead of loading or dispatching it. */
static void test_context_services(void **state)
{
    (void)state;
    own_handler();
    assert_int_equal(NtContinue((PCONTEXT)(pages + 8192), FALSE), STATUS_ACCESS_VIOLATION);
    assert_int_equal(NtContinue(NULL, FALSE), STATUS_ACCESS_VIOLATION);
    EXCEPTION_RECORD rec = {.ExceptionCode = 0xE0000001};
    assert_int_equal(NtRaiseException(&rec, (PCONTEXT)(pages + 4096), TRUE), STATUS_ACCESS_VIOLATION);
    assert_int_equal(NtRaiseException(NULL, NULL, FALSE), STATUS_ACCESS_VIOLATION);
}

static int setup(void **state)
{
    (void)state;
    if (PsInitializeSystem() != STATUS_SUCCESS)
        return -1;
    void *p = NULL;
    if (host_map(&p, 3 * 4096, 0, HOST_PROT_READ | HOST_PROT_WRITE, 0) != STATUS_SUCCESS)
        return -1;
    pages = p;
    memcpy(pages + 4096, "read-only", 10);
    host_protect(pages + 4096, 4096, HOST_PROT_READ);
    host_protect(pages + 8192, 4096, HOST_PROT_NONE);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges), cmocka_unit_test(test_protections), cmocka_unit_test(test_copies),
        cmocka_unit_test(test_context_services),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
