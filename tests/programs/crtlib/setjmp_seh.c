/* Checks: longjmp unwinds the frames it leaves (their __finally blocks run, innermost first, with
 * AbnormalTermination true) when the jump buffer holds a frame, as msvcrt's and ucrt's longjmp do on x64;
 * an __except filter that longjmps out of an exception's dispatch. Built with clang (gcc has no __try). */
#include <setjmp.h>
#include <stdio.h>
#include <windows.h>

static jmp_buf target;

/* A call: clang's __try covers the calls made in it (faults in its own code need -fasync-exceptions). */
static __attribute__((noinline)) void write_null(void)
{
    *(volatile int *)8 = 1;
}

static void __attribute__((noinline)) level2(void)
{
    __try {
        printf("level2: jumping\n");
        longjmp(target, 2);
    } __finally {
        printf("level2 __finally, abnormal %d\n", AbnormalTermination() != 0);
    }
}

static void __attribute__((noinline)) level1(void)
{
    __try {
        level2();
    } __finally {
        printf("level1 __finally, abnormal %d\n", AbnormalTermination() != 0);
    }
}

static int jumping_filter(void)
{
    printf("filter: jumping out of the dispatch\n");
    longjmp(target, 3);
}

static void __attribute__((noinline)) faulting(void)
{
    __try {
        __try {
            write_null();
        } __finally {
            printf("faulting __finally, abnormal %d\n", AbnormalTermination() != 0);
        }
    } __except (jumping_filter()) {
        printf("handler: unexpected\n");
    }
}

int main(void)
{
    volatile int step = 0;
    int r = setjmp(target);
    step++;
    if (step == 1) {
        level1();
        printf("level1 returned: unexpected\n");
    } else if (step == 2) {
        printf("arrived with %d\n", r);
        faulting();
        printf("faulting returned: unexpected\n");
    } else {
        printf("arrived with %d\n", r);
    }
    __try {
        printf("__try after the jumps\n");
    } __finally {
        printf("normal __finally, abnormal %d\n", AbnormalTermination() != 0);
    }
    return 0;
}
