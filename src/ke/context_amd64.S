/*
 * Register-level pieces of ke: loading a CONTEXT (NtContinue), capturing one (RtlCaptureContext), and
 * starting a function on another stack. Offsets are those of the x64 CONTEXT (include/nt/context.h).
 */
#define CTX_CONTEXTFLAGS 0x30
#define CTX_MXCSR        0x34
#define CTX_SEGCS        0x38
#define CTX_SEGDS        0x3a
#define CTX_SEGES        0x3c
#define CTX_SEGFS        0x3e
#define CTX_SEGGS        0x40
#define CTX_SEGSS        0x42
#define CTX_EFLAGS       0x44
#define CTX_RAX          0x78
#define CTX_RCX          0x80
#define CTX_RDX          0x88
#define CTX_RBX          0x90
#define CTX_RSP          0x98
#define CTX_RBP          0xa0
#define CTX_RSI          0xa8
#define CTX_RDI          0xb0
#define CTX_R8           0xb8
#define CTX_R9           0xc0
#define CTX_R10          0xc8
#define CTX_R11          0xd0
#define CTX_R12          0xd8
#define CTX_R13          0xe0
#define CTX_R14          0xe8
#define CTX_R15          0xf0
#define CTX_RIP          0xf8
#define CTX_FLTSAVE      0x100
#define CONTEXT_FLOATING_POINT_BIT 0x8

    .text

/* _Noreturn void KiRestoreContext(const CONTEXT *ctx)  -- System V: rdi = ctx
 * Loads every register from ctx and resumes at ctx->Rip with ctx->Rsp and ctx->EFlags, through an
 * iretq frame built on the current stack, so RSP, RIP and RFLAGS change in one instruction. */
    .globl KiRestoreContext
    .type KiRestoreContext, @function
KiRestoreContext:
    .cfi_startproc
    testl $CONTEXT_FLOATING_POINT_BIT, CTX_CONTEXTFLAGS(%rdi)
    jz 1f
    fxrstor CTX_FLTSAVE(%rdi)
1:
    movq %ss, %rax
    pushq %rax                      /* SS */
    pushq CTX_RSP(%rdi)             /* RSP */
    movl CTX_EFLAGS(%rdi), %eax
    pushq %rax                      /* RFLAGS */
    movq %cs, %rax
    pushq %rax                      /* CS */
    pushq CTX_RIP(%rdi)             /* RIP */
    movq CTX_RAX(%rdi), %rax
    movq CTX_RCX(%rdi), %rcx
    movq CTX_RDX(%rdi), %rdx
    movq CTX_RBX(%rdi), %rbx
    movq CTX_RBP(%rdi), %rbp
    movq CTX_RSI(%rdi), %rsi
    movq CTX_R8(%rdi), %r8
    movq CTX_R9(%rdi), %r9
    movq CTX_R10(%rdi), %r10
    movq CTX_R11(%rdi), %r11
    movq CTX_R12(%rdi), %r12
    movq CTX_R13(%rdi), %r13
    movq CTX_R14(%rdi), %r14
    movq CTX_R15(%rdi), %r15
    movq CTX_RDI(%rdi), %rdi
    iretq
    .cfi_endproc
    .size KiRestoreContext, .-KiRestoreContext

/* _Noreturn void KiCallOnStack(void (*fn)(void *), void *arg, void *stack_top) -- System V */
    .globl KiCallOnStack
    .type KiCallOnStack, @function
KiCallOnStack:
    .cfi_startproc
    movq %rdi, %rax
    movq %rdx, %rsp
    andq $-16, %rsp
    movq %rsi, %rdi
    xorl %ebp, %ebp
    call *%rax
    ud2
    .cfi_endproc
    .size KiCallOnStack, .-KiCallOnStack

/* void WINAPI RtlCaptureContext(CONTEXT *ctx) -- Microsoft x64: rcx = ctx
 * The context of the caller at the point of return: RIP = return address, RSP = RSP after the return.
 * Every register keeps its value. */
    .globl RtlCaptureContext
    .type RtlCaptureContext, @function
RtlCaptureContext:
    .cfi_startproc
    pushfq
    .cfi_adjust_cfa_offset 8
    movq %rax, CTX_RAX(%rcx)
    movq %rcx, CTX_RCX(%rcx)
    movq %rdx, CTX_RDX(%rcx)
    movq %rbx, CTX_RBX(%rcx)
    leaq 16(%rsp), %rax
    movq %rax, CTX_RSP(%rcx)
    movq %rbp, CTX_RBP(%rcx)
    movq %rsi, CTX_RSI(%rcx)
    movq %rdi, CTX_RDI(%rcx)
    movq %r8, CTX_R8(%rcx)
    movq %r9, CTX_R9(%rcx)
    movq %r10, CTX_R10(%rcx)
    movq %r11, CTX_R11(%rcx)
    movq %r12, CTX_R12(%rcx)
    movq %r13, CTX_R13(%rcx)
    movq %r14, CTX_R14(%rcx)
    movq %r15, CTX_R15(%rcx)
    movq 8(%rsp), %rax
    movq %rax, CTX_RIP(%rcx)
    popq %rax
    .cfi_adjust_cfa_offset -8
    movl %eax, CTX_EFLAGS(%rcx)
    movw $0x33, CTX_SEGCS(%rcx)
    movw $0x2b, CTX_SEGDS(%rcx)
    movw $0x2b, CTX_SEGES(%rcx)
    movw $0x53, CTX_SEGFS(%rcx)
    movw $0x2b, CTX_SEGGS(%rcx)
    movw $0x2b, CTX_SEGSS(%rcx)
    fxsave CTX_FLTSAVE(%rcx)
    stmxcsr CTX_MXCSR(%rcx)
    movl $0x10000f, CTX_CONTEXTFLAGS(%rcx)   /* CONTEXT_FULL | CONTEXT_SEGMENTS */
    movq CTX_RAX(%rcx), %rax
    ret
    .cfi_endproc
    .size RtlCaptureContext, .-RtlCaptureContext

    .section .note.GNU-stack,"",@progbits
