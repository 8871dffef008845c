/* The IPv4 socket tables and counters, checked against sockets this program opens on 127.0.0.1 (a
 * listener, both ends of a connection, a UDP socket; other processes' sockets may be listed too, so only
 * ours are looked for): GetTcpTable and GetUdpTable with their size protocol and sorted order, GetTcp6Table,
 * GetExtendedTcpTable and GetExtendedUdpTable (owner pids, row classes),
 * GetTcpStatistics, GetUdpStatistics, GetIfTable and GetIfEntry. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static USHORT port_of(SOCKET s)
{
    struct sockaddr_in a;
    int len = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &len);
    return a.sin_port;   /* network order, as the tables hold it */
}

static MIB_TCPROW *find_tcp(MIB_TCPTABLE *t, USHORT local, USHORT remote)
{
    for (DWORD i = 0; i < t->dwNumEntries; i++)
        if ((USHORT)t->table[i].dwLocalPort == local && (USHORT)t->table[i].dwRemotePort == remote &&
            t->table[i].dwLocalAddr == htonl(INADDR_LOOPBACK))
            return &t->table[i];
    return NULL;
}

static int sorted(MIB_TCPTABLE *t)
{
    for (DWORD i = 1; i < t->dwNumEntries; i++) {
        MIB_TCPROW *a = &t->table[i - 1], *b = &t->table[i];
        ULONG la = ntohl(a->dwLocalAddr), lb = ntohl(b->dwLocalAddr);
        USHORT pa = ntohs((USHORT)a->dwLocalPort), pb = ntohs((USHORT)b->dwLocalPort);
        if (la > lb || (la == lb && pa > pb))
            return 0;
    }
    return 1;
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener, (struct sockaddr *)&a, sizeof a);
    listen(listener, 1);
    a.sin_port = port_of(listener);
    SOCKET client = socket(AF_INET, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&a, sizeof a);
    SOCKET server = accept(listener, NULL, NULL);
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
    a.sin_port = 0;
    bind(udp, (struct sockaddr *)&a, sizeof a);

    DWORD size = 0;
    printf("GetTcpTable NULL size: %lu\n", GetTcpTable(NULL, NULL, TRUE));
    DWORD r = GetTcpTable(NULL, &size, TRUE);
    printf("GetTcpTable size query: %lu, a size %d\n", r, size >= sizeof(DWORD) + 3 * sizeof(MIB_TCPROW));
    DWORD small = sizeof(MIB_TCPTABLE);
    MIB_TCPTABLE *tcp = malloc(small);
    r = GetTcpTable(tcp, &small, TRUE);
    printf("one row's room: %lu, size grown %d\n", r, small > sizeof(MIB_TCPTABLE));
    size += 10 * sizeof(MIB_TCPROW);   /* room for connections made meanwhile */
    tcp = realloc(tcp, size);
    r = GetTcpTable(tcp, &size, TRUE);
    printf("GetTcpTable: %lu, sorted %d\n", r, sorted(tcp));
    MIB_TCPROW *row = find_tcp(tcp, port_of(listener), 0);
    printf("listener: %d, state %lu, remote 0.0.0.0 %d\n", row != NULL, row ? row->dwState : 0,
           row && row->dwRemoteAddr == 0);
    row = find_tcp(tcp, port_of(client), port_of(listener));
    printf("client end: %d, state %lu, remote 127.0.0.1 %d\n", row != NULL, row ? row->dwState : 0,
           row && row->dwRemoteAddr == htonl(INADDR_LOOPBACK));
    row = find_tcp(tcp, port_of(server), port_of(client));
    printf("server end: %d, state %lu\n", row != NULL, row ? row->dwState : 0);

    size = 0;
    GetUdpTable(NULL, &size, TRUE);
    size += 10 * sizeof(MIB_UDPROW);
    MIB_UDPTABLE *udps = malloc(size);
    r = GetUdpTable(udps, &size, TRUE);
    int found = 0;
    for (DWORD i = 0; r == NO_ERROR && i < udps->dwNumEntries; i++)
        found |= (USHORT)udps->table[i].dwLocalPort == port_of(udp) &&
                 udps->table[i].dwLocalAddr == htonl(INADDR_LOOPBACK);
    printf("GetUdpTable: %lu, our socket %d\n", r, found);

    SOCKET listener6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a6 = {.sin6_family = AF_INET6};
    a6.sin6_addr.s6_addr[15] = 1;   /* ::1 */
    int bound6 = bind(listener6, (struct sockaddr *)&a6, sizeof a6) == 0 && listen(listener6, 1) == 0;
    int len6 = sizeof a6;
    getsockname(listener6, (struct sockaddr *)&a6, &len6);
    size = 0;
    r = GetTcp6Table(NULL, &size, TRUE);
    printf("GetTcp6Table size query: %lu\n", r);
    size += 10 * sizeof(MIB_TCP6ROW);
    MIB_TCP6TABLE *tcp6 = malloc(size);
    r = GetTcp6Table(tcp6, &size, TRUE);
    found = 0;
    for (DWORD i = 0; r == NO_ERROR && i < tcp6->dwNumEntries; i++)
        if ((USHORT)tcp6->table[i].dwLocalPort == a6.sin6_port && tcp6->table[i].State == MIB_TCP_STATE_LISTEN)
            found = !memcmp(&tcp6->table[i].LocalAddr, &a6.sin6_addr, 16);
    printf("GetTcp6Table: %lu, the ::1 listener %d\n", r, found || !bound6);
    closesocket(listener6);

    /* The owner tables: our sockets are ours, and each class keeps the rows it names. */
    size = 0;
    GetExtendedTcpTable(NULL, &size, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0);
    size += 10 * sizeof(MIB_TCPROW_OWNER_PID);
    MIB_TCPTABLE_OWNER_PID *owned = malloc(size);
    r = GetExtendedTcpTable(owned, &size, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0);
    int ours = 0;
    for (DWORD i = 0; r == NO_ERROR && i < owned->dwNumEntries; i++)
        if ((USHORT)owned->table[i].dwLocalPort == port_of(listener) ||
            (USHORT)owned->table[i].dwLocalPort == port_of(client))
            ours += owned->table[i].dwOwningPid == GetCurrentProcessId();
    printf("GetExtendedTcpTable owner pid, all: %lu, our listener and client are ours %d\n", r, ours);
    size = 0;
    GetExtendedTcpTable(NULL, &size, FALSE, AF_INET, TCP_TABLE_OWNER_PID_LISTENER, 0);
    size += 10 * sizeof(MIB_TCPROW_OWNER_PID);
    owned = realloc(owned, size);
    r = GetExtendedTcpTable(owned, &size, FALSE, AF_INET, TCP_TABLE_OWNER_PID_LISTENER, 0);
    int only_listeners = 1;
    for (DWORD i = 0; r == NO_ERROR && i < owned->dwNumEntries; i++)
        only_listeners &= owned->table[i].dwState == MIB_TCP_STATE_LISTEN;
    printf("listeners only: %lu %d\n", r, only_listeners);
    size = 0;
    GetExtendedTcpTable(NULL, &size, FALSE, AF_INET, TCP_TABLE_BASIC_CONNECTIONS, 0);
    size += 10 * sizeof(MIB_TCPROW);
    MIB_TCPTABLE *basic = malloc(size);
    r = GetExtendedTcpTable(basic, &size, FALSE, AF_INET, TCP_TABLE_BASIC_CONNECTIONS, 0);
    int no_listener = 1;
    for (DWORD i = 0; r == NO_ERROR && i < basic->dwNumEntries; i++)
        no_listener &= basic->table[i].dwState != MIB_TCP_STATE_LISTEN;
    printf("connections only: %lu %d\n", r, no_listener);
    DWORD msize = 0;
    r = GetExtendedTcpTable(NULL, &msize, FALSE, AF_INET, TCP_TABLE_OWNER_MODULE_ALL, 0);
    printf("owner module size query: %lu, rows from offset 8 %d\n", r,
           (msize - 8) % sizeof(MIB_TCPROW_OWNER_MODULE) == 0);
    size = 0;
    GetExtendedUdpTable(NULL, &size, TRUE, AF_INET, UDP_TABLE_OWNER_PID, 0);
    size += 10 * sizeof(MIB_UDPROW_OWNER_PID);
    MIB_UDPTABLE_OWNER_PID *owned_udp = malloc(size);
    r = GetExtendedUdpTable(owned_udp, &size, TRUE, AF_INET, UDP_TABLE_OWNER_PID, 0);
    ours = 0;
    for (DWORD i = 0; r == NO_ERROR && i < owned_udp->dwNumEntries; i++)
        ours |= (USHORT)owned_udp->table[i].dwLocalPort == port_of(udp) &&
                owned_udp->table[i].dwOwningPid == GetCurrentProcessId();
    printf("GetExtendedUdpTable owner pid: %lu, ours %d\n", r, ours);
    size = 0;
    printf("bad class: %lu, bad family: %lu\n",
           GetExtendedTcpTable(NULL, &size, FALSE, AF_INET, 9, 0),
           GetExtendedUdpTable(NULL, &size, FALSE, 5, UDP_TABLE_OWNER_PID, 0));

    MIB_TCPSTATS ts;
    r = GetTcpStatistics(&ts);
    printf("GetTcpStatistics: %lu, connections %d, established %d, active opens %d\n", r, ts.dwNumConns >= 3,
           ts.dwCurrEstab >= 2, ts.dwActiveOpens >= 1);
    MIB_UDPSTATS us;
    r = GetUdpStatistics(&us);
    printf("GetUdpStatistics: %lu, addresses %d\n", r, us.dwNumAddrs >= 1);
    printf("NULL statistics: %lu %lu\n", GetTcpStatistics(NULL), GetUdpStatistics(NULL));

    ULONG isize = 0;
    r = GetIfTable(NULL, &isize, FALSE);
    printf("GetIfTable size query: %lu\n", r);
    MIB_IFTABLE *ifs = malloc(isize);
    r = GetIfTable(ifs, &isize, FALSE);
    MIB_IFROW *lo = NULL;
    for (DWORD i = 0; r == NO_ERROR && i < ifs->dwNumEntries; i++)
        if (ifs->table[i].dwType == IF_TYPE_SOFTWARE_LOOPBACK)
            lo = &ifs->table[i];
    printf("GetIfTable: %lu, a loopback row %d, it has carried bytes %d\n", r, lo != NULL, lo && lo->dwInOctets > 0);
    MIB_IFROW entry = {.dwIndex = lo ? lo->dwIndex : 1};
    r = GetIfEntry(&entry);
    printf("GetIfEntry of the loopback: %lu, type %lu, mtu %d\n", r, entry.dwType, lo && entry.dwMtu == lo->dwMtu);
    MIB_IFROW none = {.dwIndex = 999999};
    printf("GetIfEntry of no interface: %lu\n", GetIfEntry(&none));
    printf("GetIfEntry NULL: %lu\n", GetIfEntry(NULL));
    closesocket(client);
    closesocket(server);
    closesocket(listener);
    closesocket(udp);
    return 0;
}
