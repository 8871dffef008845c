/* PeekNamedPipe copying bytes without consuming them: the peeked bytes are still read by ReadFile, in order,
 * alone and while a writer thread streams 1 MB through the pipe; PeekNamedPipe on the write end; at the
 * end FALSE with ERROR_BROKEN_PIPE. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TOTAL (1024 * 1024)

static HANDLE g_write;

static unsigned char byte_at(unsigned i) { return (unsigned char)(i * 13 + (i >> 9)); }

static DWORD WINAPI writer(void *arg)
{
    (void)arg;
    unsigned char chunk[1500];
    unsigned sent = 0;
    while (sent < TOTAL) {
        DWORD n = TOTAL - sent < sizeof chunk ? TOTAL - sent : sizeof chunk, done = 0;
        for (DWORD i = 0; i < n; i++)
            chunk[i] = byte_at(sent + i);
        if (!WriteFile(g_write, chunk, n, &done, NULL) || done != n)
            return 1;
        sent += n;
    }
    CloseHandle(g_write);
    return 0;
}

static void peek(HANDLE r, DWORD size)
{
    char buf[64] = {0};
    DWORD got = 99, avail = 99, left = 99;
    SetLastError(0);
    BOOL ok = PeekNamedPipe(r, size ? buf : NULL, size, &got, &avail, &left);
    printf("PeekNamedPipe(%lu): %d error %lu read %lu avail %lu left %lu '%.*s'\n", size, ok, GetLastError(),
           ok ? got : 0, avail, left, ok ? (int)got : 0, buf);
}

static void readn(HANDLE r, DWORD size)
{
    char buf[64] = {0};
    DWORD got = 99;
    SetLastError(0);
    BOOL ok = ReadFile(r, buf, size, &got, NULL);
    printf("ReadFile(%lu): %d error %lu read %lu '%.*s'\n", size, ok, GetLastError(), got, (int)got, buf);
}

int main(void)
{
    HANDLE r, w;
    DWORD n;
    printf("CreatePipe: %d\n", CreatePipe(&r, &w, NULL, 0));
    peek(r, 8);
    WriteFile(w, "hello pipe", 10, &n, NULL);
    peek(r, 4);
    peek(r, 32);
    readn(r, 3);
    peek(r, 0);
    WriteFile(w, "XYZ", 3, &n, NULL);
    peek(r, 32);
    readn(r, 32);
    WriteFile(w, "tail", 4, &n, NULL);
    DWORD avail = 99;
    SetLastError(0);
    BOOL ok = PeekNamedPipe(w, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe on the write end: %d error %lu avail %lu\n", ok, GetLastError(), avail);
    peek(r, 2);
    CloseHandle(w);
    peek(r, 8);
    readn(r, 8);
    peek(r, 8);
    readn(r, 8);
    CloseHandle(r);

    /* Peeks between the reads of a stream: every byte arrives once, in order. */
    printf("CreatePipe: %d\n", CreatePipe(&r, &g_write, NULL, 4096));
    HANDLE t = CreateThread(NULL, 0, writer, NULL, 0, NULL);
    unsigned got = 0, bad = 0, peeks = 0, mismatched = 0;
    unsigned char buf[2000], pbuf[700];
    for (unsigned round = 0;; round++) {
        DWORD pgot = 0, pavail = 0;
        if (PeekNamedPipe(r, pbuf, round % 3 ? sizeof pbuf : 1, &pgot, &pavail, NULL) && pgot) {
            peeks++;
            for (DWORD i = 0; i < pgot; i++)
                if (pbuf[i] != byte_at(got + i))
                    mismatched++;
        }
        DWORD want = 1 + round % sizeof buf;
        if (!ReadFile(r, buf, want, &n, NULL)) {
            printf("stream end: error %lu\n", GetLastError());
            break;
        }
        for (DWORD i = 0; i < n; i++)
            if (buf[i] != byte_at(got + i))
                bad++;
        got += n;
    }
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseHandle(r);
    printf("received %u bytes, %u wrong, peeked bytes wrong %u, some peeks copied: %d\n", got, bad, mismatched,
           peeks > 0);
    return 0;
}
