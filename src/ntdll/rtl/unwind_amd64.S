/*
 * RtlUnwindEx(target_frame, target_ip, record, retval, context, history) -- Microsoft x64 ABI.
 * Captures the caller's context and passes it as a seventh argument to RtlpUnwindEx, which never returns.
 */
#define CTX 0x40
#define SAVE (CTX + 0x4d0)
#define FRAME (SAVE + 0x28)
#include "ke/capture_caller.inc"

    .text
    .globl RtlUnwindEx
    .type RtlUnwindEx, @function
RtlUnwindEx:
    .cfi_startproc
    CAPTURE_CALLER_CONTEXT
    /* arguments 5 and 6 came on the caller's stack; 7 is the captured context */
    movq FRAME + 8 + 0x20(%rsp), %r10
    movq %r10, 0x20(%rsp)
    movq FRAME + 8 + 0x28(%rsp), %r10
    movq %r10, 0x28(%rsp)
    movq %rax, 0x30(%rsp)
    call RtlpUnwindEx
    ud2
    .cfi_endproc
    .size RtlUnwindEx, .-RtlUnwindEx

    .section .note.GNU-stack,"",@progbits
