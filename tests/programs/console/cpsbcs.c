/* The single-byte code pages 20127 (US-ASCII) and 28591 (Latin-1): Windows' tables (20127 drops the high
 * bit of bytes 0x80-0xFF), best fit unless WC_NO_BEST_FIT_CHARS, the default character and
 * lpUsedDefaultChar; and the refusals of the default-character arguments for UTF-7 and UTF-8. */
#include <stdio.h>
#include <windows.h>

static void bytes(const char *what, int n, const char *buf, BOOL used)
{
    printf("%s: %d used %d error %lu:", what, n, used, GetLastError());
    for (int i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
}

int main(void)
{
    static const unsigned char mb[] = {0x41, 0x7f, 0x80, 0xa0, 0xe9, 0xff};
    WCHAR w[16];
    int n = MultiByteToWideChar(20127, 0, (const char *)mb, sizeof mb, w, 16);
    printf("MultiByteToWideChar(20127) %d:", n);
    for (int i = 0; i < n; i++)
        printf(" %04x", w[i]);
    printf("\n");
    SetLastError(0);
    n = MultiByteToWideChar(20127, MB_ERR_INVALID_CHARS, (const char *)mb, sizeof mb, w, 16);
    printf("MultiByteToWideChar(20127, MB_ERR_INVALID_CHARS) %d error %lu\n", n, GetLastError());

    /* A, DEL, U+0080, e acute, y diaeresis, euro, A macron, a surrogate pair, fullwidth A */
    static const WCHAR ws[] = {0x41, 0x7f, 0x80, 0xe9, 0xff, 0x20ac, 0x100, 0xd83d, 0xde00, 0xff21};
    const int wn = sizeof ws / sizeof ws[0];
    char buf[32];
    BOOL used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(20127, 0, ws, wn, buf, sizeof buf, NULL, &used);
    bytes("20127", n, buf, used);
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(20127, 0, ws, wn, buf, sizeof buf, "#", &used);
    bytes("20127 default #", n, buf, used);
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(20127, 0, ws, 5, buf, sizeof buf, "#", &used);
    bytes("20127 best fit only", n, buf, used);
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(20127, WC_NO_BEST_FIT_CHARS, ws, wn, buf, sizeof buf, NULL, &used);
    bytes("20127 no best fit", n, buf, used);
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(20127, 0, ws, wn, NULL, 0, "#", &used);
    printf("20127 size: %d used %d error %lu\n", n, used, GetLastError());
    SetLastError(0);
    n = WideCharToMultiByte(20127, 0, ws, wn, buf, 4, NULL, NULL);
    printf("20127 small buffer: %d error %lu\n", n, GetLastError());
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(28591, 0, ws, wn, buf, sizeof buf, NULL, &used);
    bytes("28591", n, buf, used);

    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(CP_UTF8, 0, ws, 3, buf, sizeof buf, NULL, &used);
    printf("UTF-8 with lpUsedDefaultChar: %d error %lu used %d\n", n, GetLastError(), used);
    SetLastError(0);
    n = WideCharToMultiByte(CP_UTF8, 0, ws, 3, buf, sizeof buf, "#", NULL);
    printf("UTF-8 with lpDefaultChar: %d error %lu\n", n, GetLastError());
    SetLastError(0);
    n = WideCharToMultiByte(CP_UTF7, 0, ws, 3, buf, sizeof buf, NULL, &used);
    printf("UTF-7 with lpUsedDefaultChar: %d error %lu\n", n, GetLastError());

    CPINFO ci;
    BOOL r = GetCPInfo(20127, &ci);
    printf("GetCPInfo(20127) %d MaxCharSize %u DefaultChar %02x\n", r, ci.MaxCharSize, ci.DefaultChar[0]);
    return 0;
}
