/*
 * A CPU-bound loop (scripts/bench-cpu.sh), built twice from this one source: for Windows (mingw-w64, run
 * under ntexec and Wine) and as a native ELF. Guest code runs natively under ntexec, so the two should take
 * the same time; a difference would come from the build (same gcc version, other code generation) or from
 * something stealing the CPU (signals, timers). Prints "hash_loop_ms X" and "checksum X" (the same for both
 * builds, and it keeps the loop from being optimized away). argv[1]: millions of iterations.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef _WIN32
#include <windows.h>

static double now_ms(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1e3 / (double)f.QuadPart;
}
#else
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
#endif

/* A 64-bit mix (splitmix64's finalizer) folded over a counter: one dependency chain of multiplies and
 * shifts, no memory traffic, nothing the compiler can vectorize or hoist. */
static uint64_t hash_loop(uint64_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u;
    for (uint64_t i = 0; i < n; i++) {
        h ^= i;
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9u;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBu;
        h ^= h >> 31;
    }
    return h;
}

int main(int argc, char **argv)
{
    uint64_t n = (uint64_t)(argc > 1 ? atoi(argv[1]) : 30) * 1000000u;
    double start = now_ms();
    uint64_t h = hash_loop(n);
    printf("hash_loop_ms %.1f\n", now_ms() - start);
    printf("checksum %016" PRIx64 "\n", h);
    return 0;
}
