/* Imports a function kernel32 does not have: the process must not start (STATUS_ENTRYPOINT_NOT_FOUND). */
#include <stdio.h>

__declspec(dllimport) int NtexecNoSuchFunction(void);

int main(void)
{
    printf("must not run\n");
    return NtexecNoSuchFunction();
}
