/* psapi: this process's modules from the loader's list (EnumProcessModules, GetModuleBaseName,
 * GetModuleFileNameEx, GetModuleInformation, A and W), GetProcessMemoryInfo, and their errors. EnumProcesses
 * is left out until the kernel answers SystemProcessInformation. Module counts and addresses differ from
 * system to system, so the program prints relations between them. */
#ifndef PSAPI_VERSION
#define PSAPI_VERSION 1   /* import psapi.dll itself; smalldll/k32/psapi_mods.exe is built with version 2, which maps the
                           * names to kernel32's K32 functions, as programs built for Windows 7 and later do */
#endif
#include <windows.h>
#include <psapi.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    HANDLE proc = GetCurrentProcess();
    HMODULE exe = GetModuleHandleW(NULL), k32 = GetModuleHandleW(L"kernel32.dll");
    HMODULE mods[256];
    DWORD needed = 0;
    BOOL ok = EnumProcessModules(proc, mods, sizeof mods, &needed);
    DWORD n = needed / sizeof(HMODULE);
    int has_k32 = 0;
    for (DWORD i = 0; i < n && i < 256; i++)
        has_k32 |= mods[i] == k32;
    printf("enum: ok=%d whole=%d several=%d first_is_exe=%d has_kernel32=%d\n", ok, needed % sizeof(HMODULE) == 0,
           n >= 2, mods[0] == exe, has_k32);
    HMODULE one[1] = {0};
    DWORD needed1 = 0;
    ok = EnumProcessModules(proc, one, sizeof one, &needed1);
    printf("enum short: ok=%d needed_same=%d first_is_exe=%d\n", ok, needed1 == needed, one[0] == exe);
    needed1 = 0;
    ok = EnumProcessModulesEx(proc, mods, sizeof mods, &needed1, LIST_MODULES_ALL);
    printf("enum ex all: ok=%d needed_same=%d\n", ok, needed1 == needed);
    SetLastError(0);
    ok = EnumProcessModulesEx(proc, mods, sizeof mods, &needed1, 7);
    printf("enum ex bad filter: ok=%d err=%lu\n", ok, GetLastError());

    WCHAR name[MAX_PATH];
    DWORD len = GetModuleBaseNameW(proc, NULL, name, MAX_PATH);
    printf("base exe: %lu [%ls]\n", len, name);
    len = GetModuleBaseNameW(proc, k32, name, MAX_PATH);
    printf("base kernel32: %lu is_kernel32=%d\n", len, _wcsicmp(name, L"kernel32.dll") == 0);
    memset(name, 'x', sizeof name);
    SetLastError(0);
    len = GetModuleBaseNameW(proc, NULL, name, 5);
    printf("base short: %lu [%.5ls] nul_at_4=%d err=%lu\n", len, name, name[4] == 0, GetLastError());
    char aname[MAX_PATH];
    len = GetModuleBaseNameA(proc, NULL, aname, MAX_PATH);
    printf("base A: %lu [%s]\n", len, aname);
    SetLastError(0);
    len = GetModuleBaseNameW(proc, (HMODULE)0x12340000, name, MAX_PATH);
    printf("base bad module: %lu err=%lu\n", len, GetLastError());

    WCHAR self[MAX_PATH], full[MAX_PATH];
    DWORD selflen = GetModuleFileNameW(NULL, self, MAX_PATH);
    len = GetModuleFileNameExW(proc, NULL, full, MAX_PATH);
    printf("file exe: same=%d\n", len == selflen && !wcscmp(full, self));
    len = GetModuleFileNameExW(proc, exe, full, MAX_PATH);
    printf("file exe by handle: same=%d\n", len == selflen && !wcscmp(full, self));
    memset(full, 'x', sizeof full);
    SetLastError(0);
    len = GetModuleFileNameExW(proc, NULL, full, 5);
    printf("file short: %lu same_start=%d nul_at_4=%d\n", len, !wcsncmp(full, self, 4), full[4] == 0);
    char afull[MAX_PATH], aself[MAX_PATH];
    GetModuleFileNameA(NULL, aself, MAX_PATH);
    len = GetModuleFileNameExA(proc, NULL, afull, MAX_PATH);
    printf("file A: same=%d\n", len == strlen(aself) && !strcmp(afull, aself));
    memset(afull, 'x', sizeof afull);
    len = GetModuleFileNameExA(proc, NULL, afull, 5);
    printf("file A short: %lu same_start=%d nul_at_4=%d\n", len, !strncmp(afull, aself, 4), afull[4] == 0);
    memset(aname, 'x', sizeof aname);
    len = GetModuleBaseNameA(proc, NULL, aname, 5);
    printf("base A short: %lu [%.5s] nul_at_4=%d\n", len, aname, aname[4] == 0);
    SetLastError(0);
    len = GetModuleFileNameExW(proc, (HMODULE)0x12340000, full, MAX_PATH);
    printf("file bad module: %lu err=%lu\n", len, GetLastError());

    MODULEINFO mi;
    ok = GetModuleInformation(proc, exe, &mi, sizeof mi);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((BYTE *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
    printf("info exe: ok=%d base=%d size=%d entry=%d\n", ok, mi.lpBaseOfDll == exe,
           mi.SizeOfImage == nt->OptionalHeader.SizeOfImage,
           mi.EntryPoint == (BYTE *)exe + nt->OptionalHeader.AddressOfEntryPoint);
    SetLastError(0);
    ok = GetModuleInformation(proc, exe, &mi, sizeof mi - 1);
    printf("info short: ok=%d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = GetModuleInformation(proc, (HMODULE)0x12340000, &mi, sizeof mi);
    printf("info bad module: ok=%d err=%lu\n", ok, GetLastError());

    /* The _EX form: kernel32's K32GetProcessMemoryInfo in ntexec still refuses the 72-byte form (its size check
     * counts 80), which is kernel32's to fix; cb is left out as Wine fills only the first 72 bytes. */
    PROCESS_MEMORY_COUNTERS_EX pmc;
    ok = GetProcessMemoryInfo(proc, (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc);
    printf("memory: ok=%d ws=%d peak=%d\n", ok, pmc.WorkingSetSize > 0,
           pmc.PeakWorkingSetSize >= pmc.WorkingSetSize);
    SetLastError(0);
    ok = GetProcessMemoryInfo(proc, (PROCESS_MEMORY_COUNTERS *)&pmc, 8);
    printf("memory short: ok=%d err=%lu\n", ok, GetLastError());

    return 0;
}
