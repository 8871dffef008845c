/*
 * RaiseException(code, flags, nargs, args) -- Microsoft x64 ABI.
 * The exception is raised in the context of the caller (RIP = the return address), so frame handlers
 * are searched from the program's own frames: BaseRaiseException(code, flags, nargs, args, context)
 * builds the record and dispatches.
 */
#define CTX 0x30
#define SAVE (CTX + 0x4d0)
#define FRAME (SAVE + 0x28)
#include "ke/capture_caller.inc"

    .text
    .globl RaiseException
    .type RaiseException, @function
RaiseException:
    .cfi_startproc
    CAPTURE_CALLER_CONTEXT
    movq %rax, 0x20(%rsp)
    call BaseRaiseException
    ud2
    .cfi_endproc
    .size RaiseException, .-RaiseException

    .section .note.GNU-stack,"",@progbits
