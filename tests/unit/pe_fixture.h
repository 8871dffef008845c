/*
 * Access to the real PE fixtures built by tests/programs/pe.mk. The directory is $NTEXEC_FIXTURES if set,
 * else FIXTURE_DIR, which the build defines as the absolute path of build/tests/programs (the tests run
 * in a scratch directory, so a relative default only works from the repository root).
 */
#ifndef TESTS_UNIT_PE_FIXTURE_H
#define TESTS_UNIT_PE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "build/tests/programs"
#endif

static inline const char *fx_dir(void)
{
    const char *env = getenv("NTEXEC_FIXTURES");
    return env && *env ? env : FIXTURE_DIR;
}

/* "DIR/sub/name" in a static buffer (the next call overwrites it). */
static inline const char *fx_path(const char *sub, const char *name)
{
    static char path[4096];
    snprintf(path, sizeof(path), "%s/%s%s%s", fx_dir(), sub, *sub ? "/" : "", name);
    return path;
}

/* The whole file, NUL-terminated (for listings); fails the test if it cannot be read. */
static inline uint8_t *fx_read(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "cannot open %s (build the fixtures: make programs)\n", path);
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    uint8_t *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    data[n] = 0;
    if (size)
        *size = (size_t)n;
    return data;
}

static inline uint8_t *fx_image(const char *name, size_t *size)
{
    return fx_read(fx_path("", name), size);
}

/* The `objdump -p` (NAME.objdump) or `nm` (NAME.nm) listing of a fixture. */
static inline char *fx_listing(const char *name)
{
    return (char *)fx_read(fx_path("listings", name), NULL);
}

#endif
