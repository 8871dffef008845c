/* user32.dll internals shared by its files (and by shlwapi, which on Windows imports user32). */
#ifndef USER32_USER32_H
#define USER32_USER32_H

#include "nt/ntdef.h"

/* wsprintf's buffer limit in characters, the NUL included. */
#define USER32_WSPRINTF_MAX 1024

/* The wsprintf engine: writes at most maxlen - 1 characters and a NUL into buffer (WCHARs when wide, the
 * format then being WCHARs too); returns the characters written, *truncated when the output did not fit. */
int User32pFormat(void *buffer, BOOL wide, unsigned maxlen, const void *fmt, __builtin_ms_va_list ap,
                  BOOL *truncated);

#endif
