/*
 * ucrtbase.dll (and the api-ms-win-crt-*-l1-1-0 API sets the loader maps to it): the Universal CRT face of
 * the runtime core. It has its own three standard streams (__acrt_iob_func), its own start-up protocol
 * (_configure_narrow_argv, _initialize_narrow_environment, _crt_atexit, onexit tables), ucrt's command
 * line rules, ucrt's printf through __stdio_common_* (crt/ucrt_stdio.c) and ucrt's defaults: an invalid
 * parameter ends the process (fast fail) unless the program installed a handler, and ExitProcess without
 * exit() does not flush the streams.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"
#include "crt/face.h"
#include "crt/lib.h"
#include "crt/printf.h"
#include "crt/thread.h"
#include "io/builtin.h"
#include "vcruntime/cxxeh.h"

struct ucrt_data {
    CRT_FILE iob[CRT_STD_STREAMS];
    int argc;
    char **argv;
    WCHAR **wargv;
    char **environ;
    WCHAR **wenviron;
    char **initenv;
    WCHAR **winitenv;
    char *acmdln;
    WCHAR *wcmdln;
    char *pgmptr;
    WCHAR *wpgmptr;
    int fmode;
    int commode;
    int app_type;
    int new_mode;
    int mb_cur_max;
};

static struct ucrt_data *data;

#define STDIN (&data->iob[0])
#define STDOUT (&data->iob[1])
#define STDERR (&data->iob[2])

/* ---- start-up ---------------------------------------------------------------------------------------------- */

enum { ARGV_NONE, ARGV_UNEXPANDED, ARGV_EXPANDED };

/* _configure_narrow_argv / _configure_wide_argv: builds __argv; wildcard expansion is not done. */
static int configure_argv(int mode, bool wide)
{
    if (mode < ARGV_NONE || mode > ARGV_EXPANDED) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    crt_build_pgmptr();
    if (mode != ARGV_NONE) {
        crt_args_msvcrt_rules = crt_args.wargv ? crt_args_msvcrt_rules : false;
        if (wide ? crt_parse_wargs() : crt_parse_args())
            return CRT_ENOMEM;
    }
    crt_publish_args();
    return 0;
}

int WINAPI ucrt__configure_narrow_argv(int mode) { return configure_argv(mode, false); }
int WINAPI ucrt__configure_wide_argv(int mode) { return configure_argv(mode, true); }

int WINAPI ucrt__initialize_narrow_environment(void)
{
    if (crt_build_environ())
        return -1;
    crt_publish_args();
    return 0;
}

int WINAPI ucrt__initialize_wide_environment(void)
{
    if (crt_build_wenviron())
        return -1;
    crt_publish_args();
    return 0;
}

char **WINAPI ucrt__get_initial_narrow_environment(void) { return data->initenv; }
WCHAR **WINAPI ucrt__get_initial_wide_environment(void) { return data->winitenv; }

int *WINAPI ucrt___p___argc(void) { return &data->argc; }
char ***WINAPI ucrt___p___argv(void) { return &data->argv; }
WCHAR ***WINAPI ucrt___p___wargv(void) { return &data->wargv; }
char ***WINAPI ucrt___p__environ(void) { return &data->environ; }
WCHAR ***WINAPI ucrt___p__wenviron(void) { return &data->wenviron; }
char **WINAPI ucrt___p__acmdln(void) { return &data->acmdln; }
WCHAR **WINAPI ucrt___p__wcmdln(void) { return &data->wcmdln; }
char **WINAPI ucrt___p__pgmptr(void) { return &data->pgmptr; }
WCHAR **WINAPI ucrt___p__wpgmptr(void) { return &data->wpgmptr; }
int *WINAPI ucrt___p__fmode(void) { return &data->fmode; }
int *WINAPI ucrt___p__commode(void) { return &data->commode; }

/* WinMain's command line: what follows the program name and the blanks after it. */
static const WCHAR *skip_program_name(const WCHAR *p)
{
    bool quoted = false;
    for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++)
        if (*p == '"')
            quoted = !quoted;
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

WCHAR *WINAPI ucrt__get_wide_winmain_command_line(void)
{
    return (WCHAR *)skip_program_name(data->wcmdln);
}

char *WINAPI ucrt__get_narrow_winmain_command_line(void)
{
    const char *p = data->acmdln;
    bool quoted = false;
    for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++)
        if (*p == '"')
            quoted = !quoted;
    while (*p == ' ' || *p == '\t')
        p++;
    return (char *)p;
}

int WINAPI ucrt__get_pgmptr(char **out) { return crt_get_pointer(out, data->pgmptr); }
int WINAPI ucrt__get_wpgmptr(WCHAR **out) { return crt_get_pointer(out, data->wpgmptr); }

void WINAPI ucrt__set_app_type(int type) { data->app_type = type; }
int WINAPI ucrt__query_app_type(void) { return data->app_type; }
void WINAPI ucrt___setusermatherr(PVOID handler) { crt_set_matherr(handler); }

int WINAPI ucrt__set_new_mode(int mode)
{
    int old = data->new_mode;
    data->new_mode = mode;
    return old;
}

int WINAPI ucrt__query_new_mode(void) { return data->new_mode; }

/* _configthreadlocale: per-thread locales are not kept apart ("C" everywhere); reports the global mode. */
int WINAPI ucrt__configthreadlocale(int mode)
{
    if (mode < -1 || mode > 2) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    return 2;   /* _DISABLE_PER_THREAD_LOCALE */
}

int WINAPI ucrt__set_fmode(int mode) { return crt_set_fmode(&data->fmode, mode); }
int WINAPI ucrt__get_fmode(int *mode) { return crt_get_fmode(&data->fmode, mode); }

/* ---- exit ------------------------------------------------------------------------------------------------------ */

int WINAPI ucrt__crt_at_quick_exit(crt_vfn fn) { return crt_register_quick_exit(fn) ? -1 : 0; }
int WINAPI ucrt_at_quick_exit(crt_vfn fn) { return ucrt__crt_at_quick_exit(fn); }
int WINAPI ucrt__initialize_onexit_table(CRT_ONEXIT_TABLE *t) { return crt_onexit_table_init(t); }
int WINAPI ucrt__register_onexit_function(CRT_ONEXIT_TABLE *t, crt_vfn fn) { return crt_onexit_table_register(t, fn); }
int WINAPI ucrt__execute_onexit_table(CRT_ONEXIT_TABLE *t) { return crt_onexit_table_execute(t); }

_Noreturn void WINAPI ucrt_exit(int code) { crt_exit(code); }

_Noreturn void WINAPI ucrt__exit(int code)
{
    crt_mark_exit_started();
    ExitProcess((UINT)code);
}

_Noreturn void WINAPI ucrt_quick_exit(int code)
{
    crt_run_quick_exit();
    ExitProcess((UINT)code);
}

void WINAPI ucrt__cexit(void) { crt_run_exit(); }

/* An MSVC exe's start-up hands the CRT its thread_local destructor callback (__dyn_tls_dtor), which exit
 * calls for the main thread with DLL_PROCESS_DETACH. It can be set once: a second call terminates, as the
 * UCRT does. */
void WINAPI ucrt__register_thread_local_exe_atexit_callback(crt_tls_callback callback)
{
    if (!crt_register_tls_exe_atexit(callback))
        cxx_terminate_ucrt();
}
void WINAPI ucrt__c_exit(void) { crt_mark_exit_started(); }

/* _seh_filter_exe/_dll: the exception goes on to the next handler (signal() actions for hardware
 * exceptions are not consulted here). */
int WINAPI ucrt__seh_filter_exe(ULONG code, PVOID pointers)
{
    (void)code;
    (void)pointers;
    return 0;   /* EXCEPTION_CONTINUE_SEARCH */
}

int WINAPI ucrt__seh_filter_dll(ULONG code, PVOID pointers)
{
    return ucrt__seh_filter_exe(code, pointers);
}

/* ---- errors ---------------------------------------------------------------------------------------------------- */

void WINAPI ucrt__initialize_invalid_parameter_handler(void) {}

_Noreturn void WINAPI ucrt__invoke_watson(const WCHAR *expr, const WCHAR *func, const WCHAR *file, unsigned line,
                                          uintptr_t reserved)
{
    (void)expr;
    (void)func;
    (void)file;
    (void)line;
    (void)reserved;
    TerminateProcess(GetCurrentProcess(), 0xC0000409);   /* STATUS_STACK_BUFFER_OVERRUN, a fast fail */
    ExitProcess(0xC0000409);
}

void WINAPI ucrt__invalid_parameter_noinfo(void)
{
    crt_invalid_parameter(crt_thread()->errno_value);
}

_Noreturn void WINAPI ucrt__invalid_parameter_noinfo_noreturn(void)
{
    crt_invalid_parameter(crt_thread()->errno_value);
    ucrt__invoke_watson(NULL, NULL, NULL, 0, 0);
}

int WINAPI ucrt____mb_cur_max_func(void) { return data->mb_cur_max; }
unsigned WINAPI ucrt____lc_codepage_func(void) { return 0; }   /* the "C" locale */

/* ---- heap ------------------------------------------------------------------------------------------------------ */

void *WINAPI ucrt_malloc(size_t n) { return crt_malloc(n); }
void *WINAPI ucrt_calloc(size_t n, size_t s) { return crt_calloc(n, s); }
void *WINAPI ucrt_realloc(void *p, size_t n) { return crt_realloc(p, n); }
void WINAPI ucrt_free(void *p) { crt_free(p); }
size_t WINAPI ucrt__msize(void *p) { return crt_msize(p); }
int WINAPI ucrt__callnewh(size_t n) { (void)n; return 0; }

/* ---- the standard streams --------------------------------------------------------------------------------------- */

CRT_FILE *WINAPI ucrt___acrt_iob_func(unsigned index)
{
    return index < CRT_STD_STREAMS ? &data->iob[index] : NULL;
}

int WINAPI ucrt_putchar(int c) { return crt_fputc_locked(c, STDOUT); }
int WINAPI ucrt__fputchar(int c) { return crt_fputc_locked(c, STDOUT); }
int WINAPI ucrt_getchar(void) { return crt_fgetc_locked(STDIN); }
int WINAPI ucrt__fgetchar(void) { return crt_fgetc_locked(STDIN); }
WCHAR WINAPI ucrt_putwchar(WCHAR c) { return crt_fputwc_locked(c, STDOUT); }
WCHAR WINAPI ucrt__fputwchar(WCHAR c) { return crt_fputwc_locked(c, STDOUT); }
WCHAR WINAPI ucrt_getwchar(void) { return crt_fgetwc_locked(STDIN); }
WCHAR WINAPI ucrt__fgetwchar(void) { return crt_fgetwc_locked(STDIN); }
int WINAPI ucrt_puts(const char *s) { return crt_puts_stream(STDOUT, s); }
int WINAPI ucrt__putws(const WCHAR *s) { return crt_putws_stream(STDOUT, s); }
char *WINAPI ucrt_gets(char *buf) { return crt_gets_stream(STDIN, buf, SIZE_MAX, false); }
char *WINAPI ucrt_gets_s(char *buf, size_t n) { return crt_gets_stream(STDIN, buf, n, true); }
WCHAR *WINAPI ucrt__getws(WCHAR *buf) { return crt_getws_stream(STDIN, buf, SIZE_MAX, false); }
WCHAR *WINAPI ucrt__getws_s(WCHAR *buf, size_t n) { return crt_getws_stream(STDIN, buf, n, true); }

/* _get_stream_buffer_pointers: where a stream keeps its buffer, pointer and count. */
int WINAPI ucrt__get_stream_buffer_pointers(CRT_FILE *f, char ***base, char ***ptr, int **cnt)
{
    if (!f) {
        crt_invalid_parameter(CRT_EINVAL);
        return CRT_EINVAL;
    }
    if (base)
        *base = &f->_base;
    if (ptr)
        *ptr = &f->_ptr;
    if (cnt)
        *cnt = &f->_cnt;
    return 0;
}

/* ---- the DLL --------------------------------------------------------------------------------------------------- */

static void attach(HMODULE module)
{
    data = builtin_data(module);
    crt_process_attach();
    crt_ucrt_semantics = true;
    crt_stdio_init(data->iob, -1);
    data->acmdln = GetCommandLineA();
    data->wcmdln = GetCommandLineW();
    data->mb_cur_max = 1;
    struct crt_face_vars vars = {
        &data->argc, &data->argv, &data->wargv, &data->environ, &data->wenviron, &data->initenv,
        &data->winitenv, &data->pgmptr, &data->wpgmptr, &data->fmode,
    };
    crt_register_face_vars(&vars);
    crt_lib_attach(NULL);
}

static BOOL WINAPI ucrt_main(HMODULE module, DWORD reason, PVOID reserved)
{
    (void)reserved;
    if (reason == 1 /* DLL_PROCESS_ATTACH */)
        attach(module);
    /* DLL_PROCESS_DETACH: ucrtbase's uninitialization does nothing when the process is ending, so output
     * still buffered when a program calls ExitProcess itself is lost, as on Windows. */
    return TRUE;
}

/* printf and scanf (crt/ucrt_stdio.c) */
#define UCRT_STDIO_FUNCTIONS(X)                                                                                 \
    X(__stdio_common_vfprintf) X(__stdio_common_vfwprintf) X(__stdio_common_vsprintf)                           \
    X(__stdio_common_vswprintf) X(__stdio_common_vsprintf_s) X(__stdio_common_vswprintf_s)                      \
    X(__stdio_common_vsnprintf_s) X(__stdio_common_vsnwprintf_s) X(__stdio_common_vfscanf)                      \
    X(__stdio_common_vfwscanf) X(__stdio_common_vsscanf) X(__stdio_common_vswscanf) X(_set_printf_count_output) \
    X(_get_printf_count_output)
#define UCRT_STDIO_DECLARE(name) extern void WINAPI ucrt_##name##_ref(void) __asm__("ucrt_" #name);
UCRT_STDIO_FUNCTIONS(UCRT_STDIO_DECLARE)
#define UCRT_STDIO_EXPORT(name) BUILTIN_FUNCTION(#name, ucrt_##name##_ref),
#define UCRT_STDIO_EXPORT_AS(export, name) BUILTIN_FUNCTION(export, ucrt_##name##_ref)
/* The _s and _p forms with the same arguments format the same way (no separate format validation, no
 * positional arguments), so they are the same functions. */
#define UCRT_STDIO_ALIASES                                                                                      \
    UCRT_STDIO_EXPORT_AS("__stdio_common_vfprintf_s", __stdio_common_vfprintf),                                 \
    UCRT_STDIO_EXPORT_AS("__stdio_common_vfprintf_p", __stdio_common_vfprintf),                                 \
    UCRT_STDIO_EXPORT_AS("__stdio_common_vfwprintf_s", __stdio_common_vfwprintf),                               \
    UCRT_STDIO_EXPORT_AS("__stdio_common_vfwprintf_p", __stdio_common_vfwprintf),                               \
    UCRT_STDIO_EXPORT_AS("__stdio_common_vsprintf_p", __stdio_common_vsprintf_s),                               \
    UCRT_STDIO_EXPORT_AS("__stdio_common_vswprintf_p", __stdio_common_vswprintf_s)

#include "crt/exports_io.h"
#include "crt/exports_lib.h"

#define F(name) BUILTIN_FUNCTION(#name, ucrt_##name)

static const struct builtin_export ucrtbase_exports[] = {
    /* start-up and exit */
    F(_configure_narrow_argv), F(_configure_wide_argv), F(_initialize_narrow_environment),
    F(_initialize_wide_environment), F(_get_initial_narrow_environment), F(_get_initial_wide_environment),
    F(__p___argc), F(__p___argv), F(__p___wargv), F(__p__environ), F(__p__wenviron), F(__p__acmdln),
    F(__p__wcmdln), F(__p__pgmptr), F(__p__wpgmptr), F(__p__fmode), F(__p__commode),
    F(_get_narrow_winmain_command_line), F(_get_wide_winmain_command_line), F(_get_pgmptr), F(_get_wpgmptr),
    CRT_RUNTIME_EXPORTS, F(_set_app_type), F(_query_app_type), F(__setusermatherr), F(_set_new_mode),
    F(_query_new_mode), F(_configthreadlocale), F(_set_fmode), F(_get_fmode),
    BUILTIN_FUNCTION("_crt_atexit", crt_atexit), F(_crt_at_quick_exit), F(at_quick_exit), F(_initialize_onexit_table),
    F(_register_onexit_function), F(_execute_onexit_table), F(exit), F(_exit), BUILTIN_FUNCTION("_Exit", ucrt__exit),
    F(quick_exit), F(_cexit), F(_c_exit), F(_seh_filter_exe), F(_seh_filter_dll),
    CRT_THREAD_EXPORTS,
    /* errors */
    BUILTIN_FUNCTION("_set_thread_local_invalid_parameter_handler", crt_set_invalid_parameter_handler),
    BUILTIN_FUNCTION("_get_thread_local_invalid_parameter_handler", crt_get_invalid_parameter_handler),
    F(_initialize_invalid_parameter_handler), F(_invoke_watson), F(_invalid_parameter_noinfo),
    F(_invalid_parameter_noinfo_noreturn), F(___mb_cur_max_func), F(___lc_codepage_func),
    /* heap */
    F(malloc), F(calloc), F(realloc), F(free), F(_msize), F(_callnewh),
    /* the standard streams */
    F(__acrt_iob_func), F(putchar), F(_fputchar), F(getchar), F(_fgetchar), F(putwchar), F(_fputwchar),
    F(getwchar), F(_fgetwchar), F(puts), F(_putws), F(gets), F(gets_s), F(_getws), F(_getws_s),
    F(_get_stream_buffer_pointers),
    UCRT_STDIO_FUNCTIONS(UCRT_STDIO_EXPORT) UCRT_STDIO_ALIASES,
    /* shared I/O and ucrt's names for some of it */
    CRT_IO_EXPORTS,
    CRT_IO_EXPORT_AS("_findfirst", _findfirst64i32), CRT_IO_EXPORT_AS("_findnext", _findnext64i32),
    /* the library half */
    CRT_LIB_EXPORTS,
    CRT_LIB_UCRT_EXPORTS,
    BUILTIN_FORWARDER("__C_specific_handler", "NTDLL.__C_specific_handler"),
    /* C++ exception handling and RTTI support (vcruntime/cxxeh.c, vcruntime/typeinfo.c) */
    BUILTIN_FUNCTION("_CxxThrowException", cxx_throw_exception),
    BUILTIN_FUNCTION("__CxxFrameHandler", cxx_frame_handler3_ucrt),
    BUILTIN_FUNCTION("__CxxFrameHandler2", cxx_frame_handler3_ucrt),
    BUILTIN_FUNCTION("__CxxFrameHandler3", cxx_frame_handler3_ucrt),
    BUILTIN_FUNCTION("__CxxDetectRethrow", cxx_detect_rethrow),
    BUILTIN_FUNCTION("__AdjustPointer", cxx_adjust_pointer),
    BUILTIN_FUNCTION("__DestructExceptionObject", cxx_destruct_exception_object),
    BUILTIN_FUNCTION("_is_exception_typeof", cxx_is_exception_typeof),
    BUILTIN_FUNCTION("_local_unwind", cxx_local_unwind),
    BUILTIN_FUNCTION("__current_exception", cxx_current_exception),
    BUILTIN_FUNCTION("__current_exception_context", cxx_current_exception_context),
    BUILTIN_FUNCTION("__processing_throw", cxx_processing_throw),
    BUILTIN_FUNCTION("__uncaught_exception", cxx_uncaught_exception),
    BUILTIN_FUNCTION("__std_terminate", cxx_terminate_ucrt),
    BUILTIN_FUNCTION("terminate", cxx_terminate_ucrt),
    BUILTIN_FUNCTION("set_terminate", cxx_set_terminate),
    BUILTIN_FUNCTION("_get_terminate", cxx_get_terminate),
    BUILTIN_FUNCTION("_set_se_translator", cxx_set_se_translator),
    BUILTIN_FUNCTION("_purecall", cxx_purecall_ucrt),
    BUILTIN_FUNCTION("_set_purecall_handler", cxx_set_purecall_handler),
    BUILTIN_FUNCTION("_get_purecall_handler", cxx_get_purecall_handler),
    BUILTIN_FUNCTION("__std_exception_copy", cxx_std_exception_copy),
    BUILTIN_FUNCTION("__std_exception_destroy", cxx_std_exception_destroy),
    BUILTIN_FUNCTION("__std_type_info_compare", cxx_std_type_info_compare),
    BUILTIN_FUNCTION("__std_type_info_hash", cxx_std_type_info_hash),
    BUILTIN_FUNCTION("__std_type_info_name", cxx_std_type_info_name),
    BUILTIN_FUNCTION("__std_type_info_destroy_list", cxx_std_type_info_destroy_list),
    BUILTIN_FUNCTION("__RTDynamicCast", cxx_rt_dynamic_cast),
    BUILTIN_FUNCTION("__RTtypeid", cxx_rt_typeid),
    BUILTIN_FUNCTION("__RTCastToVoid", cxx_rt_cast_to_void),
    F(_register_thread_local_exe_atexit_callback),
};

static const struct builtin_dll ucrtbase = {
    .name = "ucrtbase.dll",
    .exports = ucrtbase_exports,
    .nexports = ARRAY_SIZE(ucrtbase_exports),
    .data_size = sizeof(struct ucrt_data),
    .entry = ucrt_main,
};
BUILTIN_DLL(ucrtbase);
