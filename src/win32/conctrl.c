/*
 * Console control handlers: SetConsoleCtrlHandler's list and CtrlRoutine, the start of the thread the
 * console creates in the process for each control event (ps/conctrl.c; host SIGINT is CTRL_C_EVENT, SIGTERM
 * CTRL_CLOSE_EVENT). As on Windows, the handlers run on that new thread, the most recently added first, until
 * one returns TRUE; when none does, the default handler ends the process with ExitProcess(STATUS_CONTROL_C_EXIT),
 * so atexit handlers, stream flushing and DLL detach all run. SetConsoleCtrlHandler(NULL, TRUE) makes the
 * process ignore CTRL_C_EVENT (the flag lives in ProcessParameters->ConsoleFlags, where a child inherits it).
 * A CTRL_CLOSE_EVENT handled by a handler still ends the process: the console server terminates it once the
 * thread is done.
 */
#include "ntdll/ldr/ldrp.h"
#include "ps/conctrl.h"
#include "ps/ps.h"
#include "win32/k32.h"

typedef BOOL(WINAPI *PHANDLER_ROUTINE)(DWORD);

#define CONSOLE_IGNORE_CTRL_C 1   /* ConsoleFlags bit */

static RTL_CRITICAL_SECTION handlers_lock;
static PHANDLER_ROUTINE *handlers;
static ULONG nhandlers, handlers_capacity;

static BOOL add_handler(PHANDLER_ROUTINE handler)
{
    if (nhandlers == handlers_capacity) {
        ULONG capacity = handlers_capacity ? handlers_capacity * 2 : 8;
        PVOID heap = RtlGetProcessHeap();
        PHANDLER_ROUTINE *grown = handlers ? RtlReAllocateHeap(heap, 0, handlers, capacity * sizeof *grown)
                                           : RtlAllocateHeap(heap, 0, capacity * sizeof *grown);
        if (!grown) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        handlers = grown;
        handlers_capacity = capacity;
    }
    handlers[nhandlers++] = handler;
    return TRUE;
}

/* Removes the most recent registration of handler; Windows fails with ERROR_INVALID_PARAMETER for one that
 * is not in the list. */
static BOOL remove_handler(PHANDLER_ROUTINE handler)
{
    for (ULONG i = nhandlers; i-- > 0;) {
        if (handlers[i] == handler) {
            for (ULONG j = i; j + 1 < nhandlers; j++)
                handlers[j] = handlers[j + 1];
            nhandlers--;
            return TRUE;
        }
    }
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE handler, BOOL add)
{
    if (!handler) {
        PRTL_USER_PROCESS_PARAMETERS params = BaseParameters();
        if (add)
            params->ConsoleFlags |= CONSOLE_IGNORE_CTRL_C;
        else
            params->ConsoleFlags &= ~(ULONG)CONSOLE_IGNORE_CTRL_C;
        return TRUE;
    }
    RtlEnterCriticalSection(&handlers_lock);
    BOOL ok = add ? add_handler(handler) : remove_handler(handler);
    RtlLeaveCriticalSection(&handlers_lock);
    return ok;
}

/* The start of the console's thread; param is the event. Its return value is the thread's exit code. */
DWORD WINAPI CtrlRoutine(PVOID param)
{
    DWORD event = (DWORD)(ULONG_PTR)param;
    if (event == CTRL_C_EVENT && (BaseParameters()->ConsoleFlags & CONSOLE_IGNORE_CTRL_C))
        return 0;
    BOOL handled = FALSE;
    /* Held while the handlers run, as Windows holds its console lock: a handler may still (un)register
     * handlers on its own thread, the lock being recursive. */
    RtlEnterCriticalSection(&handlers_lock);
    for (ULONG i = nhandlers; i-- > 0 && !handled;)
        handled = handlers[i](event);
    RtlLeaveCriticalSection(&handlers_lock);
    if (!handled)
        ExitProcess((UINT)STATUS_CONTROL_C_EXIT);   /* the default handler */
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT)
        NtTerminateProcess(NtCurrentProcess(), STATUS_CONTROL_C_EXIT);
    return 0;
}

/* kernel32's process attach: connect to the console, giving it CtrlRoutine's address in this image (the
 * export the thread's start address shows), as BaseDllInitialize's console connection does. */
void BaseConnectConsole(HMODULE kernel32)
{
    ANSI_STRING name;
    PVOID routine;
    RtlInitAnsiString(&name, "CtrlRoutine");
    if (LdrGetProcedureAddress(kernel32, &name, 0, &routine) == STATUS_SUCCESS)
        PsConnectConsole(routine);
}

BOOL WINAPI GenerateConsoleCtrlEvent(DWORD event, DWORD group)
{
    return BaseSetNtStatus(PsGenerateConsoleCtrlEvent(event, group));
}
