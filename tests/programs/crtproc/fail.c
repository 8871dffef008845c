/* The failure paths of the CRT's child processes, which need no child to run: no command processor
 * (COMSPEC unset, or naming a missing file, and no cmd.exe in the current directory or PATH), a program that
 * does not exist, _cwait on the pseudo-handle of this process and on a handle that is none. */
#include <errno.h>
#include <process.h>
#include <stdlib.h>

#include <stdio.h>
#include <windows.h>

static void show(const char *what, intptr_t r)
{
    printf("%s: %lld errno %d\n", what, (long long)r, errno);
    errno = 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    _putenv("PATH=C:\\nowhere\\bin");

    _putenv("COMSPEC=");
    errno = 0;
    show("no COMSPEC: system(NULL)", system(NULL));
    show("no COMSPEC: system(cmd)", system("echo hi"));
    FILE *f = _popen("echo hi", "r");
    printf("no COMSPEC: _popen: %s\n", f ? "stream" : "NULL");
    errno = 0;

    _putenv("COMSPEC=C:\\nowhere\\cmd.exe");
    show("missing COMSPEC: system(NULL)", system(NULL));
    show("missing COMSPEC: system(cmd)", system("echo hi"));
    show("missing COMSPEC: _wsystem(cmd)", _wsystem(L"echo hi"));
    f = _popen("echo hi", "r");
    printf("missing COMSPEC: _popen: %s\n", f ? "stream" : "NULL");
    errno = 0;

    show("_spawnl missing", _spawnl(_P_WAIT, "C:\\nowhere\\prog.exe", "prog", NULL));
    show("_spawnl missing, no extension", _spawnl(_P_WAIT, "nosuchprog", "nosuchprog", NULL));
    show("_spawnlp missing", _spawnlp(_P_WAIT, "nosuchprog", "nosuchprog", NULL));
    show("_execl missing", _execl("C:\\nowhere\\prog.exe", "prog", NULL));

    int status = 5;
    show("_cwait(bogus)", _cwait(&status, (intptr_t)0x7ff0, _WAIT_CHILD));
    printf("status %d\n", status);
    /* -1 is this process: waiting on it would never end, the CRTs refuse it. */
    status = 5;
    show("_cwait(-1)", _cwait(&status, -1, _WAIT_CHILD));
    printf("status %d\n", status);
    return 0;
}
