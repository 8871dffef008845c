/* A DYNAMIC_BASE program is placed at a random base (ASLR), never at the one it was linked for: the
 * file on disk says where it wanted to be; relocated pointers still work. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static const char *message = "relocated string";

int main(int argc, char **argv)
{
    (void)argc;
    char path[MAX_PATH];
    GetModuleFileNameA(NULL, path, sizeof path);
    HANDLE f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    IMAGE_DOS_HEADER dos;
    IMAGE_NT_HEADERS64 nt;
    DWORD got;
    ReadFile(f, &dos, sizeof dos, &got, NULL);
    SetFilePointer(f, dos.e_lfanew, NULL, FILE_BEGIN);
    ReadFile(f, &nt, sizeof nt, &got, NULL);
    CloseHandle(f);
    ULONG_PTR base = (ULONG_PTR)GetModuleHandleA(NULL);
    printf("DYNAMIC_BASE: %d\n", (nt.OptionalHeader.DllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) != 0);
    printf("not at the file's ImageBase: %d\n", base != nt.OptionalHeader.ImageBase);
    printf("64K aligned: %d\n", (base & 0xFFFF) == 0);
    printf("%s, argv[0] ends with aslr.exe: %d\n", message, strstr(argv[0], "aslr.exe") != NULL);
    return 0;
}
