/* Imports for `ntexec --check` to walk: a DLL beside the program (checkdep.dll) with a present export,
 * two forwarders and a missing import of its own; and a DLL that exists nowhere. (Delay imports are
 * checked too, but GNU ld leaves the delay-import directory entry empty, so mingw cannot build one that
 * Windows would see.) Never meant to run. */
#include <windows.h>

int dep_present(void);
int dep_calls_missing(void);
DWORD WINAPI dep_forward_ok(void);
DWORD WINAPI dep_forward_missing(void);
int absent_function(void);

int main(void)
{
    return dep_present() + dep_calls_missing() + (int)dep_forward_ok() + (int)dep_forward_missing() +
           absent_function();
}
