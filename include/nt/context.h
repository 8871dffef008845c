/*
 * x64 thread context and exception records (winnt.h layouts), and the x64 unwind format
 * ("x64 exception handling", Microsoft docs).
 */
#ifndef NT_CONTEXT_H
#define NT_CONTEXT_H

#include "nt/ntdef.h"

#define CONTEXT_AMD64           0x00100000
#define CONTEXT_CONTROL         (CONTEXT_AMD64 | 0x1)
#define CONTEXT_INTEGER         (CONTEXT_AMD64 | 0x2)
#define CONTEXT_SEGMENTS        (CONTEXT_AMD64 | 0x4)
#define CONTEXT_FLOATING_POINT  (CONTEXT_AMD64 | 0x8)
#define CONTEXT_DEBUG_REGISTERS (CONTEXT_AMD64 | 0x10)
#define CONTEXT_FULL            (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_FLOATING_POINT)
#define CONTEXT_ALL             (CONTEXT_FULL | CONTEXT_SEGMENTS | CONTEXT_DEBUG_REGISTERS)

typedef struct __attribute__((aligned(16))) _XMM_SAVE_AREA32 {
    USHORT ControlWord;
    USHORT StatusWord;
    UCHAR  TagWord;
    UCHAR  Reserved1;
    USHORT ErrorOpcode;
    ULONG  ErrorOffset;
    USHORT ErrorSelector;
    USHORT Reserved2;
    ULONG  DataOffset;
    USHORT DataSelector;
    USHORT Reserved3;
    ULONG  MxCsr;
    ULONG  MxCsr_Mask;
    M128A  FloatRegisters[8];
    M128A  XmmRegisters[16];
    UCHAR  Reserved4[96];
} XMM_SAVE_AREA32;

typedef struct __attribute__((aligned(16))) _CONTEXT {
    DWORD64 P1Home, P2Home, P3Home, P4Home, P5Home, P6Home;
    DWORD   ContextFlags;
    DWORD   MxCsr;
    WORD    SegCs, SegDs, SegEs, SegFs, SegGs, SegSs;
    DWORD   EFlags;
    DWORD64 Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
    DWORD64 Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi;
    DWORD64 R8, R9, R10, R11, R12, R13, R14, R15;
    DWORD64 Rip;
    union {
        XMM_SAVE_AREA32 FltSave;
        struct {
            M128A Header[2];
            M128A Legacy[8];
            M128A Xmm0, Xmm1, Xmm2, Xmm3, Xmm4, Xmm5, Xmm6, Xmm7;
            M128A Xmm8, Xmm9, Xmm10, Xmm11, Xmm12, Xmm13, Xmm14, Xmm15;
        };
    };
    M128A   VectorRegister[26];
    DWORD64 VectorControl;
    DWORD64 DebugControl;
    DWORD64 LastBranchToRip, LastBranchFromRip;
    DWORD64 LastExceptionToRip, LastExceptionFromRip;
} CONTEXT, *PCONTEXT;

static_assert(sizeof(XMM_SAVE_AREA32) == 512, "XMM_SAVE_AREA32");
static_assert(offsetof(CONTEXT, ContextFlags) == 0x30, "CONTEXT.ContextFlags");
static_assert(offsetof(CONTEXT, MxCsr) == 0x34, "CONTEXT.MxCsr");
static_assert(offsetof(CONTEXT, SegCs) == 0x38, "CONTEXT.SegCs");
static_assert(offsetof(CONTEXT, EFlags) == 0x44, "CONTEXT.EFlags");
static_assert(offsetof(CONTEXT, Rax) == 0x78, "CONTEXT.Rax");
static_assert(offsetof(CONTEXT, Rcx) == 0x80, "CONTEXT.Rcx");
static_assert(offsetof(CONTEXT, Rsp) == 0x98, "CONTEXT.Rsp");
static_assert(offsetof(CONTEXT, R8) == 0xB8, "CONTEXT.R8");
static_assert(offsetof(CONTEXT, Rip) == 0xF8, "CONTEXT.Rip");
static_assert(offsetof(CONTEXT, FltSave) == 0x100, "CONTEXT.FltSave");
static_assert(offsetof(CONTEXT, Xmm0) == 0x1A0, "CONTEXT.Xmm0");
static_assert(offsetof(CONTEXT, VectorRegister) == 0x300, "CONTEXT.VectorRegister");
static_assert(sizeof(CONTEXT) == 0x4D0, "CONTEXT");

/*
 * The CRTs' x64 jump buffer (setjmp.h's _JUMP_BUFFER). ntdll knows it too: RtlRestoreContext with a
 * STATUS_LONGJUMP record takes the registers from the buffer, which is how longjmp's unwind ends.
 */
typedef struct __attribute__((aligned(16))) _JUMP_BUFFER {
    DWORD64 Frame;   /* the frame to unwind to; 0: no unwinding */
    DWORD64 Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
    DWORD   MxCsr;
    WORD    FpCsr;
    WORD    Spare;
    M128A   Xmm6, Xmm7, Xmm8, Xmm9, Xmm10, Xmm11, Xmm12, Xmm13, Xmm14, Xmm15;
} JUMP_BUFFER;

static_assert(offsetof(JUMP_BUFFER, Rip) == 0x50, "JUMP_BUFFER.Rip");
static_assert(offsetof(JUMP_BUFFER, Xmm6) == 0x60, "JUMP_BUFFER.Xmm6");
static_assert(sizeof(JUMP_BUFFER) == 0x100, "JUMP_BUFFER");

#define EXCEPTION_NONCONTINUABLE     0x01
#define EXCEPTION_UNWINDING          0x02
#define EXCEPTION_EXIT_UNWIND        0x04
#define EXCEPTION_STACK_INVALID      0x08
#define EXCEPTION_NESTED_CALL        0x10
#define EXCEPTION_TARGET_UNWIND      0x20
#define EXCEPTION_COLLIDED_UNWIND    0x40
#define EXCEPTION_UNWIND             (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND | EXCEPTION_TARGET_UNWIND | EXCEPTION_COLLIDED_UNWIND)
#define EXCEPTION_MAXIMUM_PARAMETERS 15

#define EXCEPTION_EXECUTE_HANDLER     1
#define EXCEPTION_CONTINUE_SEARCH     0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

typedef struct _EXCEPTION_RECORD {
    DWORD ExceptionCode;
    DWORD ExceptionFlags;
    struct _EXCEPTION_RECORD *ExceptionRecord;
    PVOID ExceptionAddress;
    DWORD NumberParameters;
    ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD, *PEXCEPTION_RECORD;

typedef struct _EXCEPTION_POINTERS {
    PEXCEPTION_RECORD ExceptionRecord;
    PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS;

static_assert(sizeof(EXCEPTION_RECORD) == 0x98, "EXCEPTION_RECORD");
static_assert(offsetof(EXCEPTION_RECORD, ExceptionInformation) == 0x20, "EXCEPTION_RECORD.ExceptionInformation");

typedef enum _EXCEPTION_DISPOSITION {
    ExceptionContinueExecution,
    ExceptionContinueSearch,
    ExceptionNestedException,
    ExceptionCollidedUnwind,
} EXCEPTION_DISPOSITION;

/* UNWIND_INFO (x64): version 1 or 2, flags, prolog size, code count, frame register/offset. */
#define UNW_FLAG_NHANDLER  0x0
#define UNW_FLAG_EHANDLER  0x1
#define UNW_FLAG_UHANDLER  0x2
#define UNW_FLAG_CHAININFO 0x4

enum unwind_op_codes {
    UWOP_PUSH_NONVOL = 0,
    UWOP_ALLOC_LARGE = 1,
    UWOP_ALLOC_SMALL = 2,
    UWOP_SET_FPREG = 3,
    UWOP_SAVE_NONVOL = 4,
    UWOP_SAVE_NONVOL_FAR = 5,
    UWOP_EPILOG = 6,
    UWOP_SAVE_XMM128 = 8,
    UWOP_SAVE_XMM128_FAR = 9,
    UWOP_PUSH_MACHFRAME = 10,
};

#endif
