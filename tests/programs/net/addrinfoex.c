/* GetAddrInfoExW asynchronous (Windows 8 and later): an OVERLAPPED with an event, with a completion routine,
 * a failure delivered the same way, GetAddrInfoExOverlappedResult, GetAddrInfoExCancel of a handle that is
 * no lookup, and GetAddrInfoExOverlappedResult of no OVERLAPPED. Names are numeric or localhost, which
 * need no DNS. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>

/* mingw-w64 12 declares neither. */
INT WSAAPI GetAddrInfoExOverlappedResult(LPOVERLAPPED lpOverlapped);
INT WSAAPI GetAddrInfoExCancel(LPHANDLE lpHandle);

static HANDLE done_event;
static DWORD routine_error = 12345, routine_bytes = 12345;

/* It runs on a thread of the pool, maybe before GetAddrInfoExW has returned to main: main prints what it
 * saw, after the wait, so that the lines keep their order. */
static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov)
{
    (void)ov;
    routine_error = error;
    routine_bytes = bytes;
    SetEvent(done_event);
}

static void show(const char *what, ADDRINFOEXW *res)
{
    printf("%s:", what);
    for (ADDRINFOEXW *a = res; a; a = (ADDRINFOEXW *)a->ai_next) {   /* mingw-w64 types ai_next apart */
        char text[64];
        DWORD size = sizeof text;
        WSAAddressToStringA(a->ai_addr, (DWORD)a->ai_addrlen, NULL, text, &size);
        printf(" %s", text);
    }
    printf("\n");
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    ADDRINFOEXW hints = {0};
    ADDRINFOEXW *res = NULL;
    hints.ai_family = AF_INET;

    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE handle = NULL;
    int r = GetAddrInfoExW(L"localhost", L"80", NS_DNS, NULL, &hints, &res, NULL, &ov, NULL, &handle);
    printf("event form: %d, handle %s\n", r, handle ? "set" : "NULL");
    DWORD w = WaitForSingleObject(ov.hEvent, 10000);
    printf("wait %lu, result %d\n", w, GetAddrInfoExOverlappedResult(&ov));
    show("localhost", res);
    FreeAddrInfoExW(res);
    res = NULL;

    done_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov2 = {0};
    r = GetAddrInfoExW(L"127.0.0.2", L"443", NS_ALL, NULL, &hints, &res, NULL, &ov2, on_done, &handle);
    printf("routine form: %d\n", r);
    w = WaitForSingleObject(done_event, 10000);
    printf("routine: error %lu bytes %lu\n", routine_error, routine_bytes);
    printf("wait %lu, routine error %lu, result %d\n", w, routine_error, GetAddrInfoExOverlappedResult(&ov2));
    show("127.0.0.2", res);
    FreeAddrInfoExW(res);
    res = NULL;

    ResetEvent(ov.hEvent);
    hints.ai_flags = AI_NUMERICHOST;
    r = GetAddrInfoExW(L"not.numeric", NULL, NS_DNS, NULL, &hints, &res, NULL, &ov, NULL, &handle);
    printf("failing lookup: %d\n", r);
    w = WaitForSingleObject(ov.hEvent, 10000);
    printf("wait %lu, result %d, answer %s\n", w, GetAddrInfoExOverlappedResult(&ov), res ? "set" : "NULL");

    printf("result of no OVERLAPPED: %d\n", GetAddrInfoExOverlappedResult(NULL));
    HANDLE bogus = (HANDLE)(ULONG_PTR)0x1234;
    printf("cancel of no lookup: %d\n", GetAddrInfoExCancel(&bogus));
    WSACleanup();
    return 0;
}
