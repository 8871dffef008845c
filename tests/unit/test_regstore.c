/* host/regstore: the registry's SQLite store below the configuration manager: schema on first use, key and
 * value rows, name order, in-place replacement, transactions that roll back, and the two change stamps. */
#define _GNU_SOURCE
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "host/regstore.h"

static char path[256];

/* Must run first: the store is opened once per process, and a failed open leaves it closed. */
static void test_unopenable_store(void **state)
{
    (void)state;
    setenv("NTEXEC_REGISTRY", "/nonexistent-ntexec-dir/registry.db", 1);
    assert_int_equal(host_reg_begin(false, NULL), STATUS_REGISTRY_IO_FAILED);
    setenv("NTEXEC_REGISTRY", path, 1);
}

static void test_schema_once(void **state)
{
    (void)state;
    bool created = false;
    assert_int_equal(host_reg_begin(true, &created), STATUS_SUCCESS);
    assert_true(created);
    int64_t root;
    assert_int_equal(host_reg_key_create(0, "REGISTRY", "REGISTRY", NULL, 1, &root), STATUS_SUCCESS);
    assert_int_equal(host_reg_end(true), STATUS_SUCCESS);
    assert_int_equal(host_reg_begin(true, &created), STATUS_SUCCESS);
    assert_false(created);
    assert_int_equal(host_reg_end(true), STATUS_SUCCESS);
}

static int64_t make(int64_t parent, const char *name, const char *uname)
{
    int64_t id;
    assert_int_equal(host_reg_key_create(parent, name, uname, NULL, 1, &id), STATUS_SUCCESS);
    return id;
}

static void test_keys(void **state)
{
    (void)state;
    assert_int_equal(host_reg_begin(true, NULL), STATUS_SUCCESS);
    int64_t root, id;
    assert_int_equal(host_reg_key_lookup(0, "REGISTRY", &root), STATUS_SUCCESS);
    int64_t k = make(root, "Keys", "KEYS");
    make(k, "beta", "BETA");
    int64_t alpha = make(k, "Alpha", "ALPHA");
    make(alpha, "Inner", "INNER");
    assert_int_equal(host_reg_key_lookup(k, "ALPHA", &id), STATUS_SUCCESS);
    assert_int_equal(id, alpha);
    assert_int_equal(host_reg_key_lookup(k, "Alpha", &id), STATUS_OBJECT_NAME_NOT_FOUND);

    struct host_reg_key key;
    assert_int_equal(host_reg_key_enum(k, 0, &key), STATUS_SUCCESS);
    assert_string_equal(key.name, "Alpha");
    host_reg_key_free(&key);
    assert_int_equal(host_reg_key_enum(k, 1, &key), STATUS_SUCCESS);
    assert_string_equal(key.name, "beta");
    host_reg_key_free(&key);
    assert_int_equal(host_reg_key_enum(k, 2, &key), STATUS_NO_MORE_ENTRIES);

    struct host_reg_counts c;
    assert_int_equal(host_reg_key_counts(k, &c), STATUS_SUCCESS);
    assert_int_equal(c.subkeys, 2);
    assert_int_equal(c.max_name, 5);
    assert_int_equal(c.values, 0);

    assert_int_equal(host_reg_key_delete(alpha), STATUS_CANNOT_DELETE);
    assert_int_equal(host_reg_key_rename(alpha, "Gamma", "GAMMA"), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_lookup(k, "GAMMA", &id), STATUS_SUCCESS);
    assert_int_equal(host_reg_end(true), STATUS_SUCCESS);

    /* a transaction that ends without commit leaves nothing */
    assert_int_equal(host_reg_begin(true, NULL), STATUS_SUCCESS);
    make(k, "Gone", "GONE");
    assert_int_equal(host_reg_end(false), STATUS_SUCCESS);
    assert_int_equal(host_reg_begin(false, NULL), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_lookup(k, "GONE", &id), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(host_reg_key_get(999999, &key), STATUS_KEY_DELETED);
    assert_int_equal(host_reg_end(true), STATUS_SUCCESS);
}

static void test_values(void **state)
{
    (void)state;
    assert_int_equal(host_reg_begin(true, NULL), STATUS_SUCCESS);
    int64_t root;
    assert_int_equal(host_reg_key_lookup(0, "REGISTRY", &root), STATUS_SUCCESS);
    int64_t k = make(root, "Values", "VALUES");
    uint32_t one = 1, two = 2;
    static const char x[4] = "x";
    assert_int_equal(host_reg_value_set(k, "Zed", "ZED", 4, &one, 4), STATUS_SUCCESS);
    assert_int_equal(host_reg_value_set(k, "", "", 1, x, 4), STATUS_SUCCESS);
    assert_int_equal(host_reg_value_set(k, "empty", "EMPTY", 3, NULL, 0), STATUS_SUCCESS);
    /* replacing keeps the first spelling of the name */
    assert_int_equal(host_reg_value_set(k, "ZED", "ZED", 11, &two, 4), STATUS_SUCCESS);

    struct host_reg_value v;
    assert_int_equal(host_reg_value_get(k, "ZED", &v), STATUS_SUCCESS);
    assert_string_equal(v.name, "Zed");
    assert_int_equal(v.type, 11);
    assert_int_equal(v.size, 4);
    assert_memory_equal(v.data, &two, 4);
    host_reg_value_free(&v);
    assert_int_equal(host_reg_value_get(k, "EMPTY", &v), STATUS_SUCCESS);
    assert_int_equal(v.size, 0);
    assert_null(v.data);
    host_reg_value_free(&v);

    const char *order[] = {"", "empty", "Zed"};
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(host_reg_value_enum(k, i, &v), STATUS_SUCCESS);
        assert_string_equal(v.name, order[i]);
        host_reg_value_free(&v);
    }
    assert_int_equal(host_reg_value_enum(k, 3, &v), STATUS_NO_MORE_ENTRIES);

    struct host_reg_counts c;
    assert_int_equal(host_reg_key_counts(k, &c), STATUS_SUCCESS);
    assert_int_equal(c.values, 3);
    assert_int_equal(c.max_value_name, 5);
    assert_int_equal(c.max_data, 4);

    assert_int_equal(host_reg_value_delete(k, "EMPTY"), STATUS_SUCCESS);
    assert_int_equal(host_reg_value_delete(k, "EMPTY"), STATUS_OBJECT_NAME_NOT_FOUND);
    /* a key's values go with it */
    assert_int_equal(host_reg_key_delete(k), STATUS_SUCCESS);
    assert_int_equal(host_reg_value_get(k, "ZED", &v), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(host_reg_end(true), STATUS_SUCCESS);
}

static void test_stamps(void **state)
{
    (void)state;
    assert_int_equal(host_reg_begin(true, NULL), STATUS_SUCCESS);
    int64_t root;
    assert_int_equal(host_reg_key_lookup(0, "REGISTRY", &root), STATUS_SUCCESS);
    int64_t k = make(root, "Stamps", "STAMPS");
    int64_t child = make(k, "Child", "CHILD");
    int64_t names0, values0, both0, sub0, s;
    assert_int_equal(host_reg_key_stamp(k, false, true, false, &names0), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(k, false, false, true, &values0), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(k, false, true, true, &both0), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(k, true, false, true, &sub0), STATUS_SUCCESS);

    /* a value change moves the values stamp only */
    assert_int_equal(host_reg_key_touch(k, 2, true), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(k, false, true, false, &s), STATUS_SUCCESS);
    assert_int_equal(s, names0);
    assert_int_equal(host_reg_key_stamp(k, false, false, true, &s), STATUS_SUCCESS);
    assert_true(s > values0);
    assert_int_equal(host_reg_key_stamp(k, false, true, true, &s), STATUS_SUCCESS);
    assert_true(s > both0);

    /* a change below shows in the subtree's stamp, not in the key's own */
    assert_int_equal(host_reg_key_stamp(k, false, false, true, &values0), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(k, true, false, true, &sub0), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_touch(child, 3, true), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(k, false, false, true, &s), STATUS_SUCCESS);
    assert_int_equal(s, values0);
    assert_int_equal(host_reg_key_stamp(k, true, false, true, &s), STATUS_SUCCESS);
    assert_true(s > sub0);

    struct host_reg_key key;
    assert_int_equal(host_reg_key_get(k, &key), STATUS_SUCCESS);
    assert_int_equal(key.mtime, 2);
    host_reg_key_free(&key);
    assert_int_equal(host_reg_key_delete(child), STATUS_SUCCESS);
    assert_int_equal(host_reg_key_stamp(child, false, true, true, &s), STATUS_KEY_DELETED);
    assert_int_equal(host_reg_key_stamp(child, true, true, true, &s), STATUS_KEY_DELETED);
    assert_int_equal(host_reg_end(true), STATUS_SUCCESS);
}

int main(void)
{
    char dir[] = "/tmp/ntexec-regstore-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/registry.db", dir);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unopenable_store),
        cmocka_unit_test(test_schema_once),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_stamps),
    };
    int failed = RUN_TESTS(tests);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        failed++;
    return failed;
}
