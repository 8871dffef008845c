/*
 * Console I/O (conio.h): _getch, _putch, _cputs, _kbhit, ... On Windows the key functions talk to the
 * console itself (CONIN$) whatever the standard handles are, and so do these: standard input when it is
 * the terminal, else the process's terminal (CONIN$ = /dev/tty). Piped or redirected input is not read
 * (as on Windows); with no terminal at all _getch returns EOF and _kbhit 0, as Wine does without a
 * console. The output functions write standard output, past the CRT's streams and without their text
 * translation. A character pushed back by _ungetch is read first. docs/console.md has the details.
 */
#include "crt/crt.h"
#include "io/console.h"
#include "win32/k32.h"

BOOL WINAPI SetConsoleMode(HANDLE handle, DWORD mode);

static int pushed_back = -1;
static int pushed_back_w = -1;
static HANDLE conin;   /* CONIN$, opened on first use when standard input is not the console */

/* The console input buffer, or NULL when the process has no terminal. */
static HANDLE console_input(void)
{
    DWORD mode;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    if (GetConsoleMode(in, &mode))
        return in;
    HANDLE h = __atomic_load_n(&conin, __ATOMIC_ACQUIRE);
    if (h)
        return h == INVALID_HANDLE_VALUE ? NULL : h;
    h = CreateFileW(u"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                    OPEN_EXISTING, 0, NULL);
    if (h != INVALID_HANDLE_VALUE && !GetConsoleMode(h, &mode)) {
        CloseHandle(h);
        h = INVALID_HANDLE_VALUE;
    }
    HANDLE expected = NULL;
    if (!__atomic_compare_exchange_n(&conin, &expected, h, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        if (h != INVALID_HANDLE_VALUE)
            CloseHandle(h);
        h = expected;
    }
    return h == INVALID_HANDLE_VALUE ? NULL : h;
}

/* One key as the console hands it over with mode 0, as the CRT's _getch sets it for the read: no line
 * editing, no echo, Ctrl+C as the byte 3, Enter as '\r'. The previous mode comes back afterwards. */
static int read_key(void)
{
    HANDLE in = console_input();
    DWORD mode;
    if (!in || !GetConsoleMode(in, &mode))
        return CRT_EOF;
    unsigned char b;
    DWORD got = 0;
    BOOL ok = SetConsoleMode(in, 0) && ReadFile(in, &b, 1, &got, NULL);
    SetConsoleMode(in, mode);
    return ok && got == 1 ? b : CRT_EOF;
}

int crt_getch(bool echo)
{
    int c = __atomic_exchange_n(&pushed_back, -1, __ATOMIC_ACQ_REL);
    if (c >= 0)
        return c;
    c = read_key();
    if (c != CRT_EOF && echo) {
        unsigned char b = (unsigned char)c;
        DWORD written;
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), &b, 1, &written, NULL);
    }
    return c;
}

int crt_ungetch(int c)
{
    if (c == CRT_EOF)
        return CRT_EOF;
    int expected = -1;
    return __atomic_compare_exchange_n(&pushed_back, &expected, c & 0xFF, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)
               ? c & 0xFF
               : CRT_EOF;
}

/* A key waiting in the console (typed on a line not yet finished counts), or one pushed back. */
int crt_kbhit(void)
{
    if (__atomic_load_n(&pushed_back, __ATOMIC_ACQUIRE) >= 0)
        return 1;
    HANDLE in = console_input();
    IO_STATUS_BLOCK io;
    ULONG pending = 0;
    if (!in || NtDeviceIoControlFile(in, NULL, NULL, NULL, &io, IOCTL_CONDRV_INPUT_PENDING, NULL, 0, &pending,
                                     sizeof pending) != STATUS_SUCCESS)
        return 0;
    return pending != 0;
}

int WINAPI crtio__getch(void) { return crt_getch(false); }
int WINAPI crtio__getche(void) { return crt_getch(true); }
int WINAPI crtio__getch_nolock(void) { return crt_getch(false); }
int WINAPI crtio__ungetch(int c) { return crt_ungetch(c); }
int WINAPI crtio__kbhit(void) { return crt_kbhit(); }

/* Wide reads take one UTF-8 character from the terminal. */
static WCHAR getwch(bool echo)
{
    int w = __atomic_exchange_n(&pushed_back_w, -1, __ATOMIC_ACQ_REL);
    if (w >= 0)
        return (WCHAR)w;
    unsigned char s[4];
    int c = crt_getch(false);
    if (c == CRT_EOF)
        return CRT_WEOF;
    s[0] = (unsigned char)c;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++) {
        c = crt_getch(false);
        if (c == CRT_EOF)
            return CRT_WEOF;
        s[i] = (unsigned char)c;
    }
    WCHAR out[2];
    ULONG bytes = 0;
    RtlUTF8ToUnicodeN(out, sizeof out, &bytes, (const char *)s, (ULONG)n);
    if (echo) {
        DWORD written;
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, (DWORD)n, &written, NULL);
    }
    return bytes ? out[0] : CRT_WEOF;
}

WCHAR WINAPI crtio__getwch(void) { return getwch(false); }
WCHAR WINAPI crtio__getwche(void) { return getwch(true); }

WCHAR WINAPI crtio__ungetwch(WCHAR c)
{
    int expected = -1;
    if (c == CRT_WEOF ||
        !__atomic_compare_exchange_n(&pushed_back_w, &expected, c, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return CRT_WEOF;
    return c;
}

static bool write_out(const void *p, DWORD n)
{
    DWORD written;
    return WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), p, n, &written, NULL) && written == n;
}

int WINAPI crtio__putch(int c)
{
    unsigned char b = (unsigned char)c;
    return write_out(&b, 1) ? b : CRT_EOF;
}

int WINAPI crtio__putch_nolock(int c)
{
    return crtio__putch(c);
}

WCHAR WINAPI crtio__putwch(WCHAR c)
{
    unsigned char s[4];
    ULONG n = 0;
    RtlUnicodeToUTF8N((char *)s, sizeof s, &n, &c, sizeof c);
    return write_out(s, n) ? c : CRT_WEOF;
}

int WINAPI crtio__cputs(const char *s)
{
    if (!s) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    DWORD n = 0;
    while (s[n])
        n++;
    return write_out(s, n) ? 0 : -1;
}

int WINAPI crtio__cputws(const WCHAR *s)
{
    if (!s) {
        crt_invalid_parameter(CRT_EINVAL);
        return -1;
    }
    ULONG len = (ULONG)(RtlpWcslen(s) * sizeof(WCHAR)), n = 0;
    RtlUnicodeToUTF8N(NULL, 0, &n, s, len);
    char *u = crt_malloc(n + 1);
    if (!u)
        return -1;
    RtlUnicodeToUTF8N(u, n, &n, s, len);
    bool ok = write_out(u, n);
    crt_free(u);
    return ok ? 0 : -1;
}
