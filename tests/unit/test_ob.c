/* The object manager: reference counts, handle values and their reuse, inheritance, named objects. */
#include "unit.h"

#include "ob/ob.h"
#include "ps/ps.h"
#include "ntdll/rtl/rtl.h"

static int deleted;
static void count_delete(void *object)
{
    (void)object;
    deleted++;
}
static const OBJECT_TYPE test_type = {"Test", count_delete, NULL};

static void test_references(void **state)
{
    (void)state;
    void *o;
    assert_int_equal(ObCreateObject(&test_type, 32, &o), STATUS_SUCCESS);
    deleted = 0;
    ObReferenceObject(o);
    ObDereferenceObject(o);
    assert_int_equal(deleted, 0);
    ObDereferenceObject(o);
    assert_int_equal(deleted, 1);
}

static void test_handles(void **state)
{
    (void)state;
    HANDLE_TABLE table;
    ObInitializeHandleTable(&table);
    void *o;
    ObCreateObject(&test_type, 8, &o);
    HANDLE h1, h2, h3;
    assert_int_equal(ObInsertHandle(&table, o, 0, 0, &h1), STATUS_SUCCESS);
    assert_int_equal(ObInsertHandle(&table, o, 0, OBJ_INHERIT, &h2), STATUS_SUCCESS);
    /* Windows handle values are multiples of four, handed out low first. */
    assert_int_equal((ULONG_PTR)h1, 4);
    assert_int_equal((ULONG_PTR)h2, 8);
    assert_int_equal(ObGetHandleCount(o), 2);
    assert_int_equal(ObCloseHandleInTable(&table, h1), STATUS_SUCCESS);
    assert_int_equal(ObCloseHandleInTable(&table, h1), STATUS_INVALID_HANDLE);
    assert_int_equal(ObCloseHandleInTable(&table, (HANDLE)(ULONG_PTR)0x12340), STATUS_INVALID_HANDLE);
    assert_int_equal(ObInsertHandle(&table, o, 0, 0, &h3), STATUS_SUCCESS);
    assert_ptr_equal(h3, h1);   /* the freed slot is used again */

    HANDLE_TABLE child;
    ObInitializeHandleTable(&child);
    assert_int_equal(ObDuplicateInheritableHandles(&table, &child), STATUS_SUCCESS);
    assert_int_equal(child.HandleCount, 1);   /* only the OBJ_INHERIT one, at the same value */
    assert_ptr_equal(child.Entries[(ULONG_PTR)h2 / 4 - 1].Object, o);
    assert_null(child.Entries[(ULONG_PTR)h1 / 4 - 1].Object);
    deleted = 0;
    ObKillHandleTable(&child);
    ObKillHandleTable(&table);
    assert_int_equal(deleted, 0);   /* our own reference keeps it */
    ObDereferenceObject(o);
    assert_int_equal(deleted, 1);
}

/* A child host places inherited handles at their values (ObInsertHandleAt) and a parent lists what crosses
 * (ObSnapshotHandles). */
static void test_handles_at_values(void **state)
{
    (void)state;
    HANDLE_TABLE table;
    ObInitializeHandleTable(&table);
    void *o;
    ObCreateObject(&test_type, 8, &o);
    HANDLE big = (HANDLE)(ULONG_PTR)0x1004, h;
    assert_int_equal(ObInsertHandleAt(&table, big, o, 7, OBJ_INHERIT), STATUS_SUCCESS);
    assert_int_equal(ObInsertHandleAt(&table, big, o, 7, 0), STATUS_INVALID_HANDLE);           /* taken */
    assert_int_equal(ObInsertHandleAt(&table, (HANDLE)(ULONG_PTR)0x1006, o, 7, 0), STATUS_INVALID_HANDLE);
    assert_int_equal(ObInsertHandleAt(&table, (HANDLE)(ULONG_PTR)8, o, 1, 0), STATUS_SUCCESS);
    /* The free list lost exactly those two: new handles still come low first and skip them. */
    assert_int_equal(ObInsertHandle(&table, o, 0, 0, &h), STATUS_SUCCESS);
    assert_int_equal((ULONG_PTR)h, 4);
    assert_int_equal(ObInsertHandle(&table, o, 0, 0, &h), STATUS_SUCCESS);
    assert_int_equal((ULONG_PTR)h, 12);
    struct ob_handle_info *info;
    ULONG count;
    assert_int_equal(ObSnapshotHandles(&table, OBJ_INHERIT, &info, &count), STATUS_SUCCESS);
    assert_int_equal(count, 1);
    assert_ptr_equal(info[0].Handle, big);
    assert_int_equal(info[0].Access, 7);
    ObFreeHandleSnapshot(info, count);
    assert_int_equal(ObSnapshotHandles(&table, 0, &info, &count), STATUS_SUCCESS);
    assert_int_equal(count, 4);
    ObFreeHandleSnapshot(info, count);
    ObKillHandleTable(&table);
    deleted = 0;
    ObDereferenceObject(o);
    assert_int_equal(deleted, 1);
}

static void test_named_objects(void **state)
{
    (void)state;
    UNICODE_STRING name, other_case;
    RtlInitUnicodeString(&name, u"Local\\ntexec-test");
    RtlInitUnicodeString(&other_case, u"LOCAL\\NTEXEC-TEST");
    void *a, *b, *existing, *found;
    ObCreateObject(&test_type, 8, &a);
    ObCreateObject(&test_type, 8, &b);
    assert_int_equal(ObInsertNamedObject(a, &name, &existing), STATUS_SUCCESS);
    assert_int_equal(ObInsertNamedObject(b, &other_case, &existing), STATUS_OBJECT_NAME_COLLISION);
    assert_ptr_equal(existing, a);
    ObDereferenceObject(existing);
    assert_int_equal(ObLookupNamedObject(&other_case, &test_type, &found), STATUS_SUCCESS);
    assert_ptr_equal(found, a);
    ObDereferenceObject(found);
    ObDereferenceObject(a);   /* the last reference: the name goes with it */
    assert_int_equal(ObLookupNamedObject(&name, NULL, &found), STATUS_OBJECT_NAME_NOT_FOUND);
    ObDereferenceObject(b);
}

static void test_pseudo_handles(void **state)
{
    (void)state;
    void *p;
    assert_int_equal(ObReferenceObjectByHandle(NtCurrentProcess(), PsProcessType, &p), STATUS_SUCCESS);
    assert_ptr_equal(p, PsGetCurrentProcess());
    ObDereferenceObject(p);
    assert_int_equal(ObReferenceObjectByHandle(NtCurrentProcess(), PsThreadType, &p), STATUS_OBJECT_TYPE_MISMATCH);
    assert_int_equal(NtClose(NtCurrentThread()), STATUS_SUCCESS);
}

static int setup(void **state)
{
    (void)state;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_references), cmocka_unit_test(test_handles), cmocka_unit_test(test_handles_at_values), cmocka_unit_test(test_named_objects),
        cmocka_unit_test(test_pseudo_handles),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
