/* A DLL that counts its DllMain notifications and, at DLL_PROCESS_DETACH, checks that the threads the
 * program told it about have stopped: their counters no longer move, their exit code is the process's,
 * their handles are signaled. Everything goes out with WriteFile, unbuffered, in program order. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

static LONG thread_attach, thread_detach;
static volatile LONG *watched_counter;
static HANDLE watched[8];
static int watched_count;
static CRITICAL_SECTION *orphan;

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

__declspec(dllexport) void termdll_watch(volatile LONG *counter, HANDLE *threads, int count)
{
    watched_counter = counter;
    for (int i = 0; i < count && i < 8; i++)
        watched[i] = threads[i];
    watched_count = count < 8 ? count : 8;
}

__declspec(dllexport) void termdll_enter_at_detach(CRITICAL_SECTION *cs)
{
    orphan = cs;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    switch (reason) {
    case DLL_PROCESS_ATTACH:
        say("termdll: PROCESS_ATTACH\n");
        break;
    case DLL_THREAD_ATTACH:
        InterlockedIncrement(&thread_attach);
        break;
    case DLL_THREAD_DETACH:
        InterlockedIncrement(&thread_detach);
        break;
    case DLL_PROCESS_DETACH:
        say("termdll: PROCESS_DETACH, process ending: %d, thread attach %ld, thread detach %ld\n",
            reserved != NULL, thread_attach, thread_detach);
        if (watched_counter) {
            LONG before = *watched_counter;
            Sleep(100);
            LONG after = *watched_counter;
            say("termdll: worker counter moved during detach: %s\n", after != before ? "yes" : "no");
        }
        if (watched_count) {
            /* The heap works: no stopped thread holds its lock. */
            int ok = 1;
            for (int i = 0; i < 100; i++) {
                char *p = HeapAlloc(GetProcessHeap(), 0, 1 + i * 300);
                char *q = malloc(1 + i * 200);
                ok &= p != NULL && q != NULL;
                HeapFree(GetProcessHeap(), 0, p);
                free(q);
            }
            say("termdll: heap blocks allocated and freed during detach: %s\n", ok ? "yes" : "no");
        }
        for (int i = 0; i < watched_count; i++) {
            DWORD code = 0xdead;
            BOOL ok = GetExitCodeThread(watched[i], &code);
            DWORD wait = WaitForSingleObject(watched[i], 0);
            say("termdll: thread %d: GetExitCodeThread %d code %lu, wait %lu\n", i, ok, code, wait);
        }
        if (orphan) {
            say("termdll: entering a critical section a stopped thread owns\n");
            EnterCriticalSection(orphan);
            say("termdll: entered it\n");
        }
        break;
    }
    return TRUE;
}
