/* The allocator behind the pure Rtl's allocating functions (rtl.h): the host allocator until ntdll's heap
 * registers itself, before main (src/ntdll/rtl/heap.c), so that guests free such strings with
 * RtlFreeUnicodeString or RtlFreeHeap(GetProcessHeap()) as on Windows. */
#include <stdlib.h>

#include "rtl/rtl.h"

static PVOID host_allocate(SIZE_T size, BOOLEAN zero)
{
    return zero ? calloc(1, size) : malloc(size);
}

static RTLP_ALLOCATE_ROUTINE allocate_routine = host_allocate;
static RTLP_FREE_ROUTINE free_routine = free;

void RtlpSetMemoryRoutines(RTLP_ALLOCATE_ROUTINE allocate, RTLP_FREE_ROUTINE release)
{
    allocate_routine = allocate;
    free_routine = release;
}

PVOID RtlpAllocateMemory(SIZE_T size, BOOLEAN zero)
{
    return allocate_routine(size, zero);
}

void RtlpFreeMemory(PVOID ptr)
{
    if (ptr)
        free_routine(ptr);
}
