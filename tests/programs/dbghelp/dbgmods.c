/* dbghelp: search paths, modules added by hand to a session that does not invade, the loaded-module
 * enumeration, and the answers for what export tables lack (line numbers, inline frames). */
#include <windows.h>
#include <dbghelp.h>
#include <stdio.h>
#include <string.h>

DWORD WINAPI SymAddrIncludeInlineTrace(HANDLE, DWORD64);

__declspec(dllexport) __attribute__((noinline)) int target(int x)
{
    return x * 3;
}

static int count;
static BOOL seen_self, seen_kernel32;

static BOOL CALLBACK each(PCSTR name, DWORD64 base, ULONG size, PVOID ctx)
{
    (void)size;
    /* The name is compared without directory and extension (a full path or a module name). */
    const char *slash = strrchr(name, '\\');
    char b[MAX_PATH];
    snprintf(b, sizeof b, "%s", slash ? slash + 1 : name);
    char *dot = strrchr(b, '.');
    if (dot)
        *dot = 0;
    if (base == (DWORD64)(ULONG_PTR)GetModuleHandleW(NULL) && !_stricmp(b, "dbgmods"))
        seen_self = TRUE;
    if (!_stricmp(b, "kernel32"))
        seen_kernel32 = TRUE;
    count++;
    return *(int *)ctx ? TRUE : FALSE;
}

int main(void)
{
    HANDLE proc = GetCurrentProcess();
    printf("init=%d\n", SymInitialize(proc, "C:\\symbols;D:\\more", FALSE));
    char path[64];
    BOOL ok = SymGetSearchPath(proc, path, sizeof path);
    printf("getpath=%d %s\n", ok, path);
    printf("setpath=%d\n", SymSetSearchPath(proc, "E:\\other"));
    ok = SymGetSearchPath(proc, path, sizeof path);
    printf("getpath=%d %s\n", ok, path);

    char buf[sizeof(SYMBOL_INFO) + 128];
    SYMBOL_INFO *si = (SYMBOL_INFO *)buf;
    memset(buf, 0, sizeof buf);
    si->SizeOfStruct = sizeof(SYMBOL_INFO);
    si->MaxNameLen = 100;
    DWORD64 disp = 0;
    ok = SymFromAddr(proc, (DWORD64)(ULONG_PTR)target, &disp, si);
    printf("fromaddr before load=%d\n", ok);

    DWORD64 self = (DWORD64)(ULONG_PTR)GetModuleHandleW(NULL);
    char image[MAX_PATH];
    GetModuleFileNameA(NULL, image, MAX_PATH);
    DWORD64 r = SymLoadModuleEx(proc, NULL, image, NULL, self, 0, NULL, 0);
    printf("load ok=%d\n", r == self);
    SetLastError(12345);
    r = SymLoadModuleEx(proc, NULL, image, NULL, self, 0, NULL, 0);
    printf("load again=%llu err=%lu\n", (unsigned long long)r, GetLastError());
    ok = SymFromAddr(proc, (DWORD64)(ULONG_PTR)target, &disp, si);
    printf("fromaddr after load=%d %s disp=%llu\n", ok, ok ? si->Name : "?", (unsigned long long)disp);
    memset(buf, 0, sizeof buf);
    si->SizeOfStruct = sizeof(SYMBOL_INFO);
    si->MaxNameLen = 100;
    ok = SymFromName(proc, "target", si);
    printf("fromname=%d %s same=%d\n", ok, ok ? si->Name : "?", si->Address == (DWORD64)(ULONG_PTR)target);
    ok = SymFromName(proc, "dbgmods!target", si);
    printf("fromname module=%d same=%d\n", ok, si->Address == (DWORD64)(ULONG_PTR)target);
    ok = SymFromName(proc, "no_such_symbol", si);
    printf("fromname missing=%d\n", ok);
    printf("include inline=%lu\n", SymAddrIncludeInlineTrace(proc, (DWORD64)(ULONG_PTR)target));

    IMAGEHLP_LINE64 line;
    memset(&line, 0, sizeof line);
    line.SizeOfStruct = sizeof line;
    DWORD ldisp = 0;
    ok = SymGetLineFromAddr64(proc, (DWORD64)(ULONG_PTR)target, &ldisp, &line);
    printf("line=%d\n", ok);

    int go = 1;
    ok = EnumerateLoadedModules64(proc, each, &go);
    printf("enum=%d self=%d kernel32=%d more_than_two=%d\n", ok, seen_self, seen_kernel32, count > 2);
    go = 0, count = 0;
    ok = EnumerateLoadedModules64(proc, each, &go);
    printf("enum stop=%d count=%d\n", ok, count);

    printf("unload=%d\n", SymUnloadModule64(proc, self));
    ok = SymFromAddr(proc, (DWORD64)(ULONG_PTR)target, &disp, si);
    printf("fromaddr after unload=%d\n", ok);
    printf("cleanup=%d\n", SymCleanup(proc));
    return target(0);
}
