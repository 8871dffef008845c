/* RtlImageNtHeader and RtlImageDirectoryEntryToData: header lookups on mapped modules, and RtlGetVersion. */
#include <string.h>

#include "nt/pe.h"
#include "pe/pe.h"
#include "rtl/rtl.h"

PVOID WINAPI RtlImageNtHeader(HMODULE module)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)module;
    if (!dos || dos->e_magic != IMAGE_DOS_SIGNATURE || dos->e_lfanew <= 0 || (ULONG)dos->e_lfanew > PE_MAX_LFANEW)
        return NULL;
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)((BYTE *)module + dos->e_lfanew);
    return nt->Signature == IMAGE_NT_SIGNATURE ? nt : NULL;
}

PVOID WINAPI RtlImageDirectoryEntryToData(HMODULE module, BOOLEAN image, USHORT dir, PULONG size)
{
    *size = 0;
    IMAGE_NT_HEADERS64 *nt = RtlImageNtHeader(module);
    if (!nt || dir >= IMAGE_NUMBEROF_DIRECTORY_ENTRIES || dir >= nt->OptionalHeader.NumberOfRvaAndSizes ||
        nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
        return NULL;
    const IMAGE_DATA_DIRECTORY *d = &nt->OptionalHeader.DataDirectory[dir];
    if (!d->VirtualAddress)
        return NULL;
    *size = d->Size;
    if (image)
        return (BYTE *)module + d->VirtualAddress;
    /* A file layout: translate the RVA through the section table. */
    struct pe_image img;
    if (pe_parse(&img, module, nt->OptionalHeader.SizeOfHeaders + (size_t)d->VirtualAddress + d->Size,
                 PE_LAYOUT_FILE) != STATUS_SUCCESS)
        return NULL;
    return (PVOID)pe_rva_ptr(&img, d->VirtualAddress, d->Size);
}

typedef struct _RTL_OSVERSIONINFOEXW {
    ULONG dwOSVersionInfoSize;
    ULONG dwMajorVersion;
    ULONG dwMinorVersion;
    ULONG dwBuildNumber;
    ULONG dwPlatformId;
    WCHAR szCSDVersion[128];
    USHORT wServicePackMajor;
    USHORT wServicePackMinor;
    USHORT wSuiteMask;
    UCHAR wProductType;
    UCHAR wReserved;
} RTL_OSVERSIONINFOEXW;

NTSTATUS WINAPI RtlGetVersion(PVOID info)
{
    RTL_OSVERSIONINFOEXW *v = info;
    ULONG size = v->dwOSVersionInfoSize;
    if (size != offsetof(RTL_OSVERSIONINFOEXW, wServicePackMajor) && size != sizeof *v)
        return STATUS_INVALID_PARAMETER;
    v->dwMajorVersion = NTEXEC_OS_MAJOR;
    v->dwMinorVersion = NTEXEC_OS_MINOR;
    v->dwBuildNumber = NTEXEC_OS_BUILD;
    v->dwPlatformId = 2;  /* VER_PLATFORM_WIN32_NT */
    memset(v->szCSDVersion, 0, sizeof v->szCSDVersion);
    if (size == sizeof *v) {
        v->wServicePackMajor = v->wServicePackMinor = 0;
        v->wSuiteMask = 0x100;  /* VER_SUITE_SINGLEUSERTS */
        v->wProductType = 1;    /* VER_NT_WORKSTATION */
        v->wReserved = 0;
    }
    return STATUS_SUCCESS;
}
