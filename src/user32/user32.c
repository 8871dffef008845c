/*
 * user32.dll, the part a console program uses: character functions, string resources, wsprintf
 * (wsprintf.c), and the few window-system queries such programs make. There is no window system:
 * MessageBox writes its caption and text to stderr and answers the default button, as if the user had
 * pressed Enter; the keyboard has no key down; the screen metrics are 0, as GetSystemMetrics answers
 * an index it does not know, and there is no mouse; there is no desktop or foreground window (NULL), and
 * FindWindow finds none; MessageBeep sounds the terminal's bell.
 * The ANSI code page is UTF-8 (win32/k32.h), which has no DBCS lead bytes: CharNextA/CharPrevA step
 * one byte, as they do on Windows with code page 65001 (they only know double-byte pages).
 */
#include <stdlib.h>
#include <string.h>

#include "io/builtin.h"
#include "pe/pe.h"
#include "user32/user32.h"
#include "win32/k32.h"

int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL *used_default);
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len);
HMODULE WINAPI GetModuleHandleW(LPCWSTR name);
PVOID WINAPI GetProcAddress(HMODULE module, LPCSTR name);
int WINAPI wvsprintfW(LPWSTR buffer, LPCWSTR format, __builtin_ms_va_list ap);
int WINAPI wvsprintfA(LPSTR buffer, LPCSTR format, __builtin_ms_va_list ap);
int WINAPI wsprintfW(LPWSTR buffer, LPCWSTR format, ...);
int WINAPI wsprintfA(LPSTR buffer, LPCSTR format, ...);

typedef void *HWND, *HICON, *HCURSOR, *HKL;
#define ERROR_INVALID_WINDOW_HANDLE 1400

/* A "string" argument whose high bits are zero is a single character (CharUpper's convention). */
#define IS_CHAR_ARG(p) (((ULONG_PTR)(p) >> 16) == 0)

/* ---- case and character classes ------------------------------------------------------------------- */

static WCHAR upcase(WCHAR c) { return RtlUpcaseUnicodeChar(c); }
static WCHAR downcase(WCHAR c) { return RtlDowncaseUnicodeChar(c); }

static void map_wide(LPWSTR s, DWORD n, WCHAR (*f)(WCHAR))
{
    for (DWORD i = 0; i < n; i++)
        s[i] = f(s[i]);
}

/* In place over n bytes of UTF-8: each character re-encoded when its mapped form has the same length
 * (the UTF-8 forms of a few pairs differ in length; those stay as they are). */
static void map_ansi(LPSTR s, DWORD n, WCHAR (*f)(WCHAR))
{
    unsigned char *p = (unsigned char *)s;
    for (DWORD i = 0; i < n;) {
        uint32_t c;
        size_t len = RtlpDecodeUtf8(p + i, n - i, &c);
        if (!len) {
            i++;
            continue;
        }
        if (c < 0x10000) {
            unsigned char enc[4];
            uint32_t m = f((WCHAR)c);
            if (RtlpEncodeUtf8(m, enc) == len)
                memcpy(p + i, enc, len);
        }
        i += (DWORD)len;
    }
}

LPWSTR WINAPI CharUpperW(LPWSTR s)
{
    if (IS_CHAR_ARG(s))
        return (LPWSTR)(ULONG_PTR)upcase((WCHAR)(ULONG_PTR)s);
    map_wide(s, (DWORD)RtlpWcslen(s), upcase);
    return s;
}

LPWSTR WINAPI CharLowerW(LPWSTR s)
{
    if (IS_CHAR_ARG(s))
        return (LPWSTR)(ULONG_PTR)downcase((WCHAR)(ULONG_PTR)s);
    map_wide(s, (DWORD)RtlpWcslen(s), downcase);
    return s;
}

DWORD WINAPI CharUpperBuffW(LPWSTR s, DWORD n)
{
    if (!s)
        return 0;
    map_wide(s, n, upcase);
    return n;
}

DWORD WINAPI CharLowerBuffW(LPWSTR s, DWORD n)
{
    if (!s)
        return 0;
    map_wide(s, n, downcase);
    return n;
}

static ULONG_PTR char_arg_ansi(ULONG_PTR c, WCHAR (*f)(WCHAR))
{
    unsigned char b = (unsigned char)c;
    return b < 0x80 ? f(b) : b;   /* a lone byte >= 0x80 is not a character in UTF-8 */
}

LPSTR WINAPI CharUpperA(LPSTR s)
{
    if (IS_CHAR_ARG(s))
        return (LPSTR)char_arg_ansi((ULONG_PTR)s, upcase);
    map_ansi(s, (DWORD)strlen(s), upcase);
    return s;
}

LPSTR WINAPI CharLowerA(LPSTR s)
{
    if (IS_CHAR_ARG(s))
        return (LPSTR)char_arg_ansi((ULONG_PTR)s, downcase);
    map_ansi(s, (DWORD)strlen(s), downcase);
    return s;
}

DWORD WINAPI CharUpperBuffA(LPSTR s, DWORD n)
{
    if (!s)
        return 0;
    map_ansi(s, n, upcase);
    return n;
}

DWORD WINAPI CharLowerBuffA(LPSTR s, DWORD n)
{
    if (!s)
        return 0;
    map_ansi(s, n, downcase);
    return n;
}

LPWSTR WINAPI CharNextW(LPCWSTR s)
{
    return (LPWSTR)(*s ? s + 1 : s);
}

LPWSTR WINAPI CharPrevW(LPCWSTR start, LPCWSTR s)
{
    return (LPWSTR)(s > start ? s - 1 : start);
}

LPSTR WINAPI CharNextA(LPCSTR s)
{
    return (LPSTR)(*s ? s + 1 : s);
}

LPSTR WINAPI CharNextExA(WORD cp, LPCSTR s, DWORD flags)
{
    (void)cp;
    (void)flags;
    return (LPSTR)(*s ? s + 1 : s);
}

LPSTR WINAPI CharPrevA(LPCSTR start, LPCSTR s)
{
    return (LPSTR)(s > start ? s - 1 : start);
}

LPSTR WINAPI CharPrevExA(WORD cp, LPCSTR start, LPCSTR s, DWORD flags)
{
    (void)cp;
    (void)flags;
    return CharPrevA(start, s);
}

/* GetStringTypeW's CT_CTYPE1 bits. */
#define C1_UPPER 0x0001
#define C1_LOWER 0x0002
#define C1_DIGIT 0x0004
#define C1_ALPHA 0x0100

typedef BOOL(WINAPI *get_string_type_fn)(DWORD type, LPCWSTR s, int n, WORD *out);

/* The class of c as kernel32's GetStringTypeW gives it (as user32 asks it on Windows); without that
 * export, from the case tables: a character with another case is a letter of that case. */
static WORD char_type(WCHAR c)
{
    static get_string_type_fn get_type;
    static BOOL looked;
    if (!looked) {
        HMODULE k32 = GetModuleHandleW(u"kernel32.dll");
        get_type = k32 ? (get_string_type_fn)GetProcAddress(k32, "GetStringTypeW") : NULL;
        looked = TRUE;
    }
    WORD t = 0;
    if (get_type && get_type(1 /* CT_CTYPE1 */, &c, 1, &t))
        return t;
    if (c >= '0' && c <= '9')
        return C1_DIGIT;
    if (downcase(c) != c)
        return C1_ALPHA | C1_UPPER;
    if (upcase(c) != c || c == 0xDF || c == 0xAA || c == 0xBA)
        return C1_ALPHA | C1_LOWER;
    return 0;
}

static WCHAR ansi_char(CHAR c)
{
    return (unsigned char)c < 0x80 ? (WCHAR)c : 0;   /* no UTF-8 character is one byte >= 0x80 */
}

BOOL WINAPI IsCharAlphaW(WCHAR c) { return (char_type(c) & C1_ALPHA) != 0; }
BOOL WINAPI IsCharAlphaNumericW(WCHAR c) { return (char_type(c) & (C1_ALPHA | C1_DIGIT)) != 0; }
BOOL WINAPI IsCharUpperW(WCHAR c) { return (char_type(c) & C1_UPPER) != 0; }
BOOL WINAPI IsCharLowerW(WCHAR c) { return (char_type(c) & C1_LOWER) != 0; }
BOOL WINAPI IsCharAlphaA(CHAR c) { return IsCharAlphaW(ansi_char(c)); }
BOOL WINAPI IsCharAlphaNumericA(CHAR c) { return IsCharAlphaNumericW(ansi_char(c)); }
BOOL WINAPI IsCharUpperA(CHAR c) { return IsCharUpperW(ansi_char(c)); }
BOOL WINAPI IsCharLowerA(CHAR c) { return IsCharLowerW(ansi_char(c)); }

/* ---- OEM conversions: the OEM code page is UTF-8 as well (win32/k32.h) ------------------------------ */

BOOL WINAPI CharToOemBuffW(LPCWSTR src, LPSTR dst, DWORD n)
{
    if (!src || !dst) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!n)
        return TRUE;
    /* One byte per character in a double-byte-free page: n bytes out, as the function promises; a
     * character whose UTF-8 form is longer becomes '?' (its best fit in n bytes). */
    for (DWORD i = 0; i < n; i++)
        dst[i] = src[i] < 0x80 ? (CHAR)src[i] : '?';
    return TRUE;
}

BOOL WINAPI CharToOemW(LPCWSTR src, LPSTR dst)
{
    if (!src || !dst) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t n = RtlpWcslen(src) + 1;
    WideCharToMultiByte(CP_OEMCP, 0, src, (int)n, dst, (int)(n * 3), NULL, NULL);
    return TRUE;
}

BOOL WINAPI OemToCharBuffW(LPCSTR src, LPWSTR dst, DWORD n)
{
    if (!src || !dst) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    for (DWORD i = 0; i < n; i++)
        dst[i] = (unsigned char)src[i] < 0x80 ? (WCHAR)src[i] : 0xFFFD;
    return TRUE;
}

BOOL WINAPI OemToCharW(LPCSTR src, LPWSTR dst)
{
    if (!src || !dst) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t n = strlen(src) + 1;
    MultiByteToWideChar(CP_OEMCP, 0, src, (int)n, dst, (int)n);
    return TRUE;
}

/* ANSI and OEM are the same page: a copy (in place when the buffers are the same, as allowed). */
static BOOL copy_ansi(LPCSTR src, LPSTR dst, size_t n)
{
    if (!src || !dst) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (src != dst)
        memmove(dst, src, n);
    return TRUE;
}

BOOL WINAPI CharToOemA(LPCSTR src, LPSTR dst) { return copy_ansi(src, dst, src ? strlen(src) + 1 : 0); }
BOOL WINAPI OemToCharA(LPCSTR src, LPSTR dst) { return copy_ansi(src, dst, src ? strlen(src) + 1 : 0); }
BOOL WINAPI CharToOemBuffA(LPCSTR src, LPSTR dst, DWORD n) { return copy_ansi(src, dst, n); }
BOOL WINAPI OemToCharBuffA(LPCSTR src, LPSTR dst, DWORD n) { return copy_ansi(src, dst, n); }

/* ---- string resources ------------------------------------------------------------------------------ */

#define RT_STRING 6

/* String id of the module: *str points at its characters inside the module (not NUL-terminated),
 * *len counts them. The block of sixteen strings holding it is found as FindResource finds it (its
 * language order, any kind of module handle: loaded, or mapped with LOAD_LIBRARY_AS_DATAFILE or
 * _AS_IMAGE_RESOURCE); FALSE with FindResource's last error when the block is missing. A missing string
 * inside a present block is an empty one, as in the resource format. */
static BOOL find_string(HMODULE module, UINT id, const WCHAR **str, int *len)
{
    PVOID res = FindResourceW(module, (LPCWSTR)(ULONG_PTR)((id >> 4) + 1), (LPCWSTR)RT_STRING);
    const BYTE *p = res ? LoadResource(module, res) : NULL;
    if (!p)
        return FALSE;
    const BYTE *end = p + SizeofResource(module, res);
    /* Sixteen counted strings (a WORD length, then that many WCHARs); the data is foreign. */
    for (UINT i = 0; i < (id & 15); i++) {
        if (end - p < 2)
            goto empty;
        size_t skip = 2 + 2 * (size_t)pe_le16(p);
        if (skip > (size_t)(end - p))
            goto empty;
        p += skip;
    }
    if (end - p < 2)
        goto empty;
    size_t n = pe_le16(p);
    if (n > (size_t)(end - p - 2) / 2)
        n = (size_t)(end - p - 2) / 2;
    *str = (const WCHAR *)(p + 2);
    *len = (int)n;
    return TRUE;
empty:
    *str = u"";
    *len = 0;
    return TRUE;
}

/* With max 0, *buffer receives a read-only pointer to the string inside the module (not terminated). */
int WINAPI LoadStringW(HINSTANCE module, UINT id, LPWSTR buffer, int max)
{
    const WCHAR *str;
    int len;
    if (!buffer) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!find_string(module, id, &str, &len)) {
        if (max > 0)
            buffer[0] = 0;
        return 0;
    }
    if (max == 0) {
        *(const WCHAR **)buffer = str;
        return len;
    }
    if (max < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    int n = len < max - 1 ? len : max - 1;
    memcpy(buffer, str, (size_t)n * sizeof(WCHAR));
    buffer[n] = 0;
    return n;
}

int WINAPI LoadStringA(HINSTANCE module, UINT id, LPSTR buffer, int max)
{
    const WCHAR *str;
    int len;
    if (!buffer || max <= 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    buffer[0] = 0;
    if (!find_string(module, id, &str, &len))
        return 0;
    /* Whole characters only, as many as fit in max - 1 bytes. */
    int out = 0;
    for (int i = 0; i < len;) {
        int units = (str[i] >= 0xD800 && str[i] < 0xDC00 && i + 1 < len) ? 2 : 1;
        char mb[8];
        int n = WideCharToMultiByte(CP_ACP, 0, str + i, units, mb, sizeof mb, NULL, NULL);
        if (n <= 0 || out + n > max - 1)
            break;
        memcpy(buffer + out, mb, (size_t)n);
        out += n;
        i += units;
    }
    buffer[out] = 0;
    return out;
}

/* ---- message boxes ----------------------------------------------------------------------------------- */

#define IDOK 1
#define IDCANCEL 2
#define IDABORT 3
#define IDRETRY 4
#define IDIGNORE 5
#define IDYES 6
#define IDNO 7
#define IDTRYAGAIN 10
#define IDCONTINUE 11
#define MB_TYPEMASK 0xF
#define MB_DEFMASK 0xF00

/* The button a user pressing Enter chooses: the MB_DEFBUTTONn-th of the type's buttons (the first when
 * there is no such button). */
static int default_button(UINT type)
{
    static const int buttons[7][3] = {
        {IDOK},  {IDOK, IDCANCEL}, {IDABORT, IDRETRY, IDIGNORE}, {IDYES, IDNO, IDCANCEL},
        {IDYES, IDNO}, {IDRETRY, IDCANCEL}, {IDCANCEL, IDTRYAGAIN, IDCONTINUE},
    };
    UINT t = type & MB_TYPEMASK, d = (type & MB_DEFMASK) >> 8;
    if (t >= ARRAY_SIZE(buttons))
        return 0;
    return d < 3 && buttons[t][d] ? buttons[t][d] : buttons[t][0];
}

static void write_stderr(const WCHAR *s)
{
    char *utf8 = RtlpWideToUtf8Alloc(s, RtlpWcslen(s));
    if (!utf8)
        return;
    DWORD written;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), utf8, (DWORD)strlen(utf8), &written, NULL);
    free(utf8);
}

/* No window system: "caption: text" on stderr, one line (line breaks of the text become spaces), and
 * the default button's id. An unknown button type fails with ERROR_INVALID_MSGBOX_STYLE (1438). */
int WINAPI MessageBoxExW(HWND owner, LPCWSTR text, LPCWSTR caption, UINT type, WORD lang)
{
    (void)owner;
    (void)lang;
    int id = default_button(type);
    if (!id) {
        SetLastError(1438 /* ERROR_INVALID_MSGBOX_STYLE */);
        return 0;
    }
    if (!caption)
        caption = u"Error";   /* Windows' default caption */
    if (!text)
        text = u"";
    size_t cl = RtlpWcslen(caption), tl = RtlpWcslen(text);
    WCHAR *line = RtlAllocateHeap(RtlGetProcessHeap(), 0, (cl + tl + 4) * sizeof(WCHAR));
    if (line) {
        memcpy(line, caption, cl * sizeof(WCHAR));
        line[cl] = ':';
        line[cl + 1] = ' ';
        WCHAR *t = line + cl + 2;
        size_t n = 0;
        for (size_t i = 0; i < tl; i++) {
            if (text[i] == '\r' && text[i + 1] == '\n')
                continue;
            t[n++] = text[i] == '\n' || text[i] == '\r' ? ' ' : text[i];
        }
        t[n] = '\n';
        t[n + 1] = 0;
        write_stderr(line);
        RtlFreeHeap(RtlGetProcessHeap(), 0, line);
    }
    return id;
}

int WINAPI MessageBoxW(HWND owner, LPCWSTR text, LPCWSTR caption, UINT type)
{
    return MessageBoxExW(owner, text, caption, type, 0);
}

int WINAPI MessageBoxExA(HWND owner, LPCSTR text, LPCSTR caption, UINT type, WORD lang)
{
    WCHAR *wt = text ? RtlpUtf8ToWideAlloc(text) : NULL, *wc = caption ? RtlpUtf8ToWideAlloc(caption) : NULL;
    int r = MessageBoxExW(owner, wt, wc, type, lang);
    free(wt);
    free(wc);
    return r;
}

int WINAPI MessageBoxA(HWND owner, LPCSTR text, LPCSTR caption, UINT type)
{
    return MessageBoxExA(owner, text, caption, type, 0);
}

/* ---- keyboard, screen, windows ------------------------------------------------------------------------ */

/* No keyboard device: no key is down or toggled, and none was pressed since the last call. */
SHORT WINAPI GetKeyState(int vk) { (void)vk; return 0; }
SHORT WINAPI GetAsyncKeyState(int vk) { (void)vk; return 0; }

#define SM_NETWORK 63

/* No display: every metric is 0 (what GetSystemMetrics answers for an index it does not know, and the
 * answer a console-only system gives: no screen, no mouse, no monitors), except that a network is present. */
int WINAPI GetSystemMetrics(int index)
{
    return index == SM_NETWORK ? 1 : 0;
}

HWND WINAPI GetDesktopWindow(void) { return NULL; }

/* No window exists, so none matches: NULL, the last error untouched (as for a search that finds nothing). */
HWND WINAPI FindWindowExW(HWND parent, HWND after, LPCWSTR cls, LPCWSTR title)
{
    (void)parent;
    (void)after;
    (void)cls;
    (void)title;
    return NULL;
}

HWND WINAPI FindWindowExA(HWND parent, HWND after, LPCSTR cls, LPCSTR title)
{
    (void)cls;
    (void)title;
    return FindWindowExW(parent, after, NULL, NULL);
}

HWND WINAPI FindWindowW(LPCWSTR cls, LPCWSTR title) { return FindWindowExW(NULL, NULL, cls, title); }
HWND WINAPI FindWindowA(LPCSTR cls, LPCSTR title) { return FindWindowExA(NULL, NULL, cls, title); }

/* The beep is the bell of the terminal (CONOUT$); with none, the sound has nowhere to go, as on a machine
 * without a speaker, and the call still succeeds as Windows' does. */
BOOL WINAPI MessageBeep(UINT type)
{
    (void)type;
    HANDLE con = CreateFileW(u"CONOUT$", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                             0, NULL);
    if (con != INVALID_HANDLE_VALUE) {
        DWORD n;
        WriteFile(con, "\a", 1, &n, NULL);
        CloseHandle(con);
    }
    return TRUE;
}
/* No window exists, so every handle is invalid: 0 and ERROR_INVALID_WINDOW_HANDLE, the pid untouched. */
DWORD WINAPI GetWindowThreadProcessId(HWND window, LPDWORD pid)
{
    (void)window;
    (void)pid;
    SetLastError(ERROR_INVALID_WINDOW_HANDLE);
    return 0;
}

/* ---- the keyboard layout: United States (KBDUS), the layout of the console's key events ---------------- */

#define US_LAYOUT ((HKL)(ULONG_PTR)0x04090409)

/* Every thread has the US layout (language and device 0x0409). */
HKL WINAPI GetKeyboardLayout(DWORD thread)
{
    (void)thread;
    return US_LAYOUT;
}

/* KBDUS's characters (Microsoft's US layout, Windows-driver-samples input/layout/kbdus/kbdus.c): virtual key,
 * then the character with no modifier, Shift, Ctrl and Shift+Ctrl; NONE where the layout has none. */
#define NONE (-1)
static const struct { BYTE vk; short plain, shift, ctrl, shift_ctrl; } us_keys[] = {
    {0xC0, '`', '~', NONE, NONE}, {'1', '1', '!', NONE, NONE}, {'2', '2', '@', NONE, 0x00},
    {'3', '3', '#', NONE, NONE}, {'4', '4', '$', NONE, NONE}, {'5', '5', '%', NONE, NONE},
    {'6', '6', '^', NONE, 0x1E}, {'7', '7', '&', NONE, NONE}, {'8', '8', '*', NONE, NONE},
    {'9', '9', '(', NONE, NONE}, {'0', '0', ')', NONE, NONE}, {0xBD, '-', '_', NONE, 0x1F},
    {0xBB, '=', '+', NONE, NONE}, {0xBA, ';', ':', NONE, NONE}, {0xDE, '\'', '"', NONE, NONE},
    {0xBC, ',', '<', NONE, NONE}, {0xBE, '.', '>', NONE, NONE}, {0xBF, '/', '?', NONE, NONE},
    {0x6E, '.', '.', NONE, NONE}, {0x09, '\t', '\t', NONE, NONE}, {0x6B, '+', '+', NONE, NONE},
    {0x6F, '/', '/', NONE, NONE}, {0x6A, '*', '*', NONE, NONE}, {0x6D, '-', '-', NONE, NONE},
    {0xDB, '[', '{', 0x1B, NONE}, {0xDD, ']', '}', 0x1D, NONE}, {0xDC, '\\', '|', 0x1C, NONE},
    {0xE2, '\\', '|', 0x1C, NONE}, {0x08, '\b', '\b', 0x7F, NONE}, {0x1B, 0x1B, 0x1B, 0x1B, NONE},
    {0x0D, '\r', '\r', '\n', NONE}, {0x20, ' ', ' ', ' ', NONE}, {0x03, 0x03, 0x03, 0x03, NONE},
};

/* The character a key gives in the US layout with this keyboard state, or NONE. Letters carry CAPLOK (Caps
 * Lock acts as Shift, so Caps Lock and Shift give the small letter) and give their control character with
 * Ctrl; the numeric keypad's digits have no shifted form; Alt alone changes nothing, Ctrl+Alt gives nothing.
 * Of the toggles only Caps Lock counts, as ToUnicodeEx's documentation says. */
static int us_char(UINT vk, const BYTE *state)
{
    bool shift = state[0x10] & 0x80, ctrl = state[0x11] & 0x80, alt = state[0x12] & 0x80;
    bool caps = state[0x14] & 1;
    if (ctrl && alt)
        return NONE;
    if (vk >= 'A' && vk <= 'Z') {
        if (ctrl)
            return (int)(vk - 'A' + 1);
        return (int)(shift != caps ? vk : vk + 0x20);
    }
    if (vk >= 0x60 && vk <= 0x69)   /* VK_NUMPAD0-9 */
        return shift || ctrl ? NONE : (int)('0' + vk - 0x60);
    for (size_t i = 0; i < ARRAY_SIZE(us_keys); i++)
        if (us_keys[i].vk == vk)
            return ctrl ? (shift ? us_keys[i].shift_ctrl : us_keys[i].ctrl) : shift ? us_keys[i].shift : us_keys[i].plain;
    return NONE;
}

/*
 * ToUnicodeEx: the characters a key press gives in the US layout (which has no dead keys): 1 and the
 * character (with a terminating NUL when the buffer has room), or 0 and nothing written when the key gives
 * none. A key being released (bit 15 of the scan code) is translated only when bit 1 of the flags asks
 * for it, as Microsoft documents.
 */
int WINAPI ToUnicodeEx(UINT vk, UINT scan, const BYTE *state, LPWSTR buffer, int size, UINT flags, HKL layout)
{
    (void)layout;
    if (!state || ((scan & 0x8000) && !(flags & 2)) || size <= 0 || !buffer)
        return 0;
    int c = us_char(vk & 0xFF, state);
    if (c == NONE)
        return 0;
    buffer[0] = (WCHAR)c;
    if (size > 1)
        buffer[1] = 0;
    return 1;
}

HWND WINAPI GetForegroundWindow(void) { return NULL; }
HWND WINAPI GetActiveWindow(void) { return NULL; }

/* No icons or cursors: every resource of those types is missing. */
HICON WINAPI LoadIconW(HINSTANCE module, LPCWSTR name)
{
    (void)module;
    (void)name;
    SetLastError(ERROR_RESOURCE_NAME_NOT_FOUND);
    return NULL;
}

HCURSOR WINAPI LoadCursorW(HINSTANCE module, LPCWSTR name)
{
    (void)module;
    (void)name;
    SetLastError(ERROR_RESOURCE_NAME_NOT_FOUND);
    return NULL;
}

static const struct builtin_export user32_exports[] = {
    BUILTIN_FUNCTION("CharLowerA", CharLowerA),
    BUILTIN_FUNCTION("CharLowerBuffA", CharLowerBuffA),
    BUILTIN_FUNCTION("CharLowerBuffW", CharLowerBuffW),
    BUILTIN_FUNCTION("CharLowerW", CharLowerW),
    BUILTIN_FUNCTION("CharNextA", CharNextA),
    BUILTIN_FUNCTION("CharNextExA", CharNextExA),
    BUILTIN_FUNCTION("CharNextW", CharNextW),
    BUILTIN_FUNCTION("CharPrevA", CharPrevA),
    BUILTIN_FUNCTION("CharPrevExA", CharPrevExA),
    BUILTIN_FUNCTION("CharPrevW", CharPrevW),
    BUILTIN_FUNCTION("CharToOemA", CharToOemA),
    BUILTIN_FUNCTION("CharToOemBuffA", CharToOemBuffA),
    BUILTIN_FUNCTION("CharToOemBuffW", CharToOemBuffW),
    BUILTIN_FUNCTION("CharToOemW", CharToOemW),
    BUILTIN_FUNCTION("CharUpperA", CharUpperA),
    BUILTIN_FUNCTION("CharUpperBuffA", CharUpperBuffA),
    BUILTIN_FUNCTION("CharUpperBuffW", CharUpperBuffW),
    BUILTIN_FUNCTION("CharUpperW", CharUpperW),
    BUILTIN_FUNCTION("GetActiveWindow", GetActiveWindow),
    BUILTIN_FUNCTION("GetAsyncKeyState", GetAsyncKeyState),
    BUILTIN_FUNCTION("GetDesktopWindow", GetDesktopWindow),
    BUILTIN_FUNCTION("GetForegroundWindow", GetForegroundWindow),
    BUILTIN_FUNCTION("GetKeyState", GetKeyState),
    BUILTIN_FUNCTION("GetSystemMetrics", GetSystemMetrics),
    BUILTIN_FUNCTION("IsCharAlphaA", IsCharAlphaA),
    BUILTIN_FUNCTION("IsCharAlphaNumericA", IsCharAlphaNumericA),
    BUILTIN_FUNCTION("IsCharAlphaNumericW", IsCharAlphaNumericW),
    BUILTIN_FUNCTION("IsCharAlphaW", IsCharAlphaW),
    BUILTIN_FUNCTION("IsCharLowerA", IsCharLowerA),
    BUILTIN_FUNCTION("IsCharLowerW", IsCharLowerW),
    BUILTIN_FUNCTION("IsCharUpperA", IsCharUpperA),
    BUILTIN_FUNCTION("IsCharUpperW", IsCharUpperW),
    BUILTIN_FUNCTION("LoadCursorW", LoadCursorW),
    BUILTIN_FUNCTION("LoadIconW", LoadIconW),
    BUILTIN_FUNCTION("LoadStringA", LoadStringA),
    BUILTIN_FUNCTION("LoadStringW", LoadStringW),
    BUILTIN_FUNCTION("MessageBoxA", MessageBoxA),
    BUILTIN_FUNCTION("MessageBoxExA", MessageBoxExA),
    BUILTIN_FUNCTION("MessageBoxExW", MessageBoxExW),
    BUILTIN_FUNCTION("MessageBoxW", MessageBoxW),
    BUILTIN_FUNCTION("OemToCharA", OemToCharA),
    BUILTIN_FUNCTION("OemToCharBuffA", OemToCharBuffA),
    BUILTIN_FUNCTION("OemToCharBuffW", OemToCharBuffW),
    BUILTIN_FUNCTION("OemToCharW", OemToCharW),
    BUILTIN_FUNCTION("wsprintfA", wsprintfA),
    BUILTIN_FUNCTION("wsprintfW", wsprintfW),
    BUILTIN_FUNCTION("wvsprintfA", wvsprintfA),
    BUILTIN_FUNCTION("wvsprintfW", wvsprintfW),
    BUILTIN_FUNCTION("FindWindowA", FindWindowA),
    BUILTIN_FUNCTION("FindWindowW", FindWindowW),
    BUILTIN_FUNCTION("FindWindowExA", FindWindowExA),
    BUILTIN_FUNCTION("FindWindowExW", FindWindowExW),
    BUILTIN_FUNCTION("MessageBeep", MessageBeep),
    BUILTIN_FUNCTION("GetWindowThreadProcessId", GetWindowThreadProcessId),
    BUILTIN_FUNCTION("GetKeyboardLayout", GetKeyboardLayout),
    BUILTIN_FUNCTION("ToUnicodeEx", ToUnicodeEx),
};

static const struct builtin_dll user32 = {
    .name = "USER32.dll",
    .exports = user32_exports,
    .nexports = ARRAY_SIZE(user32_exports),
};
BUILTIN_DLL(user32);
