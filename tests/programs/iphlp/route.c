/* GetBestRoute2 to the loopback addresses (the route, its interface and the source address), with a source
 * or an interface given, and its errors; NotifyIpInterfaceChange's initial notification (with no row), a registration without one, a cancel from inside the callback, and the errors of
 * both calls. Interface changes themselves need privileges a test does not have. */
#include <winsock2.h>
#include <ws2ipdef.h>
#include <iphlpapi.h>
#include <netioapi.h>
#include <stdio.h>
#include <string.h>

static ULONG loopback_index(void)
{
    NET_LUID luid;
    if (ConvertInterfaceNameToLuidA("loopback_1", &luid) != NO_ERROR)
        return 0;
    for (ULONG i = 1; i < 1000; i++) {
        NET_LUID l;
        if (ConvertInterfaceIndexToLuid(i, &l) == NO_ERROR && l.Info.IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            return i;
    }
    return 0;
}

static int prefix_holds(const IP_ADDRESS_PREFIX *p, const SOCKADDR_INET *a)
{
    const BYTE *x, *y;
    if (a->si_family == AF_INET) {
        x = (const BYTE *)&p->Prefix.Ipv4.sin_addr;
        y = (const BYTE *)&a->Ipv4.sin_addr;
    } else {
        x = p->Prefix.Ipv6.sin6_addr.s6_addr;
        y = a->Ipv6.sin6_addr.s6_addr;
    }
    for (unsigned bit = 0; bit < p->PrefixLength; bit++) {
        unsigned mask = 0x80u >> (bit % 8);
        if ((x[bit / 8] & mask) != (y[bit / 8] & mask))
            return 0;
    }
    return p->Prefix.si_family == a->si_family;
}

static void show_route(const char *what, DWORD r, const MIB_IPFORWARD_ROW2 *route, const SOCKADDR_INET *dest,
                       const SOCKADDR_INET *source, ULONG lo)
{
    printf("%s: %lu\n", what, r);
    if (r != NO_ERROR)
        return;
    static const IN6_ADDR zero6;
    NET_LUID luid;
    ConvertInterfaceIndexToLuid(route->InterfaceIndex, &luid);
    printf("  the loopback interface %d, its LUID %d\n", route->InterfaceIndex == lo,
           luid.Value == route->InterfaceLuid.Value);
    printf("  prefix of the family %d, holds the destination %d, length %u\n",
           route->DestinationPrefix.Prefix.si_family == dest->si_family, prefix_holds(&route->DestinationPrefix, dest),
           route->DestinationPrefix.PrefixLength);
    int on_link = route->NextHop.si_family == dest->si_family &&
                  (dest->si_family == AF_INET ? route->NextHop.Ipv4.sin_addr.s_addr == 0
                                              : !memcmp(&route->NextHop.Ipv6.sin6_addr, &zero6, 16));
    printf("  next hop on link %d\n", on_link);
    int same = source->si_family == dest->si_family &&
               (dest->si_family == AF_INET ? source->Ipv4.sin_addr.s_addr == dest->Ipv4.sin_addr.s_addr
                                           : !memcmp(&source->Ipv6.sin6_addr, &dest->Ipv6.sin6_addr, 16));
    printf("  source is the destination %d\n", same);
}

static HANDLE initial_done;
static PMIB_IPINTERFACE_ROW callback_row = (PMIB_IPINTERFACE_ROW)1;
static MIB_NOTIFICATION_TYPE callback_type = (MIB_NOTIFICATION_TYPE)-1;
static LONG calls;

static void WINAPI on_change(PVOID context, PMIB_IPINTERFACE_ROW row, MIB_NOTIFICATION_TYPE type)
{
    if (InterlockedIncrement(&calls) == 1) {
        callback_row = row;
        callback_type = type;
    }
    (void)context;
    SetEvent(initial_done);
}

static HANDLE self_handle;
static DWORD self_cancel = 12345;

static void WINAPI cancel_itself(PVOID context, PMIB_IPINTERFACE_ROW row, MIB_NOTIFICATION_TYPE type)
{
    (void)row;
    (void)type;
    self_cancel = CancelMibChangeNotify2(self_handle);
    SetEvent((HANDLE)context);
}

int main(void)
{
    ULONG lo = loopback_index();
    printf("loopback index found %d\n", lo != 0);

    SOCKADDR_INET dest, source;
    MIB_IPFORWARD_ROW2 route;
    memset(&dest, 0, sizeof dest);
    dest.Ipv4.sin_family = AF_INET;
    dest.Ipv4.sin_addr.s_net = 127;
    dest.Ipv4.sin_addr.s_impno = 1;
    DWORD r = GetBestRoute2(NULL, 0, NULL, &dest, 0, &route, &source);
    show_route("127.0.0.1", r, &route, &dest, &source, lo);

    SOCKADDR_INET dest6;
    memset(&dest6, 0, sizeof dest6);
    dest6.Ipv6.sin6_family = AF_INET6;
    dest6.Ipv6.sin6_addr.s6_addr[15] = 1;   /* ::1 */
    r = GetBestRoute2(NULL, 0, NULL, &dest6, 0, &route, &source);
    show_route("::1", r, &route, &dest6, &source, lo);

    SOCKADDR_INET from = dest;
    r = GetBestRoute2(NULL, 0, &from, &dest, 0, &route, &source);
    show_route("127.0.0.1 from 127.0.0.1", r, &route, &dest, &source, lo);
    r = GetBestRoute2(NULL, lo, NULL, &dest, 0, &route, &source);
    show_route("127.0.0.1 through the loopback index", r, &route, &dest, &source, lo);
    NET_LUID luid;
    ConvertInterfaceIndexToLuid(lo, &luid);
    r = GetBestRoute2(&luid, 0, NULL, &dest, 0, &route, &source);
    show_route("127.0.0.1 through the loopback LUID", r, &route, &dest, &source, lo);

    printf("no destination: %lu\n", GetBestRoute2(NULL, 0, NULL, NULL, 0, &route, &source));
    printf("no route out: %lu\n", GetBestRoute2(NULL, 0, NULL, &dest, 0, NULL, &source));
    printf("no source out: %lu\n", GetBestRoute2(NULL, 0, NULL, &dest, 0, &route, NULL));
    SOCKADDR_INET unspec;
    memset(&unspec, 0, sizeof unspec);
    printf("AF_UNSPEC destination: %lu\n", GetBestRoute2(NULL, 0, NULL, &unspec, 0, &route, &source));
    printf("no such index: %lu\n", GetBestRoute2(NULL, 99999, NULL, &dest, 0, &route, &source));
    NET_LUID nowhere = luid;
    nowhere.Info.NetLuidIndex = 99999;
    printf("no such LUID: %lu\n", GetBestRoute2(&nowhere, 0, NULL, &dest, 0, &route, &source));

    /* The initial notification: on another thread, without a row. */
    initial_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE h = NULL;
    r = NotifyIpInterfaceChange(AF_UNSPEC, on_change, NULL, TRUE, &h);
    printf("NotifyIpInterfaceChange: %lu, a handle %d\n", r, h != NULL);
    DWORD w = WaitForSingleObject(initial_done, 5000);
    printf("initial notification: wait %lu, row NULL %d, type %d\n", w, callback_row == NULL, (int)callback_type);
    printf("CancelMibChangeNotify2: %lu\n", CancelMibChangeNotify2(h));

    /* Without one: no callback. */
    calls = 0;
    h = NULL;
    r = NotifyIpInterfaceChange(AF_INET, on_change, NULL, FALSE, &h);
    w = WaitForSingleObject(initial_done, 300);
    printf("without the initial notification: %lu, wait %lu, calls %ld\n", r, w, calls);
    printf("CancelMibChangeNotify2: %lu\n", CancelMibChangeNotify2(h));

    /* A callback may cancel its own registration. */
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    r = NotifyIpInterfaceChange(AF_INET6, cancel_itself, done, TRUE, &self_handle);
    w = WaitForSingleObject(done, 5000);
    printf("cancel from the callback: %lu, wait %lu, cancel %lu\n", r, w, self_cancel);

    h = (HANDLE)1;
    r = NotifyIpInterfaceChange(5, on_change, NULL, FALSE, &h);
    printf("bad family: %lu, handle cleared %d\n", r, h == NULL);
    printf("no handle: %lu\n", NotifyIpInterfaceChange(AF_UNSPEC, on_change, NULL, FALSE, NULL));
    printf("cancel NULL: %lu\n", CancelMibChangeNotify2(NULL));
    return 0;
}
