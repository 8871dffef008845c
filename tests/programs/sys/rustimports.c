/*
 * The small functions Rust programs for x86_64-pc-windows-msvc import: EncodePointer/DecodePointer (ntdll's
 * RtlEncodePointer), kernel32's RtlPcToFileHeader, SetThreadErrorMode/GetThreadErrorMode, IsThreadAFiber,
 * GetTimeZoneInformationForYear, CreateConsoleScreenBuffer and SetConsoleActiveScreenBuffer's argument
 * checks, user32's GetWindowThreadProcessId, GetKeyboardLayout and ToUnicodeEx, and ucrtbase's
 * _register_thread_local_exe_atexit_callback, whose callback exit runs before the atexit functions.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef PVOID(WINAPI *pointer_fn)(PVOID);
typedef PVOID(WINAPI *pc_fn)(PVOID, PVOID *);
typedef DWORD(WINAPI *window_pid_fn)(HWND, LPDWORD);
typedef HKL(WINAPI *layout_fn)(DWORD);
typedef int(WINAPI *to_unicode_fn)(UINT, UINT, const BYTE *, LPWSTR, int, UINT, HKL);
typedef void(WINAPI *tls_callback)(PVOID, DWORD, PVOID);
typedef void(__cdecl *register_fn)(tls_callback);
typedef int(__cdecl *atexit_fn)(void(__cdecl *)(void));
typedef void(__cdecl *exit_fn)(int);

static void say(const char *s)
{
    DWORD n;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, (DWORD)strlen(s), &n, NULL);
}

static void WINAPI tls_exit(PVOID module, DWORD reason, PVOID reserved)
{
    char line[80];
    snprintf(line, sizeof line, "thread_local callback: reason %lu, module %s, reserved %s\r\n", reason,
             module ? "set" : "NULL", reserved ? "set" : "NULL");
    say(line);
}

static void __cdecl at_exit(void)
{
    say("atexit function\r\n");
}

static DWORD WINAPI thread_mode(LPVOID arg)
{
    (void)arg;
    return GetThreadErrorMode();
}

static void key_flags(to_unicode_fn to_unicode, HKL layout, const char *what, UINT vk, UINT scan, BYTE shift,
                      BYTE ctrl, BYTE caps, UINT flags)
{
    BYTE state[256] = {0};
    state[VK_SHIFT] = shift ? 0x80 : 0;
    state[VK_CONTROL] = ctrl ? 0x80 : 0;
    state[VK_CAPITAL] = caps ? 1 : 0;
    WCHAR buf[4] = {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};
    int n = to_unicode(vk, scan, state, buf, 4, flags, layout);
    printf("ToUnicodeEx(%s): %d [%04x %04x]\n", what, n, buf[0], buf[1]);
}

static void key(to_unicode_fn to_unicode, HKL layout, const char *what, UINT vk, UINT scan, BYTE shift, BYTE ctrl,
                BYTE caps)
{
    key_flags(to_unicode, layout, what, vk, scan, shift, ctrl, caps, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    HMODULE k32 = GetModuleHandleA("kernel32.dll"), ntdll = GetModuleHandleA("ntdll.dll");

    PVOID p = (PVOID)main, e = EncodePointer(p);
    pointer_fn rtl_encode = (pointer_fn)(void *)GetProcAddress(ntdll, "RtlEncodePointer");
    pointer_fn rtl_decode = (pointer_fn)(void *)GetProcAddress(ntdll, "RtlDecodePointer");
    printf("DecodePointer(EncodePointer(p)) == p: %d, encoded differs: %d\n", DecodePointer(e) == p, e != p);
    printf("RtlEncodePointer(p) == EncodePointer(p): %d, RtlDecodePointer: %d\n", rtl_encode(p) == e,
           rtl_decode(e) == p);
    printf("EncodePointer(NULL) != NULL: %d, decoded back: %d\n", EncodePointer(NULL) != NULL,
           DecodePointer(EncodePointer(NULL)) == NULL);
    printf("kernel32's EncodePointer is ntdll's RtlEncodePointer: %d\n",
           (void *)GetProcAddress(k32, "EncodePointer") == (void *)rtl_encode);

    pc_fn pc_to_header = (pc_fn)(void *)GetProcAddress(k32, "RtlPcToFileHeader");
    PVOID base = (PVOID)1;
    PVOID r = pc_to_header((PVOID)main, &base);
    printf("RtlPcToFileHeader(main): the exe %d, returned its base %d\n", base == GetModuleHandleA(NULL), r == base);
    r = pc_to_header((PVOID)GetProcAddress(k32, "GetTickCount"), &base);
    printf("RtlPcToFileHeader(GetTickCount): kernel32 %d\n", base == k32 && r == base);
    char stack_byte;
    r = pc_to_header(&stack_byte, &base);
    printf("RtlPcToFileHeader(a stack address): %p %p\n", r, base);

    printf("GetThreadErrorMode: 0x%lx\n", GetThreadErrorMode());
    DWORD old = 0xdead;
    BOOL ok = SetThreadErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX, &old);
    printf("SetThreadErrorMode(FAILCRITICALERRORS|NOOPENFILEERRORBOX): %d old 0x%lx, now 0x%lx\n", ok, old,
           GetThreadErrorMode());
    ok = SetThreadErrorMode(SEM_NOGPFAULTERRORBOX, NULL);
    printf("SetThreadErrorMode(NOGPFAULTERRORBOX, NULL): %d, now 0x%lx\n", ok, GetThreadErrorMode());
    old = 0xdead;
    SetLastError(0);
    ok = SetThreadErrorMode(SEM_NOALIGNMENTFAULTEXCEPT, &old);
    DWORD error = GetLastError();
    printf("SetThreadErrorMode(NOALIGNMENTFAULTEXCEPT): %d error %lu old 0x%lx, now 0x%lx\n", ok, error, old,
           GetThreadErrorMode());
    HANDLE t = CreateThread(NULL, 0, thread_mode, NULL, 0, NULL);
    DWORD other = 0xdead;
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &other);
    CloseHandle(t);
    printf("another thread's mode: 0x%lx, process mode (GetErrorMode) 0x%x\n", other, GetErrorMode());

    printf("IsThreadAFiber: %d\n", IsThreadAFiber());

    TIME_ZONE_INFORMATION now, year;
    SYSTEMTIME st;
    GetSystemTime(&st);
    GetTimeZoneInformation(&now);
    ok = GetTimeZoneInformationForYear(st.wYear, NULL, &year);
    printf("GetTimeZoneInformationForYear(this year): %d, same as GetTimeZoneInformation: %d\n", ok,
           now.Bias == year.Bias && now.StandardBias == year.StandardBias && now.DaylightBias == year.DaylightBias &&
               !memcmp(&now.StandardDate, &year.StandardDate, sizeof now.StandardDate) &&
               !memcmp(&now.DaylightDate, &year.DaylightDate, sizeof now.DaylightDate) &&
               !wcscmp(now.StandardName, year.StandardName) && !wcscmp(now.DaylightName, year.DaylightName));

    ok = CreateConsoleScreenBuffer(GENERIC_READ | GENERIC_WRITE, 0, NULL, 2, NULL) != INVALID_HANDLE_VALUE;
    error = GetLastError();
    printf("CreateConsoleScreenBuffer(flags 2): %d error %lu\n", ok, error);
    HANDLE file = CreateFileA("rustimports.tmp", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok = SetConsoleActiveScreenBuffer(file);
    error = GetLastError();
    printf("SetConsoleActiveScreenBuffer(a file): %d error %lu\n", ok, error);
    CloseHandle(file);

    HMODULE user32 = LoadLibraryA("user32.dll");
    window_pid_fn window_pid = (window_pid_fn)(void *)GetProcAddress(user32, "GetWindowThreadProcessId");
    layout_fn get_layout = (layout_fn)(void *)GetProcAddress(user32, "GetKeyboardLayout");
    to_unicode_fn to_unicode = (to_unicode_fn)(void *)GetProcAddress(user32, "ToUnicodeEx");
    DWORD pid = 12345;
    SetLastError(0);
    DWORD tid = window_pid((HWND)(ULONG_PTR)0x1234, &pid);
    error = GetLastError();
    printf("GetWindowThreadProcessId(no such window): %lu error %lu pid %lu\n", tid, error, pid);
    HKL layout = get_layout(0);
    printf("GetKeyboardLayout(0): %08lx\n", (unsigned long)(ULONG_PTR)layout);
    key(to_unicode, layout, "A", 'A', 0x1E, 0, 0, 0);
    key(to_unicode, layout, "Shift+A", 'A', 0x1E, 1, 0, 0);
    key(to_unicode, layout, "A, Caps Lock", 'A', 0x1E, 0, 0, 1);
    key(to_unicode, layout, "Shift+A, Caps Lock", 'A', 0x1E, 1, 0, 1);
    key(to_unicode, layout, "Ctrl+C", 'C', 0x2E, 0, 1, 0);
    key(to_unicode, layout, "1", '1', 0x02, 0, 0, 0);
    key(to_unicode, layout, "Shift+1", '1', 0x02, 1, 0, 0);
    key(to_unicode, layout, "Shift+2, Caps Lock", '2', 0x03, 1, 0, 1);
    key(to_unicode, layout, "/", VK_OEM_2, 0x35, 0, 0, 0);
    key(to_unicode, layout, "Shift+/", VK_OEM_2, 0x35, 1, 0, 0);
    key(to_unicode, layout, "Shift+'", VK_OEM_7, 0x28, 1, 0, 0);
    key(to_unicode, layout, "Enter", VK_RETURN, 0x1C, 0, 0, 0);
    key(to_unicode, layout, "Space", VK_SPACE, 0x39, 0, 0, 0);
    key(to_unicode, layout, "Backspace", VK_BACK, 0x0E, 0, 0, 0);
    key(to_unicode, layout, "Escape", VK_ESCAPE, 0x01, 0, 0, 0);
    key(to_unicode, layout, "Ctrl+[", VK_OEM_4, 0x1A, 0, 1, 0);
    key(to_unicode, layout, "F1", VK_F1, 0x3B, 0, 0, 0);
    key(to_unicode, layout, "Left", VK_LEFT, 0x4B, 0, 0, 0);
    key(to_unicode, layout, "Shift", VK_SHIFT, 0x2A, 1, 0, 0);
    key(to_unicode, layout, "Ctrl+Shift+6", '6', 0x07, 1, 1, 0);
    key(to_unicode, layout, "Ctrl+Shift+-", VK_OEM_MINUS, 0x0C, 1, 1, 0);
    key(to_unicode, layout, "Ctrl+1", '1', 0x02, 0, 1, 0);
    key(to_unicode, layout, "Num 5, Num Lock off", VK_NUMPAD5, 0x4C, 0, 0, 0);
    key(to_unicode, layout, "Num +", VK_ADD, 0x4E, 0, 0, 0);
    key(to_unicode, layout, "A released", 'A', 0x1E | 0x8000, 0, 0, 0);
    key_flags(to_unicode, layout, "A released, flag 2", 'A', 0x1E | 0x8000, 0, 0, 0, 2);

    HMODULE ucrt = LoadLibraryA("ucrtbase.dll");
    register_fn reg = (register_fn)(void *)GetProcAddress(ucrt, "_register_thread_local_exe_atexit_callback");
    atexit_fn crt_atexit = (atexit_fn)(void *)GetProcAddress(ucrt, "_crt_atexit");
    exit_fn ucrt_exit = (exit_fn)(void *)GetProcAddress(ucrt, "exit");
    printf("ucrtbase: register %d, _crt_atexit %d, exit %d\n", reg != NULL, crt_atexit != NULL, ucrt_exit != NULL);
    crt_atexit(at_exit);
    reg(tls_exit);
    ucrt_exit(3);
    return 0;
}
