/* A stand-in for `cmd /c COMMAND`, for tests (ntexec has no cmd.exe): takes the rest of its command line
 * after " /c ", runs its first word as a program from this program's own directory (".exe" added when it has
 * no extension), with that rest as the command line, and exits with the program's exit code. It uses
 * CreateProcessW only, not the CRT functions under test. */
#include <wchar.h>
#include <windows.h>

int main(void)
{
    const WCHAR *line = GetCommandLineW();
    const WCHAR *rest = wcsstr(line, L" /c ");
    if (!rest)
        return 200;
    rest += 4;
    while (*rest == ' ')
        rest++;
    WCHAR app[MAX_PATH + 64], cmd[4096];
    DWORD n = GetModuleFileNameW(NULL, app, MAX_PATH);
    while (n > 0 && app[n - 1] != '\\' && app[n - 1] != '/')
        n--;
    size_t k = 0;
    while (rest[k] && rest[k] != ' ' && n + k < MAX_PATH + 50) {
        app[n + k] = rest[k];
        k++;
    }
    app[n + k] = 0;
    if (!wcschr(app + n, '.'))
        wcscat(app, L".exe");
    if (wcslen(rest) >= 4096)
        return 201;
    wcscpy(cmd, rest);
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(app, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
        return 202;
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 203;
    GetExitCodeProcess(pi.hProcess, &code);
    return (int)code;
}
