/*
 * The protocol catalogue: the base providers Windows 10 installs for the transports ntexec serves (TCP and
 * UDP over IPv4 and IPv6, AF_UNIX streams), with the provider GUIDs, catalog entry ids and service flags
 * `netsh winsock show catalog` shows on Windows 10. The raw, RSVP, Hyper-V and Bluetooth entries Windows
 * also lists are left out: socket() refuses those kinds here, so listing them would promise what cannot
 * be had. The entries keep Windows' ids, so the ids have gaps (1003, 1006, 1007-1011).
 */
#include <string.h>

#include "ws2_32/ws2_32.h"

#define WSAENOBUFS 10055

/* dwServiceFlags1 bits (winsock2.h) */
#define XP1_CONNECTIONLESS      0x00000001
#define XP1_GUARANTEED_DELIVERY 0x00000002
#define XP1_GUARANTEED_ORDER    0x00000004
#define XP1_MESSAGE_ORIENTED    0x00000008
#define XP1_GRACEFUL_CLOSE      0x00000020
#define XP1_EXPEDITED_DATA      0x00000040
#define XP1_SUPPORT_BROADCAST   0x00000200
#define XP1_SUPPORT_MULTIPOINT  0x00000400
#define XP1_IFS_HANDLES         0x00020000

#define PFL_MATCHES_PROTOCOL_ZERO 0x00000008
#define BASE_PROTOCOL             1
#define BIGENDIAN                 0x0000

/* 0x20066 and 0x20609, the flags Windows' TCP and UDP providers report; AF_UNIX is a stream without
 * expedited data (no MSG_OOB). */
#define FLAGS_TCP  (XP1_IFS_HANDLES | XP1_EXPEDITED_DATA | XP1_GRACEFUL_CLOSE | XP1_GUARANTEED_ORDER | \
                    XP1_GUARANTEED_DELIVERY)
#define FLAGS_UDP  (XP1_IFS_HANDLES | XP1_SUPPORT_MULTIPOINT | XP1_SUPPORT_BROADCAST | XP1_MESSAGE_ORIENTED | \
                    XP1_CONNECTIONLESS)
#define FLAGS_UNIX (XP1_IFS_HANDLES | XP1_GRACEFUL_CLOSE | XP1_GUARANTEED_ORDER | XP1_GUARANTEED_DELIVERY)

/* The providers: wshtcpip (IPv4), wship6 (IPv6), wshunix (AF_UNIX). */
static const GUID tcpip4 = { 0xE70F1AA0, 0xAB8B, 0x11CF, { 0x8C, 0xA3, 0x00, 0x80, 0x5F, 0x48, 0xA1, 0x92 } };
static const GUID tcpip6 = { 0xF9EAB0C0, 0x26D4, 0x11D0, { 0xBB, 0xBF, 0x00, 0xAA, 0x00, 0x6C, 0x34, 0xE4 } };
static const GUID afunix = { 0xA00943D9, 0x9C2E, 0x4633, { 0x9B, 0x59, 0x00, 0x57, 0xA3, 0x16, 0x09, 0x94 } };

static const struct entry {
    const char *name;
    const GUID *provider;
    DWORD id, flags, message_size;
    int family, max_addr, min_addr, type, protocol;
} catalog[] = {
    /* Windows 10's order: the IPv6 providers before the IPv4 ones, AF_UNIX after the QoS entries. A
     * datagram's largest message is 65467 bytes (0xFFBB: 65535 less the IP and UDP headers). */
    { "MSAFD Tcpip [TCP/IPv6]", &tcpip6, 1001, FLAGS_TCP, 0, 23, 28, 28, 1, 6 },
    { "MSAFD Tcpip [UDP/IPv6]", &tcpip6, 1002, FLAGS_UDP, 0xFFBB, 23, 28, 28, 2, 17 },
    { "MSAFD Tcpip [TCP/IP]", &tcpip4, 1004, FLAGS_TCP, 0, 2, 16, 16, 1, 6 },
    { "MSAFD Tcpip [UDP/IP]", &tcpip4, 1005, FLAGS_UDP, 0xFFBB, 2, 16, 16, 2, 17 },
    /* A SOCKADDR_UN is 110 bytes; the least address is its family alone (an unnamed socket). */
    { "AF_UNIX", &afunix, 1012, FLAGS_UNIX, 0, 1, 110, 2, 1, 0 },
};

static void fill(const struct entry *e, WSAPROTOCOL_INFOW *info)
{
    memset(info, 0, offsetof(WSAPROTOCOL_INFOW, szProtocol));
    info->dwServiceFlags1 = e->flags;
    info->dwProviderFlags = e->protocol ? PFL_MATCHES_PROTOCOL_ZERO : 0;
    info->ProviderId = *e->provider;
    info->dwCatalogEntryId = e->id;
    info->ProtocolChain.ChainLen = BASE_PROTOCOL;
    info->iVersion = 2;
    info->iAddressFamily = e->family;
    info->iMaxSockAddr = e->max_addr;
    info->iMinSockAddr = e->min_addr;
    info->iSocketType = e->type;
    info->iProtocol = e->protocol;
    info->iNetworkByteOrder = BIGENDIAN;
    info->dwMessageSize = e->message_size;
}

bool WsProtocolInfo(int family, int type, WSAPROTOCOL_INFOW *info)
{
    for (size_t i = 0; i < ARRAY_SIZE(catalog); i++)
        if (catalog[i].family == family && catalog[i].type == type) {
            fill(&catalog[i], info);
            size_t k = 0;
            for (; catalog[i].name[k]; k++)
                info->szProtocol[k] = (WCHAR)catalog[i].name[k];
            memset(info->szProtocol + k, 0, sizeof info->szProtocol - k * sizeof(WCHAR));
            return true;
        }
    return false;
}

static bool wanted(const struct entry *e, const int *protocols)
{
    if (!protocols)
        return true;
    for (; *protocols; protocols++)
        if (*protocols == e->protocol)
            return true;
    return false;
}

/* WSAEnumProtocols for entries of size bytes (the A form's name is 256 chars, the W form's 256 WCHARs): the
 * count written, or SOCKET_ERROR with WSAENOBUFS and *length set to the room needed. */
static int enum_protocols(const int *protocols, void *buffer, DWORD *length, size_t size, bool wide)
{
    if (!WsStarted())
        return SOCKET_ERROR;
    if (!length)
        return WsFail(WSAEFAULT);
    DWORD count = 0;
    for (size_t i = 0; i < ARRAY_SIZE(catalog); i++)
        count += wanted(&catalog[i], protocols);
    DWORD need = (DWORD)(count * size);
    if (count && (!buffer || *length < need)) {   /* an empty list needs no room */
        *length = need;
        return WsFail(WSAENOBUFS);
    }
    char *out = buffer;
    for (size_t i = 0; i < ARRAY_SIZE(catalog); i++) {
        if (!wanted(&catalog[i], protocols))
            continue;
        fill(&catalog[i], (WSAPROTOCOL_INFOW *)out);
        char *name = out + offsetof(WSAPROTOCOL_INFOW, szProtocol);
        memset(name, 0, size - offsetof(WSAPROTOCOL_INFOW, szProtocol));
        for (size_t k = 0; catalog[i].name[k]; k++) {
            if (wide)
                ((WCHAR *)name)[k] = (WCHAR)catalog[i].name[k];
            else
                name[k] = catalog[i].name[k];
        }
        out += size;
    }
    return (int)count;
}

int WINAPI WSAEnumProtocolsA(int *protocols, PVOID buffer, DWORD *length)
{
    return enum_protocols(protocols, buffer, length, sizeof(WSAPROTOCOL_INFOA), false);
}

int WINAPI WSAEnumProtocolsW(int *protocols, PVOID buffer, DWORD *length)
{
    return enum_protocols(protocols, buffer, length, sizeof(WSAPROTOCOL_INFOW), true);
}
