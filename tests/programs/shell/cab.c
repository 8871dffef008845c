/* setupapi's SetupIterateCabinetW (tests/e2e/shell_setupapi) over t.cab (tests/programs/shell/mkcab.sh):
 * every notification with its fields, extraction of one file (FILEOP_DOIT), skip, abort, and the errors
 * for a missing file and a file that is not a cabinet. */
#include <windows.h>
#include <setupapi.h>
#include <stdio.h>
#include <wchar.h>

static int mode;   /* 0: extract a.txt, skip the rest; 1: abort at the first file with error 5 */

static const char *u(const WCHAR *s)
{
    static char buf[4][600];
    static int k;
    char *b = buf[k++ & 3];
    WideCharToMultiByte(CP_UTF8, 0, s ? s : L"(null)", -1, b, 600, NULL, NULL);
    return b;
}

static UINT CALLBACK handler(PVOID ctx, UINT note, UINT_PTR p1, UINT_PTR p2)
{
    (void)ctx;
    if (note == SPFILENOTIFY_CABINETINFO) {
        CABINET_INFO_W *ci = (CABINET_INFO_W *)p1;
        const WCHAR *slash = wcsrchr(ci->CabinetPath, L'\\');
        printf("CABINETINFO path ends %s file %s disk [%s] set %u number %u p2 %d\n",
               slash && !slash[1] ? "with \\" : "without \\", u(ci->CabinetFile), u(ci->DiskName), ci->SetId,
               ci->CabinetNumber, (int)p2);
        return NO_ERROR;
    }
    if (note == SPFILENOTIFY_FILEINCABINET) {
        FILE_IN_CABINET_INFO_W *fi = (FILE_IN_CABINET_INFO_W *)p1;
        const WCHAR *cab = (const WCHAR *)p2;
        printf("FILEINCABINET %s size %lu date %04x time %04x attribs %04x cab %s\n", u(fi->NameInCabinet),
               fi->FileSize, fi->DosDate, fi->DosTime, fi->DosAttribs, wcsstr(cab, L"t.cab") ? "t.cab" : "?");
        if (mode == 1) {
            fi->Win32Error = ERROR_ACCESS_DENIED;
            return FILEOP_ABORT;
        }
        if (!_wcsicmp(fi->NameInCabinet, L"a.txt")) {
            GetFullPathNameW(L"out_a.txt", MAX_PATH, fi->FullTargetName, NULL);
            return FILEOP_DOIT;
        }
        return FILEOP_SKIP;
    }
    if (note == SPFILENOTIFY_FILEEXTRACTED) {
        FILEPATHS_W *fp = (FILEPATHS_W *)p1;
        printf("FILEEXTRACTED target %s source %s error %u\n", wcsstr(fp->Target, L"out_a.txt") ? "out_a.txt" : "?",
               wcsstr(fp->Source, L"t.cab") ? "t.cab" : "?", fp->Win32Error);
        return NO_ERROR;
    }
    printf("notification %#x\n", note);
    return NO_ERROR;
}

int wmain(void)
{
    BOOL r = SetupIterateCabinetW(L"t.cab", 0, handler, NULL);
    printf("iterate %d err %lu\n", r, r ? 0 : GetLastError());
    char buf[64] = {0};
    DWORD got = 0;
    HANDLE h = CreateFileW(L"out_a.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h != INVALID_HANDLE_VALUE) {
        ReadFile(h, buf, sizeof buf - 1, &got, NULL);
        CloseHandle(h);
    }
    printf("out_a.txt %lu bytes: %s", got, buf);
    mode = 1;
    SetLastError(0);
    r = SetupIterateCabinetW(L"t.cab", 0, handler, NULL);
    printf("abort %d err %lu\n", r, GetLastError());
    mode = 0;
    SetLastError(0);
    r = SetupIterateCabinetW(L"missing.cab", 0, handler, NULL);
    printf("missing %d err %lu\n", r, GetLastError());
    h = CreateFileW(L"notcab.cab", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(h, "not a cabinet at all, just text\r\n", 33, &got, NULL);
    CloseHandle(h);
    SetLastError(0);
    r = SetupIterateCabinetW(L"notcab.cab", 0, handler, NULL);
    printf("notcab %d err %lu\n", r, GetLastError());
    return 0;
}
