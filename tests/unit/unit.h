/* Common include for the cmocka unit tests: cmocka needs these headers before its own. */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define RUN_TESTS(tests) cmocka_run_group_tests(tests, NULL, NULL)

#include "nt/ntdef.h"

/* An ASCII string as UTF-16, in one of four rotating static buffers (wide formats and expectations). */
static inline const WCHAR *W(const char *s)
{
    static WCHAR bufs[4][256];
    static int k;
    WCHAR *w = bufs[k++ & 3];
    size_t i = 0;
    for (; s[i]; i++)
        w[i] = (unsigned char)s[i];
    w[i] = 0;
    return w;
}

#endif
