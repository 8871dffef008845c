/*
 * RtlFindMessage: a message in a module's message table resource (RT_MESSAGETABLE), for FormatMessage's
 * FORMAT_MESSAGE_FROM_HMODULE. The resource tree is walked with the bounded PE reader over the module's
 * validated mapped image; the table itself is foreign data and is read with explicit bounds.
 */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"

/* LANGIDs: primary language in the low 10 bits, sublanguage above. */
#define PRIMARY_LANG(l) ((l) & 0x3FFu)
#define LANG_ENGLISH_US 0x0409u

struct message_search {
    ULONG type, lang;
    BOOLEAN type_seen;
    int rank;                 /* of the best leaf so far; 0 = none */
    uint32_t rva, size;
};

/* The default languages (neutral, user/system default, custom defaults) stand for the process's UI
 * language, which is US English. */
static BOOLEAN is_default_lang(ULONG lang)
{
    return lang == 0 || lang == 0x400 || lang == 0x800 || lang == 0xC00 || lang == 0x1000 || lang == 0x1400;
}

/* How well a resource language serves the request: FormatMessage's order for a default language
 * (neutral, the UI language, English, anything), else the language itself, its primary language with
 * SUBLANG_NEUTRAL, or a neutral resource. */
static int lang_rank(ULONG want, ULONG have)
{
    if (is_default_lang(want))
        return have == 0 ? 5 : have == LANG_ENGLISH_US ? 4 : PRIMARY_LANG(have) == 0x09 ? 3 : 1;
    if (have == want)
        return 5;
    if (have == PRIMARY_LANG(want))
        return 4;
    return have == 0 ? 3 : 0;
}

static void on_resource(void *ctx, const struct pe_resource *res)
{
    struct message_search *s = ctx;
    if (res->type_name || res->type_id != s->type)
        return;
    s->type_seen = TRUE;
    int rank = lang_rank(s->lang, res->lang_id);
    if (rank > s->rank) {
        s->rank = rank;
        s->rva = res->data_rva;
        s->size = res->data_size;
    }
}

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
 * The message id of type `type` (RT_MESSAGETABLE) in language `lang` from the module at base.
 * STATUS_RESOURCE_DATA_NOT_FOUND: the module has no resources; STATUS_RESOURCE_TYPE_NOT_FOUND: no
 * message table; STATUS_RESOURCE_LANG_NOT_FOUND: none in that language; STATUS_MESSAGE_NOT_FOUND: no
 * such id. The entry points into the module and stays valid while the module is loaded; its Length
 * bounds its text.
 */
NTSTATUS WINAPI RtlFindMessage(PVOID base, ULONG type, ULONG lang, ULONG id, const MESSAGE_RESOURCE_ENTRY **entry)
{
    *entry = NULL;
    struct message_search s = {type, lang, FALSE, 0, 0, 0};
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(base);
    NTSTATUS status = m ? pe_resources_walk(&m->Image, on_resource, &s) : STATUS_INVALID_HANDLE;
    LdrpReleaseLoaderLock();
    if (status == STATUS_NOT_FOUND)
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    if (status != STATUS_SUCCESS)
        return status;
    if (!s.type_seen)
        return STATUS_RESOURCE_TYPE_NOT_FOUND;
    if (!s.rank)
        return STATUS_RESOURCE_LANG_NOT_FOUND;
    *entry = table_entry((const uint8_t *)base + s.rva, s.size, id);
    return *entry ? STATUS_SUCCESS : STATUS_MESSAGE_NOT_FOUND;
}
