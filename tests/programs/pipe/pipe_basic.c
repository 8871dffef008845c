/* CreatePipe within one process: 1 MB through a 4 KB pipe between a writer and a reader thread (checksum),
 * GetFileType, PeekNamedPipe before and after a write, end of file (109) once the write end is closed,
 * ERROR_NO_DATA (232) writing after the read end is closed, handle inheritance flags from the
 * SECURITY_ATTRIBUTES, DuplicateHandle keeping the pipe open. */
#include <stdio.h>
#include <windows.h>

#define TOTAL (1024 * 1024)

static HANDLE g_write;

static unsigned char byte_at(unsigned i) { return (unsigned char)(i * 7 + (i >> 11)); }

static DWORD WINAPI writer(void *arg)
{
    (void)arg;
    unsigned char chunk[3000];
    unsigned sent = 0;
    while (sent < TOTAL) {
        DWORD n = TOTAL - sent < sizeof chunk ? TOTAL - sent : sizeof chunk, done = 0;
        for (DWORD i = 0; i < n; i++)
            chunk[i] = byte_at(sent + i);
        if (!WriteFile(g_write, chunk, n, &done, NULL) || done != n) {
            printf("writer: WriteFile failed %lu done %lu\n", GetLastError(), done);
            return 1;
        }
        sent += n;
    }
    CloseHandle(g_write);
    return 0;
}

static void transfer(void)
{
    HANDLE r;
    printf("CreatePipe: %d\n", CreatePipe(&r, &g_write, NULL, 4096));
    HANDLE t = CreateThread(NULL, 0, writer, NULL, 0, NULL);
    unsigned char buf[5000];
    unsigned got = 0, bad = 0;
    unsigned long sum = 0;
    DWORD n;
    for (;;) {
        BOOL ok = ReadFile(r, buf, sizeof buf, &n, NULL);
        if (!ok) {
            printf("ReadFile at end: FALSE error %lu read %lu\n", GetLastError(), n);
            break;
        }
        for (DWORD i = 0; i < n; i++) {
            if (buf[i] != byte_at(got + i))
                bad++;
            sum = sum * 31 + buf[i];
        }
        got += n;
    }
    WaitForSingleObject(t, INFINITE);
    DWORD code;
    GetExitCodeThread(t, &code);
    printf("received %u bytes, %u wrong, checksum %08lx, writer exit %lu\n", got, bad, sum & 0xffffffffUL, code);
    CloseHandle(t);
    CloseHandle(r);
}

int main(void)
{
    transfer();

    HANDLE r, w;
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    printf("CreatePipe inherit: %d\n", CreatePipe(&r, &w, &sa, 0));
    DWORD flags = 99;
    GetHandleInformation(r, &flags);
    printf("read end flags %lu\n", flags);
    GetHandleInformation(w, &flags);
    printf("write end flags %lu\n", flags);
    printf("SetHandleInformation: %d\n", SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0));
    GetHandleInformation(r, &flags);
    printf("read end flags now %lu\n", flags);
    printf("GetFileType read %lu write %lu\n", GetFileType(r), GetFileType(w));

    DWORD avail = 99, got = 99, left = 99;
    BOOL ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, &left);
    printf("PeekNamedPipe empty: %d avail %lu left %lu\n", ok, avail, left);
    DWORD n = 0;
    ok = WriteFile(w, "hello pipe", 10, &n, NULL);
    printf("WriteFile: %d wrote %lu\n", ok, n);
    avail = 99;
    ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe after write: %d avail %lu\n", ok, avail);

    HANDLE w2;
    ok = DuplicateHandle(GetCurrentProcess(), w, GetCurrentProcess(), &w2, 0, FALSE, DUPLICATE_SAME_ACCESS);
    printf("DuplicateHandle: %d\n", ok);
    CloseHandle(w);
    char buf[32] = {0};
    ok = ReadFile(r, buf, 4, &got, NULL);
    printf("ReadFile: %d read %lu '%s'\n", ok, got, buf);
    ok = WriteFile(w2, "!", 1, &n, NULL);
    printf("WriteFile on duplicate: %d wrote %lu\n", ok, n);
    CloseHandle(w2);
    avail = 99;
    ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe after writers closed, data left: %d avail %lu\n", ok, avail);
    memset(buf, 0, sizeof buf);
    ok = ReadFile(r, buf, sizeof buf, &got, NULL);
    printf("ReadFile: %d read %lu '%s'\n", ok, got, buf);
    SetLastError(0);
    got = 99;
    ok = ReadFile(r, buf, sizeof buf, &got, NULL);
    printf("ReadFile at end: %d error %lu read %lu\n", ok, GetLastError(), got);
    SetLastError(0);
    avail = 99;
    ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe at end: %d error %lu\n", ok, GetLastError());
    CloseHandle(r);

    printf("CreatePipe: %d\n", CreatePipe(&r, &w, NULL, 0));
    CloseHandle(r);
    SetLastError(0);
    n = 99;
    ok = WriteFile(w, "x", 1, &n, NULL);
    printf("WriteFile after reader closed: %d error %lu wrote %lu\n", ok, GetLastError(), n);
    CloseHandle(w);
    return 0;
}
