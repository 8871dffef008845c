/* Checks: the CRT's environment copy: getenv/_wgetenv, _putenv/_wputenv/_putenv_s (both copies and the OS
 * block follow), getenv_s/_dupenv_s, removal, the envp main received staying as it was, _searchenv, system.
 * (One call per statement: argument evaluation order would otherwise decide what is printed.) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static int in_environ(const char *entry)
{
    for (char **e = _environ; e && *e; e++)
        if (!strcmp(*e, entry))
            return 1;
    return 0;
}

static int in_wenviron(const wchar_t *entry)
{
    for (wchar_t **e = _wenviron; e && *e; e++)
        if (!wcscmp(*e, entry))
            return 1;
    return 0;
}

static const char *show(const char *s)
{
    return s ? s : "(null)";
}

static DWORD os(const char *name)
{
    char buf[64];
    SetLastError(0);
    return GetEnvironmentVariableA(name, buf, sizeof buf);
}

int main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv;
    char buf[64];
    size_t len;
    int e = _putenv("CRTLIB_A=one");
    printf("_putenv(CRTLIB_A=one): %d\n", e);
    printf("  getenv (any case): %s, OS block: %lu\n", show(getenv("crtlib_a")), os("CRTLIB_A"));
    printf("  envp is the start-up copy: %d, in _environ: %d\n", envp != _environ, in_environ("CRTLIB_A=one"));
    wchar_t *w = _wgetenv(L"CRTLIB_A");
    printf("  _wgetenv: %ls, in _wenviron: %d\n", w ? w : L"(null)", in_wenviron(L"CRTLIB_A=one"));
    e = _wputenv(L"CRTLIB_W=wide");
    printf("_wputenv(CRTLIB_W=wide): %d\n", e);
    printf("  getenv: %s, both copies: %d %d, OS: %lu\n", show(getenv("CRTLIB_W")), in_environ("CRTLIB_W=wide"),
           in_wenviron(L"CRTLIB_W=wide"), os("CRTLIB_W"));
    e = _putenv_s("CRTLIB_B", "two");
    printf("_putenv_s(CRTLIB_B, two): %d, getenv: %s\n", e, show(getenv("CRTLIB_B")));
    e = _putenv("crtlib_b=three");
    printf("_putenv(crtlib_b=three) replaces: %d, entry: %d, old entry: %d\n", e, in_environ("crtlib_b=three"),
           in_environ("CRTLIB_B=two"));
    e = getenv_s(&len, buf, sizeof buf, "CRTLIB_B");
    printf("getenv_s: %d len %d [%s]\n", e, (int)len, buf);
    e = getenv_s(&len, buf, 3, "CRTLIB_B");
    printf("getenv_s small buffer: %d len %d\n", e, (int)len);
    e = getenv_s(&len, NULL, 0, "CRTLIB_A");
    printf("getenv_s size query: %d len %d\n", e, (int)len);
    strcpy(buf, "old");
    e = getenv_s(&len, buf, sizeof buf, "CRTLIB_NOPE");
    printf("getenv_s missing: %d len %d [%s]\n", e, (int)len, buf);
#ifdef _UCRT   /* msvcrt.dll has no _dupenv_s */
    char *dup = NULL;
    e = _dupenv_s(&dup, &len, "CRTLIB_A");
    printf("_dupenv_s: %d len %d [%s]\n", e, (int)len, show(dup));
    free(dup);
    e = _dupenv_s(&dup, &len, "CRTLIB_NOPE");
    printf("_dupenv_s missing: %d %d %d\n", e, dup == NULL, (int)len);
#endif
    e = _putenv("CRTLIB_A=");
    printf("_putenv(CRTLIB_A=) removes: %d\n", e);
    w = _wgetenv(L"CRTLIB_A");
    DWORD n = os("CRTLIB_A");
    DWORD err = GetLastError();
    printf("  getenv: %s, _wgetenv: %d, OS: %lu err %lu\n", show(getenv("CRTLIB_A")), w == NULL, n, err);
    errno = 0;
    e = _putenv("=bad");
    printf("_putenv(=bad): %d errno %d\n", e, errno);
    errno = 0;
    e = _putenv("no_equals");
    printf("_putenv(no_equals): %d errno %d\n", e, errno);
    SetEnvironmentVariableA("CRTLIB_OS", "only");
    printf("set with SetEnvironmentVariable: getenv %s\n", show(getenv("CRTLIB_OS")));

    FILE *f = fopen("crtlib_env_probe.txt", "w");
    fclose(f);
    char found[MAX_PATH];
    _searchenv("crtlib_env_probe.txt", "PATH", found);
    char *base = strrchr(found, '\\');
    printf("_searchenv in the current directory: %s\n", base ? base + 1 : "(none)");
    errno = 0;
    _searchenv("crtlib_no_such_file.txt", "CRTLIB_NOPE", found);
    printf("_searchenv missing: [%s] errno %d\n", found, errno);
    remove("crtlib_env_probe.txt");
    errno = 0;
    e = system(NULL);
    printf("system(NULL): %d\n", e);
    return 0;
}
