/*
 * RtlAllocateHeap(heap, flags, size) and RtlReAllocateHeap(heap, flags, ptr, size) -- Microsoft x64 ABI.
 * They call RtlpAllocateHeap / RtlpReAllocateHeap; when that fails and the heap or the call asks for
 * HEAP_GENERATE_EXCEPTIONS (RtlpHeapRaisesOnFailure), STATUS_NO_MEMORY is raised in the caller's context
 * (RIP = the return address, the caller's nonvolatile registers, which the C functions preserved), so the
 * program's own __try/__except sees it. Otherwise the failure returns NULL.
 */
#define CTX 0x30
#define SAVE (CTX + 0x4d0)
#define FRAME (SAVE + 0x28)
#include "ke/capture_caller.inc"

/* HEAP_ENTRY impl, size_offset: the entry's own home space holds the arguments (heap at 8(%rsp), flags at
 * 16, the size at size_offset, all relative to the entry's %rsp). */
.macro HEAP_ENTRY impl, size_offset
    .cfi_startproc
    movq %rcx, 8(%rsp)
    movq %rdx, 16(%rsp)
    movq %r8, 24(%rsp)
    movq %r9, 32(%rsp)
    subq $0x28, %rsp
    .cfi_adjust_cfa_offset 0x28
    call \impl
    testq %rax, %rax
    jz 1f
    addq $0x28, %rsp
    .cfi_adjust_cfa_offset -0x28
    ret
    .cfi_adjust_cfa_offset 0x28
1:  movq 0x30(%rsp), %rcx
    movq 0x38(%rsp), %rdx
    call RtlpHeapRaisesOnFailure
    movq 0x28 + \size_offset(%rsp), %rcx
    addq $0x28, %rsp
    .cfi_adjust_cfa_offset -0x28
    testb %al, %al
    movl $0, %eax
    jnz RtlpRaiseHeapFailureEntry
    ret
    .cfi_endproc
.endm

    .text
    .globl RtlAllocateHeap
    .type RtlAllocateHeap, @function
RtlAllocateHeap:
    HEAP_ENTRY RtlpAllocateHeap, 24
    .size RtlAllocateHeap, .-RtlAllocateHeap

    .globl RtlReAllocateHeap
    .type RtlReAllocateHeap, @function
RtlReAllocateHeap:
    HEAP_ENTRY RtlpReAllocateHeap, 32
    .size RtlReAllocateHeap, .-RtlReAllocateHeap

/* Entered by a jump with the stack as at the failed call (%rcx = the size asked for, %rax = 0). */
    .type RtlpRaiseHeapFailureEntry, @function
RtlpRaiseHeapFailureEntry:
    .cfi_startproc
    CAPTURE_CALLER_CONTEXT
    movq %rax, %rdx
    call RtlpRaiseHeapFailure
    ud2
    .cfi_endproc
    .size RtlpRaiseHeapFailureEntry, .-RtlpRaiseHeapFailureEntry

    .section .note.GNU-stack,"",@progbits
