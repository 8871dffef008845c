/*
 * se: the security layer. Access tokens as kernel objects (NtOpenProcessToken, NtQueryInformationToken,
 * NtAdjustPrivilegesToken, NtDuplicateToken), the machine's identities (which SID a host user or group
 * has, the names of SIDs: what lsass answers on Windows) and NtQuerySecurityObject.
 *
 * Identities (docs/DESIGN.md "Identity and security"): the machine's account domain is
 * S-1-5-21-A-B-C, A-B-C three 32-bit numbers hashed from the host's machine-id (stable per host, the
 * machine-id itself not recoverable); the current host user (uid U) is S-1-5-21-A-B-C-(1000+U) in the
 * domain named after the computer; other host users and groups are S-1-22-1-uid and S-1-22-2-gid
 * ("Unix User\name", "Unix Group\name"), as Samba maps them. root is an elevated administrator.
 */
#ifndef SE_SE_H
#define SE_SE_H

#include "ob/ob.h"
#include "rtl/sid.h"

extern const OBJECT_TYPE *SeTokenObjectType;

/* Token access rights. */
#define TOKEN_ASSIGN_PRIMARY    0x0001
#define TOKEN_DUPLICATE         0x0002
#define TOKEN_IMPERSONATE       0x0004
#define TOKEN_QUERY             0x0008
#define TOKEN_QUERY_SOURCE      0x0010
#define TOKEN_ADJUST_PRIVILEGES 0x0020
#define TOKEN_ADJUST_GROUPS     0x0040
#define TOKEN_ADJUST_DEFAULT    0x0080
#define TOKEN_ADJUST_SESSIONID  0x0100
#define TOKEN_ALL_ACCESS        0x000F01FF

#define SE_PRIVILEGE_ENABLED_BY_DEFAULT 0x00000001
#define SE_PRIVILEGE_ENABLED            0x00000002
#define SE_PRIVILEGE_REMOVED            0x00000004
#define SE_PRIVILEGE_USED_FOR_ACCESS    0x80000000

#define SE_GROUP_MANDATORY          0x00000001
#define SE_GROUP_ENABLED_BY_DEFAULT 0x00000002
#define SE_GROUP_ENABLED            0x00000004
#define SE_GROUP_OWNER              0x00000008
#define SE_GROUP_USE_FOR_DENY_ONLY  0x00000010
#define SE_GROUP_INTEGRITY          0x00000020
#define SE_GROUP_INTEGRITY_ENABLED  0x00000040

enum token_type { TokenPrimary = 1, TokenImpersonation = 2 };
enum token_information_class {
    TokenUser = 1, TokenGroups, TokenPrivileges, TokenOwner, TokenPrimaryGroup, TokenDefaultDacl, TokenSource,
    TokenType, TokenImpersonationLevel, TokenStatistics, TokenRestrictedSids, TokenSessionId,
    TokenGroupsAndPrivileges, TokenSessionReference, TokenSandBoxInert, TokenAuditPolicy, TokenOrigin,
    TokenElevationType, TokenLinkedToken, TokenElevation, TokenHasRestrictions, TokenAccessInformation,
    TokenVirtualizationAllowed, TokenVirtualizationEnabled, TokenIntegrityLevel, TokenUIAccess,
    TokenMandatoryPolicy, TokenLogonSid, TokenIsAppContainer,
};

typedef struct _TOKEN_PRIVILEGES {
    ULONG PrivilegeCount;
    LUID_AND_ATTRIBUTES Privileges[1];
} TOKEN_PRIVILEGES, *PTOKEN_PRIVILEGES;

/* SID_NAME_USE */
enum sid_name_use {
    SidTypeUser = 1, SidTypeGroup, SidTypeDomain, SidTypeAlias, SidTypeWellKnownGroup, SidTypeDeletedAccount,
    SidTypeInvalid, SidTypeUnknown, SidTypeComputer, SidTypeLabel,
};

/* The SID of host user uid (see above), into sid (SECURITY_MAX_SID_SIZE bytes). */
void SeUidToSid(ULONG uid, PSID sid);
void SeGidToSid(ULONG gid, PSID sid);
/* The machine's account domain SID S-1-5-21-A-B-C. */
void SeDomainSid(PSID sid);
/* The computer's NetBIOS name (upper case, at most 15 characters), NUL-terminated. */
void SeComputerName(WCHAR name[16]);

/* The host's name as the host has it (the DNS host name, maybe fully qualified), NUL-terminated. */
void SeHostName(char *name, size_t size);

/* What lsass's LsaLookupSids answers for one SID: its account name and domain (NUL-terminated, truncated
 * to the sizes given) and use. STATUS_NONE_MAPPED for a SID no account has. */
NTSTATUS SeLookupSid(PSID sid, WCHAR *name, ULONG name_units, WCHAR *domain, ULONG domain_units, ULONG *use);
/* LsaLookupNames for "name" or "domain\name" (case-insensitive): its SID (SECURITY_MAX_SID_SIZE bytes),
 * domain and use; STATUS_NONE_MAPPED when unknown. */
NTSTATUS SeLookupName(const WCHAR *name, PSID sid, WCHAR *domain, ULONG domain_units, ULONG *use);
/* The display name of host user uid (the first GECOS field), empty when it has none; STATUS_NONE_MAPPED
 * for a uid the passwd database lacks. */
NTSTATUS SeQueryDisplayName(ULONG uid, WCHAR *name, ULONG units);
/* CheckTokenMembership's test: whether the token (NULL: the caller's effective token, else an
 * impersonation token opened with TOKEN_QUERY) has sid as its user or an enabled group. */
NTSTATUS SeCheckTokenMembership(HANDLE token, PSID sid, BOOLEAN *member);
/* The uid of the current process's token. */
ULONG SeCurrentUid(void);

NTSTATUS WINAPI NtOpenProcessToken(HANDLE process, ACCESS_MASK access, PHANDLE token);
NTSTATUS WINAPI NtOpenProcessTokenEx(HANDLE process, ACCESS_MASK access, ULONG attributes, PHANDLE token);
NTSTATUS WINAPI NtOpenThreadToken(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, PHANDLE token);
NTSTATUS WINAPI NtOpenThreadTokenEx(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, ULONG attributes,
                                    PHANDLE token);
NTSTATUS WINAPI NtQueryInformationToken(HANDLE token, ULONG info_class, PVOID info, ULONG length,
                                        PULONG returned);
NTSTATUS WINAPI NtAdjustPrivilegesToken(HANDLE token, BOOLEAN disable_all, PTOKEN_PRIVILEGES new_state,
                                        ULONG length, PTOKEN_PRIVILEGES previous, PULONG returned);
NTSTATUS WINAPI NtDuplicateToken(HANDLE token, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                 BOOLEAN effective_only, ULONG type, PHANDLE new_token);
NTSTATUS WINAPI NtQuerySecurityObject(HANDLE handle, ULONG info, PSECURITY_DESCRIPTOR sd, ULONG length,
                                      PULONG needed);
NTSTATUS WINAPI NtSetSecurityObject(HANDLE handle, ULONG info, PSECURITY_DESCRIPTOR sd);
NTSTATUS WINAPI NtAllocateLocallyUniqueId(PLUID luid);

#endif
