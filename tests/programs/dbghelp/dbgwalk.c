/* dbghelp: symbols from export tables, module info, a backtrace with StackWalk64/StackWalkEx, image
 * helpers. The functions are exported so that their names exist without a PDB. */
#include <windows.h>
#include <dbghelp.h>
#include <stdio.h>
#include <string.h>

BOOL WINAPI StackWalkEx(DWORD, HANDLE, HANDLE, LPSTACKFRAME_EX, PVOID, PREAD_PROCESS_MEMORY_ROUTINE64,
                        PFUNCTION_TABLE_ACCESS_ROUTINE64, PGET_MODULE_BASE_ROUTINE64, PTRANSLATE_ADDRESS_ROUTINE64, DWORD);

static HANDLE proc;

static const char *name_of(DWORD64 addr, DWORD64 *disp)
{
    static char buf[sizeof(SYMBOL_INFO) + 256];
    SYMBOL_INFO *si = (SYMBOL_INFO *)buf;
    memset(buf, 0, sizeof buf);
    si->SizeOfStruct = sizeof(SYMBOL_INFO);
    si->MaxNameLen = 200;
    if (!SymFromAddr(proc, addr, disp, si))
        return NULL;
    return si->Name;
}

__declspec(dllexport) __attribute__((noinline)) int walk_frames(int ex)
{
    CONTEXT ctx;
    RtlCaptureContext(&ctx);
    int n = 0;
    if (!ex) {
        STACKFRAME64 f;
        memset(&f, 0, sizeof f);
        f.AddrPC.Offset = ctx.Rip, f.AddrPC.Mode = AddrModeFlat;
        f.AddrStack.Offset = ctx.Rsp, f.AddrStack.Mode = AddrModeFlat;
        f.AddrFrame.Offset = ctx.Rbp, f.AddrFrame.Mode = AddrModeFlat;
        while (n < 20 && StackWalk64(IMAGE_FILE_MACHINE_AMD64, proc, GetCurrentThread(), &f, &ctx, NULL,
                                     SymFunctionTableAccess64, SymGetModuleBase64, NULL)) {
            DWORD64 disp;
            const char *name = name_of(f.AddrPC.Offset, &disp);
            printf("  frame %d: %s ret_nonzero=%d\n", n++, name ? name : "?", f.AddrReturn.Offset != 0);
            if (name && !strcmp(name, "main"))
                break;
        }
    } else {
        STACKFRAME_EX f;
        memset(&f, 0, sizeof f);
        f.StackFrameSize = sizeof f;
        f.AddrPC.Offset = ctx.Rip, f.AddrPC.Mode = AddrModeFlat;
        f.AddrStack.Offset = ctx.Rsp, f.AddrStack.Mode = AddrModeFlat;
        f.AddrFrame.Offset = ctx.Rbp, f.AddrFrame.Mode = AddrModeFlat;
        while (n < 20 && StackWalkEx(IMAGE_FILE_MACHINE_AMD64, proc, GetCurrentThread(), &f, &ctx, NULL,
                                     SymFunctionTableAccess64, SymGetModuleBase64, NULL, 0)) {
            DWORD64 disp;
            const char *name = name_of(f.AddrPC.Offset, &disp);
            printf("  ex frame %d: %s\n", n++, name ? name : "?");
            if (name && !strcmp(name, "main"))
                break;
        }
    }
    return n;
}

__declspec(dllexport) __attribute__((noinline)) int level2(int ex)
{
    volatile int r = walk_frames(ex);
    return r + 1;
}

__declspec(dllexport) __attribute__((noinline)) int level1(int ex)
{
    volatile int r = level2(ex);
    return r + 1;
}

__declspec(dllexport) int main(void)
{
    proc = GetCurrentProcess();
    DWORD prev = SymSetOptions(SYMOPT_UNDNAME | SYMOPT_DEFERRED_LOADS);
    printf("setoptions=%08lx get=%08lx\n", (unsigned long)prev, (unsigned long)SymGetOptions());
    printf("init=%d\n", SymInitialize(proc, NULL, TRUE));

    DWORD64 disp = 99;
    const char *n = name_of((DWORD64)(ULONG_PTR)level2 + 5, &disp);
    printf("fromaddr level2+5: %s disp=%llu\n", n ? n : "?", (unsigned long long)disp);
    n = name_of((DWORD64)(ULONG_PTR)level1, &disp);
    printf("fromaddr level1: %s disp=%llu\n", n ? n : "?", (unsigned long long)disp);

    char wbuf[sizeof(SYMBOL_INFOW) + 512];
    SYMBOL_INFOW *siw = (SYMBOL_INFOW *)wbuf;
    memset(wbuf, 0, sizeof wbuf);
    siw->SizeOfStruct = sizeof(SYMBOL_INFOW);
    siw->MaxNameLen = 100;
    BOOL ok = SymFromAddrW(proc, (DWORD64)(ULONG_PTR)walk_frames + 2, &disp, siw);
    printf("fromaddrW: %d %ls disp=%llu namelen=%lu\n", ok, ok ? siw->Name : L"?", (unsigned long long)disp,
           (unsigned long)siw->NameLen);

    char sbuf[sizeof(IMAGEHLP_SYMBOL64) + 64];
    IMAGEHLP_SYMBOL64 *sym = (IMAGEHLP_SYMBOL64 *)sbuf;
    memset(sbuf, 0, sizeof sbuf);
    sym->SizeOfStruct = sizeof(IMAGEHLP_SYMBOL64);
    sym->MaxNameLength = 60;
    ok = SymGetSymFromAddr64(proc, (DWORD64)(ULONG_PTR)level1 + 3, &disp, sym);
    printf("getsymfromaddr64: %d %s disp=%llu addr_ok=%d\n", ok, ok ? sym->Name : "?", (unsigned long long)disp,
           sym->Address == (DWORD64)(ULONG_PTR)level1);

    SetLastError(0);
    ok = SymFromAddr(proc, 0x1000, &disp, (SYMBOL_INFO *)sbuf);
    printf("fromaddr unmapped: %d\n", ok);

    HMODULE self = GetModuleHandleW(NULL);
    IMAGEHLP_MODULE64 mi;
    memset(&mi, 0, sizeof mi);
    mi.SizeOfStruct = sizeof mi;
    ok = SymGetModuleInfo64(proc, (DWORD64)(ULONG_PTR)level1, &mi);
    PIMAGE_NT_HEADERS nt = ImageNtHeader(self);
    printf("moduleinfo: %d name=%s base_ok=%d size_ok=%d\n", ok, mi.ModuleName,
           mi.BaseOfImage == (DWORD64)(ULONG_PTR)self, nt && mi.ImageSize == nt->OptionalHeader.SizeOfImage);
    printf("getmodulebase ok=%d\n", SymGetModuleBase64(proc, (DWORD64)(ULONG_PTR)main) == (DWORD64)(ULONG_PTR)self);
    printf("functiontable ok=%d\n", SymFunctionTableAccess64(proc, (DWORD64)(ULONG_PTR)main) != NULL);

    printf("imagentheader ok=%d\n",
           (BYTE *)nt == (BYTE *)self + ((IMAGE_DOS_HEADER *)self)->e_lfanew && nt->Signature == IMAGE_NT_SIGNATURE);
    ULONG size = 0;
    PIMAGE_EXPORT_DIRECTORY ed = ImageDirectoryEntryToData(self, TRUE, IMAGE_DIRECTORY_ENTRY_EXPORT, &size);
    printf("exportdir ok=%d size_ok=%d names=%lu\n",
           ed == (PVOID)((BYTE *)self + nt->OptionalHeader.DataDirectory[0].VirtualAddress),
           size == nt->OptionalHeader.DataDirectory[0].Size, ed ? (unsigned long)ed->NumberOfNames : 0ul);
    PIMAGE_SECTION_HEADER sec = (PIMAGE_SECTION_HEADER)1;
    ed = ImageDirectoryEntryToDataEx(self, TRUE, IMAGE_DIRECTORY_ENTRY_EXPORT, &size, &sec);
    printf("exportdirEx ok=%d section=%p\n", ed != NULL, (void *)sec);

    char und[64];
    DWORD len = UnDecorateSymbolName("plain_name", und, sizeof und, UNDNAME_COMPLETE);
    printf("undecorate plain: %lu %s\n", (unsigned long)len, und);

    printf("backtrace:\n");
    level1(0);
    printf("backtrace ex:\n");
    level1(1);

    printf("cleanup=%d\n", SymCleanup(proc));
    return 0;
}
