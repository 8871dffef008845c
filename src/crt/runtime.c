/* The runtime core: the CRT heap, per-thread state (errno), CRT locks, _dosmaperr, process attach. */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

RTL_CRITICAL_SECTION crt_locks[32];
static HANDLE crt_heap;
static volatile LONG attached;

void crt_process_attach(void)
{
    if (__atomic_exchange_n(&attached, 1, __ATOMIC_ACQ_REL))
        return;
    /* msvcrt keeps its own heap (_crtheap); _msize answers from it. */
    crt_heap = HeapCreate(0, 0, 0);
    crt_lowio_init();
}

void crt_lock(int n)
{
    RtlEnterCriticalSection(&crt_locks[n & 31]);
}

void crt_unlock(int n)
{
    RtlLeaveCriticalSection(&crt_locks[n & 31]);
}

void *crt_malloc(size_t size)
{
    void *p = RtlAllocateHeap(crt_heap, 0, size ? size : 1);
    if (!p)
        crt_set_errno(CRT_ENOMEM);
    return p;
}

void *crt_calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size) {
        crt_set_errno(CRT_ENOMEM);
        return NULL;
    }
    void *p = RtlAllocateHeap(crt_heap, HEAP_ZERO_MEMORY, n && size ? n * size : 1);
    if (!p)
        crt_set_errno(CRT_ENOMEM);
    return p;
}

void *crt_realloc(void *p, size_t size)
{
    if (!p)
        return crt_malloc(size);
    if (!size) {
        crt_free(p);
        return NULL;
    }
    void *q = RtlReAllocateHeap(crt_heap, 0, p, size);
    if (!q)
        crt_set_errno(CRT_ENOMEM);
    return q;
}

void crt_free(void *p)
{
    if (p)
        RtlFreeHeap(crt_heap, 0, p);
}

size_t crt_msize(void *p)
{
    return RtlSizeHeap(crt_heap, 0, p);
}

char *crt_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = crt_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Per-thread CRT data lives with the host thread that runs the NT thread. */
struct crt_thread *crt_thread(void)
{
    static _Thread_local struct crt_thread data = {.rand_next = 1};
    return &data;
}

void crt_set_errno(int e)
{
    crt_thread()->errno_value = e;
}

/* Win32 error -> errno, msvcrt's table (_dosmaperr). */
void crt_dosmaperr(DWORD error)
{
    static const struct {
        DWORD win32;
        int err;
    } table[] = {
        {1, CRT_EINVAL},   {2, CRT_ENOENT},   {3, CRT_ENOENT},   {4, CRT_EMFILE},  {5, CRT_EACCES},
        {6, CRT_EBADF},    {7, CRT_ENOMEM},   {8, CRT_ENOMEM},   {9, CRT_ENOMEM},  {10, CRT_E2BIG},
        {11, CRT_ENOEXEC}, {12, CRT_EINVAL},  {13, CRT_EINVAL},  {15, CRT_ENOENT}, {16, CRT_EACCES},
        {17, CRT_EXDEV},   {18, CRT_ENOENT},  {19, CRT_EACCES},  {32, CRT_EACCES}, {33, CRT_EACCES},
        {35, CRT_EMFILE},  {53, CRT_ENOENT},  {65, CRT_EACCES},  {67, CRT_ENOENT}, {80, CRT_EEXIST},
        {82, CRT_EACCES},  {83, CRT_EACCES},  {87, CRT_EINVAL},  {89, CRT_EAGAIN}, {108, CRT_EACCES},
        {109, CRT_EPIPE},  {112, CRT_ENOSPC}, {114, CRT_EBADF},  {128, CRT_ECHILD}, {129, CRT_ECHILD},
        {130, CRT_EBADF},  {131, CRT_EINVAL}, {132, CRT_EACCES}, {145, CRT_ENOTEMPTY}, {158, CRT_EACCES},
        {161, CRT_ENOENT}, {164, CRT_EAGAIN}, {167, CRT_EACCES}, {183, CRT_EEXIST}, {206, CRT_ENOENT},
        {215, CRT_EAGAIN}, {1816, CRT_ENOMEM},
    };
    crt_thread()->doserrno = error;
    int e = CRT_EINVAL;
    if (error >= 19 && error <= 36)
        e = CRT_EACCES;   /* the write-protect .. sharing-buffer-exceeded range */
    else if (error >= 188 && error <= 202)
        e = CRT_ENOEXEC;  /* the invalid-executable range */
    for (size_t i = 0; i < ARRAY_SIZE(table); i++)
        if (table[i].win32 == error)
            e = table[i].err;
    crt_set_errno(e);
}
