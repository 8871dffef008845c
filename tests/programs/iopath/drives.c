/* Drives, device controls, local file times, the file APIs' code page and fail-fast (tests/e2e/
 * iopath_drives): what 7za.exe and esbuild.exe ask of kernel32 besides their files. Ends with
 * RaiseFailFastException, which no handler may see. */
#include <windows.h>
#include <stdio.h>

static LONG WINAPI handler(EXCEPTION_POINTERS *e)
{
    printf("a handler saw 0x%08lx\n", e->ExceptionRecord->ExceptionCode);
    fflush(stdout);
    return EXCEPTION_CONTINUE_SEARCH;
}

int main(void)
{
    DWORD mask = GetLogicalDrives();
    printf("GetLogicalDrives: C: %s\n", mask & (1u << 2) ? "present" : "absent");
    WCHAR strings[128];
    DWORD n = GetLogicalDriveStringsW(ARRAYSIZE(strings), strings);
    printf("GetLogicalDriveStringsW: first %ls, length a multiple of 4: %d\n", strings, n % 4 == 0);
    printf("GetLogicalDriveStringsW with room for 1: asks for %d more than it returned\n",
           (int)GetLogicalDriveStringsW(1, strings) - (int)n);
    char here[MAX_PATH + 1];
    DWORD len = GetCurrentDirectoryA(MAX_PATH, here);
    here[len] = '\\';
    here[len + 1] = 0;
    printf("GetDriveTypeA: C:\\ %u, C: %u, NULL %u, the current directory %u, Q:\\nowhere\\ %u\n",
           GetDriveTypeA("C:\\"), GetDriveTypeA("C:"), GetDriveTypeA(NULL), GetDriveTypeA(here),
           GetDriveTypeA("Q:\\nowhere\\"));

    FILETIME utc = {0x2AC4C000, 0x01D9B0A4}, local, back;
    FileTimeToLocalFileTime(&utc, &local);
    LocalFileTimeToFileTime(&local, &back);
    printf("LocalFileTimeToFileTime undoes FileTimeToLocalFileTime: %d\n",
           back.dwLowDateTime == utc.dwLowDateTime && back.dwHighDateTime == utc.dwHighDateTime);

    printf("AreFileApisANSI: %d", AreFileApisANSI());
    SetFileApisToOEM();
    printf(", after SetFileApisToOEM: %d", AreFileApisANSI());
    SetFileApisToANSI();
    printf(", after SetFileApisToANSI: %d\n", AreFileApisANSI());

    HANDLE f = CreateFileA("device.dat", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_FLAG_DELETE_ON_CLOSE, NULL);
    DWORD got;
    BOOL ok = DeviceIoControl(f, CTL_CODE(0x8000, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS), NULL, 0, NULL, 0, &got,
                              NULL);
    printf("DeviceIoControl of a control no driver knows: %d, error %lu\n", ok, GetLastError());
    CloseHandle(f);

    AddVectoredExceptionHandler(1, handler);
    SetUnhandledExceptionFilter(handler);
    printf("RaiseFailFastException\n");
    fflush(stdout);
    RaiseFailFastException(NULL, NULL, 0);
    printf("still running\n");
    return 0;
}
