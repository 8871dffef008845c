/*
 * What a new store holds: the roots and the keys Windows programs read at start-up, consistent with the
 * version ntexec reports (Windows 10 22H2, 10.0.19045: docs/DESIGN.md "Reported Windows version") and with
 * its drive layout (C:\Windows). Values are the ones a fresh Windows 10 installation has.
 */
#include <stdlib.h>
#include <string.h>

#include "cm/cm.h"
#include "cm/cmp.h"
#include "ps/ps.h"
#include "rtl/sid.h"
#include "se/se.h"

/* The token's user SID as text (se/identity.c, SeUidToSid), so that HKEY_USERS\<that SID> is
 * HKEY_CURRENT_USER and the registry, whoami and the token agree on who the user is. */
void CmGetCurrentUserSid(WCHAR *buffer, ULONG chars)
{
    BYTE sid[SECURITY_MAX_SID_SIZE];
    SeUidToSid(PsGetCurrentProcess()->Token.Uid, (PSID)sid);
    if (!RtlpSidToString((PSID)sid, buffer, chars) && chars)
        buffer[0] = 0;
}

enum { S, X, D, M };   /* REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ (the strings separated by '|') */

struct seed_value {
    const char *key;     /* relative to \REGISTRY; "USER\\*" is the current user's SID */
    const char *name;    /* NULL: the key only */
    int kind;
    const char *text;
    ULONG dword;
};

static const struct seed_value seed[] = {
    { "MACHINE\\HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0", "ProcessorNameString", S, "ntexec x64 processor" },
    { "MACHINE\\SAM", NULL },
    { "MACHINE\\SECURITY", NULL },
    { "MACHINE\\SOFTWARE\\Classes", NULL },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "ProductName", S, "Windows 10 Pro" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "EditionID", S, "Professional" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "InstallationType", S, "Client" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentVersion", S, "6.3" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentMajorVersionNumber", D, NULL, 10 },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentMinorVersionNumber", D, NULL, 0 },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuild", S, "19045" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuildNumber", S, "19045" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "UBR", D, NULL, 0 },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "ReleaseId", S, "2009" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "DisplayVersion", S, "22H2" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentType", S, "Multiprocessor Free" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "SystemRoot", S, "C:\\Windows" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "PathName", S, "C:\\Windows" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "RegisteredOwner", S, "ntexec" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "RegisteredOrganization", S, "" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "ProgramFilesDir", S, "C:\\Program Files" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "ProgramFilesDir (x86)", S, "C:\\Program Files (x86)" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "ProgramW6432Dir", S, "C:\\Program Files" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "CommonFilesDir", S,
      "C:\\Program Files\\Common Files" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "CommonFilesDir (x86)", S,
      "C:\\Program Files (x86)\\Common Files" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "ProgramFilesPath", X, "%ProgramFiles%" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", "DevicePath", X, "%SystemRoot%\\inf" },
    { "MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths", NULL },
    { "MACHINE\\SOFTWARE\\Policies", NULL },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "ComSpec", X,
      "%SystemRoot%\\system32\\cmd.exe" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "OS", S, "Windows_NT" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "Path", X,
      "%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\System32\\Wbem;%SYSTEMROOT%\\System32\\WindowsPowerShell\\v1.0\\" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "PATHEXT", S,
      ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "PROCESSOR_ARCHITECTURE", S,
      "AMD64" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "TEMP", X,
      "%SystemRoot%\\TEMP" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "TMP", X, "%SystemRoot%\\TEMP" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "windir", X, "%SystemRoot%" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "USERNAME", S, "SYSTEM" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage", "ACP", S, "1252" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage", "OEMCP", S, "437" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage", "MACCP", S, "10000" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions", "ProductType", S, "WinNT" },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Hardware Profiles\\Current", NULL },
    { "MACHINE\\SYSTEM\\CurrentControlSet\\Services", NULL },
    { "USER\\.DEFAULT\\Environment", NULL },
    { "USER\\.DEFAULT\\Software", NULL },
    { "USER\\*\\Console", NULL },
    { "USER\\*\\Control Panel\\International", "LocaleName", S, "en-US" },
    { "USER\\*\\Environment", "TEMP", X, "%USERPROFILE%\\AppData\\Local\\Temp" },
    { "USER\\*\\Environment", "TMP", X, "%USERPROFILE%\\AppData\\Local\\Temp" },
    { "USER\\*\\Software\\Classes", NULL },
    { "USER\\*\\Software\\Microsoft\\Windows\\CurrentVersion", NULL },
    { "USER\\*\\Volatile Environment", NULL },
};

/* An ASCII string as UTF-16 into w (at most cap characters); returns the count. */
static ULONG widen(const char *s, WCHAR *w, ULONG cap)
{
    ULONG n = 0;
    for (; s[n] && n < cap; n++)
        w[n] = (WCHAR)(unsigned char)s[n];
    return n;
}

static NTSTATUS seed_one(int64_t root, const struct seed_value *sv)
{
    WCHAR path[256];
    ULONG n = 0;
    const char *rest = sv->key;
    if (!strncmp(rest, "USER\\*", 6)) {
        n = widen("USER\\", path, 250);
        WCHAR sid[64];
        CmGetCurrentUserSid(sid, ARRAY_SIZE(sid));
        for (ULONG i = 0; sid[i]; i++)
            path[n++] = sid[i];
        rest += 6;
    }
    n += widen(rest, path + n, ARRAY_SIZE(path) - n);
    int64_t id;
    NTSTATUS status = CmpWalk(root, path, n, true, NULL, 0, &id, NULL);
    if (status != STATUS_SUCCESS || !sv->name)
        return status;
    char *a, *b;
    WCHAR name[64];
    ULONG nn = widen(sv->name, name, ARRAY_SIZE(name));
    if ((status = CmpMakeNames(name, nn, &a, &b)) != STATUS_SUCCESS)
        return status;
    WCHAR data[256];
    ULONG type, size;
    if (sv->kind == D) {
        type = REG_DWORD;
        size = sizeof(ULONG);
        memcpy(data, &sv->dword, size);
    } else {
        ULONG chars = widen(sv->text, data, ARRAY_SIZE(data) - 2);
        data[chars++] = 0;
        type = sv->kind == X ? REG_EXPAND_SZ : sv->kind == M ? REG_MULTI_SZ : REG_SZ;
        if (sv->kind == M) {
            for (ULONG i = 0; i < chars; i++)
                if (data[i] == '|')
                    data[i] = 0;
            data[chars++] = 0;
        }
        size = chars * sizeof(WCHAR);
    }
    status = host_reg_value_set(id, a, b, type, data, size);
    free(a);
    free(b);
    return status;
}

NTSTATUS CmpSeedStore(bool created)
{
    int64_t root, user;
    NTSTATUS status = created ? host_reg_key_create(0, "REGISTRY", "REGISTRY", NULL, (int64_t)host_system_time(),
                                                    &root)
                              : host_reg_key_lookup(0, "REGISTRY", &root);
    if (status != STATUS_SUCCESS)
        return status;
    /* The current user's keys are made the first time that user (that SID) comes, not only with the store. */
    WCHAR path[96] = u"USER\\";
    CmGetCurrentUserSid(path + 5, ARRAY_SIZE(path) - 5);
    size_t n = 0;
    while (path[n])
        n++;
    bool new_user = CmpWalk(root, path, n, false, NULL, 0, &user, NULL) == STATUS_OBJECT_NAME_NOT_FOUND;
    for (size_t i = 0; status == STATUS_SUCCESS && i < ARRAY_SIZE(seed); i++)
        if (!strncmp(seed[i].key, "USER\\*", 6) ? new_user : created)
            status = seed_one(root, &seed[i]);
    return status;
}
