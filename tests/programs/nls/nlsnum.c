/* GetNumberFormat: the locale's format and the caller's NUMBERFMT, rounding, grouping, negative orders, errors. */
#include <windows.h>
#include <stdio.h>

static void show(const WCHAR *value, const NUMBERFMTW *fmt, DWORD flags)
{
    WCHAR buf[64];
    char out[64];
    SetLastError(0);
    int n = GetNumberFormatW(0x409, flags, value, fmt, buf, 64);
    if (n)
        WideCharToMultiByte(CP_UTF8, 0, buf, -1, out, sizeof out, NULL, NULL);
    printf("[%ls] %s: %d [%s] %lu\n", value, fmt ? "fmt" : "locale", n, n ? out : "", n ? 0 : GetLastError());
}

int main(void)
{
    static const WCHAR *values[] = {L"0", L"1", L"-1", L"1234567.891", L"999.995", L"-0.001", L".5", L"12",
                                    L"123456789012", L"0.125", L"abc", L"1.2.3", L"", L"-", L"1e5", L" 1"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        show(values[i], NULL, 0);
    NUMBERFMTW f = {3, 0, 32, L",", L".", 0};
    show(L"-1234567.5", &f, 0);
    show(L"0.25", &f, 0);
    for (UINT order = 0; order <= 4; order++) {
        NUMBERFMTW g = {1, 1, 3, L".", L" ", order};
        show(L"-12345.67", &g, 0);
    }
    NUMBERFMTW z = {0, 1, 0, L".", L",", 1};
    show(L"1234567.5", &z, 0);
    show(L"1", &f, LOCALE_NOUSEROVERRIDE);
    WCHAR small[4];
    SetLastError(0);
    int r = GetNumberFormatW(0x409, 0, L"12345", NULL, small, 4);
    printf("small: %d %lu\n", r, GetLastError());
    printf("size: %d\n", GetNumberFormatW(0x409, 0, L"12345", NULL, NULL, 0));
    WCHAR ex[32];
    int n = GetNumberFormatEx(L"en-US", 0, L"-9876.5", NULL, ex, 32);
    printf("Ex: %d [%ls]\n", n, ex);
    return 0;
}
