/*
 * What a new registry holds and ntdll's key services seen directly, checked against Wine.
 *   regsys seed   the keys programs read at start-up: CurrentVersion agreeing with RtlGetVersion, the
 *                 system and user environment keys (types, and values that do not depend on the machine)
 *   regsys nt     NtOpenKey/NtCreateKey/NtQueryValueKey/NtEnumerateKey/NtQueryKey/NtDeleteKey: NTSTATUS codes,
 *                 the buffer rules (STATUS_BUFFER_TOO_SMALL for the fixed part, STATUS_BUFFER_OVERFLOW for the
 *                 rest, the length needed either way), STATUS_KEY_DELETED on a deleted key's handle
 * Every result is printed.
 */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

typedef struct {
    ULONG TitleIndex, Type, DataLength;
    UCHAR Data[1];
} PARTIAL;

typedef struct {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex, NameLength;
    WCHAR Name[1];
} BASIC;

typedef NTSTATUS(NTAPI *open_fn)(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES *);
typedef NTSTATUS(NTAPI *create_fn)(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES *, ULONG, UNICODE_STRING *, ULONG,
                                   ULONG *);
typedef NTSTATUS(NTAPI *qvalue_fn)(HANDLE, UNICODE_STRING *, int, void *, ULONG, ULONG *);
typedef NTSTATUS(NTAPI *setvalue_fn)(HANDLE, UNICODE_STRING *, ULONG, ULONG, void *, ULONG);
typedef NTSTATUS(NTAPI *enumkey_fn)(HANDLE, ULONG, int, void *, ULONG, ULONG *);
typedef NTSTATUS(NTAPI *querykey_fn)(HANDLE, int, void *, ULONG, ULONG *);
typedef NTSTATUS(NTAPI *delkey_fn)(HANDLE);
typedef NTSTATUS(NTAPI *close_fn)(HANDLE);
typedef NTSTATUS(NTAPI *version_fn)(RTL_OSVERSIONINFOW *);
typedef ULONG(NTAPI *dos_fn)(NTSTATUS);

static void str(UNICODE_STRING *s, const WCHAR *w)
{
    s->Length = s->MaximumLength = (USHORT)(wcslen(w) * sizeof(WCHAR));
    s->Buffer = (WCHAR *)w;
}

static void show_sz(HKEY root, const WCHAR *key, const WCHAR *value)
{
    WCHAR buf[512];
    DWORD size = sizeof buf, type = 0;
    LONG r = RegGetValueW(root, key, value, RRF_RT_ANY | RRF_NOEXPAND, &type, buf, &size);
    printf("%ls: %ld type %lu", value, r, type);
    if (!r && (type == REG_SZ || type == REG_EXPAND_SZ))
        printf(" [%ls]", buf);
    printf("\n");
}

static int seed(void)
{
    static const WCHAR cv[] = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    RTL_OSVERSIONINFOW vi = {sizeof vi};
    ((version_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetVersion"))(&vi);
    DWORD major = 0, minor = 0, size = 4, type = 0;
    LONG r = RegGetValueW(HKEY_LOCAL_MACHINE, cv, L"CurrentMajorVersionNumber", RRF_RT_REG_DWORD, &type, &major, &size);
    printf("CurrentMajorVersionNumber: %ld type %lu matches RtlGetVersion %d\n", r, type, major == vi.dwMajorVersion);
    size = 4;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, cv, L"CurrentMinorVersionNumber", RRF_RT_REG_DWORD, &type, &minor, &size);
    printf("CurrentMinorVersionNumber: %ld type %lu matches RtlGetVersion %d\n", r, type, minor == vi.dwMinorVersion);
    WCHAR buf[256], want[32];
    swprintf(want, 32, L"%lu", vi.dwBuildNumber);
    size = sizeof buf;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, cv, L"CurrentBuild", RRF_RT_REG_SZ, &type, buf, &size);
    printf("CurrentBuild: %ld type %lu matches RtlGetVersion %d\n", r, type, !wcscmp(buf, want));
    size = sizeof buf;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, cv, L"CurrentBuildNumber", RRF_RT_REG_SZ, &type, buf, &size);
    printf("CurrentBuildNumber: %ld type %lu matches RtlGetVersion %d\n", r, type, !wcscmp(buf, want));
    size = sizeof buf;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, cv, L"ProductName", RRF_RT_REG_SZ, &type, buf, &size);
    printf("ProductName: %ld type %lu starts with Windows %d\n", r, type, !wcsncmp(buf, L"Windows", 7) ||
           !wcsncmp(buf, L"Microsoft Windows", 17));
    size = sizeof buf;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, cv, L"SystemRoot", RRF_RT_REG_SZ, &type, buf, &size);
    printf("SystemRoot: %ld type %lu is C:\\Windows %d\n", r, type, !_wcsicmp(buf, L"C:\\Windows"));

    static const WCHAR env[] = L"SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";
    show_sz(HKEY_LOCAL_MACHINE, env, L"ComSpec");
    show_sz(HKEY_LOCAL_MACHINE, env, L"OS");
    show_sz(HKEY_LOCAL_MACHINE, env, L"windir");
    show_sz(HKEY_LOCAL_MACHINE, env, L"PROCESSOR_ARCHITECTURE");
    size = sizeof buf;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, env, L"PATHEXT", RRF_RT_REG_SZ, &type, buf, &size);
    printf("PATHEXT: %ld type %lu has .EXE %d\n", r, type, wcsstr(_wcsupr(buf), L".EXE") != NULL);
    size = sizeof buf;
    r = RegGetValueW(HKEY_LOCAL_MACHINE, env, L"Path", RRF_RT_ANY | RRF_NOEXPAND, &type, buf, &size);
    printf("Path: %ld type %lu has system32 %d\n", r, type, wcsstr(buf, L"\\system32") != NULL);

    HKEY k;
    r = RegOpenKeyExW(HKEY_CURRENT_USER, L"Environment", 0, KEY_READ, &k);
    printf("HKCU\\Environment: %ld\n", r);
    if (!r) {
        size = sizeof buf;
        r = RegQueryValueExW(k, L"TEMP", NULL, &type, (BYTE *)buf, &size);
        printf("TEMP: %ld\n", r);
        RegCloseKey(k);
    }
    r = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software", 0, KEY_READ, &k);
    printf("HKCU\\Software: %ld\n", r);
    RegCloseKey(k);
    r = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"", 0, KEY_READ, &k);
    printf("HKCR: %ld\n", r);
    RegCloseKey(k);
    r = RegOpenKeyExW(HKEY_USERS, L".DEFAULT", 0, KEY_READ, &k);
    printf("HKU\\.DEFAULT: %ld\n", r);
    RegCloseKey(k);
    r = RegOpenKeyExW(HKEY_CURRENT_USER_LOCAL_SETTINGS, L"", 0, KEY_READ, &k);
    printf("HKCU local settings: %ld\n", r);
    RegCloseKey(k);

    return 0;
}

static int nt(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    open_fn NtOpenKey = (open_fn)GetProcAddress(ntdll, "NtOpenKey");
    create_fn NtCreateKey = (create_fn)GetProcAddress(ntdll, "NtCreateKey");
    qvalue_fn NtQueryValueKey = (qvalue_fn)GetProcAddress(ntdll, "NtQueryValueKey");
    setvalue_fn NtSetValueKey = (setvalue_fn)GetProcAddress(ntdll, "NtSetValueKey");
    enumkey_fn NtEnumerateKey = (enumkey_fn)GetProcAddress(ntdll, "NtEnumerateKey");
    querykey_fn NtQueryKey = (querykey_fn)GetProcAddress(ntdll, "NtQueryKey");
    delkey_fn NtDeleteKey = (delkey_fn)GetProcAddress(ntdll, "NtDeleteKey");
    close_fn NtClose = (close_fn)GetProcAddress(ntdll, "NtClose");
    dos_fn to_dos = (dos_fn)GetProcAddress(ntdll, "RtlNtStatusToDosError");
    printf("ZwOpenKey exported %d\n", GetProcAddress(ntdll, "ZwOpenKey") != NULL);

    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    HANDLE h, sub;
    str(&name, L"\\Registry\\Machine\\Software\\Microsoft\\Windows NT\\CurrentVersion");
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    printf("open CurrentVersion %08lx\n", NtOpenKey(&h, KEY_READ, &oa));
    str(&name, L"\\Registry\\Machine\\NoSuchKey\\Below");
    printf("open missing path %08lx\n", NtOpenKey(&sub, KEY_READ, &oa));
    str(&name, L"Registry\\Machine");
    printf("open relative without root %08lx\n", NtOpenKey(&sub, KEY_READ, &oa));

    UNICODE_STRING vn;
    str(&vn, L"SystemRoot");
    BYTE buf[512];
    ULONG len = 0;
    NTSTATUS s = NtQueryValueKey(h, &vn, 2 /* KeyValuePartialInformation */, buf, 4, &len);
    printf("partial in 4 bytes %08lx needed %lu\n", s, len);
    s = NtQueryValueKey(h, &vn, 2, buf, 12, &len);
    printf("partial in 12 bytes %08lx needed %lu\n", s, len);
    s = NtQueryValueKey(h, &vn, 2, buf, sizeof buf, &len);
    PARTIAL *p = (PARTIAL *)buf;
    printf("partial %08lx len %lu type %lu datalen %lu is C:\\Windows %d\n", s, len, p->Type, p->DataLength,
           !_wcsicmp((WCHAR *)p->Data, L"C:\\Windows"));
    str(&vn, L"NoSuchValue");
    printf("missing value %08lx\n", NtQueryValueKey(h, &vn, 2, buf, sizeof buf, &len));
    printf("set on read handle %08lx\n", NtSetValueKey(h, &vn, 0, REG_DWORD, buf, 4));
    NtClose(h);

    /* a scratch key under HKCU, through a root handle */
    HKEY hkcu;
    RegOpenCurrentUser(KEY_ALL_ACCESS, &hkcu);
    str(&name, L"Software\\ntexec-regsys");
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE, hkcu, NULL);
    ULONG disp = 0;
    s = NtCreateKey(&h, KEY_ALL_ACCESS, &oa, 0, NULL, 0, &disp);
    printf("create %08lx disp %lu\n", s, disp);
    s = NtCreateKey(&sub, KEY_ALL_ACCESS, &oa, 0, NULL, 0, &disp);
    printf("create again %08lx disp %lu\n", s, disp);
    NtClose(sub);
    str(&name, L"Child");
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE, h, NULL);
    s = NtCreateKey(&sub, KEY_ALL_ACCESS, &oa, 0, NULL, 0, &disp);
    printf("create child %08lx disp %lu\n", s, disp);
    printf("enum 0 in 8 bytes %08lx\n", NtEnumerateKey(h, 0, 0, buf, 8, &len));
    printf("enum 0 in 18 bytes %08lx needed %lu\n", NtEnumerateKey(h, 0, 0, buf, 18, &len), len);
    s = NtEnumerateKey(h, 0, 0, buf, sizeof buf, &len);
    BASIC *b = (BASIC *)buf;
    printf("enum 0 %08lx [%.*ls]\n", s, (int)(b->NameLength / 2), b->Name);
    printf("enum 1 %08lx\n", NtEnumerateKey(h, 1, 0, buf, sizeof buf, &len));
    s = NtQueryKey(h, 2 /* KeyFullInformation */, buf, sizeof buf, &len);
    printf("full %08lx subkeys %lu values %lu\n", s, ((ULONG *)buf)[5], ((ULONG *)buf)[8]);
    printf("delete parent with child: Win32 error %lu\n", to_dos(NtDeleteKey(h)));
    printf("delete child %08lx\n", NtDeleteKey(sub));
    str(&vn, L"v");
    DWORD one = 1;
    printf("set on deleted %08lx\n", NtSetValueKey(sub, &vn, 0, REG_DWORD, &one, 4));
    printf("query deleted %08lx\n", NtQueryKey(sub, 2, buf, sizeof buf, &len));
    NtClose(sub);
    printf("delete parent %08lx\n", NtDeleteKey(h));
    NtClose(h);
    RegCloseKey(hkcu);
    printf("reopen %ld\n", RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regsys", 0, KEY_READ, (HKEY *)&h));
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc >= 2 && !strcmp(argv[1], "seed"))
        return seed();
    if (argc >= 2 && !strcmp(argv[1], "nt"))
        return nt();
    printf("usage: regsys seed|nt\n");
    return 2;
}
