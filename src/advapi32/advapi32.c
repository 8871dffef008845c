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
};

static const struct builtin_dll advapi32 = {
    .name = "ADVAPI32.dll",
    .exports = advapi32_exports,
    .nexports = ARRAY_SIZE(advapi32_exports),
};
BUILTIN_DLL(advapi32);
