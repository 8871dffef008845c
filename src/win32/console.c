/* The console: modes, code pages, WriteConsole/ReadConsole on a terminal (UTF-8 on the host side). */
#include <string.h>

#include "io/console.h"
#include "io/io.h"
#include "win32/k32.h"

BOOL WINAPI IsValidCodePage(UINT cp);   /* string.c */

static UINT console_cp = NTEXEC_ACP, console_output_cp = NTEXEC_ACP;

/* Is handle a console (a terminal on the host)? */
static bool is_console(HANDLE handle)
{
    IO_STATUS_BLOCK io;
    FILE_FS_DEVICE_INFORMATION info;
    return NtQueryVolumeInformationFile(handle, &io, &info, sizeof info, FileFsDeviceInformation) == STATUS_SUCCESS &&
           info.DeviceType == FILE_DEVICE_CONSOLE;
}

/* The mode of the input buffer or screen buffer handle names; a file or pipe is ERROR_INVALID_HANDLE. */
BOOL WINAPI GetConsoleMode(HANDLE handle, LPDWORD mode)
{
    IO_STATUS_BLOCK io;
    ULONG m = 0;
    NTSTATUS status = is_console(handle)
                          ? NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_GET_MODE, NULL, 0, &m,
                                                  sizeof m)
                          : STATUS_INVALID_HANDLE;
    if (status == STATUS_SUCCESS)
        *mode = m;
    return BaseSetNtStatus(status);
}

/* Bits the buffer does not have fail with ERROR_INVALID_PARAMETER. On the input buffer, the line, echo
 * and Ctrl+C bits change the terminal (io/console.c). */
BOOL WINAPI SetConsoleMode(HANDLE handle, DWORD mode)
{
    IO_STATUS_BLOCK io;
    ULONG m = mode;
    NTSTATUS status = is_console(handle)
                          ? NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_SET_MODE, &m, sizeof m,
                                                  NULL, 0)
                          : STATUS_INVALID_HANDLE;
    return BaseSetNtStatus(status);
}

UINT WINAPI GetConsoleCP(void)
{
    return console_cp;
}

UINT WINAPI GetConsoleOutputCP(void)
{
    return console_output_cp;
}

/* Only an installed code page (IsValidCodePage) will do, as on Windows. */
BOOL WINAPI SetConsoleCP(UINT cp)
{
    if (!IsValidCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    console_cp = cp;
    return TRUE;
}

BOOL WINAPI SetConsoleOutputCP(UINT cp)
{
    if (!IsValidCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    console_output_cp = cp;
    return TRUE;
}

BOOL WINAPI WriteConsoleA(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved)
{
    (void)reserved;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return WriteFile(handle, buffer, count, written, NULL);
}

/* UTF-16 to the terminal as UTF-8; *written counts UTF-16 units, as Windows does. */
BOOL WINAPI WriteConsoleW(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved)
{
    (void)reserved;
    if (written)
        *written = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    ULONG bytes;
    RtlUnicodeToUTF8N(NULL, 0, &bytes, buffer, count * sizeof(WCHAR));
    char *utf8 = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes ? bytes : 1);
    if (!utf8) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    RtlUnicodeToUTF8N(utf8, bytes, &bytes, buffer, count * sizeof(WCHAR));
    DWORD out;
    BOOL ok = WriteFile(handle, utf8, bytes, &out, NULL);
    RtlFreeHeap(RtlGetProcessHeap(), 0, utf8);
    if (ok && written)
        *written = count;
    return ok;
}

BOOL WINAPI ReadConsoleA(HANDLE handle, PVOID buffer, DWORD count, LPDWORD read, PVOID control)
{
    (void)control;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return ReadFile(handle, buffer, count, read, NULL);
}

BOOL WINAPI ReadConsoleW(HANDLE handle, PVOID buffer, DWORD count, LPDWORD read, PVOID control)
{
    (void)control;
    if (read)
        *read = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    /* One UTF-8 byte per UTF-16 unit at most, so count bytes always fit after conversion. */
    char *utf8 = RtlAllocateHeap(RtlGetProcessHeap(), 0, count ? count : 1);
    if (!utf8) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    DWORD got;
    BOOL ok = ReadFile(handle, utf8, count, &got, NULL);
    if (ok) {
        ULONG bytes;
        RtlUTF8ToUnicodeN(buffer, count * sizeof(WCHAR), &bytes, utf8, got);
        if (read)
            *read = bytes / sizeof(WCHAR);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, utf8);
    return ok;
}

HANDLE WINAPI GetConsoleWindow(void)
{
    return NULL;
}

/* ---- the screen buffer on a terminal ----------------------------------------------------------------------
 * The screen buffer is the terminal's window: its size is the window's (TIOCGWINSZ), with no scrollback
 * rows. Attributes, fills and cursor moves become the escape sequences that do the same on the terminal.
 * What a terminal cannot tell without a round trip is not invented: the cursor position is not tracked
 * (GetConsoleScreenBufferInfo reports the top-left cell), and functions that would need to read the cells
 * back (FillConsoleOutputAttribute, ScrollConsoleScreenBuffer) fail with ERROR_CALL_NOT_IMPLEMENTED. */

typedef struct _COORD {
    SHORT X, Y;
} COORD;

typedef struct _SMALL_RECT {
    SHORT Left, Top, Right, Bottom;
} SMALL_RECT;

typedef struct _CONSOLE_SCREEN_BUFFER_INFO {
    COORD dwSize;
    COORD dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO;

typedef struct _CONSOLE_SCREEN_BUFFER_INFOEX {
    ULONG cbSize;
    COORD dwSize;
    COORD dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
    WORD wPopupAttributes;
    BOOL bFullscreenSupported;
    DWORD ColorTable[16];
} CONSOLE_SCREEN_BUFFER_INFOEX;
static_assert(sizeof(CONSOLE_SCREEN_BUFFER_INFOEX) == 0x60, "CONSOLE_SCREEN_BUFFER_INFOEX");

typedef struct _CONSOLE_CURSOR_INFO {
    DWORD dwSize;
    BOOL bVisible;
} CONSOLE_CURSOR_INFO;

#define FOREGROUND_INTENSITY 0x0008
#define BACKGROUND_INTENSITY 0x0080
#define COMMON_LVB_REVERSE_VIDEO 0x4000
#define COMMON_LVB_UNDERSCORE    0x8000

static WORD text_attribute = 0x07;   /* conhost's default: light grey on black */
static CONSOLE_CURSOR_INFO cursor_info = {25, TRUE};
static WCHAR console_title[1024];

/* The size of the terminal behind a console handle; FALSE with ERROR_INVALID_HANDLE for anything else. */
static BOOL screen_size(HANDLE handle, SHORT *columns, SHORT *rows)
{
    IO_STATUS_BLOCK io;
    ULONG size[2];
    NTSTATUS status = is_console(handle) ? NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io,
                                                                 IOCTL_CONDRV_GET_SIZE, NULL, 0, size, sizeof size)
                                         : STATUS_INVALID_HANDLE;
    if (status != STATUS_SUCCESS)
        return BaseSetNtStatus(status);
    *columns = (SHORT)(size[0] > 0x7FFF ? 0x7FFF : size[0]);
    *rows = (SHORT)(size[1] > 0x7FFF ? 0x7FFF : size[1]);
    return TRUE;
}

static BOOL write_tty(HANDLE handle, const char *s, size_t n)
{
    DWORD written;
    return WriteFile(handle, s, (DWORD)n, &written, NULL);
}

static size_t put_num(char *p, unsigned v)
{
    char tmp[12];
    size_t n = 0, k = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        p[k++] = tmp[--n];
    return k;
}

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE handle, CONSOLE_SCREEN_BUFFER_INFO *info)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    memset(info, 0, sizeof *info);
    info->dwSize.X = info->dwMaximumWindowSize.X = columns;
    info->dwSize.Y = info->dwMaximumWindowSize.Y = rows;
    info->wAttributes = text_attribute;
    info->srWindow.Right = (SHORT)(columns - 1);
    info->srWindow.Bottom = (SHORT)(rows - 1);
    return TRUE;
}

/* The sixteen colours of conhost's default (Campbell) scheme, as COLORREFs. */
static const DWORD campbell[16] = {0x0C0C0C, 0xDA3700, 0x0EA113, 0xDD963A, 0x1F0FC5, 0x981788, 0x009CC1, 0xCCCCCC,
                                   0x767676, 0xFF783B, 0x0CC616, 0xD6D661, 0x5648E7, 0x9E00B4, 0xA5F1F9, 0xF2F2F2};

BOOL WINAPI GetConsoleScreenBufferInfoEx(HANDLE handle, CONSOLE_SCREEN_BUFFER_INFOEX *info)
{
    if (!info || info->cbSize != sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CONSOLE_SCREEN_BUFFER_INFO base;
    if (!GetConsoleScreenBufferInfo(handle, &base))
        return FALSE;
    info->dwSize = base.dwSize;
    info->dwCursorPosition = base.dwCursorPosition;
    info->wAttributes = base.wAttributes;
    info->srWindow = base.srWindow;
    info->dwMaximumWindowSize = base.dwMaximumWindowSize;
    info->wPopupAttributes = 0xF5;
    info->bFullscreenSupported = FALSE;
    memcpy(info->ColorTable, campbell, sizeof campbell);
    return TRUE;
}

/* The attribute as SGR: Windows' colour bits are blue 1, green 2, red 4 (ANSI's are red 1, green 2, blue 4);
 * the default pair (grey on black, 0x07) is the terminal's own default colours. */
BOOL WINAPI SetConsoleTextAttribute(HANDLE handle, WORD attr)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    static const unsigned char ansi[8] = {0, 4, 2, 6, 1, 5, 3, 7};
    char seq[32] = "\x1b[0";
    size_t n = 3;
    unsigned fg = attr & 7, bg = (attr >> 4) & 7;
    if ((attr & 0xFF) != 0x07) {
        seq[n++] = ';';
        n += put_num(seq + n, (attr & FOREGROUND_INTENSITY ? 90 : 30) + ansi[fg]);
        if (bg || (attr & BACKGROUND_INTENSITY)) {
            seq[n++] = ';';
            n += put_num(seq + n, (attr & BACKGROUND_INTENSITY ? 100 : 40) + ansi[bg]);
        }
    }
    if (attr & COMMON_LVB_UNDERSCORE) {
        memcpy(seq + n, ";4", 2);
        n += 2;
    }
    if (attr & COMMON_LVB_REVERSE_VIDEO) {
        memcpy(seq + n, ";7", 2);
        n += 2;
    }
    seq[n++] = 'm';
    if (!write_tty(handle, seq, n))
        return FALSE;
    text_attribute = attr;
    return TRUE;
}

/* "ESC [ row ; col H" for a 0-based cell; FALSE (ERROR_INVALID_PARAMETER) outside the buffer. */
static size_t cursor_to(char *seq, COORD at)
{
    size_t n = 0;
    seq[n++] = 0x1b;
    seq[n++] = '[';
    n += put_num(seq + n, (unsigned)at.Y + 1);
    seq[n++] = ';';
    n += put_num(seq + n, (unsigned)at.X + 1);
    seq[n++] = 'H';
    return n;
}

BOOL WINAPI SetConsoleCursorPosition(HANDLE handle, COORD at)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    if (at.X < 0 || at.Y < 0 || at.X >= columns || at.Y >= rows) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    char seq[32];
    return write_tty(handle, seq, cursor_to(seq, at));
}

/* The character n times from cell at on, clipped to the end of the buffer, with the cursor put back
 * (DECSC/DECRC); *written counts the cells filled. */
BOOL WINAPI FillConsoleOutputCharacterW(HANDLE handle, WCHAR c, DWORD count, COORD at, LPDWORD written)
{
    if (written)
        *written = 0;
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    if (at.X < 0 || at.Y < 0 || at.X >= columns || at.Y >= rows) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD room = (DWORD)(rows - at.Y) * (DWORD)columns - (DWORD)at.X;
    if (count > room)
        count = room;
    unsigned char utf8[4];
    size_t k = RtlpEncodeUtf8(c < 0x20 ? ' ' : c, utf8);
    size_t size = 48 + (size_t)count * k;
    char *buf = RtlAllocateHeap(RtlGetProcessHeap(), 0, size);
    if (!buf) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    size_t n = 0;
    buf[n++] = 0x1b;
    buf[n++] = '7';
    n += cursor_to(buf + n, at);
    for (DWORD i = 0; i < count; i++) {
        memcpy(buf + n, utf8, k);
        n += k;
    }
    buf[n++] = 0x1b;
    buf[n++] = '8';
    BOOL ok = write_tty(handle, buf, n);
    RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
    if (ok && written)
        *written = count;
    return ok;
}

BOOL WINAPI FillConsoleOutputCharacterA(HANDLE handle, char c, DWORD count, COORD at, LPDWORD written)
{
    WCHAR w = (unsigned char)c < 0x80 ? (WCHAR)c : 0xFFFD;
    return FillConsoleOutputCharacterW(handle, w, count, at, written);
}

/* Changing the colours of cells without rewriting them has no escape sequence terminals share. */
BOOL WINAPI FillConsoleOutputAttribute(HANDLE handle, WORD attr, DWORD count, COORD at, LPDWORD written)
{
    (void)attr;
    (void)count;
    (void)at;
    if (written)
        *written = 0;
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

/* Moving a rectangle of cells needs their contents, which the terminal does not give back. */
BOOL WINAPI ScrollConsoleScreenBufferW(HANDLE handle, const SMALL_RECT *scroll, const SMALL_RECT *clip, COORD to,
                                       const void *fill)
{
    (void)scroll;
    (void)clip;
    (void)to;
    (void)fill;
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

BOOL WINAPI ScrollConsoleScreenBufferA(HANDLE handle, const SMALL_RECT *scroll, const SMALL_RECT *clip, COORD to,
                                       const void *fill)
{
    return ScrollConsoleScreenBufferW(handle, scroll, clip, to, fill);
}

BOOL WINAPI GetConsoleCursorInfo(HANDLE handle, CONSOLE_CURSOR_INFO *info)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    *info = cursor_info;
    return TRUE;
}

/* The size (1-100 percent of the cell) is kept; visibility is DECTCEM. */
BOOL WINAPI SetConsoleCursorInfo(HANDLE handle, const CONSOLE_CURSOR_INFO *info)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    if (info->dwSize < 1 || info->dwSize > 100) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!write_tty(handle, info->bVisible ? "\x1b[?25h" : "\x1b[?25l", 6))
        return FALSE;
    cursor_info = *info;
    cursor_info.bVisible = !!info->bVisible;
    return TRUE;
}

/* The title is kept (truncated at 1023 units) and shown on the terminal with OSC 0 through the first
 * standard handle that is a console. */
BOOL WINAPI SetConsoleTitleW(LPCWSTR title)
{
    if (!title) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t n = RtlpWcslen(title);
    if (n >= ARRAY_SIZE(console_title))
        n = ARRAY_SIZE(console_title) - 1;
    memcpy(console_title, title, n * sizeof(WCHAR));
    console_title[n] = 0;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    if (!is_console(out))
        out = GetStdHandle(STD_ERROR_HANDLE);
    if (!is_console(out))
        return TRUE;
    ULONG bytes;
    RtlUnicodeToUTF8N(NULL, 0, &bytes, console_title, (ULONG)(n * sizeof(WCHAR)));
    char *seq = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + 8);
    if (!seq) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(seq, "\x1b]0;", 4);
    RtlUnicodeToUTF8N(seq + 4, bytes, &bytes, console_title, (ULONG)(n * sizeof(WCHAR)));
    for (ULONG i = 0; i < bytes; i++)
        if ((unsigned char)seq[4 + i] < 0x20)
            seq[4 + i] = ' ';   /* a control character would end or break the sequence */
    seq[4 + bytes] = 7;
    BOOL ok = write_tty(out, seq, 5 + bytes);
    RtlFreeHeap(RtlGetProcessHeap(), 0, seq);
    return ok;
}

BOOL WINAPI SetConsoleTitleA(LPCSTR title)
{
    BOOL ok = TRUE;
    WCHAR *w = BaseAnsiToWide(title, &ok);
    if (!ok)
        return FALSE;
    if (!w) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ok = SetConsoleTitleW(w);
    BaseFreeWide(w);
    return ok;
}

/* Copies at most size - 1 units and terminates; returns the units copied. */
DWORD WINAPI GetConsoleTitleW(LPWSTR out, DWORD size)
{
    if (!out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD n = (DWORD)RtlpWcslen(console_title);
    if (n > size - 1)
        n = size - 1;
    memcpy(out, console_title, n * sizeof(WCHAR));
    out[n] = 0;
    return n;
}

DWORD WINAPI GetConsoleTitleA(LPSTR out, DWORD size)
{
    if (!out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD r = BaseWideResultToAnsi(console_title, RtlpWcslen(console_title), out, size);
    if (r >= size) {
        out[0] = 0;
        return 0;
    }
    return r;
}
