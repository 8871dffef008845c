/* shlwapi's path and string helpers (tests/e2e/shell_shlwapi): each call's result, return value and,
 * where the function sets one, the last error. Prints values, never "ok". */
#include <windows.h>
#include <shlwapi.h>
#include <stdio.h>
#include <string.h>

static void wcopy(WCHAR *d, const WCHAR *s)
{
    memcpy(d, s, (wcslen(s) + 1) * sizeof(WCHAR));
}

static const char *u(const WCHAR *s)
{
    static char buf[4][1024];
    static int k;
    char *b = buf[k++ & 3];
    if (!s)
        return "(NULL)";
    WideCharToMultiByte(CP_UTF8, 0, s, -1, b, 1024, NULL, NULL);
    return b;
}

static void canon(const WCHAR *p)
{
    WCHAR out[MAX_PATH] = L"garbage";
    BOOL r = PathCanonicalizeW(out, p);
    printf("canon [%s] -> [%s] %d\n", u(p), u(out), r);
}

static void combine(const WCHAR *d, const WCHAR *f)
{
    WCHAR out[MAX_PATH] = L"garbage";
    WCHAR *r = PathCombineW(out, d, f);
    printf("combine [%s] [%s] -> [%s] %s\n", u(d), u(f), u(out), r == out ? "dst" : r ? "?" : "NULL");
}

static void removespec(const WCHAR *p)
{
    WCHAR b[MAX_PATH];
    wcopy(b, p);
    BOOL r = PathRemoveFileSpecW(b);
    printf("removespec [%s] -> [%s] %d\n", u(p), u(b), r);
}

int wmain(void)
{
    static const WCHAR *canons[] = {L"C:\\a\\b\\..\\c", L"C:\\a\\.\\b", L"C:\\..", L"C:\\a\\..", L"a\\..\\..\\b",
                                    L"\\a\\..\\b", L"C:\\a\\b\\", L"a\\.", L"..\\a", L"", L"\\\\srv\\sh\\..\\x",
                                    L"C:\\a\\b\\..\\..\\..\\c", L"x\\y\\..", L"C:.."};
    for (size_t i = 0; i < sizeof canons / sizeof *canons; i++)
        canon(canons[i]);
    combine(L"C:\\dir", L"file.txt");
    combine(L"C:\\dir\\", L"sub\\..\\f");
    combine(L"C:\\dir", L"\\root.txt");
    combine(L"C:\\dir", L"D:\\abs");
    combine(L"C:\\dir", NULL);
    combine(NULL, L"rel");
    combine(L"", L"rel");
    combine(L"rel", L"x");
    combine(L"\\\\srv\\share\\d", L"\\f");
    WCHAR b[MAX_PATH];
    wcopy(b, L"C:\\dir");
    BOOL ar = PathAppendW(b, L"\\\\more");
    printf("append %d [%s]\n", ar, u(b));
    wcopy(b, L"C:\\dir");
    WCHAR *e = PathAddBackslashW(b);
    printf("addbackslash [%s] end %d\n", u(b), (int)(e - b));
    e = PathAddBackslashW(b);
    printf("addbackslash again [%s] end %d\n", u(b), (int)(e - b));
    b[0] = 0;
    e = PathAddBackslashW(b);
    printf("addbackslash empty [%s] end %d\n", u(b), (int)(e - b));
    static const WCHAR *names[] = {L"C:\\a\\b.txt", L"C:\\a\\b\\", L"b.txt", L"C:b", L"\\\\srv\\share", L"a/b/c.d.e",
                                   L"dir.x\\file", L"a.b c", L""};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        printf("name [%s] file [%s] ext [%s] rel %d root %d skip [%s]\n", u(names[i]), u(PathFindFileNameW(names[i])),
               u(PathFindExtensionW(names[i])), PathIsRelativeW(names[i]), PathIsRootW(names[i]),
               u(PathSkipRootW(names[i])));
    static const WCHAR *roots[] = {L"C:\\", L"\\", L"\\\\srv", L"\\\\srv\\share", L"\\\\srv\\share\\x", L"C:", L"C:\\x"};
    for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
        printf("isroot [%s] %d\n", u(roots[i]), PathIsRootW(roots[i]));
    static const WCHAR *specs[] = {L"C:\\a\\b.txt", L"C:\\a\\b", L"\\file", L"C:\\", L"C:", L"file", L"\\\\srv\\share\\f",
                                   L"C:\\a\\"};
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        removespec(specs[i]);
    wcopy(b, L"C:\\a\\b.txt");
    PathRemoveExtensionW(b);
    printf("removeext [%s]\n", u(b));
    wcopy(b, L"C:\\a.x\\b.txt");
    BOOL rr = PathRenameExtensionW(b, L".log");
    printf("rename %d [%s]\n", rr, u(b));
    PathStripPathW(b);
    printf("strip [%s]\n", u(b));
    wcopy(b, L"C:\\Program Files\\x");
    PathQuoteSpacesW(b);
    printf("quote [%s]\n", u(b));
    PathUnquoteSpacesW(b);
    printf("unquote [%s]\n", u(b));
    wcopy(b, L"nospace");
    PathQuoteSpacesW(b);
    printf("quote [%s]\n", u(b));
    printf("match %d %d %d %d %d %d\n", PathMatchSpecW(L"file.TXT", L"*.txt"), PathMatchSpecW(L"file.c", L"*.txt;*.c"),
           PathMatchSpecW(L"a", L"*.*"), PathMatchSpecW(L"abc", L"a?c"), PathMatchSpecW(L"abc", L"a?d"),
           PathMatchSpecW(L"C:\\d\\x.txt", L"*.txt"));
    CreateDirectoryW(L"shlw_dir", NULL);
    printf("exists %d %d isdir %d %d relA %d fileA [%s] extA [%s]\n", PathFileExistsW(L"shlw_dir"),
           PathFileExistsW(L"nonexistent.zzz"), PathIsDirectoryW(L"shlw_dir"), PathIsDirectoryW(L"nonexistent.zzz"),
           PathIsRelativeA("C:\\x"), PathFindFileNameA("C:\\d\\f.txt"), PathFindExtensionA("C:\\d\\f.txt"));
    RemoveDirectoryW(L"shlw_dir");
    char a[MAX_PATH];
    printf("combineA [%s]\n", PathCombineA(a, "C:\\d", "..\\e"));
    strcpy(a, "C:\\d\\f.txt");
    printf("removespecA %d [%s]\n", PathRemoveFileSpecA(a), a);
    printf("cmpi %d %d %d cmpni %d %d\n", StrCmpIW(L"abc", L"ABC"), StrCmpIW(L"abc", L"abd"), StrCmpIW(L"b", L"A"),
           StrCmpNIW(L"abcx", L"ABCy", 3), StrCmpNIW(L"abcx", L"ABCy", 4));
    const WCHAR *hay = L"Hello World";
    WCHAR *f = StrStrIW(hay, L"WORLD");
    printf("strstri %d %s chr %d rchr %d none %s\n", f ? (int)(f - hay) : -1, u(StrStrIW(hay, L"")),
           (int)(StrChrW(hay, L'o') - hay), (int)(StrRChrW(hay, NULL, L'o') - hay), u(StrChrW(hay, L'z')));
    int v = 0;
    printf("toint %d %d %d %d\n", StrToIntW(L"123abc"), StrToIntW(L"-45"), StrToIntW(L" 7"), StrToIntW(L"x"));
    BOOL ok = StrToIntExW(L"  0x1F", STIF_SUPPORT_HEX, &v);
    printf("tointex %d %d", ok, v);
    v = 99;
    ok = StrToIntExW(L"zz", 0, &v);
    printf(" %d %d", ok, v);
    ok = StrToIntExW(L" -12", 0, &v);
    printf(" %d %d\n", ok, v);
    WCHAR *d = StrDupW(L"dup");
    printf("dup [%s]\n", u(d));
    LocalFree(d);
    wcopy(b, L"  xx trim  ");
    BOOL t1 = StrTrimW(b, L" x");
    printf("trim %d [%s]", t1, u(b));
    t1 = StrTrimW(b, L"q");
    printf(" %d [%s]\n", t1, u(b));
    static const LONGLONG sizes[] = {0, 1023, 1024, 1536, 10240, 102400, 1000000, 1024000, 1048576, 123456789,
                                     5368709120LL, 1099511627776LL};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        StrFormatByteSizeW(sizes[i], b, MAX_PATH);
        printf("bytes %lld [%s]\n", sizes[i], u(b));
    }
    int r = wnsprintfW(b, 8, L"%s-%d", L"abc", 12);
    printf("wnsprintf %d [%s]", r, u(b));
    r = wnsprintfW(b, 5, L"%s", L"abcdefgh");
    printf(" %d [%s]\n", r, u(b));
    return 0;
}
