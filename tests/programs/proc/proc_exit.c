/* A child's end as its parent sees it: exit codes (main's return, ExitProcess with a full 32-bit value, an
 * access violation 0xC0000005), STILL_ACTIVE (259) and WAIT_TIMEOUT while it runs, TerminateProcess of a
 * sleeping child, GetExitCodeThread of its main thread, WaitForMultipleObjects over process handles and an
 * event (any and all), a DuplicateHandle'd process handle outliving the original, OpenProcess by pid,
 * GetProcessId/GetThreadId against PROCESS_INFORMATION. */
#include "proc.h"

static int child(int argc, char **argv)
{
    if (!strcmp(argv[1], "return"))
        return (int)strtoul(argv[2], NULL, 0);
    if (!strcmp(argv[1], "exit"))
        ExitProcess(strtoul(argv[2], NULL, 0));
    if (!strcmp(argv[1], "crash")) {
        SetErrorMode(SEM_NOGPFAULTERRORBOX);
        *(volatile int *)(ULONG_PTR)strtoul(argv[2], NULL, 0) = 1;
        return 1;
    }
    if (!strcmp(argv[1], "sleep"))
        Sleep(60000);
    return 99;
}

static void start(const WCHAR *args, PROCESS_INFORMATION *pi)
{
    DWORD err;
    if (!spawn_self(args, 0, pi, &err)) {
        printf("CreateProcessW(%ls): 0 error %lu\n", args, err);
        ExitProcess(1);
    }
}

static void exit_code(const WCHAR *args)
{
    PROCESS_INFORMATION pi;
    start(args, &pi);
    DWORD w = WaitForSingleObject(pi.hProcess, 10000), code = 0, tcode = 0;
    WaitForSingleObject(pi.hThread, 10000);
    BOOL ok = GetExitCodeProcess(pi.hProcess, &code);
    BOOL tok = GetExitCodeThread(pi.hThread, &tcode);
    printf("%ls: wait %lu, GetExitCodeProcess %d %#lx, GetExitCodeThread %d %#lx\n", args, w, ok, code, tok, tcode);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

int main(int argc, char **argv)
{
    proc_init();
    if (argc > 2)
        return child(argc, argv);

    exit_code(L"return 0");
    exit_code(L"return 3");
    exit_code(L"return 300");
    exit_code(L"exit 0xDEADBEEF");
    exit_code(L"exit 0xFFFFFFFF");
    exit_code(L"crash 0");
    exit_code(L"crash 0x10");

    PROCESS_INFORMATION a, b;
    start(L"sleep 1", &a);
    DWORD code = 0;
    BOOL ok = GetExitCodeProcess(a.hProcess, &code);
    printf("running: GetExitCodeProcess %d %lu, wait(0) %lu\n", ok, code, WaitForSingleObject(a.hProcess, 0));
    code = 0;
    ok = GetExitCodeThread(a.hThread, &code);
    printf("running: GetExitCodeThread %d %lu, wait(thread, 0) %lu\n", ok, code, WaitForSingleObject(a.hThread, 0));
    printf("GetProcessId matches %d, GetThreadId matches %d, GetProcessIdOfThread matches %d\n",
           GetProcessId(a.hProcess) == a.dwProcessId, GetThreadId(a.hThread) == a.dwThreadId,
           GetProcessIdOfThread(a.hThread) == a.dwProcessId);

    HANDLE opened = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_TERMINATE, FALSE,
                                a.dwProcessId);
    printf("OpenProcess(pid): %d, GetProcessId matches %d\n", opened != NULL, GetProcessId(opened) == a.dwProcessId);
    HANDLE dup = NULL;
    ok = DuplicateHandle(GetCurrentProcess(), a.hProcess, GetCurrentProcess(), &dup, 0, FALSE,
                         DUPLICATE_SAME_ACCESS);
    printf("DuplicateHandle(process): %d\n", ok);

    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    start(L"return 7", &b);
    HANDLE set[3] = {ev, a.hProcess, b.hProcess};
    printf("WaitForMultipleObjects(any; event, sleeping, exiting): %lu\n",
           WaitForMultipleObjects(3, set, FALSE, 10000));
    printf("WaitForMultipleObjects(all, 0): %lu\n", WaitForMultipleObjects(3, set, TRUE, 0));
    SetEvent(ev);
    printf("after SetEvent, WaitForMultipleObjects(any): %lu\n", WaitForMultipleObjects(3, set, FALSE, 10000));
    printf("WaitForMultipleObjects(all, 0): %lu\n", WaitForMultipleObjects(3, set, TRUE, 0));
    CloseHandle(a.hProcess);
    printf("TerminateProcess(opened, 0x1234): %d\n", TerminateProcess(opened, 0x1234));
    printf("WaitForMultipleObjects(all; event, duplicate, exited): %lu\n",
           WaitForMultipleObjects(3, (HANDLE[]){ev, dup, b.hProcess}, TRUE, 10000));
    code = 0;
    ok = GetExitCodeProcess(dup, &code);
    printf("duplicate: GetExitCodeProcess %d %#lx\n", ok, code);
    code = 0;
    WaitForSingleObject(a.hThread, 10000);
    ok = GetExitCodeThread(a.hThread, &code);
    printf("terminated: GetExitCodeThread %d %#lx\n", ok, code);
    code = 0;
    ok = GetExitCodeProcess(opened, &code);
    printf("opened: GetExitCodeProcess %d %#lx\n", ok, code);
    SetLastError(0);
    ok = TerminateProcess(opened, 1);
    printf("TerminateProcess again: %d error %lu\n", ok, GetLastError());
    code = 0;
    GetExitCodeProcess(opened, &code);
    printf("still %#lx\n", code);
    code = 0;
    ok = GetExitCodeProcess(b.hProcess, &code);
    printf("other child: GetExitCodeProcess %d %lu\n", ok, code);
    CloseHandle(a.hThread);
    CloseHandle(dup);
    CloseHandle(opened);
    CloseHandle(b.hThread);
    CloseHandle(b.hProcess);
    CloseHandle(ev);
    return 0;
}
