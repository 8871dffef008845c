/*
 * Path names and small file helpers: the Windows directories, GetLongPathName/GetShortPathName,
 * GetTempFileName, DOS dates, SetVolumeLabel and the IsBad*Ptr probes.
 */
#include <string.h>

#include "win32/k32.h"

/* ---- the Windows directories ------------------------------------------------------------------------------ */

/* C:\Windows, the directory KUSER_SHARED_DATA.NtSystemRoot names (GetSystemDirectory is C:\Windows\system32). */
static const char windows_directory[] = "C:\\Windows";

static UINT put_ascii_w(const char *s, LPWSTR buffer, UINT size)
{
    UINT len = (UINT)strlen(s);
    if (!buffer || size <= len)
        return len + 1;
    for (UINT i = 0; i <= len; i++)
        buffer[i] = (WCHAR)s[i];
    return len;
}

static UINT put_ascii_a(const char *s, LPSTR buffer, UINT size)
{
    UINT len = (UINT)strlen(s);
    if (!buffer || size <= len)
        return len + 1;
    memcpy(buffer, s, len + 1);
    return len;
}

UINT WINAPI GetWindowsDirectoryW(LPWSTR buffer, UINT size)
{
    return put_ascii_w(windows_directory, buffer, size);
}

UINT WINAPI GetWindowsDirectoryA(LPSTR buffer, UINT size)
{
    return put_ascii_a(windows_directory, buffer, size);
}

/* One user per machine here, so the shared Windows directory is the Windows directory (as outside Terminal
 * Services). */
UINT WINAPI GetSystemWindowsDirectoryW(LPWSTR buffer, UINT size)
{
    return put_ascii_w(windows_directory, buffer, size);
}

UINT WINAPI GetSystemWindowsDirectoryA(LPSTR buffer, UINT size)
{
    return put_ascii_a(windows_directory, buffer, size);
}

/* ntexec runs x64 images only (no WOW64 layer), so there is no SysWOW64: the function fails as Microsoft
 * documents it failing on a system without WOW64, with ERROR_CALL_NOT_IMPLEMENTED. */
UINT WINAPI GetSystemWow64DirectoryW(LPWSTR buffer, UINT size)
{
    (void)buffer;
    (void)size;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return 0;
}

UINT WINAPI GetSystemWow64DirectoryA(LPSTR buffer, UINT size)
{
    (void)buffer;
    (void)size;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return 0;
}

/* ---- long and short names --------------------------------------------------------------------------------- */

static bool is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

/* Length of the part of path no component lookup applies to: "C:\", "C:", "\\server\share\", "\\?\C:\",
 * a leading "\" or nothing. */
static size_t root_length(const WCHAR *p)
{
    size_t i = 0;
    if (p[0] == '\\' && p[1] == '\\' && (p[2] == '?' || p[2] == '.') && p[3] == '\\')
        i = 4;
    else if (is_sep(p[0]) && is_sep(p[1])) {
        i = 2;
        for (int parts = 0; parts < 2 && p[i]; parts++) {
            while (p[i] && !is_sep(p[i]))
                i++;
            if (p[i])
                i++;
        }
        return i;
    }
    if (p[i] && p[i + 1] == ':') {
        i += 2;
        if (is_sep(p[i]))
            i++;
        return i;
    }
    return is_sep(p[i]) ? i + 1 : i;
}

/*
 * Rewrites each component of path as the directory lists it (its on-disk spelling), checking that every
 * component exists, as GetLongPathName does. Host volumes have no 8.3 names, so the long name is also the
 * short one: on an NTFS volume with short names disabled GetShortPathName returns the long names too
 * (cAlternateFileName is empty there). Returns the length, or 0 with the last error set.
 */
static DWORD expand_path(LPCWSTR path, LPWSTR out, DWORD size)
{
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!*path) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return 0;
    }
    size_t len = 0;
    while (path[len])
        len++;
    size_t cap = len + MAX_PATH + 2;
    WCHAR *work = RtlAllocateHeap(RtlGetProcessHeap(), 0, cap * sizeof(WCHAR));
    if (!work) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    size_t r = root_length(path), n = r;
    memcpy(work, path, r * sizeof(WCHAR));
    DWORD result = 0;
    for (size_t i = r; i < len;) {
        size_t start = i;
        while (i < len && !is_sep(path[i]))
            i++;
        size_t clen = i - start;
        bool dots = (clen == 1 && path[start] == '.') || (clen == 2 && path[start] == '.' && path[start + 1] == '.');
        for (size_t k = start; k < i; k++)
            if (path[k] == '*' || path[k] == '?') {
                SetLastError(ERROR_INVALID_NAME);
                goto out;
            }
        if (clen && !dots) {
            memcpy(work + n, path + start, clen * sizeof(WCHAR));
            work[n + clen] = 0;
            WIN32_FIND_DATAW fd;
            HANDLE find = FindFirstFileW(work, &fd);
            if (find == INVALID_HANDLE_VALUE)
                goto out;   /* a missing directory too is ERROR_FILE_NOT_FOUND: each name is looked up alone */
            FindClose(find);
            size_t flen = 0;
            while (fd.cFileName[flen])
                flen++;
            if (n + flen + 2 > cap) {
                SetLastError(ERROR_FILENAME_EXCED_RANGE);
                goto out;
            }
            memcpy(work + n, fd.cFileName, flen * sizeof(WCHAR));
            n += flen;
        } else {
            memcpy(work + n, path + start, clen * sizeof(WCHAR));
            n += clen;
        }
        while (i < len && is_sep(path[i]))
            work[n++] = path[i++];
    }
    work[n] = 0;
    if (!out || size <= n)
        result = (DWORD)n + 1;
    else {
        memcpy(out, work, (n + 1) * sizeof(WCHAR));
        result = (DWORD)n;
    }
out:
    RtlFreeHeap(RtlGetProcessHeap(), 0, work);
    return result;
}

DWORD WINAPI GetLongPathNameW(LPCWSTR path, LPWSTR out, DWORD size)
{
    return expand_path(path, out, size);
}

DWORD WINAPI GetShortPathNameW(LPCWSTR path, LPWSTR out, DWORD size)
{
    return expand_path(path, out, size);
}

static DWORD expand_path_a(LPCSTR path, LPSTR out, DWORD size)
{
    BOOL ok;
    WCHAR *w = BaseAnsiToWide(path, &ok);
    if (!ok)
        return 0;
    DWORD need = expand_path(w, NULL, 0), result = 0;
    WCHAR *wout = need ? RtlAllocateHeap(RtlGetProcessHeap(), 0, need * sizeof(WCHAR)) : NULL;
    if (wout) {
        DWORD n = expand_path(w, wout, need);
        if (n)
            result = BaseWideResultToAnsi(wout, n, out, size);
        RtlFreeHeap(RtlGetProcessHeap(), 0, wout);
    } else if (need)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    BaseFreeWide(w);
    return result;
}

DWORD WINAPI GetLongPathNameA(LPCSTR path, LPSTR out, DWORD size)
{
    return expand_path_a(path, out, size);
}

DWORD WINAPI GetShortPathNameA(LPCSTR path, LPSTR out, DWORD size)
{
    return expand_path_a(path, out, size);
}

/* ---- GetTempFileName -------------------------------------------------------------------------------------- */

DWORD WINAPI GetTickCount(void);

/*
 * <path>\<up to 3 prefix characters><4 hex digits>.tmp. With unique != 0 only the name is made; with 0 the
 * function tries numbers from a clock-derived start until CREATE_NEW succeeds, and returns the number used.
 * The buffer must hold MAX_PATH characters.
 */
UINT WINAPI GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR out)
{
    if (!path || !out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t n = 0;
    while (path[n])
        n++;
    if (n + (n && !is_sep(path[n - 1])) + 3 + 4 + 4 + 1 > MAX_PATH) {
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return 0;
    }
    DWORD attributes = GetFileAttributesW(n ? path : u".");
    if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        SetLastError(ERROR_DIRECTORY);
        return 0;
    }
    memmove(out, path, n * sizeof(WCHAR));
    if (n && !is_sep(out[n - 1]))
        out[n++] = '\\';
    for (int i = 0; prefix && i < 3 && prefix[i]; i++)
        out[n++] = prefix[i];
    WCHAR *digits = out + n;
    static const WCHAR tmp[] = u".tmp";
    /* only the low 16 bits of the caller's number name the file, and they are what is returned */
    unique &= 0xFFFF;
    UINT number = unique ? unique : (GetTickCount() & 0xFFFF) | 1;
    for (UINT tries = 0; tries < 0x10000; tries++) {
        static const char hex[] = "0123456789ABCDEF";
        UINT v = number & 0xFFFF;
        for (int d = 3; d >= 0; d--, v >>= 4)
            digits[d] = (WCHAR)hex[v & 15];
        memcpy(digits + 4, tmp, sizeof tmp);
        if (unique)
            return unique;
        HANDLE h = CreateFileW(out, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            CloseHandle(h);
            return number;
        }
        DWORD error = GetLastError();
        if (error != ERROR_FILE_EXISTS && error != ERROR_ACCESS_DENIED && error != ERROR_SHARING_VIOLATION)
            return 0;
        number = (number & 0xFFFF) == 0xFFFF ? 1 : number + 1;
    }
    SetLastError(ERROR_FILE_EXISTS);
    return 0;
}

UINT WINAPI GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR out)
{
    BOOL ok1, ok2;
    WCHAR *wpath = BaseAnsiToWide(path, &ok1), *wprefix = BaseAnsiToWide(prefix, &ok2);
    WCHAR w[MAX_PATH];
    UINT r = 0;
    if (ok1 && ok2 && (r = GetTempFileNameW(wpath, wprefix, unique, w))) {
        size_t len = 0;
        while (w[len])
            len++;
        if (BaseWideResultToAnsi(w, len, out, MAX_PATH) > MAX_PATH - 1) {
            SetLastError(ERROR_BUFFER_OVERFLOW);
            r = 0;
        }
    }
    BaseFreeWide(wpath);
    BaseFreeWide(wprefix);
    return r;
}

/* ---- DOS dates ---------------------------------------------------------------------------------------------- */

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *st, LPFILETIME ft);
BOOL WINAPI FileTimeToSystemTime(const FILETIME *ft, LPSYSTEMTIME st);

/* The FAT date and time fields (no time zone: the caller's FILETIME is as local or UTC as the fields were).
 * Years 1980..2107, two-second resolution. */
BOOL WINAPI DosDateTimeToFileTime(WORD date, WORD time, LPFILETIME ft)
{
    SYSTEMTIME st = {
        .wYear = (WORD)(1980 + (date >> 9)),
        .wMonth = (WORD)((date >> 5) & 15),
        .wDay = (WORD)(date & 31),
        .wHour = (WORD)(time >> 11),
        .wMinute = (WORD)((time >> 5) & 63),
        .wSecond = (WORD)((time & 31) * 2),
    };
    return SystemTimeToFileTime(&st, ft);
}

BOOL WINAPI FileTimeToDosDateTime(const FILETIME *ft, WORD * date, WORD * time)
{
    SYSTEMTIME st;
    if (!FileTimeToSystemTime(ft, &st))
        return FALSE;
    if (st.wYear < 1980 || st.wYear > 2107) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (date)
        *date = (WORD)((st.wYear - 1980) << 9 | st.wMonth << 5 | st.wDay);
    if (time)
        *time = (WORD)(st.wHour << 11 | st.wMinute << 5 | st.wSecond / 2);
    return TRUE;
}

/* ---- volume labels ---------------------------------------------------------------------------------------- */

/*
 * Host file systems carry no Windows volume label that ntexec may change, so the volume refuses the label
 * as a read-only or label-less volume does: ERROR_ACCESS_DENIED for an existing root, the path errors of
 * the root otherwise (checked first, as SetVolumeLabel opens the root before writing).
 */
BOOL WINAPI SetVolumeLabelW(LPCWSTR root, LPCWSTR label)
{
    (void)label;
    WCHAR dir[MAX_PATH + 1];
    if (root) {
        size_t n = 0;
        while (root[n] && n < MAX_PATH)
            n++;
        /* a drive root "X:\" or a share root "\\server\share\"; any other directory is not a volume */
        if (n == 0 || n >= MAX_PATH || !is_sep(root[n - 1]) || root_length(root) != n ||
            !(n == 3 || is_sep(root[0]))) {
            SetLastError(ERROR_INVALID_NAME);
            return FALSE;
        }
        memcpy(dir, root, (n + 1) * sizeof(WCHAR));
    } else if (!GetCurrentDirectoryW(ARRAY_SIZE(dir), dir)) {
        return FALSE;
    }
    DWORD attributes = GetFileAttributesW(dir);
    if (attributes == INVALID_FILE_ATTRIBUTES)
        return FALSE;
    SetLastError(ERROR_ACCESS_DENIED);
    return FALSE;
}

BOOL WINAPI SetVolumeLabelA(LPCSTR root, LPCSTR label)
{
    BOOL ok1, ok2;
    WCHAR *wr = BaseAnsiToWide(root, &ok1), *wl = BaseAnsiToWide(label, &ok2);
    BOOL r = ok1 && ok2 && SetVolumeLabelW(wr, wl);
    BaseFreeWide(wr);
    BaseFreeWide(wl);
    return r;
}

/* ---- IsBad*Ptr: VirtualQuery, no exception ---------------------------------------------------------------- */

SIZE_T WINAPI VirtualQuery(LPCVOID address, MEMORY_BASIC_INFORMATION *info, SIZE_T length);

#define PAGE_READ_ANY  (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ | \
                        PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)
#define PAGE_WRITE_ANY (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)

/* Is every byte of [p, p + size) committed with one of the protections in mask (and no guard page)? */
static bool range_ok(const void *p, ULONG_PTR size, DWORD mask)
{
    ULONG_PTR a = (ULONG_PTR)p, end = a + size;
    if (end < a)
        return false;
    while (a < end) {
        MEMORY_BASIC_INFORMATION mbi;
        if (!VirtualQuery((LPCVOID)a, &mbi, sizeof mbi) || mbi.State != MEM_COMMIT || (mbi.Protect & PAGE_GUARD) ||
            !(mbi.Protect & mask))
            return false;
        a = (ULONG_PTR)mbi.BaseAddress + mbi.RegionSize;
    }
    return true;
}

BOOL WINAPI IsBadReadPtr(LPCVOID p, ULONG_PTR size)
{
    if (!size)
        return FALSE;
    return !p || !range_ok(p, size, PAGE_READ_ANY);
}

BOOL WINAPI IsBadWritePtr(LPVOID p, ULONG_PTR size)
{
    if (!size)
        return FALSE;
    return !p || !range_ok(p, size, PAGE_WRITE_ANY);
}

BOOL WINAPI IsBadHugeReadPtr(LPCVOID p, ULONG_PTR size)
{
    return IsBadReadPtr(p, size);
}

BOOL WINAPI IsBadHugeWritePtr(LPVOID p, ULONG_PTR size)
{
    return IsBadWritePtr(p, size);
}

BOOL WINAPI IsBadCodePtr(void *p)
{
    return !p || !range_ok(p, 1, PAGE_READ_ANY);
}

/* Readable up to the terminating NUL or max characters, whichever comes first. */
static BOOL bad_string(const BYTE *s, ULONG_PTR max, size_t unit)
{
    if (!s)
        return TRUE;
    for (ULONG_PTR i = 0; i < max; i++) {
        const BYTE *c = s + i * unit;
        if (((ULONG_PTR)c & 0xFFF) == 0 || i == 0) {
            if (!range_ok(c, unit, PAGE_READ_ANY))
                return TRUE;
        }
        if (unit == 1 ? *c == 0 : *(const WCHAR *)c == 0)
            return FALSE;
    }
    return FALSE;
}

BOOL WINAPI IsBadStringPtrA(LPCSTR s, ULONG_PTR max)
{
    return bad_string((const BYTE *)s, max, 1);
}

BOOL WINAPI IsBadStringPtrW(LPCWSTR s, ULONG_PTR max)
{
    return bad_string((const BYTE *)s, max, 2);
}

/* ---- symbolic links ----------------------------------------------------------------------------------------- */

#define SYMBOLIC_LINK_FLAG_DIRECTORY                 0x1
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2

/*
 * Creating a symbolic link takes SeCreateSymbolicLinkPrivilege, or Developer Mode together with
 * SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE. ntexec's user holds neither (and its I/O layer has no
 * reparse points to store one in), so the call fails as it fails for a standard user on Windows:
 * ERROR_PRIVILEGE_NOT_HELD, after the argument checks.
 */
BOOLEAN WINAPI CreateSymbolicLinkW(LPCWSTR link, LPCWSTR target, DWORD flags)
{
    if (!link || !target || !*link || !*target ||
        (flags & ~(DWORD)(SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SetLastError(ERROR_PRIVILEGE_NOT_HELD);
    return FALSE;
}

BOOLEAN WINAPI CreateSymbolicLinkA(LPCSTR link, LPCSTR target, DWORD flags)
{
    BOOL ok1, ok2;
    WCHAR *wl = BaseAnsiToWide(link, &ok1), *wt = BaseAnsiToWide(target, &ok2);
    BOOLEAN r = ok1 && ok2 && CreateSymbolicLinkW(wl, wt, flags);
    BaseFreeWide(wl);
    BaseFreeWide(wt);
    return r;
}
