/* AF_UNIX stream sockets as Windows 10 has them (afunix.h): a server binds a path relative to the current
 * directory, a client connects to it, they exchange bytes both ways, and the names come back as the paths
 * given. A datagram AF_UNIX socket is refused, a connect to a path nobody listens on fails, and the socket
 * file is removed with DeleteFileA. Error codes are not printed: Microsoft documents none for these cases,
 * and Wine 8 has no AF_UNIX to compare with. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

#ifndef AF_UNIX
#define AF_UNIX 1
#endif
typedef struct {
    ADDRESS_FAMILY sun_family;
    char sun_path[108];
} SOCKADDR_UN;

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    SOCKET d = socket(AF_UNIX, SOCK_DGRAM, 0);
    printf("datagram refused: %d\n", d == INVALID_SOCKET);

    SOCKET l = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("stream: %d\n", l != INVALID_SOCKET);
    SOCKADDR_UN a = { AF_UNIX, "ntexec-test.sock" };
    DeleteFileA(a.sun_path);
    int r = bind(l, (struct sockaddr *)&a, sizeof a);
    printf("bind: %d\n", r);
    printf("socket file exists: %d\n", GetFileAttributesA(a.sun_path) != INVALID_FILE_ATTRIBUTES);
    r = listen(l, 4);
    printf("listen: %d\n", r);
    SOCKADDR_UN name;
    int len = sizeof name;
    memset(&name, 0, sizeof name);
    r = getsockname(l, (struct sockaddr *)&name, &len);
    printf("getsockname: %d family %d path ends with the name %d\n", r, name.sun_family,
           strlen(name.sun_path) >= strlen(a.sun_path) &&
               !strcmp(name.sun_path + strlen(name.sun_path) - strlen(a.sun_path), a.sun_path));

    SOCKET c = socket(AF_UNIX, SOCK_STREAM, 0);
    r = connect(c, (struct sockaddr *)&a, sizeof a);
    printf("connect: %d\n", r);
    SOCKET s = accept(l, NULL, NULL);
    printf("accept: %d\n", s != INVALID_SOCKET);
    r = send(c, "ping", 4, 0);
    char buf[16];
    int got = recv(s, buf, sizeof buf, 0);
    printf("client -> server: %d %d [%.*s]\n", r, got, got > 0 ? got : 0, buf);
    r = send(s, "pong!", 5, 0);
    got = recv(c, buf, sizeof buf, 0);
    printf("server -> client: %d %d [%.*s]\n", r, got, got > 0 ? got : 0, buf);
    shutdown(c, SD_SEND);
    got = recv(s, buf, sizeof buf, 0);
    printf("after the client's half-close: %d\n", got);
    closesocket(c);
    closesocket(s);
    closesocket(l);

    SOCKET n = socket(AF_UNIX, SOCK_STREAM, 0);
    SOCKADDR_UN nobody = { AF_UNIX, "ntexec-nobody.sock" };
    DeleteFileA(nobody.sun_path);
    r = connect(n, (struct sockaddr *)&nobody, sizeof nobody);
    printf("connect to a missing path: %d\n", r);
    closesocket(n);
    printf("DeleteFileA: %d\n", DeleteFileA(a.sun_path));
    WSACleanup();
    return 0;
}
