/*
 * iphlpapi.dll: the IP helper's view of the host's network interfaces (host/ifaddrs.c). Each Linux
 * interface is one adapter: its ifindex is IfIndex and Ipv6IfIndex (Linux numbers lo 1, as Windows numbers
 * its loopback), lo is IF_TYPE_SOFTWARE_LOOPBACK and every other interface IF_TYPE_ETHERNET_CSMACD. The
 * adapter GUID (AdapterName) is a hash of the Linux name, so it stays the same from run to run. The
 * interface names of if_nametoindex/if_indextoname are Windows' NET_LUID names, "<type>_<NetLuidIndex>",
 * with the ifindex as the NetLuidIndex as Wine does ("loopback_1", "ethernet_2"); Linux names are not
 * accepted, since a Windows program never has one. Nothing is cached: every call asks the host again.
 */
#include <string.h>

#include "host/ifaddrs.h"
#include "io/builtin.h"
#include "win32/k32.h"

#define AF_UNSPEC 0
#define AF_INET   2
#define AF_INET6  23

#define IF_TYPE_ETHERNET_CSMACD    6
#define IF_TYPE_SOFTWARE_LOOPBACK  24
#define MIB_IF_TYPE_ETHERNET       6

#define GAA_FLAG_SKIP_UNICAST       0x0001
#define GAA_FLAG_SKIP_FRIENDLY_NAME 0x0020

#define IP_ADAPTER_IPV4_ENABLED 0x0080
#define IP_ADAPTER_IPV6_ENABLED 0x0100

#define ERROR_CAN_NOT_COMPLETE 1003
#define MAX_ADAPTERS 64

typedef struct {
    short sa_family;
    char sa_data[14];
} SOCKADDR;

typedef struct {
    short sin_family;
    USHORT sin_port;
    BYTE sin_addr[4];
    char sin_zero[8];
} SOCKADDR_IN;

typedef struct {
    short sin6_family;
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    BYTE sin6_addr[16];
    ULONG sin6_scope_id;
} SOCKADDR_IN6;

typedef struct {
    SOCKADDR *lpSockaddr;
    int iSockaddrLength;
} SOCKET_ADDRESS;

/* x64 layouts of iptypes.h (checked against mingw-w64's headers: 64 and 448 bytes). */
typedef struct IP_ADAPTER_UNICAST_ADDRESS_LH {
    ULONG Length;
    DWORD Flags;
    struct IP_ADAPTER_UNICAST_ADDRESS_LH *Next;
    SOCKET_ADDRESS Address;
    int PrefixOrigin, SuffixOrigin, DadState;
    ULONG ValidLifetime, PreferredLifetime, LeaseLifetime;
    BYTE OnLinkPrefixLength;
} IP_ADAPTER_UNICAST_ADDRESS_LH;

typedef struct IP_ADAPTER_ADDRESSES_LH {
    ULONG Length;
    ULONG IfIndex;
    struct IP_ADAPTER_ADDRESSES_LH *Next;
    char *AdapterName;
    IP_ADAPTER_UNICAST_ADDRESS_LH *FirstUnicastAddress;
    void *FirstAnycastAddress, *FirstMulticastAddress, *FirstDnsServerAddress;
    WCHAR *DnsSuffix, *Description, *FriendlyName;
    BYTE PhysicalAddress[8];
    ULONG PhysicalAddressLength;
    ULONG Flags;
    ULONG Mtu;
    ULONG IfType;
    int OperStatus;
    ULONG Ipv6IfIndex;
    ULONG ZoneIndices[16];
    void *FirstPrefix;
    ULONG64 TransmitLinkSpeed, ReceiveLinkSpeed;
    void *FirstWinsServerAddress, *FirstGatewayAddress;
    ULONG Ipv4Metric, Ipv6Metric;
    ULONG64 Luid;
    SOCKET_ADDRESS Dhcpv4Server;
    ULONG CompartmentId;
    GUID NetworkGuid;
    int ConnectionType, TunnelType;
    SOCKET_ADDRESS Dhcpv6Server;
    BYTE Dhcpv6ClientDuid[130];
    ULONG Dhcpv6ClientDuidLength;
    ULONG Dhcpv6Iaid;
    void *FirstDnsSuffix;
} IP_ADAPTER_ADDRESSES_LH;

_Static_assert(sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH) == 64, "IP_ADAPTER_UNICAST_ADDRESS_LH");
_Static_assert(sizeof(IP_ADAPTER_ADDRESSES_LH) == 448, "IP_ADAPTER_ADDRESSES_LH");

typedef struct IP_ADDR_STRING {
    struct IP_ADDR_STRING *Next;
    char IpAddress[16];
    char IpMask[16];
    DWORD Context;
} IP_ADDR_STRING;

typedef struct IP_ADAPTER_INFO {
    struct IP_ADAPTER_INFO *Next;
    DWORD ComboIndex;
    char AdapterName[260];
    char Description[132];
    UINT AddressLength;
    BYTE Address[8];
    DWORD Index;
    UINT Type;
    UINT DhcpEnabled;
    IP_ADDR_STRING *CurrentIpAddress;
    IP_ADDR_STRING IpAddressList, GatewayList, DhcpServer;
    BOOL HaveWins;
    IP_ADDR_STRING PrimaryWinsServer, SecondaryWinsServer;
    LONG64 LeaseObtained, LeaseExpires;
} IP_ADAPTER_INFO;

_Static_assert(sizeof(IP_ADAPTER_INFO) == 704, "IP_ADAPTER_INFO");

typedef struct {
    char HostName[132];
    char DomainName[132];
    IP_ADDR_STRING *CurrentDnsServer;
    IP_ADDR_STRING DnsServerList;
    UINT NodeType;
    char ScopeId[260];
    UINT EnableRouting, EnableProxy, EnableDns;
} FIXED_INFO;

_Static_assert(sizeof(FIXED_INFO) == 600, "FIXED_INFO");

/* The host's interfaces as a heap array (freed by the caller), or NULL with *err set. */
static struct host_iface *snapshot(ULONG *count, DWORD *err)
{
    struct host_iface *all = RtlAllocateHeap(RtlGetProcessHeap(), 0, MAX_ADAPTERS * sizeof *all);
    *count = 0;
    if (!all) {
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    uint32_t n;
    NTSTATUS st = host_interfaces(all, MAX_ADAPTERS, &n);
    if (st != STATUS_SUCCESS) {
        RtlFreeHeap(RtlGetProcessHeap(), 0, all);
        *err = RtlNtStatusToDosError(st);
        return NULL;
    }
    *count = n < MAX_ADAPTERS ? n : MAX_ADAPTERS;
    return all;
}

static void release(struct host_iface *all)
{
    RtlFreeHeap(RtlGetProcessHeap(), 0, all);
}

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" from two FNV-1a hashes of the Linux name. */
static void adapter_guid(const char *name, char out[39])
{
    static const char hex[] = "0123456789ABCDEF";
    uint64_t h[2] = {0xcbf29ce484222325u, 0x84222325cbf29ce4u};
    for (int k = 0; k < 2; k++)
        for (const char *p = name; *p; p++)
            h[k] = (h[k] ^ (BYTE)*p) * 0x100000001b3u;
    BYTE b[16];
    memcpy(b, h, 16);
    char *o = out;
    *o++ = '{';
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[b[i] >> 4];
        *o++ = hex[b[i] & 15];
    }
    *o++ = '}';
    *o = 0;
}

static size_t wide_len(const char *s)
{
    return (strlen(s) + 1) * sizeof(WCHAR);
}

static WCHAR *put_wide(BYTE **at, const char *s)
{
    WCHAR *w = (WCHAR *)*at;
    size_t i = 0;
    for (; s[i]; i++)
        w[i] = (BYTE)s[i];
    w[i] = 0;
    *at += (wide_len(s) + 7) & ~(size_t)7;
    return w;
}

static const char *friendly_name(const struct host_iface *f)
{
    return f->loopback ? "Loopback Pseudo-Interface 1" : f->name;
}

static const char *description(const struct host_iface *f)
{
    return f->loopback ? "Software Loopback Interface 1" : f->name;
}

static bool family_wanted(ULONG family, uint8_t host_family)
{
    return family == AF_UNSPEC || (family == AF_INET) == (host_family == 4);
}

#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

/* Bytes one adapter takes in GetAdaptersAddresses' buffer: the structure, then its strings and unicast
 * addresses, each 8-byte aligned. */
static size_t adapter_size(const struct host_iface *f, ULONG family, ULONG flags)
{
    size_t n = sizeof(IP_ADAPTER_ADDRESSES_LH) + ALIGN8(39) + ALIGN8(sizeof(WCHAR)) +
               ALIGN8(wide_len(description(f))) +
               ALIGN8(flags & GAA_FLAG_SKIP_FRIENDLY_NAME ? sizeof(WCHAR) : wide_len(friendly_name(f)));
    for (uint32_t i = 0; !(flags & GAA_FLAG_SKIP_UNICAST) && i < f->naddrs; i++)
        if (family_wanted(family, f->addrs[i].family))
            n += sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH) +
                 ALIGN8(f->addrs[i].family == 4 ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6));
    return n;
}

static void put_unicast(BYTE **at, IP_ADAPTER_UNICAST_ADDRESS_LH ***link, const struct host_iface *f,
                        const struct host_ifaddr *x)
{
    IP_ADAPTER_UNICAST_ADDRESS_LH *u = (void *)*at;
    *at += sizeof *u;
    u->Length = sizeof *u;
    u->PrefixOrigin = f->loopback ? 2 : 1;   /* IpPrefixOriginWellKnown, IpPrefixOriginManual */
    u->SuffixOrigin = f->loopback ? 2 : 1;
    u->DadState = 4;                         /* IpDadStatePreferred */
    u->ValidLifetime = u->PreferredLifetime = u->LeaseLifetime = 0xffffffff;
    u->OnLinkPrefixLength = x->prefix;
    if (x->family == 4) {
        SOCKADDR_IN *s = (void *)*at;
        s->sin_family = AF_INET;
        memcpy(s->sin_addr, x->addr, 4);
        u->Address.iSockaddrLength = sizeof *s;
    } else {
        SOCKADDR_IN6 *s = (void *)*at;
        s->sin6_family = AF_INET6;
        memcpy(s->sin6_addr, x->addr, 16);
        if (x->addr[0] == 0xfe && (x->addr[1] & 0xc0) == 0x80)
            s->sin6_scope_id = f->index;   /* link-local: the zone is the interface */
        u->Address.iSockaddrLength = sizeof *s;
    }
    u->Address.lpSockaddr = (SOCKADDR *)*at;
    *at += ALIGN8((size_t)u->Address.iSockaddrLength);
    **link = u;
    *link = &u->Next;
}

static IP_ADAPTER_ADDRESSES_LH *put_adapter(BYTE **at, const struct host_iface *f, ULONG family, ULONG flags)
{
    IP_ADAPTER_ADDRESSES_LH *a = (void *)*at;
    *at += sizeof *a;
    a->Length = sizeof *a;
    a->IfIndex = family != AF_INET6 ? f->index : 0;
    a->Ipv6IfIndex = family != AF_INET ? f->index : 0;
    a->AdapterName = (char *)*at;
    adapter_guid(f->name, a->AdapterName);
    *at += ALIGN8(39);
    a->DnsSuffix = put_wide(at, "");
    a->Description = put_wide(at, description(f));
    a->FriendlyName = put_wide(at, flags & GAA_FLAG_SKIP_FRIENDLY_NAME ? "" : friendly_name(f));
    memcpy(a->PhysicalAddress, f->hwaddr, f->hwlen);
    a->PhysicalAddressLength = f->loopback ? 0 : f->hwlen;
    a->Flags = IP_ADAPTER_IPV4_ENABLED | IP_ADAPTER_IPV6_ENABLED;
    a->Mtu = f->mtu;
    a->IfType = f->loopback ? IF_TYPE_SOFTWARE_LOOPBACK : IF_TYPE_ETHERNET_CSMACD;
    a->OperStatus = f->running ? 1 : 2;     /* IfOperStatusUp, IfOperStatusDown */
    for (int i = 0; i < 16; i++)
        a->ZoneIndices[i] = i < 14 ? f->index : 0;
    a->TransmitLinkSpeed = a->ReceiveLinkSpeed = f->loopback ? 1073741824 : 1000000000;
    a->Ipv4Metric = a->Ipv6Metric = f->loopback ? 75 : 25;
    a->Luid = (ULONG64)a->IfType << 48 | (ULONG64)f->index << 24;
    a->CompartmentId = 1;
    a->ConnectionType = 1;                  /* NET_IF_CONNECTION_DEDICATED */
    a->TunnelType = 0;                      /* TUNNEL_TYPE_NONE */
    if (flags & GAA_FLAG_SKIP_UNICAST)
        return a;
    /* IPv6 addresses first, as Windows and Wine list them */
    IP_ADAPTER_UNICAST_ADDRESS_LH **link = &a->FirstUnicastAddress;
    for (int pass = 6; pass >= 4; pass -= 2)
        for (uint32_t i = 0; i < f->naddrs; i++)
            if (f->addrs[i].family == pass && family_wanted(family, pass))
                put_unicast(at, &link, f, &f->addrs[i]);
    return a;
}

/* The adapters and their unicast addresses; of the optional lists (anycast, multicast, DNS servers,
 * prefixes, gateways, WINS servers) none is filled, so their skip flags hold trivially. */
ULONG WINAPI GetAdaptersAddresses(ULONG family, ULONG flags, PVOID reserved, IP_ADAPTER_ADDRESSES_LH *out,
                                  PULONG size)
{
    if (!size || reserved || (family != AF_UNSPEC && family != AF_INET && family != AF_INET6))
        return ERROR_INVALID_PARAMETER;
    ULONG n;
    DWORD err;
    struct host_iface *all = snapshot(&n, &err);
    if (!all)
        return err;
    size_t need = 0;
    for (ULONG i = 0; i < n; i++)
        need += adapter_size(&all[i], family, flags);
    if (!n) {
        err = ERROR_NO_DATA;
    } else if (need > 0xffffffffu) {
        err = ERROR_INVALID_PARAMETER;   /* documented: more than a ULONG can say */
    } else if (!out || *size < need) {
        *size = (ULONG)need;
        err = ERROR_BUFFER_OVERFLOW;
    } else {
        memset(out, 0, need);
        BYTE *at = (BYTE *)out;
        IP_ADAPTER_ADDRESSES_LH **link = &out;
        for (ULONG i = 0; i < n; i++) {
            IP_ADAPTER_ADDRESSES_LH *a = put_adapter(&at, &all[i], family, flags);
            if (link != &out)
                *link = a;
            link = &a->Next;
        }
        err = ERROR_SUCCESS;
    }
    release(all);
    return err;
}

static void put_ipv4(char out[16], const uint8_t *a)
{
    char *o = out;
    for (int i = 0; i < 4; i++) {
        unsigned v = a[i];
        if (v >= 100)
            *o++ = (char)('0' + v / 100);
        if (v >= 10)
            *o++ = (char)('0' + v / 10 % 10);
        *o++ = (char)('0' + v % 10);
        *o++ = i < 3 ? '.' : 0;
    }
}

static void put_mask(char out[16], unsigned prefix)
{
    uint8_t m[4];
    for (int i = 0; i < 4; i++, prefix = prefix > 8 ? prefix - 8 : 0)
        m[i] = prefix >= 8 ? 0xff : (uint8_t)(0xff00 >> prefix);
    put_ipv4(out, m);
}

/* The first IPv4 address of an interface (Windows lists the others in IpAddressList.Next; one is enough
 * for the callers this serves), or 0.0.0.0 for an interface without one. */
static void adapter_info(IP_ADAPTER_INFO *p, const struct host_iface *f)
{
    char guid[39];
    adapter_guid(f->name, guid);
    memcpy(p->AdapterName, guid, sizeof guid);
    memcpy(p->Description, f->name, strlen(f->name) + 1);
    p->AddressLength = f->hwlen;
    memcpy(p->Address, f->hwaddr, f->hwlen);
    p->Index = p->ComboIndex = f->index;
    p->Type = MIB_IF_TYPE_ETHERNET;
    static const uint8_t zero[4];
    put_ipv4(p->IpAddressList.IpAddress, zero);
    put_ipv4(p->IpAddressList.IpMask, zero);
    for (uint32_t i = 0; i < f->naddrs; i++)
        if (f->addrs[i].family == 4) {
            put_ipv4(p->IpAddressList.IpAddress, f->addrs[i].addr);
            put_mask(p->IpAddressList.IpMask, f->addrs[i].prefix);
            break;
        }
    put_ipv4(p->GatewayList.IpAddress, zero);
    put_ipv4(p->GatewayList.IpMask, zero);
    put_ipv4(p->DhcpServer.IpAddress, zero);
    put_ipv4(p->DhcpServer.IpMask, zero);
    put_ipv4(p->PrimaryWinsServer.IpAddress, zero);
    put_ipv4(p->PrimaryWinsServer.IpMask, zero);
    put_ipv4(p->SecondaryWinsServer.IpAddress, zero);
    put_ipv4(p->SecondaryWinsServer.IpMask, zero);
}

/* IPv4 adapters without the loopback, which GetAdaptersInfo has never listed. */
DWORD WINAPI GetAdaptersInfo(IP_ADAPTER_INFO *out, PULONG size)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    ULONG n, listed = 0;
    DWORD err;
    struct host_iface *all = snapshot(&n, &err);
    if (!all)
        return err;
    for (ULONG i = 0; i < n; i++)
        listed += !all[i].loopback;
    ULONG need = listed * (ULONG)sizeof(IP_ADAPTER_INFO);
    if (!listed) {
        err = ERROR_NO_DATA;
    } else if (!out || *size < need) {
        *size = need;
        err = ERROR_BUFFER_OVERFLOW;
    } else {
        memset(out, 0, need);
        IP_ADAPTER_INFO *p = out;
        for (ULONG i = 0; i < n; i++) {
            if (all[i].loopback)
                continue;
            adapter_info(p, &all[i]);
            p->Next = p + 1 < out + listed ? p + 1 : NULL;
            p++;
        }
        err = ERROR_SUCCESS;
    }
    release(all);
    return err;
}

DWORD WINAPI GetNumberOfInterfaces(LPDWORD count)
{
    if (!count)
        return ERROR_INVALID_PARAMETER;
    ULONG n;
    DWORD err;
    struct host_iface *all = snapshot(&n, &err);
    if (!all)
        return err;
    release(all);
    *count = n;
    return ERROR_SUCCESS;
}

DWORD WINAPI GetBestInterfaceEx(SOCKADDR *dest, LPDWORD index)
{
    if (!dest || !index)
        return ERROR_INVALID_PARAMETER;
    uint32_t found;
    NTSTATUS st;
    if (dest->sa_family == AF_INET)
        st = host_route_interface(4, ((SOCKADDR_IN *)dest)->sin_addr, &found);
    else if (dest->sa_family == AF_INET6)
        st = host_route_interface(6, ((SOCKADDR_IN6 *)dest)->sin6_addr, &found);
    else
        return ERROR_INVALID_PARAMETER;
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    if (!found)
        return ERROR_CAN_NOT_COMPLETE;   /* no route to the destination */
    *index = found;
    return ERROR_SUCCESS;
}

DWORD WINAPI GetBestInterface(ULONG dest, LPDWORD index)
{
    SOCKADDR_IN s = {.sin_family = AF_INET};
    memcpy(s.sin_addr, &dest, 4);
    return GetBestInterfaceEx((SOCKADDR *)&s, index);
}

/* The NET_LUID name of an interface: "loopback_N" or "ethernet_N", N its index. */
static void luid_name(const struct host_iface *f, char out[32])
{
    const char *type = f->loopback ? "loopback_" : "ethernet_";
    char digits[12];
    int d = 0;
    for (uint32_t v = f->index; d == 0 || v; v /= 10)
        digits[d++] = (char)('0' + v % 10);
    size_t t = strlen(type);
    memcpy(out, type, t);
    while (d)
        out[t++] = digits[--d];
    out[t] = 0;
}

/* static, and under another C name: a global if_nametoindex would replace the C library's in the
 * static link, which host/ifaddrs.c calls. */
static ULONG WINAPI IphlpNameToIndex(const char *name)
{
    ULONG n, index = 0;
    DWORD err;
    if (!name)
        return 0;
    struct host_iface *all = snapshot(&n, &err);
    for (ULONG i = 0; all && i < n && !index; i++) {
        char luid[32];
        luid_name(&all[i], luid);
        if (!strcmp(luid, name))
            index = all[i].index;
    }
    if (all)
        release(all);
    return index;
}

/* name must hold IF_NAMESIZE (NDIS_IF_MAX_STRING_SIZE + 1 = 257) characters, as Windows requires. */
static char *WINAPI IphlpIndexToName(ULONG index, char *name)
{
    ULONG n;
    DWORD err;
    char *ret = NULL;
    if (!name)
        return NULL;
    struct host_iface *all = snapshot(&n, &err);
    for (ULONG i = 0; all && i < n && !ret; i++)
        if (all[i].index == index) {
            luid_name(&all[i], name);
            ret = name;
        }
    if (all)
        release(all);
    return ret;
}

BOOL WINAPI GetComputerNameExA(ULONG format, LPSTR name, LPDWORD size);   /* win32/computername.c */

/* Host name, the resolver's domain and its IPv4 name servers (/etc/resolv.conf). */
DWORD WINAPI GetNetworkParams(FIXED_INFO *out, PULONG size)
{
    if (!size)
        return ERROR_INVALID_PARAMETER;
    uint8_t servers[8][4];
    uint32_t nservers;
    char domain[128];
    NTSTATUS st = host_resolver(servers, ARRAY_SIZE(servers), &nservers, domain, sizeof domain);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    ULONG need = sizeof(FIXED_INFO) + (nservers > 1 ? nservers - 1 : 0) * (ULONG)sizeof(IP_ADDR_STRING);
    if (!out || *size < need) {
        *size = need;
        return ERROR_BUFFER_OVERFLOW;
    }
    memset(out, 0, need);
    DWORD len = sizeof out->HostName;
    if (!GetComputerNameExA(1 /* ComputerNameDnsHostname */, out->HostName, &len))
        out->HostName[0] = 0;
    memcpy(out->DomainName, domain, strlen(domain) + 1);
    IP_ADDR_STRING *s = &out->DnsServerList, *extra = (IP_ADDR_STRING *)(out + 1);
    for (uint32_t i = 0; i < nservers; i++) {
        put_ipv4(s->IpAddress, servers[i]);
        put_mask(s->IpMask, 32);
        s->Next = i + 1 < nservers ? &extra[i] : NULL;
        s = s->Next;
    }
    out->CurrentDnsServer = nservers ? &out->DnsServerList : NULL;
    out->NodeType = 1;    /* BROADCAST_NODETYPE: no WINS server */
    return ERROR_SUCCESS;
}

static const struct builtin_export iphlpapi_exports[] = {
    BUILTIN_FUNCTION("GetAdaptersAddresses", GetAdaptersAddresses),
    BUILTIN_FUNCTION("GetAdaptersInfo", GetAdaptersInfo),
    BUILTIN_FUNCTION("GetBestInterface", GetBestInterface),
    BUILTIN_FUNCTION("GetBestInterfaceEx", GetBestInterfaceEx),
    BUILTIN_FUNCTION("GetNetworkParams", GetNetworkParams),
    BUILTIN_FUNCTION("GetNumberOfInterfaces", GetNumberOfInterfaces),
    BUILTIN_FUNCTION("if_indextoname", IphlpIndexToName),
    BUILTIN_FUNCTION("if_nametoindex", IphlpNameToIndex),
};

static const struct builtin_dll iphlpapi = {
    .name = "IPHLPAPI.DLL",
    .exports = iphlpapi_exports,
    .nexports = ARRAY_SIZE(iphlpapi_exports),
};
BUILTIN_DLL(iphlpapi);
