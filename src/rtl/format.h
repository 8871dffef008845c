/*
 * printf engine of the builtin msvcrt.dll, ucrtbase.dll and ntdll.dll (its small CRT): one formatter for every
 * printf-family export. Pure, so it lives in src/rtl below both (ntdll must not call msvcrt).
 *
 * Character width: one engine, generic over the width of the format string and of the output. The format
 * string is read one code unit at a time (CHAR or WCHAR) and everything the engine itself produces (numbers,
 * padding, "(null)") is ASCII, widened on the way out when the sink is wide. String and character arguments
 * of the other width go through the caller's code page callbacks (narrow printf with %ls: wide -> multibyte;
 * wprintf with %hs: multibyte -> wide), exactly where the CRTs call wctomb/mbtowc.
 *
 * Flavors: `options` is ucrtbase's 64-bit options word (the _CRT_INTERNAL_PRINTF_* bits, same values) plus
 * engine bits above bit 31. CRT_PRINTF_MSVCRT selects msvcrt.dll's formatter (the legacy VC++ one: 3-digit
 * exponents, "1.#INF00", 17 significant digits then zeros, %z/%j/%t unknown, %n always on); without it the
 * ucrt formatter runs and honours the _CRT_INTERNAL bits. msvcrt callers usually also want
 * CRT_PRINTF_LEGACY_WIDE_SPECIFIERS (wprintf's %s is wide) which CRT_PRINTF_MSVCRT implies.
 *
 * Pure: no I/O, no allocation, no globals. Arguments come from a Microsoft x64 va_list (one 8-byte slot per
 * argument), read with __builtin_va_arg.
 */
#ifndef CRT_FORMAT_H
#define CRT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "nt/ntdef.h"

/* ucrtbase's __stdio_common_v*printf options (corecrt_stdio_config.h). */
#define CRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION 0x0001ULL  /* _vsnprintf: no NUL when full, -1 if cut */
#define CRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR       0x0002ULL  /* C99 snprintf: always NUL, return needed */
#define CRT_PRINTF_LEGACY_WIDE_SPECIFIERS           0x0004ULL  /* wprintf: %s/%c wide, %S/%C narrow */
#define CRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY      0x0008ULL  /* %F/%N size prefixes, 1.#INF, 3-digit exp */
#define CRT_PRINTF_LEGACY_THREE_DIGIT_EXPONENTS     0x0010ULL  /* %e: at least three exponent digits */
#define CRT_PRINTF_STANDARD_ROUNDING                0x0020ULL  /* exact ties round to even (Win10 2004+) */

/* Engine bits (never passed by guests: callers mask guest options with 0xffffffff). */
#define CRT_PRINTF_MSVCRT             (1ULL << 32)  /* msvcrt.dll semantics */
#define CRT_PRINTF_COUNT_OUTPUT       (1ULL << 33)  /* ucrt: %n enabled (_set_printf_count_output) */
#define CRT_PRINTF_TWO_DIGIT_EXPONENT (1ULL << 34)  /* msvcrt: _set_output_format(_TWO_DIGIT_EXPONENT) */

/* Output of narrow (CHAR) or wide (WCHAR) code units; write returns 0, or non-zero on failure (the CRT
 * then stops and returns -1). */
typedef struct CRT_SINK {
    int  (*write)(void *ctx, const char *s, size_t n);
    void *ctx;
} CRT_SINK;

typedef struct CRT_WSINK {
    int  (*write)(void *ctx, const WCHAR *s, size_t n);
    void *ctx;
} CRT_WSINK;

/*
 * The current locale's multibyte conversions. wctomb stores the multibyte form of wc (at most 8 bytes) and
 * returns its length, or -1 when wc has none (EILSEQ). mbtowc converts the character at s (n bytes
 * available) and returns the bytes used (>= 1), or -1. NULL (or a NULL callback) means the "C" locale:
 * bytes are Latin-1 code points, wide characters above 0xFF are unconvertible.
 */
typedef struct CRT_CODEPAGE {
    int  (*wctomb)(void *ctx, WCHAR wc, char *out);
    int  (*mbtowc)(void *ctx, const char *s, size_t n, WCHAR *wc);
    void *ctx;
} CRT_CODEPAGE;

/*
 * CrtFormatA/W - formats into a sink (printf, fprintf, _cprintf, wprintf...).
 * Returns the number of code units written, or -1 (sink failure, unconvertible %ls/%hs character, or an
 * invalid format under ucrt). *invalid (optional) is set to 1 when Windows would raise the invalid-parameter
 * handler with EINVAL (ucrt: %n disabled, bad size prefix, NULL format); the caller does that.
 */
int CrtFormatA(const CRT_SINK *sink, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
               __builtin_ms_va_list ap, int *invalid);
int CrtFormatW(const CRT_WSINK *sink, uint64_t options, const CRT_CODEPAGE *cp, const WCHAR *format,
               __builtin_ms_va_list ap, int *invalid);

/*
 * CrtFormatBufferA/W - the buffer flavor with ucrt's __stdio_common_vsprintf termination rules:
 *   buffer == NULL                       count only (_scprintf, _vsnprintf(NULL, 0)), returns the length;
 *   LEGACY_VSPRINTF_NULL_TERMINATION     msvcrt _snprintf/_vsnprintf: NUL only if room, returns -1 when the
 *                                        output did not fit (count when it fits exactly, without NUL);
 *   STANDARD_SNPRINTF_BEHAVIOR           C99 snprintf: output truncated and NUL-terminated, returns the
 *                                        full length;
 *   neither                              NUL-terminated; on truncation buffer[count-1] = 0 and returns -2
 *                                        (ucrt's internal "buffer too small" that vsprintf_s turns into ERANGE).
 * msvcrt sprintf = (LEGACY_VSPRINTF_NULL_TERMINATION | MSVCRT, count = INT_MAX).
 */
int CrtFormatBufferA(char *buffer, size_t count, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
                     __builtin_ms_va_list ap, int *invalid);
int CrtFormatBufferW(WCHAR *buffer, size_t count, uint64_t options, const CRT_CODEPAGE *cp,
                     const WCHAR *format, __builtin_ms_va_list ap, int *invalid);

/* The "C" locale conversions used when no CRT_CODEPAGE is given (also usable as callbacks). */
int CrtCLocaleWcToMb(void *ctx, WCHAR wc, char *out);
int CrtCLocaleMbToWc(void *ctx, const char *s, size_t n, WCHAR *wc);

#endif
