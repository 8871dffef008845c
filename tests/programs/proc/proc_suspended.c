/* A child created with CREATE_SUSPENDED, before its first instruction: GetThreadContext shows RIP at
 * ntdll!RtlUserThreadStart (ntdll sits at the same address in every process), RCX the image's entry point
 * (ImageBase read from the child's PEB + AddressOfEntryPoint read from the file), RDX the PEB
 * (NtQueryInformationProcess), EFlags 0x200 and MxCsr 0x1f80; PEB->Ldr is still NULL and the import address table
 * holds the file's values; ReadProcessMemory/WriteProcessMemory of a global, VirtualQueryEx, VirtualAllocEx
 * (`proc_suspended.exe alloc`), SuspendThread/ResumeThread counts, then the child runs and prints what was written.
 * A second suspended child gets a new RCX through SetThreadContext and starts in another function; a third is
 * terminated without ever running. */
#include <winternl.h>
#include "proc.h"

volatile DWORD g_value = 0x11111111;
const char *volatile g_ptr;

__attribute__((noinline, used)) static void WINAPI alt_entry(void *peb)
{
    DWORD n;
    (void)peb;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "child: started in alt_entry\n", 28, &n, NULL);
    ExitProcess(77);
}

static ULONG_PTR rva_of(const void *p) { return (ULONG_PTR)p - (ULONG_PTR)GetModuleHandleW(NULL); }

/* The file's headers: AddressOfEntryPoint, the first import's FirstThunk RVA and the 8 bytes stored there. */
static DWORD g_entry_rva, g_iat_rva;
static ULONGLONG g_iat_disk;

static void read_headers(void)
{
    HANDLE f = CreateFileW(g_self, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD size = GetFileSize(f, NULL), n;
    unsigned char *file = HeapAlloc(GetProcessHeap(), 0, size);
    ReadFile(f, file, size, &n, NULL);
    CloseHandle(f);
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)(file + ((IMAGE_DOS_HEADER *)file)->e_lfanew);
    IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    g_entry_rva = nt->OptionalHeader.AddressOfEntryPoint;
    DWORD imp = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
#define OFFSET(rva) ({ DWORD r_ = (rva), o_ = 0; \
        for (int i_ = 0; i_ < nt->FileHeader.NumberOfSections; i_++) \
            if (r_ >= sec[i_].VirtualAddress && r_ < sec[i_].VirtualAddress + sec[i_].SizeOfRawData) \
                o_ = r_ - sec[i_].VirtualAddress + sec[i_].PointerToRawData; \
        o_; })
    IMAGE_IMPORT_DESCRIPTOR *desc = (IMAGE_IMPORT_DESCRIPTOR *)(file + OFFSET(imp));
    g_iat_rva = desc->FirstThunk;
    memcpy(&g_iat_disk, file + OFFSET(g_iat_rva), 8);
    HeapFree(GetProcessHeap(), 0, file);
}

static BOOL create_suspended(PROCESS_INFORMATION *pi)
{
    DWORD err;
    BOOL ok = spawn_self(L"child", CREATE_SUSPENDED, pi, &err);
    if (!ok)
        printf("CreateProcessW(CREATE_SUSPENDED): 0 error %lu\n", err);
    return ok;
}

int main(int argc, char **argv)
{
    proc_init();
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("child: g_value %08lx\n", g_value);
        printf("child: g_ptr %s\n", g_ptr ? g_ptr : "(null)");
        return 0;
    }
    read_headers();
    PROCESS_INFORMATION pi;
    if (!create_suspended(&pi))
        return 1;
    DWORD code = 0;
    BOOL ok = GetExitCodeProcess(pi.hProcess, &code);
    printf("GetExitCodeProcess: %d code %lu\n", ok, code);
    printf("WaitForSingleObject(process, 0): %lu\n", WaitForSingleObject(pi.hProcess, 0));
    printf("SuspendThread: %lu\n", SuspendThread(pi.hThread));
    printf("ResumeThread: %lu\n", ResumeThread(pi.hThread));

    PROCESS_BASIC_INFORMATION pbi;
    ULONG len = 0;
    NTSTATUS st = NtQueryInformationProcess(pi.hProcess, ProcessBasicInformation, &pbi, sizeof pbi, &len);
    printf("NtQueryInformationProcess: %08lx pid matches %d\n", (unsigned long)st,
           pbi.UniqueProcessId == (ULONG_PTR)pi.dwProcessId);
    ULONG_PTR peb = (ULONG_PTR)pbi.PebBaseAddress;
    ULONG_PTR image = 0, ldr = 1;
    SIZE_T n = 0;
    ok = ReadProcessMemory(pi.hProcess, (void *)(peb + 0x10), &image, 8, &n);
    printf("ReadProcessMemory(PEB->ImageBaseAddress): %d size %zu\n", ok, n);
    ok = ReadProcessMemory(pi.hProcess, (void *)(peb + 0x18), &ldr, 8, &n);
    printf("ReadProcessMemory(PEB->Ldr): %d Ldr is NULL %d\n", ok, ldr == 0);

    CONTEXT ctx __attribute__((aligned(16)));
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_FULL;
    printf("GetThreadContext: %d\n", GetThreadContext(pi.hThread, &ctx));
    void *start = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "RtlUserThreadStart");
    printf("RtlUserThreadStart found %d, Rip == RtlUserThreadStart %d\n", start != NULL, ctx.Rip == (ULONG_PTR)start);
    printf("Rcx == ImageBase + AddressOfEntryPoint %d\n", ctx.Rcx == image + g_entry_rva);
    printf("Rdx == PEB %d\n", ctx.Rdx == peb);
    printf("EFlags %#lx MxCsr %#lx\n", ctx.EFlags, ctx.MxCsr);

    ULONGLONG slot = 0;
    ok = ReadProcessMemory(pi.hProcess, (void *)(image + g_iat_rva), &slot, 8, &n);
    printf("ReadProcessMemory(IAT slot): %d equals the file's %d equals this process's resolved slot %d\n",
           ok, slot == g_iat_disk,
           slot == *(ULONGLONG *)((char *)GetModuleHandleW(NULL) + g_iat_rva));

    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T q = VirtualQueryEx(pi.hProcess, (void *)image, &mbi, sizeof mbi);
    printf("VirtualQueryEx(ImageBase): %d AllocationBase ok %d State %#lx Type %#lx Protect %#lx\n", q == sizeof mbi,
           (ULONG_PTR)mbi.AllocationBase == image, mbi.State, mbi.Type, mbi.Protect);
    ULONG_PTR value_at = image + rva_of((const void *)&g_value), ptr_at = image + rva_of((const void *)&g_ptr);
    q = VirtualQueryEx(pi.hProcess, (void *)value_at, &mbi, sizeof mbi);
    printf("VirtualQueryEx(&g_value): %d AllocationBase ok %d State %#lx Type %#lx\n", q == sizeof mbi,
           (ULONG_PTR)mbi.AllocationBase == image, mbi.State, mbi.Type);
    DWORD v = 0;
    ok = ReadProcessMemory(pi.hProcess, (void *)value_at, &v, 4, &n);
    printf("ReadProcessMemory(g_value): %d value %08lx\n", ok, v);
    v = 0x22222222;
    n = 0;
    ok = WriteProcessMemory(pi.hProcess, (void *)value_at, &v, 4, &n);
    printf("WriteProcessMemory(g_value): %d size %zu error %lu\n", ok, n, ok ? 0 : GetLastError());
    v = 0;
    ok = ReadProcessMemory(pi.hProcess, (void *)value_at, &v, 4, &n);
    printf("ReadProcessMemory(g_value): %d value %08lx\n", ok, v);

    /* `proc_suspended.exe alloc`: memory allocated in the child, written, and its address stored in g_ptr. */
    if (argc > 1 && !strcmp(argv[1], "alloc")) {
        char *remote = VirtualAllocEx(pi.hProcess, NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
        printf("VirtualAllocEx: %d\n", remote != NULL);
        q = VirtualQueryEx(pi.hProcess, remote, &mbi, sizeof mbi);
        printf("VirtualQueryEx(allocation): %d base ok %d size %zu State %#lx Type %#lx Protect %#lx\n",
               q == sizeof mbi, mbi.BaseAddress == remote, mbi.RegionSize, mbi.State, mbi.Type, mbi.Protect);
        static const char text[] = "written by the parent";
        n = 0;
        ok = WriteProcessMemory(pi.hProcess, remote, text, sizeof text, &n);
        printf("WriteProcessMemory(allocation): %d size %zu error %lu\n", ok, n, ok ? 0 : GetLastError());
        printf("WriteProcessMemory(g_ptr): %d\n", WriteProcessMemory(pi.hProcess, (void *)ptr_at, &remote, 8, &n));
    }

    DWORD count = ResumeThread(pi.hThread);
    code = finish(&pi);
    printf("ResumeThread: %lu\n", count);
    printf("child exit %lu\n", code);

    /* SetThreadContext before the first instruction: RCX is the function RtlUserThreadStart calls. */
    if (!create_suspended(&pi))
        return 1;
    NtQueryInformationProcess(pi.hProcess, ProcessBasicInformation, &pbi, sizeof pbi, &len);
    ReadProcessMemory(pi.hProcess, (char *)pbi.PebBaseAddress + 0x10, &image, 8, &n);
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_FULL;
    printf("GetThreadContext: %d\n", GetThreadContext(pi.hThread, &ctx));
    ctx.Rcx = image + rva_of((const void *)alt_entry);
    printf("SetThreadContext(Rcx = alt_entry): %d\n", SetThreadContext(pi.hThread, &ctx));
    count = ResumeThread(pi.hThread);
    code = finish(&pi);
    printf("ResumeThread: %lu\n", count);
    printf("child exit %lu\n", code);

    /* Terminated before it ever ran. */
    if (!create_suspended(&pi))
        return 1;
    printf("TerminateProcess(suspended, 5): %d\n", TerminateProcess(pi.hProcess, 5));
    code = 0;
    WaitForSingleObject(pi.hThread, INFINITE);
    ok = GetExitCodeThread(pi.hThread, &code);
    printf("GetExitCodeThread: %d code %lu\n", ok, code);
    printf("child exit %lu\n", finish(&pi));
    return 0;
}
