/* Fixture for the PE reader: a 32-bit (PE32, i386) image linked without a C runtime. It imports
 * from KERNEL32.dll by name and from pe_exports.dll by name and by ordinal (pe_hidden is NONAME),
 * exports one function, and holds an absolute pointer so .reloc has HIGHLOW entries. */
__declspec(dllimport) void __stdcall ExitProcess(unsigned code);
__declspec(dllimport) unsigned __stdcall GetLastError(void);
__declspec(dllimport) int pe_add(int a, int b);
__declspec(dllimport) int pe_hidden(int a);

static int value = 42;
int *const pe32_pointer = &value;

__declspec(dllexport) int pe32_export(int a)
{
    return a + *pe32_pointer;
}

void __stdcall pe32_start(void)
{
    ExitProcess(GetLastError() + pe_add(pe32_export(1), pe_hidden(2)));
}
