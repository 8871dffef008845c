/* The screen buffer functions on standard output: redirected, each fails with ERROR_INVALID_HANDLE; on a
 * terminal ("conbuf tty"), they write what they do as escape sequences between the markers printed here. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void say(HANDLE out, const char *s)
{
    DWORD n;
    WriteFile(out, s, (DWORD)strlen(s), &n, NULL);
}

int main(int argc, char **argv)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    char line[256];
    CONSOLE_SCREEN_BUFFER_INFO info;
    CONSOLE_CURSOR_INFO cursor;
    DWORD written = 99;
    COORD at = {2, 1};
    BOOL ok;
    if (argc > 1 && !strcmp(argv[1], "tty")) {
        ok = GetConsoleScreenBufferInfo(out, &info);
        sprintf(line, "info %d size %dx%d window %d,%d-%d,%d attr %02x\n", ok, info.dwSize.X, info.dwSize.Y,
                info.srWindow.Left, info.srWindow.Top, info.srWindow.Right, info.srWindow.Bottom, info.wAttributes);
        say(out, line);
        say(out, "[red]");
        SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_INTENSITY);
        say(out, "R");
        SetConsoleTextAttribute(out, FOREGROUND_BLUE | BACKGROUND_GREEN | COMMON_LVB_UNDERSCORE);
        say(out, "B");
        ok = SetConsoleTextAttribute(out, 0x07);
        say(out, "[default]\n");
        ok = GetConsoleScreenBufferInfo(out, &info);
        sprintf(line, "attr after %d %02x\n", ok, info.wAttributes);
        say(out, line);
        say(out, "[fill]");
        ok = FillConsoleOutputCharacterW(out, L'x', 3, at, &written);
        sprintf(line, "[/fill] %d %lu\n", ok, written);
        say(out, line);
        ok = FillConsoleOutputCharacterA(out, '.', 100000, at, &written);
        sprintf(line, "clipped %d %d\n", ok, written == (DWORD)(info.dwSize.X * info.dwSize.Y - 82));
        say(out, line);
        COORD outside = {info.dwSize.X, 0};
        SetLastError(0);
        ok = SetConsoleCursorPosition(out, outside);
        sprintf(line, "cursor outside %d %lu\n", ok, GetLastError());
        say(out, line);
        say(out, "[cursor]");
        ok = SetConsoleCursorPosition(out, at);
        say(out, "[/cursor]\n");
        ok = GetConsoleCursorInfo(out, &cursor);
        sprintf(line, "cursor info %d %lu %d\n", ok, cursor.dwSize, cursor.bVisible);
        say(out, line);
        cursor.bVisible = FALSE;
        say(out, "[hide]");
        ok = SetConsoleCursorInfo(out, &cursor);
        cursor.bVisible = TRUE;
        SetConsoleCursorInfo(out, &cursor);
        say(out, "[/hide]\n");
        say(out, "[title]");
        SetConsoleTitleW(L"ntexec title");
        say(out, "[/title]\n");
        return 0;
    }
    SetLastError(0);
    ok = GetConsoleScreenBufferInfo(out, &info);
    printf("GetConsoleScreenBufferInfo %d error %lu\n", ok, GetLastError());
    CONSOLE_SCREEN_BUFFER_INFOEX ex = {sizeof ex};
    SetLastError(0);
    ok = GetConsoleScreenBufferInfoEx(out, &ex);
    printf("GetConsoleScreenBufferInfoEx %d error %lu\n", ok, GetLastError());
    SetLastError(0);
    ok = SetConsoleTextAttribute(out, FOREGROUND_RED);
    printf("SetConsoleTextAttribute %d error %lu\n", ok, GetLastError());
    SetLastError(0);
    ok = SetConsoleCursorPosition(out, at);
    printf("SetConsoleCursorPosition %d error %lu\n", ok, GetLastError());
    SetLastError(0);
    ok = FillConsoleOutputCharacterW(out, L'x', 3, at, &written);
    printf("FillConsoleOutputCharacterW %d error %lu written %lu\n", ok, GetLastError(), written);
    written = 99;
    SetLastError(0);
    ok = FillConsoleOutputAttribute(out, 7, 3, at, &written);
    printf("FillConsoleOutputAttribute %d error %lu written %lu\n", ok, GetLastError(), written);
    SetLastError(0);
    ok = GetConsoleCursorInfo(out, &cursor);
    printf("GetConsoleCursorInfo %d error %lu\n", ok, GetLastError());
    DWORD mode = 0;
    SetLastError(0);
    ok = SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
    printf("SetConsoleMode %d error %lu\n", ok, GetLastError());
    SetLastError(0);
    ok = GetConsoleMode(out, &mode);
    printf("GetConsoleMode %d error %lu\n", ok, GetLastError());
    return 0;
}
