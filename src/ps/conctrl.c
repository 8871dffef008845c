/*
 * Console control events, as the Windows console server delivers them: it does not interrupt a thread of
 * the process but creates a new one, starting at the CtrlRoutine kernel32 handed over when it connected, with
 * the event as its parameter; CtrlRoutine runs the process's handlers (win32/conctrl.c). The host's signals
 * are the source: SIGINT is Ctrl-C at the terminal (CTRL_C_EVENT), SIGQUIT its Ctrl-\ (CTRL_BREAK_EVENT). SIGTERM is "end this process" from
 * outside (kill, timeout, a service manager): CTRL_CLOSE_EVENT, the event Windows sends when a console
 * closes under its processes, whose handlers may clean up but cannot keep the process alive; CTRL_C_EVENT
 * would let a program that ignores Ctrl-C (SetConsoleCtrlHandler(NULL, TRUE)) survive SIGTERM.
 */
#include "host/host.h"
#include "ps/conctrl.h"
#include "ps/psp.h"

static host_lock console_lock = HOST_LOCK_INIT;
static PEPROCESS console_process;   /* referenced */
static PVOID console_ctrl_routine;

NTSTATUS PsConnectConsole(PVOID ctrl_routine)
{
    PEPROCESS p = PsGetCurrentProcess();
    if (!p->AddressSpace || !ctrl_routine)
        return STATUS_INVALID_PARAMETER;
    ObReferenceObject(p);
    host_lock_acquire(&console_lock);
    PEPROCESS old = console_process;
    console_process = p;
    console_ctrl_routine = ctrl_routine;
    host_lock_release(&console_lock);
    if (old)
        ObDereferenceObject(old);
    return STATUS_SUCCESS;
}

/* On the host's service thread (no NT thread): start CtrlRoutine(event) in the connected process. */
bool PspDeliverConsoleEvent(enum host_console_signal sig, bool broadcast)
{
    /* A generated event goes down the tree: every child host of this one gets it too (a terminal's
     * signal reached them all already). */
    if (broadcast)
        PspForwardConsoleSignal(sig);
    host_lock_acquire(&console_lock);
    PEPROCESS p = console_process;
    PVOID routine = console_ctrl_routine;
    if (p)
        ObReferenceObject(p);
    host_lock_release(&console_lock);
    if (!p)
        return false;
    bool delivered = true;
    /* A process already on its way out gets no new thread; its exit finishes the job. */
    if (p->ExitStatus == STATUS_PENDING && !p->Terminating) {
        ULONG event = sig == HOST_CONSOLE_INTERRUPT ? CTRL_C_EVENT
                      : sig == HOST_CONSOLE_BREAK   ? CTRL_BREAK_EVENT
                                                    : CTRL_CLOSE_EVENT;
        SIZE_T reserve = p->SectionObject ? p->SectionObject->Image.stack_reserve : 0;
        PETHREAD t;
        NTSTATUS status = PspCreateThread(p, routine, (PVOID)(ULONG_PTR)event, FALSE, reserve, 0, FALSE, &t);
        if (status == STATUS_SUCCESS)
            ObDereferenceObject(t);
        else
            delivered = false;
    }
    ObDereferenceObject(p);
    return delivered;
}

/*
 * GenerateConsoleCtrlEvent. The console's processes are the ntexec tree under the console's root host (the
 * ntexec command); a process group is the tree under its leader (a CREATE_NEW_PROCESS_GROUP child). The
 * event goes to that host as a marked signal, and each host passes it on to its children.
 */
NTSTATUS PsGenerateConsoleCtrlEvent(ULONG event, ULONG group)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT)
        return STATUS_INVALID_PARAMETER;
    ULONG target = group ? group : PspConsoleRootId;
    NTSTATUS status = host_console_signal_send(target, event == CTRL_C_EVENT ? HOST_CONSOLE_INTERRUPT
                                                                              : HOST_CONSOLE_BREAK);
    return status == STATUS_SUCCESS ? status : STATUS_INVALID_PARAMETER;
}
