/*
 * Where the loader looks for a DLL. Each load searches one list of directories, built once per LdrLoadDll
 * from the caller's choice and the process's DLL directories, in Windows' orders (SafeDllSearchMode on):
 *
 *   default (NULL)       the application directory, the SetDllDirectory directory, System32, the 16-bit
 *                        System directory, the Windows directory, the current directory (left out while a
 *                        DLL directory is set, even an empty one), then PATH
 *   altered (LOAD_WITH_ALTERED_SEARCH_PATH, a full path)
 *                        the same with the DLL's own directory in place of the application directory
 *   LOAD_LIBRARY_SEARCH_* the DLL's directory (DLL_LOAD_DIR), the application directory, the AddDllDirectory
 *                        directories and the SetDllDirectory one (USER_DIRS), System32; nothing else.
 *                        SetDefaultDllDirectories makes these flags the default of every load.
 *
 * LdrLoadDll's path argument is NULL (the default), a ';' list searched as given, or, as Windows' kernel32
 * passes it, flags with the low bit set: LOAD_LIBRARY_SEARCH_* and LDRP_SEARCH_ALTERED. The state is
 * guarded by the loader lock. Builtin DLLs are KnownDLLs and need no search, unless NTEXEC_DLL_OVERRIDES
 * prefers a native one (LdrpPreferNative).
 */
#include <string.h>

#include "io/io.h"
#include "nt/file.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

#define LDRP_MAX_PATH 520   /* a DOS path the loader handles, in WCHARs */
#define WINDOWS_DIRECTORY u"C:\\Windows"
#define SYSTEM16_DIRECTORY u"C:\\Windows\\System"

static UNICODE_STRING dll_directory;   /* SetDllDirectory's, as given; Buffer NULL when none is set */

struct user_directory {
    LIST_ENTRY links;
    ULONG length;          /* in WCHARs, without the NUL */
    WCHAR path[];          /* a full path */
};
static LIST_ENTRY user_directories = {&user_directories, &user_directories};
static ULONG default_search_flags;     /* SetDefaultDllDirectories; 0: the standard order */

/* ---- a growing ';' list ------------------------------------------------------------------------------- */

struct path_list {
    WCHAR *buffer;
    size_t length, capacity;   /* in WCHARs */
    NTSTATUS status;
};

static void append(struct path_list *l, const WCHAR *dir, size_t n)
{
    while (n > 3 && dir[n - 1] == '\\')   /* "C:\dir\" -> "C:\dir"; "C:\" stays */
        n--;
    if (!n || l->status != STATUS_SUCCESS)
        return;
    if (l->length + n + 2 > l->capacity) {
        size_t capacity = (l->length + n + 2) * 2;
        WCHAR *b = l->buffer ? RtlReAllocateHeap(RtlGetProcessHeap(), 0, l->buffer, capacity * sizeof(WCHAR))
                             : RtlAllocateHeap(RtlGetProcessHeap(), 0, capacity * sizeof(WCHAR));
        if (!b) {
            l->status = STATUS_NO_MEMORY;
            return;
        }
        l->buffer = b;
        l->capacity = capacity;
    }
    if (l->length)
        l->buffer[l->length++] = ';';
    memcpy(l->buffer + l->length, dir, n * sizeof(WCHAR));
    l->length += n;
    l->buffer[l->length] = 0;
}

static void append_z(struct path_list *l, const WCHAR *dir)
{
    append(l, dir, RtlpWcslen(dir));
}

/* The directory part of a path ("C:\app\x.dll" -> "C:\app"), in WCHARs. */
static size_t directory_length(const WCHAR *path, size_t n)
{
    while (n > 0 && path[n - 1] != '\\' && path[n - 1] != '/')
        n--;
    return n;
}

static void append_application_directory(struct path_list *l)
{
    PUNICODE_STRING exe = &NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters->ImagePathName;
    append(l, exe->Buffer, directory_length(exe->Buffer, exe->Length / sizeof(WCHAR)));
}

/* SetDllDirectory's directory, made full against the current directory of this load. */
static void append_dll_directory(struct path_list *l)
{
    if (!dll_directory.Buffer || !dll_directory.Length)
        return;
    WCHAR full[LDRP_MAX_PATH];
    ULONG bytes = RtlGetFullPathName_U(dll_directory.Buffer, sizeof full, full, NULL);
    if (bytes && bytes < sizeof full)
        append_z(l, full);
}

static void append_current_directory(struct path_list *l)
{
    PUNICODE_STRING cwd = &NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters->CurrentDirectory.DosPath;
    append(l, cwd->Buffer, cwd->Length / sizeof(WCHAR));
}

/* The value of a variable of the process environment, or NULL; *n its length. The PEB lock is held by the
 * caller. */
static const WCHAR *environment_variable(const WCHAR *name, size_t *n)
{
    size_t len = RtlpWcslen(name);
    const WCHAR *entry = RtlpFindEnvironmentVariable(
        NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters->Environment, name, len);
    if (!entry)
        return NULL;
    *n = RtlpWcslen(entry + len + 1);
    return entry + len + 1;
}

static void append_environment_path(struct path_list *l)
{
    PPEB peb = NtCurrentTeb()->ProcessEnvironmentBlock;
    RtlEnterCriticalSection(peb->FastPebLock);
    size_t n;
    const WCHAR *path = environment_variable(u"PATH", &n);
    for (size_t i = 0; path && i < n;) {
        size_t end = i;
        while (end < n && path[end] != ';')
            end++;
        append(l, path + i, end - i);
        i = end + 1;
    }
    RtlLeaveCriticalSection(peb->FastPebLock);
}

static void append_system_directories(struct path_list *l)
{
    append_z(l, IO_SYSTEM_DIRECTORY);
    append_z(l, SYSTEM16_DIRECTORY);
    append_z(l, WINDOWS_DIRECTORY);
}

/* ---- the search path of a load ------------------------------------------------------------------------- */

BOOLEAN LdrpIsFullPath(PCWSTR name)
{
    ULONG type = RtlDetermineDosPathNameType_U(name);
    return type == 1 /* \\server\x */ || type == 2 /* C:\x */ || type == 6 /* \\.\x */;
}

NTSTATUS LdrpBuildSearchPath(PCWSTR request, PCWSTR dll_name, WCHAR **out)
{
    *out = NULL;
    struct path_list l = {0};
    ULONG flags = 0;
    if (!request)
        flags = default_search_flags;
    else if ((ULONG_PTR)request & 1)
        flags = (ULONG)(ULONG_PTR)request & ~1u;
    else
        append_z(&l, request);
    bool altered = (flags & LDRP_SEARCH_ALTERED) && dll_name && LdrpIsFullPath(dll_name);
    if (flags & LDRP_SEARCH_DIRECTORY_FLAGS) {
        if (flags & LOAD_LIBRARY_SEARCH_DEFAULT_DIRS)
            flags |= LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS | LOAD_LIBRARY_SEARCH_SYSTEM32;
        if ((flags & LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) && dll_name && LdrpIsFullPath(dll_name))
            append(&l, dll_name, directory_length(dll_name, RtlpWcslen(dll_name)));
        if (flags & LOAD_LIBRARY_SEARCH_APPLICATION_DIR)
            append_application_directory(&l);
        if (flags & LOAD_LIBRARY_SEARCH_USER_DIRS) {
            for (PLIST_ENTRY e = user_directories.Flink; e != &user_directories; e = e->Flink) {
                struct user_directory *d = CONTAINING_RECORD(e, struct user_directory, links);
                append(&l, d->path, d->length);
            }
            append_dll_directory(&l);
        }
        if (flags & LOAD_LIBRARY_SEARCH_SYSTEM32)
            append_z(&l, IO_SYSTEM_DIRECTORY);
    } else if (!request || ((ULONG_PTR)request & 1)) {
        if (altered)
            append(&l, dll_name, directory_length(dll_name, RtlpWcslen(dll_name)));
        else
            append_application_directory(&l);
        append_dll_directory(&l);
        append_system_directories(&l);
        if (!dll_directory.Buffer)
            append_current_directory(&l);
        append_environment_path(&l);
    }
    if (l.status != STATUS_SUCCESS) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, l.buffer);
        return l.status;
    }
    if (!l.buffer) {
        l.buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof(WCHAR));
        if (!l.buffer)
            return STATUS_NO_MEMORY;
        l.buffer[0] = 0;
    }
    *out = l.buffer;
    return STATUS_SUCCESS;
}

/* ---- native over builtin ------------------------------------------------------------------------------- */

/*
 * NTEXEC_DLL_OVERRIDES in the process environment: "name[,name...]=native|builtin[;...]", names without
 * ".dll", case-insensitive. A DLL set to native is looked for on the load's search path first; the builtin
 * answers only when no file is found there. The variable is read once, at the process's first builtin load
 * (as Wine reads WINEDLLOVERRIDES at start), so later loads do not walk the environment; a process that
 * changes it changes what its children get. Called with the loader lock held.
 */
static WCHAR *overrides;       /* a copy of the value, NULL when the variable is not set */
static size_t overrides_length;
static BOOLEAN overrides_read;

static void read_overrides(void)
{
    overrides_read = TRUE;
    PPEB peb = NtCurrentTeb()->ProcessEnvironmentBlock;
    RtlEnterCriticalSection(peb->FastPebLock);
    size_t n;
    const WCHAR *v = environment_variable(u"NTEXEC_DLL_OVERRIDES", &n);
    if (v && (overrides = RtlAllocateHeap(RtlGetProcessHeap(), 0, (n + 1) * sizeof(WCHAR)))) {
        memcpy(overrides, v, (n + 1) * sizeof(WCHAR));
        overrides_length = n;
    }
    RtlLeaveCriticalSection(peb->FastPebLock);
}

BOOLEAN LdrpPreferNative(const char *name)
{
    if (!overrides_read)
        read_overrides();
    const WCHAR *v = overrides;
    size_t n = overrides_length;
    size_t want = strlen(name);
    if (want > 4 && !strcmp(name + want - 4, ".dll"))
        want -= 4;
    BOOLEAN native = FALSE;
    for (size_t i = 0; v && i < n;) {
        size_t end = i;
        while (end < n && v[end] != ';')
            end++;
        size_t eq = i;
        while (eq < end && v[eq] != '=')
            eq++;
        bool listed = false;
        for (size_t s = i; s < eq;) {
            size_t e = s;
            while (e < eq && v[e] != ',')
                e++;
            size_t k = 0;
            while (k < want && s + k < e && (v[s + k] | 0x20) == (name[k] | 0x20))
                k++;
            if (k == want && s + k == e)
                listed = true;
            s = e + 1;
        }
        if (listed && eq < end) {
            static const WCHAR native_word[] = u"native";
            size_t len = end - eq - 1;
            native = len == 6 && !RtlCompareUnicodeStrings(v + eq + 1, len, native_word, 6, TRUE);
        }
        i = end + 1;
    }
    return native;
}

/* ---- the DLL directories ------------------------------------------------------------------------------- */

NTSTATUS WINAPI LdrSetDllDirectory(PCUNICODE_STRING directory)
{
    UNICODE_STRING copy = {0};
    if (directory && directory->Buffer) {
        copy.Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, directory->Length + sizeof(WCHAR));
        if (!copy.Buffer)
            return STATUS_NO_MEMORY;
        memcpy(copy.Buffer, directory->Buffer, directory->Length);
        copy.Buffer[directory->Length / sizeof(WCHAR)] = 0;
        copy.Length = directory->Length;
        copy.MaximumLength = (USHORT)(directory->Length + sizeof(WCHAR));
    }
    LdrpAcquireLoaderLock();
    UNICODE_STRING old = dll_directory;
    dll_directory = copy;
    LdrpReleaseLoaderLock();
    RtlFreeHeap(RtlGetProcessHeap(), 0, old.Buffer);
    return STATUS_SUCCESS;
}

/* The directory into out (its Length; empty when none is set), or STATUS_BUFFER_TOO_SMALL with the
 * Length needed. */
NTSTATUS WINAPI LdrGetDllDirectory(PUNICODE_STRING out)
{
    LdrpAcquireLoaderLock();
    USHORT len = dll_directory.Buffer ? dll_directory.Length : 0;
    NTSTATUS status = STATUS_SUCCESS;
    if (len + sizeof(WCHAR) > out->MaximumLength) {
        status = STATUS_BUFFER_TOO_SMALL;
    } else {
        if (len)
            memcpy(out->Buffer, dll_directory.Buffer, len);
        out->Buffer[len / sizeof(WCHAR)] = 0;
    }
    out->Length = len;
    LdrpReleaseLoaderLock();
    return status;
}

/* A full path to an existing directory; the cookie removes it again. */
NTSTATUS WINAPI LdrAddDllDirectory(PCUNICODE_STRING directory, PVOID *cookie)
{
    *cookie = NULL;
    WCHAR z[LDRP_MAX_PATH];
    if (!directory || !directory->Buffer || directory->Length / sizeof(WCHAR) >= ARRAY_SIZE(z))
        return STATUS_INVALID_PARAMETER;
    memcpy(z, directory->Buffer, directory->Length);
    z[directory->Length / sizeof(WCHAR)] = 0;
    if (!LdrpIsFullPath(z))
        return STATUS_INVALID_PARAMETER;
    WCHAR full[LDRP_MAX_PATH];
    ULONG bytes = RtlGetFullPathName_U(z, sizeof full, full, NULL);
    if (!bytes || bytes >= sizeof full)
        return STATUS_INVALID_PARAMETER;
    UNICODE_STRING nt;
    NTSTATUS status = RtlDosPathNameToNtPathName_U_WithStatus(full, &nt, NULL, NULL);
    if (status != STATUS_SUCCESS)
        return status;
    OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
    FILE_BASIC_INFORMATION info;
    status = NtQueryAttributesFile(&oa, &info);
    RtlFreeUnicodeString(&nt);
    if (status != STATUS_SUCCESS)
        return status;
    ULONG n = bytes / sizeof(WCHAR);
    struct user_directory *d = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof *d + (n + 1) * sizeof(WCHAR));
    if (!d)
        return STATUS_NO_MEMORY;
    d->length = n;
    memcpy(d->path, full, (n + 1) * sizeof(WCHAR));
    LdrpAcquireLoaderLock();
    InsertTailList(&user_directories, &d->links);
    LdrpReleaseLoaderLock();
    *cookie = d;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LdrRemoveDllDirectory(PVOID cookie)
{
    LdrpAcquireLoaderLock();
    struct user_directory *found = NULL;
    for (PLIST_ENTRY e = user_directories.Flink; e != &user_directories; e = e->Flink) {
        if (CONTAINING_RECORD(e, struct user_directory, links) == cookie) {
            found = cookie;
            RemoveEntryList(e);
            break;
        }
    }
    LdrpReleaseLoaderLock();
    if (!found)
        return STATUS_INVALID_PARAMETER;
    RtlFreeHeap(RtlGetProcessHeap(), 0, found);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LdrSetDefaultDllDirectories(ULONG flags)
{
    const ULONG allowed = LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS |
                          LOAD_LIBRARY_SEARCH_SYSTEM32 | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS;
    if (!flags || (flags & ~allowed))
        return STATUS_INVALID_PARAMETER;
    LdrpAcquireLoaderLock();
    default_search_flags = flags;
    LdrpReleaseLoaderLock();
    return STATUS_SUCCESS;
}
