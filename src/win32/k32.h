/*
 * kernel32/kernelbase internals: the Win32 layer over ntdll. NTSTATUS becomes a Win32 error once, in
 * BaseSetLastNTError; "A" functions convert strings with the ANSI code page (UTF-8, see
 * rtl/unicode.c) and call their "W" twins.
 */
#ifndef WIN32_K32_H
#define WIN32_K32_H

#include "nt/context.h"
#include "nt/file.h"
#include "nt/memory.h"
#include "nt/peb.h"
#include "nt/winerror.h"
#include "ntdll/rtl/rtl.h"
#include "ob/ob.h"

#define MAX_PATH 260
#define CP_ACP   0
#define CP_OEMCP 1
#define CP_MACCP 2
#define CP_THREAD_ACP 3
#define CP_UTF7  65000
#define CP_UTF8  65001
/* The ANSI code page ntexec reports: UTF-8 (host names and arguments are UTF-8). */
#define NTEXEC_ACP 65001
#define NTEXEC_OEMCP 437   /* the system's OEM page, as on a United States Windows (src/rtl/unicode.c) */

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)

typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    PVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    union {
        struct {
            DWORD Offset;
            DWORD OffsetHigh;
        };
        PVOID Pointer;
    };
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;
typedef void (WINAPI *LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD error, DWORD bytes, LPOVERLAPPED ov);

typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *LPFILETIME;

typedef struct _SYSTEMTIME {
    WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME, *LPSYSTEMTIME;

/* TIME_ZONE_INFORMATION: RTL_TIME_ZONE_INFORMATION (nt/timezone.h) with SYSTEMTIMEs. */
typedef struct _TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION, *LPTIME_ZONE_INFORMATION;
static_assert(sizeof(TIME_ZONE_INFORMATION) == 172, "TIME_ZONE_INFORMATION");

#define TIME_ZONE_ID_UNKNOWN  0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2

typedef struct _STARTUPINFOW {
    DWORD cb;
    LPWSTR lpReserved, lpDesktop, lpTitle;
    DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
    WORD wShowWindow, cbReserved2;
    BYTE *lpReserved2;
    HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFOW, *LPSTARTUPINFOW;

typedef struct _STARTUPINFOA {
    DWORD cb;
    LPSTR lpReserved, lpDesktop, lpTitle;
    DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
    WORD wShowWindow, cbReserved2;
    BYTE *lpReserved2;
    HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFOA, *LPSTARTUPINFOA;

static_assert(sizeof(STARTUPINFOW) == 104, "STARTUPINFOW");

typedef struct _PROCESS_INFORMATION {
    HANDLE hProcess;
    HANDLE hThread;
    DWORD dwProcessId;
    DWORD dwThreadId;
} PROCESS_INFORMATION, *LPPROCESS_INFORMATION;

/* NTSTATUS -> SetLastError(RtlNtStatusToDosError(status)); returns the error. */
DWORD BaseSetLastNTError(NTSTATUS status);

/* The BOOL result of a call that ends in status: TRUE for STATUS_SUCCESS, else FALSE with the last error set. */
static inline BOOL BaseSetNtStatus(NTSTATUS status)
{
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    return TRUE;
}

void WINAPI SetLastError(DWORD error);
DWORD WINAPI GetLastError(void);

/* The OBJECT_ATTRIBUTES of a named object a Create* or Open* function makes or opens (name NULL: none),
 * inheritable as sa says, kept in *n. */
struct base_named {
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
};
POBJECT_ATTRIBUTES BaseObjectAttributes(struct base_named *n, LPCWSTR name, LPSECURITY_ATTRIBUTES sa);
/* The handle a Create* function returns for status: an existing named object is opened with
 * ERROR_ALREADY_EXISTS, a new one has ERROR_SUCCESS, a failure is NULL with the last error. */
HANDLE BaseCreatedHandle(NTSTATUS status, HANDLE handle);
/* The handle an Open* function returns for status (NULL with the last error on failure). */
HANDLE BaseOpenedHandle(NTSTATUS status, HANDLE handle);

static inline PPEB BaseCurrentPeb(void)
{
    PTEB teb;
    __asm__ volatile("mov %%gs:0x30, %0" : "=r"(teb));
    return teb->ProcessEnvironmentBlock;
}

static inline PTEB BaseCurrentTeb(void)
{
    PTEB teb;
    __asm__ volatile("mov %%gs:0x30, %0" : "=r"(teb));
    return teb;
}

static inline PRTL_USER_PROCESS_PARAMETERS BaseParameters(void)
{
    return BaseCurrentPeb()->ProcessParameters;
}

/* A heap UTF-16 copy of n bytes of ANSI text, NUL-terminated; *units (if asked) gets its length.
 * NULL when out of memory, without a last error. */
WCHAR *BaseAnsiToWideN(const char *s, size_t n, size_t *units);
/* A heap copy of an ANSI string as UTF-16 (NULL stays NULL); *ok is FALSE when out of memory. */
WCHAR *BaseAnsiToWide(LPCSTR s, BOOL *ok);
/* Frees what BaseAnsiToWide(N) returned. */
void BaseFreeWide(WCHAR *w);
/* Writes a UTF-16 result into an ANSI buffer with the Win32 length rules of the "A" functions:
 * returns chars written (without the NUL) or, when it does not fit, the size needed (with the NUL). */
DWORD BaseWideResultToAnsi(const WCHAR *w, size_t units, LPSTR out, DWORD size);

/* Does the path (n units) start with "\\?\" or "\\.\", the prefixes that pass DOS path rules by? */
static inline BOOL BaseIsDevicePath(const WCHAR *path, size_t n)
{
    return n >= 4 && path[0] == '\\' && path[1] == '\\' && (path[2] == '?' || path[2] == '.') && path[3] == '\\';
}

/* The DOS path -> "\??\C:\..." NT path for NtCreateFile, made absolute against the current directory.
 * The caller frees nt->Buffer with RtlFreeHeap. */
NTSTATUS BaseDosPathToNtPath(PCWSTR dos, PUNICODE_STRING nt);
/* GetFullPathNameW's algorithm into out (units); returns the length or the size needed. */
DWORD BaseGetFullPathName(PCWSTR path, DWORD size, PWSTR out, PWSTR *file_part);
/* The FILE_ATTRIBUTE_* of the file or directory at a DOS path (NtQueryAttributesFile); no last error. */
NTSTATUS BaseQueryAttributes(PCWSTR path, ULONG *attributes);
/* Opens a file or directory by DOS path for access (no data access needed), sharing everything,
 * synchronous; NULL path: STATUS_INVALID_PARAMETER. The caller closes *h. */
NTSTATUS BaseOpenPath(LPCWSTR path, ACCESS_MASK access, ULONG options, HANDLE *h);
/* Gives the open file the NT name nt: FileRenameInformation (a move) or FileLinkInformation (a second
 * name); both take the FILE_RENAME_INFORMATION layout. */
NTSTATUS BaseSetFileName(HANDLE file, PCUNICODE_STRING nt, BOOLEAN replace, FILE_INFORMATION_CLASS info_class);

HANDLE WINAPI GetStdHandle(DWORD which);
DWORD WINAPI GetProcessId(HANDLE process);
DWORD WINAPI GetThreadId(HANDLE thread);
typedef DWORD(WINAPI *LPTHREAD_START_ROUTINE)(PVOID);
HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES sa, SIZE_T stack, LPTHREAD_START_ROUTINE start, PVOID param,
                           DWORD flags, LPDWORD tid);
DWORD WINAPI GetCurrentThreadId(void);
DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR value, DWORD size);
BOOL WINAPI TlsSetValue(DWORD index, PVOID value);
DWORD WINAPI GetModuleFileNameW(HMODULE module, LPWSTR name, DWORD size);
BOOL WINAPI CloseHandle(HANDLE handle);
BOOL WINAPI WriteFile(HANDLE file, LPCVOID buffer, DWORD length, LPDWORD written, LPOVERLAPPED overlapped);
_Noreturn void WINAPI ExitProcess(UINT code);
BOOL WINAPI CreateProcessA(LPCSTR app, LPSTR cmdline, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                           BOOL inherit, DWORD flags, LPVOID env, LPCSTR curdir, LPSTARTUPINFOA si,
                           LPPROCESS_INFORMATION pi);
BOOL WINAPI CreateProcessW(LPCWSTR app, LPWSTR cmdline, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                           BOOL inherit, DWORD flags, LPVOID env, LPCWSTR curdir, LPSTARTUPINFOW si,
                           LPPROCESS_INFORMATION pi);
DWORD WINAPI WaitForSingleObject(HANDLE handle, DWORD ms);
void WINAPI GetStartupInfoW(LPSTARTUPINFOW si);
BOOL WINAPI GetExitCodeProcess(HANDLE process, LPDWORD code);
LPSTR WINAPI GetCommandLineA(void);
LPWSTR WINAPI GetCommandLineW(void);
LPSTR WINAPI GetEnvironmentStringsA(void);
LPWSTR WINAPI GetEnvironmentStringsW(void);
BOOL WINAPI FreeEnvironmentStringsA(LPSTR block);
BOOL WINAPI FreeEnvironmentStringsW(LPWSTR block);
HANDLE WINAPI CreateFileW(LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD creation,
                          DWORD flags, HANDLE template_file);
BOOL WINAPI ReadFile(HANDLE file, PVOID buffer, DWORD length, LPDWORD read, LPOVERLAPPED ov);
BOOL WINAPI CreatePipe(PHANDLE read, PHANDLE write, LPSECURITY_ATTRIBUTES sa, DWORD size);
BOOL WINAPI SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, PLARGE_INTEGER new_position, DWORD method);
DWORD WINAPI GetFileAttributesW(LPCWSTR name);
HANDLE WINAPI HeapCreate(DWORD options, SIZE_T initial, SIZE_T maximum);
BOOL WINAPI GetFileTime(HANDLE file, LPFILETIME creation, LPFILETIME access, LPFILETIME write);
BOOL WINAPI SetFileTime(HANDLE file, const FILETIME *creation, const FILETIME *access, const FILETIME *write);
BOOL WINAPI LockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD low, DWORD high);
BOOL WINAPI UnlockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD low, DWORD high);
void WINAPI Sleep(DWORD ms);

/* Files: the constants and structures of the file functions, and the kernel32 exports the CRT calls. */

#define CREATE_NEW        1
#define CREATE_ALWAYS     2
#define OPEN_EXISTING     3
#define OPEN_ALWAYS       4
#define TRUNCATE_EXISTING 5

#define FILE_FLAG_WRITE_THROUGH      0x80000000u
#define FILE_FLAG_OVERLAPPED         0x40000000u
#define FILE_FLAG_NO_BUFFERING       0x20000000u
#define FILE_FLAG_RANDOM_ACCESS      0x10000000u
#define FILE_FLAG_SEQUENTIAL_SCAN    0x08000000u
#define FILE_FLAG_DELETE_ON_CLOSE    0x04000000u
#define FILE_FLAG_BACKUP_SEMANTICS   0x02000000u

#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK    1
#define FILE_TYPE_CHAR    2
#define FILE_TYPE_PIPE    3

#define MOVEFILE_REPLACE_EXISTING 0x00000001
#define MOVEFILE_COPY_ALLOWED     0x00000002

typedef struct _WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD dwReserved0, dwReserved1;
    WCHAR cFileName[MAX_PATH];
    WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW, *LPWIN32_FIND_DATAW;
static_assert(sizeof(WIN32_FIND_DATAW) == 592, "WIN32_FIND_DATAW");

typedef struct _WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD dwReserved0, dwReserved1;
    CHAR cFileName[MAX_PATH];
    CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA, *LPWIN32_FIND_DATAA;
static_assert(sizeof(WIN32_FIND_DATAA) == 320, "WIN32_FIND_DATAA");

typedef struct _BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD dwVolumeSerialNumber;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD nNumberOfLinks;
    DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION, *LPBY_HANDLE_FILE_INFORMATION;
static_assert(sizeof(BY_HANDLE_FILE_INFORMATION) == 52, "BY_HANDLE_FILE_INFORMATION");

typedef struct _WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA;

DWORD WINAPI GetFileType(HANDLE file);
BOOL WINAPI DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process, PHANDLE target,
                            DWORD access, BOOL inherit, DWORD options);
HANDLE WINAPI GetCurrentProcess(void);
DWORD WINAPI GetCurrentProcessId(void);
BOOL WINAPI TerminateProcess(HANDLE process, UINT code);
BOOL WINAPI FlushFileBuffers(HANDLE file);
BOOL WINAPI SetEndOfFile(HANDLE file);
BOOL WINAPI GetFileSizeEx(HANDLE file, PLARGE_INTEGER size);
BOOL WINAPI SetStdHandle(DWORD which, HANDLE handle);
BOOL WINAPI GetConsoleMode(HANDLE handle, LPDWORD mode);
BOOL WINAPI WriteConsoleW(HANDLE handle, LPCVOID buffer, DWORD count, LPDWORD written, PVOID reserved);
BOOL WINAPI DeleteFileW(LPCWSTR name);
BOOL WINAPI CreateDirectoryW(LPCWSTR path, LPSECURITY_ATTRIBUTES sa);
BOOL WINAPI RemoveDirectoryW(LPCWSTR path);
DWORD WINAPI GetCurrentDirectoryW(DWORD size, LPWSTR buf);
BOOL WINAPI SetCurrentDirectoryW(LPCWSTR path);
DWORD WINAPI GetFullPathNameW(PCWSTR path, DWORD size, PWSTR out, PWSTR *file_part);
BOOL WINAPI MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags);
BOOL WINAPI SetFileAttributesW(LPCWSTR name, DWORD attributes);
BOOL WINAPI GetFileAttributesExW(LPCWSTR name, int level, PVOID info);
BOOL WINAPI GetFileInformationByHandle(HANDLE file, LPBY_HANDLE_FILE_INFORMATION info);
HANDLE WINAPI FindFirstFileW(LPCWSTR pattern, LPWIN32_FIND_DATAW data);
BOOL WINAPI FindNextFileW(HANDLE find, LPWIN32_FIND_DATAW data);
BOOL WINAPI FindClose(HANDLE find);
DWORD WINAPI GetTempPathW(DWORD size, LPWSTR buf);
BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *utc, LPFILETIME local);
void WINAPI GetSystemTimeAsFileTime(LPFILETIME ft);

/* message.c: FormatMessage and the system's message texts */
DWORD WINAPI FormatMessageW(DWORD flags, LPCVOID source, DWORD id, DWORD lang, LPWSTR buffer, DWORD size,
                            __builtin_ms_va_list *args);
DWORD WINAPI FormatMessageA(DWORD flags, LPCVOID source, DWORD id, DWORD lang, LPSTR buffer, DWORD size,
                            __builtin_ms_va_list *args);
/* The English text of a system message (with its final "\r\n"; 0x8007xxxx folded to xxxx), or NULL. */
const char *BaseSystemMessageText(DWORD id);

/* Modules mapped as data (datafile.c): LoadLibraryEx with LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE) or
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE. Their handles carry the low bits Windows gives them (1: a data file,
 * 2: an image resource); they are not in the loader's module lists. */
#define LOAD_LIBRARY_AS_DATAFILE           0x00000002
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE     0x00000020
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE 0x00000040
#define BASE_LOAD_AS_DATA_FLAGS (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE | LOAD_LIBRARY_AS_IMAGE_RESOURCE)
HMODULE BaseLoadLibraryAsData(LPCWSTR name, DWORD flags);
static inline BOOL BaseIsDataModule(HMODULE module)
{
    return ((ULONG_PTR)module & 3) != 0;
}
BOOL BaseFreeDataModule(HMODULE module);

/* resource.c: the resource functions, on every kind of module handle (an HRSRC is the address of its
 * IMAGE_RESOURCE_DATA_ENTRY, an HGLOBAL that of the bytes) */
PVOID WINAPI FindResourceW(HMODULE module, LPCWSTR name, LPCWSTR type);
PVOID WINAPI FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD lang);
PVOID WINAPI LoadResource(HMODULE module, PVOID res);
DWORD WINAPI SizeofResource(HMODULE module, PVOID res);
HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags);
BOOL WINAPI FreeLibrary(HMODULE module);

/* volume.c: volumes, free space, hard links */
BOOL WINAPI GetVolumeInformationW(LPCWSTR root, LPWSTR label, DWORD label_size, LPDWORD serial,
                                  LPDWORD max_component, LPDWORD flags, LPWSTR fs_name, DWORD fs_size);
BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR dir, ULARGE_INTEGER *caller_free, ULARGE_INTEGER *total,
                                ULARGE_INTEGER *total_free);
BOOL WINAPI CreateHardLinkW(LPCWSTR link, LPCWSTR existing, LPSECURITY_ATTRIBUTES sa);
DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION tzi);

#endif
