/* The protocol catalogue (WSAEnumProtocolsA/W: the TCP and UDP entries for IPv4 and IPv6 and AF_UNIX's, the
 * protocol filter, WSAENOBUFS with the room needed, WSANOTINITIALISED before WSAStartup), the services and
 * protocol databases (getservbyname/port, getprotobyname/number), and the small calls: WSAHtonl and
 * friends, InetNtopW/InetPtonW, GetHostNameW, WSAConnect, WSAAccept with a condition function,
 * WSASendDisconnect/WSARecvDisconnect. Entries are looked up by family and type, so that the order of the
 * catalogue (which differs between Windows installations) does not matter. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

#include "loopback.h"

static void show_entry(const WSAPROTOCOL_INFOW *p, int n, int family, int type)
{
    for (int i = 0; i < n; i++) {
        if (p[i].iAddressFamily != family || p[i].iSocketType != type)
            continue;
        const GUID *g = &p[i].ProviderId;
        printf("af %d type %d: \"%ls\" protocol %d flags1 0x%lx flags2-4 %lx %lx %lx provider flags 0x%lx\n",
               family, type, p[i].szProtocol, p[i].iProtocol, p[i].dwServiceFlags1, p[i].dwServiceFlags2,
               p[i].dwServiceFlags3, p[i].dwServiceFlags4, p[i].dwProviderFlags);
        printf("  guid {%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X} id %lu chain %d version %d\n", g->Data1,
               g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5],
               g->Data4[6], g->Data4[7], p[i].dwCatalogEntryId, p[i].ProtocolChain.ChainLen, p[i].iVersion);
        printf("  sockaddr %d..%d max offset %d byte order %d security %d message %lu\n", p[i].iMinSockAddr,
               p[i].iMaxSockAddr, p[i].iProtocolMaxOffset, p[i].iNetworkByteOrder, p[i].iSecurityScheme,
               p[i].dwMessageSize);
        return;
    }
    printf("af %d type %d: none\n", family, type);
}

static void catalogue(void)
{
    static WSAPROTOCOL_INFOW w[64];
    static WSAPROTOCOL_INFOA a[64];
    DWORD len = 0;
    int r = WSAEnumProtocolsW(NULL, NULL, &len);
    int e = WSAGetLastError();
    printf("sizes: W %d A %d\n", (int)sizeof(WSAPROTOCOL_INFOW), (int)sizeof(WSAPROTOCOL_INFOA));
    printf("no buffer: %d error %d length a multiple of W %d\n", r, e, len % sizeof(WSAPROTOCOL_INFOW) == 0);
    DWORD need = len;
    len = need - 1;
    r = WSAEnumProtocolsW(NULL, w, &len);
    e = WSAGetLastError();
    printf("one byte short: %d error %d length again %d\n", r, e, len == need);
    len = sizeof w;
    int n = WSAEnumProtocolsW(NULL, w, &len);
    printf("all: count>=4 %d length kept %d needed %d\n", n >= 4, len == sizeof w,
           need == n * sizeof(WSAPROTOCOL_INFOW));
    show_entry(w, n, AF_INET, SOCK_STREAM);
    show_entry(w, n, AF_INET, SOCK_DGRAM);
    show_entry(w, n, AF_INET6, SOCK_STREAM);
    show_entry(w, n, AF_INET6, SOCK_DGRAM);
    show_entry(w, n, AF_UNIX, SOCK_STREAM);

    int tcp = 0, ifs = 1, other = 0;
    int only_tcp[] = { IPPROTO_TCP, 0 };
    len = sizeof w;
    n = WSAEnumProtocolsW(only_tcp, w, &len);
    for (int i = 0; i < n; i++) {
        tcp += w[i].iAddressFamily == AF_INET || w[i].iAddressFamily == AF_INET6;
        other += w[i].iProtocol != IPPROTO_TCP;
        ifs &= (w[i].dwServiceFlags1 & XP1_IFS_HANDLES) != 0;
    }
    printf("tcp filter: ip entries>=2 %d other protocols %d all IFS handles %d\n", tcp >= 2, other, ifs);

    int only_udp[] = { IPPROTO_UDP, 0 };
    DWORD alen = 0;
    r = WSAEnumProtocolsA(only_udp, NULL, &alen);
    e = WSAGetLastError();
    printf("A udp no buffer: %d error %d length a multiple of A %d\n", r, e, alen % sizeof(WSAPROTOCOL_INFOA) == 0);
    alen = sizeof a;
    n = WSAEnumProtocolsA(only_udp, a, &alen);
    int udp4 = 0, udp6 = 0;
    for (int i = 0; i < n; i++) {
        other += a[i].iProtocol != IPPROTO_UDP;
        udp4 += a[i].iAddressFamily == AF_INET && strstr(a[i].szProtocol, "[UDP/IP]") != NULL;
        udp6 += a[i].iAddressFamily == AF_INET6 && strstr(a[i].szProtocol, "[UDP/IPv6]") != NULL;
    }
    printf("A udp filter: other protocols %d named [UDP/IP] %d [UDP/IPv6] %d\n", other, udp4, udp6);

    int none[] = { 200, 0 };
    len = sizeof w;
    r = WSAEnumProtocolsW(none, w, &len);
    printf("no such protocol: %d\n", r);
}

static void service(const char *name, const char *proto)
{
    struct servent *s = getservbyname(name, proto);
    int e = WSAGetLastError();
    if (!s) {
        printf("getservbyname(%s, %s): NULL error %d\n", name, proto ? proto : "NULL", e);
        return;
    }
    printf("getservbyname(%s, %s): %s %u/%s alias %s\n", name, proto ? proto : "NULL", s->s_name, ntohs(s->s_port),
           s->s_proto, s->s_aliases[0] ? s->s_aliases[0] : "-");
}

static void port(int number, const char *proto)
{
    struct servent *s = getservbyport(htons((u_short)number), proto);
    int e = WSAGetLastError();
    if (!s)
        printf("getservbyport(%d, %s): NULL error %d\n", number, proto ? proto : "NULL", e);
    else
        printf("getservbyport(%d, %s): %s %u/%s\n", number, proto ? proto : "NULL", s->s_name, ntohs(s->s_port),
               s->s_proto);
}

static void protocol(const char *name, int number)
{
    struct protoent *p = name ? getprotobyname(name) : getprotobynumber(number);
    int e = WSAGetLastError();
    if (!p)
        printf("protocol %s %d: NULL error %d\n", name ? name : "-", number, e);
    else
        printf("protocol %s %d: %s %d alias %s\n", name ? name : "-", number, p->p_name, p->p_proto,
               p->p_aliases[0] ? p->p_aliases[0] : "-");
}

static void databases(void)
{
    service("http", "tcp");
    service("http", NULL);
    service("domain", "udp");
    service("ftp", NULL);
    service("smtp", "tcp");
    service("ntp", "udp");
    service("ftp", "udp");
    service("no-such-service", NULL);
    port(80, "tcp");
    port(21, NULL);
    port(53, "udp");
    port(22, "tcp");
    port(4, NULL);
    protocol("tcp", 0);
    protocol("udp", 0);
    protocol("icmp", 0);
    protocol(NULL, 6);
    protocol(NULL, 17);
    protocol(NULL, 41);
    protocol("no-such-protocol", 0);
    protocol(NULL, 250);
    struct servent *s1 = getservbyname("http", "tcp");
    struct servent *s2 = getservbyname("ftp", "tcp");
    printf("per-thread servent reused: %d name now %s\n", s1 == s2, s2->s_name);
    printf("servent layout: s_proto at %d s_port at %d size %d\n", (int)offsetof(struct servent, s_proto),
           (int)offsetof(struct servent, s_port), (int)sizeof(struct servent));
}

static int CALLBACK verdict_of(LPWSABUF caller, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos, LPWSABUF callee,
                               LPWSABUF callee_data, GROUP *g, DWORD_PTR data)
{
    (void)caller_data;
    (void)sqos;
    (void)gqos;
    (void)callee_data;
    (void)g;
    struct sockaddr_in *from = (struct sockaddr_in *)caller->buf, *to = (struct sockaddr_in *)callee->buf;
    printf("  condition: caller len %lu family %d 127.0.0.1 %d, callee len %lu port matches %d\n", caller->len,
           from->sin_family, from->sin_addr.s_addr == htonl(INADDR_LOOPBACK), callee->len,
           to->sin_port != 0);
    return (int)data;
}

static void small_calls(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    u_long l = 0;
    u_short h = 0;
    int r = WSAHtonl(s, 0x01020304, &l);
    printf("WSAHtonl: %d 0x%08lx\n", r, l);
    r = WSAHtons(s, 0x0102, &h);
    printf("WSAHtons: %d 0x%04x\n", r, h);
    r = WSANtohl(s, l, &l);
    printf("WSANtohl: %d 0x%08lx\n", r, l);
    r = WSANtohs(s, h, &h);
    printf("WSANtohs: %d 0x%04x\n", r, h);
    r = WSAHtonl(s, 1, NULL);
    printf("WSAHtonl no result: %d error %d\n", r, WSAGetLastError());

    IN6_ADDR a6;
    IN_ADDR a4;
    r = InetPtonW(AF_INET6, L"fe80::1:2", &a6);
    WCHAR text[64];
    const WCHAR *t = InetNtopW(AF_INET6, &a6, text, 64);
    printf("InetPtonW/InetNtopW v6: %d \"%ls\"\n", r, t ? t : L"(null)");
    r = InetPtonW(AF_INET, L"10.20.30.40", &a4);
    t = InetNtopW(AF_INET, &a4, text, 64);
    printf("InetPtonW/InetNtopW v4: %d \"%ls\"\n", r, t ? t : L"(null)");
    r = InetPtonW(AF_INET, L"10.20.30", &a4);
    printf("InetPtonW bad: %d\n", r);
    t = InetNtopW(AF_INET, &a4, text, 4);
    printf("InetNtopW short: %s error %d\n", t ? "text" : "NULL", WSAGetLastError());

    char host[256];
    WCHAR whost[256];
    gethostname(host, sizeof host);
    r = GetHostNameW(whost, 256);
    int same = r == 0 && strlen(host) == wcslen(whost);
    for (size_t i = 0; same && host[i]; i++)
        same = (WCHAR)(unsigned char)host[i] == whost[i];
    printf("GetHostNameW: %d same as gethostname %d\n", r, same);
    r = GetHostNameW(whost, 1);
    printf("GetHostNameW short: %d error %d\n", r, WSAGetLastError());
    closesocket(s);

    struct sockaddr_in addr;
    SOCKET lsock = loopback_listener(&addr, 4);
    WSABUF callee = { 16, host };
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    r = WSAConnect(c, (struct sockaddr *)&addr, sizeof addr, NULL, &callee, NULL, NULL);
    printf("WSAConnect: %d callee data len %lu\n", r, callee.len);
    struct sockaddr_in peer;
    int plen = sizeof peer;
    SOCKET a = WSAAccept(lsock, (struct sockaddr *)&peer, &plen, verdict_of, CF_ACCEPT);
    printf("WSAAccept CF_ACCEPT: valid %d len %d family %d\n", a != INVALID_SOCKET, plen, peer.sin_family);
    r = send(c, "hi", 2, 0);
    char buf[8];
    int got = recv(a, buf, sizeof buf, 0);
    printf("data through: sent %d got %d\n", r, got);
    r = WSASendDisconnect(c, NULL);
    got = recv(a, buf, sizeof buf, 0);
    printf("WSASendDisconnect: %d peer reads %d\n", r, got);
    r = WSARecvDisconnect(a, NULL);
    printf("WSARecvDisconnect: %d\n", r);
    closesocket(a);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, 0);
    r = connect(c, (struct sockaddr *)&addr, sizeof addr);
    a = WSAAccept(lsock, NULL, NULL, verdict_of, CF_REJECT);
    printf("WSAAccept CF_REJECT: %s error %d\n", a == INVALID_SOCKET ? "INVALID_SOCKET" : "socket",
           WSAGetLastError());
    closesocket(c);
    closesocket(lsock);
}

int main(void)
{
    DWORD len = 0;
    int r = WSAEnumProtocolsW(NULL, NULL, &len);
    printf("before WSAStartup: %d error %d\n", r, WSAGetLastError());
    struct servent *s = getservbyname("http", "tcp");
    printf("getservbyname before WSAStartup: %s error %d\n", s ? "entry" : "NULL", WSAGetLastError());
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    catalogue();
    databases();
    small_calls();
    WSACleanup();
    return 0;
}
