/* ntdll's own part of the runtime library: what needs the kernel or ntdll's state (heaps, critical sections);
 * the pure part is src/rtl/rtl.h, included here so that ntdll and the layers above see one Rtl. */
#ifndef NTDLL_RTL_RTL_H
#define NTDLL_RTL_RTL_H

#include "rtl/rtl.h"

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

/* ---- DOS paths over the process's current directory (path.c) ---------------------------------------- */
ULONG WINAPI RtlGetFullPathName_U(PCWSTR name, ULONG size, PWSTR buffer, PWSTR *file_part);
ULONG WINAPI RtlDetermineDosPathNameType_U(PCWSTR path);
typedef struct {
    UNICODE_STRING RelativeName;
    HANDLE ContainingDirectory;
    PVOID CurDirRef;
} RTL_RELATIVE_NAME_U;
NTSTATUS WINAPI RtlDosPathNameToNtPathName_U_WithStatus(PCWSTR dos, PUNICODE_STRING nt, PWSTR *file_part,
                                                        RTL_RELATIVE_NAME_U *relative);

#endif
