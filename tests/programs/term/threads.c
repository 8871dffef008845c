/* How a process ends while other threads run (tests/e2e/term_*):
 *   exitprocess  main calls ExitProcess(3) while a worker loops (counting, writing a line to worker.log
 *                with WriteFile per iteration), one allocates and frees heap blocks in a loop, and four
 *                are blocked (Sleep(INFINITE), an infinite wait on an event, a wait on a mutex main
 *                holds, Sleep(INFINITE) inside a critical section)
 *   return       the same, but main returns 4 from main (exit() -> ExitProcess)
 *   terminate    a worker calls TerminateProcess(GetCurrentProcess(), 7) while main waits for it
 *   exitthread   main calls ExitThread(9); the worker, last thread, sees it ended and calls ExitThread(5)
 *   orphan       a worker owns a critical section (and sleeps) when main calls ExitProcess(3); termdll's
 *                detach then enters it: Windows (Vista and later) ends the process there
 *   terminatethread  main calls TerminateThread on a worker that owns a mutex and sleeps, and on one that
 *                loops, then returns 8: their exit codes, the abandoned mutex, no THREAD_DETACH for them
 *   stdin        a worker blocks in ReadFile on stdin (run it with a pipe nobody writes to) while main
 *                returns 6
 * termdll.dll's DllMain reports its notifications and checks, at PROCESS_DETACH, that the threads stopped. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

__declspec(dllimport) void termdll_watch(volatile LONG *counter, HANDLE *threads, int count);
__declspec(dllimport) void termdll_enter_at_detach(CRITICAL_SECTION *cs);

static volatile LONG counter, allocs;
static CRITICAL_SECTION cs;
static HANDLE never_set, held_mutex, ready;
static LONG started, needed = 6;

static void say(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    DWORD done;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, (DWORD)n, &done, NULL);
}

static void on_exit(void)
{
    LONG before = counter;
    Sleep(100);
    say("atexit: worker counter moved during atexit: %s\n", counter != before ? "yes" : "no");
}

static void up(void)
{
    if (InterlockedIncrement(&started) == needed)
        SetEvent(ready);
}

static DWORD WINAPI looper(LPVOID arg)
{
    (void)arg;
    HANDLE log = CreateFileA("worker.log", GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    up();
    for (;;) {
        char line[32];
        int n = snprintf(line, sizeof line, "worker %ld\n", counter);
        DWORD done;
        WriteFile(log, line, (DWORD)n, &done, NULL);
        InterlockedIncrement(&counter);
    }
    return 10;
}

static DWORD WINAPI sleeper(LPVOID arg)
{
    (void)arg;
    up();
    Sleep(INFINITE);
    say("sleeper woke\n");
    return 11;
}

static DWORD WINAPI waiter(LPVOID arg)
{
    (void)arg;
    up();
    DWORD r = WaitForSingleObject(never_set, INFINITE);
    say("waiter woke: %lu\n", r);
    return 12;
}

static DWORD WINAPI mutex_waiter(LPVOID arg)
{
    (void)arg;
    up();
    DWORD r = WaitForSingleObject(held_mutex, INFINITE);
    say("mutex waiter woke: %lu\n", r);
    return 13;
}

static DWORD WINAPI mutex_holder(LPVOID arg)
{
    (void)arg;
    WaitForSingleObject(held_mutex, INFINITE);
    up();
    Sleep(INFINITE);
    say("mutex holder woke\n");
    return 17;
}

static DWORD WINAPI cs_holder(LPVOID arg)
{
    (void)arg;
    EnterCriticalSection(&cs);
    up();
    Sleep(INFINITE);
    say("cs holder woke\n");
    return 15;
}

static DWORD WINAPI allocator(LPVOID arg)
{
    (void)arg;
    up();
    for (unsigned i = 0;; i++) {
        size_t size = 1 + (i * 7919u) % 20000;
        char *p = malloc(size);
        memset(p, 1, size);
        free(p);
        InterlockedIncrement(&allocs);
    }
    return 16;
}

static DWORD WINAPI reader(LPVOID arg)
{
    (void)arg;
    char buf[16];
    DWORD got = 0;
    SetEvent(ready);
    BOOL ok = ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf, sizeof buf, &got, NULL);
    say("reader: ReadFile %d, %lu bytes\n", ok, got);
    return 14;
}

static DWORD WINAPI terminator(LPVOID arg)
{
    (void)arg;
    Sleep(50);
    TerminateProcess(GetCurrentProcess(), 7);
    say("TerminateProcess returned\n");
    return 0;
}

static DWORD WINAPI last_thread(LPVOID arg)
{
    HANDLE main_thread = arg;
    DWORD r = WaitForSingleObject(main_thread, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(main_thread, &code);
    say("worker: main thread ended (wait %lu), exit code %lu\n", r, code);
    ExitThread(5);
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "exitprocess";
    /* exit() runs atexit handlers before ExitProcess, while the other threads still run; ExitProcess
     * alone does not run the program's own (mingw-w64's) atexit table. */
    if (strcmp(how, "return") == 0 || strcmp(how, "terminate") == 0)
        atexit(on_exit);
    if (strcmp(how, "stdin") == 0) {
        /* A worker blocked reading stdin (a pipe nobody writes to) while main returns. */
        ready = CreateEventA(NULL, TRUE, FALSE, NULL);
        CreateThread(NULL, 0, reader, NULL, 0, NULL);
        WaitForSingleObject(ready, INFINITE);
        Sleep(50);
        say("main: returning while the reader waits\n");
        return 6;
    }
    if (strcmp(how, "orphan") == 0) {
        InitializeCriticalSection(&cs);
        ready = CreateEventA(NULL, TRUE, FALSE, NULL);
        needed = 1;
        CreateThread(NULL, 0, cs_holder, NULL, 0, NULL);
        WaitForSingleObject(ready, INFINITE);
        termdll_enter_at_detach(&cs);
        say("main: a worker owns the critical section, ending with ExitProcess(3)\n");
        ExitProcess(3);
    }
    if (strcmp(how, "terminatethread") == 0) {
        held_mutex = CreateMutexA(NULL, FALSE, NULL);
        ready = CreateEventA(NULL, TRUE, FALSE, NULL);
        needed = 2;
        HANDLE holder = CreateThread(NULL, 0, mutex_holder, NULL, 0, NULL);
        HANDLE loop = CreateThread(NULL, 0, looper, NULL, 0, NULL);
        WaitForSingleObject(ready, INFINITE);
        while (counter < 1000)
            Sleep(1);
        BOOL ok1 = TerminateThread(holder, 42);
        BOOL ok2 = TerminateThread(loop, 43);
        say("TerminateThread: %d %d\n", ok1, ok2);
        DWORD w1 = WaitForSingleObject(holder, 5000), w2 = WaitForSingleObject(loop, 5000);
        DWORD c1 = 0, c2 = 0;
        GetExitCodeThread(holder, &c1);
        GetExitCodeThread(loop, &c2);
        say("waits %lu %lu, exit codes %lu %lu\n", w1, w2, c1, c2);
        LONG before = counter;
        Sleep(100);
        say("terminated looper moved on: %s\n", counter != before ? "yes" : "no");
        say("mutex of the terminated holder: wait %lu\n", WaitForSingleObject(held_mutex, 0));
        return 8;
    }
    if (strcmp(how, "terminate") == 0) {
        HANDLE t = CreateThread(NULL, 0, terminator, NULL, 0, NULL);
        DWORD r = WaitForSingleObject(t, INFINITE);
        say("main woke: %lu\n", r);
        return 1;
    }
    if (strcmp(how, "exitthread") == 0) {
        HANDLE self;
        DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &self, 0, FALSE,
                        DUPLICATE_SAME_ACCESS);
        CreateThread(NULL, 0, last_thread, self, 0, NULL);
        ExitThread(9);
    }
    never_set = CreateEventA(NULL, TRUE, FALSE, NULL);
    held_mutex = CreateMutexA(NULL, TRUE, NULL);   /* main owns it */
    ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    InitializeCriticalSection(&cs);
    HANDLE threads[6];
    threads[0] = CreateThread(NULL, 0, looper, NULL, 0, NULL);
    threads[1] = CreateThread(NULL, 0, sleeper, NULL, 0, NULL);
    threads[2] = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    threads[3] = CreateThread(NULL, 0, mutex_waiter, NULL, 0, NULL);
    threads[4] = CreateThread(NULL, 0, cs_holder, NULL, 0, NULL);
    threads[5] = CreateThread(NULL, 0, allocator, NULL, 0, NULL);
    WaitForSingleObject(ready, INFINITE);
    while (counter < 1000 || allocs < 1000)
        Sleep(1);
    termdll_watch(&counter, threads, 6);
    say("main: workers running, ending with %s\n", how);
    if (strcmp(how, "return") == 0)
        return 4;
    ExitProcess(3);
}
