/*
 * kernel32's messages, volumes and hard links, as a program sees them (tests/e2e/k32_*):
 *   k32vol message   FormatMessage: system texts, inserts, ALLOCATE_BUFFER, wrapping, errors, FROM_HMODULE
 *   k32vol volume    GetVolumeInformation, GetDiskFreeSpace(Ex), volume names and enumeration
 *   k32vol link      CreateHardLink: write through one name, read through the other, link counts
 * Sizes, serial numbers and GUIDs differ between machines, so only their properties are printed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* A string with its control characters visible. */
static void show(const char *label, const char *s, DWORD r)
{
    printf("%s: %lu [", label, (unsigned long)r);
    for (; s && *s; s++) {
        if (*s == '\r')
            printf("\\r");
        else if (*s == '\n')
            printf("\\n");
        else if (*s == '\t')
            printf("\\t");
        else
            putchar(*s);
    }
    printf("]\n");
}

static void show_error(const char *label, DWORD r)
{
    printf("%s: %lu error %lu\n", label, (unsigned long)r, (unsigned long)GetLastError());
}

/* FormatMessageA with a va_list, as message-formatting helpers in programs pass one. */
static DWORD format_v(DWORD flags, const void *src, DWORD id, char *out, DWORD size, ...)
{
    va_list ap;
    va_start(ap, size);
    DWORD r = FormatMessageA(flags, src, id, 0, out, size, &ap);
    va_end(ap);
    return r;
}

static void message(void)
{
    char buf[512];
    DWORD r;
    static const DWORD codes[] = {0, 2, 3, 5, 87, 122, 183, 0x80070002u};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char label[32];
        snprintf(label, sizeof label, "system %#lx", (unsigned long)codes[i]);
        r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, codes[i], 0, buf,
                           sizeof buf, NULL);
        show(label, buf, r);
    }
    /* what libstdc++'s std::system_category().message() asks for */
    char *p = NULL;
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                       NULL, 193, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), (char *)&p, 0, NULL);
    show("allocated 193", p, r);
    printf("LocalFree: %d\n", LocalFree(p) == NULL);
    WCHAR wbuf[256];
    r = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0, wbuf,
                       256, NULL);
    WideCharToMultiByte(CP_UTF8, 0, wbuf, -1, buf, sizeof buf, NULL, NULL);
    show("wide 5", buf, r);
    r = format_v(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 193, buf, sizeof buf, "game.exe");
    show("system 193 with insert", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, 2, 0, buf, sizeof buf, NULL);
    show("max width", buf, r);

    /* inserts */
    r = format_v(FORMAT_MESSAGE_FROM_STRING, "%1 + %2!d! = %3!04X!%n%4!-6s!|%5!*d!|%%|%.|%t%0 not shown", 0, buf,
                 sizeof buf, "one", 2, 0x2a, "left", 5, 42);
    show("inserts", buf, r);
    r = format_v(FORMAT_MESSAGE_FROM_STRING, "%1!*.*u!,%3!*.*u!", 0, buf, sizeof buf, 5, 3, 1, 6, 4, 2);
    show("va_list stars", buf, r);
    DWORD_PTR array[] = {6, 4, 2, 5, 3, 1};
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%1!*.*u!,%1!*.*u!", 0, 0, buf,
                       sizeof buf, (va_list *)array);
    show("array stars", buf, r);
    DWORD_PTR strings[] = {(DWORD_PTR) "alpha", (DWORD_PTR) "beta"};
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%2 %1 %2", 0, 0, buf, sizeof buf,
                       (va_list *)strings);
    show("array strings", buf, r);
    r = format_v(FORMAT_MESSAGE_FROM_STRING, "%1!I64u! %2!I64d!", 0, buf, sizeof buf, 18446744073709551615ull, -5ll);
    show("64-bit", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "keep %1 and %2!d!%n", 0, 0, buf,
                       sizeof buf, NULL);
    show("ignore inserts", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | 16, "the quick brown fox jumps over the lazy dog", 0, 0, buf,
                       sizeof buf, NULL);
    show("width 16", buf, r);

    /* errors */
    SetLastError(0);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x12345, 0, buf, sizeof buf, NULL);
    show_error("unknown id", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 2, 0, buf, 10, NULL);
    show_error("small buffer", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "50%", 0, 0, buf, sizeof buf, NULL);
    show_error("lone percent", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "needs %1", 0, 0, buf, sizeof buf, NULL);
    show_error("insert without arguments", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 193, 0, buf, sizeof buf, NULL);
    show_error("system insert without arguments", r);
    r = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 2, 0, NULL, 256, NULL);
    show_error("wide NULL buffer", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "", 0, 0, buf, sizeof buf, NULL);
    show_error("empty", r);
    r = FormatMessageA(0, "no source", 0, 0, buf, sizeof buf, NULL);
    show_error("no source", r);

    /* a module's message table */
    HMODULE table = LoadLibraryA("msgtable.dll");
    printf("msgtable.dll loaded: %d\n", table != NULL);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, table, 1, 0, buf, sizeof buf, NULL);
    show("hmodule 1", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, table, 1, MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN), buf,
                       sizeof buf, NULL);
    show("hmodule 1 german", buf, r);
    r = format_v(FORMAT_MESSAGE_FROM_HMODULE, table, 2, buf, sizeof buf, "notes.txt", 12);
    show("hmodule 2", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, table, 0x100, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), buf,
                       sizeof buf, NULL);
    show("hmodule 0x100", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, table, 3, 0, buf, sizeof buf, NULL);
    show_error("hmodule unknown id", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, table, 1, MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH), buf,
                       sizeof buf, NULL);
    show_error("hmodule french", r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_FROM_SYSTEM, table, 5, 0, buf, sizeof buf, NULL);
    show("hmodule then system", buf, r);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, NULL, 1, 0, buf, sizeof buf, NULL);
    show_error("exe without a message table", r);
    HMODULE plain = LoadLibraryA("libgcc_s_seh-1.dll");
    r = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, plain, 1, 0, buf, sizeof buf, NULL);
    show_error("dll without resources", r);
    FreeLibrary(table);
}

static void volume(void)
{
    char label[MAX_PATH + 1] = "x", fs[MAX_PATH + 1] = "";
    DWORD serial = 0, max_len = 0, flags = 0;
    BOOL ok = GetVolumeInformationA("C:\\", label, sizeof label, &serial, &max_len, &flags, fs, sizeof fs);
    printf("GetVolumeInformationA(C:\\): %d label [%s] fs [%s] serial set %d max component %lu\n", ok, label, fs,
           serial != 0, (unsigned long)max_len);
    printf("flags: case preserved %d, unicode %d, hard links %d\n", !!(flags & FILE_CASE_PRESERVED_NAMES),
           !!(flags & FILE_UNICODE_ON_DISK), !!(flags & FILE_SUPPORTS_HARD_LINKS));
    DWORD serial2 = 0;
    ok = GetVolumeInformationA(NULL, NULL, 0, &serial2, NULL, NULL, NULL, 0);
    printf("current drive: %d same serial %d\n", ok, serial2 == serial);
    SetLastError(0);
    ok = GetVolumeInformationA("C:\\Windows\\", NULL, 0, NULL, NULL, NULL, NULL, 0);
    printf("not a root: %d error %lu\n", ok, (unsigned long)GetLastError());
    ok = GetVolumeInformationA("C:\\Windows", NULL, 0, NULL, NULL, NULL, NULL, 0);
    printf("not a root, no backslash: %d error %lu\n", ok, (unsigned long)GetLastError());
    ok = GetVolumeInformationA("C:\\", NULL, 0, NULL, NULL, NULL, fs, 3);
    printf("short fs name buffer: %d error %lu\n", ok, (unsigned long)GetLastError());

    HANDLE h = CreateFileA("volume-test.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    WCHAR wfs[16];
    DWORD file_serial = 0;
    ok = GetVolumeInformationByHandleW(h, NULL, 0, &file_serial, NULL, NULL, wfs, 16);
    BY_HANDLE_FILE_INFORMATION info;
    GetFileInformationByHandle(h, &info);
    printf("by handle: %d fs NTFS %d serial matches the file's %d\n", ok, !wcscmp(wfs, L"NTFS"),
           file_serial == info.dwVolumeSerialNumber);
    CloseHandle(h);
    DeleteFileA("volume-test.txt");

    ULARGE_INTEGER avail, total, total_free;
    ok = GetDiskFreeSpaceExA(".", &avail, &total, &total_free);
    printf("GetDiskFreeSpaceExA(.): %d sane %d\n", ok,
           total.QuadPart > 0 && avail.QuadPart <= total_free.QuadPart && total_free.QuadPart <= total.QuadPart);
    ok = GetDiskFreeSpaceExW(NULL, &avail, NULL, NULL);
    printf("GetDiskFreeSpaceExW(NULL): %d\n", ok);
    DWORD spc = 0, bps = 0, nfree = 0, ntotal = 0;
    ok = GetDiskFreeSpaceA("C:\\", &spc, &bps, &nfree, &ntotal);
    printf("GetDiskFreeSpaceA(C:\\): %d sane %d\n", ok, spc > 0 && bps >= 512 && nfree <= ntotal && ntotal > 0);
    SetLastError(0);
    ok = GetDiskFreeSpaceExA("no-such-directory\\", &avail, &total, &total_free);
    printf("missing directory: %d error %lu\n", ok, (unsigned long)GetLastError());

    WCHAR name[MAX_PATH], next[MAX_PATH], mount[MAX_PATH];
    SetLastError(0);
    HANDLE find = FindFirstVolumeW(name, 10);
    printf("FindFirstVolumeW, short buffer: %d error %lu\n", find != INVALID_HANDLE_VALUE,
           (unsigned long)GetLastError());
    find = FindFirstVolumeW(name, MAX_PATH);
    printf("FindFirstVolumeW: %d length %u prefix %d suffix %d\n", find != INVALID_HANDLE_VALUE,
           (unsigned)wcslen(name), !wcsncmp(name, L"\\\\?\\Volume{", 11), !wcscmp(name + 47, L"}\\"));
    int more = 0;
    while (FindNextVolumeW(find, next, MAX_PATH))
        more++;
    printf("FindNextVolumeW: %d more, then error %lu\n", more, (unsigned long)GetLastError());
    printf("FindVolumeClose: %d\n", FindVolumeClose(find));
    ok = GetVolumeNameForVolumeMountPointW(L"C:\\", mount, MAX_PATH);
    printf("GetVolumeNameForVolumeMountPointW(C:\\): %d same as enumerated %d\n", ok, !wcscmp(mount, name));
    ok = GetVolumeNameForVolumeMountPointW(L"C:", mount, MAX_PATH);
    printf("  without backslash: %d error %lu\n", ok, (unsigned long)GetLastError());
    ok = GetVolumeInformationW(name, NULL, 0, &serial2, NULL, NULL, NULL, 0);
    printf("GetVolumeInformationW(volume name): %d same serial %d\n", ok, serial2 == serial);
    WCHAR path[MAX_PATH];
    ok = GetVolumePathNameW(L"C:\\some\\where\\file.txt", path, MAX_PATH);
    printf("GetVolumePathNameW: %d [%ls]\n", ok, path);
}

static void hard_link(void)
{
    DeleteFileA("link-a.txt");
    DeleteFileA("link-b.txt");
    HANDLE a = CreateFileA("link-a.txt", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD n;
    WriteFile(a, "first", 5, &n, NULL);
    BOOL ok = CreateHardLinkA("link-b.txt", "link-a.txt", NULL);
    printf("CreateHardLinkA: %d\n", ok);
    HANDLE b = CreateFileA("link-b.txt", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    SetFilePointer(b, 0, NULL, FILE_END);
    WriteFile(b, " second", 7, &n, NULL);
    char buf[64] = "";
    SetFilePointer(a, 0, NULL, FILE_BEGIN);
    ReadFile(a, buf, sizeof buf - 1, &n, NULL);
    buf[n] = 0;
    printf("read through the first name: [%s]\n", buf);
    BY_HANDLE_FILE_INFORMATION ia, ib;
    GetFileInformationByHandle(a, &ia);
    GetFileInformationByHandle(b, &ib);
    printf("links %lu %lu, same file %d\n", (unsigned long)ia.nNumberOfLinks, (unsigned long)ib.nNumberOfLinks,
           ia.nFileIndexLow == ib.nFileIndexLow && ia.nFileIndexHigh == ib.nFileIndexHigh &&
               ia.dwVolumeSerialNumber == ib.dwVolumeSerialNumber);
    CloseHandle(b);
    SetLastError(0);
    ok = CreateHardLinkA("link-b.txt", "link-a.txt", NULL);
    printf("again: %d error %lu\n", ok, (unsigned long)GetLastError());
    ok = CreateHardLinkW(L"link-c.txt", L"no-such-file.txt", NULL);
    printf("missing source: %d error %lu\n", ok, (unsigned long)GetLastError());
    CreateDirectoryA("link-dir", NULL);
    ok = CreateHardLinkA("link-dir2", "link-dir", NULL);
    printf("directory: %d error %lu\n", ok, (unsigned long)GetLastError());
    RemoveDirectoryA("link-dir");
    /* sharing is per file, not per name: the second name can go once the first is closed */
    CloseHandle(a);
    printf("DeleteFileA(link-b.txt): %d\n", DeleteFileA("link-b.txt"));
    a = CreateFileA("link-a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    GetFileInformationByHandle(a, &ia);
    printf("links after the delete: %lu\n", (unsigned long)ia.nNumberOfLinks);
    CloseHandle(a);
    DeleteFileA("link-a.txt");
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "message"))
        message();
    else if (!strcmp(what, "volume"))
        volume();
    else if (!strcmp(what, "link"))
        hard_link();
    else {
        fprintf(stderr, "usage: k32vol message|volume|link\n");
        return 2;
    }
    return 0;
}
