/* A thread blocked in ReadFile on an empty pipe does not hold up the process: a peek meanwhile reports
 * nothing waiting, and returning from main ends the process with its exit code. */
#include <stdio.h>
#include <windows.h>

static HANDLE r, w;

static DWORD WINAPI reader(void *arg)
{
    char b[4];
    DWORD n;
    (void)arg;
    ReadFile(r, b, sizeof b, &n, NULL);
    printf("reader returned\n");
    return 0;
}

int main(void)
{
    printf("CreatePipe: %d\n", CreatePipe(&r, &w, NULL, 0));
    CreateThread(NULL, 0, reader, NULL, 0, NULL);
    Sleep(100);
    DWORD avail = 9, got = 9;
    char c;
    BOOL ok = PeekNamedPipe(r, &c, 1, &got, &avail, NULL);
    printf("peek while a read waits: %d avail %lu read %lu\n", ok, avail, got);
    fflush(stdout);
    return 7;
}
