/* The memory manager's Windows view: reservations on the allocation granularity, commit/decommit/release,
 * protections and what VirtualQuery reports, guard pages. */
#include "unit.h"

#include "mm/mm.h"
#include "ps/ps.h"

NTSTATUS PspCreateProcessObject(ULONG pid, PEPROCESS *process);

static HANDLE process;

static void test_reserve_commit_query(void **state)
{
    (void)state;
    PVOID base = NULL;
    SIZE_T size = 10000;
    assert_int_equal(NtAllocateVirtualMemory(process, &base, 0, &size, MEM_RESERVE, PAGE_READWRITE), STATUS_SUCCESS);
    assert_int_equal((ULONG_PTR)base % MM_ALLOCATION_GRANULARITY, 0);
    assert_int_equal(size, 12288);   /* whole pages */
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T len;
    assert_int_equal(NtQueryVirtualMemory(process, base, 0, &mbi, sizeof mbi, &len), STATUS_SUCCESS);
    assert_int_equal(mbi.State, MEM_RESERVE);
    assert_int_equal(mbi.Protect, 0);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    PVOID page = (char *)base + 4096;
    SIZE_T one = 4096;
    assert_int_equal(NtAllocateVirtualMemory(process, &page, 0, &one, MEM_COMMIT, PAGE_READWRITE), STATUS_SUCCESS);
    ((char *)page)[10] = 42;
    assert_int_equal(NtQueryVirtualMemory(process, (char *)page + 100, 0, &mbi, sizeof mbi, &len), STATUS_SUCCESS);
    assert_ptr_equal(mbi.BaseAddress, page);
    assert_ptr_equal(mbi.AllocationBase, base);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    assert_int_equal(mbi.RegionSize, 4096);   /* the run of pages alike */
    ULONG old;
    assert_int_equal(NtProtectVirtualMemory(process, &page, &one, PAGE_READONLY, &old), STATUS_SUCCESS);
    assert_int_equal(old, PAGE_READWRITE);
    PVOID reserved_only = base;
    SIZE_T s = 4096;
    assert_int_equal(NtProtectVirtualMemory(process, &reserved_only, &s, PAGE_READONLY, &old), STATUS_NOT_COMMITTED);
    SIZE_T zero = 0;
    PVOID middle = page;
    assert_int_equal(NtFreeVirtualMemory(process, &middle, &zero, MEM_RELEASE), STATUS_FREE_VM_NOT_AT_BASE);
    SIZE_T nonzero = 4096;
    assert_int_equal(NtFreeVirtualMemory(process, &base, &nonzero, MEM_RELEASE), STATUS_INVALID_PARAMETER);
    assert_int_equal(NtFreeVirtualMemory(process, &base, &zero, MEM_RELEASE), STATUS_SUCCESS);
    assert_int_equal(NtQueryVirtualMemory(process, page, 0, &mbi, sizeof mbi, &len), STATUS_SUCCESS);
    assert_int_equal(mbi.State, MEM_FREE);
}

static void test_bad_requests(void **state)
{
    (void)state;
    PVOID base = NULL;
    SIZE_T size = 4096;
    assert_int_equal(NtAllocateVirtualMemory(process, &base, 0, &size, MEM_COMMIT, PAGE_READWRITE | PAGE_READONLY),
                     STATUS_INVALID_PAGE_PROTECTION);
    assert_int_equal(NtAllocateVirtualMemory(process, &base, 0, &size, 0x40000000, PAGE_READWRITE),
                     STATUS_INVALID_PARAMETER);
    SIZE_T zero = 0;
    assert_int_equal(NtAllocateVirtualMemory(process, &base, 0, &zero, MEM_COMMIT, PAGE_READWRITE),
                     STATUS_INVALID_PARAMETER);
    MEMORY_BASIC_INFORMATION mbi;
    assert_int_equal(NtQueryVirtualMemory(process, NULL, 0, &mbi, 8, NULL), STATUS_INFO_LENGTH_MISMATCH);
}

static void test_guard_page(void **state)
{
    (void)state;
    PVOID base = NULL;
    SIZE_T size = 4096;
    assert_int_equal(NtAllocateVirtualMemory(process, &base, 0, &size, MEM_RESERVE | MEM_COMMIT,
                                             PAGE_READWRITE | PAGE_GUARD), STATUS_SUCCESS);
    /* The address space checked by the fault handler is the current process's: switch the thread to it. */
    PEPROCESS shell = PsGetCurrentThread()->Process, p;
    ObReferenceObjectByHandle(process, PsProcessType, (void **)&p);
    PsGetCurrentThread()->Process = p;
    assert_true(MmHandleGuardPageFault((ULONG_PTR)base + 5));   /* one shot: the guard is lifted */
    assert_false(MmHandleGuardPageFault((ULONG_PTR)base + 5));
    PsGetCurrentThread()->Process = shell;
    ObDereferenceObject(p);
    ((char *)base)[0] = 1;   /* accessible now */
    SIZE_T zero = 0;
    NtFreeVirtualMemory(process, &base, &zero, MEM_RELEASE);
}

static int setup(void **state)
{
    (void)state;
    if (PsInitializeSystem() != STATUS_SUCCESS)
        return -1;
    PEPROCESS p;
    if (PspCreateProcessObject(1000, &p) != STATUS_SUCCESS || MmCreateAddressSpace(p) != STATUS_SUCCESS)
        return -1;
    NTSTATUS status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, p, 0x1FFFFF, 0, &process);
    ObDereferenceObject(p);
    return status == STATUS_SUCCESS ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reserve_commit_query), cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_guard_page),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
