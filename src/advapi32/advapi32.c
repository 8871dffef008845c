/*
 * advapi32.dll: its export table, and SystemFunction036 (RtlGenRandom), which Go's runtime, Rust's std and
 * the MSVC CRT's rand_s use for random bytes (on Windows the kernel's generator through cryptbase and
 * \Device\KsecDD; here the kernel's KeQueryRandom, the host's getrandom). Tokens, SIDs, accounts,
 * security descriptors and the event log are in security.c; the registry's Reg* functions in registry.c.
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

/* security.c: only the addresses matter here. */
#define DECLARE(name) extern void WINAPI name##_export(void) __asm__(#name);
DECLARE(OpenProcessToken)
DECLARE(OpenThreadToken)
DECLARE(GetTokenInformation)
DECLARE(AdjustTokenPrivileges)
DECLARE(DuplicateToken)
DECLARE(DuplicateTokenEx)
DECLARE(CheckTokenMembership)
DECLARE(AllocateAndInitializeSid)
DECLARE(FreeSid)
DECLARE(EqualSid)
DECLARE(EqualPrefixSid)
DECLARE(GetLengthSid)
DECLARE(GetSidLengthRequired)
DECLARE(IsValidSid)
DECLARE(CopySid)
DECLARE(InitializeSid)
DECLARE(GetSidSubAuthority)
DECLARE(GetSidSubAuthorityCount)
DECLARE(GetSidIdentifierAuthority)
DECLARE(ConvertSidToStringSidA)
DECLARE(ConvertSidToStringSidW)
DECLARE(ConvertStringSidToSidA)
DECLARE(ConvertStringSidToSidW)
DECLARE(CreateWellKnownSid)
DECLARE(IsWellKnownSid)
DECLARE(LookupAccountSidA)
DECLARE(LookupAccountSidW)
DECLARE(LookupAccountNameA)
DECLARE(LookupAccountNameW)
DECLARE(GetUserNameA)
DECLARE(GetUserNameW)
DECLARE(LookupPrivilegeValueA)
DECLARE(LookupPrivilegeValueW)
DECLARE(LookupPrivilegeNameA)
DECLARE(LookupPrivilegeNameW)
DECLARE(InitializeSecurityDescriptor)
DECLARE(IsValidSecurityDescriptor)
DECLARE(GetSecurityDescriptorLength)
DECLARE(GetSecurityDescriptorControl)
DECLARE(GetSecurityDescriptorOwner)
DECLARE(SetSecurityDescriptorOwner)
DECLARE(GetSecurityDescriptorGroup)
DECLARE(SetSecurityDescriptorGroup)
DECLARE(GetSecurityDescriptorDacl)
DECLARE(SetSecurityDescriptorDacl)
DECLARE(InitializeAcl)
DECLARE(IsValidAcl)
DECLARE(AddAccessAllowedAce)
DECLARE(AddAccessDeniedAce)
DECLARE(GetAce)
DECLARE(GetFileSecurityA)
DECLARE(GetFileSecurityW)
DECLARE(GetNamedSecurityInfoW)
DECLARE(RegisterEventSourceA)
DECLARE(RegisterEventSourceW)
DECLARE(DeregisterEventSource)
DECLARE(ReportEventA)
DECLARE(ReportEventW)
DECLARE(GetKernelObjectSecurity)
DECLARE(GetSecurityInfo)
DECLARE(GetNamedSecurityInfoA)
DECLARE(ConvertSecurityDescriptorToStringSecurityDescriptorW)
DECLARE(ConvertSecurityDescriptorToStringSecurityDescriptorA)
DECLARE(ConvertStringSecurityDescriptorToSecurityDescriptorW)
DECLARE(ConvertStringSecurityDescriptorToSecurityDescriptorA)
DECLARE(SetFileSecurityW)
DECLARE(SetFileSecurityA)
DECLARE(SetKernelObjectSecurity)
DECLARE(SetSecurityDescriptorSacl)

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
    BUILTIN_FUNCTION("OpenProcessToken", OpenProcessToken_export),
    BUILTIN_FUNCTION("OpenThreadToken", OpenThreadToken_export),
    BUILTIN_FUNCTION("GetTokenInformation", GetTokenInformation_export),
    BUILTIN_FUNCTION("AdjustTokenPrivileges", AdjustTokenPrivileges_export),
    BUILTIN_FUNCTION("DuplicateToken", DuplicateToken_export),
    BUILTIN_FUNCTION("DuplicateTokenEx", DuplicateTokenEx_export),
    BUILTIN_FUNCTION("CheckTokenMembership", CheckTokenMembership_export),
    BUILTIN_FUNCTION("AllocateAndInitializeSid", AllocateAndInitializeSid_export),
    BUILTIN_FUNCTION("FreeSid", FreeSid_export),
    BUILTIN_FUNCTION("EqualSid", EqualSid_export),
    BUILTIN_FUNCTION("EqualPrefixSid", EqualPrefixSid_export),
    BUILTIN_FUNCTION("GetLengthSid", GetLengthSid_export),
    BUILTIN_FUNCTION("GetSidLengthRequired", GetSidLengthRequired_export),
    BUILTIN_FUNCTION("IsValidSid", IsValidSid_export),
    BUILTIN_FUNCTION("CopySid", CopySid_export),
    BUILTIN_FUNCTION("InitializeSid", InitializeSid_export),
    BUILTIN_FUNCTION("GetSidSubAuthority", GetSidSubAuthority_export),
    BUILTIN_FUNCTION("GetSidSubAuthorityCount", GetSidSubAuthorityCount_export),
    BUILTIN_FUNCTION("GetSidIdentifierAuthority", GetSidIdentifierAuthority_export),
    BUILTIN_FUNCTION("ConvertSidToStringSidA", ConvertSidToStringSidA_export),
    BUILTIN_FUNCTION("ConvertSidToStringSidW", ConvertSidToStringSidW_export),
    BUILTIN_FUNCTION("ConvertStringSidToSidA", ConvertStringSidToSidA_export),
    BUILTIN_FUNCTION("ConvertStringSidToSidW", ConvertStringSidToSidW_export),
    BUILTIN_FUNCTION("CreateWellKnownSid", CreateWellKnownSid_export),
    BUILTIN_FUNCTION("IsWellKnownSid", IsWellKnownSid_export),
    BUILTIN_FUNCTION("LookupAccountSidA", LookupAccountSidA_export),
    BUILTIN_FUNCTION("LookupAccountSidW", LookupAccountSidW_export),
    BUILTIN_FUNCTION("LookupAccountNameA", LookupAccountNameA_export),
    BUILTIN_FUNCTION("LookupAccountNameW", LookupAccountNameW_export),
    BUILTIN_FUNCTION("GetUserNameA", GetUserNameA_export),
    BUILTIN_FUNCTION("GetUserNameW", GetUserNameW_export),
    BUILTIN_FUNCTION("LookupPrivilegeValueA", LookupPrivilegeValueA_export),
    BUILTIN_FUNCTION("LookupPrivilegeValueW", LookupPrivilegeValueW_export),
    BUILTIN_FUNCTION("LookupPrivilegeNameA", LookupPrivilegeNameA_export),
    BUILTIN_FUNCTION("LookupPrivilegeNameW", LookupPrivilegeNameW_export),
    BUILTIN_FUNCTION("InitializeSecurityDescriptor", InitializeSecurityDescriptor_export),
    BUILTIN_FUNCTION("IsValidSecurityDescriptor", IsValidSecurityDescriptor_export),
    BUILTIN_FUNCTION("GetSecurityDescriptorLength", GetSecurityDescriptorLength_export),
    BUILTIN_FUNCTION("GetSecurityDescriptorControl", GetSecurityDescriptorControl_export),
    BUILTIN_FUNCTION("GetSecurityDescriptorOwner", GetSecurityDescriptorOwner_export),
    BUILTIN_FUNCTION("SetSecurityDescriptorOwner", SetSecurityDescriptorOwner_export),
    BUILTIN_FUNCTION("GetSecurityDescriptorGroup", GetSecurityDescriptorGroup_export),
    BUILTIN_FUNCTION("SetSecurityDescriptorGroup", SetSecurityDescriptorGroup_export),
    BUILTIN_FUNCTION("GetSecurityDescriptorDacl", GetSecurityDescriptorDacl_export),
    BUILTIN_FUNCTION("SetSecurityDescriptorDacl", SetSecurityDescriptorDacl_export),
    BUILTIN_FUNCTION("InitializeAcl", InitializeAcl_export),
    BUILTIN_FUNCTION("IsValidAcl", IsValidAcl_export),
    BUILTIN_FUNCTION("AddAccessAllowedAce", AddAccessAllowedAce_export),
    BUILTIN_FUNCTION("AddAccessDeniedAce", AddAccessDeniedAce_export),
    BUILTIN_FUNCTION("GetAce", GetAce_export),
    BUILTIN_FUNCTION("GetFileSecurityA", GetFileSecurityA_export),
    BUILTIN_FUNCTION("GetFileSecurityW", GetFileSecurityW_export),
    BUILTIN_FUNCTION("GetNamedSecurityInfoW", GetNamedSecurityInfoW_export),
    BUILTIN_FUNCTION("RegisterEventSourceA", RegisterEventSourceA_export),
    BUILTIN_FUNCTION("RegisterEventSourceW", RegisterEventSourceW_export),
    BUILTIN_FUNCTION("DeregisterEventSource", DeregisterEventSource_export),
    BUILTIN_FUNCTION("ReportEventA", ReportEventA_export),
    BUILTIN_FUNCTION("ReportEventW", ReportEventW_export),
    BUILTIN_FUNCTION("GetKernelObjectSecurity", GetKernelObjectSecurity_export),
    BUILTIN_FUNCTION("GetSecurityInfo", GetSecurityInfo_export),
    BUILTIN_FUNCTION("GetNamedSecurityInfoA", GetNamedSecurityInfoA_export),
    BUILTIN_FUNCTION("ConvertSecurityDescriptorToStringSecurityDescriptorW", ConvertSecurityDescriptorToStringSecurityDescriptorW_export),
    BUILTIN_FUNCTION("ConvertSecurityDescriptorToStringSecurityDescriptorA", ConvertSecurityDescriptorToStringSecurityDescriptorA_export),
    BUILTIN_FUNCTION("ConvertStringSecurityDescriptorToSecurityDescriptorW", ConvertStringSecurityDescriptorToSecurityDescriptorW_export),
    BUILTIN_FUNCTION("ConvertStringSecurityDescriptorToSecurityDescriptorA", ConvertStringSecurityDescriptorToSecurityDescriptorA_export),
    /* the registry (registry.c) */
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
    BUILTIN_FUNCTION("SetFileSecurityW", SetFileSecurityW_export),
    BUILTIN_FUNCTION("SetFileSecurityA", SetFileSecurityA_export),
    BUILTIN_FUNCTION("SetKernelObjectSecurity", SetKernelObjectSecurity_export),
    BUILTIN_FUNCTION("SetSecurityDescriptorSacl", SetSecurityDescriptorSacl_export),
};

static const struct builtin_dll advapi32 = {
    .name = "ADVAPI32.dll",
    .exports = advapi32_exports,
    .nexports = ARRAY_SIZE(advapi32_exports),
};
BUILTIN_DLL(advapi32);
