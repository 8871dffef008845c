/*
 * Delay-loaded imports through kernel32's ResolveDelayLoadedAPI, as Windows' own DLLs and Wine's
 * programs resolve them: this program brings its own __delayLoadHelper2 (the linker takes it instead of
 * libdelayimp's), which passes a failure hook of its own and the system's DelayLoadFailureHook.
 *   delaydep.dll  loaded at the first call of delay_add; delay_absent is not in it (the hook answers)
 *   ntexec_delay_nowhere.dll  exists nowhere; the hook declines, the system hook fails the call
 */
#include <windows.h>
#include <stdio.h>

typedef struct {
    ULONG ImportDescribedByName;
    union {
        LPCSTR Name;
        ULONG Ordinal;
    } Description;
} PROC_DESCRIPTOR;

typedef struct {
    ULONG Size;
    const void *DelayloadDescriptor;
    PVOID ThunkAddress;
    LPCSTR TargetDllName;
    PROC_DESCRIPTOR TargetApiDescriptor;
    PVOID TargetModuleBase;
    PVOID Unused;
    ULONG LastError;
} DELAY_INFO;

typedef PVOID(WINAPI *failure_hook)(ULONG reason, DELAY_INFO *info);
typedef PVOID(WINAPI *system_hook)(LPCSTR dll, LPCSTR procedure);
PVOID WINAPI ResolveDelayLoadedAPI(PVOID base, const void *descriptor, failure_hook hook, system_hook sys,
                                   PVOID thunk, ULONG flags);
FARPROC WINAPI DelayLoadFailureHook(LPCSTR dll, LPCSTR procedure);

int delay_add(int a, int b);
int delay_absent(int a, int b);
int nowhere_function(int a, int b);

extern IMAGE_DOS_HEADER __ImageBase;

static int WINAPI fallback(int a, int b)
{
    return a * b;
}

static PVOID WINAPI program_hook(ULONG reason, DELAY_INFO *info)
{
    printf("hook: reason %lu, %s!%s, error %lu, size %s, module %s\n", reason, info->TargetDllName,
           info->TargetApiDescriptor.ImportDescribedByName ? info->TargetApiDescriptor.Description.Name : "#",
           info->LastError, info->Size == sizeof *info ? "ok" : "wrong", info->TargetModuleBase ? "set" : "NULL");
    fflush(stdout);
    if (reason == 4 && !strcmp(info->TargetApiDescriptor.Description.Name, "delay_absent"))
        return (PVOID)fallback;
    return NULL;
}

FARPROC WINAPI __delayLoadHelper2(const void *descriptor, FARPROC *thunk)
{
    return (FARPROC)ResolveDelayLoadedAPI(&__ImageBase, descriptor, program_hook,
                                          (system_hook)DelayLoadFailureHook, thunk, 0);
}

static LONG WINAPI on_exception(EXCEPTION_POINTERS *e)
{
    const EXCEPTION_RECORD *r = e->ExceptionRecord;
    if (r->ExceptionCode == EXCEPTION_BREAKPOINT)
        return EXCEPTION_CONTINUE_SEARCH;
    printf("exception 0x%08lx, flags %lu, %lu parameters", r->ExceptionCode, r->ExceptionFlags,
           r->NumberParameters);
    if (r->NumberParameters == 2)
        printf(": %s, %s", (const char *)r->ExceptionInformation[0], (const char *)r->ExceptionInformation[1]);
    printf("\n");
    fflush(stdout);
    ExitProcess(9);
}

int main(void)
{
    printf("before: delaydep.dll %s\n", GetModuleHandleA("delaydep.dll") ? "loaded" : "not loaded");
    printf("delay_add(2, 3) = %d\n", delay_add(2, 3));
    printf("after: delaydep.dll %s\n", GetModuleHandleA("delaydep.dll") ? "loaded" : "not loaded");
    printf("delay_add(4, 5) = %d\n", delay_add(4, 5));
    printf("delay_absent(6, 7) = %d\n", delay_absent(6, 7));
    printf("delay_absent(2, 2) = %d\n", delay_absent(2, 2));
    AddVectoredExceptionHandler(1, on_exception);
    printf("nowhere_function(1, 1) = %d\n", nowhere_function(1, 1));
    return 0;
}
