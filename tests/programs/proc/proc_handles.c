/* Handle inheritance: a child gets the parent's inheritable handles at the same values when bInheritHandles
 * is TRUE, and only those; HANDLE_FLAG_INHERIT from SECURITY_ATTRIBUTES or SetHandleInformation decides,
 * at the moment of CreateProcess; bInheritHandles FALSE passes none; PROC_THREAD_ATTRIBUTE_HANDLE_LIST
 * narrows inheritance to its list (`proc_handles.exe list` adds that part).  The parent passes a handle's
 * value on the command line; the child uses it (WriteFile to a file, ReadFile from a pipe until the end) and
 * reports through its exit code, so that it needs no handle of its own: error codes (6 ERROR_INVALID_HANDLE)
 * or 1000 * bytes + code. */
#include "proc.h"

/* Child: "x write HANDLE TEXT" or "x read HANDLE" or "x flags HANDLE". */
static int child(int argc, char **argv)
{
    HANDLE h = (HANDLE)(ULONG_PTR)strtoull(argv[2], NULL, 16);
    DWORD n = 0;
    if (!strcmp(argv[1], "write") && argc > 3) {
        if (!WriteFile(h, argv[3], (DWORD)strlen(argv[3]), &n, NULL))
            return (int)GetLastError();
        return 0;
    }
    if (!strcmp(argv[1], "read")) {
        char buf[256];
        DWORD total = 0;
        while (ReadFile(h, buf, sizeof buf, &n, NULL) && n)
            total += n;
        return (int)(total * 1000 + GetLastError());
    }
    if (!strcmp(argv[1], "flags")) {
        DWORD flags = 0;
        if (!GetHandleInformation(h, &flags))
            return (int)(1000 + GetLastError());
        return (int)flags;
    }
    return 99;
}

static DWORD run(const char *what, const char *args, HANDLE h, BOOL inherit, LPPROC_THREAD_ATTRIBUTE_LIST attrs)
{
    WCHAR cmd[256];
    swprintf(cmd, 256, L"x %hs", args);
    WCHAR *p = wcsstr(cmd, L"HANDLE");
    if (p) {
        WCHAR rest[256];
        wcscpy(rest, p + 6);
        swprintf(p, 64, L"%llx%ls", (unsigned long long)(ULONG_PTR)h, rest);
    }
    STARTUPINFOEXW si = {{sizeof si}};
    PROCESS_INFORMATION pi;
    DWORD flags = 0;
    if (attrs) {
        si.lpAttributeList = attrs;
        flags |= EXTENDED_STARTUPINFO_PRESENT;
    } else {
        si.StartupInfo.cb = sizeof si.StartupInfo;
    }
    printf("%s\n", what);
    BOOL ok = CreateProcessW(g_self, cmd, NULL, NULL, inherit, flags, NULL, NULL, &si.StartupInfo, &pi);
    if (!ok) {
        printf("  CreateProcessW: 0 error %lu\n", GetLastError());
        return 0xFFFFFFFF;
    }
    DWORD code = finish(&pi);
    printf("  child exit %lu\n", code);
    return code;
}

static HANDLE open_file(const WCHAR *name, BOOL inheritable)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, inheritable};
    return CreateFileW(name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, CREATE_ALWAYS,
                       0, NULL);
}

static void show_file(const WCHAR *name)
{
    char buf[256] = "";
    DWORD n = 0;
    HANDLE h = CreateFileW(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ReadFile(h, buf, sizeof buf - 1, &n, NULL);
    buf[n] = 0;
    CloseHandle(h);
    printf("  %ls holds %lu bytes '%s'\n", name, n, buf);
}

/* PROC_THREAD_ATTRIBUTE_HANDLE_LIST ("proc_handles.exe list"): of two inheritable handles only the listed one
 * crosses.  The attribute list functions are looked up at run time, so that the rest runs without them. */
static void handle_list(HANDLE listed, HANDLE other)
{
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    BOOL(WINAPI * init)(LPPROC_THREAD_ATTRIBUTE_LIST, DWORD, DWORD, SIZE_T *) =
        (void *)GetProcAddress(k32, "InitializeProcThreadAttributeList");
    BOOL(WINAPI * update)(LPPROC_THREAD_ATTRIBUTE_LIST, DWORD, DWORD_PTR, void *, SIZE_T, void *, SIZE_T *) =
        (void *)GetProcAddress(k32, "UpdateProcThreadAttribute");
    void(WINAPI * del)(LPPROC_THREAD_ATTRIBUTE_LIST) = (void *)GetProcAddress(k32, "DeleteProcThreadAttributeList");
    if (!init || !update || !del) {
        printf("kernel32 lacks InitializeProcThreadAttributeList %d UpdateProcThreadAttribute %d "
               "DeleteProcThreadAttributeList %d\n", !init, !update, !del);
        return;
    }
    SIZE_T size = 0;
    BOOL ok = init(NULL, 1, 0, &size);
    printf("InitializeProcThreadAttributeList(NULL): %d error %lu size>0 %d\n", ok, GetLastError(), size > 0);
    LPPROC_THREAD_ATTRIBUTE_LIST attrs = HeapAlloc(GetProcessHeap(), 0, size);
    printf("InitializeProcThreadAttributeList: %d\n", init(attrs, 1, 0, &size));
    HANDLE list[1] = {listed};
    printf("UpdateProcThreadAttribute(HANDLE_LIST): %d\n",
           update(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, list, sizeof list, NULL, NULL));
    run("handle list {second file}, write to the second file", "write HANDLE six;", listed, TRUE, attrs);
    run("handle list {second file}, write to the first file", "write HANDLE seven;", other, TRUE, attrs);
    show_file(L"priv.txt");
    show_file(L"inh.txt");
    del(attrs);
    HeapFree(GetProcessHeap(), 0, attrs);
}

/* DuplicateHandle into a child ("proc_handles.exe dup"): the parent puts a non-inheritable file handle into a
 * running child and sends it the value through the child's stdin ("x stdin write TEXT"). "dupback" also takes
 * the handle back out with DUPLICATE_CLOSE_SOURCE before sending the value, so the child's copy is gone. */
static void dup_into_child(int take_back)
{
    HANDLE file = open_file(L"dup.txt", FALSE), r, w;
    CreatePipe(&r, &w, NULL, 0);
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    WCHAR cmd[] = L"x stdin write child;";
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = r;
    si.hStdOutput = si.hStdError = INVALID_HANDLE_VALUE;
    if (!CreateProcessW(g_self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        printf("CreateProcessW: 0 error %lu\n", GetLastError());
        return;
    }
    CloseHandle(r);
    HANDLE remote = NULL;
    BOOL ok = DuplicateHandle(GetCurrentProcess(), file, pi.hProcess, &remote, 0, FALSE, DUPLICATE_SAME_ACCESS);
    printf("DuplicateHandle(file, into the child): %d error %lu\n", ok, ok ? 0 : GetLastError());
    if (take_back) {
        HANDLE back = NULL;
        ok = DuplicateHandle(pi.hProcess, remote, GetCurrentProcess(), &back, 0, FALSE,
                             DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
        printf("DuplicateHandle(out of the child, DUPLICATE_CLOSE_SOURCE): %d error %lu\n", ok,
               ok ? 0 : GetLastError());
        DWORD n = 0;
        ok = WriteFile(back, "parent;", 7, &n, NULL);
        printf("WriteFile(handle taken back): %d wrote %lu\n", ok, n);
        CloseHandle(back);
    }
    char line[32];
    DWORD n = (DWORD)sprintf(line, "%llx\n", (unsigned long long)(ULONG_PTR)remote);
    WriteFile(w, line, n, &n, NULL);
    CloseHandle(w);
    DWORD code = finish(&pi);
    /* After DUPLICATE_CLOSE_SOURCE the value is free in the child, which may have reused it for a handle of its
     * own by the time it writes: only the failure is certain, not which error. */
    if (take_back)
        printf("  child's WriteFile failed: %d\n", code != 0);
    else
        printf("  child exit %lu\n", code);
    CloseHandle(file);
    show_file(L"dup.txt");
}

int main(int argc, char **argv)
{
    proc_init();
    if (argc > 3 && !strcmp(argv[1], "stdin")) {
        char value[32] = "";
        DWORD n = 0, got = 0;
        while (got < sizeof value - 1 && ReadFile(GetStdHandle(STD_INPUT_HANDLE), value + got, 1, &n, NULL) && n &&
               value[got] != '\n')
            got++;
        value[got] = 0;
        char *args[] = {argv[0], argv[2], value, argv[3], NULL};
        return child(4, args);
    }
    if (argc > 2)
        return child(argc, argv);
    if (argc > 1 && (!strcmp(argv[1], "dup") || !strcmp(argv[1], "dupback"))) {
        for (int i = 0; i < 64; i++)
            CreateEventW(NULL, FALSE, FALSE, NULL);
        dup_into_child(!strcmp(argv[1], "dupback"));
        return 0;
    }

    /* Handles the child itself opens at start-up take the lowest free values; the tested handles sit above
     * a block of events so that an invalid value in the child is not one of the child's own by chance. */
    for (int i = 0; i < 64; i++)
        CreateEventW(NULL, FALSE, FALSE, NULL);

    DWORD flags = 0;
    HANDLE inh = open_file(L"inh.txt", TRUE);
    GetHandleInformation(inh, &flags);
    printf("inheritable file: flags %lu\n", flags);
    run("bInheritHandles TRUE, write to the inheritable file", "write HANDLE one;", inh, TRUE, NULL);
    show_file(L"inh.txt");
    run("the child's flags of the inherited handle", "flags HANDLE", inh, TRUE, NULL);
    run("bInheritHandles FALSE, write to the inheritable file", "write HANDLE two;", inh, FALSE, NULL);
    show_file(L"inh.txt");

    HANDLE priv = open_file(L"priv.txt", FALSE);
    GetHandleInformation(priv, &flags);
    printf("non-inheritable file: flags %lu\n", flags);
    run("bInheritHandles TRUE, write to the non-inheritable file", "write HANDLE three;", priv, TRUE, NULL);
    printf("SetHandleInformation(INHERIT): %d\n", SetHandleInformation(priv, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
    run("after SetHandleInformation, write to it", "write HANDLE four;", priv, TRUE, NULL);
    show_file(L"priv.txt");
    printf("SetHandleInformation(0): %d\n", SetHandleInformation(inh, HANDLE_FLAG_INHERIT, 0));
    run("after clearing the flag, write to the first file", "write HANDLE five;", inh, TRUE, NULL);
    show_file(L"inh.txt");
    SetHandleInformation(inh, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);

    /* A pipe: the child reads what the parent wrote before it started, until the end of the pipe, which
     * comes when the parent's write end (not inherited) is closed. */
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE r, w;
    CreatePipe(&r, &w, &sa, 0);
    SetHandleInformation(w, HANDLE_FLAG_INHERIT, 0);
    DWORD n = 0;
    WriteFile(w, "through the pipe", 16, &n, NULL);
    CloseHandle(w);
    run("read end of a pipe inherited, the parent's write end closed", "read HANDLE", r, TRUE, NULL);
    CloseHandle(r);

    if (argc > 1 && !strcmp(argv[1], "list"))
        handle_list(priv, inh);

    CloseHandle(inh);
    CloseHandle(priv);
    return 0;
}
