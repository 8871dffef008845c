/* HeapCreate's maximum size and HEAP_GENERATE_EXCEPTIONS: a growable heap grows, a fixed-size heap fails
 * allocations beyond its reserve and blocks above the non-growable limit, and a failed HeapAlloc or
 * HeapReAlloc raises STATUS_NO_MEMORY when the heap or the call asks for exceptions. */
#include <stdio.h>
#include <windows.h>

static DWORD code;

static int filter(EXCEPTION_POINTERS *ep)
{
    code = ep->ExceptionRecord->ExceptionCode;
    return EXCEPTION_EXECUTE_HANDLER;
}

/* HeapAlloc inside __try: "NULL", "block", or the exception code. */
static void try_alloc(const char *what, HANDLE heap, DWORD flags, SIZE_T size)
{
    void *p = (void *)1;
    code = 0;
    __try {
        p = HeapAlloc(heap, flags, size);
    } __except (filter(GetExceptionInformation())) {
        printf("%s: exception %#lx\n", what, code);
        return;
    }
    printf("%s: %s\n", what, p ? "block" : "NULL");
}

static void try_realloc(const char *what, HANDLE heap, DWORD flags, void *ptr, SIZE_T size)
{
    void *p = (void *)1;
    code = 0;
    __try {
        p = HeapReAlloc(heap, flags, ptr, size);
    } __except (filter(GetExceptionInformation())) {
        printf("%s: exception %#lx, block size still %u\n", what, code, (unsigned)HeapSize(heap, 0, ptr));
        return;
    }
    printf("%s: %s\n", what, p ? "block" : "NULL");
}

int main(void)
{
    /* Growable: blocks far above the fixed-heap limit, many of them. */
    HANDLE g = HeapCreate(0, 0, 0);
    int n = 0;
    for (int i = 0; i < 40; i++)
        n += HeapAlloc(g, 0, 1 << 20) != NULL;
    printf("growable heap: %d of 40 1-MiB blocks, 64 MiB block: %s\n", n,
           HeapAlloc(g, 0, 64 << 20) ? "block" : "NULL");
    try_alloc("growable heap, impossible size, no exceptions", g, 0, ~(SIZE_T)0 - 0x10000);
    try_alloc("growable heap, impossible size, HEAP_GENERATE_EXCEPTIONS call", g, HEAP_GENERATE_EXCEPTIONS,
              ~(SIZE_T)0 - 0x10000);
    printf("HeapDestroy(growable): %d\n", HeapDestroy(g));

    /* Fixed: 64 KiB in all. */
    HANDLE f = HeapCreate(0, 0, 0x10000);
    void *blocks[10];
    n = 0;
    while (n < 10 && (blocks[n] = HeapAlloc(f, 0, 0x4000)))
        n++;
    printf("fixed 64 KiB heap: %d 16-KiB blocks\n", n);
    printf("after HeapFree: %s\n", HeapFree(f, 0, blocks[0]) && (blocks[0] = HeapAlloc(f, 0, 0x4000)) ? "block" : "NULL");
    try_realloc("HeapReAlloc to 48 KiB, no exceptions", f, 0, blocks[1], 0xC000);
    try_realloc("HeapReAlloc to 48 KiB, HEAP_GENERATE_EXCEPTIONS call", f, HEAP_GENERATE_EXCEPTIONS, blocks[1], 0xC000);
    try_alloc("fixed heap full, HEAP_GENERATE_EXCEPTIONS call", f, HEAP_GENERATE_EXCEPTIONS, 0x4000);
    try_alloc("fixed heap full, no exceptions", f, 0, 0x4000);
    HeapDestroy(f);

    /* Fixed with a large reserve: blocks above the non-growable limit (slightly under 1 MiB) fail anyway. */
    f = HeapCreate(0, 0x10000, 64 << 20);
    try_alloc("fixed 64 MiB heap, 512 KiB block", f, 0, 512 << 10);
    try_alloc("fixed 64 MiB heap, 2 MiB block", f, 0, 2 << 20);
    HeapDestroy(f);

    /* The heap asks for exceptions: every failed call raises. */
    HANDLE e = HeapCreate(HEAP_GENERATE_EXCEPTIONS, 0, 0x10000);
    try_alloc("HEAP_GENERATE_EXCEPTIONS heap, 128 KiB block", e, 0, 0x20000);
    try_alloc("HEAP_GENERATE_EXCEPTIONS heap, 1 KiB block", e, 0, 0x400);
    HeapDestroy(e);
    return 0;
}
