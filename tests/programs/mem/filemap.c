/* File mappings (tests/e2e/mem_filemap): views of a file that the file and each other see, a mapping that
 * grows its file, one backed by the paging file and opened by name, copy-on-write views, and the errors of
 * each function. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void show(const char *what, BOOL ok)
{
    printf("%s: %s, error %lu\n", what, ok ? "ok" : "fails", ok ? 0 : GetLastError());
}

int main(void)
{
    const char text[] = "hello file mapping";
    HANDLE f = CreateFileA("map.dat", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD n;
    WriteFile(f, text, sizeof text - 1, &n, NULL);

    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    show("CreateFileMapping of the file", m != NULL);
    char *v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    show("MapViewOfFile", v != NULL);
    printf("view: %.18s\n", v);
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(v, &mbi, sizeof mbi);
    printf("VirtualQuery: type 0x%lx, state 0x%lx, protect 0x%lx, base is the view %d\n", mbi.Type, mbi.State,
           mbi.Protect, mbi.AllocationBase == v);
    v[0] = 'J';
    show("FlushViewOfFile", FlushViewOfFile(v, 0));
    char buf[32] = {0};
    SetFilePointer(f, 0, NULL, FILE_BEGIN);
    ReadFile(f, buf, sizeof text - 1, &n, NULL);
    printf("the file after a write through the view: %s\n", buf);
    SetFilePointer(f, 6, NULL, FILE_BEGIN);
    WriteFile(f, "FILE", 4, &n, NULL);
    printf("the view after a write to the file: %.18s\n", v);
    char *v2 = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 5);
    printf("a second view: %.5s, a different address %d\n", v2, v2 != v);
    char *copy = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
    copy[1] = 'U';
    printf("copy-on-write view: %.5s, the shared view: %.5s\n", copy, v);
    show("UnmapViewOfFile", UnmapViewOfFile(copy));
    show("UnmapViewOfFile of the same address again", UnmapViewOfFile(copy));
    UnmapViewOfFile(v2);
    UnmapViewOfFile(v);
    show("MapViewOfFile at offset 4096", MapViewOfFile(m, FILE_MAP_READ, 0, 4096, 0) != NULL);
    show("MapViewOfFile past the end", MapViewOfFile(m, FILE_MAP_READ, 0, 0, 100000) != NULL);
    CloseHandle(m);

    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 8192, NULL);
    printf("a mapping of 8192 bytes grows the file to %lu\n", GetFileSize(f, NULL));
    CloseHandle(m);
    CloseHandle(f);

    f = CreateFileA("map.dat", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    show("PAGE_READWRITE mapping of a read-only handle", CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL) != NULL);
    m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    show("PAGE_READONLY mapping of it", m != NULL);
    show("FILE_MAP_WRITE view of a PAGE_READONLY mapping", MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0) != NULL);
    show("PAGE_READONLY mapping larger than the file",
         CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 100000, NULL) != NULL);
    CloseHandle(m);
    CloseHandle(f);
    f = CreateFileA("empty.dat", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    show("mapping an empty file", CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL) != NULL);
    CloseHandle(f);

    show("paging-file mapping of size 0", CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL) != NULL);
    HANDLE named = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 65536, "ntexec_filemap_test");
    show("named paging-file mapping", named != NULL);
    char *a = MapViewOfFile(named, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    printf("new pages are zero: %d\n", a[0] == 0 && a[65535] == 0);
    strcpy(a, "shared by name");
    HANDLE again = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 65536, "ntexec_filemap_test");
    printf("CreateFileMapping of the name again: %s, error %lu\n", again ? "a handle" : "NULL", GetLastError());
    HANDLE opened = OpenFileMappingA(FILE_MAP_READ, FALSE, "ntexec_filemap_test");
    char *b = MapViewOfFile(opened, FILE_MAP_READ, 0, 0, 0);
    printf("through OpenFileMapping: %s\n", b ? b : "(no view)");
    show("FILE_MAP_WRITE view through a FILE_MAP_READ handle", MapViewOfFile(opened, FILE_MAP_WRITE, 0, 0, 0) != NULL);
    show("OpenFileMapping of a name nobody made", OpenFileMappingA(FILE_MAP_READ, FALSE, "ntexec_no_such_map") != NULL);
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, "ntexec_filemap_event");
    show("CreateFileMapping of an event's name",
         CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, "ntexec_filemap_event") != NULL);
    int local;
    show("UnmapViewOfFile of a stack address", UnmapViewOfFile(&local));
    UnmapViewOfFile(b);
    UnmapViewOfFile(a);
    CloseHandle(event);
    CloseHandle(opened);
    CloseHandle(again);
    CloseHandle(named);
    DeleteFileA("map.dat");
    DeleteFileA("empty.dat");
    return 0;
}
