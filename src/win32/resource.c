/*
 * Resources: FindResource(Ex), LoadResource, LockResource, SizeofResource, FreeResource and the
 * EnumResource* functions, over ntdll's Ldr resource functions, on every kind of module handle (loaded,
 * LOAD_LIBRARY_AS_DATAFILE, LOAD_LIBRARY_AS_IMAGE_RESOURCE). A type or name is an integer (MAKEINTRESOURCE),
 * "#123" (the integer 123), or a string, which is upper-cased before the lookup as Windows does (resource
 * compilers store names upper-cased, so names match whatever their case).
 */
#include <string.h>

#include "ntdll/ldr/resource.h"
#include "win32/k32.h"

#define RESOURCE_ENUM_LN  0x0001
#define RESOURCE_ENUM_MUI 0x0002

typedef PVOID HRSRC;
typedef PVOID HGLOBAL;
typedef BOOL(WINAPI *ENUMRESTYPEPROCW)(HMODULE, LPWSTR, LONG_PTR);
typedef BOOL(WINAPI *ENUMRESTYPEPROCA)(HMODULE, LPSTR, LONG_PTR);
typedef BOOL(WINAPI *ENUMRESNAMEPROCW)(HMODULE, LPCWSTR, LPWSTR, LONG_PTR);
typedef BOOL(WINAPI *ENUMRESNAMEPROCA)(HMODULE, LPCSTR, LPSTR, LONG_PTR);
typedef BOOL(WINAPI *ENUMRESLANGPROCW)(HMODULE, LPCWSTR, LPCWSTR, WORD, LONG_PTR);
typedef BOOL(WINAPI *ENUMRESLANGPROCA)(HMODULE, LPCSTR, LPCSTR, WORD, LONG_PTR);

/* ---- names ------------------------------------------------------------------------------------------ */

/* A type or name as the Ldr functions take it: an id, or a heap copy of the string upper-cased (*copy, which
 * the caller frees). "#n" is the id n; one that is not a 16-bit decimal number is STATUS_INVALID_PARAMETER. */
static NTSTATUS res_key(LPCWSTR name, ULONG_PTR *key, WCHAR **copy)
{
    *copy = NULL;
    *key = (ULONG_PTR)name;
    if (LDR_IS_RESOURCE_ID(name))
        return STATUS_SUCCESS;
    size_t n = RtlpWcslen(name);
    if (name[0] == '#') {
        ULONG value = 0;
        if (n < 2 || n > 6)
            return STATUS_INVALID_PARAMETER;
        for (size_t i = 1; i < n; i++) {
            if (name[i] < '0' || name[i] > '9')
                return STATUS_INVALID_PARAMETER;
            value = value * 10 + (ULONG)(name[i] - '0');
        }
        if (value > 0xFFFF)
            return STATUS_INVALID_PARAMETER;
        *key = value;
        return STATUS_SUCCESS;
    }
    WCHAR *up = RtlAllocateHeap(RtlGetProcessHeap(), 0, (n + 1) * sizeof(WCHAR));
    if (!up)
        return STATUS_NO_MEMORY;
    for (size_t i = 0; i <= n; i++)
        up[i] = RtlUpcaseUnicodeChar(name[i]);
    *copy = up;
    *key = (ULONG_PTR)up;
    return STATUS_SUCCESS;
}

/* An ANSI type or name as UTF-16 (ids pass through); *copy is the heap string to free. */
static BOOL wide_name(LPCSTR name, LPCWSTR *out, WCHAR **copy)
{
    *copy = NULL;
    *out = (LPCWSTR)name;
    if (LDR_IS_RESOURCE_ID(name))
        return TRUE;
    BOOL ok;
    *copy = BaseAnsiToWide(name, &ok);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    *out = *copy;
    return TRUE;
}

static void free_name(WCHAR *copy)
{
    if (copy)
        RtlFreeHeap(RtlGetProcessHeap(), 0, copy);
}

static HMODULE module_or_exe(HMODULE module)
{
    return module ? module : BaseCurrentPeb()->ImageBaseAddress;
}

/* ---- finding and loading ---------------------------------------------------------------------------- */

/* The data entry of type/name in lang (with FindResource's language fallback), NULL with the last error:
 * ERROR_RESOURCE_DATA_NOT_FOUND (no resources), _TYPE_, _NAME_ or _LANG_NOT_FOUND. */
HRSRC WINAPI FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD lang)
{
    WCHAR *type_copy, *name_copy = NULL;
    LDR_RESOURCE_INFO info = {0, 0, lang};
    const IMAGE_RESOURCE_DATA_ENTRY *entry = NULL;
    NTSTATUS status = res_key(type, &info.Type, &type_copy);
    if (status == STATUS_SUCCESS)
        status = res_key(name, &info.Name, &name_copy);
    if (status == STATUS_SUCCESS)
        status = LdrFindResource_U(module_or_exe(module), &info, 3, &entry);
    free_name(type_copy);
    free_name(name_copy);
    if (status != STATUS_SUCCESS)
        BaseSetLastNTError(status);
    return (HRSRC)entry;
}

HRSRC WINAPI FindResourceW(HMODULE module, LPCWSTR name, LPCWSTR type)
{
    return FindResourceExW(module, type, name, 0);
}

HRSRC WINAPI FindResourceExA(HMODULE module, LPCSTR type, LPCSTR name, WORD lang)
{
    LPCWSTR wtype, wname;
    WCHAR *type_copy, *name_copy = NULL;
    HRSRC r = NULL;
    if (wide_name(type, &wtype, &type_copy) && wide_name(name, &wname, &name_copy))
        r = FindResourceExW(module, wtype, wname, lang);
    free_name(type_copy);
    free_name(name_copy);
    return r;
}

HRSRC WINAPI FindResourceA(HMODULE module, LPCSTR name, LPCSTR type)
{
    return FindResourceExA(module, type, name, 0);
}

/* The resource's bytes in the module (the handle is their address, as on Windows since Win32); NULL for a
 * NULL resource. */
HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC res)
{
    if (!res)
        return NULL;
    PVOID data = NULL;
    NTSTATUS status = LdrAccessResource(module_or_exe(module), res, &data, NULL);
    if (status != STATUS_SUCCESS)
        BaseSetLastNTError(status);
    return data;
}

PVOID WINAPI LockResource(HGLOBAL data)
{
    return data;
}

DWORD WINAPI SizeofResource(HMODULE module, HRSRC res)
{
    (void)module;
    return res ? ((const IMAGE_RESOURCE_DATA_ENTRY *)res)->Size : 0;
}

/* Resources are not reference-counted in Win32; FreeResource is obsolete and answers FALSE. */
BOOL WINAPI FreeResource(HGLOBAL data)
{
    (void)data;
    return FALSE;
}

/* ---- enumerating ---------------------------------------------------------------------------------------- */

typedef BOOL (*visit_fn)(void *ctx, const struct pe_resource_entry *e);

/*
 * Calls visit for each entry of the directory at level (0: types, 1: names of info->Type, 2: languages of
 * info->Type/Name) until it answers FALSE; returns its last answer (FALSE for an empty directory), or FALSE
 * with the last error when the directory cannot be had. The entries are read one at a time through the
 * bounded reader: the module's bytes are never trusted.
 */
static BOOL enum_level(HMODULE module, const LDR_RESOURCE_INFO *info, ULONG level, visit_fn visit, void *ctx)
{
    struct pe_image img;
    struct pe_resource_dir dir;
    NTSTATUS status = LdrpResourceImage(module, &img);
    if (status == STATUS_SUCCESS)
        status = LdrpFindResourceDirectory(&img, info, level, &dir);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    BOOL ret = FALSE;
    for (uint32_t i = 0; i < dir.nentries; i++) {
        struct pe_resource_entry e;
        if (pe_resource_entry_at(&img, &dir, i, &e) != STATUS_SUCCESS) {
            SetLastError(ERROR_RESOURCE_DATA_NOT_FOUND);
            return FALSE;
        }
        if (!(ret = visit(ctx, &e)))
            break;
    }
    return ret;
}

/* The entry's name as a heap string in UTF-16 or ANSI (NULL for an id, or when out of memory). */
static WCHAR *entry_name_w(const struct pe_resource_entry *e)
{
    WCHAR *s = e->name ? RtlAllocateHeap(RtlGetProcessHeap(), 0, ((size_t)e->name_len + 1) * sizeof(WCHAR)) : NULL;
    if (s) {
        for (uint16_t i = 0; i < e->name_len; i++)
            s[i] = pe_le16(&e->name[i]);
        s[e->name_len] = 0;
    }
    return s;
}

static char *entry_name_a(const struct pe_resource_entry *e)
{
    WCHAR *w = entry_name_w(e);
    if (!w)
        return NULL;
    ULONG bytes = 0;
    RtlUnicodeToMultiByteSize(&bytes, w, e->name_len * sizeof(WCHAR));
    char *s = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + 1);
    if (s) {
        RtlUnicodeToMultiByteN(s, bytes, &bytes, w, e->name_len * sizeof(WCHAR));
        s[bytes] = 0;
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, w);
    return s;
}

struct enum_ctx {
    HMODULE module;
    BOOL ansi;
    const void *type, *name;    /* as the caller gave them */
    PVOID fn;
    LONG_PTR param;
};

/* An entry's name for a callback: its string (*alloc to free) or MAKEINTRESOURCE(id). */
static PVOID callback_name(const struct enum_ctx *c, const struct pe_resource_entry *e, PVOID *alloc)
{
    *alloc = NULL;
    if (!e->name)
        return (PVOID)(ULONG_PTR)e->id;
    *alloc = c->ansi ? (PVOID)entry_name_a(e) : (PVOID)entry_name_w(e);
    return *alloc;
}

static BOOL visit_type(void *ctx, const struct pe_resource_entry *e)
{
    struct enum_ctx *c = ctx;
    PVOID alloc, name = callback_name(c, e, &alloc);
    if (e->name && !name)
        return FALSE;
    BOOL r = c->ansi ? ((ENUMRESTYPEPROCA)c->fn)(c->module, name, c->param)
                     : ((ENUMRESTYPEPROCW)c->fn)(c->module, name, c->param);
    RtlFreeHeap(RtlGetProcessHeap(), 0, alloc);
    return r;
}

static BOOL visit_name(void *ctx, const struct pe_resource_entry *e)
{
    struct enum_ctx *c = ctx;
    PVOID alloc, name = callback_name(c, e, &alloc);
    if (e->name && !name)
        return FALSE;
    BOOL r = c->ansi ? ((ENUMRESNAMEPROCA)c->fn)(c->module, c->type, name, c->param)
                     : ((ENUMRESNAMEPROCW)c->fn)(c->module, c->type, name, c->param);
    RtlFreeHeap(RtlGetProcessHeap(), 0, alloc);
    return r;
}

static BOOL visit_lang(void *ctx, const struct pe_resource_entry *e)
{
    struct enum_ctx *c = ctx;
    WORD lang = (WORD)e->id;
    return c->ansi ? ((ENUMRESLANGPROCA)c->fn)(c->module, c->type, c->name, lang, c->param)
                   : ((ENUMRESLANGPROCW)c->fn)(c->module, c->type, c->name, lang, c->param);
}

/* The common body of the Enum* functions: level 0, 1 or 2 of module, type and name (UTF-16; the callback gets
 * the caller's own pointers back). Flags 0 mean RESOURCE_ENUM_LN | RESOURCE_ENUM_MUI; without
 * RESOURCE_ENUM_LN nothing is enumerated (there are no MUI files). */
static BOOL enum_resources(struct enum_ctx *c, ULONG level, LPCWSTR type, LPCWSTR name, DWORD flags, visit_fn visit)
{
    if (!flags)
        flags = RESOURCE_ENUM_LN | RESOURCE_ENUM_MUI;
    if (!(flags & RESOURCE_ENUM_LN))
        return FALSE;
    c->module = module_or_exe(c->module);
    WCHAR *type_copy = NULL, *name_copy = NULL;
    LDR_RESOURCE_INFO info = {0, 0, 0};
    NTSTATUS status = level >= 1 ? res_key(type, &info.Type, &type_copy) : STATUS_SUCCESS;
    if (status == STATUS_SUCCESS && level >= 2)
        status = res_key(name, &info.Name, &name_copy);
    BOOL r = FALSE;
    if (status == STATUS_SUCCESS)
        r = enum_level(c->module, &info, level, visit, c);
    else
        BaseSetLastNTError(status);
    free_name(type_copy);
    free_name(name_copy);
    return r;
}

BOOL WINAPI EnumResourceTypesExW(HMODULE module, ENUMRESTYPEPROCW fn, LONG_PTR param, DWORD flags, WORD lang)
{
    (void)lang;
    struct enum_ctx c = {module, FALSE, NULL, NULL, (PVOID)fn, param};
    return enum_resources(&c, 0, NULL, NULL, flags, visit_type);
}

BOOL WINAPI EnumResourceTypesExA(HMODULE module, ENUMRESTYPEPROCA fn, LONG_PTR param, DWORD flags, WORD lang)
{
    (void)lang;
    struct enum_ctx c = {module, TRUE, NULL, NULL, (PVOID)fn, param};
    return enum_resources(&c, 0, NULL, NULL, flags, visit_type);
}

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW fn, LONG_PTR param)
{
    return EnumResourceTypesExW(module, fn, param, 0, 0);
}

BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA fn, LONG_PTR param)
{
    return EnumResourceTypesExA(module, fn, param, 0, 0);
}

BOOL WINAPI EnumResourceNamesExW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW fn, LONG_PTR param, DWORD flags,
                                 WORD lang)
{
    (void)lang;
    struct enum_ctx c = {module, FALSE, type, NULL, (PVOID)fn, param};
    return enum_resources(&c, 1, type, NULL, flags, visit_name);
}

BOOL WINAPI EnumResourceNamesExA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA fn, LONG_PTR param, DWORD flags,
                                 WORD lang)
{
    (void)lang;
    LPCWSTR wtype;
    WCHAR *copy;
    if (!wide_name(type, &wtype, &copy))
        return FALSE;
    struct enum_ctx c = {module, TRUE, type, NULL, (PVOID)fn, param};
    BOOL r = enum_resources(&c, 1, wtype, NULL, flags, visit_name);
    free_name(copy);
    return r;
}

BOOL WINAPI EnumResourceNamesW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW fn, LONG_PTR param)
{
    return EnumResourceNamesExW(module, type, fn, param, 0, 0);
}

BOOL WINAPI EnumResourceNamesA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA fn, LONG_PTR param)
{
    return EnumResourceNamesExA(module, type, fn, param, 0, 0);
}

BOOL WINAPI EnumResourceLanguagesExW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW fn, LONG_PTR param,
                                     DWORD flags, WORD lang)
{
    (void)lang;
    struct enum_ctx c = {module, FALSE, type, name, (PVOID)fn, param};
    return enum_resources(&c, 2, type, name, flags, visit_lang);
}

BOOL WINAPI EnumResourceLanguagesExA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA fn, LONG_PTR param,
                                     DWORD flags, WORD lang)
{
    (void)lang;
    LPCWSTR wtype, wname;
    WCHAR *type_copy, *name_copy = NULL;
    BOOL r = FALSE;
    struct enum_ctx c = {module, TRUE, type, name, (PVOID)fn, param};
    if (wide_name(type, &wtype, &type_copy) && wide_name(name, &wname, &name_copy))
        r = enum_resources(&c, 2, wtype, wname, flags, visit_lang);
    free_name(type_copy);
    free_name(name_copy);
    return r;
}

BOOL WINAPI EnumResourceLanguagesW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW fn, LONG_PTR param)
{
    return EnumResourceLanguagesExW(module, type, name, fn, param, 0, 0);
}

BOOL WINAPI EnumResourceLanguagesA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA fn, LONG_PTR param)
{
    return EnumResourceLanguagesExA(module, type, name, fn, param, 0, 0);
}
