/*
 * Processes: CreateProcessA -> CreateProcessW -> CreateProcessInternalW -> NtCreateUserProcess, exit,
 * and the per-process queries (command line, startup info, ids).
 */
#include <string.h>

#include "io/io.h"
#include "ke/trace.h"
#include "ntdll/ldr/ldrp.h"
#include "ps/ps.h"
#include "win32/k32.h"

#define DEBUG_PROCESS              0x00000001
#define DEBUG_ONLY_THIS_PROCESS    0x00000002
#define CREATE_SUSPENDED           0x00000004
#define DETACHED_PROCESS           0x00000008
#define CREATE_NEW_CONSOLE         0x00000010
#define CREATE_UNICODE_ENVIRONMENT 0x00000400
#define CREATE_NO_WINDOW           0x08000000
#define STARTF_USESHOWWINDOW       0x00000001
#define STARTF_USESTDHANDLES       0x00000100

/* ---- finding the image -------------------------------------------------------------------------- */

static bool has_extension(const WCHAR *name, size_t len)
{
    for (size_t i = len; i > 0; i--) {
        if (name[i - 1] == '.')
            return true;
        if (name[i - 1] == '\\' || name[i - 1] == '/')
            return false;
    }
    return false;
}

static bool has_separator(const WCHAR *name, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (name[i] == '\\' || name[i] == '/' || (i == 1 && name[i] == ':'))
            return true;
    return false;
}

/* Is there a file (not a directory) at this DOS path? */
static bool image_exists(const WCHAR *path)
{
    ULONG attributes;
    return BaseQueryAttributes(path, &attributes) == STATUS_SUCCESS && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

/* dir\name[.exe] into out as a full path; TRUE when that file exists. */
static bool try_dir(const WCHAR *dir, size_t dir_len, const WCHAR *name, size_t len, bool add_exe, WCHAR *out)
{
    WCHAR candidate[MAX_PATH * 2];
    size_t n = 0;
    if (dir_len + len + 6 > ARRAY_SIZE(candidate))
        return false;
    if (dir_len)   /* dir may be NULL when empty */
        memcpy(candidate, dir, dir_len * sizeof(WCHAR));
    n = dir_len;
    if (n && candidate[n - 1] != '\\')
        candidate[n++] = '\\';
    memcpy(candidate + n, name, len * sizeof(WCHAR));
    n += len;
    if (add_exe) {
        memcpy(candidate + n, u".exe", 4 * sizeof(WCHAR));
        n += 4;
    }
    candidate[n] = 0;
    DWORD full = BaseGetFullPathName(candidate, MAX_PATH * 2, out, NULL);
    return full && full < MAX_PATH * 2 && image_exists(out);
}

/*
 * The search order of CreateProcess for a name without a path: the directory the parent was loaded
 * from, the current directory, System32, the Windows directory, then PATH. A name with a path is only
 * completed (".exe") and made absolute.
 */
static bool search_image(const WCHAR *name, size_t len, WCHAR *out)
{
    bool add_exe = !has_extension(name, len);
    if (has_separator(name, len))
        return try_dir(NULL, 0, name, len, add_exe, out) || (add_exe && try_dir(NULL, 0, name, len, false, out));
    PUNICODE_STRING image = &BaseParameters()->ImagePathName;
    size_t dir_len = image->Length / sizeof(WCHAR);
    while (dir_len > 0 && image->Buffer[dir_len - 1] != '\\')
        dir_len--;
    PUNICODE_STRING cwd = &BaseParameters()->CurrentDirectory.DosPath;
    if (try_dir(image->Buffer, dir_len, name, len, add_exe, out) ||
        try_dir(cwd->Buffer, cwd->Length / sizeof(WCHAR), name, len, add_exe, out) ||
        try_dir(u"C:\\Windows\\System32", 19, name, len, add_exe, out) ||
        try_dir(u"C:\\Windows", 10, name, len, add_exe, out))
        return true;
    WCHAR path[4096];
    DWORD n = GetEnvironmentVariableW(u"PATH", path, ARRAY_SIZE(path));
    for (WCHAR *p = n && n < ARRAY_SIZE(path) ? path : NULL; p && *p;) {
        WCHAR *end = p;
        while (*end && *end != ';')
            end++;
        if (end > p && try_dir(p, (size_t)(end - p), name, len, add_exe, out))
            return true;
        p = *end ? end + 1 : end;
    }
    return false;
}

/*
 * The image a command line names: a quoted first token as is; otherwise longer and longer prefixes
 * ending at spaces ("C:\Program Files\x y" tries "C:\Program", "C:\Program Files\x", ...) as Windows
 * does.
 */
static bool image_from_command_line(const WCHAR *cmd, WCHAR *out)
{
    while (*cmd == ' ' || *cmd == '\t')
        cmd++;
    if (*cmd == '"') {
        const WCHAR *end = cmd + 1;
        while (*end && *end != '"')
            end++;
        return search_image(cmd + 1, (size_t)(end - cmd - 1), out);
    }
    for (const WCHAR *end = cmd;; end++) {
        if (*end == ' ' || *end == '\t' || !*end) {
            if (end > cmd && search_image(cmd, (size_t)(end - cmd), out))
                return true;
            if (!*end)
                return false;
        }
    }
}

/* ERROR_PATH_NOT_FOUND when the directory part of a path does not exist, as Windows reports it. */
static DWORD missing_image_error(const WCHAR *path)
{
    WCHAR dir[MAX_PATH * 2];
    size_t n = RtlpWcslen(path);
    while (n > 0 && path[n - 1] != '\\' && path[n - 1] != '/')
        n--;
    if (n <= 3 || n >= ARRAY_SIZE(dir))
        return ERROR_FILE_NOT_FOUND;
    memcpy(dir, path, (n - 1) * sizeof(WCHAR));
    dir[n - 1] = 0;
    ULONG attributes;
    return BaseQueryAttributes(dir, &attributes) == STATUS_SUCCESS ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND;
}

/* ---- process parameters --------------------------------------------------------------------------- */

/* An ANSI environment block as a new UTF-16 one. */
static WCHAR *wide_environment(const char *block)
{
    const char *p = block;
    while (*p)
        p += strlen(p) + 1;
    return BaseAnsiToWideN(block, (size_t)(p - block + 1), NULL);
}

static NTSTATUS build_parameters(const WCHAR *image, const WCHAR *cmdline, const WCHAR *curdir, PVOID env,
                                 const STARTUPINFOW *si, PRTL_USER_PROCESS_PARAMETERS *out)
{
    PRTL_USER_PROCESS_PARAMETERS parent = BaseParameters();
    UNICODE_STRING image_us, cmd_us, dir_us, title_us, desktop_us;
    WCHAR dir[MAX_PATH * 2];
    RtlInitUnicodeString(&image_us, image);
    RtlInitUnicodeString(&cmd_us, cmdline);
    if (curdir) {
        DWORD n = BaseGetFullPathName(curdir, ARRAY_SIZE(dir) - 1, dir, NULL);
        if (!n || n >= ARRAY_SIZE(dir) - 1)
            return STATUS_OBJECT_PATH_INVALID;
        /* The directory must exist: Windows refuses the creation with ERROR_DIRECTORY. */
        ULONG attributes;
        if (BaseQueryAttributes(dir, &attributes) != STATUS_SUCCESS || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
            return STATUS_NOT_A_DIRECTORY;
        if (dir[n - 1] != '\\') {
            dir[n++] = '\\';
            dir[n] = 0;
        }
        RtlInitUnicodeString(&dir_us, dir);
    } else {
        dir_us = parent->CurrentDirectory.DosPath;
    }
    RtlInitUnicodeString(&title_us, si->lpTitle ? si->lpTitle : image);
    RtlInitUnicodeString(&desktop_us, si->lpDesktop ? si->lpDesktop : u"");
    /* lpReserved2 travels as RuntimeData, byte for byte (the C runtimes pass their descriptor table in it). */
    UNICODE_STRING runtime_us = {si->cbReserved2, si->cbReserved2, (PWSTR)si->lpReserved2};
    NTSTATUS status = RtlCreateProcessParametersEx(out, &image_us, NULL, &dir_us, &cmd_us,
                                                   env ? env : parent->Environment, &title_us, &desktop_us,
                                                   NULL, si->lpReserved2 ? &runtime_us : NULL,
                                                   RTL_USER_PROC_PARAMS_NORMALIZED);
    if (status != STATUS_SUCCESS)
        return status;
    PRTL_USER_PROCESS_PARAMETERS p = *out;
    p->WindowFlags = si->dwFlags;
    p->ShowWindowFlags = si->wShowWindow;
    p->StartingX = si->dwX, p->StartingY = si->dwY;
    p->CountX = si->dwXSize, p->CountY = si->dwYSize;
    p->CountCharsX = si->dwXCountChars, p->CountCharsY = si->dwYCountChars;
    p->FillAttribute = si->dwFillAttribute;
    if (si->dwFlags & STARTF_USESTDHANDLES) {
        p->StandardInput = si->hStdInput;
        p->StandardOutput = si->hStdOutput;
        p->StandardError = si->hStdError;
    } else {
        /* A console child shares the parent's console: same standard handles (valid in the child when
         * they are inherited, as the first process's are). */
        p->StandardInput = parent->StandardInput;
        p->StandardOutput = parent->StandardOutput;
        p->StandardError = parent->StandardError;
    }
    return STATUS_SUCCESS;
}

static DWORD create_error(NTSTATUS status, const PS_CREATE_INFO *info)
{
    if (status == STATUS_IMAGE_MACHINE_TYPE_MISMATCH || info->ImageStatus == STATUS_IMAGE_MACHINE_TYPE_MISMATCH)
        return ERROR_EXE_MACHINE_TYPE_MISMATCH;
    switch (status) {
    case STATUS_INVALID_IMAGE_NOT_MZ:
    case STATUS_INVALID_IMAGE_FORMAT:
    case STATUS_INVALID_IMAGE_PROTECT:
    case STATUS_INVALID_IMAGE_WIN_16:
    case STATUS_INVALID_FILE_FOR_SECTION:
        return ERROR_BAD_EXE_FORMAT;
    default:
        return RtlNtStatusToDosError(status);
    }
}

/*
 * CreateProcessInternalW: resolves the image, builds the process parameters and asks the kernel for the
 * process (NtCreateUserProcess). Fails with the Win32 error the resolution or the kernel gave.
 */
BOOL WINAPI CreateProcessInternalW(HANDLE token, LPCWSTR app, LPWSTR cmdline, LPSECURITY_ATTRIBUTES psa,
                                   LPSECURITY_ATTRIBUTES tsa, BOOL inherit, DWORD flags, LPVOID env, LPCWSTR curdir,
                                   LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi, PHANDLE new_token)
{
    (void)token;
    (void)new_token;
    int trace = TRACE_BEGIN("CreateProcessInternalW");
    WCHAR image[MAX_PATH * 2];
    DWORD error = ERROR_SUCCESS;
    if (app) {
        if (!search_image(app, RtlpWcslen(app), image))
            error = missing_image_error(app);
    } else if (!image_from_command_line(cmdline, image)) {
        const WCHAR *c = cmdline;
        while (*c == ' ' || *c == '"')
            c++;
        error = missing_image_error(c);
    }
    if (error != ERROR_SUCCESS) {
        TRACE_END(trace, "image not found (error %u)", error);
        SetLastError(error);
        return FALSE;
    }
    WCHAR *converted_env = NULL;
    if (env && !(flags & CREATE_UNICODE_ENVIRONMENT)) {
        converted_env = wide_environment(env);
        if (!converted_env) {
            TRACE_END(trace, "out of memory");
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        env = converted_env;
    }
    PRTL_USER_PROCESS_PARAMETERS params = NULL;
    UNICODE_STRING nt_image = {0, 0, NULL};
    NTSTATUS status = build_parameters(image, cmdline ? cmdline : image, curdir, env, si, &params);
    if (status == STATUS_SUCCESS)
        status = BaseDosPathToNtPath(image, &nt_image);
    HANDLE process = NULL, thread = NULL;
    PS_CREATE_INFO info = {sizeof info, 0, 0, 0, 0};
    if (status == STATUS_SUCCESS) {
        PS_ATTRIBUTE_LIST attrs = {sizeof(SIZE_T) + sizeof(PS_ATTRIBUTE), {{0}}};
        attrs.Attributes[0].Attribute = PS_ATTRIBUTE_IMAGE_NAME;
        attrs.Attributes[0].Size = nt_image.Length;
        attrs.Attributes[0].ValuePtr = nt_image.Buffer;
        OBJECT_ATTRIBUTES poa = {sizeof poa, NULL, NULL, psa && psa->bInheritHandle ? OBJ_INHERIT : 0, NULL, NULL};
        OBJECT_ATTRIBUTES toa = {sizeof toa, NULL, NULL, tsa && tsa->bInheritHandle ? OBJ_INHERIT : 0, NULL, NULL};
        /* The initial thread is created suspended and resumed below, once the parent has done its part,
         * unless the caller asked for CREATE_SUSPENDED: the order Windows follows. */
        status = NtCreateUserProcess(&process, &thread, 0x1FFFFF, 0x1FFFFF, &poa, &toa,
                                     inherit ? PROCESS_CREATE_FLAGS_INHERIT_HANDLES : 0,
                                     THREAD_CREATE_FLAGS_CREATE_SUSPENDED, params, &info, &attrs);
    }
    RtlFreeHeap(RtlGetProcessHeap(), 0, nt_image.Buffer);
    if (params)
        RtlDestroyProcessParameters(params);
    BaseFreeWide(converted_env);
    if (status != STATUS_SUCCESS) {
        SetLastError(create_error(status, &info));
        BaseCurrentTeb()->LastStatusValue = (ULONG)status;
        TRACE_END(trace, "failed: NTSTATUS 0x%08x, error %u", (unsigned)status, GetLastError());
        return FALSE;
    }
    pi->hProcess = process;
    pi->hThread = thread;
    pi->dwProcessId = GetProcessId(process);
    pi->dwThreadId = GetThreadId(thread);
    TRACE_END(trace, "pid %u, tid %u%s", pi->dwProcessId, pi->dwThreadId,
              flags & CREATE_SUSPENDED ? ", suspended" : "");
    if (!(flags & CREATE_SUSPENDED))
        NtResumeThread(thread, NULL);
    return TRUE;
}

BOOL WINAPI CreateProcessW(LPCWSTR app, LPWSTR cmdline, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                           BOOL inherit, DWORD flags, LPVOID env, LPCWSTR curdir, LPSTARTUPINFOW si,
                           LPPROCESS_INFORMATION pi)
{
    if ((!app && !cmdline) || !si || !pi) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int trace = TRACE_BEGIN("CreateProcessW");
    BOOL ok = CreateProcessInternalW(NULL, app, cmdline, psa, tsa, inherit, flags, env, curdir, si, pi, NULL);
    TRACE_END(trace, "%s", ok ? "ok" : "failed");
    return ok;
}

/* STARTUPINFOA's strings as UTF-16, for CreateProcessW. */
static bool widen_startup_info(const STARTUPINFOA *a, STARTUPINFOW *w, WCHAR **desktop, WCHAR **title)
{
    BOOL ok1, ok2;
    memcpy(w, a, sizeof *w);
    w->cb = sizeof *w;
    w->lpReserved = NULL;
    *desktop = BaseAnsiToWide(a->lpDesktop, &ok1);
    *title = BaseAnsiToWide(a->lpTitle, &ok2);
    w->lpDesktop = *desktop;
    w->lpTitle = *title;
    return ok1 && ok2;
}

BOOL WINAPI CreateProcessA(LPCSTR app, LPSTR cmdline, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                           BOOL inherit, DWORD flags, LPVOID env, LPCSTR curdir, LPSTARTUPINFOA si,
                           LPPROCESS_INFORMATION pi)
{
    if (!si || !pi) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int trace = TRACE_BEGIN("CreateProcessA");
    BOOL ok1, ok2, ok3;
    WCHAR *wapp = BaseAnsiToWide(app, &ok1), *wcmd = BaseAnsiToWide(cmdline, &ok2),
          *wdir = BaseAnsiToWide(curdir, &ok3), *desktop, *title;
    STARTUPINFOW siw;
    bool ok = ok1 && ok2 && ok3 && widen_startup_info(si, &siw, &desktop, &title);
    BOOL result = ok && CreateProcessW(wapp, wcmd, psa, tsa, inherit, flags, env, wdir, &siw, pi);
    BaseFreeWide(wapp);
    BaseFreeWide(wcmd);
    BaseFreeWide(wdir);
    if (ok) {
        BaseFreeWide(desktop);
        BaseFreeWide(title);
    }
    TRACE_END(trace, "%s", result ? "ok" : "failed");
    return result;
}

/* ---- this process ------------------------------------------------------------------------------------- */

_Noreturn void WINAPI ExitProcess(UINT code)
{
    RtlExitUserProcess((NTSTATUS)code);
    for (;;)
        ;
}

BOOL WINAPI TerminateProcess(HANDLE process, UINT code)
{
    return BaseSetNtStatus(NtTerminateProcess(process, (NTSTATUS)code));
}

HANDLE WINAPI GetCurrentProcess(void)
{
    return NtCurrentProcess();
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return (DWORD)(ULONG_PTR)BaseCurrentTeb()->ClientId.UniqueProcess;
}

static NTSTATUS basic_process_info(HANDLE process, PROCESS_BASIC_INFORMATION *info)
{
    return NtQueryInformationProcess(process, ProcessBasicInformation, info, sizeof *info, NULL);
}

DWORD WINAPI GetProcessId(HANDLE process)
{
    PROCESS_BASIC_INFORMATION info;
    NTSTATUS status = basic_process_info(process, &info);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return 0;
    }
    return (DWORD)info.UniqueProcessId;
}

BOOL WINAPI GetExitCodeProcess(HANDLE process, LPDWORD code)
{
    PROCESS_BASIC_INFORMATION info;
    NTSTATUS status = basic_process_info(process, &info);
    if (status != STATUS_SUCCESS) {
        BaseSetLastNTError(status);
        return FALSE;
    }
    *code = (DWORD)info.ExitStatus;
    return TRUE;
}

LPWSTR WINAPI GetCommandLineW(void)
{
    return BaseParameters()->CommandLine.Buffer;
}

/* The ANSI command line is made once, like kernel32's BaseAnsiCommandLine. */
LPSTR WINAPI GetCommandLineA(void)
{
    static char *ansi;
    if (!ansi) {
        PUNICODE_STRING w = &BaseParameters()->CommandLine;
        ULONG bytes;
        RtlUnicodeToMultiByteN(NULL, 0, &bytes, w->Buffer, w->Length);
        char *a = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + 1);
        if (!a)
            return (LPSTR) "";
        RtlUnicodeToMultiByteN(a, bytes, &bytes, w->Buffer, w->Length);
        a[bytes] = 0;
        char *expected = NULL;
        if (!__atomic_compare_exchange_n(&ansi, &expected, a, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            RtlFreeHeap(RtlGetProcessHeap(), 0, a);
    }
    return ansi;
}

void WINAPI GetStartupInfoW(LPSTARTUPINFOW si)
{
    PRTL_USER_PROCESS_PARAMETERS p = BaseParameters();
    memset(si, 0, sizeof *si);
    si->cb = sizeof *si;
    si->lpDesktop = p->DesktopInfo.Buffer;
    si->lpTitle = p->WindowTitle.Buffer;
    si->dwX = p->StartingX, si->dwY = p->StartingY;
    si->dwXSize = p->CountX, si->dwYSize = p->CountY;
    si->dwXCountChars = p->CountCharsX, si->dwYCountChars = p->CountCharsY;
    si->dwFillAttribute = p->FillAttribute;
    si->dwFlags = p->WindowFlags;
    si->wShowWindow = (WORD)p->ShowWindowFlags;
    si->hStdInput = p->StandardInput;
    si->hStdOutput = p->StandardOutput;
    si->hStdError = p->StandardError;
    si->cbReserved2 = p->RuntimeData.Length;
    si->lpReserved2 = p->RuntimeData.Length ? (BYTE *)p->RuntimeData.Buffer : NULL;
}

void WINAPI GetStartupInfoA(LPSTARTUPINFOA si)
{
    /* The strings are left NULL rather than converted on every call; console programs do not read them. */
    STARTUPINFOW w;
    GetStartupInfoW(&w);
    memcpy(si, &w, sizeof *si);
    si->cb = sizeof *si;
    si->lpDesktop = NULL;
    si->lpTitle = NULL;
    si->lpReserved = NULL;
}
