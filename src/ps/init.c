/*
 * Booting the kernel half in a host process: KUSER_SHARED_DATA, the fault handler, the System process
 * (pid 4) with the system DLL section, and the shell: the calling host thread becomes an NT thread of
 * the System process with a PEB built from the host's state (environment, current directory, standard
 * handles), so the ntexec CLI calls CreateProcessW exactly as a Windows parent does.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "io/io.h"
#include "mm/mm.h"
#include "nt/file.h"
#include "pe/pe.h"
#include "ps/conctrl.h"
#include "ps/psp.h"
#include "rtl/rtl.h"

PSECTION PspSystemDllSection;
struct psp_system_dll_entries PspSystemDllEntries;
ULONG PspConsoleRootId;

NTSTATUS PspInitializeSystemDll(void)
{
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, u"\\??\\" IO_SYSTEM_DIRECTORY u"\\ntdll.dll");
    PFILE_OBJECT file;
    NTSTATUS status = IoOpenFileObject(&name, FILE_READ_DATA | FILE_EXECUTE, FILE_NON_DIRECTORY_FILE, &file);
    if (status != STATUS_SUCCESS)
        return status;
    status = MmCreateImageSection(file, &PspSystemDllSection);
    ObDereferenceObject(file);
    return status;
}

/* The addresses of the user-mode entry points in this view of ntdll. Their RVAs come from the section's
 * export directory (its headers were validated once, when the section was created). */
NTSTATUS PspLookupSystemDllEntryPoints(PVOID ntdll_base)
{
    const struct pe_image *img = &PspSystemDllSection->Image;
    struct pe_exports ex;
    NTSTATUS status = pe_exports_get(img, &ex);
    static const char *const names[] = {"LdrInitializeThunk", "RtlUserThreadStart", "KiUserExceptionDispatcher"};
    ULONG_PTR *slots[] = {&PspSystemDllEntries.LdrInitializeThunk, &PspSystemDllEntries.RtlUserThreadStart,
                          &PspSystemDllEntries.KiUserExceptionDispatcher};
    for (size_t i = 0; status == STATUS_SUCCESS && i < ARRAY_SIZE(names); i++) {
        struct pe_export e;
        status = pe_export_by_name(img, &ex, names[i], 0, &e);
        if (status == STATUS_SUCCESS)
            *slots[i] = (ULONG_PTR)ntdll_base + e.rva;
    }
    if (status == STATUS_SUCCESS)
        KiUserExceptionDispatcherAddress = PspSystemDllEntries.KiUserExceptionDispatcher;
    return status == STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_INVALID_IMAGE_FORMAT;
}

/* ---- the shell's PEB --------------------------------------------------------------------------------- */

struct env_builder {
    WCHAR *buf;
    size_t len, cap;
};

static bool env_add(struct env_builder *b, const char *entry)
{
    WCHAR *w = RtlpUtf8ToWideAlloc(entry);
    if (!w)
        return false;
    size_t n = RtlpWcslen(w) + 1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        WCHAR *nb = realloc(b->buf, cap * sizeof(WCHAR));
        if (!nb) {
            free(w);
            return false;
        }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, w, n * sizeof(WCHAR));
    b->len += n;
    b->buf[b->len] = 0;
    free(w);
    return true;
}

static const char *env_get(const char *name)
{
    size_t n = strlen(name);
    for (char *const *e = host_environ(); *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* NAME=<DOS form of a host directory>, when the host path maps to a drive. */
static void env_add_dir(struct env_builder *b, const char *name, const char *dir)
{
    WCHAR *dos;
    if (!dir || IoHostPathToDos(dir, &dos) != STATUS_SUCCESS)
        return;
    char *utf8 = RtlpWideToUtf8Alloc(dos, RtlpWcslen(dos));
    free(dos);
    if (!utf8)
        return;
    size_t len = strlen(name) + strlen(utf8) + 2;
    char *entry = malloc(len);
    if (entry) {
        strcpy(entry, name);
        strcat(entry, "=");
        strcat(entry, utf8);
        env_add(b, entry);
        free(entry);
    }
    free(utf8);
}

/*
 * The host environment as a Windows environment block, plus the variables every Windows session has
 * when the host does not define them (SystemRoot, windir, TEMP, USERPROFILE, ...).
 */
static WCHAR *build_environment(void)
{
    struct env_builder b = {0};
    for (char *const *e = host_environ(); *e; e++)
        if (strchr(*e, '=') && **e != '=')
            env_add(&b, *e);
    static const char *const fixed[][2] = {
        {"SystemRoot", "SystemRoot=C:\\Windows"}, {"windir", "windir=C:\\Windows"},
        {"SystemDrive", "SystemDrive=C:"},         {"OS", "OS=Windows_NT"},
        {"PATHEXT", "PATHEXT=.COM;.EXE;.BAT;.CMD"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
        if (!env_get(fixed[i][0]))
            env_add(&b, fixed[i][1]);
    const char *tmp = env_get("TMPDIR") ? env_get("TMPDIR") : "/tmp";
    if (!env_get("TEMP"))
        env_add_dir(&b, "TEMP", tmp);
    if (!env_get("TMP"))
        env_add_dir(&b, "TMP", tmp);
    if (!env_get("USERPROFILE"))
        env_add_dir(&b, "USERPROFILE", env_get("HOME"));
    if (!env_get("COMPUTERNAME")) {
        /* The NetBIOS form Windows uses: upper case, at most 15 characters. */
        char host[256], entry[32] = "COMPUTERNAME=";
        if (host_hostname(host, sizeof host) != STATUS_SUCCESS)
            strcpy(host, "NTEXEC");
        size_t o = strlen(entry);
        for (size_t i = 0; host[i] && host[i] != '.' && i < 15; i++)
            entry[o++] = host[i] >= 'a' && host[i] <= 'z' ? (char)(host[i] - 32) : host[i];
        entry[o] = 0;
        env_add(&b, entry);
    }
    if (!env_get("USERNAME")) {
        char entry[128] = "USERNAME=";
        strncat(entry, host_user_name(), sizeof entry - strlen(entry) - 1);
        env_add(&b, entry);
    }
    if (!b.buf) {
        b.buf = calloc(2, sizeof(WCHAR));
    }
    return b.buf;
}

/* The standard handles of the shell: its fds 0-2 as inheritable file handles. */
static void create_std_handles(PEPROCESS system, HANDLE handles[3])
{
    static const ACCESS_MASK access[3] = {FILE_GENERIC_READ, FILE_GENERIC_WRITE | FILE_READ_ATTRIBUTES,
                                          FILE_GENERIC_WRITE | FILE_READ_ATTRIBUTES};
    for (int fd = 0; fd < 3; fd++) {
        PFILE_OBJECT f;
        handles[fd] = NULL;
        if (IoCreateFileObjectForFd(fd, access[fd], &f) != STATUS_SUCCESS)
            continue;   /* a closed std fd: no handle, as with a detached Windows process */
        if (ObInsertHandle(&system->ObjectTable, f, access[fd], OBJ_INHERIT, &handles[fd]) != STATUS_SUCCESS)
            handles[fd] = NULL;
        ObDereferenceObject(f);
    }
}

static NTSTATUS create_shell_peb(PEPROCESS system, bool std_handles, PPEB *out)
{
    /* The locks and bitmaps ntdll keeps for a process, for the shell's own PEB: the lock as
     * RtlInitializeCriticalSection leaves it (the kernel does not call into ntdll). No ProcessHeap:
     * ntdll's RtlGetProcessHeap gives a thread without one the shared default heap. */
    static RTL_CRITICAL_SECTION fast_peb_lock = {.DebugInfo = (RTL_CRITICAL_SECTION_DEBUG *)(LONG_PTR)-1,
                                                 .LockCount = -1};
    static ULONG tls_bits[2], tls_expansion_bits[32];
    PPEB peb = calloc(1, sizeof *peb);
    if (!peb)
        return STATUS_NO_MEMORY;
    peb->FastPebLock = &fast_peb_lock;
    peb->TlsBitmap = tls_bits;
    peb->TlsExpansionBitmap = tls_expansion_bits;
    peb->NumberOfProcessors = host_cpu_count();
    peb->OSMajorVersion = NTEXEC_OS_MAJOR;
    peb->OSMinorVersion = NTEXEC_OS_MINOR;
    peb->OSBuildNumber = NTEXEC_OS_BUILD;
    peb->OSPlatformId = 2;
    system->Peb = peb;
    char cwd[4096];
    WCHAR *dos_cwd = NULL;
    if (host_getcwd(cwd, sizeof cwd) != STATUS_SUCCESS || IoHostPathToDos(cwd, &dos_cwd) != STATUS_SUCCESS)
        dos_cwd = RtlpUtf8ToWideAlloc("C:\\");
    UNICODE_STRING curdir, image;
    RtlInitUnicodeString(&curdir, dos_cwd);
    RtlInitUnicodeString(&image, u"C:\\Windows\\System32\\ntexec.exe");
    WCHAR *env = build_environment();
    PRTL_USER_PROCESS_PARAMETERS params;
    NTSTATUS status = RtlCreateProcessParametersEx(&params, &image, NULL, &curdir, &image, env, NULL, NULL, NULL,
                                                   NULL, RTL_USER_PROC_PARAMS_NORMALIZED);
    free(dos_cwd);
    if (status != STATUS_SUCCESS)
        return status;
    /* SetCurrentDirectory appends a backslash to directories; keep that form from the start. */
    PUNICODE_STRING dp = &params->CurrentDirectory.DosPath;
    if (dp->Length >= 2 && dp->Buffer[dp->Length / 2 - 1] != '\\' && dp->Length + 4 <= dp->MaximumLength) {
        dp->Buffer[dp->Length / 2] = '\\';
        dp->Length += 2;
        dp->Buffer[dp->Length / 2] = 0;
    }
    HANDLE std[3] = {NULL, NULL, NULL};
    if (std_handles)
        create_std_handles(system, std);
    params->StandardInput = std[0];
    params->StandardOutput = std[1];
    params->StandardError = std[2];
    peb->ProcessParameters = params;
    *out = peb;
    return STATUS_SUCCESS;
}

static NTSTATUS create_shell_thread(PEPROCESS system, bool std_handles)
{
    PETHREAD t;
    NTSTATUS status = PspCreateThreadObject(system, &t);
    if (status != STATUS_SUCCESS)
        return status;
    t->IsSystemThread = TRUE;
    t->Cid.UniqueThread = (HANDLE)(ULONG_PTR)host_gettid();
    PTEB teb = aligned_alloc(4096, (sizeof *teb + 4095) & ~(size_t)4095);
    if (!teb) {
        ObDereferenceObject(t);
        return STATUS_NO_MEMORY;
    }
    memset(teb, 0, sizeof *teb);
    PspInitializeTeb(teb, t);
    PspCurrentThread = t;
    host_set_gs_base(teb);
    PPEB peb;
    status = create_shell_peb(system, std_handles, &peb);
    teb->ProcessEnvironmentBlock = peb;
    return status;
}

/* A child host's shell has no standard handles of its own: its process gets those its parent passed. */
NTSTATUS PspInitializeSystem(bool shell_std_handles)
{
    PspConsoleRootId = host_getpid();   /* a child host replaces it with its parent's */
    /* The shared page first, which the service thread's clock ticks refresh; then, while this is still the
     * only thread, the service thread: the console signals (blocked in every thread from here on) become
     * control events, and KeUpdateSystemTime runs at each clock interval. */
    NTSTATUS status = KiInitializeSharedUserData();
    if (status == STATUS_SUCCESS)
        status = host_service_thread_start(PspDeliverConsoleEvent, KeUpdateSystemTime, KE_CLOCK_INTERVAL_NS);
    if (status == STATUS_SUCCESS)
        status = KiInitializeExceptions();
    if (status == STATUS_SUCCESS)
        status = IoInitializeFileSystem();
    if (status == STATUS_SUCCESS)
        status = PspCreateProcessObject(4, &PsInitialSystemProcess);
    if (status != STATUS_SUCCESS)
        return status;
    strcpy(PsInitialSystemProcess->ImageName, "System");
    status = create_shell_thread(PsInitialSystemProcess, shell_std_handles);
    if (status == STATUS_SUCCESS)
        status = PspInitializeSystemDll();
    return status;
}

NTSTATUS PsInitializeSystem(void)
{
    return PspInitializeSystem(true);
}
