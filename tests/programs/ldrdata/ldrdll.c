/* ldrdll.dll: a DLL loaded by ldrdata.exe normally and as data. DllMain prints, so a load that runs it shows;
 * ldrdll.rc gives it a string table, named and custom resources in several languages, and a VERSIONINFO. */
#include <stdio.h>
#include <windows.h>

__declspec(dllexport) int ldr_value = 42;

__declspec(dllexport) int ldr_add(int a, int b)
{
    return a + b;
}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)module, (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        printf("ldrdll DllMain: process attach\n");
    else if (reason == DLL_PROCESS_DETACH)
        printf("ldrdll DllMain: process detach\n");
    fflush(stdout);
    return TRUE;
}
