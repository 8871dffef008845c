/* Overlapped socket requests end in each of the ways Windows offers: the OVERLAPPED's event with
 * WSAGetOverlappedResult, a completion routine run by an alertable wait, a completion port packet, ReadFile
 * and WriteFile with an OVERLAPPED, and GetOverlappedResult. Also: a request that ends at once, with and
 * without FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, CancelIoEx of a pending receive, closesocket with a receive
 * pending, an event with its low bit set (no packet), and WSA_IO_INCOMPLETE while pending. */
#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#include "loopback.h"

static void pair(SOCKET *a, SOCKET *b)
{
    struct sockaddr_in sa;
    SOCKET l = loopback_listener(&sa, 1);
    *a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(*a, (struct sockaddr *)&sa, sizeof sa);
    *b = accept(l, NULL, NULL);
    closesocket(l);
}

static int routine_calls;
static DWORD routine_error, routine_bytes;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    routine_calls++;
    routine_error = error;
    routine_bytes = bytes;
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    SOCKET a, b;
    pair(&a, &b);
    char buf[64];
    WSABUF wb = { sizeof buf, buf };
    DWORD flags = 0, bytes = 0;

    /* 1. An event: pending until the peer sends. */
    WSAOVERLAPPED ov = { 0 };
    ov.hEvent = WSACreateEvent();
    int r = WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL);
    int e = WSAGetLastError();
    printf("event recv: %d error %d\n", r, e);
    BOOL ok = WSAGetOverlappedResult(b, &ov, &bytes, FALSE, &flags);
    e = WSAGetLastError();
    printf("while pending: %d error %d\n", ok, e);
    DWORD w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 0, FALSE);
    printf("event before the data: %lu\n", w);
    send(a, "first", 5, 0);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    ok = WSAGetOverlappedResult(b, &ov, &bytes, FALSE, &flags);
    printf("event after the data: %lu, result %d bytes %lu [%.*s] flags %lu\n", w, ok, bytes, (int)bytes, buf, flags);

    /* 2. Data already there: the request ends at once, and the event is set too. */
    send(a, "second", 6, 0);
    Sleep(50);
    WSAResetEvent(ov.hEvent);
    bytes = 0;
    r = WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 0, FALSE);
    printf("at once: %d bytes %lu [%.*s] event %lu\n", r, bytes, (int)bytes, buf, w);

    /* 3. A completion routine, run by an alertable wait. */
    WSAOVERLAPPED ov2 = { 0 };
    r = WSARecv(b, &wb, 1, NULL, &flags, &ov2, on_done);
    e = WSAGetLastError();
    printf("routine recv: %d error %d\n", r, e);
    send(a, "third", 5, 0);
    DWORD s = SleepEx(5000, TRUE);
    printf("SleepEx: %lu, routine calls %d error %lu bytes %lu [%.*s]\n", s, routine_calls, routine_error,
           routine_bytes, (int)routine_bytes, buf);

    /* 4. CancelIoEx of a pending receive: WSA_OPERATION_ABORTED. */
    WSAOVERLAPPED ov3 = { 0 };
    ov3.hEvent = WSACreateEvent();
    r = WSARecv(b, &wb, 1, NULL, &flags, &ov3, NULL);
    ok = CancelIoEx((HANDLE)b, &ov3);
    printf("CancelIoEx: %d\n", ok);
    ok = WSAGetOverlappedResult(b, &ov3, &bytes, TRUE, &flags);
    e = WSAGetLastError();
    printf("cancelled: %d error %d\n", ok, e);
    ok = CancelIoEx((HANDLE)b, &ov3);
    e = (int)GetLastError();
    printf("CancelIoEx with nothing pending: %d error %d\n", ok, e);

    /* 5. A completion port, with and without FILE_SKIP_COMPLETION_PORT_ON_SUCCESS. */
    HANDLE port = CreateIoCompletionPort((HANDLE)b, NULL, 7, 0);
    WSAOVERLAPPED ov4 = { 0 };
    r = WSASend(b, &wb, 1, &bytes, 0, &ov4, NULL);
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000);
    printf("send at once: %d, packet %d key %lu is ours %d bytes %lu\n", r, ok, (unsigned long)key, got == &ov4,
           bytes);
    recv(a, buf, sizeof buf, 0);
    printf("skip mode set: %d\n", SetFileCompletionNotificationModes((HANDLE)b, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    wb.len = 5;
    memcpy(buf, "fifth", 5);
    r = WSASend(b, &wb, 1, &bytes, 0, &ov4, NULL);
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &got, 100);
    e = (int)GetLastError();
    printf("send at once in skip mode: %d, packet %d error %d\n", r, ok, e);
    recv(a, buf, sizeof buf, 0);
    wb.len = sizeof buf;
    r = WSARecv(b, &wb, 1, NULL, &flags, &ov4, NULL);
    e = WSAGetLastError();
    send(a, "sixth", 5, 0);
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000);
    printf("pending recv in skip mode: %d error %d, packet %d bytes %lu [%.*s]\n", r, e, ok, bytes, (int)bytes, buf);

    /* 6. An event with its low bit set: the event is set, no packet is queued. */
    WSAOVERLAPPED ov5 = { 0 };
    HANDLE ev = WSACreateEvent();
    ov5.hEvent = (HANDLE)((ULONG_PTR)ev | 1);
    r = WSARecv(b, &wb, 1, NULL, &flags, &ov5, NULL);
    send(a, "seventh", 7, 0);
    w = WaitForSingleObject(ev, 5000);
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &got, 100);
    e = (int)GetLastError();
    printf("low bit: event %lu, packet %d error %d\n", w, ok, e);

    /* 7. ReadFile and WriteFile with an OVERLAPPED on the socket handle. */
    OVERLAPPED fo = { 0 };
    fo.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    char rb[16];
    ok = ReadFile((HANDLE)a, rb, sizeof rb, NULL, &fo);
    e = (int)GetLastError();
    printf("ReadFile: %d error %d\n", ok, e);
    OVERLAPPED fo2 = { 0 };
    fo2.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    ok = WriteFile((HANDLE)b, "eighth", 6, NULL, &fo2);
    DWORD wrote = 0;
    BOOL wok = GetOverlappedResult((HANDLE)b, &fo2, &wrote, TRUE);
    ok = GetOverlappedResult((HANDLE)a, &fo, &bytes, TRUE);
    printf("WriteFile %d %lu, ReadFile result %d bytes %lu [%.*s]\n", wok, wrote, ok, bytes, (int)bytes, rb);

    /* 8. closesocket with a receive pending: the request ends, cancelled. */
    WSAOVERLAPPED ov6 = { 0 };
    ov6.hEvent = WSACreateEvent();
    SOCKET c, d;
    pair(&c, &d);
    r = WSARecv(d, &wb, 1, NULL, &flags, &ov6, NULL);
    closesocket(d);
    w = WaitForSingleObject(ov6.hEvent, 5000);
    printf("closesocket with a recv pending: event %lu, status %#lx\n", w, (unsigned long)ov6.Internal);
    r = recv(c, buf, sizeof buf, 0);
    printf("peer sees the close: %d\n", r);

    closesocket(a);
    closesocket(b);
    closesocket(c);
    CloseHandle(port);
    WSACleanup();
    return 0;
}
