/* What reaches the file when a program ends in different ways with output still buffered (stdout is a
 * file: fully buffered): return/exit flush; _exit does not; ExitProcess runs msvcrt.dll's _cexit from its
 * DLL detach (atexit handlers and flushing) while ucrtbase.dll does nothing then, so the text is lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void handler(void)
{
    printf("atexit handler ran\n");
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "return";
    atexit(handler);
    printf("buffered text before %s\n", how);
    if (strcmp(how, "exit") == 0)
        exit(3);
    if (strcmp(how, "_exit") == 0)
        _exit(4);
    if (strcmp(how, "ExitProcess") == 0)
        ExitProcess(6);
    return 2;
}
