/* EnumSystemCodePages: each page it gives is valid (IsValidCodePage), US-ASCII among them, the
 * callback's FALSE stops it; FoldStringA over ASCII text and its errors. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

static int count, invalid, utf8, ascii, stop_after;

static BOOL CALLBACK page_w(LPWSTR name)
{
    UINT cp = (UINT)wcstoul(name, NULL, 10);
    count++;
    invalid += !IsValidCodePage(cp);
    utf8 += cp == 65001;
    ascii += cp == 20127;
    return !stop_after || count < stop_after;
}

static BOOL CALLBACK page_a(LPSTR name)
{
    UINT cp = (UINT)strtoul(name, NULL, 10);
    count++;
    invalid += !IsValidCodePage(cp);
    utf8 += cp == 65001;
    ascii += cp == 20127;
    return TRUE;
}

int main(void)
{
    for (DWORD flags = CP_INSTALLED; flags <= CP_SUPPORTED; flags++) {
        count = invalid = utf8 = ascii = 0;
        SetLastError(0);
        BOOL r = EnumSystemCodePagesW(page_w, flags);
        printf("EnumSystemCodePagesW(%lu) %d error %lu: some %d, invalid %d, 20127 %d\n", flags, r, GetLastError(),
               count > 0, invalid, ascii);
    }
    count = invalid = utf8 = ascii = 0;
    SetLastError(0);
    BOOL r = EnumSystemCodePagesA(page_a, CP_INSTALLED);
    printf("EnumSystemCodePagesA %d error %lu: some %d, invalid %d, 20127 %d\n", r, GetLastError(), count > 0,
           invalid, ascii);
    count = 0;
    stop_after = 1;
    r = EnumSystemCodePagesW(page_w, CP_INSTALLED);
    printf("stopped by the callback %d after %d\n", r, count);
    char out[32];
    SetLastError(0);
    int n = FoldStringA(MAP_FOLDDIGITS, "ab12", -1, out, sizeof out);
    printf("FoldStringA %d error %lu [%s]\n", n, GetLastError(), n ? out : "");
    SetLastError(0);
    n = FoldStringA(MAP_FOLDDIGITS, "ab12", 4, NULL, 0);
    printf("FoldStringA size %d error %lu\n", n, GetLastError());
    SetLastError(0);
    n = FoldStringA(MAP_FOLDDIGITS, "ab12", -1, out, 2);
    printf("FoldStringA short %d error %lu\n", n, GetLastError());
    SetLastError(0);
    n = FoldStringA(0, "ab12", -1, out, sizeof out);
    printf("FoldStringA flags 0 %d error %lu\n", n, GetLastError());
    SetLastError(0);
    n = FoldStringA(MAP_FOLDDIGITS, NULL, -1, out, sizeof out);
    printf("FoldStringA NULL %d error %lu\n", n, GetLastError());
    return 0;
}
