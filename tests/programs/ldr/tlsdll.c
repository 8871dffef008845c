/* A DLL with two TLS callbacks and a DllMain that say, for every reason, when they run (built as tlsa.dll,
 * tlsb.dll and tlsc.dll: TLS_NAME). Thread reasons are counted, not said, so threads cannot interleave. */
#include "say.h"

#ifndef TLS_NAME
#define TLS_NAME "tls?"
#endif

__declspec(dllexport) volatile LONG thread_attaches, thread_detaches;

static void note(const char *who, DWORD reason, PVOID reserved)
{
    if (reason == DLL_THREAD_ATTACH) {
        InterlockedIncrement(&thread_attaches);
        return;
    }
    if (reason == DLL_THREAD_DETACH) {
        InterlockedIncrement(&thread_detaches);
        return;
    }
    say("  %s %s: %s%s", TLS_NAME, who, reason_name(reason),
        reason == DLL_PROCESS_DETACH ? (reserved ? " (process exit)" : " (FreeLibrary)") : "");
}

static void NTAPI tls_first(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module;
    note("TLS callback 1", reason, reserved);
}

static void NTAPI tls_second(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module;
    note("TLS callback 2", reason, reserved);
}

__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK tls_first_entry = tls_first;
__attribute__((section(".CRT$XLC"), used)) PIMAGE_TLS_CALLBACK tls_second_entry = tls_second;

#ifndef TLS_EXPORT
#define TLS_EXPORT tls_id
#endif
__declspec(dllexport) int TLS_EXPORT(void)
{
    return 1;
}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    (void)module;
#ifdef TLS_QUIET
    if (reason == DLL_PROCESS_ATTACH)
        say("  %s DllMain: DisableThreadLibraryCalls %d", TLS_NAME, DisableThreadLibraryCalls(module));
#endif
    note("DllMain", reason, reserved);
    return TRUE;
}
