/*
 * Resources of a module (ntdll/ldr/resource.c): LdrFindResource_U, LdrFindResourceDirectory_U and
 * LdrAccessResource on every kind of module handle -- a loaded module, an image mapped with
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE (base|2), or a file mapped flat with LOAD_LIBRARY_AS_DATAFILE (base|1).
 */
#ifndef NTDLL_LDR_RESOURCE_H
#define NTDLL_LDR_RESOURCE_H

#include "nt/pe.h"
#include "pe/pe.h"

/* A resource path: Type and Name are an integer id (below 0x10000) or a UTF-16 string, which the caller
 * has upper-cased (kernel32 does, as Windows' does); Language a LANGID. */
typedef struct _LDR_RESOURCE_INFO {
    ULONG_PTR Type;
    ULONG_PTR Name;
    ULONG_PTR Language;
} LDR_RESOURCE_INFO;

#define LDR_IS_RESOURCE_ID(x) (((ULONG_PTR)(x) >> 16) == 0)

NTSTATUS WINAPI LdrFindResource_U(PVOID module, const LDR_RESOURCE_INFO *info, ULONG level,
                                  const IMAGE_RESOURCE_DATA_ENTRY **entry);
NTSTATUS WINAPI LdrFindResourceDirectory_U(PVOID module, const LDR_RESOURCE_INFO *info, ULONG level,
                                           const IMAGE_RESOURCE_DIRECTORY **dir);
NTSTATUS WINAPI LdrAccessResource(PVOID module, const IMAGE_RESOURCE_DATA_ENTRY *entry, PVOID *data, PULONG size);

/* The image a resource function reads behind a module handle: file layout for a data file (base|1), mapped
 * layout otherwise. STATUS_RESOURCE_DATA_NOT_FOUND when the handle shows no image. */
NTSTATUS LdrpResourceImage(PVOID module, struct pe_image *img);

/* The directory at level (0: the root, 1: the names of info->Type, 2: the languages of info->Type/Name) with
 * the statuses of LdrFindResourceDirectory_U; for the Enum* functions, which read its entries through
 * pe_resource_entry_at. */
NTSTATUS LdrpFindResourceDirectory(const struct pe_image *img, const LDR_RESOURCE_INFO *info, ULONG level,
                                   struct pe_resource_dir *dir);

#endif
