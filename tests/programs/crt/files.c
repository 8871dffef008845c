/* Descriptors and files by name: _open/_read/_write/_lseek/_tell/_eof/_chsize/_filelength/_dup/_dup2/_commit,
 * _O_TEXT translation and Ctrl-Z, _stat64/_fstat64 (st_mode bits as Windows computes them), _access, _chmod,
 * _mkdir/_rmdir/_chdir/_getcwd, _findfirst/_findnext, rename/remove and the errno values of failures. */
#include <direct.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* one fact per line: the value, and errno as the call left it (errno cleared before) */
#define SHOW(label, expr)                                      \
    do {                                                       \
        errno = 0;                                             \
        long long v_ = (long long)(expr);                      \
        int e_ = errno;                                        \
        printf("%s: %lld errno %d\n", label, v_, e_);          \
    } while (0)

static void hex(const char *label, const unsigned char *p, int n)
{
    printf("%s:", label);
    for (int i = 0; i < n; i++)
        printf(" %02x", p[i]);
    printf("\n");
}

/* ucrt's default answer to an invalid parameter (a closed descriptor, ...) is to end the process */
static void on_invalid_parameter(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned line, uintptr_t r)
{
    (void)e, (void)f, (void)file, (void)line, (void)r;
}

static int mode_of(const char *path)
{
    struct _stat64 st;
    return _stat64(path, &st) == 0 ? st.st_mode : -1;
}

int main(void)
{
    const char *name = "files_a.tmp";
    unsigned char buf[64];
    int fd, r;
    _set_invalid_parameter_handler(on_invalid_parameter);
    _unlink(name);

    fd = _open(name, _O_CREAT | _O_EXCL | _O_WRONLY | _O_TEXT, _S_IREAD | _S_IWRITE);
    printf("_open create: %d\n", fd >= 3);
    SHOW("_write \"a\\nb\\n\" in text mode", _write(fd, "a\nb\n", 4));
    SHOW("_tell", _tell(fd));
    SHOW("_commit", _commit(fd));
    SHOW("_close", _close(fd));
    SHOW("_close again", _close(fd));
    SHOW("_open _O_EXCL existing", _open(name, _O_CREAT | _O_EXCL | _O_WRONLY, _S_IREAD | _S_IWRITE));

    fd = _open(name, _O_RDONLY | _O_BINARY);
    r = _read(fd, buf, sizeof buf);
    hex("file bytes", buf, r);
    SHOW("_eof after reading all", _eof(fd));
    SHOW("_lseek to 1", _lseek(fd, 1, SEEK_SET));
    SHOW("_eof", _eof(fd));
    SHOW("_filelength", _filelength(fd));
    SHOW("_lseek before the start", _lseek(fd, -5, SEEK_SET));
    SHOW("_write to a read-only descriptor", _write(fd, "x", 1));
    _close(fd);

    /* Ctrl-Z ends a text file; "\r" alone stays */
    fd = _open(name, _O_WRONLY | _O_TRUNC | _O_BINARY);
    _write(fd, "x\r\ny\rz\x1a" "after", 13);
    _close(fd);
    fd = _open(name, _O_RDONLY | _O_TEXT);
    memset(buf, 0, sizeof buf);
    r = _read(fd, buf, sizeof buf);
    hex("text read", buf, r);
    SHOW("then _read", _read(fd, buf, 4));
    SHOW("_eof", _eof(fd));
    _close(fd);

    /* _chsize grows with zeros and shrinks; the position stays */
    fd = _open(name, _O_RDWR | _O_BINARY);
    _lseek(fd, 2, SEEK_SET);
    SHOW("_chsize 20", _chsize(fd, 20));
    SHOW("_filelength", _filelength(fd));
    SHOW("_tell", _tell(fd));
    SHOW("_chsize 3", _chsize(fd, 3));
    SHOW("_filelength", _filelength(fd));

    /* _dup shares the position; _dup2 onto a used number closes it first */
    int d = _dup(fd);
    _lseek(fd, 0, SEEK_SET);
    printf("_dup: %d, position shared: %d\n", d > fd, _tell(d) == 0);
    int fd2 = _open(name, _O_RDONLY);
    SHOW("_dup2", _dup2(d, fd2));
    printf("same file through it: %d\n", _filelength(fd2) == 3);
    SHOW("_dup2 from a closed descriptor", _dup2(77, fd2));
    _close(d);
    _close(fd2);
    _close(fd);

    /* stat */
    struct _stat64 st;
    SHOW("_stat64", _stat64(name, &st));
    printf("size %lld mode %o regular %d\n", (long long)st.st_size, st.st_mode, (st.st_mode & _S_IFMT) == _S_IFREG);
    printf("st_dev is a drive number: %d, st_nlink %d\n", st.st_dev < 26 && st.st_dev == st.st_rdev, st.st_nlink);
    fd = _open(name, _O_RDONLY);
    SHOW("_fstat64", _fstat64(fd, &st));
    printf("size %lld mode %o\n", (long long)st.st_size, st.st_mode);
    _close(fd);
    SHOW("_stat64(\".\")", _stat64(".", &st));
    printf("directory %d mode %o\n", (st.st_mode & _S_IFMT) == _S_IFDIR, st.st_mode);
    SHOW("_stat64 missing", _stat64("no_such_file.tmp", &st));
    SHOW("_stat64 wildcard", _stat64("*.tmp", &st));
    SHOW("_fstat64 bad descriptor", _fstat64(99, &st));
    FILE *f = fopen("files_run.bat", "w");
    fclose(f);
    printf(".bat mode %o\n", mode_of("files_run.bat"));
    _unlink("files_run.bat");

    /* access and read-only files */
    SHOW("_access exists", _access(name, 0));
    SHOW("_access write", _access(name, 2));
    SHOW("_access missing", _access("nope.tmp", 0));
    SHOW("_chmod read-only", _chmod(name, _S_IREAD));
    SHOW("_access write", _access(name, 2));
    printf("mode %o\n", mode_of(name));
    errno = 0;
    fd = _open(name, _O_WRONLY);
    printf("_open for writing: %d errno %d\n", fd, errno);
    if (fd >= 0)
        _close(fd);   /* (Wine running as root opens it) */
    SHOW("_unlink read-only", _unlink(name));
    SHOW("_chmod writable", _chmod(name, _S_IREAD | _S_IWRITE));
    printf("mode %o\n", mode_of(name));

    /* directories */
    char cwd[260], inner[260];
    _getcwd(cwd, sizeof cwd);
    _rmdir("files_dir");
    SHOW("_mkdir", _mkdir("files_dir"));
    SHOW("_mkdir again", _mkdir("files_dir"));
    SHOW("_chdir", _chdir("files_dir"));
    _getcwd(inner, sizeof inner);
    size_t n = strlen(cwd);
    printf("_getcwd moved into it: %d [%s]\n", strncmp(inner, cwd, n) == 0, inner + n);
    SHOW("_getcwd into 2 bytes", _getcwd((char *)buf, 2) != NULL);
    f = fopen("inside.tmp", "w");
    fputs("x", f);
    fclose(f);
    _chdir("..");
    SHOW("_rmdir non-empty", _rmdir("files_dir"));
    SHOW("_chdir missing", _chdir("no_such_dir"));
    SHOW("_open a directory", _open("files_dir", _O_RDONLY));

    /* directory listing */
    f = fopen("files_dir\\second.tmp", "w");
    fclose(f);
    struct _finddata_t fdata;
    intptr_t h = _findfirst("files_dir\\*.tmp", &fdata);
    int count = 0, total = 0;
    if (h != -1) {
        do {
            total++;
            count += strcmp(fdata.name, "inside.tmp") == 0 || strcmp(fdata.name, "second.tmp") == 0;
            if (strcmp(fdata.name, "inside.tmp") == 0)
                printf("inside.tmp: size %ld, attrib has _A_ARCH %d, _A_SUBDIR %d\n", (long)fdata.size,
                       (fdata.attrib & _A_ARCH) != 0, (fdata.attrib & _A_SUBDIR) != 0);
        } while (_findnext(h, &fdata) == 0);
        printf("_findnext at the end: errno %d\n", errno);
        _findclose(h);
    }
    printf("_findfirst *.tmp: %d of %d names\n", count, total);
    SHOW("_findfirst no match", _findfirst("files_dir\\*.none", &fdata));
    SHOW("_findfirst in a missing directory", _findfirst("no_dir\\*", &fdata));
    h = _findfirst("files_dir", &fdata);
    printf("_findfirst of the directory itself: %s, _A_SUBDIR %d\n", h != -1 ? fdata.name : "-", (fdata.attrib & _A_SUBDIR) != 0);
    if (h != -1)
        _findclose(h);

    /* rename and remove */
    SHOW("rename onto an existing file", rename(name, "files_dir\\second.tmp"));
    SHOW("rename into the directory", rename(name, "files_dir\\moved.tmp"));
    SHOW("rename a missing file", rename(name, "x.tmp"));
    SHOW("remove a directory", remove("files_dir"));
    SHOW("_unlink moved", _unlink("files_dir\\moved.tmp"));
    SHOW("_unlink second", _unlink("files_dir\\second.tmp"));
    SHOW("_unlink inside", _unlink("files_dir\\inside.tmp"));
    SHOW("_rmdir", _rmdir("files_dir"));
    SHOW("_rmdir missing", _rmdir("files_dir"));
    SHOW("_unlink missing", _unlink(name));
    return 0;
}
