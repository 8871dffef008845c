// std::terminate when an exception leaves a noexcept function.
extern "C" int printf(const char *, ...);
extern "C" __declspec(noreturn) void ExitProcess(unsigned);

__declspec(noinline) static void thrower() { throw 1; }

__declspec(noinline) static void promise() noexcept
{
    printf("about to break a noexcept promise\n");
    thrower();
}

extern "C" void mainCRTStartup()
{
    try {
        promise();
    } catch (...) {
        printf("wrongly caught\n");
    }
    ExitProcess(0);
}
