/*
 * Modules mapped as data: LoadLibraryEx with LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE) or
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE. Not written yet: such loads fail as an unsupported call does.
 */
#include "win32/k32.h"

HMODULE BaseLoadLibraryAsData(LPCWSTR name, DWORD flags)
{
    (void)name;
    (void)flags;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return NULL;
}

BOOL BaseFreeDataModule(HMODULE module)
{
    (void)module;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}
