/*
 * The one bounded accessor family: byte views, sections, and RVA translation for both layouts.
 * Every other file of the reader reaches image bytes only through these functions.
 */
#include <string.h>

#include "pe/pe_int.h"

const void *pe_ptr(const struct pe_view *v, uint64_t off, uint64_t len)
{
    if (!v->base || off > v->size || len > v->size - off)
        return NULL;
    return v->base + off;
}

/* The NUL must lie within the view and within max + 1 bytes of off. */
static const char *str_in(const uint8_t *p, uint64_t avail, size_t max)
{
    uint64_t n = avail < (uint64_t)max + 1 ? avail : (uint64_t)max + 1;
    return memchr(p, 0, (size_t)n) ? (const char *)p : NULL;
}

const char *pe_str(const struct pe_view *v, uint64_t off, size_t max)
{
    const uint8_t *p = pe_ptr(v, off, 0);
    return p ? str_in(p, v->size - off, max) : NULL;
}

void pe_section_decode(const uint8_t *p, struct pe_section *s)
{
    memset(s, 0, sizeof(*s));
    memcpy(s->name, p, IMAGE_SIZEOF_SHORT_NAME);
    s->virtual_size = pe_le32(p + 8);
    s->rva = pe_le32(p + 12);
    s->raw_size = pe_le32(p + 16);
    s->raw_offset = pe_le32(p + 20);
    s->characteristics = pe_le32(p + 36);
    /* The loader sizes a section with VirtualSize 0 by its raw data. */
    if (s->virtual_size == 0)
        s->virtual_size = s->raw_size;
    s->raw_used = s->raw_size < s->virtual_size ? s->raw_size : s->virtual_size;
}

NTSTATUS pe_section_at(const struct pe_image *img, unsigned i, struct pe_section *out)
{
    memset(out, 0, sizeof(*out));
    if (i >= img->nsections)
        return STATUS_NO_MORE_ENTRIES;
    /* pe_parse checked the whole table; the bound is kept for images not built by it. */
    const uint8_t *p = pe_ptr(&img->view, img->section_table_offset + (uint64_t)i * sizeof(IMAGE_SECTION_HEADER),
                              sizeof(IMAGE_SECTION_HEADER));
    if (!p)
        return STATUS_INVALID_IMAGE_FORMAT;
    pe_section_decode(p, out);
    return STATUS_SUCCESS;
}

/* The section whose raw data holds rva (file layout). */
static int section_with_data(const struct pe_image *img, uint32_t rva, struct pe_section *s)
{
    for (unsigned i = 0; pe_section_at(img, i, s) == STATUS_SUCCESS; i++)
        if (rva >= s->rva && rva - s->rva < s->raw_used)
            return 1;
    return 0;
}

/*
 * Where rva lives in the view, and how many bytes from there belong to the same region: the headers or
 * one section's raw data (file layout), the image (mapped layout). A range never spans two regions, and
 * an RVA past its section's raw data (zero-filled when mapped) has no bytes in a file.
 */
static int rva_span(const struct pe_image *img, uint32_t rva, uint64_t *off, uint64_t *avail)
{
    struct pe_section s;
    if (rva >= img->size_of_image)
        return 0;
    *off = rva;
    *avail = img->size_of_image - rva;
    if (img->layout == PE_LAYOUT_FILE && rva < img->size_of_headers) {
        *avail = img->size_of_headers - rva;
    } else if (img->layout == PE_LAYOUT_FILE) {
        if (!section_with_data(img, rva, &s))
            return 0;
        *off = (uint64_t)s.raw_offset + (rva - s.rva);
        *avail = s.raw_used - (rva - s.rva);
    }
    if (*off > img->view.size)
        return 0;
    if (*avail > img->view.size - *off)
        *avail = img->view.size - *off;
    return 1;
}

const void *pe_rva_ptr(const struct pe_image *img, uint32_t rva, uint32_t len)
{
    uint64_t off, avail;
    if (!rva_span(img, rva, &off, &avail) || len > avail)
        return NULL;
    return img->view.base + off;
}

const char *pe_rva_str(const struct pe_image *img, uint32_t rva)
{
    uint64_t off, avail;
    if (!rva_span(img, rva, &off, &avail))
        return NULL;
    return str_in(img->view.base + off, avail, PE_MAX_NAME);
}

NTSTATUS pe_rva_to_offset(const struct pe_image *img, uint32_t rva, uint32_t *offset)
{
    uint64_t off, avail;
    *offset = 0;
    if (!rva_span(img, rva, &off, &avail) || avail == 0)
        return STATUS_NOT_FOUND;
    *offset = (uint32_t)off;
    return STATUS_SUCCESS;
}

int pe_va_to_rva(const struct pe_image *img, uint64_t base, uint64_t va, uint32_t *rva)
{
    if (va < base || va - base > img->size_of_image)
        return 0;
    *rva = (uint32_t)(va - base);
    return 1;
}
