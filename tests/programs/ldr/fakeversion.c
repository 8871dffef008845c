/* A native version.dll, for NTEXEC_DLL_OVERRIDES: its GetFileVersionInfoSizeW answers 4242. */
#include <windows.h>

__declspec(dllexport) DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR name, LPDWORD handle)
{
    (void)name;
    if (handle)
        *handle = 0;
    return 4242;
}
