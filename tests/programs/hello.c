/* The demo program: a default mingw-w64 C program (msvcrt printf), its arguments, its exit code. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello from a Windows program\n");
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return argc - 1;
}
