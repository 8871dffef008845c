/*
 * shell32.dll: the file operations and file information of the shell, without its user interface.
 * - SHFileOperationW/A: copy, move, delete and rename lists of files and directories (double-NUL lists,
 *   wildcards in the last component of a source, directories with their trees), with the FOF_ flags that
 *   do not need a window. Where the shell would ask the user (a destination that exists, without
 *   FOF_NOCONFIRMATION) there is no one to ask, so the answer is "yes", the choice FOF_NOCONFIRMATION makes.
 *   FOF_ALLOWUNDO has no recycle bin to use, so files are deleted as on a drive without one. Errors are
 *   the shell's: a Win32 code from the file function that failed, or its DE_ codes (same file, a directory
 *   into its own tree, several sources for several destinations that do not pair up).
 * - SHGetFileInfoW/A: SHGFI_EXETYPE (read from the file's headers, as cmd.exe asks before deciding whether
 *   to wait: 'PE' with version 0 for a console program or a .bat file, as documented), the attributes of the file system (SHGFI_ATTRIBUTES) and the display name; icons
 *   (SHGFI_ICON, SHGFI_SYSICONINDEX, SHGFI_ICONLOCATION) do not exist without a desktop: the call fails.
 * - SHBrowseForFolderW/A, ExtractIconW/A, ExtractIconExW/A: the folder dialog cannot be shown and
 *   returns NULL (as when the user cancels); no icon can be extracted (NULL, 0 icons; 1 for a file that
 *   cannot hold icons).
 */
#include <string.h>

#include "io/builtin.h"
#include "ntdll/rtl/rtl.h"
#include "win32/k32.h"

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);
HANDLE WINAPI LocalFree(HANDLE mem);
BOOL WINAPI CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists);
BOOL WINAPI CloseHandle(HANDLE handle);
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int srclen, LPWSTR dst, int dstlen);
int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int srclen, LPSTR dst, int dstlen,
                               LPCSTR defchar, BOOL *used);

typedef void *HWND;
typedef void *HICON;
typedef WORD FILEOP_FLAGS;

#define FO_MOVE   1
#define FO_COPY   2
#define FO_DELETE 3
#define FO_RENAME 4

#define FOF_MULTIDESTFILES 0x0001
#define FOF_FILESONLY      0x0080
#define FOF_NORECURSION    0x1000

/* The shell's own error codes (shellapi.h's DE_ values). */
#define DE_SAMEFILE      0x71
#define DE_MANYSRC1DEST  0x72
#define ERROR_CANCELLED_OP 1223
#define DE_DESTSUBTREE   0x76
#define DE_FLDDESTISFILE 0x7E
#define DE_FILEDESTISFLD 0x80

typedef struct {
    HWND hwnd;
    UINT wFunc;
    LPCWSTR pFrom;
    LPCWSTR pTo;
    FILEOP_FLAGS fFlags;
    BOOL fAnyOperationsAborted;
    PVOID hNameMappings;
    LPCWSTR lpszProgressTitle;
} SHFILEOPSTRUCTW;

typedef struct {
    HWND hwnd;
    UINT wFunc;
    LPCSTR pFrom;
    LPCSTR pTo;
    FILEOP_FLAGS fFlags;
    BOOL fAnyOperationsAborted;
    PVOID hNameMappings;
    LPCSTR lpszProgressTitle;
} SHFILEOPSTRUCTA;

#define PATHMAX 1024

static int count_items(const WCHAR *list)
{
    int n = 0;
    for (const WCHAR *p = list; p && *p; p += RtlpWcslen(p) + 1)
        n++;
    return n;
}

static BOOL has_wildcard(const WCHAR *p)
{
    for (; *p; p++)
        if (*p == '*' || *p == '?')
            return TRUE;
    return FALSE;
}

static BOOL is_dots(const WCHAR *n)
{
    return n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2]));
}

static BOOL is_dir(const WCHAR *p)
{
    DWORD a = GetFileAttributesW(p);
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

/* dir + '\\' + name into out (PATHMAX): FALSE when too long. */
static BOOL join(WCHAR *out, const WCHAR *dir, size_t dirlen, const WCHAR *name)
{
    size_t l = RtlpWcslen(name);
    if (dirlen + 1 + l >= PATHMAX)
        return FALSE;
    memmove(out, dir, dirlen * sizeof(WCHAR));
    size_t n = dirlen;
    if (n && out[n - 1] != '\\' && out[n - 1] != '/')
        out[n++] = '\\';
    memcpy(out + n, name, (l + 1) * sizeof(WCHAR));
    return TRUE;
}

/* The length of p's directory part (without the separator before the last component). */
static size_t dir_part(const WCHAR *p)
{
    size_t n = RtlpWcslen(p);
    while (n && p[n - 1] != '\\' && p[n - 1] != '/' && p[n - 1] != ':')
        n--;
    if (n && (p[n - 1] == '\\' || p[n - 1] == '/') && !(n >= 2 && p[n - 2] == ':'))
        n--;
    return n;
}

static const WCHAR *last_component(const WCHAR *p)
{
    const WCHAR *r = p;
    for (; *p; p++)
        if (*p == '\\' || *p == '/' || *p == ':')
            r = p + 1;
    return r;
}

/* Full, case-folded forms of a and b; TRUE when equal (same file), *inside when b is below a. */
static void compare_paths(const WCHAR *a, const WCHAR *b, BOOL *same, BOOL *inside)
{
    WCHAR fa[PATHMAX], fb[PATHMAX];
    *same = *inside = FALSE;
    DWORD la = GetFullPathNameW(a, PATHMAX, fa, NULL), lb = GetFullPathNameW(b, PATHMAX, fb, NULL);
    if (!la || la >= PATHMAX || !lb || lb >= PATHMAX)
        return;
    while (la > 3 && fa[la - 1] == '\\')
        fa[--la] = 0;
    while (lb > 3 && fb[lb - 1] == '\\')
        fb[--lb] = 0;
    for (DWORD i = 0; i < la; i++)
        fa[i] = RtlUpcaseUnicodeChar(fa[i]);
    for (DWORD i = 0; i < lb; i++)
        fb[i] = RtlUpcaseUnicodeChar(fb[i]);
    if (la == lb && !memcmp(fa, fb, la * sizeof(WCHAR)))
        *same = TRUE;
    else if (lb > la && !memcmp(fa, fb, la * sizeof(WCHAR)) && fb[la] == '\\')
        *inside = TRUE;
}

static DWORD delete_tree(const WCHAR *path);

static DWORD delete_one(const WCHAR *path, DWORD attrs)
{
    if (attrs & FILE_ATTRIBUTE_DIRECTORY)
        return delete_tree(path);
    if (attrs & FILE_ATTRIBUTE_READONLY)
        SetFileAttributesW(path, attrs & ~FILE_ATTRIBUTE_READONLY);
    return DeleteFileW(path) ? ERROR_SUCCESS : GetLastError();
}

/* A directory with everything below it. */
static DWORD delete_tree(const WCHAR *path)
{
    WCHAR pat[PATHMAX], sub[PATHMAX];
    WIN32_FIND_DATAW fd;
    size_t n = RtlpWcslen(path);
    if (!join(pat, path, n, u"*"))
        return ERROR_FILENAME_EXCED_RANGE;
    HANDLE h = FindFirstFileW(pat, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (is_dots(fd.cFileName))
                continue;
            if (!join(sub, path, n, fd.cFileName)) {
                FindClose(h);
                return ERROR_FILENAME_EXCED_RANGE;
            }
            DWORD err = delete_one(sub, fd.dwFileAttributes);
            if (err) {
                FindClose(h);
                return err;
            }
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    DWORD a = GetFileAttributesW(path);
    if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_READONLY))
        SetFileAttributesW(path, a & ~FILE_ATTRIBUTE_READONLY);
    return RemoveDirectoryW(path) ? ERROR_SUCCESS : GetLastError();
}

static DWORD copy_tree(const WCHAR *from, const WCHAR *to);

static DWORD copy_one(const WCHAR *from, DWORD attrs, const WCHAR *to)
{
    if (attrs & FILE_ATTRIBUTE_DIRECTORY)
        return copy_tree(from, to);
    if (is_dir(to))
        return DE_FILEDESTISFLD;
    return CopyFileW(from, to, FALSE) ? ERROR_SUCCESS : GetLastError();
}

/* A directory and its tree to the directory to (created when missing). */
static DWORD copy_tree(const WCHAR *from, const WCHAR *to)
{
    DWORD ta = GetFileAttributesW(to);
    if (ta == INVALID_FILE_ATTRIBUTES) {
        if (!CreateDirectoryW(to, NULL))
            return GetLastError();
    } else if (!(ta & FILE_ATTRIBUTE_DIRECTORY))
        return DE_FLDDESTISFILE;
    WCHAR pat[PATHMAX], src[PATHMAX], dst[PATHMAX];
    WIN32_FIND_DATAW fd;
    size_t n = RtlpWcslen(from), m = RtlpWcslen(to);
    if (!join(pat, from, n, u"*"))
        return ERROR_FILENAME_EXCED_RANGE;
    HANDLE h = FindFirstFileW(pat, &fd);
    if (h == INVALID_HANDLE_VALUE)
        return ERROR_SUCCESS;
    DWORD err = ERROR_SUCCESS;
    do {
        if (is_dots(fd.cFileName))
            continue;
        if (!join(src, from, n, fd.cFileName) || !join(dst, to, m, fd.cFileName))
            err = ERROR_FILENAME_EXCED_RANGE;
        else
            err = copy_one(src, fd.dwFileAttributes, dst);
    } while (!err && FindNextFileW(h, &fd));
    FindClose(h);
    return err;
}

/* One source (no wildcard) to its destination path. */
static DWORD transfer(UINT func, const WCHAR *from, DWORD attrs, const WCHAR *to)
{
    BOOL same, inside;
    compare_paths(from, to, &same, &inside);
    if (same)
        return func == FO_RENAME || func == FO_MOVE ? ERROR_SUCCESS : DE_SAMEFILE;
    if (inside && (attrs & FILE_ATTRIBUTE_DIRECTORY))
        return DE_DESTSUBTREE;
    if (func == FO_COPY)
        return copy_one(from, attrs, to);
    if (func == FO_RENAME && GetFileAttributesW(to) != INVALID_FILE_ATTRIBUTES)
        return ERROR_ALREADY_EXISTS;
    if (MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED | MOVEFILE_REPLACE_EXISTING))
        return ERROR_SUCCESS;
    DWORD err = GetLastError();
    if (err != ERROR_NOT_SAME_DEVICE && err != ERROR_ACCESS_DENIED)
        return err;
    /* A directory to another volume, or onto one that exists: its tree is copied, then removed. */
    if (!(attrs & FILE_ATTRIBUTE_DIRECTORY))
        return err;
    err = copy_tree(from, to);
    return err ? err : delete_tree(from);
}

struct fileop {
    UINT func;
    FILEOP_FLAGS flags;
    BOOL dest_is_dir;             /* every source goes into the directory pTo names */
    BOOL mkdir;                   /* that directory is still to be created */
};

/* One item of pFrom (perhaps with wildcards) to dest. */
static DWORD do_item(struct fileop *op, const WCHAR *item, const WCHAR *dest)
{
    WCHAR path[PATHMAX], target[PATHMAX];
    WIN32_FIND_DATAW fd;
    BOOL wild = has_wildcard(last_component(item));
    size_t dl = dir_part(item);
    if (RtlpWcslen(item) >= PATHMAX)
        return ERROR_FILENAME_EXCED_RANGE;
    HANDLE h = FindFirstFileW(item, &fd);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        if (wild && err == ERROR_FILE_NOT_FOUND)
            return ERROR_SUCCESS;            /* a pattern that matches nothing has nothing to do */
        return err == ERROR_NO_MORE_FILES ? ERROR_FILE_NOT_FOUND : err;
    }
    DWORD err = ERROR_SUCCESS;
    do {
        if (is_dots(fd.cFileName))
            continue;
        if (wild && (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) &&
            (op->flags & (FOF_FILESONLY | FOF_NORECURSION)))
            continue;
        if (wild) {
            if (!join(path, item, dl, fd.cFileName)) {
                err = ERROR_FILENAME_EXCED_RANGE;
                break;
            }
        } else
            memcpy(path, item, (RtlpWcslen(item) + 1) * sizeof(WCHAR));
        if (op->func == FO_DELETE) {
            err = delete_one(path, fd.dwFileAttributes);
        } else {
            if (op->dest_is_dir || (op->func != FO_RENAME && is_dir(dest))) {
                if (!join(target, dest, RtlpWcslen(dest), last_component(path))) {
                    err = ERROR_FILENAME_EXCED_RANGE;
                    break;
                }
            } else if (RtlpWcslen(dest) < PATHMAX)
                memcpy(target, dest, (RtlpWcslen(dest) + 1) * sizeof(WCHAR));
            else {
                err = ERROR_FILENAME_EXCED_RANGE;
                break;
            }
            if (op->mkdir) {
                if (!CreateDirectoryW(dest, NULL)) {
                    err = GetLastError();
                    break;
                }
                op->mkdir = FALSE;
            }
            err = transfer(op->func, path, fd.dwFileAttributes, target);
        }
    } while (!err && wild && FindNextFileW(h, &fd));
    FindClose(h);
    return err;
}

int WINAPI SHFileOperationW(SHFILEOPSTRUCTW *op)
{
    if (!op)
        return ERROR_INVALID_PARAMETER;
    int nsrc = count_items(op->pFrom);
    if (!nsrc)
        return ERROR_ACCESS_DENIED;          /* no source: what Windows answers for an empty pFrom */
    op->fAnyOperationsAborted = FALSE;
    op->hNameMappings = NULL;
    if (op->wFunc < FO_MOVE || op->wFunc > FO_RENAME)
        return ERROR_INVALID_PARAMETER;
    struct fileop fo = {op->wFunc, op->fFlags, FALSE, FALSE};
    if (fo.func == FO_DELETE) {
        for (const WCHAR *s = op->pFrom; *s; s += RtlpWcslen(s) + 1) {
            DWORD err = do_item(&fo, s, NULL);
            if (err)
                return (int)err;
        }
        return 0;
    }
    int ndst = count_items(op->pTo);
    if (!ndst)
        return ERROR_ACCESS_DENIED;
    if (fo.func == FO_RENAME && (nsrc > 1 || ndst > 1))
        return ERROR_GEN_FAILURE;            /* a rename takes one name */
    BOOL multi = (op->fFlags & FOF_MULTIDESTFILES) && ndst > 1;
    if (multi && ndst != nsrc) {
        op->fAnyOperationsAborted = TRUE;   /* the pairs do not match: nothing is done */
        return ERROR_CANCELLED_OP;
    }
    if (!multi && ndst > 1)
        return DE_MANYSRC1DEST;
    if (!multi && fo.func != FO_RENAME &&
        (nsrc > 1 || has_wildcard(last_component(op->pFrom)))) {
        /* Several sources for one destination: a directory, created when missing. */
        DWORD a = GetFileAttributesW(op->pTo);
        if (a == INVALID_FILE_ATTRIBUTES)
            fo.mkdir = TRUE;                 /* once a source is found */
        else if (!(a & FILE_ATTRIBUTE_DIRECTORY))
            return DE_FLDDESTISFILE;
        fo.dest_is_dir = TRUE;
    }
    const WCHAR *d = op->pTo;
    for (const WCHAR *s = op->pFrom; *s; s += RtlpWcslen(s) + 1) {
        DWORD err = do_item(&fo, s, d);
        if (err)
            return (int)err;
        if (multi)
            d += RtlpWcslen(d) + 1;
    }
    return 0;
}

/* An ANSI double-NUL list as a wide one (LocalAlloc), or NULL for NULL. */
static WCHAR *list_to_wide(const char *list, BOOL *fail)
{
    if (!list)
        return NULL;
    size_t n = 0;
    while (list[n] || list[n + 1])
        n++;
    n += 2;
    int w = MultiByteToWideChar(CP_ACP, 0, list, (int)n, NULL, 0);
    WCHAR *r = w > 0 ? LocalAlloc(0, (size_t)w * sizeof(WCHAR)) : NULL;
    if (!r || !MultiByteToWideChar(CP_ACP, 0, list, (int)n, r, w)) {
        *fail = TRUE;
        LocalFree(r);
        return NULL;
    }
    return r;
}

int WINAPI SHFileOperationA(SHFILEOPSTRUCTA *op)
{
    if (!op)
        return ERROR_INVALID_PARAMETER;
    BOOL fail = FALSE;
    WCHAR *from = list_to_wide(op->pFrom, &fail), *to = list_to_wide(op->pTo, &fail);
    if (fail) {
        LocalFree(from);
        LocalFree(to);
        return ERROR_OUTOFMEMORY;
    }
    SHFILEOPSTRUCTW w = {op->hwnd, op->wFunc, from, to, op->fFlags, FALSE, NULL, NULL};
    int r = SHFileOperationW(&w);
    op->fAnyOperationsAborted = w.fAnyOperationsAborted;
    op->hNameMappings = w.hNameMappings;
    LocalFree(from);
    LocalFree(to);
    return r;
}

/* SHGetFileInfo */

#define SHGFI_ICON              0x000000100
#define SHGFI_DISPLAYNAME       0x000000200
#define SHGFI_TYPENAME          0x000000400
#define SHGFI_ATTRIBUTES        0x000000800
#define SHGFI_ICONLOCATION      0x000001000
#define SHGFI_EXETYPE           0x000002000
#define SHGFI_SYSICONINDEX      0x000004000
#define SHGFI_PIDL              0x000000008
#define SHGFI_USEFILEATTRIBUTES 0x000000010

#define SFGAO_CANCOPY        0x00000001
#define SFGAO_CANMOVE        0x00000002
#define SFGAO_CANLINK        0x00000004
#define SFGAO_CANRENAME      0x00000010
#define SFGAO_CANDELETE      0x00000020
#define SFGAO_HASPROPSHEET   0x00000040
#define SFGAO_READONLY       0x00040000
#define SFGAO_HIDDEN         0x00080000
#define SFGAO_FILESYSANCESTOR 0x10000000
#define SFGAO_FOLDER         0x20000000
#define SFGAO_FILESYSTEM     0x40000000
#define SFGAO_HASSUBFOLDER   0x80000000u

typedef struct {
    HICON hIcon;
    int iIcon;
    DWORD dwAttributes;
    WCHAR szDisplayName[MAX_PATH];
    WCHAR szTypeName[80];
} SHFILEINFOW;

typedef struct {
    HICON hIcon;
    int iIcon;
    DWORD dwAttributes;
    CHAR szDisplayName[MAX_PATH];
    CHAR szTypeName[80];
} SHFILEINFOA;

static BOOL ext_is(const WCHAR *path, const WCHAR *ext)
{
    const WCHAR *name = last_component(path), *dot = NULL;
    for (const WCHAR *p = name; *p; p++)
        if (*p == '.')
            dot = p;
    if (!dot)
        return FALSE;
    for (; *dot && *ext; dot++, ext++)
        if (RtlUpcaseUnicodeChar(*dot) != RtlUpcaseUnicodeChar(*ext))
            return FALSE;
    return !*dot && !*ext;
}

static BOOL read_at(HANDLE h, LONGLONG offset, void *buf, DWORD len)
{
    LARGE_INTEGER li;
    DWORD got;
    li.QuadPart = offset;
    return SetFilePointerEx(h, li, NULL, 0) && ReadFile(h, buf, len, &got, NULL) && got == len;
}

/* SHGFI_EXETYPE: 'MZ' for .com files and DOS programs, 'PE' for a .bat file; 'PE' with the subsystem version in the high
 * word for Windows programs, 0 in it for console ones; 'NE' with the expected Windows version; else 0. */
static DWORD_PTR exe_type(const WCHAR *path)
{
    if (ext_is(path, u".bat"))
        return GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES ? 0 : 0x4550;
    if (ext_is(path, u".com"))
        return GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES ? 0 : 0x5A4D;
    if (!ext_is(path, u".exe"))
        return 0;
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    unsigned char dos[64], hdr[4 + 20 + 72];
    DWORD_PTR r = 0;
    if (read_at(h, 0, dos, sizeof dos) && dos[0] == 'M' && dos[1] == 'Z') {
        LONG lfanew = (LONG)(dos[60] | dos[61] << 8 | dos[62] << 16 | (DWORD)dos[63] << 24);
        r = 0x5A4D;
        if (lfanew > 0 && read_at(h, lfanew, hdr, 4)) {
            if (hdr[0] == 'P' && hdr[1] == 'E' && !hdr[2] && !hdr[3] && read_at(h, lfanew, hdr, sizeof hdr)) {
                const unsigned char *opt = hdr + 24;
                WORD subsystem = (WORD)(opt[68] | opt[69] << 8);
                if (subsystem == 3) /* IMAGE_SUBSYSTEM_WINDOWS_CUI */
                    r = 0x4550;
                else
                    r = 0x4550 | (DWORD)opt[48] << 24 | (DWORD)opt[50] << 16;
            } else if (hdr[0] == 'N' && hdr[1] == 'E') {
                unsigned char ne[64];
                if (read_at(h, lfanew, ne, sizeof ne))
                    r = 0x454E | (DWORD)ne[0x3F] << 24 | (DWORD)ne[0x3E] << 16;
            }
        }
    }
    CloseHandle(h);
    return r;
}

DWORD_PTR WINAPI SHGetFileInfoW(LPCWSTR path, DWORD attrs, SHFILEINFOW *info, UINT size, UINT flags)
{
    if (!path || (flags & SHGFI_PIDL))
        return 0;                          /* item ID lists come from the shell namespace, which is absent */
    if (info && size < sizeof *info)
        return 0;
    if (flags & (SHGFI_ICON | SHGFI_SYSICONINDEX | SHGFI_ICONLOCATION))
        return 0;                          /* no icons without a desktop */
    if (flags & SHGFI_EXETYPE) {
        if (!(flags & SHGFI_USEFILEATTRIBUTES) && GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES)
            return 0;
        return exe_type(path);
    }
    DWORD a = attrs;
    if (!(flags & SHGFI_USEFILEATTRIBUTES)) {
        a = GetFileAttributesW(path);
        if (a == INVALID_FILE_ATTRIBUTES)
            return 0;
    }
    if (!info)
        return (flags & (SHGFI_DISPLAYNAME | SHGFI_TYPENAME | SHGFI_ATTRIBUTES)) ? 0 : 1;
    if (flags & SHGFI_ATTRIBUTES) {
        DWORD s = SFGAO_CANCOPY | SFGAO_CANMOVE | SFGAO_CANLINK | SFGAO_CANRENAME | SFGAO_CANDELETE |
                  SFGAO_HASPROPSHEET | SFGAO_FILESYSTEM;
        if (a & FILE_ATTRIBUTE_DIRECTORY)
            s |= SFGAO_FOLDER | SFGAO_FILESYSANCESTOR | SFGAO_HASSUBFOLDER;
        if (a & FILE_ATTRIBUTE_READONLY)
            s |= SFGAO_READONLY;
        if (a & FILE_ATTRIBUTE_HIDDEN)
            s |= SFGAO_HIDDEN;
        info->dwAttributes = s;
    }
    if (flags & SHGFI_DISPLAYNAME) {
        const WCHAR *name = last_component(path);
        size_t l = RtlpWcslen(name);
        if (!l) {
            name = path;
            l = RtlpWcslen(path);
        }
        if (l >= MAX_PATH)
            l = MAX_PATH - 1;
        memcpy(info->szDisplayName, name, l * sizeof(WCHAR));
        info->szDisplayName[l] = 0;
    }
    if (flags & SHGFI_TYPENAME) {
        /* Without associations in the registry a type is named after its extension, as Windows names an
         * unregistered one ("TXT File"); a directory is a "File folder". */
        const WCHAR *name = last_component(path), *dot = NULL;
        for (const WCHAR *p = name; *p; p++)
            if (*p == '.')
                dot = p;
        WCHAR *t = info->szTypeName;
        size_t n = 0;
        if (a & FILE_ATTRIBUTE_DIRECTORY) {
            static const WCHAR folder[] = u"File folder";
            memcpy(t, folder, sizeof folder);
        } else {
            if (dot)
                for (const WCHAR *p = dot + 1; *p && n < 60; p++)
                    t[n++] = RtlUpcaseUnicodeChar(*p);
            static const WCHAR file[] = u" File";
            if (!n)
                memcpy(t, u"File", sizeof u"File");
            else
                memcpy(t + n, file, sizeof file);
        }
    }
    return 1;
}

DWORD_PTR WINAPI SHGetFileInfoA(LPCSTR path, DWORD attrs, SHFILEINFOA *info, UINT size, UINT flags)
{
    WCHAR wpath[MAX_PATH];
    if (!path || (flags & SHGFI_PIDL))
        return 0;
    if (info && size < sizeof *info)
        return 0;
    if (!MultiByteToWideChar(CP_ACP, 0, path, -1, wpath, MAX_PATH))
        return 0;
    SHFILEINFOW w;
    memset(&w, 0, sizeof w);
    DWORD_PTR r = SHGetFileInfoW(wpath, attrs, info ? &w : NULL, sizeof w, flags);
    if (info && r && !(flags & SHGFI_EXETYPE)) {
        info->hIcon = w.hIcon;
        info->iIcon = w.iIcon;
        info->dwAttributes = w.dwAttributes;
        WideCharToMultiByte(CP_ACP, 0, w.szDisplayName, -1, info->szDisplayName, MAX_PATH, NULL, NULL);
        WideCharToMultiByte(CP_ACP, 0, w.szTypeName, -1, info->szTypeName, 80, NULL, NULL);
    }
    return r;
}

/* No window to show the folder dialog in: NULL, the answer of a cancelled dialog. */
void *WINAPI SHBrowseForFolderW(void *bi)
{
    (void)bi;
    return NULL;
}

void *WINAPI SHBrowseForFolderA(void *bi)
{
    (void)bi;
    return NULL;
}

/* No icons can be made without a desktop. A file that is neither a program, a DLL nor an icon file gives
 * (HICON)1, as Microsoft's ExtractIcon page says; any other gives NULL, the answer for a file without icons
 * (with index -1, the count, that is 0 icons). */
HICON WINAPI ExtractIconW(HANDLE inst, LPCWSTR file, UINT index)
{
    (void)inst;
    (void)index;
    if (!file)
        return NULL;
    HANDLE h = CreateFileW(file, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    unsigned char head[4] = {0};
    BOOL ok = read_at(h, 0, head, sizeof head);
    CloseHandle(h);
    BOOL image = ok && head[0] == 'M' && head[1] == 'Z';
    BOOL icon = ok && !head[0] && !head[1] && head[2] == 1 && !head[3];
    return image || icon ? NULL : (HICON)1;
}

HICON WINAPI ExtractIconA(HANDLE inst, LPCSTR file, UINT index)
{
    WCHAR w[MAX_PATH];
    if (!file || !MultiByteToWideChar(CP_ACP, 0, file, -1, w, MAX_PATH))
        return NULL;
    return ExtractIconW(inst, w, index);
}

UINT WINAPI ExtractIconExW(LPCWSTR file, int index, HICON *large, HICON *small, UINT n)
{
    (void)file;
    (void)index;
    (void)large;
    (void)small;
    (void)n;
    return 0;
}

UINT WINAPI ExtractIconExA(LPCSTR file, int index, HICON *large, HICON *small, UINT n)
{
    (void)file;
    return ExtractIconExW(NULL, index, large, small, n);
}
