/*
 * Bodies the two faces share for functions bound to their own standard streams (puts writes to msvcrt's
 * _iob[1] or to ucrt's __acrt_iob_func(1)), and the export list of the core functions both faces export as
 * they are.
 */
#ifndef CRT_FACE_H
#define CRT_FACE_H

#include "crt/crt.h"

int crt_puts_stream(CRT_FILE *out, const char *s);
int crt_putws_stream(CRT_FILE *out, const WCHAR *s);
/* gets (size SIZE_MAX: unbounded, the newline dropped) and gets_s (too long a line is an error). */
char *crt_gets_stream(CRT_FILE *in, char *buf, size_t size, bool secure);
WCHAR *crt_getws_stream(CRT_FILE *in, WCHAR *buf, size_t size, bool secure);
int crt_fputc_locked(int c, CRT_FILE *f);
int crt_fgetc_locked(CRT_FILE *f);
WCHAR crt_fputwc_locked(WCHAR c, CRT_FILE *f);
WCHAR crt_fgetwc_locked(CRT_FILE *f);

/* Names and paths of temporary files (tmpnam's "s<pid>.<n>" in the temp directory). */
bool crt_tmpnam_w(WCHAR *buf, size_t size);

/* The exports whose bodies do not depend on the face (crt/startup.c, crt/runtime.c). */
#define CRT_RUNTIME_EXPORTS                                                                                    \
    BUILTIN_FUNCTION("_initterm", crt_initterm), BUILTIN_FUNCTION("_initterm_e", crt_initterm_e),              \
        BUILTIN_FUNCTION("atexit", crt_atexit),                                                                \
        BUILTIN_FUNCTION("_set_invalid_parameter_handler", crt_set_invalid_parameter_handler),                 \
        BUILTIN_FUNCTION("_get_invalid_parameter_handler", crt_get_invalid_parameter_handler)

/* Console I/O (conio.h) */
int crt_getch(bool echo);
int crt_ungetch(int c);
int crt_kbhit(void);

#endif
