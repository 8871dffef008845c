/*
 * RaiseException(code, flags, nargs, args) -- Microsoft x64 ABI.
 * The exception is raised in the context of the caller (RIP = the return address), so frame-based
 * handlers are searched from the program's own frames; BaseRaiseException(code, flags, nargs, args,
 * context) builds the record and dispatches.
 */
#define CONTEXT_SIZE 0x4d0
#define CTX 0x30
#define SAVE (CTX + CONTEXT_SIZE)
#define FRAME (SAVE + 0x28)

    .text
    .globl RaiseException
    .type RaiseException, @function
RaiseException:
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
    movq %rdx, 0x98(%rax)
    movq FRAME(%rsp), %rdx
    movq %rdx, 0xf8(%rax)
    movq SAVE(%rsp), %rcx
    movq %rcx, 0x80(%rax)
    movq SAVE + 8(%rsp), %rdx
    movq %rdx, 0x88(%rax)
    movq SAVE + 16(%rsp), %r8
    movq %r8, 0xb8(%rax)
    movq SAVE + 24(%rsp), %r9
    movq %r9, 0xc0(%rax)
    movq %rax, 0x20(%rsp)
    call BaseRaiseException
    ud2
    .cfi_endproc
    .size RaiseException, .-RaiseException

    .section .note.GNU-stack,"",@progbits
