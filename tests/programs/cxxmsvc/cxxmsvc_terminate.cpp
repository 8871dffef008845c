// std::terminate (vcruntime140's __std_terminate, what MSVC's <exception> calls): the CRT's abort.
extern "C" int printf(const char *, ...);
extern "C" int fflush(void *);
extern "C" __declspec(noreturn) void __std_terminate();

extern "C" void mainCRTStartup()
{
    printf("calling std::terminate\n");
    fflush(nullptr);
    __std_terminate();
}
