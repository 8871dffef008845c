/* Many children in a row: CreateProcessW + WaitForSingleObject + GetExitCodeProcess + CloseHandle x2, each
 * child returning a different code; the parent prints how many codes were wrong and whether its own handle
 * count (GetProcessHandleCount) and private memory (K32GetProcessMemoryInfo) came back to where they were,
 * i.e. nothing of a finished child stays behind in the parent.  `proc_many.exe [N [hold]]` (default 1000). */
#include "proc.h"
#include <psapi.h>

static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX pmc = {sizeof pmc};
    K32GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc);
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
            return -1;
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
    /* "hold": stop at the start and at the end, each time printing a line and reading one from stdin, so that a
     * harness (tests/e2e/proc_many_host) can look at the host process from outside at both points. */
    int hold = argc > 2 && !strcmp(argv[2], "hold");
    char line[16];
    if (hold) {
        printf("start\n");
        fgets(line, sizeof line, stdin);
    }
    /* A few children first, so that whatever the first CreateProcess sets up once is already there. */
    int wrong = run_children(0, 10);
    DWORD before = 0, after = 0;
    GetProcessHandleCount(GetCurrentProcess(), &before);
    SIZE_T mem_before = private_bytes();
    wrong += run_children(10, total - 10);
    GetProcessHandleCount(GetCurrentProcess(), &after);
    SIZE_T mem_after = private_bytes();
    printf("%d children, %d wrong exit codes\n", total, wrong);
    printf("handle count after == before: %d\n", after == before);
    if (after != before)
        printf("  before %lu after %lu\n", before, after);
    printf("private bytes grew by less than 1 MB: %d\n", mem_after < mem_before + 1024 * 1024);
    if (hold) {
        printf("end\n");
        fgets(line, sizeof line, stdin);
    }
    return 0;
}
