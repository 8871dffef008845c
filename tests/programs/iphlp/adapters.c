/* iphlpapi: the machine-independent facts of GetAdaptersAddresses, GetAdaptersInfo, GetNumberOfInterfaces,
 * GetBestInterfaceEx and if_nametoindex/if_indextoname. Addresses are formatted here (no Winsock calls). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <netioapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void format(const SOCKADDR *sa, char *out)
{
    if (sa->sa_family == AF_INET) {
        const BYTE *b = (const BYTE *)&((const SOCKADDR_IN *)sa)->sin_addr;
        sprintf(out, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    } else if (sa->sa_family == AF_INET6) {
        const BYTE *b = ((const SOCKADDR_IN6 *)sa)->sin6_addr.s6_addr;
        static const BYTE one[16] = {[15] = 1};
        if (!memcmp(b, one, 16))
            strcpy(out, "::1");
        else
            sprintf(out, "ipv6 %02x%02x::", b[0], b[1]);
    } else {
        sprintf(out, "family %d", sa->sa_family);
    }
}

static IP_ADAPTER_ADDRESSES *get(ULONG family, ULONG flags, ULONG *err)
{
    ULONG size = 0;
    *err = GetAdaptersAddresses(family, flags, NULL, NULL, &size);
    if (*err != ERROR_BUFFER_OVERFLOW)
        return NULL;
    IP_ADAPTER_ADDRESSES *a = malloc(size);
    *err = GetAdaptersAddresses(family, flags, NULL, a, &size);
    return a;
}

static IP_ADAPTER_ADDRESSES *loopback(IP_ADAPTER_ADDRESSES *a)
{
    for (; a; a = a->Next)
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            return a;
    return NULL;
}

/* What every host shows: 127.0.0.1/8 among the IPv4 addresses, and only ::1/128 among the IPv6 ones
 * (a host may have IPv6 on its loopback or not). */
static void show_unicast(const IP_ADAPTER_ADDRESSES *lo)
{
    int v4 = 0, v4lo = 0, v6 = 0, v6lo = 0, other = 0;
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = lo->FirstUnicastAddress; u; u = u->Next) {
        char text[64];
        format(u->Address.lpSockaddr, text);
        int family = u->Address.lpSockaddr->sa_family;
        if (family == AF_INET) {
            v4++;
            v4lo += !strcmp(text, "127.0.0.1") && u->OnLinkPrefixLength == 8 &&
                    u->Address.iSockaddrLength == sizeof(SOCKADDR_IN);
        } else if (family == AF_INET6) {
            v6++;
            v6lo += !strcmp(text, "::1") && u->OnLinkPrefixLength == 128 &&
                    u->Address.iSockaddrLength == sizeof(SOCKADDR_IN6);
        } else {
            other++;
        }
    }
    printf("  127.0.0.1/8 listed: %d, IPv4 all 127.0.0.1/8: %d, IPv6 all ::1/128: %d, other families: %d\n",
           v4lo > 0, v4 == v4lo, v6 == v6lo, other);
}

/* For the single-family queries: how many unicast addresses of the other family came back. */
static int count_family(const IP_ADAPTER_ADDRESSES *lo, int family)
{
    int n = 0;
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = lo->FirstUnicastAddress; u; u = u->Next)
        n += u->Address.lpSockaddr->sa_family == family;
    return n;
}

int main(void)
{
    ULONG size = 0, err;
    err = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size);
    printf("first call: %lu, size given: %d\n", err, size > sizeof(IP_ADAPTER_ADDRESSES));
    IP_ADAPTER_ADDRESSES *buf = malloc(size);
    ULONG small = sizeof(IP_ADAPTER_ADDRESSES) - 1, need = size;
    err = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, buf, &small);
    printf("too small: %lu, size again: %d\n", err, small == need);
    err = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, buf, &size);
    printf("second call: %lu\n", err);
    IP_ADAPTER_ADDRESSES *lo = loopback(buf);
    printf("loopback found: %d\n", lo != NULL);
    if (!lo)
        return 1;
    DWORD loindex = lo->IfIndex;
    printf("  IfType %lu, OperStatus %d, Length %lu, IfIndex==Ipv6IfIndex %d\n", lo->IfType,
           lo->OperStatus, lo->Length, lo->IfIndex == lo->Ipv6IfIndex);
    printf("  AdapterName {GUID}: %d, FriendlyName set: %d, Description set: %d\n",
           lo->AdapterName && lo->AdapterName[0] == '{' && strlen(lo->AdapterName) == 38,
           lo->FriendlyName && lo->FriendlyName[0], lo->Description && lo->Description[0]);
    show_unicast(lo);

    IP_ADAPTER_ADDRESSES *a = get(AF_INET, 0, &err);
    printf("AF_INET: %lu\n", err);
    lo = loopback(a);
    if (lo) {
        printf("  IfIndex %d, Ipv6IfIndex %lu\n", lo->IfIndex == loindex, lo->Ipv6IfIndex);
        show_unicast(lo);
        printf("  IPv6 addresses: %d\n", count_family(lo, AF_INET6));
    }
    free(a);
    a = get(AF_INET6, 0, &err);
    printf("AF_INET6: %lu\n", err);
    lo = loopback(a);
    if (lo) {
        printf("  IfIndex %lu, Ipv6IfIndex %d\n", lo->IfIndex, lo->Ipv6IfIndex == loindex);
        printf("  IPv4 addresses: %d\n", count_family(lo, AF_INET));
    }
    free(a);
    a = get(AF_UNSPEC, GAA_FLAG_SKIP_UNICAST | GAA_FLAG_SKIP_FRIENDLY_NAME, &err);
    printf("skip unicast and friendly name: %lu\n", err);
    lo = loopback(a);
    if (lo)
        printf("  loopback listed, unicast list empty: %d\n", lo->FirstUnicastAddress == NULL);
    free(a);

    size = 0;
    err = GetAdaptersAddresses(AF_IPX, 0, NULL, NULL, &size);
    printf("AF_IPX: %lu\n", err);
    err = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, NULL);
    printf("no size: %lu\n", err);

    err = GetAdaptersInfo(NULL, NULL);
    printf("GetAdaptersInfo(NULL, NULL): %lu\n", err);
    size = 0;
    err = GetAdaptersInfo(NULL, &size);
    /* A host with no interface but lo answers ERROR_NO_DATA; any other gives the size, then the list. */
    int info_ok = err == ERROR_NO_DATA;
    if (err == ERROR_BUFFER_OVERFLOW) {
        IP_ADAPTER_INFO *info = malloc(size), *i;
        err = GetAdaptersInfo(info, &size);
        int loop = 0;
        for (i = err ? NULL : info; i; i = i->Next)
            loop |= i->Type == MIB_IF_TYPE_LOOPBACK || !strcmp(i->IpAddressList.IpAddress.String, "127.0.0.1");
        info_ok = err == ERROR_SUCCESS && !loop;
        free(info);
    }
    printf("GetAdaptersInfo: no data, or the size then a list without the loopback: %d\n", info_ok);

    DWORD count = 0;
    err = GetNumberOfInterfaces(&count);
    printf("GetNumberOfInterfaces: %lu, at least one: %d\n", err, count >= 1);
    err = GetNumberOfInterfaces(NULL);
    printf("GetNumberOfInterfaces(NULL): %lu\n", err);

    SOCKADDR_IN dest = {.sin_family = AF_INET};
    BYTE *d = (BYTE *)&dest.sin_addr;
    d[0] = 127, d[3] = 1;
    DWORD best = 0;
    err = GetBestInterfaceEx((SOCKADDR *)&dest, &best);
    printf("GetBestInterfaceEx(127.0.0.1): %lu, the loopback: %d\n", err, best == loindex);
    err = GetBestInterfaceEx(NULL, &best);
    printf("GetBestInterfaceEx(NULL): %lu\n", err);

    char name[IF_NAMESIZE + 1] = "";
    char *r = if_indextoname(loindex, name);
    printf("if_indextoname(loopback) is loopback_N: %d\n", r && !strncmp(name, "loopback_", 9));
    printf("if_nametoindex(that) is the loopback: %d\n", r && if_nametoindex(name) == loindex);
    printf("if_nametoindex(unknown): %lu\n", (unsigned long)if_nametoindex("no-such-interface0"));
    printf("if_indextoname(999999): %s\n", if_indextoname(999999, name) ? "a name" : "(null)");

    size = 0;
    err = GetNetworkParams(NULL, &size);
    printf("GetNetworkParams size query: %lu, at least a FIXED_INFO: %d\n", err, size >= sizeof(FIXED_INFO));
    FIXED_INFO *fixed = malloc(size);
    err = GetNetworkParams(fixed, &size);
    printf("GetNetworkParams: %lu, host name set: %d\n", err, fixed->HostName[0] != 0);
    free(fixed);
    err = GetNetworkParams(NULL, NULL);
    printf("GetNetworkParams(NULL, NULL): %lu\n", err);
    free(buf);
    return 0;
}
