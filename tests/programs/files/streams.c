/*
 * What 7-Zip 26 imports beyond the usual file calls: FindFirstStreamW/FindNextStreamW (a file's data
 * streams), CopyFileExW with a progress routine, MoveFileWithProgressW, GetLargePageMinimum.
 */
#include <stdio.h>
#include <windows.h>

static int calls, chunks, switches;
static LARGE_INTEGER last_total, last_done;

static DWORD CALLBACK progress(LARGE_INTEGER total, LARGE_INTEGER done, LARGE_INTEGER stream_size,
                               LARGE_INTEGER stream_done, DWORD stream, DWORD reason, HANDLE from, HANDLE to,
                               LPVOID context)
{
    (void)stream_size;
    (void)stream_done;
    (void)stream;
    (void)from;
    (void)to;
    calls++;
    if (reason == CALLBACK_CHUNK_FINISHED)
        chunks++;
    else if (reason == CALLBACK_STREAM_SWITCH)
        switches++;
    last_total = total;
    last_done = done;
    return (DWORD)(ULONG_PTR)context;
}

static void write_file(const char *name, DWORD size)
{
    HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    char block[1000];
    memset(block, 'x', sizeof block);
    for (DWORD left = size, put; left; left -= put)
        WriteFile(h, block, left < sizeof block ? left : sizeof block, &put, NULL);
    CloseHandle(h);
}

int main(void)
{
    write_file("streams.txt", 5);
    CreateDirectoryA("streams.dir", NULL);

    WIN32_FIND_STREAM_DATA data;
    HANDLE f = FindFirstStreamW(L"streams.txt", FindStreamInfoStandard, &data, 0);
    printf("FindFirstStreamW(file): %s, [%ls] size %lld\n", f != INVALID_HANDLE_VALUE ? "handle" : "INVALID",
           f != INVALID_HANDLE_VALUE ? data.cStreamName : L"", f != INVALID_HANDLE_VALUE ? data.StreamSize.QuadPart : -1);
    SetLastError(0xdeadbeef);
    BOOL more = FindNextStreamW(f, &data);
    DWORD next_error = GetLastError();
    printf("FindNextStreamW: %d, error %lu\n", more, next_error);
    printf("FindClose: %d\n", FindClose(f));
    SetLastError(0xdeadbeef);
    f = FindFirstStreamW(L"streams.dir", FindStreamInfoStandard, &data, 0);
    printf("FindFirstStreamW(directory): %s, error %lu\n", f != INVALID_HANDLE_VALUE ? "handle" : "INVALID",
           GetLastError());
    SetLastError(0xdeadbeef);
    f = FindFirstStreamW(L"nowhere.txt", FindStreamInfoStandard, &data, 0);
    printf("FindFirstStreamW(missing): %s, error %lu\n", f != INVALID_HANDLE_VALUE ? "handle" : "INVALID",
           GetLastError());
    SetLastError(0xdeadbeef);
    f = FindFirstStreamW(L"streams.txt", FindStreamInfoMaxInfoLevel, &data, 0);
    printf("FindFirstStreamW(bad level): %s, error %lu\n", f != INVALID_HANDLE_VALUE ? "handle" : "INVALID",
           GetLastError());

    write_file("big.bin", 200000);
    BOOL ok = CopyFileExW(L"big.bin", L"big.copy", progress, (LPVOID)PROGRESS_CONTINUE, NULL, 0);
    printf("CopyFileExW: %d, progress called: %s, stream switch %d, last %lld of %lld\n", ok,
           calls > 1 ? "several times" : calls == 1 ? "once" : "never", switches, last_done.QuadPart,
           last_total.QuadPart);
    SetLastError(0xdeadbeef);
    ok = CopyFileExW(L"big.bin", L"big.copy", progress, (LPVOID)PROGRESS_CONTINUE, NULL, COPY_FILE_FAIL_IF_EXISTS);
    printf("CopyFileExW(FAIL_IF_EXISTS): %d, error %lu\n", ok, GetLastError());
    calls = 0;
    SetLastError(0xdeadbeef);
    ok = CopyFileExW(L"big.bin", L"big.cancel", progress, (LPVOID)PROGRESS_CANCEL, NULL, 0);
    DWORD error = GetLastError();
    printf("CopyFileExW(cancelled): %d, error %lu, calls %d, copy left: %s\n", ok, error, calls,
           GetFileAttributesA("big.cancel") == INVALID_FILE_ATTRIBUTES ? "no" : "yes");
    BOOL cancel = TRUE;
    SetLastError(0xdeadbeef);
    ok = CopyFileExW(L"big.bin", L"big.cancel", NULL, NULL, &cancel, 0);
    error = GetLastError();
    printf("CopyFileExW(*cancel TRUE): %d, error %lu, copy left: %s\n", ok, error,
           GetFileAttributesA("big.cancel") == INVALID_FILE_ATTRIBUTES ? "no" : "yes");
    calls = 0;
    ok = MoveFileWithProgressW(L"big.copy", L"big.moved", progress, NULL, MOVEFILE_COPY_ALLOWED);
    printf("MoveFileWithProgressW (a rename): %d, progress calls %d, moved: %s\n", ok, calls,
           GetFileAttributesA("big.moved") != INVALID_FILE_ATTRIBUTES && GetFileAttributesA("big.copy") == INVALID_FILE_ATTRIBUTES ? "yes" : "no");
    SetLastError(0xdeadbeef);
    ok = MoveFileWithProgressW(L"nowhere.bin", L"x.bin", progress, NULL, 0);
    printf("MoveFileWithProgressW(missing): %d, error %lu\n", ok, GetLastError());
    printf("GetLargePageMinimum: %llu\n", (unsigned long long)GetLargePageMinimum());
    return 0;
}
