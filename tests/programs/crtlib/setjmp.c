/* Checks: setjmp/longjmp (the MSVC x64 jump buffer): out of deep recursion, out of a qsort comparator and a
 * raise() handler (host code in between), from a vectored exception handler during dispatch, nested buffers,
 * and what the buffer records (its frame is the caller's frame address, as mingw's setjmp macro passes it). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static jmp_buf outer, inner;
static volatile int depth;

static void __attribute__((noinline)) recurse(int n)
{
    volatile char pad[200];
    memset((char *)pad, n, sizeof pad);
    depth = n;
    if (n == 20)
        longjmp(outer, 20);
    if (n < 1000)
        recurse(n + 1);
}

static int compares;

static int cmp(const void *a, const void *b)
{
    if (++compares == 3)
        longjmp(outer, 3);
    return *(const int *)a - *(const int *)b;
}

static void on_signal(int sig)
{
    longjmp(outer, 100 + sig);
}

static LONG CALLBACK vectored(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode == EXCEPTION_INT_DIVIDE_BY_ZERO)
        longjmp(outer, 7);
    return EXCEPTION_CONTINUE_SEARCH;
}

static volatile int zero, hundred = 100;

static int __attribute__((noinline)) inner_jump(int v)
{
    int r = setjmp(inner);
    if (!r)
        longjmp(inner, v);
    return r * 2;
}

int main(void)
{
    volatile int pass = 0;
    int r = setjmp(outer);
    pass++;
    switch (pass) {
    case 1:
        printf("setjmp first: %d, frame recorded: %d\n", r, ((_JUMP_BUFFER *)outer)->Frame != 0);
        recurse(0);
        break;
    case 2:
        printf("out of recursion: %d at depth %d\n", r, depth);
        {
            int v[] = {5, 3, 9, 1, 7, 2, 8};
            qsort(v, 7, sizeof v[0], cmp);
        }
        printf("qsort returned: unexpected\n");
        break;
    case 3:
        printf("out of a qsort comparator: %d after %d comparisons\n", r, compares);
        signal(SIGTERM, on_signal);
        raise(SIGTERM);
        printf("raise returned: unexpected\n");
        break;
    case 4:
        printf("out of a raise() handler: %d, disposition reset: %d\n", r, signal(SIGTERM, SIG_DFL) == SIG_DFL);
        AddVectoredExceptionHandler(1, vectored);
        printf("%d\n", hundred / zero);
        printf("division returned: unexpected\n");
        break;
    case 5:
        printf("out of a vectored handler: %d\n", r);
        printf("nested buffer: %d\n", inner_jump(21));
        printf("longjmp(0) gives: ");
        fflush(stdout);
        longjmp(outer, 0);
    case 6:
        printf("%d\n", r);
        break;
    }
    printf("done after %d passes\n", pass);
    return 0;
}
