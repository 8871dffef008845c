/* Identity and security: results and error paths that do not depend on the host (names and SIDs of the
 * user are compared with each other, never printed). */
#define SECURITY_WIN32
#include <windows.h>
#include <sddl.h>
#include <security.h>
#include <stdio.h>
#include <wchar.h>

static HANDLE token;

static void token_info(void)
{
    DWORD need = 0;
    BOOL r = GetTokenInformation(token, TokenUser, NULL, 0, &need);
    printf("TokenUser size query: %d %lu need %lu\n", r, GetLastError(), need);
    BYTE buf[512];
    r = GetTokenInformation(token, TokenUser, buf, sizeof buf, &need);
    PSID user = ((TOKEN_USER *)buf)->User.Sid;
    printf("TokenUser: %d need %lu authority %d count %d sub0 %lu rid>=1000 %d\n", r, need,
           GetSidIdentifierAuthority(user)->Value[5], *GetSidSubAuthorityCount(user), *GetSidSubAuthority(user, 0),
           *GetSidSubAuthority(user, *GetSidSubAuthorityCount(user) - 1) >= 1000);

    WCHAR name[256], domain[256], uname[256], cname[64];
    DWORD nn = 256, dn = 256, un = 256, cn = 64;
    SID_NAME_USE use;
    r = LookupAccountSidW(NULL, user, name, &nn, domain, &dn, &use);
    GetUserNameW(uname, &un);
    GetComputerNameW(cname, &cn);
    printf("LookupAccountSid(user): %d use %d name==GetUserName %d domain==computer %d lengths %d %d\n", r, use,
           !wcscmp(name, uname), !wcscmp(domain, cname), nn == wcslen(name), dn == wcslen(domain));
    DWORD small = 0;
    dn = 0;
    r = LookupAccountSidW(NULL, user, NULL, &small, NULL, &dn, &use);
    printf("LookupAccountSid sizes: %d %lu name %d domain %d\n", r, GetLastError(), small == wcslen(name) + 1,
           dn == wcslen(domain) + 1);
    DWORD us = 0;
    r = GetUserNameW(NULL, &us);
    printf("GetUserNameW(NULL): %d %lu size %d; full call size %d\n", r, GetLastError(), us == wcslen(uname) + 1,
           un == wcslen(uname) + 1);

    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD ss = sizeof sid;
    dn = 256;
    r = LookupAccountNameW(NULL, uname, sid, &ss, domain, &dn, &use);
    printf("LookupAccountName(user): %d use %d same sid %d\n", r, use, r && EqualSid(sid, user));

    r = GetTokenInformation(token, TokenGroups, NULL, 0, &need);
    printf("TokenGroups size query: %d %lu\n", r, GetLastError());
    TOKEN_GROUPS *g = (TOKEN_GROUPS *)buf;
    r = GetTokenInformation(token, TokenGroups, buf, sizeof buf, &need);
    int everyone = 0, users = 0, auth = 0;
    for (DWORD i = 0; r && i < g->GroupCount; i++) {
        LPWSTR s;
        ConvertSidToStringSidW(g->Groups[i].Sid, &s);
        everyone |= !wcscmp(s, L"S-1-1-0");
        users |= !wcscmp(s, L"S-1-5-32-545");
        auth |= !wcscmp(s, L"S-1-5-11");
        LocalFree(s);
    }
    printf("TokenGroups: %d Everyone %d Users %d Authenticated Users %d\n", r, everyone, users, auth);
    TOKEN_TYPE type;
    r = GetTokenInformation(token, TokenType, &type, sizeof type, &need);
    printf("TokenType: %d %d need %lu\n", r, type, need);
    r = GetTokenInformation(token, TokenType, &type, 2, &need);
    printf("TokenType short: %d %lu need %lu\n", r, GetLastError(), need);
    TOKEN_ELEVATION e;
    r = GetTokenInformation(token, TokenElevation, &e, sizeof e, &need);
    printf("TokenElevation: %d need %lu\n", r, need);
    SECURITY_IMPERSONATION_LEVEL level;
    r = GetTokenInformation(token, TokenImpersonationLevel, &level, sizeof level, &need);
    printf("TokenImpersonationLevel of a primary token: %d %lu\n", r, GetLastError());
    r = GetTokenInformation(token, 999, buf, sizeof buf, &need);
    printf("class 999: %d %lu\n", r, GetLastError());
    TOKEN_STATISTICS st;
    r = GetTokenInformation(token, TokenStatistics, &st, sizeof st, &need);
    printf("TokenStatistics: %d need %lu type %d\n", r, need, st.TokenType);
}

static void sids(void)
{
    PSID sid;
    BOOL r = ConvertStringSidToSidW(L"S-1-5-32-544", &sid);
    LPWSTR s;
    ConvertSidToStringSidW(sid, &s);
    printf("S-1-5-32-544: %d -> %ls length %lu valid %d\n", r, s, GetLengthSid(sid), IsValidSid(sid));
    WCHAR name[64], domain[64];
    DWORD nn = 64, dn = 64;
    SID_NAME_USE use;
    r = LookupAccountSidW(NULL, sid, name, &nn, domain, &dn, &use);
    printf("LookupAccountSid: %d %ls\\%ls use %d\n", r, domain, name, use);
    nn = 64, dn = 3;
    r = LookupAccountSidW(NULL, sid, name, &nn, domain, &dn, &use);
    printf("LookupAccountSid short domain: %d %lu sizes %lu %lu\n", r, GetLastError(), nn, dn);
    nn = 2, dn = 64;
    r = LookupAccountSidW(NULL, sid, name, &nn, domain, &dn, &use);
    printf("LookupAccountSid short name: %d %lu sizes %lu %lu\n", r, GetLastError(), nn, dn);
    char an[64], ad[64];
    DWORD ann = sizeof an, adn = 3;
    r = LookupAccountSidA(NULL, sid, an, &ann, ad, &adn, &use);
    printf("LookupAccountSidA short domain: %d %lu sizes %lu %lu\n", r, GetLastError(), ann, adn);
    ann = sizeof an, adn = sizeof ad;
    r = LookupAccountSidA(NULL, sid, NULL, &ann, ad, &adn, &use);
    printf("LookupAccountSidA(NULL name): %d %s sizes %lu %lu\n", r, ad, ann, adn);
    nn = 0, dn = 0, use = 77;
    r = LookupAccountSidW(NULL, sid, NULL, &nn, NULL, &dn, &use);
    printf("LookupAccountSid(NULL, 0): %d %lu sizes %lu %lu use %d\n", r, GetLastError(), nn, dn, use);
    ann = sizeof an, adn = sizeof ad;
    r = LookupAccountSidA(NULL, sid, an, &ann, ad, &adn, &use);
    printf("LookupAccountSidA: %d %s\\%s sizes %lu %lu\n", r, ad, an, ann, adn);
    BYTE asid[SECURITY_MAX_SID_SIZE];
    DWORD as = 0;
    adn = 0;
    r = LookupAccountNameA(NULL, "BUILTIN\\Users", NULL, &as, NULL, &adn, &use);
    printf("LookupAccountNameA sizes: %d %lu sizes %lu %lu\n", r, GetLastError(), as, adn);
    as = 4, adn = sizeof ad;
    r = LookupAccountNameA(NULL, "BUILTIN\\Users", asid, &as, ad, &adn, &use);
    printf("LookupAccountNameA short sid: %d %lu sizes %lu %lu\n", r, GetLastError(), as, adn);
    as = sizeof asid, adn = sizeof ad, use = 0;
    r = LookupAccountNameA(NULL, "BUILTIN\\Users", asid, &as, ad, &adn, &use);
    printf("LookupAccountNameA: %d %s sizes %lu %lu use %d\n", r, ad, as, adn, use);
    LocalFree(s);
    LocalFree(sid);
    static const WCHAR *bad[] = {L"S-1-x", L"X-1-5", L"S-1-5-", L"S-2-5-32"};
    for (int i = 0; i < 4; i++) {
        sid = NULL;
        r = ConvertStringSidToSidW(bad[i], &sid);
        printf("ConvertStringSidToSid(\"%ls\"): %d %lu\n", bad[i], r, GetLastError());
    }
    r = ConvertStringSidToSidW(L"BA", &sid);
    ConvertSidToStringSidW(sid, &s);
    printf("alias BA: %d %ls\n", r, s);
    LocalFree(s);
    LocalFree(sid);
    SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
    PSID a, b;
    AllocateAndInitializeSid(&nt, 2, 32, 545, 0, 0, 0, 0, 0, 0, &a);
    DWORD size = 0;
    r = CreateWellKnownSid(WinBuiltinUsersSid, NULL, NULL, &size);
    printf("CreateWellKnownSid size query: %d %lu size %lu\n", r, GetLastError(), size);
    b = LocalAlloc(0, size);
    r = CreateWellKnownSid(WinBuiltinUsersSid, NULL, b, &size);
    printf("CreateWellKnownSid: %d EqualSid %d IsWellKnownSid %d %d\n", r, EqualSid(a, b),
           IsWellKnownSid(b, WinBuiltinUsersSid), IsWellKnownSid(b, WinBuiltinAdministratorsSid));
    r = CreateWellKnownSid(WinAccountAdministratorSid, NULL, b, &size);
    printf("CreateWellKnownSid(domain, no domain): %d %lu\n", r, GetLastError());
    BYTE copy[8];
    r = CopySid(sizeof copy, copy, a);
    printf("CopySid short: %d %lu\n", r, GetLastError());
    BOOL member = -1;
    PSID world;
    SID_IDENTIFIER_AUTHORITY wa = SECURITY_WORLD_SID_AUTHORITY;
    AllocateAndInitializeSid(&wa, 1, 0, 0, 0, 0, 0, 0, 0, 0, &world);
    r = CheckTokenMembership(NULL, world, &member);
    printf("CheckTokenMembership(NULL, Everyone): %d member %d\n", r, member);
    r = CheckTokenMembership(token, world, &member);
    printf("CheckTokenMembership(primary token): %d %lu\n", r, GetLastError());
    FreeSid(a);
    FreeSid(world);
    LocalFree(b);

    BYTE buf[SECURITY_MAX_SID_SIZE];
    DWORD bs = sizeof buf;
    dn = 64;
    r = LookupAccountNameW(NULL, L"Everyone", buf, &bs, domain, &dn, &use);
    ConvertSidToStringSidW(buf, &s);
    printf("LookupAccountName(Everyone): %d %ls domain \"%ls\" use %d\n", r, s, domain, use);
    LocalFree(s);
    bs = sizeof buf, dn = 64;
    r = LookupAccountNameW(NULL, L"BUILTIN\\Users", buf, &bs, domain, &dn, &use);
    ConvertSidToStringSidW(buf, &s);
    printf("LookupAccountName(BUILTIN\\Users): %d %ls domain %ls use %d\n", r, s, domain, use);
    LocalFree(s);
    bs = sizeof buf, dn = 64;
    r = LookupAccountNameW(NULL, L"no-such-account-xyz", buf, &bs, domain, &dn, &use);
    printf("LookupAccountName(unknown): %d %lu\n", r, GetLastError());
    SID_IDENTIFIER_AUTHORITY odd = {{0, 0, 0, 0, 0, 5}};
    PSID x;
    AllocateAndInitializeSid(&odd, 3, 21, 1, 2, 0, 0, 0, 0, 0, &x);
    nn = 64, dn = 64;
    r = LookupAccountSidW(NULL, x, name, &nn, domain, &dn, &use);
    printf("LookupAccountSid(S-1-5-21-1-2): %d %lu\n", r, GetLastError());
    FreeSid(x);
}

static void privileges(void)
{
    LUID luid;
    BOOL r = LookupPrivilegeValueW(NULL, L"SeShutdownPrivilege", &luid);
    printf("LookupPrivilegeValue(SeShutdownPrivilege): %d %lu\n", r, luid.LowPart);
    r = LookupPrivilegeValueW(NULL, L"sedebugprivilege", &luid);
    printf("LookupPrivilegeValue(sedebugprivilege): %d %lu\n", r, luid.LowPart);
    r = LookupPrivilegeValueW(NULL, L"SeBogusPrivilege", &luid);
    printf("LookupPrivilegeValue(SeBogusPrivilege): %d %lu\n", r, GetLastError());
    WCHAR name[64];
    DWORD n = 4;
    luid.LowPart = 20, luid.HighPart = 0;
    r = LookupPrivilegeNameW(NULL, &luid, name, &n);
    printf("LookupPrivilegeName short: %d %lu size %lu\n", r, GetLastError(), n);
    r = LookupPrivilegeNameW(NULL, &luid, name, &n);
    printf("LookupPrivilegeName: %d %ls size %lu\n", r, name, n);
    luid.LowPart = 1000;
    n = 64;
    r = LookupPrivilegeNameW(NULL, &luid, name, &n);
    printf("LookupPrivilegeName(1000): %d %lu\n", r, GetLastError());

    HANDLE t;
    OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &t);
    TOKEN_PRIVILEGES tp = {1, {{{2, 0}, SE_PRIVILEGE_ENABLED}}};   /* SeCreateTokenPrivilege: nobody has it */
    SetLastError(12345);
    r = AdjustTokenPrivileges(t, FALSE, &tp, 0, NULL, NULL);
    printf("AdjustTokenPrivileges(SeCreateTokenPrivilege): %d %lu\n", r, GetLastError());
    tp.Privileges[0].Luid.LowPart = 23;   /* SeChangeNotifyPrivilege: everyone's, already enabled */
    SetLastError(12345);
    r = AdjustTokenPrivileges(t, FALSE, &tp, 0, NULL, NULL);
    printf("AdjustTokenPrivileges(SeChangeNotifyPrivilege): %d %lu\n", r, GetLastError());
    TOKEN_PRIVILEGES prev;
    DWORD len = 0;
    tp.Privileges[0].Attributes = 0;   /* disable it: the previous state tells it was enabled */
    r = AdjustTokenPrivileges(t, FALSE, &tp, sizeof prev, &prev, &len);
    printf("disable SeChangeNotifyPrivilege: %d %lu previous count %lu luid %lu attributes %lu len %lu\n", r,
           GetLastError(), prev.PrivilegeCount, prev.Privileges[0].Luid.LowPart, prev.Privileges[0].Attributes, len);
    r = AdjustTokenPrivileges(t, FALSE, &prev, 0, NULL, NULL);
    printf("restore: %d %lu\n", r, GetLastError());
    CloseHandle(t);
    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &t);
    tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
    r = AdjustTokenPrivileges(t, FALSE, &tp, 0, NULL, NULL);
    printf("AdjustTokenPrivileges without TOKEN_ADJUST_PRIVILEGES: %d %lu\n", r, GetLastError());
    CloseHandle(t);
    r = OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &t);
    printf("OpenThreadToken: %d %lu\n", r, GetLastError());
    r = OpenProcessToken((HANDLE)(ULONG_PTR)0x1234, TOKEN_QUERY, &t);
    printf("OpenProcessToken(bad handle): %d %lu\n", r, GetLastError());
    HANDLE dup;
    r = DuplicateTokenEx(token, TOKEN_QUERY, NULL, SecurityImpersonation, TokenImpersonation, &dup);
    TOKEN_TYPE type = 0;
    SECURITY_IMPERSONATION_LEVEL level = 0;
    DWORD need;
    GetTokenInformation(dup, TokenType, &type, sizeof type, &need);
    GetTokenInformation(dup, TokenImpersonationLevel, &level, sizeof level, &need);
    printf("DuplicateTokenEx: %d type %d level %d\n", r, type, level);
    BOOL member = -1;
    PSID users;
    SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
    AllocateAndInitializeSid(&nt, 2, 32, 545, 0, 0, 0, 0, 0, 0, &users);
    r = CheckTokenMembership(dup, users, &member);
    printf("CheckTokenMembership(impersonation token, Users): %d member %d\n", r, member);
    FreeSid(users);
    CloseHandle(dup);
}

static void descriptors(void)
{
    SECURITY_DESCRIPTOR sd;
    BOOL r = InitializeSecurityDescriptor(&sd, 2);
    printf("InitializeSecurityDescriptor(revision 2): %d %lu\n", r, GetLastError());
    r = InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    printf("InitializeSecurityDescriptor: %d valid %d length %lu\n", r, IsValidSecurityDescriptor(&sd),
           GetSecurityDescriptorLength(&sd));
    PSID owner = (PSID)1;
    BOOL defaulted = -1, present = -1;
    r = GetSecurityDescriptorOwner(&sd, &owner, &defaulted);
    printf("owner: %d %p defaulted %d\n", r, owner, defaulted);
    PACL dacl;
    r = GetSecurityDescriptorDacl(&sd, &present, &dacl, &defaulted);
    printf("dacl: %d present %d\n", r, present);

    HANDLE f = CreateFileW(L"sec_owned.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(f);
    DWORD need = 0;
    r = GetFileSecurityW(L"sec_owned.txt", OWNER_SECURITY_INFORMATION, NULL, 0, &need);
    printf("GetFileSecurity size query: %d %lu need>20 %d\n", r, GetLastError(), need > 20);
    BYTE buf[1024];
    r = GetFileSecurityW(L"sec_owned.txt", OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION |
                         DACL_SECURITY_INFORMATION, buf, sizeof buf, &need);
    r = r && GetSecurityDescriptorOwner(buf, &owner, &defaulted);
    BYTE tu[256];
    GetTokenInformation(token, TokenUser, tu, sizeof tu, &need);
    printf("GetFileSecurity: %d valid %d owner is the user %d\n", r, IsValidSecurityDescriptor(buf),
           EqualSid(owner, ((TOKEN_USER *)tu)->User.Sid));
    r = GetSecurityDescriptorDacl(buf, &present, &dacl, &defaulted);
    printf("file dacl: %d present %d valid %d\n", r, present, present && dacl && IsValidAcl(dacl));
    r = GetFileSecurityW(L"no_such_file.txt", OWNER_SECURITY_INFORMATION, buf, sizeof buf, &need);
    printf("GetFileSecurity(missing): %d %lu\n", r, GetLastError());
    DeleteFileW(L"sec_owned.txt");
}

static void names(void)
{
    WCHAR sam[300], user[256], computer[64];
    ULONG n = 0;
    DWORD un = 256, cn = 64;
    GetUserNameW(user, &un);
    GetComputerNameW(computer, &cn);
    BOOLEAN r = GetUserNameExW(NameSamCompatible, NULL, &n);
    printf("GetUserNameEx(NameSamCompatible, NULL): %d %lu\n", r, GetLastError());
    n = 300;
    r = GetUserNameExW(NameSamCompatible, sam, &n);
    WCHAR want[330];
    swprintf(want, 330, L"%ls\\%ls", computer, user);
    printf("GetUserNameEx(NameSamCompatible): %d matches computer\\user %d size %d\n", r, !wcscmp(sam, want),
           n == wcslen(sam));
    n = 300;
    r = GetUserNameExW(NameUserPrincipal, sam, &n);
    printf("GetUserNameEx(NameUserPrincipal): %d %lu\n", r, GetLastError());
    WCHAR dns[256];
    DWORD dn = 0;
    BOOL b = GetComputerNameExW(ComputerNameNetBIOS, NULL, &dn);
    printf("GetComputerNameEx(NetBIOS, NULL): %d %lu size %d\n", b, GetLastError(), dn == wcslen(computer) + 1);
    dn = 256;
    b = GetComputerNameExW(ComputerNameNetBIOS, dns, &dn);
    printf("GetComputerNameEx(NetBIOS): %d same %d\n", b, !wcscmp(dns, computer));
    dn = 256;
    b = GetComputerNameExW(ComputerNameDnsHostname, dns, &dn);
    printf("GetComputerNameEx(DnsHostname): %d same ignoring case %d\n", b, !_wcsicmp(dns, computer));
    b = GetComputerNameExW(ComputerNameMax, dns, &dn);
    printf("GetComputerNameEx(ComputerNameMax): %d %lu\n", b, GetLastError());
}

int main(void)
{
    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_DUPLICATE, &token);
    token_info();
    sids();
    privileges();
    descriptors();
    names();
    HANDLE ev = RegisterEventSourceW(NULL, L"sectest");
    LPCWSTR strings[] = {L"hello"};
    BOOL r = ReportEventW(ev, EVENTLOG_INFORMATION_TYPE, 0, 1, NULL, 1, 0, strings, NULL);
    printf("event log: %d %d %d\n", ev != NULL, r, DeregisterEventSource(ev));
    return 0;
}
