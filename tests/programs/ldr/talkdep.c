/* The dependency of talker DLLs built with TALKER_IMPORTS (plugin.dll, counted2.dll, failinit.dll). */
#include "say.h"

#ifndef TALKDEP_NAME
#define TALKDEP_NAME "talkdep"
#endif

__declspec(dllexport) int talkdep_id(void)
{
    return 40;
}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)module;
    if (reason == DLL_PROCESS_ATTACH || reason == DLL_PROCESS_DETACH)
        say("  %s: %s%s", TALKDEP_NAME, reason_name(reason),
            reason == DLL_PROCESS_DETACH ? (reserved ? " (process exit)" : " (FreeLibrary)") : "");
    return TRUE;
}
