/* Console control events (run by the output_ctrlc_* harness, which waits for the file "ready", sends the
 * program a signal, SIGINT unless the case says otherwise, then creates the file "go"). The mode says what
 * the program set up before it created "ready":
 *   handler  one handler that returns TRUE: it runs on a thread of its own, the program goes on (exit 5);
 *            with SIGTERM (CTRL_CLOSE_EVENT) the process ends after the handler all the same (0xC000013A)
 *   order    handler A (TRUE) then handler B (FALSE): B runs first, then A
 *   false    one handler that returns FALSE: the default handler ends the process, ExitProcess(0xC000013A)
 *   none     no handler: ExitProcess(0xC000013A) at once
 *   ignore   SetConsoleCtrlHandler(NULL, TRUE): Ctrl-C is ignored, the program ends normally after "go"
 *   signal   the CRT's signal(SIGINT, h): h runs (its disposition reset to SIG_DFL first), the program goes on
 * stdout is a file, so its text stays buffered until something flushes it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static volatile LONG seen;
static DWORD main_thread;

static void on_exit_handler(void)
{
    printf("atexit handler ran\n");
}

/* A flushes what it printed, as a handler that cleans up would: a CTRL_CLOSE_EVENT ends the process once the
 * handlers are done, without the CRT's exit. Only a Ctrl-C lets main go on at once. */
static BOOL WINAPI handler_true(DWORD event)
{
    printf("handler A: event %lu, on another thread: %d, returns TRUE\n", event, GetCurrentThreadId() != main_thread);
    fflush(stdout);
    if (event == CTRL_C_EVENT)
        InterlockedExchange(&seen, 1);
    return TRUE;
}

static BOOL WINAPI handler_false(DWORD event)
{
    printf("handler B: event %lu, on another thread: %d, returns FALSE\n", event, GetCurrentThreadId() != main_thread);
    return FALSE;
}

static void on_sigint(int sig)
{
    void (*now)(int) = signal(SIGINT, on_sigint);
    printf("SIGINT handler: signal %d, disposition was reset to SIG_DFL: %d, on another thread: %d\n", sig,
           now == SIG_DFL, GetCurrentThreadId() != main_thread);
    InterlockedExchange(&seen, 1);
}

static void create_file(const char *name)
{
    HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
}

static BOOL exists(const char *name)
{
    return GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "handler";
    main_thread = GetCurrentThreadId();
    /* What ExitProcess does about atexit and buffered output is the CRT's exit path, not the console's:
     * with the default handler (false, none) only the flush that msvcrt.dll's DLL detach does is looked at. */
    if (strcmp(mode, "false") != 0 && strcmp(mode, "none") != 0)
        atexit(on_exit_handler);
    if (strcmp(mode, "handler") == 0) {
        printf("SetConsoleCtrlHandler(A, TRUE): %d\n", SetConsoleCtrlHandler(handler_true, TRUE));
    } else if (strcmp(mode, "order") == 0) {
        printf("SetConsoleCtrlHandler(A, TRUE): %d\n", SetConsoleCtrlHandler(handler_true, TRUE));
        printf("SetConsoleCtrlHandler(B, TRUE): %d\n", SetConsoleCtrlHandler(handler_false, TRUE));
    } else if (strcmp(mode, "false") == 0) {
        printf("SetConsoleCtrlHandler(B, TRUE): %d\n", SetConsoleCtrlHandler(handler_false, TRUE));
        SetLastError(0);
        BOOL removed = SetConsoleCtrlHandler(handler_true, FALSE);
        printf("SetConsoleCtrlHandler(A, FALSE) for a handler never added: %d, error %lu\n", removed, GetLastError());
    } else if (strcmp(mode, "ignore") == 0) {
        printf("SetConsoleCtrlHandler(NULL, TRUE): %d\n", SetConsoleCtrlHandler(NULL, TRUE));
    } else if (strcmp(mode, "signal") == 0) {
        printf("signal(SIGINT) was SIG_DFL: %d\n", signal(SIGINT, on_sigint) == SIG_DFL);
    }
    printf("ready\n");
    create_file("ready");
    /* Wait for the event (handler, order, signal) or for "go" (the others), 20 s at most. */
    for (int i = 0; i < 2000 && !seen && !exists("go"); i++)
        Sleep(10);
    if (!seen)
        Sleep(500);   /* an event that was not ignored would end the process meanwhile */
    printf("main goes on: event seen %d\n", (int)seen);
    return 5;
}
