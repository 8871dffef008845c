/*
 * MSVC's C++ exception-handling data on x64: the tables the compiler leaves behind each function whose
 * UNWIND_INFO names __CxxFrameHandler3 (the "FuncInfo", magic 0x19930520..22, fixed-size records) or
 * __CxxFrameHandler4 (MSVC 2019's compressed "FuncInfo4"), and the records _CxxThrowException passes
 * (ThrowInfo, CatchableTypeArray, CatchableType, TypeDescriptor). Every offset is an RVA of the image
 * that holds the table.
 *
 * The decoders here are pure: they read through a bounded view of an image (nothing in it is trusted),
 * allocate nothing and turn both formats into one decoded form, which the runtime (cxxeh.c) acts on and
 * the unit tests check against tables taken from real MSVC binaries.
 */
#ifndef VCRUNTIME_EHDATA_H
#define VCRUNTIME_EHDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "nt/ntdef.h"

#define EH_EXCEPTION_NUMBER 0xE06D7363u   /* 'msc' | 0xE0000000 */
#define EH_MAGIC_NUMBER1 0x19930520u      /* the first FuncInfo and ThrowInfo layout */
#define EH_MAGIC_NUMBER2 0x19930521u      /* + pESTypeList */
#define EH_MAGIC_NUMBER3 0x19930522u      /* + EHFlags */
#define EH_PURE_MAGIC_NUMBER1 0x01994000u /* /clr:pure throws */
#define EH_EXCEPTION_PARAMETERS 4         /* magic, object, ThrowInfo, image base (x64) */

/* FuncInfo.EHFlags (magic 3) */
#define FI_EHS_FLAG 0x1          /* /EHs: only C++ exceptions are caught (catch(...) ignores SEH) */
#define FI_DYNSTKALIGN_FLAG 0x2
#define FI_EHNOEXCEPT_FLAG 0x4   /* a noexcept function: an exception leaving it terminates */

/* FuncInfo4's header byte */
#define FH4_IS_CATCH 0x01        /* a catch funclet's own table: the parent frame is at dispFrame */
#define FH4_IS_SEPARATED 0x02    /* the ip-to-state map is per code segment */
#define FH4_BBT 0x04
#define FH4_UNWIND_MAP 0x08
#define FH4_TRY_BLOCK_MAP 0x10
#define FH4_EHS 0x20
#define FH4_NO_EXCEPT 0x40

/* HandlerType.adjectives */
#define HT_IS_CONST 0x01
#define HT_IS_VOLATILE 0x02
#define HT_IS_UNALIGNED 0x04
#define HT_IS_REFERENCE 0x08
#define HT_IS_RESUMABLE 0x10
#define HT_IS_STD_DOTDOT 0x40
#define HT_IS_BAD_ALLOC_COMPAT 0x80
#define HT_IS_COMPLUS_EH 0x80000000u

/* ThrowInfo.attributes */
#define TI_IS_CONST 0x01
#define TI_IS_VOLATILE 0x02
#define TI_IS_UNALIGNED 0x04
#define TI_IS_PURE 0x08
#define TI_IS_WINRT 0x10

/* CatchableType.properties */
#define CT_IS_SIMPLE_TYPE 0x01
#define CT_BY_REFERENCE_ONLY 0x02
#define CT_HAS_VIRTUAL_BASE 0x04
#define CT_IS_WINRT_HANDLE 0x08
#define CT_IS_STD_BAD_ALLOC 0x10

/* ---- records read in place (fixed layouts, RVAs relative to the image holding them) ---------------------- */

typedef struct {
    int mdisp;   /* offset of the base class in the object */
    int pdisp;   /* offset of the vbtable pointer, -1 without a virtual base */
    int vdisp;   /* offset in the vbtable of the virtual base's displacement */
} EH_PMD;

typedef struct {
    DWORD attributes;
    int pmfnUnwind;            /* the object's destructor */
    int pForwardCompat;
    int pCatchableTypeArray;
} EH_THROW_INFO;

typedef struct {
    DWORD properties;
    int pType;                 /* TypeDescriptor */
    EH_PMD thisDisplacement;
    int sizeOrOffset;
    int copyFunction;
} EH_CATCHABLE_TYPE;

typedef struct {
    const void *pVFTable;      /* type_info's vtable in the image that has the type */
    void *spare;               /* the undecorated name, once type_info::name made it */
    char name[];               /* ".?AVexception@std@@", NUL-terminated */
} EH_TYPE_DESCRIPTOR;

static_assert(sizeof(EH_THROW_INFO) == 16, "ThrowInfo");
static_assert(sizeof(EH_CATCHABLE_TYPE) == 28, "CatchableType");
static_assert(sizeof(EH_TYPE_DESCRIPTOR) == 16, "TypeDescriptor header");

/* ---- the decoded form of a function's table (both formats) ------------------------------------------------ */

enum eh_unwind_kind {
    EH_UNWIND_NONE,        /* a state without an action (a try block's own state) */
    EH_UNWIND_FUNCLET,     /* call action(0, frame): a compiler-made unwind funclet */
    EH_UNWIND_DTOR_OBJ,    /* call action(frame + object): a destructor of an object in the frame (FH4) */
    EH_UNWIND_DTOR_PTR,    /* call action(*(frame + object)) (FH4) */
};

struct eh_unwind {
    int to_state;          /* the state this one falls back to, -1 the function's empty state */
    enum eh_unwind_kind kind;
    DWORD action;          /* RVA */
    int object;            /* frame offset for the destructor kinds */
};

struct eh_handler {
    DWORD adjectives;      /* HT_* */
    DWORD type;            /* RVA of the TypeDescriptor; 0 for catch(...) */
    int catch_obj;         /* where the catch object goes, from the parent's establisher frame; 0: nowhere */
    DWORD funclet;         /* RVA of the catch funclet */
    int disp_frame;        /* FH3: where the funclet keeps its parent's establisher frame */
    unsigned ncontinuations;   /* FH4: continuation addresses kept in the table (0: the funclet returns one) */
    DWORD continuation[2];     /* RVAs */
};

struct eh_try {
    int low, high, catch_high;
    unsigned first_handler;    /* index in eh_func.handlers */
    unsigned nhandlers;
};

struct eh_ip_state {
    DWORD rva;             /* from this address on ... */
    int state;             /* ... the function is in this state */
};

struct eh_func {
    unsigned format;       /* 3 (FuncInfo) or 4 (FuncInfo4) */
    DWORD magic;           /* FH3 */
    DWORD flags;           /* FH3: EHFlags; FH4: the header byte */
    DWORD es_type_list;    /* FH3 (magic 2+): RVA of the dynamic exception specification, 0 none */
    int disp_unwind_help;  /* FH3 */
    int disp_frame;        /* FH4 catch funclets: where the parent's establisher frame is kept */
    unsigned nunwind, ntry, nhandlers, nip;
    struct eh_unwind *unwind;
    struct eh_try *tries;
    struct eh_handler *handlers;
    struct eh_ip_state *ips;
};

/* A bounded view of a mapped image: every RVA the tables hold is checked against it. */
struct eh_view {
    const BYTE *base;
    size_t size;
};

/*
 * Decode the table at funcinfo_rva (FH3) or the FuncInfo4 at funcinfo_rva (FH4; function_rva is the
 * BeginAddress of the RUNTIME_FUNCTION being handled: its ip-to-state deltas start there, and it picks
 * the segment of a separated table) into f, its arrays carved out of arena (arena_size bytes, 8-aligned).
 * STATUS_BUFFER_TOO_SMALL with *needed set when the arena is too small; STATUS_INVALID_IMAGE_FORMAT when
 * the table is malformed or leaves the view.
 */
NTSTATUS eh_decode_fh3(const struct eh_view *v, DWORD funcinfo_rva, struct eh_func *f, void *arena,
                       size_t arena_size, size_t *needed);
NTSTATUS eh_decode_fh4(const struct eh_view *v, DWORD funcinfo_rva, DWORD function_rva, struct eh_func *f,
                       void *arena, size_t arena_size, size_t *needed);

/* FH4's compressed unsigned integer at *p (below end): its value, *p advanced; false past end. */
bool eh_read_compressed(const BYTE **p, const BYTE *end, DWORD *value);

/* The state at rva by the ip-to-state map (-1 before the first entry). */
int eh_state_from_rva(const struct eh_func *f, DWORD rva);

/* The try block whose catch funclets hold state (tryHigh < state <= catchHigh), innermost; -1 none. */
int eh_catch_try_of_state(const struct eh_func *f, int state);

#endif
