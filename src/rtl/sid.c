/*
 * SIDs, ACLs and security descriptors (see rtl/sid.h): pure functions over caller-owned memory, the same
 * in the kernel's security layer (src/se) and in ntdll's exports.
 */
#include <stdbool.h>
#include <string.h>

#include "rtl/sid.h"

static SID *sid_of(PSID p) { return (SID *)p; }

BOOLEAN WINAPI RtlValidSid(PSID p)
{
    SID *sid = sid_of(p);
    return sid && sid->Revision == SID_REVISION && sid->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES;
}

ULONG WINAPI RtlLengthRequiredSid(ULONG count)
{
    return RTL_SID_LENGTH(count);
}

ULONG WINAPI RtlLengthSid(PSID p)
{
    return RTL_SID_LENGTH(sid_of(p)->SubAuthorityCount);
}

BOOLEAN WINAPI RtlEqualSid(PSID a, PSID b)
{
    if (!RtlValidSid(a) || !RtlValidSid(b))
        return FALSE;
    ULONG len = RtlLengthSid(a);
    return len == RtlLengthSid(b) && memcmp(a, b, len) == 0;
}

/* Equal but for the last sub-authority (a domain and an account in it). */
BOOLEAN WINAPI RtlEqualPrefixSid(PSID a, PSID b)
{
    if (!RtlValidSid(a) || !RtlValidSid(b))
        return FALSE;
    SID *x = sid_of(a), *y = sid_of(b);
    if (x->SubAuthorityCount != y->SubAuthorityCount)
        return FALSE;
    if (!x->SubAuthorityCount)
        return TRUE;
    return memcmp(a, b, RTL_SID_LENGTH(x->SubAuthorityCount - 1)) == 0;
}

NTSTATUS WINAPI RtlCopySid(ULONG length, PSID dst, PSID src)
{
    if (!RtlValidSid(src))
        return STATUS_INVALID_SID;
    ULONG need = RtlLengthSid(src);
    if (length < need)
        return STATUS_BUFFER_TOO_SMALL;
    memmove(dst, src, need);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlInitializeSid(PSID p, PSID_IDENTIFIER_AUTHORITY authority, BYTE count)
{
    if (count > SID_MAX_SUB_AUTHORITIES)
        return STATUS_INVALID_PARAMETER;
    SID *sid = sid_of(p);
    sid->Revision = SID_REVISION;
    sid->SubAuthorityCount = count;
    sid->IdentifierAuthority = *authority;
    return STATUS_SUCCESS;
}

/* As on Windows, no check of index against the count: the caller's contract. */
PULONG WINAPI RtlSubAuthoritySid(PSID p, ULONG index)
{
    return &sid_of(p)->SubAuthority[index];
}

BYTE *WINAPI RtlSubAuthorityCountSid(PSID p)
{
    return &sid_of(p)->SubAuthorityCount;
}

PSID_IDENTIFIER_AUTHORITY WINAPI RtlIdentifierAuthoritySid(PSID p)
{
    return &sid_of(p)->IdentifierAuthority;
}

static ULONG put_number(WCHAR *out, ULONGLONG v, bool hex)
{
    char tmp[24];
    ULONG n = 0;
    do {
        unsigned d = (unsigned)(hex ? v % 16 : v % 10);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
        v = hex ? v / 16 : v / 10;
    } while (v || (hex && n < 12));
    for (ULONG i = 0; i < n; i++)
        out[i] = (WCHAR)tmp[n - 1 - i];
    return n;
}

ULONG RtlpSidToString(PSID p, WCHAR *buf, ULONG units)
{
    if (!RtlValidSid(p))
        return 0;
    SID *sid = sid_of(p);
    WCHAR tmp[16 + 15 * 11];
    ULONG n = 0;
    tmp[n++] = 'S', tmp[n++] = '-';
    n += put_number(tmp + n, sid->Revision, false);
    tmp[n++] = '-';
    ULONGLONG auth = 0;
    for (int i = 0; i < 6; i++)
        auth = auth << 8 | sid->IdentifierAuthority.Value[i];
    /* Authorities beyond 32 bits are written in hexadecimal, as ConvertSidToStringSid does. */
    if (auth >> 32) {
        tmp[n++] = '0', tmp[n++] = 'x';
        n += put_number(tmp + n, auth, true);
    } else {
        n += put_number(tmp + n, auth, false);
    }
    for (ULONG i = 0; i < sid->SubAuthorityCount; i++) {
        tmp[n++] = '-';
        n += put_number(tmp + n, sid->SubAuthority[i], false);
    }
    if (n + 1 > units)
        return n;
    memcpy(buf, tmp, n * sizeof(WCHAR));
    buf[n] = 0;
    return n;
}

/* The SDDL aliases of well-known SIDs that need no domain (Microsoft's "SID strings" table). */
static const struct {
    char alias[3];
    BYTE authority;
    BYTE count;
    ULONG sub[2];
} sddl_aliases[] = {
    {"WD", 1, 1, {0}},        {"CO", 3, 1, {0}},        {"CG", 3, 1, {1}},        {"NU", 5, 1, {2}},
    {"IU", 5, 1, {4}},        {"SU", 5, 1, {6}},        {"AN", 5, 1, {7}},        {"ED", 5, 1, {9}},
    {"PS", 5, 1, {10}},       {"AU", 5, 1, {11}},       {"RC", 5, 1, {12}},       {"SY", 5, 1, {18}},
    {"LS", 5, 1, {19}},       {"NS", 5, 1, {20}},       {"BA", 5, 2, {32, 544}},  {"BU", 5, 2, {32, 545}},
    {"BG", 5, 2, {32, 546}},  {"PU", 5, 2, {32, 547}},  {"AO", 5, 2, {32, 548}},  {"SO", 5, 2, {32, 549}},
    {"PO", 5, 2, {32, 550}},  {"BO", 5, 2, {32, 551}},  {"RE", 5, 2, {32, 552}},  {"RU", 5, 2, {32, 554}},
    {"RD", 5, 2, {32, 555}},  {"NO", 5, 2, {32, 556}},  {"LW", 16, 1, {4096}},    {"ME", 16, 1, {8192}},
    {"HI", 16, 1, {12288}},   {"SI", 16, 1, {16384}},
};

static bool parse_number(const WCHAR **pp, ULONGLONG max, ULONGLONG *out)
{
    const WCHAR *p = *pp;
    ULONGLONG v = 0;
    bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
    if (hex)
        p += 2;
    const WCHAR *start = p;
    for (;; p++) {
        unsigned d;
        if (*p >= '0' && *p <= '9')
            d = *p - '0';
        else if (hex && *p >= 'a' && *p <= 'f')
            d = *p - 'a' + 10;
        else if (hex && *p >= 'A' && *p <= 'F')
            d = *p - 'A' + 10;
        else
            break;
        v = v * (hex ? 16 : 10) + d;
        if (v > max)
            return false;
    }
    if (p == start)
        return false;
    *pp = p;
    *out = v;
    return true;
}

NTSTATUS RtlpStringToSid(const WCHAR *text, PSID p, ULONG size)
{
    SID_IDENTIFIER_AUTHORITY auth = {{0}};
    ULONG sub[SID_MAX_SUB_AUTHORITIES];
    ULONG count = 0;
    if (text[0] && text[1] && !text[2]) {
        for (size_t i = 0; i < sizeof sddl_aliases / sizeof sddl_aliases[0]; i++) {
            if (text[0] != (WCHAR)sddl_aliases[i].alias[0] || text[1] != (WCHAR)sddl_aliases[i].alias[1])
                continue;
            auth.Value[5] = sddl_aliases[i].authority;
            count = sddl_aliases[i].count;
            memcpy(sub, sddl_aliases[i].sub, count * sizeof(ULONG));
            goto build;
        }
        return STATUS_INVALID_SID;
    }
    if ((text[0] != 'S' && text[0] != 's') || text[1] != '-' || text[2] != '1' || text[3] != '-')
        return STATUS_INVALID_SID;
    const WCHAR *q = text + 4;
    ULONGLONG v;
    if (!parse_number(&q, 0xFFFFFFFFFFFFull, &v))
        return STATUS_INVALID_SID;
    for (int i = 5; i >= 0; i--, v >>= 8)
        auth.Value[i] = (BYTE)v;
    while (*q == '-') {
        q++;
        if (count == SID_MAX_SUB_AUTHORITIES || !parse_number(&q, 0xFFFFFFFFull, &v))
            return STATUS_INVALID_SID;
        sub[count++] = (ULONG)v;
    }
    if (*q)
        return STATUS_INVALID_SID;
build:
    if (size < RTL_SID_LENGTH(count))
        return STATUS_BUFFER_TOO_SMALL;
    RtlInitializeSid(p, &auth, (BYTE)count);
    memcpy(sid_of(p)->SubAuthority, sub, count * sizeof(ULONG));
    return STATUS_SUCCESS;
}

/* ---- security descriptors ------------------------------------------------------------------------ */

NTSTATUS WINAPI RtlCreateSecurityDescriptor(PSECURITY_DESCRIPTOR p, ULONG revision)
{
    if (revision != SECURITY_DESCRIPTOR_REVISION)
        return STATUS_UNKNOWN_REVISION;
    memset(p, 0, sizeof(SECURITY_DESCRIPTOR));
    ((SECURITY_DESCRIPTOR *)p)->Revision = SECURITY_DESCRIPTOR_REVISION;
    return STATUS_SUCCESS;
}

/* A component of either form: the pointer of an absolute descriptor, the offset of a self-relative one. */
static void *component(PSECURITY_DESCRIPTOR p, int which)
{
    SECURITY_DESCRIPTOR *sd = p;
    if (sd->Control & SE_SELF_RELATIVE) {
        SECURITY_DESCRIPTOR_RELATIVE *r = p;
        ULONG off = which == 0 ? r->Owner : which == 1 ? r->Group : which == 2 ? r->Sacl : r->Dacl;
        return off ? (BYTE *)p + off : NULL;
    }
    return which == 0 ? sd->Owner : which == 1 ? sd->Group : which == 2 ? (void *)sd->Sacl : (void *)sd->Dacl;
}

BOOLEAN WINAPI RtlValidSecurityDescriptor(PSECURITY_DESCRIPTOR p)
{
    SECURITY_DESCRIPTOR *sd = p;
    if (!sd || sd->Revision != SECURITY_DESCRIPTOR_REVISION)
        return FALSE;
    for (int i = 0; i < 2; i++) {
        PSID sid = component(p, i);
        if (sid && !RtlValidSid(sid))
            return FALSE;
    }
    if ((sd->Control & SE_DACL_PRESENT) && component(p, 3) && !RtlValidAcl(component(p, 3)))
        return FALSE;
    return TRUE;
}

ULONG WINAPI RtlLengthSecurityDescriptor(PSECURITY_DESCRIPTOR p)
{
    SECURITY_DESCRIPTOR *sd = p;
    ULONG len = (sd->Control & SE_SELF_RELATIVE) ? sizeof(SECURITY_DESCRIPTOR_RELATIVE) : sizeof(SECURITY_DESCRIPTOR);
    for (int i = 0; i < 2; i++)
        if (component(p, i))
            len += RtlLengthSid(component(p, i));
    for (int i = 2; i < 4; i++)
        if (component(p, i))
            len += ((ACL *)component(p, i))->AclSize;
    return len;
}

NTSTATUS WINAPI RtlGetControlSecurityDescriptor(PSECURITY_DESCRIPTOR p, SECURITY_DESCRIPTOR_CONTROL *control,
                                               ULONG *revision)
{
    SECURITY_DESCRIPTOR *sd = p;
    *revision = sd->Revision;
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION)
        return STATUS_UNKNOWN_REVISION;
    *control = sd->Control;
    return STATUS_SUCCESS;
}

static NTSTATUS get_sid(PSECURITY_DESCRIPTOR p, int which, WORD defaulted_bit, PSID *sid, BOOLEAN *defaulted)
{
    SECURITY_DESCRIPTOR *sd = p;
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION)
        return STATUS_UNKNOWN_REVISION;
    *sid = component(p, which);
    *defaulted = (sd->Control & defaulted_bit) != 0;
    return STATUS_SUCCESS;
}

static NTSTATUS set_sid(PSECURITY_DESCRIPTOR p, int which, WORD defaulted_bit, PSID sid, BOOLEAN defaulted)
{
    SECURITY_DESCRIPTOR *sd = p;
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION)
        return STATUS_UNKNOWN_REVISION;
    if (sd->Control & SE_SELF_RELATIVE)
        return STATUS_INVALID_SECURITY_DESCR;
    if (which == 0)
        sd->Owner = sid;
    else
        sd->Group = sid;
    sd->Control = (WORD)((sd->Control & ~defaulted_bit) | (defaulted ? defaulted_bit : 0));
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlGetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR p, PSID *owner, BOOLEAN *defaulted)
{
    return get_sid(p, 0, SE_OWNER_DEFAULTED, owner, defaulted);
}

NTSTATUS WINAPI RtlSetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR p, PSID owner, BOOLEAN defaulted)
{
    return set_sid(p, 0, SE_OWNER_DEFAULTED, owner, defaulted);
}

NTSTATUS WINAPI RtlGetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR p, PSID *group, BOOLEAN *defaulted)
{
    return get_sid(p, 1, SE_GROUP_DEFAULTED, group, defaulted);
}

NTSTATUS WINAPI RtlSetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR p, PSID group, BOOLEAN defaulted)
{
    return set_sid(p, 1, SE_GROUP_DEFAULTED, group, defaulted);
}

NTSTATUS WINAPI RtlGetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR p, BOOLEAN *present, PACL *dacl,
                                            BOOLEAN *defaulted)
{
    SECURITY_DESCRIPTOR *sd = p;
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION)
        return STATUS_UNKNOWN_REVISION;
    *present = (sd->Control & SE_DACL_PRESENT) != 0;
    if (*present) {
        *dacl = component(p, 3);
        *defaulted = (sd->Control & SE_DACL_DEFAULTED) != 0;
    }
    return STATUS_SUCCESS;
}

/* The DACL or SACL of an absolute descriptor: its slot, its PRESENT and DEFAULTED control bits. */
static NTSTATUS set_acl(SECURITY_DESCRIPTOR *sd, PACL *slot, WORD present_bit, WORD defaulted_bit, BOOLEAN present,
                        PACL acl, BOOLEAN defaulted)
{
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION)
        return STATUS_UNKNOWN_REVISION;
    if (sd->Control & SE_SELF_RELATIVE)
        return STATUS_INVALID_SECURITY_DESCR;
    if (!present) {
        sd->Control &= (WORD)~present_bit;
        return STATUS_SUCCESS;
    }
    *slot = acl;
    sd->Control = (WORD)((sd->Control & ~defaulted_bit) | present_bit | (defaulted ? defaulted_bit : 0));
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlSetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR p, BOOLEAN present, PACL dacl,
                                            BOOLEAN defaulted)
{
    SECURITY_DESCRIPTOR *sd = p;
    return set_acl(sd, &sd->Dacl, SE_DACL_PRESENT, SE_DACL_DEFAULTED, present, dacl, defaulted);
}

NTSTATUS WINAPI RtlSetSaclSecurityDescriptor(PSECURITY_DESCRIPTOR p, BOOLEAN present, PACL sacl,
                                            BOOLEAN defaulted)
{
    SECURITY_DESCRIPTOR *sd = p;
    return set_acl(sd, &sd->Sacl, SE_SACL_PRESENT, SE_SACL_DEFAULTED, present, sacl, defaulted);
}

/* ---- ACLs -------------------------------------------------------------------------------------------- */

NTSTATUS WINAPI RtlCreateAcl(PACL acl, ULONG length, ULONG revision)
{
    if (length < sizeof(ACL))
        return STATUS_BUFFER_TOO_SMALL;
    if (revision < ACL_REVISION || revision > 4 || length > 0xFFFF)
        return STATUS_INVALID_PARAMETER;
    memset(acl, 0, sizeof *acl);
    acl->AclRevision = (BYTE)revision;
    acl->AclSize = (WORD)(length & ~3u);
    return STATUS_SUCCESS;
}

/* The end of the ACEs, or NULL when they overrun the ACL. */
static BYTE *acl_end(PACL acl)
{
    BYTE *p = (BYTE *)(acl + 1), *end = (BYTE *)acl + acl->AclSize;
    for (ULONG i = 0; i < acl->AceCount; i++) {
        if ((size_t)(end - p) < sizeof(ACE_HEADER))
            return NULL;
        WORD size = ((ACE_HEADER *)p)->AceSize;
        if (size < sizeof(ACE_HEADER) || size > end - p)
            return NULL;
        p += size;
    }
    return p;
}

BOOLEAN WINAPI RtlValidAcl(PACL acl)
{
    return acl && acl->AclRevision >= ACL_REVISION && acl->AclRevision <= 4 && acl->AclSize >= sizeof(ACL) &&
           acl_end(acl) != NULL;
}

static NTSTATUS add_ace(PACL acl, ULONG revision, BYTE type, ACCESS_MASK mask, PSID sid)
{
    if (!RtlValidSid(sid))
        return STATUS_INVALID_SID;
    if (!RtlValidAcl(acl) || revision < ACL_REVISION || revision > 4)
        return STATUS_INVALID_ACL;
    BYTE *end = acl_end(acl);
    ULONG size = (ULONG)(sizeof(ACCESS_ALLOWED_ACE) - sizeof(ULONG)) + RtlLengthSid(sid);
    if (size > (ULONG)((BYTE *)acl + acl->AclSize - end))
        return STATUS_ALLOTTED_SPACE_EXCEEDED;
    ACCESS_ALLOWED_ACE *ace = (ACCESS_ALLOWED_ACE *)end;
    ace->Header.AceType = type;
    ace->Header.AceFlags = 0;
    ace->Header.AceSize = (WORD)size;
    ace->Mask = mask;
    memcpy(&ace->SidStart, sid, RtlLengthSid(sid));
    acl->AceCount++;
    if (revision > acl->AclRevision)
        acl->AclRevision = (BYTE)revision;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlAddAccessAllowedAce(PACL acl, ULONG revision, ACCESS_MASK mask, PSID sid)
{
    return add_ace(acl, revision, ACCESS_ALLOWED_ACE_TYPE, mask, sid);
}

NTSTATUS WINAPI RtlAddAccessDeniedAce(PACL acl, ULONG revision, ACCESS_MASK mask, PSID sid)
{
    return add_ace(acl, revision, ACCESS_DENIED_ACE_TYPE, mask, sid);
}

NTSTATUS WINAPI RtlGetAce(PACL acl, ULONG index, PVOID *ace)
{
    if (!RtlValidAcl(acl) || index >= acl->AceCount)
        return STATUS_INVALID_PARAMETER;
    BYTE *p = (BYTE *)(acl + 1);
    for (ULONG i = 0; i < index; i++)
        p += ((ACE_HEADER *)p)->AceSize;
    *ace = p;
    return STATUS_SUCCESS;
}
