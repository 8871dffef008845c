/* ntdll's small C library (crt.c): the functions behind ntdll's CRT exports, named ntdll_NAME (the host C
 * library has the plain names). */
#ifndef NTDLL_CRT_H
#define NTDLL_CRT_H

#include <stddef.h>

#include "nt/ntdef.h"

typedef int(WINAPI *NTDLL_COMPARE)(const void *, const void *);

int WINAPI ntdll__vsnprintf(char *buf, size_t count, const char *fmt, __builtin_ms_va_list ap);
int WINAPI ntdll__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, __builtin_ms_va_list ap);
int WINAPI ntdll__snprintf(char *buf, size_t count, const char *fmt, ...);
int WINAPI ntdll__snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...);
int WINAPI ntdll_sprintf(char *buf, const char *fmt, ...);
int WINAPI ntdll_vsprintf(char *buf, const char *fmt, __builtin_ms_va_list ap);
int WINAPI ntdll_swprintf(WCHAR *buf, const WCHAR *fmt, ...);
int WINAPI ntdll_vswprintf(WCHAR *buf, const WCHAR *fmt, __builtin_ms_va_list ap);
int WINAPI ntdll__vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, __builtin_ms_va_list ap);
int WINAPI ntdll__vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, __builtin_ms_va_list ap);
int WINAPI ntdll__snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...);
int WINAPI ntdll__snwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, ...);
void *WINAPI ntdll_memcpy(void *d, const void *s, size_t n);
void *WINAPI ntdll_memmove(void *d, const void *s, size_t n);
void *WINAPI ntdll_memset(void *d, int c, size_t n);
int WINAPI ntdll_memcmp(const void *a, const void *b, size_t n);
void *WINAPI ntdll_memchr(const void *s, int c, size_t n);
size_t WINAPI ntdll_strlen(const char *s);
size_t WINAPI ntdll_strnlen(const char *s, size_t n);
int WINAPI ntdll_strcmp(const char *a, const char *b);
int WINAPI ntdll_strncmp(const char *a, const char *b, size_t n);
char *WINAPI ntdll_strchr(const char *s, int c);
char *WINAPI ntdll_strrchr(const char *s, int c);
char *WINAPI ntdll_strstr(const char *s, const char *t);
char *WINAPI ntdll_strcpy(char *d, const char *s);
char *WINAPI ntdll_strcat(char *d, const char *s);
char *WINAPI ntdll_strncpy(char *d, const char *s, size_t n);
char *WINAPI ntdll_strncat(char *d, const char *s, size_t n);
size_t WINAPI ntdll_strspn(const char *s, const char *set);
size_t WINAPI ntdll_strcspn(const char *s, const char *set);
char *WINAPI ntdll_strpbrk(const char *s, const char *set);
int WINAPI ntdll__strnicmp(const char *a, const char *b, size_t n);
int WINAPI ntdll__stricmp(const char *a, const char *b);
char *WINAPI ntdll__strlwr(char *s);
char *WINAPI ntdll__strupr(char *s);
size_t WINAPI ntdll_wcslen(const WCHAR *s);
size_t WINAPI ntdll_wcsnlen(const WCHAR *s, size_t n);
int WINAPI ntdll_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
int WINAPI ntdll_wcscmp(const WCHAR *a, const WCHAR *b);
int WINAPI ntdll__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
int WINAPI ntdll__wcsicmp(const WCHAR *a, const WCHAR *b);
WCHAR *WINAPI ntdll_wcschr(const WCHAR *s, WCHAR c);
WCHAR *WINAPI ntdll_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *WINAPI ntdll_wcsstr(const WCHAR *s, const WCHAR *t);
WCHAR *WINAPI ntdll_wcscpy(WCHAR *d, const WCHAR *s);
WCHAR *WINAPI ntdll_wcscat(WCHAR *d, const WCHAR *s);
WCHAR *WINAPI ntdll_wcsncpy(WCHAR *d, const WCHAR *s, size_t n);
WCHAR *WINAPI ntdll__wcslwr(WCHAR *s);
WCHAR *WINAPI ntdll__wcsupr(WCHAR *s);
int WINAPI ntdll_tolower(int c);
int WINAPI ntdll_toupper(int c);
WCHAR WINAPI ntdll_towlower(WCHAR c);
WCHAR WINAPI ntdll_towupper(WCHAR c);
LONG WINAPI ntdll_strtol(const char *s, char **end, int base);
ULONG WINAPI ntdll_strtoul(const char *s, char **end, int base);
LONG WINAPI ntdll_wcstol(const WCHAR *s, WCHAR **end, int base);
ULONG WINAPI ntdll_wcstoul(const WCHAR *s, WCHAR **end, int base);
LONGLONG WINAPI ntdll__atoi64(const char *s);
int WINAPI ntdll_atoi(const char *s);
LONG WINAPI ntdll_atol(const char *s);
LONGLONG WINAPI ntdll__wtoi64(const WCHAR *s);
int WINAPI ntdll__wtoi(const WCHAR *s);
LONG WINAPI ntdll__wtol(const WCHAR *s);
char *WINAPI ntdll__itoa(int v, char *out, int radix);
char *WINAPI ntdll__ltoa(LONG v, char *out, int radix);
char *WINAPI ntdll__ultoa(ULONG v, char *out, int radix);
char *WINAPI ntdll__i64toa(LONGLONG v, char *out, int radix);
char *WINAPI ntdll__ui64toa(ULONGLONG v, char *out, int radix);
WCHAR *WINAPI ntdll__itow(int v, WCHAR *out, int radix);
WCHAR *WINAPI ntdll__ltow(LONG v, WCHAR *out, int radix);
WCHAR *WINAPI ntdll__ultow(ULONG v, WCHAR *out, int radix);
WCHAR *WINAPI ntdll__i64tow(LONGLONG v, WCHAR *out, int radix);
WCHAR *WINAPI ntdll__ui64tow(ULONGLONG v, WCHAR *out, int radix);
int WINAPI ntdll_abs(int v);
LONG WINAPI ntdll_labs(LONG v);
void WINAPI ntdll_qsort(void *base, size_t count, size_t size, NTDLL_COMPARE cmp);
void *WINAPI ntdll_bsearch(const void *key, const void *base, size_t count, size_t size, NTDLL_COMPARE cmp);
int WINAPI ntdll_isalpha(int c);
int WINAPI ntdll_wisalpha(WCHAR c);
int WINAPI ntdll_isupper(int c);
int WINAPI ntdll_wisupper(WCHAR c);
int WINAPI ntdll_islower(int c);
int WINAPI ntdll_wislower(WCHAR c);
int WINAPI ntdll_isdigit(int c);
int WINAPI ntdll_wisdigit(WCHAR c);
int WINAPI ntdll_isxdigit(int c);
int WINAPI ntdll_wisxdigit(WCHAR c);
int WINAPI ntdll_isspace(int c);
int WINAPI ntdll_wisspace(WCHAR c);
int WINAPI ntdll_ispunct(int c);
int WINAPI ntdll_wispunct(WCHAR c);
int WINAPI ntdll_isalnum(int c);
int WINAPI ntdll_wisalnum(WCHAR c);
int WINAPI ntdll_iscntrl(int c);
int WINAPI ntdll_wiscntrl(WCHAR c);
int WINAPI ntdll_isgraph(int c);
int WINAPI ntdll_wisgraph(WCHAR c);
int WINAPI ntdll_isprint(int c);
int WINAPI ntdll_wisprint(WCHAR c);

#endif
