/* A DLL that says when DllMain runs (built under several names: TALKER_NAME) and exports a value. */
#include "say.h"

#ifndef TALKER_NAME
#define TALKER_NAME "talker"
#endif
#ifndef TALKER_ID
#define TALKER_ID 1
#endif

__declspec(dllexport) int talker_data = TALKER_ID;

__declspec(dllexport) int talker_id(void)
{
    return talker_data;
}

#ifdef TALKER_IMPORTS
int talkdep_id(void);
__declspec(dllexport) int talker_dep_id(void)
{
    return talkdep_id();
}
#endif

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)module;
    if (reason == DLL_PROCESS_ATTACH || reason == DLL_PROCESS_DETACH)
        say("  %s: %s%s", TALKER_NAME, reason_name(reason),
            reason == DLL_PROCESS_DETACH ? (reserved ? " (process exit)" : " (FreeLibrary)") : "");
#ifdef TALKER_FAILS
    if (reason == DLL_PROCESS_ATTACH) {
        say("  %s: refusing to attach", TALKER_NAME);
        return FALSE;
    }
#endif
#ifdef TALKER_RAISES
    if (reason == DLL_PROCESS_ATTACH) {
        say("  %s: raising 0x%08x", TALKER_NAME, TALKER_RAISES);
        RaiseException(TALKER_RAISES, 0, 0, NULL);
        say("  %s: RaiseException returned", TALKER_NAME);
    }
#endif
#ifdef TALKER_FAULTS
    if (reason == DLL_PROCESS_ATTACH) {
        say("  %s: writing through a null pointer", TALKER_NAME);
        *(volatile int *)(ULONG_PTR)TALKER_FAULTS = 1;
    }
#endif
    return TRUE;
}
