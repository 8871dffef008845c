/*
 * Private numeric core shared by the CRT engines (printf, strtod, scanf): exact decimal expansion of a
 * double and correctly rounded decimal -> binary conversion. Pure, no globals beyond constants.
 *
 * Both directions use one small fixed-size big integer: a double's exact expansion has at most 767
 * significant digits, and correct rounding of a decimal string needs at most ~800 of its digits (the rest
 * only matter as a "sticky" non-zero flag), so 4,300 bits of storage always suffice.
 */
#ifndef CRT_CRTNUM_H
#define CRT_CRTNUM_H

#include <stdint.h>

/* Longest exact expansion of a finite double (4.9e-324 has 751 digits, the maximum is 767). */
#define CRTP_MAX_DIGITS 800

/* A decimal value 0.d[0]d[1]...d[n-1] x 10^exp10, digits as ASCII; n == 0 means zero. The digit
 * array may also hold msvcrt's special "1#INF"-style mantissas, which its printf rounds like digits. */
typedef struct CRTP_DECIMAL {
    char d[CRTP_MAX_DIGITS + 8];
    int  n;
    int  exp10;
} CRTP_DECIMAL;

/* Exact decimal expansion of |v| (v finite), without leading or trailing zeros. */
void CrtpDoubleToDecimal(double v, CRTP_DECIMAL *out);

/* Rounding of a CRTP_DECIMAL to its first `keep` digits (keep may be <= 0). */
typedef enum {
    CRTP_ROUND_HALF_UP,    /* ties away from zero: msvcrt, and ucrt without STANDARD_ROUNDING */
    CRTP_ROUND_HALF_EVEN,  /* IEEE ties-to-even on the exact value: ucrt since Windows 10 2004 */
    CRTP_ROUND_CHAR_UP,    /* msvcrt's _fptostr: next char >= '5' rounds up, also on "1#INF" strings */
} CRTP_ROUNDING;
void CrtpRoundDecimal(CRTP_DECIMAL *x, int keep, CRTP_ROUNDING mode);

/*
 * Correctly rounded (ties-to-even) conversion of digits[0..n) x 10^e10 to a binary float with
 * `mant_bits` significand bits (53: double, 24: float) and the matching exponent range.
 * `sticky` says that non-zero digits were dropped after digits[n-1]. Returns the IEEE bit pattern
 * (positive); *range is set to 1 on overflow (result infinity) and -1 when the result underflowed to
 * zero or is denormal and inexact, 0 otherwise.
 */
uint64_t CrtpDecimalToBinary(const char *digits, int n, int e10, int sticky, int mant_bits, int *range);

/* Rounds q x 2^e2 (+ sticky) to the binary format (53 or 24 significand bits); same *range contract. */
uint64_t CrtpMakeBinary(uint64_t q, int e2, int sticky, int mant_bits, int *range);

#endif
