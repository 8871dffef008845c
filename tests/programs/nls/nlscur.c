/* GetCurrencyFormat (W, Ex, A) with the locale's format and the caller's CURRENCYFMT (every positive and
 * negative order, rounding, grouping), its refusals, and GetNumberFormatA. */
#include <stdio.h>
#include <windows.h>

static void show_w(const char *what, int n, const WCHAR *buf)
{
    DWORD e = GetLastError();
    printf("%s %d error %lu [", what, n, e);
    for (int i = 0; i < n && buf[i]; i++)
        printf("%c", buf[i] < 0x80 ? (char)buf[i] : '?');
    printf("]\n");
}

int main(void)
{
    WCHAR buf[64];
    char a[64];
    static const WCHAR *values[] = {L"1234567.891", L"-1234.5", L"0.004", L"-0.004", L"5", L"999.995"};
    for (int i = 0; i < 6; i++) {
        SetLastError(0);
        int n = GetCurrencyFormatW(0x0409, 0, values[i], NULL, buf, 64);
        char what[64];
        snprintf(what, sizeof what, "en-US %ls", values[i]);
        show_w(what, n, buf);
    }
    CURRENCYFMTW f = {3, 0, 32, L",", L".", 0, 0, L"EUR"};
    for (UINT order = 0; order < 16; order++) {
        f.NegativeOrder = order;
        SetLastError(0);
        int n = GetCurrencyFormatW(0x0409, 0, L"-1234567.5", &f, buf, 64);
        char what[64];
        snprintf(what, sizeof what, "negative order %u", order);
        show_w(what, n, buf);
    }
    for (UINT order = 0; order < 4; order++) {
        f.PositiveOrder = order;
        SetLastError(0);
        int n = GetCurrencyFormatW(0x0409, 0, L".5", &f, buf, 64);
        char what[64];
        snprintf(what, sizeof what, "positive order %u", order);
        show_w(what, n, buf);
    }
    f.PositiveOrder = 4;
    SetLastError(0);
    show_w("positive order 4", GetCurrencyFormatW(0x0409, 0, L"1", &f, buf, 64), buf);
    f.PositiveOrder = 0;
    SetLastError(0);
    show_w("fmt with flags", GetCurrencyFormatW(0x0409, LOCALE_NOUSEROVERRIDE, L"1", &f, buf, 64), buf);
    SetLastError(0);
    show_w("bad value", GetCurrencyFormatW(0x0409, 0, L"1x", NULL, buf, 64), buf);
    buf[0] = 0;
    SetLastError(0);
    show_w("size query", GetCurrencyFormatW(0x0409, 0, L"-12", NULL, NULL, 0), buf);
    SetLastError(0);
    show_w("short buffer", GetCurrencyFormatW(0x0409, 0, L"-12", NULL, buf, 3), buf);
    SetLastError(0);
    show_w("Ex en-US", GetCurrencyFormatEx(L"en-US", 0, L"42.1", NULL, buf, 64), buf);
    SetLastError(0);
    show_w("Ex bad name", GetCurrencyFormatEx(L"xx-XX", 0, L"42.1", NULL, buf, 64), buf);

    SetLastError(0);
    int n = GetCurrencyFormatA(0x0409, 0, "-9876.543", NULL, a, 64);
    printf("GetCurrencyFormatA %d error %lu [%s]\n", n, GetLastError(), n ? a : "");
    CURRENCYFMTA fa = {1, 1, 3, ".", " ", 8, 3, "kr"};
    SetLastError(0);
    n = GetCurrencyFormatA(0x0409, 0, "-9876.543", &fa, a, 64);
    printf("GetCurrencyFormatA fmt %d error %lu [%s]\n", n, GetLastError(), n ? a : "");
    SetLastError(0);
    n = GetNumberFormatA(0x0409, 0, "-9876.543", NULL, a, 64);
    printf("GetNumberFormatA %d error %lu [%s]\n", n, GetLastError(), n ? a : "");
    NUMBERFMTA na = {0, 1, 3, ".", "'", 3};
    SetLastError(0);
    n = GetNumberFormatA(0x0409, 0, "-9876.543", &na, a, 64);
    printf("GetNumberFormatA fmt %d error %lu [%s]\n", n, GetLastError(), n ? a : "");
    SetLastError(0);
    n = GetNumberFormatA(0x0409, 0, "12345", NULL, NULL, 0);
    printf("GetNumberFormatA size %d error %lu\n", n, GetLastError());
    SetLastError(0);
    n = GetNumberFormatA(0x0409, 0, "12345", NULL, a, 4);
    printf("GetNumberFormatA short %d error %lu\n", n, GetLastError());
    return 0;
}
