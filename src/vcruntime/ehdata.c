/*
 * Decoders of MSVC's x64 C++ exception tables (ehdata.h): FuncInfo (__CxxFrameHandler3, fixed records)
 * and FuncInfo4 (__CxxFrameHandler4, compressed). Pure: bounded reads of a view, no allocation.
 */
#include <string.h>

#include "nt/ntstatus.h"
#include "vcruntime/ehdata.h"

/* Bytes [rva, rva + len) of the view, or NULL when they leave it. */
static const BYTE *view_at(const struct eh_view *v, DWORD rva, size_t len)
{
    if (rva > v->size || len > v->size - rva)
        return NULL;
    return v->base + rva;
}

static DWORD rd32(const BYTE *p)
{
    return (DWORD)p[0] | (DWORD)p[1] << 8 | (DWORD)p[2] << 16 | (DWORD)p[3] << 24;
}

/* Carves n elements of size sz from the arena; counts what is needed even once it ran out. */
struct arena {
    BYTE *base;
    size_t size, used;
};

static void *carve(struct arena *a, size_t n, size_t sz)
{
    size_t bytes = (n * sz + 7) & ~(size_t)7;
    size_t at = a->used;
    a->used += bytes;
    if (!n || a->used > a->size)
        return NULL;
    return a->base + at;
}

/* Counts are capped before multiplying: no table has a million states. */
#define EH_MAX_COUNT 0x100000u

/* ---- FuncInfo (FH3) --------------------------------------------------------------------------------------- */

/* FuncInfo: magic:29 bbtFlags:3, maxState, pUnwindMap, nTryBlocks, pTryBlockMap, nIPMapEntries, pIPtoStateMap,
 * dispUnwindHelp, pESTypeList (magic 2+), EHFlags (magic 3) */
#define FI_SIZE1 32
#define UME_SIZE 8    /* toState, action */
#define TBME_SIZE 20  /* tryLow, tryHigh, catchHigh, nCatches, pHandlerArray */
#define HT_SIZE 20    /* adjectives, pType, dispCatchObj, addressOfHandler, dispFrame */
#define IPSE_SIZE 8   /* Ip, State */

NTSTATUS eh_decode_fh3(const struct eh_view *v, DWORD funcinfo_rva, struct eh_func *f, void *arena_base,
                       size_t arena_size, size_t *needed)
{
    memset(f, 0, sizeof *f);
    *needed = 0;
    const BYTE *fi = view_at(v, funcinfo_rva, FI_SIZE1);
    if (!fi)
        return STATUS_INVALID_IMAGE_FORMAT;
    f->format = 3;
    f->magic = rd32(fi) & 0x1FFFFFFF;
    if (f->magic < EH_MAGIC_NUMBER1 || f->magic > EH_MAGIC_NUMBER3)
        return STATUS_INVALID_IMAGE_FORMAT;
    DWORD max_state = rd32(fi + 4), unwind_rva = rd32(fi + 8), ntry = rd32(fi + 12), try_rva = rd32(fi + 16);
    DWORD nip = rd32(fi + 20), ip_rva = rd32(fi + 24);
    f->disp_unwind_help = (int)rd32(fi + 28);
    if (f->magic >= EH_MAGIC_NUMBER2) {
        const BYTE *more = view_at(v, funcinfo_rva + FI_SIZE1, f->magic >= EH_MAGIC_NUMBER3 ? 8 : 4);
        if (!more)
            return STATUS_INVALID_IMAGE_FORMAT;
        f->es_type_list = rd32(more);
        if (f->magic >= EH_MAGIC_NUMBER3)
            f->flags = rd32(more + 4);
    }
    if (max_state > EH_MAX_COUNT || ntry > EH_MAX_COUNT || nip > EH_MAX_COUNT)
        return STATUS_INVALID_IMAGE_FORMAT;
    const BYTE *ume = view_at(v, unwind_rva, (size_t)max_state * UME_SIZE);
    const BYTE *tbme = view_at(v, try_rva, (size_t)ntry * TBME_SIZE);
    const BYTE *ipse = view_at(v, ip_rva, (size_t)nip * IPSE_SIZE);
    if ((max_state && !ume) || (ntry && !tbme) || (nip && !ipse))
        return STATUS_INVALID_IMAGE_FORMAT;
    size_t nhandlers = 0;
    for (DWORD i = 0; i < ntry; i++) {
        DWORD n = rd32(tbme + i * TBME_SIZE + 12);
        if (n > EH_MAX_COUNT || !view_at(v, rd32(tbme + i * TBME_SIZE + 16), (size_t)n * HT_SIZE))
            return STATUS_INVALID_IMAGE_FORMAT;
        nhandlers += n;
    }
    if (nhandlers > EH_MAX_COUNT)
        return STATUS_INVALID_IMAGE_FORMAT;

    struct arena a = {arena_base, arena_size, 0};
    f->unwind = carve(&a, max_state, sizeof *f->unwind);
    f->tries = carve(&a, ntry, sizeof *f->tries);
    f->handlers = carve(&a, nhandlers, sizeof *f->handlers);
    f->ips = carve(&a, nip, sizeof *f->ips);
    *needed = a.used;
    if (a.used > a.size)
        return STATUS_BUFFER_TOO_SMALL;
    f->nunwind = max_state;
    f->ntry = ntry;
    f->nhandlers = (unsigned)nhandlers;
    f->nip = nip;
    for (DWORD i = 0; i < max_state; i++) {
        int to = (int)rd32(ume + i * UME_SIZE);
        DWORD action = rd32(ume + i * UME_SIZE + 4);
        if (to < -1 || to >= (int)max_state)
            return STATUS_INVALID_IMAGE_FORMAT;
        f->unwind[i] = (struct eh_unwind){to, action ? EH_UNWIND_FUNCLET : EH_UNWIND_NONE, action, 0};
    }
    unsigned h = 0;
    for (DWORD i = 0; i < ntry; i++) {
        const BYTE *t = tbme + i * TBME_SIZE;
        DWORD n = rd32(t + 12);
        const BYTE *ht = v->base + rd32(t + 16);
        f->tries[i] = (struct eh_try){(int)rd32(t), (int)rd32(t + 4), (int)rd32(t + 8), h, n};
        for (DWORD j = 0; j < n; j++, h++) {
            const BYTE *e = ht + j * HT_SIZE;
            f->handlers[h] = (struct eh_handler){.adjectives = rd32(e), .type = rd32(e + 4),
                                                 .catch_obj = (int)rd32(e + 8), .funclet = rd32(e + 12),
                                                 .disp_frame = (int)rd32(e + 16)};
        }
    }
    for (DWORD i = 0; i < nip; i++)
        f->ips[i] = (struct eh_ip_state){rd32(ipse + i * IPSE_SIZE), (int)rd32(ipse + i * IPSE_SIZE + 4)};
    return STATUS_SUCCESS;
}

/* ---- FuncInfo4 (FH4) ------------------------------------------------------------------------------------- */

/*
 * The compressed unsigned integer: the low bits of the first byte say how many bytes follow
 * (xxxxxxx0: 1 byte, 7 bits; xxxxxx01: 2 bytes, 14 bits; xxxxx011: 3 bytes, 21 bits; xxxx0111: 4 bytes,
 * 28 bits; xxxx1111: the next 4 bytes are the value).
 */
bool eh_read_compressed(const BYTE **p, const BYTE *end, DWORD *value)
{
    const BYTE *b = *p;
    if (b >= end)
        return false;
    unsigned len = (b[0] & 1) == 0 ? 1 : (b[0] & 3) == 1 ? 2 : (b[0] & 7) == 3 ? 3 : (b[0] & 15) == 7 ? 4 : 5;
    if ((size_t)(end - b) < len)
        return false;
    switch (len) {
    case 1: *value = b[0] >> 1; break;
    case 2: *value = (DWORD)(b[0] >> 2) | (DWORD)b[1] << 6; break;
    case 3: *value = (DWORD)(b[0] >> 3) | (DWORD)b[1] << 5 | (DWORD)b[2] << 13; break;
    case 4: *value = (DWORD)(b[0] >> 4) | (DWORD)b[1] << 4 | (DWORD)b[2] << 12 | (DWORD)b[3] << 20; break;
    default: *value = rd32(b + 1); break;
    }
    *p = b + len;
    return true;
}

/* A reader over the view from an RVA to the end of the image. */
struct reader {
    const BYTE *p, *end;
    bool ok;
};

static struct reader reader_at(const struct eh_view *v, DWORD rva)
{
    const BYTE *p = view_at(v, rva, 0);
    return (struct reader){p, v->base + v->size, p != NULL};
}

static DWORD rd_u(struct reader *r)
{
    DWORD value = 0;
    if (r->ok && !eh_read_compressed(&r->p, r->end, &value))
        r->ok = false;
    return r->ok ? value : 0;
}

static DWORD rd_rva(struct reader *r)
{
    if (!r->ok || r->end - r->p < 4) {
        r->ok = false;
        return 0;
    }
    DWORD value = rd32(r->p);
    r->p += 4;
    return value;
}

static BYTE rd_byte(struct reader *r)
{
    if (!r->ok || r->p >= r->end) {
        r->ok = false;
        return 0;
    }
    return *r->p++;
}

/* The handler array's entry header */
#define HT4_ADJECTIVES 0x01
#define HT4_DISP_TYPE 0x02
#define HT4_DISP_CATCH_OBJ 0x04
#define HT4_CONT_IS_RVA 0x08
#define HT4_CONT_ADDR_SHIFT 4

/* Unwind map entry: compressed (back << 2 | type); types 1 and 2 add an action RVA and a compressed object
 * offset, type 3 an action RVA. back goes back, in bytes, from the entry's start to the entry of the state
 * it falls back to; back past the first entry is the empty state (-1): MSVC writes 1 for the first entry. */
static bool decode_unwind4(const struct eh_view *v, DWORD rva, struct eh_func *f, DWORD count)
{
    struct reader r = reader_at(v, rva);
    rd_u(&r);   /* the count, read by the caller */
    const BYTE *start = r.p;
    /* Two passes: the entries and where each starts (in f->ips, scratch until the ip map is read), then
     * the links from those offsets. */
    for (DWORD i = 0; i < count && r.ok; i++) {
        DWORD at = (DWORD)(r.p - start);
        DWORD word = rd_u(&r);
        struct eh_unwind *u = &f->unwind[i];
        u->to_state = (int)(word >> 2);        /* the backward offset, resolved below */
        u->action = 0;
        u->object = 0;
        switch (word & 3) {
        case 0: u->kind = EH_UNWIND_NONE; break;
        case 1: u->kind = EH_UNWIND_DTOR_OBJ; u->action = rd_rva(&r); u->object = (int)rd_u(&r); break;
        case 2: u->kind = EH_UNWIND_DTOR_PTR; u->action = rd_rva(&r); u->object = (int)rd_u(&r); break;
        case 3: u->kind = EH_UNWIND_FUNCLET; u->action = rd_rva(&r); break;
        }
        /* remember where this entry starts: the links below need it */
        f->ips[i].rva = at;   /* scratch: ips has room for count entries (see eh_decode_fh4) */
    }
    if (!r.ok)
        return false;
    for (DWORD i = 0; i < count; i++) {
        DWORD back = (DWORD)f->unwind[i].to_state;
        if (!back)
            return false;   /* an entry naming itself */
        if (back > f->ips[i].rva) {
            f->unwind[i].to_state = -1;   /* before the first entry: the empty state */
            continue;
        }
        DWORD target = f->ips[i].rva - back;
        int found = -1;
        for (DWORD j = 0; j < i; j++)
            if (f->ips[j].rva == target)
                found = (int)j;
        if (found < 0)
            return false;
        f->unwind[i].to_state = found;
    }
    return true;
}

/* The ip-to-state map of the segment that starts at function_rva (FH4_IS_SEPARATED), or the map itself. */
static bool locate_ip_map4(const struct eh_view *v, BYTE header, DWORD ip_rva, DWORD function_rva, DWORD *map_rva)
{
    if (!(header & FH4_IS_SEPARATED)) {
        *map_rva = ip_rva;
        return true;
    }
    struct reader r = reader_at(v, ip_rva);
    DWORD nseg = rd_u(&r);
    for (DWORD i = 0; i < nseg && r.ok && i < EH_MAX_COUNT; i++) {
        DWORD seg = rd_rva(&r), map = rd_rva(&r);
        if (r.ok && seg == function_rva) {
            *map_rva = map;
            return true;
        }
    }
    return false;
}

NTSTATUS eh_decode_fh4(const struct eh_view *v, DWORD funcinfo_rva, DWORD function_rva, struct eh_func *f,
                       void *arena_base, size_t arena_size, size_t *needed)
{
    memset(f, 0, sizeof *f);
    *needed = 0;
    f->format = 4;
    struct reader r = reader_at(v, funcinfo_rva);
    BYTE header = rd_byte(&r);
    f->flags = header;
    if (header & FH4_BBT)
        rd_u(&r);
    DWORD unwind_rva = header & FH4_UNWIND_MAP ? rd_rva(&r) : 0;
    DWORD try_rva = header & FH4_TRY_BLOCK_MAP ? rd_rva(&r) : 0;
    DWORD ip_rva = rd_rva(&r);
    if (header & FH4_IS_CATCH)
        f->disp_frame = (int)rd_u(&r);
    if (!r.ok)
        return STATUS_INVALID_IMAGE_FORMAT;

    DWORD map_rva = 0;
    if (!locate_ip_map4(v, header, ip_rva, function_rva, &map_rva))
        return STATUS_INVALID_IMAGE_FORMAT;
    struct reader ur = reader_at(v, unwind_rva), tr = reader_at(v, try_rva), ir = reader_at(v, map_rva);
    DWORD nunwind = unwind_rva ? rd_u(&ur) : 0, ntry = try_rva ? rd_u(&tr) : 0, nip = rd_u(&ir);
    if ((unwind_rva && !ur.ok) || (try_rva && !tr.ok) || !ir.ok || nunwind > EH_MAX_COUNT ||
        ntry > EH_MAX_COUNT || nip > EH_MAX_COUNT)
        return STATUS_INVALID_IMAGE_FORMAT;
    /* Count the handlers: each try block names its own handler array. */
    size_t nhandlers = 0;
    struct reader scan = tr;
    for (DWORD i = 0; i < ntry; i++) {
        rd_u(&scan);
        rd_u(&scan);
        rd_u(&scan);
        struct reader hr = reader_at(v, rd_rva(&scan));
        DWORD n = rd_u(&hr);
        if (!scan.ok || !hr.ok || n > EH_MAX_COUNT)
            return STATUS_INVALID_IMAGE_FORMAT;
        nhandlers += n;
    }
    if (nhandlers > EH_MAX_COUNT)
        return STATUS_INVALID_IMAGE_FORMAT;

    struct arena a = {arena_base, arena_size, 0};
    f->unwind = carve(&a, nunwind, sizeof *f->unwind);
    f->tries = carve(&a, ntry, sizeof *f->tries);
    f->handlers = carve(&a, nhandlers, sizeof *f->handlers);
    /* ips doubles as scratch for the unwind map's entry offsets: room for both */
    f->ips = carve(&a, nip > nunwind ? nip : nunwind, sizeof *f->ips);
    *needed = a.used;
    if (a.used > a.size)
        return STATUS_BUFFER_TOO_SMALL;
    f->nunwind = nunwind;
    f->ntry = ntry;
    f->nhandlers = (unsigned)nhandlers;
    f->nip = nip;

    if (nunwind && !decode_unwind4(v, unwind_rva, f, nunwind))
        return STATUS_INVALID_IMAGE_FORMAT;
    unsigned h = 0;
    for (DWORD i = 0; i < ntry; i++) {
        struct eh_try *t = &f->tries[i];
        t->low = (int)rd_u(&tr);
        t->high = (int)rd_u(&tr);
        t->catch_high = (int)rd_u(&tr);
        struct reader hr = reader_at(v, rd_rva(&tr));
        t->nhandlers = rd_u(&hr);
        t->first_handler = h;
        for (DWORD j = 0; j < t->nhandlers && hr.ok; j++, h++) {
            struct eh_handler *e = &f->handlers[h];
            memset(e, 0, sizeof *e);
            BYTE hh = rd_byte(&hr);
            if (hh & HT4_ADJECTIVES)
                e->adjectives = rd_u(&hr);
            if (hh & HT4_DISP_TYPE)
                e->type = rd_rva(&hr);
            if (hh & HT4_DISP_CATCH_OBJ)
                e->catch_obj = (int)rd_u(&hr);
            e->funclet = rd_rva(&hr);
            e->ncontinuations = (hh >> HT4_CONT_ADDR_SHIFT) & 3;
            if (e->ncontinuations > 2 || (hh & 0xC0))
                return STATUS_INVALID_IMAGE_FORMAT;
            for (unsigned k = 0; k < e->ncontinuations; k++)
                e->continuation[k] = hh & HT4_CONT_IS_RVA ? rd_rva(&hr) : function_rva + rd_u(&hr);
        }
        if (!tr.ok || !hr.ok)
            return STATUS_INVALID_IMAGE_FORMAT;
    }
    DWORD ip = function_rva;
    for (DWORD i = 0; i < nip; i++) {
        ip += rd_u(&ir);
        f->ips[i].rva = ip;
        f->ips[i].state = (int)rd_u(&ir) - 1;
    }
    if (!ir.ok)
        return STATUS_INVALID_IMAGE_FORMAT;
    for (DWORD i = 0; i < nunwind; i++)
        if (f->unwind[i].to_state >= (int)i)
            return STATUS_INVALID_IMAGE_FORMAT;   /* a link goes back, never forward */
    return STATUS_SUCCESS;
}

/* ---- lookups over the decoded form ------------------------------------------------------------------------- */

int eh_state_from_rva(const struct eh_func *f, DWORD rva)
{
    int state = -1;
    for (unsigned i = 0; i < f->nip; i++) {
        if (rva < f->ips[i].rva)
            break;
        state = f->ips[i].state;
    }
    return state;
}

int eh_catch_try_of_state(const struct eh_func *f, int state)
{
    for (unsigned i = 0; i < f->ntry; i++)
        if (state > f->tries[i].high && state <= f->tries[i].catch_high)
            return (int)i;
    return -1;
}
