/*
 * Delay-loaded imports through mingw-w64's own __delayLoadHelper2 (issue #13): ResolveDelayLoadsFromDll
 * binds every import of counted.dll at once; a call into ntexec_ldr_absent.dll, which exists nowhere,
 * raises what delayimp.h documents, VcppException(ERROR_SEVERITY_ERROR, ERROR_MOD_NOT_FOUND) =
 * 0xC06D007E with a DelayLoadInfo as its parameter.
 */
#include "say.h"

__declspec(dllimport) int talker_id(void);
__declspec(dllimport) int absent_function(void);
extern IMAGE_DOS_HEADER __ImageBase;

typedef LONG(WINAPI *resolve_all)(PVOID, LPCSTR, ULONG);

static LONG WINAPI on_exception(EXCEPTION_POINTERS *e)
{
    const EXCEPTION_RECORD *r = e->ExceptionRecord;
    say("exception 0x%08lx, %lu parameter(s)", r->ExceptionCode, r->NumberParameters);
    if (r->ExceptionCode == 0xC06D007E && r->NumberParameters == 1) {
        /* delayimp.h's DelayLoadInfo: cb, pidd, ppfn, szDll, dlp, hmodCur, pfnCur, dwLastError */
        const struct {
            DWORD cb;
            const void *pidd;
            FARPROC *ppfn;
            LPCSTR szDll;
            struct {
                BOOL fImportByName;
                LPCSTR szProcName;
            } dlp;
            HMODULE hmodCur;
            FARPROC pfnCur;
            DWORD dwLastError;
        } *info = (const void *)r->ExceptionInformation[0];
        say("DelayLoadInfo: dll %s, function %s, error %lu", info->szDll,
            info->dlp.fImportByName ? info->dlp.szProcName : "(ordinal)", info->dwLastError);
    }
    ExitProcess(3);
}

int main(void)
{
    resolve_all resolve = (resolve_all)GetProcAddress(GetModuleHandleA("kernel32.dll"), "ResolveDelayLoadsFromDll");
    if (!resolve)
        resolve = (resolve_all)GetProcAddress(GetModuleHandleA("kernelbase.dll"), "ResolveDelayLoadsFromDll");
    say("counted.dll loaded: %s", GetModuleHandleA("counted.dll") ? "yes" : "no");
    LONG status = resolve ? resolve(&__ImageBase, "COUNTED.dll", 0) : -1;
    say("ResolveDelayLoadsFromDll(counted.dll): 0x%08lx", status);
    say("counted.dll loaded: %s", GetModuleHandleA("counted.dll") ? "yes" : "no");
    say("talker_id() = %d", talker_id());
    status = resolve ? resolve(&__ImageBase, "nothere.dll", 0) : -1;
    say("ResolveDelayLoadsFromDll(nothere.dll): 0x%08lx", status);
    AddVectoredExceptionHandler(1, on_exception);
    say("absent_function() = %d", absent_function());
    return 0;
}
