// MSVC C++ exception handling, built by clang for x86_64-pc-windows-msvc (clang emits __CxxFrameHandler3
// tables) without any Microsoft header or library: what the program needs is declared here, and the
// import libraries come from the .def files beside it (tests/programs/cxxmsvc.mk).
extern "C" int printf(const char *, ...);
extern "C" void qsort(void *, unsigned long long, unsigned long long, int (*)(const void *, const void *));
extern "C" __declspec(noreturn) void ExitProcess(unsigned);
extern "C" __declspec(dllimport) int cxxmsvc_dll_throw(int);
extern "C" __declspec(dllimport) int cxxmsvc_dll_catch(int (*)(int), int);

static int live;   // objects constructed and not yet destroyed

struct Guard {
    const char *name;
    explicit Guard(const char *n) : name(n) { live++; printf("  construct %s\n", name); }
    ~Guard() { live--; printf("  destroy %s\n", name); }
};

struct Base {
    int code;
    explicit Base(int c) : code(c) {}
    Base(const Base &o) : code(o.code) { printf("  copy Base %d\n", code); }
    virtual const char *what() const { return "Base"; }
};

struct Derived : Base {
    explicit Derived(int c) : Base(c) {}
    Derived(const Derived &o) : Base(o) { printf("  copy Derived %d\n", code); }
    const char *what() const override { return "Derived"; }
};

struct Other {};

static Derived pointed_at(9);

__declspec(noinline) static void thrower(int kind)
{
    Guard g("thrower's guard");
    switch (kind) {
    case 0: throw 42;
    case 1: throw Derived(7);
    case 2: throw &pointed_at;
    case 3: throw "a string";
    case 4: throw 2.5;
    default: throw Other();
    }
}

static void by_kind(int kind)
{
    try {
        thrower(kind);
    } catch (int v) {
        printf("catch (int) %d\n", v);
    } catch (Base &b) {
        printf("catch (Base &) %s %d\n", b.what(), b.code);
    } catch (Base *p) {
        printf("catch (Base *) %s %d\n", p->what(), p->code);
    } catch (const char *s) {
        printf("catch (const char *) %s\n", s);
    } catch (...) {
        printf("catch (...)\n");
    }
}

static void by_value()
{
    try {
        thrower(1);
    } catch (Base b) {   // sliced copy through the copy constructor
        printf("catch (Base) %s %d\n", b.what(), b.code);
    }
}

static void rethrow()
{
    try {
        try {
            thrower(1);
        } catch (Derived &d) {
            printf("inner catch %d, rethrowing\n", d.code);
            d.code = 8;
            throw;
        }
    } catch (Base &b) {
        printf("outer catch %s %d\n", b.what(), b.code);
    }
}

static void nested()
{
    try {
        Guard a("outer try's guard");
        try {
            Guard b("inner try's guard");
            throw Other();
        } catch (int) {
            printf("wrong handler\n");
        }
    } catch (Other &) {
        printf("outer try caught Other\n");
    }
    try {
        try {
            throw 1;
        } catch (int v) {
            printf("caught %d, throwing from the catch block\n", v);
            Guard c("catch block's guard");
            throw Derived(v + 1);
        }
    } catch (Base &b) {
        printf("caught %s %d thrown in a catch block\n", b.what(), b.code);
    }
}

static int compare_calls;
static int compare_throwing(const void *a, const void *b)
{
    if (++compare_calls == 3)
        throw Derived(compare_calls);
    return *(const int *)a - *(const int *)b;
}

static void through_qsort()
{
    int v[] = {5, 3, 9, 1, 7, 2, 8};
    try {
        Guard g("qsort caller's guard");
        qsort(v, 7, sizeof v[0], compare_throwing);
        printf("qsort returned\n");
    } catch (Base &b) {
        printf("caught %s %d from a qsort comparator\n", b.what(), b.code);
    }
}

static int callback(int v)
{
    if (v > 2)
        throw Derived(v * 10);
    return v;
}

static void across_dll()
{
    try {
        cxxmsvc_dll_throw(5);
    } catch (int v) {
        printf("caught %d thrown in the DLL\n", v);
    }
    try {
        printf("dll returned %d\n", cxxmsvc_dll_catch(callback, 1));
        cxxmsvc_dll_catch(callback, 3);
    } catch (Base &b) {
        printf("caught %s %d through the DLL's frames\n", b.what(), b.code);
    }
}

extern "C" void mainCRTStartup()
{
    for (int kind = 0; kind < 6; kind++)
        by_kind(kind);
    by_value();
    rethrow();
    nested();
    through_qsort();
    across_dll();
    printf("live objects: %d\n", live);
    ExitProcess(0);
}
