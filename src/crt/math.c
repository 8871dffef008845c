/*
 * math.h of the CRTs over the host's libm, with the CRTs' error reporting.
 *
 * The values come from the host's libm: exact operations (sqrt, floor, fmod, frexp, ...) are bit-identical
 * to Windows; transcendental ones (sin, exp, pow, ...) are within an ulp of Windows' and may differ in the
 * last bit (docs/crt-lib.md). Errors follow the CRTs: a domain error (_DOMAIN) sets EDOM and returns the
 * "indefinite" NaN (-nan(ind)); a pole (_SING) and an overflow (_OVERFLOW) set ERANGE; an underflow sets
 * nothing. A _matherr handler registered with __setusermatherr (crt_set_matherr) sees each error first and
 * may replace the result, as in the CRTs. NaN arguments come back unchanged without errors.
 */
#define _DEFAULT_SOURCE   /* j0/j1/jn/y0/y1/yn */
#include <math.h>
#include <string.h>

#include "crt/lib.h"

enum { MATH_DOMAIN = 1, MATH_SING = 2, MATH_OVERFLOW = 3, MATH_UNDERFLOW = 4 };

struct crt_exception {
    int type;
    char *name;
    double arg1, arg2, retval;
};

typedef int(WINAPI *crt_matherr_fn)(struct crt_exception *);
static crt_matherr_fn user_matherr;

void crt_set_matherr(void *fn)
{
    user_matherr = (crt_matherr_fn)fn;
}

static double math_error(int type, const char *name, double a1, double a2, double ret)
{
    struct crt_exception e = {type, (char *)name, a1, a2, ret};
    if (user_matherr && user_matherr(&e))
        return e.retval;
    if (type == MATH_DOMAIN)
        crt_set_errno(CRT_EDOM);
    else if (type == MATH_SING || type == MATH_OVERFLOW)
        crt_set_errno(CRT_ERANGE);
    return e.retval;
}

/* The x86 default NaN: the sign bit set ("-nan(ind)", "-1.#IND"). */
static double indefinite(void)
{
    uint64_t bits = 0xFFF8000000000000ull;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

#define DOMAIN(name, a1, a2) math_error(MATH_DOMAIN, name, a1, a2, indefinite())

/* Overflow: a finite argument gave an infinite result. */
static double check_overflow(const char *name, double a1, double a2, double r)
{
    if (isinf(r) && isfinite(a1) && isfinite(a2))
        return math_error(MATH_OVERFLOW, name, a1, a2, r);
    return r;
}

/* ---- double ---------------------------------------------------------------------------------------------------- */

double WINAPI crt_sqrt(double x) { return x < 0 ? DOMAIN("sqrt", x, 0) : sqrt(x); }
double WINAPI crt_fabs(double x) { return fabs(x); }
double WINAPI crt_floor(double x) { return floor(x); }
double WINAPI crt_ceil(double x) { return ceil(x); }
double WINAPI crt_trunc(double x) { return trunc(x); }
double WINAPI crt_round(double x) { return round(x); }
double WINAPI crt_rint(double x) { return rint(x); }
double WINAPI crt_nearbyint(double x) { return nearbyint(x); }
double WINAPI crt_modf(double x, double *ip) { return modf(x, ip); }
double WINAPI crt_frexp(double x, int *e) { return frexp(x, e); }
double WINAPI crt_copysign(double x, double y) { return copysign(x, y); }
double WINAPI crt__chgsign(double x) { return -x; }
double WINAPI crt_fmax(double x, double y) { return fmax(x, y); }
double WINAPI crt_fmin(double x, double y) { return fmin(x, y); }
double WINAPI crt_fma(double x, double y, double z) { return fma(x, y, z); }
double WINAPI crt_cbrt(double x) { return cbrt(x); }
double WINAPI crt_atan(double x) { return atan(x); }
double WINAPI crt_atan2(double y, double x) { return atan2(y, x); }
double WINAPI crt_tanh(double x) { return tanh(x); }
double WINAPI crt_asinh(double x) { return asinh(x); }
double WINAPI crt_erf(double x) { return erf(x); }
double WINAPI crt_erfc(double x) { return erfc(x); }
double WINAPI crt__j0(double x) { return j0(x); }
double WINAPI crt__j1(double x) { return j1(x); }
double WINAPI crt__jn(int n, double x) { return jn(n, x); }

/* fmod: an infinite x is a domain error; a zero y only gives the NaN. */
double WINAPI crt_fmod(double x, double y)
{
    if (isinf(x) && !isnan(y))
        return DOMAIN("fmod", x, y);
    return fmod(x, y);
}

double WINAPI crt_remainder(double x, double y)
{
    if (!isnan(x) && !isnan(y) && (y == 0 || isinf(x)))
        return DOMAIN("remainder", x, y);
    return remainder(x, y);
}

double WINAPI crt_remquo(double x, double y, int *q)
{
    if (!isnan(x) && !isnan(y) && (y == 0 || isinf(x))) {
        *q = 0;
        return DOMAIN("remquo", x, y);
    }
    return remquo(x, y, q);
}

double WINAPI crt_acos(double x) { return fabs(x) > 1 ? DOMAIN("acos", x, 0) : acos(x); }
double WINAPI crt_asin(double x) { return fabs(x) > 1 ? DOMAIN("asin", x, 0) : asin(x); }
double WINAPI crt_sin(double x) { return isinf(x) ? DOMAIN("sin", x, 0) : sin(x); }
double WINAPI crt_cos(double x) { return isinf(x) ? DOMAIN("cos", x, 0) : cos(x); }
double WINAPI crt_tan(double x) { return isinf(x) ? DOMAIN("tan", x, 0) : tan(x); }
double WINAPI crt_sinh(double x) { return check_overflow("sinh", x, 0, sinh(x)); }
double WINAPI crt_cosh(double x) { return check_overflow("cosh", x, 0, cosh(x)); }
double WINAPI crt_exp(double x) { return check_overflow("exp", x, 0, exp(x)); }
double WINAPI crt_exp2(double x) { return check_overflow("exp2", x, 0, exp2(x)); }
double WINAPI crt_expm1(double x) { return check_overflow("expm1", x, 0, expm1(x)); }
double WINAPI crt_acosh(double x) { return x < 1 ? DOMAIN("acosh", x, 0) : acosh(x); }

double WINAPI crt_atanh(double x)
{
    if (fabs(x) > 1)
        return DOMAIN("atanh", x, 0);
    if (fabs(x) == 1)
        return math_error(MATH_SING, "atanh", x, 0, atanh(x));
    return atanh(x);
}

/* The logarithms: negative -> _DOMAIN, zero -> _SING (-inf). */
#define LOG(fn)                                                                                            \
    double WINAPI crt_##fn(double x)                                                                       \
    {                                                                                                      \
        if (x < 0)                                                                                         \
            return DOMAIN(#fn, x, 0);                                                                      \
        if (x == 0)                                                                                        \
            return math_error(MATH_SING, #fn, x, 0, -INFINITY);                                            \
        return fn(x);                                                                                      \
    }
LOG(log)
LOG(log10)
LOG(log2)

double WINAPI crt_log1p(double x)
{
    if (x < -1)
        return DOMAIN("log1p", x, 0);
    if (x == -1)
        return math_error(MATH_SING, "log1p", x, 0, -INFINITY);
    return log1p(x);
}

double WINAPI crt_logb(double x)
{
    if (x == 0)
        return math_error(MATH_SING, "logb", x, 0, -INFINITY);
    return logb(x);
}

int WINAPI crt_ilogb(double x)
{
    if (x == 0 || isnan(x) || isinf(x))
        crt_set_errno(CRT_EDOM);
    return ilogb(x);
}

double WINAPI crt_pow(double x, double y)
{
    if (isnan(x) || isnan(y))
        return pow(x, y);
    if (x < 0 && isfinite(x) && isfinite(y) && y != floor(y))
        return DOMAIN("pow", x, y);
    if (x == 0 && y < 0)
        return math_error(MATH_SING, "pow", x, y, pow(x, y));
    return check_overflow("pow", x, y, pow(x, y));
}

double WINAPI crt_hypot(double x, double y) { return check_overflow("_hypot", x, y, hypot(x, y)); }

double WINAPI crt_ldexp(double x, int n)
{
    double r = ldexp(x, n);
    if (isinf(r) && isfinite(x))
        return math_error(MATH_OVERFLOW, "ldexp", x, n, r);
    return r;
}

double WINAPI crt_scalbn(double x, int n) { return crt_ldexp(x, n); }
double WINAPI crt_scalbln(double x, LONG n) { return crt_ldexp(x, n < -100000 ? -100000 : n > 100000 ? 100000 : (int)n); }
double WINAPI crt__scalb(double x, LONG n) { return crt_scalbln(x, n); }

double WINAPI crt_nextafter(double x, double y)
{
    double r = nextafter(x, y);
    if (isinf(r) && isfinite(x))
        return math_error(MATH_OVERFLOW, "_nextafter", x, y, r);
    return r;
}

double WINAPI crt_nexttoward(double x, double y) { return crt_nextafter(x, y); }

double WINAPI crt_fdim(double x, double y) { return check_overflow("fdim", x, y, fdim(x, y)); }

double WINAPI crt_tgamma(double x)
{
    if (isnan(x))
        return x;
    if (x == 0)
        return math_error(MATH_SING, "tgamma", x, 0, copysign(INFINITY, x));
    if ((x < 0 && x == floor(x)) || x == -INFINITY)
        return DOMAIN("tgamma", x, 0);
    return check_overflow("tgamma", x, 0, tgamma(x));
}

double WINAPI crt_lgamma(double x)
{
    if (!isnan(x) && x <= 0 && x == floor(x))
        return math_error(MATH_SING, "lgamma", x, 0, INFINITY);
    return check_overflow("lgamma", x, 0, lgamma(x));
}

/* _y0/_y1/_yn: negative -> _DOMAIN (the indefinite NaN), zero -> _SING (-HUGE_VAL). */
#define BESSEL_Y(name, expr)                                                                              \
    {                                                                                                     \
        if (x < 0)                                                                                        \
            return DOMAIN(name, x, 0);                                                                    \
        if (x == 0)                                                                                       \
            return math_error(MATH_SING, name, x, 0, -INFINITY);                                          \
        return expr;                                                                                      \
    }
double WINAPI crt__y0(double x) BESSEL_Y("_y0", y0(x))
double WINAPI crt__y1(double x) BESSEL_Y("_y1", y1(x))
double WINAPI crt__yn(int n, double x) BESSEL_Y("_yn", yn(n, x))

/* Rounding to integers: out of range is a domain error (the CRTs return the type's minimum). */
static LONG rounded_long(double r)
{
    if (!(r >= -2147483648.0 && r < 2147483648.0)) {
        crt_set_errno(CRT_EDOM);
        return (LONG)0x80000000;
    }
    return (LONG)r;
}

static int64_t rounded_int64(double r)
{
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) {
        crt_set_errno(CRT_EDOM);
        return INT64_MIN;
    }
    return (int64_t)r;
}

LONG WINAPI crt_lround(double x) { return rounded_long(round(x)); }
LONG WINAPI crt_lrint(double x) { return rounded_long(rint(x)); }
int64_t WINAPI crt_llround(double x) { return rounded_int64(round(x)); }
int64_t WINAPI crt_llrint(double x) { return rounded_int64(rint(x)); }

double WINAPI crt_nan(const char *tag)
{
    (void)tag;
    return __builtin_nan("");
}

/* ---- float ------------------------------------------------------------------------------------------------------ */

static float math_errorf(int type, const char *name, float a1, float a2, float ret)
{
    return (float)math_error(type, name, a1, a2, ret);
}

#define DOMAINF(name, a1, a2) math_errorf(MATH_DOMAIN, name, a1, a2, (float)indefinite())

static float check_overflowf(const char *name, float a1, float a2, float r)
{
    if (isinf(r) && isfinite(a1) && isfinite(a2))
        return math_errorf(MATH_OVERFLOW, name, a1, a2, r);
    return r;
}

float WINAPI crt_sqrtf(float x) { return x < 0 ? DOMAINF("sqrtf", x, 0) : sqrtf(x); }
float WINAPI crt_fabsf(float x) { return fabsf(x); }
float WINAPI crt_floorf(float x) { return floorf(x); }
float WINAPI crt_ceilf(float x) { return ceilf(x); }
float WINAPI crt_truncf(float x) { return truncf(x); }
float WINAPI crt_roundf(float x) { return roundf(x); }
float WINAPI crt_rintf(float x) { return rintf(x); }
float WINAPI crt_nearbyintf(float x) { return nearbyintf(x); }
float WINAPI crt_modff(float x, float *ip) { return modff(x, ip); }
float WINAPI crt_frexpf(float x, int *e) { return frexpf(x, e); }
float WINAPI crt_copysignf(float x, float y) { return copysignf(x, y); }
float WINAPI crt__chgsignf(float x) { return -x; }
float WINAPI crt_fmaxf(float x, float y) { return fmaxf(x, y); }
float WINAPI crt_fminf(float x, float y) { return fminf(x, y); }
float WINAPI crt_fmaf(float x, float y, float z) { return fmaf(x, y, z); }
float WINAPI crt_cbrtf(float x) { return cbrtf(x); }
float WINAPI crt_atanf(float x) { return atanf(x); }
float WINAPI crt_atan2f(float y, float x) { return atan2f(y, x); }
float WINAPI crt_tanhf(float x) { return tanhf(x); }
float WINAPI crt_asinhf(float x) { return asinhf(x); }
float WINAPI crt_erff(float x) { return erff(x); }
float WINAPI crt_erfcf(float x) { return erfcf(x); }
float WINAPI crt_acosf(float x) { return fabsf(x) > 1 ? DOMAINF("acosf", x, 0) : acosf(x); }
float WINAPI crt_asinf(float x) { return fabsf(x) > 1 ? DOMAINF("asinf", x, 0) : asinf(x); }
float WINAPI crt_sinf(float x) { return isinf(x) ? DOMAINF("sinf", x, 0) : sinf(x); }
float WINAPI crt_cosf(float x) { return isinf(x) ? DOMAINF("cosf", x, 0) : cosf(x); }
float WINAPI crt_tanf(float x) { return isinf(x) ? DOMAINF("tanf", x, 0) : tanf(x); }
float WINAPI crt_sinhf(float x) { return check_overflowf("sinhf", x, 0, sinhf(x)); }
float WINAPI crt_coshf(float x) { return check_overflowf("coshf", x, 0, coshf(x)); }
float WINAPI crt_expf(float x) { return check_overflowf("expf", x, 0, expf(x)); }
float WINAPI crt_exp2f(float x) { return check_overflowf("exp2f", x, 0, exp2f(x)); }
float WINAPI crt_expm1f(float x) { return check_overflowf("expm1f", x, 0, expm1f(x)); }
float WINAPI crt_acoshf(float x) { return x < 1 ? DOMAINF("acoshf", x, 0) : acoshf(x); }
float WINAPI crt_atanhf(float x) { return (float)crt_atanh(x); }
float WINAPI crt_hypotf(float x, float y) { return check_overflowf("_hypotf", x, y, hypotf(x, y)); }
float WINAPI crt_fdimf(float x, float y) { return check_overflowf("fdimf", x, y, fdimf(x, y)); }

#define LOGF(fn)                                                                                           \
    float WINAPI crt_##fn(float x)                                                                         \
    {                                                                                                      \
        if (x < 0)                                                                                         \
            return DOMAINF(#fn, x, 0);                                                                     \
        if (x == 0)                                                                                        \
            return math_errorf(MATH_SING, #fn, x, 0, -INFINITY);                                           \
        return fn(x);                                                                                      \
    }
LOGF(logf)
LOGF(log10f)
LOGF(log2f)

float WINAPI crt_log1pf(float x) { return (float)crt_log1p(x); }
float WINAPI crt_logbf(float x) { return x == 0 ? math_errorf(MATH_SING, "logbf", x, 0, -INFINITY) : logbf(x); }
int WINAPI crt_ilogbf(float x) { return crt_ilogb(x); }

float WINAPI crt_powf(float x, float y)
{
    if (isnan(x) || isnan(y))
        return powf(x, y);
    if (x < 0 && isfinite(x) && isfinite(y) && y != floorf(y))
        return DOMAINF("powf", x, y);
    if (x == 0 && y < 0)
        return math_errorf(MATH_SING, "powf", x, y, powf(x, y));
    return check_overflowf("powf", x, y, powf(x, y));
}

float WINAPI crt_fmodf(float x, float y)
{
    if (isinf(x) && !isnan(y))
        return DOMAINF("fmodf", x, y);
    return fmodf(x, y);
}

float WINAPI crt_remainderf(float x, float y) { return (float)crt_remainder(x, y); }
float WINAPI crt_remquof(float x, float y, int *q) { return (float)crt_remquo(x, y, q); }
float WINAPI crt_ldexpf(float x, int n) { return check_overflowf("ldexpf", x, 0, ldexpf(x, n)); }
float WINAPI crt_scalbnf(float x, int n) { return crt_ldexpf(x, n); }
float WINAPI crt_scalblnf(float x, LONG n) { return crt_ldexpf(x, n < -1000 ? -1000 : n > 1000 ? 1000 : (int)n); }
float WINAPI crt__scalbf(float x, LONG n) { return crt_scalblnf(x, n); }
float WINAPI crt_nextafterf(float x, float y) { return check_overflowf("_nextafterf", x, y, nextafterf(x, y)); }
float WINAPI crt_nexttowardf(float x, double y) { return check_overflowf("nexttowardf", x, 0, nexttowardf(x, y)); }
float WINAPI crt_tgammaf(float x) { return (float)crt_tgamma(x); }
float WINAPI crt_lgammaf(float x) { return (float)crt_lgamma(x); }
LONG WINAPI crt_lroundf(float x) { return crt_lround(x); }
LONG WINAPI crt_lrintf(float x) { return crt_lrint(x); }
int64_t WINAPI crt_llroundf(float x) { return crt_llround(x); }
int64_t WINAPI crt_llrintf(float x) { return crt_llrint(x); }
float WINAPI crt_nanf(const char *tag) { (void)tag; return __builtin_nanf(""); }

/* ---- classification ---------------------------------------------------------------------------------------------- */

int WINAPI crt__finite(double x) { return isfinite(x); }
int WINAPI crt__isnan(double x) { return isnan(x) != 0; }
int WINAPI crt__finitef(float x) { return isfinite(x); }
int WINAPI crt__isnanf(float x) { return isnan(x) != 0; }

/* _fpclass: _FPCLASS_SNAN 1, QNAN 2, NINF 4, NN 8, ND 0x10, NZ 0x20, PZ 0x40, PD 0x80, PN 0x100, PINF 0x200. */
int WINAPI crt__fpclass(double x)
{
    bool neg = signbit(x) != 0;
    switch (fpclassify(x)) {
    case FP_NAN: {
        uint64_t bits;
        memcpy(&bits, &x, sizeof bits);
        return bits & 0x0008000000000000ull ? 2 : 1;
    }
    case FP_INFINITE: return neg ? 4 : 0x200;
    case FP_ZERO: return neg ? 0x20 : 0x40;
    case FP_SUBNORMAL: return neg ? 0x10 : 0x80;
    default: return neg ? 8 : 0x100;
    }
}

int WINAPI crt__fpclassf(float x)
{
    if (isnan(x)) {
        uint32_t bits;
        memcpy(&bits, &x, sizeof bits);
        return bits & 0x00400000u ? 2 : 1;
    }
    return crt__fpclass(x);
}

/* ucrt's _dclass family: FP_INFINITE 1, FP_NAN 2, FP_NORMAL -1, FP_SUBNORMAL -2, FP_ZERO 0. */
short WINAPI crt__dclass(double x)
{
    switch (fpclassify(x)) {
    case FP_INFINITE: return 1;
    case FP_NAN: return 2;
    case FP_ZERO: return 0;
    case FP_SUBNORMAL: return -2;
    default: return -1;
    }
}

short WINAPI crt__fdclass(float x) { return crt__dclass(x); }
short WINAPI crt__dtest(double *x) { return crt__dclass(*x); }
short WINAPI crt__fdtest(float *x) { return crt__dclass(*x); }
int WINAPI crt__dsign(double x) { return signbit(x) ? 0x8000 : 0; }
int WINAPI crt__fdsign(float x) { return signbit(x) ? 0x8000 : 0; }

/* _dpcomp: _FP_LT 1, _FP_EQ 2, _FP_GT 4; 0 when unordered. */
int WINAPI crt__dpcomp(double x, double y)
{
    return isnan(x) || isnan(y) ? 0 : x < y ? 1 : x == y ? 2 : 4;
}

int WINAPI crt__fdpcomp(float x, float y) { return crt__dpcomp(x, y); }

typedef struct { double x, y; } crt_complex;

/* _cabs takes its 16-byte structure by reference, as the Microsoft x64 convention passes it. */
double WINAPI crt__cabs(crt_complex z) { return crt_hypot(z.x, z.y); }

/* ---- the floating-point environment ------------------------------------------------------------------------ */

/*
 * The CRTs' abstract control word: exception masks _EM_INEXACT 0x1, _EM_UNDERFLOW 0x2, _EM_OVERFLOW 0x4,
 * _EM_ZERODIVIDE 0x8, _EM_INVALID 0x10, _EM_DENORMAL 0x80000; rounding _MCW_RC 0x300; precision
 * _MCW_PC 0x30000 (x87 only: not supported on x64); denormal control _MCW_DN 0x03000000. On x64 they map
 * onto MXCSR alone; threads start with 0x8001F (everything masked, round to nearest).
 */
#define EM_MASK 0x8001Fu
#define RC_MASK 0x300u
#define PC_MASK 0x30000u
#define DN_MASK 0x3000000u

static unsigned get_mxcsr(void)
{
    unsigned m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static void set_mxcsr(unsigned m)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static unsigned short get_x87_sw(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return sw;
}

static const struct {
    unsigned abstract, mxcsr;
} exception_bits[] = {
    {0x10, 0x80},     /* invalid */
    {0x80000, 0x100}, /* denormal */
    {0x8, 0x200},     /* zero divide */
    {0x4, 0x400},     /* overflow */
    {0x2, 0x800},     /* underflow */
    {0x1, 0x1000},    /* inexact */
};

static unsigned control_from_mxcsr(unsigned m)
{
    unsigned cw = 0;
    for (size_t i = 0; i < ARRAY_SIZE(exception_bits); i++)
        if (m & exception_bits[i].mxcsr)
            cw |= exception_bits[i].abstract;
    static const unsigned rc[4] = {0, 0x100, 0x200, 0x300};
    cw |= rc[m >> 13 & 3];
    if ((m & 0x8040) == 0x8040)
        cw |= 0x1000000;        /* _DN_FLUSH */
    else if (m & 0x8000)
        cw |= 0x3000000;        /* _DN_SAVE_OPERANDS_FLUSH_RESULTS */
    else if (m & 0x40)
        cw |= 0x2000000;        /* _DN_FLUSH_OPERANDS_SAVE_RESULTS */
    return cw;   /* no precision bits: the x64 CRTs control only SSE, so _controlfp(0, 0) is 0x8001F */
}

static unsigned mxcsr_from_control(unsigned m, unsigned cw, unsigned mask)
{
    for (size_t i = 0; i < ARRAY_SIZE(exception_bits); i++)
        if (mask & exception_bits[i].abstract)
            m = (cw & exception_bits[i].abstract) ? m | exception_bits[i].mxcsr : m & ~exception_bits[i].mxcsr;
    if (mask & RC_MASK)
        m = (m & ~0x6000u) | (cw & 0x300u) << 5;
    if (mask & DN_MASK) {
        m &= ~0x8040u;
        switch (cw & DN_MASK) {
        case 0x1000000: m |= 0x8040; break;
        case 0x2000000: m |= 0x40; break;
        case 0x3000000: m |= 0x8000; break;
        default: break;
        }
    }
    return m;
}

unsigned WINAPI crt__control87(unsigned cw, unsigned mask)
{
    mask &= EM_MASK | RC_MASK | DN_MASK;   /* the precision of the x87 is not changed on x64 */
    if (mask)
        set_mxcsr(mxcsr_from_control(get_mxcsr(), cw, mask));
    return control_from_mxcsr(get_mxcsr());
}

unsigned WINAPI crt__controlfp(unsigned cw, unsigned mask)
{
    return crt__control87(cw, mask & ~0x80000u);   /* _controlfp leaves the denormal mask alone */
}

void WINAPI crt__set_controlfp(unsigned cw, unsigned mask) { crt__controlfp(cw, mask); }

static int controlfp_s_impl(CRT_FLAVOR f, unsigned *current, unsigned cw, unsigned mask)
{
    if ((mask & ~(EM_MASK | RC_MASK | PC_MASK | DN_MASK | 0x40000u)) || (mask & PC_MASK)) {
        if (current)
            *current = crt__controlfp(0, 0);
        return crt_invalid(f, CRT_EINVAL);
    }
    unsigned r = crt__controlfp(cw, mask);
    if (current)
        *current = r;
    return 0;
}

int WINAPI crt__controlfp_s_msvcrt(unsigned *current, unsigned cw, unsigned mask) { return controlfp_s_impl(CRT_FLAVOR_MSVCRT, current, cw, mask); }
int WINAPI crt__controlfp_s_ucrt(unsigned *current, unsigned cw, unsigned mask) { return controlfp_s_impl(CRT_FLAVOR_UCRT, current, cw, mask); }

/* Status: _SW_INEXACT 1, _SW_UNDERFLOW 2, _SW_OVERFLOW 4, _SW_ZERODIVIDE 8, _SW_INVALID 0x10, _SW_DENORMAL
 * 0x80000, from both the SSE and the x87 flags. Both keep their six flags in the order of MXCSR's masks,
 * seven bits lower. */
static unsigned status_from_flags(unsigned flags)
{
    unsigned s = 0;
    for (size_t i = 0; i < ARRAY_SIZE(exception_bits); i++)
        if (flags & exception_bits[i].mxcsr >> 7)
            s |= exception_bits[i].abstract;
    return s;
}

unsigned WINAPI crt__statusfp(void)
{
    return status_from_flags(get_mxcsr() & 0x3f) | status_from_flags(get_x87_sw() & 0x3f);
}

void WINAPI crt__statusfp2(unsigned *x87, unsigned *sse)
{
    if (x87)
        *x87 = status_from_flags(get_x87_sw() & 0x3f);
    if (sse)
        *sse = status_from_flags(get_mxcsr() & 0x3f);
}

unsigned WINAPI crt__clearfp(void)
{
    unsigned s = crt__statusfp();
    set_mxcsr(get_mxcsr() & ~0x3fu);
    __asm__ volatile("fnclex");
    return s;
}

/* _fpreset: the initial state, x87 included (53-bit precision, as Windows has it). */
void WINAPI crt__fpreset(void)
{
    unsigned short cw = 0x27f;
    __asm__ volatile("fninit; fldcw %0" : : "m"(cw));
    set_mxcsr(0x1f80);
}

/* FLT_ROUNDS: 1 nearest, 0 toward zero, 2 upward, 3 downward. */
int WINAPI crt___fpe_flt_rounds(void)
{
    static const int map[4] = {1, 3, 2, 0};
    return map[get_mxcsr() >> 13 & 3];
}

/* ---- fenv.h (ucrt): FE_* are the _SW_* / _RC_* values ---------------------------------------------------------- */

#define FE_ALL 0x1f

typedef struct {
    ULONG ctl, stat;
} crt_fenv;

int WINAPI crt_fegetround(void) { return (int)(crt__controlfp(0, 0) & RC_MASK); }

int WINAPI crt_fesetround(int r)
{
    if (r & ~(int)RC_MASK)
        return 1;
    crt__controlfp((unsigned)r, RC_MASK);
    return 0;
}

int WINAPI crt_fetestexcept(int e) { return (int)(crt__statusfp() & (unsigned)e & FE_ALL); }

/* The flags live in MXCSR; the x87 ones are cleared with them. fenv has no denormal flag. */
static void set_status(unsigned status)
{
    unsigned m = get_mxcsr() & ~0x3fu;
    for (size_t i = 0; i < ARRAY_SIZE(exception_bits); i++)
        if (status & FE_ALL & exception_bits[i].abstract)
            m |= exception_bits[i].mxcsr >> 7;
    set_mxcsr(m);
    __asm__ volatile("fnclex");
}

int WINAPI crt_feclearexcept(int e)
{
    set_status(crt__statusfp() & ~(unsigned)e & FE_ALL);
    return 0;
}

int WINAPI crt_fegetexceptflag(ULONG *flags, int e)
{
    *flags = crt__statusfp() & (unsigned)e & FE_ALL;
    return 0;
}

int WINAPI crt_fesetexceptflag(const ULONG *flags, int e)
{
    unsigned s = crt__statusfp() & FE_ALL;
    set_status((s & ~(unsigned)e) | (*flags & (unsigned)e & FE_ALL));
    return 0;
}

int WINAPI crt_fegetenv(crt_fenv *env)
{
    env->ctl = crt__controlfp(0, 0) & (FE_ALL | RC_MASK);
    env->stat = crt__statusfp() & FE_ALL;
    return 0;
}

int WINAPI crt_fesetenv(const crt_fenv *env)
{
    crt__controlfp(env->ctl, FE_ALL | RC_MASK);
    set_status(env->stat);
    return 0;
}

int WINAPI crt_feholdexcept(crt_fenv *env)
{
    crt_fegetenv(env);
    crt__controlfp(FE_ALL, FE_ALL);
    set_status(0);
    return 0;
}
