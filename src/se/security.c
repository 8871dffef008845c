/*
 * NtQuerySecurityObject: an object's security descriptor, self-relative. A file's comes from its host
 * owner, group and permission bits (the owner's SID per se/se.h, the group S-1-22-2-gid, a DACL with one
 * allow ACE each for owner, group and Everyone carrying what the rwx bits grant); other objects belong to
 * the current user, with the DACL Windows gives a user's objects (the user and SYSTEM: all access).
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
