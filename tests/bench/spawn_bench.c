/*
 * Process creation: N children started and waited for, one after another; prints microseconds per
 * child. Built twice from this file: for Windows (CreateProcessW + WaitForSingleObject, run under ntexec)
 * and for Linux (posix_spawn + waitpid of a static ELF doing the same), by scripts/bench-spawn.sh. The
 * child is this program with the argument "child": it returns 0 at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>

static double now_us(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1e6 / (double)f.QuadPart;
}

static int spawn_and_wait(const char *self)
{
    static WCHAR cmd[1024];
    if (!cmd[0]) {
        char line[1024];
        snprintf(line, sizeof line, "\"%s\" child", self);
        MultiByteToWideChar(CP_UTF8, 0, line, -1, cmd, 1024);
    }
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        return -1;
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return (int)code;
}

static const char *self_path(char *argv0)
{
    static char path[MAX_PATH];
    (void)argv0;
    GetModuleFileNameA(NULL, path, MAX_PATH);
    return path;
}
#else
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int spawn_and_wait(const char *self)
{
    char *argv[] = {(char *)self, "child", NULL};
    pid_t pid;
    if (posix_spawn(&pid, self, NULL, NULL, argv, environ))
        return -1;
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char *self_path(char *argv0)
{
    return argv0;
}
#endif

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child"))
        return 0;
    int n = argc > 1 ? atoi(argv[1]) : 100;
    const char *self = self_path(argv[0]);
    if (spawn_and_wait(self) != 0) {   /* warm-up, and a check that spawning works at all */
        fprintf(stderr, "spawn_bench: cannot start a child\n");
        return 1;
    }
    double start = now_us();
    for (int i = 0; i < n; i++)
        if (spawn_and_wait(self) != 0) {
            fprintf(stderr, "spawn_bench: child %d failed\n", i);
            return 1;
        }
    printf("spawn+wait %.1f\n", (now_us() - start) / n);
    return 0;
}
