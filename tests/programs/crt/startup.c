/* Start-up and exit: argv as the CRT splits the command line, __argc/__argv, _pgmptr, the environment
 * copy, atexit/_onexit order and the exit code: "exit" as the first argument ends with exit(7), otherwise
 * main returns 5. "raw" starts the program again with a command line no shell would produce (quotes in
 * the program name, "" inside quotes: msvcrt.dll ends the quoted part there, ucrt does not) and returns the
 * child's exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void show_arg(int i, const char *s)
{
    printf("argv[%d] len %d [%s]\n", i, (int)strlen(s), s);
}

static void first(void) { printf("atexit registered first runs last\n"); }
static void second(void) { printf("atexit registered second\n"); }
static int third(void) { printf("_onexit registered third\n"); return 0; }

static int run_raw(const char *self)
{
    char line[512];
    snprintf(line, sizeof line, "\"%s\" \"a\"\"b c\" \"d\"\"\" e\"\"\"f\" \\\\\"g h\"", self);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    fflush(stdout);
    if (!CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
        return 100;
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    return (int)code;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "raw") == 0)
        return run_raw(argv[0]);
    printf("argc %d, __argc agrees %d\n", argc, __argc == argc);
    for (int i = 1; i < argc; i++)
        show_arg(i, argv[i]);
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);

    const char *pgm = _pgmptr;
    const char *base = pgm ? strrchr(pgm, '\\') : NULL;
    printf("_pgmptr ends in the program name: %d\n", base && (strcmp(base + 1, "startup.exe") == 0 ||
                                                           strcmp(base + 1, "startup-ucrt.exe") == 0));
    int found = 0;
    for (char **e = _environ; e && *e; e++)
        found |= strncmp(*e, "SystemRoot=", 11) == 0;
    printf("SystemRoot in _environ: %d, in the OS block: %d\n", found, GetEnvironmentVariableA("SystemRoot", NULL, 0) > 0);

    atexit(first);
    atexit(second);
    _onexit(third);
    printf("main done\n");
    if (argc > 1 && strcmp(argv[1], "exit") == 0)
        exit(7);
    return 5;
}
