/* The printf and scanf families' shared bodies (crt/printf.c, crt/scanf.c); the faces pass their options. */
#ifndef CRT_PRINTF_H
#define CRT_PRINTF_H

#include "crt/crt.h"

int crt_vfprintf(CRT_FILE *f, uint64_t options, const char *fmt, __builtin_ms_va_list ap);
int crt_vfwprintf(CRT_FILE *f, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap);
/* Buffer formatting with the termination rules options select (see CrtFormatBufferA). */
int crt_vsnprintf(char *buf, size_t count, uint64_t options, const char *fmt, __builtin_ms_va_list ap);
int crt_vsnwprintf(WCHAR *buf, size_t count, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap);
/* The _s forms: size is the buffer, count the most characters (SIZE_MAX = _TRUNCATE; size for sprintf_s). */
int crt_vsprintf_s(char *buf, size_t size, size_t count, uint64_t options, const char *fmt,
                   __builtin_ms_va_list ap);
int crt_vswprintf_s(WCHAR *buf, size_t size, size_t count, uint64_t options, const WCHAR *fmt,
                    __builtin_ms_va_list ap);

int crt_vfscanf(CRT_FILE *f, uint64_t options, const char *fmt, __builtin_ms_va_list ap);
int crt_vfwscanf(CRT_FILE *f, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap);
/* String scanning of at most length units (SIZE_MAX: to the NUL). */
int crt_vsnscanf(const char *s, size_t length, uint64_t options, const char *fmt, __builtin_ms_va_list ap);
int crt_vsnwscanf(const WCHAR *s, size_t length, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap);

#endif
