/* A process's console: AllocConsole and AttachConsole fail with ERROR_ACCESS_DENIED while it has one;
 * FreeConsole detaches it (console calls on the old handles then fail with ERROR_INVALID_HANDLE), and
 * AttachConsole(ATTACH_PARENT_PROCESS) attaches to the parent's console again, with new standard handles.
 * Run on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

/* Between FreeConsole and AttachConsole the old standard output is no console: lines wait here. */
static char text[1024];
static int used;

static void mode(const char *what, HANDLE h)
{
    DWORD m = 0;
    SetLastError(0);
    BOOL r = GetConsoleMode(h, &m);
    used += snprintf(text + used, sizeof text - used, "%s: GetConsoleMode %d error %lu\r\n", what, r, GetLastError());
}

int main(void)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    SetLastError(0);
    BOOL r = AllocConsole();
    printf("AllocConsole %d error %lu\n", r, GetLastError());
    SetLastError(0);
    r = AttachConsole(ATTACH_PARENT_PROCESS);
    printf("AttachConsole(parent) %d error %lu\n", r, GetLastError());
    SetLastError(0);
    COORD c = GetLargestConsoleWindowSize(GetStdHandle(STD_OUTPUT_HANDLE));
    printf("GetLargestConsoleWindowSize %s error %lu\n", c.X > 0 && c.Y > 0 ? "nonzero" : "zero", GetLastError());
    SetLastError(0);
    c = GetLargestConsoleWindowSize(NULL);
    printf("GetLargestConsoleWindowSize(NULL) %d %d error %lu\n", c.X, c.Y, GetLastError());
    fflush(stdout);
    SetLastError(0);
    r = FreeConsole();
    used += snprintf(text + used, sizeof text - used, "FreeConsole %d error %lu\r\n", r, GetLastError());
    mode("after FreeConsole: old input", in);
    SetLastError(0);
    r = AttachConsole(GetCurrentProcessId() + 100000);
    DWORD err = GetLastError();
    SetLastError(0);
    BOOL r2 = AttachConsole(ATTACH_PARENT_PROCESS);
    DWORD err2 = GetLastError();
    mode("after AttachConsole: new input", GetStdHandle(STD_INPUT_HANDLE));
    used += snprintf(text + used, sizeof text - used,
                     "AttachConsole(no such process) %d error %lu\r\nAttachConsole(parent) %d error %lu\r\n", r, err,
                     r2, err2);
    DWORD n;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)used, &n, NULL);
    /* The text shows only if the write reaches the terminal (msvcrt's stdout still has the old handle). */
    if (getenv("CONATTACH_LOG")) {
        HANDLE f = CreateFileA(getenv("CONATTACH_LOG"), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        WriteFile(f, text, (DWORD)used, &n, NULL);
        CloseHandle(f);
    }
    return 0;
}
