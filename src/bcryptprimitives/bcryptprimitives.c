/*
 * bcryptprimitives.dll: ProcessPrng, the random-number entry point Rust's std and Go 1.22+ resolve at
 * start-up. Microsoft documents that it always returns TRUE; the bytes come from the kernel's
 * KeQueryRandom (the host's getrandom), which cannot fail for a valid buffer.
 */
#include "io/builtin.h"
#include "ke/ke.h"
#include "win32/k32.h"

BOOL WINAPI ProcessPrng(BYTE *data, SIZE_T size)
{
    while (size) {
        ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        KeQueryRandom(data, n);
        data += n;
        size -= n;
    }
    return TRUE;
}

static const struct builtin_export bcryptprimitives_exports[] = {
    BUILTIN_FUNCTION("ProcessPrng", ProcessPrng),
};

static const struct builtin_dll bcryptprimitives = {
    .name = "bcryptprimitives.dll",
    .exports = bcryptprimitives_exports,
    .nexports = ARRAY_SIZE(bcryptprimitives_exports),
};
BUILTIN_DLL(bcryptprimitives);
