/* ntdll's runtime library: counted strings and code-page conversions, heaps, critical sections,
 * process parameters, the status table. */
#include "unit.h"

#include <stdlib.h>

#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

static void test_utf8_round_trip(void **state)
{
    (void)state;
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";   /* a é € 😀 */
    WCHAR w[16];
    ULONG bytes;
    assert_int_equal(RtlUTF8ToUnicodeN(w, sizeof w, &bytes, s, (ULONG)strlen(s)), STATUS_SUCCESS);
    assert_int_equal(bytes, 5 * sizeof(WCHAR));
    assert_int_equal(w[0], 'a');
    assert_int_equal(w[1], 0xE9);
    assert_int_equal(w[2], 0x20AC);
    assert_int_equal(w[3], 0xD83D);   /* surrogate pair */
    assert_int_equal(w[4], 0xDE00);
    char back[16];
    assert_int_equal(RtlUnicodeToUTF8N(back, sizeof back, &bytes, w, 5 * sizeof(WCHAR)), STATUS_SUCCESS);
    assert_int_equal(bytes, strlen(s));
    assert_memory_equal(back, s, bytes);
}

static void test_utf8_invalid_and_short_buffer(void **state)
{
    (void)state;
    WCHAR w[8];
    ULONG bytes;
    /* An overlong form and a lone continuation byte are not characters: U+FFFD, STATUS_SOME_NOT_MAPPED. */
    assert_int_equal(RtlUTF8ToUnicodeN(w, sizeof w, &bytes, "\xc0\xaf\x80x", 4), STATUS_SOME_NOT_MAPPED);
    assert_int_equal(w[0], 0xFFFD);
    assert_int_equal(w[bytes / 2 - 1], 'x');
    /* Counting with a NULL buffer, then a buffer one unit too small. */
    assert_int_equal(RtlUTF8ToUnicodeN(NULL, 0, &bytes, "abc", 3), STATUS_SUCCESS);
    assert_int_equal(bytes, 6);
    assert_int_equal(RtlUTF8ToUnicodeN(w, 4, &bytes, "abc", 3), STATUS_BUFFER_TOO_SMALL);
    /* An unpaired surrogate in UTF-16 becomes U+FFFD (EF BF BD). */
    WCHAR lone[] = {0xD800, 'z'};
    char out[8];
    assert_int_equal(RtlUnicodeToUTF8N(out, sizeof out, &bytes, lone, sizeof lone), STATUS_SOME_NOT_MAPPED);
    assert_int_equal(bytes, 4);
    assert_memory_equal(out, "\xef\xbf\xbdz", 4);
}

static void test_counted_strings(void **state)
{
    (void)state;
    UNICODE_STRING a, b;
    RtlInitUnicodeString(&a, u"Kernel32.DLL");
    RtlInitUnicodeString(&b, u"KERNEL32.dll");
    assert_int_equal(a.Length, 24);
    assert_int_equal(a.MaximumLength, 26);
    assert_true(RtlEqualUnicodeString(&a, &b, TRUE));
    assert_false(RtlEqualUnicodeString(&a, &b, FALSE));
    assert_int_equal(RtlUpcaseUnicodeChar(0xE9), 0xC9);      /* é -> É */
    assert_int_equal(RtlUpcaseUnicodeChar(0x3B1), 0x391);    /* α -> Α */
    assert_int_equal(RtlDowncaseUnicodeChar(0x416), 0x436);  /* Ж -> ж */
    assert_int_equal(RtlUpcaseUnicodeChar(0xFF), 0x178);     /* ÿ -> Ÿ */
    UNICODE_STRING prefix;
    RtlInitUnicodeString(&prefix, u"kernel");
    assert_true(RtlPrefixUnicodeString(&prefix, &a, TRUE));
    ANSI_STRING ansi;
    assert_int_equal(RtlUnicodeStringToAnsiString(&ansi, &a, TRUE), STATUS_SUCCESS);
    assert_string_equal(ansi.Buffer, "Kernel32.DLL");
    RtlFreeAnsiString(&ansi);
}

static void test_heap(void **state)
{
    (void)state;
    PVOID heap = RtlCreateHeap(0, NULL, 0, 0, NULL, NULL);
    assert_non_null(heap);
    char *p = RtlAllocateHeap(heap, HEAP_ZERO_MEMORY, 100);
    assert_non_null(p);
    assert_int_equal((ULONG_PTR)p % 16, 0);
    assert_int_equal(RtlSizeHeap(heap, 0, p), 100);   /* exactly what was asked, as HeapSize answers */
    for (int i = 0; i < 100; i++)
        assert_int_equal(p[i], 0);
    memset(p, 'x', 100);
    p = RtlReAllocateHeap(heap, HEAP_ZERO_MEMORY, p, 200);
    assert_int_equal(p[99], 'x');
    assert_int_equal(p[150], 0);
    assert_null(RtlReAllocateHeap(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 300));
    assert_ptr_equal(RtlReAllocateHeap(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 50), p);
    assert_int_equal(RtlSizeHeap(heap, 0, p), 50);
    assert_true(RtlFreeHeap(heap, 0, NULL));
    for (int i = 0; i < 1000; i++)
        assert_non_null(RtlAllocateHeap(heap, 0, (SIZE_T)i));
    assert_null(RtlDestroyHeap(heap));   /* frees every block (ASan would see a leak otherwise) */
}

static void test_critical_section_recursion(void **state)
{
    (void)state;
    RTL_CRITICAL_SECTION cs;
    RtlInitializeCriticalSection(&cs);
    assert_int_equal(cs.LockCount, -1);
    RtlEnterCriticalSection(&cs);
    RtlEnterCriticalSection(&cs);
    assert_int_equal(cs.RecursionCount, 2);
    assert_ptr_equal(cs.OwningThread, NtCurrentTeb()->ClientId.UniqueThread);
    assert_true(RtlTryEnterCriticalSection(&cs));
    RtlLeaveCriticalSection(&cs);
    RtlLeaveCriticalSection(&cs);
    RtlLeaveCriticalSection(&cs);
    assert_null(cs.OwningThread);
    assert_int_equal(cs.LockCount, -1);
}

static void test_status_to_dos_error(void **state)
{
    (void)state;
    /* The mappings Windows' RtlNtStatusToDosError gives (checked by core/ntdll_direct too). */
    assert_int_equal(RtlNtStatusToDosError(STATUS_SUCCESS), 0);
    assert_int_equal(RtlNtStatusToDosError(STATUS_ACCESS_VIOLATION), 998);
    assert_int_equal(RtlNtStatusToDosError(STATUS_INVALID_HANDLE), 6);
    assert_int_equal(RtlNtStatusToDosError(STATUS_OBJECT_NAME_NOT_FOUND), 2);
    assert_int_equal(RtlNtStatusToDosError(STATUS_OBJECT_PATH_NOT_FOUND), 3);
    assert_int_equal(RtlNtStatusToDosError(STATUS_DLL_NOT_FOUND), 126);
    assert_int_equal(RtlNtStatusToDosError(STATUS_TIMEOUT), 1460);
    assert_int_equal(RtlNtStatusToDosError((NTSTATUS)0x80070005u), 5);   /* a wrapped Win32 error */
    assert_int_equal(RtlNtStatusToDosError((NTSTATUS)0xC0001234u), 317); /* unknown: ERROR_MR_MID_NOT_FOUND */
    assert_string_equal(RtlpNtStatusName(STATUS_INVALID_IMAGE_NOT_MZ), "STATUS_INVALID_IMAGE_NOT_MZ");
    assert_null(RtlpNtStatusName((NTSTATUS)0xC0001234u));
}

static void test_process_parameters(void **state)
{
    (void)state;
    UNICODE_STRING image, cmd, dir;
    RtlInitUnicodeString(&image, u"C:\\dir\\prog.exe");
    RtlInitUnicodeString(&cmd, u"prog.exe a b");
    RtlInitUnicodeString(&dir, u"C:\\dir\\");
    static const WCHAR env[] = u"A=1\0B=22\0";
    PRTL_USER_PROCESS_PARAMETERS p;
    assert_int_equal(RtlCreateProcessParametersEx(&p, &image, NULL, &dir, &cmd, (PVOID)env, NULL, NULL, NULL, NULL, 0),
                     STATUS_SUCCESS);
    /* Denormalized: string buffers are offsets inside the block. */
    assert_false(p->Flags & RTL_USER_PROC_PARAMS_NORMALIZED);
    assert_true((ULONG_PTR)p->CommandLine.Buffer < p->Length);
    RtlNormalizeProcessParams(p);
    assert_memory_equal(p->CommandLine.Buffer, u"prog.exe a b", cmd.Length);
    assert_memory_equal(p->ImagePathName.Buffer, u"C:\\dir\\prog.exe", image.Length);
    /* The current directory has room for MAX_PATH characters, for SetCurrentDirectory. */
    assert_true(p->CurrentDirectory.DosPath.MaximumLength >= 260 * sizeof(WCHAR));
    assert_int_equal(p->EnvironmentSize, sizeof env);
    RtlDestroyProcessParameters(p);
}

/* RuntimeData holds bytes (the CRT's descriptor table, 4 + 9n long): an odd length keeps its last byte. */
static void test_process_parameters_odd_runtime_data(void **state)
{
    (void)state;
    UNICODE_STRING image, runtime;
    RtlInitUnicodeString(&image, u"C:\\prog.exe");
    static BYTE data[13] = {1, 0, 0, 0, 0x41, 1, 2, 3, 4, 5, 6, 7, 0x99};
    runtime.Buffer = (PWSTR)data;
    runtime.Length = runtime.MaximumLength = sizeof data;
    PRTL_USER_PROCESS_PARAMETERS p;
    assert_int_equal(RtlCreateProcessParametersEx(&p, &image, NULL, NULL, &image, NULL, NULL, NULL, NULL, &runtime,
                                                  RTL_USER_PROC_PARAMS_NORMALIZED),
                     STATUS_SUCCESS);
    assert_int_equal(p->RuntimeData.Length, sizeof data);
    assert_memory_equal(p->RuntimeData.Buffer, data, sizeof data);
    RtlDestroyProcessParameters(p);
}

static int setup(void **state)
{
    (void)state;
    return PsInitializeSystem() == STATUS_SUCCESS ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_round_trip),    cmocka_unit_test(test_utf8_invalid_and_short_buffer),
        cmocka_unit_test(test_counted_strings),    cmocka_unit_test(test_heap),
        cmocka_unit_test(test_critical_section_recursion), cmocka_unit_test(test_status_to_dos_error),
        cmocka_unit_test(test_process_parameters), cmocka_unit_test(test_process_parameters_odd_runtime_data),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
