/*
 * dnsapi.dll: DnsQuery over the host's resolver (host/resolver.c). A/AAAA and PTR questions are answered
 * from the hosts file first, as Windows' DNS client answers them from its cache, which holds the hosts file
 * (unless DNS_QUERY_NO_HOSTS_FILE or DNS_QUERY_WIRE_ONLY); other questions, and names the file does not
 * have, go to the DNS servers (resolv.conf's, NTEXEC_NAMESERVERS', or the IP4_ARRAY given). The results
 * are the reply's answer section, CNAMEs included, each record one allocation holding its strings
 * (DnsRecordListFree frees them one by one). There is no cache: DNS_QUERY_NO_WIRE_QUERY (cache only)
 * finds the hosts file's names alone. Strings are UTF-16 for DnsQuery_W, UTF-8 for DnsQuery_UTF8 and
 * DnsQuery_A (the ANSI code page is UTF-8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/resolver.h"
#include "io/builtin.h"
#include "rtl/rtl.h"
#include "win32/k32.h"

typedef LONG DNS_STATUS;

#define ERROR_OUTOFMEMORY                 14
#define ERROR_INVALID_PARAMETER           87
#define ERROR_TIMEOUT                     1460
#define DNS_ERROR_RCODE_SERVER_FAILURE    9002
#define DNS_ERROR_RCODE_NAME_ERROR        9003
#define DNS_ERROR_RCODE_REFUSED           9005
#define DNS_INFO_NO_RECORDS               9501
#define DNS_ERROR_BAD_PACKET              9502
#define DNS_ERROR_RECORD_DOES_NOT_EXIST   9701

#define DNS_QUERY_USE_TCP_ONLY  0x00000002
#define DNS_QUERY_NO_RECURSION  0x00000004
#define DNS_QUERY_NO_WIRE_QUERY 0x00000010
#define DNS_QUERY_NO_HOSTS_FILE 0x00000040
#define DNS_QUERY_WIRE_ONLY     0x00000100
#define DNS_QUERY_TREAT_AS_FQDN 0x00001000

#define DNS_TYPE_A     1
#define DNS_TYPE_NS    2
#define DNS_TYPE_CNAME 5
#define DNS_TYPE_SOA   6
#define DNS_TYPE_PTR   12
#define DNS_TYPE_MX    15
#define DNS_TYPE_TEXT  16
#define DNS_TYPE_AAAA  28
#define DNS_TYPE_SRV   33

enum dns_charset { DNS_CHARSET_UNICODE = 1, DNS_CHARSET_UTF8 = 2, DNS_CHARSET_ANSI = 3 };

/* DNS_RECORD as x64 Windows lays it out: the type's data at offset 32. Flags: the section in bits 0-1, the
 * character set of the strings in bits 3-4. */
typedef struct dns_record {
    struct dns_record *pNext;
    void *pName;
    WORD wType;
    WORD wDataLength;
    DWORD Flags;
    DWORD dwTtl;
    DWORD dwReserved;
    union {
        DWORD Ip4;
        BYTE Ip6[16];
        struct { void *pNameHost; } Ptr;                                         /* NS, CNAME, PTR */
        struct { void *pNameExchange; WORD wPreference, Pad; } Mx;
        struct { void *pNameTarget; WORD wPriority, wWeight, wPort, Pad; } Srv;
        struct { void *pNamePrimaryServer, *pNameAdministrator; DWORD dwSerialNo, dwRefresh, dwRetry, dwExpire,
                 dwDefaultTtl; } Soa;
        struct { DWORD dwStringCount; void *pStringArray[1]; } Txt;
        struct { DWORD dwByteCount; BYTE Data[1]; } Null;                        /* any other type */
    } Data;
} DNS_RECORD;
static_assert(offsetof(DNS_RECORD, Data) == 32, "DNS_RECORD");

typedef struct {
    DWORD AddrCount;
    DWORD AddrArray[1];
} IP4_ARRAY;

/* ---- records ------------------------------------------------------------------------------------------ */

/* The strings of one record (its owner first), gathered before its one allocation is sized. */
struct record_strings {
    unsigned count;
    char text[16][256];
};

static size_t string_size(const char *utf8, enum dns_charset cs)
{
    size_t n = strlen(utf8) + 1;
    return cs == DNS_CHARSET_UNICODE ? n * sizeof(WCHAR) : n;
}

/* Copies utf8 at *at in the record's character set, advancing *at; returns where it went. */
static void *place_string(const char *utf8, enum dns_charset cs, char **at)
{
    void *out = *at;
    size_t n = strlen(utf8);
    if (cs == DNS_CHARSET_UNICODE) {
        ULONG bytes = 0;
        RtlUTF8ToUnicodeN(out, (ULONG)(n * sizeof(WCHAR)), &bytes, utf8, (ULONG)n);
        ((WCHAR *)out)[bytes / sizeof(WCHAR)] = 0;
        *at += (n + 1) * sizeof(WCHAR);
    } else {
        memcpy(out, utf8, n + 1);
        *at += n + 1;
    }
    return out;
}

/* One record: header, data of data_size bytes (copied from data when given) and the strings after them. */
static DNS_RECORD *new_record(const char *owner, WORD type, DWORD ttl, DWORD section, enum dns_charset cs,
                              size_t data_size, struct record_strings *strings, char **string_at)
{
    size_t size = offsetof(DNS_RECORD, Data) + (data_size < sizeof(((DNS_RECORD *)0)->Data) ?
                                                sizeof(((DNS_RECORD *)0)->Data) : data_size);
    size = (size + 7) & ~(size_t)7;
    size_t strings_size = string_size(owner, cs);
    for (unsigned i = 0; i < strings->count; i++)
        strings_size += string_size(strings->text[i], cs);
    DNS_RECORD *r = calloc(1, size + strings_size);
    if (!r)
        return NULL;
    *string_at = (char *)r + size;
    r->pName = place_string(owner, cs, string_at);
    r->wType = type;
    r->wDataLength = (WORD)data_size;
    r->Flags = section | (DWORD)cs << 3;
    r->dwTtl = ttl;
    return r;
}

static void free_list(DNS_RECORD *r)
{
    while (r) {
        DNS_RECORD *next = r->pNext;
        free(r);
        r = next;
    }
}

/* A record of the reply as a DNS_RECORD; NULL with *status set when it cannot be read or allocated. */
static DNS_RECORD *convert(const uint8_t *reply, size_t len, const struct host_dns_record *rr, enum dns_charset cs,
                           DNS_STATUS *status)
{
    struct record_strings s = { 0 };
    const uint8_t *d = rr->data, *end = rr->data + rr->length;
    size_t used = 0, data_size;
    bool ok = true;
    DWORD numbers[5] = { 0 };
    switch (rr->type) {
    case DNS_TYPE_A:
    case DNS_TYPE_AAAA:
        data_size = rr->type == DNS_TYPE_A ? 4 : 16;
        ok = rr->length == data_size;
        break;
    case DNS_TYPE_NS:
    case DNS_TYPE_CNAME:
    case DNS_TYPE_PTR:
        data_size = sizeof(void *);
        ok = host_dns_name(reply, len, d, s.text[s.count++], 256, &used);
        break;
    case DNS_TYPE_MX:
        data_size = 16;
        ok = rr->length > 2 && host_dns_name(reply, len, d + 2, s.text[s.count++], 256, &used);
        numbers[0] = ok ? (DWORD)(d[0] << 8 | d[1]) : 0;
        break;
    case DNS_TYPE_SRV:
        data_size = 16;
        ok = rr->length > 6 && host_dns_name(reply, len, d + 6, s.text[s.count++], 256, &used);
        for (int i = 0; ok && i < 3; i++)
            numbers[i] = (DWORD)(d[2 * i] << 8 | d[2 * i + 1]);
        break;
    case DNS_TYPE_SOA:
        data_size = 40;
        ok = host_dns_name(reply, len, d, s.text[s.count++], 256, &used);
        if (ok) {
            size_t more;
            ok = host_dns_name(reply, len, d + used, s.text[s.count++], 256, &more) && d + used + more + 20 <= end;
            for (int i = 0; ok && i < 5; i++) {
                const uint8_t *p = d + used + more + 4 * i;
                numbers[i] = (DWORD)p[0] << 24 | (DWORD)p[1] << 16 | (DWORD)p[2] << 8 | p[3];
            }
        }
        break;
    case DNS_TYPE_TEXT:
        for (const uint8_t *p = d; ok && p < end; p += 1 + *p) {
            ok = p + 1 + *p <= end && s.count < ARRAY_SIZE(s.text);
            if (ok) {
                memcpy(s.text[s.count], p + 1, *p);
                s.text[s.count++][*p] = 0;
            }
        }
        data_size = 8 + 8 * (s.count ? s.count : 1);
        break;
    default:
        data_size = 4 + rr->length;
        break;
    }
    if (!ok) {
        *status = DNS_ERROR_BAD_PACKET;
        return NULL;
    }
    char *at;
    DNS_RECORD *r = new_record(rr->name, rr->type, rr->ttl, rr->section, cs, data_size, &s, &at);
    if (!r) {
        *status = ERROR_OUTOFMEMORY;
        return NULL;
    }
    switch (rr->type) {
    case DNS_TYPE_A:
    case DNS_TYPE_AAAA:
        memcpy(&r->Data, d, data_size);
        break;
    case DNS_TYPE_NS:
    case DNS_TYPE_CNAME:
    case DNS_TYPE_PTR:
        r->Data.Ptr.pNameHost = place_string(s.text[0], cs, &at);
        break;
    case DNS_TYPE_MX:
        r->Data.Mx.pNameExchange = place_string(s.text[0], cs, &at);
        r->Data.Mx.wPreference = (WORD)numbers[0];
        break;
    case DNS_TYPE_SRV:
        r->Data.Srv.pNameTarget = place_string(s.text[0], cs, &at);
        r->Data.Srv.wPriority = (WORD)numbers[0];
        r->Data.Srv.wWeight = (WORD)numbers[1];
        r->Data.Srv.wPort = (WORD)numbers[2];
        break;
    case DNS_TYPE_SOA:
        r->Data.Soa.pNamePrimaryServer = place_string(s.text[0], cs, &at);
        r->Data.Soa.pNameAdministrator = place_string(s.text[1], cs, &at);
        r->Data.Soa.dwSerialNo = numbers[0];
        r->Data.Soa.dwRefresh = numbers[1];
        r->Data.Soa.dwRetry = numbers[2];
        r->Data.Soa.dwExpire = numbers[3];
        r->Data.Soa.dwDefaultTtl = numbers[4];
        break;
    case DNS_TYPE_TEXT:
        r->Data.Txt.dwStringCount = s.count;
        for (unsigned i = 0; i < s.count; i++) {   /* the array runs on past the union's one entry */
            void *string = place_string(s.text[i], cs, &at);
            memcpy((char *)r + offsetof(DNS_RECORD, Data.Txt.pStringArray) + i * sizeof string, &string,
                   sizeof string);
        }
        break;
    default:
        r->Data.Null.dwByteCount = rr->length;
        memcpy((char *)r + offsetof(DNS_RECORD, Data.Null.Data), d, rr->length);
        break;
    }
    return r;
}

/* ---- the hosts file ------------------------------------------------------------------------------------- */

/* The address an in-addr.arpa or ip6.arpa name stands for; false for any other name. */
static bool arpa_address(const char *name, struct host_name_addr *a)
{
    memset(a, 0, sizeof *a);
    unsigned v[4];
    char tail[32];
    if (sscanf(name, "%u.%u.%u.%u.%31s", &v[0], &v[1], &v[2], &v[3], tail) == 5 &&
        host_dns_same_name(tail, "in-addr.arpa") && v[0] < 256 && v[1] < 256 && v[2] < 256 && v[3] < 256) {
        a->family = 4;
        for (int i = 0; i < 4; i++)
            a->addr[i] = (uint8_t)v[3 - i];
        return true;
    }
    const char *p = name;
    for (int i = 0; i < 32; i++, p += 2) {
        int c = p[0] | 0x20, x = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (x < 0 || p[1] != '.')
            return false;
        a->addr[15 - i / 2] |= (uint8_t)(i % 2 ? x << 4 : x);
    }
    a->family = 6;
    return host_dns_same_name(p, "ip6.arpa");
}

/* A/AAAA/PTR records for name from the hosts file (owned by the name without a final dot, as names come in
 * replies); NULL when it has none. */
static DNS_RECORD *hosts_records(const char *query_name, WORD type, enum dns_charset cs, DNS_STATUS *status)
{
    char name[256];
    snprintf(name, sizeof name, "%s", query_name);
    size_t len = strlen(name);
    if (len > 1 && name[len - 1] == '.')
        name[len - 1] = 0;
    DNS_RECORD *first = NULL, **link = &first;
    struct record_strings s = { 0 };
    char *at;
    if (type == DNS_TYPE_PTR) {
        struct host_name_addr a;
        if (!arpa_address(name, &a) || host_hosts_address(&a, s.text[0], sizeof s.text[0]))
            return NULL;
        s.count = 1;
        if (!(first = new_record(name, type, 0, 1, cs, sizeof(void *), &s, &at))) {
            *status = ERROR_OUTOFMEMORY;
            return NULL;
        }
        first->Data.Ptr.pNameHost = place_string(s.text[0], cs, &at);
        return first;
    }
    struct host_name_addr addrs[HOST_NAME_MAX_ADDRS];
    uint32_t n;
    char canon[256];
    if (host_hosts_name(name, type == DNS_TYPE_A, type == DNS_TYPE_AAAA, addrs, HOST_NAME_MAX_ADDRS, &n, canon,
                        sizeof canon))
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        size_t size = type == DNS_TYPE_A ? 4 : 16;
        if (!(*link = new_record(name, type, 0, 1, cs, size, &s, &at))) {
            free_list(first);
            *status = ERROR_OUTOFMEMORY;
            return NULL;
        }
        memcpy(&(*link)->Data, addrs[i].addr, size);
        link = &(*link)->pNext;
    }
    return first;
}

/* ---- DnsQuery ---------------------------------------------------------------------------------------- */

static DNS_STATUS query_status(NTSTATUS status)
{
    switch (status) {
    case STATUS_NOT_FOUND:       return DNS_ERROR_RCODE_NAME_ERROR;
    case STATUS_NO_MORE_ENTRIES: return DNS_INFO_NO_RECORDS;
    case STATUS_IO_TIMEOUT:      return ERROR_TIMEOUT;
    case STATUS_RETRY:           return DNS_ERROR_RCODE_SERVER_FAILURE;
    case STATUS_NO_MEMORY:       return ERROR_OUTOFMEMORY;
    default:                     return DNS_ERROR_RCODE_REFUSED;
    }
}

static DNS_STATUS query(const char *name, WORD type, DWORD options, const IP4_ARRAY *servers, DNS_RECORD **results,
                        enum dns_charset cs)
{
    if (!name || !*name || !results)
        return ERROR_INVALID_PARAMETER;
    *results = NULL;
    DNS_STATUS status = 0;
    if (!(options & (DNS_QUERY_NO_HOSTS_FILE | DNS_QUERY_WIRE_ONLY)) &&
        (type == DNS_TYPE_A || type == DNS_TYPE_AAAA || type == DNS_TYPE_PTR) &&
        ((*results = hosts_records(name, type, cs, &status)) || status))
        return status;
    if (options & DNS_QUERY_NO_WIRE_QUERY)
        return DNS_ERROR_RECORD_DOES_NOT_EXIST;
    struct host_nameserver list[3];
    uint32_t n = 0;
    for (DWORD i = 0; servers && i < servers->AddrCount && n < ARRAY_SIZE(list); i++, n++) {
        memcpy(list[n].addr, &servers->AddrArray[i], 4);
        list[n].port = 53;
    }
    if (servers && !n)
        return ERROR_INVALID_PARAMETER;
    unsigned flags = (options & DNS_QUERY_USE_TCP_ONLY ? HOST_DNS_TCP : 0) |
                     (options & DNS_QUERY_NO_RECURSION ? HOST_DNS_NO_RECURSE : 0) |
                     (options & DNS_QUERY_TREAT_AS_FQDN ? HOST_DNS_AS_IS : 0);
    uint8_t *reply;
    size_t len;
    NTSTATUS st = host_dns_query(name, type, flags, servers ? list : NULL, n, &reply, &len);
    if (st)
        return query_status(st);
    DNS_RECORD **link = results;
    struct host_dns_record rr;
    for (int i = 0; !status && host_dns_record(reply, len, 1, i, &rr); i++)
        if ((*link = convert(reply, len, &rr, cs, &status)))
            link = &(*link)->pNext;
    free(reply);
    if (!status && !*results)
        status = DNS_INFO_NO_RECORDS;
    if (status) {
        free_list(*results);
        *results = NULL;
    }
    return status;
}

DNS_STATUS WINAPI DnsQuery_W(const WCHAR *name, WORD type, DWORD options, const IP4_ARRAY *servers,
                             DNS_RECORD **results, void **reserved)
{
    (void)reserved;
    char utf8[1024];
    ULONG bytes = 0;
    if (name) {
        size_t n = RtlpWcslen(name);
        if (RtlUnicodeToUTF8N(utf8, sizeof utf8 - 1, &bytes, name, (ULONG)(n * sizeof(WCHAR))) ||
            bytes >= sizeof utf8)
            return ERROR_INVALID_PARAMETER;
        utf8[bytes] = 0;
    }
    return query(name ? utf8 : NULL, type, options, servers, results, DNS_CHARSET_UNICODE);
}

DNS_STATUS WINAPI DnsQuery_UTF8(const char *name, WORD type, DWORD options, const IP4_ARRAY *servers,
                                DNS_RECORD **results, void **reserved)
{
    (void)reserved;
    return query(name, type, options, servers, results, DNS_CHARSET_UTF8);
}

DNS_STATUS WINAPI DnsQuery_A(const char *name, WORD type, DWORD options, const IP4_ARRAY *servers,
                             DNS_RECORD **results, void **reserved)
{
    (void)reserved;
    return query(name, type, options, servers, results, DNS_CHARSET_ANSI);
}

/* DnsFreeFlat (0) frees one block, DnsFreeRecordList (1) a record list; DnsFreeParsedMessageFields (2)
 * concerns a DNS_PARSED_MESSAGE, which nothing here hands out, so there is nothing of ours to free. */
void WINAPI DnsFree(void *data, DWORD type)
{
    if (type == 0)
        free(data);
    else if (type == 1)
        free_list(data);
}

void WINAPI DnsRecordListFree(DNS_RECORD *list, DWORD type)
{
    (void)type;   /* every kind of list is records allocated one by one */
    free_list(list);
}

/* Names compare without case, and a final dot changes nothing. */
static bool same_name(const WCHAR *a, const WCHAR *b)
{
    size_t la = RtlpWcslen(a), lb = RtlpWcslen(b);
    if (la && a[la - 1] == '.')
        la--;
    if (lb && b[lb - 1] == '.')
        lb--;
    if (la != lb)
        return false;
    for (size_t i = 0; i < la; i++)
        if (RtlUpcaseUnicodeChar(a[i]) != RtlUpcaseUnicodeChar(b[i]))
            return false;
    return true;
}

BOOL WINAPI DnsNameCompare_W(const WCHAR *a, const WCHAR *b)
{
    return a && b && same_name(a, b);
}

BOOL WINAPI DnsNameCompare_A(const char *a, const char *b)
{
    WCHAR wa[256], wb[256];
    ULONG na = 0, nb = 0;
    if (!a || !b || RtlUTF8ToUnicodeN(wa, sizeof wa - sizeof(WCHAR), &na, a, (ULONG)strlen(a)) ||
        RtlUTF8ToUnicodeN(wb, sizeof wb - sizeof(WCHAR), &nb, b, (ULONG)strlen(b)))
        return FALSE;
    wa[na / sizeof(WCHAR)] = 0;
    wb[nb / sizeof(WCHAR)] = 0;
    return same_name(wa, wb);
}

static const struct builtin_export dnsapi_exports[] = {
    BUILTIN_FUNCTION("DnsFree", DnsFree),
    BUILTIN_FUNCTION("DnsNameCompare_A", DnsNameCompare_A),
    BUILTIN_FUNCTION("DnsNameCompare_W", DnsNameCompare_W),
    BUILTIN_FUNCTION("DnsQuery_A", DnsQuery_A),
    BUILTIN_FUNCTION("DnsQuery_UTF8", DnsQuery_UTF8),
    BUILTIN_FUNCTION("DnsQuery_W", DnsQuery_W),
    BUILTIN_FUNCTION("DnsRecordListFree", DnsRecordListFree),
};

static const struct builtin_dll dnsapi = {
    .name = "DNSAPI.dll",
    .exports = dnsapi_exports,
    .nexports = ARRAY_SIZE(dnsapi_exports),
};
BUILTIN_DLL(dnsapi);
