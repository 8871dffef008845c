/* UDP round trips on 127.0.0.1 and ::1, datagram truncation, recvfrom's source address. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static void round_trip(int family)
{
    const char *name = family == AF_INET ? "ipv4" : "ipv6";
    SOCKET a = socket(family, SOCK_DGRAM, 0), b = socket(family, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_storage sa = { 0 }, sb = { 0 };
    int len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    sa.ss_family = sb.ss_family = (ADDRESS_FAMILY)family;
    if (family == AF_INET) {
        ((struct sockaddr_in *)&sa)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ((struct sockaddr_in *)&sb)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    } else {
        ((struct sockaddr_in6 *)&sa)->sin6_addr = in6addr_loopback;
        ((struct sockaddr_in6 *)&sb)->sin6_addr = in6addr_loopback;
    }
    int r1 = bind(a, (struct sockaddr *)&sa, len), r2 = bind(b, (struct sockaddr *)&sb, len);
    printf("%s bind: %d %d\n", name, r1, r2);
    int la = len, lb = len;
    getsockname(a, (struct sockaddr *)&sa, &la);
    getsockname(b, (struct sockaddr *)&sb, &lb);
    printf("%s getsockname lengths: %d %d\n", name, la, lb);
    int r = sendto(a, "datagram one", 12, 0, (struct sockaddr *)&sb, lb);
    printf("%s sendto: %d\n", name, r);
    char buf[64];
    struct sockaddr_storage from;
    int fromlen = sizeof from;
    r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
    char text[64] = "";
    if (family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&from)->sin_addr, text, sizeof text);
    else
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&from)->sin6_addr, text, sizeof text);
    int same_port = ((struct sockaddr_in *)&from)->sin_port == ((struct sockaddr_in *)&sa)->sin_port;
    printf("%s recvfrom: %d [%.*s] from %s fromlen %d port is the sender's %d\n", name, r, r > 0 ? r : 0, buf,
           text, fromlen, same_port);
    r = sendto(b, "reply", 5, 0, (struct sockaddr *)&from, fromlen);
    r = recv(a, buf, sizeof buf, 0);
    printf("%s reply: %d [%.*s]\n", name, r, r > 0 ? r : 0, buf);
    /* A datagram longer than the buffer: the buffer is filled, the rest dropped, WSAEMSGSIZE. */
    sendto(a, "0123456789", 10, 0, (struct sockaddr *)&sb, lb);
    memset(buf, 0, sizeof buf);
    r = recv(b, buf, 4, 0);
    int e = WSAGetLastError();
    printf("%s truncated recv: %d error %d [%.4s]\n", name, r, e, buf);
    /* FIONREAD on an empty socket, then after one datagram. */
    u_long n = 99;
    r = ioctlsocket(b, FIONREAD, &n);
    printf("%s FIONREAD empty: %d %lu\n", name, r, n);
    sendto(a, "abc", 3, 0, (struct sockaddr *)&sb, lb);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(b, &rs);
    struct timeval tv = { 5, 0 };
    r = select(0, &rs, NULL, NULL, &tv);
    printf("%s select readable: %d isset %d\n", name, r, FD_ISSET(b, &rs) != 0);
    r = ioctlsocket(b, FIONREAD, &n);
    printf("%s FIONREAD: %d %lu\n", name, r, n);
    r = recv(b, buf, sizeof buf, MSG_PEEK);
    printf("%s MSG_PEEK: %d\n", name, r);
    r = recv(b, buf, sizeof buf, 0);
    printf("%s recv after peek: %d\n", name, r);
    closesocket(a);
    closesocket(b);
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    round_trip(AF_INET);
    round_trip(AF_INET6);
    WSACleanup();
    return 0;
}
