/* Private to ps/: the system DLL (ntdll) section and its entry points, and helpers shared by ps files. */
#ifndef PS_PSP_H
#define PS_PSP_H

#include "mm/mm.h"
#include "ps/ps.h"

/* ntdll.dll's image section, created once at boot and mapped into every process (PspSystemDll). */
extern PSECTION PspSystemDllSection;
/* Where ntdll should be mapped (its parent's address, in a child host), or NULL. */
extern PVOID PspSystemDllBase;

/* Where the user-mode entry points the kernel starts threads and exceptions in live, in this host's
 * ntdll view (PspLookupSystemDllEntryPoint on Windows). */
struct psp_system_dll_entries {
    ULONG_PTR LdrInitializeThunk;
    ULONG_PTR RtlUserThreadStart;
    ULONG_PTR KiUserExceptionDispatcher;
};
extern struct psp_system_dll_entries PspSystemDllEntries;

NTSTATUS PspLookupSystemDllEntryPoints(PVOID ntdll_base);
NTSTATUS PspCreateProcessObject(ULONG pid, PEPROCESS *process);
/* An ETHREAD of process: not signaled, STATUS_PENDING, owning no mutant, no tid yet. */
NTSTATUS PspCreateThreadObject(PEPROCESS process, PETHREAD *thread);
/* The fields every TEB starts with (teb zeroed): self pointer, client id, locale, static string;
 * t->Teb = teb. */
void PspInitializeTeb(PTEB teb, PETHREAD t);
NTSTATUS PspInitializeSystemDll(void);
NTSTATUS PspInitializeSystem(bool shell_std_handles);

extern _Thread_local PETHREAD PspCurrentThread;

/* The thread services' work on an ETHREAD of any host (remote ones through their host). */
NTSTATUS PspSuspendThread(PETHREAD t, ULONG *previous);
NTSTATUS PspResumeThread(PETHREAD t, ULONG *previous);
NTSTATUS PspGetContextThread(PETHREAD t, PCONTEXT ctx);
NTSTATUS PspSetContextThread(PETHREAD t, const CONTEXT *ctx);
/* ps/childhost.c: the exit of a child host's process, into its record. */
void PspRecordExit(PEPROCESS p, NTSTATUS status);

/* The host pid of the console's root (the ntexec command), to which GenerateConsoleCtrlEvent(e, 0) goes;
 * a child host learns it from its parent. */
extern ULONG PspConsoleRootId;
/* ps/spawn.c: passes a generated console event on to the child hosts this host watches. */
void PspForwardConsoleSignal(enum host_console_signal sig);

/* ps/spawn.c: a remote process object's own resources (its record mapping, its pidfd). */
void PspDeleteRemoteProcess(PEPROCESS p);

#endif
