/* iphlpapi.dll's parts: the interfaces, routes and notifications (iphlpapi.c, which holds the export
 * table) and ICMP echo (icmp.c). */
#ifndef IPHLPAPI_IPHLPAPI_H
#define IPHLPAPI_IPHLPAPI_H

#include "nt/ntdef.h"

HANDLE WINAPI IcmpCreateFile(void);
BOOL WINAPI IcmpCloseHandle(HANDLE handle);
DWORD WINAPI IcmpParseReplies(PVOID buffer, DWORD size);
DWORD WINAPI IcmpSendEcho(HANDLE handle, ULONG dest, PVOID data, WORD size, PVOID options, PVOID reply,
                          DWORD reply_size, DWORD timeout);
DWORD WINAPI IcmpSendEcho2(HANDLE handle, HANDLE event, PVOID apc_routine, PVOID apc_context, ULONG dest,
                           PVOID data, WORD size, PVOID options, PVOID reply, DWORD reply_size, DWORD timeout);
DWORD WINAPI IcmpSendEcho2Ex(HANDLE handle, HANDLE event, PVOID apc_routine, PVOID apc_context, ULONG source,
                             ULONG dest, PVOID data, WORD size, PVOID options, PVOID reply, DWORD reply_size,
                             DWORD timeout);

#endif
