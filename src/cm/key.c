/*
 * The registry's Nt services over the per-user store (host/regstore.h).
 *
 * A key object holds the store's id of its key; the store is the truth, shared with every other process of
 * the user, so each service is one store transaction: it finds the key again (STATUS_KEY_DELETED when
 * another handle or process deleted it), does its work and commits. Names cross into the store as UTF-8 with
 * an upcased copy (RtlUpcaseUnicodeChar) that lookups compare, which is NT's case-insensitive comparison.
 * The tree's top is \REGISTRY with MACHINE and USER under it, as in NT's object namespace.
 */
#include <stdlib.h>
#include <string.h>

#include "cm/cm.h"
#include "cm/cmp.h"
#include "io/io.h"
#include "ke/ke.h"
#include "ke/probe.h"
#include "nt/file.h"
#include "ps/ps.h"

static void key_close(void *object, ULONG remaining)
{
    CM_KEY_BODY *key = object;
    if (remaining == 0)
        key->Closed = 1;
}

static const OBJECT_TYPE key_type = { .Name = "Key", .Close = key_close };
const OBJECT_TYPE *CmKeyObjectType = &key_type;

#define MAX_KEY_NAME   255      /* characters in one key name component */
#define MAX_VALUE_NAME 16383

/* ---- transactions ------------------------------------------------------------------------------------------- */

NTSTATUS CmpBegin(bool write)
{
    static volatile int ready;
    if (!ready) {
        /* First use in this process: create and seed the store if no process has yet, and the user's keys
         * if this user has none. */
        bool created;
        NTSTATUS status = host_reg_begin(true, &created);
        if (status != STATUS_SUCCESS)
            return status;
        status = CmpSeedStore(created);
        status = host_reg_end(status == STATUS_SUCCESS);
        if (status != STATUS_SUCCESS)
            return status;
        ready = 1;
    }
    return host_reg_begin(write, NULL);
}

NTSTATUS CmpEnd(NTSTATUS status)
{
    NTSTATUS end = host_reg_end(NT_SUCCESS(status));
    return NT_SUCCESS(status) && end != STATUS_SUCCESS ? end : status;
}

/* ---- names -------------------------------------------------------------------------------------------------- */

/* UTF-8 copies of a name and of its upcased form (malloc'd). */
NTSTATUS CmpMakeNames(const WCHAR *name, size_t chars, char **utf8, char **upper)
{
    *utf8 = *upper = NULL;
    WCHAR *up = malloc(chars * sizeof(WCHAR) + 2);
    char *a = malloc(chars * 3 + 1), *b = malloc(chars * 3 + 1);
    NTSTATUS status = STATUS_NO_MEMORY;
    if (!up || !a || !b)
        goto out;
    for (size_t i = 0; i < chars; i++)
        up[i] = RtlUpcaseUnicodeChar(name[i]);
    ULONG na = 0, nb = 0;
    status = STATUS_SUCCESS;
    if (chars)
        status = RtlUnicodeToUTF8N(a, (ULONG)chars * 3, &na, name, (ULONG)(chars * sizeof(WCHAR)));
    if (chars && NT_SUCCESS(status))
        status = RtlUnicodeToUTF8N(b, (ULONG)chars * 3, &nb, up, (ULONG)(chars * sizeof(WCHAR)));
    if (!NT_SUCCESS(status))
        goto out;
    a[na] = 0;
    b[nb] = 0;
    *utf8 = a;
    *upper = b;
    a = b = NULL;
    status = STATUS_SUCCESS;
out:
    free(up);
    free(a);
    free(b);
    return status;
}

/* A store name as UTF-16 (malloc'd, *chars without a terminator). */
static NTSTATUS to_unicode(const char *utf8, WCHAR **out, ULONG *chars)
{
    *out = NULL;
    *chars = 0;
    ULONG n = (ULONG)strlen(utf8), bytes = 0;
    WCHAR *w = malloc(n * sizeof(WCHAR) + 2);
    if (!w)
        return STATUS_NO_MEMORY;
    if (n && !NT_SUCCESS(RtlUTF8ToUnicodeN(w, n * sizeof(WCHAR), &bytes, utf8, n))) {
        free(w);
        return STATUS_REGISTRY_CORRUPT;
    }
    *out = w;
    *chars = bytes / sizeof(WCHAR);
    return STATUS_SUCCESS;
}

/* ---- the tree ----------------------------------------------------------------------------------------------- */

NTSTATUS CmpLookupChild(int64_t parent, const WCHAR *name, size_t chars, int64_t *id)
{
    char *a, *b;
    NTSTATUS status = CmpMakeNames(name, chars, &a, &b);
    if (status != STATUS_SUCCESS)
        return status;
    status = host_reg_key_lookup(parent, b, id);
    free(a);
    free(b);
    return status;
}

NTSTATUS CmpCreateChild(int64_t parent, const WCHAR *name, size_t chars, const WCHAR *class_name, size_t class_chars,
                        int64_t *id)
{
    char *a, *b, *ca = NULL, *cb = NULL;
    NTSTATUS status = CmpMakeNames(name, chars, &a, &b);
    if (status != STATUS_SUCCESS)
        return status;
    if (class_name && (status = CmpMakeNames(class_name, class_chars, &ca, &cb)) != STATUS_SUCCESS)
        goto out;
    int64_t now = (int64_t)host_system_time();
    status = host_reg_key_create(parent, a, b, ca, now, id);
    if (status == STATUS_SUCCESS)
        status = host_reg_key_touch(*id, now, false);
    if (status == STATUS_SUCCESS)
        status = host_reg_key_touch(parent, now, false);
out:
    free(a);
    free(b);
    free(ca);
    free(cb);
    return status;
}

/*
 * Walks path (backslash-separated components, already relative to start) from start. With create, missing
 * components are made (*created says whether the last one was); otherwise a missing one, last or not, is
 * STATUS_OBJECT_NAME_NOT_FOUND (the configuration manager parses the whole name itself: RegOpenKeyEx of
 * "missing\\below" is ERROR_FILE_NOT_FOUND, not ERROR_PATH_NOT_FOUND).
 */
NTSTATUS CmpWalk(int64_t start, const WCHAR *path, size_t chars, bool create, const WCHAR *class_name,
                 size_t class_chars, int64_t *id, bool *created)
{
    int64_t cur = start;
    *id = 0;
    if (created)
        *created = false;
    /* One trailing separator is accepted, as RegCreateKeyEx accepts "Software\\". */
    if (chars && path[chars - 1] == '\\')
        chars--;
    size_t i = 0;
    while (i < chars) {
        size_t j = i;
        while (j < chars && path[j] != '\\')
            j++;
        if (j == i)
            return STATUS_OBJECT_NAME_INVALID;
        if (j - i > MAX_KEY_NAME)
            return STATUS_INVALID_PARAMETER;
        int64_t next;
        NTSTATUS status = CmpLookupChild(cur, path + i, j - i, &next);
        if (status == STATUS_OBJECT_NAME_NOT_FOUND && create) {
            status = CmpCreateChild(cur, path + i, j - i, j == chars ? class_name : NULL, class_chars, &next);
            if (status == STATUS_SUCCESS && created && j == chars)
                *created = true;
        }
        if (status != STATUS_SUCCESS)
            return status;
        cur = next;
        i = j + 1;
    }
    *id = cur;
    return STATUS_SUCCESS;
}

/* The access a handle is given: generic rights mapped onto the key rights (every right is granted: the
 * store has no security descriptors, like a registry whose ACLs all grant the user full control). */
static ACCESS_MASK map_access(ACCESS_MASK access)
{
    if (access & MAXIMUM_ALLOWED)
        access = (access & ~MAXIMUM_ALLOWED) | KEY_ALL_ACCESS;
    if (access & GENERIC_READ)
        access |= KEY_READ;
    if (access & GENERIC_WRITE)
        access |= KEY_WRITE;
    if (access & GENERIC_EXECUTE)
        access |= KEY_READ;
    if (access & GENERIC_ALL)
        access |= KEY_ALL_ACCESS;
    return access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | KEY_WOW64_32KEY | KEY_WOW64_64KEY);
}

/* The key behind handle, with the access the operation needs. */
static NTSTATUS reference_key(HANDLE handle, ACCESS_MASK needed, CM_KEY_BODY **key)
{
    ACCESS_MASK granted;
    NTSTATUS status = ObReferenceObjectByHandleEx(handle, CmKeyObjectType, (void **)key, &granted, NULL);
    if (status != STATUS_SUCCESS)
        return status;
    if ((granted & needed) != needed) {
        ObDereferenceObject(*key);
        *key = NULL;
        return STATUS_ACCESS_DENIED;
    }
    return STATUS_SUCCESS;
}

/* NtCreateKey and NtOpenKeyEx: the name relative to RootDirectory, else absolute (\Registry\...). */
static NTSTATUS open_or_create(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, bool create,
                               PUNICODE_STRING class_name, PULONG disposition)
{
    PROBE_FOR_WRITE(handle, sizeof *handle);
    if (!handle)
        return STATUS_ACCESS_VIOLATION;
    *handle = NULL;
    if (!attributes)
        return STATUS_ACCESS_VIOLATION;
    PROBE_OBJECT_ATTRIBUTES(attributes);
    if (disposition)
        PROBE_FOR_WRITE(disposition, sizeof *disposition);
    if (class_name) {
        PROBE_FOR_READ(class_name, sizeof *class_name);
        PROBE_FOR_READ(class_name->Buffer, class_name->Length);
    }
    const WCHAR *path = attributes->ObjectName ? attributes->ObjectName->Buffer : NULL;
    size_t chars = attributes->ObjectName ? attributes->ObjectName->Length / sizeof(WCHAR) : 0;
    CM_KEY_BODY *root = NULL;
    NTSTATUS status;
    if (attributes->RootDirectory) {
        if ((status = reference_key(attributes->RootDirectory, create ? KEY_CREATE_SUB_KEY : 0, &root)) != STATUS_SUCCESS)
            return status;
        if (chars && path[0] == '\\') {
            status = STATUS_OBJECT_PATH_SYNTAX_BAD;
            goto out_root;
        }
    } else {
        static const WCHAR prefix[] = u"\\Registry";
        size_t n = ARRAY_SIZE(prefix) - 1;
        if (!chars || path[0] != '\\') {
            status = STATUS_OBJECT_PATH_SYNTAX_BAD;
            goto out_root;
        }
        if (chars < n || RtlCompareUnicodeStrings(path, n, prefix, n, TRUE) != 0 ||
            (chars > n && path[n] != '\\')) {
            status = STATUS_OBJECT_NAME_NOT_FOUND;
            goto out_root;
        }
        path += n;
        chars -= n;
        if (chars) {
            path++;
            chars--;
        }
    }
    status = CmpBegin(create);
    if (status != STATUS_SUCCESS)
        goto out_root;
    int64_t start;
    if (root) {
        struct host_reg_key k;
        status = host_reg_key_get(root->Id, &k);
        host_reg_key_free(&k);
        start = root->Id;
    } else {
        status = host_reg_key_lookup(0, "REGISTRY", &start);
    }
    int64_t id = 0;
    bool created = false;
    if (status == STATUS_SUCCESS)
        status = CmpWalk(start, path, chars, create, class_name ? class_name->Buffer : NULL,
                         class_name ? class_name->Length / sizeof(WCHAR) : 0, &id, &created);
    status = CmpEnd(status);
    if (status != STATUS_SUCCESS)
        goto out_root;
    CM_KEY_BODY *key;
    status = ObCreateObject(CmKeyObjectType, sizeof *key, (void **)&key);
    if (status != STATUS_SUCCESS)
        goto out_root;
    key->Id = id;
    status = ObInsertHandle(&PsGetCurrentProcess()->ObjectTable, key, map_access(access),
                            attributes->Attributes & OBJ_INHERIT, handle);
    ObDereferenceObject(key);
    if (status == STATUS_SUCCESS && disposition)
        *disposition = created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
out_root:
    if (root)
        ObDereferenceObject(root);
    return status;
}

NTSTATUS WINAPI NtCreateKey(PHANDLE key, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, ULONG title_index,
                            PUNICODE_STRING class_name, ULONG options, PULONG disposition)
{
    (void)title_index;
    /* Volatile keys are kept like the others: there is no boot at which they would disappear. Links
     * (REG_OPTION_CREATE_LINK) are not supported. */
    if (options & ~(REG_OPTION_VOLATILE | REG_OPTION_BACKUP_RESTORE | REG_OPTION_OPEN_LINK))
        return STATUS_INVALID_PARAMETER;
    return open_or_create(key, access, attributes, true, class_name, disposition);
}

NTSTATUS WINAPI NtOpenKeyEx(PHANDLE key, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes, ULONG options)
{
    if (options & ~(REG_OPTION_BACKUP_RESTORE | REG_OPTION_OPEN_LINK))
        return STATUS_INVALID_PARAMETER;
    return open_or_create(key, access, attributes, false, NULL, NULL);
}

NTSTATUS WINAPI NtOpenKey(PHANDLE key, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes)
{
    return NtOpenKeyEx(key, access, attributes, 0);
}

/* ---- query and enumerate -------------------------------------------------------------------------------------- */

/*
 * Copies an information structure of `required` bytes, built in full at info, out to the caller: the
 * fixed part must fit (else STATUS_BUFFER_TOO_SMALL and nothing written); what does not fit of the rest is
 * cut (STATUS_BUFFER_OVERFLOW). *result is always the length the whole structure needs.
 */
static NTSTATUS copy_out(const void *info, ULONG required, ULONG fixed, PVOID out, ULONG length, PULONG result)
{
    if (result)
        *result = required;
    if (length < fixed)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy(out, info, length < required ? length : required);
    return length < required ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* The full name of key id: \REGISTRY\MACHINE\... (malloc'd UTF-16, *chars). */
static NTSTATUS full_name(int64_t id, WCHAR **out, ULONG *chars)
{
    *out = NULL;
    *chars = 0;
    WCHAR *buf = NULL;
    ULONG len = 0;
    NTSTATUS status = STATUS_SUCCESS;
    while (id) {
        struct host_reg_key k;
        if ((status = host_reg_key_get(id, &k)) != STATUS_SUCCESS)
            break;
        WCHAR *name;
        ULONG n;
        status = to_unicode(k.name, &name, &n);
        id = k.parent;
        host_reg_key_free(&k);
        if (status != STATUS_SUCCESS)
            break;
        WCHAR *nb = malloc((len + n + 1) * sizeof(WCHAR));
        if (!nb) {
            free(name);
            status = STATUS_NO_MEMORY;
            break;
        }
        nb[0] = '\\';
        memcpy(nb + 1, name, n * sizeof(WCHAR));
        if (len)
            memcpy(nb + 1 + n, buf, len * sizeof(WCHAR));
        free(name);
        free(buf);
        buf = nb;
        len += n + 1;
    }
    if (status != STATUS_SUCCESS) {
        free(buf);
        return status;
    }
    *out = buf;
    *chars = len;
    return STATUS_SUCCESS;
}

/* Builds the key information of class for key k (a malloc'd structure at *info of *size bytes). */
static NTSTATUS key_information(const struct host_reg_key *k, KEY_INFORMATION_CLASS info_class, void **info,
                                ULONG *size, ULONG *fixed)
{
    *info = NULL;
    WCHAR *name = NULL, *cls = NULL;
    ULONG n = 0, c = 0;
    NTSTATUS status = info_class == KeyNameInformation ? full_name(k->id, &name, &n) : to_unicode(k->name, &name, &n);
    if (status == STATUS_SUCCESS && k->class_name)
        status = to_unicode(k->class_name, &cls, &c);
    struct host_reg_counts counts = {0};
    if (status == STATUS_SUCCESS && (info_class == KeyFullInformation || info_class == KeyCachedInformation))
        status = host_reg_key_counts(k->id, &counts);
    if (status != STATUS_SUCCESS)
        goto out;
    ULONG nb = n * sizeof(WCHAR), cb = c * sizeof(WCHAR);
    switch (info_class) {
    case KeyBasicInformation: {
        *fixed = offsetof(KEY_BASIC_INFORMATION, Name);
        *size = *fixed + nb;
        KEY_BASIC_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->LastWriteTime.QuadPart = k->mtime;
        b->NameLength = nb;
        memcpy(b->Name, name, nb);
        *info = b;
        break;
    }
    case KeyNodeInformation: {
        *fixed = offsetof(KEY_NODE_INFORMATION, Name);
        *size = *fixed + nb + cb;
        KEY_NODE_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->LastWriteTime.QuadPart = k->mtime;
        b->ClassOffset = cls ? *fixed + nb : 0xFFFFFFFF;
        b->ClassLength = cb;
        b->NameLength = nb;
        memcpy(b->Name, name, nb);
        if (cb)
            memcpy((char *)b + *fixed + nb, cls, cb);
        *info = b;
        break;
    }
    case KeyFullInformation: {
        *fixed = offsetof(KEY_FULL_INFORMATION, Class);
        *size = *fixed + cb;
        KEY_FULL_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->LastWriteTime.QuadPart = k->mtime;
        b->ClassOffset = cls ? *fixed : 0xFFFFFFFF;
        b->ClassLength = cb;
        b->SubKeys = counts.subkeys;
        b->MaxNameLen = counts.max_name * sizeof(WCHAR);
        b->MaxClassLen = counts.max_class * sizeof(WCHAR);
        b->Values = counts.values;
        b->MaxValueNameLen = counts.max_value_name * sizeof(WCHAR);
        b->MaxValueDataLen = counts.max_data;
        if (cb)
            memcpy(b->Class, cls, cb);
        *info = b;
        break;
    }
    case KeyNameInformation: {
        *fixed = offsetof(KEY_NAME_INFORMATION, Name);
        *size = *fixed + nb;
        KEY_NAME_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->NameLength = nb;
        memcpy(b->Name, name, nb);
        *info = b;
        break;
    }
    case KeyCachedInformation: {
        *fixed = *size = sizeof(KEY_CACHED_INFORMATION);
        KEY_CACHED_INFORMATION *b = calloc(1, *size);
        if (!b)
            goto nomem;
        b->LastWriteTime.QuadPart = k->mtime;
        b->SubKeys = counts.subkeys;
        b->MaxNameLen = counts.max_name * sizeof(WCHAR);
        b->Values = counts.values;
        b->MaxValueNameLen = counts.max_value_name * sizeof(WCHAR);
        b->MaxValueDataLen = counts.max_data;
        b->NameLength = nb;
        *info = b;
        break;
    }
    default:
        status = STATUS_INVALID_PARAMETER;
        break;
    }
    goto out;
nomem:
    status = STATUS_NO_MEMORY;
out:
    free(name);
    free(cls);
    return status;
}

static NTSTATUS query_key(HANDLE handle, bool enumerate, ULONG index, KEY_INFORMATION_CLASS info_class, PVOID out,
                          ULONG length, PULONG result)
{
    if (result)
        PROBE_FOR_WRITE(result, sizeof *result);
    PROBE_FOR_WRITE(out, length);
    CM_KEY_BODY *key;
    /* NtQueryKey's KeyNameInformation needs no right; the other classes KEY_QUERY_VALUE, enumeration
     * KEY_ENUMERATE_SUB_KEYS. */
    ACCESS_MASK needed = enumerate ? KEY_ENUMERATE_SUB_KEYS : info_class == KeyNameInformation ? 0 : KEY_QUERY_VALUE;
    NTSTATUS status = reference_key(handle, needed, &key);
    if (status != STATUS_SUCCESS)
        return status;
    if ((status = CmpBegin(false)) != STATUS_SUCCESS)
        goto out_deref;
    struct host_reg_key k;
    void *info = NULL;
    ULONG size = 0, fixed = 0;
    status = host_reg_key_get(key->Id, &k);
    if (status == STATUS_SUCCESS && enumerate) {
        host_reg_key_free(&k);
        status = host_reg_key_enum(key->Id, index, &k);
    }
    if (status == STATUS_SUCCESS) {
        status = key_information(&k, info_class, &info, &size, &fixed);
        host_reg_key_free(&k);
    }
    status = CmpEnd(status);
    if (status == STATUS_SUCCESS)
        status = copy_out(info, size, fixed, out, length, result);
    free(info);
out_deref:
    ObDereferenceObject(key);
    return status;
}

NTSTATUS WINAPI NtQueryKey(HANDLE key, KEY_INFORMATION_CLASS info_class, PVOID info, ULONG length, PULONG result)
{
    return query_key(key, false, 0, info_class, info, length, result);
}

NTSTATUS WINAPI NtEnumerateKey(HANDLE key, ULONG index, KEY_INFORMATION_CLASS info_class, PVOID info, ULONG length,
                               PULONG result)
{
    if (info_class == KeyNameInformation)
        return STATUS_INVALID_PARAMETER;
    return query_key(key, true, index, info_class, info, length, result);
}

static NTSTATUS value_information(const struct host_reg_value *v, KEY_VALUE_INFORMATION_CLASS info_class,
                                  void **info, ULONG *size, ULONG *fixed)
{
    *info = NULL;
    WCHAR *name;
    ULONG n;
    NTSTATUS status = to_unicode(v->name, &name, &n);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG nb = n * sizeof(WCHAR);
    switch (info_class) {
    case KeyValueBasicInformation: {
        *fixed = offsetof(KEY_VALUE_BASIC_INFORMATION, Name);
        *size = *fixed + nb;
        KEY_VALUE_BASIC_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->Type = v->type;
        b->NameLength = nb;
        memcpy(b->Name, name, nb);
        *info = b;
        break;
    }
    case KeyValueFullInformation:
    case KeyValueFullInformationAlign64: {
        *fixed = offsetof(KEY_VALUE_FULL_INFORMATION, Name);
        ULONG data = *fixed + nb;
        if (info_class == KeyValueFullInformationAlign64)
            data = (data + 7) & ~7u;
        *size = data + v->size;
        KEY_VALUE_FULL_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->Type = v->type;
        b->DataOffset = data;
        b->DataLength = v->size;
        b->NameLength = nb;
        memcpy(b->Name, name, nb);
        if (v->size)
            memcpy((char *)b + data, v->data, v->size);
        *info = b;
        break;
    }
    case KeyValuePartialInformation:
    case KeyValuePartialInformationAlign64: {
        *fixed = offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data);
        *size = *fixed + v->size;
        KEY_VALUE_PARTIAL_INFORMATION *b = calloc(1, *size + 2);
        if (!b)
            goto nomem;
        b->Type = v->type;
        b->DataLength = v->size;
        if (v->size)
            memcpy(b->Data, v->data, v->size);
        *info = b;
        break;
    }
    default:
        status = STATUS_INVALID_PARAMETER;
        break;
    }
    free(name);
    return status;
nomem:
    free(name);
    return STATUS_NO_MEMORY;
}

/* A value name argument (NULL or empty = the key's default value) in the store's two spellings. */
static NTSTATUS capture_value_name(PUNICODE_STRING name, char **a, char **b)
{
    *a = *b = NULL;
    if (name) {
        PROBE_FOR_READ(name, sizeof *name);
        PROBE_FOR_READ(name->Buffer, name->Length);
        if (name->Length / sizeof(WCHAR) > MAX_VALUE_NAME)
            return STATUS_INVALID_PARAMETER;
    }
    return CmpMakeNames(name ? name->Buffer : NULL, name ? name->Length / sizeof(WCHAR) : 0, a, b);
}

static NTSTATUS query_value(HANDLE handle, PUNICODE_STRING value_name, bool enumerate, ULONG index,
                            KEY_VALUE_INFORMATION_CLASS info_class, PVOID out, ULONG length, PULONG result)
{
    if (result)
        PROBE_FOR_WRITE(result, sizeof *result);
    PROBE_FOR_WRITE(out, length);
    char *a = NULL, *b = NULL;
    NTSTATUS status;
    if (!enumerate && (status = capture_value_name(value_name, &a, &b)) != STATUS_SUCCESS)
        return status;
    CM_KEY_BODY *key;
    if ((status = reference_key(handle, KEY_QUERY_VALUE, &key)) != STATUS_SUCCESS)
        goto out_free;
    if ((status = CmpBegin(false)) != STATUS_SUCCESS)
        goto out_deref;
    struct host_reg_key k;
    struct host_reg_value v = {0};
    void *info = NULL;
    ULONG size = 0, fixed = 0;
    status = host_reg_key_get(key->Id, &k);
    host_reg_key_free(&k);
    if (status == STATUS_SUCCESS)
        status = enumerate ? host_reg_value_enum(key->Id, index, &v) : host_reg_value_get(key->Id, b, &v);
    if (status == STATUS_SUCCESS) {
        status = value_information(&v, info_class, &info, &size, &fixed);
        host_reg_value_free(&v);
    }
    status = CmpEnd(status);
    if (status == STATUS_SUCCESS)
        status = copy_out(info, size, fixed, out, length, result);
    free(info);
out_deref:
    ObDereferenceObject(key);
out_free:
    free(a);
    free(b);
    return status;
}

NTSTATUS WINAPI NtQueryValueKey(HANDLE key, PUNICODE_STRING name, KEY_VALUE_INFORMATION_CLASS info_class, PVOID info,
                                ULONG length, PULONG result)
{
    return query_value(key, name, false, 0, info_class, info, length, result);
}

NTSTATUS WINAPI NtEnumerateValueKey(HANDLE key, ULONG index, KEY_VALUE_INFORMATION_CLASS info_class, PVOID info,
                                    ULONG length, PULONG result)
{
    return query_value(key, NULL, true, index, info_class, info, length, result);
}

/* ---- changes ------------------------------------------------------------------------------------------------ */

NTSTATUS WINAPI NtSetValueKey(HANDLE handle, PUNICODE_STRING name, ULONG title_index, ULONG type, PVOID data,
                              ULONG size)
{
    (void)title_index;
    PROBE_FOR_READ(data, size);
    if (size && !data)
        return STATUS_ACCESS_VIOLATION;
    char *a, *b;
    NTSTATUS status = capture_value_name(name, &a, &b);
    if (status != STATUS_SUCCESS)
        return status;
    CM_KEY_BODY *key;
    if ((status = reference_key(handle, KEY_SET_VALUE, &key)) != STATUS_SUCCESS)
        goto out_free;
    if ((status = CmpBegin(true)) != STATUS_SUCCESS)
        goto out_deref;
    struct host_reg_key k;
    status = host_reg_key_get(key->Id, &k);
    host_reg_key_free(&k);
    if (status == STATUS_SUCCESS)
        status = host_reg_value_set(key->Id, a, b, type, data, size);
    if (status == STATUS_SUCCESS)
        status = host_reg_key_touch(key->Id, (int64_t)host_system_time(), true);
    status = CmpEnd(status);
out_deref:
    ObDereferenceObject(key);
out_free:
    free(a);
    free(b);
    return status;
}

NTSTATUS WINAPI NtDeleteValueKey(HANDLE handle, PUNICODE_STRING name)
{
    char *a, *b;
    NTSTATUS status = capture_value_name(name, &a, &b);
    if (status != STATUS_SUCCESS)
        return status;
    CM_KEY_BODY *key;
    if ((status = reference_key(handle, KEY_SET_VALUE, &key)) != STATUS_SUCCESS)
        goto out_free;
    if ((status = CmpBegin(true)) != STATUS_SUCCESS)
        goto out_deref;
    struct host_reg_key k;
    status = host_reg_key_get(key->Id, &k);
    host_reg_key_free(&k);
    if (status == STATUS_SUCCESS)
        status = host_reg_value_delete(key->Id, b);
    if (status == STATUS_SUCCESS)
        status = host_reg_key_touch(key->Id, (int64_t)host_system_time(), true);
    status = CmpEnd(status);
out_deref:
    ObDereferenceObject(key);
out_free:
    free(a);
    free(b);
    return status;
}

NTSTATUS WINAPI NtDeleteKey(HANDLE handle)
{
    CM_KEY_BODY *key;
    NTSTATUS status = reference_key(handle, DELETE, &key);
    if (status != STATUS_SUCCESS)
        return status;
    if ((status = CmpBegin(true)) != STATUS_SUCCESS)
        goto out_deref;
    struct host_reg_key k, parent = {0};
    status = host_reg_key_get(key->Id, &k);
    /* \REGISTRY and the roots below it (MACHINE, USER) are not keys one can delete. */
    if (status == STATUS_SUCCESS && (k.parent == 0 || host_reg_key_get(k.parent, &parent) != STATUS_SUCCESS ||
                                     parent.parent == 0))
        status = STATUS_CANNOT_DELETE;
    if (status == STATUS_SUCCESS)
        status = host_reg_key_delete(key->Id);
    if (status == STATUS_SUCCESS)
        status = host_reg_key_touch(k.parent, (int64_t)host_system_time(), false);
    host_reg_key_free(&k);
    host_reg_key_free(&parent);
    status = CmpEnd(status);
out_deref:
    ObDereferenceObject(key);
    return status;
}

NTSTATUS WINAPI NtRenameKey(HANDLE handle, PUNICODE_STRING name)
{
    if (!name)
        return STATUS_ACCESS_VIOLATION;
    PROBE_FOR_READ(name, sizeof *name);
    PROBE_FOR_READ(name->Buffer, name->Length);
    size_t chars = name->Length / sizeof(WCHAR);
    if (!chars || chars > MAX_KEY_NAME)
        return STATUS_INVALID_PARAMETER;
    for (size_t i = 0; i < chars; i++)
        if (name->Buffer[i] == '\\')
            return STATUS_INVALID_PARAMETER;
    char *a, *b;
    NTSTATUS status = CmpMakeNames(name->Buffer, chars, &a, &b);
    if (status != STATUS_SUCCESS)
        return status;
    CM_KEY_BODY *key;
    if ((status = reference_key(handle, KEY_WRITE & ~READ_CONTROL, &key)) != STATUS_SUCCESS)
        goto out_free;
    if ((status = CmpBegin(true)) != STATUS_SUCCESS)
        goto out_deref;
    struct host_reg_key k;
    int64_t other;
    status = host_reg_key_get(key->Id, &k);
    if (status == STATUS_SUCCESS && k.parent == 0)
        status = STATUS_ACCESS_DENIED;
    if (status == STATUS_SUCCESS && host_reg_key_lookup(k.parent, b, &other) == STATUS_SUCCESS)
        status = STATUS_CANNOT_DELETE;  /* what NT answers when the new name is taken */
    if (status == STATUS_SUCCESS)
        status = host_reg_key_rename(key->Id, a, b);
    if (status == STATUS_SUCCESS)
        status = host_reg_key_touch(k.parent, (int64_t)host_system_time(), false);
    host_reg_key_free(&k);
    status = CmpEnd(status);
out_deref:
    ObDereferenceObject(key);
out_free:
    free(a);
    free(b);
    return status;
}

NTSTATUS WINAPI NtFlushKey(HANDLE handle)
{
    /* Every service commits its transaction before returning: there is nothing left to write. */
    CM_KEY_BODY *key;
    NTSTATUS status = reference_key(handle, 0, &key);
    if (status != STATUS_SUCCESS)
        return status;
    if ((status = CmpBegin(false)) == STATUS_SUCCESS) {
        struct host_reg_key k;
        status = host_reg_key_get(key->Id, &k);
        host_reg_key_free(&k);
        status = CmpEnd(status);
    }
    ObDereferenceObject(key);
    return status;
}
