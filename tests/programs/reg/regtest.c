/*
 * The registry through advapi32, checked against Wine: keys and values of every type, the buffer rules
 * (ERROR_MORE_DATA with the size needed), enumeration order, RegGetValue's type restrictions and expansion,
 * the error codes of the error paths, and change notification. Every result is printed.
 *   regtest basic            everything in one process (under HKCU\Software\ntexec-regtest)
 *   regtest set NAME DATA    writes a REG_SZ value;  regtest get NAME   prints it (another process)
 *   regtest spawn            writes, then a child process (CreateProcess) reads
 *   regtest legacy           RegCopyTree, RegQueryValue/RegSetValue, RegConnectRegistry of this machine
 *   regtest strings          strings without a terminator: what is stored and what queries give back
 *   regtest notify           which changes complete RegNotifyChangeKeyValue (filter, subtree)
 *   regtest writer ID N      writes N values w<ID>_<i>;  regtest many K N  runs K writers at once, counts
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define ROOT L"Software\\ntexec-regtest"

static void show(const char *what, LONG r) { printf("%-40s %ld\n", what, r); }

static void hex(const BYTE *p, DWORD n)
{
    for (DWORD i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static int basic(void)
{
    HKEY root, k, k2;
    DWORD disp = 0, type, size, n;
    LONG r;
    RegDeleteTreeW(HKEY_CURRENT_USER, ROOT);
    r = RegCreateKeyExW(HKEY_CURRENT_USER, ROOT, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &root, &disp);
    printf("create root %ld disp %lu\n", r, disp);
    r = RegCreateKeyExW(HKEY_CURRENT_USER, ROOT, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp);
    printf("create again %ld disp %lu\n", r, disp);
    RegCloseKey(k);

    /* values of every type */
    const WCHAR sz[] = L"hello";
    const WCHAR multi[] = L"one\0two\0three\0";
    DWORD dw = 0x12345678;
    ULONGLONG qw = 0x1122334455667788ull;
    BYTE bin[] = {1, 2, 3, 0, 255};
    show("set sz", RegSetValueExW(root, L"Str", 0, REG_SZ, (const BYTE *)sz, sizeof sz));
    show("set expand", RegSetValueExW(root, L"Exp", 0, REG_EXPAND_SZ, (const BYTE *)L"<%REGTEST_VAR%>",
                                      sizeof L"<%REGTEST_VAR%>"));
    show("set multi", RegSetValueExW(root, L"Multi", 0, REG_MULTI_SZ, (const BYTE *)multi, sizeof multi));
    show("set dword", RegSetValueExW(root, L"Dw", 0, REG_DWORD, (const BYTE *)&dw, sizeof dw));
    show("set qword", RegSetValueExW(root, L"Qw", 0, REG_QWORD, (const BYTE *)&qw, sizeof qw));
    show("set binary", RegSetValueExW(root, L"Bin", 0, REG_BINARY, bin, sizeof bin));
    show("set none", RegSetValueExW(root, L"None", 0, REG_NONE, NULL, 0));
    show("set default", RegSetValueExW(root, NULL, 0, REG_SZ, (const BYTE *)L"dflt", sizeof L"dflt"));
    show("set unterminated", RegSetValueExW(root, L"NoNul", 0, REG_SZ, (const BYTE *)L"abc", 6));

    /* query: sizes, too small, absent, case-insensitive names */
    BYTE buf[256];
    size = 0;
    r = RegQueryValueExW(root, L"STR", NULL, &type, NULL, &size);
    printf("query size only %ld type %lu size %lu\n", r, type, size);
    size = 4;
    r = RegQueryValueExW(root, L"str", NULL, &type, buf, &size);
    printf("query small %ld size %lu\n", r, size);
    size = sizeof buf;
    r = RegQueryValueExW(root, L"Str", NULL, &type, buf, &size);
    printf("query %ld type %lu size %lu [%ls]\n", r, type, size, (WCHAR *)buf);
    size = sizeof buf;
    r = RegQueryValueExW(root, L"Missing", NULL, &type, buf, &size);
    printf("query missing %ld\n", r);
    size = sizeof buf;
    r = RegQueryValueExW(root, L"", NULL, &type, buf, &size);
    printf("query default %ld type %lu [%ls]\n", r, type, (WCHAR *)buf);
    size = sizeof buf;
    r = RegQueryValueExW(root, L"Bin", NULL, &type, buf, &size);
    printf("query bin %ld type %lu size %lu ", r, type, size);
    hex(buf, size);
    size = sizeof buf;
    r = RegQueryValueExW(root, L"Qw", NULL, &type, buf, &size);
    printf("query qw %ld type %lu size %lu ", r, type, size);
    hex(buf, size);
    size = sizeof buf;
    r = RegQueryValueExA(root, "Multi", NULL, &type, buf, &size);
    printf("queryA multi %ld type %lu size %lu ", r, type, size);
    hex(buf, size);
    show("query data without size", RegQueryValueExW(root, L"Str", NULL, &type, buf, NULL));

    /* RegGetValue */
    SetEnvironmentVariableW(L"REGTEST_VAR", L"expanded");
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"Exp", RRF_RT_REG_SZ, &type, buf, &size);
    printf("get exp as sz %ld type %lu size %lu [%ls]\n", r, type, size, (WCHAR *)buf);
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"Exp", RRF_RT_ANY | RRF_NOEXPAND, &type, buf, &size);
    printf("get exp noexpand %ld type %lu size %lu [%ls]\n", r, type, size, (WCHAR *)buf);
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"Exp", RRF_RT_REG_EXPAND_SZ, &type, buf, &size);
    printf("get expand without noexpand %ld\n", r);
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"Dw", RRF_RT_REG_SZ, &type, buf, &size);
    printf("get dword as sz %ld type %lu size %lu\n", r, type, size);
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"Dw", RRF_RT_DWORD, &type, buf, &size);
    printf("get dword %ld type %lu size %lu %08lx\n", r, type, size, *(DWORD *)buf);
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"Bin", RRF_RT_DWORD, &type, buf, &size);
    printf("get bin as dword %ld size %lu\n", r, size);
    size = sizeof buf;
    r = RegGetValueW(root, NULL, L"NoNul", RRF_RT_REG_SZ, &type, buf, &size);
    printf("get unterminated %ld size %lu [%ls]\n", r, size, (WCHAR *)buf);
    size = 2;
    memset(buf, 0xAA, 8);
    r = RegGetValueW(root, NULL, L"Str", RRF_RT_REG_SZ | RRF_ZEROONFAILURE, &type, buf, &size);
    printf("get small zero %ld size %lu %02x%02x\n", r, size, buf[0], buf[1]);
    size = sizeof buf;
    r = RegGetValueW(HKEY_CURRENT_USER, ROOT, L"Qw", RRF_RT_QWORD, &type, buf, &size);
    printf("get qword via subkey %ld type %lu size %lu\n", r, type, size);
    size = sizeof buf;
    r = RegGetValueW(HKEY_CURRENT_USER, ROOT L"\\nope", L"Qw", RRF_RT_ANY, &type, buf, &size);
    printf("get missing subkey %ld\n", r);
    size = sizeof buf;
    r = RegGetValueA(root, NULL, "Str", RRF_RT_REG_SZ, &type, buf, &size);
    printf("getA %ld type %lu size %lu [%s]\n", r, type, size, (char *)buf);

    /* subkeys: sorted enumeration, A forms, info */
    const WCHAR *names[] = {L"beta", L"Alpha", L"gamma", L"Delta"};
    for (int i = 0; i < 4; i++) {
        r = RegCreateKeyW(root, names[i], &k);
        RegCloseKey(k);
    }
    show("createA nested", RegCreateKeyExA(root, "Alpha\\Inner\\Deep", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp));
    printf("nested disp %lu\n", disp);
    RegCloseKey(k);
    WCHAR name[64];
    for (DWORD i = 0;; i++) {
        n = 64;
        r = RegEnumKeyExW(root, i, name, &n, NULL, NULL, NULL, NULL);
        if (r) {
            printf("enumkey %lu -> %ld\n", i, r);
            break;
        }
        printf("enumkey %lu %ls (%lu)\n", i, name, n);
    }
    n = 3;
    r = RegEnumKeyExW(root, 0, name, &n, NULL, NULL, NULL, NULL);
    printf("enumkey small %ld n %lu\n", r, n);
    char aname[64];
    r = RegEnumKeyA(root, 1, aname, sizeof aname);
    printf("enumkeyA %ld %s\n", r, aname);
    for (DWORD i = 0;; i++) {
        n = 64;
        size = sizeof buf;
        r = RegEnumValueW(root, i, name, &n, NULL, &type, buf, &size);
        if (r) {
            printf("enumvalue %lu -> %ld\n", i, r);
            break;
        }
        printf("enumvalue %lu [%ls] type %lu size %lu\n", i, name, type, size);
    }
    n = 64;
    size = 2;
    r = RegEnumValueW(root, 0, name, &n, NULL, &type, buf, &size);
    printf("enumvalue small data %ld size %lu\n", r, size);
    n = 2;
    size = sizeof buf;
    r = RegEnumValueW(root, 0, name, &n, NULL, &type, buf, &size);
    printf("enumvalue small name %ld\n", r);
    DWORD subkeys, maxsub, maxclass, values, maxvname, maxvlen;
    r = RegQueryInfoKeyW(root, NULL, NULL, NULL, &subkeys, &maxsub, &maxclass, &values, &maxvname, &maxvlen, NULL,
                         NULL);
    printf("info %ld subkeys %lu maxsub %lu values %lu maxvname %lu maxvlen %lu\n", r, subkeys, maxsub, values,
           maxvname, maxvlen);

    /* overwrite keeps the order; delete values */
    show("overwrite Str dword", RegSetValueExW(root, L"STR", 0, REG_DWORD, (const BYTE *)&dw, sizeof dw));
    n = 64;
    size = sizeof buf;
    r = RegEnumValueW(root, 0, name, &n, NULL, &type, buf, &size);
    printf("first value now [%ls] type %lu\n", name, type);
    show("delete value", RegDeleteValueW(root, L"none"));
    show("delete value again", RegDeleteValueW(root, L"none"));
    show("setkeyvalue", RegSetKeyValueW(root, L"Gamma\\New", L"v", REG_DWORD, &dw, sizeof dw));
    size = sizeof buf;
    r = RegGetValueW(root, L"gamma\\new", L"v", RRF_RT_DWORD, &type, buf, &size);
    printf("read back %ld %08lx\n", r, *(DWORD *)buf);
    show("deletekeyvalue", RegDeleteKeyValueW(root, L"Gamma\\New", L"v"));
    show("deletekeyvalue again", RegDeleteKeyValueW(root, L"Gamma\\New", L"v"));

    /* opening: errors */
    show("open missing", RegOpenKeyExW(root, L"nothere", 0, KEY_READ, &k));
    show("open missing path", RegOpenKeyExW(root, L"nothere\\below", 0, KEY_READ, &k));
    show("open leading backslash", RegOpenKeyExW(HKEY_CURRENT_USER, L"\\Software", 0, KEY_READ, &k));
    show("open ALPHA\\inner", RegOpenKeyExW(root, L"ALPHA\\inner", 0, KEY_READ, &k2));
    show("query on read key", RegQueryValueExW(k2, L"x", NULL, NULL, NULL, NULL));
    show("set on read-only handle", RegSetValueExW(k2, L"x", 0, REG_DWORD, (const BYTE *)&dw, 4));
    RegCloseKey(k2);
    show("close twice", RegCloseKey(k2));
    show("query bad handle", RegQueryValueExW((HKEY)(ULONG_PTR)0x1234, L"x", NULL, NULL, NULL, NULL));
    show("open NULL result", RegOpenKeyExW(root, L"Alpha", 0, KEY_READ, NULL));

    /* deleting keys */
    show("delete key with subkeys", RegDeleteKeyW(root, L"Alpha"));
    show("delete missing key", RegDeleteKeyW(root, L"nothere"));
    show("delete leaf", RegDeleteKeyW(root, L"Alpha\\Inner\\Deep"));
    show("open deleted", RegOpenKeyExW(root, L"Alpha\\Inner\\Deep", 0, KEY_READ, &k));
    show("open Delta", RegOpenKeyExW(root, L"Delta", 0, KEY_ALL_ACCESS, &k));
    show("deleteEx Delta", RegDeleteKeyExW(root, L"delta", KEY_WOW64_64KEY, 0));
    show("set on deleted key", RegSetValueExW(k, L"x", 0, REG_DWORD, (const BYTE *)&dw, 4));
    RegCloseKey(k);
    show("deletetree Alpha", RegDeleteTreeW(root, L"Alpha"));
    show("open Alpha", RegOpenKeyExW(root, L"Alpha", 0, KEY_READ, &k));

    /* notification */
    HANDLE ev = CreateEventW(NULL, FALSE, FALSE, NULL);
    show("notify async", RegNotifyChangeKeyValue(root, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE));
    printf("wait before change %lu\n", WaitForSingleObject(ev, 200));
    RegSetValueExW(root, L"Trigger", 0, REG_DWORD, (const BYTE *)&dw, 4);
    printf("wait after change %lu\n", WaitForSingleObject(ev, 5000));
    show("notify without event", RegNotifyChangeKeyValue(root, FALSE, REG_NOTIFY_CHANGE_LAST_SET, NULL, TRUE));

    /* MUI strings: plain strings */
    size = 0;
    r = RegLoadMUIStringW(root, L"Exp", (WCHAR *)buf, sizeof buf, &size, 0, NULL);
    printf("mui %ld size %lu [%ls]\n", r, size, (WCHAR *)buf);
    r = RegLoadMUIStringW(root, L"Exp", (WCHAR *)buf, 4, &size, 0, NULL);
    printf("mui small %ld size %lu\n", r, size);
    r = RegLoadMUIStringW(root, L"Dw", (WCHAR *)buf, sizeof buf, &size, 0, NULL);
    printf("mui dword %ld\n", r);

    show("deletetree root", RegDeleteTreeW(HKEY_CURRENT_USER, ROOT));
    show("close root", RegCloseKey(root));
    show("open root", RegOpenKeyExW(HKEY_CURRENT_USER, ROOT, 0, KEY_READ, &k));
    show("close predefined", RegCloseKey(HKEY_LOCAL_MACHINE));
    return 0;
}

static int set(const char *name, const char *data)
{
    LONG r = RegSetKeyValueA(HKEY_CURRENT_USER, "Software\\ntexec-regtest-x", name, REG_SZ, data,
                             (DWORD)strlen(data) + 1);
    printf("set %s: %ld\n", name, r);
    return r != 0;
}

static int get(const char *name)
{
    char buf[256];
    DWORD size = sizeof buf, type;
    LONG r = RegGetValueA(HKEY_CURRENT_USER, "Software\\ntexec-regtest-x", name, RRF_RT_ANY, &type, buf, &size);
    printf("get %s: %ld", name, r);
    if (!r)
        printf(" type %lu [%s]", type, buf);
    printf("\n");
    return r != 0;
}

static DWORD run(const char *cmdline)
{
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    char line[512];
    snprintf(line, sizeof line, "%s", cmdline);
    if (!CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("CreateProcess failed %lu\n", GetLastError());
        return 1000;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return code;
}

static int writer(int id, int count)
{
    HKEY k;
    if (RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-many", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k,
                        NULL))
        return 1;
    int bad = 0;
    for (int i = 0; i < count; i++) {
        char name[32];
        DWORD v = (DWORD)(id * 1000 + i);
        snprintf(name, sizeof name, "w%d_%d", id, i);
        if (RegSetValueExA(k, name, 0, REG_DWORD, (const BYTE *)&v, 4))
            bad++;
    }
    RegCloseKey(k);
    return bad;
}

static int many(int writers, int count)
{
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-many");
    PROCESS_INFORMATION pi[16];
    for (int i = 0; i < writers; i++) {
        STARTUPINFOA si = {sizeof si};
        char line[128];
        snprintf(line, sizeof line, "regtest.exe writer %d %d", i, count);
        if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi[i])) {
            printf("CreateProcess failed %lu\n", GetLastError());
            return 1;
        }
    }
    int failed = 0;
    for (int i = 0; i < writers; i++) {
        DWORD code;
        WaitForSingleObject(pi[i].hProcess, INFINITE);
        GetExitCodeProcess(pi[i].hProcess, &code);
        failed += code != 0;
        CloseHandle(pi[i].hProcess);
        CloseHandle(pi[i].hThread);
    }
    HKEY k;
    DWORD values = 0, sum = 0, ok = 0;
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-many", 0, KEY_READ, &k);
    RegQueryInfoKeyW(k, NULL, NULL, NULL, NULL, NULL, NULL, &values, NULL, NULL, NULL, NULL);
    for (int id = 0; id < writers; id++)
        for (int i = 0; i < count; i++) {
            char name[32];
            DWORD v = 0, size = 4;
            snprintf(name, sizeof name, "w%d_%d", id, i);
            if (!RegQueryValueExA(k, name, NULL, NULL, (BYTE *)&v, &size) && v == (DWORD)(id * 1000 + i))
                ok++;
            sum += v;
        }
    RegCloseKey(k);
    printf("writers %d failed %d values %lu correct %lu\n", writers, failed, values, ok);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-many");
    return 0;
}

static DWORD WINAPI set_later(void *arg)
{
    DWORD dw = 2;
    Sleep(200);
    return (DWORD)RegSetValueExW((HKEY)arg, L"later", 0, REG_DWORD, (const BYTE *)&dw, 4);
}

/* What completes a change notification: the filter's kinds of change, in the key or (subtree) below it. */
static int notify(void)
{
    HKEY k, c;
    DWORD dw = 1;
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify");
    RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k,
                    NULL);
    HANDLE ev = CreateEventW(NULL, FALSE, FALSE, NULL);
    show("notify name", RegNotifyChangeKeyValue(k, FALSE, REG_NOTIFY_CHANGE_NAME, ev, TRUE));
    RegSetValueExW(k, L"v", 0, REG_DWORD, (const BYTE *)&dw, 4);
    printf("  after a value is set: %lu\n", WaitForSingleObject(ev, 300));
    RegCreateKeyExW(k, L"Child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &c, NULL);
    printf("  after a subkey is made: %lu\n", WaitForSingleObject(ev, 5000));
    /* each registration on a fresh handle: Wine keeps the first notification of a handle and its filter */
    RegCloseKey(k);
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify", 0, KEY_ALL_ACCESS, &k);
    show("notify last set", RegNotifyChangeKeyValue(k, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE));
    RegSetValueExW(c, L"v", 0, REG_DWORD, (const BYTE *)&dw, 4);
    printf("  after a subkey's value is set: %lu\n", WaitForSingleObject(ev, 300));
    RegDeleteValueW(k, L"v");
    printf("  after a value is deleted: %lu\n", WaitForSingleObject(ev, 5000));
    /* each registration on a fresh handle: Wine keeps the first notification of a handle and its filter */
    RegCloseKey(k);
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify", 0, KEY_ALL_ACCESS, &k);
    show("notify last set, subtree", RegNotifyChangeKeyValue(k, TRUE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE));
    RegSetValueExW(c, L"w", 0, REG_DWORD, (const BYTE *)&dw, 4);
    printf("  after a subkey's value is set: %lu\n", WaitForSingleObject(ev, 5000));
    /* each registration on a fresh handle: Wine keeps the first notification of a handle and its filter */
    RegCloseKey(k);
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify", 0, KEY_ALL_ACCESS, &k);
    show("notify name, subtree", RegNotifyChangeKeyValue(k, TRUE, REG_NOTIFY_CHANGE_NAME, ev, TRUE));
    RegCloseKey(c);
    RegDeleteKeyW(k, L"Child");
    printf("  after the subkey is deleted: %lu\n", WaitForSingleObject(ev, 5000));
    /* synchronous: returns once another thread has set a value */
    RegCloseKey(k);
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify", 0, KEY_ALL_ACCESS, &k);
    HANDLE th = CreateThread(NULL, 0, set_later, k, 0, NULL);
    show("notify synchronous", RegNotifyChangeKeyValue(k, FALSE, REG_NOTIFY_CHANGE_LAST_SET, NULL, FALSE));
    WaitForSingleObject(th, INFINITE);
    DWORD code = 1;
    GetExitCodeThread(th, &code);
    printf("  the other thread's RegSetValueEx: %lu\n", code);
    CloseHandle(th);
    RegCloseKey(k);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-notify");
    CloseHandle(ev);
    return 0;
}

/* Strings stored without their terminator: what RegSetValueEx counts and what queries give back. */
static int strings(void)
{
    HKEY k;
    RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-str", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    static const WCHAR abcd[] = L"abcd";
    show("set abc of abcd", RegSetValueExW(k, L"s", 0, REG_SZ, (const BYTE *)abcd, 6));
    WCHAR buf[16];
    DWORD size, type;
    LONG r;
    for (DWORD room = 6; room <= 10; room += 2) {
        memset(buf, 'x', sizeof buf);
        size = room;
        r = RegQueryValueExW(k, L"s", NULL, &type, (BYTE *)buf, &size);
        printf("query into %lu bytes: %ld size %lu chars %04x %04x %04x %04x\n", room, r, size, buf[0], buf[2],
               buf[3], buf[4]);
        memset(buf, 'x', sizeof buf);
        size = room;
        WCHAR name[8];
        DWORD n = 8;
        r = RegEnumValueW(k, 0, name, &n, NULL, &type, (BYTE *)buf, &size);
        printf("enum into %lu bytes: %ld size %lu chars %04x %04x %04x %04x\n", room, r, size, buf[0], buf[2], buf[3],
               buf[4]);
    }
    show("set abc + terminator in memory", RegSetValueExW(k, L"t", 0, REG_SZ, (const BYTE *)L"abc", 6));
    size = sizeof buf;
    r = RegQueryValueExW(k, L"t", NULL, &type, NULL, &size);
    printf("stored size %ld %lu\n", r, size);
    show("setA abc of abcd", RegSetValueExA(k, "u", 0, REG_SZ, (const BYTE *)"abcd", 3));
    size = sizeof buf;
    r = RegQueryValueExW(k, L"u", NULL, &type, NULL, &size);
    printf("stored size %ld %lu\n", r, size);
    show("setA abc + terminator in memory", RegSetValueExA(k, "v", 0, REG_SZ, (const BYTE *)"abc", 3));
    size = sizeof buf;
    r = RegQueryValueExW(k, L"v", NULL, &type, NULL, &size);
    printf("stored size %ld %lu\n", r, size);
    RegCloseKey(k);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-str");
    return 0;
}

/* RegCopyTree, the Windows 3.1 default-value functions, RegConnectRegistry of the local machine. */
static int legacy(void)
{
    HKEY k, src, dst, sub;
    LONG r;
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-legacy");
    RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-legacy", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k,
                    NULL);
    show("setvalue new subkey", RegSetValueW(k, L"Sub", REG_SZ, L"dflt", 0));
    show("setvalue binary", RegSetValueW(k, L"Sub", REG_BINARY, L"dflt", 10));
    show("setvalueA on key", RegSetValueA(k, NULL, REG_SZ, "top", 1));
    WCHAR buf[64];
    LONG size = sizeof buf;
    r = RegQueryValueW(k, L"Sub", buf, &size);
    printf("queryvalue %ld size %ld [%ls]\n", r, size, buf);
    char abuf[64];
    size = sizeof abuf;
    r = RegQueryValueA(k, NULL, abuf, &size);
    printf("queryvalueA %ld size %ld [%s]\n", r, size, abuf);
    size = 2;
    r = RegQueryValueW(k, L"Sub", buf, &size);
    printf("queryvalue small %ld size %ld\n", r, size);
    size = sizeof buf;
    r = RegQueryValueW(k, L"Missing", buf, &size);
    printf("queryvalue missing subkey %ld\n", r);
    RegCreateKeyExW(k, L"Empty", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
    RegCloseKey(sub);
    size = sizeof buf;
    buf[0] = 'x';
    r = RegQueryValueW(k, L"Empty", buf, &size);
    printf("queryvalue unset default %ld size %ld first %04x\n", r, size, buf[0]);

    /* copy Src (values and a nested key) into Dst */
    DWORD dw = 7;
    RegCreateKeyExW(k, L"Src\\Nested", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
    RegSetValueExW(sub, L"n", 0, REG_DWORD, (const BYTE *)&dw, 4);
    RegCloseKey(sub);
    RegOpenKeyExW(k, L"Src", 0, KEY_ALL_ACCESS, &src);
    RegSetValueExW(src, L"s", 0, REG_SZ, (const BYTE *)L"str", 8);
    RegCreateKeyExW(k, L"Dst", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &dst, NULL);
    show("copytree", RegCopyTreeW(src, NULL, dst));
    DWORD t, n = sizeof buf;
    r = RegGetValueW(dst, L"Nested", L"n", RRF_RT_ANY, &t, buf, &n);
    DWORD copied;
    memcpy(&copied, buf, sizeof copied);
    printf("copied nested %ld type %lu value %lu\n", r, t, copied);
    n = sizeof buf;
    r = RegGetValueW(dst, NULL, L"s", RRF_RT_ANY, &t, buf, &n);
    printf("copied value %ld [%ls]\n", r, buf);
    show("copytree missing subkey", RegCopyTreeW(k, L"Missing", dst));
    RegCloseKey(src);
    RegCloseKey(dst);

    HKEY remote;
    r = RegConnectRegistryW(NULL, HKEY_LOCAL_MACHINE, &remote);
    printf("connect local %ld\n", r);
    if (!r) {
        r = RegOpenKeyExW(remote, L"SOFTWARE", 0, KEY_READ, &sub);
        printf("  open SOFTWARE through it %ld\n", r);
        RegCloseKey(sub);
        RegCloseKey(remote);
    }
    RegCloseKey(k);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-legacy");
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc >= 2 && !strcmp(argv[1], "basic"))
        return basic();
    if (argc >= 4 && !strcmp(argv[1], "set"))
        return set(argv[2], argv[3]);
    if (argc >= 3 && !strcmp(argv[1], "get"))
        return get(argv[2]);
    if (argc >= 2 && !strcmp(argv[1], "spawn")) {
        set("fromparent", "written by the parent");
        printf("child exit %lu\n", run("regtest.exe get fromparent"));
        RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ntexec-regtest-x");
        printf("child exit %lu\n", run("regtest.exe get fromparent"));
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "legacy"))
        return legacy();
    if (argc >= 2 && !strcmp(argv[1], "strings"))
        return strings();
    if (argc >= 2 && !strcmp(argv[1], "notify"))
        return notify();
    if (argc >= 4 && !strcmp(argv[1], "writer"))
        return writer(atoi(argv[2]), atoi(argv[3]));
    if (argc >= 4 && !strcmp(argv[1], "many"))
        return many(atoi(argv[2]), atoi(argv[3]));
    printf("usage: regtest basic|set|get|spawn|writer|many\n");
    return 2;
}
