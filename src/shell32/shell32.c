/*
 * shell32.dll: what console programs take from it.
 * - CommandLineToArgvW, the command-line splitter of the Windows shell (the msvcrt rules for arguments,
 *   its own rule for the program name: RtlpSplitCommandLine's RTLP_ARGS_SHELL32). An empty command line
 *   gives the program's own path, as Windows does. The array and its strings are one LocalAlloc block,
 *   freed with LocalFree.
 * - The special folders (SHGetFolderPath, SHGetSpecialFolderPath, SHGetKnownFolderPath): the user's
 *   folders under %USERPROFILE% (ntexec sets it to the DOS form of $HOME), %APPDATA% and %LOCALAPPDATA%
 *   when set, else their Windows places under the profile; the system folders from %SystemRoot%,
 *   %ProgramFiles% and %ProgramData% when set, else C:\Windows, C:\Program Files, C:\ProgramData.
 *   Virtual folders (Control Panel, Network, ...) have no path: E_INVALIDARG, as for an unknown id.
 * - SHCreateDirectoryExW, with the intermediate directories.
 * - ShellExecuteExW/ShellExecuteW/FindExecutableW for programs: a file whose extension is in %PATHEXT%
 *   (or .exe) is started with CreateProcessW. Documents would be opened by the program their type is
 *   associated with in the registry; ntexec has no associations, so they fail with SE_ERR_NOASSOC and
 *   ERROR_NO_ASSOCIATION, as Windows does for a type without one.
 */
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "ntdll/rtl/rtl.h"
#include "win32/k32.h"

HANDLE WINAPI LocalAlloc(UINT flags, SIZE_T size);

LPWSTR *WINAPI CommandLineToArgvW(LPCWSTR cmd, int *argc)
{
    if (!argc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    WCHAR self[MAX_PATH * 2];
    if (!cmd || !*cmd) {
        DWORD n = GetModuleFileNameW(NULL, self, ARRAY_SIZE(self));
        if (!n || n >= ARRAY_SIZE(self))
            return NULL;
        LPWSTR *argv = LocalAlloc(0, 2 * sizeof(LPWSTR) + (n + 1) * sizeof(WCHAR));
        if (!argv)
            return NULL;
        argv[0] = (LPWSTR)(argv + 2);
        argv[1] = NULL;
        memcpy(argv[0], self, (n + 1) * sizeof(WCHAR));
        *argc = 1;
        return argv;
    }
    int n;
    size_t chars;
    RtlpSplitCommandLine(cmd, RTLP_ARGS_SHELL32, NULL, NULL, &n, &chars);
    LPWSTR *argv = LocalAlloc(0, (size_t)(n + 1) * sizeof(LPWSTR) + chars * sizeof(WCHAR));
    if (!argv)
        return NULL;
    RtlpSplitCommandLine(cmd, RTLP_ARGS_SHELL32, argv, (WCHAR *)(argv + n + 1), &n, &chars);
    *argc = n;
    return argv;
}

typedef LONG HRESULT;
typedef void *HWND;
#define S_OK           ((HRESULT)0)
#define S_FALSE        ((HRESULT)1)
#define E_INVALIDARG   ((HRESULT)0x80070057)
#define E_OUTOFMEMORY  ((HRESULT)0x8007000E)
#define E_NOTIMPL      ((HRESULT)0x80004001)
#define HRESULT_FROM_WIN32(e) ((HRESULT)((e) ? ((e) & 0xFFFF) | 0x80070000u : 0))

#define CSIDL_FLAG_DONT_VERIFY 0x4000
#define CSIDL_FLAG_CREATE      0x8000
#define CSIDL_FLAG_MASK        0xFF00

DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR value, DWORD size);
UINT WINAPI GetSystemDirectoryW(LPWSTR buffer, UINT size);
DWORD WINAPI SearchPathW(LPCWSTR path, LPCWSTR name, LPCWSTR ext, DWORD size, LPWSTR out, LPWSTR *file_part);

enum folder_base { B_PROFILE, B_APPDATA, B_LOCALAPPDATA, B_WINDOWS, B_SYSTEM, B_PROGRAMFILES, B_PROGRAMFILESX86,
                   B_PROGRAMDATA, B_PUBLIC };

struct folder {
    int csidl;                 /* -1: a known folder without a CSIDL */
    GUID id;
    enum folder_base base;
    const WCHAR *sub;          /* below the base, or NULL */
};

static const struct folder folders[] = {
    {0x00, {0xb4bfcc3a, 0xdb2c, 0x424c, {0xb0, 0x29, 0x7f, 0xe9, 0x9a, 0x87, 0xc6, 0x41}}, B_PROFILE, u"Desktop"},
    {0x10, {0xb4bfcc3a, 0xdb2c, 0x424c, {0xb0, 0x29, 0x7f, 0xe9, 0x9a, 0x87, 0xc6, 0x41}}, B_PROFILE, u"Desktop"},
    {0x05, {0xfdd39ad0, 0x238f, 0x46af, {0xad, 0xb4, 0x6c, 0x85, 0x48, 0x03, 0x69, 0xc7}}, B_PROFILE, u"Documents"},
    {0x0d, {0x4bd8d571, 0x6d19, 0x48d3, {0xbe, 0x97, 0x42, 0x22, 0x20, 0x08, 0x0e, 0x43}}, B_PROFILE, u"Music"},
    {0x0e, {0x18989b1d, 0x99b5, 0x455b, {0x84, 0x1c, 0xab, 0x7c, 0x74, 0xe4, 0xdd, 0xfc}}, B_PROFILE, u"Videos"},
    {0x27, {0x33e28130, 0x4e1e, 0x4676, {0x83, 0x5a, 0x98, 0x39, 0x5c, 0x3b, 0xc3, 0xbb}}, B_PROFILE, u"Pictures"},
    {0x1a, {0x3eb685db, 0x65f9, 0x4cf6, {0xa0, 0x3a, 0xe3, 0xef, 0x65, 0x72, 0x9f, 0x3d}}, B_APPDATA, NULL},
    {0x1c, {0xf1b32785, 0x6fba, 0x4fcf, {0x9d, 0x55, 0x7b, 0x8e, 0x7f, 0x15, 0x70, 0x91}}, B_LOCALAPPDATA, NULL},
    {-1, {0xa520a1a4, 0x1780, 0x4ff6, {0xbd, 0x18, 0x16, 0x73, 0x43, 0xc5, 0xaf, 0x16}}, B_PROFILE, u"AppData\\LocalLow"},
    {-1, {0x374de290, 0x123f, 0x4565, {0x91, 0x64, 0x39, 0xc4, 0x92, 0x5e, 0x46, 0x7b}}, B_PROFILE, u"Downloads"},
    {0x28, {0x5e6c858f, 0x0e22, 0x4760, {0x9a, 0xfe, 0xea, 0x33, 0x17, 0xb6, 0x71, 0x73}}, B_PROFILE, NULL},
    {0x24, {0xf38bf404, 0x1d43, 0x42f2, {0x93, 0x05, 0x67, 0xde, 0x0b, 0x28, 0xfc, 0x23}}, B_WINDOWS, NULL},
    {0x25, {0x1ac14e77, 0x02e7, 0x4e5d, {0xb7, 0x44, 0x2e, 0xb1, 0xae, 0x51, 0x98, 0xb7}}, B_SYSTEM, NULL},
    {0x14, {0xfd228cb7, 0xae11, 0x4ae3, {0x86, 0x4c, 0x16, 0xf3, 0x91, 0x0a, 0xb8, 0xfe}}, B_WINDOWS, u"Fonts"},
    {0x26, {0x905e63b6, 0xc1bf, 0x494e, {0xb2, 0x9c, 0x65, 0xb7, 0x32, 0xd3, 0xd2, 0x1a}}, B_PROGRAMFILES, NULL},
    {0x2a, {0x7c5a40ef, 0xa0fb, 0x4bfc, {0x87, 0x4a, 0xc0, 0xf2, 0xe0, 0xb9, 0xfa, 0x8e}}, B_PROGRAMFILESX86, NULL},
    {0x2b, {0xf7f1ed05, 0x9f6d, 0x47a2, {0xaa, 0xae, 0x29, 0xd3, 0x17, 0xc6, 0xf0, 0x66}}, B_PROGRAMFILES,
     u"Common Files"},
    {0x23, {0x62ab5d82, 0xfdc1, 0x4dc3, {0xa9, 0xdd, 0x07, 0x0d, 0x1d, 0x49, 0x5d, 0x97}}, B_PROGRAMDATA, NULL},
    {0x2e, {0xed4824af, 0xdce4, 0x45a8, {0x81, 0xe2, 0xfc, 0x79, 0x65, 0x08, 0x36, 0x34}}, B_PUBLIC, u"Documents"},
};

/* name's value, else fallback (NULL: none), into buf of MAX_PATH characters; FALSE when neither fits. */
static BOOL env_or(LPCWSTR name, LPCWSTR fallback, WCHAR *buf)
{
    DWORD n = GetEnvironmentVariableW(name, buf, MAX_PATH);
    if (n && n < MAX_PATH)
        return TRUE;
    if (!fallback)
        return FALSE;
    size_t l = RtlpWcslen(fallback);
    if (l >= MAX_PATH)
        return FALSE;
    memcpy(buf, fallback, (l + 1) * sizeof(WCHAR));
    return TRUE;
}

static BOOL append(WCHAR *buf, const WCHAR *sub)
{
    size_t n = RtlpWcslen(buf), l = RtlpWcslen(sub);
    if (n + 1 + l >= MAX_PATH)
        return FALSE;
    if (n && buf[n - 1] != '\\')
        buf[n++] = '\\';
    memcpy(buf + n, sub, (l + 1) * sizeof(WCHAR));
    return TRUE;
}

static BOOL base_path(enum folder_base base, WCHAR *buf)
{
    switch (base) {
    case B_PROFILE: return env_or(u"USERPROFILE", NULL, buf);
    case B_APPDATA:
        return env_or(u"APPDATA", NULL, buf) || (env_or(u"USERPROFILE", NULL, buf) && append(buf, u"AppData\\Roaming"));
    case B_LOCALAPPDATA:
        return env_or(u"LOCALAPPDATA", NULL, buf) ||
               (env_or(u"USERPROFILE", NULL, buf) && append(buf, u"AppData\\Local"));
    case B_WINDOWS: return env_or(u"SystemRoot", u"C:\\Windows", buf);
    case B_SYSTEM: {
        UINT n = GetSystemDirectoryW(buf, MAX_PATH);
        return n && n < MAX_PATH;
    }
    case B_PROGRAMFILES: return env_or(u"ProgramFiles", u"C:\\Program Files", buf);
    case B_PROGRAMFILESX86: return env_or(u"ProgramFiles(x86)", u"C:\\Program Files (x86)", buf);
    case B_PROGRAMDATA: return env_or(u"ProgramData", u"C:\\ProgramData", buf);
    case B_PUBLIC: return env_or(u"PUBLIC", u"C:\\Users\\Public", buf);
    }
    return FALSE;
}

/* Creates path and its missing parents: a Win32 error. */
static DWORD create_tree(const WCHAR *path)
{
    if (CreateDirectoryW(path, NULL))
        return ERROR_SUCCESS;
    DWORD err = GetLastError();
    if (err != ERROR_PATH_NOT_FOUND && err != ERROR_FILE_NOT_FOUND)
        return err;
    WCHAR parent[MAX_PATH];
    size_t n = RtlpWcslen(path);
    if (n >= MAX_PATH)
        return ERROR_FILENAME_EXCED_RANGE;
    memcpy(parent, path, (n + 1) * sizeof(WCHAR));
    while (n && parent[n - 1] != '\\' && parent[n - 1] != '/')
        n--;
    while (n && (parent[n - 1] == '\\' || parent[n - 1] == '/'))
        n--;
    if (!n || (n == 2 && parent[1] == ':'))
        return err;                           /* the root itself is missing */
    parent[n] = 0;
    DWORD perr = create_tree(parent);
    if (perr != ERROR_SUCCESS && perr != ERROR_ALREADY_EXISTS)
        return perr;
    return CreateDirectoryW(path, NULL) ? ERROR_SUCCESS : GetLastError();
}

/* The folder's path into buf (MAX_PATH): S_OK; with verification (no CSIDL_FLAG_DONT_VERIFY) a missing
 * folder is created with CSIDL_FLAG_CREATE, else HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) with the path
 * still returned (as Wine's shell32 does). */
static HRESULT folder_path(const struct folder *f, DWORD flags, WCHAR *buf)
{
    buf[0] = 0;
    if (!base_path(f->base, buf) || (f->sub && !append(buf, f->sub))) {
        buf[0] = 0;
        return E_INVALIDARG;
    }
    /* The Windows directory and System32 exist on every system (ntexec shows System32 virtually). */
    if ((flags & CSIDL_FLAG_DONT_VERIFY) || f->base == B_WINDOWS || f->base == B_SYSTEM)
        return S_OK;
    DWORD a = GetFileAttributesW(buf);
    if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY))
        return S_OK;
    if (!(flags & CSIDL_FLAG_CREATE))
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    DWORD err = create_tree(buf);
    return err == ERROR_SUCCESS || err == ERROR_ALREADY_EXISTS ? S_OK : HRESULT_FROM_WIN32(err);
}

static const struct folder *folder_by_csidl(int csidl)
{
    for (size_t i = 0; i < ARRAY_SIZE(folders); i++)
        if (folders[i].csidl == csidl)
            return &folders[i];
    return NULL;
}

HRESULT WINAPI SHGetFolderPathW(HWND hwnd, int csidl, HANDLE token, DWORD flags, LPWSTR path)
{
    (void)hwnd;
    (void)flags;   /* SHGFP_TYPE_CURRENT and _DEFAULT: no folder is redirected, both give the same path */
    if (!path)
        return E_INVALIDARG;
    path[0] = 0;
    if (token && token != (HANDLE)(LONG_PTR)-1)
        return E_NOTIMPL;   /* another user's folders: no other user profiles here */
    const struct folder *f = folder_by_csidl(csidl & ~CSIDL_FLAG_MASK);
    if (!f)
        return E_INVALIDARG;
    return folder_path(f, (DWORD)csidl & CSIDL_FLAG_MASK, path);
}

HRESULT WINAPI SHGetFolderPathA(HWND hwnd, int csidl, HANDLE token, DWORD flags, LPSTR path)
{
    WCHAR w[MAX_PATH];
    if (!path)
        return E_INVALIDARG;
    HRESULT hr = SHGetFolderPathW(hwnd, csidl, token, flags, w);
    path[0] = 0;
    if (w[0]) {
        char *u = RtlpWideToUtf8Alloc(w, RtlpWcslen(w));
        if (u && strlen(u) < MAX_PATH)
            strcpy(path, u);
        free(u);
    }
    return hr;
}

BOOL WINAPI SHGetSpecialFolderPathW(HWND hwnd, LPWSTR path, int csidl, BOOL create)
{
    return SHGetFolderPathW(hwnd, csidl | (create ? CSIDL_FLAG_CREATE : 0), NULL, 0, path) == S_OK;
}

BOOL WINAPI SHGetSpecialFolderPathA(HWND hwnd, LPSTR path, int csidl, BOOL create)
{
    return SHGetFolderPathA(hwnd, csidl | (create ? CSIDL_FLAG_CREATE : 0), NULL, 0, path) == S_OK;
}

#define KF_FLAG_DONT_VERIFY 0x00004000
#define KF_FLAG_CREATE      0x00008000

/* *path is allocated as CoTaskMemAlloc allocates (the process heap), freed with CoTaskMemFree. */
HRESULT WINAPI SHGetKnownFolderPath(const GUID *id, DWORD flags, HANDLE token, PWSTR *path)
{
    if (!path)
        return E_INVALIDARG;
    *path = NULL;
    if (!id)
        return E_INVALIDARG;
    if (token && token != (HANDLE)(LONG_PTR)-1)
        return E_NOTIMPL;
    const struct folder *f = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(folders) && !f; i++)
        if (!memcmp(&folders[i].id, id, sizeof *id))
            f = &folders[i];
    if (!f)
        return E_INVALIDARG;   /* "a KNOWNFOLDERID that is not present on the system" */
    WCHAR buf[MAX_PATH];
    DWORD vf = (flags & KF_FLAG_DONT_VERIFY ? CSIDL_FLAG_DONT_VERIFY : 0) | (flags & KF_FLAG_CREATE ? CSIDL_FLAG_CREATE : 0);
    HRESULT hr = folder_path(f, vf, buf);
    if (hr != S_OK)
        return hr;
    size_t bytes = (RtlpWcslen(buf) + 1) * sizeof(WCHAR);
    *path = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes);
    if (!*path)
        return E_OUTOFMEMORY;
    memcpy(*path, buf, bytes);
    return S_OK;
}

/* An item id list needs the shell namespace, which ntexec does not have. */
HRESULT WINAPI SHGetFolderLocation(HWND hwnd, int csidl, HANDLE token, DWORD reserved, void **pidl)
{
    (void)hwnd;
    (void)csidl;
    (void)token;
    (void)reserved;
    if (pidl)
        *pidl = NULL;
    return E_NOTIMPL;
}

/* ERROR_SUCCESS, or the error: ERROR_BAD_PATHNAME for a relative path, ERROR_ALREADY_EXISTS when the
 * directory (or a file of that name) exists, ERROR_FILENAME_EXCED_RANGE, or CreateDirectory's error. */
int WINAPI SHCreateDirectoryExW(HWND hwnd, LPCWSTR path, const SECURITY_ATTRIBUTES *sa)
{
    (void)hwnd;
    (void)sa;
    if (!path || !*path || !(path[0] == '\\' || path[0] == '/' || (path[1] == ':' && (path[2] == '\\' || path[2] == '/')))) {
        SetLastError(ERROR_BAD_PATHNAME);
        return ERROR_BAD_PATHNAME;
    }
    if (RtlpWcslen(path) >= MAX_PATH) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return ERROR_FILENAME_EXCED_RANGE;
    }
    /* A directory or a file of that name: ERROR_ALREADY_EXISTS, before CreateDirectory is asked. */
    DWORD err = GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES ? ERROR_ALREADY_EXISTS : create_tree(path);
    SetLastError(err);
    return (int)err;
}

int WINAPI SHCreateDirectory(HWND hwnd, LPCWSTR path)
{
    return SHCreateDirectoryExW(hwnd, path, NULL);
}

/* ---- ShellExecute --------------------------------------------------------------------------------------- */

#define SE_ERR_FNF       2
#define SE_ERR_PNF       3
#define SE_ERR_ACCESSDENIED 5
#define SE_ERR_OOM       8
#define SE_ERR_NOASSOC   31
#define ERROR_NO_ASSOCIATION 1155
#define SEE_MASK_NOCLOSEPROCESS 0x00000040
#define SEE_MASK_CLASSNAME      0x00000001
#define SEE_MASK_IDLIST         0x00000004

typedef struct {
    DWORD cbSize;
    ULONG fMask;
    HWND hwnd;
    LPCWSTR lpVerb;
    LPCWSTR lpFile;
    LPCWSTR lpParameters;
    LPCWSTR lpDirectory;
    int nShow;
    HINSTANCE hInstApp;
    void *lpIDList;
    LPCWSTR lpClass;
    HANDLE hkeyClass;
    DWORD dwHotKey;
    HANDLE hIcon;
    HANDLE hProcess;
} SHELLEXECUTEINFOW;
static_assert(sizeof(SHELLEXECUTEINFOW) == 112, "SHELLEXECUTEINFOW");

static BOOL ieq(const WCHAR *a, const WCHAR *b)
{
    return !RtlCompareUnicodeStrings(a, RtlpWcslen(a), b, RtlpWcslen(b), TRUE);
}

/* An extension programs have: .exe, .com, or one of %PATHEXT% other than the scripts' (.bat/.cmd need
 * cmd.exe, whose association is the registry's). */
static BOOL is_program(const WCHAR *file)
{
    const WCHAR *dot = NULL;
    for (const WCHAR *p = file; *p; p++)
        if (*p == '.')
            dot = p;
        else if (*p == '\\' || *p == '/')
            dot = NULL;
    return !dot || ieq(dot, u".exe") || ieq(dot, u".com");
}

/* The full path of the program file found the way CreateProcess looks ("file" with ".exe" when it has no
 * extension): a Win32 error. */
static DWORD find_program(const WCHAR *file, const WCHAR *dir, WCHAR *out)
{
    WCHAR cwd[MAX_PATH * 2];
    if (dir && *dir) {
        GetCurrentDirectoryW(ARRAY_SIZE(cwd), cwd);
        if (!SetCurrentDirectoryW(dir))
            return ERROR_PATH_NOT_FOUND;
    }
    DWORD n = SearchPathW(NULL, file, u".exe", MAX_PATH, out, NULL);
    DWORD err = n && n < MAX_PATH ? ERROR_SUCCESS : GetLastError();
    if (dir && *dir)
        SetCurrentDirectoryW(cwd);
    if (err == ERROR_SUCCESS) {
        DWORD a = GetFileAttributesW(out);
        if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY))
            err = ERROR_FILE_NOT_FOUND;
    }
    return err == ERROR_SUCCESS ? err : err == ERROR_PATH_NOT_FOUND ? err : ERROR_FILE_NOT_FOUND;
}

static HINSTANCE se_code(DWORD err)
{
    switch (err) {
    case ERROR_FILE_NOT_FOUND: return (HINSTANCE)SE_ERR_FNF;
    case ERROR_PATH_NOT_FOUND: return (HINSTANCE)SE_ERR_PNF;
    case ERROR_ACCESS_DENIED: return (HINSTANCE)SE_ERR_ACCESSDENIED;
    case ERROR_NOT_ENOUGH_MEMORY: return (HINSTANCE)SE_ERR_OOM;
    case ERROR_NO_ASSOCIATION: return (HINSTANCE)SE_ERR_NOASSOC;
    case ERROR_BAD_EXE_FORMAT: return (HINSTANCE)11;   /* SE_ERR_BADFORMAT... ERROR_BAD_FORMAT's code */
    default: return (HINSTANCE)(ULONG_PTR)(err > 32 ? SE_ERR_FNF : err);
    }
}

static BOOL se_fail(SHELLEXECUTEINFOW *sei, DWORD err)
{
    sei->hInstApp = se_code(err);
    SetLastError(err);
    return FALSE;
}

BOOL WINAPI ShellExecuteExW(SHELLEXECUTEINFOW *sei)
{
    if (!sei || sei->cbSize != sizeof *sei) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    sei->hProcess = NULL;
    if (sei->fMask & (SEE_MASK_CLASSNAME | SEE_MASK_IDLIST) || !sei->lpFile || !*sei->lpFile)
        return se_fail(sei, (sei->fMask & (SEE_MASK_CLASSNAME | SEE_MASK_IDLIST)) ? ERROR_NO_ASSOCIATION
                                                                              : ERROR_FILE_NOT_FOUND);
    /* Programs have the verbs "open" (the default) and "runas"; there is no elevation, so runas runs them
     * as the user they run as. Any other verb is a registry association. */
    if (sei->lpVerb && *sei->lpVerb && !ieq(sei->lpVerb, u"open") && !ieq(sei->lpVerb, u"runas"))
        return se_fail(sei, ERROR_NO_ASSOCIATION);
    WCHAR exe[MAX_PATH];
    DWORD err = find_program(sei->lpFile, sei->lpDirectory, exe);
    if (err != ERROR_SUCCESS)
        return se_fail(sei, err);
    if (!is_program(exe))
        return se_fail(sei, ERROR_NO_ASSOCIATION);
    size_t el = RtlpWcslen(exe), pl = sei->lpParameters ? RtlpWcslen(sei->lpParameters) : 0;
    WCHAR *cmd = RtlAllocateHeap(RtlGetProcessHeap(), 0, (el + pl + 4) * sizeof(WCHAR));
    if (!cmd)
        return se_fail(sei, ERROR_NOT_ENOUGH_MEMORY);
    size_t o = 0;
    cmd[o++] = '"';
    memcpy(cmd + o, exe, el * sizeof(WCHAR));
    o += el;
    cmd[o++] = '"';
    if (pl) {
        cmd[o++] = ' ';
        memcpy(cmd + o, sei->lpParameters, pl * sizeof(WCHAR));
        o += pl;
    }
    cmd[o] = 0;
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = 1;   /* STARTF_USESHOWWINDOW */
    si.wShowWindow = (WORD)sei->nShow;
    PROCESS_INFORMATION pi;
    BOOL ok = CreateProcessW(exe, cmd, NULL, NULL, FALSE, 0, NULL,
                             sei->lpDirectory && *sei->lpDirectory ? sei->lpDirectory : NULL, &si, &pi);
    err = ok ? ERROR_SUCCESS : GetLastError();
    RtlFreeHeap(RtlGetProcessHeap(), 0, cmd);
    if (!ok)
        return se_fail(sei, err);
    CloseHandle(pi.hThread);
    if (sei->fMask & SEE_MASK_NOCLOSEPROCESS)
        sei->hProcess = pi.hProcess;
    else
        CloseHandle(pi.hProcess);
    sei->hInstApp = (HINSTANCE)33;   /* > 32: success */
    return TRUE;
}

HINSTANCE WINAPI ShellExecuteW(HWND hwnd, LPCWSTR verb, LPCWSTR file, LPCWSTR params, LPCWSTR dir, INT show)
{
    SHELLEXECUTEINFOW sei;
    memset(&sei, 0, sizeof sei);
    sei.cbSize = sizeof sei;
    sei.hwnd = hwnd;
    sei.lpVerb = verb;
    sei.lpFile = file;
    sei.lpParameters = params;
    sei.lpDirectory = dir;
    sei.nShow = show;
    ShellExecuteExW(&sei);
    return sei.hInstApp;
}

/* The program that opens file: the file itself when it is a program; documents have no association. */
HINSTANCE WINAPI FindExecutableW(LPCWSTR file, LPCWSTR dir, LPWSTR result)
{
    if (!result)
        return (HINSTANCE)SE_ERR_FNF;
    result[0] = 0;
    if (!file || !*file)
        return (HINSTANCE)SE_ERR_FNF;
    WCHAR path[MAX_PATH];
    DWORD err = find_program(file, dir, path);
    if (err != ERROR_SUCCESS)
        return se_code(err);
    if (!is_program(path))
        return (HINSTANCE)SE_ERR_NOASSOC;
    memcpy(result, path, (RtlpWcslen(path) + 1) * sizeof(WCHAR));
    return (HINSTANCE)33;
}

/* fileop.c */
void WINAPI SHFileOperationW(void);
void WINAPI SHFileOperationA(void);
void WINAPI SHGetFileInfoW(void);
void WINAPI SHGetFileInfoA(void);
void WINAPI SHBrowseForFolderW(void);
void WINAPI SHBrowseForFolderA(void);
void WINAPI ExtractIconW(void);
void WINAPI ExtractIconA(void);
void WINAPI ExtractIconExW(void);
void WINAPI ExtractIconExA(void);

static const struct builtin_export shell32_exports[] = {
    BUILTIN_FUNCTION("CommandLineToArgvW", CommandLineToArgvW),
    BUILTIN_FUNCTION("FindExecutableW", FindExecutableW),
    BUILTIN_FUNCTION("SHCreateDirectory", SHCreateDirectory),
    BUILTIN_FUNCTION("SHCreateDirectoryExW", SHCreateDirectoryExW),
    BUILTIN_FUNCTION("SHGetFolderLocation", SHGetFolderLocation),
    BUILTIN_FUNCTION("SHGetFolderPathA", SHGetFolderPathA),
    BUILTIN_FUNCTION("SHGetFolderPathW", SHGetFolderPathW),
    BUILTIN_FUNCTION("SHGetKnownFolderPath", SHGetKnownFolderPath),
    BUILTIN_FUNCTION("SHGetSpecialFolderPathA", SHGetSpecialFolderPathA),
    BUILTIN_FUNCTION("SHGetSpecialFolderPathW", SHGetSpecialFolderPathW),
    BUILTIN_FUNCTION("ShellExecuteExW", ShellExecuteExW),
    BUILTIN_FUNCTION("ShellExecuteW", ShellExecuteW),
    BUILTIN_FUNCTION("SHFileOperationW", SHFileOperationW),
    BUILTIN_FUNCTION("SHFileOperationA", SHFileOperationA),
    BUILTIN_FUNCTION("SHGetFileInfoW", SHGetFileInfoW),
    BUILTIN_FUNCTION("SHGetFileInfoA", SHGetFileInfoA),
    BUILTIN_FUNCTION("SHBrowseForFolderW", SHBrowseForFolderW),
    BUILTIN_FUNCTION("SHBrowseForFolderA", SHBrowseForFolderA),
    BUILTIN_FUNCTION("ExtractIconW", ExtractIconW),
    BUILTIN_FUNCTION("ExtractIconA", ExtractIconA),
    BUILTIN_FUNCTION("ExtractIconExW", ExtractIconExW),
    BUILTIN_FUNCTION("ExtractIconExA", ExtractIconExA),
};

static const struct builtin_dll shell32 = {
    .name = "SHELL32.dll",
    .exports = shell32_exports,
    .nexports = ARRAY_SIZE(shell32_exports),
};
BUILTIN_DLL(shell32);
