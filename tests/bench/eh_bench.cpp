/*
 * A C++ throw/catch round trip (scripts/bench-eh.sh): an int thrown two frames below its handler, caught
 * and counted, in a loop. Built with mingw-w64's g++ -static (SEH unwinding: RtlUnwindEx and the frame
 * handlers under ntexec or Wine) and natively with g++ (DWARF unwinding) as a reference.
 * Prints "throw_catch_ns X". argv[1]: the number of round trips.
 */
#include <chrono>
#include <cstdio>
#include <cstdlib>

static volatile int depth_guard;

__attribute__((noinline)) static void thrower(int i)
{
    if (depth_guard >= 0)
        throw i;
}

__attribute__((noinline)) static void middle(int i)
{
    thrower(i);
    depth_guard++;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    long caught = 0;
    for (int i = 0; i < 100; i++)   // warm-up: the first throw loads and registers the unwind tables
        try { middle(i); } catch (int) { caught++; }
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; i++)
        try { middle(i); } catch (int v) { caught += v == i; }
    std::chrono::duration<double, std::nano> dt = std::chrono::steady_clock::now() - start;
    if (caught != 100 + n) {
        std::fprintf(stderr, "eh_bench: caught %ld of %d\n", caught, 100 + n);
        return 1;
    }
    std::printf("throw_catch_ns %.1f\n", dt.count() / n);
    return 0;
}
