/* The export directory: function table, sorted name table, forwarders, lookups by name and ordinal. */
#include <string.h>

#include "pe/pe_int.h"

NTSTATUS pe_exports_get(const struct pe_image *img, struct pe_exports *out)
{
    const IMAGE_DATA_DIRECTORY *dir = &img->dirs[IMAGE_DIRECTORY_ENTRY_EXPORT];

    memset(out, 0, sizeof(*out));
    if (!dir->VirtualAddress)
        return STATUS_NOT_FOUND;
    const uint8_t *d = pe_rva_ptr(img, dir->VirtualAddress, sizeof(IMAGE_EXPORT_DIRECTORY));
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->dir_rva = dir->VirtualAddress;
    out->dir_size = dir->Size;
    out->timestamp = pe_le32(d + 4);
    out->dll_name = pe_rva_str(img, pe_le32(d + 12));
    out->ordinal_base = pe_le32(d + 16);
    out->nfunctions = pe_le32(d + 20);
    out->nnames = pe_le32(d + 24);
    out->functions_rva = pe_le32(d + 28);
    out->names_rva = pe_le32(d + 32);
    out->ordinals_rva = pe_le32(d + 36);

    /* Counts are capped before they multiply; each table must be readable as a whole. */
    if (out->nfunctions > PE_MAX_EXPORTS || out->nnames > PE_MAX_EXPORTS)
        goto bad;
    if ((uint64_t)out->ordinal_base + out->nfunctions > (uint64_t)UINT32_MAX + 1)
        goto bad; /* the last biased ordinal would wrap */
    if (out->nfunctions && !pe_rva_ptr(img, out->functions_rva, out->nfunctions * 4))
        goto bad;
    if (out->nnames && (!pe_rva_ptr(img, out->names_rva, out->nnames * 4) ||
                        !pe_rva_ptr(img, out->ordinals_rva, out->nnames * 2)))
        goto bad;
    return STATUS_SUCCESS;
bad:
    memset(out, 0, sizeof(*out));
    return STATUS_INVALID_IMAGE_FORMAT;
}

NTSTATUS pe_export_name_at(const struct pe_image *img, const struct pe_exports *ex, uint32_t i, uint32_t *index,
                           const char **name)
{
    *index = 0;
    *name = NULL;
    if (i >= ex->nnames)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *name_rva = pe_rva_ptr(img, ex->names_rva + i * 4, 4);
    const uint8_t *ordinal = pe_rva_ptr(img, ex->ordinals_rva + i * 2, 2);
    if (!name_rva || !ordinal)
        return STATUS_INVALID_IMAGE_FORMAT;
    *index = pe_le16(ordinal);
    *name = pe_rva_str(img, pe_le32(name_rva));
    if (*index >= ex->nfunctions || !*name) {
        *index = 0;
        *name = NULL;
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    return STATUS_SUCCESS;
}

/* An RVA inside the export directory is a forwarder string ("NTDLL.RtlAllocateHeap"). */
static NTSTATUS export_fill(const struct pe_image *img, const struct pe_exports *ex, uint32_t index, const char *name,
                            struct pe_export *out)
{
    const uint8_t *slot = pe_rva_ptr(img, ex->functions_rva + index * 4, 4);
    if (!slot)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->ordinal = ex->ordinal_base + index;
    out->rva = pe_le32(slot);
    out->name = name;
    if (out->rva >= ex->dir_rva && out->rva - ex->dir_rva < ex->dir_size) {
        out->forwarder = pe_rva_str(img, out->rva);
        if (!out->forwarder)
            return STATUS_INVALID_IMAGE_FORMAT;
    }
    return STATUS_SUCCESS;
}

NTSTATUS pe_export_function_at(const struct pe_image *img, const struct pe_exports *ex, uint32_t index,
                               struct pe_export *out)
{
    memset(out, 0, sizeof(*out));
    if (index >= ex->nfunctions)
        return STATUS_NO_MORE_ENTRIES;
    NTSTATUS status = export_fill(img, ex, index, NULL, out);
    if (status != STATUS_SUCCESS)
        memset(out, 0, sizeof(*out));
    return status;
}

/* The first name referring to function index, or NULL. */
static NTSTATUS export_name_of(const struct pe_image *img, const struct pe_exports *ex, uint32_t index,
                               const char **name)
{
    *name = NULL;
    for (uint32_t i = 0; i < ex->nnames; i++) {
        const uint8_t *ordinal = pe_rva_ptr(img, ex->ordinals_rva + i * 2, 2);
        if (!ordinal)
            return STATUS_INVALID_IMAGE_FORMAT;
        if (pe_le16(ordinal) == index) {
            uint32_t found;
            return pe_export_name_at(img, ex, i, &found, name);
        }
    }
    return STATUS_SUCCESS;
}

NTSTATUS pe_export_at(const struct pe_image *img, const struct pe_exports *ex, uint32_t index, struct pe_export *out)
{
    NTSTATUS status = pe_export_function_at(img, ex, index, out);
    if (status == STATUS_SUCCESS)
        status = export_name_of(img, ex, index, &out->name);
    if (status != STATUS_SUCCESS)
        memset(out, 0, sizeof(*out));
    return status;
}

/* Binary search of the name table, which the linker sorts in strcmp (byte) order. */
static NTSTATUS export_search(const struct pe_image *img, const struct pe_exports *ex, const char *name,
                              uint32_t *index, const char **found)
{
    uint32_t lo = 0, hi = ex->nnames;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        NTSTATUS status = pe_export_name_at(img, ex, mid, index, found);
        if (status != STATUS_SUCCESS)
            return status;
        int cmp = strcmp(name, *found);
        if (cmp == 0)
            return STATUS_SUCCESS;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return STATUS_NOT_FOUND;
}

NTSTATUS pe_export_by_name(const struct pe_image *img, const struct pe_exports *ex, const char *name, uint16_t hint,
                           struct pe_export *out)
{
    uint32_t index;
    const char *found;

    memset(out, 0, sizeof(*out));
    NTSTATUS status = pe_export_name_at(img, ex, hint, &index, &found);
    if (status == STATUS_SUCCESS && strcmp(name, found) == 0)
        return export_fill(img, ex, index, found, out);
    /* A stale or malformed hint is only a missed shortcut: the search decides. */
    status = export_search(img, ex, name, &index, &found);
    if (status == STATUS_SUCCESS)
        status = export_fill(img, ex, index, found, out);
    if (status != STATUS_SUCCESS)
        memset(out, 0, sizeof(*out));
    return status;
}

NTSTATUS pe_export_by_ordinal(const struct pe_image *img, const struct pe_exports *ex, uint32_t ordinal,
                              struct pe_export *out)
{
    memset(out, 0, sizeof(*out));
    if (ordinal < ex->ordinal_base || ordinal - ex->ordinal_base >= ex->nfunctions)
        return STATUS_ORDINAL_NOT_FOUND;
    NTSTATUS status = pe_export_at(img, ex, ordinal - ex->ordinal_base, out);
    if (status == STATUS_SUCCESS && out->rva == 0) {
        memset(out, 0, sizeof(*out));
        return STATUS_ORDINAL_NOT_FOUND;
    }
    return status;
}
