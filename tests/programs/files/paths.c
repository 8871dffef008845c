/* Path names and small file helpers: the Windows directories, GetLongPathName/GetShortPathName,
 * GetTempFileName, DOS dates, SetVolumeLabel, IsBad*Ptr, and the error codes of CreateFile's common failures.
 * Run in a scratch directory (it creates Sub\Data.txt and a few .tmp files). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(const char *what, DWORD r, const char *s)
{
    printf("%s: %lu [%s] err=%lu\n", what, (unsigned long)r, r ? s : "", (unsigned long)GetLastError());
}

static void dirs(void)
{
    char buf[MAX_PATH];
    WCHAR w[MAX_PATH];
    UINT n = GetWindowsDirectoryA(buf, sizeof buf);
    printf("GetWindowsDirectoryA: %u [%s]\n", n, buf);
    printf("GetWindowsDirectoryA(small): %u\n", GetWindowsDirectoryA(buf, 3));
    n = GetSystemWindowsDirectoryW(w, MAX_PATH);
    printf("GetSystemWindowsDirectoryW: %u [%ls]\n", n, w);
    n = GetSystemDirectoryW(w, MAX_PATH);
    printf("GetSystemDirectoryW: %u [%ls]\n", n, w);
    printf("GetSystemDirectoryW(small): %u\n", GetSystemDirectoryW(w, 5));
    n = GetSystemDirectoryA(buf, sizeof buf);
    printf("GetSystemDirectoryA: %u [%s]\n", n, buf);
    n = GetWindowsDirectoryW(w, MAX_PATH);
    printf("GetWindowsDirectoryW: %u [%ls]\n", n, w);
    printf("GetWindowsDirectoryW(NULL, 0): %u\n", GetWindowsDirectoryW(NULL, 0));
    SetLastError(0);
    n = GetSystemWow64DirectoryW(w, MAX_PATH);
    printf("GetSystemWow64DirectoryW: %u err=%lu\n", n, GetLastError());
}

static void long_short(void)
{
    char buf[MAX_PATH];
    CreateDirectoryA("Sub", NULL);
    HANDLE h = CreateFileA("Sub\\Data.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(h);
    SetLastError(0);
    DWORD n = GetLongPathNameA("Sub\\Data.txt", buf, sizeof buf);
    show("GetLongPathNameA", n, buf);
    n = GetLongPathNameA("Sub\\Data.txt", buf, 5);
    show("GetLongPathNameA(small)", n, "");
    n = GetLongPathNameA("Sub\\Data.txt", NULL, 0);
    show("GetLongPathNameA(NULL)", n, "");
    SetLastError(0);
    n = GetLongPathNameA("Sub\\missing.txt", buf, sizeof buf);
    show("GetLongPathNameA(missing file)", n, buf);
    SetLastError(0);
    n = GetLongPathNameA("Nodir\\Data.txt", buf, sizeof buf);
    show("GetLongPathNameA(missing dir)", n, buf);
    SetLastError(0);
    n = GetLongPathNameA("", buf, sizeof buf);
    show("GetLongPathNameA(empty)", n, buf);
    SetLastError(0);
    n = GetShortPathNameA("Sub\\Data.txt", buf, sizeof buf);
    show("GetShortPathNameA", n, buf);
    SetLastError(0);
    n = GetShortPathNameA("Sub\\missing.txt", buf, sizeof buf);
    show("GetShortPathNameA(missing)", n, buf);
    WCHAR w[MAX_PATH];
    n = GetLongPathNameW(L".\\Sub", w, MAX_PATH);
    printf("GetLongPathNameW: %lu [%ls]\n", n, w);
}

static void temp_names(void)
{
    char name[MAX_PATH], name2[MAX_PATH];
    SetLastError(0);
    UINT u = GetTempFileNameA(".", "prefix", 0x1234, name);
    printf("GetTempFileNameA(unique): %x [%s] exists=%d\n", u, name, GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES);
    u = GetTempFileNameA("Sub\\", "t", 0x12345, name);
    printf("GetTempFileNameA(unique, 17 bits): %x [%s]\n", u, name);
    u = GetTempFileNameA(".", "tst", 0, name);
    UINT u2 = GetTempFileNameA(".", "tst", 0, name2);
    /* the number comes from the clock, and below 0x1000 Wine's "%x" writes 3 digits: .\tstXXX(X).tmp */
    printf("GetTempFileNameA(0): nonzero=%d,%d differ=%d exists=%d,%d len 12-13=%d prefix=%d suffix=%d\n", u != 0,
           u2 != 0, strcmp(name, name2) != 0, GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES,
           GetFileAttributesA(name2) != INVALID_FILE_ATTRIBUTES, strlen(name) == 12 || strlen(name) == 13,
           !strncmp(name, ".\\tst", 5),
           !strcmp(name + strlen(name) - 4, ".tmp"));
    DeleteFileA(name);
    DeleteFileA(name2);
    SetLastError(0);
    u = GetTempFileNameA("Nodir", "tst", 0, name);
    printf("GetTempFileNameA(missing dir): %u err=%lu\n", u, GetLastError());
}

static void dos_dates(void)
{
    FILETIME ft;
    SYSTEMTIME st;
    WORD d = 0, t = 0;
    /* 2023-07-15 13:45:58 */
    BOOL ok = DosDateTimeToFileTime((43 << 9) | (7 << 5) | 15, (13 << 11) | (45 << 5) | 29, &ft);
    FileTimeToSystemTime(&ft, &st);
    printf("DosDateTimeToFileTime: %d %04u-%02u-%02u %02u:%02u:%02u\n", ok, st.wYear, st.wMonth, st.wDay, st.wHour,
           st.wMinute, st.wSecond);
    ok = FileTimeToDosDateTime(&ft, &d, &t);
    printf("FileTimeToDosDateTime: %d %04x %04x\n", ok, d, t);
    st = (SYSTEMTIME){1979, 12, 0, 31, 23, 59, 59, 0};
    SystemTimeToFileTime(&st, &ft);
    SetLastError(0);
    ok = FileTimeToDosDateTime(&ft, &d, &t);
    printf("FileTimeToDosDateTime(1979): %d err=%lu\n", ok, GetLastError());
}

/* A label set on C: outlives the process (Windows run as an administrator, Wine's prefix): when the call
 * succeeds the old label goes back, unprinted, so that no later program (k32_volume) sees this one's. */
static void volume_label(void)
{
    char old[MAX_PATH + 1] = "";
    BOOL have_old = GetVolumeInformationA("C:\\", old, sizeof old, NULL, NULL, NULL, NULL, 0);
    SetLastError(0);
    BOOL ok = SetVolumeLabelA("Sub\\", "label");
    printf("SetVolumeLabelA(not a root): %d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = SetVolumeLabelA("C:\\", "label");
    printf("SetVolumeLabelA(C:): %d err=%lu\n", ok, GetLastError());
    if (ok && have_old)
        SetVolumeLabelA("C:\\", old);
}

static void bad_ptrs(void)
{
    int local = 1;
    char *page = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old;
    VirtualProtect(page + 0x1000, 0x1000, PAGE_NOACCESS, &old);
    memset(page, 'x', 0x1000);
    char *ro = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READONLY);
    printf("IsBadReadPtr: null,1=%d null,0=%d local=%d noaccess=%d straddle=%d\n", IsBadReadPtr(NULL, 1),
           IsBadReadPtr(NULL, 0), IsBadReadPtr(&local, sizeof local), IsBadReadPtr(page + 0x1000, 1),
           IsBadReadPtr(page + 0xFFC, 8));
    printf("IsBadWritePtr: local=%d readonly=%d code=%d\n", IsBadWritePtr(&local, sizeof local), IsBadWritePtr(ro, 1),
           IsBadWritePtr((void *)bad_ptrs, 1));
    printf("IsBadCodePtr: code=%d null=%d noaccess=%d\n", IsBadCodePtr((FARPROC)bad_ptrs), IsBadCodePtr(NULL),
           IsBadCodePtr((FARPROC)(page + 0x1000)));
    page[0xFF0] = 0;
    printf("IsBadStringPtrA: str=%d null=%d null,0=%d unterminated=%d terminated=%d limited=%d\n",
           IsBadStringPtrA("abc", 100), IsBadStringPtrA(NULL, 5), IsBadStringPtrA(NULL, 0),
           IsBadStringPtrA(page + 0xFF1, 100), IsBadStringPtrA(page + 0xF00, 1000), IsBadStringPtrA(page + 0xFF1, 15));
    printf("IsBadStringPtrW: str=%d null=%d noaccess=%d\n", IsBadStringPtrW(L"abc", 100), IsBadStringPtrW(NULL, 1),
           IsBadStringPtrW((LPCWSTR)(page + 0x1000), 1));
}

static void open_errors(void)
{
    HANDLE h;
    SetLastError(0);
    h = CreateFileA("missing.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("CreateFile(missing file): %d err=%lu\n", h != INVALID_HANDLE_VALUE, GetLastError());
    h = CreateFileA("Nodir\\missing.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("CreateFile(missing dir): %d err=%lu\n", h != INVALID_HANDLE_VALUE, GetLastError());
    h = CreateFileA("Sub", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    printf("CreateFile(directory for writing): %d err=%lu\n", h != INVALID_HANDLE_VALUE, GetLastError());
    HANDLE a = CreateFileA("Sub\\Data.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    h = CreateFileA("Sub\\Data.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    printf("CreateFile(shared nothing): %d err=%lu\n", h != INVALID_HANDLE_VALUE, GetLastError());
    CloseHandle(a);
    h = CreateFileA("Sub\\Data.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    printf("CreateFile(CREATE_NEW existing): %d err=%lu\n", h != INVALID_HANDLE_VALUE, GetLastError());
}

static void symlinks(void)
{
    SetLastError(0);
    BOOLEAN ok = CreateSymbolicLinkA("link.txt", "Sub\\Data.txt", SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE);
    printf("CreateSymbolicLinkA: %d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = CreateSymbolicLinkA("link2", "Sub", 0x10);
    printf("CreateSymbolicLinkA(bad flags): %d err=%lu\n", ok, GetLastError());
}

int main(void)
{
    dirs();
    long_short();
    temp_names();
    dos_dates();
    volume_label();
    bad_ptrs();
    open_errors();
    symlinks();
    return 0;
}
