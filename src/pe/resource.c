/*
 * The resource tree: type, name and language directories, then data entries. Offsets inside the tree are
 * relative to the directory's RVA; the data entries hold RVAs. Depth is fixed at three, a subdirectory
 * must lie after its parent (no cycles), and the number of entries visited is capped (no blow-up through
 * shared subdirectories).
 */
#include <string.h>

#include "pe/pe_int.h"

#define RSRC_HIGH_BIT  0x80000000u
#define RSRC_LEVELS    3

struct rsrc_walk {
    const struct pe_image *img;
    uint32_t root;
    unsigned budget;
    pe_resource_fn fn;
    void *ctx;
    struct pe_resource res;
};

static const uint8_t *rsrc_ptr(const struct rsrc_walk *w, uint64_t off, uint32_t len)
{
    uint32_t rva;
    return pe_rva_add(w->root, off, &rva) ? pe_rva_ptr(w->img, rva, len) : NULL;
}

/* An entry's Name: an integer id, or (high bit) the offset of a counted UTF-16 string. */
static NTSTATUS rsrc_name(const struct rsrc_walk *w, uint32_t name, uint32_t *id, const uint16_t **str,
                          uint16_t *len)
{
    *id = name;
    *str = NULL;
    *len = 0;
    if (!(name & RSRC_HIGH_BIT))
        return STATUS_SUCCESS;
    *id = 0;
    const uint8_t *p = rsrc_ptr(w, name & ~RSRC_HIGH_BIT, 2);
    uint16_t n = p ? pe_le16(p) : 0;
    /* Handing out a uint16_t pointer needs 2-byte alignment; linkers always align these strings. */
    if (!p || ((uintptr_t)p & 1) || !rsrc_ptr(w, (name & ~RSRC_HIGH_BIT) + 2ull, 2u * n))
        return STATUS_INVALID_IMAGE_FORMAT;
    *str = (const uint16_t *)(const void *)(p + 2);
    *len = n;
    return STATUS_SUCCESS;
}

static NTSTATUS rsrc_leaf(struct rsrc_walk *w, uint32_t off)
{
    const uint8_t *d = rsrc_ptr(w, off, sizeof(IMAGE_RESOURCE_DATA_ENTRY));
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    w->res.data_rva = pe_le32(d);
    w->res.data_size = pe_le32(d + 4);
    w->res.codepage = pe_le32(d + 8);
    if (w->res.data_size > w->img->size_of_image || w->res.data_rva > w->img->size_of_image - w->res.data_size)
        return STATUS_INVALID_IMAGE_FORMAT;
    w->fn(w->ctx, &w->res);
    return STATUS_SUCCESS;
}

static NTSTATUS rsrc_dir(struct rsrc_walk *w, uint32_t off, unsigned level);

/* Records the entry's name at its level, then descends (levels 0, 1) or reports the leaf (level 2). */
static NTSTATUS rsrc_entry(struct rsrc_walk *w, uint32_t dir_off, const uint8_t *e, unsigned level)
{
    uint32_t *ids[RSRC_LEVELS] = {&w->res.type_id, &w->res.name_id, &w->res.lang_id};
    const uint16_t *unused_name;
    uint16_t unused_len;
    const uint16_t **names[RSRC_LEVELS] = {&w->res.type_name, &w->res.name_name, &unused_name};
    uint16_t *lens[RSRC_LEVELS] = {&w->res.type_name_len, &w->res.name_name_len, &unused_len};
    uint32_t target = pe_le32(e + 4);

    NTSTATUS status = rsrc_name(w, pe_le32(e), ids[level], names[level], lens[level]);
    if (status != STATUS_SUCCESS)
        return status;
    if (level + 1 < RSRC_LEVELS) {
        if (!(target & RSRC_HIGH_BIT) || (target & ~RSRC_HIGH_BIT) <= dir_off)
            return STATUS_INVALID_IMAGE_FORMAT;
        return rsrc_dir(w, target & ~RSRC_HIGH_BIT, level + 1);
    }
    return target & RSRC_HIGH_BIT ? STATUS_INVALID_IMAGE_FORMAT : rsrc_leaf(w, target);
}

static NTSTATUS rsrc_dir(struct rsrc_walk *w, uint32_t off, unsigned level)
{
    const uint8_t *d = rsrc_ptr(w, off, sizeof(IMAGE_RESOURCE_DIRECTORY));
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint32_t n = (uint32_t)pe_le16(d + 12) + pe_le16(d + 14);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t entry_off = off + sizeof(IMAGE_RESOURCE_DIRECTORY) + (uint64_t)i * 8;
        const uint8_t *e = rsrc_ptr(w, entry_off, sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY));
        if (!e || w->budget == 0)
            return STATUS_INVALID_IMAGE_FORMAT;
        w->budget--;
        NTSTATUS status = rsrc_entry(w, off, e, level);
        if (status != STATUS_SUCCESS)
            return status;
    }
    return STATUS_SUCCESS;
}

NTSTATUS pe_resources_walk(const struct pe_image *img, pe_resource_fn fn, void *ctx)
{
    struct rsrc_walk w;

    memset(&w, 0, sizeof(w));
    w.img = img;
    w.root = img->dirs[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress;
    if (!w.root)
        return STATUS_NOT_FOUND;
    w.budget = PE_MAX_RESOURCE_ENTRIES;
    w.fn = fn;
    w.ctx = ctx;
    return rsrc_dir(&w, 0, 0);
}

/* ---- one level at a time ------------------------------------------------------------------------- */

/* Pointer to len bytes at off from the root of img's resource tree. */
static const uint8_t *tree_ptr(const struct pe_image *img, uint64_t off, uint32_t len)
{
    uint32_t rva;
    uint32_t root = img->dirs[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress;
    return root && pe_rva_add(root, off, &rva) ? pe_rva_ptr(img, rva, len) : NULL;
}

/* Reads the directory at off: its header and all of its entries must be readable. */
static NTSTATUS read_dir(const struct pe_image *img, uint32_t off, struct pe_resource_dir *out)
{
    const uint8_t *d = tree_ptr(img, off, sizeof(IMAGE_RESOURCE_DIRECTORY));
    if (!d)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint32_t n = (uint32_t)pe_le16(d + 12) + pe_le16(d + 14);
    if (!tree_ptr(img, (uint64_t)off + sizeof(IMAGE_RESOURCE_DIRECTORY), n * (uint32_t)sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY)))
        return STATUS_INVALID_IMAGE_FORMAT;
    out->offset = off;
    out->nentries = n;
    return STATUS_SUCCESS;
}

NTSTATUS pe_resource_root(const struct pe_image *img, struct pe_resource_dir *out)
{
    memset(out, 0, sizeof(*out));
    if (!img->dirs[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress)
        return STATUS_NOT_FOUND;
    return read_dir(img, 0, out);
}

NTSTATUS pe_resource_entry_at(const struct pe_image *img, const struct pe_resource_dir *dir, uint32_t i,
                              struct pe_resource_entry *out)
{
    memset(out, 0, sizeof(*out));
    if (i >= dir->nentries)
        return STATUS_NO_MORE_ENTRIES;
    const uint8_t *e = tree_ptr(img, (uint64_t)dir->offset + sizeof(IMAGE_RESOURCE_DIRECTORY) + (uint64_t)i * 8, 8);
    if (!e)
        return STATUS_INVALID_IMAGE_FORMAT;
    uint32_t name = pe_le32(e), target = pe_le32(e + 4);
    out->is_dir = (target & RSRC_HIGH_BIT) != 0;
    out->target = target & ~RSRC_HIGH_BIT;
    if (!(name & RSRC_HIGH_BIT)) {
        out->id = name;
        return STATUS_SUCCESS;
    }
    const uint8_t *p = tree_ptr(img, name & ~RSRC_HIGH_BIT, 2);
    uint16_t n = p ? pe_le16(p) : 0;
    if (!p || ((uintptr_t)p & 1) || !tree_ptr(img, (name & ~RSRC_HIGH_BIT) + 2ull, 2u * n))
        return STATUS_INVALID_IMAGE_FORMAT;
    out->name = (const uint16_t *)(const void *)(p + 2);
    out->name_len = n;
    return STATUS_SUCCESS;
}

NTSTATUS pe_resource_subdir(const struct pe_image *img, const struct pe_resource_dir *dir,
                            const struct pe_resource_entry *e, struct pe_resource_dir *out)
{
    memset(out, 0, sizeof(*out));
    if (!e->is_dir || e->target <= dir->offset)
        return STATUS_INVALID_IMAGE_FORMAT;
    return read_dir(img, e->target, out);
}

const IMAGE_RESOURCE_DATA_ENTRY *pe_resource_data_entry(const struct pe_image *img, const struct pe_resource_entry *e)
{
    const uint8_t *p = e->is_dir ? NULL : tree_ptr(img, e->target, sizeof(IMAGE_RESOURCE_DATA_ENTRY));
    /* Handed out as a structure (an HRSRC): linkers align it to 4, an image that does not is refused. */
    return p && !((uintptr_t)p & 3) ? (const IMAGE_RESOURCE_DATA_ENTRY *)(const void *)p : NULL;
}

const IMAGE_RESOURCE_DIRECTORY *pe_resource_dir_header(const struct pe_image *img, const struct pe_resource_dir *dir)
{
    const uint8_t *p = tree_ptr(img, dir->offset, sizeof(IMAGE_RESOURCE_DIRECTORY));
    return p && !((uintptr_t)p & 3) ? (const IMAGE_RESOURCE_DIRECTORY *)(const void *)p : NULL;
}
