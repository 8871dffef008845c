/* Addresses as text and back: WSAStringToAddressA/W (with and without a port, IPv4 and IPv6, a scope id),
 * WSAAddressToStringA/W (the port shown only when it is not 0; the size asked for when the buffer is short),
 * and GetAddrInfoExW on numeric names. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static void to_address(const char *text, int family)
{
    struct sockaddr_storage ss;
    int len = sizeof ss;
    memset(&ss, 0xAA, sizeof ss);
    int r = WSAStringToAddressA((char *)text, family, NULL, (struct sockaddr *)&ss, &len);
    int e = WSAGetLastError();
    if (r) {
        printf("%-24s -> %d error %d\n", text, r, e);
        return;
    }
    char back[128];
    DWORD size = sizeof back;
    r = WSAAddressToStringA((struct sockaddr *)&ss, (DWORD)len, NULL, back, &size);
    printf("%-24s -> len %d port %u -> %d \"%s\" size %lu\n", text, len, ntohs(((struct sockaddr_in *)&ss)->sin_port), r,
           back, size);
}

int main(void)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    to_address("127.0.0.1", AF_INET);
    to_address("127.0.0.1:8080", AF_INET);
    to_address("10.1.2.3:0", AF_INET);
    to_address("1.2.3", AF_INET);
    to_address("1.2.3.4:99999", AF_INET);
    to_address("::1", AF_INET6);
    to_address("[::1]:443", AF_INET6);
    to_address("fe80::1%3", AF_INET6);
    to_address("[fe80::1%3]:22", AF_INET6);
    to_address("2001:db8::", AF_INET6);
    to_address("::1", AF_INET);

    struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(80) };
    in.sin_addr.s_addr = htonl(0x7F000001);
    char small[4];
    DWORD size = sizeof small;
    int r = WSAAddressToStringA((struct sockaddr *)&in, sizeof in, NULL, small, &size);
    int e = WSAGetLastError();
    printf("short buffer: %d error %d size %lu\n", r, e, size);
    WCHAR wide[64];
    size = 64;
    r = WSAAddressToStringW((struct sockaddr *)&in, sizeof in, NULL, wide, &size);
    printf("wide: %d \"%ls\" size %lu\n", r, wide, size);
    struct sockaddr_in6 s6;
    int len = sizeof s6;
    r = WSAStringToAddressW(L"[::ffff:1.2.3.4]:7", AF_INET6, NULL, (struct sockaddr *)&s6, &len);
    printf("wide to address: %d len %d port %u\n", r, len, ntohs(s6.sin6_port));

    ADDRINFOEXW hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    r = GetAddrInfoExW(L"127.0.0.1", L"80", NS_DNS, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    printf("GetAddrInfoExW: %d\n", r);
    for (ADDRINFOEXW *i = res; i; i = (ADDRINFOEXW *)i->ai_next) {
        struct sockaddr_in *a = (struct sockaddr_in *)i->ai_addr;
        printf("  family %d socktype %d protocol %d addrlen %d port %u addr %s\n", i->ai_family, i->ai_socktype,
               i->ai_protocol, (int)i->ai_addrlen, ntohs(a->sin_port), inet_ntoa(a->sin_addr));
    }
    FreeAddrInfoExW(res);
    res = NULL;
    r = GetAddrInfoExW(L"::1", NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    int n = 0;
    for (ADDRINFOEXW *i = res; i; i = (ADDRINFOEXW *)i->ai_next)
        n++;
    printf("GetAddrInfoExW ::1: %d entries>0 %d family %d\n", r, n > 0, res ? res->ai_family : -1);
    FreeAddrInfoExW(res);
    WSACleanup();
    return 0;
}
