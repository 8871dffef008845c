/* userenv: the profile directories (GetUserProfileDirectoryW, GetProfilesDirectoryW: size protocol, errors,
 * agreement with %USERPROFILE%) and CreateEnvironmentBlock/DestroyEnvironmentBlock (inherited or not).
 * Paths differ between systems, so the program prints relations between them. */
#include <windows.h>
#include <userenv.h>
#include <stdio.h>
#include <wchar.h>

static const WCHAR *find(const WCHAR *block, const WCHAR *name)
{
    size_t n = wcslen(name);
    for (const WCHAR *p = block; *p; p += wcslen(p) + 1)
        if (!_wcsnicmp(p, name, n) && p[n] == '=')
            return p + n + 1;
    return NULL;
}

static void block_info(const char *label, HANDLE token, BOOL inherit)
{
    void *env = NULL;
    SetLastError(0);
    BOOL ok = CreateEnvironmentBlock(&env, token, inherit);
    printf("%s: ok=%d err=%lu", label, ok, ok ? 0 : GetLastError());
    if (ok) {
        WCHAR profile[MAX_PATH];
        GetEnvironmentVariableW(L"USERPROFILE", profile, MAX_PATH);
        const WCHAR *up = find(env, L"USERPROFILE"), *sr = find(env, L"SystemRoot"), *mine = find(env, L"NTEXEC_TEST_VAR");
        int count = 0;
        for (const WCHAR *p = env; *p; p += wcslen(p) + 1)
            count++;
        printf(" userprofile=%d systemroot=%d test_var=%s some=%d", up && !wcscmp(up, profile), sr != NULL,
               mine ? "present" : "absent", count > 3);
        printf(" destroy=%d", DestroyEnvironmentBlock(env));
    }
    printf("\n");
}

int main(void)
{
    HANDLE token = GetCurrentProcessToken();
    WCHAR dir[MAX_PATH], env[MAX_PATH];
    DWORD envlen = GetEnvironmentVariableW(L"USERPROFILE", env, MAX_PATH);
    DWORD size = 0;
    SetLastError(0);
    BOOL ok = GetUserProfileDirectoryW(token, NULL, &size);
    printf("profile query: ok=%d err=%lu size_ok=%d\n", ok, GetLastError(), size == envlen + 1);
    DWORD small = 3;
    SetLastError(0);
    ok = GetUserProfileDirectoryW(token, dir, &small);
    printf("profile short: ok=%d err=%lu size_ok=%d\n", ok, GetLastError(), small == envlen + 1);
    size = MAX_PATH;
    ok = GetUserProfileDirectoryW(token, dir, &size);
    printf("profile: ok=%d same_as_USERPROFILE=%d size_ok=%d\n", ok, ok && !wcscmp(dir, env), size == envlen + 1);
    size = MAX_PATH;
    SetLastError(0);
    ok = GetUserProfileDirectoryW(NULL, dir, &size);
    printf("profile null token: ok=%d err=%lu\n", ok, GetLastError());
    SetLastError(0);
    ok = GetUserProfileDirectoryW(token, dir, NULL);
    printf("profile null size: ok=%d err=%lu\n", ok, GetLastError());

    WCHAR profiles[MAX_PATH];
    size = 0;
    SetLastError(0);
    ok = GetProfilesDirectoryW(NULL, &size);
    DWORD err = GetLastError(), need = size;
    size = MAX_PATH;
    BOOL ok2 = GetProfilesDirectoryW(profiles, &size);
    size_t pl = wcslen(profiles);
    printf("profiles query: ok=%d err=%lu need_with_nul=%d\n", ok, err, need == pl + 1);
    printf("profiles: ok=%d parent_of_profile=%d\n", ok2 != 0,
           ok2 && pl && !_wcsnicmp(profiles, env, pl) &&
               (env[pl] == '\\' ? !wcschr(env + pl + 1, '\\') : profiles[pl - 1] == '\\' && !wcschr(env + pl, '\\')));

    SetEnvironmentVariableW(L"NTEXEC_TEST_VAR", L"1");
    block_info("block inherit", token, TRUE);
    block_info("block fresh", token, FALSE);
    SetLastError(0);
    ok = CreateEnvironmentBlock(NULL, token, TRUE);
    printf("block null: ok=%d\n", ok);
    return 0;
}
