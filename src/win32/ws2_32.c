/*
 * ws2_32.dll without a network stack: ntexec has no sockets, so this DLL is what Windows shows when
 * the network subsystem is not available. It exists because Go's runtime resolves WSAGetOverlappedResult
 * at start-up (and panics if the DLL or the function is missing); nothing here pretends to work:
 * WSAStartup fails with WSASYSNOTREADY, and every other call fails with WSANOTINITIALISED, as it does on
 * Windows before a successful WSAStartup.
 */
#include "io/builtin.h"
#include "win32/k32.h"

#define WSASYSNOTREADY    10091
#define WSANOTINITIALISED 10093

int WINAPI WSAStartup(WORD version, PVOID data)
{
    (void)version;
    (void)data;
    return WSASYSNOTREADY;   /* returned, not set: WSAGetLastError is not usable before WSAStartup */
}

int WINAPI WSACleanup(void)
{
    SetLastError(WSANOTINITIALISED);
    return -1;   /* SOCKET_ERROR */
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
    SetLastError(WSANOTINITIALISED);
    return FALSE;
}

static const struct builtin_export ws2_32_exports[] = {
    BUILTIN_FUNCTION("WSACleanup", WSACleanup),
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
