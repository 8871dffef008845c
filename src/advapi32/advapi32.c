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

/* registry.c */
extern void WINAPI RegOpenKeyExA(void);
extern void WINAPI RegOpenKeyExW(void);
extern void WINAPI RegOpenKeyA(void);
extern void WINAPI RegOpenKeyW(void);
extern void WINAPI RegCreateKeyExA(void);
extern void WINAPI RegCreateKeyExW(void);
extern void WINAPI RegCreateKeyA(void);
extern void WINAPI RegCreateKeyW(void);
extern void WINAPI RegQueryValueExA(void);
extern void WINAPI RegQueryValueExW(void);
extern void WINAPI RegSetValueExA(void);
extern void WINAPI RegSetValueExW(void);
extern void WINAPI RegSetKeyValueA(void);
extern void WINAPI RegSetKeyValueW(void);
extern void WINAPI RegGetValueA(void);
extern void WINAPI RegGetValueW(void);
extern void WINAPI RegEnumKeyExA(void);
extern void WINAPI RegEnumKeyExW(void);
extern void WINAPI RegEnumKeyA(void);
extern void WINAPI RegEnumKeyW(void);
extern void WINAPI RegEnumValueA(void);
extern void WINAPI RegEnumValueW(void);
extern void WINAPI RegQueryInfoKeyA(void);
extern void WINAPI RegQueryInfoKeyW(void);
extern void WINAPI RegDeleteKeyA(void);
extern void WINAPI RegDeleteKeyW(void);
extern void WINAPI RegDeleteKeyExA(void);
extern void WINAPI RegDeleteKeyExW(void);
extern void WINAPI RegDeleteValueA(void);
extern void WINAPI RegDeleteValueW(void);
extern void WINAPI RegDeleteTreeA(void);
extern void WINAPI RegDeleteTreeW(void);
extern void WINAPI RegDeleteKeyValueA(void);
extern void WINAPI RegDeleteKeyValueW(void);
extern void WINAPI RegLoadMUIStringA(void);
extern void WINAPI RegLoadMUIStringW(void);
extern void WINAPI RegCloseKey(void);
extern void WINAPI RegFlushKey(void);
extern void WINAPI RegOpenCurrentUser(void);
extern void WINAPI RegNotifyChangeKeyValue(void);
extern void WINAPI RegQueryValueA(void);
extern void WINAPI RegQueryValueW(void);
extern void WINAPI RegSetValueA(void);
extern void WINAPI RegSetValueW(void);
extern void WINAPI RegCopyTreeA(void);
extern void WINAPI RegCopyTreeW(void);
extern void WINAPI RegConnectRegistryA(void);
extern void WINAPI RegConnectRegistryW(void);
extern void WINAPI RegSaveKeyA(void);
extern void WINAPI RegSaveKeyW(void);
extern void WINAPI RegSaveKeyExA(void);
extern void WINAPI RegSaveKeyExW(void);
extern void WINAPI RegLoadKeyA(void);
extern void WINAPI RegLoadKeyW(void);
extern void WINAPI RegUnLoadKeyA(void);
extern void WINAPI RegUnLoadKeyW(void);
extern void WINAPI RegRestoreKeyA(void);
extern void WINAPI RegRestoreKeyW(void);
extern void WINAPI RegReplaceKeyA(void);
extern void WINAPI RegReplaceKeyW(void);

static const struct builtin_export advapi32_exports[] = {
    BUILTIN_FUNCTION("SystemFunction036", SystemFunction036),
    /* the registry (registry.c) */
    BUILTIN_FUNCTION("RegOpenKeyExA", RegOpenKeyExA),
    BUILTIN_FUNCTION("RegOpenKeyExW", RegOpenKeyExW),
    BUILTIN_FUNCTION("RegOpenKeyA", RegOpenKeyA),
    BUILTIN_FUNCTION("RegOpenKeyW", RegOpenKeyW),
    BUILTIN_FUNCTION("RegCreateKeyExA", RegCreateKeyExA),
    BUILTIN_FUNCTION("RegCreateKeyExW", RegCreateKeyExW),
    BUILTIN_FUNCTION("RegCreateKeyA", RegCreateKeyA),
    BUILTIN_FUNCTION("RegCreateKeyW", RegCreateKeyW),
    BUILTIN_FUNCTION("RegQueryValueExA", RegQueryValueExA),
    BUILTIN_FUNCTION("RegQueryValueExW", RegQueryValueExW),
    BUILTIN_FUNCTION("RegSetValueExA", RegSetValueExA),
    BUILTIN_FUNCTION("RegSetValueExW", RegSetValueExW),
    BUILTIN_FUNCTION("RegSetKeyValueA", RegSetKeyValueA),
    BUILTIN_FUNCTION("RegSetKeyValueW", RegSetKeyValueW),
    BUILTIN_FUNCTION("RegGetValueA", RegGetValueA),
    BUILTIN_FUNCTION("RegGetValueW", RegGetValueW),
    BUILTIN_FUNCTION("RegEnumKeyExA", RegEnumKeyExA),
    BUILTIN_FUNCTION("RegEnumKeyExW", RegEnumKeyExW),
    BUILTIN_FUNCTION("RegEnumKeyA", RegEnumKeyA),
    BUILTIN_FUNCTION("RegEnumKeyW", RegEnumKeyW),
    BUILTIN_FUNCTION("RegEnumValueA", RegEnumValueA),
    BUILTIN_FUNCTION("RegEnumValueW", RegEnumValueW),
    BUILTIN_FUNCTION("RegQueryInfoKeyA", RegQueryInfoKeyA),
    BUILTIN_FUNCTION("RegQueryInfoKeyW", RegQueryInfoKeyW),
    BUILTIN_FUNCTION("RegDeleteKeyA", RegDeleteKeyA),
    BUILTIN_FUNCTION("RegDeleteKeyW", RegDeleteKeyW),
    BUILTIN_FUNCTION("RegDeleteKeyExA", RegDeleteKeyExA),
    BUILTIN_FUNCTION("RegDeleteKeyExW", RegDeleteKeyExW),
    BUILTIN_FUNCTION("RegDeleteValueA", RegDeleteValueA),
    BUILTIN_FUNCTION("RegDeleteValueW", RegDeleteValueW),
    BUILTIN_FUNCTION("RegDeleteTreeA", RegDeleteTreeA),
    BUILTIN_FUNCTION("RegDeleteTreeW", RegDeleteTreeW),
    BUILTIN_FUNCTION("RegDeleteKeyValueA", RegDeleteKeyValueA),
    BUILTIN_FUNCTION("RegDeleteKeyValueW", RegDeleteKeyValueW),
    BUILTIN_FUNCTION("RegLoadMUIStringA", RegLoadMUIStringA),
    BUILTIN_FUNCTION("RegLoadMUIStringW", RegLoadMUIStringW),
    BUILTIN_FUNCTION("RegCloseKey", RegCloseKey),
    BUILTIN_FUNCTION("RegFlushKey", RegFlushKey),
    BUILTIN_FUNCTION("RegOpenCurrentUser", RegOpenCurrentUser),
    BUILTIN_FUNCTION("RegNotifyChangeKeyValue", RegNotifyChangeKeyValue),
    BUILTIN_FUNCTION("RegQueryValueA", RegQueryValueA),
    BUILTIN_FUNCTION("RegQueryValueW", RegQueryValueW),
    BUILTIN_FUNCTION("RegSetValueA", RegSetValueA),
    BUILTIN_FUNCTION("RegSetValueW", RegSetValueW),
    BUILTIN_FUNCTION("RegCopyTreeA", RegCopyTreeA),
    BUILTIN_FUNCTION("RegCopyTreeW", RegCopyTreeW),
    BUILTIN_FUNCTION("RegConnectRegistryA", RegConnectRegistryA),
    BUILTIN_FUNCTION("RegConnectRegistryW", RegConnectRegistryW),
    BUILTIN_FUNCTION("RegSaveKeyA", RegSaveKeyA),
    BUILTIN_FUNCTION("RegSaveKeyW", RegSaveKeyW),
    BUILTIN_FUNCTION("RegSaveKeyExA", RegSaveKeyExA),
    BUILTIN_FUNCTION("RegSaveKeyExW", RegSaveKeyExW),
    BUILTIN_FUNCTION("RegLoadKeyA", RegLoadKeyA),
    BUILTIN_FUNCTION("RegLoadKeyW", RegLoadKeyW),
    BUILTIN_FUNCTION("RegUnLoadKeyA", RegUnLoadKeyA),
    BUILTIN_FUNCTION("RegUnLoadKeyW", RegUnLoadKeyW),
    BUILTIN_FUNCTION("RegRestoreKeyA", RegRestoreKeyA),
    BUILTIN_FUNCTION("RegRestoreKeyW", RegRestoreKeyW),
    BUILTIN_FUNCTION("RegReplaceKeyA", RegReplaceKeyA),
    BUILTIN_FUNCTION("RegReplaceKeyW", RegReplaceKeyW),
};

static const struct builtin_dll advapi32 = {
    .name = "ADVAPI32.dll",
    .exports = advapi32_exports,
    .nexports = ARRAY_SIZE(advapi32_exports),
};
BUILTIN_DLL(advapi32);
