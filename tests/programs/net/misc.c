/* Name resolution of loopback names, address text, byte order, socket options and socket handles as
 * NT handles (DuplicateHandle). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static void show_addrinfo(const char *node, const char *serv, int family, int socktype, int flags)
{
    struct addrinfo hints = { .ai_family = family, .ai_socktype = socktype, .ai_flags = flags }, *res = NULL;
    int r = getaddrinfo(node, serv, &hints, &res);
    printf("getaddrinfo(%s, %s, family %d, socktype %d, flags %x): %d\n", node ? node : "NULL",
           serv ? serv : "NULL", family, socktype, flags, r);
    for (struct addrinfo *i = res; i; i = i->ai_next) {
        char text[64] = "?";
        int port = 0;
        if (i->ai_family == AF_INET) {
            inet_ntop(AF_INET, &((struct sockaddr_in *)i->ai_addr)->sin_addr, text, sizeof text);
            port = ntohs(((struct sockaddr_in *)i->ai_addr)->sin_port);
        } else if (i->ai_family == AF_INET6) {
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)i->ai_addr)->sin6_addr, text, sizeof text);
            port = ntohs(((struct sockaddr_in6 *)i->ai_addr)->sin6_port);
        }
        printf("  family %d socktype %d protocol %d addrlen %d %s port %d canon %s\n", i->ai_family,
               i->ai_socktype, i->ai_protocol, (int)i->ai_addrlen, text, port,
               i->ai_canonname ? i->ai_canonname : "NULL");
    }
    freeaddrinfo(res);
}

static void names(void)
{
    show_addrinfo("localhost", "80", AF_INET, SOCK_STREAM, 0);
    show_addrinfo("localhost", "http", AF_INET6, SOCK_STREAM, 0);
    show_addrinfo("127.0.0.1", "8080", AF_UNSPEC, SOCK_DGRAM, AI_NUMERICHOST);
    show_addrinfo("::1", NULL, AF_UNSPEC, 0, 0);
    show_addrinfo(NULL, "5000", AF_INET, SOCK_STREAM, AI_PASSIVE);
    show_addrinfo(NULL, "5000", AF_INET, SOCK_STREAM, 0);
    show_addrinfo("not-an-address", "80", AF_INET, SOCK_STREAM, AI_NUMERICHOST);
    show_addrinfo(NULL, NULL, AF_INET, SOCK_STREAM, 0);

    ADDRINFOW hw = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *rw = NULL;
    int r = GetAddrInfoW(L"localhost", L"443", &hw, &rw);
    char text[64] = "";
    if (!r)
        inet_ntop(AF_INET, &((struct sockaddr_in *)rw->ai_addr)->sin_addr, text, sizeof text);
    printf("GetAddrInfoW: %d %s port %d next %d\n", r, text,
           r ? 0 : ntohs(((struct sockaddr_in *)rw->ai_addr)->sin_port), r ? 0 : rw->ai_next != NULL);
    FreeAddrInfoW(rw);

    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(8080) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char host[64] = "", serv[16] = "";
    r = getnameinfo((struct sockaddr *)&a, sizeof a, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV);
    printf("getnameinfo numeric: %d %s %s\n", r, host, serv);
    struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(443), .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    r = getnameinfo((struct sockaddr *)&a6, sizeof a6, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV);
    printf("getnameinfo ipv6 numeric: %d %s %s\n", r, host, serv);

    char name[256] = "";
    r = gethostname(name, sizeof name);
    printf("gethostname: %d nonempty %d\n", r, name[0] != 0);
    r = gethostname(name, 1);
    int e = WSAGetLastError();
    printf("gethostname into 1 byte: %d error %d\n", r, e);
}

static void text(void)
{
    static const char *v4[] = { "127.0.0.1", "0.0.0.0", "255.255.255.255", "1.2.3", "256.1.1.1", "01.2.3.4",
                                "1.2.3.4 ", "" };
    for (size_t i = 0; i < sizeof v4 / sizeof *v4; i++) {
        unsigned char b[4] = { 0 };
        int r = inet_pton(AF_INET, v4[i], b);
        if (r == 1)
            printf("inet_pton(AF_INET, \"%s\"): %d %u.%u.%u.%u\n", v4[i], r, b[0], b[1], b[2], b[3]);
        else
            printf("inet_pton(AF_INET, \"%s\"): %d\n", v4[i], r);
    }
    static const char *v6[] = { "::1", "::", "fe80::1:2", "2001:db8:0:0:1:0:0:1", "::ffff:1.2.3.4",
                                "1:2:3:4:5:6:7:8", "1::2::3", "12345::", ":1", "1:2:3:4:5:6:7:8:9" };
    for (size_t i = 0; i < sizeof v6 / sizeof *v6; i++) {
        unsigned char b[16] = { 0 };
        int r = inet_pton(AF_INET6, v6[i], b);
        char back[64] = "";
        if (r == 1)
            inet_ntop(AF_INET6, b, back, sizeof back);
        printf("inet_pton(AF_INET6, \"%s\"): %d -> %s\n", v6[i], r, back);
    }
    unsigned char z[16] = { 0 };
    z[0] = 0x20, z[1] = 0x01, z[15] = 1;
    char out[64];
    printf("inet_ntop 2001::1: %s\n", inet_ntop(AF_INET6, z, out, sizeof out));
    const char *p = inet_ntop(AF_INET6, z, out, 4);
    int e = WSAGetLastError();
    printf("inet_ntop into 4 bytes: %s error %d\n", p ? p : "NULL", e);
    int r = inet_pton(12345, "1.2.3.4", z);
    e = WSAGetLastError();
    printf("inet_pton family 12345: %d error %d\n", r, e);
    static const char *forms[] = { "127.0.0.1", "127.1", "0x7f.1", "010.0.0.1", "1.2.3.4.5", "", "300.1.1.1",
                                   "4294967295", "1.2.65535" };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        unsigned long v = inet_addr(forms[i]);
        printf("inet_addr(\"%s\"): %08lx\n", forms[i], (unsigned long)ntohl(v));
    }
    struct in_addr in = { .s_addr = htonl(0x0a000102) };
    printf("inet_ntoa: %s\n", inet_ntoa(in));
    printf("htons(0x1234) %04x htonl(0x12345678) %08lx ntohs %04x ntohl %08lx\n", htons(0x1234),
           (unsigned long)htonl(0x12345678), ntohs(0x3412), (unsigned long)ntohl(0x78563412));
}

static int get_int(SOCKET s, int level, int name, int *len)
{
    int v = 0;   /* Windows writes one byte for some boolean options */
    *len = sizeof v;
    if (getsockopt(s, level, name, (char *)&v, len) != 0)
        return -1000 - WSAGetLastError();
    return v;
}

static void options(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0), s6 = socket(AF_INET6, SOCK_STREAM, 0);
    int len, v;
    printf("SO_TYPE stream %d dgram %d\n", get_int(s, SOL_SOCKET, SO_TYPE, &len), get_int(u, SOL_SOCKET, SO_TYPE, &len));
    printf("SO_REUSEADDR default %d\n", get_int(s, SOL_SOCKET, SO_REUSEADDR, &len));
    v = 1;
    int r = setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, sizeof v);
    printf("SO_REUSEADDR set: %d now %d\n", r, get_int(s, SOL_SOCKET, SO_REUSEADDR, &len));
    r = setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, sizeof v);
    int e = WSAGetLastError();
    printf("SO_EXCLUSIVEADDRUSE after SO_REUSEADDR: %d error %d\n", r, e);
    r = setsockopt(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, sizeof v);
    printf("SO_EXCLUSIVEADDRUSE: %d now %d\n", r, get_int(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, &len));
    printf("TCP_NODELAY default %d\n", get_int(s, IPPROTO_TCP, TCP_NODELAY, &len));
    r = setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, sizeof v);
    printf("TCP_NODELAY set: %d now %d\n", r, get_int(s, IPPROTO_TCP, TCP_NODELAY, &len) != 0);
    v = 65536;
    r = setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, sizeof v);
    printf("SO_RCVBUF set 65536: %d now %d\n", r, get_int(s, SOL_SOCKET, SO_RCVBUF, &len));
    r = setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&v, sizeof v);
    printf("SO_SNDBUF set 65536: %d now %d\n", r, get_int(s, SOL_SOCKET, SO_SNDBUF, &len));
    struct linger lg = { 1, 5 }, got = { 9, 9 };
    r = setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg);
    len = sizeof got;
    int r2 = getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&got, &len);
    printf("SO_LINGER set: %d get %d onoff %u linger %u len %d\n", r, r2, got.l_onoff, got.l_linger, len);
    printf("SO_ERROR %d\n", get_int(s, SOL_SOCKET, SO_ERROR, &len));
    printf("IPV6_V6ONLY default %d\n", get_int(s6, IPPROTO_IPV6, IPV6_V6ONLY, &len) != 0);
    v = 0;
    r = setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, sizeof v);
    printf("IPV6_V6ONLY cleared: %d now %d\n", r, get_int(s6, IPPROTO_IPV6, IPV6_V6ONLY, &len));
    printf("unknown option: %d\n", get_int(s, SOL_SOCKET, 0x7777, &len));
    len = 2;
    r = getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, &len);
    e = WSAGetLastError();
    printf("SO_TYPE into 2 bytes: %d error %d\n", r, e);
    r = getsockopt((SOCKET)12345678, SOL_SOCKET, SO_TYPE, (char *)&v, &len);
    e = WSAGetLastError();
    printf("getsockopt on a non-socket: %d error %d\n", r, e);

    /* A duplicated handle is the same socket: bound through one, named through the other. */
    HANDLE dup = NULL;
    BOOL ok = DuplicateHandle(GetCurrentProcess(), (HANDLE)u, GetCurrentProcess(), &dup, 0, FALSE,
                              DUPLICATE_SAME_ACCESS);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    r = bind(u, (struct sockaddr *)&a, sizeof a);
    struct sockaddr_in b;
    len = sizeof b;
    r2 = getsockname((SOCKET)dup, (struct sockaddr *)&b, &len);
    printf("DuplicateHandle: %d bind %d getsockname through the duplicate %d %s\n", ok, r, r2, inet_ntoa(b.sin_addr));
    closesocket(u);
    ok = CloseHandle(dup);
    printf("CloseHandle the duplicate: %d\n", ok);
    closesocket(s);
    closesocket(s6);
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    names();
    text();
    options();
    WSACleanup();
    return 0;
}
