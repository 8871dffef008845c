/* MSVC's C++ exception tables (vcruntime/ehdata.c) decoded from tables of real MSVC binaries: FuncInfo
 * from 7-Zip's 7za.exe (__CxxFrameHandler3) and FuncInfo4 from @parcel/watcher's watcher.node
 * (__CxxFrameHandler4); the expectations are what scripts/eh-fixture.py, an independent reader, prints in
 * the fixtures' headers. Then the boundaries: tables that leave the image, a short arena. */
#include <stdlib.h>

#include "unit.h"

#include "nt/ntstatus.h"
#include "vcruntime/ehdata.h"

#include "eh_fixture_7za.h"
#include "eh_fixture_watcher.h"

static BYTE arena[16384] __attribute__((aligned(8)));

static struct eh_view image_of(const struct eh_chunk *chunks, size_t n, size_t size)
{
    BYTE *img = calloc(1, size);
    assert_non_null(img);
    for (size_t i = 0; i < n; i++)
        memcpy(img + chunks[i].rva, chunks[i].bytes, chunks[i].size);
    return (struct eh_view){img, size};
}

static struct eh_view za(void)
{
    return image_of(eh_7za_chunks, sizeof eh_7za_chunks / sizeof eh_7za_chunks[0], EH_7ZA_IMAGE_SIZE);
}

static struct eh_view watcher(void)
{
    return image_of(eh_watcher_chunks, sizeof eh_watcher_chunks / sizeof eh_watcher_chunks[0],
                    EH_WATCHER_IMAGE_SIZE);
}

static const char *type_name(const struct eh_view *v, DWORD rva)
{
    return rva ? (const char *)v->base + rva + 16 : "";
}

/* 7za.exe RVA 0x15aac: try { try { ... } catch (CInBufferException &) { ... } } catch (...) { ... } */
static void fh3_nested_try(void **state)
{
    (void)state;
    struct eh_view v = za();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh3(&v, 0xe12f0, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.format, 3);
    assert_int_equal(f.magic, EH_MAGIC_NUMBER1);
    assert_int_equal(f.nunwind, 4);
    assert_int_equal(f.disp_unwind_help, 40);
    int to[] = {-1, 0, 0, -1};
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(f.unwind[i].to_state, to[i]);
        assert_int_equal(f.unwind[i].kind, EH_UNWIND_NONE);
    }
    assert_int_equal(f.ntry, 2);
    assert_int_equal(f.tries[0].low, 1);
    assert_int_equal(f.tries[0].high, 1);
    assert_int_equal(f.tries[0].catch_high, 2);
    assert_int_equal(f.tries[1].low, 0);
    assert_int_equal(f.tries[1].high, 2);
    assert_int_equal(f.tries[1].catch_high, 3);
    const struct eh_handler *h = &f.handlers[f.tries[0].first_handler];
    assert_int_equal(h->adjectives, HT_IS_REFERENCE | HT_IS_CONST);
    assert_string_equal(type_name(&v, h->type), ".?AUCInBufferException@@");
    assert_int_equal(h->catch_obj, 48);
    assert_int_equal(h->funclet, 0x15b8c);
    assert_int_equal(h->disp_frame, 56);
    h = &f.handlers[f.tries[1].first_handler];
    assert_int_equal(h->adjectives, HT_IS_STD_DOTDOT);
    assert_int_equal(h->type, 0);
    assert_int_equal(h->funclet, 0x15bbc);
    assert_int_equal(f.nip, 8);
    assert_int_equal(eh_state_from_rva(&f, 0x15aab), -1);
    assert_int_equal(eh_state_from_rva(&f, 0x15aac), -1);
    assert_int_equal(eh_state_from_rva(&f, 0x15ac2), 1);
    assert_int_equal(eh_state_from_rva(&f, 0x15b71), 0);
    assert_int_equal(eh_state_from_rva(&f, 0x15b99), 2);   /* inside the first catch funclet */
    assert_int_equal(eh_catch_try_of_state(&f, 2), 0);
    assert_int_equal(eh_catch_try_of_state(&f, 3), 1);
    assert_int_equal(eh_catch_try_of_state(&f, 1), -1);
    free((void *)v.base);
}

/* 7za.exe RVA 0x6e090: objects destroyed by unwind funclets in states 2..4 */
static void fh3_unwind_funclets(void **state)
{
    (void)state;
    struct eh_view v = za();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh3(&v, 0xea228, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.nunwind, 7);
    int to[] = {-1, 0, 1, 2, 3, 0, -1};
    DWORD action[] = {0, 0, 0x6e270, 0x6e290, 0x6e2b0, 0, 0};
    for (unsigned i = 0; i < 7; i++) {
        assert_int_equal(f.unwind[i].to_state, to[i]);
        assert_int_equal(f.unwind[i].action, action[i]);
        assert_int_equal(f.unwind[i].kind, action[i] ? EH_UNWIND_FUNCLET : EH_UNWIND_NONE);
    }
    assert_int_equal(f.ntry, 2);
    assert_int_equal(f.tries[0].low, 1);
    assert_int_equal(f.tries[0].high, 4);
    assert_int_equal(f.tries[0].catch_high, 5);
    assert_int_equal(f.nip, 23);
    assert_int_equal(eh_state_from_rva(&f, 0x6e11a), 4);
    assert_int_equal(eh_state_from_rva(&f, 0x6e137), 4);
    assert_int_equal(eh_state_from_rva(&f, 0x6e138), 3);
    assert_int_equal(eh_state_from_rva(&f, 0x6e2dd), 5);
    assert_int_equal(eh_state_from_rva(&f, 0x7ffff), 0);   /* the last entry holds to the end */
    free((void *)v.base);
}

/* 7za.exe RVA 0x15fd0: 10 states, 68 ip-to-state entries */
static void fh3_large(void **state)
{
    (void)state;
    struct eh_view v = za();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh3(&v, 0xe1460, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.nunwind, 10);
    assert_int_equal(f.unwind[7].to_state, 5);
    assert_int_equal(f.unwind[7].action, 0x16970);
    assert_int_equal(f.nip, 68);
    assert_int_equal(f.ips[67].rva, 0x169a9);
    assert_int_equal(f.ips[67].state, 0);
    assert_int_equal(eh_state_from_rva(&f, 0x1699d), 8);
    assert_int_equal(f.handlers[f.tries[0].first_handler].catch_obj, 168);
    /* a short arena: the size needed comes back */
    assert_int_equal(eh_decode_fh3(&v, 0xe1460, &f, arena, 64, &needed), STATUS_BUFFER_TOO_SMALL);
    assert_true(needed > 64);
    assert_int_equal(eh_decode_fh3(&v, 0xe1460, &f, arena, needed, &needed), STATUS_SUCCESS);
    free((void *)v.base);
}

/* A FuncInfo that leaves the image, one with a bad magic, a map running past the end. */
static void fh3_bounds(void **state)
{
    (void)state;
    struct eh_view v = za();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh3(&v, EH_7ZA_IMAGE_SIZE - 31, &f, arena, sizeof arena, &needed),
                     STATUS_INVALID_IMAGE_FORMAT);
    assert_int_equal(eh_decode_fh3(&v, 0xe12f0 + 4, &f, arena, sizeof arena, &needed), STATUS_INVALID_IMAGE_FORMAT);
    struct eh_view short_view = {v.base, 0xe12f0 + 32};   /* the FuncInfo fits, its maps do not */
    assert_int_equal(eh_decode_fh3(&short_view, 0xe12f0, &f, arena, sizeof arena, &needed),
                     STATUS_INVALID_IMAGE_FORMAT);
    free((void *)v.base);
}

static void fh4_compressed(void **state)
{
    (void)state;
    static const BYTE bytes[] = {0x26,  0xc1, 0x02,  0x0b, 0x00, 0x01,  0x07, 0x10, 0x20, 0x30,
                                 0x0f, 0x78, 0x56, 0x34, 0x12,  0x0f, 0x01};
    const BYTE *p = bytes, *end = bytes + sizeof bytes;
    DWORD v;
    assert_true(eh_read_compressed(&p, end, &v));
    assert_int_equal(v, 0x13);
    assert_true(eh_read_compressed(&p, end, &v));
    assert_int_equal(v, 176);
    assert_true(eh_read_compressed(&p, end, &v));
    assert_int_equal(v, (0x0b >> 3) | (0x01 << 13));
    assert_true(eh_read_compressed(&p, end, &v));
    assert_int_equal(v, 0x3020100);   /* (0x07 >> 4) + (0x10 << 4) + (0x20 << 12) + (0x30 << 20) */
    assert_true(eh_read_compressed(&p, end, &v));
    assert_int_equal(v, 0x12345678);
    assert_false(eh_read_compressed(&p, end, &v));   /* a 5-byte form cut short */
    assert_ptr_equal(p, end - 2);
}

/* watcher.node RVA 0x2790: try { ... } catch (stdext::exception &) with the continuation in the table */
static void fh4_try_catch(void **state)
{
    (void)state;
    struct eh_view v = watcher();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh4(&v, 0x71de8, 0x2790, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.format, 4);
    assert_int_equal(f.flags, FH4_UNWIND_MAP | FH4_TRY_BLOCK_MAP | FH4_EHS);
    assert_int_equal(f.nunwind, 2);
    assert_int_equal(f.unwind[0].to_state, -1);
    assert_int_equal(f.unwind[1].to_state, -1);
    assert_int_equal(f.unwind[1].kind, EH_UNWIND_NONE);
    assert_int_equal(f.ntry, 1);
    assert_int_equal(f.tries[0].low, 0);
    assert_int_equal(f.tries[0].high, 0);
    assert_int_equal(f.tries[0].catch_high, 1);
    assert_int_equal(f.tries[0].nhandlers, 1);
    const struct eh_handler *h = &f.handlers[0];
    assert_int_equal(h->adjectives, HT_IS_REFERENCE);
    assert_string_equal(type_name(&v, h->type), ".?AVexception@stdext@@");
    assert_int_equal(h->catch_obj, 32);
    assert_int_equal(h->funclet, 0x5bd50);
    assert_int_equal(h->ncontinuations, 1);
    assert_int_equal(h->continuation[0], 0x27aa);
    assert_int_equal(f.nip, 1);
    assert_int_equal(eh_state_from_rva(&f, 0x27a2), -1);
    assert_int_equal(eh_state_from_rva(&f, 0x27a3), 0);
    /* the same table read for a function elsewhere moves its ip-to-state map with it */
    assert_int_equal(eh_decode_fh4(&v, 0x71de8, 0x1000, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.ips[0].rva, 0x1013);
    free((void *)v.base);
}

/* watcher.node RVA 0x5bf5d: a catch funclet's own table (parent frame at 88, a destructor of an object) */
static void fh4_catch_funclet(void **state)
{
    (void)state;
    struct eh_view v = watcher();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh4(&v, 0x71fc4, 0x5bf5d, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.flags, FH4_IS_CATCH | FH4_UNWIND_MAP | FH4_EHS);
    assert_int_equal(f.disp_frame, 88);
    assert_int_equal(f.nunwind, 2);
    assert_int_equal(f.unwind[0].to_state, -1);
    assert_int_equal(f.unwind[1].to_state, 0);
    assert_int_equal(f.unwind[1].kind, EH_UNWIND_DTOR_OBJ);
    assert_int_equal(f.unwind[1].action, 0x1260);
    assert_int_equal(f.unwind[1].object, 176);
    assert_int_equal(f.ntry, 0);
    assert_int_equal(f.nip, 2);
    assert_int_equal(eh_state_from_rva(&f, 0x5bfaa), 0);
    assert_int_equal(eh_state_from_rva(&f, 0x5bfb9), 0);
    assert_int_equal(eh_state_from_rva(&f, 0x5bfba), 1);
    free((void *)v.base);
}

/* watcher.node RVA 0x1a140: noexcept, one unwind funclet; RVA 0x4420: a catch whose funclet answers the
 * continuation (none in the table) */
static void fh4_noexcept_and_plain_catch(void **state)
{
    (void)state;
    struct eh_view v = watcher();
    struct eh_func f;
    size_t needed;
    assert_int_equal(eh_decode_fh4(&v, 0x74d60, 0x1a140, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.flags, FH4_UNWIND_MAP | FH4_EHS | FH4_NO_EXCEPT);
    assert_int_equal(f.nunwind, 1);
    assert_int_equal(f.unwind[0].kind, EH_UNWIND_FUNCLET);
    assert_int_equal(f.unwind[0].action, 0x32370);
    assert_int_equal(f.unwind[0].to_state, -1);
    assert_int_equal(eh_state_from_rva(&f, 0x1a18b), 0);
    assert_int_equal(eh_decode_fh4(&v, 0x7226c, 0x4420, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.handlers[0].ncontinuations, 0);
    assert_int_equal(f.handlers[0].catch_obj, 0);
    assert_int_equal(f.handlers[0].funclet, 0x5c1f0);
    assert_int_equal(eh_state_from_rva(&f, 0x445d), 0);
    free((void *)v.base);
}

/* Hand-made FuncInfo4 tables for what the fixtures lack: a separated table, links between states, and
 * malformed ones. */
static void fh4_crafted(void **state)
{
    (void)state;
    static BYTE img[0x200];
    memset(img, 0, sizeof img);
    struct eh_view v = {img, sizeof img};
    struct eh_func f;
    size_t needed;
    /* 0x10: header UNWIND_MAP | IS_SEPARATED, unwind map 0x40, segment table 0x60 */
    static const BYTE fi[] = {FH4_UNWIND_MAP | FH4_IS_SEPARATED, 0x40, 0, 0, 0, 0x60, 0, 0, 0};
    memcpy(img + 0x10, fi, sizeof fi);
    /* 0x40: 3 states: 0 -> -1 (back 1), 1 -> 0 funclet 0x123 (back 1), 2 -> 1 dtor-ptr 0x456 obj 8 (back 5) */
    static const BYTE um[] = {0x06,  0x08,  0x0e, 0x23, 0x01, 0, 0,  0x2c, 0x56, 0x04, 0, 0, 0x10};
    memcpy(img + 0x40, um, sizeof um);
    /* 0x60: two segments: 0x100 -> map 0x80, 0x180 -> map 0x90 */
    static const BYTE seg[] = {0x04, 0x00, 0x01, 0, 0, 0x80, 0, 0, 0, 0x80, 0x01, 0, 0, 0x90, 0, 0, 0};
    memcpy(img + 0x60, seg, sizeof seg);
    static const BYTE map1[] = {0x02, 0x08, 0x04};            /* 0x104: state 1 */
    static const BYTE map2[] = {0x04, 0x00, 0x06, 0x10, 0x00}; /* 0x180: state 2, 0x188: state -1 */
    memcpy(img + 0x80, map1, sizeof map1);
    memcpy(img + 0x90, map2, sizeof map2);
    assert_int_equal(eh_decode_fh4(&v, 0x10, 0x180, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(f.nunwind, 3);
    assert_int_equal(f.unwind[0].to_state, -1);
    assert_int_equal(f.unwind[1].to_state, 0);
    assert_int_equal(f.unwind[1].kind, EH_UNWIND_FUNCLET);
    assert_int_equal(f.unwind[1].action, 0x123);
    assert_int_equal(f.unwind[2].to_state, 1);
    assert_int_equal(f.unwind[2].kind, EH_UNWIND_DTOR_PTR);
    assert_int_equal(f.unwind[2].action, 0x456);
    assert_int_equal(f.unwind[2].object, 8);
    assert_int_equal(f.nip, 2);
    assert_int_equal(eh_state_from_rva(&f, 0x180), 2);
    assert_int_equal(eh_state_from_rva(&f, 0x188), -1);
    assert_int_equal(eh_decode_fh4(&v, 0x10, 0x100, &f, arena, sizeof arena, &needed), STATUS_SUCCESS);
    assert_int_equal(eh_state_from_rva(&f, 0x104), 1);
    /* a function no segment starts */
    assert_int_equal(eh_decode_fh4(&v, 0x10, 0x140, &f, arena, sizeof arena, &needed), STATUS_INVALID_IMAGE_FORMAT);
    /* a link into the middle of an entry, an entry naming itself */
    img[0x40 + 7] = 0x1c;   /* state 2: back 3 -> byte 2, inside state 1's entry */
    assert_int_equal(eh_decode_fh4(&v, 0x10, 0x180, &f, arena, sizeof arena, &needed), STATUS_INVALID_IMAGE_FORMAT);
    img[0x40 + 7] = 0x04;   /* back 0 */
    assert_int_equal(eh_decode_fh4(&v, 0x10, 0x180, &f, arena, sizeof arena, &needed), STATUS_INVALID_IMAGE_FORMAT);
    img[0x40 + 7] = 0x2c;
    /* a table whose map RVA leaves the image */
    img[0x10 + 8] = 0x10;
    assert_int_equal(eh_decode_fh4(&v, 0x10, 0x180, &f, arena, sizeof arena, &needed), STATUS_INVALID_IMAGE_FORMAT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fh3_nested_try),
        cmocka_unit_test(fh3_unwind_funclets),
        cmocka_unit_test(fh3_large),
        cmocka_unit_test(fh3_bounds),
        cmocka_unit_test(fh4_compressed),
        cmocka_unit_test(fh4_try_catch),
        cmocka_unit_test(fh4_catch_funclet),
        cmocka_unit_test(fh4_noexcept_and_plain_catch),
        cmocka_unit_test(fh4_crafted),
    };
    return RUN_TESTS(tests);
}
