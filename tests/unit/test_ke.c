/* The dispatcher: events (manual and auto reset), semaphores, mutants (recursion, ownership, abandon),
 * WaitAny/WaitAll and timeouts, through the Nt services. */
#include "unit.h"

#include "ke/ke.h"
#include "ps/ps.h"

static LARGE_INTEGER poll = {.QuadPart = 0};

static void test_events(void **state)
{
    (void)state;
    HANDLE manual, automatic;
    assert_int_equal(NtCreateEvent(&manual, 0x1F0003, NULL, 0, FALSE), STATUS_SUCCESS);
    assert_int_equal(NtCreateEvent(&automatic, 0x1F0003, NULL, 1, TRUE), STATUS_SUCCESS);
    assert_int_equal(NtWaitForSingleObject(manual, FALSE, &poll), STATUS_TIMEOUT);
    assert_int_equal(NtWaitForSingleObject(automatic, FALSE, &poll), STATUS_WAIT_0);
    assert_int_equal(NtWaitForSingleObject(automatic, FALSE, &poll), STATUS_TIMEOUT);   /* it reset itself */
    LONG previous;
    NtSetEvent(manual, &previous);
    assert_int_equal(previous, 0);
    assert_int_equal(NtWaitForSingleObject(manual, FALSE, &poll), STATUS_WAIT_0);
    assert_int_equal(NtWaitForSingleObject(manual, FALSE, &poll), STATUS_WAIT_0);       /* it stays set */
    HANDLE both[2] = {automatic, manual};
    assert_int_equal(NtWaitForMultipleObjects(2, both, WaitAny, FALSE, &poll), STATUS_WAIT_0 + 1);
    assert_int_equal(NtWaitForMultipleObjects(2, both, WaitAll, FALSE, &poll), STATUS_TIMEOUT);
    NtSetEvent(automatic, NULL);
    assert_int_equal(NtWaitForMultipleObjects(2, both, WaitAll, FALSE, &poll), STATUS_WAIT_0);
    HANDLE same[2] = {manual, manual};
    assert_int_equal(NtWaitForMultipleObjects(2, same, WaitAll, FALSE, &poll), STATUS_INVALID_PARAMETER_MIX);
    LARGE_INTEGER ten_ms = {.QuadPart = -100000};
    assert_int_equal(NtWaitForSingleObject(automatic, FALSE, &ten_ms), STATUS_TIMEOUT);
    NtClose(manual);
    NtClose(automatic);
}

static void test_semaphore(void **state)
{
    (void)state;
    HANDLE s;
    assert_int_equal(NtCreateSemaphore(&s, 0x1F0003, NULL, 1, 2), STATUS_SUCCESS);
    assert_int_equal(NtWaitForSingleObject(s, FALSE, &poll), STATUS_WAIT_0);
    assert_int_equal(NtWaitForSingleObject(s, FALSE, &poll), STATUS_TIMEOUT);
    LONG previous;
    assert_int_equal(NtReleaseSemaphore(s, 2, &previous), STATUS_SUCCESS);
    assert_int_equal(previous, 0);
    assert_int_equal(NtReleaseSemaphore(s, 1, &previous), STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    assert_int_equal(NtCreateSemaphore(&s, 0x1F0003, NULL, 3, 2), STATUS_INVALID_PARAMETER);
}

static void test_mutant(void **state)
{
    (void)state;
    HANDLE m;
    assert_int_equal(NtCreateMutant(&m, 0x1F0001, NULL, TRUE), STATUS_SUCCESS);
    assert_int_equal(NtWaitForSingleObject(m, FALSE, &poll), STATUS_WAIT_0);   /* the owner may wait again */
    LONG previous;
    assert_int_equal(NtReleaseMutant(m, &previous), STATUS_SUCCESS);
    assert_int_equal(NtReleaseMutant(m, &previous), STATUS_SUCCESS);
    assert_int_equal(NtReleaseMutant(m, &previous), STATUS_MUTANT_NOT_OWNED);
    /* A thread ending with the mutant held abandons it; the next waiter hears about it once. */
    assert_int_equal(NtWaitForSingleObject(m, FALSE, &poll), STATUS_WAIT_0);
    KeAbandonOwnedMutants(PsGetCurrentThread());
    assert_int_equal(NtWaitForSingleObject(m, FALSE, &poll), STATUS_ABANDONED_WAIT_0);
    NtReleaseMutant(m, NULL);
    assert_int_equal(NtWaitForSingleObject(m, FALSE, &poll), STATUS_WAIT_0);
    NtReleaseMutant(m, NULL);
    NtClose(m);
}

static int setup(void **state)
{
    (void)state;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events), cmocka_unit_test(test_semaphore), cmocka_unit_test(test_mutant),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
