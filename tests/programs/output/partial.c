/* A _write that the file system stops part-way (run under a file size limit of 102409 bytes, see the
 * output_partial_write harness): the call returns the program's bytes that reached the file, not -1 and not
 * the bytes it meant to write. In text mode each '\n' became "\r\n", so 102409 bytes of the file stand for fewer
 * bytes of the program's buffer; a '\n' whose '\r' went out but not its '\n' is not counted. A second write
 * at the limit writes nothing and fails (ENOSPC). */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void try(const char *name, int mode)
{
    static char buf[300000];
    for (int i = 0; i < (int)sizeof buf; i++)
        buf[i] = i % 10 == 9 ? '\n' : (char)('a' + i / 10 % 26);
    int fd = _open(name, _O_WRONLY | _O_CREAT | _O_TRUNC | mode, _S_IREAD | _S_IWRITE);
    if (fd < 0) {
        printf("%s: _open failed, errno %d\n", name, errno);
        return;
    }
    errno = 0;
    int n = _write(fd, buf, sizeof buf);
    int e = errno;
    errno = 0;
    int again = _write(fd, buf, 10);
    int e2 = errno;
    _close(fd);
    struct _stat st;
    long size = _stat(name, &st) == 0 ? (long)st.st_size : -1;
    printf("%s: _write(300000) = %d, errno %d; again = %d, errno %d; file size %ld\n", name, n, e, again, e2, size);
}

int main(void)
{
    try("text.txt", _O_TEXT);
    try("binary.bin", _O_BINARY);
    return 0;
}
