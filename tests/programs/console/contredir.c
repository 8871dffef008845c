/* With standard input redirected from a file and a terminal present, the console functions still read the
 * console, as on Windows: GetConsoleMode refuses the file (ERROR_INVALID_HANDLE), _kbhit does not see the
 * file's bytes, _getch reads a key from the terminal, and the file is left for stdin. */
#include <conio.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    DWORD m = 0xdeadbeef;
    SetLastError(0);
    BOOL r = GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &m);
    printf("stdin: GetConsoleMode %d error %lu mode 0x%lx\n", r, GetLastError(), m);
    m = 0xdeadbeef;
    SetLastError(0);
    r = GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &m);
    printf("stdout: GetConsoleMode %d error %lu mode 0x%lx\n", r, GetLastError(), m);
    SetLastError(0);
    r = SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), 0);
    printf("stdin: SetConsoleMode %d error %lu\n", r, GetLastError());
    printf("kbhit %d\n", _kbhit());
    printf("key:");
    int c = _getch();
    printf(" 0x%02x\n", c);
    char line[64] = "";
    if (!fgets(line, sizeof line, stdin))
        strcpy(line, "(eof)\n");
    printf("stdin line: %s", line);
    return 0;
}
