/*
 * iphlpapi's ICMP echo (IcmpCreateFile, IcmpSendEcho/2/2Ex, IcmpParseReplies, IcmpCloseHandle) over
 * host/icmp.c. A handle is a registration in the process's list, so a closed or made-up one is
 * ERROR_INVALID_PARAMETER rather than a crash. The reply buffer holds one ICMP_ECHO_REPLY, then the echoed
 * bytes (as many as fit); its Reserved field carries the number of replies until IcmpParseReplies reads it,
 * as on Windows, so a request with an event or an APC routine is answered the same way: the echo is done
 * before the call returns (0, ERROR_IO_PENDING), then the event is set or the APC queued to the thread,
 * and the caller reads the buffer with IcmpParseReplies.
 */
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "host/ifaddrs.h"
#include "iphlpapi/iphlpapi.h"
#include "ke/ke.h"
#include "win32/k32.h"

#define IP_SUCCESS 0
#define IP_DEST_NET_UNREACHABLE 11002
#define IP_DEST_HOST_UNREACHABLE 11003
#define IP_DEST_PROT_UNREACHABLE 11004
#define IP_DEST_PORT_UNREACHABLE 11005
#define IP_PACKET_TOO_BIG 11009
#define IP_REQ_TIMED_OUT 11010
#define IP_TTL_EXPIRED_TRANSIT 11013
#define IP_TTL_EXPIRED_REASSEM 11014
#define IP_FLAG_DF 0x2

typedef struct {
    UCHAR Ttl;
    UCHAR Tos;
    UCHAR Flags;
    UCHAR OptionsSize;
    UCHAR *OptionsData;
} IP_OPTION_INFORMATION;

typedef struct {
    ULONG Address;
    ULONG Status;
    ULONG RoundTripTime;
    USHORT DataSize;
    USHORT Reserved;           /* the number of replies, until IcmpParseReplies */
    PVOID Data;
    IP_OPTION_INFORMATION Options;
} ICMP_ECHO_REPLY;

_Static_assert(sizeof(ICMP_ECHO_REPLY) == 40, "ICMP_ECHO_REPLY is 40 bytes on x64");

struct icmp_handle {
    struct icmp_handle *next;
};

static host_lock handles_lock = HOST_LOCK_INIT;
static struct icmp_handle *handles;

static bool live(HANDLE h)
{
    host_lock_acquire(&handles_lock);
    struct icmp_handle *i = handles;
    while (i && i != h)
        i = i->next;
    host_lock_release(&handles_lock);
    return i != NULL;
}

HANDLE WINAPI IcmpCreateFile(void)
{
    struct icmp_handle *h = calloc(1, sizeof *h);
    if (!h) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    host_lock_acquire(&handles_lock);
    h->next = handles;
    handles = h;
    host_lock_release(&handles_lock);
    return h;
}

BOOL WINAPI IcmpCloseHandle(HANDLE handle)
{
    host_lock_acquire(&handles_lock);
    struct icmp_handle **link = &handles;
    while (*link && *link != handle)
        link = &(*link)->next;
    struct icmp_handle *h = *link;
    if (h)
        *link = h->next;
    host_lock_release(&handles_lock);
    if (!h) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    free(h);
    return TRUE;
}

static ULONG ip_status(enum host_echo_status s)
{
    switch (s) {
    case HOST_ECHO_REPLY:                  return IP_SUCCESS;
    case HOST_ECHO_TIMED_OUT:              return IP_REQ_TIMED_OUT;
    case HOST_ECHO_NET_UNREACHABLE:        return IP_DEST_NET_UNREACHABLE;
    case HOST_ECHO_HOST_UNREACHABLE:       return IP_DEST_HOST_UNREACHABLE;
    case HOST_ECHO_PROTOCOL_UNREACHABLE:   return IP_DEST_PROT_UNREACHABLE;
    case HOST_ECHO_PORT_UNREACHABLE:       return IP_DEST_PORT_UNREACHABLE;
    case HOST_ECHO_PACKET_TOO_BIG:         return IP_PACKET_TOO_BIG;
    case HOST_ECHO_TTL_EXPIRED_TRANSIT:    return IP_TTL_EXPIRED_TRANSIT;
    case HOST_ECHO_TTL_EXPIRED_REASSEMBLY: return IP_TTL_EXPIRED_REASSEM;
    }
    return IP_REQ_TIMED_OUT;
}

/* The number of replies in a buffer an echo filled (0, with the reply's status as the last error, when
 * the one reply is not an echo reply). */
DWORD WINAPI IcmpParseReplies(PVOID buffer, DWORD size)
{
    if (!buffer || size < sizeof(ICMP_ECHO_REPLY)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    ICMP_ECHO_REPLY *r = buffer;
    DWORD count = r->Reserved;
    r->Reserved = 0;
    if (!count)
        SetLastError(r->Status);
    return count;
}

DWORD WINAPI IcmpSendEcho2Ex(HANDLE handle, HANDLE event, PVOID apc_routine, PVOID apc_context, ULONG source,
                             ULONG dest, PVOID data, WORD size, PVOID options_in, PVOID reply,
                             DWORD reply_size, DWORD timeout)
{
    if (!live(handle) || !reply || reply_size < sizeof(ICMP_ECHO_REPLY) || (size && !data)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const IP_OPTION_INFORMATION *options = options_in;
    struct host_echo_options o = {0};
    if (options) {
        o.ttl = options->Ttl;
        o.tos = options->Tos;
        o.dont_fragment = (options->Flags & IP_FLAG_DF) != 0;
    }
    ICMP_ECHO_REPLY *r = reply;
    BYTE *echoed = (BYTE *)(r + 1);
    struct host_echo answer;
    NTSTATUS st = host_icmp_echo((const uint8_t *)&dest, source ? (const uint8_t *)&source : NULL, &o, data, size,
                                 timeout, &answer, echoed, reply_size - (DWORD)sizeof *r);
    if (st != STATUS_SUCCESS) {
        BaseSetLastNTError(st);
        return 0;
    }
    memset(r, 0, sizeof *r);
    memcpy(&r->Address, answer.from, 4);
    r->Status = ip_status(answer.status);
    r->RoundTripTime = answer.rtt_ms;
    r->DataSize = (USHORT)answer.data_len;
    r->Data = echoed;
    r->Options.Ttl = answer.ttl;
    r->Options.Tos = answer.tos;
    r->Reserved = answer.status == HOST_ECHO_TIMED_OUT ? 0 : 1;
    if (!event && !apc_routine)
        return IcmpParseReplies(reply, reply_size);
    if (event)
        NtSetEvent(event, NULL);
    if (apc_routine)
        NtQueueApcThread(NtCurrentThread(), (PKNORMAL_ROUTINE)apc_routine, (ULONG_PTR)apc_context,
                         (ULONG_PTR)reply, 0);
    SetLastError(ERROR_IO_PENDING);
    return 0;
}

DWORD WINAPI IcmpSendEcho2(HANDLE handle, HANDLE event, PVOID apc_routine, PVOID apc_context, ULONG dest,
                           PVOID data, WORD size, PVOID options_in, PVOID reply, DWORD reply_size,
                           DWORD timeout)
{
    return IcmpSendEcho2Ex(handle, event, apc_routine, apc_context, 0, dest, data, size, options_in, reply,
                           reply_size, timeout);
}

DWORD WINAPI IcmpSendEcho(HANDLE handle, ULONG dest, PVOID data, WORD size, PVOID options_in,
                          PVOID reply, DWORD reply_size, DWORD timeout)
{
    return IcmpSendEcho2Ex(handle, NULL, NULL, NULL, 0, dest, data, size, options_in, reply, reply_size,
                           timeout);
}
