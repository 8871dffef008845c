/* An access violation nothing handles ends the process with the exception code, after the output
 * flushed before it. */
#include <stdio.h>

int main(void)
{
    printf("before the fault\n");
    fflush(stdout);
    volatile int *nowhere = NULL;
    *nowhere = 1;
    printf("after the fault: must not appear\n");
    return 0;
}
