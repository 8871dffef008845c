/* Memory mappings for guest images, stacks, TEBs and VirtualAlloc. */
#define _GNU_SOURCE
#if NTEXEC_SANITIZE
#include <sanitizer/asan_interface.h>
#endif
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host/host.h"

static int prot_bits(unsigned prot)
{
    return (prot & HOST_PROT_READ ? PROT_READ : 0) | (prot & HOST_PROT_WRITE ? PROT_WRITE : 0) |
           (prot & HOST_PROT_EXEC ? PROT_EXEC : 0);
}

size_t host_page_size(void)
{
    static size_t page;
    if (!page)
        page = (size_t)sysconf(_SC_PAGESIZE);
    return page;
}

/* Where the last aligned mapping started: the next one is first tried just below it, where the kernel's
 * top-down allocator would put it anyway (a racing thread only costs a miss). */
static uintptr_t aligned_hint;

/* An aligned mapping without a fixed address: first at the aligned place just below the previous one (one
 * mmap, usually free), else over-allocated by align and trimmed at both ends (three calls). */
static NTSTATUS map_aligned(void **addr, size_t size, size_t align, int prot, int flags)
{
    uintptr_t hint = __atomic_load_n(&aligned_hint, __ATOMIC_RELAXED);
    if (hint > size && !(flags & MAP_32BIT)) {
        uintptr_t want = (hint - size) & ~(uintptr_t)(align - 1);
        void *q = mmap((void *)want, size, prot, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (q == (void *)want) {
            __atomic_store_n(&aligned_hint, want, __ATOMIC_RELAXED);
            *addr = q;
            return STATUS_SUCCESS;
        }
        if (q != MAP_FAILED)
            munmap(q, size);   /* kernels before 4.17 take the flag as a hint */
    }
    size_t span = size + align;
    uint8_t *p = mmap(NULL, span, prot, flags, -1, 0);
    if (p == MAP_FAILED)
        return host_status(errno);
    uintptr_t start = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
    if (start > (uintptr_t)p)
        munmap(p, start - (uintptr_t)p);
    uintptr_t end = start + size, span_end = (uintptr_t)p + span;
    if (span_end > end)
        munmap((void *)end, span_end - end);
    if (!(flags & MAP_32BIT))
        __atomic_store_n(&aligned_hint, start, __ATOMIC_RELAXED);
    *addr = (void *)start;
    return STATUS_SUCCESS;
}

NTSTATUS host_map(void **addr, size_t size, size_t align, unsigned prot, unsigned flags)
{
    int mflags = MAP_PRIVATE | MAP_ANONYMOUS | (flags & HOST_MAP_NORESERVE ? MAP_NORESERVE : 0);
    if (flags & HOST_MAP_FIXED) {
        void *p = mmap(*addr, size, prot_bits(prot), mflags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == MAP_FAILED)
            return errno == EEXIST ? STATUS_CONFLICTING_ADDRESSES : host_status(errno);
        if (p != *addr) {  /* kernels before 4.17 treat the flag as a hint */
            munmap(p, size);
            return STATUS_CONFLICTING_ADDRESSES;
        }
        return STATUS_SUCCESS;
    }
    *addr = NULL;
    if (flags & HOST_MAP_LOW4G)
        mflags |= MAP_32BIT;
    if (align <= host_page_size()) {
        void *p = mmap(NULL, size, prot_bits(prot), mflags, -1, 0);
        if (p == MAP_FAILED)
            return host_status(errno);
        *addr = p;
        return STATUS_SUCCESS;
    }
    return map_aligned(addr, size, align, prot_bits(prot), mflags);
}

NTSTATUS host_unmap(void *addr, size_t size)
{
#if NTEXEC_SANITIZE
    /* A guest stack left by longjmp keeps the redzones of its last frames (ASan cannot unpoison a stack it
     * does not know); memory mapped here later, another thread's stack, must not inherit them. */
    __asan_unpoison_memory_region(addr, size);
#endif
    return munmap(addr, size) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_map_fd(void *addr, size_t size, unsigned prot, int fd, uint64_t offset, bool shared)
{
    void *p = mmap(addr, size, prot_bits(prot), (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, fd, (off_t)offset);
    return p == MAP_FAILED ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_sync(void *addr, size_t size)
{
    return msync(addr, size, MS_SYNC) ? host_status(errno) : STATUS_SUCCESS;
}

NTSTATUS host_memfd(const char *name, uint64_t size, int *fd)
{
    int f = memfd_create(name, MFD_CLOEXEC);
    if (f < 0)
        return host_status(errno);
    if (ftruncate(f, (off_t)size)) {
        int err = errno;
        close(f);
        return host_status(err);
    }
    *fd = f;
    return STATUS_SUCCESS;
}

NTSTATUS host_protect(void *addr, size_t size, unsigned prot)
{
    return mprotect(addr, size, prot_bits(prot)) ? host_status(errno) : STATUS_SUCCESS;
}

/* madvise(MADV_POPULATE_WRITE or _READ), a hint: without them (Linux < 5.14) pages fault in when used. */
static void populate(void *addr, size_t size, bool write)
{
#ifdef MADV_POPULATE_WRITE
    (void)madvise(addr, size, write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
#else
    (void)addr, (void)size, (void)write;
#endif
}

void host_prefault(void *addr, size_t size)
{
    populate(addr, size, true);
}

void host_prefault_heap(size_t size)
{
    uintptr_t page = host_page_size();
    void *first = malloc(1);
    uintptr_t start = ((uintptr_t)first & ~(page - 1)), end = (uintptr_t)sbrk(0);
    if (first && end > start && end - start <= (64u << 20))   /* the brk heap, where the first block went */
        host_prefault((void *)start, end - start < size ? end - start : size);
    free(first);
}

void host_prefault_read(void *addr, size_t size)
{
    populate(addr, size, false);
}

NTSTATUS host_discard(void *addr, size_t size)
{
    return madvise(addr, size, MADV_DONTNEED) ? host_status(errno) : STATUS_SUCCESS;
}

void host_abandon_stack(uintptr_t above)
{
#if NTEXEC_SANITIZE
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (above > here && above - here < (64u << 20))   /* the same stack, not another thread's or a fiber's */
        __asan_unpoison_memory_region((void *)here, above - here);
#else
    (void)above;
#endif
}

NTSTATUS host_map_shared_page(void *ro_addr, size_t size, void **rw)
{
    *rw = NULL;
    int fd = memfd_create("ntexec-shared-user-data", MFD_CLOEXEC);
    if (fd < 0)
        return host_status(errno);
    NTSTATUS status = STATUS_SUCCESS;
    if (ftruncate(fd, (off_t)size)) {
        status = host_status(errno);
        goto out_close;
    }
    void *w = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (w == MAP_FAILED) {
        status = host_status(errno);
        goto out_close;
    }
    void *r = mmap(ro_addr, size, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
    if (r != ro_addr) {
        status = r == MAP_FAILED ? (errno == EEXIST ? STATUS_CONFLICTING_ADDRESSES : host_status(errno))
                                 : STATUS_CONFLICTING_ADDRESSES;
        if (r != MAP_FAILED)
            munmap(r, size);
        munmap(w, size);
        goto out_close;
    }
    *rw = w;
out_close:
    close(fd);
    return status;
}
