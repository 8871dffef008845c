/* WSAEventSelect and WSAEnumNetworkEvents: FD_ACCEPT, FD_CONNECT (success and refused), FD_READ and FD_CLOSE,
 * each waited for through its event. Only the bits a step is about are printed: when two events land in
 * one round or in two depends on timing. */
#include <winsock2.h>
#include <stdio.h>
#include "loopback.h"

static WSANETWORKEVENTS wait_events(SOCKET s, WSAEVENT ev, const char *what)
{
    WSANETWORKEVENTS ne = { 0 };
    DWORD w = WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE);
    int r = WSAEnumNetworkEvents(s, ev, &ne);
    printf("%s: wait %lu enum %d\n", what, w, r);
    return ne;
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    struct sockaddr_in a;
    SOCKET l = loopback_listener(&a, 4);
    WSAEVENT el = WSACreateEvent(), ec = WSACreateEvent(), es = WSACreateEvent();
    int r = WSAEventSelect(l, el, FD_ACCEPT);
    printf("WSAEventSelect listener: %d\n", r);
    DWORD w = WSAWaitForMultipleEvents(1, &el, FALSE, 50, FALSE);
    printf("nothing yet: wait %lu\n", w);

    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    r = WSAEventSelect(c, ec, FD_CONNECT | FD_READ | FD_CLOSE);
    printf("WSAEventSelect client: %d\n", r);
    r = connect(c, (struct sockaddr *)&a, sizeof a);
    int e = WSAGetLastError();
    printf("connect: %d error %d\n", r, e);

    WSANETWORKEVENTS ne = wait_events(l, el, "listener");
    printf("  FD_ACCEPT %d error %d\n", (ne.lNetworkEvents & FD_ACCEPT) != 0, ne.iErrorCode[FD_ACCEPT_BIT]);
    SOCKET s = accept(l, NULL, NULL);
    printf("accept: %d\n", s != INVALID_SOCKET);
    r = WSAEventSelect(s, es, FD_READ | FD_CLOSE);

    ne = wait_events(c, ec, "client");
    printf("  FD_CONNECT %d error %d\n", (ne.lNetworkEvents & FD_CONNECT) != 0, ne.iErrorCode[FD_CONNECT_BIT]);
    w = WSAWaitForMultipleEvents(1, &ec, FALSE, 0, FALSE);
    printf("client event reset by the enumeration: wait %lu\n", w);

    r = send(c, "hi", 2, 0);
    printf("send: %d\n", r);
    ne = wait_events(s, es, "server");
    printf("  FD_READ %d\n", (ne.lNetworkEvents & FD_READ) != 0);
    char buf[8];
    r = recv(s, buf, sizeof buf, 0);
    printf("recv: %d [%.2s]\n", r, buf);

    closesocket(c);
    ne = wait_events(s, es, "server after the client's close");
    printf("  FD_CLOSE %d error %d\n", (ne.lNetworkEvents & FD_CLOSE) != 0, ne.iErrorCode[FD_CLOSE_BIT]);
    r = recv(s, buf, sizeof buf, 0);
    printf("recv: %d\n", r);
    closesocket(s);

    /* A refused connection: FD_CONNECT with WSAECONNREFUSED. */
    closesocket(l);
    SOCKET d = socket(AF_INET, SOCK_STREAM, 0);
    WSAResetEvent(ec);
    r = WSAEventSelect(d, ec, FD_CONNECT);
    r = connect(d, (struct sockaddr *)&a, sizeof a);
    e = WSAGetLastError();
    printf("connect to the closed listener: %d error %d\n", r, e);
    ne = wait_events(d, ec, "refused");
    printf("  FD_CONNECT %d error %d\n", (ne.lNetworkEvents & FD_CONNECT) != 0, ne.iErrorCode[FD_CONNECT_BIT]);
    r = WSAEventSelect(d, ec, 0x40000000);
    printf("WSAEventSelect unknown event bit: %d\n", r);
    closesocket(d);
    WSACloseEvent(el);
    WSACloseEvent(ec);
    BOOL ok = WSACloseEvent(es);
    printf("WSACloseEvent: %d\n", ok);
    WSACleanup();
    return 0;
}
