/*
 * Security identifiers, ACLs and security descriptors: the layouts (winnt.h) and the pure Rtl functions
 * over them (src/rtl/sid.c: no allocation, no kernel). The allocating ones (RtlAllocateAndInitializeSid,
 * RtlFreeSid, RtlConvertSidToUnicodeString with allocate) are in src/ntdll/security.c, on the process heap.
 */
#ifndef RTL_SID_H
#define RTL_SID_H

#include "nt/ntdef.h"
#include "nt/ntstatus.h"

typedef struct _LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID, *PLUID;

typedef struct _SID_IDENTIFIER_AUTHORITY {
    BYTE Value[6];
} SID_IDENTIFIER_AUTHORITY, *PSID_IDENTIFIER_AUTHORITY;

typedef struct _SID {
    BYTE Revision;
    BYTE SubAuthorityCount;
    SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
    ULONG SubAuthority[1];
} SID;
typedef PVOID PSID;

#define SID_REVISION            1
#define SID_MAX_SUB_AUTHORITIES 15
#define SECURITY_MAX_SID_SIZE   68
/* The size of a SID with n sub-authorities. */
#define RTL_SID_LENGTH(n) (8u + 4u * (ULONG)(n))

typedef struct _SID_AND_ATTRIBUTES {
    PSID Sid;
    ULONG Attributes;
} SID_AND_ATTRIBUTES, *PSID_AND_ATTRIBUTES;

typedef struct _LUID_AND_ATTRIBUTES {
    LUID Luid;
    ULONG Attributes;
} LUID_AND_ATTRIBUTES, *PLUID_AND_ATTRIBUTES;

typedef struct _ACL {
    BYTE AclRevision;
    BYTE Sbz1;
    WORD AclSize;
    WORD AceCount;
    WORD Sbz2;
} ACL, *PACL;

typedef struct _ACE_HEADER {
    BYTE AceType;
    BYTE AceFlags;
    WORD AceSize;
} ACE_HEADER;

typedef struct _ACCESS_ALLOWED_ACE {
    ACE_HEADER Header;
    ACCESS_MASK Mask;
    ULONG SidStart;
} ACCESS_ALLOWED_ACE;

#define ACL_REVISION              2
#define ACCESS_ALLOWED_ACE_TYPE   0
#define ACCESS_DENIED_ACE_TYPE    1

typedef WORD SECURITY_DESCRIPTOR_CONTROL;
#define SE_OWNER_DEFAULTED 0x0001
#define SE_GROUP_DEFAULTED 0x0002
#define SE_DACL_PRESENT    0x0004
#define SE_DACL_DEFAULTED  0x0008
#define SE_SACL_PRESENT    0x0010
#define SE_SACL_DEFAULTED  0x0020
#define SE_DACL_PROTECTED  0x1000
#define SE_SELF_RELATIVE   0x8000

#define SECURITY_DESCRIPTOR_REVISION   1
#define SECURITY_DESCRIPTOR_MIN_LENGTH 40

/* The absolute form (pointers). */
typedef struct _SECURITY_DESCRIPTOR {
    BYTE Revision;
    BYTE Sbz1;
    SECURITY_DESCRIPTOR_CONTROL Control;
    PSID Owner;
    PSID Group;
    PACL Sacl;
    PACL Dacl;
} SECURITY_DESCRIPTOR;
static_assert(sizeof(SECURITY_DESCRIPTOR) == 40, "SECURITY_DESCRIPTOR");

/* The self-relative form (offsets from its start, 0 = absent). */
typedef struct _SECURITY_DESCRIPTOR_RELATIVE {
    BYTE Revision;
    BYTE Sbz1;
    SECURITY_DESCRIPTOR_CONTROL Control;
    ULONG Owner;
    ULONG Group;
    ULONG Sacl;
    ULONG Dacl;
} SECURITY_DESCRIPTOR_RELATIVE;
static_assert(sizeof(SECURITY_DESCRIPTOR_RELATIVE) == 20, "SECURITY_DESCRIPTOR_RELATIVE");
typedef PVOID PSECURITY_DESCRIPTOR;

/* SECURITY_INFORMATION bits. */
#define OWNER_SECURITY_INFORMATION 0x00000001
#define GROUP_SECURITY_INFORMATION 0x00000002
#define DACL_SECURITY_INFORMATION  0x00000004
#define SACL_SECURITY_INFORMATION  0x00000008
#define LABEL_SECURITY_INFORMATION 0x00000010

BOOLEAN WINAPI RtlValidSid(PSID sid);
ULONG WINAPI RtlLengthSid(PSID sid);
ULONG WINAPI RtlLengthRequiredSid(ULONG count);
BOOLEAN WINAPI RtlEqualSid(PSID a, PSID b);
BOOLEAN WINAPI RtlEqualPrefixSid(PSID a, PSID b);
NTSTATUS WINAPI RtlCopySid(ULONG length, PSID dst, PSID src);
NTSTATUS WINAPI RtlInitializeSid(PSID sid, PSID_IDENTIFIER_AUTHORITY authority, BYTE count);
PULONG WINAPI RtlSubAuthoritySid(PSID sid, ULONG index);
BYTE *WINAPI RtlSubAuthorityCountSid(PSID sid);
PSID_IDENTIFIER_AUTHORITY WINAPI RtlIdentifierAuthoritySid(PSID sid);
/* "S-1-5-21-..." into buf (units WCHARs with the NUL); returns the length without the NUL, or 0 when the
 * SID is invalid. At most 11 + 15 * 11 characters. */
ULONG RtlpSidToString(PSID sid, WCHAR *buf, ULONG units);
/* Parses "S-1-..." (or a two-letter SDDL alias such as "BA", "WD") into sid (size bytes);
 * STATUS_INVALID_SID for malformed text, STATUS_BUFFER_TOO_SMALL otherwise. */
NTSTATUS RtlpStringToSid(const WCHAR *text, PSID sid, ULONG size);

NTSTATUS WINAPI RtlCreateSecurityDescriptor(PSECURITY_DESCRIPTOR sd, ULONG revision);
BOOLEAN WINAPI RtlValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd);
ULONG WINAPI RtlLengthSecurityDescriptor(PSECURITY_DESCRIPTOR sd);
NTSTATUS WINAPI RtlGetControlSecurityDescriptor(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL *control,
                                               ULONG *revision);
NTSTATUS WINAPI RtlGetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID *owner, BOOLEAN *defaulted);
NTSTATUS WINAPI RtlSetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID owner, BOOLEAN defaulted);
NTSTATUS WINAPI RtlGetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID *group, BOOLEAN *defaulted);
NTSTATUS WINAPI RtlSetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID group, BOOLEAN defaulted);
NTSTATUS WINAPI RtlGetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN *present, PACL *dacl,
                                            BOOLEAN *defaulted);
NTSTATUS WINAPI RtlSetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN present, PACL dacl,
                                            BOOLEAN defaulted);
NTSTATUS WINAPI RtlSetSaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN present, PACL sacl,
                                            BOOLEAN defaulted);
NTSTATUS WINAPI RtlCreateAcl(PACL acl, ULONG length, ULONG revision);
BOOLEAN WINAPI RtlValidAcl(PACL acl);
NTSTATUS WINAPI RtlAddAccessAllowedAce(PACL acl, ULONG revision, ACCESS_MASK mask, PSID sid);
NTSTATUS WINAPI RtlAddAccessDeniedAce(PACL acl, ULONG revision, ACCESS_MASK mask, PSID sid);
NTSTATUS WINAPI RtlGetAce(PACL acl, ULONG index, PVOID *ace);

#endif
