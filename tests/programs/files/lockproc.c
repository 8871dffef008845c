/* Byte-range locks between processes: a child sees the parent's exclusive and shared locks (LockFileEx
 * with LOCKFILE_FAIL_IMMEDIATELY: ERROR_LOCK_VIOLATION 33 over an exclusive lock, shared over shared
 * granted), and the range once the parent unlocks it. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static BOOL try_lock(HANDLE h, DWORD offset, DWORD length, BOOL exclusive, DWORD *err)
{
    OVERLAPPED ov = {0};
    ov.Offset = offset;
    SetLastError(0);
    BOOL ok = LockFileEx(h, LOCKFILE_FAIL_IMMEDIATELY | (exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0), 0, length, 0, &ov);
    *err = ok ? 0 : GetLastError();
    return ok;
}

static int child(const char *phase)
{
    HANDLE h = CreateFileA("lp.bin", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    DWORD err;
    BOOL ok = try_lock(h, 12, 1, TRUE, &err);
    printf("%s: exclusive at 12: %d err=%lu\n", phase, ok, err);
    ok = try_lock(h, 22, 2, FALSE, &err);
    printf("%s: shared at 22: %d err=%lu\n", phase, ok, err);
    ok = try_lock(h, 22, 2, TRUE, &err);
    printf("%s: exclusive at 22: %d err=%lu\n", phase, ok, err);
    ok = try_lock(h, 40, 5, TRUE, &err);
    printf("%s: exclusive at 40: %d err=%lu\n", phase, ok, err);
    ok = LockFile(h, 24, 0, 1, 0);
    err = ok ? 0 : GetLastError();
    printf("%s: LockFile at 24: %d err=%lu\n", phase, ok, err);
    CloseHandle(h);
    return 0;
}

static void run_child(const char *exe, const char *phase)
{
    char cmd[MAX_PATH + 32];
    snprintf(cmd, sizeof cmd, "\"%s\" %s", exe, phase);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    fflush(stdout);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("CreateProcess: %lu\n", GetLastError());
        return;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1)
        return child(argv[1]);
    char exe[MAX_PATH];
    GetModuleFileNameA(NULL, exe, sizeof exe);
    HANDLE h = CreateFileA("lp.bin", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           CREATE_ALWAYS, 0, NULL);
    DWORD n, err;
    WriteFile(h, "0123456789abcdefghijklmnopqrstuvwxyz0123456789", 46, &n, NULL);
    BOOL ok = try_lock(h, 10, 5, TRUE, &err);
    printf("parent: exclusive 10..14: %d err=%lu\n", ok, err);
    ok = try_lock(h, 20, 5, FALSE, &err);
    printf("parent: shared 20..24: %d err=%lu\n", ok, err);
    ok = try_lock(h, 20, 5, FALSE, &err);
    printf("parent: shared 20..24 again: %d err=%lu\n", ok, err);
    run_child(exe, "child1");
    ok = UnlockFile(h, 10, 0, 5, 0);
    printf("parent: unlock 10..14: %d\n", ok);
    ok = UnlockFile(h, 20, 0, 5, 0);
    printf("parent: unlock one shared 20..24: %d\n", ok);
    run_child(exe, "child2");
    ok = UnlockFile(h, 20, 0, 5, 0);
    printf("parent: unlock the other shared 20..24: %d\n", ok);
    run_child(exe, "child3");
    CloseHandle(h);
    DeleteFileA("lp.bin");
    return 0;
}
