/* Checks: the CRT DLL's own math exports (called through GetProcAddress, since mingw links many math
 * functions statically): values, errno (EDOM for domain errors, ERANGE for poles and overflow, nothing for
 * underflow), _fpclass, the floating-point control and status words, fenv rounding. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#ifdef _UCRT
#define CRT_DLL "ucrtbase.dll"
#else
#define CRT_DLL "msvcrt.dll"
#endif

typedef double (*fn1)(double);
typedef double (*fn2)(double, double);
static HMODULE crt;

/* Special values as their bits, the rest with 10 significant digits (transcendental functions may differ
 * from Windows' in the last bit). */
static void show(double v)
{
    unsigned long long bits;
    memcpy(&bits, &v, sizeof bits);
    if (isnan(v) || isinf(v) || v == 0)
        printf("<%016llx>", bits);
    else
        printf("%.10g", v);
}

static void one(const char *name, double x)
{
    fn1 f = (fn1)GetProcAddress(crt, name);
    if (!f) {
        printf("%s: not exported\n", name);
        return;
    }
    errno = 0;
    double r = f(x);
    int e = errno;
    printf("%s(%g) = ", name, x);
    show(r);
    printf(" errno %d\n", e);
}

static void two(const char *name, double x, double y)
{
    fn2 f = (fn2)GetProcAddress(crt, name);
    if (!f) {
        printf("%s: not exported\n", name);
        return;
    }
    errno = 0;
    double r = f(x, y);
    int e = errno;
    printf("%s(%g, %g) = ", name, x, y);
    show(r);
    printf(" errno %d\n", e);
}

/* ldexp's second parameter is an int (a general register, where two()'s double would go to xmm1). */
static void ldexp_case(double x, int n)
{
    double (*f)(double, int) = (double (*)(double, int))GetProcAddress(crt, "ldexp");
    errno = 0;
    double r = f(x, n);
    int e = errno;
    printf("ldexp(%g, %d) = ", x, n);
    show(r);
    printf(" errno %d\n", e);
}

static volatile double vzero = 0.0, vone = 1.0;

int main(void)
{
    crt = GetModuleHandleA(CRT_DLL);
    printf("CRT loaded: %d\n", crt != NULL);
    double inf = vone / vzero;
    one("sqrt", 2), one("sqrt", -1), one("sqrt", -0.0);
    one("log", 10), one("log", 0), one("log", -1), one("log10", 0), one("log10", 1000);
    one("exp", 1), one("exp", 1000), one("exp", -1000);
    one("sin", 1), one("sin", inf), one("cos", 0.5), one("tan", 0.25);
    one("acos", 0.5), one("acos", 2), one("asin", -2), one("atan", 1);
    one("sinh", 1), one("cosh", 1000), one("sinh", -1000), one("tanh", 0.5);
    one("floor", -2.5), one("ceil", -2.5), one("fabs", -3);
    one("_logb", 0), one("_logb", 1024), one("_y0", -1), one("_y0", 0), one("_j0", 1), one("_y1", 2);
    two("pow", 2, 10), two("pow", -8, 1.0 / 3), two("pow", 0, -1), two("pow", 10, 400), two("pow", 10, -400);
    two("atan2", 1, -1), two("fmod", 10, 3), two("fmod", 1, 0), two("_hypot", 3, 4), two("_hypot", 1e308, 1e308);
    two("_copysign", 3, -0.0), two("_nextafter", 1, 2);
    ldexp_case(1, 2000);
    fn1 chg = (fn1)GetProcAddress(crt, "_chgsign");
    printf("_chgsign(2) = %g\n", chg ? chg(2) : 0.0);
    int (*fpclass)(double) = (int (*)(double))GetProcAddress(crt, "_fpclass");
    printf("_fpclass: %x %x %x %x %x %x %x\n", fpclass(1.0), fpclass(-1.0), fpclass(0.0), fpclass(-0.0),
           fpclass(DBL_MIN / 4), fpclass(inf), fpclass(-inf));
    int (*isnan_)(double) = (int (*)(double))GetProcAddress(crt, "_isnan");
    int (*finite_)(double) = (int (*)(double))GetProcAddress(crt, "_finite");
    printf("_isnan(nan) %d, _finite(inf) %d, _finite(1) %d\n", isnan_(inf - inf), finite_(inf), finite_(1));

    printf("_controlfp(0, 0): %#x\n", _controlfp(0, 0));
    _controlfp(_RC_UP, _MCW_RC);
    printf("rounding up: control %#x, rint(2.5) %g, rint(-2.5) %g\n", _controlfp(0, 0) & _MCW_RC, rint(2.5), rint(-2.5));
    _controlfp(_RC_NEAR, _MCW_RC);
    _clearfp();
    volatile double q = vone / vzero;
    (void)q;
    printf("status after 1/0: %#x\n", _statusfp());
    unsigned cleared = _clearfp();
    printf("_clearfp returned: %#x, status now: %#x\n", cleared, _statusfp());
    printf("_control87 denormal mask: %#x\n", _control87(0, 0) & _EM_DENORMAL);
    return 0;
}
