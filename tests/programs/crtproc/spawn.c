/* _spawn* and _cwait with a child of the same CRT: the command line is argv joined with spaces and no
 * quoting (the child splits it again), _P_WAIT returns the full exit code, _P_NOWAIT a handle for _cwait,
 * a name without extension finds NAME.exe, the e forms pass an environment, the p forms search PATH, and
 * _execl replaces a process by another (its output still reaches the same pipe). */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <stdlib.h>

#include "common.h"

static void result(const char *what, intptr_t r)
{
    printf("%s: returned %d errno %d\n", what, (int)r, r == -1 ? errno : 0);
    fflush(stdout);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);   /* the children write to the same file */
    const char *child = sibling("child", 1);

    /* Arguments are not quoted: "a b" arrives as two, quotes and backslashes are the child's to parse. */
    const char *tricky[] = {"child", "args", "a b", "\"quoted arg\"", "back\\\\\"slash", "tab\there", "x\"\"y",
                            "end", NULL};
    result("_spawnv args", _spawnv(_P_WAIT, child, tricky));
    const char *empty[] = {"child", "args", "", "", "last", NULL};
    result("_spawnv empty args", _spawnv(_P_WAIT, child, empty));
    const wchar_t *wide[] = {L"child", L"cmdline", L"caf\u00e9", L"\u03b1\u03b2", L"\"a b\"", NULL};
    {
        wchar_t wchild[MAX_PATH];
        MultiByteToWideChar(CP_ACP, 0, child, -1, wchild, MAX_PATH);
        result("_wspawnv args", _wspawnv(_P_WAIT, wchild, wide));
    }

    /* Exit codes: _P_WAIT gives the whole 32-bit code. */
    result("_spawnl exit 42", _spawnl(_P_WAIT, child, "child", "exit", "42", NULL));
    result("_spawnl exit 300", _spawnl(_P_WAIT, child, "child", "exit", "300", NULL));
    result("_spawnl exit 0xC0000005", _spawnl(_P_WAIT, child, "child", "exit", "0xC0000005", NULL));
    result("_spawnl no extension", _spawnl(_P_WAIT, sibling("child", 0), "child", "exit", "5", NULL));

    /* _P_NOWAIT: a process handle, then _cwait stores the exit code and returns the handle. */
    intptr_t h = _spawnl(_P_NOWAIT, child, "child", "exit", "7", NULL);
    printf("_P_NOWAIT handle valid: %d\n", h != -1 && h != 0);
    int status = -99;
    intptr_t w = _cwait(&status, h, _WAIT_CHILD);
    printf("_cwait: same handle %d status %d\n", w == h, status);
    h = _spawnl(_P_NOWAITO, child, "child", "exit", "8", NULL);
    w = _cwait(&status, h, _WAIT_CHILD);
    printf("_P_NOWAITO + _cwait: same handle %d status %d\n", w == h, status);

    /* An explicit environment: the child sees only it (and the per-drive directories). */
    const char *env[] = {"CRTPROC_VAR=hello env", "OTHER=1", NULL};
    result("_spawnle", _spawnle(_P_WAIT, child, "child", "env", "CRTPROC_VAR", NULL, env));
    const char *envargs[] = {"child", "env", "OTHER", NULL};
    result("_spawnve", _spawnve(_P_WAIT, child, envargs, env));
    _putenv("CRTPROC_VAR=inherited");
    result("_spawnl inherits", _spawnl(_P_WAIT, child, "child", "env", "CRTPROC_VAR", NULL));

    /* The p forms: a bare name is looked up in the current directory, then in PATH. */
    char dir[MAX_PATH];
    snprintf(dir, sizeof dir, "%s", child);
    *strrchr(dir, '\\') = 0;
    char path[MAX_PATH + 16];
    snprintf(path, sizeof path, "PATH=C:\\nowhere;%s", dir);
    _putenv(path);
    result("_spawnlp via PATH", _spawnlp(_P_WAIT, "child" CRT_SUFFIX, "child", "exit", "11", NULL));
    const char *pargs[] = {"child", "exit", "12", NULL};
    result("_spawnvp via PATH", _spawnvp(_P_WAIT, "child" CRT_SUFFIX ".exe", pargs));

    /* The descriptor table goes to the child (lpReserved2): a pipe's read end keeps its number and its
     * text mode there (Microsoft's _pipe example); a descriptor opened with _O_NOINHERIT does not exist. */
    int tfds[2], nfds[2];
    char fdarg[16];
    _pipe(tfds, 256, _O_TEXT);
    _write(tfds[1], "a\nb", 3);
    _close(tfds[1]);
    snprintf(fdarg, sizeof fdarg, "%d", tfds[0]);
    result("_spawnl readfd text pipe", _spawnl(_P_WAIT, child, "child", "readfd", fdarg, NULL));
    _close(tfds[0]);
    _pipe(nfds, 256, _O_BINARY | _O_NOINHERIT);
    snprintf(fdarg, sizeof fdarg, "%d", nfds[0]);
    result("_spawnl readfd noinherit", _spawnl(_P_WAIT, child, "child", "readfd", fdarg, NULL));
    _close(nfds[0]);
    _close(nfds[1]);

    /* _execl: the middle process prints, execs a child and ends with 0; the child's output comes after,
     * through the same pipe, which ends when both are gone. */
    int fds[2];
    _pipe(fds, 4096, _O_BINARY);
    int saved = _dup(1);
    _dup2(fds[1], 1);
    _close(fds[1]);
    h = _spawnl(_P_NOWAIT, child, "child", "exec", child, "word", NULL);
    _dup2(saved, 1);
    _close(saved);
    char buf[512];
    int n, total = 0;
    while (total < (int)sizeof buf - 1 && (n = _read(fds[0], buf + total, sizeof buf - 1 - total)) > 0)
        total += n;
    buf[total] = 0;
    w = _cwait(&status, h, _WAIT_CHILD);
    printf("exec pipe: [");
    for (int i = 0; i < total; i++)
        printf(buf[i] == '\r' ? "\\r" : buf[i] == '\n' ? "\\n" : "%c", buf[i]);
    printf("]\nexec middle status %d\n", status);

    /* _P_DETACH: 0, no handle; a mode past _P_DETACH is an invalid parameter (EINVAL) and starts nothing. */
    result("_spawnl _P_DETACH", _spawnl(_P_DETACH, child, "child", "exit", "3", NULL));
    errno = 0;
    result("_spawnl mode 5", _spawnl(5, child, "child", "exit", "3", NULL));
    return 0;
}
