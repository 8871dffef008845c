/*
 * The machine's identities: which SID a host user or group has, and the names of SIDs (the part of
 * lsass that LookupAccountSid and LookupAccountName reach). See se/se.h for the scheme.
 */
#include <string.h>

#include "host/identity.h"
#include "se/se.h"

static const SID_IDENTIFIER_AUTHORITY nt_authority = {{0, 0, 0, 0, 0, 5}};
static const SID_IDENTIFIER_AUTHORITY unix_authority = {{0, 0, 0, 0, 0, 22}};

/* FNV-1a over a salt and the machine id: a one-way, stable number (the machine-id is meant to stay
 * private, so it is never shown as such). */
static ULONG hash_machine_id(const char *hex, char salt)
{
    uint64_t h = 0xcbf29ce484222325ull;
    const char prefix[] = "ntexec account domain ";
    for (size_t i = 0; i < sizeof prefix - 1; i++)
        h = (h ^ (unsigned char)prefix[i]) * 0x100000001b3ull;
    h = (h ^ (unsigned char)salt) * 0x100000001b3ull;
    for (size_t i = 0; hex[i]; i++)
        h = (h ^ (unsigned char)hex[i]) * 0x100000001b3ull;
    return (ULONG)(h ^ (h >> 32));
}

void SeDomainSid(PSID sid)
{
    static ULONG sub[3];
    static volatile int ready;
    if (!ready) {
        char hex[33];
        if (host_machine_id(hex) == STATUS_SUCCESS)
            for (int i = 0; i < 3; i++)
                sub[i] = hash_machine_id(hex, (char)('1' + i));
        ready = 1;
    }
    RtlInitializeSid(sid, (PSID_IDENTIFIER_AUTHORITY)&nt_authority, 4);
    *RtlSubAuthoritySid(sid, 0) = 21;
    for (int i = 0; i < 3; i++)
        *RtlSubAuthoritySid(sid, 1 + i) = sub[i];
}

ULONG SeCurrentUid(void)
{
    return host_getuid();
}

void SeUidToSid(ULONG uid, PSID sid)
{
    if (uid == SeCurrentUid()) {
        SeDomainSid(sid);
        *RtlSubAuthorityCountSid(sid) = 5;
        *RtlSubAuthoritySid(sid, 4) = 1000 + uid;
        return;
    }
    RtlInitializeSid(sid, (PSID_IDENTIFIER_AUTHORITY)&unix_authority, 2);
    *RtlSubAuthoritySid(sid, 0) = 1;
    *RtlSubAuthoritySid(sid, 1) = uid;
}

void SeGidToSid(ULONG gid, PSID sid)
{
    RtlInitializeSid(sid, (PSID_IDENTIFIER_AUTHORITY)&unix_authority, 2);
    *RtlSubAuthoritySid(sid, 0) = 2;
    *RtlSubAuthoritySid(sid, 1) = gid;
}

void SeHostName(char *name, size_t size)
{
    if (host_hostname(name, size) != STATUS_SUCCESS || !name[0])
        strncpy(name, "ntexec", size - 1);
    name[size - 1] = 0;
}

void SeComputerName(WCHAR name[16])
{
    char host[256];
    if (host_hostname(host, sizeof host) != STATUS_SUCCESS || !host[0])
        strcpy(host, "NTEXEC");
    size_t n = 0;
    for (; host[n] && host[n] != '.' && n < 15; n++)
        name[n] = (WCHAR)(host[n] >= 'a' && host[n] <= 'z' ? host[n] - 32 : (unsigned char)host[n]);
    name[n] = 0;
}

/* UTF-8 to NUL-terminated UTF-16, truncated to units (which must be > 0). */
static void utf8_to_wide(WCHAR *out, ULONG units, const char *s)
{
    ULONG n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n + 1 < units) {
        uint32_t cp = *p++;
        int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (more)
            cp &= 0x3Fu >> more;
        for (; more && (*p & 0xC0) == 0x80; more--)
            cp = cp << 6 | (*p++ & 0x3F);
        if (cp >= 0x10000) {
            if (n + 2 >= units)
                break;
            cp -= 0x10000;
            out[n++] = (WCHAR)(0xD800 | cp >> 10);
            out[n++] = (WCHAR)(0xDC00 | (cp & 0x3FF));
        } else {
            out[n++] = (WCHAR)cp;
        }
    }
    out[n] = 0;
}

static void ascii_to_wide(WCHAR *out, ULONG units, const char *s)
{
    utf8_to_wide(out, units, s);
}

static void wcsncpy_w(WCHAR *out, ULONG units, const WCHAR *s)
{
    ULONG n = 0;
    for (; s[n] && n + 1 < units; n++)
        out[n] = s[n];
    out[n] = 0;
}

/* The login name of host user uid: the passwd entry, else (for the current user) $USER. */
static NTSTATUS user_name(ULONG uid, char *name, size_t size)
{
    if (host_passwd_by_uid(uid, name, size, NULL, 0) == STATUS_SUCCESS)
        return STATUS_SUCCESS;
    if (uid != SeCurrentUid())
        return STATUS_NONE_MAPPED;
    strncpy(name, host_user_name(), size - 1);
    name[size - 1] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS SeQueryDisplayName(ULONG uid, WCHAR *name, ULONG units)
{
    char login[256], gecos[256];
    if (host_passwd_by_uid(uid, login, sizeof login, gecos, sizeof gecos) != STATUS_SUCCESS)
        return STATUS_NONE_MAPPED;
    utf8_to_wide(name, units, gecos);
    return STATUS_SUCCESS;
}

/* The well-known SIDs with names (English, as an English Windows shows them). */
static const struct well_known {
    BYTE authority, count;
    ULONG sub[2];
    const char *name, *domain;
    ULONG use;
} well_known[] = {
    {0, 1, {0}, "NULL SID", "", SidTypeWellKnownGroup},
    {1, 1, {0}, "Everyone", "", SidTypeWellKnownGroup},
    {2, 1, {0}, "LOCAL", "", SidTypeWellKnownGroup},
    {2, 1, {1}, "CONSOLE LOGON", "", SidTypeWellKnownGroup},
    {3, 1, {0}, "CREATOR OWNER", "", SidTypeWellKnownGroup},
    {3, 1, {1}, "CREATOR GROUP", "", SidTypeWellKnownGroup},
    {5, 1, {1}, "DIALUP", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {2}, "NETWORK", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {3}, "BATCH", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {4}, "INTERACTIVE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {6}, "SERVICE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {7}, "ANONYMOUS LOGON", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {11}, "Authenticated Users", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {15}, "This Organization", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {18}, "SYSTEM", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {19}, "LOCAL SERVICE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {20}, "NETWORK SERVICE", "NT AUTHORITY", SidTypeWellKnownGroup},
    {5, 1, {32}, "BUILTIN", "BUILTIN", SidTypeDomain},
    {5, 2, {32, 544}, "Administrators", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 545}, "Users", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 546}, "Guests", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 547}, "Power Users", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 551}, "Backup Operators", "BUILTIN", SidTypeAlias},
    {5, 2, {32, 555}, "Remote Desktop Users", "BUILTIN", SidTypeAlias},
    {16, 1, {0}, "Untrusted Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {4096}, "Low Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {8192}, "Medium Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {12288}, "High Mandatory Level", "Mandatory Label", SidTypeLabel},
    {16, 1, {16384}, "System Mandatory Level", "Mandatory Label", SidTypeLabel},
};

static void well_known_sid(const struct well_known *w, PSID sid)
{
    SID_IDENTIFIER_AUTHORITY auth = {{0, 0, 0, 0, 0, w->authority}};
    RtlInitializeSid(sid, &auth, w->count);
    for (ULONG i = 0; i < w->count; i++)
        *RtlSubAuthoritySid(sid, i) = w->sub[i];
}

/* Group names from /etc/group would need a second database reader; "Unix Group\<gid>" would not be
 * a name lookup, so only the passwd side (users) is named. */
NTSTATUS SeLookupSid(PSID sid, WCHAR *name, ULONG name_units, WCHAR *domain, ULONG domain_units, ULONG *use)
{
    BYTE buf[SECURITY_MAX_SID_SIZE];
    char login[256];
    if (!RtlValidSid(sid))
        return STATUS_INVALID_SID;
    for (size_t i = 0; i < sizeof well_known / sizeof well_known[0]; i++) {
        well_known_sid(&well_known[i], buf);
        if (RtlEqualSid(buf, sid)) {
            ascii_to_wide(name, name_units, well_known[i].name);
            ascii_to_wide(domain, domain_units, well_known[i].domain);
            *use = well_known[i].use;
            return STATUS_SUCCESS;
        }
    }
    WCHAR computer[16];
    SeComputerName(computer);
    SeDomainSid(buf);
    SID *s = sid;
    if (RtlEqualSid(buf, sid)) {
        wcsncpy_w(name, name_units, computer);
        wcsncpy_w(domain, domain_units, computer);
        *use = SidTypeDomain;
        return STATUS_SUCCESS;
    }
    if (s->SubAuthorityCount == 5 && RtlEqualPrefixSid(sid, (SeUidToSid(SeCurrentUid(), buf), buf))) {
        ULONG rid = s->SubAuthority[4];
        if (rid == 513) {
            ascii_to_wide(name, name_units, "None");
            *use = SidTypeGroup;
        } else if (rid == 1000 + SeCurrentUid() && user_name(SeCurrentUid(), login, sizeof login) == STATUS_SUCCESS) {
            utf8_to_wide(name, name_units, login);
            *use = SidTypeUser;
        } else {
            return STATUS_NONE_MAPPED;
        }
        wcsncpy_w(domain, domain_units, computer);
        return STATUS_SUCCESS;
    }
    if (s->SubAuthorityCount == 2 && !memcmp(&s->IdentifierAuthority, &unix_authority, sizeof unix_authority) &&
        s->SubAuthority[0] == 1 && user_name(s->SubAuthority[1], login, sizeof login) == STATUS_SUCCESS) {
        utf8_to_wide(name, name_units, login);
        ascii_to_wide(domain, domain_units, "Unix User");
        *use = SidTypeUser;
        return STATUS_SUCCESS;
    }
    return STATUS_NONE_MAPPED;
}

static bool equal_nocase(const WCHAR *a, size_t n, const char *b)
{
    size_t i = 0;
    for (; i < n && b[i]; i++) {
        WCHAR x = a[i], y = (unsigned char)b[i];
        if (x >= 'a' && x <= 'z')
            x -= 32;
        if (y >= 'a' && y <= 'z')
            y -= 32;
        if (x != y)
            return false;
    }
    return i == n && !b[i];
}

static void wide_to_ascii(char *out, size_t size, const WCHAR *s, size_t n)
{
    size_t i = 0;
    for (; i < n && i + 1 < size; i++)
        out[i] = s[i] < 0x80 ? (char)s[i] : '?';
    out[i] = 0;
}

NTSTATUS SeLookupName(const WCHAR *text, PSID sid, WCHAR *domain, ULONG domain_units, ULONG *use)
{
    const WCHAR *slash = NULL, *end = text;
    for (; *end; end++)
        if (*end == '\\')
            slash = end;
    const WCHAR *name = slash ? slash + 1 : text;
    size_t name_len = (size_t)(end - name), dom_len = slash ? (size_t)(slash - text) : 0;
    WCHAR computer[16];
    char computer8[16];
    SeComputerName(computer);
    wide_to_ascii(computer8, sizeof computer8, computer, 15);
    for (size_t i = 0; i < sizeof well_known / sizeof well_known[0]; i++) {
        const struct well_known *w = &well_known[i];
        if (!equal_nocase(name, name_len, w->name) || (slash && !equal_nocase(text, dom_len, w->domain)))
            continue;
        well_known_sid(w, sid);
        ascii_to_wide(domain, domain_units, w->domain);
        *use = w->use;
        return STATUS_SUCCESS;
    }
    bool local_domain = !slash || equal_nocase(text, dom_len, computer8);
    if (local_domain && equal_nocase(name, name_len, computer8)) {
        SeDomainSid(sid);
        wcsncpy_w(domain, domain_units, computer);
        *use = SidTypeDomain;
        return STATUS_SUCCESS;
    }
    if (local_domain && equal_nocase(name, name_len, "None")) {
        SeDomainSid(sid);
        *RtlSubAuthorityCountSid(sid) = 5;
        *RtlSubAuthoritySid(sid, 4) = 513;
        wcsncpy_w(domain, domain_units, computer);
        *use = SidTypeGroup;
        return STATUS_SUCCESS;
    }
    char login[256];
    wide_to_ascii(login, sizeof login, name, name_len);
    uint32_t uid;
    char current_login[256];
    bool found = name_len && name_len < sizeof login && host_passwd_by_name(login, &uid) == STATUS_SUCCESS;
    if (!found && user_name(SeCurrentUid(), current_login, sizeof current_login) == STATUS_SUCCESS &&
        equal_nocase(name, name_len, current_login)) {
        uid = SeCurrentUid();
        found = true;
    }
    if (found) {
        bool current = uid == SeCurrentUid();
        if (slash && !equal_nocase(text, dom_len, current ? computer8 : "Unix User"))
            return STATUS_NONE_MAPPED;
        SeUidToSid(uid, sid);
        if (current)
            wcsncpy_w(domain, domain_units, computer);
        else
            ascii_to_wide(domain, domain_units, "Unix User");
        *use = SidTypeUser;
        return STATUS_SUCCESS;
    }
    return STATUS_NONE_MAPPED;
}
