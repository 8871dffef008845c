/*
 * scanf engine of msvcrt.dll and ucrtbase.dll: scanf, fscanf, sscanf, _snscanf, swscanf, fwscanf and ucrt's
 * __stdio_common_vfscanf / __stdio_common_vsscanf (and their _s forms).
 *
 * Character width: one engine reads a CHAR or WCHAR format and a source of the same width (code units
 * from a get/unget pair). %s/%c/%[ of the other width convert each character through the caller's
 * CRT_CODEPAGE (see format.h), like the CRTs' mbtowc/wctomb calls. Numbers are scanned into a small
 * token buffer and converted with the strtonum engine, so overflow and rounding follow strtol/strtod.
 * Pure: no I/O or allocation of its own; results are stored through the va_list's pointers.
 */
#ifndef CRT_SCAN_H
#define CRT_SCAN_H

#include <stdint.h>

#include "nt/ntdef.h"
#include "rtl/format.h"

/* ucrtbase's __stdio_common_v*scanf options (corecrt_stdio_config.h). */
#define CRT_SCANF_SECURECRT                   0x0001ULL  /* scanf_s: %c %s %[ take a buffer size argument */
#define CRT_SCANF_LEGACY_WIDE_SPECIFIERS      0x0002ULL  /* wscanf: %s/%c/%[ wide, %S/%C narrow */
#define CRT_SCANF_LEGACY_MSVCRT_COMPATIBILITY 0x0004ULL  /* accepted; no behaviour attached yet */
/* Engine bit: msvcrt.dll semantics (implies the legacy wide specifiers; no inf/nan/hex floats). */
#define CRT_SCANF_MSVCRT                      (1ULL << 32)

/* Input: get returns the next code unit (a byte, or a UTF-16 unit for wide scanning) or -1 at the end;
 * unget pushes back the unit last returned (never -1). */
typedef struct CRT_SOURCE {
    int  (*get)(void *ctx);
    void (*unget)(void *ctx, int c);
    void *ctx;
} CRT_SOURCE;

/*
 * CrtScanA/W - returns the number of fields assigned, or -1 (EOF) when the input ended before the first
 * conversion matched. *invalid (optional) is set when Windows would raise the invalid-parameter handler
 * (NULL format, scanf_s buffer too small, unknown size prefix under ucrt).
 */
int CrtScanA(const CRT_SOURCE *src, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
             __builtin_ms_va_list ap, int *invalid);
int CrtScanW(const CRT_SOURCE *src, uint64_t options, const CRT_CODEPAGE *cp, const WCHAR *format,
             __builtin_ms_va_list ap, int *invalid);

/* sscanf/_snscanf and swscanf/_snwscanf: scans a string (at most `length` units, SIZE_MAX for the whole
 * NUL-terminated string). */
int CrtScanStringA(const char *s, size_t length, uint64_t options, const CRT_CODEPAGE *cp, const char *format,
                   __builtin_ms_va_list ap, int *invalid);
int CrtScanStringW(const WCHAR *s, size_t length, uint64_t options, const CRT_CODEPAGE *cp,
                   const WCHAR *format, __builtin_ms_va_list ap, int *invalid);

#endif
