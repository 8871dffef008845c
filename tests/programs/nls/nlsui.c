/* The UI languages (GetThreadUILanguage, SetThreadUILanguage, Get*PreferredUILanguages: the lists as names or
 * as hexadecimal LANGIDs, the size query, a short buffer, bad flags) and the undecorated lstr* names, which
 * kernel32 exports as the ANSI functions. */
#include <stdio.h>
#include <windows.h>

/* The undecorated names themselves, not the macros that pick the A or W function. */
#undef lstrlen
#undef lstrcpy
#undef lstrcat
#undef lstrcpyn
#undef lstrcmp
#undef lstrcmpi
int WINAPI lstrlen(LPCSTR s);
LPSTR WINAPI lstrcpy(LPSTR d, LPCSTR s);
LPSTR WINAPI lstrcat(LPSTR d, LPCSTR s);
LPSTR WINAPI lstrcpyn(LPSTR d, LPCSTR s, int n);
int WINAPI lstrcmp(LPCSTR a, LPCSTR b);
int WINAPI lstrcmpi(LPCSTR a, LPCSTR b);

typedef BOOL(WINAPI *list_fn)(DWORD, PULONG, PZZWSTR, PULONG);

static void list(const char *what, list_fn fn, DWORD flags, int with_buffer, ULONG size)
{
    WCHAR buf[64];
    ULONG num = 0xdead;
    for (int i = 0; i < 64; i++)
        buf[i] = '#';
    SetLastError(0);
    BOOL r = fn(flags, &num, with_buffer ? buf : NULL, &size);
    printf("%s(0x%lx, %s) %d error %lu num %lu size %lu", what, flags, with_buffer ? "buffer" : "NULL", r,
           GetLastError(), num, size);
    if (r && with_buffer) {
        printf(" [");
        for (ULONG i = 0; i < size && i < 64; i++)
            printf("%c", buf[i] ? (char)buf[i] : '|');
        printf("]");
    }
    printf("\n");
}

int main(void)
{
    printf("GetThreadUILanguage 0x%04x\n", GetThreadUILanguage());
    SetLastError(0);
    LANGID l = SetThreadUILanguage(0x0409);
    printf("SetThreadUILanguage(0x0409) 0x%04x error %lu\n", l, GetLastError());
    SetLastError(0);
    l = SetThreadUILanguage(0);
    printf("SetThreadUILanguage(0) 0x%04x error %lu\n", l, GetLastError());
    printf("GetThreadUILanguage 0x%04x\n", GetThreadUILanguage());

    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, MUI_LANGUAGE_NAME, 1, 64);
    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, MUI_LANGUAGE_ID, 1, 64);
    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, MUI_LANGUAGE_NAME, 0, 0);
    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, MUI_LANGUAGE_NAME, 1, 3);
    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, MUI_LANGUAGE_NAME | MUI_LANGUAGE_ID, 1, 64);
    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, 0x1000, 1, 64);
    list("GetUserPreferredUILanguages", (list_fn)GetUserPreferredUILanguages, 0, 1, 64);
    list("GetSystemPreferredUILanguages", (list_fn)GetSystemPreferredUILanguages, MUI_LANGUAGE_NAME, 1, 64);
    list("GetSystemPreferredUILanguages", (list_fn)GetSystemPreferredUILanguages, MUI_LANGUAGE_ID, 0, 0);
    list("GetThreadPreferredUILanguages", (list_fn)GetThreadPreferredUILanguages, MUI_LANGUAGE_NAME, 1, 64);
    list("GetThreadPreferredUILanguages", (list_fn)GetThreadPreferredUILanguages, MUI_LANGUAGE_ID, 1, 64);
    list("GetThreadPreferredUILanguages", (list_fn)GetThreadPreferredUILanguages,
         MUI_LANGUAGE_NAME | MUI_MERGE_USER_FALLBACK, 1, 64);

    char a[16];
    printf("lstrlen %d\n", lstrlen("four"));
    lstrcpy(a, "ab");
    lstrcat(a, "cd");
    printf("lstrcpy/lstrcat [%s]\n", a);
    lstrcpyn(a, "xyzw", 3);
    printf("lstrcpyn [%s]\n", a);
    printf("lstrcmp %d lstrcmpi %d\n", lstrcmp("a", "B"), lstrcmpi("abc", "ABC"));
    return 0;
}
