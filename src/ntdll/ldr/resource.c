/*
 * Resources: LdrFindResource_U, LdrFindResourceDirectory_U, LdrAccessResource.
 *
 * A module handle names one of three things: a module the loader knows (its validated image, mapped), an
 * image section mapped with LOAD_LIBRARY_AS_IMAGE_RESOURCE (base|2, mapped, its headers validated when the
 * section was made), or a file mapped flat with LOAD_LIBRARY_AS_DATAFILE (base|1, file layout: RVAs are
 * translated through the section table, and the file is foreign, so it is validated here). Every read of the
 * tree goes through the bounded PE reader (pe/resource.c), one level at a time, so a malformed directory gives
 * a status, never a fault or a loop.
 */
#include <string.h>

#include "mm/mm.h"
#include "nt/memory.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/ldr/resource.h"
#include "ntdll/rtl/rtl.h"

#define PRIMARY_LANG(l) ((l) & 0x3FFu)
#define SUB_LANG(l) ((l) >> 10)
#define LANG_ENGLISH 0x09u
#define LANG_ENGLISH_US 0x0409u   /* the UI language ntexec presents (user and system) */

/* Is base the start of a view of type (MEM_MAPPED, MEM_IMAGE)? *size: the bytes from there with one protection
 * (a flat read-only view: all of it). A handle that names no such view is refused before anything is read. */
static BOOLEAN is_view(const BYTE *base, DWORD type, SIZE_T *size)
{
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T got;
    NTSTATUS status = NtQueryVirtualMemory(NtCurrentProcess(), (PVOID)base, 0, &mbi, sizeof mbi, &got);
    *size = mbi.RegionSize;
    return status == STATUS_SUCCESS && mbi.AllocationBase == base && mbi.State == MEM_COMMIT && mbi.Type == type;
}

/* A file mapped flat: the view's extent, as the memory manager knows it, bounds every read. */
static NTSTATUS datafile_image(const BYTE *base, struct pe_image *img)
{
    SIZE_T size;
    if (!is_view(base, MEM_MAPPED, &size) || pe_parse(img, base, size, PE_LAYOUT_FILE) != STATUS_SUCCESS)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    return STATUS_SUCCESS;
}

NTSTATUS LdrpResourceImage(PVOID module, struct pe_image *img)
{
    memset(img, 0, sizeof *img);
    const BYTE *base = (const BYTE *)((ULONG_PTR)module & ~(ULONG_PTR)3);
    if (!base)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    if ((ULONG_PTR)module & 1)
        return datafile_image(base, img);
    if (!((ULONG_PTR)module & 2)) {
        LdrpAcquireLoaderLock();
        LDRP_MODULE *m = LdrpFindModuleByBase((PVOID)base);
        if (m)
            *img = m->Image;
        LdrpReleaseLoaderLock();
        if (m)
            return STATUS_SUCCESS;
    }
    /* An image section's view (LOAD_LIBRARY_AS_IMAGE_RESOURCE, or one a program mapped itself): the section
     * was validated when it was made, so its headers describe the mapping. */
    SIZE_T size;
    const IMAGE_NT_HEADERS64 *nt = is_view(base, MEM_IMAGE, &size) ? RtlImageNtHeader((HMODULE)base) : NULL;
    if (!nt || pe_parse(img, base, nt->OptionalHeader.SizeOfImage, PE_LAYOUT_MAPPED) != STATUS_SUCCESS)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    return STATUS_SUCCESS;
}

/* Does the entry's name equal the key (an id, or a string compared as Windows compares it: exactly, the
 * caller having upper-cased it)? */
static BOOLEAN entry_matches(const struct pe_resource_entry *e, ULONG_PTR key)
{
    if (LDR_IS_RESOURCE_ID(key))
        return !e->name && e->id == key;
    const WCHAR *s = (const WCHAR *)key;
    size_t n = RtlpWcslen(s);
    if (!e->name || e->name_len != n)
        return FALSE;
    for (size_t i = 0; i < n; i++)
        if (pe_le16(&e->name[i]) != s[i])
            return FALSE;
    return TRUE;
}

/* The entry of dir whose name is key; STATUS_NOT_FOUND when none is. */
static NTSTATUS find_entry(const struct pe_image *img, const struct pe_resource_dir *dir, ULONG_PTR key,
                           struct pe_resource_entry *out)
{
    for (uint32_t i = 0; i < dir->nentries; i++) {
        NTSTATUS status = pe_resource_entry_at(img, dir, i, out);
        if (status != STATUS_SUCCESS)
            return status;
        if (entry_matches(out, key))
            return STATUS_SUCCESS;
    }
    return STATUS_NOT_FOUND;
}

/* Descends one level by key: the subdirectory of the matching entry. */
static NTSTATUS descend(const struct pe_image *img, struct pe_resource_dir *dir, ULONG_PTR key, NTSTATUS missing)
{
    struct pe_resource_entry e;
    NTSTATUS status = find_entry(img, dir, key, &e);
    if (status == STATUS_NOT_FOUND)
        return missing;
    if (status == STATUS_SUCCESS)
        status = pe_resource_subdir(img, dir, &e, dir);
    return status == STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_INVALID_IMAGE_FORMAT;
}

NTSTATUS LdrpFindResourceDirectory(const struct pe_image *img, const LDR_RESOURCE_INFO *info, ULONG level,
                                   struct pe_resource_dir *dir)
{
    NTSTATUS status = pe_resource_root(img, dir);
    if (status == STATUS_NOT_FOUND)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    if (status != STATUS_SUCCESS)
        return STATUS_INVALID_IMAGE_FORMAT;
    if (level > 2)
        return STATUS_INVALID_PARAMETER;
    if (level >= 1 && (status = descend(img, dir, info->Type, STATUS_RESOURCE_TYPE_NOT_FOUND)) != STATUS_SUCCESS)
        return status;
    if (level >= 2 && (status = descend(img, dir, info->Name, STATUS_RESOURCE_NAME_NOT_FOUND)) != STATUS_SUCCESS)
        return status;
    return STATUS_SUCCESS;
}

/*
 * The language entry FindResource takes: the language asked for, its primary language (SUBLANG_NEUTRAL), the
 * neutral language; for a request in a default language (primary LANG_NEUTRAL) also the UI language (en-US),
 * English with SUBLANG_NEUTRAL, any English, and at last the first entry. An explicit language with none of
 * its own, its primary or neutral is STATUS_RESOURCE_LANG_NOT_FOUND.
 */
static NTSTATUS find_language(const struct pe_image *img, const struct pe_resource_dir *dir, ULONG lang,
                              struct pe_resource_entry *out)
{
    ULONG order[5];
    unsigned n = 0;
    BOOLEAN by_default = PRIMARY_LANG(lang) == 0;
    order[n++] = lang;
    order[n++] = PRIMARY_LANG(lang);
    order[n++] = 0;
    if (by_default) {
        order[n++] = LANG_ENGLISH_US;
        order[n++] = LANG_ENGLISH;
    }
    for (unsigned k = 0; k < n; k++) {
        NTSTATUS status = find_entry(img, dir, order[k], out);
        if (status != STATUS_NOT_FOUND)
            return status;
    }
    if (!by_default)
        return STATUS_RESOURCE_LANG_NOT_FOUND;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        NTSTATUS status = pe_resource_entry_at(img, dir, i, out);
        if (status != STATUS_SUCCESS)
            return status;
        if (!out->name && PRIMARY_LANG(out->id) == LANG_ENGLISH)
            return STATUS_SUCCESS;
    }
    if (dir->nentries)
        return pe_resource_entry_at(img, dir, 0, out);
    return STATUS_RESOURCE_LANG_NOT_FOUND;
}

NTSTATUS WINAPI LdrFindResourceDirectory_U(PVOID module, const LDR_RESOURCE_INFO *info, ULONG level,
                                           const IMAGE_RESOURCE_DIRECTORY **dir)
{
    *dir = NULL;
    struct pe_image img;
    struct pe_resource_dir d;
    NTSTATUS status = LdrpResourceImage(module, &img);
    if (status == STATUS_SUCCESS)
        status = LdrpFindResourceDirectory(&img, info, level, &d);
    if (status == STATUS_SUCCESS && !(*dir = pe_resource_dir_header(&img, &d)))
        status = STATUS_INVALID_IMAGE_FORMAT;
    return status;
}

/* Levels 1 and 2 answer the directory entry's target as Windows does not document; only level 3 (the data
 * entry of type/name/language) is used by kernel32, and by programs. */
NTSTATUS WINAPI LdrFindResource_U(PVOID module, const LDR_RESOURCE_INFO *info, ULONG level,
                                  const IMAGE_RESOURCE_DATA_ENTRY **entry)
{
    *entry = NULL;
    if (level != 3)
        return STATUS_INVALID_PARAMETER;
    struct pe_image img;
    struct pe_resource_dir d;
    struct pe_resource_entry e;
    NTSTATUS status = LdrpResourceImage(module, &img);
    if (status == STATUS_SUCCESS)
        status = LdrpFindResourceDirectory(&img, info, 2, &d);
    if (status == STATUS_SUCCESS)
        status = find_language(&img, &d, (ULONG)info->Language, &e);
    if (status == STATUS_SUCCESS && !(*entry = pe_resource_data_entry(&img, &e)))
        status = STATUS_INVALID_IMAGE_FORMAT;
    return status;
}

/*
 * The bytes of a resource found in module: the data entry's RVA in the image's layout. The entry is the
 * caller's (an HRSRC), read as given; the bytes it names must lie inside the image (a data file's raw data).
 */
NTSTATUS WINAPI LdrAccessResource(PVOID module, const IMAGE_RESOURCE_DATA_ENTRY *entry, PVOID *data, PULONG size)
{
    struct pe_image img;
    NTSTATUS status = LdrpResourceImage(module, &img);
    if (status != STATUS_SUCCESS)
        return status;
    if (!img.dirs[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    uint32_t rva = entry->OffsetToData, len = entry->Size;
    const void *p = pe_rva_ptr(&img, rva, len);
    if (!p && len == 0)
        p = pe_rva_ptr(&img, rva, 1);
    if (!p)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    if (data)
        *data = (PVOID)p;
    if (size)
        *size = len;
    return STATUS_SUCCESS;
}
