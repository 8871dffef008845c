/* ICMP echo through iphlpapi to the loopback: a synchronous IcmpSendEcho (status, address, echoed bytes,
 * TTL), IcmpSendEcho2 with an event (ERROR_IO_PENDING, then IcmpParseReplies), the reply buffer's lower
 * bounds and the errors of a bad handle. */
#include <winsock2.h>
#include <iphlpapi.h>
#include <icmpapi.h>
#include <stdio.h>
#include <string.h>

static const char payload[] = "abcdefghijklmnopqrstuvwabcdefghi";   /* Windows ping's 32 bytes */

int main(void)
{
    HANDLE h = IcmpCreateFile();
    printf("IcmpCreateFile: %d\n", h != INVALID_HANDLE_VALUE);
    IPAddr lo = inet_addr("127.0.0.1");
    char buffer[sizeof(ICMP_ECHO_REPLY) + 32 + 8 + 64];
    memset(buffer, 0xcc, sizeof buffer);
    DWORD n = IcmpSendEcho(h, lo, (void *)payload, 32, NULL, buffer, sizeof buffer, 2000);
    ICMP_ECHO_REPLY *r = (ICMP_ECHO_REPLY *)buffer;
    printf("IcmpSendEcho: %lu, status %lu, from 127.0.0.1 %d, size %u, data %d, after the reply %d, ttl %u, "
           "rtt under 2 s %d, reserved %u\n",
           n, r->Status, r->Address == lo, r->DataSize, r->Data && !memcmp(r->Data, payload, 32),
           (char *)r->Data == buffer + sizeof *r, r->Options.Ttl, r->RoundTripTime < 2000, r->Reserved);

    IP_OPTION_INFORMATION options = {.Ttl = 5, .Flags = IP_FLAG_DF};
    n = IcmpSendEcho(h, lo, (void *)payload, 10, &options, buffer, sizeof buffer, 2000);
    printf("with options: %lu, status %lu, size %u\n", n, r->Status, r->DataSize);

    n = IcmpSendEcho(h, lo, NULL, 0, NULL, buffer, sizeof buffer, 2000);
    printf("no data: %lu, status %lu, size %u\n", n, r->Status, r->DataSize);

    SetLastError(0xdead);
    n = IcmpSendEcho(h, lo, (void *)payload, 32, NULL, buffer, sizeof(ICMP_ECHO_REPLY) - 1, 2000);
    printf("buffer under one reply: %lu, error %lu\n", n, GetLastError());
    SetLastError(0xdead);
    n = IcmpSendEcho(h, lo, (void *)payload, 32, NULL, buffer, sizeof(ICMP_ECHO_REPLY) + 32, 2000);
    printf("buffer without the 8 error bytes: %lu, status %lu\n", n, r->Status);
    SetLastError(0xdead);
    n = IcmpSendEcho(h, lo, (void *)payload, 32, NULL, buffer, sizeof(ICMP_ECHO_REPLY) + 32 + 8, 2000);
    printf("buffer of a reply, the data and 8 bytes: %lu, status %lu\n", n, r->Status);

    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(buffer, 0, sizeof buffer);
    SetLastError(0xdead);
    n = IcmpSendEcho2(h, event, NULL, NULL, lo, (void *)payload, 32, NULL, buffer, sizeof buffer, 2000);
    DWORD err = GetLastError();
    printf("IcmpSendEcho2 with an event: %lu, error %lu\n", n, err);
    DWORD w = WaitForSingleObject(event, 3000);
    n = IcmpParseReplies(buffer, sizeof buffer);
    printf("event: wait %lu, IcmpParseReplies %lu, status %lu, size %u\n", w, n, r->Status, r->DataSize);

    printf("IcmpCloseHandle: %d\n", IcmpCloseHandle(h));
    SetLastError(0xdead);
    n = IcmpSendEcho(INVALID_HANDLE_VALUE, lo, (void *)payload, 32, NULL, buffer, sizeof buffer, 100);
    printf("invalid handle: %lu, error %lu\n", n, GetLastError());
    return 0;
}
