// C++ exceptions as mingw-w64 g++ builds them: libgcc's SEH personality drives RtlUnwindEx and raises a
// second exception from inside the unwind to reach each landing pad (a collided unwind).
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

static int live;

struct Guard {
    const char *name;
    explicit Guard(const char *n) : name(n) { live++; }
    ~Guard() { live--; std::printf("  ~%s\n", name); }
};

struct Error {
    int code;
};

static void __attribute__((noinline)) deepest(int v)
{
    Guard g("deepest");
    if (v)
        throw Error{v};
}
static void __attribute__((noinline)) middle(int v) { Guard g("middle"); deepest(v); }

static int __attribute__((noinline)) rethrows()
{
    try {
        middle(2);
    } catch (Error &e) {
        std::printf("  first catch %d, rethrowing\n", e.code);
        e.code = 3;
        throw;
    }
    return 0;
}

int main()
{
    std::printf("1. destructors run innermost first on the way to the catch:\n");
    try {
        Guard g("main");
        middle(1);
    } catch (const Error &e) {
        std::printf("  caught %d, live guards %d\n", e.code, live);
    }

    std::printf("2. rethrow keeps the exception object:\n");
    try {
        rethrows();
    } catch (const Error &e) {
        std::printf("  caught %d\n", e.code);
    }

    std::printf("3. throw from a catch block:\n");
    try {
        try {
            throw 1;
        } catch (int) {
            Guard g("in catch");
            throw std::string("from the catch block");
        }
    } catch (const std::string &s) {
        std::printf("  caught \"%s\"\n", s.c_str());
    }

    std::printf("4. library exceptions:\n");
    try {
        std::vector<int> v(3);
        v.at(7) = 1;
    } catch (const std::out_of_range &) {
        std::printf("  std::out_of_range from vector::at\n");
    }

    std::printf("5. a thousand throws:\n");
    long sum = 0;
    for (int i = 0; i < 1000; i++) {
        try {
            if (i % 2)
                throw Error{i};
            sum -= 1;
        } catch (const Error &e) {
            sum += e.code;
        }
    }
    std::printf("  sum %ld, live guards %d\n", sum, live);
    return 0;
}
