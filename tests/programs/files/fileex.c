/*
 * ReadFileEx/WriteFileEx (the completion routine runs as an APC at the thread's next alertable wait, never
 * before) and FindFirstFileExW (both information levels, the directory-only search, flags, bad arguments):
 * what Rust's std imports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int calls;
static DWORD last_error, last_bytes;
static LPOVERLAPPED last_ov;

static VOID CALLBACK done(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    calls++;
    last_error = error;
    last_bytes = bytes;
    last_ov = ov;
}

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names a search finds, sorted (the order of a listing is the file system's), and whether any entry
 * had a short name. */
static void list(const char *what, const WCHAR *pattern, FINDEX_INFO_LEVELS level, FINDEX_SEARCH_OPS op, DWORD flags)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(pattern, level, &fd, op, NULL, flags);
    DWORD error = GetLastError();
    if (h == INVALID_HANDLE_VALUE) {
        printf("%s: INVALID, error %lu\n", what, error);
        return;
    }
    char *names[16];
    int n = 0, short_names = 0;
    do {
        char name[MAX_PATH];
        WideCharToMultiByte(CP_UTF8, 0, fd.cFileName, -1, name, sizeof name, NULL, NULL);
        char entry[MAX_PATH + 8];
        snprintf(entry, sizeof entry, "%s%s", name, fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY ? "/" : "");
        if (n < 16)
            names[n++] = _strdup(entry);
        if (fd.cAlternateFileName[0])
            short_names++;
    } while (FindNextFileW(h, &fd));
    error = GetLastError();
    qsort(names, n, sizeof *names, compare);
    printf("%s:", what);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf(" (end: error %lu, short names: %d)\n", error, short_names);
    FindClose(h);
}

static void file_ex(void)
{
    HANDLE h = CreateFileA("ex.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    OVERLAPPED ov = {0};
    BOOL ok = WriteFileEx(h, "hello world", 11, &ov, done);
    DWORD error = GetLastError();
    printf("WriteFileEx: %d error %lu, routine called before a wait: %d\n", ok, ok ? 0 : error, calls);
    DWORD r = SleepEx(0, FALSE);
    printf("SleepEx(0, FALSE): %lu, routine called: %d\n", r, calls);
    r = SleepEx(2000, TRUE);
    printf("SleepEx(2000, TRUE): 0x%lx, routine called: %d, error %lu, bytes %lu, its OVERLAPPED: %d\n", r, calls,
           last_error, last_bytes, last_ov == &ov);
    r = SleepEx(0, TRUE);
    printf("SleepEx(0, TRUE) again: 0x%lx, routine called: %d\n", r, calls);

    char buf[16] = {0};
    memset(&ov, 0, sizeof ov);
    ov.Offset = 6;
    ok = ReadFileEx(h, buf, 5, &ov, done);
    error = GetLastError();
    printf("ReadFileEx(offset 6): %d error %lu, routine called before a wait: %d\n", ok, ok ? 0 : error, calls - 1);
    r = WaitForSingleObjectEx(GetCurrentProcess(), 2000, TRUE);
    printf("WaitForSingleObjectEx(alertable): 0x%lx, routine called: %d, error %lu, bytes %lu, data \"%s\"\n", r,
           calls, last_error, last_bytes, buf);

    memset(&ov, 0, sizeof ov);
    ov.Offset = 100;
    ok = ReadFileEx(h, buf, 5, &ov, done);
    error = GetLastError();
    r = SleepEx(0, TRUE);
    printf("ReadFileEx(past the end): %d error %lu, SleepEx 0x%lx, routine called: %d, error %lu, bytes %lu\n", ok,
           ok ? 0 : error, r, calls, last_error, last_bytes);
    CloseHandle(h);

    memset(&ov, 0, sizeof ov);
    ok = ReadFileEx(INVALID_HANDLE_VALUE, buf, 5, &ov, done);
    error = GetLastError();
    printf("ReadFileEx(invalid handle): %d error %lu\n", ok, error);
    h = CreateFileA("ex.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    ok = WriteFileEx(h, "x", 1, &ov, done);
    error = GetLastError();
    r = SleepEx(0, TRUE);
    printf("WriteFileEx(read-only handle): %d error %lu, SleepEx 0x%lx, routine called: %d\n", ok, error, r, calls);
    CloseHandle(h);

    DeleteFileA("ex.txt");
}

int main(void)
{
    file_ex();

    CreateDirectoryA("fx", NULL);
    CreateDirectoryA("fx\\sub", NULL);
    CloseHandle(CreateFileA("fx\\a.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    CloseHandle(CreateFileA("fx\\b.dat", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    list("FindExInfoStandard", L"fx\\*", FindExInfoStandard, FindExSearchNameMatch, 0);
    list("FindExInfoBasic", L"fx\\*", FindExInfoBasic, FindExSearchNameMatch, 0);
    list("FindExInfoBasic *.txt", L"fx\\*.txt", FindExInfoBasic, FindExSearchNameMatch, 0);
    list("LARGE_FETCH", L"fx\\*", FindExInfoBasic, FindExSearchNameMatch, FIND_FIRST_EX_LARGE_FETCH);
    list("CASE_SENSITIVE A.TXT", L"fx\\A.TXT", FindExInfoBasic, FindExSearchNameMatch, FIND_FIRST_EX_CASE_SENSITIVE);
    list("FindExSearchLimitToDirectories", L"fx\\*", FindExInfoStandard, FindExSearchLimitToDirectories, 0);
    list("missing", L"fx\\nothere*", FindExInfoStandard, FindExSearchNameMatch, 0);
    list("missing folder", L"nodir\\*", FindExInfoStandard, FindExSearchNameMatch, 0);
    list("FindExInfoMaxInfoLevel", L"fx\\*", FindExInfoMaxInfoLevel, FindExSearchNameMatch, 0);
    list("FindExSearchLimitToDevices", L"fx\\*", FindExInfoStandard, FindExSearchLimitToDevices, 0);
    list("FindExSearchMaxSearchOp", L"fx\\*", FindExInfoStandard, FindExSearchMaxSearchOp, 0);
    DeleteFileA("fx\\a.txt");
    DeleteFileA("fx\\b.dat");
    RemoveDirectoryA("fx\\sub");
    RemoveDirectoryA("fx");
    return 0;
}
