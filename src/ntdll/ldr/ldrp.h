/*
 * The user-mode loader (ntdll's Ldr*): private structures and stages.
 *
 * Each module is an LDRP_MODULE in the process heap: the guest-visible LDR_DATA_TABLE_ENTRY first (linked
 * into the three PEB->Ldr lists), then what the loader alone needs (the validated headers, load count,
 * dependencies). The loader lock serializes every change to the module lists.
 */
#ifndef NTDLL_LDR_LDRP_H
#define NTDLL_LDR_LDRP_H

#include "nt/context.h"
#include "nt/peb.h"
#include "pe/pe.h"

typedef struct _LDRP_MODULE {
    LDR_DATA_TABLE_ENTRY Entry;
    struct pe_image Image;            /* mapped layout over the view */
    ULONG LoadCount;                  /* LoadLibrary references and importers; static imports pin the module */
    BOOLEAN Static;                   /* loaded at process start: never unloaded */
    BOOLEAN Pinned;                   /* GetModuleHandleEx(PIN), LdrAddRefDll(PIN): never unloaded */
    BOOLEAN DontResolve;              /* DONT_RESOLVE_DLL_REFERENCES: mapped and relocated only */
    BOOLEAN Initialized;              /* DLL_PROCESS_ATTACH delivered */
    BOOLEAN InInitOrder;              /* linked into InInitializationOrderModuleList */
    struct _LDRP_MODULE **Dependencies;
    ULONG DependencyCount;
    ULONG TlsIndex;                   /* implicit TLS slot, or ~0 */
    LIST_ENTRY InitOrderWork;         /* pending DllMain calls */
    LIST_ENTRY LoadLinks;             /* in the list of modules the current top-level load mapped */
    LIST_ENTRY UnloadLinks;           /* in the set FreeLibrary is unloading */
    BOOLEAN Unloading;
    BOOLEAN Notified;                 /* its unload notification went out */
} LDRP_MODULE;

#define LDRP_NO_TLS 0xFFFFFFFFu

/* ntdll's own state, kept in its data area (guest memory) like the statics of the real ntdll. */
struct ntdll_data {
    PEB_LDR_DATA LdrData;
    RTL_CRITICAL_SECTION LoaderLock;
    RTL_CRITICAL_SECTION FastPebLock;
    ULONG TlsBitmapBits[2];
    ULONG TlsExpansionBitmapBits[32];
    PVOID Kernel32ThreadInitThunkFunction;  /* BaseThreadInitThunk, set by kernel32 at its attach */
};
extern struct ntdll_data *LdrpData;

/* init.c */
extern LDRP_MODULE *LdrpExeModule;
extern LDRP_MODULE *LdrpNtdllModule;
extern BOOLEAN LdrpInLdrInit;
/* The exit code ExitProcess is ending the process with (valid once PEB->Ldr->ShutdownInProgress). */
extern NTSTATUS LdrpShutdownStatus;
void LdrpAcquireLoaderLock(void);
void LdrpReleaseLoaderLock(void);

/* search.c */
#define LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR    0x00000100
#define LOAD_LIBRARY_SEARCH_APPLICATION_DIR 0x00000200
#define LOAD_LIBRARY_SEARCH_USER_DIRS       0x00000400
#define LOAD_LIBRARY_SEARCH_SYSTEM32        0x00000800
#define LOAD_LIBRARY_SEARCH_DEFAULT_DIRS    0x00001000
#define LDRP_SEARCH_DIRECTORY_FLAGS         0x00001F00
#define LDRP_SEARCH_ALTERED                 0x00000008   /* LOAD_WITH_ALTERED_SEARCH_PATH */
/* The ';' list of directories a load searches (process heap): request is LdrLoadDll's path argument, NULL,
 * a list, or LOAD_LIBRARY_SEARCH_* / LDRP_SEARCH_ALTERED flags | 1; dll_name the DLL asked for. */
NTSTATUS LdrpBuildSearchPath(PCWSTR request, PCWSTR dll_name, WCHAR **out);
/* A DOS path that names one place: "\\server\x", "C:\x", "\\.\x" (not relative, not "\x" or "C:x"). */
BOOLEAN LdrpIsFullPath(PCWSTR name);
/* NTEXEC_DLL_OVERRIDES asks for a DLL found on the search path before the builtin of this name. */
BOOLEAN LdrpPreferNative(const char *name);
NTSTATUS WINAPI LdrSetDllDirectory(PCUNICODE_STRING directory);
NTSTATUS WINAPI LdrGetDllDirectory(PUNICODE_STRING out);
NTSTATUS WINAPI LdrAddDllDirectory(PCUNICODE_STRING directory, PVOID *cookie);
NTSTATUS WINAPI LdrRemoveDllDirectory(PVOID cookie);
NTSTATUS WINAPI LdrSetDefaultDllDirectories(ULONG flags);

/* notify.c: LdrRegisterDllNotification's callbacks */
#define LDR_DLL_NOTIFICATION_REASON_LOADED   1
#define LDR_DLL_NOTIFICATION_REASON_UNLOADED 2
void LdrpSendDllNotifications(LDRP_MODULE *module, ULONG reason);
typedef struct _LDR_DLL_NOTIFICATION_DATA LDR_DLL_NOTIFICATION_DATA;
typedef void(WINAPI *LDR_DLL_NOTIFICATION_FUNCTION)(ULONG reason, const LDR_DLL_NOTIFICATION_DATA *data,
                                                    PVOID context);
NTSTATUS WINAPI LdrRegisterDllNotification(ULONG flags, LDR_DLL_NOTIFICATION_FUNCTION callback, PVOID context,
                                           PVOID *cookie);
NTSTATUS WINAPI LdrUnregisterDllNotification(PVOID cookie);
/* init.c */
NTSTATUS WINAPI LdrLockLoaderLock(ULONG flags, ULONG *state, ULONG_PTR *cookie);
NTSTATUS WINAPI LdrUnlockLoaderLock(ULONG flags, ULONG_PTR cookie);

/* load.c */
/*
 * One top-level load (LdrLoadDll, or the process's start): the directories it searches, built when a DLL
 * needs a search, and the modules it mapped, which go again if the load fails. Loads nest (a DllMain
 * calling LoadLibrary); each has its own.
 */
struct ldrp_load {
    struct ldrp_load *outer;
    PCWSTR request;               /* LdrLoadDll's path argument (search.c) */
    PCWSTR dll_name;              /* the name asked for */
    WCHAR *search_path;           /* built on first use */
    BOOLEAN dont_resolve;         /* the DLL asked for is only mapped (DONT_RESOLVE_DLL_REFERENCES) */
    LIST_ENTRY mapped;            /* LDRP_MODULE.LoadLinks */
};
extern struct ldrp_load *LdrpCurrentLoad;
void LdrpBeginLoad(struct ldrp_load *load, PCWSTR request, PCWSTR dll_name);
/* Ends the load; when it failed, every module it mapped is detached (if attached) and unmapped. */
void LdrpEndLoad(struct ldrp_load *load, NTSTATUS status);
/* LdrLoadDll's DllCharacteristics: IMAGE_FILE_EXECUTABLE_IMAGE asks for DONT_RESOLVE_DLL_REFERENCES. */
#define LDRP_DONT_RESOLVE_REFERENCES 0x2
NTSTATUS LdrpLoadDll(const char *name, LDRP_MODULE *importer, LDRP_MODULE **module);
NTSTATUS LdrpCreateModule(PVOID base, PCUNICODE_STRING full_name, LDRP_MODULE **module);
LDRP_MODULE *LdrpFindLoadedDll(const char *name);
LDRP_MODULE *LdrpFindModuleByBase(PVOID base);
LDRP_MODULE *LdrpFindModuleByAddress(const void *address);
/* Resolves an export (by name with hint, or by ordinal when name is NULL), following forwarders. */
NTSTATUS LdrpGetProcedureAddress(LDRP_MODULE *module, const char *name, USHORT hint, ULONG ordinal, PVOID *address,
                                 LDRP_MODULE *importer);
/* The same through the module's export directory already read (pe_exports_get), for callers that resolve many. */
NTSTATUS LdrpGetExportAddress(LDRP_MODULE *module, const struct pe_exports *ex, const char *name, USHORT hint,
                              ULONG ordinal, PVOID *address, LDRP_MODULE *importer);
/* The DLL an API set name stands for ("api-ms-win-crt-runtime-l1-1-0" -> "ucrtbase.dll"), or NULL. */
const char *LdrpResolveApiSet(const char *name);
void LdrpRaiseHardError(NTSTATUS status, const char *first, const char *second);

/* snap.c */
NTSTATUS LdrpSnapImports(LDRP_MODULE *module);

/* reloc.c */
NTSTATUS LdrpHandleRelocations(LDRP_MODULE *module);
/* Pages made writable for patching (IAT slots, relocations), with their old protection to restore. */
struct ldrp_writable {
    ULONG_PTR pages[32];
    ULONG old[32];
    unsigned count;
};
NTSTATUS LdrpMakeWritable(struct ldrp_writable *w, void *address, size_t len);
void LdrpRestoreProtection(struct ldrp_writable *w);

/* tls.c */
NTSTATUS LdrpInitializeTls(void);
NTSTATUS LdrpAllocateTlsForThread(PTEB teb);
void LdrpFreeTlsForThread(PTEB teb);
NTSTATUS LdrpAddModuleTls(LDRP_MODULE *module);
void LdrpRemoveModuleTls(LDRP_MODULE *module);
void LdrpCallTlsCallbacks(LDRP_MODULE *module, ULONG reason);

/* initroutines.c */
void LdrpQueueInitRoutine(LDRP_MODULE *module);
/* Takes a module out of the pending DllMain calls (a failed load). */
void LdrpDequeueInitRoutine(LDRP_MODULE *module);
/* A module's DLL_PROCESS_DETACH: its TLS callbacks, then its DllMain (reserved: NULL for FreeLibrary,
 * non-NULL at process exit). */
void LdrpDetachModule(LDRP_MODULE *module, PVOID reserved);
/* FreeLibrary's end of a module (load.c): the module and the dependencies left unused detach in reverse
 * initialization order, each followed by its unload notification, then go. */
void LdrpUnloadModule(LDRP_MODULE *module);
NTSTATUS LdrpRunInitializeRoutines(void);
void LdrpCallThreadRoutines(ULONG reason);
void LdrpRunDetachRoutines(BOOLEAN process_terminating);

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH  2
#define DLL_THREAD_DETACH  3

typedef BOOL(WINAPI *LDRP_DLL_MAIN)(PVOID module, ULONG reason, PVOID reserved);
typedef void(WINAPI *LDRP_TLS_CALLBACK)(PVOID module, ULONG reason, PVOID reserved);

/* Exports of ntdll used across files. */
void WINAPI LdrInitializeThunk(PCONTEXT ctx, PVOID ntdll_base);
void WINAPI RtlUserThreadStart(PVOID start, PVOID param);
NTSTATUS WINAPI LdrLoadDll(PCWSTR path, PULONG flags, PCUNICODE_STRING name, PVOID *base);
NTSTATUS WINAPI LdrUnloadDll(PVOID base);
#define LDR_ADDREF_DLL_PIN 0x1
NTSTATUS WINAPI LdrAddRefDll(ULONG flags, PVOID base);
NTSTATUS WINAPI LdrDisableThreadCalloutsForDll(PVOID base);
NTSTATUS WINAPI LdrGetDllHandle(PCWSTR path, PULONG flags, PCUNICODE_STRING name, PVOID *base);
NTSTATUS WINAPI LdrGetProcedureAddress(PVOID base, PANSI_STRING name, ULONG ordinal, PVOID *address);
void WINAPI LdrShutdownProcess(void);
void WINAPI LdrShutdownThread(void);
void WINAPI RtlExitUserThread(NTSTATUS status);
void WINAPI RtlExitUserProcess(NTSTATUS status);
/* delayload.c */
PVOID WINAPI LdrResolveDelayLoadedAPI(PVOID base, const IMAGE_DELAYLOAD_DESCRIPTOR *descriptor, PVOID dll_hook,
                                      PVOID system_hook, ULONG64 *thunk, ULONG flags);
NTSTATUS WINAPI LdrResolveDelayLoadsFromDll(PVOID base, LPCSTR dll, ULONG flags);
/* A delay-loaded function that cannot be had: raised where the program called into the loader. */
__attribute__((noreturn)) void LdrpRaiseDelayLoadFailure(LPCSTR dll, LPCSTR procedure);
/* message.c */
NTSTATUS WINAPI RtlFindMessage(PVOID base, ULONG type, ULONG lang, ULONG id, const MESSAGE_RESOURCE_ENTRY **entry);

#endif
