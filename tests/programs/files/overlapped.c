/* Overlapped I/O on a file: ReadFile/WriteFile at OVERLAPPED offsets (with and without FILE_FLAG_OVERLAPPED),
 * the event signalled, GetOverlappedResult(Ex), reads at and past the end, and LockFileEx/UnlockFileEx ranges
 * seen from a second handle. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(void)
{
    HANDLE h = CreateFileA("ov.bin", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov = {0};
    ov.hEvent = ev;
    ov.Offset = 10;
    DWORD n = 0;
    BOOL ok = WriteFile(h, "0123456789", 10, NULL, &ov);
    DWORD err = ok ? 0 : GetLastError();
    BOOL got = GetOverlappedResult(h, &ov, &n, TRUE);
    /* Windows may complete a cached transfer at once (TRUE) or report it pending (FALSE, 997): both are right */
    printf("WriteFile at 10: started=%d result=%d bytes=%lu event=%lu internal=%lx\n", ok || err == ERROR_IO_PENDING,
           got, n, WaitForSingleObject(ev, 0), (unsigned long)ov.Internal);
    LARGE_INTEGER size;
    GetFileSizeEx(h, &size);
    printf("size: %lld\n", size.QuadPart);

    char buf[32] = {0};
    ResetEvent(ev);
    ov.Offset = 14;
    ok = ReadFile(h, buf, 4, NULL, &ov);
    err = ok ? 0 : GetLastError();
    got = GetOverlappedResultEx(h, &ov, &n, 1000, FALSE);
    printf("ReadFile at 14: started=%d result=%d bytes=%lu [%s]\n", ok || err == ERROR_IO_PENDING, got, n, buf);
    ov.Offset = 18;
    memset(buf, 0, sizeof buf);
    ok = ReadFile(h, buf, 10, NULL, &ov);
    err = ok ? 0 : GetLastError();
    got = GetOverlappedResult(h, &ov, &n, TRUE);
    printf("ReadFile across the end: result=%d bytes=%lu [%s]\n", got, n, buf);
    ov.Offset = 100;
    SetLastError(0);
    ok = ReadFile(h, buf, 10, NULL, &ov);
    err = GetLastError();
    got = GetOverlappedResult(h, &ov, &n, TRUE);
    DWORD err2 = GetLastError();
    printf("ReadFile past the end: %d err=%s result=%d err=%lu bytes=%lu internal=%lx\n", ok,
           err == ERROR_HANDLE_EOF || err == ERROR_IO_PENDING ? "38-or-997" : "other", got, err2, n,
           (unsigned long)ov.Internal);
    SetLastError(0);
    ok = CancelIoEx(h, NULL);
    printf("CancelIoEx with nothing pending: %d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = CancelIo(h);
    printf("CancelIo with nothing pending: %d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ov.Internal = (ULONG_PTR)0x103; /* STATUS_PENDING: an operation not yet complete */
    got = GetOverlappedResultEx(h, &ov, &n, 0, FALSE);
    printf("GetOverlappedResultEx on a pending OVERLAPPED, no wait: %d err=%lu\n", got, GetLastError());
    CloseHandle(h);

    /* a synchronous handle with an OVERLAPPED offset reads there and moves the file pointer after it */
    h = CreateFileA("ov.bin", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                    0, NULL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 12;
    memset(buf, 0, sizeof buf);
    ok = ReadFile(h, buf, 3, &n, &ov);
    printf("sync ReadFile at 12: %d bytes=%lu [%s] pointer=%lu\n", ok, n, buf, SetFilePointer(h, 0, NULL, FILE_CURRENT));
    ov.Offset = 30;
    SetLastError(0);
    ok = ReadFile(h, buf, 3, &n, &ov);
    printf("sync ReadFile at 30 (past the end): %d err=%lu bytes=%lu\n", ok, GetLastError(), n);
    ov.Offset = 2;
    ok = WriteFile(h, "ab", 2, &n, &ov);
    printf("sync WriteFile at 2: %d bytes=%lu pointer=%lu\n", ok, n, SetFilePointer(h, 0, NULL, FILE_CURRENT));

    memset(&ov, 0, sizeof ov);
    ov.Offset = 10;
    ok = LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 5, 0, &ov);
    HANDLE h2 = CreateFileA("ov.bin", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                            OPEN_EXISTING, 0, NULL);
    OVERLAPPED ov2 = {0};
    ov2.Offset = 12;
    SetLastError(0);
    BOOL ok2 = LockFileEx(h2, LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov2);
    printf("LockFileEx: %d, overlapping from another handle: %d err=%lu\n", ok, ok2, GetLastError());
    SetLastError(0);
    ok2 = ReadFile(h2, buf, 4, &n, &ov2);
    printf("read in the locked range from another handle: %d err=%lu\n", ok2, GetLastError());
    ok = UnlockFileEx(h, 0, 5, 0, &ov);
    ok2 = LockFileEx(h2, LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov2);
    printf("UnlockFileEx: %d, then the other handle locks: %d\n", ok, ok2);
    SetLastError(0);
    ok = UnlockFileEx(h, 0, 5, 0, &ov);
    printf("UnlockFileEx again: %d err=%lu\n", ok, GetLastError());
    CloseHandle(h2);
    CloseHandle(h);
    return 0;
}
