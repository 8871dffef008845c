/* version.dll: GetFileVersionInfoSize/GetFileVersionInfo/VerQueryValue (W and A) on this program's own
 * VERSIONINFO resource (version_info.rc), then the errors: a missing file, a PE without the resource, a file
 * that is not a PE, a missing value. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static BYTE block[8192];

static void query_w(const WCHAR *sub)
{
    void *p = NULL;
    UINT len = 12345;
    SetLastError(0);
    BOOL ok = VerQueryValueW(block, sub, &p, &len);
    printf("W %ls: ok=%d len=%u", sub, ok, len);
    if (!ok)
        printf(" err=%lu", GetLastError());
    else if (len && p)
        printf(" [%ls]", (WCHAR *)p);
    printf("\n");
}

static void query_a(const char *sub)
{
    void *p = NULL;
    UINT len = 12345;
    BOOL ok = VerQueryValueA(block, sub, &p, &len);
    printf("A %s: ok=%d len=%u", sub, ok, len);
    if (ok && p)
        printf(" [%s] inside=%d", (char *)p, (BYTE *)p >= block && (BYTE *)p < block + sizeof block);
    printf("\n");
}

static void size_of(const WCHAR *label, const WCHAR *path)
{
    DWORD h = 77;
    SetLastError(0);
    DWORD n = GetFileVersionInfoSizeW(path, &h);
    printf("size %ls: %lu handle=%lu err=%lu\n", label, n, h, n ? 0 : GetLastError());
    if (!n) {
        SetLastError(0);
        BOOL ok = GetFileVersionInfoW(path, 0, sizeof block, block);
        printf("  info: ok=%d err=%lu\n", ok, GetLastError());
    }
}

int main(void)
{
    WCHAR self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    DWORD h = 77;
    DWORD size = GetFileVersionInfoSizeW(self, &h);
    printf("size: %lu handle=%lu\n", size, h);
    memset(block, 0xcc, sizeof block);
    BOOL ok = GetFileVersionInfoW(self, 0, size, block);
    printf("info: ok=%d wLength=%u wValueLength=%u wType=%u key=%ls\n", ok, ((WORD *)block)[0], ((WORD *)block)[1],
           ((WORD *)block)[2], (WCHAR *)(block + 6));

    VS_FIXEDFILEINFO *fi = NULL;
    UINT len = 0;
    ok = VerQueryValueW(block, L"\\", (void **)&fi, &len);
    printf("root: ok=%d len=%u sig=%08lx struc=%08lx file=%lu.%lu.%lu.%lu product=%lu.%lu.%lu.%lu mask=%lx flags=%lx "
           "os=%lx type=%lu sub=%lu\n",
           ok, len, fi->dwSignature, fi->dwStrucVersion, fi->dwFileVersionMS >> 16, fi->dwFileVersionMS & 0xffff,
           fi->dwFileVersionLS >> 16, fi->dwFileVersionLS & 0xffff, fi->dwProductVersionMS >> 16,
           fi->dwProductVersionMS & 0xffff, fi->dwProductVersionLS >> 16, fi->dwProductVersionLS & 0xffff,
           fi->dwFileFlagsMask, fi->dwFileFlags, fi->dwFileOS, fi->dwFileType, fi->dwFileSubtype);
    WORD *tr = NULL;
    ok = VerQueryValueW(block, L"\\VarFileInfo\\Translation", (void **)&tr, &len);
    printf("translation: ok=%d len=%u lang=%04x cp=%u\n", ok, len, tr ? tr[0] : 0, tr ? tr[1] : 0);
    query_w(L"\\StringFileInfo\\040904b0\\ProductVersion");
    query_w(L"\\StringFileInfo\\040904B0\\companyname");
    query_w(L"\\StringFileInfo\\040904b0\\FileDescription");
    query_w(L"StringFileInfo\\040904b0\\FileVersion");
    query_w(L"\\StringFileInfo\\040904b0\\Missing");
    query_w(L"\\StringFileInfo\\040704b0\\ProductVersion");
    query_w(L"\\NoSuchBlock");

    char selfa[MAX_PATH];
    GetModuleFileNameA(NULL, selfa, MAX_PATH);
    DWORD sizea = GetFileVersionInfoSizeA(selfa, &h);
    printf("A size: %lu same=%d\n", sizea, sizea == size);
    memset(block, 0xcc, sizeof block);
    ok = GetFileVersionInfoA(selfa, 0, sizea, block);
    printf("A info: ok=%d\n", ok);
    query_a("\\StringFileInfo\\040904b0\\ProductVersion");
    query_a("\\StringFileInfo\\040904b0\\CompanyName");
    ok = VerQueryValueA(block, "\\", (void **)&fi, &len);
    printf("A root: ok=%d len=%u sig=%08lx\n", ok, len, ok ? fi->dwSignature : 0);
    ok = VerQueryValueA(block, "\\VarFileInfo\\Translation", (void **)&tr, &len);
    printf("A translation: ok=%d len=%u lang=%04x cp=%u\n", ok, len, tr ? tr[0] : 0, tr ? tr[1] : 0);

    WCHAR other[MAX_PATH];
    wcscpy(other, self);
    wcscpy(wcsrchr(other, L'\\') + 1, L"winmm_time.exe");
    size_of(L"no resource", other);
    wcscpy(wcsrchr(other, L'\\') + 1, L"no_such_file.exe");
    size_of(L"missing", other);
    WCHAR text[MAX_PATH];
    GetTempPathW(MAX_PATH, text);
    wcscat(text, L"ntexec_version_test.txt");
    HANDLE f = CreateFileW(text, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD w;
    WriteFile(f, "not a program, only text\r\n", 26, &w, NULL);
    CloseHandle(f);
    size_of(L"text file", text);
    DeleteFileW(text);
    return 0;
}
