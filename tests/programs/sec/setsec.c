/* SetFileSecurityW on a file of the current user: a DACL that allows the owner reading only, then one
 * that allows the owner everything and Everyone reading, read back through GetFileSecurityW (what each ACE
 * grants, by whom), and the refusals: another owner (ERROR_INVALID_OWNER), a SACL (ERROR_PRIVILEGE_NOT_HELD),
 * a missing file, and a NULL descriptor. SIDs differ from system to system, so the program prints
 * relations: whose ACE it is (the owner's, Everyone's, another's) and whether it grants read/write. */
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>
#include <stdio.h>

static PSID owner_sid(const wchar_t *path, BYTE *buf)
{
    DWORD need = 0;
    PSECURITY_DESCRIPTOR sd = (PSECURITY_DESCRIPTOR)buf;
    PSID owner = NULL;
    BOOL defaulted;
    if (!GetFileSecurityW(path, OWNER_SECURITY_INFORMATION, sd, 4096, &need) ||
        !GetSecurityDescriptorOwner(sd, &owner, &defaulted))
        return NULL;
    return owner;
}

static void show_dacl(const wchar_t *path, PSID owner)
{
    BYTE buf[4096];
    DWORD need = 0;
    PSECURITY_DESCRIPTOR sd = (PSECURITY_DESCRIPTOR)buf;
    if (!GetFileSecurityW(path, DACL_SECURITY_INFORMATION, sd, sizeof buf, &need)) {
        printf("  GetFileSecurityW error %lu\n", GetLastError());
        return;
    }
    BOOL present, defaulted;
    PACL dacl;
    GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
    PSID everyone;
    SID_IDENTIFIER_AUTHORITY world = SECURITY_WORLD_SID_AUTHORITY;
    AllocateAndInitializeSid(&world, 1, SECURITY_WORLD_RID, 0, 0, 0, 0, 0, 0, 0, &everyone);
    /* What the owner and Everyone end up with: the allow ACEs that name them. */
    int owner_r = 0, owner_w = 0, world_r = 0, world_w = 0;
    for (DWORD i = 0; present && dacl && i < dacl->AceCount; i++) {
        ACCESS_ALLOWED_ACE *ace;
        GetAce(dacl, i, (void **)&ace);
        if (ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE)
            continue;
        PSID sid = &ace->SidStart;
        int r = (ace->Mask & FILE_READ_DATA) != 0, w = (ace->Mask & FILE_WRITE_DATA) != 0;
        if (EqualSid(sid, owner))
            owner_r |= r, owner_w |= w;
        else if (EqualSid(sid, everyone))
            world_r |= r, world_w |= w;
    }
    printf("  owner read %d write %d; Everyone read %d write %d\n", owner_r, owner_w, world_r, world_w);
    FreeSid(everyone);
}

/* A descriptor with only a DACL: the owner gets owner_mask, Everyone world_mask (none when 0). */
static BOOL set_dacl(const wchar_t *path, PSID owner, DWORD owner_mask, DWORD world_mask)
{
    BYTE acl_buf[512];
    PACL acl = (PACL)acl_buf;
    InitializeAcl(acl, sizeof acl_buf, ACL_REVISION);
    AddAccessAllowedAce(acl, ACL_REVISION, owner_mask, owner);
    if (world_mask) {
        PSID everyone;
        SID_IDENTIFIER_AUTHORITY world = SECURITY_WORLD_SID_AUTHORITY;
        AllocateAndInitializeSid(&world, 1, SECURITY_WORLD_RID, 0, 0, 0, 0, 0, 0, 0, &everyone);
        AddAccessAllowedAce(acl, ACL_REVISION, world_mask, everyone);
        FreeSid(everyone);
    }
    SECURITY_DESCRIPTOR sd;
    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    SetSecurityDescriptorDacl(&sd, TRUE, acl, FALSE);
    SetLastError(0xdead);
    BOOL r = SetFileSecurityW(path, DACL_SECURITY_INFORMATION, &sd);
    printf("SetFileSecurityW(DACL) %d error %lu\n", r, r ? 0 : GetLastError());
    return r;
}

int main(void)
{
    const wchar_t *path = L"setsec.txt";
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD n;
    WriteFile(h, "data", 4, &n, NULL);
    CloseHandle(h);

    BYTE owner_buf[4096];
    PSID owner = owner_sid(path, owner_buf);
    printf("owner %s\n", owner ? "found" : "missing");

    printf("owner read only, nobody else:\n");
    set_dacl(path, owner, FILE_GENERIC_READ, 0);
    show_dacl(path, owner);

    printf("owner everything, Everyone read:\n");
    set_dacl(path, owner, FILE_ALL_ACCESS, FILE_GENERIC_READ);
    show_dacl(path, owner);

    /* Another owner: LocalSystem. */
    PSID system;
    SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
    AllocateAndInitializeSid(&nt, 1, SECURITY_LOCAL_SYSTEM_RID, 0, 0, 0, 0, 0, 0, 0, &system);
    SECURITY_DESCRIPTOR sd;
    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    SetSecurityDescriptorOwner(&sd, system, FALSE);
    BOOL r = SetFileSecurityW(path, OWNER_SECURITY_INFORMATION, &sd);
    printf("SetFileSecurityW(owner SYSTEM) %d error %lu\n", r, r ? 0 : GetLastError());
    FreeSid(system);

    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    SetSecurityDescriptorSacl(&sd, TRUE, NULL, FALSE);
    r = SetFileSecurityW(path, SACL_SECURITY_INFORMATION, &sd);
    printf("SetFileSecurityW(SACL) %d error %lu\n", r, r ? 0 : GetLastError());

    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    SetSecurityDescriptorDacl(&sd, TRUE, NULL, FALSE);
    r = SetFileSecurityW(L"no-such-file.txt", DACL_SECURITY_INFORMATION, &sd);
    printf("SetFileSecurityW(missing file) %d error %lu\n", r, r ? 0 : GetLastError());

    DeleteFileW(path);
    return 0;
}
