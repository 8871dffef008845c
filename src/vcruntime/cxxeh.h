/*
 * MSVC C++ exception handling (cxxeh.c): the functions vcruntime140.dll, vcruntime140_1.dll, msvcrt.dll and
 * ucrtbase.dll export for compiled C++ code. Each DLL exports the same engine; what differs is which
 * C runtime's abort() a std::terminate ends in (msvcrt's message and exit code 3, or ucrtbase's fast fail).
 */
#ifndef VCRUNTIME_CXXEH_H
#define VCRUNTIME_CXXEH_H

#include "nt/context.h"
#include "ntdll/rtl/unwind.h"

typedef void(WINAPI *cxx_terminate_handler)(void);
typedef void(WINAPI *cxx_se_translator)(unsigned code, PEXCEPTION_POINTERS info);

/* The frame handlers: FH3 (msvcrt's and ucrtbase's __CxxFrameHandler, 2 and 3 are the same function on
 * x64) and FH4 (vcruntime140_1). The _msvcrt variants end a std::terminate in msvcrt's abort. */
EXCEPTION_DISPOSITION WINAPI cxx_frame_handler3_ucrt(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                    PDISPATCHER_CONTEXT dc);
EXCEPTION_DISPOSITION WINAPI cxx_frame_handler3_msvcrt(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                                      PDISPATCHER_CONTEXT dc);
EXCEPTION_DISPOSITION WINAPI cxx_frame_handler4(PEXCEPTION_RECORD rec, PVOID frame, PCONTEXT ctx,
                                               PDISPATCHER_CONTEXT dc);
__attribute__((noreturn)) void WINAPI cxx_throw_exception(void *object, const void *throw_info);
/* Throws at the program's call of the builtin running, with throw_info's RVAs counting from base. */
__attribute__((noreturn)) void cxx_throw_exception_based(void *object, const void *throw_info, DWORD64 base);

/* std::terminate and its handler (one per process, as ucrtbase keeps it) */
__attribute__((noreturn)) void WINAPI cxx_terminate_ucrt(void);
__attribute__((noreturn)) void WINAPI cxx_terminate_msvcrt(void);
cxx_terminate_handler WINAPI cxx_set_terminate(cxx_terminate_handler handler);
cxx_terminate_handler WINAPI cxx_get_terminate(void);
cxx_se_translator WINAPI cxx_set_se_translator(cxx_se_translator translator);

/* The rest of the exports, shared by the DLLs */
void WINAPI cxx_purecall_ucrt(void);
void WINAPI cxx_purecall_msvcrt(void);
PVOID WINAPI cxx_set_purecall_handler(PVOID handler);
PVOID WINAPI cxx_get_purecall_handler(void);
PVOID *WINAPI cxx_current_exception(void);
PVOID *WINAPI cxx_current_exception_context(void);
int *WINAPI cxx_processing_throw(void);
BOOL WINAPI cxx_uncaught_exception(void);
int WINAPI cxx_uncaught_exceptions(void);
void WINAPI cxx_std_exception_copy(const void *from, void *to);
void WINAPI cxx_std_exception_destroy(void *data);
int WINAPI cxx_std_type_info_compare(const void *a, const void *b);
size_t WINAPI cxx_std_type_info_hash(const void *data);
const char *WINAPI cxx_std_type_info_name(void *data, void *list);
void WINAPI cxx_std_type_info_destroy_list(void *list);
void *WINAPI cxx_adjust_pointer(void *object, const void *pmd);
void WINAPI cxx_destruct_exception_object(PEXCEPTION_RECORD rec);
BOOL WINAPI cxx_is_exception_typeof(const void *type, PEXCEPTION_POINTERS info);
void WINAPI cxx_local_unwind(PVOID frame, PVOID target);
void WINAPI cxx_type_info_dtor(void *self);
const char *WINAPI cxx_type_info_name(void *self);
const char *WINAPI cxx_type_info_raw_name(void *self);
int WINAPI cxx_type_info_equal(const void *self, const void *other);
int WINAPI cxx_type_info_unequal(const void *self, const void *other);
int WINAPI cxx_type_info_before(const void *self, const void *other);
BOOL WINAPI cxx_detect_rethrow(PEXCEPTION_POINTERS info);
/* RTTI (rtti.c) */
void *WINAPI cxx_rt_cast_to_void(void *object);
const void *WINAPI cxx_rt_typeid(void *object);
void *WINAPI cxx_rt_dynamic_cast(void *object, LONG vf_delta, const void *src, const void *target, BOOL reference);

#endif
