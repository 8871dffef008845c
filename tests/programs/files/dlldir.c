/* SetDllDirectory/GetDllDirectory: a DLL found only in the DLL directory loads while it is set and not after
 * it is cleared; GetDllDirectory's lengths and sizes. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show_dir(const char *what)
{
    WCHAR w[MAX_PATH];
    char a[MAX_PATH], cwd[MAX_PATH];
    SetLastError(0);
    DWORD need = GetDllDirectoryW(0, NULL);
    w[0] = L'x';
    DWORD n = GetDllDirectoryW(MAX_PATH, w);
    DWORD na = GetDllDirectoryA(MAX_PATH, a);
    GetCurrentDirectoryA(MAX_PATH, cwd);
    size_t c = strlen(cwd);
    /* a full path is shown relative to the current directory, which differs from run to run */
    const char *shown = na && !_strnicmp(a, cwd, c) ? a + c : a;
    printf("%s: need=%lu len=%lu lenA=%lu first=%d [%s] err=%lu\n", what, need, n, na, w[0] != 0, shown,
           GetLastError());
}

static void try_load(const char *what)
{
    SetLastError(0);
    HMODULE m = LoadLibraryA("dldtest.dll");
    printf("%s: LoadLibrary %s err=%lu\n", what, m ? "loaded" : "failed", m ? 0 : GetLastError());
    if (m)
        FreeLibrary(m);
}

int main(void)
{
    CreateDirectoryA("dldir", NULL);
    if (!CopyFileA("msgtable.dll", "dldir\\dldtest.dll", FALSE)) {
        printf("CopyFile failed: %lu\n", GetLastError());
        return 1;
    }
    show_dir("initially");
    try_load("no DLL directory");
    printf("SetDllDirectoryA(dldir): %d\n", SetDllDirectoryA("dldir"));
    show_dir("after set");
    try_load("with DLL directory");
    char small[4] = "zzz";
    printf("GetDllDirectoryA into 4 bytes: %lu\n", GetDllDirectoryA(sizeof small, small));
    printf("SetDllDirectoryW(.\\dldir): %d\n", SetDllDirectoryW(L".\\dldir"));
    show_dir("after second set");
    try_load("with the second");
    printf("SetDllDirectoryW(NULL): %d\n", SetDllDirectoryW(NULL));
    show_dir("after clear");
    try_load("cleared");
    printf("SetDllDirectoryW(\"\"): %d\n", SetDllDirectoryW(L""));
    show_dir("after empty");
    DeleteFileA("dldir\\dldtest.dll");
    RemoveDirectoryA("dldir");
    return 0;
}
