/*
 * Notifications in Windows' order (issue #13): tlsa.dll and tlsb.dll, imported, each with two TLS
 * callbacks and a DllMain; tlsb.dll calls DisableThreadLibraryCalls, which refuses a DLL with static TLS;
 * quiet.dll and loud.dll have none, and quiet.dll's call works. Three threads, one after the other, count
 * the thread notifications each DLL gets; then tlsc.dll comes and goes through LoadLibrary and
 * FreeLibrary, and at the end the process exits with the imported two attached.
 */
#include "say.h"

__declspec(dllimport) int tlsa_id(void);
__declspec(dllimport) int tlsb_id(void);
__declspec(dllimport) int quiet_id(void);
__declspec(dllimport) int loud_id(void);

static DWORD WINAPI worker(void *arg)
{
    (void)arg;
    return 0;
}

static void run_threads(int n)
{
    for (int i = 0; i < n; i++) {
        HANDLE h = CreateThread(NULL, 0, worker, NULL, 0, NULL);
        WaitForSingleObject(h, INFINITE);
        CloseHandle(h);
    }
}

static void counts(const char *dll)
{
    HMODULE m = GetModuleHandleA(dll);
    volatile LONG *attaches = (volatile LONG *)GetProcAddress(m, "thread_attaches");
    volatile LONG *detaches = (volatile LONG *)GetProcAddress(m, "thread_detaches");
    say("%s: %ld thread attaches, %ld thread detaches (callbacks and DllMain)", dll, attaches ? *attaches : -1,
        detaches ? *detaches : -1);
}

int main(void)
{
    say("main: tlsa %d, tlsb %d, quiet %d, loud %d", tlsa_id(), tlsb_id(), quiet_id(), loud_id());
    run_threads(3);
    counts("tlsa.dll");
    counts("tlsb.dll");
    volatile LONG *disable_result = (volatile LONG *)GetProcAddress(GetModuleHandleA("quiet.dll"), "disable_result");
    say("quiet.dll: DisableThreadLibraryCalls in DllMain: %ld", disable_result ? *disable_result : -2);
    counts("quiet.dll");
    counts("loud.dll");
    SetLastError(0xdeadbeef);
    BOOL ok = DisableThreadLibraryCalls((HMODULE)(ULONG_PTR)0x10000);
    DWORD error = GetLastError();
    say("DisableThreadLibraryCalls(not a module): %d, error %lu", ok, error);
    say("-- LoadLibrary(tlsc.dll)");
    HMODULE c = LoadLibraryA("tlsc.dll");
    run_threads(2);
    counts("tlsa.dll");
    counts("tlsc.dll");
    say("-- FreeLibrary(tlsc.dll)");
    say("FreeLibrary: %d", FreeLibrary(c));
    say("-- exit");
    return 0;
}
