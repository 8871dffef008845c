/* Security descriptor strings (SDDL) both ways, and GetSecurityInfo / GetKernelObjectSecurity /
 * GetNamedSecurityInfoA on a file: the user's SIDs are compared, never printed. */
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>
#include <stdio.h>
#include <string.h>

static void dump(const char *text)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    ULONG size = 0;
    SetLastError(0);
    BOOL r = ConvertStringSecurityDescriptorToSecurityDescriptorA(text, SDDL_REVISION_1, &sd, &size);
    printf("\"%s\": %d %lu", text, r, r ? 0 : GetLastError());
    if (!r) {
        printf("\n");
        return;
    }
    SECURITY_DESCRIPTOR_CONTROL control;
    DWORD rev;
    GetSecurityDescriptorControl(sd, &control, &rev);
    printf(" size %lu valid %d length %lu control 0x%04x\n", size, IsValidSecurityDescriptor(sd),
           GetSecurityDescriptorLength(sd), control);
    PSID owner = NULL, group = NULL;
    BOOL d1 = 0, d2 = 0, present = 0;
    PACL dacl = NULL;
    GetSecurityDescriptorOwner(sd, &owner, &d1);
    GetSecurityDescriptorGroup(sd, &group, &d2);
    GetSecurityDescriptorDacl(sd, &present, &dacl, &d1);
    LPSTR s;
    if (owner && ConvertSidToStringSidA(owner, &s))
        printf("  owner %s\n", s), LocalFree(s);
    if (group && ConvertSidToStringSidA(group, &s))
        printf("  group %s\n", s), LocalFree(s);
    printf("  dacl present %d null %d aces %d\n", present, present && !dacl, dacl ? dacl->AceCount : -1);
    for (DWORD i = 0; dacl && i < dacl->AceCount; i++) {
        ACCESS_ALLOWED_ACE *ace;
        GetAce(dacl, i, (void **)&ace);
        ConvertSidToStringSidA(&ace->SidStart, &s);
        printf("  ace type %d flags 0x%02x mask 0x%08lx %s\n", ace->Header.AceType, ace->Header.AceFlags, ace->Mask,
               s);
        LocalFree(s);
    }
    LPSTR back;
    ULONG len = 0;
    r = ConvertSecurityDescriptorToStringSecurityDescriptorA(
        sd, SDDL_REVISION_1, OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &back,
        &len);
    printf("  back: %d \"%s\" len %lu\n", r, r ? back : "", len);
    if (r)
        LocalFree(back);
    r = ConvertSecurityDescriptorToStringSecurityDescriptorA(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &back,
                                                             &len);
    printf("  dacl only: %d \"%s\" len %lu\n", r, r ? back : "", len);
    if (r)
        LocalFree(back);
    LocalFree(sd);
}

int main(void)
{
    dump("O:BAG:SYD:PAI(A;OICI;FA;;;SY)(D;;0x1200a9;;;BU)(A;;RCWD;;;WD)");
    dump("O:S-1-5-21-1-2-3-500G:BUD:(A;;GA;;;S-1-5-21-1-2-3-1001)(A;CIIO;GR;;;AU)");
    dump("D:NO_ACCESS_CONTROL");
    dump("D:(A;;1234;;;SY)(A;;CCDCLC;;;WD)(A;;KA;;;BA)(A;;FRFW;;;BU)");
    dump("G:SY");
    dump("");
    dump("O:XX");
    dump("D:(A;;FA;;;SY");
    dump("D:(A;;ROB;;;WD)");
    dump("Q:BA");
    dump("D:(A;;FA;;;S-1-x)");

    PSECURITY_DESCRIPTOR sd;
    BOOL r = ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BA", 2, &sd, NULL);
    printf("revision 2: %d %lu\n", r, GetLastError());
    r = ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BA", SDDL_REVISION_1, NULL, NULL);
    printf("NULL out: %d %lu\n", r, GetLastError());
    r = ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BAG:BU", SDDL_REVISION_1, &sd, NULL);
    LPWSTR w;
    ULONG len;
    r = ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, 2, OWNER_SECURITY_INFORMATION, &w, &len);
    printf("to string, revision 2: %d %lu\n", r, GetLastError());
    r = ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1, OWNER_SECURITY_INFORMATION, &w, &len);
    printf("to string W: %d \"%ls\" len %lu\n", r, w, len);
    LocalFree(w);
    r = ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &w, &len);
    printf("to string, no DACL there: %d \"%ls\" len %lu\n", r, w, len);
    LocalFree(w);
    LocalFree(sd);

    HANDLE token;
    BYTE ubuf[256];
    DWORD need;
    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    GetTokenInformation(token, TokenUser, ubuf, sizeof ubuf, &need);
    PSID user = ((TOKEN_USER *)ubuf)->User.Sid;
    char path[MAX_PATH];
    GetTempPathA(MAX_PATH, path);
    strcat(path, "ntexec_sddl_test.txt");
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE | READ_CONTROL, 0, NULL, CREATE_ALWAYS, 0, NULL);
    PSID owner = NULL;
    PACL dacl = NULL;
    sd = NULL;
    DWORD e = GetSecurityInfo(f, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner, NULL,
                              &dacl, NULL, &sd);
    printf("GetSecurityInfo(file): %lu owner==user %d dacl %d valid %d\n", e, owner && EqualSid(owner, user),
           dacl != NULL, sd && IsValidSecurityDescriptor(sd));
    LocalFree(sd);
    e = GetSecurityInfo(f, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, NULL, NULL, NULL, NULL, NULL);
    printf("GetSecurityInfo(no outputs): %lu\n", e);
    e = GetSecurityInfo(NULL, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, NULL, NULL, NULL, &sd);
    printf("GetSecurityInfo(NULL handle): %lu\n", e);
    need = 0;
    r = GetKernelObjectSecurity(f, OWNER_SECURITY_INFORMATION, NULL, 0, &need);
    printf("GetKernelObjectSecurity size: %d %lu need>0 %d\n", r, GetLastError(), need > 0);
    BYTE sbuf[1024];
    r = GetKernelObjectSecurity(f, OWNER_SECURITY_INFORMATION, sbuf, sizeof sbuf, &need);
    BOOL defaulted;
    owner = NULL;
    GetSecurityDescriptorOwner(sbuf, &owner, &defaulted);
    printf("GetKernelObjectSecurity: %d owner==user %d\n", r, owner && EqualSid(owner, user));
    CloseHandle(f);
    owner = NULL;
    e = GetNamedSecurityInfoA(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, NULL, NULL, NULL, &sd);
    printf("GetNamedSecurityInfoA: %lu owner==user %d\n", e, owner && EqualSid(owner, user));
    LocalFree(sd);
    DeleteFileA(path);
    e = GetNamedSecurityInfoA(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, NULL, NULL, NULL, &sd);
    printf("GetNamedSecurityInfoA(missing): %lu\n", e);
    return 0;
}
