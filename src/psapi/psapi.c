/*
 * psapi.dll: the process status functions are kernel32's K32 exports (src/win32/procstatus.c, and
 * K32GetProcessMemoryInfo in thread.c); psapi forwards its names to them, as Windows' psapi does.
 */
#include "io/builtin.h"

static const struct builtin_export psapi_exports[] = {
    BUILTIN_FORWARDER("EnumProcessModules", "kernel32.K32EnumProcessModules"),
    BUILTIN_FORWARDER("EnumProcessModulesEx", "kernel32.K32EnumProcessModulesEx"),
    BUILTIN_FORWARDER("EnumProcesses", "kernel32.K32EnumProcesses"),
    BUILTIN_FORWARDER("GetModuleBaseNameA", "kernel32.K32GetModuleBaseNameA"),
    BUILTIN_FORWARDER("GetModuleBaseNameW", "kernel32.K32GetModuleBaseNameW"),
    BUILTIN_FORWARDER("GetModuleFileNameExA", "kernel32.K32GetModuleFileNameExA"),
    BUILTIN_FORWARDER("GetModuleFileNameExW", "kernel32.K32GetModuleFileNameExW"),
    BUILTIN_FORWARDER("GetModuleInformation", "kernel32.K32GetModuleInformation"),
    BUILTIN_FORWARDER("GetProcessImageFileNameA", "kernel32.K32GetProcessImageFileNameA"),
    BUILTIN_FORWARDER("GetProcessImageFileNameW", "kernel32.K32GetProcessImageFileNameW"),
    BUILTIN_FORWARDER("GetProcessMemoryInfo", "kernel32.K32GetProcessMemoryInfo"),
};

static const struct builtin_dll psapi = {
    .name = "PSAPI.DLL",
    .exports = psapi_exports,
    .nexports = ARRAY_SIZE(psapi_exports),
};
BUILTIN_DLL(psapi);
