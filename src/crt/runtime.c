/*
 * The runtime core: the CRT heap, per-thread state (errno), CRT locks, _dosmaperr, the invalid-parameter
 * handler, string helpers for paths, process attach/detach.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

RTL_CRITICAL_SECTION crt_locks[CRT_NLOCKS];
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
    RtlEnterCriticalSection(&crt_locks[n & (CRT_NLOCKS - 1)]);
}

void crt_unlock(int n)
{
    RtlLeaveCriticalSection(&crt_locks[n & (CRT_NLOCKS - 1)]);
}

/* ---- heap ---------------------------------------------------------------------------------------------- */

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

WCHAR *crt_wcsdup(const WCHAR *s)
{
    size_t n = (RtlpWcslen(s) + 1) * sizeof(WCHAR);
    WCHAR *d = crt_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* ---- paths ----------------------------------------------------------------------------------------------- */

WCHAR *crt_path_to_wide(const char *path)
{
    if (!path) {
        crt_set_errno(CRT_EINVAL);
        return NULL;
    }
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!w)
        crt_set_errno(CRT_ENOMEM);
    return w;
}

char *crt_wide_to_ansi(const WCHAR *w)
{
    ULONG len = (ULONG)(RtlpWcslen(w) * sizeof(WCHAR)), n;
    RtlUnicodeToMultiByteN(NULL, 0, &n, w, len);
    char *s = crt_malloc(n + 1);
    if (s) {
        RtlUnicodeToMultiByteN(s, n, &n, w, len);
        s[n] = 0;
    }
    return s;
}

/* ---- per-thread state -------------------------------------------------------------------------------------- */

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
int crt_errno_from_win32(DWORD error)
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
    for (size_t i = 0; i < ARRAY_SIZE(table); i++)
        if (table[i].win32 == error)
            return table[i].err;
    if (error >= 19 && error <= 36)
        return CRT_EACCES;   /* the write-protect .. sharing-buffer-exceeded range */
    if (error >= 188 && error <= 202)
        return CRT_ENOEXEC;  /* the invalid-executable range */
    return CRT_EINVAL;
}

void crt_dosmaperr(DWORD error)
{
    crt_thread()->doserrno = error;
    crt_set_errno(crt_errno_from_win32(error));
}

/* ---- invalid parameters ------------------------------------------------------------------------------------ */

static crt_invalid_parameter_handler invalid_handler;
bool crt_ucrt_semantics;

crt_invalid_parameter_handler WINAPI crt_set_invalid_parameter_handler(crt_invalid_parameter_handler h)
{
    return __atomic_exchange_n(&invalid_handler, h, __ATOMIC_ACQ_REL);
}

crt_invalid_parameter_handler WINAPI crt_get_invalid_parameter_handler(void)
{
    return __atomic_load_n(&invalid_handler, __ATOMIC_ACQUIRE);
}

void crt_invalid_parameter(int err)
{
    crt_set_errno(err);
    crt_invalid_parameter_handler h = crt_get_invalid_parameter_handler();
    if (h) {
        h(NULL, NULL, NULL, 0, 0);
        return;
    }
    /* ucrt's default is _invoke_watson: a fast fail, exit code STATUS_STACK_BUFFER_OVERRUN. */
    if (crt_ucrt_semantics)
        TerminateProcess(GetCurrentProcess(), 0xC0000409);
}
