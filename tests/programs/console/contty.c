/* The console modes on a terminal: what SetConsoleMode sets is what GetConsoleMode reports and what the
 * terminal does (no echo, no line editing); _getch reads one key without echo, Enter as '\r'; _kbhit sees
 * a waiting key. Run by tests/tty-run, which types the keys once the prompts appear. It ends with the
 * console in mode 0: the terminal must be restored all the same. */
#include <conio.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void mode(const char *what, HANDLE h)
{
    DWORD m = 0xdeadbeef;
    SetLastError(0);
    BOOL r = GetConsoleMode(h, &m);
    printf("%s: GetConsoleMode %d error %lu mode 0x%lx\n", what, r, GetLastError(), m);
}

static void set(const char *what, HANDLE h, DWORD m)
{
    SetLastError(0);
    BOOL r = SetConsoleMode(h, m);
    printf("%s: SetConsoleMode(0x%lx) %d error %lu\n", what, m, r, GetLastError());
}

/* The pages before the call are the process's own choice (437 on Wine, UTF-8 on ntexec): print changes only. */
static void cp(const char *what, BOOL (WINAPI *fn)(UINT), UINT page)
{
    UINT in = GetConsoleCP(), out = GetConsoleOutputCP();
    SetLastError(0);
    BOOL r = fn(page);
    printf("%s(%u) %d error %lu", what, page, r, GetLastError());
    if (GetConsoleCP() != in)
        printf(", input page now %u", GetConsoleCP());
    if (GetConsoleOutputCP() != out)
        printf(", output page now %u", GetConsoleOutputCP());
    printf("\n");
}

int main(void)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    setvbuf(stdout, NULL, _IONBF, 0);
    DWORD orig = 0;
    GetConsoleMode(in, &orig);
    mode("in", in);
    mode("out", out);

    /* Windows' conhost takes an invalid input mode and then fails: not an input mode, echo without lines. */
    set("in", in, 0x400);
    mode("in", in);
    set("in", in, ENABLE_PROCESSED_INPUT | ENABLE_ECHO_INPUT);
    mode("in", in);
    set("out", out, 0x20);                /* not an output mode */
    set("out", out, ENABLE_PROCESSED_OUTPUT | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
    mode("out", out);
    set("out", out, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT);

    /* Without line input and echo a read returns each key as typed, unechoed; Enter is '\r'. */
    set("in", in, ENABLE_PROCESSED_INPUT);
    mode("in", in);
    unsigned char b[32];
    DWORD got = 0;
    for (int i = 0; i < 2; i++) {
        printf("read%d:", i);
        BOOL r = ReadFile(in, b, 1, &got, NULL);
        printf(" ReadFile %d got %lu byte 0x%02x\n", r, got, got ? b[0] : 0);
    }
    printf("kbhit before typing %d\n", _kbhit());
    printf("wait:");
    int hit = 0;
    for (int i = 0; i < 500 && !hit; i++) {
        hit = _kbhit();
        if (!hit)
            Sleep(10);
    }
    printf(" kbhit %d\n", hit);
    printf("kbhit key 0x%02x\n", _getch());

    /* Line input without echo: a password prompt. */
    set("in", in, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT);
    printf("password:");
    BOOL r = ReadFile(in, b, sizeof b - 1, &got, NULL);
    b[got] = 0;
    b[strcspn((char *)b, "\r\n")] = 0;
    printf(" ReadFile %d line [%s]\n", r, b);

    /* _getch and _getche in a console left in its usual mode: raw for the call only. */
    set("in", in, orig);
    printf("getch:");
    int c = _getch();
    printf(" 0x%02x\n", c);
    mode("in after _getch", in);
    printf("getche:");
    c = _getche();
    printf(" 0x%02x\n", c);

    cp("SetConsoleCP", SetConsoleCP, 12345);
    cp("SetConsoleCP", SetConsoleCP, 0);
    cp("SetConsoleOutputCP", SetConsoleOutputCP, 65002);
    cp("SetConsoleCP", SetConsoleCP, 20127);
    cp("SetConsoleOutputCP", SetConsoleOutputCP, 20127);
    cp("SetConsoleCP", SetConsoleCP, 65001);
    cp("SetConsoleOutputCP", SetConsoleOutputCP, 65001);

    set("in", in, 0);   /* left so: the terminal must come back as it was */
    return 3;
}
