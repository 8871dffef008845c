/*
 * advapi32's security functions: tokens (over ntdll's Nt*Token services), SIDs and security descriptors
 * (over Rtl), account names (the security layer's lookups, lsass's part on Windows), privileges by
 * name, file security (NtQuerySecurityObject). See docs/DESIGN.md "Identity and security".
 */
#include <string.h>

#include "advapi32/security.h"
#include "win32/k32.h"

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);
HANDLE WINAPI LocalFree(HANDLE mem);

/* ---- tokens ---------------------------------------------------------------------------------------- */

BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, PHANDLE token)
{
    return BaseSetNtStatus(NtOpenProcessToken(process, access, token));
}

BOOL WINAPI OpenThreadToken(HANDLE thread, DWORD access, BOOL as_self, PHANDLE token)
{
    return BaseSetNtStatus(NtOpenThreadToken(thread, access, (BOOLEAN)as_self, token));
}

BOOL WINAPI GetTokenInformation(HANDLE token, ULONG info_class, PVOID info, DWORD length, PDWORD returned)
{
    return BaseSetNtStatus(NtQueryInformationToken(token, info_class, info, length, (PULONG)returned));
}

/* TRUE with ERROR_NOT_ALL_ASSIGNED when the token lacks one of the privileges, as documented: the last
 * error is always set. */
BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, PTOKEN_PRIVILEGES new_state, DWORD length,
                                  PTOKEN_PRIVILEGES previous, PDWORD returned)
{
    NTSTATUS status = NtAdjustPrivilegesToken(token, (BOOLEAN)disable_all, new_state, length, previous,
                                              (PULONG)returned);
    if (status == STATUS_NOT_ALL_ASSIGNED) {
        SetLastError(ERROR_NOT_ALL_ASSIGNED);
        return TRUE;
    }
    if (!BaseSetNtStatus(status))
        return FALSE;
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

BOOL WINAPI DuplicateTokenEx(HANDLE token, DWORD access, LPSECURITY_ATTRIBUTES sa, ULONG level, ULONG type,
                             PHANDLE out)
{
    ULONG qos[4] = {16, level, 0, 0};
    OBJECT_ATTRIBUTES attr = {sizeof attr, NULL, NULL, sa && sa->bInheritHandle ? OBJ_INHERIT : 0,
                              sa ? sa->lpSecurityDescriptor : NULL, qos};
    return BaseSetNtStatus(NtDuplicateToken(token, access, &attr, FALSE, type, out));
}

BOOL WINAPI DuplicateToken(HANDLE token, ULONG level, PHANDLE out)
{
    return DuplicateTokenEx(token, TOKEN_IMPERSONATE | TOKEN_QUERY, NULL, level, TokenImpersonation, out);
}

BOOL WINAPI CheckTokenMembership(HANDLE token, PSID sid, PBOOL member)
{
    if (!member || !RtlValidSid(sid)) {
        SetLastError(!member ? ERROR_INVALID_PARAMETER : ERROR_INVALID_SID);
        return FALSE;
    }
    BOOLEAN m;
    NTSTATUS status = SeCheckTokenMembership(token, sid, &m);
    *member = m;
    return BaseSetNtStatus(status);
}

/* ---- SIDs -------------------------------------------------------------------------------------------- */

BOOL WINAPI AllocateAndInitializeSid(PSID_IDENTIFIER_AUTHORITY authority, BYTE count, DWORD s0, DWORD s1,
                                     DWORD s2, DWORD s3, DWORD s4, DWORD s5, DWORD s6, DWORD s7, PSID *sid)
{
    return BaseSetNtStatus(RtlAllocateAndInitializeSid(authority, count, s0, s1, s2, s3, s4, s5, s6, s7, sid));
}

PVOID WINAPI FreeSid(PSID sid)
{
    return RtlFreeSid(sid);
}

BOOL WINAPI EqualSid(PSID a, PSID b)
{
    BOOL equal = RtlEqualSid(a, b);
    SetLastError(ERROR_SUCCESS);
    return equal;
}

BOOL WINAPI EqualPrefixSid(PSID a, PSID b)
{
    return RtlEqualPrefixSid(a, b);
}

DWORD WINAPI GetLengthSid(PSID sid)
{
    return RtlLengthSid(sid);
}

DWORD WINAPI GetSidLengthRequired(BYTE count)
{
    return RtlLengthRequiredSid(count);
}

BOOL WINAPI IsValidSid(PSID sid)
{
    return RtlValidSid(sid);
}

BOOL WINAPI CopySid(DWORD length, PSID dst, PSID src)
{
    return BaseSetNtStatus(RtlCopySid(length, dst, src));
}

BOOL WINAPI InitializeSid(PSID sid, PSID_IDENTIFIER_AUTHORITY authority, BYTE count)
{
    return BaseSetNtStatus(RtlInitializeSid(sid, authority, count));
}

PDWORD WINAPI GetSidSubAuthority(PSID sid, DWORD index)
{
    SetLastError(ERROR_SUCCESS);
    return (PDWORD)RtlSubAuthoritySid(sid, index);
}

BYTE *WINAPI GetSidSubAuthorityCount(PSID sid)
{
    SetLastError(ERROR_SUCCESS);
    return RtlSubAuthorityCountSid(sid);
}

PSID_IDENTIFIER_AUTHORITY WINAPI GetSidIdentifierAuthority(PSID sid)
{
    SetLastError(ERROR_SUCCESS);
    return RtlIdentifierAuthoritySid(sid);
}

BOOL WINAPI ConvertSidToStringSidW(PSID sid, LPWSTR *out)
{
    WCHAR buf[16 + 15 * 11];
    if (!out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG n = RtlValidSid(sid) ? RtlpSidToString(sid, buf, ARRAY_SIZE(buf)) : 0;
    if (!n) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    *out = LocalAlloc(0, (n + 1) * sizeof(WCHAR));
    if (!*out) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(*out, buf, (n + 1) * sizeof(WCHAR));
    return TRUE;
}

BOOL WINAPI ConvertSidToStringSidA(PSID sid, LPSTR *out)
{
    WCHAR buf[16 + 15 * 11];
    if (!out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG n = RtlValidSid(sid) ? RtlpSidToString(sid, buf, ARRAY_SIZE(buf)) : 0;
    if (!n) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    *out = LocalAlloc(0, n + 1);
    if (!*out) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    for (ULONG i = 0; i <= n; i++)
        (*out)[i] = (char)buf[i];
    return TRUE;
}

BOOL WINAPI ConvertStringSidToSidW(LPCWSTR text, PSID *out)
{
    BYTE buf[SECURITY_MAX_SID_SIZE];
    if (!text || !out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (RtlpStringToSid(text, buf, sizeof buf) != STATUS_SUCCESS) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    *out = LocalAlloc(0, RtlLengthSid(buf));
    if (!*out) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(*out, buf, RtlLengthSid(buf));
    return TRUE;
}

BOOL WINAPI ConvertStringSidToSidA(LPCSTR text, PSID *out)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(text, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL r = ConvertStringSidToSidW(w, out);
    BaseFreeWide(w);
    return r;
}

/* WELL_KNOWN_SID_TYPE values whose SID needs no domain: authority, count, sub-authorities. */
static const struct {
    BYTE type, authority, count;
    ULONG sub[2];
} well_known_types[] = {
    {0, 0, 1, {0}},        {1, 1, 1, {0}},        {2, 2, 1, {0}},        {3, 3, 1, {0}},
    {4, 3, 1, {1}},        {5, 3, 0, {0}},        {6, 3, 1, {2}},        {7, 5, 0, {0}},
    {8, 5, 1, {1}},        {9, 5, 1, {2}},        {10, 5, 1, {3}},       {11, 5, 1, {4}},
    {12, 5, 1, {6}},       {13, 5, 1, {7}},       {14, 5, 1, {8}},       {15, 5, 1, {9}},
    {16, 5, 1, {10}},      {17, 5, 1, {11}},      {18, 5, 1, {12}},      {19, 5, 1, {13}},
    {20, 5, 1, {14}},      {22, 5, 1, {18}},      {23, 5, 1, {19}},      {24, 5, 1, {20}},
    {25, 5, 1, {32}},      {26, 5, 2, {32, 544}}, {27, 5, 2, {32, 545}}, {28, 5, 2, {32, 546}},
    {29, 5, 2, {32, 547}}, {30, 5, 2, {32, 548}}, {31, 5, 2, {32, 549}}, {32, 5, 2, {32, 550}},
    {33, 5, 2, {32, 551}}, {34, 5, 2, {32, 552}}, {35, 5, 2, {32, 554}}, {36, 5, 2, {32, 555}},
    {37, 5, 2, {32, 556}}, {60, 5, 1, {15}},      {65, 16, 1, {0}},      {66, 16, 1, {4096}},
    {67, 16, 1, {8192}},   {68, 16, 1, {12288}},  {69, 16, 1, {16384}},
};
/* The domain-relative ones: type and RID (WinAccountAdministratorSid ... WinAccountDomainGuestsSid). */
static const struct {
    BYTE type;
    ULONG rid;
} domain_types[] = {{38, 500}, {39, 501}, {40, 502}, {41, 512}, {42, 513}, {43, 514}};

BOOL WINAPI CreateWellKnownSid(ULONG type, PSID domain, PSID sid, DWORD *size)
{
    BYTE buf[SECURITY_MAX_SID_SIZE];
    bool found = false;
    for (size_t i = 0; i < ARRAY_SIZE(well_known_types) && !found; i++) {
        if (well_known_types[i].type != type)
            continue;
        SID_IDENTIFIER_AUTHORITY auth = {{0, 0, 0, 0, 0, well_known_types[i].authority}};
        RtlInitializeSid(buf, &auth, well_known_types[i].count);
        for (ULONG k = 0; k < well_known_types[i].count; k++)
            *RtlSubAuthoritySid(buf, k) = well_known_types[i].sub[k];
        found = true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(domain_types) && !found; i++) {
        if (domain_types[i].type != type)
            continue;
        if (!domain || !RtlValidSid(domain) || *RtlSubAuthorityCountSid(domain) >= SID_MAX_SUB_AUTHORITIES) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        RtlCopySid(sizeof buf, buf, domain);
        BYTE n = (*RtlSubAuthorityCountSid(buf))++;
        *RtlSubAuthoritySid(buf, n) = domain_types[i].rid;
        found = true;
    }
    if (!found || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD need = RtlLengthSid(buf);
    if (!sid || *size < need) {
        *size = need;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(sid, buf, need);
    *size = need;
    return TRUE;
}

BOOL WINAPI IsWellKnownSid(PSID sid, ULONG type)
{
    BYTE buf[SECURITY_MAX_SID_SIZE];
    DWORD size = sizeof buf;
    for (size_t i = 0; i < ARRAY_SIZE(well_known_types); i++)
        if (well_known_types[i].type == type)
            return CreateWellKnownSid(type, NULL, buf, &size) && RtlEqualSid(buf, sid);
    return FALSE;
}

/* ---- account names ----------------------------------------------------------------------------------- */

static DWORD wlen(const WCHAR *s)
{
    DWORD n = 0;
    while (s[n])
        n++;
    return n;
}

/* The Win32 sizes protocol of LookupAccountSid: both buffers big enough, or both sizes set to what is
 * needed (with the NUL) and ERROR_INSUFFICIENT_BUFFER. */
static BOOL put_pair(const WCHAR *a, LPWSTR out_a, DWORD *size_a, const WCHAR *b, LPWSTR out_b, DWORD *size_b)
{
    DWORD na = wlen(a), nb = wlen(b);
    if (!out_a || *size_a <= na || !out_b || *size_b <= nb) {
        *size_a = na + 1;
        *size_b = nb + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(out_a, a, (na + 1) * sizeof(WCHAR));
    *size_a = na;
    memcpy(out_b, b, (nb + 1) * sizeof(WCHAR));
    *size_b = nb;
    return TRUE;
}

BOOL WINAPI LookupAccountSidW(LPCWSTR system, PSID sid, LPWSTR name, LPDWORD name_size, LPWSTR domain,
                              LPDWORD domain_size, PULONG use)
{
    (void)system;   /* only the local machine answers */
    WCHAR n[256], d[64];
    ULONG u;
    if (!name_size || !domain_size || !use) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!RtlValidSid(sid)) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    NTSTATUS status = SeLookupSid(sid, n, ARRAY_SIZE(n), d, ARRAY_SIZE(d), &u);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    if (!put_pair(n, name, name_size, d, domain, domain_size))
        return FALSE;   /* *use stays untouched on failure, as on Windows */
    *use = u;
    return TRUE;
}

BOOL WINAPI LookupAccountSidA(LPCSTR system, PSID sid, LPSTR name, LPDWORD name_size, LPSTR domain,
                              LPDWORD domain_size, PULONG use)
{
    (void)system;
    WCHAR n[256], d[64];
    DWORD nn = ARRAY_SIZE(n), dn = ARRAY_SIZE(d);
    if (!name_size || !domain_size || !use) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG u;
    if (!LookupAccountSidW(NULL, sid, n, &nn, d, &dn, &u))
        return FALSE;
    DWORD need_n = BaseWideResultToAnsi(n, nn, NULL, 0), need_d = BaseWideResultToAnsi(d, dn, NULL, 0);
    if (*name_size < need_n || *domain_size < need_d) {
        *name_size = need_n;
        *domain_size = need_d;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    /* A NULL buffer with a big enough size is accepted and left unwritten (Wine's conformance tests of
     * LookupAccountSidA, run on Windows). */
    *name_size = name ? BaseWideResultToAnsi(n, nn, name, *name_size) : need_n - 1;
    *domain_size = domain ? BaseWideResultToAnsi(d, dn, domain, *domain_size) : need_d - 1;
    *use = u;
    return TRUE;
}

BOOL WINAPI LookupAccountNameW(LPCWSTR system, LPCWSTR name, PSID sid, LPDWORD sid_size, LPWSTR domain,
                               LPDWORD domain_size, PULONG use)
{
    (void)system;
    BYTE buf[SECURITY_MAX_SID_SIZE];
    WCHAR d[64];
    ULONG u;
    if (!name || !sid_size || !domain_size || !use) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = SeLookupName(name, buf, d, ARRAY_SIZE(d), &u);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    DWORD need = RtlLengthSid(buf), nd = wlen(d);
    if (!sid || *sid_size < need || !domain || *domain_size <= nd) {
        *sid_size = need;
        *domain_size = nd + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(sid, buf, need);
    *sid_size = need;
    memcpy(domain, d, (nd + 1) * sizeof(WCHAR));
    *domain_size = nd;
    *use = u;
    return TRUE;
}

BOOL WINAPI LookupAccountNameA(LPCSTR system, LPCSTR name, PSID sid, LPDWORD sid_size, LPSTR domain,
                               LPDWORD domain_size, PULONG use)
{
    (void)system;
    BOOL ok;
    BYTE buf[SECURITY_MAX_SID_SIZE];
    DWORD bs = sizeof buf;
    WCHAR d[64];
    DWORD dn = ARRAY_SIZE(d);
    ULONG u;
    if (!name || !sid_size || !domain_size || !use) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL r = LookupAccountNameW(NULL, w, buf, &bs, d, &dn, &u);
    BaseFreeWide(w);
    if (!r)
        return FALSE;
    DWORD need_d = BaseWideResultToAnsi(d, dn, NULL, 0);
    if (!sid || *sid_size < bs || !domain || *domain_size < need_d) {
        *sid_size = bs;
        *domain_size = need_d;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(sid, buf, bs);
    *sid_size = bs;
    *domain_size = BaseWideResultToAnsi(d, dn, domain, *domain_size);
    *use = u;
    return TRUE;
}

/* The token's user, named: what GetUserName answers on Windows (the name of the security context). */
static NTSTATUS current_user_name(WCHAR *name, ULONG units, WCHAR *domain, ULONG domain_units)
{
    BYTE buf[16 + SECURITY_MAX_SID_SIZE];
    ULONG len, use;
    NTSTATUS status = NtQueryInformationToken((HANDLE)(LONG_PTR)-4, TokenUser, buf, sizeof buf, &len);
    if (status != STATUS_SUCCESS)
        return status;
    return SeLookupSid(((SID_AND_ATTRIBUTES *)buf)->Sid, name, units, domain, domain_units, &use);
}

BOOL WINAPI GetUserNameW(LPWSTR name, LPDWORD size)
{
    WCHAR n[257], d[64];
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = current_user_name(n, ARRAY_SIZE(n), d, ARRAY_SIZE(d));
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    DWORD len = wlen(n);
    if (!name || *size <= len) {
        *size = len + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(name, n, (len + 1) * sizeof(WCHAR));
    *size = len + 1;   /* GetUserName counts the NUL */
    return TRUE;
}

BOOL WINAPI GetUserNameA(LPSTR name, LPDWORD size)
{
    WCHAR n[257], d[64];
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = current_user_name(n, ARRAY_SIZE(n), d, ARRAY_SIZE(d));
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    DWORD need = BaseWideResultToAnsi(n, wlen(n), NULL, 0);
    if (!name || *size < need) {
        *size = need;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    *size = BaseWideResultToAnsi(n, wlen(n), name, *size) + 1;
    return TRUE;
}

/* ---- privileges ------------------------------------------------------------------------------------- */

static const char *const privilege_names[] = {
    [2] = "SeCreateTokenPrivilege",          [3] = "SeAssignPrimaryTokenPrivilege",
    [4] = "SeLockMemoryPrivilege",           [5] = "SeIncreaseQuotaPrivilege",
    [6] = "SeMachineAccountPrivilege",       [7] = "SeTcbPrivilege",
    [8] = "SeSecurityPrivilege",             [9] = "SeTakeOwnershipPrivilege",
    [10] = "SeLoadDriverPrivilege",          [11] = "SeSystemProfilePrivilege",
    [12] = "SeSystemtimePrivilege",          [13] = "SeProfileSingleProcessPrivilege",
    [14] = "SeIncreaseBasePriorityPrivilege", [15] = "SeCreatePagefilePrivilege",
    [16] = "SeCreatePermanentPrivilege",     [17] = "SeBackupPrivilege",
    [18] = "SeRestorePrivilege",             [19] = "SeShutdownPrivilege",
    [20] = "SeDebugPrivilege",               [21] = "SeAuditPrivilege",
    [22] = "SeSystemEnvironmentPrivilege",   [23] = "SeChangeNotifyPrivilege",
    [24] = "SeRemoteShutdownPrivilege",      [25] = "SeUndockPrivilege",
    [26] = "SeSyncAgentPrivilege",           [27] = "SeEnableDelegationPrivilege",
    [28] = "SeManageVolumePrivilege",        [29] = "SeImpersonatePrivilege",
    [30] = "SeCreateGlobalPrivilege",        [31] = "SeTrustedCredManAccessPrivilege",
    [32] = "SeRelabelPrivilege",             [33] = "SeIncreaseWorkingSetPrivilege",
    [34] = "SeTimeZonePrivilege",            [35] = "SeCreateSymbolicLinkPrivilege",
    [36] = "SeDelegateSessionUserImpersonatePrivilege",
};

static bool name_equal(LPCWSTR w, const char *a)
{
    for (; *w && *a; w++, a++) {
        WCHAR x = *w, y = (unsigned char)*a;
        if (x >= 'a' && x <= 'z')
            x -= 32;
        if (y >= 'a' && y <= 'z')
            y -= 32;
        if (x != y)
            return false;
    }
    return !*w && !*a;
}

BOOL WINAPI LookupPrivilegeValueW(LPCWSTR system, LPCWSTR name, PLUID luid)
{
    (void)system;
    if (!name || !luid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    for (ULONG i = 2; i < ARRAY_SIZE(privilege_names); i++) {
        if (name_equal(name, privilege_names[i])) {
            luid->LowPart = i;
            luid->HighPart = 0;
            return TRUE;
        }
    }
    SetLastError(ERROR_NO_SUCH_PRIVILEGE);
    return FALSE;
}

BOOL WINAPI LookupPrivilegeValueA(LPCSTR system, LPCSTR name, PLUID luid)
{
    (void)system;
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL r = LookupPrivilegeValueW(NULL, w, luid);
    BaseFreeWide(w);
    return r;
}

static const char *privilege_name(PLUID luid)
{
    if (!luid || luid->HighPart || luid->LowPart < 2 || luid->LowPart >= ARRAY_SIZE(privilege_names))
        return NULL;
    return privilege_names[luid->LowPart];
}

BOOL WINAPI LookupPrivilegeNameW(LPCWSTR system, PLUID luid, LPWSTR name, LPDWORD size)
{
    (void)system;
    const char *n = privilege_name(luid);
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!n) {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    DWORD len = (DWORD)strlen(n);
    if (!name || *size <= len) {
        *size = len + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    for (DWORD i = 0; i <= len; i++)
        name[i] = (WCHAR)(unsigned char)n[i];
    *size = len;
    return TRUE;
}

BOOL WINAPI LookupPrivilegeNameA(LPCSTR system, PLUID luid, LPSTR name, LPDWORD size)
{
    (void)system;
    const char *n = privilege_name(luid);
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!n) {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    DWORD len = (DWORD)strlen(n);
    if (!name || *size <= len) {
        *size = len + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(name, n, len + 1);
    *size = len;
    return TRUE;
}

/* ---- security descriptors ------------------------------------------------------------------------- */

BOOL WINAPI InitializeSecurityDescriptor(PSECURITY_DESCRIPTOR sd, DWORD revision)
{
    return BaseSetNtStatus(RtlCreateSecurityDescriptor(sd, revision));
}

BOOL WINAPI IsValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd)
{
    if (!RtlValidSecurityDescriptor(sd)) {
        SetLastError(ERROR_INVALID_SECURITY_DESCR);
        return FALSE;
    }
    return TRUE;
}

DWORD WINAPI GetSecurityDescriptorLength(PSECURITY_DESCRIPTOR sd)
{
    return RtlLengthSecurityDescriptor(sd);
}

BOOL WINAPI GetSecurityDescriptorControl(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL *control,
                                         LPDWORD revision)
{
    return BaseSetNtStatus(RtlGetControlSecurityDescriptor(sd, control, (ULONG *)revision));
}

BOOL WINAPI GetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR sd, PSID *owner, PBOOL defaulted)
{
    BOOLEAN d = FALSE;
    NTSTATUS status = RtlGetOwnerSecurityDescriptor(sd, owner, &d);
    *defaulted = d;
    return BaseSetNtStatus(status);
}

BOOL WINAPI SetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR sd, PSID owner, BOOL defaulted)
{
    return BaseSetNtStatus(RtlSetOwnerSecurityDescriptor(sd, owner, (BOOLEAN)defaulted));
}

BOOL WINAPI GetSecurityDescriptorGroup(PSECURITY_DESCRIPTOR sd, PSID *group, PBOOL defaulted)
{
    BOOLEAN d = FALSE;
    NTSTATUS status = RtlGetGroupSecurityDescriptor(sd, group, &d);
    *defaulted = d;
    return BaseSetNtStatus(status);
}

BOOL WINAPI SetSecurityDescriptorGroup(PSECURITY_DESCRIPTOR sd, PSID group, BOOL defaulted)
{
    return BaseSetNtStatus(RtlSetGroupSecurityDescriptor(sd, group, (BOOLEAN)defaulted));
}

BOOL WINAPI GetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR sd, PBOOL present, PACL *dacl, PBOOL defaulted)
{
    BOOLEAN p = FALSE, d = FALSE;
    NTSTATUS status = RtlGetDaclSecurityDescriptor(sd, &p, dacl, &d);
    *present = p;
    if (p)
        *defaulted = d;
    return BaseSetNtStatus(status);
}

BOOL WINAPI SetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR sd, BOOL present, PACL dacl, BOOL defaulted)
{
    return BaseSetNtStatus(RtlSetDaclSecurityDescriptor(sd, (BOOLEAN)present, dacl, (BOOLEAN)defaulted));
}

BOOL WINAPI InitializeAcl(PACL acl, DWORD length, DWORD revision)
{
    return BaseSetNtStatus(RtlCreateAcl(acl, length, revision));
}

BOOL WINAPI IsValidAcl(PACL acl)
{
    return RtlValidAcl(acl);
}

BOOL WINAPI AddAccessAllowedAce(PACL acl, DWORD revision, DWORD mask, PSID sid)
{
    return BaseSetNtStatus(RtlAddAccessAllowedAce(acl, revision, mask, sid));
}

BOOL WINAPI AddAccessDeniedAce(PACL acl, DWORD revision, DWORD mask, PSID sid)
{
    return BaseSetNtStatus(RtlAddAccessDeniedAce(acl, revision, mask, sid));
}

BOOL WINAPI GetAce(PACL acl, DWORD index, LPVOID *ace)
{
    return BaseSetNtStatus(RtlGetAce(acl, index, ace));
}

/* ---- file security ---------------------------------------------------------------------------------- */

#define READ_CONTROL 0x00020000

BOOL WINAPI GetFileSecurityW(LPCWSTR path, DWORD info, PSECURITY_DESCRIPTOR sd, DWORD length, LPDWORD needed)
{
    HANDLE h;
    if (!needed) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NTSTATUS status = BaseOpenPath(path, READ_CONTROL, 0, &h);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    status = NtQuerySecurityObject(h, info, sd, length, (PULONG)needed);
    NtClose(h);
    return BaseSetNtStatus(status);
}

BOOL WINAPI GetFileSecurityA(LPCSTR path, DWORD info, PSECURITY_DESCRIPTOR sd, DWORD length, LPDWORD needed)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL r = GetFileSecurityW(w, info, sd, length, needed);
    BaseFreeWide(w);
    return r;
}

enum { SE_UNKNOWN_OBJECT_TYPE, SE_FILE_OBJECT };

/* Files only: other object types (services, printers, registry keys, ...) have no security here, which
 * is ERROR_CALL_NOT_IMPLEMENTED rather than a made-up descriptor. Returns a Win32 error, as documented. */
DWORD WINAPI GetNamedSecurityInfoW(LPCWSTR name, ULONG type, DWORD info, PSID *owner, PSID *group, PACL *dacl,
                                   PACL *sacl, PSECURITY_DESCRIPTOR *out)
{
    if (!name || (!out && (!owner && (info & OWNER_SECURITY_INFORMATION))))
        return ERROR_INVALID_PARAMETER;
    if (type != SE_FILE_OBJECT)
        return ERROR_CALL_NOT_IMPLEMENTED;
    DWORD need = 0;
    if (GetFileSecurityW(name, info, NULL, 0, &need) || GetLastError() != ERROR_INSUFFICIENT_BUFFER)
        return GetLastError();
    PSECURITY_DESCRIPTOR sd = LocalAlloc(0, need);
    if (!sd)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!GetFileSecurityW(name, info, sd, need, &need)) {
        DWORD e = GetLastError();
        LocalFree(sd);
        return e;
    }
    BOOLEAN present, defaulted;
    PACL acl = NULL;
    if (owner)
        RtlGetOwnerSecurityDescriptor(sd, owner, &defaulted);
    if (group)
        RtlGetGroupSecurityDescriptor(sd, group, &defaulted);
    if (dacl) {
        RtlGetDaclSecurityDescriptor(sd, &present, &acl, &defaulted);
        *dacl = present ? acl : NULL;
    }
    if (sacl)
        *sacl = NULL;
    if (out)
        *out = sd;
    else
        LocalFree(sd);   /* documented: the pointers then point into freed memory; callers pass out */
    return ERROR_SUCCESS;
}

/* ---- event log ----------------------------------------------------------------------------------------
 * There is no event log service. Registering a source succeeds and reports succeed, written nowhere
 * unless NTEXEC_EVENTLOG is set in the environment: then each goes to stderr as
 * "eventlog: SOURCE type T id I: strings" (docs/DESIGN.md "Identity and security"). */

struct event_source {
    DWORD magic;
    char name[64];
};
#define EVENT_SOURCE_MAGIC 0x45564C47

HANDLE WINAPI RegisterEventSourceW(LPCWSTR server, LPCWSTR source)
{
    (void)server;
    if (!source) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct event_source *s = LocalAlloc(0x40, sizeof *s);
    if (!s) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    s->magic = EVENT_SOURCE_MAGIC;
    BaseWideResultToAnsi(source, wlen(source), s->name, sizeof s->name);
    return s;
}

HANDLE WINAPI RegisterEventSourceA(LPCSTR server, LPCSTR source)
{
    (void)server;
    BOOL ok;
    if (!source) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    WCHAR *w = BaseAnsiToWide(source, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HANDLE h = RegisterEventSourceW(NULL, w);
    BaseFreeWide(w);
    return h;
}

BOOL WINAPI DeregisterEventSource(HANDLE h)
{
    struct event_source *s = h;
    if (!s || s->magic != EVENT_SOURCE_MAGIC) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    s->magic = 0;
    LocalFree(s);
    return TRUE;
}

static void format_ulong(char out[12], ULONG v)
{
    char tmp[12];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while (v /= 10);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

static void event_line(struct event_source *s, WORD type, DWORD id, const char *text)
{
    char line[1024];
    size_t n = 0;
    const char *parts[] = {"eventlog: ", s->name, " type ", NULL, " id ", NULL, ": ", text, "\n"};
    char t[12], i[12];
    format_ulong(t, type);
    format_ulong(i, id & 0xFFFF);
    parts[3] = t, parts[5] = i;
    for (size_t k = 0; k < ARRAY_SIZE(parts); k++)
        for (const char *p = parts[k]; *p && n + 1 < sizeof line; p++)
            line[n++] = *p;
    DWORD written;
    WriteFile(GetStdHandle((DWORD)-12), line, (DWORD)n, &written, NULL);
}

static bool eventlog_to_stderr(void)
{
    WCHAR v[4];
    return GetEnvironmentVariableW(u"NTEXEC_EVENTLOG", v, ARRAY_SIZE(v)) != 0;
}

BOOL WINAPI ReportEventW(HANDLE h, WORD type, WORD category, DWORD id, PSID sid, WORD count, DWORD data_size,
                         LPCWSTR *strings, LPVOID data)
{
    (void)category, (void)sid, (void)data_size, (void)data;
    struct event_source *s = h;
    if (!s || s->magic != EVENT_SOURCE_MAGIC) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (count && !strings) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!eventlog_to_stderr())
        return TRUE;
    char text[768];
    size_t n = 0;
    for (WORD k = 0; k < count; k++) {
        if (k && n + 1 < sizeof text)
            text[n++] = ' ';
        if (strings[k])
            n += BaseWideResultToAnsi(strings[k], wlen(strings[k]), text + n, (DWORD)(sizeof text - n)) %
                 (sizeof text - n);
    }
    text[n < sizeof text ? n : sizeof text - 1] = 0;
    event_line(s, type, id, text);
    return TRUE;
}

BOOL WINAPI ReportEventA(HANDLE h, WORD type, WORD category, DWORD id, PSID sid, WORD count, DWORD data_size,
                         LPCSTR *strings, LPVOID data)
{
    (void)category, (void)sid, (void)data_size, (void)data;
    struct event_source *s = h;
    if (!s || s->magic != EVENT_SOURCE_MAGIC) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (count && !strings) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!eventlog_to_stderr())
        return TRUE;
    char text[768];
    size_t n = 0;
    for (WORD k = 0; k < count && n + 2 < sizeof text; k++) {
        if (k)
            text[n++] = ' ';
        for (const char *p = strings[k] ? strings[k] : ""; *p && n + 1 < sizeof text; p++)
            text[n++] = *p;
    }
    text[n] = 0;
    event_line(s, type, id, text);
    return TRUE;
}
