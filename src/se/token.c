/*
 * Access tokens. A process's primary token is one object that every NtOpenProcessToken returns a handle
 * to, so privileges adjusted through one handle show through all (as on Windows). Tokens are built from
 * the host user: root is an elevated member of Administrators with an administrator's privileges, any
 * other user a standard user. Threads never impersonate here: NtOpenThreadToken answers STATUS_NO_TOKEN.
 */
#include <string.h>

#include "ke/probe.h"
#include "ps/ps.h"
#include "se/se.h"

typedef struct _SE_TOKEN {
    host_lock Lock;                /* Privileges, ModifiedId */
    ULONG Uid;
    BOOLEAN Admin;
    ULONG Type;                    /* TokenPrimary or TokenImpersonation */
    ULONG ImpersonationLevel;      /* of an impersonation token */
    LUID TokenId, AuthenticationId, ModifiedId;
    ULONG PrivilegeCount;
    LUID_AND_ATTRIBUTES Privileges[40];
} SE_TOKEN;

static const OBJECT_TYPE token_type = {"Token", NULL, NULL};
const OBJECT_TYPE *SeTokenObjectType = &token_type;

static host_lock primary_lock = HOST_LOCK_INIT;
static SE_TOKEN *primary_token;
static volatile LONG luid_counter = 0x10000;

NTSTATUS WINAPI NtAllocateLocallyUniqueId(PLUID luid)
{
    PROBE_FOR_WRITE(luid, sizeof *luid);
    luid->LowPart = (ULONG)__atomic_add_fetch(&luid_counter, 1, __ATOMIC_RELAXED);
    luid->HighPart = 0;
    return STATUS_SUCCESS;
}

static LUID new_luid(void)
{
    LUID l = {(ULONG)__atomic_add_fetch(&luid_counter, 1, __ATOMIC_RELAXED), 0};
    return l;
}

/* The privileges of Windows's elevated administrator and standard user tokens (LUID, attributes). */
static const BYTE admin_privileges[][2] = {
    {5, 0},  {8, 0},  {9, 0},  {10, 0}, {11, 0}, {12, 0}, {13, 0}, {14, 0}, {15, 0}, {17, 0}, {18, 0},
    {19, 0}, {20, 0}, {22, 0}, {23, 3}, {24, 0}, {25, 0}, {28, 0}, {29, 3}, {30, 3}, {33, 0}, {34, 0},
    {35, 0}, {36, 0},
};
static const BYTE user_privileges[][2] = {{19, 0}, {23, 3}, {25, 0}, {33, 0}, {34, 0}};

static NTSTATUS create_token(ULONG uid, SE_TOKEN **out)
{
    SE_TOKEN *t;
    NTSTATUS status = ObCreateObject(SeTokenObjectType, sizeof *t, (void **)&t);
    if (status != STATUS_SUCCESS)
        return status;
    t->Uid = uid;
    t->Admin = uid == 0;
    t->Type = TokenPrimary;
    t->TokenId = new_luid();
    t->ModifiedId = new_luid();
    t->AuthenticationId.LowPart = 0x3000 + uid;   /* one logon session per user */
    const BYTE(*p)[2] = t->Admin ? admin_privileges : user_privileges;
    t->PrivilegeCount = t->Admin ? ARRAY_SIZE(admin_privileges) : ARRAY_SIZE(user_privileges);
    for (ULONG i = 0; i < t->PrivilegeCount; i++) {
        t->Privileges[i].Luid.LowPart = p[i][0];
        t->Privileges[i].Attributes = p[i][1];
    }
    *out = t;
    return STATUS_SUCCESS;
}

/* The current process's primary token, referenced. */
static NTSTATUS reference_primary(SE_TOKEN **out)
{
    host_lock_acquire(&primary_lock);
    NTSTATUS status = STATUS_SUCCESS;
    if (!primary_token)
        status = create_token(SeCurrentUid(), &primary_token);
    if (status == STATUS_SUCCESS) {
        ObReferenceObject(primary_token);
        *out = primary_token;
    }
    host_lock_release(&primary_lock);
    return status;
}

/* GENERIC_* and MAXIMUM_ALLOWED mapped to token rights. */
static ACCESS_MASK map_access(ACCESS_MASK a)
{
    if (a & 0x02000000)       /* MAXIMUM_ALLOWED */
        a |= TOKEN_ALL_ACCESS;
    if (a & 0x80000000)       /* GENERIC_READ */
        a |= 0x00020000 | TOKEN_QUERY;
    if (a & 0x40000000)       /* GENERIC_WRITE */
        a |= 0x00020000 | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_GROUPS | TOKEN_ADJUST_DEFAULT;
    if (a & 0x20000000)       /* GENERIC_EXECUTE */
        a |= 0x00020000 | TOKEN_IMPERSONATE;
    if (a & 0x10000000)       /* GENERIC_ALL */
        a |= TOKEN_ALL_ACCESS;
    return a & 0x01FFFFFF & ~0x02000000u;
}

static NTSTATUS insert_token(SE_TOKEN *t, ACCESS_MASK access, ULONG attributes, PHANDLE handle)
{
    NTSTATUS status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, t, map_access(access), attributes,
                                     handle);
    ObDereferenceObject(t);
    return status;
}

NTSTATUS WINAPI NtOpenProcessTokenEx(HANDLE process, ACCESS_MASK access, ULONG attributes, PHANDLE handle)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    *handle = NULL;
    PEPROCESS p;
    NTSTATUS status = ObReferenceObjectByHandle(process, PsProcessType, (void **)&p);
    if (status != STATUS_SUCCESS)
        return status;
    SE_TOKEN *t;
    /* Every process of the tree runs as the same host user; another process's token is a copy. */
    status = p == PsGetCurrentProcess() ? reference_primary(&t) : create_token(SeCurrentUid(), &t);
    ObDereferenceObject(p);
    if (status != STATUS_SUCCESS)
        return status;
    return insert_token(t, access, attributes, handle);
}

NTSTATUS WINAPI NtOpenProcessToken(HANDLE process, ACCESS_MASK access, PHANDLE handle)
{
    return NtOpenProcessTokenEx(process, access, 0, handle);
}

NTSTATUS WINAPI NtOpenThreadTokenEx(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, ULONG attributes,
                                    PHANDLE handle)
{
    (void)access, (void)as_self, (void)attributes;
    PROBE_FOR_WRITE(handle, sizeof *handle);
    *handle = NULL;
    void *t;
    NTSTATUS status = ObReferenceObjectByHandle(thread, PsThreadType, &t);
    if (status != STATUS_SUCCESS)
        return status;
    ObDereferenceObject(t);
    return STATUS_NO_TOKEN;   /* no thread impersonates */
}

NTSTATUS WINAPI NtOpenThreadToken(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, PHANDLE handle)
{
    return NtOpenThreadTokenEx(thread, access, as_self, 0, handle);
}

/* The token behind handle, with the access it grants. The pseudo handles of Windows 8 are accepted:
 * -4 the process token, -6 the effective token (the same, nobody impersonating), -5 the thread's
 * (none). */
static NTSTATUS reference_token_ex(HANDLE handle, ACCESS_MASK want, SE_TOKEN **out, ACCESS_MASK *granted_out)
{
    LONG_PTR h = (LONG_PTR)handle;
    if (h == -4 || h == -6) {
        if (granted_out)
            *granted_out = TOKEN_QUERY | TOKEN_QUERY_SOURCE;
        return want & ~(TOKEN_QUERY | TOKEN_QUERY_SOURCE) ? STATUS_ACCESS_DENIED : reference_primary(out);
    }
    if (h == -5)
        return STATUS_NO_TOKEN;
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(handle, SeTokenObjectType, (void **)out, &granted, NULL);
    if (granted_out)
        *granted_out = granted;
    if (status != STATUS_SUCCESS)
        return status;
    if ((granted & want) != want) {
        ObDereferenceObject(*out);
        return STATUS_ACCESS_DENIED;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS reference_token(HANDLE handle, ACCESS_MASK want, SE_TOKEN **out)
{
    return reference_token_ex(handle, want, out, NULL);
}

/* ---- NtQueryInformationToken -------------------------------------------------------------------- */

struct group {
    BYTE sid[SECURITY_MAX_SID_SIZE];
    ULONG attributes;
};

static void make_sid(PSID sid, BYTE authority, ULONG count, ULONG a, ULONG b)
{
    SID_IDENTIFIER_AUTHORITY auth = {{0, 0, 0, 0, 0, authority}};
    RtlInitializeSid(sid, &auth, (BYTE)count);
    *RtlSubAuthoritySid(sid, 0) = a;
    if (count > 1)
        *RtlSubAuthoritySid(sid, 1) = b;
}

static void integrity_sid(const SE_TOKEN *t, PSID sid)
{
    make_sid(sid, 16, 1, t->Admin ? 12288 : 8192, 0);   /* High for an elevated token, else Medium */
}

/* The token's groups: Everyone, (Administrators), Users, INTERACTIVE, Authenticated Users, LOCAL and
 * the integrity label, the attributes of a Windows interactive logon. */
static ULONG token_groups(const SE_TOKEN *t, struct group g[8])
{
    const ULONG std = SE_GROUP_MANDATORY | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_ENABLED;
    ULONG n = 0;
    make_sid(g[n].sid, 1, 1, 0, 0), g[n++].attributes = std;
    if (t->Admin)
        make_sid(g[n].sid, 5, 2, 32, 544), g[n++].attributes = std | SE_GROUP_OWNER;
    make_sid(g[n].sid, 5, 2, 32, 545), g[n++].attributes = std;
    make_sid(g[n].sid, 5, 1, 4, 0), g[n++].attributes = std;
    make_sid(g[n].sid, 5, 1, 11, 0), g[n++].attributes = std;
    make_sid(g[n].sid, 2, 1, 0, 0), g[n++].attributes = std;
    integrity_sid(t, g[n].sid), g[n++].attributes = SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED;
    return n;
}

static void owner_sid(const SE_TOKEN *t, PSID sid)
{
    if (t->Admin)
        make_sid(sid, 5, 2, 32, 544);    /* an elevated administrator's objects belong to Administrators */
    else
        SeUidToSid(t->Uid, sid);
}

static void primary_group_sid(PSID sid)
{
    SeDomainSid(sid);                    /* the machine's "None" group, as on a stand-alone Windows */
    *RtlSubAuthorityCountSid(sid) = 5;
    *RtlSubAuthoritySid(sid, 4) = 513;
}

/* A SID_AND_ATTRIBUTES-headed answer: header bytes, then the SID right after (TokenUser, TokenOwner,
 * TokenPrimaryGroup, TokenIntegrityLevel). */
static ULONG put_one_sid(BYTE *buf, ULONG length, ULONG header, PSID sid, ULONG attributes, bool with_attributes)
{
    ULONG need = header + RtlLengthSid(sid);
    if (length < need)
        return need;
    *(PVOID *)buf = buf + header;
    if (with_attributes)
        *(ULONG *)(buf + 8) = attributes;
    memcpy(buf + header, sid, RtlLengthSid(sid));
    return need;
}

static NTSTATUS query_token(SE_TOKEN *t, ULONG info_class, BYTE *buf, ULONG length, ULONG *need)
{
    BYTE sid[SECURITY_MAX_SID_SIZE];
    ULONG value;
    switch (info_class) {
    case TokenUser:
        SeUidToSid(t->Uid, sid);
        *need = put_one_sid(buf, length, 16, sid, 0, true);
        return STATUS_SUCCESS;
    case TokenOwner:
        owner_sid(t, sid);
        *need = put_one_sid(buf, length, 8, sid, 0, false);
        return STATUS_SUCCESS;
    case TokenPrimaryGroup:
        primary_group_sid(sid);
        *need = put_one_sid(buf, length, 8, sid, 0, false);
        return STATUS_SUCCESS;
    case TokenIntegrityLevel:
        integrity_sid(t, sid);
        *need = put_one_sid(buf, length, 16, sid, SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED, true);
        return STATUS_SUCCESS;
    case TokenGroups: {
        struct group g[8];
        ULONG n = token_groups(t, g), off = 8 + n * 16;
        *need = off;
        for (ULONG i = 0; i < n; i++)
            *need += RtlLengthSid(g[i].sid);
        if (length < *need)
            return STATUS_SUCCESS;
        *(ULONG *)buf = n;
        for (ULONG i = 0; i < n; i++) {
            SID_AND_ATTRIBUTES *sa = (SID_AND_ATTRIBUTES *)(buf + 8) + i;
            sa->Sid = buf + off;
            sa->Attributes = g[i].attributes;
            memcpy(buf + off, g[i].sid, RtlLengthSid(g[i].sid));
            off += RtlLengthSid(g[i].sid);
        }
        return STATUS_SUCCESS;
    }
    case TokenPrivileges:
        host_lock_acquire(&t->Lock);
        *need = 4 + t->PrivilegeCount * sizeof(LUID_AND_ATTRIBUTES);
        if (length >= *need) {
            *(ULONG *)buf = t->PrivilegeCount;
            memcpy(buf + 4, t->Privileges, t->PrivilegeCount * sizeof(LUID_AND_ATTRIBUTES));
        }
        host_lock_release(&t->Lock);
        return STATUS_SUCCESS;
    case TokenSource:
        *need = 16;
        if (length >= 16) {
            memcpy(buf, "User32  ", 8);
            memset(buf + 8, 0, 8);
        }
        return STATUS_SUCCESS;
    case TokenType:
        value = t->Type;
        break;
    case TokenImpersonationLevel:
        if (t->Type != TokenImpersonation)
            return STATUS_INVALID_INFO_CLASS;
        value = t->ImpersonationLevel;
        break;
    case TokenStatistics: {
        struct group g[8];
        *need = 56;
        if (length < 56)
            return STATUS_SUCCESS;
        memset(buf, 0, 56);
        memcpy(buf, &t->TokenId, 8);
        memcpy(buf + 8, &t->AuthenticationId, 8);
        *(LONGLONG *)(buf + 16) = 0x7FFFFFFFFFFFFFFFll;   /* never expires */
        *(ULONG *)(buf + 24) = t->Type;
        *(ULONG *)(buf + 28) = t->ImpersonationLevel;
        *(ULONG *)(buf + 32) = 4096;                         /* DynamicCharged: the default DACL's pool */
        *(ULONG *)(buf + 36) = 4096 - 200;
        *(ULONG *)(buf + 40) = token_groups(t, g);
        host_lock_acquire(&t->Lock);
        *(ULONG *)(buf + 44) = t->PrivilegeCount;
        memcpy(buf + 48, &t->ModifiedId, 8);
        host_lock_release(&t->Lock);
        return STATUS_SUCCESS;
    }
    case TokenSessionId:
        value = 1;   /* the interactive session (PEB.SessionId) */
        break;
    case TokenElevationType:
        value = 1;   /* TokenElevationTypeDefault: no split (filtered/linked) token */
        break;
    case TokenElevation:
        value = t->Admin;
        break;
    case TokenIsAppContainer:
    case TokenVirtualizationAllowed:
    case TokenVirtualizationEnabled:
    case TokenUIAccess:
    case TokenHasRestrictions:
        value = 0;
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    *need = sizeof(ULONG);
    if (length >= sizeof(ULONG))
        memcpy(buf, &value, sizeof value);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryInformationToken(HANDLE handle, ULONG info_class, PVOID info, ULONG length,
                                        PULONG returned)
{
    if (returned)
        PROBE_FOR_WRITE(returned, sizeof *returned);
    PROBE_FOR_WRITE(info, length);
    SE_TOKEN *t;
    NTSTATUS status = reference_token(handle, info_class == TokenSource ? TOKEN_QUERY_SOURCE : TOKEN_QUERY, &t);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG need = 0;
    status = query_token(t, info_class, info, length, &need);
    ObDereferenceObject(t);
    if (status != STATUS_SUCCESS)
        return status;
    if (returned)
        *returned = need;
    return length < need ? STATUS_BUFFER_TOO_SMALL : STATUS_SUCCESS;
}

/* ---- NtAdjustPrivilegesToken --------------------------------------------------------------------- */

static LUID_AND_ATTRIBUTES *find_privilege(SE_TOKEN *t, LUID luid)
{
    for (ULONG i = 0; i < t->PrivilegeCount; i++)
        if (t->Privileges[i].Luid.LowPart == luid.LowPart && t->Privileges[i].Luid.HighPart == luid.HighPart)
            return &t->Privileges[i];
    return NULL;
}

/* Applies new_state (or disables all) and records, in previous, the former state of what changed.
 * With apply false it only counts what would change. Called with t->Lock held. */
static ULONG adjust(SE_TOKEN *t, BOOLEAN disable_all, const TOKEN_PRIVILEGES *new_state, bool apply,
                    TOKEN_PRIVILEGES *previous, bool *not_all)
{
    ULONG changed = 0;
    *not_all = false;
    ULONG count = disable_all ? t->PrivilegeCount : new_state->PrivilegeCount;
    for (ULONG i = 0; i < count; i++) {
        LUID_AND_ATTRIBUTES *p;
        ULONG want;
        if (disable_all) {
            p = &t->Privileges[i];
            want = 0;
        } else {
            p = find_privilege(t, new_state->Privileges[i].Luid);
            want = new_state->Privileges[i].Attributes;
            if (!p) {
                *not_all = true;
                continue;
            }
        }
        ULONG old = p->Attributes;
        ULONG now = (want & SE_PRIVILEGE_ENABLED) ? old | SE_PRIVILEGE_ENABLED : old & ~SE_PRIVILEGE_ENABLED;
        if (!disable_all && (want & SE_PRIVILEGE_REMOVED))
            now = old | SE_PRIVILEGE_REMOVED;
        if (now == old)
            continue;
        if (apply && previous) {
            previous->Privileges[changed].Luid = p->Luid;
            previous->Privileges[changed].Attributes = old;
        }
        changed++;
        if (!apply)
            continue;
        if (now & SE_PRIVILEGE_REMOVED) {
            ULONG at = (ULONG)(p - t->Privileges);
            memmove(p, p + 1, (t->PrivilegeCount - at - 1) * sizeof *p);
            t->PrivilegeCount--;
            if (disable_all)
                i--, count--;
        } else {
            p->Attributes = now;
        }
    }
    if (apply && previous)
        previous->PrivilegeCount = changed;
    return changed;
}

NTSTATUS WINAPI NtAdjustPrivilegesToken(HANDLE handle, BOOLEAN disable_all, PTOKEN_PRIVILEGES new_state,
                                        ULONG length, PTOKEN_PRIVILEGES previous, PULONG returned)
{
    if (!disable_all) {
        if (!new_state)
            return STATUS_INVALID_PARAMETER;
        PROBE_FOR_READ(new_state, sizeof(ULONG));
        PROBE_FOR_READ(new_state, 4 + (SIZE_T)new_state->PrivilegeCount * sizeof(LUID_AND_ATTRIBUTES));
    }
    if (previous) {
        PROBE_FOR_WRITE(previous, length);
        if (returned)
            PROBE_FOR_WRITE(returned, sizeof *returned);
    }
    SE_TOKEN *t;
    NTSTATUS status = reference_token(handle, TOKEN_ADJUST_PRIVILEGES | (previous ? TOKEN_QUERY : 0), &t);
    if (status != STATUS_SUCCESS)
        return status;
    bool not_all;
    host_lock_acquire(&t->Lock);
    ULONG changes = adjust(t, disable_all, new_state, false, NULL, &not_all);
    ULONG need = 4 + changes * sizeof(LUID_AND_ATTRIBUTES);
    if (previous && length < need) {
        status = STATUS_BUFFER_TOO_SMALL;   /* nothing changed */
    } else {
        adjust(t, disable_all, new_state, true, previous, &not_all);
        if (changes)
            t->ModifiedId = new_luid();
        status = not_all ? STATUS_NOT_ALL_ASSIGNED : STATUS_SUCCESS;
    }
    host_lock_release(&t->Lock);
    ObDereferenceObject(t);
    if (previous && returned)
        *returned = need;
    return status;
}

/* SECURITY_QUALITY_OF_SERVICE.ImpersonationLevel, at offset 4. */
NTSTATUS WINAPI NtDuplicateToken(HANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                 BOOLEAN effective_only, ULONG type, PHANDLE new_token)
{
    (void)effective_only;
    PROBE_FOR_WRITE(new_token, sizeof *new_token);
    *new_token = NULL;
    if (type != TokenPrimary && type != TokenImpersonation)
        return STATUS_INVALID_PARAMETER;
    ULONG level = 0;   /* SecurityAnonymous without a quality of service */
    if (attributes) {
        PROBE_FOR_READ(attributes, sizeof *attributes);
        if (attributes->SecurityQualityOfService) {
            PROBE_FOR_READ(attributes->SecurityQualityOfService, 8);
            level = ((ULONG *)attributes->SecurityQualityOfService)[1];
            if (level > 3)
                return STATUS_BAD_IMPERSONATION_LEVEL;
        }
    }
    SE_TOKEN *t, *copy;
    ACCESS_MASK granted;
    NTSTATUS status = reference_token_ex(handle, TOKEN_DUPLICATE, &t, &granted);
    if (status != STATUS_SUCCESS)
        return status;
    /* An impersonation token cannot become a more capable one. */
    if (t->Type == TokenImpersonation && (level > t->ImpersonationLevel || (type == TokenPrimary && t->ImpersonationLevel < 2))) {
        ObDereferenceObject(t);
        return STATUS_BAD_IMPERSONATION_LEVEL;
    }
    status = create_token(t->Uid, &copy);
    if (status == STATUS_SUCCESS) {
        host_lock_acquire(&t->Lock);
        copy->PrivilegeCount = t->PrivilegeCount;
        memcpy(copy->Privileges, t->Privileges, sizeof t->Privileges);
        host_lock_release(&t->Lock);
        copy->Type = type;
        copy->ImpersonationLevel = type == TokenImpersonation ? level : 0;
        if (!access)
            access = granted;   /* 0: the access of the source handle */
    }
    ObDereferenceObject(t);
    if (status != STATUS_SUCCESS)
        return status;
    return insert_token(copy, access, attributes ? attributes->Attributes : 0, new_token);
}

/* Whether the token (referenced by handle, TOKEN_QUERY) is an impersonation token and has sid as its
 * user or an enabled group: CheckTokenMembership's test. */
NTSTATUS SeCheckTokenMembership(HANDLE handle, PSID sid, BOOLEAN *member)
{
    SE_TOKEN *t;
    *member = FALSE;
    NTSTATUS status = handle ? reference_token(handle, TOKEN_QUERY, &t) : reference_primary(&t);
    if (status != STATUS_SUCCESS)
        return status;
    if (handle && t->Type != TokenImpersonation) {
        ObDereferenceObject(t);
        return STATUS_NO_IMPERSONATION_TOKEN;
    }
    BYTE user[SECURITY_MAX_SID_SIZE];
    SeUidToSid(t->Uid, user);
    struct group g[8];
    ULONG n = token_groups(t, g);
    *member = RtlEqualSid(user, sid);
    for (ULONG i = 0; i < n && !*member; i++)
        if ((g[i].attributes & SE_GROUP_ENABLED) && !(g[i].attributes & SE_GROUP_USE_FOR_DENY_ONLY))
            *member = RtlEqualSid(g[i].sid, sid);
    ObDereferenceObject(t);
    return STATUS_SUCCESS;
}
