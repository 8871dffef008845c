/*
 * SearchPathA/W: the default order finds the program beside itself; a missing name is
 * ERROR_FILE_NOT_FOUND; a buffer too small gives the size needed; lpPath's list is searched; the
 * extension is added only to a name without one; lpFilePart points at the name.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

int main(void)
{
    char buf[MAX_PATH], *part = NULL, dir[MAX_PATH];
    WCHAR wbuf[MAX_PATH], *wpart = NULL, wdir[MAX_PATH], list[2 * MAX_PATH];
    /* The program's own directory, for the lpPath cases. */
    GetModuleFileNameA(NULL, dir, MAX_PATH);
    *strrchr(dir, '\\') = 0;
    GetModuleFileNameW(NULL, wdir, MAX_PATH);
    *wcsrchr(wdir, L'\\') = 0;
    swprintf(list, 2 * MAX_PATH, L"C:\\no_such_dir_xyz;%ls", wdir);
    DWORD n = SearchPathA(NULL, "search_path", ".exe", MAX_PATH, buf, &part);
    printf("default order: found %d, file part %s, length right %d\n", n > 0, part ? part : "(null)",
           n == strlen(buf));
    n = SearchPathA(NULL, "no_such_program_xyz", ".exe", MAX_PATH, buf, &part);
    DWORD error = GetLastError();
    printf("missing: %lu, error %lu\n", n, error);
    DWORD need = SearchPathA(dir, "search_path.exe", NULL, 0, NULL, NULL);
    n = SearchPathA(dir, "search_path.exe", NULL, 4, buf, &part);
    printf("small buffer: answer is the size needed %d\n", n == need && n > 4);
    n = SearchPathW(list, L"search_path", L".exe", MAX_PATH, wbuf, &wpart);
    printf("lpPath list: found %d, file part %ls\n", n > 0, wpart ? wpart : L"(null)");
    n = SearchPathW(wdir, L"search_path.exe", L".dll", MAX_PATH, wbuf, &wpart);
    printf("extension kept: found %d, file part %ls\n", n > 0, wpart ? wpart : L"(null)");
    return 0;
}
