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

BOOL WINAPI SetSecurityDescriptorSacl(PSECURITY_DESCRIPTOR sd, BOOL present, PACL sacl, BOOL defaulted)
{
    return BaseSetNtStatus(RtlSetSaclSecurityDescriptor(sd, (BOOLEAN)present, sacl, (BOOLEAN)defaulted));
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

#define WRITE_DAC   0x00040000
#define WRITE_OWNER 0x00080000

/* The rights a descriptor write needs: WRITE_DAC for the DACL, WRITE_OWNER for owner and group. */
static ACCESS_MASK set_access(DWORD info)
{
    return ((info & DACL_SECURITY_INFORMATION) ? WRITE_DAC : 0) |
           ((info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION)) ? WRITE_OWNER : 0);
}

BOOL WINAPI SetFileSecurityW(LPCWSTR path, DWORD info, PSECURITY_DESCRIPTOR sd)
{
    HANDLE h;
    NTSTATUS status = BaseOpenPath(path, set_access(info), 0, &h);
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    status = NtSetSecurityObject(h, info, sd);
    NtClose(h);
    return BaseSetNtStatus(status);
}

BOOL WINAPI SetFileSecurityA(LPCSTR path, DWORD info, PSECURITY_DESCRIPTOR sd)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL r = SetFileSecurityW(w, info, sd);
    BaseFreeWide(w);
    return r;
}

BOOL WINAPI SetKernelObjectSecurity(HANDLE h, DWORD info, PSECURITY_DESCRIPTOR sd)
{
    return BaseSetNtStatus(NtSetSecurityObject(h, info, sd));
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

/* The SECURITY_INFORMATION parts of a descriptor, as GetSecurityInfo and GetNamedSecurityInfo hand them out:
 * pointers into sd. */
static void split_descriptor(PSECURITY_DESCRIPTOR sd, PSID *owner, PSID *group, PACL *dacl, PACL *sacl)
{
    BOOLEAN present = FALSE, defaulted;
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
}

BOOL WINAPI GetKernelObjectSecurity(HANDLE h, DWORD info, PSECURITY_DESCRIPTOR sd, DWORD length, LPDWORD needed)
{
    if (!needed) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    return BaseSetNtStatus(NtQuerySecurityObject(h, info, sd, length, (PULONG)needed));
}

enum { SE_KERNEL_OBJECT = 6 };

/* Files and kernel objects, through NtQuerySecurityObject as on Windows; the other object types
 * (services, printers, registry keys, window stations, ...) have no security here: ERROR_CALL_NOT_IMPLEMENTED.
 * The parts asked for point into *out, one LocalAlloc block; with no out, the SACL can't be asked
 * either (ERROR_INVALID_PARAMETER, as Windows answers). Returns a Win32 error, as documented. */
DWORD WINAPI GetSecurityInfo(HANDLE h, ULONG type, DWORD info, PSID *owner, PSID *group, PACL *dacl, PACL *sacl,
                             PSECURITY_DESCRIPTOR *out)
{
    if ((info & OWNER_SECURITY_INFORMATION && !owner && !out) || (info & GROUP_SECURITY_INFORMATION && !group && !out) ||
        (info & DACL_SECURITY_INFORMATION && !dacl && !out) || (info & SACL_SECURITY_INFORMATION && !sacl && !out))
        return ERROR_INVALID_PARAMETER;
    if (type != SE_FILE_OBJECT && type != SE_KERNEL_OBJECT)
        return ERROR_CALL_NOT_IMPLEMENTED;
    ULONG need = 0;
    NTSTATUS status = NtQuerySecurityObject(h, info, NULL, 0, &need);
    if (status != STATUS_BUFFER_TOO_SMALL)
        return RtlNtStatusToDosError(status == STATUS_SUCCESS ? STATUS_INVALID_PARAMETER : status);
    PSECURITY_DESCRIPTOR sd = LocalAlloc(0, need);
    if (!sd)
        return ERROR_NOT_ENOUGH_MEMORY;
    status = NtQuerySecurityObject(h, info, sd, need, &need);
    if (status != STATUS_SUCCESS) {
        LocalFree(sd);
        return RtlNtStatusToDosError(status);
    }
    split_descriptor(sd, info & OWNER_SECURITY_INFORMATION ? owner : NULL,
                     info & GROUP_SECURITY_INFORMATION ? group : NULL, info & DACL_SECURITY_INFORMATION ? dacl : NULL,
                     info & SACL_SECURITY_INFORMATION ? sacl : NULL);
    if (out)
        *out = sd;
    else
        LocalFree(sd);   /* documented: the pointers then point into freed memory; callers pass out */
    return ERROR_SUCCESS;
}

DWORD WINAPI GetNamedSecurityInfoA(LPCSTR name, ULONG type, DWORD info, PSID *owner, PSID *group, PACL *dacl,
                                   PACL *sacl, PSECURITY_DESCRIPTOR *out)
{
    BOOL ok;
    if (!name)
        return ERROR_INVALID_PARAMETER;
    WCHAR *w = BaseAnsiToWide(name, &ok);
    if (!ok)
        return ERROR_NOT_ENOUGH_MEMORY;
    DWORD r = GetNamedSecurityInfoW(w, type, info, owner, group, dacl, sacl, out);
    BaseFreeWide(w);
    return r;
}

/* ---- SDDL: security descriptor strings --------------------------------------------------------------
 * Microsoft's "Security Descriptor String Format": O:owner G:group D:dacl_flags(ace)(ace)... S:sacl. Owner,
 * group and the DACL with allow and deny ACEs are kept; SACLs, object ACEs and conditional ACEs have no
 * place in this descriptor model: ERROR_CALL_NOT_IMPLEMENTED rather than a descriptor that drops them. */

#define SDDL_REVISION_1            1
#define SE_DACL_AUTO_INHERIT_REQ   0x0100
#define SE_DACL_AUTO_INHERITED     0x0400
#define SE_DACL_PROTECTED_BIT      0x1000

static const char sid_aliases[][3] = {"WD", "CO", "CG", "NU", "IU", "SU", "AN", "ED", "PS", "AU", "RC", "SY",
                                      "LS", "NS", "BA", "BU", "BG", "PU", "AO", "SO", "PO", "BO", "RE", "RU",
                                      "RD", "NO", "LW", "ME", "HI", "SI"};
static const char ace_flag_names[][3] = {"OI", "CI", "NP", "IO", "ID", "", "SA", "FA"};   /* bit i */
static const struct {
    char name[3];
    ACCESS_MASK mask;
} named_rights[] = {
    {"GA", 0x10000000}, {"GR", 0x80000000}, {"GW", 0x40000000}, {"GX", 0x20000000}, {"RC", 0x00020000},
    {"SD", 0x00010000}, {"WD", 0x00040000}, {"WO", 0x00080000}, {"RP", 0x00000010}, {"WP", 0x00000020},
    {"CC", 0x00000001}, {"DC", 0x00000002}, {"LC", 0x00000004}, {"SW", 0x00000008}, {"LO", 0x00000080},
    {"DT", 0x00000040}, {"CR", 0x00000100}, {"FA", 0x001F01FF}, {"FR", 0x00120089}, {"FW", 0x00120116},
    {"FX", 0x001200A0}, {"KA", 0x000F003F}, {"KR", 0x00020019}, {"KW", 0x00020006}, {"KX", 0x00020019},
};
/* The single-bit names a mask is spelled with when it is no named right (bit i; "" = none). */
static const char right_bits[32][3] = {"CC", "DC", "LC", "SW", "RP", "WP", "DT", "LO", "CR", "", "", "", "", "", "",
                                       "",   "SD", "RC", "WD", "WO", "",   "",   "",   "",   "",   "", "", "", "GA",
                                       "GX", "GW", "GR"};

struct sddl_out {
    WCHAR *buf;
    size_t len, cap;
    bool failed;
};

static void out_str(struct sddl_out *o, const char *s)
{
    for (; *s; s++) {
        if (o->len + 1 >= o->cap) {
            size_t cap = o->cap ? o->cap * 2 : 256;
            WCHAR *b = LocalAlloc(0, cap * sizeof(WCHAR));
            if (!b) {
                o->failed = true;
                return;
            }
            if (o->buf) {
                memcpy(b, o->buf, o->len * sizeof(WCHAR));
                LocalFree(o->buf);
            }
            o->buf = b;
            o->cap = cap;
        }
        o->buf[o->len++] = (WCHAR)(unsigned char)*s;
    }
}

static void out_sid(struct sddl_out *o, PSID sid)
{
    BYTE buf[SECURITY_MAX_SID_SIZE];
    WCHAR w[3] = {0};
    for (size_t i = 0; i < ARRAY_SIZE(sid_aliases); i++) {
        w[0] = (WCHAR)sid_aliases[i][0], w[1] = (WCHAR)sid_aliases[i][1];
        if (RtlpStringToSid(w, buf, sizeof buf) == STATUS_SUCCESS && RtlEqualSid(buf, sid)) {
            out_str(o, sid_aliases[i]);
            return;
        }
    }
    WCHAR text[16 + 15 * 11];
    char a[ARRAY_SIZE(text)];
    ULONG n = RtlpSidToString(sid, text, ARRAY_SIZE(text));
    for (ULONG i = 0; i <= n; i++)
        a[i] = (char)text[i];
    out_str(o, a);
}

static void out_rights(struct sddl_out *o, ACCESS_MASK mask)
{
    if (!mask)
        return;
    for (size_t i = 0; i < ARRAY_SIZE(named_rights); i++)
        if (named_rights[i].mask == mask) {
            out_str(o, named_rights[i].name);
            return;
        }
    for (int i = 0; i < 32; i++)
        if ((mask >> i & 1) && !right_bits[i][0]) {
            char hex[12] = "0x";
            int n = 2;
            for (int sh = 28; sh >= 0; sh -= 4)
                if (mask >> sh || sh == 0 || n > 2)
                    hex[n++] = "0123456789abcdef"[mask >> sh & 15];
            hex[n] = 0;
            out_str(o, hex);
            return;
        }
    for (int i = 0; i < 32; i++)
        if (mask >> i & 1)
            out_str(o, right_bits[i]);
}

static bool out_acl(struct sddl_out *o, PACL acl)
{
    for (WORD i = 0; i < acl->AceCount; i++) {
        ACCESS_ALLOWED_ACE *ace;
        if (RtlGetAce(acl, i, (PVOID *)&ace) != STATUS_SUCCESS)
            return false;
        if (ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE && ace->Header.AceType != ACCESS_DENIED_ACE_TYPE)
            return false;
        out_str(o, ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE ? "(A;" : "(D;");
        for (int b = 0; b < 8; b++)
            if (ace->Header.AceFlags >> b & 1)
                out_str(o, ace_flag_names[b]);
        out_str(o, ";");
        out_rights(o, ace->Mask);
        out_str(o, ";;;");
        out_sid(o, &ace->SidStart);
        out_str(o, ")");
    }
    return true;
}

/* The descriptor as an SDDL string in a LocalAlloc block; NULL with the Win32 error set. */
static WCHAR *descriptor_to_sddl(PSECURITY_DESCRIPTOR sd, DWORD revision, DWORD info, size_t *len)
{
    if (revision != SDDL_REVISION_1) {
        SetLastError(ERROR_UNKNOWN_REVISION);
        return NULL;
    }
    if (!sd || !RtlValidSecurityDescriptor(sd)) {
        SetLastError(ERROR_INVALID_SECURITY_DESCR);
        return NULL;
    }
    struct sddl_out o = {0};
    PSID sid;
    BOOLEAN present, defaulted;
    PACL acl;
    SECURITY_DESCRIPTOR_CONTROL control;
    ULONG rev;
    RtlGetControlSecurityDescriptor(sd, &control, &rev);
    if (info & OWNER_SECURITY_INFORMATION && RtlGetOwnerSecurityDescriptor(sd, &sid, &defaulted) == STATUS_SUCCESS &&
        sid) {
        out_str(&o, "O:");
        out_sid(&o, sid);
    }
    if (info & GROUP_SECURITY_INFORMATION && RtlGetGroupSecurityDescriptor(sd, &sid, &defaulted) == STATUS_SUCCESS &&
        sid) {
        out_str(&o, "G:");
        out_sid(&o, sid);
    }
    if (info & DACL_SECURITY_INFORMATION && RtlGetDaclSecurityDescriptor(sd, &present, &acl, &defaulted) ==
                                                STATUS_SUCCESS && present) {
        out_str(&o, "D:");
        if (control & SE_DACL_PROTECTED_BIT)
            out_str(&o, "P");
        if (control & SE_DACL_AUTO_INHERIT_REQ)
            out_str(&o, "AR");
        if (control & SE_DACL_AUTO_INHERITED)
            out_str(&o, "AI");
        if (!acl)
            out_str(&o, "NO_ACCESS_CONTROL");
        else if (!out_acl(&o, acl)) {
            LocalFree(o.buf);
            SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
            return NULL;
        }
    }
    out_str(&o, "");
    if (!o.buf)   /* an empty string still needs its block */
        o.buf = LocalAlloc(0, sizeof(WCHAR)), o.failed = !o.buf;
    if (o.failed) {
        LocalFree(o.buf);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    o.buf[o.len] = 0;
    *len = o.len;
    return o.buf;
}

BOOL WINAPI ConvertSecurityDescriptorToStringSecurityDescriptorW(PSECURITY_DESCRIPTOR sd, DWORD revision, DWORD info,
                                                                 LPWSTR *out, PULONG out_len)
{
    size_t n;
    if (!out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *w = descriptor_to_sddl(sd, revision, info, &n);
    if (!w)
        return FALSE;
    *out = w;
    if (out_len)
        *out_len = (ULONG)n + 1;
    return TRUE;
}

BOOL WINAPI ConvertSecurityDescriptorToStringSecurityDescriptorA(PSECURITY_DESCRIPTOR sd, DWORD revision, DWORD info,
                                                                 LPSTR *out, PULONG out_len)
{
    size_t n;
    if (!out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *w = descriptor_to_sddl(sd, revision, info, &n);
    if (!w)
        return FALSE;
    char *a = LocalAlloc(0, n + 1);
    if (!a) {
        LocalFree(w);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    for (size_t i = 0; i <= n; i++)
        a[i] = (char)w[i];   /* SDDL is ASCII */
    LocalFree(w);
    *out = a;
    if (out_len)
        *out_len = (ULONG)n + 1;
    return TRUE;
}

/* Parsing: a SID is an alias (two letters) or "S-1-..." up to the next ';', ')' or section letter. */
static bool parse_sid(const WCHAR **pp, BYTE sid[SECURITY_MAX_SID_SIZE], DWORD *error)
{
    const WCHAR *p = *pp;
    WCHAR text[16 + 15 * 11];
    size_t n = 0;
    if ((p[0] == 'S' || p[0] == 's') && p[1] == '-') {
        while (p[n] && p[n] != ';' && p[n] != ')' && !(p[n + 1] == ':' && n > 0) && n + 1 < ARRAY_SIZE(text)) {
            text[n] = p[n];
            n++;
        }
    } else if (p[0] && p[1]) {
        text[0] = p[0], text[1] = p[1];
        n = 2;
    }
    text[n] = 0;
    if (!n || RtlpStringToSid(text, sid, SECURITY_MAX_SID_SIZE) != STATUS_SUCCESS) {
        *error = ERROR_INVALID_SID;
        return false;
    }
    *pp = p + n;
    return true;
}

static bool match2(const WCHAR *p, const char *s)
{
    return p[0] == (WCHAR)s[0] && p[1] == (WCHAR)s[1];
}

struct parsed_ace {
    BYTE type, flags;
    ACCESS_MASK mask;
    BYTE sid[SECURITY_MAX_SID_SIZE];
};

static bool parse_ace(const WCHAR **pp, struct parsed_ace *ace, DWORD *error)
{
    const WCHAR *p = *pp + 1;   /* past '(' */
    *error = ERROR_INVALID_ACL;   /* what Windows answers for a malformed ACE string, its rights or its SID */
    if (p[0] == 'A' && p[1] == ';')
        ace->type = ACCESS_ALLOWED_ACE_TYPE, p += 1;
    else if (p[0] == 'D' && p[1] == ';')
        ace->type = ACCESS_DENIED_ACE_TYPE, p += 1;
    else {
        static const char *other[] = {"OA;", "OD;", "AU;", "AL;", "OU;", "OL;", "ML;", "XA;", "XD;", "ZA;", "XU;",
                                      "RA;", "SP;", "CA;", "SI;", "TL;", "FL;"};
        for (size_t i = 0; i < ARRAY_SIZE(other); i++)
            if (match2(p, other[i]) && p[2] == ';')
                *error = ERROR_CALL_NOT_IMPLEMENTED;
        return false;
    }
    p++;   /* ';' */
    ace->flags = 0;
    while (*p != ';') {
        int b = -1;
        for (int i = 0; i < 8; i++)
            if (ace_flag_names[i][0] && match2(p, ace_flag_names[i]))
                b = i;
        if (b < 0)
            return false;
        ace->flags |= (BYTE)(1 << b);
        p += 2;
    }
    p++;
    ace->mask = 0;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        const WCHAR *start = p;
        for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'); p++)
            ace->mask = ace->mask << 4 | (ACCESS_MASK)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
        if (p == start || p - start > 8)
            return false;
    } else if (*p >= '0' && *p <= '9') {
        for (; *p >= '0' && *p <= '9'; p++)
            ace->mask = ace->mask * 10 + (ACCESS_MASK)(*p - '0');
    } else {
        while (*p != ';') {
            size_t i = 0;
            while (i < ARRAY_SIZE(named_rights) && !match2(p, named_rights[i].name))
                i++;
            if (i == ARRAY_SIZE(named_rights))
                return false;
            ace->mask |= named_rights[i].mask;
            p += 2;
        }
    }
    if (*p++ != ';')
        return false;
    if (*p != ';') {   /* an object type GUID: object ACEs only */
        *error = ERROR_CALL_NOT_IMPLEMENTED;
        return false;
    }
    p++;
    if (*p != ';') {
        *error = ERROR_CALL_NOT_IMPLEMENTED;
        return false;
    }
    p++;
    if (!parse_sid(&p, ace->sid, error)) {
        *error = ERROR_INVALID_ACL;
        return false;
    }
    if (*p != ')')
        return false;
    *pp = p + 1;
    *error = ERROR_SUCCESS;
    return true;
}

/* Builds a self-relative descriptor: header, DACL, owner, group (the order RtlMakeSelfRelativeSD uses). */
static DWORD sddl_to_descriptor(const WCHAR *p, PSECURITY_DESCRIPTOR *out, ULONG *out_size)
{
    BYTE owner[SECURITY_MAX_SID_SIZE], group[SECURITY_MAX_SID_SIZE];
    bool has_owner = false, has_group = false, has_dacl = false, null_dacl = false;
    WORD control = SE_SELF_RELATIVE;
    struct parsed_ace *aces = NULL;
    size_t naces = 0, cap = 0;
    DWORD error = ERROR_SUCCESS;
    while (*p == ' ')
        p++;
    while (*p && error == ERROR_SUCCESS) {
        WCHAR part = *p;
        if (p[1] != ':') {
            error = ERROR_INVALID_PARAMETER;
            break;
        }
        p += 2;
        if (part == 'O' && !has_owner) {
            has_owner = parse_sid(&p, owner, &error);
        } else if (part == 'G' && !has_group) {
            has_group = parse_sid(&p, group, &error);
        } else if (part == 'D' && !has_dacl) {
            has_dacl = true;
            for (;;) {
                if (*p == 'P' && p[1] != ':')
                    control |= SE_DACL_PROTECTED_BIT, p++;
                else if (match2(p, "AR"))
                    control |= SE_DACL_AUTO_INHERIT_REQ, p += 2;
                else if (match2(p, "AI"))
                    control |= SE_DACL_AUTO_INHERITED, p += 2;
                else
                    break;
            }
            static const char nac[] = "NO_ACCESS_CONTROL";
            size_t k = 0;
            while (nac[k] && p[k] == (WCHAR)nac[k])
                k++;
            if (!nac[k]) {
                null_dacl = true;
                p += k;
            }
            while (*p == '(' && !null_dacl) {
                if (naces == cap) {
                    size_t ncap = cap ? cap * 2 : 8;
                    struct parsed_ace *n = LocalAlloc(0, ncap * sizeof *n);
                    if (!n) {
                        error = ERROR_NOT_ENOUGH_MEMORY;
                        break;
                    }
                    if (aces) {
                        memcpy(n, aces, naces * sizeof *n);
                        LocalFree(aces);
                    }
                    aces = n;
                    cap = ncap;
                }
                if (!parse_ace(&p, &aces[naces], &error))
                    break;
                naces++;
            }
        } else if (part == 'S') {
            error = ERROR_CALL_NOT_IMPLEMENTED;   /* no SACLs in this descriptor model */
        } else {
            error = ERROR_INVALID_PARAMETER;
        }
        while (error == ERROR_SUCCESS && *p == ' ')
            p++;
    }
    if (error != ERROR_SUCCESS) {
        LocalFree(aces);
        return error;
    }
    ULONG acl_size = sizeof(ACL);
    for (size_t i = 0; i < naces; i++)
        acl_size += (ULONG)(sizeof(ACCESS_ALLOWED_ACE) - sizeof(ULONG)) + RtlLengthSid(aces[i].sid);
    ULONG size = sizeof(SECURITY_DESCRIPTOR_RELATIVE) + (has_dacl && !null_dacl ? acl_size : 0) +
                 (has_owner ? RtlLengthSid(owner) : 0) + (has_group ? RtlLengthSid(group) : 0);
    BYTE *sd = LocalAlloc(0x40 /* LMEM_ZEROINIT */, size);
    if (!sd) {
        LocalFree(aces);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    SECURITY_DESCRIPTOR_RELATIVE *h = (SECURITY_DESCRIPTOR_RELATIVE *)sd;
    ULONG at = sizeof *h;
    h->Revision = SECURITY_DESCRIPTOR_REVISION;
    if (has_dacl) {
        control |= SE_DACL_PRESENT;
        if (!null_dacl) {
            ACL *acl = (ACL *)(sd + at);
            RtlCreateAcl(acl, acl_size, ACL_REVISION);
            for (size_t i = 0; i < naces; i++) {
                ACCESS_ALLOWED_ACE *ace;
                (aces[i].type == ACCESS_ALLOWED_ACE_TYPE ? RtlAddAccessAllowedAce : RtlAddAccessDeniedAce)(
                    acl, ACL_REVISION, aces[i].mask, aces[i].sid);
                RtlGetAce(acl, (ULONG)i, (PVOID *)&ace);
                ace->Header.AceFlags = aces[i].flags;
            }
            h->Dacl = at;
            at += acl_size;
        }
    }
    if (has_owner) {
        memcpy(sd + at, owner, RtlLengthSid(owner));
        h->Owner = at;
        at += RtlLengthSid(owner);
    }
    if (has_group) {
        memcpy(sd + at, group, RtlLengthSid(group));
        h->Group = at;
    }
    h->Control = control;
    LocalFree(aces);
    *out = sd;
    if (out_size)
        *out_size = size;
    return ERROR_SUCCESS;
}

BOOL WINAPI ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR text, DWORD revision,
                                                                 PSECURITY_DESCRIPTOR *out, PULONG out_size)
{
    if (!text || !out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (revision != SDDL_REVISION_1) {
        SetLastError(ERROR_UNKNOWN_REVISION);
        return FALSE;
    }
    DWORD error = sddl_to_descriptor(text, out, out_size);
    if (error != ERROR_SUCCESS) {
        SetLastError(error);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI ConvertStringSecurityDescriptorToSecurityDescriptorA(LPCSTR text, DWORD revision,
                                                                 PSECURITY_DESCRIPTOR *out, PULONG out_size)
{
    BOOL ok;
    if (!text) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *w = BaseAnsiToWide(text, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL r = ConvertStringSecurityDescriptorToSecurityDescriptorW(w, revision, out, out_size);
    BaseFreeWide(w);
    return r;
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
