/* Winsock's failures: calls before WSAStartup, version negotiation, a refused connection (blocking and
 * non-blocking, seen through select and SO_ERROR), a port in use, select and WSAPoll timeouts, would-block
 * reads, handles that are not sockets. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

#include "loopback.h"

static void startup(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    int e = WSAGetLastError();
    printf("socket before WSAStartup: invalid %d error %d\n", s == INVALID_SOCKET, e);
    int r = WSACleanup();
    e = WSAGetLastError();
    printf("WSACleanup before WSAStartup: %d error %d\n", r, e);
    WSADATA wsa;
    memset(&wsa, 0xcc, sizeof wsa);
    r = WSAStartup(MAKEWORD(0, 1), &wsa);
    printf("WSAStartup 0.1: %d\n", r);
    memset(&wsa, 0xcc, sizeof wsa);
    r = WSAStartup(MAKEWORD(1, 1), &wsa);
    printf("WSAStartup 1.1: %d version %04x high %04x\n", r, wsa.wVersion, wsa.wHighVersion);
    r = WSACleanup();
    memset(&wsa, 0xcc, sizeof wsa);
    r = WSAStartup(MAKEWORD(3, 0), &wsa);
    printf("WSAStartup 3.0: %d version %04x high %04x\n", r, wsa.wVersion, wsa.wHighVersion);
    WSACleanup();
    memset(&wsa, 0xcc, sizeof wsa);
    r = WSAStartup(MAKEWORD(2, 2), &wsa);
    printf("WSAStartup 2.2: %d version %04x high %04x desc [%s] status [%s] maxsockets %u maxudp %u\n",
           r, wsa.wVersion, wsa.wHighVersion, wsa.szDescription, wsa.szSystemStatus, wsa.iMaxSockets,
           wsa.iMaxUdpDg);
}

/* A loopback port nobody listens on: bound, read, closed. */
static u_short free_port(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&a, sizeof a);
    int len = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &len);
    closesocket(s);
    return a.sin_port;
}

static void refused(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = free_port() };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    int e = WSAGetLastError();
    printf("connect to a closed port: %d error %d\n", r, e);
    closesocket(s);

    s = socket(AF_INET, SOCK_STREAM, 0);
    u_long on = 1;
    r = ioctlsocket(s, FIONBIO, &on);
    printf("FIONBIO: %d\n", r);
    r = connect(s, (struct sockaddr *)&a, sizeof a);
    e = WSAGetLastError();
    printf("non-blocking connect to a closed port: %d error %d\n", r, e);
    fd_set ws, xs;
    FD_ZERO(&ws);
    FD_ZERO(&xs);
    FD_SET(s, &ws);
    FD_SET(s, &xs);
    struct timeval tv = { 5, 0 };
    r = select(0, NULL, &ws, &xs, &tv);
    printf("select: %d writable %d exception %d\n", r, FD_ISSET(s, &ws) != 0, FD_ISSET(s, &xs) != 0);
    int err = -1, len = sizeof err;
    r = getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
    printf("SO_ERROR: %d value %d len %d\n", r, err, len);
    closesocket(s);
}

static void nonblocking(void)
{
    struct sockaddr_in a;
    SOCKET l = loopback_listener(&a, 4);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    int e = WSAGetLastError();
    printf("non-blocking connect: %d error %d\n", r, e);
    fd_set ws, xs;
    FD_ZERO(&ws);
    FD_ZERO(&xs);
    FD_SET(s, &ws);
    FD_SET(s, &xs);
    struct timeval tv = { 5, 0 };
    r = select(0, NULL, &ws, &xs, &tv);
    printf("select: %d writable %d exception %d\n", r, FD_ISSET(s, &ws) != 0, FD_ISSET(s, &xs) != 0);
    int err = -1, len = sizeof err;
    r = getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
    printf("SO_ERROR: %d value %d\n", r, err);
    char buf[8];
    r = recv(s, buf, sizeof buf, 0);
    e = WSAGetLastError();
    printf("recv with nothing sent: %d error %d\n", r, e);
    r = connect(s, (struct sockaddr *)&a, sizeof a);
    e = WSAGetLastError();
    printf("connect again: %d error %d\n", r, e);

    /* The listener is readable: a connection waits. */
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(l, &rs);
    r = select(0, &rs, NULL, NULL, &tv);
    printf("listener select: %d readable %d\n", r, FD_ISSET(l, &rs) != 0);
    SOCKET c = accept(l, NULL, NULL);
    printf("accept: %d\n", c != INVALID_SOCKET);

    /* Timeouts: nothing to read. */
    FD_ZERO(&rs);
    FD_SET(c, &rs);
    struct timeval shortwait = { 0, 50000 };
    r = select(0, &rs, NULL, NULL, &shortwait);
    printf("select timeout: %d count %u\n", r, rs.fd_count);
    WSAPOLLFD p = { .fd = c, .events = POLLRDNORM };
    r = WSAPoll(&p, 1, 50);
    printf("WSAPoll timeout: %d revents %x\n", r, p.revents);
    send(s, "ab", 2, 0);
    p.revents = 0;
    r = WSAPoll(&p, 1, 5000);
    printf("WSAPoll data: %d revents %x\n", r, p.revents);
    p.events = POLLWRNORM;
    r = WSAPoll(&p, 1, 5000);
    printf("WSAPoll writable: %d revents %x\n", r, p.revents);
    closesocket(s);
    p.events = POLLRDNORM;
    char drain[8];
    recv(c, drain, sizeof drain, 0);
    r = WSAPoll(&p, 1, 5000);
    printf("WSAPoll peer closed: %d revents %x\n", r, p.revents);
    closesocket(c);

    /* A second listener on the port in use. */
    SOCKET d = socket(AF_INET, SOCK_STREAM, 0);
    r = bind(d, (struct sockaddr *)&a, sizeof a);
    e = WSAGetLastError();
    printf("bind a port in use: %d error %d\n", r, e);
    closesocket(d);
    closesocket(l);
}

static void misuse(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    int r = send(s, "x", 1, 0);
    int e = WSAGetLastError();
    printf("send unconnected: %d error %d\n", r, e);
    r = listen(s, 1);
    e = WSAGetLastError();
    printf("listen unbound: %d error %d\n", r, e);
    struct sockaddr_in a;
    int len = sizeof a;
    r = getpeername(s, (struct sockaddr *)&a, &len);
    e = WSAGetLastError();
    printf("getpeername unconnected: %d error %d\n", r, e);
    r = getsockname(s, (struct sockaddr *)&a, &len);
    e = WSAGetLastError();
    printf("getsockname unbound: %d error %d\n", r, e);
    r = shutdown(s, 5);
    e = WSAGetLastError();
    printf("shutdown how 5: %d error %d\n", r, e);
    closesocket(s);
    r = closesocket(s);
    e = WSAGetLastError();
    printf("closesocket closed: %d error %d\n", r, e);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    r = closesocket((SOCKET)ev);
    e = WSAGetLastError();
    printf("closesocket an event: %d error %d\n", r, e);
    CloseHandle(ev);
    s = socket(AF_INET, 99, 0);
    e = WSAGetLastError();
    printf("socket type 99: invalid %d error %d\n", s == INVALID_SOCKET, e);
    s = socket(12345, SOCK_STREAM, 0);
    e = WSAGetLastError();
    printf("socket family 12345: invalid %d error %d\n", s == INVALID_SOCKET, e);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_UDP);
    e = WSAGetLastError();
    printf("socket stream over UDP: invalid %d error %d\n", s == INVALID_SOCKET, e);
    struct timeval tv = { 0, 0 };
    r = select(0, NULL, NULL, NULL, &tv);
    e = WSAGetLastError();
    printf("select with no sockets: %d error %d\n", r, e);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET((SOCKET)12345678, &rs);
    r = select(0, &rs, NULL, NULL, &tv);
    e = WSAGetLastError();
    printf("select a non-socket: %d error %d\n", r, e);
}

int main(void)
{
    startup();
    refused();
    nonblocking();
    misuse();
    int r = WSACleanup();
    printf("WSACleanup: %d\n", r);
    r = WSACleanup();
    int e = WSAGetLastError();
    printf("WSACleanup again: %d error %d\n", r, e);
    return 0;
}
