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
#define CREATE_NEW_PROCESS_GROUP   0x00000200
#define EXTENDED_STARTUPINFO_PRESENT 0x00080000
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

/* ---- SearchPath ------------------------------------------------------------------------------------------------ */

/* dir\name[ext] into out (size characters) when that file exists: the length written, the size needed
 * (with the NUL) when out is too small, 0 when there is no such file. */
static DWORD search_in(const WCHAR *dir, size_t dir_len, const WCHAR *name, const WCHAR *ext, DWORD size, WCHAR *out,
                       WCHAR **file_part)
{
    WCHAR candidate[MAX_PATH * 2], full[MAX_PATH * 2];
    size_t name_len = RtlpWcslen(name), ext_len = ext ? RtlpWcslen(ext) : 0;
    if (dir_len + name_len + ext_len + 2 > ARRAY_SIZE(candidate))
        return 0;
    size_t n = 0;
    if (dir_len) {
        memcpy(candidate, dir, dir_len * sizeof(WCHAR));
        n = dir_len;
        if (candidate[n - 1] != '\\' && candidate[n - 1] != '/')
            candidate[n++] = '\\';
    }
    memcpy(candidate + n, name, name_len * sizeof(WCHAR));
    n += name_len;
    if (ext_len) {
        memcpy(candidate + n, ext, ext_len * sizeof(WCHAR));
        n += ext_len;
    }
    candidate[n] = 0;
    DWORD len = BaseGetFullPathName(candidate, ARRAY_SIZE(full), full, NULL);
    ULONG attributes;
    if (!len || len >= ARRAY_SIZE(full) || BaseQueryAttributes(full, &attributes) != STATUS_SUCCESS)
        return 0;
    if (len >= size)
        return len + 1;
    memcpy(out, full, (len + 1) * sizeof(WCHAR));
    if (file_part) {
        WCHAR *last = out;
        for (WCHAR *c = out; *c; c++)
            if (*c == '\\' || *c == '/')
                last = c + 1;
        *file_part = last;
    }
    return len;
}

/*
 * SearchPathW: lpPath's directories, or the default order (the directory of the program, System32, the
 * Windows directory, the current directory, then PATH, as with SafeProcessSearchMode); the extension is
 * added only to a name without one. A name with a path is only made absolute.
 */
DWORD WINAPI SearchPathW(LPCWSTR path, LPCWSTR name, LPCWSTR ext, DWORD size, LPWSTR out, LPWSTR *file_part)
{
    if (!name || !*name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t name_len = RtlpWcslen(name);
    if (has_extension(name, name_len))
        ext = NULL;
    DWORD r = 0;
    if (has_separator(name, name_len)) {
        r = search_in(NULL, 0, name, ext, size, out, file_part);
    } else if (path) {
        for (const WCHAR *p = path; !r && *p;) {
            const WCHAR *end = p;
            while (*end && *end != ';')
                end++;
            if (end > p)
                r = search_in(p, (size_t)(end - p), name, ext, size, out, file_part);
            p = *end ? end + 1 : end;
        }
    } else {
        PUNICODE_STRING image = &BaseParameters()->ImagePathName;
        size_t dir_len = image->Length / sizeof(WCHAR);
        while (dir_len > 0 && image->Buffer[dir_len - 1] != '\\')
            dir_len--;
        PUNICODE_STRING cwd = &BaseParameters()->CurrentDirectory.DosPath;
        r = search_in(image->Buffer, dir_len, name, ext, size, out, file_part);
        if (!r)
            r = search_in(u"C:\\Windows\\System32", 19, name, ext, size, out, file_part);
        if (!r)
            r = search_in(u"C:\\Windows", 10, name, ext, size, out, file_part);
        if (!r)
            r = search_in(cwd->Buffer, cwd->Length / sizeof(WCHAR), name, ext, size, out, file_part);
        WCHAR env[4096];
        DWORD n = r ? 0 : GetEnvironmentVariableW(u"PATH", env, ARRAY_SIZE(env));
        if (n && n < ARRAY_SIZE(env))
            return SearchPathW(env, name, ext, size, out, file_part);
    }
    if (!r)
        SetLastError(ERROR_FILE_NOT_FOUND);
    return r;
}

DWORD WINAPI SearchPathA(LPCSTR path, LPCSTR name, LPCSTR ext, DWORD size, LPSTR out, LPSTR *file_part)
{
    BOOL ok1, ok2, ok3;
    WCHAR *wpath = BaseAnsiToWide(path, &ok1), *wname = BaseAnsiToWide(name, &ok2), *wext = BaseAnsiToWide(ext, &ok3);
    WCHAR wout[MAX_PATH * 2];
    WCHAR *wpart = NULL;
    DWORD r = 0;
    if (!ok1 || !ok2 || !ok3)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else
        r = SearchPathW(wpath, wname, wext, ARRAY_SIZE(wout), wout, &wpart);
    BaseFreeWide(wpath);
    BaseFreeWide(wname);
    BaseFreeWide(wext);
    if (!r || r >= ARRAY_SIZE(wout))
        return r;
    DWORD n = BaseWideResultToAnsi(wout, r, out, size);
    if (n && n < size && file_part) {
        *file_part = out;
        for (char *c = out; *c; c++)
            if (*c == '\\' || *c == '/')
                *file_part = c + 1;
    }
    return n;
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

/* ---- PROC_THREAD_ATTRIBUTE_LIST ------------------------------------------------------------------------------ */

/* The layout Windows uses (24 bytes of header, 24 per attribute): InitializeProcThreadAttributeList's size
 * answer is what programs allocate. */
struct proc_thread_attribute {
    DWORD_PTR Attribute;
    SIZE_T Size;
    PVOID Value;
};

typedef struct _PROC_THREAD_ATTRIBUTE_LIST {
    DWORD PresentFlags;    /* bit n: attribute number n is set */
    DWORD Capacity;
    DWORD Count;
    DWORD Reserved;
    DWORD_PTR Unknown;
    struct proc_thread_attribute Attributes[];
} PROC_THREAD_ATTRIBUTE_LIST, *LPPROC_THREAD_ATTRIBUTE_LIST;

#define ERROR_OBJECT_NAME_EXISTS_W32 5010   /* ERROR_OBJECT_NAME_EXISTS: an attribute set twice */
#define PROC_THREAD_ATTRIBUTE_PARENT_PROCESS 0x00020000
#define PROC_THREAD_ATTRIBUTE_HANDLE_LIST    0x00020002
#define PROC_THREAD_ATTRIBUTE_MITIGATION_POLICY 0x00020007
#define PROC_THREAD_ATTRIBUTE_CHILD_PROCESS_POLICY 0x0002000E
#define PROC_THREAD_ATTRIBUTE_PSEUDOCONSOLE  0x00020016

BOOL WINAPI InitializeProcThreadAttributeList(LPPROC_THREAD_ATTRIBUTE_LIST list, DWORD count, DWORD flags,
                                              PSIZE_T size)
{
    SIZE_T needed = sizeof(PROC_THREAD_ATTRIBUTE_LIST) + count * sizeof(struct proc_thread_attribute);
    if (flags) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!list || *size < needed) {
        *size = needed;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memset(list, 0, sizeof *list);
    list->Capacity = count;
    *size = needed;
    return TRUE;
}

/*
 * The attributes a console program's CreateProcess can honour here: the inherited-handle list (only the
 * listed handles cross) is used; the parent process, the mitigation and child-process policies and a
 * pseudo console are recorded with Windows' size checks and otherwise have no effect on a Linux host.
 */
BOOL WINAPI UpdateProcThreadAttribute(LPPROC_THREAD_ATTRIBUTE_LIST list, DWORD flags, DWORD_PTR attribute,
                                      PVOID value, SIZE_T size, PVOID previous, PSIZE_T returned)
{
    (void)previous;
    (void)returned;
    if (flags) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SIZE_T want = 0;
    switch (attribute) {
    case PROC_THREAD_ATTRIBUTE_PARENT_PROCESS:
    case PROC_THREAD_ATTRIBUTE_PSEUDOCONSOLE:
        want = sizeof(HANDLE);
        break;
    case PROC_THREAD_ATTRIBUTE_HANDLE_LIST:
        if (!size || size % sizeof(HANDLE)) {
            SetLastError(ERROR_BAD_LENGTH);
            return FALSE;
        }
        want = size;
        break;
    case PROC_THREAD_ATTRIBUTE_MITIGATION_POLICY:
        if (size != sizeof(DWORD) && size != sizeof(DWORD64) && size != 2 * sizeof(DWORD64)) {
            SetLastError(ERROR_BAD_LENGTH);
            return FALSE;
        }
        want = size;
        break;
    case PROC_THREAD_ATTRIBUTE_CHILD_PROCESS_POLICY:
        want = sizeof(DWORD);
        break;
    default:
        SetLastError(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    if (size != want) {
        SetLastError(ERROR_BAD_LENGTH);
        return FALSE;
    }
    DWORD bit = 1u << (attribute & 0xFFFF);
    if (list->PresentFlags & bit) {
        SetLastError(ERROR_OBJECT_NAME_EXISTS_W32);
        return FALSE;
    }
    if (list->Count >= list->Capacity) {
        SetLastError(ERROR_GEN_FAILURE);
        return FALSE;
    }
    list->Attributes[list->Count++] = (struct proc_thread_attribute){attribute, size, value};
    list->PresentFlags |= bit;
    return TRUE;
}

void WINAPI DeleteProcThreadAttributeList(LPPROC_THREAD_ATTRIBUTE_LIST list)
{
    (void)list;   /* the caller owns the memory; nothing was allocated */
}

static const struct proc_thread_attribute *find_attribute(const STARTUPINFOW *si, DWORD flags, DWORD_PTR attribute)
{
    if (!(flags & EXTENDED_STARTUPINFO_PRESENT) || si->cb < sizeof(STARTUPINFOW) + sizeof(PVOID))
        return NULL;
    const LPPROC_THREAD_ATTRIBUTE_LIST list = *(LPPROC_THREAD_ATTRIBUTE_LIST *)(si + 1);
    for (DWORD i = 0; list && i < list->Count; i++)
        if (list->Attributes[i].Attribute == attribute)
            return &list->Attributes[i];
    return NULL;
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
        /* lpApplicationName is not searched for and gets no ".exe": a partial name is completed from the
         * current drive and directory only. */
        DWORD full = BaseGetFullPathName(app, ARRAY_SIZE(image), image, NULL);
        if (!full || full >= ARRAY_SIZE(image) || !image_exists(image))
            error = missing_image_error(full && full < ARRAY_SIZE(image) ? image : app);
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
    /* A new process group starts with Ctrl-C ignored (ConsoleFlags bit 0, as kernelbase records it); its
     * group id becomes the child's pid (PSP_NEW_PROCESS_GROUP until the kernel knows it). */
    if (status == STATUS_SUCCESS && (flags & CREATE_NEW_PROCESS_GROUP)) {
        params->ConsoleFlags |= 1;
        params->ProcessGroupId = PS_NEW_PROCESS_GROUP;
    } else if (status == STATUS_SUCCESS) {
        params->ProcessGroupId = BaseParameters()->ProcessGroupId;
    }
    /* The console flags, with the closest meaning a terminal has: DETACHED_PROCESS leaves the console (no
     * standard handles of the parent's unless inherited, no Ctrl-C from the terminal: a group of its own);
     * CREATE_NEW_CONSOLE and CREATE_NO_WINDOW keep the parent's terminal, there being no window to open. */
    if (status == STATUS_SUCCESS && (flags & DETACHED_PROCESS)) {
        params->ConsoleHandle = PS_CONSOLE_DETACHED;
        params->ProcessGroupId = PS_NEW_PROCESS_GROUP;
        if (!(si->dwFlags & STARTF_USESTDHANDLES))
            params->StandardInput = params->StandardOutput = params->StandardError = NULL;
    }
    if (status == STATUS_SUCCESS)
        status = BaseDosPathToNtPath(image, &nt_image);
    HANDLE process = NULL, thread = NULL;
    PS_CREATE_INFO info = {sizeof info, 0, 0, 0, 0};
    const struct proc_thread_attribute *handle_list = find_attribute(si, flags, PROC_THREAD_ATTRIBUTE_HANDLE_LIST);
    if (status == STATUS_SUCCESS && handle_list && !inherit)
        status = STATUS_INVALID_PARAMETER;   /* a handle list needs bInheritHandles */
    if (status == STATUS_SUCCESS) {
        PS_ATTRIBUTE_LIST attrs = {sizeof(SIZE_T) + sizeof(PS_ATTRIBUTE), {{0}}};
        attrs.Attributes[0].Attribute = PS_ATTRIBUTE_IMAGE_NAME;
        attrs.Attributes[0].Size = nt_image.Length;
        attrs.Attributes[0].ValuePtr = nt_image.Buffer;
        if (handle_list) {
            attrs.TotalLength += sizeof(PS_ATTRIBUTE);
            attrs.Attributes[1].Attribute = PS_ATTRIBUTE_HANDLE_LIST;
            attrs.Attributes[1].Size = handle_list->Size;
            attrs.Attributes[1].ValuePtr = handle_list->Value;
        }
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

/* STARTUPINFOEXW: STARTUPINFOW and, with EXTENDED_STARTUPINFO_PRESENT, the attribute list. */
struct startup_info_ex {
    STARTUPINFOW StartupInfo;
    LPPROC_THREAD_ATTRIBUTE_LIST AttributeList;
};

/* STARTUPINFOA's strings as UTF-16, for CreateProcessW (an extended one keeps its attribute list). */
static bool widen_startup_info(const STARTUPINFOA *a, DWORD flags, struct startup_info_ex *ex, WCHAR **desktop,
                               WCHAR **title)
{
    BOOL ok1, ok2;
    STARTUPINFOW *w = &ex->StartupInfo;
    memcpy(w, a, sizeof *w);
    w->cb = sizeof *w;
    ex->AttributeList = NULL;
    if ((flags & EXTENDED_STARTUPINFO_PRESENT) && a->cb >= sizeof *ex) {
        ex->AttributeList = ((const struct startup_info_ex *)(const void *)a)->AttributeList;
        w->cb = sizeof *ex;
    }
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
    struct startup_info_ex siw;
    bool ok = ok1 && ok2 && ok3 && widen_startup_info(si, flags, &siw, &desktop, &title);
    BOOL result = ok && CreateProcessW(wapp, wcmd, psa, tsa, inherit, flags, env, wdir, &siw.StartupInfo, pi);
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
