/* Anonymous pipes between processes: the parent feeds a child's stdin and reads its stdout (64 KB through,
 * a writer thread so that neither side blocks the other), the end of a pipe comes only when the last write
 * end anywhere is closed (PeekNamedPipe succeeds with 0 bytes while the parent still holds one, fails with
 * ERROR_BROKEN_PIPE 109 after), data a child wrote before it exited stays readable, writing to a pipe whose
 * only reader was a child that exited fails with ERROR_NO_DATA 232, and a three-stage chain parent -> A
 * (upper-cases) -> B (numbers the lines) -> parent. */
#include "proc.h"

#define TOTAL (64 * 1024)

/* Children: "x upper" copies stdin to stdout upper-cased; "x number" prefixes each line with its number;
 * "x say TEXT" writes TEXT to stdout and exits; "x drain" reads stdin to its end. */
static int child(const char *what, const char *text)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    char buf[4096], obuf[8192];
    DWORD n, done;
    int line = 1, at_start = 1;
    if (!strcmp(what, "say"))
        return WriteFile(out, text, (DWORD)strlen(text), &done, NULL) ? 0 : (int)GetLastError();
    while (ReadFile(in, buf, sizeof buf, &n, NULL) && n) {
        DWORD o = 0;
        for (DWORD i = 0; i < n; i++) {
            char c = buf[i];
            if (!strcmp(what, "upper")) {
                obuf[o++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
            } else if (!strcmp(what, "number")) {
                if (at_start)
                    o += sprintf(obuf + o, "%d: ", line++);
                obuf[o++] = c;
                at_start = c == '\n';
            }
        }
        if (o && !WriteFile(out, obuf, o, &done, NULL))
            return (int)GetLastError();
    }
    return (int)GetLastError();
}

static HANDLE spawn_with(const char *args, HANDLE in, HANDLE out)
{
    WCHAR cmd[128];
    swprintf(cmd, 128, L"x %hs", args);
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in;
    si.hStdOutput = out;
    si.hStdError = out;
    SetHandleInformation(in, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    SetHandleInformation(out, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    BOOL ok = CreateProcessW(g_self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    SetHandleInformation(in, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out, HANDLE_FLAG_INHERIT, 0);
    if (!ok) {
        printf("CreateProcessW(%s): 0 error %lu\n", args, GetLastError());
        return NULL;
    }
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

static DWORD exit_code(HANDLE process)
{
    DWORD code = 0xFFFFFFFF;
    WaitForSingleObject(process, INFINITE);
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    return code;
}

static unsigned char byte_at(unsigned i) { return (unsigned char)('a' + (i * 7 + i / 251) % 26); }

static DWORD WINAPI feeder(void *arg)
{
    HANDLE w = arg;
    unsigned char chunk[1000];
    unsigned sent = 0;
    while (sent < TOTAL) {
        DWORD n = TOTAL - sent < sizeof chunk ? TOTAL - sent : sizeof chunk, done = 0;
        for (DWORD i = 0; i < n; i++)
            chunk[i] = byte_at(sent + i);
        if (!WriteFile(w, chunk, n, &done, NULL))
            break;
        sent += done;
    }
    CloseHandle(w);
    return sent;
}

static void both_ways(void)
{
    HANDLE in_r, in_w, out_r, out_w;
    printf("CreatePipe x2: %d %d\n", CreatePipe(&in_r, &in_w, NULL, 4096), CreatePipe(&out_r, &out_w, NULL, 4096));
    HANDLE p = spawn_with("upper", in_r, out_w);
    CloseHandle(in_r);
    CloseHandle(out_w);
    HANDLE t = CreateThread(NULL, 0, feeder, in_w, 0, NULL);
    unsigned char buf[3000];
    unsigned got = 0, bad = 0;
    DWORD n;
    BOOL ok;
    while ((ok = ReadFile(out_r, buf, sizeof buf, &n, NULL)) && n) {
        for (DWORD i = 0; i < n; i++)
            bad += buf[i] != byte_at(got + i) - 32;
        got += n;
    }
    DWORD err = GetLastError();
    DWORD sent = 0;
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &sent);
    CloseHandle(t);
    printf("sent %lu, received %u upper-cased, %u wrong, last ReadFile %d error %lu\n", sent, got, bad, ok, err);
    printf("child exit %lu\n", exit_code(p));
    CloseHandle(out_r);
}

static void last_writer(void)
{
    HANDLE r, w;
    DWORD avail = 99, n;
    CreatePipe(&r, &w, NULL, 0);
    HANDLE p = spawn_with("say hello", GetStdHandle(STD_INPUT_HANDLE), w);
    printf("child 'say hello' exit %lu\n", exit_code(p));
    BOOL ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe, the parent's write end open: %d avail %lu\n", ok, avail);
    char buf[16] = "";
    ok = ReadFile(r, buf, sizeof buf - 1, &n, NULL);
    buf[ok ? n : 0] = 0;
    printf("ReadFile: %d read %lu '%s'\n", ok, ok ? n : 0, buf);
    avail = 99;
    ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe, empty, write end still open: %d avail %lu error %lu\n", ok, avail, ok ? 0 : GetLastError());
    CloseHandle(w);
    ok = PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL);
    printf("PeekNamedPipe after the parent closed its write end: %d error %lu\n", ok, ok ? 0 : GetLastError());
    n = 99;
    ok = ReadFile(r, buf, sizeof buf, &n, NULL);
    printf("ReadFile: %d read %lu error %lu\n", ok, n, ok ? 0 : GetLastError());
    CloseHandle(r);

    /* The only reader is a child; once it has exited, writing fails. */
    CreatePipe(&r, &w, NULL, 0);
    HANDLE out = inheritable_stdout();
    p = spawn_with("drain", r, out);
    CloseHandle(r);
    CloseHandle(out);
    ok = WriteFile(w, "1234", 4, &n, NULL);
    printf("WriteFile while the child reads: %d wrote %lu\n", ok, n);
    CloseHandle(w);
    printf("child 'drain' exit %lu\n", exit_code(p));

    CreatePipe(&r, &w, NULL, 0);
    out = inheritable_stdout();
    p = spawn_with("say", r, out);
    CloseHandle(r);
    CloseHandle(out);
    printf("child 'say' (writes nothing) exit %lu\n", exit_code(p));
    n = 99;
    ok = WriteFile(w, "1234", 4, &n, NULL);
    printf("WriteFile after the only reader exited: %d error %lu\n", ok, ok ? 0 : GetLastError());
    CloseHandle(w);
}

static void chain(void)
{
    HANDLE r1, w1, r2, w2, r3, w3;
    CreatePipe(&r1, &w1, NULL, 0);
    CreatePipe(&r2, &w2, NULL, 0);
    CreatePipe(&r3, &w3, NULL, 0);
    HANDLE a = spawn_with("upper", r1, w2);
    HANDLE b = spawn_with("number", r2, w3);
    CloseHandle(r1);
    CloseHandle(w2);
    CloseHandle(r2);
    CloseHandle(w3);
    static const char text[] = "first line\nsecond line\nthird, last line\n";
    DWORD n;
    WriteFile(w1, text, sizeof text - 1, &n, NULL);
    CloseHandle(w1);
    char buf[512];
    DWORD got = 0;
    BOOL ok;
    while ((ok = ReadFile(r3, buf + got, sizeof buf - 1 - got, &n, NULL)) && n)
        got += n;
    buf[got] = 0;
    printf("chain: last ReadFile %d error %lu, %lu bytes:\n%s", ok, GetLastError(), got, buf);
    printf("A exit %lu, B exit %lu\n", exit_code(a), exit_code(b));
    CloseHandle(r3);
}

int main(int argc, char **argv)
{
    proc_init();
    if (argc > 1)
        return child(argv[1], argc > 2 ? argv[2] : "");
    both_ways();
    last_writer();
    chain();
    return 0;
}
