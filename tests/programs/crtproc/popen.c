/* system() and _popen/_pclose through %COMSPEC% /c, with COMSPEC naming fakecmd.exe (a cmd.exe stand-in):
 * the exit codes come back from the child through the command processor, _popen "r" reads the child's
 * stdout (text mode turns its "\r\n" into "\n", binary mode keeps them), "w" feeds the child's stdin. */
#include <errno.h>
#include <process.h>
#include <stdlib.h>

#include "common.h"

#define CHILD "child" CRT_SUFFIX

static void show(const char *what, const char *buf, size_t n)
{
    printf("%s: %u bytes:", what, (unsigned)n);
    for (size_t i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);   /* the children write to the same file */
    char comspec[MAX_PATH + 16];
    snprintf(comspec, sizeof comspec, "COMSPEC=%s", sibling("fakecmd", 1));
    _putenv(comspec);

    printf("system(NULL): %d\n", system(NULL));
    printf("system echo: %d\n", system(CHILD " echo through system"));
    printf("system exit 3: %d\n", system(CHILD " exit 3"));
    printf("system exit 0x10000: %d\n", system(CHILD " exit 0x10000"));
    printf("_wsystem exit 4: %d\n", _wsystem(L"" CHILD " exit 4"));

    char buf[256];
    FILE *f = _popen(CHILD " echo hello from the child", "r");
    printf("_popen r: %s\n", f ? "stream" : "NULL");
    while (f && fgets(buf, sizeof buf, f))
        printf("read: %s", buf);
    printf("_pclose: %d\n", f ? _pclose(f) : -2);

    f = _popen(CHILD " lines one two", "rt");
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    show("_popen rt", buf, n);
    printf("_pclose: %d\n", f ? _pclose(f) : -2);
    f = _popen(CHILD " lines one two", "rb");
    n = f ? fread(buf, 1, sizeof buf, f) : 0;
    show("_popen rb", buf, n);
    printf("_pclose: %d\n", f ? _pclose(f) : -2);

    f = _popen(CHILD " exit 9", "r");
    n = f ? fread(buf, 1, sizeof buf, f) : 0;
    printf("_popen exit 9: %u bytes, _pclose %d\n", (unsigned)n, f ? _pclose(f) : -2);

    /* "w": the child's stdin is the pipe, its stdout ours; it exits with the number of lines it read. */
    f = _popen(CHILD " upper", "w");
    printf("_popen w: %s\n", f ? "stream" : "NULL");
    if (f) {
        fputs("abc\ndef\n", f);
        fputs("third line\n", f);
        printf("_pclose w: %d\n", _pclose(f));
    }
    f = _wpopen(L"" CHILD " echo wide popen", L"r");
    while (f && fgets(buf, sizeof buf, f))
        printf("_wpopen read: %s", buf);
    printf("_pclose: %d\n", f ? _pclose(f) : -2);

    /* A stream _popen did not open. */
    errno = 0;
    int r = _pclose(stdout);
    printf("_pclose(stdout): %d errno %d\n", r, errno);
    return 0;
}
