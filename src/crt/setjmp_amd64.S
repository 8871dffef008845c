/*
 * setjmp/longjmp of the CRTs on the MSVC x64 jump buffer (_JUMP_BUFFER, 256 bytes):
 *   0x00 Frame  0x08 Rbx  0x10 Rsp  0x18 Rbp  0x20 Rsi  0x28 Rdi  0x30 R12 .. 0x48 R15  0x50 Rip
 *   0x58 MxCsr (4)  0x5c FpCsr (2)  0x5e Spare (2)  0x60 Xmm6 .. 0xf0 Xmm15 (16 each)
 * Microsoft x64 calling convention: rcx = buffer, rdx = the frame (mingw passes __builtin_frame_address(0);
 * 0 means "no unwinding"), edx = the value for longjmp.
 */
#define CTX 0x30
#define SAVE (CTX + 0x4d0)
#define FRAME (SAVE + 0x28)
#include "ke/capture_caller.inc"

    .text

    .globl crt__setjmp
    .type crt__setjmp, @function
crt__setjmp:
    .cfi_startproc
    movq %rdx, 0x00(%rcx)
    movq %rbx, 0x08(%rcx)
    leaq 8(%rsp), %rax              /* the caller's rsp after the return */
    movq %rax, 0x10(%rcx)
    movq %rbp, 0x18(%rcx)
    movq %rsi, 0x20(%rcx)
    movq %rdi, 0x28(%rcx)
    movq %r12, 0x30(%rcx)
    movq %r13, 0x38(%rcx)
    movq %r14, 0x40(%rcx)
    movq %r15, 0x48(%rcx)
    stmxcsr 0x58(%rcx)
    fnstcw 0x5c(%rcx)
    movw $0, 0x5e(%rcx)
    movdqu %xmm6, 0x60(%rcx)
    movdqu %xmm7, 0x70(%rcx)
    movdqu %xmm8, 0x80(%rcx)
    movdqu %xmm9, 0x90(%rcx)
    movdqu %xmm10, 0xa0(%rcx)
    movdqu %xmm11, 0xb0(%rcx)
    movdqu %xmm12, 0xc0(%rcx)
    movdqu %xmm13, 0xd0(%rcx)
    movdqu %xmm14, 0xe0(%rcx)
    movdqu %xmm15, 0xf0(%rcx)
    movq (%rsp), %rax
    leaq KiApiTraceReturn(%rip), %rdx
    cmpq %rdx, %rax
    je 2f
1:  movq %rax, 0x50(%rcx)
    xorl %eax, %eax
    ret
    /* Called through a thunk of `--trace=api`: the buffer gets the real return address
     * (KeApiTraceCaller), and the registers the C call may change are the guest's again. */
2:  pushq %rcx
    .cfi_adjust_cfa_offset 8
    leaq 16(%rsp), %rdi
    call KeApiTraceCaller
    popq %rcx
    .cfi_adjust_cfa_offset -8
    movq 0x20(%rcx), %rsi
    movq 0x28(%rcx), %rdi
    movdqu 0x60(%rcx), %xmm6
    movdqu 0x70(%rcx), %xmm7
    movdqu 0x80(%rcx), %xmm8
    movdqu 0x90(%rcx), %xmm9
    movdqu 0xa0(%rcx), %xmm10
    movdqu 0xb0(%rcx), %xmm11
    movdqu 0xc0(%rcx), %xmm12
    movdqu 0xd0(%rcx), %xmm13
    movdqu 0xe0(%rcx), %xmm14
    movdqu 0xf0(%rcx), %xmm15
    jmp 1b
    .cfi_endproc
    .size crt__setjmp, .-crt__setjmp

/*
 * longjmp(buffer, value): crt_longjmp_from(buffer, value, the caller's context) (setjmp.c) unwinds to the
 * buffer's frame or restores the buffer directly; it never returns.
 */
    .globl crt_longjmp
    .type crt_longjmp, @function
crt_longjmp:
    .cfi_startproc
    CAPTURE_CALLER_CONTEXT
    movq %rax, %r8
    call crt_longjmp_from
    ud2
    .cfi_endproc
    .size crt_longjmp, .-crt_longjmp

    .section .note.GNU-stack,"",@progbits
