/*
 * Native over builtin (issue #13): which version.dll LoadLibrary gives, the builtin (System32) or the one
 * beside the program (fakeversion.c, whose GetFileVersionInfoSizeW answers 4242). The program asks once,
 * then sets NTEXEC_DLL_OVERRIDES=version=native and starts itself again, as a child inheriting it.
 */
#include "say.h"

static void which(const char *who)
{
    HMODULE h = LoadLibraryA("version.dll");
    char path[MAX_PATH], app[MAX_PATH];
    GetModuleFileNameA(h, path, sizeof path);
    GetModuleFileNameA(NULL, app, sizeof app);
    *strrchr(path, '\\') = 0;
    *strrchr(app, '\\') = 0;
    DWORD(WINAPI * size)(LPCWSTR, LPDWORD) = (void *)GetProcAddress(h, "GetFileVersionInfoSizeW");
    DWORD handle;
    say("%s: version.dll from %s, GetFileVersionInfoSizeW(nowhere.exe) = %lu", who,
        !_stricmp(path, app) ? "the application directory" : "System32", size ? size(L"nowhere.exe", &handle) : 0);
}

int main(int argc, char **argv)
{
    which(argc > 1 ? "child" : "parent");
    if (argc > 1)
        return 0;
    SetEnvironmentVariableA("NTEXEC_DLL_OVERRIDES", "winmm,version=native");
    char cmd[MAX_PATH + 16];
    GetModuleFileNameA(NULL, cmd + 1, MAX_PATH);
    cmd[0] = '"';
    strcat(cmd, "\" child");
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        return 1;
    WaitForSingleObject(pi.hProcess, INFINITE);
    return 0;
}
