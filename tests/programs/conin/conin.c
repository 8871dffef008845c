/* Console input on a terminal and off it: ReadConsoleW/ReadConsoleA read a line with its "\r\n" as Windows
 * gives it in line mode; ReadConsoleInputW/PeekConsoleInputW/GetNumberOfConsoleInputEvents see the keys as
 * key events (the character, its virtual key, Shift for capitals and the key press and release); off a
 * console (a pipe, a file) every one of them fails with ERROR_INVALID_HANDLE, as on Windows. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show_w(const char *what, BOOL r, const WCHAR *b, DWORD n)
{
    printf("%s %d error %lu read %lu [", what, r, GetLastError(), n);
    for (DWORD i = 0; i < n && i < 64; i++) {
        if (b[i] >= 0x20 && b[i] < 0x7f)
            printf("%c", (char)b[i]);
        else
            printf("\\x%02x", b[i]);
    }
    printf("]\n");
}

static void show_a(const char *what, BOOL r, const char *b, DWORD n)
{
    printf("%s %d error %lu read %lu [", what, r, GetLastError(), n);
    for (DWORD i = 0; i < n && i < 64; i++) {
        unsigned char c = (unsigned char)b[i];
        if (c >= 0x20 && c < 0x7f)
            printf("%c", c);
        else
            printf("\\x%02x", c);
    }
    printf("]\n");
}

static void record(const INPUT_RECORD *r)
{
    if (r->EventType != KEY_EVENT) {
        printf("  event type %u\n", r->EventType);
        return;
    }
    const KEY_EVENT_RECORD *k = &r->Event.KeyEvent;
    printf("  key %s repeat %u vk 0x%02x scan 0x%02x char 0x%04x state 0x%lx\n", k->bKeyDown ? "down" : "up",
           k->wRepeatCount, k->wVirtualKeyCode, k->wVirtualScanCode, k->uChar.UnicodeChar, k->dwControlKeyState);
}

/* The key events for one typed key (a press and a release on Windows). */
static void read_keys(HANDLE in, const char *what)
{
    INPUT_RECORD r[8];
    DWORD n = 0, total = 0;
    DWORD deadline = GetTickCount() + 5000;
    /* Wait for the key, then count what is waiting. */
    while (GetTickCount() < deadline) {
        if (GetNumberOfConsoleInputEvents(in, &n) && n)
            break;
        Sleep(20);
    }
    printf("%s: events waiting %s\n", what, n ? "yes" : "no");
    SetLastError(0);
    BOOL ok = PeekConsoleInputW(in, r, 8, &n);
    printf("%s: PeekConsoleInputW %d error %lu first %s\n", what, ok, GetLastError(),
           n && r[0].EventType == KEY_EVENT && r[0].Event.KeyEvent.bKeyDown ? "key down" : "other");
    /* Read what the key gave (a press and a release, with Shift around a capital): all of it is waiting. */
    for (;;) {
        SetLastError(0);
        ok = ReadConsoleInputW(in, r, 1, &n);
        if (!ok || n != 1) {
            printf("%s: ReadConsoleInputW %d error %lu n %lu\n", what, ok, GetLastError(), n);
            return;
        }
        record(r);
        if (++total > 8 || !GetNumberOfConsoleInputEvents(in, &n) || !n)
            break;
    }
}

int main(int argc, char **argv)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    WCHAR w[64];
    char a[64];
    DWORD n = 0xdead;
    if (argc > 1 && !strcmp(argv[1], "redirected")) {
        SetLastError(0);
        BOOL r = ReadConsoleW(in, w, 64, &n, NULL);
        printf("ReadConsoleW %d error %lu\n", r, GetLastError());
        SetLastError(0);
        r = ReadConsoleA(in, a, 64, &n, NULL);
        printf("ReadConsoleA %d error %lu\n", r, GetLastError());
        INPUT_RECORD rec;
        SetLastError(0);
        r = ReadConsoleInputW(in, &rec, 1, &n);
        printf("ReadConsoleInputW %d error %lu\n", r, GetLastError());
        SetLastError(0);
        r = PeekConsoleInputW(in, &rec, 1, &n);
        printf("PeekConsoleInputW %d error %lu\n", r, GetLastError());
        SetLastError(0);
        r = GetNumberOfConsoleInputEvents(in, &n);
        printf("GetNumberOfConsoleInputEvents %d error %lu\n", r, GetLastError());
        SetLastError(0);
        r = FlushConsoleInputBuffer(in);
        printf("FlushConsoleInputBuffer %d error %lu\n", r, GetLastError());
        printf("GetConsoleWindow %s\n", GetConsoleWindow() ? "a window" : "NULL");
        /* The data is still there for ReadFile. */
        SetLastError(0);
        r = ReadFile(in, a, sizeof a, &n, NULL);
        show_a("ReadFile", r, a, n);
        return 0;
    }

    printf("line1:");
    fflush(stdout);
    SetLastError(0);
    BOOL r = ReadConsoleW(in, w, 64, &n, NULL);
    show_w("ReadConsoleW", r, w, n);
    SetConsoleCP(28591);
    printf("line2:");
    fflush(stdout);
    SetLastError(0);
    r = ReadConsoleA(in, a, 64, &n, NULL);
    show_a("ReadConsoleA", r, a, n);

    SetConsoleCP(65001);
    SetConsoleMode(in, ENABLE_PROCESSED_INPUT);
    SetLastError(0);
    r = FlushConsoleInputBuffer(in);
    printf("FlushConsoleInputBuffer %d error %lu\n", r, GetLastError());
    n = 0xdead;
    r = GetNumberOfConsoleInputEvents(in, &n);
    printf("GetNumberOfConsoleInputEvents %d events %lu\n", r, n);
    printf("key1:\n");
    fflush(stdout);
    read_keys(in, "key1");
    printf("key2:\n");
    fflush(stdout);
    read_keys(in, "key2");
    printf("key3:\n");
    fflush(stdout);
    read_keys(in, "key3");
    printf("key4:\n");
    fflush(stdout);
    read_keys(in, "key4");

    /* Events a program writes come back as if typed. */
    INPUT_RECORD w2[2];
    memset(w2, 0, sizeof w2);
    for (int i = 0; i < 2; i++) {
        w2[i].EventType = KEY_EVENT;
        w2[i].Event.KeyEvent.bKeyDown = i == 0;
        w2[i].Event.KeyEvent.wRepeatCount = 1;
        w2[i].Event.KeyEvent.wVirtualKeyCode = 'X';
        w2[i].Event.KeyEvent.wVirtualScanCode = 0x2d;
        w2[i].Event.KeyEvent.uChar.UnicodeChar = 'x';
    }
    n = 0xdead;
    SetLastError(0);
    r = WriteConsoleInputW(in, w2, 2, &n);
    printf("WriteConsoleInputW %d error %lu written %lu\n", r, GetLastError(), n);
    read_keys(in, "written");
    SetConsoleMode(in, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT);
    return 0;
}
