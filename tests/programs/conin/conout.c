/* WriteConsoleA writes in the console's output page (SetConsoleOutputCP): the same bytes show as UTF-8,
 * Latin-1 (28591) or US-ASCII (20127, whose bytes 0x80-0xFF lose their high bit) characters. WriteConsoleW
 * does not depend on the page; *written counts the caller's bytes or UTF-16 units. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void write_a(HANDLE out, UINT cp, const char *s)
{
    BOOL set = SetConsoleOutputCP(cp);
    DWORD n = 0xdead;
    char line[64];
    int len = snprintf(line, sizeof line, "%u (set %d): ", cp, set);
    WriteConsoleA(out, line, (DWORD)len, &n, NULL);
    SetLastError(0);
    BOOL r = WriteConsoleA(out, s, (DWORD)strlen(s), &n, NULL);
    len = snprintf(line, sizeof line, " | WriteConsoleA %d error %lu written %lu\r\n", r, GetLastError(), n);
    WriteConsoleA(out, line, (DWORD)len, &n, NULL);
}

int main(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    write_a(out, 65001, "caf\xc3\xa9 \xe2\x82\xac");
    write_a(out, 28591, "caf\xe9 \xa3\xb5");
    write_a(out, 20127, "caf\xe9 \xc1");
    static const WCHAR w[] = L"W: caf\x00e9 \x20ac\r\n";
    DWORD n = 0xdead;
    SetLastError(0);
    BOOL r = WriteConsoleW(out, w, (DWORD)wcslen(w), &n, NULL);
    char line[64];
    int len = snprintf(line, sizeof line, "WriteConsoleW %d error %lu written %lu\r\n", r, GetLastError(), n);
    SetConsoleOutputCP(65001);
    WriteConsoleA(out, line, (DWORD)len, &n, NULL);
    return 0;
}
