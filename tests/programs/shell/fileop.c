/* shell32's file operations and file information without a user interface (tests/e2e/shell_fileop):
 * SHFileOperationW copy/move/delete/rename of files, wildcards and trees with the FOF_ flags that need no
 * window, and its errors (missing source, same file, a tree into itself, destinations that do not pair up,
 * an unknown function); SHGetFileInfoW's SHGFI_EXETYPE on console and GUI programs, batch files and
 * documents, its attributes and display name, icons that do not exist; SHBrowseForFolderW and ExtractIcon
 * answering as without a desktop; CommandLineToArgvW called directly on program-name edge cases.
 * Works in ./fop below the current directory, which it removes at the end. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <shellapi.h>
#include <shlobj.h>

static WCHAR base[MAX_PATH];

/* The full path of a name below ./fop. */
static const WCHAR *P(const WCHAR *rel)
{
    static WCHAR buf[4][MAX_PATH];
    static int i;
    WCHAR *b = buf[i++ & 3];
    swprintf(b, MAX_PATH, L"%ls\\%ls", base, rel);
    return b;
}

static void mkfile(const WCHAR *rel, const char *text)
{
    HANDLE h = CreateFileW(P(rel), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

/* "-" when missing, "d" for a directory, else the file's text. */
static void show(const WCHAR *rel)
{
    DWORD a = GetFileAttributesW(P(rel));
    printf(" %ls=", rel);
    if (a == INVALID_FILE_ATTRIBUTES) {
        printf("-");
        return;
    }
    if (a & FILE_ATTRIBUTE_DIRECTORY) {
        printf("d");
        return;
    }
    char text[64] = "";
    DWORD n = 0;
    HANDLE h = CreateFileW(P(rel), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ReadFile(h, text, sizeof text - 1, &n, NULL);
    text[n] = 0;
    CloseHandle(h);
    printf("%s", text);
}

/* from and to: '|'-separated names below ./fop, made into double-NUL lists of full paths. */
static int op(UINT func, const WCHAR *from, const WCHAR *to, FILEOP_FLAGS flags)
{
    static WCHAR lf[2048], lt[2048];
    const WCHAR *src[2] = {from, to};
    WCHAR *dst[2] = {lf, lt};
    for (int k = 0; k < 2; k++) {
        WCHAR *o = dst[k];
        if (!src[k]) {
            dst[k] = NULL;
            continue;
        }
        const WCHAR *s = src[k];
        while (*s) {
            WCHAR part[MAX_PATH];
            int n = 0;
            while (*s && *s != '|')
                part[n++] = *s++;
            part[n] = 0;
            if (*s)
                s++;
            wcscpy(o, P(part));
            o += wcslen(o) + 1;
        }
        *o = 0;
    }
    SHFILEOPSTRUCTW fo = {0};
    fo.wFunc = func;
    fo.pFrom = dst[0];
    fo.pTo = dst[1];
    fo.fFlags = flags;
    fo.fAnyOperationsAborted = 99;
    int r = SHFileOperationW(&fo);
    printf("op %u [%ls] -> [%ls] = %d (0x%x) aborted %d\n", func, from, to ? to : L"", r, r,
           fo.fAnyOperationsAborted);
    return r;
}

#define QUIET (FOF_SILENT | FOF_NOCONFIRMATION | FOF_NOERRORUI | FOF_NOCONFIRMMKDIR)

static void exetype(const char *label, const WCHAR *path, UINT extra)
{
    SHFILEINFOW fi;
    DWORD_PTR r = SHGetFileInfoW(path, 0, &fi, sizeof fi, SHGFI_EXETYPE | extra);
    printf("exetype %s 0x%lx lo %c%c hi 0x%x\n", label, (unsigned long)r, (int)(r & 0xff) ? (int)(r & 0xff) : '0',
           (int)(r >> 8 & 0xff) ? (int)(r >> 8 & 0xff) : '0', (unsigned)(r >> 16));
}

static void args(const WCHAR *cmd)
{
    int n = -1;
    WCHAR **v = CommandLineToArgvW(cmd, &n);
    printf("argv [%ls] %d", cmd, n);
    for (int i = 0; v && i < n; i++)
        printf(" [%ls]", v[i]);
    printf("%s\n", v && v[n] == NULL ? " null-ended" : "");
    LocalFree(v);
}

int wmain(void)
{
    GetFullPathNameW(L"fop", MAX_PATH, base, NULL);
    SHFILEOPSTRUCTW clean = {0};
    WCHAR list[MAX_PATH + 1];
    swprintf(list, MAX_PATH, L"%ls", base);
    list[wcslen(list) + 1] = 0;
    clean.wFunc = FO_DELETE;
    clean.pFrom = list;
    clean.fFlags = QUIET;
    SHFileOperationW(&clean);
    CreateDirectoryW(base, NULL);

    /* copy */
    mkfile(L"a.txt", "A");
    mkfile(L"b.txt", "B");
    mkfile(L"c.log", "C");
    op(FO_COPY, L"a.txt", L"a2.txt", QUIET);
    show(L"a2.txt"), printf("\n");
    op(FO_COPY, L"a.txt", L"a.txt", QUIET);
    mkfile(L"b2.txt", "old");
    op(FO_COPY, L"b.txt", L"b2.txt", QUIET);
    show(L"b2.txt"), printf("\n");
    op(FO_COPY, L"missing.txt", L"x.txt", QUIET);
    op(FO_COPY, L"*.txt", L"sub", QUIET);
    show(L"sub"), show(L"sub\\a.txt"), show(L"sub\\b.txt"), show(L"sub\\c.log"), printf("\n");
    op(FO_COPY, L"a.txt|c.log", L"two", QUIET);
    show(L"two\\a.txt"), show(L"two\\c.log"), printf("\n");
    op(FO_COPY, L"a.txt|b.txt", L"m1.txt|m2.txt", QUIET | FOF_MULTIDESTFILES);
    show(L"m1.txt"), show(L"m2.txt"), printf("\n");
    op(FO_COPY, L"a.txt|b.txt|c.log", L"m3.txt|m4.txt", QUIET | FOF_MULTIDESTFILES);
    op(FO_COPY, L"a.txt", L"sub", QUIET);
    CreateDirectoryW(P(L"sub\\deep"), NULL);
    mkfile(L"sub\\deep\\d.txt", "D");
    op(FO_COPY, L"sub", L"tree", QUIET);
    show(L"tree\\a.txt"), show(L"tree\\deep\\d.txt"), printf("\n");
    op(FO_COPY, L"sub", L"tree", QUIET);
    show(L"tree\\sub\\deep\\d.txt"), printf("\n");
    op(FO_COPY, L"sub", L"sub\\deep\\inner", QUIET);
    op(FO_COPY, L"*", L"all", QUIET | FOF_FILESONLY);
    show(L"all\\a.txt"), show(L"all\\sub"), printf("\n");
    op(FO_COPY, L"nomatch*.zz", L"nm", QUIET);
    show(L"nm"), printf("\n");

    /* move and rename */
    op(FO_MOVE, L"m1.txt", L"moved.txt", QUIET);
    show(L"m1.txt"), show(L"moved.txt"), printf("\n");
    op(FO_MOVE, L"m2.txt", L"sub", QUIET);
    show(L"m2.txt"), show(L"sub\\m2.txt"), printf("\n");
    op(FO_MOVE, L"two", L"tree", QUIET);
    show(L"two"), show(L"tree\\two\\c.log"), printf("\n");
    op(FO_MOVE, L"missing.txt", L"y.txt", QUIET);
    op(FO_RENAME, L"moved.txt", L"renamed.txt", QUIET);
    show(L"moved.txt"), show(L"renamed.txt"), printf("\n");
    op(FO_RENAME, L"renamed.txt", L"a.txt", QUIET);
    op(FO_RENAME, L"missing.txt", L"z.txt", QUIET);
    op(FO_RENAME, L"a.txt|b.txt", L"q.txt", QUIET);

    /* delete */
    op(FO_DELETE, L"a2.txt", NULL, QUIET);
    show(L"a2.txt"), printf("\n");
    op(FO_DELETE, L"missing.txt", NULL, QUIET);
    op(FO_DELETE, L"all\\*.txt", NULL, QUIET);
    show(L"all\\a.txt"), show(L"all\\c.log"), printf("\n");
    SetFileAttributesW(P(L"tree\\a.txt"), FILE_ATTRIBUTE_READONLY);
    op(FO_DELETE, L"tree", NULL, QUIET);
    show(L"tree"), printf("\n");
    op(FO_DELETE, L"nomatch*.zz", NULL, QUIET);
    op(FO_DELETE, L"*.log", NULL, QUIET | FOF_ALLOWUNDO);
    show(L"c.log"), printf("\n");

    /* bad requests */
    op(0, L"a.txt", L"x", QUIET);
    op(7, L"a.txt", L"x", QUIET);
    op(FO_COPY, L"", L"x", QUIET);
    op(FO_DELETE, L"", NULL, QUIET);

    /* SHGetFileInfoW */
    WCHAR self[MAX_PATH], sysdir[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    exetype("self", self, 0);
    GetSystemDirectoryW(sysdir, MAX_PATH);
    mkfile(L"run.bat", "@echo hi\r\n");
    mkfile(L"run.cmd", "@echo hi\r\n");
    exetype("bat", P(L"run.bat"), 0);
    exetype("cmd", P(L"run.cmd"), 0);
    exetype("txt", P(L"b.txt"), 0);
    exetype("missing", P(L"nothere.exe"), 0);
    exetype("missing-useattrs", P(L"nothere.bat"), SHGFI_USEFILEATTRIBUTES);
    mkfile(L"fake.exe", "not a program");
    exetype("fake", P(L"fake.exe"), 0);
    SHFILEINFOW fi;
    memset(&fi, 0x55, sizeof fi);
    DWORD_PTR r = SHGetFileInfoW(P(L"b.txt"), 0, &fi, sizeof fi, SHGFI_DISPLAYNAME);
    printf("displayname %lu [%ls]\n", (unsigned long)r, fi.szDisplayName);
    r = SHGetFileInfoW(P(L"sub"), 0, &fi, sizeof fi, SHGFI_ATTRIBUTES);
    printf("attributes dir %lu folder %d filesystem %d\n", (unsigned long)r, !!(fi.dwAttributes & SFGAO_FOLDER),
           !!(fi.dwAttributes & SFGAO_FILESYSTEM));
    r = SHGetFileInfoW(P(L"b.txt"), 0, &fi, sizeof fi, SHGFI_ATTRIBUTES);
    printf("attributes file %lu folder %d filesystem %d\n", (unsigned long)r, !!(fi.dwAttributes & SFGAO_FOLDER),
           !!(fi.dwAttributes & SFGAO_FILESYSTEM));
    r = SHGetFileInfoW(P(L"nothere.txt"), 0, &fi, sizeof fi, SHGFI_DISPLAYNAME);
    printf("displayname missing %lu\n", (unsigned long)r);

    /* no shell user interface */
    BROWSEINFOW bi = {0};
    bi.lpszTitle = L"pick";
    PIDLIST_ABSOLUTE pidl = SHBrowseForFolderW(&bi);
    printf("browse %s\n", pidl ? "pidl" : "NULL");
    HICON big = (HICON)1, small = (HICON)1;
    UINT n = ExtractIconExW(P(L"b.txt"), 0, &big, &small, 1);
    printf("extracticonex txt %u big %s small %s\n", n, big ? "set" : "NULL", small ? "set" : "NULL");
    HICON ic = ExtractIconW(GetModuleHandleW(NULL), P(L"b.txt"), 0);
    printf("extracticon txt %s\n", ic == (HICON)1 ? "1" : ic ? "icon" : "NULL");
    ic = ExtractIconW(GetModuleHandleW(NULL), P(L"nothere.exe"), 0);
    printf("extracticon missing %s\n", ic == (HICON)1 ? "1" : ic ? "icon" : "NULL");

    /* CommandLineToArgvW: the program name's own rule and the ends of the line */
    args(L"prog a b");
    args(L"\"C:\\my dir\\prog.exe\" x");
    args(L"pro\"g x\" y");
    args(L"C:\\dir\\\"q\" z");
    args(L"\"\" a");
    args(L"  lead a");
    args(L"prog \"\"\"a\"\"\" b");
    args(L"prog a\\\\\\\\\"b c\" d");
    args(L"prog \"a\\\"b\"");
    int argc = 5;
    WCHAR **v = CommandLineToArgvW(L"", &argc);
    printf("argv empty %d self %d\n", argc, v && !_wcsicmp(v[0], self));
    LocalFree(v);
    SetLastError(0);
    v = CommandLineToArgvW(L"a b", NULL);
    printf("argv null argc %s err %lu\n", v ? "array" : "NULL", GetLastError());

    SHFileOperationW(&clean);
    printf("cleaned %d\n", GetFileAttributesW(base) == INVALID_FILE_ATTRIBUTES);
    return 0;
}
