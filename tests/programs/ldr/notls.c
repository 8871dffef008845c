/*
 * A DLL without the C runtime's start-up and so without a TLS directory (linked with -nostdlib, its entry
 * point DllMain itself): DisableThreadLibraryCalls can work on it. It counts its thread notifications;
 * built as quiet.dll (NOTLS_QUIET: it disables them) and loud.dll.
 */
#include <windows.h>

__declspec(dllexport) volatile LONG thread_attaches, thread_detaches;
__declspec(dllexport) volatile LONG disable_result = -1;

#ifdef NOTLS_EXPORT
__declspec(dllexport) int NOTLS_EXPORT(void)
{
    return 1;
}
#endif

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    (void)module;
    if (reason == DLL_PROCESS_ATTACH) {
#ifdef NOTLS_QUIET
        disable_result = DisableThreadLibraryCalls(module);
#endif
    } else if (reason == DLL_THREAD_ATTACH) {
        InterlockedIncrement(&thread_attaches);
    } else if (reason == DLL_THREAD_DETACH) {
        InterlockedIncrement(&thread_detaches);
    }
    return TRUE;
}
