/*
 * The DOS path services of ntdll over the process's current directory (PEB->ProcessParameters): full path
 * names, the current directory, DOS -> NT path names ("\??\C:\..."), path types. The rules themselves are
 * the runtime library's (rtl/path.c), shared with kernel32's GetFullPathNameW.
 */
#include <string.h>

#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

static PUNICODE_STRING current_directory(void)
{
    return &NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters->CurrentDirectory.DosPath;
}

static bool is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

/* Bytes: the length without the NUL when it fits in size bytes, else the size needed with the NUL; 0 for an
 * empty or NULL name. */
ULONG WINAPI RtlGetFullPathName_U(PCWSTR name, ULONG size, PWSTR buffer, PWSTR *file_part)
{
    if (file_part)
        *file_part = NULL;
    if (!name || !*name)
        return 0;
    return RtlpGetFullPathName(current_directory(), name, size / sizeof(WCHAR), buffer, file_part) * sizeof(WCHAR);
}

/* The current directory without its trailing '\' (a root such as "C:\" keeps it), in bytes as above. */
ULONG WINAPI RtlGetCurrentDirectory_U(ULONG size, PWSTR buffer)
{
    PUNICODE_STRING cwd = current_directory();
    ULONG n = cwd->Length / sizeof(WCHAR);
    if (n > 3 && cwd->Buffer[n - 1] == '\\')
        n--;
    if ((n + 1) * sizeof(WCHAR) > size)
        return (n + 1) * sizeof(WCHAR);
    memcpy(buffer, cwd->Buffer, n * sizeof(WCHAR));
    buffer[n] = 0;
    return n * sizeof(WCHAR);
}

enum {
    RtlPathTypeUnknown, RtlPathTypeUncAbsolute, RtlPathTypeDriveAbsolute, RtlPathTypeDriveRelative,
    RtlPathTypeRooted, RtlPathTypeRelative, RtlPathTypeLocalDevice, RtlPathTypeRootLocalDevice,
};

ULONG WINAPI RtlDetermineDosPathNameType_U(PCWSTR path)
{
    if (is_sep(path[0])) {
        if (!is_sep(path[1]))
            return RtlPathTypeRooted;
        if (path[2] != '.' && path[2] != '?')
            return RtlPathTypeUncAbsolute;
        if (is_sep(path[3]))
            return RtlPathTypeLocalDevice;
        return path[3] ? RtlPathTypeUncAbsolute : RtlPathTypeRootLocalDevice;
    }
    if (path[0] && path[1] == ':')
        return is_sep(path[2]) ? RtlPathTypeDriveAbsolute : RtlPathTypeDriveRelative;
    return RtlPathTypeRelative;
}

/* RTL_RELATIVE_NAME_U: no relative name is given back (ContainingDirectory NULL, as for any absolute path). */

/* "\??\" + the full path ("\\?\C:\x" -> "\??\C:\x"), from the process heap (RtlFreeUnicodeString frees it). */
NTSTATUS WINAPI RtlDosPathNameToNtPathName_U_WithStatus(PCWSTR dos, PUNICODE_STRING nt, PWSTR *file_part,
                                                       RTL_RELATIVE_NAME_U *relative)
{
    if (file_part)
        *file_part = NULL;
    if (relative)
        memset(relative, 0, sizeof *relative);
    if (!dos || !*dos || !nt)
        return STATUS_OBJECT_NAME_INVALID;
    WCHAR *full = RtlAllocateHeap(RtlGetProcessHeap(), 0, 32768);
    if (!full)
        return STATUS_NO_MEMORY;
    PWSTR part;
    ULONG n = RtlpGetFullPathName(current_directory(), dos, 32768 / sizeof(WCHAR), full, &part);
    if (n == 0 || n >= 32768 / sizeof(WCHAR) - 4) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, full);
        return STATUS_OBJECT_NAME_INVALID;
    }
    size_t skip = RtlpIsDevicePath(full, n) ? 4 : 0, units = 4 + n - skip;
    nt->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, (units + 1) * sizeof(WCHAR));
    if (!nt->Buffer) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, full);
        return STATUS_NO_MEMORY;
    }
    memcpy(nt->Buffer, u"\\??\\", 4 * sizeof(WCHAR));
    memcpy(nt->Buffer + 4, full + skip, (n - skip + 1) * sizeof(WCHAR));
    nt->Length = (USHORT)(units * sizeof(WCHAR));
    nt->MaximumLength = (USHORT)((units + 1) * sizeof(WCHAR));
    if (file_part && part && part >= full + skip)
        *file_part = nt->Buffer + 4 + (part - (full + skip));
    RtlFreeHeap(RtlGetProcessHeap(), 0, full);
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlDosPathNameToNtPathName_U(PCWSTR dos, PUNICODE_STRING nt, PWSTR *file_part,
                                            RTL_RELATIVE_NAME_U *relative)
{
    return RtlDosPathNameToNtPathName_U_WithStatus(dos, nt, file_part, relative) == STATUS_SUCCESS;
}
