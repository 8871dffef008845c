/*
 * RtlFindMessage: a message in a module's message table resource (RT_MESSAGETABLE), for FormatMessage's
 * FORMAT_MESSAGE_FROM_HMODULE. The resource is found by LdrFindResource_U (resource.c); the table itself is
 * foreign data and is read with explicit bounds.
 */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/ldr/resource.h"
#include "ntdll/rtl/rtl.h"

/* The entry for id in the table data[0..size) (foreign), or NULL. */
static const MESSAGE_RESOURCE_ENTRY *table_entry(const uint8_t *data, uint32_t size, ULONG id)
{
    if (size < 4)
        return NULL;
    uint32_t nblocks = pe_le32(data);
    if (nblocks > (size - 4) / sizeof(MESSAGE_RESOURCE_BLOCK))
        return NULL;
    for (uint32_t b = 0; b < nblocks; b++) {
        const uint8_t *blk = data + 4 + (size_t)b * sizeof(MESSAGE_RESOURCE_BLOCK);
        uint32_t low = pe_le32(blk), high = pe_le32(blk + 4), off = pe_le32(blk + 8);
        if (id < low || id > high)
            continue;
        for (uint32_t i = low;; i++) {
            if (off > size - 4)
                return NULL;
            uint16_t len = pe_le16(data + off);
            if (len < 4 || len > size - off)
                return NULL;
            if (i == id)
                return (const MESSAGE_RESOURCE_ENTRY *)(const void *)(data + off);
            off += len;
        }
    }
    return NULL;
}

/*
 * The message id of type `type` (RT_MESSAGETABLE, name 1) in language `lang` from the module at base: any
 * module handle the resource functions take, so a DLL loaded with LOAD_LIBRARY_AS_DATAFILE serves
 * FormatMessage too. The language falls back as FindResource's does (resource.c).
 * STATUS_RESOURCE_DATA_NOT_FOUND: the module has no resources; STATUS_RESOURCE_TYPE_NOT_FOUND: no
 * message table; STATUS_RESOURCE_LANG_NOT_FOUND: none in that language; STATUS_MESSAGE_NOT_FOUND: no
 * such id. The entry points into the module and stays valid while the module is mapped; its Length
 * bounds its text.
 */
NTSTATUS WINAPI RtlFindMessage(PVOID base, ULONG type, ULONG lang, ULONG id, const MESSAGE_RESOURCE_ENTRY **entry)
{
    *entry = NULL;
    LDR_RESOURCE_INFO info = {type, 1, lang};
    const IMAGE_RESOURCE_DATA_ENTRY *res;
    PVOID data;
    ULONG size;
    NTSTATUS status = LdrFindResource_U(base, &info, 3, &res);
    if (status == STATUS_SUCCESS)
        status = LdrAccessResource(base, res, &data, &size);
    if (status != STATUS_SUCCESS)
        return status;
    *entry = table_entry(data, size, id);
    return *entry ? STATUS_SUCCESS : STATUS_MESSAGE_NOT_FOUND;
}
