/* Imports from a DLL that exists nowhere: the process must not start (STATUS_DLL_NOT_FOUND). */
#include <stdio.h>

__declspec(dllimport) int absent_function(void);

int main(void)
{
    printf("must not run\n");
    return absent_function();
}
