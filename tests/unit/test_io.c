/* io: Windows paths to host paths (case-insensitive lookup, drives, dot segments), and the virtual
 * System32 (every builtin DLL is a valid PE image with sorted exports). */
#define _GNU_SOURCE
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/builtin.h"
#include "io/io.h"
#include "ntdll/rtl/rtl.h"
#include "pe/pe.h"
#include "ps/ps.h"

static char root[256];

static char *translate(const WCHAR *path)
{
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, path);
    char *host = NULL;
    NTSTATUS status = IoTranslatePath(&us, &host);
    return status == STATUS_SUCCESS ? host : NULL;
}

static void test_translate(void **state)
{
    (void)state;
    char want[512];
    char *host = translate(u"\\??\\D:\\MixedCase\\FILE.TXT");
    snprintf(want, sizeof want, "%s/MixedCase/file.txt", root);
    assert_non_null(host);
    assert_string_equal(host, want);   /* components matched case-insensitively to what exists */
    free(host);
    host = translate(u"D:/mixedcase/./sub/../File.txt");
    assert_non_null(host);
    assert_string_equal(host, want);
    free(host);
    host = translate(u"D:\\..\\..\\etc");   /* ".." never leaves the drive's root */
    snprintf(want, sizeof want, "%s/etc", root);
    assert_string_equal(host, want);
    free(host);
    host = translate(u"D:\\new\\not-yet-there.txt");   /* the last components need not exist */
    snprintf(want, sizeof want, "%s/new/not-yet-there.txt", root);
    assert_string_equal(host, want);
    free(host);
    UNICODE_STRING bad;
    RtlInitUnicodeString(&bad, u"D:\\a*b");
    assert_int_equal(IoTranslatePath(&bad, &host), STATUS_OBJECT_NAME_INVALID);
    RtlInitUnicodeString(&bad, u"relative\\path");
    assert_int_equal(IoTranslatePath(&bad, &host), STATUS_OBJECT_PATH_SYNTAX_BAD);
    RtlInitUnicodeString(&bad, u"Q:\\x");
    assert_int_equal(IoTranslatePath(&bad, &host), STATUS_OBJECT_PATH_NOT_FOUND);
}

static void test_host_to_dos(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/MixedCase", root);
    WCHAR *dos;
    assert_int_equal(IoHostPathToDos(path, &dos), STATUS_SUCCESS);
    assert_memory_equal(dos, u"D:\\MixedCase", 13 * sizeof(WCHAR));   /* D: is the deeper root */
    free(dos);
    assert_int_equal(IoHostPathToDos("/usr/bin", &dos), STATUS_SUCCESS);
    assert_memory_equal(dos, u"C:\\usr\\bin", 11 * sizeof(WCHAR));
    free(dos);
}

extern const struct builtin_dll *const __start_ntexec_builtins[];
extern const struct builtin_dll *const __stop_ntexec_builtins[];

static void test_builtin_images(void **state)
{
    (void)state;
    int n = 0;
    for (const struct builtin_dll *const *d = __start_ntexec_builtins; d < __stop_ntexec_builtins; d++, n++) {
        const void *data;
        size_t size;
        assert_int_equal(IoGetBuiltinImage(*d, &data, &size), STATUS_SUCCESS);
        struct pe_image img;
        assert_int_equal(pe_parse(&img, data, size, PE_LAYOUT_FILE), STATUS_SUCCESS);
        assert_int_equal(pe_check_runnable(&img), STATUS_SUCCESS);
        assert_true(img.characteristics & IMAGE_FILE_DLL);
        struct pe_exports ex;
        assert_int_equal(pe_exports_get(&img, &ex), STATUS_SUCCESS);
        /* every export has a name; DLLs with fixed ordinals (oleaut32) have empty slots below the highest */
        assert_int_equal(ex.nnames, (*d)->nexports);
        assert_true(ex.nfunctions >= (*d)->nexports);
        const char *previous = "";
        for (uint32_t i = 0; i < ex.nnames; i++) {
            uint32_t index;
            const char *name;
            assert_int_equal(pe_export_name_at(&img, &ex, i, &index, &name), STATUS_SUCCESS);
            assert_true(strcmp(previous, name) < 0);   /* sorted and unique: the loader binary-searches */
            previous = name;
        }
    }
    assert_true(n >= 4);   /* ntdll, kernel32, kernelbase, msvcrt at least */
    assert_non_null(IoFindBuiltinDll("KERNEL32"));
    assert_non_null(IoFindBuiltinDll("kernel32.DLL"));
    assert_null(IoFindBuiltinDll("kernel32.dl"));

    /* fixed ordinals: programs import oleaut32 by Windows' ordinals (7-Zip: 7 is SysStringLen); an
     * ordinal below the highest that no export has is empty */
    const void *data;
    size_t size;
    assert_int_equal(IoGetBuiltinImage(IoFindBuiltinDll("oleaut32.dll"), &data, &size), STATUS_SUCCESS);
    struct pe_image img;
    struct pe_exports ex;
    struct pe_export by_ordinal, by_name;
    assert_int_equal(pe_parse(&img, data, size, PE_LAYOUT_FILE), STATUS_SUCCESS);
    assert_int_equal(pe_exports_get(&img, &ex), STATUS_SUCCESS);
    assert_int_equal(pe_export_by_ordinal(&img, &ex, 7, &by_ordinal), STATUS_SUCCESS);
    assert_int_equal(pe_export_by_name(&img, &ex, "SysStringLen", 0, &by_name), STATUS_SUCCESS);
    assert_int_equal(by_ordinal.rva, by_name.rva);
    assert_int_equal(pe_export_by_ordinal(&img, &ex, 1, &by_ordinal), STATUS_ORDINAL_NOT_FOUND);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/ntexec-io-test-%d", (int)getpid());
    char path[512];
    mkdir(root, 0755);
    snprintf(path, sizeof path, "%s/MixedCase", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/MixedCase/file.txt", root);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fclose(f);
    if (IoSetDriveRoot('D', root) != STATUS_SUCCESS)
        return -1;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_translate), cmocka_unit_test(test_host_to_dos), cmocka_unit_test(test_builtin_images),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
