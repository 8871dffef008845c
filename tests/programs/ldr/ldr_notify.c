/*
 * The loader's own entry points in ntdll (issue #13): LdrRegisterDllNotification callbacks on load and
 * unload, LdrAddRefDll, and the loader lock (LdrLockLoaderLock/LdrUnlockLoaderLock), as programs that
 * watch their modules call them.
 */
#include "say.h"

typedef struct {
    USHORT Length, MaximumLength;
    PWSTR Buffer;
} USTR;
typedef struct {
    ULONG Flags;
    const USTR *FullDllName;
    const USTR *BaseDllName;
    PVOID DllBase;
    ULONG SizeOfImage;
} NOTIFICATION_DATA;
typedef void(NTAPI *NOTIFICATION_FUNCTION)(ULONG, const NOTIFICATION_DATA *, PVOID);

static LONG(NTAPI *pLdrRegisterDllNotification)(ULONG, NOTIFICATION_FUNCTION, PVOID, PVOID *);
static LONG(NTAPI *pLdrUnregisterDllNotification)(PVOID);
static LONG(NTAPI *pLdrAddRefDll)(ULONG, HMODULE);
static LONG(NTAPI *pLdrLockLoaderLock)(ULONG, ULONG *, ULONG_PTR *);
static LONG(NTAPI *pLdrUnlockLoaderLock)(ULONG, ULONG_PTR);

static void NTAPI on_dll(ULONG reason, const NOTIFICATION_DATA *data, PVOID context)
{
    char name[64];
    int n = WideCharToMultiByte(CP_ACP, 0, data->BaseDllName->Buffer, data->BaseDllName->Length / 2, name,
                                sizeof name - 1, NULL, NULL);
    name[n] = 0;
    say("  notification: %s %s, context %s, base %s, size %s", reason == 1 ? "loaded" : reason == 2 ? "unloaded" : "?",
        name, context == (PVOID)0x1234 ? "ours" : "?",
        data->DllBase == GetModuleHandleA(name) || reason == 2 ? "ok" : "?", data->SizeOfImage ? "set" : "0");
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    pLdrRegisterDllNotification = (void *)GetProcAddress(ntdll, "LdrRegisterDllNotification");
    pLdrUnregisterDllNotification = (void *)GetProcAddress(ntdll, "LdrUnregisterDllNotification");
    pLdrAddRefDll = (void *)GetProcAddress(ntdll, "LdrAddRefDll");
    pLdrLockLoaderLock = (void *)GetProcAddress(ntdll, "LdrLockLoaderLock");
    pLdrUnlockLoaderLock = (void *)GetProcAddress(ntdll, "LdrUnlockLoaderLock");

    say("-- LdrRegisterDllNotification");
    PVOID cookie = NULL;
    LONG status = pLdrRegisterDllNotification(0, on_dll, (PVOID)0x1234, &cookie);
    say("register: 0x%08lx, cookie %s", status, cookie ? "set" : "NULL");
    HMODULE h = LoadLibraryA("counted2.dll");
    say("LoadLibrary(counted2.dll): %s", h ? "loaded" : "NULL");
    say("FreeLibrary: %d", FreeLibrary(h));
    HMODULE f = LoadLibraryA("failinit.dll");
    say("LoadLibrary(failinit.dll): %s", f ? "loaded" : "NULL");
    status = pLdrUnregisterDllNotification(cookie);
    say("unregister: 0x%08lx", status);
    h = LoadLibraryA("counted.dll");
    say("LoadLibrary(counted.dll) unwatched: %s", h ? "loaded" : "NULL");

    say("-- LdrAddRefDll");
    say("LdrAddRefDll(0): 0x%08lx", pLdrAddRefDll(0, h));
    say("FreeLibrary: %d", FreeLibrary(h));
    say("counted.dll loaded: %s", GetModuleHandleA("counted.dll") ? "yes" : "no");
    say("FreeLibrary: %d", FreeLibrary(h));
    say("counted.dll loaded: %s", GetModuleHandleA("counted.dll") ? "yes" : "no");
    h = LoadLibraryA("pinned.dll");
    say("LdrAddRefDll(PIN): 0x%08lx", pLdrAddRefDll(1, h));
    BOOL first = FreeLibrary(h);
    say("FreeLibrary twice: %d %d", first, FreeLibrary(h));
    say("pinned.dll loaded: %s", GetModuleHandleA("pinned.dll") ? "yes" : "no");

    say("-- the loader lock");
    ULONG state = 9;
    ULONG_PTR lock = 0;
    status = pLdrLockLoaderLock(0, &state, &lock);
    say("LdrLockLoaderLock(0): 0x%08lx, state %lu, cookie %s", status, state, lock ? "set" : "0");
    ULONG_PTR again = 0;
    state = 9;
    status = pLdrLockLoaderLock(2, &state, &again);
    say("LdrLockLoaderLock(TRY_ONLY) by the owner: 0x%08lx, state %lu, cookie %s", status, state,
        again ? "set" : "0");
    say("LdrUnlockLoaderLock: 0x%08lx", pLdrUnlockLoaderLock(0, again));
    say("LdrUnlockLoaderLock(wrong cookie): 0x%08lx", pLdrUnlockLoaderLock(0, lock + 1));
    say("LdrLockLoaderLock(bad flags 4): 0x%08lx", pLdrLockLoaderLock(4, &state, &again));
    say("LdrUnlockLoaderLock: 0x%08lx", pLdrUnlockLoaderLock(0, lock));
    return 0;
}
