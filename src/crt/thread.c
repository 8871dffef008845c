/*
 * _beginthreadex/_endthreadex and _beginthread/_endthread. _beginthreadex is CreateThread with errno
 * on failure; the thread's return value is its exit code. A _beginthread thread closes its own handle
 * when it ends (the handle it returned is then stale, as Microsoft documents), so the creator starts it
 * suspended and lets it run only once the handle is stored where the thread finds it.
 */
#include <stdlib.h>

#include "crt/crt.h"
#include "crt/thread.h"
#include "win32/k32.h"

typedef DWORD(WINAPI *thread_routine)(PVOID);
DWORD WINAPI ResumeThread(HANDLE thread);
_Noreturn void WINAPI ExitThread(DWORD code);

#define CREATE_SUSPENDED 0x00000004

struct beginthread_args {
    crt_thread_start start;
    void *arg;
    HANDLE handle;
};

/* The host thread is the NT thread, so host thread-local storage is per NT thread. */
static _Thread_local HANDLE own_handle;

static ULONG_PTR failed(void)
{
    DWORD error = GetLastError();
    crt_set_errno(error == ERROR_NOT_ENOUGH_MEMORY || error == ERROR_OUTOFMEMORY ? CRT_EAGAIN
                                                                                  : crt_errno_from_win32(error));
    return 0;
}

ULONG_PTR WINAPI crt_beginthreadex(void *security, unsigned stack, crt_thread_startex start, void *arg,
                                   unsigned flags, unsigned *tid)
{
    if (!start) {
        crt_set_errno(CRT_EINVAL);
        return 0;
    }
    HANDLE h = CreateThread(security, stack, (thread_routine)start, arg, flags, (LPDWORD)tid);
    return h ? (ULONG_PTR)h : failed();
}

static DWORD WINAPI beginthread_trampoline(PVOID p)
{
    struct beginthread_args t = *(struct beginthread_args *)p;
    free(p);
    own_handle = t.handle;
    t.start(t.arg);
    crt_endthread();
    return 0;
}

ULONG_PTR WINAPI crt_beginthread(crt_thread_start start, unsigned stack, void *arg)
{
    if (!start) {
        crt_set_errno(CRT_EINVAL);
        return (ULONG_PTR)-1;
    }
    struct beginthread_args *t = malloc(sizeof *t);
    if (!t) {
        crt_set_errno(CRT_EAGAIN);
        return (ULONG_PTR)-1;
    }
    *t = (struct beginthread_args){start, arg, NULL};
    HANDLE h = CreateThread(NULL, stack, beginthread_trampoline, t, CREATE_SUSPENDED, NULL);
    if (!h) {
        free(t);
        failed();
        return (ULONG_PTR)-1;
    }
    t->handle = h;
    ResumeThread(h);
    return (ULONG_PTR)h;
}

void WINAPI crt_endthreadex(unsigned code)
{
    ExitThread(code);
}

void WINAPI crt_endthread(void)
{
    if (own_handle)
        CloseHandle(own_handle);
    own_handle = NULL;
    ExitThread(0);
}
