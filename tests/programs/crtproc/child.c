/* The child the crtproc parents start. Its first argument says what to do:
 *   args ...        print the command line it got and the argv the CRT split from it
 *   cmdline ...     print the command line only (non-ASCII as \uXXXX)
 *   exit N          exit with N (decimal or 0x hex, the full 32 bits)
 *   echo WORDS...   print the words on one line, exit 0
 *   lines A B       print A and B on two lines (text mode: "\r\n" on the pipe)
 *   upper           copy stdin to stdout in capitals; exit with the number of lines read
 *   env NAME        print the variable as the CRT sees it
 *   readfd N        read CRT descriptor N (inherited from the parent's CRT) to its end, print the bytes
 *   exec PROG WORD  print "before exec", then _execl(PROG, "child", "echo", WORD): never returns */
#include <errno.h>
#include <io.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void show_wide(const WCHAR *s)
{
    for (; *s; s++) {
        if (*s < 0x80)
            putchar(*s);
        else
            printf("\\u%04x", *s);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("child: no command\n");
        return 100;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "args")) {
        printf("child cmdline: [");
        show_wide(GetCommandLineW());
        printf("]\nchild argc %d:", argc);
        for (int i = 1; i < argc; i++)
            printf(" [%s]", argv[i]);
        printf("\n");
        return 0;
    }
    if (!strcmp(cmd, "cmdline")) {
        printf("child cmdline: [");
        show_wide(GetCommandLineW());
        printf("]\n");
        return 0;
    }
    if (!strcmp(cmd, "exit") && argc > 2)
        ExitProcess((UINT)strtoul(argv[2], NULL, 0));
    if (!strcmp(cmd, "echo")) {
        for (int i = 2; i < argc; i++)
            printf("%s%s", i > 2 ? " " : "", argv[i]);
        printf("\n");
        return 0;
    }
    if (!strcmp(cmd, "lines") && argc > 3) {
        printf("%s\n%s\n", argv[2], argv[3]);
        return 0;
    }
    if (!strcmp(cmd, "upper")) {
        int c, lines = 0;
        while ((c = getchar()) != EOF) {
            if (c == '\n')
                lines++;
            putchar(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        return lines;
    }
    if (!strcmp(cmd, "readfd") && argc > 2) {
        char buf[256];
        int fd = atoi(argv[2]), n, total = 0;
        while (total < (int)sizeof buf && (n = _read(fd, buf + total, sizeof buf - total)) > 0)
            total += n;
        printf("child fd %d: %d bytes:", fd, total);
        for (int i = 0; i < total; i++)
            printf(" %02x", (unsigned char)buf[i]);
        printf(" (last _read %d errno %d)\n", n, n < 0 ? errno : 0);
        return 0;
    }
    if (!strcmp(cmd, "env") && argc > 2) {
        const char *v = getenv(argv[2]);
        printf("child %s=%s\n", argv[2], v ? v : "(unset)");
        return 0;
    }
    if (!strcmp(cmd, "exec") && argc > 3) {
        printf("before exec\n");
        fflush(stdout);
        intptr_t r = _execl(argv[2], "child", "echo", "after", "exec", argv[3], NULL);
        printf("_execl returned %d errno %d\n", (int)r, errno);
        return 101;
    }
    printf("child: unknown command %s\n", cmd);
    return 100;
}
