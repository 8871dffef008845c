/*
 * ldrdata.exe: modules mapped as data (LoadLibraryEx with LOAD_LIBRARY_AS_DATAFILE, _EXCLUSIVE,
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE) and the resource functions on them and on loaded modules.
 *   ldrdata flags    each flag on ldrdll.dll: handle bits, what the module functions say, its resources
 *   ldrdata loaded   the data flags on a DLL loaded normally, and the exe's own resources
 *   ldrdata errors   a file that is not a PE, a missing file, missing types/names/languages
 *   ldrdata version  GetFileVersionInfo on the DLL (not loaded) and on a missing file
 * Prints values and errors only, never addresses.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show_bytes(const char *label, HMODULE h, LPCSTR name, LPCSTR type)
{
    SetLastError(0xdead);
    HRSRC r = FindResourceA(h, name, type);
    if (!r) {
        printf("  %s: FindResource NULL error %lu\n", label, GetLastError());
        return;
    }
    DWORD size = SizeofResource(h, r);
    HGLOBAL g = LoadResource(h, r);
    const char *p = LockResource(g);
    printf("  %s: size %lu, \"%.*s\"\n", label, size, p ? (int)strnlen(p, size) : 0, p ? p : "");
}

static void show_string(HMODULE h, UINT id)
{
    char buf[64];
    WCHAR wbuf[64];
    SetLastError(0xdead);
    int n = LoadStringA(h, id, buf, sizeof buf);
    DWORD err = GetLastError();
    int wn = LoadStringW(h, id, wbuf, 64);
    printf("  LoadString %u: %d \"%s\", W %d\n", id, n, n ? buf : "", wn);
    if (!n)
        printf("    error %lu\n", err);
}

static BOOL CALLBACK on_type(HMODULE h, LPSTR type, LONG_PTR param)
{
    (void)h, (void)param;
    if (IS_INTRESOURCE(type))
        printf(" #%u", (unsigned)(ULONG_PTR)type);
    else
        printf(" %s", type);
    return TRUE;
}

static BOOL CALLBACK on_name(HMODULE h, LPCSTR type, LPSTR name, LONG_PTR param)
{
    (void)h, (void)type, (void)param;
    if (IS_INTRESOURCE(name))
        printf(" #%u", (unsigned)(ULONG_PTR)name);
    else
        printf(" %s", name);
    return TRUE;
}

static BOOL CALLBACK on_name_w(HMODULE h, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    (void)h, (void)type, (void)param;
    if (IS_INTRESOURCE(name))
        printf(" #%u", (unsigned)(ULONG_PTR)name);
    else
        printf(" %ls", name);
    return TRUE;
}

static BOOL CALLBACK on_lang(HMODULE h, LPCSTR type, LPCSTR name, WORD lang, LONG_PTR param)
{
    (void)h, (void)type, (void)name, (void)param;
    printf(" 0x%04x", lang);
    return TRUE;
}

static void show_resources(HMODULE h)
{
    show_bytes("MYDATA", h, "MYDATA", (LPCSTR)RT_RCDATA);
    show_bytes("mydata (lower case)", h, "mydata", (LPCSTR)RT_RCDATA);
    show_bytes("custom #7", h, MAKEINTRESOURCEA(7), "custom");
    show_bytes("\"#7\" of \"CUSTOM\"", h, "#7", "CUSTOM");
    show_bytes("MULTI", h, "MULTI", (LPCSTR)RT_RCDATA);
    show_string(h, 1);
    show_string(h, 20);
    show_string(h, 3);
    printf("  types:");
    BOOL r = EnumResourceTypesA(h, on_type, 0);
    printf(" -> %d\n", r);
    printf("  RCDATA names:");
    r = EnumResourceNamesA(h, (LPCSTR)RT_RCDATA, on_name, 0);
    printf(" -> %d\n", r);
    printf("  RCDATA names (W):");
    r = EnumResourceNamesW(h, (LPCWSTR)RT_RCDATA, on_name_w, 0);
    printf(" -> %d\n", r);
    printf("  MULTI languages:");
    r = EnumResourceLanguagesA(h, (LPCSTR)RT_RCDATA, "multi", on_lang, 0);
    printf(" -> %d\n", r);
}

static void show_module(HMODULE h)
{
    char path[MAX_PATH];
    SetLastError(0xdead);
    HMODULE by_name = GetModuleHandleA("ldrdll.dll");
    printf("  GetModuleHandle(ldrdll.dll): %s error %lu\n", by_name ? "found" : "NULL", by_name ? 0 : GetLastError());
    SetLastError(0xdead);
    FARPROC f = GetProcAddress(h, "ldr_add");
    printf("  GetProcAddress(ldr_add): %s error %lu\n", f ? "found" : "NULL", f ? 0 : GetLastError());
    SetLastError(0xdead);
    DWORD n = GetModuleFileNameA(h, path, sizeof path);
    printf("  GetModuleFileName: %lu error %lu\n", n, n ? 0 : GetLastError());
}

static void flags_case(void)
{
    static const struct {
        DWORD flags;
        const char *name;
    } cases[] = {
        {LOAD_LIBRARY_AS_DATAFILE, "LOAD_LIBRARY_AS_DATAFILE"},
        {LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE, "LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE"},
        {LOAD_LIBRARY_AS_IMAGE_RESOURCE, "LOAD_LIBRARY_AS_IMAGE_RESOURCE"},
        {LOAD_LIBRARY_AS_IMAGE_RESOURCE | LOAD_LIBRARY_AS_DATAFILE, "AS_IMAGE_RESOURCE | AS_DATAFILE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SetLastError(0xdead);
        HMODULE h = LoadLibraryExA("ldrdll.dll", NULL, cases[i].flags);
        printf("%s: %s, low bits %u\n", cases[i].name, h ? "loaded" : "failed", (unsigned)((ULONG_PTR)h & 3));
        if (!h) {
            printf("  error %lu\n", GetLastError());
            continue;
        }
        show_module(h);
        show_resources(h);
        SetLastError(0xdead);
        BOOL r = FreeLibrary(h);
        printf("  FreeLibrary: %d\n", r);
    }
    /* Two data mappings of one file are two views, each freed on its own. */
    char path[MAX_PATH];
    GetModuleFileNameA(NULL, path, sizeof path);
    strcpy(strrchr(path, '\\') + 1, "ldrdll.dll");
    HMODULE a = LoadLibraryExA("ldrdll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    HMODULE b = LoadLibraryExA(path, NULL, LOAD_LIBRARY_AS_DATAFILE);
    printf("twice as data (by name, by full path): %d %d, same handle %d\n", a != NULL, b != NULL, a == b);
    BOOL ra = FreeLibrary(a);
    BOOL rb = FreeLibrary(b);
    printf("  FreeLibrary: %d %d\n", ra, rb);
    /* EXCLUSIVE: nobody may open the file for writing while it is mapped; a plain data file allows it. */
    static const DWORD share_flags[] = {LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE, LOAD_LIBRARY_AS_DATAFILE};
    for (size_t i = 0; i < 2; i++) {
        HMODULE m = LoadLibraryExA("ldrdll.dll", NULL, share_flags[i]);
        SetLastError(0xdead);
        HANDLE w = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               OPEN_EXISTING, 0, NULL);
        printf("flags 0x%lx: open for writing while mapped: %s error %lu\n", share_flags[i],
               w != INVALID_HANDLE_VALUE ? "opened" : "refused", w != INVALID_HANDLE_VALUE ? 0 : GetLastError());
        if (w != INVALID_HANDLE_VALUE)
            CloseHandle(w);
        FreeLibrary(m);
        w = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                        OPEN_EXISTING, 0, NULL);
        printf("  after FreeLibrary: %s\n", w != INVALID_HANDLE_VALUE ? "opened" : "refused");
        if (w != INVALID_HANDLE_VALUE)
            CloseHandle(w);
    }
    /* FormatMessage reads a message table through such handles (msgtable.dll, beside the programs). */
    static const DWORD msg_flags[] = {LOAD_LIBRARY_AS_DATAFILE, LOAD_LIBRARY_AS_IMAGE_RESOURCE};
    for (size_t i = 0; i < 2; i++) {
        HMODULE m = LoadLibraryExA("msgtable.dll", NULL, msg_flags[i]);
        char text[128] = "";
        SetLastError(0xdead);
        DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS, m, 1,
                                 MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN), text, sizeof text, NULL);
        printf("msgtable.dll flags 0x%lx, low bits %u: FormatMessage %lu \"%s\"\n", msg_flags[i],
               (unsigned)((ULONG_PTR)m & 3), n, n ? strtok(text, "\r\n") : "");
        SetLastError(0xdead);
        n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS, m, 0x7777, 0, text, sizeof text,
                           NULL);
        printf("  missing id: %lu error %lu\n", n, GetLastError());
        FreeLibrary(m);
    }
}

static void loaded_case(void)
{
    HMODULE dll = LoadLibraryA("ldrdll.dll");
    printf("LoadLibrary: %s, low bits %u\n", dll ? "loaded" : "failed", (unsigned)((ULONG_PTR)dll & 3));
    int (*add)(int, int) = (int (*)(int, int))GetProcAddress(dll, "ldr_add");
    int *value = (int *)GetProcAddress(dll, "ldr_value");
    printf("  ldr_add(2, 3) = %d, ldr_value = %d\n", add ? add(2, 3) : -1, value ? *value : -1);
    HMODULE h = LoadLibraryExA("ldrdll.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    printf("as data while loaded: low bits %u, same handle %d\n", (unsigned)((ULONG_PTR)h & 3), h == dll);
    show_resources(h);
    printf("  FreeLibrary (the data load's reference): %d\n", FreeLibrary(h));
    printf("  still loaded: %d\n", GetModuleHandleA("ldrdll.dll") == dll);
    printf("  FreeLibrary (the first reference): %d\n", FreeLibrary(dll));
    printf("  still loaded: %d\n", GetModuleHandleA("ldrdll.dll") != NULL);

    printf("the exe itself (NULL):\n");
    show_resources(NULL);
    show_string(NULL, 33);
    printf("the exe itself (GetModuleHandle(NULL)):\n");
    show_bytes("MYDATA", GetModuleHandleA(NULL), "MYDATA", (LPCSTR)RT_RCDATA);
}

static void errors_case(void)
{
    HANDLE f = CreateFileA("notpe.dll", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written;
    const char text[] = "This is a text file, not a PE image. It is long enough to have a DOS header's size.\n";
    WriteFile(f, text, sizeof text - 1, &written, NULL);
    CloseHandle(f);
    static const DWORD flags[] = {LOAD_LIBRARY_AS_DATAFILE, LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE,
                                  LOAD_LIBRARY_AS_IMAGE_RESOURCE};
    for (size_t i = 0; i < 3; i++) {
        SetLastError(0xdead);
        HMODULE h = LoadLibraryExA("notpe.dll", NULL, flags[i]);
        printf("not a PE, flags 0x%lx: %s error %lu\n", flags[i], h ? "loaded" : "NULL", h ? 0 : GetLastError());
        if (h)
            FreeLibrary(h);
        SetLastError(0xdead);
        h = LoadLibraryExA("nosuch.dll", NULL, flags[i]);
        printf("missing, flags 0x%lx: %s error %lu\n", flags[i], h ? "loaded" : "NULL", h ? 0 : GetLastError());
    }
    DeleteFileA("notpe.dll");

    HMODULE h = LoadLibraryExA("ldrdll.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    show_bytes("missing type", h, "MYDATA", "NOSUCHTYPE");
    show_bytes("missing name", h, "NOSUCHNAME", (LPCSTR)RT_RCDATA);
    show_bytes("missing id", h, MAKEINTRESOURCEA(99), (LPCSTR)RT_RCDATA);
    SetLastError(0xdead);
    HRSRC r = FindResourceExA(h, (LPCSTR)RT_RCDATA, "MULTI", MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    const char *p = r ? LockResource(LoadResource(h, r)) : NULL;
    printf("  MULTI in German: %s\n", p ? p : "NULL");
    SetLastError(0xdead);
    r = FindResourceExA(h, (LPCSTR)RT_RCDATA, "MULTI", MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN_SWISS));
    p = r ? LockResource(LoadResource(h, r)) : NULL;
    printf("  MULTI in Swiss German: %s\n", p ? p : "NULL");
    SetLastError(0xdead);
    r = FindResourceExA(h, (LPCSTR)RT_RCDATA, "MULTI", MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH));
    printf("  MULTI in French: %s error %lu\n", r ? "found" : "NULL", r ? 0 : GetLastError());
    SetLastError(0xdead);
    BOOL ok = EnumResourceNamesA(h, "NOSUCHTYPE", on_name, 0);
    printf("  names of a missing type: %d error %lu\n", ok, GetLastError());
    printf("  FreeLibrary: %d\n", FreeLibrary(h));

    /* The exe has resources, but no type 99. */
    SetLastError(0xdead);
    r = FindResourceA(NULL, MAKEINTRESOURCEA(1), MAKEINTRESOURCEA(99));
    printf("exe, type 99: %s error %lu\n", r ? "found" : "NULL", r ? 0 : GetLastError());
    printf("LoadResource(NULL resource): %s\n", LoadResource(NULL, NULL) ? "non-NULL" : "NULL");
    printf("SizeofResource(NULL resource): %lu\n", SizeofResource(NULL, NULL));
    printf("FreeResource: %d\n", FreeResource(NULL));
}

static void version_case(const char *file)
{
    DWORD handle = 7;
    SetLastError(0xdead);
    DWORD size = GetFileVersionInfoSizeA(file, &handle);
    printf("%s: GetFileVersionInfoSize %s, handle %lu, error %lu\n", file, size ? "nonzero" : "0", handle,
           size ? 0 : GetLastError());
    if (!size)
        return;
    static char block[8192];
    if (size > sizeof block || !GetFileVersionInfoA(file, 0, size, block)) {
        printf("  GetFileVersionInfo failed %lu\n", GetLastError());
        return;
    }
    VS_FIXEDFILEINFO *fixed;
    UINT len;
    if (VerQueryValueA(block, "\\", (void **)&fixed, &len))
        printf("  file version %lu.%lu.%lu.%lu, product %lu.%lu.%lu.%lu\n", fixed->dwFileVersionMS >> 16,
               fixed->dwFileVersionMS & 0xffff, fixed->dwFileVersionLS >> 16, fixed->dwFileVersionLS & 0xffff,
               fixed->dwProductVersionMS >> 16, fixed->dwProductVersionMS & 0xffff, fixed->dwProductVersionLS >> 16,
               fixed->dwProductVersionLS & 0xffff);
    char *desc;
    if (VerQueryValueA(block, "\\StringFileInfo\\040904b0\\FileDescription", (void **)&desc, &len))
        printf("  FileDescription: %s\n", desc);
    printf("  loaded after: %d\n", GetModuleHandleA(file) != NULL);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "flags"))
        flags_case();
    else if (!strcmp(what, "loaded"))
        loaded_case();
    else if (!strcmp(what, "errors"))
        errors_case();
    else if (!strcmp(what, "version")) {
        version_case("ldrdll.dll");
        version_case("nosuch.dll");
    } else {
        printf("usage: ldrdata flags|loaded|errors|version\n");
        return 2;
    }
    return 0;
}
