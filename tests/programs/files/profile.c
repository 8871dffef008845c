/* Profiles (.ini files): GetPrivateProfileString/Int/Section/SectionNames, WritePrivateProfileString/Section,
 * GetProfileString/Int, over a file this program writes in the current directory. Prints every result with
 * its return count, and the file's bytes after the writes. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const char ini[] = "; leading comment\r\n"
                          "[Sect1]\r\n"
                          "key1=value1\r\n"
                          "  Key2  =  spaced value  \r\n"
                          "quoted=\"in quotes\"\r\n"
                          "single='single'\r\n"
                          "half=\"half\r\n"
                          "novalue\r\n"
                          "empty=\r\n"
                          "; comment in section\r\n"
                          "\r\n"
                          "[ Sect2 ]\r\n"
                          "num=42\r\n"
                          "neg=-7\r\n"
                          "hex=0x10\r\n"
                          "numtext=12abc\r\n"
                          "[Empty]\r\n";

#define PATH ".\\test.ini"

/* A result of n characters that may hold NULs, shown with | for each NUL. */
static void show_multi(const char *what, DWORD n, const char *buf, DWORD shown)
{
    printf("%s: %lu [", what, (unsigned long)n);
    for (DWORD i = 0; i < shown; i++)
        putchar(buf[i] ? buf[i] : '|');
    printf("]\n");
}

static void get(const char *section, const char *key, const char *def, DWORD size)
{
    char buf[256];
    memset(buf, '#', sizeof buf);
    SetLastError(0);
    DWORD n = GetPrivateProfileStringA(section, key, def, buf, size, PATH);
    printf("get [%s] %s (size %lu): %lu [%s] err=%lu\n", section ? section : "(null)", key ? key : "(null)",
           (unsigned long)size, (unsigned long)n, size ? buf : "", (unsigned long)GetLastError());
}

static void dump(const char *what)
{
    char buf[1024];
    DWORD got = 0;
    HANDLE h = CreateFileA(PATH, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ReadFile(h, buf, sizeof buf, &got, NULL);
    CloseHandle(h);
    printf("%s:\n", what);
    for (DWORD i = 0; i < got; i++) {
        if (buf[i] == '\r')
            printf("\\r");
        else
            putchar(buf[i]);
    }
    printf("<end>\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    HANDLE h = CreateFileA(PATH, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD put;
    WriteFile(h, ini, sizeof ini - 1, &put, NULL);
    CloseHandle(h);

    get("sect1", "KEY1", "def", 64);
    get("Sect1", "key2", "def", 64);
    get("Sect1", "quoted", "def", 64);
    get("Sect1", "single", "def", 64);
    get("Sect1", "half", "def", 64);
    get("Sect1", "novalue", "def", 64);
    get("Sect1", "empty", "def", 64);
    get("Sect1", "missing", "def  ", 64);
    get("Sect1", "missing", NULL, 64);
    get("sect2", "num", "def", 64);
    get("Sect1", "key1", "def", 4);
    get("Sect1", "key1", "def", 0);
    get("Nosect", "key1", "default", 4);

    char buf[256];
    DWORD n;
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileStringA(NULL, NULL, "def", buf, sizeof buf, PATH);
    show_multi("section names via string", n, buf, n + 1);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileStringA(NULL, NULL, "def", buf, 10, PATH);
    show_multi("section names via string (10)", n, buf, 10);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileSectionNamesA(buf, sizeof buf, PATH);
    show_multi("GetPrivateProfileSectionNamesA", n, buf, n + 1);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileSectionNamesA(buf, 10, PATH);
    show_multi("GetPrivateProfileSectionNamesA (10)", n, buf, 10);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileStringA("Sect1", NULL, "def", buf, sizeof buf, PATH);
    show_multi("keys of Sect1", n, buf, n + 1);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileStringA("Sect1", NULL, "def", buf, 10, PATH);
    show_multi("keys of Sect1 (10)", n, buf, 10);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileStringA("Nosect", NULL, "def", buf, sizeof buf, PATH);
    show_multi("keys of Nosect", n, buf, n + 2);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileSectionA("sect1", buf, sizeof buf, PATH);
    show_multi("GetPrivateProfileSectionA", n, buf, n + 1);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileSectionA("sect1", buf, 10, PATH);
    show_multi("GetPrivateProfileSectionA (10)", n, buf, 10);
    memset(buf, '#', sizeof buf);
    n = GetPrivateProfileSectionA("Empty", buf, sizeof buf, PATH);
    show_multi("GetPrivateProfileSectionA (Empty)", n, buf, 2);

    printf("int num=%d neg=%d hex=%d numtext=%d missing=%d empty=%d text=%d\n",
           (int)GetPrivateProfileIntA("Sect2", "num", 5, PATH), (int)GetPrivateProfileIntA("Sect2", "neg", 5, PATH),
           (int)GetPrivateProfileIntA("Sect2", "hex", 5, PATH), (int)GetPrivateProfileIntA("Sect2", "numtext", 5, PATH),
           (int)GetPrivateProfileIntA("Sect2", "missing", 5, PATH), (int)GetPrivateProfileIntA("Sect1", "empty", 5, PATH),
           (int)GetPrivateProfileIntA("Sect1", "key1", 5, PATH));

    WCHAR w[64];
    n = GetPrivateProfileStringW(L"SECT2", L"Num", L"def", w, 64, L".\\test.ini");
    printf("GetPrivateProfileStringW: %lu [%ls]\n", (unsigned long)n, w);
    printf("GetPrivateProfileIntW: %u\n", GetPrivateProfileIntW(L"sect2", L"NUM", 1, L".\\test.ini"));

    SetLastError(0);
    n = GetPrivateProfileStringA("Sect1", "key1", "def", buf, 64, ".\\missing.ini");
    printf("missing file: %lu [%s] err=%lu\n", (unsigned long)n, buf, (unsigned long)GetLastError());

    SetLastError(0);
    BOOL ok = WritePrivateProfileStringA("Sect2", "num", "43", PATH);
    printf("write update: %d err=%lu\n", ok, (unsigned long)GetLastError());
    ok = WritePrivateProfileStringA("sect2", "new key", " spaced ", PATH);
    printf("write new key: %d\n", ok);
    ok = WritePrivateProfileStringA("NewSect", "a", "b", PATH);
    printf("write new section: %d\n", ok);
    ok = WritePrivateProfileStringA("Sect1", "key1", NULL, PATH);
    printf("delete key: %d\n", ok);
    ok = WritePrivateProfileStringA("Empty", NULL, NULL, PATH);
    printf("delete section: %d\n", ok);
    ok = WritePrivateProfileStringA("Sect1", "nokey", NULL, PATH);
    printf("delete missing key: %d\n", ok);
    dump("after WritePrivateProfileString");

    ok = WritePrivateProfileSectionA("Sect3", "x=1\0y = 2\0plain\0", PATH);
    printf("WritePrivateProfileSectionA new: %d\n", ok);
    ok = WritePrivateProfileSectionA("sect2", "only=one\0", PATH);
    printf("WritePrivateProfileSectionA replace: %d\n", ok);
    dump("after WritePrivateProfileSection");
    get("Sect3", "y", "def", 64);

    SetLastError(0);
    ok = WritePrivateProfileStringA("S", "k", "v", ".\\Nodir\\x.ini");
    printf("write into missing directory: %d err=%lu\n", ok, (unsigned long)GetLastError());
    ok = WritePrivateProfileStringA("S", "k", "v", ".\\created.ini");
    printf("write creates file: %d attrs=%d\n", ok, GetFileAttributesA(".\\created.ini") != INVALID_FILE_ATTRIBUTES);

    {
        char c[64] = {0};
        DWORD got = 0;
        HANDLE f = CreateFileA(".\\created.ini", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
        ReadFile(f, c, sizeof c - 1, &got, NULL);
        CloseHandle(f);
        printf("created.ini: %lu bytes, ends with CRLF=%d\n", (unsigned long)got, got >= 2 && c[got - 2] == '\r');
    }

    n = GetProfileStringA("ntexec-test-section", "none", "fallback", buf, 64);
    printf("GetProfileStringA: %lu [%s]\n", (unsigned long)n, buf);
    printf("GetProfileIntA: %u\n", GetProfileIntA("ntexec-test-section", "none", 17));
    return 0;
}
