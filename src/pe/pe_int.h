/* pe: helpers shared by the reader's files; not part of the API in pe.h. */
#ifndef PE_PE_INT_H
#define PE_PE_INT_H

#include "pe/pe.h"

#define PE_PAGE_SIZE 0x1000u

/* Width of a pointer-sized field (thunks, TLS VAs, callback slots): 8 for PE32+, 4 for PE32. */
static inline unsigned pe_ptr_width(const struct pe_image *img)
{
    return img->magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC ? 8 : 4;
}

static inline uint64_t pe_word(const void *p, unsigned width)
{
    return width == 8 ? pe_le64(p) : pe_le32(p);
}

/* *out = rva + off; FALSE when the sum does not fit an RVA. */
static inline int pe_rva_add(uint32_t rva, uint64_t off, uint32_t *out)
{
    if (off > UINT32_MAX - rva)
        return 0;
    *out = (uint32_t)(rva + off);
    return 1;
}

/* Decodes the 40-byte section header at p (already bounds-checked). */
void pe_section_decode(const uint8_t *p, struct pe_section *s);

/* RVA of a VA stored in the image, against base; FALSE if below base or past SizeOfImage. */
int pe_va_to_rva(const struct pe_image *img, uint64_t base, uint64_t va, uint32_t *rva);

#endif
