/* stderr is not buffered even when it is a file (the C standard: "not fully buffered"; msvcrt and ucrtbase
 * write it through), while stdout on a file is fully buffered. The program writes to both, then ends
 * without any flush: abort() (msvcrt: its message and exit code 3; ucrtbase: a fast fail, 0xC0000409) or
 * TerminateProcess. Only what was written through is in the files afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "abort";
    fprintf(stdout, "stdout: buffered line before %s\n", how);
    fprintf(stderr, "stderr: line %d before %s\n", 1, how);
    fputs("stderr: fputs line\n", stderr);
    fputc('!', stderr);
    fputc('\n', stderr);
    fwrite("stderr: fwrite line\n", 1, 20, stderr);
    if (strcmp(how, "terminate") == 0)
        TerminateProcess(GetCurrentProcess(), 7);
    abort();
}
