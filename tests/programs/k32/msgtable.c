/* A DLL that holds only a message table (msgtable.mc), for FormatMessage's FORMAT_MESSAGE_FROM_HMODULE. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)module;
    (void)reason;
    (void)reserved;
    return TRUE;
}
