/* Import descriptors, delay-load descriptors and the lookup tables (thunks) both share. */
#include <string.h>

#include "pe/pe_int.h"

#define IMPORT_DESC_SIZE sizeof(IMAGE_IMPORT_DESCRIPTOR)
#define DELAY_DESC_SIZE  sizeof(IMAGE_DELAYLOAD_DESCRIPTOR)
#define DELAY_ATTR_RVA   1u   /* dlattrRva: the descriptor holds RVAs, not VAs */

void pe_import_begin(struct pe_import_iter *it, const struct pe_image *img)
{
    it->img = img;
    it->next_rva = img->dirs[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    it->count = 0;
}

NTSTATUS pe_import_next(struct pe_import_iter *it, struct pe_import_dll *out)
{
    memset(out, 0, sizeof(*out));
    if (!it->next_rva)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *d = pe_rva_ptr(it->img, it->next_rva, IMPORT_DESC_SIZE);
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->name_rva = pe_le32(d + 12);
    out->iat_rva = pe_le32(d + 16);
    if (!out->name_rva || !out->iat_rva) {
        memset(out, 0, sizeof(*out));
        it->next_rva = 0;
        return STATUS_NO_MORE_ENTRIES;
    }
    if (it->count >= PE_MAX_IMPORT_DLLS)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->name = pe_rva_str(it->img, out->name_rva);
    if (!out->name)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->lookup_rva = pe_le32(d) ? pe_le32(d) : out->iat_rva;
    out->timestamp = pe_le32(d + 4);
    out->forwarder_chain = pe_le32(d + 8);
    /* pe_rva_ptr kept next_rva + 20 inside SizeOfImage, so this cannot wrap. */
    it->next_rva += IMPORT_DESC_SIZE;
    it->count++;
    return STATUS_SUCCESS;
}

void pe_thunk_begin(struct pe_thunk_iter *it, const struct pe_image *img, uint32_t lookup_rva, uint32_t iat_rva)
{
    it->img = img;
    it->lookup_rva = lookup_rva;
    it->iat_rva = iat_rva;
    it->count = 0;
}

/* A by-name entry: the RVA of a 16-bit hint followed by the NUL-terminated name. */
static NTSTATUS thunk_by_name(const struct pe_image *img, uint64_t entry, struct pe_thunk *out)
{
    uint32_t name_rva;
    /* The name RVA is 31 bits; in PE32+ bits 31..62 must be clear. */
    if (entry > 0x7FFFFFFFu || !pe_rva_add((uint32_t)entry, 2, &name_rva))
        return STATUS_INVALID_IMAGE_FORMAT;
    const uint8_t *hint = pe_rva_ptr(img, (uint32_t)entry, 2);
    out->name = pe_rva_str(img, name_rva);
    if (!hint || !out->name)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->hint = pe_le16(hint);
    return STATUS_SUCCESS;
}

NTSTATUS pe_thunk_next(struct pe_thunk_iter *it, struct pe_thunk *out)
{
    unsigned w = pe_ptr_width(it->img);
    uint64_t ordinal_flag = w == 8 ? IMAGE_ORDINAL_FLAG64 : IMAGE_ORDINAL_FLAG32;
    uint32_t rva;

    memset(out, 0, sizeof(*out));
    if (!it->lookup_rva)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *p = pe_rva_add(it->lookup_rva, (uint64_t)it->count * w, &rva) ? pe_rva_ptr(it->img, rva, w) : NULL;
    if (!p)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint64_t entry = pe_word(p, w);
    if (!entry) {
        it->lookup_rva = 0;
        return STATUS_NO_MORE_ENTRIES;
    }
    if (it->count >= PE_MAX_THUNKS)
        return STATUS_INVALID_IMAGE_FORMAT;
    if (it->iat_rva) {
        if (!pe_rva_add(it->iat_rva, (uint64_t)it->count * w, &out->iat_rva) || !pe_rva_ptr(it->img, out->iat_rva, w))
            return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (entry & ordinal_flag) {
        out->by_ordinal = 1;
        out->ordinal = (uint16_t)entry; /* the loader ignores the bits between the flag and the ordinal */
    } else {
        NTSTATUS status = thunk_by_name(it->img, entry, out);
        if (status != STATUS_SUCCESS)
            return status;
    }
    it->count++;
    return STATUS_SUCCESS;
}

void pe_delay_begin(struct pe_delay_iter *it, const struct pe_image *img)
{
    it->img = img;
    it->next_rva = img->dirs[IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT].VirtualAddress;
    it->count = 0;
}

/* Old PE32 descriptors (attribute bit 0 clear) hold VAs against the preferred base. */
static int delay_field(const struct pe_image *img, uint32_t attributes, uint32_t value, uint32_t *rva)
{
    *rva = value;
    if (value == 0 || (attributes & DELAY_ATTR_RVA))
        return 1;
    return pe_va_to_rva(img, img->image_base, value, rva);
}

static NTSTATUS delay_decode(const struct pe_image *img, const uint8_t *d, struct pe_delay_dll *out)
{
    out->attributes = pe_le32(d);
    out->timestamp = pe_le32(d + 28);
    uint32_t *fields[] = {&out->name_rva, &out->module_handle_rva, &out->iat_rva, &out->name_table_rva,
                          &out->bound_iat_rva, &out->unload_rva};
    for (unsigned i = 0; i < ARRAY_SIZE(fields); i++)
        if (!delay_field(img, out->attributes, pe_le32(d + 4 + 4 * i), fields[i]))
            return STATUS_INVALID_IMAGE_FORMAT;
    out->name = pe_rva_str(img, out->name_rva);
    return out->name ? STATUS_SUCCESS : STATUS_INVALID_IMAGE_FORMAT;
}

NTSTATUS pe_delay_next(struct pe_delay_iter *it, struct pe_delay_dll *out)
{
    const IMAGE_DATA_DIRECTORY *dir = &it->img->dirs[IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT];
    uint64_t used = (uint64_t)it->count * DELAY_DESC_SIZE; /* <= dir->Size: checked before each step */

    memset(out, 0, sizeof(*out));
    if (!it->next_rva || dir->Size - used < DELAY_DESC_SIZE)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *d = pe_rva_ptr(it->img, it->next_rva, DELAY_DESC_SIZE);
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    if (!pe_le32(d + 4)) {
        it->next_rva = 0;
        return STATUS_NO_MORE_ENTRIES;
    }
    if (it->count >= PE_MAX_IMPORT_DLLS)
        return STATUS_INVALID_IMAGE_FORMAT;
    NTSTATUS status = delay_decode(it->img, d, out);
    if (status != STATUS_SUCCESS)
        return status;
    it->next_rva += DELAY_DESC_SIZE;
    it->count++;
    return STATUS_SUCCESS;
}
