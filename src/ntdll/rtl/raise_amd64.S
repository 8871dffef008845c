/*
 * RtlRaiseException(EXCEPTION_RECORD *rec) -- Microsoft x64 ABI: rcx = rec.
 * Captures the caller's context as it is at the call (RIP = the return address, RSP after the return,
 * callee-saved registers untouched) and hands record and context to RtlpRaiseException, which
 * dispatches and either NtContinue()s into that context (the call returns) or ends the process.
 */
#define CONTEXT_SIZE 0x4d0
#define FRAME (CONTEXT_SIZE + 0x38)   /* context, home space, saved rcx; keeps rsp 16-byte aligned */

    .text
    .globl RtlRaiseException
    .type RtlRaiseException, @function
RtlRaiseException:
    .cfi_startproc
    subq $FRAME, %rsp
    .cfi_adjust_cfa_offset FRAME
    movq %rcx, CONTEXT_SIZE + 0x30(%rsp)
    leaq 0x30(%rsp), %rcx
    call RtlCaptureContext
    leaq 0x30(%rsp), %rdx                    /* rdx = context */
    leaq FRAME + 8(%rsp), %rax
    movq %rax, 0x98(%rdx)                    /* Rsp: the caller's, after our return */
    movq FRAME(%rsp), %rax
    movq %rax, 0xf8(%rdx)                    /* Rip: the return address */
    movq CONTEXT_SIZE + 0x30(%rsp), %rcx     /* rcx = record */
    movq %rcx, 0x80(%rdx)                    /* Rcx as the caller had it */
    call RtlpRaiseException
    ud2
    .cfi_endproc
    .size RtlRaiseException, .-RtlRaiseException

    .section .note.GNU-stack,"",@progbits
