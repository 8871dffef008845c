/*
 * How long a DLL stays (issue #13): three LoadLibrary/FreeLibrary cycles, references taken by
 * GetModuleHandleEx (counted, unchanged, pinned, from an address), a dependency loaded both by name and by
 * an importer, FreeLibraryAndExitThread, and a DllMain that refuses DLL_PROCESS_ATTACH taking back what
 * its load brought in. The DLLs say when their DllMain runs; pinned.dll says so only at process exit.
 */
#include "say.h"

/* A call's result and the last error after it, in that order (argument evaluation order is unspecified). */
#define CALL(expr) do { SetLastError(0xdeadbeef); result = (expr); error = GetLastError(); } while (0)
static BOOL result;
static DWORD error;

static void loaded(const char *name)
{
    say("    %s loaded: %s", name, GetModuleHandleA(name) ? "yes" : "no");
}

static DWORD WINAPI exit_thread(void *param)
{
    FreeLibraryAndExitThread((HMODULE)param, 42);
}

int main(void)
{
    say("-- three cycles");
    HMODULE h[3];
    for (int i = 0; i < 3; i++) {
        h[i] = LoadLibraryA("counted.dll");
        say("LoadLibrary %d: %s", i + 1, h[i] ? (h[i] == h[0] ? "the same module" : "another module") : "NULL");
    }
    for (int i = 0; i < 3; i++) {
        say("FreeLibrary %d: %d", i + 1, FreeLibrary(h[i]));
        loaded("counted.dll");
    }
    CALL(FreeLibrary(h[0]));
    say("FreeLibrary once more: %d, error %lu", result, error);

    say("-- GetModuleHandleEx");
    HMODULE m = LoadLibraryA("counted.dll"), got;
    CALL(GetModuleHandleExA(0, "counted.dll", &got));
    say("GetModuleHandleExA(0): %d, %s", result, got == m ? "the module" : "?");
    say("FreeLibrary: %d", FreeLibrary(m));
    loaded("counted.dll");
    say("FreeLibrary: %d", FreeLibrary(m));
    loaded("counted.dll");
    m = LoadLibraryA("counted.dll");
    say("GetModuleHandleExA(UNCHANGED_REFCOUNT): %d",
        GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, "counted.dll", &got));
    int *data = (int *)GetProcAddress(m, "talker_data");
    CALL(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCSTR)data, &got));
    say("GetModuleHandleExA(FROM_ADDRESS of talker_data, UNCHANGED_REFCOUNT): %d, %s", result,
        got == m ? "the module" : "?");
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((BYTE *)m + ((IMAGE_DOS_HEADER *)m)->e_lfanew);
    CALL(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCSTR)m + nt->OptionalHeader.SizeOfImage - 1, &got));
    say("GetModuleHandleExA(FROM_ADDRESS of its last byte): %d, %s", result, got == m ? "the module" : "?");
    int local;
    got = (HMODULE)1;
    CALL(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)&local, &got));
    say("GetModuleHandleExA(FROM_ADDRESS of the stack): %d, error %lu, module %s", result, error,
        got ? "set" : "NULL");
    got = (HMODULE)1;
    CALL(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            "counted.dll", &got));
    say("GetModuleHandleExA(PIN | UNCHANGED_REFCOUNT): %d, error %lu, module %s", result, error,
        got ? "set" : "NULL");
    CALL(GetModuleHandleExA(0x8, "counted.dll", &got));
    say("GetModuleHandleExA(0x8): %d, error %lu", result, error);
    CALL(GetModuleHandleExA(0, "counted.dll", NULL));
    say("GetModuleHandleExA(no module pointer): %d, error %lu", result, error);
    got = (HMODULE)1;
    CALL(GetModuleHandleExA(0, "nowhere_ldr.dll", &got));
    say("GetModuleHandleExA(not loaded): %d, error %lu, module %s", result, error, got ? "set" : "NULL");
    say("FreeLibrary: %d", FreeLibrary(m));
    loaded("counted.dll");

    say("-- a pinned module");
    m = LoadLibraryA("pinned.dll");
    say("GetModuleHandleExA(PIN): %d", GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN, "pinned.dll", &got));
    for (int i = 0; i < 3; i++)
        say("FreeLibrary %d: %d", i + 1, FreeLibrary(m));
    loaded("pinned.dll");
    say("LoadLibrary: %s", LoadLibraryA("pinned.dll") == m ? "the same module" : "?");
    say("FreeLibrary: %d", FreeLibrary(m));
    loaded("pinned.dll");

    say("-- a dependency loaded by name too");
    HMODULE dep = LoadLibraryA("talkdep.dll");
    HMODULE user = LoadLibraryA("counted2.dll");
    say("counted2.dll: %s", user ? "loaded" : "NULL");
    say("FreeLibrary(talkdep.dll): %d", FreeLibrary(dep));
    loaded("talkdep.dll");
    say("FreeLibrary(counted2.dll): %d", FreeLibrary(user));
    loaded("counted2.dll");
    loaded("talkdep.dll");

    say("-- FreeLibraryAndExitThread");
    m = LoadLibraryA("exitlib.dll");
    HANDLE t = CreateThread(NULL, 0, exit_thread, m, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    DWORD code;
    GetExitCodeThread(t, &code);
    say("thread exit code %lu", code);
    loaded("exitlib.dll");

    say("-- a DllMain that refuses");
    SetLastError(0xdeadbeef);
    HMODULE f = LoadLibraryA("failinit.dll");
    error = GetLastError();
    say("LoadLibrary(failinit.dll): %s, error %lu", f ? "loaded" : "NULL", error);
    loaded("failinit.dll");
    loaded("faildep.dll");
    say("-- exit");
    return 0;
}
