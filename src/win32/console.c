/* The console: modes, code pages, WriteConsole/ReadConsole on a terminal (UTF-8 on the host side). */
#include <string.h>

#include "io/console.h"
#include "io/io.h"
#include "win32/k32.h"

BOOL WINAPI IsValidCodePage(UINT cp);   /* string.c */

static UINT console_cp = NTEXEC_ACP, console_output_cp = NTEXEC_ACP;

/* Is handle a console (a terminal on the host)? */
static bool is_console(HANDLE handle)
{
    IO_STATUS_BLOCK io;
    FILE_FS_DEVICE_INFORMATION info;
    return NtQueryVolumeInformationFile(handle, &io, &info, sizeof info, FileFsDeviceInformation) == STATUS_SUCCESS &&
           info.DeviceType == FILE_DEVICE_CONSOLE;
}

/* The mode of the input buffer or screen buffer handle names; a file or pipe is ERROR_INVALID_HANDLE. */
BOOL WINAPI GetConsoleMode(HANDLE handle, LPDWORD mode)
{
    IO_STATUS_BLOCK io;
    ULONG m = 0;
    NTSTATUS status = is_console(handle)
                          ? NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_GET_MODE, NULL, 0, &m,
                                                  sizeof m)
                          : STATUS_INVALID_HANDLE;
    if (status == STATUS_SUCCESS)
        *mode = m;
    return BaseSetNtStatus(status);
}

/* Bits the buffer does not have fail with ERROR_INVALID_PARAMETER. On the input buffer, the line, echo
 * and Ctrl+C bits change the terminal (io/console.c). */
BOOL WINAPI SetConsoleMode(HANDLE handle, DWORD mode)
{
    IO_STATUS_BLOCK io;
    ULONG m = mode;
    NTSTATUS status = is_console(handle)
                          ? NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_CONDRV_SET_MODE, &m, sizeof m,
                                                  NULL, 0)
                          : STATUS_INVALID_HANDLE;
    return BaseSetNtStatus(status);
}

UINT WINAPI GetConsoleCP(void)
{
    return console_cp;
}

UINT WINAPI GetConsoleOutputCP(void)
{
    return console_output_cp;
}

/* Only an installed code page (IsValidCodePage) will do, as on Windows. */
BOOL WINAPI SetConsoleCP(UINT cp)
{
    if (!IsValidCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    console_cp = cp;
    return TRUE;
}

BOOL WINAPI SetConsoleOutputCP(UINT cp)
{
    if (!IsValidCodePage(cp)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    console_output_cp = cp;
    return TRUE;
}

BOOL WINAPI WriteConsoleA(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved)
{
    (void)reserved;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return WriteFile(handle, buffer, count, written, NULL);
}

/* UTF-16 to the terminal as UTF-8; *written counts UTF-16 units, as Windows does. */
BOOL WINAPI WriteConsoleW(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved)
{
    (void)reserved;
    if (written)
        *written = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    ULONG bytes;
    RtlUnicodeToUTF8N(NULL, 0, &bytes, buffer, count * sizeof(WCHAR));
    char *utf8 = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes ? bytes : 1);
    if (!utf8) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    RtlUnicodeToUTF8N(utf8, bytes, &bytes, buffer, count * sizeof(WCHAR));
    DWORD out;
    BOOL ok = WriteFile(handle, utf8, bytes, &out, NULL);
    RtlFreeHeap(RtlGetProcessHeap(), 0, utf8);
    if (ok && written)
        *written = count;
    return ok;
}

BOOL WINAPI ReadConsoleA(HANDLE handle, PVOID buffer, DWORD count, LPDWORD read, PVOID control)
{
    (void)control;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return ReadFile(handle, buffer, count, read, NULL);
}

BOOL WINAPI ReadConsoleW(HANDLE handle, PVOID buffer, DWORD count, LPDWORD read, PVOID control)
{
    (void)control;
    if (read)
        *read = 0;
    if (!is_console(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    /* One UTF-8 byte per UTF-16 unit at most, so count bytes always fit after conversion. */
    char *utf8 = RtlAllocateHeap(RtlGetProcessHeap(), 0, count ? count : 1);
    if (!utf8) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    DWORD got;
    BOOL ok = ReadFile(handle, utf8, count, &got, NULL);
    if (ok) {
        ULONG bytes;
        RtlUTF8ToUnicodeN(buffer, count * sizeof(WCHAR), &bytes, utf8, got);
        if (read)
            *read = bytes / sizeof(WCHAR);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, utf8);
    return ok;
}

BOOL WINAPI SetConsoleTitleA(LPCSTR title)
{
    (void)title;
    return TRUE;
}

BOOL WINAPI SetConsoleTitleW(LPCWSTR title)
{
    (void)title;
    return TRUE;
}

HANDLE WINAPI GetConsoleWindow(void)
{
    return NULL;
}
