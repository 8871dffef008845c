/*
 * powrprof.dll: power schemes and power information. ntexec keeps no power schemes and learns nothing of
 * the machine's batteries, processor clocks or power capabilities, so these fail honestly:
 * PowerGetActiveScheme with ERROR_CALL_NOT_IMPLEMENTED, CallNtPowerInformation with STATUS_NOT_IMPLEMENTED
 * (what Windows answers for a level it does not implement).
 */
#include "io/builtin.h"
#include "win32/k32.h"

DWORD WINAPI PowerGetActiveScheme(HANDLE root, void **scheme)
{
    (void)root, (void)scheme;   /* *scheme is left as it was: there is nothing to free */
    return ERROR_CALL_NOT_IMPLEMENTED;
}

NTSTATUS WINAPI CallNtPowerInformation(int level, PVOID in, ULONG in_size, PVOID out, ULONG out_size)
{
    (void)level, (void)in, (void)in_size, (void)out, (void)out_size;
    return STATUS_NOT_IMPLEMENTED;
}

static const struct builtin_export powrprof_exports[] = {
    BUILTIN_FUNCTION("CallNtPowerInformation", CallNtPowerInformation),
    BUILTIN_FUNCTION("PowerGetActiveScheme", PowerGetActiveScheme),
};

static const struct builtin_dll powrprof = {
    .name = "POWRPROF.dll",
    .exports = powrprof_exports,
    .nexports = ARRAY_SIZE(powrprof_exports),
};
BUILTIN_DLL(powrprof);
