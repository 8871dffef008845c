/*
 * dbghelp.dll: symbols and stack walks for the current process without PDBs. A session
 * (SymInitialize) knows the modules of the process (all of them when invading, otherwise those given to
 * SymLoadModuleEx); a module's symbols are its export table, as dbghelp's SymExport type says, so
 * SymFromAddr names the nearest exported function at or below an address. StackWalk64/StackWalkEx
 * unwind x64 frames with the image's unwind data (RtlLookupFunctionEntry/RtlVirtualUnwind), a function
 * without unwind data being a leaf whose return address is at Rsp. Only the calling process can be
 * read: sessions for another process and custom memory readers are refused with
 * ERROR_CALL_NOT_IMPLEMENTED. Minidumps are not written (ERROR_CALL_NOT_IMPLEMENTED), and MSVC-decorated
 * names are not undecorated (UnDecorateSymbolName fails rather than returning the name unchanged).
 * Export tables carry no line numbers and no inline frames: the line queries fail, an inline context
 * is always 0. The search path is kept but no symbol files are looked for.
 */
#include <string.h>

#include "io/builtin.h"
#include "nt/pe.h"
#include "nt/peb.h"
#include "ntdll/rtl/exception.h"
#include "ntdll/rtl/rtl.h"
#include "ntdll/rtl/sync.h"
#include "ntdll/rtl/unwind.h"
#include "win32/k32.h"

#define SYMOPT_UNDNAME         0x00000002
#define SYMOPT_DEFERRED_LOADS  0x00000004

#define SYMFLAG_EXPORT         0x00000200
#define SymTagPublicSymbol     10
#define SymExport              4
#define IMAGE_FILE_MACHINE_AMD64 0x8664

typedef struct {
    ULONG SizeOfStruct;
    ULONG TypeIndex;
    ULONG64 Reserved[2];
    ULONG Index;
    ULONG Size;
    ULONG64 ModBase;
    ULONG Flags;
    ULONG64 Value;
    ULONG64 Address;
    ULONG Register;
    ULONG Scope;
    ULONG Tag;
    ULONG NameLen;
    ULONG MaxNameLen;
    CHAR Name[1];
} SYMBOL_INFO;

typedef struct {
    ULONG SizeOfStruct;
    ULONG TypeIndex;
    ULONG64 Reserved[2];
    ULONG Index;
    ULONG Size;
    ULONG64 ModBase;
    ULONG Flags;
    ULONG64 Value;
    ULONG64 Address;
    ULONG Register;
    ULONG Scope;
    ULONG Tag;
    ULONG NameLen;
    ULONG MaxNameLen;
    WCHAR Name[1];
} SYMBOL_INFOW;

static_assert(offsetof(SYMBOL_INFO, Name) == 84, "SYMBOL_INFO.Name");

typedef struct {
    DWORD SizeOfStruct;
    DWORD64 Address;
    DWORD Size;
    DWORD Flags;
    DWORD MaxNameLength;
    CHAR Name[1];
} IMAGEHLP_SYMBOL64;

typedef struct {
    DWORD SizeOfStruct;
    DWORD64 BaseOfImage;
    DWORD ImageSize;
    DWORD TimeDateStamp;
    DWORD CheckSum;
    DWORD NumSyms;
    DWORD SymType;
    CHAR ModuleName[32];
    CHAR ImageName[256];
    CHAR LoadedImageName[256];
    CHAR LoadedPdbName[256];
    DWORD CVSig;
    CHAR CVData[MAX_PATH * 3];
    DWORD PdbSig;
    GUID PdbSig70;
    DWORD PdbAge;
    BOOL PdbUnmatched, DbgUnmatched, LineNumbers, GlobalSymbols, TypeInfo, SourceIndexed, Publics;
    DWORD MachineType;
    DWORD Reserved;
} IMAGEHLP_MODULE64;

typedef struct {
    DWORD SizeOfStruct;
    DWORD64 BaseOfImage;
    DWORD ImageSize;
    DWORD TimeDateStamp;
    DWORD CheckSum;
    DWORD NumSyms;
    DWORD SymType;
    WCHAR ModuleName[32];
    WCHAR ImageName[256];
    WCHAR LoadedImageName[256];
    WCHAR LoadedPdbName[256];
    DWORD CVSig;
    WCHAR CVData[MAX_PATH * 3];
    DWORD PdbSig;
    GUID PdbSig70;
    DWORD PdbAge;
    BOOL PdbUnmatched, DbgUnmatched, LineNumbers, GlobalSymbols, TypeInfo, SourceIndexed, Publics;
    DWORD MachineType;
    DWORD Reserved;
} IMAGEHLP_MODULEW64;

typedef struct {
    DWORD64 Offset;
    WORD Segment;
    DWORD Mode;
} ADDRESS64;

typedef struct {
    DWORD64 Thread;
    DWORD ThCallbackStack, ThCallbackBStore, NextCallback, FramePointer;
    DWORD64 KiCallUserMode, KeUserCallbackDispatcher, SystemRangeStart, KiUserExceptionDispatcher;
    DWORD64 StackBase, StackLimit;
    DWORD BuildVersion, RetpolineStubFunctionTableSize;
    DWORD64 RetpolineStubFunctionTable;
    DWORD RetpolineStubOffset, RetpolineStubSize;
    DWORD64 Reserved0[2];
} KDHELP64;

typedef struct {
    ADDRESS64 AddrPC, AddrReturn, AddrFrame, AddrStack, AddrBStore;
    PVOID FuncTableEntry;
    DWORD64 Params[4];
    BOOL Far, Virtual;
    DWORD64 Reserved[3];
    KDHELP64 KdHelp;
} STACKFRAME64;

typedef struct {
    STACKFRAME64 f;
    DWORD StackFrameSize;
    DWORD InlineFrameContext;
} STACKFRAME_EX;

static_assert(sizeof(STACKFRAME64) == 264, "STACKFRAME64");

#define AddrModeFlat 3

/* ---- sessions ---- */

#define MAX_SESSIONS 16
#define MAX_MODULES 256

struct module {
    ULONG64 base;
    DWORD size;
};

struct session {
    HANDLE process;
    BOOL used, invade;
    WCHAR search_path[MAX_PATH];
    DWORD nmodules;
    struct module modules[MAX_MODULES];
};

static struct session sessions[MAX_SESSIONS];
static DWORD options = SYMOPT_UNDNAME | SYMOPT_DEFERRED_LOADS;
static RTL_SRWLOCK lock;

/* Only the calling process can be read from here. */
static BOOL is_self(HANDLE process)
{
    return process == GetCurrentProcess() || GetProcessId(process) == GetCurrentProcessId();
}

static struct session *find_session(HANDLE process)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (sessions[i].used && sessions[i].process == process)
            return &sessions[i];
    return NULL;
}

static const IMAGE_NT_HEADERS64 *nt_headers(ULONG64 base)
{
    return RtlImageNtHeader((HMODULE)base);
}

/* The loader's entry for the module at base, or NULL. */
static const LDR_DATA_TABLE_ENTRY *ldr_entry(ULONG64 base)
{
    const LIST_ENTRY *head = &BaseCurrentPeb()->Ldr->InLoadOrderModuleList;
    for (const LIST_ENTRY *e = head->Flink; e != head; e = e->Flink) {
        const LDR_DATA_TABLE_ENTRY *m = (const LDR_DATA_TABLE_ENTRY *)e;
        if ((ULONG64)m->DllBase == base)
            return m;
    }
    return NULL;
}

static BOOL session_add(struct session *s, ULONG64 base, DWORD size)
{
    for (DWORD i = 0; i < s->nmodules; i++)
        if (s->modules[i].base == base)
            return TRUE;
    if (s->nmodules == MAX_MODULES)
        return FALSE;
    s->modules[s->nmodules].base = base;
    s->modules[s->nmodules].size = size;
    s->nmodules++;
    return TRUE;
}

static void invade(struct session *s)
{
    const LIST_ENTRY *head = &BaseCurrentPeb()->Ldr->InLoadOrderModuleList;
    for (const LIST_ENTRY *e = head->Flink; e != head; e = e->Flink) {
        const LDR_DATA_TABLE_ENTRY *m = (const LDR_DATA_TABLE_ENTRY *)e;
        session_add(s, (ULONG64)m->DllBase, m->SizeOfImage);
    }
}

/* The session's module holding addr; an invading session also sees modules loaded since. */
static const struct module *module_at(struct session *s, ULONG64 addr)
{
    for (int pass = 0; pass < 2; pass++) {
        for (DWORD i = 0; i < s->nmodules; i++)
            if (addr >= s->modules[i].base && addr - s->modules[i].base < s->modules[i].size)
                return &s->modules[i];
        if (!s->invade || pass)
            break;
        invade(s);
    }
    return NULL;
}

static void set_path(struct session *s, const WCHAR *path)
{
    size_t i = 0;
    if (path)
        for (; path[i] && i + 1 < MAX_PATH; i++)
            s->search_path[i] = path[i];
    s->search_path[i] = 0;
}

BOOL WINAPI SymInitializeW(HANDLE process, const WCHAR *search_path, BOOL invade_process)
{
    if (!is_self(process)) {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return FALSE;
    }
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    if (s) {
        RtlReleaseSRWLockExclusive(&lock);
        SetLastError(ERROR_INVALID_PARAMETER);   /* one session per process handle */
        return FALSE;
    }
    for (int i = 0; i < MAX_SESSIONS && !s; i++)
        if (!sessions[i].used)
            s = &sessions[i];
    if (!s) {
        RtlReleaseSRWLockExclusive(&lock);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memset(s, 0, sizeof *s);
    s->used = TRUE;
    s->process = process;
    s->invade = invade_process;
    set_path(s, search_path);
    if (invade_process)
        invade(s);
    RtlReleaseSRWLockExclusive(&lock);
    return TRUE;
}

static WCHAR *widen(const char *s, WCHAR *buf, size_t n);

BOOL WINAPI SymInitialize(HANDLE process, const char *search_path, BOOL invade_process)
{
    WCHAR path[MAX_PATH];
    return SymInitializeW(process, widen(search_path, path, MAX_PATH), invade_process);
}

BOOL WINAPI SymCleanup(HANDLE process)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    if (s)
        s->used = FALSE;
    RtlReleaseSRWLockExclusive(&lock);
    if (!s) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

DWORD WINAPI SymSetOptions(DWORD opts)
{
    options = opts;
    return options;
}

DWORD WINAPI SymGetOptions(void)
{
    return options;
}

/* A module already in the session answers 0 with ERROR_SUCCESS, as documented. Only images mapped in
 * this process can be added (by base or by their loaded file or module name). */
DWORD64 WINAPI SymLoadModuleExW(HANDLE process, HANDLE file, const WCHAR *image, const WCHAR *module_name,
                                DWORD64 base, DWORD size, PVOID data, DWORD flags)
{
    (void)file, (void)module_name, (void)size, (void)data, (void)flags;
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    if (!s) {
        RtlReleaseSRWLockExclusive(&lock);
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    const LDR_DATA_TABLE_ENTRY *m = base ? ldr_entry(base) : NULL;
    if (!m && image) {
        const WCHAR *name = image;
        for (const WCHAR *p = image; *p; p++)
            if (*p == '\\' || *p == '/')
                name = p + 1;
        const LIST_ENTRY *head = &BaseCurrentPeb()->Ldr->InLoadOrderModuleList;
        for (const LIST_ENTRY *e = head->Flink; e != head && !m; e = e->Flink) {
            const LDR_DATA_TABLE_ENTRY *c = (const LDR_DATA_TABLE_ENTRY *)e;
            size_t n = c->BaseDllName.Length / sizeof(WCHAR), k = 0;
            while (name[k])
                k++;
            BOOL same = n == k;
            for (size_t i = 0; same && i < n; i++) {
                WCHAR a = c->BaseDllName.Buffer[i], b = name[i];
                same = (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
            }
            if (same)
                m = c;
        }
    }
    if (!m) {
        RtlReleaseSRWLockExclusive(&lock);
        SetLastError(base ? ERROR_INVALID_ADDRESS : ERROR_CALL_NOT_IMPLEMENTED);   /* no image loading from files */
        return 0;
    }
    for (DWORD i = 0; i < s->nmodules; i++) {
        if (s->modules[i].base == (ULONG64)m->DllBase) {
            RtlReleaseSRWLockExclusive(&lock);
            SetLastError(ERROR_SUCCESS);
            return 0;
        }
    }
    BOOL ok = session_add(s, (ULONG64)m->DllBase, m->SizeOfImage);
    RtlReleaseSRWLockExclusive(&lock);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    return (DWORD64)m->DllBase;
}

static WCHAR *widen(const char *s, WCHAR *buf, size_t n)
{
    if (!s)
        return NULL;
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        buf[i] = (WCHAR)(unsigned char)s[i];
    buf[i] = 0;
    return buf;
}

DWORD64 WINAPI SymLoadModuleEx(HANDLE process, HANDLE file, const char *image, const char *module_name,
                               DWORD64 base, DWORD size, PVOID data, DWORD flags)
{
    WCHAR img[MAX_PATH], mod[MAX_PATH];
    return SymLoadModuleExW(process, file, widen(image, img, MAX_PATH), widen(module_name, mod, MAX_PATH), base,
                            size, data, flags);
}

DWORD64 WINAPI SymLoadModule64(HANDLE process, HANDLE file, const char *image, const char *module_name,
                               DWORD64 base, DWORD size)
{
    return SymLoadModuleEx(process, file, image, module_name, base, size, NULL, 0);
}

BOOL WINAPI SymUnloadModule64(HANDLE process, DWORD64 base)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    BOOL found = FALSE;
    for (DWORD i = 0; s && i < s->nmodules; i++) {
        if (s->modules[i].base == base) {
            s->modules[i] = s->modules[--s->nmodules];
            found = TRUE;
            break;
        }
    }
    RtlReleaseSRWLockExclusive(&lock);
    if (!found)
        SetLastError(s ? ERROR_MOD_NOT_FOUND : ERROR_INVALID_HANDLE);
    return found;
}

/* The export of base nearest at or below rva: its name (NULL for ordinal-only exports) and rva. */
static BOOL nearest_export(ULONG64 base, DWORD rva, const char **name, DWORD *found_rva, DWORD *nsyms)
{
    ULONG size = 0;
    const IMAGE_EXPORT_DIRECTORY *dir = RtlImageDirectoryEntryToData((HMODULE)base, TRUE, 0, &size);
    if (!dir || !size)
        return FALSE;
    DWORD dir_rva = (DWORD)((ULONG64)dir - base);
    const DWORD *funcs = (const DWORD *)(base + dir->AddressOfFunctions);
    const DWORD *names = (const DWORD *)(base + dir->AddressOfNames);
    const WORD *ords = (const WORD *)(base + dir->AddressOfNameOrdinals);
    DWORD best = 0, best_index = ~0u;
    for (DWORD i = 0; i < dir->NumberOfFunctions; i++) {
        DWORD f = funcs[i];
        if (!f || (f >= dir_rva && f < dir_rva + size))
            continue;   /* unused slot or forwarder */
        if (f <= rva && (best_index == ~0u || f > best))
            best = f, best_index = i;
    }
    if (nsyms)
        *nsyms = dir->NumberOfNames;
    if (best_index == ~0u)
        return FALSE;
    *name = NULL;
    for (DWORD i = 0; i < dir->NumberOfNames; i++)
        if (ords[i] == best_index)
            *name = (const char *)(base + names[i]);
    *found_rva = best;
    return TRUE;
}

/* Resolves addr to a symbol name (at most cap-1 characters copied) and address. */
static BOOL lookup(HANDLE process, DWORD64 addr, char *out, size_t cap, size_t *full_len, DWORD64 *sym,
                   DWORD64 *mod_base)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    const struct module *m = s ? module_at(s, addr) : NULL;
    ULONG64 base = m ? m->base : 0;
    RtlReleaseSRWLockExclusive(&lock);
    if (!s) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!m) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return FALSE;
    }
    const char *name;
    DWORD rva;
    if (!nearest_export(base, (DWORD)(addr - base), &name, &rva, NULL)) {
        SetLastError(ERROR_INVALID_ADDRESS);
        return FALSE;
    }
    char ordinal[24];
    if (!name) {
        strcpy(ordinal, "Ordinal");   /* an export without a name */
        name = ordinal;
    }
    size_t n = strlen(name);
    *full_len = n;
    if (cap) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(out, name, k);
        out[k] = 0;
    }
    *sym = base + rva;
    *mod_base = base;
    return TRUE;
}

static BOOL symbol_from_addr(HANDLE process, DWORD64 addr, DWORD64 *disp, SYMBOL_INFO *si, SYMBOL_INFOW *siw)
{
    ULONG max = si ? si->MaxNameLen : siw->MaxNameLen;
    char name[512];
    size_t len;
    DWORD64 sym, base;
    if (!lookup(process, addr, name, sizeof name, &len, &sym, &base))
        return FALSE;
    size_t copy = max ? (len < max - 1 ? len : max - 1) : 0;
    if (si) {
        si->TypeIndex = 0, si->Index = 0, si->Size = 0, si->ModBase = base, si->Flags = SYMFLAG_EXPORT;
        si->Value = 0, si->Address = sym, si->Register = 0, si->Scope = 0, si->Tag = SymTagPublicSymbol;
        si->NameLen = (ULONG)len;
        if (max) {
            memcpy(si->Name, name, copy);
            si->Name[copy] = 0;
        }
    } else {
        siw->TypeIndex = 0, siw->Index = 0, siw->Size = 0, siw->ModBase = base, siw->Flags = SYMFLAG_EXPORT;
        siw->Value = 0, siw->Address = sym, siw->Register = 0, siw->Scope = 0, siw->Tag = SymTagPublicSymbol;
        siw->NameLen = (ULONG)len;
        if (max) {
            for (size_t i = 0; i < copy; i++)
                siw->Name[i] = (WCHAR)(unsigned char)name[i];
            siw->Name[copy] = 0;
        }
    }
    if (disp)
        *disp = addr - sym;
    return TRUE;
}

BOOL WINAPI SymFromAddr(HANDLE process, DWORD64 addr, DWORD64 *disp, SYMBOL_INFO *si)
{
    if (!si) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return symbol_from_addr(process, addr, disp, si, NULL);
}

BOOL WINAPI SymFromAddrW(HANDLE process, DWORD64 addr, DWORD64 *disp, SYMBOL_INFOW *si)
{
    if (!si) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return symbol_from_addr(process, addr, disp, NULL, si);
}

BOOL WINAPI SymGetSymFromAddr64(HANDLE process, DWORD64 addr, DWORD64 *disp, IMAGEHLP_SYMBOL64 *sym)
{
    if (!sym) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t len;
    DWORD64 at, base;
    if (!lookup(process, addr, sym->Name, sym->MaxNameLength, &len, &at, &base))
        return FALSE;
    sym->Address = at;
    sym->Size = 0;
    sym->Flags = SYMFLAG_EXPORT;
    if (disp)
        *disp = addr - at;
    return TRUE;
}

DWORD64 WINAPI SymGetModuleBase64(HANDLE process, DWORD64 addr)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    const struct module *m = s ? module_at(s, addr) : NULL;
    DWORD64 base = m ? m->base : 0;
    RtlReleaseSRWLockExclusive(&lock);
    if (!base)
        SetLastError(s ? ERROR_MOD_NOT_FOUND : ERROR_INVALID_HANDLE);
    return base;
}

PVOID WINAPI SymFunctionTableAccess64(HANDLE process, DWORD64 addr)
{
    DWORD64 base;
    if (!SymGetModuleBase64(process, addr))
        return NULL;
    return RtlLookupFunctionEntry(addr, &base, NULL);
}

static BOOL module_info(HANDLE process, DWORD64 addr, IMAGEHLP_MODULEW64 *w)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    const struct module *m = s ? module_at(s, addr) : NULL;
    struct module copy = m ? *m : (struct module){0};
    RtlReleaseSRWLockExclusive(&lock);
    if (!m) {
        SetLastError(s ? ERROR_MOD_NOT_FOUND : ERROR_INVALID_HANDLE);
        return FALSE;
    }
    memset(w, 0, sizeof *w);
    const IMAGE_NT_HEADERS64 *nt = nt_headers(copy.base);
    w->BaseOfImage = copy.base;
    w->ImageSize = copy.size;
    w->TimeDateStamp = nt ? nt->FileHeader.TimeDateStamp : 0;
    w->CheckSum = nt ? nt->OptionalHeader.CheckSum : 0;
    const char *dummy;
    DWORD rva, nsyms = 0;
    nearest_export(copy.base, ~0u, &dummy, &rva, &nsyms);
    w->NumSyms = nsyms;
    w->SymType = SymExport;
    w->MachineType = IMAGE_FILE_MACHINE_AMD64;
    const LDR_DATA_TABLE_ENTRY *e = ldr_entry(copy.base);
    if (e) {
        size_t n = e->BaseDllName.Length / sizeof(WCHAR), dot = n;
        for (size_t i = 0; i < n; i++)
            if (e->BaseDllName.Buffer[i] == '.')
                dot = i;
        for (size_t i = 0; i < dot && i < 31; i++)
            w->ModuleName[i] = e->BaseDllName.Buffer[i];
        size_t f = e->FullDllName.Length / sizeof(WCHAR);
        for (size_t i = 0; i < f && i < 255; i++)
            w->ImageName[i] = w->LoadedImageName[i] = e->FullDllName.Buffer[i];
    }
    return TRUE;
}

/* SizeOfStruct may name an older, shorter layout; the fields it covers are filled. */
BOOL WINAPI SymGetModuleInfoW64(HANDLE process, DWORD64 addr, IMAGEHLP_MODULEW64 *info)
{
    if (!info || info->SizeOfStruct < offsetof(IMAGEHLP_MODULEW64, LoadedPdbName)
        || info->SizeOfStruct > sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    IMAGEHLP_MODULEW64 w;
    if (!module_info(process, addr, &w))
        return FALSE;
    DWORD size = info->SizeOfStruct;
    memcpy((BYTE *)info + sizeof(DWORD), (BYTE *)&w + sizeof(DWORD), size - sizeof(DWORD));
    return TRUE;
}

BOOL WINAPI SymGetModuleInfo64(HANDLE process, DWORD64 addr, IMAGEHLP_MODULE64 *info)
{
    if (!info || info->SizeOfStruct < offsetof(IMAGEHLP_MODULE64, LoadedPdbName)
        || info->SizeOfStruct > sizeof *info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    IMAGEHLP_MODULEW64 w;
    if (!module_info(process, addr, &w))
        return FALSE;
    IMAGEHLP_MODULE64 a;
    memset(&a, 0, sizeof a);
    a.BaseOfImage = w.BaseOfImage, a.ImageSize = w.ImageSize, a.TimeDateStamp = w.TimeDateStamp;
    a.CheckSum = w.CheckSum, a.NumSyms = w.NumSyms, a.SymType = w.SymType, a.MachineType = w.MachineType;
    for (int i = 0; i < 32; i++)
        a.ModuleName[i] = (CHAR)w.ModuleName[i];
    for (int i = 0; i < 256; i++)
        a.ImageName[i] = a.LoadedImageName[i] = (CHAR)w.ImageName[i];
    DWORD size = info->SizeOfStruct;
    memcpy((BYTE *)info + sizeof(DWORD), (BYTE *)&a + sizeof(DWORD), size - sizeof(DWORD));
    return TRUE;
}

/* ---- stack walking ---- */

typedef BOOL (WINAPI *read_memory_fn)(HANDLE, DWORD64, PVOID, DWORD, LPDWORD);

/* The first call reports the context's own frame; each later call unwinds the context one frame. The
 * walk ends (FALSE) at a zero return address or when the stack pointer stops growing. */
static BOOL walk(DWORD machine, HANDLE process, STACKFRAME64 *frame, CONTEXT *ctx, read_memory_fn read_memory)
{
    if (machine != IMAGE_FILE_MACHINE_AMD64 || !frame || !ctx) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!is_self(process) || read_memory) {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);   /* only this process's memory, read directly */
        return FALSE;
    }
    if (frame->Reserved[0] == 0x4E544558 /* "NTEX": a frame we reported */ && frame->AddrPC.Offset == ctx->Rip) {
        DWORD64 base = 0, sp = ctx->Rsp;
        PRUNTIME_FUNCTION rf = RtlLookupFunctionEntry(ctx->Rip, &base, NULL);
        if (rf) {
            PVOID handler_data;
            DWORD64 establisher;
            RtlVirtualUnwind(0, base, ctx->Rip, rf, ctx, &handler_data, &establisher, NULL);
        } else {
            ctx->Rip = *(DWORD64 *)ctx->Rsp;
            ctx->Rsp += 8;
        }
        if (!ctx->Rip || ctx->Rsp <= sp) {
            SetLastError(ERROR_NO_MORE_ITEMS);
            return FALSE;
        }
    }
    memset(frame, 0, offsetof(STACKFRAME64, KdHelp));
    frame->AddrPC.Offset = ctx->Rip, frame->AddrPC.Mode = AddrModeFlat;
    frame->AddrStack.Offset = ctx->Rsp, frame->AddrStack.Mode = AddrModeFlat;
    frame->AddrFrame.Offset = ctx->Rbp, frame->AddrFrame.Mode = AddrModeFlat;
    frame->Reserved[0] = 0x4E544558;
    /* The return address: unwind a copy one frame further. */
    CONTEXT next = *ctx;
    DWORD64 base = 0;
    PRUNTIME_FUNCTION rf = RtlLookupFunctionEntry(next.Rip, &base, NULL);
    frame->FuncTableEntry = rf;
    if (rf) {
        PVOID handler_data;
        DWORD64 establisher;
        RtlVirtualUnwind(0, base, next.Rip, rf, &next, &handler_data, &establisher, NULL);
        frame->AddrReturn.Offset = next.Rip;
        for (int i = 0; i < 4; i++)
            frame->Params[i] = ((DWORD64 *)next.Rsp)[i];
    } else {
        frame->AddrReturn.Offset = *(DWORD64 *)ctx->Rsp;
    }
    frame->AddrReturn.Mode = AddrModeFlat;
    return TRUE;
}

BOOL WINAPI StackWalk64(DWORD machine, HANDLE process, HANDLE thread, STACKFRAME64 *frame, PVOID ctx,
                        read_memory_fn read_memory, PVOID table_access, PVOID get_module_base,
                        PVOID translate)
{
    (void)thread, (void)table_access, (void)get_module_base, (void)translate;
    return walk(machine, process, frame, ctx, read_memory);
}

BOOL WINAPI StackWalkEx(DWORD machine, HANDLE process, HANDLE thread, STACKFRAME_EX *frame, PVOID ctx,
                        read_memory_fn read_memory, PVOID table_access, PVOID get_module_base,
                        PVOID translate, DWORD flags)
{
    (void)thread, (void)table_access, (void)get_module_base, (void)translate, (void)flags;
    if (!frame || frame->StackFrameSize < sizeof(STACKFRAME_EX)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    BOOL ok = walk(machine, process, &frame->f, ctx, read_memory);
    frame->InlineFrameContext = 0;
    return ok;
}


/* The path is kept for the session; no symbol files are searched for along it. */
BOOL WINAPI SymSetSearchPathW(HANDLE process, const WCHAR *path)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    if (s)
        set_path(s, path);
    RtlReleaseSRWLockExclusive(&lock);
    if (!s)
        SetLastError(ERROR_INVALID_HANDLE);
    return s != NULL;
}

BOOL WINAPI SymSetSearchPath(HANDLE process, const char *path)
{
    WCHAR w[MAX_PATH];
    return SymSetSearchPathW(process, widen(path, w, MAX_PATH));
}

BOOL WINAPI SymGetSearchPathW(HANDLE process, WCHAR *out, DWORD size)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    BOOL ok = s && out && size;
    if (ok) {
        DWORD i = 0;
        for (; s->search_path[i] && i + 1 < size; i++)
            out[i] = s->search_path[i];
        out[i] = 0;
    }
    RtlReleaseSRWLockExclusive(&lock);
    if (!ok)
        SetLastError(s ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
    return ok;
}

BOOL WINAPI SymGetSearchPath(HANDLE process, char *out, DWORD size)
{
    WCHAR w[MAX_PATH];
    if (!out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!SymGetSearchPathW(process, w, MAX_PATH))
        return FALSE;
    DWORD i = 0;
    for (; w[i] && i + 1 < size; i++)
        out[i] = (char)w[i];
    out[i] = 0;
    return TRUE;
}

BOOL WINAPI SymRefreshModuleList(HANDLE process)
{
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    if (s)
        invade(s);
    RtlReleaseSRWLockExclusive(&lock);
    if (!s)
        SetLastError(ERROR_INVALID_HANDLE);
    return s != NULL;
}

static BOOL module_name_is(ULONG64 base, const char *name, size_t n)
{
    const LDR_DATA_TABLE_ENTRY *e = ldr_entry(base);
    if (!e)
        return FALSE;
    size_t len = e->BaseDllName.Length / sizeof(WCHAR), dot = len;
    for (size_t i = 0; i < len; i++)
        if (e->BaseDllName.Buffer[i] == '.')
            dot = i;
    if (dot != n)
        return FALSE;
    for (size_t i = 0; i < n; i++) {
        WCHAR a = e->BaseDllName.Buffer[i];
        char b = name[i];
        if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != (b >= 'A' && b <= 'Z' ? b + 32 : b))
            return FALSE;
    }
    return TRUE;
}

/* "name" or "module!name" (the module without its extension), an exact export name. */
BOOL WINAPI SymFromName(HANDLE process, const char *name, SYMBOL_INFO *si)
{
    if (!name || !si) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const char *bang = strchr(name, '!'), *sym = bang ? bang + 1 : name;
    RtlAcquireSRWLockExclusive(&lock);
    struct session *s = find_session(process);
    if (s && s->invade)
        invade(s);
    DWORD nmodules = s ? s->nmodules : 0;
    struct module mods[MAX_MODULES];
    if (s)
        memcpy(mods, s->modules, nmodules * sizeof *mods);
    RtlReleaseSRWLockExclusive(&lock);
    if (!s) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    for (DWORD m = 0; m < nmodules; m++) {
        ULONG64 base = mods[m].base;
        if (bang && !module_name_is(base, name, (size_t)(bang - name)))
            continue;
        ULONG size = 0;
        const IMAGE_EXPORT_DIRECTORY *dir = RtlImageDirectoryEntryToData((HMODULE)base, TRUE, 0, &size);
        if (!dir || !size)
            continue;
        const DWORD *funcs = (const DWORD *)(base + dir->AddressOfFunctions);
        const DWORD *names = (const DWORD *)(base + dir->AddressOfNames);
        const WORD *ords = (const WORD *)(base + dir->AddressOfNameOrdinals);
        for (DWORD i = 0; i < dir->NumberOfNames; i++) {
            if (strcmp((const char *)(base + names[i]), sym))
                continue;
            DWORD64 disp;
            return symbol_from_addr(process, base + funcs[ords[i]], &disp, si, NULL);
        }
    }
    SetLastError(ERROR_MOD_NOT_FOUND);
    return FALSE;
}

/* Without PDBs there are no inline frames: an inline context is always 0, the plain address. */
BOOL WINAPI SymFromInlineContext(HANDLE process, DWORD64 addr, ULONG context, DWORD64 *disp, SYMBOL_INFO *si)
{
    (void)context;
    return SymFromAddr(process, addr, disp, si);
}

BOOL WINAPI SymFromInlineContextW(HANDLE process, DWORD64 addr, ULONG context, DWORD64 *disp, SYMBOL_INFOW *si)
{
    (void)context;
    return SymFromAddrW(process, addr, disp, si);
}

DWORD WINAPI SymAddrIncludeInlineTrace(HANDLE process, DWORD64 addr)
{
    (void)process, (void)addr;
    return 0;
}

typedef BOOL (WINAPI *enum_modules_w_fn)(const WCHAR *name, DWORD64 base, ULONG size, PVOID ctx);
typedef BOOL (WINAPI *enum_modules_a_fn)(const char *name, DWORD64 base, ULONG size, PVOID ctx);

/* The modules of the process in load order, each with its full path; a callback answering FALSE stops. */
static BOOL enumerate_modules(HANDLE process, enum_modules_w_fn wcb, enum_modules_a_fn acb, PVOID ctx)
{
    if (!is_self(process)) {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return FALSE;
    }
    if (!wcb && !acb) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const LIST_ENTRY *head = &BaseCurrentPeb()->Ldr->InLoadOrderModuleList;
    for (const LIST_ENTRY *e = head->Flink; e != head; e = e->Flink) {
        const LDR_DATA_TABLE_ENTRY *m = (const LDR_DATA_TABLE_ENTRY *)e;
        WCHAR w[MAX_PATH];
        size_t n = m->FullDllName.Length / sizeof(WCHAR);
        if (n >= MAX_PATH)
            n = MAX_PATH - 1;
        memcpy(w, m->FullDllName.Buffer, n * sizeof(WCHAR));
        w[n] = 0;
        BOOL go;
        if (wcb) {
            go = wcb(w, (DWORD64)m->DllBase, m->SizeOfImage, ctx);
        } else {
            char a[MAX_PATH];
            for (size_t i = 0; i <= n; i++)
                a[i] = w[i] < 0x80 ? (char)w[i] : '?';
            go = acb(a, (DWORD64)m->DllBase, m->SizeOfImage, ctx);
        }
        if (!go)
            break;
    }
    return TRUE;
}

BOOL WINAPI EnumerateLoadedModulesW64(HANDLE process, enum_modules_w_fn cb, PVOID ctx)
{
    return enumerate_modules(process, cb, NULL, ctx);
}

BOOL WINAPI EnumerateLoadedModules64(HANDLE process, enum_modules_a_fn cb, PVOID ctx)
{
    return enumerate_modules(process, NULL, cb, ctx);
}

/* Export tables carry no line numbers. */
BOOL WINAPI SymGetLineFromAddr64(HANDLE process, DWORD64 addr, DWORD *disp, PVOID line)
{
    (void)disp, (void)line;
    if (SymGetModuleBase64(process, addr))
        SetLastError(ERROR_INVALID_ADDRESS);
    return FALSE;
}

BOOL WINAPI SymGetLineFromAddrW64(HANDLE process, DWORD64 addr, DWORD *disp, PVOID line)
{
    return SymGetLineFromAddr64(process, addr, disp, line);
}

BOOL WINAPI SymGetLineFromInlineContextW(HANDLE process, DWORD64 addr, ULONG context, DWORD64 module_base,
                                         DWORD *disp, PVOID line)
{
    (void)context, (void)module_base;
    return SymGetLineFromAddr64(process, addr, disp, line);
}

/* ---- names, images, dumps ---- */

/* MSVC-decorated names ('?') are not undecorated here; anything else is copied as it is. */
DWORD WINAPI UnDecorateSymbolName(const char *name, char *out, DWORD size, DWORD flags)
{
    (void)flags;
    if (!name || !out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (name[0] == '?') {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return 0;
    }
    size_t n = strlen(name);
    if (n > size - 1)
        n = size - 1;
    memcpy(out, name, n);
    out[n] = 0;
    return (DWORD)n;
}

DWORD WINAPI UnDecorateSymbolNameW(const WCHAR *name, WCHAR *out, DWORD size, DWORD flags)
{
    (void)flags;
    if (!name || !out || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (name[0] == '?') {
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return 0;
    }
    size_t n = 0;
    while (name[n])
        n++;
    if (n > size - 1)
        n = size - 1;
    memcpy(out, name, n * sizeof(WCHAR));
    out[n] = 0;
    return (DWORD)n;
}

BOOL WINAPI MiniDumpWriteDump(HANDLE process, DWORD pid, HANDLE file, DWORD type, PVOID exception,
                              PVOID user_stream, PVOID callback)
{
    (void)process, (void)pid, (void)file, (void)type, (void)exception, (void)user_stream, (void)callback;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

PVOID WINAPI ImageNtHeader(PVOID base)
{
    return RtlImageNtHeader(base);
}

PVOID WINAPI ImageDirectoryEntryToDataEx(PVOID base, BOOLEAN image, USHORT dir, PULONG size,
                                         IMAGE_SECTION_HEADER **section)
{
    if (section)
        *section = NULL;
    PVOID p = RtlImageDirectoryEntryToData(base, image, dir, size);
    if (p && !image && section) {
        const IMAGE_NT_HEADERS64 *nt = RtlImageNtHeader(base);
        IMAGE_SECTION_HEADER *sec = (IMAGE_SECTION_HEADER *)((BYTE *)&nt->OptionalHeader
                                                             + nt->FileHeader.SizeOfOptionalHeader);
        ULONG64 off = (ULONG64)p - (ULONG64)base;
        for (WORD i = 0; i < nt->FileHeader.NumberOfSections; i++)
            if (off >= sec[i].PointerToRawData && off < sec[i].PointerToRawData + sec[i].SizeOfRawData)
                *section = &sec[i];
    }
    return p;
}

PVOID WINAPI ImageDirectoryEntryToData(PVOID base, BOOLEAN image, USHORT dir, PULONG size)
{
    return ImageDirectoryEntryToDataEx(base, image, dir, size, NULL);
}

static const struct builtin_export dbghelp_exports[] = {
    BUILTIN_FUNCTION("ImageDirectoryEntryToData", ImageDirectoryEntryToData),
    BUILTIN_FUNCTION("ImageDirectoryEntryToDataEx", ImageDirectoryEntryToDataEx),
    BUILTIN_FUNCTION("ImageNtHeader", ImageNtHeader),
    BUILTIN_FUNCTION("MiniDumpWriteDump", MiniDumpWriteDump),
    BUILTIN_FUNCTION("StackWalk64", StackWalk64),
    BUILTIN_FUNCTION("StackWalkEx", StackWalkEx),
    BUILTIN_FUNCTION("SymCleanup", SymCleanup),
    BUILTIN_FUNCTION("SymFromAddr", SymFromAddr),
    BUILTIN_FUNCTION("SymFromAddrW", SymFromAddrW),
    BUILTIN_FUNCTION("SymFunctionTableAccess64", SymFunctionTableAccess64),
    BUILTIN_FUNCTION("SymGetModuleBase64", SymGetModuleBase64),
    BUILTIN_FUNCTION("SymGetModuleInfo64", SymGetModuleInfo64),
    BUILTIN_FUNCTION("SymGetModuleInfoW64", SymGetModuleInfoW64),
    BUILTIN_FUNCTION("SymGetOptions", SymGetOptions),
    BUILTIN_FUNCTION("SymGetSymFromAddr64", SymGetSymFromAddr64),
    BUILTIN_FUNCTION("SymInitialize", SymInitialize),
    BUILTIN_FUNCTION("SymInitializeW", SymInitializeW),
    BUILTIN_FUNCTION("SymLoadModule64", SymLoadModule64),
    BUILTIN_FUNCTION("SymLoadModuleEx", SymLoadModuleEx),
    BUILTIN_FUNCTION("SymLoadModuleExW", SymLoadModuleExW),
    BUILTIN_FUNCTION("SymSetOptions", SymSetOptions),
    BUILTIN_FUNCTION("SymUnloadModule64", SymUnloadModule64),
    BUILTIN_FUNCTION("UnDecorateSymbolName", UnDecorateSymbolName),
    BUILTIN_FUNCTION("UnDecorateSymbolNameW", UnDecorateSymbolNameW),
    BUILTIN_FUNCTION("EnumerateLoadedModules64", EnumerateLoadedModules64),
    BUILTIN_FUNCTION("EnumerateLoadedModulesW64", EnumerateLoadedModulesW64),
    BUILTIN_FUNCTION("SymAddrIncludeInlineTrace", SymAddrIncludeInlineTrace),
    BUILTIN_FUNCTION("SymFromInlineContext", SymFromInlineContext),
    BUILTIN_FUNCTION("SymFromInlineContextW", SymFromInlineContextW),
    BUILTIN_FUNCTION("SymGetLineFromAddr64", SymGetLineFromAddr64),
    BUILTIN_FUNCTION("SymGetLineFromAddrW64", SymGetLineFromAddrW64),
    BUILTIN_FUNCTION("SymGetLineFromInlineContextW", SymGetLineFromInlineContextW),
    BUILTIN_FUNCTION("SymGetSearchPath", SymGetSearchPath),
    BUILTIN_FUNCTION("SymGetSearchPathW", SymGetSearchPathW),
    BUILTIN_FUNCTION("SymRefreshModuleList", SymRefreshModuleList),
    BUILTIN_FUNCTION("SymSetSearchPath", SymSetSearchPath),
    BUILTIN_FUNCTION("SymSetSearchPathW", SymSetSearchPathW),
    BUILTIN_FUNCTION("SymFromName", SymFromName),
};

static const struct builtin_dll dbghelp = {
    .name = "dbghelp.dll",
    .exports = dbghelp_exports,
    .nexports = ARRAY_SIZE(dbghelp_exports),
};
BUILTIN_DLL(dbghelp);
