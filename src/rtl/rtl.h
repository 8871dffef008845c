/*
 * The runtime library's pure part (Rtl*), below the kernel layers as Windows compiles one Rtl into both
 * ntoskrnl and ntdll: strings and Unicode, status mapping, image headers, process parameters, command-line
 * splitting, SLists. Nothing here calls into the kernel, ntdll or above (scripts/check-layers.sh); what
 * needs them (heaps, critical sections, SRW locks, exception dispatch, unwinding, the thread pool) stays in
 * src/ntdll/rtl. The exported functions are ntdll's (src/ntdll/exports.c) and the kernel's own helpers.
 */
#ifndef RTL_RTL_H
#define RTL_RTL_H

#include <stdbool.h>

#include "nt/ntstatus.h"
#include "nt/peb.h"
#include "nt/timezone.h"

ULONG WINAPI RtlNtStatusToDosError(NTSTATUS status);

/* ---- memory (memory.c) ------------------------------------------------------------------------------
 * Where the allocating functions (RtlCreateUnicodeString, RtlAnsiStringToUnicodeString with allocate,
 * RtlCreateProcessParametersEx) take memory: the host allocator until ntdll registers its process heap
 * (before main), as ReactOS' RtlpAllocateMemory is the pool in ntoskrnl and the process heap in ntdll. */
typedef PVOID (*RTLP_ALLOCATE_ROUTINE)(SIZE_T size, BOOLEAN zero);
typedef void (*RTLP_FREE_ROUTINE)(PVOID ptr);
void RtlpSetMemoryRoutines(RTLP_ALLOCATE_ROUTINE allocate, RTLP_FREE_ROUTINE free_routine);
PVOID RtlpAllocateMemory(SIZE_T size, BOOLEAN zero);
void RtlpFreeMemory(PVOID ptr);

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
NTSTATUS WINAPI RtlOemToUnicodeN(PWSTR dst, ULONG dst_bytes, PULONG result_bytes, const CHAR *src, ULONG src_bytes);
NTSTATUS WINAPI RtlUnicodeToOemN(CHAR *dst, ULONG dst_bytes, PULONG result_bytes, const WCHAR *src, ULONG src_bytes);
NTSTATUS WINAPI RtlOemStringToUnicodeString(PUNICODE_STRING dst, const STRING *src, BOOLEAN allocate);
NTSTATUS WINAPI RtlUnicodeStringToOemString(STRING *dst, PCUNICODE_STRING src, BOOLEAN allocate);
ULONG WINAPI RtlOemStringToUnicodeSize(const STRING *s);
ULONG WINAPI RtlUnicodeStringToOemSize(PCUNICODE_STRING s);
/* Code page 437, ntexec's OEM page: a byte's character, and a character's byte (-1 when it has none). */
WCHAR RtlpOemToUnicodeChar(unsigned char b);
int RtlpUnicodeToOemChar(WCHAR c, bool best_fit);
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
/* Length of the name part of an environment entry ("=C:=C:\x" has the name "=C:"). */
size_t RtlpEnvironmentNameLength(const WCHAR *entry);
/* The entry NAME=value of env whose name is name (len units, any case), or NULL. */
const WCHAR *RtlpFindEnvironmentVariable(const WCHAR *env, const WCHAR *name, size_t len);
/* Splits cmd into argv (NULL-terminated) with the strings in buf; with argv NULL only counts: *argc
 * arguments, *chars characters of strings (NULs included). */
enum rtlp_args_rules { RTLP_ARGS_MSVCRT, RTLP_ARGS_UCRT, RTLP_ARGS_SHELL32 };
void RtlpSplitCommandLine(const WCHAR *cmd, enum rtlp_args_rules rules, WCHAR **argv, WCHAR *buf, int *argc,
                          size_t *chars);

/* ---- misc -------------------------------------------------------------------------------------------------------- */
NTSTATUS WINAPI RtlGetVersion(PVOID info);
PVOID WINAPI RtlImageNtHeader(HMODULE module);
PVOID WINAPI RtlImageDirectoryEntryToData(HMODULE module, BOOLEAN image, USHORT dir, PULONG size);

/* ---- interlocked singly linked lists (slist.c) ---------------------------------------------------- */
typedef struct _SLIST_ENTRY {
    struct _SLIST_ENTRY *Next;
} __attribute__((aligned(16))) SLIST_ENTRY, *PSLIST_ENTRY;

/* x64 header: Depth:16 and Sequence:48 in the low quadword, NextEntry >> 4 in bits 4-63 of the high one. */
typedef union __attribute__((aligned(16))) _SLIST_HEADER {
    struct {
        ULONGLONG Alignment;
        ULONGLONG Region;
    };
    unsigned __int128 Value;
} SLIST_HEADER, *PSLIST_HEADER;
static_assert(sizeof(SLIST_HEADER) == 16, "SLIST_HEADER");
void WINAPI RtlInitializeSListHead(PSLIST_HEADER list);
PSLIST_ENTRY WINAPI RtlFirstEntrySList(const SLIST_HEADER *list);
PSLIST_ENTRY WINAPI RtlInterlockedPushEntrySList(PSLIST_HEADER list, PSLIST_ENTRY entry);
PSLIST_ENTRY WINAPI RtlInterlockedPopEntrySList(PSLIST_HEADER list);
PSLIST_ENTRY WINAPI RtlInterlockedFlushSList(PSLIST_HEADER list);
PSLIST_ENTRY WINAPI RtlInterlockedPushListSListEx(PSLIST_HEADER list, PSLIST_ENTRY first, PSLIST_ENTRY last,
                                                  ULONG count);
USHORT WINAPI RtlQueryDepthSList(PSLIST_HEADER list);

/* ---- bitmaps (bitmap.c) -------------------------------------------------------------------------------- */
typedef struct _RTL_BITMAP {
    ULONG SizeOfBitMap;
    PULONG Buffer;
} RTL_BITMAP, *PRTL_BITMAP;
void WINAPI RtlInitializeBitMap(PRTL_BITMAP bitmap, PULONG buffer, ULONG size);
BOOLEAN WINAPI RtlTestBit(PRTL_BITMAP bitmap, ULONG index);
void WINAPI RtlSetAllBits(PRTL_BITMAP bitmap);
void WINAPI RtlClearAllBits(PRTL_BITMAP bitmap);
void WINAPI RtlSetBits(PRTL_BITMAP bitmap, ULONG start, ULONG count);
void WINAPI RtlClearBits(PRTL_BITMAP bitmap, ULONG start, ULONG count);
BOOLEAN WINAPI RtlAreBitsSet(PRTL_BITMAP bitmap, ULONG start, ULONG count);
BOOLEAN WINAPI RtlAreBitsClear(PRTL_BITMAP bitmap, ULONG start, ULONG count);
ULONG WINAPI RtlNumberOfSetBits(PRTL_BITMAP bitmap);
ULONG WINAPI RtlNumberOfClearBits(PRTL_BITMAP bitmap);
ULONG WINAPI RtlFindClearBits(PRTL_BITMAP bitmap, ULONG count, ULONG hint);
ULONG WINAPI RtlFindSetBits(PRTL_BITMAP bitmap, ULONG count, ULONG hint);
ULONG WINAPI RtlFindClearBitsAndSet(PRTL_BITMAP bitmap, ULONG count, ULONG hint);
ULONG WINAPI RtlFindSetBitsAndClear(PRTL_BITMAP bitmap, ULONG count, ULONG hint);
ULONG WINAPI RtlFindFirstRunClear(PRTL_BITMAP bitmap, PULONG start);
ULONG WINAPI RtlFindNextForwardRunClear(PRTL_BITMAP bitmap, ULONG from, PULONG start);
ULONG WINAPI RtlFindLongestRunClear(PRTL_BITMAP bitmap, PULONG start);

/* ---- CRC, time fields, hashing, random numbers, IPv4 text, 8-bit strings, integers (misc.c) ---------------- */
ULONG WINAPI RtlComputeCrc32(ULONG initial, const BYTE *data, INT length);
void WINAPI RtlTimeToTimeFields(const LARGE_INTEGER *time, PTIME_FIELDS fields);
BOOLEAN WINAPI RtlTimeFieldsToTime(PTIME_FIELDS fields, PLARGE_INTEGER time);
BOOLEAN WINAPI RtlTimeToSecondsSince1970(const LARGE_INTEGER *time, PULONG seconds);
BOOLEAN WINAPI RtlTimeToSecondsSince1980(const LARGE_INTEGER *time, PULONG seconds);
void WINAPI RtlSecondsSince1970ToTime(ULONG seconds, PLARGE_INTEGER time);
void WINAPI RtlSecondsSince1980ToTime(ULONG seconds, PLARGE_INTEGER time);
NTSTATUS WINAPI RtlHashUnicodeString(PCUNICODE_STRING s, BOOLEAN case_insensitive, ULONG algorithm, PULONG hash);
ULONG WINAPI RtlRandom(PULONG seed);
ULONG WINAPI RtlRandomEx(PULONG seed);
PSTR WINAPI RtlIpv4AddressToStringA(const void *addr, PSTR s);
PWSTR WINAPI RtlIpv4AddressToStringW(const void *addr, PWSTR s);
NTSTATUS WINAPI RtlIpv4AddressToStringExA(const void *addr, USHORT port, PSTR s, PULONG length);
NTSTATUS WINAPI RtlIpv4AddressToStringExW(const void *addr, USHORT port, PWSTR s, PULONG length);
NTSTATUS WINAPI RtlIpv4StringToAddressA(const char *s, BOOLEAN strict, const char **terminator, void *addr);
NTSTATUS WINAPI RtlIpv4StringToAddressW(PCWSTR s, BOOLEAN strict, PCWSTR *terminator, void *addr);
NTSTATUS WINAPI RtlIpv4StringToAddressExA(const char *s, BOOLEAN strict, void *addr, USHORT *port);
NTSTATUS WINAPI RtlIpv4StringToAddressExW(PCWSTR s, BOOLEAN strict, void *addr, USHORT *port);
LONG WINAPI RtlCompareString(const STRING *a, const STRING *b, BOOLEAN case_insensitive);
BOOLEAN WINAPI RtlEqualString(const STRING *a, const STRING *b, BOOLEAN case_insensitive);
void WINAPI RtlCopyString(PSTRING dst, const STRING *src);
void WINAPI RtlUpperString(PSTRING dst, const STRING *src);
NTSTATUS WINAPI RtlInitUnicodeStringEx(PUNICODE_STRING dst, PCWSTR src);
NTSTATUS WINAPI RtlDowncaseUnicodeString(PUNICODE_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate);
ULONG WINAPI RtlUnicodeStringToAnsiSize(PCUNICODE_STRING s);
ULONG WINAPI RtlAnsiStringToUnicodeSize(const STRING *s);
NTSTATUS WINAPI RtlUnicodeStringToInteger(PCUNICODE_STRING s, ULONG base, PULONG value);
NTSTATUS WINAPI RtlCharToInteger(const char *s, ULONG base, PULONG value);
NTSTATUS WINAPI RtlIntegerToChar(ULONG value, ULONG base, ULONG length, char *s);
NTSTATUS WINAPI RtlIntegerToUnicodeString(ULONG value, ULONG base, PUNICODE_STRING s);
BOOLEAN WINAPI RtlCreateUnicodeStringFromAsciiz(PUNICODE_STRING dst, const char *src);

/* ---- DOS paths (path.c) ----------------------------------------------------------------------------------- */
/* Does the path (n units) start with "\\?\" or "\\.\", the prefixes that pass DOS path rules by? */
static inline bool RtlpIsDevicePath(const WCHAR *path, size_t n)
{
    return n >= 4 && path[0] == '\\' && path[1] == '\\' && (path[2] == '?' || path[2] == '.') && path[3] == '\\';
}
/* GetFullPathNameW's algorithm against the current directory cwd, into out (size units): the length, or
 * the size needed (with the NUL) when it does not fit. *file_part (optional) at the last component. */
ULONG RtlpGetFullPathName(PCUNICODE_STRING cwd, PCWSTR path, ULONG size, PWSTR out, PWSTR *file_part);

#endif
