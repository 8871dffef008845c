/* _beginthread(ex)/_endthread(ex): the CRTs' threads over CreateThread (crt/thread.c). */
#ifndef CRT_THREAD_H
#define CRT_THREAD_H

#include "io/builtin.h"
#include "nt/ntdef.h"

typedef unsigned(WINAPI *crt_thread_startex)(void *);
typedef void(WINAPI *crt_thread_start)(void *);

ULONG_PTR WINAPI crt_beginthreadex(void *security, unsigned stack, crt_thread_startex start, void *arg,
                                   unsigned flags, unsigned *tid);
ULONG_PTR WINAPI crt_beginthread(crt_thread_start start, unsigned stack, void *arg);
void WINAPI crt_endthreadex(unsigned code);
void WINAPI crt_endthread(void);

#define CRT_THREAD_EXPORTS                                                                                  \
    BUILTIN_FUNCTION("_beginthreadex", crt_beginthreadex), BUILTIN_FUNCTION("_beginthread", crt_beginthread), \
        BUILTIN_FUNCTION("_endthreadex", crt_endthreadex), BUILTIN_FUNCTION("_endthread", crt_endthread)

#endif
