/*
 * Delay-loaded imports: LdrResolveDelayLoadedAPI (kernel32's ResolveDelayLoadedAPI), which the delay-load
 * helper linked into a program calls the first time it uses a function of a delay-loaded DLL. It loads
 * the DLL when the descriptor's module handle is still empty, finds the function the IAT slot stands for
 * (by the name table entry at the same index), writes it into the slot and returns it. A failure goes to
 * the program's failure hook first (dliFailLoadLib, dliFailGetProc, with a DELAYLOAD_INFO), then to the
 * system's (kernel32's DelayLoadFailureHook), whose answer fills the slot instead. ntexec keeps no failure
 * stubs (Windows has some for its own API sets), so the system hook, or the lack of one, raises a
 * noncontinuable STATUS_DLL_NOT_FOUND or STATUS_ENTRYPOINT_NOT_FOUND (parameters: the DLL and function
 * names) where the program called the resolver, as the loader reports a static import it cannot bind.
 */
#include <string.h>

#include "ntdll/crt.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"

#define DLI_FAIL_LOAD_LIB 3   /* NotificationReason of the failure hook (delayimp.h's dliFailLoadLib) */
#define DLI_FAIL_GET_PROC 4   /* ... dliFailGetProc */

typedef struct _DELAYLOAD_PROC_DESCRIPTOR {
    ULONG ImportDescribedByName;
    union {
        LPCSTR Name;
        ULONG Ordinal;
    } Description;
} DELAYLOAD_PROC_DESCRIPTOR;

typedef struct _DELAYLOAD_INFO {
    ULONG Size;
    const IMAGE_DELAYLOAD_DESCRIPTOR *DelayloadDescriptor;
    ULONG64 *ThunkAddress;
    LPCSTR TargetDllName;
    DELAYLOAD_PROC_DESCRIPTOR TargetApiDescriptor;
    PVOID TargetModuleBase;
    PVOID Unused;
    ULONG LastError;
} DELAYLOAD_INFO;

typedef PVOID(WINAPI *PDELAYLOAD_FAILURE_DLL_CALLBACK)(ULONG reason, DELAYLOAD_INFO *info);
typedef PVOID(WINAPI *PDELAYLOAD_FAILURE_SYSTEM_ROUTINE)(LPCSTR dll, LPCSTR procedure);

/* The DLL of the descriptor, loaded once: the handle slot is shared by every function of the DLL. */
static PVOID load_target(PVOID *slot, const char *dll, NTSTATUS *status)
{
    PVOID module = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (module)
        return module;
    ANSI_STRING a;
    UNICODE_STRING u;
    RtlInitAnsiString(&a, dll);
    *status = RtlAnsiStringToUnicodeString(&u, &a, TRUE);
    if (*status != STATUS_SUCCESS)
        return NULL;
    *status = LdrLoadDll(NULL, NULL, &u, &module);
    RtlFreeUnicodeString(&u);
    if (*status != STATUS_SUCCESS)
        return NULL;
    PVOID expected = NULL;
    if (!__atomic_compare_exchange_n(slot, &expected, module, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        LdrUnloadDll(module);   /* another thread resolved the DLL meanwhile: keep one reference */
        module = expected;
    }
    return module;
}

PVOID WINAPI LdrResolveDelayLoadedAPI(PVOID base, const IMAGE_DELAYLOAD_DESCRIPTOR *descriptor, PVOID dll_hook_address,
                                      PVOID system_hook_address, ULONG64 *thunk, ULONG flags)
{
    (void)flags;
    PDELAYLOAD_FAILURE_DLL_CALLBACK dll_hook = (PDELAYLOAD_FAILURE_DLL_CALLBACK)dll_hook_address;
    PDELAYLOAD_FAILURE_SYSTEM_ROUTINE system_hook = (PDELAYLOAD_FAILURE_SYSTEM_ROUTINE)system_hook_address;
    BYTE *image = base;
    const ULONG64 *iat = (const ULONG64 *)(image + descriptor->ImportAddressTableRVA);
    const ULONG64 *names = (const ULONG64 *)(image + descriptor->ImportNameTableRVA);
    ULONG64 entry = names[thunk - iat];
    DELAYLOAD_INFO info = {
        .Size = sizeof info,
        .DelayloadDescriptor = descriptor,
        .ThunkAddress = thunk,
        .TargetDllName = (LPCSTR)(image + descriptor->DllNameRVA),
    };
    ANSI_STRING name = {0};
    ULONG ordinal = 0;
    LPCSTR procedure;   /* as the system hook takes it: a name, or an ordinal in the low word */
    if (entry & IMAGE_ORDINAL_FLAG64) {
        ordinal = (ULONG)(entry & 0xFFFF);
        info.TargetApiDescriptor.Description.Ordinal = ordinal;
        procedure = (LPCSTR)(ULONG_PTR)ordinal;
    } else {
        procedure = (LPCSTR)(image + (entry & 0x7FFFFFFF) + 2);   /* IMAGE_IMPORT_BY_NAME: Hint, Name */
        info.TargetApiDescriptor.ImportDescribedByName = 1;
        info.TargetApiDescriptor.Description.Name = procedure;
        RtlInitAnsiString(&name, procedure);
    }

    NTSTATUS status = STATUS_SUCCESS;
    PVOID module = load_target((PVOID *)(image + descriptor->ModuleHandleRVA), info.TargetDllName, &status);
    PVOID address = NULL;
    if (!module) {
        info.LastError = RtlNtStatusToDosError(status);
        if (dll_hook)
            module = dll_hook(DLI_FAIL_LOAD_LIB, &info);
    }
    if (module) {
        info.TargetModuleBase = module;
        status = LdrGetProcedureAddress(module, ordinal ? NULL : &name, ordinal, &address);
        if (status != STATUS_SUCCESS) {
            info.LastError = RtlNtStatusToDosError(status);
            if (dll_hook)
                address = dll_hook(DLI_FAIL_GET_PROC, &info);
        }
    }
    if (!address && system_hook)
        address = system_hook(info.TargetDllName, procedure);
    if (!address)
        LdrpRaiseDelayLoadFailure(info.TargetDllName, procedure);
    struct ldrp_writable w = {0};
    if (LdrpMakeWritable(&w, thunk, sizeof *thunk) != STATUS_SUCCESS)
        LdrpRaiseDelayLoadFailure(info.TargetDllName, procedure);
    __atomic_store_n(thunk, (ULONG64)(ULONG_PTR)address, __ATOMIC_RELEASE);
    LdrpRestoreProtection(&w);
    return address;
}

void LdrpRaiseDelayLoadFailure(LPCSTR dll, LPCSTR procedure)
{
    ANSI_STRING a;
    UNICODE_STRING u;
    PVOID module = NULL;
    RtlInitAnsiString(&a, dll);
    if (RtlAnsiStringToUnicodeString(&u, &a, TRUE) == STATUS_SUCCESS) {
        LdrGetDllHandle(NULL, NULL, &u, &module);
        RtlFreeUnicodeString(&u);
    }
    EXCEPTION_RECORD rec = {
        .ExceptionCode = (DWORD)(module ? STATUS_ENTRYPOINT_NOT_FOUND : STATUS_DLL_NOT_FOUND),
        .ExceptionFlags = EXCEPTION_NONCONTINUABLE,
        .NumberParameters = 2,
        .ExceptionInformation = {(ULONG_PTR)dll, (ULONG_PTR)procedure},
    };
    RtlpRaiseAtGuestCallSite(&rec);
}

/*
 * Every delay-loaded import of base from dll bound at once (kernel32's ResolveDelayLoadsFromDll), as a
 * program does before it may no longer load DLLs; the descriptors are those of the delay import directory
 * (up to its Size or an empty one). No hooks: STATUS_DLL_NOT_FOUND when base has no delay
 * imports from dll or dll does not load, STATUS_PROCEDURE_NOT_FOUND at the first function it lacks (the
 * slots before it stay bound).
 */
NTSTATUS WINAPI LdrResolveDelayLoadsFromDll(PVOID base, LPCSTR dll, ULONG flags)
{
    if (flags || !dll)
        return STATUS_INVALID_PARAMETER;
    const IMAGE_NT_HEADERS64 *nt = RtlImageNtHeader(base);
    if (!nt)
        return STATUS_INVALID_IMAGE_FORMAT;
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT];
    BYTE *image = base;
    const IMAGE_DELAYLOAD_DESCRIPTOR *d = (const IMAGE_DELAYLOAD_DESCRIPTOR *)(image + dir->VirtualAddress);
    size_t count = dir->VirtualAddress ? dir->Size / sizeof *d : 0;
    for (; count-- && d->DllNameRVA; d++) {
        if (ntdll__stricmp((const char *)(image + d->DllNameRVA), dll))
            continue;
        NTSTATUS status = STATUS_SUCCESS;
        PVOID module = load_target((PVOID *)(image + d->ModuleHandleRVA), dll, &status);
        if (!module)
            return status;
        ULONG64 *iat = (ULONG64 *)(image + d->ImportAddressTableRVA);
        const ULONG64 *names = (const ULONG64 *)(image + d->ImportNameTableRVA);
        for (size_t i = 0; names[i]; i++) {
            ANSI_STRING name = {0};
            ULONG ordinal = 0;
            if (names[i] & IMAGE_ORDINAL_FLAG64)
                ordinal = (ULONG)(names[i] & 0xFFFF);
            else
                RtlInitAnsiString(&name, (LPCSTR)(image + (names[i] & 0x7FFFFFFF) + 2));
            PVOID address;
            status = LdrGetProcedureAddress(module, ordinal ? NULL : &name, ordinal, &address);
            if (status != STATUS_SUCCESS)
                return STATUS_PROCEDURE_NOT_FOUND;
            struct ldrp_writable w = {0};
            status = LdrpMakeWritable(&w, &iat[i], sizeof iat[i]);
            if (status != STATUS_SUCCESS)
                return status;
            __atomic_store_n(&iat[i], (ULONG64)(ULONG_PTR)address, __ATOMIC_RELEASE);
            LdrpRestoreProtection(&w);
        }
        return STATUS_SUCCESS;
    }
    return STATUS_DLL_NOT_FOUND;
}
