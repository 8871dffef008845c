/* A TCP echo server and its client in two processes: the server binds 127.0.0.1 port 0, starts this
 * program again as the client with the port on its command line, echoes what it reads until the client's
 * half-close, then closes. Only deterministic facts are printed; the server prints after the client ended. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int client(int port)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((u_short)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    printf("client connect: %d\n", r);
    struct sockaddr_in peer;
    int len = sizeof peer;
    r = getpeername(s, (struct sockaddr *)&peer, &len);
    printf("client getpeername: %d len %d port matches %d addr %s\n", r, len, ntohs(peer.sin_port) == port,
           inet_ntoa(peer.sin_addr));
    const char *msg = "hello, echo";
    r = send(s, msg, (int)strlen(msg), 0);
    printf("client send: %d\n", r);
    char buf[64];
    int got = 0;
    while (got < (int)strlen(msg)) {
        r = recv(s, buf + got, sizeof buf - got, 0);
        if (r <= 0)
            break;
        got += r;
    }
    printf("client echo: %.*s\n", got, buf);
    /* WriteFile on a socket handle sends like send. */
    DWORD n = 0;
    BOOL ok = WriteFile((HANDLE)s, "file", 4, &n, NULL);
    printf("client WriteFile: %d %lu\n", ok, n);
    got = 0;
    while (got < 4) {
        ok = ReadFile((HANDLE)s, buf + got, 4 - got, &n, NULL);
        if (!ok || !n)
            break;
        got += (int)n;
    }
    printf("client ReadFile echo: %.*s\n", got, buf);
    r = shutdown(s, SD_SEND);
    printf("client shutdown SD_SEND: %d\n", r);
    r = send(s, "x", 1, 0);
    int e = WSAGetLastError();
    printf("client send after shutdown: %d error %d\n", r, e);
    r = recv(s, buf, sizeof buf, 0);
    printf("client recv after server close: %d\n", r);
    r = closesocket(s);
    printf("client closesocket: %d\n", r);
    r = closesocket(s);
    e = WSAGetLastError();
    printf("client closesocket again: %d error %d\n", r, e);
    return 7;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    int r = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (argc == 3 && !strcmp(argv[1], "client")) {
        int code = client(atoi(argv[2]));
        WSACleanup();
        return code;
    }
    printf("WSAStartup: %d\n", r);
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    printf("socket: %d\n", l != INVALID_SOCKET);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    r = bind(l, (struct sockaddr *)&a, sizeof a);
    printf("bind port 0: %d\n", r);
    int len = sizeof a;
    r = getsockname(l, (struct sockaddr *)&a, &len);
    printf("getsockname: %d len %d port nonzero %d\n", r, len, a.sin_port != 0);
    r = listen(l, SOMAXCONN);
    printf("listen: %d\n", r);

    char self[MAX_PATH], cmd[MAX_PATH + 32];
    GetModuleFileNameA(NULL, self, sizeof self);
    snprintf(cmd, sizeof cmd, "\"%s\" client %d", self, ntohs(a.sin_port));
    STARTUPINFOA si = { .cb = sizeof si };
    PROCESS_INFORMATION pi;
    fflush(stdout);
    BOOL ok = CreateProcessA(self, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);

    struct sockaddr_in from;
    int fromlen = sizeof from;
    SOCKET c = accept(l, (struct sockaddr *)&from, &fromlen);
    int accepted = c != INVALID_SOCKET, fromlen_ok = fromlen == sizeof from;
    char from_addr[32];
    strcpy(from_addr, inet_ntoa(from.sin_addr));
    char buf[256];
    int total = 0, rr;
    while ((rr = recv(c, buf, sizeof buf, 0)) > 0) {
        send(c, buf, rr, 0);
        total += rr;
    }
    int last = rr;
    int cl = closesocket(c);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    printf("CreateProcess: %d\n", ok);
    printf("accept: %d fromlen ok %d from %s\n", accepted, fromlen_ok, from_addr);
    printf("echoed %d bytes, last recv %d\n", total, last);
    printf("closesocket accepted: %d\n", cl);
    printf("client exit code: %lu\n", code);
    r = closesocket(l);
    printf("closesocket listener: %d\n", r);
    r = WSACleanup();
    printf("WSACleanup: %d\n", r);
    return 0;
}
