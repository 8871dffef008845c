/* The cost of a call into a builtin DLL (scripts/bench-trace.sh): ns per call of some kernel32 functions
 * (trivial ones, a string one, the two clocks), each over a loop, printed as "NAME NS" lines. */
#include <windows.h>
#include <stdio.h>

#define CALLS 2000000

static double ns_per_call(LONGLONG start, LONGLONG end, LONGLONG frequency)
{
    return (double)(end - start) * 1e9 / (double)frequency / CALLS;
}

int main(void)
{
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
    return 0;
}
