/*
 * setjmp/longjmp of the CRTs on the MSVC x64 jump buffer (_JUMP_BUFFER, 256 bytes):
 *   0x00 Frame  0x08 Rbx  0x10 Rsp  0x18 Rbp  0x20 Rsi  0x28 Rdi  0x30 R12 .. 0x48 R15  0x50 Rip
 *   0x58 MxCsr (4)  0x5c FpCsr (2)  0x5e Spare (2)  0x60 Xmm6 .. 0xf0 Xmm15 (16 each)
 * Microsoft x64 calling convention: rcx = buffer, rdx = the frame (mingw passes __builtin_frame_address(0);
 * 0 means "no unwinding"), edx = the value for longjmp.
 */
/* struct longjmp_state (setjmp.c) */
#define STATE_UNWIND 12
#define STATE_RECORD 16
#define STATE_CONTEXT 0xb0

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
    movq (%rsp), %rax
    movq %rax, 0x50(%rcx)
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
    xorl %eax, %eax
    ret
    .cfi_endproc
    .size crt__setjmp, .-crt__setjmp

/*
 * longjmp(buf, value): value 0 becomes 1. With a frame in the buffer the frames in between are unwound
 * first (their termination handlers run): crt_longjmp_prepare (setjmp.c) fills the per-thread state from the
 * guest caller's context, and the trampoline calls RtlUnwindEx, which ends at crt_longjmp_landing in the
 * target frame. Either way the registers come from the buffer, as Windows' RtlRestoreContext does for
 * STATUS_LONGJUMP.
 */
    .globl crt_longjmp
    .type crt_longjmp, @function
crt_longjmp:
    .cfi_startproc
    movl %edx, %eax
    testl %eax, %eax
    jnz 1f
    movl $1, %eax
1:  cmpq $0, 0x00(%rcx)
    jne 2f
    jmp crt_longjmp_restore
2:  /* rsp is the guest caller's: [rsp] is its return address, the nonvolatile registers are its own */
    pushq %rcx
    .cfi_adjust_cfa_offset 8
    pushq %rax
    .cfi_adjust_cfa_offset 8
    leaq 16(%rsp), %rax
    pushq %rax                      /* rsp at entry */
    .cfi_adjust_cfa_offset 8
    subq $0x20, %rsp
    .cfi_adjust_cfa_offset 0x20
    call crt_longjmp_state          /* Microsoft ABI: the nonvolatile registers survive */
    leaq STATE_CONTEXT(%rax), %rcx
    call RtlCaptureContext          /* the guest's nonvolatile registers, rip/rsp fixed up by prepare */
    movq 0x30(%rsp), %rcx
    movl 0x28(%rsp), %edx
    movq 0x20(%rsp), %r8
    call crt_longjmp_prepare        /* rax = the state; STATE_UNWIND says whether to unwind */
    addq $0x38, %rsp
    .cfi_adjust_cfa_offset -0x38
    cmpl $0, STATE_UNWIND(%rax)
    jne 3f
    movq 0(%rax), %rcx
    movl 8(%rax), %eax
    jmp crt_longjmp_restore
3:  movq %rax, %r9                  /* RtlUnwindEx's return value: the state, for the landing */
    leaq STATE_RECORD(%rax), %r8    /* the EXCEPTION_RECORD (STATUS_LONGJUMP) */
    movq 0(%rax), %rcx
    movq 0x00(%rcx), %rcx           /* the target frame */
    leaq crt_longjmp_landing(%rip), %rdx
    jmpq *crt_longjmp_trampoline(%rip)
    .cfi_endproc
    .size crt_longjmp, .-crt_longjmp

/* Reached through RtlRestoreContext in the target frame, rax = the state {buffer, value}. */
    .globl crt_longjmp_landing
    .type crt_longjmp_landing, @function
crt_longjmp_landing:
    movq 0(%rax), %rcx
    movl 8(%rax), %eax
    jmp crt_longjmp_restore
    .size crt_longjmp_landing, .-crt_longjmp_landing

/* rcx = buffer, eax = value. */
    .type crt_longjmp_restore, @function
crt_longjmp_restore:
    movq 0x08(%rcx), %rbx
    movq 0x18(%rcx), %rbp
    movq 0x20(%rcx), %rsi
    movq 0x28(%rcx), %rdi
    movq 0x30(%rcx), %r12
    movq 0x38(%rcx), %r13
    movq 0x40(%rcx), %r14
    movq 0x48(%rcx), %r15
    ldmxcsr 0x58(%rcx)
    fnclex
    fldcw 0x5c(%rcx)
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
    movq 0x10(%rcx), %rsp
    jmpq *0x50(%rcx)
    .size crt_longjmp_restore, .-crt_longjmp_restore

    .section .note.GNU-stack,"",@progbits
