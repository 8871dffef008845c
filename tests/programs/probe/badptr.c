/*
 * Services given pointers they cannot use: NT probes a service's pointer arguments first and returns
 * STATUS_ACCESS_VIOLATION without doing the work or writing anything; kernel32's functions then fail with
 * ERROR_NOACCESS (998). Bad pointers here are a read-only page and a no-access page of one allocation.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef LONG NTSTATUS;
typedef struct {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IOSB;
typedef struct {
    USHORT Length, MaximumLength;
    PWSTR Buffer;
} USTR;
typedef struct {
    ULONG Length;
    HANDLE RootDirectory;
    USTR *ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor, SecurityQualityOfService;
} OBJATTR;

typedef NTSTATUS(NTAPI *write_fn)(HANDLE, HANDLE, PVOID, PVOID, IOSB *, const void *, ULONG, PLARGE_INTEGER, PULONG);
typedef NTSTATUS(NTAPI *read_fn)(HANDLE, HANDLE, PVOID, PVOID, IOSB *, void *, ULONG, PLARGE_INTEGER, PULONG);
typedef NTSTATUS(NTAPI *qif_fn)(HANDLE, IOSB *, PVOID, ULONG, ULONG);
typedef NTSTATUS(NTAPI *alloc_fn)(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);
typedef NTSTATUS(NTAPI *qvm_fn)(HANDLE, PVOID, ULONG, PVOID, SIZE_T, PSIZE_T);
typedef NTSTATUS(NTAPI *qip_fn)(HANDLE, ULONG, PVOID, ULONG, PULONG);
typedef NTSTATUS(NTAPI *create_fn)(PHANDLE, ACCESS_MASK, OBJATTR *, IOSB *, PLARGE_INTEGER, ULONG, ULONG, ULONG, ULONG,
                                   PVOID, ULONG);

static LONGLONG file_size(const char *name)
{
    WIN32_FILE_ATTRIBUTE_DATA d;
    if (!GetFileAttributesExA(name, GetFileExInfoStandard, &d))
        return -1;
    return ((LONGLONG)d.nFileSizeHigh << 32) | d.nFileSizeLow;
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    write_fn NtWriteFile = (write_fn)GetProcAddress(ntdll, "NtWriteFile");
    read_fn NtReadFile = (read_fn)GetProcAddress(ntdll, "NtReadFile");
    qif_fn NtQueryInformationFile = (qif_fn)GetProcAddress(ntdll, "NtQueryInformationFile");
    alloc_fn NtAllocateVirtualMemory = (alloc_fn)GetProcAddress(ntdll, "NtAllocateVirtualMemory");
    qvm_fn NtQueryVirtualMemory = (qvm_fn)GetProcAddress(ntdll, "NtQueryVirtualMemory");
    qip_fn NtQueryInformationProcess = (qip_fn)GetProcAddress(ntdll, "NtQueryInformationProcess");
    create_fn NtCreateFile = (create_fn)GetProcAddress(ntdll, "NtCreateFile");

    BYTE *mem = VirtualAlloc(NULL, 3 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old;
    memcpy(mem + 4096, "read-only page", 15);
    VirtualProtect(mem + 4096, 4096, PAGE_READONLY, &old);
    VirtualProtect(mem + 8192, 4096, PAGE_NOACCESS, &old);
    void *ro = mem + 4096, *na = mem + 8192;

    HANDLE h = CreateFileA("iosb.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    IOSB io = {.Status = 0x1234, .Information = 77};
    NTSTATUS s;

    s = NtWriteFile(h, NULL, NULL, NULL, (IOSB *)ro, "abc", 3, NULL, NULL);
    printf("NtWriteFile, read-only IOSB: %#lx, file size %lld\n", s, file_size("iosb.txt"));
    CloseHandle(h);

    h = CreateFileA("data.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    s = NtWriteFile(h, NULL, NULL, NULL, &io, na, 3, NULL, NULL);
    printf("NtWriteFile, no-access buffer: %#lx, IOSB %#lx %lu, file size %lld\n", s, io.Status,
           (unsigned long)io.Information, file_size("data.txt"));
    s = NtWriteFile(h, NULL, NULL, NULL, &io, "abcdef", 6, NULL, NULL);
    printf("NtWriteFile, good: %#lx, IOSB %#lx %lu\n", s, io.Status, (unsigned long)io.Information);

    LARGE_INTEGER zero = {0};
    io.Status = 0x1234;
    io.Information = 77;
    s = NtReadFile(h, NULL, NULL, NULL, &io, ro, 6, &zero, NULL);
    printf("NtReadFile into a read-only buffer: %#lx, IOSB %#lx %lu\n", s, io.Status, (unsigned long)io.Information);
    s = NtReadFile(h, NULL, NULL, NULL, (IOSB *)na, mem, 6, &zero, NULL);
    printf("NtReadFile, no-access IOSB: %#lx, buffer \"%.6s\"\n", s, mem[0] ? (char *)mem : "");

    s = NtQueryInformationFile(h, &io, ro, 24, 5 /* FileStandardInformation */);
    printf("NtQueryInformationFile into a read-only buffer: %#lx\n", s);
    s = NtQueryInformationFile(h, (IOSB *)ro, mem, 24, 5);
    printf("NtQueryInformationFile, read-only IOSB: %#lx\n", s);

    SIZE_T size = 4096;
    s = NtAllocateVirtualMemory(GetCurrentProcess(), (PVOID *)ro, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    printf("NtAllocateVirtualMemory, read-only BaseAddress: %#lx\n", s);
    PVOID base = NULL;
    s = NtAllocateVirtualMemory(GetCurrentProcess(), &base, 0, (PSIZE_T)na, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    printf("NtAllocateVirtualMemory, no-access RegionSize: %#lx, base %s\n", s, base ? "set" : "NULL");

    s = NtQueryVirtualMemory(GetCurrentProcess(), mem, 0, ro, sizeof(MEMORY_BASIC_INFORMATION), NULL);
    printf("NtQueryVirtualMemory into a read-only buffer: %#lx\n", s);
    s = NtQueryInformationProcess(GetCurrentProcess(), 0 /* ProcessBasicInformation */, ro, 48, NULL);
    printf("NtQueryInformationProcess into a read-only buffer: %#lx\n", s);

    WCHAR path[MAX_PATH + 4] = L"\\??\\";
    GetFullPathNameW(L"created.txt", MAX_PATH, path + 4, NULL);
    USTR name = {(USHORT)(wcslen(path) * 2), (USHORT)(wcslen(path) * 2 + 2), path};
    OBJATTR oa = {sizeof oa, NULL, &name, 0x40 /* OBJ_CASE_INSENSITIVE */, NULL, NULL};
    s = NtCreateFile((PHANDLE)ro, GENERIC_WRITE | SYNCHRONIZE, &oa, &io, NULL, 0, 0, 5 /* FILE_OVERWRITE_IF */,
                     0x20 /* FILE_SYNCHRONOUS_IO_NONALERT */, NULL, 0);
    printf("NtCreateFile, read-only handle pointer: %#lx, file exists %d\n", s,
           GetFileAttributesA("created.txt") != INVALID_FILE_ATTRIBUTES);

    DWORD n = 55;
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    SetLastError(0);
    BOOL ok = ReadFile(h, ro, 6, &n, NULL);
    printf("ReadFile into a read-only buffer: %d, error %lu, read %lu\n", ok, GetLastError(), n);
    n = 55;
    SetLastError(0);
    ok = WriteFile(h, na, 6, &n, NULL);
    printf("WriteFile from a no-access buffer: %d, error %lu, written %lu, file size %lld\n", ok, GetLastError(), n,
           file_size("data.txt"));
    SetLastError(0);
    SIZE_T q = VirtualQuery(mem, ro, sizeof(MEMORY_BASIC_INFORMATION));
    printf("VirtualQuery into a read-only buffer: %lu, error %lu\n", (unsigned long)q, GetLastError());
    printf("the read-only page still reads \"%s\"\n", (char *)ro);
    CloseHandle(h);
    return 0;
}
