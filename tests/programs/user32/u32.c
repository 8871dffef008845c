/* user32's console part (tests/e2e/user32_*): wsprintf's own format rules, case mapping and classes,
 * string resources (u32res.rc), MessageBox without a window system, key state, no windows to find,
 * MessageBeep, the mouse metrics. Prints values, never "ok". */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void pw(const char *label, const WCHAR *s, int r)
{
    char u[2048];
    WideCharToMultiByte(CP_UTF8, 0, s, -1, u, sizeof u, NULL, NULL);
    printf("%s [%s] %d\n", label, u, r);
}

static void formats(void)
{
    char a[1100];
    WCHAR w[1100];
    int r;
    r = wsprintfA(a, "%d|%5d|%-5d|%05d|%u|%x|%X|%#x|%08lX", -42, 7, 7, -7, 3000000000u, 255, 255, 255, 0xBEEF);
    printf("A1 [%s] %d\n", a, r);
    r = wsprintfA(a, "%s|%.3s|%8s|%-8s|%c|%S|%ls|%hs", "text", "truncate", "right", "left", 'Z', L"wide", L"ws",
                  "hs");
    printf("A2 [%s] %d\n", a, r);
    r = wsprintfA(a, "%I64d|%I64x|%5%|%q|%s", (LONGLONG)-1234567890123LL, 0x123456789ALL, NULL);
    printf("A3 [%s] %d\n", a, r);
    r = wsprintfA(a, "%f|%e|%.2f", 1.5);
    printf("A4 [%s] %d\n", a, r);
    r = wsprintfW(w, L"%s|%S|%hs|%ls|%c|%C|%5.2s|%i", L"wide", "narrow", "h", L"l", L'W', 'n', L"abc", 99);
    pw("W1", w, r);
    r = wsprintfW(w, L"%p", (void *)0x1234);
    pw("W2", w, r);
    char big[1500];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    r = wsprintfA(a, "%s", big);
    printf("A5 len %d ret %d\n", (int)strlen(a), r);
}

static void chars(void)
{
    WCHAR w[32] = L"Hello W\x00f6rld \x0434";
    CharUpperW(w);
    pw("upper", w, 0);
    CharLowerBuffW(w, 5);
    pw("lowerbuff5", w, 0);
    printf("char arg %c %c\n", (char)(ULONG_PTR)CharUpperW((LPWSTR)(ULONG_PTR)'q'),
           (char)(ULONG_PTR)CharLowerA((LPSTR)(ULONG_PTR)'Q'));
    char a[32] = "MiXeD 123";
    printf("upperA [%s] lowerA [%s] %lu\n", CharUpperA(a), CharLowerA(a), CharUpperBuffA(a, 3));
    printf("alpha %d %d %d %d alnum %d %d upper %d %d lower %d %d\n", IsCharAlphaW(L'a'), IsCharAlphaW(L'1'),
           IsCharAlphaW(0x00e9), IsCharAlphaA('!'), IsCharAlphaNumericW(L'7'), IsCharAlphaNumericA('-'),
           IsCharUpperW(L'A'), IsCharUpperA('a'), IsCharLowerW(0x0434), IsCharLowerA('Z'));
    const WCHAR *s = L"ab";
    printf("next %d %d prev %d %d\n", (int)(CharNextW(s) - s), (int)(CharNextW(s + 2) - s), (int)(CharPrevW(s, s + 2) - s),
           (int)(CharPrevW(s, s) - s));
    const char *sa = "xy";
    printf("nextA %d prevA %d\n", (int)(CharNextA(sa) - sa), (int)(CharPrevA(sa, sa + 1) - sa));
    char o[32];
    printf("CharToOemA %d [%s]\n", CharToOemA("plain", o), o);
}

static void strings(void)
{
    WCHAR w[64];
    char a[64];
    int r;
    SetLastError(0);
    r = LoadStringW(NULL, 1, w, 64);
    pw("str1", w, r);
    r = LoadStringW(NULL, 17, w, 64);
    pw("str17", w, r);
    r = LoadStringW(NULL, 40, w, 64);
    pw("str40", w, r);
    r = LoadStringW(NULL, 17, w, 6);
    pw("str17 max6", w, r);
    const WCHAR *ro = NULL;
    r = LoadStringW(NULL, 2, (LPWSTR)&ro, 0);
    printf("readonly %d %c%c\n", r, ro ? (char)ro[0] : '?', ro ? (char)ro[5] : '?');
    SetLastError(0);
    w[0] = 'x';
    r = LoadStringW(NULL, 3, w, 64);
    printf("missing-in-block %d first %d err %lu\n", r, w[0], GetLastError());
    SetLastError(0);
    r = LoadStringW(NULL, 100, w, 64);
    printf("missing-block %d err %lu\n", r, GetLastError());
    r = LoadStringA(NULL, 1, a, 64);
    printf("A str1 [%s] %d\n", a, r);
    r = LoadStringA(NULL, 17, a, 6);
    printf("A str17 max6 [%s] %d\n", a, r);
}

int main(void)
{
    formats();
    chars();
    strings();
    fflush(stdout);
    printf("MessageBox %d %d %d %d\n", MessageBoxW(NULL, L"text", L"caption", MB_OK),
           MessageBoxA(NULL, "q", "c", MB_YESNO | MB_DEFBUTTON2), MessageBoxW(NULL, L"t", L"c", MB_RETRYCANCEL),
           MessageBoxW(NULL, L"t", L"c", MB_YESNOCANCEL | MB_DEFBUTTON3));
    printf("keys %d %d\n", GetKeyState(VK_SHIFT), GetAsyncKeyState('A'));
    SetLastError(0xdead);
    HWND fw = FindWindowW(L"NtexecNoSuchClass", NULL);
    printf("FindWindowW %s err %lu\n", fw ? "window" : "NULL", GetLastError());
    fw = FindWindowA(NULL, "No such title");
    printf("FindWindowA %s\n", fw ? "window" : "NULL");
    SetLastError(0xdead);
    fw = FindWindowExW(NULL, NULL, L"NtexecNoSuchClass", L"x");
    printf("FindWindowExW %s err %lu\n", fw ? "window" : "NULL", GetLastError());
    printf("MessageBeep %d\n", MessageBeep(MB_OK));
    printf("metrics mouse %d buttons %d swap %d remote %d\n", GetSystemMetrics(SM_MOUSEPRESENT),
           GetSystemMetrics(SM_CMOUSEBUTTONS), GetSystemMetrics(SM_SWAPBUTTON), GetSystemMetrics(SM_REMOTESESSION));
    return 0;
}
