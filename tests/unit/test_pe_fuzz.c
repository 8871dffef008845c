/*
 * The fuzz harness (tests/fuzz/fuzz_pe.c) as a unit test, under ASan/UBSan: every seed, every input the
 * fuzzer once crashed on (tests/fuzz/regressions), and each of them cut short at a few lengths.
 * FUZZ_DIR is the absolute path of tests/fuzz (set by tests/programs/pe.mk).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>

#include "pe_fixture.h"
#include "../fuzz/fuzz_pe.c"

#ifndef FUZZ_DIR
#define FUZZ_DIR "tests/fuzz"
#endif

/* Runs the harness on every file of FUZZ_DIR/sub; returns how many there were. */
static unsigned run_dir(const char *sub)
{
    char dir[4096], path[4096 + 256];
    unsigned n = 0;
    snprintf(dir, sizeof(dir), "%s/%s", FUZZ_DIR, sub);
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
            continue;
        size_t size;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        uint8_t *data = fx_read(path, &size);
        /* Exact-size copies (fx_read adds a NUL), so ASan sees a read one byte past; then the same bytes
         * cut short: file layouts whose sections run past the end. */
        const size_t lengths[] = {size, size / 2, size > 0x400 ? 0x400 : 0, size ? size - 1 : 0};
        for (unsigned i = 0; i < 4; i++) {
            uint8_t *copy = malloc(lengths[i] ? lengths[i] : 1);
            assert_non_null(copy);
            memcpy(copy, data, lengths[i]);
            LLVMFuzzerTestOneInput(copy, lengths[i]);
            free(copy);
        }
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

static void t_seeds(void **state)
{
    (void)state;
    assert_true(run_dir("seeds") >= 5);
}

static void t_regressions(void **state)
{
    (void)state;
    run_dir("regressions");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_seeds), cmocka_unit_test(t_regressions)};
    return RUN_TESTS(tests);
}
