/* Connections one after another on one listener, each opened, used and closed: nothing may accumulate.
 * The case's harness lowers the open-file limit, so a socket that leaked a host descriptor would make a
 * later socket() fail; the handle count is compared too. The client closes abortively (SO_LINGER 0), so
 * that no TIME_WAIT state is left to exhaust the ephemeral ports. Usage: sequential.exe [connections]. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include "loopback.h"

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 10000;
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    struct sockaddr_in a;
    SOCKET l = loopback_listener(&a, 16);
    DWORD before = 0, after = 0;
    GetProcessHandleCount(GetCurrentProcess(), &before);
    int done = 0;
    for (int i = 0; i < count; i++) {
        SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (c == INVALID_SOCKET) {
            printf("socket %d failed: %d\n", i, WSAGetLastError());
            break;
        }
        if (connect(c, (struct sockaddr *)&a, sizeof a) != 0) {
            printf("connect %d failed: %d\n", i, WSAGetLastError());
            break;
        }
        SOCKET s = accept(l, NULL, NULL);
        if (s == INVALID_SOCKET) {
            printf("accept %d failed: %d\n", i, WSAGetLastError());
            break;
        }
        char b = 0;
        int ok = send(c, "x", 1, 0) == 1 && recv(s, &b, 1, 0) == 1 && b == 'x' && send(s, "y", 1, 0) == 1 &&
                 recv(c, &b, 1, 0) == 1 && b == 'y';
        closesocket(s);
        struct linger lg = { 1, 0 };
        setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg);
        closesocket(c);
        if (!ok) {
            printf("exchange %d failed: %d\n", i, WSAGetLastError());
            break;
        }
        done++;
    }
    GetProcessHandleCount(GetCurrentProcess(), &after);
    printf("connections: %d\n", done);
    printf("handles grew by: %ld\n", (long)after - (long)before);
    closesocket(l);
    WSACleanup();
    return done == count ? 0 : 1;
}
