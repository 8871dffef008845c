/* LoadLibrary of a module name ending in "." loads the file without appending ".dll"; loading it again
 * finds the module already loaded (same handle) rather than mapping it a second time. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    HMODULE first = LoadLibraryA("noext.");
    HMODULE again = LoadLibraryA("noext.");
    HMODULE by_handle = GetModuleHandleA("noext.");
    int (*answer)(void) = first ? (int (*)(void))GetProcAddress(first, "noext_answer") : NULL;
    printf("loaded: %d\n", first != NULL);
    printf("second load, same module: %d\n", first == again);
    printf("GetModuleHandle, same module: %d\n", first == by_handle);
    printf("noext_answer: %d\n", answer ? answer() : -1);
    printf("FreeLibrary twice: %d %d\n", FreeLibrary(again), FreeLibrary(first));
    return 0;
}
