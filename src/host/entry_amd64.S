/*
 * host_entry: the static-pie's entry point (the Makefile links with -e host_entry), run before glibc's
 * _start. glibc's first act, _dl_relocate_static_pie, writes relocated pointers into most pages of the
 * writable segment (.data.rel.ro with the builtin DLLs' export tables, .got, .data): one copy-on-write
 * fault per page, about 50 of them. One madvise(MADV_POPULATE_WRITE) over the file-backed part of the
 * segment, from the page of __init_array_start (.tdata and .init_array precede .data.rel.ro) to _edata
 * (.bss is left to fault in when used), makes those copies in one call. Only addresses relative to RIP:
 * nothing is relocated yet. The kernel's entry state (RSP at argc, RDX the exit function) is handed on
 * unchanged; an old kernel without MADV_POPULATE_WRITE answers EINVAL and the faults happen as before.
 */
#define SYS_madvise          28
#define MADV_POPULATE_WRITE  23

    .text
    .globl host_entry
    .type host_entry, @function
host_entry:
    mov     %rdx, %r12
    lea     __init_array_start(%rip), %rdi
    and     $-4096, %rdi
    lea     _edata(%rip), %rsi
    sub     %rdi, %rsi
    mov     $MADV_POPULATE_WRITE, %edx
    mov     $SYS_madvise, %eax
    syscall
    mov     %r12, %rdx
    jmp     _start
    .size host_entry, .-host_entry

    .section .note.GNU-stack,"",@progbits
