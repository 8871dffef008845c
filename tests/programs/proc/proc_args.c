/* The child of proc_cmdline: prints GetCommandLineW and the C runtime's argv (msvcrt's, or ucrtbase's in
 * proc_args-ucrt.exe), each in brackets, characters outside printable ASCII as \uXXXX code units (a tab as
 * \t).  With PROC_ARGS_SHELL32=1 in its environment it prints shell32's CommandLineToArgvW split as well. */
#include <stdio.h>
#include <windows.h>

static void put(const WCHAR *s)
{
    putchar('[');
    for (; *s; s++) {
        if (*s == '\t')
            fputs("\\t", stdout);
        else if (*s >= 0x20 && *s < 0x7f)
            putchar((char)*s);
        else
            printf("\\u%04X", (unsigned)*s);
    }
    putchar(']');
}

int wmain(int argc, WCHAR **argv)
{
    fputs("  cmdline ", stdout);
    put(GetCommandLineW());
    printf("\n  crt %d", argc);
    for (int i = 0; i < argc; i++) {
        putchar(' ');
        put(argv[i]);
    }
    putchar('\n');
    WCHAR flag[8];
    if (GetEnvironmentVariableW(L"PROC_ARGS_SHELL32", flag, 8) == 1 && flag[0] == '1') {
        HMODULE sh = LoadLibraryW(L"shell32.dll");
        WCHAR **(WINAPI *split)(const WCHAR *, int *) =
            sh ? (WCHAR **(WINAPI *)(const WCHAR *, int *))GetProcAddress(sh, "CommandLineToArgvW") : NULL;
        if (!split) {
            printf("  shell32 unavailable, error %lu\n", GetLastError());
            return 1;
        }
        int n = 0;
        WCHAR **v = split(GetCommandLineW(), &n);
        printf("  shell32 %d", n);
        for (int i = 0; v && i < n; i++) {
            putchar(' ');
            put(v[i]);
        }
        putchar('\n');
        LocalFree(v);
    }
    fflush(stdout);
    return argc;
}
