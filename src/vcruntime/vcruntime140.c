/*
 * vcruntime140.dll and vcruntime140_1.dll: the part of the Visual C++ runtime that MSVC 2015+ programs
 * import beside the Universal CRT. C++ exception handling and RTTI support come from cxxeh.c and
 * typeinfo.c; the memory and string intrinsics, setjmp/longjmp and __C_specific_handler are the ones
 * ucrtbase.dll and ntdll.dll already have, forwarded (the real vcruntime140 imports the CRT too).
 */
#include "io/builtin.h"
#include "vcruntime/cxxeh.h"
#include "win32/k32.h"

/* __report_gsfailure: a /GS stack cookie was found overwritten. Windows ends the process at once with
 * __fastfail(FAST_FAIL_STACK_COOKIE_CHECK_FAILURE), which shows as STATUS_STACK_BUFFER_OVERRUN. */
static void WINAPI vcrt___report_gsfailure(ULONG_PTR cookie)
{
    (void)cookie;
    for (;;)
        TerminateProcess(GetCurrentProcess(), 0xC0000409);
}

/* The telemetry hooks around main: vcruntime's are compiled to nothing when telemetry is off, as it is. */
static void WINAPI vcrt___telemetry_main_invoke_trigger(HINSTANCE instance)
{
    (void)instance;
}

static void WINAPI vcrt___telemetry_main_return_trigger(HINSTANCE instance)
{
    (void)instance;
}

#define FWD_UCRT(name) BUILTIN_FORWARDER(#name, "ucrtbase." #name)

static const struct builtin_export vcruntime140_exports[] = {
    BUILTIN_FUNCTION("_CxxThrowException", cxx_throw_exception),
    BUILTIN_FUNCTION("__CxxFrameHandler", cxx_frame_handler3_ucrt),
    BUILTIN_FUNCTION("__CxxFrameHandler2", cxx_frame_handler3_ucrt),
    BUILTIN_FUNCTION("__CxxFrameHandler3", cxx_frame_handler3_ucrt),
    BUILTIN_FUNCTION("__CxxDetectRethrow", cxx_detect_rethrow),
    BUILTIN_FORWARDER("__C_specific_handler", "NTDLL.__C_specific_handler"),
    BUILTIN_FUNCTION("__AdjustPointer", cxx_adjust_pointer),
    BUILTIN_FUNCTION("__DestructExceptionObject", cxx_destruct_exception_object),
    BUILTIN_FUNCTION("_is_exception_typeof", cxx_is_exception_typeof),
    BUILTIN_FUNCTION("_local_unwind", cxx_local_unwind),
    BUILTIN_FUNCTION("__current_exception", cxx_current_exception),
    BUILTIN_FUNCTION("__current_exception_context", cxx_current_exception_context),
    BUILTIN_FUNCTION("__processing_throw", cxx_processing_throw),
    BUILTIN_FUNCTION("__uncaught_exception", cxx_uncaught_exception),
    BUILTIN_FUNCTION("__uncaught_exceptions", cxx_uncaught_exceptions),
    BUILTIN_FUNCTION("__std_terminate", cxx_terminate_ucrt),
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
    BUILTIN_FUNCTION("__report_gsfailure", vcrt___report_gsfailure),
    BUILTIN_FUNCTION("__telemetry_main_invoke_trigger", vcrt___telemetry_main_invoke_trigger),
    BUILTIN_FUNCTION("__telemetry_main_return_trigger", vcrt___telemetry_main_return_trigger),
    BUILTIN_FORWARDER("__vcrt_GetModuleFileNameW", "KERNEL32.GetModuleFileNameW"),
    BUILTIN_FORWARDER("__vcrt_GetModuleHandleW", "KERNEL32.GetModuleHandleW"),
    BUILTIN_FORWARDER("__vcrt_LoadLibraryExW", "KERNEL32.LoadLibraryExW"),
    BUILTIN_FORWARDER("__vcrt_InitializeCriticalSectionEx", "KERNEL32.InitializeCriticalSectionEx"),
    FWD_UCRT(memcpy), FWD_UCRT(memmove), FWD_UCRT(memset), FWD_UCRT(memcmp), FWD_UCRT(memchr),
    FWD_UCRT(strchr), FWD_UCRT(strrchr), FWD_UCRT(strstr), FWD_UCRT(wcschr), FWD_UCRT(wcsrchr),
    FWD_UCRT(wcsstr), FWD_UCRT(longjmp), FWD_UCRT(__intrinsic_setjmp), FWD_UCRT(__intrinsic_setjmpex),
    BUILTIN_FUNCTION("__RTDynamicCast", cxx_rt_dynamic_cast),
    BUILTIN_FUNCTION("__RTtypeid", cxx_rt_typeid),
    BUILTIN_FUNCTION("__RTCastToVoid", cxx_rt_cast_to_void),
};

static const struct builtin_dll vcruntime140 = {
    .name = "vcruntime140.dll",
    .exports = vcruntime140_exports,
    .nexports = ARRAY_SIZE(vcruntime140_exports),
};
BUILTIN_DLL(vcruntime140);

/* vcruntime140_1.dll: MSVC 2019's compressed exception tables. */
static const struct builtin_export vcruntime140_1_exports[] = {
    BUILTIN_FUNCTION("__CxxFrameHandler4", cxx_frame_handler4),
};

static const struct builtin_dll vcruntime140_1 = {
    .name = "vcruntime140_1.dll",
    .exports = vcruntime140_1_exports,
    .nexports = ARRAY_SIZE(vcruntime140_1_exports),
};
BUILTIN_DLL(vcruntime140_1);
