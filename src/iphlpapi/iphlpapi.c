/*
 * iphlpapi.dll: the IP helper's view of the host's network interfaces (host/ifaddrs.c). Each Linux
 * interface is one adapter: its ifindex is IfIndex and Ipv6IfIndex (Linux numbers lo 1, as Windows numbers
 * its loopback), lo is IF_TYPE_SOFTWARE_LOOPBACK and every other interface IF_TYPE_ETHERNET_CSMACD. The
 * adapter GUID (AdapterName) is a hash of the Linux name, so it stays the same from run to run. The
 * interface names of if_nametoindex/if_indextoname are Windows' NET_LUID names, "<type>_<NetLuidIndex>",
 * with the ifindex as the NetLuidIndex as Wine does ("loopback_1", "ethernet_2"); Linux names are not
 * accepted, since a Windows program never has one. Nothing is cached: every call asks the host again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/ifaddrs.h"
#include "io/builtin.h"
#include "iphlpapi/iphlpapi.h"
#include "win32/k32.h"

#define AF_UNSPEC 0
#define AF_INET   2
#define AF_INET6  23

#define IF_TYPE_ETHERNET_CSMACD    6
#define IF_TYPE_SOFTWARE_LOOPBACK  24
#define MIB_IF_TYPE_ETHERNET       6

#define GAA_FLAG_SKIP_UNICAST       0x0001
#define GAA_FLAG_SKIP_FRIENDLY_NAME 0x0020
#define GAA_FLAG_INCLUDE_GATEWAYS   0x0080

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

typedef struct IP_ADAPTER_GATEWAY_ADDRESS_LH {
    ULONG Length;
    DWORD Reserved;
    struct IP_ADAPTER_GATEWAY_ADDRESS_LH *Next;
    SOCKET_ADDRESS Address;
} IP_ADAPTER_GATEWAY_ADDRESS_LH;

_Static_assert(sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH) == 64, "IP_ADAPTER_UNICAST_ADDRESS_LH");
_Static_assert(sizeof(IP_ADAPTER_GATEWAY_ADDRESS_LH) == 32, "IP_ADAPTER_GATEWAY_ADDRESS_LH");
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
struct host_iface *IphlpSnapshot(ULONG *count, DWORD *err)
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

void IphlpRelease(struct host_iface *all)
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

/* NET_LUID: IfType in bits 48-63, NetLuidIndex (here the ifindex) in bits 24-47. */
static ULONG64 luid_of(const struct host_iface *f)
{
    ULONG64 type = f->loopback ? IF_TYPE_SOFTWARE_LOOPBACK : IF_TYPE_ETHERNET_CSMACD;
    return type << 48 | (ULONG64)f->index << 24;
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

const char *IphlpAdapterDescription(const struct host_iface *f)
{
    return f->loopback ? "Software Loopback Interface 1" : f->name;
}

static bool family_wanted(ULONG family, uint8_t host_family)
{
    return family == AF_UNSPEC || (family == AF_INET) == (host_family == 4);
}

#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

#define MAX_GATEWAYS 16

/* The host's default gateways (none when the call fails: the adapters are still worth listing). */
struct gateways {
    struct host_gateway list[MAX_GATEWAYS];
    uint32_t count;
};

static void default_gateways(struct gateways *g)
{
    if (host_default_gateways(g->list, MAX_GATEWAYS, &g->count) != STATUS_SUCCESS)
        g->count = 0;
}

static size_t sockaddr_size(uint8_t family)
{
    return family == 4 ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6);
}

/* Writes family's address (network order) as a SOCKADDR at *at; link-local IPv6 gets the interface as its
 * zone. Returns its length. */
static int put_sockaddr(BYTE *at, uint8_t family, const uint8_t *addr, uint32_t index)
{
    if (family == 4) {
        SOCKADDR_IN *s = (void *)at;
        s->sin_family = AF_INET;
        memcpy(s->sin_addr, addr, 4);
        return sizeof *s;
    }
    SOCKADDR_IN6 *s = (void *)at;
    s->sin6_family = AF_INET6;
    memcpy(s->sin6_addr, addr, 16);
    if (addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80)
        s->sin6_scope_id = index;
    return sizeof *s;
}

/* Bytes one adapter takes in GetAdaptersAddresses' buffer: the structure, then its strings and unicast
 * addresses, each 8-byte aligned. */
static size_t adapter_size(const struct host_iface *f, ULONG family, ULONG flags, const struct gateways *g)
{
    size_t n = sizeof(IP_ADAPTER_ADDRESSES_LH) + ALIGN8(39) + ALIGN8(sizeof(WCHAR)) +
               ALIGN8(wide_len(IphlpAdapterDescription(f))) +
               ALIGN8(flags & GAA_FLAG_SKIP_FRIENDLY_NAME ? sizeof(WCHAR) : wide_len(friendly_name(f)));
    for (uint32_t i = 0; !(flags & GAA_FLAG_SKIP_UNICAST) && i < f->naddrs; i++)
        if (family_wanted(family, f->addrs[i].family))
            n += sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH) + ALIGN8(sockaddr_size(f->addrs[i].family));
    for (uint32_t i = 0; i < g->count; i++)
        if (g->list[i].index == f->index && family_wanted(family, g->list[i].family))
            n += sizeof(IP_ADAPTER_GATEWAY_ADDRESS_LH) + ALIGN8(sockaddr_size(g->list[i].family));
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
    u->Address.iSockaddrLength = put_sockaddr(*at, x->family, x->addr, f->index);
    u->Address.lpSockaddr = (SOCKADDR *)*at;
    *at += ALIGN8((size_t)u->Address.iSockaddrLength);
    **link = u;
    *link = &u->Next;
}

/* The adapter's default gateways, IPv6 first as its addresses. */
static void put_gateways(BYTE **at, IP_ADAPTER_ADDRESSES_LH *a, const struct host_iface *f, ULONG family,
                         const struct gateways *g)
{
    IP_ADAPTER_GATEWAY_ADDRESS_LH **link = (IP_ADAPTER_GATEWAY_ADDRESS_LH **)&a->FirstGatewayAddress;
    for (int pass = 6; pass >= 4; pass -= 2)
        for (uint32_t i = 0; i < g->count; i++) {
            const struct host_gateway *x = &g->list[i];
            if (x->index != f->index || x->family != pass || !family_wanted(family, pass))
                continue;
            IP_ADAPTER_GATEWAY_ADDRESS_LH *e = (void *)*at;
            *at += sizeof *e;
            e->Length = sizeof *e;
            e->Address.iSockaddrLength = put_sockaddr(*at, x->family, x->addr, f->index);
            e->Address.lpSockaddr = (SOCKADDR *)*at;
            *at += ALIGN8((size_t)e->Address.iSockaddrLength);
            *link = e;
            link = &e->Next;
        }
}

static IP_ADAPTER_ADDRESSES_LH *put_adapter(BYTE **at, const struct host_iface *f, ULONG family, ULONG flags,
                                            const struct gateways *g)
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
    a->Description = put_wide(at, IphlpAdapterDescription(f));
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
    a->Luid = luid_of(f);
    a->CompartmentId = 1;
    a->ConnectionType = 1;                  /* NET_IF_CONNECTION_DEDICATED */
    a->TunnelType = 0;                      /* TUNNEL_TYPE_NONE */
    /* IPv6 addresses first, as Windows and Wine list them */
    IP_ADAPTER_UNICAST_ADDRESS_LH **link = &a->FirstUnicastAddress;
    for (int pass = 6; pass >= 4 && !(flags & GAA_FLAG_SKIP_UNICAST); pass -= 2)
        for (uint32_t i = 0; i < f->naddrs; i++)
            if (f->addrs[i].family == pass && family_wanted(family, pass))
                put_unicast(at, &link, f, &f->addrs[i]);
    put_gateways(at, a, f, family, g);
    return a;
}

/* The adapters, their unicast addresses and, with GAA_FLAG_INCLUDE_GATEWAYS, their default gateways (the
 * main routing table's default routes); of the other optional lists (anycast, multicast, DNS servers,
 * prefixes, WINS servers) none is filled, so their skip flags hold trivially. */
ULONG WINAPI GetAdaptersAddresses(ULONG family, ULONG flags, PVOID reserved, IP_ADAPTER_ADDRESSES_LH *out,
                                  PULONG size)
{
    if (!size || reserved || (family != AF_UNSPEC && family != AF_INET && family != AF_INET6))
        return ERROR_INVALID_PARAMETER;
    ULONG n;
    DWORD err;
    struct host_iface *all = IphlpSnapshot(&n, &err);
    if (!all)
        return err;
    struct gateways g = {.count = 0};
    if (flags & GAA_FLAG_INCLUDE_GATEWAYS)
        default_gateways(&g);
    size_t need = 0;
    for (ULONG i = 0; i < n; i++)
        need += adapter_size(&all[i], family, flags, &g);
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
            IP_ADAPTER_ADDRESSES_LH *a = put_adapter(&at, &all[i], family, flags, &g);
            if (link != &out)
                *link = a;
            link = &a->Next;
        }
        err = ERROR_SUCCESS;
    }
    IphlpRelease(all);
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
static void adapter_info(IP_ADAPTER_INFO *p, const struct host_iface *f, const struct gateways *g)
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
    for (uint32_t i = 0; i < g->count; i++)
        if (g->list[i].index == f->index && g->list[i].family == 4) {
            put_ipv4(p->GatewayList.IpAddress, g->list[i].addr);
            put_mask(p->GatewayList.IpMask, 32);
            break;
        }
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
    struct host_iface *all = IphlpSnapshot(&n, &err);
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
        struct gateways g = {.count = 0};
        default_gateways(&g);
        IP_ADAPTER_INFO *p = out;
        for (ULONG i = 0; i < n; i++) {
            if (all[i].loopback)
                continue;
            adapter_info(p, &all[i], &g);
            p->Next = p + 1 < out + listed ? p + 1 : NULL;
            p++;
        }
        err = ERROR_SUCCESS;
    }
    IphlpRelease(all);
    return err;
}

DWORD WINAPI GetNumberOfInterfaces(LPDWORD count)
{
    if (!count)
        return ERROR_INVALID_PARAMETER;
    ULONG n;
    DWORD err;
    struct host_iface *all = IphlpSnapshot(&n, &err);
    if (!all)
        return err;
    IphlpRelease(all);
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

/* NET_LUID names: "<type>_<NetLuidIndex>" with Windows' (and Wine's) names of interface types, else
 * "iftype<IfType>_<NetLuidIndex>". */
static const struct {
    const char *name;
    ULONG type;
} if_type_names[] = {
    {"other", 1}, {"ethernet", 6}, {"tokenring", 9}, {"ppp", 23}, {"loopback", 24}, {"atm", 37},
    {"wireless", 71}, {"tunnel", 131}, {"ieee1394", 144},
};

static void format_luid_name(ULONG64 luid, char out[48])
{
    ULONG type = (ULONG)(luid >> 48), index = (ULONG)(luid >> 24) & 0xFFFFFF;
    for (size_t i = 0; i < ARRAY_SIZE(if_type_names); i++)
        if (if_type_names[i].type == type) {
            snprintf(out, 48, "%s_%lu", if_type_names[i].name, (unsigned long)index);
            return;
        }
    snprintf(out, 48, "iftype%lu_%lu", (unsigned long)type, (unsigned long)index);
}

/* Whether name starts with prefix, ignoring ASCII case. */
static bool starts_with(const char *name, const char *prefix)
{
    for (; *prefix; name++, prefix++) {
        char c = *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') : *name;
        if (c != *prefix)
            return false;
    }
    return true;
}

/* The LUID a NET_LUID name stands for; false for a name of no such form. */
static bool parse_luid_name(const char *name, ULONG64 *luid)
{
    ULONG type = 0;
    const char *rest = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(if_type_names) && !rest; i++) {
        size_t n = strlen(if_type_names[i].name);
        if (starts_with(name, if_type_names[i].name) && name[n] == '_') {
            type = if_type_names[i].type;
            rest = name + n + 1;
        }
    }
    if (!rest && starts_with(name, "iftype")) {
        char *end;
        type = strtoul(name + 6, &end, 10);
        rest = end != name + 6 && *end == '_' ? end + 1 : NULL;
    }
    if (!rest || *rest < '0' || *rest > '9')
        return false;
    char *end;
    unsigned long index = strtoul(rest, &end, 10);
    if (*end || index > 0xFFFFFF || type > 0xFFFF)
        return false;
    *luid = (ULONG64)type << 48 | (ULONG64)index << 24;
    return true;
}

/* The NET_LUID name of an interface. */
static void luid_name(const struct host_iface *f, char out[48])
{
    format_luid_name(luid_of(f), out);
}

/* static, and under another C name: a global if_nametoindex would replace the C library's in the
 * static link, which host/ifaddrs.c calls. */
static ULONG WINAPI IphlpNameToIndex(const char *name)
{
    ULONG n, index = 0;
    DWORD err;
    if (!name)
        return 0;
    struct host_iface *all = IphlpSnapshot(&n, &err);
    for (ULONG i = 0; all && i < n && !index; i++) {
        char luid[48];
        luid_name(&all[i], luid);
        if (!strcmp(luid, name))
            index = all[i].index;
    }
    if (all)
        IphlpRelease(all);
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
    struct host_iface *all = IphlpSnapshot(&n, &err);
    for (ULONG i = 0; all && i < n && !ret; i++)
        if (all[i].index == index) {
            luid_name(&all[i], name);
            ret = name;
        }
    if (all)
        IphlpRelease(all);
    return ret;
}

/* ---- NET_LUID conversions (netioapi.h) ------------------------------------------------------------------------ */

/* The adapter GUID of adapter_guid's string, as a GUID: its bytes read in the order the string prints them. */
static GUID guid_of(const struct host_iface *f)
{
    char text[39];
    adapter_guid(f->name, text);
    BYTE b[16];
    for (int i = 0, j = 1; i < 16; i++, j += 2) {
        if (text[j] == '-')
            j++;
        int hi = text[j] <= '9' ? text[j] - '0' : text[j] - 'A' + 10;
        int lo = text[j + 1] <= '9' ? text[j + 1] - '0' : text[j + 1] - 'A' + 10;
        b[i] = (BYTE)(hi << 4 | lo);
    }
    GUID g = {(ULONG)b[0] << 24 | (ULONG)b[1] << 16 | (ULONG)b[2] << 8 | b[3], (USHORT)(b[4] << 8 | b[5]),
              (USHORT)(b[6] << 8 | b[7]), {b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]}};
    return g;
}

enum iface_key { BY_INDEX, BY_LUID, BY_GUID };

/* The interface an index, LUID or GUID names, copied to *out; ERROR_FILE_NOT_FOUND when none has it (the
 * snapshot's failure as it failed). */
static DWORD find_iface(enum iface_key key, const void *what, struct host_iface *out)
{
    ULONG n;
    DWORD err = ERROR_FILE_NOT_FOUND;
    struct host_iface *all = IphlpSnapshot(&n, &err);
    if (!all)
        return err;
    err = ERROR_FILE_NOT_FOUND;
    for (ULONG i = 0; i < n && err; i++) {
        GUID g;
        bool match = false;
        switch (key) {
        case BY_INDEX: match = all[i].index == *(const ULONG *)what; break;
        case BY_LUID:  match = luid_of(&all[i]) == *(const ULONG64 *)what; break;
        case BY_GUID:  g = guid_of(&all[i]); match = !memcmp(&g, what, sizeof g); break;
        }
        if (match) {
            *out = all[i];
            err = ERROR_SUCCESS;
        }
    }
    IphlpRelease(all);
    return err;
}

DWORD IphlpInterfaceOfIndex(ULONG index, struct host_iface *out)
{
    return find_iface(BY_INDEX, &index, out);
}

DWORD WINAPI ConvertInterfaceIndexToLuid(ULONG index, ULONG64 *luid)
{
    if (!luid)
        return ERROR_INVALID_PARAMETER;
    *luid = 0;
    struct host_iface f;
    DWORD err = find_iface(BY_INDEX, &index, &f);
    if (!err)
        *luid = luid_of(&f);
    return err;
}

DWORD WINAPI ConvertInterfaceLuidToIndex(const ULONG64 *luid, ULONG *index)
{
    if (!luid || !index)
        return ERROR_INVALID_PARAMETER;
    *index = 0;   /* NET_IFINDEX_UNSPECIFIED */
    struct host_iface f;
    DWORD err = find_iface(BY_LUID, luid, &f);
    if (!err)
        *index = f.index;
    return err;
}

/* The NET_LUID name, a conversion of the LUID's fields (no interface need have it, as in Wine), into a
 * buffer of len characters: ERROR_NOT_ENOUGH_MEMORY when it does not fit. */
static DWORD luid_to_name(const ULONG64 *luid, void *name, SIZE_T len, bool wide)
{
    if (!luid || (wide && !name))
        return ERROR_INVALID_PARAMETER;
    if (!name)
        return ERROR_NOT_ENOUGH_MEMORY;
    char text[48];
    format_luid_name(*luid, text);
    size_t n = strlen(text);
    if (len <= n)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; i <= n; i++) {
        if (wide)
            ((WCHAR *)name)[i] = (WCHAR)(BYTE)text[i];
        else
            ((char *)name)[i] = text[i];
    }
    return ERROR_SUCCESS;
}

DWORD WINAPI ConvertInterfaceLuidToNameW(const ULONG64 *luid, WCHAR *name, SIZE_T len)
{
    return luid_to_name(luid, name, len, true);
}

DWORD WINAPI ConvertInterfaceLuidToNameA(const ULONG64 *luid, char *name, SIZE_T len)
{
    return luid_to_name(luid, name, len, false);
}

/* A NET_LUID name to its LUID, by its form alone: ERROR_INVALID_NAME for a name of another form. */
static DWORD name_to_luid(const void *name, ULONG64 *luid, bool wide)
{
    if (!name)
        return ERROR_INVALID_NAME;
    if (!luid)
        return ERROR_INVALID_PARAMETER;
    char text[48];
    size_t n = 0;
    for (; n < sizeof text - 1; n++) {
        unsigned c = wide ? ((const WCHAR *)name)[n] : (BYTE)((const char *)name)[n];
        if (!c || c > 0x7F)
            break;
        text[n] = (char)c;
    }
    text[n] = 0;
    ULONG64 value;
    if (!parse_luid_name(text, &value))
        return ERROR_INVALID_NAME;
    *luid = value;
    return ERROR_SUCCESS;
}

DWORD WINAPI ConvertInterfaceNameToLuidW(const WCHAR *name, ULONG64 *luid)
{
    return name_to_luid(name, luid, true);
}

DWORD WINAPI ConvertInterfaceNameToLuidA(const char *name, ULONG64 *luid)
{
    return name_to_luid(name, luid, false);
}

DWORD WINAPI ConvertInterfaceLuidToGuid(const ULONG64 *luid, GUID *guid)
{
    if (!luid || !guid)
        return ERROR_INVALID_PARAMETER;
    memset(guid, 0, sizeof *guid);
    struct host_iface f;
    DWORD err = find_iface(BY_LUID, luid, &f);
    if (!err)
        *guid = guid_of(&f);
    return err;
}

/* A GUID no interface has: ERROR_INVALID_PARAMETER, as Wine answers. */
DWORD WINAPI ConvertInterfaceGuidToLuid(const GUID *guid, ULONG64 *luid)
{
    if (!guid || !luid)
        return ERROR_INVALID_PARAMETER;
    *luid = 0;
    struct host_iface f;
    DWORD err = find_iface(BY_GUID, guid, &f);
    if (!err)
        *luid = luid_of(&f);
    return err == ERROR_FILE_NOT_FOUND ? ERROR_INVALID_PARAMETER : err;
}

/* ---- Routes ---- */

typedef union {
    SOCKADDR_IN Ipv4;
    SOCKADDR_IN6 Ipv6;
    USHORT si_family;
} SOCKADDR_INET;

/* netioapi.h's x64 layout (checked against mingw-w64's: 104 bytes, NextHop at 44, Origin at 100). */
typedef struct {
    ULONG64 InterfaceLuid;
    ULONG InterfaceIndex;
    struct {
        SOCKADDR_INET Prefix;
        UCHAR PrefixLength;
    } DestinationPrefix;
    SOCKADDR_INET NextHop;
    UCHAR SitePrefixLength;
    ULONG ValidLifetime;
    ULONG PreferredLifetime;
    ULONG Metric;
    ULONG Protocol;            /* NL_ROUTE_PROTOCOL */
    BOOLEAN Loopback;
    BOOLEAN AutoconfigureAddress;
    BOOLEAN Publish;
    BOOLEAN Immortal;
    ULONG Age;
    ULONG Origin;              /* NL_ROUTE_ORIGIN */
} MIB_IPFORWARD_ROW2;
_Static_assert(sizeof(MIB_IPFORWARD_ROW2) == 104, "MIB_IPFORWARD_ROW2 is 104 bytes on x64");

#define RouteProtocolLocal  2
#define RouteProtocolNetMgmt 3
#define NlroManual 0
#define NlroWellKnown 1
#define NlroDHCP 2
#define NlroRouterAdvertisement 3

static const uint8_t *inet_address(const SOCKADDR_INET *a)
{
    return a->si_family == AF_INET ? a->Ipv4.sin_addr : a->Ipv6.sin6_addr;
}

static void put_inet(SOCKADDR_INET *out, uint8_t family, const uint8_t *address)
{
    memset(out, 0, sizeof *out);
    out->si_family = family == 4 ? AF_INET : AF_INET6;
    memcpy(family == 4 ? out->Ipv4.sin_addr : out->Ipv6.sin6_addr, address, family == 4 ? 4 : 16);
}

/* The host's route to a destination (host/netlink.c): the routing table entry that matched, the interface
 * the kernel sends through and the source address it would choose (the one given, when given). A
 * destination with no route is ERROR_NETWORK_UNREACHABLE. The route's origin maps to Windows' as
 * addresses' own routes (kernel) are RouteProtocolLocal/NlroWellKnown and every other is
 * RouteProtocolNetMgmt, with NlroDHCP, NlroRouterAdvertisement or NlroManual; Linux keeps no age. */
DWORD WINAPI GetBestRoute2(const ULONG64 *luid, ULONG index, const SOCKADDR_INET *source,
                           const SOCKADDR_INET *dest, ULONG sort_options, MIB_IPFORWARD_ROW2 *route,
                           SOCKADDR_INET *best_source)
{
    (void)sort_options;   /* "currently not used" */
    if (!dest || !route || !best_source)
        return ERROR_INVALID_PARAMETER;
    uint8_t family = dest->si_family == AF_INET ? 4 : dest->si_family == AF_INET6 ? 6 : 0;
    if (!family || (source && source->si_family && source->si_family != dest->si_family))
        return ERROR_INVALID_PARAMETER;
    if (source && !source->si_family)
        source = NULL;
    struct host_iface f;
    ULONG oif = 0;
    DWORD err = ERROR_SUCCESS;
    if (luid)
        err = find_iface(BY_LUID, luid, &f);
    else if (index)
        err = find_iface(BY_INDEX, &index, &f);
    if (err)
        return err;
    if (luid || index)
        oif = f.index;
    else if (family == 6)
        oif = dest->Ipv6.sin6_scope_id;   /* a link-local destination's zone */
    struct host_route r;
    NTSTATUS st = host_best_route(family, inet_address(dest), source ? inet_address(source) : NULL, oif, &r);
    if (st != STATUS_SUCCESS)
        return RtlNtStatusToDosError(st);
    err = find_iface(BY_INDEX, &r.index, &f);
    if (err)
        return err == ERROR_FILE_NOT_FOUND ? ERROR_NETWORK_UNREACHABLE : err;

    memset(route, 0, sizeof *route);
    route->InterfaceLuid = luid_of(&f);
    route->InterfaceIndex = f.index;
    put_inet(&route->DestinationPrefix.Prefix, family, r.prefix);
    route->DestinationPrefix.PrefixLength = r.prefix_len;
    static const uint8_t unspecified[16];
    put_inet(&route->NextHop, family, r.has_gateway ? r.gateway : unspecified);
    route->ValidLifetime = route->PreferredLifetime = 0xffffffff;   /* Linux's table routes do not expire */
    route->Immortal = TRUE;
    route->Metric = r.metric;
    route->Loopback = r.local || f.loopback;
    route->Protocol = r.origin == HOST_ROUTE_KERNEL ? RouteProtocolLocal : RouteProtocolNetMgmt;
    route->Origin = r.origin == HOST_ROUTE_KERNEL                 ? NlroWellKnown
                    : r.origin == HOST_ROUTE_DHCP                 ? NlroDHCP
                    : r.origin == HOST_ROUTE_ROUTER_ADVERTISEMENT ? NlroRouterAdvertisement
                                                                  : NlroManual;
    uint8_t chosen[16] = {0};
    if (source)
        memcpy(chosen, inet_address(source), family == 4 ? 4 : 16);
    else if (r.has_source)
        memcpy(chosen, r.source, sizeof chosen);
    else
        host_interface_address(family, f.index, chosen);
    put_inet(best_source, family, chosen);
    if (family == 6 && chosen[0] == 0xfe && (chosen[1] & 0xc0) == 0x80)
        best_source->Ipv6.sin6_scope_id = f.index;
    return ERROR_SUCCESS;
}

/* ---- Change notifications ---- */

/* The key of netioapi.h's MIB_IPINTERFACE_ROW (168 bytes on x64), all a notification fills in, as
 * Windows does: the callback reads the rest with GetIpInterfaceEntry. */
typedef struct {
    USHORT Family;
    ULONG64 InterfaceLuid;
    ULONG InterfaceIndex;
    BYTE rest[148];
} MIB_IPINTERFACE_ROW;
_Static_assert(sizeof(MIB_IPINTERFACE_ROW) == 168, "MIB_IPINTERFACE_ROW is 168 bytes on x64");

#define MibParameterNotification 0
#define MibAddInstance 1
#define MibDeleteInstance 2
#define MibInitialNotification 3

typedef void(WINAPI *ip_interface_callback)(PVOID context, MIB_IPINTERFACE_ROW *row, ULONG type);

/*
 * A registration: a thread of the process blocks on a host watch of the interfaces (host/netlink.c) and
 * calls the callback for each change, after the initial notification when it was asked for, so callbacks
 * come one at a time, never on the registering thread, as on Windows. CancelMibChangeNotify2 wakes the
 * thread and waits for it, so no callback runs after it returns; from inside a callback it only asks the
 * thread to end, and the thread frees the registration on its way out. The handle is the registration's
 * address, checked against the list of live ones, so a stale or made-up handle is ERROR_INVALID_PARAMETER,
 * not a crash.
 */
struct change_notification {
    struct change_notification *next;
    ULONG family;
    ip_interface_callback callback;
    PVOID context;
    BOOLEAN initial;
    struct host_if_watch *watch;
    HANDLE thread;
    DWORD thread_id;
    bool cancelled;            /* atomic */
    bool end_frees;            /* set by a cancel from the thread's own callback */
};

static host_lock notifications_lock = HOST_LOCK_INIT;
static struct change_notification *notifications;

static void free_notification(struct change_notification *n)
{
    host_if_watch_close(n->watch);
    if (n->thread)
        CloseHandle(n->thread);
    free(n);
}

static void notify_change(struct change_notification *n, const struct host_if_change *c)
{
    for (uint8_t family = 4; family <= 6; family += 2) {
        if ((c->family && c->family != family) || !family_wanted(n->family, family))
            continue;
        if (__atomic_load_n(&n->cancelled, __ATOMIC_ACQUIRE))
            return;
        MIB_IPINTERFACE_ROW row;
        memset(&row, 0, sizeof row);
        row.Family = family == 4 ? AF_INET : AF_INET6;
        struct host_iface f = {.index = c->index, .loopback = c->loopback};
        row.InterfaceLuid = luid_of(&f);
        row.InterfaceIndex = c->index;
        ULONG type = c->kind == HOST_IF_ADDED     ? MibAddInstance
                     : c->kind == HOST_IF_REMOVED ? MibDeleteInstance
                                                  : MibParameterNotification;
        n->callback(n->context, &row, type);
    }
}

static DWORD WINAPI notification_thread(PVOID param)
{
    struct change_notification *n = param;
    if (n->initial && !__atomic_load_n(&n->cancelled, __ATOMIC_ACQUIRE))
        n->callback(n->context, NULL, MibInitialNotification);
    struct host_if_change changes[32];
    while (!__atomic_load_n(&n->cancelled, __ATOMIC_ACQUIRE)) {
        uint32_t count;
        if (host_if_watch_wait(n->watch, changes, 32, &count) != STATUS_SUCCESS)
            break;
        for (uint32_t i = 0; i < count; i++)
            notify_change(n, &changes[i]);
    }
    if (n->end_frees)
        free_notification(n);
    return 0;
}

DWORD WINAPI CancelMibChangeNotify2(HANDLE handle);

DWORD WINAPI NotifyIpInterfaceChange(USHORT family, ip_interface_callback callback, PVOID context,
                                     BOOLEAN initial, HANDLE *handle)
{
    if (handle)
        *handle = NULL;
    if (!handle || !callback || (family != AF_UNSPEC && family != AF_INET && family != AF_INET6))
        return ERROR_INVALID_PARAMETER;
    struct change_notification *n = calloc(1, sizeof *n);
    if (!n)
        return ERROR_NOT_ENOUGH_MEMORY;
    *n = (struct change_notification){.family = family, .callback = callback, .context = context,
                                      .initial = initial};
    NTSTATUS st = host_if_watch_open(&n->watch);
    if (st != STATUS_SUCCESS) {
        free(n);
        return RtlNtStatusToDosError(st);
    }
    host_lock_acquire(&notifications_lock);
    n->next = notifications;
    notifications = n;
    host_lock_release(&notifications_lock);
    n->thread = CreateThread(NULL, 0, notification_thread, n, 0, &n->thread_id);
    if (!n->thread) {
        DWORD err = GetLastError();
        CancelMibChangeNotify2(n);
        return err;
    }
    *handle = n;
    return ERROR_SUCCESS;
}

DWORD WINAPI CancelMibChangeNotify2(HANDLE handle)
{
    host_lock_acquire(&notifications_lock);
    struct change_notification **link = &notifications;
    while (*link && *link != handle)
        link = &(*link)->next;
    struct change_notification *n = *link;
    if (n)
        *link = n->next;
    host_lock_release(&notifications_lock);
    if (!n)
        return ERROR_INVALID_PARAMETER;
    __atomic_store_n(&n->cancelled, true, __ATOMIC_RELEASE);
    if (!n->thread) {
        free_notification(n);
        return ERROR_SUCCESS;
    }
    if (n->thread_id == GetCurrentThreadId()) {
        n->end_frees = true;
        return ERROR_SUCCESS;
    }
    host_if_watch_wake(n->watch);
    WaitForSingleObject(n->thread, INFINITE);
    free_notification(n);
    return ERROR_SUCCESS;
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
    BUILTIN_FUNCTION("ConvertInterfaceIndexToLuid", ConvertInterfaceIndexToLuid),
    BUILTIN_FUNCTION("ConvertInterfaceLuidToIndex", ConvertInterfaceLuidToIndex),
    BUILTIN_FUNCTION("ConvertInterfaceLuidToNameW", ConvertInterfaceLuidToNameW),
    BUILTIN_FUNCTION("ConvertInterfaceLuidToNameA", ConvertInterfaceLuidToNameA),
    BUILTIN_FUNCTION("ConvertInterfaceNameToLuidW", ConvertInterfaceNameToLuidW),
    BUILTIN_FUNCTION("ConvertInterfaceNameToLuidA", ConvertInterfaceNameToLuidA),
    BUILTIN_FUNCTION("ConvertInterfaceLuidToGuid", ConvertInterfaceLuidToGuid),
    BUILTIN_FUNCTION("ConvertInterfaceGuidToLuid", ConvertInterfaceGuidToLuid),
    BUILTIN_FUNCTION("GetBestRoute2", GetBestRoute2),
    BUILTIN_FUNCTION("NotifyIpInterfaceChange", NotifyIpInterfaceChange),
    BUILTIN_FUNCTION("CancelMibChangeNotify2", CancelMibChangeNotify2),
    BUILTIN_FUNCTION("IcmpCreateFile", IcmpCreateFile),
    BUILTIN_FUNCTION("IcmpCloseHandle", IcmpCloseHandle),
    BUILTIN_FUNCTION("IcmpSendEcho", IcmpSendEcho),
    BUILTIN_FUNCTION("IcmpSendEcho2", IcmpSendEcho2),
    BUILTIN_FUNCTION("IcmpSendEcho2Ex", IcmpSendEcho2Ex),
    BUILTIN_FUNCTION("IcmpParseReplies", IcmpParseReplies),
    BUILTIN_FUNCTION("GetTcpTable", GetTcpTable),
    BUILTIN_FUNCTION("GetUdpTable", GetUdpTable),
    BUILTIN_FUNCTION("GetTcp6Table", GetTcp6Table),
    BUILTIN_FUNCTION("GetUdp6Table", GetUdp6Table),
    BUILTIN_FUNCTION("GetExtendedTcpTable", GetExtendedTcpTable),
    BUILTIN_FUNCTION("GetExtendedUdpTable", GetExtendedUdpTable),
    BUILTIN_FUNCTION("GetTcpStatistics", GetTcpStatistics),
    BUILTIN_FUNCTION("GetUdpStatistics", GetUdpStatistics),
    BUILTIN_FUNCTION("GetIfTable", GetIfTable),
    BUILTIN_FUNCTION("GetIfEntry", GetIfEntry),
};

static const struct builtin_dll iphlpapi = {
    .name = "IPHLPAPI.DLL",
    .exports = iphlpapi_exports,
    .nexports = ARRAY_SIZE(iphlpapi_exports),
};
BUILTIN_DLL(iphlpapi);
