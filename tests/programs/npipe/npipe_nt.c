/*
 * NtCreateNamedPipeFile, the service behind CreateNamedPipe: a named pipe and its arguments' checks, and
 * an unnamed pipe made the way Rust's std makes the pipes of a child's standard handles (a server end
 * created with no name in "\??\PIPE\", its client end opened relative to the server handle), read with
 * ReadFileEx.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winternl.h>

typedef NTSTATUS(NTAPI *create_fn)(PHANDLE, ULONG, POBJECT_ATTRIBUTES, PIO_STATUS_BLOCK, ULONG, ULONG, ULONG, ULONG,
                                    ULONG, ULONG, ULONG, ULONG, ULONG, PLARGE_INTEGER);
typedef NTSTATUS(NTAPI *open_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, PIO_STATUS_BLOCK, ULONG, ULONG);
static create_fn create;
static open_fn open_file;

#define SYNC_NONALERT 0x20   /* FILE_SYNCHRONOUS_IO_NONALERT */
#define NON_DIRECTORY 0x40   /* FILE_NON_DIRECTORY_FILE */

static NTSTATUS make(HANDLE root, const WCHAR *name, ULONG share, ULONG disposition, ULONG options, ULONG type,
                     ULONG read_mode, ULONG max, HANDLE *out, ULONG_PTR *info)
{
    UNICODE_STRING us = {0, 0, NULL};
    if (name) {
        us.Buffer = (PWSTR)name;
        us.Length = us.MaximumLength = (USHORT)(wcslen(name) * sizeof(WCHAR));
    }
    OBJECT_ATTRIBUTES attr = {.Length = sizeof attr, .RootDirectory = root, .ObjectName = &us, .Attributes = OBJ_CASE_INSENSITIVE};
    IO_STATUS_BLOCK io = {0};
    LARGE_INTEGER timeout = {.QuadPart = -500000};
    *out = NULL;
    NTSTATUS status = create(out, SYNCHRONIZE | GENERIC_READ | GENERIC_WRITE, &attr, &io, share, disposition, options,
                             type, read_mode, 0, max, 4096, 4096, &timeout);
    if (info)
        *info = io.Information;
    return status;
}

static char received[32];
static int calls;
static DWORD routine_error, routine_bytes;

static VOID CALLBACK done(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    (void)ov;
    calls++;
    routine_error = error;
    routine_bytes = bytes;
}

static void named(void)
{
    const WCHAR *name = L"\\??\\pipe\\ntexec-npipe-nt";
    HANDLE server, second;
    ULONG_PTR info;
    NTSTATUS status = make(NULL, name, FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE, SYNC_NONALERT, 0, 0, 1,
                           &server, &info);
    (void)info;
    printf("NtCreateNamedPipeFile(named, FILE_CREATE): 0x%08lx\n", (unsigned long)status);
    DWORD flags = 0, out_size = 0, in_size = 0, max = 0;
    BOOL ok = GetNamedPipeInfo(server, &flags, &out_size, &in_size, &max);
    printf("GetNamedPipeInfo: %d flags %lu max %lu\n", ok, flags, max);
    status = make(NULL, name, FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE, SYNC_NONALERT, 0, 0, 1, &second, NULL);
    printf("again with FILE_CREATE: 0x%08lx\n", (unsigned long)status);
    status = make(NULL, name, FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN_IF, SYNC_NONALERT, 0, 0, 1, &second, NULL);
    printf("again with FILE_OPEN_IF, the one instance taken: 0x%08lx\n", (unsigned long)status);

    HANDLE client = CreateFileA("\\\\.\\pipe\\ntexec-npipe-nt", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                                0, NULL);
    printf("client: %s\n", client == INVALID_HANDLE_VALUE ? "INVALID" : "opened");
    DWORD n = 0;
    WriteFile(client, "hello", 5, &n, NULL);
    char buf[16] = {0};
    ok = ReadFile(server, buf, sizeof buf, &n, NULL);
    printf("server read: %d %lu \"%s\"\n", ok, n, buf);
    CloseHandle(client);
    CloseHandle(server);

    static const struct { const char *what; ULONG share, disposition, type, read_mode, max; } bad[] = {
        {"no sharing", 0, FILE_CREATE, 0, 0, 1},
        {"FILE_OPEN", FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN, 0, 0, 1},
        {"message reads of a byte pipe", FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE, 0, 1, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        HANDLE h;
        status = make(NULL, name, bad[i].share, bad[i].disposition, SYNC_NONALERT, bad[i].type, bad[i].read_mode,
                      bad[i].max, &h, NULL);
        printf("%s: 0x%08lx\n", bad[i].what, (unsigned long)status);
        if (status == 0)
            CloseHandle(h);
    }
}

static void unnamed(void)
{
    UNICODE_STRING fs = {18, 20, (PWSTR)L"\\??\\PIPE\\"};
    OBJECT_ATTRIBUTES attr = {.Length = sizeof attr, .ObjectName = &fs};
    IO_STATUS_BLOCK io;
    HANDLE root;
    NTSTATUS status = open_file(&root, SYNCHRONIZE | GENERIC_READ, &attr, &io, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                SYNC_NONALERT);
    printf("NtOpenFile(\\??\\PIPE\\): 0x%08lx\n", (unsigned long)status);
    HANDLE ours, theirs;
    status = make(root, NULL, FILE_SHARE_WRITE, FILE_CREATE, 0, 0, 0, 1, &ours, NULL);
    printf("NtCreateNamedPipeFile(unnamed, in \\??\\PIPE\\): 0x%08lx\n", (unsigned long)status);
    UNICODE_STRING empty = {0, 0, NULL};
    OBJECT_ATTRIBUTES rel = {.Length = sizeof rel, .RootDirectory = ours, .ObjectName = &empty};
    status = open_file(&theirs, SYNCHRONIZE | GENERIC_WRITE | FILE_READ_ATTRIBUTES, &rel, &io, 0,
                       NON_DIRECTORY | SYNC_NONALERT);
    printf("NtOpenFile(relative to the server end): 0x%08lx\n", (unsigned long)status);
    DWORD n = 0;
    BOOL ok = WriteFile(theirs, "ping", 4, &n, NULL);
    printf("client write: %d %lu\n", ok, n);
    OVERLAPPED ov = {0};
    ok = ReadFileEx(ours, received, sizeof received, &ov, done);
    DWORD r = SleepEx(2000, TRUE);
    printf("ReadFileEx: %d, SleepEx 0x%lx, routine called %d, error %lu, bytes %lu, \"%s\"\n", ok, r, calls,
           routine_error, routine_bytes, received);
    CloseHandle(theirs);
    char buf[8];
    ok = ReadFile(ours, buf, sizeof buf, &n, NULL);
    DWORD error = GetLastError();
    printf("read after the client closed: %d error %lu\n", ok, error);
    CloseHandle(ours);
    CloseHandle(root);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    create = (create_fn)(void *)GetProcAddress(ntdll, "NtCreateNamedPipeFile");
    open_file = (open_fn)(void *)GetProcAddress(ntdll, "NtOpenFile");
    named();
    unnamed();
    return 0;
}
