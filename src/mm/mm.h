/*
 * mm: the memory manager. A process's address space is the host process's; mm keeps the Windows view
 * of it (allocations, their state and per-page protection, which image a view holds) so VirtualQuery,
 * VirtualProtect and guard pages behave as on Windows, and maps image and data sections (file mappings).
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "nt/memory.h"
#include "ob/ob.h"
#include "pe/pe.h"
#include "ps/ps.h"

struct _FILE_OBJECT;
struct _IO_STATUS_BLOCK;

typedef struct _SECTION {
    struct pe_image Image;         /* validated headers, file layout over Data */
    const void *Data;              /* the image file's bytes */
    size_t DataSize;
    struct _FILE_OBJECT *File;     /* referenced: it owns Data */
    UNICODE_STRING FileName;       /* Windows path of the image, for the loader's FullDllName */
    ULONG AllocationAttributes;    /* SEC_IMAGE, or SEC_COMMIT / SEC_RESERVE for data */
    /* The host file the views map: for data sections (file mappings) their file, a memory file for one
     * backed by the paging file; for images their layout in the image cache, -1 until the first view or
     * when there is none (views are then copies). The size and page protection are data sections'. */
    int Fd;
    ULONG_PTR LayoutBase;          /* images: the base their layout (Fd) is relocated for */
    uint64_t MaximumSize;
    ULONG PageProtection;
} SECTION, *PSECTION;

extern const OBJECT_TYPE *MmSectionObjectType;

/* A region of the address space: one allocation (VirtualAlloc reservation or a view). */
struct mm_region {
    LIST_ENTRY Links;              /* sorted by Base */
    ULONG_PTR Base;
    SIZE_T Size;
    ULONG Type;                    /* MEM_PRIVATE, MEM_IMAGE or MEM_MAPPED */
    ULONG AllocationProtect;
    PSECTION Section;              /* views: referenced */
    BOOLEAN Fixed;                 /* not ours to unmap (KUSER_SHARED_DATA) */
    ULONG Pages[];                 /* per page: PAGE_* protection | MM_PAGE_COMMITTED */
};
#define MM_PAGE_COMMITTED 0x80000000u

struct mm_address_space {
    host_lock Lock;
    LIST_ENTRY Regions;
};

/* MmCreateAddressSpace: the Windows view of the new process's address space (with KUSER_SHARED_DATA). */
NTSTATUS MmCreateAddressSpace(PEPROCESS process);

/* Releases every allocation and view of the address space (a process that failed creation, or ended). */
void MmDeleteAddressSpace(PEPROCESS process);
/* The section for an image file (validated here: a bad image never gets further). */
NTSTATUS MmCreateImageSection(struct _FILE_OBJECT *file, PSECTION *section);
/* Maps an image view into process: *base in = wanted address or NULL; out = where it went.
 * STATUS_SUCCESS at the preferred base, STATUS_IMAGE_NOT_AT_BASE elsewhere (the loader relocates). */
NTSTATUS MiMapImageView(PEPROCESS process, PSECTION section, PVOID *base, SIZE_T *size);
/* MiMapImageView with its trace stage (NtMapViewOfSection without a handle, for the kernel). */
NTSTATUS MmMapViewOfImageSection(PEPROCESS process, PSECTION section, PVOID *base, SIZE_T *size);
/* Private memory for kernel-made structures (PEB, TEB, stacks, parameters): reserve + commit. */
NTSTATUS MiAllocateVirtual(PEPROCESS process, PVOID *base, SIZE_T size, ULONG protect, BOOLEAN low4g);
/* Makes addresses [base, base+size) inaccessible as a guard region inside an allocation. */
NTSTATUS MiProtectPages(PEPROCESS process, PVOID base, SIZE_T size, ULONG protect);

/* Called by the fault handler: a guard page at address? If so its guard is lifted (one-shot) and the
 * fault is to be raised as STATUS_GUARD_PAGE_VIOLATION. */
BOOLEAN MmHandleGuardPageFault(ULONG_PTR address);
/* The section mapped at address (image views), referenced, or NULL. */
PSECTION MmGetImageSectionAt(ULONG_PTR address, ULONG_PTR *view_base);

NTSTATUS WINAPI NtCreateSection(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes,
                                PLARGE_INTEGER maximum_size, ULONG protect, ULONG allocation_attributes, HANDLE file);
NTSTATUS WINAPI NtMapViewOfSection(HANDLE section, HANDLE process, PVOID *base, ULONG_PTR zero_bits, SIZE_T commit,
                                   PLARGE_INTEGER offset, PSIZE_T view_size, ULONG inherit, ULONG allocation_type,
                                   ULONG protect);
NTSTATUS WINAPI NtUnmapViewOfSection(HANDLE process, PVOID base);
NTSTATUS WINAPI NtOpenSection(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes);
NTSTATUS WINAPI NtFlushVirtualMemory(HANDLE process, PVOID *base, PSIZE_T size, struct _IO_STATUS_BLOCK *io);
NTSTATUS WINAPI NtQuerySection(HANDLE section, ULONG info_class, PVOID info, SIZE_T length, PSIZE_T return_length);
NTSTATUS WINAPI NtAllocateVirtualMemory(HANDLE process, PVOID *base, ULONG_PTR zero_bits, PSIZE_T size, ULONG type,
                                        ULONG protect);
NTSTATUS WINAPI NtFreeVirtualMemory(HANDLE process, PVOID *base, PSIZE_T size, ULONG type);
NTSTATUS WINAPI NtProtectVirtualMemory(HANDLE process, PVOID *base, PSIZE_T size, ULONG protect, PULONG old);
NTSTATUS WINAPI NtReadVirtualMemory(HANDLE process, const void *base, PVOID buffer, SIZE_T size, PSIZE_T done);
NTSTATUS WINAPI NtWriteVirtualMemory(HANDLE process, PVOID base, const void *buffer, SIZE_T size, PSIZE_T done);
NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE process, PVOID base, ULONG info_class, PVOID info, SIZE_T length,
                                     PSIZE_T return_length);
NTSTATUS WINAPI NtFlushInstructionCache(HANDLE process, PVOID base, SIZE_T size);

#endif
