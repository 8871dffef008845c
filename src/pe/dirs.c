/* Small directories: TLS, the exception table (.pdata) and the load configuration. */
#include <string.h>

#include "pe/pe_int.h"

#define RUNTIME_FUNCTION_SIZE sizeof(IMAGE_RUNTIME_FUNCTION_ENTRY)

NTSTATUS pe_tls_get(const struct pe_image *img, uint64_t base, struct pe_tls *out)
{
    const IMAGE_DATA_DIRECTORY *dir = &img->dirs[IMAGE_DIRECTORY_ENTRY_TLS];
    unsigned w = pe_ptr_width(img);

    memset(out, 0, sizeof(*out));
    if (!dir->VirtualAddress)
        return STATUS_NOT_FOUND;
    /* Four pointer-sized VAs, then SizeOfZeroFill and Characteristics. */
    const uint8_t *d = pe_rva_ptr(img, dir->VirtualAddress, 4 * w + 8);
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint32_t *rvas[] = {&out->raw_start_rva, &out->raw_end_rva, &out->index_rva, &out->callbacks_rva};
    for (unsigned i = 0; i < 4; i++) {
        uint64_t va = pe_word(d + i * w, w);
        if (va && !pe_va_to_rva(img, base, va, rvas[i]))
            goto bad;
    }
    if (out->raw_end_rva < out->raw_start_rva)
        goto bad;
    out->zero_fill = pe_le32(d + 4 * w);
    out->characteristics = pe_le32(d + 4 * w + 4);
    return STATUS_SUCCESS;
bad:
    memset(out, 0, sizeof(*out));
    return STATUS_INVALID_IMAGE_FORMAT;
}

NTSTATUS pe_tls_callback_at(const struct pe_image *img, uint64_t base, const struct pe_tls *tls, unsigned i,
                            uint32_t *rva)
{
    unsigned w = pe_ptr_width(img);
    uint32_t slot;

    *rva = 0;
    if (!tls->callbacks_rva)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *p = pe_rva_add(tls->callbacks_rva, (uint64_t)i * w, &slot) ? pe_rva_ptr(img, slot, w) : NULL;
    if (!p)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint64_t va = pe_word(p, w);
    if (!va)
        return STATUS_NO_MORE_ENTRIES;
    if (i >= PE_MAX_TLS_CALLBACKS || !pe_va_to_rva(img, base, va, rva) || *rva >= img->size_of_image) {
        *rva = 0;
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    return STATUS_SUCCESS;
}

uint32_t pe_pdata_count(const struct pe_image *img)
{
    const IMAGE_DATA_DIRECTORY *dir = &img->dirs[IMAGE_DIRECTORY_ENTRY_EXCEPTION];
    /* ARM and ARM64 use 8-byte entries; x86 has no table. */
    if (!dir->VirtualAddress ||
        (img->machine != IMAGE_FILE_MACHINE_AMD64 && img->machine != IMAGE_FILE_MACHINE_IA64))
        return 0;
    return dir->Size / RUNTIME_FUNCTION_SIZE;
}

NTSTATUS pe_pdata_at(const struct pe_image *img, uint32_t i, IMAGE_RUNTIME_FUNCTION_ENTRY *out)
{
    uint32_t rva;

    memset(out, 0, sizeof(*out));
    if (i >= pe_pdata_count(img))
        return STATUS_NO_MORE_ENTRIES;
    uint64_t off = (uint64_t)i * RUNTIME_FUNCTION_SIZE;
    const uint8_t *p = pe_rva_add(img->dirs[IMAGE_DIRECTORY_ENTRY_EXCEPTION].VirtualAddress, off, &rva)
                           ? pe_rva_ptr(img, rva, RUNTIME_FUNCTION_SIZE) : NULL;
    if (!p)
        return STATUS_INVALID_IMAGE_FORMAT;
    out->BeginAddress = pe_le32(p);
    out->EndAddress = pe_le32(p + 4);
    out->UnwindData = pe_le32(p + 8);
    return STATUS_SUCCESS;
}

/* A field of the load config at off (PE32+) or off32 (PE32), if the structure's Size covers it. */
static uint64_t load_config_field(const uint8_t *p, uint32_t size, unsigned w, uint32_t off, uint32_t off32,
                                  unsigned width)
{
    uint32_t at = w == 8 ? off : off32;
    if (size < at || size - at < width)
        return 0;
    return width == 8 ? pe_le64(p + at) : pe_le32(p + at);
}

NTSTATUS pe_load_config_get(const struct pe_image *img, struct pe_load_config *out)
{
    const IMAGE_DATA_DIRECTORY *dir = &img->dirs[IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG];
    unsigned w = pe_ptr_width(img);

    memset(out, 0, sizeof(*out));
    if (!dir->VirtualAddress)
        return STATUS_NOT_FOUND;
    /* The structure's own Size field says how much of it this image has (the directory's Size was wrong
     * in early linkers, so the loader trusts the field). */
    const uint8_t *p = pe_rva_ptr(img, dir->VirtualAddress, 4);
    uint32_t size = p ? pe_le32(p) : 0;
    if (size < 4 || !pe_rva_ptr(img, dir->VirtualAddress, size))
        return STATUS_INVALID_IMAGE_FORMAT;
    out->size = size;
    /* PE32 offsets: IMAGE_LOAD_CONFIG_DIRECTORY32, whose pointer-sized fields are 4 bytes. */
    out->security_cookie_va =
        load_config_field(p, size, w, offsetof(IMAGE_LOAD_CONFIG_DIRECTORY64, SecurityCookie), 0x3C, w);
    out->guard_cf_check_va =
        load_config_field(p, size, w, offsetof(IMAGE_LOAD_CONFIG_DIRECTORY64, GuardCFCheckFunctionPointer), 0x48, w);
    out->guard_flags =
        (uint32_t)load_config_field(p, size, w, offsetof(IMAGE_LOAD_CONFIG_DIRECTORY64, GuardFlags), 0x58, 4);
    return STATUS_SUCCESS;
}
