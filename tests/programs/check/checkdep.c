/* A DLL beside check_closure.exe: one export of its own, two forwarders (one to a function kernel32 has,
 * one to a function nobody has) and an import that does not resolve, for `ntexec --check`. */
#include <windows.h>

DWORD WINAPI NtexecCheckMissing(void);

__declspec(dllexport) int dep_present(void)
{
    return 1;
}

__declspec(dllexport) int dep_calls_missing(void)
{
    return (int)NtexecCheckMissing();
}
