/* The printf family's shared bodies (crt/printf.c); the faces pass their CRT's options. */
#ifndef CRT_PRINTF_H
#define CRT_PRINTF_H

#include "crt/crt.h"

int crt_vfprintf(CRT_FILE *f, uint64_t options, const char *fmt, __builtin_ms_va_list ap);
int crt_vfwprintf(CRT_FILE *f, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap);
/* Buffer formatting with the termination rules options select (see CrtFormatBufferA). */
int crt_vsnprintf(char *buf, size_t count, uint64_t options, const char *fmt, __builtin_ms_va_list ap);
int crt_vsnwprintf(WCHAR *buf, size_t count, uint64_t options, const WCHAR *fmt, __builtin_ms_va_list ap);

#endif
