/*
 * version.dll: the version resource of a PE file. GetFileVersionInfoSize/GetFileVersionInfo map the file as
 * Windows' version.dll does (LoadLibraryEx with LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE:
 * nothing of it runs) and copy its RT_VERSION resource (VS_VERSIONINFO) found by FindResource; VerQueryValue
 * walks that block ("\", "\VarFileInfo\Translation", "\StringFileInfo\<lang><codepage>\<name>"). As on
 * Windows, the size asked for is twice the resource plus 4, so that the A forms have room behind the block for
 * their ANSI copies of strings.
 */
#include <string.h>

#include "io/builtin.h"
#include "win32/k32.h"

#define RT_VERSION 16
#define VS_VERSION_INFO 1

/* ---- reading the resource ------------------------------------------------------------------------- */

/* The file mapped as Windows' version.dll maps it, without running anything: an image resource (the flat
 * data-file view for an image the memory manager will not map, a 32-bit one), found by LoadLibrary's
 * search. A module loaded already is used as it is. */
static HMODULE map_file(LPCWSTR path)
{
    HMODULE module = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    if (!module && GetLastError() != ERROR_FILE_NOT_FOUND && GetLastError() != ERROR_PATH_NOT_FOUND)
        module = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_DATAFILE);
    return module;
}

/* The file's version resource (VS_VERSION_INFO, id 1) copied into a new heap block (*data, *size); FALSE
 * with the last error: the search's for a missing file, ERROR_RESOURCE_DATA_NOT_FOUND for a file that is not
 * a PE image or has no resources, FindResource's otherwise. */
static BOOL read_version(LPCWSTR path, BYTE **data, DWORD *size)
{
    *data = NULL;
    *size = 0;
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    HMODULE module = map_file(path);
    if (!module) {
        if (GetLastError() == ERROR_BAD_EXE_FORMAT)
            SetLastError(ERROR_RESOURCE_DATA_NOT_FOUND);
        return FALSE;
    }
    DWORD err = 0;
    PVOID res = FindResourceW(module, (LPCWSTR)(ULONG_PTR)VS_VERSION_INFO, (LPCWSTR)(ULONG_PTR)RT_VERSION);
    const BYTE *p = res ? LoadResource(module, res) : NULL;
    DWORD n = res ? SizeofResource(module, res) : 0;
    if (!p)
        err = GetLastError();
    else if (n < 6)
        err = ERROR_RESOURCE_DATA_NOT_FOUND;
    else if (!(*data = RtlAllocateHeap(RtlGetProcessHeap(), 0, n)))
        err = ERROR_NOT_ENOUGH_MEMORY;
    else {
        memcpy(*data, p, n);
        *size = n;
    }
    FreeLibrary(module);
    if (err) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

DWORD WINAPI GetFileVersionInfoSizeExW(DWORD flags, LPCWSTR path, LPDWORD handle)
{
    (void)flags;
    BYTE *data;
    DWORD size;
    if (handle)
        *handle = 0;
    if (!read_version(path, &data, &size))
        return 0;
    RtlFreeHeap(RtlGetProcessHeap(), 0, data);
    SetLastError(0);
    return size * 2 + 4;
}

DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR path, LPDWORD handle)
{
    return GetFileVersionInfoSizeExW(0, path, handle);
}

BOOL WINAPI GetFileVersionInfoExW(DWORD flags, LPCWSTR path, DWORD handle, DWORD len, LPVOID out)
{
    (void)flags, (void)handle;
    BYTE *data;
    DWORD size;
    if (!out) {
        SetLastError(ERROR_INVALID_DATA);
        return FALSE;
    }
    if (!read_version(path, &data, &size))
        return FALSE;
    DWORD n = size < len ? size : len;
    memcpy(out, data, n);
    /* The mark Windows leaves behind a 32-bit block when there is room: "FE2X". */
    if (len >= size + 4)
        memcpy((BYTE *)out + size, "FE2X", 4);
    RtlFreeHeap(RtlGetProcessHeap(), 0, data);
    return TRUE;
}

BOOL WINAPI GetFileVersionInfoW(LPCWSTR path, DWORD handle, DWORD len, LPVOID out)
{
    return GetFileVersionInfoExW(0, path, handle, len, out);
}

/* An ANSI path as a new heap string, or NULL with the last error set. */
static WCHAR *wide(LPCSTR s)
{
    if (!s) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    ULONG n = (ULONG)strlen(s) + 1, bytes;
    WCHAR *w = RtlAllocateHeap(RtlGetProcessHeap(), 0, n * sizeof(WCHAR));
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    RtlMultiByteToUnicodeN(w, n * sizeof(WCHAR), &bytes, s, n);
    w[n - 1] = 0;
    return w;
}

DWORD WINAPI GetFileVersionInfoSizeExA(DWORD flags, LPCSTR path, LPDWORD handle)
{
    WCHAR *w = wide(path);
    if (handle)
        *handle = 0;
    if (!w)
        return 0;
    DWORD n = GetFileVersionInfoSizeExW(flags, w, handle);
    RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    return n;
}

DWORD WINAPI GetFileVersionInfoSizeA(LPCSTR path, LPDWORD handle)
{
    return GetFileVersionInfoSizeExA(0, path, handle);
}

BOOL WINAPI GetFileVersionInfoExA(DWORD flags, LPCSTR path, DWORD handle, DWORD len, LPVOID out)
{
    WCHAR *w = wide(path);
    if (!w)
        return FALSE;
    BOOL ok = GetFileVersionInfoExW(flags, w, handle, len, out);
    RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    return ok;
}

BOOL WINAPI GetFileVersionInfoA(LPCSTR path, DWORD handle, DWORD len, LPVOID out)
{
    return GetFileVersionInfoExA(0, path, handle, len, out);
}

/* ---- walking the block ---------------------------------------------------------------------------- */

/* A node: WORD wLength, wValueLength, wType; WCHAR szKey[] NUL-terminated; padding to 4; the value
 * (wValueLength characters when wType is 1, else bytes); padding to 4; the children. */
struct node {
    const BYTE *base;
    WORD length, value_length, type;
    const WCHAR *key;
    size_t key_len;
    const BYTE *value;
    const BYTE *children, *end;
};

#define ALIGN4(off) (((off) + 3) & ~(size_t)3)

static BOOL node_at(const BYTE *p, const BYTE *limit, struct node *n)
{
    if (limit - p < 6)
        return FALSE;
    memcpy(&n->length, p, 2);
    memcpy(&n->value_length, p + 2, 2);
    memcpy(&n->type, p + 4, 2);
    if (n->length < 6 || n->length > limit - p)
        return FALSE;
    n->base = p;
    n->end = p + n->length;
    n->key = (const WCHAR *)(p + 6);
    n->key_len = 0;
    while ((const BYTE *)(n->key + n->key_len + 1) <= n->end && n->key[n->key_len])
        n->key_len++;
    size_t off = ALIGN4(6 + (n->key_len + 1) * sizeof(WCHAR));
    size_t vbytes = (size_t)n->value_length * (n->type ? sizeof(WCHAR) : 1);
    if (off > n->length)
        off = n->length;
    n->value = p + off;
    if (vbytes > n->length - off)
        vbytes = n->length - off;
    off = ALIGN4(off + vbytes);
    n->children = off < n->length ? p + off : n->end;
    return TRUE;
}

static BOOL query(const void *block, LPCWSTR sub, const BYTE **value, UINT *len, WORD *type)
{
    const BYTE *b = block;
    struct node n;
    WORD total;
    memcpy(&total, b, 2);
    if (!node_at(b, b + total, &n)) {
        SetLastError(ERROR_INVALID_DATA);
        return FALSE;
    }
    while (*sub) {
        while (*sub == '\\')
            sub++;
        if (!*sub)
            break;
        size_t k = 0;
        while (sub[k] && sub[k] != '\\')
            k++;
        const BYTE *c = n.children;
        struct node child;
        BOOL found = FALSE;
        while (c < n.end && node_at(c, n.end, &child)) {
            if (child.key_len == k && !RtlCompareUnicodeStrings(child.key, k, sub, k, TRUE)) {
                found = TRUE;
                break;
            }
            c = n.base + ALIGN4((size_t)(child.end - n.base));
        }
        if (!found) {
            SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND);
            return FALSE;
        }
        n = child;
        sub += k;
    }
    *value = n.value;
    *len = n.value_length;
    *type = n.type;
    return TRUE;
}

BOOL WINAPI VerQueryValueW(LPCVOID block, LPCWSTR sub, LPVOID *out, UINT *len)
{
    const BYTE *value;
    UINT n;
    WORD type;
    if (!block || !sub) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!query(block, sub, &value, &n, &type)) {
        if (out)
            *out = NULL;
        if (len)
            *len = 0;
        return FALSE;
    }
    if (out)
        *out = (LPVOID)value;
    if (len)
        *len = n;
    return TRUE;
}

/* The A form answers strings in ANSI, converted into the spare half of the block that
 * GetFileVersionInfoSize asked the caller for (at the same offset behind the block plus 4). */
BOOL WINAPI VerQueryValueA(LPCVOID block, LPCSTR sub, LPVOID *out, UINT *len)
{
    WCHAR *w = wide(sub);
    if (!block || !w) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, w);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const BYTE *value;
    UINT n;
    WORD type;
    BOOL ok = query(block, w, &value, &n, &type);
    RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    if (!ok) {
        if (out)
            *out = NULL;
        if (len)
            *len = 0;
        return FALSE;
    }
    if (type == 1) {
        WORD total;
        memcpy(&total, block, 2);
        size_t pos = (size_t)(value - (const BYTE *)block);
        char *dst = (char *)block + total + 4 + pos;
        ULONG bytes = 0;
        ULONG room = total > pos ? (ULONG)(total - pos) : 0;
        RtlUnicodeToMultiByteN(dst, room, &bytes, (const WCHAR *)value, n * sizeof(WCHAR));
        value = (const BYTE *)dst;
        n = bytes;
    }
    if (out)
        *out = (LPVOID)value;
    if (len)
        *len = n;
    return TRUE;
}

static const struct builtin_export version_exports[] = {
    BUILTIN_FUNCTION("GetFileVersionInfoA", GetFileVersionInfoA),
    BUILTIN_FUNCTION("GetFileVersionInfoExA", GetFileVersionInfoExA),
    BUILTIN_FUNCTION("GetFileVersionInfoExW", GetFileVersionInfoExW),
    BUILTIN_FUNCTION("GetFileVersionInfoSizeA", GetFileVersionInfoSizeA),
    BUILTIN_FUNCTION("GetFileVersionInfoSizeExA", GetFileVersionInfoSizeExA),
    BUILTIN_FUNCTION("GetFileVersionInfoSizeExW", GetFileVersionInfoSizeExW),
    BUILTIN_FUNCTION("GetFileVersionInfoSizeW", GetFileVersionInfoSizeW),
    BUILTIN_FUNCTION("GetFileVersionInfoW", GetFileVersionInfoW),
    BUILTIN_FUNCTION("VerQueryValueA", VerQueryValueA),
    BUILTIN_FUNCTION("VerQueryValueW", VerQueryValueW),
};

static const struct builtin_dll version = {
    .name = "VERSION.dll",
    .exports = version_exports,
    .nexports = ARRAY_SIZE(version_exports),
};
BUILTIN_DLL(version);
