/* Base relocations: blocks of 16-bit entries (type << 12 | page offset), one block per 4K page. */
#include <string.h>

#include "pe/pe_int.h"

#define BLOCK_HEADER_SIZE sizeof(IMAGE_BASE_RELOCATION)

void pe_reloc_begin(struct pe_reloc_iter *it, const struct pe_image *img)
{
    const IMAGE_DATA_DIRECTORY *dir = &img->dirs[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    memset(it, 0, sizeof(*it));
    it->img = img;
    it->block_rva = it->next_rva = it->end_rva = dir->VirtualAddress;
    if (dir->VirtualAddress && !pe_rva_add(dir->VirtualAddress, dir->Size, &it->end_rva))
        it->end_rva = dir->VirtualAddress; /* pe_parse rejects this; an empty walk otherwise */
}

/* Loads the block at next_rva. */
static NTSTATUS reloc_block(struct pe_reloc_iter *it)
{
    uint32_t left = it->end_rva - it->next_rva;
    if (left == 0)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *h = left >= BLOCK_HEADER_SIZE ? pe_rva_ptr(it->img, it->next_rva, BLOCK_HEADER_SIZE) : NULL;
    if (!h)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint32_t page = pe_le32(h), size = pe_le32(h + 4);
    if (size == 0) {
        /* The loader stops at a zero-sized block: linkers may pad the directory with zeros. */
        it->next_rva = it->end_rva;
        return STATUS_NO_MORE_ENTRIES;
    }
    if (size < BLOCK_HEADER_SIZE || size % 2 || size > left || page >= it->img->size_of_image)
        return STATUS_INVALID_IMAGE_FORMAT;
    it->block_rva = it->next_rva;
    it->next_rva += size;
    it->page_rva = page;
    it->entry = 0;
    it->nentries = (size - BLOCK_HEADER_SIZE) / 2;
    return STATUS_SUCCESS;
}

static NTSTATUS reloc_entry(struct pe_reloc_iter *it, uint16_t *value)
{
    /* The block lies inside the directory, which pe_parse kept inside the image: no wrap here. */
    const uint8_t *e = pe_rva_ptr(it->img, it->block_rva + BLOCK_HEADER_SIZE + 2 * it->entry, 2);
    if (!e)
        return STATUS_INVALID_IMAGE_FORMAT;
    *value = pe_le16(e);
    it->entry++;
    return STATUS_SUCCESS;
}

NTSTATUS pe_reloc_next(struct pe_reloc_iter *it, struct pe_reloc *out)
{
    NTSTATUS status = STATUS_SUCCESS;
    uint16_t value;

    memset(out, 0, sizeof(*out));
    while (status == STATUS_SUCCESS && it->entry == it->nentries)
        status = reloc_block(it);
    if (status == STATUS_SUCCESS)
        status = reloc_entry(it, &value);
    if (status != STATUS_SUCCESS)
        return status;
    out->type = value >> 12;
    out->rva = it->page_rva + (value & 0xFFF);
    /* HIGHADJ carries the low half of the adjusted value in the next slot. */
    if (out->type == IMAGE_REL_BASED_HIGHADJ) {
        if (it->entry == it->nentries || reloc_entry(it, &out->arg) != STATUS_SUCCESS) {
            memset(out, 0, sizeof(*out));
            return STATUS_INVALID_IMAGE_FORMAT;
        }
    }
    return STATUS_SUCCESS;
}

unsigned pe_reloc_width(uint8_t type)
{
    switch (type) {
    case IMAGE_REL_BASED_DIR64:   return 8;
    case IMAGE_REL_BASED_HIGHLOW: return 4;
    case IMAGE_REL_BASED_HIGH:
    case IMAGE_REL_BASED_LOW:     return 2;
    case IMAGE_REL_BASED_HIGHADJ: return 2;
    default:                      return 0;
    }
}

/* HIGHADJ's low half is its second slot, which pe_reloc_next reads into arg. */
void pe_reloc_apply(const struct pe_reloc *r, uint8_t *p, int64_t delta)
{
    uint16_t highadj_low = r->arg;
    uint64_t v64;
    uint32_t v32;
    uint16_t v16;
    switch (r->type) {
    case IMAGE_REL_BASED_DIR64:
        memcpy(&v64, p, 8);
        v64 += (uint64_t)delta;
        memcpy(p, &v64, 8);
        break;
    case IMAGE_REL_BASED_HIGHLOW:
        memcpy(&v32, p, 4);
        v32 += (uint32_t)delta;
        memcpy(p, &v32, 4);
        break;
    case IMAGE_REL_BASED_HIGH:
        memcpy(&v16, p, 2);
        v16 = (uint16_t)(v16 + (uint16_t)((uint32_t)delta >> 16));
        memcpy(p, &v16, 2);
        break;
    case IMAGE_REL_BASED_LOW:
        memcpy(&v16, p, 2);
        v16 = (uint16_t)(v16 + (uint16_t)delta);
        memcpy(p, &v16, 2);
        break;
    case IMAGE_REL_BASED_HIGHADJ:
        memcpy(&v16, p, 2);
        v32 = ((uint32_t)v16 << 16) + highadj_low + (uint32_t)delta + 0x8000;
        v16 = (uint16_t)(v32 >> 16);
        memcpy(p, &v16, 2);
        break;
    }
}
