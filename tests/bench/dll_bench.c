/*
 * Loading and unloading a real DLL (scripts/bench-dll.sh): LoadLibraryA + FreeLibrary of a DLL found
 * beside the program (mingw-w64's libstdc++-6.dll, with libgcc_s_seh-1.dll it imports) in a loop, so each
 * round maps the images, relocates, snaps imports, runs DllMain and unmaps. Prints "NAME US" with NAME
 * "load_free_" and the DLL's name, US microseconds a round. argv[1]: the DLL, argv[2]: the rounds.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: dll_bench DLL ROUNDS\n");
        return 2;
    }
    int n = atoi(argv[2]);
    HMODULE m = LoadLibraryA(argv[1]);   /* once outside the timing: a failure is reported, not timed */
    if (!m || !FreeLibrary(m)) {
        fprintf(stderr, "dll_bench: LoadLibrary(%s) failed, error %lu\n", argv[1], GetLastError());
        return 1;
    }
    LARGE_INTEGER f, a, b;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&a);
    for (int i = 0; i < n; i++) {
        m = LoadLibraryA(argv[1]);
        if (!m || !FreeLibrary(m)) {
            fprintf(stderr, "dll_bench: round %d failed, error %lu\n", i, GetLastError());
            return 1;
        }
    }
    QueryPerformanceCounter(&b);
    printf("load_free_%s %.1f\n", argv[1], (double)(b.QuadPart - a.QuadPart) * 1e6 / (double)f.QuadPart / n);
    return 0;
}
