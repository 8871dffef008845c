/*
 * iphlpapi's socket tables and counters over host/ipstats.c: GetTcpTable, GetUdpTable, GetTcp6Table and
 * GetUdp6Table (the host's sockets, in the kernel's order or, asked to, sorted by local then remote address
 * and port as Windows sorts them), GetTcpStatistics and GetUdpStatistics (/proc/net/snmp; the connection
 * and address counts are the tables' lengths), GetIfTable and GetIfEntry (the adapters of
 * GetAdaptersAddresses with /proc/net/dev's traffic counters, truncated to 32 bits as MIB_IFROW holds
 * them). Sizes follow Windows' protocol: a NULL or short buffer is ERROR_INSUFFICIENT_BUFFER with the size
 * needed.
 */
#include <stdlib.h>
#include <string.h>

#include "host/ifaddrs.h"
#include "iphlpapi/iphlpapi.h"
#include "win32/k32.h"

#define MIB_TCP_STATE_CLOSED 1
#define MIB_TCP_STATE_LISTEN 2
#define MIB_TCP_STATE_SYN_SENT 3
#define MIB_TCP_STATE_SYN_RCVD 4
#define MIB_TCP_STATE_ESTAB 5
#define MIB_TCP_STATE_FIN_WAIT1 6
#define MIB_TCP_STATE_FIN_WAIT2 7
#define MIB_TCP_STATE_CLOSE_WAIT 8
#define MIB_TCP_STATE_CLOSING 9
#define MIB_TCP_STATE_LAST_ACK 10
#define MIB_TCP_STATE_TIME_WAIT 11

typedef struct {
    DWORD dwState;
    DWORD dwLocalAddr;
    DWORD dwLocalPort;         /* network order in the low 16 bits */
    DWORD dwRemoteAddr;
    DWORD dwRemotePort;
} MIB_TCPROW;

typedef struct {
    DWORD dwLocalAddr;
    DWORD dwLocalPort;
} MIB_UDPROW;

typedef struct {
    DWORD dwRtoAlgorithm, dwRtoMin, dwRtoMax, dwMaxConn, dwActiveOpens, dwPassiveOpens, dwAttemptFails,
        dwEstabResets, dwCurrEstab, dwInSegs, dwOutSegs, dwRetransSegs, dwInErrs, dwOutRsts, dwNumConns;
} MIB_TCPSTATS;

typedef struct {
    DWORD dwInDatagrams, dwNoPorts, dwInErrors, dwOutDatagrams, dwNumAddrs;
} MIB_UDPSTATS;

typedef struct {
    WCHAR wszName[256];
    DWORD dwIndex, dwType, dwMtu, dwSpeed, dwPhysAddrLen;
    BYTE bPhysAddr[8];
    DWORD dwAdminStatus, dwOperStatus, dwLastChange, dwInOctets, dwInUcastPkts, dwInNUcastPkts, dwInDiscards,
        dwInErrors, dwInUnknownProtos, dwOutOctets, dwOutUcastPkts, dwOutNUcastPkts, dwOutDiscards, dwOutErrors,
        dwOutQLen, dwDescrLen;
    BYTE bDescr[256];
} MIB_IFROW;

_Static_assert(sizeof(MIB_IFROW) == 860, "MIB_IFROW is 860 bytes");

static DWORD mib_state(uint8_t linux_state)
{
    switch (linux_state) {
    case HOST_TCP_ESTABLISHED: return MIB_TCP_STATE_ESTAB;
    case HOST_TCP_SYN_SENT:    return MIB_TCP_STATE_SYN_SENT;
    case HOST_TCP_SYN_RECV:    return MIB_TCP_STATE_SYN_RCVD;
    case HOST_TCP_FIN_WAIT1:   return MIB_TCP_STATE_FIN_WAIT1;
    case HOST_TCP_FIN_WAIT2:   return MIB_TCP_STATE_FIN_WAIT2;
    case HOST_TCP_TIME_WAIT:   return MIB_TCP_STATE_TIME_WAIT;
    case HOST_TCP_CLOSE_WAIT:  return MIB_TCP_STATE_CLOSE_WAIT;
    case HOST_TCP_LAST_ACK:    return MIB_TCP_STATE_LAST_ACK;
    case HOST_TCP_LISTEN:      return MIB_TCP_STATE_LISTEN;
    case HOST_TCP_CLOSING:     return MIB_TCP_STATE_CLOSING;
    default:                   return MIB_TCP_STATE_CLOSED;
    }
}

static DWORD port_field(uint16_t host_order)
{
    return (DWORD)(uint16_t)(host_order >> 8 | host_order << 8);
}

static DWORD address_field(const uint8_t *a)
{
    DWORD v;
    memcpy(&v, a, 4);
    return v;
}

/* Windows' order: local address, local port, remote address, remote port, each as a number. */
static int compare_key(DWORD a, DWORD b)
{
    return a < b ? -1 : a > b;
}

static DWORD host_number(DWORD network)
{
    return __builtin_bswap32(network);
}

static int compare_tcp(const void *x, const void *y)
{
    const MIB_TCPROW *a = x, *b = y;
    int c = compare_key(host_number(a->dwLocalAddr), host_number(b->dwLocalAddr));
    if (!c)
        c = compare_key(port_field((uint16_t)a->dwLocalPort), port_field((uint16_t)b->dwLocalPort));
    if (!c)
        c = compare_key(host_number(a->dwRemoteAddr), host_number(b->dwRemoteAddr));
    if (!c)
        c = compare_key(port_field((uint16_t)a->dwRemotePort), port_field((uint16_t)b->dwRemotePort));
    return c;
}

typedef struct {
    DWORD State;
    BYTE LocalAddr[16];
    DWORD dwLocalScopeId;
    DWORD dwLocalPort;
    BYTE RemoteAddr[16];
    DWORD dwRemoteScopeId;
    DWORD dwRemotePort;
} MIB_TCP6ROW;

typedef struct {
    BYTE dwLocalAddr[16];
    DWORD dwLocalScopeId;
    DWORD dwLocalPort;
} MIB_UDP6ROW;

_Static_assert(sizeof(MIB_TCP6ROW) == 52 && sizeof(MIB_UDP6ROW) == 24, "tcpmib.h/udpmib.h layouts");

static int compare_udp(const void *x, const void *y)
{
    const MIB_UDPROW *a = x, *b = y;
    int c = compare_key(host_number(a->dwLocalAddr), host_number(b->dwLocalAddr));
    return c ? c : compare_key(port_field((uint16_t)a->dwLocalPort), port_field((uint16_t)b->dwLocalPort));
}

/* A table of count rows of row_size after a DWORD count (the row array 4-aligned, as in iprtrmib.h). */
static DWORD put_table(PVOID out, LPDWORD size, const void *rows, uint32_t count, size_t row_size)
{
    size_t need = sizeof(DWORD) + (size_t)count * row_size;
    if (!out || *size < need) {
        *size = (DWORD)need;
        return ERROR_INSUFFICIENT_BUFFER;
    }
    memcpy(out, &count, sizeof(DWORD));
    memcpy((BYTE *)out + sizeof(DWORD), rows, (size_t)count * row_size);
    return ERROR_SUCCESS;
}

DWORD WINAPI GetTcpTable(PVOID table, LPDWORD size, BOOL order)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    struct host_socket_entry *all;
    uint32_t n;
    NTSTATUS st = host_socket_table(HOST_TABLE_TCP, 4, &all, &n);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    MIB_TCPROW *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) {
        free(all);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (uint32_t i = 0; i < n; i++) {
        bool listening = all[i].state == HOST_TCP_LISTEN;
        rows[i] = (MIB_TCPROW){mib_state(all[i].state), address_field(all[i].local), port_field(all[i].local_port),
                               listening ? 0 : address_field(all[i].remote),
                               listening ? 0 : port_field(all[i].remote_port)};
    }
    free(all);
    if (order)
        qsort(rows, n, sizeof *rows, compare_tcp);
    DWORD err = put_table(table, size, rows, n, sizeof *rows);
    free(rows);
    return err;
}

DWORD WINAPI GetUdpTable(PVOID table, LPDWORD size, BOOL order)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    struct host_socket_entry *all;
    uint32_t n;
    NTSTATUS st = host_socket_table(HOST_TABLE_UDP, 4, &all, &n);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    MIB_UDPROW *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) {
        free(all);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (uint32_t i = 0; i < n; i++)
        rows[i] = (MIB_UDPROW){address_field(all[i].local), port_field(all[i].local_port)};
    free(all);
    if (order)
        qsort(rows, n, sizeof *rows, compare_udp);
    DWORD err = put_table(table, size, rows, n, sizeof *rows);
    free(rows);
    return err;
}

/* IPv6 rows sort by address bytes (network order is numeric order), then port. */
static int compare_tcp6(const void *x, const void *y)
{
    const MIB_TCP6ROW *a = x, *b = y;
    int c = memcmp(a->LocalAddr, b->LocalAddr, 16);
    if (!c)
        c = compare_key(port_field((uint16_t)a->dwLocalPort), port_field((uint16_t)b->dwLocalPort));
    if (!c)
        c = memcmp(a->RemoteAddr, b->RemoteAddr, 16);
    if (!c)
        c = compare_key(port_field((uint16_t)a->dwRemotePort), port_field((uint16_t)b->dwRemotePort));
    return c;
}

static int compare_udp6(const void *x, const void *y)
{
    const MIB_UDP6ROW *a = x, *b = y;
    int c = memcmp(a->dwLocalAddr, b->dwLocalAddr, 16);
    return c ? c : compare_key(port_field((uint16_t)a->dwLocalPort), port_field((uint16_t)b->dwLocalPort));
}

/* A link-local address's zone: Linux's /proc tables do not carry it, so it is left 0 (unspecified). */
DWORD WINAPI GetTcp6Table(PVOID table, LPDWORD size, BOOL order)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    struct host_socket_entry *all;
    uint32_t n;
    NTSTATUS st = host_socket_table(HOST_TABLE_TCP, 6, &all, &n);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    MIB_TCP6ROW *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) {
        free(all);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (uint32_t i = 0; i < n; i++) {
        bool listening = all[i].state == HOST_TCP_LISTEN;
        rows[i].State = mib_state(all[i].state);
        memcpy(rows[i].LocalAddr, all[i].local, 16);
        rows[i].dwLocalPort = port_field(all[i].local_port);
        if (!listening) {
            memcpy(rows[i].RemoteAddr, all[i].remote, 16);
            rows[i].dwRemotePort = port_field(all[i].remote_port);
        }
    }
    free(all);
    if (order)
        qsort(rows, n, sizeof *rows, compare_tcp6);
    DWORD err = put_table(table, size, rows, n, sizeof *rows);
    free(rows);
    return err;
}

DWORD WINAPI GetUdp6Table(PVOID table, LPDWORD size, BOOL order)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    struct host_socket_entry *all;
    uint32_t n;
    NTSTATUS st = host_socket_table(HOST_TABLE_UDP, 6, &all, &n);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    MIB_UDP6ROW *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) {
        free(all);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (uint32_t i = 0; i < n; i++) {
        memcpy(rows[i].dwLocalAddr, all[i].local, 16);
        rows[i].dwLocalPort = port_field(all[i].local_port);
    }
    free(all);
    if (order)
        qsort(rows, n, sizeof *rows, compare_udp6);
    DWORD err = put_table(table, size, rows, n, sizeof *rows);
    free(rows);
    return err;
}

static uint32_t table_length(enum host_socket_table which)
{
    struct host_socket_entry *all;
    uint32_t n = 0;
    if (host_socket_table(which, 4, &all, &n) == STATUS_SUCCESS)
        free(all);
    return n;
}

DWORD WINAPI GetTcpStatistics(PVOID out)
{
    if (!out)
        return ERROR_INVALID_PARAMETER;
    struct host_tcp_stats s;
    NTSTATUS st = host_tcp_stats(&s);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    MIB_TCPSTATS *t = out;
    *t = (MIB_TCPSTATS){s.rto_algorithm, s.rto_min, s.rto_max, (DWORD)s.max_conn, (DWORD)s.active_opens,
                        (DWORD)s.passive_opens, (DWORD)s.attempt_fails, (DWORD)s.estab_resets,
                        (DWORD)s.curr_estab, (DWORD)s.in_segs, (DWORD)s.out_segs, (DWORD)s.retrans_segs,
                        (DWORD)s.in_errs, (DWORD)s.out_rsts, table_length(HOST_TABLE_TCP)};
    return ERROR_SUCCESS;
}

DWORD WINAPI GetUdpStatistics(PVOID out)
{
    if (!out)
        return ERROR_INVALID_PARAMETER;
    struct host_udp_stats s;
    NTSTATUS st = host_udp_stats(&s);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    MIB_UDPSTATS *u = out;
    *u = (MIB_UDPSTATS){(DWORD)s.in_datagrams, (DWORD)s.no_ports, (DWORD)s.in_errors, (DWORD)s.out_datagrams,
                        table_length(HOST_TABLE_UDP)};
    return ERROR_SUCCESS;
}

/* One adapter's MIB_IFROW: its description as the name and description (Wine's choice), its counters. */
static void put_ifrow(MIB_IFROW *row, const struct host_iface *f)
{
    memset(row, 0, sizeof *row);
    const char *descr = IphlpAdapterDescription(f);
    for (size_t i = 0; descr[i] && i < 255; i++)
        row->wszName[i] = (WCHAR)(unsigned char)descr[i];
    row->dwIndex = f->index;
    row->dwType = f->loopback ? 24 : 6;          /* IF_TYPE_SOFTWARE_LOOPBACK, IF_TYPE_ETHERNET_CSMACD */
    row->dwMtu = f->mtu;
    row->dwSpeed = f->loopback ? 1073741824 : 1000000000;
    row->dwPhysAddrLen = f->loopback ? 0 : f->hwlen;
    memcpy(row->bPhysAddr, f->hwaddr, f->hwlen < 8 ? f->hwlen : 8);
    row->dwAdminStatus = 1;                      /* MIB_IF_ADMIN_STATUS_UP */
    row->dwOperStatus = f->running ? 5 : 1;      /* IF_OPER_STATUS_OPERATIONAL, IF_OPER_STATUS_NON_OPERATIONAL */
    struct host_if_counters c;
    if (host_interface_counters(f->name, &c) == STATUS_SUCCESS) {
        row->dwInOctets = (DWORD)c.rx_bytes;
        row->dwInUcastPkts = (DWORD)(c.rx_packets - c.rx_multicast);
        row->dwInNUcastPkts = (DWORD)c.rx_multicast;
        row->dwInDiscards = (DWORD)c.rx_dropped;
        row->dwInErrors = (DWORD)c.rx_errors;
        row->dwOutOctets = (DWORD)c.tx_bytes;
        row->dwOutUcastPkts = (DWORD)c.tx_packets;
        row->dwOutDiscards = (DWORD)c.tx_dropped;
        row->dwOutErrors = (DWORD)c.tx_errors;
    }
    size_t len = strlen(descr);
    row->dwDescrLen = (DWORD)(len < 255 ? len + 1 : 256);
    memcpy(row->bDescr, descr, row->dwDescrLen - 1);
}

DWORD WINAPI GetIfTable(PVOID table, PULONG size, BOOL order)
{
    (void)order;   /* the host's interfaces come in index order already */
    if (!size)
        return ERROR_INVALID_PARAMETER;
    ULONG n;
    DWORD err;
    struct host_iface *all = IphlpSnapshot(&n, &err);
    if (!all)
        return err;
    size_t need = sizeof(DWORD) + (size_t)n * sizeof(MIB_IFROW);
    if (!table || *size < need) {
        *size = (ULONG)need;
        err = ERROR_INSUFFICIENT_BUFFER;
    } else {
        DWORD count = n;
        memcpy(table, &count, sizeof count);
        MIB_IFROW *rows = (MIB_IFROW *)((BYTE *)table + sizeof(DWORD));
        for (ULONG i = 0; i < n; i++)
            put_ifrow(&rows[i], &all[i]);
        err = ERROR_SUCCESS;
    }
    IphlpRelease(all);
    return err;
}

DWORD WINAPI GetIfEntry(PVOID entry)
{
    if (!entry)
        return ERROR_INVALID_PARAMETER;
    MIB_IFROW *row = entry;
    ULONG n;
    DWORD err;
    struct host_iface *all = IphlpSnapshot(&n, &err);
    if (!all)
        return err;
    err = ERROR_INVALID_DATA;   /* Windows' answer for an index no interface has */
    for (ULONG i = 0; i < n && err; i++)
        if (all[i].index == row->dwIndex) {
            put_ifrow(row, &all[i]);
            err = ERROR_SUCCESS;
        }
    IphlpRelease(all);
    return err;
}
