/*
 * RTTI: dynamic_cast, typeid and dynamic_cast<void *> as MSVC compiles them, calls into the runtime with
 * the object. A polymorphic object's vtable has at [-1] its CompleteObjectLocator (x64: RVAs from the
 * image base, which the locator's pSelf gives back): where this vtable's subobject sits in the complete
 * object, the complete type, and its class hierarchy (every base class with its PMD and attributes).
 *
 * A failed dynamic_cast of a reference throws std::bad_cast, a typeid of a null pointer std::bad_typeid,
 * as vcruntime does. The exception objects are vcruntime's own classes: their type descriptors, catchable
 * types, ThrowInfo and vtable (what(), and the object locator typeid needs) live in a block of ntexec's
 * memory whose address serves as the image base of their RVAs (ExceptionInformation[3]).
 */
#include <stddef.h>
#include <string.h>

#include "vcruntime/cxxeh.h"
#include "vcruntime/ehdata.h"

typedef struct {
    DWORD signature;        /* 1 on x64: RVAs */
    DWORD offset;           /* of this vtable's subobject in the complete object */
    DWORD cdOffset;         /* constructor displacement offset */
    int pTypeDescriptor;
    int pClassDescriptor;
    int pSelf;
} RTTI_COL;

typedef struct {
    DWORD signature;
    DWORD attributes;       /* CHD_MULTINH 1, CHD_VIRTINH 2, CHD_AMBIGUOUS 4 */
    DWORD numBaseClasses;
    int pBaseClassArray;
} RTTI_CHD;

typedef struct {
    int pTypeDescriptor;
    DWORD numContainedBases;
    EH_PMD where;
    DWORD attributes;       /* BCD_NOTVISIBLE 1, BCD_AMBIGUOUS 2, ... */
    int pClassDescriptor;
} RTTI_BCD;

#define BCD_NOTVISIBLE 0x01
#define BCD_AMBIGUOUS 0x02

/* ---- vcruntime's exception classes ------------------------------------------------------------------------- */

struct type_descriptor {
    const void *vftable;
    void *spare;
    char name[24];
};

struct exception_object {
    const void *const *vftable;
    const char *what;
    BOOLEAN do_free;
};

static const char *WINAPI exception_what(const struct exception_object *self)
{
    return self->what ? self->what : "Unknown exception";
}

/* The scalar deleting destructor: these objects are never on the heap, nothing to free. */
static void *WINAPI exception_dtor(struct exception_object *self, unsigned flags)
{
    (void)flags;
    return self;
}

struct rtti_block {
    DWORD64 unused;   /* an RVA of 0 means none */
    struct type_descriptor td_exception, td_bad_cast, td_bad_typeid;
    EH_CATCHABLE_TYPE ct_exception, ct_bad_cast, ct_bad_typeid;
    struct { int count; int types[2]; } cta_bad_cast, cta_bad_typeid;
    EH_THROW_INFO ti_bad_cast, ti_bad_typeid;
    RTTI_BCD bcd_exception, bcd_bad_cast, bcd_bad_typeid;
    int bca_bad_cast[2], bca_bad_typeid[2];
    RTTI_CHD chd_bad_cast, chd_bad_typeid;
    RTTI_COL col_bad_cast, col_bad_typeid;
    const void *vft_bad_cast[3];     /* [0] the locator, then the vtable: deleting destructor, what() */
    const void *vft_bad_typeid[3];
};

#define R(member) ((int)offsetof(struct rtti_block, member))
#define OBJECT_SIZE ((int)sizeof(struct exception_object))

static struct rtti_block block = {
    .td_exception = {NULL, NULL, ".?AVexception@std@@"},
    .td_bad_cast = {NULL, NULL, ".?AVbad_cast@std@@"},
    .td_bad_typeid = {NULL, NULL, ".?AVbad_typeid@std@@"},
    .ct_exception = {0, R(td_exception), {0, -1, 0}, OBJECT_SIZE, 0},
    .ct_bad_cast = {0, R(td_bad_cast), {0, -1, 0}, OBJECT_SIZE, 0},
    .ct_bad_typeid = {0, R(td_bad_typeid), {0, -1, 0}, OBJECT_SIZE, 0},
    .cta_bad_cast = {2, {R(ct_bad_cast), R(ct_exception)}},
    .cta_bad_typeid = {2, {R(ct_bad_typeid), R(ct_exception)}},
    .ti_bad_cast = {0, 0, 0, R(cta_bad_cast)},
    .ti_bad_typeid = {0, 0, 0, R(cta_bad_typeid)},
    .bcd_exception = {R(td_exception), 0, {0, -1, 0}, 0, 0},
    .bcd_bad_cast = {R(td_bad_cast), 1, {0, -1, 0}, 0, R(chd_bad_cast)},
    .bcd_bad_typeid = {R(td_bad_typeid), 1, {0, -1, 0}, 0, R(chd_bad_typeid)},
    .bca_bad_cast = {R(bcd_bad_cast), R(bcd_exception)},
    .bca_bad_typeid = {R(bcd_bad_typeid), R(bcd_exception)},
    .chd_bad_cast = {0, 0, 2, R(bca_bad_cast)},
    .chd_bad_typeid = {0, 0, 2, R(bca_bad_typeid)},
    .col_bad_cast = {1, 0, 0, R(td_bad_cast), R(chd_bad_cast), R(col_bad_cast)},
    .col_bad_typeid = {1, 0, 0, R(td_bad_typeid), R(chd_bad_typeid), R(col_bad_typeid)},
    .vft_bad_cast = {&block.col_bad_cast, (const void *)exception_dtor, (const void *)exception_what},
    .vft_bad_typeid = {&block.col_bad_typeid, (const void *)exception_dtor, (const void *)exception_what},
};

/* Throws one of the classes above; the object lives in this frame, which stays while the catch runs. */
_Noreturn static void throw_std(const EH_THROW_INFO *ti, const void *const *vftable, const char *what)
{
    struct exception_object e = {vftable + 1, what, FALSE};
    cxx_throw_exception_based(&e, ti, (DWORD64)&block);
}

/* ---- walking the RTTI ------------------------------------------------------------------------------------------- */

static const RTTI_COL *locator_of(const void *object)
{
    const void *const *vftable = *(const void *const *const *)object;
    return (const RTTI_COL *)vftable[-1];
}

static DWORD64 image_of(const RTTI_COL *col)
{
    return (DWORD64)col - (DWORD)col->pSelf;
}

static char *complete_object(const void *object, const RTTI_COL *col)
{
    char *complete = (char *)object - col->offset;
    if (col->cdOffset)
        complete += *(const int *)((const char *)object - col->cdOffset);
    return complete;
}

static bool same_type(const EH_TYPE_DESCRIPTOR *a, const EH_TYPE_DESCRIPTOR *b)
{
    return a == b || !strcmp(a->name, b->name);
}

void *WINAPI cxx_rt_cast_to_void(void *object)
{
    if (!object)
        return NULL;
    return complete_object(object, locator_of(object));
}

const void *WINAPI cxx_rt_typeid(void *object)
{
    if (!object)
        throw_std(&block.ti_bad_typeid, block.vft_bad_typeid, "Attempted a typeid of nullptr pointer!");
    const RTTI_COL *col = locator_of(object);
    return (const void *)(image_of(col) + (DWORD)col->pTypeDescriptor);
}

/*
 * dynamic_cast<Target>(object): object points to a subobject of static type src whose vtable pointer is
 * vf_delta bytes in. The complete object's class hierarchy lists every base class with where it sits; the
 * target is a visible, unambiguous one (or the complete type itself, listed first).
 */
void *WINAPI cxx_rt_dynamic_cast(void *object, LONG vf_delta, const void *src, const void *target, BOOL reference)
{
    (void)src;
    if (!object)
        return NULL;
    const RTTI_COL *col = locator_of((char *)object + vf_delta);
    DWORD64 base = image_of(col);
    char *complete = complete_object((char *)object + vf_delta, col);
    const RTTI_CHD *chd = (const RTTI_CHD *)(base + (DWORD)col->pClassDescriptor);
    const int *bca = (const int *)(base + (DWORD)chd->pBaseClassArray);
    for (DWORD i = 0; i < chd->numBaseClasses; i++) {
        const RTTI_BCD *bcd = (const RTTI_BCD *)(base + (DWORD)bca[i]);
        if (bcd->attributes & (BCD_NOTVISIBLE | BCD_AMBIGUOUS))
            continue;
        if (same_type((const EH_TYPE_DESCRIPTOR *)(base + (DWORD)bcd->pTypeDescriptor), target))
            return cxx_adjust_pointer(complete, &bcd->where);
    }
    if (reference)
        throw_std(&block.ti_bad_cast, block.vft_bad_cast, "Bad dynamic_cast!");
    return NULL;
}
