/* SO_RCVTIMEO on a blocking socket: a recv with nothing to read ends with WSAETIMEDOUT after the timeout, both
 * before and after the socket was non-blocking for a while (a blocking call then waits another way), and a
 * recv with data ends at once. getsockopt reads the timeout back. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include "loopback.h"

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    struct sockaddr_in a;
    SOCKET l = loopback_listener(&a, 1);
    int len = sizeof a;
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (struct sockaddr *)&a, sizeof a);
    SOCKET s = accept(l, NULL, NULL);

    DWORD ms = 200, got = 0;
    int r = setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms);
    len = sizeof got;
    getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&got, &len);
    printf("setsockopt: %d, read back %lu (len %d)\n", r, got, len);
    char buf[16];
    DWORD start = GetTickCount();
    r = recv(s, buf, sizeof buf, 0);
    int e = WSAGetLastError();
    DWORD took = GetTickCount() - start;
    printf("recv with nothing to read: %d error %d, waited about the timeout %d\n", r, e, took >= 150 && took < 2000);

    u_long on = 1, off = 0;
    ioctlsocket(s, FIONBIO, &on);
    r = recv(s, buf, sizeof buf, 0);
    e = WSAGetLastError();
    printf("non-blocking recv: %d error %d\n", r, e);
    ioctlsocket(s, FIONBIO, &off);
    start = GetTickCount();
    r = recv(s, buf, sizeof buf, 0);
    e = WSAGetLastError();
    took = GetTickCount() - start;
    printf("blocking again: %d error %d, waited about the timeout %d\n", r, e, took >= 150 && took < 2000);

    send(c, "data", 4, 0);
    r = recv(s, buf, sizeof buf, 0);
    printf("recv with data: %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    closesocket(c);
    closesocket(s);
    closesocket(l);
    WSACleanup();
    return 0;
}
