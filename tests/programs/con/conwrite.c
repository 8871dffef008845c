/* Writing and reading cells: redirected, each call fails with ERROR_INVALID_HANDLE; on a terminal ("tty"),
 * WriteConsoleOutputCharacter and WriteConsoleOutput write their cells as escape sequences between the markers
 * printed here, and the calls that would read cells back fail with ERROR_CALL_NOT_IMPLEMENTED. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void say(HANDLE out, const char *s)
{
    DWORD n;
    WriteFile(out, s, (DWORD)strlen(s), &n, NULL);
}

int main(int argc, char **argv)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    char line[128];
    DWORD n = 99;
    COORD at = {77, 1};
    BOOL ok;
    CHAR_INFO cells[6];
    for (int i = 0; i < 6; i++) {
        cells[i].Char.UnicodeChar = (WCHAR)('a' + i);
        cells[i].Attributes = i < 3 ? FOREGROUND_RED | FOREGROUND_INTENSITY : 0x07;
    }
    COORD size = {3, 2}, from = {0, 0};
    SMALL_RECT region = {10, 3, 12, 4};
    BOOL tty = argc > 1 && !strcmp(argv[1], "tty");
    if (tty)
        say(out, "[chars]");
    SetLastError(0);
    ok = WriteConsoleOutputCharacterW(out, L"xyz\x00e9!", 5, at, &n);
    snprintf(line, sizeof line, "[/chars] %d error %lu written %lu\r\n", ok, GetLastError(), n);
    say(out, line);
    if (tty)
        say(out, "[cells]");
    SetLastError(0);
    ok = WriteConsoleOutputW(out, cells, size, from, &region);
    snprintf(line, sizeof line, "[/cells] %d error %lu region %d,%d-%d,%d\r\n", ok, GetLastError(), region.Left,
             region.Top, region.Right, region.Bottom);
    say(out, line);
    /* Clipped: a 3x2 array at (79,23) of an 80x24 screen keeps one cell. */
    region.Left = 79, region.Top = 23, region.Right = 81, region.Bottom = 24;
    if (tty)
        say(out, "[clipped]");
    SetLastError(0);
    ok = WriteConsoleOutputW(out, cells, size, from, &region);
    snprintf(line, sizeof line, "[/clipped] %d error %lu region %d,%d-%d,%d\r\n", ok, GetLastError(), region.Left,
             region.Top, region.Right, region.Bottom);
    say(out, line);
    WORD attrs[2] = {7, 7};
    WCHAR back[4];
    n = 99;
    SetLastError(0);
    ok = WriteConsoleOutputAttribute(out, attrs, 2, at, &n);
    snprintf(line, sizeof line, "WriteConsoleOutputAttribute %d error %lu n %lu\r\n", ok, GetLastError(), n);
    say(out, line);
    n = 99;
    SetLastError(0);
    ok = ReadConsoleOutputCharacterW(out, back, 4, at, &n);
    snprintf(line, sizeof line, "ReadConsoleOutputCharacterW %d error %lu n %lu\r\n", ok, GetLastError(), n);
    say(out, line);
    SetLastError(0);
    ok = ReadConsoleOutputW(out, cells, size, from, &region);
    snprintf(line, sizeof line, "ReadConsoleOutputW %d error %lu\r\n", ok, GetLastError());
    say(out, line);
    return 0;
}
