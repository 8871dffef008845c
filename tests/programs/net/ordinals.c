/* Winsock imported by ordinal (ordinals.def: no names in the import table), as programs linked with
 * Microsoft's ws2_32.lib import accept, bind, socket, WSAStartup and the other Winsock 1.1 functions: a
 * TCP round trip on 127.0.0.1 through them, then the last error's two functions. */
#include <winsock2.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    WSADATA data;
    int r = WSAStartup(MAKEWORD(2, 2), &data);
    printf("WSAStartup: %d version %d.%d\n", r, LOBYTE(data.wVersion), HIBYTE(data.wVersion));
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    a.sin_port = htons(0);
    int len = sizeof a;
    r = bind(l, (struct sockaddr *)&a, sizeof a);
    int r2 = listen(l, 1);
    int r3 = getsockname(l, (struct sockaddr *)&a, &len);
    printf("bind %d listen %d getsockname %d: %s, a port %s\n", r, r2, r3, inet_ntoa(a.sin_addr),
           ntohs(a.sin_port) ? "chosen" : "missing");
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    r = connect(c, (struct sockaddr *)&a, sizeof a);
    SOCKET s = accept(l, NULL, NULL);
    printf("connect %d accept %s\n", r, s == INVALID_SOCKET ? "failed" : "a socket");
    r = send(c, "by ordinal", 10, 0);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    struct timeval tv = {5, 0};
    r2 = select(0, &rs, NULL, NULL, &tv);
    char buf[32] = "";
    r3 = recv(s, buf, sizeof buf, 0);
    printf("send %d select %d (set %d) recv %d [%.*s] htonl %s\n", r, r2, FD_ISSET(s, &rs) != 0, r3, r3 > 0 ? r3 : 0,
           buf, htonl(1) == 0x01000000 ? "swaps" : "does not swap");
    char name[256];
    printf("gethostname: %d\n", gethostname(name, sizeof name));
    WSASetLastError(10035);
    printf("WSAGetLastError after WSASetLastError(10035): %d\n", WSAGetLastError());
    closesocket(s);
    closesocket(c);
    closesocket(l);
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
