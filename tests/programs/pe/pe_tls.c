/* Fixture for the PE reader: two TLS callbacks of our own after the CRT's. They are also exported,
 * so a test can check the TLS directory against the export table. */
#include <stdio.h>
#include <windows.h>

__declspec(dllexport) void NTAPI pe_tls_first(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module, (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        puts("tls first");
}

__declspec(dllexport) void NTAPI pe_tls_second(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module, (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        puts("tls second");
}

/* The linker sorts .CRT$XL? by suffix: the CRT uses XLA (start), XLC, XLD and XLZ (end). */
__attribute__((section(".CRT$XLE"), used)) const PIMAGE_TLS_CALLBACK pe_tls_cb1 = pe_tls_first;
__attribute__((section(".CRT$XLF"), used)) const PIMAGE_TLS_CALLBACK pe_tls_cb2 = pe_tls_second;

int main(void)
{
    puts("main");
    return 0;
}
