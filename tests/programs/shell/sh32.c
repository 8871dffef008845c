/* shell32 (tests/e2e/shell_shell32): special folders (paths shown relative to the variables they come
 * from, so that the output does not depend on the user), SHCreateDirectoryExW's results, ShellExecuteExW
 * and FindExecutableW for a program and for a document without an association. */
#include <windows.h>
#include <shlobj.h>
#include <knownfolders.h>
#include <stdio.h>
#include <wchar.h>

static const char *u(const WCHAR *s)
{
    static char buf[4][1024];
    static int k;
    char *b = buf[k++ & 3];
    WideCharToMultiByte(CP_UTF8, 0, s ? s : L"(null)", -1, b, 1024, NULL, NULL);
    return b;
}

/* The path with a known prefix replaced by its variable's name, the rest lower-cased. */
static const char *show(const WCHAR *path)
{
    static const struct { const WCHAR *var, *def; } vars[] = {
        {L"USERPROFILE", NULL}, {L"SystemRoot", L"C:\\Windows"}, {L"ProgramFiles", L"C:\\Program Files"},
        {L"ProgramData", L"C:\\ProgramData"},
    };
    static WCHAR out[1024];
    for (int i = 0; i < 4; i++) {
        WCHAR v[MAX_PATH];
        DWORD n = GetEnvironmentVariableW(vars[i].var, v, MAX_PATH);
        if (!n && vars[i].def) {
            wcscpy(v, vars[i].def);
            n = (DWORD)wcslen(v);
        }
        if (n && !_wcsnicmp(path, v, n) && (!path[n] || path[n] == '\\')) {
            swprintf(out, 1024, L"%%%ls%%%ls", vars[i].var, path + n);
            for (WCHAR *p = out + wcslen(vars[i].var) + 2; *p; p++)
                *p = towlower(*p);
            return u(out);
        }
    }
    return u(path);
}

static void folder(const char *name, int csidl)
{
    WCHAR path[MAX_PATH] = L"x";
    HRESULT hr = SHGetFolderPathW(NULL, csidl, NULL, SHGFP_TYPE_CURRENT, path);
    printf("folder %s %#lx [%s]\n", name, (unsigned long)hr, hr == S_OK ? show(path) : "");
}

static void known(const char *name, REFKNOWNFOLDERID id, DWORD flags)
{
    PWSTR p = (PWSTR)1;
    HRESULT hr = SHGetKnownFolderPath(id, flags, NULL, &p);
    printf("known %s %#lx [%s]\n", name, (unsigned long)hr, hr == S_OK ? show(p) : p ? "not NULL" : "NULL");
}

int wmain(int argc, WCHAR **argv)
{
    if (argc > 1 && !wcscmp(argv[1], L"child")) {
        /* The child's stdout is not inherited (bInheritHandles FALSE): it answers by its exit code. */
        return argc == 3 && !wcscmp(argv[2], L"two words") ? 7 : 9;
    }
    folder("profile", CSIDL_PROFILE);
    folder("windows", CSIDL_WINDOWS);
    folder("system", CSIDL_SYSTEM);
    folder("appdata", CSIDL_APPDATA | CSIDL_FLAG_DONT_VERIFY);
    folder("localappdata", CSIDL_LOCAL_APPDATA | CSIDL_FLAG_DONT_VERIFY);
    folder("personal", CSIDL_PERSONAL | CSIDL_FLAG_DONT_VERIFY);
    folder("desktop", CSIDL_DESKTOPDIRECTORY | CSIDL_FLAG_DONT_VERIFY);
    folder("programfiles", CSIDL_PROGRAM_FILES | CSIDL_FLAG_DONT_VERIFY);
    folder("commonappdata", CSIDL_COMMON_APPDATA | CSIDL_FLAG_DONT_VERIFY);
    folder("bad", 0x7f);
    WCHAR sp[MAX_PATH];
    BOOL b = SHGetSpecialFolderPathW(NULL, sp, CSIDL_PROFILE, FALSE);
    printf("special profile %d [%s]\n", b, show(sp));
    known("profile", &FOLDERID_Profile, 0);
    known("roaming", &FOLDERID_RoamingAppData, KF_FLAG_DONT_VERIFY);
    known("system", &FOLDERID_System, 0);
    static const GUID bogus = {0x12345678, 0x1234, 0x1234, {1, 2, 3, 4, 5, 6, 7, 8}};
    known("bogus", &bogus, 0);

    WCHAR base[MAX_PATH], deep[MAX_PATH], file[MAX_PATH];
    GetFullPathNameW(L"shx", MAX_PATH, base, NULL);
    swprintf(deep, MAX_PATH, L"%ls\\a\\b", base);
    swprintf(file, MAX_PATH, L"%ls\\f", base);
    int r = SHCreateDirectoryExW(NULL, deep, NULL);
    printf("mkdir deep %d isdir %d\n", r, (GetFileAttributesW(deep) & FILE_ATTRIBUTE_DIRECTORY) != 0);
    r = SHCreateDirectoryExW(NULL, deep, NULL);
    printf("mkdir again %d err %lu\n", r, GetLastError());
    r = SHCreateDirectoryExW(NULL, L"shx\\rel", NULL);
    printf("mkdir relative %d\n", r);
    CloseHandle(CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    r = SHCreateDirectoryExW(NULL, file, NULL);
    printf("mkdir over file %d\n", r);

    WCHAR self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    SHELLEXECUTEINFOW sei = {sizeof sei};
    sei.fMask = SEE_MASK_NOCLOSEPROCESS;
    sei.lpFile = self;
    sei.lpParameters = L"child \"two words\"";
    sei.nShow = SW_SHOWNORMAL;
    fflush(stdout);
    b = ShellExecuteExW(&sei);
    DWORD code = 0;
    if (b && sei.hProcess) {
        WaitForSingleObject(sei.hProcess, INFINITE);
        GetExitCodeProcess(sei.hProcess, &code);
        CloseHandle(sei.hProcess);
    }
    printf("execute %d inst>32 %d process %d exit %lu\n", b, (INT_PTR)sei.hInstApp > 32, sei.hProcess != NULL, code);
    SHELLEXECUTEINFOW miss = {sizeof miss};
    miss.fMask = SEE_MASK_FLAG_NO_UI;
    miss.lpFile = L"no_such_program_xyz.exe";
    SetLastError(0);
    b = ShellExecuteExW(&miss);
    printf("execute missing %d err %lu inst %d\n", b, GetLastError(), (int)(INT_PTR)miss.hInstApp);
    CloseHandle(CreateFileW(L"doc.zzq", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    SHELLEXECUTEINFOW doc = {sizeof doc};
    doc.fMask = SEE_MASK_FLAG_NO_UI;
    doc.lpFile = L"doc.zzq";
    SetLastError(0);
    b = ShellExecuteExW(&doc);
    printf("execute document %d err %lu inst %d\n", b, GetLastError(), (int)(INT_PTR)doc.hInstApp);
    WCHAR found[MAX_PATH];
    INT_PTR fe = (INT_PTR)FindExecutableW(self, NULL, found);
    printf("findexe self >32 %d same %d\n", fe > 32, !_wcsicmp(found, self));
    fe = (INT_PTR)FindExecutableW(L"doc.zzq", NULL, found);
    printf("findexe document %d\n", (int)fe);
    fe = (INT_PTR)FindExecutableW(L"missing.zzq", NULL, found);
    printf("findexe missing %d\n", (int)fe);
    return 0;
}
