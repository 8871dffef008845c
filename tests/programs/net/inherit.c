/* A connected socket inherited by a child process (its handle value on the command line), and WSASend /
 * WSARecv with several buffers: the child sends through the inherited handle, the parent reads. */
#include <winsock2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loopback.h"

static int child(SOCKET s)
{
    int r = send(s, "inherited ", 10, 0);
    WSABUF bufs[2] = { { 4, (char *)"two " }, { 7, (char *)"buffers" } };
    DWORD sent = 0;
    int r2 = WSASend(s, bufs, 2, &sent, 0, NULL, NULL);
    printf("child send: %d WSASend: %d sent %lu\n", r, r2, sent);
    r = closesocket(s);
    printf("child closesocket: %d\n", r);
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    if (argc == 3 && !strcmp(argv[1], "child")) {
        int code = child((SOCKET)_strtoui64(argv[2], NULL, 10));
        WSACleanup();
        return code;
    }
    struct sockaddr_in a;
    SOCKET l = loopback_listener(&a, 1);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    int r = connect(c, (struct sockaddr *)&a, sizeof a);
    SOCKET s = accept(l, NULL, NULL);
    printf("connect: %d accept: %d\n", r, s != INVALID_SOCKET);
    DWORD flags = 0;
    BOOL ok = GetHandleInformation((HANDLE)c, &flags);
    printf("socket handle inheritable: %d %lu\n", ok, flags & HANDLE_FLAG_INHERIT);

    char self[MAX_PATH], cmd[MAX_PATH + 64];
    GetModuleFileNameA(NULL, self, sizeof self);
    snprintf(cmd, sizeof cmd, "\"%s\" child %llu", self, (unsigned long long)c);
    STARTUPINFOA si = { .cb = sizeof si };
    PROCESS_INFORMATION pi;
    fflush(stdout);
    ok = CreateProcessA(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    printf("CreateProcess: %d child exit %lu\n", ok, code);
    /* The child's close does not end the connection: the parent still holds the socket. */
    char one[6] = "", two[32] = "";
    WSABUF bufs[2] = { { 5, one }, { sizeof two - 1, two } };
    DWORD got = 0, total = 0, rflags = 0;
    while (total < 21) {
        WSABUF rest[2];
        int n = 0;
        if (total < 5)
            rest[n++] = (WSABUF){ 5 - total, one + total };
        rest[n++] = (WSABUF){ bufs[1].len - (total > 5 ? total - 5 : 0), two + (total > 5 ? total - 5 : 0) };
        r = WSARecv(s, rest, n, &got, &rflags, NULL, NULL);
        if (r != 0 || got == 0)
            break;
        total += got;
    }
    printf("WSARecv: %d total %lu [%s|%s]\n", r, total, one, two);
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
    r = WSARecv(s, bufs, 2, &got, &rflags, NULL, NULL);
    int e = WSAGetLastError();
    printf("WSARecv with nothing waiting: %d error %d\n", r, e);
    r = shutdown(c, SD_SEND);
    on = 0;
    ioctlsocket(s, FIONBIO, &on);
    got = 99;
    r = WSARecv(s, bufs, 2, &got, &rflags, NULL, NULL);
    printf("WSARecv after the peer's shutdown: %d got %lu\n", r, got);
    closesocket(s);
    closesocket(c);
    closesocket(l);
    WSACleanup();
    return 0;
}
