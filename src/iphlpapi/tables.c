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

#define AF_INET 2
#define AF_INET6 23

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

/* A table: a DWORD count, then count rows of row_size from rows_offset (4, or 8 for rows holding 64-bit
 * fields, as in tcpmib.h/udpmib.h). */
static DWORD put_table(PVOID out, LPDWORD size, const void *rows, uint32_t count, size_t row_size,
                       size_t rows_offset)
{
    size_t need = rows_offset + (size_t)count * row_size;
    if (!out || *size < need) {
        *size = (DWORD)need;
        return ERROR_INSUFFICIENT_BUFFER;
    }
    memset(out, 0, rows_offset);
    memcpy(out, &count, sizeof(DWORD));
    memcpy((BYTE *)out + rows_offset, rows, (size_t)count * row_size);
    return ERROR_SUCCESS;
}





/* Windows' order: local address, local port, remote address, remote port, each as a number (network
 * order bytes compare as the numbers do). */
static int compare_entries(const void *x, const void *y)
{
    const struct host_socket_entry *a = x, *b = y;
    int c = memcmp(a->local, b->local, 16);
    if (!c)
        c = a->local_port - b->local_port;
    if (!c)
        c = memcmp(a->remote, b->remote, 16);
    if (!c)
        c = a->remote_port - b->remote_port;
    return c;
}

enum table_rows { ALL_ROWS, LISTENERS, CONNECTIONS };

/* How one kind of table is made from the host's entries. */
struct table_kind {
    enum host_socket_table which;
    uint8_t family;
    enum table_rows rows;
    bool owners;               /* the rows name the owning process */
    size_t row_size;
    size_t rows_offset;
    void (*fill)(void *row, const struct host_socket_entry *e);
};

static DWORD socket_table(const struct table_kind *k, PVOID table, LPDWORD size, BOOL order)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    struct host_socket_entry *all;
    uint32_t n;
    NTSTATUS st = host_socket_table(k->which, k->family, &all, &n);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        bool listener = all[i].state == HOST_TCP_LISTEN;
        if (k->rows == ALL_ROWS || (k->rows == LISTENERS) == listener)
            all[kept++] = all[i];
    }
    if (order)
        qsort(all, kept, sizeof *all, compare_entries);
    if (k->owners && table && *size >= k->rows_offset + (size_t)kept * k->row_size)
        host_socket_owners(all, kept);   /* a size query need not walk every process's descriptors */
    BYTE *rows = calloc(kept ? kept : 1, k->row_size);
    if (!rows) {
        free(all);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (uint32_t i = 0; i < kept; i++)
        k->fill(rows + i * k->row_size, &all[i]);
    free(all);
    DWORD err = put_table(table, size, rows, kept, k->row_size, k->rows_offset);
    free(rows);
    return err;
}

/* A listener's remote end is all zeros, as Windows lists it. */
static void fill_tcp(void *out, const struct host_socket_entry *e)
{
    bool listening = e->state == HOST_TCP_LISTEN;
    *(MIB_TCPROW *)out = (MIB_TCPROW){mib_state(e->state), address_field(e->local), port_field(e->local_port),
                                      listening ? 0 : address_field(e->remote),
                                      listening ? 0 : port_field(e->remote_port)};
}

static void fill_udp(void *out, const struct host_socket_entry *e)
{
    *(MIB_UDPROW *)out = (MIB_UDPROW){address_field(e->local), port_field(e->local_port)};
}

/* A link-local address's zone stays 0 (unspecified): Linux's /proc tables do not carry it. */
static void fill_tcp6(void *out, const struct host_socket_entry *e)
{
    MIB_TCP6ROW *row = out;
    row->State = mib_state(e->state);
    memcpy(row->LocalAddr, e->local, 16);
    row->dwLocalPort = port_field(e->local_port);
    if (e->state != HOST_TCP_LISTEN) {
        memcpy(row->RemoteAddr, e->remote, 16);
        row->dwRemotePort = port_field(e->remote_port);
    }
}

static void fill_udp6(void *out, const struct host_socket_entry *e)
{
    MIB_UDP6ROW *row = out;
    memcpy(row->dwLocalAddr, e->local, 16);
    row->dwLocalPort = port_field(e->local_port);
}

DWORD WINAPI GetTcpTable(PVOID table, LPDWORD size, BOOL order)
{
    static const struct table_kind tcp = {HOST_TABLE_TCP, 4, ALL_ROWS, false, sizeof(MIB_TCPROW), 4, fill_tcp};
    return socket_table(&tcp, table, size, order);
}

DWORD WINAPI GetUdpTable(PVOID table, LPDWORD size, BOOL order)
{
    static const struct table_kind udp = {HOST_TABLE_UDP, 4, ALL_ROWS, false, sizeof(MIB_UDPROW), 4, fill_udp};
    return socket_table(&udp, table, size, order);
}

DWORD WINAPI GetTcp6Table(PVOID table, LPDWORD size, BOOL order)
{
    static const struct table_kind tcp6 = {HOST_TABLE_TCP, 6, ALL_ROWS, false, sizeof(MIB_TCP6ROW), 4, fill_tcp6};
    return socket_table(&tcp6, table, size, order);
}

DWORD WINAPI GetUdp6Table(PVOID table, LPDWORD size, BOOL order)
{
    static const struct table_kind udp6 = {HOST_TABLE_UDP, 6, ALL_ROWS, false, sizeof(MIB_UDP6ROW), 4, fill_udp6};
    return socket_table(&udp6, table, size, order);
}

/* ---- GetExtendedTcpTable / GetExtendedUdpTable ---- */

#define TCP_TABLE_BASIC_LISTENER 0
#define TCP_TABLE_OWNER_PID_LISTENER 3
#define TCP_TABLE_OWNER_MODULE_LISTENER 6
#define TCP_TABLE_OWNER_MODULE_ALL 8
#define UDP_TABLE_BASIC 0
#define UDP_TABLE_OWNER_PID 1
#define UDP_TABLE_OWNER_MODULE 2

/* The owner rows: the basic fields, the owning process, and for the module rows a creation time and
 * module information that Linux does not keep (left zero: socket_table's rows start zeroed). x64 layouts
 * checked against mingw-w64. */
typedef struct {
    MIB_TCPROW basic;
    DWORD dwOwningPid;
} MIB_TCPROW_OWNER_PID;

typedef struct {
    MIB_TCPROW_OWNER_PID owner;
    LONG64 liCreateTimestamp;
    ULONG64 OwningModuleInfo[16];
} MIB_TCPROW_OWNER_MODULE;

typedef struct {
    BYTE ucLocalAddr[16];
    DWORD dwLocalScopeId, dwLocalPort;
    BYTE ucRemoteAddr[16];
    DWORD dwRemoteScopeId, dwRemotePort, dwState, dwOwningPid;
} MIB_TCP6ROW_OWNER_PID;

typedef struct {
    MIB_TCP6ROW_OWNER_PID owner;
    LONG64 liCreateTimestamp;
    ULONG64 OwningModuleInfo[16];
} MIB_TCP6ROW_OWNER_MODULE;

typedef struct {
    DWORD dwLocalAddr, dwLocalPort, dwOwningPid;
} MIB_UDPROW_OWNER_PID;

typedef struct {
    MIB_UDPROW_OWNER_PID owner;
    LONG64 liCreateTimestamp;
    DWORD dwFlags;
    ULONG64 OwningModuleInfo[16];
} MIB_UDPROW_OWNER_MODULE;

typedef struct {
    BYTE ucLocalAddr[16];
    DWORD dwLocalScopeId, dwLocalPort, dwOwningPid;
} MIB_UDP6ROW_OWNER_PID;

typedef struct {
    MIB_UDP6ROW_OWNER_PID owner;
    LONG64 liCreateTimestamp;
    DWORD dwFlags;
    ULONG64 OwningModuleInfo[16];
} MIB_UDP6ROW_OWNER_MODULE;

_Static_assert(sizeof(MIB_TCPROW_OWNER_PID) == 24 && sizeof(MIB_TCPROW_OWNER_MODULE) == 160 &&
                   sizeof(MIB_TCP6ROW_OWNER_PID) == 56 && sizeof(MIB_TCP6ROW_OWNER_MODULE) == 192 &&
                   sizeof(MIB_UDPROW_OWNER_PID) == 12 && sizeof(MIB_UDPROW_OWNER_MODULE) == 160 &&
                   sizeof(MIB_UDP6ROW_OWNER_PID) == 28 && sizeof(MIB_UDP6ROW_OWNER_MODULE) == 176,
               "iprtrmib.h owner row layouts");

static void fill_tcp_pid(void *out, const struct host_socket_entry *e)
{
    MIB_TCPROW_OWNER_PID *row = out;
    fill_tcp(&row->basic, e);
    row->dwOwningPid = e->owner_pid;
}

static void fill_tcp6_pid(void *out, const struct host_socket_entry *e)
{
    MIB_TCP6ROW_OWNER_PID *row = out;
    MIB_TCP6ROW basic = {0};
    fill_tcp6(&basic, e);
    memcpy(row->ucLocalAddr, basic.LocalAddr, 16);
    row->dwLocalPort = basic.dwLocalPort;
    memcpy(row->ucRemoteAddr, basic.RemoteAddr, 16);
    row->dwRemotePort = basic.dwRemotePort;
    row->dwState = basic.State;
    row->dwOwningPid = e->owner_pid;
}

static void fill_udp_pid(void *out, const struct host_socket_entry *e)
{
    MIB_UDPROW_OWNER_PID *row = out;
    *row = (MIB_UDPROW_OWNER_PID){address_field(e->local), port_field(e->local_port), e->owner_pid};
}

static void fill_udp6_pid(void *out, const struct host_socket_entry *e)
{
    MIB_UDP6ROW_OWNER_PID *row = out;
    memcpy(row->ucLocalAddr, e->local, 16);
    row->dwLocalPort = port_field(e->local_port);
    row->dwOwningPid = e->owner_pid;
}

DWORD WINAPI GetExtendedTcpTable(PVOID table, LPDWORD size, BOOL order, ULONG family, ULONG table_class,
                                 ULONG reserved)
{
    if (reserved || (family != AF_INET && family != AF_INET6) || table_class > TCP_TABLE_OWNER_MODULE_ALL)
        return ERROR_INVALID_PARAMETER;
    bool v6 = family == AF_INET6;
    if (v6 && table_class < TCP_TABLE_OWNER_PID_LISTENER)
        return ERROR_NOT_SUPPORTED;   /* the basic rows have no IPv6 form */
    struct table_kind k = {HOST_TABLE_TCP, v6 ? 6 : 4, (enum table_rows)0, false, 0, 4, NULL};
    ULONG rows = (table_class - TCP_TABLE_BASIC_LISTENER) % 3;   /* listener, connections, all */
    k.rows = rows == 0 ? LISTENERS : rows == 1 ? CONNECTIONS : ALL_ROWS;
    if (table_class < TCP_TABLE_OWNER_PID_LISTENER) {
        k.row_size = sizeof(MIB_TCPROW);
        k.fill = fill_tcp;
    } else if (table_class < TCP_TABLE_OWNER_MODULE_LISTENER) {
        k.owners = true;
        k.row_size = v6 ? sizeof(MIB_TCP6ROW_OWNER_PID) : sizeof(MIB_TCPROW_OWNER_PID);
        k.fill = v6 ? fill_tcp6_pid : fill_tcp_pid;
    } else {
        k.owners = true;
        k.row_size = v6 ? sizeof(MIB_TCP6ROW_OWNER_MODULE) : sizeof(MIB_TCPROW_OWNER_MODULE);
        k.rows_offset = 8;
        k.fill = v6 ? fill_tcp6_pid : fill_tcp_pid;   /* a module row begins with the pid row */
    }
    return socket_table(&k, table, size, order);
}

DWORD WINAPI GetExtendedUdpTable(PVOID table, LPDWORD size, BOOL order, ULONG family, ULONG table_class,
                                 ULONG reserved)
{
    if (reserved || (family != AF_INET && family != AF_INET6) || table_class > UDP_TABLE_OWNER_MODULE)
        return ERROR_INVALID_PARAMETER;
    bool v6 = family == AF_INET6;
    if (v6 && table_class == UDP_TABLE_BASIC)
        return ERROR_NOT_SUPPORTED;
    struct table_kind k = {HOST_TABLE_UDP, v6 ? 6 : 4, ALL_ROWS, table_class != UDP_TABLE_BASIC, 0, 4, NULL};
    if (table_class == UDP_TABLE_BASIC) {
        k.row_size = sizeof(MIB_UDPROW);
        k.fill = fill_udp;
    } else if (table_class == UDP_TABLE_OWNER_PID) {
        k.row_size = v6 ? sizeof(MIB_UDP6ROW_OWNER_PID) : sizeof(MIB_UDPROW_OWNER_PID);
        k.fill = v6 ? fill_udp6_pid : fill_udp_pid;
    } else {
        k.row_size = v6 ? sizeof(MIB_UDP6ROW_OWNER_MODULE) : sizeof(MIB_UDPROW_OWNER_MODULE);
        k.rows_offset = 8;
        k.fill = v6 ? fill_udp6_pid : fill_udp_pid;
    }
    return socket_table(&k, table, size, order);
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

#define MAX_COUNTED 64

/* The host's interface counters, read once for a whole table (NULL when they cannot be read: the rows'
 * counters stay zero). */
static struct host_if_counters *read_counters(uint32_t *n)
{
    struct host_if_counters *all = calloc(MAX_COUNTED, sizeof *all);
    if (all && host_interface_counters(all, MAX_COUNTED, n) != STATUS_SUCCESS) {
        free(all);
        all = NULL;
    }
    if (!all)
        *n = 0;
    return all;
}

/* One adapter's MIB_IFROW: its description as the name and description (Wine's choice), its counters
 * (those of counters[] under its Linux name). */
static void put_ifrow(MIB_IFROW *row, const struct host_iface *f, const struct host_if_counters *counters,
                      uint32_t ncounters)
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
    for (uint32_t i = 0; i < ncounters; i++) {
        const struct host_if_counters *c = &counters[i];
        if (strcmp(c->name, f->name) != 0)
            continue;
        row->dwInOctets = (DWORD)c->rx_bytes;
        row->dwInUcastPkts = (DWORD)(c->rx_packets - c->rx_multicast);
        row->dwInNUcastPkts = (DWORD)c->rx_multicast;
        row->dwInDiscards = (DWORD)c->rx_dropped;
        row->dwInErrors = (DWORD)c->rx_errors;
        row->dwOutOctets = (DWORD)c->tx_bytes;
        row->dwOutUcastPkts = (DWORD)c->tx_packets;
        row->dwOutDiscards = (DWORD)c->tx_dropped;
        row->dwOutErrors = (DWORD)c->tx_errors;
        break;
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
        uint32_t ncounters;
        struct host_if_counters *counters = read_counters(&ncounters);
        for (ULONG i = 0; i < n; i++)
            put_ifrow(&rows[i], &all[i], counters, ncounters);
        free(counters);
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
    struct host_iface f;
    DWORD err = IphlpInterfaceOfIndex(row->dwIndex, &f);
    if (err)
        return err == ERROR_FILE_NOT_FOUND ? ERROR_INVALID_DATA : err;   /* Windows' answer for no such index */
    uint32_t ncounters;
    struct host_if_counters *counters = read_counters(&ncounters);
    put_ifrow(row, &f, counters, ncounters);
    free(counters);
    return ERROR_SUCCESS;
}
