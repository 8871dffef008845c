/* iphlpapi.dll's parts: the interfaces, routes and notifications (iphlpapi.c, which holds the export
 * table), ICMP echo (icmp.c), the socket tables and counters (tables.c). */
#ifndef IPHLPAPI_IPHLPAPI_H
#define IPHLPAPI_IPHLPAPI_H

#include "host/ifaddrs.h"
#include "nt/ntdef.h"

/* The host's interfaces as a heap array (IphlpRelease frees it), or NULL with *err set. */
struct host_iface *IphlpSnapshot(ULONG *count, DWORD *err);
void IphlpRelease(struct host_iface *all);
/* The interface with an index, copied to *out; ERROR_FILE_NOT_FOUND when none has it. */
DWORD IphlpInterfaceOfIndex(ULONG index, struct host_iface *out);
/* An adapter's Description (Windows' loopback description for lo, else the Linux name). */
const char *IphlpAdapterDescription(const struct host_iface *f);

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

DWORD WINAPI GetTcpTable(PVOID table, LPDWORD size, BOOL order);
DWORD WINAPI GetUdpTable(PVOID table, LPDWORD size, BOOL order);
DWORD WINAPI GetTcp6Table(PVOID table, LPDWORD size, BOOL order);
DWORD WINAPI GetUdp6Table(PVOID table, LPDWORD size, BOOL order);
DWORD WINAPI GetExtendedTcpTable(PVOID table, LPDWORD size, BOOL order, ULONG family, ULONG table_class,
                                 ULONG reserved);
DWORD WINAPI GetExtendedUdpTable(PVOID table, LPDWORD size, BOOL order, ULONG family, ULONG table_class,
                                 ULONG reserved);
DWORD WINAPI GetTcpStatistics(PVOID stats);
DWORD WINAPI GetUdpStatistics(PVOID stats);
DWORD WINAPI GetIfTable(PVOID table, PULONG size, BOOL order);
DWORD WINAPI GetIfEntry(PVOID row);

#endif
