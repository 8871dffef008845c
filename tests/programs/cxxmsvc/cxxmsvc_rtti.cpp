// RTTI through vcruntime140: dynamic_cast (__RTDynamicCast), typeid of a polymorphic object (__RTtypeid),
// dynamic_cast<void *> (__RTCastToVoid), and the std::bad_cast and std::bad_typeid the runtime throws.
// No Microsoft header: the classes the runtime throws are declared as <exception> and <typeinfo> would.
extern "C" int printf(const char *, ...);
extern "C" __declspec(noreturn) void ExitProcess(unsigned);

void operator delete(void *) noexcept {}
void operator delete(void *, unsigned long long) noexcept {}

namespace std {
class exception {   // `class`: the decorated names are .?AVexception@std@@ and so on
public:
    exception() : what_(nullptr), free_(false) {}
    virtual ~exception() {}
    virtual const char *what() const { return what_ ? what_ : "Unknown exception"; }
    const char *what_;
    bool free_;
};
class bad_cast : public exception {};
class bad_typeid : public exception {};
class type_info {
public:
    virtual ~type_info();
    const char *decorated() const { return name_ + 1; }   // past the '.'
private:
    void *data_;
    char name_[1];
};
}

struct A { virtual ~A() {} int a = 1; };
struct B : A { int b = 2; };
struct C : A { int c = 3; };
struct Mixin { virtual ~Mixin() {} int m = 4; };
struct D : B, Mixin { int d = 5; };

// the optimizer must not see the dynamic types: the runtime answers
__declspec(noinline) static A *opaque(A *p) { return p; }

__declspec(noinline) static A *null_object() { return nullptr; }

extern "C" void mainCRTStartup()
{
    B b;
    C c;
    D d;
    A *objects[] = {&b, &c, &d};
    for (int kind = 0; kind < 3; kind++) {
        A *p = opaque(objects[kind]);
        printf("object %d: typeid %s, B* %s, C* %s, Mixin* %s, complete object at +%d\n", kind,
               typeid(*p).decorated(), dynamic_cast<B *>(p) ? "yes" : "no", dynamic_cast<C *>(p) ? "yes" : "no",
               dynamic_cast<Mixin *>(p) ? "yes" : "no", (int)((char *)dynamic_cast<void *>(p) - (char *)p));
    }
    Mixin *m = dynamic_cast<Mixin *>(opaque(&d));
    D *back = dynamic_cast<D *>(m);
    printf("Mixin back to D: %d %d, same object %s\n", back->d, back->m, back == &d ? "yes" : "no");
    try {
        C &wrong = dynamic_cast<C &>(*opaque(&b));
        printf("wrongly cast: %d\n", wrong.c);
    } catch (std::bad_cast &e) {
        printf("caught bad_cast: %s\n", e.what());
    }
    try {
        A *none = null_object();
        printf("%s\n", typeid(*none).decorated());
    } catch (std::exception &e) {
        printf("caught bad_typeid as std::exception: %s\n", e.what());
    }
    ExitProcess(0);
}
