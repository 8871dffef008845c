/*
 * ucrtbase.dll's printf and scanf entry points: every printf/scanf a ucrt program calls is an inline
 * function of the headers that ends in one of these __stdio_common_* functions with an options word (the
 * _CRT_INTERNAL_PRINTF_* / _CRT_INTERNAL_SCANF_* bits, passed through to the engines) and a locale
 * (ignored: the "C" locale).
 */
#include "crt/crt.h"
#include "crt/printf.h"
#include "crt/scan.h"

/* _set_printf_count_output: %n is refused unless the program enables it. */
static volatile int count_output;

int WINAPI ucrt__set_printf_count_output(int enable)
{
    return __atomic_exchange_n(&count_output, enable != 0, __ATOMIC_ACQ_REL);
}

int WINAPI ucrt__get_printf_count_output(void)
{
    return __atomic_load_n(&count_output, __ATOMIC_ACQUIRE);
}

/* Guests pass 64-bit option words; only the documented low bits are theirs. */
static uint64_t printf_options(uint64_t options)
{
    return (options & 0xFFFFFFFFu) | (__atomic_load_n(&count_output, __ATOMIC_ACQUIRE) ? CRT_PRINTF_COUNT_OUTPUT : 0);
}

static uint64_t scanf_options(uint64_t options)
{
    return options & 0xFFFFFFFFu;
}

int WINAPI ucrt___stdio_common_vfprintf(uint64_t options, CRT_FILE *f, const char *fmt, void *locale,
                                        __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vfprintf(f, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vfwprintf(uint64_t options, CRT_FILE *f, const WCHAR *fmt, void *locale,
                                         __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vfwprintf(f, printf_options(options), fmt, ap);
}

/* Buffers: the termination rules follow the options (see CrtFormatBufferA); -2 reports a buffer that was
 * too small when neither legacy nor C99 termination was asked for. */
int WINAPI ucrt___stdio_common_vsprintf(uint64_t options, char *buf, size_t count, const char *fmt, void *locale,
                                        __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vsnprintf(buf, count, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vswprintf(uint64_t options, WCHAR *buf, size_t count, const WCHAR *fmt,
                                         void *locale, __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vsnwprintf(buf, count, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vsprintf_s(uint64_t options, char *buf, size_t size, const char *fmt, void *locale,
                                          __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vsprintf_s(buf, size, size, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vswprintf_s(uint64_t options, WCHAR *buf, size_t size, const WCHAR *fmt,
                                           void *locale, __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vswprintf_s(buf, size, size, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vsnprintf_s(uint64_t options, char *buf, size_t size, size_t count, const char *fmt,
                                           void *locale, __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vsprintf_s(buf, size, count, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vsnwprintf_s(uint64_t options, WCHAR *buf, size_t size, size_t count,
                                            const WCHAR *fmt, void *locale, __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vswprintf_s(buf, size, count, printf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vfscanf(uint64_t options, CRT_FILE *f, const char *fmt, void *locale,
                                       __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vfscanf(f, scanf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vfwscanf(uint64_t options, CRT_FILE *f, const WCHAR *fmt, void *locale,
                                        __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vfwscanf(f, scanf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vsscanf(uint64_t options, const char *s, size_t count, const char *fmt,
                                       void *locale, __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vsnscanf(s, count, scanf_options(options), fmt, ap);
}

int WINAPI ucrt___stdio_common_vswscanf(uint64_t options, const WCHAR *s, size_t count, const WCHAR *fmt,
                                        void *locale, __builtin_ms_va_list ap)
{
    (void)locale;
    return crt_vsnwscanf(s, count, scanf_options(options), fmt, ap);
}
