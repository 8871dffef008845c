/*
 * The databases: getservbyname/getservbyport and getprotobyname/getprotobynumber answer from the contents
 * of the services and protocol files Windows 10 ships in System32\drivers\etc (built in: there is no such
 * file to edit here). Their answers live in per-thread storage, as Windows' do: each call overwrites the
 * thread's last SERVENT or PROTOENT. getaddrinfo's service names come from the same table (WsServiceByName).
 */
#include <string.h>

#include "ws2_32/ws2_32.h"

#define WSANO_DATA 11004

#define TCP "tcp"
#define UDP "udp"

/* Windows' services file, in its order (aliases separated by spaces). */
static const struct ws_service services[] = {
    { "echo", 7, TCP, NULL }, { "echo", 7, UDP, NULL }, { "discard", 9, TCP, "sink null" },
    { "discard", 9, UDP, "sink null" }, { "systat", 11, TCP, "users" }, { "systat", 11, UDP, "users" },
    { "daytime", 13, TCP, NULL }, { "daytime", 13, UDP, NULL }, { "qotd", 17, TCP, "quote" },
    { "qotd", 17, UDP, "quote" }, { "chargen", 19, TCP, "ttytst source" }, { "chargen", 19, UDP, "ttytst source" },
    { "ftp-data", 20, TCP, NULL }, { "ftp", 21, TCP, NULL }, { "ssh", 22, TCP, NULL }, { "telnet", 23, TCP, NULL },
    { "smtp", 25, TCP, "mail" }, { "time", 37, TCP, "timserver" }, { "time", 37, UDP, "timserver" },
    { "rlp", 39, UDP, "resource" }, { "nameserver", 42, TCP, "name" }, { "nameserver", 42, UDP, "name" },
    { "nicname", 43, TCP, "whois" }, { "domain", 53, TCP, NULL }, { "domain", 53, UDP, NULL },
    { "bootps", 67, UDP, "dhcps" }, { "bootpc", 68, UDP, "dhcpc" }, { "tftp", 69, UDP, NULL },
    { "gopher", 70, TCP, NULL }, { "finger", 79, TCP, NULL }, { "http", 80, TCP, "www www-http" },
    { "hosts2-ns", 81, TCP, NULL }, { "hosts2-ns", 81, UDP, NULL }, { "kerberos", 88, TCP, "krb5 kerberos-sec" },
    { "kerberos", 88, UDP, "krb5 kerberos-sec" }, { "hostname", 101, TCP, "hostnames" },
    { "iso-tsap", 102, TCP, NULL }, { "rtelnet", 107, TCP, NULL }, { "pop2", 109, TCP, "postoffice" },
    { "pop3", 110, TCP, NULL }, { "sunrpc", 111, TCP, "rpcbind portmap" },
    { "sunrpc", 111, UDP, "rpcbind portmap" }, { "auth", 113, TCP, "ident tap" }, { "uucp-path", 117, TCP, NULL },
    { "sqlserv", 118, TCP, NULL }, { "nntp", 119, TCP, "usenet" }, { "ntp", 123, UDP, NULL },
    { "epmap", 135, TCP, "loc-srv" }, { "epmap", 135, UDP, "loc-srv" }, { "netbios-ns", 137, TCP, "nbname" },
    { "netbios-ns", 137, UDP, "nbname" }, { "netbios-dgm", 138, UDP, "nbdatagram" },
    { "netbios-ssn", 139, TCP, "nbsession" }, { "imap", 143, TCP, "imap4" }, { "sql-net", 150, TCP, NULL },
    { "sqlsrv", 156, TCP, NULL }, { "pcmail-srv", 158, TCP, NULL }, { "snmp", 161, UDP, NULL },
    { "snmptrap", 162, UDP, "snmp-trap" }, { "print-srv", 170, TCP, NULL }, { "bgp", 179, TCP, NULL },
    { "irc", 194, TCP, NULL }, { "ipx", 213, UDP, NULL }, { "rtsps", 322, TCP, NULL }, { "rtsps", 322, UDP, NULL },
    { "mftp", 349, TCP, NULL }, { "mftp", 349, UDP, NULL }, { "ldap", 389, TCP, NULL },
    { "https", 443, TCP, "MCom" }, { "https", 443, UDP, "MCom" }, { "microsoft-ds", 445, TCP, NULL },
    { "microsoft-ds", 445, UDP, NULL }, { "kpasswd", 464, TCP, NULL }, { "kpasswd", 464, UDP, NULL },
    { "isakmp", 500, UDP, "ike" }, { "crs", 507, TCP, NULL }, { "crs", 507, UDP, NULL }, { "exec", 512, TCP, NULL },
    { "biff", 512, UDP, "comsat" }, { "login", 513, TCP, NULL }, { "who", 513, UDP, "whod" },
    { "cmd", 514, TCP, "shell" }, { "syslog", 514, UDP, NULL }, { "printer", 515, TCP, "spooler" },
    { "talk", 517, UDP, NULL }, { "ntalk", 518, UDP, NULL }, { "efs", 520, TCP, NULL },
    { "router", 520, UDP, "route routed" }, { "ulp", 522, TCP, NULL }, { "ulp", 522, UDP, NULL },
    { "timed", 525, UDP, "timeserver" }, { "tempo", 526, TCP, "newdate" }, { "irc-serv", 529, TCP, NULL },
    { "irc-serv", 529, UDP, NULL }, { "courier", 530, TCP, "rpc" }, { "conference", 531, TCP, "chat" },
    { "netnews", 532, TCP, "readnews" }, { "netwall", 533, UDP, NULL }, { "uucp", 540, TCP, "uucpd" },
    { "klogin", 543, TCP, NULL }, { "kshell", 544, TCP, "krcmd" }, { "dhcpv6-client", 546, TCP, NULL },
    { "dhcpv6-client", 546, UDP, NULL }, { "dhcpv6-server", 547, TCP, NULL }, { "dhcpv6-server", 547, UDP, NULL },
    { "afpovertcp", 548, TCP, NULL }, { "afpovertcp", 548, UDP, NULL }, { "new-rwho", 550, UDP, "new-who" },
    { "rtsp", 554, TCP, NULL }, { "rtsp", 554, UDP, NULL }, { "remotefs", 556, TCP, "rfs rfs_server" },
    { "rmonitor", 560, UDP, "rmonitord" }, { "monitor", 561, UDP, NULL }, { "nntps", 563, TCP, "snntp" },
    { "nntps", 563, UDP, "snntp" }, { "whoami", 565, TCP, NULL }, { "whoami", 565, UDP, NULL },
    { "ms-shuttle", 568, TCP, NULL }, { "ms-shuttle", 568, UDP, NULL }, { "ms-rome", 569, TCP, NULL },
    { "ms-rome", 569, UDP, NULL }, { "http-rpc-epmap", 593, TCP, NULL }, { "http-rpc-epmap", 593, UDP, NULL },
    { "hmmp-ind", 612, TCP, NULL }, { "hmmp-ind", 612, UDP, NULL }, { "hmmp-op", 613, TCP, NULL },
    { "hmmp-op", 613, UDP, NULL }, { "ldaps", 636, TCP, "sldap" }, { "doom", 666, TCP, NULL },
    { "doom", 666, UDP, NULL }, { "msexch-routing", 691, TCP, NULL }, { "msexch-routing", 691, UDP, NULL },
    { "kerberos-adm", 749, TCP, NULL }, { "kerberos-adm", 749, UDP, NULL }, { "kerberos-iv", 750, UDP, NULL },
    { "mdbs_daemon", 800, TCP, NULL }, { "mdbs_daemon", 800, UDP, NULL }, { "ftps-data", 989, TCP, NULL },
    { "ftps", 990, TCP, NULL }, { "telnets", 992, TCP, NULL }, { "imaps", 993, TCP, NULL },
    { "ircs", 994, TCP, NULL }, { "pop3s", 995, TCP, "spop3" }, { "pop3s", 995, UDP, "spop3" },
    { "kpop", 1109, TCP, NULL }, { "nfsd-status", 1110, TCP, NULL }, { "nfsd-keepalive", 1110, UDP, NULL },
    { "nfa", 1155, TCP, NULL }, { "nfa", 1155, UDP, NULL }, { "activesync", 1034, TCP, NULL },
    { "opsmgr", 1270, TCP, NULL }, { "opsmgr", 1270, UDP, NULL }, { "ms-sql-s", 1433, TCP, NULL },
    { "ms-sql-s", 1433, UDP, NULL }, { "ms-sql-m", 1434, TCP, NULL }, { "ms-sql-m", 1434, UDP, NULL },
    { "ms-sna-server", 1477, TCP, NULL }, { "ms-sna-server", 1477, UDP, NULL }, { "ms-sna-base", 1478, TCP, NULL },
    { "ms-sna-base", 1478, UDP, NULL }, { "wins", 1512, TCP, NULL }, { "wins", 1512, UDP, NULL },
    { "ingreslock", 1524, TCP, "ingres" }, { "stt", 1607, TCP, NULL }, { "stt", 1607, UDP, NULL },
    { "l2tp", 1701, UDP, NULL }, { "pptconference", 1711, TCP, NULL }, { "pptconference", 1711, UDP, NULL },
    { "pptp", 1723, TCP, NULL }, { "msiccp", 1731, TCP, NULL }, { "msiccp", 1731, UDP, NULL },
    { "remote-winsock", 1745, TCP, NULL }, { "remote-winsock", 1745, UDP, NULL },
    { "ms-streaming", 1755, TCP, NULL }, { "ms-streaming", 1755, UDP, NULL }, { "msmq", 1801, TCP, NULL },
    { "msmq", 1801, UDP, NULL }, { "radius", 1812, UDP, NULL }, { "radacct", 1813, UDP, NULL },
    { "msnp", 1863, TCP, NULL }, { "msnp", 1863, UDP, NULL }, { "ssdp", 1900, TCP, NULL },
    { "ssdp", 1900, UDP, NULL }, { "close-combat", 1944, TCP, NULL }, { "close-combat", 1944, UDP, NULL },
    { "nfsd", 2049, UDP, "nfs" }, { "knetd", 2053, TCP, NULL }, { "mzap", 2106, TCP, NULL },
    { "mzap", 2106, UDP, NULL }, { "qwave", 2177, TCP, NULL }, { "qwave", 2177, UDP, NULL },
    { "directplay", 2234, TCP, NULL }, { "directplay", 2234, UDP, NULL }, { "ms-olap3", 2382, TCP, NULL },
    { "ms-olap3", 2382, UDP, NULL }, { "ms-olap4", 2383, TCP, NULL }, { "ms-olap4", 2383, UDP, NULL },
    { "ms-olap1", 2393, TCP, NULL }, { "ms-olap1", 2393, UDP, NULL }, { "ms-olap2", 2394, TCP, NULL },
    { "ms-olap2", 2394, UDP, NULL }, { "ms-theater", 2460, TCP, NULL }, { "ms-theater", 2460, UDP, NULL },
    { "wlbs", 2504, TCP, NULL }, { "wlbs", 2504, UDP, NULL }, { "ms-v-worlds", 2525, TCP, NULL },
    { "ms-v-worlds", 2525, UDP, NULL }, { "sms-rcinfo", 2701, TCP, NULL }, { "sms-rcinfo", 2701, UDP, NULL },
    { "sms-xfer", 2702, TCP, NULL }, { "sms-xfer", 2702, UDP, NULL }, { "sms-chat", 2703, TCP, NULL },
    { "sms-chat", 2703, UDP, NULL }, { "sms-remctrl", 2704, TCP, NULL }, { "sms-remctrl", 2704, UDP, NULL },
    { "msolap-ptp2", 2725, TCP, NULL }, { "msolap-ptp2", 2725, UDP, NULL }, { "icslap", 2869, TCP, NULL },
    { "icslap", 2869, UDP, NULL }, { "cifs", 3020, TCP, NULL }, { "cifs", 3020, UDP, NULL },
    { "xbox", 3074, TCP, NULL }, { "xbox", 3074, UDP, NULL }, { "ms-dotnetster", 3126, TCP, NULL },
    { "ms-dotnetster", 3126, UDP, NULL }, { "ms-rule-engine", 3132, TCP, NULL },
    { "ms-rule-engine", 3132, UDP, NULL }, { "msft-gc", 3268, TCP, NULL }, { "msft-gc", 3268, UDP, NULL },
    { "msft-gc-ssl", 3269, TCP, NULL }, { "msft-gc-ssl", 3269, UDP, NULL }, { "ms-cluster-net", 3343, TCP, NULL },
    { "ms-cluster-net", 3343, UDP, NULL }, { "ms-wbt-server", 3389, TCP, NULL },
    { "ms-wbt-server", 3389, UDP, NULL }, { "ms-la", 3535, TCP, NULL }, { "ms-la", 3535, UDP, NULL },
    { "pnrp-port", 3540, TCP, NULL }, { "pnrp-port", 3540, UDP, NULL }, { "teredo", 3544, TCP, NULL },
    { "teredo", 3544, UDP, NULL }, { "p2pgroup", 3587, TCP, NULL }, { "p2pgroup", 3587, UDP, NULL },
    { "ws-discovery", 3702, UDP, NULL }, { "ws-discovery", 3702, TCP, NULL }, { "dvcprov-port", 3776, TCP, NULL },
    { "dvcprov-port", 3776, UDP, NULL }, { "msfw-control", 3847, TCP, NULL }, { "msdts1", 3882, TCP, NULL },
    { "sdp-portmapper", 3935, TCP, NULL }, { "sdp-portmapper", 3935, UDP, NULL }, { "net-device", 4350, TCP, NULL },
    { "net-device", 4350, UDP, NULL }, { "ipsec-msft", 4500, TCP, NULL }, { "ipsec-msft", 4500, UDP, NULL },
    { "llmnr", 5355, TCP, NULL }, { "llmnr", 5355, UDP, NULL }, { "wsd", 5357, TCP, NULL },
    { "wsd", 5358, TCP, NULL }, { "rrac", 5678, TCP, NULL }, { "rrac", 5678, UDP, NULL },
    { "dccm", 5679, TCP, NULL }, { "dccm", 5679, UDP, NULL }, { "ms-licensing", 5720, TCP, NULL },
    { "ms-licensing", 5720, UDP, NULL }, { "directplay8", 6073, TCP, NULL }, { "directplay8", 6073, UDP, NULL },
    { "man", 9535, TCP, NULL }, { "rasadv", 9753, TCP, NULL }, { "rasadv", 9753, UDP, NULL },
    { "imip-channels", 11320, TCP, NULL }, { "imip-channels", 11320, UDP, NULL },
    { "directplaysrvr", 47624, TCP, NULL }, { "directplaysrvr", 47624, UDP, NULL },
};

/* Windows' protocol file. */
static const struct {
    const char *name;
    SHORT number;
    const char *aliases;
} protocols[] = {
    { "ip", 0, "IP" }, { "icmp", 1, "ICMP" }, { "ggp", 3, "GGP" }, { "tcp", 6, "TCP" }, { "egp", 8, "EGP" },
    { "pup", 12, "PUP" }, { "udp", 17, "UDP" }, { "hmp", 20, "HMP" }, { "xns-idp", 22, "XNS-IDP" },
    { "rdp", 27, "RDP" }, { "ipv6", 41, "IPv6" }, { "ipv6-route", 43, "IPv6-Route" },
    { "ipv6-frag", 44, "IPv6-Frag" }, { "esp", 50, "ESP" }, { "ah", 51, "AH" }, { "ipv6-icmp", 58, "IPv6-ICMP" },
    { "ipv6-nonxt", 59, "IPv6-NoNxt" }, { "ipv6-opts", 60, "IPv6-Opts" }, { "rvd", 66, "RVD" },
};

/* Names compare without case, as Windows' lookups in these files do. */
static bool same(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a >= 'A' && *a <= 'Z' ? *a | 0x20 : *a) != (*b >= 'A' && *b <= 'Z' ? *b | 0x20 : *b))
            return false;
    return !*a && !*b;
}

/* Whether name is one of the space-separated aliases. */
static bool is_alias(const char *aliases, const char *name)
{
    size_t n = strlen(name);
    while (aliases && *aliases) {
        const char *end = strchr(aliases, ' ');
        size_t len = end ? (size_t)(end - aliases) : strlen(aliases);
        char one[32];
        if (len == n && len < sizeof one) {
            memcpy(one, aliases, len);
            one[len] = 0;
            if (same(one, name))
                return true;
        }
        aliases = end ? end + 1 : NULL;
    }
    return false;
}

const struct ws_service *WsServiceByName(const char *name, const char *proto)
{
    for (size_t i = 0; i < ARRAY_SIZE(services); i++)
        if ((!proto || same(proto, services[i].proto)) &&
            (same(name, services[i].name) || is_alias(services[i].aliases, name)))
            return &services[i];
    return NULL;
}

const struct ws_service *WsServiceByPort(USHORT port, const char *proto)
{
    for (size_t i = 0; i < ARRAY_SIZE(services); i++)
        if (services[i].port == port && (!proto || same(proto, services[i].proto)))
            return &services[i];
    return NULL;
}

/* SERVENT and PROTOENT as x64 Windows lays them out: on 64-bit, s_proto comes before s_port. */
typedef struct ws_servent {
    char *s_name;
    char **s_aliases;
    char *s_proto;
    SHORT s_port;
} SERVENT;
static_assert(sizeof(SERVENT) == 32 && offsetof(SERVENT, s_port) == 24, "SERVENT");

typedef struct ws_protoent {
    char *p_name;
    char **p_aliases;
    SHORT p_proto;
} PROTOENT;
static_assert(sizeof(PROTOENT) == 24, "PROTOENT");

/* The thread's answer: the entry, its NULL-terminated alias list and the strings they point to. */
struct entry_buffer {
    union {
        SERVENT serv;
        PROTOENT proto;
    };
    char *aliases[8];
    char text[128];
};
static _Thread_local struct entry_buffer serv_buffer, proto_buffer;

/* Copies name, aliases and proto into b's text; fills b's alias list and returns name's copy. */
static char *store(struct entry_buffer *b, const char *name, const char *aliases, const char *proto, char **proto_copy)
{
    char *p = b->text;
    size_t n = strlen(name) + 1;
    memcpy(p, name, n);
    char *copy = p;
    p += n;
    if (proto) {
        n = strlen(proto) + 1;
        memcpy(p, proto, n);
        *proto_copy = p;
        p += n;
    }
    size_t count = 0;
    while (aliases && *aliases && count < ARRAY_SIZE(b->aliases) - 1) {
        const char *end = strchr(aliases, ' ');
        size_t len = end ? (size_t)(end - aliases) : strlen(aliases);
        memcpy(p, aliases, len);
        p[len] = 0;
        b->aliases[count++] = p;
        p += len + 1;
        aliases = end ? end + 1 : NULL;
    }
    b->aliases[count] = NULL;
    return copy;
}

static SERVENT *give_service(const struct ws_service *s)
{
    if (!s) {
        SetLastError(WSANO_DATA);
        return NULL;
    }
    struct entry_buffer *b = &serv_buffer;
    b->serv.s_name = store(b, s->name, s->aliases, s->proto, &b->serv.s_proto);
    b->serv.s_aliases = b->aliases;
    b->serv.s_port = (SHORT)ws_htons(s->port);
    return &b->serv;
}

/* proto NULL: the first entry of any protocol. */
SERVENT *WINAPI ws_getservbyname(const char *name, const char *proto)
{
    if (!WsStarted())
        return NULL;
    if (!name) {
        WsFail(WSAEFAULT);
        return NULL;
    }
    return give_service(WsServiceByName(name, proto));
}

/* port: in network byte order. */
SERVENT *WINAPI ws_getservbyport(int port, const char *proto)
{
    if (!WsStarted())
        return NULL;
    return give_service(WsServiceByPort(ws_htons((USHORT)port), proto));
}

static PROTOENT *give_protocol(size_t i)
{
    if (i == ARRAY_SIZE(protocols)) {
        SetLastError(WSANO_DATA);
        return NULL;
    }
    struct entry_buffer *b = &proto_buffer;
    b->proto.p_name = store(b, protocols[i].name, protocols[i].aliases, NULL, NULL);
    b->proto.p_aliases = b->aliases;
    b->proto.p_proto = protocols[i].number;
    return &b->proto;
}

PROTOENT *WINAPI ws_getprotobyname(const char *name)
{
    if (!WsStarted())
        return NULL;
    if (!name) {
        WsFail(WSAEFAULT);
        return NULL;
    }
    size_t i = 0;
    while (i < ARRAY_SIZE(protocols) && !same(name, protocols[i].name) && !is_alias(protocols[i].aliases, name))
        i++;
    return give_protocol(i);
}

PROTOENT *WINAPI ws_getprotobynumber(int number)
{
    if (!WsStarted())
        return NULL;
    size_t i = 0;
    while (i < ARRAY_SIZE(protocols) && protocols[i].number != number)
        i++;
    return give_protocol(i);
}
