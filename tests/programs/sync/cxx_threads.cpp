// g++'s posix thread model with libwinpthread-1.dll, libstdc++-6.dll and libgcc_s_seh-1.dll beside the
// program: std::thread, std::mutex, std::condition_variable with a timeout, std::shared_mutex, thread_local,
// and the CPU clocks winpthreads builds on GetThreadTimes/GetProcessTimes.
#include <windows.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

thread_local int tl_value = 7;

int main()
{
    std::mutex m;
    long counter = 0;
    std::vector<std::thread> pool;
    for (int t = 0; t < 8; t++)
        pool.emplace_back([&] {
            for (int i = 0; i < 20000; i++) {
                std::lock_guard<std::mutex> g(m);
                counter++;
            }
        });
    for (auto &t : pool)
        t.join();
    std::printf("mutex counter: %ld\n", counter);

    std::shared_mutex sm;
    long shared_value = 0, bad = 0;
    std::vector<std::thread> rw;
    for (int t = 0; t < 8; t++)
        rw.emplace_back([&, t] {
            for (int i = 0; i < 5000; i++) {
                if (t % 2) {
                    std::unique_lock<std::shared_mutex> w(sm);
                    shared_value += 2;
                } else {
                    std::shared_lock<std::shared_mutex> r(sm);
                    if (shared_value % 2)
                        bad++;
                }
            }
        });
    for (auto &t : rw)
        t.join();
    std::printf("shared_mutex: value %ld, odd reads %ld\n", shared_value, bad);

    std::condition_variable cv;
    std::unique_lock<std::mutex> lk(m);
    auto t0 = std::chrono::steady_clock::now();
    bool woke = cv.wait_for(lk, std::chrono::milliseconds(50), [] { return false; });
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    lk.unlock();
    std::printf("condition_variable wait_for 50 ms: predicate %d, waited >= 40 ms %d\n", woke,
                waited.count() >= 40);

    int other = 0;
    std::thread([&] { tl_value = 99; other = tl_value; }).join();
    std::printf("thread_local: main %d, other thread %d\n", tl_value, other);

    volatile double x = 0;
    for (int i = 0; i < 30000000; i++)
        x = x + i * 0.5;
    std::printf("clock() advanced: %d\n", std::clock() > 0);
    FILETIME c, e, k, u;
    BOOL ok = GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u);
    ULONGLONG user = ((ULONGLONG)u.dwHighDateTime << 32) | u.dwLowDateTime;
    ULONGLONG total = user + (((ULONGLONG)k.dwHighDateTime << 32) | k.dwLowDateTime);
    std::printf("GetThreadTimes: %d, user time after a busy loop > 0: %d\n", ok, user > 0);
    ok = GetProcessTimes(GetCurrentProcess(), &c, &e, &k, &u);
    ULONGLONG ptotal = (((ULONGLONG)u.dwHighDateTime << 32) | u.dwLowDateTime) +
                       (((ULONGLONG)k.dwHighDateTime << 32) | k.dwLowDateTime);
    std::printf("GetProcessTimes: %d, process CPU time >= the thread's %d\n", ok, ptotal >= total);
    std::printf("hardware_concurrency > 0: %d\n", std::thread::hardware_concurrency() > 0);
    return 0;
}
