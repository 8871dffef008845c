/* File names at the edges of the name space (tests/e2e/iopath_names): a file the system directory does
 * not hold, and a component longer than the 255 characters NTFS allows, through the \\?\ form that
 * has no MAX_PATH limit, beside a long but valid one. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void try_open(const char *what, const char *path)
{
    SetLastError(0);
    HANDLE h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("%s: %s, error %lu\n", what, h == INVALID_HANDLE_VALUE ? "fails" : "opens", GetLastError());
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
}

int main(void)
{
    char path[1024], cwd[MAX_PATH];
    try_open("C:\\Windows\\System32\\ntexec_no_such_file.dll", "C:\\Windows\\System32\\ntexec_no_such_file.dll");
    try_open("C:\\Windows\\System32\\kernel32.dll", "C:\\Windows\\System32\\kernel32.dll");

    GetCurrentDirectoryA(sizeof cwd, cwd);
    for (int len = 255; len <= 256; len++) {
        int n = snprintf(path, sizeof path, "\\\\?\\%s\\", cwd);
        memset(path + n, 'a', (size_t)len);
        path[n + len] = 0;
        char what[64];
        snprintf(what, sizeof what, "a missing %d-character name", len);
        try_open(what, path);
    }
    int n = snprintf(path, sizeof path, "\\\\?\\%s\\", cwd);
    memset(path + n, 'b', 255);
    path[n + 255] = 0;
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    printf("create a 255-character name: %s, error %lu\n", h == INVALID_HANDLE_VALUE ? "fails" : "created",
           GetLastError());
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
        printf("delete it: %d\n", DeleteFileA(path));
    }
    return 0;
}
