/*
 * GenerateConsoleCtrlEvent across processes: CTRL_BREAK_EVENT to a CREATE_NEW_PROCESS_GROUP child's group
 * reaches that child only; to group 0 it reaches every process of the console (the other child and the
 * caller itself); an event other than CTRL_C/CTRL_BREAK is ERROR_INVALID_PARAMETER. Each child waits up to
 * 5 s for an event and prints what its handler saw; the parent prints only after the children are done.
 */
#include <stdio.h>
#include <windows.h>

static volatile LONG got = -1;

static BOOL WINAPI handler(DWORD event)
{
    got = (LONG)event;
    return TRUE;
}

static void wait_event(void)
{
    for (int i = 0; i < 500 && got < 0; i++)
        Sleep(10);
}

int main(int argc, char **argv)
{
    SetConsoleCtrlHandler(handler, TRUE);
    if (argc > 1) {
        wait_event();
        printf("child %s: handler saw event %ld\n", argv[1], got);
        fflush(stdout);
        return 0;
    }
    char self[MAX_PATH], cmd[MAX_PATH + 32];
    GetModuleFileNameA(NULL, self, MAX_PATH);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION same, group;
    snprintf(cmd, sizeof cmd, "\"%s\" same-group", self);
    BOOL ok1 = CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &same);
    snprintf(cmd, sizeof cmd, "\"%s\" new-group", self);
    BOOL ok2 = CreateProcessA(NULL, cmd, NULL, NULL, FALSE, CREATE_NEW_PROCESS_GROUP, NULL, NULL, &si, &group);
    if (!ok1 || !ok2)
        return 1;
    Sleep(200);   /* both children have registered their handlers */
    BOOL to_group = GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, group.dwProcessId);
    WaitForSingleObject(group.hProcess, INFINITE);
    BOOL to_all = GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0);
    WaitForSingleObject(same.hProcess, INFINITE);
    wait_event();
    BOOL bad = GenerateConsoleCtrlEvent(7, 0);
    DWORD bad_error = GetLastError();
    printf("parent: to the new group %d, to the console %d\n", to_group, to_all);
    printf("parent: handler saw event %ld\n", got);
    printf("parent: event 7: %d, error %lu\n", bad, bad_error);
    return 0;
}
