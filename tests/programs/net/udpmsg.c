/* UDP socket options with structure values, IPv4 multicast on loopback, WSARecvMsg/WSASendMsg with control
 * messages (IP_PKTINFO, IPV6_PKTINFO, IP_RECVTTL), truncation flags, an overlapped WSARecvMsg, the extension
 * functions on TCP sockets. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <stdio.h>
#include <string.h>
#include "loopback.h"

static LPFN_WSARECVMSG recvmsg_fn;

/* select for readability with a timeout, so that a datagram that never comes cannot hang the program. */
static int readable(SOCKET s, long ms)
{
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    return select(0, &rs, NULL, NULL, &tv);
}

static const char *text(const void *sa)
{
    static char buf[2][64];
    static int i;
    char *t = buf[i++ & 1];
    const struct sockaddr *a = sa;
    strcpy(t, "?");
    if (a->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)a)->sin_addr, t, 64);
    else if (a->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)a)->sin6_addr, t, 64);
    return t;
}

/* A UDP socket bound to ADDR (text) at a port the system picks; its address in *sa. */
static SOCKET bound(int family, const char *addr, struct sockaddr_storage *sa, DWORD flags)
{
    SOCKET s = WSASocketW(family, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, flags);
    memset(sa, 0, sizeof *sa);
    sa->ss_family = (ADDRESS_FAMILY)family;
    if (family == AF_INET)
        inet_pton(AF_INET, addr, &((struct sockaddr_in *)sa)->sin_addr);
    else
        inet_pton(AF_INET6, addr, &((struct sockaddr_in6 *)sa)->sin6_addr);
    int len = sizeof *sa;
    if (bind(s, (struct sockaddr *)sa, family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)))
        printf("bind %s: error %d\n", addr, WSAGetLastError());
    getsockname(s, (struct sockaddr *)sa, &len);
    return s;
}

static UINT lo_index; /* the interface index IN_PKTINFO reported for 127.0.0.1 */

/* Prints each control message of M. */
static void show_cmsgs(WSAMSG *m)
{
    for (WSACMSGHDR *c = WSA_CMSG_FIRSTHDR(m); c; c = WSA_CMSG_NXTHDR(m, c)) {
        printf("  cmsg level %d type %d len %u", c->cmsg_level, c->cmsg_type, (unsigned)c->cmsg_len);
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            IN_PKTINFO *p = (IN_PKTINFO *)WSA_CMSG_DATA(c);
            char t[32];
            inet_ntop(AF_INET, &p->ipi_addr, t, sizeof t);
            printf(" IN_PKTINFO %s ifindex %s", t, p->ipi_ifindex ? "nonzero" : "0");
            if (!lo_index)
                lo_index = p->ipi_ifindex;
        } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            IN6_PKTINFO *p = (IN6_PKTINFO *)WSA_CMSG_DATA(c);
            char t[64];
            inet_ntop(AF_INET6, &p->ipi6_addr, t, sizeof t);
            printf(" IN6_PKTINFO %s ifindex %s", t, !p->ipi6_ifindex ? "0"
                   : p->ipi6_ifindex == lo_index ? "is loopback's" : "nonzero");
        } else if (c->cmsg_level == IPPROTO_IP && (c->cmsg_type == IP_TTL || c->cmsg_type == IP_HOPLIMIT)) {
            printf(" TTL %d", *(int *)WSA_CMSG_DATA(c));
        }
        printf("\n");
    }
}

/* Receives one datagram with WSARecvMsg into a DATALEN-byte buffer and a CTLLEN-byte control buffer and prints
 * what came; FROM, when given, is the sender whose port the source address should carry. A receive that fails
 * (a truncated datagram) prints the error, dwFlags and the data only. */
static void recv_msg(const char *what, SOCKET s, ULONG datalen, ULONG ctllen, const void *from)
{
    char data[65] = "", ctl[128];
    struct sockaddr_storage name;
    memset(&name, 0, sizeof name);
    WSABUF b = { datalen, data };
    WSAMSG m = { (LPSOCKADDR)&name, sizeof name, &b, 1, { ctllen, ctl }, 0 };
    if (readable(s, 2000) != 1) {
        printf("%s: nothing arrived\n", what);
        return;
    }
    DWORD n = 0;
    int r = recvmsg_fn(s, &m, &n, NULL, NULL);
    if (r) {
        printf("%s: %d error %d dwFlags 0x%lx data [%s]\n", what, r, WSAGetLastError(), m.dwFlags, data);
        return;
    }
    printf("%s: %d bytes %lu [%.*s] namelen %d from %s", what, r, n, (int)n, data, m.namelen, text(&name));
    if (from)
        printf(" port is the sender's %d",
               ((struct sockaddr_in *)&name)->sin_port == ((const struct sockaddr_in *)from)->sin_port);
    printf(" Control.len %lu dwFlags 0x%lx\n", m.Control.len, m.dwFlags);
    show_cmsgs(&m);
}

/* setsockopt, then getsockopt, of a DWORD option. */
static void dword_option(const char *name, SOCKET s, int level, int opt, DWORD value)
{
    int r = setsockopt(s, level, opt, (char *)&value, sizeof value);
    int e = r ? WSAGetLastError() : 0;
    DWORD got = 0xdeadbeef;
    int len = sizeof got;
    int g = getsockopt(s, level, opt, (char *)&got, &len);
    int ge = g ? WSAGetLastError() : 0;
    printf("%s set %lu: %d error %d, get: %d error %d value %lu len %d\n", name, value, r, e, g, ge, got, len);
}

/* An interface option's value: an IPv4 address in network order, or an interface index in host order. */
static const char *if_value(DWORD v)
{
    return v == htonl(INADDR_LOOPBACK) ? "127.0.0.1" : v == lo_index ? "loopback's index" : "other";
}

/* IPv4 multicast over loopback: a member joined on 127.0.0.1 and a sender whose multicast interface is 127.0.0.1. */
static void multicast4(void)
{
    struct sockaddr_storage ra, sa;
    SOCKET r = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    BOOL on = TRUE;
    int ru = setsockopt(r, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof on);
    memset(&ra, 0, sizeof ra);
    ra.ss_family = AF_INET; /* INADDR_ANY, at a port the system picks: the group's port */
    int rb = bind(r, (struct sockaddr *)&ra, sizeof(struct sockaddr_in)), len = sizeof ra;
    getsockname(r, (struct sockaddr *)&ra, &len);
    printf("mcast4 receiver: SO_REUSEADDR %d bind %d\n", ru, rb);
    struct ip_mreq mr;
    inet_pton(AF_INET, "239.255.77.77", &mr.imr_multiaddr);
    mr.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
    int j = setsockopt(r, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&mr, sizeof mr);
    printf("IP_ADD_MEMBERSHIP 239.255.77.77 on 127.0.0.1: %d error %d\n", j, j ? WSAGetLastError() : 0);

    SOCKET s = bound(AF_INET, "127.0.0.1", &sa, 0);
    IN_ADDR lo = { .s_addr = htonl(INADDR_LOOPBACK) };
    int i1 = setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&lo, sizeof lo);
    printf("IP_MULTICAST_IF set 127.0.0.1: %d\n", i1);
    dword_option("IP_MULTICAST_TTL", s, IPPROTO_IP, IP_MULTICAST_TTL, 1);
    dword_option("IP_MULTICAST_LOOP", s, IPPROTO_IP, IP_MULTICAST_LOOP, 1);
    DWORD got = 0;
    len = sizeof got;
    int g = getsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&got, &len);
    printf("IP_MULTICAST_IF get: %d %s len %d\n", g, if_value(got), len);

    struct sockaddr_in group = { .sin_family = AF_INET, .sin_port = ((struct sockaddr_in *)&ra)->sin_port,
                                 .sin_addr = mr.imr_multiaddr };
    int n = sendto(s, "to the group", 12, 0, (struct sockaddr *)&group, sizeof group);
    printf("sendto 239.255.77.77: %d\n", n);
    char buf[64];
    struct sockaddr_storage from;
    int fl = sizeof from;
    if (readable(r, 2000) == 1) {
        n = recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
        printf("group member received: %d [%.*s] from %s port is the sender's %d\n", n, n > 0 ? n : 0, buf,
               text(&from), ((struct sockaddr_in *)&from)->sin_port == ((struct sockaddr_in *)&sa)->sin_port);
    } else {
        printf("group member received nothing\n");
    }
    int d = setsockopt(r, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&mr, sizeof mr);
    printf("IP_DROP_MEMBERSHIP: %d\n", d);
    sendto(s, "after the drop", 14, 0, (struct sockaddr *)&group, sizeof group);
    printf("select after the drop: %d\n", readable(r, 300));
    d = setsockopt(r, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&mr, sizeof mr);
    printf("IP_DROP_MEMBERSHIP again: %d error %d\n", d, d ? WSAGetLastError() : 0);
    closesocket(r);
    closesocket(s);
}

/* IPv6 on ::1: IPV6_PKTINFO, the hop limits, joining a group on the loopback interface. */
static void ipv6(void)
{
    struct sockaddr_storage ra, sa;
    SOCKET r = bound(AF_INET6, "::1", &ra, 0), s = bound(AF_INET6, "::1", &sa, 0);
    DWORD on = 1;
    int rc = setsockopt(r, IPPROTO_IPV6, IPV6_PKTINFO, (char *)&on, sizeof on);
    printf("IPV6_PKTINFO set: %d\n", rc);
    sendto(s, "six", 3, 0, (struct sockaddr *)&ra, sizeof(struct sockaddr_in6));
    recv_msg("ipv6 WSARecvMsg", r, 64, WSA_CMSG_SPACE(sizeof(IN6_PKTINFO)), &sa);
    dword_option("IPV6_UNICAST_HOPS", s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 7);
    dword_option("IPV6_MULTICAST_HOPS", s, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 1);
    dword_option("IPV6_MULTICAST_LOOP", s, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 1);
    DWORD index = lo_index, got = 0;
    rc = setsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&index, sizeof index);
    int len = sizeof got, g = getsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&got, &len);
    printf("IPV6_MULTICAST_IF set loopback's index: %d, get: %d %s len %d\n", rc, g, if_value(got), len);
    struct ipv6_mreq mr6;
    inet_pton(AF_INET6, "ff15::7777", &mr6.ipv6mr_multiaddr);
    mr6.ipv6mr_interface = lo_index;
    rc = setsockopt(r, IPPROTO_IPV6, IPV6_JOIN_GROUP, (char *)&mr6, sizeof mr6);
    printf("IPV6_JOIN_GROUP ff15::7777 on loopback: %d error %d\n", rc, rc ? WSAGetLastError() : 0);
    rc = setsockopt(r, IPPROTO_IPV6, IPV6_LEAVE_GROUP, (char *)&mr6, sizeof mr6);
    printf("IPV6_LEAVE_GROUP: %d error %d\n", rc, rc ? WSAGetLastError() : 0);
    closesocket(r);
    closesocket(s);
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    DWORD on = 1, got = 0;

    /* IP_PKTINFO and WSARecvMsg, found through WSAIoctl; the packet information gives loopback's index. */
    struct sockaddr_storage ra, sa;
    SOCKET r = bound(AF_INET, "127.0.0.1", &ra, 0), s = bound(AF_INET, "127.0.0.1", &sa, 0);
    int rc = setsockopt(r, IPPROTO_IP, IP_PKTINFO, (char *)&on, sizeof on);
    printf("IP_PKTINFO set: %d\n", rc);
    GUID gr = WSAID_WSARECVMSG;
    rc = WSAIoctl(r, SIO_GET_EXTENSION_FUNCTION_POINTER, &gr, sizeof gr, &recvmsg_fn, sizeof recvmsg_fn, &got, NULL,
                  NULL);
    printf("WSAID_WSARECVMSG: %d bytes %lu\n", rc, got);
    if (rc) {
        WSACleanup();
        return 0;
    }
    sendto(s, "pktinfo", 7, 0, (struct sockaddr *)&ra, sizeof(struct sockaddr_in));
    recv_msg("WSARecvMsg", r, 64, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), &sa);

    /* Too small a control buffer (MSG_CTRUNC), then too small a data buffer (MSG_TRUNC): both WSAEMSGSIZE. */
    sendto(s, "0123456789", 10, 0, (struct sockaddr *)&ra, sizeof(struct sockaddr_in));
    recv_msg("8-byte control buffer", r, 64, 8, &sa);
    sendto(s, "0123456789", 10, 0, (struct sockaddr *)&ra, sizeof(struct sockaddr_in));
    recv_msg("4-byte data buffer", r, 4, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), &sa);

    multicast4();
    ipv6();

    /* WSASendMsg: the export and the WSAIoctl pointer with a name, an IN_PKTINFO control message choosing the
     * source address, no name on a connected socket, a TCP socket. */
    char hello[] = "hello";
    WSABUF b = { 5, hello };
    WSAMSG m = { (LPSOCKADDR)&ra, sizeof(struct sockaddr_in), &b, 1, { 0, NULL }, 0 };
    DWORD sent = 0;
    rc = WSASendMsg(s, &m, 0, &sent, NULL, NULL);
    printf("WSASendMsg: %d bytes %lu\n", rc, sent);
    recv_msg("after WSASendMsg", r, 64, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), &sa);
    LPFN_WSASENDMSG sendmsg_fn = NULL;
    GUID gs = WSAID_WSASENDMSG;
    rc = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &gs, sizeof gs, &sendmsg_fn, sizeof sendmsg_fn, &got, NULL,
                  NULL);
    printf("WSAID_WSASENDMSG: %d bytes %lu\n", rc, got);
    if (!rc) {
        sent = 0;
        rc = sendmsg_fn(s, &m, 0, &sent, NULL, NULL);
        printf("WSASendMsg through the pointer: %d bytes %lu\n", rc, sent);
        recv_msg("after it", r, 64, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), &sa);
    }
    union { WSACMSGHDR h; char c[WSA_CMSG_SPACE(sizeof(IN_PKTINFO))]; } ctl;
    memset(&ctl, 0, sizeof ctl);
    ctl.h.cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
    ctl.h.cmsg_level = IPPROTO_IP;
    ctl.h.cmsg_type = IP_PKTINFO;
    ((IN_PKTINFO *)WSA_CMSG_DATA(&ctl.h))->ipi_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct sockaddr_storage ua;
    SOCKET u = bound(AF_INET, "0.0.0.0", &ua, 0);
    m.Control.buf = ctl.c;
    m.Control.len = sizeof ctl;
    sent = 0;
    rc = WSASendMsg(u, &m, 0, &sent, NULL, NULL);
    printf("WSASendMsg from 0.0.0.0 with IN_PKTINFO 127.0.0.1: %d error %d bytes %lu\n", rc,
           rc ? WSAGetLastError() : 0, sent);
    recv_msg("after it", r, 64, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), &ua);
    connect(s, (struct sockaddr *)&ra, sizeof(struct sockaddr_in));
    WSAMSG mc = { NULL, 0, &b, 1, { 0, NULL }, 0 };
    sent = 0;
    rc = WSASendMsg(s, &mc, 0, &sent, NULL, NULL);
    printf("WSASendMsg connected, no name: %d error %d bytes %lu\n", rc, rc ? WSAGetLastError() : 0, sent);
    recv_msg("after it", r, 64, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), &sa);
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    m.Control.buf = NULL;
    m.Control.len = 0;
    sent = 0;
    rc = WSASendMsg(t, &m, 0, &sent, NULL, NULL);
    printf("WSASendMsg on a TCP socket: %d error %d\n", rc, rc ? WSAGetLastError() : 0);
    closesocket(t);

    /* An overlapped WSARecvMsg with an event: pending, then completed by a datagram. */
    struct sockaddr_storage oa;
    SOCKET o = bound(AF_INET, "127.0.0.1", &oa, WSA_FLAG_OVERLAPPED);
    setsockopt(o, IPPROTO_IP, IP_PKTINFO, (char *)&on, sizeof on);
    static char odata[64], octl[64];
    static struct sockaddr_storage oname;
    static WSABUF ob = { sizeof odata, odata };
    static WSAMSG om = { (LPSOCKADDR)&oname, sizeof oname, &ob, 1, { sizeof octl, octl }, 0 };
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    rc = recvmsg_fn(o, &om, NULL, &ov, NULL);
    printf("overlapped WSARecvMsg: %d error %d\n", rc, rc ? WSAGetLastError() : 0);
    sendto(u, "late", 4, 0, (struct sockaddr *)&oa, sizeof(struct sockaddr_in));
    DWORD w = WaitForSingleObject(ov.hEvent, 2000), n = 0, fl = 0;
    printf("wait: %lu\n", w);
    if (w != WAIT_OBJECT_0) {
        CancelIoEx((HANDLE)o, &ov);
        WaitForSingleObject(ov.hEvent, 2000);
    }
    BOOL ok = WSAGetOverlappedResult(o, &ov, &n, FALSE, &fl);
    printf("WSAGetOverlappedResult: %d bytes %lu [%.*s] namelen %d from %s Control.len %lu dwFlags 0x%lx\n", ok, n,
           (int)(n < sizeof odata ? n : 0), odata, om.namelen, text(&oname), om.Control.len, om.dwFlags);
    if (ok)
        show_cmsgs(&om);
    WSACloseEvent(ov.hEvent);
    closesocket(o);

    /* IP-level DWORD options of a UDP socket; IP_RECVTTL (IP_HOPLIMIT) reports a received datagram's TTL. */
    SOCKET v = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    dword_option("IP_TTL", v, IPPROTO_IP, IP_TTL, 33);
    dword_option("IP_TOS", v, IPPROTO_IP, IP_TOS, 0);
    dword_option("IP_DONTFRAGMENT", v, IPPROTO_IP, IP_DONTFRAGMENT, 1);
    dword_option("IP_DONTFRAGMENT", v, IPPROTO_IP, IP_DONTFRAGMENT, 0);
    dword_option("IP_UNICAST_IF", v, IPPROTO_IP, IP_UNICAST_IF, 0);
    closesocket(v);
    struct sockaddr_storage ta;
    SOCKET h = bound(AF_INET, "127.0.0.1", &ta, 0);
    dword_option("IP_RECVTTL", h, IPPROTO_IP, IP_RECVTTL, 1);
    DWORD ttl = 33;
    setsockopt(u, IPPROTO_IP, IP_TTL, (char *)&ttl, sizeof ttl);
    sendto(u, "ttl", 3, 0, (struct sockaddr *)&ta, sizeof(struct sockaddr_in));
    recv_msg("with IP_RECVTTL, sent with TTL 33", h, 64, 64, &ua);
    closesocket(h);

    /* WSARecvMsg on a TCP socket with MSG_PEEK. */
    struct sockaddr_in la;
    SOCKET l = loopback_listener(&la, 1);
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(t, (struct sockaddr *)&la, sizeof la);
    SOCKET a = accept(l, NULL, NULL);
    send(t, "tcp", 3, 0);
    char tb[8];
    WSABUF tw = { sizeof tb, tb };
    WSAMSG tm = { NULL, 0, &tw, 1, { 0, NULL }, MSG_PEEK };
    n = 0;
    rc = readable(a, 2000) == 1 ? recvmsg_fn(a, &tm, &n, NULL, NULL) : -2;
    printf("WSARecvMsg MSG_PEEK on a TCP socket: %d error %d\n", rc, rc == -1 ? WSAGetLastError() : 0);

    closesocket(a);
    closesocket(t);
    closesocket(l);
    closesocket(u);
    closesocket(r);
    closesocket(s);
    WSACleanup();
    return 0;
}
