/*
 * Exact decimal <-> binary conversions for the CRT engines (see crtnum.h for the contracts).
 * A deliberately simple fixed-size big integer: little-endian 32-bit words.
 */
#include <string.h>

#include "rtl/crtnum.h"

#define BIG_WORDS 140   /* 4,480 bits: enough for D x 2^k in the worst strtod case (see crtnum.h) */

typedef struct BIG {
    uint32_t w[BIG_WORDS];
    int      n;           /* words in use; w[n-1] != 0 unless n == 0 */
} BIG;

static void big_trim(BIG *a)
{
    while (a->n > 0 && a->w[a->n - 1] == 0)
        a->n--;
}

static void big_set_u64(BIG *a, uint64_t v)
{
    a->w[0] = (uint32_t)v;
    a->w[1] = (uint32_t)(v >> 32);
    a->n = 2;
    big_trim(a);
}

/* a = a * m + add */
static void big_mul_add(BIG *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] * m + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry && a->n < BIG_WORDS)
        a->w[a->n++] = (uint32_t)carry;
}

static void big_mul_pow5(BIG *a, int e)
{
    for (; e >= 13; e -= 13)
        big_mul_add(a, 1220703125u, 0);   /* 5^13, the largest power of 5 below 2^32 */
    static const uint32_t p5[13] = { 1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
                                     48828125, 244140625 };
    if (e > 0)
        big_mul_add(a, p5[e], 0);
}

static void big_mul_pow10(BIG *a, int e)
{
    for (; e >= 9; e -= 9)
        big_mul_add(a, 1000000000u, 0);
    static const uint32_t p10[9] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };
    if (e > 0)
        big_mul_add(a, p10[e], 0);
}

static void big_shl(BIG *a, int bits)
{
    int words = bits / 32, rem = bits % 32;
    if (a->n == 0)
        return;
    int n = a->n + words + 1;
    if (n > BIG_WORDS)
        n = BIG_WORDS;
    for (int i = n - 1; i >= 0; i--) {
        int src = i - words;
        uint32_t hi = (src >= 0 && src < a->n) ? a->w[src] : 0;
        uint32_t lo = (src - 1 >= 0 && src - 1 < a->n) ? a->w[src - 1] : 0;
        a->w[i] = rem ? (hi << rem) | (lo >> (32 - rem)) : hi;
    }
    a->n = n;
    big_trim(a);
}

static void big_shr1(BIG *a)
{
    for (int i = 0; i < a->n; i++)
        a->w[i] = (a->w[i] >> 1) | (i + 1 < a->n ? a->w[i + 1] << 31 : 0);
    big_trim(a);
}

static int big_bitlen(const BIG *a)
{
    return a->n == 0 ? 0 : 32 * (a->n - 1) + (32 - __builtin_clz(a->w[a->n - 1]));
}

static int big_cmp(const BIG *a, const BIG *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* a -= b, requires a >= b */
static void big_sub(BIG *a, const BIG *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        borrow = t < 0;
        a->w[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    big_trim(a);
}

static uint32_t big_divmod_small(BIG *a, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a->w[i];
        a->w[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    big_trim(a);
    return (uint32_t)rem;
}

/* Top 64 bits of a (normalised so bit 63 is set), the binary exponent of its lowest bit, and whether
 * any lower bits were lost. */
static uint64_t big_top64(const BIG *a, int *e2, int *sticky)
{
    int bl = big_bitlen(a);
    uint64_t q = 0;
    *sticky = 0;
    for (int bit = bl - 1, i = 0; i < 64; i++, bit--) {
        q <<= 1;
        if (bit >= 0)
            q |= (a->w[bit / 32] >> (bit % 32)) & 1;
    }
    for (int bit = bl - 65; bit >= 0 && !*sticky; bit--)
        *sticky = (a->w[bit / 32] >> (bit % 32)) & 1;
    *e2 = bl - 64;
    return q;
}

static void big_to_digits(BIG *a, CRTP_DECIMAL *out)
{
    uint32_t chunks[(CRTP_MAX_DIGITS + 8) / 9 + 2];
    int nc = 0;
    while (a->n > 0 && nc < (int)(sizeof chunks / sizeof chunks[0]))
        chunks[nc++] = big_divmod_small(a, 1000000000u);
    out->n = 0;
    for (int i = nc - 1; i >= 0; i--) {
        char tmp[10];
        int len = 0;
        for (uint32_t v = chunks[i], k = 0; k < 9; k++, v /= 10)
            tmp[len++] = (char)('0' + v % 10);
        if (i == nc - 1)
            while (len > 1 && tmp[len - 1] == '0')
                len--;                 /* no leading zeros in the first chunk */
        while (len > 0)
            out->d[out->n++] = tmp[--len];
    }
}

void CrtpDoubleToDecimal(double v, CRTP_DECIMAL *out)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint64_t m = bits & ((1ULL << 52) - 1);
    int ef = (int)((bits >> 52) & 0x7ff);
    int e = ef ? ef - 1075 : -1074;
    if (ef)
        m |= 1ULL << 52;
    out->n = 0;
    out->exp10 = 0;
    if (m == 0)
        return;
    while (!(m & 1)) {
        m >>= 1;
        e++;
    }
    BIG a;
    big_set_u64(&a, m);
    if (e >= 0)
        big_shl(&a, e);
    else
        big_mul_pow5(&a, -e);   /* m / 2^k == m * 5^k / 10^k */
    big_to_digits(&a, out);
    out->exp10 = out->n + (e < 0 ? e : 0);
    while (out->n > 0 && out->d[out->n - 1] == '0')
        out->n--;
}

static void round_up_chars(CRTP_DECIMAL *x, int keep)
{
    int i = keep - 1;
    while (i >= 0 && x->d[i] == '9')
        x->d[i--] = '0';
    if (i >= 0) {
        x->d[i]++;
        x->n = keep;
    } else {                       /* carried out of the first digit: 999 -> 1000 */
        x->d[0] = '1';
        x->n = 1;
        x->exp10++;
    }
}

static int tail_above_half(const CRTP_DECIMAL *x, int keep, CRTP_ROUNDING mode)
{
    char first = keep >= 0 ? x->d[keep] : '0';
    if (mode == CRTP_ROUND_CHAR_UP)
        return first >= '5';
    if (first != '5')
        return first > '5';
    for (int i = keep + 1; i < x->n; i++)
        if (x->d[i] != '0')
            return 1;
    if (mode == CRTP_ROUND_HALF_UP)
        return 1;
    return keep > 0 && ((x->d[keep - 1] - '0') & 1);   /* exact tie: to even */
}

void CrtpRoundDecimal(CRTP_DECIMAL *x, int keep, CRTP_ROUNDING mode)
{
    if (keep >= x->n)
        return;
    if (keep < 0) {
        x->n = 0;
        return;
    }
    if (tail_above_half(x, keep, mode)) {
        if (keep == 0) {
            x->d[0] = '1';
            x->n = 1;
            x->exp10++;
        } else {
            round_up_chars(x, keep);
        }
    } else {
        x->n = keep;
    }
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
}

uint64_t CrtpMakeBinary(uint64_t q, int e2, int sticky, int mant_bits, int *range)
{
    int emin = mant_bits == 24 ? -126 : -1022, emax = mant_bits == 24 ? 127 : 1023;
    *range = 0;
    if (q == 0)
        return 0;
    int lz = __builtin_clzll(q);
    q <<= lz;
    e2 -= lz;
    int E = 63 + e2;                         /* value in [2^E, 2^(E+1)) */
    int kept = E >= emin ? mant_bits : mant_bits - (emin - E);
    if (kept < 0) {
        *range = -1;
        return 0;
    }
    int drop = 64 - kept;
    uint64_t mant = drop == 64 ? 0 : q >> drop;
    uint64_t rem = drop == 64 ? q : q & ((1ULL << drop) - 1);
    uint64_t half = 1ULL << (drop - 1);
    int inexact = rem != 0 || sticky;
    if (rem > half || (rem == half && (sticky || (mant & 1))))
        mant++;
    int frac_bits = mant_bits - 1;
    if (E < emin) {                          /* denormal; a carry into 2^frac_bits is the smallest normal */
        if (inexact)
            *range = -1;
        return mant;
    }
    if (mant >> mant_bits) {
        mant >>= 1;
        E++;
    }
    if (E > emax) {
        *range = 1;
        return (uint64_t)(2 * emax + 1) << frac_bits;   /* infinity */
    }
    return ((uint64_t)(E + emax) << frac_bits) | (mant & ((1ULL << frac_bits) - 1));
}

static void big_from_digits(BIG *a, const char *digits, int n)
{
    a->n = 0;
    int i = 0;
    for (; i + 9 <= n; i += 9) {
        uint32_t chunk = 0;
        for (int k = 0; k < 9; k++)
            chunk = chunk * 10 + (uint32_t)(digits[i + k] - '0');
        if (a->n == 0)
            big_set_u64(a, chunk);
        else
            big_mul_add(a, 1000000000u, chunk);
    }
    for (; i < n; i++) {
        if (a->n == 0)
            big_set_u64(a, (uint32_t)(digits[i] - '0'));
        else
            big_mul_add(a, 10, (uint32_t)(digits[i] - '0'));
    }
}

/* q = floor(a / b) for a quotient known to be below 2^64; a keeps the remainder. */
static uint64_t big_div_q64(BIG *a, const BIG *b)
{
    BIG t = *b;
    uint64_t q = 0;
    big_shl(&t, 63);
    for (int i = 63; i >= 0; i--) {
        if (big_cmp(a, &t) >= 0) {
            big_sub(a, &t);
            q |= 1ULL << i;
        }
        big_shr1(&t);
    }
    return q;
}

uint64_t CrtpDecimalToBinary(const char *digits, int n, int e10, int sticky, int mant_bits, int *range)
{
    int max10 = mant_bits == 24 ? 40 : 310, min10 = mant_bits == 24 ? -47 : -325;
    *range = 0;
    while (n > 0 && *digits == '0') {
        digits++;
        n--;
    }
    while (n > 0 && digits[n - 1] == '0') {
        n--;
        e10++;
    }
    if (n == 0)
        return 0;
    if (n + e10 > max10)
        return CrtpMakeBinary(1, 4096, 0, mant_bits, range);   /* certainly infinite */
    if (n + e10 < min10) {
        *range = -1;
        return 0;
    }
    BIG a;
    big_from_digits(&a, digits, n);
    int e2, lost;
    uint64_t q;
    if (e10 >= 0) {
        big_mul_pow10(&a, e10);
        q = big_top64(&a, &e2, &lost);
    } else {
        BIG b;
        big_set_u64(&b, 1);
        big_mul_pow10(&b, -e10);
        int k = 63 + big_bitlen(&b) - big_bitlen(&a);    /* quotient in (2^62, 2^64) */
        if (k >= 0)
            big_shl(&a, k);
        else
            big_shl(&b, -k);     /* a long mantissa with a small negative exponent: scale the divisor */
        q = big_div_q64(&a, &b);
        lost = a.n != 0;
        e2 = -k;
    }
    return CrtpMakeBinary(q, e2, lost || sticky, mant_bits, range);
}
