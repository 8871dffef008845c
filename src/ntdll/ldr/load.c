/*
 * LdrpLoadDll: find a DLL (loaded already, builtin in System32, or on the search path), map it through
 * NtOpenFile/NtCreateSection/NtMapViewOfSection, create its module entry, relocate it and snap its
 * imports (recursively). Also the exported Ldr* entry points built on it, and export resolution.
 */
#include <stdio.h>
#include <string.h>

#include "io/builtin.h"
#include "io/io.h"
#include "ke/trace.h"
#include "mm/mm.h"
#include "nt/file.h"
#include "ntdll/ldr/ldrp.h"
#include "ntdll/rtl/rtl.h"
#include "ps/ps.h"

#define MAX_NAME 260

/* ---- names ------------------------------------------------------------------------------------------ */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static const char *base_name_of(const char *path)
{
    const char *b = path + strlen(path);
    while (b > path && b[-1] != '\\' && b[-1] != '/')
        b--;
    return b;
}

/* "KERNEL32" -> "kernel32.dll": Windows appends .dll to a name without an extension ("x." has none). */
static bool normalize_name(const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    if (n == 0 || n + 5 > size)
        return false;
    memcpy(out, name, n + 1);
    if (out[n - 1] == '.')
        out[n - 1] = 0;
    else if (!strchr(base_name_of(name), '.'))
        strcat(out, ".dll");
    return true;
}

/* Case-insensitive comparison of a module's BaseDllName with an ASCII/UTF-8 name. */
static bool base_name_equals(const LDR_DATA_TABLE_ENTRY *e, const char *name)
{
    size_t n = e->BaseDllName.Length / sizeof(WCHAR);
    if (strlen(name) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        WCHAR c = e->BaseDllName.Buffer[i];
        if (c >= 0x80 || lower((char)c) != lower(name[i]))
            return false;
    }
    return true;
}

/* The loaded module with this base name; the name is normalized already (normalizing is not idempotent:
 * "x." names "x", which a second pass would make "x.dll"). */
static LDRP_MODULE *find_loaded_normalized(const char *normalized)
{
    const char *base = base_name_of(normalized);
    PLIST_ENTRY head = &LdrpData->LdrData.InLoadOrderModuleList;
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InLoadOrderLinks);
        if (base_name_equals(&m->Entry, base))
            return m;
    }
    return NULL;
}

LDRP_MODULE *LdrpFindLoadedDll(const char *name)
{
    char normalized[MAX_NAME];
    return normalize_name(name, normalized, sizeof normalized) ? find_loaded_normalized(normalized) : NULL;
}

LDRP_MODULE *LdrpFindModuleByBase(PVOID base)
{
    PLIST_ENTRY head = &LdrpData->LdrData.InLoadOrderModuleList;
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InLoadOrderLinks);
        if (m->Entry.DllBase == base)
            return m;
    }
    return NULL;
}

LDRP_MODULE *LdrpFindModuleByAddress(const void *address)
{
    PLIST_ENTRY head = &LdrpData->LdrData.InLoadOrderModuleList;
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InLoadOrderLinks);
        ULONG_PTR b = (ULONG_PTR)m->Entry.DllBase;
        if ((ULONG_PTR)address >= b && (ULONG_PTR)address - b < m->Entry.SizeOfImage)
            return m;
    }
    return NULL;
}

/* ---- API sets ------------------------------------------------------------------------------------------ */

/* The API set schema: virtual DLL names (without their version suffix) and the DLL that implements them. */
static const struct {
    const char *prefix;
    const char *host;
} api_sets[] = {
    {"api-ms-win-crt-", "ucrtbase.dll"},
    {"api-ms-win-core-synch-", "kernelbase.dll"},    /* WaitOnAddress is kernelbase's alone */
    {"api-ms-win-core-", "kernel32.dll"},
    {"api-ms-win-security-", "kernel32.dll"},
    {"api-ms-win-eventing-", "kernel32.dll"},
};

const char *LdrpResolveApiSet(const char *name)
{
    const char *base = base_name_of(name);
    for (size_t i = 0; i < ARRAY_SIZE(api_sets); i++) {
        size_t n = strlen(api_sets[i].prefix);
        size_t k = 0;
        while (k < n && lower(base[k]) == api_sets[i].prefix[k])
            k++;
        if (k == n)
            return api_sets[i].host;
    }
    return NULL;
}

/* ---- finding the file ------------------------------------------------------------------------------------ */

/* A DOS path as the object attributes of its NT name (\??\C:\...), for the Nt file services. */
struct nt_name {
    WCHAR buffer[MAX_NAME + 8];
    UNICODE_STRING us;
    OBJECT_ATTRIBUTES oa;
};

static bool nt_name_of(const WCHAR *dos_path, struct nt_name *name)
{
    size_t n = RtlpWcslen(dos_path);
    if (n + 5 > ARRAY_SIZE(name->buffer))
        return false;
    memcpy(name->buffer, u"\\??\\", 4 * sizeof(WCHAR));
    memcpy(name->buffer + 4, dos_path, (n + 1) * sizeof(WCHAR));
    RtlInitUnicodeString(&name->us, name->buffer);
    name->oa = (OBJECT_ATTRIBUTES){sizeof name->oa, NULL, &name->us, OBJ_CASE_INSENSITIVE, NULL, NULL};
    return true;
}

static bool file_exists(const WCHAR *dos_path)
{
    struct nt_name name;
    FILE_BASIC_INFORMATION info;
    bool found = nt_name_of(dos_path, &name) && NtQueryAttributesFile(&name.oa, &info) == STATUS_SUCCESS &&
                 !(info.FileAttributes & FILE_ATTRIBUTE_DIRECTORY);
    if (KeTraceKinds & KE_TRACE_LOADER) {
        char path[MAX_NAME * 3];
        RtlpUnicodeToUtf8Z(path, sizeof path, dos_path, RtlpWcslen(dos_path));
        TRACE_LOADER("probe %s: %s", path, found ? "found" : "not found");
    }
    return found;
}

/* dir + "\" + name into out (UTF-16). */
static bool join(const WCHAR *dir, size_t dir_len, const char *name, WCHAR *out, size_t size)
{
    size_t n = strlen(name);
    if (dir_len + n + 2 > size)
        return false;
    memcpy(out, dir, dir_len * sizeof(WCHAR));
    size_t o = dir_len;
    if (o && out[o - 1] != '\\')
        out[o++] = '\\';
    ULONG bytes;
    RtlUTF8ToUnicodeN(out + o, (ULONG)((size - o - 1) * sizeof(WCHAR)), &bytes, name, (ULONG)n);
    out[o + bytes / sizeof(WCHAR)] = 0;
    return true;
}

/* The search path of the current load, built on first need (search.c). */
static const WCHAR *load_search_path(void)
{
    struct ldrp_load *load = LdrpCurrentLoad;
    if (!load)
        return NULL;
    if (!load->search_path && LdrpBuildSearchPath(load->request, load->dll_name, &load->search_path) != STATUS_SUCCESS)
        return NULL;
    return load->search_path;
}

/* Each directory of the load's search path + name (a base name or a relative path). */
static bool search_directories(const char *name, WCHAR *out, size_t size)
{
    const WCHAR *list = load_search_path();
    for (const WCHAR *p = list; p && *p;) {
        const WCHAR *end = p;
        while (*end && *end != ';')
            end++;
        if (end > p && join(p, (size_t)(end - p), name, out, size) && file_exists(out))
            return true;
        p = *end ? end + 1 : end;
    }
    return false;
}

/* Whether the file names of a full path end in the System32 directory ("C:\\Windows\\system32\\x.dll"). */
static bool in_system_directory(const WCHAR *path, size_t n)
{
    SIZE_T dir_len = ARRAY_SIZE(IO_SYSTEM_DIRECTORY) - 1;
    if (n <= dir_len || path[dir_len] != '\\' ||
        RtlCompareUnicodeStrings(path, dir_len, IO_SYSTEM_DIRECTORY, dir_len, TRUE))
        return false;
    for (size_t i = dir_len + 1; i < n; i++)
        if (path[i] == '\\')
            return false;
    return true;
}

/*
 * Where a DLL name leads. A full path is that file alone; a builtin DLL is a KnownDLL (System32's, under
 * its own spelling "KERNEL32.DLL"), unless NTEXEC_DLL_OVERRIDES prefers a native one found on the search
 * path; ".\\x.dll" and "..\\x.dll" are relative to the current directory alone; any other name, with or
 * without directories, is looked for in each directory of the load's search path.
 */
static bool find_dll(const char *name, WCHAR *out, size_t size)
{
    const char *base = base_name_of(name);
    const struct builtin_dll *builtin = IoFindBuiltinDll(base);
    WCHAR given[MAX_NAME];
    ULONG bytes;
    RtlUTF8ToUnicodeN(given, (ULONG)(sizeof given - sizeof(WCHAR)), &bytes, name, (ULONG)strlen(name));
    given[bytes / sizeof(WCHAR)] = 0;
    if (LdrpIsFullPath(given) || RtlDetermineDosPathNameType_U(given) == 4 /* rooted: "\\x.dll" */) {
        ULONG full = RtlGetFullPathName_U(given, (ULONG)(size * sizeof(WCHAR)), out, NULL);
        if (!full || full >= size * sizeof(WCHAR))
            return false;
        /* A builtin DLL named by its System32 path, in any case ("C:\\Windows\\system32\\winmm.dll", as Go's
         * runtime loads its DLLs): the builtin, as Windows maps the KnownDLL. */
        if (builtin && in_system_directory(out, full / sizeof(WCHAR)))
            return join(IO_SYSTEM_DIRECTORY, ARRAY_SIZE(IO_SYSTEM_DIRECTORY) - 1, builtin->name, out, size);
        return file_exists(out);
    }
    bool path_given = strchr(name, '\\') || strchr(name, '/');
    if (builtin && !path_given) {
        if (!LdrpPreferNative(base)) {
            TRACE_LOADER("search %s: builtin (a KnownDLL)", name);
            return join(IO_SYSTEM_DIRECTORY, ARRAY_SIZE(IO_SYSTEM_DIRECTORY) - 1, builtin->name, out, size);
        }
        TRACE_LOADER("search %s: NTEXEC_DLL_OVERRIDES prefers a native one on the search path", name);
        if (search_directories(name, out, size))
            return true;
        TRACE_LOADER("search %s: no native one, the builtin", name);
        return join(IO_SYSTEM_DIRECTORY, ARRAY_SIZE(IO_SYSTEM_DIRECTORY) - 1, builtin->name, out, size);
    }
    if (name[0] == '.' && (name[1] == '\\' || name[1] == '/' ||
                           (name[1] == '.' && (name[2] == '\\' || name[2] == '/')))) {
        PUNICODE_STRING cwd = &NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters->CurrentDirectory.DosPath;
        WCHAR joined[MAX_NAME];
        if (!join(cwd->Buffer, cwd->Length / sizeof(WCHAR), name, joined, ARRAY_SIZE(joined)))
            return false;
        ULONG full = RtlGetFullPathName_U(joined, (ULONG)(size * sizeof(WCHAR)), out, NULL);
        return full && full < size * sizeof(WCHAR) && file_exists(out);
    }
    if (KeTraceKinds & KE_TRACE_LOADER) {
        char list[MAX_NAME * 6];
        const WCHAR *p = load_search_path();
        RtlpUnicodeToUtf8Z(list, sizeof list, p ? p : u"", p ? RtlpWcslen(p) : 0);
        TRACE_LOADER("search %s in %s", name, list);
    }
    return search_directories(name, out, size);
}

/* ---- mapping ---------------------------------------------------------------------------------------------- */

static NTSTATUS map_dll(const WCHAR *dos_path, PVOID *base, SIZE_T *size)
{
    struct nt_name name;
    if (!nt_name_of(dos_path, &name))
        return STATUS_DLL_NOT_FOUND;   /* find_dll keeps paths below MAX_NAME: not reached */
    IO_STATUS_BLOCK io;
    HANDLE file, section;
    NTSTATUS status = NtOpenFile(&file, FILE_READ_DATA | FILE_EXECUTE | SYNCHRONIZE, &name.oa, &io, FILE_SHARE_READ,
                                 FILE_NON_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT);
    if (status != STATUS_SUCCESS)
        return status == STATUS_OBJECT_NAME_NOT_FOUND ? STATUS_DLL_NOT_FOUND : status;
    status = NtCreateSection(&section, SECTION_ALL_ACCESS, NULL, NULL, PAGE_EXECUTE, SEC_IMAGE, file);
    NtClose(file);
    if (status != STATUS_SUCCESS)
        return status;
    *base = NULL;
    *size = 0;
    status = NtMapViewOfSection(section, NtCurrentProcess(), base, 0, 0, NULL, size, 1, 0, PAGE_READWRITE);
    NtClose(section);
    return status == STATUS_IMAGE_NOT_AT_BASE ? STATUS_SUCCESS : status;
}

NTSTATUS LdrpCreateModule(PVOID base, PCUNICODE_STRING full_name, LDRP_MODULE **module)
{
    *module = NULL;
    const IMAGE_DOS_HEADER *dos = base;
    const IMAGE_NT_HEADERS64 *nt = (const IMAGE_NT_HEADERS64 *)((const BYTE *)base + dos->e_lfanew);
    LDRP_MODULE *m = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY,
                                     sizeof *m + full_name->Length + sizeof(WCHAR));
    if (!m)
        return STATUS_NO_MEMORY;
    /* The view was made from a validated section, so its headers describe exactly this mapping. */
    NTSTATUS status = pe_parse(&m->Image, base, nt->OptionalHeader.SizeOfImage, PE_LAYOUT_MAPPED);
    if (status != STATUS_SUCCESS) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, m);
        return status;
    }
    LDR_DATA_TABLE_ENTRY *e = &m->Entry;
    WCHAR *name = (WCHAR *)(m + 1);
    memcpy(name, full_name->Buffer, full_name->Length);
    name[full_name->Length / 2] = 0;
    e->DllBase = base;
    e->EntryPoint = m->Image.entry_rva ? (BYTE *)base + m->Image.entry_rva : NULL;
    e->SizeOfImage = m->Image.size_of_image;
    e->FullDllName = (UNICODE_STRING){full_name->Length, (USHORT)(full_name->Length + sizeof(WCHAR)), name};
    size_t start = RtlpBaseNameStart(&e->FullDllName);
    e->BaseDllName.Buffer = name + start;
    e->BaseDllName.Length = (USHORT)(full_name->Length - start * sizeof(WCHAR));
    e->BaseDllName.MaximumLength = (USHORT)(e->BaseDllName.Length + sizeof(WCHAR));
    e->Flags = m->Image.characteristics & IMAGE_FILE_DLL ? LDRP_IMAGE_DLL : 0;
    e->ObsoleteLoadCount = 1;
    e->ReferenceCount = 1;
    e->TimeDateStamp = m->Image.timestamp;
    e->OriginalBase = m->Image.image_base;
    NtQuerySystemTime(&e->LoadTime);
    InitializeListHead(&e->HashLinks);
    InitializeListHead(&e->InInitializationOrderLinks);
    InitializeListHead(&m->InitOrderWork);
    InitializeListHead(&m->LoadLinks);
    InitializeListHead(&m->UnloadLinks);
    if ((ULONG_PTR)base != m->Image.image_base)
        e->Flags |= LDRP_IMAGE_NOT_AT_BASE;
    m->LoadCount = 0;   /* counted by LdrLoadDll calls and by importers (add_dependency) */
    m->TlsIndex = LDRP_NO_TLS;
    InsertTailList(&LdrpData->LdrData.InLoadOrderModuleList, &e->InLoadOrderLinks);
    InsertTailList(&LdrpData->LdrData.InMemoryOrderModuleList, &e->InMemoryOrderLinks);
    *module = m;
    return STATUS_SUCCESS;
}

static NTSTATUS add_dependency(LDRP_MODULE *importer, LDRP_MODULE *dep)
{
    if (!importer || importer == dep)
        return STATUS_SUCCESS;
    for (ULONG i = 0; i < importer->DependencyCount; i++)
        if (importer->Dependencies[i] == dep)
            return STATUS_SUCCESS;
    SIZE_T size = (importer->DependencyCount + 1) * sizeof(LDRP_MODULE *);
    LDRP_MODULE **deps = importer->Dependencies ? RtlReAllocateHeap(RtlGetProcessHeap(), 0, importer->Dependencies, size)
                                                : RtlAllocateHeap(RtlGetProcessHeap(), 0, size);
    if (!deps)
        return STATUS_NO_MEMORY;
    deps[importer->DependencyCount++] = dep;
    importer->Dependencies = deps;
    dep->LoadCount++;
    return STATUS_SUCCESS;
}

/* ---- loads ------------------------------------------------------------------------------------------------ */

struct ldrp_load *LdrpCurrentLoad;

void LdrpBeginLoad(struct ldrp_load *load, PCWSTR request, PCWSTR dll_name)
{
    *load = (struct ldrp_load){.outer = LdrpCurrentLoad, .request = request, .dll_name = dll_name};
    InitializeListHead(&load->mapped);
    LdrpCurrentLoad = load;
}

/* The loader's end of a module: out of the lists, unmapped, freed. */
static void destroy_module(LDRP_MODULE *m)
{
    RemoveEntryList(&m->Entry.InLoadOrderLinks);
    RemoveEntryList(&m->Entry.InMemoryOrderLinks);
    if (m->InInitOrder)
        RemoveEntryList(&m->Entry.InInitializationOrderLinks);
    LdrpDequeueInitRoutine(m);
    LdrpRemoveModuleTls(m);
    RemoveEntryList(&m->LoadLinks);
    NtUnmapViewOfSection(NtCurrentProcess(), m->Entry.DllBase);
    RtlFreeHeap(RtlGetProcessHeap(), 0, m->Dependencies);
    RtlFreeHeap(RtlGetProcessHeap(), 0, m);
}

/*
 * The modules in set (UnloadLinks, each marked Unloading) go: in reverse initialization order each one
 * attached gets DLL_PROCESS_DETACH, then the unload notification; the others are told in the set's order;
 * then all are unmapped.
 */
static void unload_set(PLIST_ENTRY set)
{
    PLIST_ENTRY head = &LdrpData->LdrData.InInitializationOrderModuleList;
    for (PLIST_ENTRY e = head->Blink; e != head;) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InInitializationOrderLinks);
        e = e->Blink;
        if (m->Unloading && m->Initialized) {
            LdrpDetachModule(m, NULL);
            LdrpSendDllNotifications(m, LDR_DLL_NOTIFICATION_REASON_UNLOADED);
            m->Notified = TRUE;
        }
    }
    for (PLIST_ENTRY e = set->Flink; e != set; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, UnloadLinks);
        if (!m->Notified)
            LdrpSendDllNotifications(m, LDR_DLL_NOTIFICATION_REASON_UNLOADED);
    }
    while (!IsListEmpty(set)) {
        LDRP_MODULE *m = CONTAINING_RECORD(set->Flink, LDRP_MODULE, UnloadLinks);
        RemoveEntryList(&m->UnloadLinks);
        destroy_module(m);
    }
}

void LdrpEndLoad(struct ldrp_load *load, NTSTATUS status)
{
    LdrpCurrentLoad = load->outer;
    RtlFreeHeap(RtlGetProcessHeap(), 0, load->search_path);
    if (status == STATUS_SUCCESS) {
        while (!IsListEmpty(&load->mapped)) {
            LDRP_MODULE *m = CONTAINING_RECORD(load->mapped.Flink, LDRP_MODULE, LoadLinks);
            RemoveEntryList(&m->LoadLinks);
            InitializeListHead(&m->LoadLinks);
        }
        return;
    }
    /* What the failed load brought in goes, as FreeLibrary would take it; references its modules took on
     * modules that were there before are given back. */
    LIST_ENTRY set;
    InitializeListHead(&set);
    for (PLIST_ENTRY e = load->mapped.Flink; e != &load->mapped; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, LoadLinks);
        m->Unloading = TRUE;
        InsertTailList(&set, &m->UnloadLinks);
    }
    for (PLIST_ENTRY e = set.Flink; e != &set; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, UnloadLinks);
        for (ULONG i = 0; i < m->DependencyCount; i++)
            if (!m->Dependencies[i]->Unloading)
                m->Dependencies[i]->LoadCount--;
    }
    unload_set(&set);
}

/* An image with a CLR header needs the .NET runtime (mscoree.dll), which ntexec does not have: the load
 * fails as Windows' does without it, STATUS_DLL_NOT_FOUND for mscoree.dll, unless one is on the path. */
static NTSTATUS check_clr(LDRP_MODULE *m)
{
    if (!m->Image.dirs[IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR].VirtualAddress)
        return STATUS_SUCCESS;
    if (KeTraceKinds & KE_TRACE_LOADER) {
        char name[96];
        RtlpBaseNameUtf8(name, sizeof name, &m->Entry.FullDllName);
        TRACE_LOADER("%s: a .NET image (CLR header), which needs mscoree.dll", name);
    }
    LDRP_MODULE *runtime;
    return LdrpLoadDll("mscoree.dll", m, &runtime);
}

/* Maps, registers, relocates and snaps a DLL not yet in the process. */
static NTSTATUS load_new_dll(const WCHAR *path, bool dont_resolve, LDRP_MODULE **module)
{
    *module = NULL;
    PVOID base;
    SIZE_T size;
    NTSTATUS status = map_dll(path, &base, &size);
    if (KeTraceKinds & KE_TRACE_LOADER) {
        char utf8[MAX_NAME * 3];
        RtlpUnicodeToUtf8Z(utf8, sizeof utf8, path, RtlpWcslen(path));
        if (status == STATUS_SUCCESS)
            TRACE_LOADER("map %s at %p, 0x%llx bytes", utf8, base, (unsigned long long)size);
        else
            TRACE_LOADER("map %s: failed 0x%08x", utf8, (unsigned)status);
    }
    if (status != STATUS_SUCCESS)
        return status;
    UNICODE_STRING full;
    RtlInitUnicodeString(&full, path);
    LDRP_MODULE *m;
    status = LdrpCreateModule(base, &full, &m);
    if (status != STATUS_SUCCESS) {
        NtUnmapViewOfSection(NtCurrentProcess(), base);
        return status;
    }
    if (LdrpCurrentLoad)
        InsertTailList(&LdrpCurrentLoad->mapped, &m->LoadLinks);
    m->Static = LdrpInLdrInit;
    m->DontResolve = dont_resolve;
    *module = m;
    status = LdrpHandleRelocations(m);
    if (status != STATUS_SUCCESS)
        return status;
    LdrpSendDllNotifications(m, LDR_DLL_NOTIFICATION_REASON_LOADED);
    if (dont_resolve)
        return STATUS_SUCCESS;
    status = check_clr(m);
    if (status == STATUS_SUCCESS)
        status = LdrpSnapImports(m);
    if (status == STATUS_SUCCESS && !LdrpInLdrInit)
        status = LdrpAddModuleTls(m);
    if (status == STATUS_SUCCESS)
        LdrpQueueInitRoutine(m);
    return status;
}

/* The loaded module whose full name is path. */
static LDRP_MODULE *find_loaded_path(const WCHAR *path)
{
    size_t n = RtlpWcslen(path);
    PLIST_ENTRY head = &LdrpData->LdrData.InLoadOrderModuleList;
    for (PLIST_ENTRY e = head->Flink; e != head; e = e->Flink) {
        LDRP_MODULE *m = CONTAINING_RECORD(e, LDRP_MODULE, Entry.InLoadOrderLinks);
        if (!RtlCompareUnicodeStrings(m->Entry.FullDllName.Buffer, m->Entry.FullDllName.Length / sizeof(WCHAR), path,
                                      n, TRUE))
            return m;
    }
    return NULL;
}

NTSTATUS LdrpLoadDll(const char *name, LDRP_MODULE *importer, LDRP_MODULE **module)
{
    *module = NULL;
    const char *api = LdrpResolveApiSet(name);
    char normalized[MAX_NAME];
    if (!normalize_name(api ? api : name, normalized, sizeof normalized))
        return STATUS_DLL_NOT_FOUND;
    /* A name with a directory is the file it leads to; a base name is any module of that name. */
    bool path_given = strchr(normalized, '\\') || strchr(normalized, '/');
    LDRP_MODULE *m = path_given ? NULL : find_loaded_normalized(normalized);
    WCHAR path[MAX_NAME];
    if (!m) {
        if (!find_dll(normalized, path, ARRAY_SIZE(path))) {
            TRACE_LOADER("search %s: not found (STATUS_DLL_NOT_FOUND)", normalized);
            return STATUS_DLL_NOT_FOUND;
        }
        m = find_loaded_path(path);
    }
    if (m) {
        *module = m;
        return add_dependency(importer, m);
    }
    int trace = TRACE_BEGIN("LdrpLoadDll");
    bool dont_resolve = !importer && LdrpCurrentLoad && LdrpCurrentLoad->dont_resolve;
    NTSTATUS status = load_new_dll(path, dont_resolve, &m);
    if (trace >= 0) {
        if (status == STATUS_SUCCESS)
            TRACE_END(trace, "%s%s at %p, %u dependencies", normalized,
                      IoFindBuiltinDll(base_name_of(normalized)) ? " (builtin)" : "", m->Entry.DllBase,
                      m->DependencyCount);
        else
            TRACE_END(trace, "%s: failed 0x%08x", normalized, (unsigned)status);
    }
    if (status == STATUS_SUCCESS) {
        *module = m;
        status = add_dependency(importer, m);
    }
    return status;
}

/* ---- exports --------------------------------------------------------------------------------------------- */

/* A forwarder ("DLL.Function" or "DLL.#ordinal") resolved in its DLL, which is loaded on the way. There is
 * no cycle detection: exports forwarding to each other recurse until the stack overflows, and the process
 * ends with STATUS_STACK_OVERFLOW. */
static NTSTATUS resolve_forwarder(const char *forwarder, LDRP_MODULE *importer, PVOID *address)
{
    const char *dot = strrchr(forwarder, '.');
    char dll[MAX_NAME];
    if (!dot || dot == forwarder || (size_t)(dot - forwarder) >= sizeof dll - 5)
        return STATUS_INVALID_IMAGE_FORMAT;
    memcpy(dll, forwarder, (size_t)(dot - forwarder));
    dll[dot - forwarder] = 0;
    LDRP_MODULE *target;
    NTSTATUS status = LdrpLoadDll(dll, importer, &target);
    if (status != STATUS_SUCCESS)
        return status;
    if (dot[1] == '#') {
        ULONG ordinal = 0;
        for (const char *p = dot + 2; *p >= '0' && *p <= '9'; p++)
            ordinal = ordinal * 10 + (ULONG)(*p - '0');
        return LdrpGetProcedureAddress(target, NULL, 0, ordinal, address, importer);
    }
    return LdrpGetProcedureAddress(target, dot + 1, 0, 0, address, importer);
}

NTSTATUS LdrpGetProcedureAddress(LDRP_MODULE *module, const char *name, USHORT hint, ULONG ordinal, PVOID *address,
                                 LDRP_MODULE *importer)
{
    *address = NULL;
    struct pe_exports ex;
    if (pe_exports_get(&module->Image, &ex) != STATUS_SUCCESS)
        return name ? STATUS_PROCEDURE_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
    return LdrpGetExportAddress(module, &ex, name, hint, ordinal, address, importer);
}

NTSTATUS LdrpGetExportAddress(LDRP_MODULE *module, const struct pe_exports *ex, const char *name, USHORT hint,
                              ULONG ordinal, PVOID *address, LDRP_MODULE *importer)
{
    *address = NULL;
    struct pe_export e;
    NTSTATUS status = name ? pe_export_by_name(&module->Image, ex, name, hint, &e)
                           : pe_export_by_ordinal(&module->Image, ex, ordinal, &e);
    if (status != STATUS_SUCCESS || !e.rva)
        return name ? STATUS_PROCEDURE_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
    if (e.forwarder)
        return resolve_forwarder(e.forwarder, importer ? importer : module, address);
    *address = (BYTE *)module->Entry.DllBase + e.rva;
    return STATUS_SUCCESS;
}

/* ---- exported entry points -------------------------------------------------------------------------------- */

static bool name_to_utf8(PCUNICODE_STRING name, char *out, size_t size)
{
    if (!name || !name->Buffer || name->Length / 2 >= size)
        return false;
    RtlpUnicodeToUtf8Z(out, size, name->Buffer, name->Length / 2);
    return true;
}

/* The count the guest can read in LDR_DATA_TABLE_ENTRY (ObsoleteLoadCount): 0xFFFF for a module that
 * never unloads. */
static void publish_count(LDRP_MODULE *m)
{
    m->Entry.ObsoleteLoadCount = m->Static || m->Pinned ? 0xFFFF : (USHORT)(m->LoadCount < 0xFFFE ? m->LoadCount : 0xFFFE);
}

/*
 * path: NULL (the process's default search), a ';' list of directories, or LOAD_LIBRARY_SEARCH_* flags
 * (and LDRP_SEARCH_ALTERED) | 1 (search.c). *flags & LDRP_DONT_RESOLVE_REFERENCES maps the DLL without
 * its imports or DllMain. A load that fails takes back every module it mapped.
 */
NTSTATUS WINAPI LdrLoadDll(PCWSTR path, PULONG flags, PCUNICODE_STRING name, PVOID *base)
{
    *base = NULL;
    char dll[MAX_NAME];
    WCHAR wide[MAX_NAME];
    if (!name_to_utf8(name, dll, sizeof dll) || name->Length / sizeof(WCHAR) >= ARRAY_SIZE(wide))
        return STATUS_INVALID_PARAMETER;
    memcpy(wide, name->Buffer, name->Length);
    wide[name->Length / sizeof(WCHAR)] = 0;
    LdrpAcquireLoaderLock();
    struct ldrp_load load;
    LdrpBeginLoad(&load, path, wide);
    load.dont_resolve = flags && (*flags & LDRP_DONT_RESOLVE_REFERENCES);
    LDRP_MODULE *m;
    NTSTATUS status = LdrpLoadDll(dll, NULL, &m);
    if (status == STATUS_SUCCESS && !LdrpInLdrInit)
        status = LdrpRunInitializeRoutines();
    if (status == STATUS_SUCCESS) {
        if (!m->Static && !m->Pinned)
            m->LoadCount++;
        publish_count(m);
        *base = m->Entry.DllBase;
    }
    LdrpEndLoad(&load, status);
    LdrpReleaseLoaderLock();
    return status;
}

/* One more reference to a loaded module (GetModuleHandleEx), or, with LDR_ADDREF_DLL_PIN, none needed
 * any more: the module stays to the end of the process. */
NTSTATUS WINAPI LdrAddRefDll(ULONG flags, PVOID base)
{
    if (flags & ~LDR_ADDREF_DLL_PIN)
        return STATUS_INVALID_PARAMETER;
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(base);
    if (m) {
        if (flags & LDR_ADDREF_DLL_PIN)
            m->Pinned = TRUE;
        else if (!m->Static && !m->Pinned)
            m->LoadCount++;
        publish_count(m);
    }
    LdrpReleaseLoaderLock();
    return m ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS WINAPI LdrGetDllHandle(PCWSTR path, PULONG flags, PCUNICODE_STRING name, PVOID *base)
{
    (void)path;
    (void)flags;
    *base = NULL;
    char dll[MAX_NAME];
    if (!name_to_utf8(name, dll, sizeof dll))
        return STATUS_INVALID_PARAMETER;
    const char *api = LdrpResolveApiSet(dll);
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindLoadedDll(api ? api : dll);
    if (m)
        *base = m->Entry.DllBase;
    LdrpReleaseLoaderLock();
    return m ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
}

NTSTATUS WINAPI LdrGetProcedureAddress(PVOID base, PANSI_STRING name, ULONG ordinal, PVOID *address)
{
    *address = NULL;
    char proc[PE_MAX_NAME + 1];
    if (name && (!name->Buffer || name->Length > PE_MAX_NAME))
        return STATUS_PROCEDURE_NOT_FOUND;
    if (name) {
        memcpy(proc, name->Buffer, name->Length);
        proc[name->Length] = 0;
    }
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(base);
    NTSTATUS status = m ? LdrpGetProcedureAddress(m, name ? proc : NULL, 0, ordinal, address, m) : STATUS_DLL_NOT_FOUND;
    if (status == STATUS_SUCCESS && !LdrpInLdrInit)
        status = LdrpRunInitializeRoutines();  /* a forwarder may have loaded a DLL */
    LdrpReleaseLoaderLock();
    return status;
}

/* The hard error of a process that cannot start: the kernel reports it (the message box of Windows). */
void LdrpRaiseHardError(NTSTATUS status, const char *first, const char *second)
{
    UNICODE_STRING params[2];
    WCHAR buf[2][MAX_NAME];
    const char *strings[2] = {first, second};
    ULONG_PTR args[2];
    ULONG n = 0;
    for (; n < 2 && strings[n]; n++) {
        ULONG bytes;
        RtlUTF8ToUnicodeN(buf[n], sizeof buf[n] - sizeof(WCHAR), &bytes, strings[n], (ULONG)strlen(strings[n]));
        buf[n][bytes / 2] = 0;
        RtlInitUnicodeString(&params[n], buf[n]);
        args[n] = (ULONG_PTR)&params[n];
    }
    ULONG response;
    NtRaiseHardError(status, n, (1u << n) - 1, args, 1 /* OptionOk */, &response);
}

/* m and, through it, the dependencies whose last reference was m's, into the set being unloaded. */
static void mark_unloading(LDRP_MODULE *m, PLIST_ENTRY set)
{
    m->Unloading = TRUE;
    InsertTailList(set, &m->UnloadLinks);
    for (ULONG i = 0; i < m->DependencyCount; i++) {
        LDRP_MODULE *dep = m->Dependencies[i];
        if (dep->Unloading || dep->Static || dep->Pinned || !dep->LoadCount)
            continue;
        if (--dep->LoadCount == 0)
            mark_unloading(dep, set);
        else
            publish_count(dep);
    }
}

void LdrpUnloadModule(LDRP_MODULE *m)
{
    LIST_ENTRY set;
    InitializeListHead(&set);
    mark_unloading(m, &set);
    unload_set(&set);
}

NTSTATUS WINAPI LdrUnloadDll(PVOID base)
{
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(base);
    NTSTATUS status = m ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
    if (m && !m->Static && !m->Pinned && m->LoadCount && !m->Unloading) {
        if (--m->LoadCount == 0)
            LdrpUnloadModule(m);
        else
            publish_count(m);
    }
    LdrpReleaseLoaderLock();
    return status;
}

/* DLL_THREAD_ATTACH/DETACH no more for this module; refused (STATUS_DLL_NOT_FOUND, as for an unknown module)
 * for a module with static TLS, whose callbacks need every thread, as Microsoft documents for
 * DisableThreadLibraryCalls. */
NTSTATUS WINAPI LdrDisableThreadCalloutsForDll(PVOID base)
{
    LdrpAcquireLoaderLock();
    LDRP_MODULE *m = LdrpFindModuleByBase(base);
    NTSTATUS status = m && m->TlsIndex == LDRP_NO_TLS ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
    if (status == STATUS_SUCCESS)
        m->Entry.Flags |= LDRP_DONT_CALL_FOR_THREADS;
    LdrpReleaseLoaderLock();
    return status;
}
