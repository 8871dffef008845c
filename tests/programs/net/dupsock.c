/* A socket handed to another process with WSADuplicateSocketW: the parent connects a pair, starts this
 * program again as a child (suspended, to learn its id), writes the WSAPROTOCOL_INFOW for one end to the
 * child's stdin and lets it run. The child makes the socket with WSASocketW(FROM_PROTOCOL_INFO), sends on
 * it and closes it; the parent closes its own copy first, so the peer's end of stream comes only once both
 * copies are closed. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#include "loopback.h"

static int child(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    WSAPROTOCOL_INFOW info;
    DWORD got = 0, n;
    while (got < sizeof info && ReadFile(GetStdHandle(STD_INPUT_HANDLE), (char *)&info + got, sizeof info - got, &n,
                                         NULL) && n)
        got += n;
    SOCKET s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, WSA_FLAG_OVERLAPPED);
    if (s == INVALID_SOCKET)
        return 10 + printf("child WSASocketW failed: %d\n", WSAGetLastError());
    struct sockaddr_in peer;
    int len = sizeof peer;
    int r = getpeername(s, (struct sockaddr *)&peer, &len);
    const char *msg = "from the child";
    int sent = send(s, msg, (int)strlen(msg), 0);
    closesocket(s);
    WSACleanup();
    return r == 0 && sent == (int)strlen(msg) ? 0 : 20;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child"))
        return child();
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    struct sockaddr_in a;
    SOCKET l = loopback_listener(&a, 1);
    /* Not inheritable: the child gets the socket only through WSADuplicateSocketW. */
    SOCKET c = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    connect(c, (struct sockaddr *)&a, sizeof a);
    SOCKET s = accept(l, NULL, NULL);
    SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    closesocket(l);

    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
    HANDLE rd, wr;
    CreatePipe(&rd, &wr, &sa, 0);
    SetHandleInformation(wr, HANDLE_FLAG_INHERIT, 0);
    char cmd[MAX_PATH + 16];
    snprintf(cmd, sizeof cmd, "\"%s\" child", argv[0]);
    STARTUPINFOA si = { sizeof si };
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = rd;
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, NULL, &si, &pi)) {
        printf("CreateProcess failed: %lu\n", GetLastError());
        return 1;
    }
    CloseHandle(rd);
    WSAPROTOCOL_INFOW info;
    int r = WSADuplicateSocketW(s, pi.dwProcessId, &info);
    printf("WSADuplicateSocketW: %d family %d type %d protocol %d\n", r, info.iAddressFamily, info.iSocketType,
           info.iProtocol);
    r = WSADuplicateSocketW(s, pi.dwProcessId, NULL);
    printf("without a WSAPROTOCOL_INFOW: %d error %d\n", r, WSAGetLastError());
    DWORD n;
    WriteFile(wr, &info, sizeof info, &n, NULL);
    CloseHandle(wr);
    closesocket(s);   /* the child's copy keeps the connection */
    ResumeThread(pi.hThread);

    char buf[64];
    int got = 0;
    while ((r = recv(c, buf + got, sizeof buf - 1 - got, 0)) > 0)
        got += r;
    printf("received: [%.*s] then %d\n", got, buf, r);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 99;
    GetExitCodeProcess(pi.hProcess, &code);
    printf("child exit: %lu\n", code);
    closesocket(c);
    WSACleanup();
    return 0;
}
