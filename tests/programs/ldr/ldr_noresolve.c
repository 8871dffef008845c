/*
 * LoadLibraryEx(DONT_RESOLVE_DLL_REFERENCES) (issue #13): the DLL is mapped and nothing more. Its DllMain
 * does not run, a dependency that exists nowhere does not matter, and its mapped bytes are the file's,
 * section by section: the headers, the code and data as stored, the zero-filled tail of each section
 * zero, and the import address table still holding what the file holds (nothing bound).
 */
#include "say.h"

static BYTE *read_file(const char *name, DWORD *size)
{
    HANDLE f = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return NULL;
    *size = GetFileSize(f, NULL);
    BYTE *data = HeapAlloc(GetProcessHeap(), 0, *size);
    DWORD got = 0;
    ReadFile(f, data, *size, &got, NULL);
    CloseHandle(f);
    return got == *size ? data : NULL;
}

static int all_zero(const BYTE *p, DWORD n)
{
    for (DWORD i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void compare(HMODULE h, const BYTE *file)
{
    const BYTE *image = (const BYTE *)h;
    const IMAGE_NT_HEADERS64 *nt = (const IMAGE_NT_HEADERS64 *)(file + ((const IMAGE_DOS_HEADER *)file)->e_lfanew);
    say("base: %s", (ULONG_PTR)h == nt->OptionalHeader.ImageBase ? "the preferred one" : "another");
    DWORD headers = nt->OptionalHeader.SizeOfHeaders;
    say("headers (%lu bytes): %s", headers, memcmp(image, file, headers) ? "differ" : "the file's");
    const IMAGE_SECTION_HEADER *s = IMAGE_FIRST_SECTION(nt);
    for (int i = 0; i < nt->FileHeader.NumberOfSections; i++, s++) {
        DWORD raw = s->SizeOfRawData < s->Misc.VirtualSize ? s->SizeOfRawData : s->Misc.VirtualSize;
        const BYTE *mapped = image + s->VirtualAddress;
        say("section %-8.8s stored %s, zero-filled tail %s", (const char *)s->Name,
            !raw ? "(none)" : memcmp(mapped, file + s->PointerToRawData, raw) ? "differs" : "the file's",
            s->Misc.VirtualSize <= raw ? "(none)" : all_zero(mapped + raw, s->Misc.VirtualSize - raw) ? "zero" : "not zero");
    }
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    const IMAGE_IMPORT_DESCRIPTOR *d = (const IMAGE_IMPORT_DESCRIPTOR *)(image + dir->VirtualAddress);
    for (; d->Name; d++) {
        const ULONGLONG *iat = (const ULONGLONG *)(image + d->FirstThunk);
        const ULONGLONG *names = (const ULONGLONG *)(image + d->OriginalFirstThunk);
        int n = 0, unbound = 0;
        for (; names[n]; n++)
            unbound += iat[n] == names[n];
        say("imports from %s: %d of %d slots unbound", (const char *)(image + d->Name), unbound, n);
    }
}

int main(void)
{
    char path[MAX_PATH];
    GetModuleFileNameA(NULL, path, sizeof path);
    strcpy(strrchr(path, '\\') + 1, "noresolve.dll");
    DWORD size;
    BYTE *file = read_file(path, &size);
    say("noresolve.dll read: %s", file ? "yes" : "no");
    HMODULE h = LoadLibraryExA("noresolve.dll", NULL, DONT_RESOLVE_DLL_REFERENCES);
    DWORD error = GetLastError();
    say("LoadLibraryEx(DONT_RESOLVE_DLL_REFERENCES): %s, error %lu", h ? "loaded" : "NULL", h ? 0 : error);
    if (!h || !file)
        return 1;
    compare(h, file);
    int (*value)(void) = (int (*)(void))GetProcAddress(h, "noresolve_value");
    say("GetProcAddress(noresolve_value): %s; it returns %d", value ? "found" : "NULL", value ? value() : 0);
    say("GetModuleHandle(noresolve.dll): %s", GetModuleHandleA("noresolve.dll") == h ? "the module" : "?");
    say("FreeLibrary: %d", FreeLibrary(h));
    say("GetModuleHandle(noresolve.dll) after: %s", GetModuleHandleA("noresolve.dll") ? "still there" : "NULL");

    SetLastError(0xdeadbeef);
    h = LoadLibraryA("noresolve.dll");
    error = GetLastError();
    say("LoadLibrary(noresolve.dll): %s, error %lu", h ? "loaded" : "NULL", error);
    say("GetModuleHandle(noresolve.dll) after: %s", GetModuleHandleA("noresolve.dll") ? "still there" : "NULL");
    return 0;
}
