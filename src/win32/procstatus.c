/*
 * The process status functions, kernel32's K32 exports (psapi.dll forwards its names to them, as Windows'
 * psapi has since Windows 7; programs built for PSAPI_VERSION 2 import the K32 names from kernel32 directly;
 * K32GetProcessMemoryInfo is in thread.c): the module functions read the loader's list of this process (another
 * process's list lives in its own host, which ntexec does not read: ERROR_CALL_NOT_IMPLEMENTED),
 * EnumProcesses asks the kernel for SystemProcessInformation, and GetProcessImageFileName for
 * ProcessImageFileName (the NT path), passing on the kernel's answer.
 */
#include <string.h>

#include "ntdll/ldr/ldrp.h"
#include "win32/k32.h"

#define LIST_MODULES_ALL 3
#define SystemProcessInformation 5
#define ProcessImageFileName 27

NTSTATUS WINAPI NtQuerySystemInformation(ULONG info_class, PVOID info, ULONG length, PULONG return_length);
NTSTATUS WINAPI NtQueryInformationProcess(HANDLE handle, ULONG info_class, PVOID info, ULONG length,
                                          PULONG return_length);

typedef struct {
    PVOID lpBaseOfDll;
    DWORD SizeOfImage;
    PVOID EntryPoint;
} MODULEINFO;

/* The module functions answer for this process only. */
static BOOL is_self(HANDLE process)
{
    if (process == GetCurrentProcess())
        return TRUE;
    DWORD pid = GetProcessId(process);
    if (!pid)
        return FALSE;   /* ERROR_INVALID_HANDLE from GetProcessId */
    if (pid == GetCurrentProcessId())
        return TRUE;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

static PLIST_ENTRY module_list(void)
{
    return &BaseCurrentPeb()->Ldr->InLoadOrderModuleList;
}

/* The loader entry of module (NULL: the executable), the loader lock held; NULL with ERROR_INVALID_HANDLE
 * when no module has that base (the lock released then). */
static LDR_DATA_TABLE_ENTRY *find_module(HMODULE module)
{
    if (!module)
        module = BaseCurrentPeb()->ImageBaseAddress;
    LdrpAcquireLoaderLock();
    PLIST_ENTRY head = module_list();
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        LDR_DATA_TABLE_ENTRY *m = CONTAINING_RECORD(e, LDR_DATA_TABLE_ENTRY, InLoadOrderLinks);
        if (m->DllBase == (PVOID)module)
            return m;
    }
    LdrpReleaseLoaderLock();
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

BOOL WINAPI K32EnumProcessModulesEx(HANDLE process, HMODULE *modules, DWORD cb, LPDWORD needed, DWORD filter)
{
    (void)filter;   /* a 64-bit process: every filter lists the same modules, as Windows' psapi does */
    if (!is_self(process))
        return FALSE;
    DWORD count = 0, room = cb / sizeof(HMODULE);
    LdrpAcquireLoaderLock();
    PLIST_ENTRY head = module_list();
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        LDR_DATA_TABLE_ENTRY *m = CONTAINING_RECORD(e, LDR_DATA_TABLE_ENTRY, InLoadOrderLinks);
        if (count < room && modules)
            modules[count] = (HMODULE)m->DllBase;
        count++;
    }
    LdrpReleaseLoaderLock();
    if (!needed) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *needed = count * (DWORD)sizeof(HMODULE);
    return TRUE;
}

BOOL WINAPI K32EnumProcessModules(HANDLE process, HMODULE *modules, DWORD cb, LPDWORD needed)
{
    return K32EnumProcessModulesEx(process, modules, cb, needed, LIST_MODULES_ALL);
}

/* Copies up to size characters of s, as Windows truncates: a base name is NUL-terminated only when there is
 * room; a full name always is (its last character gives way), and then the answer is size. */
static DWORD copy_name(const UNICODE_STRING *s, LPWSTR out, DWORD size, BOOL full)
{
    DWORD len = s->Length / sizeof(WCHAR);
    DWORD n = len < size ? len : size;
    memcpy(out, s->Buffer, n * sizeof(WCHAR));
    if (n < size)
        out[n] = 0;
    else if (full)
        out[size - 1] = 0;
    return n;
}

static DWORD module_name(HANDLE process, HMODULE module, LPWSTR out, DWORD size, BOOL full)
{
    if (!out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!is_self(process))
        return 0;
    LDR_DATA_TABLE_ENTRY *m = find_module(module);
    if (!m)
        return 0;
    DWORD n = copy_name(full ? &m->FullDllName : &m->BaseDllName, out, size, full);
    LdrpReleaseLoaderLock();
    return n;
}

DWORD WINAPI K32GetModuleBaseNameW(HANDLE process, HMODULE module, LPWSTR out, DWORD size)
{
    return module_name(process, module, out, size, FALSE);
}

DWORD WINAPI K32GetModuleFileNameExW(HANDLE process, HMODULE module, LPWSTR out, DWORD size)
{
    return module_name(process, module, out, size, TRUE);
}

/* An A form: the W answer in the ANSI code page, truncated to size bytes (NUL-terminated when room). */
static DWORD to_ansi(const WCHAR *w, DWORD wlen, LPSTR out, DWORD size)
{
    ULONG bytes = 0;
    RtlUnicodeToMultiByteN(out, size, &bytes, w, wlen * sizeof(WCHAR));
    if (bytes < size)
        out[bytes] = 0;
    return bytes;
}

static DWORD module_name_a(HANDLE process, HMODULE module, LPSTR out, DWORD size, BOOL full)
{
    WCHAR w[1024];
    if (!out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD n = module_name(process, module, w, ARRAY_SIZE(w), full);
    if (!n)
        return 0;
    n = to_ansi(w, n, out, size);
    if (full && n == size)
        out[size - 1] = 0;   /* truncated like the W form */
    return n;
}

DWORD WINAPI K32GetModuleBaseNameA(HANDLE process, HMODULE module, LPSTR out, DWORD size)
{
    return module_name_a(process, module, out, size, FALSE);
}

DWORD WINAPI K32GetModuleFileNameExA(HANDLE process, HMODULE module, LPSTR out, DWORD size)
{
    return module_name_a(process, module, out, size, TRUE);
}

BOOL WINAPI K32GetModuleInformation(HANDLE process, HMODULE module, MODULEINFO *info, DWORD cb)
{
    if (cb < sizeof(MODULEINFO)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!is_self(process))
        return FALSE;
    LDR_DATA_TABLE_ENTRY *m = find_module(module);
    if (!m)
        return FALSE;
    info->lpBaseOfDll = m->DllBase;
    info->SizeOfImage = m->SizeOfImage;
    info->EntryPoint = m->EntryPoint;
    LdrpReleaseLoaderLock();
    return TRUE;
}

/* SYSTEM_PROCESS_INFORMATION: NextEntryOffset at 0, UniqueProcessId at 0x50. */
BOOL WINAPI K32EnumProcesses(DWORD *pids, DWORD cb, DWORD *needed)
{
    ULONG size = 0x10000, got = 0;
    for (;;) {
        BYTE *buf = RtlAllocateHeap(RtlGetProcessHeap(), 0, size);
        if (!buf) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        NTSTATUS status = NtQuerySystemInformation(SystemProcessInformation, buf, size, &got);
        if (status == STATUS_INFO_LENGTH_MISMATCH && size < 0x4000000) {
            RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
            size *= 4;
            continue;
        }
        if (status != STATUS_SUCCESS) {
            RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
            return BaseSetNtStatus(status);
        }
        DWORD count = 0;
        for (ULONG off = 0; off + 0x58 <= got;) {
            ULONG next;
            ULONG_PTR pid;
            memcpy(&next, buf + off, sizeof next);
            memcpy(&pid, buf + off + 0x50, sizeof pid);
            if (pids && count < cb / sizeof(DWORD))
                pids[count] = (DWORD)pid;
            count++;
            if (!next)
                break;
            off += next;
        }
        RtlFreeHeap(RtlGetProcessHeap(), 0, buf);
        DWORD room = cb / sizeof(DWORD);
        *needed = (count < room ? count : room) * (DWORD)sizeof(DWORD);
        return TRUE;
    }
}

DWORD WINAPI K32GetProcessImageFileNameW(HANDLE process, LPWSTR out, DWORD size)
{
    BYTE buf[sizeof(UNICODE_STRING) + 2048 * sizeof(WCHAR)];
    NTSTATUS status = NtQueryInformationProcess(process, ProcessImageFileName, buf, sizeof buf, NULL);
    if (status != STATUS_SUCCESS) {
        BaseSetNtStatus(status);
        return 0;
    }
    const UNICODE_STRING *s = (const UNICODE_STRING *)buf;
    DWORD len = s->Length / sizeof(WCHAR);
    if (!out || len >= size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(out, s->Buffer, len * sizeof(WCHAR));
    out[len] = 0;
    return len;
}

DWORD WINAPI K32GetProcessImageFileNameA(HANDLE process, LPSTR out, DWORD size)
{
    WCHAR w[2048];
    DWORD n = K32GetProcessImageFileNameW(process, w, ARRAY_SIZE(w));
    if (!n)
        return 0;
    ULONG bytes = 0;
    RtlUnicodeToMultiByteSize(&bytes, w, n * sizeof(WCHAR));
    if (!out || bytes >= size) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return to_ansi(w, n, out, size);
}
