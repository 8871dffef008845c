/* _pipe with _write/_read: binary and text mode, the descriptors it returns, and _read returning 0 once every
 * write end is closed (the CRT maps ERROR_BROKEN_PIPE to end of file). */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <windows.h>

static void show(const char *what, const char *buf, int n)
{
    printf("%s: %d bytes:", what, n);
    for (int i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
}

int main(void)
{
    int fds[2] = {-1, -1};
    int r = _pipe(fds, 4096, _O_BINARY);
    printf("_pipe binary: %d fds %d %d\n", r, fds[0], fds[1]);
    printf("GetFileType: %lu %lu\n", GetFileType((HANDLE)_get_osfhandle(fds[0])),
           GetFileType((HANDLE)_get_osfhandle(fds[1])));
    DWORD flags = 99;
    GetHandleInformation((HANDLE)_get_osfhandle(fds[0]), &flags);
    printf("inherit flag: %lu\n", flags);
    printf("_write: %d\n", _write(fds[1], "a\nb\r\nc", 6));
    char buf[64];
    int n = _read(fds[0], buf, sizeof buf);
    show("_read", buf, n);
    _close(fds[1]);
    errno = 0;
    n = _read(fds[0], buf, sizeof buf);
    printf("_read after writer closed: %d errno %d\n", n, errno);
    _close(fds[0]);

    r = _pipe(fds, 0, _O_TEXT | _O_NOINHERIT);
    printf("_pipe text: %d fds %d %d\n", r, fds[0], fds[1]);
    GetHandleInformation((HANDLE)_get_osfhandle(fds[1]), &flags);
    printf("inherit flag: %lu\n", flags);
    printf("_write: %d\n", _write(fds[1], "x\ny\n", 4));
    HANDLE h = (HANDLE)_get_osfhandle(fds[0]);
    DWORD raw = 0;
    char rawbuf[16];
    ReadFile(h, rawbuf, 3, &raw, NULL);
    show("raw bytes through the handle", rawbuf, (int)raw);
    n = _read(fds[0], buf, sizeof buf);
    show("_read text", buf, n);
    _close(fds[1]);
    n = _read(fds[0], buf, sizeof buf);
    printf("_read after writer closed: %d\n", n);
    _close(fds[0]);
    return 0;
}
