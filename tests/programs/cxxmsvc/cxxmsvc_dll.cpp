// The DLL of cxxmsvc.exe: throws to its caller, and lets the caller's exceptions pass its own frames
// (destroying its object on the way).
extern "C" int printf(const char *, ...);

struct DllGuard {
    ~DllGuard() { printf("  destroy the DLL's guard\n"); }
};

extern "C" __declspec(dllexport) int cxxmsvc_dll_throw(int v)
{
    DllGuard g;
    throw v;
}

extern "C" __declspec(dllexport) int cxxmsvc_dll_catch(int (*f)(int), int v)
{
    DllGuard g;
    try {
        return f(v);
    } catch (int) {
        printf("the DLL caught an int\n");
        return -1;
    }
}
