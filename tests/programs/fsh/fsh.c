/*
 * fsh.exe TEST: what the file functions really do, printed as return values and last errors.
 *   share   share modes: CreateFile against other opens, DeleteFile and MoveFile of an open file
 *   crt     the CRT's share flags (_sopen _SH_DENYRW, fopen_s) and _locking
 *   eof     ReadFile at and past the end of a file, with and without an OVERLAPPED
 *   lock    LockFile/LockFileEx/UnlockFile between two handles, and ReadFile/WriteFile over locked ranges
 *   move    MoveFile/MoveFileEx/rename across file systems (the current directory and \dev\shm)
 *   attrib  SetFileAttributes and what GetFileAttributes, FindFirstFile and GetFileInformationByHandle report
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <string.h>
#include <sys/locking.h>
#include <sys/stat.h>
#include <windows.h>

#define RW (GENERIC_READ | GENERIC_WRITE)

/* The lock functions are looked up at run time, so that the other tests run where they are missing. */
static BOOL(WINAPI *pLockFile)(HANDLE, DWORD, DWORD, DWORD, DWORD);
static BOOL(WINAPI *pUnlockFile)(HANDLE, DWORD, DWORD, DWORD, DWORD);
static BOOL(WINAPI *pLockFileEx)(HANDLE, DWORD, DWORD, DWORD, DWORD, LPOVERLAPPED);
#define LockFile pLockFile
#define UnlockFile pUnlockFile
#define LockFileEx pLockFileEx

static HANDLE open_file(const char *name, DWORD access, DWORD share, DWORD creation)
{
    return CreateFileA(name, access, share, NULL, creation, FILE_ATTRIBUTE_NORMAL, NULL);
}

/* "name: ok error" for a handle-returning call; the handle is closed unless keep. */
static HANDLE report_open(const char *what, HANDLE h, int keep)
{
    DWORD e = GetLastError();
    printf("%s: %d", what, h != INVALID_HANDLE_VALUE);
    if (h == INVALID_HANDLE_VALUE)
        printf(" error %lu", e);
    printf("\n");
    if (h != INVALID_HANDLE_VALUE && !keep) {
        CloseHandle(h);
        h = INVALID_HANDLE_VALUE;
    }
    return h;
}

static void report(const char *what, BOOL ok)
{
    DWORD e = GetLastError();
    if (ok)
        printf("%s: 1\n", what);
    else
        printf("%s: 0 error %lu\n", what, e);
}

static void write_file(const char *name, const char *text)
{
    HANDLE h = open_file(name, GENERIC_WRITE, 0, CREATE_ALWAYS);
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

static void test_share(void)
{
    write_file("s.txt", "hello");
    HANDLE h = report_open("open rw, share none", open_file("s.txt", RW, 0, OPEN_EXISTING), 1);
    report_open("second open read, share rw", open_file("s.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING), 0);
    report_open("second open, attributes only", open_file("s.txt", FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, OPEN_EXISTING), 0);
    report_open("truncate while held", open_file("s.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, TRUNCATE_EXISTING), 0);
    printf("size after refused truncate: %lu\n", GetFileSize(h, NULL));
    report("DeleteFile while held", DeleteFileA("s.txt"));
    report("MoveFile while held", MoveFileA("s.txt", "s2.txt"));
    CloseHandle(h);

    h = report_open("open read, share read", open_file("s.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING), 1);
    report_open("  another reader sharing read", open_file("s.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING), 0);
    report_open("  a writer", open_file("s.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING), 0);
    report_open("  a reader sharing nothing", open_file("s.txt", GENERIC_READ, 0, OPEN_EXISTING), 0);
    report_open("  a reader sharing write only", open_file("s.txt", GENERIC_READ, FILE_SHARE_WRITE, OPEN_EXISTING), 0);
    report("  DeleteFile", DeleteFileA("s.txt"));
    CloseHandle(h);

    h = report_open("open read, share read+delete", open_file("s.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING), 1);
    report("  MoveFile", MoveFileA("s.txt", "s3.txt"));
    report("  DeleteFile", DeleteFileA("s3.txt"));
    CloseHandle(h);
    DWORD a = GetFileAttributesA("s3.txt");
    printf("after close: attributes %s error %lu\n", a == INVALID_FILE_ATTRIBUTES ? "none" : "some", GetLastError());
}

static void test_crt(void)
{
    int fd = _sopen("c.txt", _O_RDWR | _O_CREAT | _O_BINARY, _SH_DENYRW, _S_IREAD | _S_IWRITE);
    printf("_sopen _SH_DENYRW: %d\n", fd >= 0);
    errno = 0;
    FILE *f = fopen("c.txt", "r");
    printf("fopen while denied: %s errno %d\n", f ? "opened" : "NULL", errno);
    if (f)
        fclose(f);
    errno = 0;
    int fd2 = _sopen("c.txt", _O_RDONLY, _SH_DENYNO);
    printf("_sopen _SH_DENYNO while denied: %d errno %d\n", fd2, errno);
    if (fd2 >= 0)
        _close(fd2);
    _close(fd);

    fd = _sopen("c.txt", _O_RDWR | _O_BINARY, _SH_DENYWR);
    errno = 0;
    f = fopen("c.txt", "r");
    printf("_SH_DENYWR, fopen r: %s errno %d\n", f ? "opened" : "NULL", errno);
    if (f)
        fclose(f);
    errno = 0;
    f = fopen("c.txt", "a");
    printf("_SH_DENYWR, fopen a: %s errno %d\n", f ? "opened" : "NULL", errno);
    if (f)
        fclose(f);
    _close(fd);

    fd = _sopen("c.txt", _O_RDWR | _O_BINARY, _SH_DENYNO);
    char buf[100];
    memset(buf, 'x', sizeof buf);
    _write(fd, buf, sizeof buf);
    _lseek(fd, 0, SEEK_SET);
    printf("_locking LK_NBLCK 0..10: %d\n", _locking(fd, _LK_NBLCK, 10));
    fd2 = _sopen("c.txt", _O_RDWR | _O_BINARY, _SH_DENYNO);
    _lseek(fd2, 5, SEEK_SET);
    errno = 0;
    int r = _locking(fd2, _LK_NBLCK, 10);
    printf("second fd, LK_NBLCK 5..15: %d errno %d\n", r, errno);
    errno = 0;
    r = _locking(fd2, _LK_NBRLCK, 10);
    printf("second fd, LK_NBRLCK 5..15: %d errno %d\n", r, errno);
    _lseek(fd2, 5, SEEK_SET);
    errno = 0;
    r = _read(fd2, buf, 1);
    printf("second fd, _read at 5: %d errno %d\n", r, errno);
    _lseek(fd2, 20, SEEK_SET);
    r = _read(fd2, buf, 1);
    printf("second fd, _read at 20: %d\n", r);
    _lseek(fd, 0, SEEK_SET);
    errno = 0;
    r = _locking(fd, _LK_UNLCK, 5);
    printf("LK_UNLCK 0..5 (not the locked range): %d errno %d\n", r, errno);
    printf("LK_UNLCK 0..10: %d\n", _locking(fd, _LK_UNLCK, 10));
    _lseek(fd2, 5, SEEK_SET);
    printf("second fd, LK_LOCK 5..15 now: %d\n", _locking(fd2, _LK_LOCK, 10));
    _lseek(fd2, 5, SEEK_SET);
    printf("second fd, LK_UNLCK: %d\n", _locking(fd2, _LK_UNLCK, 10));
#ifndef _UCRT   /* the UCRT's default invalid parameter handler ends the process */
    errno = 0;
    r = _locking(fd, _LK_NBLCK, -1);
    printf("negative length: %d errno %d\n", r, errno);
#endif
    _close(fd2);
    _close(fd);
    _unlink("c.txt");
}

static void test_eof(void)
{
    write_file("e.txt", "hello");
    HANDLE h = open_file("e.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    char buf[16];
    DWORD n = 99;
    SetFilePointer(h, 0, NULL, FILE_END);
    BOOL ok = ReadFile(h, buf, sizeof buf, &n, NULL);
    printf("ReadFile at EOF, no OVERLAPPED: %d read %lu error %lu\n", ok, n, ok ? 0 : GetLastError());
    OVERLAPPED ov;
    DWORD offsets[] = {5, 100, 2};
    for (int i = 0; i < 3; i++) {
        memset(&ov, 0, sizeof ov);
        ov.Offset = offsets[i];
        n = 99;
        SetLastError(0);
        ok = ReadFile(h, buf, sizeof buf, &n, &ov);
        printf("ReadFile OVERLAPPED offset %lu: %d read %lu error %lu Internal 0x%lx InternalHigh %lu\n", offsets[i],
               ok, n, ok ? 0 : GetLastError(), (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
    }
    CloseHandle(h);
    DeleteFileA("e.txt");
}

static void seek(HANDLE h, LONG to)
{
    SetFilePointer(h, to, NULL, FILE_BEGIN);
}

static void io_at(const char *what, HANDLE h, LONG offset, DWORD length, int write)
{
    char buf[64];
    memset(buf, 'y', sizeof buf);
    DWORD n = 0;
    seek(h, offset);
    SetLastError(0);
    BOOL ok = write ? WriteFile(h, buf, length, &n, NULL) : ReadFile(h, buf, length, &n, NULL);
    DWORD e = GetLastError();
    printf("%s: %d bytes %lu", what, ok, n);
    if (!ok)
        printf(" error %lu", e);
    printf("\n");
}

static void lock_ex(const char *what, HANDLE h, DWORD flags, DWORD offset, DWORD length)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = offset;
    report(what, LockFileEx(h, flags, 0, length, 0, &ov));
}

static void test_lock(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    pLockFile = (void *)GetProcAddress(k32, "LockFile");
    pUnlockFile = (void *)GetProcAddress(k32, "UnlockFile");
    pLockFileEx = (void *)GetProcAddress(k32, "LockFileEx");
    if (!pLockFile || !pUnlockFile || !pLockFileEx) {
        printf("LockFile, UnlockFile or LockFileEx missing\n");
        return;
    }
    char data[100];
    memset(data, 'x', sizeof data);
    HANDLE h1 = open_file("l.txt", RW, FILE_SHARE_READ | FILE_SHARE_WRITE, CREATE_ALWAYS);
    DWORD n;
    WriteFile(h1, data, sizeof data, &n, NULL);
    HANDLE h2 = open_file("l.txt", RW, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    report("h1 LockFile 10+10", LockFile(h1, 10, 0, 10, 0));
    report("h2 LockFile 15+10", LockFile(h2, 15, 0, 10, 0));
    report("h1 LockFile 12+2 (inside its own lock)", LockFile(h1, 12, 0, 2, 0));
    report("h2 LockFile 20+0 (empty range)", LockFile(h2, 20, 0, 0, 0));
    report("h2 UnlockFile 20+0", UnlockFile(h2, 20, 0, 0, 0));
    io_at("h2 ReadFile 5+10", h2, 5, 10, 0);
    io_at("h2 ReadFile 0+10", h2, 0, 10, 0);
    io_at("h2 WriteFile 19+5", h2, 19, 5, 1);
    io_at("h2 WriteFile 20+5", h2, 20, 5, 1);
    io_at("h1 ReadFile 10+10", h1, 10, 10, 0);
    io_at("h1 WriteFile 10+10", h1, 10, 10, 1);
    report("h1 UnlockFile 10+5", UnlockFile(h1, 10, 0, 5, 0));
    report("h2 UnlockFile 10+10", UnlockFile(h2, 10, 0, 10, 0));
    report("h1 UnlockFile 10+10", UnlockFile(h1, 10, 0, 10, 0));
    report("h1 UnlockFile 10+10 again", UnlockFile(h1, 10, 0, 10, 0));
    report("h2 LockFile 15+10", LockFile(h2, 15, 0, 10, 0));
    report("h2 UnlockFile 15+10", UnlockFile(h2, 15, 0, 10, 0));

    lock_ex("h1 LockFileEx shared 50+10", h1, LOCKFILE_FAIL_IMMEDIATELY, 50, 10);
    lock_ex("h2 LockFileEx shared 55+10", h2, LOCKFILE_FAIL_IMMEDIATELY, 55, 10);
    io_at("h2 ReadFile 50+5", h2, 50, 5, 0);
    io_at("h1 WriteFile 52+2 (under its own shared lock)", h1, 52, 2, 1);
    io_at("h1 WriteFile 40+5", h1, 40, 5, 1);
    lock_ex("h2 LockFileEx exclusive 58+1", h2, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 58, 1);
    report("h2 LockFile 59+1", LockFile(h2, 59, 0, 1, 0));
    CloseHandle(h1);
    lock_ex("after closing h1: h2 LockFileEx exclusive 45+10", h2, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 45, 10);
    lock_ex("h2 LockFileEx exclusive 50+10", h2, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 50, 10);

    HANDLE h3 = open_file("l.txt", FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    report("attributes-only handle LockFile", LockFile(h3, 0, 0, 1, 0));
    CloseHandle(h3);
    CloseHandle(h2);
    DeleteFileA("l.txt");
}

static void show_content(const char *name)
{
    char buf[64] = {0};
    DWORD n = 0;
    HANDLE h = open_file(name, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE) {
        printf("  cannot open, error %lu\n", GetLastError());
        return;
    }
    ReadFile(h, buf, sizeof buf - 1, &n, NULL);
    CloseHandle(h);
    printf("  content [%s]\n", buf);
}

static void exists(const char *label, const char *name)
{
    DWORD a = GetFileAttributesA(name);
    if (a == INVALID_FILE_ATTRIBUTES)
        printf("  %s: missing, error %lu\n", label, GetLastError());
    else
        printf("  %s: exists\n", label);
}

static void test_move(void)
{
    char away[MAX_PATH], away2[MAX_PATH];
    snprintf(away, sizeof away, "\\dev\\shm\\fsh-%lu.txt", GetCurrentProcessId());
    snprintf(away2, sizeof away2, "\\dev\\shm\\fsh-%lu-b.txt", GetCurrentProcessId());
    write_file("m.txt", "moved");
    report("MoveFileExA to another file system, no flags", MoveFileExA("m.txt", away, 0));
    report("MoveFileA to another file system", MoveFileA("m.txt", away));
    exists("source", "m.txt");
    show_content(away);
    write_file("m.txt", "other");
    report("MoveFileExA back, COPY_ALLOWED|REPLACE_EXISTING",
           MoveFileExA(away, "m.txt", MOVEFILE_COPY_ALLOWED | MOVEFILE_REPLACE_EXISTING));
    exists("copy on the other file system", away);
    show_content("m.txt");
    printf("rename to another file system: %d\n", rename("m.txt", away2));
    exists("source", "m.txt");
    show_content(away2);
    printf("rename back: %d\n", rename(away2, "m.txt"));
    show_content("m.txt");
    SetFileAttributesA("m.txt", FILE_ATTRIBUTE_READONLY);
    report("MoveFileA of a read-only file to another file system", MoveFileA("m.txt", away));
    exists("read-only source", "m.txt");
    exists("its copy", away);
    SetFileAttributesA("m.txt", FILE_ATTRIBUTE_NORMAL);
    SetFileAttributesA(away, FILE_ATTRIBUTE_NORMAL);
    DeleteFileA(away);
    CreateDirectoryA("mdir", NULL);
    report("MoveFileA of a directory to another file system", MoveFileA("mdir", away));
    RemoveDirectoryA("mdir");
    DeleteFileA("m.txt");
    DeleteFileA(away);
    DeleteFileA(away2);
}

static void show_attributes(const char *label, const char *name)
{
    WIN32_FIND_DATAA fd;
    HANDLE f = FindFirstFileA(name, &fd);
    BY_HANDLE_FILE_INFORMATION info;
    memset(&info, 0, sizeof info);
    HANDLE h = CreateFileA(name, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    GetFileInformationByHandle(h, &info);
    CloseHandle(h);
    printf("%s: GetFileAttributes 0x%lx FindFirstFile 0x%lx by handle 0x%lx\n", label, GetFileAttributesA(name),
           f == INVALID_HANDLE_VALUE ? 0xFFFFFFFFul : fd.dwFileAttributes, info.dwFileAttributes);
    if (f != INVALID_HANDLE_VALUE)
        FindClose(f);
}

static void test_attrib(void)
{
    write_file("a.txt", "attributes");
    show_attributes("new file", "a.txt");
    report("SetFileAttributes HIDDEN|SYSTEM", SetFileAttributesA("a.txt", FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM));
    show_attributes("hidden, system", "a.txt");
    HANDLE h = open_file("a.txt", GENERIC_WRITE, 0, OPEN_EXISTING);
    DWORD n;
    WriteFile(h, "x", 1, &n, NULL);
    CloseHandle(h);
    show_attributes("after a write", "a.txt");
    report("SetFileAttributes READONLY|HIDDEN", SetFileAttributesA("a.txt", FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN));
    show_attributes("read-only, hidden", "a.txt");
    report("DeleteFile of a read-only file", DeleteFileA("a.txt"));
    report("SetFileAttributes NORMAL", SetFileAttributesA("a.txt", FILE_ATTRIBUTE_NORMAL));
    show_attributes("normal", "a.txt");
    report("SetFileAttributes ARCHIVE", SetFileAttributesA("a.txt", FILE_ATTRIBUTE_ARCHIVE));
    show_attributes("archive", "a.txt");
    h = CreateFileA("b.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_HIDDEN, NULL);
    CloseHandle(h);
    show_attributes("created hidden", "b.txt");
    CreateDirectoryA("adir", NULL);
    show_attributes("directory", "adir");
    report("SetFileAttributes directory HIDDEN", SetFileAttributesA("adir", FILE_ATTRIBUTE_HIDDEN));
    show_attributes("hidden directory", "adir");
    RemoveDirectoryA("adir");
    DeleteFileA("a.txt");
    DeleteFileA("b.txt");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *t = argc > 1 ? argv[1] : "";
    if (!strcmp(t, "share"))
        test_share();
    else if (!strcmp(t, "crt"))
        test_crt();
    else if (!strcmp(t, "eof"))
        test_eof();
    else if (!strcmp(t, "lock"))
        test_lock();
    else if (!strcmp(t, "move"))
        test_move();
    else if (!strcmp(t, "attrib"))
        test_attrib();
    else {
        printf("usage: fsh share|crt|eof|lock|move|attrib\n");
        return 2;
    }
    return 0;
}
