/*
 * Images the loader must take or refuse as Windows does (issue #13): exports forwarded to API sets, an
 * image without relocations whose base is taken (STATUS_CONFLICTING_ADDRESSES), an image with a CLR
 * header, which needs the .NET runtime (mscoree.dll), and imports bound for another machine (bound.dll is
 * counted2.dll with its IAT full of stale addresses), which the loader binds again.
 */
#include "say.h"

static void try_load(const char *name)
{
    SetLastError(0xdeadbeef);
    HMODULE h = LoadLibraryA(name);
    DWORD error = GetLastError();
    say("LoadLibrary(%s): %s, error %lu", name, h ? "loaded" : "NULL", h ? 0 : error);
    if (h)
        FreeLibrary(h);
}

int main(void)
{
    HMODULE fwd = LoadLibraryA("fwdapi.dll");
    HMODULE ucrt = LoadLibraryA("ucrtbase.dll");
    say("fwdapi.dll: %s", fwd ? "loaded" : "NULL");
    say("fwd_strlen is ucrtbase's strlen: %d", GetProcAddress(fwd, "fwd_strlen") == GetProcAddress(ucrt, "strlen"));
    size_t (*my_strlen)(const char *) = (void *)GetProcAddress(fwd, "fwd_strlen");
    say("fwd_strlen(\"forward\") = %d", my_strlen ? (int)my_strlen("forward") : -1);
    DWORD (WINAPI *pid)(void) = (void *)GetProcAddress(fwd, "fwd_getpid");
    say("fwd_getpid() is GetCurrentProcessId(): %d", pid && pid() == GetCurrentProcessId());
    SetLastError(0xdeadbeef);
    FARPROC missing = GetProcAddress(fwd, "fwd_missing");
    DWORD error = GetLastError();
    say("fwd_missing: %s, error %lu", missing ? "found" : "NULL", error);

    HMODULE fixed = LoadLibraryA("fixedbase.dll");
    say("fixedbase.dll (no relocations): %s", fixed ? "loaded at its base" : "NULL");
    try_load("samebase.dll");
    try_load("clrdll.dll");
    HMODULE bound = LoadLibraryA("bound.dll");
    int (*dep_id)(void) = bound ? (void *)GetProcAddress(bound, "talker_dep_id") : NULL;
    say("bound.dll: %s, talker_dep_id() = %d", bound ? "loaded" : "NULL", dep_id ? dep_id() : -1);
    return 0;
}
