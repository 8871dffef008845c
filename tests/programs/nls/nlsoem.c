/* The OEM code page, 437 as on a United States Windows: GetOEMCP, the console's starting pages, both
 * directions of CP_OEMCP through the table (box drawing, accented letters), best fit and its refusal, the
 * default character, GetCPInfo/GetCPInfoExA, and ntdll's OEM string forms on the same table. */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>

typedef NTSTATUS(WINAPI *oem_to_unicode_fn)(PWSTR, ULONG, PULONG, PCSTR, ULONG);
typedef NTSTATUS(WINAPI *unicode_to_oem_fn)(PSTR, ULONG, PULONG, PCWSTR, ULONG);

static void show_bytes(const char *what, int n, const char *buf, BOOL used)
{
    printf("%s: %d used %d error %lu:", what, n, used, GetLastError());
    for (int i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
}

int main(void)
{
    printf("GetOEMCP %u IsValidCodePage(437) %d\n", GetOEMCP(), IsValidCodePage(437));

    static const unsigned char mb[] = {0x41, 0x01, 0x82, 0x9b, 0xb3, 0xc4, 0xe1, 0xfe, 0xff};
    WCHAR w[16];
    int n = MultiByteToWideChar(CP_OEMCP, 0, (const char *)mb, sizeof mb, w, 16);
    printf("MultiByteToWideChar(CP_OEMCP) %d:", n);
    for (int i = 0; i < n; i++)
        printf(" %04x", w[i]);
    printf("\n");

    /* A, e acute, box vertical, Greek alpha, A macron (best fit A), euro (none), smiley, fullwidth A */
    static const WCHAR ws[] = {0x41, 0xe9, 0x2502, 0x3b1, 0x100, 0x20ac, 0x263a, 0xff21};
    const int wn = sizeof ws / sizeof ws[0];
    char buf[32];
    BOOL used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(437, 0, ws, wn, buf, sizeof buf, NULL, &used);
    show_bytes("437", n, buf, used);
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(CP_OEMCP, WC_NO_BEST_FIT_CHARS, ws, wn, buf, sizeof buf, "#", &used);
    show_bytes("CP_OEMCP no best fit, default #", n, buf, used);
    used = 7;
    SetLastError(0);
    n = WideCharToMultiByte(437, 0, ws, 4, buf, sizeof buf, "?", &used);
    show_bytes("437 its own characters", n, buf, used);

    CPINFO ci;
    BOOL r = GetCPInfo(CP_OEMCP, &ci);
    printf("GetCPInfo(CP_OEMCP) %d MaxCharSize %u DefaultChar %02x\n", r, ci.MaxCharSize, ci.DefaultChar[0]);
    CPINFOEXA cx;
    r = GetCPInfoExA(CP_OEMCP, 0, &cx);
    printf("GetCPInfoExA(CP_OEMCP) %d CodePage %u\n", r, cx.CodePage);

    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    oem_to_unicode_fn to_unicode = (oem_to_unicode_fn)(void *)GetProcAddress(ntdll, "RtlOemToUnicodeN");
    unicode_to_oem_fn to_oem = (unicode_to_oem_fn)(void *)GetProcAddress(ntdll, "RtlUnicodeToOemN");
    ULONG got = 0;
    NTSTATUS st = to_unicode(w, sizeof w, &got, (const char *)mb, sizeof mb);
    printf("RtlOemToUnicodeN %08lx %lu:", (unsigned long)st, got);
    for (ULONG i = 0; i < got / 2; i++)
        printf(" %04x", w[i]);
    printf("\n");
    st = to_oem(buf, sizeof buf, &got, ws, sizeof ws);
    printf("RtlUnicodeToOemN %08lx %lu:", (unsigned long)st, got);
    for (ULONG i = 0; i < got; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
    st = to_oem(buf, 3, &got, ws, sizeof ws);
    printf("RtlUnicodeToOemN short %08lx %lu\n", (unsigned long)st, got);
    return 0;
}
