/*
 * advapi32's registry functions over ntdll's key services (cm/), as on Windows: the predefined keys are
 * opened once per process and cached, names are relative paths under them, and every function returns its
 * Win32 error (it does not set the last error). HKEY_CLASSES_ROOT is HKLM\SOFTWARE\Classes (Windows merges
 * HKCU\Software\Classes over it; that per-user layer is not kept). "A" functions convert with the ANSI code
 * page (UTF-8 here, see win32/k32.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cm/cm.h"
#include "io/builtin.h"
#include "io/io.h"
#include "nt/registry.h"
#include "win32/k32.h"

#include "advapi32/advapi32.h"

DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size);

#define ERROR_BADKEY            1010
#define ERROR_KEY_DELETED       1018
#define ERROR_UNSUPPORTED_TYPE  1630
#define ERROR_DATATYPE_MISMATCH 1629
#define ERROR_INVALID_DATA_REG  13
#define ERROR_BAD_NETPATH       53

#define HKEY_SPECIAL_FIRST 0x80000000u
#define HKEY_SPECIAL_COUNT 8
#define HKEY_CLASSES_ROOT_ID     0
#define HKEY_CURRENT_USER_ID     1
#define HKEY_LOCAL_MACHINE_ID    2
#define HKEY_USERS_ID            3
#define HKEY_PERFORMANCE_DATA_ID 4
#define HKEY_CURRENT_CONFIG_ID   5
#define HKEY_CURRENT_USER_LOCAL_SETTINGS_ID 7   /* 6 is HKEY_DYN_DATA, Windows 9x only */

#define RRF_RT_REG_NONE      0x00000001
#define RRF_RT_REG_SZ        0x00000002
#define RRF_RT_REG_EXPAND_SZ 0x00000004
#define RRF_RT_REG_BINARY    0x00000008
#define RRF_RT_REG_DWORD     0x00000010
#define RRF_RT_REG_MULTI_SZ  0x00000020
#define RRF_RT_REG_QWORD     0x00000040
#define RRF_RT_DWORD         (RRF_RT_REG_BINARY | RRF_RT_REG_DWORD)
#define RRF_RT_QWORD         (RRF_RT_REG_BINARY | RRF_RT_REG_QWORD)
#define RRF_RT_ANY           0x0000FFFF
#define RRF_SUBKEY_WOW6464KEY 0x00010000
#define RRF_SUBKEY_WOW6432KEY 0x00020000
#define RRF_NOEXPAND         0x10000000
#define RRF_ZEROONFAILURE    0x20000000

#define REG_MUI_STRING_TRUNCATE 1

static HANDLE predefined[HKEY_SPECIAL_COUNT];

static LSTATUS to_error(NTSTATUS status)
{
    return status == STATUS_PENDING ? ERROR_SUCCESS : (LSTATUS)RtlNtStatusToDosError(status);
}

/* The index of a predefined HKEY (sign-extended 0x8000000N as winreg.h makes them), else -1. */
static int special_index(HKEY hkey)
{
    ULONG_PTR v = (ULONG_PTR)hkey;
    if ((v >> 32) != 0xFFFFFFFFu && (v >> 32) != 0)
        return -1;
    ULONG low = (ULONG)v;
    if (low < HKEY_SPECIAL_FIRST || low >= HKEY_SPECIAL_FIRST + HKEY_SPECIAL_COUNT)
        return -1;
    return (int)(low - HKEY_SPECIAL_FIRST);
}

static NTSTATUS open_path(const WCHAR *path, ACCESS_MASK access, bool create, HANDLE *out)
{
    UNICODE_STRING name = { (USHORT)(RtlpWcslen(path) * sizeof(WCHAR)), 0, (PWSTR)path };
    name.MaximumLength = name.Length;
    OBJECT_ATTRIBUTES oa = { sizeof oa, NULL, &name, OBJ_CASE_INSENSITIVE, NULL, NULL };
    if (create)
        return NtCreateKey(out, access, &oa, 0, NULL, 0, NULL);
    return NtOpenKey(out, access, &oa);
}

/* \Registry\User\<SID> of the calling process's user; made if it is missing (a SID the store did not know). */
static NTSTATUS open_current_user(ACCESS_MASK access, const WCHAR *below, HANDLE *out)
{
    WCHAR path[160] = u"\\Registry\\User\\";
    size_t n = RtlpWcslen(path);
    CmGetCurrentUserSid(path + n, (ULONG)(ARRAY_SIZE(path) - n));
    n = RtlpWcslen(path);
    for (size_t i = 0; below && below[i] && n + 1 < ARRAY_SIZE(path); i++)
        path[n++] = below[i];
    path[n] = 0;
    return open_path(path, access, true, out);
}

static NTSTATUS open_special(int index, ACCESS_MASK access, HANDLE *out)
{
    switch (index) {
    case HKEY_CLASSES_ROOT_ID:  return open_path(u"\\Registry\\Machine\\Software\\Classes", access, true, out);
    case HKEY_CURRENT_USER_ID:  return open_current_user(access, NULL, out);
    case HKEY_CURRENT_USER_LOCAL_SETTINGS_ID:
        return open_current_user(access, u"\\Software\\Classes\\Local Settings", out);
    case HKEY_LOCAL_MACHINE_ID: return open_path(u"\\Registry\\Machine", access, false, out);
    case HKEY_USERS_ID:         return open_path(u"\\Registry\\User", access, false, out);
    case HKEY_CURRENT_CONFIG_ID:
        return open_path(u"\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current", access,
                         true, out);
    case HKEY_PERFORMANCE_DATA_ID:
        return STATUS_NOT_IMPLEMENTED;   /* performance counters are not kept */
    default:
        return STATUS_INVALID_HANDLE;
    }
}

/* The NT handle for hkey: a predefined key is opened on first use and kept (as Windows keeps it). */
static LSTATUS get_key(HKEY hkey, HANDLE *out)
{
    int i = special_index(hkey);
    if (i < 0) {
        *out = (HANDLE)hkey;
        return hkey ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
    }
    if (predefined[i]) {
        *out = predefined[i];
        return ERROR_SUCCESS;
    }
    HANDLE h;
    NTSTATUS status = open_special(i, MAXIMUM_ALLOWED, &h);
    if (status != STATUS_SUCCESS)
        return to_error(status);
    HANDLE prev = __sync_val_compare_and_swap(&predefined[i], NULL, h);
    if (prev) {
        NtClose(h);
        h = prev;
    }
    *out = h;
    return ERROR_SUCCESS;
}

static void init_name(UNICODE_STRING *s, const WCHAR *w)
{
    size_t n = w ? RtlpWcslen(w) : 0;
    if (n > 0x7FFE)
        n = 0x7FFE;
    s->Length = s->MaximumLength = (USHORT)(n * sizeof(WCHAR));
    s->Buffer = (PWSTR)w;
}

/* ---- open, create, close ------------------------------------------------------------------------------------ */

static LSTATUS open_key(HKEY hkey, LPCWSTR subkey, DWORD options, REGSAM access, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    *result = NULL;
    HANDLE root;
    LSTATUS err = get_key(hkey, &root);
    if (err)
        return err;
    UNICODE_STRING name;
    init_name(&name, subkey);
    OBJECT_ATTRIBUTES oa = { sizeof oa, root, &name, OBJ_CASE_INSENSITIVE, NULL, NULL };
    HANDLE h;
    NTSTATUS status = NtOpenKeyEx(&h, access, &oa, options & REG_OPTION_OPEN_LINK);
    if (status != STATUS_SUCCESS)
        return to_error(status);
    *result = (HKEY)h;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegOpenKeyExW(HKEY hkey, LPCWSTR subkey, DWORD options, REGSAM access, PHKEY result)
{
    return open_key(hkey, subkey, options, access, result);
}

LSTATUS WINAPI RegOpenKeyExA(HKEY hkey, LPCSTR subkey, DWORD options, REGSAM access, PHKEY result)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(subkey, &ok);
    if (!ok)
        return ERROR_NOT_ENOUGH_MEMORY;
    LSTATUS err = open_key(hkey, w, options, access, result);
    BaseFreeWide(w);
    return err;
}

LSTATUS WINAPI RegOpenKeyW(HKEY hkey, LPCWSTR subkey, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    /* An empty name gives back the same handle (Microsoft's documentation of RegOpenKey). */
    if (!subkey || !*subkey) {
        *result = hkey;
        return ERROR_SUCCESS;
    }
    return open_key(hkey, subkey, 0, MAXIMUM_ALLOWED, result);
}

LSTATUS WINAPI RegOpenKeyA(HKEY hkey, LPCSTR subkey, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey) {
        *result = hkey;
        return ERROR_SUCCESS;
    }
    return RegOpenKeyExA(hkey, subkey, 0, MAXIMUM_ALLOWED, result);
}

static LSTATUS create_key(HKEY hkey, LPCWSTR subkey, LPCWSTR class_name, DWORD options, REGSAM access,
                          PHKEY result, LPDWORD disposition)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    *result = NULL;
    HANDLE root;
    LSTATUS err = get_key(hkey, &root);
    if (err)
        return err;
    /* A leading backslash is not a relative name (Windows: ERROR_BAD_PATHNAME). */
    if (subkey && subkey[0] == '\\')
        return ERROR_BAD_PATHNAME;
    UNICODE_STRING name, cls;
    init_name(&name, subkey);
    init_name(&cls, class_name);
    OBJECT_ATTRIBUTES oa = { sizeof oa, root, &name, OBJ_CASE_INSENSITIVE, NULL, NULL };
    HANDLE h;
    ULONG disp = 0;
    NTSTATUS status = NtCreateKey(&h, access, &oa, 0, class_name ? &cls : NULL, options, &disp);
    if (status != STATUS_SUCCESS)
        return to_error(status);
    *result = (HKEY)h;
    if (disposition)
        *disposition = disp;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegCreateKeyExW(HKEY hkey, LPCWSTR subkey, DWORD reserved, LPWSTR class_name, DWORD options,
                               REGSAM access, void *security, PHKEY result, LPDWORD disposition)
{
    (void)reserved;
    (void)security;
    return create_key(hkey, subkey, class_name, options, access, result, disposition);
}

LSTATUS WINAPI RegCreateKeyExA(HKEY hkey, LPCSTR subkey, DWORD reserved, LPSTR class_name, DWORD options,
                               REGSAM access, void *security, PHKEY result, LPDWORD disposition)
{
    (void)reserved;
    (void)security;
    BOOL ok1, ok2;
    WCHAR *w = BaseAnsiToWide(subkey, &ok1), *c = BaseAnsiToWide(class_name, &ok2);
    LSTATUS err = ok1 && ok2 ? create_key(hkey, w, c, options, access, result, disposition) : ERROR_NOT_ENOUGH_MEMORY;
    BaseFreeWide(w);
    BaseFreeWide(c);
    return err;
}

LSTATUS WINAPI RegCreateKeyW(HKEY hkey, LPCWSTR subkey, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey) {
        *result = hkey;
        return ERROR_SUCCESS;
    }
    return create_key(hkey, subkey, NULL, 0, MAXIMUM_ALLOWED, result, NULL);
}

LSTATUS WINAPI RegCreateKeyA(HKEY hkey, LPCSTR subkey, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey) {
        *result = hkey;
        return ERROR_SUCCESS;
    }
    return RegCreateKeyExA(hkey, subkey, 0, NULL, 0, MAXIMUM_ALLOWED, NULL, result, NULL);
}

LSTATUS WINAPI RegCloseKey(HKEY hkey)
{
    if (special_index(hkey) >= 0)
        return ERROR_SUCCESS;   /* predefined keys stay open */
    if (!hkey)
        return ERROR_INVALID_HANDLE;
    return to_error(NtClose((HANDLE)hkey));
}

LSTATUS WINAPI RegOpenCurrentUser(REGSAM access, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    NTSTATUS status = open_current_user(access, NULL, &h);
    if (status != STATUS_SUCCESS) {
        *result = NULL;
        return to_error(status);
    }
    *result = (HKEY)h;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegFlushKey(HKEY hkey)
{
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    return err ? err : to_error(NtFlushKey(h));
}

/* ---- values ------------------------------------------------------------------------------------------------- */

/* The value's type and data (malloc'd in *info, KEY_VALUE_PARTIAL_INFORMATION). */
static LSTATUS read_value(HANDLE h, LPCWSTR value, KEY_VALUE_PARTIAL_INFORMATION **info)
{
    UNICODE_STRING name;
    init_name(&name, value);
    ULONG size = 256, needed = 0;
    for (;;) {
        *info = malloc(size);
        if (!*info)
            return ERROR_NOT_ENOUGH_MEMORY;
        NTSTATUS status = NtQueryValueKey(h, &name, KeyValuePartialInformation, *info, size, &needed);
        if (status == STATUS_SUCCESS)
            return ERROR_SUCCESS;
        free(*info);
        *info = NULL;
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL)
            return to_error(status);
        size = needed;
    }
}

static bool is_string(DWORD type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

/* Copies a value's data into a buffer of room bytes (len <= room). A string stored without its terminator
 * gets one when the buffer has room for it, which the size reported does not count (NT does so; so does
 * Wine's RegQueryValueExW). */
static void copy_string_data(BYTE *data, DWORD room, DWORD type, const BYTE *src, DWORD len)
{
    memcpy(data, src, len);
    if (is_string(type) && len >= sizeof(WCHAR) && room - len >= sizeof(WCHAR) &&
        ((const WCHAR *)src)[len / sizeof(WCHAR) - 1] != 0)
        memset(data + (len & ~1u), 0, sizeof(WCHAR));
}

LSTATUS WINAPI RegQueryValueExW(HKEY hkey, LPCWSTR value, LPDWORD reserved, LPDWORD type, LPBYTE data,
                                LPDWORD size)
{
    if ((data && !size) || reserved)
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    KEY_VALUE_PARTIAL_INFORMATION *info;
    if ((err = read_value(h, value, &info)))
        return err;
    if (type)
        *type = info->Type;
    if (data && info->DataLength > *size)
        err = ERROR_MORE_DATA;
    else if (data)
        copy_string_data(data, *size, info->Type, info->Data, info->DataLength);
    if (size)
        *size = info->DataLength;
    free(info);
    return err;
}

LSTATUS WINAPI RegQueryValueExA(HKEY hkey, LPCSTR value, LPDWORD reserved, LPDWORD type, LPBYTE data,
                                LPDWORD size)
{
    if ((data && !size) || reserved)
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(value, &ok);
    if (!ok)
        return ERROR_NOT_ENOUGH_MEMORY;
    KEY_VALUE_PARTIAL_INFORMATION *info;
    err = read_value(h, w, &info);
    BaseFreeWide(w);
    if (err)
        return err;
    const void *src = info->Data;
    ULONG len = info->DataLength;
    char *conv = NULL;
    if (is_string(info->Type)) {
        /* String data is given in the ANSI code page, its size counted in ANSI bytes. */
        ULONG n = 0;
        RtlUnicodeToMultiByteSize(&n, (const WCHAR *)info->Data, len & ~1u);
        conv = malloc(n + 1);
        if (!conv) {
            free(info);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        RtlUnicodeToMultiByteN(conv, n, &n, (const WCHAR *)info->Data, len & ~1u);
        src = conv;
        len = n;
    }
    if (type)
        *type = info->Type;
    if (data && len > *size)
        err = ERROR_MORE_DATA;
    else if (data)
        memcpy(data, src, len);
    if (size)
        *size = len;
    free(conv);
    free(info);
    return err;
}

static LSTATUS set_value(HKEY hkey, LPCWSTR value, DWORD type, const BYTE *data, DWORD size)
{
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    UNICODE_STRING name;
    init_name(&name, value);
    return to_error(NtSetValueKey(h, &name, 0, type, (PVOID)data, size));
}

LSTATUS WINAPI RegSetValueExW(HKEY hkey, LPCWSTR value, DWORD reserved, DWORD type, const BYTE *data, DWORD size)
{
    (void)reserved;
    if (!data && size)
        return ERROR_NOACCESS;
    /* A string whose size leaves out its terminator gets it counted when the terminator follows in memory
     * (NT does so; Wine's RegSetValueExW imitates it). */
    if (size >= sizeof(WCHAR) && is_string(type)) {
        const WCHAR *str = (const WCHAR *)data;
        if (str[size / sizeof(WCHAR) - 1] && !str[size / sizeof(WCHAR)])
            size += sizeof(WCHAR);
    }
    return set_value(hkey, value, type, data, size);
}

LSTATUS WINAPI RegSetValueExA(HKEY hkey, LPCSTR value, DWORD reserved, DWORD type, const BYTE *data, DWORD size)
{
    (void)reserved;
    if (!data && size)
        return ERROR_NOACCESS;
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(value, &ok);
    if (!ok)
        return ERROR_NOT_ENOUGH_MEMORY;
    LSTATUS err;
    if (is_string(type) && data) {
        if (size && data[size - 1] && !data[size])
            size++;   /* the terminator counted, as RegSetValueExW does */
        size_t units;
        WCHAR *conv = BaseAnsiToWideN((const char *)data, size, &units);
        err = conv ? set_value(hkey, w, type, (const BYTE *)conv, (DWORD)(units * sizeof(WCHAR)))
                   : ERROR_NOT_ENOUGH_MEMORY;
        BaseFreeWide(conv);
    } else {
        err = set_value(hkey, w, type, data, size);
    }
    BaseFreeWide(w);
    return err;
}

LSTATUS WINAPI RegSetKeyValueW(HKEY hkey, LPCWSTR subkey, LPCWSTR value, DWORD type, LPCVOID data, DWORD size)
{
    if (!subkey || !*subkey)
        return RegSetValueExW(hkey, value, 0, type, data, size);
    HKEY k;
    LSTATUS err = create_key(hkey, subkey, NULL, 0, KEY_SET_VALUE, &k, NULL);
    if (err)
        return err;
    err = RegSetValueExW(k, value, 0, type, data, size);
    RegCloseKey(k);
    return err;
}

LSTATUS WINAPI RegSetKeyValueA(HKEY hkey, LPCSTR subkey, LPCSTR value, DWORD type, LPCVOID data, DWORD size)
{
    if (!subkey || !*subkey)
        return RegSetValueExA(hkey, value, 0, type, data, size);
    HKEY k;
    LSTATUS err = RegCreateKeyExA(hkey, subkey, 0, NULL, 0, KEY_SET_VALUE, NULL, &k, NULL);
    if (err)
        return err;
    err = RegSetValueExA(k, value, 0, type, data, size);
    RegCloseKey(k);
    return err;
}

/* RegGetValue's type restriction: is the value's type among the flags' RRF_RT_* (and a REG_BINARY asked for
 * as RRF_RT_DWORD/QWORD of that size)? */
static LSTATUS apply_restrictions(DWORD flags, DWORD type, DWORD size, LSTATUS err)
{
    static const DWORD mask_of[] = { RRF_RT_REG_NONE, RRF_RT_REG_SZ, RRF_RT_REG_EXPAND_SZ, RRF_RT_REG_BINARY,
                                     RRF_RT_REG_DWORD, 0, 0, RRF_RT_REG_MULTI_SZ, 0, 0, 0, RRF_RT_REG_QWORD };
    DWORD mask = type < ARRAY_SIZE(mask_of) ? mask_of[type] : 0;
    if (!(flags & mask))
        return ERROR_UNSUPPORTED_TYPE;
    if (type == REG_BINARY) {
        DWORD expect = (flags & RRF_RT_ANY) == RRF_RT_DWORD ? 4 : (flags & RRF_RT_ANY) == RRF_RT_QWORD ? 8 : 0;
        if (expect && size != expect)
            return ERROR_DATATYPE_MISMATCH;
    }
    return err;
}

LSTATUS WINAPI RegGetValueW(HKEY hkey, LPCWSTR subkey, LPCWSTR value, DWORD flags, LPDWORD type, PVOID data,
                            LPDWORD size)
{
    if ((data && !size) || !(flags & RRF_RT_ANY) ||
        ((flags & RRF_RT_ANY) == RRF_RT_REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)))
        return ERROR_INVALID_PARAMETER;
    HKEY k = hkey;
    LSTATUS err;
    if (subkey && *subkey) {
        REGSAM wow = flags & RRF_SUBKEY_WOW6432KEY ? KEY_WOW64_32KEY : flags & RRF_SUBKEY_WOW6464KEY ? KEY_WOW64_64KEY : 0;
        if ((err = open_key(hkey, subkey, 0, KEY_QUERY_VALUE | wow, &k)))
            return err;
    }
    HANDLE h;
    KEY_VALUE_PARTIAL_INFORMATION *info = NULL;
    err = get_key(k, &h);
    if (!err)
        err = read_value(h, value, &info);
    if (k != hkey)
        RegCloseKey(k);
    if (err) {
        if (data && size && (flags & RRF_ZEROONFAILURE))
            memset(data, 0, *size);
        return err;
    }
    DWORD t = info->Type, len = info->DataLength;
    const BYTE *src = info->Data;
    WCHAR *expanded = NULL;
    if (t == REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)) {
        /* Expanded, and then reported as REG_SZ, with the size the expansion needs. */
        ULONG chars = len / sizeof(WCHAR);
        WCHAR *raw = malloc((chars + 1) * sizeof(WCHAR));
        if (raw) {
            memcpy(raw, info->Data, chars * sizeof(WCHAR));
            raw[chars] = 0;
            DWORD need = ExpandEnvironmentStringsW(raw, NULL, 0);
            expanded = malloc((need + 1) * sizeof(WCHAR));
            if (expanded)
                ExpandEnvironmentStringsW(raw, expanded, need + 1);
            free(raw);
            len = need * sizeof(WCHAR);
        }
        if (!expanded) {
            free(info);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        src = (const BYTE *)expanded;
        t = REG_SZ;
    }
    /* A string without its terminator is returned with one (and the size counts it). */
    bool add_nul = false;
    if (is_string(t) && (len < sizeof(WCHAR) || ((const WCHAR *)src)[len / sizeof(WCHAR) - 1] != 0)) {
        add_nul = true;
        len = (len & ~1u) + sizeof(WCHAR);
    }
    err = ERROR_SUCCESS;
    if (data) {
        if (len > *size) {
            err = ERROR_MORE_DATA;
        } else {
            memcpy(data, src, add_nul ? len - sizeof(WCHAR) : len);
            if (add_nul)
                ((WCHAR *)data)[len / sizeof(WCHAR) - 1] = 0;
        }
    }
    err = apply_restrictions(flags, t, len, err);
    if (data && err && (flags & RRF_ZEROONFAILURE))
        memset(data, 0, *size);
    if (type)
        *type = t;
    if (size)
        *size = len;
    free(expanded);
    free(info);
    return err;
}

LSTATUS WINAPI RegGetValueA(HKEY hkey, LPCSTR subkey, LPCSTR value, DWORD flags, LPDWORD type, PVOID data,
                            LPDWORD size)
{
    if ((data && !size) || !(flags & RRF_RT_ANY) ||
        ((flags & RRF_RT_ANY) == RRF_RT_REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)))
        return ERROR_INVALID_PARAMETER;
    /* Through the W form into a buffer of our own, then strings converted to ANSI. */
    BOOL ok1, ok2;
    WCHAR *sk = BaseAnsiToWide(subkey, &ok1), *vn = BaseAnsiToWide(value, &ok2);
    DWORD t = 0, wsize = 0;
    LSTATUS err = ok1 && ok2 ? RegGetValueW(hkey, sk, vn, flags & ~RRF_ZEROONFAILURE, &t, NULL, &wsize)
                             : ERROR_NOT_ENOUGH_MEMORY;
    BYTE *buf = NULL;
    if (!err && !(buf = malloc(wsize + 2)))
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err)
        err = RegGetValueW(hkey, sk, vn, flags & ~RRF_ZEROONFAILURE, &t, buf, &wsize);
    BaseFreeWide(sk);
    BaseFreeWide(vn);
    if (!err) {
        const BYTE *src = buf;
        DWORD len = wsize;
        char *conv = NULL;
        if (is_string(t)) {
            ULONG n = 0;
            RtlUnicodeToMultiByteSize(&n, (const WCHAR *)buf, wsize & ~1u);
            conv = malloc(n + 1);
            if (conv)
                RtlUnicodeToMultiByteN(conv, n, &n, (const WCHAR *)buf, wsize & ~1u);
            src = (const BYTE *)conv;
            len = n;
        }
        if (data && len > *size)
            err = ERROR_MORE_DATA;
        else if (data)
            memcpy(data, src, len);
        if (size)
            *size = len;
        free(conv);
    }
    if (data && err && (flags & RRF_ZEROONFAILURE))
        memset(data, 0, *size);
    if (type)
        *type = t;
    free(buf);
    return err;
}

LSTATUS WINAPI RegDeleteValueW(HKEY hkey, LPCWSTR value)
{
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    UNICODE_STRING name;
    init_name(&name, value);
    return to_error(NtDeleteValueKey(h, &name));
}

LSTATUS WINAPI RegDeleteValueA(HKEY hkey, LPCSTR value)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(value, &ok);
    LSTATUS err = ok ? RegDeleteValueW(hkey, w) : ERROR_NOT_ENOUGH_MEMORY;
    BaseFreeWide(w);
    return err;
}

LSTATUS WINAPI RegDeleteKeyValueW(HKEY hkey, LPCWSTR subkey, LPCWSTR value)
{
    HKEY k = hkey;
    LSTATUS err;
    if (subkey && *subkey && (err = open_key(hkey, subkey, 0, KEY_SET_VALUE, &k)))
        return err;
    err = RegDeleteValueW(k, value);
    if (k != hkey)
        RegCloseKey(k);
    return err;
}

LSTATUS WINAPI RegDeleteKeyValueA(HKEY hkey, LPCSTR subkey, LPCSTR value)
{
    BOOL ok1, ok2;
    WCHAR *s = BaseAnsiToWide(subkey, &ok1), *v = BaseAnsiToWide(value, &ok2);
    LSTATUS err = ok1 && ok2 ? RegDeleteKeyValueW(hkey, s, v) : ERROR_NOT_ENOUGH_MEMORY;
    BaseFreeWide(s);
    BaseFreeWide(v);
    return err;
}

/* ---- enumeration and information ---------------------------------------------------------------------------- */

LSTATUS WINAPI RegEnumKeyExW(HKEY hkey, DWORD index, LPWSTR name, LPDWORD name_chars, LPDWORD reserved,
                             LPWSTR class_name, LPDWORD class_chars, FILETIME *last_write)
{
    if (reserved || !name_chars || (class_name && !class_chars))
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    ULONG size = 1024, needed;
    KEY_NODE_INFORMATION *info;
    NTSTATUS status;
    for (;;) {
        if (!(info = malloc(size)))
            return ERROR_NOT_ENOUGH_MEMORY;
        status = NtEnumerateKey(h, index, KeyNodeInformation, info, size, &needed);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL)
            break;
        free(info);
        size = needed;
    }
    if (status != STATUS_SUCCESS) {
        free(info);
        return to_error(status);
    }
    DWORD n = info->NameLength / sizeof(WCHAR), c = info->ClassLength / sizeof(WCHAR);
    if (n >= *name_chars || (class_name && c >= *class_chars)) {
        err = ERROR_MORE_DATA;
    } else {
        memcpy(name, info->Name, n * sizeof(WCHAR));
        name[n] = 0;
        *name_chars = n;
        if (class_name) {
            if (c)
                memcpy(class_name, (char *)info + info->ClassOffset, c * sizeof(WCHAR));
            class_name[c] = 0;
            *class_chars = c;
        }
        if (last_write)
            memcpy(last_write, &info->LastWriteTime, sizeof *last_write);
    }
    free(info);
    return err;
}

LSTATUS WINAPI RegEnumKeyExA(HKEY hkey, DWORD index, LPSTR name, LPDWORD name_chars, LPDWORD reserved,
                             LPSTR class_name, LPDWORD class_chars, FILETIME *last_write)
{
    if (reserved || !name_chars || (class_name && !class_chars))
        return ERROR_INVALID_PARAMETER;
    WCHAR wname[256], wclass[256];
    DWORD nc = ARRAY_SIZE(wname), cc = ARRAY_SIZE(wclass);
    LSTATUS err = RegEnumKeyExW(hkey, index, wname, &nc, NULL, class_name ? wclass : NULL, class_name ? &cc : NULL,
                                last_write);
    if (err)
        return err;
    ULONG n = 0, c = 0;
    RtlUnicodeToMultiByteSize(&n, wname, nc * sizeof(WCHAR));
    if (class_name)
        RtlUnicodeToMultiByteSize(&c, wclass, cc * sizeof(WCHAR));
    if (n >= *name_chars || (class_name && c >= *class_chars))
        return ERROR_MORE_DATA;
    RtlUnicodeToMultiByteN(name, n, &n, wname, nc * sizeof(WCHAR));
    name[n] = 0;
    *name_chars = n;
    if (class_name) {
        RtlUnicodeToMultiByteN(class_name, c, &c, wclass, cc * sizeof(WCHAR));
        class_name[c] = 0;
        *class_chars = c;
    }
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegEnumKeyW(HKEY hkey, DWORD index, LPWSTR name, DWORD chars)
{
    return RegEnumKeyExW(hkey, index, name, &chars, NULL, NULL, NULL, NULL);
}

LSTATUS WINAPI RegEnumKeyA(HKEY hkey, DWORD index, LPSTR name, DWORD chars)
{
    return RegEnumKeyExA(hkey, index, name, &chars, NULL, NULL, NULL, NULL);
}

/* The index-th value in full (malloc'd). */
static LSTATUS enum_value(HANDLE h, DWORD index, KEY_VALUE_FULL_INFORMATION **out)
{
    ULONG size = 512, needed;
    for (;;) {
        KEY_VALUE_FULL_INFORMATION *info = malloc(size);
        if (!info)
            return ERROR_NOT_ENOUGH_MEMORY;
        NTSTATUS status = NtEnumerateValueKey(h, index, KeyValueFullInformation, info, size, &needed);
        if (status == STATUS_SUCCESS) {
            *out = info;
            return ERROR_SUCCESS;
        }
        free(info);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL)
            return to_error(status);
        size = needed;
    }
}

LSTATUS WINAPI RegEnumValueW(HKEY hkey, DWORD index, LPWSTR name, LPDWORD name_chars, LPDWORD reserved,
                             LPDWORD type, LPBYTE data, LPDWORD size)
{
    if (reserved || !name_chars || (data && !size))
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    KEY_VALUE_FULL_INFORMATION *info;
    if ((err = enum_value(h, index, &info)))
        return err;
    DWORD n = info->NameLength / sizeof(WCHAR);
    if (n >= *name_chars) {
        err = ERROR_MORE_DATA;
    } else {
        memcpy(name, info->Name, n * sizeof(WCHAR));
        name[n] = 0;
        *name_chars = n;
        if (data && info->DataLength > *size)
            err = ERROR_MORE_DATA;
        else if (data)
            copy_string_data(data, *size, info->Type, (const BYTE *)info + info->DataOffset, info->DataLength);
    }
    if (type)
        *type = info->Type;
    if (size)
        *size = info->DataLength;
    free(info);
    return err;
}

LSTATUS WINAPI RegEnumValueA(HKEY hkey, DWORD index, LPSTR name, LPDWORD name_chars, LPDWORD reserved,
                             LPDWORD type, LPBYTE data, LPDWORD size)
{
    if (reserved || !name_chars || (data && !size))
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    KEY_VALUE_FULL_INFORMATION *info;
    if ((err = enum_value(h, index, &info)))
        return err;
    ULONG n = 0;
    RtlUnicodeToMultiByteSize(&n, info->Name, info->NameLength);
    const BYTE *src = (const BYTE *)info + info->DataOffset;
    ULONG len = info->DataLength;
    char *conv = NULL;
    if (is_string(info->Type)) {
        ULONG m = 0;
        RtlUnicodeToMultiByteSize(&m, (const WCHAR *)src, len & ~1u);
        if ((conv = malloc(m + 1)))
            RtlUnicodeToMultiByteN(conv, m, &m, (const WCHAR *)src, len & ~1u);
        src = (const BYTE *)conv;
        len = m;
    }
    if (n >= *name_chars) {
        err = ERROR_MORE_DATA;
    } else {
        RtlUnicodeToMultiByteN(name, n, &n, info->Name, info->NameLength);
        name[n] = 0;
        *name_chars = n;
        if (data && len > *size)
            err = ERROR_MORE_DATA;
        else if (data && src)
            memcpy(data, src, len);
    }
    if (type)
        *type = info->Type;
    if (size)
        *size = len;
    free(conv);
    free(info);
    return err;
}

LSTATUS WINAPI RegQueryInfoKeyW(HKEY hkey, LPWSTR class_name, LPDWORD class_chars, LPDWORD reserved,
                                LPDWORD subkeys, LPDWORD max_subkey, LPDWORD max_class, LPDWORD values,
                                LPDWORD max_value_name, LPDWORD max_value, LPDWORD security, FILETIME *last_write)
{
    if (reserved || (class_name && !class_chars))
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    ULONG size = 512, needed;
    KEY_FULL_INFORMATION *info;
    NTSTATUS status;
    for (;;) {
        if (!(info = malloc(size)))
            return ERROR_NOT_ENOUGH_MEMORY;
        status = NtQueryKey(h, KeyFullInformation, info, size, &needed);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL)
            break;
        free(info);
        size = needed;
    }
    if (status != STATUS_SUCCESS) {
        free(info);
        return to_error(status);
    }
    DWORD c = info->ClassLength / sizeof(WCHAR);
    if (class_name) {
        if (c >= *class_chars) {
            err = ERROR_MORE_DATA;
        } else {
            if (c)
                memcpy(class_name, (char *)info + info->ClassOffset, c * sizeof(WCHAR));
            class_name[c] = 0;
        }
    }
    if (class_chars)
        *class_chars = c;
    if (subkeys)
        *subkeys = info->SubKeys;
    if (max_subkey)
        *max_subkey = info->MaxNameLen / sizeof(WCHAR);
    if (max_class)
        *max_class = info->MaxClassLen / sizeof(WCHAR);
    if (values)
        *values = info->Values;
    if (max_value_name)
        *max_value_name = info->MaxValueNameLen / sizeof(WCHAR);
    if (max_value)
        *max_value = info->MaxValueDataLen;
    if (security)
        *security = 0;   /* keys carry no security descriptor here */
    if (last_write)
        memcpy(last_write, &info->LastWriteTime, sizeof *last_write);
    free(info);
    return err;
}

LSTATUS WINAPI RegQueryInfoKeyA(HKEY hkey, LPSTR class_name, LPDWORD class_chars, LPDWORD reserved,
                                LPDWORD subkeys, LPDWORD max_subkey, LPDWORD max_class, LPDWORD values,
                                LPDWORD max_value_name, LPDWORD max_value, LPDWORD security, FILETIME *last_write)
{
    if (reserved || (class_name && !class_chars))
        return ERROR_INVALID_PARAMETER;
    WCHAR wclass[256];
    DWORD cc = ARRAY_SIZE(wclass);
    LSTATUS err = RegQueryInfoKeyW(hkey, wclass, &cc, NULL, subkeys, max_subkey, max_class, values, max_value_name,
                                   max_value, security, last_write);
    if (err)
        return err;
    ULONG c = 0;
    RtlUnicodeToMultiByteSize(&c, wclass, cc * sizeof(WCHAR));
    if (class_name) {
        if (c >= *class_chars) {
            *class_chars = c;
            return ERROR_MORE_DATA;
        }
        RtlUnicodeToMultiByteN(class_name, c, &c, wclass, cc * sizeof(WCHAR));
        class_name[c] = 0;
    }
    if (class_chars)
        *class_chars = c;
    return ERROR_SUCCESS;
}

/* ---- deleting keys ------------------------------------------------------------------------------------------ */

LSTATUS WINAPI RegDeleteKeyExW(HKEY hkey, LPCWSTR subkey, REGSAM access, DWORD reserved)
{
    (void)reserved;
    if (!subkey)
        return ERROR_INVALID_PARAMETER;
    HKEY k;
    LSTATUS err = open_key(hkey, subkey, 0, DELETE | (access & (KEY_WOW64_32KEY | KEY_WOW64_64KEY)), &k);
    if (err)
        return err;
    /* A key with subkeys: STATUS_CANNOT_DELETE, which is ERROR_ACCESS_DENIED. */
    err = to_error(NtDeleteKey((HANDLE)k));
    if (special_index(k) < 0 && k != hkey)
        NtClose((HANDLE)k);
    return err;
}

LSTATUS WINAPI RegDeleteKeyExA(HKEY hkey, LPCSTR subkey, REGSAM access, DWORD reserved)
{
    if (!subkey)
        return ERROR_INVALID_PARAMETER;
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(subkey, &ok);
    LSTATUS err = ok ? RegDeleteKeyExW(hkey, w, access, reserved) : ERROR_NOT_ENOUGH_MEMORY;
    BaseFreeWide(w);
    return err;
}

LSTATUS WINAPI RegDeleteKeyW(HKEY hkey, LPCWSTR subkey)
{
    return RegDeleteKeyExW(hkey, subkey, 0, 0);
}

LSTATUS WINAPI RegDeleteKeyA(HKEY hkey, LPCSTR subkey)
{
    return RegDeleteKeyExA(hkey, subkey, 0, 0);
}

/* Deletes every subkey of k, depth first, and its values. */
static LSTATUS delete_contents(HKEY k)
{
    WCHAR name[256];
    for (;;) {
        DWORD n = ARRAY_SIZE(name);
        LSTATUS err = RegEnumKeyExW(k, 0, name, &n, NULL, NULL, NULL, NULL);
        if (err == ERROR_NO_MORE_ITEMS)
            break;
        if (err)
            return err;
        HKEY child;
        if ((err = open_key(k, name, 0, KEY_ALL_ACCESS, &child)))
            return err;
        err = delete_contents(child);
        if (!err)
            err = to_error(NtDeleteKey((HANDLE)child));
        NtClose((HANDLE)child);
        if (err)
            return err;
    }
    for (;;) {
        HANDLE h;
        LSTATUS err = get_key(k, &h);
        if (err)
            return err;
        KEY_VALUE_FULL_INFORMATION *info;
        err = enum_value(h, 0, &info);
        if (err == ERROR_NO_MORE_ITEMS)
            return ERROR_SUCCESS;
        if (err)
            return err;
        UNICODE_STRING vn = { (USHORT)info->NameLength, (USHORT)info->NameLength, info->Name };
        err = to_error(NtDeleteValueKey(h, &vn));
        free(info);
        if (err)
            return err;
    }
}

LSTATUS WINAPI RegDeleteTreeW(HKEY hkey, LPCWSTR subkey)
{
    HKEY k;
    LSTATUS err = subkey && *subkey ? open_key(hkey, subkey, 0, KEY_ALL_ACCESS, &k) : ERROR_SUCCESS;
    if (err)
        return err;
    if (!subkey || !*subkey)
        return delete_contents(hkey);   /* the key itself stays */
    err = delete_contents(k);
    if (!err)
        err = to_error(NtDeleteKey((HANDLE)k));
    NtClose((HANDLE)k);
    return err;
}

LSTATUS WINAPI RegDeleteTreeA(HKEY hkey, LPCSTR subkey)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(subkey, &ok);
    LSTATUS err = ok ? RegDeleteTreeW(hkey, w) : ERROR_NOT_ENOUGH_MEMORY;
    BaseFreeWide(w);
    return err;
}

/* ---- notifications and MUI strings -------------------------------------------------------------------------- */

LSTATUS WINAPI RegNotifyChangeKeyValue(HKEY hkey, BOOL subtree, DWORD filter, HANDLE event, BOOL asynchronous)
{
    if (asynchronous && !event)
        return ERROR_INVALID_HANDLE;   /* what Wine answers; Microsoft documents no code */
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtNotifyChangeKey(h, asynchronous ? event : NULL, NULL, NULL, asynchronous ? NULL : &iosb,
                                        filter, (BOOLEAN)!!subtree, NULL, 0, (BOOLEAN)!!asynchronous);
    return to_error(status);
}

LSTATUS WINAPI RegLoadMUIStringW(HKEY hkey, LPCWSTR value, LPWSTR out, DWORD out_bytes, LPDWORD needed, DWORD flags,
                                 LPCWSTR directory)
{
    (void)directory;
    if ((flags & ~REG_MUI_STRING_TRUNCATE) || (!out && out_bytes) || (out_bytes & 1) ||
        ((flags & REG_MUI_STRING_TRUNCATE) && needed))
        return ERROR_INVALID_PARAMETER;
    HANDLE h;
    LSTATUS err = get_key(hkey, &h);
    if (err)
        return err;
    KEY_VALUE_PARTIAL_INFORMATION *info;
    if ((err = read_value(h, value, &info)))
        return err;
    /* A value of another type is not a MUI string: ERROR_FILE_NOT_FOUND (as Wine, whose tests run on Windows). */
    if ((info->Type != REG_SZ && info->Type != REG_EXPAND_SZ) || !info->DataLength) {
        free(info);
        return ERROR_FILE_NOT_FOUND;
    }
    ULONG chars = info->DataLength / sizeof(WCHAR);
    WCHAR *text = malloc((chars + 1) * sizeof(WCHAR));
    if (!text) {
        free(info);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    memcpy(text, info->Data, chars * sizeof(WCHAR));
    text[chars] = 0;
    DWORD type = info->Type;
    free(info);
    if (type == REG_EXPAND_SZ) {
        DWORD n = ExpandEnvironmentStringsW(text, NULL, 0);
        WCHAR *x = malloc((n + 1) * sizeof(WCHAR));
        if (x)
            ExpandEnvironmentStringsW(text, x, n + 1);
        free(text);
        if (!(text = x))
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    /* Only "@file.dll,-id" is a MUI string; anything else is ERROR_INVALID_DATA (as Wine, whose tests run on
     * Windows). The resource string itself needs a string-table loader (FindResource/LoadString) that this
     * advapi32 does not have: ERROR_CALL_NOT_IMPLEMENTED rather than a wrong answer. */
    err = text[0] == '@' ? ERROR_CALL_NOT_IMPLEMENTED : ERROR_INVALID_DATA_REG;
    free(text);
    return err;
}

LSTATUS WINAPI RegLoadMUIStringA(HKEY hkey, LPCSTR value, LPSTR out, DWORD out_bytes, LPDWORD needed, DWORD flags,
                                 LPCSTR directory)
{
    /* Microsoft's documentation: "RegLoadMUIStringA is not supported" (it returns ERROR_CALL_NOT_IMPLEMENTED). */
    (void)hkey, (void)value, (void)out, (void)out_bytes, (void)needed, (void)flags, (void)directory;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

/* ---- the default value through the old interface (Windows 3.1's RegQueryValue/RegSetValue) -------------------- */

LSTATUS WINAPI RegQueryValueW(HKEY hkey, LPCWSTR subkey, LPWSTR data, LONG *size)
{
    HKEY k = hkey;
    LSTATUS err;
    if (subkey && *subkey && (err = open_key(hkey, subkey, 0, KEY_QUERY_VALUE, &k)))
        return err;
    DWORD type = 0, n = size ? (DWORD)*size : 0;
    err = RegQueryValueExW(k, NULL, NULL, &type, (LPBYTE)data, size ? &n : NULL);
    /* A key whose default value was never set answers an empty string. */
    if (err == ERROR_FILE_NOT_FOUND) {
        err = ERROR_SUCCESS;
        n = sizeof(WCHAR);
        if (data && size && *size >= (LONG)sizeof(WCHAR))
            data[0] = 0;
        else if (data)
            err = ERROR_MORE_DATA;
    } else if (!err && type != REG_SZ) {
        err = ERROR_INVALID_DATA_REG;
    }
    if (size)
        *size = (LONG)n;
    if (k != hkey)
        RegCloseKey(k);
    return err;
}

LSTATUS WINAPI RegQueryValueA(HKEY hkey, LPCSTR subkey, LPSTR data, LONG *size)
{
    HKEY k = hkey;
    LSTATUS err;
    if (subkey && *subkey && (err = RegOpenKeyExA(hkey, subkey, 0, KEY_QUERY_VALUE, &k)))
        return err;
    DWORD type = 0, n = size ? (DWORD)*size : 0;
    err = RegQueryValueExA(k, NULL, NULL, &type, (LPBYTE)data, size ? &n : NULL);
    if (err == ERROR_FILE_NOT_FOUND) {
        err = ERROR_SUCCESS;
        n = 1;
        if (data && size && *size >= 1)
            data[0] = 0;
        else if (data)
            err = ERROR_MORE_DATA;
    } else if (!err && type != REG_SZ) {
        err = ERROR_INVALID_DATA_REG;
    }
    if (size)
        *size = (LONG)n;
    if (k != hkey)
        RegCloseKey(k);
    return err;
}

/* Sets the default value of subkey (made if missing) to a string; only REG_SZ, and the size is ignored
 * (the string's own length counts), as Microsoft documents. */
LSTATUS WINAPI RegSetValueW(HKEY hkey, LPCWSTR subkey, DWORD type, LPCWSTR data, DWORD size)
{
    (void)size;
    if (type != REG_SZ || !data)
        return ERROR_INVALID_PARAMETER;
    return RegSetKeyValueW(hkey, subkey, NULL, REG_SZ, data, (DWORD)((RtlpWcslen(data) + 1) * sizeof(WCHAR)));
}

LSTATUS WINAPI RegSetValueA(HKEY hkey, LPCSTR subkey, DWORD type, LPCSTR data, DWORD size)
{
    (void)size;
    if (type != REG_SZ || !data)
        return ERROR_INVALID_PARAMETER;
    return RegSetKeyValueA(hkey, subkey, NULL, REG_SZ, data, (DWORD)strlen(data) + 1);
}

/* ---- copying a tree; the local machine as a "remote" registry ------------------------------------------------ */

/* Copies the values of src and, depth first, its subkeys (with their classes) under dst. */
static LSTATUS copy_tree(HKEY src, HKEY dst)
{
    HANDLE hs;
    LSTATUS err = get_key(src, &hs);
    if (err)
        return err;
    for (DWORD i = 0;; i++) {
        KEY_VALUE_FULL_INFORMATION *info;
        err = enum_value(hs, i, &info);
        if (err == ERROR_NO_MORE_ITEMS)
            break;
        if (err)
            return err;
        WCHAR *name = malloc(info->NameLength + sizeof(WCHAR));
        if (!name) {
            free(info);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        memcpy(name, info->Name, info->NameLength);
        name[info->NameLength / sizeof(WCHAR)] = 0;
        err = set_value(dst, name, info->Type, (const BYTE *)info + info->DataOffset, info->DataLength);
        free(name);
        free(info);
        if (err)
            return err;
    }
    for (DWORD i = 0;; i++) {
        WCHAR name[256], cls[256];
        DWORD n = ARRAY_SIZE(name), c = ARRAY_SIZE(cls);
        err = RegEnumKeyExW(src, i, name, &n, NULL, cls, &c, NULL);
        if (err == ERROR_NO_MORE_ITEMS)
            return ERROR_SUCCESS;
        if (err)
            return err;
        HKEY from, to;
        if ((err = open_key(src, name, 0, KEY_READ, &from)))
            return err;
        err = create_key(dst, name, c ? cls : NULL, 0, KEY_ALL_ACCESS, &to, NULL);
        if (!err) {
            err = copy_tree(from, to);
            RegCloseKey(to);
        }
        RegCloseKey(from);
        if (err)
            return err;
    }
}

LSTATUS WINAPI RegCopyTreeW(HKEY src, LPCWSTR subkey, HKEY dst)
{
    HKEY k = src;
    LSTATUS err;
    if (subkey && *subkey && (err = open_key(src, subkey, 0, KEY_READ, &k)))
        return err;
    HANDLE h;
    err = get_key(dst, &h);
    if (!err)
        err = copy_tree(k, dst);
    if (k != src)
        RegCloseKey(k);
    return err;
}

LSTATUS WINAPI RegCopyTreeA(HKEY src, LPCSTR subkey, HKEY dst)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(subkey, &ok);
    LSTATUS err = ok ? RegCopyTreeW(src, w, dst) : ERROR_NOT_ENOUGH_MEMORY;
    BaseFreeWide(w);
    return err;
}

/* The local machine (no name, or an empty one) is the process's own registry; another machine would need the
 * remote registry service, which is not there: ERROR_BAD_NETPATH, as for a machine that cannot be reached. */
LSTATUS WINAPI RegConnectRegistryW(LPCWSTR machine, HKEY hkey, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    if (machine && *machine) {
        *result = NULL;
        return ERROR_BAD_NETPATH;
    }
    int i = special_index(hkey);
    if (i != HKEY_LOCAL_MACHINE_ID && i != HKEY_USERS_ID && i != HKEY_PERFORMANCE_DATA_ID) {
        *result = NULL;
        return ERROR_INVALID_HANDLE;
    }
    return RegOpenKeyW(hkey, NULL, result);
}

LSTATUS WINAPI RegConnectRegistryA(LPCSTR machine, HKEY hkey, PHKEY result)
{
    if (!result)
        return ERROR_INVALID_PARAMETER;
    if (machine && *machine) {
        *result = NULL;
        return ERROR_BAD_NETPATH;
    }
    return RegConnectRegistryW(NULL, hkey, result);
}

/* ---- hives ------------------------------------------------------------------------------------------------- */

/*
 * Saving a key to a hive file and loading, unloading, restoring or replacing one need the registry hive
 * format (regf), which this store does not write or read (the .reg text format of reg.exe's export and
 * import is what moves keys in and out). They fail as a function that is not there fails.
 */
LSTATUS WINAPI RegSaveKeyW(HKEY hkey, LPCWSTR file, void *security)
{
    (void)hkey, (void)file, (void)security;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegSaveKeyA(HKEY hkey, LPCSTR file, void *security)
{
    (void)hkey, (void)file, (void)security;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegSaveKeyExW(HKEY hkey, LPCWSTR file, void *security, DWORD flags)
{
    (void)hkey, (void)file, (void)security, (void)flags;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegSaveKeyExA(HKEY hkey, LPCSTR file, void *security, DWORD flags)
{
    (void)hkey, (void)file, (void)security, (void)flags;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegLoadKeyW(HKEY hkey, LPCWSTR subkey, LPCWSTR file)
{
    (void)hkey, (void)subkey, (void)file;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegLoadKeyA(HKEY hkey, LPCSTR subkey, LPCSTR file)
{
    (void)hkey, (void)subkey, (void)file;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegUnLoadKeyW(HKEY hkey, LPCWSTR subkey)
{
    (void)hkey, (void)subkey;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegUnLoadKeyA(HKEY hkey, LPCSTR subkey)
{
    (void)hkey, (void)subkey;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegRestoreKeyW(HKEY hkey, LPCWSTR file, DWORD flags)
{
    (void)hkey, (void)file, (void)flags;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegRestoreKeyA(HKEY hkey, LPCSTR file, DWORD flags)
{
    (void)hkey, (void)file, (void)flags;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegReplaceKeyW(HKEY hkey, LPCWSTR subkey, LPCWSTR file, LPCWSTR old_file)
{
    (void)hkey, (void)subkey, (void)file, (void)old_file;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

LSTATUS WINAPI RegReplaceKeyA(HKEY hkey, LPCSTR subkey, LPCSTR file, LPCSTR old_file)
{
    (void)hkey, (void)subkey, (void)file, (void)old_file;
    return ERROR_CALL_NOT_IMPLEMENTED;
}
