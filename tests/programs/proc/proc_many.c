/* Many children in a row: CreateProcessW + WaitForSingleObject + GetExitCodeProcess + CloseHandle x2, each
 * child returning a different code; the parent prints how many codes were wrong and whether its own handle
 * count (GetProcessHandleCount) and private memory (K32GetProcessMemoryInfo) came back to where they were,
 * i.e. nothing of a finished child stays behind in the parent.  `proc_many.exe [N [hold]]` (default 1000). */
#include "proc.h"
#include <psapi.h>

/* Looked up at run time, so that the "hold" case runs where kernel32 lacks them. */
static BOOL(WINAPI *p_GetProcessHandleCount)(HANDLE, DWORD *);
static BOOL(WINAPI *p_K32GetProcessMemoryInfo)(HANDLE, PROCESS_MEMORY_COUNTERS *, DWORD);

static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX pmc = {sizeof pmc};
    p_K32GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc);
    return pmc.PrivateUsage;
}

static int run_children(int from, int count)
{
    int wrong = 0;
    for (int i = from; i < from + count; i++) {
        WCHAR cmd[32];
        swprintf(cmd, 32, L"x %d", i);
        STARTUPINFOW si = {sizeof si};
        PROCESS_INFORMATION pi;
        if (!CreateProcessW(g_self, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
            printf("child %d: CreateProcessW error %lu\n", i, GetLastError());
            wrong++;
            continue;
        }
        DWORD code = 0;
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        wrong += code != (DWORD)(i * 7919 % 100000);
    }
    return wrong;
}

int main(int argc, char **argv)
{
    proc_init();
    if (argc > 1 && !strcmp(argv[0], "x"))
        return atoi(argv[1]) * 7919 % 100000;
    int total = argc > 1 ? atoi(argv[1]) : 1000;
    /* "hold": stop after the first children and at the end, each time printing a line and reading one from
     * stdin, so that a harness (tests/e2e/proc_many_host) can look at the host process from outside at both. */
    int hold = argc > 2 && !strcmp(argv[2], "hold");
    char line[16];
    /* A few children first, so that whatever the first CreateProcess sets up once is already there. */
    int wrong = run_children(0, 10);
    if (hold) {
        printf("start\n");
        fgets(line, sizeof line, stdin);
        /* The host's view only (the harness counts its fds and children): the guest's own counts need
         * GetProcessHandleCount and K32GetProcessMemoryInfo, which the case without "hold" checks. */
        wrong += run_children(10, total - 10);
        printf("%d children, %d wrong exit codes\n", total, wrong);
        printf("end\n");
        fgets(line, sizeof line, stdin);
        return 0;
    }
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    p_GetProcessHandleCount = (void *)GetProcAddress(k32, "GetProcessHandleCount");
    p_K32GetProcessMemoryInfo = (void *)GetProcAddress(k32, "K32GetProcessMemoryInfo");
    if (!p_GetProcessHandleCount || !p_K32GetProcessMemoryInfo) {
        printf("kernel32 lacks GetProcessHandleCount %d K32GetProcessMemoryInfo %d\n", !p_GetProcessHandleCount,
               !p_K32GetProcessMemoryInfo);
        return 1;
    }
    DWORD before = 0, after = 0;
    p_GetProcessHandleCount(GetCurrentProcess(), &before);
    SIZE_T mem_before = private_bytes();
    wrong += run_children(10, total - 10);
    p_GetProcessHandleCount(GetCurrentProcess(), &after);
    SIZE_T mem_after = private_bytes();
    printf("%d children, %d wrong exit codes\n", total, wrong);
    printf("handle count after == before: %d\n", after == before);
    if (after != before)
        printf("  before %lu after %lu\n", before, after);
    printf("private bytes grew by less than 1 MB: %d\n", mem_after < mem_before + 1024 * 1024);
    return 0;
}
