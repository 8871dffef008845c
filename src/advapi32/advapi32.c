/*
 * advapi32.dll: only what runtimes resolve at start-up. SystemFunction036 (RtlGenRandom) is how Go's
 * runtime, Rust's std and the MSVC CRT's rand_s get random bytes; on Windows it asks the kernel's
 * random number generator (cryptbase -> \Device\KsecDD), here the kernel's KeQueryRandom (the host's
 * getrandom).
 */
#include "io/builtin.h"
#include "ke/ke.h"
#include "win32/k32.h"

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length)
{
    NTSTATUS status = KeQueryRandom(buffer, length);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

static const struct builtin_export advapi32_exports[] = {
    BUILTIN_FUNCTION("SystemFunction036", SystemFunction036),
};

static const struct builtin_dll advapi32 = {
    .name = "ADVAPI32.dll",
    .exports = advapi32_exports,
    .nexports = ARRAY_SIZE(advapi32_exports),
};
BUILTIN_DLL(advapi32);
