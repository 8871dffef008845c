/*
 * RtlUnwindEx(target_frame, target_ip, record, retval, context, history) -- Microsoft x64 ABI.
 * Captures the caller's context (as RtlRaiseException does) and passes it as a seventh argument to
 * RtlpUnwindEx, which never returns.
 */
#define CONTEXT_SIZE 0x4d0
#define CTX 0x40                          /* context at rsp+0x40: 16-byte aligned */
#define SAVE (CTX + CONTEXT_SIZE)         /* rcx, rdx, r8, r9 saved here */
#define FRAME (SAVE + 0x28)               /* keeps rsp 16-byte aligned after the return address */

    .text
    .globl RtlUnwindEx
    .type RtlUnwindEx, @function
RtlUnwindEx:
    .cfi_startproc
    subq $FRAME, %rsp
    .cfi_adjust_cfa_offset FRAME
    movq %rcx, SAVE(%rsp)
    movq %rdx, SAVE + 8(%rsp)
    movq %r8, SAVE + 16(%rsp)
    movq %r9, SAVE + 24(%rsp)
    leaq CTX(%rsp), %rcx
    call RtlCaptureContext
    leaq CTX(%rsp), %rax
    leaq FRAME + 8(%rsp), %rdx
    movq %rdx, 0x98(%rax)                 /* Rsp of the caller after the return */
    movq FRAME(%rsp), %rdx
    movq %rdx, 0xf8(%rax)                 /* Rip: the return address */
    movq SAVE(%rsp), %rcx
    movq %rcx, 0x80(%rax)
    movq SAVE + 8(%rsp), %rdx
    movq %rdx, 0x88(%rax)
    movq SAVE + 16(%rsp), %r8
    movq %r8, 0xb8(%rax)
    movq SAVE + 24(%rsp), %r9
    movq %r9, 0xc0(%rax)
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
