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
/* Code of this file runs on guest stacks with the guest's state half saved or half loaded: a thread is
 * never made to suspend on its way back to the guest here (ps/thread.c). */
    .globl KiContextCodeStart
KiContextCodeStart:

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
    leaq KiApiTraceReturn(%rip), %rax
    cmpq %rax, CTX_RIP(%rcx)
    je 1f
    movq CTX_RAX(%rcx), %rax
    ret
    /* Called through a thunk of `--trace=api`: the return slot holds KiApiTraceReturn, and the context
     * gets the real return address (KiApiTraceFixContext), every register restored after the C call. */
1:  pushq %rcx
    .cfi_adjust_cfa_offset 8
    movq %rcx, %rdi
    call KiApiTraceFixContext
    popq %rcx
    .cfi_adjust_cfa_offset -8
    movq CTX_RDX(%rcx), %rdx
    movq CTX_RSI(%rcx), %rsi
    movq CTX_RDI(%rcx), %rdi
    movq CTX_R8(%rcx), %r8
    movq CTX_R9(%rcx), %r9
    movq CTX_R10(%rcx), %r10
    movq CTX_R11(%rcx), %r11
    fxrstor CTX_FLTSAVE(%rcx)
    ldmxcsr CTX_MXCSR(%rcx)
    pushq CTX_EFLAGS(%rcx)
    .cfi_adjust_cfa_offset 8
    popfq
    .cfi_adjust_cfa_offset -8
    movq CTX_RAX(%rcx), %rax
    ret
    .cfi_endproc
    .size RtlCaptureContext, .-RtlCaptureContext

/* Builtin calls (KI_BUILTIN_CALLS in ke.h): Top (the byte offset of the next free entry) at 0, Call[i] at
 * 16 + i * 256. */
#define BC_CALLS   16
#define BC_SIZE    256
#define BC_MAX     8
#define BC_RIP     0x00
#define BC_RSP     0x08
#define BC_RBX     0x10
#define BC_RBP     0x18
#define BC_RSI     0x20
#define BC_RDI     0x28
#define BC_R12     0x30
#define BC_R13     0x38
#define BC_R14     0x40
#define BC_R15     0x48
#define BC_LOCKS   0x50
#define BC_XMM6    0x60
#define BC(field)  %fs:KiBuiltinCalls@tpoff+BC_CALLS+field(%r11)

/* KiBuiltinDispatch -- where the thunks of a builtin image shared between processes jump, through the
 * KUSER_SHARED_DATA slot KE_BUILTIN_DISPATCH_VA (io/builtin.c): eax holds the host function's offset
 * from the start of ntexec's own image, the same in every process of one ntexec binary. Makes it the
 * function's address and goes on as KiBuiltinEntry, which follows it. Uses only rax and r11. */
    .globl KiBuiltinDispatch
    .type KiBuiltinDispatch, @function
KiBuiltinDispatch:
    .cfi_startproc
    leaq __ehdr_start(%rip), %r11
    addq %r11, %rax                          /* on into KiBuiltinEntry */
    .cfi_endproc
    .size KiBuiltinDispatch, .-KiBuiltinDispatch

/* KiBuiltinEntry -- where every builtin function's thunk jumps, with rax = the host function and the
 * guest's return address at [rsp]. Records the caller's side of the call (return address, RSP after the
 * return, the Microsoft ABI's nonvolatile registers, the host locks held) as the newest entry of the
 * thread's KiBuiltinCalls, so that a fault in the host function can be raised at the call site, then
 * jumps to the function with every argument register and the stack as the caller left them. Entries
 * whose RSP is at or below this call's have returned (their stack is being reused): they are dropped
 * first. Uses only r10 and r11, which the Microsoft ABI neither passes arguments in nor preserves. */
    .globl KiBuiltinEntry
    .type KiBuiltinEntry, @function
KiBuiltinEntry:
    .cfi_startproc
    leaq 8(%rsp), %r10                       /* the caller's RSP after the return */
    movq %fs:KiBuiltinCalls@tpoff, %r11
1:  testq %r11, %r11
    jz 2f
    cmpq %r10, %fs:KiBuiltinCalls@tpoff+BC_CALLS-BC_SIZE+BC_RSP(%r11)
    ja 2f                                    /* the newest entry is an outer call, still running */
    subq $BC_SIZE, %r11
    jmp 1b
2:  cmpq $BC_MAX * BC_SIZE, %r11
    jb 3f
    movq $(BC_MAX - 1) * BC_SIZE, %r11       /* full: the newest entry gives way */
3:  movq %r10, BC(BC_RSP)
    leaq BC_SIZE(%r11), %r10
    movq %r10, %fs:KiBuiltinCalls@tpoff
    movq (%rsp), %r10
    movq %r10, BC(BC_RIP)
    movq %rbx, BC(BC_RBX)
    movq %rbp, BC(BC_RBP)
    movq %rsi, BC(BC_RSI)
    movq %rdi, BC(BC_RDI)
    movq %r12, BC(BC_R12)
    movq %r13, BC(BC_R13)
    movq %r14, BC(BC_R14)
    movq %r15, BC(BC_R15)
    movl %fs:host_locks_held@tpoff, %r10d
    movq %r10, BC(BC_LOCKS)
    movdqu %xmm6, BC(BC_XMM6 + 0x00)
    movdqu %xmm7, BC(BC_XMM6 + 0x10)
    movdqu %xmm8, BC(BC_XMM6 + 0x20)
    movdqu %xmm9, BC(BC_XMM6 + 0x30)
    movdqu %xmm10, BC(BC_XMM6 + 0x40)
    movdqu %xmm11, BC(BC_XMM6 + 0x50)
    movdqu %xmm12, BC(BC_XMM6 + 0x60)
    movdqu %xmm13, BC(BC_XMM6 + 0x70)
    movdqu %xmm14, BC(BC_XMM6 + 0x80)
    movdqu %xmm15, BC(BC_XMM6 + 0x90)
    jmp *%rax
    .cfi_endproc
    .size KiBuiltinEntry, .-KiBuiltinEntry

/* KiRedirectTrampoline -- where a builtin returns when SetThreadContext redirected its suspended thread
 * (ps/thread.c): loads the thread's KiRedirectContext, on the guest stack it returned to. */
    .globl KiRedirectTrampoline
    .type KiRedirectTrampoline, @function
KiRedirectTrampoline:
    .cfi_startproc
    movq %fs:0, %rdi
    leaq KiRedirectContext@tpoff(%rdi), %rdi
    andq $-16, %rsp
    call KiRestoreContext
    ud2
    .cfi_endproc
    .size KiRedirectTrampoline, .-KiRedirectTrampoline

#define CONTEXT_SIZE 0x4d0

/* KiSuspendTrampoline -- where a builtin returns when its thread was asked to suspend while inside it
 * (ps/thread.c put this address in the return slot, the real one in the call's Reserved). Saves every
 * register as the builtin left them into a CONTEXT below the guest's RSP, lets KiSuspendReturned park
 * the thread with it, and loads it (changed or not) to go on in the guest. */
    .globl KiSuspendTrampoline
    .type KiSuspendTrampoline, @function
KiSuspendTrampoline:
    .cfi_startproc
    pushfq                                  /* [rsp0 - 8]: the flags */
    leaq -8(%rsp), %rsp
    movq %rax, (%rsp)                       /* [rsp0 - 16]: rax */
    leaq -(CONTEXT_SIZE + 16)(%rsp), %rax
    andq $-16, %rax                         /* the CONTEXT */
    movq %rcx, CTX_RCX(%rax)
    movq %rdx, CTX_RDX(%rax)
    movq %rbx, CTX_RBX(%rax)
    movq %rbp, CTX_RBP(%rax)
    movq %rsi, CTX_RSI(%rax)
    movq %rdi, CTX_RDI(%rax)
    movq %r8, CTX_R8(%rax)
    movq %r9, CTX_R9(%rax)
    movq %r10, CTX_R10(%rax)
    movq %r11, CTX_R11(%rax)
    movq %r12, CTX_R12(%rax)
    movq %r13, CTX_R13(%rax)
    movq %r14, CTX_R14(%rax)
    movq %r15, CTX_R15(%rax)
    movq (%rsp), %rcx
    movq %rcx, CTX_RAX(%rax)
    movq 8(%rsp), %rcx
    movl %ecx, CTX_EFLAGS(%rax)
    leaq 16(%rsp), %rcx
    movq %rcx, CTX_RSP(%rax)
    fxsave CTX_FLTSAVE(%rax)
    stmxcsr CTX_MXCSR(%rax)
    movq %rax, %rsp
    movq %rax, %rdi
    movl $1, %fs:KiSuspendReturning@tpoff   /* signals leave the stale call entry alone (ke.h) */
    call KiSuspendReturned
    movl $0, %fs:KiSuspendReturning@tpoff
    movq %rsp, %rdi
    call KiRestoreContext
    ud2
    .cfi_endproc
    .size KiSuspendTrampoline, .-KiSuspendTrampoline

/* KiApiTraceEntry -- the thunk target of a builtin function traced by `--trace=api` (ke/apitrace.c), with
 * rax = its KE_API_TRACE_SITE and the guest's call as the thunk received it. KiApiTraceEnter (ms_abi)
 * records the call, prints it or keeps it for its return line, and may put KiApiTraceReturn in the return
 * slot; it returns the function, and the call goes on through KiBuiltinEntry with every argument register
 * restored. Stack: at entry RSP = 8 mod 16; four pushes, then 0x68 bytes (home space, xmm0-3, padding). */
    .globl KiApiTraceEntry
    .type KiApiTraceEntry, @function
KiApiTraceEntry:
    .cfi_startproc
    pushq %r9
    pushq %r8
    pushq %rdx
    pushq %rcx                              /* rsp: rcx, rdx, r8, r9 in argument order */
    subq $0x68, %rsp
    movdqu %xmm0, 0x20(%rsp)
    movdqu %xmm1, 0x30(%rsp)
    movdqu %xmm2, 0x40(%rsp)
    movdqu %xmm3, 0x50(%rsp)
    movq %rax, %rcx                         /* the site */
    leaq 0x68(%rsp), %rdx                   /* the integer argument registers */
    leaq 0x20(%rsp), %r8                    /* the xmm argument registers */
    leaq 0x88(%rsp), %r9                    /* the guest's RSP at the call: its return slot */
    call KiApiTraceEnter
    movdqu 0x20(%rsp), %xmm0
    movdqu 0x30(%rsp), %xmm1
    movdqu 0x40(%rsp), %xmm2
    movdqu 0x50(%rsp), %xmm3
    addq $0x68, %rsp
    popq %rcx
    popq %rdx
    popq %r8
    popq %r9
    jmp KiBuiltinEntry
    .cfi_endproc
    .size KiApiTraceEntry, .-KiApiTraceEntry

/* KiApiTraceReturn -- where a traced builtin returns (KiApiTraceEnter put it in the return slot). RSP is
 * the caller's after the return (0 mod 16); rax and xmm0 hold the results. KiApiTraceLeave (ms_abi)
 * prints the call's line and gives back the real return address. */
    .globl KiApiTraceReturn
    .type KiApiTraceReturn, @function
KiApiTraceReturn:
    .cfi_startproc
    subq $0x40, %rsp
    movdqu %xmm0, 0x20(%rsp)
    movq %rax, 0x30(%rsp)
    movq %rax, %rcx                         /* the integer result */
    leaq 0x20(%rsp), %rdx                   /* the xmm0 result */
    leaq 0x40(%rsp), %r8                    /* RSP after the return */
    call KiApiTraceLeave
    movq %rax, %r11                         /* the real return address */
    movdqu 0x20(%rsp), %xmm0
    movq 0x30(%rsp), %rax
    addq $0x40, %rsp
    jmp *%r11
    .cfi_endproc
    .size KiApiTraceReturn, .-KiApiTraceReturn

    .globl KiContextCodeEnd
KiContextCodeEnd:

    .section .note.GNU-stack,"",@progbits
