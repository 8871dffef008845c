/*
 * A DLL with something in every kind of section, loaded with DONT_RESOLVE_DLL_REFERENCES by ldr_noresolve:
 * initialized data, zero-filled data, and imports, one of them from a DLL that exists nowhere
 * (ntexec_ldr_absent.dll), so that a normal load of it fails. Its preferred base is fixed and it has no
 * relocations to apply there, so the mapped bytes can be compared with the file's.
 */
#include "say.h"

__declspec(dllimport) int absent_function(void);

__declspec(dllexport) int noresolve_data = 1234;
__declspec(dllexport) char noresolve_bss[4096];

__declspec(dllexport) int noresolve_value(void)
{
    return noresolve_data;
}

__declspec(dllexport) int noresolve_call_absent(void)
{
    return absent_function();
}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)module;
    (void)reserved;
    say("  noresolve: DllMain %s", reason_name(reason));
    return TRUE;
}
