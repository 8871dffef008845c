/*
 * Files and directories by name: _access, the _stat/_fstat family (Windows' structure layouts and st_mode
 * bits), remove/rename, _mkdir/_rmdir/_chdir/_getcwd, _findfirst/_findnext, _fullpath, _getpid. Narrow
 * paths are in the ANSI code page; everything goes through the wide Win32 functions.
 */
#include <string.h>

#include "crt/crt.h"
#include "win32/k32.h"

/* ---- narrow wrappers ----------------------------------------------------------------------------------- */

typedef int (*wide_path_fn)(const WCHAR *path, int arg);

static int with_wide_path(const char *path, wide_path_fn fn, int arg)
{
    WCHAR *w = crt_path_to_wide(path);
    if (!w)
        return -1;
    int r = fn(w, arg);
    BaseFreeWide(w);
    return r;
}

static int fail_win32(void)
{
    crt_dosmaperr(GetLastError());
    return -1;
}

/* ---- _access ------------------------------------------------------------------------------------------- */

static int waccess(const WCHAR *path, int mode)
{
    if (!path || (mode & ~6)) {
        crt_thread()->doserrno = 0;
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    DWORD a = GetFileAttributesW(path);
    if (a == INVALID_FILE_ATTRIBUTES)
        return fail_win32();
    if (!(a & FILE_ATTRIBUTE_DIRECTORY) && (a & FILE_ATTRIBUTE_READONLY) && (mode & 2)) {
        crt_thread()->doserrno = ERROR_ACCESS_DENIED;
        crt_set_errno(CRT_EACCES);
        return -1;
    }
    return 0;
}

int WINAPI crtio__waccess(const WCHAR *path, int mode) { return waccess(path, mode); }
int WINAPI crtio__access(const char *path, int mode) { return with_wide_path(path, waccess, mode); }

int WINAPI crtio__waccess_s(const WCHAR *path, int mode)
{
    return waccess(path, mode) ? crt_thread()->errno_value : 0;
}

int WINAPI crtio__access_s(const char *path, int mode)
{
    return with_wide_path(path, waccess, mode) ? crt_thread()->errno_value : 0;
}

/* ---- stat ------------------------------------------------------------------------------------------------ */

/* Everything the stat structures hold, before it is narrowed to one of their layouts. */
struct stat_all {
    unsigned dev;
    unsigned short mode;
    short nlink;
    int64_t size;
    int64_t atime, mtime, ctime;
};

/* struct _stat64 (msvcrt's _stati64 on x64) */
struct crt_stat64 {
    unsigned st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned st_rdev;
    int64_t st_size;
    int64_t st_atime, st_mtime, st_ctime;
};
static_assert(sizeof(struct crt_stat64) == 56 && offsetof(struct crt_stat64, st_size) == 24, "struct _stat64");

/* struct _stat64i32 (msvcrt's _stat on x64) */
struct crt_stat64i32 {
    unsigned st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned st_rdev;
    LONG st_size;
    int64_t st_atime, st_mtime, st_ctime;
};
static_assert(sizeof(struct crt_stat64i32) == 48 && offsetof(struct crt_stat64i32, st_atime) == 24,
              "struct _stat64i32");

/* struct _stat32 */
struct crt_stat32 {
    unsigned st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned st_rdev;
    LONG st_size;
    int32_t st_atime, st_mtime, st_ctime;
};
static_assert(sizeof(struct crt_stat32) == 36 && offsetof(struct crt_stat32, st_atime) == 24, "struct _stat32");

/* struct _stat32i64 */
struct crt_stat32i64 {
    unsigned st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned st_rdev;
    int64_t st_size;
    int32_t st_atime, st_mtime, st_ctime;
};
static_assert(sizeof(struct crt_stat32i64) == 48 && offsetof(struct crt_stat32i64, st_atime) == 32,
              "struct _stat32i64");

#define FILETIME_UNIX_EPOCH 116444736000000000LL

static int64_t time_of(const FILETIME *ft)
{
    int64_t t = (int64_t)((uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime);
    return t ? (t - FILETIME_UNIX_EPOCH) / 10000000 : 0;
}

/* Whether the name ends in an extension Windows runs (.exe .com .bat .cmd): those get _S_IEXEC. */
static bool executable_name(const WCHAR *path)
{
    size_t n = RtlpWcslen(path);
    if (n < 4 || path[n - 4] != '.')
        return false;
    static const char *const exts[] = {"exe", "com", "bat", "cmd"};
    for (size_t e = 0; e < ARRAY_SIZE(exts); e++) {
        size_t i = 0;
        while (i < 3 && (path[n - 3 + i] | 0x20) == exts[e][i])
            i++;
        if (i == 3)
            return true;
    }
    return false;
}

/* st_mode from attributes, as the CRTs compute it: read always, write unless read-only, execute for
 * directories and programs, and the owner's bits copied to group and others. */
static unsigned short mode_of(DWORD attributes, const WCHAR *path)
{
    unsigned mode = attributes & FILE_ATTRIBUTE_DIRECTORY ? CRT_S_IFDIR | CRT_S_IEXEC : CRT_S_IFREG;
    mode |= CRT_S_IREAD;
    if (!(attributes & FILE_ATTRIBUTE_READONLY))
        mode |= CRT_S_IWRITE;
    if (path && executable_name(path))
        mode |= CRT_S_IEXEC;
    mode |= (mode & 0700) >> 3;
    mode |= (mode & 0700) >> 6;
    return (unsigned short)mode;
}

/* The drive a path is on (0 = A:), as st_dev of _stat. */
static unsigned drive_of(const WCHAR *path)
{
    WCHAR c = path[0] | 0x20;
    if (c >= 'a' && c <= 'z' && path[1] == ':')
        return (unsigned)(c - 'a');
    WCHAR cwd[MAX_PATH];
    DWORD n = GetCurrentDirectoryW(MAX_PATH, cwd);
    c = n ? cwd[0] | 0x20 : 'c';
    return c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') : 2;
}

static void fill_times(struct stat_all *s, const FILETIME *create, const FILETIME *access, const FILETIME *write)
{
    s->mtime = time_of(write);
    s->atime = time_of(access) ? time_of(access) : s->mtime;
    s->ctime = time_of(create) ? time_of(create) : s->mtime;
}

static int stat_path(const WCHAR *path, struct stat_all *s)
{
    memset(s, 0, sizeof *s);
    if (!path) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    /* wildcards name no file */
    for (const WCHAR *p = path; *p; p++)
        if (*p == '*' || *p == '?') {
            crt_dosmaperr(ERROR_FILE_NOT_FOUND);
            return -1;
        }
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(path, 0 /* GetFileExInfoStandard */, &data))
        return fail_win32();
    s->dev = drive_of(path);
    s->mode = mode_of(data.dwFileAttributes, path);
    s->nlink = 1;
    s->size = (int64_t)((uint64_t)data.nFileSizeHigh << 32 | data.nFileSizeLow);
    fill_times(s, &data.ftCreationTime, &data.ftLastAccessTime, &data.ftLastWriteTime);
    return 0;
}

static int stat_fd(int fd, struct stat_all *s)
{
    memset(s, 0, sizeof *s);
    HANDLE h = crt_lowio_handle(fd);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    s->dev = (unsigned)fd;
    s->nlink = 1;
    DWORD type = GetFileType(h);
    if (type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE) {
        s->mode = type == FILE_TYPE_CHAR ? CRT_S_IFCHR : CRT_S_IFIFO;
        return 0;
    }
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(h, &info))
        return fail_win32();
    s->mode = mode_of(info.dwFileAttributes, NULL);
    s->nlink = (short)info.nNumberOfLinks;
    s->size = (int64_t)((uint64_t)info.nFileSizeHigh << 32 | info.nFileSizeLow);
    fill_times(s, &info.ftCreationTime, &info.ftLastAccessTime, &info.ftLastWriteTime);
    return 0;
}

/* Narrowing to a layout: a size or time that does not fit is EOVERFLOW in ucrt; msvcrt truncates. */
#define COPY_COMMON(d, s)                                   \
    do {                                                    \
        memset((d), 0, sizeof *(d));                        \
        (d)->st_dev = (d)->st_rdev = (s)->dev;              \
        (d)->st_mode = (s)->mode;                           \
        (d)->st_nlink = (s)->nlink;                         \
        (d)->st_size = (s)->size;                           \
        (d)->st_atime = (s)->atime;                         \
        (d)->st_mtime = (s)->mtime;                         \
        (d)->st_ctime = (s)->ctime;                         \
    } while (0)

#define STAT_FAMILY(suffix, type)                                                                   \
    int WINAPI crtio__wstat##suffix(const WCHAR *path, type *buf)                                   \
    {                                                                                               \
        struct stat_all s;                                                                          \
        if (!buf) {                                                                                 \
            crt_invalid_parameter(CRT_EINVAL);                                                      \
            return -1;                                                                              \
        }                                                                                           \
        if (stat_path(path, &s))                                                                    \
            return -1;                                                                              \
        COPY_COMMON(buf, &s);                                                                       \
        return 0;                                                                                   \
    }                                                                                               \
    int WINAPI crtio__stat##suffix(const char *path, type *buf)                                     \
    {                                                                                               \
        WCHAR *w = crt_path_to_wide(path);                                                          \
        if (!w)                                                                                     \
            return -1;                                                                              \
        int r = crtio__wstat##suffix(w, buf);                                                       \
        BaseFreeWide(w);                                                                            \
        return r;                                                                                   \
    }                                                                                               \
    int WINAPI crtio__fstat##suffix(int fd, type *buf)                                              \
    {                                                                                               \
        struct stat_all s;                                                                          \
        if (!buf) {                                                                                 \
            crt_invalid_parameter(CRT_EINVAL);                                                      \
            return -1;                                                                              \
        }                                                                                           \
        if (stat_fd(fd, &s))                                                                        \
            return -1;                                                                              \
        COPY_COMMON(buf, &s);                                                                       \
        return 0;                                                                                   \
    }

STAT_FAMILY(64, struct crt_stat64)
STAT_FAMILY(64i32, struct crt_stat64i32)
STAT_FAMILY(32, struct crt_stat32)
STAT_FAMILY(32i64, struct crt_stat32i64)

/* ---- removing, renaming, directories ----------------------------------------------------------------------- */

static int wremove(const WCHAR *path, int unused)
{
    (void)unused;
    return DeleteFileW(path) ? 0 : fail_win32();
}

int WINAPI crtio__wremove(const WCHAR *path) { return path ? wremove(path, 0) : (crt_invalid_parameter(CRT_EINVAL), -1); }
int WINAPI crtio_remove(const char *path) { return with_wide_path(path, wremove, 0); }

int WINAPI crtio__wrename(const WCHAR *from, const WCHAR *to)
{
    if (!from || !to) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    /* an existing target is an error (EACCES/EEXIST), as MoveFile reports it */
    return MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED) ? 0 : fail_win32();
}

int WINAPI crtio_rename(const char *from, const char *to)
{
    WCHAR *wf = crt_path_to_wide(from);
    if (!wf)
        return -1;
    WCHAR *wt = crt_path_to_wide(to);
    int r = wt ? crtio__wrename(wf, wt) : -1;
    BaseFreeWide(wf);
    BaseFreeWide(wt);
    return r;
}

static int wmkdir(const WCHAR *path, int unused)
{
    (void)unused;
    return CreateDirectoryW(path, NULL) ? 0 : fail_win32();
}

static int wrmdir(const WCHAR *path, int unused)
{
    (void)unused;
    return RemoveDirectoryW(path) ? 0 : fail_win32();
}

static int wchdir(const WCHAR *path, int unused)
{
    (void)unused;
    return SetCurrentDirectoryW(path) ? 0 : fail_win32();
}

int WINAPI crtio__wmkdir(const WCHAR *path) { return path ? wmkdir(path, 0) : (crt_invalid_parameter(CRT_EINVAL), -1); }
int WINAPI crtio__mkdir(const char *path) { return with_wide_path(path, wmkdir, 0); }
int WINAPI crtio__wrmdir(const WCHAR *path) { return path ? wrmdir(path, 0) : (crt_invalid_parameter(CRT_EINVAL), -1); }
int WINAPI crtio__rmdir(const char *path) { return with_wide_path(path, wrmdir, 0); }
int WINAPI crtio__wchdir(const WCHAR *path) { return path ? wchdir(path, 0) : (crt_invalid_parameter(CRT_EINVAL), -1); }
int WINAPI crtio__chdir(const char *path) { return with_wide_path(path, wchdir, 0); }

/* _chmod: only the write permission means anything on Windows (the read-only attribute). */
static int wchmod(const WCHAR *path, int mode)
{
    DWORD a = GetFileAttributesW(path);
    if (a == INVALID_FILE_ATTRIBUTES)
        return fail_win32();
    a = mode & CRT_S_IWRITE ? a & ~(DWORD)FILE_ATTRIBUTE_READONLY : a | FILE_ATTRIBUTE_READONLY;
    return SetFileAttributesW(path, a) ? 0 : fail_win32();
}

int WINAPI crtio__wchmod(const WCHAR *path, int mode) { return path ? wchmod(path, mode) : (crt_invalid_parameter(CRT_EINVAL), -1); }
int WINAPI crtio__chmod(const char *path, int mode) { return with_wide_path(path, wchmod, mode); }

/* ---- current directory ------------------------------------------------------------------------------------ */

/* Copies a wide result into the caller's buffer (or a malloc'ed one when buf is NULL: at least size
 * bytes, or what the string needs); ERANGE when it does not fit. */
static char *narrow_result(const WCHAR *w, char *buf, int size)
{
    char *s = crt_wide_to_ansi(w);
    if (!s)
        return NULL;
    size_t need = strlen(s) + 1;
    if (!buf) {
        if (size > 0 && (size_t)size > need) {
            char *big = crt_malloc((size_t)size);
            if (big)
                memcpy(big, s, need);
            crt_free(s);
            return big;
        }
        return s;
    }
    if (size <= 0 || need > (size_t)size) {
        crt_free(s);
        crt_set_errno(CRT_ERANGE);
        return NULL;
    }
    memcpy(buf, s, need);
    crt_free(s);
    return buf;
}

static WCHAR *wide_result(const WCHAR *w, WCHAR *buf, int size)
{
    size_t need = RtlpWcslen(w) + 1;
    if (!buf) {
        size_t n = size > 0 && (size_t)size > need ? (size_t)size : need;
        buf = crt_malloc(n * sizeof(WCHAR));
        if (buf)
            memcpy(buf, w, need * sizeof(WCHAR));
        return buf;
    }
    if (size <= 0 || need > (size_t)size) {
        crt_set_errno(CRT_ERANGE);
        return NULL;
    }
    memcpy(buf, w, need * sizeof(WCHAR));
    return buf;
}

/* The current directory of a drive (1 = A:, 0 = the current drive): the process keeps one directory, so
 * another drive is its root. */
static bool drive_cwd(int drive, WCHAR *out)
{
    DWORD n = GetCurrentDirectoryW(MAX_PATH, out);
    if (!n || n >= MAX_PATH) {
        crt_dosmaperr(GetLastError());
        return false;
    }
    if (drive == 0 || (drive - 1 + 'a') == (out[0] | 0x20))
        return true;
    if (drive < 1 || drive > 26) {
        crt_thread()->doserrno = ERROR_INVALID_DRIVE;
        crt_invalid_parameter(CRT_EACCES);
        return false;
    }
    out[0] = (WCHAR)('A' + drive - 1);
    out[1] = ':';
    out[2] = '\\';
    out[3] = 0;
    return true;
}

char *WINAPI crtio__getdcwd(int drive, char *buf, int size)
{
    WCHAR w[MAX_PATH];
    return drive_cwd(drive, w) ? narrow_result(w, buf, size) : NULL;
}

WCHAR *WINAPI crtio__wgetdcwd(int drive, WCHAR *buf, int size)
{
    WCHAR w[MAX_PATH];
    return drive_cwd(drive, w) ? wide_result(w, buf, size) : NULL;
}

char *WINAPI crtio__getcwd(char *buf, int size) { return crtio__getdcwd(0, buf, size); }
WCHAR *WINAPI crtio__wgetcwd(WCHAR *buf, int size) { return crtio__wgetdcwd(0, buf, size); }

int WINAPI crtio__getdrive(void)
{
    WCHAR w[MAX_PATH];
    if (!GetCurrentDirectoryW(MAX_PATH, w) || w[1] != ':')
        return 0;
    return (w[0] | 0x20) - 'a' + 1;
}

/* _fullpath: GetFullPathName into buf (or a malloc'ed buffer). */
WCHAR *WINAPI crtio__wfullpath(WCHAR *buf, const WCHAR *path, size_t size)
{
    WCHAR w[MAX_PATH * 2];
    if (!path || !*path)
        return crtio__wgetcwd(buf, (int)size);
    DWORD n = GetFullPathNameW(path, ARRAY_SIZE(w), w, NULL);
    if (!n || n >= ARRAY_SIZE(w)) {
        crt_set_errno(n ? CRT_ERANGE : CRT_EINVAL);
        return NULL;
    }
    return wide_result(w, buf, buf ? (int)size : 0);
}

char *WINAPI crtio__fullpath(char *buf, const char *path, size_t size)
{
    if (!path || !*path)
        return crtio__getcwd(buf, (int)size);
    WCHAR *wpath = crt_path_to_wide(path);
    if (!wpath)
        return NULL;
    WCHAR w[MAX_PATH * 2];
    DWORD n = GetFullPathNameW(wpath, ARRAY_SIZE(w), w, NULL);
    BaseFreeWide(wpath);
    if (!n || n >= ARRAY_SIZE(w)) {
        crt_set_errno(n ? CRT_ERANGE : CRT_EINVAL);
        return NULL;
    }
    return narrow_result(w, buf, buf ? (int)size : 0);
}

int WINAPI crtio__getpid(void)
{
    return (int)GetCurrentProcessId();
}

/* _umask: kept for the program to read back; permissions are not modelled beyond read-only. */
static int umask_value;

int WINAPI crtio__umask(int mask)
{
    return __atomic_exchange_n(&umask_value, mask & (CRT_S_IREAD | CRT_S_IWRITE), __ATOMIC_ACQ_REL);
}

/* ---- _findfirst / _findnext --------------------------------------------------------------------------------- */

/* The _finddata structures: 32/64-bit times, 32/64-bit sizes, char or wchar_t names. */
#define FINDDATA(tag, time_t_, size_t_, char_t)   \
    struct tag {                                  \
        unsigned attrib;                          \
        time_t_ time_create, time_access, time_write; \
        size_t_ size;                             \
        char_t name[260];                         \
    }
FINDDATA(crt_finddata32, int32_t, ULONG, char);
FINDDATA(crt_finddata32i64, int32_t, int64_t, char);
FINDDATA(crt_finddata64i32, int64_t, ULONG, char);
FINDDATA(crt_finddata64, int64_t, int64_t, char);
FINDDATA(crt_wfinddata32, int32_t, ULONG, WCHAR);
FINDDATA(crt_wfinddata32i64, int32_t, int64_t, WCHAR);
FINDDATA(crt_wfinddata64i32, int64_t, ULONG, WCHAR);
FINDDATA(crt_wfinddata64, int64_t, int64_t, WCHAR);
static_assert(sizeof(struct crt_finddata32) == 280, "_finddata32_t");
static_assert(sizeof(struct crt_finddata32i64) == 288, "_finddata32i64_t");
static_assert(sizeof(struct crt_finddata64i32) == 296, "_finddata64i32_t");
static_assert(sizeof(struct crt_finddata64) == 304 && offsetof(struct crt_finddata64, name) == 40, "_finddata64_t");
static_assert(sizeof(struct crt_wfinddata32) == 540, "_wfinddata32_t");
static_assert(sizeof(struct crt_wfinddata64) == 560, "_wfinddata64_t");

/* Attributes as the CRT reports them: FILE_ATTRIBUTE_NORMAL counts as none (_A_NORMAL = 0). */
static unsigned attrib_of(DWORD a)
{
    return a == FILE_ATTRIBUTE_NORMAL ? 0 : a;
}

static void name_narrow(char *out, const WCHAR *name)
{
    char *s = crt_wide_to_ansi(name);
    size_t n = s ? strlen(s) : 0;
    if (n > 259)
        n = 259;
    if (s)
        memcpy(out, s, n);
    out[n] = 0;
    crt_free(s);
}

#define FILL_FIND(d, fd, set_name)                                                                \
    do {                                                                                          \
        (d)->attrib = attrib_of((fd)->dwFileAttributes);                                         \
        (d)->time_create = time_of(&(fd)->ftCreationTime);                                       \
        (d)->time_access = time_of(&(fd)->ftLastAccessTime);                                     \
        (d)->time_write = time_of(&(fd)->ftLastWriteTime);                                       \
        (d)->size = (int64_t)((uint64_t)(fd)->nFileSizeHigh << 32 | (fd)->nFileSizeLow);         \
        set_name;                                                                                \
    } while (0)

static INT_PTR find_first(const WCHAR *pattern, WIN32_FIND_DATAW *fd)
{
    if (!pattern) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    HANDLE h = FindFirstFileW(pattern, fd);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        crt_thread()->doserrno = e;
        /* no match and a bad path are both ENOENT; an overlong name is EINVAL */
        crt_set_errno(e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND || e == ERROR_NO_MORE_FILES ||
                              e == ERROR_INVALID_DRIVE
                          ? CRT_ENOENT
                          : e == ERROR_NOT_ENOUGH_MEMORY ? CRT_ENOMEM : CRT_EINVAL);
        return -1;
    }
    return (INT_PTR)h;
}

static int find_next(INT_PTR handle, WIN32_FIND_DATAW *fd)
{
    if (handle == -1 || !handle) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    if (!FindNextFileW((HANDLE)handle, fd)) {
        DWORD e = GetLastError();
        crt_thread()->doserrno = e;
        crt_set_errno(e == ERROR_NO_MORE_FILES || e == ERROR_FILE_NOT_FOUND ? CRT_ENOENT : CRT_EINVAL);
        return -1;
    }
    return 0;
}

#define FIND_FAMILY(first, next, type)                                                             \
    INT_PTR WINAPI crtio_##first(const char *pattern, struct type *data)                           \
    {                                                                                              \
        WIN32_FIND_DATAW fd;                                                                       \
        WCHAR *w = crt_path_to_wide(pattern);                                                      \
        if (!w)                                                                                    \
            return -1;                                                                             \
        INT_PTR h = data ? find_first(w, &fd) : (crt_invalid_parameter(CRT_EINVAL), -1);          \
        BaseFreeWide(w);                                                                           \
        if (h != -1)                                                                               \
            FILL_FIND(data, &fd, name_narrow(data->name, fd.cFileName));                           \
        return h;                                                                                  \
    }                                                                                              \
    int WINAPI crtio_##next(INT_PTR handle, struct type *data)                                     \
    {                                                                                              \
        WIN32_FIND_DATAW fd;                                                                       \
        if (!data) {                                                                               \
            crt_invalid_parameter(CRT_EINVAL);                                                     \
            return -1;                                                                             \
        }                                                                                          \
        if (find_next(handle, &fd))                                                                \
            return -1;                                                                             \
        FILL_FIND(data, &fd, name_narrow(data->name, fd.cFileName));                               \
        return 0;                                                                                  \
    }

#define WFIND_FAMILY(first, next, type)                                                            \
    INT_PTR WINAPI crtio_##first(const WCHAR *pattern, struct type *data)                          \
    {                                                                                              \
        WIN32_FIND_DATAW fd;                                                                       \
        INT_PTR h = data ? find_first(pattern, &fd) : (crt_invalid_parameter(CRT_EINVAL), -1);    \
        if (h != -1)                                                                               \
            FILL_FIND(data, &fd, memcpy(data->name, fd.cFileName, sizeof data->name));             \
        return h;                                                                                  \
    }                                                                                              \
    int WINAPI crtio_##next(INT_PTR handle, struct type *data)                                     \
    {                                                                                              \
        WIN32_FIND_DATAW fd;                                                                       \
        if (!data) {                                                                               \
            crt_invalid_parameter(CRT_EINVAL);                                                     \
            return -1;                                                                             \
        }                                                                                          \
        if (find_next(handle, &fd))                                                                \
            return -1;                                                                             \
        FILL_FIND(data, &fd, memcpy(data->name, fd.cFileName, sizeof data->name));                 \
        return 0;                                                                                  \
    }

FIND_FAMILY(_findfirst32, _findnext32, crt_finddata32)
FIND_FAMILY(_findfirst32i64, _findnext32i64, crt_finddata32i64)
FIND_FAMILY(_findfirst64i32, _findnext64i32, crt_finddata64i32)
FIND_FAMILY(_findfirst64, _findnext64, crt_finddata64)
WFIND_FAMILY(_wfindfirst32, _wfindnext32, crt_wfinddata32)
WFIND_FAMILY(_wfindfirst32i64, _wfindnext32i64, crt_wfinddata32i64)
WFIND_FAMILY(_wfindfirst64i32, _wfindnext64i32, crt_wfinddata64i32)
WFIND_FAMILY(_wfindfirst64, _wfindnext64, crt_wfinddata64)

int WINAPI crtio__findclose(INT_PTR handle)
{
    if (!FindClose((HANDLE)handle)) {
        crt_set_errno(CRT_ENOENT);
        return -1;
    }
    return 0;
}

/* ---- _utime / _futime ------------------------------------------------------------------------------------ */

/* struct _utimbuf (time_t is 64-bit on x64; _utime32 takes __utimbuf32). */
struct crt_utimbuf64 {
    int64_t actime, modtime;
};
struct crt_utimbuf32 {
    int32_t actime, modtime;
};

#define CRT_MAX_TIME64 32535215999LL   /* 3000-12-31 23:59:59 UTC, the CRT's _MAX__TIME64_T */

static bool filetime_from_time(int64_t t, FILETIME *ft)
{
    if (t < 0 || t > CRT_MAX_TIME64)
        return false;
    uint64_t v = (uint64_t)t * 10000000u + FILETIME_UNIX_EPOCH;
    ft->dwLowDateTime = (DWORD)v;
    ft->dwHighDateTime = (DWORD)(v >> 32);
    return true;
}

/* The access and modification times of an open file; no times (now) sets both to the current time. */
static int futime_impl(int fd, const int64_t *times)
{
    HANDLE h = crt_lowio_handle(fd);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    FILETIME access, write;
    if (!times) {
        GetSystemTimeAsFileTime(&write);
        access = write;
    } else if (!filetime_from_time(times[0], &access) || !filetime_from_time(times[1], &write)) {
        crt_set_errno(CRT_EINVAL);
        return -1;
    }
    return SetFileTime(h, NULL, &access, &write) ? 0 : fail_win32();
}

int WINAPI crtio__futime64(int fd, const struct crt_utimbuf64 *t)
{
    int64_t times[2];
    if (t)
        times[0] = t->actime, times[1] = t->modtime;
    return futime_impl(fd, t ? times : NULL);
}

int WINAPI crtio__futime32(int fd, const struct crt_utimbuf32 *t)
{
    int64_t times[2];
    if (t)
        times[0] = t->actime, times[1] = t->modtime;
    return futime_impl(fd, t ? times : NULL);
}

/* By name, as msvcrt does it: the file is opened for reading and writing (a read-only file or a
 * directory fails with EACCES), its times set, and closed. */
static int wutime_impl(const WCHAR *path, const int64_t *times)
{
    if (!path) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    int fd = crt_sopen(path, CRT_O_RDWR | CRT_O_BINARY, CRT_SH_DENYNO, 0);
    if (fd < 0)
        return -1;
    int r = futime_impl(fd, times);
    int saved = crt_thread()->errno_value;
    crt_close(fd);
    if (r)
        crt_set_errno(saved);
    return r;
}

static int wutime64_fn(const WCHAR *path, const struct crt_utimbuf64 *t)
{
    int64_t times[2];
    if (t)
        times[0] = t->actime, times[1] = t->modtime;
    return wutime_impl(path, t ? times : NULL);
}

static int wutime32_fn(const WCHAR *path, const struct crt_utimbuf32 *t)
{
    int64_t times[2];
    if (t)
        times[0] = t->actime, times[1] = t->modtime;
    return wutime_impl(path, t ? times : NULL);
}

int WINAPI crtio__wutime64(const WCHAR *path, const struct crt_utimbuf64 *t) { return wutime64_fn(path, t); }
int WINAPI crtio__wutime32(const WCHAR *path, const struct crt_utimbuf32 *t) { return wutime32_fn(path, t); }

int WINAPI crtio__utime64(const char *path, const struct crt_utimbuf64 *t)
{
    WCHAR *w = crt_path_to_wide(path);
    if (!w)
        return -1;
    int r = wutime64_fn(w, t);
    BaseFreeWide(w);
    return r;
}

int WINAPI crtio__utime32(const char *path, const struct crt_utimbuf32 *t)
{
    WCHAR *w = crt_path_to_wide(path);
    if (!w)
        return -1;
    int r = wutime32_fn(w, t);
    BaseFreeWide(w);
    return r;
}
