/*
 * shell32.dll: what console programs take from it — CommandLineToArgvW, the command-line splitter of the
 * Windows shell (the msvcrt rules for arguments, its own rule for the program name:
 * RtlpSplitCommandLine's RTLP_ARGS_SHELL32). An empty command line gives the program's own path, as
 * Windows does. The array and its strings are one LocalAlloc block, freed with LocalFree.
 */
#include <string.h>

#include "io/builtin.h"
#include "ntdll/rtl/rtl.h"
#include "win32/k32.h"

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);

LPWSTR *WINAPI CommandLineToArgvW(LPCWSTR cmd, int *argc)
{
    if (!argc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    WCHAR self[MAX_PATH * 2];
    if (!cmd || !*cmd) {
        DWORD n = GetModuleFileNameW(NULL, self, ARRAY_SIZE(self));
        if (!n || n >= ARRAY_SIZE(self))
            return NULL;
        LPWSTR *argv = LocalAlloc(0, 2 * sizeof(LPWSTR) + (n + 1) * sizeof(WCHAR));
        if (!argv)
            return NULL;
        argv[0] = (LPWSTR)(argv + 2);
        argv[1] = NULL;
        memcpy(argv[0], self, (n + 1) * sizeof(WCHAR));
        *argc = 1;
        return argv;
    }
    int n;
    size_t chars;
    RtlpSplitCommandLine(cmd, RTLP_ARGS_SHELL32, NULL, NULL, &n, &chars);
    LPWSTR *argv = LocalAlloc(0, (size_t)(n + 1) * sizeof(LPWSTR) + chars * sizeof(WCHAR));
    if (!argv)
        return NULL;
    RtlpSplitCommandLine(cmd, RTLP_ARGS_SHELL32, argv, (WCHAR *)(argv + n + 1), &n, &chars);
    *argc = n;
    return argv;
}

static const struct builtin_export shell32_exports[] = {
    BUILTIN_FUNCTION("CommandLineToArgvW", CommandLineToArgvW),
};

static const struct builtin_dll shell32 = {
    .name = "SHELL32.dll",
    .exports = shell32_exports,
    .nexports = ARRAY_SIZE(shell32_exports),
};
BUILTIN_DLL(shell32);
