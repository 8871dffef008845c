/*
 * mswsock.dll: the Microsoft extensions to Windows Sockets that programs import by name (Go's syscall
 * package takes AcceptEx, GetAcceptExSockaddrs and TransmitFile from here). They are ws2_32's
 * (src/ws2_32/extensions.c), where WSAIoctl hands out the same functions by GUID.
 */
#include "io/builtin.h"
#include "ws2_32/ws2_32.h"

static const struct builtin_export mswsock_exports[] = {
    BUILTIN_FUNCTION("AcceptEx", AcceptEx),
    BUILTIN_FUNCTION("GetAcceptExSockaddrs", GetAcceptExSockaddrs),
    BUILTIN_FUNCTION("TransmitFile", TransmitFile),
    BUILTIN_FUNCTION("WSARecvEx", WSARecvEx),
};

static const struct builtin_dll mswsock = {
    .name = "MSWSOCK.dll",
    .exports = mswsock_exports,
    .nexports = ARRAY_SIZE(mswsock_exports),
};
BUILTIN_DLL(mswsock);
