/* The cost of a call into a builtin DLL (scripts/bench-trace.sh, and scripts/bench-api.sh beside Wine): ns
 * per call of some kernel32 functions (trivial ones, a string one, the two clocks, the thread id) and of an
 * object's life (CreateEvent + CloseHandle), each over a loop, printed as "NAME NS" lines. argv[1]: the
 * calls of each loop (default 2000000); the event loop makes a twentieth of them, as each round is a
 * kernel object (and under Wine a wineserver request). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static int CALLS = 2000000;

static double ns_per_call(LONGLONG start, LONGLONG end, LONGLONG frequency)
{
    return (double)(end - start) * 1e9 / (double)frequency / CALLS;
}

int main(int argc, char **argv)
{
    if (argc > 1 && atoi(argv[1]) >= 20)
        CALLS = atoi(argv[1]);
    LARGE_INTEGER f, a, b;
    QueryPerformanceFrequency(&f);
    volatile DWORD sink = 0;

    QueryPerformanceCounter(&a);
    for (int i = 0; i < CALLS; i++)
        sink += GetLastError();
    QueryPerformanceCounter(&b);
    printf("GetLastError %.1f\n", ns_per_call(a.QuadPart, b.QuadPart, f.QuadPart));

    QueryPerformanceCounter(&a);
    for (int i = 0; i < CALLS; i++)
        sink += GetCurrentProcessId();
    QueryPerformanceCounter(&b);
    printf("GetCurrentProcessId %.1f\n", ns_per_call(a.QuadPart, b.QuadPart, f.QuadPart));

    QueryPerformanceCounter(&a);
    for (int i = 0; i < CALLS; i++)
        sink += (DWORD)lstrlenA("sixteen chars...");
    QueryPerformanceCounter(&b);
    printf("lstrlenA %.1f\n", ns_per_call(a.QuadPart, b.QuadPart, f.QuadPart));

    QueryPerformanceCounter(&a);
    for (int i = 0; i < CALLS; i++)
        sink += GetTickCount();
    QueryPerformanceCounter(&b);
    printf("GetTickCount %.1f\n", ns_per_call(a.QuadPart, b.QuadPart, f.QuadPart));

    LARGE_INTEGER c;
    QueryPerformanceCounter(&a);
    for (int i = 0; i < CALLS; i++) {
        QueryPerformanceCounter(&c);
        sink += (DWORD)c.LowPart;
    }
    QueryPerformanceCounter(&b);
    printf("QueryPerformanceCounter %.1f\n", ns_per_call(a.QuadPart, b.QuadPart, f.QuadPart));

    QueryPerformanceCounter(&a);
    for (int i = 0; i < CALLS; i++)
        sink += GetCurrentThreadId();
    QueryPerformanceCounter(&b);
    printf("GetCurrentThreadId %.1f\n", ns_per_call(a.QuadPart, b.QuadPart, f.QuadPart));

    int rounds = CALLS / 20;
    QueryPerformanceCounter(&a);
    for (int i = 0; i < rounds; i++) {
        HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
        if (!e) {
            fprintf(stderr, "apicall_bench: CreateEvent failed, error %lu\n", GetLastError());
            return 1;
        }
        CloseHandle(e);
    }
    QueryPerformanceCounter(&b);
    printf("CreateEvent+CloseHandle %.1f\n", (double)(b.QuadPart - a.QuadPart) * 1e9 / (double)f.QuadPart / rounds);
    return 0;
}
