/* Default gateways: GetAdaptersAddresses with GAA_FLAG_INCLUDE_GATEWAYS against GetAdaptersInfo's
 * GatewayList and the interface GetBestInterface picks for an address off every local network
 * (198.51.100.1, TEST-NET-2). The lines are relations, so they read the same on any machine: each IPv4
 * gateway is in its adapter's subnet, the two calls agree, and the best interface for the remote address
 * is one with a gateway (when there is a route at all). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ULONG first_ipv4_gateway(IP_ADAPTER_ADDRESSES *a)
{
    for (IP_ADAPTER_GATEWAY_ADDRESS *g = a->FirstGatewayAddress; g; g = g->Next)
        if (g->Address.lpSockaddr->sa_family == AF_INET)
            return ((SOCKADDR_IN *)g->Address.lpSockaddr)->sin_addr.s_addr;
    return 0;
}

static int in_subnet(IP_ADAPTER_ADDRESSES *a, ULONG gateway)
{
    for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
        if (u->Address.lpSockaddr->sa_family != AF_INET)
            continue;
        ULONG addr = ntohl(((SOCKADDR_IN *)u->Address.lpSockaddr)->sin_addr.s_addr);
        ULONG mask = u->OnLinkPrefixLength ? ~0u << (32 - u->OnLinkPrefixLength) : 0;
        if ((addr & mask) == (ntohl(gateway) & mask))
            return 1;
    }
    return 0;
}

int main(void)
{
    ULONG size = 0;
    ULONG r = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_INCLUDE_GATEWAYS, NULL, NULL, &size);
    printf("size query: %lu\n", r);
    IP_ADAPTER_ADDRESSES *all = malloc(size);
    r = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_INCLUDE_GATEWAYS, NULL, all, &size);
    printf("GetAdaptersAddresses with gateways: %lu\n", r);
    if (r != NO_ERROR)
        return 1;
    ULONG info_size = 0;
    GetAdaptersInfo(NULL, &info_size);
    IP_ADAPTER_INFO *info = malloc(info_size);
    r = GetAdaptersInfo(info, &info_size);
    printf("GetAdaptersInfo: %lu\n", r);

    int subnet_ok = 1, agree = 1, loopback_none = 1, lengths_ok = 1;
    for (IP_ADAPTER_ADDRESSES *a = all; a; a = a->Next) {
        for (IP_ADAPTER_GATEWAY_ADDRESS *g = a->FirstGatewayAddress; g; g = g->Next) {
            int family = g->Address.lpSockaddr->sa_family;
            lengths_ok &= g->Length == sizeof *g &&
                          g->Address.iSockaddrLength == (family == AF_INET ? (int)sizeof(SOCKADDR_IN)
                                                                           : (int)sizeof(SOCKADDR_IN6));
            if (family == AF_INET)
                subnet_ok &= in_subnet(a, ((SOCKADDR_IN *)g->Address.lpSockaddr)->sin_addr.s_addr);
        }
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            loopback_none &= a->FirstGatewayAddress == NULL;
        for (IP_ADAPTER_INFO *p = r == NO_ERROR ? info : NULL; p; p = p->Next)
            if (p->Index == a->IfIndex) {
                ULONG g = first_ipv4_gateway(a);
                ULONG listed = inet_addr(p->GatewayList.IpAddress.String);
                agree &= g ? g == listed : listed == 0;
            }
    }
    printf("every gateway entry well formed: %d\n", lengths_ok);
    printf("every IPv4 gateway in its adapter's subnet: %d\n", subnet_ok);
    printf("GetAdaptersInfo's gateways agree: %d\n", agree);
    printf("no gateway on the loopback: %d\n", loopback_none);

    SOCKADDR_IN remote = {.sin_family = AF_INET};
    remote.sin_addr.s_addr = inet_addr("198.51.100.1");
    DWORD best = 0;
    int routed_by_gateway = 1;
    if (GetBestInterfaceEx((SOCKADDR *)&remote, &best) == NO_ERROR) {
        routed_by_gateway = 0;
        for (IP_ADAPTER_ADDRESSES *a = all; a; a = a->Next)
            if (a->IfIndex == best)
                routed_by_gateway = first_ipv4_gateway(a) != 0;
    }
    printf("a remote address goes out where a gateway is: %d\n", routed_by_gateway);

    ULONG bare = 0;
    GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &bare);
    IP_ADAPTER_ADDRESSES *none = malloc(bare);
    r = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, none, &bare);
    int without = 1;
    for (IP_ADAPTER_ADDRESSES *a = r == NO_ERROR ? none : NULL; a; a = a->Next)
        without &= a->FirstGatewayAddress == NULL;
    printf("without the flag, no gateways: %lu %d\n", r, without);
    return 0;
}
