/*
 * Structured exception handling as compilers use it: __try/__except/__finally scopes (built with clang,
 * which emits __C_specific_handler scope tables), filters, unwinding across frames, an exception raised by
 * a termination handler while an unwind runs (a collided unwind), and __try inside a filter.
 */
#include <stdio.h>
#include <windows.h>

static volatile int side_effects;

static __attribute__((noinline)) void raise_code(DWORD code)
{
    RaiseException(code, 0, 0, NULL);
}

static __attribute__((noinline)) void write_null(void)
{
    *(volatile int *)8 = 1;
}

static DWORD seen_code;

static int remember(DWORD code, int verdict)
{
    seen_code = code;
    printf("  filter sees %#lx\n", code);
    return verdict;
}

static __attribute__((noinline)) void finally_across_frames(void)
{
    __try {
        raise_code(0xE0000001);
        side_effects++;
    } __finally {
        printf("  finally in the raising frame, abnormal %d\n", AbnormalTermination());
    }
}

static __attribute__((noinline)) void raise_in_finally(void)
{
    __try {
        __try {
            raise_code(0xE0000002);
            side_effects++;
        } __finally {
            printf("  inner finally raises 0xe0000003\n");
            raise_code(0xE0000003);
        }
        side_effects++;
    } __finally {
        printf("  outer finally, abnormal %d\n", AbnormalTermination());
    }
}

static __attribute__((noinline)) int filter_with_try(void)
{
    int verdict = EXCEPTION_CONTINUE_SEARCH;
    __try {
        raise_code(0xE0000006);
    } __except (remember(GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER)) {
        verdict = EXCEPTION_EXECUTE_HANDLER;
    }
    return verdict;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    printf("1. __finally runs while unwinding to an __except two frames up:\n");
    __try {
        finally_across_frames();
    } __except (remember(GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER)) {
        printf("  caught %#lx\n", seen_code);
    }

    printf("2. an access violation in a callee:\n");
    __try {
        write_null();
    } __except (remember(GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER)) {
        printf("  caught %#lx\n", seen_code);
    }

    printf("3. a filter that declines, then one that accepts:\n");
    __try {
        __try {
            raise_code(0xE0000004);
        } __except (remember(GetExceptionCode(), EXCEPTION_CONTINUE_SEARCH)) {
            printf("  wrong: the declining handler ran\n");
        }
    } __except (remember(GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER)) {
        printf("  outer caught %#lx\n", seen_code);
    }

    printf("4. a finally that completes normally:\n");
    __try {
        side_effects++;
    } __finally {
        printf("  finally, abnormal %d\n", AbnormalTermination());
    }

    printf("5. an exception raised by a finally during the unwind:\n");
    __try {
        raise_in_finally();
    } __except (remember(GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER)) {
        printf("  caught %#lx\n", seen_code);
    }

    printf("6. an exception handled inside a filter:\n");
    __try {
        raise_code(0xE0000005);
    } __except (filter_with_try()) {
        printf("  outer handler runs after the filter's own exception, last seen %#lx\n", seen_code);
    }
    printf("done\n");
    return 0;
}
