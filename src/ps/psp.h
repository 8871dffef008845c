/* Private to ps/: the system DLL (ntdll) section and its entry points, and helpers shared by ps files. */
#ifndef PS_PSP_H
#define PS_PSP_H

#include "mm/mm.h"
#include "ps/ps.h"

/* ntdll.dll's image section, created once at boot and mapped into every process (PspSystemDll). */
extern PSECTION PspSystemDllSection;

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

extern _Thread_local PETHREAD PspCurrentThread;

#endif
