/* The process and thread structures as a program sees them through GS: TEB self pointer, PEB, client
 * ids, stack bounds, image base, the loader's module lists and the process parameters. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

typedef struct { USHORT Length, MaximumLength; WCHAR *Buffer; } USTR;
#define AT(p, off, type) (*(type *)((char *)(p) + (off)))

static void base_name(const USTR *u, char *out, size_t cap)
{
    size_t n = u->Length / 2, i;
    for (i = 0; i < n && i + 1 < cap; i++) {
        WCHAR c = u->Buffer[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c < 128 ? c : '?');
    }
    out[i] = 0;
}

static DWORD WINAPI second_thread(void *arg)
{
    char *teb = (char *)__readgsqword(0x30);
    *(char **)arg = teb;
    return AT(teb, 0x48, DWORD_PTR) == GetCurrentThreadId() ? 7 : 8;
}

int main(void)
{
    char *teb = (char *)__readgsqword(0x30);
    char *peb = (char *)__readgsqword(0x60);
    int local;
    printf("TEB self pointer (gs:0x30 == NtTib.Self): %d\n", AT(teb, 0x30, char *) == teb);
    printf("TEB->ProcessEnvironmentBlock == gs:0x60: %d\n", AT(teb, 0x60, char *) == peb);
    printf("ClientId == GetCurrentProcessId/ThreadId: %d %d\n", AT(teb, 0x40, DWORD_PTR) == GetCurrentProcessId(),
           AT(teb, 0x48, DWORD_PTR) == GetCurrentThreadId());
    printf("a local lies between StackLimit and StackBase: %d\n",
           (char *)&local < AT(teb, 0x08, char *) && (char *)&local >= AT(teb, 0x10, char *));
    printf("PEB->ImageBaseAddress == GetModuleHandle(NULL): %d\n", AT(peb, 0x10, HMODULE) == GetModuleHandleW(NULL));
    printf("PEB->ProcessHeap == GetProcessHeap(): %d\n", AT(peb, 0x30, HANDLE) == GetProcessHeap());
    char *params = AT(peb, 0x20, char *);
    printf("ProcessParameters->CommandLine == GetCommandLineW(): %d\n",
           AT(params, 0x70 + 8, WCHAR *) == GetCommandLineW());
    printf("OS version in the PEB: %lu.%lu\n", (unsigned long)AT(peb, 0x118, ULONG), (unsigned long)AT(peb, 0x11c, ULONG));
    LIST_ENTRY *head = (LIST_ENTRY *)(AT(peb, 0x18, char *) + 0x10);
    int n = 0;
    for (LIST_ENTRY *e = head->Flink; e != head && n < 3; e = e->Flink, n++) {
        char name[64];
        base_name(&AT(e, 0x58, USTR), name, sizeof name);
        printf("load order %d: %s\n", n, name);
    }
    SetLastError(12345);
    printf("LastErrorValue at TEB+0x68: %lu\n", (unsigned long)AT(teb, 0x68, DWORD));
    char *other = NULL;
    HANDLE t = CreateThread(NULL, 0, second_thread, &other, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    printf("second thread: own TEB %d, exit code %lu\n", other && other != teb, (unsigned long)code);
    CloseHandle(t);
    return 0;
}
