/* ntdll's runtime library (Rtl*): exported functions other layers call directly, and the private Rtlp helpers. */
#ifndef NTDLL_RTL_RTL_H
#define NTDLL_RTL_RTL_H

#include <stdbool.h>

#include "nt/ntstatus.h"
#include "nt/peb.h"

ULONG WINAPI RtlNtStatusToDosError(NTSTATUS status);

/* ---- strings (unicode.c) ---------------------------------------------------------------------- */
WCHAR WINAPI RtlUpcaseUnicodeChar(WCHAR c);
WCHAR WINAPI RtlDowncaseUnicodeChar(WCHAR c);
void WINAPI RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src);
void WINAPI RtlInitAnsiString(PANSI_STRING dst, PCSTR src);
void WINAPI RtlInitString(PSTRING dst, PCSTR src);
LONG WINAPI RtlCompareUnicodeStrings(const WCHAR *a, SIZE_T alen, const WCHAR *b, SIZE_T blen, BOOLEAN ci);
LONG WINAPI RtlCompareUnicodeString(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN case_insensitive);
BOOLEAN WINAPI RtlEqualUnicodeString(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN case_insensitive);
BOOLEAN WINAPI RtlPrefixUnicodeString(PCUNICODE_STRING prefix, PCUNICODE_STRING s, BOOLEAN case_insensitive);
NTSTATUS WINAPI RtlUpcaseUnicodeString(PUNICODE_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate);
void WINAPI RtlCopyUnicodeString(PUNICODE_STRING dst, PCUNICODE_STRING src);
NTSTATUS WINAPI RtlAppendUnicodeStringToString(PUNICODE_STRING dst, PCUNICODE_STRING src);
NTSTATUS WINAPI RtlAppendUnicodeToString(PUNICODE_STRING dst, PCWSTR src);
BOOLEAN WINAPI RtlCreateUnicodeString(PUNICODE_STRING dst, PCWSTR src);
void WINAPI RtlFreeUnicodeString(PUNICODE_STRING s);
void WINAPI RtlFreeAnsiString(PANSI_STRING s);
NTSTATUS WINAPI RtlUTF8ToUnicodeN(PWSTR dst, ULONG dst_bytes, PULONG result_bytes, const CHAR *src, ULONG src_bytes);
NTSTATUS WINAPI RtlUnicodeToUTF8N(CHAR *dst, ULONG dst_bytes, PULONG result_bytes, const WCHAR *src, ULONG src_bytes);
NTSTATUS WINAPI RtlMultiByteToUnicodeN(PWSTR dst, ULONG dst_bytes, PULONG result_bytes, const CHAR *src,
                                       ULONG src_bytes);
NTSTATUS WINAPI RtlUnicodeToMultiByteN(CHAR *dst, ULONG dst_bytes, PULONG result_bytes, const WCHAR *src,
                                       ULONG src_bytes);
NTSTATUS WINAPI RtlMultiByteToUnicodeSize(PULONG size, const CHAR *src, ULONG src_bytes);
NTSTATUS WINAPI RtlUnicodeToMultiByteSize(PULONG size, const WCHAR *src, ULONG src_bytes);
NTSTATUS WINAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING dst, const ANSI_STRING *src, BOOLEAN allocate);
NTSTATUS WINAPI RtlUnicodeStringToAnsiString(PANSI_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate);
size_t RtlpWcslen(const WCHAR *s);
size_t RtlpDecodeUtf8(const unsigned char *s, size_t len, uint32_t *cp);
size_t RtlpDecodeUtf16(const WCHAR *s, size_t len, uint32_t *cp, bool *valid);
size_t RtlpEncodeUtf8(uint32_t cp, unsigned char out[4]);
void RtlpUnicodeToUtf8Z(char *buf, size_t size, const WCHAR *s, size_t units);
/* Where the last component of a path starts (after its last '\' or '/'), in UTF-16 units. */
size_t RtlpBaseNameStart(PCUNICODE_STRING path);
void RtlpBaseNameUtf8(char *buf, size_t size, PCUNICODE_STRING path);
WCHAR *RtlpUtf8ToWideAlloc(const char *s);
char *RtlpWideToUtf8Alloc(const WCHAR *s, size_t units);

/* ---- heap (heap.c) ---------------------------------------------------------------------------------- */
#define HEAP_NO_SERIALIZE             0x00000001
#define HEAP_GENERATE_EXCEPTIONS      0x00000004
#define HEAP_ZERO_MEMORY              0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY    0x00000010
#define HEAP_CREATE_ENABLE_EXECUTE    0x00040000
PVOID WINAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID params);
PVOID WINAPI RtlDestroyHeap(PVOID heap);
PVOID WINAPI RtlAllocateHeap(PVOID heap, ULONG flags, SIZE_T size);
BOOLEAN WINAPI RtlFreeHeap(PVOID heap, ULONG flags, PVOID ptr);
PVOID WINAPI RtlReAllocateHeap(PVOID heap, ULONG flags, PVOID ptr, SIZE_T size);
SIZE_T WINAPI RtlSizeHeap(PVOID heap, ULONG flags, const void *ptr);
BOOLEAN WINAPI RtlValidateHeap(PVOID heap, ULONG flags, const void *ptr);
ULONG WINAPI RtlGetProcessHeaps(ULONG count, PVOID *heaps);
PVOID RtlGetProcessHeap(void);

/* ---- critical sections (critsec.c) ------------------------------------------------------------------ */
NTSTATUS WINAPI RtlInitializeCriticalSection(PRTL_CRITICAL_SECTION cs);
NTSTATUS WINAPI RtlInitializeCriticalSectionAndSpinCount(PRTL_CRITICAL_SECTION cs, ULONG spin);
NTSTATUS WINAPI RtlInitializeCriticalSectionEx(PRTL_CRITICAL_SECTION cs, ULONG spin, ULONG flags);
NTSTATUS WINAPI RtlDeleteCriticalSection(PRTL_CRITICAL_SECTION cs);
NTSTATUS WINAPI RtlEnterCriticalSection(PRTL_CRITICAL_SECTION cs);
NTSTATUS WINAPI RtlLeaveCriticalSection(PRTL_CRITICAL_SECTION cs);
BOOLEAN WINAPI RtlTryEnterCriticalSection(PRTL_CRITICAL_SECTION cs);
BOOLEAN WINAPI RtlIsCriticalSectionLockedByThread(PRTL_CRITICAL_SECTION cs);

/* ---- process parameters and environment (params.c, environ.c) -------------------------------------- */
NTSTATUS WINAPI RtlCreateProcessParametersEx(PRTL_USER_PROCESS_PARAMETERS *result, PUNICODE_STRING image_path,
                                             PUNICODE_STRING dll_path, PUNICODE_STRING current_directory,
                                             PUNICODE_STRING command_line, PVOID environment,
                                             PUNICODE_STRING window_title, PUNICODE_STRING desktop,
                                             PUNICODE_STRING shell_info, PUNICODE_STRING runtime_data, ULONG flags);
NTSTATUS WINAPI RtlDestroyProcessParameters(PRTL_USER_PROCESS_PARAMETERS params);
PRTL_USER_PROCESS_PARAMETERS WINAPI RtlNormalizeProcessParams(PRTL_USER_PROCESS_PARAMETERS params);
/* Bytes of an environment block, the final empty string included. */
SIZE_T RtlpEnvironmentSize(const WCHAR *env);
/* Splits cmd into argv (NULL-terminated) with the strings in buf; with argv NULL only counts: *argc
 * arguments, *chars characters of strings (NULs included). */
enum rtlp_args_rules { RTLP_ARGS_MSVCRT, RTLP_ARGS_UCRT, RTLP_ARGS_SHELL32 };
void RtlpSplitCommandLine(const WCHAR *cmd, enum rtlp_args_rules rules, WCHAR **argv, WCHAR *buf, int *argc,
                          size_t *chars);

/* ---- misc -------------------------------------------------------------------------------------------------------- */
NTSTATUS WINAPI RtlGetVersion(PVOID info);
PVOID WINAPI RtlImageNtHeader(HMODULE module);
PVOID WINAPI RtlImageDirectoryEntryToData(HMODULE module, BOOLEAN image, USHORT dir, PULONG size);

#endif
