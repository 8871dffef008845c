/*
 * A DllMain that raises during LoadLibrary (issue #13): raiser.dll raises a software exception and faulter.dll
 * writes through a null pointer while attaching, and neither handles it. The load fails with the exception's
 * code as its status, and what it brought in (raiser.dll's dependency raisedep.dll) goes again, as when
 * DllMain answers FALSE; the program goes on.
 */
#include "say.h"

static void try_load(const char *name)
{
    SetLastError(0xdeadbeef);
    HMODULE h = LoadLibraryA(name);
    DWORD error = GetLastError();
    say("LoadLibrary(%s): %s, error %lu", name, h ? "loaded" : "NULL", h ? 0 : error);
}

int main(void)
{
    try_load("raiser.dll");
    say("    raiser.dll loaded: %s, raisedep.dll loaded: %s", GetModuleHandleA("raiser.dll") ? "yes" : "no",
        GetModuleHandleA("raisedep.dll") ? "yes" : "no");
    try_load("faulter.dll");
    say("    faulter.dll loaded: %s", GetModuleHandleA("faulter.dll") ? "yes" : "no");
    try_load("counted.dll");
    say("-- exit");
    return 0;
}
