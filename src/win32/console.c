/* The console: modes, code pages, WriteConsole/ReadConsole on a terminal (UTF-8 on the host side). */
#include <string.h>

#include "io/console.h"
#include "io/io.h"
#include "ps/ps.h"
#include "win32/k32.h"
#include "win32/nls.h"

BOOL WINAPI IsValidCodePage(UINT cp);   /* string.c */
BOOL WINAPI WriteConsoleW(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved);

/* A console starts in the OEM code page, as Windows' does; SetConsoleOutputCP(CP_UTF8) is how a program asks
 * for UTF-8. WriteFile of bytes to the console passes them to the terminal as they are, whatever the page. */
static UINT console_cp = NTEXEC_OEMCP, console_output_cp = NTEXEC_OEMCP;

/* FreeConsole detaches the process from the terminal: its console handles stop being console handles. */
static bool detached;

/* Is handle a console (a terminal on the host)? */
static bool is_console(HANDLE handle)
{
    if (detached)
        return false;
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

/* Bytes in the console's output page: UTF-8 (65001) goes to the terminal as it is, another page is
 * converted to UTF-8 as conhost converts it to the characters it draws. *written counts the caller's bytes. */
BOOL WINAPI WriteConsoleA(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved)
{
    (void)reserved;
    if (written)
        *written = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    UINT cp = console_output_cp;
    if (cp == CP_UTF8 || !count)
        return WriteFile(handle, buffer, count, written, NULL);
    PVOID heap = RtlGetProcessHeap();
    WCHAR *wide = RtlAllocateHeap(heap, 0, count * sizeof(WCHAR));
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    int units = MultiByteToWideChar(cp, 0, buffer, (int)count, wide, (int)count);
    DWORD wrote;
    BOOL ok = units > 0 && WriteConsoleW(handle, wide, (DWORD)units, &wrote, NULL);
    RtlFreeHeap(heap, 0, wide);
    if (ok && written)
        *written = count;
    return ok;
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

/* The console's input page and UTF-8 (the terminal's) between each other; 65001 needs nothing. */
static ULONG utf8_to_page(UINT cp, char *buffer, ULONG bytes, ULONG size)
{
    if (cp == CP_UTF8 || !bytes)
        return bytes;
    WCHAR *wide = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes * sizeof(WCHAR));
    if (!wide)
        return bytes;
    ULONG units;
    RtlUTF8ToUnicodeN(wide, bytes * sizeof(WCHAR), &units, buffer, bytes);
    int n = WideCharToMultiByte(cp, 0, wide, (int)(units / sizeof(WCHAR)), buffer, (int)size, NULL, NULL);
    RtlFreeHeap(RtlGetProcessHeap(), 0, wide);
    return n > 0 ? (ULONG)n : bytes;
}

/* In line mode (ENABLE_LINE_INPUT) Windows ends the line it gives with "\r\n"; the terminal gives '\n'. The
 * buffer has room for one more byte than bytes. */
static ULONG line_end(HANDLE handle, char *buffer, ULONG bytes)
{
    DWORD mode;
    if (bytes && buffer[bytes - 1] == '\n' && (bytes == 1 || buffer[bytes - 2] != '\r') &&
        GetConsoleMode(handle, &mode) && (mode & ENABLE_LINE_INPUT)) {
        buffer[bytes - 1] = '\r';
        buffer[bytes++] = '\n';
    }
    return bytes;
}

/* Reads a line (line mode) or the keys waiting (else) from the terminal, in the console's input page. */
BOOL WINAPI ReadConsoleA(HANDLE handle, PVOID buffer, DWORD count, LPDWORD read, PVOID control)
{
    (void)control;
    if (read)
        *read = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    char *utf8 = RtlAllocateHeap(RtlGetProcessHeap(), 0, count + 2);
    if (!utf8) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    DWORD got = 0;
    BOOL ok = ReadFile(handle, utf8, count > 1 ? count - 1 : count, &got, NULL);
    if (ok) {
        got = line_end(handle, utf8, got);
        got = utf8_to_page(console_cp, utf8, got, count + 2);
        if (got > count)
            got = count;
        memcpy(buffer, utf8, got);
        if (read)
            *read = got;
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, utf8);
    return ok;
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
    /* One UTF-8 byte per UTF-16 unit at most, so count - 1 bytes and the '\r' line_end adds always fit. */
    char *utf8 = RtlAllocateHeap(RtlGetProcessHeap(), 0, count + 2);
    if (!utf8) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    DWORD got;
    BOOL ok = ReadFile(handle, utf8, count > 1 ? count - 1 : count, &got, NULL);
    if (ok) {
        got = line_end(handle, utf8, got);
        ULONG bytes;
        RtlUTF8ToUnicodeN(buffer, count * sizeof(WCHAR), &bytes, utf8, got);
        if (read)
            *read = bytes / sizeof(WCHAR);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, utf8);
    return ok;
}

/* ---- input events ------------------------------------------------------------------------------------------
 * ReadConsoleInput and its family see the terminal's keys as the key events a keyboard gives conhost: a press
 * and a release for each key, with Shift pressed around it for a capital or a shifted symbol (US layout),
 * the virtual key and scan code of the key, as Wine's conhost does for a terminal. Keys are taken from the
 * terminal with its line discipline off for the read (as conhost reads raw keys whatever the input mode), so
 * an unfinished line's keys are events too. Escape sequences of the cursor and editing keys become those keys;
 * characters no US key gives are VK_PACKET events, as SendInput's Unicode keys are. */

typedef struct _KEY_EVENT_RECORD {
    BOOL bKeyDown;
    WORD wRepeatCount;
    WORD wVirtualKeyCode;
    WORD wVirtualScanCode;
    union {
        WCHAR UnicodeChar;
        CHAR AsciiChar;
    } uChar;
    DWORD dwControlKeyState;
} KEY_EVENT_RECORD;

typedef struct _INPUT_RECORD {
    WORD EventType;
    union {
        KEY_EVENT_RECORD KeyEvent;
        BYTE raw[16];
    } Event;
} INPUT_RECORD;
static_assert(sizeof(INPUT_RECORD) == 20, "INPUT_RECORD");

#define KEY_EVENT         0x0001
#define SHIFT_PRESSED     0x0010
#define LEFT_CTRL_PRESSED 0x0008
#define ENHANCED_KEY      0x0100
#define VK_SHIFT          0x10
#define VK_CONTROL        0x11
#define VK_PACKET         0xE7

static RTL_CRITICAL_SECTION input_lock;
static INPUT_RECORD events[256];
static ULONG nevents;
static char partial[8];   /* an unfinished UTF-8 sequence or escape sequence from the last read */
static ULONG npartial;

/* US layout: the virtual key (low byte) and Shift (0x100) of the ASCII characters 0x20-0x7E, as VkKeyScanW. */
static WORD vk_of(char c)
{
    static const char shifted_digits[] = ")!@#$%^&*(";
    static const struct {
        char plain, shifted;
        BYTE vk;
    } oem[] = {{';', ':', 0xBA}, {'=', '+', 0xBB}, {',', '<', 0xBC}, {'-', '_', 0xBD}, {'.', '>', 0xBE},
               {'/', '?', 0xBF}, {'`', '~', 0xC0}, {'[', '{', 0xDB}, {'\\', '|', 0xDC}, {']', '}', 0xDD},
               {'\'', '"', 0xDE}};
    if (c >= 'a' && c <= 'z')
        return (WORD)(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z')
        return (WORD)(0x100 | c);
    if ((c >= '0' && c <= '9') || c == ' ')
        return (WORD)c;
    for (int i = 0; i < 10; i++)
        if (shifted_digits[i] == c)
            return (WORD)(0x100 | ('0' + i));
    for (size_t i = 0; i < sizeof oem / sizeof oem[0]; i++) {
        if (oem[i].plain == c)
            return oem[i].vk;
        if (oem[i].shifted == c)
            return (WORD)(0x100 | oem[i].vk);
    }
    return 0;
}

/* The set-1 scan code of a virtual key (MapVirtualKeyW(MAPVK_VK_TO_VSC)) on a US keyboard. */
static WORD scan_of(WORD vk)
{
    static const char row1[] = "QWERTYUIOP", row2[] = "ASDFGHJKL", row3[] = "ZXCVBNM";
    for (int i = 0; row1[i]; i++)
        if (vk == (WORD)row1[i])
            return (WORD)(0x10 + i);
    for (int i = 0; row2[i]; i++)
        if (vk == (WORD)row2[i])
            return (WORD)(0x1E + i);
    for (int i = 0; row3[i]; i++)
        if (vk == (WORD)row3[i])
            return (WORD)(0x2C + i);
    if (vk >= '1' && vk <= '9')
        return (WORD)(vk - '1' + 2);
    static const struct {
        BYTE vk, scan;
    } other[] = {{'0', 0x0B},  {0x1B, 0x01}, {0x08, 0x0E}, {0x09, 0x0F}, {0x0D, 0x1C}, {0x10, 0x2A}, {0x11, 0x1D},
                 {0x20, 0x39}, {0xBA, 0x27}, {0xBB, 0x0D}, {0xBC, 0x33}, {0xBD, 0x0C}, {0xBE, 0x34}, {0xBF, 0x35},
                 {0xC0, 0x29}, {0xDB, 0x1A}, {0xDC, 0x2B}, {0xDD, 0x1B}, {0xDE, 0x28}, {0x21, 0x49}, {0x22, 0x51},
                 {0x23, 0x4F}, {0x24, 0x47}, {0x25, 0x4B}, {0x26, 0x48}, {0x27, 0x4D}, {0x28, 0x50}, {0x2D, 0x52},
                 {0x2E, 0x53}};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (other[i].vk == vk)
            return other[i].scan;
    return 0;
}

static void push_key(BOOL down, WORD vk, WCHAR ch, DWORD state)
{
    if (nevents == sizeof events / sizeof events[0])
        return;   /* conhost's buffer grows; a terminal typing faster than 128 keys unread is not expected */
    INPUT_RECORD *r = &events[nevents++];
    memset(r, 0, sizeof *r);
    r->EventType = KEY_EVENT;
    r->Event.KeyEvent.bKeyDown = down;
    r->Event.KeyEvent.wRepeatCount = 1;
    r->Event.KeyEvent.wVirtualKeyCode = vk;
    r->Event.KeyEvent.wVirtualScanCode = vk == VK_PACKET ? 0 : scan_of(vk);
    r->Event.KeyEvent.uChar.UnicodeChar = ch;
    r->Event.KeyEvent.dwControlKeyState = state;
}

/* One key: its press and release, with modifier (VK_SHIFT or VK_CONTROL, or 0) held around them. */
static void push_press(WORD vk, WCHAR ch, WORD modifier, DWORD extra)
{
    DWORD state = extra | (modifier == VK_SHIFT ? SHIFT_PRESSED : modifier == VK_CONTROL ? LEFT_CTRL_PRESSED : 0);
    if (modifier)
        push_key(TRUE, modifier, 0, state & ~ENHANCED_KEY);
    push_key(TRUE, vk, ch, state);
    push_key(FALSE, vk, ch, state);
    if (modifier)
        push_key(FALSE, modifier, 0, 0);
}

/* The key of an escape sequence ("\x1b[A", "\x1bOA", "\x1b[3~", ...); 0 when it names none. */
static WORD escape_key(const char *seq, ULONG n)
{
    static const struct {
        const char *seq;
        BYTE vk;
    } keys[] = {{"[A", 0x26}, {"[B", 0x28}, {"[C", 0x27}, {"[D", 0x25}, {"[H", 0x24}, {"[F", 0x23},
                {"OA", 0x26}, {"OB", 0x28}, {"OC", 0x27}, {"OD", 0x25}, {"OH", 0x24}, {"OF", 0x23},
                {"[1~", 0x24}, {"[2~", 0x2D}, {"[3~", 0x2E}, {"[4~", 0x23}, {"[5~", 0x21}, {"[6~", 0x22}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].seq) == n && !memcmp(keys[i].seq, seq, n))
            return keys[i].vk;
    return 0;
}

/* Turns bytes from the terminal into key events; an unfinished sequence at the end waits in partial. */
static void decode_keys(const char *bytes, ULONG n)
{
    ULONG i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == 0x1B) {
            /* An escape sequence when more follows at once: ESC [ or ESC O, parameters, a final byte. */
            ULONG j = i + 1;
            if (j < n && (bytes[j] == '[' || bytes[j] == 'O')) {
                j++;
                while (j < n && ((bytes[j] >= '0' && bytes[j] <= '9') || bytes[j] == ';'))
                    j++;
                if (j == n && n - i < sizeof partial) {
                    npartial = n - i;
                    memcpy(partial, bytes + i, npartial);
                    return;
                }
                WORD vk = j < n ? escape_key(bytes + i + 1, j + 1 - (i + 1)) : 0;
                if (vk) {
                    push_press(vk, 0, 0, ENHANCED_KEY);
                    i = j + 1;
                    continue;
                }
            }
            push_press(0x1B, 0x1B, 0, 0);
            i++;
            continue;
        }
        if (c >= 0x80) {
            /* A UTF-8 character: VK_PACKET with its UTF-16 units. */
            ULONG len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i + len > n) {
                npartial = n - i;
                memcpy(partial, bytes + i, npartial);
                return;
            }
            WCHAR w[2];
            ULONG units = 0;
            RtlUTF8ToUnicodeN(w, sizeof w, &units, bytes + i, len);
            for (ULONG k = 0; k < units / sizeof(WCHAR); k++)
                push_press(VK_PACKET, w[k], 0, 0);
            i += len;
            continue;
        }
        i++;
        if (c == '\r' || c == '\n')
            push_press(0x0D, '\r', 0, 0);
        else if (c == 0x7F || c == 0x08)
            push_press(0x08, 0x08, 0, 0);
        else if (c == '\t')
            push_press(0x09, '\t', 0, 0);
        else if (c >= 1 && c <= 26)
            push_press((WORD)('A' + c - 1), c, VK_CONTROL, 0);
        else if (c < 0x20)
            push_press(VK_PACKET, c, 0, 0);
        else {
            WORD k = vk_of((char)c);
            push_press(k ? (WORD)(k & 0xFF) : VK_PACKET, c, k & 0x100 ? VK_SHIFT : 0, 0);
        }
    }
}

static NTSTATUS set_mode(HANDLE handle, ULONG mode)
{
    IO_STATUS_BLOCK io;
    return NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_SET_MODE, &mode, sizeof mode, NULL, 0);
}

/* Takes the keys the terminal has (waiting for one when wait) into the event queue. Called with input_lock
 * held, on a console input handle. */
static NTSTATUS fill_events(HANDLE handle, bool wait)
{
    IO_STATUS_BLOCK io;
    ULONG mode, pending = 0;
    NTSTATUS status = NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_GET_MODE, NULL, 0, &mode,
                                            sizeof mode);
    if (status != STATUS_SUCCESS)
        return status;
    while (nevents == 0 || !wait) {
        status = NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_INPUT_PENDING, NULL, 0, &pending,
                                       sizeof pending);
        if (status != STATUS_SUCCESS)
            return status;
        if (!pending && (!wait || nevents))
            return STATUS_SUCCESS;
        /* Raw for the read, the mode put back after it (the console's mode does not change). */
        bool raw = mode & (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT);
        if (raw)
            set_mode(handle, mode & ~(ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT));
        char buffer[64 + sizeof partial];
        memcpy(buffer, partial, npartial);
        DWORD got = 0;
        BOOL ok = ReadFile(handle, buffer + npartial, 64, &got, NULL);
        if (raw)
            set_mode(handle, mode);
        if (!ok)
            return STATUS_UNSUCCESSFUL;
        if (!got)
            return STATUS_SUCCESS;   /* the end of the terminal's input */
        ULONG n = npartial + got;
        npartial = 0;
        decode_keys(buffer, n);
        if (!wait && nevents)
            return STATUS_SUCCESS;
    }
    return STATUS_SUCCESS;
}

/* Reads (remove) or peeks at up to length events, waiting for one when wait. */
static BOOL input_events(HANDLE handle, INPUT_RECORD *out, DWORD length, LPDWORD count, bool remove, bool wait)
{
    if (count)
        *count = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    RtlEnterCriticalSection(&input_lock);
    NTSTATUS status = length ? fill_events(handle, wait) : STATUS_SUCCESS;
    ULONG n = nevents < length ? nevents : length;
    if (status == STATUS_SUCCESS) {
        memcpy(out, events, n * sizeof *out);
        if (remove) {
            memmove(events, events + n, (nevents - n) * sizeof *events);
            nevents -= n;
        }
        if (count)
            *count = n;
    }
    RtlLeaveCriticalSection(&input_lock);
    return status == STATUS_SUCCESS ? TRUE : BaseSetNtStatus(status);
}

/* The A forms give each character in the console's input page (one byte; 0 when it has none). */
static void events_to_page(INPUT_RECORD *records, DWORD n)
{
    for (DWORD i = 0; i < n; i++) {
        if (records[i].EventType != KEY_EVENT)
            continue;
        WCHAR w = records[i].Event.KeyEvent.uChar.UnicodeChar;
        char c[4];
        int len = w < 0x80 ? 1 : WideCharToMultiByte(console_cp, 0, &w, 1, c, sizeof c, NULL, NULL);
        records[i].Event.KeyEvent.uChar.UnicodeChar = 0;
        records[i].Event.KeyEvent.uChar.AsciiChar = w < 0x80 ? (CHAR)w : len == 1 ? c[0] : 0;
    }
}

BOOL WINAPI ReadConsoleInputW(HANDLE handle, INPUT_RECORD *buffer, DWORD length, LPDWORD count)
{
    return input_events(handle, buffer, length, count, true, true);
}

BOOL WINAPI PeekConsoleInputW(HANDLE handle, INPUT_RECORD *buffer, DWORD length, LPDWORD count)
{
    return input_events(handle, buffer, length, count, false, false);
}

BOOL WINAPI ReadConsoleInputA(HANDLE handle, INPUT_RECORD *buffer, DWORD length, LPDWORD count)
{
    DWORD n = 0;
    BOOL ok = input_events(handle, buffer, length, &n, true, true);
    if (ok)
        events_to_page(buffer, n);
    if (count)
        *count = n;
    return ok;
}

BOOL WINAPI PeekConsoleInputA(HANDLE handle, INPUT_RECORD *buffer, DWORD length, LPDWORD count)
{
    DWORD n = 0;
    BOOL ok = input_events(handle, buffer, length, &n, false, false);
    if (ok)
        events_to_page(buffer, n);
    if (count)
        *count = n;
    return ok;
}

BOOL WINAPI GetNumberOfConsoleInputEvents(HANDLE handle, LPDWORD count)
{
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    RtlEnterCriticalSection(&input_lock);
    NTSTATUS status = fill_events(handle, false);
    if (status == STATUS_SUCCESS)
        *count = nevents;
    RtlLeaveCriticalSection(&input_lock);
    return status == STATUS_SUCCESS ? TRUE : BaseSetNtStatus(status);
}

/* Adds events after those already queued, as if typed; *written counts those the queue took. */
static BOOL write_events(HANDLE handle, const INPUT_RECORD *records, DWORD length, LPDWORD written, bool ansi)
{
    if (written)
        *written = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    RtlEnterCriticalSection(&input_lock);
    DWORD n = 0;
    for (; n < length && nevents < sizeof events / sizeof events[0]; n++) {
        INPUT_RECORD *r = &events[nevents++];
        *r = records[n];
        if (ansi && r->EventType == KEY_EVENT) {
            CHAR c = r->Event.KeyEvent.uChar.AsciiChar;
            WCHAR w = 0;
            if (c && MultiByteToWideChar(console_cp, 0, &c, 1, &w, 1) != 1)
                w = 0;
            r->Event.KeyEvent.uChar.UnicodeChar = w;
        }
    }
    RtlLeaveCriticalSection(&input_lock);
    if (written)
        *written = n;
    return TRUE;
}

BOOL WINAPI WriteConsoleInputW(HANDLE handle, const INPUT_RECORD *records, DWORD length, LPDWORD written)
{
    return write_events(handle, records, length, written, false);
}

BOOL WINAPI WriteConsoleInputA(HANDLE handle, const INPUT_RECORD *records, DWORD length, LPDWORD written)
{
    return write_events(handle, records, length, written, true);
}

/* Drops the queued events and the keys waiting in the terminal. */
BOOL WINAPI FlushConsoleInputBuffer(HANDLE handle)
{
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    RtlEnterCriticalSection(&input_lock);
    NTSTATUS status = fill_events(handle, false);
    nevents = 0;
    npartial = 0;
    RtlLeaveCriticalSection(&input_lock);
    return status == STATUS_SUCCESS ? TRUE : BaseSetNtStatus(status);
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

/* ---- attaching -------------------------------------------------------------------------------------------
 * Every process of the tree shares one console, the terminal. A process has it from the start, so AllocConsole
 * and AttachConsole fail with ERROR_ACCESS_DENIED, as Windows does for a process with a console. After
 * FreeConsole, AllocConsole and AttachConsole attach it to the terminal again (opened anew as CONIN$ and
 * CONOUT$, which become the standard handles, as Windows gives the new console's handles); with no terminal
 * there is no console to attach to (ERROR_INVALID_HANDLE, Windows' answer for a parent without a console). */


#define ATTACH_PARENT_PROCESS ((DWORD)-1)

static BOOL attach_terminal(void)
{
    if (!detached) {
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    HANDLE in = CreateFileW(u"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                            OPEN_EXISTING, 0, NULL);
    HANDLE out = CreateFileW(u"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                             OPEN_EXISTING, 0, NULL);
    detached = false;
    if (in == INVALID_HANDLE_VALUE || out == INVALID_HANDLE_VALUE || !is_console(in) || !is_console(out)) {
        if (in != INVALID_HANDLE_VALUE)
            CloseHandle(in);
        if (out != INVALID_HANDLE_VALUE)
            CloseHandle(out);
        detached = true;
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    SetStdHandle(STD_INPUT_HANDLE, in);
    SetStdHandle(STD_OUTPUT_HANDLE, out);
    SetStdHandle(STD_ERROR_HANDLE, out);
    return TRUE;
}

BOOL WINAPI AllocConsole(void)
{
    return attach_terminal();
}

BOOL WINAPI AttachConsole(DWORD pid)
{
    if (pid != ATTACH_PARENT_PROCESS) {
        /* A process that does not exist is ERROR_INVALID_PARAMETER (Microsoft's AttachConsole page). */
        HANDLE process;
        OBJECT_ATTRIBUTES attr = {sizeof attr, 0, 0, 0, 0, 0};
        CLIENT_ID id = {(HANDLE)(ULONG_PTR)pid, 0};
        if (NtOpenProcess(&process, SYNCHRONIZE, &attr, &id) != STATUS_SUCCESS) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        NtClose(process);
    }
    return attach_terminal();
}

BOOL WINAPI FreeConsole(void)
{
    detached = true;
    return TRUE;
}

/* ---- screen buffers ------------------------------------------------------------------------------------------
 * The console has one screen buffer, the terminal's window: there is no second buffer to draw into out of
 * sight (a terminal's alternate screen is one more, but writes to a buffer that is not shown would have
 * to be kept and drawn later, which the terminal cannot do), so CreateConsoleScreenBuffer fails with
 * ERROR_CALL_NOT_IMPLEMENTED after the checks Windows makes, and SetConsoleActiveScreenBuffer accepts the
 * one buffer there is, which is already active. */

#define CONSOLE_TEXTMODE_BUFFER 1

HANDLE WINAPI CreateConsoleScreenBuffer(DWORD access, DWORD share, const SECURITY_ATTRIBUTES *sa, DWORD flags,
                                        LPVOID data)
{
    (void)access;
    (void)share;
    (void)sa;
    (void)data;
    if (flags != CONSOLE_TEXTMODE_BUFFER) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE out = CreateFileW(u"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                             OPEN_EXISTING, 0, NULL);
    bool console = out != INVALID_HANDLE_VALUE && is_console(out);
    if (out != INVALID_HANDLE_VALUE)
        CloseHandle(out);
    SetLastError(console ? ERROR_CALL_NOT_IMPLEMENTED : ERROR_INVALID_HANDLE);   /* no console: nothing to add to */
    return INVALID_HANDLE_VALUE;
}

BOOL WINAPI SetConsoleActiveScreenBuffer(HANDLE handle)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status = is_console(handle) ? NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io,
                                                                 IOCTL_CONDRV_SCREEN_BUFFER, NULL, 0, NULL, 0)
                                         : STATUS_INVALID_HANDLE;
    return BaseSetNtStatus(status);
}

/* The terminal's size: the largest window it has. */
COORD WINAPI GetLargestConsoleWindowSize(HANDLE handle)
{
    COORD size = {0, 0};
    SHORT columns, rows;
    if (screen_size(handle, &columns, &rows)) {
        size.X = columns;
        size.Y = rows;
    }
    return size;
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

/* The SGR sequence of an attribute (at most 32 bytes); see SetConsoleTextAttribute. */
static size_t attribute_sgr(char *seq, WORD attr)
{
    static const unsigned char ansi[8] = {0, 4, 2, 6, 1, 5, 3, 7};
    size_t n = 0;
    seq[n++] = 0x1b;
    seq[n++] = '[';
    seq[n++] = '0';
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
    return n;
}

/* The attribute as SGR: Windows' colour bits are blue 1, green 2, red 4 (ANSI's are red 1, green 2, blue 4);
 * the default pair (grey on black, 0x07) is the terminal's own default colours. */
BOOL WINAPI SetConsoleTextAttribute(HANDLE handle, WORD attr)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    char seq[32];
    size_t n = attribute_sgr(seq, attr);
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

/* ---- writing and reading cells -------------------------------------------------------------------------------
 * Writing characters at a cell is CUP and the characters between DECSC and DECRC, a row at a time; writing
 * CHAR_INFO cells adds each cell's attribute as SGR where it changes, then the current attribute again.
 * Reading cells, or changing attributes alone, needs the cells back from the terminal, which it cannot give:
 * those fail with ERROR_CALL_NOT_IMPLEMENTED, as FillConsoleOutputAttribute does. */

typedef struct _CHAR_INFO {
    union {
        WCHAR UnicodeChar;
        CHAR AsciiChar;
    } Char;
    WORD Attributes;
} CHAR_INFO;

/* A growing buffer of the bytes for the terminal. */
struct seq {
    char *buf;
    size_t n, size;
    bool failed;
};

static void seq_put(struct seq *q, const char *bytes, size_t n)
{
    if (q->failed)
        return;
    if (q->n + n > q->size) {
        size_t size = q->size ? q->size * 2 : 256;
        while (size < q->n + n)
            size *= 2;
        PVOID heap = RtlGetProcessHeap();
        char *grown = q->buf ? RtlReAllocateHeap(heap, 0, q->buf, size) : RtlAllocateHeap(heap, 0, size);
        if (!grown) {
            q->failed = true;
            return;
        }
        q->buf = grown;
        q->size = size;
    }
    memcpy(q->buf + q->n, bytes, n);
    q->n += n;
}

static void seq_char(struct seq *q, WCHAR c)
{
    unsigned char utf8[4];
    size_t k = RtlpEncodeUtf8(c < 0x20 || (c >= 0xD800 && c < 0xE000) ? ' ' : c, utf8);
    seq_put(q, (const char *)utf8, k);
}

static void seq_cursor(struct seq *q, SHORT x, SHORT y)
{
    char cup[32];
    COORD at = {x, y};
    seq_put(q, cup, cursor_to(cup, at));
}

static BOOL seq_write(HANDLE handle, struct seq *q)
{
    BOOL ok = FALSE;
    if (q->failed)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else
        ok = write_tty(handle, q->buf, q->n);
    if (q->buf)
        RtlFreeHeap(RtlGetProcessHeap(), 0, q->buf);
    return ok;
}

/* The characters from cell at on, row after row, clipped at the end of the buffer; *written counts them. */
BOOL WINAPI WriteConsoleOutputCharacterW(HANDLE handle, LPCWSTR chars, DWORD length, COORD at, LPDWORD written)
{
    if (written)
        *written = 0;
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    if (at.X < 0 || at.Y < 0 || at.X >= columns || at.Y >= rows || (length && !chars)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct seq q = {0};
    seq_put(&q, "\x1b" "7", 2);
    DWORD done = 0;
    for (SHORT y = at.Y, x = at.X; done < length && y < rows; y++, x = 0) {
        seq_cursor(&q, x, y);
        for (; x < columns && done < length; x++)
            seq_char(&q, chars[done++]);
    }
    seq_put(&q, "\x1b" "8", 2);
    BOOL ok = seq_write(handle, &q);
    if (ok && written)
        *written = done;
    return ok;
}

/* The bytes in the console's output page (see WriteConsoleA). */
BOOL WINAPI WriteConsoleOutputCharacterA(HANDLE handle, LPCSTR chars, DWORD length, COORD at, LPDWORD written)
{
    if (written)
        *written = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    WCHAR *wide = RtlAllocateHeap(RtlGetProcessHeap(), 0, (length ? length : 1) * sizeof(WCHAR));
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    int units = length ? MultiByteToWideChar(console_output_cp, 0, chars, (int)length, wide, (int)length) : 0;
    DWORD n = 0;
    BOOL ok = WriteConsoleOutputCharacterW(handle, wide, (DWORD)units, at, &n);
    RtlFreeHeap(RtlGetProcessHeap(), 0, wide);
    /* Windows counts the caller's characters */
    if (ok && written)
        *written = n == (DWORD)units ? length : n;
    return ok;
}

/* The cells of a size.X x size.Y array from (from.X, from.Y) on into the rectangle *region of the screen,
 * clipped to both; *region becomes the rectangle written. */
static BOOL write_cells(HANDLE handle, const CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region, bool ansi)
{
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    if (!cells || !region || size.X <= 0 || size.Y <= 0 || from.X < 0 || from.Y < 0 || from.X >= size.X ||
        from.Y >= size.Y) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int left = region->Left, top = region->Top;
    int right = region->Right, bottom = region->Bottom;
    if (right - left + 1 > size.X - from.X)
        right = left + size.X - from.X - 1;
    if (bottom - top + 1 > size.Y - from.Y)
        bottom = top + size.Y - from.Y - 1;
    int sx = from.X, sy = from.Y;
    if (left < 0) {
        sx -= left;
        left = 0;
    }
    if (top < 0) {
        sy -= top;
        top = 0;
    }
    if (right >= columns)
        right = columns - 1;
    if (bottom >= rows)
        bottom = rows - 1;
    if (left > right || top > bottom) {
        region->Right = (SHORT)(region->Left - 1);
        region->Bottom = (SHORT)(region->Top - 1);
        return TRUE;
    }
    struct seq q = {0};
    char sgr[32];
    seq_put(&q, "\x1b" "7", 2);
    int last = -1;
    for (int y = top; y <= bottom; y++) {
        seq_cursor(&q, (SHORT)left, (SHORT)y);
        const CHAR_INFO *row = cells + (size_t)(sy + y - top) * (size_t)size.X + (size_t)sx;
        for (int x = 0; x <= right - left; x++) {
            WORD attr = row[x].Attributes & 0xC0FF;
            if (attr != last) {
                seq_put(&q, sgr, attribute_sgr(sgr, attr));
                last = attr;
            }
            WCHAR c = row[x].Char.UnicodeChar;
            if (ansi) {
                CHAR a = row[x].Char.AsciiChar;
                c = (unsigned char)a < 0x80 ? (WCHAR)a : 0;
                if (!c && a && MultiByteToWideChar(console_output_cp, 0, &a, 1, &c, 1) != 1)
                    c = 0xFFFD;
            }
            seq_char(&q, c);
        }
    }
    seq_put(&q, sgr, attribute_sgr(sgr, text_attribute));
    seq_put(&q, "\x1b" "8", 2);
    if (!seq_write(handle, &q))
        return FALSE;
    region->Left = (SHORT)left;
    region->Top = (SHORT)top;
    region->Right = (SHORT)right;
    region->Bottom = (SHORT)bottom;
    return TRUE;
}

BOOL WINAPI WriteConsoleOutputW(HANDLE handle, const CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region)
{
    return write_cells(handle, cells, size, from, region, false);
}

BOOL WINAPI WriteConsoleOutputA(HANDLE handle, const CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region)
{
    return write_cells(handle, cells, size, from, region, true);
}

/* The calls that need cells back from the terminal. */
static BOOL cells_unavailable(HANDLE handle, LPDWORD count)
{
    if (count)
        *count = 0;
    SHORT columns, rows;
    if (!screen_size(handle, &columns, &rows))
        return FALSE;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

BOOL WINAPI WriteConsoleOutputAttribute(HANDLE handle, const WORD *attrs, DWORD length, COORD at, LPDWORD written)
{
    (void)attrs;
    (void)length;
    (void)at;
    return cells_unavailable(handle, written);
}

BOOL WINAPI ReadConsoleOutputCharacterW(HANDLE handle, LPWSTR chars, DWORD length, COORD at, LPDWORD read)
{
    (void)chars;
    (void)length;
    (void)at;
    return cells_unavailable(handle, read);
}

BOOL WINAPI ReadConsoleOutputCharacterA(HANDLE handle, LPSTR chars, DWORD length, COORD at, LPDWORD read)
{
    (void)chars;
    (void)length;
    (void)at;
    return cells_unavailable(handle, read);
}

BOOL WINAPI ReadConsoleOutputAttribute(HANDLE handle, LPWORD attrs, DWORD length, COORD at, LPDWORD read)
{
    (void)attrs;
    (void)length;
    (void)at;
    return cells_unavailable(handle, read);
}

BOOL WINAPI ReadConsoleOutputW(HANDLE handle, CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region)
{
    (void)cells;
    (void)size;
    (void)from;
    (void)region;
    return cells_unavailable(handle, NULL);
}

BOOL WINAPI ReadConsoleOutputA(HANDLE handle, CHAR_INFO *cells, COORD size, COORD from, SMALL_RECT *region)
{
    (void)cells;
    (void)size;
    (void)from;
    (void)region;
    return cells_unavailable(handle, NULL);
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
