/* Names through the resolver: getaddrinfo per family and both (with AI_CANONNAME through a CNAME),
 * GetAddrInfoW, names with no address of a family (WSANO_DATA), names that do not exist (WSAHOST_NOT_FOUND),
 * a server failure (WSATRY_AGAIN), the hosts file before DNS, getnameinfo and GetNameInfoW by PTR and by
 * the hosts file, gethostbyname and gethostbyaddr; DnsQuery_W/A for A, AAAA, CNAME chains, MX, TXT, SRV, SOA
 * and PTR records, from the server and from the hosts file, with its failures; asynchronous GetAddrInfoExW
 * with a timeout and a cancel. tests/e2e/net_resolve's harness runs a DNS server of its
 * own on 127.0.0.1 (fakedns.py: the names under ntexec.test) and a hosts file (hosts), named to ntexec by
 * NTEXEC_NAMESERVERS and NTEXEC_HOSTS; with "dead" as argument there is no server at all. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_text(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The answers as text, sorted (the order of two families depends on the host's own addresses). */
static void lookup(const char *name, int family, int flags)
{
    struct addrinfo hints = { 0 }, *res = NULL;
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    int r = getaddrinfo(name, "80", &hints, &res);
    printf("%s (%s%s):", name, family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNSPEC",
           flags & AI_CANONNAME ? ", canonname" : "");
    if (r) {
        printf(" error %d\n", r);
        return;
    }
    char text[16][64];
    int n = 0;
    for (struct addrinfo *ai = res; ai && n < 16; ai = ai->ai_next, n++) {
        char host[64], serv[16];
        getnameinfo(ai->ai_addr, (int)ai->ai_addrlen, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV);
        snprintf(text[n], sizeof text[n], "%s port %s%s", host, serv,
                 ai->ai_socktype == SOCK_STREAM ? "" : " (socktype?)");
    }
    if (res->ai_canonname)
        printf(" canonname %s;", res->ai_canonname);
    qsort(text, (size_t)n, sizeof text[0], compare_text);
    for (int i = 0; i < n; i++)
        printf(" %s%s", text[i], i + 1 < n ? "," : "");
    printf("\n");
    freeaddrinfo(res);
}

static void reverse(const char *address, int flags)
{
    struct sockaddr_storage ss = { 0 };
    int len = sizeof ss;
    WSAStringToAddressA((char *)address, strchr(address, ':') ? AF_INET6 : AF_INET, NULL, (struct sockaddr *)&ss,
                        &len);
    char host[NI_MAXHOST];
    int r = getnameinfo((struct sockaddr *)&ss, len, host, sizeof host, NULL, 0, flags);
    printf("getnameinfo %s%s%s: ", address, flags & NI_NAMEREQD ? " namereqd" : "", flags & NI_NOFQDN ? " nofqdn" : "");
    if (r)
        printf("error %d\n", r);
    else
        printf("%s\n", host);
}

static void by_name(const char *name)
{
    struct hostent *h = gethostbyname(name);
    printf("gethostbyname %s: ", name);
    if (!h) {
        printf("NULL error %d\n", WSAGetLastError());
        return;
    }
    printf("%s type %d length %d:", h->h_name, h->h_addrtype, h->h_length);
    for (char **a = h->h_addr_list; *a; a++)
        printf(" %s", inet_ntoa(*(struct in_addr *)*a));
    printf("%s\n", h->h_aliases && !h->h_aliases[0] ? " (no aliases)" : "");
}

static void by_address(const char *address)
{
    struct in_addr a;
    a.s_addr = inet_addr(address);
    struct hostent *h = gethostbyaddr((const char *)&a, 4, AF_INET);
    printf("gethostbyaddr %s: ", address);
    if (!h)
        printf("NULL error %d\n", WSAGetLastError());
    else
        printf("%s type %d length %d first %s\n", h->h_name, h->h_addrtype, h->h_length,
               inet_ntoa(*(struct in_addr *)h->h_addr_list[0]));
}

static const char *section_name(DWORD flags)
{
    static const char *const names[] = { "question", "answer", "authority", "additional" };
    return names[flags & 3];
}

/* Every record of a DnsQuery_W answer, in the order given. */
static void dns_query(const WCHAR *name, WORD type, DWORD options)
{
    PDNS_RECORDW list = NULL;
    DNS_STATUS r = DnsQuery_W(name, type, options, NULL, (PDNS_RECORD *)&list, NULL);
    printf("DnsQuery_W %ls type %u%s: %ld\n", name, type, options & DNS_QUERY_NO_HOSTS_FILE ? " no-hosts" : "", r);
    for (PDNS_RECORDW p = list; p; p = p->pNext) {
        printf("  %s %ls type %u charset %lu: ", section_name(p->Flags.DW), p->pName, p->wType,
               (p->Flags.DW >> 3) & 3);
        char text[64];
        switch (p->wType) {
        case DNS_TYPE_A:
            printf("%s\n", inet_ntoa(*(struct in_addr *)&p->Data.A.IpAddress));
            break;
        case DNS_TYPE_AAAA:
            inet_ntop(AF_INET6, &p->Data.AAAA.Ip6Address, text, sizeof text);
            printf("%s\n", text);
            break;
        case DNS_TYPE_CNAME:
        case DNS_TYPE_PTR:
            printf("%ls\n", p->Data.PTR.pNameHost);
            break;
        case DNS_TYPE_MX:
            printf("%u %ls\n", p->Data.MX.wPreference, p->Data.MX.pNameExchange);
            break;
        case DNS_TYPE_TEXT:
            for (DWORD i = 0; i < p->Data.TXT.dwStringCount; i++)
                printf("\"%ls\"%s", p->Data.TXT.pStringArray[i], i + 1 < p->Data.TXT.dwStringCount ? " " : "\n");
            break;
        case DNS_TYPE_SRV:
            printf("%u %u %u %ls\n", p->Data.SRV.wPriority, p->Data.SRV.wWeight, p->Data.SRV.wPort,
                   p->Data.SRV.pNameTarget);
            break;
        case DNS_TYPE_SOA:
            printf("%ls %ls %lu %lu %lu %lu %lu\n", p->Data.SOA.pNamePrimaryServer, p->Data.SOA.pNameAdministrator,
                   p->Data.SOA.dwSerialNo, p->Data.SOA.dwRefresh, p->Data.SOA.dwRetry, p->Data.SOA.dwExpire,
                   p->Data.SOA.dwDefaultTtl);
            break;
        default:
            printf("?\n");
        }
    }
    DnsRecordListFree((PDNS_RECORD)list, DnsFreeRecordList);
}

static void dns_queries(void)
{
    dns_query(L"www.ntexec.test", DNS_TYPE_A, 0);
    dns_query(L"www.ntexec.test", DNS_TYPE_AAAA, 0);
    dns_query(L"alias.ntexec.test", DNS_TYPE_A, 0);
    dns_query(L"alias.ntexec.test", DNS_TYPE_CNAME, 0);
    dns_query(L"mail.ntexec.test", DNS_TYPE_MX, 0);
    dns_query(L"txt.ntexec.test", DNS_TYPE_TEXT, 0);
    dns_query(L"_http._tcp.ntexec.test", DNS_TYPE_SRV, 0);
    dns_query(L"ntexec.test", DNS_TYPE_SOA, 0);
    dns_query(L"10.2.0.192.in-addr.arpa", DNS_TYPE_PTR, 0);
    dns_query(L"50.2.0.192.in-addr.arpa.", DNS_TYPE_PTR, 0);
    dns_query(L"shadowed.ntexec.test", DNS_TYPE_A, 0);
    dns_query(L"shadowed.ntexec.test", DNS_TYPE_A, DNS_QUERY_NO_HOSTS_FILE);
    dns_query(L"v4only.ntexec.test", DNS_TYPE_AAAA, 0);
    dns_query(L"missing.ntexec.test", DNS_TYPE_A, 0);
    dns_query(L"fail.ntexec.test", DNS_TYPE_A, 0);

    PDNS_RECORDA list = NULL;
    DNS_STATUS r = DnsQuery_A("mail.ntexec.test", DNS_TYPE_MX, 0, NULL, (PDNS_RECORD *)&list, NULL);
    printf("DnsQuery_A: %ld %s charset %lu %s\n", r, r ? "-" : (char *)list->pName, r ? 0 : (list->Flags.DW >> 3) & 3,
           r ? "-" : (char *)list->Data.MX.pNameExchange);
    DnsRecordListFree((PDNS_RECORD)list, DnsFreeRecordList);
    r = DnsQuery_W(NULL, DNS_TYPE_A, 0, NULL, (PDNS_RECORD *)&list, NULL);
    printf("DnsQuery_W no name: %ld\n", r);
    printf("DnsNameCompare_W: %d %d %d\n", DnsNameCompare_W(L"WWW.ntexec.test.", L"www.NTEXEC.test"),
           DnsNameCompare_W(L"www.ntexec.test", L"ww.ntexec.test"), DnsNameCompare_A("a.b", "A.B."));
}

/* mingw-w64 12 declares neither. */
INT WSAAPI GetAddrInfoExOverlappedResult(LPOVERLAPPED lpOverlapped);
INT WSAAPI GetAddrInfoExCancel(LPHANDLE lpHandle);

/* GetAddrInfoExW with an OVERLAPPED and its event (Windows 8 and later): a timeout ends a lookup nobody
 * answers with WSAETIMEDOUT long before the resolver gives up, GetAddrInfoExCancel ends one at once with
 * WSA_E_CANCELLED, and a lookup that ends in time is not cut short. */
static void async_lookup(const WCHAR *name, long timeout_ms, int cancel)
{
    ADDRINFOEXW hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET;
    struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
    OVERLAPPED ov = { 0 };
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE handle = NULL;
    ULONGLONG start = GetTickCount64();
    int r = GetAddrInfoExW(name, L"80", NS_DNS, NULL, &hints, &res, timeout_ms ? &tv : NULL, &ov, NULL, &handle);
    printf("GetAddrInfoExW %ls async: %d, handle %s\n", name, r, handle ? "set" : "NULL");
    if (cancel) {
        int c = GetAddrInfoExCancel(&handle);
        DWORD w = WaitForSingleObject(ov.hEvent, 0);
        printf("  cancel: %d, event %s, result %d, answer %s\n", c, w == WAIT_OBJECT_0 ? "set at once" : "not set",
               GetAddrInfoExOverlappedResult(&ov), res ? "given" : "none");
        printf("  cancel again: %d\n", GetAddrInfoExCancel(&handle));
    } else {
        DWORD w = WaitForSingleObject(ov.hEvent, 20000);
        ULONGLONG took = GetTickCount64() - start;
        r = GetAddrInfoExOverlappedResult(&ov);
        printf("  ended: %s, result %d, %s", w == WAIT_OBJECT_0 ? "yes" : "no", r,
               took < 3000 ? "within 3 s" : "after 3 s or more");
        if (!r && res)
            printf(", %s", inet_ntoa(((struct sockaddr_in *)res->ai_addr)->sin_addr));
        printf("\n");
        if (!r)
            FreeAddrInfoExW(res);
    }
    CloseHandle(ov.hEvent);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    if (argc > 1 && !strcmp(argv[1], "dead")) {
        /* Nobody answers on the named server's port. */
        lookup("www.ntexec.test", AF_INET, 0);
        lookup("hosted.example", AF_INET, 0);
        reverse("192.0.2.10", NI_NAMEREQD);
        dns_query(L"www.ntexec.test", DNS_TYPE_A, 0);
        dns_query(L"hosted.example", DNS_TYPE_A, 0);
        return 0;
    }
    lookup("www.ntexec.test", AF_INET, 0);
    lookup("www.ntexec.test", AF_INET6, 0);
    lookup("www.ntexec.test", AF_UNSPEC, AI_CANONNAME);
    lookup("WWW.NTEXEC.TEST.", AF_INET, 0);
    lookup("alias.ntexec.test", AF_UNSPEC, AI_CANONNAME);
    lookup("v4only.ntexec.test", AF_INET6, 0);
    lookup("v4only.ntexec.test", AF_UNSPEC, 0);
    lookup("missing.ntexec.test", AF_UNSPEC, 0);
    lookup("fail.ntexec.test", AF_INET, 0);
    lookup("hosted.example", AF_UNSPEC, AI_CANONNAME);
    lookup("hostalias", AF_INET, AI_CANONNAME);
    lookup("shadowed.ntexec.test", AF_INET, 0);
    lookup("www.ntexec.test", AF_INET, AI_NUMERICHOST);

    ADDRINFOW hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    int r = GetAddrInfoW(L"alias.ntexec.test", NULL, &hints, &res);
    printf("GetAddrInfoW: %d %ls\n", r, r ? L"-" : res->ai_canonname);
    if (!r)
        FreeAddrInfoW(res);

    async_lookup(L"www.ntexec.test", 10000, 0);
    async_lookup(L"silent.ntexec.test", 300, 0);
    async_lookup(L"silent.ntexec.test", 0, 1);

    reverse("192.0.2.10", NI_NAMEREQD);
    reverse("2001:db8::10", 0);
    reverse("192.0.2.50", 0);
    reverse("192.0.2.99", 0);
    reverse("192.0.2.99", NI_NAMEREQD);

    struct sockaddr_in in = { .sin_family = AF_INET };
    in.sin_addr.s_addr = inet_addr("192.0.2.10");
    WCHAR whost[NI_MAXHOST];
    r = GetNameInfoW((struct sockaddr *)&in, sizeof in, whost, NI_MAXHOST, NULL, 0, NI_NAMEREQD);
    printf("GetNameInfoW: %d %ls\n", r, r ? L"-" : whost);

    by_name("www.ntexec.test");
    by_name("hosted.example");
    by_name("192.0.2.77");
    by_name("v4only.ntexec.test");
    by_name("missing.ntexec.test");
    by_address("192.0.2.10");
    by_address("192.0.2.50");
    by_address("192.0.2.99");
    dns_queries();
    WSACleanup();
    return 0;
}
