/* Thread-pool I/O: overlapped writes and reads of a file bound with CreateThreadpoolIo complete to the
 * pool's callback with the OVERLAPPED, the Win32 result and the byte count. */
#include <stdio.h>
#include <windows.h>

static volatile LONG calls;
static OVERLAPPED *last_ov;
static ULONG last_result;
static ULONG_PTR last_bytes;
static PTP_IO last_io;

static void CALLBACK io_done(PTP_CALLBACK_INSTANCE inst, void *ctx, void *ov, ULONG result, ULONG_PTR bytes, PTP_IO io)
{
    (void)inst;
    last_ov = ov;
    last_result = result;
    last_bytes = bytes;
    last_io = io;
    InterlockedIncrement(&calls);
    SetEvent((HANDLE)ctx);
}

int main(void)
{
    const char *path = "pool_tpio.tmp";
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    PTP_IO io = CreateThreadpoolIo(f, io_done, done, NULL);
    printf("io created: %d\n", io != NULL);

    OVERLAPPED wov = {0};
    StartThreadpoolIo(io);
    BOOL ok = WriteFile(f, "hello, pool", 11, NULL, &wov);
    printf("write started: %d\n", ok || GetLastError() == ERROR_IO_PENDING);
    DWORD w = WaitForSingleObject(done, 5000);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    printf("write callback: wait=%lu calls=%ld is_ov=%d result=%lu bytes=%lu is_io=%d\n", w, calls, last_ov == &wov,
           last_result, (unsigned long)last_bytes, last_io == io);

    char buf[8] = {0};
    OVERLAPPED rov = {0};
    rov.Offset = 7;
    StartThreadpoolIo(io);
    ok = ReadFile(f, buf, 4, NULL, &rov);
    printf("read started: %d\n", ok || GetLastError() == ERROR_IO_PENDING);
    w = WaitForSingleObject(done, 5000);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    printf("read callback: wait=%lu calls=%ld is_ov=%d result=%lu bytes=%lu data=%s\n", w, calls, last_ov == &rov,
           last_result, (unsigned long)last_bytes, buf);

    /* A read that fails at once posts nothing: the started operation is cancelled. */
    OVERLAPPED eov = {0};
    eov.Offset = 100;
    StartThreadpoolIo(io);
    SetLastError(0);
    ok = ReadFile(f, buf, 4, NULL, &eov);
    DWORD err = GetLastError();
    if (!ok && err != ERROR_IO_PENDING)
        CancelThreadpoolIo(io);
    else
        WaitForSingleObject(done, 5000);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    printf("read past the end: ret=%d err=%lu\n", ok, err == ERROR_IO_PENDING ? (unsigned long)last_result : err);

    CloseThreadpoolIo(io);
    CloseHandle(f);
    return 0;
}
