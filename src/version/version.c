/*
 * version.dll: the version resource of a PE file. GetFileVersionInfoSize/GetFileVersionInfo read the file
 * (no mapping, no loading: the file is parsed by the pure PE reader in src/pe) and copy its RT_VERSION
 * resource (VS_VERSIONINFO); VerQueryValue walks that block ("\", "\VarFileInfo\Translation",
 * "\StringFileInfo\<lang><codepage>\<name>"). As on Windows, the size asked for is twice the resource plus
 * 4, so that the A forms have room behind the block for their ANSI copies of strings.
 */
#include <string.h>

#include "io/builtin.h"
#include "pe/pe.h"
#include "win32/k32.h"

#define RT_VERSION 16
#define VS_VERSION_INFO 1
#define ERROR_RESOURCE_DATA_NOT_FOUND 1812
#define ERROR_RESOURCE_TYPE_NOT_FOUND 1813

/* ---- reading the resource ------------------------------------------------------------------------- */

struct find {
    const struct pe_resource *best;
    struct pe_resource found;
    int have, rank;
};

/* The VS_VERSION_INFO resource (id 1) is preferred, then any other version resource; among languages,
 * neutral (0) and US English (0x409) before the others, as FindResource's fallback would choose. */
static void pick(void *ctx, const struct pe_resource *res)
{
    struct find *f = ctx;
    if (res->type_name || res->type_id != RT_VERSION)
        return;
    int rank = (!res->name_name && res->name_id == VS_VERSION_INFO ? 4 : 0) +
               (res->lang_id == 0 ? 2 : res->lang_id == 0x409 ? 1 : 0);
    if (!f->have || rank > f->rank) {
        f->found = *res;
        f->have = 1;
        f->rank = rank;
    }
}

/* The file's version resource copied into a new heap block (*data, *size); FALSE with the last error. */
static BOOL read_version(LPCWSTR path, BYTE **data, DWORD *size)
{
    *data = NULL;
    *size = 0;
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                              OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return FALSE;
    LARGE_INTEGER len;
    BYTE *buf = NULL;
    DWORD got = 0;
    BOOL ok = GetFileSizeEx(file, &len);
    if (ok && (len.QuadPart > 0x40000000 || !(buf = RtlAllocateHeap(RtlGetProcessHeap(), 0, (SIZE_T)len.QuadPart + 1)))) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        ok = FALSE;
    }
    if (ok)
        ok = ReadFile(file, buf, (DWORD)len.QuadPart, &got, NULL);
    CloseHandle(file);
    if (!ok) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
        return FALSE;
    }
    struct pe_image img;
    struct find f = {0};
    DWORD err = ERROR_RESOURCE_DATA_NOT_FOUND;   /* not a PE, or no resource directory (as Windows says) */
    if (pe_parse(&img, buf, got, PE_LAYOUT_FILE) == STATUS_SUCCESS && pe_resources_walk(&img, pick, &f) == STATUS_SUCCESS) {
        err = ERROR_RESOURCE_TYPE_NOT_FOUND;
        const void *p = f.have ? pe_rva_ptr(&img, f.found.data_rva, f.found.data_size) : NULL;
        if (p && f.found.data_size >= 6) {
            BYTE *copy = RtlAllocateHeap(RtlGetProcessHeap(), 0, f.found.data_size);
            if (copy) {
                memcpy(copy, p, f.found.data_size);
                *data = copy;
                *size = f.found.data_size;
            }
            err = copy ? 0 : ERROR_NOT_ENOUGH_MEMORY;
        } else if (f.have) {
            err = ERROR_RESOURCE_DATA_NOT_FOUND;
        }
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
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
