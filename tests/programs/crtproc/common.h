/* Shared by the crtproc test programs: the path of a program beside this one, of the same CRT. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#ifdef _UCRT
#define CRT_SUFFIX "-ucrt"
#else
#define CRT_SUFFIX ""
#endif

/* dir\NAME-ucrt.exe or dir\NAME.exe, where dir is this program's directory; with_ext 0 leaves ".exe" off. */
static const char *sibling(const char *name, int with_ext)
{
    static char paths[4][MAX_PATH];
    static int next;
    char *p = paths[next++ % 4];
    DWORD n = GetModuleFileNameA(NULL, p, MAX_PATH);
    while (n > 0 && p[n - 1] != '\\' && p[n - 1] != '/')
        n--;
    snprintf(p + n, MAX_PATH - n, "%s%s%s", name, CRT_SUFFIX, with_ext ? ".exe" : "");
    return p;
}
