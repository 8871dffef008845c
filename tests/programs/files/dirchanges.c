/* ReadDirectoryChangesW: a synchronous handle waiting for a change another thread makes, changes queued
 * between two calls (rename, delete, a new directory), the filter, an overlapped request completed later,
 * and the errors (a file handle, no filter). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(const char *what, const BYTE *buf, DWORD n)
{
    printf("%s: %lu bytes\n", what, n);
    for (DWORD off = 0; n;) {
        const FILE_NOTIFY_INFORMATION *r = (const FILE_NOTIFY_INFORMATION *)(buf + off);
        printf("  action=%lu name=[%.*ls] next=%s\n", r->Action, (int)(r->FileNameLength / 2), r->FileName,
               r->NextEntryOffset ? "yes" : "no");
        if (!r->NextEntryOffset)
            break;
        off += r->NextEntryOffset;
    }
}

static DWORD WINAPI later_create(void *arg)
{
    (void)arg;
    Sleep(300);
    HANDLE h = CreateFileA("watched\\a.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CloseHandle(h);
    return 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    CreateDirectoryA("watched", NULL);
    HANDLE d = CreateFileA("watched", FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    DWORD buf[1024], n = 12345;
    DWORD names = FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME;

    HANDLE t = CreateThread(NULL, 0, later_create, NULL, 0, NULL);
    BOOL ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, names, &n, NULL, NULL);
    printf("waiting call: %d\n", ok);
    show("a file created by another thread", (BYTE *)buf, n);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    MoveFileA("watched\\a.txt", "watched\\b.txt");
    DeleteFileA("watched\\b.txt");
    CreateDirectoryA("watched\\sub", NULL);
    n = 12345;
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, names, &n, NULL, NULL);
    printf("queued call: %d\n", ok);
    show("rename, delete, new directory", (BYTE *)buf, n);

    /* only directory names: the file's creation is left out, the directory's removal is reported */
    HANDLE h = CreateFileA("watched\\c.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CloseHandle(h);
    RemoveDirectoryA("watched\\sub");
    n = 12345;
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, FILE_NOTIFY_CHANGE_DIR_NAME, &n, NULL, NULL);
    printf("directory names only: %d\n", ok);
    show("filtered", (BYTE *)buf, n);
    CloseHandle(d);

    /* overlapped: the call starts the request; the change after it completes it */
    d = CreateFileA("watched", FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OVERLAPPED, NULL);
    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, names, NULL, &ov, NULL);
    DWORD before = WaitForSingleObject(ov.hEvent, 100);
    printf("overlapped call: %d, event before the change: %s\n", ok, before == WAIT_TIMEOUT ? "not set" : "set");
    DeleteFileA("watched\\c.txt");
    n = 0;
    BOOL got = GetOverlappedResult(d, &ov, &n, TRUE);
    printf("GetOverlappedResult: %d\n", got);
    show("completed", (BYTE *)buf, n);

    /* a buffer too small for the records: TRUE with nothing, the changes dropped */
    ok = ReadDirectoryChangesW(d, buf, 8, FALSE, names, NULL, &ov, NULL);
    h = CreateFileA("watched\\long-name-that-does-not-fit.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CloseHandle(h);
    n = 12345;
    SetLastError(0);
    got = GetOverlappedResult(d, &ov, &n, TRUE);
    DWORD err = GetLastError();
    /* the request completes with STATUS_NOTIFY_ENUM_DIR, a success status that GetOverlappedResult may pass
     * on as TRUE or as ERROR_NOTIFY_ENUM_DIR (1022): either way no records */
    printf("small buffer: %d, completed=%s bytes=%lu\n", ok, got || err == ERROR_NOTIFY_ENUM_DIR ? "yes" : "no", n);
    /* a request cancelled: it ends with ERROR_OPERATION_ABORTED */
    ResetEvent(ov.hEvent);
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, names, NULL, &ov, NULL);
    Sleep(100);
    SetLastError(0);
    BOOL cancelled = CancelIoEx(d, &ov);
    DWORD cerr = GetLastError();
    n = 12345;
    SetLastError(0);
    got = GetOverlappedResult(d, &ov, &n, TRUE);
    printf("cancelled request: %d, CancelIoEx=%d err=%lu, result=%d err=%lu bytes=%lu\n", ok, cancelled, cerr, got,
           GetLastError(), n);
    SetLastError(0);
    cancelled = CancelIoEx(d, NULL);
    printf("CancelIoEx with nothing pending: %d err=%lu\n", cancelled, GetLastError());
    CloseHandle(d);
    CloseHandle(ov.hEvent);
    DeleteFileA("watched\\long-name-that-does-not-fit.txt");

    /* a subtree: changes below the directory, named by their relative path */
    CreateDirectoryA("tree", NULL);
    CreateDirectoryA("tree\\deep", NULL);
    d = CreateFileA("tree", FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OVERLAPPED, NULL);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, TRUE, names, NULL, &ov, NULL);
    h = CreateFileA("tree\\deep\\d.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CloseHandle(h);
    n = 0;
    got = GetOverlappedResult(d, &ov, &n, TRUE);
    printf("subtree: %d, result=%d\n", ok, got);
    show("below", (BYTE *)buf, n);
    CreateDirectoryA("tree\\deep\\new", NULL);
    Sleep(100);
    h = CreateFileA("tree\\deep\\new\\e.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CloseHandle(h);
    Sleep(100);
    ResetEvent(ov.hEvent);
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, TRUE, names, NULL, &ov, NULL);
    n = 0;
    got = GetOverlappedResult(d, &ov, &n, TRUE);
    printf("subtree, a new directory: %d, result=%d\n", ok, got);
    show("below", (BYTE *)buf, n);
    CloseHandle(d);
    CloseHandle(ov.hEvent);
    DeleteFileA("tree\\deep\\new\\e.txt");
    RemoveDirectoryA("tree\\deep\\new");
    DeleteFileA("tree\\deep\\d.txt");
    RemoveDirectoryA("tree\\deep");
    RemoveDirectoryA("tree");

    SetLastError(0);
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, names, &n, NULL, NULL);
    printf("closed handle: %d err=%lu\n", ok, GetLastError());
    h = CreateFileA("plain.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    SetLastError(0);
    ok = ReadDirectoryChangesW(h, buf, sizeof buf, FALSE, names, &n, NULL, NULL);
    printf("file handle: %d err=%lu\n", ok, GetLastError());
    CloseHandle(h);
    DeleteFileA("plain.txt");
    d = CreateFileA("watched", FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    SetLastError(0);
    ok = ReadDirectoryChangesW(d, buf, sizeof buf, FALSE, 0, &n, NULL, NULL);
    printf("no filter: %d err=%lu\n", ok, GetLastError());
    CloseHandle(d);
    RemoveDirectoryA("watched");
    return 0;
}
