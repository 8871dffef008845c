/*
 * NtQuerySecurityObject: an object's security descriptor, self-relative. A file's comes from its host
 * owner, group and permission bits (the owner's SID per se/se.h, the group S-1-22-2-gid, a DACL with one
 * allow ACE each for owner, group and Everyone carrying what the rwx bits grant); other objects belong to
 * the current user, with the DACL Windows gives a user's objects (the user and SYSTEM: all access).
 *
 * NtSetSecurityObject writes a file's descriptor back the same way: the DACL becomes permission bits (what
 * the allow ACEs for the owner, the group and Everyone grant, Everyone's also to owner and group as on
 * Windows, minus what deny ACEs before them take away; ACEs for SIDs with no host class, SYSTEM or
 * Administrators, have nothing to map to and are passed over), a NULL DACL grants everyone everything,
 * the group may become one of the caller's groups, and the owner may only stay who it is (taking
 * ownership is a privilege nobody holds here: STATUS_INVALID_OWNER). Other objects keep the descriptor
 * they have: STATUS_NOT_SUPPORTED.
 */
#include <string.h>

#include "host/identity.h"
#include "io/io.h"
#include "ke/probe.h"
#include "se/se.h"

#define FILE_GENERIC_READ    0x00120089
#define FILE_GENERIC_WRITE   0x00120116
#define FILE_GENERIC_EXECUTE 0x001200A0
#define GENERIC_ALL_OBJECT   0x001F0FFF   /* STANDARD_RIGHTS_ALL | the specific rights */
#define READ_CONTROL         0x00020000
#define WRITE_DAC            0x00040000
#define WRITE_OWNER          0x00080000
#define GENERIC_READ_ACCESS    0x80000000u
#define GENERIC_WRITE_ACCESS   0x40000000u
#define GENERIC_EXECUTE_ACCESS 0x20000000u
#define GENERIC_ALL_ACCESS     0x10000000u
#define FILE_READ_DATA_ACCESS  0x0001
#define FILE_WRITE_DATA_ACCESS 0x0002
#define FILE_EXECUTE_ACCESS    0x0020

static ACCESS_MASK rwx_access(uint32_t bits)
{
    ACCESS_MASK m = 0;
    if (bits & 4)
        m |= FILE_GENERIC_READ;
    if (bits & 2)
        m |= FILE_GENERIC_WRITE;
    if (bits & 1)
        m |= FILE_GENERIC_EXECUTE;
    return m;
}

NTSTATUS WINAPI NtQuerySecurityObject(HANDLE handle, ULONG info, PSECURITY_DESCRIPTOR sd, ULONG length,
                                      PULONG needed)
{
    PROBE_FOR_WRITE(needed, sizeof *needed);
    PROBE_FOR_WRITE(sd, length);
    void *object;
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(handle, NULL, &object, &granted, NULL);
    if (status != STATUS_SUCCESS)
        return status;
    BYTE owner[SECURITY_MAX_SID_SIZE], group[SECURITY_MAX_SID_SIZE], sid[SECURITY_MAX_SID_SIZE];
    BYTE dacl_buf[8 + 3 * (8 + SECURITY_MAX_SID_SIZE)];
    ACL *dacl = (ACL *)dacl_buf;
    RtlCreateAcl(dacl, sizeof dacl_buf, ACL_REVISION);
    if (ObGetObjectType(object) == IoFileObjectType &&
        (((PFILE_OBJECT)object)->Fd >= 0 || ((PFILE_OBJECT)object)->HostPath)) {
        PFILE_OBJECT f = object;
        uint32_t uid, gid, mode;
        status = f->Fd >= 0 ? host_fd_owner(f->Fd, &uid, &gid, &mode) : host_path_owner(f->HostPath, &uid, &gid, &mode);
        if (status == STATUS_SUCCESS) {
            SeUidToSid(uid, owner);
            SeGidToSid(gid, group);
            RtlAddAccessAllowedAce(dacl, ACL_REVISION, rwx_access(mode >> 6) | READ_CONTROL | WRITE_DAC | WRITE_OWNER,
                                   owner);
            if (mode & 070)
                RtlAddAccessAllowedAce(dacl, ACL_REVISION, rwx_access(mode >> 3), group);
            SID_IDENTIFIER_AUTHORITY world = {{0, 0, 0, 0, 0, 1}};
            RtlInitializeSid(sid, &world, 1);
            *RtlSubAuthoritySid(sid, 0) = 0;
            if (mode & 07)
                RtlAddAccessAllowedAce(dacl, ACL_REVISION, rwx_access(mode), sid);
        }
    } else {
        SeUidToSid(SeCurrentUid(), owner);
        SeDomainSid(group);
        *RtlSubAuthorityCountSid(group) = 5;
        *RtlSubAuthoritySid(group, 4) = 513;
        RtlAddAccessAllowedAce(dacl, ACL_REVISION, GENERIC_ALL_OBJECT, owner);
        SID_IDENTIFIER_AUTHORITY nt = {{0, 0, 0, 0, 0, 5}};
        RtlInitializeSid(sid, &nt, 1);
        *RtlSubAuthoritySid(sid, 0) = 18;
        RtlAddAccessAllowedAce(dacl, ACL_REVISION, GENERIC_ALL_OBJECT, sid);
    }
    ObDereferenceObject(object);
    if (status != STATUS_SUCCESS)
        return status;
    /* Reading owner, group or DACL needs READ_CONTROL; the SACL needs a privilege nobody holds here. */
    if (info & SACL_SECURITY_INFORMATION)
        return STATUS_PRIVILEGE_NOT_HELD;
    if ((info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION)) &&
        !(granted & READ_CONTROL))
        return STATUS_ACCESS_DENIED;
    /* Used ACL size: the end of the last ACE. */
    BYTE *end = (BYTE *)(dacl + 1);
    for (ULONG i = 0; i < dacl->AceCount; i++)
        end += ((ACE_HEADER *)end)->AceSize;
    dacl->AclSize = (WORD)(end - dacl_buf);
    ULONG need = sizeof(SECURITY_DESCRIPTOR_RELATIVE);
    if (info & OWNER_SECURITY_INFORMATION)
        need += RtlLengthSid(owner);
    if (info & GROUP_SECURITY_INFORMATION)
        need += RtlLengthSid(group);
    if (info & DACL_SECURITY_INFORMATION)
        need += dacl->AclSize;
    *needed = need;
    if (length < need)
        return STATUS_BUFFER_TOO_SMALL;
    SECURITY_DESCRIPTOR_RELATIVE *r = sd;
    memset(r, 0, sizeof *r);
    r->Revision = SECURITY_DESCRIPTOR_REVISION;
    r->Control = SE_SELF_RELATIVE;
    ULONG off = sizeof *r;
    if (info & DACL_SECURITY_INFORMATION) {
        r->Control |= SE_DACL_PRESENT;
        r->Dacl = off;
        memcpy((BYTE *)sd + off, dacl, dacl->AclSize);
        off += dacl->AclSize;
    }
    if (info & OWNER_SECURITY_INFORMATION) {
        r->Owner = off;
        memcpy((BYTE *)sd + off, owner, RtlLengthSid(owner));
        off += RtlLengthSid(owner);
    }
    if (info & GROUP_SECURITY_INFORMATION) {
        r->Group = off;
        memcpy((BYTE *)sd + off, group, RtlLengthSid(group));
    }
    return STATUS_SUCCESS;
}

/* The rwx bits an ACE's mask stands for: reading, writing and executing the data, directly or generically. */
static uint32_t access_rwx(ACCESS_MASK m)
{
    uint32_t bits = 0;
    if (m & (GENERIC_ALL_ACCESS | GENERIC_READ_ACCESS | FILE_READ_DATA_ACCESS))
        bits |= 4;
    if (m & (GENERIC_ALL_ACCESS | GENERIC_WRITE_ACCESS | FILE_WRITE_DATA_ACCESS))
        bits |= 2;
    if (m & (GENERIC_ALL_ACCESS | GENERIC_EXECUTE_ACCESS | FILE_EXECUTE_ACCESS))
        bits |= 1;
    return bits;
}

/* Permission bits (0777) from a DACL, in ACE order: the first ACE that speaks of a bit for a class decides it. */
static uint32_t dacl_mode(ACL *dacl, PSID owner, PSID group)
{
    BYTE world_buf[SECURITY_MAX_SID_SIZE];
    SID_IDENTIFIER_AUTHORITY world = {{0, 0, 0, 0, 0, 1}};
    RtlInitializeSid(world_buf, &world, 1);
    *RtlSubAuthoritySid(world_buf, 0) = 0;
    uint32_t allowed[3] = {0}, decided[3] = {0};   /* owner, group, other */
    for (ULONG i = 0; i < dacl->AceCount; i++) {
        ACCESS_ALLOWED_ACE *ace;
        if (RtlGetAce(dacl, i, (PVOID *)&ace) != STATUS_SUCCESS)
            break;
        if (ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE && ace->Header.AceType != ACCESS_DENIED_ACE_TYPE)
            continue;
        if (ace->Header.AceFlags & 0x08 /* INHERIT_ONLY_ACE */)
            continue;
        PSID sid = &ace->SidStart;
        bool everyone = RtlEqualSid(sid, world_buf);
        bool classes[3] = {everyone || RtlEqualSid(sid, owner), everyone || RtlEqualSid(sid, group), everyone};
        uint32_t bits = access_rwx(ace->Mask);
        for (int c = 0; c < 3; c++) {
            if (!classes[c])
                continue;
            uint32_t fresh = bits & ~decided[c];
            if (ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE)
                allowed[c] |= fresh;
            decided[c] |= fresh;
        }
    }
    return allowed[0] << 6 | allowed[1] << 3 | allowed[2];
}

NTSTATUS WINAPI NtSetSecurityObject(HANDLE handle, ULONG info, PSECURITY_DESCRIPTOR sd)
{
    if (!sd || !RtlValidSecurityDescriptor(sd))
        return STATUS_INVALID_SECURITY_DESCR;
    if (info & SACL_SECURITY_INFORMATION)
        return STATUS_PRIVILEGE_NOT_HELD;
    ACCESS_MASK need = ((info & DACL_SECURITY_INFORMATION) ? WRITE_DAC : 0) |
                       ((info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION)) ? WRITE_OWNER : 0);
    void *object;
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(handle, NULL, &object, &granted, NULL);
    if (status != STATUS_SUCCESS)
        return status;
    PFILE_OBJECT f = object;
    if (ObGetObjectType(object) != IoFileObjectType || (f->Fd < 0 && !f->HostPath)) {
        status = STATUS_NOT_SUPPORTED;
        goto out;
    }
    if ((granted & need) != need) {
        status = STATUS_ACCESS_DENIED;
        goto out;
    }
    uint32_t uid, gid, mode;
    status = f->Fd >= 0 ? host_fd_owner(f->Fd, &uid, &gid, &mode) : host_path_owner(f->HostPath, &uid, &gid, &mode);
    if (status != STATUS_SUCCESS)
        goto out;
    BYTE owner[SECURITY_MAX_SID_SIZE], group[SECURITY_MAX_SID_SIZE], mine[SECURITY_MAX_SID_SIZE];
    SeUidToSid(uid, owner);
    SeGidToSid(gid, group);
    BOOLEAN present = FALSE, defaulted;
    PSID sid;
    if ((info & OWNER_SECURITY_INFORMATION) &&
        (RtlGetOwnerSecurityDescriptor(sd, &sid, &defaulted) != STATUS_SUCCESS || !sid || !RtlEqualSid(sid, owner))) {
        status = STATUS_INVALID_OWNER;
        goto out;
    }
    uint32_t new_gid = gid;
    if (info & GROUP_SECURITY_INFORMATION) {
        if (RtlGetGroupSecurityDescriptor(sd, &sid, &defaulted) != STATUS_SUCCESS || !sid) {
            status = STATUS_INVALID_PRIMARY_GROUP;
            goto out;
        }
        SeGidToSid(host_getgid(), mine);
        if (RtlEqualSid(sid, mine))
            new_gid = host_getgid();
        else if (!RtlEqualSid(sid, group)) {
            status = STATUS_INVALID_PRIMARY_GROUP;
            goto out;
        }
    }
    ACL *dacl = NULL;
    if ((info & DACL_SECURITY_INFORMATION) &&
        RtlGetDaclSecurityDescriptor(sd, &present, &dacl, &defaulted) != STATUS_SUCCESS) {
        status = STATUS_INVALID_SECURITY_DESCR;
        goto out;
    }
    if (new_gid != gid) {
        status = host_set_group(f->Fd, f->HostPath, new_gid);
        SeGidToSid(new_gid, group);
    }
    if (status == STATUS_SUCCESS && (info & DACL_SECURITY_INFORMATION)) {
        uint32_t bits = present && dacl ? dacl_mode(dacl, owner, group) : 0777;
        status = host_set_mode(f->Fd, f->HostPath, (mode & 07000) | bits);
    }
out:
    ObDereferenceObject(object);
    return status;
}
