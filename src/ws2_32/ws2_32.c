/*
 * ws2_32.dll without transport providers: ntexec has no sockets. WSAStartup succeeds, as it does on any
 * Windows (it loads Winsock and negotiates the version; it does not need a network), because runtimes
 * call it before any file I/O (Go's internal/poll does at init, and treats stdout as a socket when it
 * fails). Nothing here pretends to move data: calls before WSAStartup fail with WSANOTINITIALISED, and
 * WSAGetOverlappedResult reports that its argument is not a socket (there are none); the protocol
 * catalogue (WSAEnumProtocols) is empty.
 */
#include <string.h>

#include "io/builtin.h"
#include "win32/k32.h"

#define WSAENOTSOCK        10038
#define WSAVERNOTSUPPORTED 10092
#define WSANOTINITIALISED  10093

/* WSADATA as x64 Windows lays it out (the counts and vendor pointer before the strings on 64-bit). */
typedef struct {
    WORD wVersion;
    WORD wHighVersion;
    USHORT iMaxSockets;
    USHORT iMaxUdpDg;
    char *lpVendorInfo;
    char szDescription[257];
    char szSystemStatus[129];
} WSADATA;

static volatile LONG startups;   /* successful WSAStartup calls not yet matched by WSACleanup */

/* ws2_32 serves versions 1.0 to 2.2 (WSAStartup's documentation): a higher request gets 2.2, a request
 * below 1.0 is refused. */
int WINAPI WSAStartup(WORD version, WSADATA *data)
{
    BYTE major = (BYTE)version, minor = (BYTE)(version >> 8);
    if (major < 1)
        return WSAVERNOTSUPPORTED;
    if (!data)
        return 10014;   /* WSAEFAULT */
    memset(data, 0, sizeof *data);
    data->wVersion = major > 2 || (major == 2 && minor >= 2) ? 0x0202 : version;
    data->wHighVersion = 0x0202;
    strcpy(data->szDescription, "WinSock 2.0");
    strcpy(data->szSystemStatus, "Running");
    __atomic_add_fetch(&startups, 1, __ATOMIC_RELAXED);
    return 0;
}

int WINAPI WSACleanup(void)
{
    LONG n = __atomic_load_n(&startups, __ATOMIC_RELAXED);
    do {
        if (n == 0) {
            SetLastError(WSANOTINITIALISED);
            return -1;   /* SOCKET_ERROR */
        }
    } while (!__atomic_compare_exchange_n(&startups, &n, n - 1, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    return 0;
}

int WINAPI WSAGetLastError(void)
{
    return (int)GetLastError();
}

void WINAPI WSASetLastError(int error)
{
    SetLastError((DWORD)error);
}

BOOL WINAPI WSAGetOverlappedResult(ULONG_PTR socket, PVOID overlapped, DWORD *transferred, BOOL wait, DWORD *flags)
{
    (void)socket;
    (void)overlapped;
    (void)transferred;
    (void)wait;
    (void)flags;
    SetLastError(__atomic_load_n(&startups, __ATOMIC_RELAXED) ? WSAENOTSOCK : WSANOTINITIALISED);
    return FALSE;
}

/* The protocol catalogue is empty (no transport providers), so it lists no protocol, whatever the filter
 * and whatever the buffer's size (an empty list never needs WSAENOBUFS). Go's internal/poll asks at init
 * whether every TCP provider has IFS handles; with none it is told yes, which concerns only sockets. */
static int enum_protocols(DWORD *length)
{
    if (!__atomic_load_n(&startups, __ATOMIC_RELAXED)) {
        SetLastError(WSANOTINITIALISED);
        return -1;   /* SOCKET_ERROR */
    }
    if (!length) {
        SetLastError(10014);   /* WSAEFAULT */
        return -1;
    }
    return 0;
}

int WINAPI WSAEnumProtocolsA(int *protocols, PVOID buffer, DWORD *length)
{
    (void)protocols;
    (void)buffer;
    return enum_protocols(length);
}

int WINAPI WSAEnumProtocolsW(int *protocols, PVOID buffer, DWORD *length)
{
    (void)protocols;
    (void)buffer;
    return enum_protocols(length);
}

static const struct builtin_export ws2_32_exports[] = {
    BUILTIN_FUNCTION("WSACleanup", WSACleanup),
    BUILTIN_FUNCTION("WSAEnumProtocolsA", WSAEnumProtocolsA),
    BUILTIN_FUNCTION("WSAEnumProtocolsW", WSAEnumProtocolsW),
    BUILTIN_FUNCTION("WSAGetLastError", WSAGetLastError),
    BUILTIN_FUNCTION("WSAGetOverlappedResult", WSAGetOverlappedResult),
    BUILTIN_FUNCTION("WSASetLastError", WSASetLastError),
    BUILTIN_FUNCTION("WSAStartup", WSAStartup),
};

static const struct builtin_dll ws2_32 = {
    .name = "WS2_32.dll",
    .exports = ws2_32_exports,
    .nexports = ARRAY_SIZE(ws2_32_exports),
};
BUILTIN_DLL(ws2_32);
