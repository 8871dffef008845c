/* The x64 unwinder: RtlVirtualUnwind over hand-assembled functions, where telling an epilog from ordinary
 * code decides where the caller's frame is. */
#include "unit.h"

#include "ntdll/rtl/unwind.h"

/*
 * One function at offset 0x100 of a fake image, with `sub rsp, 0x28` as its prolog:
 *   0x100  sub rsp, 0x28
 *   0x104  call 0x109
 *   0x109  jmp 0x104          a jump inside the function: ordinary code
 *   0x10e  add rsp, 0x28
 *   0x112  jmp 0x200          a jump out of the function: a tail call ending an epilog
 *   0x117  jmp 0x100          a jump to its own start: a recursive tail call (also an epilog)
 */
static BYTE image[0x400] __attribute__((aligned(16)));
static RUNTIME_FUNCTION function = {0x100, 0x11c, 0x300};
static DWORD64 stack[16];

static void build_image(void)
{
    static const BYTE code[] = {
        0x48, 0x83, 0xEC, 0x28,         /* 0x100 */
        0xE8, 0x00, 0x00, 0x00, 0x00,   /* 0x104 */
        0xE9, 0xF6, 0xFF, 0xFF, 0xFF,   /* 0x109: 0x10e - 10 = 0x104 */
        0x48, 0x83, 0xC4, 0x28,         /* 0x10e */
        0xE9, 0xE9, 0x00, 0x00, 0x00,   /* 0x112: 0x117 + 0xe9 = 0x200 */
        0xE9, 0xE4, 0xFF, 0xFF, 0xFF,   /* 0x117: 0x11c - 0x1c = 0x100 */
    };
    memcpy(image + 0x100, code, sizeof code);
    /* UNWIND_INFO: version 1, no handler, prolog 4 bytes, one code: at offset 4, UWOP_ALLOC_SMALL (0x28). */
    static const BYTE info[] = {0x01, 0x04, 0x01, 0x00, 0x04, (BYTE)((0x28 / 8 - 1) << 4 | 2), 0, 0};
    memcpy(image + 0x300, info, sizeof info);
    for (unsigned i = 0; i < 16; i++)
        stack[i] = 0x1000 + i;   /* stack[n] holds 0x1000 + n: a "return address" naming its slot */
}

/* Unwinds from `offset` with RSP at stack[slot]; returns the slot the return address came from. */
static unsigned unwind_at(DWORD offset, unsigned slot, CONTEXT *ctx)
{
    build_image();
    memset(ctx, 0, sizeof *ctx);
    ctx->Rip = (DWORD64)image + offset;
    ctx->Rsp = (DWORD64)&stack[slot];
    PVOID data;
    DWORD64 frame;
    RtlVirtualUnwind(UNW_FLAG_NHANDLER, (DWORD64)image, ctx->Rip, &function, ctx, &data, &frame, NULL);
    assert_int_equal(ctx->Rsp, (DWORD64)&stack[ctx->Rip - 0x1000 + 1]);
    return (unsigned)(ctx->Rip - 0x1000);
}

static void test_body_unwinds_the_prolog(void **state)
{
    (void)state;
    CONTEXT ctx;
    assert_int_equal(unwind_at(0x104, 0, &ctx), 0x28 / 8);
}

static void test_jump_inside_the_function_is_not_an_epilog(void **state)
{
    (void)state;
    CONTEXT ctx;
    /* The return address of a call to a function that does not return (a C++ throw), followed by a
     * branch back into the body: still the body, so the frame's 0x28 bytes are unwound. */
    assert_int_equal(unwind_at(0x109, 0, &ctx), 0x28 / 8);
}

static void test_epilog_before_its_stack_release(void **state)
{
    (void)state;
    CONTEXT ctx;
    assert_int_equal(unwind_at(0x10e, 0, &ctx), 0x28 / 8);
}

static void test_tail_call_after_the_stack_release(void **state)
{
    (void)state;
    CONTEXT ctx;
    /* add rsp has run: the return address is at RSP. Unwinding the prolog instead would skip 0x28 bytes. */
    assert_int_equal(unwind_at(0x112, 5, &ctx), 5);
}

static void test_recursive_tail_call_is_an_epilog(void **state)
{
    (void)state;
    CONTEXT ctx;
    assert_int_equal(unwind_at(0x117, 5, &ctx), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_unwinds_the_prolog),
        cmocka_unit_test(test_jump_inside_the_function_is_not_an_epilog),
        cmocka_unit_test(test_epilog_before_its_stack_release),
        cmocka_unit_test(test_tail_call_after_the_stack_release),
        cmocka_unit_test(test_recursive_tail_call_is_an_epilog),
    };
    return RUN_TESTS(tests);
}
