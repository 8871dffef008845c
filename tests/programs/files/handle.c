/* Files by handle: GetFileInformationByHandleEx / SetFileInformationByHandle class by class, directory
 * listing through FileIdBothDirectoryInfo, GetFinalPathNameByHandle in each volume form, ReplaceFile.
 * Paths are printed relative to the current directory (its drive letter and place differ between hosts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static WCHAR cwd[MAX_PATH];   /* without the drive: "\tmp\...\case" */
static size_t cwd_len;

static void put_file(const char *name, const char *text)
{
    HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

static void show_file(const char *name)
{
    char buf[64] = {0};
    DWORD n = 0;
    HANDLE h = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        printf("  %s: missing (err=%lu)\n", name, GetLastError());
        return;
    }
    ReadFile(h, buf, sizeof buf - 1, &n, NULL);
    CloseHandle(h);
    printf("  %s: [%s]\n", name, buf);
}

/* s with the current directory at offset `at` replaced by "<cwd>" (case-insensitively). */
static void show_path(const char *what, DWORD r, const WCHAR *s, size_t at)
{
    if (!r) {
        printf("%s: 0 err=%lu\n", what, GetLastError());
        return;
    }
    size_t n = wcslen(s);
    if (n >= at + cwd_len && !_wcsnicmp(s + at, cwd, cwd_len))
        printf("%s: len-cwd=%lu [%.*ls<cwd>%ls]\n", what, (unsigned long)(r - cwd_len), (int)at, s, s + at + cwd_len);
    else
        printf("%s: %lu [%ls] (not under the current directory)\n", what, (unsigned long)r, s);
}

static void info_ex(void)
{
    HANDLE h = CreateFileA("Dir\\A.txt", GENERIC_READ | GENERIC_WRITE | DELETE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0,
                           NULL);
    FILE_BASIC_INFO basic;
    BOOL ok = GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic);
    printf("FileBasicInfo: %d attrs=%lx\n", ok, basic.FileAttributes);
    FILE_STANDARD_INFO st;
    ok = GetFileInformationByHandleEx(h, FileStandardInfo, &st, sizeof st);
    printf("FileStandardInfo: %d eof=%lld links=%lu delete=%d dir=%d\n", ok, st.EndOfFile.QuadPart, st.NumberOfLinks,
           st.DeletePending, st.Directory);
    SetLastError(0);
    ok = GetFileInformationByHandleEx(h, FileStandardInfo, &st, 8);
    printf("FileStandardInfo(small): %d err=%lu\n", ok, GetLastError());
    union {
        FILE_NAME_INFO n;
        char room[1024];
    } name;
    ok = GetFileInformationByHandleEx(h, FileNameInfo, &name, sizeof name);
    name.n.FileName[name.n.FileNameLength / 2] = 0;
    show_path("FileNameInfo", ok ? name.n.FileNameLength / 2 : 0, name.n.FileName, 0);
    SetLastError(0);
    name.n.FileNameLength = 0;
    ok = GetFileInformationByHandleEx(h, FileNameInfo, &name, 8);
    printf("FileNameInfo(small): %d err=%lu len-cwd=%ld\n", ok, GetLastError(),
           (long)(name.n.FileNameLength / 2 - cwd_len));
    FILE_ATTRIBUTE_TAG_INFO tag;
    ok = GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag);
    printf("FileAttributeTagInfo: %d attrs=%lx tag=%lx\n", ok, tag.FileAttributes, tag.ReparseTag);
    FILE_ID_INFO id;
    BY_HANDLE_FILE_INFORMATION bh;
    ok = GetFileInformationByHandleEx(h, FileIdInfo, &id, sizeof id);
    GetFileInformationByHandle(h, &bh);
    ULONGLONG index;
    memcpy(&index, id.FileId.Identifier, 8);
    printf("FileIdInfo: %d same serial=%d same index=%d\n", ok, (DWORD)id.VolumeSerialNumber == bh.dwVolumeSerialNumber,
           index == ((ULONGLONG)bh.nFileIndexHigh << 32 | bh.nFileIndexLow));
    SetLastError(0);
    ok = GetFileInformationByHandleEx(h, FileEndOfFileInfo, &st, sizeof st);
    printf("get FileEndOfFileInfo: %d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = GetFileInformationByHandleEx(h, (FILE_INFO_BY_HANDLE_CLASS)100, &st, sizeof st);
    printf("get class 100: %d err=%lu\n", ok, GetLastError());

    FILE_END_OF_FILE_INFO eof = {{.QuadPart = 3}};
    ok = SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof eof);
    printf("set FileEndOfFileInfo 3: %d size=%lu\n", ok, GetFileSize(h, NULL));
    FILE_ALLOCATION_INFO alloc = {{.QuadPart = 100}};
    ok = SetFileInformationByHandle(h, FileAllocationInfo, &alloc, sizeof alloc);
    printf("set FileAllocationInfo 100: %d size=%lu\n", ok, GetFileSize(h, NULL));
    alloc.AllocationSize.QuadPart = 1;
    ok = SetFileInformationByHandle(h, FileAllocationInfo, &alloc, sizeof alloc);
    printf("set FileAllocationInfo 1: %d size=%lu\n", ok, GetFileSize(h, NULL));
    memset(&basic, 0, sizeof basic);
    basic.LastWriteTime.QuadPart = 132000000000000000LL;
    basic.FileAttributes = FILE_ATTRIBUTE_READONLY;
    ok = SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic);
    FILETIME wt;
    GetFileTime(h, NULL, NULL, &wt);
    printf("set FileBasicInfo: %d write=%llu attrs=%lx\n", ok, (ULONGLONG)wt.dwHighDateTime << 32 | wt.dwLowDateTime,
           GetFileAttributesA("Dir\\A.txt"));
    basic.LastWriteTime.QuadPart = 0;
    basic.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic);
    SetLastError(0);
    ok = SetFileInformationByHandle(h, FileStandardInfo, &st, sizeof st);
    printf("set FileStandardInfo: %d err=%lu\n", ok, GetLastError());

    union {
        FILE_RENAME_INFO r;
        char room[512];
    } ren;
    memset(&ren, 0, sizeof ren);
    ren.r.ReplaceIfExists = FALSE;
    ren.r.FileNameLength = (DWORD)(wcslen(L"Dir\\B.txt") * 2);
    wcscpy(ren.r.FileName, L"Dir\\B.txt");
    SetLastError(0);
    ok = SetFileInformationByHandle(h, FileRenameInfo, &ren, sizeof ren);
    printf("rename onto existing: %d err=%lu\n", ok, GetLastError());
    ren.r.FileNameLength = (DWORD)(wcslen(L"Dir\\Renamed.txt") * 2);
    wcscpy(ren.r.FileName, L"Dir\\Renamed.txt");
    ok = SetFileInformationByHandle(h, FileRenameInfo, &ren, sizeof ren);
    printf("rename: %d old=%d new=%d\n", ok, GetFileAttributesA("Dir\\A.txt") != INVALID_FILE_ATTRIBUTES,
           GetFileAttributesA("Dir\\Renamed.txt") != INVALID_FILE_ATTRIBUTES);
    FILE_DISPOSITION_INFO disp = {TRUE};
    ok = SetFileInformationByHandle(h, FileDispositionInfo, &disp, sizeof disp);
    CloseHandle(h);
    printf("FileDispositionInfo: %d exists after close=%d\n", ok,
           GetFileAttributesA("Dir\\Renamed.txt") != INVALID_FILE_ATTRIBUTES);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void listing(void)
{
    HANDLE d = CreateFileA("Dir", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
    char *lines[16];
    int n = 0;
    static union {
        FILE_ID_BOTH_DIR_INFO i;
        char room[4096];
    } buf;
    FILE_INFO_BY_HANDLE_CLASS c = FileIdBothDirectoryRestartInfo;
    while (n < 16 && GetFileInformationByHandleEx(d, c, &buf, sizeof buf)) {
        c = FileIdBothDirectoryInfo;
        for (FILE_ID_BOTH_DIR_INFO *e = &buf.i;; e = (FILE_ID_BOTH_DIR_INFO *)((char *)e + e->NextEntryOffset)) {
            char *line = malloc(128);
            snprintf(line, 128, "%.*ls dir=%d eof=%lld id=%d", (int)(e->FileNameLength / 2), e->FileName,
                     !!(e->FileAttributes & FILE_ATTRIBUTE_DIRECTORY), e->EndOfFile.QuadPart,
                     e->FileId.QuadPart != 0);
            if (n < 16)
                lines[n++] = line;
            if (!e->NextEntryOffset)
                break;
        }
    }
    printf("FileIdBothDirectoryInfo ended: err=%lu\n", GetLastError());
    qsort(lines, n, sizeof *lines, cmp);
    for (int i = 0; i < n; i++)
        printf("  %s\n", lines[i]);
    static union {
        FILE_FULL_DIR_INFO i;
        char room[4096];
    } full;
    int count = 0;
    c = FileFullDirectoryRestartInfo;
    while (GetFileInformationByHandleEx(d, c, &full, sizeof full)) {
        c = FileFullDirectoryInfo;
        for (FILE_FULL_DIR_INFO *e = &full.i;; e = (FILE_FULL_DIR_INFO *)((char *)e + e->NextEntryOffset)) {
            count++;
            if (!e->NextEntryOffset)
                break;
        }
    }
    printf("FileFullDirectoryInfo: %d entries err=%lu\n", count, GetLastError());
    CloseHandle(d);
}

static void final_path(void)
{
    HANDLE h = CreateFileA("dir\\b.TXT", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    WCHAR buf[MAX_PATH * 2];
    DWORD r = GetFinalPathNameByHandleW(h, buf, MAX_PATH * 2, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    buf[4] = 'X';   /* the drive letter: C: here, Z: in Wine's default prefix */
    printf("DOS prefix: [%.6ls]\n", buf);
    show_path("VOLUME_NAME_DOS", r, buf, 6);
    r = GetFinalPathNameByHandleW(h, buf, MAX_PATH * 2, VOLUME_NAME_NONE);
    show_path("VOLUME_NAME_NONE", r, buf, 0);
    r = GetFinalPathNameByHandleW(h, buf, MAX_PATH * 2, VOLUME_NAME_GUID);
    printf("VOLUME_NAME_GUID: starts with volume=%d\n", r && !wcsncmp(buf, L"\\\\?\\Volume{", 11));
    r = GetFinalPathNameByHandleW(h, buf, MAX_PATH * 2, VOLUME_NAME_NT);
    printf("VOLUME_NAME_NT: starts with device=%d\n", r && !wcsncmp(buf, L"\\Device\\", 8));
    r = GetFinalPathNameByHandleW(h, buf, 4, VOLUME_NAME_NONE);
    printf("small buffer: len-cwd=%ld\n", (long)(r - cwd_len));
    SetLastError(0);
    r = GetFinalPathNameByHandleW(h, buf, MAX_PATH * 2, 0x10);
    printf("bad flags: %lu err=%lu\n", r, GetLastError());
    char abuf[MAX_PATH * 2];
    r = GetFinalPathNameByHandleA(h, abuf, sizeof abuf, VOLUME_NAME_NONE);
    printf("A: %d\n", r == cwd_len + strlen("\\Dir\\B.txt") && !strcmp(abuf + r - 10, "\\Dir\\B.txt"));
    CloseHandle(h);
}

static void replace(void)
{
    put_file("r1.txt", "old");
    put_file("r2.txt", "new");
    SetLastError(0);
    BOOL ok = ReplaceFileA("r1.txt", "r2.txt", "r1.bak", 0, NULL, NULL);
    printf("ReplaceFileA with backup: %d err=%lu\n", ok, GetLastError());
    show_file("r1.txt");
    show_file("r2.txt");
    show_file("r1.bak");
    put_file("r3.txt", "third");
    SetLastError(0);
    ok = ReplaceFileA("r1.txt", "r3.txt", NULL, 0, NULL, NULL);
    printf("ReplaceFileA: %d err=%lu\n", ok, GetLastError());
    show_file("r1.txt");
    show_file("r3.txt");
    SetLastError(0);
    ok = ReplaceFileA("missing.txt", "r1.bak", NULL, 0, NULL, NULL);
    printf("ReplaceFileA(missing replaced): %d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = ReplaceFileA("r1.txt", "missing.txt", NULL, 0, NULL, NULL);
    printf("ReplaceFileA(missing replacement): %d err=%lu\n", ok, GetLastError());
    show_file("r1.txt");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    WCHAR full[MAX_PATH];
    GetCurrentDirectoryW(MAX_PATH, full);
    wcscpy(cwd, full + 2);
    cwd_len = wcslen(cwd);
    CreateDirectoryA("Dir", NULL);
    CreateDirectoryA("Dir\\Sub", NULL);
    put_file("Dir\\A.txt", "hello");
    put_file("Dir\\B.txt", "bb");
    info_ex();
    listing();
    final_path();
    replace();
    return 0;
}
