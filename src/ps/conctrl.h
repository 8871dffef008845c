/*
 * Console control events: the kernel half. The process connected to the console gets each event (host
 * SIGINT -> CTRL_C_EVENT, SIGTERM -> CTRL_CLOSE_EVENT) as a new thread of its own started at the CtrlRoutine
 * its kernel32 gave when it connected, as the console server does on Windows (win32/conctrl.c has the rest).
 */
#ifndef PS_CONCTRL_H
#define PS_CONCTRL_H

#include "host/host.h"
#include "nt/ntdef.h"

#define CTRL_C_EVENT        0
#define CTRL_BREAK_EVENT    1
#define CTRL_CLOSE_EVENT    2
#define CTRL_LOGOFF_EVENT   5
#define CTRL_SHUTDOWN_EVENT 6

/* BaseDllInitialize's console connection: the current process receives the console's control events from
 * now on, each in a new thread starting at ctrl_routine(event). One process of this host is connected: the
 * newest caller. */
NTSTATUS PsConnectConsole(PVOID ctrl_routine);
/* Sends event (CTRL_C_EVENT or CTRL_BREAK_EVENT) to the processes of a console process group (0: the
 * caller's), the caller included when it is a member. */
NTSTATUS PsGenerateConsoleCtrlEvent(ULONG event, ULONG group);
/* The host's console signals as control events (SIGINT -> CTRL_C_EVENT, ...): the service thread's handler
 * (host_service_thread_start, started at boot by PspInitializeSystem). */
bool PspDeliverConsoleEvent(enum host_console_signal sig, bool broadcast);

#endif
